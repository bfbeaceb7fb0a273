package admin_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// An active workspace with a customer-managed key, a user profile, tags and
// inference limited to a list of geographies.
const workspaceJSON = `{
  "id": "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ",
  "type": "workspace",
  "name": "Research",
  "display_color": "#6C5BB9",
  "created_at": "2025-02-11T17:36:05.181Z",
  "archived_at": null,
  "compartment_id": "cmpt_01HxR4K8mQfL2wA7Zt3NcVbE",
  "external_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  "user_profile_id": "uprof_01Gk7VnS2bXqW9eR4tYuPzLm",
  "tags": {"team": "research", "cost_center": "cc-4417"},
  "data_residency": {"workspace_geo": "us", "allowed_inference_geos": ["us"], "default_inference_geo": "us"}
}`

// An archived workspace without key or profile, with every geography allowed.
const archivedWorkspaceJSON = `{
  "id": "wrkspc_01AbCdEfGhJkLmNpQrStUvWx",
  "type": "workspace",
  "name": "Old experiments",
  "display_color": "#D4A27F",
  "created_at": "2024-06-03T09:12:44Z",
  "archived_at": "2025-09-30T14:05:10.5Z",
  "compartment_id": "cmpt_01HyT5L9nRgM3xB8Au4PdWcF",
  "external_key_id": null,
  "user_profile_id": null,
  "tags": {},
  "data_residency": {"workspace_geo": "us", "allowed_inference_geos": "unrestricted", "default_inference_geo": "global"}
}`

// A workspace from a newer API: unknown field, unknown geography word.
const futureWorkspaceJSON = `{
  "id": "wrkspc_01FutureFutureFutureFut",
  "type": "workspace",
  "name": "Next",
  "display_color": "#000000",
  "created_at": "2026-12-01T00:00:00Z",
  "archived_at": null,
  "compartment_id": "cmpt_x",
  "external_key_id": null,
  "user_profile_id": null,
  "tags": {},
  "data_residency": {"workspace_geo": "eu", "allowed_inference_geos": "eu_only", "default_inference_geo": "eu"},
  "inference_data_privacy": {"human_review": "off"}
}`

// checkWorkspaceDecoded asserts that every field of fixture was decoded:
// re-encoding the exported fields must give the fixture back.
func checkWorkspaceDecoded(t *testing.T, w *admin.Workspace, fixture string) {
	t.Helper()
	b, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, b, []byte(fixture))
	jsonEqual(t, w.RawJSON(), []byte(fixture))
}

func TestWorkspaceDecode(t *testing.T) {
	var active, archived admin.Workspace
	if err := json.Unmarshal([]byte(workspaceJSON), &active); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(archivedWorkspaceJSON), &archived); err != nil {
		t.Fatal(err)
	}
	checkWorkspaceDecoded(t, &active, workspaceJSON)
	checkWorkspaceDecoded(t, &archived, archivedWorkspaceJSON)

	if active.Archived() || active.ArchivedAt != nil {
		t.Errorf("active workspace: Archived() = %v, ArchivedAt = %v", active.Archived(), active.ArchivedAt)
	}
	if !active.CreatedAt.Equal(mustTime(t, "2025-02-11T17:36:05.181Z")) {
		t.Errorf("CreatedAt = %v", active.CreatedAt)
	}
	if active.ExternalKeyID == nil || !strings.HasPrefix(*active.ExternalKeyID, "arn:aws:kms:") {
		t.Errorf("ExternalKeyID = %v", active.ExternalKeyID)
	}
	if active.UserProfileID == nil || *active.UserProfileID != "uprof_01Gk7VnS2bXqW9eR4tYuPzLm" {
		t.Errorf("UserProfileID = %v", active.UserProfileID)
	}
	if active.Tags["cost_center"] != "cc-4417" || len(active.Tags) != 2 {
		t.Errorf("Tags = %v", active.Tags)
	}
	wantDR := admin.DataResidency{
		WorkspaceGeo:         admin.WorkspaceGeoUS,
		AllowedInferenceGeos: admin.InferenceGeos{Geos: []admin.InferenceGeo{admin.InferenceGeoUS}},
		DefaultInferenceGeo:  admin.InferenceGeoUS,
	}
	if !reflect.DeepEqual(active.DataResidency, wantDR) {
		t.Errorf("DataResidency = %+v, want %+v", active.DataResidency, wantDR)
	}

	if !archived.Archived() || !archived.ArchivedAt.Equal(mustTime(t, "2025-09-30T14:05:10.5Z")) {
		t.Errorf("archived workspace: Archived() = %v, ArchivedAt = %v", archived.Archived(), archived.ArchivedAt)
	}
	if archived.ExternalKeyID != nil || archived.UserProfileID != nil {
		t.Errorf("null IDs decoded as %v, %v", archived.ExternalKeyID, archived.UserProfileID)
	}
	if archived.Tags == nil || len(archived.Tags) != 0 {
		t.Errorf("empty tags decoded as %#v", archived.Tags)
	}
	g := archived.DataResidency.AllowedInferenceGeos
	if !g.Unrestricted || g.Geos != nil || archived.DataResidency.DefaultInferenceGeo != admin.InferenceGeoGlobal {
		t.Errorf("unrestricted geos decoded as %+v", archived.DataResidency)
	}
}

func TestInferenceGeosJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want admin.InferenceGeos // compared only when known is true
		// known: the shape is one this version understands
		known bool
	}{
		{"unrestricted", `"unrestricted"`, admin.InferenceGeos{Unrestricted: true}, true},
		{"list", `["us","global"]`, admin.InferenceGeos{Geos: []admin.InferenceGeo{"us", "global"}}, true},
		{"empty list", `[]`, admin.InferenceGeos{Geos: []admin.InferenceGeo{}}, true},
		{"unknown geo in list", `["us","eu"]`, admin.InferenceGeos{Geos: []admin.InferenceGeo{"us", "eu"}}, true},
		{"unknown word", `"eu_only"`, admin.InferenceGeos{}, false},
		{"unknown shape", `{"mode":"regional","regions":["us"]}`, admin.InferenceGeos{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g admin.InferenceGeos
			if err := json.Unmarshal([]byte(tt.in), &g); err != nil {
				t.Fatalf("decoding %s: %v", tt.in, err)
			}
			if tt.known && !reflect.DeepEqual(g, tt.want) {
				t.Errorf("decoded %s as %+v, want %+v", tt.in, g, tt.want)
			}
			if !tt.known && (g.Unrestricted || g.Geos != nil || g.IsZero()) {
				t.Errorf("unknown shape %s decoded as %+v; want it kept aside, not zero", tt.in, g)
			}
			out, err := json.Marshal(g)
			if err != nil {
				t.Fatal(err)
			}
			jsonEqual(t, out, []byte(tt.in))
		})
	}

	var g admin.InferenceGeos
	if err := json.Unmarshal([]byte(`null`), &g); err != nil || !g.IsZero() {
		t.Errorf("null decoded as %+v, %v; want zero", g, err)
	}
	if _, err := json.Marshal(admin.InferenceGeos{Unrestricted: true, Geos: []admin.InferenceGeo{"us"}}); !errors.Is(err, admin.ErrInvalidParam) {
		t.Errorf("encoding both shapes: err = %v, want ErrInvalidParam", err)
	}
}

func TestWorkspacesList(t *testing.T) {
	api := newFakeAPI(t, reply{Body: `{"data":[` + workspaceJSON + `,` + archivedWorkspaceJSON + `,` + futureWorkspaceJSON +
		`],"has_more":false,"first_id":"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ","last_id":"wrkspc_01FutureFutureFutureFut"}`})
	ws, err := api.client().Workspaces.List(admin.WorkspaceListParams{
		Cursor:          admin.Cursor{Limit: 50},
		IncludeArchived: true,
		IncludeDefault:  true,
		IDs:             []string{"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", "wrkspc_01AbCdEfGhJkLmNpQrStUvWx", "wrkspc_01FutureFutureFutureFut"},
	}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want{Method: "GET", Path: "/v1/organizations/workspaces", Query: url.Values{
		"limit":            {"50"},
		"include_archived": {"true"},
		"include_default":  {"true"},
		"ids[]":            {"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", "wrkspc_01AbCdEfGhJkLmNpQrStUvWx", "wrkspc_01FutureFutureFutureFut"},
	}}.check(t, api.only())
	if len(ws) != 3 {
		t.Fatalf("got %d workspaces, want 3", len(ws))
	}
	checkWorkspaceDecoded(t, &ws[0], workspaceJSON)
	checkWorkspaceDecoded(t, &ws[1], archivedWorkspaceJSON)
	if ws[0].Archived() || !ws[1].Archived() {
		t.Errorf("Archived() = %v, %v; want false, true", ws[0].Archived(), ws[1].Archived())
	}

	future := ws[2]
	if future.DataResidency.WorkspaceGeo != "eu" || future.DataResidency.DefaultInferenceGeo != "eu" {
		t.Errorf("unknown geos decoded as %+v", future.DataResidency)
	}
	if raw := string(future.RawJSON()); !contains(raw, `"inference_data_privacy"`) || !contains(raw, `"eu_only"`) {
		t.Errorf("RawJSON lost unknown content: %s", raw)
	}
	// The unknown allowed-geos word goes back out unchanged when the
	// workspace's settings are sent again.
	out, err := json.Marshal(future.DataResidency)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, out, []byte(`{"workspace_geo":"eu","allowed_inference_geos":"eu_only","default_inference_geo":"eu"}`))
}

// workspacePage is a one-page ID-cursor response holding the given workspaces.
func workspacePage(hasMore bool, ids ...string) reply {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = strings.Replace(workspaceJSON, "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", id, 1)
	}
	return reply{Body: fmt.Sprintf(`{"data":[%s],"has_more":%t,"first_id":%q,"last_id":%q}`,
		strings.Join(items, ","), hasMore, ids[0], ids[len(ids)-1])}
}

func TestWorkspacesListWalksPages(t *testing.T) {
	tests := []struct {
		name    string
		params  admin.WorkspaceListParams
		replies []reply
		want    []string     // IDs in the order All yields them
		queries []url.Values // one per request
	}{
		{
			name:    "forwards",
			params:  admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 2}, IncludeArchived: true},
			replies: []reply{workspacePage(true, "wrkspc_a", "wrkspc_b"), workspacePage(true, "wrkspc_c", "wrkspc_d"), workspacePage(false, "wrkspc_e")},
			want:    []string{"wrkspc_a", "wrkspc_b", "wrkspc_c", "wrkspc_d", "wrkspc_e"},
			queries: []url.Values{
				{"limit": {"2"}, "include_archived": {"true"}},
				{"limit": {"2"}, "include_archived": {"true"}, "after_id": {"wrkspc_b"}},
				{"limit": {"2"}, "include_archived": {"true"}, "after_id": {"wrkspc_d"}},
			},
		},
		{
			name:    "forwards from a cursor",
			params:  admin.WorkspaceListParams{Cursor: admin.Cursor{AfterID: "wrkspc_0", Limit: 2}},
			replies: []reply{workspacePage(true, "wrkspc_a", "wrkspc_b"), workspacePage(false, "wrkspc_c")},
			want:    []string{"wrkspc_a", "wrkspc_b", "wrkspc_c"},
			queries: []url.Values{
				{"limit": {"2"}, "after_id": {"wrkspc_0"}},
				{"limit": {"2"}, "after_id": {"wrkspc_b"}},
			},
		},
		{
			name:    "backwards",
			params:  admin.WorkspaceListParams{Cursor: admin.Cursor{BeforeID: "wrkspc_z", Limit: 2}, IncludeDefault: true},
			replies: []reply{workspacePage(true, "wrkspc_x", "wrkspc_y"), workspacePage(false, "wrkspc_w")},
			want:    []string{"wrkspc_x", "wrkspc_y", "wrkspc_w"},
			queries: []url.Values{
				{"limit": {"2"}, "include_default": {"true"}, "before_id": {"wrkspc_z"}},
				{"limit": {"2"}, "include_default": {"true"}, "before_id": {"wrkspc_x"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.replies...)
			var got []string
			for w, err := range api.client().Workspaces.List(tt.params).All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, w.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("IDs = %v, want %v", got, tt.want)
			}
			reqs := api.requests()
			if len(reqs) != len(tt.queries) {
				t.Fatalf("sent %d requests, want %d", len(reqs), len(tt.queries))
			}
			for i, q := range tt.queries {
				want{Method: "GET", Path: "/v1/organizations/workspaces", Query: q}.check(t, reqs[i])
			}
		})
	}
}

func TestWorkspacesGetCreateUpdateArchive(t *testing.T) {
	const id = "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"
	ctx := context.Background()
	tests := []struct {
		name  string
		reply string
		call  func(*admin.Client) (*admin.Workspace, error)
		want  want
	}{
		{
			name:  "get",
			reply: workspaceJSON,
			call:  func(c *admin.Client) (*admin.Workspace, error) { return c.Workspaces.Get(ctx, id) },
			want:  want{Method: "GET", Path: "/v1/organizations/workspaces/" + id},
		},
		{
			name:  "create with every field",
			reply: workspaceJSON,
			call: func(c *admin.Client) (*admin.Workspace, error) {
				return c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{
					Name:          "Research",
					DisplayColor:  "#6C5BB9",
					ExternalKeyID: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
					UserProfileID: "uprof_01Gk7VnS2bXqW9eR4tYuPzLm",
					Tags:          map[string]string{"team": "research", "cost_center": "cc-4417"},
					DataResidency: admin.DataResidencyParams{
						WorkspaceGeo:         admin.WorkspaceGeoUS,
						AllowedInferenceGeos: admin.InferenceGeos{Geos: []admin.InferenceGeo{admin.InferenceGeoUS}},
						DefaultInferenceGeo:  admin.InferenceGeoUS,
					},
				})
			},
			want: want{Method: "POST", Path: "/v1/organizations/workspaces", Body: `{
				"name": "Research",
				"display_color": "#6C5BB9",
				"external_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
				"user_profile_id": "uprof_01Gk7VnS2bXqW9eR4tYuPzLm",
				"tags": {"team": "research", "cost_center": "cc-4417"},
				"data_residency": {"workspace_geo": "us", "allowed_inference_geos": ["us"], "default_inference_geo": "us"}
			}`},
		},
		{
			name:  "create with a name only sends nothing else",
			reply: workspaceJSON,
			call: func(c *admin.Client) (*admin.Workspace, error) {
				return c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{Name: "Research"})
			},
			want: want{Method: "POST", Path: "/v1/organizations/workspaces", Body: `{"name":"Research"}`},
		},
		{
			name:  "create unrestricted",
			reply: archivedWorkspaceJSON,
			call: func(c *admin.Client) (*admin.Workspace, error) {
				return c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{Name: "Open", DataResidency: admin.DataResidencyParams{
					AllowedInferenceGeos: admin.InferenceGeos{Unrestricted: true},
					DefaultInferenceGeo:  admin.InferenceGeoGlobal,
				}})
			},
			want: want{Method: "POST", Path: "/v1/organizations/workspaces",
				Body: `{"name":"Open","data_residency":{"allowed_inference_geos":"unrestricted","default_inference_geo":"global"}}`},
		},
		{
			name:  "update name and color",
			reply: workspaceJSON,
			call: func(c *admin.Client) (*admin.Workspace, error) {
				return c.Workspaces.Update(ctx, id, admin.WorkspaceUpdateParams{Name: admin.Set("Research"), DisplayColor: admin.Set("#6C5BB9")})
			},
			want: want{Method: "POST", Path: "/v1/organizations/workspaces/" + id, Body: `{"name":"Research","display_color":"#6C5BB9"}`},
		},
		{
			name:  "update sets and removes tags key by key",
			reply: archivedWorkspaceJSON,
			call: func(c *admin.Client) (*admin.Workspace, error) {
				return c.Workspaces.Update(ctx, id, admin.WorkspaceUpdateParams{Tags: map[string]admin.Optional[string]{
					"team": admin.Set("research"), "cost_center": admin.Clear[string](),
				}})
			},
			want: want{Method: "POST", Path: "/v1/organizations/workspaces/" + id, Body: `{"tags":{"team":"research","cost_center":null}}`},
		},
		{
			name:  "update clears the display color",
			reply: workspaceJSON,
			call: func(c *admin.Client) (*admin.Workspace, error) {
				return c.Workspaces.Update(ctx, id, admin.WorkspaceUpdateParams{DisplayColor: admin.Clear[string]()})
			},
			want: want{Method: "POST", Path: "/v1/organizations/workspaces/" + id, Body: `{"display_color":null}`},
		},
		{
			name:  "update key, profile and geos",
			reply: workspaceJSON,
			call: func(c *admin.Client) (*admin.Workspace, error) {
				return c.Workspaces.Update(ctx, id, admin.WorkspaceUpdateParams{
					ExternalKeyID: admin.Set("ekey_01Mn8Pq2Rs4Tv6Wx8Yz0AbCd"),
					UserProfileID: admin.Set("uprof_01Gk7VnS2bXqW9eR4tYuPzLm"),
					DataResidency: admin.DataResidencyUpdateParams{
						AllowedInferenceGeos: admin.Set(admin.InferenceGeos{Geos: []admin.InferenceGeo{admin.InferenceGeoUS, admin.InferenceGeoGlobal}}),
						DefaultInferenceGeo:  admin.Set(admin.InferenceGeoGlobal),
					},
				})
			},
			want: want{Method: "POST", Path: "/v1/organizations/workspaces/" + id, Body: `{
				"external_key_id": "ekey_01Mn8Pq2Rs4Tv6Wx8Yz0AbCd",
				"user_profile_id": "uprof_01Gk7VnS2bXqW9eR4tYuPzLm",
				"data_residency": {"allowed_inference_geos": ["us", "global"], "default_inference_geo": "global"}
			}`},
		},
		{
			name:  "update default geo only",
			reply: workspaceJSON,
			call: func(c *admin.Client) (*admin.Workspace, error) {
				return c.Workspaces.Update(ctx, id, admin.WorkspaceUpdateParams{
					DataResidency: admin.DataResidencyUpdateParams{DefaultInferenceGeo: admin.Set(admin.InferenceGeoUS)},
				})
			},
			want: want{Method: "POST", Path: "/v1/organizations/workspaces/" + id, Body: `{"data_residency":{"default_inference_geo":"us"}}`},
		},
		{
			name:  "archive sends no body",
			reply: archivedWorkspaceJSON,
			call:  func(c *admin.Client) (*admin.Workspace, error) { return c.Workspaces.Archive(ctx, id) },
			want:  want{Method: "POST", Path: "/v1/organizations/workspaces/" + id + "/archive"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Body: tt.reply})
			got, err := tt.call(api.client())
			if err != nil {
				t.Fatal(err)
			}
			tt.want.check(t, api.only())
			checkWorkspaceDecoded(t, got, tt.reply)
		})
	}
}

// TestWorkspacesEscapesIDs checks that an ID is sent as one escaped path
// segment, as the server sees it on the wire.
func TestWorkspacesEscapesIDs(t *testing.T) {
	api := newFakeAPI(t)
	uris := make(chan string, 10)
	api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
		uris <- r.RequestURI
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, archivedWorkspaceJSON)
	}
	c := api.client()
	ctx := context.Background()
	if _, err := c.Workspaces.Get(ctx, "wrkspc 01%2F?"); err == nil {
		t.Fatal("an ID with ? was accepted")
	}
	if _, err := c.Workspaces.Archive(ctx, "wrkspc 01%2F:ü"); err != nil {
		t.Fatal(err)
	}
	close(uris)
	var got []string
	for u := range uris {
		got = append(got, u)
	}
	want := []string{testPrefix + "/v1/organizations/workspaces/wrkspc%2001%252F:%C3%BC/archive"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("request URIs = %q, want %q", got, want)
	}
}

func TestWorkspacesBadInputSendsNothing(t *testing.T) {
	api := newFakeAPI(t)
	c := api.client()
	ctx := context.Background()
	tooMany := make([]string, 101)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("wrkspc_%03d", i)
	}
	both := admin.InferenceGeos{Unrestricted: true, Geos: []admin.InferenceGeo{admin.InferenceGeoUS}}
	onlyUS := admin.InferenceGeos{Geos: []admin.InferenceGeo{admin.InferenceGeoUS}}
	update := func(p admin.WorkspaceUpdateParams) func() error {
		return func() error { _, err := c.Workspaces.Update(ctx, "wrkspc_1", p); return err }
	}
	checkRefusals(t, api, []refusal{
		{"list 101 IDs", func() error {
			_, err := c.Workspaces.List(admin.WorkspaceListParams{IDs: tooMany}).Page(ctx)
			return err
		}},
		{"list empty ID", func() error {
			_, err := c.Workspaces.List(admin.WorkspaceListParams{IDs: []string{"wrkspc_1", ""}}).Page(ctx)
			return err
		}},
		{"list limit too big", func() error {
			_, err := c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1001}}).Page(ctx)
			return err
		}},
		{"list negative limit", func() error {
			_, err := c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: -5}}).Page(ctx)
			return err
		}},
		{"list both cursors", func() error {
			_, err := c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{AfterID: "a", BeforeID: "b"}}).Page(ctx)
			return err
		}},
		{"get empty ID", func() error { _, err := c.Workspaces.Get(ctx, ""); return err }},
		{"get ID with slash", func() error { _, err := c.Workspaces.Get(ctx, "wrkspc_1/members"); return err }},
		{"archive dots", func() error { _, err := c.Workspaces.Archive(ctx, ".."); return err }},
		{"update blank ID", func() error {
			_, err := c.Workspaces.Update(ctx, " ", admin.WorkspaceUpdateParams{Name: admin.Set("x")})
			return err
		}},
		{"create without name", func() error {
			_, err := c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{DisplayColor: "#6C5BB9"})
			return err
		}},
		{"create blank name", func() error { _, err := c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{Name: " \t"}); return err }},
		{"create both geo shapes", func() error {
			_, err := c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{Name: "x", DataResidency: admin.DataResidencyParams{AllowedInferenceGeos: both}})
			return err
		}},
		{"create default outside allowed", func() error {
			_, err := c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{Name: "x", DataResidency: admin.DataResidencyParams{
				AllowedInferenceGeos: onlyUS, DefaultInferenceGeo: admin.InferenceGeoGlobal,
			}})
			return err
		}},
		{"update sets nothing", func() error {
			_, err := c.Workspaces.Update(ctx, "wrkspc_1", admin.WorkspaceUpdateParams{})
			return err
		}},
		{"update blank name", func() error {
			_, err := c.Workspaces.Update(ctx, "wrkspc_1", admin.WorkspaceUpdateParams{Name: admin.Set("  ")})
			return err
		}},
		{"update both geo shapes", func() error {
			_, err := c.Workspaces.Update(ctx, "wrkspc_1", admin.WorkspaceUpdateParams{DataResidency: admin.DataResidencyUpdateParams{AllowedInferenceGeos: admin.Set(both)}})
			return err
		}},
		{"update default outside allowed", func() error {
			_, err := c.Workspaces.Update(ctx, "wrkspc_1", admin.WorkspaceUpdateParams{DataResidency: admin.DataResidencyUpdateParams{
				AllowedInferenceGeos: admin.Set(onlyUS), DefaultInferenceGeo: admin.Set(admin.InferenceGeoGlobal),
			}})
			return err
		}},
		{"update only an empty tag map", update(admin.WorkspaceUpdateParams{Tags: map[string]admin.Optional[string]{}})},
		{"update a tag neither set nor cleared", update(admin.WorkspaceUpdateParams{Tags: map[string]admin.Optional[string]{
			"team": admin.Set("x"), "env": {},
		}})},
		{"update allowed geos set to nothing", update(admin.WorkspaceUpdateParams{DataResidency: admin.DataResidencyUpdateParams{
			AllowedInferenceGeos: admin.Set(admin.InferenceGeos{}),
		}})},
		// What a workspace always has, or can never lose, cannot be cleared.
		{"update clearing the name", update(admin.WorkspaceUpdateParams{Name: admin.Clear[string]()})},
		{"update clearing the external key", update(admin.WorkspaceUpdateParams{ExternalKeyID: admin.Clear[string]()})},
		{"update clearing the user profile", update(admin.WorkspaceUpdateParams{UserProfileID: admin.Clear[string]()})},
		{"update clearing the allowed geos", update(admin.WorkspaceUpdateParams{DataResidency: admin.DataResidencyUpdateParams{
			AllowedInferenceGeos: admin.Clear[admin.InferenceGeos](),
		}})},
		{"update clearing the default geo", update(admin.WorkspaceUpdateParams{DataResidency: admin.DataResidencyUpdateParams{
			DefaultInferenceGeo: admin.Clear[admin.InferenceGeo](),
		}})},
	})
}
