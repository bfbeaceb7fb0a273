package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
)

// keyNames returns the names of the keys in a JSON listing.
func keyNames(keys []map[string]any) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k["name"].(string)
	}
	return out
}

func TestAPIKeysList(t *testing.T) {
	srv := demoServer(t)
	golden(t, "api-keys-list-staging", mustRun(t, srv, term{tty: true}, "api-keys", "list", "--workspace", "Staging").stdout)

	creator := jsonList(t, mustRun(t, srv, term{}, "api-keys", "list", "--name", "prod-webhooks").stdout)[0]["created_by"].(map[string]any)["id"].(string)
	creatorEmail := jsonObject(t, mustRun(t, srv, term{}, "users", "get", creator).stdout)["email"].(string)

	tests := []struct {
		name string
		args []string
		want string // the key names, in order
	}{
		{"status", []string{"--status", "inactive"}, "hackathon-judges research-shared-old research-intern-2025 staging-tmp-debug prod-old-summarizer prod-legacy-gateway"},
		{"workspace by name, any case", []string{"--workspace", "research", "--status", "expired"}, "research-vendor-trial"},
		{"name, any case", []string{"--name", "LAPTOP"}, "laptop-old-priya laptop-mei laptop-aiko laptop-jonas"},
		{"name with max-items", []string{"--name", "laptop", "--max-items", "2"}, "laptop-old-priya laptop-mei"},
		{"creator by email", []string{"--created-by", creatorEmail, "--name", "prod"}, "prod-old-summarizer prod-webhooks"},
		{"creator by ID", []string{"--created-by", creator, "--name", "prod"}, "prod-old-summarizer prod-webhooks"},
		{"nothing matches", []string{"--name", "no-such-key"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys := jsonList(t, mustRun(t, srv, term{}, append([]string{"api-keys", "list"}, tt.args...)...).stdout)
			if got := strings.Join(keyNames(keys), " "); got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}

	records, err := csv.NewReader(strings.NewReader(mustRun(t, srv, term{}, "api-keys", "list", "-o", "csv", "--name", "prod-webhooks").stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 2 || strings.Join(records[0], ",") != "id,name,partial_key_hint,status,workspace_name,created_by_email,created_at,expires_at,workspace_id,created_by_id" {
		t.Fatalf("csv = %v", records)
	}
	if r := records[1]; !strings.HasPrefix(r[2], "sk-ant-api03-") || r[4] != "Production" || r[5] != creatorEmail || r[6] != "2026-04-07T15:30:00Z" || r[7] != "" ||
		!strings.HasPrefix(r[8], "wrkspc_") || r[9] != creator {
		t.Errorf("csv row = %v", r)
	}

	srv.ResetRequests()
	for _, args := range [][]string{{"--status", "revoked"}, {"-o", "xml"}} {
		if r := runCLI(t, srv, term{}, append([]string{"api-keys", "list"}, args...)...); r.code != ExitUsage {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("bad flags sent %d requests", n)
	}
	for _, args := range [][]string{{"--workspace", "Marketing"}, {"--created-by", "nobody@acme-robotics.example"}} {
		if r := runCLI(t, srv, term{}, append([]string{"api-keys", "list"}, args...)...); r.code != ExitNotFound || !strings.Contains(r.stderr, args[1]) {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

func TestAPIKeysGetAndUpdate(t *testing.T) {
	srv := demoServer(t)
	golden(t, "api-keys-get", mustRun(t, srv, term{tty: true}, "api-keys", "get", "prod-webhooks").stdout)
	key := jsonObject(t, mustRun(t, srv, term{}, "api-keys", "get", "staging-ci").stdout)
	id := key["id"].(string)
	if key["name"] != "staging-ci" || key["partial_key_hint"] == nil || key["scope"].(map[string]any)["type"] != "workspace" {
		t.Errorf("get by name = %v", key)
	}
	if r := runCLI(t, srv, term{}, "api-keys", "get", "no-such-key"); r.code != ExitNotFound || !strings.Contains(r.stderr, `no API key is named "no-such-key"`) {
		t.Errorf("unknown name: exit %d, stderr %q", r.code, r.stderr)
	}

	refused := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{id}, ExitUsage, "give --name, --status or both"},
		{[]string{id, "--status", "expired"}, ExitUsage, "active, inactive, archived"},
		{[]string{id, "--name", "  "}, ExitUsage, "error: name: must not be blank"},
		{[]string{id, "--status", "archived"}, ExitUsage, "refusing to archive API key " + id},
	}
	for _, tt := range refused {
		r := runCLI(t, srv, term{}, append([]string{"api-keys", "update"}, tt.args...)...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
			t.Errorf("update %v: exit %d, stderr %q; want %d and %q", tt.args, r.code, r.stderr, tt.code, tt.stderr)
		}
	}
	r := mustRun(t, srv, term{}, "api-keys", "update", "staging-ci", "--status", "archived", "--dry-run")
	if !strings.Contains(r.stdout, "would send POST /v1/organizations/api_keys/"+id+"\n") || !strings.Contains(r.stdout, `"status": "archived"`) {
		t.Errorf("dry-run archive printed %q", r.stdout)
	}
	if w := writes(srv); len(w) != 0 {
		t.Fatalf("refused and dry-run updates sent %d changes", len(w))
	}

	renamed := jsonObject(t, mustRun(t, srv, term{}, "api-keys", "update", "staging-ci", "--name", "staging-ci-runner").stdout)
	if renamed["name"] != "staging-ci-runner" || renamed["status"] != "active" {
		t.Errorf("rename = %v", renamed)
	}
	r = mustRun(t, srv, term{tty: true, stdin: "yes\n"}, "api-keys", "update", id, "--status", "archived", "-o", "json")
	if k := jsonObject(t, r.stdout); k["status"] != "archived" || !strings.Contains(r.stderr, "cannot be undone") {
		t.Errorf("archive = %v, stderr %q", k, r.stderr)
	}
	w := writes(srv)
	if len(w) != 2 || string(w[0].Body) != `{"name":"staging-ci-runner"}` || string(w[1].Body) != `{"status":"archived"}` {
		t.Errorf("updates sent %+v", w)
	}
	if r := runCLI(t, srv, term{}, "api-keys", "update", id, "--name", "again"); r.code != ExitError || !strings.Contains(r.stderr, "is archived") {
		t.Errorf("update of an archived key: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestAPIKeysDeactivateAndActivate(t *testing.T) {
	srv := demoServer(t)
	id := jsonList(t, mustRun(t, srv, term{}, "api-keys", "list", "--name", "prod-webhooks").stdout)[0]["id"].(string)

	// One key: asks, or refuses without a terminal.
	r := runCLI(t, srv, term{}, "api-keys", "deactivate", "prod-webhooks")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "refusing to deactivate API key prod-webhooks without --yes") {
		t.Errorf("non-interactive deactivate: exit %d, stderr %q", r.code, r.stderr)
	}
	if w := writes(srv); len(w) != 0 {
		t.Fatalf("refused deactivate sent %d changes", len(w))
	}
	r = mustRun(t, srv, term{tty: true, stdin: "y\n"}, "api-keys", "deactivate", "prod-webhooks")
	if r.stderr != "About to deactivate API key prod-webhooks.\nType yes or y to continue, anything else to cancel: deactivated API key prod-webhooks\n" {
		t.Errorf("deactivate stderr %q", r.stderr)
	}
	// Activating is not destructive: no question, even in a script.
	mustRun(t, srv, term{}, "api-keys", "activate", id)
	w := writes(srv)
	if len(w) != 2 || w[0].Path != "/v1/organizations/api_keys/"+id || string(w[0].Body) != `{"status":"inactive"}` || string(w[1].Body) != `{"status":"active"}` {
		t.Errorf("deactivate then activate sent %+v", w)
	}
	if k := jsonObject(t, mustRun(t, srv, term{}, "api-keys", "get", id).stdout); k["status"] != "active" {
		t.Errorf("after activate: %v", k["status"])
	}

	// Bulk: a dry run lists and reads, and sends nothing.
	srv.ResetRequests()
	r = mustRun(t, srv, term{}, "api-keys", "deactivate", "--workspace", "Staging", "--all-matching", "--dry-run")
	if n := strings.Count(r.stdout, "dry run: would send POST /v1/organizations/api_keys/apikey_"); n != 5 {
		t.Errorf("dry run would send %d updates, want 5:\n%s", n, r.stdout)
	}
	for _, want := range []string{"7 API keys match; 2 already inactive, archived, expired or in an archived workspace are left alone\n", "5 API keys to deactivate:\n",
		"staging-api-gateway  (Staging, active)", "dry run: would deactivate 5 API keys (staging-ci, staging-load-test, staging-chat-backend, and 2 more); nothing was sent\n"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("dry-run stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if len(srv.Requests()) == 0 {
		t.Error("dry run did not read the list")
	}
	if w := writes(srv); len(w) != 0 {
		t.Fatalf("bulk dry run sent %d changes", len(w))
	}
	// Bulk asks even when a single key would not, and refuses in a script;
	// hackathon-judges, in the archived Hackathon workspace, is left out.
	r = runCLI(t, srv, term{}, "api-keys", "activate", "--status", "inactive", "--all-matching")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "refusing to activate 5 API keys") {
		t.Errorf("bulk without --yes: exit %d, stderr %q", r.code, r.stderr)
	}
	if w := writes(srv); len(w) != 0 {
		t.Fatalf("refused bulk sent %d changes", len(w))
	}

	// A person says yes: progress on the terminal, one summary line.
	r = mustRun(t, srv, term{tty: true, stdin: "yes\n"}, "api-keys", "deactivate", "--workspace", "Staging", "--all-matching")
	if !strings.Contains(r.stderr, "\rdeactivated 5/5 API keys…") || !strings.HasSuffix(r.stderr, "\r\x1b[Kdeactivated 5 API keys (staging-ci, staging-load-test, staging-chat-backend, and 2 more)\n") {
		t.Errorf("bulk stderr %q", r.stderr)
	}
	w = writes(srv)
	if len(w) != 5 {
		t.Fatalf("bulk sent %d changes, want 5", len(w))
	}
	for _, req := range w {
		if req.Method != "POST" || string(req.Body) != `{"status":"inactive"}` {
			t.Errorf("bulk sent %s %s %s", req.Method, req.Path, req.Body)
		}
	}
	if left := jsonList(t, mustRun(t, srv, term{}, "api-keys", "list", "--workspace", "Staging", "--status", "active").stdout); len(left) != 0 {
		t.Errorf("active Staging keys left: %v", keyNames(left))
	}
	// Running it again finds nothing to do.
	r = mustRun(t, srv, term{}, "api-keys", "deactivate", "--workspace", "Staging", "--all-matching", "--yes")
	if !strings.HasSuffix(r.stderr, "no API keys to deactivate\n") || len(writes(srv)) != 5 {
		t.Errorf("second run: stderr %q, %d changes", r.stderr, len(writes(srv)))
	}
	// And back on, in a script.
	r = mustRun(t, srv, term{}, "api-keys", "activate", "--workspace", "Staging", "--status", "inactive", "--all-matching", "--yes")
	if !strings.HasSuffix(r.stderr, "activated 6 API keys (staging-tmp-debug, staging-ci, staging-load-test, and 3 more)\n") || len(writes(srv)) != 11 {
		t.Errorf("bulk activate: stderr %q, %d changes", r.stderr, len(writes(srv)))
	}
}

func TestAPIKeysShortcutsRefuseBadInput(t *testing.T) {
	srv := demoServer(t)
	staging := jsonList(t, mustRun(t, srv, term{}, "api-keys", "list", "--name", "staging-ci").stdout)[0]
	var scope struct {
		WorkspaceID string `json:"workspace_id"`
	}
	b, _ := json.Marshal(staging["scope"])
	json.Unmarshal(b, &scope)
	srv.AddAPIKey("staging-ci", scope.WorkspaceID, staging["created_by"].(map[string]any)["id"].(string))
	srv.ResetRequests()

	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"deactivate"}, ExitUsage, "name the keys to deactivate"},
		{[]string{"deactivate", "--all-matching"}, ExitUsage, "--status active selects every active key"},
		{[]string{"activate", "--all-matching"}, ExitUsage, "--status inactive selects every inactive key"},
		{[]string{"deactivate", "prod-webhooks", "--all-matching", "--status", "active"}, ExitUsage, "not both"},
		{[]string{"deactivate", "prod-webhooks", "--workspace", "Staging"}, ExitUsage, "only with --all-matching"},
		{[]string{"deactivate", "--all-matching", "--status", "gone"}, ExitUsage, "--status \"gone\""},
		{[]string{"deactivate", "staging-ci", "--yes"}, ExitUsage, "2 API keys are named \"staging-ci\""},
		{[]string{"deactivate", "prod-webhooks", "missing-key", "--yes"}, ExitNotFound, "no API key is named \"missing-key\""},
		{[]string{"deactivate", "--all-matching", "--workspace", "Marketing", "--yes"}, ExitNotFound, "no workspace is named \"Marketing\""},
	}
	for _, tt := range tests {
		r := runCLI(t, srv, term{}, append([]string{"api-keys"}, tt.args...)...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, r.code, r.stderr, tt.code, tt.stderr)
		}
	}
	if w := writes(srv); len(w) != 0 {
		t.Errorf("refused shortcuts sent %d changes", len(w))
	}
}

func TestAPIKeysBulkStopsAtAFailureAndResumes(t *testing.T) {
	srv := demoServer(t)
	staging := jsonList(t, mustRun(t, srv, term{}, "api-keys", "list", "--workspace", "Staging", "--status", "active").stdout)
	second := staging[1]
	srv.Inject(admintest.Fault{Method: "POST", Path: "/v1/organizations/api_keys/" + second["id"].(string), Status: 429, ShouldRetry: "false"})

	r := runCLI(t, srv, term{}, "api-keys", "deactivate", "--workspace", "Staging", "--all-matching", "--yes")
	if r.code != ExitRateLimited || !strings.Contains(r.stderr, "deactivated 1 of 5 API keys; stopped at "+second["name"].(string)+"\n") ||
		!strings.Contains(r.stderr, "rate_limit_error") {
		t.Errorf("failed bulk: exit %d, stderr %q", r.code, r.stderr)
	}
	if w := writes(srv); len(w) != 2 || w[1].Status != 429 {
		t.Fatalf("failed bulk sent %+v", w)
	}
	// The same command again skips what was done and finishes the rest.
	r = mustRun(t, srv, term{}, "api-keys", "deactivate", "--workspace", "Staging", "--all-matching", "--yes")
	if !strings.Contains(r.stderr, "7 API keys match; 3 already inactive, archived, expired or in an archived workspace are left alone\n") ||
		!strings.HasSuffix(r.stderr, "deactivated 4 API keys ("+second["name"].(string)+", staging-chat-backend, staging-batch-worker, and 1 more)\n") {
		t.Errorf("resumed bulk: stderr %q", r.stderr)
	}
	if w := writes(srv); len(w) != 6 {
		t.Errorf("both runs sent %d changes, want 6", len(w))
	}
}
