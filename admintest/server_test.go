package admintest_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
)

func TestAuthAndVersion(t *testing.T) {
	srv := newEmpty(t)
	tests := []struct {
		name     string
		header   []string
		status   int
		errorTyp string
	}{
		{"admin key in x-api-key", nil, 200, ""},
		{"admin key as bearer (official SDK v2)", []string{"x-api-key", "", "Authorization", "Bearer " + srv.AdminKey(), "anthropic-version", "2026-10-21"}, 200, ""},
		{"no credentials", []string{"x-api-key", ""}, 401, "authentication_error"},
		{"wrong key", []string{"x-api-key", "sk-ant-admin01-wrong"}, 401, "authentication_error"},
		{"wrong bearer", []string{"x-api-key", "", "Authorization", "Bearer nope"}, 401, "authentication_error"},
		{"inference key is not an admin key", []string{"x-api-key", "sk-ant-api03-abc"}, 403, "permission_error"},
		{"missing version", []string{"anthropic-version", ""}, 400, "invalid_request_error"},
		{"unknown version", []string{"anthropic-version", "1999-01-01"}, 400, "invalid_request_error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, srv, "GET", "/v1/organizations/me", "", tt.header...)
			if r.Status != tt.status {
				t.Fatalf("status = %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			if tt.errorTyp != "" {
				if got := r.errorType(t); got != tt.errorTyp {
					t.Errorf("error type = %q, want %q", got, tt.errorTyp)
				}
				return
			}
			if m := r.json(t); m["type"] != "organization" || m["name"] == "" {
				t.Errorf("organization = %v", m)
			}
		})
	}
}

func TestEveryRouteNeedsTheKey(t *testing.T) {
	srv := newDemo(t)
	for _, ep := range append(srvEndpoints(), "GET /v1/organizations/service_accounts") {
		method, path, _ := strings.Cut(ep, " ")
		path = strings.NewReplacer("{workspace_id}", "wrkspc_x", "{user_id}", "user_x", "{invite_id}", "invite_x",
			"{api_key_id}", "apikey_x", "{rate_limit_id}", "rl_x").Replace(path)
		for _, c := range []struct {
			header []string
			status int
			typ    string
		}{
			{[]string{"x-api-key", ""}, 401, "authentication_error"},
			{[]string{"x-api-key", "sk-ant-admin01-nope"}, 401, "authentication_error"},
			{[]string{"x-api-key", "", "Authorization", "Bearer sk-ant-admin01-nope"}, 401, "authentication_error"},
			{[]string{"x-api-key", "", "Authorization", srv.AdminKey()}, 401, "authentication_error"}, // no Bearer
			{[]string{"x-api-key", "sk-ant-api03-inference"}, 403, "permission_error"},
		} {
			// A body that would be valid or not must not matter: the key is
			// checked first.
			r := send(t, srv, method, path, `{"name":"x"}`, c.header...)
			if r.Status != c.status || r.errorType(t) != c.typ {
				t.Errorf("%s %s with %v: status %d, want %d", method, path, c.header, r.Status, c.status)
			}
		}
	}
}

func TestUnimplementedEndpointsSay501(t *testing.T) {
	srv := newEmpty(t)
	r := send(t, srv, "GET", "/v1/organizations/tunnels", "")
	if r.Status != http.StatusNotImplemented {
		t.Fatalf("status = %d, want 501", r.Status)
	}
	if msg := string(r.Body); !strings.Contains(msg, "GET /v1/organizations/tunnels") {
		t.Errorf("501 does not name the endpoint: %s", msg)
	}
	if r := send(t, srv, "GET", "/v2/nothing", ""); r.Status != 404 || r.errorType(t) != "not_found_error" {
		t.Errorf("unknown path: status %d %s", r.Status, r.Body)
	}
}

func TestIDCursorPagination(t *testing.T) {
	srv := newDemo(t)
	all := ids(t, ok(t, srv, "GET", "/v1/organizations/users?limit=1000", ""))
	if len(all) != 25 {
		t.Fatalf("demo has %d users, want 25", len(all))
	}
	for _, id := range all {
		if !strings.HasPrefix(id, "user_") {
			t.Errorf("user ID %q lacks the user_ prefix", id)
		}
	}
	var walked []string
	after := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		q := "?limit=7"
		if after != "" {
			q += "&after_id=" + after
		}
		page := ok(t, srv, "GET", "/v1/organizations/users"+q, "")
		got := ids(t, page)
		walked = append(walked, got...)
		if page["first_id"] != got[0] || page["last_id"] != got[len(got)-1] {
			t.Errorf("first_id/last_id = %v/%v, want %v/%v", page["first_id"], page["last_id"], got[0], got[len(got)-1])
		}
		if page["has_more"] != true {
			break
		}
		after = page["last_id"].(string)
	}
	if !slices.Equal(walked, all) {
		t.Errorf("forward walk = %v\nwant %v", walked, all)
	}
	back := ok(t, srv, "GET", "/v1/organizations/users?limit=5&before_id="+all[12], "")
	if got := ids(t, back); !slices.Equal(got, all[7:12]) || back["has_more"] != true {
		t.Errorf("before_id page = %v has_more %v, want %v true", got, back["has_more"], all[7:12])
	}
	for _, q := range []string{"limit=0", "limit=1001", "limit=x", "after_id=a&before_id=b", "after_id=user_missing"} {
		if r := send(t, srv, "GET", "/v1/organizations/users?"+q, ""); r.Status != 400 || r.errorType(t) != "invalid_request_error" {
			t.Errorf("%s: status %d, want 400", q, r.Status)
		}
	}
	empty := ok(t, srv, "GET", "/v1/organizations/users?email=nobody@example.com", "")
	if len(ids(t, empty)) != 0 || empty["has_more"] != false || empty["first_id"] != nil || empty["last_id"] != nil {
		t.Errorf("empty page = %v", empty)
	}
}

func TestUserRules(t *testing.T) {
	srv := newDemo(t)
	users := ok(t, srv, "GET", "/v1/organizations/users?limit=100&roles[]=admin", "")
	admins := ids(t, users)
	if len(admins) != 2 {
		t.Fatalf("demo admins = %v", admins)
	}
	devs := ids(t, ok(t, srv, "GET", "/v1/organizations/users?roles[]=developer&limit=100", ""))
	dev := devs[0]
	tests := []struct {
		name, method, path, body string
		status                   int
	}{
		{"assign admin", "POST", "/v1/organizations/users/" + dev, `{"role":"admin"}`, 400},
		{"unknown role", "POST", "/v1/organizations/users/" + dev, `{"role":"wizard"}`, 400},
		{"missing role", "POST", "/v1/organizations/users/" + dev, `{}`, 400},
		{"extra field", "POST", "/v1/organizations/users/" + dev, `{"role":"user","x":1}`, 400},
		{"change an admin", "POST", "/v1/organizations/users/" + admins[0], `{"role":"user"}`, 400},
		{"remove an admin", "DELETE", "/v1/organizations/users/" + admins[0], ``, 400},
		{"unknown user", "GET", "/v1/organizations/users/user_nope", ``, 404},
		{"sign out without beta", "POST", "/v1/organizations/users/" + dev + "/sign_out", ``, 400},
		{"update role", "POST", "/v1/organizations/users/" + dev, `{"role":"billing"}`, 200},
		{"remove", "DELETE", "/v1/organizations/users/" + dev, ``, 200},
		{"removed is gone", "GET", "/v1/organizations/users/" + dev, ``, 404},
	}
	for _, tt := range tests {
		r := send(t, srv, tt.method, tt.path, tt.body)
		if r.Status != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.name, r.Status, tt.status, r.Body)
		}
	}
	r := send(t, srv, "POST", "/v1/organizations/users/"+devs[1]+"/sign_out", "", "anthropic-beta", "other-beta,admin-user-sign-out-2026-10-08")
	if r.Status != 200 || r.json(t)["id"] != devs[1] {
		t.Errorf("sign out: %d %s", r.Status, r.Body)
	}
}

func TestInviteRules(t *testing.T) {
	srv := newDemo(t)
	pending := ids(t, ok(t, srv, "GET", "/v1/organizations/invites?statuses[]=pending", ""))
	expired := ids(t, ok(t, srv, "GET", "/v1/organizations/invites?statuses[]=expired", ""))
	if len(pending) != 3 || len(expired) != 2 {
		t.Fatalf("demo invites: %d pending, %d expired; want 3 and 2", len(pending), len(expired))
	}
	member := ok(t, srv, "GET", "/v1/organizations/users?limit=1", "")["data"].([]any)[0].(map[string]any)["email"].(string)
	for _, tt := range []struct {
		body, code string
	}{
		{`{"email":"` + member + `","role":"user"}`, "already_member"},
		{`{"email":"new.hire@acme-robotics.example","role":"user"}`, "invite_already_exists"},
		{`{"email":"x@example.com","role":"admin"}`, ""},
		{`{"email":"not-an-email","role":"user"}`, ""},
		{`{"role":"user"}`, ""},
	} {
		r := send(t, srv, "POST", "/v1/organizations/invites", tt.body)
		if r.Status != 400 || r.errorType(t) != "invalid_request_error" {
			t.Errorf("%s: status %d, want 400", tt.body, r.Status)
			continue
		}
		if tt.code != "" && !strings.Contains(string(r.Body), `"error_code":"`+tt.code+`"`) {
			t.Errorf("%s: no error_code %s in %s", tt.body, tt.code, r.Body)
		}
	}
	inv := ok(t, srv, "POST", "/v1/organizations/invites", `{"email":"fresh@example.com","role":"developer"}`)
	if inv["status"] != "pending" || !strings.HasPrefix(inv["id"].(string), "invite_") || inv["accepted_at"] != nil {
		t.Errorf("created invite = %v", inv)
	}
	del := ok(t, srv, "DELETE", "/v1/organizations/invites/"+inv["id"].(string), "")
	if del["type"] != "invite_deleted" || del["id"] != inv["id"] {
		t.Errorf("delete = %v", del)
	}
	if r := send(t, srv, "GET", "/v1/organizations/invites/"+inv["id"].(string), ""); r.Status != 404 {
		t.Errorf("deleted invite still there: %d", r.Status)
	}
}

func TestWorkspaceRules(t *testing.T) {
	srv := newDemo(t)
	listed := ids(t, ok(t, srv, "GET", "/v1/organizations/workspaces", ""))
	withArchived := ids(t, ok(t, srv, "GET", "/v1/organizations/workspaces?include_archived=true", ""))
	withDefault := ids(t, ok(t, srv, "GET", "/v1/organizations/workspaces?include_archived=true&include_default=true", ""))
	if len(listed) != 4 || len(withArchived) != 5 || len(withDefault) != 6 {
		t.Fatalf("workspaces listed %d/%d/%d, want 4/5/6", len(listed), len(withArchived), len(withDefault))
	}
	def := ok(t, srv, "GET", "/v1/organizations/workspaces/"+withDefault[0], "")
	if def["name"] != "Default" {
		t.Errorf("first with include_default = %v", def["name"])
	}

	ws := ok(t, srv, "POST", "/v1/organizations/workspaces", `{"name":"Payments","tags":{"team":"pay"},"data_residency":{"allowed_inference_geos":["us"],"default_inference_geo":"us"}}`)
	id := ws["id"].(string)
	want := map[string]any{"type": "workspace", "name": "Payments", "archived_at": nil, "external_key_id": nil, "user_profile_id": nil}
	for k, v := range want {
		if ws[k] != v {
			t.Errorf("created %s = %v, want %v", k, ws[k], v)
		}
	}
	if dr := fmt.Sprint(ws["data_residency"]); dr != "map[allowed_inference_geos:[us] default_inference_geo:us workspace_geo:us]" {
		t.Errorf("data_residency = %s", dr)
	}
	for _, body := range []string{`{}`, `{"name":""}`, `{"name":"Payments"}`, `{"name":"x","display_color":"red"}`,
		`{"name":"y","data_residency":{"allowed_inference_geos":["us"],"default_inference_geo":"global"}}`,
		`{"name":"z","data_residency":{"workspace_geo":"eu"}}`} {
		if r := send(t, srv, "POST", "/v1/organizations/workspaces", body); r.Status != 400 {
			t.Errorf("create %s: status %d, want 400", body, r.Status)
		}
	}
	upd := ok(t, srv, "POST", "/v1/organizations/workspaces/"+id, `{"name":"Payments API","tags":{}}`)
	if upd["name"] != "Payments API" || fmt.Sprint(upd["tags"]) != "map[]" {
		t.Errorf("update = %v", upd)
	}

	// Archiving archives the workspace's keys and freezes the workspace.
	keyID := srv.AddAPIKey("payments-key", id, "")
	user := ids(t, ok(t, srv, "GET", "/v1/organizations/users?limit=1&roles[]=developer", ""))[0]
	ok(t, srv, "POST", "/v1/organizations/workspaces/"+id+"/members", `{"user_id":"`+user+`","workspace_role":"workspace_developer"}`)
	arch := ok(t, srv, "POST", "/v1/organizations/workspaces/"+id+"/archive", "")
	if arch["archived_at"] == nil {
		t.Errorf("archive left archived_at null")
	}
	if k := ok(t, srv, "GET", "/v1/organizations/api_keys/"+keyID, ""); k["status"] != "archived" {
		t.Errorf("key of archived workspace has status %v", k["status"])
	}
	for _, c := range []struct{ method, path, body string }{
		{"POST", "/v1/organizations/workspaces/" + id, `{"name":"again"}`},
		{"POST", "/v1/organizations/workspaces/" + id + "/archive", ``},
		{"POST", "/v1/organizations/workspaces/" + id + "/members", `{"user_id":"` + user + `","workspace_role":"workspace_user"}`},
		{"DELETE", "/v1/organizations/workspaces/" + id + "/members/" + user, ``},
		{"POST", "/v1/organizations/api_keys/" + keyID, `{"status":"active"}`},
		{"POST", "/v1/organizations/workspaces/" + withDefault[0] + "/archive", ``},
	} {
		if r := send(t, srv, c.method, c.path, c.body); r.Status != 400 {
			t.Errorf("%s %s on archived/default workspace: status %d, want 400", c.method, c.path, r.Status)
		}
	}
}

func TestMemberRules(t *testing.T) {
	srv := newDemo(t)
	ws := ok(t, srv, "POST", "/v1/organizations/workspaces", `{"name":"Team"}`)["id"].(string)
	users := ids(t, ok(t, srv, "GET", "/v1/organizations/users?limit=3&roles[]=developer", ""))
	base := "/v1/organizations/workspaces/" + ws + "/members"
	for _, tt := range []struct {
		method, path, body string
		status             int
	}{
		{"POST", base, `{"user_id":"` + users[0] + `","workspace_role":"workspace_billing"}`, 400},
		{"POST", base, `{"user_id":"` + users[0] + `","workspace_role":"owner"}`, 400},
		{"POST", base, `{"user_id":"user_missing","workspace_role":"workspace_user"}`, 404},
		{"POST", base, `{"user_id":"` + users[0] + `","workspace_role":"workspace_developer"}`, 200},
		{"POST", base, `{"user_id":"` + users[0] + `","workspace_role":"workspace_user"}`, 400},
		{"POST", base + "/" + users[0], `{"workspace_role":"workspace_billing"}`, 400},
		{"POST", base + "/" + users[0], `{"workspace_role":"workspace_admin"}`, 200},
		{"GET", base + "/" + users[1], ``, 404},
		{"DELETE", base + "/" + users[0], ``, 200},
		{"GET", base + "/" + users[0], ``, 404},
	} {
		if r := send(t, srv, tt.method, tt.path, tt.body); r.Status != tt.status {
			t.Errorf("%s %s %s: status %d, want %d: %s", tt.method, tt.path, tt.body, r.Status, tt.status, r.Body)
		}
	}
}

func TestAPIKeysFiltersAndUpdates(t *testing.T) {
	srv := newDemo(t)
	all := ids(t, ok(t, srv, "GET", "/v1/organizations/api_keys?limit=100", ""))
	if len(all) != 43 {
		t.Fatalf("demo has %d keys, want 43", len(all))
	}
	counts := map[string]int{}
	for _, s := range []string{"active", "inactive", "archived", "expired"} {
		counts[s] = len(ids(t, ok(t, srv, "GET", "/v1/organizations/api_keys?limit=100&status="+s, "")))
	}
	if counts["active"] == 0 || counts["inactive"] == 0 || counts["archived"] == 0 || counts["expired"] == 0 ||
		counts["active"]+counts["inactive"]+counts["archived"]+counts["expired"] != 43 {
		t.Errorf("status counts = %v", counts)
	}
	k := ok(t, srv, "GET", "/v1/organizations/api_keys?status=active&limit=1", "")["data"].([]any)[0].(map[string]any)
	scope := k["scope"].(map[string]any)
	byWS := ids(t, ok(t, srv, "GET", "/v1/organizations/api_keys?limit=100&workspace_id="+scope["workspace_id"].(string), ""))
	if !slices.Contains(byWS, k["id"].(string)) {
		t.Errorf("workspace filter lost key %s", k["id"])
	}
	creator := k["created_by"].(map[string]any)["id"].(string)
	if byUser := ids(t, ok(t, srv, "GET", "/v1/organizations/api_keys?limit=100&created_by_user_id="+creator, "")); !slices.Contains(byUser, k["id"].(string)) {
		t.Errorf("creator filter lost key %s", k["id"])
	}
	path := "/v1/organizations/api_keys/" + k["id"].(string)
	if u := ok(t, srv, "POST", path, `{"status":"inactive","name":"renamed"}`); u["status"] != "inactive" || u["name"] != "renamed" {
		t.Errorf("update = %v", u)
	}
	for _, body := range []string{`{"status":"expired"}`, `{"status":"bogus"}`, `{"name":""}`} {
		if r := send(t, srv, "POST", path, body); r.Status != 400 {
			t.Errorf("update %s: status %d, want 400", body, r.Status)
		}
	}
}

func TestRateLimits(t *testing.T) {
	srv := newDemo(t)
	all := ok(t, srv, "GET", "/v1/organizations/rate_limits", "")
	if all["next_page"] != nil || len(all["data"].([]any)) != 8 {
		t.Fatalf("org rate limits = %v", all)
	}
	if _, has := all["has_more"]; has {
		t.Errorf("rate limits must not carry has_more")
	}
	p1 := ok(t, srv, "GET", "/v1/organizations/rate_limits?limit=5", "")
	p2 := ok(t, srv, "GET", "/v1/organizations/rate_limits?limit=5&page="+p1["next_page"].(string), "")
	if len(p1["data"].([]any)) != 5 || len(p2["data"].([]any)) != 3 || p2["next_page"] != nil {
		t.Errorf("paged rate limits: %d then %d, next %v", len(p1["data"].([]any)), len(p2["data"].([]any)), p2["next_page"])
	}
	mg := ok(t, srv, "GET", "/v1/organizations/rate_limits?group_type=model_group&model=claude-sonnet-4-6", "")
	first := mg["data"].([]any)[0].(map[string]any)
	if len(mg["data"].([]any)) != 1 || first["group"].(map[string]any)["type"] != "model_group" {
		t.Errorf("model filter = %v", mg)
	}
	if r := send(t, srv, "GET", "/v1/organizations/rate_limits?model=gpt-0", ""); r.Status != 404 {
		t.Errorf("unknown model: %d, want 404", r.Status)
	}
	ws := ok(t, srv, "POST", "/v1/organizations/workspaces", `{"name":"Limited"}`)["id"].(string)
	rl := first["id"].(string)
	base := "/v1/organizations/workspaces/" + ws + "/rate_limits"
	if got := ok(t, srv, "GET", base, ""); len(got["data"].([]any)) != 0 {
		t.Errorf("fresh workspace has overrides: %v", got)
	}
	set := ok(t, srv, "POST", base+"/"+rl, `{"limits":[{"type":"requests_per_minute","value":100}]}`)
	lim := set["limits"].([]any)[0].(map[string]any)
	if set["type"] != "workspace_rate_limit" || lim["value"] != 100.0 || lim["org_limit"] != 4000.0 || fmt.Sprint(lim["source"]) != "map[type:workspace]" {
		t.Errorf("override = %v", set)
	}
	inherited := ok(t, srv, "GET", base+"?include_inherited=true&group_type=model_group", "")
	if n := len(inherited["data"].([]any)); n != 3 {
		t.Errorf("with inherited: %d model groups, want 3", n)
	}
	// Above the organization's limit: stored, as the spec documents no
	// error for it (the two limits apply alongside each other).
	above := ok(t, srv, "POST", base+"/"+rl, `{"limits":[{"type":"requests_per_minute","value":999999}]}`)
	if lim := above["limits"].([]any)[0].(map[string]any); lim["value"] != 999999.0 || lim["org_limit"] != 4000.0 {
		t.Errorf("override above the org limit = %v", above)
	}
	ok(t, srv, "POST", base+"/"+rl, `{"limits":[{"type":"requests_per_minute","value":null}]}`)
	if got := ok(t, srv, "GET", base, ""); len(got["data"].([]any)) != 0 {
		t.Errorf("null did not clear the override: %v", got)
	}
	if r := send(t, srv, "POST", base+"/"+rl, `{"limits":[{"type":"bogus","value":1}]}`); r.Status != 400 {
		t.Errorf("bad limiter type: %d", r.Status)
	}
}

func srvEndpoints() []string { return admintest.Endpoints() }
