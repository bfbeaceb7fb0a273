package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/admintest"
)

// startFakeServer runs the fake-server command in-process on a loopback
// port with the clock now (zero for the real one) and returns its address,
// and a function that stops it and returns its exit code.
func startFakeServer(t *testing.T, now time.Time, args ...string) (addr string, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, stdout := io.Pipe()
	env := &Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	if !now.IsZero() {
		env.Now = func() time.Time { return now }
	}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, append([]string{"fake-server", "--listen", "127.0.0.1:0"}, args...), env)
		stdout.Close()
	}()
	stop = func() int {
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(10 * time.Second):
			t.Fatal("fake-server did not stop when its context ended")
			return -1
		}
	}
	// The first line says where it listens; the rest is drained.
	first, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		stop()
		t.Fatal(err)
	}
	go io.Copy(io.Discard, out)
	addr = regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(first)
	if addr == "" {
		stop()
		t.Fatalf("fake-server's first line has no address: %q", first)
	}
	return addr, stop
}

// The demo's past does not depend on when its fake started: fake-servers
// started minutes and days after a --fake run answer the same for every
// bucket that had ended.
func TestFakeServerAndFakeAgreeOnThePast(t *testing.T) {
	for _, started := range []time.Duration{17 * time.Minute, 3*24*time.Hour + 17*time.Minute} {
		addr, stop := startFakeServer(t, testNow.Add(started), "--seed", "demo")
		server := term{env: map[string]string{"ANTHROPIC_ADMIN_BASE_URL": addr, "ANTHROPIC_ADMIN_KEY": admintest.DefaultAdminKey}}
		for _, args := range [][]string{
			{"cost", "--from", "2026-08-25", "--to", "2026-11-20", "--by", "model", "-o", "json"},
			{"usage", "messages", "--from", "2026-11-18", "--to", "2026-11-20", "--bucket", "1h", "--by", "workspace,api-key", "-o", "json"},
			{"usage", "messages", "--from", "2026-11-20T09:00:00Z", "--to", "2026-11-20T10:30:00Z", "--bucket", "1m", "--by", "none", "-o", "json"},
		} {
			viaFake := mustRun(t, nil, term{}, append([]string{"--fake"}, args...)...).stdout
			viaServer := mustRun(t, nil, server, args...).stdout
			if viaFake != viaServer || len(jsonList(t, viaFake)) == 0 {
				t.Errorf("fake-server started %v after --fake: %v differs:\n%.300s\n%.300s", started, args, viaServer, viaFake)
			}
		}
		if code := stop(); code != 0 {
			t.Errorf("fake-server exit %d", code)
		}
	}
}

func TestFakeServerCommand(t *testing.T) {
	addr, stop := startFakeServer(t, time.Time{}, "--seed", "empty", "--admin-key", "sk-ant-admin01-cli-test")
	get := func(key string) int {
		req, _ := http.NewRequest("GET", addr+"/v1/organizations/me", nil)
		req.Header.Set("x-api-key", key)
		req.Header.Set("anthropic-version", "2023-06-01")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get("sk-ant-admin01-cli-test"); got != 200 {
		t.Errorf("with its admin key: %d", got)
	}
	if got := get("sk-ant-admin01-other"); got != 401 {
		t.Errorf("with another key: %d", got)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d after the context ended", code)
	}
	if r := runCLI(t, nil, term{}, "fake-server", "--seed", "weird"); r.code != ExitUsage {
		t.Errorf("bad seed: exit %d", r.code)
	}
}

func TestVersionAndCompletion(t *testing.T) {
	if r := mustRun(t, nil, term{}, "version"); !strings.HasPrefix(r.stdout, "anthropic-admin "+Version) {
		t.Errorf("version = %q", r.stdout)
	}
	if r := mustRun(t, nil, term{}, "--version"); !strings.Contains(r.stdout, Version) {
		t.Errorf("--version = %q", r.stdout)
	}
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		r := mustRun(t, nil, term{}, "completion", shell)
		if !strings.Contains(r.stdout, "anthropic-admin") || len(r.stdout) < 500 {
			t.Errorf("completion %s: %d bytes", shell, len(r.stdout))
		}
	}
	r := mustRun(t, nil, term{}, "--help")
	for _, group := range []string{"users", "invites", "workspaces", "api-keys", "rate-limits", "usage", "cost", "budget", "api", "demo", "fake-server"} {
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(group) + ` `).MatchString(r.stdout) {
			t.Errorf("--help does not list %s", group)
		}
	}
}
