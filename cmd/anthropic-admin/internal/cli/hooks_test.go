package cli

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// readmeMarker precedes a README block of real output: each "$ anthropic-admin
// ..." line, then what the command prints (stdout, then stderr) on the demo
// organization at a 100-column terminal.
const readmeMarker = "<!-- output of anthropic-admin --fake, checked by TestReadmeOutputs -->"

type readmeOutput struct {
	where string
	ex    example
	want  string
}

func readmeOutputs(t *testing.T) []readmeOutput {
	b, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []readmeOutput
	lines := strings.Split(string(b), "\n")
	for i := 0; i < len(lines); i++ {
		if lines[i] != readmeMarker {
			continue
		}
		if i+1 >= len(lines) || lines[i+1] != "```text" {
			t.Fatalf("README.md:%d: the marker is not followed by a ```text block", i+1)
		}
		var cur *readmeOutput
		for i += 2; i < len(lines) && lines[i] != "```"; i++ {
			if cmd, ok := strings.CutPrefix(lines[i], "$ "); ok {
				ex, err := parseExample("README.md", cmd)
				if err != nil {
					t.Fatalf("README.md:%d: %v", i+1, err)
				}
				out = append(out, readmeOutput{where: "README.md:" + strconv.Itoa(i+1), ex: ex})
				cur = &out[len(out)-1]
				continue
			}
			if cur == nil {
				t.Fatalf("README.md:%d: output before a $ line", i+1)
			}
			cur.want += lines[i] + "\n"
		}
	}
	return out
}

// TestReadmeOutputs runs the commands of the README's output blocks and
// compares what they print with what the README shows.
func TestReadmeOutputs(t *testing.T) {
	outs := readmeOutputs(t)
	if len(outs) == 0 {
		t.Fatal("no output block in the README")
	}
	for _, o := range outs {
		args := append([]string{"--fake"}, o.ex.args...)
		r := runCLIContext(context.Background(), t, nil, term{tty: true, width: 100, env: o.ex.env}, args...)
		if r.code != 0 && r.code != o.ex.exit {
			t.Errorf("%s: %s: exit %d\n%s", o.where, o.ex.line, r.code, r.stderr)
		}
		got := r.stdout + strings.ReplaceAll(r.stderr, "note: --fake: changes go to the built-in demo organization and are discarded at exit\n", "")
		if got != o.want {
			t.Errorf("%s: %s prints\n%s\nthe README shows\n%s", o.where, o.ex.line, got, o.want)
		}
	}
}

func TestWebhooksList(t *testing.T) {
	srv := demoServer(t)
	golden(t, "webhooks-list", mustRun(t, srv, term{tty: true, width: 160}, "webhooks", "list").stdout)
	all := jsonList(t, mustRun(t, srv, term{}, "webhooks", "list").stdout)
	if len(all) != 2 || all[0]["name"] != "key-alerts" || strings.Contains(mustRun(t, srv, term{}, "webhooks", "list").stdout, "whsec_") {
		t.Errorf("JSON list: %v", all)
	}
}

// The secret goes to stdout, once, and nowhere else: not to stderr, not in
// a dry run, not from get.
func TestWebhooksCreatePrintsTheSecretOnce(t *testing.T) {
	for _, tc := range []struct {
		name string
		tm   term
		args []string
	}{
		{"terminal", term{tty: true}, nil},
		{"pipe", term{}, nil},
		{"json", term{tty: true}, []string{"-o", "json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := demoServer(t)
			r := mustRun(t, srv, tc.tm, append([]string{"webhooks", "create", "--url", "https://hooks.example/a", "--event", "external_key.failed", "--name", "pager"}, tc.args...)...)
			secret := strings.TrimSpace(r.stdout)
			if tc.name == "terminal" {
				if !strings.HasPrefix(secret, "whsec_") || strings.Contains(secret, "\n") {
					t.Errorf("stdout = %q, want the secret alone", r.stdout)
				}
			} else if obj := jsonObject(t, r.stdout); !strings.HasPrefix(obj["signing_secret"].(string), "whsec_") {
				t.Errorf("stdout = %s", r.stdout)
			}
			if strings.Contains(r.stderr, "whsec_") || !strings.Contains(r.stderr, "created webhook endpoint pager") {
				t.Errorf("stderr = %q", r.stderr)
			}
			if got := mustRun(t, srv, term{}, "webhooks", "get", "pager"); strings.Contains(got.stdout+got.stderr, "whsec_") {
				t.Errorf("get shows a secret: %s", got.stdout)
			}
		})
	}
	srv := demoServer(t)
	r := mustRun(t, srv, term{}, "webhooks", "create", "--url", "https://hooks.example/a", "--event", "external_key.failed", "--dry-run")
	if len(writes(srv)) != 0 || strings.Contains(r.stdout+r.stderr, "whsec_") || !strings.Contains(r.stdout+r.stderr, "would send POST /v1/organizations/webhooks") {
		t.Errorf("dry run: %d writes\n%s%s", len(writes(srv)), r.stdout, r.stderr)
	}
}

func TestWebhooksChanges(t *testing.T) {
	srv := demoServer(t)
	if r := runCLI(t, srv, term{}, "webhooks", "delete", "storage-alerts"); r.code != ExitUsage || len(writes(srv)) != 0 {
		t.Errorf("delete without --yes away from a terminal: exit %d, %d writes", r.code, len(writes(srv)))
	}
	if r := runCLI(t, srv, term{}, "webhooks", "create", "--url", "https://hooks.example/a", "--event", "api_key.created"); r.code != ExitUsage {
		t.Errorf("an unknown event: exit %d %s", r.code, r.stderr)
	}
	mustRun(t, srv, term{}, "webhooks", "update", "storage-alerts", "--enable", "--description", "back")
	got := jsonObject(t, mustRun(t, srv, term{}, "webhooks", "get", "storage-alerts").stdout)
	if got["state"] != "enabled" || got["description"] != "back" || got["disabled_reason"] != "" {
		t.Errorf("after update: %v", got)
	}
	r := mustRun(t, srv, term{}, "webhooks", "rotate-secret", "key-alerts", "--yes", "-o", "table")
	if !strings.HasPrefix(r.stdout, "whsec_") || strings.Contains(r.stderr, "whsec_") {
		t.Errorf("rotate-secret: stdout %q stderr %q", r.stdout, r.stderr)
	}
	mustRun(t, srv, term{}, "webhooks", "delete", "storage-alerts", "key-alerts", "--yes")
	if all := jsonList(t, mustRun(t, srv, term{}, "webhooks", "list").stdout); len(all) != 0 {
		t.Errorf("after delete: %v", all)
	}
}

func TestWebhooksVerify(t *testing.T) {
	dir := t.TempDir()
	headers := filepath.Join(dir, "headers.txt")
	os.WriteFile(headers, []byte("Content-Type: application/json\nwebhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek\nWebhook-Timestamp: 1614265330\n"+
		"webhook-signature: v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\n"), 0o600)
	body := filepath.Join(dir, "body.json")
	os.WriteFile(body, []byte(`{"test": 2432232314}`), 0o600)
	secret := filepath.Join(dir, "secret")
	os.WriteFile(secret, []byte("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n"), 0o600)
	old := filepath.Join(dir, "old")
	os.WriteFile(old, []byte("whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n"), 0o600)
	env := map[string]string{webhookSecretEnv: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
	for _, tc := range []struct {
		name string
		tm   term
		args []string
		code int
		want string // in stdout+stderr
	}{
		{"headers file, secret from the environment", term{env: env}, []string{"--headers-file", headers, "--body-file", body, "--ignore-timestamp"}, 0, "verified: delivery msg_p5jXN8AQM9LWM0D4loKWxJek"},
		{"two secret files", term{}, []string{"--headers-file", headers, "--body-file", body, "--ignore-timestamp", "--secret-file", old, "--secret-file", secret}, 0, "verified"},
		{"the timestamp is checked", term{env: env}, []string{"--headers-file", headers, "--body-file", body}, ExitError, "more than 5m0s from now"},
		{"a changed body", term{env: env}, []string{"--headers-file", headers, "--body", `{"test": 1}`, "--ignore-timestamp"}, ExitError, "no v1 signature"},
		{"the wrong secret", term{}, []string{"--headers-file", headers, "--body-file", body, "--ignore-timestamp", "--secret-file", old}, ExitError, "no v1 signature"},
		{"no secret", term{}, []string{"--headers-file", headers, "--body-file", body}, ExitUsage, webhookSecretEnv},
		{"no headers", term{env: env}, []string{"--body-file", body}, ExitUsage, "--headers-file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, nil, tc.tm, append([]string{"--fake", "webhooks", "verify"}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.want) {
				t.Errorf("exit %d, want %d with %q\n%s%s", r.code, tc.code, tc.want, r.stdout, r.stderr)
			}
			if strings.Contains(r.stderr, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") {
				t.Errorf("stderr shows the secret: %s", r.stderr)
			}
		})
	}
}

func TestTelemetryCommands(t *testing.T) {
	srv := demoServer(t)
	golden(t, "telemetry-list", mustRun(t, srv, term{tty: true, width: 200}, "telemetry", "list").stdout)
	if got := jsonList(t, mustRun(t, srv, term{}, "telemetry", "list", "--workspace", "Research").stdout); len(got) != 0 {
		t.Errorf("destinations covering Research: %v", got)
	}
	if r := runCLI(t, srv, term{}, "telemetry", "create", "--url", "https://otel.example", "--workspace", "Production", "--except", "Staging"); r.code != ExitUsage {
		t.Errorf("two scopes: exit %d", r.code)
	}
	if r := runCLI(t, srv, term{}, "telemetry", "create", "--url", "https://10.0.0.1", "--all-workspaces"); r.code != ExitUsage || !strings.Contains(r.stderr, "IP address") {
		t.Errorf("an IP address: exit %d %s", r.code, r.stderr)
	}
	srv.ResetRequests()
	d := jsonObject(t, mustRun(t, srv, term{}, "telemetry", "create", "--url", "https://otel.example", "--workspace", "Production",
		"--header", "authorization=Bearer tok", "--name", "Platform", "--content-mode", "content").stdout)
	if d["display_name"] != "Platform" || d["traces"].(map[string]any)["content_mode"] != "content" {
		t.Errorf("created: %v", d)
	}
	mustRun(t, srv, term{}, "telemetry", "workspaces", "add", "Platform", "Staging")
	list := jsonList(t, mustRun(t, srv, term{}, "telemetry", "workspaces", "list", "Platform").stdout)
	if len(list) != 2 || list[0]["workspace_id"] == list[1]["workspace_id"] {
		t.Errorf("list: %v", list)
	}
	mustRun(t, srv, term{}, "telemetry", "update", "Platform", "--header", "authorization=Bearer new", "--disable")
	var sent string
	for _, w := range writes(srv) {
		if strings.HasSuffix(w.Path, d["id"].(string)) {
			sent = string(w.Body)
		}
	}
	if !strings.Contains(sent, `"endpoint_url":"https://otel.example"`) || !strings.Contains(sent, `"state":{"type":"disabled"}`) {
		t.Errorf("update sent %s", sent)
	}
	if r := mustRun(t, srv, term{}, "telemetry", "test", "Platform"); !strings.Contains(r.stdout, "accepted the test span") {
		t.Errorf("test: %s", r.stdout)
	}
	if r := runCLI(t, srv, term{}, "telemetry", "test", "Self-hosted collector"); r.code != ExitError || !strings.Contains(r.stderr, "503") {
		t.Errorf("a refused test span: exit %d %s", r.code, r.stderr)
	}
	dry := mustRun(t, srv, term{}, "telemetry", "update", "Platform", "--header", "authorization=Bearer secret-token", "--remove-header", "x-old", "--dry-run")
	if strings.Contains(dry.stdout+dry.stderr, "secret-token") || !strings.Contains(dry.stdout+dry.stderr, `"authorization": "[redacted]"`) ||
		!strings.Contains(dry.stdout+dry.stderr, `"x-old": null`) {
		t.Errorf("a dry run shows header values:\n%s%s", dry.stdout, dry.stderr)
	}
	mustRun(t, srv, term{}, "telemetry", "delete", "Platform", "--yes")
	if r := runCLI(t, srv, term{}, "telemetry", "get", "Platform"); r.code != ExitNotFound {
		t.Errorf("get after delete: exit %d", r.code)
	}
}

func TestClaudeCodeSettingsCommands(t *testing.T) {
	srv := demoServer(t)
	golden(t, "claude-code-settings-show", mustRun(t, srv, term{tty: true, width: 100}, "claude-code", "settings", "show").stdout)
	conf := jsonObject(t, mustRun(t, srv, term{}, "claude-code", "settings", "show").stdout)
	order := conf["rbac_group_order"].([]any)
	first, second := order[0].(string), order[1].(string)
	doc := jsonObject(t, mustRun(t, srv, term{}, "claude-code", "settings", "show", "--group", first).stdout)
	if doc["settings"].(map[string]any)["model"] != "claude-sonnet-4-6" {
		t.Errorf("group document: %v", doc)
	}
	if r := runCLI(t, srv, term{}, "claude-code", "settings", "set", "--default", "--json", "[1]", "--yes"); r.code != ExitUsage {
		t.Errorf("a document that is not an object: exit %d", r.code)
	}
	mustRun(t, srv, term{}, "claude-code", "settings", "set", "--group", second, "--json", `{"model":"claude-opus-4-6"}`, "--yes")
	mustRun(t, srv, term{}, "claude-code", "settings", "order", second, first, "--yes")
	if r := runCLI(t, srv, term{}, "claude-code", "settings", "order", second, "--yes"); r.code != ExitUsage {
		t.Errorf("an order without every group: exit %d", r.code)
	}
	mustRun(t, srv, term{}, "claude-code", "settings", "mode", "organization", "--yes")
	after := jsonObject(t, mustRun(t, srv, term{}, "claude-code", "settings", "show").stdout)
	if after["mode"].(map[string]any)["type"] != string(admin.ManagedSettingsOrganization) || after["rbac_group_order"].([]any)[0] != second {
		t.Errorf("after: %v", after)
	}
	mustRun(t, srv, term{}, "claude-code", "settings", "set", "--default", "--clear", "--yes")
	if def := jsonObject(t, mustRun(t, srv, term{}, "claude-code", "settings", "show", "--default").stdout); def["settings"] != nil {
		t.Errorf("cleared default: %v", def)
	}
	mustRun(t, srv, term{}, "claude-code", "settings", "delete", second, "--yes")
	if r := runCLI(t, srv, term{}, "claude-code", "settings", "show", "--group", second); r.code != ExitNotFound {
		t.Errorf("a deleted group's settings: exit %d", r.code)
	}
}
