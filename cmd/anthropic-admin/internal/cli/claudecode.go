package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/render"
	"github.com/anthropic-admin-go/admin/report"
)

func (a *app) claudeCodeCommand() *cobra.Command {
	var rf rangeFlags
	cmd := &cobra.Command{
		Use:   "claude-code",
		Short: "Claude Code activity and estimated cost per user or API key",
		Long: `usage claude-code reports Claude Code activity per user (by email) or API key
(by name) over a range of UTC days, from the Admin API Claude Code report. The
report has one day per request; every day of the range and every page of each
is fetched for you.

The table has one row per actor, highest estimated cost first, then the TOTAL:
  ACTOR          the member's email, or the API key's name
  TYPE           user or API key
  DAYS           days with any activity (in TOTAL: days anyone was active)
  SESSIONS       Claude Code sessions
  ADDED          lines of code added by Claude Code
  REMOVED        lines of code removed by Claude Code
  COMMITS        commits made by Claude Code
  PRS            pull requests made by Claude Code
  ACCEPTED       share of edit tool proposals accepted (accepted / decided)
  EST. COST      the report's estimated cost, in US dollars
Today, and a day that ended less than an hour ago, is not final: a footnote
marks it.

Data formats (-o json, jsonl, csv, yaml) have one row per actor: range_start,
range_end, actor, actor_type (user_actor or api_actor), days_active, sessions,
lines_added, lines_removed, commits, pull_requests, tool_accepted,
tool_rejected, tool_acceptance_percent ("" when nothing was decided),
estimated_cost_usd and estimated_cost_cents (exact decimals), and final.`,
		Example: `  anthropic-admin usage claude-code
  anthropic-admin usage claude-code --since 7d
  anthropic-admin usage claude-code --day 2026-11-19 -o csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			run, err := a.startReport(cmd, &rf, false, false)
			if err != nil {
				return err
			}
			ctx, r := cmd.Context(), run.r
			acc := report.NewClaudeCodeSummarizer()
			records := run.c.Usage.ClaudeCodeRange(admin.ClaudeCodeRangeParams{StartingAt: r.Start, EndingAt: r.End, Limit: 1000})
			if err := streamRange(a, "Claude Code report", r, 24*time.Hour, records.All(ctx),
				func(rec admin.ClaudeCodeRecord) time.Time { return rec.Date.AddDate(0, 0, 1) }, acc.Add); err != nil {
				return err
			}
			sum := acc.Summary()
			days, pending := reportDays(r, run.now)
			if run.format != output.Table {
				return a.printClaudeCodeRows(cmd, sum, days, pending == 0)
			}
			a.printClaudeCodeTable(sum, days, pending)
			return nil
		},
	}
	rf.register(cmd, true)
	return cmd
}

// reportDays are the UTC days a range touches, as the Claude Code report
// covers them, and how many of them at the end are not final.
func reportDays(r admin.TimeRange, now time.Time) (days []report.Period, pending int) {
	settled := now.Add(-report.Lag)
	start := r.Start.UTC()
	for day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC); day.Before(r.End); day = day.AddDate(0, 0, 1) {
		p := report.Period{Start: day, End: day.AddDate(0, 0, 1)}
		p.Final = !p.End.After(settled)
		if !p.Final {
			pending++
		}
		days = append(days, p)
	}
	return days, pending
}

func actorType(t admin.ClaudeCodeActorType) string {
	switch t {
	case admin.ClaudeCodeActorUser:
		return "user"
	case admin.ClaudeCodeActorAPI:
		return "API key"
	}
	return string(t)
}

func claudeCodeCells(act report.ClaudeCodeActivity) []string {
	return []string{countText(int64(act.DaysActive)), countText(act.Sessions), countText(act.LinesAdded), countText(act.LinesRemoved),
		countText(act.Commits), countText(act.PullRequests), orDash(render.Acceptance(act)), render.Dollars(act.EstimatedCost)}
}

func (a *app) printClaudeCodeTable(sum *report.ClaudeCodeSummary, days []report.Period, pending int) {
	head := []string{"ACTOR", "TYPE", "DAYS", "SESSIONS", "ADDED", "REMOVED", "COMMITS", "PRS", "ACCEPTED", "EST. COST"}
	var rows [][]string
	for _, act := range sum.Actors {
		rows = append(rows, append([]string{act.Name, actorType(act.Type)}, claudeCodeCells(act)...))
	}
	rows = append(rows, append([]string{"TOTAL", ""}, claudeCodeCells(sum.Total)...))
	if a.out.NoHeaders {
		head = nil
	} else {
		a.out.Lines(fmt.Sprintf("Claude Code activity per actor, %s", spanOf(days, pending).coverage()))
	}
	a.out.ReportTable("", head, rows, 2, 3, 4, 5, 6, 7, 8, 9)
	a.out.Lines(spanOf(days, pending).pendingNote("the activity so far is counted"))
}

// claudeCodeRow is one actor's activity over the range, flattened.
func claudeCodeRow(act report.ClaudeCodeActivity, days []report.Period, final bool) dataRow {
	var start, end time.Time
	if len(days) > 0 {
		start, end = days[0].Start, days[len(days)-1].End
	}
	row := dataRow{
		strCell("range_start", rfc3339(start)), strCell("range_end", rfc3339(end)),
		strCell("actor", act.Name), strCell("actor_type", string(act.Type)),
		intCell("days_active", int64(act.DaysActive)), intCell("sessions", act.Sessions),
		intCell("lines_added", act.LinesAdded), intCell("lines_removed", act.LinesRemoved),
		intCell("commits", act.Commits), intCell("pull_requests", act.PullRequests),
		intCell("tool_accepted", act.ToolAccepted), intCell("tool_rejected", act.ToolRejected),
		strCell("tool_acceptance_percent", trimPercent(render.Acceptance(act))),
	}
	row = append(row, moneyCells("estimated_cost", act.EstimatedCost)...)
	return append(row, boolCell("final", final))
}

func trimPercent(s string) string { return s[:max(0, len(s)-1)] }

func (a *app) printClaudeCodeRows(cmd *cobra.Command, sum *report.ClaudeCodeSummary, days []report.Period, final bool) error {
	rows := make([]dataRow, len(sum.Actors))
	for i, act := range sum.Actors {
		rows[i] = claudeCodeRow(act, days, final)
	}
	return printRows(a, cmd, keysOf(claudeCodeRow(report.ClaudeCodeActivity{}, days, final)), rows)
}
