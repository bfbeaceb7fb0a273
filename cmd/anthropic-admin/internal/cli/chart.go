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

// round is v rounded half away from zero to places decimals, as a count of
// 10^-places: round(1234.5, 0) is 1235, round(0.5626, 3) is 563. It is the
// one rounding of every figure the report views print (amounts, shares,
// brief counts, days) in the tables, the charts, the HTML report, the
// budget and the demo, so a figure reads the same wherever it appears and
// is always its own exact value rounded.
func round(v *big.Rat, places int) *big.Int {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(places, 0))), nil)
	n := new(big.Int).Mul(v.Num(), scale)
	q, r := new(big.Int).QuoRem(n, v.Denom(), new(big.Int)) // q is truncated toward zero
	if r.Abs(r).Lsh(r, 1).Cmp(v.Denom()) >= 0 {
		q.Add(q, big.NewInt(int64(n.Sign())))
	}
	return q
}

// fixed writes n counts of 10^-places as a decimal: fixed(12345, 2) is
// "123.45". Zero has no sign.
func fixed(n *big.Int, places int) string {
	digits := new(big.Int).Abs(n).String()
	if places > 0 {
		if len(digits) <= places {
			digits = strings.Repeat("0", places-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-places] + "." + digits[len(digits)-places:]
	}
	if n.Sign() < 0 {
		return "-" + digits
	}
	return digits
}

// roundText is v rounded to places decimals (see round), as text.
func roundText(v *big.Rat, places int) string { return fixed(round(v, places), places) }

// percent is a share (1 is the whole) as a percentage rounded to a tenth:
// "56.3%".
func percent(share *big.Rat) string { return fixed(tenths(share), 1) + "%" }

// tenths is a share in tenths of a percent, rounded: 0.56255 is 563.
func tenths(share *big.Rat) *big.Int { return round(new(big.Rat).Mul(share, big.NewRat(100, 1)), 1) }

// share is part's percentage of total, rounded to a tenth: "42.1%".
func share(part, total admin.Amount) string { return percent(fraction(part, total)) }

// roundingNote is the footnote under a column of amounts (parts of total,
// with their shares) whose rows, each its exact value rounded, do not add
// up to the TOTAL printed under them, the exact total rounded; "" when they
// do. Nothing is nudged to make them add up: a row always matches its
// exact figure in the data formats.
func roundingNote(parts []admin.Amount, total admin.Amount) string {
	cents, shares := new(big.Int), new(big.Int)
	for _, p := range parts {
		cents.Add(cents, round(p.Cents(), 0))
		shares.Add(shares, tenths(fraction(p, total)))
	}
	wantCents, wantShares := round(total.Cents(), 0), tenths(fraction(total, total))
	var rows, totals []string
	if cents.Cmp(wantCents) != 0 {
		rows, totals = append(rows, moneyText(cents)), append(totals, moneyText(wantCents))
	}
	if shares.Cmp(wantShares) != 0 {
		rows, totals = append(rows, fixed(shares, 1)+"%"), append(totals, fixed(wantShares, 1)+"%")
	}
	if len(rows) == 0 {
		return ""
	}
	return fmt.Sprintf("Rows are rounded one by one and add up to %s; the TOTAL is the exact total rounded, %s.",
		strings.Join(rows, " and "), strings.Join(totals, " and "))
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

// dollars formats an amount of cents as dollars rounded to the cent, with
// thousands separators: "$44,430.83".
func dollars(a admin.Amount) string { return centsRat(a.Cents()) }

// centsRat formats exact cents that need not end in decimal, such as a
// projection, as dollars rounded to the cent.
func centsRat(cents *big.Rat) string { return moneyText(round(cents, 0)) }

// moneyText writes whole cents as dollars: 4443126 is "$44,431.26".
func moneyText(cents *big.Int) string {
	s, sign := fixed(cents, 2), ""
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
