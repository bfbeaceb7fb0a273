package admintest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/admintest"
)

// fixedNow is the clock of every test fake, so data and IDs are stable.
var fixedNow = time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)

func newDemo(t *testing.T) *admintest.Server {
	t.Helper()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return fixedNow }))
	t.Cleanup(srv.Close)
	return srv
}

func newEmpty(t *testing.T) *admintest.Server {
	t.Helper()
	srv := admintest.NewServer(admintest.WithClock(func() time.Time { return fixedNow }))
	t.Cleanup(srv.Close)
	return srv
}

// response is a raw answer from the fake.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("body %q is not a JSON object: %v", r.Body, err)
	}
	return m
}

// errorType returns error.type of an error body, checking the envelope.
func (r response) errorType(t *testing.T) string {
	t.Helper()
	m := r.json(t)
	if m["type"] != "error" {
		t.Fatalf("error body type = %v, want error: %s", m["type"], r.Body)
	}
	if rid, _ := m["request_id"].(string); rid == "" || rid != r.Header.Get("request-id") {
		t.Errorf("request_id %v does not match the request-id header %q", m["request_id"], r.Header.Get("request-id"))
	}
	e, _ := m["error"].(map[string]any)
	if msg, _ := e["message"].(string); msg == "" {
		t.Errorf("error without message: %s", r.Body)
	}
	typ, _ := e["type"].(string)
	return typ
}

// send makes a raw request with the admin key and the docs' version header;
// header entries override or, with an empty value, remove headers.
func send(t *testing.T, srv *admintest.Server, method, path, body string, header ...string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-api-key", srv.AdminKey())
	req.Header.Set("anthropic-version", "2023-06-01")
	if body != "" {
		req.Header.Set("content-type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.Header.Get("request-id") == "" {
		t.Errorf("%s %s: no request-id header", method, path)
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: bytes.TrimSpace(b)}
}

// ok sends a request that must succeed and returns its JSON object.
func ok(t *testing.T, srv *admintest.Server, method, path, body string) map[string]any {
	t.Helper()
	r := send(t, srv, method, path, body)
	if r.Status != 200 {
		t.Fatalf("%s %s: status %d: %s", method, path, r.Status, r.Body)
	}
	return r.json(t)
}

func ids(t *testing.T, page map[string]any) []string {
	t.Helper()
	data, _ := page["data"].([]any)
	var out []string
	for _, d := range data {
		m := d.(map[string]any)
		id, _ := m["id"].(string)
		if id == "" {
			id, _ = m["user_id"].(string)
		}
		out = append(out, id)
	}
	return out
}
