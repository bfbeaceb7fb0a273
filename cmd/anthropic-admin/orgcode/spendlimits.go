package orgcode

import (
	"context"
	"maps"
	"slices"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/workflow"
)

type spendLimitsSection struct{}

func (spendLimitsSection) read(ctx context.Context, c *admin.Client, st *State) error {
	limits, err := c.SpendLimits.List(admin.SpendLimitListParams{PageCursor: admin.PageCursor{Limit: page},
		ScopeTypes: []admin.SpendLimitScopeType{admin.SpendLimitScopeOrganization, admin.SpendLimitScopeWorkspace, admin.SpendLimitScopeUser}}).Collect(ctx)
	if workflow.Unavailable(err) {
		st.SpendLimitsUnavailable = true
		return nil
	}
	for _, l := range limits {
		if l.Amount != nil { // a limit of no amount limits nothing
			st.SpendLimits = append(st.SpendLimits, l)
		}
	}
	return err
}

// spendKey is a limit's place in the file: its scope type, the
// workspace or member it is for, and its period.
type spendKey struct {
	scope  admin.SpendLimitScopeType
	who    string // workspace name (or ID), member email; empty for the organization
	period admin.SpendLimitPeriod
}

func (k spendKey) target() string {
	if k.who == "" {
		return "organization " + string(k.period)
	}
	return string(k.scope) + " " + k.who + " " + string(k.period)
}

func (x *exporter) spendKeyOf(l admin.SpendLimit) (spendKey, bool) {
	k := spendKey{scope: l.Scope.Type, period: l.Period}
	switch l.Scope.Type {
	case admin.SpendLimitScopeOrganization:
	case admin.SpendLimitScopeWorkspace:
		k.who = x.ix.wsRef(l.Scope.WorkspaceID)
	case admin.SpendLimitScopeUser:
		k.who = x.ix.email(l.Scope.UserID)
	default:
		return k, false
	}
	return k, true
}

func (spendLimitsSection) export(x *exporter) {
	if x.st.SpendLimitsUnavailable {
		return
	}
	s := &SpendLimitsSection{}
	put := func(m *map[string]map[admin.SpendLimitPeriod]USD, who string, period admin.SpendLimitPeriod, v USD) {
		if *m == nil {
			*m = map[string]map[admin.SpendLimitPeriod]USD{}
		}
		if (*m)[who] == nil {
			(*m)[who] = map[admin.SpendLimitPeriod]USD{}
		}
		(*m)[who][period] = v
	}
	for _, l := range x.st.SpendLimits {
		k, ok := x.spendKeyOf(l)
		if !ok {
			continue
		}
		v := usdOf(*l.Amount)
		switch k.scope {
		case admin.SpendLimitScopeOrganization:
			if s.Organization == nil {
				s.Organization = map[admin.SpendLimitPeriod]USD{}
			}
			s.Organization[k.period] = v
		case admin.SpendLimitScopeWorkspace:
			put(&s.Workspaces, k.who, k.period, v)
		case admin.SpendLimitScopeUser:
			put(&s.Members, k.who, k.period, v)
		}
	}
	x.f.SpendLimits = s
}

var knownPeriods = []admin.SpendLimitPeriod{admin.SpendLimitDaily, admin.SpendLimitWeekly, admin.SpendLimitMonthly}

func (spendLimitsSection) plan(p *planner) {
	s := p.f.SpendLimits
	if s == nil {
		return
	}
	if p.st.SpendLimitsUnavailable {
		p.refuse(path{"spend_limits"}, "this organization or credential has no spend limits: drop the section")
		return
	}
	x := &exporter{st: p.st, ix: p.ix}
	have := map[spendKey]admin.SpendLimit{}
	for _, l := range p.st.SpendLimits {
		if k, ok := x.spendKeyOf(l); ok {
			have[k] = l
		}
	}
	listed := map[spendKey]bool{}
	want := func(at path, k spendKey, args Args, periods map[admin.SpendLimitPeriod]USD) {
		for _, period := range slices.Sorted(maps.Keys(periods)) {
			pat := at.with(string(period))
			if !slices.Contains(knownPeriods, period) {
				p.refuse(pat, "unknown period %q (known: %s)", period, joined(knownPeriods))
				continue
			}
			k.period = period
			listed[k] = true
			v := periods[period]
			a := args
			a.Scope, a.Period, a.Amount = string(k.scope), string(period), v.cents()
			cur, ok := have[k]
			switch {
			case !ok:
				p.add(Change{Op: OpCreate, Kind: KindSpendLimit, Target: k.target(), Step: stepContents, Fields: []Field{{Name: "amount", New: "$" + string(v)}}, Args: a})
			case usdOf(*cur.Amount) != v:
				p.add(Change{Op: OpUpdate, Kind: KindSpendLimit, Target: k.target(), Step: stepContents,
					Fields: []Field{{Name: "amount", Old: "$" + string(usdOf(*cur.Amount)), New: "$" + string(v)}}, Args: a})
			}
		}
	}
	want(path{"spend_limits", "organization"}, spendKey{scope: admin.SpendLimitScopeOrganization}, Args{}, s.Organization)
	for _, name := range slices.Sorted(maps.Keys(s.Workspaces)) {
		at := path{"spend_limits", "workspaces", name}
		id, ok := p.workspaceRef(at, name)
		if !ok {
			continue
		}
		args := Args{WorkspaceID: id}
		who := name
		if id == "" {
			args = Args{Workspace: name}
		} else {
			who = p.ix.wsRef(id)
		}
		want(at, spendKey{scope: admin.SpendLimitScopeWorkspace, who: who}, args, s.Workspaces[name])
	}
	for _, email := range slices.Sorted(maps.Keys(s.Members)) {
		at := path{"spend_limits", "members", email}
		u := p.user(at, email)
		if u == nil {
			continue
		}
		want(at, spendKey{scope: admin.SpendLimitScopeUser, who: u.Email}, Args{ID: u.ID}, s.Members[email])
	}
	if !s.Prune {
		return
	}
	for k, l := range have {
		if !listed[k] {
			p.add(Change{Op: OpRemove, Kind: KindSpendLimit, Target: k.target(), Step: stepRemovals,
				Fields: []Field{{Name: "amount", Old: "$" + string(usdOf(*l.Amount))}}, Args: Args{ID: l.ID}})
		}
	}
}
