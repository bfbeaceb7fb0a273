package offboard_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/offboard"
	"github.com/anthropic-admin-go/admin/workflow"
)

const (
	jonas      = "jonas.becker@acme-robotics.example"
	contractor = "contractor@partner.example"
	priya      = "priya.raman@acme-robotics.example"
)

func demo(t *testing.T) *admintest.Server {
	t.Helper()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(admintest.SeedEpoch))
	t.Cleanup(srv.Close)
	return srv
}

func opts() offboard.Options {
	return offboard.Options{SinceUsage: 7 * 24 * time.Hour, Now: admintest.SeedEpoch, OAuth: []admin.Option{admin.WithAuthToken(admintest.DefaultOAuthToken)}}
}

// summary is a plan's changes as "action target [in workspace]" lines.
func summary(p workflow.Plan) []string {
	var out []string
	for _, c := range p.Changes {
		s := string(c.Action) + " " + c.Target.Name
		if c.Workspace != nil {
			s += " in " + c.Workspace.Name
		}
		if c.Group != nil {
			s += " in group " + c.Group.Name
		}
		if len(c.Warnings) > 0 {
			s += " !"
		}
		out = append(out, s)
	}
	return out
}

func TestPlan(t *testing.T) {
	for _, tt := range []struct {
		name    string
		emails  []string
		opts    func(*offboard.Options)
		want    []string
		refused []string
		notes   []string
	}{
		{
			name:   "member with keys in two workspaces, and a pending invite",
			emails: []string{jonas, contractor},
			want: []string{
				"deactivate_key cli-sofia !", "deactivate_key prod-batch-worker !",
				"remove_rbac_group_member " + jonas + " in group Research",
				"remove_workspace_member " + jonas + " in Research", "sign_out " + jonas, "remove_member " + jonas,
				"delete_invite " + contractor,
			},
		},
		{
			name: "without an OAuth token, service accounts are not checked", emails: []string{jonas},
			opts: func(o *offboard.Options) { o.OAuth = nil },
			want: []string{"deactivate_key cli-sofia !", "deactivate_key prod-batch-worker !",
				"remove_rbac_group_member " + jonas + " in group Research",
				"remove_workspace_member " + jonas + " in Research", "sign_out " + jonas, "remove_member " + jonas},
			notes: []string{"service accounts: not checked (they need an OAuth token with the org:admin scope)"},
		},
		{
			name: "archive keys, keep the member", emails: []string{jonas},
			opts: func(o *offboard.Options) { o.Keys, o.KeepMember, o.SinceUsage = offboard.KeysArchive, true, 0 },
			want: []string{"archive_key cli-sofia", "archive_key prod-batch-worker",
				"remove_rbac_group_member " + jonas + " in group Research",
				"remove_workspace_member " + jonas + " in Research", "sign_out " + jonas},
			notes: []string{jonas + ": stays a member as developer (keep member)"},
		},
		{
			name: "keep keys", emails: []string{jonas},
			opts: func(o *offboard.Options) { o.Keys = offboard.KeysKeep },
			want: []string{"remove_rbac_group_member " + jonas + " in group Research",
				"remove_workspace_member " + jonas + " in Research", "sign_out " + jonas, "remove_member " + jonas},
			notes: []string{jonas + ": key prod-batch-worker (" /* ID follows */},
		},
		{
			name: "an admin is refused", emails: []string{priya},
			want: []string{"deactivate_key laptop-mei !", "deactivate_key prod-api-gateway !",
				"remove_rbac_group_member " + priya + " in group Owners", "remove_rbac_group_member " + priya + " in group Platform Engineering",
				"remove_workspace_member " + priya + " in Production", "remove_workspace_member " + priya + " in Staging", "sign_out " + priya},
			refused: []string{priya},
		},
		{
			name: "nobody", emails: []string{"nobody@acme-robotics.example"},
			notes: []string{"nobody@acme-robotics.example: no member and no pending invite; nothing to do"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := demo(t)
			o := opts()
			if tt.opts != nil {
				tt.opts(&o)
			}
			before := srv.Snapshot()
			plan, err := offboard.Plan(context.Background(), srv.Client(), tt.emails, o)
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(plan); !slices.Equal(got, tt.want) {
				t.Errorf("changes:\n got %q\nwant %q", got, tt.want)
			}
			var refused []string
			for _, r := range plan.Refusals {
				refused = append(refused, r.Subject)
			}
			if !slices.Equal(refused, tt.refused) {
				t.Errorf("refused %q, want %q", refused, tt.refused)
			}
			for _, n := range tt.notes {
				if !slices.ContainsFunc(plan.Notes, func(got string) bool { return strings.HasPrefix(got, n) }) {
					t.Errorf("no note %q in %q", n, plan.Notes)
				}
			}
			if d := before.Diff(srv.Snapshot()); len(d) > 0 {
				t.Errorf("planning changed %v", d)
			}
		})
	}
}

func TestApplyRefusesAPlanWithRefusals(t *testing.T) {
	srv := demo(t)
	c := srv.Client()
	plan, err := offboard.Plan(context.Background(), c, []string{jonas, priya}, opts())
	if err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	res, err := workflow.Apply(context.Background(), c, plan, nil)
	if !errors.Is(err, workflow.ErrRefused) || res.Count(workflow.NotRun) != len(plan.Changes) {
		t.Fatalf("Apply = %v, %+v", err, res)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("a refused plan sent %d requests", n)
	}
}

// touched is what a plan may change in the fake's state, as Snapshot names.
func touched(p workflow.Plan) []string {
	var out []string
	for _, c := range p.Changes {
		switch c.Action {
		case workflow.DeleteInvite:
			out = append(out, "invite/"+c.Target.ID)
		case workflow.DeactivateKey, workflow.ArchiveKey:
			out = append(out, "api_key/"+c.Target.ID)
		case workflow.RemoveWorkspaceMember:
			out = append(out, "workspace_member/"+c.Workspace.ID+"/"+c.Target.ID)
		case workflow.RemoveMember:
			out = append(out, "user/"+c.Target.ID, "former_user/"+c.Target.ID)
		}
	}
	slices.Sort(out)
	return out
}

// changing are the requests that reached the fake's handlers and change
// state, by method and path: a fault answered before the handler ran is
// not one.
func changing(reqs []admintest.LoggedRequest, handled func(admintest.LoggedRequest) bool) map[string]int {
	n := map[string]int{}
	for _, r := range reqs {
		if r.Method != http.MethodGet && handled(r) {
			n[r.Method+" "+r.Path]++
		}
	}
	return n
}

func ok2xx(r admintest.LoggedRequest) bool { return r.Status >= 200 && r.Status < 300 }

// TestApplyResumesAfterAFaultAtEveryStep fails each change of the plan in
// turn, two ways (an error before the server acts; an answer lost after it
// acted), then runs Apply again with the first run's Result. Every run must
// end where a run without faults ends, change only what the plan shows,
// and send no change twice that the server acted on.
func TestApplyResumesAfterAFaultAtEveryStep(t *testing.T) {
	ctx := context.Background()
	emails := []string{jonas, contractor}

	ref := demo(t)
	refBefore := ref.Snapshot()
	refPlan, err := offboard.Plan(ctx, ref.Client(), emails, opts())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := workflow.Apply(ctx, ref.Client(), refPlan, nil); err != nil {
		t.Fatal(err)
	}
	want := ref.Snapshot()
	if d := refBefore.Diff(want); !slices.Equal(d, touched(refPlan)) {
		t.Fatalf("a clean run changed\n%v\nthe plan shows\n%v", d, touched(refPlan))
	}

	faults := []struct {
		name  string
		fault func(method, path string) admintest.Fault
		// acted: the server carried the failed request out.
		acted bool
	}{
		{"500 before acting", func(m, p string) admintest.Fault { return admintest.Fault{Method: m, Path: p, Status: 500} }, false},
		{"answer lost after acting", func(m, p string) admintest.Fault { return admintest.Fault{Method: m, Path: p, DropAfterHandling: true} }, true},
	}
	for i, ch := range refPlan.Changes {
		for _, f := range faults {
			t.Run(fmt.Sprintf("step %d %s %s/%s", i+1, ch.Action, ch.Target.Name, f.name), func(t *testing.T) {
				srv := demo(t)
				c := srv.Client(admin.WithMaxRetries(0)) // the fault fails the step
				before := srv.Snapshot()
				plan, err := offboard.Plan(ctx, c, emails, opts())
				if err != nil {
					t.Fatal(err)
				}
				method, path := requestOf(plan.Changes[i])
				srv.Inject(f.fault(method, path))
				srv.ResetRequests()
				first, err := workflow.Apply(ctx, c, plan, nil)
				if !errors.Is(err, workflow.ErrIncomplete) || first.Outcomes[i].Status != workflow.Failed {
					t.Fatalf("first run: %v, step %d %s", err, i+1, first.Outcomes[i].Status)
				}
				for _, o := range first.Outcomes[i+1:] {
					if o.Status != workflow.NotRun {
						t.Errorf("after the failure %s ran: %s", o.Change.Key(), o.Status)
					}
				}
				second, err := workflow.Apply(ctx, c, plan, first)
				if err != nil || !second.Complete() {
					t.Fatalf("second run: %v\n%+v", err, second.Outcomes)
				}
				after := srv.Snapshot()
				if !after.Equal(want) {
					t.Errorf("end state differs from a run without faults in %v", want.Diff(after))
				}
				if d := before.Diff(after); !slices.Equal(d, touched(plan)) {
					t.Errorf("changed %v, the plan shows %v", d, touched(plan))
				}
				// The server acted on each change once: with a 2xx, or by
				// the request whose answer was lost.
				reqs := srv.Requests()
				acted := changing(reqs, func(r admintest.LoggedRequest) bool {
					return ok2xx(r) || (f.acted && r.Method == method && r.Path == path && r.Status == 0)
				})
				for k, n := range acted {
					if n > 1 && !(f.acted && plan.Changes[i].Action == workflow.SignOut && k == method+" "+path) {
						t.Errorf("%s acted on %d times", k, n)
					}
				}
				if got := second.Outcomes[i].Status; f.acted && plan.Changes[i].Action != workflow.SignOut && got != workflow.AlreadyDone {
					t.Errorf("resumed step %d: %s, want %s (read, not sent again)", i+1, got, workflow.AlreadyDone)
				}
			})
		}
	}
}

// requestOf is the request that carries a change out.
func requestOf(c workflow.Change) (method, path string) {
	switch c.Action {
	case workflow.DeleteInvite:
		return "DELETE", "/v1/organizations/invites/" + c.Target.ID
	case workflow.DeactivateKey, workflow.ArchiveKey:
		return "POST", "/v1/organizations/api_keys/" + c.Target.ID
	case workflow.SignOut:
		return "POST", "/v1/organizations/users/" + c.Target.ID + "/sign_out"
	case workflow.RemoveWorkspaceMember:
		return "DELETE", "/v1/organizations/workspaces/" + c.Workspace.ID + "/members/" + c.Target.ID
	case workflow.RemoveMember:
		return "DELETE", "/v1/organizations/users/" + c.Target.ID
	case workflow.RemoveGroupMember:
		return "DELETE", "/v1/organizations/rbac_groups/" + c.Group.ID + "/members/" + c.Target.ID
	}
	panic("no request for " + c.Action)
}

func TestApplyIsIdempotent(t *testing.T) {
	ctx := context.Background()
	srv := demo(t)
	c := srv.Client()
	plan, err := offboard.Plan(ctx, c, []string{jonas, contractor}, opts())
	if err != nil {
		t.Fatal(err)
	}
	res, err := workflow.Apply(ctx, c, plan, nil)
	if err != nil || res.Count(workflow.Done) != len(plan.Changes) {
		t.Fatalf("Apply: %v, %+v", err, res)
	}
	for _, o := range res.Outcomes {
		if len(o.RequestIDs) != 1 || !strings.HasPrefix(o.RequestIDs[0], "req_") {
			t.Errorf("%s: request IDs %q", o.Change.Key(), o.RequestIDs)
		}
	}
	after := srv.Snapshot()

	srv.ResetRequests()
	again, err := workflow.Apply(ctx, c, plan, res)
	if err != nil || again.Count(workflow.DoneEarlier) != len(plan.Changes) || len(srv.Requests()) != 0 {
		t.Errorf("again with the result: %v, %d requests, %+v", err, len(srv.Requests()), again.Outcomes)
	}
	replan, err := offboard.Plan(ctx, c, []string{jonas, contractor}, opts())
	if err != nil || !replan.Empty() {
		t.Errorf("a new plan after applying: %v, %q", err, summary(replan))
	}
	if d := after.Diff(srv.Snapshot()); len(d) > 0 {
		t.Errorf("running again changed %v", d)
	}
}
