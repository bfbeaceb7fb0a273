package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin/access"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

func (a *app) accessCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "access USER|WORKSPACE|KEY",
		Short: "Who can reach what: a member's, a workspace's or a key's access",
		Long: `access USER (email or ID) shows the member's organization role, workspaces
with roles, the keys they created with status and last use, and their spend
limits. access WORKSPACE (name or ID) shows its members with roles and its
keys with their creators. access KEY (name or ID) shows its workspace,
creator (still a member?), status, expiry, last use and partial_key_hint.
Last use is the last day with usage in the past 30 days.`,
		Example: "  anthropic-admin access jonas.becker@acme-robotics.example\n  anthropic-admin access Production\n  anthropic-admin access prod-batch-worker",
		Args:    exactArgs("TARGET"),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.format(cmd)
			if err != nil {
				return err
			}
			c, oauth, err := a.oauthClient(cmd.Context())
			if err != nil {
				return err
			}
			ctx, arg, opts := cmd.Context(), args[0], access.Options{Now: a.now, OAuth: oauth}
			var v any
			var table func(*bytes.Buffer)
			switch {
			case strings.Contains(arg, "@") || strings.HasPrefix(arg, "user_"):
				u, err := access.User(ctx, c, arg, opts)
				if err != nil {
					return err
				}
				v, table = u, func(b *bytes.Buffer) { a.userAccessTable(b, u) }
			case strings.HasPrefix(arg, "apikey_"):
				k, err := access.APIKey(ctx, c, arg, opts)
				if err != nil {
					return err
				}
				v, table = k, func(b *bytes.Buffer) { a.keysTable(b, []access.Key{*k}) }
			default:
				// A workspace by ID or name; else a key by name.
				w, err := access.Workspace(ctx, c, arg, opts)
				if err == nil {
					v, table = w, func(b *bytes.Buffer) { a.workspaceAccessTable(b, w) }
					break
				}
				k, kerr := access.APIKey(ctx, c, arg, opts)
				if kerr != nil {
					return &exitError{code: ExitNotFound, err: fmt.Errorf("no member, workspace or API key %q", arg)}
				}
				v, table = k, func(b *bytes.Buffer) { a.keysTable(b, []access.Key{*k}) }
			}
			return a.writeAccess(format, v, table)
		},
	}
}

// writeAccess prints v as JSON, or the table for a person.
func (a *app) writeAccess(format string, v any, table func(*bytes.Buffer)) error {
	if format != output.Table {
		format = output.JSON
	}
	return a.writeSafe(format, func(b *bytes.Buffer) error {
		if format == output.Table {
			table(b)
			return nil
		}
		enc := json.NewEncoder(b)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	})
}

func (a *app) userAccessTable(b *bytes.Buffer, u *access.UserAccess) {
	fmt.Fprintf(b, "%s (%s, %s)\norganization role: %s\n\nWORKSPACES\n", u.User.Email, u.User.Name, u.User.ID, u.User.Role)
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	for _, m := range u.Workspaces {
		fmt.Fprintf(tw, "  %s\t%s\n", m.Workspace.String(), m.Role)
	}
	if len(u.Workspaces) == 0 {
		fmt.Fprintln(tw, "  none")
	}
	tw.Flush()
	if u.Groups != nil {
		fmt.Fprintln(b, "\nRBAC GROUPS")
		for _, g := range u.Groups {
			fmt.Fprintf(b, "  %s\n", g.String())
		}
		if len(u.Groups) == 0 {
			fmt.Fprintln(b, "  none")
		}
	}
	fmt.Fprintln(b, "\nKEYS CREATED")
	a.keysTable(b, u.Keys)
	fmt.Fprintln(b, "\nSPEND LIMITS")
	for _, s := range u.SpendLimits {
		limit := "none"
		if s.Amount != nil {
			limit = "$" + s.Amount.DollarString(2)
		}
		fmt.Fprintf(b, "  %s: $%s of %s\n", s.Period, s.PeriodToDateSpend.DollarString(2), limit)
	}
	for _, n := range u.Notes {
		fmt.Fprintf(b, "note: %s\n", n)
	}
}

func (a *app) workspaceAccessTable(b *bytes.Buffer, w *access.WorkspaceAccess) {
	fmt.Fprintf(b, "%s (%s)\n\nMEMBERS\n", w.Workspace.Name, w.Workspace.ID)
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	for _, m := range w.Members {
		fmt.Fprintf(tw, "  %s\t%s\n", m.User.String(), m.Role)
	}
	tw.Flush()
	if w.ServiceAccounts != nil {
		fmt.Fprintln(b, "\nSERVICE ACCOUNTS")
		tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
		for _, m := range w.ServiceAccounts {
			fmt.Fprintf(tw, "  %s (%s)\t%s\n", m.Name, m.ID, m.Role)
		}
		if len(w.ServiceAccounts) == 0 {
			fmt.Fprintln(tw, "  none")
		}
		tw.Flush()
	}
	fmt.Fprintln(b, "\nKEYS")
	a.keysTable(b, w.Keys)
	for _, n := range w.Notes {
		fmt.Fprintf(b, "note: %s\n", n)
	}
}

func (a *app) keysTable(b *bytes.Buffer, keys []access.Key) {
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  NAME\tID\tSTATUS\tWORKSPACE\tCREATOR\tEXPIRES\tLAST USED\tHINT")
	for _, k := range keys {
		creator := "-"
		if k.Creator != nil {
			creator = k.Creator.String()
			if !k.CreatorIsMember {
				creator += " (not a member)"
			}
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.Name, k.ID, k.Status, k.Workspace.Name, creator,
			day(k.ExpiresAt, "never"), day(k.LastUsed, "not in 30 days"), k.PartialKeyHint)
	}
	tw.Flush()
}

func day(t *time.Time, none string) string {
	if t == nil {
		return none
	}
	return t.Format(time.DateOnly)
}
