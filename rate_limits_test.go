package admin_test

import (
	"context"
	"encoding/json"
	"net/url"
	"reflect"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

const modelGroupRateLimitJSON = `{
  "id": "rl_01Sonnet",
  "type": "rate_limit",
  "group": {"type": "model_group", "id": "rlg_01VPTCmyiu5ZLsWkcxYG2pY8", "display_name": "Claude Sonnet 4.x"},
  "limits": [
    {"type": "requests_per_minute", "value": 4000},
    {"type": "input_tokens_per_minute_cache_aware", "value": 2000000},
    {"type": "output_tokens_per_minute", "value": 400000}
  ],
  "models": ["claude-sonnet-4-5", "claude-sonnet-4-5-20250929"]
}`

const batchRateLimitJSON = `{
  "id": "rl_02Batch",
  "type": "rate_limit",
  "group": {"type": "batch", "id": "rlg_02Batch"},
  "limits": [{"type": "enqueued_batch_requests", "value": 500000}],
  "models": null
}`

func TestRateLimitsListWalksPages(t *testing.T) {
	future := `{"id":"rl_03Future","type":"rate_limit","group":{"type":"voice","id":"rlg_03","region":"eu"},` +
		`"limits":[{"type":"minutes_per_day","value":600}],"models":null,"note":"new"}`
	api := newFakeAPI(t,
		reply{Body: `{"data":[` + modelGroupRateLimitJSON + `],"next_page":"page_MjAyNS0wNS0xNA=="}`},
		reply{Body: `{"data":[` + batchRateLimitJSON + `,` + future + `],"next_page":null}`},
	)
	limits, err := api.client().RateLimits.List(admin.RateLimitListParams{PageCursor: admin.PageCursor{Limit: 1}, Model: "claude-sonnet-4-5", GroupType: admin.RateLimitGroupModelGroup}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("server got %d requests, want 2", len(reqs))
	}
	first := url.Values{"limit": {"1"}, "model": {"claude-sonnet-4-5"}, "group_type": {"model_group"}}
	want{Method: "GET", Path: "/v1/organizations/rate_limits", Query: first}.check(t, reqs[0])
	second := url.Values{"limit": {"1"}, "model": {"claude-sonnet-4-5"}, "group_type": {"model_group"}, "page": {"page_MjAyNS0wNS0xNA=="}}
	want{Method: "GET", Path: "/v1/organizations/rate_limits", Query: second}.check(t, reqs[1])

	if len(limits) != 3 {
		t.Fatalf("got %d entries, want 3", len(limits))
	}
	m := limits[0]
	if m.ID != "rl_01Sonnet" || m.Type != "rate_limit" {
		t.Errorf("entry = %+v", m)
	}
	if want := (admin.RateLimitGroup{Type: admin.RateLimitGroupModelGroup, ID: "rlg_01VPTCmyiu5ZLsWkcxYG2pY8", DisplayName: "Claude Sonnet 4.x"}); m.Group != want {
		t.Errorf("Group = %+v, want %+v", m.Group, want)
	}
	wantLimits := []admin.RateLimitValue{
		{Type: admin.RateLimiterRequestsPerMinute, Value: 4000},
		{Type: admin.RateLimiterInputTokensPerMinuteCacheAware, Value: 2000000},
		{Type: admin.RateLimiterOutputTokensPerMinute, Value: 400000},
	}
	if !reflect.DeepEqual(m.Limits, wantLimits) {
		t.Errorf("Limits = %+v", m.Limits)
	}
	if !reflect.DeepEqual(m.Models, []string{"claude-sonnet-4-5", "claude-sonnet-4-5-20250929"}) {
		t.Errorf("Models = %v", m.Models)
	}
	jsonEqual(t, m.RawJSON(), []byte(modelGroupRateLimitJSON))

	b := limits[1]
	if b.Group != (admin.RateLimitGroup{Type: admin.RateLimitGroupBatch, ID: "rlg_02Batch"}) || b.Models != nil ||
		!reflect.DeepEqual(b.Limits, []admin.RateLimitValue{{Type: admin.RateLimiterEnqueuedBatchRequests, Value: 500000}}) {
		t.Errorf("batch entry = %+v", b)
	}

	f := limits[2]
	if f.Group != (admin.RateLimitGroup{Type: "voice", ID: "rlg_03"}) || f.Limits[0].Type != "minutes_per_day" {
		t.Errorf("unknown group or limiter decoded as %+v / %+v", f.Group, f.Limits)
	}
	for _, field := range []string{`"region":"eu"`, `"note":"new"`} {
		if got := string(f.RawJSON()); !contains(got, field) {
			t.Errorf("RawJSON lost %s: %s", field, got)
		}
	}
}

// The rate-limits guide's example: group_type at the top level and no ids.
const guideRateLimitsJSON = `{
  "data": [
    {
      "type": "rate_limit",
      "group_type": "model_group",
      "models": ["claude-opus-5"],
      "limits": [
        { "type": "requests_per_minute", "value": 4000 },
        { "type": "input_tokens_per_minute", "value": 10000000 },
        { "type": "output_tokens_per_minute", "value": 800000 }
      ]
    },
    {
      "type": "rate_limit",
      "group_type": "batch",
      "models": null,
      "limits": [{ "type": "enqueued_batch_requests", "value": 500000 }]
    }
  ],
  "next_page": null
}`

func TestRateLimitsOlderShape(t *testing.T) {
	api := newFakeAPI(t, reply{Body: guideRateLimitsJSON})
	page, err := api.client().RateLimits.List(admin.RateLimitListParams{}).Page(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want{Method: "GET", Path: "/v1/organizations/rate_limits"}.check(t, api.only())
	if page.HasMore || page.NextPage != "" {
		t.Errorf("HasMore = %v, NextPage = %q; want the last page", page.HasMore, page.NextPage)
	}
	if len(page.Data) != 2 {
		t.Fatalf("got %d entries, want 2", len(page.Data))
	}
	opus, batch := page.Data[0], page.Data[1]
	if opus.ID != "" || opus.Type != "rate_limit" || opus.Group != (admin.RateLimitGroup{Type: admin.RateLimitGroupModelGroup}) ||
		!reflect.DeepEqual(opus.Models, []string{"claude-opus-5"}) {
		t.Errorf("model-group entry = %+v", opus)
	}
	wantLimits := []admin.RateLimitValue{
		{Type: admin.RateLimiterRequestsPerMinute, Value: 4000},
		{Type: admin.RateLimiterInputTokensPerMinute, Value: 10000000},
		{Type: admin.RateLimiterOutputTokensPerMinute, Value: 800000},
	}
	if !reflect.DeepEqual(opus.Limits, wantLimits) {
		t.Errorf("Limits = %+v", opus.Limits)
	}
	if batch.Group != (admin.RateLimitGroup{Type: admin.RateLimitGroupBatch}) || batch.Models != nil ||
		!reflect.DeepEqual(batch.Limits, []admin.RateLimitValue{{Type: admin.RateLimiterEnqueuedBatchRequests, Value: 500000}}) {
		t.Errorf("batch entry = %+v", batch)
	}
	if got := string(batch.RawJSON()); !contains(got, `"group_type"`) {
		t.Errorf("RawJSON lost group_type: %s", got)
	}
}

const workspaceRateLimitJSON = `{
  "type": "workspace_rate_limit",
  "rate_limit_id": "rl_01Sonnet",
  "workspace_id": "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ",
  "group": {"type": "model_group", "id": "rlg_01VPTCmyiu5ZLsWkcxYG2pY8", "display_name": "Claude Sonnet 4.x"},
  "limits": [
    {"type": "requests_per_minute", "value": 1000, "org_limit": 4000, "source": {"type": "workspace"}},
    {"type": "output_tokens_per_minute", "value": 400000, "org_limit": 400000, "source": {"type": "organization"}}
  ],
  "models": ["claude-sonnet-4-5"]
}`

// checkWorkspaceRateLimit asserts every field of workspaceRateLimitJSON decoded.
func checkWorkspaceRateLimit(t *testing.T, w *admin.WorkspaceRateLimit) {
	t.Helper()
	if w.Type != "workspace_rate_limit" || w.RateLimitID != "rl_01Sonnet" || w.WorkspaceID != "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ" {
		t.Errorf("entry = %+v", w)
	}
	if want := (admin.RateLimitGroup{Type: admin.RateLimitGroupModelGroup, ID: "rlg_01VPTCmyiu5ZLsWkcxYG2pY8", DisplayName: "Claude Sonnet 4.x"}); w.Group != want {
		t.Errorf("Group = %+v", w.Group)
	}
	wantLimits := []admin.WorkspaceRateLimitValue{
		{Type: admin.RateLimiterRequestsPerMinute, Value: 1000, OrgLimit: new(int64(4000)), Source: admin.RateLimitSource{Type: admin.RateLimitSourceWorkspace}},
		{Type: admin.RateLimiterOutputTokensPerMinute, Value: 400000, OrgLimit: new(int64(400000)), Source: admin.RateLimitSource{Type: admin.RateLimitSourceOrganization}},
	}
	if !reflect.DeepEqual(w.Limits, wantLimits) {
		t.Errorf("Limits = %+v", w.Limits)
	}
	if !reflect.DeepEqual(w.Models, []string{"claude-sonnet-4-5"}) {
		t.Errorf("Models = %v", w.Models)
	}
	jsonEqual(t, w.RawJSON(), []byte(workspaceRateLimitJSON))
}

func TestWorkspaceRateLimitsList(t *testing.T) {
	// An older entry (group_type, no org limit) and one from a later version.
	older := `{"type":"workspace_rate_limit","group_type":"batch","models":null,` +
		`"limits":[{"type":"enqueued_batch_requests","value":1000,"org_limit":null,"source":{"type":"workspace"}}]}`
	future := `{"type":"workspace_rate_limit","rate_limit_id":"rl_9","workspace_id":"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ",` +
		`"group":{"type":"skills","id":"rlg_9"},"limits":[{"type":"skills_per_hour","value":5,"org_limit":10,` +
		`"source":{"type":"parent_workspace","parent_id":"wrkspc_0"}}],"models":null,"audit":true}`
	api := newFakeAPI(t, reply{Body: `{"data":[` + workspaceRateLimitJSON + `,` + older + `,` + future + `],"next_page":null}`})
	entries, err := api.client().Workspaces.RateLimits.List("wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", admin.WorkspaceRateLimitListParams{
		PageCursor: admin.PageCursor{Limit: 100, Page: "page_start"},
		GroupType:  admin.RateLimitGroupModelGroup, IncludeInherited: true,
	}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want{Method: "GET", Path: "/v1/organizations/workspaces/wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ/rate_limits", Query: url.Values{
		"group_type": {"model_group"}, "include_inherited": {"true"}, "limit": {"100"}, "page": {"page_start"},
	}}.check(t, api.only())
	if len(entries) != 3 {
		t.Fatalf("got %d entries, want 3", len(entries))
	}
	checkWorkspaceRateLimit(t, &entries[0])

	o := entries[1]
	if o.Group != (admin.RateLimitGroup{Type: admin.RateLimitGroupBatch}) || o.RateLimitID != "" || o.Models != nil {
		t.Errorf("older entry = %+v", o)
	}
	if len(o.Limits) != 1 || o.Limits[0].OrgLimit != nil || o.Limits[0].Value != 1000 || o.Limits[0].Source.Type != admin.RateLimitSourceWorkspace {
		t.Errorf("older limits = %+v", o.Limits)
	}

	f := entries[2]
	if f.Group.Type != admin.RateLimitGroupSkills || f.Limits[0].Type != "skills_per_hour" || f.Limits[0].Source.Type != "parent_workspace" {
		t.Errorf("future entry = %+v", f)
	}
	for _, field := range []string{`"parent_id":"wrkspc_0"`, `"audit":true`} {
		if got := string(f.RawJSON()); !contains(got, field) {
			t.Errorf("RawJSON lost %s: %s", field, got)
		}
	}
}

func TestWorkspaceRateLimitsUpdate(t *testing.T) {
	api := newFakeAPI(t, reply{Body: workspaceRateLimitJSON})
	got, err := api.client().Workspaces.RateLimits.Update(context.Background(), admin.WorkspaceRateLimitRef{WorkspaceID: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", RateLimitID: "rl_01Sonnet"},
		admin.WorkspaceRateLimitUpdateParams{Limits: []admin.RateLimitUpdate{
			{Type: admin.RateLimiterRequestsPerMinute, Value: admin.Set(int64(1000))},
			{Type: admin.RateLimiterOutputTokensPerMinute, Value: admin.Clear[int64]()},
		}})
	if err != nil {
		t.Fatal(err)
	}
	want{Method: "POST", Path: "/v1/organizations/workspaces/wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ/rate_limits/rl_01Sonnet",
		Body: `{"limits":[{"type":"requests_per_minute","value":1000},{"type":"output_tokens_per_minute","value":null}]}`,
	}.check(t, api.only())
	checkWorkspaceRateLimit(t, got)
}

func TestRateLimitUpdateEncoding(t *testing.T) {
	b, err := json.Marshal(admin.WorkspaceRateLimitUpdateParams{Limits: []admin.RateLimitUpdate{{Type: admin.RateLimiterTokensPerDay, Value: admin.Clear[int64]()}}})
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, b, []byte(`{"limits":[{"type":"tokens_per_day","value":null}]}`))
}

func TestRateLimitsBadInputSendsNothing(t *testing.T) {
	api := newFakeAPI(t)
	c := api.client()
	ctx := context.Background()
	valid := admin.WorkspaceRateLimitUpdateParams{Limits: []admin.RateLimitUpdate{{Type: admin.RateLimiterRequestsPerMinute, Value: admin.Set(int64(10))}}}
	update := func(workspaceID, rateLimitID string, p admin.WorkspaceRateLimitUpdateParams) func() error {
		return func() error {
			_, err := c.Workspaces.RateLimits.Update(ctx, admin.WorkspaceRateLimitRef{WorkspaceID: workspaceID, RateLimitID: rateLimitID}, p)
			return err
		}
	}
	tests := []refusal{
		{"org list limit too big", func() error {
			_, err := c.RateLimits.List(admin.RateLimitListParams{PageCursor: admin.PageCursor{Limit: 1001}}).Page(ctx)
			return err
		}},
		{"org list negative limit", func() error {
			_, err := c.RateLimits.List(admin.RateLimitListParams{PageCursor: admin.PageCursor{Limit: -1}}).Page(ctx)
			return err
		}},
		{"workspace list empty workspace", func() error {
			_, err := c.Workspaces.RateLimits.List("", admin.WorkspaceRateLimitListParams{}).Page(ctx)
			return err
		}},
		{"workspace list workspace with slash", func() error {
			_, err := c.Workspaces.RateLimits.List("wrkspc_1/../..", admin.WorkspaceRateLimitListParams{}).Page(ctx)
			return err
		}},
		{"workspace list limit too big", func() error {
			_, err := c.Workspaces.RateLimits.List("wrkspc_1", admin.WorkspaceRateLimitListParams{PageCursor: admin.PageCursor{Limit: 5000}}).Page(ctx)
			return err
		}},
		{"update empty workspace", update("", "rl_1", valid)},
		{"update empty rate limit", update("wrkspc_1", "", valid)},
		{"update rate limit with dots", update("wrkspc_1", "..", valid)},
		{"update with no limits", update("wrkspc_1", "rl_1", admin.WorkspaceRateLimitUpdateParams{})},
		{"update with an empty list", update("wrkspc_1", "rl_1", admin.WorkspaceRateLimitUpdateParams{Limits: []admin.RateLimitUpdate{}})},
		{"update with an empty type", update("wrkspc_1", "rl_1", admin.WorkspaceRateLimitUpdateParams{Limits: []admin.RateLimitUpdate{
			{Type: admin.RateLimiterRequestsPerMinute, Value: admin.Set(int64(10))}, {Value: admin.Set(int64(5))},
		}})},
		// The zero value once meant "clear": now it says nothing, and a
		// limit must say Set or Clear.
		{"update with a value neither set nor cleared", update("wrkspc_1", "rl_1", admin.WorkspaceRateLimitUpdateParams{Limits: []admin.RateLimitUpdate{
			{Type: admin.RateLimiterRequestsPerMinute},
		}})},
	}
	checkRefusals(t, api, tests)
}
