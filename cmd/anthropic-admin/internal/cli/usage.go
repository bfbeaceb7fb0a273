package cli

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/report"
)

// usageDim is a --by value of usage messages: the report's group_by, how
// to read it from a result, and the label of the API's null value.
type usageDim struct {
	flag string
	by   admin.UsageGroupBy
	key  func(admin.UsageResult) string
	none string
	// nameKey is the data column with a readable name beside the ID, for
	// the dimensions that are IDs a person does not read.
	nameKey string
	// adim and akey are the dimension in the analytics API and how to read
	// it from a row's group. analyticsOnly dimensions (by is then only the
	// data column's name) send the whole request to the analytics API.
	adim          admin.AnalyticsDimension
	akey          func(admin.AnalyticsGroup) string
	analyticsOnly bool
}

var usageDims = []usageDim{
	{flag: "workspace", by: admin.UsageGroupByWorkspaceID, key: func(r admin.UsageResult) string { return r.WorkspaceID }, none: defaultWorkspaceName, nameKey: "workspace_name",
		adim: admin.DimWorkspaceID, akey: func(g admin.AnalyticsGroup) string { return g.WorkspaceID }},
	{flag: "model", by: admin.UsageGroupByModel, key: func(r admin.UsageResult) string { return r.Model }, none: "(none)",
		adim: admin.DimModel, akey: func(g admin.AnalyticsGroup) string { return g.Model }},
	{flag: "api-key", by: admin.UsageGroupByAPIKeyID, key: func(r admin.UsageResult) string { return r.APIKeyID }, none: "(no key: Console)", nameKey: "api_key_name",
		adim: admin.DimAPIKeyID, akey: func(g admin.AnalyticsGroup) string { return g.APIKeyID }},
	{flag: "account", by: admin.UsageGroupByAccountID, key: func(r admin.UsageResult) string { return r.AccountID }, none: "(none)", nameKey: "account_email",
		adim: admin.DimActor, akey: func(g admin.AnalyticsGroup) string { return whoKey(costByUser, g) }},
	{flag: "service-account", by: admin.UsageGroupByServiceAccountID, key: func(r admin.UsageResult) string { return r.ServiceAccountID }, none: "(none)",
		adim: admin.DimActor, akey: func(g admin.AnalyticsGroup) string { return whoKey(costByServiceAccount, g) }},
	{flag: "service-tier", by: admin.UsageGroupByServiceTier, key: func(r admin.UsageResult) string { return string(r.ServiceTier) }, none: "(none)",
		adim: admin.DimServiceTier, akey: func(g admin.AnalyticsGroup) string { return string(g.ServiceTier) }},
	{flag: "context-window", by: admin.UsageGroupByContextWindow, key: func(r admin.UsageResult) string { return string(r.ContextWindow) }, none: "(none)",
		adim: admin.DimContextWindow, akey: func(g admin.AnalyticsGroup) string { return string(g.ContextWindow) }},
	{flag: "inference-geo", by: admin.UsageGroupByInferenceGeo, key: func(r admin.UsageResult) string { return string(r.InferenceGeo) }, none: "(none)",
		adim: admin.DimInferenceGeo, akey: func(g admin.AnalyticsGroup) string { return string(g.InferenceGeo) }},
	{flag: "speed", by: admin.UsageGroupBySpeed, key: func(r admin.UsageResult) string { return string(r.Speed) }, none: "(none)",
		adim: admin.DimSpeed, akey: func(g admin.AnalyticsGroup) string { return string(g.Speed) }},
	// Only the analytics API has these.
	{flag: "user", by: "user_id", none: costByUser.none, nameKey: "user_email", analyticsOnly: true,
		adim: admin.DimActor, akey: func(g admin.AnalyticsGroup) string { return whoKey(costByUser, g) }},
	{flag: "actor", by: "actor_id", none: costByActor.none, nameKey: "actor_name", analyticsOnly: true,
		adim: admin.DimActor, akey: func(g admin.AnalyticsGroup) string { return whoKey(costByActor, g) }},
	{flag: "product", by: "product", none: costByProduct.none, analyticsOnly: true,
		adim: admin.DimProduct, akey: func(g admin.AnalyticsGroup) string { return string(g.Product) }},
}

// maxUsageBy is how many dimensions the usage report groups by at once.
const maxUsageBy = 5

var bucketWidths = []string{string(admin.BucketWidthDay), string(admin.BucketWidthHour), string(admin.BucketWidthMinute)}

// widthOf is how long a bucket of each width is.
var widthOf = map[admin.BucketWidth]time.Duration{admin.BucketWidthDay: 24 * time.Hour, admin.BucketWidthHour: time.Hour, admin.BucketWidthMinute: time.Minute}

// widthSpan is the span of the buckets of width w from the one holding
// start to end, as of now.
func widthSpan(start, end time.Time, w time.Duration, now time.Time) span {
	first := start.UTC().Truncate(w)
	if !end.After(first) {
		return span{}
	}
	// A bucket is final once it ended report.Lag ago: the first that is not
	// is the one holding now − report.Lag.
	open := now.Add(-report.Lag).UTC().Truncate(w)
	if open.Before(first) {
		open = first
	}
	return span{start: first, end: end, width: w, n: int(end.Sub(first) / w), pending: max(0, int(end.Sub(open)/w))}
}

// totalsRange is the usage report over params' range as a table of totals
// needs it: the same usage as the buckets of params.BucketWidth would hold,
// but each stretch of whole hours or days fetched as such, so a month of
// one-minute buckets takes a few requests rather than 31 of 1,440 buckets
// each. Usage is counted in the minute it happened, so an hour's or a day's
// bucket holds exactly the usage of its minutes. The stretch at the end,
// with the range's last whole bucket and the one still running, is fetched
// at the width asked for, so the end of the range is treated just as a
// fetch at that width treats it.
func totalsRange(c *admin.Client, ctx context.Context, params admin.UsageMessagesParams) iter.Seq2[admin.UsageBucket, error] {
	return func(yield func(admin.UsageBucket, error) bool) {
		for _, t := range tiles(params.StartingAt, params.EndingAt, params.BucketWidth) {
			p := params
			p.StartingAt, p.EndingAt, p.BucketWidth = t.from, t.to, t.width
			for b, err := range c.Usage.MessagesRange(p).All(ctx) {
				if !yield(b, err) || err != nil {
					return
				}
			}
		}
	}
}

// tile is a stretch of a range fetched at one width.
type tile struct {
	from, to time.Time
	width    admin.BucketWidth
}

// tiles splits [start, end) in buckets of width fine into stretches of the
// coarsest widths that cover them whole (see totalsRange), oldest first.
func tiles(start, end time.Time, fine admin.BucketWidth) []tile {
	w := widthOf[fine]
	first := start.UTC().Truncate(w)
	tail := end.UTC().Truncate(w).Add(-w) // the range's last whole bucket starts here
	if !first.Before(tail) {
		return []tile{{start, end, fine}}
	}
	var coarser []admin.BucketWidth
	for _, c := range []admin.BucketWidth{admin.BucketWidthDay, admin.BucketWidthHour} {
		if widthOf[c] > w {
			coarser = append(coarser, c)
		}
	}
	var out []tile
	var cover func(from, to time.Time, widths []admin.BucketWidth)
	cover = func(from, to time.Time, widths []admin.BucketWidth) {
		if !from.Before(to) {
			return
		}
		if len(widths) == 0 {
			out = append(out, tile{from, to, fine})
			return
		}
		cw := widthOf[widths[0]]
		lo, hi := from.Add(cw-1).Truncate(cw), to.Truncate(cw)
		if !lo.Before(hi) {
			cover(from, to, widths[1:])
			return
		}
		cover(from, lo, widths[1:])
		out = append(out, tile{lo, hi, widths[0]})
		cover(hi, to, widths[1:])
	}
	cover(first, tail, coarser)
	out = append(out, tile{tail, end, fine})
	// Neighbours of one width are one stretch.
	merged := out[:1]
	for _, t := range out[1:] {
		if last := &merged[len(merged)-1]; last.width == t.width && last.to.Equal(t.from) {
			last.to = t.to
			continue
		}
		merged = append(merged, t)
	}
	merged[0].from = start // the first bucket is the one holding start, as asked
	return merged
}

func usageDimsNamed(cmd *cobra.Command, values []string) ([]usageDim, error) {
	if len(values) > maxUsageBy {
		return nil, usageErr(cmd, "%d --by values given: the usage report groups by at most %d", len(values), maxUsageBy)
	}
	var dims []usageDim
	if len(values) == 1 && (values[0] == "" || strings.EqualFold(values[0], "none")) {
		return nil, nil // no grouping: one total per bucket
	}
	for _, v := range values {
		i := slices.IndexFunc(usageDims, func(d usageDim) bool { return d.flag == normalizeDim(v) })
		switch {
		case i < 0:
			return nil, usageErr(cmd, "--by %q: use one of %s", v, dimNames(usageDims, func(d usageDim) string { return d.flag }))
		case slices.ContainsFunc(dims, func(d usageDim) bool { return d.flag == usageDims[i].flag }):
			return nil, usageErr(cmd, "--by %q is given twice", v)
		}
		dims = append(dims, usageDims[i])
	}
	return dims, nil
}

// usageNames names the IDs of usage groups: workspaces, API keys and
// accounts (members), each listed once, on first need.
type usageNames struct {
	a *app
	c *admin.Client
}

func (n *usageNames) name(ctx context.Context, d usageDim, key string) string {
	switch {
	case d.analyticsOnly:
		return n.a.whoLabel(ctx, costDim{flag: d.flag, none: d.none}, key)
	case d.by == admin.UsageGroupByWorkspaceID:
		return n.a.names.workspace(ctx, key)
	case key == "":
		return d.none
	case d.by == admin.UsageGroupByAccountID:
		return n.a.names.user(ctx, key)
	case d.by == admin.UsageGroupByAPIKeyID:
		return n.a.names.apiKey(ctx, key)
	}
	return key
}

// usageItem is one group's usage in a bucket: its values of the --by
// dimensions, one per dimension, and its counts.
type usageItem struct {
	key    []string
	counts report.UsageCounts
}

// usageDay is a bucket of usage items, from either source.
type usageDay = admin.ReportBucket[usageItem]

// usageSource is where usage messages reads: the usage report, or the
// analytics API for the dimensions only it has. buckets are the buckets
// at the width asked for; totals the same usage as a table of totals
// needs it (see totalsRange).
type usageSource struct {
	what, title     string
	perRequest      time.Duration
	buckets, totals iter.Seq2[usageDay, error]
}

// legacyUsage reads the usage report.
func legacyUsage(ctx context.Context, c *admin.Client, params admin.UsageMessagesParams, dims []usageDim) usageSource {
	return usageSource{what: "usage report", title: "Messages API tokens", perRequest: params.BucketWidth.RequestSpan(),
		buckets: usageItems(c.Usage.MessagesRange(params).All(ctx), dims),
		totals:  usageItems(totalsRange(c, ctx, params), dims)}
}

// usageItems are the results of usage report buckets as items.
func usageItems(seq iter.Seq2[admin.UsageBucket, error], dims []usageDim) iter.Seq2[usageDay, error] {
	return func(yield func(usageDay, error) bool) {
		for b, err := range seq {
			day := usageDay{StartingAt: b.StartingAt, EndingAt: b.EndingAt}
			for _, r := range b.Results {
				day.Results = append(day.Results, usageItem{usageKey(dims, r), report.CountsOf(r)})
			}
			if !yield(day, err) || err != nil {
				return
			}
		}
	}
}

// analyticsUsage reads the analytics usage endpoint by day, grouped by
// every --by dimension, with the report's filters; days after the one
// running now are not asked for.
func (a *app) analyticsUsage(ctx context.Context, c *admin.Client, params admin.UsageMessagesParams, dims []usageDim, now time.Time) usageSource {
	p := admin.AnalyticsUsageParams{
		AnalyticsRange: admin.AnalyticsRange{StartingAt: params.StartingAt, EndingAt: params.EndingAt, TimeBucketWidth: admin.BucketWidthDay,
			PageCursor: admin.PageCursor{Limit: 1000}, AnalyticsFilters: admin.AnalyticsFilters{
				WorkspaceIDs: params.WorkspaceIDs, Models: params.Models, APIKeyIDs: params.APIKeyIDs, ServiceTiers: params.ServiceTiers}},
		OrderBy: admin.UsageOrderTime, Order: admin.SortAsc,
	}
	for _, d := range dims {
		if !slices.Contains(p.GroupBy, d.adim) {
			p.GroupBy = append(p.GroupBy, d.adim)
		}
	}
	until := now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	if p.EndingAt.Before(until) {
		until = p.EndingAt
	}
	p.EndingAt = until
	days := func(yield func(usageDay, error) bool) {
		if !until.After(p.StartingAt) {
			return
		}
		rows := c.Analytics.UsageRange(p).All(ctx)
		for b, err := range report.DailyRows(rows, p.StartingAt, until, func(r admin.AnalyticsUsageRow) time.Time { return r.StartingAt }) {
			day := usageDay{StartingAt: b.StartingAt, EndingAt: b.EndingAt}
			for _, r := range b.Results {
				a.who.note(r.Group)
				key := make([]string, len(dims))
				for i, d := range dims {
					key[i] = d.akey(r.Group)
				}
				day.Results = append(day.Results, usageItem{key, report.AnalyticsCountsOf(r.Usage)})
			}
			if !yield(day, err) || err != nil {
				return
			}
		}
	}
	return usageSource{what: "analytics usage", title: "Tokens of every product (usage & cost analytics)", perRequest: 31 * 24 * time.Hour, buckets: days, totals: days}
}

// usageKey is a result's values of the --by dimensions, one per dimension.
func usageKey(dims []usageDim, r admin.UsageResult) []string {
	key := make([]string, len(dims))
	for d, dim := range dims {
		key[d] = dim.key(r)
	}
	return key
}

// byTokens orders usage largest first, by every token together.
func byTokens(x, y report.UsageCounts) int { return cmp.Compare(x.Tokens(), y.Tokens()) }

func (a *app) usageCommand() *cobra.Command {
	usage := &cobra.Command{Use: "usage", Short: "Token usage of the Messages API and Claude Code activity"}
	usage.AddCommand(a.usageMessagesCommand(), a.claudeCodeCommand())
	return usage
}

func (a *app) usageMessagesCommand() *cobra.Command {
	var rf rangeFlags
	var bucket string
	var by, workspaces, models, keys, tiers []string
	cmd := &cobra.Command{
		Use:   "messages",
		Short: "Tokens used through the Messages API, by model, workspace, API key, user, product and more",
		Long: `usage messages reports the tokens the organization used through the Messages
API over a range, from the Admin API usage report, grouped by up to five
dimensions at once. Every window and page of the range is fetched.

The table has one row per group, most tokens first, then the TOTAL:
  UNCACHED INPUT  input tokens read neither from nor into the prompt cache
  CACHE WRITE     input tokens written to the prompt cache (5-minute and 1-hour)
  CACHE READ      input tokens read from the prompt cache
  OUTPUT          output tokens
  WEB SEARCHES    web search requests (not tokens)
  TOTAL TOKENS    all of the input and output tokens
Workspaces, API keys and accounts show their names beside their IDs. The
latest bucket, and any bucket that ended less than an hour ago, is not final:
the API's data lags, so its counts may still grow; a footnote marks it. The
table needs only totals, so stretches of whole hours or days are fetched as
such: a month of 1m buckets takes a few requests, not 31 of 1,440 buckets.

Data formats (-o json, jsonl, csv, yaml) have one row per bucket and group:
bucket_start and bucket_end (RFC 3339, UTC; the end is excluded), a column per
--by dimension with the API's value (workspace_id, model, api_key_id, ...; ""
for null) and workspace_name, api_key_name or account_email beside IDs, then
uncached_input_tokens, cache_creation_5m_input_tokens,
cache_creation_1h_input_tokens, cache_read_input_tokens, output_tokens,
total_tokens, web_search_requests and final (false while it may still grow).
Buckets in which a group used nothing have no row.

--workspace, --model, --api-key and --tier are filters of the report itself.

--by user (members by email), actor (whoever made the requests: a member, a
service account, an API key or a federated identity) and product (Messages
API, batches, Claude Code, Console…) come from the Usage & Cost Analytics API
(a beta; from 2026-01-01, the last 365 days), by day: when one of them is
given, every --by dimension and filter is read from it, and its tokens are
those of every product, not only the Messages API. Their data columns are
user_id and user_email, actor_id and actor_name, and product.`,
		Example: `  anthropic-admin usage messages
  anthropic-admin usage messages --since 7d --by workspace --by model
  anthropic-admin usage messages --since 24h --bucket 1h --by api-key --workspace Production
  anthropic-admin usage messages --last-month --by model -o csv > tokens.csv
  anthropic-admin usage messages --month-to-date --by user
  anthropic-admin usage messages --since 7d --by product --by model
  anthropic-admin usage messages --since 7d --by actor -o jsonl`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !slices.Contains(bucketWidths, bucket) {
				return usageErr(cmd, "--bucket %q: use one of %s", bucket, strings.Join(bucketWidths, ", "))
			}
			dims, err := usageDimsNamed(cmd, by)
			if err != nil {
				return err
			}
			if tiers, err = serviceTiers.parseAll(cmd, "tier", tiers); err != nil {
				return err
			}
			run, err := a.startReport(cmd, &rf, false, false)
			if err != nil {
				return err
			}
			ctx, c, r := cmd.Context(), run.c, run.r
			params := admin.UsageMessagesParams{StartingAt: r.Start, EndingAt: r.End, BucketWidth: admin.BucketWidth(bucket), Models: models}
			for _, d := range dims {
				params.GroupBy = append(params.GroupBy, d.by)
			}
			for _, t := range tiers {
				params.ServiceTiers = append(params.ServiceTiers, admin.ServiceTier(t))
			}
			if params.WorkspaceIDs, _, err = a.reportWorkspaces(cmd, workspaces); err != nil {
				return err
			}
			if len(keys) > 0 {
				_, targets, err := a.keyArgs(ctx, keys)
				if err != nil {
					return err
				}
				for _, t := range targets {
					params.APIKeyIDs = append(params.APIKeyIDs, t.id)
				}
			}
			names := &usageNames{a: a, c: c}
			src := legacyUsage(ctx, c, params, dims)
			if slices.ContainsFunc(dims, func(d usageDim) bool { return d.analyticsOnly }) {
				if bucket != string(admin.BucketWidthDay) {
					return usageErr(cmd, "--by %s comes from the analytics API, which this command reads by day: use --bucket 1d", dimNames(dims, func(d usageDim) string { return d.flag }))
				}
				src = a.analyticsUsage(ctx, c, params, dims, run.now)
			}
			if run.format != output.Table {
				return a.printUsageRows(ctx, names, run, src, dims)
			}
			return a.printUsageTable(ctx, names, run, src, params, dims)
		},
	}
	rf.register(cmd, false)
	f := cmd.Flags()
	f.StringVar(&bucket, "bucket", string(admin.BucketWidthDay), "bucket width: 1d, 1h or 1m")
	f.StringSliceVar(&by, "by", []string{"model"}, fmt.Sprintf("group by up to %d of: %s (repeatable or comma separated; none for totals only)", maxUsageBy, dimNames(usageDims, func(d usageDim) string { return d.flag })))
	f.StringArrayVar(&workspaces, "workspace", nil, "only this workspace, by ID or name (repeatable)")
	f.StringArrayVar(&models, "model", nil, "only this model, such as claude-sonnet-4-6 (repeatable)")
	f.StringArrayVar(&keys, "api-key", nil, "only this API key, by ID or name (repeatable)")
	f.StringArrayVar(&tiers, "tier", nil, "only this service tier: "+serviceTiers.known()+" (repeatable)")
	return cmd
}

// usageCountHeads and usageCountCells are the token columns of the table.
var usageCountHeads = []string{"UNCACHED INPUT", "CACHE WRITE", "CACHE READ", "OUTPUT", "WEB SEARCHES", "TOTAL TOKENS"}

func usageCountCells(c report.UsageCounts) []string {
	return []string{countText(c.UncachedInputTokens), countText(c.CacheCreation5mTokens + c.CacheCreation1hTokens),
		countText(c.CacheReadTokens), countText(c.OutputTokens), countText(c.WebSearchRequests), countText(c.Tokens())}
}

// printUsageTable prints the usage of each group over the range, summed as
// the buckets arrive: only the groups' totals are kept.
func (a *app) printUsageTable(ctx context.Context, names *usageNames, run reportRun, src usageSource, params admin.UsageMessagesParams, dims []usageDim) error {
	var groups groupSums[report.UsageCounts]
	var total report.UsageCounts
	var last time.Time
	err := streamRange(a, src.what, run.r, src.perRequest, src.totals, bucketEnd,
		func(b usageDay) error {
			for _, r := range b.Results {
				groups.add(r.key, r.counts)
				total = total.Add(r.counts)
			}
			last = b.EndingAt
			return nil
		})
	if err != nil {
		return inputErr(run.cmd, err)
	}
	sp := widthSpan(params.StartingAt, last, widthOf[params.BucketWidth], run.now)
	sorted := groups.sorted(byTokens)
	head, rows, right := a.usageTable(ctx, names, total, dims, sorted, true)
	// IDs beside names make a wide table: a terminal too narrow for them
	// gets the names only, rather than cut columns.
	squeezed := a.env.StdoutTTY && a.env.Width > 0 && tableWidth(head, rows) > a.env.Width &&
		slices.ContainsFunc(dims, func(d usageDim) bool { return d.nameKey != "" })
	if squeezed {
		head, rows, right = a.usageTable(ctx, names, total, dims, sorted, false)
	}
	if a.out.NoHeaders {
		head = nil
	} else {
		what := "in all"
		if len(dims) > 0 {
			what = "by " + strings.ReplaceAll(dimNames(dims, func(d usageDim) string { return d.flag }), "-", " ")
		}
		a.out.Lines(fmt.Sprintf("%s %s, %s", src.title, what, sp.coverage()))
	}
	a.out.ReportTable("", head, rows, right...)
	note := ""
	if squeezed {
		note = output.LeftOutNote("IDs are")
	}
	a.out.Lines(sp.pendingNote("the tokens so far are counted"), shortNote(last, run.r), note)
	return nil
}

// usageTable is the table of usage groups, most tokens first, then the
// TOTAL; withIDs puts IDs beside the names of workspaces, keys and
// accounts.
func (a *app) usageTable(ctx context.Context, names *usageNames, total report.UsageCounts, dims []usageDim, groups []groupSum[report.UsageCounts], withIDs bool) (head []string, rows [][]string, right []int) {
	for _, d := range dims {
		title := strings.ToUpper(strings.ReplaceAll(d.flag, "-", " "))
		head = append(head, title)
		if d.nameKey != "" && withIDs {
			head = append(head, title+" ID")
		}
	}
	if len(dims) == 0 {
		head = []string{""} // the one group is the total
	}
	labels := len(head)
	head = append(head, usageCountHeads...)
	for _, g := range groups {
		if len(dims) == 0 {
			break
		}
		var row []string
		for i, d := range dims {
			row = append(row, names.name(ctx, d, g.key[i]))
			if d.nameKey != "" && withIDs {
				row = append(row, orDash(g.key[i]))
			}
		}
		rows = append(rows, append(row, usageCountCells(g.total)...))
	}
	totalRow := make([]string, labels)
	totalRow[0] = "TOTAL"
	rows = append(rows, append(totalRow, usageCountCells(total)...))
	for i := labels; i < len(head); i++ {
		right = append(right, i)
	}
	return head, rows, right
}

// tableWidth is how many columns a table takes, two spaces between cells.
func tableWidth(head []string, rows [][]string) int {
	widths := make([]int, len(head))
	for _, r := range append([][]string{head}, rows...) {
		for i, cell := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	total := 2 * (len(widths) - 1)
	for _, w := range widths {
		total += w
	}
	return total
}

// usageRow is one bucket of one group, flattened.
func (a *app) usageRow(ctx context.Context, names *usageNames, p report.Period, dims []usageDim, key []string, c report.UsageCounts) dataRow {
	row := dataRow{strCell("bucket_start", rfc3339(p.Start)), strCell("bucket_end", rfc3339(p.End))}
	for i, d := range dims {
		row = append(row, strCell(string(d.by), key[i]))
		if d.nameKey != "" {
			row = append(row, strCell(d.nameKey, names.name(ctx, d, key[i])))
		}
	}
	return append(row,
		intCell("uncached_input_tokens", c.UncachedInputTokens),
		intCell("cache_creation_5m_input_tokens", c.CacheCreation5mTokens),
		intCell("cache_creation_1h_input_tokens", c.CacheCreation1hTokens),
		intCell("cache_read_input_tokens", c.CacheReadTokens),
		intCell("output_tokens", c.OutputTokens),
		intCell("total_tokens", c.Tokens()),
		intCell("web_search_requests", c.WebSearchRequests),
		boolCell("final", p.Final))
}

// printUsageRows writes a row per bucket and group as the buckets arrive,
// the groups of a bucket most tokens first.
func (a *app) printUsageRows(ctx context.Context, names *usageNames, run reportRun, src usageSource, dims []usageDim) error {
	sample := a.usageRow(ctx, names, report.Period{}, dims, make([]string, len(dims)), report.UsageCounts{})
	w := a.rowWriter(run.format, keysOf(sample))
	settled := run.now.Add(-report.Lag)
	var groups groupSums[report.UsageCounts]
	err := streamRange(a, src.what, run.r, src.perRequest, src.buckets, bucketEnd,
		func(b usageDay) error {
			groups.reset()
			for _, r := range b.Results {
				groups.add(r.key, r.counts)
			}
			p := report.Period{Start: b.StartingAt, End: b.EndingAt, Final: !b.EndingAt.After(settled)}
			for _, g := range groups.sorted(byTokens) {
				if g.total == (report.UsageCounts{}) {
					continue
				}
				if err := w.Write(a.usageRow(ctx, names, p, dims, g.key, g.total)); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return inputErr(run.cmd, err)
	}
	return w.Close()
}
