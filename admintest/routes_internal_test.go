package admintest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// TestHandlersMatchTheRegistry checks that every registry endpoint has a
// handler and every handler answers a registry endpoint.
func TestHandlersMatchTheRegistry(t *testing.T) {
	ids := map[string]bool{}
	for _, ep := range admin.Endpoints() {
		ids[ep.ID] = true
		if handlers[ep.ID] == nil {
			t.Errorf("registry endpoint %s (%s %s) has no handler in routes.go", ep.ID, ep.Method, ep.Path)
		}
	}
	for id := range handlers {
		if !ids[id] {
			t.Errorf("handler %q answers no registry endpoint", id)
		}
	}
}

// TestRouteChecksTheRegistryRow routes made-up endpoints and checks that the
// fake enforces the row's credential kinds and betas before the handler
// runs. The kind is the credential's, whatever header carries it: the
// official SDK sends admin keys as bearer tokens.
func TestRouteChecksTheRegistryRow(t *testing.T) {
	f := New()
	ran := 0
	ok := func(*call) (any, *apiError) { ran++; return map[string]any{"ok": true}, nil }
	f.route(admin.Endpoint{ID: "test.oauth_only", Method: "GET", Path: "/v1/organizations/test_oauth_only",
		Credentials: admin.CredentialOAuth}, ok)
	f.route(admin.Endpoint{ID: "test.either", Method: "GET", Path: "/v1/organizations/test_either",
		Credentials: admin.CredentialAdminKey | admin.CredentialOAuth, Betas: []string{"b-1", "b-2"}}, ok)
	tests := []struct {
		name, path string
		header     map[string]string
		status     int
	}{
		{"admin key on an OAuth-only endpoint", "/v1/organizations/test_oauth_only", map[string]string{"x-api-key": f.AdminKey()}, http.StatusForbidden},
		{"admin key as a bearer on an OAuth-only endpoint", "/v1/organizations/test_oauth_only", map[string]string{"Authorization": "Bearer " + f.AdminKey()}, http.StatusForbidden},
		{"OAuth token on an OAuth-only endpoint", "/v1/organizations/test_oauth_only", map[string]string{"Authorization": "Bearer " + f.OAuthToken()}, http.StatusOK},
		{"OAuth token elsewhere", "/v1/organizations/test_either", map[string]string{"Authorization": "Bearer " + f.OAuthToken(), "anthropic-beta": "b-1,b-2"}, http.StatusOK},
		{"one beta of two", "/v1/organizations/test_either", map[string]string{"x-api-key": f.AdminKey(), "anthropic-beta": "b-1"}, http.StatusBadRequest},
		{"both betas", "/v1/organizations/test_either", map[string]string{"x-api-key": f.AdminKey(), "anthropic-beta": "b-2,b-1"}, http.StatusOK},
	}
	want := 0
	for _, tt := range tests {
		req := httptest.NewRequest("GET", tt.path, nil)
		req.Header.Set("anthropic-version", "2023-06-01")
		for k, v := range tt.header {
			req.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		f.ServeHTTP(w, req)
		if w.Code != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.name, w.Code, tt.status, w.Body)
		}
		if tt.status == http.StatusOK {
			want++
		}
		if ran != want {
			t.Errorf("%s: the handler ran %d times in all, want %d", tt.name, ran, want)
		}
	}
}
