// Package admin is a client for the Anthropic Admin API: organization
// members, invites, workspaces and their members, API keys, rate limits,
// service accounts and workload identity federation (which take only an
// OAuth token: see ErrOAuthRequired), and the messages usage, cost and
// Claude Code reports.
//
// Create a client with NewClient; with no options it reads its credential from
// ANTHROPIC_ADMIN_KEY, ANTHROPIC_ADMIN_API_KEY or ANTHROPIC_AUTH_TOKEN:
//
//	client, err := admin.NewClient()
//	if err != nil { ... }
//	for user, err := range client.Users.List(admin.UserListParams{}).All(ctx) {
//		if err != nil { ... }
//		fmt.Println(user.Email, user.Role)
//	}
//
// Every list and report is a lazy *List: nothing is sent until All, Pages or
// Page is called, and All follows every page for you. List params embed
// Cursor (lists paged by ID) or PageCursor (paged by token). A report range
// of any length is a lazy *Range of the same shape, and Client.List pages
// any list path the way the typed lists do.
//
// Updates say one of three things per optional field with Optional: leave it
// (the zero value), Set(v) or Clear[T](). An object named by two IDs is named
// by a struct with a field per ID (WorkspaceMemberRef, WorkspaceRateLimitRef),
// never by two strings that could be swapped; one ID stays a plain argument.
//
// Errors from the API are *APIError values; match them with errors.Is against
// ErrNotFound, ErrRateLimited and the other sentinels, or with errors.As.
// Input the API would refuse (an empty ID, a limit out of range, a reversed
// time range) fails before anything is sent, with a *ParamError that names
// the parameter and matches ErrInvalidParam.
//
// Failed requests are retried twice by default on connection errors, 408,
// 409, 429 and 5xx (but 501), with the server's retry-after honoured. Requests
// that create something are retried only when the server cannot have acted on
// them, so a retry never creates a duplicate.
//
// Cost amounts are exact: see Amount. Nothing on the money path uses floats.
//
// For reports over any span, ParseTimeRange reads ranges the way people say
// them ("30d", "mtd", "last-month", or dates), and MessagesRange,
// ReportRange and ClaudeCodeRange fetch every bucket (or record) of a range
// of any length (in windows the API accepts, every page of each, each bucket
// once). This package only fetches reports; the analysis of what they
// return (totals by any dimension with per-day series, the month-end
// forecast and budget check, FinOps FOCUS rows) is package
// github.com/anthropic-admin-go/admin/report, fed bucket by bucket.
package admin

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// Version is the library's version, sent in the User-Agent header.
const Version = "0.1.0"

// DefaultBaseURL is where the Admin API lives.
const DefaultBaseURL = "https://api.anthropic.com"

// BaseURLEnv is the environment variable NewClient takes the base URL from
// when WithBaseURL is not given.
const BaseURLEnv = "ANTHROPIC_ADMIN_BASE_URL"

// DefaultAnthropicVersion is the anthropic-version header sent unless
// WithAnthropicVersion says otherwise.
const DefaultAnthropicVersion = "2023-06-01"

// Client talks to the Admin API. It is safe for concurrent use.
type Client struct {
	cfg *config

	Organization *OrganizationService
	Users        *UsersService
	Invites      *InvitesService
	Workspaces   *WorkspacesService
	APIKeys      *APIKeysService
	RateLimits   *RateLimitsService
	Usage        *UsageService
	Cost         *CostService
	Analytics    *AnalyticsService
	SpendLimits  *SpendLimitsService

	Plugins               *PluginsService
	PluginMarketplaces    *PluginMarketplacesService
	ClaudeTag             *ClaudeTagService
	Webhooks              *WebhooksService
	TelemetryDestinations *TelemetryDestinationsService
	ClaudeCodeSettings    *ClaudeCodeSettingsService
	RBACGroups            *RBACGroupsService
	RBACRoles             *RBACRolesService
	ComplianceSettings    *ComplianceSettingsService
	ExternalKeys          *ExternalKeysService
	ExternalStorage       *ExternalStorageService
	Providers             *ProvidersService
	ServiceAccounts       *ServiceAccountsService
	Federation            *FederationService
}

// NewClient returns a client configured by opts and, for what opts leave
// unset, by the environment: ANTHROPIC_ADMIN_KEY, then
// ANTHROPIC_ADMIN_API_KEY (sent as x-api-key), then ANTHROPIC_AUTH_TOKEN
// (sent as Authorization: Bearer), and ANTHROPIC_ADMIN_BASE_URL.
//
// ANTHROPIC_BASE_URL is ignored: it is the inference SDKs' variable and
// often points at an inference gateway or proxy, which must never receive
// an admin key.
func NewClient(opts ...Option) (*Client, error) {
	cfg := &config{
		baseURL:       strings.TrimSpace(os.Getenv(BaseURLEnv)),
		version:       DefaultAnthropicVersion,
		maxRetries:    2,
		maxRetryDelay: 60 * time.Second,
		sleep:         sleepContext,
	}
	for _, o := range opts {
		o(cfg)
	}
	if cfg.err != nil {
		return nil, cfg.err
	}
	if cfg.response != nil {
		return nil, paramErr("WithResponse", "describes one call: pass it to the call, not to NewClient")
	}
	if cfg.cred == nil {
		cred, err := credentialFromEnv()
		if err != nil {
			return nil, err
		}
		cfg.cred = cred
	}
	if cfg.cred == nil {
		return nil, fmt.Errorf("admin: no credential: pass WithAPIKey or WithAuthToken, or set ANTHROPIC_ADMIN_KEY " +
			"(an admin key from Console → Settings → Admin keys) or ANTHROPIC_AUTH_TOKEN (an OAuth token with the org:admin scope)")
	}
	if err := cfg.finish(); err != nil {
		return nil, err
	}
	cfg.warnIfNotAdminKey()
	c := &Client{cfg: cfg}
	c.Organization = &OrganizationService{c}
	c.Users = &UsersService{c}
	c.Invites = &InvitesService{c}
	c.Workspaces = &WorkspacesService{client: c, Members: &WorkspaceMembersService{c}, RateLimits: &WorkspaceRateLimitsService{c},
		ServiceAccounts: &WorkspaceServiceAccountsService{c}}
	c.APIKeys = &APIKeysService{c}
	c.RateLimits = &RateLimitsService{c}
	c.Usage = &UsageService{c}
	c.Cost = &CostService{c}
	c.Analytics = &AnalyticsService{c}
	c.SpendLimits = &SpendLimitsService{client: c, IncreaseRequests: &SpendLimitIncreaseRequestsService{c}}

	c.Plugins = &PluginsService{client: c, Versions: &PluginVersionsService{c},
		InstallationSettings: &PluginInstallationSettingsService{c}, Shares: &PluginSharesService{c}}
	c.PluginMarketplaces = &PluginMarketplacesService{c}
	c.ClaudeTag = &ClaudeTagService{Bundles: &ClaudeTagBundlesService{client: c, Targets: &ClaudeTagBundleTargetsService{c}},
		SlackChannels: &ClaudeTagSlackChannelsService{c}, SlackWorkspaces: &ClaudeTagSlackWorkspacesService{c}}
	c.Webhooks = &WebhooksService{c}
	c.TelemetryDestinations = &TelemetryDestinationsService{client: c, Workspaces: &TelemetryWorkspacesService{c}}
	c.ClaudeCodeSettings = &ClaudeCodeSettingsService{c}
	c.RBACGroups = &RBACGroupsService{client: c, Members: &RBACGroupMembersService{c}}
	c.RBACRoles = &RBACRolesService{c}
	c.ComplianceSettings = &ComplianceSettingsService{c}
	c.ExternalKeys = &ExternalKeysService{c}
	c.ExternalStorage = &ExternalStorageService{c}
	c.Providers = &ProvidersService{Google: &GoogleProviderService{c}}
	c.ServiceAccounts = &ServiceAccountsService{client: c, Workspaces: &ServiceAccountWorkspacesService{c}}
	c.Federation = &FederationService{Issuers: &FederationIssuersService{c},
		Rules: &FederationRulesService{client: c, Workspaces: &FederationRuleWorkspacesService{c}}}
	return c, nil
}

// credentialFromEnv reads the first credential variable that is set, in the
// order NewClient documents; nil when none is.
func credentialFromEnv() (*credential, error) {
	for _, v := range []struct {
		name   string
		bearer bool
	}{{"ANTHROPIC_ADMIN_KEY", false}, {"ANTHROPIC_ADMIN_API_KEY", false}, {"ANTHROPIC_AUTH_TOKEN", true}} {
		if value := os.Getenv(v.name); strings.TrimSpace(value) != "" {
			return newCredential(v.name, value, v.bearer)
		}
	}
	return nil, nil
}

// finish checks the settings that depend on each other and fills defaults.
func (c *config) finish() error {
	if c.baseURL == "" {
		c.baseURL = DefaultBaseURL
	}
	u, err := url.Parse(c.baseURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return paramErr("base URL", "%q is not an absolute http(s) URL", c.baseURL)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return paramErr("base URL", "%q uses plain http to a host that is not loopback; credentials would travel unencrypted", c.baseURL)
	}
	c.baseURL = strings.TrimRight(u.String(), "/")
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	if c.httpClient == nil {
		c.httpClient = http.DefaultClient
	}
	c.httpClient = guardRedirects(c.httpClient)
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// guardRedirects returns a copy of hc whose redirects drop the credential
// headers once they leave the original host or downgrade to http, for the
// rest of the chain: a host that is not the API must not be able to send
// the client back to an API path of its choosing with the credential on.
// Go's client already drops Authorization across hosts, but not x-api-key.
func guardRedirects(hc *http.Client) *http.Client {
	cp := *hc
	next := hc.CheckRedirect
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		first := via[0].URL
		for _, hop := range append(via[1:], req) {
			if hop.URL.Host != first.Host || (first.Scheme == "https" && hop.URL.Scheme != "https") {
				req.Header.Del("X-Api-Key")
				req.Header.Del("Authorization")
				break
			}
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return fmt.Errorf("stopped after 10 redirects")
		}
		return nil
	}
	return &cp
}

// String describes the client without its credential.
func (c *Client) String() string {
	kind := "api-key"
	if c.cfg.cred.bearer {
		kind = "auth-token"
	}
	return fmt.Sprintf("admin.Client{baseURL: %s, credential: %s [redacted]}", c.cfg.baseURL, kind)
}

// Format makes every fmt verb (%v, %+v, %#v, %s) print String, so a client
// in a log line or a panic never shows its credential.
func (c *Client) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }

// warnIfNotAdminKey logs when the key does not look like an admin key.
// Scoped Enterprise keys are legitimate, so this only warns.
func (c *config) warnIfNotAdminKey() {
	if c.cred.bearer || strings.HasPrefix(c.cred.value, "sk-ant-admin") {
		return
	}
	c.logger.Warn("the API key is not an admin key (no sk-ant-admin prefix): endpoints outside its scopes will answer 403")
}
