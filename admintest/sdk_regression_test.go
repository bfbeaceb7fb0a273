package admintest_test

import (
	"testing"
)

// Regressions found by pointing the official SDK at the fake (see the
// conformance module).

// The demo seed once listed Priya Raman twice in Production, once as
// developer and once as admin. A user is a member of a workspace at most
// once; naming them again in the seed changes their role.
func TestDemoMembersAreUnique(t *testing.T) {
	srv := newDemo(t)
	workspaces := ids(t, ok(t, srv, "GET", "/v1/organizations/workspaces?limit=100&include_archived=true&include_default=true", ""))
	if len(workspaces) != 6 {
		t.Fatalf("demo workspaces = %d, want 6", len(workspaces))
	}
	priya := ids(t, ok(t, srv, "GET", "/v1/organizations/users?email=priya.raman@acme-robotics.example", ""))
	if len(priya) != 1 {
		t.Fatalf("users with Priya's email = %v", priya)
	}
	total := 0
	for _, ws := range workspaces {
		members := ids(t, ok(t, srv, "GET", "/v1/organizations/workspaces/"+ws+"/members?limit=1000", ""))
		seen := map[string]bool{}
		for _, id := range members {
			if seen[id] {
				t.Errorf("workspace %s lists %s twice", ws, id)
			}
			seen[id] = true
		}
		total += len(members)
	}
	if total != 38 {
		t.Errorf("demo memberships = %d, want 38", total)
	}
	production := workspaces[1]
	m := ok(t, srv, "GET", "/v1/organizations/workspaces/"+production+"/members/"+priya[0], "")
	if m["workspace_role"] != "workspace_admin" {
		t.Errorf("Priya in Production = %v, want workspace_admin", m)
	}
}
