package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// maxResponseBody bounds what one response may hold; a larger body is an
// error rather than an unbounded allocation. It is a variable only so that
// tests can lower it (export_test.go); nothing else changes it.
var maxResponseBody = 256 << 20

// request describes one API call for the shared request path.
type request struct {
	method string
	path   string // already escaped, from pathOf
	query  url.Values
	body   any  // encoded as JSON; nil for none; a *multipartBody is streamed as a form
	create bool // not safe to repeat: retried only when it cannot have been acted on
	// binary: the answer is a file (Accept: application/binary); a
	// successful body is handed to the caller unread (result.stream).
	binary bool
	// callerOut: out is of the caller's own type (Client.Do), decoded with
	// json.Unmarshal rather than unmarshal, whose buffer it might keep.
	callerOut bool
}

// Do sends a request to any Admin API endpoint with the client's credential,
// headers, retries and error handling, and decodes the JSON response into out
// (which may be nil). path is relative to the base URL, e.g.
// "/v1/organizations/me". body is encoded as JSON, except a []byte or
// json.RawMessage, which is JSON already and sent as is, and an io.Reader,
// sent as is too (and, since it cannot be replayed, never retried).
// For an endpoint in Endpoints, Do adds its beta values and retries it as
// its method does; any other POST is retried like a create.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body, out any, opts ...Option) error {
	if !strings.HasPrefix(path, "/") {
		return paramErr("path", "%q must start with /", path)
	}
	// An endpoint of the registry is sent as its method would send it, its
	// betas included; for any other endpoint Do cannot know whether a POST
	// creates something, so it treats every POST as one: retried only when
	// the server cannot have acted on it.
	create := method == http.MethodPost
	if ep, ok := LookupEndpoint(method, path); ok {
		create = ep.Create
		opts = withBetas(opts, ep.Betas...)
	}
	return c.send(ctx, request{method: method, path: path, query: query, body: body, create: create, callerOut: true}, out, opts)
}

// callConfig applies per-call options to a copy of the client's settings.
func (c *Client) callConfig(opts []Option) (*config, error) {
	if len(opts) == 0 {
		return c.cfg, nil
	}
	cfg := c.cfg.clone()
	for _, o := range opts {
		o(cfg)
	}
	if cfg.err != nil {
		return nil, cfg.err
	}
	if cfg.baseURL != c.cfg.baseURL || cfg.httpClient != c.cfg.httpClient {
		if err := cfg.finish(); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

// send runs a request through retries and decodes the result into out.
func (c *Client) send(ctx context.Context, r request, out any, opts []Option) error {
	res, err := c.exchange(ctx, r, opts)
	if err != nil || out == nil || len(res.body) == 0 {
		return err
	}
	decode := unmarshal
	if r.callerOut {
		decode = json.Unmarshal
	}
	if err := decode(res.body, out); err != nil {
		return fmt.Errorf("admin: %s %s: decoding response: %w", r.method, r.path, err)
	}
	return nil
}

// exchange runs a request through retries and returns the successful
// attempt: its body read whole, or for r.binary not read at all
// (res.stream). Credentials, headers, retries and error decoding happen here
// for every kind of body and answer.
func (c *Client) exchange(ctx context.Context, r request, opts []Option) (result, error) {
	cfg, err := c.callConfig(opts)
	if err != nil {
		return result{}, err
	}
	var payload []byte
	replayable := func() bool { return true }
	form, _ := r.body.(*multipartBody)
	switch b := r.body.(type) {
	case nil:
	case *multipartBody:
		// Written while it is sent; sent again only while none of the
		// caller's data has been read.
		replayable = b.untouched
		defer b.wait()
	case io.Reader:
		replayable = func() bool { return false }
	case json.RawMessage:
		payload = b
	case []byte:
		payload = b // JSON already: encoding it would send a base64 string
	default:
		if payload, err = json.Marshal(b); err != nil {
			return result{}, fmt.Errorf("admin: encoding %s %s body: %w", r.method, r.path, err)
		}
	}
	target := cfg.baseURL + r.path
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}
	mayHaveActed := false // an earlier attempt failed in a way the server may have acted on
	for attempt := 1; ; attempt++ {
		var body io.Reader
		contentType := "application/json"
		switch {
		case payload != nil:
			body = bytes.NewReader(payload)
		case form != nil:
			body, contentType = form.open()
		case r.body != nil:
			body = r.body.(io.Reader)
		}
		res := c.attempt(ctx, cfg, r, target, body, contentType, attempt)
		if form != nil {
			body.(io.Closer).Close() // the form's writer stops where the attempt did
		}
		if cfg.response != nil {
			*cfg.response = res.asResponse(attempt, cfg.cred.value)
		}
		if res.err == nil && res.status < 300 {
			return res, nil
		}
		failure := res.asError(r, attempt, cfg.cred.value)
		if apiErr, ok := failure.(*APIError); ok {
			apiErr.earlierMayHaveActed = mayHaveActed
			apiErr.adminKeyRefused = refusesAdminKey(apiErr, cfg.cred)
		}
		mayHaveActed = mayHaveActed || !notActedOn(res.response(), res.wrote)
		if ctx.Err() != nil {
			// An answer that arrived is the call's outcome, though the
			// context ended before a retry could be considered.
			if res.err == nil {
				return result{}, failure
			}
			return result{}, &TransportError{Method: r.method, Path: r.path, Attempts: attempt, Err: ctx.Err()}
		}
		if form != nil {
			form.wait() // this attempt's writer has let go of the caller's readers
		}
		if attempt > cfg.maxRetries || !replayable() || res.final || !shouldRetry(res.response(), res.wrote, r.create) {
			return result{}, failure
		}
		now := time.Now()
		delay, asked := time.Duration(0), false
		if res.header != nil {
			delay, asked = serverDelay(res.header, now)
		}
		if asked && delay > cfg.maxRetryDelay {
			return result{}, failure
		}
		if !asked {
			delay = backoff(attempt-1, cfg.random())
		}
		if deadline, ok := ctx.Deadline(); ok && now.Add(delay).After(deadline) {
			return result{}, failure
		}
		if err := cfg.sleep(ctx, delay); err != nil {
			return result{}, &TransportError{Method: r.method, Path: r.path, Attempts: attempt, Err: err}
		}
	}
}

func (c *config) random() float64 {
	if c.jitter != nil {
		return c.jitter()
	}
	return rand.Float64()
}

// result is what one attempt produced.
type result struct {
	status int
	header http.Header
	body   []byte
	stream io.ReadCloser // a binary request's successful body, unread; closing it ends the attempt
	wrote  bool          // some of the request reached the connection
	err    error         // no (complete) response
	final  bool          // err will not change on a retry (the request cannot even be built)
}

// response gives shouldRetry the status and headers, or nil without a response.
func (r result) response() *http.Response {
	if r.err != nil {
		return nil
	}
	return &http.Response{StatusCode: r.status, Header: r.header}
}

// asResponse describes the attempt for WithResponse. A header that echoes
// the credential, as a broken proxy might, is handed out with it hidden.
func (r result) asResponse(attempts int, secret string) Response {
	if r.err != nil {
		return Response{Attempts: attempts}
	}
	h := r.header.Clone()
	for _, vs := range h {
		for i, v := range vs {
			vs[i] = strings.ReplaceAll(v, secret, redacted)
		}
	}
	return Response{StatusCode: r.status, Header: h, RequestID: h.Get("request-id"), Attempts: attempts}
}

func (r result) asError(req request, attempts int, secret string) error {
	if r.err != nil {
		return &TransportError{Method: req.method, Path: req.path, Attempts: attempts, Err: r.err}
	}
	e := newAPIError(req.method, req.path, r.status, r.header, r.body, secret)
	e.Attempts = attempts
	e.RetryAfter, _ = serverDelay(r.header, time.Now())
	return e
}

// attempt sends the request once and reads the whole response within the
// attempt's own timeout, which ends with the attempt. A binary request's
// successful body is not read: it is handed over in res.stream, and the
// attempt (its timeout included) ends when that is closed.
func (c *Client) attempt(ctx context.Context, cfg *config, r request, target string, body io.Reader, contentType string, n int) (res result) {
	cancel := context.CancelFunc(func() {})
	if cfg.requestTimeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, cfg.requestTimeout)
	}
	defer func() {
		if res.stream == nil {
			cancel()
		}
	}()
	var wrote atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }})
	req, err := http.NewRequestWithContext(ctx, r.method, target, body)
	if err != nil {
		return result{err: err, final: true}
	}
	if body == nil {
		contentType = ""
	}
	setHeaders(req.Header, cfg, r, contentType)
	start := time.Now()
	defer func() {
		res.wrote = wrote.Load()
		res.err = redactError(res.err, cfg.cred.value)
		if !cfg.logger.Enabled(ctx, slog.LevelDebug) {
			return // the attributes cost allocations on every request: build them only for a logger that wants them
		}
		attrs := []any{"method", r.method, "path", r.path, "attempt", n, "duration", time.Since(start)}
		if res.err != nil {
			attrs = append(attrs, "error", res.err)
		} else {
			// A broken proxy may echo the credential even here.
			rid := strings.ReplaceAll(res.header.Get("request-id"), cfg.cred.value, redacted)
			attrs = append(attrs, "status", res.status, "request_id", rid)
		}
		cfg.logger.DebugContext(ctx, "anthropic-admin request", attrs...)
	}()
	resp, err := cfg.httpClient.Do(req)
	if err != nil {
		return result{err: scrubURLError(err)}
	}
	if r.binary && resp.StatusCode < 300 {
		return result{status: resp.StatusCode, header: resp.Header, stream: &attemptBody{ReadCloser: resp.Body, length: resp.ContentLength, end: cancel}}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, int64(maxResponseBody)+1))
	if err != nil {
		return result{err: fmt.Errorf("reading response body: %w", err)}
	}
	if len(data) > maxResponseBody {
		return result{err: fmt.Errorf("response body larger than %d bytes", maxResponseBody)}
	}
	return result{status: resp.StatusCode, header: resp.Header, body: data}
}

// attemptBody is a streamed answer: closing it ends its attempt.
type attemptBody struct {
	io.ReadCloser
	length int64 // Content-Length, -1 when unknown
	end    context.CancelFunc
}

func (b *attemptBody) Close() error {
	err := b.ReadCloser.Close()
	b.end()
	return err
}

// scrubURLError drops the URL that net/http puts in its errors: the path and
// query are already in TransportError, and the URL adds nothing but length.
func scrubURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func setHeaders(h http.Header, cfg *config, r request, contentType string) {
	for k, v := range cfg.headers {
		h[k] = append([]string(nil), v...)
	}
	h["Anthropic-Version"] = []string{cfg.version} // canonical already: Set would allocate the key again
	ua := "anthropic-admin-go/" + Version
	if cfg.userAgent != "" {
		ua = cfg.userAgent + " " + ua
	}
	h.Set("User-Agent", ua)
	if r.binary {
		h.Set("Accept", "application/binary")
	} else {
		h.Set("Accept", "application/json")
	}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	if betas := joinBetas(cfg.betas); betas != "" {
		h.Set("anthropic-beta", betas)
	}
	if cfg.cred.bearer {
		h.Set("Authorization", "Bearer "+cfg.cred.value)
	} else {
		h.Set("X-Api-Key", cfg.cred.value)
	}
}

// joinBetas joins the beta values (the caller's and, through withBetas,
// the endpoint's), each once.
func joinBetas(betas []string) string {
	var out []string
	for _, b := range betas {
		if b = strings.TrimSpace(b); b != "" && !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return strings.Join(out, ",")
}

// pathOf fills each {name} in pattern with the next id, checked by checkID
// and escaped as one path segment.
func pathOf(pattern string, ids ...string) (string, error) {
	var b strings.Builder
	b.Grow(len(pattern) + 32*len(ids)) // one allocation for the usual IDs
	rest := pattern
	for _, id := range ids {
		open, end := strings.IndexByte(rest, '{'), strings.IndexByte(rest, '}')
		if open < 0 || end < open {
			panic("admin: pathOf: more IDs than placeholders in " + pattern)
		}
		if err := checkID(rest[open+1:end], id); err != nil {
			return "", err
		}
		b.WriteString(rest[:open])
		b.WriteString(url.PathEscape(id))
		rest = rest[end+1:]
	}
	b.WriteString(rest)
	return b.String(), nil
}

// checkID refuses IDs that cannot name one object: the API would answer 404,
// or the path would address something else.
func checkID(what, id string) error {
	switch {
	case strings.TrimSpace(id) == "":
		return paramErr(what, "must not be empty")
	case strings.ContainsAny(id, "/\\?#"):
		return paramErr(what, "%q contains a character that cannot be in an ID", id)
	case strings.Contains(id, ".."):
		return paramErr(what, "%q contains \"..\"", id)
	case id == ".":
		// A lone dot is a path segment that clients and proxies remove, so
		// the request would reach the parent path (the list) instead.
		return paramErr(what, "must not be \".\"")
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f {
			return paramErr(what, "%q contains a control character", id)
		}
	}
	return nil
}

// query helpers: each adds a parameter only when it is set.
type query url.Values

func (q query) str(key, v string) {
	if v != "" {
		url.Values(q).Set(key, v)
	}
}

func (q query) num(key string, v int) {
	if v != 0 {
		url.Values(q).Set(key, strconv.Itoa(v))
	}
}

func (q query) flag(key string, v bool) {
	if v {
		url.Values(q).Set(key, "true")
	}
}

func (q query) time(key string, t time.Time) {
	if !t.IsZero() {
		url.Values(q).Set(key, t.UTC().Format(time.RFC3339Nano))
	}
}

// list adds key[]=v once per value, the bracket form the API expects.
func list[S ~string](q query, key string, values []S) {
	for _, v := range values {
		url.Values(q).Add(key+"[]", string(v))
	}
}

// Beta values that endpoints of this library require; the client sends them
// itself.
const (
	BetaAdminUserSignOut = "admin-user-sign-out-2026-10-08"
	BetaFastMode         = "fast-mode-2026-02-01"
)

// withBetas adds an endpoint's required beta values to the caller's options
// without touching the caller's slice.
func withBetas(opts []Option, betas ...string) []Option {
	if len(betas) == 0 {
		return opts
	}
	return append(slices.Clip(opts), WithBeta(betas...))
}

// call sends a request for one object: pattern's {placeholders} are filled
// with ids, body (if any) is sent as JSON, and the reply is decoded into a T.
// The endpoint's registry row (endpoints.go) says whether it creates
// something, and so is retried only when the server cannot have acted on
// it, and which beta values it needs.
func call[T any](ctx context.Context, c *Client, method, pattern string, ids []string, body any, opts []Option) (*T, error) {
	return callQuery[T](ctx, c, method, pattern, ids, nil, body, opts)
}

// callQuery is call with a query string.
func callQuery[T any](ctx context.Context, c *Client, method, pattern string, ids []string, q query, body any, opts []Option) (*T, error) {
	ep := registered(method, pattern)
	return callRequest[T](ctx, c, request{method: method, query: url.Values(q), body: body, create: ep.Create}, pattern, ids, withBetas(opts, ep.Betas...))
}

// ref names one object by several IDs: a struct with a field per ID, so that
// the IDs cannot be swapped as positional strings could.
type ref interface{ path() (string, error) }

// callRef is call for an object named by a ref.
func callRef[T any](ctx context.Context, c *Client, method string, r ref, body any, opts []Option) (*T, error) {
	path, err := r.path()
	if err != nil {
		return nil, err
	}
	return callPath[T](ctx, c, request{method: method, path: path, body: body}, opts)
}

func callRequest[T any](ctx context.Context, c *Client, r request, pattern string, ids []string, opts []Option) (*T, error) {
	path, err := pathOf(pattern, ids...)
	if err != nil {
		return nil, err
	}
	r.path = path
	return callPath[T](ctx, c, r, opts)
}

// callPath sends r, whose path is filled in, and decodes the reply into a T.
func callPath[T any](ctx context.Context, c *Client, r request, opts []Option) (*T, error) {
	var out T
	if err := c.send(ctx, r, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
