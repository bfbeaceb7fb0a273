package admin

import (
	"cmp"
	"context"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"
)

// ClaudeTagService manages Claude Tag, Claude in Slack (a beta: the client
// sends BetaClaudeTag itself): the Bundles of access Claude can use, where
// they are attached, and the settings of the Slack channels and workspaces
// it is set up in.
type ClaudeTagService struct {
	Bundles         *ClaudeTagBundlesService
	SlackChannels   *ClaudeTagSlackChannelsService
	SlackWorkspaces *ClaudeTagSlackWorkspacesService
}

// ClaudeTagBundlesService reads Bundles and changes their instructions;
// Targets attaches them to Slack channels and workspaces.
type ClaudeTagBundlesService struct {
	client  *Client
	Targets *ClaudeTagBundleTargetsService
}

// ClaudeTagBundleTargetsService attaches and detaches a Bundle.
type ClaudeTagBundleTargetsService struct{ client *Client }

// ClaudeTagSlackChannelsService sets Slack channels up for Claude Tag and
// manages their settings.
type ClaudeTagSlackChannelsService struct{ client *Client }

// ClaudeTagSlackWorkspacesService reads and changes the settings of the
// organization's Slack workspaces.
type ClaudeTagSlackWorkspacesService struct{ client *Client }

// BetaClaudeTag is the beta value every Claude Tag endpoint needs; the
// client sends it itself.
const BetaClaudeTag = "experimental-claude-tag-2026-10-21"

// ClaudeTagBundle is a named set of access (connectors, repositories,
// credentials) Claude can use where the Bundle is attached.
type ClaudeTagBundle struct {
	ID          string `json:"id"`
	Type        string `json:"type"` // "bundle"
	DisplayName string `json:"display_name"`
	Description string `json:"description"`
	// Instructions are added to every session that can use the Bundle.
	Instructions string    `json:"instructions"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
	raw
}

func (b *ClaudeTagBundle) UnmarshalJSON(data []byte) error {
	type plain ClaudeTagBundle
	return decodeKeepingRaw(data, (*plain)(b), &b.raw)
}

// ClaudeTagBundleTargetType is what a Bundle is attached to.
type ClaudeTagBundleTargetType string

const (
	ClaudeTagTargetSlackChannel   ClaudeTagBundleTargetType = "slack_channel"
	ClaudeTagTargetSlackWorkspace ClaudeTagBundleTargetType = "slack_workspace"
)

// ClaudeTagBundleTarget is one Bundle attached to a Slack channel (Type
// slack_channel, SlackChannelID) or a Slack workspace (Type
// slack_workspace, SlackWorkspaceID). An unknown Type decodes as it is.
type ClaudeTagBundleTarget struct {
	ID               string                    `json:"id"`
	Type             ClaudeTagBundleTargetType `json:"type"`
	SlackChannelID   string                    `json:"slack_channel_id,omitempty"`
	SlackWorkspaceID string                    `json:"slack_workspace_id,omitempty"`
	CreatedAt        time.Time                 `json:"created_at"`
	raw
}

func (t *ClaudeTagBundleTarget) UnmarshalJSON(data []byte) error {
	type plain ClaudeTagBundleTarget
	return decodeKeepingRaw(data, (*plain)(t), &t.raw)
}

// ClaudeTagDeleted is the answer to a detach or a removal: the ID the
// object had.
type ClaudeTagDeleted struct {
	ID   string `json:"id"`
	Type string `json:"type"` // "bundle_target_deleted", "slack_channel_deleted"
	raw
}

func (d *ClaudeTagDeleted) UnmarshalJSON(data []byte) error {
	type plain ClaudeTagDeleted
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// ClaudeTagGuestPolicy is what Claude does in a channel a Slack guest is in.
type ClaudeTagGuestPolicy string

const (
	ClaudeTagGuestsAllow       ClaudeTagGuestPolicy = "allow"
	ClaudeTagGuestsRestrict    ClaudeTagGuestPolicy = "restrict"
	ClaudeTagGuestsChannelOnly ClaudeTagGuestPolicy = "channel_only"
)

// ClaudeTagReplyMode is how Claude takes part in a channel.
type ClaudeTagReplyMode string

const (
	ClaudeTagReplyAutomatic   ClaudeTagReplyMode = "automatic"
	ClaudeTagReplyMentionOnly ClaudeTagReplyMode = "mention_only"
	ClaudeTagReplyAlwaysAwake ClaudeTagReplyMode = "always_awake"
	ClaudeTagReplyThread      ClaudeTagReplyMode = "thread"
)

// kind is a union variant that carries nothing but its type, as the guest
// policy and reply mode do on the wire: {"type": "allow"}.
type kind[T ~string] struct {
	Type T `json:"type"`
}

// ClaudeTagSettings are Claude Tag's settings for a channel or workspace.
type ClaudeTagSettings struct {
	Enabled bool `json:"enabled"`
	// EnvironmentID is an environment (env_...) or a self-hosted runner
	// pool (ccpool_...) Claude's sessions run in.
	EnvironmentID string `json:"environment_id"`
	Instructions  string `json:"instructions"`
	Model         string `json:"model"`
	GuestPolicy   ClaudeTagGuestPolicy
	// ReplyMode is "" when none is set.
	ReplyMode ClaudeTagReplyMode
}

// claudeTagSettingsWire is ClaudeTagSettings as it is sent: the guest
// policy and the reply mode are objects.
type claudeTagSettingsWire struct {
	Enabled       bool                       `json:"enabled"`
	EnvironmentID string                     `json:"environment_id"`
	Instructions  string                     `json:"instructions"`
	Model         string                     `json:"model"`
	GuestPolicy   kind[ClaudeTagGuestPolicy] `json:"guest_policy"`
	ReplyMode     *kind[ClaudeTagReplyMode]  `json:"reply_mode"`
}

func (s ClaudeTagSettings) MarshalJSON() ([]byte, error) {
	w := claudeTagSettingsWire{Enabled: s.Enabled, EnvironmentID: s.EnvironmentID, Instructions: s.Instructions, Model: s.Model,
		GuestPolicy: kind[ClaudeTagGuestPolicy]{s.GuestPolicy}}
	if s.ReplyMode != "" {
		w.ReplyMode = &kind[ClaudeTagReplyMode]{s.ReplyMode}
	}
	return json.Marshal(w)
}

func (s *ClaudeTagSettings) UnmarshalJSON(data []byte) error {
	var w claudeTagSettingsWire
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*s = ClaudeTagSettings{Enabled: w.Enabled, EnvironmentID: w.EnvironmentID, Instructions: w.Instructions, Model: w.Model,
		GuestPolicy: w.GuestPolicy.Type}
	if w.ReplyMode != nil {
		s.ReplyMode = w.ReplyMode.Type
	}
	return nil
}

// ClaudeTagSourceType is the settings level a value comes from.
type ClaudeTagSourceType string

const (
	ClaudeTagSourceSlackChannel       ClaudeTagSourceType = "slack_channel"
	ClaudeTagSourceSlackWorkspace     ClaudeTagSourceType = "slack_workspace"
	ClaudeTagSourceSlackParentChannel ClaudeTagSourceType = "slack_parent_channel"
	ClaudeTagSourceSlackDefault       ClaudeTagSourceType = "slack_default"
	ClaudeTagSourceDefault            ClaudeTagSourceType = "default"
	ClaudeTagSourceSlackGridChannel   ClaudeTagSourceType = "slack_grid_channel"
)

// ClaudeTagSettingSource is one settings level: a channel (slack_channel,
// slack_parent_channel: SlackChannelID), a workspace (slack_workspace:
// SlackWorkspaceID), the channel under another workspace of its Enterprise
// Grid (slack_grid_channel: Slack), the organization's Slack defaults
// (slack_default) or the built-in default (default).
type ClaudeTagSettingSource struct {
	Type             ClaudeTagSourceType       `json:"type"`
	SlackChannelID   string                    `json:"slack_channel_id,omitempty"`
	SlackWorkspaceID string                    `json:"slack_workspace_id,omitempty"`
	Slack            *ClaudeTagSlackChannelIDs `json:"slack,omitempty"`
}

// ClaudeTagSettingSources says, for each setting, the level its value
// comes from; Instructions lists every level that adds text, broadest
// first.
type ClaudeTagSettingSources struct {
	Enabled       ClaudeTagSettingSource   `json:"enabled"`
	EnvironmentID ClaudeTagSettingSource   `json:"environment_id"`
	GuestPolicy   ClaudeTagSettingSource   `json:"guest_policy"`
	Instructions  []ClaudeTagSettingSource `json:"instructions"`
	Model         ClaudeTagSettingSource   `json:"model"`
	ReplyMode     ClaudeTagSettingSource   `json:"reply_mode"`
}

// ClaudeTagSlackChannelIDs are Slack's own identifiers of a channel:
// ChannelID (C... or G...) and its workspace's WorkspaceID (T...).
type ClaudeTagSlackChannelIDs struct {
	ChannelID   string `json:"channel_id"`
	WorkspaceID string `json:"workspace_id"`
}

// ClaudeTagSlackWorkspaceIDs is Slack's own identifier of a workspace.
type ClaudeTagSlackWorkspaceIDs struct {
	WorkspaceID string `json:"workspace_id"`
}

// ClaudeTagSlackChannel is a Slack channel set up for Claude Tag: the
// settings it stores or, read with IncludeInherited, those that apply in it.
type ClaudeTagSlackChannel struct {
	ID        string                   `json:"id"`
	Type      string                   `json:"type"` // "slack_channel"
	Slack     ClaudeTagSlackChannelIDs `json:"slack"`
	Settings  ClaudeTagSettings        `json:"settings"`
	Sources   ClaudeTagSettingSources  `json:"sources"`
	CreatedAt time.Time                `json:"created_at"`
	UpdatedAt time.Time                `json:"updated_at"`
	raw
}

func (c *ClaudeTagSlackChannel) UnmarshalJSON(data []byte) error {
	type plain ClaudeTagSlackChannel
	return decodeKeepingRaw(data, (*plain)(c), &c.raw)
}

// ClaudeTagSlackWorkspace is a Slack workspace the organization has
// connected, with the settings it stores or, with IncludeInherited, those
// that apply in it.
type ClaudeTagSlackWorkspace struct {
	ID        string                     `json:"id"`
	Type      string                     `json:"type"` // "slack_workspace"
	Slack     ClaudeTagSlackWorkspaceIDs `json:"slack"`
	Settings  ClaudeTagSettings          `json:"settings"`
	Sources   ClaudeTagSettingSources    `json:"sources"`
	CreatedAt time.Time                  `json:"created_at"`
	UpdatedAt time.Time                  `json:"updated_at"`
	raw
}

func (w *ClaudeTagSlackWorkspace) UnmarshalJSON(data []byte) error {
	type plain ClaudeTagSlackWorkspace
	return decodeKeepingRaw(data, (*plain)(w), &w.raw)
}

// ClaudeTagListParams pages a Claude Tag list; Limit is at most 100.
type ClaudeTagListParams struct {
	PageCursor
}

// List returns the organization's Bundles, newest first.
func (s *ClaudeTagBundlesService) List(params ClaudeTagListParams, opts ...Option) *List[ClaudeTagBundle] {
	q, err := params.query(100)
	if err != nil {
		return failedList[ClaudeTagBundle](err)
	}
	return tokenList[ClaudeTagBundle](s.client, "/v1/organizations/claude_tag/bundles", q, opts)
}

// Get returns one Bundle (capp_...).
func (s *ClaudeTagBundlesService) Get(ctx context.Context, bundleID string, opts ...Option) (*ClaudeTagBundle, error) {
	return call[ClaudeTagBundle](ctx, s.client, "GET", "/v1/organizations/claude_tag/bundles/{bundle_id}", []string{bundleID}, nil, opts)
}

// ClaudeTagBundleUpdateParams changes a Bundle.
type ClaudeTagBundleUpdateParams struct {
	// Instructions replace the Bundle's, up to 10,000 bytes of UTF-8.
	Instructions Optional[string] `json:"instructions,omitzero"`
}

// Update changes a Bundle's instructions. Bundles whose instructions are
// managed in claude.ai are refused (bundle_on_call,
// bundle_attachment_not_supported).
func (s *ClaudeTagBundlesService) Update(ctx context.Context, bundleID string, params ClaudeTagBundleUpdateParams, opts ...Option) (*ClaudeTagBundle, error) {
	if err := noClear("instructions", params.Instructions, "a Bundle's instructions can be emptied, not removed"); err != nil {
		return nil, err
	}
	if v, _ := params.Instructions.Get(); len(v) > 10000 {
		return nil, paramErr("instructions", "is %d bytes; at most 10000", len(v))
	}
	return call[ClaudeTagBundle](ctx, s.client, "POST", "/v1/organizations/claude_tag/bundles/{bundle_id}", []string{bundleID}, params, opts)
}

// List returns where a Bundle is attached, newest first.
func (s *ClaudeTagBundleTargetsService) List(bundleID string, params ClaudeTagListParams, opts ...Option) *List[ClaudeTagBundleTarget] {
	q, err := params.query(100)
	if err != nil {
		return failedList[ClaudeTagBundleTarget](err)
	}
	return tokenListAt[ClaudeTagBundleTarget](s.client, "/v1/organizations/claude_tag/bundles/{bundle_id}/targets", []string{bundleID}, q, opts)
}

// ClaudeTagBundleTargetCreateParams names where to attach a Bundle: one
// of a Slack channel (slch_..., the channel object's ID) or a Slack
// workspace (slws_...).
type ClaudeTagBundleTargetCreateParams struct {
	SlackChannelID   string
	SlackWorkspaceID string
}

type bundleTargetBody struct {
	Type             ClaudeTagBundleTargetType `json:"type"`
	SlackChannelID   string                    `json:"slack_channel_id,omitempty"`
	SlackWorkspaceID string                    `json:"slack_workspace_id,omitempty"`
}

// Create attaches a Bundle. Attaching it again to the same target gives
// the same Bundle Target.
func (s *ClaudeTagBundleTargetsService) Create(ctx context.Context, bundleID string, params ClaudeTagBundleTargetCreateParams, opts ...Option) (*ClaudeTagBundleTarget, error) {
	body := bundleTargetBody{SlackChannelID: params.SlackChannelID, SlackWorkspaceID: params.SlackWorkspaceID}
	switch {
	case (body.SlackChannelID == "") == (body.SlackWorkspaceID == ""):
		return nil, paramErr("slack_channel_id", "give a Slack channel or a Slack workspace, one of them")
	case body.SlackChannelID != "":
		body.Type = ClaudeTagTargetSlackChannel
	default:
		body.Type = ClaudeTagTargetSlackWorkspace
	}
	if err := cmp.Or(checkIDIfSet("slack_channel_id", body.SlackChannelID), checkIDIfSet("slack_workspace_id", body.SlackWorkspaceID)); err != nil {
		return nil, err
	}
	return call[ClaudeTagBundleTarget](ctx, s.client, "POST", "/v1/organizations/claude_tag/bundles/{bundle_id}/targets", []string{bundleID}, body, opts)
}

func checkIDIfSet(param, id string) error {
	if id == "" {
		return nil
	}
	return checkID(param, id)
}

// ClaudeTagBundleTargetRef names one Bundle Target (btgt_...) of a Bundle.
type ClaudeTagBundleTargetRef struct {
	BundleID string
	TargetID string
}

// Get returns one Bundle Target.
func (s *ClaudeTagBundleTargetsService) Get(ctx context.Context, ref ClaudeTagBundleTargetRef, opts ...Option) (*ClaudeTagBundleTarget, error) {
	return call[ClaudeTagBundleTarget](ctx, s.client, "GET", "/v1/organizations/claude_tag/bundles/{bundle_id}/targets/{target_id}",
		[]string{ref.BundleID, ref.TargetID}, nil, opts)
}

// Delete detaches a Bundle from a channel or workspace.
func (s *ClaudeTagBundleTargetsService) Delete(ctx context.Context, ref ClaudeTagBundleTargetRef, opts ...Option) (*ClaudeTagDeleted, error) {
	return call[ClaudeTagDeleted](ctx, s.client, "DELETE", "/v1/organizations/claude_tag/bundles/{bundle_id}/targets/{target_id}",
		[]string{ref.BundleID, ref.TargetID}, nil, opts)
}

// ClaudeTagSettingsParams changes settings: a field left zero is left as
// it is. Only ReplyMode can be cleared.
type ClaudeTagSettingsParams struct {
	Enabled Optional[bool]
	// EnvironmentID is an active environment (env_...) or a self-hosted
	// runner pool (ccpool_...) of the organization.
	EnvironmentID Optional[string]
	// Instructions are at most 8,192 characters once trimmed.
	Instructions Optional[string]
	// Model is a model or model line the organization may use for Claude
	// Tag.
	Model       Optional[string]
	GuestPolicy Optional[ClaudeTagGuestPolicy]
	ReplyMode   Optional[ClaudeTagReplyMode]
}

type claudeTagSettingsBody struct {
	Enabled       Optional[bool]                       `json:"enabled,omitzero"`
	EnvironmentID Optional[string]                     `json:"environment_id,omitzero"`
	Instructions  Optional[string]                     `json:"instructions,omitzero"`
	Model         Optional[string]                     `json:"model,omitzero"`
	GuestPolicy   Optional[kind[ClaudeTagGuestPolicy]] `json:"guest_policy,omitzero"`
	ReplyMode     Optional[kind[ClaudeTagReplyMode]]   `json:"reply_mode,omitzero"`
}

// body checks p and gives its wire form.
func (p ClaudeTagSettingsParams) body() (claudeTagSettingsBody, error) {
	if err := cmp.Or(
		noClear("settings.enabled", p.Enabled, "Claude is either on or off"),
		noClear("settings.environment_id", p.EnvironmentID, "Claude's sessions always run somewhere"),
		noClear("settings.instructions", p.Instructions, "set \"\" to empty them"),
		noClear("settings.model", p.Model, "Claude always uses a model"),
		noClear("settings.guest_policy", p.GuestPolicy, "a guest policy always applies"),
	); err != nil {
		return claudeTagSettingsBody{}, err
	}
	if v, _ := p.Instructions.Get(); utf8.RuneCountInString(strings.TrimSpace(v)) > 8192 {
		return claudeTagSettingsBody{}, paramErr("settings.instructions", "is longer than 8192 characters")
	}
	return claudeTagSettingsBody{Enabled: p.Enabled, EnvironmentID: p.EnvironmentID, Instructions: p.Instructions, Model: p.Model,
		GuestPolicy: mapOptional(p.GuestPolicy, func(v ClaudeTagGuestPolicy) kind[ClaudeTagGuestPolicy] { return kind[ClaudeTagGuestPolicy]{v} }),
		ReplyMode:   mapOptional(p.ReplyMode, func(v ClaudeTagReplyMode) kind[ClaudeTagReplyMode] { return kind[ClaudeTagReplyMode]{v} }),
	}, nil
}

// mapOptional converts a set value, keeping unchanged and cleared as they
// are.
func mapOptional[T, U any](o Optional[T], f func(T) U) Optional[U] {
	switch v, ok := o.Get(); {
	case ok:
		return Set(f(v))
	case o.IsClear():
		return Clear[U]()
	}
	return Optional[U]{}
}

// ClaudeTagSlackChannelListParams selects the channels of one Slack
// workspace; Limit is at most 100.
type ClaudeTagSlackChannelListParams struct {
	PageCursor
	// SlackWorkspaceID is Slack's ID of the workspace (T...), as in a
	// channel's Slack.WorkspaceID. Required.
	SlackWorkspaceID string
	// SlackChannelID keeps one channel, by Slack's ID (C... or G...).
	SlackChannelID string
	// IncludeInherited gives the settings that apply, with their sources.
	IncludeInherited bool
}

// List returns the set-up channels of one Slack workspace, newest first.
func (s *ClaudeTagSlackChannelsService) List(params ClaudeTagSlackChannelListParams, opts ...Option) *List[ClaudeTagSlackChannel] {
	q, err := params.query(100)
	if err == nil && params.SlackWorkspaceID == "" {
		err = paramErr("slack_workspace_id", "is required")
	}
	if err != nil {
		return failedList[ClaudeTagSlackChannel](err)
	}
	q.str("slack_workspace_id", params.SlackWorkspaceID)
	q.str("slack_channel_id", params.SlackChannelID)
	q.flag("include_inherited", params.IncludeInherited)
	return tokenList[ClaudeTagSlackChannel](s.client, "/v1/organizations/claude_tag/slack_channels", q, opts)
}

// ClaudeTagSlackChannelCreateParams sets a channel up.
type ClaudeTagSlackChannelCreateParams struct {
	// Slack names the channel; the organization must own its workspace.
	Slack ClaudeTagSlackChannelIDs
	// Settings to store on the channel, if any.
	Settings ClaudeTagSettingsParams
}

// Create sets a Slack channel up for Claude Tag.
func (s *ClaudeTagSlackChannelsService) Create(ctx context.Context, params ClaudeTagSlackChannelCreateParams, opts ...Option) (*ClaudeTagSlackChannel, error) {
	if params.Slack.ChannelID == "" || params.Slack.WorkspaceID == "" {
		return nil, paramErr("slack", "give the channel's channel_id and workspace_id")
	}
	settings, err := params.Settings.body()
	if err != nil {
		return nil, err
	}
	body := struct {
		Slack    ClaudeTagSlackChannelIDs        `json:"slack"`
		Settings Optional[claudeTagSettingsBody] `json:"settings,omitzero"`
	}{Slack: params.Slack}
	if settings != (claudeTagSettingsBody{}) {
		body.Settings = Set(settings)
	}
	return call[ClaudeTagSlackChannel](ctx, s.client, "POST", "/v1/organizations/claude_tag/slack_channels", nil, body, opts)
}

// ClaudeTagGetParams reads a channel or workspace.
type ClaudeTagGetParams struct {
	// IncludeInherited gives the settings that apply, with their sources,
	// rather than those stored.
	IncludeInherited bool
}

func (p ClaudeTagGetParams) query() query {
	q := query{}
	q.flag("include_inherited", p.IncludeInherited)
	return q
}

// Get returns one channel (slch_...) and its settings.
func (s *ClaudeTagSlackChannelsService) Get(ctx context.Context, id string, params ClaudeTagGetParams, opts ...Option) (*ClaudeTagSlackChannel, error) {
	return callQuery[ClaudeTagSlackChannel](ctx, s.client, "GET", "/v1/organizations/claude_tag/slack_channels/{id}", []string{id}, params.query(), nil, opts)
}

// settingsUpdate is the body of a settings change.
func settingsUpdate(p ClaudeTagSettingsParams) (any, error) {
	settings, err := p.body()
	if err != nil {
		return nil, err
	}
	if settings == (claudeTagSettingsBody{}) {
		return nil, paramErr("settings", "change at least one setting")
	}
	return struct {
		Settings claudeTagSettingsBody `json:"settings"`
	}{settings}, nil
}

// Update changes the settings a channel stores.
func (s *ClaudeTagSlackChannelsService) Update(ctx context.Context, id string, params ClaudeTagSettingsParams, opts ...Option) (*ClaudeTagSlackChannel, error) {
	body, err := settingsUpdate(params)
	if err != nil {
		return nil, err
	}
	return call[ClaudeTagSlackChannel](ctx, s.client, "POST", "/v1/organizations/claude_tag/slack_channels/{id}", []string{id}, body, opts)
}

// Delete removes a channel from Claude Tag.
func (s *ClaudeTagSlackChannelsService) Delete(ctx context.Context, id string, opts ...Option) (*ClaudeTagDeleted, error) {
	return call[ClaudeTagDeleted](ctx, s.client, "DELETE", "/v1/organizations/claude_tag/slack_channels/{id}", []string{id}, nil, opts)
}

// ClaudeTagSlackWorkspaceListParams filters the Slack workspaces; Limit is
// at most 100.
type ClaudeTagSlackWorkspaceListParams struct {
	PageCursor
	// SlackWorkspaceID keeps one workspace, by Slack's ID (T...).
	SlackWorkspaceID string
	IncludeInherited bool
}

// List returns the set-up Slack workspaces, newest first.
func (s *ClaudeTagSlackWorkspacesService) List(params ClaudeTagSlackWorkspaceListParams, opts ...Option) *List[ClaudeTagSlackWorkspace] {
	q, err := params.query(100)
	if err != nil {
		return failedList[ClaudeTagSlackWorkspace](err)
	}
	q.str("slack_workspace_id", params.SlackWorkspaceID)
	q.flag("include_inherited", params.IncludeInherited)
	return tokenList[ClaudeTagSlackWorkspace](s.client, "/v1/organizations/claude_tag/slack_workspaces", q, opts)
}

// Get returns one Slack workspace (slws_...) and its settings.
func (s *ClaudeTagSlackWorkspacesService) Get(ctx context.Context, id string, params ClaudeTagGetParams, opts ...Option) (*ClaudeTagSlackWorkspace, error) {
	return callQuery[ClaudeTagSlackWorkspace](ctx, s.client, "GET", "/v1/organizations/claude_tag/slack_workspaces/{id}", []string{id}, params.query(), nil, opts)
}

// Update changes the settings a Slack workspace stores.
func (s *ClaudeTagSlackWorkspacesService) Update(ctx context.Context, id string, params ClaudeTagSettingsParams, opts ...Option) (*ClaudeTagSlackWorkspace, error) {
	body, err := settingsUpdate(params)
	if err != nil {
		return nil, err
	}
	return call[ClaudeTagSlackWorkspace](ctx, s.client, "POST", "/v1/organizations/claude_tag/slack_workspaces/{id}", []string{id}, body, opts)
}
