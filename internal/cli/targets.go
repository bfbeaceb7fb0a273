package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
)

// emailArg resolves an object given by ID or by email (see byEmail).
func emailArg[T any](ctx context.Context, arg, notFound string, list func(email string) *admin.List[T], id func(T) string) (string, error) {
	if !strings.Contains(arg, "@") {
		return arg, nil
	}
	item, err := byEmail(ctx, arg, notFound, list)
	return id(item), err
}

// byEmail finds the object given by email: one list call, filtered by it,
// whose first item is the one meant. notFound formats the error for an
// email nothing matches.
func byEmail[T any](ctx context.Context, email, notFound string, list func(email string) *admin.List[T]) (T, error) {
	var none T
	page, err := list(email).Page(ctx)
	if err != nil {
		return none, err
	}
	if len(page.Data) == 0 {
		return none, &exitError{code: ExitNotFound, err: fmt.Errorf(notFound, email)}
	}
	return page.Data[0], nil
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
		if err := act(cmd.Context(), t.id); err != nil {
			endProgress()
			fmt.Fprint(a.env.Stderr, safef("%s %d of %s; stopped at %s\n", ch.done, i, count(len(targets), ch.noun), t.label))
			return err
		}
		if progress {
			fmt.Fprint(a.env.Stderr, safef("\r%s %d/%d %ss…", ch.done, i+1, len(targets), ch.noun))
		}
	}
	endProgress()
	what := plural(len(targets), ch.noun, labels(targets, 3))
	if a.flags.dryRun {
		fmt.Fprint(a.env.Stderr, safef("dry run: would %s %s; nothing was sent\n", ch.verb, what))
		return nil
	}
	fmt.Fprint(a.env.Stderr, safef("%s %s\n", ch.done, what))
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
