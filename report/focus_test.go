package report_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/report"
)

// writeCSV writes FOCUS rows as a CSV file with its header, the way a
// program would.
func writeCSV(t *testing.T, rows []report.FOCUSRow) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(report.FOCUSColumns())
	for _, r := range rows {
		w.Write(r.Record())
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return &buf
}

func TestFOCUSRecord(t *testing.T) {
	day := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	next := day.AddDate(0, 0, 1)
	tokens := int64(24_757_824)
	berlin := time.FixedZone("CEST", 2*60*60)
	rows := []report.FOCUSRow{
		{ // the cost report's example line, with the token count joined from the usage report
			Start: day, End: next, Amount: admin.MustParseAmount("123.78912"), Currency: "USD",
			AccountID: "org_01Abc", AccountName: "Acme Robotics", WorkspaceID: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", WorkspaceName: "Production",
			Description: "Claude Sonnet 4 Usage - Input Tokens", Model: "claude-opus-4-6",
			CostType: admin.CostTypeTokens, TokenType: admin.TokenTypeUncachedInput, Tokens: &tokens,
		},
		{ // web search in the default workspace; times given in another zone
			Start: day.In(berlin), End: next.In(berlin), Amount: admin.MustParseAmount("1500"), Currency: "USD",
			AccountID: "org_01Abc", AccountName: "Acme Robotics",
			Description: "Web Search Usage", CostType: admin.CostTypeWebSearch,
		},
		{ // a cache write with no token count: the quantity stays null
			Start: day, End: next, Amount: admin.MustParseAmount("-0.5"), Currency: "USD",
			AccountID: "org_01Abc", AccountName: "Acme Robotics", WorkspaceID: "wrkspc_02", WorkspaceName: `Team "A", EU`,
			Description: "Claude Sonnet 4.6 Usage - Cache Write (1h) Tokens", Model: "claude-sonnet-4-6",
			CostType: admin.CostTypeTokens, TokenType: admin.TokenTypeCacheCreation1hInput,
		},
		{ // a report grouped by workspace only: no description, no parsed fields
			Start: day, End: next, Amount: admin.MustParseAmount("0.1"), AccountID: "org_01Abc", AccountName: "Acme Robotics",
		},
		{ // grouped by description, a description the CLI does not parse further
			Start: day, End: next, Amount: admin.MustParseAmount("17198.23758"), Currency: "USD",
			AccountID: "org_01Abc", AccountName: "Acme Robotics", WorkspaceID: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", WorkspaceName: "Production",
			Description: "Claude Agent Sessions - Hours", CostType: "agent_hours",
		},
	}
	buf := writeCSV(t, rows)
	want := strings.Join([]string{
		"BilledCost,EffectiveCost,BillingCurrency,BillingAccountId,BillingAccountName,ChargePeriodStart,ChargePeriodEnd," +
			"ChargeCategory,ChargeClass,ChargeFrequency,ChargeDescription,ProviderName,PublisherName,InvoiceIssuerName," +
			"ServiceName,ServiceCategory,ServiceSubcategory,ResourceId,ResourceName,ResourceType,SkuId,SkuMeter," +
			"ConsumedQuantity,ConsumedUnit,x_ModelId,x_CostType,x_TokenType",
		"1.2378912,1.2378912,USD,org_01Abc,Acme Robotics,2025-08-01T00:00:00Z,2025-08-02T00:00:00Z," +
			"Usage,,Usage-Based,Claude Sonnet 4 Usage - Input Tokens,Anthropic,Anthropic,Anthropic," +
			"Claude API,AI and Machine Learning,Generative AI,wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ,Production,Workspace," +
			"claude-opus-4-6/uncached_input_tokens,Input Tokens,24757824,Tokens,claude-opus-4-6,tokens,uncached_input_tokens",
		"15,15,USD,org_01Abc,Acme Robotics,2025-08-01T00:00:00Z,2025-08-02T00:00:00Z," +
			"Usage,,Usage-Based,Web Search Usage,Anthropic,Anthropic,Anthropic," +
			"Claude API,AI and Machine Learning,Generative AI,default,Default,Workspace," +
			"web_search,Web Searches,,,,web_search,",
		"-0.005,-0.005,USD,org_01Abc,Acme Robotics,2025-08-01T00:00:00Z,2025-08-02T00:00:00Z," +
			"Usage,,Usage-Based,Claude Sonnet 4.6 Usage - Cache Write (1h) Tokens,Anthropic,Anthropic,Anthropic," +
			`Claude API,AI and Machine Learning,Generative AI,wrkspc_02,"Team ""A"", EU",Workspace,` +
			"claude-sonnet-4-6/cache_creation.ephemeral_1h_input_tokens,Cache Write Input Tokens (1 hour),,," +
			"claude-sonnet-4-6,tokens,cache_creation.ephemeral_1h_input_tokens",
		"0.001,0.001,USD,org_01Abc,Acme Robotics,2025-08-01T00:00:00Z,2025-08-02T00:00:00Z," +
			"Usage,,Usage-Based,Claude API usage,Anthropic,Anthropic,Anthropic," +
			"Claude API,AI and Machine Learning,Generative AI,default,Default,Workspace," +
			",,,,,,",
		"171.9823758,171.9823758,USD,org_01Abc,Acme Robotics,2025-08-01T00:00:00Z,2025-08-02T00:00:00Z," +
			"Usage,,Usage-Based,Claude Agent Sessions - Hours,Anthropic,Anthropic,Anthropic," +
			"Claude API,AI and Machine Learning,Generative AI,wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ,Production,Workspace," +
			"agent_hours,agent_hours,,,,agent_hours,",
		"",
	}, "\n")
	if got := buf.String(); got != want {
		t.Errorf("FOCUS CSV:\n%s\nwant:\n%s", got, want)
	}

	// Every line has every column, and the file reads back as CSV.
	records, err := csv.NewReader(buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != len(rows)+1 {
		t.Errorf("%d records, want %d", len(records), len(rows)+1)
	}
	if records[3][18] != `Team "A", EU` {
		t.Errorf("ResourceName read back as %q", records[3][18])
	}
}

// cell is a row's value in the named FOCUS column.
func cell(t *testing.T, r report.FOCUSRow, column string) string {
	t.Helper()
	i := slices.Index(report.FOCUSColumns(), column)
	if i < 0 {
		t.Fatalf("no FOCUS column %s", column)
	}
	return r.Record()[i]
}

func TestFOCUSSkuIDIsStable(t *testing.T) {
	// Tier, context window and region change the price, not the SKU, and
	// the description is only a fallback.
	a := report.FOCUSRow{Model: "claude-haiku-4-5", CostType: admin.CostTypeTokens, TokenType: admin.TokenTypeOutput, Description: "Claude Haiku 4.5 Usage - Output Tokens"}
	b := a
	b.Description = "Claude Haiku 4.5 Usage - Output Tokens (Batch)"
	if cell(t, a, "SkuId") != cell(t, b, "SkuId") || cell(t, a, "SkuId") != "claude-haiku-4-5/output_tokens" {
		t.Errorf("SkuId %q and %q", cell(t, a, "SkuId"), cell(t, b, "SkuId"))
	}
	if got := cell(t, report.FOCUSRow{Description: "Claude Sonnet 4 Usage - Input Tokens"}, "SkuId"); got != "claude-sonnet-4-usage-input-tokens" {
		t.Errorf("SkuId from a description = %q", got)
	}
	// Without a description, the charge is described from what is known.
	if got := cell(t, report.FOCUSRow{CostType: admin.CostTypeTokens}, "ChargeDescription"); got != "Claude API Tokens" {
		t.Errorf("ChargeDescription = %q", got)
	}
}

func TestFOCUSColumnsAreACopy(t *testing.T) {
	cols := report.FOCUSColumns()
	if len(cols) != 27 || cols[0] != "BilledCost" || cols[26] != "x_TokenType" {
		t.Fatalf("columns %v", cols)
	}
	cols[0] = "changed"
	if report.FOCUSColumns()[0] != "BilledCost" || len(report.FOCUSRow{}.Record()) != len(cols) {
		t.Error("changing the returned columns changed the package's")
	}
}

// tokenDays is the daily usage report grouped by TokenIndexGroupBy: two
// prices in Production on the first day, one in the default workspace on
// the second.
const tokenDays = `[
 {"starting_at":"2025-08-01T00:00:00Z","ending_at":"2025-08-02T00:00:00Z","results":[
  {"workspace_id":"wrkspc_prod","model":"claude-sonnet-4-6","service_tier":"standard","context_window":"0-200k","inference_geo":"global",
   "uncached_input_tokens":1000,"cache_creation":{"ephemeral_5m_input_tokens":50,"ephemeral_1h_input_tokens":7},"cache_read_input_tokens":300,"output_tokens":200,"server_tool_use":{"web_search_requests":3}},
  {"workspace_id":"wrkspc_prod","model":"claude-sonnet-4-6","service_tier":"batch","context_window":"0-200k","inference_geo":"global",
   "uncached_input_tokens":40,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"cache_read_input_tokens":0,"output_tokens":4,"server_tool_use":{"web_search_requests":0}}
 ]},
 {"starting_at":"2025-08-02T00:00:00Z","ending_at":"2025-08-03T00:00:00Z","results":[
  {"workspace_id":null,"model":"claude-haiku-4-5","service_tier":"standard","context_window":"0-200k","inference_geo":"global",
   "uncached_input_tokens":9,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"cache_read_input_tokens":0,"output_tokens":1,"server_tool_use":{"web_search_requests":0}}
 ]}
]`

func TestFOCUSExportRows(t *testing.T) {
	idx := report.NewTokenIndex()
	for _, b := range decodeBuckets[admin.UsageResult](t, tokenDays) {
		if err := idx.Add(b); err != nil {
			t.Fatal(err)
		}
	}
	names := map[string]string{"wrkspc_prod": "Production"}
	asked := map[string]int{}
	export := report.FOCUSExport{AccountID: "org_01", AccountName: "Acme", Tokens: idx,
		WorkspaceName: func(id string) string { asked[id]++; return names[id] }}
	day := decodeBuckets[admin.CostResult](t, `[
 {"starting_at":"2025-08-01T00:00:00Z","ending_at":"2025-08-02T00:00:00Z","results":[
  {"amount":"300","currency":"USD","workspace_id":"wrkspc_prod","description":"d","model":"claude-sonnet-4-6","cost_type":"tokens","token_type":"uncached_input_tokens","service_tier":"standard","context_window":"0-200k","inference_geo":"global"},
  {"amount":"1.5","currency":"USD","workspace_id":"wrkspc_prod","description":"d","model":"claude-sonnet-4-6","cost_type":"tokens","token_type":"cache_creation.ephemeral_1h_input_tokens","service_tier":"standard","context_window":"0-200k","inference_geo":"global"},
  {"amount":"2","currency":"USD","workspace_id":"wrkspc_prod","description":"d","model":"claude-sonnet-4-6","cost_type":"tokens","token_type":"output_tokens","service_tier":"batch","context_window":"0-200k","inference_geo":"global"},
  {"amount":"3","currency":"USD","workspace_id":"wrkspc_prod","description":"d","model":"claude-sonnet-4-6","cost_type":"tokens","token_type":"output_tokens","service_tier":"batch","context_window":"0-200k","inference_geo":"global"},
  {"amount":"1","currency":"USD","workspace_id":"wrkspc_prod","description":"d","model":"claude-sonnet-4-6","cost_type":"web_search","token_type":null,"service_tier":"standard","context_window":"0-200k","inference_geo":"global"},
  {"amount":"4","currency":"USD","workspace_id":"wrkspc_prod","description":"d","model":"claude-opus-4-6","cost_type":"tokens","token_type":"output_tokens","service_tier":"standard","context_window":"0-200k","inference_geo":"global"}
 ]},
 {"starting_at":"2025-08-02T00:00:00Z","ending_at":"2025-08-03T00:00:00Z","results":[
  {"amount":"0.9","workspace_id":null,"description":"d","model":"claude-haiku-4-5","cost_type":"tokens","token_type":"uncached_input_tokens","service_tier":"standard","context_window":"0-200k","inference_geo":"global"}
 ]}
]`)
	type row struct{ quantity, resourceID, resourceName, billed, currency, account, start string }
	var got []row
	for _, b := range day {
		for _, r := range export.Rows(b) {
			got = append(got, row{cell(t, r, "ConsumedQuantity"), cell(t, r, "ResourceId"), cell(t, r, "ResourceName"),
				cell(t, r, "BilledCost"), cell(t, r, "BillingCurrency"), cell(t, r, "BillingAccountName"), cell(t, r, "ChargePeriodStart")})
		}
	}
	want := []row{
		{"1000", "wrkspc_prod", "Production", "3", "USD", "Acme", "2025-08-01T00:00:00Z"},  // uncached input at its price
		{"7", "wrkspc_prod", "Production", "0.015", "USD", "Acme", "2025-08-01T00:00:00Z"}, // 1-hour cache writes
		{"", "wrkspc_prod", "Production", "0.02", "USD", "Acme", "2025-08-01T00:00:00Z"},   // two lines of batch output: ambiguous
		{"", "wrkspc_prod", "Production", "0.03", "USD", "Acme", "2025-08-01T00:00:00Z"},
		{"", "wrkspc_prod", "Production", "0.01", "USD", "Acme", "2025-08-01T00:00:00Z"}, // not tokens
		{"", "wrkspc_prod", "Production", "0.04", "USD", "Acme", "2025-08-01T00:00:00Z"}, // no usage at that price
		{"9", "default", "Default", "0.009", "USD", "Acme", "2025-08-02T00:00:00Z"},      // the default workspace, the next day
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows:\n%v\nwant\n%v", got, want)
	}
	if asked[""] != 0 || asked["wrkspc_prod"] != 6 {
		t.Errorf("WorkspaceName asked %v", asked)
	}

	// Without an index or names, rows have neither.
	bare := report.FOCUSExport{AccountID: "org_01"}.Rows(day[0])
	if len(bare) != 6 || bare[0].Tokens != nil || bare[0].WorkspaceName != "" || cell(t, bare[0], "BillingAccountId") != "org_01" {
		t.Errorf("bare rows %+v", bare[0])
	}
}

func TestTokenIndex(t *testing.T) {
	idx := report.NewTokenIndex()
	days := decodeBuckets[admin.UsageResult](t, tokenDays)
	for _, b := range days {
		if err := idx.Add(b); err != nil {
			t.Fatal(err)
		}
	}
	first := days[0].StartingAt
	line := func(tokenType admin.TokenType, tier admin.ServiceTier) admin.CostResult {
		return admin.CostResult{WorkspaceID: "wrkspc_prod", Model: "claude-sonnet-4-6", TokenType: tokenType, ServiceTier: tier,
			ContextWindow: "0-200k", InferenceGeo: "global"}
	}
	tests := []struct {
		name string
		day  time.Time
		line admin.CostResult
		n    int64
		ok   bool
	}{
		{"uncached input", first, line(admin.TokenTypeUncachedInput, "standard"), 1000, true},
		{"output", first, line(admin.TokenTypeOutput, "standard"), 200, true},
		{"cache reads", first, line(admin.TokenTypeCacheReadInput, "standard"), 300, true},
		{"5-minute cache writes", first, line(admin.TokenTypeCacheCreation5mInput, "standard"), 50, true},
		{"1-hour cache writes", first, line(admin.TokenTypeCacheCreation1hInput, "standard"), 7, true},
		{"another tier", first, line(admin.TokenTypeUncachedInput, "batch"), 40, true},
		{"not tokens", first, line("", "standard"), 0, false},
		{"an unknown token type", first, line("future_tokens", "standard"), 0, false},
		{"another day", first.AddDate(0, 0, 1), line(admin.TokenTypeUncachedInput, "standard"), 0, false},
		{"a tier with no usage", first, line(admin.TokenTypeUncachedInput, "priority"), 0, false},
	}
	for _, tt := range tests {
		if n, ok := idx.Tokens(tt.day, tt.line); n != tt.n || ok != tt.ok {
			t.Errorf("%s: %d, %v; want %d, %v", tt.name, n, ok, tt.n, tt.ok)
		}
	}

	// A bucket of another width would match no daily cost line: refused,
	// and not counted.
	hourly := decodeBuckets[admin.UsageResult](t, strings.NewReplacer("2025-08-02T00:00:00Z", "2025-08-01T01:00:00Z").Replace(tokenDays))[0]
	if err := idx.Add(hourly); err == nil || !strings.Contains(err.Error(), "not one UTC day") {
		t.Errorf("an hourly bucket: err = %v", err)
	}
	if n, _ := idx.Tokens(first, line(admin.TokenTypeUncachedInput, "standard")); n != 1000 {
		t.Errorf("a refused bucket was counted: %d", n)
	}
}

func TestAnalyticsFOCUSRecord(t *testing.T) {
	amount := func(s string) admin.Amount {
		a, err := admin.ParseAmount(s)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	list := amount("250")
	row := report.FOCUSRow{Start: mustTime(t, "2026-11-19T00:00:00Z"), End: mustTime(t, "2026-11-20T00:00:00Z"),
		Amount: amount("200"), ListAmount: &list, Model: "claude-sonnet-4-6", CostType: admin.CostTypeTokens,
		TokenType: admin.TokenTypeOutput, Actor: &report.FOCUSActor{Type: admin.AnalyticsUserActor, ID: "user_1", Name: "a@example.com"}}
	cols, rec := report.AnalyticsFOCUSColumns(), row.AnalyticsRecord()
	if len(cols) != len(rec) || len(cols) != len(report.FOCUSColumns())+4 {
		t.Fatalf("%d columns, %d values", len(cols), len(rec))
	}
	got := map[string]string{}
	for i, c := range cols {
		got[c] = rec[i]
	}
	want := map[string]string{"BilledCost": "2", "EffectiveCost": "2", "ListCost": "2.5", "x_ActorType": "user_actor", "x_ActorId": "user_1", "x_ActorName": "a@example.com", "x_ModelId": "claude-sonnet-4-6"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	// Without list amount or actor: nulls, and Record is the cost report's.
	row.ListAmount, row.Actor = nil, nil
	rec = row.AnalyticsRecord()
	if rec[slices.Index(cols, "ListCost")] != "" || rec[len(rec)-3] != "" || len(row.Record()) != len(report.FOCUSColumns()) {
		t.Errorf("record = %v", rec)
	}
}
