package conformance

import (
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// The same scenarios with this repository's library, through its typed
// methods.

// pagesOf reads every page of a list and returns the items and the page
// count.
func pagesOf[T any](t *testing.T, l *admin.List[T]) ([]T, int) {
	t.Helper()
	var all []T
	pages := 0
	for p, err := range l.Pages(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		all, pages = append(all, p.Data...), pages+1
	}
	return all, pages
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
	ws, _ := pagesOf(t, c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 100}, IncludeArchived: true, IncludeDefault: true}))
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

	ws, pages := pagesOf(t, c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 2}, IncludeArchived: true, IncludeDefault: true}))
	var names []string
	for _, w := range ws {
		names = append(names, w.Name)
		if w.Archived() != (w.Name == demoArchived) {
			t.Errorf("%s: archived_at = %v", w.Name, w.ArchivedAt)
		}
	}
	if !slices.Equal(names, demoWorkspaces) || pages != 3 {
		t.Errorf("workspaces = %v in %d pages, want %v in 3", names, pages, demoWorkspaces)
	}

	keys, pages := pagesOf(t, c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 7}}))
	count := map[string]int{}
	for _, k := range keys {
		count[string(k.Status)]++
	}
	if !maps.Equal(count, demoKeyCount) || pages != 7 {
		t.Errorf("keys by status = %v in %d pages, want %v in 7", count, pages, demoKeyCount)
	}

	inactive, pages := pagesOf(t, c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 2}, Status: admin.APIKeyStatusInactive}))
	names = nil
	for _, k := range inactive {
		names = append(names, k.Name)
	}
	slices.Sort(names)
	if want := slices.Sorted(slices.Values(demoInactive)); !slices.Equal(names, want) || pages != 3 {
		t.Errorf("inactive keys = %v in %d pages, want %v in 3", names, pages, want)
	}
}

// Scenario 3, with tags set and removed key by key.
func TestLibraryWorkspaceLifecycle(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := srv.Client()
	ctx := t.Context()
	users, _ := libIDs(t, c)

	w, err := c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{
		Name: "Conformance Lab", Tags: map[string]string{"env": "test", "team": "sdk"},
		DataResidency: admin.DataResidencyParams{WorkspaceGeo: admin.WorkspaceGeoUS,
			AllowedInferenceGeos: admin.InferenceGeos{Geos: []admin.InferenceGeo{admin.InferenceGeoUS}}, DefaultInferenceGeo: admin.InferenceGeoUS},
	})
	if err != nil {
		t.Fatal(err)
	}
	if w.Name != "Conformance Lab" || !maps.Equal(w.Tags, map[string]string{"env": "test", "team": "sdk"}) ||
		w.DataResidency.DefaultInferenceGeo != admin.InferenceGeoUS || w.Archived() {
		t.Errorf("created = %s", w.RawJSON())
	}
	upd, err := c.Workspaces.Update(ctx, w.ID, admin.WorkspaceUpdateParams{
		Name: admin.Set("Conformance Lab 2"),
		Tags: map[string]admin.Optional[string]{"env": admin.Set("staging"), "team": admin.Clear[string]()},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Workspaces.Get(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []*admin.Workspace{upd, got} {
		if x.Name != "Conformance Lab 2" || !maps.Equal(x.Tags, map[string]string{"env": "staging"}) {
			t.Errorf("after update = %s", x.RawJSON())
		}
	}

	key := srv.AddAPIKey("lab-runner", w.ID, users["Jonas Becker"])
	archived, err := c.Workspaces.Archive(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	k, err := c.APIKeys.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if !archived.Archived() || k.Status != admin.APIKeyStatusArchived || k.WorkspaceID() != w.ID {
		t.Errorf("archived workspace %s, its key %s", archived.RawJSON(), k.RawJSON())
	}
}

// Scenario 4.
func TestLibraryWorkspaceMembers(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := srv.Client()
	ctx := t.Context()
	users, workspaces := libIDs(t, c)
	ethan, production := users["Ethan Brooks"], workspaces["Production"]

	added, err := c.Workspaces.Members.Add(ctx, production, admin.WorkspaceMemberAddParams{UserID: ethan, WorkspaceRole: admin.WorkspaceRoleUser})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Workspaces.Members.Update(ctx, added.Ref(), admin.WorkspaceMemberUpdateParams{WorkspaceRole: admin.WorkspaceRoleDeveloper}); err != nil {
		t.Fatal(err)
	}
	m, err := c.Workspaces.Members.Get(ctx, admin.WorkspaceMemberRef{WorkspaceID: production, UserID: ethan})
	if err != nil {
		t.Fatal(err)
	}
	if m.UserID != ethan || m.WorkspaceRole != admin.WorkspaceRoleDeveloper {
		t.Errorf("member = %s", m.RawJSON())
	}
	members := c.Workspaces.Members.List(production, admin.WorkspaceMemberListParams{Cursor: admin.Cursor{Limit: 3}})
	if all, _ := pagesOf(t, members); len(all) != len(demoProduction)+1 {
		t.Errorf("members = %d, want %d", len(all), len(demoProduction)+1)
	}
	gone, err := c.Workspaces.Members.Remove(ctx, m.Ref())
	if err != nil {
		t.Fatal(err)
	}
	if gone.Type != "workspace_member_deleted" || gone.UserID != ethan {
		t.Errorf("remove = %s", gone.RawJSON())
	}
	if all, _ := pagesOf(t, members); len(all) != len(demoProduction) {
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

	keys, _ := pagesOf(t, c.APIKeys.List(admin.APIKeyListParams{WorkspaceID: workspaces["Production"], Status: admin.APIKeyStatusActive}))
	i := slices.IndexFunc(keys, func(k admin.APIKey) bool { return k.Name == "prod-webhooks" })
	if i < 0 {
		t.Fatalf("no prod-webhooks among %v", keys)
	}
	for _, status := range []admin.APIKeyStatus{admin.APIKeyStatusInactive, admin.APIKeyStatusActive} {
		k, err := c.APIKeys.Update(ctx, keys[i].ID, admin.APIKeyUpdateParams{Status: admin.Set(status)})
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.APIKeys.Get(ctx, keys[i].ID)
		if err != nil {
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

	pending, _ := pagesOf(t, c.Invites.List(admin.InviteListParams{Statuses: []admin.InviteStatus{admin.InviteStatusPending}}))
	if len(pending) != len(demoPendingInvites) {
		t.Fatalf("pending invites = %v", pending)
	}
	inv, err := c.Invites.Get(ctx, pending[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if inv.ID != pending[0].ID || inv.Email != pending[0].Email || inv.Status != admin.InviteStatusPending {
		t.Errorf("invite = %s, want %s", inv.RawJSON(), pending[0].RawJSON())
	}
	del, err := c.Invites.Delete(ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if del.ID != inv.ID || del.Type != "invite_deleted" {
		t.Errorf("delete = %s", del.RawJSON())
	}
	_, err = c.Invites.Get(ctx, inv.ID)
	libError(t, srv, err, 404, admin.ErrorTypeNotFound, admin.ErrNotFound)
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
	limits, pages := pagesOf(t, c.RateLimits.List(admin.RateLimitListParams{PageCursor: admin.PageCursor{Limit: 3}}))
	var groups []string
	for _, rl := range limits {
		groups = append(groups, string(rl.Group.Type))
	}
	want := []string{"model_group", "model_group", "model_group", "batch", "token_count", "files", "skills", "web_search"}
	if !slices.Equal(groups, want) || pages != 3 || limits[0].Group.DisplayName != "Claude Opus 4.x" {
		t.Errorf("rate limit groups = %v in %d pages, want %v in 3", groups, pages, want)
	}
}
