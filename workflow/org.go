package workflow

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// Org reads the organization for the workflows, each list once per run
// and page by page, so that a workflow's requests grow with the number of
// list pages, not with the number of objects it looks at. Its methods are
// not safe for concurrent use.
type Org struct {
	Client *admin.Client
	// OAuth are the options for the endpoints that take only an OAuth
	// token (service accounts), such as admin.WithAuthToken; nil sends the
	// client's own credential, which an admin key the API then refuses.
	OAuth []admin.Option

	workspaces []admin.Workspace
	members    map[string][]admin.WorkspaceMember // by workspace ID
	users      []admin.User
	keys       []admin.APIKey
	groups     []Group
	accounts   []admin.ServiceAccount
	loaded     map[string]bool
}

// Group is an RBAC group with the IDs of its members.
type Group struct {
	admin.RBACGroup
	MemberIDs []string
}

// NewOrg returns an Org that reads through c.
func NewOrg(c *admin.Client) *Org {
	return &Org{Client: c, members: map[string][]admin.WorkspaceMember{}, loaded: map[string]bool{}}
}

// NotListed is why a workflow says it did not check what the organization
// or the credential does not give.
const NotListed = "this organization or credential cannot list them"

// Unavailable reports whether err says that the organization or the
// credential does not give a list at all, rather than that reading it
// failed: RBAC groups outside Claude Enterprise, service accounts without
// an OAuth token. A workflow then notes the kind as not checked.
func Unavailable(err error) bool {
	var apiErr *admin.APIError
	if errors.As(err, &apiErr) && (apiErr.ErrorCode == "organization_type_not_supported" || apiErr.ErrorCode == "parent_organization_required") {
		return true
	}
	return errors.Is(err, admin.ErrOAuthRequired) || errors.Is(err, admin.ErrPermission) || errors.Is(err, admin.ErrUnauthorized) || errors.Is(err, admin.ErrNotFound)
}

// NotChecked is the note for a kind a workflow could not look at, with why.
func NotChecked(kind string, err error) string {
	why := NotListed
	if errors.Is(err, admin.ErrOAuthRequired) {
		why = "they need an OAuth token with the org:admin scope"
	}
	return kind + ": not checked (" + why + ")"
}

// pageSize is the largest page the ID-cursor lists serve.
const pageSize = 1000

func once[T any](o *Org, what string, into *[]T, fetch func() ([]T, error)) ([]T, error) {
	if o.loaded[what] {
		return *into, nil
	}
	items, err := fetch()
	if err != nil {
		return nil, err
	}
	*into, o.loaded[what] = items, true
	return items, nil
}

// Workspaces lists every workspace, the default and archived ones included.
func (o *Org) Workspaces(ctx context.Context) ([]admin.Workspace, error) {
	return once(o, "workspaces", &o.workspaces, func() ([]admin.Workspace, error) {
		return o.Client.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 100}, IncludeArchived: true, IncludeDefault: true}).Collect(ctx)
	})
}

// Workspace returns the workspace with id, or nil.
func (o *Org) Workspace(ctx context.Context, id string) (*admin.Workspace, error) {
	ws, err := o.Workspaces(ctx)
	if err != nil {
		return nil, err
	}
	for i := range ws {
		if ws[i].ID == id {
			return &ws[i], nil
		}
	}
	return nil, nil
}

// WorkspaceRef names a workspace ID with its name when it is known.
func (o *Org) WorkspaceRef(ctx context.Context, id string) Ref {
	r := Ref{Kind: "workspace", ID: id}
	if id == "" {
		r.Name = "organization"
	}
	if w, err := o.Workspace(ctx, id); err == nil && w != nil {
		r.Name = w.Name
	}
	return r
}

// Members lists a workspace's members.
func (o *Org) Members(ctx context.Context, workspaceID string) ([]admin.WorkspaceMember, error) {
	into := o.members[workspaceID]
	ms, err := once(o, "members/"+workspaceID, &into, func() ([]admin.WorkspaceMember, error) {
		return o.Client.Workspaces.Members.List(workspaceID, admin.WorkspaceMemberListParams{Cursor: admin.Cursor{Limit: pageSize}}).Collect(ctx)
	})
	o.members[workspaceID] = into
	return ms, err
}

// Memberships returns a user's workspace memberships, reading the members
// of every active workspace once per run. Archived workspaces, whose
// members cannot change, are left out.
func (o *Org) Memberships(ctx context.Context, userID string) ([]admin.WorkspaceMember, error) {
	ws, err := o.Workspaces(ctx)
	if err != nil {
		return nil, err
	}
	var out []admin.WorkspaceMember
	for _, w := range ws {
		if w.Archived() {
			continue
		}
		ms, err := o.Members(ctx, w.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if m.UserID == userID {
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// Users lists the organization's members.
func (o *Org) Users(ctx context.Context) ([]admin.User, error) {
	return once(o, "users", &o.users, func() ([]admin.User, error) {
		return o.Client.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: pageSize}}).Collect(ctx)
	})
}

// Keys lists every API key.
func (o *Org) Keys(ctx context.Context) ([]admin.APIKey, error) {
	return once(o, "keys", &o.keys, func() ([]admin.APIKey, error) {
		return o.Client.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: pageSize}}).Collect(ctx)
	})
}

// KeyUsage returns the tokens each API key used from since to now, read
// from the usage report grouped by API key (one day per bucket). With
// keyIDs it asks about those keys only. Keys without usage are absent.
func (o *Org) KeyUsage(ctx context.Context, since time.Time, keyIDs []string) (map[string]int64, error) {
	out := map[string]int64{}
	params := admin.UsageMessagesParams{StartingAt: since, BucketWidth: admin.BucketWidthDay, PageCursor: admin.PageCursor{Limit: 31},
		GroupBy: []admin.UsageGroupBy{admin.UsageGroupByAPIKeyID}, APIKeyIDs: keyIDs}
	for b, err := range o.Client.Usage.Messages(params).All(ctx) {
		if err != nil {
			return nil, err
		}
		for _, r := range b.Results {
			if r.APIKeyID != "" {
				out[r.APIKeyID] += r.TotalInputTokens() + r.OutputTokens
			}
		}
	}
	return out, nil
}

// KeyRef names an API key.
func KeyRef(k admin.APIKey) Ref { return Ref{Kind: "api_key", ID: k.ID, Name: k.Name} }

// UserRef names a member by email.
func UserRef(u admin.User) Ref { return Ref{Kind: "user", ID: u.ID, Name: u.Email} }

// InviteRef names an invite by its email.
func InviteRef(i admin.Invite) Ref { return Ref{Kind: "invite", ID: i.ID, Name: i.Email} }

// Groups lists the organization's RBAC groups, each with its members: one
// list of groups and one of each group's members.
func (o *Org) Groups(ctx context.Context) ([]Group, error) {
	return once(o, "groups", &o.groups, func() ([]Group, error) {
		gs, err := o.Client.RBACGroups.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: pageSize}}).Collect(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]Group, len(gs))
		for i, g := range gs {
			out[i].RBACGroup = g
			for m, err := range o.Client.RBACGroups.Members.List(g.ID, admin.RBACListParams{PageCursor: admin.PageCursor{Limit: pageSize}}).All(ctx) {
				if err != nil {
					return nil, err
				}
				out[i].MemberIDs = append(out[i].MemberIDs, m.UserID)
			}
		}
		return out, nil
	})
}

// GroupsOf returns the RBAC groups userID is a member of.
func (o *Org) GroupsOf(ctx context.Context, userID string) ([]Group, error) {
	all, err := o.Groups(ctx)
	if err != nil {
		return nil, err
	}
	var out []Group
	for _, g := range all {
		if slices.Contains(g.MemberIDs, userID) {
			out = append(out, g)
		}
	}
	return out, nil
}

// ServiceAccounts lists every service account, archived ones included,
// with the OAuth options.
func (o *Org) ServiceAccounts(ctx context.Context) ([]admin.ServiceAccount, error) {
	return once(o, "service accounts", &o.accounts, func() ([]admin.ServiceAccount, error) {
		return o.Client.ServiceAccounts.List(admin.ServiceAccountListParams{PageCursor: admin.PageCursor{Limit: 100}, IncludeArchived: true}, o.OAuth...).Collect(ctx)
	})
}
