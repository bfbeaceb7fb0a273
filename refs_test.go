package admin_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// TestRefsNameEachID: an object named by two IDs takes them as named fields,
// each going to its own path segment, and an object read from the API gives
// back the ref that names it.
func TestRefsNameEachID(t *testing.T) {
	ctx := context.Background()
	var member admin.WorkspaceMember
	var limit admin.WorkspaceRateLimit
	if err := json.Unmarshal([]byte(memberJSON), &member); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(workspaceRateLimitJSON), &limit); err != nil {
		t.Fatal(err)
	}
	setOne := admin.WorkspaceRateLimitUpdateParams{Limits: []admin.RateLimitUpdate{{Type: admin.RateLimiterRequestsPerMinute, Value: admin.Set(int64(1))}}}
	tests := []struct {
		name  string
		reply string
		call  func(c *admin.Client) error
		path  string
	}{
		{"member by its fields", memberJSON, func(c *admin.Client) error {
			_, err := c.Workspaces.Members.Get(ctx, admin.WorkspaceMemberRef{UserID: "user_b", WorkspaceID: "wrkspc_a"})
			return err
		}, "/v1/organizations/workspaces/wrkspc_a/members/user_b"},
		{"member by Ref", `{"type":"workspace_member_deleted","user_id":"u","workspace_id":"w"}`, func(c *admin.Client) error {
			_, err := c.Workspaces.Members.Remove(ctx, member.Ref())
			return err
		}, "/v1/organizations/workspaces/" + memberWorkspaceID + "/members/" + memberUserID},
		{"rate limit by its fields", workspaceRateLimitJSON, func(c *admin.Client) error {
			_, err := c.Workspaces.RateLimits.Update(ctx, admin.WorkspaceRateLimitRef{RateLimitID: "rl_b", WorkspaceID: "wrkspc_a"}, setOne)
			return err
		}, "/v1/organizations/workspaces/wrkspc_a/rate_limits/rl_b"},
		{"rate limit by Ref", workspaceRateLimitJSON, func(c *admin.Client) error {
			_, err := c.Workspaces.RateLimits.Update(ctx, limit.Ref(), setOne)
			return err
		}, "/v1/organizations/workspaces/wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ/rate_limits/rl_01Sonnet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Body: tt.reply})
			if err := tt.call(api.client()); err != nil {
				t.Fatal(err)
			}
			if got := api.only().Path; got != tt.path {
				t.Errorf("path = %s, want %s", got, tt.path)
			}
		})
	}
}

// A ref missing one of its IDs is refused, naming the one that is missing.
func TestRefsNameTheMissingID(t *testing.T) {
	api := newFakeAPI(t)
	c, ctx := api.client(), context.Background()
	tests := []struct {
		name, missing string
		call          func() error
	}{
		{"member without workspace", "workspace_id", func() error {
			_, err := c.Workspaces.Members.Get(ctx, admin.WorkspaceMemberRef{UserID: "user_b"})
			return err
		}},
		{"member without user", "user_id", func() error {
			_, err := c.Workspaces.Members.Remove(ctx, admin.WorkspaceMemberRef{WorkspaceID: "wrkspc_a"})
			return err
		}},
		{"rate limit without its ID", "rate_limit_id", func() error {
			_, err := c.Workspaces.RateLimits.Update(ctx, admin.WorkspaceRateLimitRef{WorkspaceID: "wrkspc_a"},
				admin.WorkspaceRateLimitUpdateParams{Limits: []admin.RateLimitUpdate{{Type: admin.RateLimiterRequestsPerMinute, Value: admin.Clear[int64]()}}})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, admin.ErrInvalidParam) || !strings.Contains(err.Error(), tt.missing) {
				t.Errorf("err = %v, want ErrInvalidParam naming %s", err, tt.missing)
			}
		})
	}
	if n := len(api.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
