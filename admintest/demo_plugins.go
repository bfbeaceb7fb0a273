package admintest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"maps"
	"slices"
	"time"
)

// The Demo organization's Plugins and Claude Tag setup: added after every
// other object, from their own ID sequences, so no other demo value moves.

// pluginFiles are the files of a small plugin version.
func pluginFiles(name, version, description string, skills ...string) map[string]string {
	files := map[string]string{
		".claude-plugin/plugin.json": fmt.Sprintf(`{"name": %q, "version": %q, "description": %q}`, name, version, description),
	}
	for _, s := range skills {
		files["skills/"+s+"/SKILL.md"] = fmt.Sprintf("---\nname: %s\ndescription: The %s skill of %s.\n---\nSteps.\n", s, s, name)
	}
	return files
}

// zipOf packs files into a .zip, in a fixed order.
func zipOf(files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: seedEpoch})
		w.Write([]byte(files[name]))
	}
	zw.Close()
	return buf.Bytes()
}

// seedVersion adds a version made of files to p, daysAgo.
func (b *builder) seedVersion(p *plugin, files map[string]string, notes string, daysAgo int, by *pActor) {
	raw := map[string][]byte{}
	for name, text := range files {
		raw[name] = []byte(text)
	}
	v, err := versionOf(raw)
	if err != nil {
		panic("admintest: demo plugin: " + err.msg)
	}
	v.archive = zipOf(files)
	if notes != "" {
		v.ReleaseNotes = &notes
	}
	b.st.pluginData().addVersion(p, v, b.ago(daysAgo), by)
}

func userActorOf(u *user) *pActor {
	return &pActor{Type: "user_actor", UserID: u.ID, EmailAddress: strPtr(u.Email)}
}

func (b *builder) demoPlugins() {
	ps := b.st.pluginData()
	byName := func(name string) *user { return find(b.st.users, func(u *user) bool { return u.Name == name }) }
	morgan, priya, jonas := b.st.users[0], byName("Priya Raman"), byName("Jonas Becker")
	market := func(name, source, pref string, owner pOwner, daysAgo int) *marketplace {
		m := &marketplace{ID: ps.ids.next("marketplace_"), CreatedAt: stamp(b.ago(daysAgo)), DefaultInstallationPreference: pref,
			LastSyncEndedAt: stamp(b.ago(1)), Name: name, Owner: owner, Source: source, SyncStatus: "success", Type: "plugin_marketplace"}
		if source != "manual" {
			m.LastSyncReadSHA = "4f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39"
		}
		ps.marketplaces = append(ps.marketplaces, m)
		return m
	}
	library := market("acme-library", "manual", "available", pOwner{Type: "organization"}, 120)
	market("acme-claude-plugins", "github", "auto_install", pOwner{Type: "organization"}, 90)
	personal := market("jonas-tools", "manual", "available", pOwner{Type: "user", UserID: jonas.ID}, 60)

	newPlugin := func(m *marketplace, name string, owner pOwner, by *pActor, daysAgo int) *plugin {
		p := &plugin{id: ps.ids.next("plugin_"), name: name, marketplaceID: m.ID, owner: owner, createdAt: b.ago(daysAgo), createdBy: by}
		ps.plugins = append(ps.plugins, p)
		return p
	}
	review := newPlugin(library, "review-pr", pOwner{Type: "organization"}, userActorOf(priya), 100)
	b.seedVersion(review, pluginFiles("review-pr", "1.0.0", "Reviews pull requests against the team's checklist.", "review-pr"), "First release.", 100, userActorOf(priya))
	b.seedVersion(review, pluginFiles("review-pr", "v1.1.0", "Reviews pull requests against the team's checklist.", "review-pr", "summarize-diff"), "Adds diff summaries.", 20, userActorOf(morgan))
	review.settings = []*installSetting{{CreatedAt: stamp(b.ago(95)), InstallationPreference: "auto_install", PluginID: review.id,
		Target: pTarget{Type: "organization"}, Type: "plugin_installation_setting", UpdatedAt: stamp(b.ago(20))}}

	runbook := newPlugin(library, "incident-runbook", pOwner{Type: "organization"}, userActorOf(morgan), 40)
	b.seedVersion(runbook, pluginFiles("incident-runbook", "0.3.2", "Walks on-call engineers through the incident runbook.", "triage"), "", 40, userActorOf(morgan))

	snippets := newPlugin(personal, "jonas-snippets", pOwner{Type: "user", UserID: jonas.ID}, userActorOf(jonas), 50)
	b.seedVersion(snippets, pluginFiles("jonas-snippets", "2.0", "Jonas's code snippets.", "snippets"), "", 50, userActorOf(jonas))
	snippets.shares = []*pluginShare{
		{GrantedAt: stamp(b.ago(45)), PluginID: snippets.id, Target: pTarget{Type: "organization_member", UserID: priya.ID}, Type: "plugin_share"},
		{GrantedAt: stamp(b.ago(30)), PluginID: snippets.id, Target: pTarget{Type: "organization"}, Type: "plugin_share"},
	}

	ps.repos["acme-robotics/claude-plugins"] = repoContent{branch: "main", files: map[string]string{
		".claude-plugin/marketplace.json":                  `{"name": "acme-claude-plugins", "plugins": [{"name": "deploy-helper", "source": "./plugins/deploy-helper"}, {"name": "broken", "source": "./plugins/broken"}]}`,
		"plugins/deploy-helper/.claude-plugin/plugin.json": `{"name": "deploy-helper", "version": "1.2.0"}`,
		"plugins/broken/README.md":                         "No manifest here.",
	}}
}

func (b *builder) demoClaudeTag() {
	ct := b.st.claudeTagData()
	ct.environments = []string{"env_01AcmeSlackSandbox000000", "ccpool_01AcmeRunners0000000"}
	ct.defaults = ctStored{Enabled: boolPtr(true), EnvironmentID: strPtr(ct.environments[0]), Instructions: strPtr("You are Claude, helping Acme Robotics in Slack.")}
	at := func(days int) time.Time { return b.ago(days) }
	newBundle := func(name, desc, instructions string, onCall bool, days int) *bundle {
		bu := &bundle{ID: ct.ids.next("capp_"), CreatedAt: stamp(at(days)), Description: desc, DisplayName: name, Instructions: instructions,
			Type: "bundle", UpdatedAt: stamp(at(days / 2)), onCall: onCall}
		ct.bundles = append(ct.bundles, bu)
		return bu
	}
	eng := newBundle("Platform Engineering", "GitHub and the platform runbooks.", "Prefer links to the runbook over long answers.", false, 60)
	onCall := newBundle("On-Call", "PagerDuty and the incident tracker.", "Page the on-call engineer only for sev-1.", true, 30)

	ws := &slackWorkspace{id: ct.ids.next("slws_"), slackID: "T0123ABCD", createdAt: at(70), updatedAt: at(10),
		stored: ctStored{GuestPolicy: strPtr("channel_only"), Model: strPtr("claude-opus-4-1")}}
	ct.workspaces = append(ct.workspaces, ws)
	platform := &slackChannel{id: ct.ids.next("slch_"), slack: slackIDs{ChannelID: "C0456EFGH", WorkspaceID: ws.slackID}, createdAt: at(50), updatedAt: at(5),
		stored: ctStored{Instructions: strPtr("Answer in the thread."), ReplyMode: strPtr("mention_only")}}
	incidents := &slackChannel{id: ct.ids.next("slch_"), slack: slackIDs{ChannelID: "C0789IJKL", WorkspaceID: ws.slackID}, createdAt: at(25), updatedAt: at(25),
		stored: ctStored{ReplyMode: strPtr("thread"), GuestPolicy: strPtr("restrict")}}
	ct.channels = append(ct.channels, platform, incidents)
	target := func(bu *bundle, channel, workspace string, days int) {
		typ := "slack_channel"
		if workspace != "" {
			typ = "slack_workspace"
		}
		ct.targets = append(ct.targets, &bundleTarget{ID: bundleTargetID(bu.ID, channel+workspace), CreatedAt: stamp(at(days)), SlackChannelID: channel, SlackWorkspaceID: workspace, Type: typ, bundleID: bu.ID})
	}
	target(eng, platform.id, "", 45)
	target(eng, "", ws.id, 40)
	target(onCall, incidents.id, "", 20)
}
