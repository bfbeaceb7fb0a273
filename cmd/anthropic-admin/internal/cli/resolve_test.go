package cli

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// lossyProxy loses query parameters on the way: the ones named, or every
// one when drop is empty.
type lossyProxy struct{ drop []string }

func (p lossyProxy) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	q := r.URL.Query()
	for _, k := range p.drop {
		q.Del(k)
	}
	if len(p.drop) == 0 {
		q = nil
	}
	r.URL.RawQuery = q.Encode()
	return http.DefaultTransport.RoundTrip(r)
}

// TestServerFiltersAreCheckedOnTheClient: when the server ignores a filter,
// a change acts on the objects that filter names, or on nothing; never on
// whatever the server listed first. A server that drops the filter alone
// is still walked to the right answer; a proxy that drops every parameter
// breaks paging too, and then nothing is changed at all.
func TestServerFiltersAreCheckedOnTheClient(t *testing.T) {
	ctx := context.Background()
	filters := []string{"email", "status", "workspace_id", "created_by_user_id"}
	tests := []struct {
		name string
		// args is the command: {ws} stands for a workspace's ID, {EMAIL}
		// for a spare member's email in capitals.
		args   []string
		code   int
		stderr string
		// writes is what must be sent, "METHOD path" sorted: {user} is the
		// spare member's ID, {active-keys-of-ws} each active key of {ws}.
		writes []string
	}{
		{name: "remove an unknown member", args: []string{"users", "remove", "nobody@nowhere.example", "--yes"},
			code: ExitNotFound, stderr: "no member has the email nobody@nowhere.example"},
		{name: "sign out an unknown member", args: []string{"users", "sign-out", "nobody@nowhere.example", "--yes"},
			code: ExitNotFound, stderr: "no member has the email nobody@nowhere.example"},
		{name: "update an unknown member", args: []string{"users", "update", "nobody@nowhere.example", "--role", "developer"},
			code: ExitNotFound, stderr: "no member has the email nobody@nowhere.example"},
		{name: "remove an unknown member from a workspace", args: []string{"workspaces", "members", "remove", "{ws}", "nobody@nowhere.example", "--yes"},
			code: ExitNotFound, stderr: "no member has the email nobody@nowhere.example"},
		{name: "deactivate the keys of an unknown member", args: []string{"api-keys", "deactivate", "--created-by", "nobody@nowhere.example", "--all-matching", "--yes"},
			code: ExitNotFound, stderr: "no member has the email nobody@nowhere.example"},
		{name: "delete an invite never sent", args: []string{"invites", "delete", "nobody@nowhere.example", "--yes"},
			code: ExitNotFound, stderr: "no invite was sent to nobody@nowhere.example"},
		{name: "remove a member by email in other letter case", args: []string{"users", "remove", "{EMAIL}", "--yes"},
			writes: []string{"DELETE /v1/organizations/users/{user}"}},
		{name: "remove two members who share an email", args: []string{"users", "remove", "twin@example.com", "--yes"},
			code: ExitUsage, stderr: "2 members have the email twin@example.com: give one of their IDs"},
		{name: "deactivate the active keys of a workspace", args: []string{"api-keys", "deactivate", "--workspace", "{ws}", "--status", "active", "--all-matching", "--yes"},
			writes: []string{"{active-keys-of-ws}"}},
	}
	type run struct {
		name   string
		drop   []string
		code   int // -1: any failure
		stderr string
		writes []string
		args   []string
	}
	var runs []run
	for _, tt := range tests {
		runs = append(runs, run{name: tt.name, drop: filters, code: tt.code, stderr: tt.stderr, writes: tt.writes, args: tt.args})
		if len(tt.writes) == 0 && tt.code == ExitNotFound {
			// Without paging, the lookup fails one way or another.
			runs = append(runs, run{name: tt.name + " through a proxy that drops the query", code: -1, stderr: "error: ", args: tt.args})
		}
	}
	for _, tt := range runs {
		t.Run(tt.name, func(t *testing.T) {
			srv := demoServer(t)
			srv.AddUser("twin@example.com", "Twin One", "developer")
			srv.AddUser("twin@example.com", "Twin Two", "developer")
			spare, err := srv.Client().Users.Get(ctx, srv.AddUser("spare.member@example.com", "Spare Member", "developer"))
			if err != nil {
				t.Fatal(err)
			}
			ws, err := srv.Client().Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1}}).Page(ctx)
			if err != nil || len(ws.Data) == 0 {
				t.Fatalf("a workspace: %v", err)
			}
			wsID := ws.Data[0].ID
			var activeKeys []string
			for k, err := range srv.Client().APIKeys.List(admin.APIKeyListParams{WorkspaceID: wsID, Status: admin.APIKeyStatusActive}).All(ctx) {
				if err != nil {
					t.Fatal(err)
				}
				activeKeys = append(activeKeys, "POST /v1/organizations/api_keys/"+k.ID)
			}
			if len(activeKeys) == 0 {
				t.Fatal("the workspace has no active keys to test with")
			}
			var args []string
			for _, a := range tt.args {
				args = append(args, strings.NewReplacer("{ws}", wsID, "{EMAIL}", strings.ToUpper(spare.Email)).Replace(a))
			}
			var want []string
			for _, w := range tt.writes {
				if w == "{active-keys-of-ws}" {
					want = append(want, activeKeys...)
				} else {
					want = append(want, strings.ReplaceAll(w, "{user}", spare.ID))
				}
			}
			slices.Sort(want)
			srv.ResetRequests()

			r := runCLI(t, srv, term{hc: &http.Client{Transport: lossyProxy{drop: tt.drop}}}, args...)

			if (tt.code < 0 && r.code == ExitOK) || (tt.code >= 0 && r.code != tt.code) || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tt.code, tt.stderr)
			}
			var got []string
			for _, w := range writes(srv) {
				got = append(got, w.Method+" "+w.Path)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("changes sent: %q, want %q", got, want)
			}
			for _, req := range srv.Requests() {
				for _, f := range filters {
					if req.Query.Has(f) {
						t.Errorf("the proxy let %s through: %s %v", f, req.Path, req.Query)
					}
				}
			}
		})
	}
}

// TestInviteByEmailMeansThePendingOne: an address invited again after its
// first invite expired has two invites; the email names the pending one,
// and with several and none pending the choice is refused.
func TestInviteByEmailMeansThePendingOne(t *testing.T) {
	ctx := context.Background()
	const email = "old.candidate@acme-robotics.example" // its demo invite has expired
	expired := func(id string) string {
		return `{"id":"` + id + `","type":"invite","email":"` + email + `","role":"developer","status":"expired",` +
			`"invited_at":"2026-10-01T00:00:00Z","expires_at":"2026-10-22T00:00:00Z"}`
	}
	tests := []struct {
		name string
		// again invites the address again first; list replaces the
		// server's answer to the lookup.
		again  bool
		list   string
		code   int
		stderr string
		want   string // the invite deleted: "new" for the new one, else its ID
	}{
		{name: "expired and pending", again: true, want: "new"},
		{name: "expired only", want: "old"},
		{name: "two expired", list: `{"data":[` + expired("invite_A") + `,` + expired("invite_B") + `],"has_more":false,"first_id":"invite_A","last_id":"invite_B"}`,
			code: ExitUsage, stderr: "2 invites were sent to " + email + ": give one of their IDs (invite_A, invite_B)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := demoServer(t)
			c := srv.Client()
			all, err := c.Invites.List(admin.InviteListParams{Email: email}).Collect(ctx)
			if err != nil || len(all) != 1 {
				t.Fatalf("invites to %s: %v, %v", email, all, err)
			}
			ids := map[string]string{"old": all[0].ID}
			if tt.again {
				inv, err := c.Invites.Create(ctx, admin.InviteCreateParams{Email: email, Role: admin.OrgRoleDeveloper})
				if err != nil {
					t.Fatal(err)
				}
				ids["new"] = inv.ID
			}
			if tt.list != "" {
				srv.Inject(admintest.Fault{Method: "GET", Path: "/v1/organizations/invites", Status: 200, Body: tt.list})
			}
			srv.ResetRequests()

			r := runCLI(t, srv, term{}, "invites", "delete", email, "--yes")

			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tt.code, tt.stderr)
			}
			var want []string
			if tt.want != "" {
				want = []string{"DELETE /v1/organizations/invites/" + ids[tt.want]}
			}
			var got []string
			for _, w := range writes(srv) {
				got = append(got, w.Method+" "+w.Path)
			}
			if !slices.Equal(got, want) {
				t.Errorf("changes sent: %q, want %q", got, want)
			}
		})
	}
}

// TestDeleteNotFoundOnRetry: a delete whose answer was lost after the
// server acted is retried and answered 404. A command that removes things
// says so plainly and counts it done; a raw api call reports it as an error
// that says the same.
func TestDeleteNotFoundOnRetry(t *testing.T) {
	tests := []struct {
		name   string
		args   func(userID string) []string
		code   int
		stderr []string // lines, in order
	}{
		{name: "users remove",
			args: func(string) []string { return []string{"users", "remove", "spare.member@example.com", "--yes"} },
			code: ExitOK,
			stderr: []string{
				`^note: member spare.member@example.com not found on retry: the first attempt probably removed it \(not_found_error, HTTP 404, request id req_\w+, 2 attempts\)$`,
				`^removed member spare.member@example.com$`,
			}},
		{name: "api DELETE",
			args: func(id string) []string { return []string{"api", "DELETE", "users/" + id, "--yes"} },
			code: ExitNotFound,
			stderr: []string{
				`^error: not found on retry: the first attempt probably removed it \(not_found_error, HTTP 404, request id req_\w+, 2 attempts\)$`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := demoServer(t)
			id := srv.AddUser("spare.member@example.com", "Spare Member", "developer")
			srv.Inject(admintest.Fault{Method: "DELETE", Path: "/v1/organizations/users/" + id, DropAfterHandling: true})

			r := runCLI(t, srv, term{}, tt.args(id)...)

			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			if r.code != tt.code || len(lines) != len(tt.stderr) {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit %d and %d lines", r.code, r.stderr, tt.code, len(tt.stderr))
			}
			for i, re := range tt.stderr {
				if !regexp.MustCompile(re).MatchString(lines[i]) {
					t.Errorf("line %d = %q, want %s", i+1, lines[i], re)
				}
			}
			if w := writes(srv); len(w) != 2 || w[0].Method != "DELETE" || w[1].Method != "DELETE" {
				t.Errorf("changes sent: %+v, want the DELETE and its retry", w)
			}
			if _, err := srv.Client().Users.Get(context.Background(), id); !errors.Is(err, admin.ErrNotFound) {
				t.Errorf("the member is still there: %v", err)
			}
		})
	}
}
