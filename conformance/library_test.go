package conformance

import (
	"errors"
	"maps"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// The same scenarios with this repository's library. Only Users and
// Organization have typed methods so far; the rest go through Client.Do
// with the small wire types below, and should move to the typed methods
// once those exist.

type wirePage[T any] struct {
	Data     []T     `json:"data"`
	HasMore  bool    `json:"has_more"`
	LastID   *string `json:"last_id"`
	NextPage *string `json:"next_page"`
}

type wireWorkspace struct {
	ID            string            `json:"id"`
	Name          string            `json:"name"`
	ArchivedAt    *time.Time        `json:"archived_at"`
	Tags          map[string]string `json:"tags"`
	DataResidency struct {
		AllowedInferenceGeos any    `json:"allowed_inference_geos"`
		DefaultInferenceGeo  string `json:"default_inference_geo"`
	} `json:"data_residency"`
}

type wireKey struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Scope  struct {
		WorkspaceID string `json:"workspace_id"`
	} `json:"scope"`
}

type wireMember struct {
	Type          string `json:"type"`
	UserID        string `json:"user_id"`
	WorkspaceID   string `json:"workspace_id"`
	WorkspaceRole string `json:"workspace_role"`
}

type wireInvite struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Email  string `json:"email"`
	Status string `json:"status"`
}

type wireRateLimit struct {
	Group struct {
		Type        string `json:"type"`
		DisplayName string `json:"display_name"`
	} `json:"group"`
}

// walk reads every page of a list through Client.Do, following after_id or
// next_page as the response says, and returns the items and the page count.
func walk[T any](t *testing.T, c *admin.Client, path string, q url.Values) ([]T, int) {
	t.Helper()
	var all []T
	for pages := 1; ; pages++ {
		var p wirePage[T]
		if err := c.Do(t.Context(), "GET", path, q, nil, &p); err != nil {
			t.Fatalf("GET %s?%s: %v", path, q.Encode(), err)
		}
		all = append(all, p.Data...)
		switch {
		case p.NextPage != nil:
			q.Set("page", *p.NextPage)
		case p.HasMore && p.LastID != nil:
			q.Set("after_id", *p.LastID)
		default:
			return all, pages
		}
		if pages > 50 {
			t.Fatalf("GET %s: the pages do not end", path)
		}
	}
}

// libIDs reads the IDs of the demo's users and workspaces by name.
func libIDs(t *testing.T, c *admin.Client) (users, workspaces map[string]string) {
	t.Helper()
	us, err := c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1000}}).Collect(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	users = map[string]string{}
	for _, u := range us {
		users[u.Name] = u.ID
	}
	ws, _ := walk[wireWorkspace](t, c, "/v1/organizations/workspaces", url.Values{"limit": {"100"}, "include_archived": {"true"}, "include_default": {"true"}})
	workspaces = map[string]string{}
	for _, w := range ws {
		workspaces[w.Name] = w.ID
	}
	return users, workspaces
}

// Scenario 1.
func TestLibraryUsersPaging(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := srv.Client()

	seen := map[string]int{}
	for u, err := range c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 4}}).All(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		seen[u.Name]++
		if string(u.Role) != demoUsers[u.Name] || u.AddedAt.IsZero() {
			t.Errorf("user = %s", u.RawJSON())
		}
	}
	eachDemoUserOnce(t, seen)
	reqs := logged(srv, "GET", "/v1/organizations/users")
	if len(reqs) != 7 {
		t.Fatalf("pages = %d, want 7", len(reqs))
	}
	for i, r := range reqs {
		if r.Query.Get("limit") != "4" || (i > 0) != r.Query.Has("after_id") || r.Header.Get("X-Api-Key") != "[redacted]" ||
			r.Header.Get("Anthropic-Version") != admin.DefaultAnthropicVersion {
			t.Errorf("page %d: query %v, headers %v", i, r.Query, r.Header)
		}
	}
}

// Scenario 2.
func TestLibraryWorkspacesAndKeysPaging(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := srv.Client()

	ws, pages := walk[wireWorkspace](t, c, "/v1/organizations/workspaces", url.Values{"limit": {"2"}, "include_archived": {"true"}, "include_default": {"true"}})
	var names []string
	for _, w := range ws {
		names = append(names, w.Name)
		if (w.ArchivedAt != nil) != (w.Name == demoArchived) {
			t.Errorf("%s: archived_at = %v", w.Name, w.ArchivedAt)
		}
	}
	if !slices.Equal(names, demoWorkspaces) || pages != 3 {
		t.Errorf("workspaces = %v in %d pages, want %v in 3", names, pages, demoWorkspaces)
	}

	keys, pages := walk[wireKey](t, c, "/v1/organizations/api_keys", url.Values{"limit": {"7"}})
	count := map[string]int{}
	for _, k := range keys {
		count[k.Status]++
	}
	if !maps.Equal(count, demoKeyCount) || pages != 6 {
		t.Errorf("keys by status = %v in %d pages, want %v in 6", count, pages, demoKeyCount)
	}

	inactive, pages := walk[wireKey](t, c, "/v1/organizations/api_keys", url.Values{"limit": {"2"}, "status": {"inactive"}})
	names = nil
	for _, k := range inactive {
		names = append(names, k.Name)
	}
	slices.Sort(names)
	if want := slices.Sorted(slices.Values(demoInactive)); !slices.Equal(names, want) || pages != 3 {
		t.Errorf("inactive keys = %v in %d pages, want %v in 3", names, pages, want)
	}
}

// Scenario 3.
func TestLibraryWorkspaceLifecycle(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := srv.Client()
	ctx := t.Context()
	users, _ := libIDs(t, c)

	var w wireWorkspace
	err := c.Do(ctx, "POST", "/v1/organizations/workspaces", nil, map[string]any{
		"name": "Conformance Lab", "tags": map[string]string{"env": "test"},
		"data_residency": map[string]any{"workspace_geo": "us", "allowed_inference_geos": []string{"us"}, "default_inference_geo": "us"},
	}, &w)
	if err != nil {
		t.Fatal(err)
	}
	if w.Name != "Conformance Lab" || !maps.Equal(w.Tags, map[string]string{"env": "test"}) || w.DataResidency.DefaultInferenceGeo != "us" || w.ArchivedAt != nil {
		t.Errorf("created = %+v", w)
	}
	path := "/v1/organizations/workspaces/" + w.ID
	if err := c.Do(ctx, "POST", path, nil, map[string]any{"name": "Conformance Lab 2", "tags": map[string]string{"env": "staging"}}, nil); err != nil {
		t.Fatal(err)
	}
	var got wireWorkspace
	if err := c.Do(ctx, "GET", path, nil, nil, &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "Conformance Lab 2" || !maps.Equal(got.Tags, map[string]string{"env": "staging"}) {
		t.Errorf("after update = %+v", got)
	}

	key := srv.AddAPIKey("lab-runner", w.ID, users["Jonas Becker"])
	if err := c.Do(ctx, "POST", path+"/archive", nil, nil, &got); err != nil {
		t.Fatal(err)
	}
	var k wireKey
	if err := c.Do(ctx, "GET", "/v1/organizations/api_keys/"+key, nil, nil, &k); err != nil {
		t.Fatal(err)
	}
	if got.ArchivedAt == nil || k.Status != "archived" || k.Scope.WorkspaceID != w.ID {
		t.Errorf("archived workspace %+v, its key %+v", got, k)
	}
}

// Scenario 4.
func TestLibraryWorkspaceMembers(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := srv.Client()
	ctx := t.Context()
	users, workspaces := libIDs(t, c)
	ethan, members := users["Ethan Brooks"], "/v1/organizations/workspaces/"+workspaces["Production"]+"/members"

	var m wireMember
	if err := c.Do(ctx, "POST", members, nil, map[string]string{"user_id": ethan, "workspace_role": "workspace_user"}, &m); err != nil {
		t.Fatal(err)
	}
	if err := c.Do(ctx, "POST", members+"/"+ethan, nil, map[string]string{"workspace_role": "workspace_developer"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Do(ctx, "GET", members+"/"+ethan, nil, nil, &m); err != nil {
		t.Fatal(err)
	}
	if m.UserID != ethan || m.WorkspaceRole != "workspace_developer" {
		t.Errorf("member = %+v", m)
	}
	all, _ := walk[wireMember](t, c, members, url.Values{"limit": {"3"}})
	if len(all) != len(demoProduction)+1 {
		t.Errorf("members = %d, want %d", len(all), len(demoProduction)+1)
	}
	var gone wireMember
	if err := c.Do(ctx, "DELETE", members+"/"+ethan, nil, nil, &gone); err != nil {
		t.Fatal(err)
	}
	if gone.Type != "workspace_member_deleted" || gone.UserID != ethan {
		t.Errorf("remove = %+v", gone)
	}
	if all, _ = walk[wireMember](t, c, members, url.Values{"limit": {"3"}}); len(all) != len(demoProduction) {
		t.Errorf("members after removing = %d, want %d", len(all), len(demoProduction))
	}
}

// Scenario 5.
func TestLibraryAPIKeyStatus(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := srv.Client()
	ctx := t.Context()
	_, workspaces := libIDs(t, c)

	keys, _ := walk[wireKey](t, c, "/v1/organizations/api_keys", url.Values{"workspace_id": {workspaces["Production"]}, "status": {"active"}})
	i := slices.IndexFunc(keys, func(k wireKey) bool { return k.Name == "prod-webhooks" })
	if i < 0 {
		t.Fatalf("no prod-webhooks among %v", keys)
	}
	path := "/v1/organizations/api_keys/" + keys[i].ID
	for _, status := range []string{"inactive", "active"} {
		var k wireKey
		if err := c.Do(ctx, "POST", path, nil, map[string]string{"status": status}, &k); err != nil {
			t.Fatal(err)
		}
		var got wireKey
		if err := c.Do(ctx, "GET", path, nil, nil, &got); err != nil {
			t.Fatal(err)
		}
		if k.Status != status || got.Status != status {
			t.Errorf("set %s: response %q, read back %q", status, k.Status, got.Status)
		}
	}
}

// Scenario 6.
func TestLibraryInvites(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := srv.Client()
	ctx := t.Context()

	pending, _ := walk[wireInvite](t, c, "/v1/organizations/invites", url.Values{"statuses[]": {"pending"}})
	if len(pending) != len(demoPendingInvites) {
		t.Fatalf("pending invites = %v", pending)
	}
	path := "/v1/organizations/invites/" + pending[0].ID
	var inv, del wireInvite
	if err := c.Do(ctx, "GET", path, nil, nil, &inv); err != nil {
		t.Fatal(err)
	}
	if inv != pending[0] || inv.Status != "pending" {
		t.Errorf("invite = %+v, want %+v", inv, pending[0])
	}
	if err := c.Do(ctx, "DELETE", path, nil, nil, &del); err != nil {
		t.Fatal(err)
	}
	if del.ID != inv.ID || del.Type != "invite_deleted" {
		t.Errorf("delete = %+v", del)
	}
	libError(t, srv, c.Do(ctx, "GET", path, nil, nil, nil), 404, admin.ErrorTypeNotFound, admin.ErrNotFound)
}

// Scenario 7.
func TestLibraryNotFound(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	_, err := srv.Client().Users.Get(t.Context(), "user_missing")
	libError(t, srv, err, 404, admin.ErrorTypeNotFound, admin.ErrNotFound)
}

// libError checks that err is the library's API error with this status and
// type, matching the sentinel, for the request the fake logged last.
func libError(t *testing.T, srv *admintest.Server, err error, status int, typ admin.ErrorType, sentinel error) {
	t.Helper()
	var apiErr *admin.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, sentinel) {
		t.Fatalf("error = %v (%T), want *admin.APIError matching %v", err, err, sentinel)
	}
	reqs := srv.Requests()
	if apiErr.StatusCode != status || apiErr.Type != typ || apiErr.Message == "" || apiErr.RequestID != reqs[len(reqs)-1].RequestID {
		t.Errorf("error = %+v", apiErr)
	}
}

// Scenario 8.
func TestLibraryOrganizationAndRateLimits(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := srv.Client()

	org, err := c.Organization.Get(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if org.Name != "Acme Robotics" || org.Type != "organization" || len(org.ID) != 36 {
		t.Errorf("organization = %s", org.RawJSON())
	}
	limits, pages := walk[wireRateLimit](t, c, "/v1/organizations/rate_limits", url.Values{"limit": {"3"}})
	var groups []string
	for _, rl := range limits {
		groups = append(groups, rl.Group.Type)
	}
	want := []string{"model_group", "model_group", "model_group", "batch", "token_count", "files", "skills", "web_search"}
	if !slices.Equal(groups, want) || pages != 3 || limits[0].Group.DisplayName != "Claude Opus 4.x" {
		t.Errorf("rate limit groups = %v in %d pages, want %v in 3", groups, pages, want)
	}
}
