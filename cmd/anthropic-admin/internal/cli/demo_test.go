package cli

import (
	"strings"
	"testing"
)

func TestDemo(t *testing.T) {
	r := mustRun(t, nil, term{tty: true}, "demo")
	golden(t, "demo", r.stdout)
	for _, want := range []string{"Acme Robotics", "Members (25)", "API keys that need attention", "Spend, last 30 days", "Organization as code", "+ workspace member Staging / ingrid.olsen@", "ANTHROPIC_ADMIN_KEY"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if r.stderr != "" {
		t.Errorf("demo wrote to stderr: %s", r.stderr)
	}
	// Piped, the demo still reads well: no escape codes.
	if p := mustRun(t, nil, term{}, "demo"); strings.Contains(p.stdout, "\x1b[") {
		t.Error("escape codes in piped demo output")
	}
}
