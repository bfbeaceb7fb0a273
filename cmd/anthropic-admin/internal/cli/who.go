package cli

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/render"
	"github.com/anthropic-admin-go/admin/report"
)

// The --by values of cost (and usage messages) that only the analytics
// endpoints can answer: who spent it (an actor, a member, a service
// account, an API key) and through which product. Their rows come from
// the Usage & Cost Analytics API (a beta), a day at a time.
var (
	costByActor          = costDim{flag: "actor", plural: "actors", none: "(no actor)", adim: admin.DimActor}
	costByUser           = costDim{flag: "user", plural: "users", none: "(not a member: API keys, service accounts)", adim: admin.DimActor}
	costByServiceAccount = costDim{flag: "service-account", plural: "service accounts", none: "(not a service account)", adim: admin.DimActor}
	costByAPIKey         = costDim{flag: "api-key", plural: "API keys", none: "(no key: Console)", adim: admin.DimAPIKeyID}
	costByProduct        = costDim{flag: "product", plural: "products", none: "(none)", adim: admin.DimProduct}
)

// whoColumns are the data columns of an analytics dimension: the raw
// value, and the name beside it ("" for none).
var whoColumns = map[string][2]string{
	costByActor.flag:          {"actor_id", "actor_name"},
	costByUser.flag:           {"user_id", "user_email"},
	costByServiceAccount.flag: {"service_account_id", "service_account_name"},
	costByAPIKey.flag:         {"api_key_id", "api_key_name"},
	costByProduct.flag:        {"product", ""},
}

// whoKey reads the group of an analytics row for a dimension: the ID of
// the actor, member, service account or key, or the product; "" for the
// API's null and for an actor of another kind.
func whoKey(d costDim, g admin.AnalyticsGroup) string {
	switch d.flag {
	case costByAPIKey.flag:
		return g.APIKeyID
	case costByProduct.flag:
		return string(g.Product)
	}
	a := g.Actor
	if a == nil {
		return ""
	}
	switch d.flag {
	case costByUser.flag:
		if a.Type == admin.AnalyticsUserActor {
			return a.UserID
		}
		return ""
	case costByServiceAccount.flag:
		if a.Type == admin.AnalyticsServiceAccountActor {
			return a.ServiceAccountID
		}
		return ""
	}
	return actorID(a)
}

// actorID is the ID an actor is known by: a member's user ID, a service
// account's, an API key's, or a federated identity's subject.
func actorID(a *admin.AnalyticsActor) string {
	return cmp.Or(a.UserID, a.ServiceAccountID, a.APIKeyID, a.Subject)
}

// whoNames are the names the analytics rows carry beside actor IDs (a
// member's email), kept per ID as the rows stream by: one entry per
// group, never per row.
type whoNames map[string]string

func (n whoNames) note(g admin.AnalyticsGroup) {
	a := g.Actor
	if a == nil {
		return
	}
	id := actorID(a)
	if id == "" || n[id] != "" {
		return
	}
	switch {
	case a.EmailAddress != "":
		n[id] = a.EmailAddress
	case a.Type == admin.AnalyticsFederatedActor && a.Provider != nil:
		n[id] = a.Provider.Type + ": " + a.Subject
	}
}

// whoLabel names a group of an analytics dimension: a member by email, a
// key or service account by its name (the account's ID where the
// credential cannot list accounts), a product by its ID.
func (a *app) whoLabel(ctx context.Context, d costDim, key string) string {
	if key == "" {
		return d.none
	}
	if name := a.who[key]; name != "" {
		return name
	}
	switch {
	case d.flag == costByUser.flag:
		return a.names.user(ctx, key)
	case d.flag == costByAPIKey.flag, d.flag == costByActor.flag && isAPIKeyID(key):
		return a.names.apiKey(ctx, key)
	case d.flag == costByActor.flag && isUserID(key):
		return a.names.user(ctx, key)
	case d.flag == costByServiceAccount.flag, d.flag == costByActor.flag && strings.HasPrefix(key, "svac_"):
		if c, _, err := a.oauthClient(ctx); err == nil {
			return a.accountName(ctx, c, key)
		}
	}
	return key
}

func isAPIKeyID(id string) bool { return len(id) > 7 && id[:7] == "apikey_" }
func isUserID(id string) bool   { return len(id) > 5 && id[:5] == "user_" }

// analyticsCostQuery is what to fetch of the analytics cost endpoint:
// daily rows over a range, grouped by one dimension, filtered by the API.
type analyticsCostQuery struct {
	r       admin.TimeRange
	dim     costDim
	filters admin.AnalyticsFilters
	groupBy []admin.AnalyticsDimension // instead of dim's, when given
}

// fetchAnalyticsCost reads every day of the range from the analytics cost
// endpoint, rows in time order, and hands each day to each as it is
// complete; a day without rows is an empty day. Days after the one running
// now are not asked for.
func (a *app) fetchAnalyticsCost(ctx context.Context, c *admin.Client, q analyticsCostQuery, now time.Time, each func(admin.ReportBucket[admin.AnalyticsCostRow]) error) error {
	params := admin.AnalyticsCostParams{
		AnalyticsRange: admin.AnalyticsRange{StartingAt: q.r.Start, EndingAt: q.r.End, TimeBucketWidth: admin.BucketWidthDay,
			GroupBy: q.groupBy, PageCursor: admin.PageCursor{Limit: 1000}, AnalyticsFilters: q.filters},
		OrderBy: admin.CostOrderTime, Order: admin.SortAsc,
	}
	if len(params.GroupBy) == 0 {
		params.GroupBy = []admin.AnalyticsDimension{q.dim.adim}
	}
	until := now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	if q.r.End.Before(until) {
		until = q.r.End
	}
	if !until.After(q.r.Start) {
		return nil
	}
	params.EndingAt = until
	rows := c.Analytics.CostRange(params).All(ctx)
	days := report.DailyRows(rows, q.r.Start, until, func(r admin.AnalyticsCostRow) time.Time { return r.StartingAt })
	return streamRange(a, "analytics cost", q.r, 31*24*time.Hour, days, bucketEnd, func(b admin.ReportBucket[admin.AnalyticsCostRow]) error {
		for _, r := range b.Results {
			a.who.note(r.Group)
		}
		return each(b)
	})
}

// analyticsCostSummary streams the analytics cost of q into a summary by
// its dimension.
func (a *app) analyticsCostSummary(ctx context.Context, c *admin.Client, q analyticsCostQuery, now time.Time) (*report.CostSummary, error) {
	acc := report.NewAnalyticsCostSummarizer(q.dim.flag, func(g admin.AnalyticsGroup) string { return whoKey(q.dim, g) }, now)
	if err := a.fetchAnalyticsCost(ctx, c, q, now, acc.Add); err != nil {
		return nil, err
	}
	return acc.Summary(), nil
}

// topGroups keeps the n largest groups of a summary (all when n is 0 or
// more than there are) and sums the rest into other, so that the rows
// still add up to the total; rest is how many groups other holds.
func topGroups[V interface{ Add(V) V }](sum *report.Summary[V], n int) (top []report.Group[V], other report.Group[V], rest int) {
	if n <= 0 || n >= len(sum.Groups) {
		return sum.Groups, other, 0
	}
	other.Series = make([]V, len(sum.Periods))
	for _, g := range sum.Groups[n:] {
		other.Total = other.Total.Add(g.Total)
		for i, v := range g.Series {
			other.Series[i] = other.Series[i].Add(v)
		}
	}
	return sum.Groups[:n], other, len(sum.Groups) - n
}

// otherLabel is what the row of the groups past --top is called.
func otherLabel(rest int, plural string) string {
	return fmt.Sprintf("(%d other %s)", rest, plural)
}

// analyticsFOCUS writes FOCUS rows from the analytics cost endpoint as the
// days arrive: the cost report's columns, with ListCost from list_amount
// and who incurred each cost (x_ActorType, x_ActorId, x_ActorName).
func (a *app) analyticsFOCUS(ctx context.Context, c *admin.Client, q analyticsCostQuery, now time.Time) error {
	org, err := c.Organization.Get(ctx)
	if err != nil {
		return err
	}
	export := report.AnalyticsFOCUSExport{AccountID: org.ID, AccountName: org.Name,
		WorkspaceName: func(id string) string { return a.names.workspace(ctx, id) },
		ActorName: func(act *admin.AnalyticsActor) string {
			if act.Type == admin.AnalyticsAPIActor {
				if name := a.names.apiKey(ctx, act.APIKeyID); name != act.APIKeyID {
					return name
				}
			}
			return ""
		}}
	q.groupBy = report.AnalyticsFOCUSGroupBy()
	out := bufio.NewWriterSize(a.env.Stdout, 64<<10)
	fw := newFOCUSWriterOf(out, a.out.CSVRaw, report.AnalyticsFOCUSColumns())
	err = a.fetchAnalyticsCost(ctx, c, q, now, func(b admin.ReportBucket[admin.AnalyticsCostRow]) error {
		for _, row := range export.Rows(b) {
			fw.writeRecord(row.AnalyticsRecord())
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := fw.close(); err != nil {
		return err
	}
	return out.Flush()
}

// htmlWho is the HTML report's "who" section: spend by API key and by
// member from the analytics API, lined up with the cost report's days.
// When the analytics API cannot answer for the range (before 2026-01-01,
// or not enabled), the section is left out: it is a nicety of the report.
func (a *app) htmlWho(ctx context.Context, c *admin.Client, r admin.TimeRange, days []report.Period, now time.Time) (byKey, byUser []render.Series, note string) {
	index := map[int64]int{}
	for i, p := range days {
		index[p.Start.Unix()] = i
	}
	series := func(dim costDim) []render.Series {
		sum, err := a.analyticsCostSummary(ctx, c, analyticsCostQuery{r: r, dim: dim}, now)
		if err != nil {
			return nil
		}
		out := make([]render.Series, len(sum.Groups))
		for i, g := range sum.Groups {
			values := make([]admin.Amount, len(days))
			for j, p := range sum.Periods {
				if k, ok := index[p.Start.Unix()]; ok {
					values[k] = values[k].Add(g.Series[j])
				}
			}
			out[i] = render.Series{Name: a.costLabel(ctx, dim, g.Key), Values: values}
		}
		return out
	}
	byKey, byUser = series(costByAPIKey), series(costByUser)
	if byKey != nil || byUser != nil {
		note = "From usage & cost analytics, which counts Priority Tier spend too."
	}
	return byKey, byUser, note
}
