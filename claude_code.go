package admin

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/url"
	"time"
)

// ClaudeCodeParams selects one day of the Claude Code usage report.
type ClaudeCodeParams struct {
	// Day is the UTC day to report, given as its midnight UTC, e.g.
	// time.Date(2025, 8, 8, 0, 0, 0, 0, time.UTC). Required. A time with a
	// time of day, or midnight in another zone, is refused rather than
	// guessed at.
	Day time.Time
	// PageCursor's Limit is the number of records per page, 1 to 1000; 0
	// for the API's default (20).
	PageCursor
}

// ClaudeCodeActorType tells who a Claude Code record is about.
type ClaudeCodeActorType string

const (
	ClaudeCodeActorUser ClaudeCodeActorType = "user_actor" // a member, by email address
	ClaudeCodeActorAPI  ClaudeCodeActorType = "api_actor"  // an API key, by name
)

// CustomerType is how a Claude Code user pays.
type CustomerType string

const (
	CustomerTypeAPI          CustomerType = "api"
	CustomerTypeSubscription CustomerType = "subscription"
)

// SubscriptionType is the plan of a subscription customer.
type SubscriptionType string

const (
	SubscriptionTypeEnterprise SubscriptionType = "enterprise"
	SubscriptionTypeTeam       SubscriptionType = "team"
)

// ClaudeCodeRecord is one actor's Claude Code activity on one day. Remote
// sessions (such as Claude Code on the web) and local ones come as separate
// records.
type ClaudeCodeRecord struct {
	Actor       ClaudeCodeActor       `json:"actor"`
	CoreMetrics ClaudeCodeCoreMetrics `json:"core_metrics"`
	// CustomerType is api or subscription.
	CustomerType CustomerType `json:"customer_type"`
	// SubscriptionType is "" (null on the wire) for API customers.
	SubscriptionType SubscriptionType `json:"subscription_type"`
	// Date is the record's day at midnight UTC. The API has sent it both as
	// "2025-08-08" and as "2025-08-08T00:00:00Z"; both decode.
	Date           time.Time              `json:"date"`
	IsRemote       bool                   `json:"is_remote"`
	ModelBreakdown []ClaudeCodeModelUsage `json:"model_breakdown"`
	OrganizationID string                 `json:"organization_id"`
	// TerminalType is where Claude Code ran, e.g. "vscode", "iTerm.app".
	TerminalType string `json:"terminal_type"`
	// ToolActions counts accepted and rejected proposals per tool, keyed by
	// tool such as "edit_tool", "multi_edit_tool", "write_tool" and
	// "notebook_edit_tool". More tools may appear.
	ToolActions map[string]ToolActionCounts `json:"tool_actions"`
	raw
}

func (r *ClaudeCodeRecord) UnmarshalJSON(data []byte) error {
	type plain ClaudeCodeRecord
	wire := struct {
		*plain
		Date reportDate `json:"date"` // shadows plain's Date to parse it leniently
	}{plain: (*plain)(r)}
	if err := decodeKeepingRaw(data, &wire, &r.raw); err != nil {
		return err
	}
	r.Date = time.Time(wire.Date)
	return nil
}

// reportDate reads a date or a timestamp and gives the instant in UTC.
type reportDate time.Time

func (d *reportDate) UnmarshalJSON(data []byte) error {
	var s *string
	if err := json.Unmarshal(data, &s); err != nil || s == nil {
		return err
	}
	for _, layout := range []string{time.DateOnly, time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, *s); err == nil {
			*d = reportDate(t.UTC())
			return nil
		}
	}
	return fmt.Errorf("admin: date %q is neither YYYY-MM-DD nor an RFC 3339 timestamp", truncate(*s, 40))
}

// ClaudeCodeActor is who a record is about: a member (Type user_actor,
// EmailAddress set) or an API key (Type api_actor, APIKeyName set). Other
// types decode with their fields in the record's RawJSON.
type ClaudeCodeActor struct {
	Type         ClaudeCodeActorType `json:"type"`
	EmailAddress string              `json:"email_address,omitempty"`
	APIKeyName   string              `json:"api_key_name,omitempty"`
}

// Name returns what identifies the actor to a reader: the email address of a
// member or the name of an API key; for an actor type this library does not
// know, whichever of the two is set, else the type.
func (a ClaudeCodeActor) Name() string {
	switch {
	case a.Type == ClaudeCodeActorUser && a.EmailAddress != "":
		return a.EmailAddress
	case a.Type == ClaudeCodeActorAPI && a.APIKeyName != "":
		return a.APIKeyName
	}
	return cmp.Or(a.EmailAddress, a.APIKeyName, string(a.Type))
}

// ClaudeCodeCoreMetrics is the day's productivity counts.
type ClaudeCodeCoreMetrics struct {
	CommitsByClaudeCode      int64       `json:"commits_by_claude_code"`
	LinesOfCode              LinesOfCode `json:"lines_of_code"`
	NumSessions              int64       `json:"num_sessions"`
	PullRequestsByClaudeCode int64       `json:"pull_requests_by_claude_code"`
}

// LinesOfCode counts lines Claude Code added and removed.
type LinesOfCode struct {
	Added   int64 `json:"added"`
	Removed int64 `json:"removed"`
}

// ClaudeCodeModelUsage is the day's tokens and estimated cost for one model.
type ClaudeCodeModelUsage struct {
	Model         string           `json:"model"`
	Tokens        ClaudeCodeTokens `json:"tokens"`
	EstimatedCost EstimatedCost    `json:"estimated_cost"`
}

// ClaudeCodeTokens counts one model's tokens.
type ClaudeCodeTokens struct {
	Input         int64 `json:"input"`
	Output        int64 `json:"output"`
	CacheRead     int64 `json:"cache_read"`
	CacheCreation int64 `json:"cache_creation"`
}

// EstimatedCost is an estimate of what usage cost, in minor units (cents) of
// Currency. The API sends the amount as a JSON integer.
type EstimatedCost struct {
	Amount   Amount `json:"amount"`
	Currency string `json:"currency"`
}

// ToolActionCounts counts a tool's proposals the user accepted and rejected.
type ToolActionCounts struct {
	Accepted int64 `json:"accepted"`
	Rejected int64 `json:"rejected"`
}

// ClaudeCode returns the Claude Code usage report of one UTC day, one record
// per actor and session kind (GET /v1/organizations/usage_report/claude_code).
// Only data older than about an hour is reported.
func (s *UsageService) ClaudeCode(params ClaudeCodeParams, opts ...Option) *List[ClaudeCodeRecord] {
	if err := checkDay(params.Day); err != nil {
		return failedList[ClaudeCodeRecord](err)
	}
	q, err := params.PageCursor.query(maxPageSize)
	if err != nil {
		return failedList[ClaudeCodeRecord](err)
	}
	q.str("starting_at", params.Day.Format(time.DateOnly))
	return newList[ClaudeCodeRecord](s.client, "/v1/organizations/usage_report/claude_code", url.Values(q), pageToken, opts)
}

// checkDay refuses a day that is not a UTC midnight: the report covers whole
// UTC days, and any other time would have to be guessed into one.
func checkDay(day time.Time) error {
	if day.IsZero() {
		return invalidParam("Day is required")
	}
	if _, offset := day.Zone(); offset != 0 {
		return invalidParam("Day %s is not in UTC; the report covers UTC days, give midnight UTC such as time.Date(y, m, d, 0, 0, 0, 0, time.UTC)",
			day.Format(time.RFC3339))
	}
	if day.Hour() != 0 || day.Minute() != 0 || day.Second() != 0 || day.Nanosecond() != 0 {
		return invalidParam("Day %s has a time of day; give midnight UTC such as time.Date(y, m, d, 0, 0, 0, 0, time.UTC)",
			day.Format(time.RFC3339Nano))
	}
	return nil
}
