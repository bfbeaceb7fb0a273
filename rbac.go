package admin

import (
	"context"
	"math"
	"net/url"
	"strings"
	"time"
)

// RBACGroupsService manages the RBAC groups of a Claude Enterprise
// organization and their members. Roles are attached to groups in the
// organization's admin settings (or by the identity provider); the API
// reads them (RBACRoles) but attaches none.
type RBACGroupsService struct {
	client  *Client
	Members *RBACGroupMembersService
}

// RBACGroupMembersService lists, adds and removes the members of an RBAC
// group.
type RBACGroupMembersService struct{ client *Client }

// RBACRolesService reads the organization's RBAC roles and what each one
// permits.
type RBACRolesService struct{ client *Client }

// maxRBACPage is the largest page the RBAC lists accept.
const maxRBACPage = 1000

// RBACGroupSource says how a group came to be. The API may add sources;
// unknown values decode as they are.
type RBACGroupSource string

const (
	// RBACGroupDirect: made in the organization's admin settings or
	// through this API.
	RBACGroupDirect RBACGroupSource = "direct"
	// RBACGroupSCIM: provisioned by the identity provider.
	RBACGroupSCIM RBACGroupSource = "scim"
)

// RBACGroup is a named set of members with the roles attached to it.
type RBACGroup struct {
	ID   string `json:"id"`
	Type string `json:"type"` // "rbac_group"
	Name string `json:"name"`
	// RoleIDs are the RBAC roles attached to the group; the API may send
	// null for none, which decodes as nil.
	RoleIDs    []string        `json:"role_ids"`
	SourceType RBACGroupSource `json:"source_type"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
	raw
}

func (g *RBACGroup) UnmarshalJSON(data []byte) error {
	type plain RBACGroup
	return decodeKeepingRaw(data, (*plain)(g), &g.raw)
}

// RBACGroupDeleted is the answer to a group delete.
type RBACGroupDeleted struct {
	ID   string `json:"id"`
	Type string `json:"type"` // "rbac_group_deleted"
	raw
}

func (d *RBACGroupDeleted) UnmarshalJSON(data []byte) error {
	type plain RBACGroupDeleted
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// RBACGroupMember is a user's membership of a group.
type RBACGroupMember struct {
	Type        string    `json:"type"` // "rbac_group_member"
	RBACGroupID string    `json:"rbac_group_id"`
	UserID      string    `json:"user_id"`
	Email       string    `json:"email"`
	CreatedAt   time.Time `json:"created_at"` // when the user joined the group
	raw
}

func (m *RBACGroupMember) UnmarshalJSON(data []byte) error {
	type plain RBACGroupMember
	return decodeKeepingRaw(data, (*plain)(m), &m.raw)
}

// RBACGroupMemberDeleted is the answer to removing a member from a group.
type RBACGroupMemberDeleted struct {
	Type        string `json:"type"` // "rbac_group_member_deleted"
	RBACGroupID string `json:"rbac_group_id"`
	UserID      string `json:"user_id"`
	raw
}

func (d *RBACGroupMemberDeleted) UnmarshalJSON(data []byte) error {
	type plain RBACGroupMemberDeleted
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// RBACRoleSourceType says whether a role is Anthropic's or the
// organization's own.
type RBACRoleSourceType string

const (
	// RBACRoleBuiltIn: provisioned by Anthropic; administrators cannot
	// change or delete it.
	RBACRoleBuiltIn RBACRoleSourceType = "built_in"
	// RBACRoleCustom: made by the organization's administrators, who can
	// change and delete it.
	RBACRoleCustom RBACRoleSourceType = "custom"
)

// RBACRoleSource is the union on Type the API sends as a role's source.
type RBACRoleSource struct {
	Type RBACRoleSourceType `json:"type"`
}

// RBACRole is a set of permissions that groups can be given.
type RBACRole struct {
	ID          string         `json:"id"`
	Type        string         `json:"type"` // "rbac_role"
	DisplayName string         `json:"display_name"`
	Source      RBACRoleSource `json:"source"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`
	raw
}

func (r *RBACRole) UnmarshalJSON(data []byte) error {
	type plain RBACRole
	return decodeKeepingRaw(data, (*plain)(r), &r.raw)
}

// RBACResourceType is the kind of thing a permission applies to. The API
// may add kinds; unknown values decode as they are.
type RBACResourceType string

const (
	RBACResourceOrganization   RBACResourceType = "organization"
	RBACResourceConnector      RBACResourceType = "connector"
	RBACResourceConnectorTool  RBACResourceType = "connector_tool"
	RBACResourceConnectorScope RBACResourceType = "connector_scope"
	RBACResourceAllConnectors  RBACResourceType = "all_connectors"
)

// RBACPermissionResource is what a permission applies to: a union on Type,
// held in one flat struct whose other fields belong to the kinds noted.
// A kind this version does not know keeps its Type; its fields are in the
// permission's RawJSON.
type RBACPermissionResource struct {
	Type           RBACResourceType `json:"type"`
	OrganizationID string           `json:"organization_id,omitempty"` // organization
	ConnectorID    string           `json:"connector_id,omitempty"`    // connector, connector_tool, connector_scope
	// ToolName (connector_tool) and Scope (connector_scope) come encoded
	// by the server as {prefix}_{32 hex digits} when the published name
	// holds characters outside [a-zA-Z0-9_-].
	ToolName string `json:"tool_name,omitempty"`
	Scope    string `json:"scope,omitempty"`
}

// RBACRolePermission is one action a role allows on one resource.
type RBACRolePermission struct {
	Type     string                 `json:"type"` // "rbac_role_permission"
	Action   string                 `json:"action"`
	Resource RBACPermissionResource `json:"resource"`
	raw
}

func (p *RBACRolePermission) UnmarshalJSON(data []byte) error {
	type plain RBACRolePermission
	return decodeKeepingRaw(data, (*plain)(p), &p.raw)
}

// RBACListParams pages an RBAC list: Limit 1 to 1000, 0 for the API's
// default (20).
type RBACListParams struct {
	PageCursor
}

// tokenListOf is a token-paged list of a registry path whose {placeholders}
// are filled with ids, sent with the row's betas; maxLimit bounds the page
// size. The query it returns is the list's own (nil after a refusal): a
// filter added to it goes out with every page.
func tokenListOf[T any](c *Client, pattern string, ids []string, p PageCursor, maxLimit int, opts []Option) (*List[T], query) {
	ep := registered("GET", pattern)
	path, err := pathOf(pattern, ids...)
	if err != nil {
		return failedList[T](err), nil
	}
	q, err := p.query(maxLimit)
	if err != nil {
		return failedList[T](err), nil
	}
	return newList[T](c, path, url.Values(q), pageToken, withBetas(opts, ep.Betas...)), q
}

// List returns the organization's RBAC groups.
func (s *RBACGroupsService) List(params RBACListParams, opts ...Option) *List[RBACGroup] {
	l, _ := tokenListOf[RBACGroup](s.client, "/v1/organizations/rbac_groups", nil, params.PageCursor, maxRBACPage, opts)
	return l
}

// RBACGroupCreateParams names a new group.
type RBACGroupCreateParams struct {
	Name string `json:"name"` // required
}

// Create makes a group with no members and no roles.
func (s *RBACGroupsService) Create(ctx context.Context, params RBACGroupCreateParams, opts ...Option) (*RBACGroup, error) {
	if strings.TrimSpace(params.Name) == "" {
		return nil, paramErr("name", "is required")
	}
	return call[RBACGroup](ctx, s.client, "POST", "/v1/organizations/rbac_groups", nil, params, opts)
}

// Get returns one group.
func (s *RBACGroupsService) Get(ctx context.Context, groupID string, opts ...Option) (*RBACGroup, error) {
	return call[RBACGroup](ctx, s.client, "GET", "/v1/organizations/rbac_groups/{rbac_group_id}", []string{groupID}, nil, opts)
}

// RBACGroupUpdateParams renames a group. The name cannot be cleared.
type RBACGroupUpdateParams struct {
	Name Optional[string] `json:"name,omitzero"`
}

// Update renames a group.
func (s *RBACGroupsService) Update(ctx context.Context, groupID string, params RBACGroupUpdateParams, opts ...Option) (*RBACGroup, error) {
	if err := noClear("name", params.Name, "a group always has a name"); err != nil {
		return nil, err
	}
	if n, ok := params.Name.Get(); ok && strings.TrimSpace(n) == "" {
		return nil, paramErr("name", "must not be empty")
	}
	return call[RBACGroup](ctx, s.client, "POST", "/v1/organizations/rbac_groups/{rbac_group_id}", []string{groupID}, params, opts)
}

// Delete removes a group. The API refuses to delete a group one of whose
// roles grants owner access (rbac_group_grants_owner_access).
func (s *RBACGroupsService) Delete(ctx context.Context, groupID string, opts ...Option) (*RBACGroupDeleted, error) {
	return call[RBACGroupDeleted](ctx, s.client, "DELETE", "/v1/organizations/rbac_groups/{rbac_group_id}", []string{groupID}, nil, opts)
}

// List returns a group's members.
func (s *RBACGroupMembersService) List(groupID string, params RBACListParams, opts ...Option) *List[RBACGroupMember] {
	l, _ := tokenListOf[RBACGroupMember](s.client, "/v1/organizations/rbac_groups/{rbac_group_id}/members", []string{groupID}, params.PageCursor, maxRBACPage, opts)
	return l
}

// RBACGroupMemberAddParams names the user to add.
type RBACGroupMemberAddParams struct {
	UserID string `json:"user_id"` // required: a member of the organization
}

// Add makes an organization member a member of the group.
func (s *RBACGroupMembersService) Add(ctx context.Context, groupID string, params RBACGroupMemberAddParams, opts ...Option) (*RBACGroupMember, error) {
	if err := checkID("user_id", params.UserID); err != nil {
		return nil, err
	}
	return call[RBACGroupMember](ctx, s.client, "POST", "/v1/organizations/rbac_groups/{rbac_group_id}/members", []string{groupID}, params, opts)
}

// RBACGroupMemberRef names a user's membership of a group.
type RBACGroupMemberRef struct {
	RBACGroupID string
	UserID      string
}

func (r RBACGroupMemberRef) path() (string, error) {
	return pathOf("/v1/organizations/rbac_groups/{rbac_group_id}/members/{user_id}", r.RBACGroupID, r.UserID)
}

// Ref names the membership for Remove.
func (m RBACGroupMember) Ref() RBACGroupMemberRef {
	return RBACGroupMemberRef{RBACGroupID: m.RBACGroupID, UserID: m.UserID}
}

// Remove takes a user out of a group; the user stays in the organization.
func (s *RBACGroupMembersService) Remove(ctx context.Context, ref RBACGroupMemberRef, opts ...Option) (*RBACGroupMemberDeleted, error) {
	registered("DELETE", "/v1/organizations/rbac_groups/{rbac_group_id}/members/{user_id}")
	return callRef[RBACGroupMemberDeleted](ctx, s.client, "DELETE", ref, nil, opts)
}

// List returns the organization's roles, built-in and custom.
func (s *RBACRolesService) List(params RBACListParams, opts ...Option) *List[RBACRole] {
	l, _ := tokenListOf[RBACRole](s.client, "/v1/organizations/rbac_roles", nil, params.PageCursor, maxRBACPage, opts)
	return l
}

// Get returns one role; an unknown ID is a 404 with rbac_role_not_found.
func (s *RBACRolesService) Get(ctx context.Context, roleID string, opts ...Option) (*RBACRole, error) {
	return call[RBACRole](ctx, s.client, "GET", "/v1/organizations/rbac_roles/{rbac_role_id}", []string{roleID}, nil, opts)
}

// Permissions returns what a role allows.
func (s *RBACRolesService) Permissions(roleID string, params RBACListParams, opts ...Option) *List[RBACRolePermission] {
	l, _ := tokenListOf[RBACRolePermission](s.client, "/v1/organizations/rbac_roles/{rbac_role_id}/permissions", []string{roleID}, params.PageCursor, maxRBACPage, opts)
	return l
}

// noLimit is the page bound of lists whose docs give none.
const noLimit = math.MaxInt
