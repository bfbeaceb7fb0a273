package cli

import (
	"strings"
	"testing"
)

// Enum-valued flags are checked before anything is sent: exit 2, one
// message naming the flag, the value and the values this tool knows.
func TestEnumFlagsCheckedBeforeSending(t *testing.T) {
	const (
		assignable = "known: user, developer, billing, claude_code_user, managed"
		readable   = "known: user, developer, billing, admin, claude_code_user, managed, membership_admin, owner, primary_owner"
		wsAddable  = "known: user, developer, restricted_developer, admin"
		wsSettable = "known: user, developer, restricted_developer, admin, billing"
		geos       = "known: global, us"
	)
	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"users update role", []string{"users", "update", "ada@example.com", "--role", "superuser"},
			[]string{`--role "superuser": not a role this tool knows`, assignable}},
		{"users update readable-only role", []string{"users", "update", "user_x", "--role", "owner"},
			[]string{`--role "owner": cannot be assigned through the API`, "use one of user, developer"}},
		{"users list role filter", []string{"users", "list", "--role", "superuser"},
			[]string{`--role "superuser": not a role this tool knows`, readable}},
		{"users list second role", []string{"users", "list", "--role", "developer,dev"},
			[]string{`--role "dev"`, readable}},
		{"invites create role", []string{"invites", "create", "--email", "ada@example.com", "--role", "dev"},
			[]string{`--role "dev": not a role this tool knows`, assignable}},
		{"invites list role", []string{"invites", "list", "--role", "boss"}, []string{`--role "boss"`, readable}},
		{"invites list status", []string{"invites", "list", "--status", "deleted"},
			[]string{`--status "deleted": not an invite status this tool knows`, "known: pending, accepted, expired"}},
		{"members add role", []string{"workspaces", "members", "add", "Production", "ada@example.com", "--role", "owner"},
			[]string{`--role "owner": not a workspace role this tool knows`, wsAddable}},
		{"members add billing", []string{"workspaces", "members", "add", "Production", "ada@example.com", "--role", "billing"},
			[]string{"cannot be given when adding a member", "use one of user, developer, restricted_developer, admin\n"}},
		{"members update role", []string{"workspaces", "members", "update", "Production", "ada@example.com", "--role", "superuser"},
			[]string{`--role "superuser"`, wsSettable}},
		{"create allowed geos", []string{"workspaces", "create", "--name", "Mars", "--allowed-geos", "mars"},
			[]string{`--allowed-geos "mars": not a geography this tool knows`, geos}},
		{"update allowed geos list", []string{"workspaces", "update", "Staging", "--allowed-geos", "us,eu"},
			[]string{`--allowed-geos "eu"`, geos}},
		{"update default geo", []string{"workspaces", "update", "Staging", "--default-geo", "mars"},
			[]string{`--default-geo "mars"`, geos}},
		{"api-keys list status", []string{"api-keys", "list", "--status", "gone"},
			[]string{`--status "gone": not a key status this tool knows`, "known: active, inactive, archived, expired"}},
		{"api-keys update expired", []string{"api-keys", "update", "apikey_x", "--status", "expired"},
			[]string{"cannot be set: a key reaches it by time alone", "use one of active, inactive, archived"}},
		{"rate-limits group type", []string{"rate-limits", "list", "--group-type", "models"},
			[]string{`--group-type "models"`, "known: model_group, batch"}},
		{"rate-limits limiter", []string{"rate-limits", "set", "--workspace", "Staging", "--rate-limit", "batch", "--limit", "rpm=5"},
			[]string{`--limit "rpm"`, "known: requests_per_minute"}},
		{"cost tier", []string{"cost", "--tier", "priority"},
			[]string{`--tier "priority": not a service tier this tool knows`, "known: standard, batch\n"}},
		{"usage tier", []string{"usage", "messages", "--tier", "gold"},
			[]string{`--tier "gold": not a service tier this tool knows`, "known: standard, batch, priority"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := demoServer(t)
			r := runCLI(t, srv, term{}, tt.args...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d; stderr %q", r.code, ExitUsage, r.stderr)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr %q lacks %q", r.stderr, want)
				}
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests were sent before the value was checked", n)
			}
		})
	}
}

// Values are taken in any case, and workspace roles without their prefix.
func TestEnumFlagsNormalized(t *testing.T) {
	srv := demoServer(t)
	users := jsonList(t, mustRun(t, srv, term{}, "users", "list", "--role", "Billing").stdout)
	if len(users) != 2 {
		t.Errorf("--role Billing listed %d members, want the 2 billing members", len(users))
	}
	r := mustRun(t, srv, term{}, "workspaces", "members", "update", "Production", users[0]["email"].(string), "--role", "Restricted_Developer", "--dry-run")
	if !strings.Contains(r.stdout, `"workspace_role": "workspace_restricted_developer"`) {
		t.Errorf("dry run sent %q", r.stdout)
	}
}
