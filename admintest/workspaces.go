package admintest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// palette is the colors a new workspace gets when the caller names none.
var palette = []string{"#6C5BB9", "#D97757", "#4A9B7F", "#C4A24A", "#5B8DB9", "#B95B8D"}

var inferenceGeos = []string{"global", "us"}

func (st *state) workspace(id string) *workspace {
	return find(st.workspaces, func(w *workspace) bool { return w.ID == id })
}

func (c *call) workspaceFromPath() (*workspace, *apiError) {
	w := c.st.workspace(c.path("workspace_id"))
	if w == nil {
		return nil, errNotFound("workspace %q not found", c.path("workspace_id"))
	}
	return w, nil
}

// activeWorkspaceFromPath is workspaceFromPath for changes, which an
// archived workspace refuses.
func (c *call) activeWorkspaceFromPath() (*workspace, *apiError) {
	w, err := c.workspaceFromPath()
	if err == nil && w.ArchivedAt != nil {
		err = errInvalid("workspace %s is archived and cannot be changed", w.ID)
	}
	return w, err
}

func listWorkspaces(c *call) (any, *apiError) {
	includeArchived, err := boolParam(c, "include_archived")
	if err != nil {
		return nil, err
	}
	includeDefault, err := boolParam(c, "include_default")
	if err != nil {
		return nil, err
	}
	only := c.q["ids[]"]
	if len(only) > 100 {
		return nil, errInvalid("ids: at most 100 IDs may be given")
	}
	matched := slices.DeleteFunc(slices.Clone(c.st.workspaces), func(w *workspace) bool {
		return (w.ArchivedAt != nil && !includeArchived) || (w.isDefault && !includeDefault) ||
			(len(only) > 0 && !slices.Contains(only, w.ID))
	})
	return idPage(matched, func(w *workspace) string { return w.ID }, c.q)
}

func boolParam(c *call, name string) (bool, *apiError) {
	switch c.q.Get(name) {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, errInvalid("%s: must be true or false", name)
}

func getWorkspace(c *call) (any, *apiError) { return c.workspaceFromPath() }

// workspaceBody is the body of create and update. A tag's value is a
// pointer: an update may send null for it (docs-notes §10 item 20).
type workspaceBody struct {
	Name          sent[string]             `json:"name"`
	DisplayColor  sent[string]             `json:"display_color"`
	ExternalKeyID sent[string]             `json:"external_key_id"`
	UserProfileID sent[string]             `json:"user_profile_id"`
	Tags          sent[map[string]*string] `json:"tags"`
	DataResidency sent[struct {
		WorkspaceGeo         sent[string] `json:"workspace_geo"`
		AllowedInferenceGeos sent[any]    `json:"allowed_inference_geos"`
		DefaultInferenceGeo  sent[string] `json:"default_inference_geo"`
	}] `json:"data_residency"`
}

func createWorkspace(c *call) (any, *apiError) {
	var body workspaceBody
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if !body.Name.given {
		return nil, errInvalid("name: Field required")
	}
	n := len(c.st.workspaces)
	w := &workspace{ID: c.st.ids.next("wrkspc_"), Type: "workspace", CreatedAt: stamp(c.now),
		DisplayColor:  palette[n%len(palette)],
		CompartmentID: c.st.ids.next("cmpt_"),
		DataResidency: dataResidency{WorkspaceGeo: "us", AllowedInferenceGeos: "unrestricted", DefaultInferenceGeo: "global"},
		Tags:          map[string]string{}}
	if err := c.applyWorkspace(w, &body, true); err != nil {
		return nil, err
	}
	c.st.workspaces = append(c.st.workspaces, w)
	return w, nil
}

func updateWorkspace(c *call) (any, *apiError) {
	w, err := c.activeWorkspaceFromPath()
	if err != nil {
		return nil, err
	}
	var body workspaceBody
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.DataResidency.v.WorkspaceGeo.given {
		return nil, errInvalid("data_residency.workspace_geo: Extra inputs are not permitted (workspace_geo cannot change after creation)")
	}
	updated := *w
	updated.Tags = w.Tags
	if err := c.applyWorkspace(&updated, &body, false); err != nil {
		return nil, err
	}
	*w = updated
	return w, nil
}

// applyWorkspace checks and applies a create or update body to w. Only an
// update may clear: display_color (back to the color the workspace would get
// by default) and single tags.
func (c *call) applyWorkspace(w *workspace, b *workspaceBody, creating bool) *apiError {
	dr := b.DataResidency.v
	for _, err := range []*apiError{notNull("name", b.Name), notNull("external_key_id", b.ExternalKeyID),
		notNull("user_profile_id", b.UserProfileID), notNull("tags", b.Tags), notNull("data_residency", b.DataResidency),
		notNull("data_residency.workspace_geo", dr.WorkspaceGeo), notNull("data_residency.allowed_inference_geos", dr.AllowedInferenceGeos),
		notNull("data_residency.default_inference_geo", dr.DefaultInferenceGeo)} {
		if err != nil {
			return err
		}
	}
	if creating {
		if err := notNull("display_color", b.DisplayColor); err != nil {
			return err
		}
		for k, v := range b.Tags.v {
			if v == nil {
				return errInvalid("tags.%s: Input should be a valid string", k)
			}
		}
	}
	if b.Name.given {
		name := strings.TrimSpace(b.Name.v)
		if name == "" || len(b.Name.v) > 40 {
			return errInvalid("name: must be between 1 and 40 characters")
		}
		if other := find(c.st.workspaces, func(x *workspace) bool { return x.ID != w.ID && x.ArchivedAt == nil && x.Name == name }); other != nil {
			return errInvalid("name: a workspace named %q already exists", name)
		}
		w.Name = name
	}
	switch {
	case b.DisplayColor.null:
		w.DisplayColor = c.st.defaultColor(w)
	case b.DisplayColor.given:
		if !isHexColor(b.DisplayColor.v) {
			return errInvalid("display_color: %q is not a hex color like #6C5BB9", b.DisplayColor.v)
		}
		w.DisplayColor = b.DisplayColor.v
	}
	if b.ExternalKeyID.given {
		return errInvalid("external_key_id: customer-managed keys are not enabled for this organization")
	}
	if b.UserProfileID.given {
		return &apiError{status: 400, typ: "invalid_request_error", code: "user_profile_not_found", msg: fmt.Sprintf("user_profile_id: %q is not a user profile of this organization", b.UserProfileID.v)}
	}
	if b.Tags.given {
		w.Tags = c.tags(w.Tags, b.Tags.v)
	}
	if b.DataResidency.given {
		res := w.DataResidency
		if dr.WorkspaceGeo.given {
			if dr.WorkspaceGeo.v != "us" {
				return errInvalid("data_residency.workspace_geo: %q is not one of us", dr.WorkspaceGeo.v)
			}
			res.WorkspaceGeo = dr.WorkspaceGeo.v
		}
		if dr.AllowedInferenceGeos.given {
			allowed, err := allowedGeos(dr.AllowedInferenceGeos.v)
			if err != nil {
				return err
			}
			res.AllowedInferenceGeos = allowed
		}
		if dr.DefaultInferenceGeo.given {
			if !slices.Contains(inferenceGeos, dr.DefaultInferenceGeo.v) {
				return errInvalid("data_residency.default_inference_geo: %q is not one of global, us", dr.DefaultInferenceGeo.v)
			}
			res.DefaultInferenceGeo = dr.DefaultInferenceGeo.v
		}
		if list, ok := res.AllowedInferenceGeos.([]string); ok && !slices.Contains(list, res.DefaultInferenceGeo) {
			return errInvalid("data_residency.default_inference_geo: %q must be one of allowed_inference_geos", res.DefaultInferenceGeo)
		}
		w.DataResidency = res
	}
	if creating && w.Name == "" {
		return errInvalid("name: Field required")
	}
	return nil
}

// tags is a workspace's tags after a body's: a null value removes its key.
// The sent map replaces the old one unless the fake merges tags
// (WithTagsMerged); the docs say neither (docs-notes §10 item 20).
func (c *call) tags(old map[string]string, sent map[string]*string) map[string]string {
	out := map[string]string{}
	if c.mergeTags {
		maps.Copy(out, old)
	}
	for k, v := range sent {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = *v
		}
	}
	return out
}

// defaultColor is the color w got, or would have got, when created without
// one: the palette's, by the order of creation.
func (st *state) defaultColor(w *workspace) string {
	n := slices.IndexFunc(st.workspaces, func(x *workspace) bool { return x.ID == w.ID })
	if n < 0 {
		n = len(st.workspaces) // being created
	}
	return palette[n%len(palette)]
}

// allowedGeos reads allowed_inference_geos: "unrestricted" or a list of geos.
func allowedGeos(v any) (any, *apiError) {
	if s, ok := v.(string); ok {
		if s != "unrestricted" {
			return nil, errInvalid("data_residency.allowed_inference_geos: %q is neither \"unrestricted\" nor a list", s)
		}
		return s, nil
	}
	items, ok := v.([]any)
	if !ok || len(items) == 0 {
		return nil, errInvalid("data_residency.allowed_inference_geos: must be \"unrestricted\" or a non-empty list of geos")
	}
	var geos []string
	for _, it := range items {
		g, ok := it.(string)
		if !ok || !slices.Contains(inferenceGeos, g) {
			return nil, errInvalid("data_residency.allowed_inference_geos: %v is not one of global, us", it)
		}
		if !slices.Contains(geos, g) {
			geos = append(geos, g)
		}
	}
	return geos, nil
}

func isHexColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, r := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

func archiveWorkspace(c *call) (any, *apiError) {
	w, err := c.activeWorkspaceFromPath()
	if err != nil {
		return nil, err
	}
	if w.isDefault {
		return nil, errInvalid("the default workspace cannot be archived")
	}
	w.ArchivedAt = stampOf(c.now)
	// Archiving a workspace archives its API keys.
	for _, k := range c.st.keys {
		if k.Scope.WorkspaceID == w.ID {
			k.Status = "archived"
		}
	}
	return w, nil
}
