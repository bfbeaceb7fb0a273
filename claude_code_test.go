package admin_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// claudeCodeRecordJSON is the record of the reference example, with the
// second model entry the docs trimmed.
const claudeCodeRecordJSON = `{
  "actor": {
    "email_address": "user@emaildomain.com",
    "type": "user_actor"
  },
  "core_metrics": {
    "commits_by_claude_code": 8,
    "lines_of_code": {
      "added": 342,
      "removed": 128
    },
    "num_sessions": 15,
    "pull_requests_by_claude_code": 2
  },
  "customer_type": "api",
  "date": "2025-08-08T00:00:00Z",
  "is_remote": false,
  "model_breakdown": [
    {
      "estimated_cost": {
        "amount": 186,
        "currency": "USD"
      },
      "model": "claude-opus-4-8",
      "tokens": {
        "cache_creation": 2340,
        "cache_read": 8790,
        "input": 45230,
        "output": 12450
      }
    },
    {
      "estimated_cost": {
        "amount": 42,
        "currency": "USD"
      },
      "model": "claude-sonnet-5",
      "tokens": {
        "cache_creation": 0,
        "cache_read": 100,
        "input": 2000,
        "output": 900
      }
    }
  ],
  "organization_id": "12345678-1234-5678-1234-567812345678",
  "terminal_type": "iTerm.app",
  "tool_actions": {
    "edit_tool": {
      "accepted": 25,
      "rejected": 3
    },
    "multi_edit_tool": {
      "accepted": 12,
      "rejected": 1
    },
    "notebook_edit_tool": {
      "accepted": 5,
      "rejected": 2
    },
    "write_tool": {
      "accepted": 8,
      "rejected": 0
    }
  },
  "subscription_type": "enterprise"
}`

// claudeCodePage2 has an API-key actor with the older date-only form and no
// subscription, and an actor type and tool this library does not know.
const claudeCodePage2 = `{
  "data": [
    {"actor": {"type": "api_actor", "api_key_name": "ci-bot"},
     "core_metrics": {"commits_by_claude_code": 0, "lines_of_code": {"added": 0, "removed": 0}, "num_sessions": 1, "pull_requests_by_claude_code": 0},
     "customer_type": "api", "date": "2025-08-08", "is_remote": true, "model_breakdown": [],
     "organization_id": "12345678-1234-5678-1234-567812345678", "terminal_type": "tmux", "tool_actions": {}, "subscription_type": null},
    {"actor": {"type": "service_account_actor", "service_account_name": "deployer"},
     "core_metrics": {"commits_by_claude_code": 1, "lines_of_code": {"added": 5, "removed": 1}, "num_sessions": 2, "pull_requests_by_claude_code": 1},
     "customer_type": "enterprise_api", "date": "2025-08-08T00:00:00.000000Z", "is_remote": false,
     "model_breakdown": [{"model": "claude-haiku-5", "tokens": {"input": 1, "output": 2, "cache_read": 3, "cache_creation": 4},
       "estimated_cost": {"amount": 1, "currency": "USD"}}],
     "organization_id": "12345678-1234-5678-1234-567812345678", "terminal_type": "vscode",
     "tool_actions": {"bash_tool": {"accepted": 4, "rejected": 1}}, "subscription_type": "team", "plugin_count": 3}
  ],
  "has_more": false,
  "next_page": null
}`

func TestClaudeCodeRequest(t *testing.T) {
	tests := []struct {
		name   string
		params admin.ClaudeCodeParams
		query  url.Values
	}{
		{
			name:   "the day only",
			params: admin.ClaudeCodeParams{Day: time.Date(2025, 8, 8, 0, 0, 0, 0, time.UTC)},
			query:  url.Values{"starting_at": {"2025-08-08"}},
		},
		{
			name:   "a parsed midnight, a limit and a page",
			params: admin.ClaudeCodeParams{PageCursor: admin.PageCursor{Limit: 1000, Page: reportPageToken}, Day: mustTime(t, "2025-12-31T00:00:00Z")},
			query:  url.Values{"starting_at": {"2025-12-31"}, "limit": {"1000"}, "page": {reportPageToken}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := firstPageRequest(t, func(c *admin.Client) *admin.List[admin.ClaudeCodeRecord] { return c.Usage.ClaudeCode(tt.params) })
			want{Method: "GET", Path: "/v1/organizations/usage_report/claude_code", Query: tt.query}.check(t, got)
		})
	}
}

func TestClaudeCodeWalksPages(t *testing.T) {
	api := newFakeAPI(t,
		reply{Body: `{"data":[` + claudeCodeRecordJSON + `],"has_more":true,"next_page":"` + reportPageToken + `"}`},
		reply{Body: claudeCodePage2})
	records, err := api.client().Usage.ClaudeCode(admin.ClaudeCodeParams{PageCursor: admin.PageCursor{Limit: 1}, Day: time.Date(2025, 8, 8, 0, 0, 0, 0, time.UTC)}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkTwoPages(t, api, "/v1/organizations/usage_report/claude_code", url.Values{"starting_at": {"2025-08-08"}, "limit": {"1"}})
	if len(records) != 3 {
		t.Fatalf("got %d records, want 3", len(records))
	}

	r := records[0]
	// Every field: the amounts come back as the strings Amount encodes to.
	fieldsEqual(t, r, strings.NewReplacer(`"amount": 186`, `"amount": "186"`, `"amount": 42`, `"amount": "42"`).Replace(claudeCodeRecordJSON))
	jsonEqual(t, r.RawJSON(), []byte(claudeCodeRecordJSON))
	if r.Actor.Type != admin.ClaudeCodeActorUser || r.Actor.Name() != "user@emaildomain.com" || r.CustomerType != admin.CustomerTypeAPI ||
		r.SubscriptionType != admin.SubscriptionTypeEnterprise || r.IsRemote || r.TerminalType != "iTerm.app" {
		t.Errorf("record = %+v", r)
	}
	if !r.Date.Equal(time.Date(2025, 8, 8, 0, 0, 0, 0, time.UTC)) || r.Date.Location() != time.UTC {
		t.Errorf("Date = %v, want 2025-08-08 midnight UTC", r.Date)
	}
	if got := r.ToolActions["edit_tool"]; got != (admin.ToolActionCounts{Accepted: 25, Rejected: 3}) {
		t.Errorf("edit_tool = %+v", got)
	}
	var cost []admin.Amount
	for _, m := range r.ModelBreakdown {
		cost = append(cost, m.EstimatedCost.Amount)
	}
	if total := admin.Sum(cost...); total.String() != "228" || total.DollarString(2) != "2.28" {
		t.Errorf("estimated cost = %s cents = $%s, want 228 = $2.28", total, total.DollarString(2))
	}

	key := records[1]
	if key.Actor.Type != admin.ClaudeCodeActorAPI || key.Actor.Name() != "ci-bot" || key.SubscriptionType != "" || !key.IsRemote ||
		!key.Date.Equal(time.Date(2025, 8, 8, 0, 0, 0, 0, time.UTC)) || len(key.ModelBreakdown) != 0 || len(key.ToolActions) != 0 {
		t.Errorf("API-key record = %+v", key)
	}

	future := records[2]
	if future.Actor.Type != "service_account_actor" || future.CustomerType != "enterprise_api" || future.SubscriptionType != admin.SubscriptionTypeTeam {
		t.Errorf("unknown values decoded as %+v", future)
	}
	if raw := string(future.RawJSON()); !strings.Contains(raw, `"service_account_name": "deployer"`) {
		t.Errorf("record RawJSON lost the unknown actor's fields: %s", raw)
	}
	if raw := string(future.RawJSON()); !strings.Contains(raw, `"plugin_count": 3`) {
		t.Errorf("record RawJSON lost an unknown field: %s", raw)
	}
	if got := future.ToolActions["bash_tool"]; got.Accepted != 4 || got.Rejected != 1 {
		t.Errorf("unknown tool = %+v", got)
	}
	if m := future.ModelBreakdown[0]; m.Tokens != (admin.ClaudeCodeTokens{Input: 1, Output: 2, CacheRead: 3, CacheCreation: 4}) || m.EstimatedCost.Currency != "USD" {
		t.Errorf("model usage = %+v", m)
	}
}

func TestClaudeCodeDateIsLenient(t *testing.T) {
	day := time.Date(2025, 8, 8, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		date string // a JSON value
		want time.Time
	}{
		{`"2025-08-08"`, day},
		{`"2025-08-08T00:00:00Z"`, day},
		{`"2025-08-08T00:00:00.000000Z"`, day},
		{`"2025-08-08T00:00:00+00:00"`, day},
		{`"2025-08-08T02:00:00+02:00"`, day},
		{`"2025-08-08T00:00:00"`, day},
		{`null`, time.Time{}},
	}
	for _, tt := range tests {
		var r admin.ClaudeCodeRecord
		if err := json.Unmarshal([]byte(`{"date":`+tt.date+`,"terminal_type":"vscode"}`), &r); err != nil {
			t.Errorf("date %s: %v", tt.date, err)
			continue
		}
		if !r.Date.Equal(tt.want) || r.TerminalType != "vscode" {
			t.Errorf("date %s decoded as %v (terminal %q), want %v", tt.date, r.Date, r.TerminalType, tt.want)
		}
		if !r.Date.IsZero() && r.Date.Location() != time.UTC {
			t.Errorf("date %s decoded in %v, want UTC", tt.date, r.Date.Location())
		}
	}
	for _, bad := range []string{`"08/08/2025"`, `"2025-08-08 00:00"`, `20250808`, `""`} {
		var r admin.ClaudeCodeRecord
		if err := json.Unmarshal([]byte(`{"date":`+bad+`}`), &r); err == nil {
			t.Errorf("date %s decoded as %v, want an error", bad, r.Date)
		}
	}
}

func TestClaudeCodeActorName(t *testing.T) {
	tests := []struct {
		actor string
		want  string
	}{
		{`{"type":"user_actor","email_address":"ada@example.com"}`, "ada@example.com"},
		{`{"type":"api_actor","api_key_name":"ci-bot"}`, "ci-bot"},
		{`{"type":"robot_actor","api_key_name":"legacy-key"}`, "legacy-key"},
		{`{"type":"robot_actor","robot_id":"r2"}`, "robot_actor"},
	}
	for _, tt := range tests {
		var a admin.ClaudeCodeActor
		if err := json.Unmarshal([]byte(tt.actor), &a); err != nil {
			t.Fatal(err)
		}
		if got := a.Name(); got != tt.want {
			t.Errorf("Name() of %s = %q, want %q", tt.actor, got, tt.want)
		}
	}
}

func TestClaudeCodeBadInputSendsNothing(t *testing.T) {
	day := time.Date(2025, 8, 8, 0, 0, 0, 0, time.UTC)
	cest := time.FixedZone("CEST", 2*60*60)
	refusesBeforeSending(t, func(c *admin.Client, p admin.ClaudeCodeParams) *admin.List[admin.ClaudeCodeRecord] {
		return c.Usage.ClaudeCode(p)
	},
		[]badParams[admin.ClaudeCodeParams]{
			{"no day", admin.ClaudeCodeParams{PageCursor: admin.PageCursor{Limit: 10}}},
			{"a time of day", admin.ClaudeCodeParams{Day: time.Date(2025, 8, 8, 10, 30, 0, 0, time.UTC)}},
			{"a nanosecond past midnight", admin.ClaudeCodeParams{Day: day.Add(time.Nanosecond)}},
			{"midnight in another zone", admin.ClaudeCodeParams{Day: time.Date(2025, 8, 8, 0, 0, 0, 0, cest)}},
			{"UTC midnight seen from another zone", admin.ClaudeCodeParams{Day: day.In(cest)}},
			{"limit over 1000", admin.ClaudeCodeParams{PageCursor: admin.PageCursor{Limit: 1001}, Day: day}},
			{"negative limit", admin.ClaudeCodeParams{PageCursor: admin.PageCursor{Limit: -1}, Day: day}},
		})
}
