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
)

func TestFakeServerCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, stdout := io.Pipe()
	env := &Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"fake-server", "--listen", "127.0.0.1:0", "--seed", "empty", "--admin-key", "sk-ant-admin01-cli-test"}, env)
		stdout.Close()
	}()
	// The first line says where it listens; the rest is drained.
	first, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, out)
	addr := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(first)
	if addr == "" {
		t.Fatalf("fake-server's first line has no address: %q", first)
	}
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
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after the context ended", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("fake-server did not stop when its context ended")
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
