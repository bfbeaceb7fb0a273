package admin

import (
	"cmp"
	"errors"
	"math"
	"net/url"
	"slices"
	"time"
)

// UsageService reads the organization's usage reports: token usage of the
// Messages API (Messages) and Claude Code activity (ClaudeCode).
type UsageService struct{ client *Client }

// BucketWidth is the length of a report's time buckets.
type BucketWidth string

const (
	BucketWidthMinute BucketWidth = "1m"
	BucketWidthHour   BucketWidth = "1h"
	BucketWidthDay    BucketWidth = "1d"
)

// maxBuckets is the largest page (in buckets) the usage report allows for a
// width; ok is false for a width this library does not know.
func (w BucketWidth) maxBuckets() (n int, ok bool) {
	switch w {
	case BucketWidthMinute:
		return 1440, true
	case BucketWidthHour:
		return 168, true
	case BucketWidthDay:
		return 31, true
	}
	return 0, false
}

// RequestSpan is how much time one report request may cover at this width:
// 31 daily, 168 hourly or 1440 one-minute buckets; 0 for a width this
// library does not know. The Range methods split longer ranges into spans
// this long.
func (w BucketWidth) RequestSpan() time.Duration {
	n, _ := w.maxBuckets()
	return time.Duration(n) * w.duration()
}

// duration is the length of one bucket; 0 for a width this library does not
// know.
func (w BucketWidth) duration() time.Duration {
	switch w {
	case BucketWidthMinute:
		return time.Minute
	case BucketWidthHour:
		return time.Hour
	case BucketWidthDay:
		return 24 * time.Hour
	}
	return 0
}

// UsageGroupBy is a dimension the usage report can split its results by.
type UsageGroupBy string

const (
	UsageGroupByAccountID        UsageGroupBy = "account_id"
	UsageGroupByAPIKeyID         UsageGroupBy = "api_key_id"
	UsageGroupByContextWindow    UsageGroupBy = "context_window"
	UsageGroupByInferenceGeo     UsageGroupBy = "inference_geo"
	UsageGroupByModel            UsageGroupBy = "model"
	UsageGroupByServiceAccountID UsageGroupBy = "service_account_id"
	UsageGroupByServiceTier      UsageGroupBy = "service_tier"
	UsageGroupBySpeed            UsageGroupBy = "speed" // the client adds the fast-mode beta header for it
	UsageGroupByWorkspaceID      UsageGroupBy = "workspace_id"
)

// maxGroupBy is how many group_by values the usage report takes at once; the
// server answers 400 to more (observed, not documented).
const maxGroupBy = 5

// ServiceTier is the service tier requests ran on. The cost report uses only
// standard and batch.
type ServiceTier string

const (
	ServiceTierStandard         ServiceTier = "standard"
	ServiceTierBatch            ServiceTier = "batch"
	ServiceTierPriority         ServiceTier = "priority"
	ServiceTierPriorityOnDemand ServiceTier = "priority_on_demand"
	ServiceTierFlex             ServiceTier = "flex"
	ServiceTierFlexDiscount     ServiceTier = "flex_discount"
)

// ContextWindow is the context-window size class of requests.
type ContextWindow string

const (
	ContextWindow0To200K  ContextWindow = "0-200k"
	ContextWindow200KTo1M ContextWindow = "200k-1M"
)

// Speed is the inference speed of requests (fast mode is a beta).
type Speed string

const (
	SpeedStandard Speed = "standard"
	SpeedFast     Speed = "fast"
)

// InferenceGeo is a geography where inference ran or may run: a workspace
// setting and a report dimension. The API may add geographies; unknown values
// decode as they are.
type InferenceGeo string

const (
	InferenceGeoGlobal InferenceGeo = "global"
	InferenceGeoUS     InferenceGeo = "us"
	// InferenceGeoNotAvailable appears in reports for models without
	// geography support.
	InferenceGeoNotAvailable InferenceGeo = "not_available"
)

// UsageMessagesParams selects a Messages usage report. Only StartingAt is
// required.
type UsageMessagesParams struct {
	// StartingAt: buckets that start at or after this time are returned; it
	// is snapped to the start of its minute, hour or day in UTC.
	StartingAt time.Time
	// EndingAt, when set, must be after StartingAt: the buckets that end at
	// or before it are returned, so one ending inside a bucket leaves that
	// bucket out, and a request that holds no whole bucket is refused with
	// a 400. The Range methods end their requests on bucket boundaries.
	EndingAt time.Time
	// BucketWidth is 1m, 1h or 1d; "" means 1d. It is always sent.
	BucketWidth BucketWidth
	// PageCursor's Limit is the number of buckets per page; 0 for the API's
	// default. At most 1440 for 1m, 168 for 1h, 31 for 1d.
	PageCursor
	// GroupBy splits each bucket's results by up to 5 dimensions.
	GroupBy []UsageGroupBy

	// Filters: only usage matching one of the values of each set filter.
	APIKeyIDs         []string
	WorkspaceIDs      []string
	Models            []string
	ServiceTiers      []ServiceTier
	ContextWindows    []ContextWindow
	InferenceGeos     []InferenceGeo
	AccountIDs        []string
	ServiceAccountIDs []string
	Speeds            []Speed // the client adds the fast-mode beta header for it
}

// ReportBucket is one time bucket of a report: [StartingAt, EndingAt) in UTC
// and the results in it. Buckets without usage are returned too, with no
// results.
//
// A bucket is what a report page holds, so, like every top-level object, it
// keeps its JSON (RawJSON), results and unknown fields included; the ranges
// compare a bucket sent twice by it. Its results keep no copy of their own,
// which would double a report's memory: a result's unknown fields are in
// its bucket's RawJSON.
type ReportBucket[R any] struct {
	StartingAt time.Time `json:"starting_at"`
	EndingAt   time.Time `json:"ending_at"`
	Results    []R       `json:"results"`
	raw
}

func (b *ReportBucket[R]) UnmarshalJSON(data []byte) error {
	type plain ReportBucket[R]
	return decodeKeepingRaw(data, (*plain)(b), &b.raw)
}

// UsageBucket is one time bucket of the Messages usage report.
type UsageBucket = ReportBucket[UsageResult]

// UsageResult is the usage of one group within a bucket.
//
// The dimension fields (AccountID through Speed) are filled only when the
// report is grouped by them; otherwise the API sends null, which decodes as
// "". "" is never a real value of any of them, so it always means "not
// grouped" or "none" (for example WorkspaceID is "" for the Default
// Workspace, APIKeyID for Console usage).
type UsageResult struct {
	UncachedInputTokens  int64         `json:"uncached_input_tokens"`
	CacheCreation        CacheCreation `json:"cache_creation"`
	CacheReadInputTokens int64         `json:"cache_read_input_tokens"`
	OutputTokens         int64         `json:"output_tokens"`
	ServerToolUse        ServerToolUse `json:"server_tool_use"`

	AccountID        string        `json:"account_id"`
	APIKeyID         string        `json:"api_key_id"`
	WorkspaceID      string        `json:"workspace_id"`
	Model            string        `json:"model"`
	ServiceTier      ServiceTier   `json:"service_tier"`
	ContextWindow    ContextWindow `json:"context_window"`
	InferenceGeo     InferenceGeo  `json:"inference_geo"`
	ServiceAccountID string        `json:"service_account_id"`
	Speed            Speed         `json:"speed"`
}

// TotalInputTokens is every input token of the result: uncached, written to
// the cache (both lifetimes) and read from the cache.
func (r UsageResult) TotalInputTokens() int64 {
	return r.UncachedInputTokens + r.CacheCreation.Ephemeral1hInputTokens +
		r.CacheCreation.Ephemeral5mInputTokens + r.CacheReadInputTokens
}

// CacheCreation counts input tokens written to the prompt cache, by cache
// lifetime.
type CacheCreation struct {
	Ephemeral1hInputTokens int64 `json:"ephemeral_1h_input_tokens"`
	Ephemeral5mInputTokens int64 `json:"ephemeral_5m_input_tokens"`
}

// ServerToolUse counts server-side tool calls.
type ServerToolUse struct {
	WebSearchRequests int64 `json:"web_search_requests"`
}

// Messages returns the Messages API usage report, one bucket per
// BucketWidth interval, oldest first (GET
// /v1/organizations/usage_report/messages).
func (s *UsageService) Messages(params UsageMessagesParams, opts ...Option) *List[UsageBucket] {
	width := cmp.Or(params.BucketWidth, BucketWidthDay)
	maxLimit, known := width.maxBuckets()
	if !known {
		maxLimit = math.MaxInt // a width newer than this library: the server checks the limit
	}
	if len(params.GroupBy) > maxGroupBy {
		return failedList[UsageBucket](paramErr("group_by", "%d values given; the usage report takes at most %d", len(params.GroupBy), maxGroupBy))
	}
	q, err := reportQuery(params.StartingAt, params.EndingAt, width, params.PageCursor, maxLimit)
	if err != nil {
		return failedList[UsageBucket](err)
	}
	list(q, "group_by", params.GroupBy)
	list(q, "api_key_ids", params.APIKeyIDs)
	list(q, "workspace_ids", params.WorkspaceIDs)
	list(q, "models", params.Models)
	list(q, "service_tiers", params.ServiceTiers)
	list(q, "context_window", params.ContextWindows) // singular on the wire
	list(q, "inference_geos", params.InferenceGeos)
	list(q, "account_ids", params.AccountIDs)
	list(q, "service_account_ids", params.ServiceAccountIDs)
	list(q, "speeds", params.Speeds)
	if len(params.Speeds) > 0 || slices.Contains(params.GroupBy, UsageGroupBySpeed) {
		opts = withBetas(opts, BetaFastMode)
	}
	return newList[UsageBucket](s.client, "/v1/organizations/usage_report/messages", url.Values(q), pageToken, opts)
}

// reportQuery starts the query of a bucketed report (messages usage, cost):
// the time range, the bucket width (always sent, since the API does not
// document its default) and paging.
func reportQuery(start, end time.Time, width BucketWidth, page PageCursor, maxLimit int) (query, error) {
	if start.IsZero() {
		return nil, paramErr("starting_at", "is required")
	}
	if !end.IsZero() && !end.After(start) {
		return nil, paramErr("ending_at", "%s is not after starting_at %s",
			end.UTC().Format(time.RFC3339Nano), start.UTC().Format(time.RFC3339Nano))
	}
	q, err := page.query(maxLimit)
	if err != nil {
		var pe *ParamError
		if errors.As(err, &pe) {
			pe.Reason += ", with bucket width " + string(width) // the width sets the maximum
		}
		return nil, err
	}
	q.time("starting_at", start)
	q.time("ending_at", end)
	q.str("bucket_width", string(width))
	return q, nil
}
