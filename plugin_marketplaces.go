package admin

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// PluginMarketplacesService reads the plugin marketplaces Plugins live in,
// sets the default installation setting of the organization's own, and
// checks marketplace content without storing it (a beta: the client sends
// BetaPlugins itself).
type PluginMarketplacesService struct{ client *Client }

// MarketplaceSource is where a plugin marketplace's Plugins come from:
// uploaded (manual) or synchronized from a Git repository.
type MarketplaceSource string

const (
	MarketplaceManual    MarketplaceSource = "manual"
	MarketplaceGitHub    MarketplaceSource = "github"
	MarketplaceGitLab    MarketplaceSource = "gitlab"
	MarketplacePublicGit MarketplaceSource = "public_git"
	MarketplaceDirectory MarketplaceSource = "directory"
)

// MarketplaceSyncStatus is the outcome of a marketplace's latest
// synchronization.
type MarketplaceSyncStatus string

const (
	MarketplaceSyncSuccess         MarketplaceSyncStatus = "success"
	MarketplaceSyncInProgress      MarketplaceSyncStatus = "in_progress"
	MarketplaceSyncFailedContent   MarketplaceSyncStatus = "failed_content"
	MarketplaceSyncFailedTransient MarketplaceSyncStatus = "failed_transient"
	MarketplaceSyncFailedAuth      MarketplaceSyncStatus = "failed_auth"
	MarketplaceSyncFailedLimits    MarketplaceSyncStatus = "failed_limits"
)

// PluginMarketplace is a collection of Plugins: the organization's own or
// a member's personal one.
type PluginMarketplace struct {
	ID     string            `json:"id"`
	Type   string            `json:"type"` // "plugin_marketplace"
	Name   string            `json:"name"`
	Owner  PluginOwner       `json:"owner"`
	Source MarketplaceSource `json:"source"`
	// DefaultInstallationPreference is what every Plugin of an
	// organization marketplace gets when it has no setting of its own.
	DefaultInstallationPreference InstallationPreference `json:"default_installation_preference"`
	SyncStatus                    MarketplaceSyncStatus  `json:"sync_status"`
	LastSyncEndedAt               time.Time              `json:"last_sync_ended_at"`
	// LastSyncReadSHA is the commit the last synchronization that reached
	// the repository read.
	LastSyncReadSHA string    `json:"last_sync_read_sha"`
	CreatedAt       time.Time `json:"created_at"`
	raw
}

func (m *PluginMarketplace) UnmarshalJSON(data []byte) error {
	type plain PluginMarketplace
	return decodeKeepingRaw(data, (*plain)(m), &m.raw)
}

// MarketplaceValidationReport says whether marketplace content would
// synchronize. It is not stored.
type MarketplaceValidationReport struct {
	Type string `json:"type"` // "plugin_marketplace_validation_report"
	// Valid is true when marketplace.json is well formed and no plugin
	// would be skipped; warnings never make it false.
	Valid bool `json:"valid"`
	// CommitSHA is the commit validated; nil when none is known.
	CommitSHA *string `json:"commit_sha"`
	// Ref is the branch read, for a repository.
	Ref string `json:"ref"`
	// ManifestError and its code are set when nothing could be validated.
	ManifestError     *string `json:"manifest_error"`
	ManifestErrorCode *string `json:"manifest_error_code"`
	TotalPluginCount  int     `json:"total_plugin_count"`
	// PluginErrors are the plugins a synchronization would skip;
	// PluginWarnings those it would take with parts left out.
	PluginErrors   []MarketplacePluginError    `json:"plugin_errors"`
	PluginWarnings []MarketplacePluginWarnings `json:"plugin_warnings"`
	raw
}

func (r *MarketplaceValidationReport) UnmarshalJSON(data []byte) error {
	type plain MarketplaceValidationReport
	return decodeKeepingRaw(data, (*plain)(r), &r.raw)
}

// MarketplacePluginError is a plugin that would be skipped, and why.
type MarketplacePluginError struct {
	Name      string `json:"name"`
	Error     string `json:"error"`
	ErrorCode string `json:"error_code"`
}

// MarketplacePluginWarnings are what would be left out of one plugin.
type MarketplacePluginWarnings struct {
	Name     string                     `json:"name"`
	Warnings []MarketplacePluginWarning `json:"warnings"`
}

// MarketplacePluginWarning is one part of a plugin that would be left out.
type MarketplacePluginWarning struct {
	ErrorCode string `json:"error_code"`
	Message   string `json:"message"`
}

// PluginMarketplaceListParams filters the marketplaces; Limit is at most
// 1000.
type PluginMarketplaceListParams struct {
	PageCursor
	PluginReadParams
	OwnerType PluginOwnerType
	Source    MarketplaceSource
}

// List returns the plugin marketplaces, newest first.
func (s *PluginMarketplacesService) List(params PluginMarketplaceListParams, opts ...Option) *List[PluginMarketplace] {
	q, err := params.pageQuery(params.PageCursor, 1000)
	if err != nil {
		return failedList[PluginMarketplace](err)
	}
	q.str("owner_type", string(params.OwnerType))
	q.str("source", string(params.Source))
	return tokenList[PluginMarketplace](s.client, "/v1/organizations/plugin_marketplaces", q, opts)
}

// Get returns one plugin marketplace.
func (s *PluginMarketplacesService) Get(ctx context.Context, marketplaceID string, params PluginReadParams, opts ...Option) (*PluginMarketplace, error) {
	return callQuery[PluginMarketplace](ctx, s.client, "GET", "/v1/organizations/plugin_marketplaces/{marketplace_id}", []string{marketplaceID}, params.query(), nil, opts)
}

// PluginMarketplaceUpdateParams sets an organization marketplace's default.
type PluginMarketplaceUpdateParams struct {
	DefaultInstallationPreference InstallationPreference `json:"default_installation_preference"`
}

// Update sets the default installation setting of one of the
// organization's own marketplaces.
func (s *PluginMarketplacesService) Update(ctx context.Context, marketplaceID string, params PluginMarketplaceUpdateParams, opts ...Option) (*PluginMarketplace, error) {
	if err := checkPreference("default_installation_preference", params.DefaultInstallationPreference); err != nil {
		return nil, err
	}
	return call[PluginMarketplace](ctx, s.client, "POST", "/v1/organizations/plugin_marketplaces/{marketplace_id}", []string{marketplaceID}, params, opts)
}

// ValidateArchive checks a .zip of a marketplace directory (at most 32 MB)
// without storing it. The archive is streamed and, once read, not sent
// again on a retry.
func (s *PluginMarketplacesService) ValidateArchive(ctx context.Context, archive File, opts ...Option) (*MarketplaceValidationReport, error) {
	if strings.TrimSpace(archive.Name) == "" || archive.Content == nil {
		return nil, paramErr("archive", "is required: a named .zip and its content")
	}
	form := &multipartBody{files: []formFile{{field: "archive", file: archive}}}
	return call[MarketplaceValidationReport](ctx, s.client, "POST", "/v1/organizations/plugin_marketplaces/validate_archive", nil, form, opts)
}

// PluginMarketplaceValidateRepositoryParams names a public GitHub
// repository to validate.
type PluginMarketplaceValidateRepositoryParams struct {
	// RepositoryURL is https://github.com/owner/repo.
	RepositoryURL string `json:"repository_url"`
	// Ref is a branch or a full commit SHA; "" for the branch a
	// synchronization would read.
	Ref string `json:"ref,omitempty"`
}

// ValidateRepository checks a marketplace held in a public GitHub
// repository without connecting or storing it.
func (s *PluginMarketplacesService) ValidateRepository(ctx context.Context, params PluginMarketplaceValidateRepositoryParams, opts ...Option) (*MarketplaceValidationReport, error) {
	if err := checkRepository(params.RepositoryURL); err != nil {
		return nil, err
	}
	if err := checkGitRef(params.Ref); err != nil {
		return nil, err
	}
	return call[MarketplaceValidationReport](ctx, s.client, "POST", "/v1/organizations/plugin_marketplaces/validate_repository", nil, params, opts)
}

// checkRepository refuses what the API refuses of a repository URL: not
// an https URL of github.com naming owner/repo, over 2,048 characters, or
// with credentials.
func checkRepository(raw string) error {
	if raw == "" {
		return paramErr("repository_url", "is required")
	}
	if len(raw) > 2048 {
		return paramErr("repository_url", "is longer than 2048 characters")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Hostname() != "github.com" || u.User != nil || (u.Port() != "" && u.Port() != "443" && u.Port() != "80") {
		return paramErr("repository_url", "must be an https://github.com/owner/repo URL without credentials")
	}
	parts := strings.Split(strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(u.Path, "/"), "/"), ".git"), "/")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return paramErr("repository_url", "must name exactly owner/repo")
	}
	return nil
}

// checkGitRef refuses a ref the API refuses: over 255 characters, with
// "..", or with a character other than ASCII letters, digits, . _ - + /.
// "" is no ref.
func checkGitRef(ref string) error {
	if len(ref) > 255 || strings.Contains(ref, "..") {
		return paramErr("ref", "%q is not a branch or commit the API accepts", ref)
	}
	for _, r := range ref {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-+/", r)) {
			return paramErr("ref", "%q holds %q: only ASCII letters, digits and . _ - + / are accepted", ref, r)
		}
	}
	return nil
}
