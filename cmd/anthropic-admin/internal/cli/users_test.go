package cli

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestUsersListFormats(t *testing.T) {
	srv := demoServer(t)
	tty := mustRun(t, srv, term{tty: true}, "users", "list")
	golden(t, "users-list", tty.stdout)

	piped := mustRun(t, srv, term{}, "users", "list", "--role", "billing")
	users := jsonList(t, piped.stdout)
	if len(users) != 2 {
		t.Fatalf("billing members = %d, want 2", len(users))
	}
	for _, u := range users {
		if u["role"] != "billing" || u["type"] != "user" || u["added_at"] == nil {
			t.Errorf("JSON user = %v", u)
		}
	}

	lines := strings.Split(strings.TrimSpace(mustRun(t, srv, term{}, "users", "list", "-o", "jsonl", "--max-items", "3").stdout), "\n")
	if len(lines) != 3 {
		t.Errorf("jsonl with --max-items 3 gave %d lines", len(lines))
	}

	records, err := csv.NewReader(strings.NewReader(mustRun(t, srv, term{}, "users", "list", "-o", "csv").stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(records[0], ",") != "id,email,name,role,added_at" || len(records) != 26 {
		t.Errorf("csv header %v, %d rows", records[0], len(records))
	}
	if added := records[1][4]; added != "2026-11-17T15:30:00Z" {
		t.Errorf("csv time %q is not RFC 3339", added)
	}
	noHead := mustRun(t, srv, term{}, "users", "list", "-o", "csv", "--no-headers").stdout
	if strings.HasPrefix(noHead, "id,") {
		t.Error("--no-headers kept the header")
	}

	yaml := mustRun(t, srv, term{}, "users", "get", users[0]["email"].(string), "-o", "yaml").stdout
	if !strings.Contains(yaml, "role: billing\n") || !strings.HasPrefix(yaml, "id: user_") {
		t.Errorf("yaml = %s", yaml)
	}
}

func TestUsersChangesAskFirst(t *testing.T) {
	srv := demoServer(t)
	devs := jsonList(t, mustRun(t, srv, term{}, "users", "list", "--role", "developer").stdout)
	target := devs[0]["email"].(string)

	// Not a terminal and no --yes: refused, nothing sent.
	r := runCLI(t, srv, term{}, "users", "remove", target)
	if r.code != ExitUsage || !strings.Contains(r.stderr, "--yes") {
		t.Errorf("non-interactive remove: exit %d, stderr %q", r.code, r.stderr)
	}
	// A person who answers no: nothing sent.
	r = runCLI(t, srv, term{tty: true, stdin: "no\n"}, "users", "remove", target)
	if r.code != ExitError || !strings.Contains(r.stderr, "Type yes") {
		t.Errorf("answered no: exit %d, stderr %q", r.code, r.stderr)
	}
	// --dry-run prints the request and sends no change.
	r = mustRun(t, srv, term{}, "users", "remove", target, "--dry-run")
	if !strings.Contains(r.stdout, "would send DELETE /v1/organizations/users/"+devs[0]["id"].(string)) {
		t.Errorf("dry run printed %q", r.stdout)
	}
	r = mustRun(t, srv, term{}, "users", "update", target, "--role", "billing", "--dry-run")
	if !strings.Contains(r.stdout, `"role": "billing"`) {
		t.Errorf("dry run update printed %q", r.stdout)
	}
	if w := writes(srv); len(w) != 0 {
		t.Fatalf("refused and dry-run commands sent %d changes", len(w))
	}
	// A person who answers yes, then --yes in a script.
	mustRun(t, srv, term{tty: true, stdin: "yes\n"}, "users", "remove", target)
	mustRun(t, srv, term{}, "users", "remove", devs[1]["id"].(string), "--yes")
	if w := writes(srv); len(w) != 2 {
		t.Errorf("confirmed removes sent %d changes, want 2", len(w))
	}
	if r := runCLI(t, srv, term{}, "users", "get", target); r.code != ExitNotFound {
		t.Errorf("removed member: exit %d, want %d", r.code, ExitNotFound)
	}
	upd := jsonObject(t, mustRun(t, srv, term{}, "users", "update", devs[2]["id"].(string), "--role", "billing").stdout)
	if upd["role"] != "billing" {
		t.Errorf("update = %v", upd)
	}
}

func TestExitCodesAndErrors(t *testing.T) {
	srv := demoServer(t)
	tests := []struct {
		name   string
		srv    bool
		env    map[string]string
		args   []string
		code   int
		stderr string
	}{
		{"no credentials", false, nil, []string{"users", "list"}, ExitAuth, "--fake"},
		{"wrong key", true, map[string]string{"ANTHROPIC_ADMIN_KEY": "sk-ant-admin01-wrong"}, []string{"users", "list"}, ExitAuth, "authentication_error"},
		{"not found", true, nil, []string{"users", "get", "user_missing"}, ExitNotFound, "request id req_"},
		{"bad flag", true, nil, []string{"users", "list", "--bogus"}, ExitUsage, "--help"},
		{"bad format", true, nil, []string{"users", "list", "-o", "xml"}, ExitUsage, "unknown output format"},
		{"missing argument", true, nil, []string{"users", "get"}, ExitUsage, "expected USER"},
		{"bad role before sending", true, nil, []string{"users", "update", "user_x", "--role", "admin"}, ExitUsage, "cannot be assigned"},
		{"unknown command", true, nil, []string{"nope"}, ExitUsage, "unknown command"},
		{"too many arguments, cobra's own check", true, nil, []string{"completion", "bash", "extra"}, ExitUsage, "(see 'anthropic-admin completion bash --help')"},
		{"no argument where some are needed", true, nil, []string{"users", "remove", "--yes"}, ExitUsage, "expected USER..., got no argument"},
		{"the library's refusal of a parameter", true, nil, []string{"users", "get", "user_1/../x"}, ExitUsage, `error: user_id: "user_1/../x" contains a character that cannot be in an ID`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := srv
			if !tt.srv {
				s = nil
			}
			r := runCLI(t, s, term{env: tt.env}, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.stderr)
			}
			if strings.Contains(r.stderr, srv.AdminKey()) || strings.Contains(r.stdout, srv.AdminKey()) {
				t.Error("the key was printed")
			}
		})
	}
}

func TestWhoamiAndFake(t *testing.T) {
	r := mustRun(t, nil, term{tty: true}, "whoami", "--fake")
	for _, want := range []string{"Acme Robotics", "--fake"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("whoami --fake lacks %q:\n%s", want, r.stdout)
		}
	}
	r = mustRun(t, nil, term{env: map[string]string{"ANTHROPIC_ADMIN_FAKE": "1"}}, "org", "show")
	if o := jsonObject(t, r.stdout); o["name"] != "Acme Robotics" || o["type"] != "organization" {
		t.Errorf("org show = %v", o)
	}
}

func TestCredentialPrecedence(t *testing.T) {
	srv := demoServer(t)
	tests := []struct {
		name string
		args []string
		env  map[string]string
		code int
		kind string
	}{
		{"a typed token wins over a key in the environment", []string{"--auth-token", srv.AdminKey()}, map[string]string{"ANTHROPIC_ADMIN_KEY": "sk-ant-admin01-wrong"}, 0, "OAuth token"},
		{"a typed key wins over a token in the environment", []string{"--admin-key", srv.AdminKey()}, map[string]string{"ANTHROPIC_AUTH_TOKEN": "wrong"}, 0, "admin API key"},
		{"in the environment a key wins over a token", nil, map[string]string{"ANTHROPIC_AUTH_TOKEN": "wrong"}, 0, "admin API key"},
		{"a wrong typed key is not replaced by a right one", []string{"--admin-key", "sk-ant-admin01-wrong"}, nil, ExitAuth, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, srv, term{tty: true, env: tt.env}, append([]string{"whoami"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.kind) {
				t.Errorf("exit %d, stdout %q; want %d and %q", r.code, r.stdout, tt.code, tt.kind)
			}
		})
	}
}
