// Package admintest is an in-memory fake of the Anthropic Admin API for
// tests: a stateful HTTP server that answers like the real API, with the same
// JSON shapes, ID prefixes, pagination, validation errors and rules, plus
// fault injection and a request log.
//
//	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()))
//	defer srv.Close()
//	client := srv.Client()
//
// The fake also runs standalone: `anthropic-admin fake-server`.
package admintest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// DefaultAdminKey is the admin key the fake accepts unless WithAdminKey says
// otherwise.
const DefaultAdminKey = "sk-ant-admin01-admintest-fake-key"

// DefaultOAuthToken is the OAuth access token (org:admin scope) the fake
// accepts unless WithOAuthToken says otherwise. It acts as the
// organization's first admin.
const DefaultOAuthToken = "sk-ant-oat01-admintest-fake-token"

// Versions the fake accepts in the anthropic-version header: the one in the
// public docs and the one the official Go SDK v2 sends.
var acceptedVersions = []string{"2023-06-01", "2026-10-21"}

// Option configures a Fake.
type Option func(*Fake)

// WithAdminKey sets the admin key the fake accepts, as x-api-key or as an
// Authorization: Bearer token.
func WithAdminKey(key string) Option { return func(f *Fake) { f.adminKey = key } }

// WithOAuthToken sets the OAuth access token the fake accepts, as
// Authorization: Bearer. Endpoints that take only OAuth tokens (service
// accounts, federation) refuse the admin key however it is sent.
func WithOAuthToken(token string) Option { return func(f *Fake) { f.oauthToken = token } }

// WithSeed sets the data the fake starts with (default Empty()).
func WithSeed(s Seed) Option { return func(f *Fake) { f.seed = s } }

// WithClock sets the fake's clock, used for timestamps and for where the
// generated reports end. The default is time.Now.
func WithClock(now func() time.Time) Option { return func(f *Fake) { f.now = now } }

// WithoutRunningBuckets makes the usage and cost reports leave out every
// bucket that has not ended by the fake's clock, even when ending_at is at
// or after its end, and refuse a request that then holds no bucket with the
// same 400 as one holding no whole bucket. The docs do not say which the
// live API does (docs-notes §10 item 19); by default the fake follows the
// documented rule to the letter and gives the running bucket, with the
// usage so far, and empty future buckets.
func WithoutRunningBuckets() Option { return func(f *Fake) { f.noRunning = true } }

// WithTagsMerged makes a workspace update merge the tags it sends into the
// workspace's (JSON merge-patch: a key left out keeps its value) rather than
// replace them all. The docs do not say which the live API does (docs-notes
// §10 item 20); by default the fake replaces them. Either way a tag sent as
// null is removed.
func WithTagsMerged() Option { return func(f *Fake) { f.mergeTags = true } }

// WithoutSpendLimits makes the organization one whose type has no spend
// limits: listing them or the effective limits is refused with the API's
// 400 organization_type_not_supported.
func WithoutSpendLimits() Option { return func(f *Fake) { f.noSpendLimits = true } }

// Fake is the fake Admin API as an http.Handler. Its state is safe for
// concurrent use.
type Fake struct {
	adminKey      string
	oauthToken    string
	seed          Seed
	now           func() time.Time
	noRunning     bool         // WithoutRunningBuckets
	mergeTags     bool         // WithTagsMerged
	noSpendLimits bool         // WithoutSpendLimits
	webhookClient *http.Client // WithWebhookClient
	mux           *http.ServeMux

	mu     sync.Mutex
	st     *state
	faults []*Fault
	log    []LoggedRequest
	reqSeq atomic.Uint64
}

// requestID makes a unique request-id for a response.
func (f *Fake) requestID() string {
	g := ids{seed: "requests", n: f.reqSeq.Add(1)}
	return g.next("req_")
}

// New returns a Fake with its seed data loaded, not yet listening.
func New(opts ...Option) *Fake {
	f := &Fake{adminKey: DefaultAdminKey, oauthToken: DefaultOAuthToken, seed: Empty(), now: time.Now, webhookClient: defaultWebhookClient()}
	for _, o := range opts {
		o(f)
	}
	f.st = f.load(f.seed)
	f.st.noSpendLimits = f.noSpendLimits
	f.mux = http.NewServeMux()
	f.routes()
	return f
}

// AdminKey returns the admin key the fake accepts.
func (f *Fake) AdminKey() string { return f.adminKey }

// OAuthToken returns the OAuth access token the fake accepts.
func (f *Fake) OAuthToken() string { return f.oauthToken }

// Server is a Fake listening on a loopback address.
type Server struct {
	*Fake
	URL string
	hs  *httptest.Server
}

// NewServer starts a Fake on a loopback port. Close it when done.
func NewServer(opts ...Option) *Server {
	f := New(opts...)
	hs := httptest.NewServer(f)
	return &Server{Fake: f, URL: hs.URL, hs: hs}
}

// Close shuts the server down.
func (s *Server) Close() { s.hs.Close() }

// Client returns a library client pointed at the server with its admin key.
// Retries wait no time, so tests with injected faults stay fast; opts come
// last and may change that.
func (s *Server) Client(opts ...admin.Option) *admin.Client {
	return s.client(admin.WithAPIKey(s.adminKey), opts)
}

// OAuthClient is Client with the fake's OAuth token instead of its admin
// key: the credential the service account and federation endpoints need.
func (s *Server) OAuthClient(opts ...admin.Option) *admin.Client {
	return s.client(admin.WithAuthToken(s.oauthToken), opts)
}

func (s *Server) client(cred admin.Option, opts []admin.Option) *admin.Client {
	base := []admin.Option{
		admin.WithBaseURL(s.URL),
		cred,
		admin.WithRetrySleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }),
	}
	c, err := admin.NewClient(append(base, opts...)...)
	if err != nil {
		panic("admintest: " + err.Error()) // only bad opts can cause this
	}
	return c
}

// ServeHTTP answers one request: request id, log, faults, auth, version,
// then the endpoint.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rid := f.requestID()
	w.Header().Set("request-id", rid)
	f.record(r, rid)
	sw := &statusWriter{ResponseWriter: w}
	defer func() { f.finishRecord(rid, sw.status) }()

	if fault := f.takeFault(r); fault != nil {
		if fault.apply(sw, r, rid, func(w http.ResponseWriter) { f.serve(w, r, rid) }) {
			return
		}
	}
	f.serve(sw, r, rid)
}

func (f *Fake) serve(w http.ResponseWriter, r *http.Request, rid string) {
	cred, err := f.authenticate(r)
	if err != nil {
		writeError(w, rid, err)
		return
	}
	if p := r.URL.Path; path.Clean(p) != p {
		// http.ServeMux would answer a redirect with an HTML body; an API
		// answers JSON, and a client that sent this path has a bug to see.
		writeError(w, rid, errNotFound("no such endpoint: %s %s (the path is not in canonical form)", r.Method, p))
		return
	}
	if _, pattern := f.mux.Handler(r); pattern == "" {
		if strings.HasPrefix(r.URL.Path, "/v1/organizations/") || r.URL.Path == "/v1/organizations" {
			writeError(w, rid, &apiError{status: http.StatusNotImplemented, typ: "api_error",
				msg: fmt.Sprintf("admintest does not implement %s %s", r.Method, r.URL.Path)})
			return
		}
		writeError(w, rid, errNotFound("no such endpoint: %s %s", r.Method, r.URL.Path))
		return
	}
	ctx := context.WithValue(context.WithValue(r.Context(), ridKey{}, rid), credKey{}, cred)
	f.mux.ServeHTTP(w, r.WithContext(ctx))
}

type ridKey struct{}

// credKey holds the admin.Credentials kind of the request's credential.
type credKey struct{}

// authenticate checks the credential and the version header as the real API
// does: credentials first, then the version. It tells the kind of the
// credential by its value, not by its header: the official SDK sends admin
// keys as bearer tokens too.
func (f *Fake) authenticate(r *http.Request) (admin.Credentials, *apiError) {
	key := r.Header.Get("x-api-key")
	if key == "" {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			key = tok
		}
	}
	var kind admin.Credentials
	switch {
	case key == "":
		return 0, &apiError{status: 401, typ: "authentication_error", msg: "missing credentials: send an admin key in x-api-key or a token in Authorization: Bearer"}
	case key == f.adminKey:
		kind = admin.CredentialAdminKey
	case f.oauthToken != "" && key == f.oauthToken:
		kind = admin.CredentialOAuth
	case strings.HasPrefix(key, "sk-ant-api"):
		return 0, &apiError{status: 403, typ: "permission_error", msg: "this endpoint needs an admin API key; the key given is not one"}
	default:
		return 0, &apiError{status: 401, typ: "authentication_error", msg: "invalid x-api-key"}
	}
	v := r.Header.Get("anthropic-version")
	if v == "" {
		return 0, errInvalid("anthropic-version: header is required")
	}
	for _, ok := range acceptedVersions {
		if v == ok {
			return kind, nil
		}
	}
	return 0, errInvalid("anthropic-version: %q is not a valid version", v)
}

// apiError is an error response in the real API's shape.
type apiError struct {
	status  int
	typ     string
	msg     string
	code    string // error.details.error_code
	noRetry bool   // sent with x-should-retry: false
}

func (e *apiError) Error() string { return e.msg }

func errInvalid(format string, args ...any) *apiError {
	return &apiError{status: 400, typ: "invalid_request_error", msg: fmt.Sprintf(format, args...)}
}

func errNotFound(format string, args ...any) *apiError {
	return &apiError{status: 404, typ: "not_found_error", msg: fmt.Sprintf(format, args...)}
}

func writeError(w http.ResponseWriter, rid string, e *apiError) {
	if e.noRetry {
		w.Header().Set("x-should-retry", "false")
	}
	body := map[string]any{
		"type":       "error",
		"error":      map[string]any{"type": e.typ, "message": e.msg},
		"request_id": rid,
	}
	if e.code != "" {
		body["error"].(map[string]any)["details"] = map[string]any{"error_code": e.code}
	}
	writeJSON(w, e.status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if s, ok := v.(interface{ writeJSON(io.Writer) error }); ok {
		s.writeJSON(w) // a long answer that writes itself as it goes
		return
	}
	enc := json.NewEncoder(w)
	enc.Encode(v)
}

// statusWriter remembers the status for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection for dropped-
// connection faults.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
