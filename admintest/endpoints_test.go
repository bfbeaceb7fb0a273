package admintest_test

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
)

// coreEndpoints is every endpoint the fake should answer, by resource, as
// the spec names them.
var coreEndpoints = []string{
	"GET /v1/organizations/me",

	"GET /v1/organizations/users",
	"GET /v1/organizations/users/{user_id}",
	"POST /v1/organizations/users/{user_id}",
	"DELETE /v1/organizations/users/{user_id}",
	"POST /v1/organizations/users/{user_id}/sign_out",

	"GET /v1/organizations/invites",
	"POST /v1/organizations/invites",
	"GET /v1/organizations/invites/{invite_id}",
	"DELETE /v1/organizations/invites/{invite_id}",

	"GET /v1/organizations/workspaces",
	"POST /v1/organizations/workspaces",
	"GET /v1/organizations/workspaces/{workspace_id}",
	"POST /v1/organizations/workspaces/{workspace_id}",
	"POST /v1/organizations/workspaces/{workspace_id}/archive",

	"GET /v1/organizations/workspaces/{workspace_id}/members",
	"POST /v1/organizations/workspaces/{workspace_id}/members",
	"GET /v1/organizations/workspaces/{workspace_id}/members/{user_id}",
	"POST /v1/organizations/workspaces/{workspace_id}/members/{user_id}",
	"DELETE /v1/organizations/workspaces/{workspace_id}/members/{user_id}",

	"GET /v1/organizations/api_keys",
	"GET /v1/organizations/api_keys/{api_key_id}",
	"POST /v1/organizations/api_keys/{api_key_id}",

	"GET /v1/organizations/rate_limits",
	"GET /v1/organizations/workspaces/{workspace_id}/rate_limits",
	"POST /v1/organizations/workspaces/{workspace_id}/rate_limits/{rate_limit_id}",

	"GET /v1/organizations/usage_report/messages",
	"GET /v1/organizations/cost_report",
	"GET /v1/organizations/usage_report/claude_code",
}

func TestEndpoints(t *testing.T) {
	got := admintest.Endpoints()
	want := slices.Clone(coreEndpoints)
	byPath := func(a, b string) int {
		_, pa, _ := strings.Cut(a, " ")
		_, pb, _ := strings.Cut(b, " ")
		return cmp.Or(strings.Compare(pa, pb), strings.Compare(a, b))
	}
	slices.SortFunc(want, byPath)
	if !slices.Equal(got, want) {
		for _, e := range got {
			if !slices.Contains(want, e) {
				t.Errorf("Endpoints() has %q, which is not in the table", e)
			}
		}
		for _, e := range want {
			if !slices.Contains(got, e) {
				t.Errorf("Endpoints() lacks %q", e)
			}
		}
		if len(got) == len(want) {
			t.Errorf("Endpoints() is not sorted by path, then method:\n%s", strings.Join(got, "\n"))
		}
	}
	for _, e := range got {
		method, path, ok := strings.Cut(e, " ")
		if !ok || !slices.Contains([]string{"GET", "POST", "DELETE"}, method) || !strings.HasPrefix(path, "/v1/organizations/") {
			t.Errorf("endpoint %q is not \"METHOD /v1/organizations/...\"", e)
		}
	}

	// Callers get their own copy.
	got[0] = "changed"
	if admintest.Endpoints()[0] == "changed" {
		t.Error("Endpoints() returns shared storage")
	}
}
