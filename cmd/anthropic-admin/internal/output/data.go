package output

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

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
// used. indent is the depth the document starts at.
func WriteYAML(w io.Writer, raw json.RawMessage, indent int) error {
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
