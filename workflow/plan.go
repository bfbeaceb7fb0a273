// Package workflow is the plan-then-apply engine that the organization
// workflows share (package offboard, package audit's fixes): a Plan lists
// every change with its reason; Apply carries out exactly those changes,
// in order, and returns a Result fit for a ticket, request IDs included.
//
// Apply is idempotent and resumable. A change whose object is already in
// the state the change asks for (a deleted invite, a removed member, a key
// already switched off) counts as done without a second request; given the
// Result of an earlier run, Apply skips what that run did and reads the
// current state of what it left failed before sending it again, because a
// failed attempt may have taken effect.
//
// The package stands above the client: it uses package admin's public API
// only, like any other program.
package workflow

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// Action is what one change does. Each has a step in Apply.
type Action string

const (
	DeleteInvite          Action = "delete_invite"
	DeactivateKey         Action = "deactivate_key"
	ArchiveKey            Action = "archive_key"
	SignOut               Action = "sign_out"
	RemoveWorkspaceMember Action = "remove_workspace_member"
	RemoveGroupMember     Action = "remove_rbac_group_member"
	RemoveMember          Action = "remove_member"
)

// Ref names an object by its kind, ID and, where it has one, its name.
type Ref struct {
	Kind string `json:"kind"` // user, invite, api_key, workspace, ...
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// String is "name (id)", or the ID alone when there is no name.
func (r Ref) String() string {
	if r.Name == "" || r.Name == r.ID {
		return r.ID
	}
	return r.Name + " (" + r.ID + ")"
}

// Change is one step of a plan.
type Change struct {
	Action Action `json:"action"`
	// Subject is who or what the change is made for: the person being
	// offboarded, or the audit finding's rule.
	Subject string `json:"subject"`
	Target  Ref    `json:"target"`
	// Workspace is the workspace of a RemoveWorkspaceMember change.
	Workspace *Ref `json:"workspace,omitempty"`
	// Group is the RBAC group of a RemoveGroupMember change.
	Group  *Ref   `json:"rbac_group,omitempty"`
	Reason string `json:"reason"`
	// Warnings are what a person should know before approving, such as a
	// key that was used recently.
	Warnings []string `json:"warnings,omitempty"`
}

// Key identifies a change within a plan and across runs of the same plan.
func (c Change) Key() string {
	k := string(c.Action) + ":" + c.Target.ID
	if c.Workspace != nil {
		k += "@" + c.Workspace.ID
	}
	if c.Group != nil {
		k += "@" + c.Group.ID
	}
	return k
}

// Refusal is a reason a plan must not be applied at all, such as a member
// the API will not remove.
type Refusal struct {
	Subject string `json:"subject"`
	Reason  string `json:"reason"`
}

// Plan is every change a workflow would make, with reasons, plus what it
// found but will not change (Notes) and what it could not check.
type Plan struct {
	Title    string    `json:"title"`
	Changes  []Change  `json:"changes"`
	Refusals []Refusal `json:"refusals,omitempty"`
	// Notes are facts a person should read with the plan: what was found
	// and left alone, and what could not be checked and why.
	Notes []string `json:"notes,omitempty"`
}

// Add appends changes to the plan, leaving out any whose Key is already
// there, so two finders that reach the same object plan it once.
func (p *Plan) Add(changes ...Change) {
	for _, c := range changes {
		if !p.has(c.Key()) {
			p.Changes = append(p.Changes, c)
		}
	}
}

func (p *Plan) has(key string) bool {
	for _, c := range p.Changes {
		if c.Key() == key {
			return true
		}
	}
	return false
}

// Note adds a line to the plan's notes.
func (p *Plan) Note(format string, args ...any) {
	p.Notes = append(p.Notes, fmt.Sprintf(format, args...))
}

// NoteOnce adds note unless the plan has it already, for what holds for
// the whole run rather than one person.
func (p *Plan) NoteOnce(note string) {
	if !slices.Contains(p.Notes, note) {
		p.Notes = append(p.Notes, note)
	}
}

// Refuse records that the plan must not be applied, and why.
func (p *Plan) Refuse(subject, format string, args ...any) {
	p.Refusals = append(p.Refusals, Refusal{Subject: subject, Reason: fmt.Sprintf(format, args...)})
}

// Empty reports whether the plan changes nothing.
func (p Plan) Empty() bool { return len(p.Changes) == 0 }

// WriteJSON writes the plan as indented JSON.
func (p Plan) WriteJSON(w io.Writer) error { return writeJSON(w, p) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteTable writes the plan for a person: the changes grouped by
// subject, one numbered line each with the target's name and ID and the
// reason, warnings below; then the refusals and notes.
func (p Plan) WriteTable(w io.Writer) error {
	var b strings.Builder
	if p.Title != "" {
		fmt.Fprintf(&b, "%s\n", p.Title)
	}
	if len(p.Changes) == 0 {
		b.WriteString("No changes.\n")
	}
	subject := ""
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for i, c := range p.Changes {
		if i == 0 || c.Subject != subject {
			tw.Flush()
			subject = c.Subject
			fmt.Fprintf(&b, "%s\n", subject)
		}
		target := c.shown()
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", i+1, label(c.Action), cmp.Or(target.Name, "-"), target.ID, c.Reason)
		for _, warn := range c.Warnings {
			fmt.Fprintf(tw, "\t\t\t\t! %s\n", warn) // after the last tab: no column widens
		}
	}
	tw.Flush()
	for _, r := range p.Refusals {
		fmt.Fprintf(&b, "REFUSED %s: %s\n", r.Subject, r.Reason)
	}
	for _, n := range p.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shown is what a table names for the change: the workspace or group of
// a membership (the member is the subject), else the target.
func (c Change) shown() Ref {
	if c.Workspace != nil {
		return *c.Workspace
	}
	if c.Group != nil {
		return *c.Group
	}
	return c.Target
}

// label is an action as a person reads it.
func label(a Action) string {
	switch a {
	case DeleteInvite:
		return "delete invite"
	case DeactivateKey:
		return "deactivate key"
	case ArchiveKey:
		return "archive key"
	case SignOut:
		return "sign out"
	case RemoveWorkspaceMember:
		return "remove from workspace"
	case RemoveGroupMember:
		return "remove from RBAC group"
	case RemoveMember:
		return "remove member"
	}
	return string(a)
}
