package cli

import (
	"bytes"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin/audit"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

func (a *app) auditCommand() *cobra.Command {
	var failOn, expiring, unused, inviteAge string
	var domains []string
	var maxAdmins int
	var spendAbove float64
	var fix, sarif bool
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Review keys, invites, members, workspaces and spend; --fix cleans up what is safe",
		Long: `audit lists what needs attention, most severe first, each with the object,
why and the command that fixes it: expired or inactive keys not archived,
keys with no expiry or expiring soon, keys unused for a while, keys whose
creator has left or whose workspace is archived, stale or expired invites,
members and invites outside --allowed-domains, too many admins, members in
no workspace, workspaces with neither rate nor spend limits, and members
near their spend limit. A check the organization or credential cannot
answer is noted as not checked.

Output: a table grouped by severity, -o json, -o csv, or --sarif (SARIF
2.1.0, for code-scanning dashboards). --fail-on exits 8 when a finding of
that severity or worse exists, for scheduled jobs. --fix plans the safe
fixes (archive expired keys, delete expired invites) and applies them like
any plan (asks first; --dry-run shows the plan).`,
		Example: "  anthropic-admin audit\n  anthropic-admin audit --allowed-domains acme-robotics.example --fail-on high   # exits 8 when a high finding exists\n" +
			"  anthropic-admin audit --sarif > audit.sarif\n  anthropic-admin audit --fix --dry-run",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts := audit.Options{Now: a.now, AllowedDomains: domains, MaxAdmins: maxAdmins, SpendAbove: spendAbove}
			for _, w := range []struct {
				flag, v string
				into    *time.Duration
			}{{"expiring-within", expiring, &opts.ExpiringWithin}, {"unused-for", unused, &opts.UnusedFor}, {"invite-age", inviteAge, &opts.InviteAge}} {
				var err error
				if *w.into, err = parseDays(cmd, w.flag, w.v); err != nil {
					return err
				}
			}
			var threshold audit.Severity
			if failOn != "" {
				var err error
				if threshold, err = audit.ParseSeverity(failOn); err != nil {
					return usageErr(cmd, "--fail-on %q: use high, medium or low", failOn)
				}
			}
			format, err := a.format(cmd)
			if err != nil {
				return err
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			rep, err := audit.Run(cmd.Context(), c, opts)
			if err != nil {
				return err
			}
			if fix {
				return a.runPlan(cmd, audit.Fix(rep), "apply the audit's safe fixes")
			}
			if sarif {
				format = "sarif"
			}
			if err := a.writeSafe(format, func(b *bytes.Buffer) error {
				switch format {
				case "sarif":
					return rep.WriteSARIF(b)
				case output.CSV:
					return rep.WriteCSV(b, a.out.CSVCell)
				case output.Table:
					return rep.WriteTable(b)
				}
				return rep.WriteJSON(b)
			}); err != nil {
				return err
			}
			if threshold != "" && rep.Worst(threshold) {
				return &exitError{code: ExitFindings, label: "audit", err: fmt.Errorf("findings of severity %s or worse: %d high, %d medium, %d low",
					threshold, rep.Count(audit.High), rep.Count(audit.Medium), rep.Count(audit.Low))}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&failOn, "fail-on", "", "exit 8 when a finding of this severity or worse exists: high, medium or low")
	f.StringSliceVar(&domains, "allowed-domains", nil, "email domains members and invites may have (repeatable, comma-separated)")
	f.StringVar(&expiring, "expiring-within", "30d", "flag active keys expiring within this window")
	f.StringVar(&unused, "unused-for", "30d", "flag active keys with no usage for this long")
	f.StringVar(&inviteAge, "invite-age", "14d", "flag pending invites older than this")
	f.IntVar(&maxAdmins, "max-admins", 3, "flag more admins than this")
	f.Float64Var(&spendAbove, "spend-above", 70, "flag members who have spent more than this percent of their limit")
	f.BoolVar(&fix, "fix", false, "plan the safe fixes (archive expired keys, delete expired invites) and apply them")
	f.BoolVar(&sarif, "sarif", false, "write SARIF 2.1.0 (for code-scanning dashboards) instead of -o")
	return cmd
}
