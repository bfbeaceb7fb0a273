package cli

import (
	"context"

	"github.com/anthropic-admin-go/admin"
)

// names puts names beside IDs: workspaces and users are each listed once per
// run, on first need, and looked up from then on.
type names struct {
	client     *admin.Client
	workspaces map[string]string
	users      map[string]string // user ID → email
	keys       map[string]string // API key ID → name
}

// defaultWorkspaceName is what the commands call the default workspace,
// which the reports leave without ID.
const defaultWorkspaceName = "Default"

// workspace returns the workspace's name, "Default" for the empty ID the
// reports use for the default workspace, or the ID when unknown.
func (n *names) workspace(ctx context.Context, id string) string {
	if n.workspaces == nil {
		n.workspaces = map[string]string{}
		for w, err := range n.client.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1000}, IncludeArchived: true, IncludeDefault: true}).All(ctx) {
			if err != nil {
				break // names are a nicety: fall back to IDs
			}
			n.workspaces[w.ID] = w.Name
		}
	}
	if id == "" {
		return defaultWorkspaceName
	}
	if name, ok := n.workspaces[id]; ok {
		return name
	}
	return id
}

// user returns the member's email, or the ID when unknown.
func (n *names) user(ctx context.Context, id string) string {
	if id == "" {
		return "-"
	}
	if n.users == nil {
		n.users = map[string]string{}
		for u, err := range n.client.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1000}}).All(ctx) {
			if err != nil {
				break
			}
			n.users[u.ID] = u.Email
		}
	}
	if email, ok := n.users[id]; ok {
		return email
	}
	return id
}

// apiKey returns the key's name, or the ID when unknown.
func (n *names) apiKey(ctx context.Context, id string) string {
	if n.keys == nil {
		n.keys = map[string]string{}
		for k, err := range n.client.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 1000}}).All(ctx) {
			if err != nil {
				break // names are a nicety: fall back to IDs
			}
			n.keys[k.ID] = k.Name
		}
	}
	if name, ok := n.keys[id]; ok && name != "" {
		return name
	}
	return id
}
