package admintest_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// Analytics come from the same traffic as the legacy reports: a day's cost
// by workspace over the tiers the cost report bills equals the cost
// report's, to the last digit, and a day's tokens by workspace equal the
// usage report's.
func TestAnalyticsAgreeWithTheReports(t *testing.T) {
	srv := newDemo(t)
	c := srv.Client()
	ctx := t.Context()
	for _, day := range []time.Time{time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)} {
		next := day.AddDate(0, 0, 1)
		def, err := c.Workspaces.Get(ctx, defaultWorkspaceID(t, srv))
		if err != nil {
			t.Fatal(err)
		}
		// The cost report names the default workspace null; analytics by ID.
		reportID := func(id string) string {
			if id == def.ID {
				return ""
			}
			return id
		}

		want := map[string]string{}
		for b, err := range c.Cost.Report(admin.CostReportParams{StartingAt: day, EndingAt: next, GroupBy: []admin.CostGroupBy{admin.CostGroupByWorkspaceID}}).All(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range b.Results {
				want[r.WorkspaceID] = r.Amount.String()
			}
		}
		got := map[string]string{}
		rows := c.Analytics.Cost(admin.AnalyticsCostParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: day, EndingAt: next,
			GroupBy:          []admin.AnalyticsDimension{admin.DimWorkspaceID},
			AnalyticsFilters: admin.AnalyticsFilters{ServiceTiers: []admin.ServiceTier{admin.ServiceTierStandard, admin.ServiceTierBatch}}}})
		for r, err := range rows.All(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			if r.Cost.Amount.Cmp(r.Cost.ListAmount) != 0 || r.Cost.Currency != "USD" || !r.StartingAt.Equal(day) || !r.EndingAt.Equal(next) {
				t.Errorf("row = %s", r.RawJSON())
			}
			got[reportID(r.Group.WorkspaceID)] = r.Cost.Amount.String()
		}
		if len(want) < 3 || len(got) != len(want) {
			t.Fatalf("%s: cost report %v, analytics %v", day.Format(time.DateOnly), want, got)
		}
		for id, amount := range want {
			if got[id] != amount {
				t.Errorf("%s workspace %q: analytics %s, cost report %s", day.Format(time.DateOnly), id, got[id], amount)
			}
		}

		wantTokens := map[string]int64{}
		for b, err := range c.Usage.Messages(admin.UsageMessagesParams{StartingAt: day, EndingAt: next, GroupBy: []admin.UsageGroupBy{admin.UsageGroupByWorkspaceID}}).All(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range b.Results {
				wantTokens[r.WorkspaceID] = r.TotalInputTokens() + r.OutputTokens
			}
		}
		gotTokens := map[string]int64{}
		for r, err := range c.Analytics.Usage(admin.AnalyticsUsageParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: day, EndingAt: next,
			TimeBucketWidth: admin.BucketWidthDay, GroupBy: []admin.AnalyticsDimension{admin.DimWorkspaceID}}}).All(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			u := r.Usage
			if u.TotalTokens != u.UncachedInputTokens+u.CacheCreation.Ephemeral1hInputTokens+u.CacheCreation.Ephemeral5mInputTokens+u.CacheReadInputTokens+u.OutputTokens {
				t.Errorf("total_tokens is not the sum: %s", r.RawJSON())
			}
			gotTokens[reportID(r.Group.WorkspaceID)] = u.TotalTokens
		}
		if len(gotTokens) != len(wantTokens) {
			t.Fatalf("usage report %v, analytics %v", wantTokens, gotTokens)
		}
		for id, n := range wantTokens {
			if gotTokens[id] != n {
				t.Errorf("%s workspace %q: analytics %d tokens, usage report %d", day.Format(time.DateOnly), id, gotTokens[id], n)
			}
		}
	}
}

func collectAll[T any](t *testing.T, l *admin.List[T]) []T {
	t.Helper()
	out, err := l.Collect(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// defaultWorkspaceID finds the default workspace through an API key of it.
func defaultWorkspaceID(t *testing.T, srv interface {
	Client(...admin.Option) *admin.Client
}) string {
	t.Helper()
	for _, k := range collectAll(t, srv.Client().APIKeys.List(admin.APIKeyListParams{})) {
		if strings.HasPrefix(k.Name, "laptop-") {
			return k.Scope.WorkspaceID
		}
	}
	t.Fatal("no key of the default workspace")
	return ""
}

// Actors are the organization's members, service accounts and keys, and
// products tell Claude Code from the Messages API and the Console.
func TestAnalyticsActorsAndProducts(t *testing.T) {
	srv := newDemo(t)
	c := srv.Client()
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	names := map[string]bool{}
	for _, u := range collectAll(t, c.Users.List(admin.UserListParams{})) {
		names[u.Name] = true
	}
	kinds, products := map[admin.AnalyticsActorType]int{}, map[admin.AnalyticsProduct]bool{}
	for r, err := range c.Analytics.Cost(admin.AnalyticsCostParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: day, EndingAt: day.AddDate(0, 0, 1),
		GroupBy: []admin.AnalyticsDimension{admin.DimActor, admin.DimActorType, admin.DimProduct}, PageCursor: admin.PageCursor{Limit: 7}}}).All(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		a := r.Group.Actor
		if a == nil || a.Type != r.Group.ActorType {
			t.Fatalf("row = %s", r.RawJSON())
		}
		kinds[a.Type]++
		products[r.Group.Product] = true
		switch a.Type {
		case admin.AnalyticsUserActor:
			if !names[a.Name] || a.Deleted || !strings.HasPrefix(a.UserID, "user_") {
				t.Errorf("user actor = %+v", a)
			}
		case admin.AnalyticsServiceAccountActor:
			if !strings.HasPrefix(a.ServiceAccountID, "svac_") {
				t.Errorf("service account actor = %+v", a)
			}
		}
	}
	if kinds[admin.AnalyticsUserActor] < 5 || kinds[admin.AnalyticsServiceAccountActor] != 1 {
		t.Errorf("actors = %v", kinds)
	}
	for _, p := range []admin.AnalyticsProduct{admin.ProductClaudeCode, admin.ProductMessagesAPI, admin.ProductClaudeConsole, admin.ProductMessageBatchesAPI} {
		if !products[p] {
			t.Errorf("no %s usage; products %v", p, products)
		}
	}
}

// The documented refusals, with the API's error shape.
func TestAnalyticsRefusals(t *testing.T) {
	srv := newDemo(t)
	cases := []struct{ name, path, query string }{
		{"no start", "cost", ""},
		{"range over 31 days", "cost", "starting_at=2026-10-01T00:00:00Z&ending_at=2026-11-02T00:00:00Z"},
		{"1m over 24 hours", "usage", "starting_at=2026-11-17T00:00:00Z&ending_at=2026-11-18T00:01:00Z&time_bucket_width=1m"},
		{"width without end", "usage", "starting_at=2026-11-17T00:00:00Z&time_bucket_width=1h"},
		{"six dimensions", "usage", "starting_at=2026-11-17T00:00:00Z&group_by[]=model&group_by[]=actor&group_by[]=product&group_by[]=speed&group_by[]=workspace_id&group_by[]=service_tier"},
		{"before 2026", "cost", "starting_at=2025-12-31T00:00:00Z"},
		{"over a year ago", "cost", "starting_at=2025-11-19T00:00:00Z"},
		{"unsupported dimension", "cost", "group_by[]=description&starting_at=2026-11-17T00:00:00Z"},
		{"cost dimension on usage", "usage", "group_by[]=cost_type&starting_at=2026-11-17T00:00:00Z"},
		{"exclude deleted without actor", "cost", "exclude_deleted_users=true&starting_at=2026-11-17T00:00:00Z"},
		{"no whole bucket", "cost", "starting_at=2026-11-17T00:00:00Z&ending_at=2026-11-17T23:00:00Z&time_bucket_width=1d"},
		{"unknown product", "cost", "products[]=claude-tag&starting_at=2026-11-17T00:00:00Z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := send(t, srv, "GET", "/v1/organizations/analytics/"+tc.path+"?"+tc.query, "", "anthropic-beta", admin.BetaAnalyticsUsageCost)
			if r.Status != http.StatusBadRequest || r.errorType(t) != "invalid_request_error" {
				t.Errorf("%d %s, want a 400 invalid_request_error", r.Status, r.Body)
			}
		})
	}
	// Five dimensions and both cost-only ones are fine.
	q := url.Values{"starting_at": {"2026-11-17T00:00:00Z"}, "ending_at": {"2026-11-18T00:00:00Z"},
		"group_by[]": {"model", "actor", "product", "speed", "workspace_id", "cost_type", "token_type"}}
	if r := send(t, srv, "GET", "/v1/organizations/analytics/cost?"+q.Encode(), "", "anthropic-beta", admin.BetaAnalyticsUsageCost); r.Status != http.StatusOK {
		t.Errorf("five dimensions and the cost-only two: %d %s", r.Status, r.Body)
	}
}
