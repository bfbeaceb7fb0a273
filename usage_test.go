package admin_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// usageResultJSON is the result of the reference example.
const usageResultJSON = `{
  "account_id": "user_01WCz1FkmYMm4gnmykNKUu3Q",
  "api_key_id": "apikey_01Rj2N8SVvo6BePZj99NhmiT",
  "cache_creation": {
    "ephemeral_1h_input_tokens": 1000,
    "ephemeral_5m_input_tokens": 500
  },
  "cache_read_input_tokens": 200,
  "context_window": "0-200k",
  "inference_geo": "global",
  "model": "claude-opus-4-6",
  "output_tokens": 500,
  "server_tool_use": {
    "web_search_requests": 10
  },
  "service_account_id": "svac_01Hk3R9TWxq7CfQak00OiVw4",
  "service_tier": "standard",
  "uncached_input_tokens": 1500,
  "workspace_id": "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"
}`

const usageBucketJSON = `{
  "ending_at": "2025-08-02T00:00:00Z",
  "results": [` + usageResultJSON + `],
  "starting_at": "2025-08-01T00:00:00Z"
}`

// usagePage1 is the reference example: one bucket and a next page.
const usagePage1 = `{"data":[` + usageBucketJSON + `],"has_more":true,"next_page":"` + reportPageToken + `"}`

// usagePage2 ends the report: a bucket without usage, one with ungrouped
// usage (null dimensions), and values and fields this library does not know.
const usagePage2 = `{
  "data": [
    {"starting_at": "2025-08-02T00:00:00Z", "ending_at": "2025-08-03T00:00:00Z", "results": []},
    {"starting_at": "2025-08-03T00:00:00Z", "ending_at": "2025-08-04T00:00:00Z", "results": [
      {"uncached_input_tokens": 9007199254740993, "cache_creation": {"ephemeral_1h_input_tokens": 0, "ephemeral_5m_input_tokens": 0},
       "cache_read_input_tokens": 0, "output_tokens": 7, "server_tool_use": {"web_search_requests": 0},
       "account_id": null, "api_key_id": null, "workspace_id": null, "model": null, "service_tier": null,
       "context_window": null, "inference_geo": null, "service_account_id": null, "speed": null},
      {"uncached_input_tokens": 1, "cache_creation": {"ephemeral_1h_input_tokens": 0, "ephemeral_5m_input_tokens": 0},
       "cache_read_input_tokens": 0, "output_tokens": 1, "server_tool_use": {"web_search_requests": 0, "code_runs": 3},
       "account_id": null, "api_key_id": null, "workspace_id": null, "model": "claude-future-9", "service_tier": "ultra",
       "context_window": "1M-10M", "inference_geo": "eu", "service_account_id": null, "speed": "warp", "carbon_grams": 12}
    ], "region": "x"}
  ],
  "has_more": false,
  "next_page": null
}`

func TestUsageMessagesRequest(t *testing.T) {
	start := mustTime(t, "2025-01-15T00:00:00Z")
	// A time in another zone goes out in UTC.
	end := mustTime(t, "2025-01-16T01:30:00+02:00")
	tests := []struct {
		name   string
		params admin.UsageMessagesParams
		opts   []admin.Option
		query  url.Values
		beta   string // "" asserts that no anthropic-beta header is sent
	}{
		{
			name:   "only the start: width 1d is sent anyway",
			params: admin.UsageMessagesParams{StartingAt: start},
			query:  url.Values{"starting_at": {"2025-01-15T00:00:00Z"}, "bucket_width": {"1d"}},
		},
		{
			name: "guide example: hourly with filters",
			params: admin.UsageMessagesParams{
				StartingAt: start, EndingAt: mustTime(t, "2025-01-15T23:59:59Z"), BucketWidth: admin.BucketWidthHour,
				Models: []string{"claude-opus-5"}, ServiceTiers: []admin.ServiceTier{admin.ServiceTierBatch},
				ContextWindows: []admin.ContextWindow{admin.ContextWindow0To200K},
			},
			query: url.Values{
				"starting_at": {"2025-01-15T00:00:00Z"}, "ending_at": {"2025-01-15T23:59:59Z"}, "bucket_width": {"1h"},
				"models[]": {"claude-opus-5"}, "service_tiers[]": {"batch"}, "context_window[]": {"0-200k"},
			},
		},
		{
			name: "every parameter",
			params: admin.UsageMessagesParams{
				PageCursor: admin.PageCursor{Limit: 1440, Page: reportPageToken},
				StartingAt: start, EndingAt: end, BucketWidth: admin.BucketWidthMinute,
				GroupBy:           []admin.UsageGroupBy{admin.UsageGroupByModel, admin.UsageGroupByWorkspaceID, admin.UsageGroupByAPIKeyID, admin.UsageGroupByInferenceGeo, admin.UsageGroupByServiceTier},
				APIKeyIDs:         []string{"apikey_01Rj2N8SVvo6BePZj99NhmiT", "apikey_01ABC123DEF456GHI789JKL"},
				WorkspaceIDs:      []string{"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"},
				Models:            []string{"claude-opus-4-6", "claude-sonnet-5"},
				ServiceTiers:      []admin.ServiceTier{admin.ServiceTierStandard, admin.ServiceTierPriorityOnDemand, admin.ServiceTierFlexDiscount},
				ContextWindows:    []admin.ContextWindow{admin.ContextWindow0To200K, admin.ContextWindow200KTo1M},
				InferenceGeos:     []admin.InferenceGeo{admin.InferenceGeoUS, admin.InferenceGeoNotAvailable},
				AccountIDs:        []string{"user_01WCz1FkmYMm4gnmykNKUu3Q"},
				ServiceAccountIDs: []string{"svac_01Hk3R9TWxq7CfQak00OiVw4"},
			},
			query: url.Values{
				"starting_at": {"2025-01-15T00:00:00Z"}, "ending_at": {"2025-01-15T23:30:00Z"}, "bucket_width": {"1m"},
				"limit": {"1440"}, "page": {reportPageToken},
				"group_by[]":            {"model", "workspace_id", "api_key_id", "inference_geo", "service_tier"},
				"api_key_ids[]":         {"apikey_01Rj2N8SVvo6BePZj99NhmiT", "apikey_01ABC123DEF456GHI789JKL"},
				"workspace_ids[]":       {"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"},
				"models[]":              {"claude-opus-4-6", "claude-sonnet-5"},
				"service_tiers[]":       {"standard", "priority_on_demand", "flex_discount"},
				"context_window[]":      {"0-200k", "200k-1M"},
				"inference_geos[]":      {"us", "not_available"},
				"account_ids[]":         {"user_01WCz1FkmYMm4gnmykNKUu3Q"},
				"service_account_ids[]": {"svac_01Hk3R9TWxq7CfQak00OiVw4"},
			},
		},
		{
			name:   "group by speed adds the fast-mode beta",
			params: admin.UsageMessagesParams{PageCursor: admin.PageCursor{Limit: 31}, StartingAt: start, BucketWidth: admin.BucketWidthDay, GroupBy: []admin.UsageGroupBy{admin.UsageGroupBySpeed, admin.UsageGroupByModel}},
			query:  url.Values{"starting_at": {"2025-01-15T00:00:00Z"}, "bucket_width": {"1d"}, "limit": {"31"}, "group_by[]": {"speed", "model"}},
			beta:   admin.BetaFastMode,
		},
		{
			name:   "speed filter adds the beta after the caller's own",
			params: admin.UsageMessagesParams{PageCursor: admin.PageCursor{Limit: 168}, StartingAt: start, BucketWidth: admin.BucketWidthHour, Speeds: []admin.Speed{admin.SpeedFast, admin.SpeedStandard}},
			opts:   []admin.Option{admin.WithBeta("other-beta-2026-01-01")},
			query:  url.Values{"starting_at": {"2025-01-15T00:00:00Z"}, "bucket_width": {"1h"}, "limit": {"168"}, "speeds[]": {"fast", "standard"}},
			beta:   "other-beta-2026-01-01," + admin.BetaFastMode,
		},
		{
			name:   "a width newer than the library passes through unchecked",
			params: admin.UsageMessagesParams{PageCursor: admin.PageCursor{Limit: 5000}, StartingAt: start, BucketWidth: "1w"},
			query:  url.Values{"starting_at": {"2025-01-15T00:00:00Z"}, "bucket_width": {"1w"}, "limit": {"5000"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			callerOpts := append(make([]admin.Option, 0, 4), tt.opts...)
			got := firstPageRequest(t, func(c *admin.Client) *admin.List[admin.UsageBucket] {
				return c.Usage.Messages(tt.params, callerOpts...)
			})
			want{Method: "GET", Path: "/v1/organizations/usage_report/messages", Query: tt.query,
				Header: map[string]string{"Anthropic-Beta": tt.beta}}.check(t, got)
			if len(callerOpts) != len(tt.opts) || cap(callerOpts) != 4 {
				t.Errorf("Messages changed the caller's options slice")
			}
		})
	}
}

func TestUsageMessagesWalksPages(t *testing.T) {
	api := newFakeAPI(t, reply{Body: usagePage1}, reply{Body: usagePage2})
	params := admin.UsageMessagesParams{
		PageCursor: admin.PageCursor{Limit: 1},
		StartingAt: mustTime(t, "2025-08-01T00:00:00Z"), EndingAt: mustTime(t, "2025-08-04T00:00:00Z"), GroupBy: []admin.UsageGroupBy{admin.UsageGroupByModel},
	}
	buckets, err := api.client().Usage.Messages(params).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkTwoPages(t, api, "/v1/organizations/usage_report/messages", url.Values{
		"starting_at": {"2025-08-01T00:00:00Z"}, "ending_at": {"2025-08-04T00:00:00Z"},
		"bucket_width": {"1d"}, "limit": {"1"}, "group_by[]": {"model"},
	})
	r := checkFirstBucket(t, buckets, usageBucketJSON)
	// Every field, through its exported form; the absent speed is "".
	fieldsEqual(t, r, strings.Replace(usageResultJSON, "{", `{"speed": "",`, 1))
	jsonEqual(t, resultJSON(t, buckets[0])[0], []byte(usageResultJSON))
	if got := r.TotalInputTokens(); got != 3200 {
		t.Errorf("TotalInputTokens = %d, want 3200", got)
	}

	if empty := buckets[1]; len(empty.Results) != 0 || !empty.StartingAt.Equal(mustTime(t, "2025-08-02T00:00:00Z")) || empty.RawJSON() == nil {
		t.Errorf("empty bucket = %+v", empty)
	}

	ungrouped := buckets[2].Results[0]
	fieldsEqual(t, ungrouped, `{"uncached_input_tokens": 9007199254740993, "output_tokens": 7, "cache_read_input_tokens": 0,
		"cache_creation": {"ephemeral_1h_input_tokens": 0, "ephemeral_5m_input_tokens": 0}, "server_tool_use": {"web_search_requests": 0},
		"account_id": "", "api_key_id": "", "workspace_id": "", "model": "", "service_tier": "",
		"context_window": "", "inference_geo": "", "service_account_id": "", "speed": ""}`)
	if ungrouped.UncachedInputTokens != 9007199254740993 { // beyond float64's exact integers
		t.Errorf("UncachedInputTokens = %d, want 9007199254740993", ungrouped.UncachedInputTokens)
	}
	future := buckets[2].Results[1]
	if future.ServiceTier != "ultra" || future.ContextWindow != "1M-10M" || future.InferenceGeo != "eu" || future.Speed != "warp" || future.Model != "claude-future-9" {
		t.Errorf("unknown values decoded as %+v", future)
	}
	if raw := string(resultJSON(t, buckets[2])[1]); !strings.Contains(raw, `"carbon_grams": 12`) || !strings.Contains(raw, `"code_runs": 3`) {
		t.Errorf("bucket RawJSON lost a result's unknown fields: %s", raw)
	}
	if raw := string(buckets[2].RawJSON()); !strings.Contains(raw, `"region": "x"`) {
		t.Errorf("bucket RawJSON lost an unknown field: %s", raw)
	}
}

// fieldsEqual asserts every exported field of v (as encoding/json writes
// them, so RawJSON is left out) against want.
func fieldsEqual(t *testing.T, v any, want string) {
	t.Helper()
	got, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, got, []byte(want))
}

func TestReportsStopWithoutNextPage(t *testing.T) {
	// has_more says there is more, but there is no token to ask for it: the
	// walk must end rather than ask for the first page again.
	tests := []struct {
		name string
		body string
		walk func(*admin.Client) (int, error)
	}{
		{"usage", `{"data":[` + usageBucketJSON + `],"has_more":true,"next_page":null}`, func(c *admin.Client) (int, error) {
			all, err := c.Usage.Messages(admin.UsageMessagesParams{StartingAt: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)}).Collect(context.Background())
			return len(all), err
		}},
		{"cost", `{"data":[` + costBucketJSON + `],"has_more":true,"next_page":null}`, func(c *admin.Client) (int, error) {
			all, err := c.Cost.Report(admin.CostReportParams{StartingAt: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)}).Collect(context.Background())
			return len(all), err
		}},
		{"claude code", `{"data":[` + claudeCodeRecordJSON + `],"has_more":true,"next_page":null}`, func(c *admin.Client) (int, error) {
			all, err := c.Usage.ClaudeCode(admin.ClaudeCodeParams{Day: time.Date(2025, 8, 8, 0, 0, 0, 0, time.UTC)}).Collect(context.Background())
			return len(all), err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Body: tt.body})
			n, err := tt.walk(api.client())
			if err != nil || n != 1 {
				t.Errorf("got %d items, %v; want 1 item and no error", n, err)
			}
			if got := len(api.requests()); got != 1 {
				t.Errorf("sent %d requests, want 1", got)
			}
		})
	}
}

func TestUsageMessagesBadInputSendsNothing(t *testing.T) {
	start := mustTime(t, "2025-08-01T00:00:00Z")
	six := []admin.UsageGroupBy{"model", "workspace_id", "api_key_id", "service_tier", "context_window", "inference_geo"}
	refusesBeforeSending(t, func(c *admin.Client, p admin.UsageMessagesParams) *admin.List[admin.UsageBucket] {
		return c.Usage.Messages(p)
	},
		[]badParams[admin.UsageMessagesParams]{
			{"no start", admin.UsageMessagesParams{EndingAt: start}},
			{"end before start", admin.UsageMessagesParams{StartingAt: start, EndingAt: start.Add(-time.Hour)}},
			{"end equal to start", admin.UsageMessagesParams{StartingAt: start, EndingAt: start}},
			{"32 daily buckets (default width)", admin.UsageMessagesParams{PageCursor: admin.PageCursor{Limit: 32}, StartingAt: start}},
			{"32 daily buckets", admin.UsageMessagesParams{PageCursor: admin.PageCursor{Limit: 32}, StartingAt: start, BucketWidth: admin.BucketWidthDay}},
			{"169 hourly buckets", admin.UsageMessagesParams{PageCursor: admin.PageCursor{Limit: 169}, StartingAt: start, BucketWidth: admin.BucketWidthHour}},
			{"1441 minute buckets", admin.UsageMessagesParams{PageCursor: admin.PageCursor{Limit: 1441}, StartingAt: start, BucketWidth: admin.BucketWidthMinute}},
			{"negative limit", admin.UsageMessagesParams{PageCursor: admin.PageCursor{Limit: -1}, StartingAt: start}},
			{"six group_by values", admin.UsageMessagesParams{StartingAt: start, GroupBy: six}},
		})
}

// Helpers shared by the report tests (usage, cost, Claude Code).

// reportPageToken is the next_page token of the reference examples.
const reportPageToken = "page_MjAyNS0wNS0xNFQwMDowMDowMFo="

// firstPageRequest fetches the first page of a report from a server that
// answers with an empty last page, checks that page, and returns the request.
func firstPageRequest[T any](t *testing.T, list func(*admin.Client) *admin.List[T]) seen {
	t.Helper()
	api := newFakeAPI(t, reply{Body: `{"data":[],"has_more":false,"next_page":null}`})
	page, err := list(api.client()).Page(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Data) != 0 || page.HasMore || page.NextPage != "" {
		t.Errorf("page = %+v, want empty and last", page)
	}
	return api.only()
}

// checkTwoPages asserts that a walk sent two GETs to path: the first with
// query, the second with the same query and page=reportPageToken.
func checkTwoPages(t *testing.T, api *fakeAPI, path string, query url.Values) {
	t.Helper()
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("got %d requests, want 2", len(reqs))
	}
	want{Method: "GET", Path: path, Query: query}.check(t, reqs[0])
	next := url.Values{"page": {reportPageToken}}
	for k, v := range query {
		next[k] = v
	}
	want{Method: "GET", Path: path, Query: next}.check(t, reqs[1])
}

// checkFirstBucket asserts that a walk got three buckets, the first being
// the reference examples' (2025-08-01, one result, RawJSON kept), and
// returns that result.
func checkFirstBucket[R any](t *testing.T, buckets []admin.ReportBucket[R], wantRaw string) R {
	t.Helper()
	if len(buckets) != 3 {
		t.Fatalf("got %d buckets, want 3", len(buckets))
	}
	b := buckets[0]
	if !b.StartingAt.Equal(mustTime(t, "2025-08-01T00:00:00Z")) || !b.EndingAt.Equal(mustTime(t, "2025-08-02T00:00:00Z")) || len(b.Results) != 1 {
		t.Fatalf("bucket 0 = %+v", b)
	}
	jsonEqual(t, b.RawJSON(), []byte(wantRaw))
	return b.Results[0]
}

// badParams is one invalid set of parameters for refusesBeforeSending.
type badParams[P any] struct {
	name   string
	params P
}

// refusesBeforeSending asserts that every case fails with a *ParamError
// (so ErrInvalidParam) and that none of them sends a request.
func refusesBeforeSending[P, T any](t *testing.T, list func(*admin.Client, P) *admin.List[T], cases []badParams[P]) {
	t.Helper()
	api := newFakeAPI(t)
	c := api.client()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := list(c, tc.params).Page(context.Background())
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

// TestReportResultsAreValues: a bucket keeps its JSON, its results keep none
// of their own (a second copy of every result), so results compare with ==
// by their values alone.
func TestReportResultsAreValues(t *testing.T) {
	var a, b admin.UsageBucket
	if err := json.Unmarshal([]byte(usageBucketJSON), &a); err != nil {
		t.Fatal(err)
	}
	// The same bucket, spaced otherwise.
	if err := json.Unmarshal([]byte(strings.ReplaceAll(usageBucketJSON, ": ", ":")), &b); err != nil {
		t.Fatal(err)
	}
	if len(a.Results) == 0 || a.Results[0] != b.Results[0] {
		t.Errorf("results differ: %+v, %+v", a.Results, b.Results)
	}
	if a.RawJSON() == nil || !strings.Contains(string(a.RawJSON()), `"results"`) {
		t.Errorf("bucket RawJSON = %s", a.RawJSON())
	}
	actor := admin.ClaudeCodeActor{Type: admin.ClaudeCodeActorUser, EmailAddress: "ada@example.com"}
	var decoded admin.ClaudeCodeActor
	if err := json.Unmarshal([]byte(`{"type":"user_actor","email_address":"ada@example.com"}`), &decoded); err != nil || decoded != actor {
		t.Errorf("actor = %+v, %v", decoded, err)
	}
}
