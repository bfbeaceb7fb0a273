package admin

import "context"

// Organization is the organization the credential belongs to.
type Organization struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Name string `json:"name"`
	raw
}

func (o *Organization) UnmarshalJSON(data []byte) error {
	type plain Organization
	return decodeKeepingRaw(data, (*plain)(o), &o.raw)
}

// OrganizationService reads the organization itself.
type OrganizationService struct{ client *Client }

// Get returns the organization of the credential (GET /v1/organizations/me).
func (s *OrganizationService) Get(ctx context.Context, opts ...Option) (*Organization, error) {
	return call[Organization](ctx, s.client, "GET", "/v1/organizations/me", nil, nil, opts)
}
