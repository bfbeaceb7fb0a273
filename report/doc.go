// Package report turns the Admin API's usage, cost and Claude Code reports
// into answers: totals by any dimension with per-bucket series, a month-end
// spend forecast checked against a budget, and FinOps FOCUS rows.
//
// Package admin fetches the reports (MessagesRange, ReportRange and
// ClaudeCodeRange walk a range of any length, every page, each bucket
// once); this package analyses what they return. Everything here is fed
// bucket by bucket (or record by record), as the buckets arrive, and keeps
// only what it adds up, never the buckets, so a report of any length is
// analysed in memory bounded by its number of groups and buckets:
//
//	sum, err := report.NewCostSummarizer(report.CostFieldWorkspaceID, now)
//	if err != nil { ... }
//	for b, err := range client.Cost.ReportRange(params).All(ctx) {
//		if err != nil { ... }
//		if err := sum.Add(b); err != nil { ... }
//	}
//	s := sum.Summary() // s.Total, s.Groups, s.Series, s.Periods
//
// SummarizeCost, SummarizeUsage and SummarizeClaudeCode do the same for
// buckets already held. ForecastMonthOf projects the month-end spend from a
// daily cost summary, and Forecast.CheckBudget compares it with a budget.
// FOCUSExport maps each cost bucket to FOCUS 1.2 rows (FOCUSColumns names
// their columns), with the tokens of each line from a TokenIndex of the
// usage report; writing them, as CSV or otherwise, is left to the caller.
//
// The arithmetic is exact: amounts are [admin.Amount] values (decimal
// cents), and figures that need not end in decimal, such as a daily
// average or a share of a budget, are Ratios. Nothing uses floats, and no
// result shares anything a caller could change with another.
//
// A bucket that ended less than Lag ago may still grow: summaries mark it
// not final (Period.Final, Summary.Pending) rather than leave it out.
package report
