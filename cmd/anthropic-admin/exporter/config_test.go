package exporter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/exporter"
)

func TestParseConfigRefuses(t *testing.T) {
	t.Parallel()
	org := "organizations:\n  - name: acme\n    admin_key_env: ACME_KEY\n"
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", org + "    bogus: 1\n", `[4:5] unknown field "bogus"`},
		{"unknown top-level key", "refrsh: 5m\n" + org, `[1:1] unknown field "refrsh"`},
		{"refresh too often", "refresh: 30s\n" + org, "[1:10] refresh: 30s is too often"},
		{"not a duration", "refresh: soon\n" + org, "[1:10]"},
		{"top keys", "top_keys: -1\n" + org, "[1:11] top_keys: -1"},
		{"no organizations", "refresh: 5m\n", "organizations: list at least one"},
		{"no name", "organizations:\n  - admin_key_env: X\n", "[2:5] organizations[0]: name is required"},
		{"name twice", org + "  - name: acme\n    admin_key_env: OTHER\n", `[4:11] organizations[1].name: "acme" is given twice`},
		{"no key variable", "organizations:\n  - name: acme\n", "[2:5] organizations[0]: admin_key_env is required"},
		{"a key in the file", "organizations:\n  - name: acme\n    admin_key_env: sk-ant-admin01-secret\n", "[3:20] organizations[0].admin_key_env: holds a key"},
		{"bad budget", org + "    budget: lots\n", "[4:13] organizations[0].budget"},
		{"bad base URL", org + "    base_url: ftp://x\n", "[4:15] organizations[0].base_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := exporter.ParseConfig([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseConfig = %v, want %q in it", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("the error shows the key: %v", err)
			}
		})
	}
}

func TestConfigTargets(t *testing.T) {
	t.Parallel()
	c, err := exporter.ParseConfig([]byte(`listen: 127.0.0.1:9999
refresh: 10m
top_keys: 3
organizations:
  - name: acme
    admin_key_env: ACME_KEY
    budget: 12500.50
  - name: labs
    admin_key_env: LABS_KEY
    base_url: http://127.0.0.1:8787
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != "127.0.0.1:9999" || c.Refresh != 10*time.Minute || c.TopKeys != 3 || len(c.Organizations) != 2 {
		t.Errorf("config %+v", c)
	}
	env := map[string]string{"ACME_KEY": "sk-ant-admin01-acme", "LABS_KEY": "sk-ant-admin01-labs"}
	targets, err := c.Targets(func(k string) string { return env[k] }, "https://api.anthropic.com")
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) != 2 || targets[0].Organization != "acme" || targets[1].Organization != "labs" {
		t.Fatalf("targets %+v", targets)
	}
	if b := targets[0].Budget; b == nil || b.String() != "1250050" || targets[1].Budget != nil {
		t.Errorf("budgets %v %v, want 1250050 cents and none", targets[0].Budget, targets[1].Budget)
	}
	delete(env, "LABS_KEY")
	_, err = c.Targets(func(k string) string { return env[k] }, "")
	if err == nil || !strings.Contains(err.Error(), `"labs": $LABS_KEY is empty or not set`) || strings.Contains(err.Error(), "sk-ant") {
		t.Errorf("Targets without a key = %v", err)
	}
}
