package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin/offboard"
)

func (a *app) offboardCommand() *cobra.Command {
	var keys, since string
	var keepMember bool
	cmd := &cobra.Command{
		Use:   "offboard EMAIL...",
		Short: "Plan and carry out what happens when people leave (asks first)",
		Long: `offboard finds, for each email, the member and any pending invite, the API
keys they created, their workspace memberships, and plans: delete the
pending invites, deactivate their active keys (--keys), take them out of
their workspaces, sign them out and remove them from the organization
(--keep-member keeps the membership). A key used within --since-usage is
flagged. Admins, whom the API does not remove, are refused before anything
changes. --dry-run prints the plan only; otherwise -o json prints the
result for a ticket: each change with its reason, status and request IDs.
Running it again after a failure finishes the job.`,
		Example: "  anthropic-admin offboard jonas.becker@acme-robotics.example contractor@partner.example --dry-run\n" +
			"  anthropic-admin offboard jonas.becker@acme-robotics.example --keys archive --yes -o json",
		Args: someArgs("EMAIL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			window, err := parseDays(cmd, "since-usage", since)
			if err != nil {
				return err
			}
			mode := offboard.KeyAction(keys)
			if mode != offboard.KeysDeactivate && mode != offboard.KeysArchive && mode != offboard.KeysKeep {
				return usageErr(cmd, "--keys %q: use deactivate, archive or keep", keys)
			}
			c, oauth, err := a.oauthClient(cmd.Context())
			if err != nil {
				return err
			}
			plan, err := offboard.Plan(cmd.Context(), c, args, offboard.Options{Keys: mode, KeepMember: keepMember, SinceUsage: window, Now: a.now, OAuth: oauth})
			if err != nil {
				return err
			}
			return a.runPlan(cmd, plan, "offboard "+strings.Join(args, ", "))
		},
	}
	cmd.Flags().StringVar(&keys, "keys", "deactivate", "what to do with the API keys they created: deactivate, archive or keep")
	cmd.Flags().BoolVar(&keepMember, "keep-member", false, "revoke access (workspaces, sessions, keys) but keep the organization membership")
	cmd.Flags().StringVar(&since, "since-usage", "7d", "flag keys used within this window (days or weeks; 0 to skip the check)")
	return cmd
}
