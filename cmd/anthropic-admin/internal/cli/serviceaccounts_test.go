package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
)

// oauthTerm is a terminal whose environment holds the fake's OAuth token
// and no admin key.
func oauthTerm(srv *admintest.Server, tm term) term {
	env := map[string]string{"ANTHROPIC_ADMIN_KEY": "", "ANTHROPIC_AUTH_TOKEN": srv.OAuthToken()}
	for k, v := range tm.env {
		env[k] = v
	}
	tm.env = env
	return tm
}

func TestServiceAccountsList(t *testing.T) {
	srv := demoServer(t)
	tty := oauthTerm(srv, term{tty: true, width: 160})
	golden(t, "service-accounts-list", mustRun(t, srv, tty, "service-accounts", "list", "--include-archived").stdout)
	golden(t, "service-accounts-workspaces-list", mustRun(t, srv, tty, "service-accounts", "workspaces", "list", "--workspace", "Default").stdout)

	active := jsonList(t, mustRun(t, srv, oauthTerm(srv, term{}), "service-accounts", "list").stdout)
	if len(active) != 5 || active[0]["type"] != "service_account" {
		t.Fatalf("JSON list: %d accounts, first %v", len(active), active[0])
	}
	csv := mustRun(t, srv, oauthTerm(srv, term{}), "service-accounts", "workspaces", "list", "ci-deploy", "-o", "csv").stdout
	if !strings.HasPrefix(csv, "service_account_name,service_account_id,workspace_name,workspace_id,workspace_role,implicit\n") ||
		!strings.Contains(csv, "ci-deploy,svac_") || !strings.Contains(csv, ",Production,wrkspc_") {
		t.Errorf("csv:\n%s", csv)
	}
}

// With an admin key alone, the API refuses; the CLI says in one line what
// to give instead, after the request was sent (the refusal is the API's).
func TestServiceAccountsNeedAnOAuthToken(t *testing.T) {
	for _, args := range [][]string{{"service-accounts", "list"}, {"federation", "rules", "get", "deploy-main"}} {
		srv := demoServer(t)
		r := runCLI(t, srv, term{}, args...)
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		if r.code != ExitAuth || len(lines) != 1 || !strings.Contains(r.stderr, "OAuth token with the org:admin scope, not an admin key") ||
			!strings.Contains(r.stderr, "ANTHROPIC_AUTH_TOKEN") || !strings.Contains(r.stderr, "HTTP 403") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		if len(srv.Requests()) == 0 {
			t.Errorf("%v: nothing was sent: the refusal must be the API's", args)
		}
	}
	// An admin key and a token: the token goes to these endpoints, the key
	// to the rest.
	srv := demoServer(t)
	both := term{env: map[string]string{"ANTHROPIC_AUTH_TOKEN": srv.OAuthToken()}}
	if got := jsonList(t, mustRun(t, srv, both, "service-accounts", "list").stdout); len(got) != 5 {
		t.Errorf("with both: %d accounts", len(got))
	}
	mustRun(t, srv, both, "users", "list")

	// api sends the token to these endpoints too: under --fake, the demo's.
	var page struct {
		Data []json.RawMessage `json:"data"`
	}
	if r := runCLI(t, nil, term{}, "--fake", "api", "GET", "federation_issuers"); r.code != 0 || json.Unmarshal([]byte(r.stdout), &page) != nil || len(page.Data) != 2 {
		t.Errorf("api under --fake: exit %d, %d issuers, %s", r.code, len(page.Data), r.stderr)
	}
}

// A service account's life through the CLI: created, changed, added to a
// workspace, its role there changed, taken out, and archived, which asks.
func TestServiceAccountsLifecycle(t *testing.T) {
	srv := demoServer(t)
	tm := oauthTerm(srv, term{})
	created := jsonObject(t, mustRun(t, srv, tm, "service-accounts", "create", "--name", "release-bot", "--description", "Tags releases", "--role", "developer").stdout)
	if created["name"] != "release-bot" || created["organization_role"] != "developer" {
		t.Fatalf("create: %v", created)
	}
	if r := runCLI(t, srv, tm, "service-accounts", "create", "--name", "release-bot"); r.code != ExitConflict {
		t.Errorf("duplicate: exit %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, srv, tm, "service-accounts", "create", "--name", "x", "--role", "owner"); r.code != ExitUsage || !strings.Contains(r.stderr, "known: developer, admin") {
		t.Errorf("bad role: exit %d %s", r.code, r.stderr)
	}
	upd := jsonObject(t, mustRun(t, srv, tm, "service-accounts", "update", "release-bot", "--clear-description", "--role", "admin").stdout)
	if upd["description"] != "" || upd["organization_role"] != "admin" {
		t.Errorf("update: %v", upd)
	}
	if r := runCLI(t, srv, tm, "service-accounts", "workspaces", "add", "release-bot", "Research", "--role", "billing"); r.code != ExitUsage ||
		!strings.Contains(r.stderr, "cannot be held by a service account") {
		t.Errorf("billing role: exit %d %s", r.code, r.stderr)
	}
	m := jsonObject(t, mustRun(t, srv, tm, "service-accounts", "workspaces", "add", "release-bot", "Research", "--role", "developer").stdout)
	if m["workspace_role"] != "workspace_developer" || m["implicit"] != false {
		t.Errorf("add: %v", m)
	}
	m = jsonObject(t, mustRun(t, srv, tm, "service-accounts", "workspaces", "update", "release-bot", "Research", "--role", "admin").stdout)
	if m["workspace_role"] != "workspace_admin" {
		t.Errorf("update membership: %v", m)
	}
	if r := runCLI(t, srv, tm, "service-accounts", "workspaces", "remove", "release-bot", "Research"); r.code != ExitUsage || !strings.Contains(r.stderr, "without --yes") {
		t.Errorf("remove without --yes off a terminal: exit %d %s", r.code, r.stderr)
	}
	r := mustRun(t, srv, tm, "service-accounts", "workspaces", "remove", "release-bot", "Research", "--yes")
	if !strings.Contains(r.stderr, "removed membership release-bot from Research") {
		t.Errorf("remove: %q", r.stderr)
	}
	back := jsonList(t, mustRun(t, srv, tm, "service-accounts", "workspaces", "list", "release-bot").stdout)
	if len(back) != 1 || back[0]["implicit"] != true {
		t.Errorf("after the removal it is implicitly in the default workspace again: %v", back)
	}
	r = runCLI(t, srv, oauthTerm(srv, term{tty: true, stdin: "no\n"}), "service-accounts", "archive", "release-bot")
	if r.code != ExitError || !strings.Contains(r.stderr, "About to archive service account release-bot (archiving cannot be undone)") {
		t.Errorf("archive answered no: exit %d %q", r.code, r.stderr)
	}
	mustRun(t, srv, oauthTerm(srv, term{tty: true, stdin: "yes\n"}), "service-accounts", "archive", "release-bot")
	got := jsonObject(t, mustRun(t, srv, tm, "service-accounts", "get", "release-bot").stdout)
	if got["archived_at"] == nil {
		t.Errorf("archived: %v", got)
	}
	if r := runCLI(t, srv, tm, "service-accounts", "get", "nobody"); r.code != ExitNotFound || !strings.Contains(r.stderr, `no service account has the ID or name "nobody"`) {
		t.Errorf("unknown name: exit %d %s", r.code, r.stderr)
	}
}

func TestFederationCommands(t *testing.T) {
	srv := demoServer(t)
	tty := oauthTerm(srv, term{tty: true, width: 200})
	golden(t, "federation-issuers-list", mustRun(t, srv, tty, "federation", "issuers", "list", "--include-archived").stdout)
	golden(t, "federation-rules-list", mustRun(t, srv, tty, "federation", "rules", "list").stdout)

	tm := oauthTerm(srv, term{})
	jwks := t.TempDir() + "/jwks.json"
	if err := os.WriteFile(jwks, []byte(`{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	is := jsonObject(t, mustRun(t, srv, tm, "federation", "issuers", "create", "--name", "buildkite", "--issuer-url", "https://agent.buildkite.com",
		"--jwks-file", jwks, "--max-jwt-lifetime", "15m", "--check-jti=false").stdout)
	if is["max_jwt_lifetime_seconds"] != 900.0 || is["check_jti"] != false || is["jwks"].(map[string]any)["type"] != "inline" {
		t.Fatalf("issuer: %v", is)
	}
	if r := runCLI(t, srv, tm, "federation", "issuers", "create", "--name", "x", "--issuer-url", "https://x.example", "--jwks-url", "https://x.example/k", "--discovery"); r.code != ExitUsage {
		t.Errorf("two kinds of keys: exit %d %s", r.code, r.stderr)
	}

	srv.ResetRequests()
	rule := jsonObject(t, mustRun(t, srv, tm, "federation", "rules", "create", "--name", "buildkite-deploy", "--issuer", "buildkite",
		"--service-account", "ci-deploy", "--scope", "workspace:developer", "--subject-prefix", "organization:acme:pipeline:deploy:",
		"--claim", "build_branch=main", "--workspace", "Staging", "--token-lifetime", "10m").stdout)
	w := writes(srv)
	var body map[string]any
	if len(w) != 1 || json.Unmarshal(w[0].Body, &body) != nil {
		t.Fatalf("writes: %+v", w)
	}
	match, _ := body["match"].(map[string]any)
	if match["subject_prefix"] != "organization:acme:pipeline:deploy:" || match["claims"].(map[string]any)["build_branch"] != "main" ||
		body["token_lifetime_seconds"] != 600.0 || !strings.HasPrefix(body["workspace_id"].(string), "wrkspc_") ||
		!strings.HasPrefix(body["issuer_id"].(string), "fdis_") || body["target"].(map[string]any)["type"] != "service_account" {
		t.Errorf("sent %s", w[0].Body)
	}
	if rule["issuer_name"] != "buildkite" || rule["target"].(map[string]any)["service_account_name"] != "ci-deploy" {
		t.Errorf("rule: %v", rule)
	}
	if r := runCLI(t, srv, tm, "federation", "rules", "create", "--name", "x", "--issuer", "buildkite", "--service-account", "ci-deploy", "--scope", "workspace:developer"); r.code != ExitUsage {
		t.Errorf("no match: exit %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, srv, tm, "federation", "rules", "update", "buildkite-deploy", "--scope", "org:admin"); r.code != ExitAuth {
		t.Errorf("org:admin from an OAuth token: exit %d %s", r.code, r.stderr)
	}
	added := jsonList(t, mustRun(t, srv, tm, "federation", "rules", "workspaces", "add", "buildkite-deploy", "Production", "Research").stdout)
	if len(added) != 2 || added[1]["workspace_name"] != "Research" {
		t.Errorf("added: %v", added)
	}
	mustRun(t, srv, tm, "federation", "rules", "workspaces", "remove", "buildkite-deploy", "Staging", "--yes")
	got := jsonObject(t, mustRun(t, srv, tm, "federation", "rules", "get", "buildkite-deploy").stdout)
	if ids, _ := got["workspace_ids"].([]any); len(ids) != 2 {
		t.Errorf("workspaces after add and remove: %v", got["workspace_ids"])
	}
	r := runCLI(t, srv, oauthTerm(srv, term{tty: true, stdin: "n\n"}), "federation", "issuers", "archive", "github-actions")
	if r.code != ExitError || !strings.Contains(r.stderr, "so that 2 active rules stop accepting tokens") {
		t.Errorf("archive question: exit %d %q", r.code, r.stderr)
	}
	mustRun(t, srv, tm, "federation", "rules", "archive", "buildkite-deploy", "--yes")
	mustRun(t, srv, tm, "federation", "issuers", "archive", "buildkite", "--yes")
	if left := jsonList(t, mustRun(t, srv, tm, "federation", "issuers", "list").stdout); len(left) != 2 {
		t.Errorf("active issuers after the archive: %d", len(left))
	}
}

// The README's example output of these commands is what they print on the
// demo organization.
func TestReadmeServiceAccountOutput(t *testing.T) {
	b, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n### Service accounts and federation\n")
	section, _, _ = strings.Cut(section, "\n## ")
	blocks := 0
	for _, part := range strings.Split(section, "```text\n")[1:] {
		block, _, _ := strings.Cut(part, "```")
		cmdLine, want, _ := strings.Cut(block, "\n")
		words, _, err := shellWords(strings.TrimPrefix(cmdLine, "$ "))
		if err != nil || len(words) < 2 || words[0] != "anthropic-admin" {
			t.Fatalf("README block starts %q, want \"$ anthropic-admin …\"", cmdLine)
		}
		r := runCLI(t, nil, term{tty: true, width: 100}, append([]string{"--fake"}, words[1:]...)...)
		if r.code != 0 || r.stdout != want {
			t.Errorf("README's output of %q differs (exit %d):\n--- got\n%s--- README\n%s", cmdLine, r.code, r.stdout, want)
		}
		blocks++
	}
	if !ok || blocks < 3 {
		t.Errorf("the README's Service accounts and federation section has %d output blocks", blocks)
	}
}

// Descriptions and matches from the server are shown inert.
func TestServiceAccountTextIsInert(t *testing.T) {
	srv := hostileServer(t)
	for _, args := range [][]string{{"service-accounts", "list", "-o", "table"}, {"service-accounts", "get", "ci-deploy", "-o", "table"},
		{"service-accounts", "workspaces", "list", "--workspace", "Default", "-o", "table"}, {"federation", "rules", "list", "-o", "table"},
		{"federation", "rules", "get", "deploy-main", "-o", "table"}, {"service-accounts", "archive", "ci-deploy"}} {
		for _, tty := range []bool{true, false} {
			r := runCLI(t, srv, oauthTerm(srv, term{tty: tty, stdin: "no\n", width: 300}), args...)
			checkInert(t, strings.Join(args, " "), r.stdout+r.stderr)
		}
	}
	r := runCLI(t, srv, oauthTerm(srv, term{tty: true, width: 300}), "service-accounts", "list")
	if !strings.Contains(r.stdout, `\x1b`) && !strings.Contains(r.stdout, `\u202e`) {
		t.Errorf("the escaped sequences are not shown:\n%s", r.stdout)
	}
}
