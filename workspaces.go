package admin

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"time"
)

// WorkspaceGeo is where a workspace stores its data. It is fixed when the
// workspace is created.
type WorkspaceGeo string

const WorkspaceGeoUS WorkspaceGeo = "us"

// InferenceGeos is the set of geographies a workspace allows for inference.
// On the wire it is either the word "unrestricted" or a list of geographies,
// so exactly one of Unrestricted and Geos is meant to be set. The zero value
// means "not given" and is left out of request bodies.
type InferenceGeos struct {
	Unrestricted bool           // every geography is allowed
	Geos         []InferenceGeo // only these geographies are allowed

	// other keeps a shape this version does not know (a new word, an
	// object), so that decoding never fails and re-encoding sends it back
	// unchanged.
	other json.RawMessage
}

const unrestrictedGeos = "unrestricted"

// IsZero reports whether nothing was given; omitzero relies on it.
func (g InferenceGeos) IsZero() bool {
	return !g.Unrestricted && g.Geos == nil && g.other == nil
}

// allows reports whether def may be the default geography under g. Only a
// list can exclude a geography; unknown shapes are left to the server.
func (g InferenceGeos) allows(def InferenceGeo) bool {
	return g.Unrestricted || g.other != nil || g.Geos == nil || slices.Contains(g.Geos, def)
}

func (g InferenceGeos) check() error {
	if g.Unrestricted && g.Geos != nil {
		return paramErr("allowed_inference_geos", "set Unrestricted or Geos, not both")
	}
	return nil
}

// MarshalJSON writes "unrestricted" or the list of geographies.
func (g InferenceGeos) MarshalJSON() ([]byte, error) {
	if err := g.check(); err != nil {
		return nil, err
	}
	switch {
	case g.Unrestricted:
		return json.Marshal(unrestrictedGeos)
	case g.other != nil:
		return g.other, nil
	case g.Geos == nil:
		return []byte("null"), nil
	}
	return json.Marshal(g.Geos)
}

// UnmarshalJSON reads either shape; any other shape is kept as it came.
func (g *InferenceGeos) UnmarshalJSON(data []byte) error {
	*g = InferenceGeos{}
	data = bytes.TrimSpace(data)
	var word string
	switch {
	case bytes.Equal(data, []byte("null")):
		return nil
	case bytes.HasPrefix(data, []byte(`"`)) && unmarshal(data, &word) == nil && word == unrestrictedGeos:
		g.Unrestricted = true
		return nil
	case bytes.HasPrefix(data, []byte("[")) && unmarshal(data, &g.Geos) == nil:
		return nil
	}
	g.Geos = nil
	g.other = bytes.Clone(data)
	return nil
}

// DataResidency is where a workspace keeps its data and where its inference
// may run.
type DataResidency struct {
	WorkspaceGeo         WorkspaceGeo  `json:"workspace_geo"`
	AllowedInferenceGeos InferenceGeos `json:"allowed_inference_geos"`
	// DefaultInferenceGeo applies to requests that do not name a geography.
	DefaultInferenceGeo InferenceGeo `json:"default_inference_geo"`
}

// Workspace is a workspace of the organization.
type Workspace struct {
	ID            string     `json:"id"`
	Type          string     `json:"type"`
	Name          string     `json:"name"`
	DisplayColor  string     `json:"display_color"` // hex color shown in the Console
	CreatedAt     time.Time  `json:"created_at"`
	ArchivedAt    *time.Time `json:"archived_at"` // nil while the workspace is active
	CompartmentID string     `json:"compartment_id"`
	// ExternalKeyID names the customer-managed encryption key; nil when the
	// workspace uses Anthropic's keys.
	ExternalKeyID *string `json:"external_key_id"`
	// UserProfileID is the user profile every inference request through the
	// workspace must name; nil when there is none.
	UserProfileID *string           `json:"user_profile_id"`
	Tags          map[string]string `json:"tags"`
	DataResidency DataResidency     `json:"data_residency"`
	raw
}

func (w *Workspace) UnmarshalJSON(data []byte) error {
	type plain Workspace
	return decodeKeepingRaw(data, (*plain)(w), &w.raw)
}

// Archived reports whether the workspace has been archived.
func (w *Workspace) Archived() bool { return w.ArchivedAt != nil }

// WorkspaceListParams filters and pages Workspaces.List.
type WorkspaceListParams struct {
	Cursor
	IncludeArchived bool
	IncludeDefault  bool     // also list the organization's default workspace
	IDs             []string // only these workspaces; at most 100
}

// maxWorkspaceIDs is how many IDs one workspace list may filter on.
const maxWorkspaceIDs = 100

// DataResidencyParams sets a new workspace's data residency. Fields left
// empty take the API's defaults: data in the US, every inference geography
// allowed, "global" as the default.
type DataResidencyParams struct {
	WorkspaceGeo         WorkspaceGeo  `json:"workspace_geo,omitempty"`
	AllowedInferenceGeos InferenceGeos `json:"allowed_inference_geos,omitzero"`
	// DefaultInferenceGeo must be one of AllowedInferenceGeos unless those
	// are unrestricted.
	DefaultInferenceGeo InferenceGeo `json:"default_inference_geo,omitempty"`
}

// DataResidencyUpdateParams changes a workspace's inference geographies. Its
// storage geography cannot change, so it is not here. Neither field can be
// cleared: a workspace always has both.
type DataResidencyUpdateParams struct {
	// AllowedInferenceGeos, when Set, must say Unrestricted or name Geos.
	AllowedInferenceGeos Optional[InferenceGeos] `json:"allowed_inference_geos,omitzero"`
	// DefaultInferenceGeo must be one of AllowedInferenceGeos unless those
	// are unrestricted.
	DefaultInferenceGeo Optional[InferenceGeo] `json:"default_inference_geo,omitzero"`
}

// WorkspaceCreateParams is the body of Workspaces.Create. Only Name is
// required; fields left empty are not sent.
type WorkspaceCreateParams struct {
	Name         string `json:"name"`
	DisplayColor string `json:"display_color,omitempty"`
	// ExternalKeyID attaches a customer-managed encryption key (for an AWS
	// KMS key, its ARN). It cannot be detached or replaced later.
	ExternalKeyID string `json:"external_key_id,omitempty"`
	// UserProfileID attaches a user profile that every inference request
	// must then name. It cannot be replaced or removed later.
	UserProfileID string              `json:"user_profile_id,omitempty"`
	Tags          map[string]string   `json:"tags,omitzero"`
	DataResidency DataResidencyParams `json:"data_residency,omitzero"`
}

// WorkspaceUpdateParams is the body of Workspaces.Update. Each field is left
// as it is unless Set (or, where it says so, Clear); at least one must be.
type WorkspaceUpdateParams struct {
	Name Optional[string] `json:"name,omitzero"` // cannot be cleared
	// DisplayColor is a hex color such as #6C5BB9. Clear gives the
	// workspace back a color of the Console's choosing (the docs do not say
	// more; the fake gives the color a new workspace would get).
	DisplayColor  Optional[string] `json:"display_color,omitzero"`
	ExternalKeyID Optional[string] `json:"external_key_id,omitzero"` // write-once: Set only on a workspace without one
	UserProfileID Optional[string] `json:"user_profile_id,omitzero"` // write-once: Set only on a workspace without one
	// Tags changes tags key by key: Set(v) gives a key the value v, Clear
	// removes the key (null on the wire, docs-notes §10 item 20). nil or
	// empty leaves every tag alone. The docs do not say whether the API
	// keeps the tags a body leaves out or drops them, so to get the same
	// tags either way, name every tag the workspace should keep, as the
	// CLI does.
	Tags          map[string]Optional[string] `json:"tags,omitempty"`
	DataResidency DataResidencyUpdateParams   `json:"data_residency,omitzero"`
}

// checkGeos refuses allowed geographies that are contradictory or that leave
// out the default.
func checkGeos(allowed InferenceGeos, def InferenceGeo) error {
	if err := allowed.check(); err != nil {
		return err
	}
	if def != "" && !allowed.allows(def) {
		return paramErr("default_inference_geo", "%q is not one of the allowed inference geos %q", def, allowed.Geos)
	}
	return nil
}

// check refuses an update that changes nothing, clears what the API cannot
// clear, or sets what it would refuse for its form alone.
func (p WorkspaceUpdateParams) check() error {
	dr := p.DataResidency
	if p.Name.IsZero() && p.DisplayColor.IsZero() && p.ExternalKeyID.IsZero() && p.UserProfileID.IsZero() &&
		len(p.Tags) == 0 && dr.AllowedInferenceGeos.IsZero() && dr.DefaultInferenceGeo.IsZero() {
		return invalidParam("workspace update sets nothing")
	}
	if err := cmp.Or(
		noClear("name", p.Name, "a workspace always has one"),
		noClear("external_key_id", p.ExternalKeyID, "a key, once attached, cannot be detached"),
		noClear("user_profile_id", p.UserProfileID, "a user profile, once attached, cannot be removed"),
		noClear("data_residency.allowed_inference_geos", dr.AllowedInferenceGeos, "a workspace always has them"),
		noClear("data_residency.default_inference_geo", dr.DefaultInferenceGeo, "a workspace always has one"),
	); err != nil {
		return err
	}
	if name, ok := p.Name.Get(); ok && strings.TrimSpace(name) == "" {
		return paramErr("name", "must not be blank")
	}
	for k, v := range p.Tags {
		if v.IsZero() {
			return invalidParam("tag %q is neither Set nor Clear", k)
		}
	}
	allowed, setAllowed := dr.AllowedInferenceGeos.Get()
	if setAllowed && allowed.IsZero() {
		return invalidParam("data_residency.allowed_inference_geos is Set to nothing: give Unrestricted or Geos")
	}
	def, _ := dr.DefaultInferenceGeo.Get()
	return checkGeos(allowed, def)
}

// WorkspacesService manages the organization's workspaces, their members
// and their rate limits.
type WorkspacesService struct {
	client     *Client
	Members    *WorkspaceMembersService
	RateLimits *WorkspaceRateLimitsService
	// ServiceAccounts are the workspace's service accounts (OAuth only).
	ServiceAccounts *WorkspaceServiceAccountsService
}

// List lists the organization's workspaces. Archived workspaces and the
// default workspace are left out unless the params ask for them.
func (s *WorkspacesService) List(params WorkspaceListParams, opts ...Option) *List[Workspace] {
	q, err := params.Cursor.query()
	if err != nil {
		return failedList[Workspace](err)
	}
	if len(params.IDs) > maxWorkspaceIDs {
		return failedList[Workspace](paramErr("ids", "%d given; at most %d can be listed at once", len(params.IDs), maxWorkspaceIDs))
	}
	for _, id := range params.IDs {
		if err := checkID("ids", id); err != nil {
			return failedList[Workspace](err)
		}
	}
	q.flag("include_archived", params.IncludeArchived)
	q.flag("include_default", params.IncludeDefault)
	list(q, "ids", params.IDs)
	return newList[Workspace](s.client, "/v1/organizations/workspaces", url.Values(q), idCursor, opts)
}

// Get returns one workspace.
func (s *WorkspacesService) Get(ctx context.Context, workspaceID string, opts ...Option) (*Workspace, error) {
	return call[Workspace](ctx, s.client, "GET", "/v1/organizations/workspaces/{workspace_id}", []string{workspaceID}, nil, opts)
}

// Create makes a new workspace.
func (s *WorkspacesService) Create(ctx context.Context, params WorkspaceCreateParams, opts ...Option) (*Workspace, error) {
	if strings.TrimSpace(params.Name) == "" {
		return nil, paramErr("name", "must not be empty")
	}
	if err := checkGeos(params.DataResidency.AllowedInferenceGeos, params.DataResidency.DefaultInferenceGeo); err != nil {
		return nil, err
	}
	return call[Workspace](ctx, s.client, "POST", "/v1/organizations/workspaces", nil, params, opts)
}

// Update changes a workspace's settings; what params leave unchanged stays
// as it is.
func (s *WorkspacesService) Update(ctx context.Context, workspaceID string, params WorkspaceUpdateParams, opts ...Option) (*Workspace, error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	return call[Workspace](ctx, s.client, "POST", "/v1/organizations/workspaces/{workspace_id}", []string{workspaceID}, params, opts)
}

// Archive archives a workspace and returns it with ArchivedAt set. It is a
// POST but creates nothing, so it is retried like any other call.
func (s *WorkspacesService) Archive(ctx context.Context, workspaceID string, opts ...Option) (*Workspace, error) {
	return call[Workspace](ctx, s.client, "POST", "/v1/organizations/workspaces/{workspace_id}/archive", []string{workspaceID}, nil, opts)
}
