package cli

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// Tests of the rbac, external-keys and compliance nouns.

func TestRBACTables(t *testing.T) {
	srv := demoServer(t)
	tty := term{tty: true, width: 160}
	golden(t, "rbac-groups-list", mustRun(t, srv, tty, "rbac", "groups", "list").stdout)
	golden(t, "rbac-members-list", mustRun(t, srv, tty, "rbac", "members", "list", "Platform Engineering").stdout)
	golden(t, "rbac-roles-list", mustRun(t, srv, tty, "rbac", "roles", "list").stdout)
	golden(t, "rbac-roles-get", mustRun(t, srv, tty, "rbac", "roles", "get", "github connector users").stdout)
	golden(t, "external-keys-list", mustRun(t, srv, tty, "external-keys", "list").stdout)

	// CSV keeps IDs beside names; JSON is what the API sent.
	csv := mustRun(t, srv, term{}, "rbac", "groups", "list", "-o", "csv").stdout
	if !strings.HasPrefix(csv, "id,name,source_type,role_names,role_ids,updated_at\n") || !strings.Contains(csv, ",Finance,scim,Billing Admin;Warehouse Readers,") &&
		!strings.Contains(csv, ",Finance,scim,\"Billing Admin, Warehouse Readers\",") {
		t.Errorf("csv:\n%s", csv)
	}
	members := jsonList(t, mustRun(t, srv, term{}, "rbac", "members", "list", "Finance").stdout)
	if len(members) != 2 || members[0]["type"] != "rbac_group_member" {
		t.Errorf("Finance members = %v", members)
	}
}

// Members are added and removed by email; a removal asks first, and a group
// that grants owner access keeps its members, with the API's reason.
func TestRBACMembers(t *testing.T) {
	srv := demoServer(t)
	mustRun(t, srv, term{}, "rbac", "members", "add", "Finance", "grace.liu@acme-robotics.example", "mei.chen@acme-robotics.example")
	got := mustRun(t, srv, term{}, "rbac", "members", "list", "Finance", "-o", "csv").stdout
	for _, email := range []string{"grace.liu@", "mei.chen@", "noah.williams@"} {
		if !strings.Contains(got, email) {
			t.Errorf("Finance lacks %s:\n%s", email, got)
		}
	}
	if r := runCLI(t, srv, term{}, "rbac", "members", "remove", "Finance", "grace.liu@acme-robotics.example"); r.code != ExitUsage || !strings.Contains(r.stderr, "without --yes") {
		t.Errorf("remove without --yes: exit %d, %s", r.code, r.stderr)
	}
	r := mustRun(t, srv, term{}, "rbac", "members", "remove", "Finance", "grace.liu@acme-robotics.example", "--yes")
	if !strings.Contains(r.stderr, "removed member grace.liu@acme-robotics.example") {
		t.Errorf("stderr = %q", r.stderr)
	}
	r = runCLI(t, srv, term{}, "rbac", "members", "remove", "Owners", "priya.raman@acme-robotics.example", "--yes")
	if r.code != ExitError || !strings.Contains(r.stderr, "rbac_group_grants_owner_access") {
		t.Errorf("remove from Owners: exit %d, %s", r.code, r.stderr)
	}
	if r := runCLI(t, srv, term{}, "rbac", "members", "list", "Nobody"); r.code != ExitNotFound || !strings.Contains(r.stderr, `no RBAC group is named "Nobody"`) {
		t.Errorf("unknown group: exit %d, %s", r.code, r.stderr)
	}
}

// A group's life: made, renamed, deleted; a dry run sends no change.
func TestRBACGroupLifecycle(t *testing.T) {
	srv := demoServer(t)
	srv.ResetRequests()
	r := mustRun(t, srv, term{}, "rbac", "groups", "create", "Data Science", "--dry-run")
	if len(writes(srv)) != 0 || !strings.Contains(r.stdout, `"name": "Data Science"`) {
		t.Errorf("dry run: %d writes, stdout %s", len(writes(srv)), r.stdout)
	}
	g := jsonObject(t, mustRun(t, srv, term{}, "rbac", "groups", "create", "Data Science").stdout)
	if g["name"] != "Data Science" || g["source_type"] != "direct" {
		t.Fatalf("created = %v", g)
	}
	g = jsonObject(t, mustRun(t, srv, term{}, "rbac", "groups", "update", "data science", "--name", "Data & ML").stdout)
	if g["name"] != "Data & ML" {
		t.Errorf("renamed = %v", g)
	}
	mustRun(t, srv, term{}, "rbac", "groups", "delete", g["id"].(string), "--yes")
	if r := runCLI(t, srv, term{}, "rbac", "groups", "get", g["id"].(string)); r.code != ExitNotFound {
		t.Errorf("get after delete: exit %d, %s", r.code, r.stderr)
	}
}

// validate shows every key's result and exits 1 when one failed.
func TestExternalKeysValidate(t *testing.T) {
	srv := demoServer(t)
	keys := jsonList(t, mustRun(t, srv, term{}, "external-keys", "list").stdout)
	srv.FailExternalKey(keys[0]["id"].(string), "kms:Decrypt denied by the key policy")
	r := runCLI(t, srv, term{tty: true, width: 160}, "external-keys", "validate", "--all")
	if r.code != ExitError || !strings.Contains(r.stderr, "1 key of 3 failed validation") {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	golden(t, "external-keys-validate", r.stdout)
	mustRun(t, srv, term{}, "external-keys", "validate", "Vertex AI CMEK (us)")
	if r := runCLI(t, srv, term{}, "external-keys", "validate"); r.code != ExitUsage {
		t.Errorf("validate nothing: exit %d", r.code)
	}
}

func TestExternalKeysCreateAndDelete(t *testing.T) {
	srv := demoServer(t)
	if r := runCLI(t, srv, term{}, "external-keys", "create", "--gcp-key", "projects/p/locations/us/keyRings/r/cryptoKeys/k", "--aws-kms-arn", "arn:x"); r.code != ExitUsage {
		t.Errorf("two providers: exit %d, %s", r.code, r.stderr)
	}
	if r := runCLI(t, srv, term{}, "external-keys", "create", "--azure-vault-uri", "https://acme.vault.azure.net"); r.code != ExitUsage || !strings.Contains(r.stderr, "key_name") {
		t.Errorf("azure without key: exit %d, %s", r.code, r.stderr)
	}
	k := jsonObject(t, mustRun(t, srv, term{}, "external-keys", "create", "--name", "Analytics key", "--gcp-key", "projects/acme-data/locations/us/keyRings/claude/cryptoKeys/analytics").stdout)
	if k["display_name"] != "Analytics key" {
		t.Fatalf("created = %v", k)
	}
	mustRun(t, srv, term{}, "external-keys", "update", "Analytics key", "--name", "Analytics CMEK")
	r := mustRun(t, srv, term{}, "external-keys", "delete", "Analytics CMEK", "--yes")
	if !strings.Contains(r.stderr, "deleted external key Analytics CMEK ("+k["id"].(string)+")") {
		t.Errorf("stderr = %q", r.stderr)
	}
}

// compliance set asks first, says when there is nothing to change, and
// sends the state in its object form.
func TestComplianceSet(t *testing.T) {
	srv := demoServer(t)
	if got := mustRun(t, srv, term{tty: true}, "compliance", "show").stdout; !strings.Contains(got, "enabled") {
		t.Errorf("show = %q", got)
	}
	if r := runCLI(t, srv, term{}, "compliance", "set", "disabled"); r.code != ExitUsage {
		t.Errorf("without --yes: exit %d", r.code)
	}
	if r := runCLI(t, srv, term{}, "compliance", "set", "paused"); r.code != ExitUsage {
		t.Errorf("unknown state: exit %d", r.code)
	}
	srv.ResetRequests()
	r := mustRun(t, srv, term{}, "compliance", "set", "disabled", "--yes")
	w := writes(srv)
	if len(w) != 1 || string(w[0].Body) != `{"state":{"type":"disabled"}}` || jsonObject(t, r.stdout)["state"].(map[string]any)["type"] != "disabled" {
		t.Errorf("writes %v, stdout %s", w, r.stdout)
	}
	srv.ResetRequests()
	if r := mustRun(t, srv, term{}, "compliance", "set", "disabled", "--yes"); !strings.Contains(r.stderr, "already") || len(writes(srv)) != 0 {
		t.Errorf("second set: %s, %d writes", r.stderr, len(writes(srv)))
	}
}

// The README's transcripts of these commands are their real output on the
// demo organization: in its "Access controls" section, each "$ anthropic-admin
// …" line of a text block is run (at 100 columns) and must print the lines
// under it.
func TestReadmeAccessTranscripts(t *testing.T) {
	b, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n### Access controls\n")
	section, _, _ = strings.Cut(section, "\n## ")
	if !ok {
		t.Fatal("the README has no Access controls section")
	}
	n := 0
	for _, block := range strings.Split(section, "```text\n")[1:] {
		block, _, _ = strings.Cut(block, "```")
		for _, part := range strings.Split(block, "$ ")[1:] {
			line, want, _ := strings.Cut(part, "\n")
			ex, err := parseExample("README.md", line)
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			got := mustRun(t, demoServer(t), term{tty: true, width: 100}, append([]string{"--fake"}, ex.args...)...).stdout
			if got != want {
				t.Errorf("$ %s\n--- README\n%s--- output\n%s", line, want, got)
			}
			n++
		}
	}
	if n == 0 {
		t.Error("the Access controls section has no transcript")
	}
}

// Completion offers groups, roles and keys by name, the members a group
// has (to remove) or lacks (to add), and the compliance states.
func TestAccessCompletion(t *testing.T) {
	srv := demoServer(t)
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"rbac", "groups", "get", "F"}, []string{"Finance"}},
		{[]string{"rbac", "members", "remove", "Finance", ""}, []string{"hannah.schmidt@acme-robotics.example", "noah.williams@acme-robotics.example"}},
		{[]string{"rbac", "members", "remove", "Finance", "noah.williams@acme-robotics.example", ""}, []string{"hannah.schmidt@acme-robotics.example"}},
		{[]string{"rbac", "roles", "permissions", "Wa"}, []string{"Warehouse Readers"}},
		{[]string{"external-keys", "validate", "Vertex"}, []string{"Vertex AI CMEK (us)", "Vertex AI CMEK (eu)"}},
		{[]string{"compliance", "set", ""}, []string{"enabled", "disabled"}},
	}
	for _, tt := range tests {
		got := complete(t, srv, nil, tt.args...)
		if !slices.Equal(got.values, tt.want) {
			t.Errorf("%v: %v, want %v", tt.args, got.values, tt.want)
		}
	}
	add := complete(t, srv, nil, "rbac", "members", "add", "Finance", "")
	if slices.Contains(add.values, "noah.williams@acme-robotics.example") || !slices.Contains(add.values, "grace.liu@acme-robotics.example") {
		t.Errorf("add to Finance offers %v", add.values)
	}
}
