package cli

import (
	"encoding/csv"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The main lists at 100 and 60 columns: IDs go first, names are cut last,
// and numbers, limits, model names, roles, statuses and times never.
func TestListsFitTheWidth(t *testing.T) {
	srv := demoServer(t)
	anyID := regexp.MustCompile(`\b(user|wrkspc|apikey|invite)_01`)
	tests := []struct {
		args  []string
		width int
		fits  bool     // every line fits in the width
		whole []string // must appear uncut
		gone  []string // headers left out
	}{
		{[]string{"users", "list"}, 100, true, []string{"hannah.schmidt@acme-robotics.example", "Hannah Schmidt", "claude_code_user", "2026-09-21"}, []string{"ID"}},
		{[]string{"users", "list"}, 60, true, []string{"claude_code_user", "2026-09-21", "kwame.mensah@acme-r…"}, []string{"ID"}},
		{[]string{"workspaces", "list"}, 100, true, []string{"Support Assistant", "cost-center=platform, env=prod", "unrestricted"}, []string{"ID", "ARCHIVED"}},
		{[]string{"workspaces", "list"}, 60, true, []string{"Production", "unrestricted", "2025-11-25"}, []string{"ID", "ARCHIVED"}},
		{[]string{"api-keys", "list"}, 100, true, []string{"research-finetune-data", "sk-ant-api03-", "Hackathon 2026", "inactive", "2027-02-18"}, []string{"ID", "CREATED BY"}},
		{[]string{"api-keys", "list"}, 60, true, []string{"inactive", "2027-02-18", "Research"}, []string{"ID", "CREATED BY", "KEY HINT"}},
		{[]string{"invites", "list"}, 100, true, []string{"finance.analyst@acme-robotics.example", "claude_code_user", "accepted", "in 20d"}, []string{"ID"}},
		{[]string{"invites", "list"}, 60, true, []string{"claude_code_user", "accepted", "in 20d"}, []string{"ID"}},
		{[]string{"workspaces", "members", "list", "Research"}, 100, true, []string{"user_01N3LN9u93wEgXgnhaDceMvI", "lucia.fernandez@acme-robotics.example", "workspace_restricted_developer"}, nil},
		{[]string{"workspaces", "members", "list", "Research"}, 60, true, []string{"lucia.fernandez@acme", "workspace_restricted_developer"}, []string{"USER ID"}},
		{[]string{"rate-limits", "list"}, 100, true, []string{"claude-sonnet-4-6, claude-sonnet-4-5", "output_tokens_per_minute", "2000000", "enqueued_batch_requests"}, nil},
		// Limits and model names alone are wider than 60: the line runs
		// over rather than cut one.
		{[]string{"rate-limits", "list"}, 60, false, []string{"claude-sonnet-4-6, claude-sonnet-4-5", "input_tokens_per_minute", "4000000"}, nil},
		{[]string{"rate-limits", "list", "--workspace", "Production", "--include-inherited"}, 100, true, []string{"input_tokens_per_minute", "2000000", "organization"}, nil},
		{[]string{"rate-limits", "list", "--workspace", "Production", "--include-inherited"}, 60, false, []string{"Claude Sonnet 4.x", "input_tokens_per_minute", "2000000", "organization"}, nil},
	}
	for _, tt := range tests {
		for _, piped := range []bool{false, true} {
			name := strings.Join(tt.args, " ") + " at " + strconv.Itoa(tt.width)
			if piped {
				name += " piped with COLUMNS"
			}
			t.Run(name, func(t *testing.T) {
				tm := term{tty: true, width: tt.width}
				args := tt.args
				if piped {
					// A pipe has no terminal width: -o table takes $COLUMNS.
					tm = term{env: map[string]string{"COLUMNS": strconv.Itoa(tt.width)}}
					args = append(slices.Clip(args), "-o", "table")
				}
				out := mustRun(t, srv, tm, args...).stdout
				lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
				for _, l := range lines {
					if n := utf8.RuneCountInString(l); tt.fits && n > tt.width {
						t.Errorf("%d columns, more than %d: %q", n, tt.width, l)
					}
				}
				for _, w := range tt.whole {
					if !strings.Contains(out, w) {
						t.Errorf("%q is missing or cut:\n%s", w, out)
					}
				}
				head := lines[0]
				for _, h := range tt.gone {
					if regexp.MustCompile(`(^|  )` + h + `(  |$)`).MatchString(head) {
						t.Errorf("header %q still there: %q", h, head)
					}
				}
				if slices.Contains(tt.gone, "ID") {
					if anyID.MatchString(out) {
						t.Errorf("IDs were to go first:\n%s", out)
					}
					if !strings.Contains(strings.ReplaceAll(out, "\n", " "), "left out to fit the terminal; -o csv or -o json has them.") {
						t.Errorf("no note says the IDs were left out:\n%s", out)
					}
				}
			})
		}
	}
}

// A report's footnote wraps to the width, under its own text.
func TestFootnotesWrap(t *testing.T) {
	srv := demoServer(t)
	out := mustRun(t, srv, term{tty: true, width: 60}, "cost", "--since", "7d").stdout
	var note []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "* ") || (note != nil && strings.HasPrefix(l, "  ")) {
			note = append(note, l)
		}
		if n := utf8.RuneCountInString(l); n > 60 && (strings.HasPrefix(l, "* ") || strings.HasPrefix(l, "  ")) {
			t.Errorf("footnote line of %d columns: %q", n, l)
		}
	}
	if len(note) < 2 || !strings.Contains(strings.Join(note, " "), "not final yet") {
		t.Errorf("footnote not wrapped:\n%s", out)
	}
}

// A CSV column is named like the JSON field it shows: the field's path,
// nested names joined with _ (and a list's name in the singular), or the
// end of one; or a name the CLI puts beside an ID (_name, _email).
func TestCSVHeadersAreJSONFieldNames(t *testing.T) {
	srv := demoServer(t)
	mustRun(t, srv, term{}, "rate-limits", "set", "--workspace", "Staging", "--rate-limit", "claude-sonnet-4-6", "--limit", "requests_per_minute=100")
	for _, args := range [][]string{
		{"users", "list"}, {"invites", "list"}, {"workspaces", "list", "--include-archived", "--include-default"},
		{"api-keys", "list"}, {"workspaces", "members", "list", "Research"}, {"rate-limits", "list"},
		{"rate-limits", "list", "--workspace", "Staging", "--include-inherited"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			records, err := csv.NewReader(strings.NewReader(mustRun(t, srv, term{}, append(args, "-o", "csv")...).stdout)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var items []any
			if err := json.Unmarshal([]byte(mustRun(t, srv, term{}, args...).stdout), &items); err != nil {
				t.Fatal(err)
			}
			paths := map[string]bool{}
			for _, it := range items {
				fieldPaths(it, "", paths)
			}
			for _, h := range records[0] {
				if !isFieldName(h, paths) {
					t.Errorf("CSV column %q is no JSON field (fields: %v)", h, slices.Sorted(func(yield func(string) bool) {
						for p := range paths {
							if !yield(p) {
								return
							}
						}
					}))
				}
			}
		})
	}
}

// fieldPaths adds every path of v's object fields, joined with _; the
// objects in a list are under the list's name in the singular.
func fieldPaths(v any, prefix string, out map[string]bool) {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			p := k
			if prefix != "" {
				p = prefix + "_" + k
			}
			out[p] = true
			fieldPaths(child, p, out)
		}
	case []any:
		for _, child := range t {
			fieldPaths(child, strings.TrimSuffix(prefix, "s"), out)
		}
	}
}

func isFieldName(h string, paths map[string]bool) bool {
	if strings.HasSuffix(h, "_name") || strings.HasSuffix(h, "_email") {
		return true
	}
	for p := range paths {
		if p == h || strings.HasSuffix(p, "_"+h) {
			return true
		}
	}
	return false
}

// Report tables follow the same rules: IDs go first, and numbers, model
// names and bars are never cut.
func TestReportTablesFitTheWidth(t *testing.T) {
	srv := demoServer(t)
	models := []string{"claude-sonnet-4-6", "claude-opus-4-6", "claude-haiku-4-5", "claude-sonnet-4-5"}
	tests := []struct {
		args  []string
		width int
		whole []string
	}{
		{[]string{"cost", "--since", "7d"}, 60, []string{"Support Assistant", "$22,980.99", "100.0%"}},
		{[]string{"cost", "--since", "7d", "--by", "model"}, 30, append([]string{"$22,980.99"}, models...)},
		{[]string{"usage", "messages", "--since", "7d", "--by", "workspace", "--by", "model"}, 100, append([]string{"10,207,211,902"}, models...)},
	}
	for _, tt := range tests {
		for _, tm := range []term{{tty: true, width: tt.width}, {env: map[string]string{"COLUMNS": strconv.Itoa(tt.width)}}} {
			out := mustRun(t, srv, tm, append(tt.args, "-o", "table")...).stdout
			for _, w := range tt.whole {
				if !strings.Contains(out, w) {
					t.Errorf("%v at %d (terminal %v): %q is missing or cut:\n%s", tt.args, tt.width, tm.tty, w, out)
				}
			}
			if strings.Contains(out, "wrkspc_") || regexp.MustCompile(`[█▉▊▋▌▍▎▏]…`).MatchString(out) {
				t.Errorf("%v at %d (terminal %v): an ID stayed, or a bar was cut:\n%s", tt.args, tt.width, tm.tty, out)
			}
		}
	}
}
