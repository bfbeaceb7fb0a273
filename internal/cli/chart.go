package cli

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/anthropic-admin-go/admin"
)

// fraction is part/total as an exact ratio; zero when total is zero.
func fraction(part, total admin.Amount) *big.Rat {
	if total.Sign() == 0 {
		return new(big.Rat)
	}
	return new(big.Rat).Quo(part.Cents(), total.Cents())
}

// scaled is floor(r × n) for a ratio in [0, 1].
func scaled(r *big.Rat, n int64) int64 {
	v := new(big.Rat).Mul(r, big.NewRat(n, 1))
	return new(big.Int).Quo(v.Num(), v.Denom()).Int64()
}

// apportion rounds exact values to whole units so that the rounded values
// add up to the rounded sum (half away from zero), by the largest-remainder
// method: a column of rounded figures then adds up to the total printed
// under it, as a reader checking by hand expects.
func apportion(values []*big.Rat) []*big.Int {
	out := make([]*big.Int, len(values))
	rem := make([]*big.Rat, len(values))
	sum, floors := new(big.Rat), new(big.Int)
	for i, v := range values {
		sum.Add(sum, v)
		out[i] = floorRat(v)
		rem[i] = new(big.Rat).Sub(v, new(big.Rat).SetInt(out[i]))
		floors.Add(floors, out[i])
	}
	// The units the floors fell short of the rounded sum go to the values
	// that lost the most to their floor; ties to the earlier (larger) row.
	short := new(big.Int).Sub(roundRat(sum), floors).Int64()
	order := make([]int, len(values))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return rem[y].Cmp(rem[x]) })
	for _, i := range order[:min(int(short), len(order))] {
		out[i].Add(out[i], big.NewInt(1))
	}
	return out
}

// floorRat is the largest integer not above r.
func floorRat(r *big.Rat) *big.Int {
	q, m := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int))
	_ = m // DivMod is Euclidean: with a positive denominator q is the floor
	return q
}

// roundRat rounds r to the nearest integer, halves away from zero.
func roundRat(r *big.Rat) *big.Int {
	half := big.NewRat(1, 2)
	if r.Sign() < 0 {
		return new(big.Int).Neg(floorRat(new(big.Rat).Add(new(big.Rat).Neg(r), half)))
	}
	return floorRat(new(big.Rat).Add(r, half))
}

// share is part's percentage of total with one decimal, e.g. "42.1%".
func share(part, total admin.Amount) string {
	return tenthsPercent(big.NewInt(scaled(fraction(part, total), 1000)))
}

// tenthsPercent writes tenths of a percent: 421 is "42.1%".
func tenthsPercent(tenths *big.Int) string {
	t, sign := tenths.Int64(), ""
	if t < 0 {
		t, sign = -t, "-"
	}
	return fmt.Sprintf("%s%d.%d%%", sign, t/10, t%10)
}

// centsToDollars writes whole cents as dollars: 4443126 is "$44,431.26".
func centsToDollars(cents *big.Int) string {
	return dollars(admin.MustParseAmount(cents.String()))
}

// bar draws part/total as a bar of at most width cells, in eighths of a
// cell. A non-zero part always shows at least a sliver.
func bar(part, total admin.Amount, width int) string {
	n := barEighths(part, total, width)
	return strings.Repeat("█", int(n/8)) + partialBlock(n)
}

// barEighths is the length in eighths of a cell of a bar for part/total in
// width cells: at least one for a positive part, none for a negative one.
func barEighths(part, total admin.Amount, width int) int64 {
	if part.Sign() <= 0 || total.Sign() <= 0 {
		return 0
	}
	return max(1, scaled(fraction(part, total), int64(width)*8))
}

// partialBlock is the block for the last, partly filled cell of a bar n
// eighths long; "" when the bar ends on a whole cell.
func partialBlock(n int64) string {
	const blocks = " ▏▎▍▌▋▊▉"
	if rem := n % 8; rem > 0 {
		return string([]rune(blocks)[rem])
	}
	return ""
}

// dollars formats an amount of cents as dollars with thousands separators,
// e.g. "$44,430.83".
func dollars(a admin.Amount) string {
	s := a.DollarString(2)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	return sign + "$" + groupThousands(whole) + "." + frac
}

// groupThousands puts commas between groups of three digits: "1234567"
// gives "1,234,567".
func groupThousands(digits string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
