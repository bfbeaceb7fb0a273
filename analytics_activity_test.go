package admin_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// Activity input the API would refuse fails before anything is sent.
func TestActivityParamsRefused(t *testing.T) {
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	many := make([]admin.ActivityFilter, 101)
	for i := range many {
		many[i] = admin.ActivityFilter{Dimension: admin.ActivityByUserID, Value: "user_x"}
	}
	cases := []struct {
		name, param string
		p           admin.ArtifactActivityParams
	}{
		{"no date", "date", admin.ArtifactActivityParams{}},
		{"not a UTC day", "date", admin.ArtifactActivityParams{Date: day.Add(3 * time.Hour)}},
		{"limit", "limit", admin.ArtifactActivityParams{Date: day, PageCursor: admin.PageCursor{Limit: 1001}}},
		{"too many filters", "filter", admin.ArtifactActivityParams{Date: day, Filters: many}},
		{"filter without a value", "filter", admin.ArtifactActivityParams{Date: day, Filters: []admin.ActivityFilter{{Dimension: admin.ActivityByProduct}}}},
		{"filter dimension with a colon", "filter", admin.ArtifactActivityParams{Date: day, Filters: []admin.ActivityFilter{{Dimension: "a:b", Value: "x"}}}},
		{"empty group", "group_by", admin.ArtifactActivityParams{Date: day, GroupBy: []admin.ActivityDimension{""}}},
	}
	srv, c := newDemoFake(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv.ResetRequests()
			_, err := c.Analytics.Artifacts(tc.p).Page(t.Context())
			var pe *admin.ParamError
			if !errors.As(err, &pe) || pe.Param != tc.param {
				t.Fatalf("err = %v, want a ParamError for %s", err, tc.param)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// A day's artifacts broken out by member and product, paged, add up to the
// ungrouped cube, which comes in one page; filters narrow it; the fake
// refuses what the API refuses.
func TestArtifactActivity(t *testing.T) {
	t.Parallel()
	srv, c := newDemoFake(t)
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	cube := collect(t, c.Analytics.Artifacts(admin.ArtifactActivityParams{Date: day, PageCursor: admin.PageCursor{Limit: 1}}))
	if len(srv.Requests()) != 1 || len(cube) < 4 {
		t.Fatalf("ungrouped: %d rows in %d requests, want the whole cube in one", len(cube), len(srv.Requests()))
	}
	total := map[string]int64{}
	for _, r := range cube {
		if r.Product != nil || r.UserID != nil || r.PublishedArtifactsCreatedCount > r.ArtifactsCreatedCount || r.DistinctUserCount < 1 {
			t.Errorf("ungrouped row = %s", r.RawJSON())
		}
		total[r.ArtifactType] += r.ArtifactsCreatedCount
	}
	srv.ResetRequests()
	rows := collect(t, c.Analytics.Artifacts(admin.ArtifactActivityParams{Date: day, PageCursor: admin.PageCursor{Limit: 5},
		GroupBy: []admin.ActivityDimension{admin.ActivityByUserID, admin.ActivityByProduct}}))
	if len(srv.Requests()) < 2 {
		t.Errorf("grouped: %d requests, want pages", len(srv.Requests()))
	}
	users := map[string]bool{}
	for _, r := range rows {
		if r.UserID == nil || !strings.HasPrefix(*r.UserID, "user_") || r.Product == nil || r.DistinctUserCount != 1 {
			t.Fatalf("grouped row = %s", r.RawJSON())
		}
		users[*r.UserID] = true
		total[r.ArtifactType] -= r.ArtifactsCreatedCount
	}
	for typ, n := range total {
		if n != 0 {
			t.Errorf("%s: the break-out differs from the cube by %d", typ, n)
		}
	}
	someone := ""
	for u := range users {
		someone = u
	}
	mine := collect(t, c.Analytics.Artifacts(admin.ArtifactActivityParams{Date: day,
		Filters: []admin.ActivityFilter{{Dimension: admin.ActivityByUserID, Value: someone}, {Dimension: admin.ActivityByIsShared, Value: "false"}}}))
	for _, r := range mine {
		if r.IsShared || r.DistinctUserCount != 1 {
			t.Errorf("filtered row = %s", r.RawJSON())
		}
	}

	for name, p := range map[string]admin.ArtifactActivityParams{
		"today":                 {Date: fakeNow.Truncate(24 * time.Hour)},
		"unsupported dimension": {Date: day, Filters: []admin.ActivityFilter{{Dimension: "model", Value: "x"}}},
		"unsupported group":     {Date: day, GroupBy: []admin.ActivityDimension{"model"}},
	} {
		_, err := c.Analytics.Artifacts(p).Page(t.Context())
		var ae *admin.APIError
		if !errors.As(err, &ae) || ae.StatusCode != http.StatusBadRequest || ae.Type != admin.ErrorTypeInvalidRequest {
			t.Errorf("%s: err = %v, want a 400 invalid_request_error", name, err)
		}
	}
}

// The date and range rules of the activity listings fail before sending.
func TestActivityRangeRefused(t *testing.T) {
	day := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name, param string
		p           admin.ActivityListParams
	}{
		{"neither", "date", admin.ActivityListParams{}},
		{"both", "starting_date", admin.ActivityListParams{Date: day, StartingDate: day}},
		{"end alone", "ending_date", admin.ActivityListParams{Date: day, EndingDate: day}},
		{"before 2026", "date", admin.ActivityListParams{Date: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}},
		{"start before 2026", "starting_date", admin.ActivityListParams{StartingDate: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)}},
		{"reversed", "ending_date", admin.ActivityListParams{StartingDate: day, EndingDate: day}},
		{"over 366 days", "ending_date", admin.ActivityListParams{StartingDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), EndingDate: time.Date(2027, 1, 3, 0, 0, 0, 0, time.UTC)}},
		{"not a day", "starting_date", admin.ActivityListParams{StartingDate: day.Add(time.Minute)}},
		{"order", "order", admin.ActivityListParams{Date: day, Order: "up"}},
		{"limit", "limit", admin.ActivityListParams{Date: day, PageCursor: admin.PageCursor{Limit: -1}}},
	}
	srv, c := newDemoFake(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv.ResetRequests()
			_, err := c.Analytics.Plugins(tc.p).Page(t.Context())
			var pe *admin.ParamError
			if !errors.As(err, &pe) || pe.Param != tc.param {
				t.Fatalf("err = %v, want a ParamError for %s", err, tc.param)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// A week of plugin use rolled up sums each day's invocations and recounts
// the members; a metric ranks descending; filters and break-outs narrow it.
func TestPluginActivity(t *testing.T) {
	t.Parallel()
	_, c := newDemoFake(t)
	start := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	calls, users := map[string]int64{}, map[string]int64{}
	for d := range 7 {
		for _, r := range collect(t, c.Analytics.Plugins(admin.ActivityListParams{Date: start.AddDate(0, 0, d)})) {
			calls[r.PluginName] += r.InvocationCount
			users[r.PluginName] += r.DistinctUserCount
		}
	}
	week := collect(t, c.Analytics.Plugins(admin.ActivityListParams{StartingDate: start, EndingDate: start.AddDate(0, 0, 7), OrderBy: "invocation_count", PageCursor: admin.PageCursor{Limit: 2}}))
	if len(week) != len(calls) || len(week) < 3 {
		t.Fatalf("%d plugins over the week, %d over its days", len(week), len(calls))
	}
	for i, r := range week {
		if r.InvocationCount != calls[r.PluginName] || r.DistinctUserCount > users[r.PluginName] || r.DistinctUserCount < 1 {
			t.Errorf("%s over the week: %s; the days had %d calls and %d users", r.PluginName, r.RawJSON(), calls[r.PluginName], users[r.PluginName])
		}
		if i > 0 && r.InvocationCount > week[i-1].InvocationCount {
			t.Errorf("not ranked by invocations: %d after %d", r.InvocationCount, week[i-1].InvocationCount)
		}
		if r.Product != nil || r.UserID != nil {
			t.Errorf("ungrouped row = %s", r.RawJSON())
		}
	}
	name := week[0].PluginName
	code := collect(t, c.Analytics.Plugins(admin.ActivityListParams{StartingDate: start, EndingDate: start.AddDate(0, 0, 7),
		GroupBy: []admin.ActivityDimension{admin.ActivityByProduct},
		Filters: []admin.ActivityFilter{{Dimension: admin.ActivityByPluginName, Value: strings.ToUpper(name)}}}))
	var sum int64
	for _, r := range code {
		if r.PluginName != name || r.Product == nil {
			t.Errorf("filtered row = %s", r.RawJSON())
		}
		sum += r.InvocationCount
	}
	if sum != calls[name] {
		t.Errorf("%s by product: %d calls, want %d", name, sum, calls[name])
	}
	for what, p := range map[string]admin.ActivityListParams{
		"unknown order_by":    {Date: start, OrderBy: "tokens"},
		"ending today+1":      {StartingDate: start, EndingDate: fakeNow.Truncate(24*time.Hour).AddDate(0, 0, 1)},
		"chat_cowork_unified": {Date: start, Filters: []admin.ActivityFilter{{Dimension: admin.ActivityByProduct, Value: string(admin.ProductChatCoworkUnified)}}},
	} {
		_, err := c.Analytics.Plugins(p).Page(t.Context())
		var ae *admin.APIError
		if !errors.As(err, &ae) || ae.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: err = %v, want a 400", what, err)
		}
	}
}

// Skills broken out by product add up to the skill's row; a built-in skill
// has no display name, an organization's opaque skill has one; its list
// price is in cents of USD.
func TestSkillActivity(t *testing.T) {
	t.Parallel()
	_, c := newDemoFake(t)
	start := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	week := admin.ActivityListParams{StartingDate: start, EndingDate: start.AddDate(0, 0, 7)}
	skills := collect(t, c.Analytics.Skills(week))
	calls := map[string]int64{}
	named := 0
	for _, r := range skills {
		calls[r.SkillName] = r.InvocationCount
		if r.Currency == nil || *r.Currency != "USD" || r.AttributedListPrice == nil || r.AttributedListPrice.Sign() <= 0 && r.InvocationCount > 0 {
			t.Errorf("skill row = %s", r.RawJSON())
		}
		if strings.HasPrefix(r.SkillName, "skill_") {
			if r.SkillDisplayName == nil || r.ShareStatus == admin.SkillPublic {
				t.Errorf("org skill row = %s", r.RawJSON())
			}
			named++
		} else if r.SkillDisplayName != nil {
			t.Errorf("built-in skill row = %s", r.RawJSON())
		}
	}
	if len(skills) < 4 || named == 0 {
		t.Fatalf("%d skills, %d of the organization's", len(skills), named)
	}
	week.GroupBy = []admin.ActivityDimension{admin.ActivityByProduct}
	week.PageCursor.Limit = 3
	var office int64
	for _, r := range collect(t, c.Analytics.Skills(week)) {
		calls[r.SkillName] -= r.InvocationCount
		if r.Product != nil && *r.Product == admin.ProductOfficeAgent {
			o := r.Office
			office += *o.Excel.DistinctSessions + *o.Outlook.DistinctSessions + *o.PowerPoint.DistinctSessions + *o.Word.DistinctSessions
		}
	}
	for name, n := range calls {
		if n != 0 {
			t.Errorf("%s: the break-out by product differs by %d calls", name, n)
		}
	}
	if office == 0 {
		t.Error("no Office Agent sessions in the week")
	}
	week.GroupBy, week.Filters = nil, []admin.ActivityFilter{{Dimension: admin.ActivityByShareStatus, Value: "everyone"}}
	_, err := c.Analytics.Skills(week).Page(t.Context())
	var ae *admin.APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown share_status: err = %v, want a 400", err)
	}
}

// A project's use broken out by member adds up to its row; its creator is
// a member of the organization; a project filter keeps one project.
func TestChatProjectActivity(t *testing.T) {
	t.Parallel()
	_, c := newDemoFake(t)
	start := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	week := admin.ActivityListParams{StartingDate: start, EndingDate: start.AddDate(0, 0, 7), OrderBy: "message_count"}
	members := map[string]string{}
	for _, u := range collect(t, c.Users.List(admin.UserListParams{})) {
		members[u.ID] = u.Email
	}
	projects := collect(t, c.Analytics.ChatProjects(week))
	if len(projects) < 3 {
		t.Fatalf("%d projects", len(projects))
	}
	msgs := map[string]int64{}
	for i, p := range projects {
		msgs[p.ProjectID] = p.MessageCount
		if members[p.CreatedBy.ID] != p.CreatedBy.EmailAddress || !strings.HasPrefix(p.ProjectID, "claude_proj_") || !p.CreatedAt.Before(start.AddDate(0, 0, 7)) ||
			(i > 0 && p.MessageCount > projects[i-1].MessageCount) {
			t.Errorf("project row = %s", p.RawJSON())
		}
	}
	week.GroupBy = []admin.ActivityDimension{admin.ActivityByUserID}
	week.Filters = []admin.ActivityFilter{{Dimension: admin.ActivityByProjectID, Value: projects[0].ProjectID}}
	for _, r := range collect(t, c.Analytics.ChatProjects(week)) {
		if r.ProjectID != projects[0].ProjectID || r.UserID == nil || members[*r.UserID] == "" || r.DistinctUserCount != 1 {
			t.Errorf("by member = %s", r.RawJSON())
		}
		msgs[r.ProjectID] -= r.MessageCount
	}
	if n := msgs[projects[0].ProjectID]; n != 0 {
		t.Errorf("the break-out by member differs by %d messages", n)
	}
	_, err := c.Analytics.ChatProjects(admin.ActivityListParams{Date: start, GroupBy: []admin.ActivityDimension{admin.ActivityByProduct}}).Page(t.Context())
	var ae *admin.APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusBadRequest {
		t.Errorf("group_by product: err = %v, want a 400", err)
	}
}

// A connector's calls split into read, write and unclassified; its use by
// product adds up to its row; a display name finds the opaque connector.
func TestConnectorActivity(t *testing.T) {
	t.Parallel()
	_, c := newDemoFake(t)
	start := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	week := admin.ActivityListParams{StartingDate: start, EndingDate: start.AddDate(0, 0, 7), OrderBy: "read_call_count", Order: admin.SortAsc}
	rows := collect(t, c.Analytics.Connectors(week))
	if len(rows) < 4 {
		t.Fatalf("%d connectors", len(rows))
	}
	calls := map[string]int64{}
	for i, r := range rows {
		if r.ReadCallCount == nil || r.WriteCallCount == nil || r.UnclassifiedCallCount == nil || r.ManagedAuthDistinctUserCount != nil ||
			(i > 0 && *r.ReadCallCount < *rows[i-1].ReadCallCount) {
			t.Fatalf("connector row = %s", r.RawJSON())
		}
		calls[r.ConnectorName] = *r.ReadCallCount + *r.WriteCallCount + *r.UnclassifiedCallCount
	}
	week.GroupBy = []admin.ActivityDimension{admin.ActivityByProduct}
	for _, r := range collect(t, c.Analytics.Connectors(week)) {
		calls[r.ConnectorName] -= *r.ReadCallCount + *r.WriteCallCount + *r.UnclassifiedCallCount
	}
	for name, n := range calls {
		if n != 0 {
			t.Errorf("%s: the break-out by product differs by %d calls", name, n)
		}
	}
	week.GroupBy, week.Filters = nil, []admin.ActivityFilter{{Dimension: admin.ActivityByConnector, Value: "acme jira"}}
	jira := collect(t, c.Analytics.Connectors(week))
	if len(jira) != 1 || jira[0].ConnectorDisplayName == nil || *jira[0].ConnectorDisplayName != "Acme Jira" || *jira[0].UnclassifiedCallCount == 0 {
		t.Errorf("by display name: %d rows", len(jira))
	}
}

// A summary series has a row per day; the active counts grow from a day to
// a week to a month, never past the seats; a series scoped to an RBAC group
// has no seat figures.
func TestActivitySummaries(t *testing.T) {
	t.Parallel()
	_, c := newDemoFake(t)
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	days := collect(t, c.Analytics.Summaries(admin.ActivitySummaryParams{StartingDate: start, EndingDate: start.AddDate(0, 0, 14)}))
	if len(days) != 14 {
		t.Fatalf("%d days, want 14", len(days))
	}
	for i, d := range days {
		if !d.StartingAt.Equal(start.AddDate(0, 0, i)) || d.AssignedSeatCount == nil || d.DailyActiveUserCount > d.WeeklyActiveUserCount ||
			d.WeeklyActiveUserCount > d.MonthlyActiveUserCount || d.MonthlyActiveUserCount > *d.AssignedSeatCount || d.DailyActiveUserCount == 0 ||
			*d.ClaudeCodeDailyActiveUserCount > d.DailyActiveUserCount || d.ClaudeDesignDailyActiveUserCount != nil {
			t.Errorf("day %d = %s", i, d.RawJSON())
		}
	}
	scoped := collect(t, c.Analytics.Summaries(admin.ActivitySummaryParams{StartingDate: start, EndingDate: start.AddDate(0, 0, 2), RBACGroupIDs: []string{"rbac_group_01X"}}))
	if len(scoped) != 2 || scoped[0].AssignedSeatCount != nil || scoped[0].DailyAdoptionRate != nil {
		t.Errorf("scoped = %v", scoped)
	}
	for name, p := range map[string]admin.ActivitySummaryParams{
		"no start": {}, "reversed": {StartingDate: start, EndingDate: start}, "not a day": {StartingDate: start.Add(time.Hour)},
	} {
		var pe *admin.ParamError
		if _, err := c.Analytics.Summaries(p).Page(t.Context()); !errors.As(err, &pe) {
			t.Errorf("%s: err = %v, want a ParamError", name, err)
		}
	}
}
