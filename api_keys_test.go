package admin_test

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// apiKeyJSON is the current shape: scope, principal, expires_at.
const apiKeyJSON = `{
  "id": "apikey_01Rj2N8SVvo6BePZj99NhmiT",
  "type": "api_key",
  "name": "Production ingest",
  "status": "active",
  "created_at": "2024-10-30T23:58:27.427722Z",
  "created_by": {"id": "user_01WCz1FkmYMm4gnmykNKUu3Q", "type": "user"},
  "expires_at": "2026-10-30T00:00:00Z",
  "partial_key_hint": "sk-ant-api03-R2D...igAA",
  "principal": {"type": "user_actor", "user_id": "user_01WCz1FkmYMm4gnmykNKUu3Q"},
  "scope": {"type": "workspace", "workspace_id": "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"}
}`

// checkAPIKey asserts every field of apiKeyJSON decoded.
func checkAPIKey(t *testing.T, k *admin.APIKey) {
	t.Helper()
	if k.ID != "apikey_01Rj2N8SVvo6BePZj99NhmiT" || k.Type != "api_key" || k.Name != "Production ingest" ||
		k.Status != admin.APIKeyStatusActive || k.PartialKeyHint != "sk-ant-api03-R2D...igAA" {
		t.Errorf("key = %+v", k)
	}
	if !k.CreatedAt.Equal(mustTime(t, "2024-10-30T23:58:27.427722Z")) {
		t.Errorf("CreatedAt = %v", k.CreatedAt)
	}
	if k.ExpiresAt == nil || !k.ExpiresAt.Equal(mustTime(t, "2026-10-30T00:00:00Z")) {
		t.Errorf("ExpiresAt = %v", k.ExpiresAt)
	}
	if want := (admin.APIKeyCreator{ID: "user_01WCz1FkmYMm4gnmykNKUu3Q", Type: admin.APIKeyCreatorUser}); k.CreatedBy == nil || *k.CreatedBy != want {
		t.Errorf("CreatedBy = %+v, want %+v", k.CreatedBy, want)
	}
	if want := (admin.APIKeyPrincipal{Type: admin.APIKeyPrincipalUser, UserID: "user_01WCz1FkmYMm4gnmykNKUu3Q"}); k.Principal == nil || *k.Principal != want {
		t.Errorf("Principal = %+v, want %+v", k.Principal, want)
	}
	if want := (admin.APIKeyScope{Type: admin.APIKeyScopeWorkspace, WorkspaceID: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"}); k.Scope != want {
		t.Errorf("Scope = %+v, want %+v", k.Scope, want)
	}
	if got := k.WorkspaceID(); got != "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ" {
		t.Errorf("WorkspaceID() = %q", got)
	}
	jsonEqual(t, k.RawJSON(), []byte(apiKeyJSON))
}

func TestAPIKeysList(t *testing.T) {
	// A key from a later API version: a new status, a new principal kind
	// with its own field, a new scope kind, and a field this version lacks.
	future := `{"id":"apikey_02Future","type":"api_key","name":"robot","status":"suspended","created_at":"2025-06-01T00:00:00Z",` +
		`"created_by":null,"expires_at":null,"partial_key_hint":"sk-ant-api03-abc...xyz",` +
		`"principal":{"type":"federated_actor","issuer_id":"fdis_1"},"scope":{"type":"project","project_id":"prj_1"},"labels":{"team":"ml"}}`
	robot := `{"id":"apikey_03Robot","type":"api_key","name":"CI","status":"inactive","created_at":"2025-05-01T12:00:00Z",` +
		`"created_by":{"id":"svac_01Builder","type":"service_account"},"expires_at":null,"partial_key_hint":"sk-ant-api03-Q1w...9zZ",` +
		`"principal":{"type":"service_account_actor","service_account_id":"svac_01Builder"},"scope":{"type":"organization"}}`
	api := newFakeAPI(t, reply{Body: `{"data":[` + apiKeyJSON + `,` + robot + `,` + future + `],"has_more":false,` +
		`"first_id":"apikey_01Rj2N8SVvo6BePZj99NhmiT","last_id":"apikey_02Future"}`})
	keys, err := api.client().APIKeys.List(admin.APIKeyListParams{
		Cursor:          admin.Cursor{Limit: 200},
		Status:          admin.APIKeyStatusActive,
		WorkspaceID:     "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ",
		CreatedByUserID: "user_01WCz1FkmYMm4gnmykNKUu3Q",
	}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want{Method: "GET", Path: "/v1/organizations/api_keys", Query: url.Values{
		"limit":              {"200"},
		"status":             {"active"},
		"workspace_id":       {"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"},
		"created_by_user_id": {"user_01WCz1FkmYMm4gnmykNKUu3Q"},
	}}.check(t, api.only())
	if len(keys) != 3 {
		t.Fatalf("got %d keys, want 3", len(keys))
	}
	checkAPIKey(t, &keys[0])

	r := keys[1]
	if r.Status != admin.APIKeyStatusInactive || r.ExpiresAt != nil ||
		r.CreatedBy == nil || *r.CreatedBy != (admin.APIKeyCreator{ID: "svac_01Builder", Type: admin.APIKeyCreatorServiceAccount}) {
		t.Errorf("service-account key = %+v", r)
	}
	if r.Principal == nil || *r.Principal != (admin.APIKeyPrincipal{Type: admin.APIKeyPrincipalServiceAccount, ServiceAccountID: "svac_01Builder"}) {
		t.Errorf("Principal = %+v", r.Principal)
	}
	if r.Scope != (admin.APIKeyScope{Type: admin.APIKeyScopeOrganization}) || r.WorkspaceID() != "" {
		t.Errorf("Scope = %+v, WorkspaceID %q", r.Scope, r.WorkspaceID())
	}

	f := keys[2]
	if f.Status != "suspended" || f.CreatedBy != nil || f.ExpiresAt != nil {
		t.Errorf("future key: status %q, CreatedBy %v, ExpiresAt %v", f.Status, f.CreatedBy, f.ExpiresAt)
	}
	if f.Principal == nil || *f.Principal != (admin.APIKeyPrincipal{Type: "federated_actor"}) {
		t.Errorf("unknown principal decoded as %+v", f.Principal)
	}
	if f.Scope != (admin.APIKeyScope{Type: "project"}) || f.WorkspaceID() != "" {
		t.Errorf("unknown scope decoded as %+v, WorkspaceID %q", f.Scope, f.WorkspaceID())
	}
	for _, field := range []string{`"issuer_id":"fdis_1"`, `"project_id":"prj_1"`, `"labels":{"team":"ml"}`} {
		if got := string(f.RawJSON()); !contains(got, field) {
			t.Errorf("RawJSON lost %s: %s", field, got)
		}
	}
}

func TestAPIKeysListWalksBackwards(t *testing.T) {
	api := newFakeAPI(t,
		reply{Body: `{"data":[` + apiKeyJSON + `],"has_more":true,"first_id":"apikey_01Rj2N8SVvo6BePZj99NhmiT","last_id":"apikey_01Rj2N8SVvo6BePZj99NhmiT"}`},
		reply{Body: `{"data":[],"has_more":false,"first_id":null,"last_id":null}`},
	)
	keys, err := api.client().APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{BeforeID: "apikey_09Newest", Limit: 1}}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0].ID != "apikey_01Rj2N8SVvo6BePZj99NhmiT" {
		t.Errorf("keys = %+v", keys)
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("server got %d requests, want 2", len(reqs))
	}
	want{Method: "GET", Path: "/v1/organizations/api_keys", Query: url.Values{"limit": {"1"}, "before_id": {"apikey_09Newest"}}}.check(t, reqs[0])
	want{Method: "GET", Path: "/v1/organizations/api_keys", Query: url.Values{"limit": {"1"}, "before_id": {"apikey_01Rj2N8SVvo6BePZj99NhmiT"}}}.check(t, reqs[1])
}

// Older documents carry a top-level workspace_id instead of scope; both
// shapes must give the same Scope and WorkspaceID.
func TestAPIKeyScopeShapes(t *testing.T) {
	const base = `"id":"apikey_01Rj2N8SVvo6BePZj99NhmiT","type":"api_key","name":"k","status":"active",` +
		`"created_at":"2024-10-30T23:58:27Z","created_by":{"id":"user_1","type":"user"},"partial_key_hint":"sk-ant-api03-R2D...igAA"`
	tests := []struct {
		name      string
		doc       string
		scope     admin.APIKeyScope
		workspace string
	}{
		{
			name:      "current workspace scope",
			doc:       `{` + base + `,"expires_at":null,"principal":null,"scope":{"type":"workspace","workspace_id":"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"}}`,
			scope:     admin.APIKeyScope{Type: admin.APIKeyScopeWorkspace, WorkspaceID: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"},
			workspace: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ",
		},
		{
			name:  "current organization scope",
			doc:   `{` + base + `,"expires_at":null,"principal":null,"scope":{"type":"organization"}}`,
			scope: admin.APIKeyScope{Type: admin.APIKeyScopeOrganization},
		},
		{
			name:      "older shape with a workspace",
			doc:       `{` + base + `,"workspace_id":"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"}`,
			scope:     admin.APIKeyScope{Type: admin.APIKeyScopeWorkspace, WorkspaceID: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"},
			workspace: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ",
		},
		{
			// null was the default workspace, which had no ID then: the
			// scope stays zero, which no current document produces.
			name:  "older shape with null workspace",
			doc:   `{` + base + `,"workspace_id":null}`,
			scope: admin.APIKeyScope{},
		},
		{
			name:      "scope wins over a stray workspace_id",
			doc:       `{` + base + `,"workspace_id":"wrkspc_old","scope":{"type":"workspace","workspace_id":"wrkspc_new"}}`,
			scope:     admin.APIKeyScope{Type: admin.APIKeyScopeWorkspace, WorkspaceID: "wrkspc_new"},
			workspace: "wrkspc_new",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var k admin.APIKey
			if err := json.Unmarshal([]byte(tt.doc), &k); err != nil {
				t.Fatal(err)
			}
			if k.Scope != tt.scope {
				t.Errorf("Scope = %+v, want %+v", k.Scope, tt.scope)
			}
			if got := k.WorkspaceID(); got != tt.workspace {
				t.Errorf("WorkspaceID() = %q, want %q", got, tt.workspace)
			}
			if k.ID != "apikey_01Rj2N8SVvo6BePZj99NhmiT" || k.CreatedBy == nil || k.CreatedBy.ID != "user_1" {
				t.Errorf("other fields: %+v", k)
			}
			jsonEqual(t, k.RawJSON(), []byte(tt.doc))
		})
	}
}

func TestAPIKeysGetUpdate(t *testing.T) {
	tests := []struct {
		name string
		call func(*admin.Client) (*admin.APIKey, error)
		want want
	}{
		{
			name: "get",
			call: func(c *admin.Client) (*admin.APIKey, error) {
				return c.APIKeys.Get(context.Background(), "apikey_01Rj2N8SVvo6BePZj99NhmiT")
			},
			want: want{Method: "GET", Path: "/v1/organizations/api_keys/apikey_01Rj2N8SVvo6BePZj99NhmiT"},
		},
		{
			name: "rename",
			call: func(c *admin.Client) (*admin.APIKey, error) {
				return c.APIKeys.Update(context.Background(), "apikey_01Rj2N8SVvo6BePZj99NhmiT", admin.APIKeyUpdateParams{Name: admin.Set("Production ingest")})
			},
			want: want{Method: "POST", Path: "/v1/organizations/api_keys/apikey_01Rj2N8SVvo6BePZj99NhmiT", Body: `{"name":"Production ingest"}`},
		},
		{
			name: "deactivate",
			call: func(c *admin.Client) (*admin.APIKey, error) {
				return c.APIKeys.Update(context.Background(), "apikey_01Rj2N8SVvo6BePZj99NhmiT", admin.APIKeyUpdateParams{Status: admin.Set(admin.APIKeyStatusInactive)})
			},
			want: want{Method: "POST", Path: "/v1/organizations/api_keys/apikey_01Rj2N8SVvo6BePZj99NhmiT", Body: `{"status":"inactive"}`},
		},
		{
			name: "rename and archive",
			call: func(c *admin.Client) (*admin.APIKey, error) {
				return c.APIKeys.Update(context.Background(), "apikey_01Rj2N8SVvo6BePZj99NhmiT",
					admin.APIKeyUpdateParams{Name: admin.Set("Production ingest"), Status: admin.Set(admin.APIKeyStatusArchived)})
			},
			want: want{Method: "POST", Path: "/v1/organizations/api_keys/apikey_01Rj2N8SVvo6BePZj99NhmiT",
				Body: `{"name":"Production ingest","status":"archived"}`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Body: apiKeyJSON})
			got, err := tt.call(api.client())
			if err != nil {
				t.Fatal(err)
			}
			tt.want.check(t, api.only())
			checkAPIKey(t, got)
		})
	}
}

func TestAPIKeysBadInputSendsNothing(t *testing.T) {
	api := newFakeAPI(t)
	c := api.client()
	ctx := context.Background()
	update := func(p admin.APIKeyUpdateParams) func() error {
		return func() error { _, err := c.APIKeys.Update(ctx, "apikey_1", p); return err }
	}
	tests := []refusal{
		{"get empty ID", func() error { _, err := c.APIKeys.Get(ctx, ""); return err }},
		{"get ID with slash", func() error { _, err := c.APIKeys.Get(ctx, "apikey_1/../../users"); return err }},
		{"update empty ID", func() error {
			_, err := c.APIKeys.Update(ctx, "", admin.APIKeyUpdateParams{Name: admin.Set("x")})
			return err
		}},
		{"update with nothing", update(admin.APIKeyUpdateParams{})},
		{"update with a blank name", update(admin.APIKeyUpdateParams{Name: admin.Set("   ")})},
		{"update to expired", update(admin.APIKeyUpdateParams{Status: admin.Set(admin.APIKeyStatusExpired)})},
		{"update name and expired", update(admin.APIKeyUpdateParams{Name: admin.Set("x"), Status: admin.Set(admin.APIKeyStatusExpired)})},
		{"update clearing the name", update(admin.APIKeyUpdateParams{Name: admin.Clear[string]()})},
		{"update clearing the status", update(admin.APIKeyUpdateParams{Status: admin.Clear[admin.APIKeyStatus]()})},
		{"update to an empty status", update(admin.APIKeyUpdateParams{Name: admin.Set("x"), Status: admin.Set(admin.APIKeyStatus(""))})},
		{"list limit too big", func() error {
			_, err := c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 1001}}).Page(ctx)
			return err
		}},
		{"list negative limit", func() error {
			_, err := c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: -5}}).Page(ctx)
			return err
		}},
		{"list both cursors", func() error {
			_, err := c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{AfterID: "a", BeforeID: "b"}}).Page(ctx)
			return err
		}},
	}
	checkRefusals(t, api, tests)
}
