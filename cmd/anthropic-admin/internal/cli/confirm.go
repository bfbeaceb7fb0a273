package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// confirm asks before a destructive action. --yes skips the question; away
// from a terminal, without --yes, the action is refused (exit 2), so a
// script never deletes by accident. Under --dry-run nothing is changed, so
// nothing is asked.
func (a *app) confirm(cmd *cobra.Command, action string) error {
	if a.flags.yes || a.flags.dryRun {
		return nil
	}
	if !a.env.StdinTTY || !a.env.StderrTTY {
		return usageErr(cmd, "refusing to %s without --yes: not an interactive terminal", action)
	}
	fmt.Fprint(a.env.Stderr, output.Safef("About to %s.\n%s", action, confirmPrompt))
	line, err := bufio.NewReader(a.env.Stdin).ReadString('\n')
	if err != nil {
		fmt.Fprintln(a.env.Stderr) // the input ended without a newline
	}
	if slices.Contains(confirmAnswers, strings.ToLower(strings.TrimSpace(line))) {
		return nil
	}
	return &exitError{code: ExitError, err: fmt.Errorf("cancelled: nothing was changed")}
}

// confirmPrompt asks for one of confirmAnswers, in any letter case; the
// two say the same.
const confirmPrompt = "Type yes or y to continue, anything else to cancel: "

var confirmAnswers = []string{"yes", "y"}

// dryRunClient returns an HTTP client that sends reads through base but
// prints every change to w instead of sending it, answering it with an empty
// JSON object.
func dryRunClient(base *http.Client, w io.Writer) *http.Client {
	cp := *base
	next := base.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	cp.Transport = dryRunTransport{next: next, w: w}
	return &cp
}

type dryRunTransport struct {
	next http.RoundTripper
	w    io.Writer
}

func (t dryRunTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodGet || req.Method == http.MethodHead {
		return t.next.RoundTrip(req)
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
	}
	fmt.Fprintf(t.w, "dry run: would send %s %s\n", req.Method, req.URL.RequestURI())
	body = redactHeaderValues(body)
	if len(body) > 0 {
		var pretty bytes.Buffer
		if output.WriteIndented(&pretty, body) == nil {
			body = pretty.Bytes()
		}
		fmt.Fprintf(t.w, "%s", body)
		if !bytes.HasSuffix(body, []byte("\n")) {
			fmt.Fprintln(t.w)
		}
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  http.Header{"Content-Type": {"application/json"}},
		Body:    io.NopCloser(strings.NewReader("{}")),
		Request: req,
	}, nil
}

// redactHeaderValues hides the values of a body's "headers" object (a
// telemetry destination's, which hold a collector's credentials) in what a
// dry run prints; other bodies pass unchanged.
func redactHeaderValues(body []byte) []byte {
	var obj map[string]json.RawMessage
	var headers map[string]*string
	if json.Unmarshal(body, &obj) != nil || obj["headers"] == nil || json.Unmarshal(obj["headers"], &headers) != nil {
		return body
	}
	for k, v := range headers {
		if v != nil {
			headers[k] = &redactedValue
		}
	}
	obj["headers"], _ = json.Marshal(headers)
	out, err := json.Marshal(obj)
	if err != nil {
		return body
	}
	return out
}

var redactedValue = "[redacted]"

// collect reads a list up to --max-items, showing progress on stderr when
// it is a terminal and the list spans pages.
func collect[T any](a *app, ctx context.Context, l *admin.List[T], what string) ([]T, error) {
	var items []T
	pages := 0
	progress := a.env.StderrTTY
	defer func() {
		if progress && pages > 1 {
			fmt.Fprint(a.env.Stderr, "\r\x1b[K")
		}
	}()
	for page, err := range l.Pages(ctx) {
		if err != nil {
			return items, err
		}
		pages++
		for _, it := range page.Data {
			items = append(items, it)
			if a.flags.maxItems > 0 && len(items) >= a.flags.maxItems {
				return items, nil
			}
		}
		if progress && page.HasMore {
			fmt.Fprint(a.env.Stderr, output.Safef("\rfetching %s… %d so far", what, len(items)))
		}
	}
	return items, nil
}
