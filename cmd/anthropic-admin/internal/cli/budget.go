package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/render"
	"github.com/anthropic-admin-go/admin/report"
)

func (a *app) budgetCommand() *cobra.Command {
	var monthly string
	var workspaces []string
	var againstLimits bool
	cmd := &cobra.Command{
		Use:   "budget (--monthly DOLLARS | --against-limits)",
		Short: "This month's spend and its projected month-end against a budget (exit 7 when projected over)",
		Long: `budget compares this UTC calendar month's spend with a monthly budget in US
dollars: the spend so far (today's unfinished day included), and the month-end
it is heading for if every day left costs the average of the last 7 complete
days. All of it is computed exactly from the cost report's decimal cents.

Exit codes: 0 when the projection is within the budget, 7 when it exceeds it
(whether or not the spend so far already does), so a scheduled job can alert
on it. Other failures keep their usual codes.

With --workspace the spend is that of the workspaces named (the cost report
grouped by workspace and filtered here). -o json gives every figure as an exact
decimal string in dollars (_usd) and cents (_cents); a figure divided by the 7
days that does not end in decimal is rounded at 20 places.

--against-limits takes the budget from the organization's spend limits instead:
the organization's monthly limit (with one --workspace, that workspace's) is
the budget, and each member's monthly effective limit is checked too, their
month-end projected at their own pace so far this month (the API gives a
member's spend so far, not by day); members are not checked with --workspace,
since their limits cap all their spend. It exits 7 when any projection passes its
limit, naming whom; -o json adds limit_scope and members_projected_over.`,
		Example: `  anthropic-admin budget --monthly 500                            # exits 7 when the projection is over budget
  anthropic-admin budget --monthly 12000 --workspace Production  # exits 7 when the projection is over budget
  anthropic-admin budget --monthly 75000 -o json > budget.json   # exits 7 when the projection is over budget
  anthropic-admin budget --against-limits                         # exits 7 when a projection passes a spend limit`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if againstLimits {
				return a.budgetAgainstLimits(cmd, monthly, workspaces)
			}
			if monthly == "" {
				return usageErr(cmd, "--monthly is required: the monthly budget in US dollars, such as --monthly 500 (or --against-limits for the organization's spend limits)")
			}
			budget, err := admin.ParseDollars(monthly)
			if err != nil {
				return inputErr(cmd, err)
			}
			if budget.Sign() <= 0 {
				return usageErr(cmd, "--monthly %s: a budget must be more than zero", monthly)
			}
			run, err := a.startReport(cmd, nil, false, false)
			if err != nil {
				return err
			}
			ctx, c, now := cmd.Context(), run.c, run.now
			_, costIDs, err := a.reportWorkspaces(cmd, workspaces)
			if err != nil {
				return err
			}
			filter := costFilter{workspaces: costIDs}
			sum, err := a.costSummary(ctx, c, costQuery{r: report.ForecastRange(now), filter: filter}, "", now)
			if err != nil {
				return err
			}
			f, err := report.ForecastMonthOf(sum, now)
			if err != nil {
				return err
			}
			st, err := f.CheckBudget(budget)
			if err != nil {
				return inputErr(cmd, err)
			}
			if run.format == output.Table {
				a.printBudgetTable(f, st, now, a.describeFilter(ctx, filter))
			} else if err := printOne(a, cmd, budgetRow(f, st, costIDs), dataRow.json, dataColumns(keysOf(budgetRow(f, st, costIDs)))); err != nil {
				return err
			}
			if st.ProjectedOver {
				return &exitError{code: ExitOverBudget, label: "over budget", err: fmt.Errorf("the projected month-end spend %s is over the monthly budget %s",
					render.CentsRat(f.Projected.Rat()), render.Dollars(budget))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&monthly, "monthly", "", "the monthly budget in US dollars, such as 500 or 1234.56")
	cmd.Flags().StringArrayVar(&workspaces, "workspace", nil, "only the spend of this workspace, by ID or name; Default is the default workspace (repeatable)")
	cmd.Flags().BoolVar(&againstLimits, "against-limits", false, "take the budget from the spend limits: the organization's (or one --workspace's) monthly limit, and each member's")
	return cmd
}

func (a *app) printBudgetTable(f *report.Forecast, st *report.BudgetStatus, now time.Time, filter string) {
	lastTrailing := f.Trailing.End.AddDate(0, 0, -1)
	short := f.AsOf.Before(now) // the forecast lacks today's bucket
	rows := [][]string{
		{"Monthly budget", render.Dollars(st.Budget), ""},
		{"Spent so far", render.Dollars(f.MonthToDate), render.Percent(st.UsedShare.Rat()) + " of the budget"},
		{"Daily average", render.CentsRat(f.DailyAverage.Rat()), fmt.Sprintf("%s – %s (the last 7 complete days)", f.Trailing.Start.Format("Jan 2"), lastTrailing.Format("Jan 2"))},
		{"Days left", render.RoundText(f.RemainingDays.Rat(), 2), daysLeftText(f.RemainingDays.Rat())},
		{"Projected month-end", render.CentsRat(f.Projected.Rat()), render.Percent(st.ProjectedShare.Rat()) + " of the budget"},
	}
	a.out.Lines(fmt.Sprintf("Budget for %s, as of %s UTC", f.Month.Start.Format("January 2006"), f.AsOf.Format("Jan 2 15:04")))
	a.out.ReportTable("  ", nil, rows, 1)
	projected := render.CentsRat(f.Projected.Rat())
	gap := render.CentsRat(new(big.Rat).Abs(new(big.Rat).Sub(f.Projected.Rat(), st.Budget.Cents())))
	var verdict string
	switch {
	case st.Over:
		verdict = fmt.Sprintf("OVER BUDGET: %s spent already, more than the budget of %s; projected %s over by month-end.", render.Dollars(f.MonthToDate), render.Dollars(st.Budget), gap)
	case st.ProjectedOver:
		verdict = fmt.Sprintf("PROJECTED OVER BUDGET: at the pace of the last 7 days the month ends at %s, %s over.", projected, gap)
	default:
		verdict = fmt.Sprintf("Within budget: at the pace of the last 7 days the month ends at %s, %s under.", projected, gap)
	}
	today := f.AsOf.Truncate(24 * time.Hour)
	note := fmt.Sprintf("* Spent so far includes %s, which is not final yet: the day is not over and the report lags up to %s.", today.Format("Jan 2"), lagText())
	if short {
		note = fmt.Sprintf("* Spent so far runs up to %s UTC, the end of the last whole day: the API does not give today's spend yet, so the projection counts all of today at the daily average.",
			f.AsOf.UTC().Format("Jan 2 15:04"))
	}
	style := ""
	if st.ProjectedOver {
		style = "1;31" // bold red
	}
	a.out.Styled(verdict, style)
	a.out.Lines(note, filter)
}

// daysLeftText says how the days left are counted: the rest of today as
// the fraction of a day that remains, then the whole days after it.
func daysLeftText(days *big.Rat) string {
	whole := new(big.Int).Quo(days.Num(), days.Denom())
	today := new(big.Rat).Sub(days, new(big.Rat).SetInt(whole))
	s := "the rest of today, " + render.RoundText(today, 2) + " of a day"
	if today.Sign() == 0 && whole.Sign() > 0 { // as of midnight: all of today is left
		whole.Sub(whole, big.NewInt(1))
		s = "all of today"
	}
	if whole.Sign() > 0 {
		s += ", and " + count(int(whole.Int64()), "more day")
	}
	return s
}

// budgetRow is the forecast and the budget check as exact decimal strings.
func budgetRow(f *report.Forecast, st *report.BudgetStatus, workspaces []string) dataRow {
	ids, _ := json.Marshal(workspaces)
	if workspaces == nil {
		ids = []byte("[]")
	}
	dollarsOf := func(cents *big.Rat) string { return render.DecimalString(new(big.Rat).Quo(cents, big.NewRat(100, 1))) }
	ratCells := func(prefix string, cents report.Ratio) []cell {
		return []cell{strCell(prefix+"_usd", dollarsOf(cents.Rat())), strCell(prefix+"_cents", render.DecimalString(cents.Rat()))}
	}
	pct := func(share report.Ratio) string {
		return render.DecimalString(new(big.Rat).Mul(share.Rat(), big.NewRat(100, 1)))
	}
	row := dataRow{
		strCell("month", f.Month.Start.Format("2006-01")), strCell("as_of", rfc3339(f.AsOf)),
		{key: "workspace_ids", text: string(ids), literal: true},
	}
	row = append(row, moneyCells("budget", st.Budget)...)
	row = append(row, moneyCells("month_to_date", f.MonthToDate)...)
	row = append(row, strCell("trailing_start", rfc3339(f.Trailing.Start)), strCell("trailing_end", rfc3339(f.Trailing.End)))
	row = append(row, moneyCells("trailing_spend", f.TrailingSpend)...)
	row = append(row, ratCells("daily_average", f.DailyAverage)...)
	row = append(row, strCell("remaining_days", render.DecimalString(f.RemainingDays.Rat())))
	row = append(row, ratCells("projected", f.Projected)...)
	return append(row,
		strCell("used_percent", pct(st.UsedShare)), strCell("projected_percent", pct(st.ProjectedShare)),
		boolCell("over_budget", st.Over), boolCell("projected_over_budget", st.ProjectedOver))
}

// memberOverLimit is a member projected past their monthly effective limit.
type memberOverLimit struct {
	actor            admin.SpendLimitActor
	limit, spent     admin.Amount
	projected, share *big.Rat // cents; projected / limit
}

// budgetAgainstLimits is budget with the spend limits as the budget: the
// organization's (or one workspace's) monthly limit for the cost forecast,
// and each member's monthly effective limit against their own pace.
func (a *app) budgetAgainstLimits(cmd *cobra.Command, monthly string, workspaces []string) error {
	switch {
	case monthly != "":
		return usageErr(cmd, "give --monthly or --against-limits, not both: --against-limits takes the budget from the spend limits")
	case len(workspaces) > 1:
		return usageErr(cmd, "--against-limits takes one --workspace at most: each workspace has its own limit")
	}
	run, err := a.startReport(cmd, nil, false, false)
	if err != nil {
		return err
	}
	ctx, c, now := cmd.Context(), run.c, run.now
	wsIDs, costIDs, err := a.reportWorkspaces(cmd, workspaces)
	if err != nil {
		return err
	}
	params := admin.SpendLimitListParams{ScopeTypes: []admin.SpendLimitScopeType{admin.SpendLimitScopeOrganization}}
	whose := "the organization"
	if len(wsIDs) == 1 {
		params = admin.SpendLimitListParams{ScopeTypes: []admin.SpendLimitScopeType{admin.SpendLimitScopeWorkspace}, WorkspaceID: wsIDs[0]}
		whose = "workspace " + workspaces[0]
	}
	configured, err := c.SpendLimits.List(params).Collect(ctx)
	if err != nil {
		return spendLimitsErr(err)
	}
	i := slices.IndexFunc(configured, func(l admin.SpendLimit) bool {
		return l.Period == admin.SpendLimitMonthly && l.IsEnabled && l.Amount != nil && l.Scope.Type == params.ScopeTypes[0] &&
			(len(wsIDs) == 0 || l.Scope.WorkspaceID == wsIDs[0])
	})
	if i < 0 {
		what := "--org"
		if len(wsIDs) == 1 {
			what = "--workspace " + workspaces[0]
		}
		return &exitError{code: ExitNotFound, err: fmt.Errorf("%s has no monthly spend limit to budget against: set one ('anthropic-admin spend-limits set %s --period monthly --amount DOLLARS') or give --monthly", whose, what)}
	}
	limit := configured[i]
	budget := *limit.Amount
	if budget.Sign() <= 0 {
		return &exitError{code: ExitError, err: fmt.Errorf("the monthly spend limit of %s is %s: there is no budget to project against", whose, render.Dollars(budget))}
	}
	var members []memberOverLimit
	if len(wsIDs) == 0 {
		if members, err = a.membersOverLimits(ctx, c, now); err != nil {
			return spendLimitsErr(err)
		}
	}

	filter := costFilter{workspaces: costIDs}
	sum, err := a.costSummary(ctx, c, costQuery{r: report.ForecastRange(now), filter: filter}, "", now)
	if err != nil {
		return err
	}
	f, err := report.ForecastMonthOf(sum, now)
	if err != nil {
		return err
	}
	st, err := f.CheckBudget(budget)
	if err != nil {
		return inputErr(cmd, err)
	}
	if run.format == output.Table {
		a.out.Lines(output.Safef("The budget is the monthly spend limit of %s (%s).", whose, limit.ID))
		a.printBudgetTable(f, st, now, a.describeFilter(ctx, filter))
		a.printMembersOverLimits(members, len(wsIDs) == 0)
	} else {
		row := append(budgetRow(f, st, costIDs), strCell("limit_scope", string(limit.Scope.Type)), strCell("spend_limit_id", limit.ID),
			cell{key: "members_projected_over", text: membersOverJSON(members), literal: true})
		if err := printOne(a, cmd, row, dataRow.json, dataColumns(keysOf(row))); err != nil {
			return err
		}
	}
	var over []string
	if st.ProjectedOver {
		over = append(over, fmt.Sprintf("%s (projected %s, limit %s)", whose, render.CentsRat(f.Projected.Rat()), render.Dollars(budget)))
	}
	for _, m := range members {
		over = append(over, actorText(m.actor))
	}
	if len(over) == 0 {
		return nil
	}
	if len(over) > 4 {
		over = append(over[:3], fmt.Sprintf("and %d more", len(over)-3))
	}
	return &exitError{code: ExitOverBudget, label: "over a spend limit", err: fmt.Errorf("projected past the monthly spend limit by month-end: %s", strings.Join(over, ", "))}
}

// membersOverLimits are the members whose month-end, at their pace so far
// this month, passes their monthly effective limit: the largest share of
// the limit first.
func (a *app) membersOverLimits(ctx context.Context, c *admin.Client, now time.Time) ([]memberOverLimit, error) {
	start := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	monthLen := big.NewRat(int64(start.AddDate(0, 1, 0).Sub(start)/time.Second), 1)
	elapsed := big.NewRat(int64(now.Sub(start)/time.Second), 1)
	summaries, err := c.SpendLimits.Effective(admin.SpendLimitEffectiveParams{Periods: []admin.SpendLimitPeriod{admin.SpendLimitMonthly}}).Collect(ctx)
	if err != nil {
		return nil, err
	}
	var over []memberOverLimit
	for _, s := range summaries {
		if s.Period != admin.SpendLimitMonthly || s.Amount == nil {
			continue
		}
		projected := s.PeriodToDateSpend.Cents()
		if elapsed.Sign() > 0 {
			projected = new(big.Rat).Quo(new(big.Rat).Mul(projected, monthLen), elapsed)
		}
		if projected.Cmp(s.Amount.Cents()) <= 0 {
			continue
		}
		m := memberOverLimit{actor: s.Actor, limit: *s.Amount, spent: s.PeriodToDateSpend, projected: projected}
		if s.Amount.Sign() > 0 {
			m.share = new(big.Rat).Quo(projected, s.Amount.Cents())
		}
		over = append(over, m)
	}
	slices.SortStableFunc(over, func(x, y memberOverLimit) int {
		switch {
		case x.share == nil && y.share != nil:
			return -1 // a limit of 0, passed: first
		case x.share != nil && y.share == nil:
			return 1
		case x.share != nil && y.share != nil:
			if c := y.share.Cmp(x.share); c != 0 {
				return c
			}
		}
		return strings.Compare(actorText(x.actor), actorText(y.actor))
	})
	return over, nil
}

func (a *app) printMembersOverLimits(members []memberOverLimit, checked bool) {
	if !checked {
		return
	}
	if len(members) == 0 {
		a.out.Lines("No member is projected past their monthly spend limit.")
		return
	}
	a.out.Styled(fmt.Sprintf("%s projected past their monthly spend limit, at their pace so far this month:", count(len(members), "member")), "1;31")
	rows := make([][]string, len(members))
	for i, m := range members {
		share := "-"
		if m.share != nil {
			share = render.Percent(m.share)
		}
		rows[i] = []string{actorText(m.actor), m.actor.Name, spendActorID(m.actor), render.Dollars(m.limit), render.Dollars(m.spent), render.CentsRat(m.projected), share}
	}
	a.out.ReportTable("  ", []string{"MEMBER", "NAME", "USER ID", "LIMIT", "SPENT", "PROJECTED", "OF LIMIT"}, rows, 3, 4, 5, 6)
}

// membersOverJSON is the members over their limit as a JSON array, every
// figure an exact decimal string.
func membersOverJSON(members []memberOverLimit) string {
	type entry struct {
		UserID           string `json:"user_id"`
		EmailAddress     string `json:"email_address"`
		Name             string `json:"name"`
		LimitUSD         string `json:"limit_usd"`
		SpentUSD         string `json:"spent_usd"`
		ProjectedUSD     string `json:"projected_usd"`
		ProjectedPercent string `json:"projected_percent,omitempty"`
	}
	out := make([]entry, len(members))
	for i, m := range members {
		out[i] = entry{UserID: spendActorID(m.actor), EmailAddress: m.actor.EmailAddress, Name: m.actor.Name,
			LimitUSD: render.DecimalString(m.limit.Dollars()), SpentUSD: render.DecimalString(m.spent.Dollars()),
			ProjectedUSD: render.DecimalString(new(big.Rat).Quo(m.projected, big.NewRat(100, 1)))}
		if m.share != nil {
			out[i].ProjectedPercent = render.DecimalString(new(big.Rat).Mul(m.share, big.NewRat(100, 1)))
		}
	}
	b, _ := json.Marshal(out)
	return string(b)
}
