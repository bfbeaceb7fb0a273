package admin_test

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

const userJSON = `{
  "id": "user_01WCz1FkmYMm4gnmykNKUu3Q",
  "type": "user",
  "email": "ada@example.com",
  "name": "Ada Lovelace",
  "role": "developer",
  "added_at": "2024-10-30T23:58:27.427722Z"
}`

func TestUsersList(t *testing.T) {
	api := newFakeAPI(t, reply{Body: `{"data":[` + userJSON + `,{"id":"user_2","type":"user","email":"b@example.com","name":"B","role":"some_future_role","added_at":"2025-01-01T00:00:00Z","team":"x"}],"has_more":false,"first_id":"user_01WCz1FkmYMm4gnmykNKUu3Q","last_id":"user_2"}`})
	users, err := api.client().Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 100}, Email: "ada@example.com", Roles: []admin.OrgRole{admin.OrgRoleDeveloper, admin.OrgRoleUser}}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want{Method: "GET", Path: "/v1/organizations/users", Query: url.Values{
		"limit": {"100"}, "email": {"ada@example.com"}, "roles[]": {"developer", "user"},
	}}.check(t, api.only())
	if len(users) != 2 {
		t.Fatalf("got %d users, want 2", len(users))
	}
	u := users[0]
	if u.ID != "user_01WCz1FkmYMm4gnmykNKUu3Q" || u.Email != "ada@example.com" || u.Name != "Ada Lovelace" || u.Role != admin.OrgRoleDeveloper || u.Type != "user" {
		t.Errorf("user = %+v", u)
	}
	if !u.AddedAt.Equal(mustTime(t, "2024-10-30T23:58:27.427722Z")) {
		t.Errorf("AddedAt = %v", u.AddedAt)
	}
	jsonEqual(t, u.RawJSON(), []byte(userJSON))
	if users[1].Role != "some_future_role" {
		t.Errorf("unknown role decoded as %q", users[1].Role)
	}
	if got := string(users[1].RawJSON()); !contains(got, `"team":"x"`) {
		t.Errorf("RawJSON lost an unknown field: %s", got)
	}
}

func TestUsersGetUpdateRemoveSignOut(t *testing.T) {
	tests := []endpointCase{
		{
			name:  "get",
			reply: userJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Users.Get(context.Background(), "user_01WCz1FkmYMm4gnmykNKUu3Q")
			},
			want: want{Method: "GET", Path: "/v1/organizations/users/user_01WCz1FkmYMm4gnmykNKUu3Q"},
		},
		{
			name:  "update",
			reply: userJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Users.Update(context.Background(), "user_01WCz1FkmYMm4gnmykNKUu3Q", admin.UserUpdateParams{Role: admin.OrgRoleDeveloper})
			},
			want: want{Method: "POST", Path: "/v1/organizations/users/user_01WCz1FkmYMm4gnmykNKUu3Q", Body: `{"role":"developer"}`},
		},
		{
			name:  "remove",
			reply: `{"id":"user_01WCz1FkmYMm4gnmykNKUu3Q","type":"user_deleted"}`,
			call: func(c *admin.Client) (any, error) {
				return c.Users.Remove(context.Background(), "user_01WCz1FkmYMm4gnmykNKUu3Q")
			},
			want: want{Method: "DELETE", Path: "/v1/organizations/users/user_01WCz1FkmYMm4gnmykNKUu3Q"},
		},
		{
			name:  "sign out sends its beta header",
			reply: userJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Users.SignOut(context.Background(), "user_01WCz1FkmYMm4gnmykNKUu3Q")
			},
			want: want{Method: "POST", Path: "/v1/organizations/users/user_01WCz1FkmYMm4gnmykNKUu3Q/sign_out",
				Header: map[string]string{"Anthropic-Beta": "admin-user-sign-out-2026-10-08"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			switch v := tt.run(t).(type) {
			case *admin.User:
				if v.ID != "user_01WCz1FkmYMm4gnmykNKUu3Q" || v.Role != admin.OrgRoleDeveloper {
					t.Errorf("user = %+v", v)
				}
			case *admin.UserDeleted:
				if v.ID != "user_01WCz1FkmYMm4gnmykNKUu3Q" || v.Type != "user_deleted" {
					t.Errorf("deleted = %+v", v)
				}
			default:
				t.Fatalf("unexpected result %T", v)
			}
		})
	}
}

func TestUsersBadInputSendsNothing(t *testing.T) {
	api := newFakeAPI(t)
	c := api.client()
	ctx := context.Background()
	checkRefusals(t, api, []refusal{
		{"get empty ID", func() error { _, err := c.Users.Get(ctx, ""); return err }},
		{"get ID with slash", func() error { _, err := c.Users.Get(ctx, "user_1/../../api_keys"); return err }},
		{"get ID with dots", func() error { _, err := c.Users.Get(ctx, ".."); return err }},
		{"remove blank ID", func() error { _, err := c.Users.Remove(ctx, "  "); return err }},
		{"update to admin", func() error {
			_, err := c.Users.Update(ctx, "user_1", admin.UserUpdateParams{Role: admin.OrgRoleAdmin})
			return err
		}},
		{"update without role", func() error { _, err := c.Users.Update(ctx, "user_1", admin.UserUpdateParams{}); return err }},
		{"list limit too big", func() error {
			_, err := c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1001}}).Page(ctx)
			return err
		}},
		{"list negative limit", func() error {
			_, err := c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: -1}}).Page(ctx)
			return err
		}},
		{"list both cursors", func() error {
			_, err := c.Users.List(admin.UserListParams{Cursor: admin.Cursor{AfterID: "a", BeforeID: "b"}}).Page(ctx)
			return err
		}},
	})
}

func TestOrgRoleCheckAssignable(t *testing.T) {
	tests := []struct {
		role admin.OrgRole
		ok   bool
	}{
		{admin.OrgRoleUser, true}, {admin.OrgRoleDeveloper, true}, {admin.OrgRoleBilling, true}, {admin.OrgRoleClaudeCodeUser, true},
		{admin.OrgRoleAdmin, false}, {admin.OrgRoleOwner, false}, {admin.OrgRolePrimaryOwner, false}, {admin.OrgRoleMembershipAdmin, false}, {"", false},
	}
	for _, tt := range tests {
		err := tt.role.CheckAssignable()
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, admin.ErrInvalidParam)) {
			t.Errorf("%q.CheckAssignable() = %v, want ok=%v", tt.role, err, tt.ok)
		}
	}
}
