package cli

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/render"
	"github.com/anthropic-admin-go/admin/report"
)

// The demo's last 30 days and today, as `cost` (--since 30d) reads them at
// testNow: up to the end of today's bucket, since a request must end on a
// bucket boundary, and the fake gives the running bucket so far.
const (
	rangeStart = "2026-10-21T00:00:00Z"
	rangeEnd   = "2026-11-21T00:00:00Z"
)

// rat reads an exact decimal string.
func rat(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("%q is not an exact decimal", s)
	}
	return r
}

// rawCostCents is the exact sum of every amount string of the cost report
// from the API as it is, read with the api command.
func rawCostCents(t *testing.T, srv *admintest.Server, start, end string, groupBy ...string) *big.Rat {
	t.Helper()
	args := []string{"api", "GET", "cost_report", "-f", "starting_at=" + start, "-f", "ending_at=" + end, "-f", "limit=31", "--paginate"}
	for _, g := range groupBy {
		args = append(args, "-f", "group_by[]="+g)
	}
	var buckets []struct {
		Results []struct {
			Amount   string `json:"amount"`
			Currency string `json:"currency"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, srv, term{}, args...).stdout), &buckets); err != nil {
		t.Fatal(err)
	}
	sum := new(big.Rat)
	for _, b := range buckets {
		for _, r := range b.Results {
			if r.Currency != "USD" {
				t.Fatalf("currency %q", r.Currency)
			}
			sum.Add(sum, rat(t, r.Amount))
		}
	}
	return sum
}

// sumColumn adds up a column of exact decimals from parsed rows.
func sumColumn(t *testing.T, rows []map[string]any, key string) *big.Rat {
	t.Helper()
	sum := new(big.Rat)
	for _, r := range rows {
		s, ok := r[key].(string)
		if !ok {
			t.Fatalf("%s = %#v, want a string of decimal digits", key, r[key])
		}
		sum.Add(sum, rat(t, s))
	}
	return sum
}

func hundredth(r *big.Rat) *big.Rat { return new(big.Rat).Quo(r, big.NewRat(100, 1)) }

// tableDollars is how a table shows exact cents: dollars rounded half away
// from zero (as big.Rat.FloatString rounds), with thousands separators.
func tableDollars(cents *big.Rat) string {
	whole, frac, _ := strings.Cut(hundredth(cents).FloatString(2), ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return "$" + whole + "." + frac
}

// totalLine is the TOTAL row of a table.
func totalLine(t *testing.T, table string) string {
	t.Helper()
	for _, line := range strings.Split(table, "\n") {
		if strings.HasPrefix(line, "TOTAL ") {
			return line
		}
	}
	t.Fatalf("no TOTAL row in\n%s", table)
	return ""
}

func TestCostTable(t *testing.T) {
	srv := demoServer(t)
	r := mustRun(t, srv, term{tty: true}, "cost")
	golden(t, "cost", r.stdout)
	total := rawCostCents(t, srv, rangeStart, rangeEnd, "workspace_id")
	if !strings.Contains(totalLine(t, r.stdout), " "+tableDollars(total)+"  100.0%") {
		t.Errorf("the TOTAL row does not show the exact sum %s rounded:\n%s", total.FloatString(8), r.stdout)
	}
	for _, want := range []string{"31 UTC days", "* Nov 20 is not final yet", "Default "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the table lacks %q", want)
		}
	}
	// One request is quick: no progress. Over many windows a terminal sees
	// how far the fetch has got, and the line is cleared after.
	if r.stderr != "" {
		t.Errorf("stderr = %q", r.stderr)
	}
	long := mustRun(t, srv, term{tty: true}, "cost", "--since", "40d")
	if !strings.Contains(long.stderr, "\rfetching cost report… 100%") || !strings.HasSuffix(long.stderr, "\r\x1b[K") {
		t.Errorf("tty stderr = %q", long.stderr)
	}
	if piped := mustRun(t, srv, term{}, "cost", "--since", "40d", "-o", "table"); piped.stderr != "" {
		t.Errorf("piped stderr = %q, want no progress", piped.stderr)
	}

	golden(t, "cost-by-model-since-7d", mustRun(t, srv, term{tty: true}, "cost", "--by", "model", "--since", "7d").stdout)
	golden(t, "cost-by-token-type-last-month", mustRun(t, srv, term{tty: true}, "cost", "--by", "token_type", "--last-month", "--workspace", "Production").stdout)
}

func TestCostCharts(t *testing.T) {
	srv := demoServer(t)
	// A terminal with color: Unicode bars in the groups' colors.
	fancy := mustRun(t, srv, term{tty: true, env: map[string]string{"NO_COLOR": ""}}, "cost", "--chart", "--month-to-date")
	golden(t, "cost-chart-color", fancy.stdout)
	if !strings.Contains(fancy.stdout, "\x1b[34m") || !strings.Contains(fancy.stdout, "█") {
		t.Error("the color chart has no colored blocks")
	}
	// NO_COLOR on a terminal, and a pipe: ASCII only, no escapes.
	for _, tc := range []struct {
		name string
		tm   term
	}{{"cost-chart-no-color", term{tty: true}}, {"cost-chart-pipe", term{}}} {
		got := mustRun(t, srv, tc.tm, "cost", "--chart", "--month-to-date").stdout
		golden(t, tc.name, got)
		if strings.Contains(got, "\x1b[") || strings.Contains(got, "▁") {
			t.Errorf("%s: escapes or Unicode blocks in a plain chart", tc.name)
		}
		if !strings.Contains(got, "Nov 20*") || !strings.Contains(got, "TOTAL") {
			t.Errorf("%s: no table or no mark on today's bar", tc.name)
		}
	}
}

func TestCostDataFormatsAreExact(t *testing.T) {
	srv := demoServer(t)
	rawTotal := rawCostCents(t, srv, rangeStart, rangeEnd)
	// Every dimension, over a few days (the line items of a month take
	// long to make under -race).
	rawDays := rawCostCents(t, srv, "2026-11-18T00:00:00Z", rangeEnd, "description")
	for _, by := range []string{"workspace", "model", "description", "cost-type", "token-type", "service-tier", "context-window", "inference-geo"} {
		rows := jsonList(t, mustRun(t, srv, term{}, "cost", "--by", by, "--since", "2d").stdout)
		if got := sumColumn(t, rows, "cost_usd"); got.Cmp(hundredth(rawDays)) != 0 {
			t.Errorf("--by %s: cost_usd adds up to %s, want exactly %s", by, got.FloatString(10), hundredth(rawDays).FloatString(10))
		}
		if got := sumColumn(t, rows, "cost_cents"); got.Cmp(rawDays) != 0 {
			t.Errorf("--by %s: cost_cents adds up to %s, want %s", by, got.FloatString(10), rawDays.FloatString(10))
		}
		for _, r := range rows {
			if usd, cents := rat(t, r["cost_usd"].(string)), rat(t, r["cost_cents"].(string)); usd.Cmp(hundredth(cents)) != 0 {
				t.Fatalf("--by %s: row %v: dollars are not cents / 100", by, r)
			}
			today := r["date_start"] == "2026-11-20T00:00:00Z"
			if r["final"] != !today || r["currency"] != "USD" {
				t.Fatalf("--by %s: row %v: final should be false for today only", by, r)
			}
		}
	}

	rows := jsonList(t, mustRun(t, srv, term{}, "cost").stdout)
	if got := sumColumn(t, rows, "cost_usd"); got.Cmp(hundredth(rawTotal)) != 0 {
		t.Errorf("30 days: cost_usd adds up to %s, want exactly %s", got.FloatString(10), hundredth(rawTotal).FloatString(10))
	}
	first := rows[0]
	want := []string{"date_start", "date_end", "workspace_id", "workspace_name", "cost_usd", "cost_cents", "currency", "final"}
	if len(first) != len(want) || first["date_start"] != rangeStart || first["date_end"] != "2026-10-22T00:00:00Z" {
		t.Errorf("first row = %v", first)
	}
	names := map[string]string{}
	for _, r := range rows {
		names[r["workspace_id"].(string)] = r["workspace_name"].(string)
	}
	if names[""] != "Default" || len(names) != 5 {
		t.Errorf("workspace names = %v", names)
	}

	week := jsonList(t, mustRun(t, srv, term{}, "cost", "--since", "2d").stdout)
	records, err := csv.NewReader(strings.NewReader(mustRun(t, srv, term{}, "cost", "--since", "2d", "-o", "csv").stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(records[0], want) || len(records) != len(week)+1 {
		t.Fatalf("csv header %v and %d rows, want %v and %d", records[0], len(records)-1, want, len(week))
	}
	csvSum := new(big.Rat)
	for _, rec := range records[1:] {
		csvSum.Add(csvSum, rat(t, rec[4]))
	}
	if csvSum.Cmp(hundredth(rawDays)) != 0 {
		t.Errorf("csv cost_usd adds up to %s", csvSum.FloatString(10))
	}

	lines := strings.Split(strings.TrimSpace(mustRun(t, srv, term{}, "cost", "--since", "2d", "-o", "jsonl").stdout), "\n")
	yaml := mustRun(t, srv, term{}, "cost", "--since", "2d", "-o", "yaml").stdout
	if len(lines) != len(week) || !strings.Contains(yaml, "  final: true\n") || !strings.Contains(yaml, `cost_usd: "`) {
		t.Errorf("jsonl has %d lines for %d rows; yaml:\n%.300s", len(lines), len(week), yaml)
	}
}

func TestCostFilters(t *testing.T) {
	srv := demoServer(t)
	byWorkspace := jsonList(t, mustRun(t, srv, term{}, "cost", "--since", "7d").stdout)
	byModel := jsonList(t, mustRun(t, srv, term{}, "cost", "--by", "model", "--since", "7d").stdout)
	spendOf := func(rows []map[string]any, key, value string) *big.Rat {
		var kept []map[string]any
		for _, r := range rows {
			if r[key] == value {
				kept = append(kept, r)
			}
		}
		return sumColumn(t, kept, "cost_cents")
	}
	tests := []struct {
		name string
		args []string
		want *big.Rat
	}{
		{"a workspace by name", []string{"--workspace", "Production"}, spendOf(byWorkspace, "workspace_name", "Production")},
		{"the default workspace", []string{"--workspace", "default"}, spendOf(byWorkspace, "workspace_id", "")},
		{"a model, any grouping", []string{"--model", "claude-opus-4-6"}, spendOf(byModel, "model", "claude-opus-4-6")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := jsonList(t, mustRun(t, srv, term{}, append([]string{"cost", "--since", "7d"}, tt.args...)...).stdout)
			if got := sumColumn(t, rows, "cost_cents"); got.Cmp(tt.want) != 0 || tt.want.Sign() <= 0 {
				t.Errorf("filtered spend = %s, want %s", got.FloatString(8), tt.want.FloatString(8))
			}
		})
	}
	table := mustRun(t, srv, term{tty: true}, "cost", "--tier", "batch", "--by", "service-tier", "--since", "7d").stdout
	if !strings.Contains(table, "Only service tier batch (filtered here: the cost report has no filters).") || strings.Contains(table, "standard") {
		t.Errorf("tier filter:\n%s", table)
	}
	if r := runCLI(t, srv, term{}, "cost", "--workspace", "Nowhere"); r.code != ExitNotFound {
		t.Errorf("unknown workspace: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestCostFOCUS(t *testing.T) {
	srv := demoServer(t)
	out := mustRun(t, srv, term{}, "cost", "--since", "7d", "-o", "focus").stdout
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(records[0], report.FOCUSColumns()) {
		t.Fatalf("FOCUS header = %v", records[0])
	}
	col := func(name string) int { return slices.Index(report.FOCUSColumns(), name) }
	billed := new(big.Rat)
	quantities := new(big.Rat)
	var tokenRows int
	for _, rec := range records[1:] {
		billed.Add(billed, rat(t, rec[col("BilledCost")]))
		if rec[col("BilledCost")] != rec[col("EffectiveCost")] || rec[col("BillingCurrency")] != "USD" || rec[col("BillingAccountName")] != "Acme Robotics" {
			t.Fatalf("row %v", rec)
		}
		if rec[col("ResourceId")] == "default" && rec[col("ResourceName")] != "Default" {
			t.Errorf("the default workspace is named %q", rec[col("ResourceName")])
		}
		if rec[col("x_CostType")] == "tokens" {
			tokenRows++
			if rec[col("ConsumedUnit")] != "Tokens" || rec[col("ConsumedQuantity")] == "" {
				t.Fatalf("a token line without its tokens: %v", rec)
			}
			if rec[col("x_TokenType")] == "uncached_input_tokens" {
				quantities.Add(quantities, rat(t, rec[col("ConsumedQuantity")]))
			}
		}
	}
	want := rawCostCents(t, srv, "2026-11-13T00:00:00Z", rangeEnd, "workspace_id", "description")
	if billed.Cmp(hundredth(want)) != 0 || tokenRows == 0 {
		t.Errorf("BilledCost adds up to %s, want exactly %s (%d token rows)", billed.FloatString(10), hundredth(want).FloatString(10), tokenRows)
	}
	// The token counts are the usage report's, on the tiers the cost report bills.
	usage := jsonList(t, mustRun(t, srv, term{}, "usage", "messages", "--since", "7d", "--by", "none", "--tier", "standard", "--tier", "batch").stdout)
	var uncached int64
	for _, r := range usage {
		uncached += int64(r["uncached_input_tokens"].(float64))
	}
	if quantities.Cmp(big.NewRat(uncached, 1)) != 0 {
		t.Errorf("uncached input tokens in FOCUS = %s, in the usage report %d", quantities.FloatString(0), uncached)
	}
}

func TestCostHTML(t *testing.T) {
	srv := demoServer(t)
	path := filepath.Join(t.TempDir(), "report.html")
	r := mustRun(t, srv, term{}, "cost", "--since", "14d", "--html", path)
	if r.stdout != "" || !strings.Contains(r.stderr, "wrote "+path) {
		t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	total := tableDollars(rawCostCents(t, srv, "2026-11-06T00:00:00Z", rangeEnd))
	elements, text := parseXML(t, string(page))
	if elements["script"] != 0 || elements["svg"] == 0 || strings.Contains(string(page), "<script") {
		t.Errorf("elements %v", elements)
	}
	for _, want := range []string{"Acme Robotics", "Nov 6 – Nov 20, 2026", total, "Production", "claude-sonnet-4-6", "Cache read", "Nov 20 will still grow"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// With -o the data goes to stdout as well.
	if rows := jsonList(t, mustRun(t, srv, term{}, "cost", "--since", "2d", "--html", path, "-o", "json").stdout); len(rows) == 0 {
		t.Error("no rows with --html and -o json")
	}
}

func TestReportBadFlagsSendNothing(t *testing.T) {
	srv := demoServer(t)
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"cost", "--since", "7x"}, `unknown unit "x"`},
		{[]string{"cost", "--since", "0d"}, "whole number"},
		{[]string{"cost", "--from", "2026-11-10", "--to", "2026-11-01"}, "reversed"},
		{[]string{"cost", "--from", "2026-11-01", "--to", "2026-11-01"}, "empty"},
		{[]string{"cost", "--from", "11/01/2026"}, "neither a date"},
		{[]string{"cost", "--from", "2027-01-01", "--to", "2027-02-01"}, "not in the past"},
		{[]string{"cost", "--since", "7d", "--from", "2026-11-01"}, "give one time range"},
		{[]string{"cost", "--month-to-date", "--last-month"}, "give one time range"},
		{[]string{"cost", "--by", "team"}, `--by "team"`},
		{[]string{"cost", "-o", "xml"}, "or focus"},
		{[]string{"cost", "--chart", "-o", "json"}, "--chart"},
		{[]string{"usage", "messages", "--by", "workspace,model,api-key,account,service-tier,speed"}, "at most 5"},
		{[]string{"usage", "messages", "--by", "model,model"}, "twice"},
		{[]string{"usage", "messages", "--bucket", "2d"}, `--bucket "2d"`},
		{[]string{"usage", "messages", "--since", "7d", "--to", "2026-11-19"}, "give one time range"},
		{[]string{"usage", "claude-code", "--day", "yesterday"}, "not a date"},
		{[]string{"usage", "claude-code", "--day", "2026-11-19", "--since", "7d"}, "give one time range"},
		{[]string{"budget"}, "--monthly is required"},
		{[]string{"budget", "--monthly", "1,000"}, "thousands separators"},
		{[]string{"budget", "--monthly", "0"}, "more than zero"},
		{[]string{"budget", "--monthly", "500", "-o", "xml"}, "unknown output format"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, srv, term{}, tt.args...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, tt.stderr) || !strings.Contains(r.stderr, "--help") {
				t.Errorf("exit %d, stderr %q; want %d and %q with a usage hint", r.code, r.stderr, ExitUsage, tt.stderr)
			}
		})
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("bad flags sent %d requests", n)
	}
}

// TestCostTableRowsAreExactRounded: every row of every grouping shows its
// own exact spend (the sum of its data rows) and share rounded half away
// from zero, so a row matches the CSV it is checked against; the TOTAL is
// the exact total rounded; and a footnote says so exactly when the rounded
// rows do not add up to it.
func TestCostTableRowsAreExactRounded(t *testing.T) {
	srv := demoServer(t)
	// Rounded independently of the code under test: big.Rat.FloatString
	// rounds halves away from zero.
	money := func(cents *big.Rat) string {
		s := new(big.Rat).Quo(cents, big.NewRat(100, 1)).FloatString(2)
		whole, frac, _ := strings.Cut(s, ".")
		return "$" + render.GroupThousands(whole) + "." + frac
	}
	pct := func(part, total *big.Rat) string {
		return new(big.Rat).Mul(new(big.Rat).Quo(part, total), big.NewRat(100, 1)).FloatString(1) + "%"
	}
	footnotes := 0
	for _, by := range []string{"workspace", "model", "description", "token-type", "cost-type"} {
		t.Run(by, func(t *testing.T) {
			dim, err := costDimNamed(nil, by)
			if err != nil {
				t.Fatal(err)
			}
			groups := map[string]*big.Rat{}
			total := new(big.Rat)
			for _, r := range jsonList(t, mustRun(t, srv, term{}, "cost", "--by", by).stdout) {
				label := r[string(dim.field)].(string)
				if dim == costByWorkspace {
					label = r["workspace_name"].(string)
				} else if label == "" {
					label = dim.none
				}
				if groups[label] == nil {
					groups[label] = new(big.Rat)
				}
				c := rat(t, r["cost_cents"].(string))
				groups[label].Add(groups[label], c)
				total.Add(total, c)
			}
			out := mustRun(t, srv, term{}, "cost", "--by", by, "-o", "table").stdout
			lines := strings.Split(out, "\n")
			rowCents, rowTenths := new(big.Rat), new(big.Rat)
			for label, cents := range groups {
				want := regexp.MustCompile(`^` + regexp.QuoteMeta(label) + `\s.*\s` + regexp.QuoteMeta(money(cents)) + `\s+` + regexp.QuoteMeta(pct(cents, total)) + `\s`)
				if !slices.ContainsFunc(lines, want.MatchString) {
					t.Errorf("no row %q with %s and %s in\n%s", label, money(cents), pct(cents, total), out)
				}
				rowCents.Add(rowCents, rat(t, new(big.Rat).Quo(cents, big.NewRat(1, 1)).FloatString(0)))
				rowTenths.Add(rowTenths, rat(t, new(big.Rat).Mul(new(big.Rat).Quo(cents, total), big.NewRat(1000, 1)).FloatString(0)))
			}
			if !strings.Contains(totalLine(t, out), " "+money(total)+"  100.0%") {
				t.Errorf("TOTAL is not the exact total %s rounded:\n%s", money(total), out)
			}
			addsUp := rowCents.Cmp(rat(t, total.FloatString(0))) == 0 && rowTenths.Cmp(big.NewRat(1000, 1)) == 0
			if note := strings.Contains(out, "Rows are rounded one by one"); note == addsUp {
				t.Errorf("rows add up: %v; footnote: %v\n%s", addsUp, note, out)
			}
			if !addsUp {
				footnotes++
			}
		})
	}
	if footnotes == 0 {
		t.Error("every grouping adds up: the footnote is never tested")
	}
}

// TestDefaultWorkspaceAnyName: the reports give the default workspace no ID
// (null), yet its ID, "Default" and "default" all select it, with the same
// figures, in cost and in usage.
func TestDefaultWorkspaceAnyName(t *testing.T) {
	srv := demoServer(t)
	var ws struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, srv, term{}, "workspaces", "get", "Default", "-o", "json").stdout), &ws); err != nil || ws.ID == "" {
		t.Fatalf("the default workspace's ID: %q, %v", ws.ID, err)
	}
	byWorkspace := jsonList(t, mustRun(t, srv, term{}, "cost", "--since", "7d").stdout)
	var want *big.Rat
	for _, r := range byWorkspace {
		if r["workspace_id"] == "" {
			want = new(big.Rat).Add(cmp.Or(want, new(big.Rat)), rat(t, r["cost_cents"].(string)))
		}
	}
	if want == nil || want.Sign() <= 0 {
		t.Fatal("the default workspace spent nothing: the test proves nothing")
	}
	sumTokens := func(rows []map[string]any) (n int64) {
		for _, r := range rows {
			n += int64(r["total_tokens"].(float64))
		}
		return n
	}
	var usage int64
	for _, spelling := range []string{ws.ID, "Default", "default"} {
		t.Run(spelling, func(t *testing.T) {
			rows := jsonList(t, mustRun(t, srv, term{}, "cost", "--since", "7d", "--workspace", spelling).stdout)
			if got := sumColumn(t, rows, "cost_cents"); got.Cmp(want) != 0 {
				t.Errorf("cost --workspace %s: %s cents, want %s", spelling, got.FloatString(5), want.FloatString(5))
			}
			for _, r := range rows {
				if r["workspace_id"] != "" || r["workspace_name"] != "Default" {
					t.Errorf("cost --workspace %s: row %v", spelling, r)
				}
			}
			table := mustRun(t, srv, term{}, "cost", "--since", "7d", "--workspace", spelling, "-o", "table").stdout
			if !strings.Contains(table, "Only workspace Default ") {
				t.Errorf("cost --workspace %s: the table does not name the filter:\n%s", spelling, table)
			}
			tokens := sumTokens(jsonList(t, mustRun(t, srv, term{}, "usage", "messages", "--since", "7d", "--by", "workspace", "--workspace", spelling).stdout))
			if usage == 0 {
				usage = tokens
			}
			if tokens != usage || tokens <= 0 {
				t.Errorf("usage --workspace %s: %d tokens, want %d", spelling, tokens, usage)
			}
		})
	}
	all := jsonList(t, mustRun(t, srv, term{}, "usage", "messages", "--since", "7d", "--by", "workspace").stdout)
	var defaultTokens int64
	for _, r := range all {
		if r["workspace_id"] == "" {
			defaultTokens += int64(r["total_tokens"].(float64))
		}
	}
	if defaultTokens != usage {
		t.Errorf("usage of the default workspace: %d tokens filtered, %d in the whole report", usage, defaultTokens)
	}
}
