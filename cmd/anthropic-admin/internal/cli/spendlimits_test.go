package cli

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/admintest"
)

func TestSpendLimitsList(t *testing.T) {
	srv := demoServer(t)
	golden(t, "spend-limits-list", mustRun(t, srv, term{tty: true, width: 160}, "spend-limits", "list").stdout)

	all := jsonList(t, mustRun(t, srv, term{}, "spend-limits", "list").stdout)
	if len(all) != 6 || all[0]["type"] != "spend_limit" {
		t.Fatalf("JSON list: %d limits, first %v", len(all), all[0])
	}
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"--scope-type", "user"}, 3},
		{[]string{"--scope-type", "organization,workspace"}, 3},
		{[]string{"--workspace", "Production"}, 1},
	}
	for _, tt := range tests {
		got := jsonList(t, mustRun(t, srv, term{}, append([]string{"spend-limits", "list"}, tt.args...)...).stdout)
		if len(got) != tt.want {
			t.Errorf("%v: %d limits, want %d", tt.args, len(got), tt.want)
		}
	}
	csv := mustRun(t, srv, term{}, "spend-limits", "list", "-o", "csv").stdout
	if !strings.HasPrefix(csv, "id,scope_type,scope_id,period,amount,is_enabled,updated_at\n") || !strings.Contains(csv, ",organization,,monthly,12000000,true,") {
		t.Errorf("csv:\n%s", csv)
	}
}

func TestSpendLimitsSet(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		scope  string // the scope's JSON as sent
		amount string // as sent, in cents
		period string
	}{
		{"dollars", []string{"--org", "--amount", "250"}, `{"type":"organization"}`, "25000", ""},
		{"dollar sign and cents", []string{"--org", "--amount", "$250.00", "--period", "daily"}, `{"type":"organization"}`, "25000", "daily"},
		{"cents only", []string{"--org", "--amount", "0.07", "--period", "Weekly"}, `{"type":"organization"}`, "7", "weekly"},
		{"zero", []string{"--org", "--amount", "0"}, `{"type":"organization"}`, "0", ""},
		{"member by email", []string{"--user", "grace.liu@acme-robotics.example", "--amount", "99.90", "--period", "monthly"},
			`{"type":"user","user_id":"user_01BCBgmlzGyFmK8kHGkCuiwe"}`, "9990", "monthly"},
		{"workspace by name", []string{"--workspace", "Production", "--amount", "30000"}, `{"type":"workspace","workspace_id":"`, "3000000", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := demoServer(t)
			r := mustRun(t, srv, term{}, append([]string{"spend-limits", "set", "--yes"}, tt.args...)...)
			w := writes(srv)
			if len(w) != 1 || w[0].Method != "POST" || w[0].Path != "/v1/organizations/spend_limits" {
				t.Fatalf("writes: %+v", w)
			}
			var body struct {
				Scope  json.RawMessage `json:"scope"`
				Amount string          `json:"amount"`
				Period string          `json:"period"`
			}
			if err := json.Unmarshal(w[0].Body, &body); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(body.Scope), tt.scope) || body.Amount != tt.amount || body.Period != tt.period {
				t.Errorf("sent %s", w[0].Body)
			}
			if got := jsonObject(t, r.stdout); got["amount"] != tt.amount {
				t.Errorf("answer %v", got)
			}
			if !strings.Contains(r.stderr, "set the ") {
				t.Errorf("stderr %q", r.stderr)
			}
		})
	}
}

// Bad input is refused before anything is sent, and a change is never made
// without a yes.
func TestSpendLimitsRefused(t *testing.T) {
	srv := demoServer(t)
	tests := []struct {
		name   string
		tm     term
		args   []string
		code   int
		stderr string
	}{
		{"no amount", term{}, []string{"set", "--org", "--yes"}, ExitUsage, "--amount is required"},
		{"fraction of a cent", term{}, []string{"set", "--org", "--amount", "12.345", "--yes"}, ExitUsage, "whole number of cents"},
		{"negative", term{}, []string{"set", "--org", "--amount", "-5", "--yes"}, ExitUsage, "-5"},
		{"thousands separator", term{}, []string{"set", "--org", "--amount", "1,000", "--yes"}, ExitUsage, "without thousands separators"},
		{"no scope", term{}, []string{"set", "--amount", "5", "--yes"}, ExitUsage, "give one of --user, --workspace or --org"},
		{"two scopes", term{}, []string{"set", "--org", "--workspace", "Production", "--amount", "5", "--yes"}, ExitUsage, "give one of"},
		{"unknown period", term{}, []string{"set", "--org", "--amount", "5", "--period", "yearly", "--yes"}, ExitUsage, `--period "yearly": not a period this tool knows; known: daily, weekly, monthly`},
		{"unknown member", term{}, []string{"set", "--user", "nobody@acme-robotics.example", "--amount", "5", "--yes"}, ExitNotFound, "no member has the email nobody@acme-robotics.example"},
		{"set without a terminal", term{}, []string{"set", "--org", "--amount", "5"}, ExitUsage, "refusing to set the spend limit of the organization to $5.00 without --yes"},
		{"set answered no", term{tty: true, stdin: "n\n"}, []string{"set", "--org", "--amount", "5"}, ExitError, "cancelled: nothing was changed"},
		{"delete without a target", term{}, []string{"delete", "--yes"}, ExitUsage, "give the spend limits' IDs"},
		{"delete IDs and a scope", term{}, []string{"delete", "spl_x", "--org", "--yes"}, ExitUsage, "give the spend limits' IDs"},
		{"delete unknown ID", term{}, []string{"delete", "spl_nope", "--yes"}, ExitNotFound, `no spend limit has the ID "spl_nope"`},
		{"delete none of the period", term{}, []string{"delete", "--workspace", "Production", "--period", "daily", "--yes"}, ExitNotFound, "workspace Production has no daily spend limit"},
		{"delete without a terminal", term{}, []string{"delete", "--org"}, ExitUsage, "refusing to delete 2 spend limits"},
		{"list scope type", term{}, []string{"list", "--scope-type", "team"}, ExitUsage, `--scope-type "team": not a scope type this tool knows`},
		{"effective period", term{}, []string{"effective", "--period", "hourly"}, ExitUsage, `--period "hourly"`},
		{"requests status", term{}, []string{"requests", "list", "--status", "open"}, ExitUsage, `--status "open": not a request status this tool knows; known: pending, approved, denied`},
		{"approve no amount", term{}, []string{"requests", "approve", "aiko.tanaka@acme-robotics.example", "--yes"}, ExitUsage, "--amount is required"},
		{"deny none pending", term{}, []string{"requests", "deny", "mei.chen@acme-robotics.example", "--yes"}, ExitNotFound, "no pending spend limit increase request from mei.chen@acme-robotics.example"},
		{"deny without a terminal", term{}, []string{"requests", "deny", "ravi.patel@acme-robotics.example"}, ExitUsage, "refusing to deny the monthly spend limit increase request of ravi.patel@acme-robotics.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			r := runCLI(t, srv, tt.tm, append([]string{"spend-limits"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.stderr)
			}
			if w := writes(srv); len(w) != 0 {
				t.Errorf("sent %d changes", len(w))
			}
		})
	}
}

func TestSpendLimitsDryRun(t *testing.T) {
	srv := demoServer(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"set", "--workspace", "Production", "--amount", "$300.00", "--period", "weekly", "--dry-run"},
			"dry run: would send POST /v1/organizations/spend_limits\n{\n  \"scope\": {\n    \"type\": \"workspace\",\n    \"workspace_id\": \"wrkspc_"},
		{[]string{"delete", "--org", "--period", "daily", "--dry-run"}, "dry run: would send DELETE /v1/organizations/spend_limits/spl_"},
		{[]string{"requests", "approve", "aiko.tanaka@acme-robotics.example", "--amount", "400", "--no-notify", "--dry-run"},
			"/approve\n{\n  \"amount\": \"40000\",\n  \"suppress_notification\": true\n}\n"},
		{[]string{"requests", "deny", "ravi.patel@acme-robotics.example", "--dry-run"}, "/deny\n{}\n"},
	}
	for _, tt := range tests {
		srv.ResetRequests()
		r := mustRun(t, srv, term{}, append([]string{"spend-limits"}, tt.args...)...)
		if !strings.Contains(r.stdout, tt.want) {
			t.Errorf("%v: stdout %q, want %q", tt.args, r.stdout, tt.want)
		}
		if w := writes(srv); len(w) != 0 {
			t.Errorf("%v: sent %d changes", tt.args, len(w))
		}
	}
}

func TestSpendLimitsDelete(t *testing.T) {
	srv := demoServer(t)
	r := mustRun(t, srv, term{tty: true, stdin: "y\n"}, "spend-limits", "delete", "--user", "mei.chen@acme-robotics.example")
	if !strings.Contains(r.stderr, "About to delete spend limit spl_") || !strings.Contains(r.stderr, "(monthly $30,000.00 of member mei.chen@acme-robotics.example)") ||
		!strings.Contains(r.stderr, "deleted spend limit spl_") {
		t.Errorf("stderr %q", r.stderr)
	}
	if got := jsonList(t, mustRun(t, srv, term{}, "spend-limits", "list", "--scope-type", "user").stdout); len(got) != 2 {
		t.Errorf("%d member limits left, want 2", len(got))
	}
	ids := jsonList(t, mustRun(t, srv, term{}, "spend-limits", "list", "--scope-type", "organization").stdout)
	mustRun(t, srv, term{}, "spend-limits", "delete", ids[0]["id"].(string), ids[1]["id"].(string), "--yes")
	if got := jsonList(t, mustRun(t, srv, term{}, "spend-limits", "list").stdout); len(got) != 3 {
		t.Errorf("%d limits left, want 3", len(got))
	}
}

func TestSpendLimitsEffective(t *testing.T) {
	srv := demoServer(t)
	golden(t, "spend-limits-effective", mustRun(t, srv, term{tty: true, width: 140}, "spend-limits", "effective", "--period", "monthly").stdout)

	// Sorted by the share of the limit spent, largest first, in every format.
	rows := jsonList(t, mustRun(t, srv, term{}, "spend-limits", "effective").stdout)
	if len(rows) < 2 {
		t.Fatalf("%d rows", len(rows))
	}
	var last *big.Rat
	for _, row := range rows {
		spent, _ := new(big.Rat).SetString(row["period_to_date_spend"].(string))
		limit, ok := row["amount"].(string)
		if !ok {
			continue
		}
		l, _ := new(big.Rat).SetString(limit)
		share := new(big.Rat).Quo(spent, l)
		if last != nil && share.Cmp(last) > 0 {
			t.Errorf("%v comes after a smaller share", row["actor"])
		}
		last = share
	}
	// --max-items keeps the members closest to their limit.
	top := jsonList(t, mustRun(t, srv, term{}, "spend-limits", "effective", "--max-items", "2").stdout)
	if len(top) != 2 || top[0]["actor"].(map[string]any)["email_address"] != rows[0]["actor"].(map[string]any)["email_address"] ||
		top[1]["actor"].(map[string]any)["email_address"] != rows[1]["actor"].(map[string]any)["email_address"] {
		t.Errorf("--max-items 2: %v", top)
	}
	one := jsonList(t, mustRun(t, srv, term{}, "spend-limits", "effective", "--user", "aiko.tanaka@acme-robotics.example", "--period", "monthly").stdout)
	if len(one) != 1 || one[0]["actor"].(map[string]any)["email_address"] != "aiko.tanaka@acme-robotics.example" || one[0]["amount"] != "250000" {
		t.Errorf("one member: %v", one)
	}
	csv := mustRun(t, srv, term{}, "spend-limits", "effective", "--period", "monthly", "-o", "csv").stdout
	if !strings.HasPrefix(csv, "actor_email_address,actor_name,actor_user_id,period,amount,period_to_date_spend,used_percent,source_type\n") {
		t.Errorf("csv:\n%s", csv)
	}
}

func TestSpendLimitRequests(t *testing.T) {
	srv := demoServer(t)
	golden(t, "spend-limits-requests-list", mustRun(t, srv, term{tty: true, width: 200}, "spend-limits", "requests", "list").stdout)
	if got := jsonList(t, mustRun(t, srv, term{}, "spend-limits", "requests", "list", "--status", "pending").stdout); len(got) != 2 {
		t.Errorf("%d pending", len(got))
	}

	r := mustRun(t, srv, term{tty: true, stdin: "yes\n"}, "spend-limits", "requests", "approve", "aiko.tanaka@acme-robotics.example", "--amount", "$400")
	if !strings.Contains(r.stderr, "About to approve the monthly spend limit increase request of aiko.tanaka@acme-robotics.example with a limit of $400.00") {
		t.Errorf("stderr %q", r.stderr)
	}
	w := writes(srv)
	if len(w) != 1 || !strings.HasSuffix(w[0].Path, "/approve") || string(w[0].Body) != `{"amount":"40000"}` {
		t.Errorf("writes %+v", w)
	}
	got := jsonList(t, mustRun(t, srv, term{}, "spend-limits", "effective", "--user", "aiko.tanaka@acme-robotics.example", "--period", "monthly").stdout)
	if got[0]["amount"] != "40000" {
		t.Errorf("after the approval: %v", got[0])
	}
	// A request resolved already is refused before anything is sent.
	approved := jsonList(t, mustRun(t, srv, term{}, "spend-limits", "requests", "list", "--status", "approved", "--user", "mei.chen@acme-robotics.example").stdout)[0]["id"].(string)
	srv.ResetRequests()
	if r := runCLI(t, srv, term{}, "spend-limits", "requests", "deny", approved, "--yes"); r.code != ExitConflict ||
		r.stderr != "error: request "+approved+" of mei.chen@acme-robotics.example is approved already: only a pending request can be approved or denied\n" || len(writes(srv)) != 0 {
		t.Errorf("deny a resolved request: exit %d, stderr %q", r.code, r.stderr)
	}
	mustRun(t, srv, term{}, "spend-limits", "requests", "deny", "ravi.patel@acme-robotics.example", "--yes")
	if got := jsonList(t, mustRun(t, srv, term{}, "spend-limits", "requests", "list", "--status", "denied").stdout); len(got) != 2 {
		t.Errorf("%d denied", len(got))
	}
}

// An organization whose type has no spend limits gets one line that says
// so and what to use instead. The spec documents the refusal for the list
// and the effective limits; delete by scope lists first.
func TestSpendLimitsUnsupported(t *testing.T) {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithoutSpendLimits(), admintest.WithClock(func() time.Time { return testNow }))
	t.Cleanup(srv.Close)
	for _, args := range [][]string{
		{"list"}, {"effective"}, {"delete", "--org", "--yes"},
	} {
		r := runCLI(t, srv, term{}, append([]string{"spend-limits"}, args...)...)
		if r.code != ExitError || strings.Count(r.stderr, "\n") != 1 ||
			!strings.HasPrefix(r.stderr, "error: this organization's type has no spend limits") ||
			!strings.Contains(r.stderr, "'anthropic-admin budget --monthly DOLLARS'") || !strings.Contains(r.stderr, "code organization_type_not_supported") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// The new flags complete from the values the commands check against.
func TestSpendLimitsComplete(t *testing.T) {
	srv := demoServer(t)
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"spend-limits", "set", "--period", ""}, []string{"daily", "weekly", "monthly"}},
		{[]string{"spend-limits", "delete", "--org", "--period", "w"}, []string{"weekly"}},
		{[]string{"spend-limits", "requests", "approve", "x", "--period", "m"}, []string{"monthly"}},
		{[]string{"spend-limits", "effective", "--period", "daily,"}, []string{"daily,weekly", "daily,monthly"}},
		{[]string{"spend-limits", "list", "--scope-type", "org"}, []string{"organization", "organization_service"}},
		{[]string{"spend-limits", "requests", "list", "--status", ""}, []string{"pending", "approved", "denied"}},
		{[]string{"spend-limits", "set", "--workspace", "Prod"}, []string{"Production"}},
		{[]string{"spend-limits", "effective", "--user", "aiko"}, []string{"aiko.tanaka@acme-robotics.example"}},
		{[]string{"spend-limits", "requests", "deny", ""}, []string{"ravi.patel@acme-robotics.example", "aiko.tanaka@acme-robotics.example"}},
	}
	for _, tt := range tests {
		got := complete(t, srv, nil, tt.args...)
		if strings.Join(got.values, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%v: %v, want %v", tt.args, got.values, tt.want)
		}
	}
}

func TestBudgetAgainstLimits(t *testing.T) {
	srv := demoServer(t)
	r := runCLI(t, srv, term{tty: true, width: 160}, "budget", "--against-limits")
	if r.code != ExitOverBudget {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	golden(t, "budget-against-limits", r.stdout)
	// The organization is within its limit; one member is not.
	if r.stderr != "over a spend limit: projected past the monthly spend limit by month-end: aiko.tanaka@acme-robotics.example\n" {
		t.Errorf("stderr %q", r.stderr)
	}

	// Under generous limits nobody is named and the exit is 0; the
	// budget is the limit, as exact strings.
	mustRun(t, srv, term{}, "spend-limits", "set", "--org", "--period", "monthly", "--amount", "10000000", "--yes")
	for _, l := range jsonList(t, mustRun(t, srv, term{}, "spend-limits", "list", "--scope-type", "user").stdout) {
		mustRun(t, srv, term{}, "spend-limits", "delete", l["id"].(string), "--yes")
	}
	got := jsonObject(t, mustRun(t, srv, term{}, "budget", "--against-limits", "-o", "json").stdout)
	if got["budget_usd"] != "10000000" || got["limit_scope"] != "organization" || got["projected_over_budget"] != false ||
		len(got["members_projected_over"].([]any)) != 0 {
		t.Errorf("json %v", got)
	}

	// One workspace: its limit is the budget and members are not checked.
	got = jsonObject(t, runCLI(t, srv, term{}, "budget", "--against-limits", "--workspace", "Production", "-o", "json").stdout)
	if got["budget_usd"] != "60000" || got["limit_scope"] != "workspace" {
		t.Errorf("workspace json %v", got)
	}

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"with --monthly", []string{"--against-limits", "--monthly", "500"}, ExitUsage, "give --monthly or --against-limits, not both"},
		{"two workspaces", []string{"--against-limits", "--workspace", "Production", "--workspace", "Staging"}, ExitUsage, "one --workspace at most"},
		{"no limit", []string{"--against-limits", "--workspace", "Staging"}, ExitNotFound,
			"workspace Staging has no monthly spend limit to budget against: set one ('anthropic-admin spend-limits set --workspace Staging --period monthly --amount DOLLARS') or give --monthly"},
		{"neither", nil, ExitUsage, "--monthly is required"},
	}
	for _, tt := range tests {
		r := runCLI(t, srv, term{}, append([]string{"budget"}, tt.args...)...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
			t.Errorf("%s: exit %d, stderr %q", tt.name, r.code, r.stderr)
		}
	}

	plain := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithoutSpendLimits(), admintest.WithClock(func() time.Time { return testNow }))
	t.Cleanup(plain.Close)
	if r := runCLI(t, plain, term{}, "budget", "--against-limits"); r.code != ExitError || !strings.HasPrefix(r.stderr, "error: this organization's type has no spend limits") {
		t.Errorf("without spend limits: exit %d, stderr %q", r.code, r.stderr)
	}
}
