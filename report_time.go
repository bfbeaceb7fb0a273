package admin

import (
	"strconv"
	"strings"
	"time"
)

// TimeRange is a span of time for a report, half-open like the API's own
// buckets: Start is in it, End is not. Both are in UTC when they come from
// this package.
type TimeRange struct {
	Start, End time.Time
}

// maxSinceCount bounds the N of a "since" such as "7d", so that no count can
// overflow a time.Duration or leave the calendar.
const maxSinceCount = 100_000

// ParseTimeRange reads a report range the way people say it, relative to
// now. Give since, or from with an optional to.
//
// since is one of:
//   - "Nm", "Nh", "Nd", "Nw" for N minutes, hours, days or weeks ("90m",
//     "24h", "7d", "2w"; m is minutes, not months). The range holds the N
//     whole units before the current one plus the current one so far: "7d"
//     at 2026-11-20T15:30Z runs from 2026-11-13T00:00Z to now, which is the
//     7 complete UTC days a finance report means by "the last 7 days" and
//     today's spend so far as an eighth, unfinished, daily bucket (the
//     summaries mark it as not final). "24h" likewise starts on the hour,
//     24 whole hours before the current one.
//   - "mtd" or "month-to-date": see MonthToDate.
//   - "last-month": see LastMonth.
//
// from and to are a date such as "2026-11-01", meaning its midnight UTC, or
// an RFC 3339 time such as "2026-11-01T09:00:00+01:00". to is exclusive and
// defaults to now, so from 2026-11-01 to 2026-12-01 is all of November. since
// cannot be combined with from (they both set the start) nor with to (since
// counts back from now).
//
// Anything else, an empty or reversed range included, is an error wrapping
// ErrInvalidParam, and so is a range that starts at or after now: reports
// have no data yet there.
func ParseTimeRange(since, from, to string, now time.Time) (TimeRange, error) {
	since, from, to = strings.TrimSpace(since), strings.TrimSpace(from), strings.TrimSpace(to)
	if now.IsZero() {
		return TimeRange{}, invalidParam("now is the zero time")
	}
	now = now.UTC()
	var r TimeRange
	switch {
	case since != "" && from != "":
		return TimeRange{}, invalidParam("give since (%q) or from (%q), not both", since, from)
	case since != "" && to != "":
		return TimeRange{}, invalidParam("since %q counts back from now, so it takes no end (to %q); give from and to for a fixed range", since, to)
	case since != "":
		var err error
		if r, err = parseSince(since, now); err != nil {
			return TimeRange{}, err
		}
	case from != "":
		start, err := parseInstant("from", from)
		if err != nil {
			return TimeRange{}, err
		}
		if !start.Before(now) {
			return TimeRange{}, invalidParam("the range starts at %s, which is not in the past: there is no data yet", shown(start))
		}
		r = TimeRange{Start: start, End: now}
		if to != "" {
			if r.End, err = parseInstant("to", to); err != nil {
				return TimeRange{}, err
			}
		}
	case to != "":
		return TimeRange{}, invalidParam("to %q needs a start: give from as well", to)
	default:
		return TimeRange{}, invalidParam("no time range: give since (such as 7d, 24h or mtd) or from")
	}
	return r, r.check()
}

// MonthToDate is the UTC calendar month holding now, from its first midnight
// up to now. It is empty at the very first instant of a month.
func MonthToDate(now time.Time) TimeRange {
	now = now.UTC()
	return TimeRange{Start: monthStart(now, 0), End: now}
}

// LastMonth is the whole UTC calendar month before the one holding now.
func LastMonth(now time.Time) TimeRange {
	now = now.UTC()
	return TimeRange{Start: monthStart(now, -1), End: monthStart(now, 0)}
}

// monthStart is midnight UTC on the first day of the month that is months
// away from t's; time.Date carries the month over the year for us.
func monthStart(t time.Time, months int) time.Time {
	return time.Date(t.Year(), t.Month()+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
}

// startOfDay is midnight UTC of t's UTC day.
func startOfDay(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// check refuses a range that cannot select anything.
func (r TimeRange) check() error {
	switch {
	case r.Start.IsZero() || r.End.IsZero():
		return invalidParam("the time range needs both a start and an end")
	case r.End.Before(r.Start):
		return invalidParam("the time range is reversed: it starts at %s, after its end %s", shown(r.Start), shown(r.End))
	case r.End.Equal(r.Start):
		return invalidParam("the time range from %s to %s is empty (the end is exclusive: to cover a whole day, end at the next midnight)", shown(r.Start), shown(r.End))
	}
	return nil
}

// shown is a time as a message shows it to a person: the date alone for a
// midnight UTC, else RFC 3339 to the second.
func shown(t time.Time) string {
	t = t.UTC()
	if t.Equal(startOfDay(t)) {
		return t.Format(time.DateOnly)
	}
	return t.Truncate(time.Second).Format(time.RFC3339)
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseSince(s string, now time.Time) (TimeRange, error) {
	switch strings.ToLower(s) {
	case "mtd", "month-to-date":
		return MonthToDate(now), nil
	case "last-month":
		return LastMonth(now), nil
	}
	count, unit := s[:len(s)-1], strings.ToLower(s[len(s)-1:])
	n, err := strconv.Atoi(count)
	if !allDigits(count) || err != nil || n < 1 || n > maxSinceCount {
		return TimeRange{}, invalidParam("since %q: want a whole number from 1 to %d and a unit (90m, 24h, 7d, 2w), or mtd, month-to-date or last-month", s, maxSinceCount)
	}
	var start time.Time
	switch unit {
	case "m":
		start = now.Truncate(time.Minute).Add(-time.Duration(n) * time.Minute)
	case "h":
		start = now.Truncate(time.Hour).Add(-time.Duration(n) * time.Hour)
	case "d":
		start = startOfDay(now).AddDate(0, 0, -n)
	case "w":
		start = startOfDay(now).AddDate(0, 0, -7*n)
	default:
		return TimeRange{}, invalidParam("since %q: unknown unit %q; use m (minutes), h, d or w, or mtd, month-to-date or last-month", s, unit)
	}
	return TimeRange{Start: start, End: now}, nil
}

// parseInstant reads a date (midnight UTC) or an RFC 3339 time, in UTC.
func parseInstant(name, s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, invalidParam("%s %q is neither a date such as 2026-11-01 nor an RFC 3339 time such as 2026-11-01T09:00:00Z", name, truncate(s, 40))
	}
	return t.UTC(), nil
}
