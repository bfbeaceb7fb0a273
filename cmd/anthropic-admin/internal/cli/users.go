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

func (a *app) userColumns() []output.Column[admin.User] {
	return []output.Column[admin.User]{
		{Header: "id", Fit: output.FitID, Text: func(u admin.User) string { return u.ID }},
		{Header: "email", Fit: output.FitName, Text: func(u admin.User) string { return u.Email }},
		{Header: "name", Text: func(u admin.User) string { return u.Name }},
		{Header: "role", Fit: output.FitKeep, Text: func(u admin.User) string { return string(u.Role) }},
		{Header: "added", Field: "added_at", Fit: output.FitKeep, Text: func(u admin.User) string { return a.when(u.AddedAt) }, Value: func(u admin.User) string { return rfc3339(u.AddedAt) }},
	}
}

func userRaw(u admin.User) json.RawMessage { return u.RawJSON() }

func (a *app) usersCommand() *cobra.Command {
	users := &cobra.Command{Use: "users", Aliases: []string{"user", "members"}, Short: "Members of the organization"}

	var email string
	var roles []string
	list := &cobra.Command{
		Use:     "list",
		Short:   "List members",
		Example: "  anthropic-admin users list --role developer\n  anthropic-admin users list --email grace.liu@acme-robotics.example -o json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			checked, err := orgRoles.parseAll(cmd, "role", roles)
			if err != nil {
				return err
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			params := admin.UserListParams{Cursor: admin.Cursor{Limit: pageSize(a.flags.maxItems)}, Email: email, Roles: wire[admin.OrgRole](checked)}
			items, err := collect(a, cmd.Context(), c.Users.List(params), "members")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, userRaw, a.userColumns())
		},
	}
	list.Flags().StringVar(&email, "email", "", "only the member with this email")
	list.Flags().StringSliceVar(&roles, "role", nil, "only members with this role: "+orgRoles.known()+" (repeatable)")

	get := &cobra.Command{
		Use:     "get USER",
		Short:   "Show a member (by ID or email)",
		Example: "  anthropic-admin users get grace.liu@acme-robotics.example\n  anthropic-admin users get user_01BCBgmlzGyFmK8kHGkCuiwe -o yaml",
		Args:    exactArgs("USER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, u, err := a.findUser(cmd, args[0])
			if err != nil {
				return err
			}
			return printOne(a, cmd, u, userRaw, a.userColumns())
		},
	}

	var role string
	update := &cobra.Command{
		Use:     "update USER --role ROLE",
		Short:   "Change a member's organization role",
		Example: "  anthropic-admin users update grace.liu@acme-robotics.example --role billing",
		Args:    exactArgs("USER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if role == "" {
				return usageErr(cmd, "--role is required")
			}
			checked, err := assignableOrgRoles.parse(cmd, "role", role)
			if err != nil {
				return err
			}
			c, found, err := a.findUser(cmd, args[0])
			if err != nil {
				return err
			}
			if err := notAdmin(cmd, found, "change the role of"); err != nil {
				return err
			}
			u, err := c.Users.Update(cmd.Context(), found.ID, admin.UserUpdateParams{Role: admin.OrgRole(checked)})
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *u, userRaw, a.userColumns())
		},
	}
	update.Flags().StringVar(&role, "role", "", "new role: "+assignableOrgRoles.known())

	remove := &cobra.Command{
		Use:     "remove USER...",
		Short:   "Remove members from the organization (asks first)",
		Example: "  anthropic-admin users remove kwame.mensah@acme-robotics.example\n  anthropic-admin users remove tomas.silva@acme-robotics.example zoe.anderson@acme-robotics.example --yes",
		Args:    someArgs("USER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.eachUser(cmd, args, change{noun: "member", verb: "remove", done: "removed", ask: true, refuseAdmins: true}, func(ctx context.Context, c *admin.Client, id string) error {
				_, err := c.Users.Remove(ctx, id)
				return err
			})
		},
	}
	signOut := &cobra.Command{
		Use:     "sign-out USER...",
		Short:   "Sign members out of Claude everywhere (they stay members)",
		Example: "  anthropic-admin users sign-out grace.liu@acme-robotics.example",
		Args:    someArgs("USER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.eachUser(cmd, args, change{noun: "member", verb: "sign out", done: "signed out", ask: true}, func(ctx context.Context, c *admin.Client, id string) error {
				_, err := c.Users.SignOut(ctx, id)
				return err
			})
		},
	}
	users.AddCommand(lists(list), get, update, remove, signOut)
	return users
}

// userArg resolves a member given by ID or by email; an ID is taken as
// given, with no call.
func (a *app) userArg(cmd *cobra.Command, arg string) (*admin.Client, string, error) {
	c, err := a.clientFor(cmd.Context())
	if err != nil || !strings.Contains(arg, "@") {
		return c, arg, err
	}
	u, err := userByEmail(cmd, c, arg)
	return c, u.ID, err
}

// userByEmail finds the one member with an email (see byEmail).
func userByEmail(cmd *cobra.Command, c *admin.Client, email string) (admin.User, error) {
	found, err := byEmail(cmd.Context(), email,
		func(email string) *admin.List[admin.User] {
			return c.Users.List(admin.UserListParams{Email: email, Cursor: admin.Cursor{Limit: 100}})
		},
		func(u admin.User) string { return u.Email })
	if err != nil {
		return admin.User{}, err
	}
	return onlyOne(cmd, found, func(u admin.User) string { return u.ID },
		"no member has the email "+email, "members have the email "+email)
}

// findUser finds a member given by ID or by email: one call either way
// from a server that filters by email.
func (a *app) findUser(cmd *cobra.Command, arg string) (*admin.Client, admin.User, error) {
	c, err := a.clientFor(cmd.Context())
	if err != nil {
		return nil, admin.User{}, err
	}
	if strings.Contains(arg, "@") {
		u, err := userByEmail(cmd, c, arg)
		return c, u, err
	}
	u, err := c.Users.Get(cmd.Context(), arg)
	if err != nil {
		return nil, admin.User{}, notFoundAs(err, "no member has the ID or email %q", arg)
	}
	return c, *u, nil
}

// notAdmin refuses, before anything is asked or sent, to act on an admin
// of the organization: the API cannot remove admins or change their role.
func notAdmin(cmd *cobra.Command, u admin.User, verb string) error {
	if u.Role != admin.OrgRoleAdmin {
		return nil
	}
	return usageErr(cmd, "%s is an admin of the organization: the API cannot %s an admin (an admin does it in the Claude Console)", u.Email, verb)
}

// eachUser finds every member named, refuses admins when the change does,
// then applies the change to each.
func (a *app) eachUser(cmd *cobra.Command, args []string, ch change, act func(context.Context, *admin.Client, string) error) error {
	targets := make([]target, len(args))
	var c *admin.Client
	for i, arg := range args {
		var u admin.User
		var err error
		if c, u, err = a.findUser(cmd, arg); err != nil {
			return err
		}
		if ch.refuseAdmins {
			if err := notAdmin(cmd, u, ch.verb); err != nil {
				return err
			}
		}
		targets[i] = target{id: u.ID, label: arg}
	}
	return a.applyAll(cmd, ch, targets, func(ctx context.Context, id string) error { return act(ctx, c, id) })
}

// plural names one thing by name, or several by count and names.
func plural(n int, noun, which string) string {
	if n == 1 {
		return noun + " " + which
	}
	return fmt.Sprintf("%d %ss (%s)", n, noun, which)
}

// pageSize asks for pages no bigger than needed when --max-items is small.
func pageSize(maxItems int) int {
	if maxItems > 0 && maxItems < 100 {
		return maxItems
	}
	return 100
}
