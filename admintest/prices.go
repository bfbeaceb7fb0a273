package admintest

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
)

// ModelPrice is what the fake charges for a model's tokens, in US dollars per
// million tokens, written as exact decimals ("3", "0.30", "3.75").
type ModelPrice struct {
	Model        string // model ID, e.g. "claude-sonnet-4-6"
	Name         string // name used in cost descriptions, e.g. "Claude Sonnet 4.6"
	Input        string // uncached input tokens
	Output       string // output tokens
	CacheRead    string // cache read input tokens
	CacheWrite5m string // cache writes with the 5 minute lifetime
	CacheWrite1h string // cache writes with the 1 hour lifetime
}

// priceTable is the one price list every report is derived from.
var priceTable = []ModelPrice{
	{"claude-opus-4-6", "Claude Opus 4.6", "5", "25", "0.50", "6.25", "10"},
	{"claude-opus-4-5", "Claude Opus 4.5", "5", "25", "0.50", "6.25", "10"},
	{"claude-sonnet-4-6", "Claude Sonnet 4.6", "3", "15", "0.30", "3.75", "6"},
	{"claude-sonnet-4-5", "Claude Sonnet 4.5", "3", "15", "0.30", "3.75", "6"},
	{"claude-haiku-4-5", "Claude Haiku 4.5", "1", "5", "0.10", "1.25", "2"},
}

// Price returns the fake's list price for a model, and whether it knows the
// model. The cost report and the Claude Code report's estimated costs are
// computed from the usage with these prices, adjusted per token:
//
//   - service tier "batch": every rate halved;
//   - context window "200k-1M": input-side rates (uncached, cache read and
//     cache writes) doubled, output ×1.5;
//   - inference geo "us": ×1.1;
//   - speed "fast": ×6.
//
// Web searches cost $10 per 1,000 and code execution $0.0504 per
// container-hour, billed by the second. Usage in the priority tiers is not
// billed in the cost report. Claude Code's estimated_cost prices
// cache_creation tokens as 5 minute cache writes and rounds the total to the
// nearest cent (halves up).
func Price(model string) (ModelPrice, bool) {
	i := slices.IndexFunc(priceTable, func(p ModelPrice) bool { return p.Model == model })
	if i < 0 {
		return ModelPrice{}, false
	}
	return priceTable[i], true
}

// Token counters, in the order of tokenTypes.
const (
	tUncached = iota
	tCache5m
	tCache1h
	tCacheRead
	tOutput
	numTokenTypes
)

// tokenTypes are the cost report's token_type values, indexed like the
// counters.
var tokenTypes = [numTokenTypes]string{
	"uncached_input_tokens",
	"cache_creation.ephemeral_5m_input_tokens",
	"cache_creation.ephemeral_1h_input_tokens",
	"cache_read_input_tokens",
	"output_tokens",
}

// tokenLabels name the token types in cost descriptions.
var tokenLabels = [numTokenTypes]string{"Input Tokens", "Cache Write (5m) Tokens", "Cache Write (1h) Tokens", "Cache Read Tokens", "Output Tokens"}

// Amounts are summed in femtocents (10⁻¹⁵ cent). Every rate below, with
// every adjustment, is a whole number of them, so a sum of counts × rates
// is an exact integer.
const femtoPerCent = 1_000_000_000_000_000

// Non-token prices in femtocents per unit.
const (
	webSearchFemto  = femtoPerCent               // $10 per 1,000 searches
	codeSecondFemto = 14 * femtoPerCent / 10_000 // $0.0504 per hour
)

// modelRates are the table's rates in femtocents per token, indexed like
// tokenTypes, parsed once.
var modelRates = func() map[string][numTokenTypes]int64 {
	// dollars per million tokens × 100 cents × 10¹⁵ / 10⁶ = ×10¹¹
	scale := new(big.Rat).SetInt64(100_000_000_000)
	out := map[string][numTokenTypes]int64{}
	for _, p := range priceTable {
		var r [numTokenTypes]int64
		for i, s := range [numTokenTypes]string{p.Input, p.CacheWrite5m, p.CacheWrite1h, p.CacheRead, p.Output} {
			x, ok := new(big.Rat).SetString(s)
			if x = x.Mul(x, scale); !ok || !x.IsInt() {
				panic("admintest: price " + s + " is not a whole number of femtocents")
			}
			r[i] = x.Num().Int64()
		}
		out[p.Model] = r
	}
	return out
}()

// tokenRate is the price of one token of a kind, in femtocents, after the
// adjustments documented on Price; 0 for a model the table lacks. The
// smallest rate has ten zeros to spare, so the divisions are exact.
func tokenRate(model string, tokenType int, tier, window, geo, speed string) int64 {
	r := modelRates[model][tokenType]
	if tier == "batch" {
		r /= 2
	}
	if window == "200k-1M" {
		if tokenType == tOutput {
			r = r * 3 / 2
		} else {
			r *= 2
		}
	}
	if geo == "us" {
		r = r * 11 / 10
	}
	if speed == "fast" {
		r *= 6
	}
	return r
}

// addCost adds n units at rate femtocents each to sum.
func addCost(sum *big.Int, n, rate int64) {
	var x big.Int
	sum.Add(sum, x.Mul(x.SetInt64(n), big.NewInt(rate)))
}

// decimal writes an amount of femtocents as an exact decimal number of
// cents, with only the fractional digits it needs.
func decimal(femto *big.Int) string {
	q, r := new(big.Int).QuoRem(femto, big.NewInt(femtoPerCent), new(big.Int))
	frac := strings.TrimRight(fmt.Sprintf("%015d", r), "0")
	if frac == "" {
		return q.String()
	}
	return q.String() + "." + frac
}

// roundCents rounds an amount of femtocents to the nearest cent, halves up.
func roundCents(femto *big.Int) int64 {
	x := new(big.Int).Add(femto, big.NewInt(femtoPerCent/2))
	return x.Quo(x, big.NewInt(femtoPerCent)).Int64()
}

// costDescription names a token cost row the way the cost report does, with
// the qualifiers that set its price.
func costDescription(model string, tokenType int, tier, window, geo string) string {
	name := model
	if p, ok := Price(model); ok {
		name = p.Name
	}
	var qual []string
	if tier == "batch" {
		qual = append(qual, "Batch")
	}
	if window == "200k-1M" {
		qual = append(qual, "Long Context")
	}
	if geo == "us" {
		qual = append(qual, "US Inference")
	}
	d := name + " Usage - " + tokenLabels[tokenType]
	if len(qual) > 0 {
		d += " (" + strings.Join(qual, ", ") + ")"
	}
	return d
}
