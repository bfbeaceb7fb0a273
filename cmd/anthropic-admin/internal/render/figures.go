// Package render draws the reports for a person: the terminal charts
// (sparklines and daily bars, fancy or plain ASCII), the self-contained
// HTML report, the view model they share (a timeline of days and the spend
// series on it), and the figures every view prints. Each printed figure is
// its exact value rounded half away from zero by one function, Round, so
// an amount or a share reads the same in a table, a chart, the HTML report,
// the budget and the demo.
//
// It depends on package output and the library's report package, never on
// the commands (package cli), which fill its view model.
package render

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/report"
)

// Fraction is part/total as an exact ratio; zero when total is zero.
func Fraction(part, total admin.Amount) *big.Rat {
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

// Round is v rounded half away from zero to places decimals, as a count of
// 10^-places: Round(1234.5, 0) is 1235, Round(0.5626, 3) is 563. It is the
// one rounding of every figure the report views print (amounts, shares,
// brief counts, days) in the tables, the charts, the HTML report, the
// budget and the demo, so a figure reads the same wherever it appears and
// is always its own exact value rounded.
func Round(v *big.Rat, places int) *big.Int {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(places, 0))), nil)
	n := new(big.Int).Mul(v.Num(), scale)
	q, r := new(big.Int).QuoRem(n, v.Denom(), new(big.Int)) // q is truncated toward zero
	if r.Abs(r).Lsh(r, 1).Cmp(v.Denom()) >= 0 {
		q.Add(q, big.NewInt(int64(n.Sign())))
	}
	return q
}

// Fixed writes n counts of 10^-places as a decimal: Fixed(12345, 2) is
// "123.45". Zero has no sign.
func Fixed(n *big.Int, places int) string {
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

// RoundText is v rounded to places decimals (see round), as text.
func RoundText(v *big.Rat, places int) string { return Fixed(Round(v, places), places) }

// Percent is a share (1 is the whole) as a percentage rounded to a tenth:
// "56.3%".
func Percent(share *big.Rat) string { return Fixed(tenths(share), 1) + "%" }

// tenths is a share in tenths of a percent, rounded: 0.56255 is 563.
func tenths(share *big.Rat) *big.Int { return Round(new(big.Rat).Mul(share, big.NewRat(100, 1)), 1) }

// Share is part's percentage of total, rounded to a tenth: "42.1%".
func Share(part, total admin.Amount) string { return Percent(Fraction(part, total)) }

// RoundingNote is the footnote under a column of amounts (parts of total,
// with their shares) whose rows, each its exact value rounded, do not add
// up to the TOTAL printed under them, the exact total rounded; "" when they
// do. Nothing is nudged to make them add up: a row always matches its
// exact figure in the data formats.
func RoundingNote(parts []admin.Amount, total admin.Amount) string {
	cents, shares := new(big.Int), new(big.Int)
	for _, p := range parts {
		cents.Add(cents, Round(p.Cents(), 0))
		shares.Add(shares, tenths(Fraction(p, total)))
	}
	wantCents, wantShares := Round(total.Cents(), 0), tenths(Fraction(total, total))
	var rows, totals []string
	if cents.Cmp(wantCents) != 0 {
		rows, totals = append(rows, moneyText(cents)), append(totals, moneyText(wantCents))
	}
	if shares.Cmp(wantShares) != 0 {
		rows, totals = append(rows, Fixed(shares, 1)+"%"), append(totals, Fixed(wantShares, 1)+"%")
	}
	if len(rows) == 0 {
		return ""
	}
	return fmt.Sprintf("Rows are rounded one by one and add up to %s; the TOTAL is the exact total rounded, %s.",
		strings.Join(rows, " and "), strings.Join(totals, " and "))
}

// Bar draws part/total as a Bar of at most width cells, in eighths of a
// cell. A non-zero part always shows at least a sliver.
func Bar(part, total admin.Amount, width int) string {
	n := barEighths(part, total, width)
	return strings.Repeat("█", int(n/8)) + partialBlock(n)
}

// barEighths is the length in eighths of a cell of a bar for part/total in
// width cells: at least one for a positive part, none for a negative one.
func barEighths(part, total admin.Amount, width int) int64 {
	if part.Sign() <= 0 || total.Sign() <= 0 {
		return 0
	}
	return max(1, scaled(Fraction(part, total), int64(width)*8))
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

// Dollars formats an amount of cents as Dollars rounded to the cent, with
// thousands separators: "$44,430.83".
func Dollars(a admin.Amount) string { return CentsRat(a.Cents()) }

// CentsRat formats exact cents that need not end in decimal, such as a
// projection, as dollars rounded to the cent.
func CentsRat(cents *big.Rat) string { return moneyText(Round(cents, 0)) }

// moneyText writes whole cents as dollars: 4443126 is "$44,431.26".
func moneyText(cents *big.Int) string {
	s, sign := Fixed(cents, 2), ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	return sign + "$" + GroupThousands(whole) + "." + frac
}

// GroupThousands puts commas between groups of three digits: "1234567"
// gives "1,234,567".
func GroupThousands(digits string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Acceptance is the share of tool proposals accepted, "92.3%", or ""
// when none were decided.
func Acceptance(act report.ClaudeCodeActivity) string {
	decided := act.ToolAccepted + act.ToolRejected
	if decided <= 0 {
		return ""
	}
	return Percent(big.NewRat(act.ToolAccepted, decided))
}
