package orgcode

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/anthropic-admin-go/admin"
)

// Op is what a change does.
type Op string

// Ops. Archive is the irreversible one.
const (
	OpCreate  Op = "create"
	OpUpdate  Op = "update"
	OpRemove  Op = "remove"
	OpArchive Op = "archive"
)

// Kind is what a change is made to.
type Kind string

// Kinds, in the order a plan lists them within a step.
const (
	KindWorkspace       Kind = "workspace"
	KindMember          Kind = "member"
	KindWorkspaceMember Kind = "workspace member"
	KindRateLimit       Kind = "rate limit"
	KindAPIKey          Kind = "API key"
	KindSpendLimit      Kind = "spend limit"
	KindRBACGroup       Kind = "RBAC group"
	KindRBACGroupMember Kind = "RBAC group member"

	KindServiceAccount          Kind = "service account"
	KindServiceAccountWorkspace Kind = "service account workspace"
	KindFederationRule          Kind = "federation rule"
	KindFederationRuleWorkspace Kind = "federation rule workspace"
	KindInvite                  Kind = "invite"
)

var kindOrder = []Kind{KindWorkspace, KindMember, KindWorkspaceMember, KindRateLimit, KindAPIKey, KindSpendLimit, KindRBACGroup, KindRBACGroupMember,
	KindServiceAccount, KindServiceAccountWorkspace, KindFederationRule, KindFederationRuleWorkspace, KindInvite}

// Steps: apply runs them in order, the changes of one step in any order
// (at once with --parallel). Workspaces come before what is in them,
// removals after additions, archives after removals, invites last.
const (
	stepWorkspaces = 1 + iota
	stepContents
	stepRuleWorkspaces // the workspaces of federation rules, made in stepContents
	stepRemovals
	stepArchives
	stepInviteDeletes
	stepInvites
)

// Field is one value a change sets: Old is empty for a new object, New for
// a removed value.
type Field struct {
	Name string `json:"name"`
	Old  string `json:"old,omitempty"`
	New  string `json:"new,omitempty"`
}

// Change is one request apply will send.
type Change struct {
	Op     Op      `json:"op"`
	Kind   Kind    `json:"kind"`
	Target string  `json:"target"` // what a person reads: a name, an email, "Production / ada@example.com"
	Fields []Field `json:"fields,omitempty"`
	Step   int     `json:"step"`
	Args   Args    `json:"args"`
}

// Args are what the request needs: IDs known when planning, and the name
// of a workspace this plan creates, whose ID apply learns on the way.
type Args struct {
	ID          string `json:"id,omitempty"` // the object itself: workspace, user, invite, API key, spend limit
	WorkspaceID string `json:"workspace_id,omitempty"`
	Workspace   string `json:"workspace,omitempty"` // a workspace created by this plan
	RateLimitID string `json:"rate_limit_id,omitempty"`
	Email       string `json:"email,omitempty"`
	Role        string `json:"role,omitempty"`
	Scope       string `json:"scope,omitempty"`    // spend limit scope type
	Period      string `json:"period,omitempty"`   // spend limit period
	Amount      string `json:"amount,omitempty"`   // spend limit, in cents
	GroupID     string `json:"group_id,omitempty"` // an RBAC group
	Group       string `json:"group,omitempty"`    // an RBAC group created by this plan
	Account     string `json:"account,omitempty"`  // a service account created by this plan
	Rule        string `json:"rule,omitempty"`     // a federation rule created by this plan
	// Body is the request's parameters where they are many (workspace
	// create and update, rate limits, API keys).
	Body json.RawMessage `json:"body,omitempty"`
}

// Plan is the changes that make the organization what a file says, in the
// order apply makes them. It is also the saved plan apply --plan takes.
type Plan struct {
	Version      int    `json:"version"`
	Organization string `json:"organization"`
	File         string `json:"file,omitempty"`
	// Fingerprint is the organization's state the plan was made from; a
	// saved plan is applied only to that state.
	Fingerprint string   `json:"fingerprint"`
	Changes     []Change `json:"changes"`
	Summary     Summary  `json:"summary"`
}

// Summary counts a plan's changes by op.
type Summary struct {
	Create  int `json:"create"`
	Update  int `json:"update"`
	Remove  int `json:"remove"`
	Archive int `json:"archive"`
}

// Archives tells whether the plan archives anything (irreversible).
func (p *Plan) Archives() bool { return p.Summary.Archive > 0 }

// MakePlan compares src with the organization's state. What the file asks
// that the API cannot do is returned as Refusals, each at its place in the
// file, and no plan.
func MakePlan(src *Source, st *State) (*Plan, error) {
	p := &planner{src: src, f: src.File, st: st, ix: newIndex(st), creating: map[string]bool{}, removing: map[string]bool{}}
	if name := src.File.Organization; name != "" && name != st.Organization.Name {
		p.refuse(path{"organization"}, "this file is for %q; the credential's organization is %q", name, st.Organization.Name)
	}
	for _, s := range sections {
		s.plan(p)
	}
	if len(p.refusals) > 0 {
		slices.SortStableFunc(p.refusals, func(a, b Refusal) int { return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column)) })
		return nil, p.refusals
	}
	plan := &Plan{Version: Version, Organization: st.Organization.Name, File: src.Name, Fingerprint: st.Fingerprint(), Changes: p.changes}
	plan.sort()
	return plan, nil
}

func (p *Plan) sort() {
	slices.SortStableFunc(p.Changes, func(a, b Change) int {
		return cmp.Or(cmp.Compare(a.Step, b.Step), cmp.Compare(slices.Index(kindOrder, a.Kind), slices.Index(kindOrder, b.Kind)),
			strings.Compare(a.Target, b.Target))
	})
	p.Summary = Summary{}
	for _, c := range p.Changes {
		switch c.Op {
		case OpCreate:
			p.Summary.Create++
		case OpUpdate:
			p.Summary.Update++
		case OpRemove:
			p.Summary.Remove++
		case OpArchive:
			p.Summary.Archive++
		}
	}
	if p.Changes == nil {
		p.Changes = []Change{}
	}
}

// planner gathers a plan's changes and refusals.
type planner struct {
	src      *Source
	f        *File
	st       *State
	ix       *index
	changes  []Change
	refusals Refusals
	// creating holds the names of the workspaces this plan creates,
	// removing the IDs of the members it removes from the organization.
	creating map[string]bool
	removing map[string]bool
}

func (p *planner) refuse(at path, format string, args ...any) {
	p.refusals = append(p.refusals, p.src.refusal(at, format, args...))
}

func (p *planner) add(c Change) { p.changes = append(p.changes, c) }

// body is v as a change's parameters.
func body(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("orgcode: parameters that cannot be encoded: %v", err))
	}
	return b
}

// workspaceRef finds the workspace the file names by name or ID elsewhere
// than in the workspaces section. Its ID is empty for a workspace this plan
// creates; ok is false (and the refusal made) when there is none.
func (p *planner) workspaceRef(at path, ref string) (id string, ok bool) {
	if w := p.ix.wsByID[ref]; w != nil {
		return w.ID, true
	}
	var found []*WorkspaceState
	for _, w := range p.st.Workspaces {
		if w.Name == ref && !w.Archived() {
			found = append(found, w)
		}
	}
	switch {
	case len(found) == 1:
		return found[0].ID, true
	case len(found) > 1:
		p.refuse(at, "%d workspaces are named %q: name it by its ID", len(found), ref)
		return "", false
	case p.creating[ref]:
		return "", true
	}
	p.refuse(at, "no active workspace is named %q%s", ref, didYouMean(ref, mapped(p.st.Workspaces, func(w *WorkspaceState) string { return w.Name })))
	return "", false
}

// user finds a member by email, refusing an unknown one.
func (p *planner) user(at path, email string) *admin.User {
	if u := p.ix.userByEmail[lower(email)]; u != nil && p.removing[u.ID] {
		p.refuse(at, "%s is removed from the organization by this plan (members: prune): drop them here too", email)
		return nil
	} else if u != nil {
		return u
	}
	p.refuse(at, "%s is not a member of the organization: invite them (invites section), then add them once they have joined", email)
	return nil
}

func didYouMean(s string, candidates []string) string {
	if m := suggest(s, candidates); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ReadPlan reads a saved plan (a Plan as JSON).
func ReadPlan(data []byte) (*Plan, error) {
	var p Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("not a saved plan: %w", err)
	}
	if p.Version != Version {
		return nil, fmt.Errorf("a plan of version %d: this anthropic-admin applies version %d plans", p.Version, Version)
	}
	if p.Fingerprint == "" {
		return nil, errors.New("not a saved plan: it has no fingerprint of the organization it was made from")
	}
	p.sort()
	return &p, nil
}

// ErrStalePlan is a saved plan made from another state of the
// organization than the one it is applied to.
var ErrStalePlan = errors.New("the organization has changed since the plan was made")

// Check refuses to apply a saved plan to st unless st is the state the plan
// was made from.
func (p *Plan) Check(st *State) error {
	if st.Organization.Name != p.Organization {
		return fmt.Errorf("the plan is for %q, not %q", p.Organization, st.Organization.Name)
	}
	if st.Fingerprint() != p.Fingerprint {
		return ErrStalePlan
	}
	return nil
}
