package admin

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"time"
)

// AnalyticsService reads the organization's analytics: token usage (Usage)
// and cost (Cost) broken out by any of many dimensions, over ranges of up
// to 31 days, with UsageRange and CostRange for longer ranges. These
// endpoints take a Claude Enterprise scoped key with read:analytics, or an
// OAuth token.
type AnalyticsService struct{ client *Client }

// BetaAnalyticsUsageCost is the beta value the usage and cost analytics
// need; the client sends it itself.
const BetaAnalyticsUsageCost = "analytics-usage-cost-2026-08-24"

// AnalyticsDimension is a dimension analytics rows can be broken out by
// (group_by). Usage takes every dimension but CostType and TokenType.
type AnalyticsDimension string

const (
	DimActor             AnalyticsDimension = "actor"
	DimActorType         AnalyticsDimension = "actor_type"
	DimAgentID           AnalyticsDimension = "agent_id"
	DimAPIKeyID          AnalyticsDimension = "api_key_id"
	DimClaudeTagCategory AnalyticsDimension = "claude_tag_category"
	DimClaudeTagUserID   AnalyticsDimension = "claude_tag_user_id"
	DimContextWindow     AnalyticsDimension = "context_window"
	DimCostType          AnalyticsDimension = "cost_type" // cost only; not counted in the five
	DimDeploymentID      AnalyticsDimension = "deployment_id"
	DimEnvironmentID     AnalyticsDimension = "environment_id"
	DimInferenceGeo      AnalyticsDimension = "inference_geo"
	DimModel             AnalyticsDimension = "model"
	DimOrganizationID    AnalyticsDimension = "organization_id"
	DimProduct           AnalyticsDimension = "product"
	DimRBACGroupID       AnalyticsDimension = "rbac_group_id"
	DimServiceTier       AnalyticsDimension = "service_tier"
	DimSessionID         AnalyticsDimension = "session_id"
	DimSlackChannelID    AnalyticsDimension = "slack_channel_id"
	DimSpeed             AnalyticsDimension = "speed"
	DimTokenType         AnalyticsDimension = "token_type" // cost only; not counted in the five
	DimUserProfileID     AnalyticsDimension = "user_profile_id"
	DimWorkspaceID       AnalyticsDimension = "workspace_id"
)

// maxAnalyticsDims is how many dimensions a request may break out by, not
// counting cost_type and token_type.
const maxAnalyticsDims = 5

// AnalyticsActorType is the kind of identity usage is attributed to.
type AnalyticsActorType string

const (
	AnalyticsUserActor           AnalyticsActorType = "user_actor"
	AnalyticsServiceAccountActor AnalyticsActorType = "service_account_actor"
	AnalyticsFederatedActor      AnalyticsActorType = "federated_actor"
	AnalyticsAPIActor            AnalyticsActorType = "api_actor"
)

// AnalyticsProduct is a product surface usage comes from.
type AnalyticsProduct string

const (
	ProductChat              AnalyticsProduct = "chat"
	ProductChatCoworkUnified AnalyticsProduct = "chat_cowork_unified"
	ProductClaudeCode        AnalyticsProduct = "claude_code"
	ProductClaudeConsole     AnalyticsProduct = "claude_console"
	ProductClaudeDesign      AnalyticsProduct = "claude_design"
	ProductClaudeInChrome    AnalyticsProduct = "claude_in_chrome"
	ProductClaudeTag         AnalyticsProduct = "claude_tag"
	ProductCowork            AnalyticsProduct = "cowork"
	ProductManagedAgentsAPI  AnalyticsProduct = "managed_agents_api"
	ProductMessageBatchesAPI AnalyticsProduct = "message_batches_api"
	ProductMessagesAPI       AnalyticsProduct = "messages_api"
	ProductOfficeAgent       AnalyticsProduct = "office_agent"
)

// ClaudeTagCategory is a spend category of Claude in Slack.
type ClaudeTagCategory string

const (
	ClaudeTagDM         ClaudeTagCategory = "dm"
	ClaudeTagEngaged    ClaudeTagCategory = "engaged"
	ClaudeTagMonitoring ClaudeTagCategory = "monitoring"
	ClaudeTagProactive  ClaudeTagCategory = "proactive"
	ClaudeTagScheduled  ClaudeTagCategory = "scheduled"
)

// SortOrder is a sort direction.
type SortOrder string

const (
	SortAsc  SortOrder = "asc"
	SortDesc SortOrder = "desc"
)

// AnalyticsActor is the identity usage is attributed to: a member
// (user_actor), a service account, a federated identity or an API key. One
// flat struct holds every variant; a Type this version does not know
// decodes as it is, its fields in the row's RawJSON.
type AnalyticsActor struct {
	Type AnalyticsActorType `json:"type"`
	// user_actor:
	UserID       string `json:"user_id,omitempty"`
	EmailAddress string `json:"email_address,omitempty"`
	Name         string `json:"name,omitempty"`
	Deleted      bool   `json:"deleted"`
	// service_account_actor:
	ServiceAccountID string `json:"service_account_id,omitempty"`
	// federated_actor:
	Subject  string             `json:"subject,omitempty"`
	Provider *FederatedProvider `json:"provider,omitempty"`
	// api_actor:
	APIKeyID string `json:"api_key_id,omitempty"`
}

// FederatedProvider is the provider that vouched for a federated actor:
// aws, azure, gcp or oidc, each with its own field.
type FederatedProvider struct {
	Type            string `json:"type"`
	AccountID       string `json:"account_id,omitempty"`       // aws
	SignedPrincipal string `json:"signed_principal,omitempty"` // aws
	SubscriptionID  string `json:"subscription_id,omitempty"`  // azure
	ProjectNumber   string `json:"project_number,omitempty"`   // gcp
	Issuer          string `json:"issuer,omitempty"`           // oidc
}

// AnalyticsGroup is the dimension values an analytics row is broken out
// by. A dimension not asked for is null on the wire and decodes as "" (nil
// for Actor); "" is never a real value, so it always means "not asked" or
// "none" (WorkspaceID is "" for an Enterprise organization's only
// workspace, Product for usage of no known surface).
type AnalyticsGroup struct {
	Actor             *AnalyticsActor    `json:"actor"`
	ActorType         AnalyticsActorType `json:"actor_type"`
	AgentID           string             `json:"agent_id"`
	APIKeyID          string             `json:"api_key_id"`
	ClaudeTagCategory ClaudeTagCategory  `json:"claude_tag_category"`
	ClaudeTagUserID   string             `json:"claude_tag_user_id"`
	ContextWindow     ContextWindow      `json:"context_window"`
	CostType          CostType           `json:"cost_type,omitempty"` // cost rows only
	DeploymentID      string             `json:"deployment_id"`
	EnvironmentID     string             `json:"environment_id"`
	InferenceGeo      InferenceGeo       `json:"inference_geo"`
	Model             string             `json:"model"`
	OrganizationID    string             `json:"organization_id"`
	Product           AnalyticsProduct   `json:"product"`
	RBACGroupID       string             `json:"rbac_group_id"`
	ServiceTier       ServiceTier        `json:"service_tier"`
	SessionID         string             `json:"session_id"`
	SlackChannelID    string             `json:"slack_channel_id"`
	Speed             Speed              `json:"speed"`
	TokenType         TokenType          `json:"token_type,omitempty"` // cost rows only
	UserProfileID     string             `json:"user_profile_id"`
	WorkspaceID       string             `json:"workspace_id"`
}

// AnalyticsCost is the cost of one row. Amounts are exact, in minor units
// of Currency (cents of USD), fractions included.
type AnalyticsCost struct {
	Amount     Amount `json:"amount"`      // after discounts, before credits
	ListAmount Amount `json:"list_amount"` // at list price
	Currency   string `json:"currency"`
	Requests   *int64 `json:"requests"` // nil when the API does not say
}

// AnalyticsCostRow is the cost of one combination of dimension values over
// a period: a time bucket, or the whole range when no width was asked for.
type AnalyticsCostRow struct {
	StartingAt time.Time      `json:"starting_at"`
	EndingAt   time.Time      `json:"ending_at"`
	Group      AnalyticsGroup `json:"group"`
	Cost       AnalyticsCost  `json:"cost"`
	raw
}

func (r *AnalyticsCostRow) UnmarshalJSON(data []byte) error {
	type plain AnalyticsCostRow
	return decodeKeepingRaw(data, (*plain)(r), &r.raw)
}

// AnalyticsUsage is the token usage of one row.
type AnalyticsUsage struct {
	UncachedInputTokens  int64         `json:"uncached_input_tokens"`
	CacheCreation        CacheCreation `json:"cache_creation"`
	CacheReadInputTokens int64         `json:"cache_read_input_tokens"`
	OutputTokens         int64         `json:"output_tokens"`
	TotalTokens          int64         `json:"total_tokens"`
	ServerToolUse        ServerToolUse `json:"server_tool_use"`
	Requests             *int64        `json:"requests"` // nil when the API does not say
}

// AnalyticsUsageRow is the usage of one combination of dimension values
// over a period.
type AnalyticsUsageRow struct {
	StartingAt time.Time      `json:"starting_at"`
	EndingAt   time.Time      `json:"ending_at"`
	Group      AnalyticsGroup `json:"group"`
	Usage      AnalyticsUsage `json:"usage"`
	raw
}

func (r *AnalyticsUsageRow) UnmarshalJSON(data []byte) error {
	type plain AnalyticsUsageRow
	return decodeKeepingRaw(data, (*plain)(r), &r.raw)
}

// AnalyticsFilters keep only the usage matching one of the values of each
// filter given.
type AnalyticsFilters struct {
	ActorIDs            []string // user_..., svac_... or apikey_... IDs
	ActorTypes          []AnalyticsActorType
	AgentIDs            []string
	APIKeyIDs           []string
	ClaudeTagCategories []ClaudeTagCategory
	ClaudeTagUserIDs    []string // Slack user IDs
	ContextWindows      []ContextWindow
	DeploymentIDs       []string
	EnvironmentIDs      []string
	InferenceGeos       []InferenceGeo
	Models              []string
	OrganizationIDs     []string // a parent organization's children
	Products            []AnalyticsProduct
	RBACGroupIDs        []string
	ServiceTiers        []ServiceTier
	SessionIDs          []string
	SlackChannelIDs     []string
	Speeds              []Speed
	UserProfileIDs      []string
	WorkspaceIDs        []string
}

func (f AnalyticsFilters) add(q query) {
	list(q, "actor_ids", f.ActorIDs)
	list(q, "actor_types", f.ActorTypes)
	list(q, "agent_ids", f.AgentIDs)
	list(q, "api_key_ids", f.APIKeyIDs)
	list(q, "claude_tag_categories", f.ClaudeTagCategories)
	list(q, "claude_tag_user_ids", f.ClaudeTagUserIDs)
	list(q, "context_windows", f.ContextWindows)
	list(q, "deployment_ids", f.DeploymentIDs)
	list(q, "environment_ids", f.EnvironmentIDs)
	list(q, "inference_geos", f.InferenceGeos)
	list(q, "models", f.Models)
	list(q, "organization_ids", f.OrganizationIDs)
	list(q, "products", f.Products)
	list(q, "rbac_group_ids", f.RBACGroupIDs)
	list(q, "service_tiers", f.ServiceTiers)
	list(q, "session_ids", f.SessionIDs)
	list(q, "slack_channel_ids", f.SlackChannelIDs)
	list(q, "speeds", f.Speeds)
	list(q, "user_profile_ids", f.UserProfileIDs)
	list(q, "workspace_ids", f.WorkspaceIDs)
}

// AnalyticsRange is the time span and breakdown shared by Usage and Cost.
type AnalyticsRange struct {
	// StartingAt is required: within the last 365 days and not before
	// 2026-01-01T00:00:00Z.
	StartingAt time.Time
	// EndingAt (exclusive) is at most 31 days after StartingAt. It is
	// required with TimeBucketWidth; otherwise it defaults to the earlier
	// of now and StartingAt plus 31 days.
	EndingAt time.Time
	// TimeBucketWidth, when set, gives a row per bucket (1m buckets for at
	// most 24 hours); "" gives one row per group for the whole range, its
	// ends rounded down to the hour.
	TimeBucketWidth BucketWidth
	// GroupBy: at most 5 dimensions, cost_type and token_type not counted.
	GroupBy []AnalyticsDimension
	// ExcludeDeletedUsers leaves out rows of deleted members; it needs
	// GroupBy to hold actor.
	ExcludeDeletedUsers bool
	// PageCursor's Limit is rows per page, 1 to 1000; 0 for the default (20).
	PageCursor
	AnalyticsFilters
}

// AnalyticsCostOrder is what cost rows are ranked by.
type AnalyticsCostOrder string

const (
	CostOrderAmount     AnalyticsCostOrder = "amount"
	CostOrderListAmount AnalyticsCostOrder = "list_amount"
	CostOrderTime       AnalyticsCostOrder = "time"
)

// AnalyticsUsageOrder is what usage rows are ranked by.
type AnalyticsUsageOrder string

const (
	UsageOrderTotalTokens         AnalyticsUsageOrder = "total_tokens"
	UsageOrderOutputTokens        AnalyticsUsageOrder = "output_tokens"
	UsageOrderUncachedInputTokens AnalyticsUsageOrder = "uncached_input_tokens"
	UsageOrderRequests            AnalyticsUsageOrder = "requests"
	UsageOrderTime                AnalyticsUsageOrder = "time"
)

// AnalyticsCostParams selects cost rows.
type AnalyticsCostParams struct {
	AnalyticsRange
	OrderBy AnalyticsCostOrder // "" for amount
	Order   SortOrder          // "" for desc
}

// AnalyticsUsageParams selects usage rows.
type AnalyticsUsageParams struct {
	AnalyticsRange
	OrderBy AnalyticsUsageOrder // "" for total_tokens
	Order   SortOrder           // "" for desc
}

// analyticsEpoch is the earliest instant analytics reach back to.
var analyticsEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const (
	maxAnalyticsSpan = 31 * 24 * time.Hour
	maxMinuteSpan    = 24 * time.Hour
	analyticsHistory = 365 * 24 * time.Hour
)

// checkAnalyticsStart refuses a start the API would refuse.
func checkAnalyticsStart(start time.Time) error {
	switch {
	case start.IsZero():
		return paramErr("starting_at", "is required")
	case start.Before(analyticsEpoch):
		return paramErr("starting_at", "%s is before 2026-01-01T00:00:00Z, where analytics begin", stamp(start))
	case start.Before(time.Now().Add(-analyticsHistory - 24*time.Hour)): // a day's grace for clock skew
		return paramErr("starting_at", "%s is more than 365 days ago", stamp(start))
	}
	return nil
}

// query checks the range against the API's rules and starts the query.
func (r AnalyticsRange) query(costDims bool) (query, error) {
	if err := checkAnalyticsStart(r.StartingAt); err != nil {
		return nil, err
	}
	if !r.EndingAt.IsZero() {
		switch {
		case !r.EndingAt.After(r.StartingAt):
			return nil, paramErr("ending_at", "%s is not after starting_at %s", stamp(r.EndingAt), stamp(r.StartingAt))
		case r.EndingAt.Sub(r.StartingAt) > maxAnalyticsSpan:
			return nil, paramErr("ending_at", "the range spans %s; at most 31 days may be asked for at once (CostRange and UsageRange walk longer ones)", r.EndingAt.Sub(r.StartingAt))
		}
	}
	switch r.TimeBucketWidth {
	case "":
	case BucketWidthMinute, BucketWidthHour, BucketWidthDay:
		if r.EndingAt.IsZero() {
			return nil, paramErr("ending_at", "is required with time_bucket_width")
		}
		if r.TimeBucketWidth == BucketWidthMinute && r.EndingAt.Sub(r.StartingAt) > maxMinuteSpan {
			return nil, paramErr("ending_at", "with 1m buckets the range may span at most 24 hours, not %s", r.EndingAt.Sub(r.StartingAt))
		}
	default:
		return nil, paramErr("time_bucket_width", "%q is not 1m, 1h or 1d", r.TimeBucketWidth)
	}
	counted := 0
	for _, d := range r.GroupBy {
		if (d == DimCostType || d == DimTokenType) && !costDims {
			return nil, paramErr("group_by", "%q breaks out cost only", d)
		}
		if d != DimCostType && d != DimTokenType {
			counted++
		}
	}
	if counted > maxAnalyticsDims {
		return nil, paramErr("group_by", "%d dimensions given; at most %d (not counting cost_type and token_type)", counted, maxAnalyticsDims)
	}
	if r.ExcludeDeletedUsers && !slices.Contains(r.GroupBy, DimActor) {
		return nil, paramErr("exclude_deleted_users", "needs group_by to hold actor")
	}
	q, err := r.PageCursor.query(maxPageSize)
	if err != nil {
		return nil, err
	}
	q.time("starting_at", r.StartingAt)
	q.time("ending_at", r.EndingAt)
	q.str("time_bucket_width", string(r.TimeBucketWidth))
	list(q, "group_by", r.GroupBy)
	q.flag("exclude_deleted_users", r.ExcludeDeletedUsers)
	r.AnalyticsFilters.add(q)
	return q, nil
}

// Cost returns cost rows (GET /v1/organizations/analytics/cost, a beta
// the client asks for itself) for a range of up to 31 days; CostRange
// walks any range.
func (s *AnalyticsService) Cost(params AnalyticsCostParams, opts ...Option) *List[AnalyticsCostRow] {
	q, err := params.AnalyticsRange.query(true)
	if err != nil {
		return failedList[AnalyticsCostRow](err)
	}
	q.str("order_by", string(params.OrderBy))
	q.str("order", string(params.Order))
	return tokenList[AnalyticsCostRow](s.client, "/v1/organizations/analytics/cost", q, opts)
}

// Usage returns token usage rows (GET /v1/organizations/analytics/usage, a
// beta the client asks for itself) for a range of up to 31 days;
// UsageRange walks any range.
func (s *AnalyticsService) Usage(params AnalyticsUsageParams, opts ...Option) *List[AnalyticsUsageRow] {
	q, err := params.AnalyticsRange.query(false)
	if err != nil {
		return failedList[AnalyticsUsageRow](err)
	}
	q.str("order_by", string(params.OrderBy))
	q.str("order", string(params.Order))
	return tokenList[AnalyticsUsageRow](s.client, "/v1/organizations/analytics/usage", q, opts)
}

// CostRange returns the cost rows of a range of any length, oldest window
// first: the range is asked for in windows of at most 31 days, each window
// on bucket boundaries of TimeBucketWidth (1d when none is given, so that a
// window's rows do not straddle another's), every page of each followed,
// and a row the server sends twice yielded once. Without a width each
// window's rows aggregate that window, so a group has a row per window.
// StartingAt and EndingAt are required and Page must be empty; the rows of
// a window come in the order asked for (OrderBy, Order). As with the other
// ranges, a window holding only a bucket that is still running may be
// refused by the server, and the walk then ends without an error.
func (s *AnalyticsService) CostRange(params AnalyticsCostParams, opts ...Option) *Range[AnalyticsCostRow] {
	return &Range[AnalyticsCostRow]{walk: func(ctx context.Context) iter.Seq2[AnalyticsCostRow, error] {
		return walkRows(ctx, params.AnalyticsRange, func(from, to time.Time) *List[AnalyticsCostRow] {
			p := params
			p.StartingAt, p.EndingAt = from, to
			return s.Cost(p, opts...)
		}, func(r AnalyticsCostRow) []byte { return r.RawJSON() })
	}}
}

// UsageRange is CostRange for usage rows.
func (s *AnalyticsService) UsageRange(params AnalyticsUsageParams, opts ...Option) *Range[AnalyticsUsageRow] {
	return &Range[AnalyticsUsageRow]{walk: func(ctx context.Context) iter.Seq2[AnalyticsUsageRow, error] {
		return walkRows(ctx, params.AnalyticsRange, func(from, to time.Time) *List[AnalyticsUsageRow] {
			p := params
			p.StartingAt, p.EndingAt = from, to
			return s.Usage(p, opts...)
		}, func(r AnalyticsUsageRow) []byte { return r.RawJSON() })
	}}
}

// walkRows walks an analytics range window by window (see CostRange),
// with the window arithmetic and the range-end rule of walkBuckets.
func walkRows[T any](ctx context.Context, r AnalyticsRange, fetch func(from, to time.Time) *List[T], rawOf func(T) []byte) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		switch {
		case r.Page != "":
			yield(zero, invalidParam("Page cannot be given when fetching a range: the range is walked from its start"))
			return
		case r.EndingAt.IsZero():
			yield(zero, paramErr("ending_at", "is required when fetching a range"))
			return
		}
		if err := checkAnalyticsStart(r.StartingAt); err != nil {
			yield(zero, err)
			return
		}
		width := cmp.Or(r.TimeBucketWidth, BucketWidthDay)
		perWindow := int(maxAnalyticsSpan / width.duration())
		if width == BucketWidthMinute {
			perWindow = int(maxMinuteSpan / time.Minute)
		}
		if err := (TimeRange{Start: r.StartingAt, End: r.EndingAt}).check(); err != nil {
			yield(zero, err)
			return
		}
		size := width.duration()
		first, last, running := bucketBounds(r.StartingAt, r.EndingAt, size)
		var seen rowRepeats
		for from := first; from.Before(last); {
			to := windowEnd(from, last, size, perWindow)
			seen.newWindow()
			for row, err := range fetch(from, to).All(ctx) {
				if err != nil {
					if !dataEnded(err, from, first, running) {
						yield(zero, err)
					}
					return
				}
				if seen.again(rawOf(row)) {
					continue
				}
				if !yield(row, nil) {
					return
				}
			}
			from = to
		}
	}
}

// rowRepeats remembers the rows of the current window and the one before,
// by their canonical JSON, so that a row sent twice is yielded once.
type rowRepeats struct{ cur, prev map[string]bool }

func (r *rowRepeats) newWindow() { r.prev, r.cur = r.cur, map[string]bool{} }

func (r *rowRepeats) again(raw []byte) bool {
	key := canonicalResults([]byte(`{"results":[` + string(raw) + `]}`))
	if r.cur[key] || r.prev[key] {
		return true
	}
	r.cur[key] = true
	return false
}
