package admin_test

import (
	"errors"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// Analytics input the API would refuse fails before anything is sent.
func TestAnalyticsParamsRefused(t *testing.T) {
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	six := []admin.AnalyticsDimension{admin.DimActor, admin.DimModel, admin.DimProduct, admin.DimSpeed, admin.DimWorkspaceID, admin.DimServiceTier}
	cases := []struct {
		name, param string
		r           admin.AnalyticsRange
		usage       bool
	}{
		{"no start", "starting_at", admin.AnalyticsRange{}, false},
		{"before 2026", "starting_at", admin.AnalyticsRange{StartingAt: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}, false},
		{"over a year ago", "starting_at", admin.AnalyticsRange{StartingAt: time.Now().AddDate(-1, 0, -3)}, false},
		{"reversed", "ending_at", admin.AnalyticsRange{StartingAt: day, EndingAt: day.Add(-time.Hour)}, false},
		{"over 31 days", "ending_at", admin.AnalyticsRange{StartingAt: day.AddDate(0, 0, -32), EndingAt: day}, false},
		{"width without end", "ending_at", admin.AnalyticsRange{StartingAt: day, TimeBucketWidth: admin.BucketWidthHour}, true},
		{"1m over a day", "ending_at", admin.AnalyticsRange{StartingAt: day, EndingAt: day.Add(25 * time.Hour), TimeBucketWidth: admin.BucketWidthMinute}, true},
		{"unknown width", "time_bucket_width", admin.AnalyticsRange{StartingAt: day, EndingAt: day.Add(time.Hour), TimeBucketWidth: "1w"}, false},
		{"six dimensions", "group_by", admin.AnalyticsRange{StartingAt: day, GroupBy: six}, false},
		{"cost dimension on usage", "group_by", admin.AnalyticsRange{StartingAt: day, GroupBy: []admin.AnalyticsDimension{admin.DimTokenType}}, true},
		{"exclude deleted without actor", "exclude_deleted_users", admin.AnalyticsRange{StartingAt: day, ExcludeDeletedUsers: true}, false},
		{"limit", "limit", admin.AnalyticsRange{StartingAt: day, PageCursor: admin.PageCursor{Limit: 1001}}, true},
	}
	srv, c := newDemoFake(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv.ResetRequests()
			var err error
			if tc.usage {
				_, err = c.Analytics.Usage(admin.AnalyticsUsageParams{AnalyticsRange: tc.r}).Page(t.Context())
			} else {
				_, err = c.Analytics.Cost(admin.AnalyticsCostParams{AnalyticsRange: tc.r}).Page(t.Context())
			}
			var pe *admin.ParamError
			if !errors.As(err, &pe) || pe.Param != tc.param {
				t.Fatalf("err = %v, want a ParamError for %s", err, tc.param)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
	// Five dimensions plus cost_type and token_type are allowed.
	ok := append(six[:5:5], admin.DimCostType, admin.DimTokenType)
	if _, err := c.Analytics.Cost(admin.AnalyticsCostParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: day, EndingAt: day.AddDate(0, 0, 1), GroupBy: ok}}).Page(t.Context()); err != nil {
		t.Errorf("five dimensions with cost_type and token_type: %v", err)
	}
}

// CostRange walks a range longer than 31 days in windows the API accepts,
// every page of each, each row once, and its daily total matches the
// per-day rows asked for one day at a time.
func TestAnalyticsCostRange(t *testing.T) {
	srv, c := newDemoFake(t)
	start, end := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)
	params := admin.AnalyticsCostParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: start, EndingAt: end, TimeBucketWidth: admin.BucketWidthDay,
		GroupBy: []admin.AnalyticsDimension{admin.DimWorkspaceID}, PageCursor: admin.PageCursor{Limit: 50}}, OrderBy: admin.CostOrderTime, Order: admin.SortAsc}
	srv.ResetRequests()
	rows, err := c.Analytics.CostRange(params).Collect(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	days := map[time.Time]admin.Amount{}
	seen := map[string]bool{}
	for _, r := range rows {
		k := r.StartingAt.String() + r.Group.WorkspaceID
		if seen[k] {
			t.Fatalf("row twice: %s", r.RawJSON())
		}
		seen[k] = true
		if r.StartingAt.Before(start) || !r.EndingAt.After(r.StartingAt) || r.EndingAt.After(end) {
			t.Fatalf("row outside the range: %s", r.RawJSON())
		}
		days[r.StartingAt] = days[r.StartingAt].Add(r.Cost.Amount)
	}
	if len(days) != int(end.Sub(start).Hours()/24) {
		t.Errorf("%d days, want %d", len(days), int(end.Sub(start).Hours()/24))
	}
	for _, r := range srv.Requests() {
		from, _ := time.Parse(time.RFC3339, r.Query.Get("starting_at"))
		to, _ := time.Parse(time.RFC3339, r.Query.Get("ending_at"))
		if to.Sub(from) > 31*24*time.Hour || r.Query.Get("limit") != "50" {
			t.Errorf("request %s", r.Query.Encode())
		}
	}
	if n := len(srv.Requests()); n < 4 {
		t.Errorf("%d requests: the range was not walked in windows and pages", n)
	}
	day := time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)
	one, err := c.Analytics.Cost(admin.AnalyticsCostParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: day, EndingAt: day.AddDate(0, 0, 1)}}).Collect(t.Context())
	if err != nil || len(one) != 1 || one[0].Cost.Amount.Cmp(days[day]) != 0 {
		t.Errorf("2026-10-15 alone: %v, %v; from the range %s", one, err, days[day])
	}
}
