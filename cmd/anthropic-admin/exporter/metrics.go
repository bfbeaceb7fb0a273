package exporter

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Namespace starts every metric name the exporter exports.
const Namespace = "anthropic_admin"

// Metric describes one metric the exporter exports: its full name, type,
// help and labels. Every series carries the organization label first.
type Metric struct {
	Name   string
	Type   string // gauge or counter
	Help   string
	Labels []string // after organization
}

// metric is a Metric with the descriptor its samples are made with.
type metric struct {
	Metric
	desc *prometheus.Desc
}

func gauge(name, help string, labels ...string) *metric {
	return newMetric("gauge", name, help, labels)
}

func newMetric(typ, name, help string, labels []string) *metric {
	m := &metric{Metric: Metric{Name: Namespace + "_" + name, Type: typ, Help: help, Labels: labels}}
	m.desc = prometheus.NewDesc(m.Name, help, append([]string{"organization"}, labels...), nil)
	return m
}

// The data metrics, read from the Admin API at each refresh and replaced
// whole: a refresh recomputes every value from the API's current answer for
// its window, so a bucket that grows late is never counted twice, and a key
// or workspace that disappears loses its series.
var (
	mSpend = gauge("spend_usd",
		"Spend in US dollars from the cost report, in a window: month_to_date, today (so far) or last_complete_day.", "window")
	mWorkspaceSpend = gauge("workspace_spend_usd",
		"Spend in US dollars by workspace (workspace Default for the default workspace), in a window.",
		"workspace_id", "workspace", "window")
	mModelSpend = gauge("model_spend_usd",
		"Spend in US dollars by model (empty for spend that is not by model, such as web search), in a window.", "model", "window")
	mDailyAverage = gauge("spend_daily_average_usd",
		"Average daily spend in US dollars over the 7 complete days before the latest final day.")
	mProjected = gauge("spend_projected_month_usd",
		"Projected spend in US dollars for the whole calendar month: month to date plus the 7-day average for every day left.")
	mBudget = gauge("budget_usd",
		"The monthly budget in US dollars (only with a budget).")
	mBudgetUsed = gauge("budget_used_ratio",
		"Month-to-date spend as a fraction of the monthly budget (only with a budget).")
	mBudgetProjected = gauge("budget_projected_ratio",
		"Projected month-end spend as a fraction of the monthly budget (only with a budget).")
	mKeySpend = gauge("api_key_spend_usd",
		"Spend in US dollars by API key from the analytics API, in a window: month_to_date or today; the keys past --top-keys are summed in api_key_id other, spend without a key has api_key_id empty.",
		"api_key_id", "api_key_name", "window")
	mUserSpend = gauge("user_spend_usd",
		"Spend in US dollars by member from the analytics API, in a window: month_to_date or today; spend of no member has user_id empty.",
		"user_id", "user_email", "window")
	mTokens = gauge("today_tokens",
		"Tokens used today (UTC) so far by workspace, model, API key and token type (uncached_input, cache_creation_5m, cache_creation_1h, cache_read, output).",
		"workspace_id", "workspace", "model", "api_key_id", "api_key_name", "token_type")
	mCCSessions = gauge("claude_code_sessions",
		"Claude Code sessions on the last complete UTC day, per user (user_email) or API key (api_key_name).", "user_email", "api_key_name")
	mCCLines = gauge("claude_code_lines",
		"Lines of code Claude Code added or removed (change) on the last complete UTC day, per user or API key.",
		"user_email", "api_key_name", "change")
	mCCCommits = gauge("claude_code_commits",
		"Commits made by Claude Code on the last complete UTC day, per user or API key.", "user_email", "api_key_name")
	mCCPullRequests = gauge("claude_code_pull_requests",
		"Pull requests made by Claude Code on the last complete UTC day, per user or API key.", "user_email", "api_key_name")
	mCCCost = gauge("claude_code_estimated_cost_usd",
		"Estimated Claude Code cost in US dollars on the last complete UTC day, per user or API key.", "user_email", "api_key_name")
	mMembers = gauge("members",
		"Members of the organization by role.", "role")
	mInvites = gauge("invites",
		"Invites by status.", "status")
	mWorkspaces = gauge("workspaces",
		"Workspaces by state: active or archived (the default workspace counts as active).", "state")
	mKeys = gauge("api_keys",
		"API keys by workspace and status.", "workspace_id", "workspace", "status")
	mKeyExpiry = gauge("api_key_expiry_timestamp_seconds",
		"When an active API key expires, in Unix seconds; keys that never expire have no series.",
		"api_key_id", "api_key_name", "workspace_id", "workspace")
	mSpendLimitUsed = gauge("spend_limit_used_ratio",
		"A member's spend so far in a spend-limit period as a fraction of their effective limit.",
		"user_id", "user_email", "period")
)

// dataMetrics are the metrics a refresh fills, in the README's order.
var dataMetrics = []*metric{
	mSpend, mWorkspaceSpend, mModelSpend, mDailyAverage, mProjected, mBudget, mBudgetUsed, mBudgetProjected,
	mKeySpend, mUserSpend, mTokens,
	mCCSessions, mCCLines, mCCCommits, mCCPullRequests, mCCCost,
	mMembers, mInvites, mWorkspaces, mKeys, mKeyExpiry, mSpendLimitUsed,
}

// The exporter's own health.
var (
	hLastSuccess = gauge("exporter_last_success_timestamp_seconds",
		"When the last successful refresh of the organization ended, in Unix seconds; 0 before the first.")
	hDuration = gauge("exporter_refresh_duration_seconds",
		"How long the last refresh of the organization took, successful or not.")
	hStale = gauge("exporter_stale",
		"1 when the last refresh failed and the data metrics are those of an earlier refresh (or absent), else 0.")
	hErrors = newMetric("counter", "exporter_refresh_errors_total",
		"Refreshes of the organization that failed.", nil)
	hRequests = newMetric("counter", "exporter_api_requests_total",
		"Admin API requests sent, by endpoint (the API's endpoint ID) and HTTP status (error when no response came).",
		[]string{"endpoint", "status"})
)

var healthMetrics = []*metric{hLastSuccess, hDuration, hStale, hErrors, hRequests}

// Metrics lists every metric the exporter exports (besides the Go runtime
// and process metrics of client_golang), data metrics first.
func Metrics() []Metric {
	var out []Metric
	for _, m := range append(append([]*metric{}, dataMetrics...), healthMetrics...) {
		mm := m.Metric
		mm.Labels = append([]string{"organization"}, m.Labels...)
		out = append(out, mm)
	}
	return out
}
