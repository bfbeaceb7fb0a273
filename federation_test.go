package admin_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// TestFakeFederation walks issuers and rules on the fake: an issuer's
// defaults and polling, updates, names that must be unique, a rule's
// references (its issuer, its service account, its workspaces) and scopes,
// its workspaces added, replaced and removed, and archiving, which is final.
func TestFakeFederation(t *testing.T) {
	srv, admins := newDemoFake(t)
	c := srv.OAuthClient()
	ctx := context.Background()
	ids := demoIDs(t, admins)
	status := func(err error) int {
		var apiErr *admin.APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("err = %v, want an API error", err)
		}
		return apiErr.StatusCode
	}

	is, err := c.Federation.Issuers.Create(ctx, admin.FederationIssuerCreateParams{Name: "buildkite", IssuerURL: "https://agent.buildkite.com"})
	if err != nil || is.JWKS.Type != admin.JWKSDiscovery || !is.CheckJTI || is.MaxJWTLifetimeSeconds != 3600 || is.PollStatus == nil ||
		is.PollStatus.NextPollAt == nil || !is.PollStatus.NextPollAt.Equal(fakeNow.Add(time.Hour)) {
		t.Fatalf("create issuer: %+v, %v", is, err)
	}
	if _, err := c.Federation.Issuers.Create(ctx, admin.FederationIssuerCreateParams{Name: "buildkite", IssuerURL: "https://b.example"}); status(err) != http.StatusConflict {
		t.Errorf("duplicate issuer name: %v, want 409", err)
	}
	// What the library refuses, the fake refuses too: sent raw.
	err = admins.Do(ctx, "POST", "/v1/organizations/federation_issuers", nil, map[string]any{"name": "plain", "issuer_url": "http://ci.example"}, nil,
		admin.WithAuthToken(srv.OAuthToken()))
	if status(err) != http.StatusBadRequest {
		t.Errorf("http issuer: %v, want 400", err)
	}
	key := json.RawMessage(`{"kty":"OKP","crv":"Ed25519","kid":"k1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`)
	upd, err := c.Federation.Issuers.Update(ctx, is.ID, admin.FederationIssuerUpdateParams{JWKS: admin.Set(admin.JWKS{Type: admin.JWKSInline, Keys: []json.RawMessage{key}}),
		CheckJTI: admin.Set(false)})
	if err != nil || upd.JWKS.Type != admin.JWKSInline || len(upd.JWKS.Keys) != 1 || upd.CheckJTI || upd.PollStatus != nil {
		t.Fatalf("update issuer to inline keys: %+v, %v", upd, err)
	}

	sa, err := c.ServiceAccounts.Create(ctx, admin.ServiceAccountCreateParams{Name: "buildkite-deploy"})
	if err != nil {
		t.Fatal(err)
	}
	sub := "organization:acme-robotics:pipeline:deploy"
	create := func(mod func(p *admin.FederationRuleCreateParams)) (*admin.FederationRule, error) {
		p := admin.FederationRuleCreateParams{Name: "buildkite-deploy", IssuerID: is.ID, Match: admin.FederationRuleMatch{SubjectPrefix: &sub},
			Target: admin.FederationRuleTarget{ServiceAccountID: sa.ID}, OAuthScope: "workspace:developer", WorkspaceID: ids.workspace}
		mod(&p)
		return c.Federation.Rules.Create(ctx, p)
	}
	for _, tt := range []struct {
		name   string
		mod    func(p *admin.FederationRuleCreateParams)
		status int
	}{
		{"no such service account", func(p *admin.FederationRuleCreateParams) { p.Target.ServiceAccountID = "svac_nope" }, http.StatusNotFound},
		{"no such workspace", func(p *admin.FederationRuleCreateParams) { p.WorkspaceID = "wrkspc_nope" }, http.StatusNotFound},
		{"no such issuer", func(p *admin.FederationRuleCreateParams) { p.IssuerID = "fdis_nope" }, http.StatusNotFound},
		{"an org:admin scope from an OAuth token", func(p *admin.FederationRuleCreateParams) { p.OAuthScope = "org:admin" }, http.StatusForbidden},
		{"a constant-true condition", func(p *admin.FederationRuleCreateParams) {
			always := "true"
			p.Match = admin.FederationRuleMatch{Condition: &always}
		}, http.StatusBadRequest},
		{"a name taken", func(p *admin.FederationRuleCreateParams) { p.Name = "deploy-main" }, http.StatusConflict},
	} {
		if _, err := create(tt.mod); status(err) != tt.status {
			t.Errorf("rule with %s: %v, want %d", tt.name, err, tt.status)
		}
	}
	r, err := create(func(*admin.FederationRuleCreateParams) {})
	if err != nil || r.IssuerName != "buildkite" || r.Target.ServiceAccountName == nil || *r.Target.ServiceAccountName != "buildkite-deploy" ||
		r.TokenLifetimeSeconds != 3600 || !slices.Equal(r.WorkspaceIDs, []string{ids.workspace}) {
		t.Fatalf("create rule: %+v, %v", r, err)
	}
	rw, err := c.Federation.Rules.Workspaces.Add(ctx, r.ID, admin.FederationRuleWorkspaceAddParams{WorkspaceID: ids.ruleSpare})
	if err != nil || rw.WorkspaceName == nil || rw.FederationRuleID != r.ID {
		t.Fatalf("add rule workspace: %+v, %v", rw, err)
	}
	if _, err := c.Federation.Rules.Workspaces.Add(ctx, r.ID, admin.FederationRuleWorkspaceAddParams{WorkspaceID: ids.ruleSpare}); status(err) != http.StatusBadRequest {
		t.Errorf("adding a workspace twice: %v, want 400", err)
	}
	listed, err := c.Federation.Rules.Workspaces.List(r.ID, admin.PageCursor{Limit: 1}).Collect(ctx)
	if err != nil || len(listed) != 2 {
		t.Errorf("rule workspaces, one page whatever the limit: %+v, %v", listed, err)
	}
	// workspace_id replaces the rule's workspaces.
	r2, err := c.Federation.Rules.Update(ctx, r.ID, admin.FederationRuleUpdateParams{WorkspaceID: admin.Set(ids.workspace), Description: admin.Set("Buildkite deploys")})
	if err != nil || !slices.Equal(r2.WorkspaceIDs, []string{ids.workspace}) || r2.Description != "Buildkite deploys" {
		t.Fatalf("update rule: %+v, %v", r2, err)
	}
	if _, err := c.Federation.Rules.Update(ctx, r.ID, admin.FederationRuleUpdateParams{Name: admin.Set("buildkite-deploy")}); err != nil {
		t.Errorf("a rule keeps its own name: %v", err)
	}
	if _, err := c.Federation.Rules.Update(ctx, r.ID, admin.FederationRuleUpdateParams{Name: admin.Set("deploy-main")}); status(err) != http.StatusConflict {
		t.Errorf("renamed to another rule's name: %v, want 409", err)
	}
	if _, err := c.Federation.Rules.Update(ctx, r.ID, admin.FederationRuleUpdateParams{OAuthScope: admin.Set("workspace:developer org:admin")}); status(err) != http.StatusForbidden {
		t.Errorf("update to org:admin: %v, want 403", err)
	}
	del, err := c.Federation.Rules.Workspaces.Remove(ctx, admin.FederationRuleWorkspaceRef{FederationRuleID: r.ID, WorkspaceID: ids.workspace})
	if err != nil || del.WorkspaceID != ids.workspace {
		t.Fatalf("remove rule workspace: %+v, %v", del, err)
	}
	if _, err := c.Federation.Rules.Workspaces.Remove(ctx, admin.FederationRuleWorkspaceRef{FederationRuleID: r.ID, WorkspaceID: ids.workspace}); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("removing it again: %v, want 404", err)
	}
	byIssuer, err := c.Federation.Rules.List(admin.FederationRuleListParams{IssuerID: is.ID}).Collect(ctx)
	if err != nil || len(byIssuer) != 1 || byIssuer[0].ID != r.ID || len(byIssuer[0].WorkspaceIDs) != 0 {
		t.Errorf("rules of the issuer: %+v, %v", byIssuer, err)
	}

	if _, err := c.Federation.Issuers.Archive(ctx, is.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := create(func(p *admin.FederationRuleCreateParams) { p.Name = "another" }); status(err) != http.StatusBadRequest {
		t.Errorf("rule of an archived issuer: %v, want 400", err)
	}
	arch, err := c.Federation.Rules.Archive(ctx, r.ID)
	if err != nil || arch.ArchivedAt == nil {
		t.Fatalf("archive rule: %+v, %v", arch, err)
	}
	if _, err := c.Federation.Rules.Update(ctx, r.ID, admin.FederationRuleUpdateParams{Description: admin.Clear[string]()}); status(err) != http.StatusBadRequest {
		t.Errorf("update after archive: %v, want 400", err)
	}
	active, _ := c.Federation.Rules.List(admin.FederationRuleListParams{}).Collect(ctx)
	withArchived, _ := c.Federation.Rules.List(admin.FederationRuleListParams{IncludeArchived: true}).Collect(ctx)
	if len(withArchived) != len(active)+2 { // the demo's jenkins-batch and this one
		t.Errorf("%d rules with archived ones, %d without", len(withArchived), len(active))
	}
}
