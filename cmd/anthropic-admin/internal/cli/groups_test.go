package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// groupPaths are the paths of every command that groups others, read from
// the command tree itself so that a new group is tested too.
func groupPaths(t *testing.T) [][]string {
	t.Helper()
	root := (&app{env: &Env{}}).rootCommand()
	var out [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		if !c.HasAvailableSubCommands() {
			return
		}
		out = append(out, path)
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub, append(path[:len(path):len(path)], sub.Name()))
			}
		}
	}
	walk(root, nil)
	if len(out) < 10 {
		t.Fatalf("found only %d groups: %v", len(out), out)
	}
	return out
}

// An unknown subcommand fails at every level: exit 2, one line on stderr,
// nothing on stdout, nothing sent, even with --yes after it.
func TestUnknownSubcommandAtEveryLevel(t *testing.T) {
	for _, path := range groupPaths(t) {
		t.Run(strings.Join(append([]string{"root"}, path...), " "), func(t *testing.T) {
			srv := demoServer(t)
			r := runCLI(t, srv, term{tty: true}, append(path, "frobnicate", "X", "--yes")...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d", r.code, ExitUsage)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing (no help)", r.stdout)
			}
			if lines := strings.Count(r.stderr, "\n"); lines != 1 || !strings.Contains(r.stderr, `unknown command "frobnicate"`) {
				t.Errorf("stderr (%d lines) = %q", lines, r.stderr)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}

			// Alone, the group prints its help and succeeds; the root's
			// lists its commands in groups.
			help := mustRun(t, srv, term{tty: true}, path...)
			listed := strings.Contains(help.stdout, "Available Commands:") || len(path) == 0 && strings.Contains(help.stdout, "Members, access and keys:")
			if !listed || strings.Contains(help.stdout, "[flags]\n  anthropic-admin") {
				t.Errorf("help of the group:\n%s", help.stdout)
			}
		})
	}
}

// The typos a new user made, each with the command it meant.
func TestUnknownSubcommandSuggestions(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"users", "remve", "ada@example.com", "--yes"}, `unknown command "remve" for "anthropic-admin users"; did you mean "remove"?`},
		{[]string{"api-keys", "deactivat", "K"}, `did you mean "deactivate"?`},
		{[]string{"workspaces", "members", "lst"}, `unknown command "lst" for "anthropic-admin workspaces members"; did you mean "list"?`},
		{[]string{"usage", "msgs"}, `did you mean "messages"?`},
		{[]string{"org", "shw"}, `did you mean "show"?`},
		{[]string{"usrs"}, `did you mean "users"?`},
		{[]string{"completion", "bsh"}, `did you mean "bash"?`},
		{[]string{"invites", "delte", "x@example.com"}, `did you mean "delete"?`},
		{[]string{"rate-limits", "st"}, `did you mean "set"?`},
		// Flags the group does not have: still the typo that is reported.
		{[]string{"users", "updte", "ada@example.com", "--role", "developer"}, `did you mean "update"?`},
		// Nothing near: the group's commands are listed.
		{[]string{"org", "xyz"}, `its commands: show`},
		{[]string{"help", "usrs"}, `did you mean "users"?`},
		{[]string{"help", "workspaces", "membrs"}, `unknown command "membrs" for "anthropic-admin workspaces"; did you mean "members"?`},
	}
	srv := demoServer(t)
	for _, tt := range tests {
		r := runCLI(t, srv, term{}, tt.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want %d and one line with %q", tt.args, r.code, r.stderr, ExitUsage, tt.want)
		}
	}
	if w := writes(srv); len(w) != 0 {
		t.Errorf("typos sent %d changes", len(w))
	}
	// help still helps.
	if r := mustRun(t, srv, term{}, "help", "workspaces", "members", "add"); !strings.Contains(r.stdout, "workspaces members add WORKSPACE USER") {
		t.Errorf("help workspaces members add:\n%s", r.stdout)
	}
}
