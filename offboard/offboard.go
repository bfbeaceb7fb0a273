// Package offboard plans and applies what an organization does when a
// person leaves: withdraw their pending invites, switch off the API keys
// they created, take them out of their workspaces, sign them out and
// remove them from the organization.
//
// Plan reads and changes nothing; it returns a workflow.Plan that lists
// every change with its reason, flags keys used recently, and refuses
// members the API will not remove. workflow.Apply carries the plan out.
//
// What Plan looks for is a list of Finders (DefaultFinders). Each adds the
// changes and notes for one kind of thing a person holds; a finder with no
// Find says, in the plan, that its kind was not checked and why; so does
// one whose list the organization or credential does not give (RBAC groups
// outside Claude Enterprise, service accounts without an OAuth token).
package offboard

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/workflow"
)

// KeyAction is what happens to a leaver's API keys.
type KeyAction string

const (
	// KeysDeactivate switches active keys off; they can be switched back on.
	KeysDeactivate KeyAction = "deactivate"
	// KeysArchive archives every key not yet archived; it cannot be undone.
	KeysArchive KeyAction = "archive"
	// KeysKeep leaves keys as they are; the plan lists the active ones.
	KeysKeep KeyAction = "keep"
)

// Options says what Plan does. The zero value deactivates keys, removes
// the member and checks no usage.
type Options struct {
	Keys KeyAction
	// KeepMember keeps the organization membership: the person is taken
	// out of their workspaces and signed out, but stays a member.
	KeepMember bool
	// SinceUsage, when positive, flags every key the plan changes that has
	// usage in this window before Now.
	SinceUsage time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Finders replaces DefaultFinders when not nil.
	Finders []Finder
	// OAuth are the options for the endpoints that take only an OAuth
	// token (service accounts); see workflow.Org.
	OAuth []admin.Option
}

// Person is one leaver as Plan found them.
type Person struct {
	Email   string
	User    *admin.User    // nil when the email belongs to no member
	Invites []admin.Invite // pending invites to the email
}

// Ref names the person by email and, when a member, ID.
func (p *Person) Ref() workflow.Ref {
	if p.User != nil {
		return workflow.UserRef(*p.User)
	}
	return workflow.Ref{Kind: "email", ID: p.Email, Name: p.Email}
}

// Run is one Plan call, shared by its finders: the organization as read
// so far, the options, and the plan being built.
type Run struct {
	Org     *workflow.Org
	Options Options
	Plan    *workflow.Plan
}

// Finder adds to the plan what one kind of holding needs for one person.
type Finder struct {
	Name string
	// Find adds changes and notes for p. nil means this kind is not
	// checked; NotChecked says why, once per plan.
	Find       func(ctx context.Context, r *Run, p *Person) error
	NotChecked string
}

// DefaultFinders is what Plan looks for, in the order the changes run: a
// member is removed last, after everything that names them.
func DefaultFinders() []Finder {
	return []Finder{Invites, Keys, RBACGroups, ServiceAccounts, Workspaces, SignOutMember, RemoveFromOrganization}
}

// Plan finds what each email holds and plans the changes. It sends no
// change. A person who holds nothing is a note, not an error, so a plan
// made again after it was applied is empty.
func Plan(ctx context.Context, c *admin.Client, emails []string, opts Options) (workflow.Plan, error) {
	opts.Keys = cmp.Or(opts.Keys, KeysDeactivate)
	if opts.Now == nil {
		opts.Now = time.Now
	}
	switch opts.Keys {
	case KeysDeactivate, KeysArchive, KeysKeep:
	default:
		return workflow.Plan{}, fmt.Errorf("offboard: keys %q: want deactivate, archive or keep", opts.Keys)
	}
	finders := opts.Finders
	if finders == nil {
		finders = DefaultFinders()
	}
	plan := workflow.Plan{Title: "Offboard " + strings.Join(emails, ", ")}
	org := workflow.NewOrg(c)
	org.OAuth = opts.OAuth
	r := &Run{Org: org, Options: opts, Plan: &plan}
	for _, email := range emails {
		p, err := find(ctx, c, email)
		if err != nil {
			return workflow.Plan{}, err
		}
		if p.User == nil && len(p.Invites) == 0 {
			plan.Note("%s: no member and no pending invite; nothing to do", email)
			continue
		}
		for _, f := range finders {
			if f.Find == nil {
				continue
			}
			if err := f.Find(ctx, r, p); err != nil {
				return workflow.Plan{}, fmt.Errorf("offboard %s: %s: %w", email, f.Name, err)
			}
		}
	}
	for _, f := range finders {
		if f.Find == nil {
			plan.Note("%s: not checked (%s)", f.Name, f.NotChecked)
		}
	}
	return plan, nil
}

// find looks up the member and the pending invites for email.
func find(ctx context.Context, c *admin.Client, email string) (*Person, error) {
	p := &Person{Email: email}
	users, err := c.Users.List(admin.UserListParams{Email: email}).Collect(ctx)
	if err != nil {
		return nil, err
	}
	if len(users) > 0 {
		p.User = &users[0]
	}
	p.Invites, err = c.Invites.List(admin.InviteListParams{Email: email, Statuses: []admin.InviteStatus{admin.InviteStatusPending}}).Collect(ctx)
	return p, err
}

// Invites withdraws the person's pending invites.
var Invites = Finder{Name: "invites", Find: func(_ context.Context, r *Run, p *Person) error {
	for _, inv := range p.Invites {
		r.Plan.Add(workflow.Change{Action: workflow.DeleteInvite, Subject: p.Email, Target: workflow.InviteRef(inv),
			Reason: fmt.Sprintf("pending invite as %s, sent %s", inv.Role, inv.InvitedAt.Format(time.DateOnly))})
	}
	return nil
}}

// Keys switches off (or archives, or lists) the API keys the member
// created, flagging those used within Options.SinceUsage.
var Keys = Finder{Name: "API keys", Find: func(ctx context.Context, r *Run, p *Person) error {
	if p.User == nil {
		return nil
	}
	keys, err := r.Org.Client.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 1000}, CreatedByUserID: p.User.ID}).Collect(ctx)
	if err != nil {
		return err
	}
	var changes []workflow.Change
	for _, k := range keys {
		ws := r.Org.WorkspaceRef(ctx, k.WorkspaceID())
		if w, _ := r.Org.Workspace(ctx, k.WorkspaceID()); w != nil && w.Archived() {
			if k.Status != admin.APIKeyStatusArchived {
				r.Plan.Note("%s: key %s is in archived workspace %s and cannot be changed", p.Email, workflow.KeyRef(k), ws)
			}
			continue
		}
		action := keyAction(r.Options.Keys, k.Status)
		if action == "" {
			if r.Options.Keys == KeysKeep && k.Status == admin.APIKeyStatusActive {
				r.Plan.Note("%s: key %s in %s stays active (--keys keep)", p.Email, workflow.KeyRef(k), ws.Name)
			}
			continue
		}
		changes = append(changes, workflow.Change{Action: action, Subject: p.Email, Target: workflow.KeyRef(k),
			Reason: fmt.Sprintf("%s key they created, in %s", k.Status, ws.Name)})
	}
	if err := flagUsed(ctx, r, changes); err != nil {
		return err
	}
	r.Plan.Add(changes...)
	return nil
}}

// keyAction is the change mode asks for a key in status, if any.
func keyAction(mode KeyAction, status admin.APIKeyStatus) workflow.Action {
	switch {
	case mode == KeysDeactivate && status == admin.APIKeyStatusActive:
		return workflow.DeactivateKey
	case mode == KeysArchive && status != admin.APIKeyStatusArchived:
		return workflow.ArchiveKey
	}
	return ""
}

// flagUsed warns on each change to an active key that has usage within
// SinceUsage, so nobody switches off a production key unknowingly.
func flagUsed(ctx context.Context, r *Run, changes []workflow.Change) error {
	if r.Options.SinceUsage <= 0 || len(changes) == 0 {
		return nil
	}
	ids := make([]string, len(changes))
	for i, ch := range changes {
		ids[i] = ch.Target.ID
	}
	used, err := r.Org.KeyUsage(ctx, r.Options.Now().Add(-r.Options.SinceUsage), ids)
	if err != nil {
		return err
	}
	for i, ch := range changes {
		if n := used[ch.Target.ID]; n > 0 {
			changes[i].Warnings = append(changes[i].Warnings,
				fmt.Sprintf("used in the last %s (%s tokens): whatever uses it stops working", days(r.Options.SinceUsage), thousands(n)))
		}
	}
	return nil
}

// thousands writes n with thousands separators.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// days writes a window as "7d" when it is whole days.
func days(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

// Workspaces takes the member out of each active workspace they belong to.
var Workspaces = Finder{Name: "workspaces", Find: func(ctx context.Context, r *Run, p *Person) error {
	if p.User == nil {
		return nil
	}
	ms, err := r.Org.Memberships(ctx, p.User.ID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		ws := r.Org.WorkspaceRef(ctx, m.WorkspaceID)
		r.Plan.Add(workflow.Change{Action: workflow.RemoveWorkspaceMember, Subject: p.Email, Target: workflow.UserRef(*p.User), Workspace: &ws,
			Reason: fmt.Sprintf("%s of %s", m.WorkspaceRole, ws.Name)})
	}
	return nil
}}

// SignOutMember signs the member out of Claude everywhere.
var SignOutMember = Finder{Name: "sign-out", Find: func(_ context.Context, r *Run, p *Person) error {
	if p.User != nil {
		r.Plan.Add(workflow.Change{Action: workflow.SignOut, Subject: p.Email, Target: workflow.UserRef(*p.User), Reason: "ends their sessions"})
	}
	return nil
}}

// unremovable are the organization roles the API does not remove.
var unremovable = []admin.OrgRole{admin.OrgRoleAdmin, admin.OrgRoleOwner, admin.OrgRolePrimaryOwner}

// RemoveFromOrganization removes the member, or with KeepMember leaves the
// membership and says so. A member the API will not remove is refused.
var RemoveFromOrganization = Finder{Name: "membership", Find: func(_ context.Context, r *Run, p *Person) error {
	switch {
	case p.User == nil:
	case r.Options.KeepMember:
		r.Plan.Note("%s: stays a member as %s (keep member)", p.Email, p.User.Role)
	case slices.Contains(unremovable, p.User.Role):
		r.Plan.Refuse(p.Email, "is an organization %s, and the API does not remove %ss: change the role in the Console first, or keep the member", p.User.Role, p.User.Role)
	default:
		r.Plan.Add(workflow.Change{Action: workflow.RemoveMember, Subject: p.Email, Target: workflow.UserRef(*p.User),
			Reason: fmt.Sprintf("organization %s since %s", p.User.Role, p.User.AddedAt.Format(time.DateOnly))})
	}
	return nil
}}

// RBACGroups takes the member out of each RBAC group they are in. An
// organization without RBAC groups (one that is not Claude Enterprise), or
// a credential that cannot list them, is noted, not an error.
var RBACGroups = Finder{Name: "RBAC groups", Find: func(ctx context.Context, r *Run, p *Person) error {
	if p.User == nil {
		return nil
	}
	groups, err := r.Org.GroupsOf(ctx, p.User.ID)
	if workflow.Unavailable(err) {
		r.Plan.NoteOnce(workflow.NotChecked("RBAC groups", err))
		return nil
	}
	if err != nil {
		return err
	}
	for _, g := range groups {
		ref := workflow.Ref{Kind: "rbac_group", ID: g.ID, Name: g.Name}
		r.Plan.Add(workflow.Change{Action: workflow.RemoveGroupMember, Subject: p.Email, Target: workflow.UserRef(*p.User), Group: &ref,
			Reason: fmt.Sprintf("member of RBAC group %s (%s)", g.Name, g.SourceType)})
	}
	return nil
}}

// ServiceAccounts finds the active service accounts the member created.
// They keep working after the member leaves, so the plan names them for a
// person to decide on; it changes none. Listing them needs an OAuth token
// (Org.OAuth); without one they are noted as not checked.
var ServiceAccounts = Finder{Name: "service accounts", Find: func(ctx context.Context, r *Run, p *Person) error {
	if p.User == nil {
		return nil
	}
	accounts, err := r.Org.ServiceAccounts(ctx)
	if workflow.Unavailable(err) {
		r.Plan.NoteOnce(workflow.NotChecked("service accounts", err))
		return nil
	}
	if err != nil {
		return err
	}
	for _, a := range accounts {
		if a.CreatedByActorID == p.User.ID && a.ArchivedAt == nil {
			r.Plan.Note("%s: created service account %s (%s), %s; it keeps working: give it a new owner or archive it (anthropic-admin service-accounts archive %s)",
				p.Email, a.Name, a.ID, a.OrganizationRole, a.Name)
		}
	}
	return nil
}}
