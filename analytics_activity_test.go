package admin_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// Activity input the API would refuse fails before anything is sent.
func TestActivityParamsRefused(t *testing.T) {
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	many := make([]admin.ActivityFilter, 101)
	for i := range many {
		many[i] = admin.ActivityFilter{Dimension: admin.ActivityByUserID, Value: "user_x"}
	}
	cases := []struct {
		name, param string
		p           admin.ArtifactActivityParams
	}{
		{"no date", "date", admin.ArtifactActivityParams{}},
		{"not a UTC day", "date", admin.ArtifactActivityParams{Date: day.Add(3 * time.Hour)}},
		{"limit", "limit", admin.ArtifactActivityParams{Date: day, PageCursor: admin.PageCursor{Limit: 1001}}},
		{"too many filters", "filter", admin.ArtifactActivityParams{Date: day, Filters: many}},
		{"filter without a value", "filter", admin.ArtifactActivityParams{Date: day, Filters: []admin.ActivityFilter{{Dimension: admin.ActivityByProduct}}}},
		{"filter dimension with a colon", "filter", admin.ArtifactActivityParams{Date: day, Filters: []admin.ActivityFilter{{Dimension: "a:b", Value: "x"}}}},
		{"empty group", "group_by", admin.ArtifactActivityParams{Date: day, GroupBy: []admin.ActivityDimension{""}}},
	}
	srv, c := newDemoFake(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv.ResetRequests()
			_, err := c.Analytics.Artifacts(tc.p).Page(t.Context())
			var pe *admin.ParamError
			if !errors.As(err, &pe) || pe.Param != tc.param {
				t.Fatalf("err = %v, want a ParamError for %s", err, tc.param)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// A day's artifacts broken out by member and product, paged, add up to the
// ungrouped cube, which comes in one page; filters narrow it; the fake
// refuses what the API refuses.
func TestArtifactActivity(t *testing.T) {
	t.Parallel()
	srv, c := newDemoFake(t)
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	cube := collect(t, c.Analytics.Artifacts(admin.ArtifactActivityParams{Date: day, PageCursor: admin.PageCursor{Limit: 1}}))
	if len(srv.Requests()) != 1 || len(cube) < 4 {
		t.Fatalf("ungrouped: %d rows in %d requests, want the whole cube in one", len(cube), len(srv.Requests()))
	}
	total := map[string]int64{}
	for _, r := range cube {
		if r.Product != nil || r.UserID != nil || r.PublishedArtifactsCreatedCount > r.ArtifactsCreatedCount || r.DistinctUserCount < 1 {
			t.Errorf("ungrouped row = %s", r.RawJSON())
		}
		total[r.ArtifactType] += r.ArtifactsCreatedCount
	}
	srv.ResetRequests()
	rows := collect(t, c.Analytics.Artifacts(admin.ArtifactActivityParams{Date: day, PageCursor: admin.PageCursor{Limit: 5},
		GroupBy: []admin.ActivityDimension{admin.ActivityByUserID, admin.ActivityByProduct}}))
	if len(srv.Requests()) < 2 {
		t.Errorf("grouped: %d requests, want pages", len(srv.Requests()))
	}
	users := map[string]bool{}
	for _, r := range rows {
		if r.UserID == nil || !strings.HasPrefix(*r.UserID, "user_") || r.Product == nil || r.DistinctUserCount != 1 {
			t.Fatalf("grouped row = %s", r.RawJSON())
		}
		users[*r.UserID] = true
		total[r.ArtifactType] -= r.ArtifactsCreatedCount
	}
	for typ, n := range total {
		if n != 0 {
			t.Errorf("%s: the break-out differs from the cube by %d", typ, n)
		}
	}
	someone := ""
	for u := range users {
		someone = u
	}
	mine := collect(t, c.Analytics.Artifacts(admin.ArtifactActivityParams{Date: day,
		Filters: []admin.ActivityFilter{{Dimension: admin.ActivityByUserID, Value: someone}, {Dimension: admin.ActivityByIsShared, Value: "false"}}}))
	for _, r := range mine {
		if r.IsShared || r.DistinctUserCount != 1 {
			t.Errorf("filtered row = %s", r.RawJSON())
		}
	}

	for name, p := range map[string]admin.ArtifactActivityParams{
		"today":                 {Date: fakeNow.Truncate(24 * time.Hour)},
		"unsupported dimension": {Date: day, Filters: []admin.ActivityFilter{{Dimension: "model", Value: "x"}}},
		"unsupported group":     {Date: day, GroupBy: []admin.ActivityDimension{"model"}},
	} {
		_, err := c.Analytics.Artifacts(p).Page(t.Context())
		var ae *admin.APIError
		if !errors.As(err, &ae) || ae.StatusCode != http.StatusBadRequest || ae.Type != admin.ErrorTypeInvalidRequest {
			t.Errorf("%s: err = %v, want a 400 invalid_request_error", name, err)
		}
	}
}
