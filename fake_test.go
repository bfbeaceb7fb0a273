package admin_test

// The same endpoints as the per-file tests, this time against admintest: a
// stateful fake, so each scenario checks what the library sends and what
// the server made of it.

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

var fakeNow = time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)

func newDemoFake(t *testing.T) (*admintest.Server, *admin.Client) {
	t.Helper()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return fakeNow }))
	t.Cleanup(srv.Close)
	return srv, srv.Client()
}

func collect[T any](t *testing.T, l *admin.List[T]) []T {
	t.Helper()
	items, err := l.Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func TestFakeOrganizationAndUsers(t *testing.T) {
	srv, c := newDemoFake(t)
	ctx := context.Background()
	org, err := c.Organization.Get(ctx)
	if err != nil || org.Name != "Acme Robotics" || org.Type != "organization" {
		t.Fatalf("org = %+v, %v", org, err)
	}

	users := collect(t, c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 4}}))
	if len(users) != 25 {
		t.Fatalf("listed %d users, want 25", len(users))
	}
	seen := map[string]bool{}
	for i, u := range users {
		if seen[u.ID] {
			t.Errorf("user %s listed twice", u.ID)
		}
		seen[u.ID] = true
		if i > 0 && u.AddedAt.After(users[i-1].AddedAt) {
			t.Errorf("users not newest first at %d", i)
		}
	}
	if pages := len(srv.Requests()) - 1; pages != 7 {
		t.Errorf("25 users at 4 a page took %d requests, want 7", pages)
	}

	devs := collect(t, c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 100}, Roles: []admin.OrgRole{admin.OrgRoleDeveloper}}))
	if len(devs) == 0 || slices.ContainsFunc(devs, func(u admin.User) bool { return u.Role != admin.OrgRoleDeveloper }) {
		t.Fatalf("role filter returned %v", devs)
	}
	byEmail := collect(t, c.Users.List(admin.UserListParams{Email: devs[0].Email}))
	if len(byEmail) != 1 || byEmail[0].ID != devs[0].ID {
		t.Errorf("email filter = %v", byEmail)
	}
	got, err := c.Users.Get(ctx, devs[0].ID)
	if err != nil || got.Email != devs[0].Email {
		t.Fatalf("get = %+v, %v", got, err)
	}
	updated, err := c.Users.Update(ctx, devs[0].ID, admin.UserUpdateParams{Role: admin.OrgRoleBilling})
	if err != nil || updated.Role != admin.OrgRoleBilling {
		t.Fatalf("update = %+v, %v", updated, err)
	}
	if _, err := c.Users.SignOut(ctx, devs[1].ID); err != nil {
		t.Errorf("sign out: %v", err)
	}
	removed, err := c.Users.Remove(ctx, devs[0].ID)
	if err != nil || removed.ID != devs[0].ID || removed.Type != "user_deleted" {
		t.Fatalf("remove = %+v, %v", removed, err)
	}
	if _, err := c.Users.Get(ctx, devs[0].ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("get removed user: %v, want ErrNotFound", err)
	}

	admins := collect(t, c.Users.List(admin.UserListParams{Roles: []admin.OrgRole{admin.OrgRoleAdmin}}))
	_, err = c.Users.Remove(ctx, admins[0].ID)
	var apiErr *admin.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.RequestID == "" || !errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("removing an admin: %v, want a 400 with a request id", err)
	}
}

func TestFakeInvites(t *testing.T) {
	_, c := newDemoFake(t)
	ctx := context.Background()
	pending := collect(t, c.Invites.List(admin.InviteListParams{Statuses: []admin.InviteStatus{admin.InviteStatusPending}}))
	expired := collect(t, c.Invites.List(admin.InviteListParams{Statuses: []admin.InviteStatus{admin.InviteStatusExpired}}))
	if len(pending) != 3 || len(expired) != 2 {
		t.Fatalf("%d pending and %d expired invites, want 3 and 2", len(pending), len(expired))
	}
	inv, err := c.Invites.Create(ctx, admin.InviteCreateParams{Email: "sam@example.com", Role: admin.OrgRoleDeveloper})
	if err != nil || inv.Status != admin.InviteStatusPending || inv.Email != "sam@example.com" || inv.AcceptedAt != nil {
		t.Fatalf("create = %+v, %v", inv, err)
	}
	if !inv.ExpiresAt.After(inv.InvitedAt) {
		t.Errorf("invite expires %v before it was sent %v", inv.ExpiresAt, inv.InvitedAt)
	}
	_, err = c.Invites.Create(ctx, admin.InviteCreateParams{Email: "sam@example.com", Role: admin.OrgRoleUser})
	var apiErr *admin.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode != "invite_already_exists" {
		t.Errorf("second invite: %v, want error code invite_already_exists", err)
	}
	got, err := c.Invites.Get(ctx, inv.ID)
	if err != nil || got.ID != inv.ID {
		t.Fatalf("get = %+v, %v", got, err)
	}
	del, err := c.Invites.Delete(ctx, inv.ID)
	if err != nil || del.ID != inv.ID {
		t.Fatalf("delete = %+v, %v", del, err)
	}
	if _, err := c.Invites.Get(ctx, inv.ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("deleted invite: %v", err)
	}
}

func TestFakeWorkspacesAndMembers(t *testing.T) {
	srv, c := newDemoFake(t)
	ctx := context.Background()
	active := collect(t, c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 2}}))
	all := collect(t, c.Workspaces.List(admin.WorkspaceListParams{IncludeArchived: true, IncludeDefault: true}))
	if len(active) != 4 || len(all) != 6 {
		t.Fatalf("%d active and %d total workspaces, want 4 and 6", len(active), len(all))
	}

	ws, err := c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{
		Name: "Payments", Tags: map[string]string{"team": "payments"},
		DataResidency: admin.DataResidencyParams{AllowedInferenceGeos: admin.InferenceGeos{Geos: []admin.InferenceGeo{admin.InferenceGeoUS}}, DefaultInferenceGeo: admin.InferenceGeoUS},
	})
	if err != nil {
		t.Fatal(err)
	}
	if ws.Name != "Payments" || ws.Tags["team"] != "payments" || ws.Archived() || ws.DataResidency.DefaultInferenceGeo != admin.InferenceGeoUS ||
		!slices.Equal(ws.DataResidency.AllowedInferenceGeos.Geos, []admin.InferenceGeo{admin.InferenceGeoUS}) {
		t.Errorf("created = %+v", ws)
	}
	ws, err = c.Workspaces.Update(ctx, ws.ID, admin.WorkspaceUpdateParams{Name: admin.Set("Payments API"), Tags: map[string]admin.Optional[string]{"team": admin.Clear[string]()}})
	if err != nil || ws.Name != "Payments API" || len(ws.Tags) != 0 {
		t.Fatalf("update = %+v, %v", ws, err)
	}

	user := collect(t, c.Users.List(admin.UserListParams{Roles: []admin.OrgRole{admin.OrgRoleDeveloper}}))[0]
	m, err := c.Workspaces.Members.Add(ctx, ws.ID, admin.WorkspaceMemberAddParams{UserID: user.ID, WorkspaceRole: admin.WorkspaceRoleDeveloper})
	if err != nil || m.UserID != user.ID || m.WorkspaceID != ws.ID {
		t.Fatalf("add = %+v, %v", m, err)
	}
	if m, err = c.Workspaces.Members.Update(ctx, admin.WorkspaceMemberRef{WorkspaceID: ws.ID, UserID: user.ID}, admin.WorkspaceMemberUpdateParams{WorkspaceRole: admin.WorkspaceRoleAdmin}); err != nil || m.WorkspaceRole != admin.WorkspaceRoleAdmin {
		t.Fatalf("update member = %+v, %v", m, err)
	}
	if got, err := c.Workspaces.Members.Get(ctx, admin.WorkspaceMemberRef{WorkspaceID: ws.ID, UserID: user.ID}); err != nil || got.WorkspaceRole != admin.WorkspaceRoleAdmin {
		t.Errorf("get member = %+v, %v", got, err)
	}
	if members := collect(t, c.Workspaces.Members.List(ws.ID, admin.WorkspaceMemberListParams{})); len(members) != 1 {
		t.Errorf("members = %v", members)
	}
	if del, err := c.Workspaces.Members.Remove(ctx, admin.WorkspaceMemberRef{WorkspaceID: ws.ID, UserID: user.ID}); err != nil || del.UserID != user.ID {
		t.Errorf("remove member = %+v, %v", del, err)
	}

	keyID := srv.AddAPIKey("payments", ws.ID, user.ID)
	arch, err := c.Workspaces.Archive(ctx, ws.ID)
	if err != nil || !arch.Archived() {
		t.Fatalf("archive = %+v, %v", arch, err)
	}
	if k, err := c.APIKeys.Get(ctx, keyID); err != nil || k.Status != admin.APIKeyStatusArchived {
		t.Errorf("key of archived workspace = %+v, %v", k, err)
	}
	if _, err := c.Workspaces.Update(ctx, ws.ID, admin.WorkspaceUpdateParams{Name: admin.Set("again")}); !errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("update archived: %v, want invalid request", err)
	}
}

func TestFakeAPIKeysAndRateLimits(t *testing.T) {
	_, c := newDemoFake(t)
	ctx := context.Background()
	keys := collect(t, c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 7}}))
	if len(keys) != 43 {
		t.Fatalf("listed %d keys, want 43", len(keys))
	}
	active := collect(t, c.APIKeys.List(admin.APIKeyListParams{Status: admin.APIKeyStatusActive}))
	k := active[0]
	inWS := collect(t, c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 100}, WorkspaceID: k.WorkspaceID()}))
	if !slices.ContainsFunc(inWS, func(x admin.APIKey) bool { return x.ID == k.ID }) {
		t.Errorf("workspace filter lost %s", k.ID)
	}
	off, err := c.APIKeys.Update(ctx, k.ID, admin.APIKeyUpdateParams{Status: admin.Set(admin.APIKeyStatusInactive)})
	if err != nil || off.Status != admin.APIKeyStatusInactive {
		t.Fatalf("deactivate = %+v, %v", off, err)
	}
	if left := collect(t, c.APIKeys.List(admin.APIKeyListParams{Status: admin.APIKeyStatusActive})); len(left) != len(active)-1 {
		t.Errorf("%d active keys after deactivating one of %d", len(left), len(active))
	}

	limits := collect(t, c.RateLimits.List(admin.RateLimitListParams{PageCursor: admin.PageCursor{Limit: 3}}))
	if len(limits) != 8 {
		t.Fatalf("%d rate limits, want 8", len(limits))
	}
	ws := collect(t, c.Workspaces.List(admin.WorkspaceListParams{}))[0]
	set, err := c.Workspaces.RateLimits.Update(ctx, admin.WorkspaceRateLimitRef{WorkspaceID: ws.ID, RateLimitID: limits[0].ID}, admin.WorkspaceRateLimitUpdateParams{
		Limits: []admin.RateLimitUpdate{{Type: admin.RateLimiterRequestsPerMinute, Value: admin.Set(int64(100))}},
	})
	if err != nil || len(set.Limits) != 1 || set.Limits[0].Value != 100 || set.Limits[0].OrgLimit == nil {
		t.Fatalf("override = %+v, %v", set, err)
	}
	wsLimits := collect(t, c.Workspaces.RateLimits.List(ws.ID, admin.WorkspaceRateLimitListParams{}))
	if len(wsLimits) != 1 || wsLimits[0].RateLimitID != limits[0].ID {
		t.Errorf("workspace limits = %+v", wsLimits)
	}
}

func TestFakeRetriesNeverDuplicateCreates(t *testing.T) {
	srv, c := newDemoFake(t)
	ctx := context.Background()
	srv.Inject(admintest.Fault{Method: "GET", Path: "/v1/organizations/me", Status: 429, RetryAfterMs: "0"})
	if _, err := c.Organization.Get(ctx); err != nil {
		t.Errorf("a read after one 429: %v", err)
	}
	srv.ResetRequests()
	srv.Inject(admintest.Fault{Method: "POST", Path: "/v1/organizations/workspaces", DropAfterHandling: true})
	if _, err := c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{Name: "Once"}); err == nil {
		t.Fatal("a create whose answer was lost reported success")
	}
	named := 0
	for _, w := range collect(t, c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 100}})) {
		if w.Name == "Once" {
			named++
		}
	}
	if named != 1 {
		t.Errorf("%d workspaces named Once, want exactly 1", named)
	}
	if posts := len(slices.DeleteFunc(srv.Requests(), func(r admintest.LoggedRequest) bool { return r.Method != "POST" })); posts != 1 {
		t.Errorf("the create was sent %d times, want 1", posts)
	}
}

func TestFakeReports(t *testing.T) {
	srv, c := newDemoFake(t)
	end := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	start := end.AddDate(0, 0, -90)

	// 90 daily buckets at 31 a page: three pages, every day exactly once.
	buckets := collect(t, c.Usage.Messages(admin.UsageMessagesParams{PageCursor: admin.PageCursor{Limit: 31}, StartingAt: start, EndingAt: end,
		GroupBy: []admin.UsageGroupBy{admin.UsageGroupByModel, admin.UsageGroupByWorkspaceID}}))
	if len(buckets) != 90 {
		t.Fatalf("%d daily buckets, want 90", len(buckets))
	}
	for i, b := range buckets {
		if want := start.AddDate(0, 0, i); !b.StartingAt.Equal(want) || !b.EndingAt.Equal(want.AddDate(0, 0, 1)) {
			t.Fatalf("bucket %d covers %v–%v, want the day from %v", i, b.StartingAt, b.EndingAt, want)
		}
	}
	var output int64
	models := map[string]bool{}
	for _, b := range buckets {
		for _, r := range b.Results {
			output += r.OutputTokens
			models[r.Model] = true
		}
	}
	if output == 0 || len(models) < 3 {
		t.Errorf("90 days of demo usage: %d output tokens over %d models", output, len(models))
	}

	// Cost follows usage: the same 30 days grouped two ways sum to the same
	// exact amount.
	costStart := end.AddDate(0, 0, -30)
	total := func(group []admin.CostGroupBy) admin.Amount {
		var sum admin.Amount
		for _, b := range collect(t, c.Cost.Report(admin.CostReportParams{PageCursor: admin.PageCursor{Limit: 31}, StartingAt: costStart, EndingAt: end, GroupBy: group})) {
			for _, r := range b.Results {
				if r.Currency != "USD" {
					t.Errorf("currency %q", r.Currency)
				}
				sum = sum.Add(r.Amount)
			}
		}
		return sum
	}
	byWorkspace := total([]admin.CostGroupBy{admin.CostGroupByWorkspaceID})
	byLine := total([]admin.CostGroupBy{admin.CostGroupByDescription})
	if byWorkspace.Sign() <= 0 || byWorkspace.Cmp(byLine) != 0 {
		t.Errorf("30-day cost by workspace %s ≠ by description %s", byWorkspace, byLine)
	}

	records := collect(t, c.Usage.ClaudeCode(admin.ClaudeCodeParams{PageCursor: admin.PageCursor{Limit: 5}, Day: end.AddDate(0, 0, -3)}))
	if len(records) == 0 {
		t.Fatal("no Claude Code records for a weekday")
	}
	for _, r := range records {
		if r.Actor.Name() == "" || !r.Date.Equal(end.AddDate(0, 0, -3)) || len(r.ModelBreakdown) == 0 {
			t.Errorf("record = %+v", r)
		}
	}
	pages := map[string]int{}
	for _, r := range srv.Requests() {
		pages[r.Path]++
	}
	if got := pages["/v1/organizations/usage_report/messages"]; got != 3 {
		t.Errorf("90 days at 31 a page took %d requests, want 3", got)
	}
	if got, min := pages["/v1/organizations/usage_report/claude_code"], (len(records)+4)/5; got < min || len(records) <= 5 {
		t.Errorf("%d Claude Code records at 5 a page took %d requests", len(records), got)
	}
}
