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

// claudeCodeAdminCommand is the claude-code noun: what an organization
// configures for Claude Code (its managed settings). Claude Code's usage
// report is 'usage claude-code'.
func (a *app) claudeCodeAdminCommand() *cobra.Command {
	cc := &cobra.Command{
		Use:   "claude-code",
		Short: "Claude Code managed settings (the usage report is 'usage claude-code')",
	}
	cc.AddCommand(a.managedSettingsCommand())
	return cc
}

// settingsRow is one RBAC group in the order, for the table of show.
type settingsRow struct {
	admin.ManagedSettingsGroupSummary
	position int
	name     string // the group's name, "" where it cannot be listed
}

func (a *app) managedSettingsCommand() *cobra.Command {
	st := &cobra.Command{
		Use:   "settings",
		Short: "Claude Code managed settings: one document for everyone, or one per RBAC group",
		Long: `settings reads and writes the Claude Code managed settings the organization
serves its members. In mode organization every member gets one document; in
mode rbac_groups each member gets the document of the first RBAC group in the
order that they belong to, and members in none of them get the default
document. A document is a JSON object of Claude Code settings (at most 1 MiB).`,
	}

	var showGroup string
	var showDefault bool
	show := &cobra.Command{
		Use:   "show [--group GROUP | --default]",
		Short: "Show the mode and the groups in order, or one document",
		Example: "  anthropic-admin claude-code settings show\n" +
			"  anthropic-admin claude-code settings show --default\n" +
			"  anthropic-admin claude-code settings show --group 'Platform Engineering' -o json",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if showGroup != "" && showDefault {
				return usageErr(cmd, "give --group or --default, not both")
			}
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			switch {
			case showDefault:
				d, err := c.ClaudeCodeSettings.Default(ctx)
				if err != nil {
					return err
				}
				if d.UpdatedAt == nil {
					fmt.Fprintln(a.env.Stderr, "no default settings are set")
				}
				return a.printDocument(cmd, d.Settings, d.RawJSON())
			case showGroup != "":
				id, err := a.settingsGroupID(cmd, showGroup)
				if err != nil {
					return err
				}
				g, err := c.ClaudeCodeSettings.Group(ctx, id)
				if err != nil {
					return err
				}
				fmt.Fprint(a.env.Stderr, output.Safef("settings of RBAC group %s (%s), updated %s\n", a.groupLabel(ctx, c, g.RBACGroupID), g.RBACGroupStatus.Type, a.when(g.UpdatedAt)))
				return a.printDocument(cmd, g.Settings, g.RawJSON())
			}
			conf, err := c.ClaudeCodeSettings.Configuration(ctx)
			if err != nil {
				return err
			}
			groups, err := collect(a, ctx, c.ClaudeCodeSettings.Groups(admin.ManagedSettingsGroupListParams{PageCursor: admin.PageCursor{Limit: 100}}), "groups")
			if err != nil {
				return err
			}
			format, err := a.format(cmd)
			if err != nil {
				return err
			}
			if format != output.Table {
				return printOne(a, cmd, *conf, configurationRaw, configurationColumns)
			}
			fmt.Fprint(a.env.Stdout, output.Safef("mode: %s (since %s); order version %s\n", conf.Mode.Type, a.whenPtr(conf.ModeUpdatedAt, "the start"), conf.RBACGroupOrderVersion))
			names := groupNamesByID(ctx, c)
			rows := make([]settingsRow, len(groups))
			for i, g := range groups {
				rows[i] = settingsRow{ManagedSettingsGroupSummary: g, position: i + 1, name: names[g.RBACGroupID]}
			}
			return printList(a, cmd, rows, func(r settingsRow) json.RawMessage { return r.RawJSON() }, a.settingsColumns())
		},
	}
	show.Flags().StringVar(&showGroup, "group", "", "show this RBAC group's document (by name or ID)")
	show.Flags().BoolVar(&showDefault, "default", false, "show the default document")

	var setGroup, setJSON, setFile string
	var setDefault, clear bool
	set := &cobra.Command{
		Use:   "set (--group RBAC_GROUP_ID | --default) (--json TEXT | --file FILE | --clear) ",
		Short: "Replace a group's or the default settings document (asks first)",
		Long: `set replaces the whole document of an RBAC group (one new to settings goes last
in the order) or the default document, from --json or --file (- for stdin).
--clear removes the default document; a group's settings are removed with
'claude-code settings delete'.`,
		Example: "  anthropic-admin claude-code settings set --default --json '{\"permissions\":{\"deny\":[\"Bash(curl:*)\"]}}'\n" +
			"  anthropic-admin claude-code settings set --default --clear --dry-run",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if (setGroup != "") == setDefault {
				return usageErr(cmd, "give --group or --default")
			}
			sources := 0
			for _, given := range []bool{setJSON != "", setFile != "", clear} {
				if given {
					sources++
				}
			}
			if sources != 1 || (clear && !setDefault) {
				return usageErr(cmd, "give one of --json, --file or (with --default) --clear")
			}
			var doc map[string]any
			if !clear {
				raw := []byte(setJSON)
				if setFile != "" {
					var err error
					if raw, err = a.readInput(setFile); err != nil {
						return usageErr(cmd, "%v", err)
					}
				}
				if err := json.Unmarshal(raw, &doc); err != nil || doc == nil {
					return usageErr(cmd, "the settings document must be a JSON object")
				}
			}
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			what := "the default Claude Code settings"
			if setGroup != "" {
				what = "the Claude Code settings of RBAC group " + setGroup
			}
			verb := "replace"
			if clear {
				verb = "remove"
			}
			if err := a.confirm(cmd, verb+" "+what); err != nil {
				return err
			}
			if setGroup != "" {
				g, err := c.ClaudeCodeSettings.SetGroup(ctx, setGroup, doc)
				if err != nil || a.flags.dryRun {
					return err
				}
				fmt.Fprint(a.env.Stderr, output.Safef("replaced %s\n", what))
				return a.printDocument(cmd, g.Settings, g.RawJSON())
			}
			body := admin.Set(doc)
			if clear {
				body = admin.Clear[map[string]any]()
			}
			d, err := c.ClaudeCodeSettings.SetDefault(ctx, body)
			if err != nil || a.flags.dryRun {
				return err
			}
			fmt.Fprint(a.env.Stderr, output.Safef("%sd %s\n", strings.TrimSuffix(verb, "e"), what))
			return a.printDocument(cmd, d.Settings, d.RawJSON())
		},
	}
	set.Flags().StringVar(&setGroup, "group", "", "the RBAC group whose document to replace")
	set.Flags().BoolVar(&setDefault, "default", false, "replace the default document")
	set.Flags().StringVar(&setJSON, "json", "", "the document, a JSON object")
	set.Flags().StringVar(&setFile, "file", "", "a file holding the document (- for stdin)")
	set.Flags().BoolVar(&clear, "clear", false, "with --default: remove the default document")

	del := &cobra.Command{
		Use:     "delete GROUP...",
		Short:   "Remove RBAC groups' settings and take them out of the order (asks first)",
		Example: "  anthropic-admin claude-code settings delete Research",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.deleteAll(cmd, "group's settings", args, func(arg string) (target, error) {
				id, err := a.settingsGroupID(cmd, arg)
				return target{id: id, label: arg}, err
			}, func(ctx context.Context, c *admin.Client, id string) error {
				_, err := c.ClaudeCodeSettings.DeleteGroup(ctx, id)
				return err
			})
		},
	}

	mode := &cobra.Command{
		Use:     "mode organization|rbac_groups",
		Short:   "Serve one document to everyone, or a document per RBAC group (asks first)",
		Example: "  anthropic-admin claude-code settings mode organization",
		Args:    exactArgs("MODE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := settingsModes.parse(cmd, "mode", args[0])
			if err != nil {
				return err
			}
			return a.updateSettingsConfiguration(cmd, "serve Claude Code managed settings by "+m, admin.ManagedSettingsConfigurationParams{Mode: admin.ManagedSettingsModeType(m)}, false)
		},
	}

	order := &cobra.Command{
		Use:   "order GROUP...",
		Short: "Put the RBAC groups with settings in a new order, highest precedence first (asks first)",
		Long: `order sets the precedence of the RBAC groups that have settings: every one of
them, each once, first the one whose document wins. The order is changed from
the version just read, so a change someone else made meanwhile is refused
(exit 6) rather than undone.`,
		Example: "  anthropic-admin claude-code settings order Research 'Platform Engineering'",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ids := make([]string, len(args))
			for i, arg := range args {
				id, err := a.settingsGroupID(cmd, arg)
				if err != nil {
					return err
				}
				ids[i] = id
			}
			return a.updateSettingsConfiguration(cmd, "reorder the RBAC groups with Claude Code settings to "+strings.Join(args, ", "),
				admin.ManagedSettingsConfigurationParams{RBACGroupOrder: ids}, true)
		},
	}

	st.AddCommand(show, set, del, mode, order)
	return st
}

// updateSettingsConfiguration confirms, then writes the configuration; a
// reorder sends the version it just read.
func (a *app) updateSettingsConfiguration(cmd *cobra.Command, question string, p admin.ManagedSettingsConfigurationParams, reorder bool) error {
	ctx := cmd.Context()
	c, err := a.clientFor(ctx)
	if err != nil {
		return err
	}
	if reorder {
		conf, err := c.ClaudeCodeSettings.Configuration(ctx)
		if err != nil {
			return err
		}
		sorted, have := slices.Sorted(slices.Values(p.RBACGroupOrder)), slices.Sorted(slices.Values(conf.RBACGroupOrder))
		if !slices.Equal(sorted, have) {
			return usageErr(cmd, "give every RBAC group with settings, each once: %s", strings.Join(conf.RBACGroupOrder, ", "))
		}
		p.RBACGroupOrderVersion = conf.RBACGroupOrderVersion
	}
	if err := a.confirm(cmd, question); err != nil {
		return err
	}
	got, err := c.ClaudeCodeSettings.UpdateConfiguration(ctx, p)
	if err != nil || a.flags.dryRun {
		return inputErr(cmd, err)
	}
	fmt.Fprint(a.env.Stderr, output.Safef("mode %s; order %s\n", got.Mode.Type, orDash(strings.Join(got.RBACGroupOrder, ", "))))
	return printOne(a, cmd, *got, configurationRaw, configurationColumns)
}

func configurationRaw(c admin.ManagedSettingsConfiguration) json.RawMessage { return c.RawJSON() }

var configurationColumns = []output.Column[admin.ManagedSettingsConfiguration]{
	{Header: "mode", Field: "mode_type", Fit: output.FitKeep, Text: func(c admin.ManagedSettingsConfiguration) string { return string(c.Mode.Type) }},
	{Header: "mode updated", Field: "mode_updated_at", Fit: output.FitKeep, Text: func(c admin.ManagedSettingsConfiguration) string { return orDash(rfc3339Ptr(c.ModeUpdatedAt)) }, Value: func(c admin.ManagedSettingsConfiguration) string { return rfc3339Ptr(c.ModeUpdatedAt) }},
	{Header: "rbac group order", Field: "rbac_group_order", Text: func(c admin.ManagedSettingsConfiguration) string { return orDash(strings.Join(c.RBACGroupOrder, ", ")) }, Value: func(c admin.ManagedSettingsConfiguration) string { return strings.Join(c.RBACGroupOrder, ",") }},
	{Header: "order version", Field: "rbac_group_order_version", Fit: output.FitKeep, Text: func(c admin.ManagedSettingsConfiguration) string { return c.RBACGroupOrderVersion }},
}

func (a *app) settingsColumns() []output.Column[settingsRow] {
	return []output.Column[settingsRow]{
		{Header: "#", Field: "position", Fit: output.FitKeep, Right: true, Text: func(r settingsRow) string { return strconv.Itoa(r.position) }},
		{Header: "rbac group", Field: "rbac_group_name", Fit: output.FitName, Text: func(r settingsRow) string { return orDash(r.name) }, Value: func(r settingsRow) string { return r.name }},
		{Header: "rbac group id", Field: "rbac_group_id", Fit: output.FitID, Text: func(r settingsRow) string { return r.RBACGroupID }},
		{Header: "status", Field: "rbac_group_status_type", Fit: output.FitKeep, Text: func(r settingsRow) string { return string(r.RBACGroupStatus.Type) }},
		{Header: "updated", Field: "updated_at", Fit: output.FitKeep, Text: func(r settingsRow) string { return a.when(r.UpdatedAt) }, Value: func(r settingsRow) string { return rfc3339(r.UpdatedAt) }},
	}
}

// printDocument writes a settings document: indented JSON on a terminal
// (the document itself), the API's answer in the data formats.
func (a *app) printDocument(cmd *cobra.Command, doc map[string]any, raw json.RawMessage) error {
	format, err := a.format(cmd)
	if err != nil {
		return err
	}
	if format == output.Table {
		b, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(a.env.Stdout, "%s\n", output.Safef("%s", b))
		return nil
	}
	return printOne(a, cmd, raw, func(r json.RawMessage) json.RawMessage { return r }, []output.Column[json.RawMessage]{
		{Header: "settings", Text: func(json.RawMessage) string { b, _ := json.Marshal(doc); return string(b) }},
	})
}

// settingsGroupID resolves an RBAC group given by name or ID to its ID. An
// ID is taken as it is: a group's settings outlive the group.
func (a *app) settingsGroupID(cmd *cobra.Command, arg string) (string, error) {
	if strings.HasPrefix(arg, "rbac_group_") {
		return arg, nil
	}
	_, g, err := a.groupArg(cmd, arg)
	return g.ID, err
}

// groupNamesByID maps the organization's RBAC group IDs to their names; empty
// where the credential cannot list them, so the IDs stand alone.
func groupNamesByID(ctx context.Context, c *admin.Client) map[string]string {
	names := map[string]string{}
	for g, err := range c.RBACGroups.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 1000}}).All(ctx) {
		if err != nil {
			break
		}
		names[g.ID] = g.Name
	}
	return names
}

// groupLabel is a group's name and ID, or its ID alone.
func (a *app) groupLabel(ctx context.Context, c *admin.Client, id string) string {
	if n := groupNamesByID(ctx, c)[id]; n != "" {
		return n + " (" + id + ")"
	}
	return id
}
