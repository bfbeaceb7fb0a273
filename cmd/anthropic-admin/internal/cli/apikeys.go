package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// apiKeyColumns are the columns of a key listing. withIDs adds the raw
// workspace and creator IDs beside their names, for CSV and for get.
func (a *app) apiKeyColumns(ctx context.Context, withIDs bool) []output.Column[admin.APIKey] {
	cols := []output.Column[admin.APIKey]{
		{Header: "id", Fit: output.FitID, Text: func(k admin.APIKey) string { return k.ID }},
		{Header: "name", Fit: output.FitName, Text: func(k admin.APIKey) string { return k.Name }},
		{Header: "key hint", Field: "partial_key_hint", Fit: output.FitSpare, Text: func(k admin.APIKey) string { return orDash(k.PartialKeyHint) }, Value: func(k admin.APIKey) string { return k.PartialKeyHint }},
		{Header: "status", Fit: output.FitKeep, Text: func(k admin.APIKey) string { return string(k.Status) }},
		{Header: "workspace", Field: "workspace_name", Text: func(k admin.APIKey) string { return a.keyWorkspace(ctx, k) }},
		{Header: "created by", Field: "created_by_email", Fit: output.FitDetail, Text: func(k admin.APIKey) string { return a.names.user(ctx, creatorID(k)) }},
		{Header: "created", Field: "created_at", Fit: output.FitKeep, Text: func(k admin.APIKey) string { return a.when(k.CreatedAt) }, Value: func(k admin.APIKey) string { return rfc3339(k.CreatedAt) }},
		{Header: "expires", Field: "expires_at", Fit: output.FitKeep, Text: func(k admin.APIKey) string { return a.whenPtr(k.ExpiresAt, "never") }, Value: func(k admin.APIKey) string { return rfc3339Ptr(k.ExpiresAt) }},
	}
	if withIDs {
		cols = append(cols,
			output.Column[admin.APIKey]{Header: "workspace id", Fit: output.FitID, Text: func(k admin.APIKey) string { return k.WorkspaceID() }},
			output.Column[admin.APIKey]{Header: "created by id", Fit: output.FitID, Text: creatorID})
	}
	return cols
}

func apiKeyRaw(k admin.APIKey) json.RawMessage { return k.RawJSON() }

func creatorID(k admin.APIKey) string {
	if k.CreatedBy == nil {
		return ""
	}
	return k.CreatedBy.ID
}

// keyWorkspace names where a key belongs: its workspace's name, or the
// whole organization.
func (a *app) keyWorkspace(ctx context.Context, k admin.APIKey) string {
	switch {
	case k.Scope.Type == admin.APIKeyScopeOrganization:
		return "(organization)"
	case k.WorkspaceID() == "":
		return "-"
	}
	return a.names.workspace(ctx, k.WorkspaceID())
}

// keyFilter is the list filters, shared by list and the bulk shortcuts.
type keyFilter struct {
	status, workspace, createdBy, name string
}

func (f *keyFilter) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.status, "status", "", "only keys in this status: "+apiKeyStatuses.known())
	cmd.Flags().StringVar(&f.workspace, "workspace", "", "only keys of this workspace (ID or name)")
	cmd.Flags().StringVar(&f.createdBy, "created-by", "", "only keys created by this member (ID or email)")
	cmd.Flags().StringVar(&f.name, "name", "", "only keys whose name contains this text (any case)")
}

func (f keyFilter) empty() bool { return f == keyFilter{} }

// listKeys lists the keys that pass the filter. The API has no name filter,
// so that one is applied here.
func (a *app) listKeys(cmd *cobra.Command, f keyFilter) (*admin.Client, []admin.APIKey, error) {
	var status string
	if f.status != "" {
		var err error
		if status, err = apiKeyStatuses.parse(cmd, "status", f.status); err != nil {
			return nil, nil, err
		}
	}
	ctx := cmd.Context()
	c, err := a.clientFor(ctx)
	if err != nil {
		return nil, nil, err
	}
	params := admin.APIKeyListParams{Cursor: admin.Cursor{Limit: pageSize(a.flags.maxItems)}, Status: admin.APIKeyStatus(status)}
	if f.workspace != "" {
		if _, params.WorkspaceID, err = a.workspaceArg(cmd, f.workspace); err != nil {
			return nil, nil, err
		}
	}
	if f.createdBy != "" {
		if _, params.CreatedByUserID, err = a.userArg(cmd, f.createdBy); err != nil {
			return nil, nil, err
		}
	}
	// Every filter is checked here as well: a server or proxy that drops
	// one must not widen what --all-matching changes.
	selected := func(k admin.APIKey) bool {
		return (params.Status == "" || k.Status == params.Status) &&
			(params.WorkspaceID == "" || k.WorkspaceID() == params.WorkspaceID) &&
			(params.CreatedByUserID == "" || (k.CreatedBy != nil && k.CreatedBy.ID == params.CreatedByUserID)) &&
			strings.Contains(strings.ToLower(k.Name), strings.ToLower(f.name))
	}
	if f.name == "" {
		keys, err := collect(a, ctx, c.APIKeys.List(params), "API keys")
		return c, slices.DeleteFunc(keys, func(k admin.APIKey) bool { return !selected(k) }), err
	}
	// Filtered here, so pages stay full size and reading stops once
	// --max-items keys have passed.
	params.Limit = 100
	var keys []admin.APIKey
	for k, err := range c.APIKeys.List(params).All(ctx) {
		if err != nil {
			return nil, nil, err
		}
		if selected(k) {
			keys = append(keys, k)
			if len(keys) == a.flags.maxItems {
				break
			}
		}
	}
	return c, keys, nil
}

func (a *app) apiKeysCommand() *cobra.Command {
	keys := &cobra.Command{
		Use:     "api-keys",
		Aliases: []string{"api-key", "keys"},
		Short:   "The organization's API keys (made in the Console; listed, renamed and switched off here)",
	}

	var filter keyFilter
	list := &cobra.Command{
		Use:   "list",
		Short: "List API keys",
		Example: "  anthropic-admin api-keys list --workspace Production --status active\n" +
			"  anthropic-admin api-keys list --created-by fatima.zahra@acme-robotics.example --name prod -o csv",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := a.format(cmd)
			if err != nil {
				return err
			}
			_, items, err := a.listKeys(cmd, filter)
			if err != nil {
				return err
			}
			return printList(a, cmd, items, apiKeyRaw, a.apiKeyColumns(cmd.Context(), format == output.CSV))
		},
	}
	filter.register(list)

	get := &cobra.Command{
		Use:     "get KEY",
		Short:   "Show an API key (by ID or by name)",
		Example: "  anthropic-admin api-keys get prod-api-gateway\n  anthropic-admin api-keys get apikey_01jEpTLJ49hvJwKK8IFDjn5e -o json",
		Args:    exactArgs("KEY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, targets, err := a.keyArgs(cmd.Context(), args)
			if err != nil {
				return err
			}
			k, err := c.APIKeys.Get(cmd.Context(), targets[0].id)
			if err != nil {
				return err
			}
			return printOne(a, cmd, *k, apiKeyRaw, a.apiKeyColumns(cmd.Context(), true))
		},
	}

	var newName, newStatus string
	update := &cobra.Command{
		Use:   "update KEY [--name NAME] [--status STATUS]",
		Short: "Rename an API key or change its status (archiving asks first)",
		Example: "  anthropic-admin api-keys update apikey_01gWzYcDcjpHS9IAAX8CT8aN --name staging-ci-runner\n" +
			"  anthropic-admin api-keys update staging-ci --status archived",
		Args: exactArgs("KEY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if newName == "" && newStatus == "" {
				return usageErr(cmd, "give --name, --status or both")
			}
			var status string
			if newStatus != "" {
				var err error
				if status, err = settableKeyStatuses.parse(cmd, "status", newStatus); err != nil {
					return err
				}
			}
			c, targets, err := a.keyArgs(cmd.Context(), args)
			if err != nil {
				return err
			}
			// Archiving cannot be undone.
			if admin.APIKeyStatus(status) == admin.APIKeyStatusArchived {
				if err := a.confirm(cmd, "archive API key "+targets[0].label+" (this cannot be undone)"); err != nil {
					return err
				}
			}
			var params admin.APIKeyUpdateParams
			if newName != "" {
				params.Name = admin.Set(newName)
			}
			if status != "" {
				params.Status = admin.Set(admin.APIKeyStatus(status))
			}
			k, err := c.APIKeys.Update(cmd.Context(), targets[0].id, params)
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *k, apiKeyRaw, a.apiKeyColumns(cmd.Context(), true))
		},
	}
	update.Flags().StringVar(&newName, "name", "", "new name")
	update.Flags().StringVar(&newStatus, "status", "", "new status: "+settableKeyStatuses.known())

	deactivate := a.setKeyStatus(admin.APIKeyStatusInactive, change{noun: "API key", verb: "deactivate", done: "deactivated", ask: true})
	deactivate.Short = "Switch API keys off (they can be switched on again)"
	deactivate.Example = "  anthropic-admin api-keys deactivate staging-tmp-debug\n  anthropic-admin api-keys deactivate --workspace Staging --all-matching"
	activate := a.setKeyStatus(admin.APIKeyStatusActive, change{noun: "API key", verb: "activate", done: "activated"})
	activate.Short = "Switch inactive API keys back on"
	activate.Example = "  anthropic-admin api-keys activate prod-legacy-gateway\n  anthropic-admin api-keys activate --workspace Staging --status inactive --all-matching"

	keys.AddCommand(lists(list), get, update, lists(deactivate), lists(activate))
	keys.AddCommand(a.apiKeysFindCommand())
	return keys
}

// setKeyStatus makes a shortcut that moves keys to status: the keys named,
// or with --all-matching every key the list filters select.
func (a *app) setKeyStatus(status admin.APIKeyStatus, ch change) *cobra.Command {
	var filter keyFilter
	var all bool
	cmd := &cobra.Command{
		Use:  ch.verb + " [KEY...] [--all-matching FILTERS]",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case all && len(args) > 0:
				return usageErr(cmd, "give keys or --all-matching, not both")
			case all && filter.empty():
				return usageErr(cmd, "--all-matching needs a filter (--status, --workspace, --created-by or --name); --status %s selects every %s key", statusBefore(status), statusBefore(status))
			case !all && len(args) == 0:
				return usageErr(cmd, "name the keys to %s, or select them with filters and --all-matching", ch.verb)
			case !all && !filter.empty():
				return usageErr(cmd, "filters select keys only with --all-matching")
			}
			run := ch
			var c *admin.Client
			var targets []target
			var err error
			if all {
				run.ask = true // every bulk change asks
				c, targets, err = a.matchingKeys(cmd, filter, status, ch)
			} else {
				c, targets, err = a.keyArgs(cmd.Context(), args)
			}
			if err != nil || len(targets) == 0 {
				return err
			}
			return a.applyAll(cmd, run, targets, func(ctx context.Context, id string) error {
				_, err := c.APIKeys.Update(ctx, id, admin.APIKeyUpdateParams{Status: admin.Set(status)})
				return err
			})
		},
	}
	filter.register(cmd)
	cmd.Flags().BoolVar(&all, "all-matching", false, "act on every key the filters select (lists them and asks first)")
	return cmd
}

// statusBefore is the status keys usually have before moving to status.
func statusBefore(status admin.APIKeyStatus) admin.APIKeyStatus {
	if status == admin.APIKeyStatusActive {
		return admin.APIKeyStatusInactive
	}
	return admin.APIKeyStatusActive
}

// matchingKeys lists the keys the filter selects, leaves out those that
// need no change or cannot change, and shows the rest on stderr before the
// question is asked.
func (a *app) matchingKeys(cmd *cobra.Command, f keyFilter, status admin.APIKeyStatus, ch change) (*admin.Client, []target, error) {
	c, keys, err := a.listKeys(cmd, f)
	if err != nil {
		return nil, nil, err
	}
	ctx := cmd.Context()
	// Keys in an archived workspace cannot change either.
	archived := map[string]bool{}
	for w, err := range c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 100}, IncludeArchived: true}).All(ctx) {
		if err != nil {
			return nil, nil, err
		}
		archived[w.ID] = w.Archived()
	}
	var targets []target
	var lines []string
	for _, k := range keys {
		// Archived and expired keys cannot change, and no key needs to move
		// to the status it has.
		if k.Status == status || k.Status == admin.APIKeyStatusArchived || k.Status == admin.APIKeyStatusExpired || archived[k.WorkspaceID()] {
			continue
		}
		targets = append(targets, target{id: k.ID, label: k.Name})
		lines = append(lines, output.Safef("  %s  %s  (%s, %s)", k.ID, k.Name, a.keyWorkspace(ctx, k), k.Status))
	}
	if skipped := len(keys) - len(targets); skipped > 0 {
		fmt.Fprint(a.env.Stderr, output.Safef("%s match; %d already %s, archived, expired or in an archived workspace are left alone\n", count(len(keys), ch.noun), skipped, status))
	}
	if len(targets) == 0 {
		fmt.Fprint(a.env.Stderr, output.Safef("no %ss to %s\n", ch.noun, ch.verb))
		return c, nil, nil
	}
	fmt.Fprint(a.env.Stderr, output.Safef("%s to %s:\n", count(len(targets), ch.noun), ch.verb)+strings.Join(lines, "\n")+"\n")
	return c, targets, nil
}

// keyArgs resolves keys given by ID (apikey_...) or by exact name. Names
// cost one walk of the key list, shared by all of them; a name two keys
// share is refused.
func (a *app) keyArgs(ctx context.Context, args []string) (*admin.Client, []target, error) {
	c, err := a.clientFor(ctx)
	if err != nil {
		return nil, nil, err
	}
	var byName map[string][]admin.APIKey
	targets := make([]target, len(args))
	for i, arg := range args {
		if strings.HasPrefix(arg, "apikey_") {
			targets[i] = target{id: arg, label: arg}
			continue
		}
		if byName == nil {
			all, err := c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 1000}}).Collect(ctx)
			if err != nil {
				return nil, nil, err
			}
			byName = map[string][]admin.APIKey{}
			for _, k := range all {
				byName[k.Name] = append(byName[k.Name], k)
			}
		}
		switch found := byName[arg]; len(found) {
		case 0:
			return nil, nil, &exitError{code: ExitNotFound, err: fmt.Errorf("no API key is named %q", arg)}
		case 1:
			targets[i] = target{id: found[0].ID, label: arg}
		default:
			ids := make([]string, len(found))
			for j, k := range found {
				ids[j] = k.ID
			}
			return nil, nil, &exitError{code: ExitUsage, err: fmt.Errorf("%d API keys are named %q (%s): give an ID instead", len(found), arg, strings.Join(ids, ", "))}
		}
	}
	return c, targets, nil
}
