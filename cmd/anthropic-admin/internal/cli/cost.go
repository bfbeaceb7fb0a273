package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/render"
	"github.com/anthropic-admin-go/admin/report"
)

// costDim is a --by value of the cost command: the field it groups by,
// what its groups are called, and the label of the API's null value.
type costDim struct {
	flag   string
	field  report.CostField
	plural string // "3 other workspaces" in a chart
	none   string
	// adim is the analytics dimension the rows are fetched by, for the
	// groups only the analytics endpoint has; "" for the cost report.
	adim admin.AnalyticsDimension
}

var (
	costByWorkspace = costDim{"workspace", report.CostFieldWorkspaceID, "workspaces", defaultWorkspaceName, ""}
	costByModel     = costDim{"model", report.CostFieldModel, "models", "(no model)", ""}
	costDims        = []costDim{
		costByWorkspace, costByModel,
		{"description", report.CostFieldDescription, "line items", "(none)", ""},
		{"cost-type", report.CostFieldCostType, "cost types", "(none)", ""},
		{"token-type", report.CostFieldTokenType, "token types", "(not tokens)", ""},
		{"service-tier", report.CostFieldServiceTier, "service tiers", "(none)", ""},
		{"context-window", report.CostFieldContextWindow, "context windows", "(none)", ""},
		{"inference-geo", report.CostFieldInferenceGeo, "inference geos", "(none)", ""},
		costByAPIKey, costByUser, costByServiceAccount, costByActor, costByProduct,
	}
)

func costDimNamed(cmd *cobra.Command, s string) (costDim, error) {
	n := normalizeDim(s)
	for _, d := range costDims {
		if d.flag == n {
			return d, nil
		}
	}
	return costDim{}, usageErr(cmd, "--by %q: use one of %s", s, dimNames(costDims, func(d costDim) string { return d.flag }))
}

// label is how a table names a group: a workspace by its name, the null
// value by what it means.
func (a *app) costLabel(ctx context.Context, d costDim, key string) string {
	switch {
	case d.adim != "":
		return a.whoLabel(ctx, d, key)
	case d.field == report.CostFieldWorkspaceID:
		return a.names.workspace(ctx, key)
	case key == "":
		return d.none
	}
	return key
}

// costFilter keeps the cost lines that match every filter given. The cost
// report has no filters of its own, so they are applied here, to the lines
// the report returns.
type costFilter struct {
	workspaces    []string // IDs; "" is the default workspace
	models, tiers []string
}

func (f costFilter) empty() bool {
	return len(f.workspaces) == 0 && len(f.models) == 0 && len(f.tiers) == 0
}

func (f costFilter) keep(r admin.CostResult) bool {
	match := func(set []string, v string) bool { return len(set) == 0 || slices.Contains(set, v) }
	return match(f.workspaces, r.WorkspaceID) && match(f.models, r.Model) && match(f.tiers, string(r.ServiceTier))
}

// describe says what the filter kept, for the line under a table.
func (a *app) describeFilter(ctx context.Context, f costFilter) string {
	if f.empty() {
		return ""
	}
	var parts []string
	if len(f.workspaces) > 0 {
		var names []string
		for _, id := range f.workspaces {
			if n := a.names.workspace(ctx, id); !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		parts = append(parts, "workspace "+strings.Join(names, ", "))
	}
	if len(f.models) > 0 {
		parts = append(parts, "model "+strings.Join(f.models, ", "))
	}
	if len(f.tiers) > 0 {
		parts = append(parts, "service tier "+strings.Join(f.tiers, ", "))
	}
	return "Only " + strings.Join(parts, "; ") + " (filtered here: the cost report has no filters)."
}

// costQuery is what to fetch of the cost report.
type costQuery struct {
	r             admin.TimeRange
	byWorkspace   bool // group_by workspace_id
	byDescription bool // group_by description, which fills model, token type, tier and the rest
	filter        costFilter
}

// fetchCost reads every daily bucket of the range, every page, and hands
// each to each as it arrives, with the lines the filter passes.
func (a *app) fetchCost(ctx context.Context, c *admin.Client, q costQuery, each func(admin.CostBucket) error) error {
	params := admin.CostReportParams{StartingAt: q.r.Start, EndingAt: q.r.End}
	if q.byWorkspace || len(q.filter.workspaces) > 0 {
		params.GroupBy = append(params.GroupBy, admin.CostGroupByWorkspaceID)
	}
	if q.byDescription || len(q.filter.models) > 0 || len(q.filter.tiers) > 0 {
		params.GroupBy = append(params.GroupBy, admin.CostGroupByDescription)
	}
	return streamRange(a, "cost report", q.r, admin.BucketWidthDay.RequestSpan(), c.Cost.ReportRange(params).All(ctx), bucketEnd,
		func(b admin.CostBucket) error {
			if !q.filter.empty() {
				b.Results = slices.DeleteFunc(b.Results, func(r admin.CostResult) bool { return !q.filter.keep(r) })
			}
			return each(b)
		})
}

// costSummary streams the cost report of q into a summary by field.
func (a *app) costSummary(ctx context.Context, c *admin.Client, q costQuery, field report.CostField, now time.Time) (*report.CostSummary, error) {
	acc, err := report.NewCostSummarizer(field, now)
	if err != nil {
		return nil, err
	}
	if err := a.fetchCost(ctx, c, q, acc.Add); err != nil {
		return nil, err
	}
	return acc.Summary(), nil
}

// reportWorkspaces resolves --workspace values (IDs or names) to the IDs
// the usage report filters by, and to those of cost lines, where the
// default workspace has no ID (the reports give it null): its ID, and
// "Default" in any case, also stand for "".
func (a *app) reportWorkspaces(cmd *cobra.Command, args []string) (usageIDs, costIDs []string, err error) {
	if len(args) == 0 {
		return nil, nil, nil
	}
	c, usageIDs, err := a.workspaceIDs(cmd, args)
	if err != nil {
		return nil, nil, err
	}
	def, err := a.defaultWorkspaceID(cmd.Context(), c)
	if err != nil {
		return nil, nil, err
	}
	costIDs = slices.Clone(usageIDs)
	for i, arg := range args {
		if strings.EqualFold(arg, defaultWorkspaceName) || (def != "" && usageIDs[i] == def) {
			costIDs = append(costIDs, "")
		}
	}
	return usageIDs, costIDs, nil
}

// defaultWorkspaceID is the ID of the organization's default workspace: the
// one workspace a listing shows only when asked to include the default; ""
// when there is none.
func (a *app) defaultWorkspaceID(ctx context.Context, c *admin.Client) (string, error) {
	others := map[string]bool{}
	for w, err := range c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1000}, IncludeArchived: true}).All(ctx) {
		if err != nil {
			return "", err
		}
		others[w.ID] = true
	}
	a.names.workspace(ctx, "") // lists every workspace, the default included
	for id := range a.names.workspaces {
		if !others[id] {
			return id, nil
		}
	}
	return "", nil
}

func (a *app) costCommand() *cobra.Command {
	var rf rangeFlags
	var htmlPath string
	var by []string
	var workspaces, models, tiers []string
	var chart bool
	var top int
	cmd := &cobra.Command{
		Use:   "cost",
		Short: "Spend in US dollars by workspace, model, line item, user, API key or product",
		Long: `cost reports what the organization spent over a range of days, grouped by one
dimension, from the Admin API cost report. Every window and page of the
range is fetched; amounts are added exactly (the API reports decimal cents)
and shown in dollars rounded to the cent only at the end.

The table has one row per group, largest spend first: the group (a workspace
by name and ID; "Default" is the default workspace), its spend, its share of
the total and a bar, then the TOTAL. The line above it gives the range and
its number of UTC days. Today's bucket, and any day that ended less than an
hour ago, is not final: the API's data lags, so that spend may still grow.
It is included and marked with a footnote that says how much of it there is.

Where the figures come from depends on --by:
  workspace, model, description, cost-type, token-type, service-tier,
  context-window, inference-geo
      the Admin API cost report (the legacy report; it has no Priority Tier spend)
  user, api-key, service-account, actor, product
      the Usage & Cost Analytics API (a beta; from 2026-01-01, the last 365
      days), which alone says who spent it: user groups by member (a row for
      spend of no member), actor by whoever made the requests (a member, a
      service account, an API key or a federated identity), api-key by key
      (Console use has no key). Members are named by email and keys by name
      beside their IDs; service accounts by ID. Its amounts are after
      discounts, before credits, and include Priority Tier spend.
Several --by values (up to five, repeated or comma separated; any but
description) break spend out by all of them at once, from the analytics API.
--top N keeps the N largest groups and sums the rest in one row, so the
total stays whole: cost --by user --month-to-date --top 10 is who spent most
this month.

Data formats (-o json, jsonl, csv, yaml) have one row per day and group:
  date_start, date_end  the day (RFC 3339, UTC; the end is excluded)
  <dimension>           the group's raw value, such as workspace_id, model, user_id,
                        api_key_id, actor_id or product ("" for the API's null)
  <name>                beside IDs: workspace_name ("Default" for the default
                        workspace), user_email, api_key_name, actor_name,
                        service_account_name
  cost_usd              exact decimal dollars, every digit the API sent ("1.2378912")
  cost_cents            the same amount in exact decimal cents ("123.78912")
  currency              USD
  final                 false when the day may still grow
  other                 with --top: true on the row summing the other groups
Days on which a group spent nothing have no row. -o focus writes FinOps FOCUS
CSV, one row per cost line; with --by user, api-key, service-account, actor or
product it comes from the analytics API instead, a row per day, actor,
workspace, model and kind of cost, with ListCost (list price) and who incurred
it (x_ActorType, x_ActorId, x_ActorName). --html FILE writes a self-contained
HTML report (spend per day by workspace and by model, tokens per day by type,
totals, and the top API keys and users when the analytics API answers for the
range).

The cost report cannot filter, so --workspace, --model and --tier are applied
here to the lines it returns (the analytics API filters them itself); --model and --tier need the report's line items
(grouping by description), which this command asks for when they are given.
Priority Tier spend is not in the cost report.`,
		Example: `  anthropic-admin cost
  anthropic-admin cost --month-to-date --by model
  anthropic-admin cost --last-month --by workspace -o csv > october.csv
  anthropic-admin cost --since 7d --workspace Production --by token-type --chart
  anthropic-admin cost --from 2026-10-01 --to 2026-11-01 -o focus > focus.csv
  anthropic-admin cost --since 30d --html report.html
  anthropic-admin cost --month-to-date --by user --top 5
  anthropic-admin cost --since 7d --by api-key --top 10 -o csv > keys.csv
  anthropic-admin cost --month-to-date --by actor --top 5 --chart
  anthropic-admin cost --month-to-date --by service-account
  anthropic-admin cost --last-month --by product -o json
  anthropic-admin cost --since 7d --by model --top 3
  anthropic-admin cost --month-to-date --by actor -o focus > focus-actors.csv
  anthropic-admin cost --month-to-date --by user --by model --top 10
  anthropic-admin cost --since 7d --by api-key,workspace -o jsonl`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dims, err := costDimsNamed(cmd, by)
			if err != nil {
				return err
			}
			dim := dims[0]
			if len(dims) > 1 && (htmlPath != "" || chart) {
				return usageErr(cmd, "several --by values take no --html or --chart")
			}
			if tiers, err = costServiceTiers.parseAll(cmd, "tier", tiers); err != nil {
				return err
			}
			run, err := a.startReport(cmd, &rf, chart, true)
			if err != nil {
				return err
			}
			ctx, c, r, now, format := cmd.Context(), run.c, run.r, run.now, run.format
			printing := htmlPath == "" || a.flags.output != "" || chart
			usageWorkspaces, costWorkspaces, err := a.reportWorkspaces(cmd, workspaces)
			if err != nil {
				return err
			}
			if top < 0 {
				return usageErr(cmd, "--top %d: give a number of groups, or 0 for all", top)
			}
			if len(dims) > 1 {
				if format == formatFOCUS {
					return usageErr(cmd, "-o focus takes one --by")
				}
				filters := admin.AnalyticsFilters{WorkspaceIDs: usageWorkspaces, Models: models}
				for _, t := range tiers {
					filters.ServiceTiers = append(filters.ServiceTiers, admin.ServiceTier(t))
				}
				sum, err := a.multiCostSummary(ctx, c, r, dims, filters, now)
				if err != nil {
					return err
				}
				if format != output.Table {
					return a.writeMultiCostRows(ctx, format, dims, sum, top)
				}
				filtered := strings.Replace(a.describeFilter(ctx, costFilter{workspaces: costWorkspaces, models: models, tiers: tiers}),
					"(filtered here: the cost report has no filters)", "(filtered by the analytics API)", 1)
				a.printMultiCostTable(ctx, sum, dims, r, top, filtered)
				return nil
			}
			if dim.adim != "" && format == formatFOCUS {
				if htmlPath != "" {
					return usageErr(cmd, "-o focus with --by %s comes from the analytics API; --html reads the cost report: run them apart", dim.flag)
				}
				aq := analyticsCostQuery{r: r, dim: dim, filters: admin.AnalyticsFilters{WorkspaceIDs: usageWorkspaces, Models: models}}
				for _, t := range tiers {
					aq.filters.ServiceTiers = append(aq.filters.ServiceTiers, admin.ServiceTier(t))
				}
				return a.analyticsFOCUS(ctx, c, aq, now)
			}
			whole := htmlPath != "" || format == formatFOCUS
			legacy := dim.adim == "" || htmlPath != ""
			q := costQuery{r: r, byWorkspace: dim == costByWorkspace || whole, byDescription: (dim != costByWorkspace && dim.adim == "") || whole,
				filter: costFilter{workspaces: costWorkspaces, models: models, tiers: tiers}}
			usage := admin.UsageMessagesParams{StartingAt: r.Start, EndingAt: r.End, WorkspaceIDs: usageWorkspaces, Models: models}
			for _, t := range tiers {
				usage.ServiceTiers = append(usage.ServiceTiers, admin.ServiceTier(t))
			}
			// One pass over the cost report feeds every output asked for;
			// each keeps what it needs of a bucket, never the bucket.
			var sinks []func(admin.CostBucket) error
			var finish []func() error
			var html *costHTML
			if htmlPath != "" {
				if html, err = newCostHTML(now); err != nil {
					return err
				}
				sinks = append(sinks, html.add)
			}
			var table *report.CostSummarizer
			switch {
			case !printing || dim.adim != "":
			case format == formatFOCUS:
				add, done, err := a.focusSink(ctx, c, usage)
				if err != nil {
					return err
				}
				sinks, finish = append(sinks, add), append(finish, done)
			case format == output.Table || top > 0:
				if table, err = report.NewCostSummarizer(dim.field, now); err != nil {
					return err
				}
				sinks = append(sinks, table.Add)
			default:
				add, done := a.costRowSink(ctx, format, dim, now)
				sinks, finish = append(sinks, add), append(finish, done)
			}
			if legacy {
				err = a.fetchCost(ctx, c, q, func(b admin.CostBucket) error {
					for _, sink := range sinks {
						if err := sink(b); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					return err
				}
			}
			if html != nil {
				if err := a.writeCostHTML(ctx, c, htmlPath, html, usage, now); err != nil {
					return err
				}
			}
			for _, done := range finish {
				if err := done(); err != nil {
					return err
				}
			}
			var sum *report.CostSummary
			source, filtered := "", a.describeFilter(ctx, q.filter)
			switch {
			case table != nil:
				sum = table.Summary()
			case printing && dim.adim != "":
				aq := analyticsCostQuery{r: r, dim: dim, filters: admin.AnalyticsFilters{WorkspaceIDs: usageWorkspaces, Models: models}}
				for _, t := range tiers {
					aq.filters.ServiceTiers = append(aq.filters.ServiceTiers, admin.ServiceTier(t))
				}
				if sum, err = a.analyticsCostSummary(ctx, c, aq, now); err != nil {
					return err
				}
				source = " (from usage & cost analytics)"
				if filtered != "" {
					filtered = strings.Replace(filtered, "(filtered here: the cost report has no filters)", "(filtered by the analytics API)", 1)
				}
			}
			if sum == nil {
				return nil
			}
			if format != output.Table {
				return a.writeCostRows(ctx, format, dim, sum, top)
			}
			a.printCostTable(ctx, sum, dim, r, top, source, filtered)
			if chart {
				a.costCharts(ctx, sum, dim, now)
			}
			return nil
		},
	}
	rf.register(cmd, false)
	f := cmd.Flags()
	f.StringSliceVar(&by, "by", []string{costByWorkspace.flag}, "group by one of: "+dimNames(costDims, func(d costDim) string { return d.flag })+
		" (several, repeated or comma separated, come from the analytics API; not description)")
	f.StringArrayVar(&workspaces, "workspace", nil, "only this workspace, by ID or name; Default is the default workspace (repeatable; filtered here)")
	f.StringArrayVar(&models, "model", nil, "only this model, such as claude-sonnet-4-6 (repeatable; filtered here)")
	f.StringArrayVar(&tiers, "tier", nil, "only this service tier: "+costServiceTiers.known()+" (repeatable; filtered here)")
	f.BoolVar(&chart, "chart", false, "add a daily bar chart and a sparkline per group under the table")
	f.IntVar(&top, "top", 0, "only the N largest groups; the rest are summed in one row, so the total stays whole (0 for all)")
	f.StringVar(&htmlPath, "html", "", "also write a self-contained HTML report to this file")
	return cmd
}

// spendTable is a spend summary as table rows, largest group first: the
// group (and its ID when withID), spend in dollars, share of the total and
// a bar; past the top groups (all when top is 0) one row sums the rest;
// then the TOTAL. right are the columns to align right; note is the
// footnote when the rounded rows do not add up to the TOTAL.
func (a *app) spendTable(ctx context.Context, sum *report.CostSummary, dim costDim, withID bool, top int) (head []string, rows [][]string, right []int, note string) {
	head = []string{strings.ToUpper(strings.ReplaceAll(dim.flag, "-", " ")), "SPEND", "SHARE", ""}
	if withID {
		head = slices.Insert(head, 1, "ID")
	}
	groups, other, rest := topGroups(sum, top)
	var parts []admin.Amount
	add := func(label, id string, total admin.Amount) {
		parts = append(parts, total)
		row := []string{label, render.Dollars(total), render.Share(total, sum.Total), render.Bar(total, sum.Total, 24)}
		if withID {
			row = slices.Insert(row, 1, id)
		}
		rows = append(rows, row)
	}
	for _, g := range groups {
		add(a.costLabel(ctx, dim, g.Key), orDash(g.Key), g.Total)
	}
	if rest > 0 {
		add(otherLabel(rest, dim.plural), "", other.Total)
	}
	total := []string{"TOTAL", render.Dollars(sum.Total), render.Share(sum.Total, sum.Total), ""}
	if withID {
		total = slices.Insert(total, 1, "")
	}
	n := len(head)
	return head, append(rows, total), []int{n - 3, n - 2}, render.RoundingNote(parts, sum.Total)
}

// pendingSpend is the footnote for spend that is not final: which days, and
// how much of the total they hold.
func pendingSpend(sum *report.CostSummary) string {
	open := admin.Sum(sum.Series[len(sum.Series)-sum.Pending:]...)
	return spanOf(sum.Periods, sum.Pending).pendingNote(fmt.Sprintf("the spend so far, %s, is in the total", render.Dollars(open)))
}

// printCostTable prints the spend table of a summary with its footnotes;
// source says where the figures come from when not the cost report, and
// filtered what the filters kept.
func (a *app) printCostTable(ctx context.Context, sum *report.CostSummary, dim costDim, r admin.TimeRange, top int, source, filtered string) {
	head, rows, right, note := a.spendTable(ctx, sum, dim, dim == costByWorkspace || (dim.adim != "" && dim != costByProduct), top)
	if a.out.NoHeaders {
		head = nil
	} else {
		a.out.Lines(fmt.Sprintf("Spend by %s, %s, in US dollars%s", strings.ReplaceAll(dim.flag, "-", " "), spanOf(sum.Periods, sum.Pending).coverage(), source))
	}
	a.out.ReportTable("", head, rows, right...)
	a.out.Lines(note, pendingSpend(sum), shortNote(lastEnd(sum.Periods), r), filtered)
}

// costCharts draws the spend per day under the table: bars stacked by the
// largest groups, and a sparkline per group.
func (a *app) costCharts(ctx context.Context, sum *report.CostSummary, dim costDim, now time.Time) {
	d := render.DailySpend{Timeline: timelineOf(sum.Periods, now), Series: a.costSeries(ctx, sum, dim)}.Top(5, dim.plural)
	fmt.Fprintln(a.env.Stdout)
	a.termChart().Bars(d)
	fmt.Fprintln(a.env.Stdout)
	a.termChart().Sparklines(d)
}

// costSeries are the summary's groups as chart series, named as in tables.
func (a *app) costSeries(ctx context.Context, sum *report.CostSummary, dim costDim) []render.Series {
	out := make([]render.Series, len(sum.Groups))
	for i, g := range sum.Groups {
		out[i] = render.Series{Name: a.costLabel(ctx, dim, g.Key), Values: g.Series}
	}
	return out
}

// costRow is one day of one group, flattened; with withOther, a column
// tells the row summing the groups past --top (other) from the rest.
func (a *app) costRow(ctx context.Context, p report.Period, dim costDim, key string, amount admin.Amount, withOther, other bool) dataRow {
	row := dataRow{strCell("date_start", rfc3339(p.Start)), strCell("date_end", rfc3339(p.End))}
	switch {
	case dim.adim != "":
		cols := whoColumns[dim.flag]
		row = append(row, strCell(cols[0], key))
		if cols[1] != "" {
			name := ""
			if key != "" {
				name = a.whoLabel(ctx, dim, key)
			}
			row = append(row, strCell(cols[1], name))
		}
	default:
		row = append(row, strCell(string(dim.field), key))
		if dim == costByWorkspace {
			row = append(row, strCell("workspace_name", a.names.workspace(ctx, key)))
		}
	}
	row = append(row, moneyCells("cost", amount)...)
	row = append(row, strCell("currency", "USD"), boolCell("final", p.Final))
	if withOther {
		row = append(row, boolCell("other", other))
	}
	return row
}

// writeCostRows writes a summary as data rows, a row per day and group
// that spent that day, the groups past top (when not 0) summed in one
// row per day.
func (a *app) writeCostRows(ctx context.Context, format string, dim costDim, sum *report.CostSummary, top int) error {
	groups, other, rest := topGroups(sum, top)
	w := a.rowWriter(format, keysOf(a.costRow(ctx, report.Period{}, dim, "", admin.Amount{}, top > 0, false)))
	for i, p := range sum.Periods {
		for _, g := range groups {
			if g.Series[i].IsZero() {
				continue
			}
			if err := w.Write(a.costRow(ctx, p, dim, g.Key, g.Series[i], top > 0, false)); err != nil {
				return err
			}
		}
		if rest > 0 && !other.Series[i].IsZero() {
			if err := w.Write(a.costRow(ctx, p, dim, "", other.Series[i], true, true)); err != nil {
				return err
			}
		}
	}
	return w.Close()
}

// costRowSink writes a row per day and group as the days arrive, the
// groups of a day largest first; done ends the output.
func (a *app) costRowSink(ctx context.Context, format string, dim costDim, now time.Time) (add func(admin.CostBucket) error, done func() error) {
	w := a.rowWriter(format, keysOf(a.costRow(ctx, report.Period{}, dim, "", admin.Amount{}, false, false)))
	add = func(b admin.CostBucket) error {
		// The day's own summary groups its lines, exactly as the table's
		// does over the range.
		sum, err := report.SummarizeCost([]admin.CostBucket{b}, dim.field, now)
		if err != nil {
			return err
		}
		for _, g := range sum.Groups {
			if g.Total.IsZero() {
				continue
			}
			if err := w.Write(a.costRow(ctx, sum.Periods[0], dim, g.Key, g.Total, false, false)); err != nil {
				return err
			}
		}
		return nil
	}
	return add, w.Close
}

// focusSink writes every cost line as a FOCUS row as the days arrive, with
// the tokens it is for when the usage report tells them unambiguously;
// done ends the output.
func (a *app) focusSink(ctx context.Context, c *admin.Client, usage admin.UsageMessagesParams) (add func(admin.CostBucket) error, done func() error, err error) {
	org, err := c.Organization.Get(ctx)
	if err != nil {
		return nil, nil, err
	}
	tokens, err := a.fetchTokenIndex(ctx, c, usage)
	if err != nil {
		return nil, nil, err
	}
	export := report.FOCUSExport{AccountID: org.ID, AccountName: org.Name, Tokens: tokens,
		WorkspaceName: func(id string) string { return a.names.workspace(ctx, id) }}
	out := bufio.NewWriterSize(a.env.Stdout, 64<<10)
	fw := newFOCUSWriter(out, a.out.CSVRaw)
	add = func(b admin.CostBucket) error {
		for _, row := range export.Rows(b) {
			fw.write(row)
		}
		return nil
	}
	done = func() error {
		if err := fw.close(); err != nil {
			return err
		}
		return out.Flush()
	}
	return add, done, nil
}

// fetchTokenIndex reads the daily usage report grouped by every dimension
// of a token's price.
func (a *app) fetchTokenIndex(ctx context.Context, c *admin.Client, params admin.UsageMessagesParams) (*report.TokenIndex, error) {
	params.GroupBy = report.TokenIndexGroupBy()
	idx := report.NewTokenIndex()
	err := streamRange(a, "usage report", admin.TimeRange{Start: params.StartingAt, End: params.EndingAt},
		admin.BucketWidthDay.RequestSpan(), c.Usage.MessagesRange(params).All(ctx), bucketEnd, idx.Add)
	if err != nil {
		return nil, err
	}
	return idx, nil
}

// costHTML is what the HTML report keeps of the cost report: the spend per
// day by workspace and by model.
type costHTML struct {
	byWorkspace, byModel *report.CostSummarizer
}

func newCostHTML(now time.Time) (*costHTML, error) {
	byWorkspace, err := report.NewCostSummarizer(report.CostFieldWorkspaceID, now)
	if err != nil {
		return nil, err
	}
	byModel, err := report.NewCostSummarizer(report.CostFieldModel, now)
	if err != nil {
		return nil, err
	}
	return &costHTML{byWorkspace, byModel}, nil
}

// add takes a bucket of the cost report grouped by workspace and
// description.
func (h *costHTML) add(b admin.CostBucket) error {
	if err := h.byWorkspace.Add(b); err != nil {
		return err
	}
	return h.byModel.Add(b)
}

// writeCostHTML writes the HTML report of the cost summed in h, with tokens
// per day from the usage report.
func (a *app) writeCostHTML(ctx context.Context, c *admin.Client, path string, h *costHTML, usage admin.UsageMessagesParams, now time.Time) error {
	byWorkspace, byModel := h.byWorkspace.Summary(), h.byModel.Summary()
	tokenSum, err := report.NewUsageSummarizer("", now)
	if err != nil {
		return err
	}
	if err := streamRange(a, "usage report", admin.TimeRange{Start: usage.StartingAt, End: usage.EndingAt},
		admin.BucketWidthDay.RequestSpan(), c.Usage.MessagesRange(usage).All(ctx), bucketEnd, tokenSum.Add); err != nil {
		return err
	}
	tokens := tokenSum.Summary()
	perDay := map[int64]report.UsageCounts{}
	for i, p := range tokens.Periods {
		perDay[p.Start.Unix()] = tokens.Series[i]
	}
	var counts render.TokenCounts
	for _, p := range byWorkspace.Periods {
		n := perDay[p.Start.Unix()]
		counts.UncachedInput = append(counts.UncachedInput, n.UncachedInputTokens)
		counts.CacheWrite = append(counts.CacheWrite, n.CacheCreation5mTokens+n.CacheCreation1hTokens)
		counts.CacheRead = append(counts.CacheRead, n.CacheReadTokens)
		counts.Output = append(counts.Output, n.OutputTokens)
	}
	org, err := c.Organization.Get(ctx)
	if err != nil {
		return err
	}
	periods := byWorkspace.Periods
	if len(periods) == 0 {
		return fmt.Errorf("the cost report has no days in this range")
	}
	report := render.HTMLReport{
		Title: org.Name, Start: periods[0].Start, End: periods[len(periods)-1].End, Generated: now,
		Days:        timelineOf(periods, now),
		ByWorkspace: a.costSeries(ctx, byWorkspace, costByWorkspace), ByModel: a.costSeries(ctx, byModel, costByModel),
		Tokens: counts,
	}
	report.ByAPIKey, report.ByUser, report.WhoNote = a.htmlWho(ctx, c, admin.TimeRange{Start: usage.StartingAt, End: usage.EndingAt}, periods, now)
	var buf bytes.Buffer
	if err := render.WriteHTML(&buf, report); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprint(a.env.Stderr, output.Safef("wrote %s: spend %s, %s in all\n", path, render.DateRange(report.Start, report.End), render.Dollars(byWorkspace.Total)))
	return nil
}

// termChart draws the report charts on stdout: fancy on a color terminal.
func (a *app) termChart() render.TermChart {
	return render.TermChart{W: a.env.Stdout, Width: a.env.Width, Fancy: a.color()}
}
