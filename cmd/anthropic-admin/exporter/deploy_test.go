package exporter_test

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/exporter"
)

// What ships beside the exporter — the Grafana dashboard, the alert rules,
// the README — names only metrics it exports.

const repoRoot = "../../../"

var metricName = regexp.MustCompile(`\b` + exporter.Namespace + `_[a-z0-9_]+\b`)

// exported are the exporter's metric names.
func exported() map[string]exporter.Metric {
	out := map[string]exporter.Metric{}
	for _, m := range exporter.Metrics() {
		out[m.Name] = m
	}
	return out
}

// checkQuery fails unless q names at least one metric and only exported
// ones.
func checkQuery(t *testing.T, where, q string) {
	t.Helper()
	names := metricName.FindAllString(q, -1)
	if len(names) == 0 {
		t.Errorf("%s: the query names no exporter metric: %s", where, q)
	}
	for _, n := range names {
		if _, ok := exported()[n]; !ok {
			t.Errorf("%s: %s is not a metric the exporter exports (query %s)", where, n, q)
		}
	}
}

type grafanaPanel struct {
	ID      int    `json:"id"`
	Title   string `json:"title"`
	Type    string `json:"type"`
	Targets []struct {
		Expr string `json:"expr"`
	} `json:"targets"`
	Panels []grafanaPanel `json:"panels"` // a row's
}

func TestDashboardQueriesNameExportedMetrics(t *testing.T) {
	b, err := os.ReadFile(repoRoot + "deploy/grafana/dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Title      string         `json:"title"`
		UID        string         `json:"uid"`
		Panels     []grafanaPanel `json:"panels"`
		Templating struct {
			List []struct {
				Name       string `json:"name"`
				Type       string `json:"type"`
				Definition string `json:"definition"`
			} `json:"list"`
		} `json:"templating"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("dashboard.json is not valid JSON: %v", err)
	}
	if d.Title == "" || d.UID == "" {
		t.Errorf("the dashboard has no title or uid")
	}
	var panels []grafanaPanel
	for _, p := range d.Panels {
		panels = append(panels, p)
		panels = append(panels, p.Panels...)
	}
	used := map[string]bool{}
	ids := map[int]bool{}
	queries := 0
	for _, p := range panels {
		if ids[p.ID] {
			t.Errorf("panel id %d twice", p.ID)
		}
		ids[p.ID] = true
		if p.Type == "row" {
			continue
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, tg := range p.Targets {
			checkQuery(t, "panel "+p.Title, tg.Expr)
			for _, n := range metricName.FindAllString(tg.Expr, -1) {
				used[n] = true
			}
			queries++
		}
	}
	for _, v := range d.Templating.List {
		if v.Type == "query" {
			checkQuery(t, "variable "+v.Name, v.Definition)
		}
	}
	if queries < 20 {
		t.Errorf("only %d panel queries", queries)
	}
	// Spend, tokens, inventory and health are all on it.
	for _, m := range []string{"anthropic_admin_workspace_spend_usd", "anthropic_admin_model_spend_usd", "anthropic_admin_api_key_spend_usd",
		"anthropic_admin_today_tokens", "anthropic_admin_members", "anthropic_admin_api_keys", "anthropic_admin_exporter_stale"} {
		if !used[m] {
			t.Errorf("the dashboard has no panel of %s", m)
		}
	}
}

func TestAlertRulesNameExportedMetrics(t *testing.T) {
	b, err := os.ReadFile(repoRoot + "deploy/prometheus/alerts.yml")
	if err != nil {
		t.Fatal(err)
	}
	var rules struct {
		Groups []struct {
			Rules []struct {
				Alert string `yaml:"alert"`
				Expr  string `yaml:"expr"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(b, &rules); err != nil {
		t.Fatal(err)
	}
	var alerts []string
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			checkQuery(t, "alert "+r.Alert, r.Expr)
			alerts = append(alerts, r.Alert)
		}
	}
	if len(alerts) != 5 {
		t.Errorf("%d alert rules: %v", len(alerts), alerts)
	}
	// Every rule has a unit test.
	tests, err := os.ReadFile(repoRoot + "deploy/prometheus/alerts_test.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range alerts {
		if !strings.Contains(string(tests), "alertname: "+a+"\n") {
			t.Errorf("alerts_test.yml does not test %s", a)
		}
	}
}

// The README's Monitoring section lists every metric with its labels.
func TestReadmeListsEveryMetric(t *testing.T) {
	b, err := os.ReadFile(repoRoot + "README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Monitoring\n")
	if !ok {
		t.Fatal("the README has no Monitoring section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	lines := strings.Split(section, "\n")
	for _, m := range exporter.Metrics() {
		i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "| `"+m.Name+"` |") })
		if i < 0 {
			t.Errorf("the Monitoring section's table does not list %s", m.Name)
			continue
		}
		for _, l := range m.Labels[1:] { // organization: every series has it, as the section says
			if !strings.Contains(lines[i], l) {
				t.Errorf("the README's line of %s does not name its label %s: %s", m.Name, l, lines[i])
			}
		}
	}
	for _, n := range metricName.FindAllString(section, -1) {
		if _, ok := exported()[n]; !ok && !strings.HasPrefix(n, exporter.Namespace+"_exporter_api_requests") {
			t.Errorf("the README names %s, which the exporter does not export", n)
		}
	}
}
