package admin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

const (
	testKey    = "sk-ant-admin01-TESTSECRET-do-not-leak"
	testPrefix = "/mounted"
)

// seen is one request as the test server received it.
type seen struct {
	Method string
	Path   string // with the mount prefix removed
	Query  url.Values
	Header http.Header
	Body   []byte
}

// reply is one canned response.
type reply struct {
	Status int
	Header map[string]string
	Body   string
}

// fakeAPI is an httptest server mounted under testPrefix that records every
// request and answers from a queue of replies (the last one repeats) or a
// handler.
type fakeAPI struct {
	*httptest.Server
	t       *testing.T
	mu      sync.Mutex
	seen    []seen
	replies []reply
	handler func(w http.ResponseWriter, r *http.Request, body []byte)
}

func newFakeAPI(t *testing.T, replies ...reply) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, replies: replies}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	path, ok := strings.CutPrefix(r.URL.Path, testPrefix)
	if !ok {
		f.t.Errorf("request path %q is not under the base URL's path %q", r.URL.Path, testPrefix)
	}
	f.mu.Lock()
	f.seen = append(f.seen, seen{Method: r.Method, Path: path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body})
	n := len(f.seen)
	f.mu.Unlock()
	if f.handler != nil {
		f.handler(w, r, body)
		return
	}
	if len(f.replies) == 0 {
		f.t.Errorf("unexpected request %s %s", r.Method, r.URL)
		w.WriteHeader(500)
		return
	}
	rep := f.replies[min(n, len(f.replies))-1]
	for k, v := range rep.Header {
		w.Header().Set(k, v)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(cmp(rep.Status, 200))
	io.WriteString(w, rep.Body)
}

func cmp(v, fallback int) int {
	if v == 0 {
		return fallback
	}
	return v
}

// requests returns what the server has received so far.
func (f *fakeAPI) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.seen...)
}

// only returns the single request the server received, failing otherwise.
func (f *fakeAPI) only() seen {
	f.t.Helper()
	reqs := f.requests()
	if len(reqs) != 1 {
		f.t.Fatalf("server got %d requests, want 1", len(reqs))
	}
	return reqs[0]
}

// client returns a client for the server whose retries never sleep.
func (f *fakeAPI) client(opts ...admin.Option) *admin.Client {
	f.t.Helper()
	base := []admin.Option{
		admin.WithAPIKey(testKey),
		admin.WithBaseURL(f.URL + testPrefix),
		admin.WithRetrySleep(func(ctx context.Context, d time.Duration) error { return ctx.Err() }),
	}
	c, err := admin.NewClient(append(base, opts...)...)
	if err != nil {
		f.t.Fatalf("NewClient: %v", err)
	}
	return c
}

// want describes the exact request an endpoint must send.
type want struct {
	Method string
	Path   string
	Query  url.Values // nil: no query at all
	Body   string     // JSON, compared by value; "": no body
	Header map[string]string
}

// check asserts that got is exactly w, plus the headers every request carries.
func (w want) check(t *testing.T, got seen) {
	t.Helper()
	if got.Method != w.Method || got.Path != w.Path {
		t.Errorf("request = %s %s, want %s %s", got.Method, got.Path, w.Method, w.Path)
	}
	wantQuery := w.Query
	if wantQuery == nil {
		wantQuery = url.Values{}
	}
	if !reflect.DeepEqual(got.Query, wantQuery) {
		t.Errorf("query = %v, want %v", got.Query, wantQuery)
	}
	switch {
	case w.Body == "" && len(got.Body) != 0:
		t.Errorf("body = %s, want none", got.Body)
	case w.Body != "":
		var gotV, wantV any
		if err := json.Unmarshal(got.Body, &gotV); err != nil {
			t.Errorf("body %q is not JSON: %v", got.Body, err)
		}
		if err := json.Unmarshal([]byte(w.Body), &wantV); err != nil {
			t.Fatalf("bad want body: %v", err)
		}
		if !reflect.DeepEqual(gotV, wantV) {
			t.Errorf("body = %s, want %s", got.Body, w.Body)
		}
		if ct := got.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q, want application/json", ct)
		}
	}
	headers := map[string]string{
		"X-Api-Key":         testKey,
		"Anthropic-Version": "2023-06-01",
		"Accept":            "application/json",
		"User-Agent":        "anthropic-admin-go/" + admin.Version,
	}
	for k, v := range w.Header {
		headers[k] = v
	}
	for k, v := range headers {
		if g := got.Header.Get(k); g != v {
			t.Errorf("header %s = %q, want %q", k, g, v)
		}
	}
}

// jsonEqual asserts that two JSON documents are equal by value.
func jsonEqual(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("got %q is not JSON: %v", got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("want %q is not JSON: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("JSON = %s\nwant %s", compact(got), compact(want))
	}
}

func compact(b []byte) string {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return string(b)
	}
	return buf.String()
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// refusal is a call that must be refused before anything is sent.
type refusal struct {
	name string
	call func() error
}

// checkRefusals runs each call and asserts that it was refused with a
// *ParamError and that none of them reached the server.
func checkRefusals(t *testing.T, api *fakeAPI, cases []refusal) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.call()
			var pe *admin.ParamError
			if !errors.As(err, &pe) || !errors.Is(err, admin.ErrInvalidParam) {
				t.Errorf("err = %v (%T), want a *ParamError, ErrInvalidParam", err, err)
			}
		})
	}
	if n := len(api.requests()); n != 0 {
		t.Errorf("bad input sent %d requests", n)
	}
}

// endpointCase is one call of an endpoint against a canned reply, and the
// exact request it must send.
type endpointCase struct {
	name  string
	reply string
	call  func(*admin.Client) (any, error)
	want  want
}

// run makes the call against a fresh server answering tc.reply, checks the
// request it sent, and returns what the call returned.
func (tc endpointCase) run(t *testing.T) any {
	t.Helper()
	api := newFakeAPI(t, reply{Body: tc.reply})
	got, err := tc.call(api.client())
	if err != nil {
		t.Fatal(err)
	}
	tc.want.check(t, api.only())
	return got
}

// resultJSON returns the JSON of each of a bucket's results as the server
// sent it, read from the bucket's RawJSON: results keep none of their own.
func resultJSON[R any](t *testing.T, b admin.ReportBucket[R]) []json.RawMessage {
	t.Helper()
	var wire struct {
		Results []json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(b.RawJSON(), &wire); err != nil {
		t.Fatalf("bucket RawJSON %s: %v", b.RawJSON(), err)
	}
	if len(wire.Results) != len(b.Results) {
		t.Fatalf("bucket RawJSON has %d results, the bucket %d", len(wire.Results), len(b.Results))
	}
	return wire.Results
}
