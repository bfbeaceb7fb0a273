package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// complianceStates are what compliance set takes.
var complianceStates = valueSet{what: "compliance state", values: values(admin.ComplianceEnabled, admin.ComplianceDisabled)}

var complianceColumns = []output.Column[admin.ComplianceSettings]{
	{Header: "compliance api", Field: "state_type", Fit: output.FitKeep, Text: func(s admin.ComplianceSettings) string { return string(s.State.Type) }},
}

func complianceRaw(s admin.ComplianceSettings) json.RawMessage { return s.RawJSON() }

func (a *app) complianceCommand() *cobra.Command {
	comp := &cobra.Command{
		Use:   "compliance",
		Short: "Whether the organization's Compliance API is on",
	}

	show := &cobra.Command{
		Use:     "show",
		Short:   "Show whether the Compliance API is enabled",
		Example: "  anthropic-admin compliance show\n  anthropic-admin compliance show -o json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			s, err := c.ComplianceSettings.Get(cmd.Context())
			if err != nil {
				return err
			}
			return printOne(a, cmd, *s, complianceRaw, complianceColumns)
		},
	}

	set := &cobra.Command{
		Use:   "set enabled|disabled",
		Short: "Turn the Compliance API on or off (asks first)",
		Example: "  anthropic-admin compliance set disabled --yes\n" +
			"  anthropic-admin compliance set enabled --dry-run",
		Args: exactArgs("STATE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			state, err := complianceStates.parse(cmd, "state", args[0])
			if err != nil {
				return err
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			cur, err := c.ComplianceSettings.Get(cmd.Context())
			if err != nil {
				return err
			}
			if string(cur.State.Type) == state {
				fmt.Fprint(a.env.Stderr, output.Safef("the Compliance API is %s already; nothing to change\n", state))
				return printOne(a, cmd, *cur, complianceRaw, complianceColumns)
			}
			if err := a.confirm(cmd, fmt.Sprintf("turn the organization's Compliance API from %s to %s", cur.State.Type, state)); err != nil {
				return err
			}
			got, err := c.ComplianceSettings.Update(cmd.Context(), admin.ComplianceSettingsUpdateParams{State: admin.ComplianceState(state)})
			if err != nil || a.flags.dryRun {
				return err
			}
			fmt.Fprint(a.env.Stderr, output.Safef("the Compliance API is now %s\n", got.State.Type))
			return printOne(a, cmd, *got, complianceRaw, complianceColumns)
		},
	}

	comp.AddCommand(show, set)
	return comp
}
