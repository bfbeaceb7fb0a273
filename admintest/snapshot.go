package admintest

import (
	"encoding/json"
	"maps"
	"slices"
)

// Snapshot is the fake's whole changeable state: every object, named by
// kind and ID ("api_key/apikey_01…", "workspace_member/wrkspc_01…/user_01…"),
// with its JSON. Two snapshots compare with Diff, so a test can check that
// a workflow changed exactly the objects it planned to and nothing else.
type Snapshot map[string]string

// Snapshot returns the fake's state now. Keys and invites whose time has
// passed show as expired, as the API would list them.
func (f *Fake) Snapshot() Snapshot {
	f.mu.Lock()
	defer f.mu.Unlock()
	st, now := f.st, f.now()
	for _, k := range st.keys {
		k.refresh(now)
	}
	for _, inv := range st.invites {
		inv.refresh(now)
	}
	s := Snapshot{"organization": jsonText(st.org)}
	for _, u := range st.users {
		s["user/"+u.ID] = jsonText(u)
	}
	for id, u := range st.former {
		s["former_user/"+id] = jsonText(u)
	}
	for _, inv := range st.invites {
		s["invite/"+inv.ID] = jsonText(inv)
	}
	for _, w := range st.workspaces {
		s["workspace/"+w.ID] = jsonText(w)
	}
	for ws, ms := range st.members {
		for _, m := range ms {
			s["workspace_member/"+ws+"/"+m.UserID] = jsonText(m)
		}
	}
	for _, k := range st.keys {
		s["api_key/"+k.ID] = jsonText(k)
	}
	for _, rl := range st.rateLimits {
		s["rate_limit/"+rl.ID] = jsonText(rl)
	}
	for ws, over := range st.overrides {
		s["rate_limit_override/"+ws] = jsonText(over)
	}
	for _, l := range st.spendLimits {
		s["spend_limit/"+l.ID] = jsonText(l)
	}
	for _, r := range st.increaseRequests {
		s["spend_limit_increase_request/"+r.ID] = jsonText(r)
	}
	return s
}

// Diff returns the names of the objects that differ between s and after:
// added, removed or changed, sorted.
func (s Snapshot) Diff(after Snapshot) []string {
	var out []string
	for k, v := range s {
		if w, ok := after[k]; !ok || w != v {
			out = append(out, k)
		}
	}
	for k := range after {
		if _, ok := s[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Equal reports whether two snapshots hold the same state.
func (s Snapshot) Equal(other Snapshot) bool { return maps.Equal(s, other) }

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("admintest: snapshot: " + err.Error())
	}
	return string(b)
}
