package admin_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
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

// echoEverywhere is a server that puts the credential it was sent into its
// request-id header and, JSON-escaped and plain, into its error body.
func echoEverywhere(t *testing.T, status int) *fakeAPI {
	t.Helper()
	api := newFakeAPI(t)
	api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
		key := r.Header.Get("X-Api-Key")
		escaped := strings.Replace(key, "T", `\u0054`, 1)
		w.Header().Set("request-id", "req_"+key)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"type":"error","error":{"type":"%s","message":"bad key %s","details":{"error_code":"%s"}},"request_id":"%s"}`, escaped, escaped, key, escaped)
	}
	return api
}

// leakingErrors are errors the client returns in the worst cases: servers
// and middleware that repeat the credential in every way they can.
func leakingErrors(t *testing.T) map[string]error {
	t.Helper()
	ctx := context.Background()
	errs := map[string]error{}
	_, errs["API error echoed in headers and escapes"] = echoEverywhere(t, 401).client(admin.WithMaxRetries(0)).Organization.Get(ctx)
	_, errs["retried API error"] = echoEverywhere(t, 503).client().Organization.Get(ctx)
	_, errs["transport error quoting the headers"] = newFakeAPI(t).client(admin.WithMaxRetries(1),
		admin.WithHTTPClient(&http.Client{Transport: leakRoundTripper{}})).Organization.Get(ctx)
	return errs
}

func TestKeyNeverInAnyErrorOfTheChain(t *testing.T) {
	for name, err := range leakingErrors(t) {
		t.Run(name, func(t *testing.T) {
			if err == nil {
				t.Fatal("no error")
			}
			depth := 0
			var walk func(err error)
			walk = func(err error) {
				if err == nil || depth > 20 {
					return
				}
				depth++
				for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
					if s := fmt.Sprintf(format, err); strings.Contains(s, "TESTSECRET") {
						t.Errorf("%s of %T in the error chain shows the key: %s", format, err, s)
					}
				}
				switch u := err.(type) {
				case interface{ Unwrap() error }:
					walk(u.Unwrap())
				case interface{ Unwrap() []error }:
					for _, e := range u.Unwrap() {
						walk(e)
					}
				}
			}
			walk(err)
			var ae *admin.APIError
			if errors.As(err, &ae) && (bytes.Contains(ae.Body, []byte(testKey)) || strings.Contains(ae.RequestID+ae.Message+ae.ErrorCode+string(ae.Type), "TESTSECRET")) {
				t.Errorf("APIError fields show the key: %+v", ae)
			}
		})
	}
}

func TestRedactionKeepsTheCauses(t *testing.T) {
	err := leakingErrors(t)["transport error quoting the headers"]
	var te *admin.TransportError
	if !errors.Is(err, net.ErrClosed) || !errors.As(err, &te) || te.Attempts != 2 {
		t.Errorf("err = %v, want a TransportError after 2 attempts that still matches net.ErrClosed", err)
	}
	if e := apiError(t, leakingErrors(t)["retried API error"]); e.StatusCode != 503 || e.Attempts != 3 || e.RequestID != "req_[redacted]" {
		t.Errorf("APIError = %+v", e)
	}
}

func TestDebugLogHidesEchoedKey(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, err := echoEverywhere(t, 500).client(admin.WithLogger(logger)).Organization.Get(context.Background())
	if err == nil {
		t.Fatal("no error")
	}
	out := buf.String()
	if strings.Contains(out, "TESTSECRET") || strings.Count(out, "request_id=req_[redacted]") != 3 {
		t.Errorf("debug log:\n%s", out)
	}
}

// TestKeyNeverInPanicOutput runs this test binary again, makes it panic with
// values that hold or have seen the key, and reads what the crash printed.
func TestKeyNeverInPanicOutput(t *testing.T) {
	if what := os.Getenv("ADMIN_TEST_PANIC_WITH"); what != "" {
		c, err := admin.NewClient(admin.WithAPIKey(testKey), admin.WithBaseURL("http://127.0.0.1:1"))
		if err != nil {
			panic("setup: " + err.Error())
		}
		switch what {
		case "client":
			panic(c)
		case "client-value":
			panic(fmt.Sprintf("%#v", *c))
		default:
			panic(leakingErrors(t)[what])
		}
	}
	for _, what := range append([]string{"client", "client-value"}, slices.Sorted(maps.Keys(leakingErrors(t)))...) {
		t.Run(what, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestKeyNeverInPanicOutput$", "-test.count=1")
			cmd.Env = append(os.Environ(), "ADMIN_TEST_PANIC_WITH="+what)
			out, err := cmd.CombinedOutput()
			if err == nil || !bytes.Contains(out, []byte("panic: ")) {
				t.Fatalf("the child did not panic (%v):\n%s", err, out)
			}
			if bytes.Contains(out, []byte("TESTSECRET")) {
				t.Errorf("the panic output shows the key:\n%s", out)
			}
		})
	}
}

func TestOptionsAndClientHideKeyInGoSyntax(t *testing.T) {
	api := newFakeAPI(t)
	c := api.client()
	for name, v := range map[string]any{
		"WithAPIKey":      admin.WithAPIKey(testKey),
		"WithAuthToken":   admin.WithAuthToken(testKey),
		"[]Option":        []admin.Option{admin.WithAPIKey(testKey)},
		"*Client":         c,
		"Client":          *c,
		"service":         c.Users,
		"nested services": c.Workspaces,
	} {
		for _, format := range []string{"%v", "%+v", "%#v"} {
			if s := fmt.Sprintf(format, v); strings.Contains(s, "TESTSECRET") {
				t.Errorf("%s of %s shows the key: %s", format, name, s)
			}
		}
	}
}

// redirectTransport answers each URL of a chain with a redirect to the next
// one and the last with the organization, remembering the requests; no
// network.
type redirectTransport struct {
	chain []string
	seen  []*http.Request
}

func (rt *redirectTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.seen = append(rt.seen, r)
	resp := &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(orgJSON)), Request: r}
	if i := slices.Index(rt.chain, r.URL.String()); i >= 0 && i+1 < len(rt.chain) {
		resp.StatusCode = http.StatusTemporaryRedirect
		resp.Header = http.Header{"Location": {rt.chain[i+1]}}
		resp.Body = http.NoBody
	}
	return resp, nil
}

func TestRedirectNeverCarriesCredentialsAway(t *testing.T) {
	const me = "https://api.test/v1/organizations/me"
	tests := []struct {
		name  string
		chain []string
		keep  []bool // whether each hop after the first may carry the credential
	}{
		{"https to http on the same host", []string{me, "http://api.test/v1/organizations/me"}, []bool{false}},
		{"another host", []string{me, "https://other.test/v1/organizations/me"}, []bool{false}},
		{"a subdomain", []string{me, "https://eu.api.test/v1/organizations/me"}, []bool{false}},
		{"the same host on another port", []string{me, "https://api.test:8443/v1/organizations/me"}, []bool{false}},
		{"userinfo that looks like the host", []string{me, "https://api.test@other.test/v1/organizations/me"}, []bool{false}},
		{"the same host and scheme", []string{me, "https://api.test/v1/organizations/me/moved"}, []bool{true}},
		// Once the chain left the API, the credential never rides again.
		{"away and back to the API", []string{me, "https://other.test/bounce", "https://api.test/v1/organizations/me/moved"}, []bool{false, false}},
	}
	for _, tt := range tests {
		for _, cred := range []struct {
			name   string
			opt    admin.Option
			header string
		}{{"api key", admin.WithAPIKey(testKey), "X-Api-Key"}, {"auth token", admin.WithAuthToken(testKey), "Authorization"}} {
			t.Run(tt.name+"/"+cred.name, func(t *testing.T) {
				rt := &redirectTransport{chain: tt.chain}
				c, err := admin.NewClient(cred.opt, admin.WithBaseURL("https://api.test"), admin.WithHTTPClient(&http.Client{Transport: rt}))
				if err != nil {
					t.Fatal(err)
				}
				if org, err := c.Organization.Get(context.Background()); err != nil || org.Name != "Example Org" {
					t.Fatalf("org %+v, %v", org, err)
				}
				if len(rt.seen) != len(tt.chain) {
					t.Fatalf("%d requests for a chain of %d", len(rt.seen), len(tt.chain))
				}
				if !strings.Contains(rt.seen[0].Header.Get(cred.header), testKey) {
					t.Errorf("the first request lacks the credential")
				}
				for i, r := range rt.seen[1:] {
					// Authorization may hold userinfo of the Location
					// itself, which net/http sends as Basic auth.
					has := strings.Contains(r.Header.Get("X-Api-Key")+r.Header.Get("Authorization"), testKey)
					if has != tt.keep[i] {
						t.Errorf("hop to %s carries a credential: %v, want %v", r.URL, has, tt.keep[i])
					}
				}
			})
		}
	}
}

func TestPlainHTTPRefusedBeyondLoopback(t *testing.T) {
	setEnv(t, nil)
	for _, base := range []string{
		"http://api.example.com",
		"HTTP://api.example.com",
		"http://127.0.0.1.example.com",
		"http://localhost.example.com",
		"http://localhost@api.example.com",
		"http://0.0.0.0:8080",
		"http://10.0.0.1",
		"http://[::ffff:10.0.0.1]",
		"http://[fe80::1]",
	} {
		t.Run(base, func(t *testing.T) {
			if _, err := admin.NewClient(admin.WithAPIKey(testKey), admin.WithBaseURL(base)); !errors.Is(err, admin.ErrInvalidParam) {
				t.Errorf("NewClient: err = %v, want ErrInvalidParam", err)
			}
			// The same base URL given to one call is refused before sending.
			rt := &redirectTransport{}
			c, err := admin.NewClient(admin.WithAPIKey(testKey), admin.WithBaseURL("https://api.test"), admin.WithHTTPClient(&http.Client{Transport: rt}))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Organization.Get(context.Background(), admin.WithBaseURL(base)); !errors.Is(err, admin.ErrInvalidParam) || strings.Contains(err.Error(), "TESTSECRET") {
				t.Errorf("per-call base URL: err = %v, want ErrInvalidParam", err)
			}
			if len(rt.seen) != 0 {
				t.Errorf("sent %d requests", len(rt.seen))
			}
		})
	}
}
