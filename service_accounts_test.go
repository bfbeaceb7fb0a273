package admin_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// The refusal of an admin key by an OAuth-only endpoint, as the API words
// it: a 403 permission_error with no error code.
const adminKeyRefusal = `{"type":"error","error":{"type":"permission_error","message":"This endpoint requires an OAuth access token with the org:admin scope; Admin API keys are not accepted."},"request_id":"req_01"}`

// TestErrOAuthRequired: ErrOAuthRequired comes from the server's refusal of
// an admin key on an OAuth-only endpoint, after the request went out, and
// from nothing else: not another 403, not a 403 elsewhere, not a refused
// OAuth token.
func TestErrOAuthRequired(t *testing.T) {
	ctx := context.Background()
	listSAs := func(c *admin.Client) error {
		_, err := c.ServiceAccounts.List(admin.ServiceAccountListParams{}).Page(ctx)
		return err
	}
	tests := []struct {
		name   string
		status int
		body   string
		opts   []admin.Option
		call   func(*admin.Client) error
		want   bool
	}{
		{"403 to an admin key", 403, adminKeyRefusal, nil, listSAs, true},
		{"401 to an admin key", 401, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`, nil, listSAs, true},
		{"403 to an admin key sent as a bearer", 403, adminKeyRefusal, []admin.Option{admin.WithAuthToken(testKey)}, listSAs, true},
		{"403 to an admin key, federation", 403, adminKeyRefusal, nil, func(c *admin.Client) error {
			_, err := c.Federation.Rules.Get(ctx, "fdrl_01")
			return err
		}, true},
		{"403 with an error code of its own", 403,
			`{"type":"error","error":{"type":"permission_error","message":"sandboxed","details":{"error_code":"sandbox_egress_restricted"}}}`, nil, listSAs, false},
		{"403 to an OAuth token", 403, adminKeyRefusal, []admin.Option{admin.WithAuthToken("sk-ant-oat01-token")}, listSAs, false},
		{"403 on an endpoint that takes admin keys", 403, adminKeyRefusal, nil, func(c *admin.Client) error {
			_, err := c.Users.Get(ctx, "user_01")
			return err
		}, false},
		{"404 to an admin key", 404, `{"type":"error","error":{"type":"not_found_error","message":"no"}}`, nil, listSAs, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Status: tt.status, Body: tt.body})
			err := tt.call(api.client(append([]admin.Option{admin.WithMaxRetries(0)}, tt.opts...)...))
			var apiErr *admin.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
				t.Fatalf("err = %v, want the server's %d", err, tt.status)
			}
			api.only() // decided from the answer: the request was sent
			if got := errors.Is(err, admin.ErrOAuthRequired); got != tt.want {
				t.Errorf("errors.Is(err, ErrOAuthRequired) = %v, want %v: %v", got, tt.want, err)
			}
			if says := strings.HasSuffix(err.Error(), "; "+admin.ErrOAuthRequired.Error()); says != tt.want {
				t.Errorf("error text ends saying an OAuth token is needed: %v, want %v: %v", says, tt.want, err)
			}
		})
	}
}

// TestErrOAuthRequiredFromTheFake: the fake refuses the admin key on every
// OAuth-only endpoint the way the API does, however the key is sent, and
// takes its OAuth token.
func TestErrOAuthRequiredFromTheFake(t *testing.T) {
	srv, c := newDemoFake(t)
	ctx := context.Background()
	_, err := c.ServiceAccounts.Create(ctx, admin.ServiceAccountCreateParams{Name: "ci-release"})
	var apiErr *admin.APIError
	if !errors.Is(err, admin.ErrOAuthRequired) || !errors.Is(err, admin.ErrPermission) || !errors.As(err, &apiErr) || apiErr.Type != admin.ErrorTypePermission {
		t.Fatalf("admin key: err = %v, want a 403 permission_error matching ErrOAuthRequired", err)
	}
	asBearer := srv.Client(admin.WithAuthToken(srv.AdminKey()))
	if _, err := asBearer.Federation.Issuers.List(admin.FederationIssuerListParams{}).Page(ctx); !errors.Is(err, admin.ErrOAuthRequired) {
		t.Errorf("admin key as a bearer: err = %v, want ErrOAuthRequired", err)
	}
	if _, err := c.Users.List(admin.UserListParams{}).Page(ctx); err != nil {
		t.Errorf("the admin key still works elsewhere: %v", err)
	}
	if _, err := srv.OAuthClient().ServiceAccounts.Create(ctx, admin.ServiceAccountCreateParams{Name: "ci-release"}); err != nil {
		t.Errorf("OAuth token: %v", err)
	}
}

// TestServiceAccountInputRefused: input the API would refuse fails before
// anything is sent.
func TestServiceAccountInputRefused(t *testing.T) {
	ctx := context.Background()
	prefix := "*"
	tests := []struct {
		name  string
		param string
		call  func(c *admin.Client) error
	}{
		{"empty name", "name", func(c *admin.Client) error {
			_, err := c.ServiceAccounts.Create(ctx, admin.ServiceAccountCreateParams{})
			return err
		}},
		{"name not a slug", "name", func(c *admin.Client) error {
			_, err := c.ServiceAccounts.Create(ctx, admin.ServiceAccountCreateParams{Name: "CI Deploy"})
			return err
		}},
		{"role cleared", "organization_role", func(c *admin.Client) error {
			_, err := c.ServiceAccounts.Update(ctx, "svac_01", admin.ServiceAccountUpdateParams{OrganizationRole: admin.Clear[admin.ServiceAccountRole]()})
			return err
		}},
		{"empty ID", "service_account_id", func(c *admin.Client) error {
			_, err := c.ServiceAccounts.Archive(ctx, "")
			return err
		}},
		{"list limit over 100", "limit", func(c *admin.Client) error {
			_, err := c.ServiceAccounts.List(admin.ServiceAccountListParams{PageCursor: admin.PageCursor{Limit: 101}}).Page(ctx)
			return err
		}},
		{"billing role", "workspace_role", func(c *admin.Client) error {
			_, err := c.Workspaces.ServiceAccounts.Add(ctx, "wrkspc_01", admin.WorkspaceServiceAccountAddParams{ServiceAccountID: "svac_01", WorkspaceRole: admin.WorkspaceRoleBilling})
			return err
		}},
		{"no role", "workspace_role", func(c *admin.Client) error {
			_, err := c.ServiceAccounts.Workspaces.Add(ctx, "svac_01", admin.ServiceAccountWorkspaceAddParams{WorkspaceID: "wrkspc_01"})
			return err
		}},
		{"no workspace", "workspace_id", func(c *admin.Client) error {
			_, err := c.ServiceAccounts.Workspaces.Add(ctx, "svac_01", admin.ServiceAccountWorkspaceAddParams{WorkspaceRole: admin.WorkspaceRoleUser})
			return err
		}},
		{"ID with a slash in a ref", "service_account_id", func(c *admin.Client) error {
			_, err := c.ServiceAccounts.Workspaces.Remove(ctx, admin.ServiceAccountWorkspaceRef{WorkspaceID: "wrkspc_01", ServiceAccountID: "svac/01"})
			return err
		}},
		{"http issuer", "issuer_url", func(c *admin.Client) error {
			_, err := c.Federation.Issuers.Create(ctx, admin.FederationIssuerCreateParams{Name: "ci", IssuerURL: "http://ci.example"})
			return err
		}},
		{"inline JWKS without keys", "jwks.keys", func(c *admin.Client) error {
			_, err := c.Federation.Issuers.Create(ctx, admin.FederationIssuerCreateParams{Name: "ci", IssuerURL: "https://ci.example", JWKS: &admin.JWKS{Type: admin.JWKSInline}})
			return err
		}},
		{"JWT lifetime over 49h", "max_jwt_lifetime_seconds", func(c *admin.Client) error {
			_, err := c.Federation.Issuers.Update(ctx, "fdis_01", admin.FederationIssuerUpdateParams{MaxJWTLifetimeSeconds: admin.Set(int64(176401))})
			return err
		}},
		{"polling turned off", "jwks_polling_disabled", func(c *admin.Client) error {
			_, err := c.Federation.Issuers.Update(ctx, "fdis_01", admin.FederationIssuerUpdateParams{JWKSPollingDisabled: admin.Set(true)})
			return err
		}},
		{"match on a wildcard only", "match", func(c *admin.Client) error {
			_, err := c.Federation.Rules.Create(ctx, admin.FederationRuleCreateParams{Name: "r", IssuerID: "fdis_01", OAuthScope: "workspace:inference",
				Match: admin.FederationRuleMatch{SubjectPrefix: &prefix}, Target: admin.FederationRuleTarget{ServiceAccountID: "svac_01"}})
			return err
		}},
		{"rule without a target", "target.service_account_id", func(c *admin.Client) error {
			sub := "repo:acme/x"
			_, err := c.Federation.Rules.Create(ctx, admin.FederationRuleCreateParams{Name: "r", IssuerID: "fdis_01", OAuthScope: "workspace:inference",
				Match: admin.FederationRuleMatch{SubjectPrefix: &sub}})
			return err
		}},
		{"token lifetime under a minute", "token_lifetime_seconds", func(c *admin.Client) error {
			_, err := c.Federation.Rules.Update(ctx, "fdrl_01", admin.FederationRuleUpdateParams{TokenLifetimeSeconds: admin.Set(int64(59))})
			return err
		}},
		{"rule workspace ref without a rule", "federation_rule_id", func(c *admin.Client) error {
			_, err := c.Federation.Rules.Workspaces.Remove(ctx, admin.FederationRuleWorkspaceRef{WorkspaceID: "wrkspc_01"})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t)
			err := tt.call(api.client())
			var pe *admin.ParamError
			if !errors.As(err, &pe) || !errors.Is(err, admin.ErrInvalidParam) || pe.Param != tt.param {
				t.Errorf("err = %v, want a ParamError for %s", err, tt.param)
			}
			if n := len(api.requests()); n != 0 {
				t.Errorf("sent %d requests", n)
			}
		})
	}
}

// TestServiceAccountRequests: what goes on the wire for the calls whose
// bodies have choices: an update sends only what it changes (a cleared
// description as null), a target's type is filled in and its read-only
// name left out.
func TestServiceAccountRequests(t *testing.T) {
	ctx := context.Background()
	sub := "repo:acme/x:ref:refs/heads/main"
	name := "stale"
	tests := []struct {
		name  string
		reply string
		call  func(c *admin.Client) error
		want  want
	}{
		{"update clears the description", `{"id":"svac_01"}`, func(c *admin.Client) error {
			_, err := c.ServiceAccounts.Update(ctx, "svac_01", admin.ServiceAccountUpdateParams{Description: admin.Clear[string]()})
			return err
		}, want{Method: "POST", Path: "/v1/organizations/service_accounts/svac_01", Body: `{"description":null}`}},
		{"list with archived", `{"data":[],"next_page":null}`, func(c *admin.Client) error {
			_, err := c.ServiceAccounts.List(admin.ServiceAccountListParams{IncludeArchived: true, PageCursor: admin.PageCursor{Limit: 100}}).Collect(ctx)
			return err
		}, want{Method: "GET", Path: "/v1/organizations/service_accounts", Query: url.Values{"include_archived": {"true"}, "limit": {"100"}}}},
		{"removal from the account's side", `{"type":"service_account_workspace_member_deleted"}`, func(c *admin.Client) error {
			_, err := c.ServiceAccounts.Workspaces.Remove(ctx, admin.ServiceAccountWorkspaceRef{WorkspaceID: "wrkspc_01", ServiceAccountID: "svac_01"})
			return err
		}, want{Method: "DELETE", Path: "/v1/organizations/service_accounts/svac_01/workspaces/wrkspc_01"}},
		{"rule target", `{"id":"fdrl_01"}`, func(c *admin.Client) error {
			_, err := c.Federation.Rules.Create(ctx, admin.FederationRuleCreateParams{Name: "deploy", IssuerID: "fdis_01", OAuthScope: "workspace:developer",
				Match: admin.FederationRuleMatch{SubjectPrefix: &sub}, Target: admin.FederationRuleTarget{ServiceAccountID: "svac_01", ServiceAccountName: &name}})
			return err
		}, want{Method: "POST", Path: "/v1/organizations/federation_rules",
			Body: `{"name":"deploy","issuer_id":"fdis_01","match":{"subject_prefix":"repo:acme/x:ref:refs/heads/main"},` +
				`"target":{"type":"service_account","service_account_id":"svac_01"},"oauth_scope":"workspace:developer"}`}},
		{"issuer update", `{"id":"fdis_01"}`, func(c *admin.Client) error {
			_, err := c.Federation.Issuers.Update(ctx, "fdis_01", admin.FederationIssuerUpdateParams{
				JWKS: admin.Set(admin.JWKS{Type: admin.JWKSExplicitURL, URL: "https://ci.example/keys"}), JWKSPollingDisabled: admin.Set(false)})
			return err
		}, want{Method: "POST", Path: "/v1/organizations/federation_issuers/fdis_01",
			Body: `{"jwks":{"type":"explicit_url","url":"https://ci.example/keys"},"jwks_polling_disabled":false}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Body: tt.reply})
			if err := tt.call(api.client()); err != nil {
				t.Fatal(err)
			}
			tt.want.check(t, api.only())
		})
	}
}

// TestFakeServiceAccounts walks a service account's life on the fake:
// create, read, change, list page by page, join and leave workspaces from
// both sides (the implicit default membership comes and goes), archive,
// and the refusals on the way.
func TestFakeServiceAccounts(t *testing.T) {
	srv, admins := newDemoFake(t)
	c := srv.OAuthClient()
	ctx := context.Background()
	ids := demoIDs(t, admins)
	apiStatus := func(err error) int {
		var apiErr *admin.APIError
		if errors.As(err, &apiErr) {
			return apiErr.StatusCode
		}
		t.Fatalf("err = %v, want an API error", err)
		return 0
	}

	sa, err := c.ServiceAccounts.Create(ctx, admin.ServiceAccountCreateParams{Name: "release-bot", Description: "Tags releases"})
	if err != nil || !strings.HasPrefix(sa.ID, "svac_") || sa.OrganizationRole != admin.ServiceAccountRoleDeveloper || sa.ArchivedAt != nil ||
		sa.CreatedByActorID == "" || !sa.CreatedAt.Equal(fakeNow) {
		t.Fatalf("create: %+v, %v", sa, err)
	}
	if _, err := c.ServiceAccounts.Create(ctx, admin.ServiceAccountCreateParams{Name: "release-bot"}); apiStatus(err) != http.StatusConflict {
		t.Errorf("duplicate name: %v, want 409", err)
	}
	got, err := c.ServiceAccounts.Get(ctx, sa.ID)
	if err != nil || got.Name != "release-bot" || got.Description != "Tags releases" {
		t.Fatalf("get: %+v, %v", got, err)
	}
	upd, err := c.ServiceAccounts.Update(ctx, sa.ID, admin.ServiceAccountUpdateParams{Description: admin.Clear[string](), OrganizationRole: admin.Set(admin.ServiceAccountRoleAdmin)})
	if err != nil || upd.Description != "" || upd.OrganizationRole != admin.ServiceAccountRoleAdmin {
		t.Fatalf("update: %+v, %v", upd, err)
	}

	var names []string
	pages := 0
	for page, err := range c.ServiceAccounts.List(admin.ServiceAccountListParams{PageCursor: admin.PageCursor{Limit: 2}}).Pages(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, a := range page.Data {
			names = append(names, a.Name)
		}
	}
	// The demo's five active accounts and the new one; legacy-batch is archived.
	if want := "ci-deploy etl-nightly support-triage platform-terraform federated-sync release-bot"; strings.Join(names, " ") != want || pages != 3 {
		t.Errorf("list: %d pages of %v, want 3 of %s", pages, names, want)
	}
	all, err := c.ServiceAccounts.List(admin.ServiceAccountListParams{IncludeArchived: true}).Collect(ctx)
	if err != nil || len(all) != 7 {
		t.Errorf("list with archived: %d, %v", len(all), err)
	}

	// No workspace of its own yet: implicitly in the default one.
	implicit, err := c.ServiceAccounts.Workspaces.List(sa.ID, admin.ServiceAccountWorkspaceListParams{}).Collect(ctx)
	if err != nil || len(implicit) != 1 || !implicit[0].Implicit || implicit[0].WorkspaceRole != admin.WorkspaceRoleUser ||
		implicit[0].WorkspaceID != srv.DefaultWorkspaceID() {
		t.Fatalf("implicit membership: %+v, %v", implicit, err)
	}
	if _, err := c.Workspaces.ServiceAccounts.Remove(ctx, implicit[0].Ref()); apiStatus(err) != http.StatusBadRequest {
		t.Errorf("removing the implicit membership: %v, want 400", err)
	}
	m, err := c.Workspaces.ServiceAccounts.Add(ctx, ids.workspace, admin.WorkspaceServiceAccountAddParams{ServiceAccountID: sa.ID, WorkspaceRole: admin.WorkspaceRoleDeveloper})
	if err != nil || m.Implicit || m.WorkspaceID != ids.workspace {
		t.Fatalf("add: %+v, %v", m, err)
	}
	if _, err := c.ServiceAccounts.Workspaces.Add(ctx, sa.ID, admin.ServiceAccountWorkspaceAddParams{WorkspaceID: ids.workspace, WorkspaceRole: admin.WorkspaceRoleUser}); apiStatus(err) != http.StatusBadRequest {
		t.Errorf("adding twice: %v, want 400", err)
	}
	if _, err := c.ServiceAccounts.Workspaces.Add(ctx, sa.ID, admin.ServiceAccountWorkspaceAddParams{WorkspaceID: "wrkspc_nope", WorkspaceRole: admin.WorkspaceRoleUser}); apiStatus(err) != http.StatusNotFound {
		t.Errorf("adding to no workspace: %v, want 404", err)
	}
	mine, _ := c.ServiceAccounts.Workspaces.List(sa.ID, admin.ServiceAccountWorkspaceListParams{}).Collect(ctx)
	if len(mine) != 1 || mine[0].Implicit || mine[0].WorkspaceID != ids.workspace {
		t.Errorf("after the add, its workspaces are %+v: the implicit one goes", mine)
	}
	upm, err := c.Workspaces.ServiceAccounts.Update(ctx, m.Ref(), admin.WorkspaceServiceAccountUpdateParams{WorkspaceRole: admin.WorkspaceRoleAdmin})
	if err != nil || upm.WorkspaceRole != admin.WorkspaceRoleAdmin {
		t.Errorf("update membership: %+v, %v", upm, err)
	}
	inWS, _ := c.Workspaces.ServiceAccounts.List(ids.workspace, admin.ServiceAccountWorkspaceListParams{}).Collect(ctx)
	if found := findMember(inWS, sa.ID); found == nil || found.WorkspaceRole != admin.WorkspaceRoleAdmin {
		t.Errorf("the workspace's list has %+v", inWS)
	}
	del, err := c.ServiceAccounts.Workspaces.Remove(ctx, m.Ref())
	if err != nil || del.ServiceAccountID != sa.ID || del.WorkspaceID != ids.workspace {
		t.Fatalf("remove: %+v, %v", del, err)
	}
	if _, err := c.Workspaces.ServiceAccounts.Get(ctx, m.Ref()); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("get after remove: %v, want 404", err)
	}

	arch, err := c.ServiceAccounts.Archive(ctx, sa.ID)
	if err != nil || arch.ArchivedAt == nil || arch.ArchivedByActorID == nil {
		t.Fatalf("archive: %+v, %v", arch, err)
	}
	for what, err := range map[string]error{
		"archive again": func() error { _, err := c.ServiceAccounts.Archive(ctx, sa.ID); return err }(),
		"update": func() error {
			_, err := c.ServiceAccounts.Update(ctx, sa.ID, admin.ServiceAccountUpdateParams{Description: admin.Set("x")})
			return err
		}(),
		"join": func() error {
			_, err := c.ServiceAccounts.Workspaces.Add(ctx, sa.ID, admin.ServiceAccountWorkspaceAddParams{WorkspaceID: ids.workspace, WorkspaceRole: admin.WorkspaceRoleUser})
			return err
		}(),
	} {
		if apiStatus(err) != http.StatusBadRequest {
			t.Errorf("%s after archive: %v, want 400 (archiving is final)", what, err)
		}
	}
	if _, err := c.ServiceAccounts.Get(ctx, sa.ID); err != nil {
		t.Errorf("an archived account can still be read: %v", err)
	}
}

func findMember(ms []admin.ServiceAccountWorkspaceMember, id string) *admin.ServiceAccountWorkspaceMember {
	for i := range ms {
		if ms[i].ServiceAccountID == id {
			return &ms[i]
		}
	}
	return nil
}

// TestFakeOAuthToken: WithOAuthToken sets the token the fake takes.
func TestFakeOAuthToken(t *testing.T) {
	srv := admintest.NewServer(admintest.WithOAuthToken("sk-ant-oat01-custom"))
	t.Cleanup(srv.Close)
	if srv.OAuthToken() != "sk-ant-oat01-custom" {
		t.Fatalf("OAuthToken = %q", srv.OAuthToken())
	}
	ctx := context.Background()
	if _, err := srv.OAuthClient().ServiceAccounts.List(admin.ServiceAccountListParams{}).Page(ctx); err != nil {
		t.Errorf("the custom token: %v", err)
	}
	old := srv.Client(admin.WithAuthToken(admintest.DefaultOAuthToken))
	if _, err := old.ServiceAccounts.List(admin.ServiceAccountListParams{}).Page(ctx); !errors.Is(err, admin.ErrUnauthorized) {
		t.Errorf("the default token: %v, want 401", err)
	}
}
