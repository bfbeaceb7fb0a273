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

// memberColumns are the columns of a workspace's member listing; ctx is
// for looking up emails.
func (a *app) memberColumns(ctx context.Context) []output.Column[admin.WorkspaceMember] {
	return []output.Column[admin.WorkspaceMember]{
		{Header: "user id", Fit: output.FitID, Text: func(m admin.WorkspaceMember) string { return m.UserID }},
		{Header: "email", Field: "user_email", Fit: output.FitName, Text: func(m admin.WorkspaceMember) string { return a.names.user(ctx, m.UserID) }},
		{Header: "role", Field: "workspace_role", Fit: output.FitKeep, Text: func(m admin.WorkspaceMember) string { return string(m.WorkspaceRole) }},
	}
}

// memberDetail adds the workspace to the columns, for one member shown on
// its own.
func (a *app) memberDetail(ctx context.Context) []output.Column[admin.WorkspaceMember] {
	return append([]output.Column[admin.WorkspaceMember]{
		{Header: "workspace name", Text: func(m admin.WorkspaceMember) string { return a.names.workspace(ctx, m.WorkspaceID) }},
		{Header: "workspace id", Fit: output.FitID, Text: func(m admin.WorkspaceMember) string { return m.WorkspaceID }},
	}, a.memberColumns(ctx)...)
}

func memberRaw(m admin.WorkspaceMember) json.RawMessage { return m.RawJSON() }

func (a *app) workspaceMembersCommand() *cobra.Command {
	members := &cobra.Command{Use: "members", Aliases: []string{"member"}, Short: "Members of a workspace"}

	list := &cobra.Command{
		Use:     "list WORKSPACE",
		Short:   "List a workspace's members",
		Example: "  anthropic-admin workspaces members list Production\n  anthropic-admin workspaces members list wrkspc_01l5puun9eTsaswHmYDKayqh -o csv",
		Args:    exactArgs("WORKSPACE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, id, err := a.workspaceArg(cmd, args[0])
			if err != nil {
				return err
			}
			l := c.Workspaces.Members.List(id, admin.WorkspaceMemberListParams{Cursor: admin.Cursor{Limit: pageSize(a.flags.maxItems)}})
			items, err := collect(a, cmd.Context(), l, "workspace members")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, memberRaw, a.memberColumns(cmd.Context()))
		},
	}

	get := &cobra.Command{
		Use:     "get WORKSPACE USER",
		Short:   "Show a user's membership of a workspace",
		Example: "  anthropic-admin workspaces members get Production grace.liu@acme-robotics.example",
		Args:    exactArgs("WORKSPACE", "USER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, ws, user, err := a.memberArgs(cmd, args)
			if err != nil {
				return err
			}
			m, err := c.Workspaces.Members.Get(cmd.Context(), admin.WorkspaceMemberRef{WorkspaceID: ws, UserID: user})
			if err != nil {
				return notFoundAs(err, "%s is not a member of workspace %s", args[1], args[0])
			}
			return printOne(a, cmd, *m, memberRaw, a.memberDetail(cmd.Context()))
		},
	}

	add := a.memberRoleCommand("add", addableWorkspaceRoles, "Add an organization member to a workspace",
		"  anthropic-admin workspaces members add Research grace.liu@acme-robotics.example --role developer",
		func(ctx context.Context, c *admin.Client, ws, user string, role admin.WorkspaceRole) (*admin.WorkspaceMember, error) {
			return c.Workspaces.Members.Add(ctx, ws, admin.WorkspaceMemberAddParams{UserID: user, WorkspaceRole: role})
		})
	update := a.memberRoleCommand("update", workspaceRoles, "Change a member's role in a workspace",
		"  anthropic-admin workspaces members update Production grace.liu@acme-robotics.example --role admin",
		func(ctx context.Context, c *admin.Client, ws, user string, role admin.WorkspaceRole) (*admin.WorkspaceMember, error) {
			return c.Workspaces.Members.Update(ctx, admin.WorkspaceMemberRef{WorkspaceID: ws, UserID: user}, admin.WorkspaceMemberUpdateParams{WorkspaceRole: role})
		})

	remove := &cobra.Command{
		Use:     "remove WORKSPACE USER...",
		Short:   "Take users out of a workspace (they stay in the organization; asks first)",
		Example: "  anthropic-admin workspaces members remove Staging grace.liu@acme-robotics.example",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageErr(cmd, "expected WORKSPACE USER..., got %d argument(s)", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			c, ws, err := a.workspaceArg(cmd, args[0])
			if err != nil {
				return err
			}
			users := args[1:]
			targets := make([]target, len(users))
			for i, u := range users {
				if _, targets[i].id, err = a.userArg(cmd, u); err != nil {
					return err
				}
				targets[i].label = u + " from " + args[0]
			}
			ch := change{noun: "member", verb: "remove", done: "removed", ask: true,
				question: fmt.Sprintf("remove %s from workspace %s", plural(len(users), "member", strings.Join(users, ", ")), args[0])}
			return a.applyAll(cmd, ch, targets, func(ctx context.Context, id string) error {
				_, err := c.Workspaces.Members.Remove(ctx, admin.WorkspaceMemberRef{WorkspaceID: ws, UserID: id})
				return err
			})
		},
	}

	members.AddCommand(lists(list), get, add, update, remove)
	return members
}

// memberRoleCommand is add or update: both take WORKSPACE USER --role, one
// of roles (the workspace_ prefix optional), and print the membership that
// results.
func (a *app) memberRoleCommand(verb string, roles valueSet, short, example string, act func(context.Context, *admin.Client, string, string, admin.WorkspaceRole) (*admin.WorkspaceMember, error)) *cobra.Command {
	var role string
	cmd := &cobra.Command{
		Use:     verb + " WORKSPACE USER --role ROLE",
		Short:   short,
		Example: example,
		Args:    exactArgs("WORKSPACE", "USER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if role == "" {
				return usageErr(cmd, "--role is required")
			}
			checked, err := roles.parse(cmd, "role", role)
			if err != nil {
				return err
			}
			c, ws, user, err := a.memberArgs(cmd, args)
			if err != nil {
				return err
			}
			m, err := act(cmd.Context(), c, ws, user, admin.WorkspaceRole(checked))
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *m, memberRaw, a.memberDetail(cmd.Context()))
		},
	}
	cmd.Flags().StringVar(&role, "role", "", "workspace role: "+roles.known()+" (the workspace_ prefix is optional)")
	return cmd
}

// memberArgs resolves WORKSPACE USER: a workspace by ID or name, a user by
// ID or email.
func (a *app) memberArgs(cmd *cobra.Command, args []string) (c *admin.Client, ws, user string, err error) {
	if c, ws, err = a.workspaceArg(cmd, args[0]); err != nil {
		return
	}
	_, user, err = a.userArg(cmd, args[1])
	return
}
