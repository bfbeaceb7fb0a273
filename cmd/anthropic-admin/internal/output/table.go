package output

import (
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/termsafe"
)

// Fit says what a table column may give up when the table is wider than
// the terminal.
type Fit int

const (
	// FitCut is text: cut with an ellipsis, the widest first, once the
	// IDs are gone.
	FitCut Fit = iota
	// FitID is an ID: the first column to go, whole, since every command
	// takes the names and emails shown beside it.
	FitID
	// FitDetail is a secondary column, such as who created a key: it goes
	// whole after the IDs, before anything is cut.
	FitDetail
	// FitSpare is a column that is useless cut, such as a key hint, but
	// worth less than the names: it goes whole once the text columns are
	// cut as far as they go.
	FitSpare
	// FitName is what a row is known by (a name, an email): cut last.
	FitName
	// FitKeep is never cut: numbers, limits, model names, times, statuses.
	FitKeep
)

// minCut is the narrowest a cut column gets, unless its header is wider.
const minCut = 8

// Style is how a table column is aligned and what it may give up.
type Style struct {
	Fit   Fit
	Right bool
}

// LeftOutNote is the note under a table whose columns did not all fit;
// what names them, with its verb ("IDs are").
func LeftOutNote(what string) string {
	return what + " left out to fit the terminal; -o csv or -o json has them."
}

// ReportTable writes a table of labels and right aligned numbers, as the
// reports have: numbers, the first column, model names and bars (a column
// without a header) are never cut; a column headed ID or "... ID" goes
// first; other labels are cut last. right numbers the right aligned
// columns (amounts and counts).
func (p *Printer) ReportTable(indent string, head []string, rows [][]string, right ...int) {
	n := len(head)
	if len(rows) > 0 {
		n = len(rows[0])
	}
	styles := make([]Style, n)
	for i := range styles {
		h := ""
		if head != nil {
			h = head[i]
		}
		styles[i].Right = slices.Contains(right, i)
		switch {
		case i == 0 || styles[i].Right || strings.Contains(h, "MODEL") || (head != nil && h == ""):
			styles[i].Fit = FitKeep
		case h == "ID" || strings.HasSuffix(h, " ID"):
			styles[i].Fit = FitID
		default:
			styles[i].Fit = FitName
		}
	}
	p.Table(indent, head, rows, styles)
}

// Table aligns rows under head (none when nil), each line after indent,
// fits them in the width (see fitColumns), and says under them which
// columns it left out.
func (p *Printer) Table(indent string, head []string, rows [][]string, styles []Style) {
	all := rows
	if head != nil {
		all = append([][]string{head}, rows...)
	}
	if len(all) == 0 {
		return
	}
	// Cells hold names that anyone in the organization may have written:
	// shown inert, whatever they hold.
	all = slices.Clone(all)
	for n, r := range all {
		all[n] = make([]string, len(r))
		for i, cell := range r {
			all[n][i] = termsafe.Text(cell)
		}
	}
	widths := make([]int, len(all[0]))
	mins := make([]int, len(widths))
	for i := range mins {
		mins[i] = minCut
		if head != nil {
			mins[i] = max(minCut, utf8.RuneCountInString(head[i]))
		}
	}
	for _, r := range all {
		for i, cell := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	if limit := p.Width - len(indent); limit > 0 {
		fitColumns(widths, mins, styles, limit)
	}
	bold := p.Color
	var b strings.Builder
	for n, r := range all {
		var cells []string
		for i, cell := range r {
			if widths[i] < 0 {
				continue
			}
			cell = Cut(cell, widths[i])
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if styles[i].Right {
				cells = append(cells, pad+cell)
			} else {
				cells = append(cells, cell+pad)
			}
		}
		text := strings.TrimRight(strings.Join(cells, "  "), " ")
		if n == 0 && head != nil && bold {
			text = "\x1b[1m" + text + "\x1b[0m"
		}
		b.WriteString(indent)
		b.WriteString(text)
		b.WriteByte('\n')
	}
	io.WriteString(p.W, b.String())
	var left []string
	ids := false
	for i, w := range widths {
		switch {
		case w >= 0:
		case styles[i].Fit == FitID:
			ids = true
		case head != nil:
			left = append(left, head[i])
		}
	}
	if ids {
		left = append([]string{"IDs"}, left...)
	}
	if len(left) > 0 {
		verb := "are"
		if len(left) == 1 && !ids {
			verb = "is"
		}
		p.Lines(LeftOutNote(strings.Join(left, " and ") + " " + verb))
	}
}

// fitColumns narrows a table to limit columns, two spaces between cells,
// in steps until it fits: ID columns go, whole (their width becomes -1),
// the widest first; then the detail columns; then the text columns are cut,
// the widest first, down to their minimum; then the spare columns go; last
// the names the rows are known by are cut. Kept columns never change, so a
// table of them alone may stay wider than limit.
func fitColumns(widths, mins []int, styles []Style, limit int) {
	total := func() int {
		t, n := 0, 0
		for _, w := range widths {
			if w >= 0 {
				t += w
				n++
			}
		}
		return t + 2*max(n-1, 0)
	}
	// widest is the widest column of kind f that is still wider than
	// its floor, or -1.
	widest := func(f Fit, floor []int) int {
		best := -1
		for i, w := range widths {
			if styles[i].Fit == f && w > floor[i] && (best < 0 || w > widths[best]) {
				best = i
			}
		}
		return best
	}
	gone := make([]int, len(widths))
	for i := range gone {
		gone[i] = -1
	}
	for _, step := range []struct {
		f    Fit
		drop bool
	}{{FitID, true}, {FitDetail, true}, {FitCut, false}, {FitSpare, true}, {FitName, false}} {
		for total() > limit {
			if step.drop {
				i := widest(step.f, gone)
				if i < 0 {
					break
				}
				widths[i] = -1
				continue
			}
			i := widest(step.f, mins)
			if i < 0 {
				break
			}
			widths[i]--
		}
	}
}

// Cut shortens s to width columns, its last an ellipsis.
func Cut(s string, width int) string {
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	r := []rune(s)
	return string(r[:width-1]) + "…"
}

// Wrap breaks text into lines of at most width columns at spaces; lines
// after the first start with indent. A word longer than a line stays whole.
// width 0 leaves the text as it is.
func Wrap(text string, width int, indent string) string {
	if width <= 0 || utf8.RuneCountInString(text) <= width {
		return text
	}
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(text) {
		n := utf8.RuneCountInString(word)
		switch {
		case i == 0:
		case line+1+n > width:
			b.WriteString("\n" + indent)
			line = utf8.RuneCountInString(indent)
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += n
	}
	return b.String()
}
