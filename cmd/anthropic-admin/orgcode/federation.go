package orgcode

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/workflow"
)

type federationRulesSection struct{}

// read lists the active issuers (for their names) and rules. The
// endpoints take only an OAuth token: with an admin key the section is
// unavailable.
func (federationRulesSection) read(ctx context.Context, c *admin.Client, st *State) error {
	issuers, err := c.Federation.Issuers.List(admin.FederationIssuerListParams{PageCursor: admin.PageCursor{Limit: wifPage}}, st.oauth...).Collect(ctx)
	if workflow.Unavailable(err) {
		st.FederationUnavailable = true
		return nil
	}
	if err != nil {
		return err
	}
	st.FederationIssuers = issuers
	st.FederationRules, err = c.Federation.Rules.List(admin.FederationRuleListParams{PageCursor: admin.PageCursor{Limit: wifPage}}, st.oauth...).Collect(ctx)
	return err
}

func (x *exporter) issuerName(id string) string {
	for _, is := range x.st.FederationIssuers {
		if is.ID == id {
			return is.Name
		}
	}
	return id
}

func (x *exporter) accountName(id string) string {
	for _, a := range x.st.ServiceAccounts {
		if a.ID == id {
			return a.Name
		}
	}
	return id
}

// ruleOf is a rule as the file writes it.
func (x *exporter) ruleOf(r admin.FederationRule) FederationRule {
	item := FederationRule{Name: r.Name, Description: r.Description, Issuer: x.issuerName(r.IssuerID), ServiceAccount: x.accountName(r.Target.ServiceAccountID),
		Match: matchOf(r.Match), OAuthScope: r.OAuthScope, TokenLifetime: r.TokenLifetimeSeconds, AllWorkspaces: r.AppliesToAllWorkspaces}
	if !r.AppliesToAllWorkspaces {
		item.Workspaces = []string{}
		for _, id := range r.WorkspaceIDs {
			if w := x.ix.wsByID[id]; w != nil && !w.Archived() {
				item.Workspaces = append(item.Workspaces, x.ix.wsRef(id))
			}
		}
		slices.SortFunc(item.Workspaces, compareFold)
	}
	return item
}

func (federationRulesSection) export(x *exporter) {
	if x.st.FederationUnavailable {
		return
	}
	s := &FederationRulesSection{Items: []FederationRule{}}
	for _, r := range x.st.FederationRules {
		item := x.ruleOf(r)
		if x.allIDs {
			item.ID = r.ID
		}
		s.Items = append(s.Items, item)
	}
	slices.SortFunc(s.Items, func(a, b FederationRule) int { return compareFold(a.Name, b.Name) })
	x.f.FederationRules = s
}

func matchOf(m admin.FederationRuleMatch) FederationMatch {
	deref := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	return FederationMatch{SubjectPrefix: deref(m.SubjectPrefix), Claims: m.Claims, Condition: deref(m.Condition), Audience: deref(m.Audience)}
}

func (m FederationMatch) wire() admin.FederationRuleMatch {
	ptr := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	return admin.FederationRuleMatch{SubjectPrefix: ptr(m.SubjectPrefix), Claims: m.Claims, Condition: ptr(m.Condition), Audience: ptr(m.Audience)}
}

func (m FederationMatch) String() string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"="+strconv.Quote(v))
		}
	}
	add("subject_prefix", m.SubjectPrefix)
	for _, k := range slices.Sorted(maps.Keys(m.Claims)) {
		add("claims."+k, m.Claims[k])
	}
	add("condition", m.Condition)
	add("audience", m.Audience)
	return strings.Join(parts, " ")
}

func (federationRulesSection) plan(p *planner) {
	s := p.f.FederationRules
	if s == nil {
		return
	}
	if p.st.FederationUnavailable {
		p.refuse(path{"federation_rules"}, "federation rules need an OAuth token with the org:admin scope (--auth-token or ANTHROPIC_AUTH_TOKEN), not an admin key: give one, or drop the section")
		return
	}
	x := &exporter{st: p.st, ix: p.ix}
	listed := map[string]bool{}
	for i, item := range s.Items {
		at := path{"federation_rules", "items", i}
		if !slug.MatchString(item.Name) {
			p.refuse(at.with("name"), "%q is not a rule name: use lowercase letters, digits and hyphens", item.Name)
			continue
		}
		if item.Match.wire().SubjectPrefix == nil && len(item.Match.Claims) == 0 && item.Match.Condition == "" {
			p.refuse(at.with("match"), "a rule must narrow the tokens it accepts: give match a subject_prefix, claims or a condition")
			continue
		}
		if item.TokenLifetime != 0 && (item.TokenLifetime < 60 || item.TokenLifetime > 86400) {
			p.refuse(at.with("token_lifetime"), "token_lifetime %d: give 60 to 86400 seconds", item.TokenLifetime)
			continue
		}
		if item.AllWorkspaces && len(item.Workspaces) > 0 {
			p.refuse(at.with("workspaces"), "a rule for all workspaces lists none")
			continue
		}
		target, ok := p.accountRef(at.with("service_account"), item.ServiceAccount)
		if !ok {
			continue
		}
		r, ok := p.matchRule(at, item)
		if !ok {
			continue
		}
		if r == nil {
			issuer, ok := p.issuerRef(at.with("issuer"), item.Issuer)
			if !ok {
				continue
			}
			params := admin.FederationRuleCreateParams{Name: item.Name, IssuerID: issuer, Match: item.Match.wire(), Target: admin.FederationRuleTarget{ServiceAccountID: target.ID},
				OAuthScope: item.OAuthScope, Description: item.Description, AppliesToAllWorkspaces: item.AllWorkspaces, TokenLifetimeSeconds: item.TokenLifetime}
			fields := nonEmpty([]Field{{Name: "issuer", New: item.Issuer}, {Name: "service_account", New: item.ServiceAccount}, {Name: "match", New: item.Match.String()},
				{Name: "oauth_scope", New: item.OAuthScope}, {Name: "description", New: item.Description}})
			if item.TokenLifetime != 0 {
				fields = append(fields, Field{Name: "token_lifetime", New: itoa(item.TokenLifetime)})
			}
			if item.AllWorkspaces {
				fields = append(fields, Field{Name: "all_workspaces", New: "true"})
			}
			p.add(Change{Op: OpCreate, Kind: KindFederationRule, Target: item.Name, Step: stepContents, Fields: fields,
				Args: Args{Account: target.Account, Body: body(params)}})
			p.ruleWorkspaces(at, item, nil, Args{Rule: item.Name}, false)
			continue
		}
		listed[r.ID] = true
		have := x.ruleOf(*r)
		if item.Issuer != have.Issuer && item.Issuer != r.IssuerID {
			p.refuse(at.with("issuer"), "the API cannot move a rule to another issuer (%s has %s): make a new rule", r.Name, have.Issuer)
			continue
		}
		var params admin.FederationRuleUpdateParams
		var fields []Field
		set := func(name, old, new string, apply func()) {
			if old != new {
				apply()
				fields = append(fields, Field{Name: name, Old: old, New: new})
			}
		}
		set("name", r.Name, item.Name, func() { params.Name = admin.Set(item.Name) })
		set("description", r.Description, item.Description, func() { params.Description = admin.Set(item.Description) })
		if item.ServiceAccount != have.ServiceAccount && item.ServiceAccount != r.Target.ServiceAccountID {
			if target.ID == "" {
				p.refuse(at.with("service_account"), "a rule can be moved only to a service account that exists: apply the new account first")
				continue
			}
			set("service_account", have.ServiceAccount, item.ServiceAccount, func() { params.Target = admin.Set(admin.FederationRuleTarget{ServiceAccountID: target.ID}) })
		}
		set("match", have.Match.String(), item.Match.String(), func() { params.Match = admin.Set(item.Match.wire()) })
		if item.OAuthScope != "" {
			set("oauth_scope", r.OAuthScope, item.OAuthScope, func() { params.OAuthScope = admin.Set(item.OAuthScope) })
		}
		if item.TokenLifetime != 0 {
			set("token_lifetime", itoa(r.TokenLifetimeSeconds), itoa(item.TokenLifetime), func() { params.TokenLifetimeSeconds = admin.Set(item.TokenLifetime) })
		}
		set("all_workspaces", strconv.FormatBool(r.AppliesToAllWorkspaces), strconv.FormatBool(item.AllWorkspaces), func() { params.AppliesToAllWorkspaces = admin.Set(item.AllWorkspaces) })
		if len(fields) > 0 {
			p.add(Change{Op: OpUpdate, Kind: KindFederationRule, Target: r.Name, Step: stepContents, Fields: fields, Args: Args{ID: r.ID, Body: body(params)}})
		}
		p.ruleWorkspaces(at, item, r, Args{ID: r.ID}, s.Prune)
	}
	if !s.Prune {
		return
	}
	for _, r := range p.st.FederationRules {
		if !listed[r.ID] {
			p.add(Change{Op: OpArchive, Kind: KindFederationRule, Target: r.Name, Step: stepArchives,
				Fields: []Field{{Name: "service_account", Old: x.accountName(r.Target.ServiceAccountID)}}, Args: Args{ID: r.ID}})
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// ruleWorkspaces plans the workspaces a rule is enabled in: added after
// the rule is made or changed, removed (with prune) with the removals.
func (p *planner) ruleWorkspaces(at path, item FederationRule, r *admin.FederationRule, args Args, prune bool) {
	if item.Workspaces == nil || item.AllWorkspaces {
		return
	}
	have := map[string]string{} // workspace ref → ID
	if r != nil && !r.AppliesToAllWorkspaces {
		for _, id := range r.WorkspaceIDs {
			if w := p.ix.wsByID[id]; w != nil && !w.Archived() {
				have[p.ix.wsRef(id)] = id
			}
		}
	}
	wanted := map[string]bool{}
	for j, ref := range item.Workspaces {
		id, ok := p.workspaceRef(at.with("workspaces", j), ref)
		if !ok {
			continue
		}
		a := args
		key := ref
		if id == "" {
			a.Workspace = ref
		} else {
			a.WorkspaceID, key = id, p.ix.wsRef(id)
		}
		wanted[key] = true
		if _, ok := have[key]; !ok {
			p.add(Change{Op: OpCreate, Kind: KindFederationRuleWorkspace, Target: item.Name + " / " + key, Step: stepRuleWorkspaces, Args: a})
		}
	}
	if !prune {
		return
	}
	for _, key := range slices.Sorted(maps.Keys(have)) {
		if !wanted[key] {
			p.add(Change{Op: OpRemove, Kind: KindFederationRuleWorkspace, Target: r.Name + " / " + key, Step: stepRemovals, Args: Args{ID: r.ID, WorkspaceID: have[key]}})
		}
	}
}

// accountTarget is a rule's service account: its ID, or the name of one
// this plan creates.
type accountTarget struct{ ID, Account string }

func (p *planner) accountRef(at path, name string) (accountTarget, bool) {
	for _, a := range p.st.ServiceAccounts {
		if !a.Archived() && (a.Name == name || a.ID == name) {
			return accountTarget{ID: a.ID}, true
		}
	}
	for _, c := range p.changes {
		if c.Kind == KindServiceAccount && c.Op == OpCreate && c.Target == name {
			return accountTarget{Account: name}, true
		}
	}
	p.refuse(at, "no active service account is named %q (list it under service_accounts to create it)", name)
	return accountTarget{}, false
}

func (p *planner) issuerRef(at path, name string) (string, bool) {
	var names []string
	for _, is := range p.st.FederationIssuers {
		if is.Name == name || is.ID == name {
			return is.ID, true
		}
		names = append(names, is.Name)
	}
	p.refuse(at, "no federation issuer is named %q%s (the file does not make issuers: create it with anthropic-admin federation issuers create)", name, didYouMean(name, names))
	return "", false
}

// matchRule finds the rule an item describes: by ID (a new name renames
// it), else by name. A nil rule with ok is one to create.
func (p *planner) matchRule(at path, item FederationRule) (*admin.FederationRule, bool) {
	for i, r := range p.st.FederationRules {
		if item.ID != "" && r.ID == item.ID || item.ID == "" && r.Name == item.Name {
			return &p.st.FederationRules[i], true
		}
	}
	if item.ID != "" {
		p.refuse(at.with("id"), "no federation rule has ID %s: leave the id out to create one", item.ID)
		return nil, false
	}
	return nil, true
}
