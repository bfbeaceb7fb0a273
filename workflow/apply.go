package workflow

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/anthropic-admin-go/admin"
)

// Status is how one change of a plan ended in a run.
type Status string

const (
	// Done: this run sent the change and the API accepted it.
	Done Status = "done"
	// AlreadyDone: the object was already as the change asks (found by a
	// read, or the API answered that it is gone); nothing was changed.
	AlreadyDone Status = "already_done"
	// DoneEarlier: the earlier run given to Apply did it; nothing was sent.
	DoneEarlier Status = "done_earlier"
	// Failed: the change was tried and failed; see Error.
	Failed Status = "failed"
	// NotRun: an earlier change failed, so this one was not tried.
	NotRun Status = "not_run"
)

// finished reports whether the change needs nothing more.
func (s Status) finished() bool { return s == Done || s == AlreadyDone || s == DoneEarlier }

// Outcome is what happened to one change.
type Outcome struct {
	Change Change `json:"change"`
	Status Status `json:"status"`
	// RequestIDs are the request-id of every request the change sent, reads
	// included, in order: what support asks for.
	RequestIDs []string `json:"request_ids,omitempty"`
	Error      string   `json:"error,omitempty"`
}

// Result is a run of a plan, fit to paste into a ticket: the plan's
// findings and what became of each change.
type Result struct {
	Title    string    `json:"title"`
	Outcomes []Outcome `json:"outcomes"`
	Refusals []Refusal `json:"refusals,omitempty"`
	Notes    []string  `json:"notes,omitempty"`
}

// Complete reports whether every change of the run is finished: nothing
// failed or was left unrun, and nothing was refused.
func (r *Result) Complete() bool {
	if len(r.Refusals) > 0 {
		return false
	}
	for _, o := range r.Outcomes {
		if !o.Status.finished() {
			return false
		}
	}
	return true
}

// Count returns how many changes ended in status s.
func (r *Result) Count(s Status) int {
	n := 0
	for _, o := range r.Outcomes {
		if o.Status == s {
			n++
		}
	}
	return n
}

func (r *Result) outcome(key string) (Outcome, bool) {
	if r == nil {
		return Outcome{}, false
	}
	for _, o := range r.Outcomes {
		if o.Change.Key() == key {
			return o, true
		}
	}
	return Outcome{}, false
}

// WriteJSON writes the result as indented JSON.
func (r *Result) WriteJSON(w io.Writer) error { return writeJSON(w, r) }

// WriteTable writes the result for a person: each change's status, the
// request IDs and errors, then a count.
func (r *Result) WriteTable(w io.Writer) error {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSTATUS\tACTION\tTARGET\tREQUEST IDS")
	for i, o := range r.Outcomes {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", i+1, o.Status, label(o.Change.Action), o.Change.shown().String(), strings.Join(o.RequestIDs, " "))
		if o.Error != "" {
			fmt.Fprintf(tw, "\t\t\t\t! %s\n", o.Error) // after the last tab: no column widens
		}
	}
	tw.Flush()
	for _, ref := range r.Refusals {
		fmt.Fprintf(&b, "REFUSED %s: %s\n", ref.Subject, ref.Reason)
	}
	fmt.Fprintf(&b, "%d done, %d already done, %d done earlier, %d failed, %d not run\n",
		r.Count(Done), r.Count(AlreadyDone), r.Count(DoneEarlier), r.Count(Failed), r.Count(NotRun))
	_, err := io.WriteString(w, b.String())
	return err
}

// ErrRefused is returned by Apply for a plan with refusals: nothing was
// sent.
var ErrRefused = errors.New("workflow: the plan has refusals; nothing was changed")

// ErrIncomplete is returned by Apply when a change failed; the Result says
// which, and running Apply again with that Result finishes the job.
var ErrIncomplete = errors.New("workflow: a change failed; run again with this result to finish")

// Apply carries out plan's changes in order, and only those. earlier, when
// not nil, is the Result of an earlier run of the same plan: changes it
// finished are skipped, and changes it left failed are read first, since a
// failed attempt may have taken effect. Apply stops at the first failure
// (later changes may depend on it: a member is removed last) and returns
// the Result with ErrIncomplete.
func Apply(ctx context.Context, c *admin.Client, plan Plan, earlier *Result) (*Result, error) {
	res := &Result{Title: plan.Title, Refusals: plan.Refusals, Notes: plan.Notes, Outcomes: make([]Outcome, 0, len(plan.Changes))}
	if len(plan.Refusals) > 0 {
		for _, ch := range plan.Changes {
			res.Outcomes = append(res.Outcomes, Outcome{Change: ch, Status: NotRun})
		}
		return res, ErrRefused
	}
	failed := false
	for _, ch := range plan.Changes {
		out := Outcome{Change: ch}
		prev, seen := earlier.outcome(ch.Key())
		switch {
		case failed:
			out.Status = NotRun
		case seen && prev.Status.finished():
			out.Status = DoneEarlier
		default:
			out = run(ctx, c, ch, seen && prev.Status == Failed)
			failed = out.Status == Failed
		}
		res.Outcomes = append(res.Outcomes, out)
	}
	if failed {
		return res, ErrIncomplete
	}
	return res, nil
}

// run carries out one change, reading first when check is set.
func run(ctx context.Context, c *admin.Client, ch Change, check bool) Outcome {
	out := Outcome{Change: ch}
	st, ok := steps[ch.Action]
	if !ok {
		out.Status, out.Error = Failed, fmt.Sprintf("this version cannot carry out %q", ch.Action)
		return out
	}
	call := func(f func(opts ...admin.Option) error) error {
		var resp admin.Response
		err := f(admin.WithResponse(&resp))
		if resp.RequestID != "" {
			out.RequestIDs = append(out.RequestIDs, resp.RequestID)
		}
		return err
	}
	if check && st.done != nil {
		done, err := st.done(ctx, c, ch, call)
		if err != nil {
			out.Status, out.Error = Failed, err.Error()
			return out
		}
		if done {
			out.Status = AlreadyDone
			return out
		}
	}
	switch err := st.do(ctx, c, ch, call); {
	case err == nil:
		out.Status = Done
	case st.goneMeansDone && errors.Is(err, admin.ErrNotFound):
		// The object is gone: what the change asked for holds.
		out.Status = AlreadyDone
	default:
		out.Status, out.Error = Failed, err.Error()
	}
	return out
}
