package admintest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// The four analytics reports come from the same traffic as analytics usage
// and cost and the legacy usage report: on one day, the usage report's
// tokens by model are the legacy usage report's and analytics usage's, the
// cost report's amount is analytics cost's, to the last digit, and the
// per-user reports are the user_actor rows of analytics usage and cost.
func TestAnalyticsReportsAgree(t *testing.T) {
	srv := newDemo(t)
	c := srv.Client()
	ctx := t.Context()
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	next := day.AddDate(0, 0, 1)

	legacy := map[string]int64{}
	for b, err := range c.Usage.Messages(admin.UsageMessagesParams{StartingAt: day, EndingAt: next, GroupBy: []admin.UsageGroupBy{admin.UsageGroupByModel}}).All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Results {
			legacy[r.Model] += r.TotalInputTokens() + r.OutputTokens
		}
	}
	analytics := map[string]int64{}
	for r, err := range c.Analytics.Usage(admin.AnalyticsUsageParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: day, EndingAt: next,
		GroupBy: []admin.AnalyticsDimension{admin.DimModel}}}).All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		analytics[r.Group.Model] += r.Usage.TotalTokens
	}
	report := map[string]int64{}
	buckets := collectAll(t, c.Analytics.UsageReport(admin.AnalyticsReportParams{StartingAt: day, EndingAt: next, GroupBy: []admin.AnalyticsDimension{admin.DimModel}}))
	if len(buckets) != 1 || !buckets[0].StartingAt.Equal(day) || !buckets[0].EndingAt.Equal(next) {
		t.Fatalf("buckets = %+v", buckets)
	}
	for _, r := range buckets[0].Results {
		if r.Speed == "" || r.Product != "" {
			t.Errorf("result = %+v", r)
		}
		report[r.Model] += r.UncachedInputTokens + r.CacheCreation.Ephemeral1hInputTokens + r.CacheCreation.Ephemeral5mInputTokens + r.CacheReadInputTokens + r.OutputTokens
	}
	if len(report) < 3 || len(report) != len(legacy) || len(report) != len(analytics) {
		t.Fatalf("models: usage report %v, legacy %v, analytics %v", report, legacy, analytics)
	}
	for m, n := range legacy {
		if report[m] != n || analytics[m] != n {
			t.Errorf("%s: usage report %d tokens, legacy %d, analytics %d", m, report[m], n, analytics[m])
		}
	}

	costs := collectAll(t, c.Analytics.CostReport(admin.AnalyticsReportParams{StartingAt: day, EndingAt: next}))
	total := collectAll(t, c.Analytics.Cost(admin.AnalyticsCostParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: day, EndingAt: next}}))
	if len(costs) != 1 || len(costs[0].Results) != 1 || len(total) != 1 || costs[0].Results[0].Amount.String() != total[0].Cost.Amount.String() {
		t.Fatalf("cost report %+v, analytics cost %+v", costs, total)
	}

	// Per user: analytics cost by actor, members only.
	want := map[string]admin.Amount{}
	for r, err := range c.Analytics.Cost(admin.AnalyticsCostParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: day, EndingAt: next,
		GroupBy: []admin.AnalyticsDimension{admin.DimActor}, AnalyticsFilters: admin.AnalyticsFilters{ActorTypes: []admin.AnalyticsActorType{admin.AnalyticsUserActor}}}}).All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		want[r.Group.Actor.UserID] = r.Cost.Amount
	}
	got := map[string]admin.Amount{}
	for r, err := range c.Analytics.UserCostReport(admin.AnalyticsUserCostParams{AnalyticsUserReportRange: admin.AnalyticsUserReportRange{StartingAt: day, EndingAt: next,
		PageCursor: admin.PageCursor{Limit: 3}}}).All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if r.Actor.Type != admin.AnalyticsUserActor || r.Amount.Cmp(r.ListAmount) != 0 {
			t.Errorf("row = %s", r.RawJSON())
		}
		got[r.Actor.UserID] = r.Amount
	}
	if len(want) < 5 || len(got) != len(want) {
		t.Fatalf("user cost report %v, analytics %v", got, want)
	}
	for id, a := range want {
		if got[id].Cmp(a) != 0 {
			t.Errorf("%s: user cost report %s, analytics %s", id, got[id], a)
		}
	}
}

// The reports' documented refusals, with the API's error shape.
func TestAnalyticsReportsRefusals(t *testing.T) {
	srv := newDemo(t)
	const from = "starting_at=2026-11-17T00:00:00Z"
	cases := []struct{ name, path, query string }{
		{"no start", "usage_report", ""},
		{"before 2026", "cost_report", "starting_at=2025-12-31T00:00:00Z"},
		{"over a year ago", "user_cost_report", "starting_at=2025-11-19T00:00:00Z"},
		{"range over 31 days", "usage_report", "starting_at=2026-10-01T00:00:00Z&ending_at=2026-11-02T00:00:00Z"},
		{"reversed range", "user_usage_report", from + "&ending_at=2026-11-16T00:00:00Z"},
		{"actor is not a report dimension", "usage_report", from + "&group_by[]=actor"},
		{"cost dimension on usage", "usage_report", from + "&group_by[]=token_type"},
		{"cost dimension on user usage", "user_usage_report", from + "&group_by[]=cost_type"},
		{"slack user with rbac group", "cost_report", from + "&group_by[]=claude_tag_user_id&group_by[]=rbac_group_id"},
		{"slack user with rbac filter", "user_cost_report", from + "&group_by[]=claude_tag_user_id&rbac_group_ids[]=rbac_group_1"},
		{"unknown product", "usage_report", from + "&products[]=claude_tag"},
		{"unknown width", "cost_report", from + "&bucket_width=1w"},
		{"1m page over 256", "usage_report", from + "&ending_at=2026-11-17T12:00:00Z&bucket_width=1m&limit=257"},
		{"1d page over 31", "cost_report", from + "&limit=32"},
		{"user page over 1000", "user_usage_report", from + "&limit=1001"},
		{"user width without end", "user_usage_report", from + "&bucket_width=1h"},
		{"user 1m over 24 hours", "user_cost_report", from + "&ending_at=2026-11-18T00:01:00Z&bucket_width=1m"},
		{"order by time", "user_cost_report", from + "&order_by=time"},
		{"usage order on cost", "user_cost_report", from + "&order_by=total_tokens"},
		{"bad order", "user_usage_report", from + "&order=up"},
		{"no whole bucket", "cost_report", from + "&ending_at=2026-11-17T23:00:00Z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := send(t, srv, "GET", "/v1/organizations/analytics/"+tc.path+"?"+tc.query, "")
			if r.Status != http.StatusBadRequest || r.errorType(t) != "invalid_request_error" {
				t.Errorf("%d %s, want a 400 invalid_request_error", r.Status, r.Body)
			}
		})
	}
	for _, ok := range []string{"cost_report?" + from + "&group_by[]=cost_type&group_by[]=token_type&group_by[]=model&products[]=claude-tag",
		"usage_report?" + from + "&ending_at=2026-11-17T12:00:00Z&bucket_width=1m&limit=256",
		"user_usage_report?" + from + "&ending_at=2026-11-18T00:00:00Z&bucket_width=1m&order_by=output_tokens&order=asc"} {
		if r := send(t, srv, "GET", "/v1/organizations/analytics/"+ok, ""); r.Status != http.StatusOK {
			t.Errorf("%s: %d %s", ok, r.Status, r.Body)
		}
	}
}

// user_ids[] keeps one member's rows; a bucketed page of a report pages by
// bucket.
func TestAnalyticsReportsFilterAndPages(t *testing.T) {
	srv := newDemo(t)
	c := srv.Client()
	day := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	rows := collectAll(t, c.Analytics.UserUsageReport(admin.AnalyticsUserUsageParams{AnalyticsUserReportRange: admin.AnalyticsUserReportRange{
		StartingAt: day, EndingAt: day.AddDate(0, 0, 3), BucketWidth: admin.BucketWidthDay}}))
	if len(rows) < 6 {
		t.Fatalf("%d rows", len(rows))
	}
	one := rows[0].Actor.UserID
	only := collectAll(t, c.Analytics.UserUsageReport(admin.AnalyticsUserUsageParams{AnalyticsUserReportRange: admin.AnalyticsUserReportRange{
		StartingAt: day, EndingAt: day.AddDate(0, 0, 3), BucketWidth: admin.BucketWidthDay, AnalyticsReportFilters: admin.AnalyticsReportFilters{UserIDs: []string{one}}}}))
	if len(only) == 0 || len(only) > 3 {
		t.Fatalf("%d rows for %s", len(only), one)
	}
	for _, r := range only {
		if r.Actor.UserID != one {
			t.Errorf("row of %s", r.Actor.UserID)
		}
	}
	srv.ResetRequests()
	buckets := collectAll(t, c.Analytics.CostReport(admin.AnalyticsReportParams{StartingAt: day, EndingAt: day.Add(10 * time.Hour),
		BucketWidth: admin.BucketWidthHour, PageCursor: admin.PageCursor{Limit: 4}}))
	if len(buckets) != 10 || len(srv.Requests()) != 3 {
		t.Errorf("%d buckets in %d requests, want 10 in 3", len(buckets), len(srv.Requests()))
	}
	for i, b := range buckets {
		if !b.StartingAt.Equal(day.Add(time.Duration(i)*time.Hour)) || len(b.Results) > 1 {
			t.Errorf("bucket %d = %s", i, b.RawJSON())
		}
	}
}

// A removed member's traffic stays theirs: the per-user reports name them,
// deleted, with their email address and name, until exclude_deleted_users
// leaves them out.
func TestAnalyticsReportsRemovedMember(t *testing.T) {
	srv := newDemo(t)
	c := srv.Client()
	ctx := t.Context()
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	params := admin.AnalyticsUserUsageParams{AnalyticsUserReportRange: admin.AnalyticsUserReportRange{StartingAt: day, EndingAt: day.AddDate(0, 0, 1)}}
	before := collectAll(t, c.Analytics.UserUsageReport(params))
	var gone admin.AnalyticsActor
	for _, r := range before {
		if u, err := c.Users.Get(ctx, r.Actor.UserID); err == nil && u.Role != admin.OrgRoleAdmin {
			gone = r.Actor
			break
		}
	}
	if gone.UserID == "" {
		t.Fatal("no removable member with traffic")
	}
	if _, err := c.Users.Remove(ctx, gone.UserID); err != nil {
		t.Fatal(err)
	}
	after := collectAll(t, c.Analytics.UserUsageReport(params))
	if len(after) != len(before) {
		t.Fatalf("%d rows after the removal, %d before", len(after), len(before))
	}
	found := false
	for _, r := range after {
		if r.Actor.UserID == gone.UserID {
			found = true
			if !r.Actor.Deleted || r.Actor.EmailAddress != gone.EmailAddress || r.Actor.Name != gone.Name {
				t.Errorf("removed member = %+v, was %+v", r.Actor, gone)
			}
		}
	}
	if !found {
		t.Error("the removed member's row is gone")
	}
	params.ExcludeDeletedUsers = true
	kept := collectAll(t, c.Analytics.UserUsageReport(params))
	if len(kept) != len(before)-1 {
		t.Errorf("%d rows without deleted members, want %d", len(kept), len(before)-1)
	}
	for _, r := range kept {
		if r.Actor.Deleted {
			t.Errorf("deleted member kept: %s", r.RawJSON())
		}
	}
}
