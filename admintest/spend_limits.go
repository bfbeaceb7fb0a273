package admintest

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/big"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Spend limits are stored; effective limits are computed from them on each
// request, and each member's spend so far from the generated traffic
// (traffic.go) at the prices of the cost report.

type slScope struct {
	Type        string `json:"type"`
	UserID      string `json:"user_id,omitempty"`
	WorkspaceID string `json:"workspace_id,omitempty"`
}

type spendLimit struct {
	ID        string  `json:"id"`
	Type      string  `json:"type"`
	Amount    *string `json:"amount"`
	Currency  string  `json:"currency"`
	IsEnabled bool    `json:"is_enabled"`
	Period    string  `json:"period"`
	Scope     slScope `json:"scope"`
	CreatedAt stamp   `json:"created_at"`
	UpdatedAt stamp   `json:"updated_at"`
}

// slActor is a user_actor or a scoped_api_key_actor on the wire.
type slActor struct {
	Type           string `json:"type"`
	UserID         string `json:"user_id,omitempty"`
	EmailAddress   string `json:"email_address,omitempty"`
	Name           string `json:"name,omitempty"`
	Deleted        *bool  `json:"deleted,omitempty"`
	ScopedAPIKeyID string `json:"scoped_api_key_id,omitempty"`
}

type spendSummary struct {
	Actor             slActor `json:"actor"`
	Amount            *string `json:"amount"`
	Currency          string  `json:"currency"`
	Period            string  `json:"period"`
	PeriodToDateSpend string  `json:"period_to_date_spend"`
	Scope             slScope `json:"scope"`
	Source            slScope `json:"source"`
	SpendLimitID      string  `json:"spend_limit_id"`
}

type increaseRequest struct {
	ID           string       `json:"id"`
	Type         string       `json:"type"`
	Actor        slActor      `json:"actor"`
	CreatedAt    stamp        `json:"created_at"`
	Period       string       `json:"period"`
	Status       string       `json:"status"`
	ResolvedAt   *stamp       `json:"resolved_at"`
	ResolvedBy   *slActor     `json:"resolved_by"`
	SpendSummary spendSummary `json:"spend_summary"`
	SpendLimit   *spendLimit  `json:"spend_limit,omitempty"`

	userID string
}

var (
	spendPeriods   = []string{"daily", "weekly", "monthly"}
	slScopeTypes   = []string{"organization", "organization_service", "rbac_group", "seat_tier", "usage_tier", "user", "workspace"}
	increaseStates = []string{"approved", "denied", "pending"}
	wholeMinor     = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)
)

func userActor(u *user) slActor {
	no := false
	return slActor{Type: "user_actor", UserID: u.ID, EmailAddress: u.Email, Name: u.Name, Deleted: &no}
}

// spendLimitsSupported refuses an organization whose type has no spend
// limits (WithoutSpendLimits).
func (c *call) spendLimitsSupported() *apiError {
	if c.st.noSpendLimits {
		return &apiError{status: http.StatusBadRequest, typ: "invalid_request_error", code: "organization_type_not_supported",
			msg: "spend limits are not available for this organization's type"}
	}
	return nil
}

// filteredPage answers a token-paged list whose cursor is bound to the
// filters it was made for: the same list with other filters refuses it.
func filteredPage[T any](c *call, items []T, filters ...string) (map[string]any, *apiError) {
	return boundedPage(c, items, 1000, filters...)
}

// boundedPage is filteredPage for a list whose largest page is maxLimit.
func boundedPage[T any](c *call, items []T, maxLimit int, filters ...string) (map[string]any, *apiError) {
	limit, err := limitParam(c.q, 20, maxLimit)
	if err != nil {
		return nil, err
	}
	h := fnv.New32a()
	for _, f := range filters {
		fmt.Fprintf(h, "%s=%s;", f, strings.Join(c.q[f], ","))
	}
	bind := strconv.FormatUint(uint64(h.Sum32()), 36)
	start := 0
	if p := c.q.Get("page"); p != "" {
		raw, _ := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(p, "page_"))
		off, b, ok := strings.Cut(string(raw), ":")
		n, perr := strconv.Atoi(off)
		switch {
		case !ok || perr != nil || n < 0 || n > len(items) || !strings.HasPrefix(p, "page_"):
			return nil, errInvalid("page: %q is not a valid page token", p)
		case b != bind:
			return nil, errInvalid("page: cursor does not match current query parameters")
		}
		start = n
	}
	end := min(len(items), start+limit)
	var next any
	if end < len(items) {
		next = "page_" + base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end)+":"+bind))
	}
	return map[string]any{"data": nonNil(items[start:end]), "next_page": next}, nil
}

// enumList checks each value of a list parameter.
func (c *call) enumList(key string, known []string) *apiError {
	for _, v := range c.q[key] {
		if !slices.Contains(known, v) {
			return errInvalid("%s: %q is not one of %s", key, v, strings.Join(known, ", "))
		}
	}
	return nil
}

func listSpendLimits(c *call) (any, *apiError) {
	if err := c.spendLimitsSupported(); err != nil {
		return nil, err
	}
	if err := c.enumList("scope_type[]", slScopeTypes); err != nil {
		return nil, err
	}
	types, ws := c.q["scope_type[]"], c.q.Get("workspace_id")
	var out []*spendLimit
	for _, l := range c.st.spendLimits {
		if (len(types) == 0 || slices.Contains(types, l.Scope.Type)) && (ws == "" || l.Scope.WorkspaceID == ws) {
			out = append(out, l)
		}
	}
	return filteredPage(c, out, "scope_type[]", "workspace_id")
}

func (c *call) spendLimitFromPath() (*spendLimit, *apiError) {
	id := c.path("spend_limit_id")
	if l := find(c.st.spendLimits, func(l *spendLimit) bool { return l.ID == id }); l != nil {
		return l, nil
	}
	return nil, errNotFound("spend limit %s not found", id)
}

func getSpendLimit(c *call) (any, *apiError) { return c.spendLimitFromPath() }

func deleteSpendLimit(c *call) (any, *apiError) {
	l, err := c.spendLimitFromPath()
	if err != nil {
		return nil, err
	}
	c.st.spendLimits = slices.DeleteFunc(c.st.spendLimits, func(x *spendLimit) bool { return x == l })
	return map[string]any{"id": l.ID, "type": "spend_limit_deleted"}, nil
}

// setSpendLimit creates the limit of a scope and period, or replaces the
// amount of the one there is.
func setSpendLimit(c *call) (any, *apiError) {
	var body struct {
		Scope  *slScope        `json:"scope"`
		Amount json.RawMessage `json:"amount"`
		Period *string         `json:"period"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.Scope == nil {
		return nil, errInvalid("scope: Field required")
	}
	if body.Amount == nil {
		return nil, errInvalid("amount: Field required")
	}
	var given *string
	if string(body.Amount) != "null" {
		if err := json.Unmarshal(body.Amount, &given); err != nil {
			return nil, errInvalid("amount: expected a string or null")
		}
	}
	period := "monthly"
	if body.Period != nil {
		if !slices.Contains(spendPeriods, *body.Period) {
			return nil, errInvalid("period: %q is not one of daily, weekly, monthly", *body.Period)
		}
		period = *body.Period
	}
	amount, err := minorUnits("amount", given)
	if err != nil {
		return nil, err
	}
	sc := *body.Scope
	switch sc.Type {
	case "user":
		if c.st.user(sc.UserID) == nil {
			return nil, errNotFound("scope.user_id: user %s not found", sc.UserID)
		}
		sc.WorkspaceID = ""
	case "workspace":
		if c.st.workspace(sc.WorkspaceID) == nil {
			return nil, errNotFound("scope.workspace_id: workspace %s not found", sc.WorkspaceID)
		}
		sc.UserID = ""
	case "organization":
		sc = slScope{Type: "organization"}
	default:
		return nil, errInvalid("scope.type: %q is not one of user, workspace, organization", sc.Type)
	}
	return c.st.upsertSpendLimit(sc, period, amount, c.now), nil
}

// minorUnits checks an amount of whole minor units; nil stays nil.
func minorUnits(field string, v *string) (*string, *apiError) {
	if v != nil && !wholeMinor.MatchString(*v) {
		return nil, errInvalid("%s: %q is not a non-negative integer decimal string of minor units", field, *v)
	}
	return v, nil
}

func (st *state) upsertSpendLimit(sc slScope, period string, amount *string, now time.Time) *spendLimit {
	if l := find(st.spendLimits, func(l *spendLimit) bool { return l.Scope == sc && l.Period == period }); l != nil {
		l.Amount, l.UpdatedAt = amount, stamp(now)
		return l
	}
	l := &spendLimit{ID: st.ids.next("spl_"), Type: "spend_limit", Amount: amount, Currency: "USD", IsEnabled: true,
		Period: period, Scope: sc, CreatedAt: stamp(now), UpdatedAt: stamp(now)}
	st.spendLimits = append(st.spendLimits, l)
	return l
}

// effective is a member's effective limit for a period: their own limit,
// else the organization's; nil when neither is set.
func (st *state) effective(u *user, period string, now time.Time) *spendSummary {
	var src *spendLimit
	for _, sc := range []slScope{{Type: "user", UserID: u.ID}, {Type: "organization"}} {
		if src = find(st.spendLimits, func(l *spendLimit) bool { return l.Scope == sc && l.Period == period && l.IsEnabled }); src != nil {
			break
		}
	}
	if src == nil {
		return nil
	}
	from := periodStart(period, now)
	spent := st.reports.memberSpend(u.ID, from.Unix()/60, now.Unix()/60+1, now)
	return &spendSummary{Actor: userActor(u), Amount: src.Amount, Currency: "USD", Period: period,
		PeriodToDateSpend: decimal(spent), Scope: slScope{Type: "user", UserID: u.ID}, Source: src.Scope, SpendLimitID: src.ID}
}

// periodStart is where the period holding now began, in UTC: midnight,
// Monday's midnight or the first of the month.
func periodStart(period string, now time.Time) time.Time {
	day := now.UTC().Truncate(24 * time.Hour)
	switch period {
	case "daily":
		return day
	case "weekly":
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	}
	return time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// memberSpend is what the traffic attributed to a member cost in [a, b)
// (unix minutes), in femtocents, at the cost report's prices, every tier
// included.
func (d *reportData) memberSpend(userID string, a, b int64, now time.Time) *big.Int {
	sum := new(big.Int)
	for _, s := range d.streams {
		if s.dims[dAccount] == userID {
			addStreamCost(sum, s, d.usage(s, a, b, now))
		}
	}
	return sum
}

// addStreamCost adds the price of a stream's counters to sum.
func addStreamCost(sum *big.Int, s *stream, u counters) {
	for i, n := range u {
		if n == 0 {
			continue
		}
		switch i {
		case cWebSearch:
			addCost(sum, n, webSearchFemto)
		case cCodeSeconds:
			addCost(sum, n, codeSecondFemto)
		default:
			addCost(sum, n, tokenRate(s.dims[dModel], i, s.dims[dServiceTier], s.dims[dContextWindow], s.dims[dInferenceGeo], s.dims[dSpeed]))
		}
	}
}

func listEffectiveLimits(c *call) (any, *apiError) {
	if err := c.spendLimitsSupported(); err != nil {
		return nil, err
	}
	if err := c.enumList("period[]", spendPeriods); err != nil {
		return nil, err
	}
	periods, users := c.q["period[]"], c.q["user_ids[]"]
	var out []*spendSummary
	for _, u := range c.st.users {
		if len(users) > 0 && !slices.Contains(users, u.ID) {
			continue
		}
		for _, p := range spendPeriods {
			if len(periods) > 0 && !slices.Contains(periods, p) {
				continue
			}
			if s := c.st.effective(u, p, c.now); s != nil {
				out = append(out, s)
			}
		}
	}
	return filteredPage(c, out, "period[]", "user_ids[]")
}

func listIncreaseRequests(c *call) (any, *apiError) {
	if err := c.enumList("status[]", increaseStates); err != nil {
		return nil, err
	}
	states, actors := c.q["status[]"], c.q["actor_ids[]"]
	var out []*increaseRequest
	for _, r := range slices.Backward(c.st.increaseRequests) { // most recent first
		if (len(states) == 0 || slices.Contains(states, r.Status)) && (len(actors) == 0 || slices.Contains(actors, r.userID)) {
			out = append(out, c.st.withSummary(r, c.now))
		}
	}
	return filteredPage(c, out, "status[]", "actor_ids[]")
}

// withSummary is r with its requester's spend summary as of now; a
// requester with no limit any more shows the period and nothing spent
// against it.
func (st *state) withSummary(r *increaseRequest, now time.Time) *increaseRequest {
	out := *r
	out.SpendLimit = nil
	if u := st.user(r.userID); u != nil {
		if s := st.effective(u, r.Period, now); s != nil {
			out.SpendSummary = *s
		}
	}
	return &out
}

func (c *call) increaseRequestFromPath() (*increaseRequest, *apiError) {
	id := c.path("spend_limit_increase_request_id")
	if r := find(c.st.increaseRequests, func(r *increaseRequest) bool { return r.ID == id }); r != nil {
		return r, nil
	}
	return nil, errNotFound("spend limit increase request %s not found", id)
}

func getIncreaseRequest(c *call) (any, *apiError) {
	r, err := c.increaseRequestFromPath()
	if err != nil {
		return nil, err
	}
	return c.st.withSummary(r, c.now), nil
}

// resolve marks a pending request approved or denied; a resolved one is a
// conflict.
func (c *call) resolve(r *increaseRequest, status string) *apiError {
	if r.Status != "pending" {
		return &apiError{status: http.StatusConflict, typ: "conflict_error",
			msg: fmt.Sprintf("spend limit increase request %s is already %s", r.ID, r.Status), noRetry: true}
	}
	by := userActor(c.st.users[0]) // the admin whose key the fake accepts
	r.Status, r.ResolvedAt, r.ResolvedBy = status, stampOf(c.now), &by
	return nil
}

func approveIncreaseRequest(c *call) (any, *apiError) {
	r, err := c.increaseRequestFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		Amount               *string `json:"amount"`
		Period               *string `json:"period"`
		SuppressNotification bool    `json:"suppress_notification"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.Amount == nil {
		return nil, errInvalid("amount: Field required")
	}
	if _, err := minorUnits("amount", body.Amount); err != nil {
		return nil, err
	}
	period := cmp.Or(deref(body.Period), r.Period)
	if !slices.Contains(spendPeriods, period) {
		return nil, errInvalid("period: %q is not one of daily, weekly, monthly", period)
	}
	if err := c.resolve(r, "approved"); err != nil {
		return nil, err
	}
	amount := *body.Amount
	l := c.st.upsertSpendLimit(slScope{Type: "user", UserID: r.userID}, period, &amount, c.now)
	r.Period = period
	out := c.st.withSummary(r, c.now)
	out.SpendLimit = l
	return out, nil
}

func denyIncreaseRequest(c *call) (any, *apiError) {
	r, err := c.increaseRequestFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		SuppressNotification bool `json:"suppress_notification"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if err := c.resolve(r, "denied"); err != nil {
		return nil, err
	}
	return c.st.withSummary(r, c.now), nil
}

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// demoSpendLimits gives the demo organization a monthly limit for everyone,
// tighter ones for a few members, a workspace limit, and increase requests
// in every state.
func (b *builder) demoSpendLimits() {
	st := b.st
	amount := func(s string) *string { return &s }
	at := func(days int) time.Time { return b.ago(days) }
	st.upsertSpendLimit(slScope{Type: "organization"}, "monthly", amount("12000000"), at(200))
	st.upsertSpendLimit(slScope{Type: "organization"}, "daily", amount("800000"), at(200))
	byName := func(name string) *user { return find(st.users, func(u *user) bool { return u.Name == name }) }
	for _, x := range []struct {
		name, amount string
		days         int
	}{{"Jonas Becker", "300000", 60}, {"Aiko Tanaka", "250000", 40}, {"Mei Chen", "3000000", 20}} {
		st.upsertSpendLimit(slScope{Type: "user", UserID: byName(x.name).ID}, "monthly", amount(x.amount), at(x.days))
	}
	if prod := find(st.workspaces, func(w *workspace) bool { return w.Name == "Production" }); prod != nil {
		st.upsertSpendLimit(slScope{Type: "workspace", WorkspaceID: prod.ID}, "monthly", amount("6000000"), at(90))
	}
	approver := userActor(st.users[0])
	for _, x := range []struct {
		name, status string
		days         int
	}{{"Samuel Okafor", "denied", 30}, {"Mei Chen", "approved", 21}, {"Aiko Tanaka", "pending", 2}, {"Ravi Patel", "pending", 1}} {
		u := byName(x.name)
		r := &increaseRequest{ID: st.ids.next("slir_"), Type: "spend_limit_increase_request", Actor: userActor(u),
			CreatedAt: stamp(at(x.days)), Period: "monthly", Status: x.status, userID: u.ID}
		if x.status != "pending" {
			r.ResolvedAt, r.ResolvedBy = stampOf(at(x.days-1)), &approver
		}
		st.increaseRequests = append(st.increaseRequests, r) // oldest first
	}
}
