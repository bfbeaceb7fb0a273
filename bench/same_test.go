package bench

import (
	"net/url"
	"reflect"
	"slices"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-admin-go/admin"
)

// The benchmarks compare like with like only if the three clients get the
// same answers from the same requests. These tests check that they do.

func TestSameUser(t *testing.T) {
	ctx := t.Context()
	got, err := ours(fx.FakeURL).Users.Get(ctx, fx.UserID)
	if err != nil {
		t.Fatal(err)
	}
	var floor admin.User
	if err := (baseline{base: fx.FakeURL}).do(ctx, "GET", "/v1/organizations/users/"+url.PathEscape(fx.UserID), nil, nil, &floor); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, floor) {
		t.Errorf("ours decoded %+v (%s), the baseline %+v (%s)", *got, got.RawJSON(), floor, floor.RawJSON())
	}
	api := sdk()
	u, err := api.Organization.Users.Get(ctx, fx.UserID)
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != got.ID || u.Email != got.Email || u.Name != got.Name || string(u.Role) != string(got.Role) || !u.AddedAt.Equal(got.AddedAt) {
		t.Errorf("the SDK got %+v, ours %+v", u, *got)
	}
}

func TestSameUserList(t *testing.T) {
	ctx := t.Context()
	var mine, floor, theirs []string
	for u, err := range ours(fx.FakeURL).Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 100}}).All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		mine = append(mine, u.ID)
	}
	err := each(ctx, baseline{base: fx.FakeURL}, "/v1/organizations/users", url.Values{"limit": {"100"}}, func(u *admin.User) { floor = append(floor, u.ID) })
	if err != nil {
		t.Fatal(err)
	}
	api := sdk()
	pager := api.Organization.Users.ListAutoPaging(ctx, anthropic.OrganizationUserListParams{Limit: anthropic.Int(100)})
	for pager.Next() {
		theirs = append(theirs, pager.Current().ID)
	}
	if err := pager.Err(); err != nil {
		t.Fatal(err)
	}
	if len(mine) != listedUsers || !slices.Equal(mine, floor) || !slices.Equal(mine, theirs) {
		t.Errorf("listed %d members (ours), %d (baseline), %d (SDK), or in different orders; want %d each",
			len(mine), len(floor), len(theirs), listedUsers)
	}
}

func TestSameReports(t *testing.T) {
	ctx := t.Context()
	lib := ours(fx.ExtraURL)
	usage, err := lib.Usage.Messages(usageParams()).Page(ctx)
	if err != nil {
		t.Fatal(err)
	}
	usageFloor, err := floorReport[admin.UsageResult](ctx, "/v1/organizations/usage_report/messages", usageQuery(fx.UsageStart, fx.UsageEnd))
	if err != nil {
		t.Fatal(err)
	}
	if countResults(usage.Data) != usageBuckets*usageGroups || !reflect.DeepEqual(usage.Data, usageFloor) {
		t.Errorf("usage: ours decoded %d results, the baseline %d, or they differ", countResults(usage.Data), countResults(usageFloor))
	}
	if r := usage.Data[1].Results[2]; r.Model == "" || r.WorkspaceID == "" || r.APIKeyID == "" || r.AccountID != "" || r.TotalInputTokens() == 0 {
		t.Errorf("usage result decoded without its groups or tokens: %+v", r)
	}

	cost, err := lib.Cost.Report(costParams()).Page(ctx)
	if err != nil {
		t.Fatal(err)
	}
	costFloor, err := floorReport[admin.CostResult](ctx, "/v1/organizations/cost_report", costQuery(fx.CostStart, fx.CostEnd))
	if err != nil {
		t.Fatal(err)
	}
	if countResults(cost.Data) != fx.CostResults || fx.CostResults < costDays || !reflect.DeepEqual(cost.Data, costFloor) {
		t.Errorf("cost: ours decoded %d results, the baseline %d, the fake sent %d, or they differ",
			countResults(cost.Data), countResults(costFloor), fx.CostResults)
	}
	described := 0
	for _, b := range cost.Data {
		for _, r := range b.Results {
			if r.Description != "" && r.Model != "" && r.Amount.Sign() > 0 {
				described++
			}
		}
	}
	if described == 0 {
		t.Error("no cost result has a description, a model and an amount")
	}
}

func TestSameAnalyticsPage(t *testing.T) {
	ctx := t.Context()
	mine, err := ours(fx.ExtraURL).Analytics.Cost(analyticsParams()).Page(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var floor page[admin.AnalyticsCostRow]
	if err := (baseline{base: fx.ExtraURL}).do(ctx, "GET", "/v1/organizations/analytics/cost", analyticsQuery(fx.CostStart, fx.CostEnd), nil, &floor); err != nil {
		t.Fatal(err)
	}
	if len(mine.Data) != fx.AnalyticsRows || !reflect.DeepEqual(mine.Data, floor.Data) {
		t.Fatalf("ours decoded %d rows, the baseline %d, the fake sent %d, or they differ", len(mine.Data), len(floor.Data), fx.AnalyticsRows)
	}
	api := sdkExtra()
	theirs, err := api.Beta.Organization.Analytics.Cost.List(ctx, anthropic.BetaOrganizationAnalyticsCostListParams{
		StartingAt: fx.CostStart, EndingAt: anthropic.Time(fx.CostEnd), TimeBucketWidth: anthropic.BetaAnalyticsTimeBucketWidthDay,
		Limit: anthropic.Int(analyticsLimit)})
	if err != nil {
		t.Fatal(err)
	}
	users := 0
	for i, r := range mine.Data {
		s := theirs.Data[i]
		if r.Cost.Amount.String() != s.Cost.Amount || r.Group.Model != s.Group.Model || r.Group.Actor == nil || string(r.Group.Actor.Type) != string(s.Group.Actor.Type) {
			t.Fatalf("row %d: ours %s, the SDK's %s", i, r.RawJSON(), s.RawJSON())
		}
		if r.Group.Actor != nil && r.Group.Actor.Type == admin.AnalyticsUserActor && r.Group.Actor.EmailAddress != "" {
			users++
		}
	}
	if users == 0 {
		t.Error("no row is a member's")
	}
}
