package conformance

import (
	"encoding/json"
	"errors"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"
	"github.com/anthropics/anthropic-sdk-go/v2/shared"
	"github.com/anthropics/anthropic-sdk-go/v2/shared/constant"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// What the Demo seed holds, written out from its description rather than
// read from the fake, so the tests do not learn the answers from the thing
// they check.
var (
	// demoUsers maps each member's name to their organization role.
	demoUsers = map[string]string{
		"Morgan Lee": "admin", "Priya Raman": "admin", "Jonas Becker": "developer", "Aiko Tanaka": "developer",
		"Samuel Okafor": "developer", "Lucía Fernández": "developer", "Noah Williams": "billing",
		"Fatima Zahra": "developer", "Ethan Brooks": "user", "Mei Chen": "developer", "Oliver Smith": "claude_code_user",
		"Amara Nwosu": "developer", "Lars Johansson": "user", "Sofia Rossi": "developer", "Daniel Kim": "claude_code_user",
		"Chloé Martin": "developer", "Ravi Patel": "developer", "Hannah Schmidt": "billing", "Mateo García": "claude_code_user",
		"Grace Liu": "developer", "Tomás Silva": "user", "Zoe Anderson": "claude_code_user", "Yusuf Demir": "developer",
		"Ingrid Olsen": "developer", "Kwame Mensah": "user",
	}
	demoWorkspaces = []string{"Default", "Production", "Staging", "Research", "Support Assistant", "Hackathon 2026"}
	demoArchived   = "Hackathon 2026"
	demoKeyCount   = map[string]int{"active": 31, "inactive": 6, "archived": 4, "expired": 2}
	demoInactive   = []string{"prod-legacy-gateway", "prod-old-summarizer", "staging-tmp-debug", "research-intern-2025", "research-shared-old", "hackathon-judges"}
	// demoCreatorGone is the key whose creator has left the organization,
	// planted for the audit.
	demoCreatorGone = "alex-eval-scripts"
	// Production's members and their workspace roles.
	demoProduction = map[string]string{
		"Priya Raman": "workspace_admin", "Samuel Okafor": "workspace_restricted_developer", "Fatima Zahra": "workspace_user",
		"Sofia Rossi": "workspace_developer", "Ravi Patel": "workspace_restricted_developer", "Grace Liu": "workspace_user",
		"Yusuf Demir": "workspace_developer",
	}
	demoPendingInvites = []string{"new.hire@acme-robotics.example", "contractor@partner.example", "finance.analyst@acme-robotics.example"}
)

func newFake(t *testing.T) *admintest.Server {
	t.Helper()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()))
	t.Cleanup(srv.Close)
	return srv
}

// sdkClient points the official SDK at the fake.
func sdkClient(srv *admintest.Server) anthropic.Client {
	return anthropic.NewClient(
		option.WithoutEnvironmentDefaults(), // nothing from the developer's environment or profile
		option.WithBaseURL(srv.URL),
		option.WithAPIKey(srv.AdminKey()),
		option.WithMaxRetries(0), // a failure the fake causes must show, not be retried away
	)
}

// logged returns the requests the fake received for one method and path.
func logged(srv *admintest.Server, method, path string) []admintest.LoggedRequest {
	return slices.DeleteFunc(srv.Requests(), func(r admintest.LoggedRequest) bool {
		return r.Method != method || r.Path != path
	})
}

// wantBody checks that a logged request carried exactly this JSON body.
func wantBody(t *testing.T, r admintest.LoggedRequest, want string) {
	t.Helper()
	var got, exp any
	if err := json.Unmarshal(r.Body, &got); err != nil {
		t.Fatalf("%s %s: body %q is not JSON: %v", r.Method, r.Path, r.Body, err)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatal(err)
	}
	g, _ := json.Marshal(got)
	e, _ := json.Marshal(exp)
	if string(g) != string(e) {
		t.Errorf("%s %s: body = %s, want %s", r.Method, r.Path, g, e)
	}
}

// sdkError checks that err is the SDK's API error with this status and
// error type, for the request the fake logged last.
func sdkError(t *testing.T, srv *admintest.Server, err error, status int, typ shared.ErrorType) *anthropic.Error {
	t.Helper()
	var apiErr *anthropic.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("error = %v (%T), want *anthropic.Error", err, err)
	}
	if apiErr.StatusCode != status || apiErr.Type() != typ {
		t.Errorf("status, type = %d, %q; want %d, %q", apiErr.StatusCode, apiErr.Type(), status, typ)
	}
	if apiErr.Message == "" {
		t.Errorf("error message is empty: %s", apiErr.RawJSON())
	}
	reqs := srv.Requests()
	if last := reqs[len(reqs)-1]; apiErr.RequestID == "" || apiErr.RequestID != last.RequestID {
		t.Errorf("RequestID = %q, want the fake's %q", apiErr.RequestID, last.RequestID)
	}
	return apiErr
}

// eachDemoUserOnce checks a count of listed users by name: every demo user
// exactly once and no one else.
func eachDemoUserOnce(t *testing.T, seen map[string]int) {
	t.Helper()
	for name := range demoUsers {
		if seen[name] != 1 {
			t.Errorf("%s listed %d times, want once", name, seen[name])
		}
	}
	for name := range seen {
		if _, ok := demoUsers[name]; !ok {
			t.Errorf("%s listed, but is not a demo user", name)
		}
	}
}

// userIDs maps each demo member's name to their ID, read with one big page.
func userIDs(t *testing.T, c anthropic.Client) map[string]string {
	t.Helper()
	page, err := c.Organization.Users.List(t.Context(), anthropic.OrganizationUserListParams{Limit: anthropic.Int(1000)})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, u := range page.Data {
		ids[u.Name] = u.ID
	}
	return ids
}

// workspaceIDs maps each demo workspace's name to its ID.
func workspaceIDs(t *testing.T, c anthropic.Client) map[string]string {
	t.Helper()
	page, err := c.Organization.Workspaces.List(t.Context(), anthropic.OrganizationWorkspaceListParams{
		Limit: anthropic.Int(100), IncludeArchived: anthropic.Bool(true), IncludeDefault: anthropic.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, w := range page.Data {
		ids[w.Name] = w.ID
	}
	return ids
}

// Scenario 1: users, auto-paged four at a time.
func TestSDKUsersAutoPaging(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)

	pager := c.Organization.Users.ListAutoPaging(t.Context(), anthropic.OrganizationUserListParams{Limit: anthropic.Int(4)})
	var ids []string
	seen := map[string]int{}
	for u := range pager.All() {
		conform(t, "user "+u.ID, u)
		ids = append(ids, u.ID)
		seen[u.Name]++
		if want, ok := demoUsers[u.Name]; !ok || string(u.Role) != want {
			t.Errorf("user %q has role %q; the demo has %q", u.Name, u.Role, want)
		}
		if !strings.HasPrefix(u.ID, "user_") || !strings.HasSuffix(u.Email, "@acme-robotics.example") || u.AddedAt.IsZero() {
			t.Errorf("user = %s", u.RawJSON())
		}
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	eachDemoUserOnce(t, seen)

	// Seven pages of at most four, each asking after the last ID of the one
	// before, with the SDK v2's credential and version headers.
	reqs := logged(srv, "GET", "/v1/organizations/users")
	if len(reqs) != 7 {
		t.Fatalf("the SDK fetched %d pages, want 7", len(reqs))
	}
	for i, r := range reqs {
		wantAfter := ""
		if i > 0 {
			wantAfter = ids[4*i-1]
		}
		if r.Query.Get("limit") != "4" || r.Query.Get("after_id") != wantAfter || r.Status != 200 {
			t.Errorf("page %d: query %v, status %d; want limit=4 after_id=%q", i, r.Query, r.Status, wantAfter)
		}
		if r.Header.Get("Authorization") != "[redacted]" || r.Header.Get("X-Api-Key") != "" || r.Header.Get("Anthropic-Version") != "2026-10-21" {
			t.Errorf("page %d: headers %v", i, r.Header)
		}
	}

	// The same order as one page of everything.
	page, err := c.Organization.Users.List(t.Context(), anthropic.OrganizationUserListParams{Limit: anthropic.Int(1000)})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "users page", page)
	var all []string
	for _, u := range page.Data {
		all = append(all, u.ID)
	}
	if !slices.Equal(all, ids) || page.HasMore || page.FirstID != ids[0] || page.LastID != ids[len(ids)-1] {
		t.Errorf("one page: ids %v has_more %v first %q last %q; paged ids %v", all, page.HasMore, page.FirstID, page.LastID, ids)
	}

	// Walking back from the last member: the SDK follows before_id=first_id,
	// a page of four at a time, until the fake says there is nothing before.
	srv.ResetRequests()
	back := c.Organization.Users.ListAutoPaging(t.Context(), anthropic.OrganizationUserListParams{Limit: anthropic.Int(4), BeforeID: anthropic.String(ids[len(ids)-1])})
	var backIDs []string
	for u := range back.All() {
		backIDs = append(backIDs, u.ID)
	}
	if err := back.Err(); err != nil {
		t.Fatal(err)
	}
	// Pages come newest-page-last: [20:24], [16:20], ... [0:4].
	var wantBack []string
	for end := len(ids) - 1; end > 0; end -= 4 {
		wantBack = append(wantBack, ids[max(0, end-4):end]...)
	}
	if !slices.Equal(backIDs, wantBack) {
		t.Errorf("walking back = %v, want %v", backIDs, wantBack)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/users"); len(reqs) != 6 || reqs[5].Query.Get("before_id") != ids[4] {
		t.Errorf("walking back took %d pages, want 6", len(reqs))
	}

	// Array filters go out as roles[]=.
	billing, err := c.Organization.Users.List(t.Context(), anthropic.OrganizationUserListParams{Roles: []string{"billing"}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range billing.Data {
		names = append(names, u.Name)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"Hannah Schmidt", "Noah Williams"}) {
		t.Errorf("billing users = %v", names)
	}
	if r := srv.Requests()[len(srv.Requests())-1]; !slices.Equal(r.Query["roles[]"], []string{"billing"}) {
		t.Errorf("roles filter query = %v", r.Query)
	}
}

// Users: get, change a role, sign out (beta), remove.
func TestSDKUserChanges(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	id := userIDs(t, c)["Ethan Brooks"]

	u, err := c.Organization.Users.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "user", u)
	if u.ID != id || u.Name != "Ethan Brooks" || u.Email != "ethan.brooks@acme-robotics.example" || u.Role != "user" || u.Type != "user" {
		t.Errorf("user = %s", u.RawJSON())
	}

	u, err = c.Organization.Users.Update(ctx, id, anthropic.OrganizationUserUpdateParams{Role: anthropic.OrganizationUserUpdateParamsRoleDeveloper})
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != anthropic.OrganizationRoleDeveloper {
		t.Errorf("updated role = %q", u.Role)
	}
	wantBody(t, srv.Requests()[len(srv.Requests())-1], `{"role":"developer"}`)

	out, err := c.Beta.Organization.Users.SignOut(ctx, id, anthropic.BetaOrganizationUserSignOutParams{})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "signed-out user", out)
	if out.ID != id || out.Role != "developer" {
		t.Errorf("signed-out user = %s", out.RawJSON())
	}

	gone, err := c.Organization.Users.Remove(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "removed user", gone)
	if gone.ID != id || gone.Type != "user_deleted" {
		t.Errorf("remove = %s", gone.RawJSON())
	}
	_, err = c.Organization.Users.Get(ctx, id)
	sdkError(t, srv, err, 404, shared.ErrorTypeNotFoundError)
}

// Scenario 2: workspaces (archived and default included) and API keys,
// auto-paged, all keys and keys of one status.
func TestSDKWorkspacesAndKeysAutoPaging(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()

	pager := c.Organization.Workspaces.ListAutoPaging(ctx, anthropic.OrganizationWorkspaceListParams{
		Limit: anthropic.Int(2), IncludeArchived: anthropic.Bool(true), IncludeDefault: anthropic.Bool(true)})
	var names []string
	wsIDs := map[string]bool{}
	for w := range pager.All() {
		conform(t, "workspace "+w.Name, w)
		names = append(names, w.Name)
		wsIDs[w.ID] = true
		if archived := !w.ArchivedAt.IsZero(); archived != (w.Name == demoArchived) {
			t.Errorf("%s: archived_at = %v", w.Name, w.ArchivedAt)
		}
		if !strings.HasPrefix(w.ID, "wrkspc_") || !regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`).MatchString(w.DisplayColor) ||
			w.CompartmentID == "" || w.DataResidency.WorkspaceGeo != "us" || w.CreatedAt.IsZero() {
			t.Errorf("workspace = %s", w.RawJSON())
		}
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, demoWorkspaces) {
		t.Errorf("workspaces = %v, want %v", names, demoWorkspaces)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/workspaces"); len(reqs) != 3 ||
		reqs[0].Query.Get("include_archived") != "true" || reqs[2].Query.Get("include_default") != "true" {
		t.Errorf("workspace pages: %d requests, first query %v", len(reqs), reqs[0].Query)
	}

	users := userIDs(t, c)
	userSet := map[string]bool{}
	for _, id := range users {
		userSet[id] = true
	}
	keys := c.Organization.APIKeys.ListAutoPaging(ctx, anthropic.OrganizationAPIKeyListParams{Limit: anthropic.Int(7)})
	count := map[string]int{}
	keyIDs := map[string]bool{}
	for k := range keys.All() {
		conform(t, "key "+k.Name, k)
		count[string(k.Status)]++
		keyIDs[k.ID] = true
		scope := k.Scope.AsWorkspace()
		principal := k.Principal.AsUserActor()
		if k.Scope.Type != "workspace" || !wsIDs[scope.WorkspaceID] || k.Principal.Type != "user_actor" || (!userSet[principal.UserID] && k.Name != demoCreatorGone) ||
			k.CreatedBy.Type != "user" || k.CreatedBy.ID != principal.UserID || !strings.HasPrefix(k.PartialKeyHint, "sk-ant-api03-") {
			t.Errorf("key = %s", k.RawJSON())
		}
		if k.Status == "expired" && (k.ExpiresAt.IsZero() || k.ExpiresAt.After(time.Now())) {
			t.Errorf("expired key %s expires at %v", k.Name, k.ExpiresAt)
		}
	}
	if err := keys.Err(); err != nil {
		t.Fatal(err)
	}
	if len(keyIDs) != 43 || !maps.Equal(count, demoKeyCount) {
		t.Errorf("%d distinct keys by status %v, want 43 by %v", len(keyIDs), count, demoKeyCount)
	}
	if n := len(logged(srv, "GET", "/v1/organizations/api_keys")); n != 7 {
		t.Errorf("key pages = %d, want 7", n)
	}

	srv.ResetRequests()
	inactive := c.Organization.APIKeys.ListAutoPaging(ctx, anthropic.OrganizationAPIKeyListParams{
		Limit: anthropic.Int(2), Status: anthropic.OrganizationAPIKeyListParamsStatusInactive})
	var got []string
	for k := range inactive.All() {
		if k.Status != "inactive" {
			t.Errorf("%s: status %q in a list of inactive keys", k.Name, k.Status)
		}
		got = append(got, k.Name)
	}
	if err := inactive.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(demoInactive))
	if !slices.Equal(got, want) {
		t.Errorf("inactive keys = %v, want %v", got, want)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/api_keys"); len(reqs) != 3 || reqs[1].Query.Get("status") != "inactive" {
		t.Errorf("inactive key pages: %d requests", len(reqs))
	}
}

// Scenario 3: a workspace's life: create, update, get, archive.
func TestSDKWorkspaceLifecycle(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	before := time.Now().Add(-time.Second)

	w, err := c.Organization.Workspaces.New(ctx, anthropic.OrganizationWorkspaceNewParams{
		Name:         "Conformance Lab",
		DisplayColor: anthropic.String("#2A9D8F"),
		Tags:         map[string]string{"env": "test", "team": "sdk"},
		DataResidency: anthropic.DataResidencyCreateConfigParam{
			WorkspaceGeo:         anthropic.DataResidencyCreateConfigWorkspaceGeoUs,
			AllowedInferenceGeos: anthropic.DataResidencyCreateConfigAllowedInferenceGeosUnionParam{OfGeos: []anthropic.AllowedInferenceGeo{"us"}},
			DefaultInferenceGeo:  anthropic.DataResidencyCreateConfigDefaultInferenceGeoUs,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "created workspace", w)
	wantBody(t, srv.Requests()[len(srv.Requests())-1], `{"name":"Conformance Lab","display_color":"#2A9D8F","tags":{"env":"test","team":"sdk"},
		"data_residency":{"workspace_geo":"us","allowed_inference_geos":["us"],"default_inference_geo":"us"}}`)
	if !strings.HasPrefix(w.ID, "wrkspc_") || w.Name != "Conformance Lab" || w.DisplayColor != "#2A9D8F" ||
		!maps.Equal(w.Tags, map[string]string{"env": "test", "team": "sdk"}) || w.CreatedAt.Before(before) || !w.ArchivedAt.IsZero() ||
		w.JSON.ArchivedAt.Raw() != "null" || w.ExternalKeyID != "" || w.UserProfileID != "" {
		t.Errorf("created = %s", w.RawJSON())
	}
	dr := w.DataResidency
	if !slices.Equal(dr.AllowedInferenceGeos.AsGeos(), []anthropic.AllowedInferenceGeo{"us"}) || dr.DefaultInferenceGeo != "us" || dr.WorkspaceGeo != "us" {
		t.Errorf("data residency = %s", dr.RawJSON())
	}

	w, err = c.Organization.Workspaces.Update(ctx, w.ID, anthropic.OrganizationWorkspaceUpdateParams{
		Name: anthropic.String("Conformance Lab 2"),
		Tags: map[string]string{"env": "staging"},
		DataResidency: anthropic.DataResidencyUpdateConfigParam{
			AllowedInferenceGeos: anthropic.DataResidencyUpdateConfigAllowedInferenceGeosUnionParam{OfUnrestricted: constant.ValueOf[constant.Unrestricted]()},
			DefaultInferenceGeo:  anthropic.DataResidencyUpdateConfigDefaultInferenceGeoGlobal,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "updated workspace", w)
	got, err := c.Organization.Workspaces.Get(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "workspace", got)
	for _, x := range []*anthropic.Workspace{w, got} {
		if x.Name != "Conformance Lab 2" || x.DisplayColor != "#2A9D8F" || !maps.Equal(x.Tags, map[string]string{"env": "staging"}) ||
			x.DataResidency.AllowedInferenceGeos.AsUnrestricted() != "unrestricted" || x.DataResidency.DefaultInferenceGeo != "global" {
			t.Errorf("after update = %s", x.RawJSON())
		}
	}

	// Archiving retires the workspace's keys. Keys cannot be made through
	// the API, so the fake's helper adds one.
	key := srv.AddAPIKey("lab-runner", w.ID, userIDs(t, c)["Jonas Becker"])
	archived, err := c.Organization.Workspaces.Archive(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "archived workspace", archived)
	if archived.ID != w.ID || archived.ArchivedAt.IsZero() || archived.ArchivedAt.Before(before) {
		t.Errorf("archived = %s", archived.RawJSON())
	}
	k, err := c.Organization.APIKeys.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if k.Status != "archived" || k.Scope.AsWorkspace().WorkspaceID != w.ID {
		t.Errorf("key of the archived workspace = %s", k.RawJSON())
	}
	if _, ok := workspaceIDs(t, c)["Conformance Lab 2"]; !ok {
		t.Error("the archived workspace is missing from a list that includes archived ones")
	}
	active, err := c.Organization.Workspaces.List(ctx, anthropic.OrganizationWorkspaceListParams{})
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(active.Data, func(x anthropic.Workspace) bool { return x.ID == w.ID }) {
		t.Error("the archived workspace is listed without include_archived")
	}
	_, err = c.Organization.Workspaces.Update(ctx, w.ID, anthropic.OrganizationWorkspaceUpdateParams{Name: anthropic.String("Again")})
	sdkError(t, srv, err, 400, shared.ErrorTypeInvalidRequestError)
}

// Scenario 4: a workspace member added, changed, read, listed and removed.
func TestSDKWorkspaceMembers(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	users := userIDs(t, c)
	names := map[string]string{}
	for name, id := range users {
		names[id] = name
	}
	prod := workspaceIDs(t, c)["Production"]
	ethan := users["Ethan Brooks"]

	members := func() map[string]string {
		t.Helper()
		pager := c.Organization.Workspaces.Members.ListAutoPaging(ctx, prod, anthropic.OrganizationWorkspaceMemberListParams{Limit: anthropic.Int(3)})
		got := map[string]string{}
		for m := range pager.All() {
			conform(t, "member", m)
			if _, dup := got[names[m.UserID]]; dup || m.WorkspaceID != prod || m.Type != "workspace_member" {
				t.Errorf("member listed twice or wrongly: %s", m.RawJSON())
			}
			got[names[m.UserID]] = string(m.WorkspaceRole)
		}
		if err := pager.Err(); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := members(); !maps.Equal(got, demoProduction) {
		t.Errorf("Production members = %v, want %v", got, demoProduction)
	}

	m, err := c.Organization.Workspaces.Members.Add(ctx, prod, anthropic.OrganizationWorkspaceMemberAddParams{
		UserID: ethan, WorkspaceRole: anthropic.NoBillingWorkspaceRoleWorkspaceUser})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "added member", m)
	wantBody(t, srv.Requests()[len(srv.Requests())-1], `{"user_id":"`+ethan+`","workspace_role":"workspace_user"}`)
	if m.UserID != ethan || m.WorkspaceID != prod || m.WorkspaceRole != "workspace_user" {
		t.Errorf("added = %s", m.RawJSON())
	}

	m, err = c.Organization.Workspaces.Members.Update(ctx, ethan, anthropic.OrganizationWorkspaceMemberUpdateParams{
		WorkspaceID: prod, WorkspaceRole: anthropic.WorkspaceRoleWorkspaceDeveloper})
	if err != nil {
		t.Fatal(err)
	}
	if m.WorkspaceRole != "workspace_developer" {
		t.Errorf("updated = %s", m.RawJSON())
	}
	m, err = c.Organization.Workspaces.Members.Get(ctx, ethan, anthropic.OrganizationWorkspaceMemberGetParams{WorkspaceID: prod})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "member", m)
	if m.UserID != ethan || m.WorkspaceRole != "workspace_developer" {
		t.Errorf("get = %s", m.RawJSON())
	}
	want := maps.Clone(demoProduction)
	want["Ethan Brooks"] = "workspace_developer"
	if got := members(); !maps.Equal(got, want) {
		t.Errorf("members after adding = %v, want %v", got, want)
	}

	gone, err := c.Organization.Workspaces.Members.Remove(ctx, ethan, anthropic.OrganizationWorkspaceMemberRemoveParams{WorkspaceID: prod})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "removed member", gone)
	if gone.Type != "workspace_member_deleted" || gone.UserID != ethan || gone.WorkspaceID != prod {
		t.Errorf("remove = %s", gone.RawJSON())
	}
	if got := members(); !maps.Equal(got, demoProduction) {
		t.Errorf("members after removing = %v, want %v", got, demoProduction)
	}
	_, err = c.Organization.Workspaces.Members.Get(ctx, ethan, anthropic.OrganizationWorkspaceMemberGetParams{WorkspaceID: prod})
	sdkError(t, srv, err, 404, shared.ErrorTypeNotFoundError)
}

// Scenario 5: an API key switched off and on again.
func TestSDKAPIKeyStatus(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	prod := workspaceIDs(t, c)["Production"]

	page, err := c.Organization.APIKeys.List(ctx, anthropic.OrganizationAPIKeyListParams{WorkspaceID: anthropic.String(prod), Status: "active", Limit: anthropic.Int(100)})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(page.Data, func(k anthropic.APIKey) bool { return k.Name == "prod-webhooks" })
	if len(page.Data) != 8 || i < 0 {
		t.Fatalf("Production has %d active keys, want 8 with prod-webhooks", len(page.Data))
	}
	id := page.Data[i].ID

	for _, status := range []anthropic.OrganizationAPIKeyUpdateParamsStatus{"inactive", "active"} {
		k, err := c.Organization.APIKeys.Update(ctx, id, anthropic.OrganizationAPIKeyUpdateParams{Status: status})
		if err != nil {
			t.Fatal(err)
		}
		conform(t, "updated key", k)
		wantBody(t, srv.Requests()[len(srv.Requests())-1], `{"status":"`+string(status)+`"}`)
		got, err := c.Organization.APIKeys.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []*anthropic.APIKey{k, got} {
			if x.ID != id || string(x.Status) != string(status) || x.Name != "prod-webhooks" {
				t.Errorf("after setting %s: %s", status, x.RawJSON())
			}
		}
	}
	k, err := c.Organization.APIKeys.Update(ctx, id, anthropic.OrganizationAPIKeyUpdateParams{Name: anthropic.String("prod-webhooks-v2")})
	if err != nil {
		t.Fatal(err)
	}
	if k.Name != "prod-webhooks-v2" || k.Status != "active" {
		t.Errorf("renamed = %s", k.RawJSON())
	}
}

// Scenario 6: invites: the pending ones, one read, one deleted, one made.
func TestSDKInvites(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()

	pending, err := c.Organization.Invites.List(ctx, anthropic.OrganizationInviteListParams{Statuses: []string{"pending"}})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "pending invites", pending)
	var emails []string
	for _, inv := range pending.Data {
		emails = append(emails, inv.Email)
	}
	slices.Sort(emails)
	if want := slices.Sorted(slices.Values(demoPendingInvites)); !slices.Equal(emails, want) {
		t.Errorf("pending invites = %v, want %v", emails, want)
	}
	if r := srv.Requests()[len(srv.Requests())-1]; !slices.Equal(r.Query["statuses[]"], []string{"pending"}) {
		t.Errorf("statuses filter query = %v", r.Query)
	}

	all, err := c.Organization.Invites.List(ctx, anthropic.OrganizationInviteListParams{})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "invites", all)
	statuses := map[anthropic.OrganizationInviteStatus]int{}
	for _, inv := range all.Data {
		statuses[inv.Status]++
		if (inv.Status == "accepted") != !inv.AcceptedAt.IsZero() {
			t.Errorf("invite %s: status %s, accepted_at %v", inv.Email, inv.Status, inv.AcceptedAt)
		}
	}
	if want := map[anthropic.OrganizationInviteStatus]int{"pending": 3, "expired": 2, "accepted": 1}; !maps.Equal(statuses, want) {
		t.Errorf("invite statuses = %v, want %v", statuses, want)
	}

	first := pending.Data[0]
	inv, err := c.Organization.Invites.Get(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "invite", inv)
	if inv.ID != first.ID || inv.Email != first.Email || inv.Status != "pending" || inv.Type != "invite" ||
		inv.JSON.AcceptedAt.Raw() != "null" || !inv.ExpiresAt.After(inv.InvitedAt) || inv.RBACGroupIDs == nil || len(inv.RBACGroupIDs) != 0 {
		t.Errorf("invite = %s", inv.RawJSON())
	}
	del, err := c.Organization.Invites.Delete(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "deleted invite", del)
	if del.ID != first.ID || del.Type != "invite_deleted" {
		t.Errorf("delete = %s", del.RawJSON())
	}
	_, err = c.Organization.Invites.Get(ctx, first.ID)
	sdkError(t, srv, err, 404, shared.ErrorTypeNotFoundError)

	made, err := c.Organization.Invites.New(ctx, anthropic.OrganizationInviteNewParams{Email: first.Email, Role: "developer"})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "new invite", made)
	if made.Email != first.Email || made.Role != "developer" || made.Status != "pending" || made.ID == first.ID {
		t.Errorf("new invite = %s", made.RawJSON())
	}
	_, err = c.Organization.Invites.New(ctx, anthropic.OrganizationInviteNewParams{Email: "morgan.lee@acme-robotics.example", Role: "user"})
	if apiErr := sdkError(t, srv, err, 400, shared.ErrorTypeInvalidRequestError); apiErr.ErrorCode() != anthropic.ErrorCodeAlreadyMember {
		t.Errorf("error code = %q, want already_member", apiErr.ErrorCode())
	}
}

// Scenario 7: errors come back as the SDK's API error, fully read.
func TestSDKErrors(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	tests := []struct {
		name   string
		call   func() error
		status int
		typ    shared.ErrorType
		in     string // in the message
	}{
		{"missing user", func() error { _, err := c.Organization.Users.Get(ctx, "user_missing"); return err }, 404, shared.ErrorTypeNotFoundError, "user_missing"},
		{"missing workspace", func() error { _, err := c.Organization.Workspaces.Get(ctx, "wrkspc_missing"); return err }, 404, shared.ErrorTypeNotFoundError, "wrkspc_missing"},
		{"limit too big", func() error {
			_, err := c.Organization.Users.List(ctx, anthropic.OrganizationUserListParams{Limit: anthropic.Int(5000)})
			return err
		}, 400, shared.ErrorTypeInvalidRequestError, "limit"},
		{"unknown model", func() error {
			_, err := c.Organization.RateLimits.List(ctx, anthropic.OrganizationRateLimitListParams{Model: anthropic.String("claude-nonexistent")})
			return err
		}, 404, shared.ErrorTypeNotFoundError, "claude-nonexistent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			apiErr := sdkError(t, srv, tt.call(), tt.status, tt.typ)
			if !strings.Contains(apiErr.Message, tt.in) {
				t.Errorf("message %q does not mention %q", apiErr.Message, tt.in)
			}
			if apiErr.ErrorCode() != "" || apiErr.Response == nil || apiErr.Response.Header.Get("Content-Type") != "application/json" {
				t.Errorf("error = %v", apiErr)
			}
		})
	}
	// A wrong key is refused before anything else.
	bad := anthropic.NewClient(option.WithoutEnvironmentDefaults(), option.WithBaseURL(srv.URL),
		option.WithAPIKey("sk-ant-admin01-wrong"), option.WithMaxRetries(0))
	_, err := bad.Organization.Get(ctx)
	sdkError(t, srv, err, 401, shared.ErrorTypeAuthenticationError)
}

// Scenario 8: the organization and its rate limits.
func TestSDKOrganizationAndRateLimits(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()

	org, err := c.Organization.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "organization", org)
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	if org.Name != "Acme Robotics" || org.Type != "organization" || !uuid.MatchString(org.ID) {
		t.Errorf("organization = %s", org.RawJSON())
	}

	pager := c.Organization.RateLimits.ListAutoPaging(ctx, anthropic.OrganizationRateLimitListParams{Limit: anthropic.Int(3)})
	var groups []string
	byName := map[string]anthropic.OrganizationRateLimit{}
	for rl := range pager.All() {
		conform(t, "rate limit "+rl.ID, rl)
		groups = append(groups, rl.Group.Type)
		name := rl.Group.Type
		if g, ok := rl.Group.AsAny().(anthropic.OrganizationRateLimitModelGroup); ok {
			name = g.DisplayName
			if len(rl.Models) == 0 {
				t.Errorf("%s: no models", name)
			}
		} else if rl.JSON.Models.Raw() != "null" {
			t.Errorf("%s: models = %s, want null outside model groups", name, rl.JSON.Models.Raw())
		}
		if !strings.HasPrefix(rl.ID, "rl_") || !strings.HasPrefix(rl.Group.ID, "rlg_") || len(rl.Limits) == 0 {
			t.Errorf("rate limit = %s", rl.RawJSON())
		}
		byName[name] = rl
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	wantGroups := []string{"model_group", "model_group", "model_group", "batch", "token_count", "files", "skills", "web_search"}
	if !slices.Equal(groups, wantGroups) {
		t.Errorf("groups = %v, want %v", groups, wantGroups)
	}
	opus := byName["Claude Opus 4.x"]
	wantOpus := map[string]int64{"requests_per_minute": 4000, "input_tokens_per_minute": 2000000, "output_tokens_per_minute": 400000}
	gotOpus := map[string]int64{}
	for _, l := range opus.Limits {
		gotOpus[l.Type] = l.Value
	}
	if !maps.Equal(gotOpus, wantOpus) || !slices.Contains(opus.Models, "claude-opus-4-6") {
		t.Errorf("Opus limits = %s", opus.RawJSON())
	}
	if b := byName["batch"]; len(b.Limits) != 1 || b.Limits[0].Type != "enqueued_batch_requests" || b.Limits[0].Value != 500000 {
		t.Errorf("batch limits = %s", b.RawJSON())
	}
	reqs := logged(srv, "GET", "/v1/organizations/rate_limits")
	if len(reqs) != 3 || reqs[0].Query.Has("page") || reqs[1].Query.Get("page") == "" || reqs[2].Query.Get("page") == reqs[1].Query.Get("page") {
		t.Errorf("rate limit pages: %v", reqs)
	}

	one, err := c.Organization.RateLimits.List(ctx, anthropic.OrganizationRateLimitListParams{Model: anthropic.String("claude-haiku-4-5")})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "haiku page", one)
	if len(one.Data) != 1 || one.Data[0].Group.DisplayName != "Claude Haiku 4.x" || one.NextPage != "" || one.JSON.NextPage.Raw() != "null" {
		t.Errorf("haiku = %s", one.RawJSON())
	}
}

// A workspace's rate limits: an override set, then listed with what it
// inherits.
func TestSDKWorkspaceRateLimits(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	prod := workspaceIDs(t, c)["Production"]
	org, err := c.Organization.RateLimits.List(ctx, anthropic.OrganizationRateLimitListParams{Model: anthropic.String("claude-sonnet-4-6")})
	if err != nil {
		t.Fatal(err)
	}
	sonnet := org.Data[0].ID

	wl, err := c.Organization.Workspaces.RateLimits.Update(ctx, sonnet, anthropic.OrganizationWorkspaceRateLimitUpdateParams{
		WorkspaceID: prod,
		Limits:      []anthropic.WorkspaceRateLimitUpdateValueParam{{Type: "requests_per_minute", Value: anthropic.Int(1000)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "workspace rate limit", wl)
	if wl.RateLimitID != sonnet || wl.WorkspaceID != prod || len(wl.Limits) != 1 || wl.Limits[0].Value != 1000 ||
		wl.Limits[0].OrgLimit != 4000 || wl.Limits[0].Source.Type != "workspace" {
		t.Errorf("override = %s", wl.RawJSON())
	}

	page, err := c.Organization.Workspaces.RateLimits.List(ctx, prod, anthropic.OrganizationWorkspaceRateLimitListParams{
		IncludeInherited: anthropic.Bool(true), GroupType: "model_group"})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "workspace rate limits", page)
	if len(page.Data) != 3 {
		t.Fatalf("model groups = %d, want 3", len(page.Data))
	}
	sources := map[string]string{}
	for _, e := range page.Data {
		if e.RateLimitID != sonnet {
			continue
		}
		for _, l := range e.Limits {
			sources[l.Type] = l.Source.Type
		}
	}
	want := map[string]string{"requests_per_minute": "workspace", "input_tokens_per_minute": "organization", "output_tokens_per_minute": "organization"}
	if !maps.Equal(sources, want) {
		t.Errorf("Sonnet limit sources = %v, want %v", sources, want)
	}

	cleared, err := c.Organization.Workspaces.RateLimits.Update(ctx, sonnet, anthropic.OrganizationWorkspaceRateLimitUpdateParams{
		WorkspaceID: prod,
		Limits:      []anthropic.WorkspaceRateLimitUpdateValueParam{{Type: "requests_per_minute", Value: param.Null[int64]()}},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantBody(t, srv.Requests()[len(srv.Requests())-1], `{"limits":[{"type":"requests_per_minute","value":null}]}`)
	if len(cleared.Limits) != 0 {
		t.Errorf("after clearing = %s", cleared.RawJSON())
	}
}

// Injected faults carry the retry headers the SDK reads: a 429 with
// retry-after-ms is retried after that wait, and x-should-retry: false stops
// a retry the status alone would allow.
func TestSDKFaults(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := anthropic.NewClient(option.WithoutEnvironmentDefaults(), option.WithBaseURL(srv.URL),
		option.WithAPIKey(srv.AdminKey()), option.WithMaxRetries(2))
	ctx := t.Context()

	srv.Inject(admintest.Fault{Path: "/v1/organizations/me", Status: 429, RetryAfterMs: "1"})
	org, err := c.Organization.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if org.Name != "Acme Robotics" {
		t.Errorf("organization = %s", org.RawJSON())
	}
	reqs := logged(srv, "GET", "/v1/organizations/me")
	if len(reqs) != 2 || reqs[0].Status != 429 || reqs[1].Status != 200 ||
		reqs[0].Header.Get("X-Stainless-Retry-Count") != "0" || reqs[1].Header.Get("X-Stainless-Retry-Count") != "1" {
		t.Errorf("attempts: %+v", reqs)
	}

	srv.ResetRequests()
	srv.Inject(admintest.Fault{Path: "/v1/organizations/me", Status: 503, ShouldRetry: "false"})
	_, err = c.Organization.Get(ctx)
	sdkError(t, srv, err, 503, shared.ErrorTypeAPIError)
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("x-should-retry: false: %d attempts, want 1", n)
	}
}

// Spend limits: the configured limits (a beta the SDK asks for itself), a
// member's limit set and replaced, the effective limits it feeds, and the
// increase requests, each approvable or deniable once.
func TestSDKSpendLimits(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	ids := userIDs(t, c)

	pager := c.Beta.Organization.SpendLimits.ListAutoPaging(ctx, anthropic.BetaOrganizationSpendLimitListParams{Limit: anthropic.Int(2)})
	scopes := map[string]int{}
	for l := range pager.All() {
		conform(t, "spend limit "+l.ID, l)
		scopes[l.Scope.Type]++
		if !strings.HasPrefix(l.ID, "spl_") || l.Currency != "USD" || !l.IsEnabled {
			t.Errorf("spend limit = %s", l.RawJSON())
		}
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	// The demo: the organization's monthly and daily limits, three members'
	// monthly limits, Production's.
	if want := map[string]int{"organization": 2, "user": 3, "workspace": 1}; !maps.Equal(scopes, want) {
		t.Errorf("scopes = %v, want %v", scopes, want)
	}
	reqs := logged(srv, "GET", "/v1/organizations/spend_limits")
	if len(reqs) != 3 || reqs[1].Query.Get("page") == "" || !strings.Contains(reqs[0].Header.Get("Anthropic-Beta"), "spend-limit-reads-2026-09-26") {
		t.Errorf("spend limit pages: %v", reqs)
	}

	grace := ids["Grace Liu"]
	set := func(amount string) *anthropic.BetaSpendLimit {
		t.Helper()
		l, err := c.Beta.Organization.SpendLimits.Set(ctx, anthropic.BetaOrganizationSpendLimitSetParams{
			Amount: anthropic.String(amount), Period: anthropic.BetaSpendLimitPeriodMonthly,
			Scope: anthropic.BetaOrganizationSpendLimitSetParamsScopeUnion{OfUser: &anthropic.BetaSpendLimitUserScopeParam{UserID: grace}},
		})
		if err != nil {
			t.Fatal(err)
		}
		conform(t, "set", l)
		return l
	}
	first, second := set("30000"), set("45000")
	if first.ID != second.ID || second.Amount != "45000" || second.Scope.UserID != grace || second.Period != "monthly" {
		t.Errorf("the second set did not replace the first: %s then %s", first.RawJSON(), second.RawJSON())
	}
	got, err := c.Beta.Organization.SpendLimits.Get(ctx, first.ID)
	if err != nil || got.Amount != "45000" {
		t.Fatalf("get = %v, %v", got, err)
	}
	conform(t, "get", got)

	eff := c.Organization.SpendLimits.Effective.ListAutoPaging(ctx, anthropic.OrganizationSpendLimitEffectiveListParams{
		UserIDs: []string{grace, ids["Ethan Brooks"]}, Period: []anthropic.SpendLimitPeriod{anthropic.SpendLimitPeriodMonthly}})
	sources := map[string]string{}
	for s := range eff.All() {
		conform(t, "effective", s)
		sources[s.Actor.Name] = s.Source.Type + ":" + s.Amount
		if _, ok := s.Actor.AsAny().(anthropic.SpendLimitUserActor); !ok || s.PeriodToDateSpend == "" {
			t.Errorf("effective = %s", s.RawJSON())
		}
	}
	if err := eff.Err(); err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"Grace Liu": "user:45000", "Ethan Brooks": "organization:12000000"}; !maps.Equal(sources, want) {
		t.Errorf("effective sources = %v, want %v", sources, want)
	}

	del, err := c.Beta.Organization.SpendLimits.Delete(ctx, first.ID)
	if err != nil || del.ID != first.ID || del.Type != "spend_limit_deleted" {
		t.Fatalf("delete = %v, %v", del, err)
	}
	conform(t, "delete", del)
	_, err = c.Beta.Organization.SpendLimits.Get(ctx, first.ID)
	sdkError(t, srv, err, 404, "not_found_error")

	irs := c.Organization.SpendLimits.IncreaseRequests.ListAutoPaging(ctx, anthropic.OrganizationSpendLimitIncreaseRequestListParams{
		Status: []anthropic.SpendLimitIncreaseRequestStatus{anthropic.SpendLimitIncreaseRequestStatusPending}, Limit: anthropic.Int(1)})
	var pending []anthropic.SpendLimitIncreaseRequest
	for r := range irs.All() {
		conform(t, "increase request", r)
		pending = append(pending, r)
	}
	if err := irs.Err(); err != nil {
		t.Fatal(err)
	}
	if len(pending) != 2 || pending[0].Actor.Name != "Ravi Patel" || pending[1].Actor.Name != "Aiko Tanaka" {
		t.Fatalf("pending requests (most recent first) = %v", pending)
	}
	one, err := c.Organization.SpendLimits.IncreaseRequests.Get(ctx, pending[1].ID)
	if err != nil || one.Status != "pending" || one.JSON.ResolvedAt.Raw() != "null" {
		t.Fatalf("get = %v, %v", one, err)
	}
	conform(t, "increase request", one)

	approved, err := c.Organization.SpendLimits.IncreaseRequests.Approve(ctx, pending[1].ID, anthropic.OrganizationSpendLimitIncreaseRequestApproveParams{Amount: "40000"})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "approved", approved)
	if approved.Status != "approved" || approved.SpendLimit.Amount != "40000" || approved.SpendLimit.Scope.UserID != ids["Aiko Tanaka"] ||
		approved.SpendSummary.Amount != "40000" || approved.SpendSummary.SpendLimitID != approved.SpendLimit.ID || approved.ResolvedBy.Name != "Morgan Lee" {
		t.Errorf("approved = %s", approved.RawJSON())
	}
	_, err = c.Organization.SpendLimits.IncreaseRequests.Approve(ctx, pending[1].ID, anthropic.OrganizationSpendLimitIncreaseRequestApproveParams{Amount: "50000"})
	sdkError(t, srv, err, 409, "conflict_error")

	denied, err := c.Organization.SpendLimits.IncreaseRequests.Deny(ctx, pending[0].ID, anthropic.OrganizationSpendLimitIncreaseRequestDenyParams{})
	if err != nil || denied.Status != "denied" || denied.ResolvedAt.IsZero() {
		t.Fatalf("deny = %v, %v", denied, err)
	}
	conform(t, "denied", denied)
	_, err = c.Organization.SpendLimits.IncreaseRequests.Deny(ctx, pending[0].ID, anthropic.OrganizationSpendLimitIncreaseRequestDenyParams{})
	sdkError(t, srv, err, 409, "conflict_error")
}

// An organization whose type has no spend limits: the documented 400 with
// its error code.
func TestSDKSpendLimitsUnsupported(t *testing.T) {
	t.Parallel()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithoutSpendLimits())
	t.Cleanup(srv.Close)
	c := sdkClient(srv)
	_, err := c.Organization.SpendLimits.Effective.List(t.Context(), anthropic.OrganizationSpendLimitEffectiveListParams{})
	e := sdkError(t, srv, err, 400, "invalid_request_error")
	if !strings.Contains(e.RawJSON(), `"error_code":"organization_type_not_supported"`) {
		t.Errorf("error = %s", e.RawJSON())
	}
}

// Usage and cost analytics (a beta the SDK asks for itself): rows broken
// out by actor, workspace and product, paged to the end, adding up to the
// day's total; the documented refusals as *anthropic.Error.
func TestSDKAnalyticsUsageAndCost(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	next := day.AddDate(0, 0, 1)

	pager := c.Beta.Organization.Analytics.Cost.ListAutoPaging(ctx, anthropic.BetaOrganizationAnalyticsCostListParams{
		StartingAt: day, EndingAt: anthropic.Time(next), TimeBucketWidth: anthropic.BetaAnalyticsTimeBucketWidthDay, Limit: anthropic.Int(5),
		GroupBy: []anthropic.BetaAnalyticsCostGroupBy{anthropic.BetaAnalyticsCostGroupByActor, anthropic.BetaAnalyticsCostGroupByWorkspaceID, anthropic.BetaAnalyticsCostGroupByProduct},
	})
	var sum admin.Amount
	rows, users := 0, 0
	for r := range pager.All() {
		conform(t, "cost row", r)
		rows++
		a, err := admin.ParseAmount(r.Cost.Amount)
		if err != nil || r.Cost.Currency != "USD" || !r.StartingAt.Equal(day) || !r.EndingAt.Equal(next) || r.Group.WorkspaceID == "" {
			t.Errorf("cost row = %s", r.RawJSON())
		}
		sum = sum.Add(a)
		if u, ok := r.Group.Actor.AsAny().(anthropic.BetaAnalyticsReportUserActor); ok {
			users++
			if !strings.HasPrefix(u.UserID, "user_") || demoUsers[u.Name] == "" {
				t.Errorf("user actor = %s", r.Group.Actor.RawJSON())
			}
		}
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if rows < 10 || users == 0 {
		t.Errorf("%d rows, %d of members", rows, users)
	}
	reqs := logged(srv, "GET", "/v1/organizations/analytics/cost")
	if len(reqs) < 3 || reqs[1].Query.Get("page") == "" || !strings.Contains(reqs[0].Header.Get("Anthropic-Beta"), "analytics-usage-cost-2026-08-24") {
		t.Errorf("cost pages: %v", reqs)
	}
	total, err := c.Beta.Organization.Analytics.Cost.List(ctx, anthropic.BetaOrganizationAnalyticsCostListParams{StartingAt: day, EndingAt: anthropic.Time(next)})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "cost total", total)
	if len(total.Data) != 1 || total.HasMore || admin.MustParseAmount(total.Data[0].Cost.Amount).Cmp(sum) != 0 {
		t.Errorf("the day's total %s is not the sum of its rows %s", total.RawJSON(), sum)
	}

	usage := c.Beta.Organization.Analytics.Usage.ListAutoPaging(ctx, anthropic.BetaOrganizationAnalyticsUsageListParams{
		StartingAt: day, EndingAt: anthropic.Time(next), Limit: anthropic.Int(4),
		GroupBy: []anthropic.BetaAnalyticsUsageGroupBy{anthropic.BetaAnalyticsUsageGroupByModel},
	})
	models := map[string]bool{}
	for r := range usage.All() {
		conform(t, "usage row", r)
		u := r.Usage
		if u.TotalTokens != u.UncachedInputTokens+u.CacheCreation.Ephemeral1hInputTokens+u.CacheCreation.Ephemeral5mInputTokens+u.CacheReadInputTokens+u.OutputTokens {
			t.Errorf("usage row = %s", r.RawJSON())
		}
		models[r.Group.Model] = true
	}
	if err := usage.Err(); err != nil {
		t.Fatal(err)
	}
	if !models["claude-opus-4-6"] || !models["claude-haiku-4-5"] {
		t.Errorf("models = %v", models)
	}

	_, err = c.Beta.Organization.Analytics.Cost.List(ctx, anthropic.BetaOrganizationAnalyticsCostListParams{StartingAt: day.AddDate(0, 0, -40), EndingAt: anthropic.Time(next)})
	sdkError(t, srv, err, 400, "invalid_request_error")
	_, err = c.Beta.Organization.Analytics.Usage.List(ctx, anthropic.BetaOrganizationAnalyticsUsageListParams{StartingAt: day,
		GroupBy: []anthropic.BetaAnalyticsUsageGroupBy{"actor", "model", "product", "speed", "workspace_id", "service_tier"}})
	sdkError(t, srv, err, 400, "invalid_request_error")
}

// The four analytics reports (beta, legacy): buckets and per-member rows
// paged to the end, every field of the type the spec gives; a day's usage
// and cost are the analytics usage and cost figures for it; the documented
// refusals as *anthropic.Error.
func TestSDKAnalyticsReports(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	day := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	next := day.AddDate(0, 0, 1)

	buckets := c.Beta.Organization.Analytics.UsageReport.ListAutoPaging(ctx, anthropic.BetaOrganizationAnalyticsUsageReportListParams{
		StartingAt: day, EndingAt: anthropic.Time(day.AddDate(0, 0, 3)), Limit: anthropic.Int(1),
		BucketWidth: anthropic.BetaOrganizationAnalyticsUsageReportListParamsBucketWidthDay, GroupBy: []string{"model"},
	})
	var starts []time.Time
	var firstDay int64
	for b := range buckets.All() {
		conform(t, "usage bucket", b)
		starts = append(starts, b.StartingAt)
		for _, r := range b.Results {
			if r.Model == "" || r.Speed == "" {
				t.Errorf("usage result = %s", r.RawJSON())
			}
			if b.StartingAt.Equal(day) {
				firstDay += r.UncachedInputTokens + r.CacheCreation.Ephemeral1hInputTokens + r.CacheCreation.Ephemeral5mInputTokens + r.CacheReadInputTokens + r.OutputTokens
			}
		}
	}
	if err := buckets.Err(); err != nil {
		t.Fatal(err)
	}
	if len(starts) != 3 || !starts[0].Equal(day) || !starts[2].Equal(day.AddDate(0, 0, 2)) {
		t.Errorf("bucket starts = %v", starts)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/analytics/usage_report"); len(reqs) != 3 || reqs[2].Query.Get("page") == "" {
		t.Errorf("usage report pages: %v", reqs)
	}
	usage, err := c.Beta.Organization.Analytics.Usage.List(ctx, anthropic.BetaOrganizationAnalyticsUsageListParams{StartingAt: day, EndingAt: anthropic.Time(next)})
	if err != nil {
		t.Fatal(err)
	}
	if len(usage.Data) != 1 || usage.Data[0].Usage.TotalTokens != firstDay || firstDay == 0 {
		t.Errorf("the usage report's day has %d tokens; analytics usage %s", firstDay, usage.RawJSON())
	}

	costs := c.Beta.Organization.Analytics.CostReport.ListAutoPaging(ctx, anthropic.BetaOrganizationAnalyticsCostReportListParams{
		StartingAt: day, EndingAt: anthropic.Time(day.AddDate(0, 0, 2)), Limit: anthropic.Int(1),
		BucketWidth: anthropic.BetaOrganizationAnalyticsCostReportListParamsBucketWidthDay, GroupBy: []string{"cost_type", "token_type"},
	})
	var daySum admin.Amount
	kinds := map[string]bool{}
	for b := range costs.All() {
		conform(t, "cost bucket", b)
		for _, r := range b.Results {
			kinds[string(r.CostType)] = true
			if r.Currency != "USD" || (r.CostType == "tokens") != (r.TokenType != "") {
				t.Errorf("cost result = %s", r.RawJSON())
			}
			if b.StartingAt.Equal(day) {
				daySum = daySum.Add(admin.MustParseAmount(r.Amount))
			}
		}
	}
	if err := costs.Err(); err != nil {
		t.Fatal(err)
	}
	if !kinds["tokens"] || !kinds["web_search"] {
		t.Errorf("cost types = %v", kinds)
	}
	cost, err := c.Beta.Organization.Analytics.Cost.List(ctx, anthropic.BetaOrganizationAnalyticsCostListParams{StartingAt: day, EndingAt: anthropic.Time(next)})
	if err != nil {
		t.Fatal(err)
	}
	if len(cost.Data) != 1 || daySum.Cmp(admin.MustParseAmount(cost.Data[0].Cost.Amount)) != 0 {
		t.Errorf("the cost report's day %s is not analytics cost's %s", daySum, cost.RawJSON())
	}

	members := c.Beta.Organization.Analytics.UserUsageReport.ListAutoPaging(ctx, anthropic.BetaOrganizationAnalyticsUserUsageReportListParams{
		StartingAt: day, EndingAt: anthropic.Time(next), Limit: anthropic.Int(2),
	})
	var memberTokens int64
	rows := 0
	for r := range members.All() {
		conform(t, "user usage row", r)
		rows++
		u := r.Actor.AsUserActor()
		if !strings.HasPrefix(u.UserID, "user_") || (!u.Deleted && demoUsers[u.Name] == "") ||
			r.TotalTokens != r.UncachedInputTokens+r.CacheCreation.Ephemeral1hInputTokens+r.CacheCreation.Ephemeral5mInputTokens+r.CacheReadInputTokens+r.OutputTokens {
			t.Errorf("user usage row = %s", r.RawJSON())
		}
		memberTokens += r.TotalTokens
	}
	if err := members.Err(); err != nil {
		t.Fatal(err)
	}
	if rows < 3 || memberTokens == 0 || memberTokens > firstDay {
		t.Errorf("%d member rows with %d tokens, of the day's %d", rows, memberTokens, firstDay)
	}

	memberCosts := c.Beta.Organization.Analytics.UserCostReport.ListAutoPaging(ctx, anthropic.BetaOrganizationAnalyticsUserCostReportListParams{
		StartingAt: day, EndingAt: anthropic.Time(next), Limit: anthropic.Int(2), BucketWidth: anthropic.BetaOrganizationAnalyticsUserCostReportListParamsBucketWidthDay,
		OrderBy: anthropic.BetaOrganizationAnalyticsUserCostReportListParamsOrderByListAmount, Order: anthropic.BetaOrganizationAnalyticsUserCostReportListParamsOrderAsc,
	})
	var prev admin.Amount
	rows = 0
	for r := range memberCosts.All() {
		conform(t, "user cost row", r)
		a := admin.MustParseAmount(r.ListAmount)
		if rows > 0 && a.Cmp(prev) < 0 || r.Currency != "USD" || !r.StartingAt.Equal(day) || !r.EndingAt.Equal(next) {
			t.Errorf("user cost row = %s, after %s", r.RawJSON(), prev)
		}
		prev = a
		rows++
	}
	if err := memberCosts.Err(); err != nil {
		t.Fatal(err)
	}
	if rows < 3 {
		t.Errorf("%d member cost rows", rows)
	}

	_, err = c.Beta.Organization.Analytics.CostReport.List(ctx, anthropic.BetaOrganizationAnalyticsCostReportListParams{StartingAt: day, GroupBy: []string{"actor"}})
	sdkError(t, srv, err, 400, "invalid_request_error")
	_, err = c.Beta.Organization.Analytics.UserUsageReport.List(ctx, anthropic.BetaOrganizationAnalyticsUserUsageReportListParams{StartingAt: day,
		EndingAt: anthropic.Time(day.AddDate(0, 0, 2)), BucketWidth: "1m"})
	sdkError(t, srv, err, 400, "invalid_request_error")
}

// A day's artifacts through the SDK: the ungrouped cube in one page, the
// break-out by member paged to the end and adding up to it, the fields of
// the SDK's type all filled; the documented refusals as *anthropic.Error.
func TestSDKAnalyticsArtifacts(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)

	cube, err := c.Organization.Analytics.Artifacts.List(ctx, anthropic.OrganizationAnalyticsArtifactListParams{Date: day})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "artifact cube", cube)
	if len(cube.Data) < 4 || cube.NextPage != "" {
		t.Fatalf("cube = %s", cube.RawJSON())
	}
	total := int64(0)
	for _, r := range cube.Data {
		total += r.ArtifactsCreatedCount
	}
	pager := c.Organization.Analytics.Artifacts.ListAutoPaging(ctx, anthropic.OrganizationAnalyticsArtifactListParams{
		Date: day, Limit: anthropic.Int(3), GroupBy: []anthropic.AnalyticsArtifactGroupBy{"user_id", "product"}})
	rows := 0
	for r := range pager.All() {
		conform(t, "artifact row", r)
		rows++
		total -= r.ArtifactsCreatedCount
		if !strings.HasPrefix(r.UserID, "user_") || r.Product == "" || r.DistinctUserCount != 1 || r.PublishedArtifactsCreatedCount > r.ArtifactsCreatedCount {
			t.Errorf("artifact row = %s", r.RawJSON())
		}
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/analytics/artifacts"); len(reqs) < 3 || reqs[2].Query.Get("page") == "" {
		t.Errorf("artifact pages: %v", reqs)
	}
	if rows < 4 || total != 0 {
		t.Errorf("%d rows; the break-out differs from the cube by %d", rows, total)
	}

	_, err = c.Organization.Analytics.Artifacts.List(ctx, anthropic.OrganizationAnalyticsArtifactListParams{Date: day, Filter: []string{"model:claude-opus-4-6"}})
	sdkError(t, srv, err, 400, "invalid_request_error")
	_, err = c.Organization.Analytics.Artifacts.List(ctx, anthropic.OrganizationAnalyticsArtifactListParams{Date: time.Now().UTC().AddDate(1, 0, 0)})
	sdkError(t, srv, err, 400, "invalid_request_error")
}

// A week of plugin use through the SDK, rolled up and ranked by
// invocations over pages, agrees with the week's days asked one by one.
func TestSDKAnalyticsPlugins(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	start := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)

	calls := map[string]int64{}
	for d := range 7 {
		page, err := c.Organization.Analytics.Plugins.List(ctx, anthropic.OrganizationAnalyticsPluginListParams{Date: anthropic.Time(start.AddDate(0, 0, d))})
		if err != nil {
			t.Fatal(err)
		}
		conform(t, "plugin day", page)
		for _, r := range page.Data {
			calls[r.PluginID] += r.InvocationCount
		}
	}
	pager := c.Organization.Analytics.Plugins.ListAutoPaging(ctx, anthropic.OrganizationAnalyticsPluginListParams{
		StartingDate: anthropic.Time(start), EndingDate: anthropic.Time(start.AddDate(0, 0, 7)), OrderBy: anthropic.String("invocation_count"), Limit: anthropic.Int(2)})
	rows, last := 0, int64(-1)
	for r := range pager.All() {
		conform(t, "plugin week", r)
		rows++
		if r.InvocationCount != calls[r.PluginID] || r.ClaudeCodeMetrics.DistinctSessionPluginUsedCount+r.CoworkMetrics.DistinctSessionPluginUsedCount == 0 ||
			(last >= 0 && r.InvocationCount > last) || !strings.Contains(r.PluginID, r.PluginName+"@") {
			t.Errorf("plugin week row = %s (the days had %d calls)", r.RawJSON(), calls[r.PluginID])
		}
		last = r.InvocationCount
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/analytics/plugins"); rows != len(calls) || rows < 3 || reqs[len(reqs)-1].Query.Get("page") == "" {
		t.Errorf("%d plugins over the week, %d over its days; requests %v", rows, len(calls), reqs)
	}

	_, err := c.Organization.Analytics.Plugins.List(ctx, anthropic.OrganizationAnalyticsPluginListParams{Date: anthropic.Time(start), StartingDate: anthropic.Time(start)})
	sdkError(t, srv, err, 400, "invalid_request_error")
	_, err = c.Organization.Analytics.Plugins.List(ctx, anthropic.OrganizationAnalyticsPluginListParams{Date: anthropic.Time(start), OrderBy: anthropic.String("tokens")})
	sdkError(t, srv, err, 400, "invalid_request_error")
}

// Skills through the SDK: a week's rows ranked by invocations over pages,
// every field of the SDK's type filled, money as decimal strings.
func TestSDKAnalyticsSkills(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	start := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	pager := c.Organization.Analytics.Skills.ListAutoPaging(ctx, anthropic.OrganizationAnalyticsSkillListParams{
		StartingDate: anthropic.Time(start), EndingDate: anthropic.Time(start.AddDate(0, 0, 7)), OrderBy: anthropic.String("invocation_count"),
		Limit: anthropic.Int(2), GroupBy: []anthropic.AnalyticsSkillGroupBy{"user_id"}})
	rows, last := 0, int64(-1)
	for r := range pager.All() {
		conform(t, "skill row", r)
		rows++
		if _, err := admin.ParseAmount(r.AttributedListPrice); err != nil || r.Currency != "USD" || !strings.HasPrefix(r.UserID, "user_") ||
			(last >= 0 && r.InvocationCount > last) || r.ShareStatus == "" {
			t.Errorf("skill row = %s", r.RawJSON())
		}
		last = r.InvocationCount
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/analytics/skills"); rows < 5 || len(reqs) < 3 {
		t.Errorf("%d rows in %d requests", rows, len(reqs))
	}
	_, err := c.Organization.Analytics.Skills.List(ctx, anthropic.OrganizationAnalyticsSkillListParams{Date: anthropic.Time(start), Filter: []string{"model:x"}})
	sdkError(t, srv, err, 400, "invalid_request_error")
}

// Chat projects through the SDK: the busiest projects of a week over pages,
// their creators members of the organization.
func TestSDKAnalyticsChatProjects(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	start := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	pager := c.Organization.Analytics.Apps.Chat.Projects.ListAutoPaging(ctx, anthropic.OrganizationAnalyticsAppChatProjectListParams{
		StartingDate: anthropic.Time(start), EndingDate: anthropic.Time(start.AddDate(0, 0, 7)), OrderBy: anthropic.String("message_count"), Limit: anthropic.Int(2)})
	rows, last := 0, int64(-1)
	for r := range pager.All() {
		conform(t, "project row", r)
		rows++
		if !strings.HasPrefix(r.CreatedBy.ID, "user_") || !strings.Contains(r.CreatedBy.EmailAddress, "@acme-robotics.example") ||
			(last >= 0 && r.MessageCount > last) || r.DistinctUserCount < 1 || r.CreatedAt.IsZero() {
			t.Errorf("project row = %s", r.RawJSON())
		}
		last = r.MessageCount
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/analytics/apps/chat/projects"); rows < 3 || len(reqs) < 2 {
		t.Errorf("%d rows in %d requests", rows, len(reqs))
	}
	_, err := c.Organization.Analytics.Apps.Chat.Projects.List(ctx, anthropic.OrganizationAnalyticsAppChatProjectListParams{Date: anthropic.Time(start),
		GroupBy: []anthropic.AnalyticsProjectGroupBy{"product"}})
	sdkError(t, srv, err, 400, "invalid_request_error")
}

// Connectors through the SDK: a week broken out by product over pages,
// every field of the SDK's type filled, managed-auth counts null.
func TestSDKAnalyticsConnectors(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	start := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	pager := c.Organization.Analytics.Connectors.ListAutoPaging(ctx, anthropic.OrganizationAnalyticsConnectorListParams{
		StartingDate: anthropic.Time(start), EndingDate: anthropic.Time(start.AddDate(0, 0, 7)), Limit: anthropic.Int(3),
		GroupBy: []anthropic.AnalyticsConnectorGroupBy{"product"}})
	rows := 0
	for r := range pager.All() {
		conform(t, "connector row", r)
		rows++
		if r.Product == "" || r.DistinctUserCount < 1 || r.ReadCallCount+r.WriteCallCount+r.UnclassifiedCallCount == 0 || r.JSON.ManagedAuthDistinctUserCount.Raw() != "null" {
			t.Errorf("connector row = %s", r.RawJSON())
		}
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/analytics/connectors"); rows < 6 || len(reqs) < 2 {
		t.Errorf("%d rows in %d requests", rows, len(reqs))
	}
	_, err := c.Organization.Analytics.Connectors.List(ctx, anthropic.OrganizationAnalyticsConnectorListParams{StartingDate: anthropic.Time(start),
		EndingDate: anthropic.Time(start.AddDate(0, 0, 400))})
	sdkError(t, srv, err, 400, "invalid_request_error")
}

// Per-member activity through the SDK: a week rolled up, three rows a page,
// each member once, Claude Code figures present for the developers.
func TestSDKAnalyticsUsers(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	start := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	pager := c.Organization.Analytics.Users.ListAutoPaging(ctx, anthropic.OrganizationAnalyticsUserListParams{
		StartingDate: anthropic.Time(start), EndingDate: anthropic.Time(start.AddDate(0, 0, 7)), Limit: anthropic.Int(3)})
	seen, coders := map[string]bool{}, 0
	for r := range pager.All() {
		conform(t, "user activity row", r)
		if seen[r.User.ID] || r.User.EmailAddress == "" || r.DistinctUserCount != 1 || r.LastActivityDate.IsZero() {
			t.Errorf("user activity row = %s", r.RawJSON())
		}
		seen[r.User.ID] = true
		if r.ClaudeCodeMetrics.CoreMetrics.DistinctSessionCount > 0 && r.ClaudeCodeMetrics.CoreMetrics.LinesOfCode.AddedCount > 0 {
			coders++
		}
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/analytics/users"); len(seen) < 6 || coders < 2 || len(reqs) < 2 {
		t.Errorf("%d members (%d with Claude Code) in %d requests", len(seen), coders, len(reqs))
	}
	_, err := c.Organization.Analytics.Users.List(ctx, anthropic.OrganizationAnalyticsUserListParams{Date: anthropic.Time(start),
		GroupBy: []anthropic.AnalyticsUserGroupBy{"product"}})
	sdkError(t, srv, err, 400, "invalid_request_error")
}

// Summaries through the SDK: two weeks, a row per day in one page, the
// adoption rates the active counts over the seats.
func TestSDKAnalyticsSummaries(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	pager := c.Organization.Analytics.Summaries.ListAutoPaging(ctx, anthropic.OrganizationAnalyticsSummaryListParams{
		StartingDate: start, EndingDate: anthropic.Time(start.AddDate(0, 0, 14))})
	rows := 0
	for r := range pager.All() {
		conform(t, "summary", r)
		if !r.StartingAt.Equal(start.AddDate(0, 0, rows)) || r.AssignedSeatCount == 0 ||
			r.DailyAdoptionRate > float64(r.DailyActiveUserCount)/float64(r.AssignedSeatCount) || r.MonthlyActiveUserCount < r.WeeklyActiveUserCount {
			t.Errorf("summary = %s", r.RawJSON())
		}
		rows++
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/analytics/summaries"); rows != 14 || len(reqs) != 1 {
		t.Errorf("%d days in %d requests", rows, len(reqs))
	}
	_, err := c.Organization.Analytics.Summaries.List(ctx, anthropic.OrganizationAnalyticsSummaryListParams{StartingDate: start, Filter: []string{"user_id:user_x"}})
	sdkError(t, srv, err, 400, "invalid_request_error")
}
