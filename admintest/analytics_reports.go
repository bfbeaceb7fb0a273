package admintest

import (
	"cmp"
	"maps"
	"math/big"
	"slices"
	"strings"
	"time"
)

// The four analytics reports (usage_report, cost_report and their per-user
// forms) answer from the same generated traffic and prices as analytics
// usage and cost (analytics.go), so a day's total is the same in all of
// them and in the legacy usage report. The per-user reports hold only the
// traffic of members (user_actor); the bucketed ones hold all of it.

var (
	// reportDimNames are the reports' group_by[] values; the cost reports
	// take costOnlyDims too.
	reportDimNames = []string{"claude_tag_category", "claude_tag_user_id", "context_window", "inference_geo", "model",
		"product", "rbac_group_id", "slack_channel_id", "speed"}
	reportFilters = map[string][]string{ // filter → known values; nil for IDs
		"claude_tag_categories[]": {"dm", "engaged", "monitoring", "proactive", "scheduled"}, "claude_tag_user_ids[]": nil,
		"context_windows[]": {"0-200k", "200k-1M"}, "inference_geos[]": {"global", "not_available", "us"}, "models[]": nil,
		"products[]":       {"chat", "chat_cowork_unified", "claude-tag", "claude_code", "claude_design", "claude_in_chrome", "cowork", "office_agent"},
		"rbac_group_ids[]": nil, "slack_channel_ids[]": nil, "speeds[]": {"fast", "standard"}, "user_ids[]": nil,
	}
	reportWidths = []widthRule{{"1d", 24 * time.Hour, 7, 31}, {"1h", time.Hour, 24, 168}, {"1m", time.Minute, 60, 256}}
)

// maxReportGroups is how many groups a bucket of a report holds at most.
const maxReportGroups = 100

// reportQuery checks what the four reports share: the range's start, its
// end when given, group_by[] and the filters. It returns the end (the
// earlier of now and starting_at plus 31 days when not given) and the
// query's groups and stream filter.
func (c *call) reportQuery(cost bool) (start, end time.Time, q *analyticsQuery, err *apiError) {
	s, err := timeParam(c, "starting_at")
	if err != nil {
		return start, end, nil, err
	}
	if s == nil {
		return start, end, nil, errInvalid("starting_at: Field required")
	}
	if s.Before(analyticsEpoch) || s.Before(c.now.Add(-365*24*time.Hour)) {
		return start, end, nil, errInvalid("starting_at: must be within the last 365 days and no earlier than 2026-01-01T00:00:00Z")
	}
	e, err := timeParam(c, "ending_at")
	if err != nil {
		return start, end, nil, err
	}
	if e == nil {
		d := s.Add(31 * 24 * time.Hour)
		if c.now.Before(d) {
			d = c.now.UTC()
		}
		e = &d
	}
	switch {
	case !e.After(*s):
		return start, end, nil, invalidRange()
	case e.Sub(*s) > 31*24*time.Hour:
		return start, end, nil, errInvalid("ending_at: the range may span at most 31 days")
	}
	q = &analyticsQuery{cost: cost}
	for _, g := range c.q["group_by[]"] {
		if !slices.Contains(reportDimNames, g) && !(cost && slices.Contains(costOnlyDims, g)) {
			names := reportDimNames
			if cost {
				names = slices.Sorted(slices.Values(append(slices.Clone(reportDimNames), costOnlyDims...)))
			}
			return start, end, nil, errInvalid("group_by[]: %q is not one of %s", g, strings.Join(names, ", "))
		}
		if !slices.Contains(q.groupBy, g) {
			q.groupBy = append(q.groupBy, g)
		}
	}
	if slices.Contains(q.groupBy, "claude_tag_user_id") && (slices.Contains(q.groupBy, "rbac_group_id") || len(c.q["rbac_group_ids[]"]) > 0) {
		return start, end, nil, errInvalid("group_by[]: claude_tag_user_id cannot be combined with group_by[]=rbac_group_id or the rbac_group_ids[] filter")
	}
	for _, f := range slices.Sorted(maps.Keys(reportFilters)) {
		if known := reportFilters[f]; known != nil {
			if err := c.enumList(f, known); err != nil {
				return start, end, nil, err
			}
		}
	}
	if users := c.q["user_ids[]"]; len(users) > 0 {
		q.only = func(a attrs) bool { return a["actor_type"] == "user_actor" && slices.Contains(users, a["actor_id"]) }
	}
	return *s, *e, q, nil
}

// reportResult is a row's report dimensions, null unless asked for, and
// cost_type and token_type for cost.
func reportResult(r *analyticsRow, cost bool) map[string]any {
	out := map[string]any{}
	for _, d := range reportDimNames {
		out[d] = r.group[d]
	}
	if cost {
		out["cost_type"], out["token_type"] = r.group["cost_type"], r.group["token_type"]
		amount := decimal(r.femto)
		out["amount"], out["list_amount"], out["currency"], out["requests"] = amount, amount, "USD", nil
		return out
	}
	u := r.counters
	out["uncached_input_tokens"], out["cache_read_input_tokens"], out["output_tokens"] = u[tUncached], u[tCacheRead], u[tOutput]
	out["cache_creation"] = map[string]any{"ephemeral_1h_input_tokens": u[tCache1h], "ephemeral_5m_input_tokens": u[tCache5m]}
	out["server_tool_use"] = map[string]any{"web_search_requests": u[cWebSearch]}
	out["requests"] = nil
	return out
}

// rowMetric is the number a row is ranked by: its cost, or its tokens.
func rowMetric(r *analyticsRow, cost bool) *big.Int {
	if cost {
		return r.femto
	}
	return big.NewInt(r.total())
}

// bucketedReport answers usage_report and cost_report: a page of buckets,
// each with its top groups, the largest first.
func (c *call) bucketedReport(cost bool) (any, *apiError) {
	_, end, q, err := c.reportQuery(cost)
	if err != nil {
		return nil, err
	}
	if c.q.Get("ending_at") == "" {
		c.q = maps.Clone(c.q) // bucketsParam reads the defaulted end
		c.q.Set("ending_at", end.Format(time.RFC3339))
	}
	page, err := c.bucketsParam(reportWidths)
	if err != nil {
		return nil, err
	}
	for _, s := range page.starts {
		q.periods = append(q.periods, [2]time.Time{s, s.Add(page.size)})
	}
	byPeriod := map[time.Time][]*analyticsRow{}
	for _, r := range c.reportRows(q) {
		byPeriod[r.period[0]] = append(byPeriod[r.period[0]], r)
	}
	data := make([]timeBucket[map[string]any], 0, len(page.starts))
	for _, s := range page.starts {
		rows := byPeriod[s]
		slices.SortFunc(rows, func(x, y *analyticsRow) int {
			return cmp.Or(rowMetric(y, cost).Cmp(rowMetric(x, cost)), strings.Compare(x.key, y.key))
		})
		results := []map[string]any{}
		for _, r := range rows[:min(len(rows), maxReportGroups)] {
			results = append(results, reportResult(r, cost))
		}
		data = append(data, timeBucket[map[string]any]{s.Format(time.RFC3339), s.Add(page.size).Format(time.RFC3339), results})
	}
	return map[string]any{"data": data, "has_more": page.next != nil, "next_page": page.next,
		"data_refreshed_at": stamp(c.now.Truncate(5 * time.Minute))}, nil
}

func analyticsUsageReport(c *call) (any, *apiError) { return c.bucketedReport(false) }
func analyticsCostReport(c *call) (any, *apiError)  { return c.bucketedReport(true) }

// userReport answers user_usage_report and user_cost_report: a row per
// member and group, per bucket or for the whole range, ranked by order_by.
func (c *call) userReport(cost bool) (any, *apiError) {
	start, end, q, err := c.reportQuery(cost)
	if err != nil {
		return nil, err
	}
	width, size, bad := c.bucketWidthParam("bucket_width")
	if bad != nil {
		return nil, bad
	}
	switch {
	case width != "" && c.q.Get("ending_at") == "":
		return nil, errInvalid("ending_at: required when bucket_width is set")
	case width == "1m" && end.Sub(start) > 24*time.Hour:
		return nil, errInvalid("ending_at: with bucket_width=1m the range may span at most 24 hours")
	}
	orders := []string{"output_tokens", "requests", "total_tokens", "uncached_input_tokens"}
	def := "total_tokens"
	if cost {
		orders, def = []string{"amount", "list_amount"}, "amount"
	}
	if o := c.q.Get("order_by"); o != "" && !slices.Contains(orders, o) {
		return nil, errInvalid("order_by: %q is not one of %s", o, strings.Join(orders, ", "))
	}
	if o := c.q.Get("order"); o != "" && o != "asc" && o != "desc" {
		return nil, errInvalid("order: %q is not one of asc, desc", o)
	}
	if width == "" {
		q.periods = [][2]time.Time{{start.Truncate(time.Minute), end.Truncate(time.Minute)}}
	} else {
		until := end
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
	}
	users := q.only
	q.only = func(a attrs) bool { return a["actor_type"] == "user_actor" && (users == nil || users(a)) }
	q.groupBy = append([]string{"actor"}, q.groupBy...)
	rows := c.reportRows(q)
	if v := c.q.Get("exclude_deleted_users"); v == "true" {
		rows = slices.DeleteFunc(rows, func(r *analyticsRow) bool { return r.group["actor"].(map[string]any)["deleted"] == true })
	}
	metric := func(r *analyticsRow) *big.Int { return rowMetric(r, cost) }
	switch cmp.Or(c.q.Get("order_by"), def) {
	case "output_tokens":
		metric = func(r *analyticsRow) *big.Int { return big.NewInt(r.counters[tOutput]) }
	case "uncached_input_tokens":
		metric = func(r *analyticsRow) *big.Int { return big.NewInt(r.counters[tUncached]) }
	case "requests":
		metric = func(r *analyticsRow) *big.Int { return new(big.Int) }
	}
	c.sortRows(rows, metric, def)
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		m := reportResult(r, cost)
		m["starting_at"], m["ending_at"] = r.times()
		m["actor"] = r.group["actor"]
		if !cost {
			m["total_tokens"] = r.total()
		}
		out[i] = m
	}
	return reportPage(c, out)
}

func analyticsUserUsageReport(c *call) (any, *apiError) { return c.userReport(false) }
func analyticsUserCostReport(c *call) (any, *apiError)  { return c.userReport(true) }

// reportRows sums the traffic like analyticsRows, with the reports' one
// difference: a row's speed is never null. A row not broken out by speed
// has the speed of its traffic, or standard when its traffic mixes both
// (the spec does not say what the API sends then).
func (c *call) reportRows(q *analyticsQuery) []*analyticsRow {
	if slices.Contains(q.groupBy, "speed") {
		return c.analyticsRows(q)
	}
	bySpeed := *q
	bySpeed.groupBy = append(slices.Clone(q.groupBy), "speed")
	merged := map[string]*analyticsRow{}
	var out []*analyticsRow
	for _, r := range c.analyticsRows(&bySpeed) {
		key := groupKey(q.groupBy, r.group)
		k := r.period[0].Format(time.RFC3339) + "|" + key
		m := merged[k]
		if m == nil {
			m = &analyticsRow{period: r.period, key: key, group: maps.Clone(r.group), femto: new(big.Int)}
			merged[k] = m
			out = append(out, m)
		} else if m.group["speed"] != r.group["speed"] {
			m.group["speed"] = "standard"
		}
		m.femto.Add(m.femto, r.femto)
		for i, n := range r.counters {
			m.counters[i] += n
		}
	}
	return out
}
