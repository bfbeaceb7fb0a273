package admin

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Amount is an exact decimal number of minor currency units: cents, for the
// USD the API reports in. The cost report sends amounts as decimal strings
// ("123.78912" is 123.78912 cents, about $1.24) and the Claude Code report as
// JSON integers; Amount holds either without ever going through a float, so
// sums of many small amounts stay exact.
//
// The zero Amount is 0. Amounts are immutable values. Compare them with Cmp,
// not ==: "1.50" and "1.5" are the same amount written differently, and the
// compiler refuses == on Amount for that reason.
type Amount struct {
	_    [0]func() // makes == a compile error; see Cmp
	text string    // valid decimal text as received; "" is zero
}

// maxAmountText bounds the text of one amount, and maxAmountExponent the
// exponent a JSON number may carry, so a hostile or broken response cannot
// make one amount cost unbounded memory or time. Real amounts are far
// smaller.
const (
	maxAmountText     = 1000
	maxAmountExponent = 1000
)

// ParseAmount reads a decimal number of minor units: digits with an optional
// leading '-' and an optional fraction, such as "123.78912", "1500" or
// "-0.1". Exponents, signs other than a leading '-', spaces and anything else
// are refused.
func ParseAmount(s string) (Amount, error) {
	return parseAmount(s, false)
}

// MustParseAmount is ParseAmount for constants known to be valid; it panics
// on bad input.
func MustParseAmount(s string) Amount {
	a, err := ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

func parseAmount(s string, allowExponent bool) (Amount, error) {
	if _, err := parseDecimal(s, allowExponent); err != nil {
		return Amount{}, fmt.Errorf("admin: amount %q: %w", truncate(s, 40), err)
	}
	return Amount{text: s}, nil
}

// String returns the amount exactly as it was received or computed, in minor
// units; "0" for the zero Amount.
func (a Amount) String() string {
	if a.text == "" {
		return "0"
	}
	return a.text
}

// Cents returns the amount in minor units as a new big.Rat, which the caller
// may change freely.
func (a Amount) Cents() *big.Rat {
	d := a.decimal()
	return new(big.Rat).SetFrac(d.unscaled, pow10(d.scale))
}

// Dollars returns the amount in major units (cents / 100) as a new big.Rat.
func (a Amount) Dollars() *big.Rat {
	return new(big.Rat).Quo(a.Cents(), big.NewRat(100, 1))
}

// DollarString formats the amount in major units (cents / 100) with exactly
// places digits after the point, rounding half away from zero: "123.78912"
// gives "1.24" with 2 places, "0.5" gives "0.01" and "-0.5" gives "-0.01". An
// amount that rounds to zero prints without a sign. Negative places count as
// 0. It assumes 100 minor units per major unit, which holds for USD.
func (a Amount) DollarString(places int) string {
	d := a.decimal()
	d.scale += 2
	return d.round(max(places, 0)).String()
}

// Add returns a + b, exactly. The result keeps the longer of the two
// fractions: "1.50" + "1" is "2.50".
func (a Amount) Add(b Amount) Amount { return Sum(a, b) }

// Sum returns the exact total of amounts; 0 for none.
func Sum(amounts ...Amount) Amount {
	total := decimal{unscaled: new(big.Int)}
	for _, a := range amounts {
		x, y, scale := align(total, a.decimal())
		total = decimal{unscaled: x.Add(x, y), scale: scale}
	}
	return Amount{text: total.String()}
}

// Cmp compares amounts by value: -1 if a < b, 0 if equal, +1 if a > b.
func (a Amount) Cmp(b Amount) int {
	x, y, _ := align(a.decimal(), b.decimal())
	return x.Cmp(y)
}

// IsZero reports whether the amount is zero ("0", "-0.000" and the zero
// Amount all are).
func (a Amount) IsZero() bool { return a.decimal().unscaled.Sign() == 0 }

// Sign returns -1, 0 or +1 for a negative, zero or positive amount.
func (a Amount) Sign() int { return a.decimal().unscaled.Sign() }

// MarshalJSON writes the amount as a JSON string of its text, the form the
// cost report uses, so a decoded report encodes back unchanged.
func (a Amount) MarshalJSON() ([]byte, error) {
	return []byte(strconv.Quote(a.String())), nil
}

// UnmarshalJSON reads a JSON string or a JSON number and keeps its exact
// text. It is more lenient than ParseAmount in one way: a number in exponent
// form ("1.86e2"), which some JSON encoders write, is accepted and computed
// exactly. JSON null leaves the amount unchanged.
func (a *Amount) UnmarshalJSON(data []byte) error {
	var s string
	switch {
	case string(data) == "null":
		return nil
	case len(data) > 0 && data[0] == '"':
		if err := unmarshal(data, &s); err != nil {
			return err
		}
	default:
		s = string(data)
	}
	v, err := parseAmount(s, true)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// MarshalText writes the amount's text, so Amount works with encoders and
// flag.TextVar.
func (a Amount) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads text with the rules of ParseAmount.
func (a *Amount) UnmarshalText(text []byte) error {
	v, err := ParseAmount(string(text))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// decimal is the value unscaled × 10^-scale, with scale ≥ 0.
type decimal struct {
	unscaled *big.Int
	scale    int
}

// decimal returns a's value. The text was checked when a was made, so it
// parses; exponents are allowed here since decoded amounts may carry one.
func (a Amount) decimal() decimal {
	d, err := parseDecimal(a.String(), true)
	if err != nil {
		panic("admin: Amount holds unchecked text " + strconv.Quote(a.text))
	}
	return d
}

// parseDecimal reads -?digits(.digits)? and, when allowed, an exponent
// [eE][+-]?digits.
func parseDecimal(s string, allowExponent bool) (decimal, error) {
	if len(s) > maxAmountText {
		return decimal{}, fmt.Errorf("longer than %d characters", maxAmountText)
	}
	mantissa, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		if !allowExponent {
			return decimal{}, fmt.Errorf("exponent notation is not accepted; write the number out")
		}
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e < -maxAmountExponent || e > maxAmountExponent {
			return decimal{}, fmt.Errorf("bad or too large exponent")
		}
		mantissa, exp = s[:i], e
	}
	digits, negative := strings.CutPrefix(mantissa, "-")
	whole, fraction, hasPoint := strings.Cut(digits, ".")
	if !allDigits(whole) || (hasPoint && !allDigits(fraction)) {
		return decimal{}, fmt.Errorf("not a decimal number (want digits, an optional leading '-' and an optional fraction)")
	}
	unscaled, _ := new(big.Int).SetString(whole+fraction, 10)
	if negative {
		unscaled.Neg(unscaled)
	}
	d := decimal{unscaled: unscaled, scale: len(fraction) - exp}
	if d.scale < 0 {
		d = decimal{unscaled: d.rescale(0), scale: 0}
	}
	return d, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// rescale returns d's unscaled value at another scale, exact when scale ≥
// d.scale (the callers' case) and truncated otherwise.
func (d decimal) rescale(scale int) *big.Int {
	if scale >= d.scale {
		return new(big.Int).Mul(d.unscaled, pow10(scale-d.scale))
	}
	return new(big.Int).Quo(d.unscaled, pow10(d.scale-scale))
}

// align returns a and b as unscaled values at their common (larger) scale.
func align(a, b decimal) (x, y *big.Int, scale int) {
	scale = max(a.scale, b.scale)
	return a.rescale(scale), b.rescale(scale), scale
}

// round returns d with places fraction digits, rounding half away from zero.
func (d decimal) round(places int) decimal {
	if places >= d.scale {
		return decimal{unscaled: d.rescale(places), scale: places}
	}
	return roundQuo(d.unscaled, pow10(d.scale), places)
}

// roundQuo returns num / den (den > 0) with places fraction digits, rounding
// half away from zero.
func roundQuo(num, den *big.Int, places int) decimal {
	scaled := new(big.Int).Mul(new(big.Int).Abs(num), pow10(places))
	q, r := scaled.QuoRem(scaled, den, new(big.Int))
	if r.Lsh(r, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if num.Sign() < 0 {
		q.Neg(q)
	}
	return decimal{unscaled: q, scale: places}
}

// ParseDollars reads an amount of dollars as a person writes it, such as a
// budget: "500", "1234.56", optionally with a leading "$" ("$99.90"). It
// returns the amount in cents, exactly: "1234.56" is 123456 cents. Thousands
// separators, exponents and other text are refused with an error wrapping
// ErrInvalidParam, rather than guessed at.
func ParseDollars(s string) (Amount, error) {
	text := strings.TrimPrefix(strings.TrimSpace(s), "$")
	d, err := parseDecimal(text, false)
	if err != nil {
		hint := ""
		if strings.Contains(text, ",") {
			hint = " (write it without thousands separators, with '.' before the cents: 1234.56)"
		}
		return Amount{}, invalidParam("dollar amount %q: %v%s", truncate(s, 40), err, hint)
	}
	d.scale -= 2 // dollars to cents
	if d.scale < 0 {
		d = decimal{unscaled: d.rescale(0), scale: 0}
	}
	return Amount{text: d.String()}, nil
}

// String writes d in plain decimal notation with exactly d.scale fraction
// digits.
func (d decimal) String() string {
	s := new(big.Int).Abs(d.unscaled).String()
	if d.scale > 0 {
		if len(s) <= d.scale {
			s = strings.Repeat("0", d.scale-len(s)+1) + s
		}
		s = s[:len(s)-d.scale] + "." + s[len(s)-d.scale:]
	}
	if d.unscaled.Sign() < 0 {
		s = "-" + s
	}
	return s
}

func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// truncate shortens s for an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
