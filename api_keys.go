package admin

import (
	"cmp"
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"time"
)

// APIKeyStatus is an API key's state. The API may add states; unknown values
// decode as they are.
type APIKeyStatus string

const (
	APIKeyStatusActive   APIKeyStatus = "active"
	APIKeyStatusInactive APIKeyStatus = "inactive"
	APIKeyStatusArchived APIKeyStatus = "archived"
	// APIKeyStatusExpired is reached by time alone; it cannot be set.
	APIKeyStatusExpired APIKeyStatus = "expired"
)

// APIKeyCreatorType says what kind of actor created an API key.
type APIKeyCreatorType string

const (
	APIKeyCreatorUser           APIKeyCreatorType = "user"
	APIKeyCreatorServiceAccount APIKeyCreatorType = "service_account"
)

// APIKeyCreator is the actor that created an API key.
type APIKeyCreator struct {
	ID   string            `json:"id"`
	Type APIKeyCreatorType `json:"type"`
}

// APIKeyPrincipalType says what an API key acts as.
type APIKeyPrincipalType string

const (
	APIKeyPrincipalUser           APIKeyPrincipalType = "user_actor"
	APIKeyPrincipalServiceAccount APIKeyPrincipalType = "service_account_actor"
)

// APIKeyPrincipal is the user or service account an API key acts as. The
// wire form is a union on Type; one flat struct holds every variant, so a
// variant this version does not know still decodes (its other fields are in
// the key's RawJSON).
type APIKeyPrincipal struct {
	Type             APIKeyPrincipalType `json:"type"`
	UserID           string              `json:"user_id,omitempty"`            // Type user_actor
	ServiceAccountID string              `json:"service_account_id,omitempty"` // Type service_account_actor
}

// APIKeyScopeType says where an API key belongs.
type APIKeyScopeType string

const (
	APIKeyScopeWorkspace    APIKeyScopeType = "workspace"
	APIKeyScopeOrganization APIKeyScopeType = "organization"
)

// APIKeyScope is where an API key belongs: a workspace (WorkspaceID set, the
// default workspace included) or the whole organization.
//
// A zero APIKeyScope (Type "") means the server did not say where the key
// belongs. Older documents have no scope but a top-level workspace_id; there
// null stood for the default workspace, back when it had no ID, and such a
// key decodes with a zero scope (never as organization-wide). The key's
// RawJSON still holds the null.
type APIKeyScope struct {
	Type        APIKeyScopeType `json:"type"`
	WorkspaceID string          `json:"workspace_id,omitempty"` // Type workspace
}

// APIKey is an API key of the organization. The secret itself is never
// returned, only a hint.
type APIKey struct {
	ID             string           `json:"id"`
	Type           string           `json:"type"`
	Name           string           `json:"name"`
	Status         APIKeyStatus     `json:"status"`
	CreatedAt      time.Time        `json:"created_at"`
	CreatedBy      *APIKeyCreator   `json:"created_by"` // nil when the creator was not recorded
	ExpiresAt      *time.Time       `json:"expires_at"` // nil for a key that never expires
	PartialKeyHint string           `json:"partial_key_hint"`
	Principal      *APIKeyPrincipal `json:"principal"` // nil for a key bound to no principal
	Scope          APIKeyScope      `json:"scope"`
	raw
}

func (k *APIKey) UnmarshalJSON(data []byte) error {
	type plain APIKey
	if err := decodeKeepingRaw(data, (*plain)(k), &k.raw); err != nil {
		return err
	}
	if k.Scope.Type != "" {
		return nil
	}
	// The older shape: a top-level workspace_id, string or null.
	var old struct {
		WorkspaceID *string `json:"workspace_id"`
	}
	if err := json.Unmarshal(data, &old); err != nil {
		return err
	}
	if old.WorkspaceID != nil {
		k.Scope = APIKeyScope{Type: APIKeyScopeWorkspace, WorkspaceID: *old.WorkspaceID}
	}
	return nil
}

// WorkspaceID returns the ID of the workspace the key belongs to, whichever
// shape the server sent; "" for an organization-wide key or when the server
// did not name the workspace.
func (k APIKey) WorkspaceID() string { return k.Scope.WorkspaceID }

// APIKeyListParams filters and pages APIKeys.List.
type APIKeyListParams struct {
	Cursor
	Status          APIKeyStatus
	WorkspaceID     string
	CreatedByUserID string
}

// APIKeyUpdateParams is the body of APIKeys.Update. Set Name, Status or both;
// neither can be cleared.
type APIKeyUpdateParams struct {
	Name   Optional[string]       `json:"name,omitzero"`
	Status Optional[APIKeyStatus] `json:"status,omitzero"` // active, inactive or archived
}

// check refuses an update that changes nothing or asks for what cannot be set.
func (p APIKeyUpdateParams) check() error {
	if p.Name.IsZero() && p.Status.IsZero() {
		return invalidParam("an API key update needs a name, a status or both")
	}
	if err := cmp.Or(noClear("name", p.Name, "an API key always has one"), noClear("status", p.Status, "an API key always has one")); err != nil {
		return err
	}
	if name, ok := p.Name.Get(); ok && strings.TrimSpace(name) == "" {
		return paramErr("name", "must not be blank")
	}
	switch status, _ := p.Status.Get(); status {
	case APIKeyStatusExpired:
		return paramErr("status", "%q cannot be set: keys expire by time", status)
	case "":
		if p.Status.IsSet() {
			return paramErr("status", "is set to \"\"")
		}
	}
	return nil
}

// APIKeysService reads and manages the organization's API keys. Keys are
// created in the Console, not through the API.
type APIKeysService struct{ client *Client }

// List lists the organization's API keys.
func (s *APIKeysService) List(params APIKeyListParams, opts ...Option) *List[APIKey] {
	q, err := params.Cursor.query()
	if err != nil {
		return failedList[APIKey](err)
	}
	q.str("status", string(params.Status))
	q.str("workspace_id", params.WorkspaceID)
	q.str("created_by_user_id", params.CreatedByUserID)
	return newList[APIKey](s.client, "/v1/organizations/api_keys", url.Values(q), idCursor, opts)
}

// Get returns one API key.
func (s *APIKeysService) Get(ctx context.Context, apiKeyID string, opts ...Option) (*APIKey, error) {
	return call[APIKey](ctx, s.client, "GET", "/v1/organizations/api_keys/{api_key_id}", []string{apiKeyID}, nil, opts)
}

// Update renames an API key or changes its status.
func (s *APIKeysService) Update(ctx context.Context, apiKeyID string, params APIKeyUpdateParams, opts ...Option) (*APIKey, error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	return call[APIKey](ctx, s.client, "POST", "/v1/organizations/api_keys/{api_key_id}", []string{apiKeyID}, params, opts)
}
