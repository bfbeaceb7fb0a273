// Package access answers "who can reach what": a member's role,
// workspaces, keys and spend limit; a workspace's members and keys with
// their creators; a key's workspace, creator, status and last use. Find
// matches a leaked key fragment against the keys' hints.
//
// Last use comes from the usage report grouped by API key, day by day,
// over Options.Window; a key with no usage in it shows none.
package access

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/workflow"
)

// Options sets the clock and how far back last use is looked for.
type Options struct {
	Now    func() time.Time // [time.Now]
	Window time.Duration    // [30 days]
	// OAuth are the options for the endpoints that take only an OAuth
	// token (a workspace's service accounts); see workflow.Org.
	OAuth []admin.Option
}

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	o.Window = cmp.Or(o.Window, 30*24*time.Hour)
	return o
}

// Key is an API key with where it lives, who made it and when it was last
// used.
type Key struct {
	ID              string             `json:"id"`
	Name            string             `json:"name"`
	Status          admin.APIKeyStatus `json:"status"`
	ExpiresAt       *time.Time         `json:"expires_at"`
	PartialKeyHint  string             `json:"partial_key_hint"`
	Workspace       workflow.Ref       `json:"workspace"`
	Creator         *workflow.Ref      `json:"creator"`
	CreatorIsMember bool               `json:"creator_is_member"`
	// LastUsed is the last day with usage within the window; nil for none.
	LastUsed *time.Time `json:"last_used"`
}

// Membership is a role in a workspace.
type Membership struct {
	Workspace workflow.Ref        `json:"workspace"`
	Role      admin.WorkspaceRole `json:"role"`
}

// UserAccess is what a member can reach.
type UserAccess struct {
	User        admin.User           `json:"user"`
	Workspaces  []Membership         `json:"workspaces"`
	Keys        []Key                `json:"keys_created"`
	SpendLimits []admin.SpendSummary `json:"spend_limits"`
	// Groups are the member's RBAC groups; nil where they were not checked.
	Groups []workflow.Ref `json:"rbac_groups"`
	Notes  []string       `json:"notes,omitempty"`
}

// Member is a workspace member by email.
type Member struct {
	User workflow.Ref        `json:"user"`
	Role admin.WorkspaceRole `json:"role"`
}

// WorkspaceAccess is who can reach a workspace.
type WorkspaceAccess struct {
	Workspace admin.Workspace `json:"workspace"`
	Members   []Member        `json:"members"`
	Keys      []Key           `json:"keys"`
	// ServiceAccounts are the workspace's service accounts; nil where they
	// were not checked (they need an OAuth token).
	ServiceAccounts []ServiceAccountMember `json:"service_accounts"`
	Notes           []string               `json:"notes,omitempty"`
}

// ServiceAccountMember is a service account's role in a workspace.
type ServiceAccountMember struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Role string `json:"role"`
}

type run struct {
	org   *workflow.Org
	opts  Options
	used  map[string]time.Time
	users map[string]admin.User
}

func start(ctx context.Context, c *admin.Client, opts Options) (*run, error) {
	r := &run{org: workflow.NewOrg(c), opts: opts.withDefaults(), users: map[string]admin.User{}}
	r.org.OAuth = opts.OAuth
	users, err := r.org.Users(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		r.users[u.ID] = u
	}
	return r, nil
}

// lastUse reads, once, the last day each key had usage in the window.
func (r *run) lastUse(ctx context.Context) (map[string]time.Time, error) {
	if r.used != nil {
		return r.used, nil
	}
	r.used = map[string]time.Time{}
	params := admin.UsageMessagesParams{StartingAt: r.opts.Now().Add(-r.opts.Window), BucketWidth: admin.BucketWidthDay,
		PageCursor: admin.PageCursor{Limit: 31}, GroupBy: []admin.UsageGroupBy{admin.UsageGroupByAPIKeyID}}
	for b, err := range r.org.Client.Usage.Messages(params).All(ctx) {
		if err != nil {
			return nil, err
		}
		for _, res := range b.Results {
			if res.APIKeyID != "" && res.TotalInputTokens()+res.OutputTokens > 0 && b.StartingAt.After(r.used[res.APIKeyID]) {
				r.used[res.APIKeyID] = b.StartingAt
			}
		}
	}
	return r.used, nil
}

func (r *run) key(ctx context.Context, k admin.APIKey) (Key, error) {
	used, err := r.lastUse(ctx)
	if err != nil {
		return Key{}, err
	}
	out := Key{ID: k.ID, Name: k.Name, Status: k.Status, ExpiresAt: k.ExpiresAt, PartialKeyHint: k.PartialKeyHint,
		Workspace: r.org.WorkspaceRef(ctx, k.WorkspaceID())}
	if k.CreatedBy != nil {
		ref := workflow.Ref{Kind: string(k.CreatedBy.Type), ID: k.CreatedBy.ID}
		if u, ok := r.users[k.CreatedBy.ID]; ok {
			ref.Name, out.CreatorIsMember = u.Email, true
		}
		out.Creator = &ref
	}
	if t, ok := used[k.ID]; ok {
		out.LastUsed = &t
	}
	return out, nil
}

func (r *run) keys(ctx context.Context, match func(admin.APIKey) bool) ([]Key, error) {
	all, err := r.org.Keys(ctx)
	if err != nil {
		return nil, err
	}
	out := []Key{}
	for _, k := range all {
		if match(k) {
			info, err := r.key(ctx, k)
			if err != nil {
				return nil, err
			}
			out = append(out, info)
		}
	}
	return out, nil
}

// User returns what a member, by ID or email, can reach.
func User(ctx context.Context, c *admin.Client, idOrEmail string, opts Options) (*UserAccess, error) {
	r, err := start(ctx, c, opts)
	if err != nil {
		return nil, err
	}
	var u *admin.User
	for _, x := range r.users {
		if x.ID == idOrEmail || strings.EqualFold(x.Email, idOrEmail) {
			u = &x
			break
		}
	}
	if u == nil {
		return nil, fmt.Errorf("access: no member %q: %w", idOrEmail, admin.ErrNotFound)
	}
	out := &UserAccess{User: *u, Workspaces: []Membership{}}
	ms, err := r.org.Memberships(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		out.Workspaces = append(out.Workspaces, Membership{Workspace: r.org.WorkspaceRef(ctx, m.WorkspaceID), Role: m.WorkspaceRole})
	}
	if out.Keys, err = r.keys(ctx, func(k admin.APIKey) bool { return k.CreatedBy != nil && k.CreatedBy.ID == u.ID }); err != nil {
		return nil, err
	}
	out.SpendLimits, err = c.SpendLimits.Effective(admin.SpendLimitEffectiveParams{UserIDs: []string{u.ID}}).Collect(ctx)
	if err != nil {
		out.Notes = append(out.Notes, "spend limits: not available here: "+err.Error())
	}
	groups, err := r.org.GroupsOf(ctx, u.ID)
	switch {
	case workflow.Unavailable(err):
		out.Notes = append(out.Notes, workflow.NotChecked("RBAC groups", err))
		return out, nil
	case err != nil:
		return nil, err
	}
	out.Groups = []workflow.Ref{}
	for _, g := range groups {
		out.Groups = append(out.Groups, workflow.Ref{Kind: "rbac_group", ID: g.ID, Name: g.Name})
	}
	return out, nil
}

// Workspace returns who can reach a workspace, by ID or name.
func Workspace(ctx context.Context, c *admin.Client, idOrName string, opts Options) (*WorkspaceAccess, error) {
	r, err := start(ctx, c, opts)
	if err != nil {
		return nil, err
	}
	all, err := r.org.Workspaces(ctx)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(all, func(w admin.Workspace) bool { return w.ID == idOrName || strings.EqualFold(w.Name, idOrName) })
	if i < 0 {
		return nil, fmt.Errorf("access: no workspace %q: %w", idOrName, admin.ErrNotFound)
	}
	w := all[i]
	out := &WorkspaceAccess{Workspace: w, Members: []Member{}}
	ms, err := r.org.Members(ctx, w.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		ref := workflow.Ref{Kind: "user", ID: m.UserID}
		if u, ok := r.users[m.UserID]; ok {
			ref.Name = u.Email
		}
		out.Members = append(out.Members, Member{User: ref, Role: m.WorkspaceRole})
	}
	if out.Keys, err = r.keys(ctx, func(k admin.APIKey) bool { return k.WorkspaceID() == w.ID }); err != nil {
		return nil, err
	}
	accounts, err := c.Workspaces.ServiceAccounts.List(w.ID, admin.ServiceAccountWorkspaceListParams{PageCursor: admin.PageCursor{Limit: 100}}, r.opts.OAuth...).Collect(ctx)
	switch {
	case workflow.Unavailable(err):
		out.Notes = append(out.Notes, workflow.NotChecked("service accounts", err))
		return out, nil
	case err != nil:
		return nil, err
	}
	names := map[string]string{}
	if len(accounts) > 0 {
		all, err := r.org.ServiceAccounts(ctx)
		if err != nil {
			return nil, err
		}
		for _, sa := range all {
			names[sa.ID] = sa.Name
		}
	}
	out.ServiceAccounts = []ServiceAccountMember{}
	for _, m := range accounts {
		out.ServiceAccounts = append(out.ServiceAccounts, ServiceAccountMember{ID: m.ServiceAccountID, Name: names[m.ServiceAccountID], Role: string(m.WorkspaceRole)})
	}
	return out, nil
}

// APIKey returns a key, by ID or exact name, with its workspace, creator
// and last use.
func APIKey(ctx context.Context, c *admin.Client, idOrName string, opts Options) (*Key, error) {
	r, err := start(ctx, c, opts)
	if err != nil {
		return nil, err
	}
	keys, err := r.keys(ctx, func(k admin.APIKey) bool { return k.ID == idOrName || k.Name == idOrName })
	if err != nil {
		return nil, err
	}
	switch len(keys) {
	case 0:
		return nil, fmt.Errorf("access: no API key %q: %w", idOrName, admin.ErrNotFound)
	case 1:
		return &keys[0], nil
	}
	return nil, fmt.Errorf("access: %d API keys are named %q; give the ID", len(keys), idOrName)
}

// Find returns the keys whose partial_key_hint matches a fragment of a
// leaked key: the hint's visible start and end must both be in it, or,
// for a short fragment, the fragment must be in the hint.
func Find(ctx context.Context, c *admin.Client, fragment string, opts Options) ([]Key, error) {
	fragment = strings.TrimSpace(fragment)
	if len(fragment) < 4 {
		return nil, fmt.Errorf("access: give at least 4 characters of the key: %w", admin.ErrInvalidParam)
	}
	r, err := start(ctx, c, opts)
	if err != nil {
		return nil, err
	}
	return r.keys(ctx, func(k admin.APIKey) bool { return HintMatches(k.PartialKeyHint, fragment) })
}

// HintMatches reports whether a key fragment fits a hint such as
// "sk-ant-api03-R2D...igAA": a whole key holds both visible parts, in
// order; a fragment of one part is found in the hint.
func HintMatches(hint, fragment string) bool {
	if hint == "" {
		return false
	}
	head, tail, elided := strings.Cut(hint, "...")
	if elided && head != "" && tail != "" && strings.HasPrefix(fragment, head) && strings.HasSuffix(fragment, tail) {
		return true
	}
	// Every key starts alike; only what follows tells keys apart.
	for _, common := range []string{"sk-ant-api03-", "sk-ant-"} {
		if rest, ok := strings.CutPrefix(fragment, common); ok {
			if len(rest) < 3 {
				return false
			}
			break
		}
	}
	return strings.Contains(hint, fragment)
}
