package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/admintest"
)

// workspaceIDs maps the demo's workspace names to IDs, archived and
// default workspaces included.
func demoWorkspaceIDs(t *testing.T, srv *admintest.Server) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, w := range jsonList(t, mustRun(t, srv, term{}, "workspaces", "list", "--include-archived", "--include-default").stdout) {
		ids[w["name"].(string)] = w["id"].(string)
	}
	return ids
}

// sentJSON is the JSON body of a logged request, for comparing.
func sentJSON(t *testing.T, r admintest.LoggedRequest) map[string]any {
	t.Helper()
	return jsonObject(t, string(r.Body))
}

func sameJSON(t *testing.T, got map[string]any, want string) {
	t.Helper()
	var w map[string]any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	g, _ := json.Marshal(got)
	wb, _ := json.Marshal(w)
	if string(g) != string(wb) {
		t.Errorf("body = %s\nwant %s", g, wb)
	}
}

func TestWorkspacesListAndGet(t *testing.T) {
	srv := demoServer(t)
	tty := mustRun(t, srv, term{tty: true}, "workspaces", "list", "--include-archived", "--include-default")
	golden(t, "workspaces-list", tty.stdout)

	// Piped: the API's JSON; archived and default workspaces left out.
	active := jsonList(t, mustRun(t, srv, term{}, "workspaces", "list").stdout)
	var names []string
	for _, w := range active {
		names = append(names, w["name"].(string))
		if w["archived_at"] != nil || w["data_residency"] == nil || w["compartment_id"] == nil {
			t.Errorf("JSON workspace = %v", w)
		}
	}
	if strings.Join(names, ",") != "Production,Staging,Research,Support Assistant" {
		t.Errorf("active workspaces = %v", names)
	}
	list := srv.Requests()[len(srv.Requests())-1]
	if list.Path != "/v1/organizations/workspaces" || list.Query.Get("include_archived") != "" || list.Query.Get("limit") != "100" {
		t.Errorf("list request %s %v", list.Path, list.Query)
	}

	records, err := csv.NewReader(strings.NewReader(mustRun(t, srv, term{}, "workspaces", "list", "--include-archived", "-o", "csv").stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(records[0], ",") != "id,name,created_at,archived_at,default_inference_geo,allowed_inference_geos,tags" || len(records) != 6 {
		t.Fatalf("csv header %v, %d rows", records[0], len(records))
	}
	hack := records[5]
	if hack[1] != "Hackathon 2026" || hack[2] != "2026-07-13T15:30:00Z" || hack[3] != "2026-08-12T15:30:00Z" || hack[6] != "" {
		t.Errorf("csv archived row = %q", hack)
	}
	if prod := records[1]; prod[4] != "global" || prod[5] != "unrestricted" || records[3][4] != "us" || records[3][5] != "us" || prod[6] != "cost-center=platform, env=prod" {
		t.Errorf("csv row = %q", prod)
	}
	if n := len(jsonList(t, mustRun(t, srv, term{}, "workspaces", "list", "--max-items", "2").stdout)); n != 2 {
		t.Errorf("--max-items 2 listed %d", n)
	}

	// get by name: one list call to resolve, one get.
	srv.ResetRequests()
	golden(t, "workspaces-get", mustRun(t, srv, term{tty: true}, "workspaces", "get", "Research").stdout)
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Query.Get("include_archived") != "true" || reqs[0].Query.Get("include_default") != "true" ||
		!strings.HasPrefix(reqs[1].Path, "/v1/organizations/workspaces/wrkspc_") {
		t.Errorf("get by name sent %d requests: %v", len(reqs), reqs)
	}

	// get by ID: no list call; -o json is the API's object.
	id := active[0]["id"].(string)
	srv.ResetRequests()
	got := jsonObject(t, mustRun(t, srv, term{}, "workspaces", "get", id).stdout)
	if len(srv.Requests()) != 1 || got["id"] != id || got["name"] != "Production" || got["display_color"] != "#D97757" {
		t.Errorf("get by ID: %d requests, %v", len(srv.Requests()), got)
	}
	yaml := mustRun(t, srv, term{}, "workspaces", "get", "Production", "-o", "yaml").stdout
	if !strings.Contains(yaml, "\n  allowed_inference_geos: unrestricted\n") || !strings.Contains(yaml, "\n  env: prod\n") {
		t.Errorf("yaml = %s", yaml)
	}
}

func TestWorkspaceArguments(t *testing.T) {
	srv := demoServer(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unknown name", []string{"workspaces", "get", "Marketing"}, ExitNotFound, `no workspace is named "Marketing"`},
		{"a name in another letter case still resolves", []string{"workspaces", "get", "research"}, ExitOK, ""},
		{"unknown ID", []string{"workspaces", "get", "wrkspc_missing"}, ExitNotFound, "not_found_error"},
		{"members of unknown name", []string{"workspaces", "members", "list", "Nope"}, ExitNotFound, `"Nope"`},
		{"missing argument", []string{"workspaces", "get"}, ExitUsage, "expected WORKSPACE"},
		{"archive nothing", []string{"workspaces", "archive", "--yes"}, ExitUsage, "expected WORKSPACE..., got no argument"},
		{"remove without user", []string{"workspaces", "members", "remove", "Production", "--yes"}, ExitUsage, "expected WORKSPACE USER..."},
		{"unknown member email", []string{"workspaces", "members", "get", "Production", "nobody@example.com"}, ExitNotFound, "no member has the email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, srv, term{}, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.stderr)
			}
		})
	}
	if w := writes(srv); len(w) != 0 {
		t.Errorf("bad arguments sent %d changes", len(w))
	}

	// Two workspaces named alike: the active one wins over the archived.
	ids := demoWorkspaceIDs(t, srv)
	mustRun(t, srv, term{}, "workspaces", "create", "--name", "Hackathon 2026")
	got := jsonObject(t, mustRun(t, srv, term{}, "workspaces", "get", "Hackathon 2026").stdout)
	if got["id"] == ids["Hackathon 2026"] || got["archived_at"] != nil {
		t.Errorf("name shared with an archived workspace resolved to %v", got)
	}
	// Two archived ones: ambiguous, so the ID is needed.
	mustRun(t, srv, term{}, "workspaces", "archive", got["id"].(string), "--yes")
	r := runCLI(t, srv, term{}, "workspaces", "get", "Hackathon 2026")
	if r.code != ExitUsage || !strings.Contains(r.stderr, ids["Hackathon 2026"]) || !strings.Contains(r.stderr, got["id"].(string)) {
		t.Errorf("ambiguous name: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestWorkspacesCreateAndUpdate(t *testing.T) {
	srv := demoServer(t)

	// Bad input: exit 2 and nothing sent at all.
	bad := []struct {
		args   []string
		stderr string
	}{
		{[]string{"create"}, "--name is required"},
		{[]string{"create", "--name", "  "}, "--name is required"},
		{[]string{"create", "--name", "Ops", "--color", "red"}, "not a hex color"},
		{[]string{"create", "--name", "Ops", "--tag", "team"}, "not KEY=VALUE"},
		{[]string{"create", "--name", "Ops", "--tag", "=x"}, "not KEY=VALUE"},
		{[]string{"create", "--name", "Ops", "--tag", "a=1", "--tag", "a=2"}, "given twice"},
		{[]string{"create", "--name", "Ops", "--allowed-geos", "us,,global"}, "--allowed-geos"},
		{[]string{"create", "--name", "Ops", "--allowed-geos", "us", "--default-geo", "global"}, `"global" is not one of the allowed`},
		{[]string{"update", "Staging"}, "nothing to change"},
		{[]string{"update", "Staging", "--name", ""}, "--name is empty"},
		{[]string{"update", "Staging", "--default-geo", ""}, "--default-geo is empty"},
		{[]string{"update", "Staging", "--allowed-geos", "unrestricted,us"}, "not both"},
		{[]string{"update", "Staging", "--tag", "env=x", "--remove-tag", "env"}, "not one that --tag sets"},
		{[]string{"update", "Staging", "--remove-tag", " "}, "give a tag's key"},
	}
	for _, b := range bad {
		srv.ResetRequests()
		r := runCLI(t, srv, term{}, append([]string{"workspaces"}, b.args...)...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, b.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", b.args, r.code, r.stderr, b.stderr)
		}
		if n := len(srv.Requests()); n != 0 {
			t.Errorf("%v sent %d requests", b.args, n)
		}
	}

	// --dry-run prints the body and sends nothing.
	srv.ResetRequests()
	r := mustRun(t, srv, term{}, "workspaces", "create", "--name", "Ops", "--color", "d97757", "--dry-run")
	if !strings.Contains(r.stdout, "would send POST /v1/organizations/workspaces\n") || !strings.Contains(r.stdout, `"display_color": "#D97757"`) {
		t.Errorf("dry-run create printed %q", r.stdout)
	}
	if len(srv.Requests()) != 0 {
		t.Errorf("dry-run create sent %d requests", len(srv.Requests()))
	}

	created := jsonObject(t, mustRun(t, srv, term{}, "workspaces", "create", "--name", "Ops", "--color", "#5b8db9",
		"--tag", "team=sre", "--tag", "tier=a=1", "--allowed-geos", "US, global", "--default-geo", "us").stdout)
	w := writes(srv)
	if len(w) != 1 || w[0].Path != "/v1/organizations/workspaces" {
		t.Fatalf("create sent %v", w)
	}
	sameJSON(t, sentJSON(t, w[0]), `{"name": "Ops", "display_color": "#5B8DB9", "tags": {"team": "sre", "tier": "a=1"},
		"data_residency": {"allowed_inference_geos": ["us", "global"], "default_inference_geo": "us"}}`)
	if created["name"] != "Ops" || created["type"] != "workspace" || created["data_residency"].(map[string]any)["default_inference_geo"] != "us" {
		t.Errorf("created = %v", created)
	}

	// update: --tag keeps the other tags; a table shows the result.
	srv.ResetRequests()
	r = mustRun(t, srv, term{tty: true}, "workspaces", "update", "Production", "--tag", "owner=platform", "--tag", "env=production", "--name", "Prod")
	if !strings.Contains(r.stdout, "TAGS:            cost-center=platform, env=production, owner=platform\n") || !strings.Contains(r.stdout, "NAME:            Prod\n") {
		t.Errorf("update printed\n%s", r.stdout)
	}
	w = writes(srv)
	if len(w) != 1 {
		t.Fatalf("update sent %d changes", len(w))
	}
	sameJSON(t, sentJSON(t, w[0]), `{"name": "Prod", "tags": {"cost-center": "platform", "env": "production", "owner": "platform"}}`)

	// --clear-tags alone removes each tag by name; with --tag it replaces
	// them all.
	for _, tc := range []struct {
		args []string
		body string
	}{
		{[]string{"--clear-tags"}, `{"tags": {"env": null}}`},
		{[]string{"--clear-tags", "--tag", "env=staging-2"}, `{"tags": {"env": "staging-2"}}`},
		{[]string{"--allowed-geos", "unrestricted", "--default-geo", "GLOBAL"}, `{"data_residency": {"allowed_inference_geos": "unrestricted", "default_inference_geo": "global"}}`},
	} {
		srv.ResetRequests()
		mustRun(t, srv, term{}, append([]string{"workspaces", "update", "Staging"}, tc.args...)...)
		if w := writes(srv); len(w) != 1 {
			t.Errorf("%v sent %d changes", tc.args, len(w))
		} else {
			sameJSON(t, sentJSON(t, w[0]), tc.body)
		}
	}

	// Dry-run update: reads the tags, prints the change, sends none.
	srv.ResetRequests()
	r = mustRun(t, srv, term{}, "workspaces", "update", "Research", "--tag", "x=y", "--dry-run")
	if !strings.Contains(r.stdout, "would send POST /v1/organizations/workspaces/wrkspc_") || !strings.Contains(r.stdout, `"x": "y"`) {
		t.Errorf("dry-run update printed %q", r.stdout)
	}
	if w := writes(srv); len(w) != 0 {
		t.Errorf("dry-run update sent %d changes", len(w))
	}
}

func TestWorkspacesArchive(t *testing.T) {
	srv := demoServer(t)
	ids := demoWorkspaceIDs(t, srv)

	// Not a terminal, no --yes: refused, with the keys it would take along.
	r := runCLI(t, srv, term{}, "workspaces", "archive", "Production")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "refusing to archive workspace Production and its 10 API keys without --yes") {
		t.Errorf("non-interactive archive: exit %d, stderr %q", r.code, r.stderr)
	}
	// The count is one key list filtered by the workspace.
	keys := srv.Requests()[len(srv.Requests())-1]
	if keys.Path != "/v1/organizations/api_keys" || keys.Query.Get("workspace_id") != ids["Production"] {
		t.Errorf("key count request %s %v", keys.Path, keys.Query)
	}
	// Several at once; a person who answers no.
	r = runCLI(t, srv, term{tty: true, stdin: "no\n"}, "workspaces", "archive", "Staging", ids["Support Assistant"])
	want := "About to archive 2 workspaces (Staging, " + ids["Support Assistant"] + ") and their 11 API keys.\nType yes or y to continue, anything else to cancel: "
	if r.code != ExitError || !strings.HasPrefix(r.stderr, want) {
		t.Errorf("answered no: exit %d, stderr %q\nwant prefix %q", r.code, r.stderr, want)
	}
	// --dry-run shows the request and sends no change.
	r = mustRun(t, srv, term{}, "workspaces", "archive", "Production", "--dry-run")
	if r.stdout != "dry run: would send POST /v1/organizations/workspaces/"+ids["Production"]+"/archive\n" {
		t.Errorf("dry run printed %q", r.stdout)
	}
	if w := writes(srv); len(w) != 0 {
		t.Fatalf("refused and dry-run archives sent %d changes", len(w))
	}

	// yes at a terminal, then --yes in a script.
	r = mustRun(t, srv, term{tty: true, stdin: "yes\n"}, "workspaces", "archive", "Production")
	if !strings.HasSuffix(r.stderr, "archived workspace Production with 10 API keys\n") {
		t.Errorf("archive said %q", r.stderr)
	}
	r = mustRun(t, srv, term{}, "workspaces", "archive", "Research", "Staging", "--yes")
	if r.stderr != "archived 2 workspaces (Research with 8 API keys, Staging with 7 API keys)\n" {
		t.Errorf("archive said %q", r.stderr)
	}
	w := writes(srv)
	if len(w) != 3 || w[2].Path != "/v1/organizations/workspaces/"+ids["Staging"]+"/archive" {
		t.Fatalf("archives sent %v", w)
	}
	got := jsonObject(t, mustRun(t, srv, term{}, "workspaces", "get", ids["Production"]).stdout)
	if got["archived_at"] == nil {
		t.Errorf("archived workspace = %v", got)
	}
	// A workspace with no keys left says nothing about keys.
	r = runCLI(t, srv, term{}, "workspaces", "archive", "Production")
	if !strings.Contains(r.stderr, "refusing to archive workspace Production without --yes") {
		t.Errorf("keyless archive: %q", r.stderr)
	}
}

// TestWorkspacesTagsUnderEitherReading runs the tag flags against a fake that
// replaces a workspace's tags with those sent and one that merges them in:
// the docs say neither (docs-notes §10 item 20), and the result must not
// depend on it.
func TestWorkspacesTagsUnderEitherReading(t *testing.T) {
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"--tag", "owner=sre", "--remove-tag", "env"}, "map[cost-center:platform owner:sre]"},
		{[]string{"--remove-tag", "missing"}, "map[cost-center:platform owner:sre]"},
		{[]string{"--tag", "owner=sre"}, "map[cost-center:platform owner:sre]"},
		{[]string{"--clear-tags", "--tag", "a=b"}, "map[a:b]"},
		{[]string{"--clear-tags"}, "map[]"},
		{[]string{"--clear-tags"}, "map[]"},
	}
	for _, merged := range []bool{false, true} {
		t.Run(fmt.Sprintf("merged=%v", merged), func(t *testing.T) {
			opts := []admintest.Option{admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return testNow })}
			if merged {
				opts = append(opts, admintest.WithTagsMerged())
			}
			srv := admintest.NewServer(opts...)
			defer srv.Close()
			for _, s := range steps {
				w := jsonObject(t, mustRun(t, srv, term{}, append([]string{"workspaces", "update", "Production", "-o", "json"}, s.args...)...).stdout)
				if got := fmt.Sprint(w["tags"]); got != s.want {
					t.Errorf("%v: tags %s, want %s", s.args, got, s.want)
				}
			}
		})
	}
}
