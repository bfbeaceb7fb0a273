package admin_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

func TestManagedSettingsParamsRefused(t *testing.T) {
	api := newFakeAPI(t)
	c, ctx := api.client(), t.Context()
	configure := func(p admin.ManagedSettingsConfigurationParams) func() error {
		return func() error { _, err := c.ClaudeCodeSettings.UpdateConfiguration(ctx, p); return err }
	}
	checkRefusals(t, api, []refusal{
		{"nothing to change", configure(admin.ManagedSettingsConfigurationParams{})},
		{"order without version", configure(admin.ManagedSettingsConfigurationParams{RBACGroupOrder: []string{"rbac_group_1"}})},
		{"version without order", configure(admin.ManagedSettingsConfigurationParams{RBACGroupOrderVersion: "v1"})},
		{"a group twice", configure(admin.ManagedSettingsConfigurationParams{RBACGroupOrder: []string{"rbac_group_1", "rbac_group_1"}, RBACGroupOrderVersion: "v1"})},
		{"default left unchanged", func() error {
			_, err := c.ClaudeCodeSettings.SetDefault(ctx, admin.Optional[map[string]any]{})
			return err
		}},
		{"a group's nil document", func() error { _, err := c.ClaudeCodeSettings.SetGroup(ctx, "rbac_group_1", nil); return err }},
		{"a group with a slash", func() error { _, err := c.ClaudeCodeSettings.Group(ctx, "rbac_group/1"); return err }},
		{"a page of 101", func() error {
			_, err := c.ClaudeCodeSettings.Groups(admin.ManagedSettingsGroupListParams{PageCursor: admin.PageCursor{Limit: 101}}).Page(ctx)
			return err
		}},
	})
}

// Clearing the default sends null; an empty document is a document.
func TestManagedSettingsDefaultBodies(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  admin.Optional[map[string]any]
		want string
	}{
		{"clear", admin.Clear[map[string]any](), `{"settings":null}`},
		{"empty", admin.Set(map[string]any{}), `{"settings":{}}`},
		{"nil map set", admin.Set[map[string]any](nil), `{"settings":{}}`},
		{"document", admin.Set(map[string]any{"model": "claude-sonnet-4-6"}), `{"settings":{"model":"claude-sonnet-4-6"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Body: `{"settings":null,"updated_at":null}`})
			if _, err := api.client().ClaudeCodeSettings.SetDefault(t.Context(), tc.doc); err != nil {
				t.Fatal(err)
			}
			jsonEqual(t, api.only().Body, []byte(tc.want))
		})
	}
}

// The demo's settings through the library: groups in order, a set that
// adds a group last, a reorder from the version read, a stale version
// refused, a delete that takes the group out of the order.
func TestManagedSettingsOnTheFake(t *testing.T) {
	_, c := newDemoFake(t)
	ctx := t.Context()
	conf, err := c.ClaudeCodeSettings.Configuration(ctx)
	if err != nil || conf.Mode.Type != admin.ManagedSettingsRBACGroups || len(conf.RBACGroupOrder) != 2 || conf.ModeUpdatedAt == nil {
		t.Fatalf("configuration = %+v, %v", conf, err)
	}
	groups := collect(t, c.ClaudeCodeSettings.Groups(admin.ManagedSettingsGroupListParams{PageCursor: admin.PageCursor{Limit: 1}}))
	if len(groups) != 2 || groups[0].RBACGroupID != conf.RBACGroupOrder[0] || groups[0].RBACGroupStatus.Type != admin.RBACGroupStatusActive {
		t.Fatalf("groups = %+v", groups)
	}
	first, second := conf.RBACGroupOrder[0], conf.RBACGroupOrder[1]
	g, err := c.ClaudeCodeSettings.SetGroup(ctx, second, map[string]any{"model": "claude-opus-4-6"})
	if err != nil || g.Settings["model"] != "claude-opus-4-6" {
		t.Fatalf("set = %+v, %v", g, err)
	}
	swapped, err := c.ClaudeCodeSettings.UpdateConfiguration(ctx, admin.ManagedSettingsConfigurationParams{
		RBACGroupOrder: []string{second, first}, RBACGroupOrderVersion: conf.RBACGroupOrderVersion})
	if err != nil || !slices.Equal(swapped.RBACGroupOrder, []string{second, first}) || swapped.RBACGroupOrderVersion == conf.RBACGroupOrderVersion {
		t.Fatalf("reorder = %+v, %v", swapped, err)
	}
	_, err = c.ClaudeCodeSettings.UpdateConfiguration(ctx, admin.ManagedSettingsConfigurationParams{
		RBACGroupOrder: []string{first, second}, RBACGroupOrderVersion: conf.RBACGroupOrderVersion})
	if !errors.Is(err, admin.ErrConflict) {
		t.Errorf("a reorder from a stale version: %v, want a conflict", err)
	}
	if del, err := c.ClaudeCodeSettings.DeleteGroup(ctx, second); err != nil || del.RBACGroupID != second {
		t.Fatalf("delete = %v, %v", del, err)
	}
	after, _ := c.ClaudeCodeSettings.Configuration(ctx)
	if !slices.Equal(after.RBACGroupOrder, []string{first}) {
		t.Errorf("order after delete = %v", after.RBACGroupOrder)
	}
	var apiErr *admin.APIError
	if _, err := c.ClaudeCodeSettings.Group(ctx, second); !errors.As(err, &apiErr) || apiErr.ErrorCode != "rbac_group_managed_settings_not_found" {
		t.Errorf("get after delete: %v", err)
	}
	def, err := c.ClaudeCodeSettings.SetDefault(ctx, admin.Clear[map[string]any]())
	if err != nil || def.Settings != nil || def.UpdatedAt != nil {
		t.Errorf("cleared default = %+v, %v", def, err)
	}
}
