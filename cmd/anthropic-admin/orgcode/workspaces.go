package orgcode

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/anthropic-admin-go/admin"
)

var (
	knownWorkspaceRoles = []admin.WorkspaceRole{admin.WorkspaceRoleUser, admin.WorkspaceRoleDeveloper,
		admin.WorkspaceRoleRestrictedDeveloper, admin.WorkspaceRoleAdmin, admin.WorkspaceRoleBilling}
	knownWorkspaceGeos = []admin.WorkspaceGeo{admin.WorkspaceGeoUS}
	knownInferenceGeos = []admin.InferenceGeo{admin.InferenceGeoGlobal, admin.InferenceGeoUS}
)

type workspacesSection struct{}

// read adds the organization's rate limits and each active workspace's
// members and own rate limits (an archived workspace cannot change).
func (workspacesSection) read(ctx context.Context, c *admin.Client, st *State) error {
	var err error
	if st.OrgRateLimits, err = c.RateLimits.List(admin.RateLimitListParams{PageCursor: admin.PageCursor{Limit: page}}).Collect(ctx); err != nil {
		return err
	}
	for _, w := range st.Workspaces {
		if w.Archived() {
			continue
		}
		if w.Members, err = c.Workspaces.Members.List(w.ID, admin.WorkspaceMemberListParams{Cursor: admin.Cursor{Limit: page}}).Collect(ctx); err != nil {
			return err
		}
		if w.RateLimits, err = c.Workspaces.RateLimits.List(w.ID, admin.WorkspaceRateLimitListParams{PageCursor: admin.PageCursor{Limit: page}}).Collect(ctx); err != nil {
			return err
		}
	}
	return nil
}

// groupName is how the file names a rate limit group: a model group by its
// name, another by its type.
func groupName(g admin.RateLimitGroup) string {
	if g.Type == admin.RateLimitGroupModelGroup && g.DisplayName != "" {
		return g.DisplayName
	}
	return string(g.Type)
}

func (workspacesSection) export(x *exporter) {
	s := &WorkspacesSection{Items: []Workspace{}}
	for _, w := range x.st.Workspaces {
		item := Workspace{Name: w.Name, Default: w.Default, Archived: w.Archived()}
		if x.allIDs || x.ix.wsNames[w.Name] > 1 {
			item.ID = w.ID
		}
		if !w.Archived() {
			item.DisplayColor = w.DisplayColor
			if len(w.Tags) > 0 {
				item.Tags = maps.Clone(w.Tags)
			}
			dr := w.DataResidency
			geos := geosOf(dr.AllowedInferenceGeos)
			item.DataResidency = &DataResidency{WorkspaceGeo: dr.WorkspaceGeo, AllowedInferenceGeos: &geos, DefaultInferenceGeo: dr.DefaultInferenceGeo}
			for _, m := range w.Members {
				item.Members = append(item.Members, WorkspaceMember{Email: x.ix.email(m.UserID), Role: m.WorkspaceRole})
			}
			slices.SortFunc(item.Members, func(a, b WorkspaceMember) int { return compareFold(a.Email, b.Email) })
			for _, rl := range w.RateLimits {
				for _, l := range rl.Limits {
					if l.Source.Type != "" && l.Source.Type != admin.RateLimitSourceWorkspace {
						continue
					}
					if item.RateLimits == nil {
						item.RateLimits = map[string]map[admin.RateLimiterType]int64{}
					}
					g := groupName(rl.Group)
					if item.RateLimits[g] == nil {
						item.RateLimits[g] = map[admin.RateLimiterType]int64{}
					}
					item.RateLimits[g][l.Type] = l.Value
				}
			}
		}
		s.Items = append(s.Items, item)
	}
	x.f.Workspaces = s
}

func (workspacesSection) plan(p *planner) {
	s := p.f.Workspaces
	if s == nil {
		return
	}
	matched := map[string]bool{}
	type pending struct {
		at   path
		item Workspace
		w    *WorkspaceState // nil: created by this plan
	}
	var todo []pending
	// Match first, so that a rename and a create of the old name agree.
	for i, item := range s.Items {
		at := path{"workspaces", "items", i}
		w, ok := p.matchWorkspace(at, item)
		if !ok {
			continue
		}
		if w != nil {
			if matched[w.ID] {
				p.refuse(at, "workspace %q is listed twice", w.Name)
				continue
			}
			matched[w.ID] = true
		} else {
			p.creating[item.Name] = true
		}
		todo = append(todo, pending{at, item, w})
	}
	for _, t := range todo {
		if t.w == nil {
			p.createWorkspace(t.at, t.item)
		} else {
			p.updateWorkspace(t.at, t.item, t.w, s.Prune)
		}
	}
	if !s.Prune {
		return
	}
	for _, w := range p.st.Workspaces {
		if !matched[w.ID] && !w.Archived() && !w.Default {
			p.add(Change{Op: OpArchive, Kind: KindWorkspace, Target: w.Name, Step: stepArchives, Args: Args{ID: w.ID}})
		}
	}
}

// matchWorkspace finds the workspace an item describes: by ID when it has
// one, else by name; nil for a new one.
func (p *planner) matchWorkspace(at path, item Workspace) (*WorkspaceState, bool) {
	if strings.TrimSpace(item.Name) == "" {
		p.refuse(at, "a workspace needs a name")
		return nil, false
	}
	if item.ID != "" {
		if w := p.ix.wsByID[item.ID]; w != nil {
			return w, true
		}
		p.refuse(at.with("id"), "no workspace has ID %s", item.ID)
		return nil, false
	}
	var found []*WorkspaceState
	for _, w := range p.st.Workspaces {
		if w.Name == item.Name && (item.Default == w.Default || !item.Default) {
			found = append(found, w)
		}
	}
	switch {
	case len(found) > 1:
		p.refuse(at.with("name"), "%d workspaces are named %q: give each its id", len(found), item.Name)
		return nil, false
	case len(found) == 1:
		return found[0], true
	case item.Default:
		p.refuse(at.with("default"), "the default workspace is not named %q", item.Name)
		return nil, false
	case item.Archived:
		p.refuse(at.with("archived"), "workspace %q does not exist: a workspace cannot be created archived", item.Name)
		return nil, false
	}
	return nil, true
}

// checkResidency refuses geos the API does not know.
func (p *planner) checkResidency(at path, dr *DataResidency) bool {
	if dr == nil {
		return true
	}
	ok := true
	if dr.WorkspaceGeo != "" && !slices.Contains(knownWorkspaceGeos, dr.WorkspaceGeo) {
		p.refuse(at.with("workspace_geo"), "unknown workspace geo %q (known: %s)", dr.WorkspaceGeo, joined(knownWorkspaceGeos))
		ok = false
	}
	check := func(at path, g admin.InferenceGeo) {
		if !slices.Contains(knownInferenceGeos, g) {
			p.refuse(at, "unknown inference geo %q (known: %s)", g, joined(knownInferenceGeos))
			ok = false
		}
	}
	if dr.AllowedInferenceGeos != nil {
		for i, g := range dr.AllowedInferenceGeos.List {
			check(at.with("allowed_inference_geos", i), g)
		}
	}
	if dr.DefaultInferenceGeo != "" {
		check(at.with("default_inference_geo"), dr.DefaultInferenceGeo)
		if a := dr.AllowedInferenceGeos; a != nil && !a.Unrestricted && !slices.Contains(a.List, dr.DefaultInferenceGeo) {
			p.refuse(at.with("default_inference_geo"), "%q is not one of the allowed inference geos %s", dr.DefaultInferenceGeo, a)
			ok = false
		}
	}
	return ok
}

func joined[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

func (p *planner) createWorkspace(at path, item Workspace) {
	if !p.checkResidency(at.with("data_residency"), item.DataResidency) {
		return
	}
	params := admin.WorkspaceCreateParams{Name: item.Name, DisplayColor: item.DisplayColor, Tags: item.Tags}
	fields := []Field{}
	if item.DisplayColor != "" {
		fields = append(fields, Field{Name: "display_color", New: item.DisplayColor})
	}
	for _, k := range slices.Sorted(maps.Keys(item.Tags)) {
		fields = append(fields, Field{Name: "tags." + k, New: item.Tags[k]})
	}
	if dr := item.DataResidency; dr != nil {
		params.DataResidency = admin.DataResidencyParams{WorkspaceGeo: dr.WorkspaceGeo, DefaultInferenceGeo: dr.DefaultInferenceGeo}
		if dr.WorkspaceGeo != "" {
			fields = append(fields, Field{Name: "data_residency.workspace_geo", New: string(dr.WorkspaceGeo)})
		}
		if dr.AllowedInferenceGeos != nil {
			params.DataResidency.AllowedInferenceGeos = dr.AllowedInferenceGeos.wire()
			fields = append(fields, Field{Name: "data_residency.allowed_inference_geos", New: dr.AllowedInferenceGeos.String()})
		}
		if dr.DefaultInferenceGeo != "" {
			fields = append(fields, Field{Name: "data_residency.default_inference_geo", New: string(dr.DefaultInferenceGeo)})
		}
	}
	p.add(Change{Op: OpCreate, Kind: KindWorkspace, Target: item.Name, Step: stepWorkspaces, Fields: fields, Args: Args{Body: body(params)}})
	p.planWorkspaceMembers(at, item, nil, false)
	p.planRateLimits(at, item, nil, false)
}

func (p *planner) updateWorkspace(at path, item Workspace, w *WorkspaceState, prune bool) {
	switch {
	case w.Archived() && !item.Archived:
		p.refuse(at.with("name"), "workspace %q is archived: an archived workspace cannot be brought back (mark it archived: true, or drop it)", w.Name)
		return
	case w.Archived():
		return // archived, as the file says; nothing about it can change
	case item.Archived && w.Default:
		p.refuse(at.with("archived"), "the default workspace cannot be archived")
		return
	case item.Archived:
		p.add(Change{Op: OpArchive, Kind: KindWorkspace, Target: w.Name, Step: stepArchives, Args: Args{ID: w.ID}})
		return
	}
	if !p.checkResidency(at.with("data_residency"), item.DataResidency) {
		return
	}
	var params admin.WorkspaceUpdateParams
	var fields []Field
	if item.Name != w.Name {
		if w.Default {
			p.refuse(at.with("name"), "the default workspace cannot be renamed")
			return
		}
		params.Name = admin.Set(item.Name)
		fields = append(fields, Field{Name: "name", Old: w.Name, New: item.Name})
	}
	if item.DisplayColor != "" && !strings.EqualFold(item.DisplayColor, w.DisplayColor) {
		params.DisplayColor = admin.Set(item.DisplayColor)
		fields = append(fields, Field{Name: "display_color", Old: w.DisplayColor, New: item.DisplayColor})
	}
	if tags, tf := tagChanges(w.Tags, item.Tags, prune); len(tf) > 0 {
		params.Tags = tags
		fields = append(fields, tf...)
	}
	if dr := item.DataResidency; dr != nil {
		have := w.DataResidency
		if dr.WorkspaceGeo != "" && dr.WorkspaceGeo != have.WorkspaceGeo {
			p.refuse(at.with("data_residency", "workspace_geo"), "workspace_geo is %s and cannot change after the workspace is created", have.WorkspaceGeo)
			return
		}
		if a := dr.AllowedInferenceGeos; a != nil && a.String() != geosOf(have.AllowedInferenceGeos).String() {
			params.DataResidency.AllowedInferenceGeos = admin.Set(a.wire())
			fields = append(fields, Field{Name: "data_residency.allowed_inference_geos", Old: geosOf(have.AllowedInferenceGeos).String(), New: a.String()})
		}
		if dr.DefaultInferenceGeo != "" && dr.DefaultInferenceGeo != have.DefaultInferenceGeo {
			params.DataResidency.DefaultInferenceGeo = admin.Set(dr.DefaultInferenceGeo)
			fields = append(fields, Field{Name: "data_residency.default_inference_geo", Old: string(have.DefaultInferenceGeo), New: string(dr.DefaultInferenceGeo)})
		}
	}
	if len(fields) > 0 {
		p.add(Change{Op: OpUpdate, Kind: KindWorkspace, Target: w.Name, Step: stepWorkspaces, Fields: fields, Args: Args{ID: w.ID, Body: body(params)}})
	}
	p.planWorkspaceMembers(at, item, w, prune)
	p.planRateLimits(at, item, w, prune)
}

// wsArgs names a workspace in a change: by ID, or by name for one this
// plan creates.
func wsArgs(item Workspace, w *WorkspaceState) Args {
	if w == nil {
		return Args{Workspace: item.Name}
	}
	return Args{WorkspaceID: w.ID}
}

func (p *planner) planWorkspaceMembers(at path, item Workspace, w *WorkspaceState, prune bool) {
	have := map[string]admin.WorkspaceMember{}
	if w != nil {
		for _, m := range w.Members {
			have[m.UserID] = m
		}
	}
	listed := map[string]bool{}
	for i, m := range item.Members {
		mat := at.with("members", i)
		u := p.user(mat.with("email"), m.Email)
		if u == nil {
			continue
		}
		listed[u.ID] = true
		if !slices.Contains(knownWorkspaceRoles, m.Role) {
			p.refuse(mat.with("role"), "unknown workspace role %q%s", m.Role, didYouMean(string(m.Role), mapped(knownWorkspaceRoles, func(r admin.WorkspaceRole) string { return string(r) })))
			continue
		}
		target := item.Name + " / " + u.Email
		args := wsArgs(item, w)
		args.ID, args.Role = u.ID, string(m.Role)
		cur, ok := have[u.ID]
		switch {
		case !ok && m.Role == admin.WorkspaceRoleBilling:
			p.refuse(mat.with("role"), "%s cannot be given when adding a member to a workspace", m.Role)
		case !ok:
			p.add(Change{Op: OpCreate, Kind: KindWorkspaceMember, Target: target, Step: stepContents, Fields: []Field{{Name: "role", New: string(m.Role)}}, Args: args})
		case cur.WorkspaceRole != m.Role:
			p.add(Change{Op: OpUpdate, Kind: KindWorkspaceMember, Target: target, Step: stepContents, Fields: []Field{{Name: "role", Old: string(cur.WorkspaceRole), New: string(m.Role)}}, Args: args})
		}
	}
	if !prune || w == nil {
		return
	}
	for _, m := range w.Members {
		if !listed[m.UserID] {
			p.add(Change{Op: OpRemove, Kind: KindWorkspaceMember, Target: item.Name + " / " + p.ix.email(m.UserID), Step: stepRemovals,
				Fields: []Field{{Name: "role", Old: string(m.WorkspaceRole)}}, Args: Args{WorkspaceID: w.ID, ID: m.UserID}})
		}
	}
}

var knownLimiters = []admin.RateLimiterType{admin.RateLimiterRequestsPerMinute, admin.RateLimiterInputTokensPerMinute,
	admin.RateLimiterInputTokensPerMinuteCacheAware, admin.RateLimiterOutputTokensPerMinute, admin.RateLimiterTokensPerMinute,
	admin.RateLimiterTokensPerDay, admin.RateLimiterToolUsesPerSecond, admin.RateLimiterFastInputTokensPerMinCacheAware,
	admin.RateLimiterFastOutputTokensPerMinute, admin.RateLimiterEnqueuedBatchRequests}

// planRateLimits makes one change per rate limit group whose workspace
// values differ from the file's: the API sets a group's limiters in one
// request.
func (p *planner) planRateLimits(at path, item Workspace, w *WorkspaceState, prune bool) {
	groups := map[string]admin.RateLimit{}
	for _, rl := range p.st.OrgRateLimits {
		groups[groupName(rl.Group)] = rl
	}
	have := map[string]map[admin.RateLimiterType]int64{}
	if w != nil {
		for _, rl := range w.RateLimits {
			for _, l := range rl.Limits {
				if l.Source.Type == "" || l.Source.Type == admin.RateLimitSourceWorkspace {
					if have[groupName(rl.Group)] == nil {
						have[groupName(rl.Group)] = map[admin.RateLimiterType]int64{}
					}
					have[groupName(rl.Group)][l.Type] = l.Value
				}
			}
		}
	}
	names := slices.Sorted(maps.Keys(item.RateLimits))
	if prune {
		for g := range have {
			if _, ok := item.RateLimits[g]; !ok {
				names = append(names, g)
			}
		}
		slices.Sort(names)
	}
	for _, g := range names {
		gat := at.with("rate_limits", g)
		rl, ok := groups[g]
		if !ok {
			p.refuse(gat, "the organization has no rate limit group %q%s", g, didYouMean(g, slices.Collect(maps.Keys(groups))))
			continue
		}
		orgValue := map[admin.RateLimiterType]int64{}
		for _, l := range rl.Limits {
			orgValue[l.Type] = l.Value
		}
		want := item.RateLimits[g]
		var updates []admin.RateLimitUpdate
		var fields []Field
		refused := false
		for _, typ := range slices.Sorted(maps.Keys(want)) {
			v := want[typ]
			org, known := orgValue[typ]
			switch {
			case !slices.Contains(knownLimiters, typ):
				p.refuse(gat.with(string(typ)), "unknown limiter %q%s", typ, didYouMean(string(typ), mapped(knownLimiters, func(t admin.RateLimiterType) string { return string(t) })))
				refused = true
			case !known:
				p.refuse(gat.with(string(typ)), "the organization's %s limits have no %s", g, typ)
				refused = true
			case v < 0:
				p.refuse(gat.with(string(typ)), "a limit cannot be negative")
				refused = true
			case v > org:
				p.refuse(gat.with(string(typ)), "%d is looser than the organization's %s limit of %d: a workspace limit can only be tighter", v, typ, org)
				refused = true
			}
			if old, ok := have[g][typ]; !ok || old != v {
				updates = append(updates, admin.RateLimitUpdate{Type: typ, Value: admin.Set(v)})
				fields = append(fields, Field{Name: string(typ), Old: valueText(have[g], typ), New: fmt.Sprint(v)})
			}
		}
		if prune {
			for _, typ := range slices.Sorted(maps.Keys(have[g])) {
				if _, ok := want[typ]; !ok {
					updates = append(updates, admin.RateLimitUpdate{Type: typ, Value: admin.Clear[int64]()})
					fields = append(fields, Field{Name: string(typ), Old: fmt.Sprint(have[g][typ])})
				}
			}
		}
		if refused || len(updates) == 0 {
			continue
		}
		op, step := OpUpdate, stepContents
		if want == nil {
			op, step = OpRemove, stepRemovals
		}
		args := wsArgs(item, w)
		args.RateLimitID = rl.ID
		args.Body = body(admin.WorkspaceRateLimitUpdateParams{Limits: updates})
		p.add(Change{Op: op, Kind: KindRateLimit, Target: item.Name + " / " + g, Step: step, Fields: fields, Args: args})
	}
}

func valueText(m map[admin.RateLimiterType]int64, typ admin.RateLimiterType) string {
	if v, ok := m[typ]; ok {
		return fmt.Sprint(v)
	}
	return ""
}

// tagChanges is the tags an update sends when they change, and the fields
// that change. The docs do not say whether sent tags replace a workspace's
// or merge with them, so the update sends every tag the workspace is to
// keep, and null for each it is to lose: right either way.
func tagChanges(have, want map[string]string, prune bool) (map[string]admin.Optional[string], []Field) {
	var fields []Field
	out := map[string]admin.Optional[string]{}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		out[k] = admin.Set(want[k])
		if old, ok := have[k]; !ok || old != want[k] {
			fields = append(fields, Field{Name: "tags." + k, Old: old, New: want[k]})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(have)) {
		if _, ok := want[k]; ok {
			continue
		}
		if prune {
			out[k] = admin.Clear[string]()
			fields = append(fields, Field{Name: "tags." + k, Old: have[k]})
		} else {
			out[k] = admin.Set(have[k])
		}
	}
	return out, fields
}
