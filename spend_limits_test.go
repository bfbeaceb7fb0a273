package admin_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// Input the API would refuse fails before anything is sent, naming the
// parameter.
func TestSpendLimitParamsRefused(t *testing.T) {
	user := admin.SpendLimitScope{Type: admin.SpendLimitScopeUser, UserID: "user_01"}
	checkParamCases(t, []paramCase{
		{"set without amount", "amount", func(ctx context.Context, c *admin.Client) error {
			_, err := c.SpendLimits.Set(ctx, admin.SpendLimitSetParams{Scope: user})
			return err
		}},
		{"set with cents fraction", "amount", func(ctx context.Context, c *admin.Client) error {
			_, err := c.SpendLimits.Set(ctx, admin.SpendLimitSetParams{Scope: user, Amount: admin.Set(admin.MustParseAmount("100.5"))})
			return err
		}},
		{"set negative", "amount", func(ctx context.Context, c *admin.Client) error {
			_, err := c.SpendLimits.Set(ctx, admin.SpendLimitSetParams{Scope: user, Amount: admin.Set(admin.MustParseAmount("-1"))})
			return err
		}},
		{"set a seat tier", "scope.type", func(ctx context.Context, c *admin.Client) error {
			_, err := c.SpendLimits.Set(ctx, admin.SpendLimitSetParams{Scope: admin.SpendLimitScope{Type: admin.SpendLimitScopeSeatTier}, Amount: admin.Set(admin.MustParseAmount("1"))})
			return err
		}},
		{"set a user without ID", "scope.user_id", func(ctx context.Context, c *admin.Client) error {
			_, err := c.SpendLimits.Set(ctx, admin.SpendLimitSetParams{Scope: admin.SpendLimitScope{Type: admin.SpendLimitScopeUser}, Amount: admin.Set(admin.MustParseAmount("1"))})
			return err
		}},
		{"get empty ID", "spend_limit_id", func(ctx context.Context, c *admin.Client) error {
			_, err := c.SpendLimits.Get(ctx, " ")
			return err
		}},
		{"approve without amount", "amount", func(ctx context.Context, c *admin.Client) error {
			_, err := c.SpendLimits.IncreaseRequests.Approve(ctx, "slir_01", admin.SpendLimitApproveParams{})
			return err
		}},
		{"deny empty ID", "spend_limit_increase_request_id", func(ctx context.Context, c *admin.Client) error {
			_, err := c.SpendLimits.IncreaseRequests.Deny(ctx, "", admin.SpendLimitDenyParams{})
			return err
		}},
		{"negative limit", "limit", func(ctx context.Context, c *admin.Client) error {
			_, err := c.SpendLimits.Effective(admin.SpendLimitEffectiveParams{PageCursor: admin.PageCursor{Limit: -1}}).Page(ctx)
			return err
		}},
	})
}

// The fake's spend limits through the library: a set replaces the limit of
// its scope and period, the effective limit follows it, and a request is
// resolved once.
func TestSpendLimitsOnTheFake(t *testing.T) {
	srv, c := newDemoFake(t)
	ctx := t.Context()
	users := collect(t, c.Users.List(admin.UserListParams{}))
	var grace string
	for _, u := range users {
		if u.Name == "Grace Liu" {
			grace = u.ID
		}
	}
	scope := admin.SpendLimitScope{Type: admin.SpendLimitScopeUser, UserID: grace}
	a, err := c.SpendLimits.Set(ctx, admin.SpendLimitSetParams{Scope: scope, Amount: admin.Set(admin.MustParseAmount("1000"))})
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.SpendLimits.Set(ctx, admin.SpendLimitSetParams{Scope: scope, Amount: admin.Clear[admin.Amount]()})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != b.ID || b.Amount != nil || a.Amount.Cmp(admin.MustParseAmount("1000")) != 0 {
		t.Errorf("set then clear: %s, %s", a.RawJSON(), b.RawJSON())
	}
	eff := collect(t, c.SpendLimits.Effective(admin.SpendLimitEffectiveParams{UserIDs: []string{grace}}))
	// Grace's own monthly "no limit" wins over the organization's; the
	// organization's daily limit still applies.
	got := map[admin.SpendLimitPeriod]string{}
	for _, s := range eff {
		amount := "null"
		if s.Amount != nil {
			amount = s.Amount.String()
		}
		got[s.Period] = string(s.Source.Type) + ":" + amount
		if s.PeriodToDateSpend.Sign() < 0 || s.Actor.UserID != grace {
			t.Errorf("effective = %s", s.RawJSON())
		}
	}
	if got[admin.SpendLimitMonthly] != "user:null" || got[admin.SpendLimitDaily] != "organization:800000" || len(got) != 2 {
		t.Errorf("effective = %v", got)
	}

	pending := collect(t, c.SpendLimits.IncreaseRequests.List(admin.SpendLimitIncreaseListParams{Statuses: []admin.SpendLimitIncreaseStatus{admin.SpendLimitIncreasePending}}))
	if len(pending) != 2 {
		t.Fatalf("%d pending requests, want 2", len(pending))
	}
	for _, tc := range []struct {
		name string
		do   func() (*admin.SpendLimitIncreaseRequest, error)
		want admin.SpendLimitIncreaseStatus
	}{
		{"approve", func() (*admin.SpendLimitIncreaseRequest, error) {
			return c.SpendLimits.IncreaseRequests.Approve(ctx, pending[0].ID, admin.SpendLimitApproveParams{Amount: admin.MustParseAmount("0")})
		}, admin.SpendLimitIncreaseApproved},
		{"deny", func() (*admin.SpendLimitIncreaseRequest, error) {
			return c.SpendLimits.IncreaseRequests.Deny(ctx, pending[1].ID, admin.SpendLimitDenyParams{SuppressNotification: true})
		}, admin.SpendLimitIncreaseDenied},
	} {
		r, err := tc.do()
		if err != nil || r.Status != tc.want || r.ResolvedAt == nil || r.ResolvedBy == nil {
			t.Fatalf("%s: %v, %v", tc.name, r, err)
		}
		_, err = tc.do()
		if !errors.Is(err, admin.ErrConflict) {
			t.Errorf("%s again: %v, want a conflict", tc.name, err)
		}
	}
	if last := srv.Requests(); last[len(last)-1].Status != http.StatusConflict {
		t.Errorf("last status %d", last[len(last)-1].Status)
	}
}

// A page token of the spend-limit lists belongs to the filters it came
// with: the same list with other filters refuses it.
func TestSpendLimitCursorBoundToFilters(t *testing.T) {
	_, c := newDemoFake(t)
	page, err := c.SpendLimits.Effective(admin.SpendLimitEffectiveParams{PageCursor: admin.PageCursor{Limit: 1}}).Page(t.Context())
	if err != nil || page.NextPage == "" {
		t.Fatalf("page = %+v, %v", page, err)
	}
	_, err = c.SpendLimits.Effective(admin.SpendLimitEffectiveParams{PageCursor: admin.PageCursor{Limit: 1, Page: page.NextPage},
		Periods: []admin.SpendLimitPeriod{admin.SpendLimitDaily}}).Page(t.Context())
	if !errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("err = %v, want a 400", err)
	}
}
