package cli

import (
	"context"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

func TestAPICommand(t *testing.T) {
	srv := demoServer(t)
	if me := jsonObject(t, mustRun(t, srv, term{}, "api", "GET", "me").stdout); me["name"] != "Acme Robotics" {
		t.Errorf("api GET me = %v", me)
	}

	all := jsonList(t, mustRun(t, srv, term{}, "api", "GET", "users", "-f", "limit=4", "--paginate").stdout)
	if len(all) != 25 {
		t.Errorf("--paginate gave %d users, want 25", len(all))
	}
	gets := 0
	for _, r := range srv.Requests() {
		if r.Path == "/v1/organizations/users" {
			gets++
			if r.Query.Get("limit") != "4" {
				t.Errorf("field did not reach the query: %v", r.Query)
			}
		}
	}
	if gets != 7 {
		t.Errorf("paginating 25 users by 4 took %d requests, want 7", gets)
	}

	ws := jsonObject(t, mustRun(t, srv, term{}, "api", "POST", "/v1/organizations/workspaces", "-f", "name=Raw", "-F", `tags={"team":"x"}`).stdout)
	if ws["name"] != "Raw" || ws["tags"].(map[string]any)["team"] != "x" {
		t.Errorf("api POST = %v", ws)
	}
	last := writes(srv)[len(writes(srv))-1]
	if string(last.Body) != `{"name":"Raw","tags":{"team":"x"}}` {
		t.Errorf("body sent = %s", last.Body)
	}

	before := len(writes(srv))
	r := mustRun(t, srv, term{}, "api", "POST", "workspaces", "-f", "name=Dry", "--dry-run")
	if !strings.Contains(r.stdout, "would send POST /v1/organizations/workspaces") || len(writes(srv)) != before {
		t.Errorf("dry run: %q, %d new writes", r.stdout, len(writes(srv))-before)
	}
	if r := runCLI(t, srv, term{}, "api", "DELETE", "invites/invite_x"); r.code != ExitUsage || len(writes(srv)) != before {
		t.Errorf("DELETE without --yes: exit %d", r.code)
	}
	for _, args := range [][]string{{"api", "FETCH", "me"}, {"api", "GET"}, {"api", "POST", "me", "--paginate"}, {"api", "GET", "me", "-f", "novalue"}} {
		if r := runCLI(t, srv, term{}, args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, r.code, ExitUsage)
		}
	}
	if r := runCLI(t, srv, term{}, "api", "GET", "users/user_missing"); r.code != ExitNotFound || !strings.Contains(r.stderr, "not_found_error") {
		t.Errorf("404: exit %d, %q", r.code, r.stderr)
	}
}

func TestAPIFieldsPagingAndFormats(t *testing.T) {
	srv := demoServer(t)
	// -F keeps numbers exactly as written and never turns a typo into null.
	r := mustRun(t, srv, term{}, "api", "POST", "workspaces", "--dry-run", "-f", "name=N",
		"-F", "big=12345678901234567890", "-F", "frac=0.1234567890123456789", "-F", "typo=.5", "-F", "on=true")
	for _, want := range []string{`"big": 12345678901234567890`, `"frac": 0.1234567890123456789`, `"typo": ".5"`, `"on": true`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("dry-run body lacks %s:\n%s", want, r.stdout)
		}
	}

	// Walking back from before_id follows first_id and fetches every page.
	all := jsonList(t, mustRun(t, srv, term{}, "api", "GET", "users", "--paginate", "-f", "limit=100").stdout)
	back := jsonList(t, mustRun(t, srv, term{}, "api", "GET", "users", "--paginate", "-f", "limit=3", "-f", "before_id="+all[len(all)-1]["id"].(string)).stdout)
	if len(back) != len(all)-1 {
		t.Errorf("walking back from the last member gave %d members, want %d", len(back), len(all)-1)
	}

	if y := mustRun(t, srv, term{}, "api", "GET", "me", "-o", "yaml").stdout; !strings.Contains(y, "name: Acme Robotics\n") {
		t.Errorf("-o yaml = %q", y)
	}
	if r := runCLI(t, srv, term{}, "api", "GET", "users", "-o", "csv"); r.code != ExitUsage {
		t.Errorf("-o csv: exit %d, want %d", r.code, ExitUsage)
	}
	if r := runCLI(t, srv, term{}, "users", "list", "--max-items", "-1"); r.code != ExitUsage {
		t.Errorf("--max-items -1: exit %d, want %d", r.code, ExitUsage)
	}
}

// Calls that cannot be taken back ask first, like DELETE always did:
// refused without a terminal, cancelled by "no", shown by --dry-run, and
// sent with --yes. Other changes are sent without a question.
func TestAPIIrreversibleCallsAsk(t *testing.T) {
	srv := demoServer(t)
	ws := jsonList(t, mustRun(t, srv, term{}, "api", "GET", "workspaces", "--paginate").stdout)[0]["id"].(string)
	user := jsonList(t, mustRun(t, srv, term{}, "api", "GET", "users", "--paginate").stdout)[0]["id"].(string)
	keys := jsonList(t, mustRun(t, srv, term{}, "api", "GET", "api_keys", "-f", "status=active", "--paginate").stdout)
	key := func(i int) string { return keys[i]["id"].(string) }
	signOutBeta := []string{"-H", "anthropic-beta: admin-user-sign-out-2026-10-08"}
	tests := []struct {
		name string
		args []string
		asks bool
	}{
		{"archive a workspace", []string{"POST", "workspaces/" + ws + "/archive"}, true},
		{"sign out", append([]string{"POST", "users/" + user + "/sign_out"}, signOutBeta...), true},
		{"delete", []string{"DELETE", "users/" + user}, true},
		{"archive a key by status", []string{"POST", "api_keys/" + key(0), "-f", "status=archived"}, true},
		{"archive a key by typed status", []string{"POST", "/v1/organizations/api_keys/" + key(1), "-F", `status="archived"`}, true},
		{"rename a key", []string{"POST", "api_keys/" + key(2), "-f", "name=renamed"}, false},
		{"create a workspace", []string{"POST", "workspaces", "-f", "name=Fresh"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"api"}, tt.args...)
			before := len(writes(srv))
			r := runCLI(t, srv, term{}, args...)
			if !tt.asks {
				if r.code != 0 || len(writes(srv)) != before+1 {
					t.Errorf("without a question: exit %d, %d writes; stderr %q", r.code, len(writes(srv))-before, r.stderr)
				}
				return
			}
			if r.code != ExitUsage || !strings.Contains(r.stderr, "without --yes") {
				t.Errorf("no terminal, no --yes: exit %d, stderr %q", r.code, r.stderr)
			}
			r = runCLI(t, srv, term{tty: true, stdin: "no\n"}, args...)
			if r.code != ExitError || !strings.Contains(r.stderr, "About to send "+tt.args[0]) || !strings.Contains(r.stderr, "cancelled") {
				t.Errorf("answered no: exit %d, stderr %q", r.code, r.stderr)
			}
			r = mustRun(t, srv, term{}, append(args, "--dry-run")...)
			if !strings.Contains(r.stdout, "dry run: would send "+tt.args[0]) {
				t.Errorf("--dry-run printed %q", r.stdout)
			}
			if n := len(writes(srv)) - before; n != 0 {
				t.Fatalf("%d changes sent before --yes", n)
			}
			mustRun(t, srv, term{}, append(args, "--yes")...)
			if n := len(writes(srv)) - before; n != 1 {
				t.Errorf("--yes sent %d changes, want 1", n)
			}
		})
	}
	if got := jsonObject(t, mustRun(t, srv, term{}, "api", "GET", "workspaces/"+ws).stdout); got["archived_at"] == nil {
		t.Errorf("archive --yes did not archive: %v", got)
	}
}

// -H adds headers, beta values add up (an endpoint of the registry brings
// its own), and the credential headers cannot be set.
func TestAPIHeaders(t *testing.T) {
	srv := demoServer(t)
	user := jsonList(t, mustRun(t, srv, term{}, "api", "GET", "users", "--paginate").stdout)[0]["id"].(string)
	signOut := []string{"api", "POST", "users/" + user + "/sign_out", "--yes"}
	if r := runCLI(t, srv, term{}, signOut...); r.code != 0 || writes(srv)[len(writes(srv))-1].Header.Get("anthropic-beta") != "admin-user-sign-out-2026-10-08" {
		t.Errorf("sign_out without -H: exit %d, stderr %q; want its beta value sent for it", r.code, r.stderr)
	}
	r := mustRun(t, srv, term{}, append(signOut, "-H", "anthropic-beta: fast-mode-2026-02-01", "-H", "Anthropic-Beta:admin-user-sign-out-2026-10-08", "-H", "X-Trace: abc 123")...)
	if got := jsonObject(t, r.stdout); got["id"] != user {
		t.Errorf("sign_out with its beta: %v", got)
	}
	w := writes(srv)
	last := w[len(w)-1]
	if got := last.Header.Get("anthropic-beta"); got != "fast-mode-2026-02-01,admin-user-sign-out-2026-10-08" {
		t.Errorf("anthropic-beta sent: %q", got)
	}
	if got := last.Header.Get("X-Trace"); got != "abc 123" {
		t.Errorf("X-Trace sent: %q", got)
	}
	mustRun(t, srv, term{}, "api", "GET", "me", "-H", "anthropic-version: 2026-10-21")
	all := srv.Requests()
	if got := all[len(all)-1].Header.Get("anthropic-version"); got != "2026-10-21" {
		t.Errorf("anthropic-version sent: %q", got)
	}

	sent := len(srv.Requests())
	for _, tc := range []struct{ header, stderr string }{
		{"x-api-key: sk-ant-admin01-other", "the credential cannot be set with -H"},
		{"Authorization: Bearer tok", "the credential cannot be set with -H"},
		{"AUTHORIZATION:Bearer tok", "use --admin-key or --auth-token"},
		{"no colon here", "want 'Name: value'"},
		{": empty name", "want 'Name: value'"},
		{"bad name: x", "not a valid header name"},
	} {
		r := runCLI(t, srv, term{}, "api", "GET", "me", "-H", tc.header)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tc.stderr) {
			t.Errorf("-H %q: exit %d, stderr %q; want %d and %q", tc.header, r.code, r.stderr, ExitUsage, tc.stderr)
		}
	}
	if n := len(srv.Requests()) - sent; n != 0 {
		t.Errorf("refused headers sent %d requests", n)
	}
}

// -o table prints a table: a row per item of a list, a field per row of
// one object; CSV is still refused.
func TestAPITable(t *testing.T) {
	srv := demoServer(t)
	list := mustRun(t, srv, term{}, "api", "GET", "users", "-f", "limit=3", "-o", "table").stdout
	lines := strings.Split(strings.TrimSpace(list), "\n")
	if len(lines) != 4 || !regexp.MustCompile(`^ID +TYPE +EMAIL +NAME +ROLE +ADDED_AT$`).MatchString(lines[0]) || !strings.HasPrefix(lines[1], "user_") {
		t.Errorf("a page as a table:\n%s", list)
	}
	paged := mustRun(t, srv, term{}, "api", "GET", "users", "-f", "limit=10", "--paginate", "-o", "table", "--no-headers").stdout
	if n := strings.Count(paged, "\n"); n != 25 || strings.Contains(paged, "EMAIL") {
		t.Errorf("--paginate as a table without headers: %d lines\n%s", n, paged)
	}
	one := mustRun(t, srv, term{}, "api", "GET", "workspaces", "-o", "table", "--max-items", "1").stdout
	if !strings.Contains(one, `{"workspace_geo":"us"`) {
		t.Errorf("nested values as compact JSON:\n%s", one)
	}
	me := mustRun(t, srv, term{}, "api", "GET", "me", "-o", "table").stdout
	if !regexp.MustCompile(`(?m)^NAME: +Acme Robotics$`).MatchString(me) || !regexp.MustCompile(`(?m)^TYPE: +organization$`).MatchString(me) {
		t.Errorf("one object as a table:\n%s", me)
	}
	// On a terminal with no -o, api still prints JSON.
	if tty := mustRun(t, srv, term{tty: true}, "api", "GET", "me").stdout; !strings.HasPrefix(tty, "{\n") {
		t.Errorf("api on a terminal printed %q", tty)
	}
}

// TestAPIPaginateRepeatedCursor: a server that sends a cursor it sent before
// would have --paginate loop forever or, as it once did, stop quietly with
// part of the list. It is an error, by ID cursor and by page token alike.
func TestAPIPaginateRepeatedCursor(t *testing.T) {
	tests := []struct {
		name, path, page string
	}{
		{"ID cursor", "/v1/organizations/users",
			`{"data":[{"id":"user_a"}],"has_more":true,"first_id":"user_a","last_id":"user_a"}`},
		{"page token", "/v1/organizations/rate_limits",
			`{"data":[{"id":"rl_a"}],"next_page":"page_a"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := demoServer(t)
			srv.Inject(admintest.Fault{Method: "GET", Path: tt.path, Times: 3, Status: 200, Body: tt.page})
			r := runCLI(t, srv, term{}, "api", "GET", tt.path, "--paginate")
			if r.code != ExitError || !strings.Contains(r.stderr, "twice") || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and the repeat named", r.code, r.stdout, r.stderr, ExitError)
			}
			if n := len(srv.Requests()); n != 2 {
				t.Errorf("%d requests, want 2: the repeat ends it", n)
			}
		})
	}
}

// TestAPIDownload writes a plugin version's archive to stdout byte for
// byte, as the library downloads it, and refuses to print it on a terminal.
func TestAPIDownload(t *testing.T) {
	srv := demoServer(t)
	var plugin string
	for _, p := range jsonList(t, mustRun(t, srv, term{}, "api", "GET", "plugins", "--paginate").stdout) {
		if p["name"] == "review-pr" {
			plugin = p["id"].(string)
		}
	}
	if plugin == "" {
		t.Fatal("the demo has no review-pr plugin")
	}
	path := "plugins/" + plugin + "/versions/latest/content"
	got := mustRun(t, srv, term{}, "api", "GET", path).stdout
	d, err := srv.Client().Plugins.Versions.Download(context.Background(), admin.PluginVersionRef{PluginID: plugin, Version: "latest"}, admin.PluginReadParams{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := io.ReadAll(d)
	d.Close()
	if got != string(want) || !strings.HasPrefix(got, "PK\x03\x04") {
		t.Errorf("stdout holds %d bytes, want the archive's %d, untouched", len(got), len(want))
	}
	if r := runCLI(t, srv, term{tty: true}, "api", "GET", path); r.code != ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, "redirect") {
		t.Errorf("on a terminal: exit %d, %d bytes printed, %q", r.code, len(r.stdout), r.stderr)
	}
	if r := runCLI(t, srv, term{}, "api", "GET", path, "--paginate"); r.code != ExitUsage {
		t.Errorf("--paginate: exit %d", r.code)
	}
	if r := runCLI(t, srv, term{}, "api", "GET", "plugins/"+plugin+"/versions/pluginver_none/content"); r.code != ExitNotFound || r.stdout != "" {
		t.Errorf("404: exit %d, stdout %q", r.code, r.stdout)
	}
}
