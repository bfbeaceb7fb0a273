package admin

import (
	"context"
	"net/mail"
	"net/url"
	"strings"
	"time"
)

// InviteStatus is where an invite stands. The API may add statuses; unknown
// values decode as they are.
type InviteStatus string

const (
	InviteStatusPending  InviteStatus = "pending"
	InviteStatusAccepted InviteStatus = "accepted"
	InviteStatusExpired  InviteStatus = "expired"
	InviteStatusDeleted  InviteStatus = "deleted"
)

// Invite is an invitation to join the organization, sent by email.
type Invite struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	Email      string       `json:"email"`
	Role       OrgRole      `json:"role"`
	Status     InviteStatus `json:"status"`
	InvitedAt  time.Time    `json:"invited_at"`
	ExpiresAt  time.Time    `json:"expires_at"`
	AcceptedAt *time.Time   `json:"accepted_at"` // nil until the invite is accepted
	// RBACGroupIDs are the groups the user joins on accepting (Claude
	// Enterprise organizations only).
	RBACGroupIDs []string `json:"rbac_group_ids"`
	raw
}

func (i *Invite) UnmarshalJSON(data []byte) error {
	type plain Invite
	return decodeKeepingRaw(data, (*plain)(i), &i.raw)
}

// InviteDeleted confirms that an invite was deleted.
type InviteDeleted struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	raw
}

func (d *InviteDeleted) UnmarshalJSON(data []byte) error {
	type plain InviteDeleted
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// InviteListParams filters and pages Invites.List. The most recent invites
// come first.
type InviteListParams struct {
	Cursor
	Email string
	Roles []OrgRole
	// Statuses keeps invites in any of these states; none means pending,
	// accepted and expired alike.
	Statuses []InviteStatus
}

// InviteCreateParams is the body of Invites.Create.
type InviteCreateParams struct {
	Email string  `json:"email"` // a bare address, such as ada@example.com
	Role  OrgRole `json:"role"`  // admin and owner roles cannot be assigned through the API
	// RBACGroupIDs are groups to add the user to on accepting; Claude
	// Enterprise organizations only.
	RBACGroupIDs []string `json:"rbac_group_ids,omitempty"`
}

// check refuses an invite the API would reject for its form alone.
func (p InviteCreateParams) check() error {
	if strings.TrimSpace(p.Email) == "" {
		return paramErr("email", "must not be empty")
	}
	// ParseAddress also takes "Name <addr>" forms; the API wants the address
	// alone, so the parsed address must be the whole input.
	if a, err := mail.ParseAddress(p.Email); err != nil || a.Address != p.Email {
		return paramErr("email", "%q is not a plain email address", p.Email)
	}
	if err := p.Role.CheckAssignable(); err != nil {
		return err
	}
	for _, id := range p.RBACGroupIDs {
		if strings.TrimSpace(id) == "" {
			return paramErr("rbac_group_ids", "holds an empty ID")
		}
	}
	return nil
}

// InvitesService manages invitations to the organization.
type InvitesService struct{ client *Client }

// List lists the organization's invites.
func (s *InvitesService) List(params InviteListParams, opts ...Option) *List[Invite] {
	q, err := params.Cursor.query()
	if err != nil {
		return failedList[Invite](err)
	}
	q.str("email", params.Email)
	list(q, "roles", params.Roles)
	list(q, "statuses", params.Statuses)
	return newList[Invite](s.client, "/v1/organizations/invites", url.Values(q), idCursor, opts)
}

// Get returns one invite.
func (s *InvitesService) Get(ctx context.Context, inviteID string, opts ...Option) (*Invite, error) {
	return call[Invite](ctx, s.client, "GET", "/v1/organizations/invites/{invite_id}", []string{inviteID}, nil, opts)
}

// Create invites someone to the organization by email. Admin and owner roles
// cannot be given this way.
func (s *InvitesService) Create(ctx context.Context, params InviteCreateParams, opts ...Option) (*Invite, error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	return call[Invite](ctx, s.client, "POST", "/v1/organizations/invites", nil, params, opts)
}

// Delete withdraws a pending invite.
func (s *InvitesService) Delete(ctx context.Context, inviteID string, opts ...Option) (*InviteDeleted, error) {
	return call[InviteDeleted](ctx, s.client, "DELETE", "/v1/organizations/invites/{invite_id}", []string{inviteID}, nil, opts)
}
