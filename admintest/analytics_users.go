package admintest

import (
	"slices"
	"time"
)

// userActivity is one member's activity summed over the days asked for.
// Its Claude Code part is the member's records of the Claude Code report,
// so the two endpoints agree to the line.
type userActivity struct {
	u                             *user
	last                          time.Time
	webSearches                   int64
	chatMessages, chatThinking    int64
	chatConversations, chatFiles  int64
	chatArtifacts, chatConnectors int64
	sessions, commits, prs        int64
	added, removed                int64
	tools                         map[string]ccTool
	coworkMessages, coworkActions int64
	coworkSessions, coworkEdits   int64
	office                        map[string][2]int64 // app → messages, sessions
	cols                          map[string]any
}

func (a *userActivity) active(d time.Time) {
	if d.After(a.last) {
		a.last = d
	}
}

func listUserActivity(c *call) (any, *apiError) {
	days, _, err := c.activityWindow()
	if err != nil {
		return nil, err
	}
	filters, groups, err := c.activityFilters([]string{"rbac_group_id", "user_id", "project_id"}, []string{"rbac_group_id"})
	if err != nil {
		return nil, err
	}
	projects, inProject := filters["project_id"]
	if _, grouped := filters["rbac_group_id"]; inProject && (grouped || len(groups) > 0) {
		return nil, errInvalid("filter: project_id cannot be combined with group_by[] or an rbac_group_id filter")
	}
	rows := map[string]*userActivity{}
	for _, d := range days {
		day := d.Format(time.DateOnly)
		code := map[string][]*ccRecord{}
		if !inProject {
			for _, r := range c.st.reports.claudeCodeDay(d, c.now, c.st.org.ID) {
				if r.Actor.Type == "user_actor" {
					code[r.Actor.EmailAddress] = append(code[r.Actor.EmailAddress], r)
				}
			}
		}
		for _, u := range c.st.activeMembers(d) {
			if !c.st.keepMember(filters, u) {
				continue
			}
			a := rows[u.ID]
			if a == nil {
				cols, _ := c.st.groupCols(groups, "", u)
				a = &userActivity{u: u, tools: map[string]ccTool{}, office: map[string][2]int64{}, cols: cols}
			}
			did := false
			if activeOn(u, d, "chat") && (!inProject || slices.ContainsFunc(projects, func(p string) bool { return hashOf("in-project", u.ID, day, p)%3 == 0 })) {
				h := hashOf("chat", u.ID, day)
				n := int64(h%40) + 3
				a.chatMessages += n
				a.chatThinking += n * int64(h>>8%4) / 10
				a.chatConversations += int64(h>>12%5) + 1
				a.chatFiles += int64(h >> 16 % 3)
				a.chatArtifacts += int64(h >> 20 % 2)
				a.chatConnectors += int64(h >> 24 % 4)
				if !inProject {
					a.webSearches += int64(h >> 28 % 9)
				}
				did = true
			}
			for _, r := range code[u.Email] {
				a.sessions += r.CoreMetrics.NumSessions
				a.commits += r.CoreMetrics.CommitsByClaudeCode
				a.prs += r.CoreMetrics.PullRequestsByClaudeCode
				a.added += r.CoreMetrics.LinesOfCode.Added
				a.removed += r.CoreMetrics.LinesOfCode.Removed
				for tool, n := range r.ToolActions {
					t := a.tools[tool]
					a.tools[tool] = ccTool{t.Accepted + n.Accepted, t.Rejected + n.Rejected}
				}
				did = true
			}
			if !inProject && activeOn(u, d, "cowork") {
				h := hashOf("cowork", u.ID, day)
				a.coworkMessages += int64(h%20) + 1
				a.coworkActions += int64(h>>8%60) + 2
				a.coworkSessions += int64(h>>16%3) + 1
				a.coworkEdits += int64(h >> 20 % 7)
				did = true
			}
			if !inProject && activeOn(u, d, "office_agent") {
				h := hashOf("office", u.ID, day)
				app := officeApps[h%4]
				o := a.office[app]
				a.office[app] = [2]int64{o[0] + int64(h>>8%12) + 1, o[1] + 1}
				did = true
			}
			if did {
				a.active(d)
				rows[u.ID] = a
			}
		}
	}
	list := make([]*userActivity, 0, len(rows))
	for _, r := range rows {
		list = append(list, r)
	}
	if err := activityOrder(c, list, "email_address", map[string]func(*userActivity) int64{
		"web_search_count":       func(r *userActivity) int64 { return r.webSearches },
		"message_count":          func(r *userActivity) int64 { return r.chatMessages },
		"distinct_session_count": func(r *userActivity) int64 { return r.sessions },
		"commit_count":           func(r *userActivity) int64 { return r.commits },
		"pull_request_count":     func(r *userActivity) int64 { return r.prs },
	}, func(r *userActivity) string { return r.u.Email }); err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(list))
	for i, r := range list {
		out[i] = withCols(r.json(), r.cols)
	}
	return activityPage(c, out)
}

// json is the row as the API writes it.
func (a *userActivity) json() map[string]any {
	tool := func(name string) map[string]any {
		t := a.tools[name]
		return map[string]any{"accepted_count": t.Accepted, "rejected_count": t.Rejected}
	}
	office := map[string]any{}
	for _, app := range officeApps {
		o := a.office[app]
		office[app] = map[string]any{"message_count": o[0], "connectors_used_count": 0, "skills_used_count": 0,
			"distinct_session_count": o[1], "distinct_connectors_used_count": 0, "distinct_skills_used_count": 0}
	}
	return map[string]any{
		"user":                map[string]any{"id": a.u.ID, "email_address": a.u.Email, "type": "user"},
		"distinct_user_count": 1,
		"web_search_count":    a.webSearches,
		"chat_metrics": map[string]any{"message_count": a.chatMessages, "thinking_message_count": a.chatThinking,
			"connectors_used_count": a.chatConnectors, "shared_conversations_viewed_count": 0,
			"distinct_artifacts_created_count": a.chatArtifacts, "distinct_projects_created_count": 0,
			"distinct_conversation_count": a.chatConversations, "distinct_connectors_used_count": min(a.chatConnectors, 2),
			"distinct_files_uploaded_count": a.chatFiles, "distinct_projects_used_count": 0,
			"distinct_shared_artifacts_viewed_count": 0, "distinct_skills_used_count": 0},
		"claude_code_metrics": map[string]any{
			"core_metrics": map[string]any{"distinct_session_count": a.sessions, "commit_count": a.commits,
				"pull_request_count": a.prs, "artifacts_created_count": 0,
				"lines_of_code": map[string]any{"added_count": a.added, "removed_count": a.removed}},
			"tool_actions": map[string]any{"edit_tool": tool("edit_tool"), "multi_edit_tool": tool("multi_edit_tool"),
				"notebook_edit_tool": tool("notebook_edit_tool"), "write_tool": tool("write_tool")}},
		"cowork_metrics": map[string]any{"message_count": a.coworkMessages, "action_count": a.coworkActions,
			"dispatch_turn_count": 0, "artifacts_created_count": 0, "connectors_used_count": 0, "plugins_used_count": 0,
			"skills_used_count": 0, "file_edit_count": a.coworkEdits, "edit_tool_count": a.coworkEdits,
			"multi_edit_tool_count": 0, "notebook_edit_tool_count": 0, "write_tool_count": 0,
			"distinct_session_count": a.coworkSessions, "distinct_connectors_used_count": 0,
			"distinct_plugins_used_count": 0, "distinct_skills_used_count": 0,
			"sessions_with_file_edits_count": min(a.coworkSessions, a.coworkEdits)},
		"design_metrics": map[string]any{"message_count": 0, "distinct_projects_created_count": 0,
			"distinct_projects_used_count": 0, "distinct_session_count": 0},
		"office_metrics": office,
		"science_metrics": map[string]any{"message_count": 0, "delegation_count": 0, "remote_compute_job_count": 0,
			"skills_used_count": 0, "distinct_session_count": 0},
		// Chat and Cowork unified and Claude Tag are not available to the
		// organization, so their blocks are left out.
		"last_activity_date": a.last.Format(time.DateOnly),
	}
}
