package cli

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/render"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/orgcode"
)

func (a *app) demoCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Walk through the main job on a built-in demo organization (no key needed)",
		Long: `demo starts the built-in fake of the Admin API with a demo organization and
walks through what an admin checks first: who am I, the members, the
workspaces, the API keys that need attention, the last 30 days' spend by
workspace, and the keys and members who spent most this month, and the
organization as a file with the plan an edit of it makes. Then it shows how to point the same commands at a real
organization.`,
		Example: "  anthropic-admin demo",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.flags.fake = true
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			return a.runDemo(cmd.Context(), c)
		},
	}
}

// demoWriter writes the walk-through: section headings, indented lines.
type demoWriter struct {
	w     io.Writer
	color bool
}

func (d demoWriter) heading(s string) {
	if d.color {
		fmt.Fprintf(d.w, "\n\x1b[1m▸ %s\x1b[0m\n", s)
		return
	}
	fmt.Fprintf(d.w, "\n▸ %s\n", s)
}

func (d demoWriter) line(format string, args ...any) {
	fmt.Fprint(d.w, output.Safef("  "+format+"\n", args...))
}

func (a *app) runDemo(ctx context.Context, c *admin.Client) error {
	d := demoWriter{w: a.env.Stdout, color: a.color()}
	fmt.Fprintln(d.w, "anthropic-admin demo: the main job, on a built-in demo organization (no key, nothing leaves this machine)")

	org, err := c.Organization.Get(ctx)
	if err != nil {
		return err
	}
	d.heading("Who am I")
	d.line("Organization  %s", org.Name)
	d.line("ID            %s", org.ID)
	d.line("Credential    admin API key (the demo's)")
	d.line("$ anthropic-admin whoami")

	users, err := c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1000}}).Collect(ctx)
	if err != nil {
		return err
	}
	invites, err := c.Invites.List(admin.InviteListParams{Cursor: admin.Cursor{Limit: 1000}, Statuses: []admin.InviteStatus{admin.InviteStatusPending, admin.InviteStatusExpired}}).Collect(ctx)
	if err != nil {
		return err
	}
	d.heading(fmt.Sprintf("Members (%d)", len(users)))
	d.line("%s", roleSummary(users))
	if len(users) > 0 {
		newest := users[0] // the API lists the newest first
		d.line("Newest: %s <%s>, joined %s", newest.Name, newest.Email, a.when(newest.AddedAt))
	}
	pending, expired := 0, 0
	for _, inv := range invites {
		if inv.Status == admin.InviteStatusExpired {
			expired++
		} else {
			pending++
		}
	}
	d.line("Invites: %d pending, %d expired (clean up with: anthropic-admin invites delete --status expired --all-matching)", pending, expired)
	d.line("$ anthropic-admin users list --role developer")

	workspaces, err := c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1000}, IncludeArchived: true}).Collect(ctx)
	if err != nil {
		return err
	}
	keys, err := c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 1000}}).Collect(ctx)
	if err != nil {
		return err
	}
	activeKeys := map[string]int{}
	for _, k := range keys {
		if k.Status == admin.APIKeyStatusActive {
			activeKeys[k.WorkspaceID()]++
		}
	}
	archived := 0
	var rows [][]string
	for _, w := range workspaces {
		state := "active"
		if w.Archived() {
			state, archived = "archived "+a.when(*w.ArchivedAt), archived+1
		}
		members, err := c.Workspaces.Members.List(w.ID, admin.WorkspaceMemberListParams{Cursor: admin.Cursor{Limit: 1000}}).Collect(ctx)
		if err != nil {
			return err
		}
		rows = append(rows, []string{w.Name, fmt.Sprint(len(members)), fmt.Sprint(activeKeys[w.ID]), state})
	}
	d.heading(fmt.Sprintf("Workspaces (%d active, %d archived)", len(workspaces)-archived, archived))
	a.out.ReportTable("  ", []string{"NAME", "MEMBERS", "ACTIVE KEYS", "STATE"}, rows, 1, 2)
	d.line("$ anthropic-admin workspaces list --include-archived")

	d.heading("API keys that need attention")
	attention := a.keysNeedingAttention(keys, users)
	if len(attention) == 0 {
		d.line("none: every key is active, recent and owned by a current member")
	} else {
		const shown = 8
		var krows [][]string
		for _, k := range attention[:min(shown, len(attention))] {
			krows = append(krows, []string{k.key.Name, a.names.workspace(ctx, k.key.WorkspaceID()), string(k.key.Status), k.why})
		}
		a.out.ReportTable("  ", []string{"KEY", "WORKSPACE", "STATUS", "WHY"}, krows)
		if len(attention) > shown {
			d.line("… and %d more", len(attention)-shown)
		}
	}
	d.line("$ anthropic-admin api-keys deactivate KEY   (asks first; --dry-run shows what it would send)")

	if err := a.demoSpend(ctx, c, d); err != nil {
		return err
	}
	if err := a.demoWho(ctx, c, d); err != nil {
		return err
	}
	if err := a.demoWorkflows(ctx, c, d); err != nil {
		return err
	}
	if err := a.demoOrgCode(ctx, c, d); err != nil {
		return err
	}

	d.heading("Now point it at your organization")
	d.line("export ANTHROPIC_ADMIN_KEY=sk-ant-admin01-...   # Console → Settings → Admin keys")
	d.line("anthropic-admin whoami")
	d.line("anthropic-admin users list")
	d.line("anthropic-admin api-keys list --status active")
	d.line("anthropic-admin cost --since 30d --by workspace")
	d.line("Any command also runs here with --fake, e.g.: anthropic-admin --fake workspaces list")
	return nil
}

// demoOrgCode shows the organization as a file, and the plan an edit of it
// makes (nothing is applied).
func (a *app) demoOrgCode(ctx context.Context, c *admin.Client, d demoWriter) error {
	_, oauth, err := a.oauthClient(ctx)
	if err != nil {
		return err
	}
	st, err := orgcode.Read(ctx, c, oauth...)
	if err != nil {
		return err
	}
	f := orgcode.Export(st)
	text, err := orgcode.Marshal(f)
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
	d.heading("Organization as code")
	d.line("$ anthropic-admin export > org.yaml   (%d lines: %s)", len(lines), strings.Join(f.Sections(), ", "))
	for _, l := range lines[:6] {
		d.line("  %s", l)
	}
	d.line("  …")
	// The edit: a new member for Staging, and Production's env tag.
	for i := range f.Workspaces.Items {
		switch w := &f.Workspaces.Items[i]; w.Name {
		case "Staging":
			w.Members = append(w.Members, orgcode.WorkspaceMember{Email: emailOf(st, "Ingrid Olsen"), Role: admin.WorkspaceRoleDeveloper})
		case "Production":
			w.Tags["env"] = "production"
		}
	}
	edited, err := orgcode.Marshal(f)
	if err != nil {
		return err
	}
	src, err := orgcode.Parse("org.yaml", edited)
	if err != nil {
		return err
	}
	p, err := orgcode.MakePlan(src, st)
	if err != nil {
		return err
	}
	d.line("Edit it (here: Ingrid Olsen joins Staging, Production's env tag becomes production), then:")
	d.line("$ anthropic-admin plan -f org.yaml")
	var b strings.Builder
	if err := p.WriteText(&b, false); err != nil {
		return err
	}
	for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if !strings.HasPrefix(l, " ") {
			l = "  " + l // the summary, under the changes
		}
		if strings.TrimSpace(l) != "" {
			d.line("%s", l)
		}
	}
	d.line("$ anthropic-admin apply -f org.yaml   (asks first, then prints each change as it lands)")
	return nil
}

// emailOf is the email of the member named name.
func emailOf(st *orgcode.State, name string) string {
	for _, u := range st.Users {
		if u.Name == name {
			return u.Email
		}
	}
	return name
}

func roleSummary(users []admin.User) string {
	counts := map[admin.OrgRole]int{}
	for _, u := range users {
		counts[u.Role]++
	}
	roles := slices.Collect(func(yield func(admin.OrgRole) bool) {
		for r := range counts {
			if !yield(r) {
				return
			}
		}
	})
	slices.SortFunc(roles, func(x, y admin.OrgRole) int {
		return cmp.Or(counts[y]-counts[x], strings.Compare(string(x), string(y)))
	})
	var parts []string
	for _, r := range roles {
		parts = append(parts, fmt.Sprintf("%d %s", counts[r], r))
	}
	return strings.Join(parts, " · ")
}

type keyAttention struct {
	key  admin.APIKey
	why  string
	rank int // most urgent first
}

// keysNeedingAttention picks the keys an admin should look at: expired or
// expiring soon, switched off but kept, old keys that never expire, and
// keys whose creator has left.
func (a *app) keysNeedingAttention(keys []admin.APIKey, users []admin.User) []keyAttention {
	members := map[string]bool{}
	for _, u := range users {
		members[u.ID] = true
	}
	now := a.now()
	var out []keyAttention
	for _, k := range keys {
		var why string
		var rank int
		switch {
		case k.Status == admin.APIKeyStatusActive && k.ExpiresAt != nil && k.ExpiresAt.Sub(now) < 30*24*time.Hour:
			why, rank = "expires "+a.when(*k.ExpiresAt)+"; rotate it", 0
		case k.Status == admin.APIKeyStatusActive && k.CreatedBy != nil && k.CreatedBy.Type == admin.APIKeyCreatorUser && !members[k.CreatedBy.ID]:
			why, rank = "its creator is no longer a member", 1
		case k.Status == admin.APIKeyStatusExpired:
			why, rank = "expired "+a.whenPtr(k.ExpiresAt, "")+"; archive it", 2
		case k.Status == admin.APIKeyStatusInactive:
			why, rank = "inactive; archive it if nobody needs it", 3
		case k.Status == admin.APIKeyStatusActive && k.ExpiresAt == nil && now.Sub(k.CreatedAt) > 180*24*time.Hour:
			why, rank = fmt.Sprintf("never expires and is %d days old; rotate it", int(now.Sub(k.CreatedAt).Hours()/24)), 4
		default:
			continue
		}
		out = append(out, keyAttention{key: k, why: why, rank: rank})
	}
	slices.SortStableFunc(out, func(x, y keyAttention) int { return x.rank - y.rank })
	return out
}

// demoSpend shows the last 30 days' spend by workspace, largest first: the
// table of the cost command, from the same library summary.
func (a *app) demoSpend(ctx context.Context, c *admin.Client, d demoWriter) error {
	now := a.now().UTC()
	r, err := admin.ParseTimeRange(defaultSince, "", "", now)
	if err != nil {
		return err
	}
	sum, err := a.costSummary(ctx, c, costQuery{r: r, byWorkspace: true}, costByWorkspace.field, now)
	if err != nil {
		return err
	}
	d.heading(fmt.Sprintf("Spend, last 30 days and today so far, by workspace: %s", render.Dollars(sum.Total)))
	head, rows, right, note := a.spendTable(ctx, sum, costByWorkspace, false, 0)
	a.out.ReportTable("  ", head, rows, right...)
	if note != "" {
		d.line("%s", note)
	}
	if note := pendingSpend(sum); note != "" {
		d.line("%s", note)
	}
	d.line("$ anthropic-admin cost --since 30d --by workspace")
	return nil
}

// demoWho shows who spent most this month: the five keys and the five
// members with the most spend, from the analytics API, each table with the
// rest summed so its total is the month's.
func (a *app) demoWho(ctx context.Context, c *admin.Client, d demoWriter) error {
	now := a.now().UTC()
	r, err := admin.ParseTimeRange("mtd", "", "", now)
	if err != nil {
		return err
	}
	for _, dim := range []costDim{costByAPIKey, costByUser} {
		sum, err := a.analyticsCostSummary(ctx, c, analyticsCostQuery{r: r, dim: dim}, now)
		if err != nil {
			return err
		}
		d.heading(fmt.Sprintf("Top 5 %s by spend this month so far: %s in all (usage & cost analytics)", dim.plural, render.Dollars(sum.Total)))
		head, rows, right, note := a.spendTable(ctx, sum, dim, false, 5)
		a.out.ReportTable("  ", head, rows, right...)
		if note != "" {
			d.line("%s", note)
		}
		if note := pendingSpend(sum); note != "" {
			d.line("%s", note)
		}
		d.line("$ anthropic-admin cost --month-to-date --by %s --top 5", dim.flag)
	}
	return nil
}
