package admin_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// leakRoundTripper fails every request with an error that quotes the
// credential headers, as a careless logging middleware might.
type leakRoundTripper struct{}

func (leakRoundTripper) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("middleware refused request with headers x-api-key=%s authorization=%s: %w",
		r.Header.Get("X-Api-Key"), r.Header.Get("Authorization"), net.ErrClosed)
}

func TestCredentialNeverInErrors(t *testing.T) {
	const token = "oauth-SECRET-token-abcdef0123456789"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String()
	ln.Close()
	// A misbehaving server that quotes the credential it was sent.
	echoing := func(secret string) *fakeAPI {
		return newFakeAPI(t, reply{Status: 401, Body: `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key ` + secret + `"}}`})
	}
	echo := echoing(testKey)
	ctx := context.Background()
	noRetry := admin.WithMaxRetries(0)

	tests := []struct {
		name  string
		call  func() error
		check func(t *testing.T, err error)
	}{
		{
			name: "API error echoing the key",
			call: func() error { _, err := echo.client(noRetry).Organization.Get(ctx); return err },
			check: func(t *testing.T, err error) {
				e := apiError(t, err)
				if !strings.Contains(e.Message, "invalid x-api-key [redacted]") || bytes.Contains(e.Body, []byte(testKey)) {
					t.Errorf("message %q, body %q", e.Message, e.Body)
				}
				if !errors.Is(err, admin.ErrUnauthorized) {
					t.Errorf("redaction lost the sentinel: %v", err)
				}
			},
		},
		{
			name: "API error echoing a bearer token",
			call: func() error {
				_, err := echoing(token).client(noRetry, admin.WithAuthToken(token)).Organization.Get(ctx)
				return err
			},
		},
		{
			name: "connection refused",
			call: func() error {
				c, err := admin.NewClient(admin.WithAPIKey(testKey), admin.WithBaseURL(refused), noRetry)
				if err != nil {
					return err
				}
				_, err = c.Organization.Get(ctx)
				return err
			},
			check: func(t *testing.T, err error) {
				var te *admin.TransportError
				if !errors.As(err, &te) {
					t.Errorf("err = %v, want a TransportError", err)
				}
			},
		},
		{
			name: "transport error quoting the headers",
			call: func() error {
				_, err := echo.client(noRetry, admin.WithHTTPClient(&http.Client{Transport: leakRoundTripper{}})).Organization.Get(ctx)
				return err
			},
			check: func(t *testing.T, err error) {
				if !errors.Is(err, net.ErrClosed) || !strings.Contains(err.Error(), "x-api-key=[redacted]") {
					t.Errorf("err = %v, want the redacted text and net.ErrClosed underneath", err)
				}
			},
		},
		{
			name: "bad ID",
			call: func() error { _, err := echo.client().Users.Get(ctx, "user_01/../api_keys"); return err },
		},
		{
			name: "credential in WithHeader",
			call: func() error {
				_, err := echo.client().Organization.Get(ctx, admin.WithHeader("X-Api-Key", testKey))
				return err
			},
		},
		{
			name: "plain http to a remote host",
			call: func() error {
				_, err := admin.NewClient(admin.WithAPIKey(testKey), admin.WithBaseURL("http://admin.example.com"))
				return err
			},
		},
		{
			name: "key with a control character",
			call: func() error { _, err := admin.NewClient(admin.WithAPIKey(testKey + "\x7f")); return err },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if err == nil {
				t.Fatal("no error")
			}
			for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
				s := fmt.Sprintf(format, err)
				if strings.Contains(s, testKey) || strings.Contains(s, token) || strings.Contains(s, "SECRET") {
					t.Errorf("%s of the error shows the credential: %s", format, s)
				}
			}
			if tt.check != nil {
				tt.check(t, err)
			}
		})
	}
}

func TestDebugLogOneLinePerAttempt(t *testing.T) {
	api := newFakeAPI(t,
		reply{Status: 500, Header: map[string]string{"request-id": "req_first"}, Body: `{"type":"error","error":{"type":"api_error","message":"boom ` + testKey + `"}}`},
		reply{Header: map[string]string{"request-id": "req_second"}, Body: orgJSON},
	)
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if _, err := api.client(admin.WithLogger(logger)).Organization.Get(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, testKey) || strings.Contains(out, "SECRET") {
		t.Errorf("debug log shows the key:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d log lines, want 2:\n%s", len(lines), out)
	}
	for i, want := range []string{
		`level=DEBUG msg="anthropic-admin request" method=GET path=/v1/organizations/me attempt=1 duration=\S+ status=500 request_id=req_first$`,
		`level=DEBUG msg="anthropic-admin request" method=GET path=/v1/organizations/me attempt=2 duration=\S+ status=200 request_id=req_second$`,
	} {
		if !regexp.MustCompile(want).MatchString(lines[i]) {
			t.Errorf("line %d = %q\nwant match %s", i+1, lines[i], want)
		}
	}
}

func TestDebugLogOnTransportError(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	api := newFakeAPI(t)
	c := api.client(admin.WithLogger(logger), admin.WithHTTPClient(&http.Client{Transport: leakRoundTripper{}}), admin.WithMaxRetries(1))
	if _, err := c.Organization.Get(context.Background()); err == nil {
		t.Fatal("no error")
	}
	out := buf.String()
	if strings.Contains(out, testKey) {
		t.Errorf("debug log shows the key:\n%s", out)
	}
	if n := strings.Count(out, "attempt="); n != 2 || !strings.Contains(out, "error=") || !strings.Contains(out, "[redacted]") {
		t.Errorf("log =\n%s", out)
	}
}

func TestClientFormatHidesCredential(t *testing.T) {
	api := newFakeAPI(t)
	for _, c := range []*admin.Client{api.client(), api.client(admin.WithAuthToken("oauth-SECRET-token"))} {
		for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			for _, v := range []any{c, *c, struct{ C *admin.Client }{c}} {
				s := fmt.Sprintf(format, v)
				if strings.Contains(s, "SECRET") {
					t.Errorf("%s of %T shows the credential: %s", format, v, s)
				}
			}
		}
		if s := fmt.Sprint(c); !strings.Contains(s, api.URL+testPrefix) || !strings.Contains(s, "[redacted]") {
			t.Errorf("String() = %q, want the base URL and a redacted credential", s)
		}
	}
}

func TestRedirectCredentials(t *testing.T) {
	tests := []struct {
		name      string
		cred      admin.Option
		otherHost bool
		wantKey   string
		wantAuth  string
	}{
		{"api key, other host", admin.WithAPIKey(testKey), true, "", ""},
		{"auth token, other host", admin.WithAuthToken("oauth-SECRET-token"), true, "", ""},
		{"api key, same host", admin.WithAPIKey(testKey), false, testKey, ""},
		{"auth token, same host", admin.WithAuthToken("oauth-SECRET-token"), false, "", "Bearer oauth-SECRET-token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := newFakeAPI(t, reply{Body: orgJSON})
			// The target is reached as localhost, the first server as
			// 127.0.0.1: the same machine, but another host to a browser or
			// to net/http.
			_, port, _ := net.SplitHostPort(target.Listener.Addr().String())
			location := "http://localhost:" + port + testPrefix + "/v1/organizations/me"
			first := newFakeAPI(t)
			first.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
				if r.URL.Path == testPrefix+"/v1/organizations/me" && tt.otherHost {
					http.Redirect(w, r, location, http.StatusTemporaryRedirect)
					return
				}
				if r.URL.Path == testPrefix+"/v1/organizations/me" {
					http.Redirect(w, r, testPrefix+"/v1/organizations/me/moved", http.StatusFound)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(orgJSON))
			}
			org, err := first.client(tt.cred).Organization.Get(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if org.Name != "Example Org" {
				t.Errorf("org = %+v", org)
			}
			var landed seen
			if tt.otherHost {
				landed = target.only()
			} else {
				reqs := first.requests()
				if len(reqs) != 2 || reqs[1].Path != "/v1/organizations/me/moved" {
					t.Fatalf("requests = %+v", reqs)
				}
				landed = reqs[1]
			}
			if k := landed.Header.Get("X-Api-Key"); k != tt.wantKey {
				t.Errorf("x-api-key after the redirect = %q, want %q", k, tt.wantKey)
			}
			if a := landed.Header.Get("Authorization"); a != tt.wantAuth {
				t.Errorf("Authorization after the redirect = %q, want %q", a, tt.wantAuth)
			}
			if v := landed.Header.Get("Anthropic-Version"); v != "2023-06-01" {
				t.Errorf("anthropic-version after the redirect = %q", v)
			}
		})
	}
}

func TestCallerHTTPClientIsNotChanged(t *testing.T) {
	api := newFakeAPI(t, reply{Body: orgJSON})
	hc := &http.Client{}
	if _, err := api.client(admin.WithHTTPClient(hc)).Organization.Get(context.Background()); err != nil {
		t.Fatal(err)
	}
	if hc.CheckRedirect != nil {
		t.Error("the client installed its redirect guard on the caller's http.Client")
	}
}

func TestRedirectLimitAndCallerPolicy(t *testing.T) {
	api := newFakeAPI(t)
	api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
		http.Redirect(w, r, r.URL.Path, http.StatusFound) // forever
	}
	_, err := api.client(admin.WithMaxRetries(0)).Organization.Get(context.Background())
	if err == nil || !strings.Contains(err.Error(), "stopped after 10 redirects") {
		t.Errorf("err = %v", err)
	}
	if n := len(api.requests()); n != 10 {
		t.Errorf("followed %d hops, want 10", n)
	}

	// The caller's own policy still runs, after the credential guard.
	var sawKey []string
	hc := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		sawKey = append(sawKey, req.Header.Get("X-Api-Key"))
		return http.ErrUseLastResponse
	}}
	_, err = api.client(admin.WithMaxRetries(0), admin.WithHTTPClient(hc)).Organization.Get(context.Background())
	if e := apiError(t, err); e.StatusCode != http.StatusFound {
		t.Errorf("status = %d, want the 302 itself", e.StatusCode)
	}
	if len(sawKey) != 1 || sawKey[0] != testKey {
		t.Errorf("caller's CheckRedirect saw %q", sawKey)
	}
}
