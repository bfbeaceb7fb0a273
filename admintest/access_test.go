package admintest_test

import (
	"strings"
	"testing"
)

// The access and data control endpoints refuse what the API refuses, with
// its statuses, error types and codes, and change nothing when they do.
func TestAccessRefusals(t *testing.T) {
	const (
		storage  = "/v1/organizations/external_storage"
		controls = "/v1/organizations/providers/google/projects/482915067341/data_controls"
	)
	efs := []string{"anthropic-beta", "efs-2026-10-01"}
	gdc := []string{"anthropic-beta", "google-managed-data-controls-2026-09-01"}
	aws := func(bucket, region string) string {
		return `{"provider_config":{"type":"aws","account_id":"123456789012","bucket_name":"` + bucket + `","region":"` + region + `"}}`
	}
	cases := []struct {
		name, method, path, body string
		header                   []string
		status                   int
		typ, code                string
	}{
		{"group without name", "POST", "/v1/organizations/rbac_groups", `{}`, nil, 400, "invalid_request_error", ""},
		{"group name taken", "POST", "/v1/organizations/rbac_groups", `{"name":"FINANCE"}`, nil, 409, "conflict_error", ""},
		{"group unknown field", "POST", "/v1/organizations/rbac_groups", `{"name":"X","role_ids":[]}`, nil, 400, "invalid_request_error", ""},
		{"invite into an unknown group", "POST", "/v1/organizations/invites", `{"email":"new@acme-robotics.example","role":"user","rbac_group_ids":["rbac_group_nope"]}`, nil, 400, "invalid_request_error", ""},
		{"role unknown", "GET", "/v1/organizations/rbac_roles/rbac_role_nope", "", nil, 404, "not_found_error", "rbac_role_not_found"},
		{"permissions of unknown role", "GET", "/v1/organizations/rbac_roles/rbac_role_nope/permissions", "", nil, 404, "not_found_error", "rbac_role_not_found"},
		{"compliance unknown state", "POST", "/v1/organizations/compliance_settings", `{"state":"paused"}`, nil, 400, "invalid_request_error", ""},
		{"compliance object with extra field", "POST", "/v1/organizations/compliance_settings", `{"state":{"type":"enabled","x":1}}`, nil, 400, "invalid_request_error", ""},
		{"key alias ARN", "POST", "/v1/organizations/external_keys", `{"provider_config":{"type":"aws","kms_arn":"arn:aws:kms:us-east-1:123456789012:alias/claude"}}`, nil, 400, "invalid_request_error", ""},
		{"key region not the ARN's", "POST", "/v1/organizations/external_keys",
			`{"provider_config":{"type":"aws","kms_arn":"arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d","region":"eu-west-1"}}`, nil, 400, "invalid_request_error", ""},
		{"key field of another provider", "POST", "/v1/organizations/external_keys", `{"provider_config":{"type":"gcp","key_name":"projects/p/locations/l/keyRings/r/cryptoKeys/k","tenant_id":"t"}}`, nil, 400, "invalid_request_error", ""},
		{"key with a profile", "POST", "/v1/organizations/external_keys", `{"provider_config":{"type":"gcp","key_name":"projects/p/locations/l/keyRings/r/cryptoKeys/k"},"user_profile_id":"uprof_1"}`, nil, 400, "invalid_request_error", "user_profile_not_found"},
		{"key geo unknown", "POST", "/v1/organizations/external_keys", `{"provider_config":{"type":"gcp","key_name":"projects/p/locations/l/keyRings/r/cryptoKeys/k"},"geo":"eu"}`, nil, 400, "invalid_request_error", ""},
		{"storage region unsupported", "POST", storage, aws("acme-x", "mars-1"), efs, 400, "invalid_request_error", "unsupported_region"},
		{"storage bucket registered", "POST", storage, aws("acme-claude-transcripts", "us-east-1"), efs, 409, "conflict_error", "storage_already_registered"},
		{"storage unknown", "POST", storage + "/estrg_x", `{"display_name":"x"}`, efs, 404, "not_found_error", ""},
		{"controls of an unverified project", "POST", "/v1/organizations/providers/google/projects/1/data_controls", `{"cmek":{"type":"disabled"}}`, gdc, 400, "invalid_request_error", "gcp_project_not_verified"},
		{"controls region unsupported", "POST", controls, `{"cmek":{"type":"enabled","external_key_ids":{"apac":"ekey_x"}}}`, gdc, 400, "invalid_request_error", "region_not_supported"},
		{"controls key unknown", "POST", controls, `{"cmek":{"type":"enabled","external_key_ids":{"eu":"ekey_x"}}}`, gdc, 400, "invalid_request_error", "external_key_not_found"},
		{"controls every key removed", "POST", controls, `{"cmek":{"type":"enabled","external_key_ids":{"us":null,"eu":null}}}`, gdc, 400, "invalid_request_error", ""},
		{"controls one bucket, two regions", "POST", controls,
			`{"storage":{"type":"enabled","buckets":{"eu":{"project_number":"482915067341","bucket_name":"acme-vertex-claude-us"}}}}`, gdc, 400, "invalid_request_error", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newDemo(t)
			before := send(t, srv, "GET", controls, "", gdc...).Body
			r := send(t, srv, tc.method, tc.path, tc.body, tc.header...)
			if r.Status != tc.status || r.errorType(t) != tc.typ {
				t.Fatalf("%d %s, want %d %s", r.Status, r.Body, tc.status, tc.typ)
			}
			if tc.code != "" && !strings.Contains(string(r.Body), `"error_code":"`+tc.code+`"`) {
				t.Errorf("body %s lacks error_code %s", r.Body, tc.code)
			}
			if after := send(t, srv, "GET", controls, "", gdc...).Body; string(after) != string(before) {
				t.Errorf("a refused request changed the controls:\n%s\n%s", before, after)
			}
		})
	}
}

// Group members must be members of the organization, and a group whose
// role grants owner access keeps its members.
func TestRBACMembershipRules(t *testing.T) {
	srv := newDemo(t)
	groups := ok(t, srv, "GET", "/v1/organizations/rbac_groups?limit=100", "")["data"].([]any)
	byName := map[string]string{}
	for _, g := range groups {
		byName[g.(map[string]any)["name"].(string)] = g.(map[string]any)["id"].(string)
	}
	owners, finance := byName["Owners"], byName["Finance"]
	users := ids(t, ok(t, srv, "GET", "/v1/organizations/users?limit=100", ""))

	r := send(t, srv, "POST", "/v1/organizations/rbac_groups/"+finance+"/members", `{"user_id":"user_nobody"}`)
	if r.Status != 404 {
		t.Errorf("adding a non-member of the organization: %d %s", r.Status, r.Body)
	}
	for _, path := range []string{"/v1/organizations/rbac_groups/" + owners, "/v1/organizations/rbac_groups/" + owners + "/members/" + users[len(users)-1]} {
		r := send(t, srv, "DELETE", path, "")
		if r.Status != 400 || !strings.Contains(string(r.Body), "rbac_group_grants_owner_access") {
			t.Errorf("DELETE %s: %d %s, want rbac_group_grants_owner_access", path, r.Status, r.Body)
		}
	}
	if r := send(t, srv, "POST", "/v1/organizations/rbac_groups/"+owners+"/members", `{"user_id":"`+users[0]+`"}`); r.Status != 400 {
		t.Errorf("adding to Owners: %d %s", r.Status, r.Body)
	}
	m := ok(t, srv, "POST", "/v1/organizations/rbac_groups/"+finance+"/members", `{"user_id":"`+users[0]+`"}`)
	if m["rbac_group_id"] != finance || m["user_id"] != users[0] || !strings.Contains(m["email"].(string), "@") {
		t.Errorf("added = %v", m)
	}
	if r := send(t, srv, "DELETE", "/v1/organizations/rbac_groups/"+finance+"/members/user_nobody", ""); r.Status != 404 {
		t.Errorf("removing a non-member: %d %s", r.Status, r.Body)
	}

	// An invite puts its user in groups, but not in one that grants owner
	// access.
	r = send(t, srv, "POST", "/v1/organizations/invites", `{"email":"cfo@acme-robotics.example","role":"user","rbac_group_ids":["`+owners+`"]}`)
	if r.Status != 400 || !strings.Contains(string(r.Body), "rbac_group_grants_owner_access") {
		t.Errorf("invite into Owners: %d %s", r.Status, r.Body)
	}
	inv := ok(t, srv, "POST", "/v1/organizations/invites", `{"email":"cfo@acme-robotics.example","role":"user","rbac_group_ids":["`+finance+`"]}`)
	if groups, _ := inv["rbac_group_ids"].([]any); len(groups) != 1 || groups[0] != finance {
		t.Errorf("invite = %v", inv)
	}
}

// External Storage's lifecycle: pending until activated, then available
// and deleted; a cleared name reads as empty.
func TestExternalStorageLifecycle(t *testing.T) {
	srv := newDemo(t)
	efs := []string{"anthropic-beta", "efs-2026-10-01"}
	do := func(method, path, body string) response {
		t.Helper()
		return send(t, srv, method, "/v1/organizations/external_storage"+path, body, efs...)
	}
	s := do("POST", "", `{"display_name":"Scratch","provider_config":{"type":"gcp","bucket_name":"acme-scratch","project_number":"482915067341","region":"us-east5"}}`).json(t)
	id := s["id"].(string)
	if s["status"].(map[string]any)["type"] != "pending_configuration" || s["setup_template_version"] != "" {
		t.Fatalf("created = %v", s)
	}
	a := do("POST", "/"+id+"/activate", "").json(t)
	st := a["status"].(map[string]any)
	if st["type"] != "available" || st["healthy"] != true || st["last_checked_at"] != "2026-11-20T15:30:00Z" || a["setup_template_version"] == "" {
		t.Errorf("activated = %v", a)
	}
	if r := do("POST", "/"+id+"/activate", ""); r.Status != 400 {
		t.Errorf("activating twice: %d %s", r.Status, r.Body)
	}
	if n := do("POST", "/"+id, `{"display_name":null}`).json(t); n["display_name"] != "" {
		t.Errorf("name cleared = %v", n["display_name"])
	}
	if r := do("DELETE", "/"+id, ""); r.Status != 200 {
		t.Errorf("delete available: %d %s", r.Status, r.Body)
	}
	if r := do("GET", "/"+id, ""); r.Status != 404 {
		t.Errorf("get after delete: %d", r.Status)
	}
}
