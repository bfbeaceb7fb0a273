package report_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/report"
)

// costDays builds daily cost buckets from the first day on, one per list of
// amounts (several amounts are several results of a grouped day).
func costDays(t *testing.T, first string, days ...[]string) []admin.CostBucket {
	t.Helper()
	start := mustTime(t, first+"T00:00:00Z")
	var parts []string
	for i, amounts := range days {
		var results []string
		for _, a := range amounts {
			results = append(results, fmt.Sprintf(`{"amount":%q,"currency":"USD","workspace_id":null}`, a))
		}
		d := start.AddDate(0, 0, i)
		parts = append(parts, fmt.Sprintf(`{"starting_at":%q,"ending_at":%q,"results":[%s]}`,
			d.Format(time.RFC3339), d.AddDate(0, 0, 1).Format(time.RFC3339), strings.Join(results, ",")))
	}
	return decodeBuckets[admin.CostResult](t, "["+strings.Join(parts, ",")+"]")
}

// novemberTenth is ten days of November: two early days, the 7 trailing
// days (one of them grouped into two results) and the 10th so far.
func novemberTenth(t *testing.T) []admin.CostBucket {
	return costDays(t, "2026-11-01",
		[]string{"100"}, []string{"200"},
		[]string{"1000"}, []string{"1000.5"}, []string{"999", "0.5"}, []string{"1200"}, []string{"800"}, []string{"1100"}, []string{"900.25"},
		[]string{"250.75"})
}

func TestForecastMonthByHand(t *testing.T) {
	now := mustTime(t, "2026-11-10T06:00:00Z")
	if r := report.ForecastRange(now); !r.Start.Equal(mustTime(t, "2026-11-01T00:00:00Z")) || !r.End.Equal(now) {
		t.Errorf("ForecastRange = %v – %v", r.Start, r.End)
	}
	f, err := report.ForecastMonth(novemberTenth(t), now)
	if err != nil {
		t.Fatal(err)
	}
	// By hand: the trailing days Nov 3–9 spent 1000 + 1000.5 + 999.5 + 1200
	// + 800 + 1100 + 900.25 = 7000.25 cents, 28001/28 a day. The month so
	// far is 100 + 200 + 7000.25 + 250.75 = 7551. From 06:00 on the 10th to
	// December 1st is 20 days 18 hours = 83/4 days. 7551 + 28001/28 × 83/4
	// = 3169795/112 cents ≈ $283.02.
	checks := []struct {
		name string
		got  report.Ratio
		want string
	}{
		{"MonthToDate", report.RatioOf(f.MonthToDate.Cents()), "7551"},
		{"TrailingSpend", report.RatioOf(f.TrailingSpend.Cents()), "28001/4"},
		{"DailyAverage", f.DailyAverage, "28001/28"},
		{"RemainingDays", f.RemainingDays, "83/4"},
		{"Projected", f.Projected, "3169795/112"},
	}
	for _, c := range checks {
		if c.got.Cmp(report.RatioOf(ratOf(t, c.want))) != 0 {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
	if !f.Month.Start.Equal(mustTime(t, "2026-11-01T00:00:00Z")) || !f.Month.End.Equal(mustTime(t, "2026-12-01T00:00:00Z")) ||
		!f.Trailing.Start.Equal(mustTime(t, "2026-11-03T00:00:00Z")) || !f.Trailing.End.Equal(mustTime(t, "2026-11-10T00:00:00Z")) || !f.AsOf.Equal(now) {
		t.Errorf("forecast ranges = %+v", f)
	}
	if got := f.Projected.DollarString(2); got != "283.02" {
		t.Errorf("projected $%s, want $283.02", got)
	}

	tests := []struct {
		budget          string
		used, projected string
		over, projOver  bool
	}{
		{"300", "2517/10000", "633959/672000", false, false},
		{"250", "7551/25000", "633959/560000", false, true},
		{"75.51", "1", "3169795/845712", false, true}, // spent exactly the budget: not over yet
		{"75.50", "7551/7550", "633959/169120", true, true},
	}
	for _, tt := range tests {
		budget, err := admin.ParseDollars(tt.budget)
		if err != nil {
			t.Fatal(err)
		}
		b, err := f.CheckBudget(budget)
		if err != nil {
			t.Fatal(err)
		}
		if b.UsedShare.Cmp(report.RatioOf(ratOf(t, tt.used))) != 0 || b.ProjectedShare.Cmp(report.RatioOf(ratOf(t, tt.projected))) != 0 ||
			b.Over != tt.over || b.ProjectedOver != tt.projOver || b.Budget.Cmp(budget) != 0 {
			t.Errorf("budget $%s: used %s, projected %s, over %v/%v; want %s, %s, %v/%v", tt.budget,
				b.UsedShare, b.ProjectedShare, b.Over, b.ProjectedOver, tt.used, tt.projected, tt.over, tt.projOver)
		}
	}
	for _, bad := range []string{"0", "-5"} {
		if _, err := f.CheckBudget(admin.MustParseAmount(bad)); !errors.Is(err, admin.ErrInvalidParam) {
			t.Errorf("budget %s cents: err = %v, want ErrInvalidParam", bad, err)
		}
	}
}

func TestForecastEarlyInTheMonth(t *testing.T) {
	// At 00:30 on December 1st, November 30th is not final yet: the
	// trailing week is November 23–29, and the month so far is half an
	// hour of December.
	now := mustTime(t, "2026-12-01T00:30:00Z")
	r := report.ForecastRange(now)
	if !r.Start.Equal(mustTime(t, "2026-11-23T00:00:00Z")) || !r.End.Equal(now) {
		t.Fatalf("ForecastRange = %v – %v", r.Start, r.End)
	}
	buckets := costDays(t, "2026-11-23", []string{"700"}, []string{"700"}, []string{"700"}, []string{"700"}, []string{"700"},
		[]string{"700"}, []string{"700"}, []string{"9999"}, []string{"3"})
	f, err := report.ForecastMonth(buckets, now)
	if err != nil {
		t.Fatal(err)
	}
	// 3 + 700 a day × (31 days − 30 minutes).
	want := new(big.Rat).Add(big.NewRat(3, 1), new(big.Rat).Mul(big.NewRat(700, 1), big.NewRat(31*48-1, 48)))
	if f.MonthToDate.String() != "3" || f.DailyAverage.Cmp(report.RatioOf(big.NewRat(700, 1))) != 0 || f.Projected.Cmp(report.RatioOf(want)) != 0 {
		t.Errorf("forecast = MTD %s, average %s, projected %s; want 3, 700, %s", f.MonthToDate, f.DailyAverage, f.Projected, want.RatString())
	}
}

func TestForecastWithoutTheRunningDay(t *testing.T) {
	// A server that does not give today's bucket before the day ends: the
	// forecast is as of midnight, and today is projected like the days
	// after it.
	now := mustTime(t, "2026-11-10T06:00:00Z")
	f, err := report.ForecastMonth(novemberTenth(t)[:9], now)
	if err != nil {
		t.Fatal(err)
	}
	// By hand: the month so far is 100 + 200 + 7000.25 = 7300.25 cents;
	// 21 days are left from midnight; 7300.25 + 28001/28 × 21 = 28301.
	if !f.AsOf.Equal(mustTime(t, "2026-11-10T00:00:00Z")) || f.MonthToDate.String() != "7300.25" ||
		f.RemainingDays.Cmp(report.RatioOf(big.NewRat(21, 1))) != 0 || f.Projected.Cmp(report.RatioOf(big.NewRat(28301, 1))) != 0 ||
		!f.Trailing.Start.Equal(mustTime(t, "2026-11-03T00:00:00Z")) {
		t.Errorf("forecast as of %v: MTD %s, %s days left, projected %s; want as of midnight, 7300.25, 21, 28301",
			f.AsOf, f.MonthToDate, f.RemainingDays, f.Projected)
	}
}

func TestForecastRefusesPartialData(t *testing.T) {
	now := mustTime(t, "2026-11-10T06:00:00Z")
	full := novemberTenth(t)
	hourly := decodeBuckets[admin.CostResult](t, `[{"starting_at":"2026-11-10T00:00:00Z","ending_at":"2026-11-10T01:00:00Z","results":[]}]`)
	tests := []struct {
		name    string
		buckets []admin.CostBucket
		msg     string
	}{
		{"no buckets", nil, "lack 2026-11-01"},
		{"without yesterday", append(full[:8:8], full[9]), "lack 2026-11-09"},
		{"without the trailing week and today", full[:2], "lack 2026-11-03"},
		{"without the first trailing day", append(full[:2:2], full[3:]...), "lack 2026-11-03"},
		{"without the month's start", full[1:], "lack 2026-11-01"},
		{"an hourly bucket", append(full[:9:9], hourly...), "not one UTC day"},
	}
	for _, tt := range tests {
		if _, err := report.ForecastMonth(tt.buckets, now); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: err = %v, want one saying %q", tt.name, err, tt.msg)
		}
	}
	if _, err := report.ForecastMonth(full, time.Time{}); !errors.Is(err, admin.ErrInvalidParam) {
		t.Errorf("zero now: err = %v", err)
	}
}

func TestForecastOnDemo(t *testing.T) {
	c := newDemoFake(t)
	r := report.ForecastRange(fakeNow)
	buckets := collectSeq(t, c.Cost.ReportRange(admin.CostReportParams{StartingAt: r.Start, EndingAt: r.End,
		GroupBy: []admin.CostGroupBy{admin.CostGroupByDescription}}).All(context.Background()))
	f, err := report.ForecastMonth(buckets, fakeNow)
	if err != nil {
		t.Fatal(err)
	}
	// By hand from the raw amounts: November 1–20 so far, and the week
	// before today.
	mtd, week := new(big.Rat), new(big.Rat)
	for _, b := range buckets {
		for _, res := range resultJSON(t, b) {
			a := ratOf(t, rawText(rawFields(t, res), "amount"))
			if !b.StartingAt.Before(mustTime(t, "2026-11-01T00:00:00Z")) {
				mtd.Add(mtd, a)
			}
			if !b.StartingAt.Before(mustTime(t, "2026-11-13T00:00:00Z")) && b.StartingAt.Before(mustTime(t, "2026-11-20T00:00:00Z")) {
				week.Add(week, a)
			}
		}
	}
	remaining := big.NewRat(10*24*60+8*60+30, 24*60) // 15:30 on the 20th to December 1st
	projected := new(big.Rat).Mul(new(big.Rat).Quo(week, big.NewRat(7, 1)), remaining)
	projected.Add(projected, mtd)
	if f.MonthToDate.Cents().Cmp(mtd) != 0 || f.TrailingSpend.Cents().Cmp(week) != 0 || f.Projected.Rat().Cmp(projected) != 0 || mtd.Sign() <= 0 {
		t.Errorf("forecast MTD %s, week %s, projected %s; want %s, %s, %s", f.MonthToDate, f.TrailingSpend,
			f.Projected.Round(6), mtd.FloatString(6), week.FloatString(6), projected.FloatString(6))
	}
}
