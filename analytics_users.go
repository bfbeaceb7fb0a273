package admin

import "slices"

// UserActivity is one member's use of every Claude app over the day or
// range asked for: one row per member, or per member and RBAC group when
// the request broke out by rbac_group_id. A distinct count is nil on a
// rolled-up row that cannot recount it; a product's block is nil where the
// product or its reporting is not available to the organization.
type UserActivity struct {
	User AnalyticsUser `json:"user"`
	// DistinctUserCount is how many members the row stands for: 1 on a
	// member's own row.
	DistinctUserCount *int64 `json:"distinct_user_count"`
	WebSearchCount    int64  `json:"web_search_count"`

	Chat       ChatMetrics       `json:"chat_metrics"`
	ClaudeCode ClaudeCodeMetrics `json:"claude_code_metrics"`
	Cowork     CoworkMetrics     `json:"cowork_metrics"`
	Design     DesignMetrics     `json:"design_metrics"`
	Office     OfficeMetrics     `json:"office_metrics"`
	Science    ScienceMetrics    `json:"science_metrics"`
	// ChatCoworkUnified is the activity recorded while the member had
	// Chat and Cowork unified on, in the shapes of Chat and Cowork.
	ChatCoworkUnified *ChatCoworkUnifiedMetrics `json:"chat_cowork_unified_metrics"`
	// ClaudeTag is nil where Claude Tag reporting is not offered; it
	// counts only members who linked their Slack account.
	ClaudeTag *ClaudeTagMetrics `json:"claude_tag_metrics"`

	// LastActivityDate is the member's latest active UTC day in the window
	// (YYYY-MM-DD); nil while the organization does not report it.
	LastActivityDate *string `json:"last_activity_date"`
	RBACGroupID      *string `json:"rbac_group_id"`
	RBACGroupName    *string `json:"rbac_group_name"`
	raw
}

func (a *UserActivity) UnmarshalJSON(data []byte) error {
	type plain UserActivity
	return decodeKeepingRaw(data, (*plain)(a), &a.raw)
}

// ChatMetrics is a member's claude.ai chat activity.
type ChatMetrics struct {
	MessageCount                   int64 `json:"message_count"`
	ThinkingMessageCount           int64 `json:"thinking_message_count"`
	ConnectorsUsedCount            int64 `json:"connectors_used_count"`
	SharedConversationsViewedCount int64 `json:"shared_conversations_viewed_count"`
	// Creations belong to one day each, so they add up over a range.
	DistinctArtifactsCreatedCount int64 `json:"distinct_artifacts_created_count"`
	DistinctProjectsCreatedCount  int64 `json:"distinct_projects_created_count"`

	DistinctConversationCount          *int64 `json:"distinct_conversation_count"`
	DistinctConnectorsUsedCount        *int64 `json:"distinct_connectors_used_count"`
	DistinctFilesUploadedCount         *int64 `json:"distinct_files_uploaded_count"`
	DistinctProjectsUsedCount          *int64 `json:"distinct_projects_used_count"`
	DistinctSharedArtifactsViewedCount *int64 `json:"distinct_shared_artifacts_viewed_count"`
	DistinctSkillsUsedCount            *int64 `json:"distinct_skills_used_count"`
}

// ClaudeCodeMetrics is a member's Claude Code activity: the same sessions,
// lines, commits, pull requests and tool decisions the Claude Code report
// gives per record, summed over the member's records.
type ClaudeCodeMetrics struct {
	Core        CoreCodeMetrics `json:"core_metrics"`
	ToolActions ToolActions     `json:"tool_actions"`
}

// CoreCodeMetrics counts a member's Claude Code sessions and what they
// produced.
type CoreCodeMetrics struct {
	DistinctSessionCount  int64      `json:"distinct_session_count"`
	CommitCount           int64      `json:"commit_count"`
	PullRequestCount      int64      `json:"pull_request_count"`
	ArtifactsCreatedCount int64      `json:"artifacts_created_count"`
	LinesOfCode           LineCounts `json:"lines_of_code"`
}

// LineCounts counts lines added and removed (the analytics spelling of
// the Claude Code report's LinesOfCode).
type LineCounts struct {
	Added   int64 `json:"added_count"`
	Removed int64 `json:"removed_count"`
}

// ToolActions counts the file-changing tool proposals a member accepted
// and rejected, per tool.
type ToolActions struct {
	Edit         ToolDecisions `json:"edit_tool"`
	MultiEdit    ToolDecisions `json:"multi_edit_tool"`
	NotebookEdit ToolDecisions `json:"notebook_edit_tool"`
	Write        ToolDecisions `json:"write_tool"`
}

// ToolDecisions is one tool's accepted and rejected proposals (the
// analytics spelling of the Claude Code report's ToolActionCounts).
type ToolDecisions struct {
	Accepted int64 `json:"accepted_count"`
	Rejected int64 `json:"rejected_count"`
}

// CoworkMetrics is a member's Cowork activity.
type CoworkMetrics struct {
	MessageCount          int64 `json:"message_count"`
	ActionCount           int64 `json:"action_count"`
	DispatchTurnCount     int64 `json:"dispatch_turn_count"`
	ArtifactsCreatedCount int64 `json:"artifacts_created_count"`
	ConnectorsUsedCount   int64 `json:"connectors_used_count"`
	PluginsUsedCount      int64 `json:"plugins_used_count"`
	SkillsUsedCount       int64 `json:"skills_used_count"`
	// Successful file-changing tool calls, in all and per tool.
	FileEditCount         int64  `json:"file_edit_count"`
	EditToolCount         int64  `json:"edit_tool_count"`
	MultiEditToolCount    *int64 `json:"multi_edit_tool_count"` // nil in the unified block where not measured
	NotebookEditToolCount int64  `json:"notebook_edit_tool_count"`
	WriteToolCount        int64  `json:"write_tool_count"`

	DistinctSessionCount        *int64 `json:"distinct_session_count"`
	DistinctConnectorsUsedCount *int64 `json:"distinct_connectors_used_count"`
	DistinctPluginsUsedCount    *int64 `json:"distinct_plugins_used_count"`
	DistinctSkillsUsedCount     *int64 `json:"distinct_skills_used_count"`
	SessionsWithFileEditsCount  *int64 `json:"sessions_with_file_edits_count"`
}

// DesignMetrics is a member's Claude Design activity.
type DesignMetrics struct {
	MessageCount                 int64  `json:"message_count"`
	DistinctProjectsCreatedCount int64  `json:"distinct_projects_created_count"`
	DistinctProjectsUsedCount    *int64 `json:"distinct_projects_used_count"`
	DistinctSessionCount         *int64 `json:"distinct_session_count"`
}

// OfficeMetrics is a member's Office Agent activity in each Office app.
type OfficeMetrics struct {
	Excel      OfficeAppMetrics `json:"excel"`
	Outlook    OfficeAppMetrics `json:"outlook"`
	PowerPoint OfficeAppMetrics `json:"powerpoint"`
	Word       OfficeAppMetrics `json:"word"`
}

// OfficeAppMetrics is a member's Office Agent activity in one app.
type OfficeAppMetrics struct {
	MessageCount                int64  `json:"message_count"`
	ConnectorsUsedCount         int64  `json:"connectors_used_count"`
	SkillsUsedCount             int64  `json:"skills_used_count"`
	DistinctSessionCount        *int64 `json:"distinct_session_count"`
	DistinctConnectorsUsedCount *int64 `json:"distinct_connectors_used_count"`
	DistinctSkillsUsedCount     *int64 `json:"distinct_skills_used_count"`
}

// ScienceMetrics is a member's Claude Science activity.
type ScienceMetrics struct {
	MessageCount          int64  `json:"message_count"`
	DelegationCount       int64  `json:"delegation_count"`
	RemoteComputeJobCount int64  `json:"remote_compute_job_count"`
	SkillsUsedCount       int64  `json:"skills_used_count"`
	DistinctSessionCount  *int64 `json:"distinct_session_count"`
}

// ChatCoworkUnifiedMetrics is what a member did with Chat and Cowork
// unified on: chat activity and Cowork session activity.
type ChatCoworkUnifiedMetrics struct {
	Chat     ChatMetrics   `json:"chat"`
	Sessions CoworkMetrics `json:"sessions"`
}

// ClaudeTagMetrics is a linked member's Claude Tag activity in Slack; each
// count is nil when the API cannot read Claude Tag data for the request.
type ClaudeTagMetrics struct {
	// ActiveDayCount is 1 per day the member was active.
	ActiveDayCount     *int64 `json:"active_day_count"`
	ActiveMessageCount *int64 `json:"active_message_count"`
}

// Users lists each member's activity across the Claude apps, one row per
// member. It breaks out by rbac_group_id, filters on rbac_group_id, user_id
// and project_id (a project filter keeps only chat activity in that
// project and takes no break-out or group filter), and orders by the
// member (the default) or a count.
func (s *AnalyticsService) Users(params ActivityListParams, opts ...Option) *List[UserActivity] {
	if hasFilter(params.Filters, ActivityByProjectID) && (len(params.GroupBy) > 0 || hasFilter(params.Filters, ActivityByRBACGroupID)) {
		return failedList[UserActivity](paramErr("filter", "a project_id filter cannot be combined with group_by or an rbac_group_id filter"))
	}
	return activityList[UserActivity](s, "/v1/organizations/analytics/users", params, opts)
}

func hasFilter(filters []ActivityFilter, d ActivityDimension) bool {
	return slices.ContainsFunc(filters, func(f ActivityFilter) bool { return f.Dimension == d })
}
