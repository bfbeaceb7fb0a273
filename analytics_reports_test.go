package admin_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// Report input the API would refuse fails before anything is sent.
func TestAnalyticsReportParamsRefused(t *testing.T) {
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	bucketed := []struct {
		name, param string
		p           admin.AnalyticsReportParams
		cost        bool
	}{
		{"no start", "starting_at", admin.AnalyticsReportParams{}, false},
		{"before 2026", "starting_at", admin.AnalyticsReportParams{StartingAt: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}, true},
		{"over a year ago", "starting_at", admin.AnalyticsReportParams{StartingAt: time.Now().AddDate(-1, 0, -3)}, false},
		{"reversed", "ending_at", admin.AnalyticsReportParams{StartingAt: day, EndingAt: day.Add(-time.Hour)}, false},
		{"over 31 days", "ending_at", admin.AnalyticsReportParams{StartingAt: day.AddDate(0, 0, -32), EndingAt: day}, true},
		{"unknown width", "bucket_width", admin.AnalyticsReportParams{StartingAt: day, BucketWidth: "1w"}, false},
		{"1d page over 31", "limit", admin.AnalyticsReportParams{StartingAt: day, PageCursor: admin.PageCursor{Limit: 32}}, false},
		{"1h page over 168", "limit", admin.AnalyticsReportParams{StartingAt: day, BucketWidth: admin.BucketWidthHour, PageCursor: admin.PageCursor{Limit: 169}}, true},
		{"1m page over 256", "limit", admin.AnalyticsReportParams{StartingAt: day, BucketWidth: admin.BucketWidthMinute, PageCursor: admin.PageCursor{Limit: 257}}, false},
		{"actor", "group_by", admin.AnalyticsReportParams{StartingAt: day, GroupBy: []admin.AnalyticsDimension{admin.DimActor}}, true},
		{"cost dimension on usage", "group_by", admin.AnalyticsReportParams{StartingAt: day, GroupBy: []admin.AnalyticsDimension{admin.DimCostType}}, false},
		{"slack user with rbac group", "group_by", admin.AnalyticsReportParams{StartingAt: day, GroupBy: []admin.AnalyticsDimension{admin.DimClaudeTagUserID, admin.DimRBACGroupID}}, true},
		{"slack user with rbac filter", "group_by", admin.AnalyticsReportParams{StartingAt: day, GroupBy: []admin.AnalyticsDimension{admin.DimClaudeTagUserID},
			AnalyticsReportFilters: admin.AnalyticsReportFilters{RBACGroupIDs: []string{"rbac_group_1"}}}, false},
	}
	srv, c := newDemoFake(t)
	check := func(t *testing.T, err error, param string) {
		t.Helper()
		var pe *admin.ParamError
		if !errors.As(err, &pe) || pe.Param != param || !errors.Is(err, admin.ErrInvalidParam) {
			t.Fatalf("err = %v, want a ParamError for %s", err, param)
		}
		if n := len(srv.Requests()); n != 0 {
			t.Errorf("%d requests sent", n)
		}
	}
	for _, tc := range bucketed {
		t.Run(tc.name, func(t *testing.T) {
			srv.ResetRequests()
			var err error
			if tc.cost {
				_, err = c.Analytics.CostReport(tc.p).Page(t.Context())
			} else {
				_, err = c.Analytics.UsageReport(tc.p).Page(t.Context())
			}
			check(t, err, tc.param)
		})
	}
	perUser := []struct {
		name, param string
		r           admin.AnalyticsUserReportRange
		usageOrder  admin.AnalyticsUsageOrder
		costOrder   admin.AnalyticsCostOrder
		order       admin.SortOrder
		cost        bool
	}{
		{name: "no start", param: "starting_at", r: admin.AnalyticsUserReportRange{}},
		{name: "over 31 days", param: "ending_at", r: admin.AnalyticsUserReportRange{StartingAt: day.AddDate(0, 0, -32), EndingAt: day}, cost: true},
		{name: "width without end", param: "ending_at", r: admin.AnalyticsUserReportRange{StartingAt: day, BucketWidth: admin.BucketWidthHour}},
		{name: "1m over a day", param: "ending_at", r: admin.AnalyticsUserReportRange{StartingAt: day, EndingAt: day.Add(25 * time.Hour), BucketWidth: admin.BucketWidthMinute}, cost: true},
		{name: "unknown width", param: "bucket_width", r: admin.AnalyticsUserReportRange{StartingAt: day, EndingAt: day.Add(time.Hour), BucketWidth: "1w"}},
		{name: "page over 1000", param: "limit", r: admin.AnalyticsUserReportRange{StartingAt: day, PageCursor: admin.PageCursor{Limit: 1001}}, cost: true},
		{name: "token type on usage", param: "group_by", r: admin.AnalyticsUserReportRange{StartingAt: day, GroupBy: []admin.AnalyticsDimension{admin.DimTokenType}}},
		{name: "workspace", param: "group_by", r: admin.AnalyticsUserReportRange{StartingAt: day, GroupBy: []admin.AnalyticsDimension{admin.DimWorkspaceID}}, cost: true},
		{name: "usage by time", param: "order_by", r: admin.AnalyticsUserReportRange{StartingAt: day}, usageOrder: admin.UsageOrderTime},
		{name: "cost by time", param: "order_by", r: admin.AnalyticsUserReportRange{StartingAt: day}, costOrder: admin.CostOrderTime, cost: true},
		{name: "bad order", param: "order", r: admin.AnalyticsUserReportRange{StartingAt: day}, order: "up", cost: true},
	}
	for _, tc := range perUser {
		t.Run("user "+tc.name, func(t *testing.T) {
			srv.ResetRequests()
			var err error
			if tc.cost {
				_, err = c.Analytics.UserCostReport(admin.AnalyticsUserCostParams{AnalyticsUserReportRange: tc.r, OrderBy: tc.costOrder, Order: tc.order}).Page(t.Context())
			} else {
				_, err = c.Analytics.UserUsageReport(admin.AnalyticsUserUsageParams{AnalyticsUserReportRange: tc.r, OrderBy: tc.usageOrder, Order: tc.order}).Page(t.Context())
			}
			check(t, err, tc.param)
		})
	}
}

// Every parameter goes out under the spec's name, arrays with brackets, the
// bucket width always.
func TestAnalyticsReportRequest(t *testing.T) {
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	api := newFakeAPI(t, reply{Body: `{"data":[],"has_more":false,"next_page":null}`})
	filters := admin.AnalyticsReportFilters{ClaudeTagCategories: []admin.ClaudeTagCategory{admin.ClaudeTagDM}, ClaudeTagUserIDs: []string{"U0123ABCDEF"},
		ContextWindows: []admin.ContextWindow{"0-200k"}, InferenceGeos: []admin.InferenceGeo{"us"}, Models: []string{"claude-opus-4-6"},
		Products: []admin.AnalyticsProduct{admin.ReportProductClaudeTag}, RBACGroupIDs: []string{"rbac_group_1"}, SlackChannelIDs: []string{"C01"},
		Speeds: []admin.Speed{"fast"}, UserIDs: []string{"user_1"}}
	if _, err := api.client().Analytics.CostReport(admin.AnalyticsReportParams{StartingAt: day, EndingAt: day.AddDate(0, 0, 2),
		GroupBy: []admin.AnalyticsDimension{admin.DimModel, admin.DimTokenType}, PageCursor: admin.PageCursor{Limit: 5, Page: "page_x"}, AnalyticsReportFilters: filters}).Collect(t.Context()); err != nil {
		t.Fatal(err)
	}
	want{Method: "GET", Path: "/v1/organizations/analytics/cost_report", Query: url.Values{
		"starting_at": {"2026-11-18T00:00:00Z"}, "ending_at": {"2026-11-20T00:00:00Z"}, "bucket_width": {"1d"}, "limit": {"5"}, "page": {"page_x"},
		"group_by[]": {"model", "token_type"}, "claude_tag_categories[]": {"dm"}, "claude_tag_user_ids[]": {"U0123ABCDEF"}, "context_windows[]": {"0-200k"},
		"inference_geos[]": {"us"}, "models[]": {"claude-opus-4-6"}, "products[]": {"claude-tag"}, "rbac_group_ids[]": {"rbac_group_1"},
		"slack_channel_ids[]": {"C01"}, "speeds[]": {"fast"}, "user_ids[]": {"user_1"},
	}}.check(t, api.only())

	api = newFakeAPI(t, reply{Body: `{"data":[],"has_more":false,"next_page":null}`})
	if _, err := api.client().Analytics.UserUsageReport(admin.AnalyticsUserUsageParams{AnalyticsUserReportRange: admin.AnalyticsUserReportRange{
		StartingAt: day, EndingAt: day.AddDate(0, 0, 1), BucketWidth: admin.BucketWidthHour, ExcludeDeletedUsers: true, PageCursor: admin.PageCursor{Limit: 1000}},
		OrderBy: admin.UsageOrderRequests, Order: admin.SortAsc}).Collect(t.Context()); err != nil {
		t.Fatal(err)
	}
	want{Method: "GET", Path: "/v1/organizations/analytics/user_usage_report", Query: url.Values{
		"starting_at": {"2026-11-18T00:00:00Z"}, "ending_at": {"2026-11-19T00:00:00Z"}, "bucket_width": {"1h"}, "limit": {"1000"},
		"exclude_deleted_users": {"true"}, "order_by": {"requests"}, "order": {"asc"},
	}}.check(t, api.only())
}

// An actor kind this version does not know decodes with its type, its
// fields kept in the row's RawJSON; amounts stay exact.
func TestAnalyticsUserRowUnknownActor(t *testing.T) {
	const row = `{"starting_at":"2026-11-18T00:00:00Z","ending_at":"2026-11-19T00:00:00Z","actor":{"type":"robot_actor","robot_id":"rbt_1"},` +
		`"amount":"0.000000000000001","list_amount":"12345678901234567890.5","currency":"USD","cost_type":null,"token_type":null,"requests":null,` +
		`"claude_tag_category":null,"claude_tag_user_id":null,"context_window":null,"inference_geo":null,"model":null,"product":null,` +
		`"rbac_group_id":null,"slack_channel_id":null,"speed":"standard","new_field":1}`
	api := newFakeAPI(t, reply{Body: `{"data":[` + row + `],"has_more":false,"next_page":null}`})
	rows, err := api.client().Analytics.UserCostReport(admin.AnalyticsUserCostParams{AnalyticsUserReportRange: admin.AnalyticsUserReportRange{
		StartingAt: time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)}}).Collect(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	r := rows[0]
	if r.Actor.Type != "robot_actor" || !strings.Contains(string(r.RawJSON()), `"robot_id":"rbt_1"`) || !strings.Contains(string(r.RawJSON()), `"new_field":1`) ||
		r.Amount.String() != "0.000000000000001" || r.ListAmount.String() != "12345678901234567890.5" || r.Requests != nil || r.Speed != "standard" {
		t.Errorf("row = %+v", r)
	}
}

// The bucketed ranges walk a range longer than 31 days in windows the API
// takes, each bucket once and in order; the per-user ranges window by day.
func TestAnalyticsReportRanges(t *testing.T) {
	srv, c := newDemoFake(t)
	start, end := time.Date(2026, 9, 20, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)
	srv.ResetRequests()
	buckets, err := c.Analytics.UsageReportRange(admin.AnalyticsReportParams{StartingAt: start, EndingAt: end, PageCursor: admin.PageCursor{Limit: 10}}).Collect(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	days := int(end.Sub(start).Hours() / 24)
	if len(buckets) != days {
		t.Fatalf("%d buckets, want %d", len(buckets), days)
	}
	for i, b := range buckets {
		if !b.StartingAt.Equal(start.AddDate(0, 0, i)) || len(b.Results) != 1 {
			t.Fatalf("bucket %d = %s", i, b.RawJSON())
		}
	}
	for _, r := range srv.Requests() {
		from, _ := time.Parse(time.RFC3339, r.Query.Get("starting_at"))
		to, _ := time.Parse(time.RFC3339, r.Query.Get("ending_at"))
		if to.Sub(from) > 31*24*time.Hour || r.Query.Get("limit") != "10" {
			t.Errorf("request %s", r.Query.Encode())
		}
	}
	if n := len(srv.Requests()); n < 7 {
		t.Errorf("%d requests: the range was not walked in windows and pages", n)
	}
	costs, err := c.Analytics.CostReportRange(admin.AnalyticsReportParams{StartingAt: start, EndingAt: end}).Collect(t.Context())
	if err != nil || len(costs) != days {
		t.Fatalf("%d cost buckets, %v", len(costs), err)
	}
	if _, err := c.Analytics.CostReportRange(admin.AnalyticsReportParams{StartingAt: start}).Collect(t.Context()); err == nil {
		t.Error("a range without an end was walked")
	}

	rows, err := c.Analytics.UserCostReportRange(admin.AnalyticsUserCostParams{AnalyticsUserReportRange: admin.AnalyticsUserReportRange{
		StartingAt: start, EndingAt: end, BucketWidth: admin.BucketWidthDay, PageCursor: admin.PageCursor{Limit: 100}}}).Collect(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	perDay := map[time.Time]admin.Amount{}
	for _, r := range rows {
		k := r.StartingAt.String() + r.Actor.UserID
		if seen[k] || r.StartingAt.Before(start) || r.EndingAt.After(end) {
			t.Fatalf("row twice or outside the range: %s", r.RawJSON())
		}
		seen[k] = true
		perDay[r.StartingAt] = perDay[r.StartingAt].Add(r.Amount)
	}
	if len(perDay) != days {
		t.Errorf("%d days with member cost, want %d", len(perDay), days)
	}
}
