package admin

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"
	"time"
)

// A report request may only span so many buckets (31 daily, 168 hourly,
// 1440 per minute; the cost report 31 days). The Range methods below fetch a
// range of any length by asking for it window by window, each window as
// long as one request may cover, following every page of each, and joining
// the buckets oldest first.
//
// Each window starts where the buckets received so far end, so the result
// has every bucket exactly once: a bucket the server sends again (on a later
// page or across a window's edge) is yielded once if it holds the same
// results and is an error if it does not, and a hole or an overlap in the
// server's buckets is an error rather than a silent loss or a double count.
//
// Every window starts and ends on bucket boundaries. The API returns only
// the buckets that end by a request's ending_at, and refuses a request that
// holds no whole bucket with a 400 (docs-notes §10 item 19), so a window
// ending inside a bucket would lose that bucket or be refused.

// MessagesRange returns every bucket of the Messages usage report from
// params.StartingAt to params.EndingAt, however long the range, oldest
// first. EndingAt is required. The first bucket is the one holding
// StartingAt (the API snaps the start down to a bucket boundary) and the
// last the one holding the instant just before EndingAt. params.Limit, when
// set, is the page size within a window; by default each window is one page.
// params.Page must be empty, since the range is walked from its start.
//
// When EndingAt falls inside a bucket, as a range ending now does, that last
// bucket is still running. It is asked for up to its end; a server that
// gives a running bucket returns it with the usage so far, but one that
// does not leaves it out or refuses the request for it, and then the loop
// ends after the buckets before it, without an error: there is no data for
// it yet. A caller tells the two apart by comparing the last bucket's
// EndingAt with params.EndingAt: if it is earlier, the data runs only up to
// that bucket's end. No bucket after the one holding the instant before
// EndingAt is yielded. A range may end in the future (a whole month asked
// for before it is over): the loop ends where the server's data does.
//
// Nothing is sent until All or Collect runs; bad parameters come out as the
// first error, before any request. The loop stops at the first error.
func (s *UsageService) MessagesRange(params UsageMessagesParams, opts ...Option) *Range[UsageBucket] {
	width := cmp.Or(params.BucketWidth, BucketWidthDay)
	perWindow, _ := width.maxBuckets()
	return &Range[UsageBucket]{walk: func(ctx context.Context) iter.Seq2[UsageBucket, error] {
		return walkBuckets(ctx, params.StartingAt, params.EndingAt, width, perWindow, params.Page,
			func(from, to time.Time) *List[UsageBucket] {
				p := params
				p.StartingAt, p.EndingAt, p.Limit = from, to, cmp.Or(params.Limit, perWindow)
				return s.Messages(p, opts...)
			})
	}}
}

// ReportRange returns every daily bucket of the cost report from
// params.StartingAt to params.EndingAt, however long the range, oldest
// first, in windows of 31 days. It works like UsageService.MessagesRange:
// EndingAt is required, Page must be empty, and Limit is the page size
// within a window. A range ending inside a day, such as one ending now, may
// lack that day's bucket when the server does not give it yet: the last
// bucket's EndingAt is then earlier than params.EndingAt.
func (s *CostService) ReportRange(params CostReportParams, opts ...Option) *Range[CostBucket] {
	return &Range[CostBucket]{walk: func(ctx context.Context) iter.Seq2[CostBucket, error] {
		return walkBuckets(ctx, params.StartingAt, params.EndingAt, BucketWidthDay, maxCostBuckets, params.Page,
			func(from, to time.Time) *List[CostBucket] {
				p := params
				p.StartingAt, p.EndingAt, p.Limit = from, to, cmp.Or(params.Limit, maxCostBuckets)
				return s.Report(p, opts...)
			})
	}}
}

// ClaudeCodeRangeParams selects the Claude Code records of a range of days.
type ClaudeCodeRangeParams struct {
	// StartingAt and EndingAt (exclusive) are the range; both are required.
	// The report covers whole UTC days, so every day the range touches is
	// reported whole: a range starting at 15:00 includes that whole day.
	StartingAt, EndingAt time.Time
	// Limit is the page size within each day, 1 to 1000; 0 for the API's
	// default.
	Limit int
}

// ClaudeCodeRange returns the Claude Code records of every UTC day that the
// range touches, oldest day first, following every page of each day.
func (s *UsageService) ClaudeCodeRange(params ClaudeCodeRangeParams, opts ...Option) *Range[ClaudeCodeRecord] {
	r := TimeRange{Start: params.StartingAt, End: params.EndingAt}
	return &Range[ClaudeCodeRecord]{walk: func(ctx context.Context) iter.Seq2[ClaudeCodeRecord, error] {
		return func(yield func(ClaudeCodeRecord, error) bool) {
			if err := r.check(); err != nil {
				yield(ClaudeCodeRecord{}, err)
				return
			}
			for day := startOfDay(r.Start); day.Before(r.End); day = day.AddDate(0, 0, 1) {
				for rec, err := range s.ClaudeCode(ClaudeCodeParams{Day: day, PageCursor: PageCursor{Limit: params.Limit}}, opts...).All(ctx) {
					if !yield(rec, err) || err != nil {
						return
					}
				}
			}
		}
	}}
}

// walkBuckets fetches the buckets from the one holding start to the one
// holding the instant before end, in windows of at most perWindow buckets of
// width, with fetch(from, to) listing one window, and yields each bucket
// once, oldest first.
//
// Every window starts and ends on bucket boundaries, so no request holds
// less than one whole bucket: the live API refuses such a request with a
// 400 (docs-notes §10 item 19). The last window therefore ends on the
// boundary after end. When end falls inside a bucket, that last bucket may
// still be running, and a server may leave it out, or refuse a window that
// holds only it; either way the walk ends after the buckets before it,
// without an error.
// windowEnd is the end of the window that starts at from: perWindow
// buckets of size later, or last if that comes first.
func windowEnd(from, last time.Time, size time.Duration, perWindow int) time.Time {
	if to := from.Add(time.Duration(perWindow) * size); to.Before(last) {
		return to
	}
	return last
}

// dataEnded reports whether err, the answer to a window from from, says
// only that there is no whole bucket from there on yet (the range-end rule,
// docs-notes §10.19): the running bucket refused, or a later window
// refused after data.
func dataEnded(err error, from, first, running time.Time) bool {
	return (from.Equal(running) || from.After(first)) && refusedAsEmpty(err)
}

func walkBuckets[R any](ctx context.Context, start, end time.Time, width BucketWidth, perWindow int, page string,
	fetch func(from, to time.Time) *List[ReportBucket[R]]) iter.Seq2[ReportBucket[R], error] {
	return func(yield func(ReportBucket[R], error) bool) {
		fail := func(err error) { yield(ReportBucket[R]{}, err) }
		size := width.duration()
		switch {
		case size == 0 || perWindow == 0:
			fail(invalidParam("bucket width %q: a range can be fetched with widths 1m, 1h and 1d", width))
			return
		case page != "":
			fail(invalidParam("Page cannot be given when fetching a range: the range is walked from its start"))
			return
		case start.IsZero():
			fail(invalidParam("StartingAt is required"))
			return
		case end.IsZero():
			fail(invalidParam("EndingAt is required when fetching a range"))
			return
		}
		if err := (TimeRange{Start: start, End: end}).check(); err != nil {
			fail(err)
			return
		}
		first, last, running := bucketBounds(start, end, size)
		next := first // the start of the first bucket not yet yielded
		var seen repeats
		for next.Before(last) {
			from, to := next, windowEnd(next, last, size, perWindow)
			seen.newWindow()
			for b, err := range fetch(from, to).All(ctx) {
				if err != nil {
					if !dataEnded(err, from, first, running) {
						fail(err)
					}
					return
				}
				switch {
				case !b.EndingAt.After(b.StartingAt):
					fail(fmt.Errorf("admin: the server returned a bucket from %s to %s, which is empty or reversed", stamp(b.StartingAt), stamp(b.EndingAt)))
					return
				case !b.EndingAt.After(first), !b.StartingAt.Before(end):
					continue // before or past the range
				case !b.EndingAt.After(next):
					if err := seen.check(b.StartingAt, b.EndingAt, bucketJSON(b), next); err != nil {
						fail(err)
						return
					}
					continue // sent again, with the same results
				case b.StartingAt.Before(next):
					fail(fmt.Errorf("admin: the server returned a bucket from %s to %s, overlapping the buckets before it, which end at %s", stamp(b.StartingAt), stamp(b.EndingAt), stamp(next)))
					return
				case b.StartingAt.After(next):
					fail(fmt.Errorf("admin: the server returned no bucket from %s to %s: the report has a hole there", stamp(next), stamp(b.StartingAt)))
					return
				}
				seen.add(b.StartingAt, b.EndingAt, bucketJSON(b))
				next = b.EndingAt
				if !yield(b, nil) {
					return
				}
			}
			switch {
			case !next.Before(to):
			case next.Equal(running):
				return // the server left out the running bucket: no data yet
			case next.Equal(from) && from.After(first):
				// A window after data with nothing in it: the server has no
				// bucket from here on yet, as when the range ends in the
				// future. (A window that came back short is asked again
				// from where it stopped, for a server that caps a window.)
				return
			case next.Equal(from):
				fail(fmt.Errorf("admin: the server returned no bucket from %s, though the range runs to %s", stamp(from), stamp(end)))
				return
			}
		}
	}
}

// bucketBounds are the windows' outer bounds for a range [start, end) of
// buckets of size: first is the start of the bucket holding start, last
// the end of the bucket holding the instant before end, and running the
// start of the bucket that runs past end, which a server may not give yet
// (zero when end is on a boundary).
func bucketBounds(start, end time.Time, size time.Duration) (first, last, running time.Time) {
	first = start.UTC().Truncate(size)
	last = end.UTC().Truncate(size)
	if last.Before(end) {
		last = last.Add(size)
	}
	if !last.Equal(end) {
		running = last.Add(-size)
	}
	return first, last, running
}

// refusedAsEmpty tells whether err is the API's refusal of a request that
// holds no whole bucket: a 400 invalid_request_error "Invalid date range:
// ending date must be after starting date". Other 400s stay errors, even on
// the running bucket's window, so a bad parameter is never taken for "no
// data yet".
func refusedAsEmpty(err error) bool {
	var e *APIError
	if !errors.As(err, &e) || e.StatusCode != http.StatusBadRequest || e.Type != ErrorTypeInvalidRequest {
		return false
	}
	m := strings.ToLower(e.Message)
	return strings.Contains(m, "date range") || strings.Contains(m, "ending date")
}

// repeats holds the buckets yielded in the current window and the one
// before, so that a bucket the server sends again (on a later page, or
// across a window's edge) is checked against its first copy. Two windows
// are as far back as a repeat can come from a server answering the windows
// it is asked for, and keeping no more bounds the memory of a long walk.
type repeats struct{ cur, prev map[int64]keptBucket }

type keptBucket struct {
	end time.Time
	raw []byte // the bucket's JSON, already held by the bucket: not a copy
}

func (r *repeats) newWindow() { r.prev, r.cur = r.cur, map[int64]keptBucket{} }

func (r *repeats) add(start, end time.Time, raw []byte) {
	r.cur[start.UnixNano()] = keptBucket{end, raw}
}

// check accepts a bucket sent again with the same results; a bucket that
// differs, or that does not line up with one already yielded, is an error.
// next is where the buckets yielded so far end.
func (r *repeats) check(start, end time.Time, raw []byte, next time.Time) error {
	k, ok := r.cur[start.UnixNano()]
	if !ok {
		k, ok = r.prev[start.UnixNano()]
	}
	if !ok || !k.end.Equal(end) {
		return fmt.Errorf("admin: the server returned a bucket from %s to %s, overlapping the buckets already returned, which end at %s", stamp(start), stamp(end), stamp(next))
	}
	if bytes.Equal(k.raw, raw) {
		return nil
	}
	first, again := canonicalResults(k.raw), canonicalResults(raw)
	if first == again {
		return nil
	}
	return fmt.Errorf("admin: the server returned the bucket from %s to %s twice with different results: first %s, then %s",
		stamp(start), stamp(end), truncate(first, 400), truncate(again, 400))
}

// bucketJSON is a bucket's JSON as the server sent it.
func bucketJSON[R any](b ReportBucket[R]) []byte {
	if raw := b.RawJSON(); raw != nil {
		return raw
	}
	out, _ := json.Marshal(b) // a bucket not decoded from a response: only in tests
	return out
}

// canonicalResults is a bucket's results in one spelling: every result
// re-encoded with its keys sorted and its numbers as sent, the results
// sorted, so that two copies compare equal exactly when they hold the same
// values, whatever the order of keys, results or white space.
func canonicalResults(raw []byte) string {
	var b struct {
		Results []json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return string(raw)
	}
	out := make([]string, len(b.Results))
	for i, r := range b.Results {
		dec := json.NewDecoder(bytes.NewReader(r))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			out[i] = string(r)
			continue
		}
		enc, _ := json.Marshal(v) // map keys come out sorted
		out[i] = string(enc)
	}
	slices.Sort(out)
	return "[" + strings.Join(out, ",") + "]"
}
