package orgcode

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/workflow"
)

// RBACGroupState is a group with its members.
type RBACGroupState struct {
	admin.RBACGroup
	Members []admin.RBACGroupMember
}

type rbacGroupsSection struct{}

// read lists the groups, each group's members and the roles (for their
// names). Outside Claude Enterprise the API has no groups: the section is
// then unavailable. Without the role endpoints the roles go by ID.
func (rbacGroupsSection) read(ctx context.Context, c *admin.Client, st *State) error {
	groups, err := c.RBACGroups.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: page}}).Collect(ctx)
	if workflow.Unavailable(err) {
		st.RBACGroupsUnavailable = true
		return nil
	}
	if err != nil {
		return err
	}
	for _, g := range groups {
		members, err := c.RBACGroups.Members.List(g.ID, admin.RBACListParams{PageCursor: admin.PageCursor{Limit: page}}).Collect(ctx)
		if err != nil {
			return err
		}
		st.RBACGroups = append(st.RBACGroups, &RBACGroupState{RBACGroup: g, Members: members})
	}
	roles, err := c.RBACRoles.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: page}}).Collect(ctx)
	if workflow.Unavailable(err) {
		return nil
	}
	st.RBACRoles = map[string]string{}
	for _, r := range roles {
		st.RBACRoles[r.ID] = r.DisplayName
	}
	return err
}

// roleNames are a group's roles by name (by ID where the name is not
// known), sorted.
func (st *State) roleNames(g *RBACGroupState) []string {
	names := []string{}
	for _, id := range g.RoleIDs {
		if n, ok := st.RBACRoles[id]; ok {
			id = n
		}
		names = append(names, id)
	}
	slices.SortFunc(names, compareFold)
	return names
}

func (rbacGroupsSection) export(x *exporter) {
	if x.st.RBACGroupsUnavailable {
		return
	}
	s := &RBACGroupsSection{Items: []RBACGroup{}}
	for _, g := range x.st.RBACGroups {
		item := RBACGroup{Name: g.Name, Roles: x.st.roleNames(g), Members: []string{}}
		if x.allIDs {
			item.ID = g.ID
		}
		for _, m := range g.Members {
			item.Members = append(item.Members, x.ix.email(m.UserID))
		}
		slices.SortFunc(item.Members, compareFold)
		s.Items = append(s.Items, item)
	}
	slices.SortFunc(s.Items, func(a, b RBACGroup) int { return compareFold(a.Name, b.Name) })
	x.f.RBACGroups = s
}

func (rbacGroupsSection) plan(p *planner) {
	s := p.f.RBACGroups
	if s == nil {
		return
	}
	if p.st.RBACGroupsUnavailable {
		p.refuse(path{"rbac_groups"}, "this organization or credential has no RBAC groups (they come with Claude Enterprise, to an admin key or OAuth token with org:admin): drop the section")
		return
	}
	listed := map[string]bool{}
	for i, item := range s.Items {
		at := path{"rbac_groups", "items", i}
		g, ok := p.matchGroup(at, item)
		if !ok {
			continue
		}
		if strings.TrimSpace(item.Name) == "" {
			p.refuse(at.with("name"), "an RBAC group needs a name")
			continue
		}
		if g == nil {
			p.createGroup(at, item)
			continue
		}
		listed[g.ID] = true
		if item.Roles != nil && !equalFold(item.Roles, p.st.roleNames(g)) {
			p.refuse(at.with("roles"), "the API cannot attach or detach a group's roles (%s): change them in the organization's settings, or write the roles the group has",
				orNone(p.st.roleNames(g)))
			continue
		}
		target := g.Name
		if item.Name != g.Name {
			p.add(Change{Op: OpUpdate, Kind: KindRBACGroup, Target: g.Name, Step: stepWorkspaces, Fields: []Field{{Name: "name", Old: g.Name, New: item.Name}},
				Args: Args{ID: g.ID, Body: body(admin.RBACGroupUpdateParams{Name: admin.Set(item.Name)})}})
			target = item.Name
		}
		has := map[string]bool{}
		for _, m := range g.Members {
			has[m.UserID] = true
		}
		wanted := map[string]bool{}
		for j, email := range item.Members {
			u := p.user(at.with("members", j), email)
			if u == nil {
				continue
			}
			wanted[u.ID] = true
			if !has[u.ID] {
				p.add(Change{Op: OpCreate, Kind: KindRBACGroupMember, Target: target + " / " + u.Email, Step: stepContents, Args: Args{GroupID: g.ID, ID: u.ID}})
			}
		}
		if !s.Prune || item.Members == nil {
			continue
		}
		for _, m := range g.Members {
			if !wanted[m.UserID] && !p.removing[m.UserID] {
				p.add(Change{Op: OpRemove, Kind: KindRBACGroupMember, Target: target + " / " + p.ix.email(m.UserID), Step: stepRemovals, Args: Args{GroupID: g.ID, ID: m.UserID}})
			}
		}
	}
	if !s.Prune {
		return
	}
	for _, g := range p.st.RBACGroups {
		if !listed[g.ID] {
			p.add(Change{Op: OpRemove, Kind: KindRBACGroup, Target: g.Name, Step: stepRemovals,
				Fields: []Field{{Name: "members", Old: strconv.Itoa(len(g.Members))}}, Args: Args{ID: g.ID}})
		}
	}
}

// createGroup plans a new group and its members; a new group has no roles.
func (p *planner) createGroup(at path, item RBACGroup) {
	if len(item.Roles) > 0 {
		p.refuse(at.with("roles"), "the API cannot attach roles to a group: create %q without roles, then attach them in the organization's settings", item.Name)
		return
	}
	p.add(Change{Op: OpCreate, Kind: KindRBACGroup, Target: item.Name, Step: stepWorkspaces,
		Args: Args{Group: item.Name, Body: body(admin.RBACGroupCreateParams{Name: item.Name})}})
	for j, email := range item.Members {
		if u := p.user(at.with("members", j), email); u != nil {
			p.add(Change{Op: OpCreate, Kind: KindRBACGroupMember, Target: item.Name + " / " + u.Email, Step: stepContents, Args: Args{Group: item.Name, ID: u.ID}})
		}
	}
}

// matchGroup finds the group an item describes: by ID (a new name renames
// it), else by name in any letter case, as the API keeps names unique. A
// nil group with ok is a group to create.
func (p *planner) matchGroup(at path, item RBACGroup) (*RBACGroupState, bool) {
	for _, g := range p.st.RBACGroups {
		if item.ID != "" && g.ID == item.ID || item.ID == "" && strings.EqualFold(g.Name, strings.TrimSpace(item.Name)) {
			return g, true
		}
	}
	if item.ID != "" {
		p.refuse(at.with("id"), "no RBAC group has ID %s: leave the id out to create a group", item.ID)
		return nil, false
	}
	return nil, true
}

func equalFold(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.SortFunc(a, compareFold)
	slices.SortFunc(b, compareFold)
	return slices.EqualFunc(a, b, strings.EqualFold)
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "it has none"
	}
	return "it has " + strings.Join(xs, ", ")
}
