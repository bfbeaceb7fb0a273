package termsafe

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Production – EU", "Production – EU"},
		{"empty", "", ""},
		{"clear screen and title", "Prod\x1b[2J\x1b]0;pwned\ax", `Prod\x1b[2J\x1b]0;pwned\x07x`},
		{"carriage return and erase line", "good\r\x1b[Kevil", `good\x0d\x1b[Kevil`},
		{"newline and tab", "a\nb\tc", `a\x0ab\x09c`},
		{"NUL and DEL", "a\x00b\x7f", `a\x00b\x7f`},
		{"C1 CSI", "a\u009b2Jb", `a\u009b2Jb`},
		{"bidi override", "invoice\u202Efdp.exe", `invoice\u202efdp.exe`},
		{"bidi isolate and marks", "\u2066x\u2069\u200e\u200f\u061c", `\u2066x\u2069\u200e\u200f\u061c`},
		{"invalid UTF-8", "a\xffb", `a\xffb`},
		{"backslash kept", `C:\temp`, `C:\temp`},
		{"emoji and accents kept", "café 🚀 日本", "café 🚀 日本"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !Safe(got) {
				t.Errorf("Text(%q) = %q is not safe itself", tt.in, got)
			}
			if Safe(tt.in) != (tt.in == tt.want) {
				t.Errorf("Safe(%q) = %v", tt.in, Safe(tt.in))
			}
		})
	}
}

func TestTextDoesNotAllocateForSafeText(t *testing.T) {
	s := "Production workspace for the EU team"
	if n := testing.AllocsPerRun(100, func() { _ = Text(s) }); n != 0 {
		t.Errorf("Text allocates %v times for text with nothing to escape", n)
	}
}

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+1+1", "'+1+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"\n=1", "'\n=1"},
		{"\x00=1", "'\x00=1"},
		{"＝1+1", "'＝1+1"},
		{"Default", "Default"},
		{"a=b", "a=b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Cell(tt.in); got != tt.want {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"Prod\x1b[2J", "a\u202eb", "\xff\xfe", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		if !Safe(got) {
			t.Fatalf("Text(%q) = %q still unsafe", s, got)
		}
		for i := 0; i < len(got); i++ {
			if got[i] < 0x20 || got[i] == 0x7f {
				t.Fatalf("Text(%q) = %q holds control byte %#x", s, got, got[i])
			}
		}
	})
}

func TestJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"name":"plain"}`, `{"name":"plain"}`},
		{"[\n  {\"name\": \"x\"}\n]\n", "[\n  {\"name\": \"x\"}\n]\n"},
		{"{\"name\":\"a\u202eb\u009b\x7f\"}", `{"name":"a\u202eb\u009b\u007f"}`},
		{`{"name":"already \u001b escaped"}`, `{"name":"already \u001b escaped"}`},
	}
	for _, tt := range tests {
		got := JSON([]byte(tt.in))
		if string(got) != tt.want {
			t.Errorf("JSON(%q) = %q, want %q", tt.in, got, tt.want)
		}
		var a, b any
		if err := json.Unmarshal([]byte(tt.in), &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(got, &b); err != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("JSON(%q) changed the data: %v vs %v (%v)", tt.in, a, b, err)
		}
	}
}
