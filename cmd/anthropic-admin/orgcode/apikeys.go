package orgcode

import (
	"context"
	"slices"
	"strings"

	"github.com/anthropic-admin-go/admin"
)

type apiKeysSection struct{}

func (apiKeysSection) read(ctx context.Context, c *admin.Client, st *State) error {
	var err error
	st.APIKeys, err = c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: page}}).Collect(ctx)
	return err
}

// keyIDNeeded tells which keys share their workspace and name with another.
func keyIDNeeded(keys []admin.APIKey) map[string]bool {
	count := map[[2]string]int{}
	for _, k := range keys {
		count[[2]string{k.WorkspaceID(), k.Name}]++
	}
	need := map[string]bool{}
	for _, k := range keys {
		need[k.ID] = count[[2]string{k.WorkspaceID(), k.Name}] > 1
	}
	return need
}

func (apiKeysSection) export(x *exporter) {
	s := &APIKeysSection{Items: []APIKey{}}
	need := keyIDNeeded(x.st.APIKeys)
	for _, k := range x.st.APIKeys {
		item := APIKey{Name: k.Name, Status: k.Status}
		if id := k.WorkspaceID(); id != "" {
			item.Workspace = x.ix.wsRef(id)
		}
		if x.allIDs || need[k.ID] {
			item.ID = k.ID
		}
		s.Items = append(s.Items, item)
	}
	slices.SortStableFunc(s.Items, func(a, b APIKey) int {
		if c := compareFold(a.Workspace, b.Workspace); c != 0 {
			return c
		}
		return compareFold(a.Name, b.Name)
	})
	x.f.APIKeys = s
}

var settableKeyStatuses = []admin.APIKeyStatus{admin.APIKeyStatusActive, admin.APIKeyStatusInactive, admin.APIKeyStatusArchived}

func (apiKeysSection) plan(p *planner) {
	s := p.f.APIKeys
	if s == nil {
		return
	}
	listed := map[string]bool{}
	for i, item := range s.Items {
		at := path{"api_keys", "items", i}
		k, ok := p.matchKey(at, item)
		if !ok {
			continue
		}
		listed[k.ID] = true
		if p.archivedWorkspace(k.WorkspaceID()) {
			continue // archived with its workspace, whatever the file says
		}
		known := append(slices.Clip(settableKeyStatuses), admin.APIKeyStatusExpired)
		switch {
		case !slices.Contains(known, item.Status):
			p.refuse(at.with("status"), "unknown status %q (known: %s)", item.Status, joined(known))
			continue
		case item.Status == k.Status && item.Name == k.Name:
			continue
		case k.Status == admin.APIKeyStatusExpired:
			p.refuse(at.with("status"), "key %q has expired and cannot be changed", k.Name)
			continue
		case k.Status == admin.APIKeyStatusArchived:
			p.refuse(at.with("status"), "key %q is archived: an archived key cannot be changed or brought back", k.Name)
			continue
		case item.Status == admin.APIKeyStatusExpired:
			p.refuse(at.with("status"), "status expired cannot be set: keys expire by time")
			continue
		}
		var params admin.APIKeyUpdateParams
		var fields []Field
		if item.Name != k.Name {
			if strings.TrimSpace(item.Name) == "" {
				p.refuse(at.with("name"), "an API key needs a name")
				continue
			}
			params.Name = admin.Set(item.Name)
			fields = append(fields, Field{Name: "name", Old: k.Name, New: item.Name})
		}
		op, step := OpUpdate, stepContents
		if item.Status != k.Status {
			params.Status = admin.Set(item.Status)
			fields = append(fields, Field{Name: "status", Old: string(k.Status), New: string(item.Status)})
			if item.Status == admin.APIKeyStatusArchived {
				op, step = OpArchive, stepArchives
			}
		}
		p.add(Change{Op: op, Kind: KindAPIKey, Target: keyTarget(p.ix, k), Step: step, Fields: fields, Args: Args{ID: k.ID, Body: body(params)}})
	}
	if !s.Prune {
		return
	}
	for _, k := range p.st.APIKeys {
		if listed[k.ID] || p.archivedWorkspace(k.WorkspaceID()) || k.Status == admin.APIKeyStatusArchived || k.Status == admin.APIKeyStatusExpired {
			continue
		}
		params := admin.APIKeyUpdateParams{Status: admin.Set(admin.APIKeyStatusArchived)}
		p.add(Change{Op: OpArchive, Kind: KindAPIKey, Target: keyTarget(p.ix, k), Step: stepArchives,
			Fields: []Field{{Name: "status", Old: string(k.Status), New: string(admin.APIKeyStatusArchived)}}, Args: Args{ID: k.ID, Body: body(params)}})
	}
}

func keyTarget(ix *index, k admin.APIKey) string {
	if id := k.WorkspaceID(); id != "" {
		return ix.wsRef(id) + " / " + k.Name
	}
	return k.Name
}

// matchKey finds the key an item describes: by ID, else by workspace and
// name. The API cannot create keys, so a key that is not there is refused.
func (p *planner) matchKey(at path, item APIKey) (admin.APIKey, bool) {
	if item.ID != "" {
		for _, k := range p.st.APIKeys {
			if k.ID == item.ID {
				return k, true
			}
		}
		p.refuse(at.with("id"), "no API key has ID %s: the API cannot create keys (the Console does)", item.ID)
		return admin.APIKey{}, false
	}
	var found []admin.APIKey
	for _, k := range p.st.APIKeys {
		if k.Name == item.Name && (p.ix.wsRef(k.WorkspaceID()) == item.Workspace || k.WorkspaceID() == item.Workspace ||
			(k.WorkspaceID() == "" && item.Workspace == "")) {
			found = append(found, k)
		}
	}
	switch len(found) {
	case 1:
		return found[0], true
	case 0:
		where := ""
		if item.Workspace != "" {
			where = " in workspace " + item.Workspace
		}
		p.refuse(at.with("name"), "no API key is named %q%s: the API cannot create keys (create it in the Console, then list it here)", item.Name, where)
	default:
		p.refuse(at.with("name"), "%d keys are named %q in that workspace: give each its id", len(found), item.Name)
	}
	return admin.APIKey{}, false
}

// archivedWorkspace tells whether a workspace is archived or archived by
// this plan: its keys are archived with it.
func (p *planner) archivedWorkspace(id string) bool {
	if w := p.ix.wsByID[id]; w != nil && w.Archived() {
		return true
	}
	for _, c := range p.changes {
		if c.Kind == KindWorkspace && c.Op == OpArchive && c.Args.ID == id {
			return true
		}
	}
	return false
}
