package admintest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
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
// consistent state and concurrent writes are never lost.
func (f *Fake) handle(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rid, _ := r.Context().Value(ridKey{}).(string)
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

// routeTable maps each implemented endpoint to its handler.
var routeTable = map[string]handler{
	"GET /v1/organizations/me": getOrg,

	"GET /v1/organizations/users":                     listUsers,
	"GET /v1/organizations/users/{user_id}":           getUser,
	"POST /v1/organizations/users/{user_id}":          updateUser,
	"DELETE /v1/organizations/users/{user_id}":        removeUser,
	"POST /v1/organizations/users/{user_id}/sign_out": signOutUser,

	"GET /v1/organizations/invites":                listInvites,
	"POST /v1/organizations/invites":               createInvite,
	"GET /v1/organizations/invites/{invite_id}":    getInvite,
	"DELETE /v1/organizations/invites/{invite_id}": deleteInvite,

	"GET /v1/organizations/workspaces":                         listWorkspaces,
	"POST /v1/organizations/workspaces":                        createWorkspace,
	"GET /v1/organizations/workspaces/{workspace_id}":          getWorkspace,
	"POST /v1/organizations/workspaces/{workspace_id}":         updateWorkspace,
	"POST /v1/organizations/workspaces/{workspace_id}/archive": archiveWorkspace,

	"GET /v1/organizations/workspaces/{workspace_id}/members":              listMembers,
	"POST /v1/organizations/workspaces/{workspace_id}/members":             addMember,
	"GET /v1/organizations/workspaces/{workspace_id}/members/{user_id}":    getMember,
	"POST /v1/organizations/workspaces/{workspace_id}/members/{user_id}":   updateMember,
	"DELETE /v1/organizations/workspaces/{workspace_id}/members/{user_id}": removeMember,

	"GET /v1/organizations/api_keys":               listAPIKeys,
	"GET /v1/organizations/api_keys/{api_key_id}":  getAPIKey,
	"POST /v1/organizations/api_keys/{api_key_id}": updateAPIKey,

	"GET /v1/organizations/rate_limits":                                            listRateLimits,
	"GET /v1/organizations/workspaces/{workspace_id}/rate_limits":                  listWorkspaceRateLimits,
	"POST /v1/organizations/workspaces/{workspace_id}/rate_limits/{rate_limit_id}": updateWorkspaceRateLimit,

	"GET /v1/organizations/usage_report/messages":    usageReport,
	"GET /v1/organizations/cost_report":              costReport,
	"GET /v1/organizations/usage_report/claude_code": claudeCodeReport,
}

func (f *Fake) routes() {
	for pattern, h := range routeTable {
		f.mux.Handle(pattern, f.handle(h))
	}
}

// Endpoints lists the endpoints the fake implements, as "METHOD /path",
// sorted by path.
func Endpoints() []string {
	out := slices.Collect(maps.Keys(routeTable))
	slices.SortFunc(out, func(a, b string) int {
		_, pa, _ := strings.Cut(a, " ")
		_, pb, _ := strings.Cut(b, " ")
		return cmp.Or(strings.Compare(pa, pb), strings.Compare(a, b))
	})
	return out
}

func getOrg(c *call) (any, *apiError) { return c.st.org, nil }
