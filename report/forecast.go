package report

import (
	"fmt"
	"math/big"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// forecastDays is how many complete days the projection averages.
const forecastDays = 7

// Forecast is the month's spend so far and where it is heading, from the
// daily cost report, in exact arithmetic. Amounts are in cents; those that
// need not end in decimal are Ratios, printed in dollars with
// Ratio.DollarString.
type Forecast struct {
	// AsOf is when the figures run to: the now given to ForecastMonth, or
	// the start of today when the buckets lack today's, as when the server
	// does not give a day's bucket before it ends. MonthToDate runs to it
	// and RemainingDays from it, so a missing today is projected at the
	// average like the days after it.
	AsOf time.Time
	// Month is the whole UTC calendar month holding AsOf.
	Month admin.TimeRange
	// MonthToDate is the spend from the month's start to AsOf, today's
	// unfinished day included when AsOf is now; its latest hour may still
	// grow (see Lag).
	MonthToDate admin.Amount
	// Trailing is the complete days the average is taken over: the 7 UTC
	// days before the latest day that is final (see Lag), so usually the 7
	// days before today.
	Trailing      admin.TimeRange
	TrailingSpend admin.Amount
	// DailyAverage is TrailingSpend / 7, in cents per day.
	DailyAverage Ratio
	// RemainingDays is the time from AsOf to the month's end in days, the
	// rest of today included: from 15:30 on November 20th it is 10 days
	// and 8.5 hours, exactly 497/48.
	RemainingDays Ratio
	// Projected is the month-end spend if the days left go like the
	// trailing ones: MonthToDate + DailyAverage × RemainingDays, in cents.
	Projected Ratio
}

// ForecastRange is the time range of cost buckets that ForecastMonth needs
// at now: from the month's start, or the first trailing day if that is
// earlier, to now. Fetch it with [admin.CostService.ReportRange].
func ForecastRange(now time.Time) admin.TimeRange {
	r := admin.MonthToDate(now)
	if t := trailingDays(now).Start; t.Before(r.Start) {
		r.Start = t
	}
	return r
}

// trailingDays is the forecastDays complete days before the latest final
// day boundary.
func trailingDays(now time.Time) admin.TimeRange {
	end := startOfDay(now.Add(-Lag))
	return admin.TimeRange{Start: end.AddDate(0, 0, -forecastDays), End: end}
}

// startOfDay is midnight UTC of t's UTC day.
func startOfDay(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }

// ForecastMonth projects the month-end spend at now from daily cost buckets
// (any grouping) covering ForecastRange(now): month to date plus the
// trailing 7 complete days' average for every day left. Buckets outside
// that range are ignored; a day missing from it is an error, since a
// forecast on partial data would look right and be wrong. The one
// exception is today, which a server may not give until it ends
// ([admin.CostService.ReportRange] then ends with yesterday): without it
// the forecast is as of the start of today (see Forecast.AsOf).
func ForecastMonth(buckets []admin.CostBucket, now time.Time) (*Forecast, error) {
	if now.IsZero() {
		return nil, invalidParam("now is the zero time")
	}
	sum, err := SummarizeCost(buckets, "", now)
	if err != nil {
		return nil, err
	}
	return ForecastMonthOf(sum, now)
}

// ForecastMonthOf is ForecastMonth from a summary of the daily cost buckets
// (by any field), such as a CostSummarizer's, so the buckets need not be
// held: it reads the summary's Periods and Series.
func ForecastMonthOf(sum *CostSummary, now time.Time) (*Forecast, error) {
	if now.IsZero() {
		return nil, invalidParam("now is the zero time")
	}
	now = now.UTC()
	daily := map[int64]admin.Amount{} // by the day's Unix time
	for i, p := range sum.Periods {
		if p.End.Sub(p.Start) != 24*time.Hour || !p.Start.Equal(startOfDay(p.Start)) {
			return nil, fmt.Errorf("report: bucket %d runs from %s to %s, not one UTC day: a forecast needs the daily cost report", i, stamp(p.Start), stamp(p.End))
		}
		daily[p.Start.Unix()] = sum.Series[i]
	}
	// spend adds up the days that start in r.
	spend := func(r admin.TimeRange) (admin.Amount, error) {
		var days []admin.Amount
		for d := r.Start; d.Before(r.End); d = d.AddDate(0, 0, 1) {
			a, ok := daily[d.Unix()]
			if !ok {
				return admin.Amount{}, fmt.Errorf("report: the cost buckets lack %s, which the forecast needs; fetch ForecastRange(now)", d.Format(time.DateOnly))
			}
			days = append(days, a)
		}
		return admin.Sum(days...), nil
	}
	month := admin.MonthToDate(now).Start
	f := &Forecast{AsOf: now, Month: admin.TimeRange{Start: month, End: month.AddDate(0, 1, 0)}, Trailing: trailingDays(now)}
	if today := startOfDay(now); today.Before(now) {
		if _, ok := daily[today.Unix()]; !ok {
			f.AsOf = today // no bucket for today yet: the forecast is as of midnight
		}
	}
	var err error
	if f.MonthToDate, err = spend(admin.TimeRange{Start: f.Month.Start, End: f.AsOf}); err != nil {
		return nil, err
	}
	if f.TrailingSpend, err = spend(f.Trailing); err != nil {
		return nil, err
	}
	average := new(big.Rat).Quo(f.TrailingSpend.Cents(), big.NewRat(forecastDays, 1))
	remaining := big.NewRat(int64(f.Month.End.Sub(f.AsOf)), int64(24*time.Hour))
	projected := new(big.Rat).Mul(average, remaining)
	projected.Add(projected, f.MonthToDate.Cents())
	f.DailyAverage, f.RemainingDays, f.Projected = ratio(average), ratio(remaining), ratio(projected)
	return f, nil
}

// BudgetStatus is a month's spend against a budget. Shares are exact
// ratios, 1 being the whole budget; UsedShare.Percent(1) prints one as a
// percentage to a tenth, "70.7".
type BudgetStatus struct {
	Budget         admin.Amount // cents
	UsedShare      Ratio        // MonthToDate / Budget
	ProjectedShare Ratio        // Projected / Budget
	Over           bool         // MonthToDate is more than the budget already
	ProjectedOver  bool         // Projected is more than the budget
}

// CheckBudget compares the forecast with a monthly budget in cents, such as
// one read by [admin.ParseDollars]. The budget must be more than zero.
func (f *Forecast) CheckBudget(budget admin.Amount) (*BudgetStatus, error) {
	if budget.Sign() <= 0 {
		return nil, invalidParam("budget %s cents: a budget must be more than zero", budget)
	}
	b := budget.Cents()
	return &BudgetStatus{
		Budget:         budget,
		UsedShare:      ratio(new(big.Rat).Quo(f.MonthToDate.Cents(), b)),
		ProjectedShare: ratio(new(big.Rat).Quo(f.Projected.value(), b)),
		Over:           f.MonthToDate.Cmp(budget) > 0,
		ProjectedOver:  f.Projected.value().Cmp(b) > 0,
	}, nil
}
