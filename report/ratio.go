package report

import (
	"fmt"
	"math/big"
	"strings"
)

// Ratio is an exact rational number: a figure of the analysis that need not
// end in decimal, such as a seventh of a week's spend, a share of a budget
// or the days left in a month. The fields that hold one say its unit.
//
// The zero Ratio is 0. Ratios are immutable values: no method changes one,
// and Rat hands out a copy, so a Ratio can be passed around and kept
// without anyone changing it under its holder. Compare Ratios with Cmp, not
// ==, which the compiler refuses (two Ratios of one value need not be ==).
type Ratio struct {
	_ [0]func() // makes == a compile error; see Cmp
	r *big.Rat  // nil is 0; never changed once the Ratio is made
}

// RatioOf returns the value of r as a Ratio. It keeps a copy, so changing r
// afterwards does not change the Ratio. A nil r is 0.
func RatioOf(r *big.Rat) Ratio {
	if r == nil {
		return Ratio{}
	}
	return Ratio{r: new(big.Rat).Set(r)}
}

// ratio makes a Ratio of r, which the caller hands over: nothing else may
// hold r.
func ratio(r *big.Rat) Ratio { return Ratio{r: r} }

// value is x's big.Rat, to read and never change.
func (x Ratio) value() *big.Rat {
	if x.r == nil {
		return new(big.Rat)
	}
	return x.r
}

// Rat returns the value as a new big.Rat, which the caller may change
// freely.
func (x Ratio) Rat() *big.Rat { return new(big.Rat).Set(x.value()) }

// Sign returns -1, 0 or +1 for a negative, zero or positive ratio.
func (x Ratio) Sign() int { return x.value().Sign() }

// Cmp compares ratios by value: -1 if x < y, 0 if equal, +1 if x > y.
func (x Ratio) Cmp(y Ratio) int { return x.value().Cmp(y.value()) }

// String writes the ratio exactly, as an integer ("21") or a fraction in
// lowest terms ("497/48").
func (x Ratio) String() string { return x.value().RatString() }

// Round writes the ratio in decimal with exactly places digits after the
// point (none when places ≤ 0), rounded half away from zero: 497/48 is
// "10.35" with 2 places, 1/2 is "1" with none and -1/2 is "-1". A ratio that
// rounds to zero prints without a sign. It is the rounding of
// [admin.Amount.DollarString].
func (x Ratio) Round(places int) string {
	s := x.value().FloatString(max(places, 0))
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}

// Percent writes the ratio as a percentage, the ratio × 100 rounded as
// Round does: a share of 0.7069 is "70.7" with 1 place.
func (x Ratio) Percent(places int) string {
	return ratio(new(big.Rat).Mul(x.value(), big.NewRat(100, 1))).Round(places)
}

// DollarString reads the ratio as cents and writes it in dollars (cents /
// 100) with exactly places digits after the point, rounded as Round does:
// the way [admin.Amount.DollarString] writes an amount. 3169795/112 cents
// is "283.02" with 2 places.
func (x Ratio) DollarString(places int) string {
	return ratio(new(big.Rat).Quo(x.value(), big.NewRat(100, 1))).Round(places)
}

// Decimal writes the ratio exactly in plain decimal notation with no
// trailing zeros, such as "1.2378912", "15" or "-0.005"; ok is false, and s
// empty, when the ratio does not end in decimal, as 1/3 does not.
func (x Ratio) Decimal() (s string, ok bool) {
	v := x.value()
	// A denominator 2^a·5^b needs max(a, b) places, fewer than its bit
	// length; any other denominator divides no power of ten.
	digits, limit := 0, v.Denom().BitLen()
	ten, rem := big.NewInt(10), new(big.Int)
	for p := big.NewInt(1); rem.Mod(p, v.Denom()).Sign() != 0; p.Mul(p, ten) {
		if digits++; digits > limit {
			return "", false
		}
	}
	s = v.FloatString(digits)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s, true
}

// MarshalText writes the ratio as String does, so it encodes exactly.
func (x Ratio) MarshalText() ([]byte, error) { return []byte(x.String()), nil }

// UnmarshalText reads a fraction ("497/48"), an integer or a decimal
// ("10.354"), as MarshalText and people write them. Exponents and text
// longer than 1000 characters are refused, so that no input costs
// unbounded memory.
func (x *Ratio) UnmarshalText(text []byte) error {
	var r *big.Rat
	ok := len(text) <= 1000 && strings.Trim(string(text), "0123456789-./") == ""
	if ok {
		r, ok = new(big.Rat).SetString(string(text))
	}
	if !ok {
		return fmt.Errorf("report: %.40q is not a ratio (want a fraction such as 497/48 or a decimal)", text)
	}
	*x = ratio(r)
	return nil
}
