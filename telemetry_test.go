package admin_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

func TestTelemetryParamsRefused(t *testing.T) {
	api := newFakeAPI(t)
	c, ctx := api.client(), t.Context()
	all := admin.TelemetryScope{Type: admin.TelemetryAllWorkspaces}
	create := func(p admin.TelemetryCreateParams) func() error {
		return func() error {
			if p.Workspaces.Type == "" && p.Workspaces.WorkspaceIDs == nil {
				p.Workspaces = all
			}
			_, err := c.TelemetryDestinations.Create(ctx, p)
			return err
		}
	}
	update := func(p admin.TelemetryUpdateParams) func() error {
		return func() error { _, err := c.TelemetryDestinations.Update(ctx, "tdst_1", p); return err }
	}
	many := make([]string, 101)
	for i := range many {
		many[i] = "wrkspc_" + strings.Repeat("x", i+1)
	}
	headers := map[string]string{}
	for i := range 21 {
		headers["x-h"+strings.Repeat("i", i)] = "v"
	}
	checkRefusals(t, api, []refusal{
		{"no url", create(admin.TelemetryCreateParams{})},
		{"http", create(admin.TelemetryCreateParams{EndpointURL: "http://otel.example"})},
		{"an IP address", create(admin.TelemetryCreateParams{EndpointURL: "https://192.0.2.1"})},
		{"another port", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example:4318"})},
		{"a query", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example/?k=v"})},
		{"a fragment", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example/#f"})},
		{"no scope", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example", Workspaces: admin.TelemetryScope{WorkspaceIDs: []string{}}})},
		{"all with a list", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example", Workspaces: admin.TelemetryScope{Type: admin.TelemetryAllWorkspaces, WorkspaceIDs: []string{"wrkspc_1"}}})},
		{"101 workspaces", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example", Workspaces: admin.TelemetryScope{Type: admin.TelemetryIncludeWorkspaces, WorkspaceIDs: many}})},
		{"a name of 256", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example", DisplayName: strings.Repeat("n", 256)})},
		{"21 headers", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example", Headers: headers})},
		{"names differing in case", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example", Headers: map[string]string{"Authorization": "a", "authorization": "b"}})},
		{"a value with a space", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example", Headers: map[string]string{"authorization": "Bearer x "}})},
		{"a value not ASCII", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example", Headers: map[string]string{"authorization": "clé"}})},
		{"max content 0", create(admin.TelemetryCreateParams{EndpointURL: "https://otel.example", Traces: &admin.TelemetryTracesParams{MaxContentBytes: admin.Set(int64(0))}})},
		{"enabled cleared", update(admin.TelemetryUpdateParams{Traces: &admin.TelemetryTracesParams{Enabled: admin.Clear[bool]()}})},
		{"state cleared", update(admin.TelemetryUpdateParams{State: admin.Clear[admin.TelemetryStateType]()})},
		{"a header set without the url", update(admin.TelemetryUpdateParams{Headers: map[string]admin.Optional[string]{"authorization": admin.Set("Bearer y")}})},
		{"a header left unchanged", update(admin.TelemetryUpdateParams{Headers: map[string]admin.Optional[string]{"authorization": {}}})},
		{"a list page of 1001", func() error {
			_, err := c.TelemetryDestinations.List(admin.TelemetryListParams{PageCursor: admin.PageCursor{Limit: 1001}}).Page(ctx)
			return err
		}},
		{"a filter of 101", func() error {
			_, err := c.TelemetryDestinations.List(admin.TelemetryListParams{WorkspaceIDs: many}).Page(ctx)
			return err
		}},
		{"a workspace list of no destination", func() error {
			_, err := c.TelemetryDestinations.Workspaces.List("", admin.TelemetryWorkspaceListParams{}).Page(ctx)
			return err
		}},
		{"add without a workspace", func() error {
			_, err := c.TelemetryDestinations.Workspaces.Add(ctx, admin.TelemetryWorkspaceRef{DestinationID: "tdst_1"})
			return err
		}},
	})
}

// An update sends exactly what it says: a header removed as null, a state
// as its object, the rest left out.
func TestTelemetryUpdateBody(t *testing.T) {
	api := newFakeAPI(t, reply{Body: `{"id":"tdst_1"}`})
	_, err := api.client().TelemetryDestinations.Update(t.Context(), "tdst_1", admin.TelemetryUpdateParams{
		EndpointURL: admin.Set("https://otel.example"),
		Headers:     map[string]admin.Optional[string]{"authorization": admin.Set("Bearer new"), "x-old": admin.Clear[string]()},
		State:       admin.Set(admin.TelemetryDisabled),
		Traces:      &admin.TelemetryTracesParams{EndpointURL: admin.Clear[string]()},
	})
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, api.only().Body, []byte(`{"endpoint_url":"https://otel.example","headers":{"authorization":"Bearer new","x-old":null},
		"state":{"type":"disabled"},"traces":{"endpoint_url":null}}`))
}

// The fake's destinations through the library: create, get, update, the
// workspace list, the test span, delete.
func TestTelemetryOnTheFake(t *testing.T) {
	srv, c := newDemoFake(t)
	ctx := t.Context()
	ws := demoIDs(t, c).workspace
	d, err := c.TelemetryDestinations.Create(ctx, admin.TelemetryCreateParams{EndpointURL: "https://collector.example/otlp",
		Headers: map[string]string{"authorization": "Bearer secret-token"}, Workspaces: admin.TelemetryScope{Type: admin.TelemetryIncludeWorkspaces, WorkspaceIDs: []string{ws}}})
	if err != nil {
		t.Fatal(err)
	}
	if d.State.Type != admin.TelemetryEnabled || d.Traces.ContentMode != admin.TelemetryMetadataOnly || !d.Traces.Enabled ||
		strings.Join(d.HeaderNames, ",") != "authorization" || strings.Contains(string(d.RawJSON()), "secret-token") {
		t.Errorf("created = %s", d.RawJSON())
	}
	got := collect(t, c.TelemetryDestinations.List(admin.TelemetryListParams{WorkspaceIDs: []string{ws}, PageCursor: admin.PageCursor{Limit: 1}}))
	// The new one, the demo's include list with Production and its
	// exclude list without it.
	if len(got) != 3 || got[0].ID != d.ID || got[2].Workspaces.Type != admin.TelemetryExcludeWorkspaces {
		t.Errorf("%d destinations cover %s, newest first", len(got), ws)
	}
	d, err = c.TelemetryDestinations.Update(ctx, d.ID, admin.TelemetryUpdateParams{State: admin.Set(admin.TelemetryDisabled),
		Traces: &admin.TelemetryTracesParams{ContentMode: admin.Set(admin.TelemetryContent)}})
	if err != nil || d.State.Reason == nil || d.State.Reason.Type != admin.TelemetryDisabledByCaller || d.Traces.ContentMode != admin.TelemetryContent {
		t.Fatalf("update = %+v, %v", d, err)
	}
	list := collect(t, c.TelemetryDestinations.Workspaces.List(d.ID, admin.TelemetryWorkspaceListParams{}))
	if len(list) != 1 || list[0].WorkspaceID != ws {
		t.Errorf("list = %+v", list)
	}
	srv.SetTelemetryAnswer(d.ID, 401)
	res, err := c.TelemetryDestinations.Test(ctx, d.ID)
	if err != nil || res.Result.Type != admin.TelemetryTestFailure || !strings.Contains(res.Result.Error, "401") {
		t.Fatalf("test = %+v, %v", res, err)
	}
	if after, _ := c.TelemetryDestinations.Get(ctx, d.ID); after.DeliveryHealth.LastError == nil || after.DeliveryHealth.LastErrorAt == nil {
		t.Errorf("health after a failed test: %+v", after.DeliveryHealth)
	}
	if _, err := c.TelemetryDestinations.Workspaces.Remove(ctx, admin.TelemetryWorkspaceRef{DestinationID: d.ID, WorkspaceID: ws}); err != nil {
		t.Fatal(err)
	}
	if del, err := c.TelemetryDestinations.Delete(ctx, d.ID); err != nil || del.ID != d.ID {
		t.Fatalf("delete = %v, %v", del, err)
	}
	if _, err := c.TelemetryDestinations.Get(ctx, d.ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("get after delete: %v", err)
	}
}
