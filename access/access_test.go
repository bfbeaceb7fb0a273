package access_test

import (
	"context"
	"errors"
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
