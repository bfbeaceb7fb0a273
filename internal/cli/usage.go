package cli

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
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
}

var usageDims = []usageDim{
	{"workspace", admin.UsageGroupByWorkspaceID, func(r admin.UsageResult) string { return r.WorkspaceID }, defaultWorkspaceName, "workspace_name"},
	{"model", admin.UsageGroupByModel, func(r admin.UsageResult) string { return r.Model }, "(none)", ""},
	{"api-key", admin.UsageGroupByAPIKeyID, func(r admin.UsageResult) string { return r.APIKeyID }, "(no key: Console)", "api_key_name"},
	{"account", admin.UsageGroupByAccountID, func(r admin.UsageResult) string { return r.AccountID }, "(none)", "account_email"},
	{"service-account", admin.UsageGroupByServiceAccountID, func(r admin.UsageResult) string { return r.ServiceAccountID }, "(none)", ""},
	{"service-tier", admin.UsageGroupByServiceTier, func(r admin.UsageResult) string { return string(r.ServiceTier) }, "(none)", ""},
	{"context-window", admin.UsageGroupByContextWindow, func(r admin.UsageResult) string { return string(r.ContextWindow) }, "(none)", ""},
	{"inference-geo", admin.UsageGroupByInferenceGeo, func(r admin.UsageResult) string { return string(r.InferenceGeo) }, "(none)", ""},
	{"speed", admin.UsageGroupBySpeed, func(r admin.UsageResult) string { return string(r.Speed) }, "(none)", ""},
}

// maxUsageBy is how many dimensions the usage report groups by at once.
const maxUsageBy = 5

var bucketWidths = []string{string(admin.BucketWidthDay), string(admin.BucketWidthHour), string(admin.BucketWidthMinute)}

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
	a    *app
	c    *admin.Client
	keys map[string]string
}

func (n *usageNames) name(ctx context.Context, d usageDim, key string) string {
	switch {
	case d.by == admin.UsageGroupByWorkspaceID:
		return n.a.names.workspace(ctx, key)
	case key == "":
		return d.none
	case d.by == admin.UsageGroupByAccountID:
		return n.a.names.user(ctx, key)
	case d.by == admin.UsageGroupByAPIKeyID:
		if n.keys == nil {
			n.keys = map[string]string{}
			for k, err := range n.c.APIKeys.List(admin.APIKeyListParams{Limit: 1000}).All(ctx) {
				if err != nil {
					break // names are a nicety: fall back to IDs
				}
				n.keys[k.ID] = k.Name
			}
		}
		return cmp.Or(n.keys[key], key)
	}
	return key
}

// usageGroup is the usage of one combination of the --by values.
type usageGroup struct {
	key    []string // one value per dimension
	total  admin.UsageCounts
	series []admin.UsageCounts // one per bucket
}

// groupUsage rolls the buckets up by every dimension together, largest
// total of tokens first. (The library's SummarizeUsage groups by one.)
func groupUsage(buckets []admin.UsageBucket, dims []usageDim) []usageGroup {
	groups := map[string]*usageGroup{}
	for i, b := range buckets {
		for _, r := range b.Results {
			key := make([]string, len(dims))
			for d, dim := range dims {
				key[d] = dim.key(r)
			}
			id := strings.Join(key, "\x00")
			g := groups[id]
			if g == nil {
				g = &usageGroup{key: key, series: make([]admin.UsageCounts, len(buckets))}
				groups[id] = g
			}
			g.total, g.series[i] = g.total.Add(r.Counts()), g.series[i].Add(r.Counts())
		}
	}
	out := make([]usageGroup, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(x, y usageGroup) int {
		return cmp.Or(cmp.Compare(y.total.Tokens(), x.total.Tokens()), slices.Compare(x.key, y.key))
	})
	return out
}

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
		Short: "Tokens used through the Messages API, by model, workspace, API key and more",
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
the API's data lags, so its counts may still grow; a footnote marks it.

Data formats (-o json, jsonl, csv, yaml) have one row per bucket and group:
bucket_start and bucket_end (RFC 3339, UTC; the end is excluded), a column per
--by dimension with the API's value (workspace_id, model, api_key_id, ...; ""
for null) and workspace_name, api_key_name or account_email beside IDs, then
uncached_input_tokens, cache_creation_5m_input_tokens,
cache_creation_1h_input_tokens, cache_read_input_tokens, output_tokens,
total_tokens, web_search_requests and final (false while it may still grow).
Buckets in which a group used nothing have no row.

--workspace, --model, --api-key and --tier are filters of the report itself.`,
		Example: `  anthropic-admin usage messages
  anthropic-admin usage messages --since 7d --by workspace --by model
  anthropic-admin usage messages --since 24h --bucket 1h --by api-key --workspace Production
  anthropic-admin usage messages --last-month --by model -o csv > tokens.csv`,
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
			ctx, c, r, now := cmd.Context(), run.c, run.r, run.now
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
			buckets, err := fetchRange(a, "usage report", r, params.BucketWidth.RequestSpan(), c.Usage.MessagesRange(ctx, params), bucketEnd)
			if err != nil {
				return inputErr(cmd, err)
			}
			sum, err := admin.SummarizeUsage(buckets, "", now)
			if err != nil {
				return err
			}
			names := &usageNames{a: a, c: c}
			groups := groupUsage(buckets, dims)
			if run.format != formatTable {
				return a.printUsageRows(ctx, cmd, names, sum, dims, groups)
			}
			a.printUsageTable(ctx, names, sum, dims, groups, r)
			return nil
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

func usageCountCells(c admin.UsageCounts) []string {
	return []string{countText(c.UncachedInputTokens), countText(c.CacheCreation5mTokens + c.CacheCreation1hTokens),
		countText(c.CacheReadTokens), countText(c.OutputTokens), countText(c.WebSearchRequests), countText(c.Tokens())}
}

func (a *app) printUsageTable(ctx context.Context, names *usageNames, sum *admin.UsageSummary, dims []usageDim, groups []usageGroup, r admin.TimeRange) {
	head, rows, right := a.usageTable(ctx, names, sum, dims, groups, true)
	// IDs beside names make a wide table: a terminal too narrow for them
	// gets the names only, rather than cut columns.
	squeezed := a.env.StdoutTTY && a.env.Width > 0 && tableWidth(head, rows) > a.env.Width &&
		slices.ContainsFunc(dims, func(d usageDim) bool { return d.nameKey != "" })
	if squeezed {
		head, rows, right = a.usageTable(ctx, names, sum, dims, groups, false)
	}
	if a.flags.noHeaders {
		head = nil
	} else {
		what := "in all"
		if len(dims) > 0 {
			what = "by " + strings.ReplaceAll(dimNames(dims, func(d usageDim) string { return d.flag }), "-", " ")
		}
		a.printLines(fmt.Sprintf("Messages API tokens %s, %s", what, coverage(sum.Periods)))
	}
	a.renderTable("", head, rows, right...)
	note := ""
	if squeezed {
		note = leftOutNote("IDs are")
	}
	a.printLines(pendingNote(sum.Periods, sum.Pending, "the tokens so far are counted"), shortNote(sum.Periods, r), note)
}

// usageTable is the table of usage groups, most tokens first, then the
// TOTAL; withIDs puts IDs beside the names of workspaces, keys and
// accounts.
func (a *app) usageTable(ctx context.Context, names *usageNames, sum *admin.UsageSummary, dims []usageDim, groups []usageGroup, withIDs bool) (head []string, rows [][]string, right []int) {
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
	total := make([]string, labels)
	total[0] = "TOTAL"
	rows = append(rows, append(total, usageCountCells(sum.Total)...))
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
func (a *app) usageRow(ctx context.Context, names *usageNames, p admin.Period, dims []usageDim, key []string, c admin.UsageCounts) dataRow {
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

func (a *app) printUsageRows(ctx context.Context, cmd *cobra.Command, names *usageNames, sum *admin.UsageSummary, dims []usageDim, groups []usageGroup) error {
	var rows []dataRow
	for i, p := range sum.Periods {
		for _, g := range groups {
			if g.series[i] != (admin.UsageCounts{}) {
				rows = append(rows, a.usageRow(ctx, names, p, dims, g.key, g.series[i]))
			}
		}
	}
	sample := a.usageRow(ctx, names, admin.Period{}, dims, make([]string, len(dims)), admin.UsageCounts{})
	return printRows(a, cmd, keysOf(sample), rows)
}
