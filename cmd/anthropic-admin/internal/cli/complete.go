package cli

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// This file wires shell completion, all in one table: flag values from the
// lists the commands check against (known.go, the report dimensions, the
// output formats), and names that live in the organization (workspaces,
// members, invites, API keys, rate limits) from the API itself, or from the
// demo organization under --fake. Without a credential, or when the API
// fails, completion offers nothing and says so to the shell
// (ShellCompDirectiveError) rather than printing an error mid-line.

// registerCompletions attaches every completion to the command tree. A path
// or flag that does not exist panics, so any test that runs the CLI finds
// a completion left behind by a rename.
func (a *app) registerCompletions(root *cobra.Command) {
	find := func(path string) *cobra.Command {
		cmd, rest, err := root.Find(strings.Fields(path))
		if err != nil || len(rest) > 0 || (path != "" && cmd == root) {
			panic(fmt.Sprintf("completion for unknown command %q", path))
		}
		return cmd
	}
	flag := func(paths, name string, fn cobra.CompletionFunc) {
		for path := range strings.SplitSeq(paths, "|") {
			if err := find(path).RegisterFlagCompletionFunc(name, fn); err != nil {
				panic(fmt.Sprintf("completion for %s --%s: %v", path, name, err))
			}
		}
	}
	args := func(path string, fn cobra.CompletionFunc) { find(path).ValidArgsFunction = fn }

	flag("", "output", func(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		all := slices.Clone(output.Formats)
		if cmd.Name() == "cost" {
			all = append(all, formatFOCUS)
		}
		return offer(all, toComplete)
	})
	flag("users list|invites list", "role", completeFrom(orgRoles.shown()...))
	flag("users update|invites create", "role", completeFrom(assignableOrgRoles.shown()...))
	flag("workspaces members add", "role", completeFrom(addableWorkspaceRoles.shown()...))
	flag("workspaces members update", "role", completeFrom(workspaceRoles.shown()...))
	flag("invites list", "status", list(inviteStatuses.shown()...))
	flag("api-keys list|api-keys deactivate|api-keys activate", "status", completeFrom(apiKeyStatuses.shown()...))
	flag("api-keys update", "status", completeFrom(settableKeyStatuses.shown()...))
	flag("workspaces create|workspaces update", "default-geo", completeFrom(inferenceGeos.shown()...))
	flag("workspaces create|workspaces update", "allowed-geos", func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if !strings.Contains(toComplete, ",") {
			return offer(append([]string{"unrestricted"}, inferenceGeos.shown()...), toComplete)
		}
		return list(inferenceGeos.shown()...)(nil, nil, toComplete)
	})
	flag("rate-limits list", "group-type", completeFrom(rateLimitGroupTypes.shown()...))
	flag("rate-limits clear", "limiter", list(limiterTypes.shown()...))
	flag("rate-limits set", "limit", func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var typed []string
		for _, t := range limiterTypes.shown() {
			typed = append(typed, t+"=")
		}
		out, _ := offer(typed, toComplete)
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
	flag("spend-limits list", "scope-type", list(spendLimitScopeTypes.shown()...))
	flag("spend-limits set|spend-limits delete|spend-limits requests approve", "period", completeFrom(spendLimitPeriods.shown()...))
	flag("spend-limits effective", "period", list(spendLimitPeriods.shown()...))
	flag("spend-limits requests list", "status", list(increaseStatuses.shown()...))
	flag("usage messages", "by", list(append(mapStrings(usageDims, func(d usageDim) string { return d.flag }), "none")...))
	flag("cost", "by", completeFrom(mapStrings(costDims, func(d costDim) string { return d.flag })...))
	flag("usage messages", "bucket", completeFrom(bucketWidths...))
	flag("usage messages", "tier", completeFrom(serviceTiers.shown()...))
	flag("cost", "tier", completeFrom(costServiceTiers.shown()...))
	flag("fake-server", "seed", completeFrom(slices.Sorted(func(yield func(string) bool) {
		for k := range fakeSeeds {
			if !yield(k) {
				return
			}
		}
	})...))

	workspaces := a.dynamic(workspaceNames)
	members := a.dynamic(memberEmails)
	flag("api-keys list|api-keys deactivate|api-keys activate|rate-limits list|rate-limits set|rate-limits clear|cost|usage messages|budget", "workspace", workspaces)
	flag("api-keys list|api-keys deactivate|api-keys activate", "created-by", members)
	flag("users list", "email", members)
	flag("spend-limits set|spend-limits delete|spend-limits effective|spend-limits requests list", "user", members)
	flag("spend-limits list|spend-limits set|spend-limits delete", "workspace", workspaces)
	flag("invites list", "email", a.dynamic(inviteEmails))
	flag("usage messages", "api-key", a.dynamic(keysIn("")))
	flag("rate-limits set|rate-limits clear", "rate-limit", a.dynamic(rateLimitNames))

	for _, path := range []string{"workspaces get", "workspaces update", "workspaces members list"} {
		args(path, a.positional(false, workspaceNames))
	}
	args("workspaces archive", a.positional(true, workspaceNames))
	args("workspaces members add", a.positional(false, workspaceNames, a.membersOf(false)))
	for _, path := range []string{"workspaces members get", "workspaces members update"} {
		args(path, a.positional(false, workspaceNames, a.membersOf(true)))
	}
	args("workspaces members remove", a.positional(true, workspaceNames, a.membersOf(true)))
	for _, path := range []string{"users get", "users update"} {
		args(path, a.positional(false, memberEmails))
	}
	for _, path := range []string{"users remove", "users sign-out"} {
		args(path, a.positional(true, memberEmails))
	}
	args("invites get", a.positional(false, inviteEmails))
	args("invites delete", a.positional(true, inviteEmails))
	for _, path := range []string{"api-keys get", "api-keys update"} {
		args(path, a.positional(false, keysIn("")))
	}
	// Each shortcut offers the keys it can change.
	args("api-keys deactivate", a.positional(true, keysIn(admin.APIKeyStatusActive)))
	args("api-keys activate", a.positional(true, keysIn(admin.APIKeyStatusInactive)))
	// A request is named by its ID or the email of the member who asked.
	for _, path := range []string{"spend-limits requests approve", "spend-limits requests deny"} {
		args(path, a.positional(false, pendingRequesters))
	}
	args("api", apiArgs)

	flag("webhooks create|webhooks update", "event", list(webhookEvents.shown()...))
	flag("telemetry create|telemetry update", "content-mode", completeFrom(telemetryContentModes.shown()...))
	flag("telemetry list|telemetry create|telemetry update", "workspace", workspaces)
	flag("telemetry create|telemetry update", "except", workspaces)
	for _, path := range []string{"webhooks get", "webhooks update", "webhooks rotate-secret"} {
		args(path, a.positional(false, webhookNames))
	}
	args("webhooks delete", a.positional(true, webhookNames))
	for _, path := range []string{"telemetry get", "telemetry update", "telemetry test", "telemetry workspaces list"} {
		args(path, a.positional(false, destinationNames))
	}
	args("telemetry delete", a.positional(true, destinationNames))
	for _, path := range []string{"telemetry workspaces add", "telemetry workspaces remove"} {
		args(path, a.positional(true, destinationNames, workspaceNames))
	}
	args("claude-code settings mode", completeFrom(settingsModes.shown()...))
	args("claude-code settings delete", a.positional(true, settingsGroupIDs))
	args("claude-code settings order", a.positional(true, settingsGroupIDs))
	flag("claude-code settings show|claude-code settings set", "group", a.dynamic(settingsGroupIDs))
	// RBAC groups and roles by name, members by email, external keys by
	// display name, the compliance states.
	for _, path := range []string{"rbac groups get", "rbac groups update", "rbac members list"} {
		args(path, a.positional(false, rbacGroupNames))
	}
	args("rbac groups delete", a.positional(true, rbacGroupNames))
	args("rbac members add", a.positional(true, rbacGroupNames, a.groupMembers(false)))
	args("rbac members remove", a.positional(true, rbacGroupNames, a.groupMembers(true)))
	for _, path := range []string{"rbac roles get", "rbac roles permissions"} {
		args(path, a.positional(false, rbacRoleNames))
	}
	for _, path := range []string{"external-keys get", "external-keys update"} {
		args(path, a.positional(false, externalKeyNames))
	}
	for _, path := range []string{"external-keys delete", "external-keys validate"} {
		args(path, a.positional(true, externalKeyNames))
	}
	args("compliance set", completeFrom(complianceStates.shown()...))
	flag("service-accounts create|service-accounts update", "role", completeFrom(serviceAccountRoles.shown()...))
	flag("service-accounts workspaces add|service-accounts workspaces update", "role", completeFrom(saWorkspaceRoles.shown()...))
	flag("service-accounts workspaces list|federation rules create|federation rules update", "workspace", workspaces)
	accounts, issuers, rules := a.accountNames(), a.issuerNames(), a.ruleNames()
	flag("federation rules create|federation rules update", "service-account", a.dynamic(accounts))
	flag("federation rules create|federation rules list", "issuer", a.dynamic(issuers))
	for _, path := range []string{"service-accounts get", "service-accounts update", "service-accounts workspaces list"} {
		args(path, a.positional(false, accounts))
	}
	args("service-accounts archive", a.positional(true, accounts))
	for _, path := range []string{"service-accounts workspaces get", "service-accounts workspaces add", "service-accounts workspaces update"} {
		args(path, a.positional(false, accounts, workspaceNames))
	}
	args("service-accounts workspaces remove", a.positional(true, accounts, workspaceNames))
	for _, path := range []string{"federation issuers get", "federation issuers update"} {
		args(path, a.positional(false, issuers))
	}
	args("federation issuers archive", a.positional(true, issuers))
	for _, path := range []string{"federation rules get", "federation rules update", "federation rules workspaces list"} {
		args(path, a.positional(false, rules))
	}
	args("federation rules archive", a.positional(true, rules))
	for _, path := range []string{"federation rules workspaces add", "federation rules workspaces remove"} {
		args(path, a.positional(true, rules, workspaceNames))
	}
	// The workflows.
	args("offboard", a.positional(true, memberEmails))
	args("access", a.positional(false, memberEmails))
	flag("offboard", "keys", completeFrom("deactivate", "archive", "keep"))
	flag("audit", "fail-on", completeFrom("high", "medium", "low"))
	flag("invites delete", "status", list("pending", "expired"))
}

// webhookNames offers the webhook endpoints by name (by ID when unnamed).
func webhookNames(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
	var out []cobra.Completion
	for w, err := range c.Webhooks.List(admin.WebhookListParams{Cursor: admin.Cursor{Limit: 100}}).All(cmd.Context()) {
		if err != nil {
			return nil, err
		}
		out = append(out, cobra.CompletionWithDesc(cmp.Or(w.Name, w.ID), w.URL))
	}
	return out, nil
}

// destinationNames offers the telemetry destinations by display name.
func destinationNames(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
	var out []cobra.Completion
	for d, err := range c.TelemetryDestinations.List(admin.TelemetryListParams{PageCursor: admin.PageCursor{Limit: 1000}}).All(cmd.Context()) {
		if err != nil {
			return nil, err
		}
		out = append(out, cobra.CompletionWithDesc(d.DisplayName, d.ID))
	}
	return out, nil
}

// settingsGroupIDs offers the RBAC groups that have managed settings, by
// name where the group still exists.
func settingsGroupIDs(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
	names := groupNamesByID(cmd.Context(), c)
	var out []cobra.Completion
	for g, err := range c.ClaudeCodeSettings.Groups(admin.ManagedSettingsGroupListParams{PageCursor: admin.PageCursor{Limit: 100}}).All(cmd.Context()) {
		if err != nil {
			return nil, err
		}
		out = append(out, cobra.CompletionWithDesc(cmp.Or(names[g.RBACGroupID], g.RBACGroupID), g.RBACGroupID))
	}
	return out, nil
}

// mapStrings is f of each of xs.
func mapStrings[T any](xs []T, f func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// offer is the values that start with what was typed (in any case).
func offer(values []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, v := range values {
		value, _, _ := strings.Cut(v, "\t")
		if strings.HasPrefix(strings.ToLower(value), strings.ToLower(toComplete)) {
			out = append(out, v)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeFrom completes a flag that takes one of values.
func completeFrom(values ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return offer(values, toComplete)
	}
}

// list completes a flag that takes a comma separated list of values: the
// part after the last comma, leaving out the values given before it.
func list(values ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		i := strings.LastIndex(toComplete, ",")
		done, last := toComplete[:i+1], toComplete[i+1:]
		given := strings.Split(done, ",")
		var rest []string
		for _, v := range values {
			if !slices.Contains(given, v) {
				rest = append(rest, done+v)
			}
		}
		return offer(rest, done+last)
	}
}

// nameFunc lists names from the organization; args are the positional
// arguments typed so far.
type nameFunc func(cmd *cobra.Command, c *admin.Client, args []string) ([]cobra.Completion, error)

// dynamic completes from the organization: with no credential or on any
// error it offers nothing, silently.
func (a *app) dynamic(names nameFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		c, err := a.clientFor(cmd.Context())
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		all, err := names(cmd, c, args)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return offer(all, toComplete)
	}
}

// positional completes positional arguments from the organization: the
// i-th with names[i]; with many, every later one with the last, leaving out
// what was already given.
func (a *app) positional(many bool, names ...nameFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		i := len(args)
		if i >= len(names) && !many {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		fn := names[min(i, len(names)-1)]
		out, directive := a.dynamic(fn)(cmd, args, toComplete)
		given := args[min(i, len(names)-1):]
		return slices.DeleteFunc(out, func(v cobra.Completion) bool {
			value, _, _ := strings.Cut(v, "\t")
			return slices.Contains(given, value)
		}), directive
	}
}

// workspaceNames are the active workspaces, by name.
func workspaceNames(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
	var out []cobra.Completion
	for w, err := range c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1000}}).All(cmd.Context()) {
		if err != nil {
			return nil, err
		}
		out = append(out, cobra.CompletionWithDesc(w.Name, w.ID))
	}
	return out, nil
}

// pendingRequesters are the members with a pending spend limit increase
// request, by email.
func pendingRequesters(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
	var out []cobra.Completion
	params := admin.SpendLimitIncreaseListParams{Statuses: []admin.SpendLimitIncreaseStatus{admin.SpendLimitIncreasePending}}
	for r, err := range c.SpendLimits.IncreaseRequests.List(params).All(cmd.Context()) {
		if err != nil {
			return nil, err
		}
		if r.Actor.EmailAddress != "" {
			out = append(out, cobra.CompletionWithDesc(r.Actor.EmailAddress, r.ID))
		}
	}
	return out, nil
}

// memberEmails are the organization's members, by email.
func memberEmails(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
	var out []cobra.Completion
	for u, err := range c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1000}}).All(cmd.Context()) {
		if err != nil {
			return nil, err
		}
		out = append(out, cobra.CompletionWithDesc(u.Email, u.Name+", "+string(u.Role)))
	}
	return out, nil
}

// membersOf lists the organization's members who are in the workspace of
// the first argument (in), or who are not (to add them).
func (a *app) membersOf(in bool) nameFunc {
	return func(cmd *cobra.Command, c *admin.Client, args []string) ([]cobra.Completion, error) {
		_, ws, err := a.workspaceArg(cmd, args[0])
		if err != nil {
			return nil, err
		}
		member := map[string]bool{}
		for m, err := range c.Workspaces.Members.List(ws, admin.WorkspaceMemberListParams{Cursor: admin.Cursor{Limit: 1000}}).All(cmd.Context()) {
			if err != nil {
				return nil, err
			}
			member[m.UserID] = true
		}
		var out []cobra.Completion
		for u, err := range c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1000}}).All(cmd.Context()) {
			if err != nil {
				return nil, err
			}
			if member[u.ID] == in {
				out = append(out, cobra.CompletionWithDesc(u.Email, u.Name))
			}
		}
		return out, nil
	}
}

// inviteEmails are the addresses invites went to, each once.
func inviteEmails(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
	var out []cobra.Completion
	seen := map[string]bool{}
	for inv, err := range c.Invites.List(admin.InviteListParams{Cursor: admin.Cursor{Limit: 1000}}).All(cmd.Context()) {
		if err != nil {
			return nil, err
		}
		if !seen[inv.Email] {
			seen[inv.Email] = true
			out = append(out, cobra.CompletionWithDesc(inv.Email, string(inv.Status)))
		}
	}
	return out, nil
}

// keysIn are the API keys in status (any when empty), by name.
func keysIn(status admin.APIKeyStatus) nameFunc {
	return func(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
		var out []cobra.Completion
		for k, err := range c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 1000}, Status: status}).All(cmd.Context()) {
			if err != nil {
				return nil, err
			}
			out = append(out, cobra.CompletionWithDesc(k.Name, string(k.Status)))
		}
		return out, nil
	}
}

// rateLimitNames are the organization's rate-limit entries by the names set
// and clear take: group display names and group types, each once.
func rateLimitNames(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
	all, err := c.RateLimits.List(admin.RateLimitListParams{}).Collect(cmd.Context())
	if err != nil {
		return nil, err
	}
	var out []cobra.Completion
	for _, r := range all {
		name := cobra.Completion(r.Group.Type)
		if r.Group.DisplayName != "" {
			name = cobra.CompletionWithDesc(r.Group.DisplayName, name)
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out, nil
}

// apiMethods are the methods api sends.
var apiMethods = []string{http.MethodGet, http.MethodPost, http.MethodDelete, http.MethodPut, http.MethodPatch}

// apiArgs completes api METHOD PATH: the methods, then the paths of that
// method's endpoints (from the endpoint registry, admin.Endpoints), relative
// to /v1/organizations/.
func apiArgs(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	switch len(args) {
	case 0:
		return offer(apiMethods, toComplete)
	case 1:
		var paths []string
		for _, ep := range admin.Endpoints() {
			if strings.EqualFold(ep.Method, args[0]) {
				paths = append(paths, strings.TrimPrefix(ep.Path, "/v1/organizations/"))
			}
		}
		slices.Sort(paths)
		return offer(paths, toComplete)
	}
	return nil, cobra.ShellCompDirectiveNoFileComp
}
