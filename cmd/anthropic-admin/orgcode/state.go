package orgcode

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/anthropic-admin-go/admin"
)

// State is the organization as it is, as far as the file format covers it.
// Read fetches it list page by list page: a list per resource, and the
// members and rate limits of each active workspace, never one object at a
// time.
type State struct {
	Organization admin.Organization
	Users        []admin.User
	// Invites are the pending invites.
	Invites []admin.Invite
	// Workspaces are all of them, archived too, the default first.
	Workspaces    []*WorkspaceState
	OrgRateLimits []admin.RateLimit
	APIKeys       []admin.APIKey
	SpendLimits   []admin.SpendLimit
	// SpendLimitsUnavailable is set when the organization or credential has
	// no spend limits; export leaves the section out and a plan of it is
	// refused.
	SpendLimitsUnavailable bool
	// RBACGroups are the groups with their members, and RBACRoles the
	// roles' names by ID (nil when the role endpoints are not served).
	RBACGroups []*RBACGroupState
	RBACRoles  map[string]string
	// RBACGroupsUnavailable is set outside Claude Enterprise.
	RBACGroupsUnavailable bool
	// ServiceAccounts are all of them, archived too; unavailable without
	// an OAuth token.
	ServiceAccounts            []*ServiceAccountState
	ServiceAccountsUnavailable bool
	// FederationIssuers and FederationRules are the active ones;
	// unavailable without an OAuth token.
	FederationIssuers     []admin.FederationIssuer
	FederationRules       []admin.FederationRule
	FederationUnavailable bool

	// oauth are the options for the endpoints that take only an OAuth
	// token.
	oauth []admin.Option
}

// WorkspaceState is a workspace with its members and its own rate limits.
type WorkspaceState struct {
	admin.Workspace
	Default    bool
	Members    []admin.WorkspaceMember
	RateLimits []admin.WorkspaceRateLimit
}

// page is the page size Read asks for: the largest the lists take.
const page = 1000

// Read fetches the organization's state. oauth are the options for the
// endpoints that take only an OAuth token with org:admin (service
// accounts, federation), such as admin.WithAuthToken; without them, with
// an admin key, those sections are unavailable.
func Read(ctx context.Context, c *admin.Client, oauth ...admin.Option) (*State, error) {
	st := &State{oauth: oauth}
	org, err := c.Organization.Get(ctx)
	if err != nil {
		return nil, err
	}
	st.Organization = *org
	if st.Users, err = c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: page}}).Collect(ctx); err != nil {
		return nil, err
	}
	all, err := c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: page}, IncludeArchived: true, IncludeDefault: true}).Collect(ctx)
	if err != nil {
		return nil, err
	}
	others, err := c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: page}, IncludeArchived: true}).Collect(ctx)
	if err != nil {
		return nil, err
	}
	notDefault := map[string]bool{}
	for _, w := range others {
		notDefault[w.ID] = true
	}
	for _, w := range all {
		ws := &WorkspaceState{Workspace: w, Default: !notDefault[w.ID]}
		if ws.Default {
			st.Workspaces = append([]*WorkspaceState{ws}, st.Workspaces...)
		} else {
			st.Workspaces = append(st.Workspaces, ws)
		}
	}
	for _, s := range sections {
		if err := s.read(ctx, c, st); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// LeftOut are the sections the organization or credential does not give,
// one line each: export leaves them out, and a plan of a file that has
// one is refused.
func (st *State) LeftOut() []string {
	var out []string
	if st.SpendLimitsUnavailable {
		out = append(out, "spend_limits: left out (this organization or credential has no spend limits)")
	}
	if st.RBACGroupsUnavailable {
		out = append(out, "rbac_groups: left out (RBAC groups come with Claude Enterprise)")
	}
	if st.ServiceAccountsUnavailable {
		out = append(out, "service_accounts: left out (they need an OAuth token with the org:admin scope: --auth-token or ANTHROPIC_AUTH_TOKEN)")
	}
	if st.FederationUnavailable {
		out = append(out, "federation_rules: left out (they need an OAuth token with the org:admin scope: --auth-token or ANTHROPIC_AUTH_TOKEN)")
	}
	return out
}

// Fingerprint identifies the state: every value the file format covers,
// with every ID. A saved plan applies only to the state it was made from.
func (st *State) Fingerprint() string {
	b, err := Marshal(export(st, true))
	if err != nil {
		panic("orgcode: a state that cannot be written: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// indexes over a state, made once per plan or export.
type index struct {
	userByID    map[string]*admin.User
	userByEmail map[string]*admin.User
	wsByID      map[string]*WorkspaceState
	// wsNames counts workspaces per name: a name held by more than one
	// needs the ID beside it.
	wsNames map[string]int
}

func newIndex(st *State) *index {
	ix := &index{userByID: map[string]*admin.User{}, userByEmail: map[string]*admin.User{}, wsByID: map[string]*WorkspaceState{}, wsNames: map[string]int{}}
	for i := range st.Users {
		u := &st.Users[i]
		ix.userByID[u.ID] = u
		ix.userByEmail[lower(u.Email)] = u
	}
	for _, w := range st.Workspaces {
		ix.wsByID[w.ID] = w
		ix.wsNames[w.Name]++
	}
	return ix
}

func (ix *index) email(userID string) string {
	if u := ix.userByID[userID]; u != nil {
		return u.Email
	}
	return userID
}

// wsRef is how the file names a workspace elsewhere (API keys, spend
// limits): its name, or its ID when its name is not unique.
func (ix *index) wsRef(id string) string {
	w := ix.wsByID[id]
	if w == nil {
		return id
	}
	if ix.wsNames[w.Name] > 1 {
		return w.ID
	}
	return w.Name
}
