package orgcode_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/orgcode"
)

// Export then plan shows no changes, on every seed; the export holds what
// the organization holds.
func TestExportThenPlanHasNoChanges(t *testing.T) {
	for _, tc := range []struct {
		name                      string
		seed                      admintest.Seed
		members, workspaces, keys int
	}{
		{"demo", admintest.Demo(), 25, 6, 43},
		{"empty", admintest.Empty(), 1, 1, 0},
		{"large", admintest.Large(), 1000, 100, 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := newServer(t, tc.seed)
			st := read(t, c)
			f := exported(t, st)
			if len(f.Members.Items) != tc.members || len(f.Workspaces.Items) != tc.workspaces || len(f.APIKeys.Items) != tc.keys {
				t.Errorf("export has %d members, %d workspaces, %d keys; want %d, %d, %d",
					len(f.Members.Items), len(f.Workspaces.Items), len(f.APIKeys.Items), tc.members, tc.workspaces, tc.keys)
			}
			p := planOf(t, f, st)
			if len(p.Changes) != 0 {
				t.Errorf("plan of the export has changes:\n%s", planText(t, p))
			}
			if !strings.HasPrefix(planText(t, p), "No changes") {
				t.Errorf("summary = %q", planText(t, p))
			}
		})
	}
}

// Reading the organization for a plan costs a request per list page: the
// lists of members, invites, workspaces (twice: with and without the
// default), keys, spend limits and organization rate limits, and each
// active workspace's members and rate limits. Never a request per member
// or key.
func TestPlanRequestsArePages(t *testing.T) {
	srv, c := newServer(t, admintest.Large())
	srv.ResetRequests()
	st := read(t, c)
	reqs := srv.Requests()
	active := 0
	for _, w := range st.Workspaces {
		if !w.Archived() {
			active++
		}
	}
	// organization, users, workspaces ×2, org rate limits, keys, spend
	// limits, RBAC groups (it has none) and roles, service accounts (it
	// has none), federation issuers and rules (none), invites: one page
	// each at 1,000 (100) a page.
	want := 13 + 2*active
	if len(reqs) != want {
		t.Errorf("%d requests to read 1,000 members, 100 workspaces and 500 keys; want %d", len(reqs), want)
	}
	for _, r := range reqs {
		if r.Method != "GET" {
			t.Errorf("reading sent %s %s", r.Method, r.Path)
		}
		if strings.Contains(r.Path, "/users/") || strings.Contains(r.Path, "/api_keys/") || strings.Contains(r.Path, "/members/") {
			t.Errorf("reading fetched one object: %s", r.Path)
		}
	}
	t.Logf("plan on the large organization: %d requests (%d active workspaces)", len(reqs), active)
}

// edit is a change to the demo's export and the plan it makes.
type edit struct {
	name string
	edit func(t *testing.T, f *orgcode.File)
}

var edits = []edit{
	{"workspace_create", func(t *testing.T, f *orgcode.File) {
		f.Workspaces.Items = append(f.Workspaces.Items, orgcode.Workspace{Name: "Marketing", DisplayColor: "#336699",
			Tags:          map[string]string{"team": "marketing"},
			DataResidency: &orgcode.DataResidency{WorkspaceGeo: "us", AllowedInferenceGeos: &orgcode.Geos{List: []admin.InferenceGeo{"us"}}, DefaultInferenceGeo: "us"},
			Members:       []orgcode.WorkspaceMember{{Email: "jonas.becker@acme-robotics.example", Role: "workspace_admin"}},
			RateLimits:    map[string]map[admin.RateLimiterType]int64{"Claude Sonnet 4.x": {"requests_per_minute": 500}}})
		f.SpendLimits.Workspaces["Marketing"] = map[admin.SpendLimitPeriod]orgcode.USD{"monthly": "2500.50"}
	}},
	{"workspace_update", func(t *testing.T, f *orgcode.File) {
		w := item(t, f.Workspaces.Items, func(w orgcode.Workspace) bool { return w.Name == "Production" })
		w.Tags["env"] = "production"
		w.DisplayColor = "#AA0000"
		r := item(t, f.Workspaces.Items, func(w orgcode.Workspace) bool { return w.Name == "Research" })
		r.DataResidency.AllowedInferenceGeos = &orgcode.Geos{Unrestricted: true}
		r.DataResidency.DefaultInferenceGeo = "global"
	}},
	{"workspace_prune", func(t *testing.T, f *orgcode.File) {
		f.Workspaces.Prune = true
		f.Workspaces.Items = f.Workspaces.Items[:len(f.Workspaces.Items)-3] // drops Research and Support Assistant (and the archived one)
		w := item(t, f.Workspaces.Items, func(w orgcode.Workspace) bool { return w.Name == "Production" })
		delete(w.Tags, "cost-center")
		w.Members = w.Members[1:]
		for _, a := range f.ServiceAccounts.Items { // the accounts leave the archived workspaces too
			delete(a.Workspaces, "Research")
			delete(a.Workspaces, "Support Assistant")
		}
	}},
	{"workspace_members", func(t *testing.T, f *orgcode.File) {
		w := item(t, f.Workspaces.Items, func(w orgcode.Workspace) bool { return w.Name == "Staging" })
		w.Members[0].Role = "workspace_admin"
		w.Members = append(w.Members, orgcode.WorkspaceMember{Email: "ingrid.olsen@acme-robotics.example", Role: "workspace_developer"})
	}},
	{"rate_limits", func(t *testing.T, f *orgcode.File) {
		w := item(t, f.Workspaces.Items, func(w orgcode.Workspace) bool { return w.Name == "Staging" })
		w.RateLimits = map[string]map[admin.RateLimiterType]int64{"Claude Opus 4.x": {"requests_per_minute": 100, "output_tokens_per_minute": 20000}, "files": {"requests_per_minute": 50}}
	}},
	{"members", func(t *testing.T, f *orgcode.File) {
		item(t, f.Members.Items, func(m orgcode.Member) bool { return m.Name == "Ethan Brooks" }).Role = "developer"
		f.Members.Prune = true
		f.Members.Items = slicesDelete(f.Members.Items, func(m orgcode.Member) bool { return m.Name == "Tomás Silva" })
		for i, w := range f.Workspaces.Items {
			f.Workspaces.Items[i].Members = slicesDelete(w.Members, func(m orgcode.WorkspaceMember) bool { return strings.HasPrefix(m.Email, "tomas.silva@") })
		}
		for i, g := range f.RBACGroups.Items {
			f.RBACGroups.Items[i].Members = slicesDelete(g.Members, func(email string) bool { return strings.HasPrefix(email, "tomas.silva@") })
		}
	}},
	{"api_keys", func(t *testing.T, f *orgcode.File) {
		item(t, f.APIKeys.Items, func(k orgcode.APIKey) bool { return k.Name == "prod-legacy-gateway" }).Status = "active"
		item(t, f.APIKeys.Items, func(k orgcode.APIKey) bool { return k.Name == "staging-ci" }).Status = "inactive"
		item(t, f.APIKeys.Items, func(k orgcode.APIKey) bool { return k.Name == "staging-tmp-debug" }).Status = "archived"
	}},
	{"api_keys_prune", func(t *testing.T, f *orgcode.File) {
		f.APIKeys.Prune = true
		f.APIKeys.Items = slicesDelete(f.APIKeys.Items, func(k orgcode.APIKey) bool { return k.Workspace == "Support Assistant" })
	}},
	{"spend_limits", func(t *testing.T, f *orgcode.File) {
		f.SpendLimits.Prune = true
		f.SpendLimits.Organization["weekly"] = "30000"
		f.SpendLimits.Organization["monthly"] = "150000"
		delete(f.SpendLimits.Members, "mei.chen@acme-robotics.example")
		f.SpendLimits.Members["grace.liu@acme-robotics.example"] = map[admin.SpendLimitPeriod]orgcode.USD{"monthly": "1200.75"}
	}},
	{"rbac_groups", func(t *testing.T, f *orgcode.File) {
		f.RBACGroups.Items = append(f.RBACGroups.Items, orgcode.RBACGroup{Name: "Design", Members: []string{"grace.liu@acme-robotics.example", "ingrid.olsen@acme-robotics.example"}})
		pilot := item(t, f.RBACGroups.Items, func(g orgcode.RBACGroup) bool { return g.Name == "Claude Code Pilot" })
		pilot.Name = "Claude Code"
		pilot.ID = idByName(t, demoState(t).RBACGroups, "Claude Code Pilot", func(g *orgcode.RBACGroupState) (string, string) { return g.Name, g.ID })
		pilot.Members = append(pilot.Members, "ethan.brooks@acme-robotics.example")
	}},
	{"rbac_groups_prune", func(t *testing.T, f *orgcode.File) {
		f.RBACGroups.Prune = true
		f.RBACGroups.Items = slicesDelete(f.RBACGroups.Items, func(g orgcode.RBACGroup) bool { return g.Name == "Research" })
		platform := item(t, f.RBACGroups.Items, func(g orgcode.RBACGroup) bool { return g.Name == "Platform Engineering" })
		platform.Members = platform.Members[1:]
	}},
	{"service_accounts", func(t *testing.T, f *orgcode.File) {
		f.ServiceAccounts.Items = append(f.ServiceAccounts.Items, orgcode.ServiceAccount{Name: "nightly-evals", Description: "Runs the nightly evaluations",
			Role: "developer", Workspaces: map[string]admin.WorkspaceRole{"Research": "workspace_developer", "Staging": "workspace_user"}})
		a := &f.ServiceAccounts.Items[0]
		a.Description = "Changed by the file"
		a.Role = "admin"
		if a.Workspaces == nil {
			a.Workspaces = map[string]admin.WorkspaceRole{}
		}
		a.Workspaces["Staging"] = "workspace_admin"
	}},
	{"service_accounts_prune", func(t *testing.T, f *orgcode.File) {
		f.ServiceAccounts.Prune = true
		f.ServiceAccounts.Items = slicesDelete(f.ServiceAccounts.Items, func(a orgcode.ServiceAccount) bool { return a.Name == "support-triage" })
		delete(item(t, f.ServiceAccounts.Items, func(a orgcode.ServiceAccount) bool { return a.Name == "ci-deploy" }).Workspaces, "Staging")
	}},
	{"federation_rules", func(t *testing.T, f *orgcode.File) {
		f.FederationRules.Items = append(f.FederationRules.Items, orgcode.FederationRule{Name: "evals-nightly", Issuer: "github-actions", ServiceAccount: "platform-terraform",
			Match:      orgcode.FederationMatch{SubjectPrefix: "repo:acme-robotics/evals:ref:refs/heads/main"},
			OAuthScope: "workspace:inference", TokenLifetime: 1800, Workspaces: []string{"Research", "Staging"}})
		staging := item(t, f.FederationRules.Items, func(r orgcode.FederationRule) bool { return r.Name == "deploy-staging" })
		staging.TokenLifetime = 600
		staging.Description = "Deploys to Staging"
		staging.Match.Claims = map[string]string{"repository_owner": "acme-robotics"}
		staging.Workspaces = append(staging.Workspaces, "Production")
		etl := item(t, f.FederationRules.Items, func(r orgcode.FederationRule) bool { return r.Name == "etl-cronjob" })
		etl.ID = idByName(t, demoState(t).FederationRules, "etl-cronjob", func(r admin.FederationRule) (string, string) { return r.Name, r.ID })
		etl.Name = "etl-nightly-job"
	}},
	{"federation_rules_prune", func(t *testing.T, f *orgcode.File) {
		f.FederationRules.Prune = true
		f.FederationRules.Items = slicesDelete(f.FederationRules.Items, func(r orgcode.FederationRule) bool { return r.Name == "etl-cronjob" })
		main := item(t, f.FederationRules.Items, func(r orgcode.FederationRule) bool { return r.Name == "deploy-main" })
		main.Workspaces = slicesDelete(main.Workspaces, func(w string) bool { return w == "Staging" })
	}},
	{"invites", func(t *testing.T, f *orgcode.File) {
		f.Invites.Prune = true
		f.Invites.Items = slicesDelete(f.Invites.Items, func(i orgcode.Invite) bool { return i.Email == "contractor@partner.example" })
		item(t, f.Invites.Items, func(i orgcode.Invite) bool { return i.Email == "new.hire@acme-robotics.example" }).Role = "user"
		f.Invites.Items = append(f.Invites.Items, orgcode.Invite{Email: "designer@acme-robotics.example", Role: "developer"})
	}},
}

func slicesDelete[T any](items []T, drop func(T) bool) []T {
	var out []T
	for _, it := range items {
		if !drop(it) {
			out = append(out, it)
		}
	}
	return out
}

// Each kind of change plans as its golden file shows; apply makes it with
// one request per change, after which the plan has no changes.
func TestPlanAndApplyEachKindOfChange(t *testing.T) {
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			srv, c := newServer(t, admintest.Demo())
			st := read(t, c)
			f := exported(t, st)
			e.edit(t, f)
			p := planOf(t, f, st)
			golden(t, "plans/"+e.name, planText(t, p))
			if len(p.Changes) == 0 {
				t.Fatal("the edit plans no change")
			}
			srv.ResetRequests()
			n, err := (&orgcode.Applier{Client: c, OAuth: oauth, Sleep: noSleep}).Apply(context.Background(), p)
			if err != nil || n != len(p.Changes) {
				t.Fatalf("apply: %d of %d, %v", n, len(p.Changes), err)
			}
			if w := writes(srv); len(w) != len(p.Changes) {
				t.Errorf("apply sent %d requests for %d changes", len(w), len(p.Changes))
			}
			if len(srv.Requests()) != len(p.Changes) {
				t.Errorf("apply sent %d requests (reads too) for %d changes", len(srv.Requests()), len(p.Changes))
			}
			if again := planOf(t, f, read(t, c)); len(again.Changes) != 0 {
				t.Errorf("after apply, the plan still has changes:\n%s", planText(t, again))
			}
		})
	}
}

// The plan lists its steps in the safe order: workspaces before what is
// in them, removals after additions, archives after removals, invites last.
func TestPlanOrder(t *testing.T) {
	_, c := newServer(t, admintest.Demo())
	st := read(t, c)
	f := exported(t, st)
	for _, e := range edits {
		if e.name != "workspace_prune" { // it drops the workspaces the others edit
			e.edit(t, f)
		}
	}
	p := planOf(t, f, st)
	rank := func(ch orgcode.Change) int {
		switch {
		case ch.Kind == orgcode.KindInvite && ch.Op == orgcode.OpCreate:
			return 5
		case ch.Kind == orgcode.KindInvite:
			return 4
		case ch.Op == orgcode.OpArchive:
			return 3
		case ch.Op == orgcode.OpRemove:
			return 2
		case ch.Kind == orgcode.KindWorkspace:
			return 0
		}
		return 1
	}
	for i := 1; i < len(p.Changes); i++ {
		if rank(p.Changes[i]) < rank(p.Changes[i-1]) {
			t.Errorf("%q comes after %q", p.Changes[i].Line(), p.Changes[i-1].Line())
		}
	}
	if p.Summary.Create == 0 || p.Summary.Update == 0 || p.Summary.Remove == 0 || p.Summary.Archive == 0 {
		t.Errorf("summary %+v: the edits should make every op", p.Summary)
	}
	fmt.Fprint(t.Output(), "")
}

// In color, an archive is bold red, a removal red, an update yellow and a
// create green; names from the organization are shown inert.
func TestPlanColors(t *testing.T) {
	p := &orgcode.Plan{Changes: []orgcode.Change{
		{Op: orgcode.OpCreate, Kind: orgcode.KindInvite, Target: "a@x.example"},
		{Op: orgcode.OpUpdate, Kind: orgcode.KindWorkspace, Target: "Prod\x1b[2J", Fields: []orgcode.Field{{Name: "tags.env", Old: "a\u202e", New: "b"}}},
		{Op: orgcode.OpRemove, Kind: orgcode.KindMember, Target: "b@x.example"},
		{Op: orgcode.OpArchive, Kind: orgcode.KindWorkspace, Target: "Old"},
	}}
	var b strings.Builder
	if err := p.WriteText(&b, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\x1b[32m  + invite a@x.example\x1b[0m", "\x1b[33m  ~ workspace Prod\\x1b[2J\x1b[0m", `tags.env: a\u202e → b`,
		"\x1b[31m  - member b@x.example  (remove)\x1b[0m", "\x1b[1;31m  - workspace Old  (archive: irreversible)\x1b[0m"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("colored plan lacks %q:\n%q", want, b.String())
		}
	}
}
