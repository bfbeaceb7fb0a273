package admin_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// costResultJSON is the result of the reference example.
const costResultJSON = `{
  "amount": "123.78912",
  "context_window": "0-200k",
  "cost_type": "tokens",
  "currency": "USD",
  "description": "Claude Sonnet 4 Usage - Input Tokens",
  "inference_geo": "global",
  "model": "claude-opus-4-6",
  "service_tier": "standard",
  "token_type": "uncached_input_tokens",
  "workspace_id": "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"
}`

const costBucketJSON = `{
  "ending_at": "2025-08-02T00:00:00Z",
  "results": [` + costResultJSON + `],
  "starting_at": "2025-08-01T00:00:00Z"
}`

// costPage2 holds amounts whose float64 sum is not exact, an empty day, an
// ungrouped line with null fields, and values this library does not know.
const costPage2 = `{
  "data": [
    {"starting_at": "2025-08-02T00:00:00Z", "ending_at": "2025-08-03T00:00:00Z", "results": []},
    {"starting_at": "2025-08-03T00:00:00Z", "ending_at": "2025-08-04T00:00:00Z", "results": [
      {"amount": "0.1", "currency": "USD", "workspace_id": null, "description": null, "cost_type": null,
       "context_window": null, "model": null, "service_tier": null, "token_type": null, "inference_geo": null},
      {"amount": "0.2", "currency": "USD", "workspace_id": "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ",
       "description": "Claude Opus 4.6 Usage - Cache Write (1h)", "cost_type": "tokens", "context_window": "200k-1M",
       "model": "claude-opus-4-6", "service_tier": "batch", "token_type": "cache_creation.ephemeral_1h_input_tokens", "inference_geo": "us"},
      {"amount": "17198.23758", "currency": "USD", "workspace_id": null, "description": "Managed Agents Session",
       "cost_type": "agent_hours", "context_window": null, "model": null, "service_tier": null,
       "token_type": "cache_creation.ephemeral_24h_input_tokens", "inference_geo": "eu", "billing_note": "new"},
      {"amount": 1500, "currency": "USD", "workspace_id": null, "description": "Code Execution Usage", "cost_type": "code_execution",
       "context_window": null, "model": null, "service_tier": null, "token_type": null, "inference_geo": null}
    ]}
  ],
  "has_more": false,
  "next_page": null
}`

func TestCostReportRequest(t *testing.T) {
	start := mustTime(t, "2025-08-01T00:00:00Z")
	tests := []struct {
		name   string
		params admin.CostReportParams
		query  url.Values
	}{
		{
			name:   "only the start: width 1d is sent anyway",
			params: admin.CostReportParams{StartingAt: start},
			query:  url.Values{"starting_at": {"2025-08-01T00:00:00Z"}, "bucket_width": {"1d"}},
		},
		{
			name: "every parameter",
			params: admin.CostReportParams{
				PageCursor: admin.PageCursor{Limit: 31, Page: reportPageToken},
				StartingAt: mustTime(t, "2025-08-01T09:00:00+09:00"), EndingAt: mustTime(t, "2025-09-01T00:00:00Z"),
				BucketWidth: admin.BucketWidthDay,
				GroupBy:     []admin.CostGroupBy{admin.CostGroupByWorkspaceID, admin.CostGroupByDescription},
			},
			query: url.Values{
				"starting_at": {"2025-08-01T00:00:00Z"}, "ending_at": {"2025-09-01T00:00:00Z"}, "bucket_width": {"1d"},
				"limit": {"31"}, "page": {reportPageToken}, "group_by[]": {"workspace_id", "description"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := firstPageRequest(t, func(c *admin.Client) *admin.List[admin.CostBucket] { return c.Cost.Report(tt.params) })
			want{Method: "GET", Path: "/v1/organizations/cost_report", Query: tt.query,
				Header: map[string]string{"Anthropic-Beta": ""}}.check(t, got)
		})
	}
}

func TestCostReportWalksPagesAndSumsExactly(t *testing.T) {
	api := newFakeAPI(t,
		reply{Body: `{"data":[` + costBucketJSON + `],"has_more":true,"next_page":"` + reportPageToken + `"}`},
		reply{Body: costPage2})
	params := admin.CostReportParams{PageCursor: admin.PageCursor{Limit: 1}, StartingAt: mustTime(t, "2025-08-01T00:00:00Z"), GroupBy: []admin.CostGroupBy{admin.CostGroupByDescription}}
	var buckets []admin.CostBucket
	for b, err := range api.client().Cost.Report(params).All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		buckets = append(buckets, b)
	}
	checkTwoPages(t, api, "/v1/organizations/cost_report",
		url.Values{"starting_at": {"2025-08-01T00:00:00Z"}, "bucket_width": {"1d"}, "limit": {"1"}, "group_by[]": {"description"}})
	r := checkFirstBucket(t, buckets, costBucketJSON)
	fieldsEqual(t, r, costResultJSON)
	jsonEqual(t, resultJSON(t, buckets[0])[0], []byte(costResultJSON))
	if r.Amount.String() != "123.78912" || r.Amount.DollarString(2) != "1.24" || r.CostType != admin.CostTypeTokens ||
		r.TokenType != admin.TokenTypeUncachedInput || r.ServiceTier != admin.ServiceTierStandard || r.InferenceGeo != admin.InferenceGeoGlobal {
		t.Errorf("result = %+v", r)
	}
	if len(buckets[1].Results) != 0 || buckets[1].RawJSON() == nil {
		t.Errorf("empty day = %+v", buckets[1])
	}

	day := buckets[2].Results
	fieldsEqual(t, day[0], `{"amount": "0.1", "currency": "USD", "workspace_id": "", "description": "", "cost_type": "",
		"context_window": "", "model": "", "service_tier": "", "token_type": "", "inference_geo": ""}`)
	if day[1].TokenType != admin.TokenTypeCacheCreation1hInput || day[1].ContextWindow != admin.ContextWindow200KTo1M ||
		day[1].ServiceTier != admin.ServiceTierBatch || day[1].InferenceGeo != admin.InferenceGeoUS {
		t.Errorf("cache write line = %+v", day[1])
	}
	if day[2].CostType != "agent_hours" || day[2].TokenType != "cache_creation.ephemeral_24h_input_tokens" || day[2].InferenceGeo != "eu" {
		t.Errorf("unknown values decoded as %+v", day[2])
	}
	if raw := string(resultJSON(t, buckets[2])[2]); !strings.Contains(raw, `"billing_note": "new"`) {
		t.Errorf("RawJSON lost an unknown field: %s", raw)
	}
	if day[3].Amount.String() != "1500" || day[3].CostType != admin.CostTypeCodeExecution {
		t.Errorf("an amount sent as a JSON number decoded as %+v", day[3])
	}

	var amounts []admin.Amount
	for _, b := range buckets {
		for _, r := range b.Results {
			amounts = append(amounts, r.Amount)
		}
	}
	total := admin.Sum(amounts...)
	if total.String() != "18822.32670" || total.DollarString(2) != "188.22" {
		t.Errorf("total = %s cents = $%s, want 18822.32670 = $188.22", total, total.DollarString(2))
	}
	if got := day[0].Amount.Add(day[1].Amount); got.Cmp(admin.MustParseAmount("0.3")) != 0 {
		t.Errorf("0.1 + 0.2 = %s, want exactly 0.3", got)
	}
}

func TestCostReportBadInputSendsNothing(t *testing.T) {
	start := mustTime(t, "2025-08-01T00:00:00Z")
	refusesBeforeSending(t, func(c *admin.Client, p admin.CostReportParams) *admin.List[admin.CostBucket] { return c.Cost.Report(p) },
		[]badParams[admin.CostReportParams]{
			{"no start", admin.CostReportParams{EndingAt: start}},
			{"end before start", admin.CostReportParams{StartingAt: start, EndingAt: start.Add(-24 * time.Hour)}},
			{"end equal to start", admin.CostReportParams{StartingAt: start, EndingAt: start}},
			{"32 buckets", admin.CostReportParams{PageCursor: admin.PageCursor{Limit: 32}, StartingAt: start}},
			{"negative limit", admin.CostReportParams{PageCursor: admin.PageCursor{Limit: -1}, StartingAt: start}},
			{"hourly buckets", admin.CostReportParams{StartingAt: start, BucketWidth: admin.BucketWidthHour}},
		})
}
