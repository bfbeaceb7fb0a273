package admintest

import "time"

// demoAccess gives the Demo organization its RBAC groups and custom roles,
// compliance settings, external keys, External Storage and a Google Cloud
// project's data controls.
func (b *builder) demoAccess() {
	a, st := b.st.access, b.st
	byName := func(names ...string) []*user {
		var out []*user
		for _, n := range names {
			u := find(st.users, func(u *user) bool { return u.Name == n })
			if u == nil {
				panic("admintest: demo has no user " + n)
			}
			out = append(out, u)
		}
		return out
	}
	wsMembers := func(name string) []*user {
		w := find(st.workspaces, func(w *workspace) bool { return w.Name == name })
		var out []*user
		for _, m := range st.members[w.ID] {
			out = append(out, st.user(m.UserID))
		}
		return out
	}
	withRole := func(role string) []*user {
		var out []*user
		for _, u := range st.users {
			if u.Role == role {
				out = append(out, u)
			}
		}
		return out
	}
	const github = "conn_01GhT4wLq8RzVm3NcXb7KpYd"
	perm := func(action string, r permResource) rolePermission {
		return rolePermission{Type: "rbac_role_permission", Action: action, Resource: r}
	}
	githubUsers := b.role("GitHub Connector Users", "custom", 210, false,
		perm("use", permResource{Type: "connector", ConnectorID: github}),
		perm("use", permResource{Type: "connector_tool", ConnectorID: github, ToolName: "create_pull_request"}),
		perm("use", permResource{Type: "connector_tool", ConnectorID: github, ToolName: "search_code"}),
		perm("grant", permResource{Type: "connector_scope", ConnectorID: github, Scope: "repo"}))
	warehouse := b.role("Warehouse Readers", "custom", 95, false,
		perm("use", permResource{Type: "connector_tool", ConnectorID: "conn_01Wh8KsTq2VmRb5NcLx9PzJe", ToolName: "run_read_only_query"}))
	role := a.roleByName

	b.group("Owners", "direct", 400, []*rbacRole{role("Owner")}, byName("Morgan Lee", "Priya Raman")...)
	b.group("Platform Engineering", "direct", 340, []*rbacRole{role("Connector Admin"), githubUsers}, wsMembers("Production")...)
	b.group("Research", "scim", 290, []*rbacRole{role("Member"), warehouse}, wsMembers("Research")...)
	b.group("Finance", "scim", 260, []*rbacRole{role("Billing Admin"), warehouse}, withRole("billing")...)
	b.group("Claude Code Pilot", "direct", 85, []*rbacRole{role("Member"), githubUsers}, withRole("claude_code_user")...)

	a.compliance = "enabled"

	key := func(name string, p keyProvider, days int) *externalKey {
		k := &externalKey{ID: a.ids.next("ekey_"), DisplayName: name, Geo: "us", Provider: p, CreatedAt: b.ago(days), UpdatedAt: b.ago(days)}
		a.keys = append(a.keys, k)
		return k
	}
	str := func(s string) *string { return &s }
	key("Production AWS key", keyProvider{Type: "aws", KMSARN: str("arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d"), Region: str("us-east-1")}, 120)
	vertexUS := key("Vertex AI CMEK (us)", keyProvider{Type: "gcp", KeyName: str("projects/acme-vertex/locations/us/keyRings/claude/cryptoKeys/cmek-us")}, 60)
	vertexEU := key("Vertex AI CMEK (eu)", keyProvider{Type: "gcp", KeyName: str("projects/acme-vertex/locations/europe/keyRings/claude/cryptoKeys/cmek-eu")}, 20)

	transcripts := &externalStorage{ID: a.ids.next("estrg_"), Type: "external_storage", DisplayName: "Transcripts (us-east-1)",
		ProviderConfig:       storageProvider{Type: "aws", AccountID: "123456789012", BucketName: "acme-claude-transcripts", Region: "us-east-1"},
		Status:               checked("active", true, b.now.Add(-9*time.Hour-30*time.Minute)),
		SetupTemplateVersion: setupTemplateVersion, CreatedAt: stamp(b.ago(50)), UpdatedAt: stamp(b.ago(49))}
	euBucket := &externalStorage{ID: a.ids.next("estrg_"), Type: "external_storage", DisplayName: "Vertex transcripts",
		ProviderConfig: storageProvider{Type: "gcp", BucketName: "acme-vertex-transcripts", ProjectNumber: "482915067341", Region: "us-east5"},
		Status:         storageStatus{Type: "pending_configuration"}, CreatedAt: stamp(b.ago(1)), UpdatedAt: stamp(b.ago(1))}
	a.storage = append(a.storage, transcripts, euBucket)

	validated := b.ago(45)
	a.projects["482915067341"] = &dataControls{project: "482915067341",
		cmek: control[regionKey]{on: true, regions: map[string]*regionKey{
			"us": {key: vertexUS.ID, effective: vertexUS.ID, validatedAt: validated, checkedAt: b.now.Add(-2 * time.Hour)},
			"eu": {key: vertexEU.ID, effective: vertexEU.ID, validatedAt: b.ago(19), checkedAt: b.now.Add(-2 * time.Hour)},
		}},
		storage: control[regionBucket]{on: true, regions: map[string]*regionBucket{
			"us": {bucket: bucketRef{ProjectNumber: "482915067341", BucketName: "acme-vertex-claude-us"}, validatedAt: validated},
		}},
		updatedAt: validated}
}
