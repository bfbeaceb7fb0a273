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

func (a *app) inviteColumns() []output.Column[admin.Invite] {
	return []output.Column[admin.Invite]{
		{Header: "id", Fit: output.FitID, Text: func(i admin.Invite) string { return i.ID }},
		{Header: "email", Fit: output.FitName, Text: func(i admin.Invite) string { return i.Email }},
		{Header: "role", Fit: output.FitKeep, Text: func(i admin.Invite) string { return string(i.Role) }},
		{Header: "status", Fit: output.FitKeep, Text: func(i admin.Invite) string { return string(i.Status) }},
		{Header: "invited", Field: "invited_at", Fit: output.FitKeep, Text: func(i admin.Invite) string { return a.when(i.InvitedAt) }, Value: func(i admin.Invite) string { return rfc3339(i.InvitedAt) }},
		// An accepted invite no longer expires; its expires_at stays in
		// the data formats, as the API sent it.
		{Header: "expires", Field: "expires_at", Fit: output.FitKeep, Text: func(i admin.Invite) string {
			if i.Status == admin.InviteStatusAccepted {
				return "-"
			}
			return a.when(i.ExpiresAt)
		}, Value: func(i admin.Invite) string { return rfc3339(i.ExpiresAt) }},
	}
}

func inviteRaw(i admin.Invite) json.RawMessage { return i.RawJSON() }

func (a *app) invitesCommand() *cobra.Command {
	invites := &cobra.Command{Use: "invites", Aliases: []string{"invite"}, Short: "Invitations to join the organization"}

	var statuses, roles []string
	var email string
	list := &cobra.Command{
		Use:     "list",
		Short:   "List invites, most recent first",
		Example: "  anthropic-admin invites list --status pending\n  anthropic-admin invites list --status expired --status pending -o csv",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			checkedStatuses, err := inviteStatuses.parseAll(cmd, "status", statuses)
			if err != nil {
				return err
			}
			checkedRoles, err := orgRoles.parseAll(cmd, "role", roles)
			if err != nil {
				return err
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			params := admin.InviteListParams{Cursor: admin.Cursor{Limit: pageSize(a.flags.maxItems)}, Email: email, Statuses: wire[admin.InviteStatus](checkedStatuses),
				Roles: wire[admin.OrgRole](checkedRoles)}
			items, err := collect(a, cmd.Context(), c.Invites.List(params), "invites")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, inviteRaw, a.inviteColumns())
		},
	}
	list.Flags().StringSliceVar(&statuses, "status", nil, "only invites in this status: "+inviteStatuses.known()+" (repeatable)")
	list.Flags().StringVar(&email, "email", "", "only invites sent to this email")
	list.Flags().StringSliceVar(&roles, "role", nil, "only invites for this role: "+orgRoles.known()+" (repeatable)")

	get := &cobra.Command{
		Use:     "get INVITE",
		Short:   "Show an invite (by ID, or by email: the pending invite to it)",
		Example: "  anthropic-admin invites get new.hire@acme-robotics.example",
		Args:    exactArgs("INVITE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, id, err := a.inviteArg(cmd, args[0])
			if err != nil {
				return err
			}
			inv, err := c.Invites.Get(cmd.Context(), id)
			if err != nil {
				return err
			}
			cols := append(a.inviteColumns(), output.Column[admin.Invite]{Header: "accepted", Field: "accepted_at", Fit: output.FitKeep,
				Text:  func(i admin.Invite) string { return a.whenPtr(i.AcceptedAt, "-") },
				Value: func(i admin.Invite) string { return rfc3339Ptr(i.AcceptedAt) }})
			return printOne(a, cmd, *inv, inviteRaw, cols)
		},
	}

	var newEmail, newRole string
	create := &cobra.Command{
		Use:     "create --email EMAIL --role ROLE",
		Short:   "Invite someone to the organization by email",
		Example: "  anthropic-admin invites create --email sam.taylor@acme-robotics.example --role developer",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch {
			case newEmail == "":
				return usageErr(cmd, "--email is required")
			case newRole == "":
				return usageErr(cmd, "--role is required")
			}
			role, err := assignableOrgRoles.parse(cmd, "role", newRole)
			if err != nil {
				return err
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			inv, err := c.Invites.Create(cmd.Context(), admin.InviteCreateParams{Email: newEmail, Role: admin.OrgRole(role)})
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *inv, inviteRaw, a.inviteColumns())
		},
	}
	create.Flags().StringVar(&newEmail, "email", "", "the address to invite")
	create.Flags().StringVar(&newRole, "role", "", "organization role: "+assignableOrgRoles.known())

	var delStatuses []string
	var delAll bool
	del := &cobra.Command{
		Use:     "delete INVITE... | --status STATUS --all-matching",
		Aliases: []string{"rm"},
		Short:   "Withdraw invites (by ID or email, or every one in a status; asks first)",
		Example: "  anthropic-admin invites delete contractor@partner.example\n  anthropic-admin invites delete old.candidate@acme-robotics.example intern@acme-robotics.example --yes\n" +
			"  anthropic-admin invites delete --status expired --all-matching --yes",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case delAll && len(args) > 0:
				return usageErr(cmd, "give invites or --all-matching, not both")
			case delAll && len(delStatuses) == 0:
				return usageErr(cmd, "--all-matching needs --status (such as --status expired)")
			case !delAll && len(delStatuses) > 0:
				return usageErr(cmd, "--status selects invites only with --all-matching")
			case !delAll && len(args) == 0:
				return usageErr(cmd, "name the invites to delete, or select them with --status and --all-matching")
			}
			var c *admin.Client
			var targets []target
			if delAll {
				checked, err := inviteStatuses.parseAll(cmd, "status", delStatuses)
				if err != nil {
					return err
				}
				if c, err = a.clientFor(cmd.Context()); err != nil {
					return err
				}
				found, err := c.Invites.List(admin.InviteListParams{Cursor: admin.Cursor{Limit: 1000}, Statuses: wire[admin.InviteStatus](checked)}).Collect(cmd.Context())
				if err != nil {
					return err
				}
				for _, inv := range found {
					if inv.Status != admin.InviteStatusAccepted { // accepted invites cannot be deleted
						targets = append(targets, target{id: inv.ID, label: inv.Email})
					}
				}
				if len(targets) == 0 {
					fmt.Fprintln(a.env.Stderr, "no invites match")
					return nil
				}
			} else {
				targets = make([]target, len(args))
				for i, arg := range args {
					var err error
					if c, targets[i].id, err = a.inviteArg(cmd, arg); err != nil {
						return err
					}
					targets[i].label = arg
				}
			}
			return a.applyAll(cmd, change{noun: "invite", verb: "delete", done: "deleted", ask: true}, targets,
				func(ctx context.Context, id string) error {
					_, err := c.Invites.Delete(ctx, id)
					return err
				})
		},
	}
	del.Flags().StringSliceVar(&delStatuses, "status", nil, "with --all-matching, the invites in this status: pending or expired (repeatable)")
	del.Flags().BoolVar(&delAll, "all-matching", false, "delete every invite --status selects (lists them and asks first)")
	invites.AddCommand(lists(list), get, create, del)
	return invites
}

// inviteArg resolves an invite given by ID or by email. Several invites
// may have gone to one address over time (expired, accepted): the pending
// one is meant when there is exactly one, and otherwise the only one.
func (a *app) inviteArg(cmd *cobra.Command, arg string) (*admin.Client, string, error) {
	c, err := a.clientFor(cmd.Context())
	if err != nil || !strings.Contains(arg, "@") {
		return c, arg, err
	}
	found, err := byEmail(cmd.Context(), arg,
		func(email string) *admin.List[admin.Invite] {
			return c.Invites.List(admin.InviteListParams{Email: email, Cursor: admin.Cursor{Limit: 100}})
		},
		func(i admin.Invite) string { return i.Email })
	if err != nil {
		return nil, "", err
	}
	if pending := slices.DeleteFunc(slices.Clone(found), func(i admin.Invite) bool { return i.Status != admin.InviteStatusPending }); len(pending) == 1 {
		return c, pending[0].ID, nil
	}
	inv, err := onlyOne(cmd, found, func(i admin.Invite) string { return i.ID }, "no invite was sent to "+arg, "invites were sent to "+arg)
	return c, inv.ID, err
}
