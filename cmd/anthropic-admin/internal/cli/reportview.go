package cli

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/report"
)

// This file holds the view model the report presenters share: the terminal
// charts (charts.go) and the HTML report (htmlreport.go) draw it, and the
// commands fill it from the library's aggregation.

// timeline is the days a report covers and how far its data is final.
type timeline struct {
	days []time.Time // the start of each UTC day, oldest first
	// completeUntil is the instant the data is final up to: a day that ends
	// after it may still grow (today, and the last minutes the API has not
	// settled). Zero when every day is final.
	completeUntil time.Time
}

// incomplete tells whether day i may still change.
func (t timeline) incomplete(i int) bool {
	return !t.completeUntil.IsZero() && t.days[i].Add(24*time.Hour).After(t.completeUntil)
}

// anyIncomplete tells whether some day may still change.
func (t timeline) anyIncomplete() bool {
	return len(t.days) > 0 && t.incomplete(len(t.days)-1)
}

// series is one group's amounts (a workspace's or a model's), one per day.
type series struct {
	name   string
	values []admin.Amount
	other  bool // the groups folded together by top
}

func (s series) total() admin.Amount { return admin.Sum(s.values...) }

// dailySpend is spend per day split into groups.
type dailySpend struct {
	timeline
	series []series // values line up with days
}

// dayTotal is the spend of all groups on day i.
func (d dailySpend) dayTotal(i int) admin.Amount {
	var t admin.Amount
	for _, s := range d.series {
		t = t.Add(s.values[i])
	}
	return t
}

// total is the spend of all groups on all days.
func (d dailySpend) total() admin.Amount {
	var t admin.Amount
	for _, s := range d.series {
		t = t.Add(s.total())
	}
	return t
}

// top orders the groups by total spend, largest first, and keeps the n
// largest; the rest are summed into one group named for how many there are
// ("3 other workspaces"), so a chart keeps a readable number of colors.
// Folding a single group would only hide its name, so then all are kept.
func (d dailySpend) top(n int, kind string) dailySpend {
	totals := make(map[string]admin.Amount, len(d.series))
	for _, s := range d.series {
		totals[s.name] = s.total()
	}
	sorted := slices.Clone(d.series)
	slices.SortStableFunc(sorted, func(x, y series) int {
		return cmp.Or(totals[y.name].Cmp(totals[x.name]), strings.Compare(x.name, y.name))
	})
	if len(sorted) <= n+1 {
		return dailySpend{timeline: d.timeline, series: sorted}
	}
	rest := series{name: fmt.Sprintf("%d other %s", len(sorted)-n, kind), values: make([]admin.Amount, len(d.days)), other: true}
	for _, s := range sorted[n:] {
		for i, v := range s.values {
			rest.values[i] = rest.values[i].Add(v)
		}
	}
	return dailySpend{timeline: d.timeline, series: append(sorted[:n:n], rest)}
}

// decimalString writes a ratio in plain decimal notation with no trailing
// zeros: 1.2378912, 15, -0.005. It is exact whenever the denominator divides
// a power of ten, which holds for every sum of decimal amounts and for their
// quotients by 100; other ratios are rounded to 20 places.
func decimalString(r *big.Rat) string {
	x := report.RatioOf(r)
	if s, ok := x.Decimal(); ok {
		return s
	}
	return strings.TrimRight(strings.TrimRight(x.Round(20), "0"), ".")
}
