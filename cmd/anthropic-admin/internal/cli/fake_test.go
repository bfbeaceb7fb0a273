package cli

import (
	"strings"
	"testing"
)

// ANTHROPIC_ADMIN_FAKE takes the usual words for on and off; anything else
// is a usage error, not a silent real run. A typed --fake=false wins.
func TestFakeEnvironmentValues(t *testing.T) {
	tests := []struct {
		value string
		args  []string
		code  int
		out   string // in stdout when the demo answered
		err   string // in stderr otherwise
	}{
		{"1", nil, ExitOK, "Acme Robotics", ""},
		{"true", nil, ExitOK, "Acme Robotics", ""},
		{"TRUE", nil, ExitOK, "Acme Robotics", ""},
		{"yes", nil, ExitOK, "Acme Robotics", ""},
		{" Yes ", nil, ExitOK, "Acme Robotics", ""},
		{"0", nil, ExitAuth, "", "no credential"},
		{"false", nil, ExitAuth, "", "no credential"},
		{"no", nil, ExitAuth, "", "no credential"},
		{"", nil, ExitAuth, "", "no credential"},
		{"maybe", nil, ExitUsage, "", `ANTHROPIC_ADMIN_FAKE="maybe": use 1, true or yes`},
		{"2", nil, ExitUsage, "", `ANTHROPIC_ADMIN_FAKE="2"`},
		{"1", []string{"--fake=false"}, ExitAuth, "", "no credential"},
		{"maybe", []string{"--fake"}, ExitOK, "Acme Robotics", ""},
	}
	for _, tt := range tests {
		r := runCLI(t, nil, term{env: map[string]string{"ANTHROPIC_ADMIN_FAKE": tt.value}}, append([]string{"org", "show"}, tt.args...)...)
		if r.code != tt.code || !strings.Contains(r.stdout, tt.out) || !strings.Contains(r.stderr, tt.err) {
			t.Errorf("ANTHROPIC_ADMIN_FAKE=%q %v: exit %d, stdout %q, stderr %q; want %d, %q and %q", tt.value, tt.args, r.code, r.stdout, r.stderr, tt.code, tt.out, tt.err)
		}
	}
}

// The demo organization says once that changes do not last, and that typed
// credential flags are ignored; reads, dry runs and the demo say nothing.
func TestFakeNotice(t *testing.T) {
	const changes = "note: --fake: changes go to the built-in demo organization and are discarded at exit\n"
	tests := []struct {
		name   string
		env    map[string]string
		args   []string
		stderr string // the whole of stderr, or its prefix when prefix is set
		prefix bool
	}{
		{"a read", nil, []string{"users", "list", "--fake"}, "", false},
		{"a change", nil, []string{"workspaces", "create", "--name", "Trial", "--fake"}, changes, false},
		{"several changes, one note", nil, []string{"invites", "delete", "--fake", "--yes",
			"intern@acme-robotics.example", "old.candidate@acme-robotics.example"}, changes + "deleted 2 invites", true},
		{"from the environment", map[string]string{"ANTHROPIC_ADMIN_FAKE": "yes"}, []string{"workspaces", "create", "--name", "Trial"},
			"note: ANTHROPIC_ADMIN_FAKE=yes: changes go to the built-in demo organization and are discarded at exit\n", false},
		{"a dry run", nil, []string{"workspaces", "create", "--name", "Trial", "--fake", "--dry-run"}, "", false},
		{"credential flags", nil, []string{"users", "list", "--fake", "--admin-key", "sk-ant-admin01-mine", "--base-url", "https://example.com"},
			"note: --fake ignores --admin-key and --base-url: the built-in demo organization answers, and changes are discarded at exit\n", false},
		{"credential flags and a change", nil, []string{"workspaces", "create", "--name", "Trial", "--fake", "--auth-token", "tok"},
			"note: --fake ignores --auth-token: the built-in demo organization answers, and changes are discarded at exit\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRun(t, nil, term{env: tt.env}, tt.args...)
			if got := r.stderr; (tt.prefix && !strings.HasPrefix(got, tt.stderr)) || (!tt.prefix && got != tt.stderr) {
				t.Errorf("stderr %q, want %q", got, tt.stderr)
			}
		})
	}
	if r := mustRun(t, nil, term{}, "demo"); strings.Contains(r.stderr, "note:") {
		t.Errorf("demo printed %q", r.stderr)
	}
	if r := mustRun(t, nil, term{}, "demo", "--base-url", "https://example.com"); !strings.HasPrefix(r.stderr, "note: demo ignores --base-url:") {
		t.Errorf("demo --base-url printed %q", r.stderr)
	}
}
