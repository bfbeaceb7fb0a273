package admintest_test

import (
	"archive/zip"
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
)

const (
	pluginsBeta   = "ce-plugins-2026-09-01"
	claudeTagBeta = "experimental-claude-tag-2026-10-21"
)

// validRequest is a request an endpoint answers with 200 on the Demo
// organization: its path with IDs, body and extra headers.
type validRequest struct {
	path, body string
	header     []string
}

// multipartBody builds a form of text fields and files (name, file name,
// content), and the header that goes with it.
func multipartBody(t *testing.T, fields map[string]string, files ...[3]string) (string, []string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for _, f := range files {
		w, err := mw.CreateFormFile(f[0], f[1])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, f[2])
	}
	mw.Close()
	return buf.String(), []string{"content-type", mw.FormDataContentType()}
}

// zipped packs name/content pairs into a .zip.
func zipped(t *testing.T, files ...string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, files[i+1])
	}
	zw.Close()
	return buf.String()
}

// demoObjects finds the Demo organization's plugin and Claude Tag objects.
type demoObjects struct {
	review, runbook, snippets, reviewVersion, library string
	bundle, onCallBundle, target, channel, incidents  string
	workspace, slackWorkspace                         string
}

func findDemoObjects(t *testing.T, srv *admintest.Server) demoObjects {
	t.Helper()
	get := func(path, beta string) []map[string]any {
		r := send(t, srv, "GET", path, "", "anthropic-beta", beta)
		if r.Status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, r.Status, r.Body)
		}
		var out []map[string]any
		for _, d := range r.json(t)["data"].([]any) {
			out = append(out, d.(map[string]any))
		}
		return out
	}
	var o demoObjects
	for _, p := range get("/v1/organizations/plugins", pluginsBeta) {
		switch p["name"] {
		case "review-pr":
			o.review, o.reviewVersion, o.library = p["id"].(string), p["served_version_id"].(string), p["marketplace_id"].(string)
		case "incident-runbook":
			o.runbook = p["id"].(string)
		case "jonas-snippets":
			o.snippets = p["id"].(string)
		}
	}
	for _, b := range get("/v1/organizations/claude_tag/bundles", claudeTagBeta) {
		if b["display_name"] == "On-Call" {
			o.onCallBundle = b["id"].(string)
		} else {
			o.bundle = b["id"].(string)
		}
	}
	ws := get("/v1/organizations/claude_tag/slack_workspaces", claudeTagBeta)[0]
	o.workspace, o.slackWorkspace = ws["id"].(string), ws["slack"].(map[string]any)["workspace_id"].(string)
	for _, ch := range get("/v1/organizations/claude_tag/slack_channels?slack_workspace_id="+o.slackWorkspace, claudeTagBeta) {
		if ch["slack"].(map[string]any)["channel_id"] == "C0456EFGH" {
			o.channel = ch["id"].(string)
		} else {
			o.incidents = ch["id"].(string)
		}
	}
	o.target = get("/v1/organizations/claude_tag/bundles/"+o.bundle+"/targets", claudeTagBeta)[0]["id"].(string)
	if o.review == "" || o.runbook == "" || o.snippets == "" || o.onCallBundle == "" || o.channel == "" || o.incidents == "" {
		t.Fatalf("Demo plugin and Claude Tag objects: %+v", o)
	}
	return o
}

// validRequests has a request each plugin and Claude Tag endpoint answers
// with 200, in the registry's order: the delete of a Plugin and of a Slack
// channel act on objects the other requests leave alone.
func validRequests(t *testing.T, srv *admintest.Server) map[string]validRequest {
	t.Helper()
	o := findDemoObjects(t, srv)
	manifest := `{"name": "new-plugin", "version": "1.0.0"}`
	createBody, createHeader := multipartBody(t, map[string]string{"release_notes": "First."}, [3]string{"files[]", ".claude-plugin/plugin.json", manifest})
	versionBody, versionHeader := multipartBody(t, nil, [3]string{"files[]", "review.zip", zipped(t, ".claude-plugin/plugin.json", `{"name": "review-pr", "version": "1.2.0"}`)})
	archiveBody, archiveHeader := multipartBody(t, nil, [3]string{"archive", "marketplace.zip", zipped(t,
		"repo-main/.claude-plugin/marketplace.json", `{"plugins": [{"name": "a", "source": "./a"}]}`,
		"repo-main/a/.claude-plugin/plugin.json", `{"name": "a"}`)})
	p, tag := "/v1/organizations/plugins/", "/v1/organizations/claude_tag/"
	return map[string]validRequest{
		"organization.plugins.create":                          {path: "/v1/organizations/plugins", body: createBody, header: createHeader},
		"organization.plugins.retrieve":                        {path: p + o.review},
		"organization.plugins.update":                          {path: p + o.review, body: `{"served_version_id": "` + o.reviewVersion + `"}`},
		"organization.plugins.delete":                          {path: p + o.runbook},
		"organization.plugins.versions.list":                   {path: p + o.review + "/versions"},
		"organization.plugins.versions.create":                 {path: p + o.review + "/versions", body: versionBody, header: versionHeader},
		"organization.plugins.versions.retrieve":               {path: p + o.review + "/versions/latest"},
		"organization.plugins.versions.download":               {path: p + o.review + "/versions/" + o.reviewVersion + "/content"},
		"organization.plugins.installation_settings.list":      {path: p + o.review + "/installation_settings"},
		"organization.plugins.installation_settings.set":       {path: p + o.review + "/installation_settings/rbac_group_x", body: `{"installation_preference": "required"}`},
		"organization.plugins.installation_settings.remove":    {path: p + o.review + "/installation_settings/rbac_group_x"},
		"organization.plugins.shares.list":                     {path: p + o.snippets + "/shares"},
		"organization.plugin_marketplaces.retrieve":            {path: "/v1/organizations/plugin_marketplaces/" + o.library},
		"organization.plugin_marketplaces.update":              {path: "/v1/organizations/plugin_marketplaces/" + o.library, body: `{"default_installation_preference": "required"}`},
		"organization.plugin_marketplaces.validate_archive":    {path: "/v1/organizations/plugin_marketplaces/validate_archive", body: archiveBody, header: archiveHeader},
		"organization.plugin_marketplaces.validate_repository": {path: "/v1/organizations/plugin_marketplaces/validate_repository", body: `{"repository_url": "https://github.com/acme-robotics/claude-plugins"}`},

		"organization.claude_tag.bundles.retrieve":          {path: tag + "bundles/" + o.bundle},
		"organization.claude_tag.bundles.update":            {path: tag + "bundles/" + o.bundle, body: `{"instructions": "Be brief."}`},
		"organization.claude_tag.bundles.targets.list":      {path: tag + "bundles/" + o.bundle + "/targets"},
		"organization.claude_tag.bundles.targets.create":    {path: tag + "bundles/" + o.onCallBundle + "/targets", body: `{"type": "slack_workspace", "slack_workspace_id": "` + o.workspace + `"}`},
		"organization.claude_tag.bundles.targets.retrieve":  {path: tag + "bundles/" + o.bundle + "/targets/" + o.target},
		"organization.claude_tag.bundles.targets.delete":    {path: tag + "bundles/" + o.bundle + "/targets/" + o.target},
		"organization.claude_tag.slack_channels.list":       {path: tag + "slack_channels?slack_workspace_id=" + o.slackWorkspace},
		"organization.claude_tag.slack_channels.create":     {path: tag + "slack_channels", body: `{"slack": {"channel_id": "C0999ZZZZ", "workspace_id": "` + o.slackWorkspace + `"}}`},
		"organization.claude_tag.slack_channels.retrieve":   {path: tag + "slack_channels/" + o.channel},
		"organization.claude_tag.slack_channels.update":     {path: tag + "slack_channels/" + o.channel, body: `{"settings": {"enabled": true}}`},
		"organization.claude_tag.slack_channels.delete":     {path: tag + "slack_channels/" + o.incidents},
		"organization.claude_tag.slack_workspaces.retrieve": {path: tag + "slack_workspaces/" + o.workspace},
		"organization.claude_tag.slack_workspaces.update":   {path: tag + "slack_workspaces/" + o.workspace, body: `{"settings": {"model": "claude-opus-4-1"}}`},
	}
}

// errorCode is error.details.error_code of an error answer, "" for none.
func errorCode(t *testing.T, r response) string {
	t.Helper()
	e, _ := r.json(t)["error"].(map[string]any)
	details, _ := e["details"].(map[string]any)
	code, _ := details["error_code"].(string)
	return code
}

// sendBeta is send with a beta value.
func sendBeta(t *testing.T, srv *admintest.Server, beta, method, path, body string, header ...string) response {
	t.Helper()
	return send(t, srv, method, path, body, append(header, "anthropic-beta", beta)...)
}

// TestPluginUploadAndDownload uploads a version as loose files and as a
// .zip, and downloads each archive back: the .zip exactly as sent, the
// loose files packed into one.
func TestPluginUploadAndDownload(t *testing.T) {
	srv := newDemo(t)
	o := findDemoObjects(t, srv)
	archive := zipped(t, "review-pr-1.2.0/.claude-plugin/plugin.json", `{"name": "review-pr", "version": "v1.2.0", "mcpServers": {"github": {}}}`,
		"review-pr-1.2.0/commands/ship.md", "---\ndescription: Ships it.\n---\n")
	body, header := multipartBody(t, map[string]string{"release_notes": "MCP."}, [3]string{"files[]", "review-pr.zip", archive})
	r := sendBeta(t, srv, pluginsBeta, "POST", "/v1/organizations/plugins/"+o.review+"/versions", body, header...)
	if r.Status != http.StatusOK {
		t.Fatalf("upload: %d %s", r.Status, r.Body)
	}
	v := r.json(t)
	if v["manifest_version"] != "1.2.0" || v["reach"] != "remote" || v["release_notes"] != "MCP." || v["plugin_id"] != o.review {
		t.Errorf("version = %s", r.Body)
	}
	comps := v["components"].([]any)
	if len(comps) != 2 || comps[0].(map[string]any)["name"] != "ship" || comps[1].(map[string]any)["type"] != "mcp_server" {
		t.Errorf("components = %v", comps)
	}
	dl := sendBeta(t, srv, pluginsBeta, "GET", "/v1/organizations/plugins/"+o.review+"/versions/latest/content", "")
	if dl.Status != http.StatusOK || string(dl.Body) != archive || dl.Header.Get("Content-Type") != "application/zip" {
		t.Errorf("download: %d %q, %d bytes, want the %d bytes uploaded", dl.Status, dl.Header.Get("Content-Type"), len(dl.Body), len(archive))
	}
	// The plugin serves the new version, being unpinned.
	if p := sendBeta(t, srv, pluginsBeta, "GET", "/v1/organizations/plugins/"+o.review, "").json(t); p["served_version_id"] != v["id"] || p["latest_version_id"] != v["id"] {
		t.Errorf("plugin after upload = %v", p)
	}

	body, header = multipartBody(t, nil, [3]string{"files[]", ".claude-plugin/plugin.json", `{"name": "loose", "version": "1"}`},
		[3]string{"files[]", "skills/fmt/SKILL.md", "---\ndescription: Formats.\n---\n"})
	created := sendBeta(t, srv, pluginsBeta, "POST", "/v1/organizations/plugins", body, header...).json(t)
	dl = sendBeta(t, srv, pluginsBeta, "GET", "/v1/organizations/plugins/"+created["id"].(string)+"/versions/latest/content", "")
	zr, err := zip.NewReader(bytes.NewReader(dl.Body), int64(len(dl.Body)))
	if err != nil || len(zr.File) != 2 || zr.File[1].Name != "skills/fmt/SKILL.md" {
		t.Fatalf("download of loose files: %v %v", zr, err)
	}
}

// TestPluginRules checks the fake's refusals, with the API's statuses and
// codes.
func TestPluginRules(t *testing.T) {
	srv := newDemo(t)
	o := findDemoObjects(t, srv)
	form := func(files ...[3]string) (string, []string) { return multipartBody(t, nil, files...) }
	manifest := func(name string) [3]string {
		return [3]string{"files[]", ".claude-plugin/plugin.json", `{"name": "` + name + `"}`}
	}
	taken, takenH := form(manifest("review-pr"))
	noManifest, noManifestH := form([3]string{"files[]", "README.md", "hi"})
	plainFiles, plainFilesH := form([3]string{"files", ".claude-plugin/plugin.json", `{"name": "x"}`})
	badName, badNameH := form(manifest("Not_Lower"))
	other, otherH := form(manifest("other-name"))
	latin, _ := form(manifest("latin"))
	tests := []struct {
		name, method, path, body string
		header                   []string
		status                   int
		code                     string
	}{
		{"name taken", "POST", "/v1/organizations/plugins", taken, takenH, 409, "plugin_name_taken"},
		{"no manifest", "POST", "/v1/organizations/plugins", noManifest, noManifestH, 400, ""},
		{"files without brackets", "POST", "/v1/organizations/plugins", plainFiles, plainFilesH, 400, ""},
		{"name not lowercase", "POST", "/v1/organizations/plugins", badName, badNameH, 400, ""},
		{"JSON instead of a form", "POST", "/v1/organizations/plugins", `{"files": []}`, nil, 400, ""},
		{"charset", "POST", "/v1/organizations/plugins", latin, []string{"content-type", "multipart/form-data; boundary=x; charset=koi8-r"}, 400, "unsupported_charset"},
		{"version of another name", "POST", "/v1/organizations/plugins/" + o.review + "/versions", other, otherH, 400, ""},
		{"version of a member's plugin", "POST", "/v1/organizations/plugins/" + o.snippets + "/versions", other, otherH, 400, ""},
		{"serve latest", "POST", "/v1/organizations/plugins/" + o.review, `{"served_version_id": "latest"}`, nil, 400, ""},
		{"unknown version", "GET", "/v1/organizations/plugins/" + o.review + "/versions/pluginver_x/content", "", nil, 404, ""},
		{"bad target", "POST", "/v1/organizations/plugins/" + o.review + "/installation_settings/everyone", `{"installation_preference": "required"}`, nil, 400, ""},
		{"bad preference", "POST", "/v1/organizations/plugins/" + o.review + "/installation_settings/organization", `{"installation_preference": "always"}`, nil, 400, ""},
		{"no own setting", "DELETE", "/v1/organizations/plugins/" + o.review + "/installation_settings/rbac_group_none", "", nil, 404, ""},
		{"repository host", "POST", "/v1/organizations/plugin_marketplaces/validate_repository", `{"repository_url": "https://gitlab.com/a/b"}`, nil, 400, ""},
		{"repository ref", "POST", "/v1/organizations/plugin_marketplaces/validate_repository", `{"repository_url": "https://github.com/a/b", "ref": "a..b"}`, nil, 400, ""},
		{"other organization", "GET", "/v1/organizations/plugins?organization_id=org_other", "", nil, 404, ""},
		{"page too large", "GET", "/v1/organizations/plugins?limit=101", "", nil, 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sendBeta(t, srv, pluginsBeta, tt.method, tt.path, tt.body, tt.header...)
			if r.Status != tt.status {
				t.Fatalf("%d %s, want %d", r.Status, r.Body, tt.status)
			}
			if code := errorCode(t, r); tt.code != "" && code != tt.code {
				t.Errorf("error_code %q, want %q: %s", code, tt.code, r.Body)
			}
		})
	}
}

// TestUploadIsBounded refuses an upload over the fake's bound without
// storing it.
func TestUploadIsBounded(t *testing.T) {
	srv := newDemo(t)
	defer admintest.SetMaxUpload(1 << 10)()
	body, header := multipartBody(t, nil, [3]string{"files[]", "big.zip", strings.Repeat("x", 2<<10)})
	if r := sendBeta(t, srv, pluginsBeta, "POST", "/v1/organizations/plugins", body, header...); r.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("%d %s, want 413", r.Status, r.Body)
	}
}

// TestMarketplaceValidation validates an archive and a repository: the
// plugins marketplace.json declares, and one without a manifest.
func TestMarketplaceValidation(t *testing.T) {
	srv := newDemo(t)
	archive := zipped(t, "m/.claude-plugin/marketplace.json", `{"plugins": [{"name": "ok", "source": "./ok"}, {"name": "bad", "source": "./bad"}]}`,
		"m/ok/.claude-plugin/plugin.json", `{"name": "ok"}`, "m/bad/x.md", "")
	body, header := multipartBody(t, nil, [3]string{"archive", "m.zip", archive})
	rep := sendBeta(t, srv, pluginsBeta, "POST", "/v1/organizations/plugin_marketplaces/validate_archive", body, header...).json(t)
	errs := rep["plugin_errors"].([]any)
	if rep["valid"] != false || rep["total_plugin_count"] != 2.0 || len(errs) != 1 || errs[0].(map[string]any)["name"] != "bad" || rep["manifest_error"] != nil {
		t.Errorf("archive report = %v", rep)
	}
	body, header = multipartBody(t, nil, [3]string{"archive", "m.zip", "not a zip"})
	rep = sendBeta(t, srv, pluginsBeta, "POST", "/v1/organizations/plugin_marketplaces/validate_archive", body, header...).json(t)
	if rep["valid"] != false || rep["manifest_error_code"] != "archive_unreadable" {
		t.Errorf("unreadable archive report = %v", rep)
	}
	rep = sendBeta(t, srv, pluginsBeta, "POST", "/v1/organizations/plugin_marketplaces/validate_repository", `{"repository_url": "https://github.com/acme-robotics/claude-plugins.git"}`).json(t)
	if rep["ref"] != "main" || rep["total_plugin_count"] != 2.0 || len(rep["commit_sha"].(string)) != 40 {
		t.Errorf("repository report = %v", rep)
	}
}

// TestClaudeTagRules checks inherited settings and the fake's refusals.
func TestClaudeTagRules(t *testing.T) {
	srv := newDemo(t)
	o := findDemoObjects(t, srv)
	tag := "/v1/organizations/claude_tag/"
	ch := sendBeta(t, srv, claudeTagBeta, "GET", tag+"slack_channels/"+o.channel+"?include_inherited=true", "").json(t)
	settings, sources := ch["settings"].(map[string]any), ch["sources"].(map[string]any)
	if settings["model"] != "claude-opus-4-1" || sources["model"].(map[string]any)["type"] != "slack_workspace" ||
		settings["enabled"] != true || sources["enabled"].(map[string]any)["type"] != "slack_default" ||
		len(sources["instructions"].([]any)) != 2 || settings["reply_mode"].(map[string]any)["type"] != "mention_only" {
		t.Errorf("inherited channel = %v", ch)
	}
	own := sendBeta(t, srv, claudeTagBeta, "GET", tag+"slack_channels/"+o.channel, "").json(t)
	if own["settings"].(map[string]any)["model"] != "claude-sonnet-4-5" || own["sources"].(map[string]any)["model"].(map[string]any)["type"] != "default" {
		t.Errorf("stored channel = %v", own)
	}
	tests := []struct {
		name, method, path, body string
		status                   int
		code                     string
	}{
		{"bundle on call", "POST", tag + "bundles/" + o.onCallBundle, `{"instructions": "x"}`, 400, "bundle_on_call"},
		{"unknown environment", "POST", tag + "slack_channels/" + o.channel, `{"settings": {"environment_id": "env_nope"}}`, 404, "environment_not_found"},
		{"set up, then refused", "POST", tag + "slack_channels", `{"slack": {"channel_id": "C1", "workspace_id": "` + o.slackWorkspace + `"}, "settings": {"environment_id": "env_nope"}}`, 404, "slack_channel_set_up_environment_not_found"},
		{"bad reply mode", "POST", tag + "slack_channels/" + o.channel, `{"settings": {"reply_mode": {"type": "shout"}}}`, 400, ""},
		{"no workspace", "GET", tag + "slack_channels", "", 400, ""},
		{"unknown channel target", "POST", tag + "bundles/" + o.bundle + "/targets", `{"type": "slack_channel", "slack_channel_id": "slch_none"}`, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sendBeta(t, srv, claudeTagBeta, tt.method, tt.path, tt.body)
			if r.Status != tt.status {
				t.Fatalf("%d %s, want %d", r.Status, r.Body, tt.status)
			}
			if code := errorCode(t, r); tt.code != "" && code != tt.code {
				t.Errorf("error_code %q, want %q: %s", code, tt.code, r.Body)
			}
		})
	}
	// The same Bundle and target give the same Bundle Target, also after a
	// detach.
	attach := func() string {
		r := sendBeta(t, srv, claudeTagBeta, "POST", tag+"bundles/"+o.onCallBundle+"/targets", `{"type": "slack_channel", "slack_channel_id": "`+o.channel+`"}`)
		return r.json(t)["id"].(string)
	}
	first := attach()
	sendBeta(t, srv, claudeTagBeta, "DELETE", tag+"bundles/"+o.onCallBundle+"/targets/"+first, "")
	if again := attach(); again != first || !strings.HasPrefix(first, "btgt_") {
		t.Errorf("attach, detach, attach: %s then %s", first, again)
	}
}
