package cli

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"
)

func TestClaudeCodeTable(t *testing.T) {
	srv := demoServer(t)
	r := mustRun(t, srv, term{tty: true}, "usage", "claude-code", "--since", "7d")
	golden(t, "usage-claude-code", r.stdout)
	for _, want := range []string{"8 UTC days", "* Nov 20 is not final yet", "API key"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the table lacks %q", want)
		}
	}
	if !strings.Contains(r.stderr, "fetching Claude Code report… 100%") {
		t.Errorf("tty stderr = %q", r.stderr)
	}
}

func TestClaudeCodeDataIsExact(t *testing.T) {
	srv := demoServer(t)
	days := []string{"2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"}
	// The exact sum of the estimates, and the sessions, per the raw report.
	cents, sessions := new(big.Rat), int64(0)
	actors := map[string]bool{}
	for _, day := range days {
		var records []struct {
			Actor struct {
				Email string `json:"email_address"`
				Key   string `json:"api_key_name"`
			} `json:"actor"`
			CoreMetrics struct {
				Sessions int64 `json:"num_sessions"`
			} `json:"core_metrics"`
			ModelBreakdown []struct {
				EstimatedCost struct {
					Amount json.Number `json:"amount"`
				} `json:"estimated_cost"`
			} `json:"model_breakdown"`
		}
		out := mustRun(t, srv, term{}, "api", "GET", "usage_report/claude_code", "-f", "starting_at="+day, "-f", "limit=5", "--paginate").stdout
		if err := json.Unmarshal([]byte(out), &records); err != nil {
			t.Fatal(err)
		}
		for _, rec := range records {
			actors[rec.Actor.Email+rec.Actor.Key] = true
			sessions += rec.CoreMetrics.Sessions
			for _, m := range rec.ModelBreakdown {
				cents.Add(cents, rat(t, m.EstimatedCost.Amount.String()))
			}
		}
	}

	rows := jsonList(t, mustRun(t, srv, term{}, "usage", "claude-code", "--since", "3d").stdout)
	if len(rows) != len(actors) {
		t.Errorf("%d rows for %d actors", len(rows), len(actors))
	}
	var gotSessions int64
	for _, r := range rows {
		gotSessions += int64(r["sessions"].(float64))
		if r["range_start"] != "2026-11-17T00:00:00Z" || r["range_end"] != "2026-11-21T00:00:00Z" || r["final"] != false {
			t.Fatalf("row %v", r)
		}
	}
	if got := sumColumn(t, rows, "estimated_cost_cents"); got.Cmp(cents) != 0 || gotSessions != sessions {
		t.Errorf("rows: %s cents and %d sessions, the report %s and %d", got.FloatString(2), gotSessions, cents.FloatString(2), sessions)
	}
	if got := sumColumn(t, rows, "estimated_cost_usd"); got.Cmp(hundredth(cents)) != 0 {
		t.Errorf("estimated_cost_usd adds up to %s", got.FloatString(4))
	}
	first := rows[0]
	accepted, rejected := int64(first["tool_accepted"].(float64)), int64(first["tool_rejected"].(float64))
	if want := new(big.Rat).SetFrac64(100*accepted, accepted+rejected).FloatString(1); first["tool_acceptance_percent"] != want {
		t.Errorf("acceptance %v for %v accepted, %v rejected", first["tool_acceptance_percent"], accepted, rejected)
	}

	// One day, and it is over: every row is final.
	day := jsonList(t, mustRun(t, srv, term{}, "usage", "claude-code", "--day", "2026-11-19").stdout)
	if len(day) == 0 || day[0]["range_start"] != "2026-11-19T00:00:00Z" || day[0]["range_end"] != "2026-11-20T00:00:00Z" || day[0]["final"] != true {
		t.Errorf("--day: %v", day[0])
	}
}
