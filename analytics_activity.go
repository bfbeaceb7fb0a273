package admin

import (
	"net/url"
	"strings"
	"time"
)

// The activity listings of the analytics group (artifacts, and the
// per-user, per-project, per-connector, per-plugin and per-skill lists)
// describe one UTC day, or a range of days rolled up, of the organization's
// Claude apps. They page by token without has_more: the last page has no
// next_page.

// ActivityDimension is a dimension an activity listing can break its rows
// out by (group_by[]) or filter on. Each listing accepts its own few; the
// API refuses the others.
type ActivityDimension string

const (
	ActivityByProduct      ActivityDimension = "product"
	ActivityByRBACGroupID  ActivityDimension = "rbac_group_id"
	ActivityByUserID       ActivityDimension = "user_id"
	ActivityByArtifactType ActivityDimension = "artifact_type" // artifacts: filter only
	ActivityByIsShared     ActivityDimension = "is_shared"     // artifacts: filter only
)

// ActivityFilter keeps only rows whose Dimension has Value; it goes out as
// filter[]=dimension:value. Several filters on one dimension keep rows
// matching any of them; filters on different dimensions must all match.
type ActivityFilter struct {
	Dimension ActivityDimension
	Value     string
}

// maxActivityEntries is how many filter[] or group_by[] entries a listing
// takes.
const maxActivityEntries = 100

// activityQuery adds the filters and break-outs every activity listing
// shares, refusing what the API would.
func activityQuery(q query, filters []ActivityFilter, groupBy []ActivityDimension) error {
	if len(filters) > maxActivityEntries {
		return paramErr("filter", "%d filters given; at most %d", len(filters), maxActivityEntries)
	}
	if len(groupBy) > maxActivityEntries {
		return paramErr("group_by", "%d dimensions given; at most %d", len(groupBy), maxActivityEntries)
	}
	for _, f := range filters {
		if strings.TrimSpace(string(f.Dimension)) == "" || strings.Contains(string(f.Dimension), ":") {
			return paramErr("filter", "dimension %q is not a dimension name", f.Dimension)
		}
		if f.Value == "" {
			return paramErr("filter", "%s: the value must not be empty", f.Dimension)
		}
		url.Values(q).Add("filter[]", string(f.Dimension)+":"+f.Value)
	}
	for _, d := range groupBy {
		if strings.TrimSpace(string(d)) == "" {
			return paramErr("group_by", "must not hold an empty dimension")
		}
	}
	list(q, "group_by", groupBy)
	return nil
}

// day checks that t is a UTC day (midnight UTC) and adds it as YYYY-MM-DD.
// A zero t adds nothing.
func day(q query, key string, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if !t.Equal(t.UTC().Truncate(24 * time.Hour)) {
		return paramErr(key, "%s is not a UTC day: give midnight UTC", t.Format(time.RFC3339))
	}
	q.str(key, t.UTC().Format(time.DateOnly))
	return nil
}

// ArtifactActivity is one bucket of a day's artifact creation: the
// artifacts of one MIME type, shared or not, broken out further by the
// request's group_by. Product, UserID and RBACGroupID are set only when the
// request broke out by them (RBACGroupID stays nil for a member of no group).
type ArtifactActivity struct {
	// ArtifactType is a canonical MIME type (text/markdown,
	// application/vnd.ant.react, image/svg+xml...) or "other".
	ArtifactType          string `json:"artifact_type"`
	IsShared              bool   `json:"is_shared"`
	ArtifactsCreatedCount int64  `json:"artifacts_created_count"`
	// PublishedArtifactsCreatedCount counts those of ArtifactsCreatedCount
	// open to anyone with the link.
	PublishedArtifactsCreatedCount int64             `json:"published_artifacts_created_count"`
	DistinctUserCount              int64             `json:"distinct_user_count"`
	Product                        *AnalyticsProduct `json:"product"`
	UserID                         *string           `json:"user_id"`
	RBACGroupID                    *string           `json:"rbac_group_id"`
	RBACGroupName                  *string           `json:"rbac_group_name"`
	raw
}

func (a *ArtifactActivity) UnmarshalJSON(data []byte) error {
	type plain ArtifactActivity
	return decodeKeepingRaw(data, (*plain)(a), &a.raw)
}

// ArtifactActivityParams asks Analytics.Artifacts for one day.
type ArtifactActivityParams struct {
	// Date is the UTC day (midnight UTC); required. Data usually lags a day.
	Date time.Time
	// GroupBy breaks the rows out by product, user_id and/or rbac_group_id.
	GroupBy []ActivityDimension
	// Filters take artifact_type, is_shared, product, rbac_group_id and
	// user_id.
	Filters []ActivityFilter
	// PageCursor's Limit is 1 to 1000 and applies only with GroupBy: the
	// ungrouped rows come back in one page.
	PageCursor
}

// Artifacts lists a day's artifact creation by MIME type and sharing.
func (s *AnalyticsService) Artifacts(params ArtifactActivityParams, opts ...Option) *List[ArtifactActivity] {
	if params.Date.IsZero() {
		return failedList[ArtifactActivity](paramErr("date", "is required"))
	}
	q, err := params.PageCursor.query(maxPageSize)
	if err == nil {
		err = day(q, "date", params.Date)
	}
	if err == nil {
		err = activityQuery(q, params.Filters, params.GroupBy)
	}
	if err != nil {
		return failedList[ArtifactActivity](err)
	}
	return newList[ArtifactActivity](s.client, "/v1/organizations/analytics/artifacts", url.Values(q), pageToken, opts)
}
