package admin

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"time"
)

// A report request may only span so many buckets (31 daily, 168 hourly,
// 1440 per minute; the cost report 31 days). The Range methods below fetch a
// range of any length by asking for it window by window, each window as
// long as one request may cover, following every page of each, and joining
// the buckets oldest first.
//
// Each window starts where the buckets received so far end, so the result
// has every bucket exactly once: a bucket the server repeats across a
// window's edge is dropped, and a hole or an overlap in the server's buckets
// is an error rather than a silent loss or a double count.

// MessagesRange returns every bucket of the Messages usage report from
// params.StartingAt to params.EndingAt, however long the range, oldest
// first. EndingAt is required. The first bucket is the one holding
// StartingAt (the API snaps the start down to a bucket boundary) and the
// last the one holding the instant just before EndingAt. params.Limit, when
// set, is the page size within a window; by default each window is one page.
// params.Page must be empty, since the range is walked from its start.
//
// Nothing is sent until the loop runs; bad parameters come out as the first
// error, before any request. The loop stops at the first error.
func (s *UsageService) MessagesRange(ctx context.Context, params UsageMessagesParams, opts ...Option) iter.Seq2[UsageBucket, error] {
	width := cmp.Or(params.BucketWidth, BucketWidthDay)
	perWindow, _ := width.maxBuckets()
	return walkBuckets(ctx, params.StartingAt, params.EndingAt, width, perWindow, params.Page,
		func(from, to time.Time) *List[UsageBucket] {
			p := params
			p.StartingAt, p.EndingAt, p.Limit = from, to, cmp.Or(params.Limit, perWindow)
			return s.Messages(p, opts...)
		})
}

// ReportRange returns every daily bucket of the cost report from
// params.StartingAt to params.EndingAt, however long the range, oldest
// first, in windows of 31 days. It works like UsageService.MessagesRange:
// EndingAt is required, Page must be empty, and Limit is the page size
// within a window.
func (s *CostService) ReportRange(ctx context.Context, params CostReportParams, opts ...Option) iter.Seq2[CostBucket, error] {
	return walkBuckets(ctx, params.StartingAt, params.EndingAt, BucketWidthDay, maxCostBuckets, params.Page,
		func(from, to time.Time) *List[CostBucket] {
			p := params
			p.StartingAt, p.EndingAt, p.Limit = from, to, cmp.Or(params.Limit, maxCostBuckets)
			return s.Report(p, opts...)
		})
}

// ClaudeCodeRange returns the Claude Code records of every UTC day that r
// touches, oldest day first, following every page of each day. limit is the
// page size (0 for the API's default). The report covers whole UTC days, so
// a range starting at 15:00 includes that whole day.
func (s *UsageService) ClaudeCodeRange(ctx context.Context, r TimeRange, limit int, opts ...Option) iter.Seq2[ClaudeCodeRecord, error] {
	return func(yield func(ClaudeCodeRecord, error) bool) {
		if err := r.check(); err != nil {
			yield(ClaudeCodeRecord{}, err)
			return
		}
		for day := startOfDay(r.Start); day.Before(r.End); day = day.AddDate(0, 0, 1) {
			for rec, err := range s.ClaudeCode(ClaudeCodeParams{Day: day, Limit: limit}, opts...).All(ctx) {
				if !yield(rec, err) || err != nil {
					return
				}
			}
		}
	}
}

// walkBuckets fetches [start, end) in windows of at most perWindow buckets
// of width, with fetch(from, to) listing one window, and yields each bucket
// once, oldest first.
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
		next := start.UTC().Truncate(size) // the start of the first bucket not yet yielded
		for next.Before(end) {
			to := next.Add(time.Duration(perWindow) * size)
			if to.After(end) {
				to = end
			}
			from := next
			for b, err := range fetch(from, to).All(ctx) {
				if err != nil {
					fail(err)
					return
				}
				switch {
				case !b.EndingAt.After(b.StartingAt):
					fail(fmt.Errorf("admin: the server returned a bucket from %s to %s, which is empty or reversed", stamp(b.StartingAt), stamp(b.EndingAt)))
					return
				case !b.EndingAt.After(next), !b.StartingAt.Before(end):
					continue // already yielded (repeated across a window's edge), or past the range
				case b.StartingAt.Before(next):
					fail(fmt.Errorf("admin: the server returned a bucket from %s to %s, overlapping the buckets before it, which end at %s", stamp(b.StartingAt), stamp(b.EndingAt), stamp(next)))
					return
				case b.StartingAt.After(next):
					fail(fmt.Errorf("admin: the server returned no bucket from %s to %s: the report has a hole there", stamp(next), stamp(b.StartingAt)))
					return
				}
				next = b.EndingAt
				if !yield(b, nil) {
					return
				}
			}
			if next.Equal(from) {
				fail(fmt.Errorf("admin: the server returned no bucket from %s, though the range runs to %s", stamp(from), stamp(end)))
				return
			}
		}
	}
}
