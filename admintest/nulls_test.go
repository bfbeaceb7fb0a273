package admintest_test

import (
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/admintest"
)

// TestUpdateNulls checks what an update body's null does: it clears what can
// be cleared (a tag, a workspace's display color, a rate limit's override)
// and is refused for fields that have no null, rather than being taken for
// a field left out or stored as "".
func TestUpdateNulls(t *testing.T) {
	tests := []struct {
		name     string
		merge    bool // WithTagsMerged
		body     string
		status   int
		wantTags map[string]string
	}{
		{name: "a null tag is removed, the sent map replaces", body: `{"tags":{"env":null,"owner":"ana"}}`,
			status: 200, wantTags: map[string]string{"owner": "ana"}},
		{name: "a null tag is removed, the sent map is merged", merge: true, body: `{"tags":{"env":null,"owner":"ana"}}`,
			status: 200, wantTags: map[string]string{"team": "pay", "owner": "ana"}},
		{name: "every tag named: the same under both readings", body: `{"tags":{"env":null,"team":"pay","owner":"ana"}}`,
			status: 200, wantTags: map[string]string{"team": "pay", "owner": "ana"}},
		{name: "every tag named, merged", merge: true, body: `{"tags":{"env":null,"team":"pay","owner":"ana"}}`,
			status: 200, wantTags: map[string]string{"team": "pay", "owner": "ana"}},
		{name: "tags left out stay", merge: true, body: `{"name":"Payments API"}`,
			status: 200, wantTags: map[string]string{"team": "pay", "env": "prod"}},
		{name: "tags as a whole have no null", body: `{"tags":null}`, status: 400},
		{name: "name has no null", body: `{"name":null}`, status: 400},
		{name: "external_key_id has no null", body: `{"external_key_id":null}`, status: 400},
		{name: "user_profile_id has no null", body: `{"user_profile_id":null}`, status: 400},
		{name: "default_inference_geo has no null", body: `{"data_residency":{"default_inference_geo":null}}`, status: 400},
		{name: "allowed_inference_geos has no null", body: `{"data_residency":{"allowed_inference_geos":null}}`, status: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := []admintest.Option{admintest.WithClock(func() time.Time { return fixedNow })}
			if tt.merge {
				opts = append(opts, admintest.WithTagsMerged())
			}
			srv := admintest.NewServer(opts...)
			defer srv.Close()
			id := ok(t, srv, "POST", "/v1/organizations/workspaces", `{"name":"Payments","tags":{"team":"pay","env":"prod"}}`)["id"].(string)
			r := send(t, srv, "POST", "/v1/organizations/workspaces/"+id, tt.body)
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			got := ok(t, srv, "GET", "/v1/organizations/workspaces/"+id, "")
			if tt.status != 200 {
				if got["name"] != "Payments" || fmt.Sprint(got["tags"]) != "map[env:prod team:pay]" {
					t.Errorf("a refused update changed the workspace: %v", got)
				}
				return
			}
			tags := map[string]string{}
			for k, v := range got["tags"].(map[string]any) {
				tags[k] = v.(string)
			}
			if !maps.Equal(tags, tt.wantTags) {
				t.Errorf("tags = %v, want %v", tags, tt.wantTags)
			}
		})
	}
}

// A display color sent as null goes back to the color the workspace got
// when it was created without one.
func TestDisplayColorClears(t *testing.T) {
	srv := newEmpty(t)
	for i := range 2 { // so that the default is not the palette's first
		ok(t, srv, "POST", "/v1/organizations/workspaces", fmt.Sprintf(`{"name":"w%d"}`, i))
	}
	ws := ok(t, srv, "POST", "/v1/organizations/workspaces", `{"name":"Colored"}`)
	id, def := ws["id"].(string), ws["display_color"].(string)
	if set := ok(t, srv, "POST", "/v1/organizations/workspaces/"+id, `{"display_color":"#123456"}`); set["display_color"] != "#123456" || def == "#123456" {
		t.Fatalf("set color = %v (default %s)", set["display_color"], def)
	}
	if cleared := ok(t, srv, "POST", "/v1/organizations/workspaces/"+id, `{"display_color":null}`); cleared["display_color"] != def {
		t.Errorf("cleared color = %v, want the default %s", cleared["display_color"], def)
	}
	if r := send(t, srv, "POST", "/v1/organizations/workspaces", `{"name":"New","display_color":null}`); r.Status != 400 {
		t.Errorf("create with a null color: status %d, want 400", r.Status)
	}
	if r := send(t, srv, "POST", "/v1/organizations/workspaces", `{"name":"New","tags":{"env":null}}`); r.Status != 400 {
		t.Errorf("create with a null tag: status %d, want 400", r.Status)
	}
}

// Every other update of the fake: null only where the API clears.
func TestOtherUpdateNulls(t *testing.T) {
	srv := newDemo(t)
	key := ids(t, ok(t, srv, "GET", "/v1/organizations/api_keys?status=active&limit=1", ""))[0]
	ws := ok(t, srv, "POST", "/v1/organizations/workspaces", `{"name":"Limited"}`)["id"].(string)
	rl := ids(t, ok(t, srv, "GET", "/v1/organizations/rate_limits?limit=1", ""))[0]
	for _, c := range []struct {
		path, body string
		status     int
	}{
		{"/v1/organizations/api_keys/" + key, `{"name":null}`, 400},
		{"/v1/organizations/api_keys/" + key, `{"status":null}`, 400},
		{"/v1/organizations/workspaces/" + ws + "/rate_limits/" + rl, `{"limits":[{"type":"requests_per_minute"}]}`, 400},
		{"/v1/organizations/workspaces/" + ws + "/rate_limits/" + rl, `{"limits":[{"type":"requests_per_minute","value":null}]}`, 200},
	} {
		if r := send(t, srv, "POST", c.path, c.body); r.Status != c.status {
			t.Errorf("POST %s %s: status %d, want %d: %s", c.path, c.body, r.Status, c.status, r.Body)
		}
	}
}
