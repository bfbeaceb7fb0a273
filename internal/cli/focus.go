package cli

import (
	"encoding/csv"
	"io"
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
// which needs the invoice calendar) are left out rather than guessed.

// focusRow is one line of the cost report: one day's cost of one kind in
// one workspace.
type focusRow struct {
	start, end     time.Time    // the cost report bucket
	amount         admin.Amount // in minor units (cents) of currency
	currency       string       // ISO 4217; "USD" when empty, the only currency the API reports
	orgID, orgName string       // the organization, FOCUS's billing account
	workspaceID    string       // "" for the default workspace
	workspaceName  string
	description    string // as the API wrote it, e.g. "Claude Sonnet 4 Usage - Input Tokens"
	model          string
	costType       admin.CostType
	tokenType      admin.TokenType
	tokens         *int64 // the tokens the amount is for, when known
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

// FOCUS names for the default workspace, which the reports leave without ID.
const (
	defaultWorkspaceID   = "default"
	defaultWorkspaceName = "Default"
)

// writeFOCUS writes rows as a FOCUS CSV file with a header line.
func writeFOCUS(w io.Writer, rows []focusRow) error {
	fw := newFOCUSWriter(w, false)
	for _, r := range rows {
		fw.write(r)
	}
	return fw.close()
}

// focusWriter writes a FOCUS CSV file a row at a time: the header first,
// then each row as it comes.
// Text cells are neutralised for spreadsheets (csvText) unless raw.
type focusWriter struct {
	cw  *csv.Writer
	raw bool
}

func newFOCUSWriter(w io.Writer, raw bool) focusWriter {
	fw := focusWriter{csv.NewWriter(w), raw}
	fw.cw.Write(focusColumns)
	return fw
}

func (fw focusWriter) write(r focusRow) {
	rec := r.record()
	if !fw.raw {
		for i, c := range rec {
			rec[i] = csvText(c)
		}
	}
	fw.cw.Write(rec)
}

// close flushes what is written and returns the first error writing it.
func (fw focusWriter) close() error {
	fw.cw.Flush()
	return fw.cw.Error()
}

// record is the row's values in focusColumns order; "" is FOCUS's null.
func (r focusRow) record() []string {
	// The API's amounts carry no discounts or amortized commitments that it
	// reports apart, so what was billed is also the effective cost: dollars
	// exactly, every digit the API sent kept.
	cost := decimalString(r.amount.Dollars())
	resourceID, resourceName := r.workspaceID, r.workspaceName
	if resourceID == "" {
		resourceID, resourceName = defaultWorkspaceID, defaultWorkspaceName
	}
	var quantity, unit string
	if r.tokens != nil && (r.costType == admin.CostTypeTokens || r.tokenType != "") {
		quantity, unit = strconv.FormatInt(*r.tokens, 10), "Tokens"
	}
	return []string{
		cost, cost, firstNonEmpty(r.currency, "USD"),
		r.orgID, r.orgName,
		focusTime(r.start), focusTime(r.end),
		"Usage", "", "Usage-Based", r.chargeDescription(),
		"Anthropic", "Anthropic", "Anthropic",
		"Claude API", "AI and Machine Learning", "Generative AI",
		resourceID, resourceName, "Workspace",
		r.skuID(), r.skuMeter(),
		quantity, unit,
		r.model, string(r.costType), string(r.tokenType),
	}
}

// focusTime is FOCUS's date/time format: ISO 8601 in UTC, to the second.
func focusTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// skuID names what was bought, apart from how it was priced: a model's
// tokens of one type are one SKU whatever the tier, context window or
// region, since FOCUS keeps a SKU the same across such price differences.
// Without the parsed fields (a report not grouped by description) the
// description stands in, made into an ID.
func (r focusRow) skuID() string {
	switch {
	case r.model != "" && r.tokenType != "":
		return r.model + "/" + string(r.tokenType)
	case r.costType != "" && r.costType != admin.CostTypeTokens:
		return string(r.costType)
	case r.description != "":
		return slug(r.description)
	}
	return string(r.costType)
}

// skuMeter says what the SKU measures, in words.
func (r focusRow) skuMeter() string {
	if r.tokenType != "" {
		if m, ok := tokenMeters[r.tokenType]; ok {
			return m
		}
		return string(r.tokenType)
	}
	if m, ok := costMeters[r.costType]; ok {
		return m
	}
	return string(r.costType)
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
func (r focusRow) chargeDescription() string {
	if r.description != "" {
		return r.description
	}
	meter := r.skuMeter()
	if meter == "" {
		return "Claude API usage"
	}
	parts := []string{"Claude API", r.model, meter}
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
