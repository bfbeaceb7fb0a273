package admin

import (
	"slices"
	"strings"
)

// Endpoint is one Admin API endpoint this module implements, as facts: how it
// is called, how it pages, whether a retry could repeat what it did, which
// beta values it needs and which credentials it accepts.
//
// The table of endpoints lives here, in the library, because everything else
// already imports the library and the library imports nothing: the library's
// own methods take each endpoint's create-ness and beta values from it,
// admintest routes its fake by it, the CLI completes `api` paths from it, and
// the conformance module checks the README's endpoint table and the official
// SDK against it. Adding an endpoint starts with a row here; CONTRIBUTING.md
// lists the other steps.
type Endpoint struct {
	// ID names the endpoint everywhere: fixtures (testdata/endpoints/ID.json),
	// the fake's handlers, the conformance matrix. It is the operation name
	// of the spec (shared/spec/admin-api.json), or for the reports, which the
	// spec lacks, the reference docs' name with the same prefix.
	ID string
	// Group is the resource the endpoint belongs to, as the README's table
	// names it: "users", "workspace members", "reports" and so on.
	Group string
	// Method is the HTTP method: GET, POST or DELETE.
	Method string
	// Path is the path template, with a {name} in place of each ID, as the
	// spec writes it.
	Path string
	// Paging is how a list pages; PagingNone for an endpoint that answers
	// one object.
	Paging Paging
	// Create is true for a POST that makes something new. The library
	// retries it only when the API cannot have acted on it (a 429, or a
	// request that never left), since a repeat would make a second one or be
	// refused as a duplicate. Every other endpoint is safe to repeat. The
	// SDK marks only the workspace create; invites and workspace member adds
	// count here too, since their repeat fails with a conflict although the
	// first attempt worked.
	Create bool
	// Betas are the anthropic-beta values the endpoint needs on every call.
	// The library sends them itself. A beta needed only with some parameters
	// (fast mode on the usage report) is the method's business, not listed.
	Betas []string
	// Credentials are the kinds of credential the endpoint accepts
	// (docs-notes §1.2).
	Credentials Credentials
	// Binary is true for an endpoint that answers with a file's bytes
	// (Accept: application/binary) rather than JSON; Client.DoRaw hands
	// them over as they arrive.
	Binary bool
}

// Paging is how a list endpoint hands out its pages.
type Paging string

const (
	// PagingNone: the endpoint answers one object, not a list.
	PagingNone Paging = "none"
	// PagingIDCursor: limit, after_id and before_id; the answer has data,
	// has_more, first_id and last_id.
	PagingIDCursor Paging = "id_cursor"
	// PagingPageToken: limit and page; the answer has data, has_more and
	// next_page.
	PagingPageToken Paging = "page_token"
	// PagingPageTokenNoHasMore: limit and page; the answer has data and
	// next_page but no has_more, and the last page has next_page null.
	PagingPageTokenNoHasMore Paging = "page_token_no_has_more"
)

// Credentials is a set of credential kinds.
type Credentials uint8

const (
	// CredentialAdminKey is an admin API key (sk-ant-admin...), sent as
	// x-api-key.
	CredentialAdminKey Credentials = 1 << iota
	// CredentialOAuth is an OAuth access token with the org:admin scope,
	// sent as Authorization: Bearer.
	CredentialOAuth
)

// String names the kinds in the set, e.g. "admin key or OAuth token".
func (c Credentials) String() string {
	var names []string
	if c&CredentialAdminKey != 0 {
		names = append(names, "admin key")
	}
	if c&CredentialOAuth != 0 {
		names = append(names, "OAuth token")
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, " or ")
}

// anyCredential is what an endpoint accepts unless its row says otherwise;
// the service account and federation endpoints take OAuth tokens only.
const anyCredential = CredentialAdminKey | CredentialOAuth

// endpoints is the registry, in the order of the README's table.
var endpoints = []Endpoint{
	{ID: "organization.retrieve", Group: "organization", Method: "GET", Path: "/v1/organizations/me", Paging: PagingNone},

	{ID: "organization.users.list", Group: "users", Method: "GET", Path: "/v1/organizations/users", Paging: PagingIDCursor},
	{ID: "organization.users.retrieve", Group: "users", Method: "GET", Path: "/v1/organizations/users/{user_id}", Paging: PagingNone},
	{ID: "organization.users.update", Group: "users", Method: "POST", Path: "/v1/organizations/users/{user_id}", Paging: PagingNone},
	{ID: "organization.users.remove", Group: "users", Method: "DELETE", Path: "/v1/organizations/users/{user_id}", Paging: PagingNone},
	{ID: "organization.users.sign_out", Group: "users", Method: "POST", Path: "/v1/organizations/users/{user_id}/sign_out", Paging: PagingNone,
		Betas: []string{BetaAdminUserSignOut}},

	{ID: "organization.invites.list", Group: "invites", Method: "GET", Path: "/v1/organizations/invites", Paging: PagingIDCursor},
	{ID: "organization.invites.create", Group: "invites", Method: "POST", Path: "/v1/organizations/invites", Paging: PagingNone, Create: true},
	{ID: "organization.invites.retrieve", Group: "invites", Method: "GET", Path: "/v1/organizations/invites/{invite_id}", Paging: PagingNone},
	{ID: "organization.invites.delete", Group: "invites", Method: "DELETE", Path: "/v1/organizations/invites/{invite_id}", Paging: PagingNone},

	{ID: "organization.workspaces.list", Group: "workspaces", Method: "GET", Path: "/v1/organizations/workspaces", Paging: PagingIDCursor},
	{ID: "organization.workspaces.create", Group: "workspaces", Method: "POST", Path: "/v1/organizations/workspaces", Paging: PagingNone, Create: true},
	{ID: "organization.workspaces.retrieve", Group: "workspaces", Method: "GET", Path: "/v1/organizations/workspaces/{workspace_id}", Paging: PagingNone},
	{ID: "organization.workspaces.update", Group: "workspaces", Method: "POST", Path: "/v1/organizations/workspaces/{workspace_id}", Paging: PagingNone},
	{ID: "organization.workspaces.archive", Group: "workspaces", Method: "POST", Path: "/v1/organizations/workspaces/{workspace_id}/archive", Paging: PagingNone},

	{ID: "organization.workspaces.members.list", Group: "workspace members", Method: "GET", Path: "/v1/organizations/workspaces/{workspace_id}/members", Paging: PagingIDCursor},
	{ID: "organization.workspaces.members.add", Group: "workspace members", Method: "POST", Path: "/v1/organizations/workspaces/{workspace_id}/members", Paging: PagingNone, Create: true},
	{ID: "organization.workspaces.members.retrieve", Group: "workspace members", Method: "GET", Path: "/v1/organizations/workspaces/{workspace_id}/members/{user_id}", Paging: PagingNone},
	{ID: "organization.workspaces.members.update", Group: "workspace members", Method: "POST", Path: "/v1/organizations/workspaces/{workspace_id}/members/{user_id}", Paging: PagingNone},
	{ID: "organization.workspaces.members.remove", Group: "workspace members", Method: "DELETE", Path: "/v1/organizations/workspaces/{workspace_id}/members/{user_id}", Paging: PagingNone},

	{ID: "organization.api_keys.list", Group: "api keys", Method: "GET", Path: "/v1/organizations/api_keys", Paging: PagingIDCursor},
	{ID: "organization.api_keys.retrieve", Group: "api keys", Method: "GET", Path: "/v1/organizations/api_keys/{api_key_id}", Paging: PagingNone},
	{ID: "organization.api_keys.update", Group: "api keys", Method: "POST", Path: "/v1/organizations/api_keys/{api_key_id}", Paging: PagingNone},

	{ID: "organization.rate_limits.list", Group: "rate limits", Method: "GET", Path: "/v1/organizations/rate_limits", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.workspaces.rate_limits.list", Group: "rate limits", Method: "GET", Path: "/v1/organizations/workspaces/{workspace_id}/rate_limits", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.workspaces.rate_limits.update", Group: "rate limits", Method: "POST", Path: "/v1/organizations/workspaces/{workspace_id}/rate_limits/{rate_limit_id}", Paging: PagingNone},

	{ID: "organization.service_accounts.list", Group: "service accounts", Method: "GET", Path: "/v1/organizations/service_accounts", Paging: PagingPageTokenNoHasMore, Credentials: CredentialOAuth},
	{ID: "organization.service_accounts.create", Group: "service accounts", Method: "POST", Path: "/v1/organizations/service_accounts", Paging: PagingNone, Create: true, Credentials: CredentialOAuth},
	{ID: "organization.service_accounts.retrieve", Group: "service accounts", Method: "GET", Path: "/v1/organizations/service_accounts/{service_account_id}", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.service_accounts.update", Group: "service accounts", Method: "POST", Path: "/v1/organizations/service_accounts/{service_account_id}", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.service_accounts.archive", Group: "service accounts", Method: "POST", Path: "/v1/organizations/service_accounts/{service_account_id}/archive", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.service_accounts.workspaces.list", Group: "service accounts", Method: "GET", Path: "/v1/organizations/service_accounts/{service_account_id}/workspaces", Paging: PagingPageTokenNoHasMore, Credentials: CredentialOAuth},
	{ID: "organization.service_accounts.workspaces.add", Group: "service accounts", Method: "POST", Path: "/v1/organizations/service_accounts/{service_account_id}/workspaces", Paging: PagingNone, Create: true, Credentials: CredentialOAuth},
	{ID: "organization.service_accounts.workspaces.remove", Group: "service accounts", Method: "DELETE", Path: "/v1/organizations/service_accounts/{service_account_id}/workspaces/{workspace_id}", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.workspaces.service_accounts.list", Group: "service accounts", Method: "GET", Path: "/v1/organizations/workspaces/{workspace_id}/service_accounts", Paging: PagingPageTokenNoHasMore, Credentials: CredentialOAuth},
	{ID: "organization.workspaces.service_accounts.add", Group: "service accounts", Method: "POST", Path: "/v1/organizations/workspaces/{workspace_id}/service_accounts", Paging: PagingNone, Create: true, Credentials: CredentialOAuth},
	{ID: "organization.workspaces.service_accounts.retrieve", Group: "service accounts", Method: "GET", Path: "/v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.workspaces.service_accounts.update", Group: "service accounts", Method: "POST", Path: "/v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.workspaces.service_accounts.remove", Group: "service accounts", Method: "DELETE", Path: "/v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}", Paging: PagingNone, Credentials: CredentialOAuth},

	{ID: "organization.federation.issuers.list", Group: "federation", Method: "GET", Path: "/v1/organizations/federation_issuers", Paging: PagingPageTokenNoHasMore, Credentials: CredentialOAuth},
	{ID: "organization.federation.issuers.create", Group: "federation", Method: "POST", Path: "/v1/organizations/federation_issuers", Paging: PagingNone, Create: true, Credentials: CredentialOAuth},
	{ID: "organization.federation.issuers.retrieve", Group: "federation", Method: "GET", Path: "/v1/organizations/federation_issuers/{federation_issuer_id}", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.federation.issuers.update", Group: "federation", Method: "POST", Path: "/v1/organizations/federation_issuers/{federation_issuer_id}", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.federation.issuers.archive", Group: "federation", Method: "POST", Path: "/v1/organizations/federation_issuers/{federation_issuer_id}/archive", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.federation.rules.list", Group: "federation", Method: "GET", Path: "/v1/organizations/federation_rules", Paging: PagingPageTokenNoHasMore, Credentials: CredentialOAuth},
	{ID: "organization.federation.rules.create", Group: "federation", Method: "POST", Path: "/v1/organizations/federation_rules", Paging: PagingNone, Create: true, Credentials: CredentialOAuth},
	{ID: "organization.federation.rules.retrieve", Group: "federation", Method: "GET", Path: "/v1/organizations/federation_rules/{federation_rule_id}", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.federation.rules.update", Group: "federation", Method: "POST", Path: "/v1/organizations/federation_rules/{federation_rule_id}", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.federation.rules.archive", Group: "federation", Method: "POST", Path: "/v1/organizations/federation_rules/{federation_rule_id}/archive", Paging: PagingNone, Credentials: CredentialOAuth},
	{ID: "organization.federation.rules.workspaces.list", Group: "federation", Method: "GET", Path: "/v1/organizations/federation_rules/{federation_rule_id}/workspaces", Paging: PagingPageTokenNoHasMore, Credentials: CredentialOAuth},
	{ID: "organization.federation.rules.workspaces.add", Group: "federation", Method: "POST", Path: "/v1/organizations/federation_rules/{federation_rule_id}/workspaces", Paging: PagingNone, Create: true, Credentials: CredentialOAuth},
	{ID: "organization.federation.rules.workspaces.remove", Group: "federation", Method: "DELETE", Path: "/v1/organizations/federation_rules/{federation_rule_id}/workspaces/{workspace_id}", Paging: PagingNone, Credentials: CredentialOAuth},

	{ID: "organization.analytics.usage.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/usage", Paging: PagingPageToken,
		Betas: []string{BetaAnalyticsUsageCost}},
	{ID: "organization.analytics.cost.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/cost", Paging: PagingPageToken,
		Betas: []string{BetaAnalyticsUsageCost}},
	{ID: "organization.analytics.usage_report.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/usage_report", Paging: PagingPageToken},
	{ID: "organization.analytics.cost_report.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/cost_report", Paging: PagingPageToken},
	{ID: "organization.analytics.user_usage_report.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/user_usage_report", Paging: PagingPageToken},
	{ID: "organization.analytics.user_cost_report.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/user_cost_report", Paging: PagingPageToken},
	{ID: "organization.analytics.artifacts.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/artifacts", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.analytics.plugins.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/plugins", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.analytics.skills.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/skills", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.analytics.apps.chat.projects.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/apps/chat/projects", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.analytics.connectors.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/connectors", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.analytics.users.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/users", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.analytics.summaries.list", Group: "analytics", Method: "GET", Path: "/v1/organizations/analytics/summaries", Paging: PagingPageTokenNoHasMore},

	{ID: "organization.spend_limits.list", Group: "spend limits", Method: "GET", Path: "/v1/organizations/spend_limits", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaSpendLimitReads}},
	{ID: "organization.spend_limits.set", Group: "spend limits", Method: "POST", Path: "/v1/organizations/spend_limits", Paging: PagingNone, Create: true},
	{ID: "organization.spend_limits.retrieve", Group: "spend limits", Method: "GET", Path: "/v1/organizations/spend_limits/{spend_limit_id}", Paging: PagingNone},
	{ID: "organization.spend_limits.delete", Group: "spend limits", Method: "DELETE", Path: "/v1/organizations/spend_limits/{spend_limit_id}", Paging: PagingNone},
	{ID: "organization.spend_limits.effective.list", Group: "spend limits", Method: "GET", Path: "/v1/organizations/spend_limits/effective", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.spend_limits.increase_requests.list", Group: "spend limits", Method: "GET", Path: "/v1/organizations/spend_limit_increase_requests", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.spend_limits.increase_requests.retrieve", Group: "spend limits", Method: "GET", Path: "/v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}", Paging: PagingNone},
	{ID: "organization.spend_limits.increase_requests.approve", Group: "spend limits", Method: "POST", Path: "/v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}/approve", Paging: PagingNone},
	{ID: "organization.spend_limits.increase_requests.deny", Group: "spend limits", Method: "POST", Path: "/v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}/deny", Paging: PagingNone},

	{ID: "organization.plugins.list", Group: "plugins", Method: "GET", Path: "/v1/organizations/plugins", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.create", Group: "plugins", Method: "POST", Path: "/v1/organizations/plugins", Paging: PagingNone, Create: true,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.retrieve", Group: "plugins", Method: "GET", Path: "/v1/organizations/plugins/{plugin_id}", Paging: PagingNone,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.update", Group: "plugins", Method: "POST", Path: "/v1/organizations/plugins/{plugin_id}", Paging: PagingNone,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.delete", Group: "plugins", Method: "DELETE", Path: "/v1/organizations/plugins/{plugin_id}", Paging: PagingNone,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.versions.list", Group: "plugins", Method: "GET", Path: "/v1/organizations/plugins/{plugin_id}/versions", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.versions.create", Group: "plugins", Method: "POST", Path: "/v1/organizations/plugins/{plugin_id}/versions", Paging: PagingNone, Create: true,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.versions.retrieve", Group: "plugins", Method: "GET", Path: "/v1/organizations/plugins/{plugin_id}/versions/{version}", Paging: PagingNone,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.versions.download", Group: "plugins", Method: "GET", Path: "/v1/organizations/plugins/{plugin_id}/versions/{version}/content", Paging: PagingNone, Binary: true,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.installation_settings.list", Group: "plugins", Method: "GET", Path: "/v1/organizations/plugins/{plugin_id}/installation_settings", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.installation_settings.set", Group: "plugins", Method: "POST", Path: "/v1/organizations/plugins/{plugin_id}/installation_settings/{target}", Paging: PagingNone,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.installation_settings.remove", Group: "plugins", Method: "DELETE", Path: "/v1/organizations/plugins/{plugin_id}/installation_settings/{target}", Paging: PagingNone,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugins.shares.list", Group: "plugins", Method: "GET", Path: "/v1/organizations/plugins/{plugin_id}/shares", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugin_marketplaces.list", Group: "plugins", Method: "GET", Path: "/v1/organizations/plugin_marketplaces", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugin_marketplaces.retrieve", Group: "plugins", Method: "GET", Path: "/v1/organizations/plugin_marketplaces/{marketplace_id}", Paging: PagingNone,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugin_marketplaces.update", Group: "plugins", Method: "POST", Path: "/v1/organizations/plugin_marketplaces/{marketplace_id}", Paging: PagingNone,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugin_marketplaces.validate_archive", Group: "plugins", Method: "POST", Path: "/v1/organizations/plugin_marketplaces/validate_archive", Paging: PagingNone,
		Betas: []string{BetaPlugins}},
	{ID: "organization.plugin_marketplaces.validate_repository", Group: "plugins", Method: "POST", Path: "/v1/organizations/plugin_marketplaces/validate_repository", Paging: PagingNone,
		Betas: []string{BetaPlugins}},

	{ID: "organization.claude_tag.bundles.list", Group: "claude tag", Method: "GET", Path: "/v1/organizations/claude_tag/bundles", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.bundles.retrieve", Group: "claude tag", Method: "GET", Path: "/v1/organizations/claude_tag/bundles/{bundle_id}", Paging: PagingNone,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.bundles.update", Group: "claude tag", Method: "POST", Path: "/v1/organizations/claude_tag/bundles/{bundle_id}", Paging: PagingNone,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.bundles.targets.list", Group: "claude tag", Method: "GET", Path: "/v1/organizations/claude_tag/bundles/{bundle_id}/targets", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.bundles.targets.create", Group: "claude tag", Method: "POST", Path: "/v1/organizations/claude_tag/bundles/{bundle_id}/targets", Paging: PagingNone, Create: true,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.bundles.targets.retrieve", Group: "claude tag", Method: "GET", Path: "/v1/organizations/claude_tag/bundles/{bundle_id}/targets/{target_id}", Paging: PagingNone,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.bundles.targets.delete", Group: "claude tag", Method: "DELETE", Path: "/v1/organizations/claude_tag/bundles/{bundle_id}/targets/{target_id}", Paging: PagingNone,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.slack_channels.list", Group: "claude tag", Method: "GET", Path: "/v1/organizations/claude_tag/slack_channels", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.slack_channels.create", Group: "claude tag", Method: "POST", Path: "/v1/organizations/claude_tag/slack_channels", Paging: PagingNone, Create: true,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.slack_channels.retrieve", Group: "claude tag", Method: "GET", Path: "/v1/organizations/claude_tag/slack_channels/{id}", Paging: PagingNone,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.slack_channels.update", Group: "claude tag", Method: "POST", Path: "/v1/organizations/claude_tag/slack_channels/{id}", Paging: PagingNone,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.slack_channels.delete", Group: "claude tag", Method: "DELETE", Path: "/v1/organizations/claude_tag/slack_channels/{id}", Paging: PagingNone,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.slack_workspaces.list", Group: "claude tag", Method: "GET", Path: "/v1/organizations/claude_tag/slack_workspaces", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.slack_workspaces.retrieve", Group: "claude tag", Method: "GET", Path: "/v1/organizations/claude_tag/slack_workspaces/{id}", Paging: PagingNone,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.claude_tag.slack_workspaces.update", Group: "claude tag", Method: "POST", Path: "/v1/organizations/claude_tag/slack_workspaces/{id}", Paging: PagingNone,
		Betas: []string{BetaClaudeTag}},
	{ID: "organization.webhooks.list", Group: "webhooks", Method: "GET", Path: "/v1/organizations/webhooks", Paging: PagingIDCursor,
		Betas: []string{BetaWebhooks}},
	{ID: "organization.webhooks.create", Group: "webhooks", Method: "POST", Path: "/v1/organizations/webhooks", Paging: PagingNone, Create: true,
		Betas: []string{BetaWebhooks}},
	{ID: "organization.webhooks.retrieve", Group: "webhooks", Method: "GET", Path: "/v1/organizations/webhooks/{webhook_endpoint_id}", Paging: PagingNone,
		Betas: []string{BetaWebhooks}},
	{ID: "organization.webhooks.update", Group: "webhooks", Method: "POST", Path: "/v1/organizations/webhooks/{webhook_endpoint_id}", Paging: PagingNone,
		Betas: []string{BetaWebhooks}},
	{ID: "organization.webhooks.delete", Group: "webhooks", Method: "DELETE", Path: "/v1/organizations/webhooks/{webhook_endpoint_id}", Paging: PagingNone,
		Betas: []string{BetaWebhooks}},
	{ID: "organization.webhooks.regenerate_signing_secret", Group: "webhooks", Method: "POST", Path: "/v1/organizations/webhooks/{webhook_endpoint_id}/regenerate_signing_secret", Paging: PagingNone,
		Betas: []string{BetaWebhooks}},

	{ID: "organization.telemetry_destinations.list", Group: "telemetry", Method: "GET", Path: "/v1/organizations/telemetry_destinations", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaTelemetryDestinations}},
	{ID: "organization.telemetry_destinations.create", Group: "telemetry", Method: "POST", Path: "/v1/organizations/telemetry_destinations", Paging: PagingNone, Create: true,
		Betas: []string{BetaTelemetryDestinations}},
	{ID: "organization.telemetry_destinations.retrieve", Group: "telemetry", Method: "GET", Path: "/v1/organizations/telemetry_destinations/{destination_id}", Paging: PagingNone,
		Betas: []string{BetaTelemetryDestinations}},
	{ID: "organization.telemetry_destinations.update", Group: "telemetry", Method: "POST", Path: "/v1/organizations/telemetry_destinations/{destination_id}", Paging: PagingNone,
		Betas: []string{BetaTelemetryDestinations}},
	{ID: "organization.telemetry_destinations.delete", Group: "telemetry", Method: "DELETE", Path: "/v1/organizations/telemetry_destinations/{destination_id}", Paging: PagingNone,
		Betas: []string{BetaTelemetryDestinations}},
	{ID: "organization.telemetry_destinations.test", Group: "telemetry", Method: "POST", Path: "/v1/organizations/telemetry_destinations/{destination_id}/test", Paging: PagingNone,
		Betas: []string{BetaTelemetryDestinations}},
	{ID: "organization.telemetry_destinations.workspaces.list", Group: "telemetry", Method: "GET", Path: "/v1/organizations/telemetry_destinations/{destination_id}/workspaces", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaTelemetryDestinations}},
	{ID: "organization.telemetry_destinations.workspaces.add", Group: "telemetry", Method: "POST", Path: "/v1/organizations/telemetry_destinations/{destination_id}/workspaces/{workspace_id}", Paging: PagingNone,
		Betas: []string{BetaTelemetryDestinations}},
	{ID: "organization.telemetry_destinations.workspaces.remove", Group: "telemetry", Method: "DELETE", Path: "/v1/organizations/telemetry_destinations/{destination_id}/workspaces/{workspace_id}", Paging: PagingNone,
		Betas: []string{BetaTelemetryDestinations}},

	{ID: "organization.claude_code.managed_settings.configuration.retrieve", Group: "claude code settings", Method: "GET", Path: "/v1/organizations/claude_code/managed_settings/configuration", Paging: PagingNone,
		Betas: []string{BetaClaudeCodeManagedSettings}},
	{ID: "organization.claude_code.managed_settings.configuration.update", Group: "claude code settings", Method: "POST", Path: "/v1/organizations/claude_code/managed_settings/configuration", Paging: PagingNone,
		Betas: []string{BetaClaudeCodeManagedSettings}},
	{ID: "organization.claude_code.managed_settings.rbac_group_default.retrieve", Group: "claude code settings", Method: "GET", Path: "/v1/organizations/claude_code/managed_settings/rbac_group_default", Paging: PagingNone,
		Betas: []string{BetaClaudeCodeManagedSettings}},
	{ID: "organization.claude_code.managed_settings.rbac_group_default.update", Group: "claude code settings", Method: "POST", Path: "/v1/organizations/claude_code/managed_settings/rbac_group_default", Paging: PagingNone,
		Betas: []string{BetaClaudeCodeManagedSettings}},
	{ID: "organization.claude_code.managed_settings.rbac_groups.list", Group: "claude code settings", Method: "GET", Path: "/v1/organizations/claude_code/managed_settings/rbac_groups", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaClaudeCodeManagedSettings}},
	{ID: "organization.claude_code.managed_settings.rbac_groups.retrieve", Group: "claude code settings", Method: "GET", Path: "/v1/organizations/claude_code/managed_settings/rbac_groups/{rbac_group_id}", Paging: PagingNone,
		Betas: []string{BetaClaudeCodeManagedSettings}},
	{ID: "organization.claude_code.managed_settings.rbac_groups.set", Group: "claude code settings", Method: "POST", Path: "/v1/organizations/claude_code/managed_settings/rbac_groups/{rbac_group_id}", Paging: PagingNone,
		Betas: []string{BetaClaudeCodeManagedSettings}},
	{ID: "organization.claude_code.managed_settings.rbac_groups.delete", Group: "claude code settings", Method: "DELETE", Path: "/v1/organizations/claude_code/managed_settings/rbac_groups/{rbac_group_id}", Paging: PagingNone,
		Betas: []string{BetaClaudeCodeManagedSettings}},
	{ID: "organization.rbac_groups.list", Group: "rbac", Method: "GET", Path: "/v1/organizations/rbac_groups", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.rbac_groups.create", Group: "rbac", Method: "POST", Path: "/v1/organizations/rbac_groups", Paging: PagingNone, Create: true},
	{ID: "organization.rbac_groups.retrieve", Group: "rbac", Method: "GET", Path: "/v1/organizations/rbac_groups/{rbac_group_id}", Paging: PagingNone},
	{ID: "organization.rbac_groups.update", Group: "rbac", Method: "POST", Path: "/v1/organizations/rbac_groups/{rbac_group_id}", Paging: PagingNone},
	{ID: "organization.rbac_groups.delete", Group: "rbac", Method: "DELETE", Path: "/v1/organizations/rbac_groups/{rbac_group_id}", Paging: PagingNone},
	{ID: "organization.rbac_groups.members.list", Group: "rbac", Method: "GET", Path: "/v1/organizations/rbac_groups/{rbac_group_id}/members", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.rbac_groups.members.add", Group: "rbac", Method: "POST", Path: "/v1/organizations/rbac_groups/{rbac_group_id}/members", Paging: PagingNone, Create: true},
	{ID: "organization.rbac_groups.members.remove", Group: "rbac", Method: "DELETE", Path: "/v1/organizations/rbac_groups/{rbac_group_id}/members/{user_id}", Paging: PagingNone},
	{ID: "organization.rbac_roles.list", Group: "rbac", Method: "GET", Path: "/v1/organizations/rbac_roles", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.rbac_roles.retrieve", Group: "rbac", Method: "GET", Path: "/v1/organizations/rbac_roles/{rbac_role_id}", Paging: PagingNone},
	{ID: "organization.rbac_roles.permissions.list", Group: "rbac", Method: "GET", Path: "/v1/organizations/rbac_roles/{rbac_role_id}/permissions", Paging: PagingPageTokenNoHasMore},

	{ID: "organization.compliance_settings.retrieve", Group: "compliance", Method: "GET", Path: "/v1/organizations/compliance_settings", Paging: PagingNone},
	{ID: "organization.compliance_settings.update", Group: "compliance", Method: "POST", Path: "/v1/organizations/compliance_settings", Paging: PagingNone},

	{ID: "organization.external_keys.list", Group: "external keys", Method: "GET", Path: "/v1/organizations/external_keys", Paging: PagingPageTokenNoHasMore},
	{ID: "organization.external_keys.create", Group: "external keys", Method: "POST", Path: "/v1/organizations/external_keys", Paging: PagingNone, Create: true},
	{ID: "organization.external_keys.retrieve", Group: "external keys", Method: "GET", Path: "/v1/organizations/external_keys/{external_key_id}", Paging: PagingNone},
	{ID: "organization.external_keys.update", Group: "external keys", Method: "POST", Path: "/v1/organizations/external_keys/{external_key_id}", Paging: PagingNone},
	{ID: "organization.external_keys.delete", Group: "external keys", Method: "DELETE", Path: "/v1/organizations/external_keys/{external_key_id}", Paging: PagingNone},
	{ID: "organization.external_keys.validate", Group: "external keys", Method: "POST", Path: "/v1/organizations/external_keys/{external_key_id}/validate", Paging: PagingNone},

	{ID: "organization.external_storage.list", Group: "external storage", Method: "GET", Path: "/v1/organizations/external_storage", Paging: PagingPageTokenNoHasMore,
		Betas: []string{BetaExternalStorage}},
	{ID: "organization.external_storage.create", Group: "external storage", Method: "POST", Path: "/v1/organizations/external_storage", Paging: PagingNone, Create: true,
		Betas: []string{BetaExternalStorage}},
	{ID: "organization.external_storage.retrieve", Group: "external storage", Method: "GET", Path: "/v1/organizations/external_storage/{external_storage_id}", Paging: PagingNone,
		Betas: []string{BetaExternalStorage}},
	{ID: "organization.external_storage.update", Group: "external storage", Method: "POST", Path: "/v1/organizations/external_storage/{external_storage_id}", Paging: PagingNone,
		Betas: []string{BetaExternalStorage}},
	{ID: "organization.external_storage.activate", Group: "external storage", Method: "POST", Path: "/v1/organizations/external_storage/{external_storage_id}/activate", Paging: PagingNone,
		Betas: []string{BetaExternalStorage}},
	{ID: "organization.external_storage.delete", Group: "external storage", Method: "DELETE", Path: "/v1/organizations/external_storage/{external_storage_id}", Paging: PagingNone,
		Betas: []string{BetaExternalStorage}},

	{ID: "organization.providers.google.projects.data_controls.retrieve", Group: "providers", Method: "GET", Path: "/v1/organizations/providers/google/projects/{project_number}/data_controls", Paging: PagingNone,
		Betas: []string{BetaGoogleDataControls}},
	{ID: "organization.providers.google.projects.data_controls.update", Group: "providers", Method: "POST", Path: "/v1/organizations/providers/google/projects/{project_number}/data_controls", Paging: PagingNone,
		Betas: []string{BetaGoogleDataControls}},

	{ID: "organization.usage_report.retrieve_messages", Group: "reports", Method: "GET", Path: "/v1/organizations/usage_report/messages", Paging: PagingPageToken},
	{ID: "organization.cost_report.retrieve", Group: "reports", Method: "GET", Path: "/v1/organizations/cost_report", Paging: PagingPageToken},
	{ID: "organization.usage_report.retrieve_claude_code", Group: "reports", Method: "GET", Path: "/v1/organizations/usage_report/claude_code", Paging: PagingPageToken},
}

func init() {
	for i := range endpoints {
		if endpoints[i].Credentials == 0 {
			endpoints[i].Credentials = anyCredential
		}
		byRoute[route{endpoints[i].Method, endpoints[i].Path}] = &endpoints[i]
	}
}

// route is an endpoint's method and path template.
type route struct{ method, path string }

// byRoute finds a registry row by its method and path template.
var byRoute = map[route]*Endpoint{}

// Endpoints returns every endpoint this module implements, in the order of
// the README's table. The slice and its rows are the caller's own.
func Endpoints() []Endpoint {
	out := slices.Clone(endpoints)
	for i := range out {
		out[i].Betas = slices.Clone(out[i].Betas)
	}
	return out
}

// LookupEndpoint finds the endpoint a request goes to: path is a template
// ("/v1/organizations/users/{user_id}") or a path with the IDs filled in
// ("/v1/organizations/users/user_01..."), without a query. Where a literal
// segment and a {name} both match, the literal wins, as in http.ServeMux.
func LookupEndpoint(method, path string) (Endpoint, bool) {
	if ep, ok := byRoute[route{method, path}]; ok {
		return ep.clone(), true
	}
	segs := strings.Split(path, "/")
	var best *Endpoint
	bestLiterals := -1
	for i := range endpoints {
		ep := &endpoints[i]
		if ep.Method != method {
			continue
		}
		if literals, ok := matchTemplate(strings.Split(ep.Path, "/"), segs); ok && literals > bestLiterals {
			best, bestLiterals = ep, literals
		}
	}
	if best == nil {
		return Endpoint{}, false
	}
	return best.clone(), true
}

// matchTemplate reports whether path's segments fit the template's, where a
// {name} takes any one non-empty segment, and how many literal segments
// matched.
func matchTemplate(template, path []string) (literals int, ok bool) {
	if len(template) != len(path) {
		return 0, false
	}
	for i, t := range template {
		switch {
		case strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}"):
			if path[i] == "" {
				return 0, false
			}
		case t == path[i]:
			literals++
		default:
			return 0, false
		}
	}
	return literals, true
}

func (ep *Endpoint) clone() Endpoint {
	out := *ep
	out.Betas = slices.Clone(ep.Betas)
	return out
}

// registered returns the registry row of a method's request; a method whose
// route is not in the registry is a bug in this library, which every test of
// that method shows.
func registered(method, pattern string) *Endpoint {
	ep, ok := byRoute[route{method, pattern}]
	if !ok {
		panic("admin: " + method + " " + pattern + " is not in the endpoint registry (endpoints.go)")
	}
	return ep
}
