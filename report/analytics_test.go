package report_test

import (
	"errors"
	"iter"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/report"
)

// TestAnalyticsCostByActorIsWhole: the demo's spend by actor from the
// analytics endpoint, gathered by day, adds up day by day to the
// endpoint's own ungrouped spend, and holds the legacy cost report's
// (which leaves out Priority Tier spend) and more.
func TestAnalyticsCostByActorIsWhole(t *testing.T) {
	c := newDemoFake(t)
	r := admin.TimeRange{Start: mustTime(t, "2026-11-01T00:00:00Z"), End: mustTime(t, "2026-11-21T00:00:00Z")}
	summarize := func(by []admin.AnalyticsDimension, key func(admin.AnalyticsGroup) string) *report.CostSummary {
		rows := c.Analytics.CostRange(admin.AnalyticsCostParams{
			AnalyticsRange: admin.AnalyticsRange{StartingAt: r.Start, EndingAt: r.End, TimeBucketWidth: admin.BucketWidthDay,
				GroupBy: by, PageCursor: admin.PageCursor{Limit: 1000}},
			OrderBy: admin.CostOrderTime, Order: admin.SortAsc,
		}).All(t.Context())
		acc := report.NewAnalyticsCostSummarizer("actor", key, fakeNow)
		for _, b := range collectSeq(t, report.DailyRows(rows, r.Start, r.End, func(r admin.AnalyticsCostRow) time.Time { return r.StartingAt })) {
			if err := acc.Add(b); err != nil {
				t.Fatal(err)
			}
		}
		return acc.Summary()
	}
	got := summarize([]admin.AnalyticsDimension{admin.DimActor}, func(g admin.AnalyticsGroup) string {
		if g.Actor == nil {
			return ""
		}
		return string(g.Actor.Type) + g.Actor.UserID + g.Actor.ServiceAccountID + g.Actor.APIKeyID
	})
	want := summarize(nil, func(admin.AnalyticsGroup) string { return "" })
	if got.Total.Cmp(want.Total) != 0 || got.Total.IsZero() {
		t.Errorf("by actor %s, ungrouped %s", got.Total, want.Total)
	}
	if len(got.Periods) != 20 || got.Pending != want.Pending || got.Pending != 1 {
		t.Fatalf("by actor %d days (%d pending), ungrouped %d (%d pending)", len(got.Periods), got.Pending, len(want.Periods), want.Pending)
	}
	for i := range got.Series {
		if got.Series[i].Cmp(want.Series[i]) != 0 {
			t.Errorf("day %s: by actor %s, ungrouped %s", got.Periods[i].Start, got.Series[i], want.Series[i])
		}
	}
	if len(got.Groups) < 2 {
		t.Errorf("%d actors", len(got.Groups))
	}
	legacy, err := report.NewCostSummarizer("", fakeNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range collectSeq(t, c.Cost.ReportRange(admin.CostReportParams{StartingAt: r.Start, EndingAt: r.End}).All(t.Context())) {
		if err := legacy.Add(b); err != nil {
			t.Fatal(err)
		}
	}
	if got.Total.Cmp(legacy.Summary().Total) < 0 {
		t.Errorf("analytics %s < cost report %s", got.Total, legacy.Summary().Total)
	}
}

// TestDailyRows: gaps become empty days, the days run to until, and rows
// out of order are an error.
func TestDailyRows(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	seq := func(ts ...time.Time) iter.Seq2[time.Time, error] {
		return func(yield func(time.Time, error) bool) {
			for _, t := range ts {
				if !yield(t, nil) {
					return
				}
			}
		}
	}
	id := func(t time.Time) time.Time { return t }
	var got []int
	for b, err := range report.DailyRows(seq(day(2), day(2), day(4)), day(1), day(6), id) {
		if err != nil {
			t.Fatal(err)
		}
		if !b.EndingAt.Equal(b.StartingAt.Add(24 * time.Hour)) {
			t.Errorf("bucket %s–%s", b.StartingAt, b.EndingAt)
		}
		got = append(got, b.StartingAt.Day()*10+len(b.Results))
	}
	if want := []int{10, 22, 30, 41, 50}; !equalInts(got, want) {
		t.Errorf("days (day*10+rows) = %v, want %v", got, want)
	}
	var err error
	for _, e := range report.DailyRows(seq(day(3), day(2)), day(1), day(6), id) {
		if e != nil {
			err = e
		}
	}
	if err == nil {
		t.Error("rows out of order: no error")
	}
	boom := errors.New("boom")
	for _, e := range report.DailyRows(func(yield func(time.Time, error) bool) { yield(time.Time{}, boom) }, day(1), day(6), id) {
		err = e
	}
	if !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
