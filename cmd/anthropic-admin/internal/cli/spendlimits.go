package cli

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/render"
)

// noSpendLimitsCode is the API's answer for an organization whose type has
// no spend limits (Console organizations without them, for one).
const noSpendLimitsCode = "organization_type_not_supported"

// spendLimitsErr turns the API's refusal of spend limits for the
// organization's type into one line that says what to do instead; other
// errors pass through.
func spendLimitsErr(err error) error {
	apiErr := asAPIError(err)
	if apiErr == nil || apiErr.ErrorCode != noSpendLimitsCode {
		return err
	}
	return &exitError{code: ExitError, err: fmt.Errorf("this organization's type has no spend limits, so there are none to read or set; for a budget of your own use 'anthropic-admin budget --monthly DOLLARS' %s", apiDetails(apiErr))}
}

// dollarsFlag reads an amount given in dollars ("250", "$250.00") exactly,
// as the whole number of cents a spend limit is.
func dollarsFlag(cmd *cobra.Command, flag, v string) (admin.Amount, error) {
	if v == "" {
		return admin.Amount{}, usageErr(cmd, "--%s is required: an amount in US dollars, such as --%s 250", flag, flag)
	}
	a, err := admin.ParseDollars(v)
	if err != nil {
		return admin.Amount{}, inputErr(cmd, err)
	}
	if a.Sign() < 0 || !a.Cents().IsInt() {
		return admin.Amount{}, usageErr(cmd, "--%s %s: a spend limit is a whole number of cents of at least 0", flag, v)
	}
	return a, nil
}

// limitText is a limit in dollars, or "none" when the API sends null.
func limitText(a *admin.Amount) string {
	if a == nil {
		return "none"
	}
	return render.Dollars(*a)
}

func amountValue(a *admin.Amount) string {
	if a == nil {
		return ""
	}
	return a.String()
}

// scopeText names a scope the way a person knows it: a member by email, a
// workspace by name.
func (a *app) scopeText(ctx context.Context, s admin.SpendLimitScope) string {
	switch s.Type {
	case admin.SpendLimitScopeUser:
		return "member " + a.names.user(ctx, s.UserID)
	case admin.SpendLimitScopeWorkspace:
		return "workspace " + a.names.workspace(ctx, s.WorkspaceID)
	case admin.SpendLimitScopeSeatTier:
		return "seat tier " + s.SeatTier
	case admin.SpendLimitScopeRBACGroup:
		return "group " + s.RBACGroupID
	case admin.SpendLimitScopeOrganizationService:
		return "service " + s.Service
	}
	return string(s.Type)
}

func scopeID(s admin.SpendLimitScope) string {
	return cmp.Or(s.UserID, s.WorkspaceID, s.RBACGroupID, s.SeatTier, s.Service)
}

func (a *app) spendLimitColumns(ctx context.Context) []output.Column[admin.SpendLimit] {
	return []output.Column[admin.SpendLimit]{
		{Header: "id", Fit: output.FitID, Text: func(l admin.SpendLimit) string { return l.ID }},
		{Header: "scope", Field: "scope_type", Fit: output.FitName, Text: func(l admin.SpendLimit) string { return a.scopeText(ctx, l.Scope) }, Value: func(l admin.SpendLimit) string { return string(l.Scope.Type) }},
		{Header: "scope id", Text: func(l admin.SpendLimit) string { return orDash(scopeID(l.Scope)) }, Value: func(l admin.SpendLimit) string { return scopeID(l.Scope) }},
		{Header: "period", Fit: output.FitKeep, Text: func(l admin.SpendLimit) string { return string(l.Period) }},
		{Header: "limit", Field: "amount", Fit: output.FitKeep, Right: true, Text: func(l admin.SpendLimit) string { return limitText(l.Amount) }, Value: func(l admin.SpendLimit) string { return amountValue(l.Amount) }},
		{Header: "enabled", Field: "is_enabled", Fit: output.FitKeep, Text: func(l admin.SpendLimit) string { return fmt.Sprint(l.IsEnabled) }},
		{Header: "updated", Field: "updated_at", Fit: output.FitKeep, Text: func(l admin.SpendLimit) string { return a.when(l.UpdatedAt) }, Value: func(l admin.SpendLimit) string { return rfc3339(l.UpdatedAt) }},
	}
}

func spendLimitRaw(l admin.SpendLimit) json.RawMessage { return l.RawJSON() }

// effectiveRow is one member's effective limit, with the share of it spent.
type effectiveRow struct {
	admin.SpendSummary
	share *big.Rat // nil without a limit, or with a limit of 0
}

func shareOf(s admin.SpendSummary) *big.Rat {
	if s.Amount == nil || s.Amount.Sign() <= 0 {
		return nil
	}
	return render.Fraction(s.PeriodToDateSpend, *s.Amount)
}

func actorText(act admin.SpendLimitActor) string {
	if act.Type == admin.SpendLimitScopedAPIKeyActor {
		return "key " + act.ScopedAPIKeyID
	}
	return cmp.Or(act.EmailAddress, act.UserID)
}

func spendActorID(act admin.SpendLimitActor) string { return cmp.Or(act.UserID, act.ScopedAPIKeyID) }

var effectiveColumns = []output.Column[effectiveRow]{
	{Header: "member", Field: "actor_email_address", Fit: output.FitName, Text: func(r effectiveRow) string { return actorText(r.Actor) }},
	{Header: "name", Field: "actor_name", Text: func(r effectiveRow) string { return r.Actor.Name }},
	{Header: "user id", Field: "actor_user_id", Fit: output.FitID, Text: func(r effectiveRow) string { return spendActorID(r.Actor) }},
	{Header: "period", Fit: output.FitKeep, Text: func(r effectiveRow) string { return string(r.Period) }},
	{Header: "limit", Field: "amount", Fit: output.FitKeep, Right: true, Text: func(r effectiveRow) string { return limitText(r.Amount) }, Value: func(r effectiveRow) string { return amountValue(r.Amount) }},
	{Header: "spent", Field: "period_to_date_spend", Fit: output.FitKeep, Right: true, Text: func(r effectiveRow) string { return render.Dollars(r.PeriodToDateSpend) }, Value: func(r effectiveRow) string { return r.PeriodToDateSpend.String() }},
	{Header: "used", Field: "used_percent", Fit: output.FitKeep, Right: true, Text: func(r effectiveRow) string {
		if r.share == nil {
			return "-"
		}
		return render.Percent(r.share)
	}, Value: func(r effectiveRow) string {
		if r.share == nil {
			return ""
		}
		return render.DecimalString(new(big.Rat).Mul(r.share, big.NewRat(100, 1)))
	}},
	{Header: "source", Field: "source_type", Fit: output.FitKeep, Text: func(r effectiveRow) string { return string(r.Source.Type) }},
}

// sortByShare puts the largest share of a limit first; members without a
// limit come last, by email.
func sortByShare(rows []effectiveRow) {
	slices.SortStableFunc(rows, func(x, y effectiveRow) int {
		switch {
		case x.share == nil && y.share == nil:
			return strings.Compare(actorText(x.Actor), actorText(y.Actor))
		case x.share == nil:
			return 1
		case y.share == nil:
			return -1
		}
		return cmp.Or(y.share.Cmp(x.share), strings.Compare(actorText(x.Actor), actorText(y.Actor)))
	})
}

func (a *app) requestColumns(ctx context.Context) []output.Column[admin.SpendLimitIncreaseRequest] {
	type req = admin.SpendLimitIncreaseRequest
	return []output.Column[req]{
		{Header: "id", Fit: output.FitID, Text: func(r req) string { return r.ID }},
		{Header: "member", Field: "actor_email_address", Fit: output.FitName, Text: func(r req) string { return actorText(r.Actor) }},
		{Header: "name", Field: "actor_name", Text: func(r req) string { return r.Actor.Name }},
		{Header: "status", Fit: output.FitKeep, Text: func(r req) string { return string(r.Status) }},
		{Header: "period", Fit: output.FitKeep, Text: func(r req) string { return string(r.Period) }},
		{Header: "limit", Field: "spend_summary_amount", Fit: output.FitKeep, Right: true, Text: func(r req) string { return limitText(r.SpendSummary.Amount) }, Value: func(r req) string { return amountValue(r.SpendSummary.Amount) }},
		{Header: "spent", Field: "spend_summary_period_to_date_spend", Fit: output.FitKeep, Right: true, Text: func(r req) string { return render.Dollars(r.SpendSummary.PeriodToDateSpend) }, Value: func(r req) string { return r.SpendSummary.PeriodToDateSpend.String() }},
		{Header: "created", Field: "created_at", Fit: output.FitKeep, Text: func(r req) string { return a.when(r.CreatedAt) }, Value: func(r req) string { return rfc3339(r.CreatedAt) }},
		{Header: "resolved by", Field: "resolved_by_email_address", Text: func(r req) string {
			if r.ResolvedBy == nil {
				return "-"
			}
			return actorText(*r.ResolvedBy)
		}, Value: func(r req) string {
			if r.ResolvedBy == nil {
				return ""
			}
			return actorText(*r.ResolvedBy)
		}},
	}
}

func requestRaw(r admin.SpendLimitIncreaseRequest) json.RawMessage { return r.RawJSON() }

// usersArgs resolves members given by ID or email to user IDs.
func (a *app) usersArgs(cmd *cobra.Command, args []string) ([]string, error) {
	var ids []string
	for _, arg := range args {
		_, id, err := a.userArg(cmd, arg)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (a *app) spendLimitsCommand() *cobra.Command {
	sl := &cobra.Command{
		Use:     "spend-limits",
		Aliases: []string{"spend-limit"},
		Short:   "Spend limits: caps on spend per member, workspace or the organization, and requests to raise them",
		Long: `spend-limits reads and changes the organization's spend limits: a cap on
metered spend for a member, a workspace or the whole organization over a
period (daily, weekly or monthly). Amounts are given and shown in US dollars
("--amount 250" or "--amount '$250.00'"), read exactly; a limit is a whole
number of cents. Organizations whose type has no spend limits are told so.`,
	}

	var scopeTypes []string
	var listWorkspace string
	list := &cobra.Command{
		Use:     "list",
		Short:   "List the configured spend limits",
		Example: "  anthropic-admin spend-limits list\n  anthropic-admin spend-limits list --scope-type user -o json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			checked, err := spendLimitScopeTypes.parseAll(cmd, "scope-type", scopeTypes)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			params := admin.SpendLimitListParams{ScopeTypes: wire[admin.SpendLimitScopeType](checked)}
			if listWorkspace != "" {
				if _, params.WorkspaceID, err = a.workspaceArg(cmd, listWorkspace); err != nil {
					return err
				}
			}
			items, err := collect(a, ctx, c.SpendLimits.List(params), "spend limits")
			if err != nil {
				return spendLimitsErr(err)
			}
			return printList(a, cmd, items, spendLimitRaw, a.spendLimitColumns(ctx))
		},
	}
	list.Flags().StringSliceVar(&scopeTypes, "scope-type", nil, "only limits of this scope: "+spendLimitScopeTypes.known()+" (repeatable)")
	list.Flags().StringVar(&listWorkspace, "workspace", "", "only the limits of this workspace (ID or name)")

	var amount, period string
	var setAt scopeFlags
	set := &cobra.Command{
		Use:   "set --amount DOLLARS (--user USER | --workspace W | --org) [--period P]",
		Short: "Set the spend limit of a member, a workspace or the organization (asks first)",
		Long: `set creates or replaces the spend limit of one scope and period: a second set
for the same scope and period replaces the first. USER is an ID or an email,
W an ID or a name. Without --period the API's default period applies.`,
		Example: "  anthropic-admin spend-limits set --user grace.liu@acme-robotics.example --amount 250 --period monthly --yes\n" +
			"  anthropic-admin spend-limits set --workspace Production --amount '$30000.00' --period monthly --dry-run\n" +
			"  anthropic-admin spend-limits set --org --amount 120 --period daily --yes",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if setAt.given() != 1 {
				return usageErr(cmd, "give one of --user, --workspace or --org: whose spend the limit caps")
			}
			amt, err := dollarsFlag(cmd, "amount", amount)
			if err != nil {
				return err
			}
			if period != "" {
				if period, err = spendLimitPeriods.parse(cmd, "period", period); err != nil {
					return err
				}
			}
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			scope, label, err := setAt.scope(a, cmd)
			if err != nil {
				return err
			}
			every := ""
			if period != "" {
				every = " " + period
			}
			if err := a.confirm(cmd, fmt.Sprintf("set the%s spend limit of %s to %s", every, label, render.Dollars(amt))); err != nil {
				return err
			}
			got, err := c.SpendLimits.Set(ctx, admin.SpendLimitSetParams{Scope: scope, Amount: admin.Set(amt), Period: admin.SpendLimitPeriod(period)})
			if err != nil {
				return spendLimitsErr(err)
			}
			if a.flags.dryRun {
				return nil
			}
			fmt.Fprint(a.env.Stderr, output.Safef("set the %s spend limit of %s to %s\n", got.Period, label, limitText(got.Amount)))
			return printOne(a, cmd, *got, spendLimitRaw, a.spendLimitColumns(ctx))
		},
	}
	set.Flags().StringVar(&amount, "amount", "", "the limit in US dollars, such as 250 or $250.00 (whole cents)")
	set.Flags().StringVar(&period, "period", "", "the period the limit resets over: "+spendLimitPeriods.known())
	setAt.register(set, "set the limit of")

	var delAt scopeFlags
	var delPeriod string
	del := &cobra.Command{
		Use:   "delete (SPEND_LIMIT_ID... | --user USER | --workspace W | --org) [--period P]",
		Short: "Delete spend limits, by ID or by whose they are (asks first)",
		Long: `delete removes spend limits named by ID, or the limits of one member, workspace
or the organization (all their periods, or the one --period names).`,
		Example: "  anthropic-admin spend-limits delete --user mei.chen@acme-robotics.example --yes\n" +
			"  anthropic-admin spend-limits delete --org --period daily --dry-run",
		RunE: func(cmd *cobra.Command, args []string) error {
			if (len(args) > 0) == (delAt.given() > 0) || delAt.given() > 1 {
				return usageErr(cmd, "give the spend limits' IDs, or one of --user, --workspace or --org")
			}
			if delPeriod != "" && len(args) > 0 {
				return usageErr(cmd, "--period goes with --user, --workspace or --org, not with IDs")
			}
			var err error
			if delPeriod != "" {
				if delPeriod, err = spendLimitPeriods.parse(cmd, "period", delPeriod); err != nil {
					return err
				}
			}
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			var limits []admin.SpendLimit
			if len(args) > 0 {
				for _, id := range args {
					l, err := c.SpendLimits.Get(ctx, id)
					if err != nil {
						return spendLimitsErr(notFoundAs(err, "no spend limit has the ID %q", id))
					}
					limits = append(limits, *l)
				}
			} else {
				scope, label, err := delAt.scope(a, cmd)
				if err != nil {
					return err
				}
				all, err := c.SpendLimits.List(admin.SpendLimitListParams{ScopeTypes: []admin.SpendLimitScopeType{scope.Type}}).Collect(ctx)
				if err != nil {
					return spendLimitsErr(err)
				}
				for _, l := range all {
					if l.Scope.Type == scope.Type && scopeID(l.Scope) == scopeID(scope) && (delPeriod == "" || string(l.Period) == delPeriod) {
						limits = append(limits, l)
					}
				}
				if len(limits) == 0 {
					return &exitError{code: ExitNotFound, err: fmt.Errorf("%s has no %sspend limit (see 'anthropic-admin spend-limits list')", label, cmp.Or(delPeriod+" ", ""))}
				}
			}
			var targets []target
			for _, l := range limits {
				targets = append(targets, target{id: l.ID, label: fmt.Sprintf("%s (%s %s of %s)", l.ID, l.Period, limitText(l.Amount), a.scopeText(ctx, l.Scope))})
			}
			return a.applyAll(cmd, change{noun: "spend limit", verb: "delete", done: "deleted", ask: true}, targets, func(ctx context.Context, id string) error {
				_, err := c.SpendLimits.Delete(ctx, id)
				return spendLimitsErr(err)
			})
		},
	}
	delAt.register(del, "delete the limits of")
	del.Flags().StringVar(&delPeriod, "period", "", "with --user, --workspace or --org, only the limit of this period: "+spendLimitPeriods.known())

	var effPeriods, effUsers []string
	effective := &cobra.Command{
		Use:   "effective",
		Short: "Each member's effective limit and spend so far, the closest to their limit first",
		Long: `effective shows, for each member and period, the limit that applies to them
(their own, their workspace's or group's, or the organization's: see source),
what they have spent so far this period, and the share of the limit that is.
The members closest to their limit come first; members without a limit last.`,
		Example: "  anthropic-admin spend-limits effective --period monthly\n  anthropic-admin spend-limits effective --user grace.liu@acme-robotics.example -o json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			periods, err := spendLimitPeriods.parseAll(cmd, "period", effPeriods)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			ids, err := a.usersArgs(cmd, effUsers)
			if err != nil {
				return err
			}
			// Every page, then sorted, then cut: --max-items keeps the
			// members closest to their limit, not the first the API sent.
			items, err := c.SpendLimits.Effective(admin.SpendLimitEffectiveParams{Periods: wire[admin.SpendLimitPeriod](periods), UserIDs: ids}).Collect(ctx)
			if err != nil {
				return spendLimitsErr(err)
			}
			rows := make([]effectiveRow, len(items))
			for i, s := range items {
				rows[i] = effectiveRow{SpendSummary: s, share: shareOf(s)}
			}
			sortByShare(rows)
			if n := a.flags.maxItems; n > 0 && len(rows) > n {
				rows = rows[:n]
			}
			format, err := a.format(cmd)
			if err != nil {
				return err
			}
			if format != output.Table && format != output.CSV {
				sorted := make([]admin.SpendSummary, len(rows))
				for i, r := range rows {
					sorted[i] = r.SpendSummary
				}
				return printList(a, cmd, sorted, func(s admin.SpendSummary) json.RawMessage { return s.RawJSON() }, nil)
			}
			return printList(a, cmd, rows, nil, effectiveColumns)
		},
	}
	effective.Flags().StringSliceVar(&effPeriods, "period", nil, "only this period: "+spendLimitPeriods.known()+" (repeatable)")
	effective.Flags().StringArrayVar(&effUsers, "user", nil, "only this member (ID or email; repeatable)")

	sl.AddCommand(lists(list), set, del, lists(effective), a.spendRequestsCommand())
	return sl
}

func (a *app) spendRequestsCommand() *cobra.Command {
	reqs := &cobra.Command{
		Use:     "requests",
		Aliases: []string{"request"},
		Short:   "Members' requests for a higher spend limit",
	}
	var statuses, users []string
	list := &cobra.Command{
		Use:     "list",
		Short:   "List increase requests, most recent first",
		Example: "  anthropic-admin spend-limits requests list --status pending\n  anthropic-admin spend-limits requests list -o json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			checked, err := increaseStatuses.parseAll(cmd, "status", statuses)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			ids, err := a.usersArgs(cmd, users)
			if err != nil {
				return err
			}
			items, err := collect(a, ctx, c.SpendLimits.IncreaseRequests.List(admin.SpendLimitIncreaseListParams{ActorIDs: ids, Statuses: wire[admin.SpendLimitIncreaseStatus](checked)}), "increase requests")
			if err != nil {
				return spendLimitsErr(err)
			}
			return printList(a, cmd, items, requestRaw, a.requestColumns(ctx))
		},
	}
	list.Flags().StringSliceVar(&statuses, "status", nil, "only requests in this status: "+increaseStatuses.known()+" (repeatable)")
	list.Flags().StringArrayVar(&users, "user", nil, "only this member's requests (ID or email; repeatable)")

	var amount, period string
	var quiet bool
	approve := &cobra.Command{
		Use:   "approve REQUEST --amount DOLLARS",
		Short: "Approve a pending request with a new limit (asks first)",
		Long: `approve gives the member who asked a new limit. REQUEST is the request's ID,
or the member's email when they have one pending request.`,
		Example: "  anthropic-admin spend-limits requests approve aiko.tanaka@acme-robotics.example --amount 400 --yes\n" +
			"  anthropic-admin spend-limits requests approve ravi.patel@acme-robotics.example --amount '$1500.00' --no-notify --dry-run",
		Args: exactArgs("REQUEST"),
		RunE: func(cmd *cobra.Command, args []string) error {
			amt, err := dollarsFlag(cmd, "amount", amount)
			if err != nil {
				return err
			}
			if period != "" {
				if period, err = spendLimitPeriods.parse(cmd, "period", period); err != nil {
					return err
				}
			}
			return a.resolveRequest(cmd, args[0], "approve", fmt.Sprintf(" with a limit of %s", render.Dollars(amt)), func(ctx context.Context, c *admin.Client, id string) (*admin.SpendLimitIncreaseRequest, error) {
				return c.SpendLimits.IncreaseRequests.Approve(ctx, id, admin.SpendLimitApproveParams{Amount: amt, Period: admin.SpendLimitPeriod(period), SuppressNotification: quiet})
			})
		},
	}
	approve.Flags().StringVar(&amount, "amount", "", "the member's new limit in US dollars, such as 400 or $400.00 (whole cents)")
	approve.Flags().StringVar(&period, "period", "", "the new limit's period: "+spendLimitPeriods.known()+" (default: the request's)")
	approve.Flags().BoolVar(&quiet, "no-notify", false, "do not notify the member")

	var denyQuiet bool
	deny := &cobra.Command{
		Use:     "deny REQUEST",
		Short:   "Deny a pending request (asks first)",
		Long:    "deny refuses a member's request. REQUEST is the request's ID, or the member's email when they\nhave one pending request.",
		Example: "  anthropic-admin spend-limits requests deny ravi.patel@acme-robotics.example --yes",
		Args:    exactArgs("REQUEST"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.resolveRequest(cmd, args[0], "deny", "", func(ctx context.Context, c *admin.Client, id string) (*admin.SpendLimitIncreaseRequest, error) {
				return c.SpendLimits.IncreaseRequests.Deny(ctx, id, admin.SpendLimitDenyParams{SuppressNotification: denyQuiet})
			})
		},
	}
	deny.Flags().BoolVar(&denyQuiet, "no-notify", false, "do not notify the member")

	reqs.AddCommand(lists(list), approve, deny)
	return reqs
}

// requestArg finds the increase request named by its ID, or by the email
// of a member with one pending request (checked here too, as byEmail does).
func (a *app) requestArg(cmd *cobra.Command, c *admin.Client, arg string) (admin.SpendLimitIncreaseRequest, error) {
	ctx := cmd.Context()
	if !strings.Contains(arg, "@") {
		r, err := c.SpendLimits.IncreaseRequests.Get(ctx, arg)
		if err != nil {
			return admin.SpendLimitIncreaseRequest{}, spendLimitsErr(notFoundAs(err, "no spend limit increase request has the ID %q", arg))
		}
		return *r, nil
	}
	u, err := userByEmail(cmd, c, arg)
	if err != nil {
		return admin.SpendLimitIncreaseRequest{}, err
	}
	found, err := byEmail(ctx, arg, func(string) *admin.List[admin.SpendLimitIncreaseRequest] {
		return c.SpendLimits.IncreaseRequests.List(admin.SpendLimitIncreaseListParams{ActorIDs: []string{u.ID},
			Statuses: []admin.SpendLimitIncreaseStatus{admin.SpendLimitIncreasePending}})
	}, func(r admin.SpendLimitIncreaseRequest) string {
		if r.Status != admin.SpendLimitIncreasePending || r.Actor.UserID != u.ID {
			return "" // the filter was not applied: not this one
		}
		return arg
	})
	if err != nil {
		return admin.SpendLimitIncreaseRequest{}, spendLimitsErr(err)
	}
	return onlyOne(cmd, found, func(r admin.SpendLimitIncreaseRequest) string { return r.ID },
		"no pending spend limit increase request from "+arg+" (see 'anthropic-admin spend-limits requests list')",
		"pending requests are from "+arg)
}

// resolveRequest reads the request (so the question names the member and
// a request resolved already is refused before asking), confirms, sends.
func (a *app) resolveRequest(cmd *cobra.Command, arg, verb, how string, send func(context.Context, *admin.Client, string) (*admin.SpendLimitIncreaseRequest, error)) error {
	ctx := cmd.Context()
	c, err := a.clientFor(ctx)
	if err != nil {
		return err
	}
	r, err := a.requestArg(cmd, c, arg)
	if err != nil {
		return err
	}
	id := r.ID
	if r.Status != admin.SpendLimitIncreasePending {
		return &exitError{code: ExitConflict, err: fmt.Errorf("request %s of %s is %s already: only a pending request can be approved or denied", id, actorText(r.Actor), r.Status)}
	}
	who := actorText(r.Actor)
	if err := a.confirm(cmd, fmt.Sprintf("%s the %s spend limit increase request of %s%s", verb, r.Period, who, how)); err != nil {
		return err
	}
	got, err := send(ctx, c, id)
	if err != nil {
		return spendLimitsErr(err)
	}
	if a.flags.dryRun {
		return nil
	}
	fmt.Fprint(a.env.Stderr, output.Safef("%s the request of %s\n", map[string]string{"approve": "approved", "deny": "denied"}[verb], who))
	return printOne(a, cmd, *got, requestRaw, a.requestColumns(ctx))
}

// scopeFlags name whose spend limit a command sets or deletes: a member, a
// workspace or the organization.
type scopeFlags struct {
	user, workspace string
	org             bool
}

func (f *scopeFlags) register(cmd *cobra.Command, what string) {
	cmd.Flags().StringVar(&f.user, "user", "", what+" this member (ID or email)")
	cmd.Flags().StringVar(&f.workspace, "workspace", "", what+" this workspace (ID or name)")
	cmd.Flags().BoolVar(&f.org, "org", false, what+" the whole organization")
}

// given is how many of the three were given.
func (f *scopeFlags) given() int {
	n := 0
	for _, g := range []bool{f.user != "", f.workspace != "", f.org} {
		if g {
			n++
		}
	}
	return n
}

// scope resolves the one given to a scope, and how to name it.
func (f *scopeFlags) scope(a *app, cmd *cobra.Command) (admin.SpendLimitScope, string, error) {
	switch {
	case f.user != "":
		_, id, err := a.userArg(cmd, f.user)
		return admin.SpendLimitScope{Type: admin.SpendLimitScopeUser, UserID: id}, "member " + f.user, err
	case f.workspace != "":
		_, id, err := a.workspaceArg(cmd, f.workspace)
		return admin.SpendLimitScope{Type: admin.SpendLimitScopeWorkspace, WorkspaceID: id}, "workspace " + f.workspace, err
	}
	return admin.SpendLimitScope{Type: admin.SpendLimitScopeOrganization}, "the organization", nil
}
