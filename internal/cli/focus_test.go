package cli

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

func TestWriteFOCUS(t *testing.T) {
	day := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	next := day.AddDate(0, 0, 1)
	tokens := int64(24_757_824)
	berlin := time.FixedZone("CEST", 2*60*60)
	rows := []focusRow{
		{ // the cost report's example line, with the token count joined from the usage report
			start: day, end: next, amount: admin.MustParseAmount("123.78912"), currency: "USD",
			orgID: "org_01Abc", orgName: "Acme Robotics", workspaceID: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", workspaceName: "Production",
			description: "Claude Sonnet 4 Usage - Input Tokens", model: "claude-opus-4-6",
			costType: admin.CostTypeTokens, tokenType: admin.TokenTypeUncachedInput, tokens: &tokens,
		},
		{ // web search in the default workspace; times given in another zone
			start: day.In(berlin), end: next.In(berlin), amount: admin.MustParseAmount("1500"), currency: "USD",
			orgID: "org_01Abc", orgName: "Acme Robotics",
			description: "Web Search Usage", costType: admin.CostTypeWebSearch,
		},
		{ // a cache write with no token count: the quantity stays null
			start: day, end: next, amount: admin.MustParseAmount("-0.5"), currency: "USD",
			orgID: "org_01Abc", orgName: "Acme Robotics", workspaceID: "wrkspc_02", workspaceName: `Team "A", EU`,
			description: "Claude Sonnet 4.6 Usage - Cache Write (1h) Tokens", model: "claude-sonnet-4-6",
			costType: admin.CostTypeTokens, tokenType: admin.TokenTypeCacheCreation1hInput,
		},
		{ // a report grouped by workspace only: no description, no parsed fields
			start: day, end: next, amount: admin.MustParseAmount("0.1"), orgID: "org_01Abc", orgName: "Acme Robotics",
		},
		{ // grouped by description, a description the CLI does not parse further
			start: day, end: next, amount: admin.MustParseAmount("17198.23758"), currency: "USD",
			orgID: "org_01Abc", orgName: "Acme Robotics", workspaceID: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", workspaceName: "Production",
			description: "Claude Agent Sessions - Hours", costType: "agent_hours",
		},
	}
	var buf bytes.Buffer
	if err := writeFOCUS(&buf, rows); err != nil {
		t.Fatal(err)
	}
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
	records, err := csv.NewReader(&buf).ReadAll()
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

func TestFOCUSSkuIDIsStable(t *testing.T) {
	// Tier, context window and region change the price, not the SKU, and
	// the description is only a fallback.
	a := focusRow{model: "claude-haiku-4-5", costType: admin.CostTypeTokens, tokenType: admin.TokenTypeOutput, description: "Claude Haiku 4.5 Usage - Output Tokens"}
	b := a
	b.description = "Claude Haiku 4.5 Usage - Output Tokens (Batch)"
	if a.skuID() != b.skuID() || a.skuID() != "claude-haiku-4-5/output_tokens" {
		t.Errorf("SkuId %q and %q", a.skuID(), b.skuID())
	}
	if got := (focusRow{description: "Claude Sonnet 4 Usage - Input Tokens"}).skuID(); got != "claude-sonnet-4-usage-input-tokens" {
		t.Errorf("SkuId from a description = %q", got)
	}
	// Without a description, the charge is described from what is known.
	if got := (focusRow{costType: admin.CostTypeTokens}).chargeDescription(); got != "Claude API Tokens" {
		t.Errorf("ChargeDescription = %q", got)
	}
}

func TestWriteFOCUSEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := writeFOCUS(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != strings.Join(focusColumns, ",")+"\n" {
		t.Errorf("no rows gives %q, want the header only", got)
	}
}
