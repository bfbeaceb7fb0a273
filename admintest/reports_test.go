package admintest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// The demo's clock: a Wednesday afternoon. Yesterday (a Tuesday) is the last
// whole day; the 22nd was a Sunday.
var clock = time.Date(2026, 11, 25, 15, 37, 12, 0, time.UTC)

const (
	usagePath = "/v1/organizations/usage_report/messages"
	costPath  = "/v1/organizations/cost_report"
	ccPath    = "/v1/organizations/usage_report/claude_code"
	fastBeta  = "fast-mode-2026-02-01"
)

func demoServer(t *testing.T) *admintest.Server {
	t.Helper()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return clock }))
	t.Cleanup(srv.Close)
	return srv
}

// get sends a GET and decodes the answer into out.
func get(srv *admintest.Server, path string, q url.Values, out any, opts ...admin.Option) error {
	return srv.Client().Do(context.Background(), "GET", path, q, nil, out, opts...)
}

func mustGet(t *testing.T, srv *admintest.Server, path string, q url.Values, out any, opts ...admin.Option) {
	t.Helper()
	if err := get(srv, path, q, out, opts...); err != nil {
		t.Fatalf("GET %s?%s: %v", path, q.Encode(), err)
	}
}

// query builds a query from key, value pairs; keys may repeat.
func query(kv ...string) url.Values {
	q := url.Values{}
	for i := 0; i < len(kv); i += 2 {
		q.Add(kv[i], kv[i+1])
	}
	return q
}

func day(s string) string { return s + "T00:00:00Z" }

type page[T any] struct {
	Data     []T     `json:"data"`
	HasMore  bool    `json:"has_more"`
	NextPage *string `json:"next_page"`
}

type bucket[T any] struct {
	StartingAt string `json:"starting_at"`
	EndingAt   string `json:"ending_at"`
	Results    []T    `json:"results"`
}

type usageRow struct {
	UncachedInputTokens int64 `json:"uncached_input_tokens"`
	CacheCreation       struct {
		Ephemeral1h int64 `json:"ephemeral_1h_input_tokens"`
		Ephemeral5m int64 `json:"ephemeral_5m_input_tokens"`
	} `json:"cache_creation"`
	CacheReadInputTokens int64 `json:"cache_read_input_tokens"`
	OutputTokens         int64 `json:"output_tokens"`
	ServerToolUse        struct {
		WebSearchRequests int64 `json:"web_search_requests"`
	} `json:"server_tool_use"`
	AccountID        *string `json:"account_id"`
	APIKeyID         *string `json:"api_key_id"`
	WorkspaceID      *string `json:"workspace_id"`
	Model            *string `json:"model"`
	ServiceTier      *string `json:"service_tier"`
	ContextWindow    *string `json:"context_window"`
	InferenceGeo     *string `json:"inference_geo"`
	ServiceAccountID *string `json:"service_account_id"`
	Speed            *string `json:"speed"`
}

// tokens are a row's counters in a fixed order, for sums and comparisons.
func (r usageRow) tokens() [6]int64 {
	return [6]int64{r.UncachedInputTokens, r.CacheCreation.Ephemeral5m, r.CacheCreation.Ephemeral1h,
		r.CacheReadInputTokens, r.OutputTokens, r.ServerToolUse.WebSearchRequests}
}

func sumRows(rows []usageRow) [6]int64 {
	var s [6]int64
	for _, r := range rows {
		for i, n := range r.tokens() {
			s[i] += n
		}
	}
	return s
}

type costRow struct {
	Currency      string  `json:"currency"`
	Amount        string  `json:"amount"`
	WorkspaceID   *string `json:"workspace_id"`
	Description   *string `json:"description"`
	CostType      *string `json:"cost_type"`
	ContextWindow *string `json:"context_window"`
	Model         *string `json:"model"`
	ServiceTier   *string `json:"service_tier"`
	TokenType     *string `json:"token_type"`
	InferenceGeo  *string `json:"inference_geo"`
}

type ccRecord struct {
	Actor struct {
		Type         string `json:"type"`
		EmailAddress string `json:"email_address"`
		APIKeyName   string `json:"api_key_name"`
	} `json:"actor"`
	CoreMetrics struct {
		CommitsByClaudeCode int64 `json:"commits_by_claude_code"`
		LinesOfCode         struct {
			Added   int64 `json:"added"`
			Removed int64 `json:"removed"`
		} `json:"lines_of_code"`
		NumSessions              int64 `json:"num_sessions"`
		PullRequestsByClaudeCode int64 `json:"pull_requests_by_claude_code"`
	} `json:"core_metrics"`
	CustomerType   string `json:"customer_type"`
	Date           string `json:"date"`
	IsRemote       bool   `json:"is_remote"`
	ModelBreakdown []struct {
		EstimatedCost struct {
			Amount   int64  `json:"amount"`
			Currency string `json:"currency"`
		} `json:"estimated_cost"`
		Model  string `json:"model"`
		Tokens struct {
			CacheCreation int64 `json:"cache_creation"`
			CacheRead     int64 `json:"cache_read"`
			Input         int64 `json:"input"`
			Output        int64 `json:"output"`
		} `json:"tokens"`
	} `json:"model_breakdown"`
	OrganizationID   string                      `json:"organization_id"`
	SubscriptionType *string                     `json:"subscription_type"`
	TerminalType     string                      `json:"terminal_type"`
	ToolActions      map[string]map[string]int64 `json:"tool_actions"`
}

func usage(t *testing.T, srv *admintest.Server, q url.Values, opts ...admin.Option) page[bucket[usageRow]] {
	t.Helper()
	var p page[bucket[usageRow]]
	mustGet(t, srv, usagePath, q, &p, opts...)
	return p
}

func costs(t *testing.T, srv *admintest.Server, q url.Values) page[bucket[costRow]] {
	t.Helper()
	var p page[bucket[costRow]]
	mustGet(t, srv, costPath, q, &p)
	return p
}

func TestReportsAreDeterministic(t *testing.T) {
	a, b := demoServer(t), demoServer(t)
	for _, r := range []struct {
		path string
		q    url.Values
	}{
		{usagePath, query("starting_at", day("2026-11-18"), "group_by[]", "api_key_id", "group_by[]", "model")},
		{usagePath, query("starting_at", "2026-11-25T14:00:00Z", "bucket_width", "1m")},
		{costPath, query("starting_at", day("2026-11-18"), "group_by[]", "description", "group_by[]", "workspace_id")},
		{ccPath, query("starting_at", "2026-11-24", "limit", "1000")},
	} {
		var x, y json.RawMessage
		mustGet(t, a, r.path, r.q, &x)
		mustGet(t, b, r.path, r.q, &y)
		if string(x) != string(y) {
			t.Errorf("%s?%s: two servers with the same seed and clock answered differently", r.path, r.q.Encode())
		}
		if !strings.Contains(string(x), `"results":[{`) && !strings.Contains(string(x), `"actor"`) {
			t.Errorf("%s?%s: no data in %.200s", r.path, r.q.Encode(), x)
		}
	}
}

func TestUsageBucketsSnapAndEnd(t *testing.T) {
	srv := demoServer(t)
	tests := []struct {
		name             string
		q                url.Values
		first, last      string
		n                int
		hasMore, nonZero bool
	}{
		{"day snaps to midnight", query("starting_at", "2026-11-20T13:45:10Z", "limit", "3"),
			"2026-11-20T00:00:00Z", "2026-11-22T00:00:00Z", 3, true, true},
		{"hour snaps to the hour, runs to the last hour that has ended", query("starting_at", "2026-11-25T10:20:00+01:00", "bucket_width", "1h"),
			"2026-11-25T09:00:00Z", "2026-11-25T14:00:00Z", 6, false, true},
		{"minute snaps to the minute", query("starting_at", "2026-11-25T15:30:59.5Z", "ending_at", "2026-11-25T15:35:00Z", "bucket_width", "1m"),
			"2026-11-25T15:30:00Z", "2026-11-25T15:34:00Z", 5, false, true},
		{"ending_at keeps the buckets that end by it", query("starting_at", day("2026-11-10"), "ending_at", "2026-11-12T23:59:59Z"),
			"2026-11-10T00:00:00Z", "2026-11-11T00:00:00Z", 2, false, true},
		{"default is 7 daily buckets", query("starting_at", day("2026-11-01")),
			"2026-11-01T00:00:00Z", "2026-11-07T00:00:00Z", 7, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := usage(t, srv, tt.q)
			if len(p.Data) != tt.n || p.HasMore != tt.hasMore || (p.NextPage != nil) != tt.hasMore {
				t.Fatalf("got %d buckets, has_more %v, next_page %v; want %d, %v", len(p.Data), p.HasMore, p.NextPage, tt.n, tt.hasMore)
			}
			if tt.n == 0 {
				return
			}
			if p.Data[0].StartingAt != tt.first || p.Data[tt.n-1].StartingAt != tt.last {
				t.Errorf("buckets run %s..%s, want %s..%s", p.Data[0].StartingAt, p.Data[tt.n-1].StartingAt, tt.first, tt.last)
			}
			checkContiguous(t, p.Data)
			for _, b := range p.Data {
				if len(b.Results) != 1 || sumRows(b.Results) == [6]int64{} {
					t.Errorf("bucket %s: want one result with usage, got %+v", b.StartingAt, b.Results)
				}
			}
		})
	}
}

// TestReportsEndWhereBucketsEnd holds the fake to the documented rule read
// literally (docs-notes §10 item 19): a report has the buckets that end at
// or before ending_at (now when it is omitted), and a request that holds no
// such bucket gets the live API's 400. With WithoutRunningBuckets no bucket
// that has not ended by the clock (15:37:12 on the 25th) is given.
func TestReportsEndWhereBucketsEnd(t *testing.T) {
	literal := demoServer(t)
	finished := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return clock }), admintest.WithoutRunningBuckets())
	t.Cleanup(finished.Close)
	const refused = "refused"
	tests := []struct {
		name string
		path string
		q    url.Values
		// The starts of the buckets given, first and last, or refused; for
		// the fake as documented, then WithoutRunningBuckets.
		literal, finished [2]string
	}{
		{"cost without ending_at runs to today's midnight", costPath, query("starting_at", day("2026-11-20")),
			[2]string{day("2026-11-20"), day("2026-11-24")}, [2]string{day("2026-11-20"), day("2026-11-24")}},
		{"cost of today without ending_at", costPath, query("starting_at", day("2026-11-25")),
			[2]string{refused}, [2]string{refused}},
		{"one day from 00:00 to 23:59:59", costPath, query("starting_at", day("2026-11-23"), "ending_at", "2026-11-23T23:59:59Z"),
			[2]string{refused}, [2]string{refused}},
		{"ending now, inside today", costPath, query("starting_at", day("2026-11-24"), "ending_at", "2026-11-25T15:37:12Z"),
			[2]string{day("2026-11-24"), day("2026-11-24")}, [2]string{day("2026-11-24"), day("2026-11-24")}},
		{"ending inside a past day", costPath, query("starting_at", day("2026-11-20"), "ending_at", "2026-11-23T12:00:00Z"),
			[2]string{day("2026-11-20"), day("2026-11-22")}, [2]string{day("2026-11-20"), day("2026-11-22")}},
		{"ending at tomorrow's midnight", costPath, query("starting_at", day("2026-11-24"), "ending_at", day("2026-11-26")),
			[2]string{day("2026-11-24"), day("2026-11-25")}, [2]string{day("2026-11-24"), day("2026-11-24")}},
		{"today only, up to tomorrow's midnight", costPath, query("starting_at", day("2026-11-25"), "ending_at", day("2026-11-26")),
			[2]string{day("2026-11-25"), day("2026-11-25")}, [2]string{refused}},
		{"future days", costPath, query("starting_at", day("2026-11-27"), "ending_at", day("2026-11-29")),
			[2]string{day("2026-11-27"), day("2026-11-28")}, [2]string{refused}},
		{"ending_at before starting_at", costPath, query("starting_at", day("2026-11-20"), "ending_at", day("2026-11-19")),
			[2]string{refused}, [2]string{refused}},
		{"this hour without ending_at", usagePath, query("starting_at", "2026-11-25T15:00:00Z", "bucket_width", "1h"),
			[2]string{refused}, [2]string{refused}},
		{"hours up to the next one", usagePath, query("starting_at", "2026-11-25T14:00:00Z", "ending_at", "2026-11-25T16:00:00Z", "bucket_width", "1h"),
			[2]string{"2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z"}, [2]string{"2026-11-25T14:00:00Z", "2026-11-25T14:00:00Z"}},
		{"minutes up to the next one", usagePath, query("starting_at", "2026-11-25T15:30:00Z", "ending_at", "2026-11-25T15:38:00Z", "bucket_width", "1m"),
			[2]string{"2026-11-25T15:30:00Z", "2026-11-25T15:37:00Z"}, [2]string{"2026-11-25T15:30:00Z", "2026-11-25T15:36:00Z"}},
		{"starting in the future without ending_at", usagePath, query("starting_at", day("2026-12-01")),
			[2]string{refused}, [2]string{refused}},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			name string
			srv  *admintest.Server
			want [2]string
		}{{"as documented", literal, tt.literal}, {"without running buckets", finished, tt.finished}} {
			t.Run(tt.name+"/"+c.name, func(t *testing.T) {
				r := send(t, c.srv, "GET", tt.path+"?"+tt.q.Encode(), "")
				if c.want[0] == refused {
					var e struct {
						Error struct{ Type, Message string }
					}
					_ = json.Unmarshal(r.Body, &e)
					if r.Status != 400 || e.Error.Type != "invalid_request_error" || e.Error.Message != "Invalid date range: ending date must be after starting date" ||
						r.Header.Get("x-should-retry") != "false" {
						t.Errorf("got %d, x-should-retry %q: %s; want the live API's 400", r.Status, r.Header.Get("x-should-retry"), r.Body)
					}
					return
				}
				var p page[bucket[json.RawMessage]]
				if r.Status != 200 || json.Unmarshal(r.Body, &p) != nil || len(p.Data) == 0 {
					t.Fatalf("got %d: %s", r.Status, r.Body)
				}
				checkContiguous(t, p.Data)
				if got := [2]string{p.Data[0].StartingAt, p.Data[len(p.Data)-1].StartingAt}; got != c.want {
					t.Errorf("buckets %v, want %v", got, c.want)
				}
				// The running bucket, when given, holds the usage so far.
				if last := p.Data[len(p.Data)-1]; last.StartingAt == day("2026-11-25") || last.StartingAt == "2026-11-25T15:00:00Z" {
					if len(last.Results) == 0 {
						t.Errorf("the running bucket %s has no results", last.StartingAt)
					}
				}
			})
		}
	}
}

// checkContiguous checks buckets are oldest first, each ending where the
// next starts, all of one width.
func checkContiguous[T any](t *testing.T, bs []bucket[T]) {
	t.Helper()
	var width time.Duration
	for i, b := range bs {
		s, err1 := time.Parse(time.RFC3339, b.StartingAt)
		e, err2 := time.Parse(time.RFC3339, b.EndingAt)
		if err1 != nil || err2 != nil || !strings.HasSuffix(b.StartingAt, "Z") {
			t.Fatalf("bucket %d: bad timestamps %q %q", i, b.StartingAt, b.EndingAt)
		}
		if i == 0 {
			width = e.Sub(s)
		}
		if e.Sub(s) != width || (i > 0 && b.StartingAt != bs[i-1].EndingAt) {
			t.Fatalf("bucket %d (%s..%s) does not follow %s", i, b.StartingAt, b.EndingAt, bs[max(i-1, 0)].EndingAt)
		}
	}
}

func TestReportsIncludeEmptyBuckets(t *testing.T) {
	srv := demoServer(t)
	empty := admintest.NewServer(admintest.WithClock(func() time.Time { return clock }))
	defer empty.Close()
	tests := []struct {
		name  string
		srv   *admintest.Server
		path  string
		q     url.Values
		empty []bool // per bucket
	}{
		{"before the data starts", srv, usagePath, query("starting_at", day("2026-08-20"), "limit", "4"), []bool{true, true, false, false}},
		{"the current minute and later", srv, usagePath, query("starting_at", "2026-11-25T15:35:00Z", "ending_at", "2026-11-25T15:40:00Z", "bucket_width", "1m"),
			[]bool{false, false, true, true, true}},
		{"future days", srv, costPath, query("starting_at", day("2026-11-24"), "ending_at", day("2026-11-28")), []bool{false, false, true, true}},
		{"empty seed usage", empty, usagePath, query("starting_at", day("2026-11-20"), "limit", "3"), []bool{true, true, true}},
		{"empty seed cost", empty, costPath, query("starting_at", day("2026-11-20"), "limit", "2", "group_by[]", "description"), []bool{true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p page[bucket[json.RawMessage]]
			mustGet(t, tt.srv, tt.path, tt.q, &p)
			if len(p.Data) != len(tt.empty) {
				t.Fatalf("got %d buckets, want %d", len(p.Data), len(tt.empty))
			}
			for i, b := range p.Data {
				if got := len(b.Results) == 0; got != tt.empty[i] {
					t.Errorf("bucket %s: empty = %v, want %v", b.StartingAt, got, tt.empty[i])
				}
			}
		})
	}
	// An empty bucket still sends results: [] rather than null.
	var raw json.RawMessage
	mustGet(t, empty, usagePath, query("starting_at", day("2026-11-20"), "limit", "1"), &raw)
	want := `{"data":[{"starting_at":"2026-11-20T00:00:00Z","ending_at":"2026-11-21T00:00:00Z","results":[]}],"has_more":true,"next_page":"`
	if !strings.HasPrefix(string(raw), want) {
		t.Errorf("body = %s, want it to start %s", raw, want)
	}
}

func TestReportValidation(t *testing.T) {
	srv := demoServer(t)
	start := day("2026-11-20")
	groupBy := func(dims ...string) []string {
		var kv []string
		for _, d := range dims {
			kv = append(kv, "group_by[]", d)
		}
		return append(kv, "starting_at", start)
	}
	// A token from a real answer, to reuse where it does not belong.
	var hourly page[bucket[usageRow]]
	mustGet(t, srv, usagePath, query("starting_at", "2026-11-25T00:00:00Z", "bucket_width", "1h", "limit", "1"), &hourly)
	var cc page[ccRecord]
	mustGet(t, srv, ccPath, query("starting_at", "2026-11-24", "limit", "1"), &cc)
	if hourly.NextPage == nil || cc.NextPage == nil {
		t.Fatal("want next_page tokens to reuse")
	}

	tests := []struct {
		name, path string
		q          url.Values
		beta       bool
		message    string // exact, when the API's wording is known
	}{
		{"missing starting_at", usagePath, query("limit", "3"), false, ""},
		{"starting_at not RFC 3339", usagePath, query("starting_at", "2026-11-20"), false, ""},
		{"ending_at equal to starting_at", usagePath, query("starting_at", start, "ending_at", start), false, ""},
		{"ending_at before starting_at", usagePath, query("starting_at", start, "ending_at", day("2026-11-19")), false, ""},
		{"ending_at not RFC 3339", usagePath, query("starting_at", start, "ending_at", "tomorrow"), false, ""},
		{"unknown bucket_width", usagePath, query("starting_at", start, "bucket_width", "1w"), false, ""},
		{"limit 0", usagePath, query("starting_at", start, "limit", "0"), false, ""},
		{"limit over 31 daily", usagePath, query("starting_at", start, "limit", "32"), false, ""},
		{"limit over 168 hourly", usagePath, query("starting_at", start, "bucket_width", "1h", "limit", "169"), false, ""},
		{"limit over 1440 by minute", usagePath, query("starting_at", start, "bucket_width", "1m", "limit", "1441"), false, ""},
		{"limit not a number", usagePath, query("starting_at", start, "limit", "ten"), false, ""},
		{"page not a token", usagePath, query("starting_at", start, "page", "garbage"), false, ""},
		{"hourly token for daily buckets", usagePath, query("starting_at", start, "page", *hourly.NextPage), false, ""},
		{"token before starting_at", usagePath, query("starting_at", "2026-11-25T05:00:00Z", "bucket_width", "1h", "page", *hourly.NextPage), false, ""},
		{"unknown group_by", usagePath, query(groupBy("user_id")...), false, ""},
		{"six group_by", usagePath, query(groupBy("model", "api_key_id", "workspace_id", "service_tier", "context_window", "inference_geo")...), false,
			"Cannot specify more than 5 group_by[] dimensions."},
		{"group_by speed without the beta", usagePath, query(groupBy("speed")...), false, ""},
		{"speeds filter without the beta", usagePath, query("starting_at", start, "speeds[]", "fast"), false, ""},
		{"unknown speed", usagePath, query("starting_at", start, "speeds[]", "turbo"), true, ""},
		{"unknown service tier", usagePath, query("starting_at", start, "service_tiers[]", "gold"), false, ""},
		{"unknown context window", usagePath, query("starting_at", start, "context_window[]", "1M"), false, ""},
		{"unknown inference geo", usagePath, query("starting_at", start, "inference_geos[]", "eu"), false, ""},

		{"cost missing starting_at", costPath, query(), false, ""},
		{"cost hourly", costPath, query("starting_at", start, "bucket_width", "1h"), false, ""},
		{"cost limit over 31", costPath, query("starting_at", start, "limit", "32"), false, ""},
		{"cost group_by model", costPath, query("starting_at", start, "group_by[]", "model"), false, ""},
		{"cost page not a token", costPath, query("starting_at", start, "page", "page_!!"), false, ""},

		{"claude code missing starting_at", ccPath, query(), false, ""},
		{"claude code timestamp", ccPath, query("starting_at", day("2026-11-24")), false, ""},
		{"claude code no such date", ccPath, query("starting_at", "2026-11-31"), false, ""},
		{"claude code compact date", ccPath, query("starting_at", "20261124"), false, ""},
		{"claude code limit 0", ccPath, query("starting_at", "2026-11-24", "limit", "0"), false, ""},
		{"claude code limit over 1000", ccPath, query("starting_at", "2026-11-24", "limit", "1001"), false, ""},
		{"claude code page not a token", ccPath, query("starting_at", "2026-11-24", "page", "1"), false, ""},
		{"claude code token for another day", ccPath, query("starting_at", "2026-11-23", "page", *cc.NextPage), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []admin.Option
			if tt.beta {
				opts = append(opts, admin.WithBeta(fastBeta))
			}
			var out json.RawMessage
			err := get(srv, tt.path, tt.q, &out, opts...)
			var apiErr *admin.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want an API error", err)
			}
			if apiErr.StatusCode != 400 || apiErr.Type != admin.ErrorTypeInvalidRequest || apiErr.RequestID == "" {
				t.Errorf("got %d %s (request %q), want 400 invalid_request_error", apiErr.StatusCode, apiErr.Type, apiErr.RequestID)
			}
			if tt.message != "" && apiErr.Message != tt.message {
				t.Errorf("message = %q, want %q", apiErr.Message, tt.message)
			}
		})
	}
}

// walk follows next_page from the first page of a report until has_more is
// false, and returns the pages.
func walk[T any](t *testing.T, srv *admintest.Server, path string, q url.Values) []page[T] {
	t.Helper()
	var pages []page[T]
	for {
		var p page[T]
		mustGet(t, srv, path, q, &p)
		pages = append(pages, p)
		if !p.HasMore {
			if p.NextPage != nil {
				t.Fatalf("has_more is false but next_page is %q", *p.NextPage)
			}
			return pages
		}
		if p.NextPage == nil || len(pages) > 20 {
			t.Fatalf("has_more is true but next_page is %v after %d pages", p.NextPage, len(pages))
		}
		q = cloneWith(q, "page", *p.NextPage)
	}
}

func cloneWith(q url.Values, key, value string) url.Values {
	q2 := url.Values{}
	for k, v := range q {
		q2[k] = slices.Clone(v)
	}
	q2.Set(key, value)
	return q2
}

func TestReportsPageThrough90Days(t *testing.T) {
	srv := demoServer(t)
	// Up to tomorrow's midnight, to have today's running bucket too.
	q := query("starting_at", clock.Add(-90*24*time.Hour).Format(time.RFC3339), "ending_at", day("2026-11-26"), "limit", "31")
	for _, path := range []string{usagePath, costPath} {
		t.Run(path, func(t *testing.T) {
			pages := walk[bucket[json.RawMessage]](t, srv, path, q)
			var all []bucket[json.RawMessage]
			var sizes []int
			for _, p := range pages {
				all = append(all, p.Data...)
				sizes = append(sizes, len(p.Data))
			}
			if !slices.Equal(sizes, []int{31, 31, 29}) {
				t.Errorf("page sizes = %v, want [31 31 29]", sizes)
			}
			checkContiguous(t, all) // so each day comes exactly once
			if all[0].StartingAt != "2026-08-27T00:00:00Z" || all[len(all)-1].StartingAt != "2026-11-25T00:00:00Z" {
				t.Errorf("days run %s..%s", all[0].StartingAt, all[len(all)-1].StartingAt)
			}
			for _, b := range all {
				if len(b.Results) == 0 {
					t.Errorf("day %s has no data", b.StartingAt)
				}
			}
		})
	}
}

type keyInfo struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt *time.Time `json:"expires_at"`
}

// apiKeys returns the demo's keys by name.
func apiKeys(t *testing.T, srv *admintest.Server) map[string]keyInfo {
	t.Helper()
	var p page[keyInfo]
	mustGet(t, srv, "/v1/organizations/api_keys", query("limit", "100"), &p)
	out := map[string]keyInfo{}
	for _, k := range p.Data {
		out[k.Name] = k
	}
	return out
}

func TestUsageGroupByAndFilters(t *testing.T) {
	srv := demoServer(t)
	keys := apiKeys(t, srv)
	var me struct {
		ID string `json:"id"`
	}
	mustGet(t, srv, "/v1/organizations/me", nil, &me)
	defaultWS := srv.DefaultWorkspaceID()
	const days = "2026-11-16T00:00:00Z" // a week up to yesterday
	base := func(kv ...string) url.Values {
		return query(append([]string{"starting_at", days, "ending_at", day("2026-11-25")}, kv...)...)
	}
	total := usage(t, srv, base())

	str := func(p *string) string {
		if p == nil {
			return "null"
		}
		return *p
	}
	tests := []struct {
		name  string
		q     url.Values
		beta  bool
		whole bool                  // the groups add up to the whole organization's usage
		check func(r usageRow) bool // every result must pass
	}{
		{"by model", base("group_by[]", "model"), false, true, func(r usageRow) bool {
			_, known := admintest.Price(str(r.Model))
			return known && r.APIKeyID == nil && r.WorkspaceID == nil && r.ServiceTier == nil
		}},
		{"by key and workspace", base("group_by[]", "api_key_id", "group_by[]", "workspace_id"), false, true, func(r usageRow) bool {
			return r.Model == nil && r.AccountID == nil
		}},
		{"the default workspace by its ID, Console use included", base("group_by[]", "api_key_id", "group_by[]", "workspace_id", "workspace_ids[]", defaultWS), false, false, func(r usageRow) bool {
			return r.WorkspaceID == nil
		}},
		{"by account and service account", base("group_by[]", "account_id", "group_by[]", "service_account_id"), false, true, func(r usageRow) bool {
			return (r.AccountID == nil) != (r.ServiceAccountID == nil) && (r.ServiceAccountID == nil || strings.HasPrefix(*r.ServiceAccountID, "svac_"))
		}},
		{"by tier, window and geo", base("group_by[]", "service_tier", "group_by[]", "context_window", "group_by[]", "inference_geo"), false, true, func(r usageRow) bool {
			return slices.Contains([]string{"standard", "batch", "priority"}, str(r.ServiceTier)) &&
				slices.Contains([]string{"0-200k", "200k-1M"}, str(r.ContextWindow)) &&
				slices.Contains([]string{"global", "us", "not_available"}, str(r.InferenceGeo))
		}},
		{"by speed with the beta", base("group_by[]", "speed"), true, true, func(r usageRow) bool {
			return str(r.Speed) == "standard" || str(r.Speed) == "fast"
		}},
		{"one key", base("group_by[]", "api_key_id", "api_key_ids[]", keys["prod-chat-backend"].ID), false, false, func(r usageRow) bool {
			return str(r.APIKeyID) == keys["prod-chat-backend"].ID
		}},
		{"two models", base("group_by[]", "model", "models[]", "claude-haiku-4-5", "models[]", "claude-opus-4-5"), false, false, func(r usageRow) bool {
			return str(r.Model) == "claude-haiku-4-5" || str(r.Model) == "claude-opus-4-5"
		}},
		{"fast requests only", base("group_by[]", "model", "speeds[]", "fast"), true, false, func(r usageRow) bool {
			return str(r.Model) == "claude-opus-4-6" && str(r.Speed) == "null"
		}},
		{"batch in the long context window", base("group_by[]", "service_tier", "service_tiers[]", "batch", "context_window[]", "0-200k"), false, false, func(r usageRow) bool {
			return str(r.ServiceTier) == "batch"
		}},
		{"US inference", base("group_by[]", "inference_geo", "group_by[]", "model", "inference_geos[]", "us"), false, false, func(r usageRow) bool {
			return str(r.InferenceGeo) == "us" && strings.HasSuffix(str(r.Model), "-4-6")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []admin.Option
			if tt.beta {
				opts = append(opts, admin.WithBeta(fastBeta))
			}
			p := usage(t, srv, tt.q, opts...)
			if len(p.Data) != len(total.Data) {
				t.Fatalf("%d buckets, want %d", len(p.Data), len(total.Data))
			}
			groups := 0
			for i, b := range p.Data {
				if len(b.Results) == 0 {
					t.Fatalf("bucket %s is empty", b.StartingAt)
				}
				for j, r := range b.Results {
					if !tt.check(r) {
						t.Errorf("bucket %s: result %+v does not fit", b.StartingAt, r)
					}
					if j > 0 && slices.Equal(groupOf(r), groupOf(b.Results[j-1])) {
						t.Errorf("bucket %s: group %v twice", b.StartingAt, groupOf(r))
					}
				}
				groups = max(groups, len(b.Results))
				whole, sum := sumRows(total.Data[i].Results), sumRows(b.Results)
				if tt.whole && sum != whole {
					t.Errorf("bucket %s: groups add up to %v, the whole is %v", b.StartingAt, sum, whole)
				}
				for k := range sum {
					if sum[k] > whole[k] {
						t.Errorf("bucket %s: filtered usage %v exceeds the whole %v", b.StartingAt, sum, whole)
					}
				}
			}
			if strings.HasSuffix(tt.name, "Console use included") && !consoleEveryDay(p.Data) {
				t.Error("want Console use (no key) every day")
			}
			if tt.whole && groups < 2 {
				t.Errorf("grouping gave at most %d group per bucket", groups)
			}
		})
	}
}

func consoleEveryDay(bs []bucket[usageRow]) bool {
	for _, b := range bs {
		if !slices.ContainsFunc(b.Results, func(r usageRow) bool { return r.APIKeyID == nil }) {
			return false
		}
	}
	return true
}

func groupOf(r usageRow) []*string {
	return []*string{r.AccountID, r.APIKeyID, r.WorkspaceID, r.Model, r.ServiceTier, r.ContextWindow, r.InferenceGeo, r.ServiceAccountID, r.Speed}
}

func TestUsageResultsCarryEveryKey(t *testing.T) {
	srv := demoServer(t)
	keys := []string{"account_id", "api_key_id", "cache_creation", "cache_read_input_tokens", "context_window", "inference_geo",
		"model", "output_tokens", "server_tool_use", "service_account_id", "service_tier", "uncached_input_tokens", "workspace_id"}
	for _, beta := range []bool{false, true} {
		var opts []admin.Option
		want := slices.Clone(keys)
		if beta {
			opts = append(opts, admin.WithBeta(fastBeta))
			want = append(want, "speed")
			slices.Sort(want)
		}
		var p page[bucket[map[string]any]]
		mustGet(t, srv, usagePath, query("starting_at", day("2026-11-24"), "limit", "1", "group_by[]", "model"), &p, opts...)
		for _, r := range p.Data[0].Results {
			got := slices.Sorted(func(yield func(string) bool) {
				for k := range r {
					if !yield(k) {
						return
					}
				}
			})
			if !slices.Equal(got, want) {
				t.Fatalf("beta %v: keys %v, want %v", beta, got, want)
			}
			if r["api_key_id"] != nil || r["model"] == nil || (beta && r["speed"] != nil) {
				t.Errorf("beta %v: grouping dimensions wrong in %v", beta, r)
			}
		}
	}
}

// A key has no usage before it was created or after it expired, and none at
// all when its workspace was archived before the data starts.
func TestUsageOnlyWhileKeysCould(t *testing.T) {
	srv := demoServer(t)
	keys := apiKeys(t, srv)
	for _, name := range []string{"prod-api-gateway", "staging-contractor", "research-vendor-trial", "hackathon-team-1", "hackathon-team-2"} {
		k, ok := keys[name]
		if !ok {
			t.Fatalf("no key %s in the demo", name)
		}
		var quiet []string // days the key cannot have run
		var busy bool
		pages := walk[bucket[usageRow]](t, srv, usagePath, query("starting_at", clock.Add(-90*24*time.Hour).Format(time.RFC3339),
			"limit", "31", "api_key_ids[]", k.ID))
		for _, p := range pages {
			for _, b := range p.Data {
				end, _ := time.Parse(time.RFC3339, b.EndingAt)
				start, _ := time.Parse(time.RFC3339, b.StartingAt)
				if !end.After(k.CreatedAt) || (k.ExpiresAt != nil && !start.Before(*k.ExpiresAt)) || strings.HasPrefix(name, "hackathon") {
					if len(b.Results) > 0 {
						quiet = append(quiet, b.StartingAt)
					}
				} else if len(b.Results) > 0 {
					busy = true
				}
			}
		}
		if len(quiet) > 0 {
			t.Errorf("%s (created %s, expires %v) has usage on %v", name, k.CreatedAt, k.ExpiresAt, quiet)
		}
		if !busy && !strings.HasPrefix(name, "hackathon") {
			t.Errorf("%s has no usage even while it could run", name)
		}
	}
}

// rate is the documented price of one token in cents, computed here from
// admintest.Price independently of the fake.
func rate(t *testing.T, model, tokenType, tier, window, geo, speed string) *big.Rat {
	t.Helper()
	p, ok := admintest.Price(model)
	if !ok {
		t.Fatalf("no price for %s", model)
	}
	dollars := map[string]string{
		"uncached_input_tokens":                    p.Input,
		"output_tokens":                            p.Output,
		"cache_read_input_tokens":                  p.CacheRead,
		"cache_creation.ephemeral_5m_input_tokens": p.CacheWrite5m,
		"cache_creation.ephemeral_1h_input_tokens": p.CacheWrite1h,
	}[tokenType]
	r, ok := new(big.Rat).SetString(dollars)
	if !ok {
		t.Fatalf("price %q of %s is not a decimal", dollars, model)
	}
	r.Mul(r, big.NewRat(100, 1_000_000)) // dollars per million → cents per token
	mul := func(n, d int64) { r.Mul(r, big.NewRat(n, d)) }
	if tier == "batch" {
		mul(1, 2)
	}
	if window == "200k-1M" {
		if tokenType == "output_tokens" {
			mul(3, 2)
		} else {
			mul(2, 1)
		}
	}
	if geo == "us" {
		mul(11, 10)
	}
	if speed == "fast" {
		mul(6, 1)
	}
	return r
}

func decimalOf(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "eE/") || r.Sign() <= 0 {
		t.Fatalf("amount %q is not a positive plain decimal", s)
	}
	return r
}

func TestCostFollowsFromUsage(t *testing.T) {
	srv := demoServer(t)
	yesterday := query("starting_at", day("2026-11-24"), "limit", "1")
	q := cloneWith(yesterday, "ending_at", day("2026-11-25"))
	for _, d := range []string{"model", "service_tier", "context_window", "inference_geo", "speed"} {
		q.Add("group_by[]", d)
	}
	q.Add("service_tiers[]", "standard") // the cost report bills these two
	q.Add("service_tiers[]", "batch")
	used := usage(t, srv, q, admin.WithBeta(fastBeta)).Data[0].Results

	// What each cost row and each model should come to, from the usage.
	type row struct{ model, tier, window, geo, tokenType string }
	wantRow, wantModel := map[row]*big.Rat{}, map[string]*big.Rat{}
	webSearches := int64(0)
	add := func(m map[row]*big.Rat, k row, x *big.Rat) {
		if m[k] == nil {
			m[k] = new(big.Rat)
		}
		m[k].Add(m[k], x)
	}
	for _, u := range used {
		model, tier, window, geo, speed := *u.Model, *u.ServiceTier, *u.ContextWindow, *u.InferenceGeo, *u.Speed
		for tt, n := range map[string]int64{
			"uncached_input_tokens":                    u.UncachedInputTokens,
			"output_tokens":                            u.OutputTokens,
			"cache_read_input_tokens":                  u.CacheReadInputTokens,
			"cache_creation.ephemeral_5m_input_tokens": u.CacheCreation.Ephemeral5m,
			"cache_creation.ephemeral_1h_input_tokens": u.CacheCreation.Ephemeral1h,
		} {
			if n == 0 {
				continue
			}
			x := new(big.Rat).Mul(big.NewRat(n, 1), rate(t, model, tt, tier, window, geo, speed))
			add(wantRow, row{model, tier, window, geo, tt}, x)
			if wantModel[model] == nil {
				wantModel[model] = new(big.Rat)
			}
			wantModel[model].Add(wantModel[model], x)
		}
		webSearches += u.ServerToolUse.WebSearchRequests
	}

	rows := costs(t, srv, cloneWith(yesterday, "group_by[]", "description")).Data[0].Results
	gotModel := map[string]*big.Rat{}
	total := new(big.Rat)
	var sawCode, sawPlain bool
	for _, c := range rows {
		amount := decimalOf(t, c.Amount)
		total.Add(total, amount)
		if c.Currency != "USD" || c.Description == nil || c.CostType == nil || c.WorkspaceID != nil {
			t.Errorf("row %+v: want USD, a description and a cost type, no workspace", c)
			continue
		}
		switch *c.CostType {
		case "tokens":
			k := row{*c.Model, *c.ServiceTier, *c.ContextWindow, *c.InferenceGeo, *c.TokenType}
			if want := wantRow[k]; want == nil || want.Cmp(amount) != 0 {
				t.Errorf("%s: amount %s, usage × prices gives %v", *c.Description, c.Amount, want)
			}
			delete(wantRow, k)
			if gotModel[k.model] == nil {
				gotModel[k.model] = new(big.Rat)
			}
			gotModel[k.model].Add(gotModel[k.model], amount)
			if *c.Description == "Claude Sonnet 4.6 Usage - Input Tokens" {
				sawPlain = k == row{"claude-sonnet-4-6", "standard", "0-200k", "global", "uncached_input_tokens"}
			}
		case "web_search":
			if amount.Cmp(big.NewRat(webSearches, 1)) != 0 || c.Model != nil || c.TokenType != nil {
				t.Errorf("web search row %+v, want %d cents for %d searches", c, webSearches, webSearches)
			}
		case "code_execution":
			sawCode = *c.Description == "Code Execution Usage" && c.Model == nil
		default:
			t.Errorf("unexpected cost type in %+v", c)
		}
	}
	for k, v := range wantRow {
		t.Errorf("no cost row for %+v (%s cents)", k, v.FloatString(6))
	}
	for model, want := range wantModel {
		if gotModel[model] == nil || gotModel[model].Cmp(want) != 0 {
			t.Errorf("%s: token costs %v, want %v", model, gotModel[model], want)
		}
	}
	if len(wantModel) < 4 || !sawCode || !sawPlain {
		t.Errorf("want several models (%d), a code execution row (%v), a plain Sonnet input row (%v)", len(wantModel), sawCode, sawPlain)
	}

	// Grouping only moves money around: the total is the same ungrouped and
	// by workspace.
	for _, g := range []string{"", "workspace_id"} {
		q := yesterday
		if g != "" {
			q = cloneWith(yesterday, "group_by[]", g)
		}
		sum := new(big.Rat)
		for _, c := range costs(t, srv, q).Data[0].Results {
			sum.Add(sum, decimalOf(t, c.Amount))
			if c.Description != nil || c.Model != nil || c.CostType != nil || c.TokenType != nil || (g == "" && c.WorkspaceID != nil) {
				t.Errorf("group %q: row %+v carries fields it was not grouped by", g, c)
			}
		}
		if sum.Cmp(total) != 0 {
			t.Errorf("group %q: total %s, by description %s", g, sum.FloatString(6), total.FloatString(6))
		}
	}
}

func TestClaudeCodeReport(t *testing.T) {
	srv := demoServer(t)
	var me struct {
		ID string `json:"id"`
	}
	mustGet(t, srv, "/v1/organizations/me", nil, &me)
	var users struct {
		Data []struct {
			Email string `json:"email"`
			Role  string `json:"role"`
		} `json:"data"`
	}
	mustGet(t, srv, "/v1/organizations/users", query("limit", "100"), &users)
	coders := map[string]bool{}
	for _, u := range users.Data {
		coders[u.Email] = u.Role == "developer" || u.Role == "claude_code_user"
	}

	records := func(date string, limit int) []ccRecord {
		var all []ccRecord
		for _, p := range walk[ccRecord](t, srv, ccPath, query("starting_at", date, "limit", fmt.Sprint(limit))) {
			if len(p.Data) > limit {
				t.Fatalf("page of %d records, limit %d", len(p.Data), limit)
			}
			all = append(all, p.Data...)
		}
		return all
	}

	weekday := records("2026-11-24", 5)
	if whole := records("2026-11-24", 1000); !jsonEqual(t, weekday, whole) {
		t.Error("pages of 5 differ from one page of 1000")
	}
	seen := map[string]bool{}
	var apiActors int
	for _, r := range weekday {
		who := r.Actor.EmailAddress + r.Actor.APIKeyName + fmt.Sprint(r.IsRemote)
		if seen[who] {
			t.Errorf("%s appears twice", who)
		}
		seen[who] = true
		switch r.Actor.Type {
		case "user_actor":
			if !coders[r.Actor.EmailAddress] {
				t.Errorf("record for %q, who is not a developer or Claude Code user", r.Actor.EmailAddress)
			}
		case "api_actor":
			apiActors++
			if !strings.HasPrefix(r.Actor.APIKeyName, "claude-code-") {
				t.Errorf("api actor %q", r.Actor.APIKeyName)
			}
		default:
			t.Errorf("actor type %q", r.Actor.Type)
		}
		if r.Date != "2026-11-24T00:00:00Z" || r.CustomerType != "api" || r.OrganizationID != me.ID || r.SubscriptionType != nil ||
			r.TerminalType == "" || r.CoreMetrics.NumSessions < 1 || len(r.ModelBreakdown) == 0 || r.ToolActions["edit_tool"] == nil {
			t.Errorf("record %+v", r)
		}
		for _, m := range r.ModelBreakdown {
			sum := new(big.Rat)
			for tt, n := range map[string]int64{
				"uncached_input_tokens":                    m.Tokens.Input,
				"output_tokens":                            m.Tokens.Output,
				"cache_read_input_tokens":                  m.Tokens.CacheRead,
				"cache_creation.ephemeral_5m_input_tokens": m.Tokens.CacheCreation,
			} {
				sum.Add(sum, new(big.Rat).Mul(big.NewRat(n, 1), rate(t, m.Model, tt, "standard", "0-200k", "global", "standard")))
			}
			half := new(big.Rat).Add(sum, big.NewRat(1, 2)) // nearest cent, halves up
			want := new(big.Int).Quo(half.Num(), half.Denom())
			if m.EstimatedCost.Amount != want.Int64() || m.EstimatedCost.Currency != "USD" {
				t.Errorf("%s on %s: estimated cost %d %s, tokens price at %s cents", who, m.Model, m.EstimatedCost.Amount, m.EstimatedCost.Currency, sum.FloatString(4))
			}
		}
	}
	if len(weekday) < 15 || apiActors == 0 || !slices.ContainsFunc(weekday, func(r ccRecord) bool { return r.IsRemote }) {
		t.Errorf("weekday: %d records, %d api actors; want a busy day with keys and remote sessions", len(weekday), apiActors)
	}

	sunday := records("2026-11-22", 1000)
	if len(sunday) >= len(weekday)/2 {
		t.Errorf("Sunday has %d records, Tuesday %d: weekends should be lighter", len(sunday), len(weekday))
	}
	for _, date := range []string{"2026-11-26", "2027-01-01", "2026-06-01"} {
		var p page[ccRecord]
		mustGet(t, srv, ccPath, query("starting_at", date), &p)
		if len(p.Data) != 0 || p.HasMore || p.NextPage != nil {
			t.Errorf("%s: %d records, has_more %v; want none", date, len(p.Data), p.HasMore)
		}
	}
}

func jsonEqual(t *testing.T, a, b any) bool {
	t.Helper()
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return string(x) == string(y)
}

// TestDemoPastDoesNotChange: fakes of the same seed started minutes, hours
// or days apart answer the same for every bucket that has ended, grouped or
// not, at every width, and for a Claude Code day that is over.
func TestDemoPastDoesNotChange(t *testing.T) {
	queries := []struct {
		path string
		q    url.Values
	}{
		{costPath, query("starting_at", day("2026-08-20"), "ending_at", day("2026-11-25"), "limit", "31")},
		{costPath, query("starting_at", day("2026-11-10"), "ending_at", day("2026-11-25"), "limit", "31", "group_by[]", "workspace_id", "group_by[]", "description")},
		{usagePath, query("starting_at", day("2026-08-20"), "ending_at", day("2026-11-25"), "limit", "31")},
		{usagePath, query("starting_at", day("2026-11-10"), "ending_at", day("2026-11-25"), "limit", "31",
			"group_by[]", "api_key_id", "group_by[]", "workspace_id", "group_by[]", "model", "group_by[]", "account_id", "group_by[]", "service_account_id")},
		{usagePath, query("starting_at", day("2026-11-24"), "ending_at", "2026-11-25T15:00:00Z", "bucket_width", "1h", "limit", "168",
			"group_by[]", "model", "group_by[]", "service_tier", "group_by[]", "inference_geo")},
		{usagePath, query("starting_at", "2026-11-25T15:00:00Z", "ending_at", "2026-11-25T15:37:00Z", "bucket_width", "1m", "limit", "1440")},
		{usagePath, query("starting_at", "2026-11-25T15:00:00Z", "ending_at", "2026-11-25T15:37:00Z", "bucket_width", "1m", "limit", "1440", "group_by[]", "api_key_id")},
		{ccPath, query("starting_at", "2026-11-24", "limit", "1000")},
	}
	// answers are the bodies of every page of every query.
	answers := func(t *testing.T, now time.Time) []string {
		srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return now }))
		defer srv.Close()
		var out []string
		for _, qu := range queries {
			q := qu.q
			for {
				r := send(t, srv, "GET", qu.path+"?"+q.Encode(), "")
				var p page[json.RawMessage]
				if r.Status != 200 || json.Unmarshal(r.Body, &p) != nil {
					t.Fatalf("at %v: %s?%s: %d %s", now, qu.path, q.Encode(), r.Status, r.Body)
				}
				out = append(out, string(r.Body))
				if !p.HasMore {
					break
				}
				q = cloneWith(q, "page", *p.NextPage)
			}
		}
		return out
	}
	want := answers(t, clock)
	for i, body := range want[:len(want)-1] { // the Claude Code day is checked below
		if !strings.Contains(body, `"results":[{`) {
			t.Fatalf("page %d has no data: %.200s", i, body)
		}
	}
	if !strings.Contains(want[len(want)-1], `"actor"`) {
		t.Fatal("no Claude Code records")
	}
	for _, later := range []time.Duration{7 * time.Minute, 5 * time.Hour, 3 * 24 * time.Hour, 40 * 24 * time.Hour} {
		t.Run(fmt.Sprint(later, " later"), func(t *testing.T) {
			t.Parallel()
			got := answers(t, clock.Add(later))
			if len(got) != len(want) {
				t.Fatalf("%d pages, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("page %d differs:\n%.300s\nwant\n%.300s", i, got[i], want[i])
				}
			}
		})
	}
}

// A fake whose clock is before SeedEpoch dates the seed from the start of
// its own day, so fakes started the same day still agree on the past.
func TestDemoBeforeTheEpoch(t *testing.T) {
	q := query("starting_at", day("2026-04-01"), "ending_at", day("2026-05-01"), "limit", "31", "group_by[]", "workspace_id")
	var bodies []string
	for _, now := range []time.Time{time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 21, 45, 0, 0, time.UTC)} {
		srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return now }))
		r := send(t, srv, "GET", costPath+"?"+q.Encode(), "")
		srv.Close()
		if r.Status != 200 || !strings.Contains(string(r.Body), `"results":[{`) {
			t.Fatalf("at %v: %d %.200s", now, r.Status, r.Body)
		}
		bodies = append(bodies, string(r.Body))
	}
	if bodies[0] != bodies[1] {
		t.Error("two fakes started the same day before the epoch differ on April")
	}
}
