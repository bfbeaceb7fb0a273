package admin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

const orgJSON = `{"id":"12345678-1234-5678-1234-567812345678","type":"organization","name":"Example Org"}`

// credentialEnv lists every variable NewClient reads, so each test sets all
// of them and the machine's own environment cannot leak in.
// ANTHROPIC_BASE_URL is not read, but set too: tests check that it is not.
var credentialEnv = []string{"ANTHROPIC_ADMIN_KEY", "ANTHROPIC_ADMIN_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_ADMIN_BASE_URL", "ANTHROPIC_BASE_URL"}

func setEnv(t *testing.T, env map[string]string) {
	t.Helper()
	for _, k := range credentialEnv {
		t.Setenv(k, env[k])
	}
}

func TestNewClientCredentialFromEnv(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		opts       []admin.Option
		wantKey    string // x-api-key sent
		wantBearer string // Authorization sent
	}{
		{
			name:    "admin key wins over the others",
			env:     map[string]string{"ANTHROPIC_ADMIN_KEY": "sk-ant-admin01-first", "ANTHROPIC_ADMIN_API_KEY": "sk-ant-admin01-second", "ANTHROPIC_AUTH_TOKEN": "oauth-third"},
			wantKey: "sk-ant-admin01-first",
		},
		{
			name:    "admin API key before the auth token",
			env:     map[string]string{"ANTHROPIC_ADMIN_API_KEY": "sk-ant-admin01-second", "ANTHROPIC_AUTH_TOKEN": "oauth-third"},
			wantKey: "sk-ant-admin01-second",
		},
		{
			name:       "auth token is sent as a bearer token",
			env:        map[string]string{"ANTHROPIC_AUTH_TOKEN": "oauth-third"},
			wantBearer: "Bearer oauth-third",
		},
		{
			name:       "a blank variable counts as unset",
			env:        map[string]string{"ANTHROPIC_ADMIN_KEY": "  ", "ANTHROPIC_AUTH_TOKEN": "oauth-third"},
			wantBearer: "Bearer oauth-third",
		},
		{
			name:    "a trailing newline from a file is dropped",
			env:     map[string]string{"ANTHROPIC_ADMIN_KEY": "sk-ant-admin01-fromfile\n"},
			wantKey: "sk-ant-admin01-fromfile",
		},
		{
			name:    "WithAPIKey beats the environment",
			env:     map[string]string{"ANTHROPIC_AUTH_TOKEN": "oauth-third"},
			opts:    []admin.Option{admin.WithAPIKey("sk-ant-admin01-option")},
			wantKey: "sk-ant-admin01-option",
		},
		{
			name:       "WithAuthToken beats the environment",
			env:        map[string]string{"ANTHROPIC_ADMIN_KEY": "sk-ant-admin01-first"},
			opts:       []admin.Option{admin.WithAuthToken("oauth-option")},
			wantBearer: "Bearer oauth-option",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Body: orgJSON})
			env := map[string]string{"ANTHROPIC_ADMIN_BASE_URL": api.URL + testPrefix}
			for k, v := range tt.env {
				env[k] = v
			}
			setEnv(t, env)
			c, err := admin.NewClient(tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			org, err := c.Organization.Get(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if org.Name != "Example Org" {
				t.Errorf("org = %+v", org)
			}
			got := api.only()
			if k := got.Header.Get("X-Api-Key"); k != tt.wantKey {
				t.Errorf("x-api-key = %q, want %q", k, tt.wantKey)
			}
			if a := got.Header.Get("Authorization"); a != tt.wantBearer {
				t.Errorf("Authorization = %q, want %q", a, tt.wantBearer)
			}
		})
	}
}

// hostRecorder answers every request itself and records where it went,
// so a test can see a request meant for the real API without sending it.
type hostRecorder struct {
	mu    sync.Mutex
	hosts []string
}

func (h *hostRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	h.mu.Lock()
	h.hosts = append(h.hosts, r.URL.Scheme+"://"+r.URL.Host+r.URL.Path)
	h.mu.Unlock()
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(orgJSON)), Request: r}, nil
}

// TestNewClientBaseURL: the base URL comes from WithBaseURL, else
// ANTHROPIC_ADMIN_BASE_URL, else the real API; never from
// ANTHROPIC_BASE_URL, which often points at an inference gateway.
func TestNewClientBaseURL(t *testing.T) {
	const gateway = "https://gateway.example.com/anthropic"
	tests := []struct {
		name string
		env  map[string]string
		opts []admin.Option
		want string // where GET /v1/organizations/me went
	}{
		{name: "ANTHROPIC_ADMIN_BASE_URL, a trailing slash not doubled",
			env:  map[string]string{"ANTHROPIC_ADMIN_KEY": testKey, "ANTHROPIC_ADMIN_BASE_URL": "https://admin.example.com/mounted/"},
			want: "https://admin.example.com/mounted/v1/organizations/me"},
		{name: "ANTHROPIC_BASE_URL is ignored with the key from the environment",
			env:  map[string]string{"ANTHROPIC_ADMIN_KEY": testKey, "ANTHROPIC_BASE_URL": gateway},
			want: "https://api.anthropic.com/v1/organizations/me"},
		{name: "ANTHROPIC_BASE_URL is ignored with the key from an option",
			env:  map[string]string{"ANTHROPIC_BASE_URL": gateway},
			opts: []admin.Option{admin.WithAPIKey(testKey)},
			want: "https://api.anthropic.com/v1/organizations/me"},
		{name: "ANTHROPIC_ADMIN_BASE_URL wins over ANTHROPIC_BASE_URL",
			env:  map[string]string{"ANTHROPIC_ADMIN_KEY": testKey, "ANTHROPIC_BASE_URL": gateway, "ANTHROPIC_ADMIN_BASE_URL": "https://admin.example.com"},
			want: "https://admin.example.com/v1/organizations/me"},
		{name: "a blank ANTHROPIC_ADMIN_BASE_URL counts as unset",
			env:  map[string]string{"ANTHROPIC_ADMIN_KEY": testKey, "ANTHROPIC_ADMIN_BASE_URL": "  "},
			want: "https://api.anthropic.com/v1/organizations/me"},
		{name: "WithBaseURL wins over the environment",
			env:  map[string]string{"ANTHROPIC_ADMIN_KEY": testKey, "ANTHROPIC_ADMIN_BASE_URL": "https://admin.example.com"},
			opts: []admin.Option{admin.WithBaseURL("https://option.example.com")},
			want: "https://option.example.com/v1/organizations/me"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setEnv(t, tt.env)
			rec := &hostRecorder{}
			c, err := admin.NewClient(append([]admin.Option{admin.WithHTTPClient(&http.Client{Transport: rec})}, tt.opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Organization.Get(context.Background()); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(rec.hosts, []string{tt.want}) {
				t.Errorf("requests went to %q, want %q", rec.hosts, tt.want)
			}
		})
	}
}

func TestNewClientErrors(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		opts     []admin.Option
		wantText []string // the error mentions these
		invalid  bool     // the error matches ErrInvalidParam
	}{
		{
			name:     "no credential",
			wantText: []string{"no credential", "WithAPIKey", "ANTHROPIC_ADMIN_KEY", "ANTHROPIC_AUTH_TOKEN"},
		},
		{name: "empty WithAPIKey", opts: []admin.Option{admin.WithAPIKey(" ")}, wantText: []string{"WithAPIKey", "empty"}, invalid: true},
		{name: "empty WithAuthToken", opts: []admin.Option{admin.WithAuthToken("")}, wantText: []string{"WithAuthToken", "empty"}, invalid: true},
		{name: "key with a line break inside", opts: []admin.Option{admin.WithAPIKey("sk-ant-admin01-ab\ncd")}, wantText: []string{"WithAPIKey"}, invalid: true},
		{name: "env key with a control character", env: map[string]string{"ANTHROPIC_ADMIN_KEY": "sk-ant-admin01-ab\x1bcd"}, wantText: []string{"ANTHROPIC_ADMIN_KEY"}, invalid: true},
		{name: "plain http to a remote host", opts: []admin.Option{admin.WithAPIKey(testKey), admin.WithBaseURL("http://api.example.com")}, wantText: []string{"http://api.example.com", "loopback"}, invalid: true},
		{name: "plain http from the environment", env: map[string]string{"ANTHROPIC_ADMIN_KEY": testKey, "ANTHROPIC_ADMIN_BASE_URL": "http://10.0.0.8:8080"}, wantText: []string{"loopback"}, invalid: true},
		{name: "relative base URL", opts: []admin.Option{admin.WithAPIKey(testKey), admin.WithBaseURL("/v1")}, wantText: []string{"absolute"}, invalid: true},
		{name: "other scheme", opts: []admin.Option{admin.WithAPIKey(testKey), admin.WithBaseURL("ftp://api.example.com")}, wantText: []string{"absolute"}, invalid: true},
		{name: "negative retries", opts: []admin.Option{admin.WithAPIKey(testKey), admin.WithMaxRetries(-1)}, wantText: []string{"WithMaxRetries"}, invalid: true},
		{name: "nil HTTP client", opts: []admin.Option{admin.WithAPIKey(testKey), admin.WithHTTPClient(nil)}, wantText: []string{"WithHTTPClient"}, invalid: true},
		{name: "x-api-key through WithHeader", opts: []admin.Option{admin.WithAPIKey(testKey), admin.WithHeader("x-api-key", "sk-ant-admin01-other")}, wantText: []string{"WithHeader", "WithAPIKey"}, invalid: true},
		{name: "Authorization through WithHeader", opts: []admin.Option{admin.WithAPIKey(testKey), admin.WithHeader("AUTHORIZATION", "Bearer x")}, wantText: []string{"WithHeader"}, invalid: true},
		{name: "header value with a line break", opts: []admin.Option{admin.WithAPIKey(testKey), admin.WithHeader("X-Team", "a\r\nX-Evil: 1")}, wantText: []string{"WithHeader"}, invalid: true},
		{name: "header name with a space", opts: []admin.Option{admin.WithAPIKey(testKey), admin.WithHeader("X Team", "a")}, wantText: []string{"WithHeader"}, invalid: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setEnv(t, tt.env)
			c, err := admin.NewClient(tt.opts...)
			if err == nil {
				t.Fatalf("NewClient succeeded: %v", c)
			}
			for _, s := range tt.wantText {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if errors.Is(err, admin.ErrInvalidParam) != tt.invalid {
				t.Errorf("errors.Is(%v, ErrInvalidParam) = %v, want %v", err, !tt.invalid, tt.invalid)
			}
			if strings.Contains(err.Error(), "sk-ant-admin01-") {
				t.Errorf("error shows a credential: %v", err)
			}
		})
	}
}

func TestNewClientLoopbackHTTPAccepted(t *testing.T) {
	setEnv(t, nil)
	for _, base := range []string{
		"http://127.0.0.1:8080",
		"http://127.3.4.5",
		"http://localhost:9999/prefix",
		"http://admin.localhost",
		"http://[::1]:8080",
		"https://api.example.com",
		"https://api.anthropic.com/",
	} {
		if _, err := admin.NewClient(admin.WithAPIKey(testKey), admin.WithBaseURL(base)); err != nil {
			t.Errorf("base URL %s refused: %v", base, err)
		}
	}
}

func TestHeaders(t *testing.T) {
	tests := []struct {
		name       string
		clientOpts []admin.Option
		call       func(*admin.Client) error
		want       map[string]string // "" means the header must be absent
	}{
		{
			name: "defaults",
			call: getOrg,
			want: map[string]string{
				"X-Api-Key":         testKey,
				"Authorization":     "",
				"Anthropic-Version": "2023-06-01",
				"Anthropic-Beta":    "",
				"User-Agent":        "anthropic-admin-go/" + admin.Version,
				"Accept":            "application/json",
				"Content-Type":      "", // no body
			},
		},
		{
			name:       "auth token as bearer, no x-api-key",
			clientOpts: []admin.Option{admin.WithAuthToken("oauth-token-value")},
			call:       getOrg,
			want:       map[string]string{"Authorization": "Bearer oauth-token-value", "X-Api-Key": ""},
		},
		{
			name:       "anthropic-version",
			clientOpts: []admin.Option{admin.WithAnthropicVersion("2026-10-21")},
			call:       getOrg,
			want:       map[string]string{"Anthropic-Version": "2026-10-21"},
		},
		{
			name:       "betas joined in order, each once",
			clientOpts: []admin.Option{admin.WithBeta("files-api-2025-04-14", " files-api-2025-04-14 "), admin.WithBeta("", "skills-2025-10-02")},
			call:       getOrg,
			want:       map[string]string{"Anthropic-Beta": "files-api-2025-04-14,skills-2025-10-02"},
		},
		{
			name:       "caller's beta merged with an endpoint's own",
			clientOpts: []admin.Option{admin.WithBeta(admin.BetaAdminUserSignOut, "skills-2025-10-02")},
			call: func(c *admin.Client) error {
				_, err := c.Users.SignOut(context.Background(), "user_1", admin.WithBeta("files-api-2025-04-14", admin.BetaAdminUserSignOut))
				return err
			},
			want: map[string]string{"Anthropic-Beta": "admin-user-sign-out-2026-10-08,skills-2025-10-02,files-api-2025-04-14"},
		},
		{
			name:       "extra header",
			clientOpts: []admin.Option{admin.WithHeader("X-Team", "platform"), admin.WithHeader("x-team", "billing")},
			call:       getOrg,
			want:       map[string]string{"X-Team": "billing"},
		},
		{
			name:       "WithHeader cannot replace headers the client owns",
			clientOpts: []admin.Option{admin.WithHeader("Anthropic-Version", "1999-01-01"), admin.WithHeader("User-Agent", "spoof")},
			call:       getOrg,
			want:       map[string]string{"Anthropic-Version": "2023-06-01", "User-Agent": "anthropic-admin-go/" + admin.Version},
		},
		{
			name:       "user agent prefix",
			clientOpts: []admin.Option{admin.WithUserAgent("seat-sync/1.4")},
			call:       getOrg,
			want:       map[string]string{"User-Agent": "seat-sync/1.4 anthropic-admin-go/" + admin.Version},
		},
		{
			name: "JSON body sets Content-Type",
			call: func(c *admin.Client) error {
				_, err := c.Users.Update(context.Background(), "user_1", admin.UserUpdateParams{Role: admin.OrgRoleDeveloper})
				return err
			},
			want: map[string]string{"Content-Type": "application/json"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Body: userJSON})
			if err := tt.call(api.client(tt.clientOpts...)); err != nil {
				t.Fatal(err)
			}
			got := api.only()
			for k, v := range tt.want {
				if g := got.Header.Get(k); g != v {
					t.Errorf("%s = %q, want %q", k, g, v)
				}
			}
		})
	}
}

func getOrg(c *admin.Client) error {
	_, err := c.Organization.Get(context.Background())
	return err
}

func TestPerCallOptionsOverrideWithoutChangingTheClient(t *testing.T) {
	api := newFakeAPI(t, reply{Body: orgJSON})
	c := api.client(admin.WithBeta("skills-2025-10-02"), admin.WithHeader("X-Team", "platform"))
	ctx := context.Background()
	_, err := c.Organization.Get(ctx,
		admin.WithAuthToken("oauth-per-call"),
		admin.WithAnthropicVersion("2026-10-21"),
		admin.WithBeta("files-api-2025-04-14"),
		admin.WithHeader("X-Team", "billing"),
		admin.WithUserAgent("one-off/0.1"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Organization.Get(ctx); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("got %d requests, want 2", len(reqs))
	}
	wantHeaders := []map[string]string{
		{
			"Authorization": "Bearer oauth-per-call", "X-Api-Key": "", "Anthropic-Version": "2026-10-21",
			"Anthropic-Beta": "skills-2025-10-02,files-api-2025-04-14", "X-Team": "billing",
			"User-Agent": "one-off/0.1 anthropic-admin-go/" + admin.Version,
		},
		{
			"Authorization": "", "X-Api-Key": testKey, "Anthropic-Version": "2023-06-01",
			"Anthropic-Beta": "skills-2025-10-02", "X-Team": "platform",
			"User-Agent": "anthropic-admin-go/" + admin.Version,
		},
	}
	for i, wantH := range wantHeaders {
		for k, v := range wantH {
			if g := reqs[i].Header.Get(k); g != v {
				t.Errorf("request %d: %s = %q, want %q", i+1, k, g, v)
			}
		}
	}
}

func TestPerCallBaseURL(t *testing.T) {
	home := newFakeAPI(t)
	other := newFakeAPI(t, reply{Body: orgJSON})
	c := home.client()
	ctx := context.Background()
	if _, err := c.Organization.Get(ctx, admin.WithBaseURL(other.URL+testPrefix)); err != nil {
		t.Fatal(err)
	}
	want{Method: "GET", Path: "/v1/organizations/me"}.check(t, other.only())

	// A per-call base URL gets the same checks as the client's.
	_, err := c.Organization.Get(ctx, admin.WithBaseURL("http://api.example.com"))
	if !errors.Is(err, admin.ErrInvalidParam) {
		t.Errorf("plain http per call: err = %v, want ErrInvalidParam", err)
	}
	_, err = c.Organization.Get(ctx, admin.WithHeader("Authorization", "Bearer sneaky"))
	if !errors.Is(err, admin.ErrInvalidParam) {
		t.Errorf("credential through a per-call WithHeader: err = %v, want ErrInvalidParam", err)
	}
	if n := len(home.requests()); n != 0 {
		t.Errorf("the client's own server got %d requests", n)
	}
}

func TestNonAdminKeyWarning(t *testing.T) {
	const scopedKey = "sk-ant-api01-enterprise-scoped-SECRET"
	tests := []struct {
		name      string
		opt       admin.Option
		wantLines int
	}{
		{"scoped key warns once", admin.WithAPIKey(scopedKey), 1},
		{"admin key is quiet", admin.WithAPIKey(testKey), 0},
		{"auth token is quiet", admin.WithAuthToken("oauth-token-value"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			if _, err := admin.NewClient(tt.opt, admin.WithBaseURL("http://127.0.0.1:1"), admin.WithLogger(logger)); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			lines := strings.Count(out, "\n")
			if lines != tt.wantLines {
				t.Fatalf("logged %d lines, want %d:\n%s", lines, tt.wantLines, out)
			}
			if tt.wantLines == 1 && (!strings.Contains(out, "level=WARN") || !strings.Contains(out, "not an admin key")) {
				t.Errorf("warning = %q", out)
			}
			if strings.Contains(out, "SECRET") {
				t.Errorf("warning shows the key: %q", out)
			}
		})
	}
}

func TestNilLoggerAndSleepOptionsAreSafe(t *testing.T) {
	// retry-after 0 keeps the restored real sleep instant.
	api := newFakeAPI(t, reply{Status: 500, Header: map[string]string{"retry-after": "0"}, Body: `{}`}, reply{Body: orgJSON})
	c := api.client()
	// nil restores the defaults instead of panicking mid-call.
	if _, err := c.Organization.Get(context.Background(), admin.WithLogger(nil), admin.WithRetrySleep(nil)); err != nil {
		t.Fatal(err)
	}
	if n := len(api.requests()); n != 2 {
		t.Errorf("got %d requests, want 2", n)
	}
}

func TestDo(t *testing.T) {
	api := newFakeAPI(t, reply{Body: `{"id":"wrkspc_01","name":"Research","extra":{"nested":true}}`})
	c := api.client()
	var out struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	err := c.Do(context.Background(), http.MethodPost, "/v1/organizations/workspaces/wrkspc_01",
		map[string][]string{"dry_run": {"true"}}, map[string]string{"name": "Research"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	want{Method: "POST", Path: "/v1/organizations/workspaces/wrkspc_01",
		Query: map[string][]string{"dry_run": {"true"}}, Body: `{"name":"Research"}`}.check(t, api.only())
	if out.ID != "wrkspc_01" || out.Name != "Research" {
		t.Errorf("out = %+v", out)
	}

	// A nil out discards the body; a path without a leading slash sends nothing.
	if err := c.Do(context.Background(), http.MethodGet, "/v1/organizations/me", nil, nil, nil); err != nil {
		t.Errorf("nil out: %v", err)
	}
	if err := c.Do(context.Background(), http.MethodGet, "v1/organizations/me", nil, nil, nil); !errors.Is(err, admin.ErrInvalidParam) {
		t.Errorf("relative path: err = %v, want ErrInvalidParam", err)
	}
	// json.RawMessage goes out as it is, not re-encoded.
	raw := json.RawMessage(`{"name":"Research","tags":["a","b"]}`)
	if err := c.Do(context.Background(), http.MethodPost, "/v1/organizations/workspaces", nil, raw, nil); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if len(reqs) != 3 {
		t.Fatalf("got %d requests, want 3", len(reqs))
	}
	if string(reqs[2].Body) != string(raw) {
		t.Errorf("raw body sent as %s", reqs[2].Body)
	}
}

// TestDoBodies: bytes go out as they are (not as a base64 JSON string), and
// every body but a reader is sent again on a retry.
func TestDoBodies(t *testing.T) {
	const doc = `{"name":"Research",  "tags":["a"]}`
	tests := []struct {
		name     string
		body     any
		want     string
		requests int // a 500 then a 200: a reader cannot be replayed
	}{
		{"[]byte", []byte(doc), doc, 2},
		{"json.RawMessage", json.RawMessage(doc), doc, 2},
		{"io.Reader", strings.NewReader(doc), doc, 1},
		{"a value, encoded", map[string]string{"name": "Research"}, `{"name":"Research"}`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Status: 500}, reply{Body: `{}`})
			err := api.client().Do(context.Background(), http.MethodPut, "/v1/things/1", nil, tt.body, nil)
			if (err == nil) != (tt.requests == 2) {
				t.Errorf("err = %v", err)
			}
			reqs := api.requests()
			if len(reqs) != tt.requests {
				t.Fatalf("%d requests, want %d", len(reqs), tt.requests)
			}
			for _, r := range reqs {
				if string(r.Body) != tt.want || r.Header.Get("Content-Type") != "application/json" {
					t.Errorf("sent %s (%s), want %s as application/json", r.Body, r.Header.Get("Content-Type"), tt.want)
				}
			}
		})
	}
}
