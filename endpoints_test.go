package admin_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// TestRegistryRows checks each row on its own and against the others: the
// facts every row needs, no endpoint twice, and create-ness by the rule of
// this API: a POST creates exactly when it goes to the path of a list.
func TestRegistryRows(t *testing.T) {
	eps := admin.Endpoints()
	if len(eps) == 0 {
		t.Fatal("the registry is empty")
	}
	lists := map[string]bool{}
	for _, ep := range eps {
		if ep.Method == http.MethodGet && ep.Paging != admin.PagingNone {
			lists[ep.Path] = true
		}
	}
	seenID, seenRoute := map[string]bool{}, map[string]bool{}
	for _, ep := range eps {
		route := ep.Method + " " + ep.Path
		switch {
		case ep.ID == "" || ep.Group == "" || seenID[ep.ID] || seenRoute[route]:
			t.Errorf("%s (%s): empty or repeated ID, group or route", ep.ID, route)
		case !slices.Contains([]string{"GET", "POST", "DELETE"}, ep.Method) || !strings.HasPrefix(ep.Path, "/v1/organizations/"):
			t.Errorf("%s: route %q", ep.ID, route)
		case !slices.Contains([]admin.Paging{admin.PagingNone, admin.PagingIDCursor, admin.PagingPageToken, admin.PagingPageTokenNoHasMore}, ep.Paging):
			t.Errorf("%s: paging %q", ep.ID, ep.Paging)
		case ep.Paging != admin.PagingNone && ep.Method != http.MethodGet:
			t.Errorf("%s: a %s pages", ep.ID, ep.Method)
		case ep.Create != (ep.Method == http.MethodPost && lists[ep.Path]):
			t.Errorf("%s: Create is %v, but a POST creates exactly when it goes to a list's path", ep.ID, ep.Create)
		case ep.Credentials&(admin.CredentialAdminKey|admin.CredentialOAuth) == 0:
			t.Errorf("%s: accepts no credential", ep.ID)
		case slices.Contains(ep.Betas, ""):
			t.Errorf("%s: an empty beta value", ep.ID)
		}
		seenID[ep.ID], seenRoute[route] = true, true
		for _, seg := range strings.Split(ep.Path, "/")[1:] {
			if seg == "" || strings.ContainsAny(strings.Trim(seg, "{}"), "{}") || strings.HasPrefix(seg, "{") != strings.HasSuffix(seg, "}") {
				t.Errorf("%s: path segment %q", ep.ID, seg)
			}
		}
	}

	// Endpoints hands out copies.
	eps[0].ID = "changed"
	for i := range eps {
		if len(eps[i].Betas) > 0 {
			eps[i].Betas[0] = "changed"
		}
	}
	for _, ep := range admin.Endpoints() {
		if ep.ID == "changed" || slices.Contains(ep.Betas, "changed") {
			t.Fatal("Endpoints returns shared storage")
		}
	}
}

func TestLookupEndpoint(t *testing.T) {
	tests := []struct {
		method, path string
		want         string // ID; "" for none
	}{
		{"GET", "/v1/organizations/me", "organization.retrieve"},
		{"GET", "/v1/organizations/users/{user_id}", "organization.users.retrieve"},
		{"GET", "/v1/organizations/users/user_01WCz1FkmYMm4gnmykNKUu3Q", "organization.users.retrieve"},
		{"POST", "/v1/organizations/users/user_01/sign_out", "organization.users.sign_out"},
		{"POST", "/v1/organizations/workspaces", "organization.workspaces.create"},
		{"POST", "/v1/organizations/workspaces/wrkspc_01", "organization.workspaces.update"},
		{"POST", "/v1/organizations/workspaces/wrkspc_01/archive", "organization.workspaces.archive"},
		// A literal segment wins over an ID: members, not a member called "archive".
		{"POST", "/v1/organizations/workspaces/wrkspc_01/members", "organization.workspaces.members.add"},
		{"POST", "/v1/organizations/workspaces/wrkspc_01/members/user_01", "organization.workspaces.members.update"},
		{"GET", "/v1/organizations/workspaces/wrkspc%2F01/rate_limits", "organization.workspaces.rate_limits.list"},
		{"PUT", "/v1/organizations/workspaces/wrkspc_01", ""},
		{"GET", "/v1/organizations/users/", ""},
		{"GET", "/v1/organizations/users/user_01/extra", ""},
		{"GET", "/v1/organizations/tunnels", ""},
		{"GET", "v1/organizations/me", ""},
	}
	for _, tt := range tests {
		got, ok := admin.LookupEndpoint(tt.method, tt.path)
		if ok != (tt.want != "") || got.ID != tt.want {
			t.Errorf("LookupEndpoint(%s, %s) = %q, %v; want %q", tt.method, tt.path, got.ID, ok, tt.want)
		}
	}
}

// TestDoFollowsTheRegistry sends registry endpoints through Client.Do,
// after a 500: an update is retried like its method retries it, a create
// is not, and the sign-out gets its beta value. A POST the registry does
// not know is treated as a create.
func TestDoFollowsTheRegistry(t *testing.T) {
	tests := []struct {
		path     string
		requests int
		beta     string
	}{
		{"/v1/organizations/users/user_01", 2, ""},
		{"/v1/organizations/users/user_01/sign_out", 2, admin.BetaAdminUserSignOut},
		{"/v1/organizations/workspaces", 1, ""},
		{"/v1/organizations/service_accounts", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			api := newFakeAPI(t, reply{Status: 500, Body: `{"type":"error","error":{"type":"api_error","message":"boom"}}`}, reply{Body: `{}`})
			err := api.client().Do(context.Background(), "POST", tt.path, nil, map[string]string{"name": "x"}, nil)
			reqs := api.requests()
			if len(reqs) != tt.requests || (tt.requests == 2) != (err == nil) {
				t.Fatalf("%d requests, then %v; want %d", len(reqs), err, tt.requests)
			}
			for _, r := range reqs {
				if got := r.Header.Get("Anthropic-Beta"); got != tt.beta {
					t.Errorf("anthropic-beta = %q, want %q", got, tt.beta)
				}
			}
		})
	}
}
