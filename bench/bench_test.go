package bench

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-admin-go/admin"
)

// Each benchmark runs the same call three ways, as sub-benchmarks side by
// side in one process: ours (this library), baseline (hand-written net/http
// into the same types, the floor) and sdk (the official SDK), the last only
// where the SDK has the endpoint. Every call checks what it got back, so a
// client that silently returned nothing could not look fast.
//
// Besides ns/op (wall time, which includes the fake's answer in the other
// process), each reports cpu-ns/op: this process's CPU time per call, user
// and system, garbage collection included. That is the client's own cost.

// call is one client's way of making the call measured; i counts the calls
// from 0.
type call func(ctx context.Context, i int) error

// round is the round of run.sh this process is (BENCH_ROUND, from 0).
var round, _ = strconv.Atoi(os.Getenv("BENCH_ROUND"))

// compare runs each client's call as a sub-benchmark named after the
// client; c.sdk is nil where the SDK lacks the endpoint. The order rotates
// with the round, so that over the rounds each client runs first, second
// and last as often as the others, and none carries an order effect.
func compare(b *testing.B, c clients) {
	all := []struct {
		name string
		f    call
	}{{"ours", c.ours}, {"baseline", c.baseline}, {"sdk", c.sdk}}
	if c.sdk == nil {
		all = all[:2]
	}
	r := round % len(all)
	for _, c := range append(all[r:], all[:r]...) {
		measure(b, c.name, c.f)
	}
}

// clients are the three ways of making one call.
type clients struct{ ours, baseline, sdk call }

// measure runs f as the sub-benchmark name.
func measure(b *testing.B, name string, f call) {
	b.Run(name, func(b *testing.B) {
		ctx := context.Background()
		// One call first, untimed, and a collection: otherwise whichever
		// client runs first pays for growing the heap and for the caches,
		// which showed as 20% on the big reports.
		if err := f(ctx, 0); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.ReportAllocs()
		start, i := cpuTime(), 1
		for b.Loop() {
			if err := f(ctx, i); err != nil {
				b.Fatal(err)
			}
			i++
		}
		if start >= 0 && i > 1 {
			b.ReportMetric(float64(cpuTime()-start)/float64(i-1), "cpu-ns/op")
		}
	})
}

// want fails unless got is what was expected.
func want[T comparable](what string, got, expected T) error {
	if got != expected {
		return fmt.Errorf("%s: got %v, want %v", what, got, expected)
	}
	return nil
}

func BenchmarkGetUser(b *testing.B) {
	lib, raw, api := ours(fx.FakeURL), baseline{base: fx.FakeURL}, sdk()
	compare(b, clients{
		ours: func(ctx context.Context, _ int) error {
			u, err := lib.Users.Get(ctx, fx.UserID)
			if err != nil {
				return err
			}
			return want("user ID", u.ID, fx.UserID)
		},
		baseline: func(ctx context.Context, _ int) error {
			var u admin.User
			if err := raw.do(ctx, "GET", "/v1/organizations/users/"+url.PathEscape(fx.UserID), nil, nil, &u); err != nil {
				return err
			}
			return want("user ID", u.ID, fx.UserID)
		},
		sdk: func(ctx context.Context, _ int) error {
			u, err := api.Organization.Users.Get(ctx, fx.UserID)
			if err != nil {
				return err
			}
			return want("user ID", u.ID, fx.UserID)
		},
	})
}

// BenchmarkListUsers5000 walks all 5,000 members, every page fetched and
// every member decoded, with 1,000 and with 100 members a page.
func BenchmarkListUsers5000(b *testing.B) {
	lib, raw, api := ours(fx.FakeURL), baseline{base: fx.FakeURL}, sdk()
	for _, limit := range []int{1000, 100} {
		b.Run("limit="+strconv.Itoa(limit), func(b *testing.B) {
			compare(b, clients{
				ours: func(ctx context.Context, _ int) error {
					n, err := countAll(ctx, lib.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: limit}}))
					return wantCount("members", n, err, listedUsers)
				},
				baseline: func(ctx context.Context, _ int) error {
					n, err := countEach[admin.User](ctx, raw, "/v1/organizations/users", url.Values{"limit": {strconv.Itoa(limit)}})
					return wantCount("members", n, err, listedUsers)
				},
				sdk: func(ctx context.Context, _ int) error {
					n, err := countPager(api.Organization.Users.ListAutoPaging(ctx, anthropic.OrganizationUserListParams{Limit: anthropic.Int(int64(limit))}))
					return wantCount("members", n, err, listedUsers)
				},
			})
		})
	}
}

// BenchmarkListServiceAccounts5000 lists 5,000 service accounts, 100 a
// page (the most the endpoint serves), with the OAuth token these
// endpoints take.
func BenchmarkListServiceAccounts5000(b *testing.B) {
	lib, raw, api := ours(fx.FakeURL), baseline{base: fx.FakeURL, token: fx.OAuthToken}, sdkOAuth()
	token := admin.WithAuthToken(fx.OAuthToken)
	compare(b, clients{
		ours: func(ctx context.Context, _ int) error {
			n, err := countAll(ctx, lib.ServiceAccounts.List(admin.ServiceAccountListParams{PageCursor: admin.PageCursor{Limit: 100}}, token))
			return wantCount("service accounts", n, err, fx.ServiceAccounts)
		},
		baseline: func(ctx context.Context, _ int) error {
			n, err := countPages[admin.ServiceAccount](ctx, raw, "/v1/organizations/service_accounts", url.Values{"limit": {"100"}})
			return wantCount("service accounts", n, err, fx.ServiceAccounts)
		},
		sdk: func(ctx context.Context, _ int) error {
			n, err := countPager(api.Organization.ServiceAccounts.ListAutoPaging(ctx, anthropic.OrganizationServiceAccountListParams{Limit: anthropic.Int(100)}))
			return wantCount("service accounts", n, err, fx.ServiceAccounts)
		},
	})
}

// BenchmarkListWorkspaces lists every workspace, archived and default
// included: one page of a handful of larger objects.
func BenchmarkListWorkspaces(b *testing.B) {
	lib, raw, api := ours(fx.FakeURL), baseline{base: fx.FakeURL}, sdk()
	compare(b, clients{
		ours: func(ctx context.Context, _ int) error {
			n, err := countAll(ctx, lib.Workspaces.List(allWorkspaces))
			return wantCount("workspaces", n, err, fx.Workspaces)
		},
		baseline: func(ctx context.Context, _ int) error {
			q := url.Values{"limit": {"100"}, "include_archived": {"true"}, "include_default": {"true"}}
			n, err := countEach[admin.Workspace](ctx, raw, "/v1/organizations/workspaces", q)
			return wantCount("workspaces", n, err, fx.Workspaces)
		},
		sdk: func(ctx context.Context, _ int) error {
			n, err := countPager(api.Organization.Workspaces.ListAutoPaging(ctx, anthropic.OrganizationWorkspaceListParams{
				Limit: anthropic.Int(100), IncludeArchived: anthropic.Bool(true), IncludeDefault: anthropic.Bool(true)}))
			return wantCount("workspaces", n, err, fx.Workspaces)
		},
	})
}

// BenchmarkUpdateAPIKey switches one API key off and on, call by call: a
// POST with a JSON body.
func BenchmarkUpdateAPIKey(b *testing.B) {
	lib, raw, api := ours(fx.FakeURL), baseline{base: fx.FakeURL}, sdk()
	status := func(i int) admin.APIKeyStatus {
		if i%2 == 0 {
			return admin.APIKeyStatusInactive
		}
		return admin.APIKeyStatusActive
	}
	compare(b, clients{
		ours: func(ctx context.Context, i int) error {
			k, err := lib.APIKeys.Update(ctx, fx.APIKeyID, admin.APIKeyUpdateParams{Status: admin.Set(status(i))})
			if err != nil {
				return err
			}
			return want("status", k.Status, status(i))
		},
		baseline: func(ctx context.Context, i int) error {
			var k admin.APIKey
			err := raw.do(ctx, "POST", "/v1/organizations/api_keys/"+url.PathEscape(fx.APIKeyID), nil, admin.APIKeyUpdateParams{Status: admin.Set(status(i))}, &k)
			if err != nil {
				return err
			}
			return want("status", k.Status, status(i))
		},
		sdk: func(ctx context.Context, i int) error {
			k, err := api.Organization.APIKeys.Update(ctx, fx.APIKeyID, anthropic.OrganizationAPIKeyUpdateParams{
				Status: anthropic.OrganizationAPIKeyUpdateParamsStatus(status(i))})
			if err != nil {
				return err
			}
			return want("status", string(k.Status), string(status(i)))
		},
	})
}

// BenchmarkUsageReport168x100 decodes one page of the Messages usage
// report: 168 hourly buckets of 100 results each (about 10 MB of JSON).
// The official SDK has no method for this endpoint.
func BenchmarkUsageReport168x100(b *testing.B) {
	benchReport(b, "usage results", ours(fx.ExtraURL).Usage.Messages(usageParams()),
		"/v1/organizations/usage_report/messages", usageQuery(fx.UsageStart, fx.UsageEnd), fx.UsageResults)
}

// BenchmarkCostReport31d decodes 31 days of costs grouped by workspace and
// description, every amount an exact decimal. The official SDK has no
// method for this endpoint.
func BenchmarkCostReport31d(b *testing.B) {
	benchReport(b, "cost results", ours(fx.ExtraURL).Cost.Report(costParams()),
		"/v1/organizations/cost_report", costQuery(fx.CostStart, fx.CostEnd), fx.CostResults)
}

// BenchmarkAnalyticsCost31d decodes one full page of the analytics cost
// endpoint: daily rows by API key, actor and model, each with its exact
// amount, list amount and the actor union.
func BenchmarkAnalyticsCost31d(b *testing.B) {
	path, q := "/v1/organizations/analytics/cost", analyticsQuery(fx.CostStart, fx.CostEnd)
	rows, api := ours(fx.ExtraURL).Analytics.Cost(analyticsParams()), sdkExtra()
	compare(b, clients{
		ours: func(ctx context.Context, _ int) error {
			p, err := rows.Page(ctx)
			if err != nil {
				return err
			}
			return want("analytics rows", len(p.Data), fx.AnalyticsRows)
		},
		baseline: func(ctx context.Context, _ int) error {
			var p page[admin.AnalyticsCostRow]
			if err := (baseline{base: fx.ExtraURL}).do(ctx, "GET", path, q, nil, &p); err != nil {
				return err
			}
			return want("analytics rows", len(p.Data), fx.AnalyticsRows)
		},
		sdk: func(ctx context.Context, _ int) error {
			p, err := api.Beta.Organization.Analytics.Cost.List(ctx, anthropic.BetaOrganizationAnalyticsCostListParams{
				StartingAt: fx.CostStart, EndingAt: anthropic.Time(fx.CostEnd), TimeBucketWidth: anthropic.BetaAnalyticsTimeBucketWidthDay,
				Limit: anthropic.Int(analyticsLimit), GroupBy: []anthropic.BetaAnalyticsCostGroupBy{anthropic.BetaAnalyticsCostGroupByAPIKeyID,
					anthropic.BetaAnalyticsCostGroupByActor, anthropic.BetaAnalyticsCostGroupByModel}})
			if err != nil {
				return err
			}
			return want("analytics rows", len(p.Data), fx.AnalyticsRows)
		},
	})
}

// benchReport fetches one report page with the library (report) and with
// the baseline (path and q, the same request) and checks the number of
// results.
func benchReport[R any](b *testing.B, what string, report *admin.List[admin.ReportBucket[R]], path string, q url.Values, results int) {
	compare(b, clients{
		ours: func(ctx context.Context, _ int) error {
			p, err := report.Page(ctx)
			if err != nil {
				return err
			}
			return want(what, countResults(p.Data), results)
		},
		baseline: func(ctx context.Context, _ int) error {
			data, err := floorReport[R](ctx, path, q)
			if err != nil {
				return err
			}
			return want(what, countResults(data), results)
		},
	})
}
