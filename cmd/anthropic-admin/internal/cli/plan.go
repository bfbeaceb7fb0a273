package cli

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/termsafe"
	"github.com/anthropic-admin-go/admin/workflow"
)

// What the workflow commands (offboard, audit --fix) share: show a plan,
// ask, apply it, and end with the result, a table for a person or JSON
// for a ticket.

// writeSafe writes text made from server data: each line inert, or JSON
// with unsafe characters escaped.
func (a *app) writeSafe(format string, write func(*bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	if format != output.Table && format != output.CSV {
		_, err := a.env.Stdout.Write(termsafe.JSON(b.Bytes()))
		return err
	}
	for _, line := range strings.SplitAfter(strings.TrimSuffix(b.String(), "\n"), "\n") {
		fmt.Fprintln(a.env.Stdout, termsafe.Text(strings.TrimSuffix(line, "\n")))
	}
	return nil
}

// runPlan shows plan, and unless --dry-run asks and applies it, printing
// the result. A plan with refusals is refused before anything is sent.
func (a *app) runPlan(cmd *cobra.Command, plan workflow.Plan, action string) error {
	format, err := a.format(cmd)
	if err != nil {
		return err
	}
	human := format == output.Table
	if !human {
		format = output.JSON // a plan and a result have one data form
	}
	// A refused plan is shown in any format: it says why nothing happens.
	if human || a.flags.dryRun || len(plan.Refusals) > 0 {
		if err := a.writeSafe(format, func(b *bytes.Buffer) error {
			if human {
				return plan.WriteTable(b)
			}
			return plan.WriteJSON(b)
		}); err != nil {
			return err
		}
	}
	if len(plan.Refusals) > 0 {
		return &exitError{code: ExitError, err: fmt.Errorf("refused: %s %s; nothing was changed", plan.Refusals[0].Subject, plan.Refusals[0].Reason)}
	}
	if a.flags.dryRun || (plan.Empty() && human) {
		return nil
	}
	if !plan.Empty() {
		if err := a.confirm(cmd, fmt.Sprintf("%s: %s", action, count(len(plan.Changes), "change"))); err != nil {
			return err
		}
	}
	c, err := a.clientFor(cmd.Context())
	if err != nil {
		return err
	}
	res, applyErr := workflow.Apply(cmd.Context(), c, plan, nil)
	if human {
		fmt.Fprintln(a.env.Stdout)
	}
	if err := a.writeSafe(format, func(b *bytes.Buffer) error {
		if human {
			return res.WriteTable(b)
		}
		return res.WriteJSON(b)
	}); err != nil {
		return err
	}
	if errors.Is(applyErr, workflow.ErrIncomplete) {
		return &exitError{code: ExitError, err: errors.New("a change failed; the result above says which. Run the command again to finish: done changes are not repeated")}
	}
	return applyErr
}

// parseDays reads a window given as days or weeks: 7d, 2w, or 0 for none.
func parseDays(cmd *cobra.Command, flag, v string) (time.Duration, error) {
	if v == "0" {
		return 0, nil
	}
	unit := map[byte]time.Duration{'d': 24 * time.Hour, 'w': 7 * 24 * time.Hour}
	if len(v) > 1 {
		if u, ok := unit[v[len(v)-1]]; ok {
			if n, err := strconv.Atoi(v[:len(v)-1]); err == nil && n >= 0 {
				return time.Duration(n) * u, nil
			}
		}
	}
	return 0, usageErr(cmd, "--%s %q: give days or weeks, such as 7d or 2w (0 for none)", flag, v)
}
