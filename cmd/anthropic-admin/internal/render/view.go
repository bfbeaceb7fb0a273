package render

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

// Timeline is the days a report covers and how far its data is final.
type Timeline struct {
	Days []time.Time // the start of each UTC day, oldest first
	// CompleteUntil is the instant the data is final up to: a day that ends
	// after it may still grow (today, and the last minutes the API has not
	// settled). Zero when every day is final.
	CompleteUntil time.Time
}

// incomplete tells whether day i may still change.
func (t Timeline) incomplete(i int) bool {
	return !t.CompleteUntil.IsZero() && t.Days[i].Add(24*time.Hour).After(t.CompleteUntil)
}

// anyIncomplete tells whether some day may still change.
func (t Timeline) anyIncomplete() bool {
	return len(t.Days) > 0 && t.incomplete(len(t.Days)-1)
}

// Series is one group's amounts (a workspace's or a model's), one per day.
type Series struct {
	Name   string
	Values []admin.Amount
	other  bool // the groups folded together by top
}

func (s Series) total() admin.Amount { return admin.Sum(s.Values...) }

// DailySpend is spend per day split into groups.
type DailySpend struct {
	Timeline
	Series []Series // values line up with days
}

// dayTotal is the spend of all groups on day i.
func (d DailySpend) dayTotal(i int) admin.Amount {
	var t admin.Amount
	for _, s := range d.Series {
		t = t.Add(s.Values[i])
	}
	return t
}

// total is the spend of all groups on all days.
func (d DailySpend) total() admin.Amount {
	var t admin.Amount
	for _, s := range d.Series {
		t = t.Add(s.total())
	}
	return t
}

// Top orders the groups by total spend, largest first, and keeps the n
// largest; the rest are summed into one group named for how many there are
// ("3 other workspaces"), so a chart keeps a readable number of colors.
// Folding a single group would only hide its name, so then all are kept.
func (d DailySpend) Top(n int, kind string) DailySpend {
	totals := make(map[string]admin.Amount, len(d.Series))
	for _, s := range d.Series {
		totals[s.Name] = s.total()
	}
	sorted := slices.Clone(d.Series)
	slices.SortStableFunc(sorted, func(x, y Series) int {
		return cmp.Or(totals[y.Name].Cmp(totals[x.Name]), strings.Compare(x.Name, y.Name))
	})
	if len(sorted) <= n+1 {
		return DailySpend{Timeline: d.Timeline, Series: sorted}
	}
	rest := Series{Name: fmt.Sprintf("%d other %s", len(sorted)-n, kind), Values: make([]admin.Amount, len(d.Days)), other: true}
	for _, s := range sorted[n:] {
		for i, v := range s.Values {
			rest.Values[i] = rest.Values[i].Add(v)
		}
	}
	return DailySpend{Timeline: d.Timeline, Series: append(sorted[:n:n], rest)}
}

// DecimalString writes a ratio in plain decimal notation with no trailing
// zeros: 1.2378912, 15, -0.005. It is exact whenever the denominator divides
// a power of ten, which holds for every sum of decimal amounts and for their
// quotients by 100; other ratios are rounded to 20 places.
func DecimalString(r *big.Rat) string {
	x := report.RatioOf(r)
	if s, ok := x.Decimal(); ok {
		return s
	}
	return strings.TrimRight(strings.TrimRight(x.Round(20), "0"), ".")
}
