package conformance

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
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
	return sdkClientWith(srv, option.WithAPIKey(srv.AdminKey()))
}

// sdkClientWith points the official SDK at the fake with a credential.
func sdkClientWith(srv *admintest.Server, cred option.RequestOption) anthropic.Client {
	return anthropic.NewClient(
		option.WithoutEnvironmentDefaults(), // nothing from the developer's environment or profile
		option.WithBaseURL(srv.URL),
		cred,
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

// Plugins: the Demo's Plugins and marketplaces, a Plugin uploaded as loose
// files and a second version, the first pinned and downloaded, an
// installation setting set and removed, a member's shares, marketplace
// validation, and the delete.
func TestSDKPlugins(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()

	pager := c.Beta.Organization.Plugins.ListAutoPaging(ctx, anthropic.BetaOrganizationPluginListParams{Limit: anthropic.Int(1)})
	names := map[string]string{}
	for p := range pager.All() {
		conform(t, "plugin "+p.ID, p)
		names[p.Name] = p.ID
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if len(names) != 3 || names["review-pr"] == "" || names["jonas-snippets"] == "" || names["incident-runbook"] == "" {
		t.Errorf("demo plugins = %v", names)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/plugins"); len(reqs) != 3 || !strings.Contains(reqs[0].Header.Get("Anthropic-Beta"), "ce-plugins-2026-09-01") {
		t.Errorf("plugin pages: %d requests", len(reqs))
	}

	file := func(name, text string) io.Reader {
		return anthropic.File(strings.NewReader(text), name, "application/octet-stream")
	}
	created, err := c.Beta.Organization.Plugins.New(ctx, anthropic.BetaOrganizationPluginNewParams{
		Files:        []io.Reader{file(".claude-plugin/plugin.json", `{"name": "sdk-plugin", "version": "1.0.0"}`), file("commands/hello.md", "---\ndescription: Says hello.\n---\n")},
		ReleaseNotes: anthropic.String("From the SDK."),
	})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "created", created)
	if created.Name != "sdk-plugin" || created.ManifestVersion != "1.0.0" || created.ServedVersionID != created.LatestVersionID ||
		len(created.Components) != 1 || created.Components[0].Name != "hello" || created.Owner.Type != "organization" {
		t.Errorf("created = %s", created.RawJSON())
	}
	got, err := c.Beta.Organization.Plugins.Get(ctx, created.ID, anthropic.BetaOrganizationPluginGetParams{})
	if err != nil || got.ID != created.ID {
		t.Fatalf("get = %v, %v", got, err)
	}
	conform(t, "get", got)
	v2, err := c.Beta.Organization.Plugins.Versions.New(ctx, created.ID, anthropic.BetaOrganizationPluginVersionNewParams{
		Files: []io.Reader{file(".claude-plugin/plugin.json", `{"name": "sdk-plugin", "version": "2.0.0"}`)}})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "version", v2)
	latest, err := c.Beta.Organization.Plugins.Versions.Get(ctx, "latest", anthropic.BetaOrganizationPluginVersionGetParams{PluginID: created.ID})
	if err != nil || latest.ID != v2.ID || latest.ManifestVersion != "2.0.0" {
		t.Fatalf("latest = %v, %v", latest, err)
	}
	conform(t, "latest", latest)
	versions := c.Beta.Organization.Plugins.Versions.ListAutoPaging(ctx, created.ID, anthropic.BetaOrganizationPluginVersionListParams{Limit: anthropic.Int(1)})
	var order []string
	for v := range versions.All() {
		conform(t, "version "+v.ID, v)
		order = append(order, v.ID)
	}
	if err := versions.Err(); err != nil || len(order) != 2 || order[0] != v2.ID || order[1] != created.ServedVersionID {
		t.Errorf("versions = %v, %v", order, err)
	}
	pinned, err := c.Beta.Organization.Plugins.Update(ctx, created.ID, anthropic.BetaOrganizationPluginUpdateParams{ServedVersionID: created.ServedVersionID})
	if err != nil || !pinned.ServedVersionPinned || pinned.ServedVersionID != created.ServedVersionID {
		t.Fatalf("pin = %v, %v", pinned, err)
	}
	conform(t, "pinned", pinned)

	resp, err := c.Beta.Organization.Plugins.Versions.Download(ctx, created.ServedVersionID, anthropic.BetaOrganizationPluginVersionDownloadParams{PluginID: created.ID})
	if err != nil {
		t.Fatal(err)
	}
	archive, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil || len(zr.File) != 2 || zr.File[0].Name != ".claude-plugin/plugin.json" || zr.File[1].Name != "commands/hello.md" {
		t.Fatalf("download: %v, %v", zr, err)
	}
	if dl := logged(srv, "GET", "/v1/organizations/plugins/"+created.ID+"/versions/"+created.ServedVersionID+"/content"); len(dl) != 1 || dl[0].Header.Get("Accept") != "application/binary" {
		t.Errorf("download requests: %v", dl)
	}

	set, err := c.Beta.Organization.Plugins.InstallationSettings.Set(ctx, "organization", anthropic.BetaOrganizationPluginInstallationSettingSetParams{
		PluginID: created.ID, InstallationPreference: "required"})
	if err != nil || set.InstallationPreference != "required" || set.Target.Type != "organization" {
		t.Fatalf("set = %v, %v", set, err)
	}
	conform(t, "setting", set)
	settings := c.Beta.Organization.Plugins.InstallationSettings.ListAutoPaging(ctx, created.ID, anthropic.BetaOrganizationPluginInstallationSettingListParams{})
	n := 0
	for s := range settings.All() {
		conform(t, "setting", s)
		n++
	}
	if err := settings.Err(); err != nil || n != 1 {
		t.Errorf("settings: %d, %v", n, err)
	}
	removed, err := c.Beta.Organization.Plugins.InstallationSettings.Remove(ctx, "organization", anthropic.BetaOrganizationPluginInstallationSettingRemoveParams{PluginID: created.ID})
	if err != nil || removed.PluginID != created.ID || removed.Target.Type != "organization" {
		t.Fatalf("remove = %v, %v", removed, err)
	}
	conform(t, "removed", removed)

	shares := c.Beta.Organization.Plugins.Shares.ListAutoPaging(ctx, names["jonas-snippets"], anthropic.BetaOrganizationPluginShareListParams{})
	var targets []string
	for s := range shares.All() {
		conform(t, "share", s)
		targets = append(targets, s.Target.Type)
	}
	if err := shares.Err(); err != nil || !slices.Equal(targets, []string{"organization", "organization_member"}) {
		t.Errorf("shares (most recent first) = %v, %v", targets, err)
	}

	markets := c.Beta.Organization.PluginMarketplaces.ListAutoPaging(ctx, anthropic.BetaOrganizationPluginMarketplaceListParams{OwnerType: "organization"})
	var library string
	for m := range markets.All() {
		conform(t, "marketplace "+m.ID, m)
		if m.Source == "manual" {
			library = m.ID
		}
	}
	if err := markets.Err(); err != nil || library == "" {
		t.Fatalf("organization marketplaces: %q, %v", library, err)
	}
	m, err := c.Beta.Organization.PluginMarketplaces.Get(ctx, library, anthropic.BetaOrganizationPluginMarketplaceGetParams{})
	if err != nil || m.Name != "acme-library" {
		t.Fatalf("marketplace = %v, %v", m, err)
	}
	conform(t, "marketplace", m)
	m, err = c.Beta.Organization.PluginMarketplaces.Update(ctx, library, anthropic.BetaOrganizationPluginMarketplaceUpdateParams{DefaultInstallationPreference: "not_available"})
	if err != nil || m.DefaultInstallationPreference != "not_available" {
		t.Fatalf("marketplace update = %v, %v", m, err)
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for name, text := range map[string]string{
		"repo-main/.claude-plugin/marketplace.json": `{"plugins": [{"name": "p", "source": "./p"}]}`, "repo-main/p/.claude-plugin/plugin.json": `{"name": "p"}`} {
		w, _ := zw.Create(name)
		io.WriteString(w, text)
	}
	zw.Close()
	rep, err := c.Beta.Organization.PluginMarketplaces.ValidateArchive(ctx, anthropic.BetaOrganizationPluginMarketplaceValidateArchiveParams{
		Archive: anthropic.File(&zbuf, "marketplace.zip", "application/zip")})
	if err != nil || !rep.Valid || rep.TotalPluginCount != 1 {
		t.Fatalf("archive report = %v, %v", rep, err)
	}
	conform(t, "archive report", rep)
	rep, err = c.Beta.Organization.PluginMarketplaces.ValidateRepository(ctx, anthropic.BetaOrganizationPluginMarketplaceValidateRepositoryParams{
		RepositoryURL: "https://github.com/acme-robotics/claude-plugins"})
	if err != nil || rep.Valid || rep.Ref != "main" || len(rep.PluginErrors) != 1 || rep.PluginErrors[0].Name != "broken" {
		t.Fatalf("repository report = %v, %v", rep, err)
	}
	conform(t, "repository report", rep)

	del, err := c.Beta.Organization.Plugins.Delete(ctx, created.ID, anthropic.BetaOrganizationPluginDeleteParams{})
	if err != nil || del.ID != created.ID || del.Type != "plugin_deleted" {
		t.Fatalf("delete = %v, %v", del, err)
	}
	conform(t, "deleted", del)
	_, err = c.Beta.Organization.Plugins.Get(ctx, created.ID, anthropic.BetaOrganizationPluginGetParams{})
	sdkError(t, srv, err, 404, "not_found_error")
}

// Claude Tag: the Demo's Bundles, Slack workspace and channels; a channel
// set up, read with what it inherits, changed, a Bundle attached to it and
// detached, and the channel removed.
func TestSDKClaudeTag(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()

	bundles := c.Beta.Organization.ClaudeTag.Bundles.ListAutoPaging(ctx, anthropic.BetaOrganizationClaudeTagBundleListParams{Limit: anthropic.Int(1)})
	byName := map[string]string{}
	for b := range bundles.All() {
		conform(t, "bundle "+b.ID, b)
		byName[b.DisplayName] = b.ID
	}
	if err := bundles.Err(); err != nil || len(byName) != 2 {
		t.Fatalf("bundles = %v, %v", byName, err)
	}
	eng := byName["Platform Engineering"]
	b, err := c.Beta.Organization.ClaudeTag.Bundles.Get(ctx, eng, anthropic.BetaOrganizationClaudeTagBundleGetParams{})
	if err != nil || !strings.HasPrefix(b.ID, "capp_") {
		t.Fatalf("bundle = %v, %v", b, err)
	}
	conform(t, "bundle", b)
	b, err = c.Beta.Organization.ClaudeTag.Bundles.Update(ctx, eng, anthropic.BetaOrganizationClaudeTagBundleUpdateParams{Instructions: anthropic.String("Link the runbook.")})
	if err != nil || b.Instructions != "Link the runbook." {
		t.Fatalf("bundle update = %v, %v", b, err)
	}
	_, err = c.Beta.Organization.ClaudeTag.Bundles.Update(ctx, byName["On-Call"], anthropic.BetaOrganizationClaudeTagBundleUpdateParams{Instructions: anthropic.String("x")})
	if e := sdkError(t, srv, err, 400, "invalid_request_error"); e != nil && !strings.Contains(e.RawJSON(), "bundle_on_call") {
		t.Errorf("on-call bundle: %s", e.RawJSON())
	}

	workspaces := c.Beta.Organization.ClaudeTag.SlackWorkspaces.ListAutoPaging(ctx, anthropic.BetaOrganizationClaudeTagSlackWorkspaceListParams{})
	var ws anthropic.BetaClaudeTagSlackWorkspace
	for w := range workspaces.All() {
		conform(t, "workspace", w)
		ws = w
	}
	if err := workspaces.Err(); err != nil || ws.Slack.WorkspaceID != "T0123ABCD" {
		t.Fatalf("workspaces: %v, %v", ws, err)
	}
	w, err := c.Beta.Organization.ClaudeTag.SlackWorkspaces.Get(ctx, ws.ID, anthropic.BetaOrganizationClaudeTagSlackWorkspaceGetParams{IncludeInherited: anthropic.Bool(true)})
	if err != nil || !w.Settings.Enabled || w.Sources.Enabled.Type != "slack_default" || w.Settings.Model != "claude-opus-4-1" {
		t.Fatalf("inherited workspace = %v, %v", w.RawJSON(), err)
	}
	conform(t, "workspace", w)
	w, err = c.Beta.Organization.ClaudeTag.SlackWorkspaces.Update(ctx, ws.ID, anthropic.BetaOrganizationClaudeTagSlackWorkspaceUpdateParams{
		Settings: anthropic.BetaClaudeTagSettingsUpdateParam{Model: anthropic.String("claude-sonnet-4-5")}})
	if err != nil || w.Settings.Model != "claude-sonnet-4-5" || w.Sources.Model.Type != "slack_workspace" {
		t.Fatalf("workspace update = %v, %v", w, err)
	}

	ch, err := c.Beta.Organization.ClaudeTag.SlackChannels.New(ctx, anthropic.BetaOrganizationClaudeTagSlackChannelNewParams{
		Slack: anthropic.BetaClaudeTagSlackChannelIdentifiersParam{ChannelID: "C0SDK", WorkspaceID: ws.Slack.WorkspaceID},
		Settings: anthropic.BetaClaudeTagSettingsCreateParam{Instructions: anthropic.String("Reply in threads."),
			ReplyMode: anthropic.BetaClaudeTagReplyModeUnionParam{OfThread: &anthropic.BetaClaudeTagReplyModeThreadParam{}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "channel", ch)
	if !strings.HasPrefix(ch.ID, "slch_") || ch.Settings.ReplyMode.Type != "thread" || ch.Settings.Instructions != "Reply in threads." {
		t.Errorf("channel = %s", ch.RawJSON())
	}
	in, err := c.Beta.Organization.ClaudeTag.SlackChannels.Get(ctx, ch.ID, anthropic.BetaOrganizationClaudeTagSlackChannelGetParams{IncludeInherited: anthropic.Bool(true)})
	if err != nil || in.Settings.Model != "claude-sonnet-4-5" || len(in.Sources.Instructions) != 2 || in.Sources.ReplyMode.Type != "slack_channel" {
		t.Fatalf("inherited channel = %v, %v", in.RawJSON(), err)
	}
	conform(t, "inherited channel", in)
	up, err := c.Beta.Organization.ClaudeTag.SlackChannels.Update(ctx, ch.ID, anthropic.BetaOrganizationClaudeTagSlackChannelUpdateParams{
		Settings: anthropic.BetaClaudeTagSettingsUpdateParam{GuestPolicy: anthropic.BetaClaudeTagGuestPolicyUnionParam{OfAllow: &anthropic.BetaClaudeTagGuestPolicyAllowParam{}}}})
	if err != nil || up.Settings.GuestPolicy.Type != "allow" {
		t.Fatalf("channel update = %v, %v", up, err)
	}
	conform(t, "updated channel", up)
	channels := c.Beta.Organization.ClaudeTag.SlackChannels.ListAutoPaging(ctx, anthropic.BetaOrganizationClaudeTagSlackChannelListParams{SlackWorkspaceID: ws.Slack.WorkspaceID, Limit: anthropic.Int(1)})
	var ids []string
	for x := range channels.All() {
		conform(t, "channel "+x.ID, x)
		ids = append(ids, x.ID)
	}
	if err := channels.Err(); err != nil || len(ids) != 3 || ids[0] != ch.ID {
		t.Errorf("channels (newest first) = %v, %v", ids, err)
	}

	target, err := c.Beta.Organization.ClaudeTag.Bundles.Targets.New(ctx, eng, anthropic.BetaOrganizationClaudeTagBundleTargetNewParams{
		Target: anthropic.BetaClaudeTagBundleTargetCreateParamOfSlackChannel(ch.ID)})
	if err != nil || target.Type != "slack_channel" || target.SlackChannelID != ch.ID || !strings.HasPrefix(target.ID, "btgt_") {
		t.Fatalf("attach = %v, %v", target, err)
	}
	conform(t, "target", target)
	again, err := c.Beta.Organization.ClaudeTag.Bundles.Targets.Get(ctx, target.ID, anthropic.BetaOrganizationClaudeTagBundleTargetGetParams{BundleID: eng})
	if err != nil || again.ID != target.ID {
		t.Fatalf("get target = %v, %v", again, err)
	}
	targets := c.Beta.Organization.ClaudeTag.Bundles.Targets.ListAutoPaging(ctx, eng, anthropic.BetaOrganizationClaudeTagBundleTargetListParams{})
	n := 0
	for x := range targets.All() {
		conform(t, "target "+x.ID, x)
		n++
	}
	if err := targets.Err(); err != nil || n != 3 {
		t.Errorf("targets = %d, %v", n, err)
	}
	gone, err := c.Beta.Organization.ClaudeTag.Bundles.Targets.Delete(ctx, target.ID, anthropic.BetaOrganizationClaudeTagBundleTargetDeleteParams{BundleID: eng})
	if err != nil || gone.ID != target.ID || gone.Type != "bundle_target_deleted" {
		t.Fatalf("detach = %v, %v", gone, err)
	}
	conform(t, "detached", gone)
	removed, err := c.Beta.Organization.ClaudeTag.SlackChannels.Delete(ctx, ch.ID, anthropic.BetaOrganizationClaudeTagSlackChannelDeleteParams{})
	if err != nil || removed.ID != ch.ID || removed.Type != "slack_channel_deleted" {
		t.Fatalf("remove = %v, %v", removed, err)
	}
	conform(t, "removed channel", removed)
	_, err = c.Beta.Organization.ClaudeTag.SlackChannels.Get(ctx, ch.ID, anthropic.BetaOrganizationClaudeTagSlackChannelGetParams{})
	sdkError(t, srv, err, 404, "not_found_error")
}

// Webhooks: the demo's endpoints paged by ID (a beta the SDK asks for
// itself), an endpoint made with its signing secret, which verifies a
// delivery the fake signs and changes when regenerated, updated, disabled
// and deleted.
func TestSDKWebhooks(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()

	created, err := c.Beta.Organization.Webhooks.New(ctx, anthropic.BetaOrganizationWebhookNewParams{
		URL: "https://hooks.example/anthropic", Name: anthropic.String("sdk"), EnabledEvents: []string{"external_key.failed", "external_key.recovered"}})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "new", created)
	if !strings.HasPrefix(created.SigningSecret, "whsec_") || created.State != anthropic.BetaOrganizationWebhookEndpointStateEnabled || created.Name != "sdk" {
		t.Errorf("new = %s", created.RawJSON())
	}
	if _, err := admin.NewWebhookVerifier(created.SigningSecret); err != nil {
		t.Errorf("the SDK's secret does not read as a signing secret: %v", err)
	}

	pager := c.Beta.Organization.Webhooks.ListAutoPaging(ctx, anthropic.BetaOrganizationWebhookListParams{Limit: anthropic.Int(1)})
	var names []string
	for w := range pager.All() {
		conform(t, "webhook "+w.ID, w)
		names = append(names, w.Name)
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	// Newest first: the new one, then the demo's key and storage alerts.
	if want := []string{"sdk", "key-alerts", "storage-alerts"}; !slices.Equal(names, want) {
		t.Errorf("webhooks = %v, want %v", names, want)
	}
	reqs := logged(srv, "GET", "/v1/organizations/webhooks")
	if len(reqs) < 3 || reqs[1].Query.Get("after_id") == "" || !strings.Contains(reqs[0].Header.Get("Anthropic-Beta"), admin.BetaWebhooks) {
		t.Errorf("webhook pages: %v", reqs)
	}

	updated, err := c.Beta.Organization.Webhooks.Update(ctx, created.ID, anthropic.BetaOrganizationWebhookUpdateParams{
		Description: anthropic.String("from the SDK"), State: anthropic.BetaOrganizationWebhookUpdateParamsStateDisabled})
	if err != nil || updated.Description != "from the SDK" || updated.State != "disabled" || updated.Name != "sdk" {
		t.Fatalf("update = %v, %v", updated, err)
	}
	conform(t, "update", updated)
	got, err := c.Beta.Organization.Webhooks.Get(ctx, created.ID, anthropic.BetaOrganizationWebhookGetParams{})
	if err != nil || got.State != "disabled" || strings.Contains(got.RawJSON(), "whsec_") {
		t.Fatalf("get = %v, %v", got, err)
	}
	conform(t, "get", got)

	secret, err := c.Beta.Organization.Webhooks.RegenerateSigningSecret(ctx, created.ID, anthropic.BetaOrganizationWebhookRegenerateSigningSecretParams{})
	if err != nil || secret.SigningSecret == created.SigningSecret || !strings.HasPrefix(secret.SigningSecret, "whsec_") {
		t.Fatalf("regenerate = %v, %v", secret, err)
	}
	conform(t, "regenerate", secret)

	del, err := c.Beta.Organization.Webhooks.Delete(ctx, created.ID, anthropic.BetaOrganizationWebhookDeleteParams{})
	if err != nil || del.ID != created.ID || del.Type != "webhook_endpoint_deleted" {
		t.Fatalf("delete = %v, %v", del, err)
	}
	conform(t, "delete", del)
	_, err = c.Beta.Organization.Webhooks.Get(ctx, created.ID, anthropic.BetaOrganizationWebhookGetParams{})
	sdkError(t, srv, err, 404, "not_found_error")
	_, err = c.Beta.Organization.Webhooks.New(ctx, anthropic.BetaOrganizationWebhookNewParams{URL: "https://hooks.example/", EnabledEvents: []string{"nothing.happened"}})
	sdkError(t, srv, err, 400, "invalid_request_error")
}

// Telemetry destinations: the demo's, newest first and filtered by
// workspace, one registered for Production with a header whose value is
// never shown, its workspace list edited, tested, updated and deleted.
func TestSDKTelemetryDestinations(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	ws := workspaceIDs(t, c)

	d, err := c.Beta.Organization.TelemetryDestinations.New(ctx, anthropic.BetaOrganizationTelemetryDestinationNewParams{
		EndpointURL: "https://collector.example/otlp", DisplayName: anthropic.String("SDK collector"),
		Headers:    map[string]string{"authorization": "Bearer sdk-secret"},
		Workspaces: anthropic.BetaTelemetryDestinationWorkspacesParamsUnion{OfInclude: &anthropic.BetaTelemetryDestinationWorkspacesIncludeParams{WorkspaceIDs: []string{ws["Production"]}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "new", d)
	if d.State.Type != "enabled" || d.Workspaces.Type != "include" || !slices.Equal(d.HeaderNames, []string{"authorization"}) ||
		d.Traces.ContentMode != "metadata_only" || !d.Traces.Enabled || strings.Contains(d.RawJSON(), "sdk-secret") {
		t.Errorf("new = %s", d.RawJSON())
	}

	pager := c.Beta.Organization.TelemetryDestinations.ListAutoPaging(ctx, anthropic.BetaOrganizationTelemetryDestinationListParams{Limit: anthropic.Int(1)})
	var names []string
	for x := range pager.All() {
		conform(t, "destination "+x.ID, x)
		names = append(names, x.DisplayName)
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"SDK collector", "Honeycomb production", "Self-hosted collector"}; !slices.Equal(names, want) {
		t.Errorf("destinations = %v, want %v", names, want)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/telemetry_destinations"); len(reqs) != 3 || reqs[1].Query.Get("page") == "" {
		t.Errorf("destination pages: %v", reqs)
	}
	research, err := c.Beta.Organization.TelemetryDestinations.List(ctx, anthropic.BetaOrganizationTelemetryDestinationListParams{WorkspaceIDs: []string{ws["Research"]}})
	if err != nil || len(research.Data) != 0 {
		t.Errorf("destinations covering Research (on no include list, excluded by the other): %v, %v", research, err)
	}

	added, err := c.Beta.Organization.TelemetryDestinations.Workspaces.Add(ctx, ws["Staging"], anthropic.BetaOrganizationTelemetryDestinationWorkspaceAddParams{DestinationID: d.ID})
	if err != nil || added.WorkspaceID != ws["Staging"] || added.TelemetryDestinationID != d.ID {
		t.Fatalf("add = %v, %v", added, err)
	}
	conform(t, "add", added)
	entries := c.Beta.Organization.TelemetryDestinations.Workspaces.ListAutoPaging(ctx, d.ID, anthropic.BetaOrganizationTelemetryDestinationWorkspaceListParams{Limit: anthropic.Int(1)})
	var list []string
	for e := range entries.All() {
		conform(t, "entry", e)
		list = append(list, e.WorkspaceID)
	}
	if err := entries.Err(); err != nil || !slices.Equal(list, []string{ws["Staging"], ws["Production"]}) {
		t.Errorf("list (newest entry first) = %v, %v", list, err)
	}
	removed, err := c.Beta.Organization.TelemetryDestinations.Workspaces.Remove(ctx, ws["Production"], anthropic.BetaOrganizationTelemetryDestinationWorkspaceRemoveParams{DestinationID: d.ID})
	if err != nil || removed.WorkspaceID != ws["Production"] || removed.Type != "telemetry_destination_workspace_deleted" {
		t.Fatalf("remove = %v, %v", removed, err)
	}
	conform(t, "remove", removed)

	res, err := c.Beta.Organization.TelemetryDestinations.Test(ctx, d.ID, anthropic.BetaOrganizationTelemetryDestinationTestParams{})
	if err != nil || res.Result.Type != "success" {
		t.Fatalf("test = %v, %v", res, err)
	}
	conform(t, "test", res)
	srv.SetTelemetryAnswer(d.ID, 401)
	res, err = c.Beta.Organization.TelemetryDestinations.Test(ctx, d.ID, anthropic.BetaOrganizationTelemetryDestinationTestParams{})
	if err != nil || res.Result.Type != "failure" || !strings.Contains(res.Result.Error, "401") {
		t.Fatalf("failed test = %v, %v", res, err)
	}

	updated, err := c.Beta.Organization.TelemetryDestinations.Update(ctx, d.ID, anthropic.BetaOrganizationTelemetryDestinationUpdateParams{
		DisplayName: anthropic.String("SDK collector (off)"),
		State:       anthropic.BetaTelemetryDestinationStateParamsUnion{OfDisabled: &anthropic.BetaTelemetryDestinationStateDisabledParams{}}})
	if err != nil || updated.DisplayName != "SDK collector (off)" || updated.State.Type != "disabled" || updated.State.Reason.Type != "caller" {
		t.Fatalf("update = %v, %v", updated, err)
	}
	conform(t, "update", updated)
	got, err := c.Beta.Organization.TelemetryDestinations.Get(ctx, d.ID, anthropic.BetaOrganizationTelemetryDestinationGetParams{})
	if err != nil || got.DeliveryHealth.LastError == "" || got.DeliveryHealth.LastSuccessAt.IsZero() {
		t.Fatalf("get = %v, %v", got, err)
	}
	conform(t, "get", got)

	del, err := c.Beta.Organization.TelemetryDestinations.Delete(ctx, d.ID, anthropic.BetaOrganizationTelemetryDestinationDeleteParams{})
	if err != nil || del.ID != d.ID {
		t.Fatalf("delete = %v, %v", del, err)
	}
	conform(t, "delete", del)
	_, err = c.Beta.Organization.TelemetryDestinations.Get(ctx, d.ID, anthropic.BetaOrganizationTelemetryDestinationGetParams{})
	sdkError(t, srv, err, 404, "not_found_error")
	_, err = c.Beta.Organization.TelemetryDestinations.New(ctx, anthropic.BetaOrganizationTelemetryDestinationNewParams{EndpointURL: "https://192.0.2.1",
		Workspaces: anthropic.BetaTelemetryDestinationWorkspacesParamsUnion{OfAll: &anthropic.BetaTelemetryDestinationWorkspacesAllParams{}}})
	sdkError(t, srv, err, 400, "invalid_request_error")
}

// Claude Code managed settings: the demo serves settings by RBAC group;
// the groups in order, a group's document replaced, the order swapped
// from the version read, the default replaced, the mode changed, a group's
// settings deleted.
func TestSDKClaudeCodeManagedSettings(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()

	conf, err := c.Beta.Organization.ClaudeCode.ManagedSettings.Configuration.Get(ctx, anthropic.BetaOrganizationClaudeCodeManagedSettingConfigurationGetParams{})
	if err != nil || conf.Mode.Type != "rbac_groups" || len(conf.RBACGroupOrder) != 2 || conf.RBACGroupOrderVersion == "" {
		t.Fatalf("configuration = %v, %v", conf, err)
	}
	conform(t, "configuration", conf)
	pager := c.Beta.Organization.ClaudeCode.ManagedSettings.RBACGroups.ListAutoPaging(ctx, anthropic.BetaOrganizationClaudeCodeManagedSettingRBACGroupListParams{Limit: anthropic.Int(1)})
	var order []string
	for g := range pager.All() {
		conform(t, "group "+g.RBACGroupID, g)
		order = append(order, g.RBACGroupID)
		if g.RBACGroupStatus.Type != "active" {
			t.Errorf("group = %s", g.RawJSON())
		}
	}
	if err := pager.Err(); err != nil || !slices.Equal(order, conf.RBACGroupOrder) {
		t.Fatalf("groups = %v, %v; want the order %v", order, err, conf.RBACGroupOrder)
	}
	first, second := order[0], order[1]

	got, err := c.Beta.Organization.ClaudeCode.ManagedSettings.RBACGroups.Get(ctx, first, anthropic.BetaOrganizationClaudeCodeManagedSettingRBACGroupGetParams{})
	if err != nil || got.Settings["model"] != "claude-sonnet-4-6" {
		t.Fatalf("get = %v, %v", got, err)
	}
	conform(t, "get", got)
	set, err := c.Beta.Organization.ClaudeCode.ManagedSettings.RBACGroups.Set(ctx, second, anthropic.BetaOrganizationClaudeCodeManagedSettingRBACGroupSetParams{Settings: map[string]any{"model": "claude-opus-4-6"}})
	if err != nil || set.Settings["model"] != "claude-opus-4-6" || set.RBACGroupID != second {
		t.Fatalf("set = %v, %v", set, err)
	}
	conform(t, "set", set)

	swapped, err := c.Beta.Organization.ClaudeCode.ManagedSettings.Configuration.Update(ctx, anthropic.BetaOrganizationClaudeCodeManagedSettingConfigurationUpdateParams{
		RBACGroupOrder: []string{second, first}, RBACGroupOrderVersion: anthropic.String(conf.RBACGroupOrderVersion),
		Mode: anthropic.BetaClaudeCodeManagedSettingsModeParamUnion{OfOrganization: &anthropic.BetaClaudeCodeManagedSettingsOrganizationModeParam{}}})
	if err != nil || !slices.Equal(swapped.RBACGroupOrder, []string{second, first}) || swapped.Mode.Type != "organization" {
		t.Fatalf("update = %v, %v", swapped, err)
	}
	conform(t, "update", swapped)
	_, err = c.Beta.Organization.ClaudeCode.ManagedSettings.Configuration.Update(ctx, anthropic.BetaOrganizationClaudeCodeManagedSettingConfigurationUpdateParams{
		RBACGroupOrder: []string{first, second}, RBACGroupOrderVersion: anthropic.String(conf.RBACGroupOrderVersion)})
	sdkError(t, srv, err, 409, "conflict_error")

	def, err := c.Beta.Organization.ClaudeCode.ManagedSettings.RBACGroupDefault.Get(ctx, anthropic.BetaOrganizationClaudeCodeManagedSettingRBACGroupDefaultGetParams{})
	if err != nil || def.Settings["cleanupPeriodDays"] != 30.0 || def.UpdatedAt.IsZero() {
		t.Fatalf("default = %v, %v", def, err)
	}
	conform(t, "default", def)
	def, err = c.Beta.Organization.ClaudeCode.ManagedSettings.RBACGroupDefault.Update(ctx, anthropic.BetaOrganizationClaudeCodeManagedSettingRBACGroupDefaultUpdateParams{Settings: map[string]any{"cleanupPeriodDays": 7}})
	if err != nil || def.Settings["cleanupPeriodDays"] != 7.0 {
		t.Fatalf("default update = %v, %v", def, err)
	}
	conform(t, "default update", def)

	del, err := c.Beta.Organization.ClaudeCode.ManagedSettings.RBACGroups.Delete(ctx, second, anthropic.BetaOrganizationClaudeCodeManagedSettingRBACGroupDeleteParams{})
	if err != nil || del.RBACGroupID != second {
		t.Fatalf("delete = %v, %v", del, err)
	}
	conform(t, "delete", del)
	_, err = c.Beta.Organization.ClaudeCode.ManagedSettings.RBACGroups.Get(ctx, second, anthropic.BetaOrganizationClaudeCodeManagedSettingRBACGroupGetParams{})
	if apiErr := sdkError(t, srv, err, 404, "not_found_error"); apiErr != nil && !strings.Contains(apiErr.RawJSON(), "rbac_group_managed_settings_not_found") {
		t.Errorf("error = %s", apiErr.RawJSON())
	}
}

// wantCode checks the error_code in an error's details.
func wantCode(t *testing.T, e *anthropic.Error, code string) {
	t.Helper()
	if e != nil && !strings.Contains(e.RawJSON(), `"error_code":"`+code+`"`) {
		t.Errorf("error = %s, want error_code %s", e.RawJSON(), code)
	}
}

// RBAC groups and their members: the Demo's groups paged to the end, a
// group made, read, renamed, given members, emptied and deleted; the
// documented refusals. Roles and their permissions.
func TestSDKRBAC(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	ids := userIDs(t, c)

	groups := map[string]anthropic.RBACGroup{}
	pager := c.Organization.RBACGroups.ListAutoPaging(ctx, anthropic.OrganizationRBACGroupListParams{Limit: anthropic.Int(2)})
	for g := range pager.All() {
		conform(t, "group "+g.Name, g)
		groups[g.Name] = g
		if !strings.HasPrefix(g.ID, "rbac_group_") || g.Type != "rbac_group" || len(g.RoleIDs) == 0 {
			t.Errorf("group = %s", g.RawJSON())
		}
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"Claude Code Pilot", "Finance", "Owners", "Platform Engineering", "Research"}; !slices.Equal(slices.Sorted(maps.Keys(groups)), want) {
		t.Errorf("groups = %v, want %v", slices.Sorted(maps.Keys(groups)), want)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/rbac_groups"); len(reqs) != 3 || reqs[1].Query.Get("page") == "" {
		t.Errorf("group pages: %v", reqs)
	}
	if groups["Finance"].SourceType != "scim" || groups["Owners"].SourceType != "direct" {
		t.Errorf("sources: Finance %s, Owners %s", groups["Finance"].SourceType, groups["Owners"].SourceType)
	}

	// Platform Engineering is Production's members, by email.
	members := map[string]string{}
	mp := c.Organization.RBACGroups.Members.ListAutoPaging(ctx, groups["Platform Engineering"].ID, anthropic.OrganizationRBACGroupMemberListParams{Limit: anthropic.Int(3)})
	for m := range mp.All() {
		conform(t, "member", m)
		members[m.UserID] = m.Email
	}
	if err := mp.Err(); err != nil {
		t.Fatal(err)
	}
	if len(members) != len(demoProduction) {
		t.Errorf("Platform Engineering has %d members, want %d", len(members), len(demoProduction))
	}
	for name := range demoProduction {
		if !strings.HasPrefix(members[ids[name]], strings.ToLower(strings.Fields(name)[0])) {
			t.Errorf("%s: member email %q", name, members[ids[name]])
		}
	}

	g, err := c.Organization.RBACGroups.New(ctx, anthropic.OrganizationRBACGroupNewParams{Name: "Data Science"})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "new group", g)
	if g.Name != "Data Science" || g.SourceType != "direct" || len(g.RoleIDs) != 0 || g.CreatedAt.IsZero() {
		t.Errorf("new group = %s", g.RawJSON())
	}
	_, err = c.Organization.RBACGroups.New(ctx, anthropic.OrganizationRBACGroupNewParams{Name: "data science"})
	sdkError(t, srv, err, 409, "conflict_error")
	got, err := c.Organization.RBACGroups.Get(ctx, g.ID)
	if err != nil || got.Name != "Data Science" {
		t.Fatalf("get = %v, %v", got, err)
	}
	upd, err := c.Organization.RBACGroups.Update(ctx, g.ID, anthropic.OrganizationRBACGroupUpdateParams{Name: anthropic.String("Data & ML")})
	if err != nil || upd.Name != "Data & ML" || upd.ID != g.ID {
		t.Fatalf("update = %v, %v", upd, err)
	}
	conform(t, "updated group", upd)

	m, err := c.Organization.RBACGroups.Members.Add(ctx, g.ID, anthropic.OrganizationRBACGroupMemberAddParams{UserID: ids["Grace Liu"]})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "added member", m)
	if m.Email != "grace.liu@acme-robotics.example" || m.RBACGroupID != g.ID || m.UserID != ids["Grace Liu"] {
		t.Errorf("added member = %s", m.RawJSON())
	}
	_, err = c.Organization.RBACGroups.Members.Add(ctx, g.ID, anthropic.OrganizationRBACGroupMemberAddParams{UserID: ids["Grace Liu"]})
	sdkError(t, srv, err, 409, "conflict_error")
	_, err = c.Organization.RBACGroups.Members.Add(ctx, g.ID, anthropic.OrganizationRBACGroupMemberAddParams{UserID: "user_not_a_member"})
	sdkError(t, srv, err, 404, "not_found_error")
	gone, err := c.Organization.RBACGroups.Members.Remove(ctx, ids["Grace Liu"], anthropic.OrganizationRBACGroupMemberRemoveParams{RBACGroupID: g.ID})
	if err != nil || gone.Type != "rbac_group_member_deleted" || gone.UserID != ids["Grace Liu"] || gone.RBACGroupID != g.ID {
		t.Fatalf("remove = %v, %v", gone, err)
	}
	conform(t, "removed member", gone)

	// A group whose role grants owner access keeps its members and stays.
	owners := groups["Owners"].ID
	_, err = c.Organization.RBACGroups.Members.Remove(ctx, ids["Priya Raman"], anthropic.OrganizationRBACGroupMemberRemoveParams{RBACGroupID: owners})
	wantCode(t, sdkError(t, srv, err, 400, "invalid_request_error"), "rbac_group_grants_owner_access")
	_, err = c.Organization.RBACGroups.Delete(ctx, owners)
	wantCode(t, sdkError(t, srv, err, 400, "invalid_request_error"), "rbac_group_grants_owner_access")

	del, err := c.Organization.RBACGroups.Delete(ctx, g.ID)
	if err != nil || del.ID != g.ID || del.Type != "rbac_group_deleted" {
		t.Fatalf("delete = %v, %v", del, err)
	}
	conform(t, "deleted group", del)
	_, err = c.Organization.RBACGroups.Get(ctx, g.ID)
	sdkError(t, srv, err, 404, "not_found_error")

	// Roles: built-in and custom, each group's roles among them.
	roles := map[string]anthropic.RBACRole{}
	rp := c.Organization.RBACRoles.ListAutoPaging(ctx, anthropic.OrganizationRBACRoleListParams{Limit: anthropic.Int(4)})
	for r := range rp.All() {
		conform(t, "role "+r.DisplayName, r)
		roles[r.ID] = r
	}
	if err := rp.Err(); err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		for _, id := range g.RoleIDs {
			if _, ok := roles[id]; !ok {
				t.Errorf("group %s has role %s, which the role list lacks", g.Name, id)
			}
		}
	}
	var custom anthropic.RBACRole
	for _, r := range roles {
		if r.DisplayName == "GitHub Connector Users" {
			custom = r
		}
	}
	if custom.Source.Type != "custom" {
		t.Fatalf("GitHub Connector Users = %s", custom.RawJSON())
	}
	role, err := c.Organization.RBACRoles.Get(ctx, custom.ID)
	if err != nil || role.DisplayName != "GitHub Connector Users" {
		t.Fatalf("role = %v, %v", role, err)
	}
	kinds := map[string]int{}
	pp := c.Organization.RBACRoles.Permissions.ListAutoPaging(ctx, custom.ID, anthropic.OrganizationRBACRolePermissionListParams{Limit: anthropic.Int(1)})
	for p := range pp.All() {
		conform(t, "permission", p)
		kinds[p.Resource.Type]++
	}
	if err := pp.Err(); err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"connector": 1, "connector_tool": 2, "connector_scope": 1}; !maps.Equal(kinds, want) {
		t.Errorf("permission resources = %v, want %v", kinds, want)
	}
	_, err = c.Organization.RBACRoles.Get(ctx, "rbac_role_missing")
	wantCode(t, sdkError(t, srv, err, 404, "not_found_error"), "rbac_role_not_found")
}

// An organization outside a parent organization gets no roles.
func TestSDKRBACRolesRefused(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	srv.WithoutParentOrganization()
	c := sdkClient(srv)
	_, err := c.Organization.RBACRoles.List(t.Context(), anthropic.OrganizationRBACRoleListParams{})
	wantCode(t, sdkError(t, srv, err, 400, "invalid_request_error"), "parent_organization_required")
	srv.WithoutRBACRoles()
	_, err = c.Organization.RBACRoles.Permissions.List(t.Context(), "rbac_role_x", anthropic.OrganizationRBACRolePermissionListParams{})
	wantCode(t, sdkError(t, srv, err, 400, "invalid_request_error"), "organization_type_not_supported")
}

// Compliance settings: on in the Demo, switched off and on again.
func TestSDKComplianceSettings(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	s, err := c.Organization.ComplianceSettings.Get(ctx)
	if err != nil || s.State.Type != "enabled" || s.Type != "compliance_settings" {
		t.Fatalf("get = %v, %v", s, err)
	}
	conform(t, "compliance", s)
	off, err := c.Organization.ComplianceSettings.Update(ctx, anthropic.OrganizationComplianceSettingUpdateParams{
		State: anthropic.ComplianceSettingsStateParamUnion{OfDisabled: &anthropic.ComplianceSettingsStateDisabledParam{}}})
	if err != nil || off.State.Type != "disabled" {
		t.Fatalf("update = %v, %v", off, err)
	}
	conform(t, "compliance off", off)
	wantBody(t, logged(srv, "POST", "/v1/organizations/compliance_settings")[0], `{"state":{"type":"disabled"}}`)
	if s, err := c.Organization.ComplianceSettings.Get(ctx); err != nil || s.State.Type != "disabled" {
		t.Fatalf("get after update = %v, %v", s, err)
	}
}

// External keys: listed, made, read, renamed, validated while the KMS
// accepts the key, refuses it and accepts it again, deleted.
func TestSDKExternalKeys(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	providers := map[string]int{}
	pager := c.Organization.ExternalKeys.ListAutoPaging(ctx, anthropic.OrganizationExternalKeyListParams{Limit: anthropic.Int(2)})
	for k := range pager.All() {
		conform(t, "key "+k.DisplayName, k)
		providers[k.ProviderConfig.Type]++
		if !strings.HasPrefix(k.ID, "ekey_") || k.Geo != "us" || k.Attachment.Type != "unattached" {
			t.Errorf("key = %s", k.RawJSON())
		}
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"aws": 1, "gcp": 2}; !maps.Equal(providers, want) {
		t.Errorf("providers = %v, want %v", providers, want)
	}

	const keyName = "projects/acme-data/locations/us/keyRings/claude/cryptoKeys/analytics"
	k, err := c.Organization.ExternalKeys.New(ctx, anthropic.OrganizationExternalKeyNewParams{DisplayName: anthropic.String("Analytics key"),
		ProviderConfig: anthropic.OrganizationExternalKeyNewParamsProviderConfigUnion{OfGCP: &anthropic.GCPExternalKeyConfigParam{KeyName: keyName}}})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "new key", k)
	if k.DisplayName != "Analytics key" || k.ProviderConfig.KeyName != keyName || k.UserProfileID != "" {
		t.Errorf("new key = %s", k.RawJSON())
	}
	_, err = c.Organization.ExternalKeys.New(ctx, anthropic.OrganizationExternalKeyNewParams{UserProfileID: anthropic.String("uprof_x"),
		ProviderConfig: anthropic.OrganizationExternalKeyNewParamsProviderConfigUnion{OfGCP: &anthropic.GCPExternalKeyConfigParam{KeyName: keyName}}})
	wantCode(t, sdkError(t, srv, err, 400, "invalid_request_error"), "user_profile_not_found")
	got, err := c.Organization.ExternalKeys.Get(ctx, k.ID)
	if err != nil || got.ID != k.ID {
		t.Fatalf("get = %v, %v", got, err)
	}
	upd, err := c.Organization.ExternalKeys.Update(ctx, k.ID, anthropic.OrganizationExternalKeyUpdateParams{DisplayName: anthropic.String("Analytics CMEK")})
	if err != nil || upd.DisplayName != "Analytics CMEK" || upd.ProviderConfig.KeyName != keyName {
		t.Fatalf("update = %v, %v", upd, err)
	}
	conform(t, "updated key", upd)

	validate := func(status, errText string) {
		t.Helper()
		v, err := c.Organization.ExternalKeys.Validate(ctx, k.ID)
		if err != nil {
			t.Fatal(err)
		}
		conform(t, "validation", v)
		if string(v.Status) != status || v.Error != errText {
			t.Errorf("validate = %s, want %s %q", v.RawJSON(), status, errText)
		}
	}
	validate("success", "")
	srv.FailExternalKey(k.ID, "Cloud KMS: the key version is disabled")
	validate("failure", "Cloud KMS: the key version is disabled")
	srv.RecoverExternalKey(k.ID)
	validate("success", "")

	del, err := c.Organization.ExternalKeys.Delete(ctx, k.ID)
	if err != nil || del.ID != k.ID || del.Type != "external_key_deleted" {
		t.Fatalf("delete = %v, %v", del, err)
	}
	conform(t, "deleted key", del)
	_, err = c.Organization.ExternalKeys.Get(ctx, k.ID)
	sdkError(t, srv, err, 404, "not_found_error")
}

// External Storage (a beta the SDK asks for itself): registered, read,
// renamed, activated and deleted; storage in use is not erased.
func TestSDKExternalStorage(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	statuses := map[string]string{}
	pager := c.Beta.Organization.ExternalStorage.ListAutoPaging(ctx, anthropic.BetaOrganizationExternalStorageListParams{Limit: anthropic.Int(1)})
	for s := range pager.All() {
		conform(t, "storage "+s.DisplayName, s)
		statuses[s.DisplayName] = s.Status.Type
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"Transcripts (us-east-1)": "active", "Vertex transcripts": "pending_configuration"}; !maps.Equal(statuses, want) {
		t.Errorf("storage = %v, want %v", statuses, want)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/external_storage"); len(reqs) != 2 || !strings.Contains(reqs[0].Header.Get("Anthropic-Beta"), "efs-2026-10-01") {
		t.Errorf("storage pages: %v", reqs)
	}

	aws := &anthropic.BetaAWSExternalStorageConfigParam{AccountID: "123456789012", BucketName: "acme-claude-audit", Region: "us-west-2"}
	s, err := c.Beta.Organization.ExternalStorage.New(ctx, anthropic.BetaOrganizationExternalStorageNewParams{DisplayName: anthropic.String("Audit logs"),
		ProviderConfig: anthropic.BetaOrganizationExternalStorageNewParamsProviderConfigUnion{OfAWS: aws}})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "new storage", s)
	if !strings.HasPrefix(s.ID, "estrg_") || s.Status.Type != "pending_configuration" || s.ProviderConfig.BucketName != "acme-claude-audit" {
		t.Errorf("new storage = %s", s.RawJSON())
	}
	_, err = c.Beta.Organization.ExternalStorage.New(ctx, anthropic.BetaOrganizationExternalStorageNewParams{
		ProviderConfig: anthropic.BetaOrganizationExternalStorageNewParamsProviderConfigUnion{OfAWS: aws}})
	wantCode(t, sdkError(t, srv, err, 409, "conflict_error"), "storage_already_registered")
	_, err = c.Beta.Organization.ExternalStorage.New(ctx, anthropic.BetaOrganizationExternalStorageNewParams{
		ProviderConfig: anthropic.BetaOrganizationExternalStorageNewParamsProviderConfigUnion{OfAWS: &anthropic.BetaAWSExternalStorageConfigParam{
			AccountID: "123456789012", BucketName: "acme-elsewhere", Region: "ap-south-1"}}})
	wantCode(t, sdkError(t, srv, err, 400, "invalid_request_error"), "unsupported_region")

	renamed, err := c.Beta.Organization.ExternalStorage.Update(ctx, s.ID, anthropic.BetaOrganizationExternalStorageUpdateParams{DisplayName: anthropic.String("Audit logs (us-west-2)")})
	if err != nil || renamed.DisplayName != "Audit logs (us-west-2)" {
		t.Fatalf("update = %v, %v", renamed, err)
	}
	active, err := c.Beta.Organization.ExternalStorage.Activate(ctx, s.ID, anthropic.BetaOrganizationExternalStorageActivateParams{})
	if err != nil || active.Status.Type != "available" || !active.Status.Healthy || active.SetupTemplateVersion == "" {
		t.Fatalf("activate = %v, %v", active, err)
	}
	conform(t, "activated", active)
	got, err := c.Beta.Organization.ExternalStorage.Get(ctx, s.ID, anthropic.BetaOrganizationExternalStorageGetParams{})
	if err != nil || got.Status.Type != "available" {
		t.Fatalf("get = %v, %v", got, err)
	}
	del, err := c.Beta.Organization.ExternalStorage.Delete(ctx, s.ID, anthropic.BetaOrganizationExternalStorageDeleteParams{})
	if err != nil || del.ID != s.ID || del.Type != "external_storage_deleted" {
		t.Fatalf("delete = %v, %v", del, err)
	}
	conform(t, "deleted storage", del)

	var inUse string
	for id, st := range statuses {
		if st == "active" {
			inUse = id
		}
	}
	for s := range c.Beta.Organization.ExternalStorage.ListAutoPaging(ctx, anthropic.BetaOrganizationExternalStorageListParams{}).All() {
		if s.DisplayName == inUse {
			_, err = c.Beta.Organization.ExternalStorage.Delete(ctx, s.ID, anthropic.BetaOrganizationExternalStorageDeleteParams{})
			wantCode(t, sdkError(t, srv, err, 400, "invalid_request_error"), "external_storage_in_use")
		}
	}
}

// Google data controls (a beta the SDK asks for itself): the Demo
// project's keys and bucket per region, a region's key changed, the
// storage control turned off; the documented refusals.
func TestSDKGoogleDataControls(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkClient(srv)
	ctx := t.Context()
	const project = "482915067341"
	got, err := c.Beta.Organization.Providers.Google.Projects.DataControls.Get(ctx, project, anthropic.BetaOrganizationProviderGoogleProjectDataControlGetParams{})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "controls", got)
	if got.ProjectNumber != project || got.CMEK.Type != "enabled" || got.Storage.Type != "enabled" || len(got.CMEK.ExternalKeyIDs) != 2 ||
		got.CMEK.Status["us"].Type != "active" || got.Storage.Buckets["us"].BucketName != "acme-vertex-claude-us" {
		t.Errorf("controls = %s", got.RawJSON())
	}
	keys := map[string]string{}
	for k := range c.Organization.ExternalKeys.ListAutoPaging(ctx, anthropic.OrganizationExternalKeyListParams{}).All() {
		keys[k.DisplayName] = k.ID
	}

	upd, err := c.Beta.Organization.Providers.Google.Projects.DataControls.Update(ctx, project, anthropic.BetaOrganizationProviderGoogleProjectDataControlUpdateParams{
		CMEK: anthropic.BetaGoogleManagedProjectCMEKControlParamsUnion{OfEnabled: &anthropic.BetaGoogleManagedProjectCMEKEnabledParams{
			ExternalKeyIDs: map[string]string{"eu": keys["Vertex AI CMEK (us)"]}}},
		Storage: anthropic.BetaGoogleManagedProjectStorageControlParamsUnion{OfDisabled: &anthropic.BetaGoogleManagedProjectStorageDisabledParams{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "updated controls", upd)
	if upd.CMEK.ExternalKeyIDs["eu"] != keys["Vertex AI CMEK (us)"] || upd.CMEK.ExternalKeyIDs["us"] != keys["Vertex AI CMEK (us)"] ||
		len(upd.CMEK.RetiredKeys) != 1 || upd.CMEK.RetiredKeys[0].ExternalKeyID != keys["Vertex AI CMEK (eu)"] ||
		upd.Storage.Type != "disabled" || len(upd.Storage.RetiredBuckets) != 1 || !upd.UpdatedAt.After(got.UpdatedAt) {
		t.Errorf("updated controls = %s", upd.RawJSON())
	}

	setKey := func(project, id string) error {
		_, err := c.Beta.Organization.Providers.Google.Projects.DataControls.Update(ctx, project, anthropic.BetaOrganizationProviderGoogleProjectDataControlUpdateParams{
			CMEK: anthropic.BetaGoogleManagedProjectCMEKControlParamsUnion{OfEnabled: &anthropic.BetaGoogleManagedProjectCMEKEnabledParams{
				ExternalKeyIDs: map[string]string{"us": id}}}})
		return err
	}
	wantCode(t, sdkError(t, srv, setKey(project, "ekey_missing"), 400, "invalid_request_error"), "external_key_not_found")
	wantCode(t, sdkError(t, srv, setKey(project, keys["Production AWS key"]), 400, "invalid_request_error"), "external_key_provider_mismatch")
	wantCode(t, sdkError(t, srv, setKey("111111111111", keys["Vertex AI CMEK (us)"]), 400, "invalid_request_error"), "gcp_project_not_verified")
}

// sdkOAuthClient is sdkClient with the fake's OAuth token: the credential
// the service account and federation endpoints take.
func sdkOAuthClient(srv *admintest.Server) anthropic.Client {
	return sdkClientWith(srv, option.WithAuthToken(srv.OAuthToken()))
}

// The demo's service accounts by name, and the workspaces of the ones that
// have any; etl-nightly has none and is in the default one implicitly.
var (
	demoServiceAccounts = map[string]string{"ci-deploy": "developer", "etl-nightly": "developer", "support-triage": "developer",
		"platform-terraform": "admin", "legacy-batch": "developer", "federated-sync": "developer"}
	demoArchivedServiceAccount = "legacy-batch"
)

// An admin key on an OAuth-only endpoint: the SDK sends it as a bearer
// token and the fake tells it from the OAuth token by its value, as the
// API does, with a 403 permission_error.
func TestSDKOAuthOnly(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	admins := sdkClient(srv)
	_, err := admins.Organization.ServiceAccounts.List(t.Context(), anthropic.OrganizationServiceAccountListParams{})
	apiErr := sdkError(t, srv, err, 403, shared.ErrorTypePermissionError)
	if !strings.Contains(apiErr.Message, "OAuth") {
		t.Errorf("message = %q, want it to say an OAuth token is needed", apiErr.Message)
	}
	if h := srv.Requests()[0].Header; h.Get("X-Api-Key") != "" || h.Get("Authorization") == "" {
		t.Errorf("the SDK sent %v, want the admin key as a bearer token", h)
	}
	oauth := sdkOAuthClient(srv)
	if _, err := oauth.Organization.Users.Get(t.Context(), userIDs(t, oauth)["Mei Chen"]); err != nil {
		t.Errorf("the OAuth token elsewhere: %v", err)
	}
}

// Service accounts through the SDK: the demo's, page by page; one created,
// read, changed, added to workspaces from both sides, read and changed
// there, removed from them, and archived.
func TestSDKServiceAccounts(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkOAuthClient(srv)
	ctx := t.Context()
	ws := workspaceIDs(t, c)

	pager := c.Organization.ServiceAccounts.ListAutoPaging(ctx, anthropic.OrganizationServiceAccountListParams{Limit: anthropic.Int(2), IncludeArchived: anthropic.Bool(true)})
	seen := map[string]string{}
	for a := range pager.All() {
		conform(t, "service account "+a.Name, a)
		seen[a.Name] = string(a.OrganizationRole)
		if archived := !a.ArchivedAt.IsZero(); archived != (a.Name == demoArchivedServiceAccount) || !strings.HasPrefix(a.ID, "svac_") {
			t.Errorf("service account = %s", a.RawJSON())
		}
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(seen, demoServiceAccounts) {
		t.Errorf("service accounts = %v, want %v", seen, demoServiceAccounts)
	}
	if reqs := logged(srv, "GET", "/v1/organizations/service_accounts"); len(reqs) != 3 || reqs[1].Query.Get("page") == "" {
		t.Errorf("pages: %v", reqs)
	}

	sa, err := c.Organization.ServiceAccounts.New(ctx, anthropic.OrganizationServiceAccountNewParams{Name: "release-bot",
		Description: anthropic.String("Tags releases"), OrganizationRole: anthropic.OrganizationServiceAccountNewParamsOrganizationRoleDeveloper})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "created", sa)
	wantBody(t, logged(srv, "POST", "/v1/organizations/service_accounts")[0], `{"name":"release-bot","description":"Tags releases","organization_role":"developer"}`)
	got, err := c.Organization.ServiceAccounts.Get(ctx, sa.ID)
	if err != nil || got.Name != "release-bot" || got.Description != "Tags releases" || !got.ArchivedAt.IsZero() {
		t.Fatalf("get: %v, %v", got, err)
	}
	upd, err := c.Organization.ServiceAccounts.Update(ctx, sa.ID, anthropic.OrganizationServiceAccountUpdateParams{
		OrganizationRole: anthropic.OrganizationServiceAccountUpdateParamsOrganizationRoleAdmin})
	if err != nil || upd.OrganizationRole != anthropic.ServiceAccountOrganizationRoleAdmin || upd.Description != "Tags releases" {
		t.Fatalf("update: %v, %v", upd, err)
	}

	// Until it joins a workspace it is in the default one, implicitly.
	var implicit []anthropic.ServiceAccountWorkspaceMember
	mine := c.Organization.ServiceAccounts.Workspaces.ListAutoPaging(ctx, sa.ID, anthropic.OrganizationServiceAccountWorkspaceListParams{})
	for m := range mine.All() {
		conform(t, "membership", m)
		implicit = append(implicit, m)
	}
	if mine.Err() != nil || len(implicit) != 1 || !implicit[0].Implicit || implicit[0].WorkspaceRole != "workspace_user" {
		t.Fatalf("implicit membership: %v, %v", implicit, mine.Err())
	}
	added, err := c.Organization.ServiceAccounts.Workspaces.Add(ctx, sa.ID, anthropic.OrganizationServiceAccountWorkspaceAddParams{
		WorkspaceID: ws["Production"], WorkspaceRole: anthropic.NoBillingWorkspaceRoleWorkspaceDeveloper})
	if err != nil || added.Implicit || added.WorkspaceID != ws["Production"] {
		t.Fatalf("add from the account's side: %v, %v", added, err)
	}
	staging, err := c.Organization.Workspaces.ServiceAccounts.Add(ctx, ws["Staging"], anthropic.OrganizationWorkspaceServiceAccountAddParams{
		ServiceAccountID: sa.ID, WorkspaceRole: anthropic.NoBillingWorkspaceRoleWorkspaceUser})
	if err != nil || staging.ServiceAccountID != sa.ID || staging.WorkspaceRole != "workspace_user" {
		t.Fatalf("add from the workspace's side: %v, %v", staging, err)
	}
	one, err := c.Organization.Workspaces.ServiceAccounts.Get(ctx, sa.ID, anthropic.OrganizationWorkspaceServiceAccountGetParams{WorkspaceID: ws["Production"]})
	if err != nil || one.WorkspaceRole != "workspace_developer" {
		t.Fatalf("get membership: %v, %v", one, err)
	}
	up, err := c.Organization.Workspaces.ServiceAccounts.Update(ctx, sa.ID, anthropic.OrganizationWorkspaceServiceAccountUpdateParams{
		WorkspaceID: ws["Production"], WorkspaceRole: anthropic.NoBillingWorkspaceRoleWorkspaceAdmin})
	if err != nil || up.WorkspaceRole != "workspace_admin" {
		t.Fatalf("update membership: %v, %v", up, err)
	}
	inProd := map[string]string{}
	prod := c.Organization.Workspaces.ServiceAccounts.ListAutoPaging(ctx, ws["Production"], anthropic.OrganizationWorkspaceServiceAccountListParams{Limit: anthropic.Int(1)})
	for m := range prod.All() {
		inProd[m.ServiceAccountID] = string(m.WorkspaceRole)
	}
	if prod.Err() != nil || len(inProd) != 4 || inProd[sa.ID] != "workspace_admin" { // ci-deploy, platform-terraform, federated-sync and this one
		t.Errorf("Production's service accounts: %v, %v", inProd, prod.Err())
	}
	rm, err := c.Organization.ServiceAccounts.Workspaces.Remove(ctx, ws["Staging"], anthropic.OrganizationServiceAccountWorkspaceRemoveParams{ServiceAccountID: sa.ID})
	if err != nil || rm.WorkspaceID != ws["Staging"] || rm.ServiceAccountID != sa.ID {
		t.Fatalf("remove from the account's side: %v, %v", rm, err)
	}
	rm2, err := c.Organization.Workspaces.ServiceAccounts.Remove(ctx, sa.ID, anthropic.OrganizationWorkspaceServiceAccountRemoveParams{WorkspaceID: ws["Production"]})
	if err != nil || rm2.WorkspaceID != ws["Production"] {
		t.Fatalf("remove from the workspace's side: %v, %v", rm2, err)
	}
	_, err = c.Organization.Workspaces.ServiceAccounts.Get(ctx, sa.ID, anthropic.OrganizationWorkspaceServiceAccountGetParams{WorkspaceID: ws["Production"]})
	sdkError(t, srv, err, 404, shared.ErrorTypeNotFoundError)

	arch, err := c.Organization.ServiceAccounts.Archive(ctx, sa.ID)
	if err != nil || arch.ArchivedAt.IsZero() || arch.ArchivedByActorID == "" {
		t.Fatalf("archive: %v, %v", arch, err)
	}
	_, err = c.Organization.ServiceAccounts.Archive(ctx, sa.ID)
	sdkError(t, srv, err, 400, shared.ErrorTypeInvalidRequestError)
	_, err = c.Organization.ServiceAccounts.New(ctx, anthropic.OrganizationServiceAccountNewParams{Name: "ci-deploy"})
	sdkError(t, srv, err, 409, "conflict_error")
}

// Federation through the SDK: the demo's issuers and rules; an issuer
// created, read, changed and archived; a rule created against it, read,
// changed, enabled in a workspace and out of one, and archived.
func TestSDKFederation(t *testing.T) {
	t.Parallel()
	srv := newFake(t)
	c := sdkOAuthClient(srv)
	ctx := t.Context()
	ws := workspaceIDs(t, c)

	issuers := map[string]string{}
	ip := c.Organization.Federation.Issuers.ListAutoPaging(ctx, anthropic.OrganizationFederationIssuerListParams{IncludeArchived: anthropic.Bool(true), Limit: anthropic.Int(1)})
	for is := range ip.All() {
		conform(t, "issuer "+is.Name, is)
		issuers[is.Name] = is.JWKS.Type
	}
	if want := map[string]string{"github-actions": "discovery", "acme-k8s": "explicit_url", "old-jenkins": "inline"}; ip.Err() != nil || !maps.Equal(issuers, want) {
		t.Errorf("issuers = %v (%v), want %v", issuers, ip.Err(), want)
	}
	rules := map[string]string{}
	rp := c.Organization.Federation.Rules.ListAutoPaging(ctx, anthropic.OrganizationFederationRuleListParams{})
	for r := range rp.All() {
		conform(t, "rule "+r.Name, r)
		rules[r.Name] = r.Target.ServiceAccountName
	}
	if want := map[string]string{"deploy-main": "ci-deploy", "deploy-staging": "ci-deploy", "etl-cronjob": "etl-nightly"}; rp.Err() != nil || !maps.Equal(rules, want) {
		t.Errorf("active rules and their accounts = %v (%v), want %v", rules, rp.Err(), want)
	}

	is, err := c.Organization.Federation.Issuers.New(ctx, anthropic.OrganizationFederationIssuerNewParams{Name: "gitlab-ci", IssuerURL: "https://gitlab.acme-robotics.example",
		JWKS: anthropic.OrganizationFederationIssuerNewParamsJWKSUnion{OfExplicitURL: &anthropic.JWKSExplicitURLParam{URL: "https://gitlab.acme-robotics.example/oauth/discovery/keys"}}})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "created issuer", is)
	if is.JWKS.Type != "explicit_url" || is.JWKS.URL != "https://gitlab.acme-robotics.example/oauth/discovery/keys" || !is.CheckJTI || is.MaxJWTLifetimeSeconds != 3600 {
		t.Errorf("issuer = %s", is.RawJSON())
	}
	if got, err := c.Organization.Federation.Issuers.Get(ctx, is.ID); err != nil || got.Name != "gitlab-ci" {
		t.Fatalf("get issuer: %v, %v", got, err)
	}
	up, err := c.Organization.Federation.Issuers.Update(ctx, is.ID, anthropic.OrganizationFederationIssuerUpdateParams{MaxJWTLifetimeSeconds: anthropic.Int(900)})
	if err != nil || up.MaxJWTLifetimeSeconds != 900 {
		t.Fatalf("update issuer: %v, %v", up, err)
	}
	sas := map[string]string{}
	for a := range c.Organization.ServiceAccounts.ListAutoPaging(ctx, anthropic.OrganizationServiceAccountListParams{}).All() {
		sas[a.Name] = a.ID
	}

	r, err := c.Organization.Federation.Rules.New(ctx, anthropic.OrganizationFederationRuleNewParams{Name: "gitlab-deploy", IssuerID: is.ID,
		Match:  anthropic.FederationRuleMatchParam{SubjectPrefix: anthropic.String("project_path:acme/platform:ref_type:branch:ref:main")},
		Target: anthropic.ServiceAccountTargetParam{ServiceAccountID: sas["ci-deploy"]}, OAuthScope: "workspace:developer",
		WorkspaceID: anthropic.String(ws["Production"]), TokenLifetimeSeconds: anthropic.Int(600)})
	if err != nil {
		t.Fatal(err)
	}
	conform(t, "created rule", r)
	if r.IssuerName != "gitlab-ci" || r.Target.ServiceAccountName != "ci-deploy" || !slices.Equal(r.WorkspaceIDs, []string{ws["Production"]}) || r.TokenLifetimeSeconds != 600 {
		t.Errorf("rule = %s", r.RawJSON())
	}
	_, err = c.Organization.Federation.Rules.New(ctx, anthropic.OrganizationFederationRuleNewParams{Name: "gitlab-admin", IssuerID: is.ID,
		Match: anthropic.FederationRuleMatchParam{SubjectPrefix: anthropic.String("project_path:acme/")}, Target: anthropic.ServiceAccountTargetParam{ServiceAccountID: sas["ci-deploy"]},
		OAuthScope: "org:admin"})
	sdkError(t, srv, err, 403, shared.ErrorTypePermissionError)
	if got, err := c.Organization.Federation.Rules.Get(ctx, r.ID); err != nil || got.Match.SubjectPrefix != "project_path:acme/platform:ref_type:branch:ref:main" {
		t.Fatalf("get rule: %v, %v", got, err)
	}
	ru, err := c.Organization.Federation.Rules.Update(ctx, r.ID, anthropic.OrganizationFederationRuleUpdateParams{Description: anthropic.String("GitLab deploys")})
	if err != nil || ru.Description != "GitLab deploys" || ru.Name != "gitlab-deploy" {
		t.Fatalf("update rule: %v, %v", ru, err)
	}
	rw, err := c.Organization.Federation.Rules.Workspaces.Add(ctx, r.ID, anthropic.OrganizationFederationRuleWorkspaceAddParams{WorkspaceID: ws["Staging"]})
	if err != nil || rw.WorkspaceName != "Staging" || rw.FederationRuleID != r.ID {
		t.Fatalf("add rule workspace: %v, %v", rw, err)
	}
	names := map[string]bool{}
	wp := c.Organization.Federation.Rules.Workspaces.ListAutoPaging(ctx, r.ID, anthropic.OrganizationFederationRuleWorkspaceListParams{})
	for w := range wp.All() {
		conform(t, "rule workspace", w)
		names[w.WorkspaceName] = true
	}
	if wp.Err() != nil || !maps.Equal(names, map[string]bool{"Production": true, "Staging": true}) {
		t.Errorf("rule workspaces = %v, %v", names, wp.Err())
	}
	del, err := c.Organization.Federation.Rules.Workspaces.Remove(ctx, ws["Production"], anthropic.OrganizationFederationRuleWorkspaceRemoveParams{FederationRuleID: r.ID})
	if err != nil || del.WorkspaceID != ws["Production"] || del.FederationRuleID != r.ID {
		t.Fatalf("remove rule workspace: %v, %v", del, err)
	}
	ra, err := c.Organization.Federation.Rules.Archive(ctx, r.ID)
	if err != nil || ra.ArchivedAt.IsZero() || !slices.Equal(ra.WorkspaceIDs, []string{ws["Staging"]}) {
		t.Fatalf("archive rule: %v, %v", ra, err)
	}
	ia, err := c.Organization.Federation.Issuers.Archive(ctx, is.ID)
	if err != nil || ia.ArchivedAt.IsZero() {
		t.Fatalf("archive issuer: %v, %v", ia, err)
	}
}
