package admin

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// item is a minimal list element for the page-style tests.
type item struct {
	ID string `json:"id"`
}

// tokenServer answers by the page query parameter ("" for the first page)
// and records every query it got.
func tokenServer(t *testing.T, pages map[string]string) (*Client, func() []url.Values) {
	t.Helper()
	var mu sync.Mutex
	var got []url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.URL.Query())
		mu.Unlock()
		body, ok := pages[r.URL.Query().Get("page")]
		if !ok {
			t.Errorf("no page for %q", r.URL.RawQuery)
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(WithAPIKey("sk-ant-admin01-internal-test"), WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return c, func() []url.Values {
		mu.Lock()
		defer mu.Unlock()
		return append([]url.Values(nil), got...)
	}
}

func TestPageTokenStyles(t *testing.T) {
	tests := []struct {
		name      string
		query     url.Values
		pages     map[string]string
		wantIDs   []string
		wantQ     []url.Values
		wantMore  []bool // HasMore of each page
		wantError string
	}{
		{
			name:  "reports: has_more and next_page",
			query: url.Values{"starting_at": {"2025-08-01T00:00:00Z"}},
			pages: map[string]string{
				"":          `{"data":[{"id":"a"},{"id":"b"}],"has_more":true,"next_page":"page_MjAy"}`,
				"page_MjAy": `{"data":[{"id":"c"}],"has_more":false,"next_page":null}`,
			},
			wantIDs:  []string{"a", "b", "c"},
			wantQ:    []url.Values{{"starting_at": {"2025-08-01T00:00:00Z"}}, {"starting_at": {"2025-08-01T00:00:00Z"}, "page": {"page_MjAy"}}},
			wantMore: []bool{true, false},
		},
		{
			name: "reports: has_more false wins over a stray next_page",
			pages: map[string]string{
				"": `{"data":[{"id":"a"}],"has_more":false,"next_page":"page_ignored"}`,
			},
			wantIDs:  []string{"a"},
			wantQ:    []url.Values{{}},
			wantMore: []bool{false},
		},
		{
			name: "reports: has_more true without next_page stops",
			pages: map[string]string{
				"": `{"data":[{"id":"a"}],"has_more":true,"next_page":null}`,
			},
			wantIDs:  []string{"a"},
			wantQ:    []url.Values{{}},
			wantMore: []bool{true},
		},
		{
			name: "no has_more: next_page alone decides",
			pages: map[string]string{
				"":     `{"data":[{"id":"a"}],"next_page":"tok2"}`,
				"tok2": `{"data":[{"id":"b"}],"next_page":"tok3"}`,
				"tok3": `{"data":[{"id":"c"}],"next_page":null}`,
			},
			wantIDs:  []string{"a", "b", "c"},
			wantQ:    []url.Values{{}, {"page": {"tok2"}}, {"page": {"tok3"}}},
			wantMore: []bool{true, true, false},
		},
		{
			name:  "no has_more: starting from a token the caller gave",
			query: url.Values{"page": {"tok2"}},
			pages: map[string]string{
				"tok2": `{"data":[{"id":"b"}]}`,
			},
			wantIDs:  []string{"b"},
			wantQ:    []url.Values{{"page": {"tok2"}}},
			wantMore: []bool{false},
		},
		{
			name: "a repeated token is an error",
			pages: map[string]string{
				"":     `{"data":[{"id":"a"}],"next_page":"tok2"}`,
				"tok2": `{"data":[{"id":"b"}],"next_page":"tok2"}`,
			},
			wantIDs:   []string{"a", "b"},
			wantQ:     []url.Values{{}, {"page": {"tok2"}}},
			wantMore:  []bool{true, true},
			wantError: `cursor "tok2" twice`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, queries := tokenServer(t, tt.pages)
			l := newList[item](c, "/v1/organizations/usage_report/messages", tt.query, pageToken, nil)
			var gotIDs []string
			var more []bool
			var err error
			for page, e := range l.Pages(context.Background()) {
				if e != nil {
					err = e
					break
				}
				more = append(more, page.HasMore)
				for _, it := range page.Data {
					gotIDs = append(gotIDs, it.ID)
				}
			}
			if !reflect.DeepEqual(gotIDs, tt.wantIDs) {
				t.Errorf("items = %v, want %v", gotIDs, tt.wantIDs)
			}
			if got := queries(); !reflect.DeepEqual(got, tt.wantQ) {
				t.Errorf("queries = %v, want %v", got, tt.wantQ)
			}
			if !reflect.DeepEqual(more, tt.wantMore) {
				t.Errorf("HasMore = %v, want %v", more, tt.wantMore)
			}
			if (tt.wantError == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.wantError)) {
				t.Errorf("err = %v, want %q", err, tt.wantError)
			}
		})
	}
}

func TestListQueryNotSharedBetweenWalks(t *testing.T) {
	c, queries := tokenServer(t, map[string]string{
		"":     `{"data":[{"id":"a"}],"next_page":"tok2"}`,
		"tok2": `{"data":[{"id":"b"}],"next_page":null}`,
	})
	q := url.Values{"group_by[]": {"model", "workspace_id"}}
	l := newList[item](c, "/v1/x", q, pageToken, nil)
	for range 2 {
		if _, err := l.Collect(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	want := url.Values{"group_by[]": {"model", "workspace_id"}}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("query changed to %v", q)
	}
	if got := queries(); len(got) != 4 || got[2].Get("page") != "" {
		t.Errorf("queries = %v; the second walk must start on the first page", got)
	}
}

func TestListOptionsApplyToEveryPage(t *testing.T) {
	var mu sync.Mutex
	var versions []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		versions = append(versions, r.Header.Get("anthropic-version"))
		mu.Unlock()
		if r.URL.Query().Get("page") == "" {
			w.Write([]byte(`{"data":[{"id":"a"}],"next_page":"tok2"}`))
			return
		}
		w.Write([]byte(`{"data":[{"id":"b"}],"next_page":null}`))
	}))
	defer srv.Close()
	c, err := NewClient(WithAPIKey("sk-ant-admin01-internal-test"), WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	l := newList[item](c, "/v1/x", nil, pageToken, []Option{WithAnthropicVersion("2026-10-21")})
	if _, err := l.Collect(context.Background()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !reflect.DeepEqual(versions, []string{"2026-10-21", "2026-10-21"}) {
		t.Errorf("versions = %v", versions)
	}
}
