package orgcode

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// Applier makes a plan's changes: one request per change, step by step
// (workspaces, then what is in them, removals, archives, invites), up to
// Parallel changes of a step at once. When the API asks any request to
// wait (429, or a retry after an error), every worker waits with it.
//
// It stops at the first failure, after the changes already under way.
// Nothing is lost: planning again from the organization as it now is
// shows what is left, and applying that finishes the job without doing
// anything twice (every change is planned from what exists).
type Applier struct {
	Client *admin.Client
	// Parallel is how many changes of a step run at once; 0 or 1 runs one
	// at a time, in the plan's order.
	Parallel int
	// Sleep waits between retries; nil for a real wait. Now is the clock;
	// nil for time.Now.
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time
	// OAuth are the options for the endpoints that take only an OAuth
	// token (service accounts, federation), as for Read.
	OAuth []admin.Option
	// Done, when set, is told of each change as it lands or fails, one
	// call at a time.
	Done func(c Change, err error)
}

// ApplyError is the change that failed.
type ApplyError struct {
	Change Change
	Err    error
}

func (e *ApplyError) Error() string { return fmt.Sprintf("%s: %v", e.Change.Line(), e.Err) }
func (e *ApplyError) Unwrap() error { return e.Err }

// Apply makes p's changes and returns how many landed.
func (a *Applier) Apply(ctx context.Context, p *Plan) (int, error) {
	g := &gate{now: a.Now, sleep: a.Sleep}
	if g.now == nil {
		g.now = time.Now
	}
	if g.sleep == nil {
		g.sleep = sleep
	}
	r := &run{Applier: a, gate: g, created: map[string]string{}, groups: map[string]string{}, accounts: map[string]string{}, rules: map[string]string{}}
	n := max(a.Parallel, 1)
	for start := 0; start < len(p.Changes); {
		end := start
		for end < len(p.Changes) && p.Changes[end].Step == p.Changes[start].Step {
			end++
		}
		if err := r.step(ctx, p.Changes[start:end], n); err != nil {
			return r.landed, err
		}
		start = end
	}
	return r.landed, nil
}

// run is one Apply: the shared wait, the workspaces it created and what
// landed.
type run struct {
	*Applier
	gate     *gate
	mu       sync.Mutex
	created  map[string]string // workspace name → ID
	groups   map[string]string // RBAC group name → ID
	accounts map[string]string // service account name → ID
	rules    map[string]string // federation rule name → ID
	landed   int
}

func (r *run) step(ctx context.Context, changes []Change, n int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	var errs []error
	for _, c := range changes {
		sem <- struct{}{}
		r.mu.Lock()
		stop := len(errs) > 0
		r.mu.Unlock()
		if stop {
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			err := r.change(ctx, c)
			r.mu.Lock()
			defer r.mu.Unlock()
			if err != nil {
				err = &ApplyError{Change: c, Err: err}
				errs = append(errs, err)
			} else {
				r.landed++
			}
			if r.Done != nil {
				r.Done(c, err)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// workspaceID is the change's workspace: known when planned, or created
// earlier in this run.
func (r *run) workspaceID(args Args) (string, error) {
	if args.WorkspaceID != "" || args.Workspace == "" {
		return args.WorkspaceID, nil
	}
	return r.createdID(r.created, "workspace", args.Workspace)
}

// createdID is the ID of an object of this kind and name created earlier
// in this run.
func (r *run) createdID(created map[string]string, kind, name string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id, ok := created[name]; ok {
		return id, nil
	}
	return "", fmt.Errorf("%s %q was to be created earlier in this plan, and was not", kind, name)
}

// groupID is the change's RBAC group: known when planned, or created
// earlier in this run.
func (r *run) groupID(args Args) (string, error) {
	if args.GroupID != "" {
		return args.GroupID, nil
	}
	return r.createdID(r.groups, "RBAC group", args.Group)
}

// learn keeps the ID of an object created in this run.
func (r *run) learn(created map[string]string, name, id string) {
	r.mu.Lock()
	created[name] = id
	r.mu.Unlock()
}

// change sends c's one request.
func (r *run) change(ctx context.Context, c Change) error {
	if err := r.gate.wait(ctx); err != nil {
		return err
	}
	opt := admin.WithRetrySleep(func(ctx context.Context, d time.Duration) error {
		r.gate.hold(d)
		return r.gate.wait(ctx)
	})
	cl, a := r.Client, c.Args
	wsID, err := r.workspaceID(a)
	if err != nil {
		return err
	}
	decode := func(v any) error {
		if err := json.Unmarshal(a.Body, v); err != nil {
			return fmt.Errorf("the plan's parameters for this change do not read: %w", err)
		}
		return nil
	}
	switch {
	case c.Kind == KindWorkspace && c.Op == OpCreate:
		var params admin.WorkspaceCreateParams
		if err := decode(&params); err != nil {
			return err
		}
		w, err := cl.Workspaces.Create(ctx, params, opt)
		if err == nil {
			r.learn(r.created, params.Name, w.ID)
		}
		return err
	case c.Kind == KindWorkspace && c.Op == OpUpdate:
		var params admin.WorkspaceUpdateParams
		if err := decode(&params); err != nil {
			return err
		}
		_, err := cl.Workspaces.Update(ctx, a.ID, params, opt)
		return err
	case c.Kind == KindWorkspace && c.Op == OpArchive:
		_, err := cl.Workspaces.Archive(ctx, a.ID, opt)
		return err
	case c.Kind == KindWorkspaceMember && c.Op == OpCreate:
		_, err := cl.Workspaces.Members.Add(ctx, wsID, admin.WorkspaceMemberAddParams{UserID: a.ID, WorkspaceRole: admin.WorkspaceRole(a.Role)}, opt)
		return err
	case c.Kind == KindWorkspaceMember && c.Op == OpUpdate:
		_, err := cl.Workspaces.Members.Update(ctx, admin.WorkspaceMemberRef{WorkspaceID: wsID, UserID: a.ID}, admin.WorkspaceMemberUpdateParams{WorkspaceRole: admin.WorkspaceRole(a.Role)}, opt)
		return err
	case c.Kind == KindWorkspaceMember && c.Op == OpRemove:
		_, err := cl.Workspaces.Members.Remove(ctx, admin.WorkspaceMemberRef{WorkspaceID: wsID, UserID: a.ID}, opt)
		return err
	case c.Kind == KindRateLimit:
		var params admin.WorkspaceRateLimitUpdateParams
		if err := decode(&params); err != nil {
			return err
		}
		_, err := cl.Workspaces.RateLimits.Update(ctx, admin.WorkspaceRateLimitRef{WorkspaceID: wsID, RateLimitID: a.RateLimitID}, params, opt)
		return err
	case c.Kind == KindMember && c.Op == OpUpdate:
		_, err := cl.Users.Update(ctx, a.ID, admin.UserUpdateParams{Role: admin.OrgRole(a.Role)}, opt)
		return err
	case c.Kind == KindMember && c.Op == OpRemove:
		_, err := cl.Users.Remove(ctx, a.ID, opt)
		return err
	case c.Kind == KindAPIKey:
		var params admin.APIKeyUpdateParams
		if err := decode(&params); err != nil {
			return err
		}
		_, err := cl.APIKeys.Update(ctx, a.ID, params, opt)
		return err
	case c.Kind == KindSpendLimit && c.Op == OpRemove:
		_, err := cl.SpendLimits.Delete(ctx, a.ID, opt)
		return err
	case c.Kind == KindSpendLimit:
		amount, err := admin.ParseAmount(a.Amount)
		if err != nil {
			return err
		}
		scope := admin.SpendLimitScope{Type: admin.SpendLimitScopeType(a.Scope), WorkspaceID: wsID}
		if scope.Type == admin.SpendLimitScopeUser {
			scope.UserID = a.ID
		}
		_, err = cl.SpendLimits.Set(ctx, admin.SpendLimitSetParams{Scope: scope, Amount: admin.Set(amount), Period: admin.SpendLimitPeriod(a.Period)}, opt)
		return err
	case c.Kind == KindRBACGroup && c.Op == OpCreate:
		var params admin.RBACGroupCreateParams
		if err := decode(&params); err != nil {
			return err
		}
		g, err := cl.RBACGroups.Create(ctx, params, opt)
		if err == nil {
			r.learn(r.groups, params.Name, g.ID)
		}
		return err
	case c.Kind == KindRBACGroup && c.Op == OpUpdate:
		var params admin.RBACGroupUpdateParams
		if err := decode(&params); err != nil {
			return err
		}
		_, err := cl.RBACGroups.Update(ctx, a.ID, params, opt)
		return err
	case c.Kind == KindRBACGroup && c.Op == OpRemove:
		_, err := cl.RBACGroups.Delete(ctx, a.ID, opt)
		return err
	case c.Kind == KindRBACGroupMember:
		groupID, err := r.groupID(a)
		if err != nil {
			return err
		}
		if c.Op == OpRemove {
			_, err = cl.RBACGroups.Members.Remove(ctx, admin.RBACGroupMemberRef{RBACGroupID: groupID, UserID: a.ID}, opt)
		} else {
			_, err = cl.RBACGroups.Members.Add(ctx, groupID, admin.RBACGroupMemberAddParams{UserID: a.ID}, opt)
		}
		return err
	case c.Kind == KindServiceAccount && c.Op == OpCreate:
		var params admin.ServiceAccountCreateParams
		if err := decode(&params); err != nil {
			return err
		}
		sa, err := cl.ServiceAccounts.Create(ctx, params, r.oauth(opt)...)
		if err == nil {
			r.learn(r.accounts, params.Name, sa.ID)
		}
		return err
	case c.Kind == KindServiceAccount && c.Op == OpUpdate:
		var params admin.ServiceAccountUpdateParams
		if err := decode(&params); err != nil {
			return err
		}
		_, err := cl.ServiceAccounts.Update(ctx, a.ID, params, r.oauth(opt)...)
		return err
	case c.Kind == KindServiceAccount && c.Op == OpArchive:
		_, err := cl.ServiceAccounts.Archive(ctx, a.ID, r.oauth(opt)...)
		return err
	case c.Kind == KindServiceAccountWorkspace:
		accountID := a.ID
		if accountID == "" {
			if accountID, err = r.createdID(r.accounts, "service account", a.Account); err != nil {
				return err
			}
		}
		ref := admin.ServiceAccountWorkspaceRef{WorkspaceID: wsID, ServiceAccountID: accountID}
		switch c.Op {
		case OpCreate:
			_, err = cl.ServiceAccounts.Workspaces.Add(ctx, accountID, admin.ServiceAccountWorkspaceAddParams{WorkspaceID: wsID, WorkspaceRole: admin.WorkspaceRole(a.Role)}, r.oauth(opt)...)
		case OpUpdate:
			_, err = cl.Workspaces.ServiceAccounts.Update(ctx, ref, admin.WorkspaceServiceAccountUpdateParams{WorkspaceRole: admin.WorkspaceRole(a.Role)}, r.oauth(opt)...)
		default:
			_, err = cl.ServiceAccounts.Workspaces.Remove(ctx, ref, r.oauth(opt)...)
		}
		return err
	case c.Kind == KindFederationRule && c.Op == OpCreate:
		var params admin.FederationRuleCreateParams
		if err := decode(&params); err != nil {
			return err
		}
		if a.Account != "" {
			if params.Target.ServiceAccountID, err = r.createdID(r.accounts, "service account", a.Account); err != nil {
				return err
			}
		}
		rule, err := cl.Federation.Rules.Create(ctx, params, r.oauth(opt)...)
		if err == nil {
			r.learn(r.rules, params.Name, rule.ID)
		}
		return err
	case c.Kind == KindFederationRule && c.Op == OpUpdate:
		var params admin.FederationRuleUpdateParams
		if err := decode(&params); err != nil {
			return err
		}
		_, err := cl.Federation.Rules.Update(ctx, a.ID, params, r.oauth(opt)...)
		return err
	case c.Kind == KindFederationRule && c.Op == OpArchive:
		_, err := cl.Federation.Rules.Archive(ctx, a.ID, r.oauth(opt)...)
		return err
	case c.Kind == KindFederationRuleWorkspace:
		ruleID := a.ID
		if ruleID == "" {
			if ruleID, err = r.createdID(r.rules, "federation rule", a.Rule); err != nil {
				return err
			}
		}
		if c.Op == OpRemove {
			_, err = cl.Federation.Rules.Workspaces.Remove(ctx, admin.FederationRuleWorkspaceRef{FederationRuleID: ruleID, WorkspaceID: wsID}, r.oauth(opt)...)
		} else {
			_, err = cl.Federation.Rules.Workspaces.Add(ctx, ruleID, admin.FederationRuleWorkspaceAddParams{WorkspaceID: wsID}, r.oauth(opt)...)
		}
		return err
	case c.Kind == KindInvite && c.Op == OpCreate:
		_, err := cl.Invites.Create(ctx, admin.InviteCreateParams{Email: a.Email, Role: admin.OrgRole(a.Role)}, opt)
		return err
	case c.Kind == KindInvite && c.Op == OpRemove:
		_, err := cl.Invites.Delete(ctx, a.ID, opt)
		return err
	}
	return fmt.Errorf("no way to %s a %s", c.Op, c.Kind)
}

// gate is the wait every worker of a run shares: when the API asks one
// request to wait, the others wait as long before their next request.
type gate struct {
	mu    sync.Mutex
	until time.Time
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// hold makes every worker wait d from now (or longer, if already asked).
func (g *gate) hold(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if t := g.now().Add(d); t.After(g.until) {
		g.until = t
	}
}

// wait waits until the gate opens.
func (g *gate) wait(ctx context.Context) error {
	g.mu.Lock()
	d := g.until.Sub(g.now())
	g.mu.Unlock()
	if d <= 0 {
		return ctx.Err()
	}
	return g.sleep(ctx, d)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// oauth are the options of a call that takes only an OAuth token.
func (r *run) oauth(opt admin.Option) []admin.Option {
	return append(slices.Clip(r.OAuth), opt)
}
