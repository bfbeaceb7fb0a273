package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/report"
)

// rawTokens adds up every token count of the usage report as the API sends
// it, read with the api command.
func rawTokens(t *testing.T, srv *admintest.Server, fields ...string) (tokens, webSearches int64) {
	t.Helper()
	args := []string{"api", "GET", "usage_report/messages", "--paginate"}
	for _, f := range fields {
		args = append(args, "-f", f)
	}
	var buckets []struct {
		Results []struct {
			Uncached      int64 `json:"uncached_input_tokens"`
			CacheCreation struct {
				OneHour  int64 `json:"ephemeral_1h_input_tokens"`
				FiveMins int64 `json:"ephemeral_5m_input_tokens"`
			} `json:"cache_creation"`
			CacheRead     int64 `json:"cache_read_input_tokens"`
			Output        int64 `json:"output_tokens"`
			ServerToolUse struct {
				WebSearches int64 `json:"web_search_requests"`
			} `json:"server_tool_use"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, srv, term{}, args...).stdout), &buckets); err != nil {
		t.Fatal(err)
	}
	for _, b := range buckets {
		for _, r := range b.Results {
			tokens += r.Uncached + r.CacheCreation.OneHour + r.CacheCreation.FiveMins + r.CacheRead + r.Output
			webSearches += r.ServerToolUse.WebSearches
		}
	}
	return tokens, webSearches
}

func TestUsageMessagesTable(t *testing.T) {
	srv := demoServer(t)
	r := mustRun(t, srv, term{tty: true}, "usage", "messages", "--since", "7d")
	golden(t, "usage-messages", r.stdout)
	tokens, searches := rawTokens(t, srv, "starting_at=2026-11-13T00:00:00Z", "ending_at="+rangeEnd, "bucket_width=1d", "limit=31")
	total := strings.Fields(totalLine(t, r.stdout))
	if total[len(total)-1] != countText(tokens) || total[len(total)-2] != countText(searches) {
		t.Errorf("TOTAL row %q, want %s tokens and %s web searches", total, countText(tokens), countText(searches))
	}
	golden(t, "usage-messages-hourly-by-workspace-and-key", mustRun(t, srv, term{tty: true},
		"usage", "messages", "--since", "6h", "--bucket", "1h", "--by", "workspace", "--by", "api-key", "--workspace", "Staging").stdout)
}

func TestUsageMessagesData(t *testing.T) {
	srv := demoServer(t)
	rows := jsonList(t, mustRun(t, srv, term{}, "usage", "messages", "--since", "3d", "--by", "workspace,model").stdout)
	want := []string{"bucket_start", "bucket_end", "workspace_id", "workspace_name", "model", "uncached_input_tokens",
		"cache_creation_5m_input_tokens", "cache_creation_1h_input_tokens", "cache_read_input_tokens", "output_tokens",
		"total_tokens", "web_search_requests", "final"}
	var sum int64
	for _, row := range rows {
		if len(row) != len(want) {
			t.Fatalf("row %v, want the columns %v", row, want)
		}
		parts := int64(0)
		for _, k := range want[5:10] {
			parts += int64(row[k].(float64))
		}
		if parts != int64(row["total_tokens"].(float64)) {
			t.Fatalf("total_tokens is not the sum of the token columns: %v", row)
		}
		sum += parts
		if (row["bucket_start"] == "2026-11-20T00:00:00Z") == row["final"] {
			t.Fatalf("only today's bucket is not final: %v", row)
		}
	}
	tokens, _ := rawTokens(t, srv, "starting_at=2026-11-17T00:00:00Z", "ending_at="+rangeEnd)
	if sum != tokens {
		t.Errorf("rows add up to %d tokens, the report to %d", sum, tokens)
	}

	records, err := csv.NewReader(strings.NewReader(mustRun(t, srv, term{}, "usage", "messages", "--since", "3d", "--by", "workspace,model", "-o", "csv").stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(records[0], want) || len(records) != len(rows)+1 {
		t.Errorf("csv header %v, %d rows", records[0], len(records)-1)
	}
	if n, err := strconv.ParseInt(records[1][10], 10, 64); err != nil || n <= 0 || strings.Contains(records[1][10], ",") {
		t.Errorf("csv total_tokens %q is not a plain integer", records[1][10])
	}
}

func TestUsageMessagesFilters(t *testing.T) {
	srv := demoServer(t)
	keys := jsonList(t, mustRun(t, srv, term{}, "api-keys", "list", "--name", "prod-api-gateway").stdout)
	id := keys[0]["id"].(string)
	before := len(srv.Requests())
	rows := jsonList(t, mustRun(t, srv, term{}, "usage", "messages", "--since", "2d", "--api-key", "prod-api-gateway", "--by", "api-key", "--model", "claude-sonnet-4-6").stdout)
	if len(rows) == 0 {
		t.Fatal("no usage for the key")
	}
	for _, r := range rows {
		if r["api_key_id"] != id || r["api_key_name"] != "prod-api-gateway" {
			t.Fatalf("row %v is not for %s", r, id)
		}
	}
	var sent bool
	for _, req := range srv.Requests()[before:] {
		if req.Path == "/v1/organizations/usage_report/messages" {
			sent = true
			q := req.Query
			if !slices.Equal(q["api_key_ids[]"], []string{id}) || !slices.Equal(q["models[]"], []string{"claude-sonnet-4-6"}) || !slices.Equal(q["group_by[]"], []string{"api_key_id"}) {
				t.Errorf("query %v", q)
			}
		}
	}
	if !sent {
		t.Error("no usage report request")
	}
	if r := runCLI(t, srv, term{}, "usage", "messages", "--api-key", "no-such-key"); r.code != ExitNotFound {
		t.Errorf("unknown key: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestUsageTableTotalsMatchTheBuckets: the table of totals fetches whole
// hours and days as such, yet shows exactly the sums of the buckets of the
// width asked for (the rows of -o json), and the same coverage and
// footnote as those buckets give.
func TestUsageTableTotalsMatchTheBuckets(t *testing.T) {
	srv := demoServer(t)
	c, err := admin.NewClient(admin.WithBaseURL(srv.URL), admin.WithAPIKey(srv.AdminKey()))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		width    admin.BucketWidth
		from, to string
		args     []string
		requests int // at most, for the table, the list of workspace names included
	}{
		{"minutes across a whole day", admin.BucketWidthMinute, "2026-11-18T22:37:00Z", "2026-11-20T01:13:00Z",
			[]string{"--from", "2026-11-18T22:37:00Z", "--to", "2026-11-20T01:13:00Z"}, 6},
		{"minutes up to now", admin.BucketWidthMinute, "2026-11-20T12:00:00Z", testNow.Format(time.RFC3339), []string{"--since", "3h"}, 3},
		{"minutes within an hour", admin.BucketWidthMinute, "2026-11-20T15:00:00Z", testNow.Format(time.RFC3339), []string{"--since", "30m"}, 2},
		{"hours up to now", admin.BucketWidthHour, "2026-11-17T00:00:00Z", testNow.Format(time.RFC3339), []string{"--since", "3d"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"usage", "messages", "--by", "workspace,model", "--bucket", string(tt.width)}, tt.args...)
			before := len(srv.Requests())
			table := mustRun(t, srv, term{}, append(args, "-o", "table")...).stdout
			if n := len(srv.Requests()) - before; n > tt.requests {
				t.Errorf("the table took %d requests, want at most %d", n, tt.requests)
			}
			groups := map[string]int64{}
			var total int64
			for _, row := range jsonList(t, mustRun(t, srv, term{}, args...).stdout) {
				n := int64(row["total_tokens"].(float64))
				groups[row["workspace_name"].(string)+"\x00"+row["model"].(string)] += n
				total += n
			}
			if got := strings.Fields(totalLine(t, table)); got[len(got)-1] != countText(total) {
				t.Errorf("TOTAL %v, want %s", got, countText(total))
			}
			for g, n := range groups {
				name, model, _ := strings.Cut(g, "\x00")
				re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` .* ` + regexp.QuoteMeta(model) + ` .* ` + regexp.QuoteMeta(countText(n)) + `$`)
				if !re.MatchString(table) {
					t.Errorf("no row %s with %s tokens in\n%s", g, countText(n), table)
				}
			}
			// The coverage and the footnote are those of the buckets of the
			// width asked for.
			acc, err := report.NewUsageSummarizer("", testNow)
			if err != nil {
				t.Fatal(err)
			}
			params := admin.UsageMessagesParams{StartingAt: mustTime(t, tt.from), EndingAt: mustTime(t, tt.to), BucketWidth: tt.width}
			for b, err := range c.Usage.MessagesRange(params).All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				acc.Add(b)
			}
			sum := acc.Summary()
			sp := spanOf(sum.Periods, sum.Pending)
			if !strings.Contains(table, sp.coverage()) || !strings.Contains(table, sp.pendingNote("the tokens so far are counted")) {
				t.Errorf("want %q and %q in\n%s", sp.coverage(), sp.pendingNote("the tokens so far are counted"), table)
			}
		})
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
