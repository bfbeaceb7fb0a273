package admin_test

import (
	"context"
	"net/url"
	"reflect"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

const inviteJSON = `{
  "id": "invite_015gWxCN9Hfg2QhZwTK7Mdeu",
  "type": "invite",
  "email": "grace@example.com",
  "role": "developer",
  "status": "pending",
  "invited_at": "2025-03-04T10:15:00.123456Z",
  "expires_at": "2025-03-25T10:15:00.123456Z",
  "accepted_at": null,
  "rbac_group_ids": []
}`

const acceptedInviteJSON = `{
  "id": "invite_01AcceptedXYZ",
  "type": "invite",
  "email": "linus@example.com",
  "role": "user",
  "status": "accepted",
  "invited_at": "2025-02-01T08:00:00Z",
  "expires_at": "2025-02-22T08:00:00Z",
  "accepted_at": "2025-02-03T09:30:00Z",
  "rbac_group_ids": ["rbac_group_01Eng", "rbac_group_02Ops"]
}`

// checkPendingInvite asserts every field of inviteJSON decoded.
func checkPendingInvite(t *testing.T, inv *admin.Invite) {
	t.Helper()
	if inv.ID != "invite_015gWxCN9Hfg2QhZwTK7Mdeu" || inv.Type != "invite" || inv.Email != "grace@example.com" ||
		inv.Role != admin.OrgRoleDeveloper || inv.Status != admin.InviteStatusPending {
		t.Errorf("invite = %+v", inv)
	}
	if !inv.InvitedAt.Equal(mustTime(t, "2025-03-04T10:15:00.123456Z")) || !inv.ExpiresAt.Equal(mustTime(t, "2025-03-25T10:15:00.123456Z")) {
		t.Errorf("InvitedAt = %v, ExpiresAt = %v", inv.InvitedAt, inv.ExpiresAt)
	}
	if inv.AcceptedAt != nil {
		t.Errorf("AcceptedAt = %v, want nil", inv.AcceptedAt)
	}
	if inv.RBACGroupIDs == nil || len(inv.RBACGroupIDs) != 0 {
		t.Errorf("RBACGroupIDs = %#v, want empty", inv.RBACGroupIDs)
	}
	jsonEqual(t, inv.RawJSON(), []byte(inviteJSON))
}

func TestInvitesList(t *testing.T) {
	future := `{"id":"invite_03Future","type":"invite","email":"f@example.com","role":"auditor","status":"revoked",` +
		`"invited_at":"2025-04-01T00:00:00Z","expires_at":"2025-04-22T00:00:00Z","accepted_at":null,"rbac_group_ids":[],"sent_by":"user_9"}`
	api := newFakeAPI(t, reply{Body: `{"data":[` + inviteJSON + `,` + acceptedInviteJSON + `,` + future + `],` +
		`"has_more":false,"first_id":"invite_015gWxCN9Hfg2QhZwTK7Mdeu","last_id":"invite_03Future"}`})
	invites, err := api.client().Invites.List(admin.InviteListParams{
		Cursor:   admin.Cursor{Limit: 50},
		Email:    "grace@example.com",
		Roles:    []admin.OrgRole{admin.OrgRoleDeveloper, admin.OrgRoleUser},
		Statuses: []admin.InviteStatus{admin.InviteStatusPending, admin.InviteStatusAccepted},
	}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want{Method: "GET", Path: "/v1/organizations/invites", Query: url.Values{
		"limit":      {"50"},
		"email":      {"grace@example.com"},
		"roles[]":    {"developer", "user"},
		"statuses[]": {"pending", "accepted"},
	}}.check(t, api.only())
	if len(invites) != 3 {
		t.Fatalf("got %d invites, want 3", len(invites))
	}
	checkPendingInvite(t, &invites[0])

	accepted := invites[1]
	if accepted.Status != admin.InviteStatusAccepted || accepted.AcceptedAt == nil ||
		!accepted.AcceptedAt.Equal(mustTime(t, "2025-02-03T09:30:00Z")) {
		t.Errorf("accepted invite: status %q, AcceptedAt %v", accepted.Status, accepted.AcceptedAt)
	}
	if !reflect.DeepEqual(accepted.RBACGroupIDs, []string{"rbac_group_01Eng", "rbac_group_02Ops"}) {
		t.Errorf("RBACGroupIDs = %v", accepted.RBACGroupIDs)
	}

	if invites[2].Role != "auditor" || invites[2].Status != "revoked" {
		t.Errorf("unknown enum values decoded as role %q, status %q", invites[2].Role, invites[2].Status)
	}
	if got := string(invites[2].RawJSON()); !contains(got, `"sent_by":"user_9"`) {
		t.Errorf("RawJSON lost an unknown field: %s", got)
	}
}

func TestInvitesListWalksPages(t *testing.T) {
	api := newFakeAPI(t,
		reply{Body: `{"data":[` + inviteJSON + `],"has_more":true,"first_id":"invite_015gWxCN9Hfg2QhZwTK7Mdeu","last_id":"invite_015gWxCN9Hfg2QhZwTK7Mdeu"}`},
		reply{Body: `{"data":[` + acceptedInviteJSON + `],"has_more":false,"first_id":"invite_01AcceptedXYZ","last_id":"invite_01AcceptedXYZ"}`},
	)
	var ids []string
	for inv, err := range api.client().Invites.List(admin.InviteListParams{Cursor: admin.Cursor{Limit: 1}, Statuses: []admin.InviteStatus{admin.InviteStatusPending}}).All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, inv.ID)
	}
	if !reflect.DeepEqual(ids, []string{"invite_015gWxCN9Hfg2QhZwTK7Mdeu", "invite_01AcceptedXYZ"}) {
		t.Errorf("ids = %v", ids)
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("server got %d requests, want 2", len(reqs))
	}
	want{Method: "GET", Path: "/v1/organizations/invites", Query: url.Values{"limit": {"1"}, "statuses[]": {"pending"}}}.check(t, reqs[0])
	want{Method: "GET", Path: "/v1/organizations/invites", Query: url.Values{
		"limit": {"1"}, "statuses[]": {"pending"}, "after_id": {"invite_015gWxCN9Hfg2QhZwTK7Mdeu"},
	}}.check(t, reqs[1])
}

func TestInvitesGetCreateDelete(t *testing.T) {
	tests := []endpointCase{
		{
			name:  "get",
			reply: inviteJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Invites.Get(context.Background(), "invite_015gWxCN9Hfg2QhZwTK7Mdeu")
			},
			want: want{Method: "GET", Path: "/v1/organizations/invites/invite_015gWxCN9Hfg2QhZwTK7Mdeu"},
		},
		{
			name:  "create leaves out empty rbac_group_ids",
			reply: inviteJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Invites.Create(context.Background(), admin.InviteCreateParams{Email: "grace@example.com", Role: admin.OrgRoleDeveloper})
			},
			want: want{Method: "POST", Path: "/v1/organizations/invites", Body: `{"email":"grace@example.com","role":"developer"}`},
		},
		{
			name:  "create with rbac groups",
			reply: inviteJSON,
			call: func(c *admin.Client) (any, error) {
				return c.Invites.Create(context.Background(), admin.InviteCreateParams{
					Email: "grace@example.com", Role: admin.OrgRoleDeveloper, RBACGroupIDs: []string{"rbac_group_01Eng"},
				})
			},
			want: want{Method: "POST", Path: "/v1/organizations/invites",
				Body: `{"email":"grace@example.com","role":"developer","rbac_group_ids":["rbac_group_01Eng"]}`},
		},
		{
			name:  "delete",
			reply: `{"id":"invite_015gWxCN9Hfg2QhZwTK7Mdeu","type":"invite_deleted"}`,
			call: func(c *admin.Client) (any, error) {
				return c.Invites.Delete(context.Background(), "invite_015gWxCN9Hfg2QhZwTK7Mdeu")
			},
			want: want{Method: "DELETE", Path: "/v1/organizations/invites/invite_015gWxCN9Hfg2QhZwTK7Mdeu"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			switch v := tt.run(t).(type) {
			case *admin.Invite:
				checkPendingInvite(t, v)
			case *admin.InviteDeleted:
				if v.ID != "invite_015gWxCN9Hfg2QhZwTK7Mdeu" || v.Type != "invite_deleted" {
					t.Errorf("deleted = %+v", v)
				}
				jsonEqual(t, v.RawJSON(), []byte(tt.reply))
			default:
				t.Fatalf("unexpected result %T", v)
			}
		})
	}
}

func TestInvitesBadInputSendsNothing(t *testing.T) {
	api := newFakeAPI(t)
	c := api.client()
	ctx := context.Background()
	create := func(p admin.InviteCreateParams) func() error {
		return func() error { _, err := c.Invites.Create(ctx, p); return err }
	}
	tests := []refusal{
		{"get empty ID", func() error { _, err := c.Invites.Get(ctx, ""); return err }},
		{"get ID with slash", func() error { _, err := c.Invites.Get(ctx, "invite_1/../../users"); return err }},
		{"delete blank ID", func() error { _, err := c.Invites.Delete(ctx, " "); return err }},
		{"delete ID with query", func() error { _, err := c.Invites.Delete(ctx, "invite_1?x=1"); return err }},
		{"create without email", create(admin.InviteCreateParams{Role: admin.OrgRoleUser})},
		{"create with a non-address", create(admin.InviteCreateParams{Email: "grace", Role: admin.OrgRoleUser})},
		{"create with a named address", create(admin.InviteCreateParams{Email: "Grace <grace@example.com>", Role: admin.OrgRoleUser})},
		{"create with spaces around the address", create(admin.InviteCreateParams{Email: " grace@example.com ", Role: admin.OrgRoleUser})},
		{"create without role", create(admin.InviteCreateParams{Email: "grace@example.com"})},
		{"create as admin", create(admin.InviteCreateParams{Email: "grace@example.com", Role: admin.OrgRoleAdmin})},
		{"create as primary owner", create(admin.InviteCreateParams{Email: "grace@example.com", Role: admin.OrgRolePrimaryOwner})},
		{"create with an empty group ID", create(admin.InviteCreateParams{Email: "grace@example.com", Role: admin.OrgRoleUser, RBACGroupIDs: []string{""}})},
		{"list limit too big", func() error {
			_, err := c.Invites.List(admin.InviteListParams{Cursor: admin.Cursor{Limit: 1001}}).Page(ctx)
			return err
		}},
		{"list both cursors", func() error {
			_, err := c.Invites.List(admin.InviteListParams{Cursor: admin.Cursor{AfterID: "a", BeforeID: "b"}}).Page(ctx)
			return err
		}},
	}
	checkRefusals(t, api, tests)
}

// refusal is a call that must fail with ErrInvalidParam before sending.
