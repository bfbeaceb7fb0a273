package report_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/report"
)

// decodeBuckets reads a JSON array of report buckets.
func decodeBuckets[R any](t *testing.T, js string) []admin.ReportBucket[R] {
	t.Helper()
	var out []admin.ReportBucket[R]
	if err := json.Unmarshal([]byte(js), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// threeUsageDays: two final days and today, grouped by model; the null
// model is Console-style ungrouped usage, and two models tie.
const threeUsageDays = `[
 {"starting_at":"2026-11-18T00:00:00Z","ending_at":"2026-11-19T00:00:00Z","results":[
  {"model":"claude-sonnet-4-6","uncached_input_tokens":100,"cache_creation":{"ephemeral_5m_input_tokens":10,"ephemeral_1h_input_tokens":1},"cache_read_input_tokens":1000,"output_tokens":50,"server_tool_use":{"web_search_requests":2}},
  {"model":null,"uncached_input_tokens":5,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"cache_read_input_tokens":0,"output_tokens":5,"server_tool_use":{"web_search_requests":0}}
 ]},
 {"starting_at":"2026-11-19T00:00:00Z","ending_at":"2026-11-20T00:00:00Z","results":[]},
 {"starting_at":"2026-11-20T00:00:00Z","ending_at":"2026-11-21T00:00:00Z","results":[
  {"model":"claude-sonnet-4-6","uncached_input_tokens":200,"cache_creation":{"ephemeral_5m_input_tokens":20,"ephemeral_1h_input_tokens":2},"cache_read_input_tokens":2000,"output_tokens":100,"server_tool_use":{"web_search_requests":1}},
  {"model":"claude-haiku-4-5","uncached_input_tokens":10,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"cache_read_input_tokens":0,"output_tokens":0,"server_tool_use":{"web_search_requests":0}},
  {"model":"claude-future-9","uncached_input_tokens":4,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"cache_read_input_tokens":0,"output_tokens":6,"server_tool_use":{"web_search_requests":0}}
 ]}
]`

func TestSummarizeUsageByHand(t *testing.T) {
	buckets := decodeBuckets[admin.UsageResult](t, threeUsageDays)
	s, err := report.SummarizeUsage(buckets, admin.UsageGroupByModel, mustTime(t, "2026-11-20T15:30:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	day := func(d string) time.Time { return mustTime(t, d+"T00:00:00Z") }
	wantPeriods := []report.Period{
		{Start: day("2026-11-18"), End: day("2026-11-19"), Final: true},
		{Start: day("2026-11-19"), End: day("2026-11-20"), Final: true},
		{Start: day("2026-11-20"), End: day("2026-11-21"), Final: false},
	}
	if !reflect.DeepEqual(s.Periods, wantPeriods) || s.Pending != 1 || s.By != "model" {
		t.Errorf("periods = %+v, pending %d, by %q", s.Periods, s.Pending, s.By)
	}
	sonnet1 := report.UsageCounts{UncachedInputTokens: 100, CacheCreation5mTokens: 10, CacheCreation1hTokens: 1, CacheReadTokens: 1000, OutputTokens: 50, WebSearchRequests: 2}
	sonnet3 := report.UsageCounts{UncachedInputTokens: 200, CacheCreation5mTokens: 20, CacheCreation1hTokens: 2, CacheReadTokens: 2000, OutputTokens: 100, WebSearchRequests: 1}
	null1 := report.UsageCounts{UncachedInputTokens: 5, OutputTokens: 5}
	haiku3 := report.UsageCounts{UncachedInputTokens: 10}
	future3 := report.UsageCounts{UncachedInputTokens: 4, OutputTokens: 6}
	// 10 tokens each for the null model, Haiku and the future model: ties
	// go by key, and "" (null) sorts first.
	wantGroups := []report.Group[report.UsageCounts]{
		{Key: "claude-sonnet-4-6", Total: sonnet1.Add(sonnet3), Series: []report.UsageCounts{sonnet1, {}, sonnet3}},
		{Key: "", Total: null1, Series: []report.UsageCounts{null1, {}, {}}},
		{Key: "claude-future-9", Total: future3, Series: []report.UsageCounts{{}, {}, future3}},
		{Key: "claude-haiku-4-5", Total: haiku3, Series: []report.UsageCounts{{}, {}, haiku3}},
	}
	if !reflect.DeepEqual(s.Groups, wantGroups) {
		t.Errorf("groups = %+v\nwant %+v", s.Groups, wantGroups)
	}
	wantSeries := []report.UsageCounts{sonnet1.Add(null1), {}, sonnet3.Add(haiku3).Add(future3)}
	if !reflect.DeepEqual(s.Series, wantSeries) || s.Total != wantSeries[0].Add(wantSeries[2]) {
		t.Errorf("series = %+v, total %+v", s.Series, s.Total)
	}
	if got := s.Total; got.Tokens() != 3513 || got.InputTokens() != 3352 || got.WebSearchRequests != 3 {
		t.Errorf("total = %+v: %d tokens, %d input", got, got.Tokens(), got.InputTokens())
	}

	// Just after midnight, yesterday is not final either.
	early, err := report.SummarizeUsage(buckets, "", mustTime(t, "2026-11-20T00:30:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if early.Pending != 2 || early.Periods[1].Final || !early.Periods[0].Final || len(early.Groups) != 1 || early.Groups[0].Key != "" || early.Groups[0].Total != s.Total {
		t.Errorf("ungrouped early summary = %+v", early)
	}
}

// twoCostDays: workspace spend with amounts whose float sum is inexact, a
// Default Workspace line (null), and a tie.
const twoCostDays = `[
 {"starting_at":"2026-11-18T00:00:00Z","ending_at":"2026-11-19T00:00:00Z","results":[
  {"amount":"0.1","currency":"USD","workspace_id":"wrkspc_b"},
  {"amount":"0.2","currency":"USD","workspace_id":null},
  {"amount":"1500","currency":"USD","workspace_id":"wrkspc_a"}
 ]},
 {"starting_at":"2026-11-19T00:00:00Z","ending_at":"2026-11-20T00:00:00Z","results":[
  {"amount":"0.2","currency":"USD","workspace_id":"wrkspc_b"},
  {"amount":"0.30","currency":"USD","workspace_id":"wrkspc_c"},
  {"amount":"17198.23758","currency":"USD","workspace_id":"wrkspc_a"}
 ]}
]`

func TestSummarizeCostByHand(t *testing.T) {
	s, err := report.SummarizeCost(decodeBuckets[admin.CostResult](t, twoCostDays), report.CostFieldWorkspaceID, mustTime(t, "2026-11-20T00:30:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		key, total string
		series     []string
	}
	var got []row
	for _, g := range s.Groups {
		r := row{key: g.Key, total: g.Total.String()}
		for _, v := range g.Series {
			r.series = append(r.series, v.String())
		}
		got = append(got, r)
	}
	// wrkspc_b (0.3) and wrkspc_c (0.30) tie; the Default Workspace ("")
	// stays apart from every real ID.
	want := []row{
		{"wrkspc_a", "18698.23758", []string{"1500", "17198.23758"}},
		{"wrkspc_b", "0.3", []string{"0.1", "0.2"}},
		{"wrkspc_c", "0.30", []string{"0", "0.30"}},
		{"", "0.2", []string{"0.2", "0"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("groups = %+v\nwant %+v", got, want)
	}
	if s.Total.String() != "18699.03758" || s.Series[0].String() != "1500.3" || s.Series[1].String() != "17198.73758" {
		t.Errorf("total %s, series %v", s.Total, s.Series)
	}
	if s.Total.DollarString(2) != "186.99" || s.Pending != 1 || !s.Periods[0].Final {
		t.Errorf("total $%s, pending %d", s.Total.DollarString(2), s.Pending)
	}
}

func TestSummariesRefuse(t *testing.T) {
	now := mustTime(t, "2026-11-20T15:30:00Z")
	usage := decodeBuckets[admin.UsageResult](t, threeUsageDays)
	cost := decodeBuckets[admin.CostResult](t, twoCostDays)
	euro := decodeBuckets[admin.CostResult](t, strings.Replace(twoCostDays, `"0.30","currency":"USD"`, `"0.30","currency":"EUR"`, 1))
	overlap := decodeBuckets[admin.CostResult](t, strings.Replace(twoCostDays, `"starting_at":"2026-11-19T00:00:00Z"`, `"starting_at":"2026-11-18T12:00:00Z"`, 1))
	tests := []struct {
		name    string
		err     error
		invalid bool
		msg     string
	}{
		{"usage by an unknown dimension", second(report.SummarizeUsage(usage, "colour", now)), true, "account_id, api_key_id"},
		{"usage by a cost field", second(report.SummarizeUsage(usage, "description", now)), true, "cannot summarize usage"},
		{"cost by a usage-only dimension", second(report.SummarizeCost(cost, "api_key_id", now)), true, "cost_type, description"},
		{"a repeated bucket", second(report.SummarizeUsage(append(usage, usage[2]), "", now)), false, "oldest first, each once"},
		{"buckets out of order", second(report.SummarizeCost([]admin.CostBucket{cost[1], cost[0]}, "", now)), false, "oldest first"},
		{"overlapping buckets", second(report.SummarizeCost(overlap, "", now)), false, "before bucket 0 ends"},
		{"a reversed bucket", second(report.SummarizeCost([]admin.CostBucket{{StartingAt: now, EndingAt: now}}, "", now)), false, "empty or reversed"},
		{"another currency", second(report.SummarizeCost(euro, "", now)), false, `"EUR"`},
	}
	for _, tt := range tests {
		if tt.err == nil || errors.Is(tt.err, admin.ErrInvalidParam) != tt.invalid || !strings.Contains(tt.err.Error(), tt.msg) {
			t.Errorf("%s: err = %v, want one saying %q (invalid param: %v)", tt.name, tt.err, tt.msg, tt.invalid)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// rawFields decodes a result's JSON keeping numbers as written.
func rawFields(t *testing.T, raw json.RawMessage) map[string]any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(string(raw)))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

// rawText is a field of rawFields as text: "" for null.
func rawText(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func TestCostSummaryOnDemoIsExact(t *testing.T) {
	c := newDemoFake(t)
	r, err := admin.ParseTimeRange("90d", "", "", fakeNow)
	if err != nil {
		t.Fatal(err)
	}
	buckets := collectSeq(t, c.Cost.ReportRange(admin.CostReportParams{StartingAt: r.Start, EndingAt: r.End,
		GroupBy: []admin.CostGroupBy{admin.CostGroupByWorkspaceID, admin.CostGroupByDescription}}).All(context.Background()))
	if len(buckets) != 91 {
		t.Fatalf("90d gave %d buckets, want 90 final days and today", len(buckets))
	}

	// The expectation, from the raw amount strings with big.Rat: per bucket,
	// and per value of each field.
	fields := []report.CostField{"", report.CostFieldWorkspaceID, report.CostFieldDescription, report.CostFieldModel, report.CostFieldCostType,
		report.CostFieldTokenType, report.CostFieldServiceTier, report.CostFieldContextWindow, report.CostFieldInferenceGeo}
	total := new(big.Rat)
	perBucket := make([]*big.Rat, len(buckets))
	perKey := map[report.CostField]map[string]*big.Rat{}
	for i, b := range buckets {
		perBucket[i] = new(big.Rat)
		for _, res := range resultJSON(t, b) {
			m := rawFields(t, res)
			amount, ok := new(big.Rat).SetString(rawText(m, "amount"))
			if !ok {
				t.Fatalf("amount %v is not a decimal string", m["amount"])
			}
			total.Add(total, amount)
			perBucket[i].Add(perBucket[i], amount)
			for _, f := range fields {
				if perKey[f] == nil {
					perKey[f] = map[string]*big.Rat{}
				}
				k := rawText(m, string(f))
				if perKey[f][k] == nil {
					perKey[f][k] = new(big.Rat)
				}
				perKey[f][k].Add(perKey[f][k], amount)
			}
		}
	}
	dollars := new(big.Rat).Quo(total, big.NewRat(100, 1))
	if dollars.Sign() <= 0 {
		t.Fatal("no demo spend")
	}

	for _, f := range fields {
		s, err := report.SummarizeCost(buckets, f, fakeNow)
		if err != nil {
			t.Fatal(err)
		}
		if s.Total.Dollars().Cmp(dollars) != 0 {
			t.Errorf("by %q: total $%s, want exactly $%s", f, s.Total.Dollars().FloatString(12), dollars.FloatString(12))
		}
		if len(s.Groups) != len(perKey[f]) {
			t.Errorf("by %q: %d groups, want %d", f, len(s.Groups), len(perKey[f]))
		}
		for gi, g := range s.Groups {
			if want := perKey[f][g.Key]; want == nil || g.Total.Cents().Cmp(want) != 0 {
				t.Errorf("by %q: group %q = %s cents, want %v", f, g.Key, g.Total, want)
			}
			if gi > 0 && g.Total.Cmp(s.Groups[gi-1].Total) > 0 {
				t.Errorf("by %q: group %q outranks the one before it", f, g.Key)
			}
			if admin.Sum(g.Series...).Cmp(g.Total) != 0 {
				t.Errorf("by %q: group %q series sums to %s, not its total %s", f, g.Key, admin.Sum(g.Series...), g.Total)
			}
		}
		for i, v := range s.Series {
			if v.Cents().Cmp(perBucket[i]) != 0 {
				t.Errorf("by %q: day %d = %s cents, want %s", f, i, v, perBucket[i].FloatString(15))
			}
		}
		if s.Pending != 1 || s.Periods[89].Final != true || s.Periods[90].Final {
			t.Errorf("by %q: %d pending; the 90 whole days must be final and today not", f, s.Pending)
		}
	}
}

// usageKinds are the raw JSON paths of each UsageCounts field.
var usageKinds = []struct {
	path  []string
	count func(report.UsageCounts) int64
}{
	{[]string{"uncached_input_tokens"}, func(c report.UsageCounts) int64 { return c.UncachedInputTokens }},
	{[]string{"cache_creation", "ephemeral_5m_input_tokens"}, func(c report.UsageCounts) int64 { return c.CacheCreation5mTokens }},
	{[]string{"cache_creation", "ephemeral_1h_input_tokens"}, func(c report.UsageCounts) int64 { return c.CacheCreation1hTokens }},
	{[]string{"cache_read_input_tokens"}, func(c report.UsageCounts) int64 { return c.CacheReadTokens }},
	{[]string{"output_tokens"}, func(c report.UsageCounts) int64 { return c.OutputTokens }},
	{[]string{"server_tool_use", "web_search_requests"}, func(c report.UsageCounts) int64 { return c.WebSearchRequests }},
}

func rawCount(t *testing.T, m map[string]any, path []string) int64 {
	t.Helper()
	var v any = m
	for _, p := range path {
		v = v.(map[string]any)[p]
	}
	n, err := v.(json.Number).Int64()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUsageSummaryOnDemoMatchesHandCountAndFilters(t *testing.T) {
	c := newDemoFake(t)
	ctx := context.Background()
	end := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	base := admin.UsageMessagesParams{StartingAt: end.AddDate(0, 0, -30), EndingAt: end}
	grouped := base
	grouped.GroupBy = []admin.UsageGroupBy{admin.UsageGroupByWorkspaceID, admin.UsageGroupByModel}
	buckets := collectSeq(t, c.Usage.MessagesRange(grouped).All(ctx))

	for _, by := range []admin.UsageGroupBy{admin.UsageGroupByWorkspaceID, admin.UsageGroupByModel} {
		s, err := report.SummarizeUsage(buckets, by, fakeNow)
		if err != nil {
			t.Fatal(err)
		}
		// By hand, from the raw JSON: every kind of count per group.
		want := map[string][]int64{}
		for _, b := range buckets {
			for _, r := range resultJSON(t, b) {
				m := rawFields(t, r)
				k := rawText(m, string(by))
				if want[k] == nil {
					want[k] = make([]int64, len(usageKinds))
				}
				for i, kind := range usageKinds {
					want[k][i] += rawCount(t, m, kind.path)
				}
			}
		}
		if len(s.Groups) != len(want) || len(s.Groups) < 3 {
			t.Fatalf("by %s: %d groups, want %d", by, len(s.Groups), len(want))
		}
		var sum report.UsageCounts
		for gi, g := range s.Groups {
			for i, kind := range usageKinds {
				if got := kind.count(g.Total); got != want[g.Key][i] {
					t.Errorf("by %s: group %q %v = %d, want %d", by, g.Key, kind.path, got, want[g.Key][i])
				}
			}
			if gi > 0 && g.Total.Tokens() > s.Groups[gi-1].Total.Tokens() {
				t.Errorf("by %s: group %q outranks the one before it", by, g.Key)
			}
			sum = sum.Add(g.Total)
		}
		if sum != s.Total || s.Pending != 0 {
			t.Errorf("by %s: groups add up to %+v, total %+v, pending %d", by, sum, s.Total, s.Pending)
		}

		// Filtering the report to one group's value gives that group: the
		// top one, and one further down.
		for _, g := range []report.Group[report.UsageCounts]{s.Groups[0], s.Groups[len(s.Groups)-1]} {
			if g.Key == "" {
				continue // null cannot be filtered for
			}
			filtered := base
			if by == admin.UsageGroupByWorkspaceID {
				filtered.WorkspaceIDs = []string{g.Key}
			} else {
				filtered.Models = []string{g.Key}
			}
			fs, err := report.SummarizeUsage(collectSeq(t, c.Usage.MessagesRange(filtered).All(ctx)), "", fakeNow)
			if err != nil {
				t.Fatal(err)
			}
			if fs.Total != g.Total || !reflect.DeepEqual(fs.Series, g.Series) {
				t.Errorf("filtered to %s %q: total %+v, want the group's %+v", by, g.Key, fs.Total, g.Total)
			}
		}
	}
}

func TestSevenDaysOnDemo(t *testing.T) {
	c := newDemoFake(t)
	r, err := admin.ParseTimeRange("7d", "", "", fakeNow)
	if err != nil {
		t.Fatal(err)
	}
	buckets := collectSeq(t, c.Cost.ReportRange(admin.CostReportParams{StartingAt: r.Start, EndingAt: r.End}).All(context.Background()))
	s, err := report.SummarizeCost(buckets, "", fakeNow)
	if err != nil {
		t.Fatal(err)
	}
	// Seven whole days, all final, and today so far, not final.
	if len(s.Periods) != 8 || s.Pending != 1 || !s.Periods[0].Start.Equal(mustTime(t, "2026-11-13T00:00:00Z")) ||
		!s.Periods[6].Final || s.Periods[7].Final || !s.Periods[7].Start.Equal(mustTime(t, "2026-11-20T00:00:00Z")) {
		t.Errorf("7d periods = %+v", s.Periods)
	}
	if s.Series[7].Sign() <= 0 || s.Series[7].Cmp(s.Series[6]) >= 0 {
		t.Errorf("today so far %s should be some of a day, less than yesterday %s", s.Series[7], s.Series[6])
	}
}

// claudeCodeRecords: a user with a local and a remote record on one day and
// a record the next, an API key, and a user with no tool decisions.
const claudeCodeRecords = `[
 {"actor":{"type":"user_actor","email_address":"ada@example.com"},"date":"2026-11-18T00:00:00Z","is_remote":false,
  "core_metrics":{"num_sessions":3,"lines_of_code":{"added":100,"removed":40},"commits_by_claude_code":2,"pull_requests_by_claude_code":1},
  "tool_actions":{"edit_tool":{"accepted":10,"rejected":2},"write_tool":{"accepted":1,"rejected":0}},
  "model_breakdown":[{"model":"claude-opus-4-6","estimated_cost":{"amount":150,"currency":"USD"},"tokens":{"input":1,"output":1,"cache_read":0,"cache_creation":0}},
                     {"model":"claude-haiku-4-5","estimated_cost":{"amount":7,"currency":"USD"},"tokens":{"input":1,"output":1,"cache_read":0,"cache_creation":0}}]},
 {"actor":{"type":"user_actor","email_address":"ada@example.com"},"date":"2026-11-18","is_remote":true,
  "core_metrics":{"num_sessions":1,"lines_of_code":{"added":20,"removed":0},"commits_by_claude_code":0,"pull_requests_by_claude_code":0},
  "tool_actions":{"edit_tool":{"accepted":2,"rejected":1}},
  "model_breakdown":[{"model":"claude-opus-4-6","estimated_cost":{"amount":40,"currency":"USD"},"tokens":{"input":1,"output":1,"cache_read":0,"cache_creation":0}}]},
 {"actor":{"type":"user_actor","email_address":"ada@example.com"},"date":"2026-11-19T00:00:00Z",
  "core_metrics":{"num_sessions":2,"lines_of_code":{"added":30,"removed":30},"commits_by_claude_code":1,"pull_requests_by_claude_code":0},
  "tool_actions":{"edit_tool":{"accepted":0,"rejected":2},"future_tool":{"accepted":1,"rejected":0}},
  "model_breakdown":[]},
 {"actor":{"type":"api_actor","api_key_name":"claude-code-ci"},"date":"2026-11-19T00:00:00Z",
  "core_metrics":{"num_sessions":5,"lines_of_code":{"added":500,"removed":100},"commits_by_claude_code":4,"pull_requests_by_claude_code":2},
  "tool_actions":{"edit_tool":{"accepted":1,"rejected":1999}},
  "model_breakdown":[{"model":"claude-sonnet-4-6","estimated_cost":{"amount":197,"currency":"USD"},"tokens":{"input":1,"output":1,"cache_read":0,"cache_creation":0}}]},
 {"actor":{"type":"user_actor","email_address":"bo@example.com"},"date":"2026-11-19T00:00:00Z",
  "core_metrics":{"num_sessions":1,"lines_of_code":{"added":0,"removed":0},"commits_by_claude_code":0,"pull_requests_by_claude_code":0},
  "tool_actions":{},"model_breakdown":[{"model":"claude-haiku-4-5","estimated_cost":{"amount":0,"currency":"USD"},"tokens":{"input":1,"output":1,"cache_read":0,"cache_creation":0}}]}
]`

func TestSummarizeClaudeCode(t *testing.T) {
	var records []admin.ClaudeCodeRecord
	if err := json.Unmarshal([]byte(claudeCodeRecords), &records); err != nil {
		t.Fatal(err)
	}
	s, err := report.SummarizeClaudeCode(records)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Name                                                       string
		Type                                                       admin.ClaudeCodeActorType
		Sessions, Added, Removed, Commits, PRs, Accepted, Rejected int64
		Cost                                                       string
		Days                                                       int
		PerMille                                                   int64
		Decided                                                    bool
	}
	rowOf := func(a report.ClaudeCodeActivity) row {
		pm, ok := a.AcceptancePerMille()
		return row{a.Name, a.Type, a.Sessions, a.LinesAdded, a.LinesRemoved, a.Commits, a.PullRequests, a.ToolAccepted, a.ToolRejected,
			a.EstimatedCost.String(), a.DaysActive, pm, ok}
	}
	var got []row
	for _, a := range s.Actors {
		got = append(got, rowOf(a))
	}
	// Ada and the CI key tie on 197 cents: by name. Ada's acceptance is
	// 14/19 = 736.8‰; the key's 1/2000 = 0.5‰, which rounds up to 1.
	want := []row{
		{"ada@example.com", admin.ClaudeCodeActorUser, 6, 150, 70, 3, 1, 14, 5, "197", 2, 737, true},
		{"claude-code-ci", admin.ClaudeCodeActorAPI, 5, 500, 100, 4, 2, 1, 1999, "197", 1, 1, true},
		{"bo@example.com", admin.ClaudeCodeActorUser, 1, 0, 0, 0, 0, 0, 0, "0", 1, 0, false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("actors = %+v\nwant %+v", got, want)
	}
	if total := rowOf(s.Total); !reflect.DeepEqual(total, row{"", "", 12, 650, 170, 7, 3, 15, 2004, "394", 2, 7, true}) {
		t.Errorf("total = %+v", total)
	}

	records[3].ModelBreakdown[0].EstimatedCost.Currency = "GBP"
	if _, err := report.SummarizeClaudeCode(records); err == nil || !strings.Contains(err.Error(), `"GBP"`) {
		t.Errorf("a GBP estimate: err = %v", err)
	}
}

func TestClaudeCodeSummaryOnDemo(t *testing.T) {
	c := newDemoFake(t)
	r, err := admin.ParseTimeRange("7d", "", "", fakeNow)
	if err != nil {
		t.Fatal(err)
	}
	records := collectSeq(t, c.Usage.ClaudeCodeRange(admin.ClaudeCodeRangeParams{StartingAt: r.Start, EndingAt: r.End, Limit: 1000}).All(context.Background()))
	s, err := report.SummarizeClaudeCode(records)
	if err != nil {
		t.Fatal(err)
	}
	// By hand from the raw JSON.
	cents, sessions := new(big.Rat), int64(0)
	actors, days := map[string]bool{}, map[string]bool{}
	for _, rec := range records {
		m := rawFields(t, rec.RawJSON())
		actor := m["actor"].(map[string]any)
		actors[rawText(actor, "type")+"/"+rawText(actor, "email_address")+rawText(actor, "api_key_name")] = true
		days[rawText(m, "date")[:10]] = true
		sessions += rawCount(t, m, []string{"core_metrics", "num_sessions"})
		for _, u := range m["model_breakdown"].([]any) {
			a, _ := new(big.Rat).SetString(string(u.(map[string]any)["estimated_cost"].(map[string]any)["amount"].(json.Number)))
			cents.Add(cents, a)
		}
	}
	if len(s.Actors) != len(actors) || len(actors) < 5 || s.Total.Sessions != sessions || s.Total.DaysActive != len(days) ||
		s.Total.EstimatedCost.Cents().Cmp(cents) != 0 {
		t.Errorf("summary: %d actors, %d sessions, %d days, %s cents; want %d, %d, %d, %s",
			len(s.Actors), s.Total.Sessions, s.Total.DaysActive, s.Total.EstimatedCost, len(actors), sessions, len(days), cents.RatString())
	}
	var perActor admin.Amount
	for i, a := range s.Actors {
		perActor = perActor.Add(a.EstimatedCost)
		if i > 0 && a.EstimatedCost.Cmp(s.Actors[i-1].EstimatedCost) > 0 {
			t.Errorf("actor %s outranks the one before it", a.Name)
		}
		if a.DaysActive < 1 || a.DaysActive > 8 {
			t.Errorf("actor %s active %d days in 8", a.Name, a.DaysActive)
		}
	}
	if perActor.Cmp(s.Total.EstimatedCost) != 0 {
		t.Errorf("actors add up to %s, total %s", perActor, s.Total.EstimatedCost)
	}
}
