package exporter

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/report"
)

// A refresh reads an organization's data from the Admin API into a
// snapshot: every sample of every data metric, values kept exact (big.Rat)
// until a scrape turns them into floats.

// sample is one series' value.
type sample struct {
	m      *metric
	labels []string // after organization
	value  *big.Rat
}

type snapshot struct{ samples []sample }

func (s *snapshot) add(m *metric, v *big.Rat, labels ...string) {
	if len(labels) != len(m.Labels) {
		panic(fmt.Sprintf("exporter: %s takes %d labels, given %d", m.Name, len(m.Labels), len(labels)))
	}
	s.samples = append(s.samples, sample{m, labels, v})
}

func (s *snapshot) count(m *metric, n int64, labels ...string) { s.add(m, big.NewRat(n, 1), labels...) }

// usd adds an amount in cents as dollars.
func (s *snapshot) usd(m *metric, cents admin.Amount, labels ...string) {
	s.add(m, cents.Dollars(), labels...)
}

// The windows of the spend metrics.
const (
	windowMonth   = "month_to_date"
	windowToday   = "today"
	windowLastDay = "last_complete_day"
)

// defaultWorkspace is how the reports' null workspace (the organization's
// default workspace) is named.
const defaultWorkspace = "Default"

// otherKey is the api_key_id (and name) of the keys past --top-keys.
const otherKey = "other"

// refresher reads one organization at one instant.
type refresher struct {
	c       *admin.Client
	now     time.Time
	topKeys int
	budget  *admin.Amount
	out     snapshot

	today, yesterday, month time.Time
	workspaces              map[string]string // ID → name
	defaultID               string            // the default workspace's ID
	keys                    map[string]admin.APIKey
	emails                  map[string]string // user ID → email
}

func newRefresher(c *admin.Client, now time.Time, topKeys int, budget *admin.Amount) *refresher {
	now = now.UTC()
	today := now.Truncate(24 * time.Hour)
	return &refresher{c: c, now: now, topKeys: topKeys, budget: budget,
		today: today, yesterday: today.AddDate(0, 0, -1), month: admin.MonthToDate(now).Start,
		workspaces: map[string]string{}, keys: map[string]admin.APIKey{}, emails: map[string]string{}}
}

// run reads everything; the first error ends it, and the caller keeps the
// previous snapshot. The analytics and spend-limit endpoints are optional:
// an organization (or a key) without them lacks their metrics, no more.
func (r *refresher) run(ctx context.Context) error {
	for _, step := range []func(context.Context) error{r.inventory, r.cost, r.whoSpent, r.claudeCode, r.spendLimits} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// all collects every item of a list.
func all[T any](ctx context.Context, l *admin.List[T]) ([]T, error) { return l.Collect(ctx) }

// workspace gives the workspace_id and workspace labels of a workspace
// ID; "" (the reports' null) is the default workspace.
func (r *refresher) workspace(id string) (string, string) {
	if id == "" {
		id = r.defaultID
	}
	if id == "" || id == r.defaultID {
		return id, defaultWorkspace
	}
	return id, cmp.Or(r.workspaces[id], id)
}

func (r *refresher) inventory(ctx context.Context) error {
	workspaces, err := all(ctx, r.c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1000}, IncludeArchived: true, IncludeDefault: true}))
	if err != nil {
		return err
	}
	// The reports give the default workspace no ID; the listing, asked
	// to, gives it with one, which the reports' samples are labelled with.
	others, err := all(ctx, r.c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1000}, IncludeArchived: true}))
	if err != nil {
		return err
	}
	states := map[string]int64{}
	for _, w := range workspaces {
		if !slices.ContainsFunc(others, func(o admin.Workspace) bool { return o.ID == w.ID }) {
			r.defaultID = w.ID
		}
		r.workspaces[w.ID] = w.Name
		states[map[bool]string{false: "active", true: "archived"}[w.Archived()]]++
	}
	countBy(&r.out, mWorkspaces, states)

	users, err := all(ctx, r.c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1000}}))
	if err != nil {
		return err
	}
	roles := map[string]int64{}
	for _, u := range users {
		r.emails[u.ID] = u.Email
		roles[string(u.Role)]++
	}
	countBy(&r.out, mMembers, roles)

	invites, err := all(ctx, r.c.Invites.List(admin.InviteListParams{Cursor: admin.Cursor{Limit: 1000}}))
	if err != nil {
		return err
	}
	statuses := map[string]int64{}
	for _, i := range invites {
		statuses[string(i.Status)]++
	}
	countBy(&r.out, mInvites, statuses)

	keys, err := all(ctx, r.c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 1000}}))
	if err != nil {
		return err
	}
	type wsStatus struct{ ws, status string }
	byWS := map[wsStatus]int64{}
	for _, k := range keys {
		r.keys[k.ID] = k
		byWS[wsStatus{k.WorkspaceID(), string(k.Status)}]++
		if k.Status == admin.APIKeyStatusActive && k.ExpiresAt != nil {
			id, name := r.workspace(k.WorkspaceID())
			r.out.count(mKeyExpiry, k.ExpiresAt.Unix(), k.ID, k.Name, id, name)
		}
	}
	for _, k := range sortedKeys(byWS, func(a, b wsStatus) int {
		return cmp.Or(strings.Compare(a.ws, b.ws), strings.Compare(a.status, b.status))
	}) {
		id, name := r.workspace(k.ws)
		r.out.count(mKeys, byWS[k], id, name, k.status)
	}
	return nil
}

// countBy adds one sample per value of a one-label count.
func countBy(s *snapshot, m *metric, counts map[string]int64) {
	for _, k := range sortedKeys(counts, strings.Compare) {
		s.count(m, counts[k], k)
	}
}

func sortedKeys[K comparable, V any](m map[K]V, compare func(a, b K) int) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, compare)
	return out
}

// windows sums a series of daily amounts into the spend windows.
func (r *refresher) windows(periods []report.Period, series []admin.Amount) map[string]admin.Amount {
	var month, today, last []admin.Amount
	for i, p := range periods {
		if !p.Start.Before(r.month) {
			month = append(month, series[i])
		}
		switch {
		case p.Start.Equal(r.today):
			today = append(today, series[i])
		case p.Start.Equal(r.yesterday):
			last = append(last, series[i])
		}
	}
	return map[string]admin.Amount{windowMonth: admin.Sum(month...), windowToday: admin.Sum(today...), windowLastDay: admin.Sum(last...)}
}

// spendWindows are the windows of the cost report's metrics, in order.
var spendWindows = []string{windowMonth, windowToday, windowLastDay}

// cost reads the daily cost report from the start of the forecast's range
// (the month's start, or the first of the trailing 7 days if earlier) to
// now, grouped by workspace and line item, and sums it exactly: in total,
// by workspace and by model, with the month-end forecast and the budget.
func (r *refresher) cost(ctx context.Context) error {
	rng := report.ForecastRange(r.now)
	total, _ := report.NewCostSummarizer("", r.now)
	byWS, _ := report.NewCostSummarizer(report.CostFieldWorkspaceID, r.now)
	byModel, _ := report.NewCostSummarizer(report.CostFieldModel, r.now)
	params := admin.CostReportParams{StartingAt: rng.Start, EndingAt: r.now,
		GroupBy: []admin.CostGroupBy{admin.CostGroupByWorkspaceID, admin.CostGroupByDescription}}
	for b, err := range r.c.Cost.ReportRange(params).All(ctx) {
		if err != nil {
			return err
		}
		for _, s := range []interface{ Add(admin.CostBucket) error }{total, byWS, byModel} {
			if err := s.Add(b); err != nil {
				return err
			}
		}
	}
	sum := total.Summary()
	w := r.windows(sum.Periods, sum.Series)
	for _, win := range spendWindows {
		r.out.usd(mSpend, w[win], win)
	}
	ws := byWS.Summary()
	for _, g := range ws.Groups {
		w := r.windows(ws.Periods, g.Series)
		id, name := r.workspace(g.Key)
		for _, win := range spendWindows {
			r.out.usd(mWorkspaceSpend, w[win], id, name, win)
		}
	}
	models := byModel.Summary()
	for _, g := range models.Groups {
		w := r.windows(models.Periods, g.Series)
		for _, win := range spendWindows {
			r.out.usd(mModelSpend, w[win], g.Key, win)
		}
	}
	f, err := report.ForecastMonthOf(sum, r.now)
	if err != nil {
		return err
	}
	r.out.add(mDailyAverage, centsToDollars(f.DailyAverage))
	r.out.add(mProjected, centsToDollars(f.Projected))
	if r.budget != nil {
		st, err := f.CheckBudget(*r.budget)
		if err != nil {
			return err
		}
		r.out.usd(mBudget, st.Budget)
		r.out.add(mBudgetUsed, st.UsedShare.Rat())
		r.out.add(mBudgetProjected, st.ProjectedShare.Rat())
	}
	return nil
}

func centsToDollars(cents report.Ratio) *big.Rat {
	return new(big.Rat).Quo(cents.Rat(), big.NewRat(100, 1))
}

// whoSpent reads the month's spend by API key and by member from the
// analytics API, then today's tokens, whose keys are ranked by that spend
// (by their tokens when the analytics API is not there).
func (r *refresher) whoSpent(ctx context.Context) error {
	until := r.today.AddDate(0, 0, 1)
	params := admin.AnalyticsCostParams{
		AnalyticsRange: admin.AnalyticsRange{StartingAt: r.month, EndingAt: until, TimeBucketWidth: admin.BucketWidthDay,
			GroupBy: []admin.AnalyticsDimension{admin.DimAPIKeyID, admin.DimActor}, PageCursor: admin.PageCursor{Limit: 1000}},
		OrderBy: admin.CostOrderTime, Order: admin.SortAsc,
	}
	userOf := func(g admin.AnalyticsGroup) string {
		if g.Actor != nil && g.Actor.Type == admin.AnalyticsUserActor {
			return g.Actor.UserID
		}
		return ""
	}
	byKey := report.NewAnalyticsCostSummarizer("api_key_id", func(g admin.AnalyticsGroup) string { return g.APIKeyID }, r.now)
	byUser := report.NewAnalyticsCostSummarizer("user", userOf, r.now)
	rows := r.c.Analytics.CostRange(params).All(ctx)
	analytics := true
	for b, err := range report.DailyRows(rows, r.month, until, func(row admin.AnalyticsCostRow) time.Time { return row.StartingAt }) {
		if unavailable(err) {
			analytics = false
			break
		}
		if err != nil {
			return err
		}
		for _, row := range b.Results {
			if id := userOf(row.Group); id != "" && row.Group.Actor.EmailAddress != "" && r.emails[id] == "" {
				r.emails[id] = row.Group.Actor.EmailAddress
			}
		}
		if err := errors.Join(byKey.Add(b), byUser.Add(b)); err != nil {
			return err
		}
	}
	var ranked []string // key IDs, most spend first
	var keySpend *report.CostSummary
	if analytics {
		keySpend = byKey.Summary()
		for _, g := range keySpend.Groups {
			ranked = append(ranked, g.Key)
		}
		users := byUser.Summary()
		for _, g := range users.Groups {
			w := r.windows(users.Periods, g.Series)
			for _, win := range []string{windowMonth, windowToday} {
				r.out.usd(mUserSpend, w[win], g.Key, r.emails[g.Key], win)
			}
		}
	}
	tokens, byTokens, err := r.todayTokens(ctx)
	if err != nil {
		return err
	}
	if !analytics {
		ranked = byTokens
	}
	label := r.keyLabels(ranked)
	if keySpend != nil {
		// The keys past the top, summed day by day into other.
		spend := map[[2]string][]admin.Amount{}
		var order [][2]string
		for _, g := range keySpend.Groups {
			l := label(g.Key)
			if spend[l] == nil {
				spend[l] = make([]admin.Amount, len(keySpend.Periods))
				order = append(order, l)
			}
			for i, a := range g.Series {
				spend[l][i] = spend[l][i].Add(a)
			}
		}
		for _, l := range order {
			w := r.windows(keySpend.Periods, spend[l])
			for _, win := range []string{windowMonth, windowToday} {
				r.out.usd(mKeySpend, w[win], l[0], l[1], win)
			}
		}
	}
	r.addTokens(tokens, label)
	return nil
}

// keyLabels maps an API key ID to its api_key_id and api_key_name labels:
// the first topKeys of ranked by themselves, the rest as other, and no key
// (Console use) as empty.
func (r *refresher) keyLabels(ranked []string) func(id string) [2]string {
	top := map[string]bool{}
	for _, id := range ranked {
		if id != "" && len(top) < r.topKeys {
			top[id] = true
		}
	}
	return func(id string) [2]string {
		switch {
		case id == "":
			return [2]string{"", ""}
		case top[id]:
			return [2]string{id, cmp.Or(r.keys[id].Name, id)}
		}
		return [2]string{otherKey, otherKey}
	}
}

// tokenGroup is a group of today's tokens.
type tokenGroup struct{ workspace, model, key string }

// todayTokens reads today's usage so far, hour by hour, by workspace, model
// and API key; byTokens ranks the keys by tokens, most first.
func (r *refresher) todayTokens(ctx context.Context) (map[tokenGroup]report.UsageCounts, []string, error) {
	counts := map[tokenGroup]report.UsageCounts{}
	if !r.now.After(r.today) {
		return counts, nil, nil
	}
	params := admin.UsageMessagesParams{StartingAt: r.today, EndingAt: r.now, BucketWidth: admin.BucketWidthHour,
		GroupBy: []admin.UsageGroupBy{admin.UsageGroupByWorkspaceID, admin.UsageGroupByModel, admin.UsageGroupByAPIKeyID}}
	perKey := map[string]int64{}
	for b, err := range r.c.Usage.MessagesRange(params).All(ctx) {
		if err != nil {
			return nil, nil, err
		}
		for _, res := range b.Results {
			g := tokenGroup{res.WorkspaceID, res.Model, res.APIKeyID}
			c := report.CountsOf(res)
			counts[g] = counts[g].Add(c)
			perKey[res.APIKeyID] += c.Tokens()
		}
	}
	byTokens := sortedKeys(perKey, func(a, b string) int { return cmp.Or(cmp.Compare(perKey[b], perKey[a]), strings.Compare(a, b)) })
	return counts, byTokens, nil
}

// addTokens adds today's tokens, the keys past the top summed as other.
func (r *refresher) addTokens(counts map[tokenGroup]report.UsageCounts, label func(string) [2]string) {
	type labelled struct {
		tokenGroup
		name string
	}
	merged := map[labelled]report.UsageCounts{}
	for g, c := range counts {
		l := label(g.key)
		k := labelled{tokenGroup{g.workspace, g.model, l[0]}, l[1]}
		merged[k] = merged[k].Add(c)
	}
	keys := sortedKeys(merged, func(a, b labelled) int {
		return cmp.Or(strings.Compare(a.workspace, b.workspace), strings.Compare(a.model, b.model), strings.Compare(a.key, b.key))
	})
	for _, k := range keys {
		c := merged[k]
		id, name := r.workspace(k.workspace)
		for _, t := range []struct {
			typ string
			n   int64
		}{
			{"uncached_input", c.UncachedInputTokens}, {"cache_creation_5m", c.CacheCreation5mTokens},
			{"cache_creation_1h", c.CacheCreation1hTokens}, {"cache_read", c.CacheReadTokens}, {"output", c.OutputTokens},
		} {
			r.out.count(mTokens, t.n, id, name, k.model, k.key, k.name, t.typ)
		}
	}
}

// claudeCode reads the last complete day's Claude Code activity per actor.
func (r *refresher) claudeCode(ctx context.Context) error {
	s := report.NewClaudeCodeSummarizer()
	for rec, err := range r.c.Usage.ClaudeCodeRange(admin.ClaudeCodeRangeParams{StartingAt: r.yesterday, EndingAt: r.today}).All(ctx) {
		if err != nil {
			return err
		}
		if err := s.Add(rec); err != nil {
			return err
		}
	}
	for _, a := range s.Summary().Actors {
		email, key := a.Name, ""
		if a.Type == admin.ClaudeCodeActorAPI {
			email, key = "", a.Name
		}
		r.out.count(mCCSessions, a.Sessions, email, key)
		r.out.count(mCCLines, a.LinesAdded, email, key, "added")
		r.out.count(mCCLines, a.LinesRemoved, email, key, "removed")
		r.out.count(mCCCommits, a.Commits, email, key)
		r.out.count(mCCPullRequests, a.PullRequests, email, key)
		r.out.usd(mCCCost, a.EstimatedCost, email, key)
	}
	return nil
}

// spendLimits reads each member's effective limits and spend so far.
func (r *refresher) spendLimits(ctx context.Context) error {
	for s, err := range r.c.SpendLimits.Effective(admin.SpendLimitEffectiveParams{}).All(ctx) {
		if unavailable(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if s.Amount == nil || s.Amount.Sign() <= 0 {
			continue
		}
		used := new(big.Rat).Quo(s.PeriodToDateSpend.Cents(), s.Amount.Cents())
		id := s.Actor.UserID
		r.out.add(mSpendLimitUsed, used, id, cmp.Or(s.Actor.EmailAddress, r.emails[id]), string(s.Period))
	}
	return nil
}

// unavailable tells an endpoint the organization or its key cannot use
// (no permission, not there, not for this organization's type) from a
// failure.
func unavailable(err error) bool {
	var e *admin.APIError
	if !errors.As(err, &e) {
		return false
	}
	switch e.StatusCode {
	case http.StatusForbidden, http.StatusNotFound:
		return true
	case http.StatusBadRequest:
		return strings.Contains(e.ErrorCode, "not_supported") || strings.Contains(string(e.Body), "organization_type_not_supported")
	}
	return false
}
