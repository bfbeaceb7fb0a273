package admin

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// PluginsService manages the organization's Plugins (a beta: the client
// sends BetaPlugins itself): the organization-owned ones, uploaded as
// versions of files, and those members keep in their personal plugin
// marketplaces. Versions, installation settings and members' shares are
// its sub-services; the marketplaces themselves are PluginMarketplaces.
type PluginsService struct {
	client               *Client
	Versions             *PluginVersionsService
	InstallationSettings *PluginInstallationSettingsService
	Shares               *PluginSharesService
}

// PluginVersionsService lists, uploads, reads and downloads a Plugin's
// versions.
type PluginVersionsService struct{ client *Client }

// PluginInstallationSettingsService manages who an organization-owned
// Plugin is installed for: the whole organization or one RBAC group.
type PluginInstallationSettingsService struct{ client *Client }

// PluginSharesService lists the shares of a member-owned Plugin.
type PluginSharesService struct{ client *Client }

// BetaPlugins is the beta value every plugin and plugin marketplace
// endpoint needs; the client sends it itself.
const BetaPlugins = "ce-plugins-2026-09-01"

// InstallationPreference says how a Plugin reaches members.
type InstallationPreference string

const (
	InstallationRequired     InstallationPreference = "required"
	InstallationAutoInstall  InstallationPreference = "auto_install"
	InstallationAvailable    InstallationPreference = "available"
	InstallationNotAvailable InstallationPreference = "not_available"
)

var installationPreferences = []InstallationPreference{InstallationRequired, InstallationAutoInstall, InstallationAvailable, InstallationNotAvailable}

// checkPreference refuses an installation setting the API does not have:
// the set is closed, and any other value is a 400.
func checkPreference(param string, p InstallationPreference) error {
	for _, known := range installationPreferences {
		if p == known {
			return nil
		}
	}
	if p == "" {
		return paramErr(param, "is required")
	}
	return paramErr(param, "%q is not one of required, auto_install, available, not_available", p)
}

// PluginOwnerType is who owns a Plugin or a plugin marketplace.
type PluginOwnerType string

const (
	PluginOwnerOrganization PluginOwnerType = "organization"
	PluginOwnerUser         PluginOwnerType = "user"
)

// PluginOwner is the organization (Type organization) or the member whose
// personal plugin marketplace it is (Type user, UserID).
type PluginOwner struct {
	Type   PluginOwnerType `json:"type"`
	UserID string          `json:"user_id,omitempty"`
}

// PluginActorType is the kind of identity that created a Plugin or version.
type PluginActorType string

const (
	PluginUserActor PluginActorType = "user_actor"
	PluginAPIActor  PluginActorType = "api_actor"
)

// PluginActor is a member (Type user_actor) or an Admin API key (Type
// api_actor). One flat struct holds both; an unknown Type decodes as it is.
type PluginActor struct {
	Type PluginActorType `json:"type"`
	// Type user_actor. EmailAddress is nil when it is not known, such as
	// for a former member.
	UserID       string  `json:"user_id,omitempty"`
	EmailAddress *string `json:"email_address,omitempty"`
	// Type api_actor.
	APIKeyID string `json:"api_key_id,omitempty"`
}

// PluginComponentType is the kind of a Plugin component.
type PluginComponentType string

const (
	PluginComponentSkill     PluginComponentType = "skill"
	PluginComponentCommand   PluginComponentType = "command"
	PluginComponentAgent     PluginComponentType = "agent"
	PluginComponentMCPServer PluginComponentType = "mcp_server"
	PluginComponentHook      PluginComponentType = "hook"
	PluginComponentCLI       PluginComponentType = "cli"
)

// PluginComponent is one thing a Plugin version holds.
type PluginComponent struct {
	Type PluginComponentType `json:"type"`
	Name string              `json:"name"`
	// Description is nil for MCP servers, hooks and CLIs, and when the
	// component declares none.
	Description *string `json:"description"`
}

// ScanStatus is where a content scan stands.
type ScanStatus string

const (
	ScanProcessing ScanStatus = "processing"
	ScanCompleted  ScanStatus = "completed"
	ScanErrored    ScanStatus = "errored"
)

// ScanAssessment is a completed scan's verdict.
type ScanAssessment string

const (
	ScanPass    ScanAssessment = "pass"
	ScanWarn    ScanAssessment = "warn"
	ScanFail    ScanAssessment = "fail"
	ScanUnknown ScanAssessment = "unknown"
)

// PluginContentScan is the outcome of scanning a version's content.
type PluginContentScan struct {
	Status ScanStatus `json:"status"`
	// Assessment is meaningful once Status is completed.
	Assessment ScanAssessment `json:"assessment"`
	// Reason names the mechanism behind a warn or fail, or on an errored
	// scan why there is no verdict; nil otherwise.
	Reason *string `json:"reason"`
}

// PluginReach is how far a version reaches outside its sandbox.
type PluginReach string

const (
	PluginReachContained  PluginReach = "contained"
	PluginReachPrivileged PluginReach = "privileged"
	PluginReachRemote     PluginReach = "remote"
)

// Plugin is a Plugin as its served version describes it.
type Plugin struct {
	ID            string      `json:"id"`
	Type          string      `json:"type"` // "plugin"
	Name          string      `json:"name"`
	DisplayName   string      `json:"display_name"`
	Description   string      `json:"description"`
	MarketplaceID string      `json:"marketplace_id"`
	Owner         PluginOwner `json:"owner"`
	// Components is nil when the served version's are not enumerated.
	Components  []PluginComponent  `json:"components"`
	ContentScan *PluginContentScan `json:"content_scan"`
	CreatedAt   time.Time          `json:"created_at"`
	CreatedBy   *PluginActor       `json:"created_by"`
	// LatestVersionID is the newest version; ServedVersionID the one
	// members get, which stays put once pinned (ServedVersionPinned).
	LatestVersionID     string `json:"latest_version_id"`
	ServedVersionID     string `json:"served_version_id"`
	ServedVersionPinned bool   `json:"served_version_pinned"`
	// ManifestVersion is the served version's manifest version, nil when
	// it has none fit to show.
	ManifestVersion *string `json:"manifest_version"`
	// OrganizationInstallationPreference is the organization-wide setting
	// of an organization-owned Plugin; Inherited tells that it is the
	// marketplace's default rather than the Plugin's own.
	OrganizationInstallationPreference          InstallationPreference `json:"organization_installation_preference"`
	OrganizationInstallationPreferenceInherited bool                   `json:"organization_installation_preference_inherited"`
	Reach                                       *PluginReach           `json:"reach"`
	UpdatedAt                                   time.Time              `json:"updated_at"`
	raw
}

func (p *Plugin) UnmarshalJSON(data []byte) error {
	type plain Plugin
	return decodeKeepingRaw(data, (*plain)(p), &p.raw)
}

// PluginDeleted is the answer to a delete.
type PluginDeleted struct {
	ID   string `json:"id"`
	Type string `json:"type"` // "plugin_deleted"
	raw
}

func (p *PluginDeleted) UnmarshalJSON(data []byte) error {
	type plain PluginDeleted
	return decodeKeepingRaw(data, (*plain)(p), &p.raw)
}

// PluginVersion is one uploaded version of a Plugin.
type PluginVersion struct {
	ID          string             `json:"id"`
	Type        string             `json:"type"` // "plugin_version"
	PluginID    string             `json:"plugin_id"`
	Components  []PluginComponent  `json:"components"`
	ContentScan *PluginContentScan `json:"content_scan"`
	CreatedAt   time.Time          `json:"created_at"`
	CreatedBy   *PluginActor       `json:"created_by"`
	// The manifest's description, display name and version; nil when it
	// declares none (or, for the version, none fit to show).
	Description     *string      `json:"description"`
	DisplayName     *string      `json:"display_name"`
	ManifestVersion *string      `json:"manifest_version"`
	Reach           *PluginReach `json:"reach"`
	ReleaseNotes    *string      `json:"release_notes"`
	raw
}

func (v *PluginVersion) UnmarshalJSON(data []byte) error {
	type plain PluginVersion
	return decodeKeepingRaw(data, (*plain)(v), &v.raw)
}

// PluginTargetType is who an installation setting or a share is for.
type PluginTargetType string

const (
	PluginTargetOrganization       PluginTargetType = "organization"
	PluginTargetRBACGroup          PluginTargetType = "rbac_group"
	PluginTargetOrganizationMember PluginTargetType = "organization_member"
)

// PluginTarget is every member (Type organization), an RBAC group (Type
// rbac_group, RBACGroupID) or one member (Type organization_member,
// UserID).
type PluginTarget struct {
	Type        PluginTargetType `json:"type"`
	RBACGroupID string           `json:"rbac_group_id,omitempty"`
	UserID      string           `json:"user_id,omitempty"`
}

// PluginInstallationSetting is the setting an organization-owned Plugin
// holds for one target.
type PluginInstallationSetting struct {
	Type                   string                 `json:"type"` // "plugin_installation_setting"
	PluginID               string                 `json:"plugin_id"`
	Target                 PluginTarget           `json:"target"`
	InstallationPreference InstallationPreference `json:"installation_preference"`
	CreatedAt              time.Time              `json:"created_at"`
	UpdatedAt              time.Time              `json:"updated_at"`
	raw
}

func (s *PluginInstallationSetting) UnmarshalJSON(data []byte) error {
	type plain PluginInstallationSetting
	return decodeKeepingRaw(data, (*plain)(s), &s.raw)
}

// PluginInstallationSettingRemoved is the answer to a removal: the Plugin
// and the target, which stand in for an ID.
type PluginInstallationSettingRemoved struct {
	Type     string       `json:"type"` // "plugin_installation_setting_deleted"
	PluginID string       `json:"plugin_id"`
	Target   PluginTarget `json:"target"`
	raw
}

func (s *PluginInstallationSettingRemoved) UnmarshalJSON(data []byte) error {
	type plain PluginInstallationSettingRemoved
	return decodeKeepingRaw(data, (*plain)(s), &s.raw)
}

// PluginShare is one share the owner of a member-owned Plugin has given.
type PluginShare struct {
	Type      string       `json:"type"` // "plugin_share"
	PluginID  string       `json:"plugin_id"`
	Target    PluginTarget `json:"target"`
	GrantedAt time.Time    `json:"granted_at"`
	raw
}

func (s *PluginShare) UnmarshalJSON(data []byte) error {
	type plain PluginShare
	return decodeKeepingRaw(data, (*plain)(s), &s.raw)
}

// PluginReadParams are what every plugin read takes. OrganizationID reads
// a child organization with a key made for a parent organization's linked
// organizations; "" reads the key's own.
type PluginReadParams struct {
	OrganizationID string
}

func (p PluginReadParams) query() query {
	q := query{}
	q.str("organization_id", p.OrganizationID)
	return q
}

// pageQuery checks a list's cursor against its largest page and adds the
// organization.
func (p PluginReadParams) pageQuery(c PageCursor, maxLimit int) (query, error) {
	q, err := c.query(maxLimit)
	if err != nil {
		return nil, err
	}
	q.str("organization_id", p.OrganizationID)
	return q, nil
}

// PluginListParams filters the Plugins; Limit is at most 100.
type PluginListParams struct {
	PageCursor
	PluginReadParams
	// MarketplaceID keeps the Plugins of one plugin marketplace.
	MarketplaceID string
	// OwnerType keeps the organization's (organization) or members'
	// (user) Plugins; OwnerUserID keeps one member's.
	OwnerType   PluginOwnerType
	OwnerUserID string
	// Created bounds created_at; zero times are not sent.
	CreatedAfter, CreatedAtOrAfter, CreatedBefore, CreatedAtOrBefore time.Time
}

// List returns the Plugins, newest first (GET /v1/organizations/plugins).
func (s *PluginsService) List(params PluginListParams, opts ...Option) *List[Plugin] {
	q, err := params.pageQuery(params.PageCursor, 100)
	if err != nil {
		return failedList[Plugin](err)
	}
	q.str("marketplace_id", params.MarketplaceID)
	q.str("owner_type", string(params.OwnerType))
	q.str("owner_user_id", params.OwnerUserID)
	q.time("created_at[gt]", params.CreatedAfter)
	q.time("created_at[gte]", params.CreatedAtOrAfter)
	q.time("created_at[lt]", params.CreatedBefore)
	q.time("created_at[lte]", params.CreatedAtOrBefore)
	return tokenList[Plugin](s.client, "/v1/organizations/plugins", q, opts)
}

// PluginCreateParams uploads a new organization-owned Plugin's first
// version.
type PluginCreateParams struct {
	// Files are the version's files, each named by its path within the
	// Plugin and including the manifest .claude-plugin/plugin.json, or one
	// .zip or .plugin archive holding them all. They are read once, while
	// they are sent.
	Files []File
	// MarketplaceID is an organization-owned manual plugin marketplace;
	// "" for the organization's library marketplace.
	MarketplaceID string
	// ReleaseNotes are stored with the version, up to 5,000 characters.
	ReleaseNotes string
}

// PluginManifest is the path of the manifest every Plugin version holds.
const PluginManifest = ".claude-plugin/plugin.json"

// pluginForm checks a version's files and release notes and builds the
// form that uploads them.
func pluginForm(files []File, releaseNotes string) (*multipartBody, error) {
	if len(files) == 0 {
		return nil, paramErr("files", "is required: the version's files, or one .zip or .plugin archive")
	}
	manifest := false
	for _, f := range files {
		if strings.TrimSpace(f.Name) == "" || f.Content == nil {
			return nil, paramErr("files", "every file needs a name and content")
		}
		manifest = manifest || f.Name == PluginManifest
	}
	archive := len(files) == 1 && (strings.HasSuffix(files[0].Name, ".zip") || strings.HasSuffix(files[0].Name, ".plugin"))
	if !manifest && !archive {
		return nil, paramErr("files", "must include the manifest %s, or be one .zip or .plugin archive", PluginManifest)
	}
	if n := utf8.RuneCountInString(releaseNotes); n > 5000 {
		return nil, paramErr("release_notes", "is %d characters; at most 5000", n)
	}
	form := &multipartBody{}
	form.field("release_notes", releaseNotes)
	for _, f := range files {
		form.files = append(form.files, formFile{field: "files[]", file: f})
	}
	return form, nil
}

// Create uploads a new organization-owned Plugin and its first version
// (POST /v1/organizations/plugins, multipart). The files are streamed; once
// any of them has been read the upload is not retried, since it cannot be
// read again.
func (s *PluginsService) Create(ctx context.Context, params PluginCreateParams, opts ...Option) (*Plugin, error) {
	form, err := pluginForm(params.Files, params.ReleaseNotes)
	if err != nil {
		return nil, err
	}
	form.field("marketplace_id", params.MarketplaceID)
	return call[Plugin](ctx, s.client, "POST", "/v1/organizations/plugins", nil, form, opts)
}

// Get returns one Plugin.
func (s *PluginsService) Get(ctx context.Context, pluginID string, params PluginReadParams, opts ...Option) (*Plugin, error) {
	return callQuery[Plugin](ctx, s.client, "GET", "/v1/organizations/plugins/{plugin_id}", []string{pluginID}, params.query(), nil, opts)
}

// PluginUpdateParams pins the version an organization-owned Plugin serves.
type PluginUpdateParams struct {
	// ServedVersionID is a version of the Plugin (pluginver_...); members
	// get it from now on, and new uploads no longer replace it.
	ServedVersionID string `json:"served_version_id"`
}

// Update serves and pins one stored version, for example to roll back
// (POST /v1/organizations/plugins/{plugin_id}).
func (s *PluginsService) Update(ctx context.Context, pluginID string, params PluginUpdateParams, opts ...Option) (*Plugin, error) {
	switch params.ServedVersionID {
	case "":
		return nil, paramErr("served_version_id", "is required")
	case "latest":
		return nil, paramErr("served_version_id", "must name a version: \"latest\" is not accepted")
	}
	return call[Plugin](ctx, s.client, "POST", "/v1/organizations/plugins/{plugin_id}", []string{pluginID}, params, opts)
}

// Delete deletes a Plugin and every version of it, for good.
func (s *PluginsService) Delete(ctx context.Context, pluginID string, opts ...Option) (*PluginDeleted, error) {
	return call[PluginDeleted](ctx, s.client, "DELETE", "/v1/organizations/plugins/{plugin_id}", []string{pluginID}, nil, opts)
}

// PluginVersionListParams pages a Plugin's versions; Limit is at most 1000.
type PluginVersionListParams struct {
	PageCursor
	PluginReadParams
}

// List returns a Plugin's versions, newest first.
func (s *PluginVersionsService) List(pluginID string, params PluginVersionListParams, opts ...Option) *List[PluginVersion] {
	q, err := params.pageQuery(params.PageCursor, 1000)
	if err != nil {
		return failedList[PluginVersion](err)
	}
	return tokenListAt[PluginVersion](s.client, "/v1/organizations/plugins/{plugin_id}/versions", []string{pluginID}, q, opts)
}

// PluginVersionCreateParams uploads a version.
type PluginVersionCreateParams struct {
	// Files are as for PluginCreateParams.Files.
	Files []File
	// ReleaseNotes are stored with the version, up to 5,000 characters.
	ReleaseNotes string
}

// Create uploads a new version of an organization-owned Plugin (POST
// .../plugins/{plugin_id}/versions, multipart). It becomes the served
// version unless that is pinned. As with PluginsService.Create, the files
// are streamed and the upload is not retried once they have been read.
func (s *PluginVersionsService) Create(ctx context.Context, pluginID string, params PluginVersionCreateParams, opts ...Option) (*PluginVersion, error) {
	form, err := pluginForm(params.Files, params.ReleaseNotes)
	if err != nil {
		return nil, err
	}
	return call[PluginVersion](ctx, s.client, "POST", "/v1/organizations/plugins/{plugin_id}/versions", []string{pluginID}, form, opts)
}

// PluginLatestVersion names a Plugin's newest version in a PluginVersionRef.
const PluginLatestVersion = "latest"

// PluginVersionRef names one version of a Plugin: its ID (pluginver_...)
// or PluginLatestVersion.
type PluginVersionRef struct {
	PluginID string
	Version  string
}

// Get returns one version.
func (s *PluginVersionsService) Get(ctx context.Context, ref PluginVersionRef, params PluginReadParams, opts ...Option) (*PluginVersion, error) {
	return callQuery[PluginVersion](ctx, s.client, "GET", "/v1/organizations/plugins/{plugin_id}/versions/{version}",
		[]string{ref.PluginID, ref.Version}, params.query(), nil, opts)
}

// Download returns a version's .zip archive exactly as stored, as it
// arrives: copy it where it belongs and close it. The archive is never held
// in memory by the library.
func (s *PluginVersionsService) Download(ctx context.Context, ref PluginVersionRef, params PluginReadParams, opts ...Option) (*Download, error) {
	const pattern = "/v1/organizations/plugins/{plugin_id}/versions/{version}/content"
	path, err := pathOf(pattern, ref.PluginID, ref.Version)
	if err != nil {
		return nil, err
	}
	ep := registered("GET", pattern)
	return s.client.download(ctx, request{method: "GET", path: path, query: url.Values(params.query())}, withBetas(opts, ep.Betas...))
}

// PluginInstallationSettingListParams filters a Plugin's installation
// settings; Limit is at most 100.
type PluginInstallationSettingListParams struct {
	PageCursor
	PluginReadParams
	// TargetType keeps the organization-wide setting (organization) or
	// the RBAC groups' (rbac_group).
	TargetType PluginTargetType
}

// List returns an organization-owned Plugin's installation settings, most
// recently created first.
func (s *PluginInstallationSettingsService) List(pluginID string, params PluginInstallationSettingListParams, opts ...Option) *List[PluginInstallationSetting] {
	q, err := params.pageQuery(params.PageCursor, 100)
	if err != nil {
		return failedList[PluginInstallationSetting](err)
	}
	q.str("target_type", string(params.TargetType))
	return tokenListAt[PluginInstallationSetting](s.client, "/v1/organizations/plugins/{plugin_id}/installation_settings", []string{pluginID}, q, opts)
}

// PluginTargetWholeOrganization is the Target of the organization-wide
// installation setting; any other Target is an RBAC group's ID.
const PluginTargetWholeOrganization = "organization"

// PluginInstallationSettingRef names one installation setting: the Plugin
// and PluginTargetWholeOrganization or an RBAC group's ID.
type PluginInstallationSettingRef struct {
	PluginID string
	Target   string
}

// PluginInstallationSettingSetParams is the setting to hold.
type PluginInstallationSettingSetParams struct {
	InstallationPreference InstallationPreference `json:"installation_preference"`
}

// Set sets or changes a target's installation setting.
func (s *PluginInstallationSettingsService) Set(ctx context.Context, ref PluginInstallationSettingRef, params PluginInstallationSettingSetParams, opts ...Option) (*PluginInstallationSetting, error) {
	if err := checkPreference("installation_preference", params.InstallationPreference); err != nil {
		return nil, err
	}
	return call[PluginInstallationSetting](ctx, s.client, "POST", "/v1/organizations/plugins/{plugin_id}/installation_settings/{target}",
		[]string{ref.PluginID, ref.Target}, params, opts)
}

// Remove removes a target's own installation setting: the target then
// gets the marketplace's default (organization) or the organization-wide
// setting (an RBAC group).
func (s *PluginInstallationSettingsService) Remove(ctx context.Context, ref PluginInstallationSettingRef, opts ...Option) (*PluginInstallationSettingRemoved, error) {
	return call[PluginInstallationSettingRemoved](ctx, s.client, "DELETE", "/v1/organizations/plugins/{plugin_id}/installation_settings/{target}",
		[]string{ref.PluginID, ref.Target}, nil, opts)
}

// PluginShareListParams filters a Plugin's shares; Limit is at most 100.
type PluginShareListParams struct {
	PageCursor
	PluginReadParams
	TargetType PluginTargetType
}

// List returns the shares the owner of a member-owned Plugin has given,
// most recently granted first.
func (s *PluginSharesService) List(pluginID string, params PluginShareListParams, opts ...Option) *List[PluginShare] {
	q, err := params.pageQuery(params.PageCursor, 100)
	if err != nil {
		return failedList[PluginShare](err)
	}
	q.str("target_type", string(params.TargetType))
	return tokenListAt[PluginShare](s.client, "/v1/organizations/plugins/{plugin_id}/shares", []string{pluginID}, q, opts)
}
