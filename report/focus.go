package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// FOCUS export: cost rows in the FinOps Open Cost and Usage Specification
// (FOCUS 1.2 column names), so FinOps tools can load Claude API spend beside
// cloud bills. Columns whose values the Admin API cannot supply truthfully
// (ListCost and ContractedCost, which need list prices; BillingPeriod*,
// which needs the invoice calendar) are left out rather than guessed; the
// export of analytics rows (focus_analytics.go) has ListCost, since those
// rows carry list_amount.

// FOCUSRow is one line of the cost report as a FOCUS row: one day's cost
// of one kind in one workspace. Record gives its FOCUS values.
type FOCUSRow struct {
	Start, End    time.Time    // the cost report bucket: ChargePeriodStart and ChargePeriodEnd
	Amount        admin.Amount // in minor units (cents) of Currency; BilledCost and EffectiveCost are it in major units
	Currency      string       // ISO 4217; "" is USD, the only currency the API reports
	AccountID     string       // the organization, FOCUS's billing account
	AccountName   string
	WorkspaceID   string // "" for the default workspace
	WorkspaceName string
	Description   string // as the API wrote it, e.g. "Claude Sonnet 4 Usage - Input Tokens"
	Model         string
	CostType      admin.CostType
	TokenType     admin.TokenType
	Tokens        *int64 // the tokens the amount is for, when known: ConsumedQuantity
	// ListAmount (cents) and Actor are known only from the analytics API;
	// AnalyticsRecord writes them (ListCost, x_Actor*), Record does not.
	ListAmount *admin.Amount
	Actor      *FOCUSActor
}

// focusColumns are the FOCUS column IDs in the order written; x_ columns are
// this export's own, as FOCUS names custom columns.
var focusColumns = []string{
	"BilledCost", "EffectiveCost", "BillingCurrency",
	"BillingAccountId", "BillingAccountName",
	"ChargePeriodStart", "ChargePeriodEnd",
	"ChargeCategory", "ChargeClass", "ChargeFrequency", "ChargeDescription",
	"ProviderName", "PublisherName", "InvoiceIssuerName",
	"ServiceName", "ServiceCategory", "ServiceSubcategory",
	"ResourceId", "ResourceName", "ResourceType",
	"SkuId", "SkuMeter",
	"ConsumedQuantity", "ConsumedUnit",
	"x_ModelId", "x_CostType", "x_TokenType",
}

// FOCUSColumns returns the FOCUS column IDs, in the order of the values
// of FOCUSRow.Record: a CSV file's header. The x_ columns are this
// export's own, as FOCUS names custom columns.
func FOCUSColumns() []string { return slices.Clone(focusColumns) }

// FOCUS names for the default workspace, which the reports leave without ID.
const (
	defaultWorkspaceID   = "default"
	defaultWorkspaceName = "Default"
)

// Record is the row's values in FOCUSColumns order; "" is FOCUS's null.
func (r FOCUSRow) Record() []string {
	// The API's amounts carry no discounts or amortized commitments that it
	// reports apart, so what was billed is also the effective cost: in
	// major units exactly, every digit the API sent kept.
	cost, _ := RatioOf(r.Amount.Dollars()).Decimal() // cents / 100 always ends in decimal
	resourceID, resourceName := r.WorkspaceID, r.WorkspaceName
	if resourceID == "" {
		resourceID, resourceName = defaultWorkspaceID, defaultWorkspaceName
	}
	var quantity, unit string
	if r.Tokens != nil && (r.CostType == admin.CostTypeTokens || r.TokenType != "") {
		quantity, unit = strconv.FormatInt(*r.Tokens, 10), "Tokens"
	}
	return []string{
		cost, cost, cmp.Or(r.Currency, "USD"),
		r.AccountID, r.AccountName,
		focusTime(r.Start), focusTime(r.End),
		"Usage", "", "Usage-Based", r.chargeDescription(),
		"Anthropic", "Anthropic", "Anthropic",
		"Claude API", "AI and Machine Learning", "Generative AI",
		resourceID, resourceName, "Workspace",
		r.skuID(), r.skuMeter(),
		quantity, unit,
		r.Model, string(r.CostType), string(r.TokenType),
	}
}

// focusTime is FOCUS's date/time format: ISO 8601 in UTC, to the second.
func focusTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// skuID names what was bought, apart from how it was priced: a model's
// tokens of one type are one SKU whatever the tier, context window or
// region, since FOCUS keeps a SKU the same across such price differences.
// Without the parsed fields (a report not grouped by description) the
// description stands in, made into an ID.
func (r FOCUSRow) skuID() string {
	switch {
	case r.Model != "" && r.TokenType != "":
		return r.Model + "/" + string(r.TokenType)
	case r.CostType != "" && r.CostType != admin.CostTypeTokens:
		return string(r.CostType)
	case r.Description != "":
		return slug(r.Description)
	}
	return string(r.CostType)
}

// skuMeter says what the SKU measures, in words.
func (r FOCUSRow) skuMeter() string {
	if r.TokenType != "" {
		if m, ok := tokenMeters[r.TokenType]; ok {
			return m
		}
		return string(r.TokenType)
	}
	if m, ok := costMeters[r.CostType]; ok {
		return m
	}
	return string(r.CostType)
}

var tokenMeters = map[admin.TokenType]string{
	admin.TokenTypeUncachedInput:        "Input Tokens",
	admin.TokenTypeOutput:               "Output Tokens",
	admin.TokenTypeCacheReadInput:       "Cache Read Input Tokens",
	admin.TokenTypeCacheCreation5mInput: "Cache Write Input Tokens (5 minutes)",
	admin.TokenTypeCacheCreation1hInput: "Cache Write Input Tokens (1 hour)",
}

var costMeters = map[admin.CostType]string{
	admin.CostTypeTokens:        "Tokens",
	admin.CostTypeWebSearch:     "Web Searches",
	admin.CostTypeCodeExecution: "Code Execution",
	admin.CostTypeSessionUsage:  "Session Usage",
}

// chargeDescription is the API's description, or one made from what is
// known when the report was not grouped by description.
func (r FOCUSRow) chargeDescription() string {
	if r.Description != "" {
		return r.Description
	}
	meter := r.skuMeter()
	if meter == "" {
		return "Claude API usage"
	}
	parts := []string{"Claude API", r.Model, meter}
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), " ")
}

// slug makes text an ID: lower case letters and digits, runs of anything
// else turned into one '-'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// FOCUSExport maps the cost report to FOCUS rows bucket by bucket, so a
// range of any length is exported as it is fetched. Fetch the report
// grouped by workspace_id and description: the description fills the
// model, token type and the other fields FOCUS columns are made of.
type FOCUSExport struct {
	// AccountID and AccountName are the organization's, FOCUS's billing
	// account.
	AccountID, AccountName string
	// WorkspaceName names a workspace by ID for ResourceName; nil leaves
	// the names empty. It is not asked about the default workspace, which
	// FOCUS rows call Default.
	WorkspaceName func(id string) string
	// Tokens, when not nil, gives each line of tokens the tokens it is for
	// (ConsumedQuantity), when the index tells them apart.
	Tokens *TokenIndex
}

// Rows is a FOCUS row for every line of one bucket of the cost report. Two
// lines of a day that cost the same kind of token at the same price (the
// usage report cannot tell their tokens apart) get no quantity, rather than
// each claiming all of them.
func (e FOCUSExport) Rows(b admin.CostBucket) []FOCUSRow {
	lines := map[tokenKey]int{}
	for _, r := range b.Results {
		lines[tokenKeyOf(b.StartingAt, r)]++
	}
	rows := make([]FOCUSRow, len(b.Results))
	for i, r := range b.Results {
		row := FOCUSRow{Start: b.StartingAt, End: b.EndingAt, Amount: r.Amount, Currency: r.Currency,
			AccountID: e.AccountID, AccountName: e.AccountName, WorkspaceID: r.WorkspaceID, Description: r.Description,
			Model: r.Model, CostType: r.CostType, TokenType: r.TokenType}
		if r.WorkspaceID != "" && e.WorkspaceName != nil {
			row.WorkspaceName = e.WorkspaceName(r.WorkspaceID)
		}
		if e.Tokens != nil && lines[tokenKeyOf(b.StartingAt, r)] == 1 {
			if n, ok := e.Tokens.Tokens(b.StartingAt, r); ok {
				row.Tokens = &n
			}
		}
		rows[i] = row
	}
	return rows
}

// TokenIndex is the daily Messages usage report's token counts by day and
// by everything that sets a token's price (workspace, model, service tier,
// context window, inference geo), so that a line of the cost report can be
// given the tokens it is for. It keeps one UsageCounts per day and price,
// never the buckets.
type TokenIndex struct {
	counts map[tokenKey]UsageCounts
}

// tokenKey is what sets the price of a token: the day, workspace, model,
// tier, context window, geography and token type.
type tokenKey struct {
	day                                 int64
	workspace, model, tier, window, geo string
	tokenType                           admin.TokenType
}

func tokenKeyOf(day time.Time, r admin.CostResult) tokenKey {
	return tokenKey{day.Unix(), r.WorkspaceID, r.Model, string(r.ServiceTier), string(r.ContextWindow), string(r.InferenceGeo), r.TokenType}
}

// NewTokenIndex starts an empty index.
func NewTokenIndex() *TokenIndex { return &TokenIndex{counts: map[tokenKey]UsageCounts{}} }

// TokenIndexGroupBy is the grouping of the usage report that a TokenIndex
// needs: every dimension of a token's price.
func TokenIndexGroupBy() []admin.UsageGroupBy {
	return []admin.UsageGroupBy{admin.UsageGroupByWorkspaceID, admin.UsageGroupByModel, admin.UsageGroupByServiceTier,
		admin.UsageGroupByContextWindow, admin.UsageGroupByInferenceGeo}
}

// Add counts in one bucket of the daily usage report grouped by
// TokenIndexGroupBy, in any order. A bucket that is not one UTC day is an
// error and is not counted: cost lines are daily.
func (x *TokenIndex) Add(b admin.UsageBucket) error {
	if b.EndingAt.Sub(b.StartingAt) != 24*time.Hour || !b.StartingAt.Equal(startOfDay(b.StartingAt)) {
		return fmt.Errorf("report: a bucket from %s to %s is not one UTC day: the token index needs the daily usage report", stamp(b.StartingAt), stamp(b.EndingAt))
	}
	for _, r := range b.Results {
		k := tokenKey{b.StartingAt.Unix(), r.WorkspaceID, r.Model, string(r.ServiceTier), string(r.ContextWindow), string(r.InferenceGeo), ""}
		x.counts[k] = x.counts[k].Add(CountsOf(r))
	}
	return nil
}

// Tokens is how many tokens the cost line r of the day starting at day is
// for: the usage of its token type at its price that day. ok is false when
// the line is not for tokens of a known type or the index has no usage at
// its price.
func (x *TokenIndex) Tokens(day time.Time, r admin.CostResult) (n int64, ok bool) {
	k := tokenKeyOf(day, r)
	k.tokenType = ""
	c, ok := x.counts[k]
	if !ok {
		return 0, false
	}
	switch r.TokenType {
	case admin.TokenTypeUncachedInput:
		return c.UncachedInputTokens, true
	case admin.TokenTypeOutput:
		return c.OutputTokens, true
	case admin.TokenTypeCacheReadInput:
		return c.CacheReadTokens, true
	case admin.TokenTypeCacheCreation5mInput:
		return c.CacheCreation5mTokens, true
	case admin.TokenTypeCacheCreation1hInput:
		return c.CacheCreation1hTokens, true
	}
	return 0, false
}
