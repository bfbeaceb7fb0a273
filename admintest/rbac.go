package admintest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// The organization's access and data controls: RBAC groups and roles,
// compliance settings, external keys, External Storage and Google data
// controls. They keep their own ID sequence, so that adding them left every
// other seeded ID as it was.

// access is the state of these groups; state.access holds it.
type access struct {
	ids ids

	groups  []*rbacGroup // oldest first
	members map[string][]*groupMember
	roles   []*rbacRole // built-in first, then custom, oldest first

	// noParent and otherOrgType make the role endpoints refuse, as the API
	// does for an organization outside a parent organization, or of a type
	// without RBAC roles.
	noParent, otherOrgType bool

	compliance string // "enabled" or "disabled"

	keys     []*externalKey     // oldest first
	storage  []*externalStorage // oldest first; listed newest first
	projects map[string]*dataControls

	// onKeyStatus, when set, is called with the state locked each time an
	// external key's health changes (FailExternalKey, RecoverExternalKey):
	// the point where the fake's webhook deliveries hook in.
	onKeyStatus func(externalKeyEvent)
}

func newAccess(seed string) *access {
	return &access{ids: ids{seed: seed + "/access"}, members: map[string][]*groupMember{}, compliance: "disabled",
		projects: map[string]*dataControls{}}
}

type rbacGroup struct {
	ID         string   `json:"id"`
	Type       string   `json:"type"`
	Name       string   `json:"name"`
	RoleIDs    []string `json:"role_ids"`
	SourceType string   `json:"source_type"`
	CreatedAt  stamp    `json:"created_at"`
	UpdatedAt  stamp    `json:"updated_at"`
}

type groupMember struct {
	Type        string `json:"type"`
	RBACGroupID string `json:"rbac_group_id"`
	UserID      string `json:"user_id"`
	Email       string `json:"email"`
	CreatedAt   stamp  `json:"created_at"`
}

type roleSource struct {
	Type string `json:"type"`
}

type rbacRole struct {
	ID          string     `json:"id"`
	Type        string     `json:"type"`
	DisplayName string     `json:"display_name"`
	Source      roleSource `json:"source"`
	CreatedAt   stamp      `json:"created_at"`
	UpdatedAt   stamp      `json:"updated_at"`

	perms []rolePermission
	owner bool // grants owner access
}

type permResource struct {
	Type           string `json:"type"`
	OrganizationID string `json:"organization_id,omitempty"`
	ConnectorID    string `json:"connector_id,omitempty"`
	ToolName       string `json:"tool_name,omitempty"`
	Scope          string `json:"scope,omitempty"`
}

type rolePermission struct {
	Type     string       `json:"type"`
	Action   string       `json:"action"`
	Resource permResource `json:"resource"`
}

// seedRoles gives every organization Anthropic's built-in roles.
func (b *builder) seedRoles() {
	org := b.st.org.ID
	orgPerm := func(action string) rolePermission {
		return rolePermission{Type: "rbac_role_permission", Action: action, Resource: permResource{Type: "organization", OrganizationID: org}}
	}
	all := func(action string) rolePermission {
		return rolePermission{Type: "rbac_role_permission", Action: action, Resource: permResource{Type: "all_connectors"}}
	}
	for _, r := range []struct {
		name  string
		owner bool
		perms []rolePermission
	}{
		{"Owner", true, []rolePermission{orgPerm("owner"), orgPerm("manage_members"), orgPerm("manage_billing"), all("manage")}},
		{"Membership Admin", false, []rolePermission{orgPerm("manage_members")}},
		{"Billing Admin", false, []rolePermission{orgPerm("manage_billing")}},
		{"Connector Admin", false, []rolePermission{all("manage"), all("use")}},
		{"Member", false, []rolePermission{all("use")}},
	} {
		b.role(r.name, "built_in", 500, r.owner, r.perms...)
	}
}

func (b *builder) role(name, source string, daysAgo int, owner bool, perms ...rolePermission) *rbacRole {
	a := b.st.access
	r := &rbacRole{ID: a.ids.next("rbac_role_"), Type: "rbac_role", DisplayName: name, Source: roleSource{Type: source},
		CreatedAt: stamp(b.ago(daysAgo)), UpdatedAt: stamp(b.ago(daysAgo)), perms: perms, owner: owner}
	a.roles = append(a.roles, r)
	return r
}

func (b *builder) group(name, source string, daysAgo int, roles []*rbacRole, members ...*user) *rbacGroup {
	a := b.st.access
	g := &rbacGroup{ID: a.ids.next("rbac_group_"), Type: "rbac_group", Name: name, RoleIDs: []string{}, SourceType: source,
		CreatedAt: stamp(b.ago(daysAgo)), UpdatedAt: stamp(b.ago(daysAgo))}
	for _, r := range roles {
		g.RoleIDs = append(g.RoleIDs, r.ID)
	}
	a.groups = append(a.groups, g)
	for i, u := range members {
		at := b.ago(daysAgo).Add(time.Duration(i+1) * time.Hour)
		if joined := time.Time(u.AddedAt); joined.After(at) {
			at = joined.Add(time.Hour)
		}
		a.members[g.ID] = append(a.members[g.ID], &groupMember{Type: "rbac_group_member", RBACGroupID: g.ID, UserID: u.ID, Email: u.Email, CreatedAt: stamp(at)})
	}
	return g
}

func (a *access) roleByName(name string) *rbacRole {
	return find(a.roles, func(r *rbacRole) bool { return r.DisplayName == name })
}

// grantsOwner reports whether one of g's roles grants owner access.
func (a *access) grantsOwner(g *rbacGroup) bool {
	return slices.ContainsFunc(g.RoleIDs, func(id string) bool {
		r := find(a.roles, func(r *rbacRole) bool { return r.ID == id })
		return r != nil && r.owner
	})
}

// groupMembers are g's members who are still members of the organization:
// a removed user leaves every group with the organization.
func (st *state) groupMembers(g *rbacGroup) []*groupMember {
	var out []*groupMember
	for _, m := range st.access.members[g.ID] {
		if st.user(m.UserID) != nil {
			out = append(out, m)
		}
	}
	return out
}

func listRBACGroups(c *call) (any, *apiError) { return filteredPage(c, c.st.access.groups) }

func (c *call) groupFromPath() (*rbacGroup, *apiError) {
	id := c.path("rbac_group_id")
	if g := find(c.st.access.groups, func(g *rbacGroup) bool { return g.ID == id }); g != nil {
		return g, nil
	}
	return nil, errNotFound("RBAC group %s not found", id)
}

func getRBACGroup(c *call) (any, *apiError) { return c.groupFromPath() }

// groupName reads a group's name, refusing an empty one or one another
// group has.
func (c *call) groupName(name *string, self *rbacGroup) (string, *apiError) {
	if name == nil {
		return "", errInvalid("name: Field required")
	}
	n := strings.TrimSpace(*name)
	if n == "" || len(n) > 255 {
		return "", errInvalid("name: must be 1 to 255 characters")
	}
	if g := find(c.st.access.groups, func(g *rbacGroup) bool { return g != self && strings.EqualFold(g.Name, n) }); g != nil {
		return "", &apiError{status: http.StatusConflict, typ: "conflict_error", msg: fmt.Sprintf("name: the RBAC group %s is already named %q", g.ID, g.Name)}
	}
	return n, nil
}

func createRBACGroup(c *call) (any, *apiError) {
	var body struct {
		Name *string `json:"name"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	name, err := c.groupName(body.Name, nil)
	if err != nil {
		return nil, err
	}
	a := c.st.access
	g := &rbacGroup{ID: a.ids.next("rbac_group_"), Type: "rbac_group", Name: name, RoleIDs: []string{}, SourceType: "direct",
		CreatedAt: stamp(c.now), UpdatedAt: stamp(c.now)}
	a.groups = append(a.groups, g)
	return g, nil
}

func updateRBACGroup(c *call) (any, *apiError) {
	g, err := c.groupFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		Name *string `json:"name"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.Name != nil {
		name, err := c.groupName(body.Name, g)
		if err != nil {
			return nil, err
		}
		g.Name, g.UpdatedAt = name, stamp(c.now)
	}
	return g, nil
}

// notOwnerGroup refuses a change to the members of a group, or its delete,
// when one of its roles grants owner access.
func (c *call) notOwnerGroup(g *rbacGroup) *apiError {
	if c.st.access.grantsOwner(g) {
		return &apiError{status: http.StatusBadRequest, typ: "invalid_request_error", code: "rbac_group_grants_owner_access",
			msg: fmt.Sprintf("RBAC group %s has a role that grants owner access; change it in the organization's settings", g.ID)}
	}
	return nil
}

func deleteRBACGroup(c *call) (any, *apiError) {
	g, err := c.groupFromPath()
	if err != nil {
		return nil, err
	}
	if err := c.notOwnerGroup(g); err != nil {
		return nil, err
	}
	a := c.st.access
	a.groups = slices.DeleteFunc(a.groups, func(x *rbacGroup) bool { return x == g })
	delete(a.members, g.ID)
	return map[string]any{"id": g.ID, "type": "rbac_group_deleted"}, nil
}

func listRBACGroupMembers(c *call) (any, *apiError) {
	g, err := c.groupFromPath()
	if err != nil {
		return nil, err
	}
	return filteredPage(c, c.st.groupMembers(g))
}

func addRBACGroupMember(c *call) (any, *apiError) {
	g, err := c.groupFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		UserID *string `json:"user_id"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.UserID == nil {
		return nil, errInvalid("user_id: Field required")
	}
	u := c.st.user(*body.UserID)
	if u == nil {
		return nil, errNotFound("user %q is not a member of the organization", *body.UserID)
	}
	if err := c.notOwnerGroup(g); err != nil {
		return nil, err
	}
	if slices.ContainsFunc(c.st.groupMembers(g), func(m *groupMember) bool { return m.UserID == u.ID }) {
		return nil, &apiError{status: http.StatusConflict, typ: "conflict_error", msg: fmt.Sprintf("user %s is already a member of RBAC group %s", u.ID, g.ID)}
	}
	a := c.st.access
	// A membership of a user removed from the organization and added back
	// does not come back with them.
	a.members[g.ID] = slices.DeleteFunc(a.members[g.ID], func(m *groupMember) bool { return m.UserID == u.ID })
	m := &groupMember{Type: "rbac_group_member", RBACGroupID: g.ID, UserID: u.ID, Email: u.Email, CreatedAt: stamp(c.now)}
	a.members[g.ID] = append(a.members[g.ID], m)
	return m, nil
}

func removeRBACGroupMember(c *call) (any, *apiError) {
	g, err := c.groupFromPath()
	if err != nil {
		return nil, err
	}
	id := c.path("user_id")
	if !slices.ContainsFunc(c.st.groupMembers(g), func(m *groupMember) bool { return m.UserID == id }) {
		return nil, errNotFound("user %q is not a member of RBAC group %s", id, g.ID)
	}
	if err := c.notOwnerGroup(g); err != nil {
		return nil, err
	}
	a := c.st.access
	a.members[g.ID] = slices.DeleteFunc(a.members[g.ID], func(m *groupMember) bool { return m.UserID == id })
	return map[string]any{"type": "rbac_group_member_deleted", "rbac_group_id": g.ID, "user_id": id}, nil
}

// inviteGroups checks the groups an invite puts its user in: each must be
// a group of the organization, and none may grant owner access, which this
// API does not hand out through an invite either.
func (c *call) inviteGroups(ids []string) *apiError {
	for _, id := range ids {
		g := find(c.st.access.groups, func(g *rbacGroup) bool { return g.ID == id })
		if g == nil {
			return errInvalid("rbac_group_ids: %q is not an RBAC group of this organization", id)
		}
		if err := c.notOwnerGroup(g); err != nil {
			return err
		}
	}
	return nil
}

// rolesServed refuses the role endpoints where the API does.
func (c *call) rolesServed() *apiError {
	a := c.st.access
	switch {
	case a.otherOrgType:
		return &apiError{status: http.StatusBadRequest, typ: "invalid_request_error", code: "organization_type_not_supported",
			msg: "RBAC roles are not available for this organization's type"}
	case a.noParent:
		return &apiError{status: http.StatusBadRequest, typ: "invalid_request_error", code: "parent_organization_required",
			msg: "RBAC roles are served only for organizations that belong to a parent organization"}
	}
	return nil
}

func listRBACRoles(c *call) (any, *apiError) {
	if err := c.rolesServed(); err != nil {
		return nil, err
	}
	return filteredPage(c, c.st.access.roles)
}

func (c *call) roleFromPath() (*rbacRole, *apiError) {
	if err := c.rolesServed(); err != nil {
		return nil, err
	}
	id := c.path("rbac_role_id")
	if r := find(c.st.access.roles, func(r *rbacRole) bool { return r.ID == id }); r != nil {
		return r, nil
	}
	return nil, &apiError{status: http.StatusNotFound, typ: "not_found_error", code: "rbac_role_not_found", msg: fmt.Sprintf("RBAC role %s not found", id)}
}

func getRBACRole(c *call) (any, *apiError) { return c.roleFromPath() }

func listRBACRolePermissions(c *call) (any, *apiError) {
	r, err := c.roleFromPath()
	if err != nil {
		return nil, err
	}
	return filteredPage(c, r.perms)
}

// WithoutParentOrganization makes the organization one that belongs to no
// parent organization: the RBAC role endpoints answer the API's 400
// parent_organization_required.
func (f *Fake) WithoutParentOrganization() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.st.access.noParent = true
}

// WithoutRBACRoles makes the organization one of a type without RBAC
// roles: the role endpoints answer the API's 400
// organization_type_not_supported.
func (f *Fake) WithoutRBACRoles() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.st.access.otherOrgType = true
}
