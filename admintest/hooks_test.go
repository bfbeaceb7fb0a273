package admintest_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// The webhook, telemetry and managed settings rules the spec states, as
// the fake applies them: each request, its status, and what the error
// says (or its error code).
func TestHooksRules(t *testing.T) {
	srv := newDemo(t)
	first := func(path, field, beta string) string { return firstOf(t, srv, path, field, beta) }
	hook := first("/v1/organizations/webhooks", "id", admin.BetaWebhooks)
	dest := first("/v1/organizations/telemetry_destinations", "id", admin.BetaTelemetryDestinations)
	group := first("/v1/organizations/claude_code/managed_settings/rbac_groups", "rbac_group_id", admin.BetaClaudeCodeManagedSettings)
	archived := ""
	for _, w := range send(t, srv, "GET", "/v1/organizations/workspaces?include_archived=true", "").json(t)["data"].([]any) {
		if w.(map[string]any)["archived_at"] != nil {
			archived = w.(map[string]any)["id"].(string)
		}
	}
	const wh, td, cc = admin.BetaWebhooks, admin.BetaTelemetryDestinations, admin.BetaClaudeCodeManagedSettings
	cases := []struct {
		name, beta, method, path, body string
		status                         int
		want                           string // in the body
	}{
		{"webhook page of 101", wh, "GET", "/v1/organizations/webhooks?limit=101", "", 400, "limit"},
		{"webhook order", wh, "GET", "/v1/organizations/webhooks?order=sideways", "", 400, "order"},
		{"webhook over http", wh, "POST", "/v1/organizations/webhooks", `{"url":"http://hooks.example/a","enabled_events":["external_key.failed"]}`, 400, "https"},
		{"webhook on loopback http", wh, "POST", "/v1/organizations/webhooks", `{"url":"http://127.0.0.1:9/a","enabled_events":["external_key.failed"]}`, 200, "whsec_"},
		{"webhook without events", wh, "POST", "/v1/organizations/webhooks", `{"url":"https://hooks.example/a","enabled_events":[]}`, 400, "at least one"},
		{"webhook unknown event", wh, "POST", "/v1/organizations/webhooks", `{"url":"https://hooks.example/a","enabled_events":["api_key.created"]}`, 400, "api_key.created"},
		{"webhook unknown field", wh, "POST", "/v1/organizations/webhooks/" + hook, `{"secret":"x"}`, 400, "secret"},
		{"webhook state", wh, "POST", "/v1/organizations/webhooks/" + hook, `{"state":"paused"}`, 400, "state"},
		{"webhook get shows no secret", wh, "GET", "/v1/organizations/webhooks/" + hook, "", 200, `"url"`},
		{"webhook missing", wh, "DELETE", "/v1/organizations/webhooks/whep_none", "", 404, "not_found_error"},

		{"destination over http", td, "POST", "/v1/organizations/telemetry_destinations", `{"endpoint_url":"http://otel.example","workspaces":{"type":"all"}}`, 400, "https"},
		{"destination on an IP", td, "POST", "/v1/organizations/telemetry_destinations", `{"endpoint_url":"https://10.0.0.1","workspaces":{"type":"all"}}`, 400, "IP address"},
		{"destination port", td, "POST", "/v1/organizations/telemetry_destinations", `{"endpoint_url":"https://otel.example:4318","workspaces":{"type":"all"}}`, 400, "443"},
		{"destination query", td, "POST", "/v1/organizations/telemetry_destinations", `{"endpoint_url":"https://otel.example/?a=1","workspaces":{"type":"all"}}`, 400, "query"},
		{"destination without workspaces", td, "POST", "/v1/organizations/telemetry_destinations", `{"endpoint_url":"https://otel.example"}`, 400, "workspaces"},
		{"destination archived workspace", td, "POST", "/v1/organizations/telemetry_destinations", `{"endpoint_url":"https://otel.example","workspaces":{"workspace_ids":["` + archived + `"]}}`, 400, "archived"},
		{"destination headers differing in case", td, "POST", "/v1/organizations/telemetry_destinations", `{"endpoint_url":"https://otel.example","workspaces":{"type":"all"},"headers":{"Authorization":"a","authorization":"b"}}`, 400, "case"},
		{"destination header with a space", td, "POST", "/v1/organizations/telemetry_destinations", `{"endpoint_url":"https://otel.example","workspaces":{"type":"all"},"headers":{"authorization":" a"}}`, 400, "space"},
		{"destination traces elsewhere", td, "POST", "/v1/organizations/telemetry_destinations", `{"endpoint_url":"https://otel.example","workspaces":{"type":"all"},"traces":{"endpoint_url":"https://other.example/v1/t"}}`, 400, "same scheme, host, and port"},
		{"destination traces too big", td, "POST", "/v1/organizations/telemetry_destinations", `{"endpoint_url":"https://otel.example","workspaces":{"type":"all"},"traces":{"max_content_bytes":99999999}}`, 400, "1048576"},
		{"destination header without url", td, "POST", "/v1/organizations/telemetry_destinations/" + dest, `{"headers":{"x-new":"v"}}`, 400, "endpoint_url"},
		{"destination state null", td, "POST", "/v1/organizations/telemetry_destinations/" + dest, `{"state":null}`, 400, "state"},
		{"destination disabled by caller", td, "POST", "/v1/organizations/telemetry_destinations/" + dest, `{"state":{"type":"disabled"}}`, 200, `"reason":{"type":"caller"}`},
		{"destination shows no header values", td, "GET", "/v1/organizations/telemetry_destinations/" + dest, "", 200, `"header_names":["x-honeycomb-team"]`},
		{"destination test", td, "POST", "/v1/organizations/telemetry_destinations/" + dest + "/test", "", 200, `"type":"success"`},
		{"destination remove missing", td, "DELETE", "/v1/organizations/telemetry_destinations/" + dest + "/workspaces/wrkspc_none", "", 404, "not on"},

		{"settings order without version", cc, "POST", "/v1/organizations/claude_code/managed_settings/configuration", `{"rbac_group_order":[]}`, 400, "rbac_group_order_version"},
		{"settings stale version", cc, "POST", "/v1/organizations/claude_code/managed_settings/configuration", `{"rbac_group_order":["` + group + `"],"rbac_group_order_version":"rgov_000000"}`, 409, "conflict_error"},
		{"settings mode", cc, "POST", "/v1/organizations/claude_code/managed_settings/configuration", `{"mode":{"type":"everyone"}}`, 400, "mode.type"},
		{"settings not an object", cc, "POST", "/v1/organizations/claude_code/managed_settings/rbac_groups/" + group, `{"settings":[1]}`, 400, "JSON object"},
		{"settings null for a group", cc, "POST", "/v1/organizations/claude_code/managed_settings/rbac_groups/" + group, `{"settings":null}`, 400, "JSON object"},
		{"settings too large", cc, "POST", "/v1/organizations/claude_code/managed_settings/rbac_group_default", `{"settings":{"x":"` + strings.Repeat("a", 1<<20) + `"}}`, 400, "settings_document_limit_exceeded"},
		{"settings unknown group", cc, "POST", "/v1/organizations/claude_code/managed_settings/rbac_groups/rbac_group_none", `{"settings":{}}`, 404, "rbac_group_not_found"},
		{"settings group without any", cc, "GET", "/v1/organizations/claude_code/managed_settings/rbac_groups/rbac_group_none", "", 404, "rbac_group_managed_settings_not_found"},
		{"settings default cleared", cc, "POST", "/v1/organizations/claude_code/managed_settings/rbac_group_default", `{"settings":null}`, 200, `"updated_at":null`},
	}
	for _, tc := range cases {
		r := send(t, srv, tc.method, tc.path, tc.body, "anthropic-beta", tc.beta)
		if r.Status != tc.status || !strings.Contains(string(r.Body), tc.want) {
			t.Errorf("%s: %d %.300s, want %d with %q", tc.name, r.Status, r.Body, tc.status, tc.want)
		}
		if strings.Contains(tc.name, "shows no") && (strings.Contains(string(r.Body), "whsec_") || strings.Contains(string(r.Body), "demo-team-key")) {
			t.Errorf("%s: %s", tc.name, r.Body)
		}
	}
}

// A delivery that keeps failing is retried after each delay of the
// schedule, on the fake's clock, then given up with the endpoint disabled;
// a 410 Gone disables at once. The demo's endpoints are not on loopback,
// so their deliveries fail without leaving the machine.
func TestWebhookRetriesGiveUp(t *testing.T) {
	var hits sync.Map
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := hits.LoadOrStore(r.URL.Path, new(int))
		*n.(*int)++
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusGone)
			return
		}
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer failing.Close()
	var mu sync.Mutex
	now := fixedNow
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }))
	defer srv.Close()
	c, ctx := srv.Client(), context.Background()
	var ids []string
	for _, p := range []string{"/down", "/gone"} {
		w, err := c.Webhooks.Create(ctx, admin.WebhookCreateParams{URL: failing.URL + p, EnabledEvents: []admin.WebhookEventType{admin.WebhookExternalKeyFailed}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, w.ID)
	}
	srv.EmitWebhookEvent("external_key.failed", map[string]string{"external_key_id": "ekey_1"})
	for range 20 { // a week, a day at a time: the schedule spans under 4 days
		mu.Lock()
		now = now.Add(24 * time.Hour)
		mu.Unlock()
		for srv.DeliverWebhooks(ctx) > 0 {
		}
	}
	got := map[string]admintest.WebhookDelivery{}
	for _, d := range srv.WebhookDeliveries() {
		got[d.EndpointID] = d
	}
	if d := got[ids[0]]; !d.GaveUp || d.Attempts != 10 || d.LastStatus != 500 {
		t.Errorf("failing endpoint: %+v, want 10 attempts then given up", d)
	}
	if d := got[ids[1]]; !d.GaveUp || d.Attempts != 1 {
		t.Errorf("gone endpoint: %+v, want 1 attempt", d)
	}
	for _, id := range ids {
		w, err := c.Webhooks.Get(ctx, id)
		if err != nil || w.State != admin.WebhookDisabled || w.DisabledReason == "" {
			t.Errorf("endpoint %s after giving up: %+v, %v", id, w, err)
		}
	}
	var demo *admintest.WebhookDelivery
	for _, d := range got {
		if d.EndpointID != ids[0] && d.EndpointID != ids[1] {
			demo = &d
		}
	}
	if demo == nil || !strings.Contains(demo.LastError, "only to loopback") {
		t.Errorf("the demo endpoint's delivery: %+v", demo)
	}
}

// An external key that starts failing, and recovers, reaches a registered
// endpoint as signed external_key.failed and external_key.recovered events
// by the time the call returns.
func TestExternalKeyHealthIsDelivered(t *testing.T) {
	got := make(chan *admin.WebhookEvent, 4)
	var secret string
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		e, err := admin.VerifyWebhook(secret, r.Header, body)
		if err != nil {
			t.Errorf("delivery does not verify: %v", err)
		}
		got <- e
	}))
	defer receiver.Close()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()))
	defer srv.Close()
	c, ctx := srv.Client(), context.Background()
	w, err := c.Webhooks.Create(ctx, admin.WebhookCreateParams{URL: receiver.URL,
		EnabledEvents: []admin.WebhookEventType{admin.WebhookExternalKeyFailed, admin.WebhookExternalKeyRecovered}})
	if err != nil {
		t.Fatal(err)
	}
	secret = w.SigningSecret.Reveal()
	keys, err := c.ExternalKeys.List(admin.ExternalKeyListParams{}).Collect(ctx)
	if err != nil || len(keys) == 0 {
		t.Fatalf("external keys: %d, %v", len(keys), err)
	}
	srv.FailExternalKey(keys[0].ID, "AccessDeniedException: key policy denies kms:Decrypt")
	srv.RecoverExternalKey(keys[0].ID)
	for _, want := range []string{"external_key.failed", "external_key.recovered"} {
		select {
		case e := <-got:
			if e == nil || string(e.Type) != want || !strings.Contains(string(e.Data), keys[0].ID) {
				t.Errorf("event %+v, want %s of %s", e, want, keys[0].ID)
			}
		default:
			t.Fatalf("no %s event delivered by the time the call returned", want)
		}
	}
}
