package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/exporter"
)

func TestExporterRefusesBadFlags(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", "organizations:\n  - name: acme\n    admin_key_env: ACME_KEY\n")
	unknown := write("unknown.yaml", "organizations:\n  - name: acme\n    admin_key_env: ACME_KEY\n    api_key: sk-ant-admin01-oops\n")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"refresh too often", []string{"--fake", "exporter", "--refresh", "30s"}, ExitUsage, "at most once a minute"},
		{"top keys", []string{"--fake", "exporter", "--top-keys", "0"}, ExitUsage, "--top-keys 0"},
		{"budget", []string{"--fake", "exporter", "--budget", "lots"}, ExitUsage, "--budget"},
		{"unknown key in the file", []string{"exporter", "--config", unknown}, ExitUsage, `[4:5] unknown field "api_key"`},
		{"fake with a file", []string{"--fake", "exporter", "--config", good}, ExitUsage, "leave out --config"},
		{"budget with a file", []string{"exporter", "--config", good, "--budget", "10"}, ExitUsage, "per organization"},
		{"key variable unset", []string{"exporter", "--config", good}, ExitAuth, "$ACME_KEY is empty or not set"},
		{"no such file", []string{"exporter", "--config", filepath.Join(dir, "nope.yaml")}, ExitUsage, "nope.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, term{}, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr %q, want %q in it", r.code, tt.code, r.stderr, tt.want)
			}
			if strings.Contains(r.stderr, "sk-ant-admin01-oops") {
				t.Errorf("the error shows the key: %s", r.stderr)
			}
		})
	}
}

// freeAddr is a loopback address nothing listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// poll calls try until it reports done or the deadline passes.
func poll(t *testing.T, deadline time.Duration, what string, try func() (bool, string)) {
	t.Helper()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	end := time.After(deadline)
	for {
		done, last := try()
		if done {
			return
		}
		select {
		case <-end:
			t.Fatalf("%s: not within %s; last: %s", what, deadline, last)
		case <-tick.C:
		}
	}
}

// promQuery asks Prometheus's HTTP API for an instant vector.
func promQuery(base, q string) (map[string]float64, error) {
	resp, err := http.Get(base + "/api/v1/query?query=" + url.QueryEscape(q))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var body struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			Result []struct {
				Metric map[string]string `json:"metric"`
				Value  [2]any            `json:"value"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, err
	}
	if body.Status != "success" {
		return nil, fmt.Errorf("%s: %s", q, body.Error)
	}
	out := map[string]float64{}
	for _, r := range body.Data.Result {
		s, _ := r.Value[1].(string)
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, err
		}
		out[r.Metric["__name__"]+" "+r.Metric["workspace"]+" "+r.Metric["organization"]] = v
	}
	return out, nil
}

// The exporter against the demo organization, scraped by a real
// Prometheus server, answers through Prometheus's API with the figures the
// cost command gives.
func TestExporterWithARealPrometheus(t *testing.T) {
	bin, err := exec.LookPath("prometheus")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("prometheus is not installed, and CI=true: .ci/run installs it (apt-get install -y prometheus)")
		}
		t.Skip("prometheus is not installed (apt-get install prometheus); CI runs this test")
	}

	// The cost command's month-to-date spend of the Production workspace,
	// exact, from its JSON rows.
	r := mustRun(t, nil, term{}, "--fake", "cost", "--month-to-date", "--by", "workspace", "-o", "json")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatal(err)
	}
	want := new(big.Rat)
	for _, row := range rows {
		if row["workspace_name"] == "Production" {
			v, ok := new(big.Rat).SetString(row["cost_usd"].(string))
			if !ok {
				t.Fatalf("cost_usd %v", row["cost_usd"])
			}
			want.Add(want, v)
		}
	}
	if want.Sign() == 0 {
		t.Fatalf("no Production spend in the cost command's output:\n%.500s", r.stdout)
	}
	wantF, _ := want.Float64()

	// The exporter, as a person runs it, on the demo organization.
	exporterAddr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan result, 1)
	go func() {
		served <- runCLIContext(ctx, t, nil, term{}, "--fake", "exporter", "--listen", exporterAddr, "--budget", "60000")
	}()
	defer func() {
		cancel()
		if r := <-served; r.code != 0 {
			t.Errorf("exporter exit %d: %s", r.code, r.stderr)
		}
	}()
	poll(t, 30*time.Second, "the exporter's /healthz", func() (bool, string) {
		resp, err := http.Get("http://" + exporterAddr + "/healthz")
		if err != nil {
			return false, err.Error()
		}
		resp.Body.Close()
		return resp.StatusCode == 200, resp.Status
	})

	// A real Prometheus scraping it every second, with the shipped rules.
	dir := t.TempDir()
	rules, err := filepath.Abs("../../../../deploy/prometheus/alerts.yml")
	if err != nil {
		t.Fatal(err)
	}
	promAddr := freeAddr(t)
	config := fmt.Sprintf(`global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [%q]
scrape_configs:
  - job_name: anthropic-admin
    static_configs:
      - targets: [%q]
`, rules, exporterAddr)
	if err := os.WriteFile(filepath.Join(dir, "prometheus.yml"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	var promLog strings.Builder
	prom := exec.Command(bin, "--config.file="+filepath.Join(dir, "prometheus.yml"), "--storage.tsdb.path="+filepath.Join(dir, "data"),
		"--web.listen-address="+promAddr, "--log.level=warn")
	prom.Stdout, prom.Stderr = &promLog, &promLog
	if err := prom.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		prom.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- prom.Wait() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			prom.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("prometheus said:\n%s", promLog.String())
		}
	}()
	base := "http://" + promAddr

	q := `anthropic_admin_workspace_spend_usd{workspace="Production",window="month_to_date"}`
	var got map[string]float64
	poll(t, 60*time.Second, "Production's spend in Prometheus", func() (bool, string) {
		got, err = promQuery(base, q)
		if err != nil {
			return false, err.Error()
		}
		return len(got) == 1, fmt.Sprint(got)
	})
	if v := got["anthropic_admin_workspace_spend_usd Production Acme Robotics"]; v != wantF {
		t.Errorf("Prometheus has Production's month-to-date spend %v, the cost command %v (%s)", v, wantF, want.FloatString(6))
	}

	// Every metric the exporter documents is in Prometheus, with its
	// organization.
	names, err := promQuery(base, `count by (__name__, organization) ({__name__=~"anthropic_admin_.+"})`)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range exporter.Metrics() {
		if _, ok := names[m.Name+"  Acme Robotics"]; !ok {
			t.Errorf("%s is not in Prometheus for Acme Robotics (has %v)", m.Name, slices.Sorted(maps.Keys(names)))
		}
	}
	if up, err := promQuery(base, `up{job="anthropic-admin"}`); err != nil || len(up) != 1 || slices.Collect(maps.Values(up))[0] != 1 {
		t.Errorf("up = %v, %v", up, err)
	}
	// The rules loaded and are evaluated against the exporter's series.
	if _, err := promQuery(base, `ALERTS`); err != nil {
		t.Error(err)
	}
}

// --config exports every organization the file lists, each with the key
// its variable holds, under its name.
func TestExporterConfigFile(t *testing.T) {
	srv := demoServer(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "exporter.yaml")
	config := fmt.Sprintf(`refresh: 2m
top_keys: 2
organizations:
  - name: acme
    admin_key_env: ACME_KEY
    base_url: %s
    budget: 60000
  - name: acme-again
    admin_key_env: AGAIN_KEY
    base_url: %s
`, srv.URL, srv.URL)
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan result, 1)
	go func() {
		served <- runCLIContext(ctx, t, nil, term{env: map[string]string{"ACME_KEY": srv.AdminKey(), "AGAIN_KEY": srv.AdminKey()}},
			"exporter", "--config", path, "--listen", addr)
	}()
	var body string
	poll(t, 30*time.Second, "both organizations' spend", func() (bool, string) {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			return false, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		body = string(b)
		return strings.Contains(body, `anthropic_admin_spend_usd{organization="acme",window="today"}`) &&
			strings.Contains(body, `anthropic_admin_spend_usd{organization="acme-again",window="today"}`), "not yet"
	})
	cancel()
	r := <-served
	if r.code != 0 || !strings.Contains(r.stdout, "2 organization(s), refreshed every 2m0s") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(body, `anthropic_admin_budget_usd{organization="acme"} 60000`) || strings.Contains(body, `anthropic_admin_budget_usd{organization="acme-again"}`) {
		t.Error("the budget is not per organization")
	}
	// top_keys 2: two keys of their own, the rest other.
	keys := map[string]bool{}
	for line := range strings.SplitSeq(body, "\n") {
		if strings.HasPrefix(line, `anthropic_admin_api_key_spend_usd{`) && strings.Contains(line, `organization="acme"`) {
			_, id, _ := strings.Cut(line, `api_key_id="`)
			id, _, _ = strings.Cut(id, `"`)
			keys[id] = true
		}
	}
	if len(keys) != 4 || !keys["other"] || !keys[""] {
		t.Errorf("api key series with top_keys 2: %v", keys)
	}
}
