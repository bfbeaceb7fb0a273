package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// Errors are one line a person can act on: no library prefix, no method
// and path, no nanoseconds.
func TestErrorsAreOneActionableLine(t *testing.T) {
	srv := demoServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there now

	tests := []struct {
		name string
		srv  bool
		env  map[string]string
		args []string
		code int
		line string // the whole first line, or a regexp of it when it starts with ^
	}{
		{"nothing listens", false, map[string]string{"ANTHROPIC_ADMIN_KEY": "sk-ant-admin01-x", "ANTHROPIC_ADMIN_BASE_URL": closed},
			[]string{"users", "list"}, ExitError, "error: cannot reach " + closed + ": connection refused (3 attempts)"},
		{"a start in the future", true, nil, []string{"cost", "--from", "2030-01-01"}, ExitUsage,
			"error: the range starts at 2030-01-01, which is not in the past: there is no data yet"},
		{"a reversed range, to the second", true, nil, []string{"cost", "--from", "2026-11-20T10:00:00.123456Z", "--to", "2026-11-20T09:00:00Z"}, ExitUsage,
			"error: the time range is reversed: it starts at 2026-11-20T10:00:00Z, after its end 2026-11-20T09:00:00Z"},
		{"a name where an ID or email goes", true, nil, []string{"users", "get", "Grace"}, ExitNotFound,
			`^error: no member has the ID or email "Grace" \(request id req_\w+\)$`},
		{"an email nobody has", true, nil, []string{"users", "get", "grace@nowhere.example"}, ExitNotFound,
			"error: no member has the email grace@nowhere.example"},
		{"not a member of the workspace", true, nil, []string{"workspaces", "members", "get", "Research", "grace.liu@acme-robotics.example"}, ExitNotFound,
			`^error: grace.liu@acme-robotics.example is not a member of workspace Research \(request id req_\w+\)$`},
		{"the API's refusal", true, map[string]string{"ANTHROPIC_ADMIN_KEY": "sk-ant-admin01-wrong"}, []string{"users", "list"}, ExitAuth,
			`^error: .+ \(authentication_error, HTTP 401, request id req_\w+\)$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := srv
			if !tt.srv {
				s = nil
			}
			r := runCLI(t, s, term{env: tt.env}, tt.args...)
			first, _, _ := strings.Cut(r.stderr, "\n")
			ok := first == tt.line
			if strings.HasPrefix(tt.line, "^") {
				ok = regexp.MustCompile(tt.line).MatchString(first)
			}
			if r.code != tt.code || !ok {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and first line %q", r.code, r.stderr, tt.code, tt.line)
			}
			if strings.Contains(r.stderr, "admin: ") || strings.Contains(r.stderr, "/v1/organizations") {
				t.Errorf("library internals in the message: %q", r.stderr)
			}
			// Beyond the line itself, at most a hint at --help.
			if rest := strings.TrimSuffix(strings.TrimPrefix(r.stderr, first+"\n"), "\n"); rest != "" && !strings.HasPrefix(rest, "  (see '") {
				t.Errorf("more than one line: %q", r.stderr)
			}
		})
	}
}

// The report package's errors read like the client's: no package prefix.
func TestReportErrorsHaveNoPrefix(t *testing.T) {
	// A first day spent in euros, which cannot be added to dollars.
	euro := func(day time.Time) string {
		return fmt.Sprintf(`{"data":[{"starting_at":%q,"ending_at":%q,"results":[{"amount":"1","currency":"EUR","workspace_id":null}]}],`+
			`"has_more":false,"next_page":null}`, day.Format(time.RFC3339), day.AddDate(0, 0, 1).Format(time.RFC3339))
	}
	tests := []struct {
		name  string
		first time.Time // the first day the command asks for
		args  []string
		line  string
	}{
		{"a euro amount in a summary", testNow.Truncate(24*time.Hour).AddDate(0, 0, -1), []string{"cost", "--since", "1d"},
			`error: an amount is in "EUR": only USD amounts can be summed`},
		{"a euro amount in the forecast", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), []string{"budget", "--monthly", "100"},
			`error: an amount is in "EUR": only USD amounts can be summed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := demoServer(t)
			srv.Inject(admintest.Fault{Method: "GET", Path: "/v1/organizations/cost_report", Status: 200, Body: euro(tt.first)})
			r := runCLI(t, srv, term{}, tt.args...)
			if first, _, _ := strings.Cut(r.stderr, "\n"); r.code != ExitError || first != tt.line {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and first line %q", r.code, r.stderr, ExitError, tt.line)
			}
		})
	}
}

func TestNoCredentialFitsInThreeLines(t *testing.T) {
	r := runCLI(t, nil, term{}, "users", "list")
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if r.code != ExitAuth || len(lines) > 3 {
		t.Errorf("exit %d, %d lines:\n%s", r.code, len(lines), r.stderr)
	}
	for _, l := range lines {
		if len([]rune(l)) > 90 {
			t.Errorf("a line of %d columns: %q", len([]rune(l)), l)
		}
	}
	for _, want := range []string{"ANTHROPIC_ADMIN_KEY", "--admin-key", "sk-ant-admin", "Admin keys", "ANTHROPIC_AUTH_TOKEN", "--fake"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("the message does not say %q:\n%s", want, r.stderr)
		}
	}
}

func TestUnreachableSaysWhy(t *testing.T) {
	a := &app{env: &Env{}}
	a.flags.baseURL = "https://api.example.com"
	tests := []struct {
		cause error
		want  string
	}{
		{&url.Error{Op: "Get", URL: "https://api.example.com/v1/organizations/users", Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "api.example.com", IsNotFound: true}}},
			"cannot reach https://api.example.com: no such host (3 attempts)"},
		{&net.OpError{Op: "read", Net: "tcp", Err: fmt.Errorf("read: %w", syscall.ECONNRESET)}, "cannot reach https://api.example.com: connection reset by peer (3 attempts)"},
		{context.DeadlineExceeded, "cannot reach https://api.example.com: no answer in time (3 attempts)"},
		{io.ErrUnexpectedEOF, "cannot reach https://api.example.com: the connection closed before a whole answer came (3 attempts)"},
		{context.Canceled, "interrupted before an answer came"},
		{&net.OpError{Op: "remote error", Err: fmt.Errorf("tls: handshake failure")}, "cannot reach https://api.example.com: tls: handshake failure (3 attempts)"},
	}
	for _, tt := range tests {
		got := a.unreachable(&admin.TransportError{Method: "GET", Path: "/v1/organizations/users", Attempts: 3, Err: tt.cause})
		if got != tt.want {
			t.Errorf("%v:\n got %q\nwant %q", tt.cause, got, tt.want)
		}
	}
}

// The prompt names every answer it accepts, and accepts nothing else.
func TestConfirmationAcceptsWhatItSays(t *testing.T) {
	for _, answer := range confirmAnswers {
		if !regexp.MustCompile(`\b` + answer + `\b`).MatchString(confirmPrompt) {
			t.Errorf("the prompt %q does not offer %q", confirmPrompt, answer)
		}
	}
	tests := []struct {
		typed string
		ok    bool
	}{
		{"yes\n", true}, {"y\n", true}, {"YES\n", true}, {"  y  \n", true}, {"yes", true},
		{"no\n", false}, {"n\n", false}, {"\n", false}, {"", false}, {"yeah\n", false}, {"yes please\n", false},
	}
	for _, tt := range tests {
		srv := demoServer(t)
		r := runCLI(t, srv, term{tty: true, stdin: tt.typed}, "invites", "delete", "contractor@partner.example")
		deleted := len(writes(srv)) == 1
		if (r.code == 0) != tt.ok || deleted != tt.ok || !strings.Contains(r.stderr, confirmPrompt) {
			t.Errorf("typed %q: exit %d, deleted %v; stderr %q", tt.typed, r.code, deleted, r.stderr)
		}
		if !tt.ok && !strings.HasSuffix(r.stderr, "error: cancelled: nothing was changed\n") {
			t.Errorf("typed %q: stderr %q", tt.typed, r.stderr)
		}
	}
}

// Removing or demoting an admin is refused before the question, with
// nothing sent: the API refuses both.
func TestAdminsAreNotRemovedOrDemoted(t *testing.T) {
	tests := [][]string{
		{"users", "remove", "priya.raman@acme-robotics.example"},
		{"users", "remove", "grace.liu@acme-robotics.example", "morgan.lee@acme-robotics.example"},
		{"users", "update", "priya.raman@acme-robotics.example", "--role", "developer"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			srv := demoServer(t)
			r := runCLI(t, srv, term{tty: true, stdin: "yes\n"}, args...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, "is an admin of the organization: the API cannot") || strings.Contains(r.stderr, "About to") {
				t.Errorf("exit %d, stderr %q", r.code, r.stderr)
			}
			if w := writes(srv); len(w) != 0 {
				t.Errorf("sent %d changes", len(w))
			}
		})
	}
	// A member who is not an admin is removed as before.
	srv := demoServer(t)
	mustRun(t, srv, term{tty: true, stdin: "yes\n"}, "users", "remove", "grace.liu@acme-robotics.example")
	if w := writes(srv); len(w) != 1 || w[0].Method != "DELETE" {
		t.Errorf("remove sent %+v", w)
	}
}
