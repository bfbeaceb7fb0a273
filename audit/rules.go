package audit

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/workflow"
)

// DefaultRules are every check, in the order their findings are listed
// within a severity.
func DefaultRules() []Rule {
	return []Rule{
		{ID: "key-creator-gone", Severity: High, Check: keyCreatorGone},
		{ID: "outside-domains", Severity: High, Check: outsideDomains},
		{ID: "key-not-archived", Severity: Medium, Check: keyNotArchived},
		{ID: "key-expiring", Severity: Medium, Check: keyExpiring},
		{ID: "too-many-admins", Severity: Medium, Check: tooManyAdmins},
		{ID: "spend-limit-high", Severity: Medium, Check: spendHigh},
		{ID: "key-no-expiry", Severity: Low, Check: keyNoExpiry},
		{ID: "key-unused", Severity: Low, Check: keyUnused},
		{ID: "key-in-archived-workspace", Severity: Low, Check: keyInArchivedWorkspace},
		{ID: "invite-stale", Severity: Low, Check: inviteStale},
		{ID: "member-no-workspace", Severity: Low, Check: memberNoWorkspace},
		{ID: "workspace-unlimited", Severity: Low, Check: workspaceUnlimited},
	}
}

// keyCheck runs match on every key outside archived workspaces.
func keyCheck(ctx context.Context, a *Audit, match func(k admin.APIKey, ws workflow.Ref) *Finding) ([]Finding, error) {
	return keysIn(ctx, a, false, match)
}

// keysIn runs match on every key in an archived workspace (archived) or
// in any other (not archived): a key in an archived workspace cannot
// change, so only key-in-archived-workspace looks at those.
func keysIn(ctx context.Context, a *Audit, archived bool, match func(k admin.APIKey, ws workflow.Ref) *Finding) ([]Finding, error) {
	keys, err := a.Org.Keys(ctx)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, k := range keys {
		w, err := a.Org.Workspace(ctx, k.WorkspaceID())
		if err != nil {
			return nil, err
		}
		if (w != nil && w.Archived()) != archived {
			continue
		}
		if f := match(k, a.Org.WorkspaceRef(ctx, k.WorkspaceID())); f != nil {
			f.Object = workflow.KeyRef(k)
			out = append(out, *f)
		}
	}
	return out, nil
}

func deactivateCmd(k admin.APIKey) string { return "anthropic-admin api-keys deactivate " + k.ID }
func archiveCmd(k admin.APIKey) string {
	return "anthropic-admin api-keys update " + k.ID + " --status archived"
}

func keyNotArchived(ctx context.Context, a *Audit) ([]Finding, error) {
	return keyCheck(ctx, a, func(k admin.APIKey, ws workflow.Ref) *Finding {
		if k.Status != admin.APIKeyStatusExpired && k.Status != admin.APIKeyStatusInactive {
			return nil
		}
		f := &Finding{Why: fmt.Sprintf("%s key in %s is not archived", k.Status, ws.Name), Fix: archiveCmd(k)}
		if k.Status == admin.APIKeyStatusExpired {
			f.Change = &workflow.Change{Action: workflow.ArchiveKey, Subject: "key-not-archived", Target: workflow.KeyRef(k),
				Reason: "expired " + date(k.ExpiresAt) + "; it can never be used again"}
		}
		return f
	})
}

func keyNoExpiry(ctx context.Context, a *Audit) ([]Finding, error) {
	return keyCheck(ctx, a, func(k admin.APIKey, ws workflow.Ref) *Finding {
		if k.Status != admin.APIKeyStatusActive || k.ExpiresAt != nil {
			return nil
		}
		return &Finding{Why: "active key in " + ws.Name + " never expires",
			Fix: "create a replacement with an expiry in the Console, then: " + deactivateCmd(k)}
	})
}

func keyExpiring(ctx context.Context, a *Audit) ([]Finding, error) {
	until := a.Now.Add(a.Options.ExpiringWithin)
	return keyCheck(ctx, a, func(k admin.APIKey, ws workflow.Ref) *Finding {
		if k.Status != admin.APIKeyStatusActive || k.ExpiresAt == nil || k.ExpiresAt.After(until) {
			return nil
		}
		return &Finding{Why: fmt.Sprintf("active key in %s expires %s", ws.Name, date(k.ExpiresAt)),
			Fix: "create a replacement in the Console and move its users before " + date(k.ExpiresAt)}
	})
}

func keyUnused(ctx context.Context, a *Audit) ([]Finding, error) {
	since := a.Now.Add(-a.Options.UnusedFor)
	used, err := a.Org.KeyUsage(ctx, since, nil)
	if err != nil {
		return nil, err
	}
	return keyCheck(ctx, a, func(k admin.APIKey, ws workflow.Ref) *Finding {
		if k.Status != admin.APIKeyStatusActive || k.CreatedAt.After(since) || used[k.ID] > 0 {
			return nil
		}
		return &Finding{Why: fmt.Sprintf("active key in %s has no usage since %s", ws.Name, since.Format(time.DateOnly)), Fix: deactivateCmd(k)}
	})
}

func keyCreatorGone(ctx context.Context, a *Audit) ([]Finding, error) {
	users, err := a.Org.Users(ctx)
	if err != nil {
		return nil, err
	}
	member := map[string]bool{}
	for _, u := range users {
		member[u.ID] = true
	}
	return keyCheck(ctx, a, func(k admin.APIKey, ws workflow.Ref) *Finding {
		if k.Status == admin.APIKeyStatusArchived || k.CreatedBy == nil || k.CreatedBy.Type != admin.APIKeyCreatorUser || member[k.CreatedBy.ID] {
			return nil
		}
		fix := archiveCmd(k)
		if k.Status == admin.APIKeyStatusActive {
			fix = deactivateCmd(k)
		}
		return &Finding{Why: fmt.Sprintf("%s key in %s was created by %s, no longer a member", k.Status, ws.Name, k.CreatedBy.ID), Fix: fix}
	})
}

func keyInArchivedWorkspace(ctx context.Context, a *Audit) ([]Finding, error) {
	return keysIn(ctx, a, true, func(k admin.APIKey, ws workflow.Ref) *Finding {
		if k.Status == admin.APIKeyStatusArchived {
			return nil
		}
		return &Finding{Why: fmt.Sprintf("%s key in archived workspace %s; the API cannot change it", k.Status, ws.Name),
			Fix: "archive it in the Console"}
	})
}

func inviteStale(ctx context.Context, a *Audit) ([]Finding, error) {
	invites, err := a.Invites(ctx)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, inv := range invites {
		ref := workflow.InviteRef(inv)
		switch {
		case inv.Status == admin.InviteStatusExpired:
			out = append(out, Finding{Object: ref, Why: fmt.Sprintf("invite expired %s and was never accepted", inv.ExpiresAt.Format(time.DateOnly)),
				Fix: "anthropic-admin invites delete --status expired --all-matching",
				Change: &workflow.Change{Action: workflow.DeleteInvite, Subject: "invite-stale", Target: ref,
					Reason: "expired " + inv.ExpiresAt.Format(time.DateOnly)}})
		case inv.Status == admin.InviteStatusPending && inv.InvitedAt.Before(a.Now.Add(-a.Options.InviteAge)):
			out = append(out, Finding{Object: ref, Why: fmt.Sprintf("pending since %s", inv.InvitedAt.Format(time.DateOnly)),
				Fix: "anthropic-admin invites delete " + inv.ID})
		}
	}
	return out, nil
}

func outsideDomains(ctx context.Context, a *Audit) ([]Finding, error) {
	allowed := a.Options.AllowedDomains
	if len(allowed) == 0 {
		a.NotChecked("outside-domains", "no allowed domains given")
		return nil, nil
	}
	inside := func(email string) bool {
		_, domain, _ := strings.Cut(email, "@")
		return slices.ContainsFunc(allowed, func(d string) bool { return strings.EqualFold(d, domain) })
	}
	users, err := a.Org.Users(ctx)
	if err != nil {
		return nil, err
	}
	invites, err := a.Invites(ctx)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, u := range users {
		if !inside(u.Email) {
			out = append(out, Finding{Object: workflow.UserRef(u), Why: fmt.Sprintf("%s member outside the allowed domains", u.Role),
				Fix: "anthropic-admin offboard " + u.Email})
		}
	}
	for _, inv := range invites {
		if inv.Status == admin.InviteStatusPending && !inside(inv.Email) {
			out = append(out, Finding{Object: workflow.InviteRef(inv), Why: "pending invite outside the allowed domains",
				Fix: "anthropic-admin invites delete " + inv.ID})
		}
	}
	return out, nil
}

func tooManyAdmins(ctx context.Context, a *Audit) ([]Finding, error) {
	users, err := a.Org.Users(ctx)
	if err != nil {
		return nil, err
	}
	var admins []string
	for _, u := range users {
		if u.Role == admin.OrgRoleAdmin || u.Role == admin.OrgRoleOwner || u.Role == admin.OrgRolePrimaryOwner {
			admins = append(admins, u.Email)
		}
	}
	if len(admins) <= a.Options.MaxAdmins {
		return nil, nil
	}
	slices.Sort(admins)
	return []Finding{{Object: workflow.Ref{Kind: "organization", ID: "organization", Name: "organization"},
		Why: fmt.Sprintf("%d admins (at most %d wanted): %s", len(admins), a.Options.MaxAdmins, strings.Join(admins, ", ")),
		Fix: "change admins' roles in the Console (the API cannot)"}}, nil
}

func memberNoWorkspace(ctx context.Context, a *Audit) ([]Finding, error) {
	users, err := a.Org.Users(ctx)
	if err != nil {
		return nil, err
	}
	ws, err := a.Org.Workspaces(ctx)
	if err != nil {
		return nil, err
	}
	in := map[string]bool{}
	for _, w := range ws {
		if w.Archived() {
			continue
		}
		ms, err := a.Org.Members(ctx, w.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			in[m.UserID] = true
		}
	}
	var out []Finding
	for _, u := range users {
		if !in[u.ID] {
			out = append(out, Finding{Object: workflow.UserRef(u), Why: fmt.Sprintf("%s member of no active workspace", u.Role),
				Fix: "anthropic-admin workspaces members add WORKSPACE " + u.Email + " --role ROLE, or offboard them"})
		}
	}
	return out, nil
}

func workspaceUnlimited(ctx context.Context, a *Audit) ([]Finding, error) {
	ws, err := a.Org.Workspaces(ctx)
	if err != nil {
		return nil, err
	}
	limited := map[string]bool{}
	limits, err := a.Org.Client.SpendLimits.List(admin.SpendLimitListParams{ScopeTypes: []admin.SpendLimitScopeType{admin.SpendLimitScopeWorkspace}}).Collect(ctx)
	if unavailable(err) {
		a.NotChecked("workspace-unlimited (spend limits)", "spend limits cannot be listed here; only rate limits were checked")
	} else if err != nil {
		return nil, err
	}
	for _, l := range limits {
		if l.IsEnabled {
			limited[l.Scope.WorkspaceID] = true
		}
	}
	var out []Finding
	for _, w := range ws {
		if w.Archived() || limited[w.ID] {
			continue
		}
		rls, err := a.Org.Client.Workspaces.RateLimits.List(w.ID, admin.WorkspaceRateLimitListParams{}).Collect(ctx)
		if err != nil {
			return nil, err
		}
		if len(rls) > 0 {
			continue
		}
		out = append(out, Finding{Object: workflow.Ref{Kind: "workspace", ID: w.ID, Name: w.Name},
			Why: "no workspace rate limit and no workspace spend limit: only the organization's limits cap it",
			Fix: "anthropic-admin spend-limits set --workspace " + w.ID + " --amount DOLLARS"})
	}
	return out, nil
}

func spendHigh(ctx context.Context, a *Audit) ([]Finding, error) {
	sums, err := a.Org.Client.SpendLimits.Effective(admin.SpendLimitEffectiveParams{}).Collect(ctx)
	if err != nil {
		return nil, err
	}
	threshold := new(big.Rat).SetFloat64(a.Options.SpendAbove / 100)
	var out []Finding
	for _, s := range sums {
		if s.Amount == nil || s.Amount.Sign() <= 0 {
			continue
		}
		share := new(big.Rat).Quo(s.PeriodToDateSpend.Cents(), s.Amount.Cents())
		if share.Cmp(threshold) <= 0 {
			continue
		}
		pct, _ := share.Float64()
		obj := workflow.Ref{Kind: "user", ID: s.Actor.UserID, Name: s.Actor.EmailAddress}
		if s.Actor.Type != admin.SpendLimitUserActor {
			obj = workflow.Ref{Kind: string(s.Actor.Type), ID: s.Actor.ScopedAPIKeyID}
		}
		out = append(out, Finding{Object: obj,
			Why: fmt.Sprintf("%.0f%% of the %s limit spent ($%s of $%s)", pct*100, s.Period, s.PeriodToDateSpend.DollarString(2), s.Amount.DollarString(2)),
			Fix: "anthropic-admin spend-limits effective"})
	}
	return out, nil
}

func date(t *time.Time) string {
	if t == nil {
		return "never"
	}
	return t.Format(time.DateOnly)
}
