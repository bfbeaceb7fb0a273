package admintest

import (
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

var groupTypes = []string{"model_group", "batch", "token_count", "files", "skills", "web_search"}

// tokenPage answers a page-token list without has_more: the token is the
// offset of the next item. Without a limit every remaining item comes back.
func tokenPage[T any](items []T, q url.Values) (map[string]any, *apiError) {
	start := 0
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(p, "page_"))
		if err != nil || n < 0 || n > len(items) || !strings.HasPrefix(p, "page_") {
			return nil, errInvalid("page: %q is not a valid page token", p)
		}
		start = n
	}
	limit, err := limitParam(q, len(items), 1000)
	if err != nil {
		return nil, err
	}
	end := min(len(items), start+limit)
	var next any
	if end < len(items) {
		next = "page_" + strconv.Itoa(end)
	}
	return map[string]any{"data": nonNil(items[start:end]), "next_page": next}, nil
}

func groupTypeParam(c *call) (string, *apiError) {
	g := c.q.Get("group_type")
	if g != "" && !slices.Contains(groupTypes, g) {
		return "", errInvalid("group_type: %q is not one of model_group, batch, token_count, files, skills, web_search", g)
	}
	return g, nil
}

func listRateLimits(c *call) (any, *apiError) {
	group, err := groupTypeParam(c)
	if err != nil {
		return nil, err
	}
	model := c.q.Get("model")
	var matched []*rateLimit
	for _, rl := range c.st.rateLimits {
		if (group == "" || rl.Group.Type == group) && (model == "" || slices.Contains(rl.Models, model)) {
			matched = append(matched, rl)
		}
	}
	if model != "" && len(matched) == 0 {
		return nil, errNotFound("model %q not found or has no rate limits", model)
	}
	return tokenPage(matched, c.q)
}

// workspaceLimit is one entry of a workspace's rate limits.
type workspaceLimit struct {
	Type        string             `json:"type"`
	RateLimitID string             `json:"rate_limit_id"`
	WorkspaceID string             `json:"workspace_id"`
	Group       rateLimitGroup     `json:"group"`
	Limits      []workspaceLimiter `json:"limits"`
	Models      []string           `json:"models"`
}

type workspaceLimiter struct {
	Type     string            `json:"type"`
	Value    int64             `json:"value"`
	OrgLimit *int64            `json:"org_limit"`
	Source   map[string]string `json:"source"`
}

// workspaceLimits builds a workspace's view of one org rate limit: its
// overrides and, when inherited is set, the org values it has not overridden.
func (st *state) workspaceLimits(wsID string, rl *rateLimit, inherited bool) *workspaceLimit {
	over := st.overrides[wsID][rl.ID]
	out := &workspaceLimit{Type: "workspace_rate_limit", RateLimitID: rl.ID, WorkspaceID: wsID, Group: rl.Group, Models: rl.Models, Limits: []workspaceLimiter{}}
	orgValue := map[string]int64{}
	for _, l := range rl.Limits {
		orgValue[l.Type] = l.Value
	}
	for _, typ := range slices.Sorted(maps.Keys(over)) {
		lim := workspaceLimiter{Type: typ, Value: over[typ], Source: map[string]string{"type": "workspace"}}
		if v, ok := orgValue[typ]; ok {
			lim.OrgLimit = &v
		}
		out.Limits = append(out.Limits, lim)
	}
	if inherited {
		for _, l := range rl.Limits {
			if _, ok := over[l.Type]; !ok {
				v := l.Value
				out.Limits = append(out.Limits, workspaceLimiter{Type: l.Type, Value: v, OrgLimit: &v, Source: map[string]string{"type": "organization"}})
			}
		}
	}
	if len(out.Limits) == 0 {
		return nil
	}
	return out
}

func listWorkspaceRateLimits(c *call) (any, *apiError) {
	w, err := c.workspaceFromPath()
	if err != nil {
		return nil, err
	}
	group, err := groupTypeParam(c)
	if err != nil {
		return nil, err
	}
	inherited, err := boolParam(c, "include_inherited")
	if err != nil {
		return nil, err
	}
	var out []*workspaceLimit
	for _, rl := range c.st.rateLimits {
		if group != "" && rl.Group.Type != group {
			continue
		}
		if wl := c.st.workspaceLimits(w.ID, rl, inherited); wl != nil {
			out = append(out, wl)
		}
	}
	return tokenPage(out, c.q)
}

var limiterTypes = []string{"fast_itpmca", "fast_otpm", "input_tokens_per_minute", "input_tokens_per_minute_cache_aware",
	"output_tokens_per_minute", "requests_per_minute", "tokens_per_day", "tokens_per_minute", "tool_uses_per_second"}

func updateWorkspaceRateLimit(c *call) (any, *apiError) {
	w, err := c.activeWorkspaceFromPath()
	if err != nil {
		return nil, err
	}
	id := c.path("rate_limit_id")
	rl := find(c.st.rateLimits, func(r *rateLimit) bool { return r.ID == id })
	if rl == nil {
		return nil, errNotFound("rate limit %q not found", id)
	}
	var body struct {
		Limits *[]struct {
			Type  *string     `json:"type"`
			Value sent[int64] `json:"value"` // null clears the override
		} `json:"limits"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.Limits == nil {
		return nil, errInvalid("limits: Field required")
	}
	changes := map[string]*int64{}
	for i, l := range *body.Limits {
		switch {
		case l.Type == nil:
			return nil, errInvalid("limits.%d.type: Field required", i)
		case !slices.Contains(limiterTypes, *l.Type):
			return nil, errInvalid("limits.%d.type: %q is not a limiter type", i, *l.Type)
		case !l.Value.given:
			return nil, errInvalid("limits.%d.value: Field required", i)
		case l.Value.v < 0:
			return nil, errInvalid("limits.%d.value: must not be negative", i)
		}
		changes[*l.Type] = nil
		if !l.Value.null {
			changes[*l.Type] = &l.Value.v
		}
	}
	if c.st.overrides[w.ID] == nil {
		c.st.overrides[w.ID] = map[string]map[string]int64{}
	}
	over := c.st.overrides[w.ID][rl.ID]
	if over == nil {
		over = map[string]int64{}
		c.st.overrides[w.ID][rl.ID] = over
	}
	// A value above the organization's limit is stored like any other: the
	// spec says a workspace limit applies alongside the organization's, not
	// in place of it, and documents no error for a higher one (the update's
	// only error code is sandbox_egress_restricted). org_limit in the reply
	// shows the difference.
	for typ, v := range changes {
		if v == nil {
			delete(over, typ) // null clears the override
		} else {
			over[typ] = *v
		}
	}
	if wl := c.st.workspaceLimits(w.ID, rl, false); wl != nil {
		return wl, nil
	}
	return &workspaceLimit{Type: "workspace_rate_limit", RateLimitID: rl.ID, WorkspaceID: w.ID, Group: rl.Group, Models: rl.Models, Limits: []workspaceLimiter{}}, nil
}
