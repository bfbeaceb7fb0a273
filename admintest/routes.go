package admintest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// call is one request being handled, with the state locked.
type call struct {
	r         *http.Request
	q         url.Values
	st        *state
	now       time.Time
	noRunning bool        // WithoutRunningBuckets
	mergeTags bool        // WithTagsMerged
	form      *uploadForm // a multipart/form-data body, read before the state was locked
}

func (c *call) path(name string) string { return c.r.PathValue(name) }

// decode reads the JSON body into v, refusing unknown fields as the API does.
func (c *call) decode(v any) *apiError {
	body, _ := io.ReadAll(c.r.Body)
	if len(bytes.TrimSpace(body)) == 0 {
		return errInvalid("request body: a JSON object is required")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return errInvalid("%s: Extra inputs are not permitted", strings.Trim(field, `"`))
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return errInvalid("%s: expected %s", te.Field, te.Type)
		}
		return errInvalid("request body: invalid JSON: %v", err)
	}
	return nil
}

// handler answers a call with a value to encode as JSON, or an API error.
// A *fileBody answer is a file, sent as its bytes.
type handler func(c *call) (any, *apiError)

// handle runs h with the state locked, so every request sees and leaves a
// consistent state and concurrent writes are never lost. Before h it checks
// what the registry row says every request to the endpoint needs: a
// credential kind the endpoint accepts and its beta values.
func (f *Fake) handle(ep admin.Endpoint, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rid, _ := r.Context().Value(ridKey{}).(string)
		if err := checkEndpoint(ep, r); err != nil {
			writeError(w, rid, err)
			return
		}
		// An upload is read before the state is locked: a slow client
		// holds up no other request.
		form, err := readUpload(r)
		if err != nil {
			writeError(w, rid, err)
			return
		}
		f.mu.Lock()
		out, err := h(&call{r: r, q: r.URL.Query(), st: f.st, now: f.now(), noRunning: f.noRunning, mergeTags: f.mergeTags, form: form})
		out = frozen(out)
		due := f.st.hasDue(f.now())
		f.mu.Unlock()
		if due {
			// What the request caused reaches its webhook endpoints before
			// the answer does, so a test sees it as the call returns.
			f.DeliverWebhooks(r.Context())
		}
		if err != nil {
			writeError(w, rid, err)
			return
		}
		if file, ok := out.(*fileBody); ok {
			file.serve(w)
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// frozen is an answer encoded while the state is still locked: a handler's
// answer may point into the state, which the next request (a retry of this
// one, say) can change while this one is being written. Answers that write
// themselves (report pages, files) are left to do so.
func frozen(out any) any {
	switch out.(type) {
	case nil, *fileBody, interface{ writeJSON(io.Writer) error }:
		return out
	}
	b, err := json.Marshal(out)
	if err != nil {
		return out // writeJSON meets the same error and writes what it can
	}
	return json.RawMessage(b)
}

// checkEndpoint refuses a request the endpoint would refuse whatever it
// asked: a credential of a kind it does not accept (an admin key, as
// x-api-key or as a bearer token, where only OAuth tokens are), or a
// missing beta value. The refusal of an admin key is the API's 403
// permission_error, saying what the endpoint needs; it has no error code.
func checkEndpoint(ep admin.Endpoint, r *http.Request) *apiError {
	if kind, _ := r.Context().Value(credKey{}).(admin.Credentials); kind != 0 && ep.Credentials&kind == 0 {
		return &apiError{status: http.StatusForbidden, typ: "permission_error",
			msg: "This endpoint requires an OAuth access token with the org:admin scope; Admin API keys are not accepted."}
	}
	for _, beta := range ep.Betas {
		if !hasBeta(r, beta) {
			return errInvalid("anthropic-beta: this endpoint requires the %s beta", beta)
		}
	}
	return nil
}

// handlers answers each endpoint of the registry (admin.Endpoints), by ID.
// An endpoint without a handler here answers 501 like any other endpoint
// the fake does not implement, and a test fails.
var handlers = map[string]handler{
	"organization.retrieve": getOrg,

	"organization.users.list":     listUsers,
	"organization.users.retrieve": getUser,
	"organization.users.update":   updateUser,
	"organization.users.remove":   removeUser,
	"organization.users.sign_out": signOutUser,

	"organization.invites.list":     listInvites,
	"organization.invites.create":   createInvite,
	"organization.invites.retrieve": getInvite,
	"organization.invites.delete":   deleteInvite,

	"organization.workspaces.list":     listWorkspaces,
	"organization.workspaces.create":   createWorkspace,
	"organization.workspaces.retrieve": getWorkspace,
	"organization.workspaces.update":   updateWorkspace,
	"organization.workspaces.archive":  archiveWorkspace,

	"organization.workspaces.members.list":     listMembers,
	"organization.workspaces.members.add":      addMember,
	"organization.workspaces.members.retrieve": getMember,
	"organization.workspaces.members.update":   updateMember,
	"organization.workspaces.members.remove":   removeMember,

	"organization.api_keys.list":     listAPIKeys,
	"organization.api_keys.retrieve": getAPIKey,
	"organization.api_keys.update":   updateAPIKey,

	"organization.rate_limits.list":              listRateLimits,
	"organization.workspaces.rate_limits.list":   listWorkspaceRateLimits,
	"organization.workspaces.rate_limits.update": updateWorkspaceRateLimit,

	"organization.service_accounts.list":                listServiceAccounts,
	"organization.service_accounts.create":              createServiceAccount,
	"organization.service_accounts.retrieve":            getServiceAccount,
	"organization.service_accounts.update":              updateServiceAccount,
	"organization.service_accounts.archive":             archiveServiceAccount,
	"organization.service_accounts.workspaces.list":     listServiceAccountWorkspaces,
	"organization.service_accounts.workspaces.add":      addServiceAccountWorkspace,
	"organization.service_accounts.workspaces.remove":   removeWorkspaceServiceAccount,
	"organization.workspaces.service_accounts.list":     listWorkspaceServiceAccounts,
	"organization.workspaces.service_accounts.add":      addWorkspaceServiceAccount,
	"organization.workspaces.service_accounts.retrieve": getWorkspaceServiceAccount,
	"organization.workspaces.service_accounts.update":   updateWorkspaceServiceAccount,
	"organization.workspaces.service_accounts.remove":   removeWorkspaceServiceAccount,

	"organization.federation.issuers.list":            listIssuers,
	"organization.federation.issuers.create":          createIssuer,
	"organization.federation.issuers.retrieve":        getIssuer,
	"organization.federation.issuers.update":          updateIssuer,
	"organization.federation.issuers.archive":         archiveIssuer,
	"organization.federation.rules.list":              listRules,
	"organization.federation.rules.create":            createRule,
	"organization.federation.rules.retrieve":          getRule,
	"organization.federation.rules.update":            updateRule,
	"organization.federation.rules.archive":           archiveRule,
	"organization.federation.rules.workspaces.list":   listRuleWorkspaces,
	"organization.federation.rules.workspaces.add":    addRuleWorkspace,
	"organization.federation.rules.workspaces.remove": removeRuleWorkspace,

	"organization.analytics.usage.list":             analyticsUsage,
	"organization.analytics.cost.list":              analyticsCost,
	"organization.analytics.usage_report.list":      analyticsUsageReport,
	"organization.analytics.cost_report.list":       analyticsCostReport,
	"organization.analytics.user_usage_report.list": analyticsUserUsageReport,
	"organization.analytics.user_cost_report.list":  analyticsUserCostReport,

	"organization.analytics.artifacts.list":          listArtifactActivity,
	"organization.analytics.plugins.list":            listPluginActivity,
	"organization.analytics.skills.list":             listSkillActivity,
	"organization.analytics.apps.chat.projects.list": listChatProjectActivity,
	"organization.analytics.connectors.list":         listConnectorActivity,
	"organization.analytics.users.list":              listUserActivity,
	"organization.analytics.summaries.list":          listActivitySummaries,

	"organization.spend_limits.list":                       listSpendLimits,
	"organization.spend_limits.set":                        setSpendLimit,
	"organization.spend_limits.retrieve":                   getSpendLimit,
	"organization.spend_limits.delete":                     deleteSpendLimit,
	"organization.spend_limits.effective.list":             listEffectiveLimits,
	"organization.spend_limits.increase_requests.list":     listIncreaseRequests,
	"organization.spend_limits.increase_requests.retrieve": getIncreaseRequest,
	"organization.spend_limits.increase_requests.approve":  approveIncreaseRequest,
	"organization.spend_limits.increase_requests.deny":     denyIncreaseRequest,

	"organization.plugins.list":                            listPlugins,
	"organization.plugins.create":                          createPlugin,
	"organization.plugins.retrieve":                        getPlugin,
	"organization.plugins.update":                          updatePlugin,
	"organization.plugins.delete":                          deletePlugin,
	"organization.plugins.versions.list":                   listPluginVersions,
	"organization.plugins.versions.create":                 createPluginVersion,
	"organization.plugins.versions.retrieve":               getPluginVersion,
	"organization.plugins.versions.download":               downloadPluginVersion,
	"organization.plugins.installation_settings.list":      listInstallSettings,
	"organization.plugins.installation_settings.set":       setInstallSetting,
	"organization.plugins.installation_settings.remove":    removeInstallSetting,
	"organization.plugins.shares.list":                     listPluginShares,
	"organization.plugin_marketplaces.list":                listMarketplaces,
	"organization.plugin_marketplaces.retrieve":            getMarketplace,
	"organization.plugin_marketplaces.update":              updateMarketplace,
	"organization.plugin_marketplaces.validate_archive":    validateArchive,
	"organization.plugin_marketplaces.validate_repository": validateRepository,

	"organization.claude_tag.bundles.list":              listBundles,
	"organization.claude_tag.bundles.retrieve":          getBundle,
	"organization.claude_tag.bundles.update":            updateBundle,
	"organization.claude_tag.bundles.targets.list":      listBundleTargets,
	"organization.claude_tag.bundles.targets.create":    createBundleTarget,
	"organization.claude_tag.bundles.targets.retrieve":  getBundleTarget,
	"organization.claude_tag.bundles.targets.delete":    deleteBundleTarget,
	"organization.claude_tag.slack_channels.list":       listSlackChannels,
	"organization.claude_tag.slack_channels.create":     createSlackChannel,
	"organization.claude_tag.slack_channels.retrieve":   getSlackChannel,
	"organization.claude_tag.slack_channels.update":     updateSlackChannel,
	"organization.claude_tag.slack_channels.delete":     deleteSlackChannel,
	"organization.claude_tag.slack_workspaces.list":     listSlackWorkspaces,
	"organization.claude_tag.slack_workspaces.retrieve": getSlackWorkspace,
	"organization.claude_tag.slack_workspaces.update":   updateSlackWorkspace,
	"organization.webhooks.list":                        listWebhooks,
	"organization.webhooks.create":                      createWebhook,
	"organization.webhooks.retrieve":                    getWebhook,
	"organization.webhooks.update":                      updateWebhook,
	"organization.webhooks.delete":                      deleteWebhook,
	"organization.webhooks.regenerate_signing_secret":   regenerateWebhookSecret,

	"organization.telemetry_destinations.list":              listTelemetryDestinations,
	"organization.telemetry_destinations.create":            createTelemetryDestination,
	"organization.telemetry_destinations.retrieve":          getTelemetryDestination,
	"organization.telemetry_destinations.update":            updateTelemetryDestination,
	"organization.telemetry_destinations.delete":            deleteTelemetryDestination,
	"organization.telemetry_destinations.test":              testTelemetryDestination,
	"organization.telemetry_destinations.workspaces.list":   listTelemetryWorkspaces,
	"organization.telemetry_destinations.workspaces.add":    addTelemetryWorkspace,
	"organization.telemetry_destinations.workspaces.remove": removeTelemetryWorkspace,

	"organization.claude_code.managed_settings.configuration.retrieve":      getSettingsConfiguration,
	"organization.claude_code.managed_settings.configuration.update":        updateSettingsConfiguration,
	"organization.claude_code.managed_settings.rbac_group_default.retrieve": getSettingsDefault,
	"organization.claude_code.managed_settings.rbac_group_default.update":   updateSettingsDefault,
	"organization.claude_code.managed_settings.rbac_groups.list":            listSettingsGroups,
	"organization.claude_code.managed_settings.rbac_groups.retrieve":        getSettingsGroup,
	"organization.claude_code.managed_settings.rbac_groups.set":             setSettingsGroup,
	"organization.claude_code.managed_settings.rbac_groups.delete":          deleteSettingsGroup,
	"organization.rbac_groups.list":                                         listRBACGroups,
	"organization.rbac_groups.create":                                       createRBACGroup,
	"organization.rbac_groups.retrieve":                                     getRBACGroup,
	"organization.rbac_groups.update":                                       updateRBACGroup,
	"organization.rbac_groups.delete":                                       deleteRBACGroup,
	"organization.rbac_groups.members.list":                                 listRBACGroupMembers,
	"organization.rbac_groups.members.add":                                  addRBACGroupMember,
	"organization.rbac_groups.members.remove":                               removeRBACGroupMember,
	"organization.rbac_roles.list":                                          listRBACRoles,
	"organization.rbac_roles.retrieve":                                      getRBACRole,
	"organization.rbac_roles.permissions.list":                              listRBACRolePermissions,

	"organization.compliance_settings.retrieve": getComplianceSettings,
	"organization.compliance_settings.update":   updateComplianceSettings,

	"organization.external_keys.list":     listExternalKeys,
	"organization.external_keys.create":   createExternalKey,
	"organization.external_keys.retrieve": getExternalKey,
	"organization.external_keys.update":   updateExternalKey,
	"organization.external_keys.delete":   deleteExternalKey,
	"organization.external_keys.validate": validateExternalKey,

	"organization.external_storage.list":     listExternalStorage,
	"organization.external_storage.create":   createExternalStorage,
	"organization.external_storage.retrieve": getExternalStorage,
	"organization.external_storage.update":   updateExternalStorage,
	"organization.external_storage.delete":   deleteExternalStorage,
	"organization.external_storage.activate": activateExternalStorage,

	"organization.providers.google.projects.data_controls.retrieve": getDataControls,
	"organization.providers.google.projects.data_controls.update":   updateDataControls,

	"organization.usage_report.retrieve_messages":    usageReport,
	"organization.cost_report.retrieve":              costReport,
	"organization.usage_report.retrieve_claude_code": claudeCodeReport,
}

// routes mounts the handler of every registry endpoint that has one.
func (f *Fake) routes() {
	for _, ep := range admin.Endpoints() {
		if h, ok := handlers[ep.ID]; ok {
			f.route(ep, h)
		}
	}
}

func (f *Fake) route(ep admin.Endpoint, h handler) {
	f.mux.Handle(ep.Method+" "+ep.Path, f.handle(ep, h))
}

// Endpoints lists the endpoints the fake implements, as "METHOD /path",
// sorted by path. admin.Endpoints has them with all they need.
func Endpoints() []string {
	var out []string
	for _, ep := range admin.Endpoints() {
		if _, ok := handlers[ep.ID]; ok {
			out = append(out, ep.Method+" "+ep.Path)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		_, pa, _ := strings.Cut(a, " ")
		_, pb, _ := strings.Cut(b, " ")
		return cmp.Or(strings.Compare(pa, pb), strings.Compare(a, b))
	})
	return out
}

func getOrg(c *call) (any, *apiError) { return c.st.org, nil }
