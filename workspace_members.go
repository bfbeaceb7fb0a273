package admin

import (
	"context"
	"net/url"
)

// WorkspaceRole is a member's role in one workspace. The API may add roles;
// unknown values decode as they are.
type WorkspaceRole string

const (
	WorkspaceRoleUser                WorkspaceRole = "workspace_user"
	WorkspaceRoleDeveloper           WorkspaceRole = "workspace_developer"
	WorkspaceRoleRestrictedDeveloper WorkspaceRole = "workspace_restricted_developer"
	WorkspaceRoleAdmin               WorkspaceRole = "workspace_admin"
	// WorkspaceRoleBilling can be given with Update but not with Add.
	WorkspaceRoleBilling WorkspaceRole = "workspace_billing"
)

// WorkspaceMember is a user's membership in a workspace.
type WorkspaceMember struct {
	Type          string        `json:"type"`
	UserID        string        `json:"user_id"`
	WorkspaceID   string        `json:"workspace_id"`
	WorkspaceRole WorkspaceRole `json:"workspace_role"`
	raw
}

func (m *WorkspaceMember) UnmarshalJSON(data []byte) error {
	type plain WorkspaceMember
	return decodeKeepingRaw(data, (*plain)(m), &m.raw)
}

// Ref names the membership for Get, Update and Remove.
func (m WorkspaceMember) Ref() WorkspaceMemberRef {
	return WorkspaceMemberRef{WorkspaceID: m.WorkspaceID, UserID: m.UserID}
}

// WorkspaceMemberRef names one user's membership in one workspace. Calls
// that name an object by two IDs take them as named fields, so that the two
// can never be swapped silently.
type WorkspaceMemberRef struct {
	WorkspaceID string
	UserID      string
}

func (r WorkspaceMemberRef) path() (string, error) {
	return pathOf(workspaceMemberPath, r.WorkspaceID, r.UserID)
}

// WorkspaceMemberDeleted confirms a removal from a workspace.
type WorkspaceMemberDeleted struct {
	Type        string `json:"type"`
	UserID      string `json:"user_id"`
	WorkspaceID string `json:"workspace_id"`
	raw
}

func (m *WorkspaceMemberDeleted) UnmarshalJSON(data []byte) error {
	type plain WorkspaceMemberDeleted
	return decodeKeepingRaw(data, (*plain)(m), &m.raw)
}

// WorkspaceMemberListParams pages WorkspaceMembers.List.
type WorkspaceMemberListParams struct {
	Cursor
}

// WorkspaceMemberAddParams is the body of WorkspaceMembers.Add.
type WorkspaceMemberAddParams struct {
	UserID        string        `json:"user_id"`
	WorkspaceRole WorkspaceRole `json:"workspace_role"` // any role but WorkspaceRoleBilling
}

// WorkspaceMemberUpdateParams is the body of WorkspaceMembers.Update. Its one
// field is required, so it is a plain value rather than an Optional.
type WorkspaceMemberUpdateParams struct {
	WorkspaceRole WorkspaceRole `json:"workspace_role"`
}

// WorkspaceMembersService manages who belongs to a workspace.
type WorkspaceMembersService struct{ client *Client }

const (
	workspaceMembersPath = "/v1/organizations/workspaces/{workspace_id}/members"
	workspaceMemberPath  = workspaceMembersPath + "/{user_id}"
)

// List lists a workspace's members.
func (s *WorkspaceMembersService) List(workspaceID string, params WorkspaceMemberListParams, opts ...Option) *List[WorkspaceMember] {
	q, err := params.Cursor.query()
	if err != nil {
		return failedList[WorkspaceMember](err)
	}
	path, err := pathOf(workspaceMembersPath, workspaceID)
	if err != nil {
		return failedList[WorkspaceMember](err)
	}
	return newList[WorkspaceMember](s.client, path, url.Values(q), idCursor, opts)
}

// Get returns one user's membership in a workspace.
func (s *WorkspaceMembersService) Get(ctx context.Context, ref WorkspaceMemberRef, opts ...Option) (*WorkspaceMember, error) {
	return callRef[WorkspaceMember](ctx, s.client, "GET", ref, nil, opts)
}

// Add makes an organization member a member of the workspace. The billing
// role cannot be given here; add the user with another role, then Update.
func (s *WorkspaceMembersService) Add(ctx context.Context, workspaceID string, params WorkspaceMemberAddParams, opts ...Option) (*WorkspaceMember, error) {
	if err := checkID("user_id", params.UserID); err != nil {
		return nil, err
	}
	if err := checkAssignableRole(params.WorkspaceRole, "when adding a member"); err != nil {
		return nil, err
	}
	return call[WorkspaceMember](ctx, s.client, "POST", workspaceMembersPath, []string{workspaceID}, params, opts)
}

// Update changes a member's role in the workspace.
func (s *WorkspaceMembersService) Update(ctx context.Context, ref WorkspaceMemberRef, params WorkspaceMemberUpdateParams, opts ...Option) (*WorkspaceMember, error) {
	if err := checkWorkspaceRole(params.WorkspaceRole); err != nil {
		return nil, err
	}
	return callRef[WorkspaceMember](ctx, s.client, "POST", ref, params, opts)
}

// Remove takes a user out of the workspace; they stay in the organization.
func (s *WorkspaceMembersService) Remove(ctx context.Context, ref WorkspaceMemberRef, opts ...Option) (*WorkspaceMemberDeleted, error) {
	return callRef[WorkspaceMemberDeleted](ctx, s.client, "DELETE", ref, nil, opts)
}

func checkWorkspaceRole(r WorkspaceRole) error {
	if r == "" {
		return paramErr("workspace_role", "must not be empty")
	}
	return nil
}
