package admin

import (
	"context"
	"time"
)

// ClaudeCodeSettingsService manages the Claude Code managed settings the
// organization serves its members: one document for everyone (mode
// organization), or one per RBAC group, highest precedence first, with a
// default for members in none of them (mode rbac_groups). A settings
// document is a JSON object of Claude Code settings, at most 1 MiB as
// stored.
type ClaudeCodeSettingsService struct{ client *Client }

// BetaClaudeCodeManagedSettings is the beta value every managed settings
// call needs; the client sends it itself.
const BetaClaudeCodeManagedSettings = "ce-claude-code-managed-settings-2026-10-06"

// ManagedSettingsModeType is how the organization serves managed settings.
type ManagedSettingsModeType string

const (
	// ManagedSettingsOrganization: one document for every member.
	ManagedSettingsOrganization ManagedSettingsModeType = "organization"
	// ManagedSettingsRBACGroups: each member gets the document of their
	// highest-precedence group with one, or the default.
	ManagedSettingsRBACGroups ManagedSettingsModeType = "rbac_groups"
)

// ManagedSettingsMode is the mode object on the wire ({"type": ...}).
type ManagedSettingsMode struct {
	Type ManagedSettingsModeType `json:"type"`
}

// ManagedSettingsConfiguration is the mode and the order of the groups.
type ManagedSettingsConfiguration struct {
	Type string              `json:"type"` // "claude_code_managed_settings_configuration"
	Mode ManagedSettingsMode `json:"mode"`
	// ModeUpdatedAt is when the mode last changed; nil if it never has.
	ModeUpdatedAt *time.Time `json:"mode_updated_at"`
	// RBACGroupOrder is every group with settings, deleted groups too,
	// highest precedence first.
	RBACGroupOrder []string `json:"rbac_group_order"`
	// RBACGroupOrderVersion changes whenever the order does; a reorder
	// sends the version it read, so that it cannot undo a change it did
	// not see.
	RBACGroupOrderVersion string `json:"rbac_group_order_version"`
	raw
}

func (c *ManagedSettingsConfiguration) UnmarshalJSON(data []byte) error {
	type plain ManagedSettingsConfiguration
	return decodeKeepingRaw(data, (*plain)(c), &c.raw)
}

// ManagedSettingsDefault is the document members in no group of the order
// receive in rbac_groups mode.
type ManagedSettingsDefault struct {
	Type string `json:"type"` // "claude_code_rbac_group_default_managed_settings"
	// Settings is the document; nil when none is set (UpdatedAt nil too)
	// or the stored one can no longer be read (UpdatedAt set).
	Settings  map[string]any `json:"settings"`
	UpdatedAt *time.Time     `json:"updated_at"`
	raw
}

func (d *ManagedSettingsDefault) UnmarshalJSON(data []byte) error {
	type plain ManagedSettingsDefault
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// RBACGroupStatusType says whether a group with settings still exists.
type RBACGroupStatusType string

const (
	RBACGroupStatusActive  RBACGroupStatusType = "active"
	RBACGroupStatusDeleted RBACGroupStatusType = "deleted"
	// RBACGroupStatusUnknown: it could not be checked just now.
	RBACGroupStatusUnknown RBACGroupStatusType = "unknown"
)

// RBACGroupStatus is the status object on the wire ({"type": ...}).
type RBACGroupStatus struct {
	Type RBACGroupStatusType `json:"type"`
}

// ManagedSettingsGroupSummary is a group with settings, in a list.
type ManagedSettingsGroupSummary struct {
	Type            string          `json:"type"` // "claude_code_rbac_group_managed_settings_summary"
	RBACGroupID     string          `json:"rbac_group_id"`
	RBACGroupStatus RBACGroupStatus `json:"rbac_group_status"`
	// CreatedAt is when the group's document was first stored; UpdatedAt
	// when it or the group's place in the order last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	raw
}

func (g *ManagedSettingsGroupSummary) UnmarshalJSON(data []byte) error {
	type plain ManagedSettingsGroupSummary
	return decodeKeepingRaw(data, (*plain)(g), &g.raw)
}

// ManagedSettingsGroup is a group's settings document.
type ManagedSettingsGroup struct {
	Type            string          `json:"type"` // "claude_code_rbac_group_managed_settings"
	RBACGroupID     string          `json:"rbac_group_id"`
	RBACGroupStatus RBACGroupStatus `json:"rbac_group_status"`
	// Settings is nil when the stored document can no longer be read.
	Settings  map[string]any `json:"settings"`
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
	raw
}

func (g *ManagedSettingsGroup) UnmarshalJSON(data []byte) error {
	type plain ManagedSettingsGroup
	return decodeKeepingRaw(data, (*plain)(g), &g.raw)
}

// ManagedSettingsGroupDeleted is the answer to DeleteGroup.
type ManagedSettingsGroupDeleted struct {
	Type        string `json:"type"` // "claude_code_rbac_group_managed_settings_deleted"
	RBACGroupID string `json:"rbac_group_id"`
	raw
}

func (d *ManagedSettingsGroupDeleted) UnmarshalJSON(data []byte) error {
	type plain ManagedSettingsGroupDeleted
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// Configuration returns the mode and group order (GET
// /v1/organizations/claude_code/managed_settings/configuration).
func (s *ClaudeCodeSettingsService) Configuration(ctx context.Context, opts ...Option) (*ManagedSettingsConfiguration, error) {
	return call[ManagedSettingsConfiguration](ctx, s.client, "GET", "/v1/organizations/claude_code/managed_settings/configuration", nil, nil, opts)
}

// ManagedSettingsConfigurationParams changes the mode, the group order or
// both in one write.
type ManagedSettingsConfigurationParams struct {
	// Mode is the new mode; "" leaves it.
	Mode ManagedSettingsModeType
	// RBACGroupOrder is every group that has settings, each once, highest
	// precedence first; nil leaves the order. It needs
	// RBACGroupOrderVersion, the version of the configuration it was made
	// from.
	RBACGroupOrder        []string
	RBACGroupOrderVersion string
}

type managedSettingsConfigurationBody struct {
	Mode                  *ManagedSettingsMode `json:"mode,omitempty"`
	RBACGroupOrder        []string             `json:"rbac_group_order,omitempty"`
	RBACGroupOrderVersion string               `json:"rbac_group_order_version,omitempty"`
}

// UpdateConfiguration changes the mode, the order or both (POST
// /v1/organizations/claude_code/managed_settings/configuration).
func (s *ClaudeCodeSettingsService) UpdateConfiguration(ctx context.Context, params ManagedSettingsConfigurationParams, opts ...Option) (*ManagedSettingsConfiguration, error) {
	order, version := params.RBACGroupOrder != nil, params.RBACGroupOrderVersion != ""
	switch {
	case order && !version:
		return nil, paramErr("rbac_group_order_version", "is required with rbac_group_order: the version the order was read at")
	case version && !order:
		return nil, paramErr("rbac_group_order", "is required with rbac_group_order_version")
	case params.Mode == "" && !order:
		return nil, invalidParam("nothing to change: give a Mode, an RBACGroupOrder, or both")
	}
	seen := map[string]bool{}
	for _, id := range params.RBACGroupOrder {
		if err := checkID("rbac_group_order", id); err != nil {
			return nil, err
		}
		if seen[id] {
			return nil, paramErr("rbac_group_order", "lists %s twice", id)
		}
		seen[id] = true
	}
	body := managedSettingsConfigurationBody{RBACGroupOrder: params.RBACGroupOrder, RBACGroupOrderVersion: params.RBACGroupOrderVersion}
	if params.Mode != "" {
		body.Mode = &ManagedSettingsMode{Type: params.Mode}
	}
	return call[ManagedSettingsConfiguration](ctx, s.client, "POST", "/v1/organizations/claude_code/managed_settings/configuration", nil, body, opts)
}

// Default returns the default document (GET
// /v1/organizations/claude_code/managed_settings/rbac_group_default).
func (s *ClaudeCodeSettingsService) Default(ctx context.Context, opts ...Option) (*ManagedSettingsDefault, error) {
	return call[ManagedSettingsDefault](ctx, s.client, "GET", "/v1/organizations/claude_code/managed_settings/rbac_group_default", nil, nil, opts)
}

type managedSettingsBody struct {
	Settings Optional[map[string]any] `json:"settings"`
}

// SetDefault replaces the default document with Set(doc), or removes it
// with Clear (POST, same path). An empty document is a document: it does
// not remove the default.
func (s *ClaudeCodeSettingsService) SetDefault(ctx context.Context, settings Optional[map[string]any], opts ...Option) (*ManagedSettingsDefault, error) {
	if settings.IsZero() {
		return nil, paramErr("settings", "is required: Set(document), or Clear to remove the default")
	}
	if doc, ok := settings.Get(); ok && doc == nil {
		settings = Set(map[string]any{})
	}
	return call[ManagedSettingsDefault](ctx, s.client, "POST", "/v1/organizations/claude_code/managed_settings/rbac_group_default", nil,
		managedSettingsBody{Settings: settings}, opts)
}

// maxSettingsGroupPage is the largest page of groups with settings.
const maxSettingsGroupPage = 100

// ManagedSettingsGroupListParams pages the groups: Limit 1 to 100 (0 for
// 20).
type ManagedSettingsGroupListParams struct {
	PageCursor
}

// Groups lists the groups with settings, highest precedence first (GET
// /v1/organizations/claude_code/managed_settings/rbac_groups).
func (s *ClaudeCodeSettingsService) Groups(params ManagedSettingsGroupListParams, opts ...Option) *List[ManagedSettingsGroupSummary] {
	q, err := params.PageCursor.query(maxSettingsGroupPage)
	if err != nil {
		return failedList[ManagedSettingsGroupSummary](err)
	}
	return tokenList[ManagedSettingsGroupSummary](s.client, "/v1/organizations/claude_code/managed_settings/rbac_groups", q, opts)
}

const settingsGroupPath = "/v1/organizations/claude_code/managed_settings/rbac_groups/{rbac_group_id}"

// Group returns an RBAC group's document (GET .../rbac_groups/{id}).
func (s *ClaudeCodeSettingsService) Group(ctx context.Context, rbacGroupID string, opts ...Option) (*ManagedSettingsGroup, error) {
	return call[ManagedSettingsGroup](ctx, s.client, "GET", settingsGroupPath, []string{rbacGroupID}, nil, opts)
}

// SetGroup creates or replaces an RBAC group's document (POST, same path).
// A group new to settings goes last in the order.
func (s *ClaudeCodeSettingsService) SetGroup(ctx context.Context, rbacGroupID string, settings map[string]any, opts ...Option) (*ManagedSettingsGroup, error) {
	if settings == nil {
		return nil, paramErr("settings", "is required (an empty map for an empty document); DeleteGroup removes a group's settings")
	}
	return call[ManagedSettingsGroup](ctx, s.client, "POST", settingsGroupPath, []string{rbacGroupID},
		managedSettingsBody{Settings: Set(settings)}, opts)
}

// DeleteGroup removes an RBAC group's document and takes the group out of
// the order (DELETE, same path).
func (s *ClaudeCodeSettingsService) DeleteGroup(ctx context.Context, rbacGroupID string, opts ...Option) (*ManagedSettingsGroupDeleted, error) {
	return call[ManagedSettingsGroupDeleted](ctx, s.client, "DELETE", settingsGroupPath, []string{rbacGroupID}, nil, opts)
}
