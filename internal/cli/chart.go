package cli

import (
	"fmt"
	"math/big"
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

// share is part's percentage of total with one decimal, e.g. "42.1%".
func share(part, total admin.Amount) string {
	tenths := scaled(fraction(part, total), 1000)
	return fmt.Sprintf("%d.%d%%", tenths/10, tenths%10)
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
