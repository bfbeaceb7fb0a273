package orgcode_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/orgcode"
)

// What the API cannot do, and what the file gets wrong, is refused with
// the file, line and column, and no plan.
func TestRefusals(t *testing.T) {
	_, c := newServer(t, admintest.Demo())
	st := read(t, c)
	for _, tc := range []struct {
		name, file, want string
	}{
		{"assigning admin to a member", `version: 1
members:
  items:
    - email: ethan.brooks@acme-robotics.example
      role: admin
`, `org.yaml:5:7: role "admin" cannot be assigned through the API`},
		{"assigning admin by invite", `version: 1
invites:
  items:
    - email: someone@acme-robotics.example
      role: admin
`, `org.yaml:5:7: role "admin" cannot be assigned through the API`},
		{"changing an admin's role", `version: 1
members:
  items:
    - email: priya.raman@acme-robotics.example
      role: developer
`, `org.yaml:5:7: priya.raman@acme-robotics.example is admin: that role cannot be changed through the API`},
		{"un-archiving a workspace", `version: 1
workspaces:
  items:
    - name: Hackathon 2026
`, `org.yaml:4:7: workspace "Hackathon 2026" is archived: an archived workspace cannot be brought back`},
		{"creating an API key", `version: 1
api_keys:
  items:
    - name: new-key
      workspace: Production
      status: active
`, `org.yaml:4:7: no API key is named "new-key" in workspace Production: the API cannot create keys`},
		{"a workspace limit looser than the organization's", `version: 1
workspaces:
  items:
    - name: Staging
      rate_limits:
        Claude Opus 4.x:
          requests_per_minute: 5000
`, `org.yaml:7:11: 5000 is looser than the organization's requests_per_minute limit of 4000`},
		{"an unknown organization role", `version: 1
members:
  items:
    - email: ethan.brooks@acme-robotics.example
      role: develper
`, `org.yaml:5:7: unknown role "develper" (did you mean "developer"?)`},
		{"an unknown workspace role", `version: 1
workspaces:
  items:
    - name: Staging
      members:
        - email: ethan.brooks@acme-robotics.example
          role: workspace_owner
`, `org.yaml:7:11: unknown workspace role "workspace_owner"`},
		{"an unknown geo", `version: 1
workspaces:
  items:
    - name: EU team
      data_residency:
        workspace_geo: eu
`, `org.yaml:6:9: unknown workspace geo "eu" (known: us)`},
		{"an unknown inference geo", `version: 1
workspaces:
  items:
    - name: Staging
      data_residency:
        allowed_inference_geos: [us, mars]
`, `org.yaml:6:38: unknown inference geo "mars"`},
		{"changing workspace_geo", `version: 1
workspaces:
  items:
    - name: Research
      data_residency:
        workspace_geo: eu
`, `unknown workspace geo "eu"`},
		{"an unknown rate limit group", `version: 1
workspaces:
  items:
    - name: Staging
      rate_limits:
        Claude Sonet 4.x:
          requests_per_minute: 5
`, `org.yaml:6:9: the organization has no rate limit group "Claude Sonet 4.x" (did you mean "Claude Sonnet 4.x"?)`},
		{"a member who has not joined", `version: 1
workspaces:
  items:
    - name: Staging
      members:
        - email: new.hire@acme-robotics.example
          role: workspace_user
`, `org.yaml:6:11: new.hire@acme-robotics.example is not a member of the organization: invite them`},
		{"inviting a member", `version: 1
invites:
  items:
    - email: mei.chen@acme-robotics.example
      role: user
`, `org.yaml:4:7: mei.chen@acme-robotics.example is already a member (developer)`},
		{"archiving the default workspace", `version: 1
workspaces:
  items:
    - name: Default
      default: true
      archived: true
`, `org.yaml:6:7: the default workspace cannot be archived`},
		{"reactivating an archived key", `version: 1
api_keys:
  items:
    - name: laptop-old-priya
      workspace: Default
      status: active
`, `org.yaml:6:7: key "laptop-old-priya" is archived`},
		{"a file for another organization", `version: 1
organization: Globex
`, `org.yaml:2:1: this file is for "Globex"; the credential's organization is "Acme Robotics"`},
		{"a spend limit for no one", `version: 1
spend_limits:
  workspaces:
    Prodution:
      monthly: 10
`, `org.yaml:4:5: no active workspace is named "Prodution" (did you mean "Production"?)`},
		{"an unknown period", `version: 1
spend_limits:
  organization:
    yearly: 10
`, `org.yaml:4:5: unknown period "yearly"`},
		{"changing a group's roles", `version: 1
rbac_groups:
  items:
    - name: Finance
      roles: [Billing Admin]
`, `org.yaml:5:7: the API cannot attach or detach a group's roles (it has Billing Admin, Warehouse Readers)`},
		{"a new group with roles", `version: 1
rbac_groups:
  items:
    - name: Design
      roles: [Member]
`, `org.yaml:5:7: the API cannot attach roles to a group: create "Design" without roles`},
		{"a group of an unknown ID", `version: 1
rbac_groups:
  items:
    - name: Design
      id: rbacgrp_missing
`, `org.yaml:5:7: no RBAC group has ID rbacgrp_missing`},
		{"a group member who is not a member", `version: 1
rbac_groups:
  items:
    - name: Finance
      members: [nobody@acme-robotics.example]
`, `org.yaml:5:17: nobody@acme-robotics.example is not a member of the organization`},
		{"renaming a service account", `version: 1
service_accounts:
  items:
    - name: ci-deployer
      id: ` + idByName(t, st.ServiceAccounts, "ci-deploy", func(a *orgcode.ServiceAccountState) (string, string) { return a.Name, a.ID }) + `
`, `org.yaml:4:7: the API cannot rename a service account`},
		{"a service account name that is not a slug", `version: 1
service_accounts:
  items:
    - name: CI Deploy
`, `org.yaml:4:7: "CI Deploy" is not a service account name`},
		{"an unknown service account role", `version: 1
service_accounts:
  items:
    - name: ci-deploy
      role: owner
`, `org.yaml:5:7: unknown organization role "owner" for a service account (known: admin, developer)`},
		{"a billing workspace role for a service account", `version: 1
service_accounts:
  items:
    - name: ci-deploy
      workspaces:
        Production: workspace_billing
`, `org.yaml:6:9: workspace role "workspace_billing" cannot be given to a service account`},
		{"a service account in an unknown workspace", `version: 1
service_accounts:
  items:
    - name: ci-deploy
      workspaces:
        Prodution: workspace_user
`, `org.yaml:6:9: no active workspace is named "Prodution" (did you mean "Production"?)`},
		{"moving a rule to another issuer", `version: 1
federation_rules:
  items:
    - name: deploy-main
      issuer: acme-k8s
      service_account: ci-deploy
      match: {subject_prefix: "repo:acme-robotics/platform:ref:refs/heads/main", claims: {repository_owner: acme-robotics}}
      oauth_scope: workspace:developer
`, `org.yaml:5:7: the API cannot move a rule to another issuer (deploy-main has github-actions)`},
		{"a rule of an unknown issuer", `version: 1
federation_rules:
  items:
    - name: new-rule
      issuer: gitlab
      service_account: ci-deploy
      match: {subject_prefix: "project_path:acme/"}
      oauth_scope: workspace:developer
`, `org.yaml:5:7: no federation issuer is named "gitlab"`},
		{"a rule for an unknown service account", `version: 1
federation_rules:
  items:
    - name: new-rule
      issuer: github-actions
      service_account: nobody
      match: {subject_prefix: "repo:acme/"}
      oauth_scope: workspace:developer
`, `org.yaml:6:7: no active service account is named "nobody"`},
		{"a rule that accepts any token", `version: 1
federation_rules:
  items:
    - name: new-rule
      issuer: github-actions
      service_account: ci-deploy
      match: {audience: "https://api.anthropic.com"}
      oauth_scope: workspace:developer
`, `org.yaml:7:7: a rule must narrow the tokens it accepts`},
		{"a token lifetime out of range", `version: 1
federation_rules:
  items:
    - name: new-rule
      issuer: github-actions
      service_account: ci-deploy
      match: {subject_prefix: "repo:acme/"}
      oauth_scope: workspace:developer
      token_lifetime: 10
`, `org.yaml:9:7: token_lifetime 10: give 60 to 86400 seconds`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := orgcode.Parse("org.yaml", []byte(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := orgcode.MakePlan(src, st)
			var rs orgcode.Refusals
			if !errors.As(err, &rs) || p != nil {
				t.Fatalf("plan = %v, err = %v; want a refusal", p, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("refusal:\n%v\nwant it to hold:\n%s", err, tc.want)
			}
		})
	}
}

// A file is read strictly: syntax, unknown keys (with the nearest known
// one), duplicate keys and names, wrong types and versions are refused at
// their line and column before anything is read from the organization.
func TestParseRefusals(t *testing.T) {
	for _, tc := range []struct {
		name, file, want string
	}{
		{"an unknown key", "version: 1\nworkspaces:\n  items:\n    - name: A\n      tgas: {a: b}\n", `org.yaml:5:7: unknown field "tgas" (did you mean "tags"?)`},
		{"an unknown section", "version: 1\nmembres:\n  items: []\n", `org.yaml:2:1: unknown field "membres" (did you mean "members"?)`},
		{"a duplicate key", "version: 1\nversion: 1\n", `org.yaml:2:1: mapping key "version" already defined`},
		{"a duplicate workspace", "version: 1\nworkspaces:\n  items:\n    - name: A\n    - name: A\n", `org.yaml:5:7: workspace "A" is listed twice`},
		{"a duplicate member", "version: 1\nmembers:\n  items:\n    - {email: a@x.example, role: user}\n    - {email: A@x.example, role: user}\n", `org.yaml:5:8: member "A@x.example" is listed twice`},
		{"a duplicate workspace member", "version: 1\nworkspaces:\n  items:\n    - name: A\n      members:\n        - {email: a@x.example, role: workspace_user}\n        - {email: a@x.example, role: workspace_user}\n", `org.yaml:7:12: workspace member "a@x.example" is listed twice`},
		{"a duplicate RBAC group", "version: 1\nrbac_groups:\n  items:\n    - name: Ops\n    - name: ops\n", `org.yaml:5:7: RBAC group "ops" is listed twice`},
		{"a duplicate group member", "version: 1\nrbac_groups:\n  items:\n    - name: Ops\n      members: [a@x.example, A@x.example]\n", `org.yaml:5:30: group member "A@x.example" is listed twice`},
		{"a duplicate service account", "version: 1\nservice_accounts:\n  items:\n    - name: ci\n    - name: ci\n", `org.yaml:5:7: service account "ci" is listed twice`},
		{"a duplicate federation rule", "version: 1\nfederation_rules:\n  items:\n    - {name: r, issuer: i, service_account: a, match: {}, oauth_scope: s}\n    - {name: r, issuer: i, service_account: a, match: {}, oauth_scope: s}\n", `org.yaml:5:8: federation rule "r" is listed twice`},
		{"a wrong type", "version: 1\nmembers:\n  items: nope\n", `org.yaml:3:`},
		{"a bad amount", "version: 1\nspend_limits:\n  organization:\n    monthly: 12.345\n", `org.yaml:4:5: "12.345" is not an amount of dollars`},
		{"another version", "version: 2\n", `org.yaml:1:1: version 2: this anthropic-admin reads version 1 files`},
		{"no version", "members:\n  items: []\n", `org.yaml:1:1: the file has no version: start it with version: 1`},
		{"an empty file", "", `org.yaml: the file has no version`},
		{"bad YAML", "version: 1\nmembers: [\n", `org.yaml:2:`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := orgcode.Parse("org.yaml", []byte(tc.file))
			var rs orgcode.Refusals
			if !errors.As(err, &rs) {
				t.Fatalf("err = %v; want refusals", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("refusal:\n%v\nwant it to hold:\n%s", err, tc.want)
			}
		})
	}
}

// Where the organization has no spend limits, export leaves the section
// out and a file that has one is refused.
func TestNoSpendLimits(t *testing.T) {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithoutSpendLimits())
	t.Cleanup(srv.Close)
	st := read(t, srv.Client())
	f := exported(t, st)
	if f.SpendLimits != nil || !st.SpendLimitsUnavailable {
		t.Errorf("export has spend limits: %+v", f.SpendLimits)
	}
	if p := planOf(t, f, st); len(p.Changes) != 0 {
		t.Errorf("plan of the export:\n%s", planText(t, p))
	}
	src := parse(t, []byte("version: 1\nspend_limits:\n  organization:\n    monthly: 10\n"))
	if _, err := orgcode.MakePlan(src, st); err == nil || !strings.Contains(err.Error(), "org.yaml:2:1: this organization or credential has no spend limits") {
		t.Errorf("err = %v", err)
	}
}

// Outside Claude Enterprise the API has no RBAC groups: export leaves the
// section out and says so, and a file that has one is refused.
func TestNoRBACGroups(t *testing.T) {
	srv, c := newServer(t, admintest.Demo())
	srv.Inject(admintest.Fault{Method: "GET", Path: "/v1/organizations/rbac_groups", Status: 400,
		Body: `{"type":"error","error":{"type":"invalid_request_error","message":"not for this organization","details":{"error_code":"organization_type_not_supported"}}}`})
	st := read(t, c)
	f := exported(t, st)
	if f.RBACGroups != nil || !st.RBACGroupsUnavailable {
		t.Errorf("export has RBAC groups: %+v", f.RBACGroups)
	}
	if left := strings.Join(st.LeftOut(), "\n"); !strings.Contains(left, "rbac_groups: left out") {
		t.Errorf("LeftOut = %q", left)
	}
	if p := planOf(t, f, st); len(p.Changes) != 0 {
		t.Errorf("plan of the export:\n%s", planText(t, p))
	}
	src := parse(t, []byte("version: 1\nrbac_groups:\n  items: []\n"))
	if _, err := orgcode.MakePlan(src, st); err == nil || !strings.Contains(err.Error(), "org.yaml:2:1: this organization or credential has no RBAC groups (they come with Claude Enterprise") {
		t.Errorf("err = %v", err)
	}
}

// An archived service account cannot change or come back: a file that
// lists one is refused.
func TestArchivedServiceAccount(t *testing.T) {
	_, c := newServer(t, admintest.Demo())
	st := read(t, c)
	p := planOf(t, &orgcode.File{Version: 1, ServiceAccounts: &orgcode.ServiceAccountsSection{Prune: true, Items: []orgcode.ServiceAccount{}}}, st)
	if _, err := (&orgcode.Applier{Client: c, OAuth: oauth, Sleep: noSleep}).Apply(context.Background(), p); err != nil || p.Summary.Archive == 0 {
		t.Fatalf("archiving every account: %v, %+v", err, p.Summary)
	}
	src := parse(t, []byte("version: 1\nservice_accounts:\n  items:\n    - name: ci-deploy\n"))
	if _, err := orgcode.MakePlan(src, read(t, c)); err == nil || !strings.Contains(err.Error(), `org.yaml:4:7: service account "ci-deploy" is archived: archiving is final`) {
		t.Errorf("err = %v", err)
	}
}

// With an admin key and no OAuth token, service accounts are not to be
// had: export leaves them out and says why, and a file with them is
// refused, naming the credential needed.
func TestServiceAccountsNeedOAuth(t *testing.T) {
	_, c := newServer(t, admintest.Demo())
	st, err := orgcode.Read(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	f := exported(t, st)
	if f.ServiceAccounts != nil || !st.ServiceAccountsUnavailable {
		t.Errorf("export has service accounts: %+v", f.ServiceAccounts)
	}
	if left := strings.Join(st.LeftOut(), "\n"); !strings.Contains(left, "service_accounts: left out (they need an OAuth token") {
		t.Errorf("LeftOut = %q", left)
	}
	if p := planOf(t, f, st); len(p.Changes) != 0 {
		t.Errorf("plan of the export:\n%s", planText(t, p))
	}
	if left := strings.Join(st.LeftOut(), "\n"); !strings.Contains(left, "federation_rules: left out (they need an OAuth token") || f.FederationRules != nil {
		t.Errorf("LeftOut = %q, federation rules exported: %v", left, f.FederationRules != nil)
	}
	src := parse(t, []byte("version: 1\nservice_accounts:\n  items: []\nfederation_rules:\n  items: []\n"))
	_, err = orgcode.MakePlan(src, st)
	for _, want := range []string{"org.yaml:2:1: service accounts need an OAuth token with the org:admin scope", "org.yaml:4:1: federation rules need an OAuth token with the org:admin scope"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v; want %q", err, want)
		}
	}
}
