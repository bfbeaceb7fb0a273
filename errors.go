package admin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinels for errors.Is. An *APIError matches the one for its status code
// or error type.
var (
	ErrNotFound       = errors.New("not found")
	ErrUnauthorized   = errors.New("unauthorized")
	ErrPermission     = errors.New("permission denied")
	ErrRateLimited    = errors.New("rate limited")
	ErrConflict       = errors.New("conflict")
	ErrOverloaded     = errors.New("overloaded")
	ErrInvalidRequest = errors.New("invalid request")

	// ErrNotFoundOnRetry matches, besides ErrNotFound, a 404 that answered
	// a retried DELETE after an earlier attempt that the server may have
	// acted on (its answer was lost, cut short or a 5xx): that attempt most
	// likely removed the object, so the deletion probably happened.
	ErrNotFoundOnRetry = errors.New("not found on retry: an earlier attempt probably removed it")

	// ErrOAuthRequired matches the API's refusal of an admin key by an
	// endpoint that accepts only an OAuth access token with the org:admin
	// scope (service accounts and federation; Endpoint.Credentials says
	// which): a 401 or 403 without an error code of its own, answering a
	// request that carried an admin key. The client does not guess before
	// sending; it reads the refusal. Send those calls with WithAuthToken.
	ErrOAuthRequired = errors.New("this endpoint accepts only an OAuth access token with the org:admin scope, not an admin key")

	// ErrInvalidParam matches input refused before anything was sent: an
	// empty ID, a limit out of range, a reversed time range. Every such
	// error is a *ParamError.
	ErrInvalidParam = errors.New("invalid parameter")
)

// ErrorType is the error.type of an API error body. Known values are below;
// the API may add more.
type ErrorType string

const (
	ErrorTypeInvalidRequest  ErrorType = "invalid_request_error"
	ErrorTypeAuthentication  ErrorType = "authentication_error"
	ErrorTypeBilling         ErrorType = "billing_error"
	ErrorTypePermission      ErrorType = "permission_error"
	ErrorTypeNotFound        ErrorType = "not_found_error"
	ErrorTypeConflict        ErrorType = "conflict_error"
	ErrorTypeRequestTooLarge ErrorType = "request_too_large"
	ErrorTypeRateLimit       ErrorType = "rate_limit_error"
	ErrorTypeAPI             ErrorType = "api_error"
	ErrorTypeTimeout         ErrorType = "timeout_error"
	ErrorTypeOverloaded      ErrorType = "overloaded_error"
)

// APIError is an error response from the API, or the last one when retries
// ran out. It never holds a credential.
type APIError struct {
	StatusCode int
	Type       ErrorType // error.type; derived from the status when the body has none
	Message    string
	ErrorCode  string // error.details.error_code, when the API sent one
	RequestID  string // request-id header, else request_id in the body
	// RetryAfter is the wait the server asked for, when it asked. It is set
	// when the call gave up because that wait was too long.
	RetryAfter time.Duration
	Attempts   int // requests sent, retries included
	Method     string
	Path       string
	Body       []byte // the response body, cut to 4 KiB

	// earlierMayHaveActed: an earlier attempt of the call failed in a way
	// the server may have acted on (see ErrNotFoundOnRetry).
	earlierMayHaveActed bool
	// adminKeyRefused: the API refused the admin key the request carried
	// (see ErrOAuthRequired).
	adminKeyRefused bool
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "admin: %s %s: %d %s", e.Method, e.Path, e.StatusCode, e.Type)
	if e.ErrorCode != "" {
		fmt.Fprintf(&b, " (%s)", e.ErrorCode)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request-id %s]", e.RequestID)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.Is(ErrNotFoundOnRetry) {
		b.WriteString("; " + ErrNotFoundOnRetry.Error())
	}
	if e.adminKeyRefused {
		b.WriteString("; " + ErrOAuthRequired.Error())
	}
	return b.String()
}

// Is matches the sentinel for the error's status code or type, and
// ErrNotFoundOnRetry for a DELETE's 404 on a retry that follows an attempt
// the server may have acted on.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound || e.Type == ErrorTypeNotFound
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized || e.Type == ErrorTypeAuthentication
	case ErrPermission:
		return e.StatusCode == http.StatusForbidden || e.Type == ErrorTypePermission
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests || e.Type == ErrorTypeRateLimit
	case ErrConflict:
		return e.StatusCode == http.StatusConflict || e.Type == ErrorTypeConflict
	case ErrOverloaded:
		return e.StatusCode == 529 || e.Type == ErrorTypeOverloaded
	case ErrInvalidRequest:
		return e.StatusCode == http.StatusBadRequest || e.Type == ErrorTypeInvalidRequest
	case ErrNotFoundOnRetry:
		return e.Method == http.MethodDelete && e.earlierMayHaveActed && e.Is(ErrNotFound)
	case ErrOAuthRequired:
		return e.adminKeyRefused
	}
	return false
}

// refusesAdminKey reads e, the answer to a request sent with cred, as the
// refusal of an admin key by an endpoint that takes only OAuth tokens: a
// 401 or 403 that names no other cause (no error code), to a request that
// carried an admin key (as x-api-key, or as a bearer token that is one) to
// an endpoint whose registry row does not accept admin keys.
func refusesAdminKey(e *APIError, cred *credential) bool {
	if e.ErrorCode != "" || (e.StatusCode != http.StatusUnauthorized && e.StatusCode != http.StatusForbidden) {
		return false
	}
	if cred.bearer && !strings.HasPrefix(cred.value, "sk-ant-admin") {
		return false
	}
	ep, ok := LookupEndpoint(e.Method, e.Path)
	return ok && ep.Credentials&CredentialAdminKey == 0
}

// typeForStatus gives the error type the API uses for a status, for bodies
// that carry none (a proxy's HTML page, an empty 502).
func typeForStatus(status int) ErrorType {
	switch status {
	case 400:
		return ErrorTypeInvalidRequest
	case 401:
		return ErrorTypeAuthentication
	case 402:
		return ErrorTypeBilling
	case 403:
		return ErrorTypePermission
	case 404:
		return ErrorTypeNotFound
	case 409:
		return ErrorTypeConflict
	case 413:
		return ErrorTypeRequestTooLarge
	case 429:
		return ErrorTypeRateLimit
	case 504:
		return ErrorTypeTimeout
	case 529:
		return ErrorTypeOverloaded
	}
	if status >= 500 {
		return ErrorTypeAPI
	}
	return ErrorTypeInvalidRequest
}

const maxErrorBody = 4 << 10

// newAPIError builds an APIError from a non-2xx response body. If the body
// echoes the credential, as a misbehaving proxy might, it is hidden first so
// the error can be logged safely.
func newAPIError(method, path string, status int, header http.Header, body []byte, secret string) *APIError {
	e := &APIError{StatusCode: status, Method: method, Path: path, RequestID: header.Get("request-id")}
	if secret != "" {
		body = bytes.ReplaceAll(body, []byte(secret), []byte(redacted))
	}
	if len(body) > maxErrorBody {
		body = body[:maxErrorBody]
	}
	e.Body = body
	var wire struct {
		Error struct {
			Type    ErrorType `json:"type"`
			Message string    `json:"message"`
			Details struct {
				ErrorCode string `json:"error_code"`
			} `json:"details"`
		} `json:"error"`
		RequestID string `json:"request_id"`
	}
	if json.Unmarshal(body, &wire) == nil {
		e.Type, e.Message, e.ErrorCode = wire.Error.Type, wire.Error.Message, wire.Error.Details.ErrorCode
		if e.RequestID == "" {
			e.RequestID = wire.RequestID
		}
	}
	if e.Type == "" {
		e.Type = typeForStatus(status)
	}
	if e.Message == "" {
		e.Message = summarizeBody(status, header, body)
	}
	if secret != "" {
		// The body was redacted as bytes, but a JSON escape (\u0041 for A)
		// or the request-id header can still carry the credential in.
		hide := func(s string) string { return strings.ReplaceAll(s, secret, redacted) }
		e.Type = ErrorType(hide(string(e.Type)))
		e.Message, e.ErrorCode, e.RequestID = hide(e.Message), hide(e.ErrorCode), hide(e.RequestID)
	}
	return e
}

// summarizeBody describes a body that is not the API's JSON error, such as
// an HTML page from a proxy, in one short line.
func summarizeBody(status int, header http.Header, body []byte) string {
	text := strings.TrimSpace(string(body))
	if text == "" {
		return http.StatusText(status) + " (empty body)"
	}
	ct := header.Get("Content-Type")
	if strings.Contains(ct, "html") || strings.HasPrefix(text, "<") {
		if t := htmlTitle(text); t != "" {
			return fmt.Sprintf("%s (HTML page: %q)", http.StatusText(status), t)
		}
		return http.StatusText(status) + " (HTML page)"
	}
	text = strings.Join(strings.Fields(text), " ")
	if len(text) > 200 {
		cut := 200
		// Back up to the start of a character, but by one character's
		// length at most: the body need not be UTF-8 at all.
		for i := 0; i < utf8.UTFMax && !utf8.RuneStart(text[cut]); i++ {
			cut--
		}
		text = text[:cut] + "…"
	}
	return text
}

// htmlTitle finds the page's <title> in any letter case.
func htmlTitle(page string) string {
	// Lowercase ASCII letters only, so that indexes into lower fit page:
	// strings.ToLower can change a character's length.
	lower := []byte(page)
	for i, b := range lower {
		if 'A' <= b && b <= 'Z' {
			lower[i] = b + 'a' - 'A'
		}
	}
	start := bytes.Index(lower, []byte("<title>"))
	end := bytes.Index(lower, []byte("</title>"))
	if start < 0 || end < start {
		return ""
	}
	return strings.TrimSpace(page[start+len("<title>") : end])
}

// TransportError is a failure to get any response: a refused or reset
// connection, a timeout, a cancelled context. It unwraps to the cause, so
// errors.Is(err, context.DeadlineExceeded) works.
type TransportError struct {
	Method   string
	Path     string
	Attempts int
	Err      error
}

func (e *TransportError) Error() string {
	s := fmt.Sprintf("admin: %s %s: %v", e.Method, e.Path, e.Err)
	if e.Attempts > 1 {
		s += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	return s
}

func (e *TransportError) Unwrap() error { return e.Err }

// redacted stands in for a credential that a server or transport echoed.
const redacted = "[redacted]"

// redactError hides the credential in err's text (a custom RoundTripper may
// put headers in its errors). errors.Is and errors.As still reach the causes
// beneath, redacted in turn, but never an error whose own text holds the
// credential: printing any error of the chain is safe.
func redactError(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), secret, redacted), err: err,
		redact: func(cause error) error { return redactError(cause, secret) }}
}

type redactedError struct {
	msg    string
	err    error             // its text holds the credential: never handed out
	redact func(error) error // a func, so that %#v cannot print the secret
}

func (e *redactedError) Error() string { return e.msg }

func (e *redactedError) Unwrap() []error {
	var causes []error
	switch u := e.err.(type) {
	case interface{ Unwrap() error }:
		causes = append(causes, u.Unwrap())
	case interface{ Unwrap() []error }:
		causes = u.Unwrap()
	}
	out := make([]error, 0, len(causes))
	for _, c := range causes {
		if c != nil {
			out = append(out, e.redact(c))
		}
	}
	return out
}

// ParamError is input refused before anything was sent. It matches
// ErrInvalidParam with errors.Is.
type ParamError struct {
	// Param names what was wrong: a request parameter or path ID as the
	// API spells it ("limit", "user_id", "email"), or an option
	// ("WithMaxRetries"). Empty when the error is about several at once,
	// such as a time range.
	Param string
	// Reason says what is wrong with it, e.g. "must be between 1 and 1000
	// (0 for the default), not 5000".
	Reason string
}

func (e *ParamError) Error() string {
	if e.Param == "" {
		return "admin: invalid parameter: " + e.Reason
	}
	return "admin: invalid parameter: " + e.Param + ": " + e.Reason
}

// Is matches ErrInvalidParam.
func (e *ParamError) Is(target error) bool { return target == ErrInvalidParam }

// paramErr reports bad input in param found before sending.
func paramErr(param, format string, args ...any) error {
	return &ParamError{Param: param, Reason: fmt.Sprintf(format, args...)}
}

// invalidParam reports bad input that no one parameter is to blame for.
func invalidParam(format string, args ...any) error { return paramErr("", format, args...) }
