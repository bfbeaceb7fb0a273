package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

const jonasEmail = "jonas.becker@acme-robotics.example"

func TestOffboardCommand(t *testing.T) {
	srv := demoServer(t)
	before := srv.Snapshot()
	dry := mustRun(t, srv, term{tty: true}, "offboard", jonasEmail, "contractor@partner.example", "--dry-run")
	golden(t, "offboard-dry-run", dry.stdout)
	if d := before.Diff(srv.Snapshot()); len(d) > 0 {
		t.Fatalf("--dry-run changed %v", d)
	}
	if r := runCLI(t, srv, term{}, "offboard", jonasEmail); r.code != ExitUsage || !strings.Contains(r.stderr, "without --yes") {
		t.Errorf("no --yes off a terminal: exit %d, %s", r.code, r.stderr)
	}
	r := mustRun(t, srv, term{}, "offboard", jonasEmail, "contractor@partner.example", "--yes", "-o", "json")
	var res struct {
		Outcomes []struct {
			Status     string   `json:"status"`
			RequestIDs []string `json:"request_ids"`
		} `json:"outcomes"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || len(res.Outcomes) != 7 {
		t.Fatalf("result %v: %s", err, r.stdout)
	}
	for _, o := range res.Outcomes {
		if o.Status != "done" || len(o.RequestIDs) != 1 {
			t.Errorf("outcome %+v", o)
		}
	}
	if again := mustRun(t, srv, term{tty: true}, "offboard", jonasEmail, "--yes"); !strings.Contains(again.stdout, "No changes.") {
		t.Errorf("a second run:\n%s", again.stdout)
	}
	r = runCLI(t, srv, term{}, "offboard", "priya.raman@acme-robotics.example", "--yes")
	if r.code != ExitError || !strings.Contains(r.stderr, "refused") || !strings.Contains(r.stdout, `"refusals": [`) {
		t.Errorf("an admin: exit %d, %s\n%s", r.code, r.stderr, r.stdout)
	}
}

func TestWorkflowCompletions(t *testing.T) {
	srv := demoServer(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "offboard", "jonas"}, jonasEmail},
		{[]string{"__complete", "offboard", "--keys", ""}, "archive"},
		{[]string{"__complete", "audit", "--fail-on", ""}, "medium"},
		{[]string{"__complete", "invites", "delete", "--status", ""}, "expired"},
	} {
		if out := mustRun(t, srv, term{}, tt.args...).stdout; !strings.Contains(out, tt.want) {
			t.Errorf("%v: no %q in %q", tt.args, tt.want, out)
		}
	}
}

func TestAuditCommand(t *testing.T) {
	srv := demoServer(t)
	golden(t, "audit", mustRun(t, srv, term{tty: true, width: 200}, "audit", "--allowed-domains", "acme-robotics.example").stdout)
	for _, tt := range []struct {
		sev  string
		code int
	}{{"high", ExitFindings}, {"medium", ExitFindings}, {"low", ExitFindings}} {
		if r := runCLI(t, srv, term{}, "audit", "--fail-on", tt.sev, "--allowed-domains", "acme-robotics.example"); r.code != tt.code {
			t.Errorf("--fail-on %s: exit %d, want %d", tt.sev, r.code, tt.code)
		}
	}
	if r := runCLI(t, srv, term{}, "audit", "--fail-on", "severe"); r.code != ExitUsage {
		t.Errorf("--fail-on severe: exit %d", r.code)
	}
	var sarif map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, srv, term{}, "audit", "--sarif").stdout), &sarif); err != nil || sarif["version"] != "2.1.0" {
		t.Errorf("sarif: %v %v", err, sarif["version"])
	}
	csv := mustRun(t, srv, term{}, "audit", "-o", "csv").stdout
	if !strings.HasPrefix(csv, "severity,rule,object_kind") {
		t.Errorf("csv: %.200s", csv)
	}
	fix := mustRun(t, srv, term{}, "audit", "--fix", "--yes", "-o", "json").stdout
	if strings.Count(fix, `"status": "done"`) != 4 {
		t.Errorf("--fix: %s", fix)
	}
	// Fixed: nothing safe is left to fix.
	if r := runCLI(t, srv, term{}, "audit", "--fix", "--yes"); r.code != 0 || !strings.Contains(r.stdout, `"outcomes": []`) {
		t.Errorf("--fix again: exit %d\n%s", r.code, r.stdout)
	}
}

func TestAccessCommands(t *testing.T) {
	srv := demoServer(t)
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"access", jonasEmail}, []string{"organization role: developer", "Research", "prod-batch-worker", "cli-sofia", "monthly: $", "RBAC GROUPS\n  Research (rbac_group_"}},
		{[]string{"access", "Production"}, []string{"MEMBERS", "workspace_admin", "prod-api-gateway", "service accounts: not checked (they need an OAuth token"}},
		{[]string{"access", "alex-eval-scripts"}, []string{"alex-eval-scripts", "(not a member)", "Default", "not in 30 days"}},
	} {
		out := mustRun(t, srv, term{tty: true, width: 200}, tt.args...).stdout
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: no %q in\n%s", tt.args, w, out)
			}
		}
	}
	var keys []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, srv, term{}, "access", "prod-batch-worker").stdout), new(map[string]any)); err != nil {
		t.Error(err)
	}
	hint := mustRun(t, srv, term{}, "access", "prod-batch-worker")
	var k struct {
		Hint string `json:"partial_key_hint"`
	}
	json.Unmarshal([]byte(hint.stdout), &k)
	head, tail, _ := strings.Cut(k.Hint, "...")
	leaked := head + "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" + tail
	if err := json.Unmarshal([]byte(mustRun(t, srv, term{}, "api-keys", "find", leaked).stdout), &keys); err != nil || len(keys) != 1 || keys[0]["name"] != "prod-batch-worker" {
		t.Errorf("find %s: %v %v", leaked, err, keys)
	}
	if r := runCLI(t, srv, term{}, "api-keys", "find", "sk-ant-api03-"); r.code == 0 {
		t.Errorf("the common prefix matched: %s", r.stdout)
	}
}

func TestInvitesDeleteAllMatching(t *testing.T) {
	srv := demoServer(t)
	r := mustRun(t, srv, term{}, "invites", "delete", "--status", "expired", "--all-matching", "--yes")
	left := mustRun(t, srv, term{}, "invites", "list", "--status", "expired").stdout
	if strings.Contains(left, "invite_") {
		t.Errorf("expired invites left: %s\n%s", left, r.stderr)
	}
	if r := runCLI(t, srv, term{}, "invites", "delete", "--all-matching", "--yes"); r.code != ExitUsage {
		t.Errorf("--all-matching without --status: exit %d", r.code)
	}
}
