package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// The servers run in a child process: the test binary started again with
// serverEnv set. Had they run in this process, every allocation and every
// CPU cycle of the fake (encoding 1,000 users per page, say) would count
// against the client being measured, and the fake's own state would sit in
// the heap whose peak the memory benchmark reports.
const serverEnv = "ADMIN_BENCH_SERVER"

// Sizes of the data sets.
const (
	listedUsers    = 5000    // members in the fake, listed whole by the list benchmarks
	listedAccounts = 5000    // service accounts added to the fake's, listed whole
	generatedUsers = 100_000 // members the generated list walks through
	usageBuckets   = 168     // a week of hourly buckets: the largest 1h page
	usageGroups    = 100     // results in each bucket
	costDays       = 31      // the largest cost report page
)

// benchNow is the fake's clock, fixed so that every run serves the same data.
var benchNow = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

// fixture is what the child process tells the benchmarks: where its servers
// listen and which objects to ask for.
type fixture struct {
	FakeURL    string // admintest with the Demo seed, topped up to listedUsers members
	ExtraURL   string // the generated user list and the two big report pages
	AdminKey   string
	OAuthToken string // for the endpoints that take only an OAuth token
	UserID     string // a member to get
	APIKeyID   string // an active API key to switch off and on
	Workspaces int    // workspaces in the fake, archived and default included

	UsageStart, UsageEnd time.Time // the range the big usage page covers
	UsageResults         int
	CostStart, CostEnd   time.Time // the 31 days of the cost page
	CostResults          int
	AnalyticsRows        int // rows on the analytics cost page (31 days by API key, actor and model)
	ServiceAccounts      int // active service accounts in the fake, listed whole
}

// fx is the running child's fixture, set by TestMain.
var fx fixture

func TestMain(m *testing.M) {
	if rssFile := os.Getenv(cliRunEnv); rssFile != "" {
		os.Exit(runCLIChild(rssFile, os.Args[1:]))
	}
	if os.Getenv(serverEnv) != "" {
		if err := serve(os.Stdout, os.Stdin); err != nil {
			fmt.Fprintln(os.Stderr, "bench server:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	stop, err := startServer()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench: starting the server process:", err)
		os.Exit(1)
	}
	code := m.Run()
	stop()
	os.Exit(code)
}

// startServer starts the child and reads its fixture. The child lives until
// its stdin closes, which also happens when this process dies.
func startServer() (stop func(), err error) {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), serverEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	stop = func() {
		stdin.Close()
		cmd.Wait()
	}
	if err := json.NewDecoder(stdout).Decode(&fx); err != nil {
		stop()
		return nil, fmt.Errorf("reading the fixture: %w", err)
	}
	return stop, nil
}

// serve runs the servers, writes the fixture to out and answers until in
// reaches EOF.
func serve(out io.Writer, in io.Reader) error {
	fake := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return benchNow }))
	defer fake.Close()
	f := fixture{FakeURL: fake.URL, AdminKey: fake.AdminKey(), OAuthToken: fake.OAuthToken()}
	if err := prepareFake(fake, &f); err != nil {
		return err
	}
	cost, err := costPage(fake.Client(), &f)
	if err != nil {
		return err
	}
	usage, err := usagePage(&f)
	if err != nil {
		return err
	}
	analytics, err := analyticsPage(fake.Client(), &f)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/organizations/users", generatedUsersPage)
	mux.Handle("GET /v1/organizations/usage_report/messages", staticJSON(usage))
	mux.Handle("GET /v1/organizations/cost_report", staticJSON(cost))
	mux.Handle("GET /v1/organizations/analytics/cost", staticJSON(analytics))
	extra := httptest.NewServer(mux)
	defer extra.Close()
	f.ExtraURL = extra.URL
	if err := json.NewEncoder(out).Encode(f); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, in)
	return err
}

// prepareFake tops the Demo organization up to listedUsers members and
// picks the objects the single-object benchmarks use.
func prepareFake(fake *admintest.Server, f *fixture) error {
	ctx := context.Background()
	lib := fake.Client()
	users, err := lib.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1000}}).Collect(ctx)
	if err != nil {
		return err
	}
	f.UserID = users[len(users)/2].ID
	for i := len(users); i < listedUsers; i++ {
		fake.AddUser(fmt.Sprintf("member%05d@example.com", i), fmt.Sprintf("Member %05d", i), "developer")
	}
	keys, err := lib.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 1}, Status: admin.APIKeyStatusActive}).Page(ctx)
	if err != nil {
		return err
	}
	if len(keys.Data) == 0 {
		return errors.New("the Demo seed has no active API key")
	}
	f.APIKeyID = keys.Data[0].ID
	ws, err := lib.Workspaces.List(allWorkspaces).Collect(ctx)
	if err != nil {
		return err
	}
	f.Workspaces = len(ws)
	for i := range listedAccounts {
		fake.AddServiceAccount(fmt.Sprintf("svc-%05d", i))
	}
	accounts, err := lib.ServiceAccounts.List(admin.ServiceAccountListParams{PageCursor: admin.PageCursor{Limit: 100}}, admin.WithAuthToken(f.OAuthToken)).Collect(ctx)
	f.ServiceAccounts = len(accounts)
	return err
}

// allWorkspaces lists every workspace on one page.
var allWorkspaces = admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 100}, IncludeArchived: true, IncludeDefault: true}

// costPage asks the fake once for 31 days of costs grouped by workspace and
// description and keeps the answer, so that the benchmark measures decoding
// rather than the fake's exact arithmetic.
func costPage(lib *admin.Client, f *fixture) ([]byte, error) {
	f.CostEnd = benchNow
	f.CostStart = benchNow.AddDate(0, 0, -costDays)
	var page json.RawMessage
	err := lib.Do(context.Background(), "GET", "/v1/organizations/cost_report", costQuery(f.CostStart, f.CostEnd), nil, &page)
	if err != nil {
		return nil, err
	}
	var check struct {
		Data []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"data"`
		HasMore bool `json:"has_more"`
	}
	if err := json.Unmarshal(page, &check); err != nil {
		return nil, err
	}
	if len(check.Data) != costDays || check.HasMore {
		return nil, fmt.Errorf("cost report: %d buckets, has_more %v; want %d and false", len(check.Data), check.HasMore, costDays)
	}
	for _, b := range check.Data {
		f.CostResults += len(b.Results)
	}
	return page, nil
}

// costParams and costQuery are the same cost report request, for the
// library and for the baseline.
func costParams() admin.CostReportParams {
	return admin.CostReportParams{PageCursor: admin.PageCursor{Limit: costDays}, StartingAt: fx.CostStart, EndingAt: fx.CostEnd,
		GroupBy: []admin.CostGroupBy{admin.CostGroupByWorkspaceID, admin.CostGroupByDescription}}
}

func costQuery(start, end time.Time) url.Values {
	return url.Values{
		"starting_at": {start.Format(time.RFC3339)}, "ending_at": {end.Format(time.RFC3339)},
		"bucket_width": {"1d"}, "limit": {strconv.Itoa(costDays)}, "group_by[]": {"workspace_id", "description"},
	}
}

// analyticsParams and analyticsQuery are the same analytics cost request,
// for the library and for the baseline: 31 days of daily rows by API key,
// actor and model, a full page of them.
func analyticsParams() admin.AnalyticsCostParams {
	return admin.AnalyticsCostParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: fx.CostStart, EndingAt: fx.CostEnd,
		TimeBucketWidth: admin.BucketWidthDay, PageCursor: admin.PageCursor{Limit: analyticsLimit},
		GroupBy: []admin.AnalyticsDimension{admin.DimAPIKeyID, admin.DimActor, admin.DimModel}}}
}

func analyticsQuery(start, end time.Time) url.Values {
	return url.Values{
		"starting_at": {start.Format(time.RFC3339)}, "ending_at": {end.Format(time.RFC3339)},
		"time_bucket_width": {"1d"}, "limit": {strconv.Itoa(analyticsLimit)}, "group_by[]": {"api_key_id", "actor", "model"},
	}
}

// analyticsLimit is the most rows an analytics page holds.
const analyticsLimit = 1000

// analyticsPage asks the fake once for the first page of analyticsQuery
// over the cost page's 31 days and keeps it, like costPage.
func analyticsPage(lib *admin.Client, f *fixture) ([]byte, error) {
	var page json.RawMessage
	err := lib.Do(context.Background(), "GET", "/v1/organizations/analytics/cost", analyticsQuery(f.CostStart, f.CostEnd), nil, &page)
	if err != nil {
		return nil, err
	}
	var check struct {
		Data []json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(page, &check); err != nil {
		return nil, err
	}
	if f.AnalyticsRows = len(check.Data); f.AnalyticsRows < analyticsLimit/2 {
		return nil, fmt.Errorf("analytics cost: %d rows on the first page; want a full page", f.AnalyticsRows)
	}
	return page, nil
}

// usageParams and usageQuery are the same usage report request, for the
// library and for the baseline.
func usageParams() admin.UsageMessagesParams {
	return admin.UsageMessagesParams{StartingAt: fx.UsageStart, EndingAt: fx.UsageEnd, BucketWidth: admin.BucketWidthHour,
		PageCursor: admin.PageCursor{Limit: usageBuckets}, GroupBy: []admin.UsageGroupBy{admin.UsageGroupByModel, admin.UsageGroupByWorkspaceID,
			admin.UsageGroupByAPIKeyID, admin.UsageGroupByServiceTier, admin.UsageGroupByInferenceGeo}}
}

func usageQuery(start, end time.Time) url.Values {
	return url.Values{
		"starting_at": {start.Format(time.RFC3339)}, "ending_at": {end.Format(time.RFC3339)},
		"bucket_width": {"1h"}, "limit": {strconv.Itoa(usageBuckets)},
		"group_by[]": {"model", "workspace_id", "api_key_id", "service_tier", "inference_geo"},
	}
}

// usagePage writes a week of hourly buckets with usageGroups results each:
// 4 models × 5 workspaces × 5 API keys, with varied token counts, and null
// for the dimensions not grouped by. It is the largest page the endpoint
// can return for 1h buckets.
func usagePage(f *fixture) ([]byte, error) {
	f.UsageEnd = benchNow
	f.UsageStart = benchNow.Add(-usageBuckets * time.Hour)
	models := []string{"claude-opus-4-6", "claude-sonnet-4-6", "claude-haiku-4-5", "claude-sonnet-4-5"}
	buckets := make([]map[string]any, usageBuckets)
	for b := range buckets {
		start := f.UsageStart.Add(time.Duration(b) * time.Hour)
		results := make([]map[string]any, usageGroups)
		for g := range results {
			n := int64(b*usageGroups + g)
			results[g] = map[string]any{
				"uncached_input_tokens":   1000 + n*37%90000,
				"cache_creation":          map[string]int64{"ephemeral_1h_input_tokens": n * 3 % 4000, "ephemeral_5m_input_tokens": n * 5 % 6000},
				"cache_read_input_tokens": n * 13 % 50000,
				"output_tokens":           200 + n*7%30000,
				"server_tool_use":         map[string]int64{"web_search_requests": n % 4},
				"model":                   models[g%4],
				"workspace_id":            fmt.Sprintf("wrkspc_01JwQvzr7rXLA5AGx3HKfF%02d", g/4%5),
				"api_key_id":              fmt.Sprintf("apikey_01Rj2N8SVvo6BePZj99Nhm%02d", g/20),
				"service_tier":            "standard",
				"inference_geo":           "global",
				"account_id":              nil, "context_window": nil, "service_account_id": nil,
			}
		}
		buckets[b] = map[string]any{"starting_at": start.Format(time.RFC3339), "ending_at": start.Add(time.Hour).Format(time.RFC3339), "results": results}
		f.UsageResults += len(results)
	}
	return json.Marshal(map[string]any{"data": buckets, "has_more": false, "next_page": nil})
}

func staticJSON(body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
}

// generatedUsersPage answers GET /v1/organizations/users for an organization
// of generatedUsers members made up on the fly, newest first, paged by
// after_id like the real list. admintest would hold them all and takes
// minutes to add 100,000 members one by one; the client cannot tell the
// difference.
func generatedUsersPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, start := 20, 0
	if v := q.Get("limit"); v != "" {
		limit, _ = strconv.Atoi(v)
	}
	if v := q.Get("after_id"); v != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(v, generatedIDPrefix))
		if err != nil || !strings.HasPrefix(v, generatedIDPrefix) {
			http.Error(w, `{"type":"error","error":{"type":"invalid_request_error","message":"bad after_id"}}`, http.StatusBadRequest)
			return
		}
		start = n + 1
	}
	end := min(start+limit, generatedUsers)
	buf := make([]byte, 0, 200*(end-start)+100)
	buf = append(buf, `{"data":[`...)
	for i := start; i < end; i++ {
		if i > start {
			buf = append(buf, ',')
		}
		n := fmt.Sprintf("%06d", i)
		buf = append(buf, `{"id":"`...)
		buf = appendGeneratedID(buf, i)
		buf = append(buf, `","type":"user","email":"member`+n+`@example.com","name":"Member `+n+`","role":"developer","added_at":"`...)
		buf = benchNow.Add(-time.Duration(i)*time.Minute).AppendFormat(buf, "2006-01-02T15:04:05.999999Z07:00")
		buf = append(buf, `"}`...)
	}
	buf = append(buf, `],"has_more":`...)
	buf = strconv.AppendBool(buf, end < generatedUsers)
	buf = appendGeneratedID(append(buf, `,"first_id":"`...), start)
	buf = appendGeneratedID(append(buf, `","last_id":"`...), end-1)
	buf = append(buf, `"}`...)
	w.Header().Set("Content-Type", "application/json")
	w.Write(buf)
}

// generatedIDPrefix and the index in eight digits make the ID of a
// generated member, in the real ID's shape.
const generatedIDPrefix = "user_01WCz1FkmYMm4gnm"

func appendGeneratedID(buf []byte, i int) []byte {
	return fmt.Appendf(append(buf, generatedIDPrefix...), "%08d", i)
}
