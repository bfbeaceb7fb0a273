package cli

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/admintest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// testNow is the clock of the CLI and of its fake in every test.
var testNow = time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)

func demoServer(t *testing.T) *admintest.Server {
	t.Helper()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return testNow }))
	t.Cleanup(srv.Close)
	return srv
}

// result is what one in-process run of the CLI produced.
type result struct {
	stdout, stderr string
	code           int
}

// term describes the terminal a run thinks it has.
type term struct {
	tty   bool   // stdin, stdout and stderr are all terminals
	stdin string // what the user types
	env   map[string]string
	width int // the terminal's columns; 120 when 0
	// hc, when set, sends every request (a transport that breaks them).
	hc *http.Client
	// toFile: stdout is redirected to a file, so it is no terminal.
	toFile bool
}

// runCLI runs the CLI in-process against srv (nil: no credentials at all).
func runCLI(t *testing.T, srv *admintest.Server, tm term, args ...string) result {
	t.Helper()
	return runCLIContext(context.Background(), t, srv, tm, args...)
}

// runCLIContext is runCLI under ctx, for commands that run until it ends.
func runCLIContext(ctx context.Context, t *testing.T, srv *admintest.Server, tm term, args ...string) result {
	t.Helper()
	vars := map[string]string{"NO_COLOR": "1"}
	if srv != nil {
		vars["ANTHROPIC_ADMIN_KEY"] = srv.AdminKey()
		vars["ANTHROPIC_ADMIN_BASE_URL"] = srv.URL
	}
	for k, v := range tm.env {
		vars[k] = v
	}
	var stdout, stderr bytes.Buffer
	env := &Env{
		Stdin: strings.NewReader(tm.stdin), Stdout: &stdout, Stderr: &stderr,
		StdinTTY: tm.tty, StdoutTTY: tm.tty && !tm.toFile, StderrTTY: tm.tty, Width: cmp.Or(tm.width, 120),
		Getenv:     func(k string) string { return vars[k] },
		Now:        func() time.Time { return testNow },
		RetrySleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
		HTTPClient: tm.hc,
	}
	code := Run(ctx, args, env)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// mustRun runs and fails the test unless the exit code is 0.
func mustRun(t *testing.T, srv *admintest.Server, tm term, args ...string) result {
	t.Helper()
	r := runCLI(t, srv, tm, args...)
	if r.code != 0 {
		t.Fatalf("%v: exit %d\nstderr: %s", args, r.code, r.stderr)
	}
	return r
}

// golden compares got with testdata/name.golden, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// jsonList parses a JSON array of objects.
func jsonList(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, s)
	}
	return out
}

func jsonObject(t *testing.T, s string) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, s)
	}
	return out
}

// writes returns the requests the fake received that change something.
func writes(srv *admintest.Server) []admintest.LoggedRequest {
	var out []admintest.LoggedRequest
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			out = append(out, r)
		}
	}
	return out
}
