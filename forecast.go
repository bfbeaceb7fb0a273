package admin

import (
	"fmt"
	"math/big"
	"time"
)

// forecastDays is how many complete days the projection averages.
const forecastDays = 7

// Forecast is the month's spend so far and where it is heading, from the
// daily cost report, in exact arithmetic. Amounts are in cents; format the
// big.Rat ones with FormatDollars.
type Forecast struct {
	// AsOf is when the figures run to: the now given to ForecastMonth, or
	// the start of today when the buckets lack today's, as when the server
	// does not give a day's bucket before it ends. MonthToDate runs to it
	// and RemainingDays from it, so a missing today is projected at the
	// average like the days after it.
	AsOf time.Time
	// Month is the whole UTC calendar month holding AsOf.
	Month TimeRange
	// MonthToDate is the spend from the month's start to AsOf, today's
	// unfinished day included when AsOf is now; its latest hour may still
	// grow (see ReportLag).
	MonthToDate Amount
	// Trailing is the complete days the average is taken over: the 7 UTC
	// days before the latest day that is final (see ReportLag), so usually
	// the 7 days before today.
	Trailing      TimeRange
	TrailingSpend Amount
	// DailyAverage is TrailingSpend / 7, in cents per day.
	DailyAverage *big.Rat
	// RemainingDays is the time from AsOf to the month's end in days, the
	// rest of today included: from 15:30 on November 20th it is 10 days
	// and 8.5 hours, exactly 497/48.
	RemainingDays *big.Rat
	// Projected is the month-end spend if the days left go like the
	// trailing ones: MonthToDate + DailyAverage × RemainingDays, in cents.
	Projected *big.Rat
}

// ForecastRange is the time range of cost buckets that ForecastMonth needs
// at now: from the month's start, or the first trailing day if that is
// earlier, to now. Fetch it with CostService.ReportRange.
func ForecastRange(now time.Time) TimeRange {
	now = now.UTC()
	start := monthStart(now, 0)
	if t := trailingDays(now).Start; t.Before(start) {
		start = t
	}
	return TimeRange{Start: start, End: now}
}

// trailingDays is the forecastDays complete days before the latest final
// day boundary.
func trailingDays(now time.Time) TimeRange {
	end := startOfDay(now.Add(-ReportLag))
	return TimeRange{Start: end.AddDate(0, 0, -forecastDays), End: end}
}

// ForecastMonth projects the month-end spend at now from daily cost buckets
// (any grouping) covering ForecastRange(now): month to date plus the
// trailing 7 complete days' average for every day left. Buckets outside
// that range are ignored; a day missing from it is an error, since a
// forecast on partial data would look right and be wrong. The one
// exception is today, which a server may not give until it ends
// (CostService.ReportRange then ends with yesterday): without it the
// forecast is as of the start of today (see Forecast.AsOf).
func ForecastMonth(buckets []CostBucket, now time.Time) (*Forecast, error) {
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
	daily := map[int64]Amount{} // by the day's Unix time
	for i, p := range sum.Periods {
		if p.End.Sub(p.Start) != 24*time.Hour || !p.Start.Equal(startOfDay(p.Start)) {
			return nil, fmt.Errorf("admin: bucket %d runs from %s to %s, not one UTC day: a forecast needs the daily cost report", i, stamp(p.Start), stamp(p.End))
		}
		daily[p.Start.Unix()] = sum.Series[i]
	}
	// spend adds up the days that start in r.
	spend := func(r TimeRange) (Amount, error) {
		var days []Amount
		for d := r.Start; d.Before(r.End); d = d.AddDate(0, 0, 1) {
			a, ok := daily[d.Unix()]
			if !ok {
				return Amount{}, fmt.Errorf("admin: the cost buckets lack %s, which the forecast needs; fetch ForecastRange(now)", d.Format(time.DateOnly))
			}
			days = append(days, a)
		}
		return Sum(days...), nil
	}
	f := &Forecast{AsOf: now, Month: TimeRange{Start: monthStart(now, 0), End: monthStart(now, 1)}, Trailing: trailingDays(now)}
	if today := startOfDay(now); today.Before(now) {
		if _, ok := daily[today.Unix()]; !ok {
			f.AsOf = today // no bucket for today yet: the forecast is as of midnight
		}
	}
	var err error
	if f.MonthToDate, err = spend(TimeRange{Start: f.Month.Start, End: f.AsOf}); err != nil {
		return nil, err
	}
	if f.TrailingSpend, err = spend(f.Trailing); err != nil {
		return nil, err
	}
	f.DailyAverage = new(big.Rat).Quo(f.TrailingSpend.Cents(), big.NewRat(forecastDays, 1))
	f.RemainingDays = big.NewRat(int64(f.Month.End.Sub(f.AsOf)), int64(24*time.Hour))
	f.Projected = new(big.Rat).Mul(f.DailyAverage, f.RemainingDays)
	f.Projected.Add(f.Projected, f.MonthToDate.Cents())
	return f, nil
}

// BudgetStatus is a month's spend against a budget. Shares are exact
// ratios (1 is the whole budget); print one as a percentage with
// new(big.Rat).Mul(share, big.NewRat(100, 1)).FloatString(1).
type BudgetStatus struct {
	Budget         Amount   // cents
	UsedShare      *big.Rat // MonthToDate / Budget
	ProjectedShare *big.Rat // Projected / Budget
	Over           bool     // MonthToDate is more than the budget already
	ProjectedOver  bool     // Projected is more than the budget
}

// CheckBudget compares the forecast with a monthly budget in cents, such as
// one read by ParseDollars. The budget must be more than zero.
func (f *Forecast) CheckBudget(budget Amount) (*BudgetStatus, error) {
	if budget.Sign() <= 0 {
		return nil, invalidParam("budget %s cents: a budget must be more than zero", budget)
	}
	b := budget.Cents()
	return &BudgetStatus{
		Budget:         budget,
		UsedShare:      new(big.Rat).Quo(f.MonthToDate.Cents(), b),
		ProjectedShare: new(big.Rat).Quo(f.Projected, b),
		Over:           f.MonthToDate.Cmp(budget) > 0,
		ProjectedOver:  f.Projected.Cmp(b) > 0,
	}, nil
}
