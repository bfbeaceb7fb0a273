package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
)

// orgFile writes the demo's export, edited by replacing old with new, and
// returns its path.
func orgFile(t *testing.T, export string, edits ...string) string {
	t.Helper()
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(export, edits[i]) {
			t.Fatalf("the export has no %q", edits[i])
		}
		export = strings.Replace(export, edits[i], edits[i+1], 1)
	}
	path := filepath.Join(t.TempDir(), "org.yaml")
	if err := os.WriteFile(path, []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// plan prints the changes, with --detailed-exitcode exits 2 on changes and
// 0 without, and its JSON is the saved plan.
func TestPlanCommand(t *testing.T) {
	srv := demoServer(t)
	export := mustRun(t, srv, term{}, "export").stdout
	same := orgFile(t, export)
	if r := runCLI(t, srv, term{}, "plan", "-f", same, "--detailed-exitcode"); r.code != 0 || !strings.Contains(r.stdout, "No changes") {
		t.Errorf("plan of the export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	edited := orgFile(t, export,
		"    - name: Staging\n", "    - name: Staging\n      rate_limits:\n        Claude Opus 4.x:\n          requests_per_minute: 1000\n",
		"      role: user\n", "      role: developer\n",
		"  env: prod\n", "  env: production\n")
	srv.ResetRequests()
	r := runCLI(t, srv, term{}, "plan", "-f", edited, "--detailed-exitcode")
	if r.code != ExitUsage {
		t.Errorf("plan with changes, --detailed-exitcode: exit %d, want 2\n%s", r.code, r.stderr)
	}
	golden(t, "plan", r.stdout)
	if w := writes(srv); len(w) != 0 {
		t.Errorf("plan sent %d changes", len(w))
	}
	p := jsonObject(t, mustRun(t, srv, term{}, "plan", "-f", edited, "-o", "json").stdout)
	if p["fingerprint"] == "" || len(p["changes"].([]any)) != 3 {
		t.Errorf("plan -o json: %v", p)
	}
}

func TestPlanRefusals(t *testing.T) {
	srv := demoServer(t)
	export := mustRun(t, srv, term{}, "export").stdout
	bad := orgFile(t, export, "      role: user\n", "      role: admin\n")
	r := runCLI(t, srv, term{}, "plan", "-f", bad)
	if r.code != ExitError || !strings.Contains(r.stderr, "org.yaml:") || !strings.Contains(r.stderr, `role "admin" cannot be assigned through the API`) {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	typo := orgFile(t, export, "    - name: Staging\n", "    - name: Staging\n      colour: red\n")
	if r := runCLI(t, srv, term{}, "plan", "-f", typo); r.code != ExitError || !strings.Contains(r.stderr, `unknown field "colour"`) {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if r := runCLI(t, srv, term{}, "plan"); r.code != ExitUsage {
		t.Errorf("plan without -f: exit %d", r.code)
	}
	for _, args := range [][]string{{"plan", "-f", bad, "-o", "csv"}, {"export", "-o", "csv"}} {
		if r := runCLI(t, srv, term{}, args...); r.code != ExitUsage || !strings.Contains(r.stderr, "-o csv") {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
}

// apply asks, prints each change as it lands, refuses an archive without
// --allow-archive, and after it the plan is empty.
func TestApplyCommand(t *testing.T) {
	srv := demoServer(t)
	export := mustRun(t, srv, term{}, "export").stdout
	edited := orgFile(t, export, "      role: user\n", "      role: developer\n", "  env: prod\n", "  env: production\n")
	if r := runCLI(t, srv, term{}, "apply", "-f", edited); r.code != ExitUsage || !strings.Contains(r.stderr, "without --yes") {
		t.Errorf("apply off a terminal without --yes: exit %d\n%s", r.code, r.stderr)
	}
	if r := mustRun(t, srv, term{}, "apply", "-f", edited, "--dry-run"); !strings.Contains(r.stdout, "nothing was sent") || len(writes(srv)) != 0 {
		t.Errorf("--dry-run:\n%s", r.stdout)
	}
	r := mustRun(t, srv, term{tty: true, stdin: "yes\n"}, "apply", "-f", edited, "--parallel", "2")
	if strings.Count(r.stdout, "done    ") != 2 || !strings.Contains(r.stdout, "Applied: 2 change(s).") || len(writes(srv)) != 2 {
		t.Errorf("apply:\n%s", r.stdout)
	}
	if r := runCLI(t, srv, term{}, "plan", "-f", edited, "--detailed-exitcode"); r.code != 0 {
		t.Errorf("plan after apply: exit %d\n%s", r.code, r.stdout)
	}
	archive := orgFile(t, export, "    - name: Research\n", "    - name: Research\n      archived: true\n")
	srv.ResetRequests()
	if r := runCLI(t, srv, term{}, "apply", "-f", archive, "--yes"); r.code != ExitUsage || !strings.Contains(r.stderr, "--allow-archive") || len(writes(srv)) != 0 {
		t.Errorf("archive without --allow-archive: exit %d\n%s", r.code, r.stderr)
	}
	if r := mustRun(t, srv, term{}, "apply", "-f", archive, "--yes", "--allow-archive"); !strings.Contains(r.stdout, "done    - workspace Research  (archive: irreversible)") {
		t.Errorf("archive:\n%s", r.stdout)
	}
}

// apply --plan applies a saved plan while the organization is as it was,
// and refuses it (exit 6) once it has changed.
func TestApplySavedPlan(t *testing.T) {
	srv := demoServer(t)
	export := mustRun(t, srv, term{}, "export").stdout
	edited := orgFile(t, export, "      role: user\n", "      role: developer\n")
	saved := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(saved, []byte(mustRun(t, srv, term{}, "plan", "-f", edited, "-o", "json").stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := mustRun(t, srv, term{}, "apply", "--plan", saved, "--yes"); !strings.Contains(r.stdout, "Applied: 1 change(s).") {
		t.Errorf("apply --plan:\n%s", r.stdout)
	}
	srv.ResetRequests()
	r := runCLI(t, srv, term{}, "apply", "--plan", saved, "--yes")
	if r.code != ExitConflict || !strings.Contains(r.stderr, "changed since the plan was made") || len(writes(srv)) != 0 {
		t.Errorf("a stale plan: exit %d\n%s", r.code, r.stderr)
	}
}

func TestSchemaCommand(t *testing.T) {
	s := jsonObject(t, mustRun(t, nil, term{}, "--fake", "schema").stdout)
	props, _ := s["properties"].(map[string]any)
	if s["$schema"] == nil || props["workspaces"] == nil || props["version"] == nil || s["additionalProperties"] != false {
		t.Errorf("schema: %v", s)
	}
	var f map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, nil, term{}, "--fake", "export", "-o", "json").stdout), &f); err != nil || f["version"] != 1.0 {
		t.Errorf("export -o json: %v %v", f, err)
	}
}

// The README's organization file is the demo's (plan finds nothing to
// change in it) and its plan is the one the demo prints.
func TestReadmeOrganizationFile(t *testing.T) {
	b, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "\n## Organization as code\n")
	if !ok {
		t.Fatal("the README has no Organization as code section")
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	// block is the body of the next block that opens with fence.
	block := func(fence string) string {
		_, rest, ok := strings.Cut(sec, "\n"+fence+"\n")
		if !ok {
			t.Fatalf("no %s block", fence)
		}
		body, after, _ := strings.Cut(rest, "\n```\n")
		sec = after
		return body + "\n"
	}
	yamlFile, planText := block("```yaml"), block("```")
	srv := demoServer(t)
	file := orgFile(t, yamlFile)
	// the token for the service accounts, as a user of them gives it
	if r := runCLI(t, srv, term{}, "plan", "-f", file, "--detailed-exitcode", "--auth-token", admintest.DefaultOAuthToken); r.code != 0 {
		t.Errorf("the README's file is not the demo's: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	demo := mustRun(t, nil, term{}, "demo").stdout
	for _, line := range strings.Split(strings.TrimSpace(planText), "\n") {
		if line != "" && !strings.Contains(demo, strings.TrimSpace(line)) {
			t.Errorf("the README's plan line %q is not in the demo's", line)
		}
	}
}

// With an admin key alone, export leaves the service accounts out and says
// on stderr what credential gives them; with the OAuth token it has them.
func TestExportNotesWhatIsLeftOut(t *testing.T) {
	srv := demoServer(t)
	r := runCLI(t, srv, term{}, "export")
	if r.code != 0 || strings.Contains(r.stdout, "service_accounts:") || !strings.Contains(r.stderr, "service_accounts: left out (they need an OAuth token") {
		t.Errorf("admin key: exit %d, stderr %q, service accounts in the file: %v", r.code, r.stderr, strings.Contains(r.stdout, "service_accounts:"))
	}
	r = runCLI(t, srv, term{}, "export", "--auth-token", admintest.DefaultOAuthToken)
	if r.code != 0 || !strings.Contains(r.stdout, "\nservice_accounts:\n") || strings.Contains(r.stderr, "left out") {
		t.Errorf("OAuth token: exit %d, stderr %q", r.code, r.stderr)
	}
}
