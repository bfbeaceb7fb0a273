package admin

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Option configures a Client or a single call. Every Option but one works
// both on NewClient, where it sets the client's default, and on a call,
// where it applies to that call only. WithResponse is for calls alone, as
// it reports on one call: NewClient refuses it.
type Option func(*config)

// credential holds a secret. The Client keeps it behind a pointer so that
// printing any struct that holds one shows an address, never the value.
type credential struct {
	value  string
	bearer bool // sent as Authorization: Bearer instead of x-api-key
}

func (c *credential) String() string   { return "[redacted]" }
func (c *credential) GoString() string { return "[redacted]" }

// sleepFunc waits for d or until ctx is done.
type sleepFunc func(ctx context.Context, d time.Duration) error

// config is the resolved set of options for one client or one call.
type config struct {
	baseURL        string
	cred           *credential
	httpClient     *http.Client
	version        string
	betas          []string
	headers        http.Header
	maxRetries     int
	maxRetryDelay  time.Duration
	requestTimeout time.Duration
	logger         *slog.Logger
	userAgent      string
	sleep          sleepFunc
	jitter         func() float64
	response       *Response // filled after each attempt; per call only
	err            error     // the first invalid option, reported by NewClient or the call
}

// fail records that the option named param was given bad input.
func (c *config) fail(param, format string, args ...any) {
	c.failWith(paramErr(param, format, args...))
}

func (c *config) failWith(err error) {
	if c.err == nil {
		c.err = err
	}
}

// newCredential checks a secret before it is used. Surrounding whitespace (a
// newline from a file or a paste) is dropped; a character that cannot go in a
// header is refused here, because net/http would refuse it on every attempt.
// The errors name where the secret came from (from: an option or a
// variable), never the secret.
func newCredential(from, value string, bearer bool) (*credential, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return nil, paramErr(from, "must not be empty")
	}
	if !validHeaderValue(value) || strings.ContainsAny(value, " \t") {
		return nil, paramErr(from, "holds a space or control character; check how it was copied")
	}
	return &credential{value: value, bearer: bearer}, nil
}

// validHeaderValue reports whether v can be sent as a header value.
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if b := v[i]; (b < ' ' && b != '\t') || b == 0x7f {
			return false
		}
	}
	return true
}

// validHeaderName reports whether k is a non-empty HTTP token.
func validHeaderName(k string) bool {
	for i := 0; i < len(k); i++ {
		b := k[i]
		if b <= ' ' || b >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, b) >= 0 {
			return false
		}
	}
	return k != ""
}

// clone returns a copy that a per-call Option can change without touching c.
func (c *config) clone() *config {
	cp := *c
	cp.betas = append([]string(nil), c.betas...)
	cp.headers = c.headers.Clone()
	return &cp
}

// WithAPIKey sets the admin API key, sent as the x-api-key header.
func WithAPIKey(key string) Option {
	return func(c *config) { c.setCredential("WithAPIKey", key, false) }
}

// WithAuthToken sets an OAuth access token with the org:admin scope, sent as
// Authorization: Bearer.
func WithAuthToken(token string) Option {
	return func(c *config) { c.setCredential("WithAuthToken", token, true) }
}

func (c *config) setCredential(from, value string, bearer bool) {
	cred, err := newCredential(from, value, bearer)
	if err != nil {
		c.failWith(err)
		return
	}
	c.cred = cred
}

// WithBaseURL sets the API's base URL (default https://api.anthropic.com).
// A plain http:// URL is accepted only for a loopback host.
func WithBaseURL(u string) Option {
	return func(c *config) { c.baseURL = u }
}

// WithHTTPClient sets the HTTP client that sends requests. The Client works
// on a copy, so the caller's client is never changed.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) {
		if hc == nil {
			c.fail("WithHTTPClient", "must not be nil")
			return
		}
		c.httpClient = hc
	}
}

// WithAnthropicVersion sets the anthropic-version header (default 2023-06-01).
func WithAnthropicVersion(v string) Option {
	return func(c *config) { c.version = v }
}

// WithBeta adds values to the anthropic-beta header.
func WithBeta(betas ...string) Option {
	return func(c *config) { c.betas = append(c.betas, betas...) }
}

// WithHeader sets an extra request header. It cannot replace the credential
// headers; use WithAPIKey or WithAuthToken for those.
func WithHeader(key, value string) Option {
	return func(c *config) {
		switch http.CanonicalHeaderKey(key) {
		case "X-Api-Key", "Authorization":
			c.fail("WithHeader", "cannot set %s: set credentials with WithAPIKey or WithAuthToken", key)
			return
		}
		if !validHeaderName(key) || !validHeaderValue(value) {
			c.fail("WithHeader", "%q is not a valid header name, or its value holds a control character", key)
			return
		}
		if c.headers == nil {
			c.headers = http.Header{}
		}
		c.headers.Set(key, value)
	}
}

// WithMaxRetries sets how many times a failed request is retried (default 2).
func WithMaxRetries(n int) Option {
	return func(c *config) {
		if n < 0 {
			c.fail("WithMaxRetries", "must not be negative, not %d", n)
			return
		}
		c.maxRetries = n
	}
}

// WithMaxRetryDelay sets the longest wait the client accepts before a retry
// (default 60s). When the server asks for a longer wait, the call returns the
// error at once with APIError.RetryAfter set.
func WithMaxRetryDelay(d time.Duration) Option {
	return func(c *config) { c.maxRetryDelay = d }
}

// WithRequestTimeout bounds each attempt. The whole call is bounded by its
// context.
func WithRequestTimeout(d time.Duration) Option {
	return func(c *config) { c.requestTimeout = d }
}

// WithLogger sets the logger; nil discards. At debug level the client logs
// one line per attempt; it never logs credentials.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l == nil {
			l = slog.New(slog.DiscardHandler)
		}
		c.logger = l
	}
}

// WithUserAgent sets a product token put in front of the client's own
// User-Agent, e.g. "my-tool/1.2".
func WithUserAgent(ua string) Option {
	return func(c *config) { c.userAgent = ua }
}

// Response is the HTTP answer to a call's last attempt, for what the
// decoded result does not hold: the request ID, rate-limit headers, the
// status. See WithResponse.
type Response struct {
	StatusCode int         // 0 when the last attempt got no answer
	Header     http.Header // nil when the last attempt got no answer
	RequestID  string      // the request-id header
	Attempts   int         // requests sent for the call, retries included
}

// WithResponse makes a call fill *r with its last attempt's answer, on
// success and on an API error alike; after a retry it describes the
// attempt that ended the call, and when that attempt got no answer only
// Attempts is set. A list fills it for each page it fetches, so it ends
// describing the last. It is a per-call option: NewClient refuses it. One
// call at a time may use r.
func WithResponse(r *Response) Option {
	return func(c *config) {
		if r == nil {
			c.fail("WithResponse", "must not be nil")
			return
		}
		c.response = r
	}
}

// WithRetrySleep replaces the wait between retries. Tests use it to run
// retries without real sleeps; sleep must return ctx.Err() when ctx ends first.
// nil restores the real wait.
func WithRetrySleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *config) {
		if sleep == nil {
			sleep = sleepContext
		}
		c.sleep = sleep
	}
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
