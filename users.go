package admin

import (
	"context"
	"net/url"
	"time"
)

// OrgRole is a member's organization role. The API may add roles; unknown
// values decode as they are.
type OrgRole string

const (
	OrgRoleUser            OrgRole = "user"
	OrgRoleDeveloper       OrgRole = "developer"
	OrgRoleBilling         OrgRole = "billing"
	OrgRoleAdmin           OrgRole = "admin"
	OrgRoleClaudeCodeUser  OrgRole = "claude_code_user"
	OrgRoleManaged         OrgRole = "managed"
	OrgRoleMembershipAdmin OrgRole = "membership_admin"
	OrgRoleOwner           OrgRole = "owner"
	OrgRolePrimaryOwner    OrgRole = "primary_owner"
)

// CheckAssignable refuses, with an error matching ErrInvalidParam, a role
// the API never lets a caller assign: admin and the owner roles, or none.
// UsersService.Update and InvitesService.Create check it before sending;
// call it to check a role before other work.
func (r OrgRole) CheckAssignable() error {
	switch r {
	case "":
		return paramErr("role", "must not be empty")
	case OrgRoleAdmin, OrgRoleOwner, OrgRolePrimaryOwner, OrgRoleMembershipAdmin:
		return paramErr("role", "%q cannot be assigned through the API", r)
	}
	return nil
}

// User is a member of the organization.
type User struct {
	ID      string    `json:"id"`
	Type    string    `json:"type"`
	Email   string    `json:"email"`
	Name    string    `json:"name"`
	Role    OrgRole   `json:"role"`
	AddedAt time.Time `json:"added_at"`
	raw
}

func (u *User) UnmarshalJSON(data []byte) error {
	type plain User
	return decodeKeepingRaw(data, (*plain)(u), &u.raw)
}

// UserDeleted confirms a removal.
type UserDeleted struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	raw
}

func (u *UserDeleted) UnmarshalJSON(data []byte) error {
	type plain UserDeleted
	return decodeKeepingRaw(data, (*plain)(u), &u.raw)
}

// UserListParams filters and pages Users.List. Newest members come first.
type UserListParams struct {
	Cursor
	Email string
	Roles []OrgRole
}

// UserUpdateParams is the body of Users.Update. Its one field is required,
// so it is a plain value rather than an Optional.
type UserUpdateParams struct {
	Role OrgRole `json:"role"`
}

// UsersService manages the organization's members.
type UsersService struct{ client *Client }

// List lists the organization's members.
func (s *UsersService) List(params UserListParams, opts ...Option) *List[User] {
	q, err := params.Cursor.query()
	if err != nil {
		return failedList[User](err)
	}
	q.str("email", params.Email)
	list(q, "roles", params.Roles)
	return newList[User](s.client, "/v1/organizations/users", url.Values(q), idCursor, opts)
}

// Get returns one member.
func (s *UsersService) Get(ctx context.Context, userID string, opts ...Option) (*User, error) {
	return call[User](ctx, s.client, "GET", "/v1/organizations/users/{user_id}", []string{userID}, nil, opts)
}

// Update changes a member's organization role. Admin and owner roles cannot
// be assigned through the API.
func (s *UsersService) Update(ctx context.Context, userID string, params UserUpdateParams, opts ...Option) (*User, error) {
	if err := params.Role.CheckAssignable(); err != nil {
		return nil, err
	}
	return call[User](ctx, s.client, "POST", "/v1/organizations/users/{user_id}", []string{userID}, params, opts)
}

// Remove removes a member from the organization.
func (s *UsersService) Remove(ctx context.Context, userID string, opts ...Option) (*UserDeleted, error) {
	return call[UserDeleted](ctx, s.client, "DELETE", "/v1/organizations/users/{user_id}", []string{userID}, nil, opts)
}

// SignOut signs a member out of Claude everywhere without removing them. It
// is a beta endpoint; the client sends its beta header for you.
func (s *UsersService) SignOut(ctx context.Context, userID string, opts ...Option) (*User, error) {
	return call[User](ctx, s.client, "POST", "/v1/organizations/users/{user_id}/sign_out", []string{userID}, nil, opts)
}
