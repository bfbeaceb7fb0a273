package admintest

import (
	"net/mail"
	"slices"
	"strings"
	"time"
)

// inviteLifetime is how long an invite stays pending.
const inviteLifetime = 21 * 24 * time.Hour

// refresh marks pending invites whose time has passed as expired.
func (inv *invite) refresh(now time.Time) {
	if inv.Status == "pending" && now.After(time.Time(inv.ExpiresAt)) {
		inv.Status = "expired"
	}
}

func listInvites(c *call) (any, *apiError) {
	email, roles, statuses := c.q.Get("email"), c.q["roles[]"], c.q["statuses[]"]
	for _, s := range statuses {
		if s != "pending" && s != "accepted" && s != "expired" {
			return nil, errInvalid("statuses: %q is not one of pending, accepted, expired", s)
		}
	}
	var matched []*invite
	for _, inv := range c.st.invites {
		inv.refresh(c.now)
		if (email == "" || strings.EqualFold(inv.Email, email)) &&
			(len(roles) == 0 || slices.Contains(roles, inv.Role)) &&
			(len(statuses) == 0 || slices.Contains(statuses, inv.Status)) {
			matched = append(matched, inv)
		}
	}
	return idPage(matched, func(i *invite) string { return i.ID }, c.q)
}

func (c *call) inviteFromPath() (*invite, *apiError) {
	id := c.path("invite_id")
	inv := find(c.st.invites, func(i *invite) bool { return i.ID == id })
	if inv == nil {
		return nil, errNotFound("invite %q not found", id)
	}
	inv.refresh(c.now)
	return inv, nil
}

func getInvite(c *call) (any, *apiError) { return c.inviteFromPath() }

func createInvite(c *call) (any, *apiError) {
	var body struct {
		Email        *string  `json:"email"`
		Role         *string  `json:"role"`
		RBACGroupIDs []string `json:"rbac_group_ids"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	switch {
	case body.Email == nil:
		return nil, errInvalid("email: Field required")
	case body.Role == nil:
		return nil, errInvalid("role: Field required")
	}
	if err := c.inviteGroups(body.RBACGroupIDs); err != nil {
		return nil, err
	}
	if addr, err := mail.ParseAddress(*body.Email); err != nil || addr.Address != *body.Email {
		return nil, errInvalid("email: %q is not a valid email address", *body.Email)
	}
	if err := checkAssignable(*body.Role); err != nil {
		return nil, err
	}
	if c.st.userByEmail(*body.Email) != nil {
		return nil, &apiError{status: 400, typ: "invalid_request_error", code: "already_member", msg: "the email address already belongs to a member of the organization"}
	}
	for _, inv := range c.st.invites {
		inv.refresh(c.now)
		if inv.Status == "pending" && strings.EqualFold(inv.Email, *body.Email) {
			return nil, &apiError{status: 400, typ: "invalid_request_error", code: "invite_already_exists", msg: "a pending invite for this email address already exists"}
		}
	}
	inv := &invite{ID: c.st.ids.next("invite_"), Type: "invite", Email: *body.Email, Role: *body.Role, Status: "pending",
		InvitedAt: stamp(c.now), ExpiresAt: stamp(c.now.Add(inviteLifetime)), RBACGroupIDs: append([]string{}, body.RBACGroupIDs...)}
	c.st.invites = append([]*invite{inv}, c.st.invites...) // most recent first
	return inv, nil
}

func deleteInvite(c *call) (any, *apiError) {
	inv, err := c.inviteFromPath()
	if err != nil {
		return nil, err
	}
	if inv.Status == "accepted" {
		return nil, errInvalid("invite %s was accepted; only pending or expired invites can be deleted", inv.ID)
	}
	c.st.invites = slices.DeleteFunc(c.st.invites, func(x *invite) bool { return x == inv })
	return map[string]any{"id": inv.ID, "type": "invite_deleted"}, nil
}
