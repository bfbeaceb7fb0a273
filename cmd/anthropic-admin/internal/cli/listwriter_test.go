package cli

import (
	"bytes"
	"encoding/json"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"testing"
)

// TestListWriterStreams: each data format written item by item is what the
// whole list gives: JSON an indented array ("[]" when empty), JSONL a line
// per item, YAML a list, CSV a header and a record per item.
func TestListWriterStreams(t *testing.T) {
	keys := []string{"name", "count"}
	rows := []dataRow{
		{strCell("name", "a"), intCell("count", 1)},
		{strCell("name", `b "quoted", <tag>`), intCell("count", 2)},
	}
	tests := []struct {
		format string
		rows   []dataRow
		want   string
	}{
		{output.JSON, rows, "[\n  {\n    \"name\": \"a\",\n    \"count\": 1\n  },\n  {\n    \"name\": \"b \\\"quoted\\\", \\u003ctag\\u003e\",\n    \"count\": 2\n  }\n]\n"},
		{output.JSON, nil, "[]\n"},
		{output.JSONL, rows, "{\"name\":\"a\",\"count\":1}\n{\"name\":\"b \\\"quoted\\\", \\u003ctag\\u003e\",\"count\":2}\n"},
		{output.JSONL, nil, ""},
		{output.YAML, rows[:1], "- name: a\n  count: 1\n"},
		{output.YAML, nil, "[]\n"},
		{output.CSV, rows, "name,count\na,1\n\"b \"\"quoted\"\", <tag>\",2\n"},
		{output.CSV, nil, "name,count\n"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var out bytes.Buffer
			a := newApp(&Env{Stdout: &out})
			w := a.rowWriter(tt.format, keys)
			for _, r := range tt.rows {
				if err := w.Write(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.want {
				t.Errorf("got %q\nwant %q", out.String(), tt.want)
			}
		})
	}
}

// TestDataRowJSONIsWhatIndentGives: rows written indented directly read
// byte for byte as their compact JSON re-indented by encoding/json.
func TestDataRowJSONIsWhatIndentGives(t *testing.T) {
	for _, r := range []dataRow{
		{},
		{strCell("plain", "abc"), intCell("n", -12), boolCell("ok", true)},
		{strCell("escaped", "tab\there \"q\" \\ <&> é \u2028 \x01"), strCell("", "")},
	} {
		var want bytes.Buffer
		if err := json.Indent(&want, r.json(), "  ", "  "); err != nil {
			t.Fatal(err)
		}
		if got := r.appendJSON(nil, true); string(got) != want.String() {
			t.Errorf("got %s\nwant %s", got, want.String())
		}
		if !json.Valid(r.json()) {
			t.Errorf("invalid JSON %s", r.json())
		}
	}
}
