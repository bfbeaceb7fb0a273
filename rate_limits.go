package admin

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
)

// RateLimitGroupType is the kind of traffic a rate-limit group covers. The
// API may add kinds; unknown values decode as they are.
type RateLimitGroupType string

const (
	RateLimitGroupModelGroup RateLimitGroupType = "model_group" // a family of models on the Messages API
	RateLimitGroupBatch      RateLimitGroupType = "batch"       // the Message Batches API
	RateLimitGroupTokenCount RateLimitGroupType = "token_count" // the Token Count API
	RateLimitGroupFiles      RateLimitGroupType = "files"       // the Files API
	RateLimitGroupSkills     RateLimitGroupType = "skills"      // the Skills API
	RateLimitGroupWebSearch  RateLimitGroupType = "web_search"  // the web search tool
)

// RateLimiterType is what one limit counts. The API may add limiters; unknown
// values decode as they are.
type RateLimiterType string

const (
	RateLimiterRequestsPerMinute              RateLimiterType = "requests_per_minute"
	RateLimiterInputTokensPerMinute           RateLimiterType = "input_tokens_per_minute"
	RateLimiterInputTokensPerMinuteCacheAware RateLimiterType = "input_tokens_per_minute_cache_aware"
	RateLimiterOutputTokensPerMinute          RateLimiterType = "output_tokens_per_minute"
	RateLimiterTokensPerMinute                RateLimiterType = "tokens_per_minute"
	RateLimiterTokensPerDay                   RateLimiterType = "tokens_per_day"
	RateLimiterToolUsesPerSecond              RateLimiterType = "tool_uses_per_second"
	// The fast_ limiters count fast-mode traffic: input tokens per minute
	// (cache aware) and output tokens per minute.
	RateLimiterFastInputTokensPerMinCacheAware RateLimiterType = "fast_itpmca"
	RateLimiterFastOutputTokensPerMinute       RateLimiterType = "fast_otpm"
	RateLimiterEnqueuedBatchRequests           RateLimiterType = "enqueued_batch_requests"
)

// RateLimitGroup is the group a rate-limit entry applies to. The wire form is
// a union on Type; one flat struct holds every variant, so a kind this
// version does not know still decodes.
type RateLimitGroup struct {
	Type RateLimitGroupType `json:"type"`
	// ID identifies the group (rlg_...). Older documents leave it out.
	ID          string `json:"id,omitempty"`
	DisplayName string `json:"display_name,omitempty"` // model groups only, e.g. "Claude Sonnet 4.x"
}

// RateLimitValue is one limit of an organization's rate-limit entry.
type RateLimitValue struct {
	Type  RateLimiterType `json:"type"`
	Value int64           `json:"value"`
}

// RateLimit is one of the organization's rate-limit entries: the limits that
// apply to one group of traffic.
type RateLimit struct {
	ID     string           `json:"id"` // older documents leave it out
	Type   string           `json:"type"`
	Group  RateLimitGroup   `json:"group"`
	Limits []RateLimitValue `json:"limits"`
	// Models lists the model names and aliases the entry covers; nil for
	// groups that are not model groups.
	Models []string `json:"models"`
	raw
}

func (r *RateLimit) UnmarshalJSON(data []byte) error {
	type plain RateLimit
	return decodeRateLimitEntry(data, (*plain)(r), &r.raw, &r.Group)
}

// RateLimitSourceType says where a workspace's limit value comes from.
type RateLimitSourceType string

const (
	// RateLimitSourceWorkspace: the workspace has its own override.
	RateLimitSourceWorkspace RateLimitSourceType = "workspace"
	// RateLimitSourceOrganization: no override; the organization's value applies.
	RateLimitSourceOrganization RateLimitSourceType = "organization"
)

// RateLimitSource tells where a workspace's limit value comes from.
type RateLimitSource struct {
	Type RateLimitSourceType `json:"type"`
}

// WorkspaceRateLimitValue is one limit of a workspace's rate-limit entry.
type WorkspaceRateLimitValue struct {
	Type RateLimiterType `json:"type"`
	// Value is the workspace's override, or the organization's value when
	// Source says organization.
	Value    int64           `json:"value"`
	OrgLimit *int64          `json:"org_limit"` // the organization's value for reference; nil when there is none
	Source   RateLimitSource `json:"source"`
}

// WorkspaceRateLimit is a workspace's limits for one rate-limit group.
type WorkspaceRateLimit struct {
	Type        string                    `json:"type"`
	RateLimitID string                    `json:"rate_limit_id"` // the organization's RateLimit.ID; older documents leave it out
	WorkspaceID string                    `json:"workspace_id"`
	Group       RateLimitGroup            `json:"group"`
	Limits      []WorkspaceRateLimitValue `json:"limits"`
	Models      []string                  `json:"models"` // nil for groups that are not model groups
	raw
}

func (w *WorkspaceRateLimit) UnmarshalJSON(data []byte) error {
	type plain WorkspaceRateLimit
	return decodeRateLimitEntry(data, (*plain)(w), &w.raw, &w.Group)
}

// decodeRateLimitEntry decodes an organization or workspace rate-limit entry
// into v and, for the older shape that has a top-level group_type instead of
// a group object, fills group's Type from it.
func decodeRateLimitEntry(data []byte, v any, r *raw, group *RateLimitGroup) error {
	if err := decodeKeepingRaw(data, v, r); err != nil {
		return err
	}
	if group.Type != "" {
		return nil
	}
	var old struct {
		GroupType RateLimitGroupType `json:"group_type"`
	}
	if err := json.Unmarshal(data, &old); err != nil {
		return err
	}
	group.Type = old.GroupType
	return nil
}

// RateLimitListParams filters and pages RateLimits.List.
type RateLimitListParams struct {
	GroupType RateLimitGroupType
	// Model keeps only the entry covering this model name or alias; the API
	// answers 404 when no entry does.
	Model string
	// PageCursor's Limit is 1 to 1000; 0 returns everything in one page.
	PageCursor
}

// RateLimitsService reads the organization's rate limits.
type RateLimitsService struct{ client *Client }

// List lists the organization's rate limits, one entry per group.
func (s *RateLimitsService) List(params RateLimitListParams, opts ...Option) *List[RateLimit] {
	q, err := params.PageCursor.query(maxPageSize)
	if err != nil {
		return failedList[RateLimit](err)
	}
	q.str("group_type", string(params.GroupType))
	q.str("model", params.Model)
	return newList[RateLimit](s.client, "/v1/organizations/rate_limits", url.Values(q), pageToken, opts)
}

// WorkspaceRateLimitListParams filters and pages Workspaces.RateLimits.List.
type WorkspaceRateLimitListParams struct {
	GroupType RateLimitGroupType
	// IncludeInherited also lists the organization's values that the
	// workspace inherits, groups without any override included. Without it
	// only the workspace's overrides come back.
	IncludeInherited bool
	// PageCursor's Limit is 1 to 1000; 0 returns everything in one page.
	PageCursor
}

// RateLimitUpdate sets or clears one limit of a workspace.
type RateLimitUpdate struct {
	Type RateLimiterType `json:"type"`
	// Value is required: Set(int64(5000)) sets the workspace's override,
	// Clear[int64]() removes it so the organization's value applies again.
	Value Optional[int64] `json:"value"`
}

// WorkspaceRateLimitUpdateParams is the body of Workspaces.RateLimits.Update.
type WorkspaceRateLimitUpdateParams struct {
	Limits []RateLimitUpdate `json:"limits"`
}

func (p WorkspaceRateLimitUpdateParams) check() error {
	if len(p.Limits) == 0 {
		return paramErr("limits", "must not be empty: give at least one limit to set or clear")
	}
	for i, l := range p.Limits {
		if strings.TrimSpace(string(l.Type)) == "" {
			return paramErr("limits["+strconv.Itoa(i)+"].type", "must not be empty")
		}
		if l.Value.IsZero() {
			return invalidParam("limits[%d] (%s) neither sets nor clears its value: give Set(n) or Clear[int64]()", i, l.Type)
		}
	}
	return nil
}

// WorkspaceRateLimitsService reads and overrides a workspace's rate limits.
// A workspace limit applies alongside the organization's, not instead of it.
type WorkspaceRateLimitsService struct{ client *Client }

// List lists a workspace's rate limits.
func (s *WorkspaceRateLimitsService) List(workspaceID string, params WorkspaceRateLimitListParams, opts ...Option) *List[WorkspaceRateLimit] {
	path, err := pathOf("/v1/organizations/workspaces/{workspace_id}/rate_limits", workspaceID)
	if err != nil {
		return failedList[WorkspaceRateLimit](err)
	}
	q, err := params.PageCursor.query(maxPageSize)
	if err != nil {
		return failedList[WorkspaceRateLimit](err)
	}
	q.str("group_type", string(params.GroupType))
	q.flag("include_inherited", params.IncludeInherited)
	return newList[WorkspaceRateLimit](s.client, path, url.Values(q), pageToken, opts)
}

// WorkspaceRateLimitRef names a workspace's entry for one rate-limit group:
// the workspace and the organization's RateLimit.ID. Calls that name an
// object by two IDs take them as named fields, so that the two can never be
// swapped silently.
type WorkspaceRateLimitRef struct {
	WorkspaceID string
	RateLimitID string
}

func (r WorkspaceRateLimitRef) path() (string, error) {
	return pathOf("/v1/organizations/workspaces/{workspace_id}/rate_limits/{rate_limit_id}", r.WorkspaceID, r.RateLimitID)
}

// Ref names the entry for Update.
func (w WorkspaceRateLimit) Ref() WorkspaceRateLimitRef {
	return WorkspaceRateLimitRef{WorkspaceID: w.WorkspaceID, RateLimitID: w.RateLimitID}
}

// Update sets or clears a workspace's overrides for one rate-limit group.
func (s *WorkspaceRateLimitsService) Update(ctx context.Context, ref WorkspaceRateLimitRef, params WorkspaceRateLimitUpdateParams, opts ...Option) (*WorkspaceRateLimit, error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	return callRef[WorkspaceRateLimit](ctx, s.client, "POST", ref, params, opts)
}
