package cli

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestWorkspaceMembersListAndGet(t *testing.T) {
	srv := demoServer(t)
	golden(t, "workspaces-members-list", mustRun(t, srv, term{tty: true}, "workspaces", "members", "list", "Research").stdout)

	ids := demoWorkspaceIDs(t, srv)
	members := jsonList(t, mustRun(t, srv, term{}, "workspaces", "members", "list", ids["Research"]).stdout)
	if len(members) != 7 {
		t.Fatalf("Research has %d members, want 7", len(members))
	}
	for _, m := range members {
		if m["type"] != "workspace_member" || m["workspace_id"] != ids["Research"] || m["workspace_role"] == nil {
			t.Errorf("JSON member = %v", m)
		}
	}

	records, err := csv.NewReader(strings.NewReader(mustRun(t, srv, term{}, "workspaces", "members", "list", "Research", "-o", "csv").stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(records[0], ",") != "user_id,user_email,workspace_role" || len(records) != 8 ||
		strings.Join(records[1], ",") != "user_01N3LN9u93wEgXgnhaDceMvI,jonas.becker@acme-robotics.example,workspace_developer" {
		t.Errorf("csv = %q", records)
	}

	srv.ResetRequests()
	r := mustRun(t, srv, term{tty: true}, "workspaces", "members", "get", "Research", "amara.nwosu@acme-robotics.example")
	want := "WORKSPACE NAME:  Research\nWORKSPACE ID:    " + ids["Research"] + "\nUSER ID:         user_01vNXrIEGiypJsRamGMY4DvS\n" +
		"EMAIL:           amara.nwosu@acme-robotics.example\nROLE:            workspace_user\n"
	if r.stdout != want {
		t.Errorf("members get printed\n%s\nwant\n%s", r.stdout, want)
	}
	// Workspace list, user lookup by email, the member, all users for the
	// email column: the workspace's name comes from the first call.
	if n := len(srv.Requests()); n != 4 {
		t.Errorf("members get sent %d requests, want 4", n)
	}
	got := jsonObject(t, mustRun(t, srv, term{}, "workspaces", "members", "get", ids["Research"], "user_01vNXrIEGiypJsRamGMY4DvS").stdout)
	if got["user_id"] != "user_01vNXrIEGiypJsRamGMY4DvS" || got["workspace_role"] != "workspace_user" {
		t.Errorf("members get JSON = %v", got)
	}
	if r := runCLI(t, srv, term{}, "workspaces", "members", "get", "Research", "morgan.lee@acme-robotics.example"); r.code != ExitNotFound {
		t.Errorf("non-member: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestWorkspaceMembersChanges(t *testing.T) {
	srv := demoServer(t)
	ids := demoWorkspaceIDs(t, srv)
	const noah = "noah.williams@acme-robotics.example" // billing; member of Default only
	const noahID = "user_01FHdm5npqEKZKPX9Fb5TFqx"

	// Bad input: exit 2, no change sent.
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"add", "Production", noah}, "--role is required"},
		{[]string{"add", "Production", noah, "--role", "workspace_billing"}, "cannot be given when adding"},
		{[]string{"add", "Production", noah, "--role", "billing"}, "cannot be given when adding"},
		{[]string{"update", "Production", noah}, "--role is required"},
		{[]string{"add", "Production"}, "expected WORKSPACE USER"},
	} {
		r := runCLI(t, srv, term{}, append([]string{"workspaces", "members"}, tc.args...)...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tc.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, r.code, r.stderr, tc.stderr)
		}
	}
	if w := writes(srv); len(w) != 0 {
		t.Fatalf("bad input sent %d changes", len(w))
	}

	// add with the short role name, by workspace name and email.
	added := jsonObject(t, mustRun(t, srv, term{}, "workspaces", "members", "add", "Production", noah, "--role", "developer").stdout)
	w := writes(srv)
	if len(w) != 1 || w[0].Path != "/v1/organizations/workspaces/"+ids["Production"]+"/members" {
		t.Fatalf("add sent %v", w)
	}
	sameJSON(t, sentJSON(t, w[0]), `{"user_id": "`+noahID+`", "workspace_role": "workspace_developer"}`)
	if added["user_id"] != noahID || added["workspace_role"] != "workspace_developer" {
		t.Errorf("added = %v", added)
	}

	srv.ResetRequests()
	r := mustRun(t, srv, term{tty: true}, "workspaces", "members", "update", "Production", noahID, "--role", "workspace_admin")
	if !strings.Contains(r.stdout, "ROLE:            workspace_admin\n") || !strings.Contains(r.stdout, "EMAIL:           "+noah+"\n") {
		t.Errorf("update printed\n%s", r.stdout)
	}
	if w := writes(srv); len(w) != 1 || w[0].Path != "/v1/organizations/workspaces/"+ids["Production"]+"/members/"+noahID {
		t.Errorf("update sent %v", w)
	} else {
		sameJSON(t, sentJSON(t, w[0]), `{"workspace_role": "workspace_admin"}`)
	}
	r = mustRun(t, srv, term{}, "workspaces", "members", "update", "Production", noahID, "--role", "user", "--dry-run")
	if !strings.Contains(r.stdout, `"workspace_role": "workspace_user"`) {
		t.Errorf("dry-run update printed %q", r.stdout)
	}

	// remove: refused without a terminal, no at a terminal, dry run.
	srv.ResetRequests()
	r = runCLI(t, srv, term{}, "workspaces", "members", "remove", "Production", noah, "mei.chen@acme-robotics.example")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "refusing to remove 2 members ("+noah+", mei.chen@acme-robotics.example) from workspace Production without --yes") {
		t.Errorf("non-interactive remove: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, srv, term{tty: true, stdin: "n\n"}, "workspaces", "members", "remove", "Production", noah)
	if r.code != ExitError || !strings.Contains(r.stderr, "About to remove member "+noah+" from workspace Production.") {
		t.Errorf("answered no: exit %d, stderr %q", r.code, r.stderr)
	}
	r = mustRun(t, srv, term{}, "workspaces", "members", "remove", "Production", noah, "--dry-run")
	if r.stdout != "dry run: would send DELETE /v1/organizations/workspaces/"+ids["Production"]+"/members/"+noahID+"\n" {
		t.Errorf("dry run printed %q", r.stdout)
	}
	if w := writes(srv); len(w) != 0 {
		t.Fatalf("refused and dry-run removes sent %d changes", len(w))
	}

	r = mustRun(t, srv, term{}, "workspaces", "members", "remove", "Production", noah, "--yes")
	if r.stderr != "removed member "+noah+" from Production\n" {
		t.Errorf("remove said %q", r.stderr)
	}
	if w := writes(srv); len(w) != 1 || w[0].Method != "DELETE" {
		t.Errorf("remove sent %v", w)
	}
	if r := runCLI(t, srv, term{}, "workspaces", "members", "get", "Production", noah); r.code != ExitNotFound {
		t.Errorf("removed member: exit %d", r.code)
	}
}
