package cli

import (
	"strings"
	"testing"
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
