// Package termsafe makes text that came from somewhere else (the server, a
// file) safe to show a person: inert on a terminal and in a spreadsheet.
//
// Names in an organization are written by many people and read by others,
// so a workspace name must not be able to clear an admin's screen, retitle
// their window, move the cursor to overwrite a prompt, reorder what they
// read with bidirectional overrides, or run as a formula when a CSV export
// is opened in a spreadsheet.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text returns s with every character that a terminal acts on instead of
// showing escaped visibly: C0 controls (tab and newline included, since
// they break a table's layout or fake a line of it), DEL, C1 controls,
// bidirectional overrides and isolates, and bytes that are not UTF-8.
// Bytes are shown as \xNN, runes as \uNNNN, so the escaped form is
// always printable ASCII. Text with nothing to escape is returned as is,
// without allocating.
func Text(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// JSON returns the JSON text b with every character that Text would escape
// written as a \uNNNN escape instead of as itself. Such characters can
// only stand inside JSON strings, where the escape means the same, so the
// data is exactly the same while the text is inert on a terminal (a JSON
// encoder escapes the C0 controls but leaves DEL, C1 controls and
// bidirectional overrides as they are). The C0 controls left are the
// white space between tokens, and stay. b is returned as is when it holds
// nothing to escape.
func JSON(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x20 && unsafeRune(r) {
			if out == nil {
				out = make([]byte, 0, len(b)+16)
			}
			out = append(out, b[last:i]...)
			out = fmt.Appendf(out, `\u%04x`, r)
			last = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// Safe reports whether s can be written to a terminal as it is.
func Safe(s string) bool { return firstUnsafe(s) < 0 }

func firstUnsafe(s string) int {
	for i, r := range s {
		if unsafeRune(r) {
			return i
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}

func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true // C0, DEL, C1 (0x9b is a one-byte CSI on some terminals)
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true // Arabic letter mark, left-to-right and right-to-left marks
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // bidirectional embeddings, overrides and isolates
	}
	return false
}

// Cell returns s made safe for a text cell of a CSV file that someone may
// open in a spreadsheet: a cell starting with a character a spreadsheet
// reads as the start of a formula (=, +, -, @, tab, carriage return, line
// feed, NUL, or the full-width =, +, - and @ that some spreadsheets fold to
// them) gets a leading apostrophe, as OWASP recommends against CSV
// injection, so the spreadsheet shows it as text. Only text columns go
// through it; a number column keeps its minus sign.
func Cell(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '\n', 0, '＝', '＋', '－', '＠':
		return "'" + s
	}
	return s
}
