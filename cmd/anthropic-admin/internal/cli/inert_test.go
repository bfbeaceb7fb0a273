package cli

import (
	"encoding/csv"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

func hostileServer(t *testing.T) *admintest.Server {
	t.Helper()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Hostile()), admintest.WithClock(func() time.Time { return testNow }))
	t.Cleanup(srv.Close)
	return srv
}

// checkInert fails unless out, written to a terminal, holds nothing a
// terminal acts on: no control character but the line end, no C1 control,
// no bidirectional override.
func checkInert(t *testing.T, what, out string) {
	t.Helper()
	for i, r := range out {
		if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)) {
			t.Errorf("%s: %U at byte %d reaches the terminal:\n%s", what, r, i, out)
			return
		}
	}
}

// Every printer shows names from the server inert, on a terminal (where a
// table, a prompt, an error or a note could otherwise clear the screen,
// retitle the window or pose one name as another) and in tables written to
// a pipe.
func TestServerTextIsInert(t *testing.T) {
	srv := hostileServer(t)
	ws, err := srv.Client().Workspaces.List(admin.WorkspaceListParams{}).Collect(t.Context())
	if err != nil || len(ws) < 2 {
		t.Fatalf("workspaces: %v, %d", err, len(ws))
	}
	users, err := srv.Client().Users.List(admin.UserListParams{}).Collect(t.Context())
	if err != nil || len(users) == 0 {
		t.Fatalf("users: %v", err)
	}
	commands := [][]string{
		{"users", "list"}, {"workspaces", "list", "--include-archived"}, {"api-keys", "list"}, {"invites", "list"},
		{"workspaces", "get", ws[0].ID}, {"workspaces", "members", "list", ws[0].ID},
		{"cost", "--since", "7d", "--by", "workspace"}, {"cost", "--since", "7d", "--by", "workspace", "--chart"},
		{"cost", "--since", "7d", "--by", "user", "--top", "3"}, {"cost", "--since", "7d", "--by", "api-key", "--chart"},
		{"cost", "--since", "7d", "--by", "actor", "-o", "table"},
		{"cost", "--since", "7d", "--by", "api-key,workspace,model", "--top", "5"},
		{"usage", "messages", "--since", "2d", "--by", "user", "--by", "api-key", "-o", "table"},
		{"usage", "messages", "--since", "2d", "--by", "workspace"}, {"budget", "--monthly", "1000"},
		{"whoami"}, {"rate-limits", "list"}, {"api-keys", "list", "-o", "table"}, {"workspaces", "list", "-o", "table"},
		// A prompt names the workspace; the answer is no.
		{"workspaces", "archive", ws[0].ID},
		// The workflows.
		{"audit", "-o", "table"}, {"audit", "--sarif"}, {"access", ws[0].ID, "-o", "table"},
		{"offboard", users[len(users)-1].Email, "--dry-run", "-o", "table"},
	}
	for _, args := range commands {
		for _, tty := range []bool{true, false} {
			if !tty && args[len(args)-1] != "table" {
				continue
			}
			r := runCLI(t, srv, term{tty: tty, stdin: "no\n"}, args...)
			checkInert(t, strings.Join(args, " "), r.stdout+r.stderr)
			if strings.Contains(strings.Join(args, " "), "list") && !strings.Contains(r.stdout, `\x1b`) && !strings.Contains(r.stdout, `\u202e`) {
				t.Errorf("%v: the escaped sequences are not shown:\n%s", args, r.stdout)
			}
		}
	}
}

// An API error's message, and a name that matched nothing, come back in the
// error line; they are shown inert too.
func TestErrorTextIsInert(t *testing.T) {
	srv := demoServer(t)
	srv.Inject(admintest.Fault{Path: "/v1/organizations/users*", Status: 404, ShouldRetry: "false",
		Body: `{"type":"error","error":{"type":"not_found_error","message":"gone\r\u001b[2K\u001b]0;pwned\u0007 all good"}}`})
	r := runCLI(t, srv, term{tty: true}, "users", "list")
	checkInert(t, "API error", r.stderr)
	if r.code != ExitNotFound || !strings.Contains(r.stderr, `gone\x0d\x1b[2K\x1b]0;pwned\x07 all good`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, srv, term{tty: true}, "workspaces", "get", "Prod\x1b[2J\u202e")
	checkInert(t, "not found", r.stderr)
	if r.code == 0 || !strings.Contains(r.stderr, `Prod\x1b[2J\u202e`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// JSON keeps the exact names: its escaping already makes them inert.
func TestJSONKeepsExactNames(t *testing.T) {
	srv := hostileServer(t)
	r := mustRun(t, srv, term{}, "workspaces", "list", "-o", "json")
	var got []struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range got {
		for _, seq := range admintest.HostileSequences {
			found = found || strings.Contains(w.Name, seq)
		}
	}
	if !found {
		t.Errorf("no name holds its sequence as sent: %q", r.stdout)
	}
	checkInert(t, "-o json", r.stdout)
	for _, format := range []string{"jsonl", "yaml"} {
		r := mustRun(t, srv, term{}, "workspaces", "list", "-o", format)
		checkInert(t, "-o "+format, r.stdout)
		// JSON escapes ESC as \u001b; YAML, a double-quoted scalar, as \x1b.
		esc := map[string]string{"jsonl": `\u001b`, "yaml": `\x1b`}[format]
		if !strings.Contains(r.stdout, esc) || !strings.Contains(r.stdout, `\u202e`) {
			t.Errorf("-o %s lacks the escaped sequences:\n%s", format, r.stdout)
		}
	}
}

// CSV text cells that a spreadsheet would run as a formula get a leading
// apostrophe; numbers keep their sign; --csv-raw writes the data untouched.
func TestCSVIsSafeInASpreadsheet(t *testing.T) {
	srv := hostileServer(t)
	for _, tt := range []struct {
		args     []string
		formulas bool
	}{
		{[]string{"workspaces", "list", "-o", "csv"}, false},
		{[]string{"users", "list", "-o", "csv"}, false},
		{[]string{"api-keys", "list", "-o", "csv"}, false},
		{[]string{"cost", "--since", "3d", "--by", "workspace", "-o", "csv"}, false},
		{[]string{"cost", "--since", "3d", "--by", "api-key", "-o", "csv"}, false},
		{[]string{"cost", "--since", "3d", "-o", "focus"}, false},
		{[]string{"cost", "--since", "3d", "-o", "focus", "--csv-raw"}, true},
		{[]string{"workspaces", "list", "-o", "csv", "--csv-raw"}, true},
	} {
		r := mustRun(t, srv, term{}, tt.args...)
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		formulas := 0
		for _, row := range rows[1:] {
			for _, cell := range row {
				if _, isNumber := new(big.Rat).SetString(cell); !isNumber && cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					formulas++
				}
			}
		}
		if (formulas > 0) != tt.formulas {
			t.Errorf("%v: %d cells a spreadsheet would run:\n%s", tt.args, formulas, r.stdout)
		}
		if !tt.formulas && !strings.Contains(r.stdout, "'=") && !strings.Contains(r.stdout, "'+") {
			t.Errorf("%v: no neutralised formula:\n%s", tt.args, r.stdout)
		}
	}
}
