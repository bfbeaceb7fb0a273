package admin_test

import (
	"context"
	"net/url"
	"reflect"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

const (
	memberWorkspaceID = "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"
	memberUserID      = "user_01WCz1FkmYMm4gnmykNKUu3Q"
	memberJSON        = `{
  "type": "workspace_member",
  "user_id": "user_01WCz1FkmYMm4gnmykNKUu3Q",
  "workspace_id": "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ",
  "workspace_role": "workspace_developer"
}`
)

// memberFields is what a decoded member must hold, without its raw JSON.
func memberFields(m admin.WorkspaceMember) [4]string {
	return [4]string{m.Type, m.UserID, m.WorkspaceID, string(m.WorkspaceRole)}
}

func TestWorkspaceMembersList(t *testing.T) {
	api := newFakeAPI(t,
		reply{Body: `{"data":[` + memberJSON + `,{"type":"workspace_member","user_id":"user_02","workspace_id":"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ","workspace_role":"workspace_auditor","granted_by":"user_09"}],` +
			`"has_more":true,"first_id":"user_01WCz1FkmYMm4gnmykNKUu3Q","last_id":"user_02"}`},
		reply{Body: `{"data":[{"type":"workspace_member","user_id":"user_03","workspace_id":"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ","workspace_role":"workspace_billing"}],` +
			`"has_more":false,"first_id":"user_03","last_id":"user_03"}`},
	)
	members, err := api.client().Workspaces.Members.List(memberWorkspaceID, admin.WorkspaceMemberListParams{Cursor: admin.Cursor{Limit: 2}}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("sent %d requests, want 2", len(reqs))
	}
	path := "/v1/organizations/workspaces/" + memberWorkspaceID + "/members"
	want{Method: "GET", Path: path, Query: url.Values{"limit": {"2"}}}.check(t, reqs[0])
	want{Method: "GET", Path: path, Query: url.Values{"limit": {"2"}, "after_id": {"user_02"}}}.check(t, reqs[1])

	got := make([][4]string, len(members))
	for i, m := range members {
		got[i] = memberFields(m)
	}
	wantMembers := [][4]string{
		{"workspace_member", memberUserID, memberWorkspaceID, "workspace_developer"},
		{"workspace_member", "user_02", memberWorkspaceID, "workspace_auditor"}, // unknown role kept
		{"workspace_member", "user_03", memberWorkspaceID, "workspace_billing"},
	}
	if !reflect.DeepEqual(got, wantMembers) {
		t.Errorf("members = %v, want %v", got, wantMembers)
	}
	jsonEqual(t, members[0].RawJSON(), []byte(memberJSON))
	if raw := string(members[1].RawJSON()); !contains(raw, `"granted_by":"user_09"`) {
		t.Errorf("RawJSON lost an unknown field: %s", raw)
	}
}

func TestWorkspaceMembersListBackwards(t *testing.T) {
	api := newFakeAPI(t,
		reply{Body: `{"data":[` + memberJSON + `],"has_more":true,"first_id":"user_01WCz1FkmYMm4gnmykNKUu3Q","last_id":"user_01WCz1FkmYMm4gnmykNKUu3Q"}`},
		reply{Body: `{"data":[],"has_more":false,"first_id":null,"last_id":null}`},
	)
	members, err := api.client().Workspaces.Members.List(memberWorkspaceID, admin.WorkspaceMemberListParams{Cursor: admin.Cursor{BeforeID: "user_09"}}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 1 || members[0].UserID != memberUserID {
		t.Errorf("members = %v", members)
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("sent %d requests, want 2", len(reqs))
	}
	path := "/v1/organizations/workspaces/" + memberWorkspaceID + "/members"
	want{Method: "GET", Path: path, Query: url.Values{"before_id": {"user_09"}}}.check(t, reqs[0])
	want{Method: "GET", Path: path, Query: url.Values{"before_id": {memberUserID}}}.check(t, reqs[1])
}

func TestWorkspaceMembersGetAddUpdateRemove(t *testing.T) {
	ctx := context.Background()
	memberPath := "/v1/organizations/workspaces/" + memberWorkspaceID + "/members/" + memberUserID
	deletedJSON := `{"type":"workspace_member_deleted","user_id":"user_01WCz1FkmYMm4gnmykNKUu3Q","workspace_id":"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"}`
	tests := []endpointCase{
		{
			name:  "get",
			reply: memberJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Workspaces.Members.Get(ctx, admin.WorkspaceMemberRef{WorkspaceID: memberWorkspaceID, UserID: memberUserID})
			},
			want: want{Method: "GET", Path: memberPath},
		},
		{
			name:  "add",
			reply: memberJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Workspaces.Members.Add(ctx, memberWorkspaceID, admin.WorkspaceMemberAddParams{UserID: memberUserID, WorkspaceRole: admin.WorkspaceRoleDeveloper})
			},
			want: want{Method: "POST", Path: "/v1/organizations/workspaces/" + memberWorkspaceID + "/members",
				Body: `{"user_id":"user_01WCz1FkmYMm4gnmykNKUu3Q","workspace_role":"workspace_developer"}`},
		},
		{
			name:  "add with a role this version does not know",
			reply: memberJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Workspaces.Members.Add(ctx, memberWorkspaceID, admin.WorkspaceMemberAddParams{UserID: memberUserID, WorkspaceRole: "workspace_auditor"})
			},
			want: want{Method: "POST", Path: "/v1/organizations/workspaces/" + memberWorkspaceID + "/members",
				Body: `{"user_id":"user_01WCz1FkmYMm4gnmykNKUu3Q","workspace_role":"workspace_auditor"}`},
		},
		{
			name:  "update",
			reply: memberJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Workspaces.Members.Update(ctx, admin.WorkspaceMemberRef{WorkspaceID: memberWorkspaceID, UserID: memberUserID}, admin.WorkspaceMemberUpdateParams{WorkspaceRole: admin.WorkspaceRoleDeveloper})
			},
			want: want{Method: "POST", Path: memberPath, Body: `{"workspace_role":"workspace_developer"}`},
		},
		{
			name:  "update to billing is allowed",
			reply: memberJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Workspaces.Members.Update(ctx, admin.WorkspaceMemberRef{WorkspaceID: memberWorkspaceID, UserID: memberUserID}, admin.WorkspaceMemberUpdateParams{WorkspaceRole: admin.WorkspaceRoleBilling})
			},
			want: want{Method: "POST", Path: memberPath, Body: `{"workspace_role":"workspace_billing"}`},
		},
		{
			name:  "remove",
			reply: deletedJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Workspaces.Members.Remove(ctx, admin.WorkspaceMemberRef{WorkspaceID: memberWorkspaceID, UserID: memberUserID})
			},
			want: want{Method: "DELETE", Path: memberPath},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			switch v := tt.run(t).(type) {
			case *admin.WorkspaceMember:
				if f := memberFields(*v); f != [4]string{"workspace_member", memberUserID, memberWorkspaceID, "workspace_developer"} {
					t.Errorf("member = %v", f)
				}
				jsonEqual(t, v.RawJSON(), []byte(tt.reply))
			case *admin.WorkspaceMemberDeleted:
				if v.Type != "workspace_member_deleted" || v.UserID != memberUserID || v.WorkspaceID != memberWorkspaceID {
					t.Errorf("deleted = %+v", v)
				}
				jsonEqual(t, v.RawJSON(), []byte(tt.reply))
			default:
				t.Fatalf("unexpected result %T", v)
			}
		})
	}
}

func TestWorkspaceMembersEscapesIDs(t *testing.T) {
	api := newFakeAPI(t, reply{Body: memberJSON})
	if _, err := api.client().Workspaces.Members.Get(context.Background(), admin.WorkspaceMemberRef{WorkspaceID: "wrkspc 1", UserID: "user%01"}); err != nil {
		t.Fatal(err)
	}
	// The fake server reports the decoded path; a decoded "%01" proves the
	// percent sign was escaped rather than sent as an escape of its own.
	want{Method: "GET", Path: "/v1/organizations/workspaces/wrkspc 1/members/user%01"}.check(t, api.only())
}

func TestWorkspaceMembersBadInputSendsNothing(t *testing.T) {
	api := newFakeAPI(t)
	c := api.client()
	ctx := context.Background()
	add := func(workspaceID, userID string, role admin.WorkspaceRole) func() error {
		return func() error {
			_, err := c.Workspaces.Members.Add(ctx, workspaceID, admin.WorkspaceMemberAddParams{UserID: userID, WorkspaceRole: role})
			return err
		}
	}
	checkRefusals(t, api, []refusal{
		{"list empty workspace", func() error {
			_, err := c.Workspaces.Members.List("", admin.WorkspaceMemberListParams{}).Page(ctx)
			return err
		}},
		{"list workspace with slash", func() error {
			_, err := c.Workspaces.Members.List("wrkspc_1/../users", admin.WorkspaceMemberListParams{}).Page(ctx)
			return err
		}},
		{"list limit too big", func() error {
			_, err := c.Workspaces.Members.List("wrkspc_1", admin.WorkspaceMemberListParams{Cursor: admin.Cursor{Limit: 1001}}).Page(ctx)
			return err
		}},
		{"list both cursors", func() error {
			_, err := c.Workspaces.Members.List("wrkspc_1", admin.WorkspaceMemberListParams{Cursor: admin.Cursor{AfterID: "a", BeforeID: "b"}}).Page(ctx)
			return err
		}},
		{"get empty user", func() error {
			_, err := c.Workspaces.Members.Get(ctx, admin.WorkspaceMemberRef{WorkspaceID: "wrkspc_1", UserID: ""})
			return err
		}},
		{"get empty workspace", func() error {
			_, err := c.Workspaces.Members.Get(ctx, admin.WorkspaceMemberRef{WorkspaceID: "", UserID: "user_1"})
			return err
		}},
		{"remove user with dots", func() error {
			_, err := c.Workspaces.Members.Remove(ctx, admin.WorkspaceMemberRef{WorkspaceID: "wrkspc_1", UserID: ".."})
			return err
		}},
		{"add billing", add("wrkspc_1", "user_1", admin.WorkspaceRoleBilling)},
		{"add without role", add("wrkspc_1", "user_1", "")},
		{"add without user", add("wrkspc_1", "", admin.WorkspaceRoleUser)},
		{"add user with slash", add("wrkspc_1", "user_1/x", admin.WorkspaceRoleUser)},
		{"add to blank workspace", add(" ", "user_1", admin.WorkspaceRoleUser)},
		{"update without role", func() error {
			_, err := c.Workspaces.Members.Update(ctx, admin.WorkspaceMemberRef{WorkspaceID: "wrkspc_1", UserID: "user_1"}, admin.WorkspaceMemberUpdateParams{})
			return err
		}},
		{"update blank user", func() error {
			_, err := c.Workspaces.Members.Update(ctx, admin.WorkspaceMemberRef{WorkspaceID: "wrkspc_1", UserID: "\t"}, admin.WorkspaceMemberUpdateParams{WorkspaceRole: admin.WorkspaceRoleAdmin})
			return err
		}},
	})
}
