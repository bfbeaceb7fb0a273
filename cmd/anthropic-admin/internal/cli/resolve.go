package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// byEmail lists the objects that have an email. The server is asked to
// filter by it, and each answer is checked here too (letter case aside, as
// addresses are compared): a server or proxy that drops the filter must not
// turn "remove nobody@…" into removing whoever it listed first. Every page
// is read, so an unfiltered answer still finds the right objects.
func byEmail[T any](ctx context.Context, email string, list func(email string) *admin.List[T], emailOf func(T) string) ([]T, error) {
	var found []T
	for item, err := range list(email).All(ctx) {
		if err != nil {
			return nil, err
		}
		if strings.EqualFold(strings.TrimSpace(emailOf(item)), strings.TrimSpace(email)) {
			found = append(found, item)
		}
	}
	return found, nil
}

// onlyOne is the one object of found. None is not found (notFound says
// so); several are refused, naming their IDs, since acting on one of them
// would be a guess. several completes "N …": "members have the email …".
func onlyOne[T any](cmd *cobra.Command, found []T, id func(T) string, notFound, several string) (T, error) {
	var none T
	switch len(found) {
	case 0:
		return none, &exitError{code: ExitNotFound, err: errors.New(notFound)}
	case 1:
		return found[0], nil
	}
	ids := make([]string, len(found))
	for i, f := range found {
		ids[i] = id(f)
	}
	return none, usageErr(cmd, "%d %s: give one of their IDs (%s)", len(found), several, strings.Join(ids, ", "))
}

// notFoundAs replaces the API's answer that something does not exist with
// a message that names it the way the person did ("no member has the ID or
// email %q"); other errors pass through.
func notFoundAs(err error, format string, args ...any) error {
	var apiErr *admin.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, admin.ErrNotFound) {
		return err
	}
	msg := fmt.Sprintf(format, args...)
	if apiErr.RequestID != "" {
		msg += " (request id " + apiErr.RequestID + ")"
	}
	return &exitError{code: ExitNotFound, err: errors.New(msg)}
}

// notFoundOnRetry is what the CLI says of a delete that met
// admin.ErrNotFoundOnRetry.
const notFoundOnRetry = "not found on retry: the first attempt probably removed it"

func asAPIError(err error) *admin.APIError {
	var apiErr *admin.APIError
	errors.As(err, &apiErr)
	return apiErr
}

// target is one object a command acts on: its ID, and how a person knows it.
type target struct{ id, label string }

// change describes what a command does to each target, for the question it
// asks and the lines it prints.
type change struct {
	noun string // "API key"
	verb string // "deactivate"
	done string // "deactivated"
	ask  bool   // destructive: confirm first
	// question replaces the default "<verb> <targets>" in the prompt, for
	// changes with consequences worth spelling out.
	question string
	// refuseAdmins refuses the change for admins of the organization
	// before asking, as the API would.
	refuseAdmins bool
}

// applyAll confirms once (when the change asks), then acts on every target
// in turn. A terminal sees progress; everyone gets a one-line summary on
// stderr. It stops at the first failure, so a re-run picks up from there.
func (a *app) applyAll(cmd *cobra.Command, ch change, targets []target, act func(ctx context.Context, id string) error) error {
	if ch.ask {
		question := ch.question
		if question == "" {
			question = ch.verb + " " + plural(len(targets), ch.noun, labels(targets, 3))
		}
		if err := a.confirm(cmd, question); err != nil {
			return err
		}
	}
	progress := a.env.StderrTTY && len(targets) > 1
	endProgress := func() {
		if progress {
			fmt.Fprint(a.env.Stderr, "\r\x1b[K")
		}
	}
	for i, t := range targets {
		err := act(cmd.Context(), t.id)
		if errors.Is(err, admin.ErrNotFoundOnRetry) {
			// Gone, most likely by this very request, whose first answer
			// was lost: what was asked for holds, so it counts as done.
			endProgress()
			fmt.Fprint(a.env.Stderr, output.Safef("note: %s %s %s %s\n", ch.noun, t.label, notFoundOnRetry, apiDetails(asAPIError(err))))
			err = nil
		}
		if err != nil {
			endProgress()
			fmt.Fprint(a.env.Stderr, output.Safef("%s %d of %s; stopped at %s\n", ch.done, i, count(len(targets), ch.noun), t.label))
			return err
		}
		if progress {
			fmt.Fprint(a.env.Stderr, output.Safef("\r%s %d/%d %ss…", ch.done, i+1, len(targets), ch.noun))
		}
	}
	endProgress()
	what := plural(len(targets), ch.noun, labels(targets, 3))
	if a.flags.dryRun {
		fmt.Fprint(a.env.Stderr, output.Safef("dry run: would %s %s; nothing was sent\n", ch.verb, what))
		return nil
	}
	fmt.Fprint(a.env.Stderr, output.Safef("%s %s\n", ch.done, what))
	return nil
}

// labels names the first few targets and counts the rest.
func labels(targets []target, show int) string {
	var parts []string
	for i, t := range targets {
		if i == show {
			parts = append(parts, fmt.Sprintf("and %d more", len(targets)-show))
			break
		}
		parts = append(parts, t.label)
	}
	return strings.Join(parts, ", ")
}

// count is "1 invite" or "3 invites".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
