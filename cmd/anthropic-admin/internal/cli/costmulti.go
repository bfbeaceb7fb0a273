package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/render"
	"github.com/anthropic-admin-go/admin/report"
)

// Several --by values: the cost report groups by one field at a time, so
// spend by several dimensions at once (user and model, API key and
// workspace…) comes from the analytics API, which breaks cost out by up to
// five.

// analyticsCostKey is a cost dimension in the analytics API and how to read
// it from a row's group; ok is false for description, which only the cost
// report has.
func analyticsCostKey(d costDim) (dim admin.AnalyticsDimension, key func(admin.AnalyticsGroup) string, ok bool) {
	if d.adim != "" {
		return d.adim, func(g admin.AnalyticsGroup) string { return whoKey(d, g) }, true
	}
	switch d.field {
	case report.CostFieldWorkspaceID:
		return admin.DimWorkspaceID, func(g admin.AnalyticsGroup) string { return g.WorkspaceID }, true
	case report.CostFieldModel:
		return admin.DimModel, func(g admin.AnalyticsGroup) string { return g.Model }, true
	case report.CostFieldCostType:
		return admin.DimCostType, func(g admin.AnalyticsGroup) string { return string(g.CostType) }, true
	case report.CostFieldTokenType:
		return admin.DimTokenType, func(g admin.AnalyticsGroup) string { return string(g.TokenType) }, true
	case report.CostFieldServiceTier:
		return admin.DimServiceTier, func(g admin.AnalyticsGroup) string { return string(g.ServiceTier) }, true
	case report.CostFieldContextWindow:
		return admin.DimContextWindow, func(g admin.AnalyticsGroup) string { return string(g.ContextWindow) }, true
	case report.CostFieldInferenceGeo:
		return admin.DimInferenceGeo, func(g admin.AnalyticsGroup) string { return string(g.InferenceGeo) }, true
	}
	return "", nil, false
}

// costDimsNamed reads the --by values: one, or up to five that the
// analytics API can break out by together.
func costDimsNamed(cmd *cobra.Command, values []string) ([]costDim, error) {
	if len(values) == 0 {
		values = []string{costByWorkspace.flag}
	}
	var dims []costDim
	for _, v := range values {
		d, err := costDimNamed(cmd, v)
		if err != nil {
			return nil, err
		}
		if slices.Contains(dims, d) {
			return nil, usageErr(cmd, "--by %q is given twice", v)
		}
		dims = append(dims, d)
	}
	if len(dims) == 1 {
		return dims, nil
	}
	if len(dims) > maxUsageBy {
		return nil, usageErr(cmd, "%d --by values given: spend is broken out by at most %d at once", len(dims), maxUsageBy)
	}
	for _, d := range dims {
		if _, _, ok := analyticsCostKey(d); !ok {
			return nil, usageErr(cmd, "--by %s takes no other --by: several come from the analytics API, which has no %s", d.flag, d.flag)
		}
	}
	return dims, nil
}

// joinKey makes the values of several dimensions one group key, and
// splitKey reads it back: as a JSON array, so that no value, whatever it
// holds, can run into the next.
func joinKey(parts []string) string {
	b, _ := json.Marshal(parts) // strings always marshal
	return string(b)
}

func splitKey(key string, n int) []string {
	var parts []string
	if json.Unmarshal([]byte(key), &parts) != nil || len(parts) != n {
		return make([]string, n) // not a key joinKey made
	}
	return parts
}

// isIDDim tells the dimensions whose values are IDs shown beside a name.
func isIDDim(d costDim) bool {
	return d == costByWorkspace || (d.adim != "" && d != costByProduct)
}

// multiCostSummary streams the analytics cost by several dimensions into a
// summary keyed by their values joined by joinKey.
func (a *app) multiCostSummary(ctx context.Context, c *admin.Client, r admin.TimeRange, dims []costDim, filters admin.AnalyticsFilters, now time.Time) (*report.CostSummary, error) {
	var groupBy []admin.AnalyticsDimension
	var keys []func(admin.AnalyticsGroup) string
	for _, d := range dims {
		ad, key, _ := analyticsCostKey(d)
		if !slices.Contains(groupBy, ad) {
			groupBy = append(groupBy, ad)
		}
		keys = append(keys, key)
	}
	acc := report.NewAnalyticsCostSummarizer("several", func(g admin.AnalyticsGroup) string {
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k(g)
		}
		return joinKey(parts)
	}, now)
	q := analyticsCostQuery{r: r, dim: dims[0], filters: filters, groupBy: groupBy}
	if err := a.fetchAnalyticsCost(ctx, c, q, now, acc.Add); err != nil {
		return nil, err
	}
	return acc.Summary(), nil
}

// printMultiCostTable prints spend by several dimensions: a column per
// dimension (and its ID beside a name), then spend, share and a bar.
func (a *app) printMultiCostTable(ctx context.Context, sum *report.CostSummary, dims []costDim, r admin.TimeRange, top int, filtered string) {
	var head []string
	for _, d := range dims {
		title := strings.ToUpper(strings.ReplaceAll(d.flag, "-", " "))
		head = append(head, title)
		if isIDDim(d) {
			head = append(head, title+" ID")
		}
	}
	labels := len(head)
	head = append(head, "SPEND", "SHARE", "")
	groups, other, rest := topGroups(sum, top)
	var rows [][]string
	var parts []admin.Amount
	for _, g := range groups {
		var row []string
		for i, k := range splitKey(g.Key, len(dims)) {
			row = append(row, a.costLabel(ctx, dims[i], k))
			if isIDDim(dims[i]) {
				row = append(row, orDash(k))
			}
		}
		parts = append(parts, g.Total)
		rows = append(rows, append(row, render.Dollars(g.Total), render.Share(g.Total, sum.Total), render.Bar(g.Total, sum.Total, 24)))
	}
	if rest > 0 {
		row := make([]string, labels)
		row[0] = otherLabel(rest, "groups")
		parts = append(parts, other.Total)
		rows = append(rows, append(row, render.Dollars(other.Total), render.Share(other.Total, sum.Total), render.Bar(other.Total, sum.Total, 24)))
	}
	total := make([]string, labels)
	total[0] = "TOTAL"
	rows = append(rows, append(total, render.Dollars(sum.Total), render.Share(sum.Total, sum.Total), ""))
	n := len(head)
	if a.out.NoHeaders {
		head = nil
	} else {
		a.out.Lines(fmt.Sprintf("Spend by %s, %s, in US dollars (from usage & cost analytics)",
			strings.ReplaceAll(dimNames(dims, func(d costDim) string { return d.flag }), "-", " "), spanOf(sum.Periods, sum.Pending).coverage()))
	}
	a.out.ReportTable("", head, rows, n-3, n-2)
	a.out.Lines(render.RoundingNote(parts, sum.Total), pendingSpend(sum), shortNote(lastEnd(sum.Periods), r), filtered)
}

// multiCostRow is one day of one group of several dimensions, flattened.
func (a *app) multiCostRow(ctx context.Context, p report.Period, dims []costDim, key []string, amount admin.Amount, withOther, other bool) dataRow {
	row := dataRow{strCell("date_start", rfc3339(p.Start)), strCell("date_end", rfc3339(p.End))}
	for i, d := range dims {
		k := key[i]
		switch {
		case d.adim != "":
			cols := whoColumns[d.flag]
			row = append(row, strCell(cols[0], k))
			if cols[1] != "" {
				name := ""
				if k != "" {
					name = a.whoLabel(ctx, d, k)
				}
				row = append(row, strCell(cols[1], name))
			}
		default:
			row = append(row, strCell(string(d.field), k))
			if d == costByWorkspace {
				name := ""
				if !other {
					name = a.names.workspace(ctx, k)
				}
				row = append(row, strCell("workspace_name", name))
			}
		}
	}
	row = append(row, moneyCells("cost", amount)...)
	row = append(row, strCell("currency", "USD"), boolCell("final", p.Final))
	if withOther {
		row = append(row, boolCell("other", other))
	}
	return row
}

// writeMultiCostRows writes the summary as data rows, as writeCostRows
// does for one dimension.
func (a *app) writeMultiCostRows(ctx context.Context, format string, dims []costDim, sum *report.CostSummary, top int) error {
	groups, other, rest := topGroups(sum, top)
	empty := make([]string, len(dims))
	w := a.rowWriter(format, keysOf(a.multiCostRow(ctx, report.Period{}, dims, empty, admin.Amount{}, top > 0, false)))
	for i, p := range sum.Periods {
		for _, g := range groups {
			if g.Series[i].IsZero() {
				continue
			}
			if err := w.Write(a.multiCostRow(ctx, p, dims, splitKey(g.Key, len(dims)), g.Series[i], top > 0, false)); err != nil {
				return err
			}
		}
		if rest > 0 && !other.Series[i].IsZero() {
			if err := w.Write(a.multiCostRow(ctx, p, dims, empty, other.Series[i], true, true)); err != nil {
				return err
			}
		}
	}
	return w.Close()
}
