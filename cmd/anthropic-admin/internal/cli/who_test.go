package cli

import (
	"encoding/csv"
	"math/big"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// analyticsCents is the exact sum of the analytics cost endpoint's amounts
// over a range, asked for whole, ungrouped.
func analyticsCents(t *testing.T, c *admin.Client, start, end string) *big.Rat {
	t.Helper()
	s, _ := time.Parse(time.RFC3339, start)
	e, _ := time.Parse(time.RFC3339, end)
	sum := new(big.Rat)
	for r, err := range c.Analytics.CostRange(admin.AnalyticsCostParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: s, EndingAt: e,
		TimeBucketWidth: admin.BucketWidthDay, PageCursor: admin.PageCursor{Limit: 1000}}}).All(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		sum.Add(sum, r.Cost.Amount.Cents())
	}
	return sum
}

// Who spent it: every analytics --by adds up to the endpoint's own total,
// in the table and in the data rows, with --top or without; names stand
// beside IDs.
func TestCostByWho(t *testing.T) {
	srv := demoServer(t)
	const mtdStart, mtdEnd = "2026-11-01T00:00:00Z", "2026-11-21T00:00:00Z"
	total := analyticsCents(t, srv.Client(), mtdStart, mtdEnd)
	for _, tc := range []struct {
		by, idCol, nameCol, name string
	}{
		{"user", "user_id", "user_email", "@acme-robotics.example"},
		{"api-key", "api_key_id", "api_key_name", "prod-"},
		{"actor", "actor_id", "actor_name", "@acme-robotics.example"},
		{"service-account", "service_account_id", "service_account_name", ""},
		{"product", "product", "", "messages_api"},
	} {
		t.Run(tc.by, func(t *testing.T) {
			for _, top := range []string{"0", "3"} {
				table := mustRun(t, srv, term{tty: true}, "cost", "--month-to-date", "--by", tc.by, "--top", top).stdout
				if !strings.Contains(totalLine(t, table), " "+tableDollars(total)+"  100.0%") {
					t.Errorf("--top %s: the TOTAL is not the exact total %s rounded:\n%s", top, total.FloatString(8), table)
				}
				for _, want := range []string{"from usage & cost analytics", "* Nov 20 is not final yet", tc.name} {
					if !strings.Contains(table, want) {
						t.Errorf("--top %s: the table lacks %q:\n%s", top, want, table)
					}
				}
				rows := jsonList(t, mustRun(t, srv, term{}, "cost", "--month-to-date", "--by", tc.by, "--top", top).stdout)
				if got := sumColumn(t, rows, "cost_cents"); got.Cmp(total) != 0 {
					t.Errorf("--top %s: cost_cents adds up to %s, want %s", top, got.FloatString(10), total.FloatString(10))
				}
				others := 0
				for _, r := range rows {
					if _, ok := r[tc.idCol]; !ok {
						t.Fatalf("row %v has no %s", r, tc.idCol)
					}
					if _, ok := r[tc.nameCol]; tc.nameCol != "" && !ok {
						t.Fatalf("row %v has no %s", r, tc.nameCol)
					}
					if r["other"] == true {
						others++
					}
					if r["final"] != (r["date_start"] != "2026-11-20T00:00:00Z") {
						t.Fatalf("row %v: only today is not final", r)
					}
				}
				if (top == "3") != (others > 0) && tc.by != "service-account" {
					t.Errorf("--top %s: %d other rows", top, others)
				}
			}
		})
	}
	golden(t, "cost-by-user-month-to-date-top-5", mustRun(t, srv, term{tty: true}, "cost", "--by", "user", "--month-to-date", "--top", "5").stdout)
	golden(t, "cost-by-api-key-since-7d", mustRun(t, srv, term{tty: true}, "cost", "--by", "api-key", "--since", "7d", "--top", "5").stdout)
}

// --top on a cost report dimension keeps the total whole too.
func TestCostTopOfTheCostReport(t *testing.T) {
	srv := demoServer(t)
	all := mustRun(t, srv, term{tty: true}, "cost", "--by", "model", "--since", "7d").stdout
	top := mustRun(t, srv, term{tty: true}, "cost", "--by", "model", "--since", "7d", "--top", "2").stdout
	if totalLine(t, all) != totalLine(t, top) || !strings.Contains(top, "other models)") {
		t.Errorf("--top 2:\n%s\nall:\n%s", top, all)
	}
	rows := jsonList(t, mustRun(t, srv, term{}, "cost", "--by", "model", "--since", "7d", "--top", "2").stdout)
	all2 := jsonList(t, mustRun(t, srv, term{}, "cost", "--by", "model", "--since", "7d").stdout)
	if sumColumn(t, rows, "cost_cents").Cmp(sumColumn(t, all2, "cost_cents")) != 0 {
		t.Error("--top 2 rows do not add up to the rows of every model")
	}
}

func TestCostWhoRefuses(t *testing.T) {
	srv := demoServer(t)
	for _, args := range [][]string{
		{"cost", "--by", "user", "-o", "focus", "--html", "x.html"},
		{"cost", "--by", "user", "--top", "-1"},
	} {
		if r := runCLI(t, srv, term{}, args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// usage messages --by user, actor, product (and with them any other --by)
// read the analytics usage endpoint: every row adds up to its ungrouped
// total, and members are named.
func TestUsageMessagesByWho(t *testing.T) {
	srv := demoServer(t)
	s, e := time.Date(2026, 11, 14, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	var want int64
	for r, err := range srv.Client().Analytics.UsageRange(admin.AnalyticsUsageParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: s, EndingAt: e,
		TimeBucketWidth: admin.BucketWidthDay, PageCursor: admin.PageCursor{Limit: 1000}}}).All(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		want += r.Usage.TotalTokens
	}
	if want == 0 {
		t.Fatal("no analytics usage in the demo")
	}
	for _, tc := range []struct {
		by   []string
		cols []string
		name string
	}{
		{[]string{"user"}, []string{"user_id", "user_email"}, "@acme-robotics.example"},
		{[]string{"actor"}, []string{"actor_id", "actor_name"}, "@acme-robotics.example"},
		{[]string{"product"}, []string{"product"}, "claude_code"},
		{[]string{"product", "model"}, []string{"product", "model"}, "claude-sonnet-4-6"},
		{[]string{"user", "api-key"}, []string{"user_id", "user_email", "api_key_id", "api_key_name"}, "prod-"},
	} {
		t.Run(strings.Join(tc.by, "+"), func(t *testing.T) {
			args := []string{"usage", "messages", "--since", "6d"}
			for _, b := range tc.by {
				args = append(args, "--by", b)
			}
			rows := jsonList(t, mustRun(t, srv, term{}, args...).stdout)
			var got int64
			for _, r := range rows {
				for _, c := range tc.cols {
					if _, ok := r[c]; !ok {
						t.Fatalf("row %v lacks %s", r, c)
					}
				}
				got += int64(r["total_tokens"].(float64))
			}
			if got != want {
				t.Errorf("total_tokens add up to %d, want %d", got, want)
			}
			table := mustRun(t, srv, term{tty: true, width: 400}, append(args, "-o", "table")...).stdout
			for _, w := range []string{"usage & cost analytics", tc.name, "* Nov 20 is not final yet", countText(want)} {
				if !strings.Contains(table, w) {
					t.Errorf("the table lacks %q:\n%s", w, table)
				}
			}
		})
	}
	if r := runCLI(t, srv, term{}, "usage", "messages", "--by", "user", "--bucket", "1h"); r.code != ExitUsage {
		t.Errorf("--by user --bucket 1h: exit %d, stderr %q", r.code, r.stderr)
	}
	golden(t, "usage-messages-by-product-since-7d", mustRun(t, srv, term{tty: true}, "usage", "messages", "--by", "product", "--since", "7d").stdout)
}

// cost --by actor -o focus writes FOCUS rows from the analytics API: the
// cost report's columns with ListCost and the actor columns, every amount
// exact, every row naming who incurred it.
func TestCostFOCUSFromAnalytics(t *testing.T) {
	srv := demoServer(t)
	total := analyticsCents(t, srv.Client(), "2026-11-18T00:00:00Z", rangeEnd)
	out := mustRun(t, srv, term{}, "cost", "--since", "2d", "--by", "actor", "-o", "focus").stdout
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := records[0]
	col := func(name string) int {
		i := slices.Index(head, name)
		if i < 0 {
			t.Fatalf("no %s column in %v", name, head)
		}
		return i
	}
	billed, list, typ, id, name := col("BilledCost"), col("ListCost"), col("x_ActorType"), col("x_ActorId"), col("x_ActorName")
	sum := new(big.Rat)
	types := map[string]bool{}
	named := 0
	for _, rec := range records[1:] {
		sum.Add(sum, rat(t, rec[billed]))
		if rec[list] == "" || rec[typ] == "" || rec[id] == "" {
			t.Fatalf("row %v lacks ListCost or the actor", rec)
		}
		types[rec[typ]] = true
		if rec[name] != "" {
			named++
		}
	}
	if sum.Cmp(hundredth(total)) != 0 {
		t.Errorf("BilledCost adds up to %s, want %s", sum.FloatString(10), hundredth(total).FloatString(10))
	}
	if !types["user_actor"] || !types["service_account_actor"] || named == 0 {
		t.Errorf("actor types %v, %d rows named", types, named)
	}
	// The cost report's export keeps its columns.
	legacy := strings.SplitN(mustRun(t, srv, term{}, "cost", "--since", "2d", "-o", "focus").stdout, "\n", 2)[0]
	if strings.Contains(legacy, "ListCost") || strings.Contains(legacy, "x_Actor") {
		t.Errorf("the cost report's FOCUS header changed: %s", legacy)
	}
}

// Several --by values break spend out by all of them at once, from the
// analytics API: the rows add up to its total, with --top or not.
func TestCostBySeveral(t *testing.T) {
	srv := demoServer(t)
	total := analyticsCents(t, srv.Client(), "2026-11-18T00:00:00Z", rangeEnd)
	for _, tc := range []struct {
		by   []string
		cols []string
	}{
		{[]string{"user", "model"}, []string{"user_id", "user_email", "model"}},
		{[]string{"api-key,workspace"}, []string{"api_key_id", "api_key_name", "workspace_id", "workspace_name"}},
		{[]string{"product", "token-type", "service-tier"}, []string{"product", "token_type", "service_tier"}},
	} {
		for _, top := range []string{"0", "4"} {
			args := []string{"cost", "--since", "2d", "--top", top}
			for _, b := range tc.by {
				args = append(args, "--by", b)
			}
			rows := jsonList(t, mustRun(t, srv, term{}, args...).stdout)
			if got := sumColumn(t, rows, "cost_cents"); got.Cmp(total) != 0 {
				t.Errorf("%v: cost_cents add up to %s, want %s", args, got.FloatString(10), total.FloatString(10))
			}
			for _, c := range tc.cols {
				if _, ok := rows[0][c]; !ok {
					t.Errorf("%v: no %s in %v", args, c, rows[0])
				}
			}
			table := mustRun(t, srv, term{tty: true, width: 300}, append(args, "-o", "table")...).stdout
			if !strings.Contains(totalLine(t, table), " "+tableDollars(total)+"  100.0%") {
				t.Errorf("%v: the TOTAL is not %s:\n%s", args, tableDollars(total), table)
			}
		}
	}
	golden(t, "cost-by-user-and-model-top-6", mustRun(t, srv, term{tty: true}, "cost", "--month-to-date", "--by", "user", "--by", "model", "--top", "6").stdout)
	for _, args := range [][]string{
		{"cost", "--by", "description", "--by", "model"},
		{"cost", "--by", "user", "--by", "user"},
		{"cost", "--by", "user", "--by", "model", "--chart"},
		{"cost", "--by", "user", "--by", "model", "-o", "focus"},
		{"cost", "--by", "user,model,workspace,product,service-tier,context-window"},
	} {
		if r := runCLI(t, srv, term{}, args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// The HTML report has a "who" section (top keys, top members) when the
// analytics API answers for the range, and none when it cannot.
func TestCostHTMLWho(t *testing.T) {
	srv := demoServer(t)
	for _, tc := range []struct {
		args []string
		who  bool
	}{
		{[]string{"--since", "7d"}, true},
		{[]string{"--from", "2025-12-20", "--to", "2026-01-03"}, false},
	} {
		path := t.TempDir() + "/report.html"
		mustRun(t, srv, term{}, append([]string{"cost", "--html", path}, tc.args...)...)
		page, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"Top API keys", "Top users", "prod-doc-extractor", "@acme-robotics.example", "From usage &amp; cost analytics"} {
			if strings.Contains(string(page), w) != tc.who {
				t.Errorf("%v: %q in the page is %v, want %v", tc.args, w, !tc.who, tc.who)
			}
		}
	}
}
