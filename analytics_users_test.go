package admin_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// The blocks the fixture cannot show (the fake's organization has neither
// Chat and Cowork unified nor Claude Tag) decode too, with the distinct
// counts a rolled-up row cannot give left nil, not zero.
func TestUserActivityOptionalBlocks(t *testing.T) {
	const row = `{"user":{"id":"user_1","email_address":"a@example.com","type":"user"},"distinct_user_count":null,
	"chat_cowork_unified_metrics":{"chat":{"message_count":5,"distinct_conversation_count":null},
	  "sessions":{"message_count":2,"multi_edit_tool_count":null,"distinct_session_count":3}},
	"claude_tag_metrics":{"active_day_count":1,"active_message_count":null},"last_activity_date":"2026-11-18"}`
	var a admin.UserActivity
	if err := json.Unmarshal([]byte(row), &a); err != nil {
		t.Fatal(err)
	}
	u := a.ChatCoworkUnified
	switch {
	case a.DistinctUserCount != nil, u == nil, u.Chat.MessageCount != 5, u.Chat.DistinctConversationCount != nil,
		u.Sessions.MultiEditToolCount != nil, u.Sessions.DistinctSessionCount == nil || *u.Sessions.DistinctSessionCount != 3,
		a.ClaudeTag == nil, a.ClaudeTag.ActiveDayCount == nil || *a.ClaudeTag.ActiveDayCount != 1, a.ClaudeTag.ActiveMessageCount != nil,
		a.LastActivityDate == nil || *a.LastActivityDate != "2026-11-18":
		t.Errorf("decoded %+v", a)
	}
	if string(a.RawJSON()) != row {
		t.Error("raw JSON not kept")
	}
}

func TestUserActivityRefusesBeforeSending(t *testing.T) {
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	project := admin.ActivityFilter{Dimension: admin.ActivityByProjectID, Value: "claude_proj_1"}
	refusesBeforeSending(t, func(c *admin.Client, p admin.ActivityListParams) *admin.List[admin.UserActivity] {
		return c.Analytics.Users(p)
	}, []badParams[admin.ActivityListParams]{
		{"project and group_by", admin.ActivityListParams{Date: day, Filters: []admin.ActivityFilter{project},
			GroupBy: []admin.ActivityDimension{admin.ActivityByRBACGroupID}}},
		{"project and group filter", admin.ActivityListParams{Date: day, Filters: []admin.ActivityFilter{project,
			{Dimension: admin.ActivityByRBACGroupID, Value: "rbac_group_1"}}}},
		{"no day", admin.ActivityListParams{}},
		{"day not midnight", admin.ActivityListParams{Date: day.Add(time.Hour)}},
	})
}
