package admin

import (
	"context"
	"net/url"
	"time"
)

// ServiceAccountsService manages service accounts: named non-human
// identities of the organization, which act through OAuth tokens minted by
// a federation rule (see FederationService), and the workspaces each one
// belongs to (Workspaces; Client.Workspaces.ServiceAccounts has the same
// memberships from the workspace's side).
//
// These endpoints accept only an OAuth access token with the org:admin
// scope (WithAuthToken). The API refuses an admin key; the error it
// returns then matches ErrOAuthRequired.
type ServiceAccountsService struct {
	client     *Client
	Workspaces *ServiceAccountWorkspacesService
}

// ServiceAccountRole is a service account's role in the organization. The
// API may add roles; unknown values decode as they are.
type ServiceAccountRole string

const (
	ServiceAccountRoleAdmin     ServiceAccountRole = "admin"
	ServiceAccountRoleDeveloper ServiceAccountRole = "developer"
)

// ServiceAccount is a named non-human identity of the organization.
type ServiceAccount struct {
	ID   string `json:"id"`   // svac_...
	Type string `json:"type"` // "service_account"
	// Name is a slug (lowercase letters, digits, hyphens), unique in the
	// organization.
	Name string `json:"name"`
	// Description is free text; "" when there is none.
	Description      string             `json:"description"`
	OrganizationRole ServiceAccountRole `json:"organization_role"`
	Audit
	raw
}

// Audit says who made an object, changed it last and archived it, and
// when; service accounts, federation issuers and rules carry it. An actor
// is a member (user_...) or a service account (svac_...).
type Audit struct {
	CreatedAt        time.Time `json:"created_at"`
	CreatedByActorID string    `json:"created_by_actor_id"`
	UpdatedAt        time.Time `json:"updated_at"`
	UpdatedByActorID string    `json:"updated_by_actor_id"`
	// ArchivedAt and ArchivedByActorID are set once the object is archived,
	// which is final; nil before.
	ArchivedAt        *time.Time `json:"archived_at"`
	ArchivedByActorID *string    `json:"archived_by_actor_id"`
}

func (s *ServiceAccount) UnmarshalJSON(data []byte) error {
	type plain ServiceAccount
	return decodeKeepingRaw(data, (*plain)(s), &s.raw)
}

// ServiceAccountListParams filters and pages ServiceAccounts.List. Limit is
// 1 to 100; 0 for the API's default (20).
type ServiceAccountListParams struct {
	PageCursor
	// IncludeArchived lists archived accounts too.
	IncludeArchived bool
}

// ServiceAccountCreateParams is the body of ServiceAccounts.Create.
type ServiceAccountCreateParams struct {
	// Name is required: a slug of lowercase letters, digits and hyphens,
	// unique in the organization (a duplicate is refused with a 409).
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// OrganizationRole is "" for the API's default, developer.
	OrganizationRole ServiceAccountRole `json:"organization_role,omitempty"`
}

// ServiceAccountUpdateParams is the body of ServiceAccounts.Update.
type ServiceAccountUpdateParams struct {
	// Description can be cleared (it is then stored as "").
	Description Optional[string] `json:"description,omitzero"`
	// OrganizationRole cannot be cleared: an account always has a role.
	OrganizationRole Optional[ServiceAccountRole] `json:"organization_role,omitzero"`
}

// maxWIFPageSize is the largest page of the service account and federation
// lists.
const maxWIFPageSize = 100

const (
	serviceAccountsPath = "/v1/organizations/service_accounts"
	serviceAccountPath  = serviceAccountsPath + "/{service_account_id}"
)

// List lists the organization's service accounts, archived ones only when
// the params ask for them.
func (s *ServiceAccountsService) List(params ServiceAccountListParams, opts ...Option) *List[ServiceAccount] {
	q, err := archivableQuery(params.PageCursor, params.IncludeArchived)
	if err != nil {
		return failedList[ServiceAccount](err)
	}
	return tokenList[ServiceAccount](s.client, serviceAccountsPath, q, opts)
}

// archivableQuery starts the query of a service account or federation list,
// whose archived objects are listed only when asked for.
func archivableQuery(p PageCursor, includeArchived bool) (query, error) {
	q, err := p.query(maxWIFPageSize)
	if err != nil {
		return nil, err
	}
	q.flag("include_archived", includeArchived)
	return q, nil
}

// Create makes a service account. It has no workspace of its own until
// Workspaces.Add gives it one: until then it belongs implicitly to the
// default workspace as a workspace_user.
func (s *ServiceAccountsService) Create(ctx context.Context, params ServiceAccountCreateParams, opts ...Option) (*ServiceAccount, error) {
	if err := checkSlug("name", params.Name); err != nil {
		return nil, err
	}
	return call[ServiceAccount](ctx, s.client, "POST", serviceAccountsPath, nil, params, opts)
}

// Get returns one service account, archived or not.
func (s *ServiceAccountsService) Get(ctx context.Context, serviceAccountID string, opts ...Option) (*ServiceAccount, error) {
	return call[ServiceAccount](ctx, s.client, "GET", serviceAccountPath, []string{serviceAccountID}, nil, opts)
}

// Update changes a service account's description or role.
func (s *ServiceAccountsService) Update(ctx context.Context, serviceAccountID string, params ServiceAccountUpdateParams, opts ...Option) (*ServiceAccount, error) {
	if err := noClear("organization_role", params.OrganizationRole, "a service account always has a role"); err != nil {
		return nil, err
	}
	return call[ServiceAccount](ctx, s.client, "POST", serviceAccountPath, []string{serviceAccountID}, params, opts)
}

// Archive archives a service account for good: it can no longer act, be
// changed or join a workspace. It returns the account with ArchivedAt set.
func (s *ServiceAccountsService) Archive(ctx context.Context, serviceAccountID string, opts ...Option) (*ServiceAccount, error) {
	return call[ServiceAccount](ctx, s.client, "POST", serviceAccountPath+"/archive", []string{serviceAccountID}, nil, opts)
}

// ServiceAccountWorkspaceMember is a service account's membership in a
// workspace.
type ServiceAccountWorkspaceMember struct {
	Type             string        `json:"type"` // "service_account_workspace_member"
	ServiceAccountID string        `json:"service_account_id"`
	WorkspaceID      string        `json:"workspace_id"`
	WorkspaceRole    WorkspaceRole `json:"workspace_role"`
	// Implicit is true for the membership of the default workspace (as a
	// workspace_user) that an account has while it has no other; it
	// cannot be removed.
	Implicit         bool   `json:"implicit"`
	CreatedByActorID string `json:"created_by_actor_id"`
	raw
}

func (m *ServiceAccountWorkspaceMember) UnmarshalJSON(data []byte) error {
	type plain ServiceAccountWorkspaceMember
	return decodeKeepingRaw(data, (*plain)(m), &m.raw)
}

// Ref names the membership for Get, Update and Remove.
func (m ServiceAccountWorkspaceMember) Ref() ServiceAccountWorkspaceRef {
	return ServiceAccountWorkspaceRef{WorkspaceID: m.WorkspaceID, ServiceAccountID: m.ServiceAccountID}
}

// ServiceAccountWorkspaceRef names one service account's membership in one
// workspace.
type ServiceAccountWorkspaceRef struct {
	WorkspaceID      string
	ServiceAccountID string
}

func (r ServiceAccountWorkspaceRef) path() (string, error) {
	return pathOf(workspaceServiceAccountPath, r.WorkspaceID, r.ServiceAccountID)
}

// ServiceAccountWorkspaceMemberDeleted confirms a removal from a workspace.
type ServiceAccountWorkspaceMemberDeleted struct {
	Type             string `json:"type"` // "service_account_workspace_member_deleted"
	ServiceAccountID string `json:"service_account_id"`
	WorkspaceID      string `json:"workspace_id"`
	raw
}

func (m *ServiceAccountWorkspaceMemberDeleted) UnmarshalJSON(data []byte) error {
	type plain ServiceAccountWorkspaceMemberDeleted
	return decodeKeepingRaw(data, (*plain)(m), &m.raw)
}

// ServiceAccountWorkspaceListParams pages the memberships of an account or
// of a workspace. Limit is 1 to 100; 0 for the API's default (20).
type ServiceAccountWorkspaceListParams struct {
	PageCursor
}

// ServiceAccountWorkspaceAddParams is the body of
// ServiceAccounts.Workspaces.Add.
type ServiceAccountWorkspaceAddParams struct {
	WorkspaceID string `json:"workspace_id"`
	// WorkspaceRole is any role but WorkspaceRoleBilling, which a service
	// account cannot hold.
	WorkspaceRole WorkspaceRole `json:"workspace_role"`
}

// WorkspaceServiceAccountAddParams is the body of
// Workspaces.ServiceAccounts.Add.
type WorkspaceServiceAccountAddParams struct {
	ServiceAccountID string `json:"service_account_id"`
	// WorkspaceRole is any role but WorkspaceRoleBilling.
	WorkspaceRole WorkspaceRole `json:"workspace_role"`
}

// WorkspaceServiceAccountUpdateParams is the body of
// Workspaces.ServiceAccounts.Update.
type WorkspaceServiceAccountUpdateParams struct {
	// WorkspaceRole is any role but WorkspaceRoleBilling.
	WorkspaceRole WorkspaceRole `json:"workspace_role"`
}

// ServiceAccountWorkspacesService manages the workspaces of one service
// account. OAuth only, like ServiceAccountsService.
type ServiceAccountWorkspacesService struct{ client *Client }

// WorkspaceServiceAccountsService manages the service accounts of one
// workspace. OAuth only, like ServiceAccountsService.
type WorkspaceServiceAccountsService struct{ client *Client }

const (
	serviceAccountWorkspacesPath  = serviceAccountPath + "/workspaces"
	workspaceServiceAccountsPath  = "/v1/organizations/workspaces/{workspace_id}/service_accounts"
	workspaceServiceAccountPath   = workspaceServiceAccountsPath + "/{service_account_id}"
	serviceAccountWorkspaceMember = serviceAccountWorkspacesPath + "/{workspace_id}"
)

// List lists the workspaces a service account belongs to: its implicit
// membership of the default workspace while it has no other.
func (s *ServiceAccountWorkspacesService) List(serviceAccountID string, params ServiceAccountWorkspaceListParams, opts ...Option) *List[ServiceAccountWorkspaceMember] {
	return membershipList(s.client, serviceAccountWorkspacesPath, serviceAccountID, params, opts)
}

// Add makes a service account a member of a workspace.
func (s *ServiceAccountWorkspacesService) Add(ctx context.Context, serviceAccountID string, params ServiceAccountWorkspaceAddParams, opts ...Option) (*ServiceAccountWorkspaceMember, error) {
	if err := checkID("workspace_id", params.WorkspaceID); err != nil {
		return nil, err
	}
	if err := checkAssignableRole(params.WorkspaceRole, "to a service account"); err != nil {
		return nil, err
	}
	return call[ServiceAccountWorkspaceMember](ctx, s.client, "POST", serviceAccountWorkspacesPath, []string{serviceAccountID}, params, opts)
}

// Remove takes a service account out of a workspace (the same as
// Workspaces.ServiceAccounts.Remove). An implicit membership cannot be
// removed.
func (s *ServiceAccountWorkspacesService) Remove(ctx context.Context, ref ServiceAccountWorkspaceRef, opts ...Option) (*ServiceAccountWorkspaceMemberDeleted, error) {
	return call[ServiceAccountWorkspaceMemberDeleted](ctx, s.client, "DELETE", serviceAccountWorkspaceMember,
		[]string{ref.ServiceAccountID, ref.WorkspaceID}, nil, opts)
}

// List lists the service accounts of a workspace.
func (s *WorkspaceServiceAccountsService) List(workspaceID string, params ServiceAccountWorkspaceListParams, opts ...Option) *List[ServiceAccountWorkspaceMember] {
	return membershipList(s.client, workspaceServiceAccountsPath, workspaceID, params, opts)
}

// membershipList lists service account memberships at pattern, whose one
// placeholder is id.
func membershipList(c *Client, pattern, id string, params ServiceAccountWorkspaceListParams, opts []Option) *List[ServiceAccountWorkspaceMember] {
	q, err := params.PageCursor.query(maxWIFPageSize)
	if err != nil {
		return failedList[ServiceAccountWorkspaceMember](err)
	}
	path, err := pathOf(pattern, id)
	if err != nil {
		return failedList[ServiceAccountWorkspaceMember](err)
	}
	return newList[ServiceAccountWorkspaceMember](c, path, url.Values(q), pageToken, opts)
}

// Add makes a service account a member of the workspace.
func (s *WorkspaceServiceAccountsService) Add(ctx context.Context, workspaceID string, params WorkspaceServiceAccountAddParams, opts ...Option) (*ServiceAccountWorkspaceMember, error) {
	if err := checkID("service_account_id", params.ServiceAccountID); err != nil {
		return nil, err
	}
	if err := checkAssignableRole(params.WorkspaceRole, "to a service account"); err != nil {
		return nil, err
	}
	return call[ServiceAccountWorkspaceMember](ctx, s.client, "POST", workspaceServiceAccountsPath, []string{workspaceID}, params, opts)
}

// Get returns one service account's membership of the workspace.
func (s *WorkspaceServiceAccountsService) Get(ctx context.Context, ref ServiceAccountWorkspaceRef, opts ...Option) (*ServiceAccountWorkspaceMember, error) {
	return callRef[ServiceAccountWorkspaceMember](ctx, s.client, "GET", ref, nil, opts)
}

// Update changes a service account's role in the workspace.
func (s *WorkspaceServiceAccountsService) Update(ctx context.Context, ref ServiceAccountWorkspaceRef, params WorkspaceServiceAccountUpdateParams, opts ...Option) (*ServiceAccountWorkspaceMember, error) {
	if err := checkAssignableRole(params.WorkspaceRole, "to a service account"); err != nil {
		return nil, err
	}
	return callRef[ServiceAccountWorkspaceMember](ctx, s.client, "POST", ref, params, opts)
}

// Remove takes a service account out of the workspace.
func (s *WorkspaceServiceAccountsService) Remove(ctx context.Context, ref ServiceAccountWorkspaceRef, opts ...Option) (*ServiceAccountWorkspaceMemberDeleted, error) {
	return callRef[ServiceAccountWorkspaceMemberDeleted](ctx, s.client, "DELETE", ref, nil, opts)
}

// checkAssignableRole refuses an empty role and the billing role, which
// can only be inherited; where says where it was given ("when adding a
// member").
func checkAssignableRole(r WorkspaceRole, where string) error {
	if err := checkWorkspaceRole(r); err != nil {
		return err
	}
	if r == WorkspaceRoleBilling {
		return paramErr("workspace_role", "%q cannot be given %s", r, where)
	}
	return nil
}

// checkSlug refuses a name that is not a slug (lowercase letters, digits,
// hyphens), which the API refuses for service accounts, issuers and rules.
func checkSlug(field, name string) error {
	if name == "" {
		return paramErr(field, "must not be empty")
	}
	for _, r := range name {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-') {
			return paramErr(field, "%q is not a slug: use lowercase letters, digits and hyphens", name)
		}
	}
	return nil
}
