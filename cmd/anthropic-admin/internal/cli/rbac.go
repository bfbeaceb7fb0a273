package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// This file is the rbac noun: groups, their members and the roles they
// hold. Groups and roles are named by ID or by name, members by ID or
// email.

// groupArg resolves a group given by ID (rbac_group_…) or by name.
func (a *app) groupArg(cmd *cobra.Command, arg string) (*admin.Client, admin.RBACGroup, error) {
	return resolve(a, cmd, arg, func(c *admin.Client) lookup[admin.RBACGroup] {
		return lookup[admin.RBACGroup]{what: "RBAC group", listCmd: "anthropic-admin rbac groups list", prefixes: []string{"rbac_group_"},
			get: func(ctx context.Context, id string) (*admin.RBACGroup, error) { return c.RBACGroups.Get(ctx, id) },
			list: func() *admin.List[admin.RBACGroup] {
				return c.RBACGroups.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 1000}})
			},
			name: func(g admin.RBACGroup) string { return g.Name }, id: func(g admin.RBACGroup) string { return g.ID },
		}
	})
}

// roleArg resolves a role given by ID (rbac_role_…) or by display name.
func (a *app) roleArg(cmd *cobra.Command, arg string) (*admin.Client, admin.RBACRole, error) {
	return resolve(a, cmd, arg, func(c *admin.Client) lookup[admin.RBACRole] {
		return lookup[admin.RBACRole]{what: "RBAC role", listCmd: "anthropic-admin rbac roles list", prefixes: []string{"rbac_role_"},
			get: func(ctx context.Context, id string) (*admin.RBACRole, error) { return c.RBACRoles.Get(ctx, id) },
			list: func() *admin.List[admin.RBACRole] {
				return c.RBACRoles.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 1000}})
			},
			name: func(r admin.RBACRole) string { return r.DisplayName }, id: func(r admin.RBACRole) string { return r.ID },
		}
	})
}

// targetsOf resolves each of args with find, for a change to them all.
func targetsOf[T any](cmd *cobra.Command, args []string, find func(*cobra.Command, string) (*admin.Client, T, error), as func(T) target) (*admin.Client, []target, error) {
	var c *admin.Client
	targets := make([]target, len(args))
	for i, arg := range args {
		var v T
		var err error
		if c, v, err = find(cmd, arg); err != nil {
			return nil, nil, err
		}
		targets[i] = as(v)
	}
	return c, targets, nil
}

// renameCommand is an update verb that renames one object (ARG, found by
// find) with --name, and shows it renamed.
func renameCommand[T any](a *app, arg, short, example, flagHelp string, find func(*cobra.Command, string) (*admin.Client, T, error),
	rename func(context.Context, *admin.Client, T, string) (*T, error), raw func(T) json.RawMessage, cols func(context.Context, *admin.Client) []output.Column[T]) *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:     "update " + arg + " --name NAME",
		Short:   short,
		Example: example,
		Args:    exactArgs(arg),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(name) == "" {
				return usageErr(cmd, "--name is required: %s", flagHelp)
			}
			c, v, err := find(cmd, args[0])
			if err != nil {
				return err
			}
			got, err := rename(cmd.Context(), c, v, name)
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *got, raw, cols(cmd.Context(), c))
		},
	}
	cmd.Flags().StringVar(&name, "name", "", flagHelp)
	return cmd
}

// deleteCommand is a delete verb for the objects ARG... (each found by
// find), which asks first.
func deleteCommand[T any](a *app, arg, short, example, noun string, find func(*cobra.Command, string) (*admin.Client, T, error),
	as func(T) target, del func(context.Context, *admin.Client, string) error) *cobra.Command {
	return &cobra.Command{
		Use:     "delete " + arg + "...",
		Short:   short,
		Example: example,
		Args:    someArgs(arg),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, targets, err := targetsOf(cmd, args, find, as)
			if err != nil {
				return err
			}
			return a.applyAll(cmd, change{noun: noun, verb: "delete", done: "deleted", ask: true}, targets, func(ctx context.Context, id string) error {
				return del(ctx, c, id)
			})
		},
	}
}

// listCommand is a list verb without arguments: every item of the list
// (up to --max-items, asking for pages of no more), in the chosen format.
func listCommand[T any](a *app, short, example, what string, list func(*admin.Client, admin.PageCursor) *admin.List[T],
	raw func(T) json.RawMessage, cols func(context.Context, *admin.Client) []output.Column[T]) *cobra.Command {
	return lists(&cobra.Command{
		Use:     "list",
		Short:   short,
		Example: example,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			items, err := collect(a, ctx, list(c, admin.PageCursor{Limit: pageSize(a.flags.maxItems)}), what)
			if err != nil {
				return err
			}
			return printList(a, cmd, items, raw, cols(ctx, c))
		},
	})
}

// roleNames maps the organization's role IDs to their names; empty when
// the roles cannot be read (names are a nicety: IDs show instead).
func roleNames(ctx context.Context, c *admin.Client) map[string]string {
	out := map[string]string{}
	for r, err := range c.RBACRoles.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 1000}}).All(ctx) {
		if err != nil {
			break
		}
		out[r.ID] = r.DisplayName
	}
	return out
}

func groupColumns(a *app, roles map[string]string) []output.Column[admin.RBACGroup] {
	named := func(g admin.RBACGroup) string {
		var out []string
		for _, id := range g.RoleIDs {
			out = append(out, cmpName(roles[id], id))
		}
		return orDash(strings.Join(out, ", "))
	}
	return []output.Column[admin.RBACGroup]{
		{Header: "id", Fit: output.FitID, Text: func(g admin.RBACGroup) string { return g.ID }},
		{Header: "name", Fit: output.FitName, Text: func(g admin.RBACGroup) string { return g.Name }},
		{Header: "source", Field: "source_type", Fit: output.FitKeep, Text: func(g admin.RBACGroup) string { return string(g.SourceType) }},
		{Header: "roles", Field: "role_names", Text: named},
		{Header: "role ids", Fit: output.FitID, Text: func(g admin.RBACGroup) string { return orDash(strings.Join(g.RoleIDs, ", ")) }, Value: func(g admin.RBACGroup) string { return strings.Join(g.RoleIDs, ";") }},
		{Header: "updated", Field: "updated_at", Fit: output.FitKeep, Text: func(g admin.RBACGroup) string { return a.when(g.UpdatedAt) }, Value: func(g admin.RBACGroup) string { return rfc3339(g.UpdatedAt) }},
	}
}

// cmpName is name, or id when there is none.
func cmpName(name, id string) string {
	if name == "" {
		return id
	}
	return name
}

func groupRaw(g admin.RBACGroup) json.RawMessage { return g.RawJSON() }

func (a *app) rbacCommand() *cobra.Command {
	rbac := &cobra.Command{
		Use:   "rbac",
		Short: "RBAC groups, their members and roles (Claude Enterprise)",
		Long: `rbac reads and changes the organization's RBAC groups and their members, and
reads its roles and what each permits. Roles are attached to groups in the
organization's settings or by the identity provider; the API reads them. A
group whose role grants owner access keeps its members and cannot be deleted
here.`,
	}
	rbac.AddCommand(a.rbacGroupsCommand(), a.rbacMembersCommand(), a.rbacRolesCommand())
	return rbac
}

func (a *app) rbacGroupsCommand() *cobra.Command {
	groups := &cobra.Command{Use: "groups", Aliases: []string{"group"}, Short: "RBAC groups: list, show, create, rename, delete"}

	list := listCommand(a, "List the RBAC groups, with the names of their roles",
		"  anthropic-admin rbac groups list\n  anthropic-admin rbac groups list -o csv", "RBAC groups",
		func(c *admin.Client, p admin.PageCursor) *admin.List[admin.RBACGroup] {
			return c.RBACGroups.List(admin.RBACListParams{PageCursor: p})
		}, groupRaw, func(ctx context.Context, c *admin.Client) []output.Column[admin.RBACGroup] {
			return groupColumns(a, roleNames(ctx, c))
		})

	get := &cobra.Command{
		Use:     "get GROUP",
		Short:   "Show an RBAC group (by ID or name)",
		Example: "  anthropic-admin rbac groups get \"Platform Engineering\"",
		Args:    exactArgs("GROUP"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, g, err := a.groupArg(cmd, args[0])
			if err != nil {
				return err
			}
			return printOne(a, cmd, g, groupRaw, groupColumns(a, roleNames(cmd.Context(), c)))
		},
	}

	create := &cobra.Command{
		Use:     "create NAME",
		Short:   "Make an RBAC group, with no members and no roles",
		Example: "  anthropic-admin rbac groups create \"Data Science\"",
		Args:    exactArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(args[0]) == "" {
				return usageErr(cmd, "the group's name must not be empty")
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			g, err := c.RBACGroups.Create(cmd.Context(), admin.RBACGroupCreateParams{Name: args[0]})
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *g, groupRaw, groupColumns(a, nil))
		},
	}

	update := renameCommand(a, "GROUP", "Rename an RBAC group", "  anthropic-admin rbac groups update Finance --name \"Finance & Procurement\"", "the group's new name",
		a.groupArg, func(ctx context.Context, c *admin.Client, g admin.RBACGroup, name string) (*admin.RBACGroup, error) {
			return c.RBACGroups.Update(ctx, g.ID, admin.RBACGroupUpdateParams{Name: admin.Set(name)})
		}, groupRaw, func(ctx context.Context, c *admin.Client) []output.Column[admin.RBACGroup] {
			return groupColumns(a, roleNames(ctx, c))
		})

	del := deleteCommand(a, "GROUP", "Delete RBAC groups; their members stay in the organization (asks first)",
		"  anthropic-admin rbac groups delete \"Claude Code Pilot\" --yes", "RBAC group", a.groupArg,
		func(g admin.RBACGroup) target { return target{id: g.ID, label: fmt.Sprintf("%s (%s)", g.Name, g.ID)} },
		func(ctx context.Context, c *admin.Client, id string) error {
			_, err := c.RBACGroups.Delete(ctx, id)
			return err
		})

	groups.AddCommand(list, get, create, update, del)
	return groups
}

func memberRows(a *app) []output.Column[admin.RBACGroupMember] {
	return []output.Column[admin.RBACGroupMember]{
		{Header: "user id", Fit: output.FitID, Text: func(m admin.RBACGroupMember) string { return m.UserID }},
		{Header: "email", Fit: output.FitName, Text: func(m admin.RBACGroupMember) string { return m.Email }},
		{Header: "joined", Field: "created_at", Fit: output.FitKeep, Text: func(m admin.RBACGroupMember) string { return a.when(m.CreatedAt) }, Value: func(m admin.RBACGroupMember) string { return rfc3339(m.CreatedAt) }},
	}
}

func (a *app) rbacMembersCommand() *cobra.Command {
	members := &cobra.Command{Use: "members", Aliases: []string{"member"}, Short: "Members of an RBAC group: list, add, remove"}

	list := &cobra.Command{
		Use:     "list GROUP",
		Short:   "List an RBAC group's members, by email",
		Example: "  anthropic-admin rbac members list \"Platform Engineering\"\n  anthropic-admin rbac members list Finance -o json",
		Args:    exactArgs("GROUP"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			c, g, err := a.groupArg(cmd, args[0])
			if err != nil {
				return err
			}
			items, err := collect(a, ctx, c.RBACGroups.Members.List(g.ID, admin.RBACListParams{PageCursor: admin.PageCursor{Limit: pageSize(a.flags.maxItems)}}), "group members")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, func(m admin.RBACGroupMember) json.RawMessage { return m.RawJSON() }, memberRows(a))
		},
	}

	// membersChange is add or remove: GROUP USER..., users by ID or email.
	membersChange := func(verb, done, short, example string, ask bool, act func(context.Context, *admin.Client, string, string) error) *cobra.Command {
		return &cobra.Command{
			Use:     verb + " GROUP USER...",
			Short:   short,
			Example: example,
			Args: func(cmd *cobra.Command, args []string) error {
				if len(args) < 2 {
					return usageErr(cmd, "expected GROUP USER..., got %d argument(s)", len(args))
				}
				return nil
			},
			RunE: func(cmd *cobra.Command, args []string) error {
				c, g, err := a.groupArg(cmd, args[0])
				if err != nil {
					return err
				}
				users := args[1:]
				targets := make([]target, len(users))
				for i, u := range users {
					if _, targets[i].id, err = a.userArg(cmd, u); err != nil {
						return err
					}
					targets[i].label = a.names.user(cmd.Context(), targets[i].id)
				}
				ch := change{noun: "member", verb: verb, done: done, ask: ask,
					question: fmt.Sprintf("%s %s %s group %s", verb, plural(len(users), "member", labels(targets, 3)), map[bool]string{true: "from", false: "to"}[verb == "remove"], g.Name)}
				return a.applyAll(cmd, ch, targets, func(ctx context.Context, id string) error { return act(ctx, c, g.ID, id) })
			},
		}
	}
	add := membersChange("add", "added", "Add organization members to an RBAC group",
		"  anthropic-admin rbac members add Finance grace.liu@acme-robotics.example", false,
		func(ctx context.Context, c *admin.Client, group, user string) error {
			_, err := c.RBACGroups.Members.Add(ctx, group, admin.RBACGroupMemberAddParams{UserID: user})
			return err
		})
	remove := membersChange("remove", "removed", "Take members out of an RBAC group; they stay in the organization (asks first)",
		"  anthropic-admin rbac members remove \"Platform Engineering\" grace.liu@acme-robotics.example --yes", true,
		func(ctx context.Context, c *admin.Client, group, user string) error {
			_, err := c.RBACGroups.Members.Remove(ctx, admin.RBACGroupMemberRef{RBACGroupID: group, UserID: user})
			return err
		})

	members.AddCommand(lists(list), add, remove)
	return members
}

func roleColumns(a *app) []output.Column[admin.RBACRole] {
	return []output.Column[admin.RBACRole]{
		{Header: "id", Fit: output.FitID, Text: func(r admin.RBACRole) string { return r.ID }},
		{Header: "name", Field: "display_name", Fit: output.FitName, Text: func(r admin.RBACRole) string { return r.DisplayName }},
		{Header: "source", Field: "source_type", Fit: output.FitKeep, Text: func(r admin.RBACRole) string { return string(r.Source.Type) }},
		{Header: "updated", Field: "updated_at", Fit: output.FitKeep, Text: func(r admin.RBACRole) string { return a.when(r.UpdatedAt) }, Value: func(r admin.RBACRole) string { return rfc3339(r.UpdatedAt) }},
	}
}

func roleRaw(r admin.RBACRole) json.RawMessage { return r.RawJSON() }

// resourceText says what a permission applies to.
func resourceText(r admin.RBACPermissionResource) string {
	switch r.Type {
	case admin.RBACResourceOrganization:
		return "the organization"
	case admin.RBACResourceAllConnectors:
		return "every connector"
	case admin.RBACResourceConnector:
		return "connector " + r.ConnectorID
	case admin.RBACResourceConnectorTool:
		return "tool " + r.ToolName + " of " + r.ConnectorID
	case admin.RBACResourceConnectorScope:
		return "scope " + r.Scope + " of " + r.ConnectorID
	}
	return string(r.Type)
}

var permissionColumns = []output.Column[admin.RBACRolePermission]{
	{Header: "action", Fit: output.FitKeep, Text: func(p admin.RBACRolePermission) string { return p.Action }},
	{Header: "resource", Field: "resource_type", Fit: output.FitKeep, Text: func(p admin.RBACRolePermission) string { return string(p.Resource.Type) }},
	{Header: "applies to", Field: "resource", Fit: output.FitName, Text: func(p admin.RBACRolePermission) string { return resourceText(p.Resource) }},
}

func (a *app) rbacRolesCommand() *cobra.Command {
	roles := &cobra.Command{Use: "roles", Aliases: []string{"role"}, Short: "RBAC roles and what each permits (read only)"}

	list := listCommand(a, "List the organization's RBAC roles, built-in and custom", "  anthropic-admin rbac roles list", "RBAC roles",
		func(c *admin.Client, p admin.PageCursor) *admin.List[admin.RBACRole] {
			return c.RBACRoles.List(admin.RBACListParams{PageCursor: p})
		}, roleRaw, func(context.Context, *admin.Client) []output.Column[admin.RBACRole] { return roleColumns(a) })

	get := &cobra.Command{
		Use:     "get ROLE",
		Short:   "Show an RBAC role (by ID or name) and what it permits",
		Example: "  anthropic-admin rbac roles get \"GitHub Connector Users\"",
		Args:    exactArgs("ROLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			c, r, err := a.roleArg(cmd, args[0])
			if err != nil {
				return err
			}
			format, err := a.format(cmd)
			if err != nil {
				return err
			}
			if format != output.Table {
				return printOne(a, cmd, r, roleRaw, roleColumns(a))
			}
			perms, err := c.RBACRoles.Permissions(r.ID, admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 1000}}).Collect(ctx)
			if err != nil {
				return err
			}
			if err := printOne(a, cmd, r, roleRaw, roleColumns(a)); err != nil {
				return err
			}
			a.out.Lines("")
			return printList(a, cmd, perms, nil, permissionColumns)
		},
	}

	permissions := &cobra.Command{
		Use:     "permissions ROLE",
		Short:   "List what an RBAC role permits: an action on a resource per row",
		Example: "  anthropic-admin rbac roles permissions \"Connector Admin\"\n  anthropic-admin rbac roles permissions \"GitHub Connector Users\" -o json",
		Args:    exactArgs("ROLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			c, r, err := a.roleArg(cmd, args[0])
			if err != nil {
				return err
			}
			items, err := collect(a, ctx, c.RBACRoles.Permissions(r.ID, admin.RBACListParams{PageCursor: admin.PageCursor{Limit: pageSize(a.flags.maxItems)}}), "permissions")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, func(p admin.RBACRolePermission) json.RawMessage { return p.RawJSON() }, permissionColumns)
		},
	}

	roles.AddCommand(list, get, lists(permissions))
	return roles
}

// rbacGroupNames are the RBAC groups, by name.
func rbacGroupNames(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
	var out []cobra.Completion
	for g, err := range c.RBACGroups.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 1000}}).All(cmd.Context()) {
		if err != nil {
			return nil, err
		}
		out = append(out, cobra.CompletionWithDesc(g.Name, g.ID))
	}
	return out, nil
}

// rbacRoleNames are the RBAC roles, by name.
func rbacRoleNames(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
	var out []cobra.Completion
	for r, err := range c.RBACRoles.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 1000}}).All(cmd.Context()) {
		if err != nil {
			return nil, err
		}
		out = append(out, cobra.CompletionWithDesc(r.DisplayName, string(r.Source.Type)))
	}
	return out, nil
}

// groupMembers lists the organization's members who are in the group of
// the first argument (in), or who are not (to add them).
func (a *app) groupMembers(in bool) nameFunc {
	return func(cmd *cobra.Command, c *admin.Client, args []string) ([]cobra.Completion, error) {
		_, g, err := a.groupArg(cmd, args[0])
		if err != nil {
			return nil, err
		}
		members := map[string]bool{}
		for m, err := range c.RBACGroups.Members.List(g.ID, admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 1000}}).All(cmd.Context()) {
			if err != nil {
				return nil, err
			}
			members[m.UserID] = true
		}
		var out []cobra.Completion
		for u, err := range c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1000}}).All(cmd.Context()) {
			if err != nil {
				return nil, err
			}
			if members[u.ID] == in {
				out = append(out, cobra.CompletionWithDesc(u.Email, u.Name))
			}
		}
		return out, nil
	}
}
