package admintest

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// Service accounts and their workspace memberships. The endpoints take only
// OAuth tokens (checkEndpoint), and the fake's token acts as the
// organization's first admin, who is the actor of every change.

type serviceAccount struct {
	ID               string `json:"id"`
	Type             string `json:"type"`
	Name             string `json:"name"`
	Description      string `json:"description"`
	OrganizationRole string `json:"organization_role"`
	audit
}

// audit is who made an object, changed it last and archived it, and when:
// the fields service accounts, issuers and rules share.
type audit struct {
	CreatedAt         stamp   `json:"created_at"`
	CreatedByActorID  string  `json:"created_by_actor_id"`
	UpdatedAt         stamp   `json:"updated_at"`
	UpdatedByActorID  string  `json:"updated_by_actor_id"`
	ArchivedAt        *stamp  `json:"archived_at"`
	ArchivedByActorID *string `json:"archived_by_actor_id"`
}

func newAudit(at time.Time, by string) audit {
	return audit{CreatedAt: stamp(at), CreatedByActorID: by, UpdatedAt: stamp(at), UpdatedByActorID: by}
}

// touch records a change.
func (a *audit) touch(at time.Time, by string) { a.UpdatedAt, a.UpdatedByActorID = stamp(at), by }

// archive records the archive, which is a change too.
func (a *audit) archive(at time.Time, by string) {
	a.ArchivedAt, a.ArchivedByActorID = stampOf(at), &by
	a.touch(at, by)
}

type saMember struct {
	Type             string `json:"type"`
	ServiceAccountID string `json:"service_account_id"`
	WorkspaceID      string `json:"workspace_id"`
	WorkspaceRole    string `json:"workspace_role"`
	Implicit         bool   `json:"implicit"`
	CreatedByActorID string `json:"created_by_actor_id"`
}

// wifPageMax is the largest page of the service account and federation
// lists.
const wifPageMax = 100

var serviceAccountRoles = []string{"admin", "developer"}

// actor is the ID of who the request acts as: the fake's OAuth token is the
// organization's first admin.
func (c *call) actor() string { return c.st.users[0].ID }

func (st *state) serviceAccount(id string) *serviceAccount {
	return find(st.serviceAccounts, func(a *serviceAccount) bool { return a.ID == id })
}

// serviceAccountByID finds a service account named in a path or a body.
func (c *call) serviceAccountByID(id string) (*serviceAccount, *apiError) {
	if a := c.st.serviceAccount(id); a != nil {
		return a, nil
	}
	return nil, errNotFound("service account %q not found", id)
}

// activeServiceAccount is serviceAccountByID for changes, which an archived
// account refuses.
func (c *call) activeServiceAccount(id string) (*serviceAccount, *apiError) {
	a, err := c.serviceAccountByID(id)
	if err == nil && a.ArchivedAt != nil {
		err = errInvalid("service account %s is archived and cannot be changed", a.ID)
	}
	return a, err
}

// checkSlug refuses a name that is not a slug.
func checkSlug(field string, s sent[string]) *apiError {
	if !s.value() || s.v == "" {
		return errInvalid("%s: Field required", field)
	}
	if strings.TrimFunc(s.v, func(r rune) bool { return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-' }) != "" {
		return errInvalid("%s: must be a slug of lowercase letters, digits and hyphens", field)
	}
	return nil
}

// nameTaken is the 409 of a name that an object of the kind other than the
// one with selfID already has; of says an object's name and ID.
func nameTaken[T any](items []T, of func(T) (name, id string), selfID, name, what string) *apiError {
	for _, it := range items {
		if n, id := of(it); n == name && id != selfID {
			return &apiError{status: http.StatusConflict, typ: "conflict_error", msg: "name: a " + what + " named " + name + " already exists"}
		}
	}
	return nil
}

func listServiceAccounts(c *call) (any, *apiError) {
	includeArchived, err := boolParam(c, "include_archived")
	if err != nil {
		return nil, err
	}
	out := slices.DeleteFunc(slices.Clone(c.st.serviceAccounts), func(a *serviceAccount) bool { return a.ArchivedAt != nil && !includeArchived })
	return boundedPage(c, out, wifPageMax, "include_archived")
}

type serviceAccountBody struct {
	Name             sent[string] `json:"name"`
	Description      sent[string] `json:"description"`
	OrganizationRole sent[string] `json:"organization_role"`
}

func createServiceAccount(c *call) (any, *apiError) {
	var body serviceAccountBody
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if err := checkSlug("name", body.Name); err != nil {
		return nil, err
	}
	a := &serviceAccount{ID: c.st.wif.next("svac_"), Type: "service_account", Name: body.Name.v, OrganizationRole: "developer",
		audit: newAudit(c.now, c.actor())}
	if err := nameTaken(c.st.serviceAccounts, func(a *serviceAccount) (string, string) { return a.Name, a.ID }, a.ID, a.Name, "service account"); err != nil {
		return nil, err
	}
	if err := applyServiceAccount(a, &body); err != nil {
		return nil, err
	}
	c.st.serviceAccounts = append(c.st.serviceAccounts, a)
	return a, nil
}

// applyServiceAccount applies the description and role of a create or
// update: a null description clears it, a null role leaves it.
func applyServiceAccount(a *serviceAccount, b *serviceAccountBody) *apiError {
	if b.OrganizationRole.value() {
		if !slices.Contains(serviceAccountRoles, b.OrganizationRole.v) {
			return errInvalid("organization_role: must be one of %s", strings.Join(serviceAccountRoles, ", "))
		}
		a.OrganizationRole = b.OrganizationRole.v
	}
	if b.Description.given {
		a.Description = b.Description.v
	}
	return nil
}

func getServiceAccount(c *call) (any, *apiError) {
	return c.serviceAccountByID(c.path("service_account_id"))
}

func updateServiceAccount(c *call) (any, *apiError) {
	a, err := c.activeServiceAccount(c.path("service_account_id"))
	if err != nil {
		return nil, err
	}
	var body serviceAccountBody
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.Name.given {
		return nil, errInvalid("name: Extra inputs are not permitted (a service account's name cannot change)")
	}
	updated := *a
	if err := applyServiceAccount(&updated, &body); err != nil {
		return nil, err
	}
	updated.touch(c.now, c.actor())
	*a = updated
	return a, nil
}

func archiveServiceAccount(c *call) (any, *apiError) {
	a, err := c.activeServiceAccount(c.path("service_account_id"))
	if err != nil {
		return nil, err
	}
	a.archive(c.now, c.actor())
	return a, nil
}

// saMemberships are an account's memberships: its explicit ones, or while
// it has none, the implicit one of the default workspace.
func (st *state) saMemberships(a *serviceAccount) []*saMember {
	var out []*saMember
	for _, m := range st.saMembers {
		if m.ServiceAccountID == a.ID {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		out = append(out, &saMember{Type: "service_account_workspace_member", ServiceAccountID: a.ID, WorkspaceID: st.workspaces[0].ID,
			WorkspaceRole: "workspace_user", Implicit: true, CreatedByActorID: a.CreatedByActorID})
	}
	return out
}

// workspaceSAs are a workspace's service account memberships, the implicit
// ones of accounts without another included in the default workspace.
func (st *state) workspaceSAs(w *workspace) []*saMember {
	var out []*saMember
	for _, a := range st.serviceAccounts {
		for _, m := range st.saMemberships(a) {
			if m.WorkspaceID == w.ID && (!m.Implicit || a.ArchivedAt == nil) {
				out = append(out, m)
			}
		}
	}
	return out
}

func listServiceAccountWorkspaces(c *call) (any, *apiError) {
	a, err := c.serviceAccountByID(c.path("service_account_id"))
	if err != nil {
		return nil, err
	}
	return boundedPage(c, c.st.saMemberships(a), wifPageMax)
}

func listWorkspaceServiceAccounts(c *call) (any, *apiError) {
	w, err := c.workspaceFromPath()
	if err != nil {
		return nil, err
	}
	return boundedPage(c, c.st.workspaceSAs(w), wifPageMax)
}

// addServiceAccountTo adds an account to a workspace, both named by ID,
// with the role of the body; each side's add endpoint calls it.
func (c *call) addServiceAccountTo(accountID, workspaceID string, role *string) (any, *apiError) {
	a, err := c.activeServiceAccount(accountID)
	if err != nil {
		return nil, err
	}
	w := c.st.workspace(workspaceID)
	switch {
	case w == nil:
		return nil, errNotFound("workspace %q not found", workspaceID)
	case w.ArchivedAt != nil:
		return nil, errInvalid("workspace %s is archived and cannot be changed", w.ID)
	}
	if err := checkWorkspaceRole(role); err != nil {
		return nil, err
	}
	if slices.ContainsFunc(c.st.saMembers, func(m *saMember) bool { return m.ServiceAccountID == a.ID && m.WorkspaceID == w.ID }) {
		return nil, errInvalid("service account %s is already a member of workspace %s", a.ID, w.ID)
	}
	m := &saMember{Type: "service_account_workspace_member", ServiceAccountID: a.ID, WorkspaceID: w.ID, WorkspaceRole: *role, CreatedByActorID: c.actor()}
	c.st.saMembers = append(c.st.saMembers, m)
	return m, nil
}

func addServiceAccountWorkspace(c *call) (any, *apiError) {
	var body struct {
		WorkspaceID   *string `json:"workspace_id"`
		WorkspaceRole *string `json:"workspace_role"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.WorkspaceID == nil {
		return nil, errInvalid("workspace_id: Field required")
	}
	return c.addServiceAccountTo(c.path("service_account_id"), *body.WorkspaceID, body.WorkspaceRole)
}

func addWorkspaceServiceAccount(c *call) (any, *apiError) {
	var body struct {
		ServiceAccountID *string `json:"service_account_id"`
		WorkspaceRole    *string `json:"workspace_role"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.ServiceAccountID == nil {
		return nil, errInvalid("service_account_id: Field required")
	}
	return c.addServiceAccountTo(*body.ServiceAccountID, c.path("workspace_id"), body.WorkspaceRole)
}

// saMemberFromPath finds the membership the path names, implicit or not.
func (c *call) saMemberFromPath() (*workspace, *saMember, *apiError) {
	w, err := c.workspaceFromPath()
	if err != nil {
		return nil, nil, err
	}
	a, err := c.serviceAccountByID(c.path("service_account_id"))
	if err != nil {
		return nil, nil, err
	}
	m := find(c.st.saMemberships(a), func(m *saMember) bool { return m.WorkspaceID == w.ID })
	if m == nil {
		return nil, nil, errNotFound("service account %s is not a member of workspace %s", a.ID, w.ID)
	}
	return w, m, nil
}

// explicitSAMemberFromPath is saMemberFromPath for changes, which only an
// explicit membership of an active account in an active workspace takes.
func (c *call) explicitSAMemberFromPath() (*saMember, *apiError) {
	w, m, err := c.saMemberFromPath()
	switch {
	case err != nil:
		return nil, err
	case m.Implicit:
		return nil, errInvalid("the implicit default-workspace membership of service account %s cannot be changed or removed", m.ServiceAccountID)
	case w.ArchivedAt != nil:
		return nil, errInvalid("workspace %s is archived and cannot be changed", w.ID)
	}
	if _, err := c.activeServiceAccount(m.ServiceAccountID); err != nil {
		return nil, err
	}
	return m, nil
}

func getWorkspaceServiceAccount(c *call) (any, *apiError) {
	_, m, err := c.saMemberFromPath()
	return m, err
}

func updateWorkspaceServiceAccount(c *call) (any, *apiError) {
	m, err := c.explicitSAMemberFromPath()
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

// removeWorkspaceServiceAccount answers both removal endpoints: their paths
// name the same two IDs.
func removeWorkspaceServiceAccount(c *call) (any, *apiError) {
	m, err := c.explicitSAMemberFromPath()
	if err != nil {
		return nil, err
	}
	c.st.saMembers = slices.DeleteFunc(c.st.saMembers, func(x *saMember) bool { return x == m })
	return map[string]any{"type": "service_account_workspace_member_deleted", "service_account_id": m.ServiceAccountID, "workspace_id": m.WorkspaceID}, nil
}
