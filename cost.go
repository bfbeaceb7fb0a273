package admin

import (
	"net/url"
	"time"
)

// CostService reads the organization's cost report.
type CostService struct{ client *Client }

// CostGroupBy is a dimension the cost report can split its results by.
type CostGroupBy string

const (
	CostGroupByWorkspaceID CostGroupBy = "workspace_id"
	// CostGroupByDescription splits by line item; the results then carry
	// the parsed fields (model, token type, ...) too.
	CostGroupByDescription CostGroupBy = "description"
)

// CostType is the kind of spending a cost result is for.
type CostType string

const (
	CostTypeTokens        CostType = "tokens"
	CostTypeWebSearch     CostType = "web_search"
	CostTypeCodeExecution CostType = "code_execution"
	CostTypeSessionUsage  CostType = "session_usage"
)

// TokenType is the kind of tokens a token cost is for.
type TokenType string

const (
	TokenTypeUncachedInput        TokenType = "uncached_input_tokens"
	TokenTypeOutput               TokenType = "output_tokens"
	TokenTypeCacheReadInput       TokenType = "cache_read_input_tokens"
	TokenTypeCacheCreation1hInput TokenType = "cache_creation.ephemeral_1h_input_tokens"
	TokenTypeCacheCreation5mInput TokenType = "cache_creation.ephemeral_5m_input_tokens"
)

// maxCostBuckets is the largest page of the cost report, in daily buckets.
const maxCostBuckets = 31

// CostReportParams selects a cost report. Only StartingAt is required.
type CostReportParams struct {
	// StartingAt: buckets that start at or after this time are returned; it
	// is snapped to the start of its UTC day.
	StartingAt time.Time
	// EndingAt, when set, must be after StartingAt: the buckets that end at
	// or before it are returned, so one ending inside a bucket leaves that
	// bucket out, and a request that holds no whole bucket is refused with
	// a 400. The Range methods end their requests on bucket boundaries.
	EndingAt time.Time
	// BucketWidth can only be 1d, the cost report's one width; "" means 1d.
	// It is always sent.
	BucketWidth BucketWidth
	// PageCursor's Limit is the number of daily buckets per page, 1 to 31;
	// 0 for the API's default (7).
	PageCursor
	GroupBy []CostGroupBy
}

// CostBucket is one day of the cost report.
type CostBucket = ReportBucket[CostResult]

// CostResult is one line of cost within a bucket.
//
// Amount is in minor units of Currency (cents of USD, the only currency so
// far): use Amount.DollarString or Amount.Dollars for dollars. The other
// fields are null on the wire unless the report is grouped by them (or, for
// the parsed fields Model through InferenceGeo, by description); null
// decodes as "", which is never a real value. WorkspaceID is also "" for the
// Default Workspace.
type CostResult struct {
	Amount        Amount        `json:"amount"`
	Currency      string        `json:"currency"`
	WorkspaceID   string        `json:"workspace_id"`
	Description   string        `json:"description"`
	CostType      CostType      `json:"cost_type"`
	ContextWindow ContextWindow `json:"context_window"`
	Model         string        `json:"model"`
	ServiceTier   ServiceTier   `json:"service_tier"`
	TokenType     TokenType     `json:"token_type"`
	InferenceGeo  InferenceGeo  `json:"inference_geo"`
}

// Report returns the cost report, one bucket per UTC day, oldest first (GET
// /v1/organizations/cost_report). Priority Tier costs are not in it.
func (s *CostService) Report(params CostReportParams, opts ...Option) *List[CostBucket] {
	if params.BucketWidth != "" && params.BucketWidth != BucketWidthDay {
		return failedList[CostBucket](paramErr("bucket_width", "%q cannot be asked for: the cost report has daily (1d) buckets only", params.BucketWidth))
	}
	q, err := reportQuery(params.StartingAt, params.EndingAt, BucketWidthDay, params.PageCursor, maxCostBuckets)
	if err != nil {
		return failedList[CostBucket](err)
	}
	list(q, "group_by", params.GroupBy)
	return newList[CostBucket](s.client, "/v1/organizations/cost_report", url.Values(q), pageToken, opts)
}
