package admintest

import (
	"cmp"
	"math/big"
	"slices"
	"strings"
	"time"
)

// The usage and cost analytics answer from the same generated traffic as
// the legacy reports (traffic.go), priced like the cost report, so their
// figures agree with those reports: the cost of a workspace's standard and
// batch traffic on a day is the cost report's figure for it, to the last
// digit, and the tokens are the usage report's. Unlike the cost report,
// analytics cost every service tier, and a workspace is named by its ID
// even when it is the default one.

// analyticsDims are the group_by[] values of analytics usage and cost;
// costOnlyDims are cost's two more, which the limit of five does not count.
var (
	analyticsDims = []string{"actor", "actor_type", "agent_id", "api_key_id", "claude_tag_category", "claude_tag_user_id",
		"context_window", "deployment_id", "environment_id", "inference_geo", "model", "organization_id", "product",
		"rbac_group_id", "service_tier", "session_id", "slack_channel_id", "speed", "user_profile_id", "workspace_id"}
	costOnlyDims     = []string{"cost_type", "token_type"}
	analyticsEpoch   = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	analyticsFilters = map[string][]string{ // filter → known values; nil for IDs
		"actor_ids[]": nil, "actor_types[]": {"api_actor", "federated_actor", "service_account_actor", "user_actor"},
		"agent_ids[]": nil, "api_key_ids[]": nil, "claude_tag_categories[]": {"dm", "engaged", "monitoring", "proactive", "scheduled"},
		"claude_tag_user_ids[]": nil, "context_windows[]": {"0-200k", "200k-1M"}, "deployment_ids[]": nil, "environment_ids[]": nil,
		"inference_geos[]": {"global", "not_available", "us"}, "models[]": nil, "organization_ids[]": nil,
		"products[]": {"chat", "chat_cowork_unified", "claude_code", "claude_console", "claude_design", "claude_in_chrome", "claude_tag",
			"cowork", "managed_agents_api", "message_batches_api", "messages_api", "office_agent"},
		"rbac_group_ids[]": nil, "service_tiers[]": {"batch", "flex", "flex_discount", "priority", "priority_on_demand", "standard"},
		"session_ids[]": nil, "slack_channel_ids[]": nil, "speeds[]": {"fast", "standard"}, "user_profile_ids[]": nil, "workspace_ids[]": nil,
	}
)

// attrs are a stream's values of every analytics dimension it has; the
// others are null.
type attrs map[string]string

// streamAttrs describes a stream as analytics report it: the actor is its
// member if it has one, else its service account, else its key.
func (st *state) streamAttrs(s *stream) attrs {
	a := attrs{"organization_id": st.org.ID, "workspace_id": s.workspace, "model": s.dims[dModel], "service_tier": s.dims[dServiceTier],
		"context_window": s.dims[dContextWindow], "speed": s.dims[dSpeed], "api_key_id": s.dims[dAPIKey]}
	if g := s.dims[dInferenceGeo]; g != "not_available" {
		a["inference_geo"] = g
	}
	switch {
	case s.dims[dAccount] != "":
		a["actor_type"], a["actor_id"] = "user_actor", s.dims[dAccount]
	case s.dims[dServiceAccount] != "":
		a["actor_type"], a["actor_id"] = "service_account_actor", s.dims[dServiceAccount]
	default:
		a["actor_type"], a["actor_id"] = "api_actor", s.dims[dAPIKey]
	}
	switch k := find(st.keys, func(k *apiKey) bool { return k.ID == s.dims[dAPIKey] }); {
	case k == nil && s.dims[dServiceAccount] == "":
		a["product"] = "claude_console"
	case k != nil && strings.HasPrefix(k.Name, "claude-code-"):
		a["product"] = "claude_code"
	case s.dims[dServiceTier] == "batch":
		a["product"] = "message_batches_api"
	default:
		a["product"] = "messages_api"
	}
	return a
}

// actorJSON is the actor union on the wire for a stream's attributes.
func (st *state) actorJSON(a attrs) map[string]any {
	id := a["actor_id"]
	switch a["actor_type"] {
	case "user_actor":
		if u := st.user(id); u != nil {
			return map[string]any{"type": "user_actor", "user_id": u.ID, "email_address": u.Email, "name": u.Name, "deleted": false}
		}
		if u := st.former[id]; u != nil { // removed: still named
			return map[string]any{"type": "user_actor", "user_id": u.ID, "email_address": u.Email, "name": u.Name, "deleted": true}
		}
		return map[string]any{"type": "user_actor", "user_id": id, "email_address": "", "name": "", "deleted": true}
	case "service_account_actor":
		return map[string]any{"type": "service_account_actor", "service_account_id": id}
	}
	return map[string]any{"type": "api_actor", "api_key_id": id}
}

// analyticsQuery is a checked analytics request.
type analyticsQuery struct {
	periods [][2]time.Time // each row's [starting_at, ending_at)
	groupBy []string
	cost    bool
	only    func(attrs) bool // when set, the streams it keeps (the reports' user filters)
}

func (c *call) analyticsQuery(cost bool) (*analyticsQuery, *apiError) {
	start, err := timeParam(c, "starting_at")
	if err != nil {
		return nil, err
	}
	if start == nil {
		return nil, errInvalid("starting_at: Field required")
	}
	if start.Before(analyticsEpoch) || start.Before(c.now.Add(-365*24*time.Hour)) {
		return nil, errInvalid("starting_at: must be within the last 365 days and no earlier than 2026-01-01T00:00:00Z")
	}
	end, err := timeParam(c, "ending_at")
	if err != nil {
		return nil, err
	}
	width, size, bad := c.bucketWidthParam("time_bucket_width")
	if bad != nil {
		return nil, bad
	}
	if width != "" && end == nil {
		return nil, errInvalid("ending_at: required when time_bucket_width is set")
	}
	if end == nil {
		e := start.Add(31 * 24 * time.Hour)
		if c.now.Before(e) {
			e = c.now.UTC()
		}
		end = &e
	}
	switch {
	case !end.After(*start):
		return nil, invalidRange()
	case end.Sub(*start) > 31*24*time.Hour:
		return nil, errInvalid("ending_at: the range may span at most 31 days")
	case width == "1m" && end.Sub(*start) > 24*time.Hour:
		return nil, errInvalid("ending_at: with time_bucket_width=1m the range may span at most 24 hours")
	}
	q := &analyticsQuery{cost: cost}
	counted := 0
	for _, g := range c.q["group_by[]"] {
		switch {
		case slices.Contains(analyticsDims, g):
			counted++
		case cost && slices.Contains(costOnlyDims, g):
		default:
			return nil, errInvalid("group_by[]: %q is not a supported dimension", g)
		}
		if !slices.Contains(q.groupBy, g) {
			q.groupBy = append(q.groupBy, g)
		}
	}
	if counted > maxGroupBy {
		return nil, errInvalid("Cannot specify more than %d group_by[] dimensions (cost_type and token_type are not counted).", maxGroupBy)
	}
	if v := c.q.Get("exclude_deleted_users"); v != "" && v != "false" && !slices.Contains(q.groupBy, "actor") {
		return nil, errInvalid("exclude_deleted_users: requires group_by[]=actor")
	}
	for f, known := range analyticsFilters {
		if known != nil {
			if err := c.enumList(f, known); err != nil {
				return nil, err
			}
		}
	}
	orders := []string{"output_tokens", "requests", "time", "total_tokens", "uncached_input_tokens"}
	if cost {
		orders = []string{"amount", "list_amount", "time"}
	}
	if o := c.q.Get("order_by"); o != "" && !slices.Contains(orders, o) {
		return nil, errInvalid("order_by: %q is not one of %s", o, strings.Join(orders, ", "))
	}
	if o := c.q.Get("order"); o != "" && o != "asc" && o != "desc" {
		return nil, errInvalid("order: %q is not one of asc, desc", o)
	}
	if width == "" {
		a, b := start.Truncate(time.Hour), end.Truncate(time.Hour)
		if !b.After(a) {
			return nil, invalidRange()
		}
		q.periods = [][2]time.Time{{a, b}}
		return q, nil
	}
	// Buckets that end by ending_at, as the legacy reports (reports.go).
	until := *end
	if c.noRunning && c.now.Before(until) {
		until = c.now.UTC()
	}
	stop := until.Truncate(size)
	for t := start.Truncate(size); t.Before(stop); t = t.Add(size) {
		q.periods = append(q.periods, [2]time.Time{t, t.Add(size)})
	}
	if len(q.periods) == 0 {
		return nil, invalidRange()
	}
	return q, nil
}

func invalidRange() *apiError {
	e := errInvalid("Invalid date range: ending date must be after starting date")
	e.noRetry = true
	return e
}

// passes tells whether a stream's attributes pass the request's filters.
func (c *call) passes(a attrs) bool {
	for f := range analyticsFilters {
		want := c.q[f]
		if len(want) == 0 {
			continue
		}
		var v string
		switch f {
		case "actor_ids[]":
			v = a["actor_id"]
		case "inference_geos[]":
			v = cmp.Or(a["inference_geo"], "not_available")
		default:
			dim := strings.TrimSuffix(strings.TrimSuffix(f, "[]"), "s")
			if f == "claude_tag_categories[]" {
				dim = "claude_tag_category"
			}
			v = a[dim]
		}
		if v == "" || !slices.Contains(want, v) {
			return false
		}
	}
	return true
}

// analyticsRow is one row being summed.
type analyticsRow struct {
	period   [2]time.Time
	key      string // the group's values, for order and identity
	group    map[string]any
	femto    *big.Int
	counters counters
}

// analyticsRows sums the traffic of each period by the requested group.
func (c *call) analyticsRows(q *analyticsQuery) []*analyticsRow {
	d := c.st.reports
	var out []*analyticsRow
	type part struct {
		s *stream
		a attrs
	}
	var parts []part
	for _, s := range d.streams {
		if a := c.st.streamAttrs(s); c.passes(a) && (q.only == nil || q.only(a)) {
			parts = append(parts, part{s, a})
		}
	}
	for _, p := range q.periods {
		rows := map[string]*analyticsRow{}
		for _, pt := range parts {
			u := d.usage(pt.s, p[0].Unix()/60, p[1].Unix()/60, c.now)
			if u.zero() {
				continue
			}
			for i, n := range u {
				if n == 0 || (!q.cost && i == cCodeSeconds) {
					continue
				}
				g := c.groupOf(q, pt.a, i)
				k := groupKey(q.groupBy, g)
				r := rows[k]
				if r == nil {
					r = &analyticsRow{period: p, key: k, group: g, femto: new(big.Int)}
					rows[k] = r
				}
				r.counters[i] += n
				switch i {
				case cWebSearch:
					addCost(r.femto, n, webSearchFemto)
				case cCodeSeconds:
					addCost(r.femto, n, codeSecondFemto)
				default:
					addCost(r.femto, n, tokenRate(pt.s.dims[dModel], i, pt.s.dims[dServiceTier], pt.s.dims[dContextWindow], pt.s.dims[dInferenceGeo], pt.s.dims[dSpeed]))
				}
			}
		}
		for _, r := range rows {
			out = append(out, r)
		}
	}
	return out
}

// groupOf is the group object of counter i of a stream: every dimension,
// null unless asked for.
func (c *call) groupOf(q *analyticsQuery, a attrs, i int) map[string]any {
	g := map[string]any{}
	dims := analyticsDims
	if q.cost {
		dims = append(slices.Clone(analyticsDims), costOnlyDims...)
	}
	for _, d := range dims {
		g[d] = nil
	}
	for _, d := range q.groupBy {
		switch d {
		case "actor":
			g[d] = c.st.actorJSON(a)
		case "cost_type":
			g[d] = map[int]string{cWebSearch: "web_search", cCodeSeconds: "code_execution"}[i]
			if i < numTokenTypes {
				g[d] = "tokens"
			}
		case "token_type":
			if i < numTokenTypes {
				g[d] = tokenTypes[i]
			}
		default:
			if v := a[d]; v != "" {
				g[d] = v
			}
		}
	}
	return g
}

func groupKey(dims []string, g map[string]any) string {
	var b strings.Builder
	for _, d := range dims {
		switch v := g[d].(type) {
		case string:
			b.WriteString(v)
		case map[string]any:
			b.WriteString(cmp.Or(strAny(v["user_id"]), strAny(v["service_account_id"]), strAny(v["api_key_id"])))
		}
		b.WriteByte('|')
	}
	return b.String()
}

func strAny(v any) string { s, _ := v.(string); return s }

// sortRows orders rows by the requested metric (descending by default) or
// by time, then by group, so pages are stable.
func (c *call) sortRows(rows []*analyticsRow, metric func(*analyticsRow) *big.Int, def string) {
	by, desc := cmp.Or(c.q.Get("order_by"), def), c.q.Get("order") != "asc"
	slices.SortStableFunc(rows, func(x, y *analyticsRow) int {
		var o int
		if by == "time" {
			o = x.period[0].Compare(y.period[0])
		} else {
			o = metric(x).Cmp(metric(y))
		}
		if desc {
			o = -o
		}
		return cmp.Or(o, x.period[0].Compare(y.period[0]), strings.Compare(x.key, y.key))
	})
}

// reportPage pages rows like filteredPage and adds the report page's
// has_more and data_refreshed_at.
func reportPage[T any](c *call, items []T) (map[string]any, *apiError) {
	var keys []string
	for k := range c.q {
		if k != "page" && k != "limit" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	page, err := filteredPage(c, items, keys...)
	if err != nil {
		return nil, err
	}
	page["has_more"] = page["next_page"] != nil
	page["data_refreshed_at"] = stamp(c.now.Truncate(5 * time.Minute))
	return page, nil
}

func (r *analyticsRow) times() (string, string) {
	return r.period[0].Format(time.RFC3339), r.period[1].Format(time.RFC3339)
}

func analyticsCost(c *call) (any, *apiError) {
	q, err := c.analyticsQuery(true)
	if err != nil {
		return nil, err
	}
	rows := c.analyticsRows(q)
	c.sortRows(rows, func(r *analyticsRow) *big.Int { return r.femto }, "amount")
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		s, e := r.times()
		amount := decimal(r.femto)
		out[i] = map[string]any{"starting_at": s, "ending_at": e, "group": r.group,
			"cost": map[string]any{"amount": amount, "list_amount": amount, "currency": "USD", "requests": nil}}
	}
	return reportPage(c, out)
}

func analyticsUsage(c *call) (any, *apiError) {
	q, err := c.analyticsQuery(false)
	if err != nil {
		return nil, err
	}
	rows := c.analyticsRows(q)
	metric := map[string]func(*analyticsRow) int64{
		"total_tokens":          func(r *analyticsRow) int64 { return r.total() },
		"requests":              func(r *analyticsRow) int64 { return 0 },
		"time":                  func(r *analyticsRow) int64 { return 0 },
		"output_tokens":         func(r *analyticsRow) int64 { return r.counters[tOutput] },
		"uncached_input_tokens": func(r *analyticsRow) int64 { return r.counters[tUncached] },
	}[cmp.Or(c.q.Get("order_by"), "total_tokens")]
	c.sortRows(rows, func(r *analyticsRow) *big.Int { return big.NewInt(metric(r)) }, "total_tokens")
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		s, e := r.times()
		u := r.counters
		out[i] = map[string]any{"starting_at": s, "ending_at": e, "group": r.group, "usage": map[string]any{
			"uncached_input_tokens": u[tUncached], "cache_read_input_tokens": u[tCacheRead], "output_tokens": u[tOutput],
			"cache_creation":  map[string]any{"ephemeral_1h_input_tokens": u[tCache1h], "ephemeral_5m_input_tokens": u[tCache5m]},
			"server_tool_use": map[string]any{"web_search_requests": u[cWebSearch]}, "total_tokens": r.total(), "requests": nil}}
	}
	return reportPage(c, out)
}

func (r *analyticsRow) total() int64 {
	var n int64
	for _, x := range r.counters[:numTokenTypes] {
		n += x
	}
	return n
}

// bucketWidthParam reads an optional bucket width parameter of the
// analytics endpoints: "" (none), 1d, 1h or 1m, and its duration.
func (c *call) bucketWidthParam(name string) (string, time.Duration, *apiError) {
	width := c.q.Get(name)
	size, ok := map[string]time.Duration{"": 0, "1d": 24 * time.Hour, "1h": time.Hour, "1m": time.Minute}[width]
	if !ok {
		return "", 0, errInvalid("%s: %q is not one of 1d, 1h, 1m", name, width)
	}
	return width, size, nil
}
