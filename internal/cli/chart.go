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
	const eighths = " ▏▎▍▌▋▊▉"
	n := scaled(fraction(part, total), int64(width)*8)
	if n == 0 && part.Sign() > 0 {
		n = 1
	}
	s := strings.Repeat("█", int(n/8))
	if rem := n % 8; rem > 0 {
		s += string([]rune(eighths)[rem])
	}
	return s
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
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + "$" + b.String() + "." + frac
}
