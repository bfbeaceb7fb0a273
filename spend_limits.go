package admin

import (
	"context"
	"math"
	"net/url"
	"time"
)

// SpendLimitsService manages the organization's spend limits: caps on
// metered spend for one scope (a member, a workspace, the organization...)
// over a period, each member's effective limit, and members' requests for a
// higher one (IncreaseRequests). Spend limits are read and written with a
// Claude Enterprise scoped key (read:spend_limits, write:spend_limits) or an
// OAuth token.
type SpendLimitsService struct {
	client           *Client
	IncreaseRequests *SpendLimitIncreaseRequestsService
}

// SpendLimitIncreaseRequestsService reads, approves and denies members'
// requests for a higher spend limit.
type SpendLimitIncreaseRequestsService struct{ client *Client }

// BetaSpendLimitReads is the beta value listing spend limits needs; the
// client sends it itself.
const BetaSpendLimitReads = "spend-limit-reads-2026-09-26"

// SpendLimitPeriod is the window a limit resets over. The API may add
// periods; unknown values decode as they are.
type SpendLimitPeriod string

const (
	SpendLimitDaily   SpendLimitPeriod = "daily"
	SpendLimitWeekly  SpendLimitPeriod = "weekly"
	SpendLimitMonthly SpendLimitPeriod = "monthly"
)

// SpendLimitScopeType is what a spend limit applies to.
type SpendLimitScopeType string

const (
	SpendLimitScopeUser                SpendLimitScopeType = "user"
	SpendLimitScopeSeatTier            SpendLimitScopeType = "seat_tier"
	SpendLimitScopeRBACGroup           SpendLimitScopeType = "rbac_group"
	SpendLimitScopeOrganizationService SpendLimitScopeType = "organization_service"
	SpendLimitScopeOrganization        SpendLimitScopeType = "organization"
	SpendLimitScopeWorkspace           SpendLimitScopeType = "workspace"
	// SpendLimitScopeUsageTier is the monthly cap Anthropic sets for a
	// Console organization from its usage tier; it cannot be set here.
	SpendLimitScopeUsageTier SpendLimitScopeType = "usage_tier"
)

// SpendLimitScope is what a spend limit applies to. The wire form is a union
// on Type; one flat struct holds every variant's field, so a variant this
// version does not know still decodes with its Type (its other fields are
// in the enclosing object's RawJSON).
type SpendLimitScope struct {
	Type        SpendLimitScopeType `json:"type"`
	UserID      string              `json:"user_id,omitempty"`       // Type user
	SeatTier    string              `json:"seat_tier,omitempty"`     // Type seat_tier
	RBACGroupID string              `json:"rbac_group_id,omitempty"` // Type rbac_group
	Service     string              `json:"service,omitempty"`       // Type organization_service
	WorkspaceID string              `json:"workspace_id,omitempty"`  // Type workspace
}

// SpendLimitActorType is the kind of identity behind an increase request,
// its resolution or an effective limit.
type SpendLimitActorType string

const (
	SpendLimitUserActor         SpendLimitActorType = "user_actor"
	SpendLimitScopedAPIKeyActor SpendLimitActorType = "scoped_api_key_actor"
)

// SpendLimitActor is a member (Type user_actor) or a scoped admin key
// (Type scoped_api_key_actor). Like SpendLimitScope it is one flat struct
// for every variant; an unknown Type decodes as it is.
type SpendLimitActor struct {
	Type SpendLimitActorType `json:"type"`
	// Type user_actor:
	UserID       string `json:"user_id,omitempty"`
	EmailAddress string `json:"email_address,omitempty"`
	Name         string `json:"name,omitempty"`
	// Deleted is true only when the member's account has been deleted.
	Deleted bool `json:"deleted"`
	// Type scoped_api_key_actor:
	ScopedAPIKeyID string `json:"scoped_api_key_id,omitempty"`
}

// SpendLimit is a cap on metered spend for one scope and period.
type SpendLimit struct {
	ID   string `json:"id"`
	Type string `json:"type"` // "spend_limit"
	// Amount caps spend within each period, in minor units of Currency
	// (cents of USD): "50000" is $500.00. nil when the API sends null.
	Amount    *Amount          `json:"amount"`
	Currency  string           `json:"currency"`
	IsEnabled bool             `json:"is_enabled"`
	Period    SpendLimitPeriod `json:"period"`
	Scope     SpendLimitScope  `json:"scope"`
	CreatedAt time.Time        `json:"created_at"`
	UpdatedAt time.Time        `json:"updated_at"`
	raw
}

func (s *SpendLimit) UnmarshalJSON(data []byte) error {
	type plain SpendLimit
	return decodeKeepingRaw(data, (*plain)(s), &s.raw)
}

// SpendLimitDeleted is the answer to a delete.
type SpendLimitDeleted struct {
	ID   string `json:"id"`
	Type string `json:"type"` // "spend_limit_deleted"
	raw
}

func (s *SpendLimitDeleted) UnmarshalJSON(data []byte) error {
	type plain SpendLimitDeleted
	return decodeKeepingRaw(data, (*plain)(s), &s.raw)
}

// SpendSummary is one member's effective limit for a period and what they
// have spent in it so far.
type SpendSummary struct {
	Actor SpendLimitActor `json:"actor"`
	// Amount is the effective limit in minor units of Currency; nil when
	// the API sends null.
	Amount   *Amount          `json:"amount"`
	Currency string           `json:"currency"`
	Period   SpendLimitPeriod `json:"period"`
	// PeriodToDateSpend is the spend so far this period in minor units; it
	// may carry fractions of a cent.
	PeriodToDateSpend Amount `json:"period_to_date_spend"`
	// Scope is who the limit is reported for; Source is the configured
	// limit it comes from (the member's own, their group's, the
	// organization's...), whose ID is SpendLimitID.
	Scope        SpendLimitScope `json:"scope"`
	Source       SpendLimitScope `json:"source"`
	SpendLimitID string          `json:"spend_limit_id"`
	raw
}

func (s *SpendSummary) UnmarshalJSON(data []byte) error {
	type plain SpendSummary
	return decodeKeepingRaw(data, (*plain)(s), &s.raw)
}

// SpendLimitIncreaseStatus is where an increase request stands.
type SpendLimitIncreaseStatus string

const (
	SpendLimitIncreasePending  SpendLimitIncreaseStatus = "pending"
	SpendLimitIncreaseApproved SpendLimitIncreaseStatus = "approved"
	SpendLimitIncreaseDenied   SpendLimitIncreaseStatus = "denied"
)

// SpendLimitIncreaseRequest is a member's request for a higher limit.
type SpendLimitIncreaseRequest struct {
	ID        string                   `json:"id"`
	Type      string                   `json:"type"` // "spend_limit_increase_request"
	Actor     SpendLimitActor          `json:"actor"`
	CreatedAt time.Time                `json:"created_at"`
	Period    SpendLimitPeriod         `json:"period"`
	Status    SpendLimitIncreaseStatus `json:"status"`
	// ResolvedAt and ResolvedBy say when and by whom the request was
	// approved or denied; nil while it is pending.
	ResolvedAt *time.Time       `json:"resolved_at"`
	ResolvedBy *SpendLimitActor `json:"resolved_by"`
	// SpendSummary is the requester's effective limit and spend.
	SpendSummary SpendSummary `json:"spend_summary"`
	// SpendLimit is the limit an approval set; only Approve returns it.
	SpendLimit *SpendLimit `json:"spend_limit,omitempty"`
	raw
}

func (r *SpendLimitIncreaseRequest) UnmarshalJSON(data []byte) error {
	type plain SpendLimitIncreaseRequest
	return decodeKeepingRaw(data, (*plain)(r), &r.raw)
}

// SpendLimitListParams filters the configured limits. The API documents
// no largest page; Limit 0 is its default (20).
type SpendLimitListParams struct {
	PageCursor
	// WorkspaceID keeps the limits of this workspace's scope.
	WorkspaceID string
	// ScopeTypes keeps the limits of these scope types; none for all.
	ScopeTypes []SpendLimitScopeType
}

// List returns the configured spend limits (GET
// /v1/organizations/spend_limits, a beta the client asks for itself).
func (s *SpendLimitsService) List(params SpendLimitListParams, opts ...Option) *List[SpendLimit] {
	q, err := params.PageCursor.query(math.MaxInt)
	if err != nil {
		return failedList[SpendLimit](err)
	}
	q.str("workspace_id", params.WorkspaceID)
	list(q, "scope_type", params.ScopeTypes)
	return tokenList[SpendLimit](s.client, "/v1/organizations/spend_limits", q, opts)
}

// tokenList is a token-paged list of a registry path with no placeholders,
// sent with the row's betas.
func tokenList[T any](c *Client, path string, q query, opts []Option) *List[T] {
	return tokenListAt[T](c, path, nil, q, opts)
}

// tokenListAt is a token-paged list of a registry path whose placeholders
// are filled with ids, sent with the row's betas.
func tokenListAt[T any](c *Client, pattern string, ids []string, q query, opts []Option) *List[T] {
	path, err := pathOf(pattern, ids...)
	if err != nil {
		return failedList[T](err)
	}
	ep := registered("GET", pattern)
	return newList[T](c, path, url.Values(q), pageToken, withBetas(opts, ep.Betas...))
}

// SpendLimitSetParams sets the limit of one scope and period: a second Set
// for the same scope and period replaces the first.
type SpendLimitSetParams struct {
	// Scope is a member (Type user, UserID), a workspace (Type workspace,
	// WorkspaceID) or the organization (Type organization); the other
	// scopes cannot be set through the API.
	Scope SpendLimitScope
	// Amount is required: Set(a) caps spend at a, a whole non-negative
	// number of minor units ("50000" is $500.00); Clear sends null.
	Amount Optional[Amount]
	// Period is the window; "" for the API's default.
	Period SpendLimitPeriod
}

type spendLimitSetBody struct {
	Scope  SpendLimitScope  `json:"scope"`
	Amount Optional[Amount] `json:"amount"`
	Period SpendLimitPeriod `json:"period,omitempty"`
}

// Set creates or replaces the spend limit of a scope and period (POST
// /v1/organizations/spend_limits).
func (s *SpendLimitsService) Set(ctx context.Context, params SpendLimitSetParams, opts ...Option) (*SpendLimit, error) {
	sc := params.Scope
	switch sc.Type {
	case SpendLimitScopeUser:
		if err := checkID("scope.user_id", sc.UserID); err != nil {
			return nil, err
		}
		sc = SpendLimitScope{Type: sc.Type, UserID: sc.UserID}
	case SpendLimitScopeWorkspace:
		if err := checkID("scope.workspace_id", sc.WorkspaceID); err != nil {
			return nil, err
		}
		sc = SpendLimitScope{Type: sc.Type, WorkspaceID: sc.WorkspaceID}
	case SpendLimitScopeOrganization:
		sc = SpendLimitScope{Type: sc.Type}
	default:
		return nil, paramErr("scope.type", "%q cannot be set: use user, workspace or organization", sc.Type)
	}
	if params.Amount.IsZero() {
		return nil, paramErr("amount", "is required: Set(amount), or Clear for null")
	}
	if a, ok := params.Amount.Get(); ok {
		if err := checkMinorUnits("amount", a); err != nil {
			return nil, err
		}
	}
	return call[SpendLimit](ctx, s.client, "POST", "/v1/organizations/spend_limits", nil,
		spendLimitSetBody{Scope: sc, Amount: params.Amount, Period: params.Period}, opts)
}

// checkMinorUnits refuses an amount that is not a whole, non-negative
// number of minor units, which is all a spend limit can be.
func checkMinorUnits(param string, a Amount) error {
	if a.Sign() < 0 || !a.Cents().IsInt() {
		return paramErr(param, "%s is not a whole, non-negative number of minor units (cents)", a)
	}
	return nil
}

// Get returns one spend limit (GET /v1/organizations/spend_limits/{id}).
func (s *SpendLimitsService) Get(ctx context.Context, spendLimitID string, opts ...Option) (*SpendLimit, error) {
	return call[SpendLimit](ctx, s.client, "GET", "/v1/organizations/spend_limits/{spend_limit_id}", []string{spendLimitID}, nil, opts)
}

// Delete removes a spend limit (DELETE /v1/organizations/spend_limits/{id}).
func (s *SpendLimitsService) Delete(ctx context.Context, spendLimitID string, opts ...Option) (*SpendLimitDeleted, error) {
	return call[SpendLimitDeleted](ctx, s.client, "DELETE", "/v1/organizations/spend_limits/{spend_limit_id}", []string{spendLimitID}, nil, opts)
}

// SpendLimitEffectiveParams filters the effective limits. The API
// documents no largest page.
type SpendLimitEffectiveParams struct {
	PageCursor
	Periods []SpendLimitPeriod
	UserIDs []string
}

// Effective returns each member's effective limit and spend so far, per
// period (GET /v1/organizations/spend_limits/effective).
func (s *SpendLimitsService) Effective(params SpendLimitEffectiveParams, opts ...Option) *List[SpendSummary] {
	q, err := params.PageCursor.query(math.MaxInt)
	if err != nil {
		return failedList[SpendSummary](err)
	}
	list(q, "period", params.Periods)
	list(q, "user_ids", params.UserIDs)
	return tokenList[SpendSummary](s.client, "/v1/organizations/spend_limits/effective", q, opts)
}

// SpendLimitIncreaseListParams filters the increase requests. The API
// documents no largest page.
type SpendLimitIncreaseListParams struct {
	PageCursor
	// ActorIDs keeps the requests of these members (user_... IDs).
	ActorIDs []string
	Statuses []SpendLimitIncreaseStatus
}

// List returns the increase requests, most recent first (GET
// /v1/organizations/spend_limit_increase_requests).
func (s *SpendLimitIncreaseRequestsService) List(params SpendLimitIncreaseListParams, opts ...Option) *List[SpendLimitIncreaseRequest] {
	q, err := params.PageCursor.query(math.MaxInt)
	if err != nil {
		return failedList[SpendLimitIncreaseRequest](err)
	}
	list(q, "actor_ids", params.ActorIDs)
	list(q, "status", params.Statuses)
	return tokenList[SpendLimitIncreaseRequest](s.client, "/v1/organizations/spend_limit_increase_requests", q, opts)
}

// Get returns one increase request.
func (s *SpendLimitIncreaseRequestsService) Get(ctx context.Context, requestID string, opts ...Option) (*SpendLimitIncreaseRequest, error) {
	return call[SpendLimitIncreaseRequest](ctx, s.client, "GET", "/v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}", []string{requestID}, nil, opts)
}

// SpendLimitApproveParams approves a request with a new limit.
type SpendLimitApproveParams struct {
	// Amount is the requester's new limit, a whole non-negative number of
	// minor units. Required.
	Amount Amount `json:"amount"`
	// Period is the new limit's window; "" for the request's own.
	Period               SpendLimitPeriod `json:"period,omitempty"`
	SuppressNotification bool             `json:"suppress_notification,omitempty"`
}

// Approve approves a pending request: the requester's limit becomes
// params.Amount. The answer holds the limit it set. A request approved or
// denied already is refused with a conflict.
func (s *SpendLimitIncreaseRequestsService) Approve(ctx context.Context, requestID string, params SpendLimitApproveParams, opts ...Option) (*SpendLimitIncreaseRequest, error) {
	if !amountGiven(params.Amount) {
		return nil, paramErr("amount", "is required")
	}
	if err := checkMinorUnits("amount", params.Amount); err != nil {
		return nil, err
	}
	return call[SpendLimitIncreaseRequest](ctx, s.client, "POST", "/v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}/approve", []string{requestID}, params, opts)
}

// amountGiven tells a zero Amount written as "0" from the zero value.
func amountGiven(a Amount) bool { return a.text != "" }

// SpendLimitDenyParams denies a request.
type SpendLimitDenyParams struct {
	SuppressNotification bool `json:"suppress_notification,omitempty"`
}

// Deny denies a pending request. A request approved or denied already is
// refused with a conflict.
func (s *SpendLimitIncreaseRequestsService) Deny(ctx context.Context, requestID string, params SpendLimitDenyParams, opts ...Option) (*SpendLimitIncreaseRequest, error) {
	return call[SpendLimitIncreaseRequest](ctx, s.client, "POST", "/v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}/deny", []string{requestID}, params, opts)
}
