package cli

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// completion is what cobra's __complete answered: the values (without
// their descriptions) and the directive.
type completion struct {
	values    []string
	directive cobra.ShellCompDirective
	stderr    string
}

func complete(t *testing.T, srv *admintest.Server, env map[string]string, args ...string) completion {
	t.Helper()
	r := runCLI(t, srv, term{env: env}, append([]string{cobra.ShellCompRequestCmd}, args...)...)
	if r.code != 0 {
		t.Fatalf("__complete %v: exit %d, stderr %q", args, r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	last := lines[len(lines)-1]
	d, err := strconv.Atoi(strings.TrimPrefix(last, ":"))
	if !strings.HasPrefix(last, ":") || err != nil {
		t.Fatalf("__complete %v: no directive line in %q", args, r.stdout)
	}
	c := completion{directive: cobra.ShellCompDirective(d), stderr: r.stderr}
	for _, l := range lines[:len(lines)-1] {
		v, _, _ := strings.Cut(l, "\t")
		c.values = append(c.values, v)
	}
	return c
}

// Flags that take one of a set complete from the same lists the commands
// check against.
func TestCompleteFlagValues(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"users", "list", "--role", "dev"}, []string{"developer"}},
		{[]string{"users", "update", "ada@example.com", "--role", ""}, assignableOrgRoles.shown()},
		{[]string{"invites", "create", "--role", "c"}, []string{"claude_code_user"}},
		{[]string{"invites", "list", "--role", "o"}, []string{"owner"}},
		{[]string{"workspaces", "members", "add", "Production", "x@example.com", "--role", ""}, []string{"user", "developer", "restricted_developer", "admin"}},
		{[]string{"workspaces", "members", "update", "Production", "x@example.com", "--role", "b"}, []string{"billing"}},
		{[]string{"invites", "list", "--status", ""}, []string{"pending", "accepted", "expired"}},
		{[]string{"invites", "list", "--status", "pending,"}, []string{"pending,accepted", "pending,expired"}},
		{[]string{"api-keys", "list", "--status", ""}, []string{"active", "inactive", "archived", "expired"}},
		{[]string{"api-keys", "deactivate", "--all-matching", "--status", "in"}, []string{"inactive"}},
		{[]string{"api-keys", "update", "k", "--status", ""}, []string{"active", "inactive", "archived"}},
		{[]string{"workspaces", "create", "--default-geo", ""}, []string{"global", "us"}},
		{[]string{"workspaces", "update", "Staging", "--allowed-geos", ""}, []string{"unrestricted", "global", "us"}},
		{[]string{"workspaces", "update", "Staging", "--allowed-geos", "us,"}, []string{"us,global"}},
		{[]string{"rate-limits", "list", "--group-type", "b"}, []string{"batch"}},
		{[]string{"rate-limits", "clear", "--limiter", "tool"}, []string{"tool_uses_per_second"}},
		{[]string{"users", "list", "-o", ""}, output.Formats},
		{[]string{"users", "list", "--output", "j"}, []string{"json", "jsonl"}},
		{[]string{"cost", "-o", "f"}, []string{"focus"}},
		{[]string{"cost", "--by", "t"}, []string{"token-type"}},
		{[]string{"usage", "messages", "--by", "model,w"}, []string{"model,workspace"}},
		{[]string{"usage", "messages", "--bucket", ""}, bucketWidths},
		{[]string{"usage", "messages", "--tier", "pri"}, []string{"priority", "priority_on_demand"}},
		{[]string{"cost", "--tier", ""}, []string{"standard", "batch"}},
		{[]string{"fake-server", "--seed", ""}, []string{"demo", "empty", "hostile"}},
		{[]string{"api", ""}, apiMethods},
		{[]string{"api", "POST", "workspaces/{workspace_id}/a"}, []string{"workspaces/{workspace_id}/archive"}},
		{[]string{"help", "workspaces", "m"}, []string{"members"}},
		{[]string{"users", "rem"}, []string{"remove"}},
	}
	for _, tt := range tests {
		got := complete(t, nil, nil, tt.args...)
		if !slices.Equal(got.values, tt.want) || got.directive&cobra.ShellCompDirectiveError != 0 {
			t.Errorf("%v: %q (directive %d), want %q", tt.args, got.values, got.directive, tt.want)
		}
	}
	// A limiter is completed up to its =, with no space after it.
	if got := complete(t, nil, nil, "rate-limits", "set", "--limit", "requests"); !slices.Equal(got.values, []string{"requests_per_minute="}) ||
		got.directive&cobra.ShellCompDirectiveNoSpace == 0 {
		t.Errorf("--limit: %q, directive %d", got.values, got.directive)
	}
}

// Names that live in the organization complete from the API: workspaces,
// members (of the workspace named first, or not yet in it), invites, keys
// in the status a shortcut can change, rate-limit groups.
func TestCompleteNamesFromTheAPI(t *testing.T) {
	srv := demoServer(t)
	list := func(field string, args ...string) []string {
		var out []string
		for _, item := range jsonList(t, mustRun(t, srv, term{}, args...).stdout) {
			out = append(out, item[field].(string))
		}
		return out
	}
	workspaces := list("name", "workspaces", "list")
	members := list("email", "users", "list")
	var production []string
	for _, m := range list("user_id", "workspaces", "members", "list", "Production") {
		production = append(production, jsonObject(t, mustRun(t, srv, term{}, "users", "get", m).stdout)["email"].(string))
	}
	notProduction := slices.DeleteFunc(slices.Clone(members), func(e string) bool { return slices.Contains(production, e) })
	inactive := list("name", "api-keys", "list", "--status", "inactive")
	active := list("name", "api-keys", "list", "--status", "active")
	if len(production) == 0 || len(notProduction) == 0 || len(inactive) == 0 {
		t.Fatalf("the demo needs members in and out of Production and inactive keys: %d, %d, %d", len(production), len(notProduction), len(inactive))
	}
	same := func(got, want []string) bool {
		return slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want)))
	}

	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"workspaces", "get", ""}, workspaces},
		{[]string{"workspaces", "get", "st"}, []string{"Staging"}},
		{[]string{"workspaces", "get", "Staging", ""}, nil},
		{[]string{"workspaces", "archive", "Production", ""}, slices.DeleteFunc(slices.Clone(workspaces), func(w string) bool { return w == "Production" })},
		{[]string{"workspaces", "members", "list", "Res"}, []string{"Research"}},
		{[]string{"workspaces", "members", "remove", "Production", ""}, production},
		{[]string{"workspaces", "members", "remove", "Production", production[0], ""}, production[1:]},
		{[]string{"workspaces", "members", "get", "Production", ""}, production},
		{[]string{"workspaces", "members", "add", "Production", ""}, notProduction},
		{[]string{"users", "get", ""}, members},
		{[]string{"users", "remove", members[0], ""}, members[1:]},
		{[]string{"users", "list", "--email", members[0][:5]}, []string{members[0]}},
		{[]string{"api-keys", "list", "--created-by", members[0][:5]}, []string{members[0]}},
		{[]string{"api-keys", "activate", ""}, inactive},
		{[]string{"api-keys", "deactivate", ""}, active},
		{[]string{"api-keys", "get", "staging-tmp"}, []string{"staging-tmp-debug"}},
		{[]string{"invites", "delete", "intern"}, []string{"intern@acme-robotics.example"}},
		{[]string{"cost", "--workspace", "Sup"}, []string{"Support Assistant"}},
		{[]string{"budget", "--workspace", "Pro"}, []string{"Production"}},
		{[]string{"rate-limits", "set", "--rate-limit", "Claude S"}, []string{"Claude Sonnet 4.x"}},
		{[]string{"rate-limits", "set", "--rate-limit", "b"}, []string{"batch"}},
	}
	for _, tt := range tests {
		got := complete(t, srv, nil, tt.args...)
		if !same(got.values, tt.want) || got.directive != cobra.ShellCompDirectiveNoFileComp {
			t.Errorf("%v: %q (directive %d), want %q", tt.args, got.values, got.directive, tt.want)
		}
	}
	if w := writes(srv); len(w) != 0 {
		t.Errorf("completion sent %d changes", len(w))
	}
}

// Without a credential, names complete to nothing, with the error directive
// and no message; --fake and ANTHROPIC_ADMIN_FAKE complete from the demo
// organization, and say nothing on stderr.
func TestCompleteCredentials(t *testing.T) {
	none := complete(t, nil, nil, "workspaces", "get", "")
	if len(none.values) != 0 || none.directive != cobra.ShellCompDirectiveError || strings.Contains(none.stderr, "no credential") {
		t.Errorf("no credential: %q, directive %d, stderr %q", none.values, none.directive, none.stderr)
	}
	for _, tc := range []struct {
		env  map[string]string
		args []string
	}{
		{nil, []string{"--fake", "workspaces", "get", "Pro"}},
		{nil, []string{"workspaces", "get", "--fake", "--admin-key", "sk-ant-admin01-mine", "Pro"}},
		{map[string]string{"ANTHROPIC_ADMIN_FAKE": "true"}, []string{"workspaces", "get", "Pro"}},
	} {
		got := complete(t, nil, tc.env, tc.args...)
		if !slices.Equal(got.values, []string{"Production"}) || strings.Contains(got.stderr, "note:") {
			t.Errorf("%v %v: %q, stderr %q", tc.env, tc.args, got.values, got.stderr)
		}
	}
}

// api completes, for each method, the path of every endpoint of the
// registry with that method, relative to /v1/organizations/, and nothing
// else; the method may be typed in lower case.
func TestCompleteAPIPathsFromTheRegistry(t *testing.T) {
	for _, method := range []string{"GET", "POST", "DELETE", "patch"} {
		var want []string
		for _, ep := range admin.Endpoints() {
			if strings.EqualFold(ep.Method, method) {
				want = append(want, strings.TrimPrefix(ep.Path, "/v1/organizations/"))
			}
		}
		slices.Sort(want)
		got := complete(t, nil, nil, "api", method, "")
		if !slices.Equal(got.values, want) {
			t.Errorf("api %s: %q, want %q", method, got.values, want)
		}
	}
	if got := complete(t, nil, nil, "api", "get", "usage_report/"); !slices.Equal(got.values, []string{"usage_report/claude_code", "usage_report/messages"}) {
		t.Errorf("api get usage_report/: %q", got.values)
	}
}
