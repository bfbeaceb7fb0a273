package access_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/access"
	"github.com/anthropic-admin-go/admin/admintest"
)

func TestHintMatches(t *testing.T) {
	const hint = "sk-ant-api03-6HVJ...01C4"
	for _, tt := range []struct {
		fragment string
		want     bool
	}{
		{"sk-ant-api03-6HVJxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx01C4", true}, // a whole leaked key
		{"6HVJ", true},
		{"sk-ant-api03-6HV", true},
		{"01C4", true},
		{"sk-ant-api03-", false}, // every key starts so
		{"sk-ant-", false},
		{"sk-ant-api03-6HVJxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx01C5", false},
		{"ZZZZ", false},
	} {
		if got := access.HintMatches(hint, tt.fragment); got != tt.want {
			t.Errorf("HintMatches(%q) = %v, want %v", tt.fragment, got, tt.want)
		}
	}
	if access.HintMatches("", "abcd") {
		t.Error("an empty hint matched")
	}
}

func TestAccess(t *testing.T) {
	ctx := context.Background()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(admintest.SeedEpoch))
	defer srv.Close()
	c, opts := srv.Client(), access.Options{Now: admintest.SeedEpoch}

	u, err := access.User(ctx, c, "Jonas.Becker@acme-robotics.example", opts)
	if err != nil {
		t.Fatal(err)
	}
	if u.User.Role != admin.OrgRoleDeveloper || len(u.Workspaces) != 1 || u.Workspaces[0].Workspace.Name != "Research" || len(u.Keys) != 2 || len(u.SpendLimits) == 0 {
		t.Errorf("user access %+v", u)
	}
	for _, k := range u.Keys {
		if k.LastUsed == nil || !k.CreatorIsMember {
			t.Errorf("key %s: last used %v, creator member %v", k.Name, k.LastUsed, k.CreatorIsMember)
		}
	}
	w, err := access.Workspace(ctx, c, "production", opts)
	if err != nil || w.Workspace.Name != "Production" || len(w.Members) == 0 || len(w.Keys) != 10 {
		t.Errorf("workspace access %v %+v", err, w)
	}
	k, err := access.APIKey(ctx, c, "alex-eval-scripts", opts)
	if err != nil || k.CreatorIsMember || k.LastUsed != nil || k.Creator == nil {
		t.Errorf("key access %v %+v", err, k)
	}
	if _, err := access.User(ctx, c, "nobody@example.com", opts); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("no such user: %v", err)
	}
	if _, err := access.Find(ctx, c, "sk", opts); !errors.Is(err, admin.ErrInvalidParam) {
		t.Errorf("short fragment: %v", err)
	}
}

// A member's RBAC groups and a workspace's service accounts are read where
// the credential allows; with an admin key alone the service accounts are
// noted as not checked, saying what is needed.
func TestAccessGroupsAndServiceAccounts(t *testing.T) {
	ctx := context.Background()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(admintest.SeedEpoch))
	defer srv.Close()
	c := srv.Client()
	withToken := access.Options{Now: admintest.SeedEpoch, OAuth: []admin.Option{admin.WithAuthToken(admintest.DefaultOAuthToken)}}

	u, err := access.User(ctx, c, "priya.raman@acme-robotics.example", withToken)
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, g := range u.Groups {
		groups = append(groups, g.Name)
	}
	if !slices.Equal(groups, []string{"Owners", "Platform Engineering"}) || len(u.Notes) != 0 {
		t.Errorf("groups %v, notes %v", groups, u.Notes)
	}

	w, err := access.Workspace(ctx, c, "Production", withToken)
	if err != nil {
		t.Fatal(err)
	}
	var accounts []string
	for _, m := range w.ServiceAccounts {
		accounts = append(accounts, m.Name+" "+m.Role)
	}
	if !slices.Equal(accounts, []string{"ci-deploy workspace_developer", "platform-terraform workspace_admin", "federated-sync workspace_developer"}) || len(w.Notes) != 0 {
		t.Errorf("service accounts %v, notes %v", accounts, w.Notes)
	}

	w, err = access.Workspace(ctx, c, "Production", access.Options{Now: admintest.SeedEpoch})
	if err != nil {
		t.Fatal(err)
	}
	if w.ServiceAccounts != nil || !slices.Equal(w.Notes, []string{"service accounts: not checked (they need an OAuth token with the org:admin scope)"}) {
		t.Errorf("with an admin key alone: %v, notes %v", w.ServiceAccounts, w.Notes)
	}
}
