package admin

import (
	"context"
	"iter"
	"slices"
	"time"
)

// The four analytics reports (beta, marked legacy by the API): token usage
// and cost in time buckets (UsageReport, CostReport) and per member
// (UserUsageReport, UserCostReport), over ranges of up to 31 days. They take
// fewer dimensions and filters than Usage and Cost, and break out by member
// through the per-user reports rather than by actor.

// ReportProductClaudeTag is how the reports' products[] filter spells
// Claude Tag (Claude in Slack); the rows and Usage and Cost spell it
// ProductClaudeTag.
const ReportProductClaudeTag AnalyticsProduct = "claude-tag"

// reportDims are the dimensions the four reports break out by;
// reportCostDims are the cost reports' two more.
var (
	reportDims = []AnalyticsDimension{DimClaudeTagCategory, DimClaudeTagUserID, DimContextWindow, DimInferenceGeo,
		DimModel, DimProduct, DimRBACGroupID, DimSlackChannelID, DimSpeed}
	reportCostDims = []AnalyticsDimension{DimCostType, DimTokenType}
)

// AnalyticsReportFilters keep only the usage matching one of the values of
// each filter given.
type AnalyticsReportFilters struct {
	ClaudeTagCategories []ClaudeTagCategory
	ClaudeTagUserIDs    []string // Slack user IDs, not user_... IDs
	ContextWindows      []ContextWindow
	InferenceGeos       []InferenceGeo
	Models              []string
	Products            []AnalyticsProduct // ReportProductClaudeTag for Claude Tag
	RBACGroupIDs        []string           // rbac_group_... or bare UUIDs
	SlackChannelIDs     []string
	Speeds              []Speed
	UserIDs             []string // user_... IDs
}

func (f AnalyticsReportFilters) add(q query) {
	list(q, "claude_tag_categories", f.ClaudeTagCategories)
	list(q, "claude_tag_user_ids", f.ClaudeTagUserIDs)
	list(q, "context_windows", f.ContextWindows)
	list(q, "inference_geos", f.InferenceGeos)
	list(q, "models", f.Models)
	list(q, "products", f.Products)
	list(q, "rbac_group_ids", f.RBACGroupIDs)
	list(q, "slack_channel_ids", f.SlackChannelIDs)
	list(q, "speeds", f.Speeds)
	list(q, "user_ids", f.UserIDs)
}

// AnalyticsReportDims are the dimension values a report row is broken out
// by. A dimension not asked for is null on the wire and decodes as "", which
// is never a real value (Product is also "" for usage of no known surface).
// Speed is the one the spec never makes null.
type AnalyticsReportDims struct {
	ClaudeTagCategory ClaudeTagCategory `json:"claude_tag_category"`
	ClaudeTagUserID   string            `json:"claude_tag_user_id"` // a Slack user ID
	ContextWindow     ContextWindow     `json:"context_window"`
	InferenceGeo      InferenceGeo      `json:"inference_geo"`
	Model             string            `json:"model"`
	Product           AnalyticsProduct  `json:"product"`
	RBACGroupID       string            `json:"rbac_group_id"`
	SlackChannelID    string            `json:"slack_channel_id"`
	Speed             Speed             `json:"speed"`
}

// AnalyticsUsageReportResult is the token usage of one group within a
// bucket of the usage report.
type AnalyticsUsageReportResult struct {
	UncachedInputTokens  int64         `json:"uncached_input_tokens"`
	CacheCreation        CacheCreation `json:"cache_creation"`
	CacheReadInputTokens int64         `json:"cache_read_input_tokens"`
	OutputTokens         int64         `json:"output_tokens"`
	ServerToolUse        ServerToolUse `json:"server_tool_use"`
	Requests             *int64        `json:"requests"` // nil when the API does not say
	AnalyticsReportDims
}

// AnalyticsCostReportResult is the cost of one group within a bucket of the
// cost report. Amounts are exact, in minor units of Currency (cents of USD),
// fractions included.
type AnalyticsCostReportResult struct {
	Amount     Amount    `json:"amount"`      // after discounts, before credits
	ListAmount Amount    `json:"list_amount"` // at list price
	Currency   string    `json:"currency"`
	CostType   CostType  `json:"cost_type"`  // "" unless grouped by cost_type
	TokenType  TokenType `json:"token_type"` // "" unless grouped by token_type, and for costs of no tokens
	Requests   *int64    `json:"requests"`   // nil when the API does not say
	AnalyticsReportDims
}

// AnalyticsUsageReportBucket is one time bucket of the usage report.
type AnalyticsUsageReportBucket = ReportBucket[AnalyticsUsageReportResult]

// AnalyticsCostReportBucket is one time bucket of the cost report.
type AnalyticsCostReportBucket = ReportBucket[AnalyticsCostReportResult]

// AnalyticsReportParams selects a bucketed report (UsageReport,
// CostReport). Only StartingAt is required.
type AnalyticsReportParams struct {
	// StartingAt is within the last 365 days and not before
	// 2026-01-01T00:00:00Z.
	StartingAt time.Time
	// EndingAt (exclusive) is at most 31 days after StartingAt; it
	// defaults to the earlier of now and StartingAt plus 31 days.
	EndingAt time.Time
	// BucketWidth is 1m, 1h or 1d; "" means 1d. It is always sent.
	BucketWidth BucketWidth
	// GroupBy breaks each bucket out by these dimensions (claude_tag_category,
	// claude_tag_user_id, context_window, inference_geo, model, product,
	// rbac_group_id, slack_channel_id, speed; cost_type and token_type for
	// the cost report). A bucket holds at most its top 100 groups.
	GroupBy []AnalyticsDimension
	// PageCursor's Limit is buckets per page: at most 31 for 1d (default
	// 7), 168 for 1h (default 24), 256 for 1m (default 60).
	PageCursor
	AnalyticsReportFilters
}

// reportMaxBuckets is the largest page of a bucketed analytics report, in
// buckets of a width; 0 for a width this library does not know.
func reportMaxBuckets(w BucketWidth) int {
	switch w {
	case BucketWidthDay:
		return 31
	case BucketWidthHour:
		return 168
	case BucketWidthMinute:
		return 256
	}
	return 0
}

// checkReportDims refuses group_by values and combinations the reports do
// not take. A dimension this library does not know is let through.
func checkReportDims(groupBy []AnalyticsDimension, rbacFilter []string, cost bool) error {
	for _, d := range groupBy {
		switch {
		case slices.Contains(reportDims, d):
		case slices.Contains(reportCostDims, d):
			if !cost {
				return paramErr("group_by", "%q breaks out cost only", d)
			}
		case knownAnalyticsDim(d):
			return paramErr("group_by", "%q is not a dimension of the reports (Usage and Cost take it)", d)
		}
	}
	if slices.Contains(groupBy, DimClaudeTagUserID) {
		if slices.Contains(groupBy, DimRBACGroupID) {
			return paramErr("group_by", "claude_tag_user_id cannot be combined with rbac_group_id")
		}
		if len(rbacFilter) > 0 {
			return paramErr("group_by", "claude_tag_user_id cannot be combined with the rbac_group_ids filter")
		}
	}
	return nil
}

func knownAnalyticsDim(d AnalyticsDimension) bool {
	switch d {
	case DimActor, DimActorType, DimAgentID, DimAPIKeyID, DimDeploymentID, DimEnvironmentID, DimOrganizationID,
		DimServiceTier, DimSessionID, DimUserProfileID, DimWorkspaceID:
		return true
	}
	return false
}

// checkReportEnd refuses an end the reports would refuse: not after the
// start, or more than 31 days after it.
func checkReportEnd(start, end time.Time) error {
	switch {
	case end.IsZero():
		return nil
	case !end.After(start):
		return paramErr("ending_at", "%s is not after starting_at %s", stamp(end), stamp(start))
	case end.Sub(start) > maxAnalyticsSpan:
		return paramErr("ending_at", "the range spans %s; at most 31 days may be asked for at once (the Range methods walk longer ones)", end.Sub(start))
	}
	return nil
}

func (p AnalyticsReportParams) query(cost bool) (query, error) {
	if err := checkAnalyticsStart(p.StartingAt); err != nil {
		return nil, err
	}
	if err := checkReportEnd(p.StartingAt, p.EndingAt); err != nil {
		return nil, err
	}
	width := p.BucketWidth
	if width == "" {
		width = BucketWidthDay
	}
	max := reportMaxBuckets(width)
	if max == 0 {
		return nil, paramErr("bucket_width", "%q is not 1m, 1h or 1d", width)
	}
	if err := checkReportDims(p.GroupBy, p.RBACGroupIDs, cost); err != nil {
		return nil, err
	}
	q, err := reportQuery(p.StartingAt, p.EndingAt, width, p.PageCursor, max)
	if err != nil {
		return nil, err
	}
	list(q, "group_by", p.GroupBy)
	p.AnalyticsReportFilters.add(q)
	return q, nil
}

// UsageReport returns token usage in time buckets, oldest first, empty
// buckets included (GET /v1/organizations/analytics/usage_report, a beta
// marked legacy), for a range of up to 31 days; UsageReportRange walks any
// range.
func (s *AnalyticsService) UsageReport(params AnalyticsReportParams, opts ...Option) *List[AnalyticsUsageReportBucket] {
	q, err := params.query(false)
	if err != nil {
		return failedList[AnalyticsUsageReportBucket](err)
	}
	return tokenList[AnalyticsUsageReportBucket](s.client, "/v1/organizations/analytics/usage_report", q, opts)
}

// CostReport returns cost in time buckets, oldest first, empty buckets
// included (GET /v1/organizations/analytics/cost_report, a beta marked
// legacy), for a range of up to 31 days; CostReportRange walks any range.
func (s *AnalyticsService) CostReport(params AnalyticsReportParams, opts ...Option) *List[AnalyticsCostReportBucket] {
	q, err := params.query(true)
	if err != nil {
		return failedList[AnalyticsCostReportBucket](err)
	}
	return tokenList[AnalyticsCostReportBucket](s.client, "/v1/organizations/analytics/cost_report", q, opts)
}

// UsageReportRange returns every bucket of the usage report from
// params.StartingAt to params.EndingAt, however long the range, oldest
// first, in windows of 31 days; it works like UsageService.MessagesRange
// (EndingAt required, Page empty, Limit the page size within a window, a
// bucket still running left out when the server does not give it yet).
// StartingAt must be within the last 365 days, as for UsageReport.
func (s *AnalyticsService) UsageReportRange(params AnalyticsReportParams, opts ...Option) *Range[AnalyticsUsageReportBucket] {
	return reportRange(params, func(p AnalyticsReportParams) *List[AnalyticsUsageReportBucket] { return s.UsageReport(p, opts...) })
}

// CostReportRange is UsageReportRange for the cost report.
func (s *AnalyticsService) CostReportRange(params AnalyticsReportParams, opts ...Option) *Range[AnalyticsCostReportBucket] {
	return reportRange(params, func(p AnalyticsReportParams) *List[AnalyticsCostReportBucket] { return s.CostReport(p, opts...) })
}

// reportRange walks a bucketed report with walkBuckets, in windows of 31
// days of buckets.
func reportRange[R any](params AnalyticsReportParams, fetch func(AnalyticsReportParams) *List[ReportBucket[R]]) *Range[ReportBucket[R]] {
	width := params.BucketWidth
	if width == "" {
		width = BucketWidthDay
	}
	perWindow := 0
	if d := width.duration(); d > 0 {
		perWindow = int(maxAnalyticsSpan / d)
	}
	return &Range[ReportBucket[R]]{walk: func(ctx context.Context) iter.Seq2[ReportBucket[R], error] {
		if err := checkAnalyticsStart(params.StartingAt); err != nil && !params.StartingAt.IsZero() {
			return func(yield func(ReportBucket[R], error) bool) { yield(ReportBucket[R]{}, err) }
		}
		return walkBuckets(ctx, params.StartingAt, params.EndingAt, width, perWindow, params.Page,
			func(from, to time.Time) *List[ReportBucket[R]] {
				p := params
				p.StartingAt, p.EndingAt = from, to
				// The window starts on its bucket's boundary, which may be
				// before a start at the edge of the 365 days or 2026: ask
				// from the start given, as the API snaps it down itself.
				if from.Before(params.StartingAt) {
					p.StartingAt = params.StartingAt
				}
				return fetch(p)
			})
	}}
}

// AnalyticsUserUsageRow is one member's token usage over a bucket or the
// range, for one group.
type AnalyticsUserUsageRow struct {
	// StartingAt and EndingAt are the row's bucket, or the whole range when
	// no BucketWidth was asked for.
	StartingAt time.Time `json:"starting_at"`
	EndingAt   time.Time `json:"ending_at"`
	// Actor is the member (Type user_actor); a kind this version does not
	// know decodes with its Type, its fields in RawJSON.
	Actor                AnalyticsActor `json:"actor"`
	UncachedInputTokens  int64          `json:"uncached_input_tokens"`
	CacheCreation        CacheCreation  `json:"cache_creation"`
	CacheReadInputTokens int64          `json:"cache_read_input_tokens"`
	OutputTokens         int64          `json:"output_tokens"`
	TotalTokens          int64          `json:"total_tokens"`
	ServerToolUse        ServerToolUse  `json:"server_tool_use"`
	Requests             *int64         `json:"requests"` // nil when the API does not say
	AnalyticsReportDims
	raw
}

func (r *AnalyticsUserUsageRow) UnmarshalJSON(data []byte) error {
	type plain AnalyticsUserUsageRow
	return decodeKeepingRaw(data, (*plain)(r), &r.raw)
}

// AnalyticsUserCostRow is one member's cost over a bucket or the range, for
// one group. Amounts are exact, in minor units of Currency.
type AnalyticsUserCostRow struct {
	// StartingAt and EndingAt are the row's bucket, or the whole range when
	// no BucketWidth was asked for.
	StartingAt time.Time `json:"starting_at"`
	EndingAt   time.Time `json:"ending_at"`
	// Actor is the member (Type user_actor); a kind this version does not
	// know decodes with its Type, its fields in RawJSON.
	Actor      AnalyticsActor `json:"actor"`
	Amount     Amount         `json:"amount"`      // after discounts, before credits
	ListAmount Amount         `json:"list_amount"` // at list price
	Currency   string         `json:"currency"`
	CostType   CostType       `json:"cost_type"`
	TokenType  TokenType      `json:"token_type"`
	Requests   *int64         `json:"requests"` // nil when the API does not say
	AnalyticsReportDims
	raw
}

func (r *AnalyticsUserCostRow) UnmarshalJSON(data []byte) error {
	type plain AnalyticsUserCostRow
	return decodeKeepingRaw(data, (*plain)(r), &r.raw)
}

// AnalyticsUserReportRange is the span and breakdown of the per-member
// reports.
type AnalyticsUserReportRange struct {
	// StartingAt is required: within the last 365 days and not before
	// 2026-01-01T00:00:00Z.
	StartingAt time.Time
	// EndingAt (exclusive) is at most 31 days after StartingAt. It is
	// required with BucketWidth; otherwise it defaults to the earlier of
	// now and StartingAt plus 31 days.
	EndingAt time.Time
	// BucketWidth, when set, gives a row per bucket (1m buckets for at most
	// 24 hours); "" gives one row per member and group for the whole range.
	BucketWidth BucketWidth
	// GroupBy breaks each member's row out by these dimensions (as
	// AnalyticsReportParams.GroupBy).
	GroupBy []AnalyticsDimension
	// ExcludeDeletedUsers leaves out the rows of deleted members; a page
	// may then hold fewer rows than Limit.
	ExcludeDeletedUsers bool
	// PageCursor's Limit is rows per page, 1 to 1000; 0 for the default (20).
	PageCursor
	AnalyticsReportFilters
}

func (r AnalyticsUserReportRange) query(cost bool) (query, error) {
	if err := checkAnalyticsStart(r.StartingAt); err != nil {
		return nil, err
	}
	if err := checkReportEnd(r.StartingAt, r.EndingAt); err != nil {
		return nil, err
	}
	switch r.BucketWidth {
	case "":
	case BucketWidthMinute, BucketWidthHour, BucketWidthDay:
		if r.EndingAt.IsZero() {
			return nil, paramErr("ending_at", "is required with bucket_width")
		}
		if r.BucketWidth == BucketWidthMinute && r.EndingAt.Sub(r.StartingAt) > maxMinuteSpan {
			return nil, paramErr("ending_at", "with 1m buckets the range may span at most 24 hours, not %s", r.EndingAt.Sub(r.StartingAt))
		}
	default:
		return nil, paramErr("bucket_width", "%q is not 1m, 1h or 1d", r.BucketWidth)
	}
	if err := checkReportDims(r.GroupBy, r.RBACGroupIDs, cost); err != nil {
		return nil, err
	}
	q, err := r.PageCursor.query(maxPageSize)
	if err != nil {
		return nil, err
	}
	q.time("starting_at", r.StartingAt)
	q.time("ending_at", r.EndingAt)
	q.str("bucket_width", string(r.BucketWidth))
	list(q, "group_by", r.GroupBy)
	q.flag("exclude_deleted_users", r.ExcludeDeletedUsers)
	r.AnalyticsReportFilters.add(q)
	return q, nil
}

// AnalyticsUserUsageParams selects per-member usage rows.
type AnalyticsUserUsageParams struct {
	AnalyticsUserReportRange
	// OrderBy ranks members: total_tokens (""), output_tokens,
	// uncached_input_tokens or requests; "time" is not taken.
	OrderBy AnalyticsUsageOrder
	Order   SortOrder // "" for desc
}

// AnalyticsUserCostParams selects per-member cost rows.
type AnalyticsUserCostParams struct {
	AnalyticsUserReportRange
	// OrderBy ranks members: amount ("") or list_amount; "time" is not
	// taken.
	OrderBy AnalyticsCostOrder
	Order   SortOrder // "" for desc
}

func checkOrder(order SortOrder) error {
	switch order {
	case "", SortAsc, SortDesc:
		return nil
	}
	return paramErr("order", "%q is not asc or desc", order)
}

// UserUsageReport returns each member's token usage (GET
// /v1/organizations/analytics/user_usage_report, a beta marked legacy),
// ranked by OrderBy, for a range of up to 31 days; UserUsageReportRange
// walks any range.
func (s *AnalyticsService) UserUsageReport(params AnalyticsUserUsageParams, opts ...Option) *List[AnalyticsUserUsageRow] {
	q, err := params.AnalyticsUserReportRange.query(false)
	if err == nil && params.OrderBy == UsageOrderTime {
		err = paramErr("order_by", "%q is not taken by the per-user report", params.OrderBy)
	}
	if err == nil {
		err = checkOrder(params.Order)
	}
	if err != nil {
		return failedList[AnalyticsUserUsageRow](err)
	}
	q.str("order_by", string(params.OrderBy))
	q.str("order", string(params.Order))
	return tokenList[AnalyticsUserUsageRow](s.client, "/v1/organizations/analytics/user_usage_report", q, opts)
}

// UserCostReport returns each member's cost (GET
// /v1/organizations/analytics/user_cost_report, a beta marked legacy),
// ranked by OrderBy, for a range of up to 31 days; UserCostReportRange
// walks any range.
func (s *AnalyticsService) UserCostReport(params AnalyticsUserCostParams, opts ...Option) *List[AnalyticsUserCostRow] {
	q, err := params.AnalyticsUserReportRange.query(true)
	if err == nil && params.OrderBy == CostOrderTime {
		err = paramErr("order_by", "%q is not taken by the per-user report", params.OrderBy)
	}
	if err == nil {
		err = checkOrder(params.Order)
	}
	if err != nil {
		return failedList[AnalyticsUserCostRow](err)
	}
	q.str("order_by", string(params.OrderBy))
	q.str("order", string(params.Order))
	return tokenList[AnalyticsUserCostRow](s.client, "/v1/organizations/analytics/user_cost_report", q, opts)
}

// userWindow is the AnalyticsRange walkRows reads for a per-member range:
// the same span, width, page and start.
func (r AnalyticsUserReportRange) userWindow() AnalyticsRange {
	return AnalyticsRange{StartingAt: r.StartingAt, EndingAt: r.EndingAt, TimeBucketWidth: r.BucketWidth, PageCursor: r.PageCursor}
}

// UserUsageReportRange returns the per-member usage rows of a range of any
// length, oldest window first, as AnalyticsService.UsageRange does: windows
// of at most 31 days (24 hours with 1m buckets) on bucket boundaries of
// BucketWidth (1d when none is given, each window's rows then aggregating
// that window), every page of each, a row sent twice yielded once.
// StartingAt and EndingAt are required and Page must be empty.
func (s *AnalyticsService) UserUsageReportRange(params AnalyticsUserUsageParams, opts ...Option) *Range[AnalyticsUserUsageRow] {
	return &Range[AnalyticsUserUsageRow]{walk: func(ctx context.Context) iter.Seq2[AnalyticsUserUsageRow, error] {
		return walkRows(ctx, params.userWindow(), func(from, to time.Time) *List[AnalyticsUserUsageRow] {
			p := params
			p.StartingAt, p.EndingAt = from, to
			return s.UserUsageReport(p, opts...)
		}, func(r AnalyticsUserUsageRow) []byte { return r.RawJSON() })
	}}
}

// UserCostReportRange is UserUsageReportRange for per-member cost rows.
func (s *AnalyticsService) UserCostReportRange(params AnalyticsUserCostParams, opts ...Option) *Range[AnalyticsUserCostRow] {
	return &Range[AnalyticsUserCostRow]{walk: func(ctx context.Context) iter.Seq2[AnalyticsUserCostRow, error] {
		return walkRows(ctx, params.userWindow(), func(from, to time.Time) *List[AnalyticsUserCostRow] {
			p := params
			p.StartingAt, p.EndingAt = from, to
			return s.UserCostReport(p, opts...)
		}, func(r AnalyticsUserCostRow) []byte { return r.RawJSON() })
	}}
}
