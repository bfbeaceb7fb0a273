// Package output writes what the commands print: the formats a listing
// takes (a table for a person; JSON, JSONL, YAML or CSV for a program),
// its columns, and a table's layout in the terminal's width (which columns
// go or are cut first, wrapping). Whatever it prints of names and other
// text from the server is inert on a terminal and in a spreadsheet
// (package termsafe).
//
// A command holds one Printer, made from its terminal and the --no-headers
// and --csv-raw flags, and prints through it: List and One for items,
// Printer.Table and Printer.ReportTable for tables of text, Printer.Lines
// and Printer.Styled for notes.
package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/termsafe"
)

// Output formats.
const (
	Table = "table"
	JSON  = "json"
	JSONL = "jsonl"
	CSV   = "csv"
	YAML  = "yaml"
)

// Formats are the formats any listing takes, in the order help names them.
var Formats = []string{Table, JSON, JSONL, CSV, YAML}

// Printer prints to W for a terminal of Width columns (0: unknown) that
// shows Color (bold, color) when set.
type Printer struct {
	W     io.Writer
	Width int
	Color bool
	// NoHeaders leaves out the header row of tables and CSV.
	NoHeaders bool
	// CSVRaw writes CSV text cells as they are, even one a spreadsheet
	// would run as a formula (see CSVText).
	CSVRaw bool
}

// Column is one column of a listing: a header, the text a person reads in
// a table, and the value a program reads in CSV (Text when nil).
type Column[T any] struct {
	Header string
	Text   func(T) string
	Value  func(T) string
	// Field names the column in CSV: the JSON field it shows, nested ones
	// joined with _ (group_display_name); from Header when empty.
	Field string
	// Fit is what the column may give up in a narrow terminal.
	Fit Fit
	// Right aligns the column to the right, as numbers are.
	Right bool
}

func (c Column[T]) csvValue(item T) string {
	if c.Value != nil {
		return c.Value(item)
	}
	return c.Text(item)
}

func headers[T any](cols []Column[T], name func(Column[T]) string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = name(c)
	}
	return out
}

// csvHeader turns a header like "created by" into created_by.
func csvHeader(h string) string { return strings.ReplaceAll(strings.ToLower(h), " ", "_") }

// List writes items in format: a table, or a data format. Data formats
// write each item's raw JSON as the API sent it, unknown fields included.
func List[T any](p *Printer, format string, items []T, raw func(T) json.RawMessage, cols []Column[T]) error {
	if format != Table {
		lw := NewListWriter(p, format, raw, cols)
		for _, it := range items {
			if err := lw.Write(it); err != nil {
				return err
			}
		}
		return lw.Close()
	}
	rows := make([][]string, len(items))
	for i, it := range items {
		rows[i] = make([]string, len(cols))
		for j, c := range cols {
			rows[i][j] = c.Text(it)
		}
	}
	var head []string
	if !p.NoHeaders {
		head = headers(cols, func(c Column[T]) string { return strings.ToUpper(c.Header) })
	}
	styles := make([]Style, len(cols))
	for i, c := range cols {
		styles[i] = Style{Fit: c.Fit, Right: c.Right}
	}
	p.Table("", head, rows, styles)
	return nil
}

// One writes one object: as a key/value list in a table, else like a list
// of one.
func One[T any](p *Printer, format string, item T, raw func(T) json.RawMessage, cols []Column[T]) error {
	switch format {
	case JSON:
		return WriteIndented(p.W, raw(item))
	case YAML:
		return WriteYAML(p.W, raw(item), 0)
	case Table:
		rows := make([][]string, len(cols))
		for i, c := range cols {
			rows[i] = []string{strings.ToUpper(c.Header) + ":", c.Text(item)}
		}
		p.Table("", nil, rows, []Style{{Fit: FitKeep}, {Fit: FitCut}})
		return nil
	}
	return List(p, format, []T{item}, raw, cols)
}

// Lines writes lines, skipping empty ones, wrapped to the width; a
// footnote ("* ...") continues under its text.
func (p *Printer) Lines(lines ...string) {
	for _, l := range lines {
		p.Styled(l, "")
	}
}

// Styled prints one line of Lines, inert whatever names it holds, in an
// SGR style (such as "1;31", bold red) on a color terminal.
func (p *Printer) Styled(l, style string) {
	if l == "" {
		return
	}
	indent := ""
	if strings.HasPrefix(l, "* ") {
		indent = "  "
	}
	text := Wrap(termsafe.Text(l), p.Width, indent)
	if style != "" && p.Color {
		text = "\x1b[" + style + "m" + text + "\x1b[0m"
	}
	fmt.Fprintln(p.W, text)
}

// CSVCell is a CSV cell as written: a text cell that a spreadsheet would
// take for a formula is neutralised unless CSVRaw asks for the data
// untouched (CSVText).
func (p *Printer) CSVCell(s string) string {
	if p.CSVRaw {
		return s
	}
	return CSVText(s)
}
