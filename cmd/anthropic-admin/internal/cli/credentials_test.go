package cli

import (
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestCredentialSources(t *testing.T) {
	srv := demoServer(t)
	dir := t.TempDir()
	write := func(name, content string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil { // umask may have narrowed it
			t.Fatal(err)
		}
		return p
	}
	private := write("key", srv.AdminKey()+"\n", 0o600)
	open := write("open", srv.AdminKey()+"\n", 0o644)
	groupReadable := write("group", srv.AdminKey()+"\n", 0o640)
	empty := write("empty", "\n", 0o600)
	inference := write("inference", "sk-ant-api03-not-an-admin-key\n", 0o600)
	noEnv := map[string]string{"ANTHROPIC_ADMIN_KEY": ""}
	tests := []struct {
		name        string
		args        []string
		stdin       string
		code        int
		stdout      string
		stderr      string // must appear
		stderrNever string // must not appear
	}{
		{"key from a private file", []string{"--admin-key-file", private}, "", 0, "admin API key", "", "warning"},
		{"token from a private file", []string{"--auth-token-file", private}, "", 0, "OAuth token", "", "warning"},
		{"a file others can read is refused", []string{"--admin-key-file", open}, "", ExitUsage, "", "chmod 600", srv.AdminKey()},
		{"a file the group can read is refused", []string{"--admin-key-file", groupReadable}, "", ExitUsage, "", "mode 0640", srv.AdminKey()},
		{"a missing file", []string{"--admin-key-file", filepath.Join(dir, "nope")}, "", ExitUsage, "", "no such file", ""},
		{"an empty file", []string{"--admin-key-file", empty}, "", ExitUsage, "", "no secret there", ""},
		{"key and key file together", []string{"--admin-key", "x", "--admin-key-file", private}, "", ExitUsage, "", "not both", ""},
		{"key from stdin", []string{"--admin-key", "-"}, srv.AdminKey() + "\n", 0, "admin API key", "", "warning"},
		{"token from stdin", []string{"--auth-token", "-"}, srv.AdminKey(), 0, "OAuth token", "", "warning"},
		{"nothing on stdin", []string{"--admin-key", "-"}, "", ExitUsage, "", "no secret there", ""},
		{"a literal key works and draws one warning without the key", []string{"--admin-key", srv.AdminKey()}, "", 0, "admin API key", "shell history", srv.AdminKey()},
		{"a key that is not an admin key draws one warning", []string{"--admin-key-file", inference}, "", ExitAuth, "",
			"warning: the API key is not an admin key (no sk-ant-admin prefix): endpoints outside its scopes will answer 403\n", "sk-ant-api03-not"},
		{"a literal token too", []string{"--auth-token", srv.AdminKey()}, "", 0, "OAuth token", "--auth-token-file", srv.AdminKey()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, srv, term{tty: true, stdin: tt.stdin, env: noEnv}, append([]string{"whoami"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q", r.code, r.stdout, r.stderr, tt.code, tt.stdout, tt.stderr)
			}
			if tt.stderrNever != "" && strings.Contains(r.stdout+r.stderr, tt.stderrNever) {
				t.Errorf("output holds %q: %q %q", tt.stderrNever, r.stdout, r.stderr)
			}
			if n := strings.Count(r.stderr, "warning"); n > 1 {
				t.Errorf("%d warnings, want at most one: %q", n, r.stderr)
			}
		})
	}
}

// A key read from stdin leaves the rest of stdin to the confirmation prompt.
func TestCredentialFromStdinLeavesTheAnswer(t *testing.T) {
	srv := demoServer(t)
	r := runCLI(t, srv, term{tty: true, stdin: srv.AdminKey() + "\nyes\n", env: map[string]string{"ANTHROPIC_ADMIN_KEY": ""}},
		"workspaces", "archive", "Research", "--admin-key", "-")
	if r.code != 0 || !strings.Contains(r.stderr, "About to") {
		t.Fatalf("exit %d, stdout %q, stderr %q: want the prompt answered yes", r.code, r.stdout, r.stderr)
	}
}

// recordingTransport answers every request with the organization and
// records where each went, so nothing reaches the network.
type recordingTransport struct {
	mu   sync.Mutex
	urls []string
}

func (rt *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.urls = append(rt.urls, r.URL.Scheme+"://"+r.URL.Host+r.URL.Path)
	rt.mu.Unlock()
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Request: r,
		Body: io.NopCloser(strings.NewReader(`{"id":"org_1","type":"organization","name":"Acme"}`))}, nil
}

// The admin key goes to --base-url, else $ANTHROPIC_ADMIN_BASE_URL, else
// the real API; never to $ANTHROPIC_BASE_URL, which usually names an
// inference gateway.
func TestBaseURLSources(t *testing.T) {
	const gateway, adminURL = "https://gateway.example.com", "https://admin.example.com"
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"ANTHROPIC_BASE_URL alone is ignored", map[string]string{"ANTHROPIC_BASE_URL": gateway}, nil, "https://api.anthropic.com"},
		{"ANTHROPIC_ADMIN_BASE_URL", map[string]string{"ANTHROPIC_BASE_URL": gateway, "ANTHROPIC_ADMIN_BASE_URL": adminURL}, nil, adminURL},
		{"--base-url wins", map[string]string{"ANTHROPIC_BASE_URL": gateway, "ANTHROPIC_ADMIN_BASE_URL": gateway}, []string{"--base-url", adminURL}, adminURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"ANTHROPIC_ADMIN_KEY": "sk-ant-admin01-test", "ANTHROPIC_ADMIN_BASE_URL": ""}
			maps.Copy(env, tt.env)
			rt := &recordingTransport{}
			r := runCLI(t, nil, term{env: env, hc: &http.Client{Transport: rt}}, append([]string{"org", "show", "-o", "json"}, tt.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if want := []string{tt.want + "/v1/organizations/me"}; !slices.Equal(rt.urls, want) {
				t.Errorf("requests went to %q, want %q", rt.urls, want)
			}
		})
	}
}
