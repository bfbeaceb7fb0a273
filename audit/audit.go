// Package audit reviews an organization: API keys, invites, members,
// workspaces and spend, each finding with a severity, the object by name
// and ID, why it matters and the command that fixes it.
//
// Run reads each list once, page by page, so its requests grow with list
// pages, not with objects (a few per workspace, for its members and rate
// limits). The checks are a list of Rules (DefaultRules); a rule whose data
// the organization or credential does not give is reported as not
// checked, never as clean.
//
// Fix turns the safe fixes (archive expired keys, delete expired invites)
// into a workflow.Plan, applied like any plan with workflow.Apply.
package audit

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/workflow"
)

// Severity ranks findings: high, then medium, then low.
type Severity string

const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

// Rank is 3 for high, 2 for medium, 1 for low, 0 for anything else.
func (s Severity) Rank() int {
	switch s {
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// ParseSeverity reads high, medium or low.
func ParseSeverity(s string) (Severity, error) {
	if sev := Severity(s); sev.Rank() > 0 {
		return sev, nil
	}
	return "", fmt.Errorf("audit: severity %q: want high, medium or low", s)
}

// Finding is one thing to look at.
type Finding struct {
	Rule     string       `json:"rule"`
	Severity Severity     `json:"severity"`
	Object   workflow.Ref `json:"object"`
	Why      string       `json:"why"`
	// Fix is the command that fixes it, or what to do where no command
	// can.
	Fix string `json:"fix"`
	// Change is the safe fix, when there is one: Fix plans these.
	Change *workflow.Change `json:"-"`
}

// Report is an audit's findings, most severe first, and the notes on what
// it could not check.
type Report struct {
	At       time.Time `json:"at"`
	Findings []Finding `json:"findings"`
	Notes    []string  `json:"notes,omitempty"`
}

// Worst reports whether a finding of severity s or worse exists.
func (r *Report) Worst(s Severity) bool {
	for _, f := range r.Findings {
		if f.Severity.Rank() >= s.Rank() {
			return true
		}
	}
	return false
}

// Count returns how many findings have severity s.
func (r *Report) Count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Options sets the audit's thresholds. Zero values take the defaults in
// brackets.
type Options struct {
	Now            func() time.Time // [time.Now]
	ExpiringWithin time.Duration    // keys expiring within [30 days]
	UnusedFor      time.Duration    // keys with no usage for [30 days]
	InviteAge      time.Duration    // pending invites older than [14 days]
	// AllowedDomains, when set, flags members and pending invites whose
	// email is in none of them.
	AllowedDomains []string
	MaxAdmins      int     // more admins than [3]
	SpendAbove     float64 // spend-limit use above [70] percent
	// Rules replaces DefaultRules when not nil.
	Rules []Rule
}

func (o Options) withDefaults() Options {
	const day = 24 * time.Hour
	if o.Now == nil {
		o.Now = time.Now
	}
	o.ExpiringWithin = cmp.Or(o.ExpiringWithin, 30*day)
	o.UnusedFor = cmp.Or(o.UnusedFor, 30*day)
	o.InviteAge = cmp.Or(o.InviteAge, 14*day)
	o.MaxAdmins = cmp.Or(o.MaxAdmins, 3)
	o.SpendAbove = cmp.Or(o.SpendAbove, 70)
	if o.Rules == nil {
		o.Rules = DefaultRules()
	}
	return o
}

// Rule is one check.
type Rule struct {
	ID       string
	Severity Severity
	Check    func(ctx context.Context, a *Audit) ([]Finding, error)
}

// Audit is one run, shared by its rules: the organization as read so far,
// the options and the time.
type Audit struct {
	Org     *workflow.Org
	Options Options
	Now     time.Time
	notes   []string

	invites     []admin.Invite
	invitesRead bool
}

// NotChecked records, in the report, that a rule could not run and why.
func (a *Audit) NotChecked(rule, why string) {
	a.notes = append(a.notes, fmt.Sprintf("%s: not checked (%s)", rule, why))
}

// Invites lists every invite, once per run.
func (a *Audit) Invites(ctx context.Context) ([]admin.Invite, error) {
	if !a.invitesRead {
		inv, err := a.Org.Client.Invites.List(admin.InviteListParams{Cursor: admin.Cursor{Limit: 1000}}).Collect(ctx)
		if err != nil {
			return nil, err
		}
		a.invites, a.invitesRead = inv, true
	}
	return a.invites, nil
}

// Run audits the organization. It changes nothing.
func Run(ctx context.Context, c *admin.Client, opts Options) (*Report, error) {
	opts = opts.withDefaults()
	a := &Audit{Org: workflow.NewOrg(c), Options: opts, Now: opts.Now()}
	rep := &Report{At: a.Now, Findings: []Finding{}}
	for _, r := range opts.Rules {
		fs, err := r.Check(ctx, a)
		if unavailable(err) {
			a.NotChecked(r.ID, "the organization or credential does not give this data: "+err.Error())
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("audit %s: %w", r.ID, err)
		}
		for _, f := range fs {
			f.Rule, f.Severity = r.ID, cmp.Or(f.Severity, r.Severity)
			rep.Findings = append(rep.Findings, f)
		}
	}
	slices.SortStableFunc(rep.Findings, func(x, y Finding) int { return y.Severity.Rank() - x.Severity.Rank() })
	rep.Notes = a.notes
	return rep, nil
}

// unavailable tells an error that means "this organization or credential
// has no such data" from a failure.
func unavailable(err error) bool {
	var apiErr *admin.APIError
	return errors.As(err, &apiErr) && (errors.Is(err, admin.ErrPermission) || errors.Is(err, admin.ErrNotFound) ||
		apiErr.StatusCode == 501 || apiErr.ErrorCode == "organization_type_not_supported")
}

// Fix is the plan of the report's safe fixes.
func Fix(rep *Report) workflow.Plan {
	plan := workflow.Plan{Title: "Audit fixes"}
	for _, f := range rep.Findings {
		if f.Change != nil {
			plan.Add(*f.Change)
		}
	}
	return plan
}
