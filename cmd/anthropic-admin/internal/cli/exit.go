package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/termsafe"
)

// Exit codes. Scripts rely on them, so they never change meaning.
const (
	ExitOK          = 0
	ExitError       = 1 // any other failure
	ExitUsage       = 2 // bad flags or input; nothing was sent
	ExitAuth        = 3 // the credential was refused (401/403)
	ExitNotFound    = 4
	ExitRateLimited = 5
	ExitConflict    = 6
	ExitOverBudget  = 7 // budget: the projection exceeds the budget
	ExitFindings    = 8 // audit --fail-on: a finding of that severity or worse
)

// exitError carries the exit code for an error.
type exitError struct {
	code  int
	err   error
	hint  string // usage line, for bad input
	label string // what the message is; "error" when empty
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErr is bad input: one line, a hint, exit code 2, nothing sent.
func usageErr(cmd *cobra.Command, format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...), hint: fmt.Sprintf("see '%s --help'", cmd.CommandPath())}
}

// report prints err for a person, on one line where it can, and returns
// the exit code it maps to.
func (a *app) report(err error) int {
	if err == nil {
		return ExitOK
	}
	msg, code := a.explain(err)
	// The message may hold text from the server (an API error's message, a
	// name that was not found) or from a file: shown inert, line by line.
	for _, line := range strings.Split(msg, "\n") {
		fmt.Fprintln(a.env.Stderr, termsafe.Text(line))
	}
	return code
}

// explain is what a person reads for err, and the exit code it maps to.
func (a *app) explain(err error) (string, int) {
	var ee *exitError
	var apiErr *admin.APIError
	var netErr *admin.TransportError
	var badParam *admin.ParamError
	switch {
	case errors.As(err, &ee):
		msg := fmt.Sprintf("%s: %v", cmp.Or(ee.label, "error"), ee.err)
		if ee.hint != "" {
			msg += fmt.Sprintf("\n  (%s)", ee.hint)
		}
		return msg, ee.code
	case errors.Is(err, admin.ErrOAuthRequired) && errors.As(err, &apiErr):
		return "error: " + oauthRequiredHelp + " " + apiDetails(apiErr), ExitAuth
	case errors.As(err, &apiErr):
		msg := fmt.Sprintf("error: %s %s", strings.TrimSuffix(apiErr.Message, "."), apiDetails(apiErr))
		if errors.Is(err, admin.ErrNotFoundOnRetry) {
			msg = fmt.Sprintf("error: %s %s", notFoundOnRetry, apiDetails(apiErr))
		}
		switch {
		case errors.Is(err, admin.ErrUnauthorized), errors.Is(err, admin.ErrPermission):
			return msg, ExitAuth
		case errors.Is(err, admin.ErrNotFound):
			return msg, ExitNotFound
		case errors.Is(err, admin.ErrRateLimited):
			return msg, ExitRateLimited
		case errors.Is(err, admin.ErrConflict):
			return msg, ExitConflict
		}
		return msg, ExitError
	case errors.As(err, &netErr):
		return "error: " + a.unreachable(netErr), ExitError
	case errors.As(err, &badParam):
		return "error: " + paramText(badParam), ExitUsage
	}
	return "error: " + plainMessage(err), ExitError
}

// oauthRequiredHelp is what to do when the API refused an admin key on an
// endpoint that takes only OAuth tokens (service accounts, federation).
const oauthRequiredHelp = "this takes an OAuth token with the org:admin scope, not an admin key: " +
	"give --auth-token-file PATH or --auth-token -, or set ANTHROPIC_AUTH_TOKEN"

// plainMessage is err's message without the library's package prefix
// ("admin: ", "report: "), which means nothing to a person.
func plainMessage(err error) string {
	msg := err.Error()
	for _, pkg := range []string{"admin: ", "report: "} {
		if rest, ok := strings.CutPrefix(msg, pkg); ok {
			return rest
		}
	}
	return msg
}

// apiDetails is what a person may need of an API error besides its
// message, for a report to support: "(not_found_error, HTTP 404, request
// id req_01…)", with the error code when there is one.
func apiDetails(e *admin.APIError) string {
	parts := []string{string(e.Type), fmt.Sprintf("HTTP %d", e.StatusCode)}
	if e.ErrorCode != "" {
		parts = append(parts, "code "+e.ErrorCode)
	}
	if e.RequestID != "" {
		parts = append(parts, "request id "+e.RequestID)
	}
	if e.Attempts > 1 {
		parts = append(parts, fmt.Sprintf("%d attempts", e.Attempts))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// unreachable says why no answer came: "cannot reach https://…:
// connection refused (3 attempts)", or that the user interrupted.
func (a *app) unreachable(e *admin.TransportError) string {
	if errors.Is(e, context.Canceled) {
		return "interrupted before an answer came"
	}
	var why string
	var dns *net.DNSError
	var errno syscall.Errno
	var timeout interface{ Timeout() bool }
	switch {
	case errors.As(e, &dns):
		why = "no such host"
		if !dns.IsNotFound {
			why = "cannot look up " + dns.Name + ": " + dns.Err
		}
	case errors.Is(e, context.DeadlineExceeded), errors.As(e, &timeout) && timeout.Timeout():
		why = "no answer in time"
	case errors.As(e, &errno):
		why = errno.Error()
	case errors.Is(e, io.EOF), errors.Is(e, io.ErrUnexpectedEOF):
		why = "the connection closed before a whole answer came"
	default:
		why = e.Err.Error()
		var opErr *net.OpError
		var urlErr *url.Error
		if errors.As(e, &opErr) {
			why = opErr.Err.Error()
		} else if errors.As(e, &urlErr) {
			why = urlErr.Err.Error()
		}
	}
	s := fmt.Sprintf("cannot reach %s: %s", a.apiURL(), why)
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (%d attempts)", e.Attempts)
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// paramText is the library's refusal of some input, without its prefix:
// "limit: must be between 1 and 1000 (0 for the default), not 5000".
func paramText(e *admin.ParamError) string {
	if e.Param == "" {
		return e.Reason
	}
	return e.Param + ": " + e.Reason
}
