package admintest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The activity listings (artifacts, users, projects, connectors, plugins,
// skills, summaries) describe the organization's use of the Claude apps,
// which the fake makes up from its members: what a member did on a day is
// a function of the member, the day and the thing, so every listing and
// every page agrees with every other. A member does nothing before joining.
// Members belong to no RBAC group, so a break-out by rbac_group_id has a
// null group.

// activityLag is how far behind the activity data is: the latest day a
// listing answers for is the day before today.
const activityLag = 24 * time.Hour

// hashOf is a deterministic number from its parts.
func hashOf(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// activityDay reads a YYYY-MM-DD parameter, refusing a day the data does
// not cover yet or no longer covers.
func (c *call) activityDay(key string) (time.Time, bool, *apiError) {
	v := c.q.Get(key)
	if v == "" {
		return time.Time{}, false, nil
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, false, errInvalid("%s: %q is not a date in YYYY-MM-DD format", key, v)
	}
	latest := c.now.Add(-activityLag).UTC().Truncate(24 * time.Hour)
	if d.After(latest) {
		return time.Time{}, false, errInvalid("%s: data is available up to %s; ask for that day or an earlier one", key, latest.Format(time.DateOnly))
	}
	if d.Before(analyticsEpoch) {
		return time.Time{}, false, errInvalid("%s: no activity data before %s", key, analyticsEpoch.Format(time.DateOnly))
	}
	return d, true, nil
}

// activityFilters reads filter[] (dimension:value) against the dimensions
// a listing filters on, and group_by[] against those it breaks out by.
func (c *call) activityFilters(filterDims, groupDims []string) (map[string][]string, []string, *apiError) {
	fs, gs := c.q["filter[]"], c.q["group_by[]"]
	if len(fs) > 100 {
		return nil, nil, errInvalid("filter: at most 100 entries, got %d", len(fs))
	}
	if len(gs) > 100 {
		return nil, nil, errInvalid("group_by: at most 100 entries, got %d", len(gs))
	}
	out := map[string][]string{}
	for _, f := range fs {
		dim, val, ok := strings.Cut(f, ":")
		switch {
		case !ok || val == "":
			return nil, nil, errInvalid("filter: %q is not dimension:value", f)
		case !slices.Contains(filterDims, dim):
			return nil, nil, errInvalid("filter: unsupported dimension %q; this endpoint filters on %s", dim, strings.Join(filterDims, ", "))
		case dim == "product" && val == "chat_cowork_unified":
			return nil, nil, errInvalid("filter: product chat_cowork_unified is not available for this organization")
		}
		out[dim] = append(out[dim], val)
	}
	if err := c.enumList("group_by[]", groupDims); err != nil {
		return nil, nil, err
	}
	var groups []string
	for _, g := range gs {
		if !slices.Contains(groups, g) {
			groups = append(groups, g)
		}
	}
	return out, groups, nil
}

// keep reports whether a row's value of dim passes the filters on it.
func keep(filters map[string][]string, dim, v string) bool {
	vals, ok := filters[dim]
	return !ok || slices.Contains(vals, v)
}

// activityPage pages a listing's rows: default 100 a page, the token bound
// to the rest of the query.
func activityPage[T any](c *call, items []T) (map[string]any, *apiError) {
	if !c.q.Has("limit") {
		c.q.Set("limit", "100")
	}
	var keys []string
	for k := range c.q {
		if k != "page" && k != "limit" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return filteredPage(c, items, keys...)
}

// activeMembers are the members who had joined by the end of day d.
func (st *state) activeMembers(d time.Time) []*user {
	var out []*user
	for _, u := range st.users {
		if time.Time(u.AddedAt).Before(d.Add(24 * time.Hour)) {
			out = append(out, u)
		}
	}
	return out
}

// appProducts are the products a member of role uses.
func appProducts(role string) []string {
	if role == "claude_code_user" {
		return []string{"claude_code"}
	}
	return []string{"chat", "claude_code", "cowork"}
}

var artifactTypes = []string{"application/vnd.ant.code", "application/vnd.ant.mermaid", "application/vnd.ant.react",
	"image/svg+xml", "text/html", "text/markdown", "other"}

type artifactRow struct {
	ArtifactType  string `json:"artifact_type"`
	IsShared      bool   `json:"is_shared"`
	Created       int64  `json:"artifacts_created_count"`
	Published     int64  `json:"published_artifacts_created_count"`
	DistinctUsers int64  `json:"distinct_user_count"`
	// The break-outs: absent unless the request grouped by them.
	Product       any `json:"product,omitempty"`
	UserID        any `json:"user_id,omitempty"`
	RBACGroupID   any `json:"rbac_group_id,omitempty"`
	RBACGroupName any `json:"rbac_group_name,omitempty"`
	users         map[string]bool
	key           string
}

// jsonNull is a break-out present with a null value.
var jsonNull = json.RawMessage("null")

func listArtifactActivity(c *call) (any, *apiError) {
	d, ok, err := c.activityDay("date")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errInvalid("date: Field required")
	}
	filters, groups, err := c.activityFilters([]string{"artifact_type", "is_shared", "product", "rbac_group_id", "user_id"},
		[]string{"product", "rbac_group_id", "user_id"})
	if err != nil {
		return nil, err
	}
	if _, ok := filters["rbac_group_id"]; ok {
		return activityPage(c, []*artifactRow{}) // no member is in a group
	}
	day := d.Format(time.DateOnly)
	rows := map[string]*artifactRow{}
	for _, u := range c.st.activeMembers(d) {
		for _, p := range appProducts(u.Role) {
			if p == "claude_code" {
				continue // artifacts come from chat and cowork in the fake
			}
			for _, t := range artifactTypes {
				h := hashOf("artifact", u.ID, day, p, t)
				if h%9 < 6 {
					continue
				}
				n := int64(h%9 - 5)
				shared := h>>8%3 == 0
				var published int64
				if shared && h>>12%2 == 0 {
					published = 1
				}
				if !keep(filters, "artifact_type", t) || !keep(filters, "is_shared", strconv.FormatBool(shared)) ||
					!keep(filters, "product", p) || !keep(filters, "user_id", u.ID) {
					continue
				}
				key := fmt.Sprintf("%s|%t", t, shared)
				r := &artifactRow{ArtifactType: t, IsShared: shared}
				for _, g := range groups {
					switch g {
					case "product":
						key += "|" + p
						r.Product = p
					case "user_id":
						key += "|" + u.ID
						r.UserID = u.ID
					case "rbac_group_id":
						r.RBACGroupID, r.RBACGroupName = jsonNull, jsonNull
					}
				}
				if have := rows[key]; have != nil {
					r = have
				} else {
					r.key, r.users = key, map[string]bool{}
					rows[key] = r
				}
				r.Created += n
				r.Published += published
				r.users[u.ID] = true
				r.DistinctUsers = int64(len(r.users))
			}
		}
	}
	out := make([]*artifactRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *artifactRow) int { return cmp.Compare(a.key, b.key) })
	if len(groups) == 0 {
		return map[string]any{"data": out, "next_page": nil}, nil // the cube comes whole
	}
	return activityPage(c, out)
}
