package cli

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/termsafe"
)

// Output formats.
const (
	formatTable = "table"
	formatJSON  = "json"
	formatJSONL = "jsonl"
	formatCSV   = "csv"
	formatYAML  = "yaml"
)

var formats = []string{formatTable, formatJSON, formatJSONL, formatCSV, formatYAML}

// color tells whether stdout may carry bold, color and other escapes: only
// a terminal, and only without NO_COLOR.
func (a *app) color() bool { return a.env.StdoutTTY && a.env.getenv("NO_COLOR") == "" }

// format is the output format: the flag, else a table for a person at a
// terminal and JSON for a pipe.
func (a *app) format(cmd *cobra.Command) (string, error) {
	f := strings.ToLower(a.flags.output)
	if f == "" {
		if a.env.StdoutTTY {
			return formatTable, nil
		}
		return formatJSON, nil
	}
	for _, ok := range formats {
		if f == ok {
			return f, nil
		}
	}
	return "", usageErr(cmd, "unknown output format %q: use one of %s", a.flags.output, strings.Join(formats, ", "))
}

// column is one column of a listing: a header, the text a person reads in a
// table, and the value a program reads in CSV (text when nil).
type column[T any] struct {
	header string
	text   func(T) string
	value  func(T) string
	// field names the column in CSV: the JSON field it shows, nested ones
	// joined with _ (group_display_name); from header when empty.
	field string
	// fit is what the column may give up in a narrow terminal.
	fit fit
	// right aligns the column to the right, as numbers are.
	right bool
}

// fit says what a table column may give up when the table is wider than
// the terminal.
type fit int

const (
	// fitCut is text: cut with an ellipsis, the widest first, once the
	// IDs are gone.
	fitCut fit = iota
	// fitID is an ID: the first column to go, whole, since every command
	// takes the names and emails shown beside it.
	fitID
	// fitDetail is a secondary column, such as who created a key: it goes
	// whole after the IDs, before anything is cut.
	fitDetail
	// fitSpare is a column that is useless cut, such as a key hint, but
	// worth less than the names: it goes whole once the text columns are
	// cut as far as they go.
	fitSpare
	// fitName is what a row is known by (a name, an email): cut last.
	fitName
	// fitKeep is never cut: numbers, limits, model names, times, statuses.
	fitKeep
)

// minCut is the narrowest a cut column gets, unless its header is wider.
const minCut = 8

func (c column[T]) csvValue(item T) string {
	if c.value != nil {
		return c.value(item)
	}
	return c.text(item)
}

// printList writes items in the chosen format. JSON formats write each
// item's raw JSON as the API sent it, unknown fields included.
func printList[T any](a *app, cmd *cobra.Command, items []T, raw func(T) json.RawMessage, cols []column[T]) error {
	format, err := a.format(cmd)
	if err != nil {
		return err
	}
	if format != formatTable {
		lw := newListWriter(a, format, raw, cols)
		for _, it := range items {
			if err := lw.write(it); err != nil {
				return err
			}
		}
		return lw.close()
	}
	rows := make([][]string, len(items))
	for i, it := range items {
		rows[i] = make([]string, len(cols))
		for j, c := range cols {
			rows[i][j] = c.text(it)
		}
	}
	var head []string
	if !a.flags.noHeaders {
		head = headers(cols, func(c column[T]) string { return strings.ToUpper(c.header) })
	}
	styles := make([]colStyle, len(cols))
	for i, c := range cols {
		styles[i] = colStyle{fit: c.fit, right: c.right}
	}
	a.drawTable("", head, rows, styles)
	return nil
}

// leftOutNote is the note under a table whose columns did not all fit;
// what names them, with its verb ("IDs are").
func leftOutNote(what string) string {
	return what + " left out to fit the terminal; -o csv or -o json has them."
}

// printOne writes one object: as a key/value list in a table, else like a
// list of one.
func printOne[T any](a *app, cmd *cobra.Command, item T, raw func(T) json.RawMessage, cols []column[T]) error {
	format, err := a.format(cmd)
	if err != nil {
		return err
	}
	switch format {
	case formatJSON:
		return writeIndented(a.env.Stdout, raw(item))
	case formatYAML:
		return writeYAML(a.env.Stdout, raw(item), 0)
	case formatTable:
		rows := make([][]string, len(cols))
		for i, c := range cols {
			rows[i] = []string{strings.ToUpper(c.header) + ":", c.text(item)}
		}
		a.drawTable("", nil, rows, []colStyle{{fit: fitKeep}, {fit: fitCut}})
		return nil
	}
	return printList(a, cmd, []T{item}, raw, cols)
}

func headers[T any](cols []column[T], name func(column[T]) string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = name(c)
	}
	return out
}

// csvHeader turns a header like "created by" into created_by.
func csvHeader(h string) string { return strings.ReplaceAll(strings.ToLower(h), " ", "_") }

// colStyle is how a table column is aligned and what it may give up.
type colStyle struct {
	fit   fit
	right bool
}

// width is how many columns a table may take: the terminal's, or $COLUMNS
// when stdout is not a terminal (-o table into a pipe); 0 when unknown.
func (a *app) width() int {
	if a.env.StdoutTTY && a.env.Width > 0 {
		return a.env.Width
	}
	n, err := strconv.Atoi(strings.TrimSpace(a.env.getenv("COLUMNS")))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// writeIndentedTable is a table inside an indented section, with the
// columns numbered in right aligned (for amounts and counts).
func (a *app) writeIndentedTable(head []string, rows [][]string, right ...int) {
	a.renderTable("  ", head, rows, right...)
}

// renderTable writes a table of labels and right aligned numbers, as the
// reports have: numbers, the first column, model names and bars (a column
// without a header) are never cut; a column headed ID or "... ID" goes
// first; other labels are cut last.
func (a *app) renderTable(indent string, head []string, rows [][]string, right ...int) {
	n := len(head)
	if len(rows) > 0 {
		n = len(rows[0])
	}
	styles := make([]colStyle, n)
	for i := range styles {
		h := ""
		if head != nil {
			h = head[i]
		}
		styles[i].right = slices.Contains(right, i)
		switch {
		case i == 0 || styles[i].right || strings.Contains(h, "MODEL") || (head != nil && h == ""):
			styles[i].fit = fitKeep
		case h == "ID" || strings.HasSuffix(h, " ID"):
			styles[i].fit = fitID
		default:
			styles[i].fit = fitName
		}
	}
	a.drawTable(indent, head, rows, styles)
}

// drawTable aligns rows under head, fits them in the width (see
// fitColumns), and says under them which columns it left out.
func (a *app) drawTable(indent string, head []string, rows [][]string, styles []colStyle) {
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
	if limit := a.width() - len(indent); limit > 0 {
		fitColumns(widths, mins, styles, limit)
	}
	bold := a.color()
	var b strings.Builder
	for n, r := range all {
		var cells []string
		for i, cell := range r {
			if widths[i] < 0 {
				continue
			}
			cell = cut(cell, widths[i])
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if styles[i].right {
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
	io.WriteString(a.env.Stdout, b.String())
	var left []string
	ids := false
	for i, w := range widths {
		switch {
		case w >= 0:
		case styles[i].fit == fitID:
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
		a.printLines(leftOutNote(strings.Join(left, " and ") + " " + verb))
	}
}

// fitColumns narrows a table to limit columns, two spaces between cells,
// in steps until it fits: ID columns go, whole (their width becomes -1),
// the widest first; then the detail columns; then the text columns are cut,
// the widest first, down to their minimum; then the spare columns go; last
// the names the rows are known by are cut. Kept columns never change, so a
// table of them alone may stay wider than limit.
func fitColumns(widths, mins []int, styles []colStyle, limit int) {
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
	widest := func(f fit, floor []int) int {
		best := -1
		for i, w := range widths {
			if styles[i].fit == f && w > floor[i] && (best < 0 || w > widths[best]) {
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
		f    fit
		drop bool
	}{{fitID, true}, {fitDetail, true}, {fitCut, false}, {fitSpare, true}, {fitName, false}} {
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

func cut(s string, width int) string {
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	r := []rune(s)
	return string(r[:width-1]) + "…"
}

// wrap breaks text into lines of at most width columns at spaces; lines
// after the first start with indent. A word longer than a line stays whole.
// width 0 leaves the text as it is.
func wrap(text string, width int, indent string) string {
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

// listWriter writes a list in a data format (json, jsonl, yaml or csv) one
// item at a time, so a long listing, such as a report's rows, goes out as
// it is made and is never held whole. close ends it: JSON's closing
// bracket, and the flush.
type listWriter[T any] struct {
	a      *app
	format string
	w      *bufio.Writer
	raw    func(T) json.RawMessage
	// indented, when set, appends an item as an element of an indented
	// array directly, without re-indenting its raw JSON.
	indented func(T, []byte) []byte
	cols     []column[T]
	csv      *csv.Writer
	n        int
	buf      bytes.Buffer
}

func newListWriter[T any](a *app, format string, raw func(T) json.RawMessage, cols []column[T]) *listWriter[T] {
	l := &listWriter[T]{a: a, format: format, w: bufio.NewWriterSize(a.env.Stdout, 64<<10), raw: raw, cols: cols}
	if format == formatCSV {
		l.csv = csv.NewWriter(l.w)
		if !a.flags.noHeaders {
			l.csv.Write(headers(cols, func(c column[T]) string { return cmp.Or(c.field, csvHeader(c.header)) }))
		}
	}
	return l
}

func (l *listWriter[T]) write(it T) error {
	l.n++
	switch l.format {
	case formatJSON:
		l.buf.Reset()
		l.buf.WriteString(",\n  ")
		if l.n == 1 {
			l.buf.Reset()
			l.buf.WriteString("[\n  ")
		}
		if l.indented != nil {
			l.buf.Write(l.indented(it, l.buf.AvailableBuffer()))
		} else if err := json.Indent(&l.buf, l.raw(it), "  ", "  "); err != nil {
			return err
		}
		_, err := l.w.Write(termsafe.JSON(l.buf.Bytes()))
		return err
	case formatJSONL:
		return writeCompact(l.w, l.raw(it))
	case formatYAML:
		l.w.WriteString("- ")
		return writeYAML(l.w, l.raw(it), 1)
	case formatCSV:
		row := make([]string, len(l.cols))
		for i, c := range l.cols {
			row[i] = l.a.csvCell(c.csvValue(it))
		}
		return l.csv.Write(row)
	}
	return fmt.Errorf("no list writer for the %s format", l.format)
}

func (l *listWriter[T]) close() error {
	switch {
	case l.csv != nil:
		l.csv.Flush()
		if err := l.csv.Error(); err != nil {
			return err
		}
	case l.n == 0 && (l.format == formatJSON || l.format == formatYAML):
		l.w.WriteString("[]\n")
	case l.format == formatJSON:
		l.w.WriteString("\n]\n")
	}
	return l.w.Flush()
}

func writeIndented(w io.Writer, raw json.RawMessage) error {
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := w.Write(termsafe.JSON(buf.Bytes()))
	return err
}

func writeCompact(w io.Writer, raw json.RawMessage) error {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := w.Write(termsafe.JSON(buf.Bytes()))
	return err
}

// writeYAML writes a JSON document as YAML, keeping the key order the API
// used. indent is the depth the document starts at.
func writeYAML(w io.Writer, raw json.RawMessage, indent int) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := readOrdered(dec)
	if err != nil {
		return err
	}
	var b strings.Builder
	yamlValue(&b, v, indent, true)
	_, err = io.WriteString(w, b.String())
	return err
}

// ordered is a JSON object with its keys in document order.
type ordered struct {
	keys []string
	vals []any
}

func readOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			o := &ordered{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := readOrdered(dec)
				if err != nil {
					return nil, err
				}
				o.keys = append(o.keys, k.(string))
				o.vals = append(o.vals, v)
			}
			_, err := dec.Token()
			return o, err
		}
		var list []any
		for dec.More() {
			v, err := readOrdered(dec)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := dec.Token()
		return list, err
	}
	return tok, nil
}

// yamlValue writes v. inline tells whether the value continues a line that
// already has a key or a dash on it.
func yamlValue(b *strings.Builder, v any, depth int, inline bool) {
	pad := strings.Repeat("  ", depth)
	switch t := v.(type) {
	case *ordered:
		if len(t.keys) == 0 {
			b.WriteString("{}\n")
			return
		}
		for i, k := range t.keys {
			if i > 0 || !inline {
				b.WriteString(pad)
			}
			b.WriteString(yamlScalar(k) + ":")
			switch child := t.vals[i].(type) {
			case *ordered:
				if len(child.keys) == 0 {
					b.WriteString(" {}\n")
					continue
				}
				b.WriteByte('\n')
				yamlValue(b, child, depth+1, false)
			case []any:
				if len(child) == 0 {
					b.WriteString(" []\n")
					continue
				}
				b.WriteByte('\n')
				yamlValue(b, child, depth+1, false)
			default:
				b.WriteString(" " + yamlScalar(child) + "\n")
			}
		}
	case []any:
		if len(t) == 0 {
			b.WriteString("[]\n")
			return
		}
		for i, item := range t {
			if i > 0 || !inline {
				b.WriteString(pad)
			}
			b.WriteString("- ")
			yamlValue(b, item, depth+1, true)
		}
	default:
		b.WriteString(yamlScalar(t) + "\n")
	}
}

func yamlScalar(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(t)
	case json.Number:
		return t.String()
	case string:
		if t == "" || needsQuotes(t) || !termsafe.Safe(t) {
			q, _ := json.Marshal(t) // a JSON string is a YAML double-quoted one
			return string(termsafe.JSON(q))
		}
		return t
	}
	return fmt.Sprint(v)
}

// needsQuotes tells whether a plain YAML scalar would read back as
// something other than this string.
func needsQuotes(s string) bool {
	switch strings.ToLower(s) {
	case "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n":
		return true
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return true
	}
	if strings.ContainsAny(s, ":#{}[],&*!|>'\"%@`\n\t") || s != strings.TrimSpace(s) || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "?") {
		return true
	}
	return false
}

// when shows a time for a person: relative when recent, a date otherwise.
func (a *app) when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := a.now().Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	var s string
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		s = fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		s = fmt.Sprintf("%dh", int(d.Hours()))
	case d < 60*24*time.Hour:
		s = fmt.Sprintf("%dd", int(d.Hours()/24))
	default:
		return t.UTC().Format("2006-01-02")
	}
	if future {
		return "in " + s
	}
	return s + " ago"
}

// whenPtr is when for a nullable time.
func (a *app) whenPtr(t *time.Time, none string) string {
	if t == nil {
		return none
	}
	return a.when(*t)
}

// rfc3339 is a time for data formats.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func rfc3339Ptr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return rfc3339(*t)
}

// csvCell is a CSV cell as written: a text cell that a spreadsheet would
// take for a formula is neutralised unless --csv-raw asks for the data
// untouched (csvText).
func (a *app) csvCell(s string) string {
	if a.flags.csvRaw {
		return s
	}
	return csvText(s)
}

// csvText neutralises a cell that a spreadsheet would run as a formula
// (termsafe.Cell). A number stays a number, minus sign and all: a
// spreadsheet reads it as a value, never a formula.
func csvText(s string) string {
	if _, ok := new(big.Rat).SetString(s); ok {
		return s
	}
	return termsafe.Cell(s)
}

// safef is fmt.Sprintf with every string, error and Stringer argument shown
// inert (termsafe.Text): the format is ours, the arguments may hold names
// that anyone in the organization wrote. Messages to a person go through it.
func safef(format string, args ...any) string {
	for i, arg := range args {
		switch v := arg.(type) {
		case string:
			args[i] = termsafe.Text(v)
		case error:
			args[i] = termsafe.Text(v.Error())
		case fmt.Stringer:
			args[i] = termsafe.Text(v.String())
		}
	}
	return fmt.Sprintf(format, args...)
}
