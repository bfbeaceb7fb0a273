package cli

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestInvitesList(t *testing.T) {
	srv := demoServer(t)
	golden(t, "invites-list", mustRun(t, srv, term{tty: true}, "invites", "list").stdout)

	tests := []struct {
		args   []string
		want   int
		status string // every invite listed has it, when set
	}{
		{[]string{"--status", "pending"}, 3, "pending"},
		{[]string{"--status", "expired", "--status", "pending"}, 5, ""},
		{[]string{"--status", "expired,accepted"}, 3, ""},
		{[]string{"--role", "billing"}, 1, "pending"},
		{[]string{"--email", "contractor@partner.example"}, 1, "pending"},
		{[]string{"--max-items", "2"}, 2, ""},
	}
	for _, tt := range tests {
		got := jsonList(t, mustRun(t, srv, term{}, append([]string{"invites", "list"}, tt.args...)...).stdout)
		if len(got) != tt.want {
			t.Errorf("%v: %d invites, want %d", tt.args, len(got), tt.want)
		}
		for _, inv := range got {
			if tt.status != "" && inv["status"] != tt.status {
				t.Errorf("%v: invite %v has status %v", tt.args, inv["id"], inv["status"])
			}
			// -o json is the API's object: fields the table leaves out too.
			if _, ok := inv["rbac_group_ids"]; !ok || inv["type"] != "invite" {
				t.Errorf("%v: JSON invite lost fields: %v", tt.args, inv)
			}
		}
	}

	records, err := csv.NewReader(strings.NewReader(mustRun(t, srv, term{}, "invites", "list", "-o", "csv", "--status", "accepted").stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 2 || strings.Join(records[0], ",") != "id,email,role,status,invited_at,expires_at" {
		t.Fatalf("csv = %v", records)
	}
	if r := records[1]; r[1] != "kwame.mensah@acme-robotics.example" || r[4] != "2026-11-16T15:30:00Z" || r[5] != "2026-12-07T15:30:00Z" {
		t.Errorf("csv row = %v (times must be RFC 3339)", r)
	}

	srv.ResetRequests()
	if r := runCLI(t, srv, term{}, "invites", "list", "--status", "deleted"); r.code != ExitUsage || !strings.Contains(r.stderr, "pending, accepted, expired") {
		t.Errorf("bad --status: exit %d, stderr %q", r.code, r.stderr)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("a bad --status sent %d requests", n)
	}
}

func TestInvitesGetAndCreate(t *testing.T) {
	srv := demoServer(t)
	pending := jsonList(t, mustRun(t, srv, term{}, "invites", "list", "--email", "new.hire@acme-robotics.example").stdout)[0]

	golden(t, "invites-get", mustRun(t, srv, term{tty: true}, "invites", "get", pending["id"].(string)).stdout)
	byEmail := jsonObject(t, mustRun(t, srv, term{}, "invites", "get", "new.hire@acme-robotics.example").stdout)
	if byEmail["id"] != pending["id"] || byEmail["invited_at"] != "2026-11-18T15:30:00Z" {
		t.Errorf("get by email = %v, want %v", byEmail, pending)
	}
	if r := runCLI(t, srv, term{}, "invites", "get", "nobody@acme-robotics.example"); r.code != ExitNotFound || !strings.Contains(r.stderr, "no invite was sent to nobody@") {
		t.Errorf("unknown email: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := runCLI(t, srv, term{}, "invites", "get", "invite_missing"); r.code != ExitNotFound || !strings.Contains(r.stderr, "not_found_error") {
		t.Errorf("unknown ID: exit %d, stderr %q", r.code, r.stderr)
	}

	refused := []struct {
		args   []string
		stderr string
	}{
		{[]string{"--role", "developer"}, "--email is required"},
		{[]string{"--email", "ada@example.com"}, "--role is required"},
		{[]string{"--email", "Ada <ada@example.com>", "--role", "developer"}, "not a plain email address"},
		{[]string{"--email", "ada@example.com", "--role", "admin"}, "cannot be assigned"},
		{[]string{"--email", "ada@example.com", "--role", "user", "extra"}, "unexpected argument"},
	}
	for _, tt := range refused {
		r := runCLI(t, srv, term{}, append([]string{"invites", "create"}, tt.args...)...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tt.stderr) {
			t.Errorf("create %v: exit %d, stderr %q; want %d and %q", tt.args, r.code, r.stderr, ExitUsage, tt.stderr)
		}
	}
	dry := mustRun(t, srv, term{}, "invites", "create", "--email", "ada@example.com", "--role", "developer", "--dry-run")
	if !strings.Contains(dry.stdout, "would send POST /v1/organizations/invites\n") || !strings.Contains(dry.stdout, `"email": "ada@example.com"`) {
		t.Errorf("dry-run create printed %q", dry.stdout)
	}
	if w := writes(srv); len(w) != 0 {
		t.Fatalf("refused and dry-run creates sent %d changes", len(w))
	}

	made := jsonObject(t, mustRun(t, srv, term{}, "invites", "create", "--email", "ada@example.com", "--role", "developer").stdout)
	if made["email"] != "ada@example.com" || made["role"] != "developer" || made["status"] != "pending" || made["expires_at"] != "2026-12-11T15:30:00Z" {
		t.Errorf("created invite = %v", made)
	}
	w := writes(srv)
	if len(w) != 1 || w[0].Method != "POST" || w[0].Path != "/v1/organizations/invites" || string(w[0].Body) != `{"email":"ada@example.com","role":"developer"}` {
		t.Errorf("create sent %+v", w)
	}
	// The API's own refusal comes through with its code.
	r := runCLI(t, srv, term{}, "invites", "create", "--email", "ada@example.com", "--role", "user")
	if r.code != ExitError || !strings.Contains(r.stderr, "code invite_already_exists") {
		t.Errorf("second invite: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestInvitesDeleteAsksFirst(t *testing.T) {
	srv := demoServer(t)
	pending := jsonList(t, mustRun(t, srv, term{}, "invites", "list", "--status", "pending").stdout)
	first, second := pending[0]["id"].(string), pending[1]["email"].(string)

	r := runCLI(t, srv, term{}, "invites", "delete", first)
	if r.code != ExitUsage || !strings.Contains(r.stderr, "refusing to delete invite "+first+" without --yes") {
		t.Errorf("non-interactive delete: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, srv, term{tty: true, stdin: "n\n"}, "invites", "delete", first, second)
	if r.code != ExitError || !strings.Contains(r.stderr, "About to delete 2 invites ("+first+", "+second+")") {
		t.Errorf("answered no: exit %d, stderr %q", r.code, r.stderr)
	}
	r = mustRun(t, srv, term{}, "invites", "delete", first, second, "--dry-run")
	if strings.Count(r.stdout, "would send DELETE /v1/organizations/invites/invite_") != 2 || !strings.Contains(r.stderr, "nothing was sent") {
		t.Errorf("dry run: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	if w := writes(srv); len(w) != 0 {
		t.Fatalf("refused and dry-run deletes sent %d changes", len(w))
	}

	r = mustRun(t, srv, term{tty: true, stdin: "yes\n"}, "invites", "delete", first, second)
	if !strings.HasSuffix(r.stderr, "deleted 2 invites ("+first+", "+second+")\n") {
		t.Errorf("confirmed delete: stderr %q", r.stderr)
	}
	w := writes(srv)
	if len(w) != 2 || w[0].Method != "DELETE" || w[0].Path != "/v1/organizations/invites/"+first || w[1].Path != "/v1/organizations/invites/"+pending[1]["id"].(string) {
		t.Errorf("deletes sent %+v", w)
	}
	if left := jsonList(t, mustRun(t, srv, term{}, "invites", "list", "--status", "pending").stdout); len(left) != 1 {
		t.Errorf("%d pending invites left, want 1", len(left))
	}

	// An accepted invite cannot be deleted: the API says so, exit 1.
	accepted := jsonList(t, mustRun(t, srv, term{}, "invites", "list", "--status", "accepted").stdout)[0]["id"].(string)
	r = runCLI(t, srv, term{}, "invites", "delete", accepted, "--yes")
	if r.code != ExitError || !strings.Contains(r.stderr, "invalid_request_error") || !strings.Contains(r.stderr, "deleted 0 of 1 invite; stopped at "+accepted) {
		t.Errorf("accepted invite: exit %d, stderr %q", r.code, r.stderr)
	}
}
