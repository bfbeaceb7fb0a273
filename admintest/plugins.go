package admintest

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Plugins and plugin marketplaces: stored with their versions, whose
// archives are kept (an upload is bounded by maxUpload) and served back by
// the content download. What a version holds (name, description,
// components, reach) is read from its manifest and files as the API does;
// its content scan always passes.

type pOwner struct {
	Type   string `json:"type"`
	UserID string `json:"user_id,omitempty"`
}

type pActor struct {
	Type         string  `json:"type"`
	UserID       string  `json:"user_id,omitempty"`
	EmailAddress *string `json:"email_address,omitempty"`
	APIKeyID     string  `json:"api_key_id,omitempty"`
}

type pComponent struct {
	Description *string `json:"description"`
	Name        string  `json:"name"`
	Type        string  `json:"type"`
}

type pScan struct {
	Assessment string  `json:"assessment"`
	Reason     *string `json:"reason"`
	Status     string  `json:"status"`
}

type marketplace struct {
	ID                            string `json:"id"`
	CreatedAt                     stamp  `json:"created_at"`
	DefaultInstallationPreference string `json:"default_installation_preference"`
	LastSyncEndedAt               stamp  `json:"last_sync_ended_at"`
	LastSyncReadSHA               string `json:"last_sync_read_sha"`
	Name                          string `json:"name"`
	Owner                         pOwner `json:"owner"`
	Source                        string `json:"source"`
	SyncStatus                    string `json:"sync_status"`
	Type                          string `json:"type"`
}

type pluginVersion struct {
	ID              string       `json:"id"`
	Components      []pComponent `json:"components"`
	ContentScan     *pScan       `json:"content_scan"`
	CreatedAt       stamp        `json:"created_at"`
	CreatedBy       *pActor      `json:"created_by"`
	Description     *string      `json:"description"`
	DisplayName     *string      `json:"display_name"`
	ManifestVersion *string      `json:"manifest_version"`
	PluginID        string       `json:"plugin_id"`
	Reach           *string      `json:"reach"`
	ReleaseNotes    *string      `json:"release_notes"`
	Type            string       `json:"type"`

	name    string // the manifest's name
	archive []byte // the .zip as stored
}

// plugin is what the fake keeps of a Plugin; view gives its wire form from
// its served version.
type plugin struct {
	id, name, marketplaceID string
	owner                   pOwner
	createdAt, updatedAt    time.Time
	createdBy               *pActor
	versions                []*pluginVersion // oldest first
	served                  *pluginVersion
	pinned                  bool
	settings                []*installSetting // oldest first
	shares                  []*pluginShare    // oldest first
}

type pTarget struct {
	Type        string `json:"type"`
	RBACGroupID string `json:"rbac_group_id,omitempty"`
	UserID      string `json:"user_id,omitempty"`
}

type installSetting struct {
	CreatedAt              stamp   `json:"created_at"`
	InstallationPreference string  `json:"installation_preference"`
	PluginID               string  `json:"plugin_id"`
	Target                 pTarget `json:"target"`
	Type                   string  `json:"type"`
	UpdatedAt              stamp   `json:"updated_at"`
}

type pluginShare struct {
	GrantedAt stamp   `json:"granted_at"`
	PluginID  string  `json:"plugin_id"`
	Target    pTarget `json:"target"`
	Type      string  `json:"type"`
}

// pluginState is every marketplace and Plugin of the organization. Its IDs
// come from their own sequence, so that they change no other object's.
type pluginState struct {
	ids          ids
	marketplaces []*marketplace // oldest first
	plugins      []*plugin      // oldest first
	repos        map[string]repoContent
}

// repoContent is a public repository the fake can validate as if it read
// it from GitHub: its default branch and its files.
type repoContent struct {
	branch string
	files  map[string]string
}

// pluginData is the organization's Plugins, made on first use.
func (st *state) pluginData() *pluginState {
	if st.plugins == nil {
		st.plugins = &pluginState{ids: ids{seed: st.ids.seed + "/plugins"}, repos: map[string]repoContent{}}
	}
	return st.plugins
}

var (
	installPrefs      = []string{"required", "auto_install", "available", "not_available"}
	marketplaceSource = []string{"directory", "github", "gitlab", "manual", "public_git"}
	pluginName        = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	displayVersion    = regexp.MustCompile(`^[0-9][A-Za-z0-9.+-]{0,63}$`)
)

// apiActor is who a request through the fake acts as: its admin key.
func apiActor() *pActor {
	return &pActor{Type: "api_actor", APIKeyID: "apikey_01AdmintestAdminKey00000"}
}

func (ps *pluginState) marketplace(id string) *marketplace {
	return find(ps.marketplaces, func(m *marketplace) bool { return m.ID == id })
}

func (ps *pluginState) plugin(id string) *plugin {
	return find(ps.plugins, func(p *plugin) bool { return p.id == id })
}

// preference is the organization-wide setting of a Plugin and whether it
// is inherited from its marketplace.
func (ps *pluginState) preference(p *plugin) (string, bool) {
	if s := find(p.settings, func(s *installSetting) bool { return s.Target.Type == "organization" }); s != nil {
		return s.InstallationPreference, false
	}
	return ps.marketplace(p.marketplaceID).DefaultInstallationPreference, true
}

type pluginView struct {
	ID                                          string       `json:"id"`
	Components                                  []pComponent `json:"components"`
	ContentScan                                 *pScan       `json:"content_scan"`
	CreatedAt                                   stamp        `json:"created_at"`
	CreatedBy                                   *pActor      `json:"created_by"`
	Description                                 string       `json:"description"`
	DisplayName                                 string       `json:"display_name"`
	LatestVersionID                             string       `json:"latest_version_id"`
	ManifestVersion                             *string      `json:"manifest_version"`
	MarketplaceID                               string       `json:"marketplace_id"`
	Name                                        string       `json:"name"`
	OrganizationInstallationPreference          string       `json:"organization_installation_preference"`
	OrganizationInstallationPreferenceInherited bool         `json:"organization_installation_preference_inherited"`
	Owner                                       pOwner       `json:"owner"`
	Reach                                       *string      `json:"reach"`
	ServedVersionID                             string       `json:"served_version_id"`
	ServedVersionPinned                         bool         `json:"served_version_pinned"`
	Type                                        string       `json:"type"`
	UpdatedAt                                   stamp        `json:"updated_at"`
}

func (ps *pluginState) view(p *plugin) pluginView {
	v := p.served
	pref, inherited := ps.preference(p)
	return pluginView{ID: p.id, Components: v.Components, ContentScan: v.ContentScan, CreatedAt: stamp(p.createdAt), CreatedBy: p.createdBy,
		Description: deref(v.Description), DisplayName: cmp.Or(deref(v.DisplayName), p.name), LatestVersionID: p.versions[len(p.versions)-1].ID,
		ManifestVersion: v.ManifestVersion, MarketplaceID: p.marketplaceID, Name: p.name, OrganizationInstallationPreference: pref,
		OrganizationInstallationPreferenceInherited: inherited, Owner: p.owner, Reach: v.Reach, ServedVersionID: v.ID,
		ServedVersionPinned: p.pinned, Type: "plugin", UpdatedAt: stamp(p.updatedAt)}
}

func strPtr(s string) *string { return &s }

// newestFirst returns items, stored oldest first, newest first.
func newestFirst[T any](items []T) []T {
	out := slices.Clone(items)
	slices.Reverse(out)
	return out
}

// pagedNewestFirst answers a token-paged list of at most maxLimit a page.
func pagedNewestFirst[T any](c *call, items []T, maxLimit int, filters ...string) (any, *apiError) {
	if _, err := limitParam(c.q, 20, maxLimit); err != nil {
		return nil, err
	}
	return filteredPage(c, newestFirst(items), append(filters, "organization_id")...)
}

// checkOrganization refuses an organization_id other than the fake's own:
// a child organization of a parent's key is beyond what the fake models.
func (c *call) checkOrganization() *apiError {
	if id := c.q.Get("organization_id"); id != "" && id != c.st.org.ID {
		return errNotFound("organization %s not found, or the Plugins API is not available there", id)
	}
	return nil
}

func (c *call) enum(key string, known []string) *apiError {
	if v := c.q.Get(key); v != "" && !slices.Contains(known, v) {
		return errInvalid("%s: %q is not one of %s", key, v, strings.Join(known, ", "))
	}
	return nil
}

func listMarketplaces(c *call) (any, *apiError) {
	if err := cmpErr(c.checkOrganization(), c.enum("owner_type", []string{"organization", "user"}), c.enum("source", marketplaceSource)); err != nil {
		return nil, err
	}
	owner, source := c.q.Get("owner_type"), c.q.Get("source")
	var out []*marketplace
	for _, m := range c.st.pluginData().marketplaces {
		if (owner == "" || m.Owner.Type == owner) && (source == "" || m.Source == source) {
			out = append(out, m)
		}
	}
	return pagedNewestFirst(c, out, 1000, "owner_type", "source")
}

// cmpErr is the first error that is not nil.
func cmpErr(errs ...*apiError) *apiError {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func (c *call) marketplaceFromPath() (*marketplace, *apiError) {
	id := c.path("marketplace_id")
	if m := c.st.pluginData().marketplace(id); m != nil {
		return m, nil
	}
	return nil, errNotFound("plugin marketplace %s not found", id)
}

func getMarketplace(c *call) (any, *apiError) {
	if err := c.checkOrganization(); err != nil {
		return nil, err
	}
	return c.marketplaceFromPath()
}

func updateMarketplace(c *call) (any, *apiError) {
	m, err := c.marketplaceFromPath()
	if err != nil {
		return nil, err
	}
	pref, err := c.installPref("default_installation_preference")
	if err != nil {
		return nil, err
	}
	if m.Owner.Type != "organization" {
		return nil, errInvalid("plugin marketplace %s is a member's personal marketplace: only the organization's own have a default installation setting", m.ID)
	}
	m.DefaultInstallationPreference = pref
	return m, nil
}

func requiredEnum(field string, v *string, known []string) *apiError {
	switch {
	case v == nil:
		return errInvalid("%s: Field required", field)
	case !slices.Contains(known, *v):
		return errInvalid("%s: %q is not one of %s", field, *v, strings.Join(known, ", "))
	}
	return nil
}

func listPlugins(c *call) (any, *apiError) {
	if err := cmpErr(c.checkOrganization(), c.enum("owner_type", []string{"organization", "user"})); err != nil {
		return nil, err
	}
	bounds := map[string]func(t time.Time, b time.Time) bool{
		"created_at[gt]":  func(t, b time.Time) bool { return t.After(b) },
		"created_at[gte]": func(t, b time.Time) bool { return !t.Before(b) },
		"created_at[lt]":  func(t, b time.Time) bool { return t.Before(b) },
		"created_at[lte]": func(t, b time.Time) bool { return !t.After(b) },
	}
	limits := map[string]time.Time{}
	for k := range bounds {
		if v := c.q.Get(k); v != "" {
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return nil, errInvalid("%s: %q is not an RFC 3339 time", k, v)
			}
			limits[k] = t
		}
	}
	mkt, ownerType, ownerUser := c.q.Get("marketplace_id"), c.q.Get("owner_type"), c.q.Get("owner_user_id")
	ps := c.st.pluginData()
	var out []pluginView
	for _, p := range ps.plugins {
		keep := (mkt == "" || p.marketplaceID == mkt) && (ownerType == "" || p.owner.Type == ownerType) && (ownerUser == "" || p.owner.UserID == ownerUser)
		for k, b := range limits {
			keep = keep && bounds[k](p.createdAt, b)
		}
		if keep {
			out = append(out, ps.view(p))
		}
	}
	return pagedNewestFirst(c, out, 100, "marketplace_id", "owner_type", "owner_user_id", "created_at[gt]", "created_at[gte]", "created_at[lt]", "created_at[lte]")
}

func (c *call) pluginFromPath() (*plugin, *apiError) {
	id := c.path("plugin_id")
	if p := c.st.pluginData().plugin(id); p != nil {
		return p, nil
	}
	return nil, errNotFound("plugin %s not found", id)
}

// orgPlugin is the plugin of the path, refused unless the organization
// owns it: only those are changed through the API.
func (c *call) orgPlugin() (*plugin, *apiError) {
	p, err := c.pluginFromPath()
	if err == nil && p.owner.Type != "organization" {
		err = errInvalid("plugin %s lives in a member's personal plugin marketplace: only organization-owned Plugins can be changed", p.id)
	}
	return p, err
}

func getPlugin(c *call) (any, *apiError) {
	if err := c.checkOrganization(); err != nil {
		return nil, err
	}
	p, err := c.pluginFromPath()
	if err != nil {
		return nil, err
	}
	return c.st.pluginData().view(p), nil
}

// manifest is what the fake reads of .claude-plugin/plugin.json.
type manifest struct {
	Name         string         `json:"name"`
	Version      string         `json:"version"`
	Description  *string        `json:"description"`
	DisplayName  *string        `json:"displayName"`
	MCPServers   map[string]any `json:"mcpServers"`
	ReleaseNotes string         `json:"-"`
}

// uploadedVersion reads a version from an upload: its files, or one .zip
// or .plugin archive of them.
func (c *call) uploadedVersion(form *uploadForm) (*pluginVersion, *apiError) {
	if len(form.filesOf("files")) > 0 {
		return nil, errInvalid("files: send each file as a part named files[]; a part named files is not read")
	}
	uploaded := form.filesOf("files[]")
	if len(uploaded) == 0 {
		return nil, errInvalid("files: Field required")
	}
	notes := form.value("release_notes")
	if utf8.RuneCountInString(notes) > 5000 {
		return nil, errInvalid("release_notes: at most 5000 characters")
	}
	files := map[string][]byte{}
	var archive []byte
	if name := uploaded[0].name; len(uploaded) == 1 && (strings.HasSuffix(name, ".zip") || strings.HasSuffix(name, ".plugin")) {
		archive = uploaded[0].data
		var err *apiError
		if files, err = unzip(archive); err != nil {
			return nil, err
		}
	} else {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range uploaded {
			files[f.name] = f.data
			w, _ := zw.Create(f.name)
			w.Write(f.data)
		}
		zw.Close()
		archive = buf.Bytes()
	}
	v, err := versionOf(files)
	if err != nil {
		return nil, err
	}
	v.archive = archive
	if notes != "" {
		v.ReleaseNotes = &notes
	}
	return v, nil
}

// unzip reads an archive's files, dropping the one folder a Git host's
// download wraps them in.
func unzip(data []byte) (map[string][]byte, *apiError) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errInvalid("files: the archive is not a readable .zip: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, errInvalid("files: %s in the archive cannot be read: %v", f.Name, err)
		}
		var buf bytes.Buffer
		_, err = buf.ReadFrom(rc)
		rc.Close()
		if err != nil {
			return nil, errInvalid("files: %s in the archive cannot be read: %v", f.Name, err)
		}
		files[f.Name] = buf.Bytes()
	}
	prefix := ""
	for name := range files {
		if strings.HasPrefix(name, ".claude-plugin/") {
			return files, nil // the contents are at the root
		}
		top, _, nested := strings.Cut(name, "/")
		if !nested || (prefix != "" && prefix != top+"/") {
			return files, nil
		}
		prefix = top + "/"
	}
	out := map[string][]byte{}
	for name, data := range files {
		out[strings.TrimPrefix(name, prefix)] = data
	}
	return out, nil
}

// versionOf reads a version's manifest and components from its files.
func versionOf(files map[string][]byte) (*pluginVersion, *apiError) {
	raw, ok := files[".claude-plugin/plugin.json"]
	if !ok {
		return nil, errInvalid("files: the manifest .claude-plugin/plugin.json is required")
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, errInvalid("files: .claude-plugin/plugin.json is not valid JSON: %v", err)
	}
	if !pluginName.MatchString(m.Name) {
		return nil, errInvalid("files: .claude-plugin/plugin.json: name %q must be a lowercase identifier (a-z, 0-9, -)", m.Name)
	}
	if m.Description != nil && utf8.RuneCountInString(*m.Description) > 500 {
		return nil, errInvalid("files: .claude-plugin/plugin.json: description is longer than 500 characters")
	}
	v := &pluginVersion{Type: "plugin_version", name: m.Name, Description: m.Description, DisplayName: m.DisplayName,
		ContentScan: &pScan{Assessment: "pass", Status: "completed"}, Components: []pComponent{}}
	if ver := strings.TrimPrefix(strings.TrimPrefix(m.Version, "v"), "V"); displayVersion.MatchString(ver) && len(ver) <= 64 {
		v.ManifestVersion = &ver
	}
	names := slices.Sorted(maps.Keys(files))
	reach := "contained"
	for _, n := range names {
		dir, file := path.Split(n)
		switch {
		case strings.HasPrefix(n, "skills/") && file == "SKILL.md" && strings.Count(n, "/") == 2:
			v.Components = append(v.Components, pComponent{Type: "skill", Name: path.Base(dir), Description: frontMatter(files[n], "description")})
		case strings.HasPrefix(n, "commands/") && strings.HasSuffix(file, ".md"):
			v.Components = append(v.Components, pComponent{Type: "command", Name: strings.TrimSuffix(file, ".md"), Description: frontMatter(files[n], "description")})
		case strings.HasPrefix(n, "agents/") && strings.HasSuffix(file, ".md"):
			v.Components = append(v.Components, pComponent{Type: "agent", Name: strings.TrimSuffix(file, ".md"), Description: frontMatter(files[n], "description")})
		case n == "hooks/hooks.json":
			var hooks struct {
				Hooks map[string]any `json:"hooks"`
			}
			json.Unmarshal(files[n], &hooks)
			for _, event := range slices.Sorted(maps.Keys(hooks.Hooks)) {
				v.Components = append(v.Components, pComponent{Type: "hook", Name: event})
			}
			reach = "privileged"
		}
	}
	for _, server := range slices.Sorted(maps.Keys(m.MCPServers)) {
		v.Components = append(v.Components, pComponent{Type: "mcp_server", Name: server})
		reach = "remote"
	}
	v.Reach = &reach
	return v, nil
}

// frontMatter reads "key: value" from a Markdown file's front matter.
func frontMatter(data []byte, key string) *string {
	text, ok := strings.CutPrefix(string(data), "---\n")
	if !ok {
		return nil
	}
	head, _, _ := strings.Cut(text, "\n---")
	for _, line := range strings.Split(head, "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			return strPtr(strings.TrimSpace(v))
		}
	}
	return nil
}

// libraryMarketplace is the organization's manual marketplace Plugins go
// to when a create names none, made on first use.
func (c *call) libraryMarketplace() *marketplace {
	ps := c.st.pluginData()
	for _, m := range ps.marketplaces {
		if m.Owner.Type == "organization" && m.Source == "manual" {
			return m
		}
	}
	m := &marketplace{ID: ps.ids.next("marketplace_"), CreatedAt: stamp(c.now), DefaultInstallationPreference: "available",
		LastSyncEndedAt: stamp(c.now), Name: "library", Owner: pOwner{Type: "organization"}, Source: "manual", SyncStatus: "success", Type: "plugin_marketplace"}
	ps.marketplaces = append(ps.marketplaces, m)
	return m
}

func createPlugin(c *call) (any, *apiError) {
	form, err := c.requireForm()
	if err != nil {
		return nil, err
	}
	ps := c.st.pluginData()
	var m *marketplace
	if id := form.value("marketplace_id"); id != "" {
		if m = ps.marketplace(id); m == nil {
			return nil, errNotFound("plugin marketplace %s not found", id)
		}
		if m.Owner.Type != "organization" || m.Source != "manual" {
			return nil, errInvalid("marketplace_id: %s is not an organization-owned manual plugin marketplace", id)
		}
	}
	v, err := c.uploadedVersion(form)
	if err != nil {
		return nil, err
	}
	if m == nil {
		m = c.libraryMarketplace()
	}
	if taken := find(ps.plugins, func(p *plugin) bool { return p.marketplaceID == m.ID && p.name == v.name }); taken != nil {
		return nil, &apiError{status: http.StatusConflict, typ: "conflict_error", code: "plugin_name_taken",
			msg: fmt.Sprintf("the plugin marketplace already holds a Plugin named %q (%s)", v.name, taken.id)}
	}
	p := &plugin{id: ps.ids.next("plugin_"), name: v.name, marketplaceID: m.ID, owner: pOwner{Type: "organization"},
		createdAt: c.now, updatedAt: c.now, createdBy: apiActor()}
	ps.addVersion(p, v, c.now, apiActor())
	ps.plugins = append(ps.plugins, p)
	return ps.view(p), nil
}

// addVersion stores v as p's newest version, served unless p is pinned.
func (ps *pluginState) addVersion(p *plugin, v *pluginVersion, at time.Time, by *pActor) {
	v.ID, v.PluginID, v.CreatedAt, v.CreatedBy = ps.ids.next("pluginver_"), p.id, stamp(at), by
	p.versions = append(p.versions, v)
	if !p.pinned {
		p.served = v
	}
	p.updatedAt = at
}

func updatePlugin(c *call) (any, *apiError) {
	p, err := c.orgPlugin()
	if err != nil {
		return nil, err
	}
	var body struct {
		Served *string `json:"served_version_id"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.Served == nil {
		return nil, errInvalid("served_version_id: Field required")
	}
	v := find(p.versions, func(v *pluginVersion) bool { return v.ID == *body.Served })
	if v == nil {
		return nil, errInvalid("served_version_id: %q is not a version of plugin %s", *body.Served, p.id)
	}
	p.served, p.pinned, p.updatedAt = v, true, c.now
	return c.st.pluginData().view(p), nil
}

func deletePlugin(c *call) (any, *apiError) {
	p, err := c.pluginFromPath()
	if err != nil {
		return nil, err
	}
	ps := c.st.pluginData()
	ps.plugins = slices.DeleteFunc(ps.plugins, func(x *plugin) bool { return x == p })
	return map[string]any{"id": p.id, "type": "plugin_deleted"}, nil
}

func listPluginVersions(c *call) (any, *apiError) {
	if err := c.checkOrganization(); err != nil {
		return nil, err
	}
	p, err := c.pluginFromPath()
	if err != nil {
		return nil, err
	}
	return pagedNewestFirst(c, p.versions, 1000)
}

func createPluginVersion(c *call) (any, *apiError) {
	form, err := c.requireForm()
	if err != nil {
		return nil, err
	}
	p, err := c.orgPlugin()
	if err != nil {
		return nil, err
	}
	if m := c.st.pluginData().marketplace(p.marketplaceID); m.Source != "manual" {
		return nil, errInvalid("plugin %s is synchronized from a repository: its versions cannot be uploaded", p.id)
	}
	v, err := c.uploadedVersion(form)
	if err != nil {
		return nil, err
	}
	if v.name != p.name {
		return nil, errInvalid("files: the manifest names %q, but this Plugin is %q", v.name, p.name)
	}
	c.st.pluginData().addVersion(p, v, c.now, apiActor())
	return v, nil
}

// versionFromPath is the version of the path: by ID, or latest.
func (c *call) versionFromPath() (*pluginVersion, *apiError) {
	if err := c.checkOrganization(); err != nil {
		return nil, err
	}
	p, err := c.pluginFromPath()
	if err != nil {
		return nil, err
	}
	id := c.path("version")
	if id == "latest" {
		return p.versions[len(p.versions)-1], nil
	}
	if v := find(p.versions, func(v *pluginVersion) bool { return v.ID == id }); v != nil {
		return v, nil
	}
	return nil, errNotFound("version %s of plugin %s not found", id, p.id)
}

func getPluginVersion(c *call) (any, *apiError) { return c.versionFromPath() }

func downloadPluginVersion(c *call) (any, *apiError) {
	v, err := c.versionFromPath()
	if err != nil {
		return nil, err
	}
	return &fileBody{contentType: "application/zip", data: v.archive}, nil
}

func listInstallSettings(c *call) (any, *apiError) {
	return targetedList(c, []string{"organization", "rbac_group"}, func(p *plugin) []*installSetting { return p.settings },
		func(s *installSetting) string { return s.Target.Type })
}

// targetedList answers a list of a Plugin's settings or shares, filtered
// by the type of their target.
func targetedList[T any](c *call, targetTypes []string, items func(*plugin) []T, targetType func(T) string) (any, *apiError) {
	if err := cmpErr(c.checkOrganization(), c.enum("target_type", targetTypes)); err != nil {
		return nil, err
	}
	p, err := c.pluginFromPath()
	if err != nil {
		return nil, err
	}
	tt := c.q.Get("target_type")
	var out []T
	for _, x := range items(p) {
		if tt == "" || targetType(x) == tt {
			out = append(out, x)
		}
	}
	return pagedNewestFirst(c, out, 100, "target_type")
}

// targetFromPath reads an installation setting's target: organization, or
// an RBAC group's ID.
func (c *call) targetFromPath() (pTarget, *apiError) {
	t := c.path("target")
	switch {
	case t == "organization":
		return pTarget{Type: "organization"}, nil
	case strings.HasPrefix(t, "rbac_group_"):
		return pTarget{Type: "rbac_group", RBACGroupID: t}, nil
	}
	return pTarget{}, errInvalid("target: %q is neither organization nor an RBAC group ID (rbac_group_...)", t)
}

func setInstallSetting(c *call) (any, *apiError) {
	p, err := c.orgPlugin()
	if err != nil {
		return nil, err
	}
	target, err := c.targetFromPath()
	if err != nil {
		return nil, err
	}
	pref, err := c.installPref("installation_preference")
	if err != nil {
		return nil, err
	}
	s := find(p.settings, func(s *installSetting) bool { return s.Target == target })
	if s == nil {
		s = &installSetting{CreatedAt: stamp(c.now), PluginID: p.id, Target: target, Type: "plugin_installation_setting"}
		p.settings = append(p.settings, s)
	}
	s.InstallationPreference, s.UpdatedAt = pref, stamp(c.now)
	return s, nil
}

func removeInstallSetting(c *call) (any, *apiError) {
	p, err := c.orgPlugin()
	if err != nil {
		return nil, err
	}
	target, err := c.targetFromPath()
	if err != nil {
		return nil, err
	}
	s := find(p.settings, func(s *installSetting) bool { return s.Target == target })
	if s == nil {
		return nil, errNotFound("plugin %s has no installation setting of its own for %s", p.id, c.path("target"))
	}
	p.settings = slices.DeleteFunc(p.settings, func(x *installSetting) bool { return x == s })
	return map[string]any{"plugin_id": p.id, "target": target, "type": "plugin_installation_setting_deleted"}, nil
}

func listPluginShares(c *call) (any, *apiError) {
	return targetedList(c, []string{"organization", "organization_member", "rbac_group"}, func(p *plugin) []*pluginShare { return p.shares },
		func(s *pluginShare) string { return s.Target.Type })
}

type validationReport struct {
	CommitSHA         *string               `json:"commit_sha"`
	ManifestError     *string               `json:"manifest_error"`
	ManifestErrorCode *string               `json:"manifest_error_code"`
	PluginErrors      []pluginProblem       `json:"plugin_errors"`
	PluginWarnings    []pluginWarningsEntry `json:"plugin_warnings"`
	Ref               string                `json:"ref"`
	TotalPluginCount  int                   `json:"total_plugin_count"`
	Type              string                `json:"type"`
	Valid             bool                  `json:"valid"`
}

type pluginProblem struct {
	Error     string `json:"error"`
	ErrorCode string `json:"error_code"`
	Name      string `json:"name"`
}

type pluginWarningsEntry struct {
	Name     string           `json:"name"`
	Warnings []pluginWarnings `json:"warnings"`
}

type pluginWarnings struct {
	ErrorCode string `json:"error_code"`
	Message   string `json:"message"`
}

// validateMarketplace checks marketplace content as a synchronization
// would: marketplace.json, then each plugin it declares.
func validateMarketplace(files map[string][]byte, commit *string, ref string) *validationReport {
	rep := &validationReport{CommitSHA: commit, Ref: ref, Type: "plugin_marketplace_validation_report", PluginErrors: []pluginProblem{}, PluginWarnings: []pluginWarningsEntry{}}
	fail := func(code, msg string) *validationReport {
		rep.ManifestError, rep.ManifestErrorCode = &msg, &code
		return rep
	}
	raw, ok := files[".claude-plugin/marketplace.json"]
	if !ok {
		return fail("marketplace_json_missing", ".claude-plugin/marketplace.json is missing")
	}
	var m struct {
		Plugins []struct {
			Name   string `json:"name"`
			Source string `json:"source"`
		} `json:"plugins"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return fail("marketplace_json_invalid", ".claude-plugin/marketplace.json is not valid JSON: "+err.Error())
	}
	rep.TotalPluginCount = len(m.Plugins)
	for _, p := range m.Plugins {
		dir := strings.TrimSuffix(strings.TrimPrefix(p.Source, "./"), "/")
		plugin := map[string][]byte{}
		for name, data := range files {
			if rest, ok := strings.CutPrefix(name, dir+"/"); ok {
				plugin[rest] = data
			}
		}
		if _, err := versionOf(plugin); err != nil {
			rep.PluginErrors = append(rep.PluginErrors, pluginProblem{Name: p.Name, ErrorCode: "plugin_manifest_invalid", Error: err.msg})
		}
	}
	rep.Valid = len(rep.PluginErrors) == 0
	return rep
}

func validateArchive(c *call) (any, *apiError) {
	form, err := c.requireForm()
	if err != nil {
		return nil, err
	}
	archives := form.filesOf("archive")
	if len(archives) != 1 {
		return nil, errInvalid("archive: one file part with a filename is required")
	}
	zr, zerr := zip.NewReader(bytes.NewReader(archives[0].data), int64(len(archives[0].data)))
	if zerr != nil {
		msg, code := "the archive is not a readable .zip", "archive_unreadable"
		return &validationReport{ManifestError: &msg, ManifestErrorCode: &code, PluginErrors: []pluginProblem{}, PluginWarnings: []pluginWarningsEntry{},
			Type: "plugin_marketplace_validation_report"}, nil
	}
	var commit *string
	if sha := strings.TrimSpace(zr.Comment); len(sha) == 40 && isHex(sha) {
		commit = &sha
	}
	files, err := unzip(archives[0].data)
	if err != nil {
		return nil, err
	}
	return validateMarketplace(files, commit, ""), nil
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}

var (
	githubRepo = regexp.MustCompile(`^https://github\.com(:443|:80)?/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(\.git)?/?$`)
	gitRef     = regexp.MustCompile(`^[A-Za-z0-9._+/-]{1,255}$`)
)

func validateRepository(c *call) (any, *apiError) {
	var body struct {
		URL *string `json:"repository_url"`
		Ref *string `json:"ref"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.URL == nil {
		return nil, errInvalid("repository_url: Field required")
	}
	parts := githubRepo.FindStringSubmatch(*body.URL)
	if len(*body.URL) > 2048 || parts == nil {
		return nil, errInvalid("repository_url: must be the https:// URL of a public github.com repository, naming exactly owner/repo")
	}
	if body.Ref != nil && (!gitRef.MatchString(*body.Ref) || strings.Contains(*body.Ref, "..")) {
		return nil, errInvalid("ref: %q is not a branch name or a full commit SHA", *body.Ref)
	}
	repo, ok := c.st.pluginData().repos[strings.ToLower(parts[2]+"/"+parts[3])]
	ref := repo.branch
	if body.Ref != nil {
		ref = *body.Ref
	}
	if !ok {
		msg, code := "the repository could not be read: it does not exist or is not public", "repository_unreadable"
		return &validationReport{ManifestError: &msg, ManifestErrorCode: &code, PluginErrors: []pluginProblem{}, PluginWarnings: []pluginWarningsEntry{},
			Ref: ref, Type: "plugin_marketplace_validation_report"}, nil
	}
	files := map[string][]byte{}
	for name, text := range repo.files {
		files[name] = []byte(text)
	}
	h := fnv.New128a()
	fmt.Fprintf(h, "%s@%s", parts[2]+"/"+parts[3], ref)
	sha := hex.EncodeToString(h.Sum(nil)) + hex.EncodeToString(h.Sum(nil))[:8]
	if len(ref) == 40 && isHex(ref) {
		sha, ref = ref, repo.branch // a commit was asked for: the report names the branch
	}
	return validateMarketplace(files, &sha, ref), nil
}

// installPref reads a body whose one field, key, is a required
// installation preference.
func (c *call) installPref(key string) (string, *apiError) {
	var body map[string]*string
	if err := c.decode(&body); err != nil {
		return "", err
	}
	for k := range body {
		if k != key {
			return "", errInvalid("%s: Extra inputs are not permitted", k) // as decode says of a struct
		}
	}
	if err := requiredEnum(key, body[key], installPrefs); err != nil {
		return "", err
	}
	return *body[key], nil
}
