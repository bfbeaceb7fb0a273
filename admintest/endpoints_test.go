package admintest_test

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// TestEndpoints checks that the fake implements every endpoint of the
// registry, and lists them sorted by path, then method.
func TestEndpoints(t *testing.T) {
	got := admintest.Endpoints()
	var want []string
	for _, ep := range admin.Endpoints() {
		want = append(want, ep.Method+" "+ep.Path)
	}
	byPath := func(a, b string) int {
		_, pa, _ := strings.Cut(a, " ")
		_, pb, _ := strings.Cut(b, " ")
		return cmp.Or(strings.Compare(pa, pb), strings.Compare(a, b))
	}
	slices.SortFunc(want, byPath)
	if !slices.Equal(got, want) {
		for _, e := range got {
			if !slices.Contains(want, e) {
				t.Errorf("Endpoints() has %q, which is not in the registry", e)
			}
		}
		for _, e := range want {
			if !slices.Contains(got, e) {
				t.Errorf("Endpoints() lacks %q", e)
			}
		}
		if len(got) == len(want) {
			t.Errorf("Endpoints() is not sorted by path, then method:\n%s", strings.Join(got, "\n"))
		}
	}
	for _, e := range got {
		method, path, ok := strings.Cut(e, " ")
		if !ok || !slices.Contains([]string{"GET", "POST", "DELETE"}, method) || !strings.HasPrefix(path, "/v1/organizations/") {
			t.Errorf("endpoint %q is not \"METHOD /v1/organizations/...\"", e)
		}
	}

	// Callers get their own copy.
	got[0] = "changed"
	if admintest.Endpoints()[0] == "changed" {
		t.Error("Endpoints() returns shared storage")
	}
}

// TestEveryEndpointIsRouted sends a request to each registry endpoint: none
// may get the 501 of an endpoint the fake does not implement.
func TestEveryEndpointIsRouted(t *testing.T) {
	srv := newDemo(t)
	fill := strings.NewReplacer("{workspace_id}", "wrkspc_x", "{user_id}", "user_x", "{invite_id}", "invite_x",
		"{api_key_id}", "apikey_x", "{rate_limit_id}", "rl_x")
	for _, ep := range admin.Endpoints() {
		header := []string{}
		if len(ep.Betas) > 0 {
			header = append(header, "anthropic-beta", strings.Join(ep.Betas, ","))
		}
		r := send(t, srv, ep.Method, fill.Replace(ep.Path), `{}`, header...)
		if r.Status == http.StatusNotImplemented || strings.Contains(string(r.Body), "no such endpoint") {
			t.Errorf("%s %s (%s): %d %s", ep.Method, ep.Path, ep.ID, r.Status, r.Body)
		}
	}
}

// requiredQuery is the query an endpoint cannot be served without.
var requiredQuery = map[string]string{
	"organization.analytics.usage.list": "?starting_at=2026-11-18T00:00:00Z",
	"organization.analytics.cost.list":  "?starting_at=2026-11-18T00:00:00Z",
}

// requiredBody is the body an endpoint cannot be served without.
var requiredBody = map[string]string{
	"organization.webhooks.create":                                        `{"url":"https://hooks.example/a","enabled_events":["external_key.failed"]}`,
	"organization.webhooks.update":                                        `{"name":"renamed"}`,
	"organization.telemetry_destinations.create":                          `{"endpoint_url":"https://otel.example","workspaces":{"type":"all"}}`,
	"organization.telemetry_destinations.update":                          `{"display_name":"renamed"}`,
	"organization.claude_code.managed_settings.configuration.update":      `{"mode":{"type":"organization"}}`,
	"organization.claude_code.managed_settings.rbac_group_default.update": `{"settings":{}}`,
	"organization.claude_code.managed_settings.rbac_groups.set":           `{"settings":{}}`,
	"organization.external_storage.create":                                `{"provider_config": {"type": "aws", "account_id": "123456789012", "bucket_name": "acme-beta-test", "region": "us-east-1"}}`,
	"organization.external_storage.update":                                `{"display_name": "Beta test"}`,
	"organization.providers.google.projects.data_controls.update":         `{"storage": {"type": "disabled"}}`,
}

// firstOf returns a field of the first item a demo list answers with.
func firstOf(t *testing.T, srv *admintest.Server, path, field, beta string) string {
	t.Helper()
	page := send(t, srv, "GET", path, "", "anthropic-beta", beta).json(t)
	return page["data"].([]any)[0].(map[string]any)[field].(string)
}

// demoProject is the Demo organization's verified Google Cloud project.
const demoProject = "482915067341"

// TestEndpointBetasAreRequired checks that the fake refuses a request to an
// endpoint without the beta values its registry row names, and serves it
// with them, given among others. Deletes go last, the innermost first.
func TestEndpointBetasAreRequired(t *testing.T) {
	srv := newDemo(t)
	dest := firstOf(t, srv, "/v1/organizations/telemetry_destinations?workspace_ids[]="+firstOf(t, srv, "/v1/organizations/workspaces?limit=2", "id", ""),
		"id", admin.BetaTelemetryDestinations)
	fill := strings.NewReplacer("{user_id}", firstOf(t, srv, "/v1/organizations/users?limit=1", "id", ""),
		"{webhook_endpoint_id}", firstOf(t, srv, "/v1/organizations/webhooks", "id", admin.BetaWebhooks),
		"{destination_id}", dest,
		"{workspace_id}", firstOf(t, srv, "/v1/organizations/telemetry_destinations/"+dest+"/workspaces", "workspace_id", admin.BetaTelemetryDestinations),
		"{rbac_group_id}", firstOf(t, srv, "/v1/organizations/claude_code/managed_settings/rbac_groups", "rbac_group_id", admin.BetaClaudeCodeManagedSettings),
		"{project_number}", demoProject)
	eps := admin.Endpoints()
	isDelete := func(ep admin.Endpoint) int {
		if ep.Method == http.MethodDelete {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(eps, func(a, b admin.Endpoint) int { return cmp.Compare(isDelete(a), isDelete(b)) })
	if i := slices.IndexFunc(eps, func(ep admin.Endpoint) bool { return ep.Method == http.MethodDelete }); i >= 0 {
		slices.Reverse(eps[i:])
	}
	valid := validRequests(t, srv)
	storage := ""
	n := 0
	for _, ep := range eps {
		if len(ep.Betas) == 0 {
			continue
		}
		n++
		path := strings.ReplaceAll(fill.Replace(ep.Path), "{external_storage_id}", storage) + requiredQuery[ep.ID]
		body, header := requiredBody[ep.ID], []string(nil)
		if v, ok := valid[ep.ID]; ok {
			path, body, header = v.path, v.body, v.header
		}
		if r := send(t, srv, ep.Method, path, body, header...); r.Status != http.StatusBadRequest || !strings.Contains(string(r.Body), ep.Betas[0]) {
			t.Errorf("%s without %v: %d %s, want a 400 naming the beta", ep.ID, ep.Betas, r.Status, r.Body)
		}
		r := send(t, srv, ep.Method, path, body, append(header, "anthropic-beta", "other-beta, "+strings.Join(ep.Betas, ","))...)
		if r.Status != http.StatusOK {
			t.Errorf("%s with %v: %d %s, want 200", ep.ID, ep.Betas, r.Status, r.Body)
		}
		if ep.ID == "organization.external_storage.create" {
			storage = r.json(t)["id"].(string) // the rest act on the new storage: activated, then deleted
		}
	}
	if n == 0 {
		t.Fatal("no registry endpoint needs a beta: this test checks nothing")
	}
}
