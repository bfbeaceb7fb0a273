package render

import (
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// sampleDays is a month of days up to testNow; the last one, today, is not
// final yet.
func sampleDays() Timeline {
	first := time.Date(2026, 10, 21, 0, 0, 0, 0, time.UTC)
	t := Timeline{CompleteUntil: testNow}
	for d := first; d.Before(testNow); d = d.AddDate(0, 0, 1) {
		t.Days = append(t.Days, d)
	}
	return t
}

// microcents writes n hundred-thousandths of a cent as an amount.
func microcents(n int64) admin.Amount {
	return admin.MustParseAmount(fmt.Sprintf("%d.%05d", n/100000, n%100000))
}

// sampleGroup is one group's daily spend: a base in cents, a wobble that
// repeats every few days, and whether it sleeps at weekends or grows.
type sampleGroup struct {
	name    string
	base    int64 // cents a day
	weekday bool  // less spend on Saturday and Sunday
	growth  bool  // ramps up over the month
}

var sampleWorkspaces = []sampleGroup{
	{"Production", 148000, true, false},
	{"Research", 52000, false, true},
	{"Support Assistant", 34000, true, false},
	{"Staging", 8200, true, false},
	{"Default", 5600, false, false},
	{"Batch Evals", 3900, false, true},
	{"Data Pipeline", 2100, false, false},
}

// sampleSpendUnits is the spend per group and day in hundred-thousandths of
// a cent, computed with integers so every fixture is exact and repeatable.
func sampleSpendUnits(t Timeline) [][]int64 {
	out := make([][]int64, len(sampleWorkspaces))
	for g, w := range sampleWorkspaces {
		out[g] = make([]int64, len(t.Days))
		for i, day := range t.Days {
			v := w.base * 100000 / 1000 * (850 + int64((i*37+g*91)%300))
			if w.weekday && (day.Weekday() == time.Saturday || day.Weekday() == time.Sunday) {
				v = v * 45 / 100
			}
			if w.growth {
				v = v * int64(60+2*i) / 100
			}
			if t.incomplete(i) {
				v = v * 64 / 100 // only the morning so far
			}
			out[g][i] = v + int64((i*7919+g*104729)%100000)
		}
	}
	return out
}

func sampleByWorkspace() DailySpend {
	t := sampleDays()
	d := DailySpend{Timeline: t}
	for g, units := range sampleSpendUnits(t) {
		s := Series{Name: sampleWorkspaces[g].name}
		for _, u := range units {
			s.Values = append(s.Values, microcents(u))
		}
		d.Series = append(d.Series, s)
	}
	return d
}

// sampleByModel splits the same daily totals among models, with shares that
// drift from day to day; the last model takes the remainder, so both views
// add up to the same spend.
func sampleByModel() DailySpend {
	t := sampleDays()
	units := sampleSpendUnits(t)
	models := []string{"claude-opus-4-6", "claude-sonnet-4-6", "claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-5"}
	d := DailySpend{Timeline: t}
	for _, m := range models {
		d.Series = append(d.Series, Series{Name: m, Values: make([]admin.Amount, len(t.Days))})
	}
	for i := range t.Days {
		var total int64
		for g := range units {
			total += units[g][i]
		}
		shares := []int64{38 + int64(i%5), 36 + int64(i%3), 12, 7}
		left := total
		for m, pct := range shares {
			part := total * pct / 100
			d.Series[m].Values[i] = microcents(part)
			left -= part
		}
		d.Series[len(models)-1].Values[i] = microcents(left)
	}
	return d
}

func TestSampleViewsAgree(t *testing.T) {
	ws, models := sampleByWorkspace(), sampleByModel()
	if ws.total().Cmp(models.total()) != 0 {
		t.Fatalf("by workspace %s, by model %s", ws.total(), models.total())
	}
	if !ws.incomplete(len(ws.Days)-1) || ws.incomplete(len(ws.Days)-2) {
		t.Errorf("only today should be incomplete")
	}
}

func TestTopFoldsTheSmallGroups(t *testing.T) {
	d := sampleByWorkspace().Top(3, "workspaces")
	var names []string
	for _, s := range d.Series {
		names = append(names, s.Name)
	}
	if want := []string{"Production", "Research", "Support Assistant", "4 other workspaces"}; !slices.Equal(names, want) {
		t.Fatalf("names = %q, want %q", names, want)
	}
	if !d.Series[3].other || d.Series[0].other {
		t.Errorf("only the folded group is marked other")
	}
	if got, want := d.total(), sampleByWorkspace().total(); got.Cmp(want) != 0 {
		t.Errorf("total after folding = %s, want %s", got, want)
	}
	// Folding one group only hides its name: all are kept.
	if got := sampleByWorkspace().Top(6, "workspaces"); len(got.Series) != 7 || got.Series[6].other {
		t.Errorf("top(6) of 7 = %d groups", len(got.Series))
	}
}

func TestDecimalString(t *testing.T) {
	for _, tc := range []struct{ cents, want string }{
		{"123.78912", "1.2378912"},
		{"1500", "15"},
		{"0.1", "0.001"},
		{"-0.5", "-0.005"},
		{"-0.000", "0"},
		{"0", "0"},
		{"12345678901234567890.123456789", "123456789012345678.90123456789"},
	} {
		if got := DecimalString(admin.MustParseAmount(tc.cents).Dollars()); got != tc.want {
			t.Errorf("%s cents = %s dollars, want %s", tc.cents, got, tc.want)
		}
	}
	// A ratio that never ends in decimal is rounded, not looped on forever.
	for _, tc := range []struct {
		r    *big.Rat
		want string
	}{
		{big.NewRat(1, 3), "0.33333333333333333333"},
		{big.NewRat(-2, 3), "-0.66666666666666666667"},
		{big.NewRat(1, 6), "0.16666666666666666667"},
		{new(big.Rat).SetFrac(big.NewInt(-1), new(big.Int).Exp(big.NewInt(3), big.NewInt(50), nil)), "0"}, // rounds to zero: no sign
	} {
		if got := DecimalString(tc.r); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.r.RatString(), got, tc.want)
		}
	}
}
