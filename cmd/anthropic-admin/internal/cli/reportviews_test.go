package cli

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// Fancy charts need a terminal and no NO_COLOR; anything else gets ASCII.
func TestChartModeFollowsTheTerminal(t *testing.T) {
	for _, tc := range []struct {
		tty     bool
		noColor string
		fancy   bool
	}{
		{true, "", true},
		{true, "1", false},
		{false, "", false},
		{false, "1", false},
	} {
		env := &Env{StdoutTTY: tc.tty, Width: 77, Getenv: func(k string) string {
			if k == "NO_COLOR" {
				return tc.noColor
			}
			return ""
		}}
		c := (&app{env: env}).termChart()
		if c.Fancy != tc.fancy || c.Width != 77 {
			t.Errorf("tty=%v NO_COLOR=%q: fancy=%v width=%d", tc.tty, tc.noColor, c.Fancy, c.Width)
		}
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
	demoOut := mustRun(t, srv, term{}, "demo").stdout
	spend, who, _ := strings.Cut(demoOut, "▸ Top 5 API keys")
	demo := rowsOf(spend, names)
	// The demo's top keys and members read as cost --by api-key and --by
	// user do, their TOTAL the month's analytics spend.
	keys, users, _ := strings.Cut(who, "▸ Top 5 users")
	for _, by := range []string{"api-key", "user"} {
		out := keys
		if by == "user" {
			out = users
		}
		want := rowsOf(mustRun(t, srv, term{}, "cost", "--month-to-date", "--by", by, "--top", "5", "-o", "table").stdout, []string{"TOTAL"})
		if got := rowsOf(out, []string{"TOTAL"}); got["TOTAL"] == "" || got["TOTAL"] != want["TOTAL"] {
			t.Errorf("demo top %s: TOTAL %q, cost --by %s %q", by, got["TOTAL"], by, want["TOTAL"])
		}
	}
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

// parseXML reads the page as XML, which it is written to be, and returns its
// elements by name and all its text.
func parseXML(t *testing.T, page string) (map[string]int, string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(page))
	elements := map[string]int{}
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return elements, text.String()
		}
		if err != nil {
			t.Fatalf("the report is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			elements[tok.Name.Local]++
		case xml.CharData:
			text.Write(tok)
		}
	}
}
