package cli

import (
	"math/big"
	"strings"
	"testing"
)

func TestBudget(t *testing.T) {
	srv := demoServer(t)
	// At testNow the demo has spent $53,019.18 in November and is heading
	// for $84,611.05 by the month's end.
	tests := []struct {
		name, budget string
		code         int
		verdict      string
	}{
		{"under", "100000", ExitOK, "Within budget: at the pace of the last 7 days the month ends at $84,611.05, $15,388.95 under."},
		{"projected over", "80000", ExitOverBudget, "PROJECTED OVER BUDGET: at the pace of the last 7 days the month ends at $84,611.05, $4,611.05 over."},
		{"over already", "$50000", ExitOverBudget, "OVER BUDGET: $53,019.18 spent already"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, srv, term{tty: true}, "budget", "--monthly", tt.budget)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.verdict) {
				t.Fatalf("exit %d, want %d; stdout:\n%s", r.code, tt.code, r.stdout)
			}
			if tt.code == ExitOverBudget && !strings.Contains(r.stderr, "over the monthly budget") {
				t.Errorf("stderr = %q", r.stderr)
			}
			if tt.name == "projected over" {
				golden(t, "budget", r.stdout)
			}
		})
	}
}

func TestBudgetJSONIsExact(t *testing.T) {
	srv := demoServer(t)
	r := runCLI(t, srv, term{}, "budget", "--monthly", "80000")
	if r.code != ExitOverBudget {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := jsonObject(t, r.stdout)
	monthToDate := rawCostCents(t, srv, "2026-11-01T00:00:00Z", rangeEnd)
	trailing := rawCostCents(t, srv, "2026-11-13T00:00:00Z", "2026-11-20T00:00:00Z")
	average := new(big.Rat).Quo(trailing, big.NewRat(7, 1))
	// From 15:30 on the 20th to December: 10 days and 8.5 hours.
	projected := new(big.Rat).Add(monthToDate, new(big.Rat).Mul(average, big.NewRat(497, 48)))
	for key, want := range map[string]*big.Rat{
		"budget_cents":         big.NewRat(8_000_000, 1),
		"month_to_date_cents":  monthToDate,
		"month_to_date_usd":    hundredth(monthToDate),
		"trailing_spend_cents": trailing,
	} {
		if s, _ := got[key].(string); rat(t, s).Cmp(want) != 0 {
			t.Errorf("%s = %v, want exactly %s", key, got[key], want.FloatString(10))
		}
	}
	// Sevenths do not end in decimal: 20 places, rounded.
	for key, want := range map[string]*big.Rat{"daily_average_cents": average, "projected_cents": projected} {
		if got[key] != want.FloatString(20) {
			t.Errorf("%s = %v, want %s", key, got[key], want.FloatString(20))
		}
	}
	if got["projected_over_budget"] != true || got["over_budget"] != false || got["month"] != "2026-11" || got["trailing_start"] != "2026-11-13T00:00:00Z" {
		t.Errorf("budget = %v", got)
	}
	if ids, ok := got["workspace_ids"].([]any); !ok || len(ids) != 0 {
		t.Errorf("workspace_ids = %#v", got["workspace_ids"])
	}

	// One workspace: its own spend, under the same budget.
	ws := jsonObject(t, mustRun(t, srv, term{}, "budget", "--monthly", "80000", "--workspace", "Research").stdout)
	research := jsonList(t, mustRun(t, srv, term{}, "cost", "--month-to-date", "--workspace", "Research").stdout)
	if want := sumColumn(t, research, "cost_cents"); rat(t, ws["month_to_date_cents"].(string)).Cmp(want) != 0 || ws["projected_over_budget"] != false {
		t.Errorf("Research budget = %v, month to date want %s", ws, want.FloatString(8))
	}
}
