package admintest

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// refresh marks a key whose time has passed as expired.
func (k *apiKey) refresh(now time.Time) {
	if k.ExpiresAt != nil && k.Status == "active" && now.After(time.Time(*k.ExpiresAt)) {
		k.Status = "expired"
	}
}

func listAPIKeys(c *call) (any, *apiError) {
	status, ws, creator := c.q.Get("status"), c.q.Get("workspace_id"), c.q.Get("created_by_user_id")
	if status != "" && !slices.Contains([]string{"active", "inactive", "archived", "expired"}, status) {
		return nil, errInvalid("status: %q is not one of active, inactive, archived, expired", status)
	}
	var matched []*apiKey
	for _, k := range c.st.keys {
		k.refresh(c.now)
		if (status == "" || k.Status == status) && (ws == "" || k.Scope.WorkspaceID == ws) &&
			(creator == "" || (k.CreatedBy != nil && k.CreatedBy.ID == creator)) {
			matched = append(matched, k)
		}
	}
	return idPage(matched, func(k *apiKey) string { return k.ID }, c.q)
}

func (c *call) apiKeyFromPath() (*apiKey, *apiError) {
	id := c.path("api_key_id")
	k := find(c.st.keys, func(k *apiKey) bool { return k.ID == id })
	if k == nil {
		return nil, errNotFound("API key %q not found", id)
	}
	k.refresh(c.now)
	return k, nil
}

func getAPIKey(c *call) (any, *apiError) { return c.apiKeyFromPath() }

func updateAPIKey(c *call) (any, *apiError) {
	k, err := c.apiKeyFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		Name   sent[string] `json:"name"`
		Status sent[string] `json:"status"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if err := cmp.Or(notNull("name", body.Name), notNull("status", body.Status)); err != nil {
		return nil, err
	}
	if body.Name.given && (strings.TrimSpace(body.Name.v) == "" || len(body.Name.v) > 500) {
		return nil, errInvalid("name: must be between 1 and 500 characters")
	}
	if body.Status.given && !slices.Contains([]string{"active", "inactive", "archived"}, body.Status.v) {
		return nil, errInvalid("status: %q is not one of active, inactive, archived", body.Status.v)
	}
	switch {
	case k.Status == "archived":
		return nil, errInvalid("API key %s is archived and cannot be changed", k.ID)
	case k.Status == "expired" && body.Status.v == "active":
		return nil, errInvalid("API key %s has expired and cannot be made active", k.ID)
	}
	if w := c.st.workspace(k.Scope.WorkspaceID); w != nil && w.ArchivedAt != nil {
		return nil, errInvalid("API key %s belongs to archived workspace %s", k.ID, w.ID)
	}
	if body.Name.given {
		k.Name = body.Name.v
	}
	if body.Status.given {
		k.Status = body.Status.v
	}
	return k, nil
}
