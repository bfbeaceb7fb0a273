package admin

import (
	"net/url"
	"strings"
	"time"
)

// The activity listings of the analytics group (artifacts, and the
// per-user, per-project, per-connector, per-plugin and per-skill lists)
// describe one UTC day, or a range of days rolled up, of the organization's
// Claude apps. They page by token without has_more: the last page has no
// next_page.

// ActivityDimension is a dimension an activity listing can break its rows
// out by (group_by[]) or filter on. Each listing accepts its own few; the
// API refuses the others.
type ActivityDimension string

const (
	ActivityByProduct      ActivityDimension = "product"
	ActivityByRBACGroupID  ActivityDimension = "rbac_group_id"
	ActivityByUserID       ActivityDimension = "user_id"
	ActivityByArtifactType ActivityDimension = "artifact_type"  // artifacts: filter only
	ActivityByIsShared     ActivityDimension = "is_shared"      // artifacts: filter only
	ActivityByPluginName   ActivityDimension = "plugin_name"    // plugins: filter only, any case
	ActivityBySkillName    ActivityDimension = "skill_name"     // skills: filter only, any case
	ActivityByProjectID    ActivityDimension = "project_id"     // chat projects: filter only
	ActivityByConnector    ActivityDimension = "connector_name" // connectors: filter only, any case
	ActivityByShareStatus  ActivityDimension = "share_status"   // skills: filter only
)

// ActivityFilter keeps only rows whose Dimension has Value; it goes out as
// filter[]=dimension:value. Several filters on one dimension keep rows
// matching any of them; filters on different dimensions must all match.
type ActivityFilter struct {
	Dimension ActivityDimension
	Value     string
}

// maxActivityEntries is how many filter[] or group_by[] entries a listing
// takes.
const maxActivityEntries = 100

// activityQuery adds the filters and break-outs every activity listing
// shares, refusing what the API would.
func activityQuery(q query, filters []ActivityFilter, groupBy []ActivityDimension) error {
	if len(filters) > maxActivityEntries {
		return paramErr("filter", "%d filters given; at most %d", len(filters), maxActivityEntries)
	}
	if len(groupBy) > maxActivityEntries {
		return paramErr("group_by", "%d dimensions given; at most %d", len(groupBy), maxActivityEntries)
	}
	for _, f := range filters {
		if strings.TrimSpace(string(f.Dimension)) == "" || strings.Contains(string(f.Dimension), ":") {
			return paramErr("filter", "dimension %q is not a dimension name", f.Dimension)
		}
		if f.Value == "" {
			return paramErr("filter", "%s: the value must not be empty", f.Dimension)
		}
		url.Values(q).Add("filter[]", string(f.Dimension)+":"+f.Value)
	}
	for _, d := range groupBy {
		if strings.TrimSpace(string(d)) == "" {
			return paramErr("group_by", "must not hold an empty dimension")
		}
	}
	list(q, "group_by", groupBy)
	return nil
}

// day checks that t is a UTC day (midnight UTC) and adds it as YYYY-MM-DD.
// A zero t adds nothing.
func day(q query, key string, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if !t.Equal(t.UTC().Truncate(24 * time.Hour)) {
		return paramErr(key, "%s is not a UTC day: give midnight UTC", t.Format(time.RFC3339))
	}
	q.str(key, t.UTC().Format(time.DateOnly))
	return nil
}

// ArtifactActivity is one bucket of a day's artifact creation: the
// artifacts of one MIME type, shared or not, broken out further by the
// request's group_by. Product, UserID and RBACGroupID are set only when the
// request broke out by them (RBACGroupID stays nil for a member of no group).
type ArtifactActivity struct {
	// ArtifactType is a canonical MIME type (text/markdown,
	// application/vnd.ant.react, image/svg+xml...) or "other".
	ArtifactType          string `json:"artifact_type"`
	IsShared              bool   `json:"is_shared"`
	ArtifactsCreatedCount int64  `json:"artifacts_created_count"`
	// PublishedArtifactsCreatedCount counts those of ArtifactsCreatedCount
	// open to anyone with the link.
	PublishedArtifactsCreatedCount int64             `json:"published_artifacts_created_count"`
	DistinctUserCount              int64             `json:"distinct_user_count"`
	Product                        *AnalyticsProduct `json:"product"`
	UserID                         *string           `json:"user_id"`
	RBACGroupID                    *string           `json:"rbac_group_id"`
	RBACGroupName                  *string           `json:"rbac_group_name"`
	raw
}

func (a *ArtifactActivity) UnmarshalJSON(data []byte) error {
	type plain ArtifactActivity
	return decodeKeepingRaw(data, (*plain)(a), &a.raw)
}

// ArtifactActivityParams asks Analytics.Artifacts for one day.
type ArtifactActivityParams struct {
	// Date is the UTC day (midnight UTC); required. Data usually lags a day.
	Date time.Time
	// GroupBy breaks the rows out by product, user_id and/or rbac_group_id.
	GroupBy []ActivityDimension
	// Filters take artifact_type, is_shared, product, rbac_group_id and
	// user_id.
	Filters []ActivityFilter
	// PageCursor's Limit is 1 to 1000 and applies only with GroupBy: the
	// ungrouped rows come back in one page.
	PageCursor
}

// Artifacts lists a day's artifact creation by MIME type and sharing.
func (s *AnalyticsService) Artifacts(params ArtifactActivityParams, opts ...Option) *List[ArtifactActivity] {
	if params.Date.IsZero() {
		return failedList[ArtifactActivity](paramErr("date", "is required"))
	}
	q, err := params.PageCursor.query(maxPageSize)
	if err == nil {
		err = day(q, "date", params.Date)
	}
	if err == nil {
		err = activityQuery(q, params.Filters, params.GroupBy)
	}
	if err != nil {
		return failedList[ArtifactActivity](err)
	}
	return newList[ArtifactActivity](s.client, "/v1/organizations/analytics/artifacts", url.Values(q), pageToken, opts)
}

// activityEpoch is the first day activity data exists for.
var activityEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// maxActivityRange is the longest range a rollup covers.
const maxActivityRange = 366 * 24 * time.Hour

// ActivityListParams asks an activity listing for one day, or for a range
// of days rolled up into one row per entity, and pages it.
type ActivityListParams struct {
	// Date is the one UTC day (midnight UTC) to list; data usually lags a
	// day. Give Date or StartingDate, not both.
	Date time.Time
	// StartingDate starts a range (inclusive), rolled up: counters summed,
	// distinct counts recounted over the range. EndingDate ends it
	// (exclusive), at most 366 days later; zero for today.
	StartingDate, EndingDate time.Time
	// GroupBy breaks rows out by product, user_id and/or rbac_group_id.
	GroupBy []ActivityDimension
	// Filters: each listing's doc names the dimensions it filters on.
	Filters []ActivityFilter
	// OrderBy is the listing's sort field or one of its metrics (a metric
	// ranks descending unless Order says otherwise); empty for the default.
	OrderBy string
	Order   SortOrder
	// PageCursor's Limit is 1 to 1000; 0 for 100.
	PageCursor
}

// query checks p and builds the listing's query.
func (p ActivityListParams) query() (query, error) {
	switch {
	case p.Date.IsZero() && p.StartingDate.IsZero():
		return nil, paramErr("date", "give Date, or StartingDate for a range")
	case !p.Date.IsZero() && !p.StartingDate.IsZero():
		return nil, paramErr("starting_date", "give Date or StartingDate, not both")
	case !p.EndingDate.IsZero() && p.StartingDate.IsZero():
		return nil, paramErr("ending_date", "needs StartingDate")
	case !p.Date.IsZero() && p.Date.Before(activityEpoch):
		return nil, paramErr("date", "no activity data before 2026-01-01")
	case !p.StartingDate.IsZero() && p.StartingDate.Before(activityEpoch):
		return nil, paramErr("starting_date", "no activity data before 2026-01-01")
	case !p.EndingDate.IsZero() && !p.EndingDate.After(p.StartingDate):
		return nil, paramErr("ending_date", "must be after StartingDate")
	case !p.EndingDate.IsZero() && p.EndingDate.Sub(p.StartingDate) > maxActivityRange:
		return nil, paramErr("ending_date", "at most 366 days after StartingDate")
	case p.Order != "" && p.Order != SortAsc && p.Order != SortDesc:
		return nil, paramErr("order", "%q is neither asc nor desc", p.Order)
	}
	q, err := p.PageCursor.query(maxPageSize)
	if err != nil {
		return nil, err
	}
	for _, d := range []struct {
		key string
		t   time.Time
	}{{"date", p.Date}, {"starting_date", p.StartingDate}, {"ending_date", p.EndingDate}} {
		if err := day(q, d.key, d.t); err != nil {
			return nil, err
		}
	}
	if err := activityQuery(q, p.Filters, p.GroupBy); err != nil {
		return nil, err
	}
	q.str("order_by", p.OrderBy)
	q.str("order", string(p.Order))
	return q, nil
}

// activityList starts a listing of T at path.
func activityList[T any](s *AnalyticsService, path string, p ActivityListParams, opts []Option) *List[T] {
	q, err := p.query()
	if err != nil {
		return failedList[T](err)
	}
	return newList[T](s.client, path, url.Values(q), pageToken, opts)
}

// PluginSessions is a plugin's use on one surface: the distinct sessions
// that invoked it, nil where a rolled-up row cannot count them.
type PluginSessions struct {
	DistinctSessions *int64 `json:"distinct_session_plugin_used_count"`
}

// PluginActivity is one plugin's installs and invocations over the day or
// range asked for, broken out further by the request's group_by.
type PluginActivity struct {
	PluginID   string `json:"plugin_id"` // e.g. name@marketplace, when known
	PluginName string `json:"plugin_name"`
	// InstallCount counts the distinct members who installed it.
	InstallCount    int64 `json:"install_count"`
	InvocationCount int64 `json:"invocation_count"`
	// DistinctUserCount counts members who installed or invoked it.
	DistinctUserCount int64          `json:"distinct_user_count"`
	ClaudeCode        PluginSessions `json:"claude_code_metrics"`
	Cowork            PluginSessions `json:"cowork_metrics"`
	// ChatCoworkUnified is the Cowork use recorded with Chat and Cowork
	// unified on; nil where that is not available.
	ChatCoworkUnified *PluginSessions   `json:"chat_cowork_unified_metrics"`
	Product           *AnalyticsProduct `json:"product"`
	UserID            *string           `json:"user_id"`
	RBACGroupID       *string           `json:"rbac_group_id"`
	RBACGroupName     *string           `json:"rbac_group_name"`
	raw
}

func (a *PluginActivity) UnmarshalJSON(data []byte) error {
	type plain PluginActivity
	return decodeKeepingRaw(data, (*plain)(a), &a.raw)
}

// Plugins lists plugin installs and invocations, one row per plugin. It
// filters on plugin_name (any case), product, rbac_group_id and user_id,
// and orders by plugin_name (the default) or a count.
func (s *AnalyticsService) Plugins(params ActivityListParams, opts ...Option) *List[PluginActivity] {
	return activityList[PluginActivity](s, "/v1/organizations/analytics/plugins", params, opts)
}

// SkillShareStatus is who a claude.ai skill is shared with. The API may add
// values; unknown ones decode as they are.
type SkillShareStatus string

const (
	SkillPrivate      SkillShareStatus = "private"
	SkillOrganization SkillShareStatus = "organization"
	SkillPublic       SkillShareStatus = "public"
)

// SkillConversations is a skill's use in claude.ai chat: the distinct
// conversations that activated it, nil where a rolled-up row cannot count
// them.
type SkillConversations struct {
	DistinctConversations *int64 `json:"distinct_conversation_skill_used_count"`
}

// SkillSessions is a skill's use on a session surface (Claude Code, Cowork,
// an Office app): the distinct sessions that activated it, nil where a
// rolled-up row cannot count them.
type SkillSessions struct {
	DistinctSessions *int64 `json:"distinct_session_skill_used_count"`
}

// SkillOfficeMetrics is a skill's use in each Office Agent app.
type SkillOfficeMetrics struct {
	Excel      SkillSessions `json:"excel"`
	Outlook    SkillSessions `json:"outlook"`
	PowerPoint SkillSessions `json:"powerpoint"`
	Word       SkillSessions `json:"word"`
}

// SkillChatCoworkUnified is a skill's use with Chat and Cowork unified on:
// in chat conversations and in Cowork sessions.
type SkillChatCoworkUnified struct {
	Chat     SkillConversations `json:"chat"`
	Sessions SkillSessions      `json:"sessions"`
}

// SkillActivity is one skill's use over the day or range asked for, broken
// out further by the request's group_by. A skill counts as used when it is
// activated, by the model or by its slash command.
type SkillActivity struct {
	SkillName string `json:"skill_name"`
	// SkillDisplayName is a readable name where SkillName is an opaque ID;
	// nil otherwise or where it cannot be resolved.
	SkillDisplayName *string          `json:"skill_display_name"`
	ShareStatus      SkillShareStatus `json:"share_status"`
	InvocationCount  int64            `json:"invocation_count"`
	// EnableCount counts the accounts that turned it on (claude.ai only).
	EnableCount       *int64 `json:"enable_count"`
	DistinctUserCount int64  `json:"distinct_user_count"`
	// EstimatedOverageSpend and AttributedListPrice are in minor units of
	// Currency (cents for USD); nil where the API cannot state them.
	EstimatedOverageSpend *Amount                 `json:"estimated_overage_spend"`
	AttributedListPrice   *Amount                 `json:"attributed_list_price"`
	Currency              *string                 `json:"currency"`
	Chat                  SkillConversations      `json:"chat_metrics"`
	ClaudeCode            SkillSessions           `json:"claude_code_metrics"`
	Cowork                SkillSessions           `json:"cowork_metrics"`
	Office                SkillOfficeMetrics      `json:"office_metrics"`
	ChatCoworkUnified     *SkillChatCoworkUnified `json:"chat_cowork_unified_metrics"` // nil where not available
	Product               *AnalyticsProduct       `json:"product"`
	UserID                *string                 `json:"user_id"`
	RBACGroupID           *string                 `json:"rbac_group_id"`
	RBACGroupName         *string                 `json:"rbac_group_name"`
	raw
}

func (a *SkillActivity) UnmarshalJSON(data []byte) error {
	type plain SkillActivity
	return decodeKeepingRaw(data, (*plain)(a), &a.raw)
}

// Skills lists skill use, one row per skill. It filters on product,
// rbac_group_id, share_status, skill_name (any case) and user_id, and
// orders by skill_name (the default) or a count.
func (s *AnalyticsService) Skills(params ActivityListParams, opts ...Option) *List[SkillActivity] {
	return activityList[SkillActivity](s, "/v1/organizations/analytics/skills", params, opts)
}

// AnalyticsUser is a member as the activity listings name one.
type AnalyticsUser struct {
	ID           string `json:"id"`
	EmailAddress string `json:"email_address"`
	Type         string `json:"type"` // "user"
}

// ChatProjectActivity is one claude.ai project's use over the day or range
// asked for, broken out further by the request's group_by (user_id,
// rbac_group_id; not product).
type ChatProjectActivity struct {
	ProjectID   string        `json:"project_id"` // claude_proj_...
	ProjectName string        `json:"project_name"`
	CreatedAt   time.Time     `json:"created_at"`
	CreatedBy   AnalyticsUser `json:"created_by"`
	// MessageCount counts the messages sent in the project.
	MessageCount      int64 `json:"message_count"`
	DistinctUserCount int64 `json:"distinct_user_count"`
	// DistinctConversationCount is nil on a rolled-up row that cannot
	// count them.
	DistinctConversationCount *int64  `json:"distinct_conversation_count"`
	UserID                    *string `json:"user_id"`
	RBACGroupID               *string `json:"rbac_group_id"`
	RBACGroupName             *string `json:"rbac_group_name"`
	raw
}

func (a *ChatProjectActivity) UnmarshalJSON(data []byte) error {
	type plain ChatProjectActivity
	return decodeKeepingRaw(data, (*plain)(a), &a.raw)
}

// ChatProjects lists the use of claude.ai projects, one row per project. It
// filters on project_id, rbac_group_id and user_id, and orders by
// project_name (the default) or a count.
func (s *AnalyticsService) ChatProjects(params ActivityListParams, opts ...Option) *List[ChatProjectActivity] {
	return activityList[ChatProjectActivity](s, "/v1/organizations/analytics/apps/chat/projects", params, opts)
}

// ConnectorConversations is a connector's use in claude.ai chat: the
// distinct conversations that used it, nil where a rolled-up row cannot
// count them.
type ConnectorConversations struct {
	DistinctConversations *int64 `json:"distinct_conversation_connector_used_count"`
}

// ConnectorSessions is a connector's use on a session surface (Claude Code,
// Cowork, an Office app): the distinct sessions that used it, nil where a
// rolled-up row cannot count them.
type ConnectorSessions struct {
	DistinctSessions *int64 `json:"distinct_session_connector_used_count"`
}

// ConnectorOfficeMetrics is a connector's use in each Office Agent app.
type ConnectorOfficeMetrics struct {
	Excel      ConnectorSessions `json:"excel"`
	Outlook    ConnectorSessions `json:"outlook"`
	PowerPoint ConnectorSessions `json:"powerpoint"`
	Word       ConnectorSessions `json:"word"`
}

// ConnectorChatCoworkUnified is a connector's use with Chat and Cowork
// unified on: in chat conversations and in Cowork sessions.
type ConnectorChatCoworkUnified struct {
	Chat     ConnectorConversations `json:"chat"`
	Sessions ConnectorSessions      `json:"sessions"`
}

// ConnectorActivity is one connector's use over the day or range asked
// for, broken out further by the request's group_by.
type ConnectorActivity struct {
	ConnectorName string `json:"connector_name"`
	// ConnectorDisplayName is a readable name where ConnectorName is an
	// opaque ID; nil otherwise or where it cannot be resolved.
	ConnectorDisplayName *string `json:"connector_display_name"`
	DistinctUserCount    int64   `json:"distinct_user_count"`
	// The members who used it on their own credential and on the
	// organization's managed one; nil where the API cannot say.
	IndividualAuthDistinctUserCount *int64 `json:"individual_auth_distinct_user_count"`
	ManagedAuthDistinctUserCount    *int64 `json:"managed_auth_distinct_user_count"`
	// Tool calls by their read-only annotation: read, write, or neither.
	// Nil where the split is not available (before 2026-05-29, or not
	// enabled for the organization).
	ReadCallCount         *int64                      `json:"read_call_count"`
	WriteCallCount        *int64                      `json:"write_call_count"`
	UnclassifiedCallCount *int64                      `json:"unclassified_call_count"`
	Chat                  ConnectorConversations      `json:"chat_metrics"`
	ClaudeCode            ConnectorSessions           `json:"claude_code_metrics"`
	Cowork                ConnectorSessions           `json:"cowork_metrics"`
	Office                ConnectorOfficeMetrics      `json:"office_metrics"`
	ChatCoworkUnified     *ConnectorChatCoworkUnified `json:"chat_cowork_unified_metrics"` // nil where not available
	Product               *AnalyticsProduct           `json:"product"`
	UserID                *string                     `json:"user_id"`
	RBACGroupID           *string                     `json:"rbac_group_id"`
	RBACGroupName         *string                     `json:"rbac_group_name"`
	raw
}

func (a *ConnectorActivity) UnmarshalJSON(data []byte) error {
	type plain ConnectorActivity
	return decodeKeepingRaw(data, (*plain)(a), &a.raw)
}

// Connectors lists connector use, one row per connector. It filters on
// connector_name (any case), product, rbac_group_id and user_id, and
// orders by connector_name (the default) or a count.
func (s *AnalyticsService) Connectors(params ActivityListParams, opts ...Option) *List[ConnectorActivity] {
	return activityList[ConnectorActivity](s, "/v1/organizations/analytics/connectors", params, opts)
}

// ActivitySummary is the organization's activity on one UTC day: members
// active that day, over the 7 days and over the 30 days ending with it,
// overall and per product, and the adoption rates against assigned seats.
// A per-product count is nil where the product is not available; the seat
// and invite counts and the rates are nil on a series scoped to RBAC groups.
type ActivitySummary struct {
	StartingAt time.Time `json:"starting_at"`
	EndingAt   time.Time `json:"ending_at"`

	DailyActiveUserCount   int64 `json:"daily_active_user_count"`
	WeeklyActiveUserCount  int64 `json:"weekly_active_user_count"`
	MonthlyActiveUserCount int64 `json:"monthly_active_user_count"`

	AssignedSeatCount   *int64   `json:"assigned_seat_count"`
	PendingInviteCount  *int64   `json:"pending_invite_count"`
	DailyAdoptionRate   *float64 `json:"daily_adoption_rate"`
	WeeklyAdoptionRate  *float64 `json:"weekly_adoption_rate"`
	MonthlyAdoptionRate *float64 `json:"monthly_adoption_rate"`

	CoworkDailyActiveUserCount   int64 `json:"cowork_daily_active_user_count"`
	CoworkWeeklyActiveUserCount  int64 `json:"cowork_weekly_active_user_count"`
	CoworkMonthlyActiveUserCount int64 `json:"cowork_monthly_active_user_count"`

	ChatDailyActiveUserCount                *int64 `json:"chat_daily_active_user_count"`
	ChatWeeklyActiveUserCount               *int64 `json:"chat_weekly_active_user_count"`
	ChatMonthlyActiveUserCount              *int64 `json:"chat_monthly_active_user_count"`
	ChatCoworkUnifiedDailyActiveUserCount   *int64 `json:"chat_cowork_unified_daily_active_user_count"`
	ChatCoworkUnifiedWeeklyActiveUserCount  *int64 `json:"chat_cowork_unified_weekly_active_user_count"`
	ChatCoworkUnifiedMonthlyActiveUserCount *int64 `json:"chat_cowork_unified_monthly_active_user_count"`
	ClaudeCodeDailyActiveUserCount          *int64 `json:"claude_code_daily_active_user_count"`
	ClaudeCodeWeeklyActiveUserCount         *int64 `json:"claude_code_weekly_active_user_count"`
	ClaudeCodeMonthlyActiveUserCount        *int64 `json:"claude_code_monthly_active_user_count"`
	ClaudeDesignDailyActiveUserCount        *int64 `json:"claude_design_daily_active_user_count"`
	ClaudeDesignWeeklyActiveUserCount       *int64 `json:"claude_design_weekly_active_user_count"`
	ClaudeDesignMonthlyActiveUserCount      *int64 `json:"claude_design_monthly_active_user_count"`
	ClaudeTagDailyActiveUserCount           *int64 `json:"claude_tag_daily_active_user_count"`
	ClaudeTagWeeklyActiveUserCount          *int64 `json:"claude_tag_weekly_active_user_count"`
	ClaudeTagMonthlyActiveUserCount         *int64 `json:"claude_tag_monthly_active_user_count"`
	OfficeAgentDailyActiveUserCount         *int64 `json:"office_agent_daily_active_user_count"`
	OfficeAgentWeeklyActiveUserCount        *int64 `json:"office_agent_weekly_active_user_count"`
	OfficeAgentMonthlyActiveUserCount       *int64 `json:"office_agent_monthly_active_user_count"`
	ScienceDailyActiveUserCount             *int64 `json:"science_daily_active_user_count"`
	ScienceWeeklyActiveUserCount            *int64 `json:"science_weekly_active_user_count"`
	ScienceMonthlyActiveUserCount           *int64 `json:"science_monthly_active_user_count"`
	ScienceEntitledUserCount                *int64 `json:"science_entitled_user_count"`
	raw
}

func (a *ActivitySummary) UnmarshalJSON(data []byte) error {
	type plain ActivitySummary
	return decodeKeepingRaw(data, (*plain)(a), &a.raw)
}

// ActivitySummaryParams asks Analytics.Summaries for a series of days.
type ActivitySummaryParams struct {
	// StartingDate is the first day (midnight UTC, required); EndingDate
	// ends the series (exclusive), at most 366 days later; zero for today.
	StartingDate, EndingDate time.Time
	// RBACGroupIDs scope the series to the members of these groups.
	RBACGroupIDs []string
	// PageCursor's Limit is 1 to 1000; the series comes in one page today.
	PageCursor
}

// Summaries lists the organization's activity summary of each day of a
// range.
func (s *AnalyticsService) Summaries(params ActivitySummaryParams, opts ...Option) *List[ActivitySummary] {
	filters := make([]ActivityFilter, len(params.RBACGroupIDs))
	for i, id := range params.RBACGroupIDs {
		filters[i] = ActivityFilter{Dimension: ActivityByRBACGroupID, Value: id}
	}
	q, err := summaryQuery(params, filters)
	if err != nil {
		return failedList[ActivitySummary](err)
	}
	return newList[ActivitySummary](s.client, "/v1/organizations/analytics/summaries", url.Values(q), pageToken, opts)
}

func summaryQuery(p ActivitySummaryParams, filters []ActivityFilter) (query, error) {
	switch {
	case p.StartingDate.IsZero():
		return nil, paramErr("starting_date", "is required")
	case p.StartingDate.Before(activityEpoch):
		return nil, paramErr("starting_date", "no activity data before 2026-01-01")
	case !p.EndingDate.IsZero() && !p.EndingDate.After(p.StartingDate):
		return nil, paramErr("ending_date", "must be after StartingDate")
	case !p.EndingDate.IsZero() && p.EndingDate.Sub(p.StartingDate) > maxActivityRange:
		return nil, paramErr("ending_date", "at most 366 days after StartingDate")
	}
	q, err := p.PageCursor.query(maxPageSize)
	if err != nil {
		return nil, err
	}
	if err := day(q, "starting_date", p.StartingDate); err != nil {
		return nil, err
	}
	if err := day(q, "ending_date", p.EndingDate); err != nil {
		return nil, err
	}
	return q, activityQuery(q, filters, nil)
}
