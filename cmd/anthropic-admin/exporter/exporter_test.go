package exporter_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/exporter"
	"github.com/anthropic-admin-go/admin/report"
)

// testNow is the demo organization's moment (admintest.SeedEpoch).
var testNow = admintest.SeedEpoch()

// clock is a settable clock shared by a fake and an exporter.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

func demo(t *testing.T, clk *clock, opts ...admintest.Option) *admintest.Server {
	t.Helper()
	srv := admintest.NewServer(append([]admintest.Option{admintest.WithSeed(admintest.Demo()), admintest.WithClock(clk.now)}, opts...)...)
	t.Cleanup(srv.Close)
	return srv
}

func target(srv *admintest.Server, name string) exporter.Target {
	return exporter.Target{Organization: name, ClientOptions: []admin.Option{
		admin.WithBaseURL(srv.URL), admin.WithAPIKey(srv.AdminKey()), admin.WithMaxRetries(0)}}
}

func newExporter(t *testing.T, clk *clock, opts exporter.Options, targets ...exporter.Target) *exporter.Exporter {
	t.Helper()
	opts.Now = clk.now
	e, err := exporter.New(targets, opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// demoRun is an exporter of the demo organization, labelled acme, after
// one refresh at testNow, and what it then serves.
type demoRun struct {
	clk *clock
	srv *admintest.Server
	e   *exporter.Exporter
	got series
}

func refreshedDemo(t *testing.T) demoRun {
	t.Helper()
	clk := &clock{t: testNow}
	srv := demo(t, clk)
	e := newExporter(t, clk, exporter.Options{}, target(srv, "acme"))
	if err := e.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return demoRun{clk, srv, e, gather(t, e)}
}

// series are a gather's samples by "name{label="value",...}", labels
// sorted, the exporter's own metrics only.
type series map[string]float64

func gather(t *testing.T, e *exporter.Exporter) series {
	t.Helper()
	families, err := e.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := series{}
	for _, f := range families {
		if !strings.HasPrefix(f.GetName(), exporter.Namespace+"_") {
			continue
		}
		for _, m := range f.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
			}
			sort.Strings(labels)
			v := m.GetGauge().GetValue()
			if m.GetCounter() != nil {
				v = m.GetCounter().GetValue()
			}
			out[f.GetName()+"{"+strings.Join(labels, ",")+"}"] = v
		}
	}
	return out
}

// key spells a series' key from name and label pairs.
func key(name string, labels ...string) string {
	var l []string
	for i := 0; i < len(labels); i += 2 {
		l = append(l, fmt.Sprintf("%s=%q", labels[i], labels[i+1]))
	}
	sort.Strings(l)
	return name + "{" + strings.Join(l, ",") + "}"
}

// named are the series of one metric.
func (s series) named(name string) series {
	out := series{}
	for k, v := range s {
		if strings.HasPrefix(k, name+"{") {
			out[k] = v
		}
	}
	return out
}

func (s series) sum() float64 {
	total := 0.0
	for _, v := range s {
		total += v
	}
	return total
}

// with are the series whose labels include all of these pairs.
func (s series) with(labels ...string) series {
	out := series{}
	for k, v := range s {
		keep := true
		for i := 0; i < len(labels); i += 2 {
			if !strings.Contains(k, fmt.Sprintf("%s=%q", labels[i], labels[i+1])) {
				keep = false
			}
		}
		if keep {
			out[k] = v
		}
	}
	return out
}

func scrape(t *testing.T, h http.Handler, path, accept string) (string, http.Header) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	body, _ := io.ReadAll(rec.Body)
	return string(body), rec.Header()
}

// costFigure is the cost report's exact spend in dollars over a range, by
// workspace ID ("" the default workspace): the figure the exporter's spend
// must equal.
func costFigure(t *testing.T, srv *admintest.Server, r admin.TimeRange, now time.Time) map[string]*big.Rat {
	t.Helper()
	buckets, err := srv.Client().Cost.ReportRange(admin.CostReportParams{StartingAt: r.Start, EndingAt: r.End,
		GroupBy: []admin.CostGroupBy{admin.CostGroupByWorkspaceID}}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sum, err := report.SummarizeCost(buckets, report.CostFieldWorkspaceID, now)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*big.Rat{"total": sum.Total.Dollars()}
	for _, g := range sum.Groups {
		out[g.Key] = g.Total.Dollars()
	}
	return out
}

func float(r *big.Rat) float64 { f, _ := r.Float64(); return f }

func TestScrapeSendsNothingToTheAPI(t *testing.T) {
	t.Parallel()
	d := refreshedDemo(t)
	srv, e := d.srv, d.e
	if len(srv.Requests()) == 0 {
		t.Fatal("the refresh sent nothing")
	}
	srv.ResetRequests()
	h := e.Handler()
	text, hdr := scrape(t, h, "/metrics", "")
	if !strings.HasPrefix(hdr.Get("Content-Type"), "text/plain") || !strings.Contains(text, "anthropic_admin_spend_usd{") {
		t.Errorf("text scrape: %s\n%.300s", hdr.Get("Content-Type"), text)
	}
	om, hdr := scrape(t, h, "/metrics", "application/openmetrics-text; version=1.0.0")
	if !strings.HasPrefix(hdr.Get("Content-Type"), "application/openmetrics-text") || !strings.HasSuffix(om, "# EOF\n") {
		t.Errorf("OpenMetrics scrape: %s\n%.300s", hdr.Get("Content-Type"), om)
	}
	if health, _ := scrape(t, h, "/healthz", ""); health != "ok\n" {
		t.Errorf("/healthz = %q", health)
	}
	if page, _ := scrape(t, h, "/", ""); !strings.Contains(page, `href="metrics"`) || !strings.Contains(page, `href="healthz"`) {
		t.Errorf("/ does not link the metrics and health: %s", page)
	}
	if got := srv.Requests(); len(got) != 0 {
		t.Errorf("scrapes sent %d requests to the API, first %s %s", len(got), got[0].Method, got[0].Path)
	}
}

func TestSpendEqualsTheCostReport(t *testing.T) {
	t.Parallel()
	d := refreshedDemo(t)
	srv, got := d.srv, d.got
	workspaces, err := srv.Client().Workspaces.List(admin.WorkspaceListParams{IncludeDefault: true, IncludeArchived: true}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	today := testNow.Truncate(24 * time.Hour)
	for _, tt := range []struct {
		window string
		r      admin.TimeRange
	}{
		{"month_to_date", admin.MonthToDate(testNow)},
		{"today", admin.TimeRange{Start: today, End: testNow}},
		{"last_complete_day", admin.TimeRange{Start: today.AddDate(0, 0, -1), End: today}},
	} {
		want := costFigure(t, srv, tt.r, testNow)
		if v := got[key("anthropic_admin_spend_usd", "organization", "acme", "window", tt.window)]; v != float(want["total"]) || v == 0 {
			t.Errorf("spend %s = %v, want the cost report's %v", tt.window, v, float(want["total"]))
		}
		for _, w := range workspaces {
			id := w.ID
			if w.Name == "Default" {
				id = "" // the reports' null
			}
			if want[id] == nil {
				continue
			}
			k := key("anthropic_admin_workspace_spend_usd", "organization", "acme", "window", tt.window, "workspace_id", w.ID, "workspace", w.Name)
			if v, ok := got[k]; !ok || v != float(want[id]) {
				t.Errorf("%s = %v (present %v), want %v", k, v, ok, float(want[id]))
			}
		}
		if models := got.named("anthropic_admin_model_spend_usd").with("window", tt.window).sum(); !near(models, float(want["total"])) {
			t.Errorf("model spend %s adds up to %v, want %v", tt.window, models, float(want["total"]))
		}
	}
}

func near(a, b float64) bool { d := a - b; return d < 1e-6*b && -d < 1e-6*b }

// A bucket that grows between refreshes changes the gauge to the API's new
// answer: it is never added to the value before.
func TestRefreshRecomputesRatherThanAccumulates(t *testing.T) {
	t.Parallel()
	clk := &clock{t: testNow}
	srv := demo(t, clk)
	e := newExporter(t, clk, exporter.Options{}, target(srv, "acme"))
	todayKey := key("anthropic_admin_spend_usd", "organization", "acme", "window", "today")
	monthKey := key("anthropic_admin_spend_usd", "organization", "acme", "window", "month_to_date")
	today := testNow.Truncate(24 * time.Hour)
	var before float64
	for i, now := range []time.Time{testNow, testNow.Add(3 * time.Hour), testNow.Add(3 * time.Hour)} {
		clk.set(now)
		if err := e.Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := gather(t, e)
		want := costFigure(t, srv, admin.TimeRange{Start: today, End: now}, now)
		if got[todayKey] != float(want["total"]) {
			t.Errorf("refresh %d: today's spend %v, want the API's current %v", i, got[todayKey], float(want["total"]))
		}
		if month := costFigure(t, srv, admin.MonthToDate(now), now); got[monthKey] != float(month["total"]) {
			t.Errorf("refresh %d: month to date %v, want %v", i, got[monthKey], float(month["total"]))
		}
		if i == 1 && !(got[todayKey] > before) {
			t.Errorf("today's spend did not grow with the running bucket: %v then %v", before, got[todayKey])
		}
		before = got[todayKey]
	}
}

func TestFailedRefreshKeepsTheLastValues(t *testing.T) {
	t.Parallel()
	d := refreshedDemo(t)
	clk, srv, e, good := d.clk, d.srv, d.e, d.got
	ctx := context.Background()
	clk.set(testNow.Add(10 * time.Minute))
	srv.Inject(admintest.Fault{Path: "/v1/organizations/cost_report", Status: 500, Times: 100})
	if err := e.Refresh(ctx); err == nil {
		t.Fatal("the refresh did not fail")
	}
	bad := gather(t, e)
	org := []string{"organization", "acme"}
	if v := bad[key("anthropic_admin_exporter_stale", org...)]; v != 1 {
		t.Errorf("stale = %v after a failed refresh", v)
	}
	if v := bad[key("anthropic_admin_exporter_refresh_errors_total", org...)]; v != 1 {
		t.Errorf("refresh errors = %v", v)
	}
	if v := bad[key("anthropic_admin_exporter_api_requests_total", "organization", "acme", "endpoint", "organization.cost_report.retrieve", "status", "500")]; v != 1 {
		t.Errorf("500s of the cost report counted %v", v)
	}
	lastKey := key("anthropic_admin_exporter_last_success_timestamp_seconds", org...)
	if bad[lastKey] != float64(testNow.Unix()) {
		t.Errorf("last success %v, want the first refresh's %v", bad[lastKey], testNow.Unix())
	}
	for k, v := range good {
		if strings.Contains(k, "_exporter_") {
			continue
		}
		if bad[k] != v {
			t.Errorf("%s changed from %v to %v on a failed refresh", k, v, bad[k])
		}
	}
	srv.ClearFaults()
	if err := e.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if v := gather(t, e)[key("anthropic_admin_exporter_stale", org...)]; v != 0 {
		t.Errorf("stale = %v after a good refresh", v)
	}
}

// A refresh that fails before any succeeded leaves the data metrics out.
func TestFirstRefreshFailing(t *testing.T) {
	t.Parallel()
	clk := &clock{t: testNow}
	srv := demo(t, clk)
	srv.Inject(admintest.Fault{Path: "/v1/organizations/*", Status: 401, Times: 1000})
	e := newExporter(t, clk, exporter.Options{}, target(srv, "acme"))
	if err := e.Refresh(context.Background()); err == nil {
		t.Fatal("no error")
	}
	got := gather(t, e)
	if n := len(got.named("anthropic_admin_spend_usd")); n != 0 {
		t.Errorf("%d spend series before any good refresh", n)
	}
	if got[key("anthropic_admin_exporter_stale", "organization", "acme")] != 1 || got[key("anthropic_admin_exporter_last_success_timestamp_seconds", "organization", "acme")] != 0 {
		t.Errorf("health after a failed first refresh: %v", got)
	}
}

func TestTopKeysSumTheRestAsOther(t *testing.T) {
	t.Parallel()
	clk := &clock{t: testNow}
	srv := demo(t, clk)
	all := newExporter(t, clk, exporter.Options{TopKeys: 1000}, target(srv, "acme"))
	top := newExporter(t, clk, exporter.Options{TopKeys: 3}, target(srv, "acme"))
	for _, e := range []*exporter.Exporter{all, top} {
		if err := e.Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	a, b := gather(t, all), gather(t, top)
	for _, m := range []string{"anthropic_admin_api_key_spend_usd", "anthropic_admin_today_tokens"} {
		var named []string
		for k := range b.named(m) {
			if _, id, _ := strings.Cut(k, `api_key_id="`); !strings.HasPrefix(id, `"`) && !strings.HasPrefix(id, `other"`) {
				id, _, _ = strings.Cut(id, `"`)
				if !slices.Contains(named, id) {
					named = append(named, id)
				}
			}
		}
		if len(named) != 3 {
			t.Errorf("%s: %d keys of their own with --top-keys 3: %v", m, len(named), named)
		}
		if len(b.named(m).with("api_key_id", "other", "api_key_name", "other")) == 0 {
			t.Errorf("%s: no other series", m)
		}
		if !near(a.named(m).sum(), b.named(m).sum()) {
			t.Errorf("%s: the top keys and other add up to %v, all keys to %v", m, b.named(m).sum(), a.named(m).sum())
		}
	}
	// The top keys are those that spent most, named beside their IDs.
	keys, err := srv.Client().APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 100}}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	spend := a.named("anthropic_admin_api_key_spend_usd").with("window", "month_to_date")
	for _, k := range keys {
		kk := key("anthropic_admin_api_key_spend_usd", "organization", "acme", "window", "month_to_date", "api_key_id", k.ID, "api_key_name", k.Name)
		if v, ok := b[kk]; ok {
			bigger := 0
			for _, w := range spend {
				if w > v {
					bigger++
				}
			}
			if bigger > 3 { // the three above it may include no-key spend
				t.Errorf("%s is among the top 3 but %d series spent more", k.Name, bigger)
			}
		}
	}
}

func TestEverySeriesHasItsOrganization(t *testing.T) {
	t.Parallel()
	clk := &clock{t: testNow}
	acme, empty := demo(t, clk), admintest.NewServer(admintest.WithClock(clk.now))
	t.Cleanup(empty.Close)
	b := admin.MustParseAmount("6000000") // $60,000 in cents
	t1 := target(acme, "")                // named by the API
	t1.Budget = &b
	e := newExporter(t, clk, exporter.Options{}, t1, target(empty, "sandbox"))
	if err := e.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := gather(t, e)
	orgs := map[string]int{}
	for k := range got {
		_, rest, ok := strings.Cut(k, `organization="`)
		if !ok {
			t.Errorf("%s has no organization label", k)
			continue
		}
		name, _, _ := strings.Cut(rest, `"`)
		orgs[name]++
	}
	if orgs["Acme Robotics"] < 100 || orgs["sandbox"] < 5 || len(orgs) != 2 {
		t.Errorf("series per organization: %v", orgs)
	}
	if v := got[key("anthropic_admin_budget_usd", "organization", "Acme Robotics")]; v != 60000 {
		t.Errorf("budget = %v", v)
	}
	used := got[key("anthropic_admin_budget_used_ratio", "organization", "Acme Robotics")]
	spend := got[key("anthropic_admin_spend_usd", "organization", "Acme Robotics", "window", "month_to_date")]
	if !near(used, spend/60000) {
		t.Errorf("budget used %v, want %v", used, spend/60000)
	}
	if p := got[key("anthropic_admin_budget_projected_ratio", "organization", "Acme Robotics")]; !(p > used) {
		t.Errorf("projected share %v not above used %v in mid-month", p, used)
	}
	if n := len(got.named("anthropic_admin_budget_usd").with("organization", "sandbox")); n != 0 {
		t.Errorf("a budget series for an organization without a budget")
	}
}

func TestInventory(t *testing.T) {
	t.Parallel()
	d := refreshedDemo(t)
	srv, got := d.srv, d.got
	ctx, c := context.Background(), srv.Client()
	users, _ := c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 100}}).Collect(ctx)
	keys, _ := c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 100}}).Collect(ctx)
	invites, _ := c.Invites.List(admin.InviteListParams{Cursor: admin.Cursor{Limit: 100}}).Collect(ctx)
	for _, tt := range []struct {
		metric string
		want   int
	}{
		{"anthropic_admin_members", len(users)},
		{"anthropic_admin_api_keys", len(keys)},
		{"anthropic_admin_invites", len(invites)},
		{"anthropic_admin_workspaces", 6},
	} {
		if n := got.named(tt.metric).sum(); int(n) != tt.want || tt.want == 0 {
			t.Errorf("%s adds up to %v, want %d", tt.metric, n, tt.want)
		}
	}
	expiring := 0
	for _, k := range keys {
		if k.Status != admin.APIKeyStatusActive || k.ExpiresAt == nil {
			continue
		}
		expiring++
		if v := got.named("anthropic_admin_api_key_expiry_timestamp_seconds").with("api_key_id", k.ID, "api_key_name", k.Name); len(v) != 1 || v.sum() != float64(k.ExpiresAt.Unix()) {
			t.Errorf("expiry of %s: %v, want %d", k.Name, v, k.ExpiresAt.Unix())
		}
	}
	if n := len(got.named("anthropic_admin_api_key_expiry_timestamp_seconds")); n != expiring || n == 0 {
		t.Errorf("%d expiry series, want %d", n, expiring)
	}
	limits := got.named("anthropic_admin_spend_limit_used_ratio")
	if len(limits) == 0 {
		t.Error("no spend limit series")
	}
	for k := range limits {
		if strings.Contains(k, `user_email=""`) {
			t.Errorf("a spend limit without its member's email: %s", k)
		}
	}
	if n := len(got.named("anthropic_admin_claude_code_sessions")); n == 0 {
		t.Error("no Claude Code series")
	}
	for k := range got.named("anthropic_admin_user_spend_usd") {
		if !strings.Contains(k, `user_id=""`) && strings.Contains(k, `user_email=""`) {
			t.Errorf("a member's spend without their email: %s", k)
		}
	}
}

// An organization whose key cannot read the analytics API, or whose type
// has no spend limits, is exported without those metrics.
func TestOptionalEndpoints(t *testing.T) {
	t.Parallel()
	clk := &clock{t: testNow}
	srv := demo(t, clk, admintest.WithoutSpendLimits())
	srv.Inject(admintest.Fault{Path: "/v1/organizations/analytics/cost", Status: 403, Times: 100})
	e := newExporter(t, clk, exporter.Options{TopKeys: 2}, target(srv, "acme"))
	if err := e.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := gather(t, e)
	for _, m := range []string{"anthropic_admin_api_key_spend_usd", "anthropic_admin_user_spend_usd", "anthropic_admin_spend_limit_used_ratio"} {
		if n := len(got.named(m)); n != 0 {
			t.Errorf("%d %s series without the endpoint", n, m)
		}
	}
	if len(got.named("anthropic_admin_today_tokens").with("api_key_id", "other")) == 0 || len(got.named("anthropic_admin_spend_usd")) != 3 {
		t.Error("the other metrics are missing")
	}
	if got[key("anthropic_admin_exporter_stale", "organization", "acme")] != 0 {
		t.Error("stale without a failure")
	}
}

func TestRunRefreshesAtEachTick(t *testing.T) {
	t.Parallel()
	clk := &clock{t: testNow}
	srv := demo(t, clk)
	refreshed := make(chan struct{})
	e := newExporter(t, clk, exporter.Options{AfterRefresh: func() { refreshed <- struct{}{} }}, target(srv, "acme"))
	ctx, cancel := context.WithCancel(context.Background())
	ticks := make(chan time.Time)
	done := make(chan struct{})
	go func() {
		e.Run(ctx, ticks)
		close(done)
	}()
	costCalls := func() int {
		n := 0
		for _, r := range srv.Requests() {
			if r.Path == "/v1/organizations/cost_report" {
				n++
			}
		}
		return n
	}
	<-refreshed // at start
	if n := costCalls(); n != 1 {
		t.Errorf("%d cost report requests after the first refresh", n)
	}
	scrape(t, e.Handler(), "/metrics", "")
	if n := costCalls(); n != 1 {
		t.Errorf("a scrape asked for the cost report: %d requests", n)
	}
	ticks <- testNow
	<-refreshed
	if n := costCalls(); n != 2 {
		t.Errorf("%d cost report requests after a tick", n)
	}
	cancel()
	<-done
}

func TestNewRefuses(t *testing.T) {
	t.Parallel()
	if _, err := exporter.New(nil, exporter.Options{}); err == nil {
		t.Error("no targets accepted")
	}
	if _, err := exporter.New([]exporter.Target{{Organization: "a"}, {Organization: "a"}}, exporter.Options{}); err == nil {
		t.Error("an organization twice accepted")
	}
	if _, err := exporter.New([]exporter.Target{{Organization: "a"}}, exporter.Options{TopKeys: -1}); err == nil {
		t.Error("negative top keys accepted")
	}
}

// An API that stops answering fails the refresh at its timeout.
func TestRefreshTimesOut(t *testing.T) {
	t.Parallel()
	clk := &clock{t: testNow}
	srv := demo(t, clk)
	srv.Inject(admintest.Fault{Path: "/v1/organizations/workspaces", Delay: time.Hour})
	e := newExporter(t, clk, exporter.Options{RefreshTimeout: 50 * time.Millisecond}, target(srv, "acme"))
	err := e.Refresh(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Refresh = %v, want the deadline", err)
	}
	if got := gather(t, e); got[key("anthropic_admin_exporter_stale", "organization", "acme")] != 1 {
		t.Error("not stale after a timed-out refresh")
	}
}
