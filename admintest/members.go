package admintest

import (
	"slices"
	"strings"
)

// memberRoles are the workspace roles a caller may assign;
// workspace_billing is granted only through the organization role.
var memberRoles = []string{"workspace_user", "workspace_developer", "workspace_restricted_developer", "workspace_admin"}

func checkWorkspaceRole(role *string) *apiError {
	switch {
	case role == nil:
		return errInvalid("workspace_role: Field required")
	case *role == "workspace_billing":
		return errInvalid("workspace_role: workspace_billing cannot be assigned through the API")
	case !slices.Contains(memberRoles, *role):
		return errInvalid("workspace_role: must be one of %s", strings.Join(memberRoles, ", "))
	}
	return nil
}

func listMembers(c *call) (any, *apiError) {
	w, err := c.workspaceFromPath()
	if err != nil {
		return nil, err
	}
	return idPage(c.st.members[w.ID], func(m *member) string { return m.UserID }, c.q)
}

func (c *call) memberFromPath(w *workspace) (*member, *apiError) {
	id := c.path("user_id")
	m := find(c.st.members[w.ID], func(m *member) bool { return m.UserID == id })
	if m == nil {
		return nil, errNotFound("user %q is not a member of workspace %s", id, w.ID)
	}
	return m, nil
}

func getMember(c *call) (any, *apiError) {
	w, err := c.workspaceFromPath()
	if err != nil {
		return nil, err
	}
	return c.memberFromPath(w)
}

func addMember(c *call) (any, *apiError) {
	w, err := c.activeWorkspaceFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		UserID        *string `json:"user_id"`
		WorkspaceRole *string `json:"workspace_role"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.UserID == nil {
		return nil, errInvalid("user_id: Field required")
	}
	if err := checkWorkspaceRole(body.WorkspaceRole); err != nil {
		return nil, err
	}
	if c.st.user(*body.UserID) == nil {
		return nil, errNotFound("user %q not found", *body.UserID)
	}
	if slices.ContainsFunc(c.st.members[w.ID], func(m *member) bool { return m.UserID == *body.UserID }) {
		return nil, errInvalid("user_id: %s is already a member of workspace %s", *body.UserID, w.ID)
	}
	m := &member{Type: "workspace_member", UserID: *body.UserID, WorkspaceID: w.ID, WorkspaceRole: *body.WorkspaceRole}
	c.st.members[w.ID] = append(c.st.members[w.ID], m)
	return m, nil
}

// activeMemberFromPath finds the member named in the path, in a workspace
// that can still change.
func (c *call) activeMemberFromPath() (*workspace, *member, *apiError) {
	w, err := c.activeWorkspaceFromPath()
	if err != nil {
		return nil, nil, err
	}
	m, err := c.memberFromPath(w)
	return w, m, err
}

func updateMember(c *call) (any, *apiError) {
	_, m, err := c.activeMemberFromPath()
	if err != nil {
		return nil, err
	}
	role, err := c.workspaceRoleBody()
	if err != nil {
		return nil, err
	}
	m.WorkspaceRole = role
	return m, nil
}

// workspaceRoleBody reads the body of a membership's role change, for users
// and service accounts alike.
func (c *call) workspaceRoleBody() (string, *apiError) {
	var body struct {
		WorkspaceRole *string `json:"workspace_role"`
	}
	if err := c.decode(&body); err != nil {
		return "", err
	}
	if err := checkWorkspaceRole(body.WorkspaceRole); err != nil {
		return "", err
	}
	return *body.WorkspaceRole, nil
}

func removeMember(c *call) (any, *apiError) {
	w, m, err := c.activeMemberFromPath()
	if err != nil {
		return nil, err
	}
	c.st.members[w.ID] = slices.DeleteFunc(c.st.members[w.ID], func(x *member) bool { return x == m })
	return map[string]any{"type": "workspace_member_deleted", "user_id": m.UserID, "workspace_id": w.ID}, nil
}
