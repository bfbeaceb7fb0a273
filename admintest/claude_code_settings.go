package admintest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// Claude Code managed settings: the mode, the order of the RBAC groups
// with settings, a default document and one document per group.

type managedSettings struct {
	mode          string
	modeUpdatedAt *stamp
	order         []string // RBAC group IDs, highest precedence first
	orderVersion  int
	def           map[string]any // nil: none set
	defUpdatedAt  *stamp
	groups        map[string]*groupSettings
}

type groupSettings struct {
	settings  map[string]any
	createdAt stamp
	updatedAt stamp
}

// maxSettingsBytes is the largest document the API stores (1 MiB).
const maxSettingsBytes = 1 << 20

// maxGroupOrder is how many groups the fake's order holds.
const maxGroupOrder = 50

// rbacGroupStatus is "active" for a group the organization has and
// "deleted" for one it no longer has: settings outlive their group.
func (st *state) rbacGroupStatus(id string) string {
	if find(st.access.groups, func(g *rbacGroup) bool { return g.ID == id }) != nil {
		return "active"
	}
	return "deleted"
}

func (ms *managedSettings) version() string { return fmt.Sprintf("rgov_%06d", ms.orderVersion) }

func (ms *managedSettings) configuration() map[string]any {
	return map[string]any{"mode": map[string]any{"type": ms.mode}, "mode_updated_at": ms.modeUpdatedAt,
		"rbac_group_order": nonNil(ms.order), "rbac_group_order_version": ms.version(),
		"type": "claude_code_managed_settings_configuration"}
}

func getSettingsConfiguration(c *call) (any, *apiError) { return c.st.settings.configuration(), nil }

func updateSettingsConfiguration(c *call) (any, *apiError) {
	var body struct {
		Mode    *struct{ Type string } `json:"mode"`
		Order   []string               `json:"rbac_group_order"`
		Version *string                `json:"rbac_group_order_version"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	ms := &c.st.settings
	switch {
	case body.Order != nil && body.Version == nil:
		return nil, errInvalid("rbac_group_order: requires rbac_group_order_version")
	case body.Version != nil && body.Order == nil:
		return nil, errInvalid("rbac_group_order_version: requires rbac_group_order")
	case body.Mode != nil && body.Mode.Type != "organization" && body.Mode.Type != "rbac_groups":
		return nil, errInvalid("mode.type: %q is not one of organization, rbac_groups", body.Mode.Type)
	}
	if body.Order != nil {
		if *body.Version != ms.version() {
			return nil, &apiError{status: http.StatusConflict, typ: "conflict_error", noRetry: true,
				msg: fmt.Sprintf("rbac_group_order_version: %q is not the current version; read the configuration again", *body.Version)}
		}
		sorted, have := slices.Clone(body.Order), slices.Clone(ms.order)
		slices.Sort(sorted)
		slices.Sort(have)
		if len(slices.Compact(slices.Clone(sorted))) != len(sorted) || !slices.Equal(sorted, have) {
			return nil, errInvalid("rbac_group_order: must list every RBAC Group that has settings, each once")
		}
		if !slices.Equal(body.Order, ms.order) {
			ms.order = slices.Clone(body.Order)
			ms.orderVersion++
			for _, g := range ms.groups {
				g.updatedAt = stamp(c.now)
			}
		}
	}
	if body.Mode != nil && body.Mode.Type != ms.mode {
		ms.mode, ms.modeUpdatedAt = body.Mode.Type, stampOf(c.now)
	}
	return ms.configuration(), nil
}

func (ms *managedSettings) defaultJSON() map[string]any {
	return map[string]any{"settings": ms.def, "type": "claude_code_rbac_group_default_managed_settings", "updated_at": ms.defUpdatedAt}
}

func getSettingsDefault(c *call) (any, *apiError) { return c.st.settings.defaultJSON(), nil }

// settingsBody reads {"settings": ...}: a document, or null when nullable.
func (c *call) settingsBody(nullable bool) (map[string]any, *apiError) {
	var body struct {
		Settings json.RawMessage `json:"settings"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	switch {
	case body.Settings == nil:
		return nil, errInvalid("settings: Field required")
	case string(body.Settings) == "null" && nullable:
		return nil, nil
	case len(body.Settings) > maxSettingsBytes:
		return nil, &apiError{status: 400, typ: "invalid_request_error", code: "settings_document_limit_exceeded",
			msg: "settings: the document is larger than 1 MiB"}
	}
	var doc map[string]any
	if err := json.Unmarshal(body.Settings, &doc); err != nil || doc == nil {
		return nil, errInvalid("settings: must be a JSON object")
	}
	return doc, nil
}

func updateSettingsDefault(c *call) (any, *apiError) {
	doc, err := c.settingsBody(true)
	if err != nil {
		return nil, err
	}
	ms := &c.st.settings
	ms.def, ms.defUpdatedAt = doc, stampOf(c.now)
	if doc == nil {
		ms.defUpdatedAt = nil
	}
	return ms.defaultJSON(), nil
}

func (st *state) groupJSON(id string, g *groupSettings, summary bool) map[string]any {
	out := map[string]any{"created_at": g.createdAt, "rbac_group_id": id, "rbac_group_status": map[string]any{"type": st.rbacGroupStatus(id)},
		"type": "claude_code_rbac_group_managed_settings", "updated_at": g.updatedAt}
	if summary {
		out["type"] = "claude_code_rbac_group_managed_settings_summary"
	} else {
		out["settings"] = g.settings
	}
	return out
}

func listSettingsGroups(c *call) (any, *apiError) {
	if _, err := limitParam(c.q, 20, 100); err != nil {
		return nil, err
	}
	var out []map[string]any
	for _, id := range c.st.settings.order {
		out = append(out, c.st.groupJSON(id, c.st.settings.groups[id], true))
	}
	return filteredPage(c, out)
}

func (c *call) settingsGroupFromPath() (string, *groupSettings, *apiError) {
	id := c.path("rbac_group_id")
	if g := c.st.settings.groups[id]; g != nil {
		return id, g, nil
	}
	return "", nil, &apiError{status: 404, typ: "not_found_error", code: "rbac_group_managed_settings_not_found",
		msg: fmt.Sprintf("RBAC Group %s has no Claude Code managed settings", id)}
}

func getSettingsGroup(c *call) (any, *apiError) {
	id, g, err := c.settingsGroupFromPath()
	if err != nil {
		return nil, err
	}
	return c.st.groupJSON(id, g, false), nil
}

func setSettingsGroup(c *call) (any, *apiError) {
	id := c.path("rbac_group_id")
	doc, err := c.settingsBody(false)
	if err != nil {
		return nil, err
	}
	ms := &c.st.settings
	g := ms.groups[id]
	if g == nil {
		if c.st.rbacGroupStatus(id) != "active" {
			return nil, &apiError{status: 404, typ: "not_found_error", code: "rbac_group_not_found", msg: fmt.Sprintf("RBAC Group %s not found", id)}
		}
		if len(ms.order) >= maxGroupOrder {
			return nil, &apiError{status: 400, typ: "invalid_request_error", code: "rbac_group_order_limit_exceeded",
				msg: fmt.Sprintf("rbac_group_order: at most %d RBAC Groups can have settings", maxGroupOrder)}
		}
		g = ms.addGroup(id, c.now)
	}
	g.settings, g.updatedAt = doc, stamp(c.now)
	return c.st.groupJSON(id, g, false), nil
}

// addGroup gives a group an empty document, last in the order.
func (ms *managedSettings) addGroup(id string, now time.Time) *groupSettings {
	g := &groupSettings{settings: map[string]any{}, createdAt: stamp(now), updatedAt: stamp(now)}
	ms.groups[id] = g
	ms.order = append(ms.order, id)
	ms.orderVersion++
	return g
}

func deleteSettingsGroup(c *call) (any, *apiError) {
	id, _, err := c.settingsGroupFromPath()
	if err != nil {
		return nil, err
	}
	ms := &c.st.settings
	delete(ms.groups, id)
	ms.order = slices.DeleteFunc(ms.order, func(x string) bool { return x == id })
	ms.orderVersion++
	return map[string]any{"rbac_group_id": id, "type": "claude_code_rbac_group_managed_settings_deleted"}, nil
}

// newManagedSettings is an organization's settings before any are set.
func newManagedSettings() managedSettings {
	return managedSettings{mode: "organization", groups: map[string]*groupSettings{}}
}

// demoSettings gives the demo organization three RBAC groups (engineering,
// research, contractors), settings for the first two and a default for
// the rest, served by group.
func (b *builder) demoSettings() {
	st := b.st
	group := func(name string) string {
		g := find(st.access.groups, func(g *rbacGroup) bool { return g.Name == name })
		if g == nil {
			panic("admintest: demo has no RBAC group " + name)
		}
		return g.ID
	}
	eng, research := group("Platform Engineering"), group("Research")
	ms := &st.settings
	ms.mode, ms.modeUpdatedAt = "rbac_groups", stampOf(b.ago(30))
	ms.addGroup(eng, b.ago(30)).settings = map[string]any{
		"permissions": map[string]any{"allow": []any{"Bash(npm run test:*)", "Bash(go test:*)"}, "deny": []any{"Read(./.env)"}},
		"model":       "claude-sonnet-4-6"}
	ms.addGroup(research, b.ago(28)).settings = map[string]any{
		"permissions": map[string]any{"deny": []any{"WebFetch"}}, "env": map[string]any{"CLAUDE_CODE_ENABLE_TELEMETRY": "1"}}
	ms.def = map[string]any{"permissions": map[string]any{"deny": []any{"Bash(curl:*)", "Read(./.env)"}},
		"env": map[string]any{"CLAUDE_CODE_ENABLE_TELEMETRY": "1"}, "cleanupPeriodDays": 30.0}
	ms.defUpdatedAt = stampOf(b.ago(30))
}
