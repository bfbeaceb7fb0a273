package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
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
}

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
		head = headers(cols, strings.ToUpper)
	}
	a.writeTable(head, rows)
	return nil
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
		a.writeTable(nil, rows)
		return nil
	}
	return printList(a, cmd, []T{item}, raw, cols)
}

func headers[T any](cols []column[T], style func(string) string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = style(c.header)
	}
	return out
}

// csvHeader turns a header like "created by" into created_by.
func csvHeader(h string) string { return strings.ReplaceAll(strings.ToLower(h), " ", "_") }

// writeTable aligns rows under head. When the terminal is narrower than the
// table, the widest columns are cut with an ellipsis, never the first.
func (a *app) writeTable(head []string, rows [][]string) { a.renderTable("", head, rows) }

// writeIndentedTable is writeTable inside an indented section, with the
// columns numbered in right aligned (for amounts and counts).
func (a *app) writeIndentedTable(head []string, rows [][]string, right ...int) {
	a.renderTable("  ", head, rows, right...)
}

func (a *app) renderTable(indent string, head []string, rows [][]string, right ...int) {
	all := rows
	if head != nil {
		all = append([][]string{head}, rows...)
	}
	if len(all) == 0 {
		return
	}
	widths := make([]int, len(all[0]))
	for _, r := range all {
		for i, cell := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	if limit := a.env.Width - len(indent); limit > 0 && a.env.StdoutTTY {
		fitWidths(widths, limit, right)
	}
	bold := a.color()
	var b strings.Builder
	for n, r := range all {
		var line strings.Builder
		for i, cell := range r {
			cell = cut(cell, widths[i])
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if slices.Contains(right, i) {
				line.WriteString(pad + cell + "  ")
				continue
			}
			line.WriteString(cell)
			if i < len(r)-1 {
				line.WriteString(pad + "  ")
			}
		}
		text := strings.TrimRight(line.String(), " ")
		if n == 0 && head != nil && bold {
			text = "\x1b[1m" + text + "\x1b[0m"
		}
		b.WriteString(indent)
		b.WriteString(text)
		b.WriteByte('\n')
	}
	io.WriteString(a.env.Stdout, b.String())
}

// fitWidths shrinks the widest columns until the row fits in limit. The
// first column and the right aligned ones (amounts and counts, which must
// never be cut) keep their width.
func fitWidths(widths []int, limit int, keep []int) {
	total := func() int {
		t := 0
		for _, w := range widths {
			t += w + 2
		}
		return t - 2
	}
	for total() > limit {
		widest := -1
		for i := 1; i < len(widths); i++ {
			if !slices.Contains(keep, i) && (widest < 0 || widths[i] > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 || widths[widest] <= 8 {
			return
		}
		widths[widest]--
	}
}

func cut(s string, width int) string {
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	r := []rune(s)
	return string(r[:width-1]) + "…"
}

// listWriter writes a list in a data format (json, jsonl, yaml or csv) one
// item at a time, so a long listing, such as a report's rows, goes out as
// it is made and is never held whole. close ends it: JSON's closing
// bracket, and the flush.
type listWriter[T any] struct {
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
	l := &listWriter[T]{format: format, w: bufio.NewWriterSize(a.env.Stdout, 64<<10), raw: raw, cols: cols}
	if format == formatCSV {
		l.csv = csv.NewWriter(l.w)
		if !a.flags.noHeaders {
			l.csv.Write(headers(cols, csvHeader))
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
		_, err := l.w.Write(l.buf.Bytes())
		return err
	case formatJSONL:
		return writeCompact(l.w, l.raw(it))
	case formatYAML:
		l.w.WriteString("- ")
		return writeYAML(l.w, l.raw(it), 1)
	case formatCSV:
		row := make([]string, len(l.cols))
		for i, c := range l.cols {
			row[i] = c.csvValue(it)
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
	_, err := w.Write(buf.Bytes())
	return err
}

func writeCompact(w io.Writer, raw json.RawMessage) error {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
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
		if t == "" || needsQuotes(t) {
			q, _ := json.Marshal(t)
			return string(q)
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
