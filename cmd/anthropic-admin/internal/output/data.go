package output

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/termsafe"
)

// ListWriter writes a list in a data format (json, jsonl, yaml or csv) one
// item at a time, so a long listing, such as a report's rows, goes out as
// it is made and is never held whole. Close ends it: JSON's closing
// bracket, and the flush.
type ListWriter[T any] struct {
	p      *Printer
	format string
	w      *bufio.Writer
	raw    func(T) json.RawMessage
	// Indented, when set, appends an item as an element of an indented
	// array directly, without re-indenting its raw JSON.
	Indented func(T, []byte) []byte
	cols     []Column[T]
	csv      *csv.Writer
	n        int
	buf      bytes.Buffer
}

// NewListWriter starts a list in format: raw is an item's JSON, cols its
// CSV columns.
func NewListWriter[T any](p *Printer, format string, raw func(T) json.RawMessage, cols []Column[T]) *ListWriter[T] {
	l := &ListWriter[T]{p: p, format: format, w: bufio.NewWriterSize(p.W, 64<<10), raw: raw, cols: cols}
	if format == CSV {
		l.csv = csv.NewWriter(l.w)
		if !p.NoHeaders {
			l.csv.Write(headers(cols, func(c Column[T]) string { return cmp.Or(c.Field, csvHeader(c.Header)) }))
		}
	}
	return l
}

// Write writes one item.
func (l *ListWriter[T]) Write(it T) error {
	l.n++
	switch l.format {
	case JSON:
		l.buf.Reset()
		l.buf.WriteString(",\n  ")
		if l.n == 1 {
			l.buf.Reset()
			l.buf.WriteString("[\n  ")
		}
		if l.Indented != nil {
			l.buf.Write(l.Indented(it, l.buf.AvailableBuffer()))
		} else if err := json.Indent(&l.buf, l.raw(it), "  ", "  "); err != nil {
			return err
		}
		_, err := l.w.Write(termsafe.JSON(l.buf.Bytes()))
		return err
	case JSONL:
		return WriteCompact(l.w, l.raw(it))
	case YAML:
		l.w.WriteString("- ")
		return WriteYAML(l.w, l.raw(it), 1)
	case CSV:
		row := make([]string, len(l.cols))
		for i, c := range l.cols {
			row[i] = l.p.CSVCell(c.csvValue(it))
		}
		return l.csv.Write(row)
	}
	return fmt.Errorf("no list writer for the %s format", l.format)
}

// Close ends the list and flushes it.
func (l *ListWriter[T]) Close() error {
	switch {
	case l.csv != nil:
		l.csv.Flush()
		if err := l.csv.Error(); err != nil {
			return err
		}
	case l.n == 0 && (l.format == JSON || l.format == YAML):
		l.w.WriteString("[]\n")
	case l.format == JSON:
		l.w.WriteString("\n]\n")
	}
	return l.w.Flush()
}

// WriteIndented writes raw indented, inert on a terminal.
func WriteIndented(w io.Writer, raw json.RawMessage) error {
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := w.Write(termsafe.JSON(buf.Bytes()))
	return err
}

// WriteCompact writes raw on one line, inert on a terminal.
func WriteCompact(w io.Writer, raw json.RawMessage) error {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := w.Write(termsafe.JSON(buf.Bytes()))
	return err
}

// WriteYAML writes a JSON document as YAML, keeping the key order the API
// used, through the YAML library that reads organization files
// (github.com/goccy/go-yaml), so what the CLI prints it reads back the
// same. indent is the depth the document starts at (1 inside a list).
// Text with characters a terminal acts on is written as a JSON string (a
// YAML double-quoted scalar) with them escaped, so it stays inert.
func WriteYAML(w io.Writer, raw json.RawMessage, indent int) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := readOrdered(dec)
	if err != nil {
		return err
	}
	out, err := yaml.MarshalWithOptions(yamlOf(v), yaml.Indent(2), yaml.IndentSequence(true))
	if err != nil {
		return err
	}
	if pad := strings.Repeat("  ", indent); pad != "" {
		out = bytes.ReplaceAll(bytes.TrimSuffix(out, []byte("\n")), []byte("\n"), []byte("\n"+pad))
		out = append(out, '\n')
	}
	_, err = w.Write(out)
	return err
}

// yamlOf turns what readOrdered read into values the YAML library writes
// in the same order and with the same numbers.
func yamlOf(v any) any {
	switch t := v.(type) {
	case *ordered:
		m := make(yaml.MapSlice, len(t.keys))
		for i, k := range t.keys {
			m[i] = yaml.MapItem{Key: yamlOf(k), Value: yamlOf(t.vals[i])}
		}
		return m
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = yamlOf(x)
		}
		return out
	case json.Number:
		return yamlLiteral(t.String()) // as the API wrote it: no float rounding
	case string:
		if !termsafe.Safe(t) {
			q, _ := json.Marshal(t) // a JSON string is a YAML double-quoted one
			return yamlLiteral(termsafe.JSON(q))
		}
	}
	return v
}

// yamlLiteral is YAML text written as it is.
type yamlLiteral string

func (l yamlLiteral) MarshalYAML() ([]byte, error) { return []byte(l), nil }

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
