package admin

import "context"

// ComplianceSettingsService reads and switches the organization's
// Compliance API.
type ComplianceSettingsService struct{ client *Client }

// ComplianceState is whether the Compliance API is on. The API may add
// states; unknown values decode as they are.
type ComplianceState string

const (
	ComplianceEnabled  ComplianceState = "enabled"
	ComplianceDisabled ComplianceState = "disabled"
)

// ComplianceStateValue is the union on Type the API sends as the state.
type ComplianceStateValue struct {
	Type ComplianceState `json:"type"`
}

// ComplianceSettings are the organization's compliance settings.
type ComplianceSettings struct {
	Type  string               `json:"type"` // "compliance_settings"
	State ComplianceStateValue `json:"state"`
	raw
}

func (s *ComplianceSettings) UnmarshalJSON(data []byte) error {
	type plain ComplianceSettings
	return decodeKeepingRaw(data, (*plain)(s), &s.raw)
}

// Enabled reports whether the Compliance API is on.
func (s *ComplianceSettings) Enabled() bool { return s.State.Type == ComplianceEnabled }

// ComplianceSettingsUpdateParams says the state to set.
type ComplianceSettingsUpdateParams struct {
	State ComplianceState // required: enabled or disabled
}

// Get returns the organization's compliance settings.
func (s *ComplianceSettingsService) Get(ctx context.Context, opts ...Option) (*ComplianceSettings, error) {
	return call[ComplianceSettings](ctx, s.client, "GET", "/v1/organizations/compliance_settings", nil, nil, opts)
}

// Update turns the Compliance API on or off. The state goes out in its
// object form ({"type": "enabled"}), the form the API answers in.
func (s *ComplianceSettingsService) Update(ctx context.Context, params ComplianceSettingsUpdateParams, opts ...Option) (*ComplianceSettings, error) {
	if params.State != ComplianceEnabled && params.State != ComplianceDisabled {
		return nil, paramErr("state", "must be enabled or disabled, not %q", params.State)
	}
	body := struct {
		State ComplianceStateValue `json:"state"`
	}{ComplianceStateValue{Type: params.State}}
	return call[ComplianceSettings](ctx, s.client, "POST", "/v1/organizations/compliance_settings", nil, body, opts)
}
