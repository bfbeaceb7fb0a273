package render

import (
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/termsafe"
)

// TermChart draws the report charts for a terminal. Fancy charts (stdout is
// a terminal and NO_COLOR is unset) use Unicode blocks and colors; plain ones
// use ASCII only and no escape codes, so pipes, logs and files stay clean.
type TermChart struct {
	W     io.Writer
	Width int // columns; 0 for unknown
	Fancy bool
}

const (
	chartIndent  = "  "
	dayLabel     = "Jan 02"
	defaultWidth = 80 // columns when the width is unknown
	maxBarWidth  = 80 // longer bars are no easier to compare
	maxNameWidth = 24
	shareWidth   = len("100.0%")
)

// Sparkline levels, lowest first; a day without spend is a blank.
var (
	fancyLevels = []rune("▁▂▃▄▅▆▇█")
	plainLevels = []rune(".:-=+*#@")
)

// termColors are the ANSI colors of the groups in order; the folded "other"
// group is gray.
var termColors = []string{"34", "33", "32", "35", "36", "31"}

func termColor(s Series, i int) string {
	if s.other {
		return "90"
	}
	return termColors[i%len(termColors)]
}

// paint wraps text in an SGR color, dimmed for data that is not final.
func paint(text, color string, dim bool) string {
	if dim {
		color = "2;" + color
	}
	return "\x1b[" + color + "m" + text + "\x1b[0m"
}

func (c TermChart) columns() int {
	if c.Width > 0 {
		return c.Width
	}
	return defaultWidth
}

// Bars draws a bar per day, scaled to the busiest day, with the day's total
// beside it. Fancy Bars are stacked by group in the groups' colors, with a
// legend; plain Bars show the total in '#', and '-' for a part of a cell.
func (c TermChart) Bars(d DailySpend) {
	totals := make([]string, len(d.Days))
	stacked := make([]admin.Amount, len(d.Days)) // the positive parts: credits draw nothing
	var peak admin.Amount
	amountW := 0
	for i := range d.Days {
		totals[i] = Dollars(d.dayTotal(i))
		amountW = max(amountW, len(totals[i]))
		for _, s := range d.Series {
			stacked[i] = stacked[i].Add(positive(s.Values[i]))
		}
		if stacked[i].Cmp(peak) > 0 {
			peak = stacked[i]
		}
	}
	width := min(maxBarWidth, max(10, c.columns()-len(chartIndent)-len(dayLabel)-1-2-2-amountW))
	var b strings.Builder
	for i, day := range d.Days {
		n := barEighths(stacked[i], peak, width)
		text := strings.Repeat("#", int(n/8))
		if n%8 > 0 {
			text += "-"
		}
		if c.Fancy {
			text = c.stackedBar(d, i, n, peak, width)
		}
		mark := " "
		if d.incomplete(i) {
			mark = "*"
		}
		pad := strings.Repeat(" ", width-int((n+7)/8))
		fmt.Fprintf(&b, "%s%s%s  %s%s  %*s\n", chartIndent, day.Format(dayLabel), mark, text, pad, amountW, totals[i])
	}
	if c.Fancy {
		c.legend(&b, d.Series)
	}
	if d.anyIncomplete() {
		fmt.Fprintf(&b, "%s* not final yet: the spend of this day may still grow\n", chartIndent)
	}
	io.WriteString(c.W, b.String())
}

// stackedBar is day i's bar, n eighths long, in the colors of its groups.
// Each cell takes the color of the group under its middle; group ends are
// cumulative, so rounding never makes the stack longer than the total.
func (c TermChart) stackedBar(d DailySpend, i int, n int64, peak admin.Amount, width int) string {
	ends := make([]int64, len(d.Series))
	var run admin.Amount
	for g, s := range d.Series {
		run = run.Add(positive(s.Values[i]))
		ends[g] = scaled(Fraction(run, peak), int64(width)*8)
	}
	groupOf := func(cell int) int {
		mid := min(int64(cell)*8+4, n-1)
		if g := slices.IndexFunc(ends, func(end int64) bool { return end > mid }); g >= 0 {
			return g
		}
		// A sliver drawn for a tiny day: the first group with spend.
		return slices.IndexFunc(d.Series, func(s Series) bool { return s.Values[i].Sign() > 0 })
	}
	cells := int((n + 7) / 8)
	var b strings.Builder
	for j := 0; j < cells; {
		g := groupOf(j)
		k := j + 1
		for k < cells && groupOf(k) == g {
			k++
		}
		text := strings.Repeat("█", k-j)
		if k == cells && n%8 > 0 {
			text = strings.Repeat("█", k-j-1) + partialBlock(n)
		}
		b.WriteString(paint(text, termColor(d.Series[g], g), d.incomplete(i)))
		j = k
	}
	return b.String()
}

// legend names the groups beside their colors, wrapped to the width.
func (c TermChart) legend(b *strings.Builder, groups []Series) {
	line, used := chartIndent, len(chartIndent)
	for g, s := range groups {
		label := termsafe.Text(s.Name)
		item := paint("■", termColor(s, g), false) + " " + label
		w := 2 + utf8.RuneCountInString(label)
		if used > len(chartIndent) && used+2+w > c.columns() {
			b.WriteString(line + "\n")
			line, used = chartIndent, len(chartIndent)
		}
		if used > len(chartIndent) {
			line, used = line+"  ", used+2
		}
		line, used = line+item, used+w
	}
	if used > len(chartIndent) {
		b.WriteString(line + "\n")
	}
}

// Sparklines draws each group's spend over the days, scaled to the group's
// own busiest day, beside its total and share; a total line comes last.
// When the days do not fit in the width, each mark sums several days.
func (c TermChart) Sparklines(d DailySpend) {
	if len(d.Days) == 0 {
		return
	}
	all := Series{Name: "total", Values: make([]admin.Amount, len(d.Days))}
	for i := range d.Days {
		all.Values[i] = d.dayTotal(i)
	}
	rows := append(slices.Clone(d.Series), all)
	grand := all.total()
	nameW, amountW := 0, 0
	for _, s := range rows {
		nameW = max(nameW, utf8.RuneCountInString(termsafe.Text(s.Name)))
		amountW = max(amountW, len(Dollars(s.total())))
	}
	nameW = min(nameW, maxNameWidth, max(8, c.columns()/4))
	room := max(8, c.columns()-len(chartIndent)-nameW-2-2-amountW-2-shareWidth)
	per := max(1, (len(d.Days)+room-1)/room) // days per mark
	marks := (len(d.Days) + per - 1) / per
	open := 0 // marks holding a day that is not final; they come last
	for m := range marks {
		if d.incomplete(min((m+1)*per, len(d.Days)) - 1) {
			open++
		}
	}
	levels := plainLevels
	if c.Fancy {
		levels = fancyLevels
	}

	var b strings.Builder
	if first, last := d.Days[0].Format(dayLabel), d.Days[len(d.Days)-1].Format(dayLabel); marks > 2*len(dayLabel) {
		fmt.Fprintf(&b, "%s%s  %s%*s\n", chartIndent, strings.Repeat(" ", nameW), first, marks-len(first), last)
	}
	for g, s := range rows {
		sums := make([]admin.Amount, marks)
		for i, v := range s.Values {
			sums[i/per] = sums[i/per].Add(v)
		}
		peak := slices.MaxFunc(sums, admin.Amount.Cmp)
		spark := make([]rune, marks)
		for m, v := range sums {
			spark[m] = ' '
			if level := sparkLevel(v, peak, len(levels)); level > 0 {
				spark[m] = levels[level-1]
			}
		}
		line := string(spark)
		if c.Fancy {
			color := termColor(s, g)
			if g == len(rows)-1 {
				color = "1" // the total, in bold
			}
			line = ""
			if closed := marks - open; closed > 0 {
				line = paint(string(spark[:closed]), color, false)
			}
			if open > 0 {
				line += paint(string(spark[marks-open:]), color, true)
			}
		}
		name := output.Cut(termsafe.Text(s.Name), nameW)
		fmt.Fprintf(&b, "%s%s%s  %s  %*s  %*s\n", chartIndent, name, strings.Repeat(" ", nameW-utf8.RuneCountInString(name)),
			line, amountW, Dollars(s.total()), shareWidth, Share(s.total(), grand))
	}
	parts := make([]admin.Amount, len(d.Series))
	for g, s := range d.Series {
		parts[g] = s.total()
	}
	for _, line := range wrapWords(RoundingNote(parts, grand), c.columns()-len(chartIndent)) {
		fmt.Fprintf(&b, "%s%s\n", chartIndent, line)
	}
	if per > 1 {
		fmt.Fprintf(&b, "%seach mark sums %d days\n", chartIndent, per)
	}
	if open > 0 {
		what := "the last mark is"
		switch {
		case c.Fancy:
			what = "dim marks are"
		case open > 1:
			what = fmt.Sprintf("the last %d marks are", open)
		}
		fmt.Fprintf(&b, "%s%s not final yet: spend may still grow\n", chartIndent, what)
	}
	io.WriteString(c.W, b.String())
}

// sparkLevel maps v in [0, peak] to 1..levels, rounding up so any spend
// shows; 0 means nothing to show.
func sparkLevel(v, peak admin.Amount, levels int) int {
	if v.Sign() <= 0 || peak.Sign() <= 0 {
		return 0
	}
	r := new(big.Rat).Mul(Fraction(v, peak), big.NewRat(int64(levels), 1))
	n := new(big.Int).Quo(r.Num(), r.Denom()).Int64()
	if !r.IsInt() {
		n++
	}
	return int(min(max(n, 1), int64(levels)))
}

// positive is a for a positive amount and zero otherwise: charts stack
// spend, and a credit has no height.
func positive(a admin.Amount) admin.Amount {
	if a.Sign() > 0 {
		return a
	}
	return admin.Amount{}
}

// wrapWords breaks text into lines of at most width columns, between words.
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width {
			lines, line = append(lines, line), ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
