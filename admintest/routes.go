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
	noRunning bool // WithoutRunningBuckets
	mergeTags bool // WithTagsMerged
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
		f.mu.Lock()
		out, err := h(&call{r: r, q: r.URL.Query(), st: f.st, now: f.now(), noRunning: f.noRunning, mergeTags: f.mergeTags})
		f.mu.Unlock()
		if err != nil {
			writeError(w, rid, err)
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
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
