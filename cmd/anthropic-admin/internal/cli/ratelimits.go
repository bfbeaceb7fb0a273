package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// groupName is how a person knows a rate-limit group: its display name
// (model groups have one), else its kind.
func groupName(g admin.RateLimitGroup) string {
	if g.DisplayName != "" {
		return g.DisplayName
	}
	return string(g.Type)
}

// rateLimitCSV are the CSV columns of the organization's entries, one row
// each.
var rateLimitCSV = []output.Column[admin.RateLimit]{
	{Header: "group type", Text: func(r admin.RateLimit) string { return string(r.Group.Type) }},
	{Header: "group", Field: "group_display_name", Text: func(r admin.RateLimit) string { return r.Group.DisplayName }},
	{Header: "models", Text: func(r admin.RateLimit) string { return strings.Join(r.Models, " ") }},
	{Header: "limits", Text: func(r admin.RateLimit) string {
		parts := make([]string, len(r.Limits))
		for i, l := range r.Limits {
			parts[i] = fmt.Sprintf("%s=%d", l.Type, l.Value)
		}
		return strings.Join(parts, ", ")
	}},
	{Header: "id", Text: func(r admin.RateLimit) string { return r.ID }},
	{Header: "group id", Text: func(r admin.RateLimit) string { return r.Group.ID }},
}

// orgLimitRow is one limiter of an organization entry: a table shows a row
// each, and the group and its models on the group's first row only.
type orgLimitRow struct {
	entry *admin.RateLimit
	limit admin.RateLimitValue
	first bool
}

// orgLimitColumns are the table columns of the organization's limits:
// nothing in them is ever cut, since a cut limit or model name misleads.
var orgLimitColumns = []output.Column[orgLimitRow]{
	{Header: "group", Fit: output.FitKeep, Text: func(r orgLimitRow) string {
		if !r.first {
			return ""
		}
		return groupName(r.entry.Group)
	}},
	{Header: "limiter", Fit: output.FitKeep, Text: func(r orgLimitRow) string { return string(r.limit.Type) }},
	{Header: "value", Fit: output.FitKeep, Right: true, Text: func(r orgLimitRow) string { return strconv.FormatInt(r.limit.Value, 10) }},
	{Header: "models", Fit: output.FitKeep, Text: func(r orgLimitRow) string {
		if !r.first {
			return ""
		}
		return orDash(strings.Join(r.entry.Models, ", "))
	}},
}

func rateLimitRaw(r admin.RateLimit) json.RawMessage { return r.RawJSON() }

// limitRow is one limiter of a workspace's entry: tables show a row each.
type limitRow struct {
	entry *admin.WorkspaceRateLimit
	admin.WorkspaceRateLimitValue
}

func limitRowColumns(withIDs bool) []output.Column[limitRow] {
	cols := []output.Column[limitRow]{
		{Header: "group", Field: "group_display_name", Fit: output.FitKeep, Text: func(r limitRow) string { return groupName(r.entry.Group) }, Value: func(r limitRow) string { return r.entry.Group.DisplayName }},
		{Header: "limiter", Field: "limit_type", Fit: output.FitKeep, Text: func(r limitRow) string { return string(r.Type) }},
		{Header: "value", Fit: output.FitKeep, Right: true, Text: func(r limitRow) string { return strconv.FormatInt(r.Value, 10) }},
		{Header: "org limit", Fit: output.FitKeep, Right: true, Text: func(r limitRow) string {
			if r.OrgLimit == nil {
				return "-"
			}
			return strconv.FormatInt(*r.OrgLimit, 10)
		}, Value: func(r limitRow) string {
			if r.OrgLimit == nil {
				return ""
			}
			return strconv.FormatInt(*r.OrgLimit, 10)
		}},
		{Header: "source", Field: "source_type", Fit: output.FitKeep, Text: func(r limitRow) string { return string(r.Source.Type) }},
	}
	if withIDs {
		cols = append(cols,
			output.Column[limitRow]{Header: "rate limit id", Fit: output.FitID, Text: func(r limitRow) string { return r.entry.RateLimitID }},
			output.Column[limitRow]{Header: "group type", Text: func(r limitRow) string { return string(r.entry.Group.Type) }},
			output.Column[limitRow]{Header: "workspace id", Fit: output.FitID, Text: func(r limitRow) string { return r.entry.WorkspaceID }})
	}
	return cols
}

// printWorkspaceLimits shows a workspace's entries: JSON formats as the API
// sent them (one object when single), tables and CSV a row per limiter.
func printWorkspaceLimits(a *app, cmd *cobra.Command, entries []admin.WorkspaceRateLimit, single bool) error {
	format, err := a.format(cmd)
	if err != nil {
		return err
	}
	raw := func(w admin.WorkspaceRateLimit) json.RawMessage { return w.RawJSON() }
	switch {
	case format != output.Table && format != output.CSV && single:
		return printOne(a, cmd, entries[0], raw, nil)
	case format != output.Table && format != output.CSV:
		return printList(a, cmd, entries, raw, nil)
	}
	var rows []limitRow
	for i := range entries {
		for _, l := range entries[i].Limits {
			rows = append(rows, limitRow{entry: &entries[i], WorkspaceRateLimitValue: l})
		}
	}
	return printList(a, cmd, rows, nil, limitRowColumns(format == output.CSV))
}

func (a *app) rateLimitsCommand() *cobra.Command {
	rl := &cobra.Command{
		Use:     "rate-limits",
		Aliases: []string{"rate-limit", "limits"},
		Short:   "The organization's rate limits and workspaces' overrides",
	}

	var workspace, groupType, model string
	var inherited bool
	list := &cobra.Command{
		Use:   "list",
		Short: "List the organization's rate limits, or a workspace's overrides",
		Example: "  anthropic-admin rate-limits list --group-type model_group\n" +
			"  anthropic-admin rate-limits list --workspace Production --include-inherited",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if groupType != "" {
				var err error
				if groupType, err = rateLimitGroupTypes.parse(cmd, "group-type", groupType); err != nil {
					return err
				}
			}
			if inherited && workspace == "" {
				return usageErr(cmd, "--include-inherited needs --workspace")
			}
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			if workspace == "" {
				params := admin.RateLimitListParams{GroupType: admin.RateLimitGroupType(groupType), Model: model}
				items, err := collect(a, ctx, c.RateLimits.List(params), "rate limits")
				if err != nil {
					return err
				}
				format, err := a.format(cmd)
				if err != nil {
					return err
				}
				if format != output.Table {
					return printList(a, cmd, items, rateLimitRaw, rateLimitCSV)
				}
				var rows []orgLimitRow
				for i := range items {
					for j, l := range items[i].Limits {
						rows = append(rows, orgLimitRow{entry: &items[i], limit: l, first: j == 0})
					}
				}
				return printList(a, cmd, rows, nil, orgLimitColumns)
			}
			_, id, err := a.workspaceArg(cmd, workspace)
			if err != nil {
				return err
			}
			params := admin.WorkspaceRateLimitListParams{GroupType: admin.RateLimitGroupType(groupType), IncludeInherited: inherited}
			entries, err := collect(a, ctx, c.Workspaces.RateLimits.List(id, params), "rate limits")
			if err != nil {
				return err
			}
			// The workspace list has no model filter: apply it here.
			if model != "" {
				entries = slices.DeleteFunc(entries, func(w admin.WorkspaceRateLimit) bool { return !slices.Contains(w.Models, model) })
			}
			return printWorkspaceLimits(a, cmd, entries, false)
		},
	}
	list.Flags().StringVar(&workspace, "workspace", "", "show this workspace's overrides instead (ID or name)")
	list.Flags().StringVar(&groupType, "group-type", "", "only this kind of group: "+rateLimitGroupTypes.known())
	list.Flags().StringVar(&model, "model", "", "only the group covering this model name or alias")
	list.Flags().BoolVar(&inherited, "include-inherited", false, "with --workspace, also show the organization's values it inherits")

	var setAt, clearAt limitTarget
	var limits []string
	set := &cobra.Command{
		Use:   "set --workspace W --rate-limit RL --limit TYPE=VALUE...",
		Short: "Override a workspace's limits for one rate-limit group",
		Long: `set gives a workspace its own limits for one rate-limit group. A workspace
limit applies alongside the organization's, not in place of it: a request must
pass both, so a workspace limit makes the workspace stricter and can never lift
it above the organization's limit. The API accepts a value above the
organization's (it has no effect while the organization's limit is lower);
set says so on stderr when it sees one. RL is the entry's ID, its group's
display name ("Claude Sonnet 4.x"), its group type ("batch"), or a model it
covers ("claude-sonnet-4-6").`,
		Example: "  anthropic-admin rate-limits set --workspace Staging --rate-limit claude-sonnet-4-6 --limit requests_per_minute=100\n" +
			"  anthropic-admin rate-limits set --workspace Staging --rate-limit batch --limit requests_per_minute=50 --dry-run",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var updates []admin.RateLimitUpdate
			for _, l := range limits {
				typ, val, ok := strings.Cut(l, "=")
				n, err := strconv.ParseInt(strings.TrimSpace(val), 10, 64)
				if !ok || err != nil || n < 0 {
					return usageErr(cmd, "--limit %q: want TYPE=VALUE with a whole number of at least 0, like requests_per_minute=100", l)
				}
				updates = append(updates, admin.RateLimitUpdate{Type: admin.RateLimiterType(strings.TrimSpace(typ)), Value: admin.Set(n)})
			}
			return a.changeWorkspaceLimits(cmd, "set", setAt, "--limit", updates)
		},
	}
	setAt.register(set)
	set.Flags().StringArrayVar(&limits, "limit", nil, "a limit as TYPE=VALUE, e.g. requests_per_minute=100 (repeatable)")

	var limiters []string
	clearCmd := &cobra.Command{
		Use:     "clear --workspace W --rate-limit RL --limiter TYPE...",
		Short:   "Drop a workspace's overrides so the organization's limits apply again",
		Example: "  anthropic-admin rate-limits clear --workspace Staging --rate-limit claude-sonnet-4-6 --limiter requests_per_minute",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var updates []admin.RateLimitUpdate
			for _, l := range limiters {
				updates = append(updates, admin.RateLimitUpdate{Type: admin.RateLimiterType(strings.TrimSpace(l)), Value: admin.Clear[int64]()})
			}
			return a.changeWorkspaceLimits(cmd, "cleared", clearAt, "--limiter", updates)
		},
	}
	clearAt.register(clearCmd)
	clearCmd.Flags().StringSliceVar(&limiters, "limiter", nil, "the limiter to clear, e.g. requests_per_minute (repeatable)")

	rl.AddCommand(lists(list), set, clearCmd)
	return rl
}

// limitTarget is where set and clear act: a workspace and one of the
// organization's rate-limit entries.
type limitTarget struct{ workspace, rateLimit string }

func (t *limitTarget) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&t.workspace, "workspace", "", "the workspace (ID or name)")
	cmd.Flags().StringVar(&t.rateLimit, "rate-limit", "", "the rate-limit entry (ID, group name, group type or model)")
}

// changeWorkspaceLimits checks and sends one set or clear, then shows the
// workspace's entry as it now stands.
func (a *app) changeWorkspaceLimits(cmd *cobra.Command, done string, at limitTarget, limitFlag string, updates []admin.RateLimitUpdate) error {
	switch {
	case at.workspace == "":
		return usageErr(cmd, "--workspace is required")
	case at.rateLimit == "":
		return usageErr(cmd, "--rate-limit is required")
	case len(updates) == 0:
		return usageErr(cmd, "%s is required", limitFlag)
	}
	seen := map[admin.RateLimiterType]bool{}
	for i, u := range updates {
		typ, err := limiterTypes.parse(cmd, strings.TrimPrefix(limitFlag, "--"), string(u.Type))
		if err != nil {
			return err
		}
		updates[i].Type = admin.RateLimiterType(typ)
		if seen[updates[i].Type] {
			return usageErr(cmd, "%s names %s twice", limitFlag, typ)
		}
		seen[updates[i].Type] = true
	}
	ctx := cmd.Context()
	c, err := a.clientFor(ctx)
	if err != nil {
		return err
	}
	_, wsID, err := a.workspaceArg(cmd, at.workspace)
	if err != nil {
		return err
	}
	entry, err := rateLimitArg(ctx, c, at.rateLimit)
	if err != nil {
		return err
	}
	a.noteAboveOrg(entry, updates)
	got, err := c.Workspaces.RateLimits.Update(ctx, admin.WorkspaceRateLimitRef{WorkspaceID: wsID, RateLimitID: entry.ID}, admin.WorkspaceRateLimitUpdateParams{Limits: updates})
	if err != nil || a.flags.dryRun {
		return err
	}
	fmt.Fprint(a.env.Stderr, output.Safef("%s %s of %s in workspace %s\n", done,
		count(len(updates), "limit"), groupName(entry.Group), a.names.workspace(ctx, wsID)))
	if len(got.Limits) == 0 {
		return nil // no overrides left: nothing to show
	}
	return printWorkspaceLimits(a, cmd, []admin.WorkspaceRateLimit{*got}, true)
}

// rateLimitArg finds the organization's entry named by arg: its ID, its
// group's ID or display name, its group type, or a model it covers. One list
// call; the first kind of name that matches decides.
func rateLimitArg(ctx context.Context, c *admin.Client, arg string) (admin.RateLimit, error) {
	all, err := c.RateLimits.List(admin.RateLimitListParams{}).Collect(ctx)
	if err != nil {
		return admin.RateLimit{}, err
	}
	matchers := []func(admin.RateLimit) bool{
		func(r admin.RateLimit) bool { return r.ID == arg || (r.Group.ID != "" && r.Group.ID == arg) },
		func(r admin.RateLimit) bool { return strings.EqualFold(r.Group.DisplayName, arg) },
		func(r admin.RateLimit) bool { return string(r.Group.Type) == arg },
		func(r admin.RateLimit) bool { return slices.Contains(r.Models, arg) },
	}
	for _, match := range matchers {
		var found []admin.RateLimit
		for _, r := range all {
			if match(r) {
				found = append(found, r)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0], nil
		}
		names := make([]string, len(found))
		for i, r := range found {
			names[i] = groupName(r.Group)
		}
		return admin.RateLimit{}, &exitError{code: ExitUsage, err: fmt.Errorf("%q matches %d rate limits (%s): name one by its group or ID", arg, len(found), strings.Join(names, ", "))}
	}
	return admin.RateLimit{}, &exitError{code: ExitNotFound, err: fmt.Errorf("no rate limit matches %q (see 'anthropic-admin rate-limits list')", arg)}
}

// noteAboveOrg says which new values exceed the organization's limit. The
// spec (admin-api.md, WorkspaceRateLimitUpdateValueParam) says a workspace
// limit "applies alongside the organization's limit, not in place of it" and
// documents no error for a higher value, so the API takes it and so does
// this tool: such a value only starts to bind if the organization's limit is
// raised past it. It is still worth a word, since it does nothing today.
func (a *app) noteAboveOrg(entry admin.RateLimit, updates []admin.RateLimitUpdate) {
	for _, u := range updates {
		i := slices.IndexFunc(entry.Limits, func(l admin.RateLimitValue) bool { return l.Type == u.Type })
		if v, ok := u.Value.Get(); ok && i >= 0 && v > entry.Limits[i].Value {
			fmt.Fprint(a.env.Stderr, output.Safef("note: %s=%d is above the organization's limit of %d for %s, which still applies\n",
				u.Type, v, entry.Limits[i].Value, groupName(entry.Group)))
		}
	}
}
