package cli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// This file ties the commands to package output: the app's Printer, made
// from the terminal, the chosen format, and the cells of times.

// newPrinter is the Printer of a run in env; the flags fill in the rest.
func newPrinter(a *app) output.Printer {
	return output.Printer{W: a.env.Stdout, Width: a.width(), Color: a.color()}
}

// color tells whether stdout may carry bold, color and other escapes: only
// a terminal, and only without NO_COLOR.
func (a *app) color() bool { return a.env.StdoutTTY && a.env.getenv("NO_COLOR") == "" }

// width is how many columns a table may take: the terminal's, or $COLUMNS
// when stdout is not a terminal (-o table into a pipe); 0 when unknown.
func (a *app) width() int {
	if a.env.StdoutTTY && a.env.Width > 0 {
		return a.env.Width
	}
	n, err := strconv.Atoi(strings.TrimSpace(a.env.getenv("COLUMNS")))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// format is the output format: the flag, else a table for a person at a
// terminal and JSON for a pipe.
func (a *app) format(cmd *cobra.Command) (string, error) {
	f := strings.ToLower(a.flags.output)
	if f == "" {
		if a.env.StdoutTTY {
			return output.Table, nil
		}
		return output.JSON, nil
	}
	for _, ok := range output.Formats {
		if f == ok {
			return f, nil
		}
	}
	return "", usageErr(cmd, "unknown output format %q: use one of %s", a.flags.output, strings.Join(output.Formats, ", "))
}

// printList writes items in the chosen format (output.List).
func printList[T any](a *app, cmd *cobra.Command, items []T, raw func(T) json.RawMessage, cols []output.Column[T]) error {
	format, err := a.format(cmd)
	if err != nil {
		return err
	}
	return output.List(&a.out, format, items, raw, cols)
}

// printOne writes one object in the chosen format (output.One).
func printOne[T any](a *app, cmd *cobra.Command, item T, raw func(T) json.RawMessage, cols []output.Column[T]) error {
	format, err := a.format(cmd)
	if err != nil {
		return err
	}
	return output.One(&a.out, format, item, raw, cols)
}

// when shows a time for a person: relative when recent, a date otherwise.
func (a *app) when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := a.now().Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	var s string
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		s = fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		s = fmt.Sprintf("%dh", int(d.Hours()))
	case d < 60*24*time.Hour:
		s = fmt.Sprintf("%dd", int(d.Hours()/24))
	default:
		return t.UTC().Format("2006-01-02")
	}
	if future {
		return "in " + s
	}
	return s + " ago"
}

// whenPtr is when for a nullable time.
func (a *app) whenPtr(t *time.Time, none string) string {
	if t == nil {
		return none
	}
	return a.when(*t)
}

// rfc3339 is a time for data formats.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func rfc3339Ptr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return rfc3339(*t)
}
