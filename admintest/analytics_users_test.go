package admintest_test

import (
	"errors"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// A member's Claude Code figures in the per-user listing are that member's
// records of the Claude Code report, summed: the two endpoints agree to the
// line, over one day and rolled up over a range.
func TestUserActivityAgreesWithTheClaudeCodeReport(t *testing.T) {
	srv := newDemo(t)
	c := srv.Client()
	ctx := t.Context()
	first := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	type code struct{ sessions, commits, prs, added, removed, editAccepted int64 }
	want := map[string]*code{} // by email, over the three days
	for d := range 3 {
		day := first.AddDate(0, 0, d)
		for r, err := range c.Usage.ClaudeCode(admin.ClaudeCodeParams{Day: day}).All(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			if r.Actor.EmailAddress == "" {
				continue // API-key actors have no member row
			}
			w := want[r.Actor.EmailAddress]
			if w == nil {
				w = &code{}
				want[r.Actor.EmailAddress] = w
			}
			w.sessions += r.CoreMetrics.NumSessions
			w.commits += r.CoreMetrics.CommitsByClaudeCode
			w.prs += r.CoreMetrics.PullRequestsByClaudeCode
			w.added += r.CoreMetrics.LinesOfCode.Added
			w.removed += r.CoreMetrics.LinesOfCode.Removed
			w.editAccepted += r.ToolActions["edit_tool"].Accepted
		}
	}
	if len(want) < 3 {
		t.Fatalf("only %d members in the Claude Code report", len(want))
	}
	got := map[string]*code{}
	rows := c.Analytics.Users(admin.ActivityListParams{StartingDate: first, EndingDate: first.AddDate(0, 0, 3), PageCursor: admin.PageCursor{Limit: 3}})
	for r, err := range rows.All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		m := r.ClaudeCode
		if m.Core.DistinctSessionCount == 0 {
			continue
		}
		if got[r.User.EmailAddress] != nil || r.User.ID == "" || r.LastActivityDate == nil {
			t.Errorf("row %s", r.RawJSON())
		}
		got[r.User.EmailAddress] = &code{m.Core.DistinctSessionCount, m.Core.CommitCount, m.Core.PullRequestCount,
			m.Core.LinesOfCode.Added, m.Core.LinesOfCode.Removed, m.ToolActions.Edit.Accepted}
	}
	if len(got) != len(want) {
		t.Fatalf("%d members with Claude Code sessions in analytics, %d in the report", len(got), len(want))
	}
	for email, w := range want {
		if g := got[email]; g == nil || *g != *w {
			t.Errorf("%s: analytics %+v, Claude Code report %+v", email, g, w)
		}
	}
}

// The listing refuses what the API refuses: a project filter with a
// break-out, an unsupported dimension, a day the data does not cover yet.
func TestUserActivityRefusals(t *testing.T) {
	srv := newDemo(t)
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ name, query string }{
		{"project with group_by", "date=2026-11-18&filter[]=project_id:claude_proj_1&group_by[]=rbac_group_id"},
		{"project with group filter", "date=2026-11-18&filter[]=project_id:claude_proj_1&filter[]=rbac_group_id:rbac_group_1"},
		{"product break-out", "date=2026-11-18&group_by[]=product"},
		{"unknown order_by", "date=2026-11-18&order_by=cost"},
		{"today", "date=2026-11-20"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := send(t, srv, "GET", "/v1/organizations/analytics/users?"+tc.query, "")
			if r.Status != 400 || r.errorType(t) != "invalid_request_error" {
				t.Errorf("status %d, body %s", r.Status, r.Body)
			}
		})
	}
	// The library refuses the first before sending.
	_, err := srv.Client().Analytics.Users(admin.ActivityListParams{Date: day, GroupBy: []admin.ActivityDimension{admin.ActivityByRBACGroupID},
		Filters: []admin.ActivityFilter{{Dimension: admin.ActivityByProjectID, Value: "claude_proj_1"}}}).Collect(t.Context())
	if !errors.Is(err, admin.ErrInvalidParam) {
		t.Errorf("err = %v", err)
	}
}

// Every actor the analytics name is one of the organization's: members
// (or former members, marked deleted), API keys and service accounts the
// admin endpoints know.
func TestAnalyticsActorsAreReal(t *testing.T) {
	srv := newDemo(t)
	c, ctx := srv.Client(), t.Context()
	oauth := admin.WithAuthToken(srv.OAuthToken())
	start := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	kinds := map[admin.AnalyticsActorType]int{}
	rows := c.Analytics.Cost(admin.AnalyticsCostParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: start, EndingAt: start.AddDate(0, 0, 7),
		GroupBy: []admin.AnalyticsDimension{admin.DimActor}, PageCursor: admin.PageCursor{Limit: 1000}}})
	for r, err := range rows.All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		a := r.Group.Actor
		if a == nil {
			continue
		}
		kinds[a.Type]++
		var err error
		switch a.Type {
		case admin.AnalyticsUserActor:
			if !a.Deleted {
				_, err = c.Users.Get(ctx, a.UserID)
			}
		case admin.AnalyticsAPIActor:
			_, err = c.APIKeys.Get(ctx, a.APIKeyID)
		case admin.AnalyticsServiceAccountActor:
			_, err = c.ServiceAccounts.Get(ctx, a.ServiceAccountID, oauth)
		}
		if err != nil {
			t.Errorf("actor %s: %v", r.RawJSON(), err)
		}
	}
	if kinds[admin.AnalyticsUserActor] == 0 || kinds[admin.AnalyticsServiceAccountActor] == 0 {
		t.Errorf("actor kinds %v: want members and service accounts", kinds)
	}
}

// The activity listings break out by and filter on the organization's real
// RBAC groups: a member's row carries their group, and a group filter keeps
// that group's members only.
func TestActivityByRBACGroup(t *testing.T) {
	srv := newDemo(t)
	c, ctx := srv.Client(), t.Context()
	groups, err := c.RBACGroups.List(admin.RBACListParams{}).Collect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var research admin.RBACGroup
	for _, g := range groups {
		if g.Name == "Research" {
			research = g
		}
	}
	members := map[string]bool{}
	for m, err := range c.RBACGroups.Members.List(research.ID, admin.RBACListParams{}).All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		members[m.UserID] = true
	}
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	named := 0
	for r, err := range c.Analytics.Users(admin.ActivityListParams{Date: day, GroupBy: []admin.ActivityDimension{admin.ActivityByRBACGroupID}}).All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if r.RBACGroupID != nil {
			named++
			if r.RBACGroupName == nil || *r.RBACGroupName == "" {
				t.Errorf("group without its name: %s", r.RawJSON())
			}
		}
	}
	in, err := c.Analytics.Users(admin.ActivityListParams{Date: day,
		Filters: []admin.ActivityFilter{{Dimension: admin.ActivityByRBACGroupID, Value: research.ID}}}).Collect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range in {
		if !members[r.User.ID] {
			t.Errorf("%s is not in %s", r.User.EmailAddress, research.Name)
		}
	}
	if named == 0 || len(in) == 0 || len(members) == 0 {
		t.Errorf("%d rows with a group, %d rows of %s's %d members", named, len(in), research.Name, len(members))
	}
}
