package cli

import (
	"math/big"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/report"
)

// TestEveryFigureIsItsExactValueRounded: amounts and shares are rounded
// half away from zero from their exact values, never cut.
func TestEveryFigureIsItsExactValueRounded(t *testing.T) {
	amount := admin.MustParseAmount
	tests := []struct {
		name, got, want string
	}{
		{"a 56.26% share", share(amount("5626"), amount("10000")), "56.3%"},
		{"a 3.37% share", share(amount("337"), amount("10000")), "3.4%"},
		{"a share just under a half tenth", share(amount("56.249999"), amount("100")), "56.2%"},
		{"a share of exactly half a tenth", share(amount("1"), amount("8")), "12.5%"},
		{"a negative share", share(amount("-337"), amount("10000")), "-3.4%"},
		{"the whole", share(amount("10000"), amount("10000")), "100.0%"},
		{"a share of nothing", share(amount("5"), amount("0")), "0.0%"},
		{"a half cent", dollars(amount("252530.5")), "$2,525.31"},
		{"just under a half cent", dollars(amount("252530.4999")), "$2,525.30"},
		{"a negative half cent", dollars(amount("-252530.5")), "-$2,525.31"},
		{"a credit that rounds to nothing", dollars(amount("-0.4")), "$0.00"},
		{"a projection in thirds of a cent", centsRat(big.NewRat(757591, 3)), "$2,525.30"},
		{"two thirds of a cent", centsRat(big.NewRat(2, 3)), "$0.01"},
		{"days left", roundText(big.NewRat(497, 48), 2), "10.35"},
		{"a count in brief", compactCount(big.NewRat(12_450, 1)), "12.5K"},
		{"a count just under a half", compactCount(big.NewRat(12_449, 1)), "12.4K"},
		{"a whole count in brief", compactCount(big.NewRat(3_000_000, 1)), "3M"},
		{"acceptance of 2 in 3", acceptance(report.ClaudeCodeActivity{ToolAccepted: 2, ToolRejected: 1}), "66.7%"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

// TestRoundingNote: the footnote is there exactly when the rows, each
// rounded, do not add up to the TOTAL printed under them.
func TestRoundingNote(t *testing.T) {
	amounts := func(s ...string) []admin.Amount {
		out := make([]admin.Amount, len(s))
		for i, v := range s {
			out[i] = admin.MustParseAmount(v)
		}
		return out
	}
	tests := []struct {
		name  string
		parts []admin.Amount
		want  string // "" for no note
	}{
		{"rows that add up", amounts("5000", "3000", "2000"), ""},
		// 56.26% + 3.37% + 40.37% = 100%, rounded 56.3 + 3.4 + 40.4 = 100.1.
		{"shares over 100%", amounts("5626", "337", "4037"), "add up to 100.1%; the TOTAL is the exact total rounded, 100.0%."},
		// Three half cents: $0.01 each, $0.03 in all, but the total is 1.5 cents, $0.02.
		{"cents over the total", amounts("0.5", "0.5", "0.5"), "add up to $0.03 and 99.9%; the TOTAL is the exact total rounded, $0.02 and 100.0%."},
		{"cents under the total", amounts("0.4", "0.4", "0.2"), "add up to $0.00; the TOTAL is the exact total rounded, $0.01."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := roundingNote(tt.parts, admin.Sum(tt.parts...))
			if (tt.want == "") != (got == "") || !strings.HasSuffix(got, tt.want) {
				t.Errorf("note %q, want one ending %q", got, tt.want)
			}
		})
	}
}

// TestSameFigureInEveryView: a workspace's spend and share over the last
// 30 days read the same in the cost table, its sparklines, the HTML report
// and the demo; the month's spend so far the same in the budget and the
// cost table.
func TestSameFigureInEveryView(t *testing.T) {
	srv := demoServer(t)
	figures := regexp.MustCompile(`(-?\$[0-9,]+\.[0-9]{2})\s+(-?[0-9]+\.[0-9]%)`)
	// rowsOf reads "name … $x  y%" lines into name → "$x y%".
	rowsOf := func(out string, names []string) map[string]string {
		got := map[string]string{}
		for _, line := range strings.Split(out, "\n") {
			line = strings.TrimSpace(line)
			for _, n := range names {
				if m := figures.FindStringSubmatch(line); m != nil && strings.HasPrefix(line, n+" ") {
					got[n] = m[1] + " " + m[2]
				}
			}
		}
		return got
	}
	names := []string{"Production", "Research", "Support Assistant", "Staging", "Default", "TOTAL"}
	table := rowsOf(mustRun(t, srv, term{}, "cost", "-o", "table").stdout, names)
	if len(table) != len(names) {
		t.Fatalf("the table has %v", table)
	}
	chart := mustRun(t, srv, term{}, "cost", "--chart").stdout
	sparks := rowsOf(chart[strings.LastIndex(chart, "Oct 21"):], append(names[:5:5], "total"))
	sparks["TOTAL"] = sparks["total"]
	delete(sparks, "total")
	path := t.TempDir() + "/report.html"
	mustRun(t, srv, term{}, "cost", "--html", path)
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, html := parseXML(t, string(page))
	demo := rowsOf(mustRun(t, srv, term{}, "demo").stdout, names)
	for _, n := range names {
		want := table[n]
		if sparks[n] != want || demo[n] != want {
			t.Errorf("%s: table %q, sparkline %q, demo %q", n, want, sparks[n], demo[n])
		}
		label := n
		if n == "TOTAL" {
			label = "Total"
		}
		if f := strings.Fields(want); !strings.Contains(html, label+f[0]+f[1]) {
			t.Errorf("%s: the HTML report lacks %q", n, label+f[0]+f[1])
		}
	}
	spent := regexp.MustCompile(`Spent so far\s+(\$[0-9,]+\.[0-9]{2})`).FindStringSubmatch(mustRun(t, srv, term{}, "budget", "--monthly", "1000000", "-o", "table").stdout)
	mtd := rowsOf(mustRun(t, srv, term{}, "cost", "--month-to-date", "-o", "table").stdout, []string{"TOTAL"})
	if spent == nil || !strings.HasPrefix(mtd["TOTAL"], spent[1]+" ") {
		t.Errorf("budget spent so far %v, cost --month-to-date TOTAL %q", spent, mtd["TOTAL"])
	}
}
