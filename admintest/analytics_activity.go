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
					!keep(filters, "product", p) || !c.st.keepMember(filters, u) {
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
						if g := c.st.groupOf(u); g != nil {
							key += "|" + g.ID
							r.RBACGroupID, r.RBACGroupName = g.ID, g.Name
						}
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

// activityWindow reads date, or starting_date and ending_date (exclusive,
// today by default), into the days a listing covers.
func (c *call) activityWindow() (days []time.Time, rollup bool, err *apiError) {
	d, one, err := c.activityDay("date")
	if err != nil {
		return nil, false, err
	}
	start, ranged, err := c.activityDay("starting_date")
	if err != nil {
		return nil, false, err
	}
	switch {
	case one && ranged:
		return nil, false, errInvalid("starting_date: use either date or starting_date, not both")
	case one:
		if c.q.Has("ending_date") {
			return nil, false, errInvalid("ending_date: only valid with starting_date")
		}
		return []time.Time{d}, false, nil
	case !ranged:
		return nil, false, errInvalid("date: give date, or starting_date for a range")
	}
	today := c.now.UTC().Truncate(24 * time.Hour)
	end := today
	if v := c.q.Get("ending_date"); v != "" {
		e, perr := time.Parse(time.DateOnly, v)
		switch {
		case perr != nil:
			return nil, false, errInvalid("ending_date: %q is not a date in YYYY-MM-DD format", v)
		case e.After(today):
			return nil, false, errInvalid("ending_date: data is available up to %s; ending_date can be at most %s",
				today.Add(-activityLag).Format(time.DateOnly), today.Format(time.DateOnly))
		case !e.After(start):
			return nil, false, errInvalid("ending_date: must be after starting_date")
		case e.Sub(start) > 366*24*time.Hour:
			return nil, false, errInvalid("ending_date: at most 366 days after starting_date")
		}
		end = e
	}
	for t := start; t.Before(end); t = t.Add(24 * time.Hour) {
		days = append(days, t)
	}
	return days, true, nil
}

// activityOrder sorts rows by order_by (the listing's sort column by
// default, ascending; a metric descending) and order.
func activityOrder[T any](c *call, rows []T, column string, metrics map[string]func(T) int64, name func(T) string) *apiError {
	by := cmp.Or(c.q.Get("order_by"), column)
	metric, isMetric := metrics[by]
	if by != column && !isMetric {
		names := []string{column}
		for m := range metrics {
			names = append(names, m)
		}
		slices.Sort(names[1:])
		return errInvalid("order_by: %q is not one of %s", by, strings.Join(names, ", "))
	}
	desc := isMetric
	switch c.q.Get("order") {
	case "":
	case "asc":
		desc = false
	case "desc":
		desc = true
	default:
		return errInvalid("order: %q is not one of asc, desc", c.q.Get("order"))
	}
	slices.SortStableFunc(rows, func(a, b T) int {
		o := strings.Compare(name(a), name(b))
		if isMetric {
			o = cmp.Or(cmp.Compare(metric(a), metric(b)), o)
		}
		if desc {
			return -o
		}
		return o
	})
	return nil
}

// groupCols are a row's break-out fields for the request's group_by, and
// the key that tells its rows apart.
func (st *state) groupCols(groups []string, product string, u *user) (map[string]any, string) {
	cols, key := map[string]any{}, ""
	for _, g := range groups {
		switch g {
		case "product":
			cols["product"], key = product, key+"|"+product
		case "user_id":
			cols["user_id"], key = u.ID, key+"|"+u.ID
		case "rbac_group_id":
			cols["rbac_group_id"], cols["rbac_group_name"] = jsonNull, jsonNull
			if g := st.groupOf(u); g != nil {
				cols["rbac_group_id"], cols["rbac_group_name"], key = g.ID, g.Name, key+"|"+g.ID
			}
		}
	}
	return cols, key
}

// withCols is a row's fields with its break-outs added.
func withCols(row map[string]any, cols map[string]any) map[string]any {
	for k, v := range cols {
		row[k] = v
	}
	return row
}

var demoPlugins = []struct{ id, name string }{
	{"commit-commands@claude-plugins-official", "commit-commands"},
	{"pr-review-toolkit@claude-plugins-official", "pr-review-toolkit"},
	{"security-guidance@claude-plugins-official", "security-guidance"},
	{"acme-deploy@acme-robotics-internal", "acme-deploy"},
	{"ros-helpers@acme-robotics-internal", "ros-helpers"},
}

type pluginRow struct {
	id, name, key       string
	installs, users     map[string]bool
	invocations         int64
	codeSess, coworkSes int64
	cols                map[string]any
}

func listPluginActivity(c *call) (any, *apiError) {
	days, _, err := c.activityWindow()
	if err != nil {
		return nil, err
	}
	filters, groups, err := c.activityFilters([]string{"plugin_name", "product", "rbac_group_id", "user_id"}, []string{"product", "rbac_group_id", "user_id"})
	if err != nil {
		return nil, err
	}
	rows := map[string]*pluginRow{}
	for _, d := range days {
		day := d.Format(time.DateOnly)
		for _, u := range c.st.activeMembers(d) {
			for _, pl := range demoPlugins {
				if names, ok := filters["plugin_name"]; ok && !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, pl.name) }) {
					continue
				}
				for _, p := range appProducts(u.Role) {
					if p == "chat" || !keep(filters, "product", p) || !c.st.keepMember(filters, u) {
						continue // plugins run in Claude Code and Cowork
					}
					h := hashOf("plugin", u.ID, day, pl.id, p)
					installed := h%60 == 0
					var calls, sessions int64
					if h>>8%4 == 0 {
						sessions = int64(h>>12%3) + 1
						calls = sessions * (int64(h>>16%4) + 1)
					}
					if !installed && calls == 0 {
						continue
					}
					cols, key := c.st.groupCols(groups, p, u)
					key = pl.name + key
					r := rows[key]
					if r == nil {
						r = &pluginRow{id: pl.id, name: pl.name, key: key, installs: map[string]bool{}, users: map[string]bool{}, cols: cols}
						rows[key] = r
					}
					if installed {
						r.installs[u.ID] = true
					}
					r.users[u.ID] = true
					r.invocations += calls
					if p == "claude_code" {
						r.codeSess += sessions
					} else {
						r.coworkSes += sessions
					}
				}
			}
		}
	}
	list := make([]*pluginRow, 0, len(rows))
	for _, r := range rows {
		list = append(list, r)
	}
	if err := activityOrder(c, list, "plugin_name", map[string]func(*pluginRow) int64{
		"install_count":       func(r *pluginRow) int64 { return int64(len(r.installs)) },
		"invocation_count":    func(r *pluginRow) int64 { return r.invocations },
		"distinct_user_count": func(r *pluginRow) int64 { return int64(len(r.users)) },
	}, func(r *pluginRow) string { return r.key }); err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(list))
	for i, r := range list {
		out[i] = withCols(map[string]any{"plugin_id": r.id, "plugin_name": r.name, "install_count": len(r.installs),
			"invocation_count": r.invocations, "distinct_user_count": len(r.users),
			"claude_code_metrics": map[string]any{"distinct_session_plugin_used_count": r.codeSess},
			"cowork_metrics":      map[string]any{"distinct_session_plugin_used_count": r.coworkSes}}, r.cols)
	}
	return activityPage(c, out)
}

var demoSkills = []struct{ name, display, share string }{
	{"docx", "", "public"}, {"pdf", "", "public"}, {"pptx", "", "public"}, {"xlsx", "", "public"},
	{"skill_01Hq7TnR4vW9yXcB2mKd5sLe", "Acme brand voice", "organization"},
	{"skill_01Jm3PzQ8kV6wNbF1rTc7hYa", "ROS launch files", "private"},
}

var officeApps = []string{"excel", "outlook", "powerpoint", "word"}

// skillProducts are the surfaces a member of role activates skills on.
func skillProducts(role string) []string {
	if role == "claude_code_user" {
		return []string{"claude_code"}
	}
	return []string{"chat", "claude_code", "cowork", "office_agent"}
}

type skillRow struct {
	name, display, share, key string
	users, enabled            map[string]bool
	invocations, cents        int64
	sessions                  map[string]int64 // chat, claude_code, cowork, excel...
	cols                      map[string]any
}

func listSkillActivity(c *call) (any, *apiError) {
	days, _, err := c.activityWindow()
	if err != nil {
		return nil, err
	}
	filters, groups, err := c.activityFilters([]string{"product", "rbac_group_id", "share_status", "skill_name", "user_id"}, []string{"product", "rbac_group_id", "user_id"})
	if err != nil {
		return nil, err
	}
	if err := c.enumFilter(filters, "share_status", []string{"organization", "private", "public"}); err != nil {
		return nil, err
	}
	rows := map[string]*skillRow{}
	for _, d := range days {
		day := d.Format(time.DateOnly)
		for _, u := range c.st.activeMembers(d) {
			for _, sk := range demoSkills {
				if names, ok := filters["skill_name"]; (ok && !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, sk.name) })) ||
					!keep(filters, "share_status", sk.share) || !c.st.keepMember(filters, u) {
					continue
				}
				for _, p := range skillProducts(u.Role) {
					if !keep(filters, "product", p) {
						continue
					}
					h := hashOf("skill", u.ID, day, sk.name, p)
					enabled := p == "chat" && h%80 == 0
					var sessions, calls int64
					if h>>8%6 == 0 {
						sessions = int64(h>>12%3) + 1
						calls = sessions * (int64(h>>16%3) + 1)
					}
					if !enabled && calls == 0 {
						continue
					}
					cols, key := c.st.groupCols(groups, p, u)
					key = sk.name + key
					r := rows[key]
					if r == nil {
						r = &skillRow{name: sk.name, display: sk.display, share: sk.share, key: key, users: map[string]bool{},
							enabled: map[string]bool{}, sessions: map[string]int64{}, cols: cols}
						rows[key] = r
					}
					if enabled {
						r.enabled[u.ID] = true
					}
					if calls > 0 {
						r.users[u.ID] = true
					}
					r.invocations += calls
					r.cents += calls * (12 + int64(h>>20%29))
					surface := p
					if p == "office_agent" {
						surface = officeApps[h>>24%4]
					}
					r.sessions[surface] += sessions
				}
			}
		}
	}
	list := make([]*skillRow, 0, len(rows))
	for _, r := range rows {
		list = append(list, r)
	}
	if err := activityOrder(c, list, "skill_name", map[string]func(*skillRow) int64{
		"invocation_count":    func(r *skillRow) int64 { return r.invocations },
		"distinct_user_count": func(r *skillRow) int64 { return int64(len(r.users)) },
		"enable_count":        func(r *skillRow) int64 { return int64(len(r.enabled)) },
	}, func(r *skillRow) string { return r.key }); err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(list))
	for i, r := range list {
		sess := func(s string) map[string]any {
			return map[string]any{"distinct_session_skill_used_count": r.sessions[s]}
		}
		var display any
		if r.display != "" {
			display = r.display
		}
		out[i] = withCols(map[string]any{"skill_name": r.name, "skill_display_name": display, "share_status": r.share,
			"invocation_count": r.invocations, "enable_count": len(r.enabled), "distinct_user_count": len(r.users),
			"estimated_overage_spend": "0", "attributed_list_price": strconv.FormatInt(r.cents, 10), "currency": "USD",
			"chat_metrics":        map[string]any{"distinct_conversation_skill_used_count": r.sessions["chat"]},
			"claude_code_metrics": sess("claude_code"), "cowork_metrics": sess("cowork"),
			"office_metrics": map[string]any{"excel": sess("excel"), "outlook": sess("outlook"), "powerpoint": sess("powerpoint"), "word": sess("word")},
		}, r.cols)
	}
	return activityPage(c, out)
}

// enumFilter checks the values of a filter dimension that takes known ones.
func (c *call) enumFilter(filters map[string][]string, dim string, known []string) *apiError {
	for _, v := range filters[dim] {
		if !slices.Contains(known, v) {
			return errInvalid("filter: %s %q is not one of %s", dim, v, strings.Join(known, ", "))
		}
	}
	return nil
}

// chatProject is a claude.ai project of the demo organization, made by one
// of its chat members some days after they joined.
type chatProject struct {
	id, name string
	creator  *user
	created  time.Time
}

var demoProjectNames = []string{"Firmware release notes", "Customer escalations", "ROS 2 migration", "Hiring loop", "Q4 planning", "Safety reviews"}

// chatProjects are the organization's projects: the i-th is made by the
// i-th member (in order of joining) who uses chat, 5 days after joining.
func (st *state) chatProjects() []chatProject {
	var out []chatProject
	for _, u := range st.users {
		if len(out) == len(demoProjectNames) {
			break
		}
		if u.Role == "claude_code_user" {
			continue
		}
		i := len(out)
		out = append(out, chatProject{id: fmt.Sprintf("claude_proj_%016x", hashOf("project", st.org.ID, demoProjectNames[i])),
			name: demoProjectNames[i], creator: u, created: time.Time(u.AddedAt).Add(5*24*time.Hour + time.Duration(i)*37*time.Minute)})
	}
	return out
}

type projectRow struct {
	p               chatProject
	key             string
	users           map[string]bool
	messages, convs int64
	cols            map[string]any
}

func listChatProjectActivity(c *call) (any, *apiError) {
	days, _, err := c.activityWindow()
	if err != nil {
		return nil, err
	}
	filters, groups, err := c.activityFilters([]string{"project_id", "rbac_group_id", "user_id"}, []string{"rbac_group_id", "user_id"})
	if err != nil {
		return nil, err
	}
	rows := map[string]*projectRow{}
	projects := c.st.chatProjects()
	for _, d := range days {
		day := d.Format(time.DateOnly)
		for _, p := range projects {
			if !p.created.Before(d.Add(24*time.Hour)) || !keep(filters, "project_id", p.id) {
				continue
			}
			for _, u := range c.st.activeMembers(d) {
				if u.Role == "claude_code_user" || !c.st.keepMember(filters, u) {
					continue
				}
				h := hashOf("project", u.ID, day, p.id)
				if h%5 != 0 && u != p.creator {
					continue
				}
				convs := int64(h>>8%3) + 1
				msgs := convs * (int64(h>>12%8) + 2)
				cols, key := c.st.groupCols(groups, "", u)
				key = p.name + key
				r := rows[key]
				if r == nil {
					r = &projectRow{p: p, key: key, users: map[string]bool{}, cols: cols}
					rows[key] = r
				}
				r.users[u.ID] = true
				r.messages += msgs
				r.convs += convs
			}
		}
	}
	list := make([]*projectRow, 0, len(rows))
	for _, r := range rows {
		list = append(list, r)
	}
	if err := activityOrder(c, list, "project_name", map[string]func(*projectRow) int64{
		"message_count":               func(r *projectRow) int64 { return r.messages },
		"distinct_user_count":         func(r *projectRow) int64 { return int64(len(r.users)) },
		"distinct_conversation_count": func(r *projectRow) int64 { return r.convs },
	}, func(r *projectRow) string { return r.key }); err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(list))
	for i, r := range list {
		out[i] = withCols(map[string]any{"project_id": r.p.id, "project_name": r.p.name, "created_at": stamp(r.p.created),
			"created_by":    map[string]any{"id": r.p.creator.ID, "email_address": r.p.creator.Email, "type": "user"},
			"message_count": r.messages, "distinct_user_count": len(r.users), "distinct_conversation_count": r.convs}, r.cols)
	}
	return activityPage(c, out)
}

var demoConnectors = []struct{ name, display string }{
	{"github", ""}, {"google_drive", ""}, {"linear", ""}, {"slack", ""},
	{"conn_01Kd8RmT4xW2vQpN6bHc3sYe", "Acme Jira"},
}

type connectorRow struct {
	name, display, key        string
	users                     map[string]bool
	read, write, unclassified int64
	sessions                  map[string]int64
	cols                      map[string]any
}

func listConnectorActivity(c *call) (any, *apiError) {
	days, _, err := c.activityWindow()
	if err != nil {
		return nil, err
	}
	filters, groups, err := c.activityFilters([]string{"connector_name", "product", "rbac_group_id", "user_id"}, []string{"product", "rbac_group_id", "user_id"})
	if err != nil {
		return nil, err
	}
	rows := map[string]*connectorRow{}
	for _, d := range days {
		day := d.Format(time.DateOnly)
		for _, u := range c.st.activeMembers(d) {
			for _, cn := range demoConnectors {
				if names, ok := filters["connector_name"]; (ok && !slices.ContainsFunc(names, func(n string) bool {
					return strings.EqualFold(n, cn.name) || strings.EqualFold(n, cn.display)
				})) || !c.st.keepMember(filters, u) {
					continue
				}
				for _, p := range skillProducts(u.Role) {
					if !keep(filters, "product", p) {
						continue
					}
					h := hashOf("connector", u.ID, day, cn.name, p)
					if h%5 != 0 {
						continue
					}
					sessions := int64(h>>8%3) + 1
					calls := sessions * (int64(h>>12%5) + 1)
					cols, key := c.st.groupCols(groups, p, u)
					key = cn.name + key
					r := rows[key]
					if r == nil {
						r = &connectorRow{name: cn.name, display: cn.display, key: key, users: map[string]bool{}, sessions: map[string]int64{}, cols: cols}
						rows[key] = r
					}
					r.users[u.ID] = true
					unclassified := calls / 5
					if cn.display != "" {
						unclassified = calls // the organization's own server has no read-only annotations
					}
					write := (calls - unclassified) / 3
					r.unclassified += unclassified
					r.write += write
					r.read += calls - unclassified - write
					surface := p
					if p == "office_agent" {
						surface = officeApps[h>>24%4]
					}
					r.sessions[surface] += sessions
				}
			}
		}
	}
	list := make([]*connectorRow, 0, len(rows))
	for _, r := range rows {
		list = append(list, r)
	}
	if err := activityOrder(c, list, "connector_name", map[string]func(*connectorRow) int64{
		"distinct_user_count": func(r *connectorRow) int64 { return int64(len(r.users)) },
		"read_call_count":     func(r *connectorRow) int64 { return r.read },
		"write_call_count":    func(r *connectorRow) int64 { return r.write },
	}, func(r *connectorRow) string { return r.key }); err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(list))
	for i, r := range list {
		sess := func(s string) map[string]any {
			return map[string]any{"distinct_session_connector_used_count": r.sessions[s]}
		}
		var display any
		if r.display != "" {
			display = r.display
		}
		out[i] = withCols(map[string]any{"connector_name": r.name, "connector_display_name": display,
			"distinct_user_count": len(r.users), "individual_auth_distinct_user_count": len(r.users),
			"managed_auth_distinct_user_count": nil, // managed auth is not enabled for the organization
			"read_call_count":                  r.read, "write_call_count": r.write, "unclassified_call_count": r.unclassified,
			"chat_metrics":        map[string]any{"distinct_conversation_connector_used_count": r.sessions["chat"]},
			"claude_code_metrics": sess("claude_code"), "cowork_metrics": sess("cowork"),
			"office_metrics": map[string]any{"excel": sess("excel"), "outlook": sess("outlook"), "powerpoint": sess("powerpoint"), "word": sess("word")},
		}, r.cols)
	}
	return activityPage(c, out)
}

// activeOn reports whether a member used a product on a day; chat and Claude
// Code most days, Cowork and Office Agent less often.
func activeOn(u *user, d time.Time, product string) bool {
	if !slices.Contains(skillProducts(u.Role), product) {
		return false
	}
	share := map[string]uint64{"chat": 6, "claude_code": 5, "cowork": 3, "office_agent": 2}[product]
	return hashOf("active", u.ID, d.Format(time.DateOnly), product)%10 < share
}

var summaryProducts = []string{"chat", "claude_code", "cowork", "office_agent"}

func listActivitySummaries(c *call) (any, *apiError) {
	if !c.q.Has("starting_date") {
		return nil, errInvalid("starting_date: Field required")
	}
	days, _, err := c.activityWindow()
	if err != nil {
		return nil, err
	}
	filters, _, err := c.activityFilters([]string{"rbac_group_id"}, nil)
	if err != nil {
		return nil, err
	}
	if _, err := limitParam(c.q, 100, 1000); err != nil {
		return nil, err
	}
	// Scoped to RBAC groups, the counts are of their members, and the
	// seat, invite and rate fields, which are the organization's, are null.
	_, scoped := filters["rbac_group_id"]
	out := make([]map[string]any, len(days))
	for i, d := range days {
		row := map[string]any{"starting_at": d.Format(time.RFC3339), "ending_at": d.Add(24 * time.Hour).Format(time.RFC3339)}
		active := func(product string, span int) int {
			seen := map[string]bool{}
			for k := range span {
				day := d.Add(-time.Duration(k) * 24 * time.Hour)
				for _, u := range c.st.activeMembers(day) {
					if !c.st.keepMember(filters, u) {
						continue
					}
					for _, p := range summaryProducts {
						if (product == "" || product == p) && activeOn(u, day, p) {
							seen[u.ID] = true
						}
					}
				}
			}
			return len(seen)
		}
		seats := len(c.st.activeMembers(d))
		for _, w := range []struct {
			name string
			span int
		}{{"daily", 1}, {"weekly", 7}, {"monthly", 30}} {
			n := active("", w.span)
			row[w.name+"_active_user_count"] = n
			row[w.name+"_adoption_rate"] = nil
			if !scoped && seats > 0 {
				row[w.name+"_adoption_rate"] = float64(n*10000/seats) / 10000
			}
			for _, p := range summaryProducts {
				row[p+"_"+w.name+"_active_user_count"] = active(p, w.span)
			}
			for _, p := range []string{"chat_cowork_unified", "claude_design", "claude_tag", "science"} {
				row[p+"_"+w.name+"_active_user_count"] = nil // not available to the organization
			}
		}
		row["science_entitled_user_count"] = nil
		row["assigned_seat_count"], row["pending_invite_count"] = nil, nil
		if !scoped {
			end := d.Add(24 * time.Hour)
			pending := 0
			for _, inv := range c.st.invites {
				if time.Time(inv.InvitedAt).Before(end) && time.Time(inv.ExpiresAt).After(end) && (inv.AcceptedAt == nil || !time.Time(*inv.AcceptedAt).Before(end)) {
					pending++
				}
			}
			row["assigned_seat_count"], row["pending_invite_count"] = seats, pending
		}
		out[i] = row
	}
	return map[string]any{"data": out, "next_page": nil}, nil // the series comes whole
}

// groupOf is the RBAC group a member's activity is broken out under: the
// oldest of their groups, nil for a member of none.
func (st *state) groupOf(u *user) *rbacGroup {
	for _, g := range st.access.groups {
		if st.inGroup(g, u.ID) {
			return g
		}
	}
	return nil
}

// keepMember reports whether a member's activity passes the user_id and
// rbac_group_id filters: a group filter keeps the members of any group it
// names.
func (st *state) keepMember(filters map[string][]string, u *user) bool {
	if !keep(filters, "user_id", u.ID) {
		return false
	}
	groups, ok := filters["rbac_group_id"]
	if !ok {
		return true
	}
	for _, id := range groups {
		if g := find(st.access.groups, func(g *rbacGroup) bool { return g.ID == id }); g != nil && st.inGroup(g, u.ID) {
			return true
		}
	}
	return false
}

// inGroup reports whether userID is a member of g.
func (st *state) inGroup(g *rbacGroup, userID string) bool {
	return slices.ContainsFunc(st.access.members[g.ID], func(m *groupMember) bool { return m.UserID == userID })
}
