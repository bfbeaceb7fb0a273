package admin_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/anthropic-admin-go/admin"
)

// getOrgError makes one GET (no retries) against a server giving r.
func getOrgError(t *testing.T, r reply) (*admin.APIError, error) {
	t.Helper()
	api := newFakeAPI(t, r)
	_, err := api.client(admin.WithMaxRetries(0)).Organization.Get(context.Background())
	api.only()
	return apiError(t, err), err
}

func TestAPIErrorFromBody(t *testing.T) {
	longText := strings.Repeat("é", 150) // 300 bytes: the cut must not split a character
	tests := []struct {
		name   string
		reply  reply
		want   admin.APIError // Body, Method, Path, Attempts are checked separately
		inText []string       // Error() contains these
	}{
		{
			name:  "API error with details and request_id in the body",
			reply: reply{Status: 400, Body: `{"type":"error","error":{"type":"invalid_request_error","message":"workspace name already taken","details":{"error_code":"duplicate_name"}},"request_id":"req_body_01"}`},
			want: admin.APIError{StatusCode: 400, Type: admin.ErrorTypeInvalidRequest, Message: "workspace name already taken",
				ErrorCode: "duplicate_name", RequestID: "req_body_01"},
			inText: []string{"GET /v1/organizations/me", "400 invalid_request_error", "(duplicate_name)", "workspace name already taken", "[request-id req_body_01]"},
		},
		{
			name: "request-id header wins over the body",
			reply: reply{Status: 404, Header: map[string]string{"request-id": "req_header_02"},
				Body: `{"type":"error","error":{"type":"not_found_error","message":"Organization not found"},"request_id":"req_body_02"}`},
			want:   admin.APIError{StatusCode: 404, Type: admin.ErrorTypeNotFound, Message: "Organization not found", RequestID: "req_header_02"},
			inText: []string{"404 not_found_error", "[request-id req_header_02]"},
		},
		{
			name:   "unknown error type is kept",
			reply:  reply{Status: 418, Body: `{"type":"error","error":{"type":"teapot_error","message":"short and stout"}}`},
			want:   admin.APIError{StatusCode: 418, Type: "teapot_error", Message: "short and stout"},
			inText: []string{"418 teapot_error: short and stout"},
		},
		{
			name: "proxy HTML page",
			reply: reply{Status: 502, Header: map[string]string{"Content-Type": "text/html"},
				Body: "<html>\n<head><TITLE>502 Bad Gateway</TITLE></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>\n</html>\n"},
			want:   admin.APIError{StatusCode: 502, Type: admin.ErrorTypeAPI, Message: `Bad Gateway (HTML page: "502 Bad Gateway")`},
			inText: []string{"502 api_error", "HTML page", "502 Bad Gateway"},
		},
		{
			// Before the fix, lowercasing the page shifted the indexes: a
			// garbled title, or a panic when characters grew.
			name: "HTML page with non-ASCII text before the title",
			reply: reply{Status: 503, Header: map[string]string{"Content-Type": "text/html; charset=utf-8"},
				Body: "<!-- " + strings.Repeat("Ⱥ", 40) + " --><title>Service Unavailable</title>"},
			want: admin.APIError{StatusCode: 503, Type: admin.ErrorTypeAPI, Message: `Service Unavailable (HTML page: "Service Unavailable")`},
		},
		{
			name:   "HTML page without a title",
			reply:  reply{Status: 504, Header: map[string]string{"Content-Type": "text/plain"}, Body: "<html><body>upstream timed out</body></html>"},
			want:   admin.APIError{StatusCode: 504, Type: admin.ErrorTypeTimeout, Message: "Gateway Timeout (HTML page)"},
			inText: []string{"504 timeout_error"},
		},
		{
			name:   "empty 502",
			reply:  reply{Status: 502},
			want:   admin.APIError{StatusCode: 502, Type: admin.ErrorTypeAPI, Message: "Bad Gateway (empty body)"},
			inText: []string{"502 api_error: Bad Gateway (empty body)"},
		},
		{
			name:  "long plain text is cut on a character boundary",
			reply: reply{Status: 500, Header: map[string]string{"Content-Type": "text/plain"}, Body: longText},
			want:  admin.APIError{StatusCode: 500, Type: admin.ErrorTypeAPI, Message: strings.Repeat("é", 100) + "…"},
		},
		{
			name:  "JSON without an error object falls back to the status",
			reply: reply{Status: 529, Body: `{"message":"busy"}`},
			want:  admin.APIError{StatusCode: 529, Type: admin.ErrorTypeOverloaded, Message: `{"message":"busy"}`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := getOrgError(t, tt.reply)
			got := *e
			got.Body, got.Method, got.Path, got.Attempts = nil, "", "", 0
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("APIError = %+v\nwant       %+v", got, tt.want)
			}
			if e.Method != "GET" || e.Path != "/v1/organizations/me" || e.Attempts != 1 || string(e.Body) != tt.reply.Body {
				t.Errorf("method %q path %q attempts %d body %q", e.Method, e.Path, e.Attempts, e.Body)
			}
			if !utf8.ValidString(e.Message) {
				t.Errorf("message is not valid UTF-8: %q", e.Message)
			}
			for _, s := range tt.inText {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("Error() = %q, missing %q", err, s)
				}
			}
		})
	}
}

func TestAPIErrorBodyIsCut(t *testing.T) {
	e, _ := getOrgError(t, reply{Status: 500, Body: strings.Repeat("x", 10000)})
	if len(e.Body) != 4096 {
		t.Errorf("len(Body) = %d, want 4096", len(e.Body))
	}
}

func TestSentinels(t *testing.T) {
	sentinels := []error{admin.ErrNotFound, admin.ErrUnauthorized, admin.ErrPermission, admin.ErrRateLimited,
		admin.ErrConflict, admin.ErrOverloaded, admin.ErrInvalidRequest, admin.ErrInvalidParam}
	tests := []struct {
		status int
		typ    string // error.type in the body; "" for none
		want   error  // nil: matches no sentinel
	}{
		{400, "invalid_request_error", admin.ErrInvalidRequest},
		{401, "authentication_error", admin.ErrUnauthorized},
		{403, "permission_error", admin.ErrPermission},
		{404, "not_found_error", admin.ErrNotFound},
		{409, "conflict_error", admin.ErrConflict},
		{429, "rate_limit_error", admin.ErrRateLimited},
		{529, "overloaded_error", admin.ErrOverloaded},
		// From the status alone, as behind a proxy.
		{401, "", admin.ErrUnauthorized},
		{404, "", admin.ErrNotFound},
		{429, "", admin.ErrRateLimited},
		{529, "", admin.ErrOverloaded},
		{422, "", admin.ErrInvalidRequest}, // other 4xx are invalid requests
		// From the type when the status is generic.
		{500, "overloaded_error", admin.ErrOverloaded},
		{500, "api_error", nil},
		{502, "", nil},
		{413, "request_too_large", nil},
		{402, "billing_error", nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", tt.status, tt.typ), func(t *testing.T) {
			body := ""
			if tt.typ != "" {
				body = `{"type":"error","error":{"type":"` + tt.typ + `","message":"m"}}`
			}
			_, err := getOrgError(t, reply{Status: tt.status, Body: body})
			for _, s := range sentinels {
				if got := errors.Is(err, s); got != (s == tt.want) {
					t.Errorf("errors.Is(err, %v) = %v", s, got)
				}
			}
		})
	}
}

func TestSentinelsThroughWrapping(t *testing.T) {
	_, err := getOrgError(t, reply{Status: 404, Body: `{"type":"error","error":{"type":"not_found_error","message":"gone"}}`})
	wrapped := fmt.Errorf("syncing seats: %w", err)
	var e *admin.APIError
	if !errors.Is(wrapped, admin.ErrNotFound) || !errors.As(wrapped, &e) || e.Message != "gone" {
		t.Errorf("wrapped error lost its identity: %v", wrapped)
	}
}

func TestTransportErrorUnwraps(t *testing.T) {
	api := newFakeAPI(t)
	api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) { <-r.Context().Done() }
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err := api.client().Organization.Get(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	var te *admin.TransportError
	if !errors.As(err, &te) || te.Method != "GET" || te.Path != "/v1/organizations/me" {
		t.Errorf("err = %#v", err)
	}
	var ae *admin.APIError
	if errors.As(err, &ae) {
		t.Errorf("a transport error is an APIError: %v", ae)
	}
	if !strings.HasPrefix(err.Error(), "admin: GET /v1/organizations/me: ") {
		t.Errorf("Error() = %q", err)
	}
}

func TestTruncatedJSONIsADecodeError(t *testing.T) {
	api := newFakeAPI(t, reply{Body: `{"id":"12345678-1234","type":"organiz`})
	org, err := api.client().Organization.Get(context.Background())
	if err == nil {
		t.Fatalf("got %+v, want an error", org)
	}
	if !strings.Contains(err.Error(), "GET /v1/organizations/me: decoding response") {
		t.Errorf("err = %v", err)
	}
	var ae *admin.APIError
	if errors.As(err, &ae) || errors.Is(err, admin.ErrInvalidParam) {
		t.Errorf("a decode error matches an API or parameter error: %v", err)
	}
	api.only() // a bad 200 is not retried
}

func TestInvalidParamIsNotAnAPIError(t *testing.T) {
	api := newFakeAPI(t)
	_, err := api.client().Users.Get(context.Background(), "")
	var ae *admin.APIError
	if !errors.Is(err, admin.ErrInvalidParam) || errors.As(err, &ae) || errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("err = %v", err)
	}
	if !strings.HasPrefix(err.Error(), "admin: invalid parameter: ") {
		t.Errorf("Error() = %q", err)
	}
}

// TestNotFoundOnRetry: a 404 is told apart only for a DELETE, and only when
// an earlier attempt may have been acted on; a 429 says it was not.
func TestNotFoundOnRetry(t *testing.T) {
	notFound := reply{Status: 404, Body: `{"type":"error","error":{"type":"not_found_error","message":"no such invite"}}`}
	tests := []struct {
		name    string
		method  string
		replies []reply
		onRetry bool
	}{
		{"delete: 404 at once", "DELETE", []reply{notFound}, false},
		{"delete: 500, then 404", "DELETE", []reply{{Status: 500}, notFound}, true},
		{"delete: 503, 429, then 404", "DELETE", []reply{{Status: 503}, {Status: 429}, notFound}, true},
		{"delete: 429, then 404", "DELETE", []reply{{Status: 429}, notFound}, false},
		{"get: 500, then 404", "GET", []reply{{Status: 500}, notFound}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.replies...)
			err := api.client().Do(context.Background(), tt.method, "/v1/organizations/invites/invite_1", nil, nil, nil)
			if !errors.Is(err, admin.ErrNotFound) || apiError(t, err).Attempts != len(tt.replies) {
				t.Fatalf("err = %v, want ErrNotFound after %d attempts", err, len(tt.replies))
			}
			if got := errors.Is(err, admin.ErrNotFoundOnRetry); got != tt.onRetry {
				t.Errorf("errors.Is(%v, ErrNotFoundOnRetry) = %v, want %v", err, got, tt.onRetry)
			}
			if got := strings.Contains(err.Error(), "an earlier attempt probably removed it"); got != tt.onRetry {
				t.Errorf("Error() = %q: says an earlier attempt removed it: %v, want %v", err, got, tt.onRetry)
			}
		})
	}
}

// TestParamErrors: input refused before sending is a *ParamError naming
// the parameter, and still matches ErrInvalidParam.
func TestParamErrors(t *testing.T) {
	api := newFakeAPI(t)
	c := api.client()
	ctx := context.Background()
	tests := []struct {
		name   string
		call   func() error
		param  string
		reason string
	}{
		{"limit", func() error {
			_, err := c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 5000}}).Page(ctx)
			return err
		},
			"limit", "must be between 1 and 1000 (0 for the default), not 5000"},
		{"report limit", func() error {
			_, err := c.Cost.Report(admin.CostReportParams{StartingAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), PageCursor: admin.PageCursor{Limit: 400}}).Page(ctx)
			return err
		}, "limit", "not 400, with bucket width 1d"},
		{"empty ID", func() error { _, err := c.Users.Get(ctx, " "); return err }, "user_id", "must not be empty"},
		{"a path in an ID", func() error { _, err := c.Invites.Delete(ctx, "a/b"); return err },
			"invite_id", `"a/b" contains a character that cannot be in an ID`},
		{"email", func() error {
			_, err := c.Invites.Create(ctx, admin.InviteCreateParams{Email: "Ada <ada@example.com>", Role: admin.OrgRoleUser})
			return err
		}, "email", "is not a plain email address"},
		{"role", func() error {
			_, err := c.Users.Update(ctx, "user_1", admin.UserUpdateParams{Role: admin.OrgRoleAdmin})
			return err
		}, "role", `"admin" cannot be assigned through the API`},
		{"Do path", func() error { return c.Do(ctx, "GET", "v1/x", nil, nil, nil) }, "path", "must start with /"},
		{"a per-call option", func() error { _, err := c.Organization.Get(ctx, admin.WithMaxRetries(-1)); return err },
			"WithMaxRetries", "must not be negative, not -1"},
		{"base URL", func() error {
			_, err := admin.NewClient(admin.WithAPIKey(testKey), admin.WithBaseURL("ftp://x"))
			return err
		},
			"base URL", `"ftp://x" is not an absolute http(s) URL`},
		{"a time range, no one parameter", func() error { _, err := admin.ParseTimeRange("7d", "2026-11-01", "", time.Now()); return err },
			"", "not both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var pe *admin.ParamError
			if !errors.As(err, &pe) || !errors.Is(err, admin.ErrInvalidParam) {
				t.Fatalf("err = %v (%T), want a *ParamError matching ErrInvalidParam", err, err)
			}
			if pe.Param != tt.param || !strings.Contains(pe.Reason, tt.reason) {
				t.Errorf("ParamError{%q, %q}, want param %q and a reason with %q", pe.Param, pe.Reason, tt.param, tt.reason)
			}
			want := "admin: invalid parameter: " + tt.param + ": " + pe.Reason
			if tt.param == "" {
				want = "admin: invalid parameter: " + pe.Reason
			}
			if err.Error() != want {
				t.Errorf("Error() = %q, want %q", err, want)
			}
		})
	}
	if n := len(api.requests()); n != 0 {
		t.Errorf("bad input sent %d requests", n)
	}
}
