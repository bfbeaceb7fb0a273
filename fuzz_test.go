package admin

// Fuzz targets. They run on their seed corpora (testdata/fuzz/<Name>/ and the
// f.Add calls) with every `go test`; fuzz one with
// `go test -run='^$' -fuzz=FuzzName -fuzztime=30s .`. They are in the
// package itself because pathOf, pageWire and newAPIError are internal.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// rawJSONer is every response type that keeps the JSON it came from.
type rawJSONer interface{ RawJSON() json.RawMessage }

var rawJSONerType = reflect.TypeFor[rawJSONer]()

// trimJSONSpace drops the whitespace JSON allows around a value.
func trimJSONSpace(b []byte) []byte { return bytes.Trim(b, " \t\r\n") }

// checkDecode decodes data into a new T. Whatever the input, decoding must
// not panic; when it succeeds the value's RawJSON must be the input, must
// not share the input's memory, and every nested object that keeps its JSON
// must decode from that JSON to the same value.
func checkDecode[T any](t *testing.T, data []byte) (T, bool) {
	t.Helper()
	var v T
	input := bytes.Clone(data)
	if json.Unmarshal(input, &v) != nil {
		return v, false
	}
	clear(input) // the decoded value must not see the caller's buffer change
	if r, ok := any(v).(rawJSONer); ok {
		want := trimJSONSpace(data)
		if string(want) == "null" {
			want = nil
		}
		if got := r.RawJSON(); !bytes.Equal(got, want) {
			t.Errorf("%T.RawJSON() = %q, want %q", v, got, want)
		}
	}
	checkNestedRaw(t, reflect.ValueOf(v))
	return v, true
}

// checkNestedRaw walks v and, for every exported value that keeps its JSON,
// decodes that JSON again into a new value and compares.
func checkNestedRaw(t *testing.T, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			checkNestedRaw(t, v.Elem())
		}
		return
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			checkNestedRaw(t, v.Index(i))
		}
		return
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			checkNestedRaw(t, it.Value())
		}
		return
	case reflect.Struct:
	default:
		return
	}
	if v.Type().Implements(rawJSONerType) {
		if data := v.Interface().(rawJSONer).RawJSON(); data != nil {
			again := reflect.New(v.Type())
			if err := json.Unmarshal(data, again.Interface()); err != nil {
				t.Errorf("%s: its RawJSON %q does not decode: %v", v.Type(), data, err)
			} else if !reflect.DeepEqual(again.Elem().Interface(), v.Interface()) {
				t.Errorf("%s decoded from its RawJSON %q differs:\n%+v\n%+v", v.Type(), data, again.Elem().Interface(), v.Interface())
			}
		}
	}
	for i := range v.NumField() {
		if v.Type().Field(i).IsExported() {
			checkNestedRaw(t, v.Field(i))
		}
	}
}

// FuzzResponseDecoders feeds the same bytes to every response type, alone
// and as the data of a list page.
func FuzzResponseDecoders(f *testing.F) {
	for _, s := range []string{
		`{"id":"user_01WCz1FkmYMm4gnmykNKUu3Q","type":"user","email":"ada@example.com","name":"Ada","role":"wizard","added_at":"2024-10-30T23:58:27.427722Z","new":[1]}`,
		`{"data":[{"id":"wrkspc_01","type":"workspace","name":"W","created_at":"2024-10-30T23:58:27Z","archived_at":null,"data_residency":{"allowed_inference_geos":"unrestricted"}}],"has_more":true,"first_id":"wrkspc_01","last_id":"wrkspc_01"}`,
		`{"data":[{"starting_at":"2025-08-01T00:00:00Z","ending_at":"2025-08-02T00:00:00Z","results":[{"amount":"123.78912","currency":"USD","uncached_input_tokens":5}]}],"has_more":false,"next_page":null}`,
		`{"amount":1.86e2}`, `"-0.000"`, `null`, ` [] `, `{"date":"2025-08-08"}`, `{"date":"2025-08-08T00:00:00Z","actor":{"type":"user_actor","email_address":"a@b.c"}}`,
		`{"group":{"type":"model_group"},"group_type":"other","limits":[{"type":"requests_per_minute","value":9223372036854775807}]}`,
		`{"allowed_inference_geos":{"future":true}}`, `{"results":[{"amount":"1e-1001"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode[Organization](t, data)
		checkDecode[User](t, data)
		checkDecode[UserDeleted](t, data)
		checkDecode[Invite](t, data)
		checkDecode[InviteDeleted](t, data)
		checkDecode[Workspace](t, data)
		checkDecode[WorkspaceMember](t, data)
		checkDecode[WorkspaceMemberDeleted](t, data)
		checkDecode[APIKey](t, data)
		checkDecode[RateLimit](t, data)
		checkDecode[WorkspaceRateLimit](t, data)
		checkDecode[UsageBucket](t, data)
		checkDecode[UsageResult](t, data)
		checkDecode[CostBucket](t, data)
		checkDecode[CostResult](t, data)
		checkDecode[ClaudeCodeRecord](t, data)
		checkDecode[ClaudeCodeActor](t, data)
		checkDecode[pageWire[User]](t, data)
		checkDecode[pageWire[Invite]](t, data)
		checkDecode[pageWire[Workspace]](t, data)
		checkDecode[pageWire[WorkspaceMember]](t, data)
		checkDecode[pageWire[APIKey]](t, data)
		checkDecode[pageWire[RateLimit]](t, data)
		checkDecode[pageWire[WorkspaceRateLimit]](t, data)
		checkDecode[pageWire[UsageBucket]](t, data)
		checkDecode[pageWire[CostBucket]](t, data)
		checkDecode[pageWire[ClaudeCodeRecord]](t, data)

		// Amount and InferenceGeos encode back what they decoded.
		if a, ok := checkDecode[Amount](t, data); ok {
			enc, err := json.Marshal(a)
			var back Amount
			if err != nil || json.Unmarshal(enc, &back) != nil || back.String() != a.String() || back.Cmp(a) != 0 {
				t.Errorf("Amount %s encodes as %s (%v), which decodes to %s", a, enc, err, back)
			}
			_ = a.DollarString(2)
			if s := a.Add(a); s.Cmp(a) != a.Sign() {
				t.Errorf("%s + %s = %s", a, a, s)
			}
		}
		// A shape InferenceGeos does not know is sent back as it came
		// (compacted by encoding/json), so one round trip is stable.
		if g, ok := checkDecode[InferenceGeos](t, data); ok {
			enc, err := json.Marshal(g)
			var back InferenceGeos
			if err != nil || json.Unmarshal(enc, &back) != nil {
				t.Fatalf("InferenceGeos %+v encodes as %s (%v), which does not decode", g, enc, err)
			}
			if again, err := json.Marshal(back); err != nil || !bytes.Equal(again, enc) || back.Unrestricted != g.Unrestricted || !slices.Equal(back.Geos, g.Geos) {
				t.Errorf("InferenceGeos %+v encodes as %s, then as %s (%v)", g, enc, again, err)
			}
		}
	})
}

// fuzzSecret is the credential the fuzz targets must never let out.
const fuzzSecret = "sk-ant-admin01-FUZZSECRET-0123456789"

// FuzzAPIError builds API errors from arbitrary error responses, including
// ones that echo the credential.
func FuzzAPIError(f *testing.F) {
	f.Add(429, "application/json", "req_01", []byte(`{"type":"error","error":{"type":"rate_limit_error","message":"slow down","details":{"error_code":"x"}},"request_id":"req_02"}`))
	f.Add(502, "text/html", "", []byte(`<html><head><title>502 Bad Gateway</title></head></html>`))
	f.Add(401, "application/json", "", []byte(`{"error":{"type":"authentication_error","message":"invalid x-api-key `+fuzzSecret+`"}}`))
	// The same echo, with one letter as a JSON escape: decoding undoes it.
	f.Add(401, "application/json", "", []byte(`{"error":{"type":"authentication_error","message":"invalid x-api-key `+strings.Replace(fuzzSecret, "F", `\u0046`, 1)+`"}}`))
	f.Add(500, "", fuzzSecret, []byte(`{}`))
	f.Add(503, "text/plain", "", []byte(strings.Repeat("é", 3000)+fuzzSecret))
	f.Add(400, "", "", []byte("<TITLE>"+fuzzSecret+"</title>"))
	f.Fuzz(func(t *testing.T, status int, contentType, requestID string, body []byte) {
		if status < 100 || status > 999 {
			status = 100 + (status%900+900)%900 // net/http only delivers three-digit codes
		}
		h := http.Header{}
		h.Set("Content-Type", contentType)
		h.Set("request-id", requestID)
		e := newAPIError("GET", "/v1/organizations/me", status, h, body, fuzzSecret)
		msg := e.Error()
		for name, s := range map[string]string{"Error()": msg, "Message": e.Message, "RequestID": e.RequestID,
			"ErrorCode": e.ErrorCode, "Type": string(e.Type), "Body": string(e.Body)} {
			if strings.Contains(s, fuzzSecret) {
				t.Errorf("%s shows the credential: %q", name, s)
			}
		}
		if len(e.Body) > maxErrorBody || e.Type == "" || e.StatusCode != status {
			t.Errorf("APIError = %+v", e)
		}
		if errors.Is(e, ErrNotFound) != (status == 404 || e.Type == ErrorTypeNotFound) {
			t.Errorf("errors.Is(%v, ErrNotFound) is wrong", e)
		}
	})
}

// memoryTransport answers every request with the next of its bodies (the
// last one repeating) and remembers the requests, without any network.
type memoryTransport struct {
	mu     sync.Mutex
	bodies [][]byte
	reqs   []*http.Request
}

func (m *memoryTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	body := m.bodies[min(len(m.reqs), len(m.bodies)-1)]
	m.reqs = append(m.reqs, r)
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
}

func (m *memoryTransport) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reqs = nil
}

func (m *memoryTransport) requests() []*http.Request {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.reqs)
}

func memoryClient(t *testing.T, bodies ...[]byte) (*Client, *memoryTransport) {
	t.Helper()
	mt := &memoryTransport{bodies: bodies}
	c, err := NewClient(WithAPIKey(fuzzSecret), WithBaseURL("https://api.test"), WithHTTPClient(&http.Client{Transport: mt}), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return c, mt
}

// FuzzListPages walks a list whose server answers the first page with one
// body and every later page with another. However the pages are made the
// walk must end (the second body can only repeat its cursor), follow each
// page's cursor exactly and yield every item it decoded.
func FuzzListPages(f *testing.F) {
	f.Add([]byte(`{"data":[{"id":"a"}],"has_more":true,"first_id":"a","last_id":"a"}`), []byte(`{"data":[{"id":"b"}],"has_more":true,"first_id":"b","last_id":"b"}`), false, false)
	f.Add([]byte(`{"data":[{"id":"a"}],"has_more":true,"last_id":"a"}`), []byte(`{"data":[{"id":"a"}],"has_more":true,"last_id":"a"}`), false, false)
	f.Add([]byte(`{"data":[{}],"has_more":true,"next_page":"page_2"}`), []byte(`{"data":[{}],"has_more":false,"next_page":null}`), true, false)
	f.Add([]byte(`{"data":[{"id":"x"}],"first_id":"start"}`), []byte(`{"data":[],"has_more":true}`), false, true)
	f.Add([]byte(`{"data":[1]}`), []byte(`not json`), true, true)
	f.Fuzz(func(t *testing.T, first, rest []byte, tokens, backward bool) {
		c, mt := memoryClient(t, first, rest)
		style, q := idCursor, url.Values{}
		if tokens {
			style = pageToken
		} else if backward {
			q.Set("before_id", "start")
		}
		l := newList[User](c, "/v1/organizations/users", q, style, nil)
		var pages []*Page[User]
		var fromPages []User
		for p, err := range l.Pages(context.Background()) {
			if err != nil {
				break
			}
			pages = append(pages, p)
			fromPages = append(fromPages, p.Data...)
		}
		reqs := mt.requests()
		if len(reqs) > 3 || len(pages) > len(reqs) {
			t.Fatalf("%d requests for %d pages", len(reqs), len(pages))
		}
		if q.Get("before_id") != "start" && backward && !tokens {
			t.Errorf("the walk changed the caller's query: %v", q)
		}
		for i, r := range reqs[1:] {
			prev := pages[i]
			key, want := "after_id", prev.LastID
			switch {
			case tokens:
				key, want = "page", prev.NextPage
			case backward:
				key, want = "before_id", prev.FirstID
			}
			got := r.URL.Query()
			if got.Get(key) != want || len(got) != 1 || r.URL.Path != "/v1/organizations/users" {
				t.Errorf("request %d = %s, want only %s=%q after page %+v", i+2, r.URL, key, want, prev)
			}
		}
		// All walks the same pages and yields each of their items once.
		mt.reset()
		items, _ := l.Collect(context.Background())
		if len(mt.requests()) != len(reqs) || !reflect.DeepEqual(items, fromPages) {
			t.Errorf("Collect got %d items in %d requests; the pages hold %d in %d", len(items), len(mt.requests()), len(fromPages), len(reqs))
		}
	})
}

// FuzzReportQuery sends a Messages usage report request built from
// arbitrary params. Invalid params must be refused before sending; valid ones
// must reach the server exactly, every value intact, whatever it holds.
func FuzzReportQuery(f *testing.F) {
	f.Add(int64(1722470400), int64(0), int64(1725148800), "1d", 7, "page_abc=", "model\nworkspace_id", "claude-opus-4&x=1\n#frag", "fast", false)
	f.Add(int64(1722470400), int64(999), int64(0), "1m", 1440, "", "", "", "", false)
	f.Add(int64(1722470400), int64(0), int64(1722470400), "", 0, "", "", "", "", false)
	f.Add(int64(1722470400), int64(5e8), int64(-1), "52w", 99999, "%zz", "a\nb\nc\nd\ne\nf", "é\x00", "", false)
	f.Add(int64(0), int64(0), int64(0), "1h", -1, "", "speed", "", "", true)
	f.Fuzz(func(t *testing.T, startSec, startNsec, endSec int64, width string, limit int, page, groupBy, models, speeds string, noStart bool) {
		var start, end time.Time
		if !noStart {
			start = time.Unix(startSec, startNsec)
		}
		if endSec != 0 {
			end = time.Unix(endSec, 0)
		}
		split := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, "\n")
		}
		params := UsageMessagesParams{StartingAt: start, EndingAt: end, BucketWidth: BucketWidth(width), PageCursor: PageCursor{Limit: limit, Page: page},
			Models: split(models)}
		for _, g := range split(groupBy) {
			params.GroupBy = append(params.GroupBy, UsageGroupBy(g))
		}
		for _, s := range split(speeds) {
			params.Speeds = append(params.Speeds, Speed(s))
		}
		saved := UsageMessagesParams{GroupBy: slices.Clone(params.GroupBy), Models: slices.Clone(params.Models), Speeds: slices.Clone(params.Speeds)}

		c, mt := memoryClient(t, []byte(`{"data":[],"has_more":false,"next_page":null}`))
		_, err := c.Usage.Messages(params).Page(context.Background())
		reqs := mt.requests()
		if !slices.Equal(saved.GroupBy, params.GroupBy) || !slices.Equal(saved.Models, params.Models) || !slices.Equal(saved.Speeds, params.Speeds) {
			t.Errorf("the call changed the caller's params")
		}

		w := BucketWidth(width)
		if w == "" {
			w = BucketWidthDay
		}
		maxLimit, known := w.maxBuckets()
		mustRefuse := start.IsZero() || (!end.IsZero() && !end.After(start)) || limit < 0 || (known && limit > maxLimit) || len(params.GroupBy) > maxGroupBy
		if err != nil {
			if !errors.Is(err, ErrInvalidParam) || len(reqs) != 0 {
				t.Fatalf("err = %v after %d requests; only invalid params may fail here, before sending", err, len(reqs))
			}
			if !mustRefuse {
				t.Errorf("refused params the API accepts: %v", err)
			}
			return
		}
		if mustRefuse {
			t.Fatalf("sent params that must be refused: %+v", params)
		}
		if len(reqs) != 1 {
			t.Fatalf("%d requests, want 1", len(reqs))
		}
		u := reqs[0].URL
		if u.Path != "/v1/organizations/usage_report/messages" || u.Fragment != "" || u.Host != "api.test" {
			t.Errorf("request URL = %s", u)
		}
		want := url.Values{}
		want.Set("starting_at", start.UTC().Format(time.RFC3339Nano))
		if !end.IsZero() {
			want.Set("ending_at", end.UTC().Format(time.RFC3339Nano))
		}
		want.Set("bucket_width", string(w))
		if limit != 0 {
			want.Set("limit", strconv.Itoa(limit))
		}
		if page != "" {
			want.Set("page", page)
		}
		for k, vs := range map[string][]string{"group_by[]": split(groupBy), "models[]": params.Models, "speeds[]": split(speeds)} {
			if len(vs) > 0 {
				want[k] = vs
			}
		}
		got, err := url.ParseQuery(u.RawQuery)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("query %q = %v (%v), want %v", u.RawQuery, got, err, want)
		}
		fast := len(params.Speeds) > 0 || slices.Contains(params.GroupBy, UsageGroupBySpeed)
		if beta := reqs[0].Header.Get("anthropic-beta"); strings.Contains(beta, BetaFastMode) != fast {
			t.Errorf("anthropic-beta = %q with speeds %q and group_by %q", beta, params.Speeds, params.GroupBy)
		}
	})
}

// FuzzPathOf fills endpoint paths with arbitrary IDs. An ID may be refused,
// but one that is accepted must fill exactly its own path segment: no
// slash, no dot segment, nothing that starts a query or a fragment, and it
// must come back unchanged when the server unescapes the segment.
func FuzzPathOf(f *testing.F) {
	for _, pair := range [][2]string{
		{"user_01WCz1FkmYMm4gnmykNKUu3Q", "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"},
		{"..", "."}, {".", "x"}, {"a/b", "%2F"}, {"..%2f", "%2e%2e"}, {" ", "\t"}, {"a?b=c", "#x"}, {`a\b`, "é"},
		{"user\x00", "\x7f"}, {"%", ";,"}, {"...", ". ."},
	} {
		f.Add(pair[0], pair[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, tc := range []struct {
			pattern string
			ids     []string
		}{
			{"/v1/organizations/users/{user_id}", []string{a}},
			{"/v1/organizations/workspaces/{workspace_id}/members/{user_id}", []string{a, b}},
		} {
			p, err := pathOf(tc.pattern, tc.ids...)
			if err != nil {
				if !errors.Is(err, ErrInvalidParam) {
					t.Errorf("pathOf(%q) error %v does not match ErrInvalidParam", tc.ids, err)
				}
				continue
			}
			want := strings.Split(tc.pattern, "/")
			got := strings.Split(p, "/")
			if len(got) != len(want) {
				t.Fatalf("pathOf(%q) = %q: %d segments, want %d", tc.ids, p, len(got), len(want))
			}
			n := 0
			for i, seg := range want {
				if !strings.HasPrefix(seg, "{") {
					if got[i] != seg {
						t.Errorf("pathOf(%q) = %q changed the fixed segment %q", tc.ids, p, seg)
					}
					continue
				}
				id := tc.ids[n]
				n++
				if strings.TrimSpace(id) == "" || strings.Contains(id, "..") || id == "." {
					t.Errorf("accepted the ID %q", id)
				}
				if un, err := url.PathUnescape(got[i]); err != nil || un != id || got[i] == "." || got[i] == ".." || strings.ContainsAny(got[i], `?#\`) {
					t.Errorf("ID %q became segment %q (unescapes to %q, %v)", id, got[i], un, err)
				}
			}
			if path.Clean(p) != p {
				t.Errorf("pathOf(%q) = %q, which a server would clean to %q", tc.ids, p, path.Clean(p))
			}
			u, err := url.Parse("https://api.test" + p)
			if err != nil || u.EscapedPath() != p || u.RawQuery != "" || u.Fragment != "" {
				t.Errorf("pathOf(%q) = %q parses as %#v (%v)", tc.ids, p, u, err)
			}
		}
	})
}

// FuzzParseTimeRange: any input either is refused with ErrInvalidParam or
// gives a non-empty UTC range that ends no later than it was asked to.
func FuzzParseTimeRange(f *testing.F) {
	for _, s := range [][3]string{
		{"7d", "", ""}, {"24h", "", ""}, {"2w", "", ""}, {"90m", "", ""}, {"mtd", "", ""}, {"last-month", "", ""},
		{"", "2026-11-01", "2026-12-01"}, {"", "2026-11-01T10:00:00+02:00", ""}, {"7x", "", ""}, {"0d", "", ""},
		{"", "2026-12-01", "2026-11-01"}, {"100001d", "", ""}, {"", "2026-02-30", ""},
	} {
		f.Add(s[0], s[1], s[2])
	}
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, since, from, to string) {
		r, err := ParseTimeRange(since, from, to, now)
		if err != nil {
			if !errors.Is(err, ErrInvalidParam) {
				t.Fatalf("ParseTimeRange(%q, %q, %q): error %v does not match ErrInvalidParam", since, from, to, err)
			}
			return
		}
		if !r.Start.Before(r.End) {
			t.Fatalf("ParseTimeRange(%q, %q, %q) = empty or reversed range %v", since, from, to, r)
		}
		if r.Start.Location() != time.UTC || r.End.Location() != time.UTC {
			t.Fatalf("ParseTimeRange(%q, %q, %q) = range not in UTC: %v", since, from, to, r)
		}
		if to == "" && r.End.After(now) {
			t.Fatalf("ParseTimeRange(%q, %q, %q) ends after now: %v", since, from, to, r)
		}
	})
}
