package report

import (
	"fmt"
	"iter"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// AnalyticsCostSummarizer builds a CostSummary from analytics cost rows
// ([admin.AnalyticsService.CostRange]) gathered into daily buckets by
// DailyRows: the same summary the legacy cost report gives, grouped by
// what key reads of a row's group (an actor, an API key, a product…).
// Amounts are the rows' amount (after discounts, before credits), added
// exactly.
type AnalyticsCostSummarizer struct {
	acc summarizer[admin.AnalyticsCostRow, admin.Amount]
}

// NewAnalyticsCostSummarizer starts an empty summary; by names the
// grouping (Summary.By), key gives a row's group ("" for the API's null)
// and now decides which days are final (see Lag).
func NewAnalyticsCostSummarizer(by string, key func(admin.AnalyticsGroup) string, now time.Time) *AnalyticsCostSummarizer {
	value := func(r admin.AnalyticsCostRow) (admin.Amount, error) {
		return r.Cost.Amount, checkCurrency(r.Cost.Currency)
	}
	return &AnalyticsCostSummarizer{newSummarizer(by, now, func(r admin.AnalyticsCostRow) string { return key(r.Group) }, value, admin.Amount.Cmp)}
}

// Add counts the next day in, as CostSummarizer.Add does.
func (s *AnalyticsCostSummarizer) Add(b admin.ReportBucket[admin.AnalyticsCostRow]) error {
	return s.acc.add(b)
}

// Summary is the summary of the days added so far.
func (s *AnalyticsCostSummarizer) Summary() *CostSummary { return s.acc.summary() }

// AnalyticsCountsOf is an analytics usage row's counts in the form the
// summaries add up.
func AnalyticsCountsOf(u admin.AnalyticsUsage) UsageCounts {
	return UsageCounts{
		UncachedInputTokens:   u.UncachedInputTokens,
		CacheCreation5mTokens: u.CacheCreation.Ephemeral5mInputTokens,
		CacheCreation1hTokens: u.CacheCreation.Ephemeral1hInputTokens,
		CacheReadTokens:       u.CacheReadInputTokens,
		OutputTokens:          u.OutputTokens,
		WebSearchRequests:     u.ServerToolUse.WebSearchRequests,
	}
}

// DailyRows gathers analytics rows fetched with 1d buckets in time order
// (OrderBy time, Order asc) into one bucket per UTC day, from the day
// holding start up to the day holding until (exclusive of until's day
// end when until is on a day boundary): a day without rows is an empty
// bucket, so the summaries see every day, as the legacy reports give them.
// startOf reads a row's starting_at. A row out of time order is an error,
// since the summaries need each day once.
func DailyRows[R any](rows iter.Seq2[R, error], start, until time.Time, startOf func(R) time.Time) iter.Seq2[admin.ReportBucket[R], error] {
	const day = 24 * time.Hour
	return func(yield func(admin.ReportBucket[R], error) bool) {
		cur := admin.ReportBucket[R]{StartingAt: start.UTC().Truncate(day)}
		cur.EndingAt = cur.StartingAt.Add(day)
		// flush yields the current day and the empty days up to next.
		flush := func(next time.Time) bool {
			for cur.StartingAt.Before(next) {
				if !yield(cur, nil) {
					return false
				}
				cur = admin.ReportBucket[R]{StartingAt: cur.EndingAt, EndingAt: cur.EndingAt.Add(day)}
			}
			return true
		}
		for r, err := range rows {
			if err != nil {
				yield(admin.ReportBucket[R]{}, err)
				return
			}
			s := startOf(r).UTC()
			if s.Before(cur.StartingAt) {
				yield(admin.ReportBucket[R]{}, fmt.Errorf("report: a row starts at %s, after the day %s was gathered: rows must come in time order", stamp(s), stamp(cur.StartingAt)))
				return
			}
			if !flush(s.Truncate(day)) {
				return
			}
			cur.Results = append(cur.Results, r)
		}
		flush(until)
	}
}
