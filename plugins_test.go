package admin_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// streamedUploads are the endpoints whose body is streamed from the
// caller's readers: once read, it is not sent again.
var streamedUploads = map[string]bool{
	"organization.plugins.create":                       true,
	"organization.plugins.versions.create":              true,
	"organization.plugin_marketplaces.validate_archive": true,
}

// downloaded is a file an endpoint answered with, read whole by a test.
type downloaded struct {
	data        []byte
	contentType string
}

// pluginFiles are a small plugin version's files, as loose files.
func pluginFiles(name, version string) []admin.File {
	return []admin.File{
		{Name: admin.PluginManifest, Content: strings.NewReader(`{"name": "` + name + `", "version": "` + version + `", "description": "Fixes lint."}`)},
		{Name: "skills/fix/SKILL.md", Content: strings.NewReader("---\ndescription: Fixes what the linter reports.\n---\n")},
	}
}

// zipOf packs name/content pairs into a .zip.
func zipOf(t testing.TB, files ...string) []byte {
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
	return buf.Bytes()
}

// marketplaceZip is a marketplace of one plugin, wrapped in one folder as
// a Git host's download is.
func marketplaceZip() []byte {
	return zipOf(&testing.T{}, "acme-main/.claude-plugin/marketplace.json", `{"plugins": [{"name": "fmt", "source": "./fmt"}]}`,
		"acme-main/fmt/.claude-plugin/plugin.json", `{"name": "fmt"}`)
}

// checkPluginArchive checks that body is a .zip holding a plugin manifest.
func checkPluginArchive(t *testing.T, body []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("the download is not a .zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == admin.PluginManifest {
			return
		}
	}
	t.Errorf("the archive holds no %s", admin.PluginManifest)
}

// demoPluginIDs finds the Demo organization's plugin and Claude Tag objects.
func demoPluginIDs(t *testing.T, c *admin.Client, ids *objectIDs) {
	t.Helper()
	for _, p := range collect(t, c.Plugins.List(admin.PluginListParams{})) {
		switch {
		case p.Name == "review-pr":
			ids.plugin, ids.pluginVersion, ids.marketplace = p.ID, p.ServedVersionID, p.MarketplaceID
		case p.Owner.Type == admin.PluginOwnerUser:
			ids.memberPlugin = p.ID
		}
	}
	for _, b := range collect(t, c.ClaudeTag.Bundles.List(admin.ClaudeTagListParams{})) {
		if b.DisplayName == "Platform Engineering" {
			ids.bundle = b.ID
		}
	}
	ws := collect(t, c.ClaudeTag.SlackWorkspaces.List(admin.ClaudeTagSlackWorkspaceListParams{}))
	if len(ws) == 0 || ids.bundle == "" || ids.plugin == "" || ids.memberPlugin == "" {
		t.Fatalf("the Demo organization lacks its plugins or Claude Tag setup: %+v", ids)
	}
	ids.slackWorkspace, ids.slackTeam = ws[0].ID, ws[0].Slack.WorkspaceID
	for _, ch := range collect(t, c.ClaudeTag.SlackChannels.List(admin.ClaudeTagSlackChannelListParams{SlackWorkspaceID: ids.slackTeam})) {
		if ch.Slack.ChannelID == "C0456EFGH" {
			ids.slackChannel = ch.ID
		}
	}
	targets := collect(t, c.ClaudeTag.Bundles.Targets.List(ids.bundle, admin.ClaudeTagListParams{}))
	if len(targets) == 0 || ids.slackChannel == "" {
		t.Fatalf("the Demo bundle has %d targets; channel %q", len(targets), ids.slackChannel)
	}
	ids.bundleTarget = targets[0].ID
}

// TestPluginRoundTrip creates a Plugin, reads it, uploads a version, pins
// the first, pages through the lists, downloads, sets and removes an
// installation setting, and deletes it, on admintest.
func TestPluginRoundTrip(t *testing.T) {
	_, c := newDemoFake(t)
	ctx := context.Background()
	lib := collect(t, c.PluginMarketplaces.List(admin.PluginMarketplaceListParams{OwnerType: admin.PluginOwnerOrganization, Source: admin.MarketplaceManual}))
	if len(lib) != 1 || lib[0].Name != "acme-library" {
		t.Fatalf("manual organization marketplaces = %+v", lib)
	}
	p, err := c.Plugins.Create(ctx, admin.PluginCreateParams{Files: pluginFiles("lint-fix", "v1.0.0"), MarketplaceID: lib[0].ID, ReleaseNotes: "First."})
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "lint-fix" || p.MarketplaceID != lib[0].ID || deref(p.ManifestVersion) != "1.0.0" || p.ServedVersionID != p.LatestVersionID ||
		p.ServedVersionPinned || p.OrganizationInstallationPreference != admin.InstallationAvailable || !p.OrganizationInstallationPreferenceInherited ||
		len(p.Components) != 1 || p.Components[0].Type != admin.PluginComponentSkill || p.CreatedBy.Type != admin.PluginAPIActor {
		t.Fatalf("created = %s", p.RawJSON())
	}
	got, err := c.Plugins.Get(ctx, p.ID, admin.PluginReadParams{})
	if err != nil || got.ID != p.ID || got.Description != "Fixes lint." {
		t.Fatalf("get = %v, %v", got, err)
	}
	first := p.ServedVersionID
	v2, err := c.Plugins.Versions.Create(ctx, p.ID, admin.PluginVersionCreateParams{Files: pluginFiles("lint-fix", "1.1.0"), ReleaseNotes: "Second."})
	if err != nil || deref(v2.ReleaseNotes) != "Second." || v2.PluginID != p.ID {
		t.Fatalf("version = %v, %v", v2, err)
	}
	latest, err := c.Plugins.Versions.Get(ctx, admin.PluginVersionRef{PluginID: p.ID, Version: admin.PluginLatestVersion}, admin.PluginReadParams{})
	if err != nil || latest.ID != v2.ID {
		t.Fatalf("latest = %v, %v", latest, err)
	}
	pinned, err := c.Plugins.Update(ctx, p.ID, admin.PluginUpdateParams{ServedVersionID: first})
	if err != nil || pinned.ServedVersionID != first || !pinned.ServedVersionPinned || pinned.LatestVersionID != v2.ID {
		t.Fatalf("pinned = %v, %v", pinned, err)
	}
	versions := collect(t, c.Plugins.Versions.List(p.ID, admin.PluginVersionListParams{PageCursor: admin.PageCursor{Limit: 1}}))
	if len(versions) != 2 || versions[0].ID != v2.ID || versions[1].ID != first {
		t.Errorf("versions (newest first) = %v", versions)
	}
	all := collect(t, c.Plugins.List(admin.PluginListParams{PageCursor: admin.PageCursor{Limit: 1}, OwnerType: admin.PluginOwnerOrganization}))
	if len(all) != 3 || all[0].ID != p.ID {
		t.Errorf("organization plugins, newest first = %d, first %q", len(all), all[0].Name)
	}

	d, err := c.Plugins.Versions.Download(ctx, admin.PluginVersionRef{PluginID: p.ID, Version: first}, admin.PluginReadParams{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(d)
	d.Close()
	if err != nil || d.ContentLength != int64(len(data)) || d.ContentType != "application/zip" {
		t.Fatalf("download: %d bytes of %d (%s), %v", len(data), d.ContentLength, d.ContentType, err)
	}
	checkPluginArchive(t, data)

	ref := admin.PluginInstallationSettingRef{PluginID: p.ID, Target: admin.PluginTargetWholeOrganization}
	set, err := c.Plugins.InstallationSettings.Set(ctx, ref, admin.PluginInstallationSettingSetParams{InstallationPreference: admin.InstallationRequired})
	if err != nil || set.Target.Type != admin.PluginTargetOrganization || set.InstallationPreference != admin.InstallationRequired {
		t.Fatalf("set = %v, %v", set, err)
	}
	group := admin.PluginInstallationSettingRef{PluginID: p.ID, Target: "rbac_group_01Eng"}
	if _, err := c.Plugins.InstallationSettings.Set(ctx, group, admin.PluginInstallationSettingSetParams{InstallationPreference: admin.InstallationAvailable}); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Plugins.Get(ctx, p.ID, admin.PluginReadParams{}); got.OrganizationInstallationPreference != admin.InstallationRequired || got.OrganizationInstallationPreferenceInherited {
		t.Errorf("after set: %s", got.RawJSON())
	}
	groups := collect(t, c.Plugins.InstallationSettings.List(p.ID, admin.PluginInstallationSettingListParams{TargetType: admin.PluginTargetRBACGroup}))
	if len(groups) != 1 || groups[0].Target.RBACGroupID != "rbac_group_01Eng" {
		t.Errorf("group settings = %v", groups)
	}
	removed, err := c.Plugins.InstallationSettings.Remove(ctx, ref)
	if err != nil || removed.PluginID != p.ID || removed.Target.Type != admin.PluginTargetOrganization {
		t.Fatalf("remove = %v, %v", removed, err)
	}
	if _, err := c.PluginMarketplaces.Update(ctx, lib[0].ID, admin.PluginMarketplaceUpdateParams{DefaultInstallationPreference: admin.InstallationNotAvailable}); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Plugins.Get(ctx, p.ID, admin.PluginReadParams{}); got.OrganizationInstallationPreference != admin.InstallationNotAvailable || !got.OrganizationInstallationPreferenceInherited {
		t.Errorf("after remove, the marketplace's default: %s", got.RawJSON())
	}

	del, err := c.Plugins.Delete(ctx, p.ID)
	if err != nil || del.ID != p.ID || del.Type != "plugin_deleted" {
		t.Fatalf("delete = %v, %v", del, err)
	}
	_, err = c.Plugins.Get(ctx, p.ID, admin.PluginReadParams{})
	if !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("get after delete: %v", err)
	}
	_, err = c.Plugins.Create(ctx, admin.PluginCreateParams{Files: pluginFiles("review-pr", "9")})
	var apiErr *admin.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusConflict || apiErr.ErrorCode != "plugin_name_taken" {
		t.Errorf("a taken name: %v", err)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestClaudeTagRoundTrip sets a channel up, reads, changes, lists and
// removes it, and attaches a Bundle to it, on admintest.
func TestClaudeTagRoundTrip(t *testing.T) {
	_, c := newDemoFake(t)
	ctx := context.Background()
	var ids objectIDs
	demoPluginIDs(t, c, &ids)
	ch, err := c.ClaudeTag.SlackChannels.Create(ctx, admin.ClaudeTagSlackChannelCreateParams{
		Slack: admin.ClaudeTagSlackChannelIDs{ChannelID: "C0NEW", WorkspaceID: ids.slackTeam},
		Settings: admin.ClaudeTagSettingsParams{Instructions: admin.Set("  Answer briefly.  "), ReplyMode: admin.Set(admin.ClaudeTagReplyThread),
			GuestPolicy: admin.Set(admin.ClaudeTagGuestsAllow)}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ch.ID, "slch_") || ch.Settings.Instructions != "Answer briefly." || ch.Settings.ReplyMode != admin.ClaudeTagReplyThread ||
		ch.Settings.GuestPolicy != admin.ClaudeTagGuestsAllow || ch.Sources.ReplyMode.Type != admin.ClaudeTagSourceSlackChannel {
		t.Fatalf("created = %s", ch.RawJSON())
	}
	in, err := c.ClaudeTag.SlackChannels.Get(ctx, ch.ID, admin.ClaudeTagGetParams{IncludeInherited: true})
	if err != nil || in.Settings.Model != "claude-opus-4-1" || in.Sources.Model.Type != admin.ClaudeTagSourceSlackWorkspace || len(in.Sources.Instructions) != 2 ||
		in.Settings.Instructions != "You are Claude, helping Acme Robotics in Slack.\n\nAnswer briefly." {
		t.Fatalf("inherited = %v, %v", in.RawJSON(), err)
	}
	up, err := c.ClaudeTag.SlackChannels.Update(ctx, ch.ID, admin.ClaudeTagSettingsParams{ReplyMode: admin.Clear[admin.ClaudeTagReplyMode](), Model: admin.Set("claude-haiku-4-5")})
	if err != nil || up.Settings.ReplyMode != "" || up.Settings.Model != "claude-haiku-4-5" || up.Settings.Instructions != "Answer briefly." {
		t.Fatalf("update = %v, %v", up, err)
	}
	list := collect(t, c.ClaudeTag.SlackChannels.List(admin.ClaudeTagSlackChannelListParams{PageCursor: admin.PageCursor{Limit: 1}, SlackWorkspaceID: ids.slackTeam}))
	if len(list) != 3 || list[0].ID != ch.ID {
		t.Errorf("channels, newest first = %v", list)
	}
	target, err := c.ClaudeTag.Bundles.Targets.Create(ctx, ids.bundle, admin.ClaudeTagBundleTargetCreateParams{SlackChannelID: ch.ID})
	if err != nil || target.Type != admin.ClaudeTagTargetSlackChannel || target.SlackChannelID != ch.ID {
		t.Fatalf("attach = %v, %v", target, err)
	}
	ref := admin.ClaudeTagBundleTargetRef{BundleID: ids.bundle, TargetID: target.ID}
	if got, err := c.ClaudeTag.Bundles.Targets.Get(ctx, ref); err != nil || got.ID != target.ID {
		t.Fatalf("get target = %v, %v", got, err)
	}
	if n := len(collect(t, c.ClaudeTag.Bundles.Targets.List(ids.bundle, admin.ClaudeTagListParams{PageCursor: admin.PageCursor{Limit: 1}}))); n != 3 {
		t.Errorf("targets = %d, want 3", n)
	}
	gone, err := c.ClaudeTag.SlackChannels.Delete(ctx, ch.ID)
	if err != nil || gone.ID != ch.ID || gone.Type != "slack_channel_deleted" {
		t.Fatalf("delete = %v, %v", gone, err)
	}
	if _, err := c.ClaudeTag.Bundles.Targets.Get(ctx, ref); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("the removed channel's target: %v", err)
	}
	b, err := c.ClaudeTag.Bundles.Update(ctx, ids.bundle, admin.ClaudeTagBundleUpdateParams{Instructions: admin.Set("Be brief.")})
	if err != nil || b.Instructions != "Be brief." {
		t.Fatalf("bundle update = %v, %v", b, err)
	}
	w, err := c.ClaudeTag.SlackWorkspaces.Update(ctx, ids.slackWorkspace, admin.ClaudeTagSettingsParams{Enabled: admin.Set(false)})
	if err != nil || w.Settings.Enabled || w.Sources.Enabled.SlackWorkspaceID != ids.slackWorkspace {
		t.Fatalf("workspace update = %v, %v", w, err)
	}
}

// TestPluginParamErrors checks input the API would refuse, refused before
// anything is sent.
func TestPluginParamErrors(t *testing.T) {
	api := newFakeAPI(t, reply{Body: `{}`})
	c := api.client()
	ctx := context.Background()
	long := strings.Repeat("x", 5001)
	tests := []struct {
		name string
		call func() error
	}{
		{"no files", func() error { _, err := c.Plugins.Create(ctx, admin.PluginCreateParams{}); return err }},
		{"no manifest", func() error {
			_, err := c.Plugins.Create(ctx, admin.PluginCreateParams{Files: []admin.File{{Name: "README.md", Content: strings.NewReader("x")}}})
			return err
		}},
		{"nameless file", func() error {
			_, err := c.Plugins.Versions.Create(ctx, "plugin_1", admin.PluginVersionCreateParams{Files: []admin.File{{Content: strings.NewReader("x")}}})
			return err
		}},
		{"long release notes", func() error {
			_, err := c.Plugins.Versions.Create(ctx, "plugin_1", admin.PluginVersionCreateParams{Files: pluginFiles("a", "1"), ReleaseNotes: long})
			return err
		}},
		{"serve latest", func() error {
			_, err := c.Plugins.Update(ctx, "plugin_1", admin.PluginUpdateParams{ServedVersionID: "latest"})
			return err
		}},
		{"unknown preference", func() error {
			_, err := c.Plugins.InstallationSettings.Set(ctx, admin.PluginInstallationSettingRef{PluginID: "plugin_1", Target: "organization"},
				admin.PluginInstallationSettingSetParams{InstallationPreference: "always"})
			return err
		}},
		{"empty target", func() error {
			_, err := c.Plugins.InstallationSettings.Remove(ctx, admin.PluginInstallationSettingRef{PluginID: "plugin_1"})
			return err
		}},
		{"version with a slash", func() error {
			_, err := c.Plugins.Versions.Download(ctx, admin.PluginVersionRef{PluginID: "plugin_1", Version: "a/b"}, admin.PluginReadParams{})
			return err
		}},
		{"page too large", func() error {
			_, err := c.Plugins.List(admin.PluginListParams{PageCursor: admin.PageCursor{Limit: 101}}).Page(ctx)
			return err
		}},
		{"no archive", func() error {
			_, err := c.PluginMarketplaces.ValidateArchive(ctx, admin.File{Name: "m.zip"})
			return err
		}},
		{"not github", func() error {
			_, err := c.PluginMarketplaces.ValidateRepository(ctx, admin.PluginMarketplaceValidateRepositoryParams{RepositoryURL: "https://gitlab.com/a/b"})
			return err
		}},
		{"credentials in the URL", func() error {
			_, err := c.PluginMarketplaces.ValidateRepository(ctx, admin.PluginMarketplaceValidateRepositoryParams{RepositoryURL: "https://me:pw@github.com/a/b"})
			return err
		}},
		{"not owner/repo", func() error {
			_, err := c.PluginMarketplaces.ValidateRepository(ctx, admin.PluginMarketplaceValidateRepositoryParams{RepositoryURL: "https://github.com/a"})
			return err
		}},
		{"ref with ..", func() error {
			_, err := c.PluginMarketplaces.ValidateRepository(ctx, admin.PluginMarketplaceValidateRepositoryParams{RepositoryURL: "https://github.com/a/b", Ref: "a..b"})
			return err
		}},
		{"target: neither", func() error {
			_, err := c.ClaudeTag.Bundles.Targets.Create(ctx, "capp_1", admin.ClaudeTagBundleTargetCreateParams{})
			return err
		}},
		{"target: both", func() error {
			_, err := c.ClaudeTag.Bundles.Targets.Create(ctx, "capp_1", admin.ClaudeTagBundleTargetCreateParams{SlackChannelID: "slch_1", SlackWorkspaceID: "slws_1"})
			return err
		}},
		{"bundle instructions cleared", func() error {
			_, err := c.ClaudeTag.Bundles.Update(ctx, "capp_1", admin.ClaudeTagBundleUpdateParams{Instructions: admin.Clear[string]()})
			return err
		}},
		{"bundle instructions too long", func() error {
			_, err := c.ClaudeTag.Bundles.Update(ctx, "capp_1", admin.ClaudeTagBundleUpdateParams{Instructions: admin.Set(strings.Repeat("é", 5001))})
			return err
		}},
		{"channels of no workspace", func() error {
			_, err := c.ClaudeTag.SlackChannels.List(admin.ClaudeTagSlackChannelListParams{}).Page(ctx)
			return err
		}},
		{"settings: nothing to change", func() error {
			_, err := c.ClaudeTag.SlackWorkspaces.Update(ctx, "slws_1", admin.ClaudeTagSettingsParams{})
			return err
		}},
		{"settings: model cleared", func() error {
			_, err := c.ClaudeTag.SlackChannels.Update(ctx, "slch_1", admin.ClaudeTagSettingsParams{Model: admin.Clear[string]()})
			return err
		}},
		{"settings: long instructions", func() error {
			_, err := c.ClaudeTag.SlackChannels.Update(ctx, "slch_1", admin.ClaudeTagSettingsParams{Instructions: admin.Set(strings.Repeat("x", 8193))})
			return err
		}},
		{"channel without its workspace", func() error {
			_, err := c.ClaudeTag.SlackChannels.Create(ctx, admin.ClaudeTagSlackChannelCreateParams{Slack: admin.ClaudeTagSlackChannelIDs{ChannelID: "C1"}})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, admin.ErrInvalidParam) {
				t.Errorf("err = %v, want an invalid parameter", err)
			}
		})
	}
	if n := len(api.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// patterned is a reader of n bytes that are not held anywhere: byte i is
// i mod 251.
type patterned struct{ n, off int64 }

func (p *patterned) Read(b []byte) (int, error) {
	if p.off >= p.n {
		return 0, io.EOF
	}
	b = b[:min(int64(len(b)), p.n-p.off)]
	for i := range b {
		b[i] = byte((p.off + int64(i)) % 251)
	}
	p.off += int64(len(b))
	return len(b), nil
}

// allocated runs f and returns the bytes it allocated on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestRawListSendsBetas: Client.List, like Client.Do, sends the beta values
// a registry endpoint needs.
func TestRawListSendsBetas(t *testing.T) {
	api := newFakeAPI(t, reply{Body: `{"data":[],"next_page":null}`})
	if _, err := api.client().List("/v1/organizations/claude_tag/bundles", nil).Page(context.Background()); err != nil {
		t.Fatal(err)
	}
	if b := api.requests()[0].Header.Get("Anthropic-Beta"); b != admin.BetaClaudeTag {
		t.Errorf("anthropic-beta %q, want %q", b, admin.BetaClaudeTag)
	}
}
