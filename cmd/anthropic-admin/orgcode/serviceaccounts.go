package orgcode

import (
	"context"
	"maps"
	"regexp"
	"slices"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/workflow"
)

// ServiceAccountState is a service account with its explicit workspace
// memberships (the implicit one of the default workspace left out).
type ServiceAccountState struct {
	admin.ServiceAccount
	Workspaces []admin.ServiceAccountWorkspaceMember
}

// Archived tells whether the account is archived.
func (a *ServiceAccountState) Archived() bool { return a.ArchivedAt != nil }

// wifPage is the largest page the service account and federation lists
// serve.
const wifPage = 100

type serviceAccountsSection struct{}

// read lists the accounts, archived ones too (their names stay taken),
// and each active account's workspaces. The endpoints take only an OAuth
// token: with an admin key the section is unavailable.
func (serviceAccountsSection) read(ctx context.Context, c *admin.Client, st *State) error {
	accounts, err := c.ServiceAccounts.List(admin.ServiceAccountListParams{PageCursor: admin.PageCursor{Limit: wifPage}, IncludeArchived: true}, st.oauth...).Collect(ctx)
	if workflow.Unavailable(err) {
		st.ServiceAccountsUnavailable = true
		return nil
	}
	if err != nil {
		return err
	}
	for _, a := range accounts {
		sa := &ServiceAccountState{ServiceAccount: a}
		if !sa.Archived() {
			ms, err := c.ServiceAccounts.Workspaces.List(a.ID, admin.ServiceAccountWorkspaceListParams{PageCursor: admin.PageCursor{Limit: wifPage}}, st.oauth...).Collect(ctx)
			if err != nil {
				return err
			}
			for _, m := range ms {
				if !m.Implicit {
					sa.Workspaces = append(sa.Workspaces, m)
				}
			}
		}
		st.ServiceAccounts = append(st.ServiceAccounts, sa)
	}
	return nil
}

// activeWorkspaces are an account's memberships of active workspaces, by
// the workspace's name (its ID where names repeat).
func (ix *index) activeWorkspaces(a *ServiceAccountState) map[string]admin.ServiceAccountWorkspaceMember {
	out := map[string]admin.ServiceAccountWorkspaceMember{}
	for _, m := range a.Workspaces {
		if w := ix.wsByID[m.WorkspaceID]; w != nil && !w.Archived() {
			out[ix.wsRef(m.WorkspaceID)] = m
		}
	}
	return out
}

func (serviceAccountsSection) export(x *exporter) {
	if x.st.ServiceAccountsUnavailable {
		return
	}
	s := &ServiceAccountsSection{Items: []ServiceAccount{}}
	for _, a := range x.st.ServiceAccounts {
		if a.Archived() {
			continue
		}
		item := ServiceAccount{Name: a.Name, Description: a.Description, Role: a.OrganizationRole}
		if x.allIDs {
			item.ID = a.ID
		}
		for ref, m := range x.ix.activeWorkspaces(a) {
			if item.Workspaces == nil {
				item.Workspaces = map[string]admin.WorkspaceRole{}
			}
			item.Workspaces[ref] = m.WorkspaceRole
		}
		s.Items = append(s.Items, item)
	}
	slices.SortFunc(s.Items, func(a, b ServiceAccount) int { return compareFold(a.Name, b.Name) })
	x.f.ServiceAccounts = s
}

var (
	knownServiceAccountRoles = []admin.ServiceAccountRole{admin.ServiceAccountRoleAdmin, admin.ServiceAccountRoleDeveloper}
	slug                     = regexp.MustCompile(`^[a-z0-9-]+$`)
)

func (serviceAccountsSection) plan(p *planner) {
	s := p.f.ServiceAccounts
	if s == nil {
		return
	}
	if p.st.ServiceAccountsUnavailable {
		p.refuse(path{"service_accounts"}, "service accounts need an OAuth token with the org:admin scope (--auth-token or ANTHROPIC_AUTH_TOKEN), not an admin key: give one, or drop the section")
		return
	}
	listed := map[string]bool{}
	for i, item := range s.Items {
		at := path{"service_accounts", "items", i}
		if !slug.MatchString(item.Name) {
			p.refuse(at.with("name"), "%q is not a service account name: use lowercase letters, digits and hyphens", item.Name)
			continue
		}
		if item.Role != "" && !slices.Contains(knownServiceAccountRoles, item.Role) {
			p.refuse(at.with("role"), "unknown organization role %q for a service account (known: %s)", item.Role, joined(knownServiceAccountRoles))
			continue
		}
		a, ok := p.matchAccount(at, item)
		if !ok {
			continue
		}
		if a == nil {
			params := admin.ServiceAccountCreateParams{Name: item.Name, Description: item.Description, OrganizationRole: item.Role}
			fields := []Field{{Name: "description", New: item.Description}, {Name: "role", New: string(item.Role)}}
			p.add(Change{Op: OpCreate, Kind: KindServiceAccount, Target: item.Name, Step: stepWorkspaces, Fields: nonEmpty(fields),
				Args: Args{Account: item.Name, Body: body(params)}})
			p.accountWorkspaces(at, item, nil, Args{Account: item.Name}, false)
			continue
		}
		listed[a.ID] = true
		var params admin.ServiceAccountUpdateParams
		var fields []Field
		if item.Name != a.Name {
			p.refuse(at.with("name"), "the API cannot rename a service account (%s is %q)", a.ID, a.Name)
			continue
		}
		if item.Description != a.Description {
			params.Description = admin.Set(item.Description)
			fields = append(fields, Field{Name: "description", Old: a.Description, New: item.Description})
		}
		if item.Role != "" && item.Role != a.OrganizationRole {
			params.OrganizationRole = admin.Set(item.Role)
			fields = append(fields, Field{Name: "role", Old: string(a.OrganizationRole), New: string(item.Role)})
		}
		if len(fields) > 0 {
			p.add(Change{Op: OpUpdate, Kind: KindServiceAccount, Target: a.Name, Step: stepContents, Fields: fields, Args: Args{ID: a.ID, Body: body(params)}})
		}
		p.accountWorkspaces(at, item, a, Args{ID: a.ID}, s.Prune)
	}
	if !s.Prune {
		return
	}
	for _, a := range p.st.ServiceAccounts {
		if !listed[a.ID] && !a.Archived() {
			p.add(Change{Op: OpArchive, Kind: KindServiceAccount, Target: a.Name, Step: stepArchives,
				Fields: []Field{{Name: "role", Old: string(a.OrganizationRole)}}, Args: Args{ID: a.ID}})
		}
	}
}

// accountWorkspaces plans an account's workspace roles: a new membership,
// a new role, and with prune the removal of an unlisted one.
func (p *planner) accountWorkspaces(at path, item ServiceAccount, a *ServiceAccountState, args Args, prune bool) {
	if item.Workspaces == nil {
		return
	}
	have := map[string]admin.ServiceAccountWorkspaceMember{}
	if a != nil {
		have = p.ix.activeWorkspaces(a)
	}
	name := item.Name
	wanted := map[string]bool{}
	for _, ref := range slices.Sorted(maps.Keys(item.Workspaces)) {
		wat := at.with("workspaces", ref)
		role := item.Workspaces[ref]
		if !slices.Contains(knownWorkspaceRoles, role) || role == admin.WorkspaceRoleBilling {
			p.refuse(wat, "workspace role %q cannot be given to a service account (known: %s)", role,
				joined(slices.DeleteFunc(slices.Clone(knownWorkspaceRoles), func(r admin.WorkspaceRole) bool { return r == admin.WorkspaceRoleBilling })))
			continue
		}
		id, ok := p.workspaceRef(wat, ref)
		if !ok {
			continue
		}
		a2 := args
		a2.Role = string(role)
		key := ref
		if id == "" {
			a2.Workspace = ref
		} else {
			a2.WorkspaceID, key = id, p.ix.wsRef(id)
		}
		wanted[key] = true
		target := name + " / " + key
		cur, ok := have[key]
		switch {
		case !ok:
			p.add(Change{Op: OpCreate, Kind: KindServiceAccountWorkspace, Target: target, Step: stepContents, Fields: []Field{{Name: "role", New: string(role)}}, Args: a2})
		case cur.WorkspaceRole != role:
			p.add(Change{Op: OpUpdate, Kind: KindServiceAccountWorkspace, Target: target, Step: stepContents,
				Fields: []Field{{Name: "role", Old: string(cur.WorkspaceRole), New: string(role)}}, Args: a2})
		}
	}
	if !prune {
		return
	}
	for _, key := range slices.Sorted(maps.Keys(have)) {
		if m := have[key]; !wanted[key] {
			p.add(Change{Op: OpRemove, Kind: KindServiceAccountWorkspace, Target: name + " / " + key, Step: stepRemovals,
				Fields: []Field{{Name: "role", Old: string(m.WorkspaceRole)}}, Args: Args{ID: m.ServiceAccountID, WorkspaceID: m.WorkspaceID}})
		}
	}
}

// matchAccount finds the account an item describes: by ID (a new name
// renames it), else by name. A nil account with ok is one to create; an
// archived one is refused, as archiving is final.
func (p *planner) matchAccount(at path, item ServiceAccount) (*ServiceAccountState, bool) {
	// the active account of that name first: an archived one keeps its name
	accounts := slices.Clone(p.st.ServiceAccounts)
	slices.SortStableFunc(accounts, func(a, b *ServiceAccountState) int { return compareBool(a.Archived(), b.Archived()) })
	for _, a := range accounts {
		if item.ID != "" && a.ID == item.ID || item.ID == "" && a.Name == item.Name {
			if a.Archived() {
				p.refuse(at.with("name"), "service account %q is archived: archiving is final, it cannot be changed or brought back", a.Name)
				return nil, false
			}
			return a, true
		}
	}
	if item.ID != "" {
		p.refuse(at.with("id"), "no service account has ID %s: leave the id out to create one", item.ID)
		return nil, false
	}
	return nil, true
}

// nonEmpty drops the fields that set nothing.
func nonEmpty(fields []Field) []Field {
	return slices.DeleteFunc(fields, func(f Field) bool { return f.Old == "" && f.New == "" })
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
