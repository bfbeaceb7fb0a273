package admin_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

func TestParseTimeRange(t *testing.T) {
	now := mustTime(t, "2026-11-20T15:30:45.5Z")
	tests := []struct {
		name            string
		since, from, to string
		now             time.Time // the test's now when zero
		start, end      string
	}{
		// "Nd": the N whole UTC days before today, and today so far.
		{name: "7d", since: "7d", start: "2026-11-13T00:00:00Z", end: "2026-11-20T15:30:45.5Z"},
		{name: "1d is yesterday and today", since: "1d", start: "2026-11-19T00:00:00Z", end: "2026-11-20T15:30:45.5Z"},
		{name: "90d crosses months", since: "90d", start: "2026-08-22T00:00:00Z", end: "2026-11-20T15:30:45.5Z"},
		{name: "2w", since: "2w", start: "2026-11-06T00:00:00Z", end: "2026-11-20T15:30:45.5Z"},
		{name: "24h starts on the hour", since: "24h", start: "2026-11-19T15:00:00Z", end: "2026-11-20T15:30:45.5Z"},
		{name: "90m is minutes", since: "90m", start: "2026-11-20T14:00:00Z", end: "2026-11-20T15:30:45.5Z"},
		{name: "upper case and spaces", since: " 7D ", start: "2026-11-13T00:00:00Z", end: "2026-11-20T15:30:45.5Z"},
		{name: "mtd", since: "mtd", start: "2026-11-01T00:00:00Z", end: "2026-11-20T15:30:45.5Z"},
		{name: "month-to-date", since: "Month-To-Date", start: "2026-11-01T00:00:00Z", end: "2026-11-20T15:30:45.5Z"},
		{name: "last-month", since: "last-month", start: "2026-10-01T00:00:00Z", end: "2026-11-01T00:00:00Z"},
		{name: "last month in January is December", since: "last-month", now: mustTime(t, "2027-01-03T08:00:00Z"),
			start: "2026-12-01T00:00:00Z", end: "2027-01-01T00:00:00Z"},
		{name: "now in another zone", since: "1d", now: mustTime(t, "2026-11-21T01:00:00+09:00"),
			start: "2026-11-19T00:00:00Z", end: "2026-11-20T16:00:00Z"},
		{name: "from a date to now", from: "2026-11-01", start: "2026-11-01T00:00:00Z", end: "2026-11-20T15:30:45.5Z"},
		{name: "a whole month, to exclusive", from: "2026-10-01", to: "2026-11-01", start: "2026-10-01T00:00:00Z", end: "2026-11-01T00:00:00Z"},
		{name: "RFC 3339 with an offset", from: "2026-11-01T09:00:00+01:00", to: "2026-11-02T00:00:00.25Z",
			start: "2026-11-01T08:00:00Z", end: "2026-11-02T00:00:00.25Z"},
		{name: "to in the future", from: "2026-11-01", to: "2026-12-01", start: "2026-11-01T00:00:00Z", end: "2026-12-01T00:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := admin.ParseTimeRange(tt.since, tt.from, tt.to, orTime(tt.now, now))
			if err != nil {
				t.Fatal(err)
			}
			want := admin.TimeRange{Start: mustTime(t, tt.start), End: mustTime(t, tt.end)}
			if !r.Start.Equal(want.Start) || !r.End.Equal(want.End) || r.Start.Location() != time.UTC || r.End.Location() != time.UTC {
				t.Errorf("range = %v – %v, want %v – %v in UTC", r.Start, r.End, want.Start, want.End)
			}
		})
	}
}

func TestParseTimeRangeRefuses(t *testing.T) {
	now := mustTime(t, "2026-11-20T15:30:00Z")
	tests := []struct {
		name            string
		since, from, to string
		now             time.Time
		msg             string // part of the error message
	}{
		{name: "nothing", msg: "give since"},
		{name: "since and from", since: "7d", from: "2026-11-01", msg: "not both"},
		{name: "since and to", since: "7d", to: "2026-11-01", msg: "counts back from now"},
		{name: "to alone", to: "2026-11-01", msg: "needs a start"},
		{name: "no unit", since: "7", msg: "and a unit"},
		{name: "no count", since: "d", msg: "whole number"},
		{name: "zero", since: "0d", msg: "whole number"},
		{name: "negative", since: "-7d", msg: "whole number"},
		{name: "plus sign", since: "+7d", msg: "whole number"},
		{name: "fraction", since: "1.5d", msg: "whole number"},
		{name: "too many", since: "100001d", msg: "whole number"},
		{name: "years", since: "1y", msg: "unknown unit"},
		{name: "words", since: "last week", msg: "whole number"},
		{name: "bad date", from: "2026-13-01", msg: "neither a date"},
		{name: "date and time with a space", from: "2026-11-01 10:00", msg: "neither a date"},
		{name: "relative from", from: "yesterday", msg: "neither a date"},
		{name: "bad to", from: "2026-11-01", to: "soon", msg: "neither a date"},
		{name: "reversed", from: "2026-11-02", to: "2026-11-01", msg: "reversed"},
		{name: "empty", from: "2026-11-01", to: "2026-11-01", msg: "is empty"},
		{name: "from in the future to now", from: "2026-12-01", msg: "starts at 2026-12-01, which is not in the past: there is no data yet"},
		{name: "a fixed range in the future", from: "2027-01-01", to: "2027-02-01", msg: "starts at 2027-01-01, which is not in the past"},
		{name: "from now", from: "2026-11-20T15:30:00Z", msg: "starts at 2026-11-20T15:30:00Z, which is not in the past"},
		{name: "reversed, to the second", from: "2026-11-20T10:00:00.123456789Z", to: "2026-11-20T09:00:00Z", msg: "it starts at 2026-11-20T10:00:00Z, after its end 2026-11-20T09:00:00Z"},
		{name: "mtd at the first instant of a month", since: "mtd", now: mustTime(t, "2026-12-01T00:00:00Z"), msg: "from 2026-12-01 to 2026-12-01 is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := admin.ParseTimeRange(tt.since, tt.from, tt.to, orTime(tt.now, now))
			if !errors.Is(err, admin.ErrInvalidParam) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("ParseTimeRange = %v, %v; want an ErrInvalidParam saying %q", r, err, tt.msg)
			}
		})
	}
	if _, err := admin.ParseTimeRange("7d", "", "", time.Time{}); !errors.Is(err, admin.ErrInvalidParam) {
		t.Errorf("zero now: err = %v, want ErrInvalidParam", err)
	}
}

func TestMonthToDateAndLastMonth(t *testing.T) {
	tests := []struct {
		now, mtdStart, lastStart, lastEnd string
	}{
		{"2026-11-20T15:30:00Z", "2026-11-01T00:00:00Z", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"},
		{"2026-03-01T00:00:01Z", "2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"},
		{"2027-01-31T23:59:59Z", "2027-01-01T00:00:00Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"},
		// 2026-11-01T02:00 in Tokyo is still October in UTC.
		{"2026-11-01T02:00:00+09:00", "2026-10-01T00:00:00Z", "2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z"},
	}
	for _, tt := range tests {
		now := mustTime(t, tt.now)
		mtd, last := admin.MonthToDate(now), admin.LastMonth(now)
		if !mtd.Start.Equal(mustTime(t, tt.mtdStart)) || !mtd.End.Equal(now) {
			t.Errorf("MonthToDate(%s) = %v – %v", tt.now, mtd.Start, mtd.End)
		}
		if !last.Start.Equal(mustTime(t, tt.lastStart)) || !last.End.Equal(mustTime(t, tt.lastEnd)) {
			t.Errorf("LastMonth(%s) = %v – %v", tt.now, last.Start, last.End)
		}
	}
}

// orTime is t, or fallback when t is zero.
func orTime(t, fallback time.Time) time.Time {
	if t.IsZero() {
		return fallback
	}
	return t
}
