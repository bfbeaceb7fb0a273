package orgcode

import (
	"context"
	"net/mail"
	"slices"
	"strings"

	"github.com/anthropic-admin-go/admin"
)

// knownOrgRoles are the organization roles the file may name.
var knownOrgRoles = []admin.OrgRole{admin.OrgRoleUser, admin.OrgRoleDeveloper, admin.OrgRoleBilling, admin.OrgRoleClaudeCodeUser,
	admin.OrgRoleManaged, admin.OrgRoleAdmin, admin.OrgRoleMembershipAdmin, admin.OrgRoleOwner, admin.OrgRolePrimaryOwner}

// checkOrgRole refuses a role the file may not ask for: unknown, or one
// the API does not assign.
func (p *planner) checkOrgRole(at path, r admin.OrgRole) bool {
	if !slices.Contains(knownOrgRoles, r) {
		p.refuse(at, "unknown role %q%s", r, didYouMean(string(r), mapped(knownOrgRoles, func(r admin.OrgRole) string { return string(r) })))
		return false
	}
	if err := r.CheckAssignable(); err != nil {
		p.refuse(at, "role %q cannot be assigned through the API", r)
		return false
	}
	return true
}

type membersSection struct{}

func (membersSection) read(context.Context, *admin.Client, *State) error { return nil }

func (membersSection) export(x *exporter) {
	s := &MembersSection{Items: []Member{}}
	for _, u := range x.st.Users {
		s.Items = append(s.Items, Member{Email: u.Email, Name: u.Name, Role: u.Role})
	}
	slices.SortFunc(s.Items, func(a, b Member) int { return compareFold(a.Email, b.Email) })
	x.f.Members = s
}

func (membersSection) plan(p *planner) {
	s := p.f.Members
	if s == nil {
		return
	}
	listed := map[string]bool{}
	for i, m := range s.Items {
		at := path{"members", "items", i}
		listed[lower(m.Email)] = true
		u := p.user(at.with("email"), m.Email)
		if u == nil || m.Role == u.Role {
			continue
		}
		if u.Role.CheckAssignable() != nil {
			p.refuse(at.with("role"), "%s is %s: that role cannot be changed through the API", u.Email, u.Role)
			continue
		}
		if !p.checkOrgRole(at.with("role"), m.Role) {
			continue
		}
		p.add(Change{Op: OpUpdate, Kind: KindMember, Target: u.Email, Step: stepContents,
			Fields: []Field{{Name: "role", Old: string(u.Role), New: string(m.Role)}}, Args: Args{ID: u.ID, Role: string(m.Role)}})
	}
	if !s.Prune {
		return
	}
	for _, u := range p.st.Users {
		if listed[lower(u.Email)] || u.Role.CheckAssignable() != nil {
			continue // admins and owners cannot be removed through the API
		}
		p.removing[u.ID] = true
		p.add(Change{Op: OpRemove, Kind: KindMember, Target: u.Email, Step: stepRemovals,
			Fields: []Field{{Name: "role", Old: string(u.Role)}}, Args: Args{ID: u.ID}})
	}
}

type invitesSection struct{}

func (invitesSection) read(ctx context.Context, c *admin.Client, st *State) error {
	var err error
	st.Invites, err = c.Invites.List(admin.InviteListParams{Cursor: admin.Cursor{Limit: page}, Statuses: []admin.InviteStatus{admin.InviteStatusPending}}).Collect(ctx)
	return err
}

func (invitesSection) export(x *exporter) {
	s := &InvitesSection{Items: []Invite{}}
	for _, inv := range x.st.Invites {
		s.Items = append(s.Items, Invite{Email: inv.Email, Role: inv.Role})
	}
	slices.SortFunc(s.Items, func(a, b Invite) int { return compareFold(a.Email, b.Email) })
	x.f.Invites = s
}

func (invitesSection) plan(p *planner) {
	s := p.f.Invites
	if s == nil {
		return
	}
	pending := map[string]admin.Invite{}
	for _, inv := range p.st.Invites {
		pending[lower(inv.Email)] = inv
	}
	listed := map[string]bool{}
	for i, want := range s.Items {
		at := path{"invites", "items", i}
		listed[lower(want.Email)] = true
		if a, err := mail.ParseAddress(want.Email); err != nil || a.Address != want.Email {
			p.refuse(at.with("email"), "%q is not a plain email address", want.Email)
			continue
		}
		if u := p.ix.userByEmail[lower(want.Email)]; u != nil {
			p.refuse(at.with("email"), "%s is already a member (%s): list them under members", want.Email, u.Role)
			continue
		}
		if !p.checkOrgRole(at.with("role"), want.Role) {
			continue
		}
		create := Change{Op: OpCreate, Kind: KindInvite, Target: want.Email, Step: stepInvites,
			Fields: []Field{{Name: "role", New: string(want.Role)}}, Args: Args{Email: want.Email, Role: string(want.Role)}}
		have, ok := pending[lower(want.Email)]
		switch {
		case !ok:
			p.add(create)
		case have.Role != want.Role:
			// An invite cannot be changed: delete it and invite again.
			p.add(Change{Op: OpRemove, Kind: KindInvite, Target: have.Email, Step: stepInviteDeletes,
				Fields: []Field{{Name: "role", Old: string(have.Role)}}, Args: Args{ID: have.ID}})
			create.Fields[0].Old = string(have.Role)
			p.add(create)
		}
	}
	if !s.Prune {
		return
	}
	for _, inv := range p.st.Invites {
		if !listed[lower(inv.Email)] {
			p.add(Change{Op: OpRemove, Kind: KindInvite, Target: inv.Email, Step: stepInviteDeletes,
				Fields: []Field{{Name: "role", Old: string(inv.Role)}}, Args: Args{ID: inv.ID}})
		}
	}
}

func compareFold(a, b string) int {
	if c := strings.Compare(lower(a), lower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
