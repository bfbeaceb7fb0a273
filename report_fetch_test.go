package admin_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// collectSeq gathers everything a range iterator yields, failing on error.
func collectSeq[T any](t *testing.T, seq iter.Seq2[T, error]) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// seqErr runs a range iterator to its end and returns its error.
func seqErr[T any](seq iter.Seq2[T, error]) (n int, err error) {
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// checkContiguous asserts that buckets are width apart from start to end,
// each exactly once.
func checkContiguous[R any](t *testing.T, buckets []admin.ReportBucket[R], start, end time.Time, width time.Duration) {
	t.Helper()
	if want := int(end.Sub(start) / width); len(buckets) != want {
		t.Fatalf("got %d buckets, want %d", len(buckets), want)
	}
	for i, b := range buckets {
		if s := start.Add(time.Duration(i) * width); !b.StartingAt.Equal(s) || !b.EndingAt.Equal(s.Add(width)) {
			t.Fatalf("bucket %d covers %v – %v, want %v – %v", i, b.StartingAt, b.EndingAt, s, s.Add(width))
		}
	}
}

// window is the query one range request must carry.
type window struct {
	from, to string
	limit    int
	page     bool // a follow-up page of the window
}

// checkWindows asserts the report requests a fake received, in order.
func checkWindows(t *testing.T, reqs []admintest.LoggedRequest, path string, want []window) {
	t.Helper()
	var got []admintest.LoggedRequest
	for _, r := range reqs {
		if r.Path == path {
			got = append(got, r)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%s got %d requests, want %d", path, len(got), len(want))
	}
	for i, w := range want {
		q := got[i].Query
		if q.Get("starting_at") != w.from || q.Get("ending_at") != w.to || q.Get("limit") != strconv.Itoa(w.limit) ||
			(q.Get("page") != "") != w.page || got[i].Status != http.StatusOK {
			t.Errorf("request %d = %v (status %d), want %+v", i, q, got[i].Status, w)
		}
	}
}

func TestMessagesRangeFetchesEveryDayOnce(t *testing.T) {
	srv, c := newDemoFake(t)
	end := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	start := end.AddDate(0, 0, -90)
	params := admin.UsageMessagesParams{StartingAt: start, EndingAt: end, GroupBy: []admin.UsageGroupBy{admin.UsageGroupByModel}}
	const path = "/v1/organizations/usage_report/messages"

	got := collectSeq(t, c.Usage.MessagesRange(params).All(context.Background()))
	checkContiguous(t, got, start, end, 24*time.Hour)
	checkWindows(t, srv.Requests(), path, []window{
		{"2026-08-22T00:00:00Z", "2026-09-22T00:00:00Z", 31, false},
		{"2026-09-22T00:00:00Z", "2026-10-23T00:00:00Z", 31, false},
		{"2026-10-23T00:00:00Z", "2026-11-20T00:00:00Z", 31, false},
	})

	// The same range as one paged list, which the fake allows: the stitched
	// windows hold exactly the same buckets.
	srv.ResetRequests()
	whole := params
	whole.Limit = 31
	for i, b := range collect(t, c.Usage.Messages(whole)) {
		jsonEqual(t, got[i].RawJSON(), b.RawJSON())
	}

	// With a page size below the window, every page of every window is
	// followed: 31 days at 10 a page take 4 pages, the last 28 days 3.
	srv.ResetRequests()
	params.Limit = 10
	paged := collectSeq(t, c.Usage.MessagesRange(params).All(context.Background()))
	checkContiguous(t, paged, start, end, 24*time.Hour)
	var want []window
	for _, w := range [][2]string{{"2026-08-22", "2026-09-22"}, {"2026-09-22", "2026-10-23"}, {"2026-10-23", "2026-11-20"}} {
		pages := 4
		if w[0] == "2026-10-23" {
			pages = 3
		}
		for p := range pages {
			want = append(want, window{w[0] + "T00:00:00Z", w[1] + "T00:00:00Z", 10, p > 0})
		}
	}
	checkWindows(t, srv.Requests(), path, want)
	for i := range got {
		jsonEqual(t, paged[i].RawJSON(), got[i].RawJSON())
	}
}

func TestMessagesRangeHourly(t *testing.T) {
	srv, c := newDemoFake(t)
	end := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	start := end.AddDate(0, 0, -10)
	params := admin.UsageMessagesParams{StartingAt: start, EndingAt: end, BucketWidth: admin.BucketWidthHour,
		GroupBy: []admin.UsageGroupBy{admin.UsageGroupByWorkspaceID}, WorkspaceIDs: []string{"wrkspc_nope"}}
	got := collectSeq(t, c.Usage.MessagesRange(params).All(context.Background()))
	checkContiguous(t, got, start, end, time.Hour)
	checkWindows(t, srv.Requests(), "/v1/organizations/usage_report/messages", []window{
		{"2026-11-10T00:00:00Z", "2026-11-17T00:00:00Z", 168, false},
		{"2026-11-17T00:00:00Z", "2026-11-20T00:00:00Z", 168, false},
	})
	// Every other parameter goes to every window.
	for _, r := range srv.Requests() {
		if r.Query.Get("bucket_width") != "1h" || r.Query.Get("group_by[]") != "workspace_id" || r.Query.Get("workspace_ids[]") != "wrkspc_nope" {
			t.Errorf("window query = %v", r.Query)
		}
	}

	// 100 a page: the first window takes two pages.
	srv.ResetRequests()
	params.Limit = 100
	checkContiguous(t, collectSeq(t, c.Usage.MessagesRange(params).All(context.Background())), start, end, time.Hour)
	checkWindows(t, srv.Requests(), "/v1/organizations/usage_report/messages", []window{
		{"2026-11-10T00:00:00Z", "2026-11-17T00:00:00Z", 100, false},
		{"2026-11-10T00:00:00Z", "2026-11-17T00:00:00Z", 100, true},
		{"2026-11-17T00:00:00Z", "2026-11-20T00:00:00Z", 100, false},
	})
}

func TestMessagesRangeUnalignedEdges(t *testing.T) {
	// 1440 minute buckets is one window; a range of 1441 minutes ending in
	// the middle of a minute needs two, and the first and last buckets are
	// the ones holding the range's edges. The last window ends on the
	// minute's end, so that it holds a whole bucket.
	srv, c := newDemoFake(t)
	start := mustTime(t, "2026-11-18T10:00:30Z")
	end := mustTime(t, "2026-11-19T10:00:20Z")
	got := collectSeq(t, c.Usage.MessagesRange(admin.UsageMessagesParams{
		StartingAt: start, EndingAt: end, BucketWidth: admin.BucketWidthMinute}).All(context.Background()))
	checkContiguous(t, got, mustTime(t, "2026-11-18T10:00:00Z"), mustTime(t, "2026-11-19T10:01:00Z"), time.Minute)
	checkWindows(t, srv.Requests(), "/v1/organizations/usage_report/messages", []window{
		{"2026-11-18T10:00:00Z", "2026-11-19T10:00:00Z", 1440, false},
		{"2026-11-19T10:00:00Z", "2026-11-19T10:01:00Z", 1440, false},
	})
}

func TestCostReportRange(t *testing.T) {
	srv, c := newDemoFake(t)
	end := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	start := end.AddDate(0, 0, -90)
	params := admin.CostReportParams{StartingAt: start, EndingAt: end, GroupBy: []admin.CostGroupBy{admin.CostGroupByWorkspaceID}}
	got := collectSeq(t, c.Cost.ReportRange(params).All(context.Background()))
	checkContiguous(t, got, start, end, 24*time.Hour)
	checkWindows(t, srv.Requests(), "/v1/organizations/cost_report", []window{
		{"2026-08-22T00:00:00Z", "2026-09-22T00:00:00Z", 31, false},
		{"2026-09-22T00:00:00Z", "2026-10-23T00:00:00Z", 31, false},
		{"2026-10-23T00:00:00Z", "2026-11-20T00:00:00Z", 31, false},
	})
	whole := params
	whole.Limit = 31
	for i, b := range collect(t, c.Cost.Report(whole)) {
		jsonEqual(t, got[i].RawJSON(), b.RawJSON())
	}

	// Up to now: today's unfinished bucket is the last, asked for up to its
	// end rather than up to now, since a request must hold whole buckets.
	srv.ResetRequests()
	now := collectSeq(t, c.Cost.ReportRange(admin.CostReportParams{StartingAt: end.AddDate(0, 0, -7), EndingAt: fakeNow}).All(context.Background()))
	checkContiguous(t, now, end.AddDate(0, 0, -7), end.AddDate(0, 0, 1), 24*time.Hour)
	checkWindows(t, srv.Requests(), "/v1/organizations/cost_report", []window{{"2026-11-13T00:00:00Z", "2026-11-21T00:00:00Z", 31, false}})
}

func TestRangeStopsWhenTheLoopStops(t *testing.T) {
	srv, c := newDemoFake(t)
	end := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for b, err := range c.Usage.MessagesRange(admin.UsageMessagesParams{StartingAt: end.AddDate(0, 0, -90), EndingAt: end}).All(context.Background()) {
		if err != nil || !b.StartingAt.Equal(end.AddDate(0, 0, -90)) {
			t.Fatalf("first bucket = %v, %v", b.StartingAt, err)
		}
		break
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("a loop that stopped at once sent %d requests, want 1", n)
	}
}

// seamServer answers every report request with the days from the day before
// starting_at to the day after ending_at, so each window overlaps its
// neighbours by a bucket on both sides, over two pages. Each bucket's
// output_tokens is its day of the month.
func seamServer(t *testing.T) *fakeAPI {
	api := newFakeAPI(t)
	api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
		q := r.URL.Query()
		from, _ := time.Parse(time.RFC3339, q.Get("starting_at"))
		to, _ := time.Parse(time.RFC3339, q.Get("ending_at"))
		var days []string
		for d := from.AddDate(0, 0, -1); !d.After(to); d = d.AddDate(0, 0, 1) {
			days = append(days, usageDay(d, d.Day()))
		}
		half := len(days) / 2
		page := `{"data":[` + strings.Join(days[:half], ",") + `],"has_more":true,"next_page":"second"}`
		if q.Get("page") == "second" {
			page = `{"data":[` + strings.Join(days[half:], ",") + `],"has_more":false,"next_page":null}`
		}
		fmt.Fprint(w, page)
	}
	return api
}

// usageDay is a daily usage bucket with one ungrouped result.
func usageDay(d time.Time, output int) string {
	return fmt.Sprintf(`{"starting_at":%q,"ending_at":%q,"results":[{"uncached_input_tokens":0,"cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":0},"cache_read_input_tokens":0,"output_tokens":%d,"server_tool_use":{"web_search_requests":0}}]}`,
		d.Format(time.RFC3339), d.AddDate(0, 0, 1).Format(time.RFC3339), output)
}

func TestRangeSeamsCountEachBucketOnce(t *testing.T) {
	api := seamServer(t)
	start, end := mustTime(t, "2026-08-01T00:00:00Z"), mustTime(t, "2026-09-03T00:00:00Z")
	got := collectSeq(t, api.client().Usage.MessagesRange(admin.UsageMessagesParams{StartingAt: start, EndingAt: end}).All(context.Background()))
	checkContiguous(t, got, start, end, 24*time.Hour)
	var sum int
	for _, b := range got {
		sum += int(b.Results[0].OutputTokens)
	}
	if want := (1+31)*31/2 + 1 + 2; sum != want { // August's days, then September 1 and 2
		t.Errorf("output tokens = %d, want %d: a bucket was lost or counted twice", sum, want)
	}
	// The first window's answer ran a day past it, so the second window
	// starts after that day.
	base := url.Values{"bucket_width": {"1d"}, "limit": {"31"}}
	query := func(from, to, page string) url.Values {
		q := url.Values{"starting_at": {from}, "ending_at": {to}}
		for k, v := range base {
			q[k] = v
		}
		if page != "" {
			q.Set("page", page)
		}
		return q
	}
	reqs := api.requests()
	wants := []url.Values{
		query("2026-08-01T00:00:00Z", "2026-09-01T00:00:00Z", ""),
		query("2026-08-01T00:00:00Z", "2026-09-01T00:00:00Z", "second"),
		query("2026-09-02T00:00:00Z", "2026-09-03T00:00:00Z", ""),
		query("2026-09-02T00:00:00Z", "2026-09-03T00:00:00Z", "second"),
	}
	if len(reqs) != len(wants) {
		t.Fatalf("sent %d requests, want %d", len(reqs), len(wants))
	}
	for i, q := range wants {
		want{Method: "GET", Path: "/v1/organizations/usage_report/messages", Query: q}.check(t, reqs[i])
	}
}

func TestRangeRefusesBadBuckets(t *testing.T) {
	day := func(s string) time.Time { return mustTime(t, s+"T00:00:00Z") }
	tests := []struct {
		name    string
		buckets []string // the days of the one page the server answers with
		msg     string
		yielded int // buckets yielded before the error
	}{
		{"hole", []string{usageDay(day("2026-08-01"), 1), usageDay(day("2026-08-03"), 3)}, "hole", 1},
		{"nothing", nil, "no bucket from 2026-08-01T00:00:00Z", 0},
		{"only buckets before the range", []string{usageDay(day("2026-07-30"), 1)}, "no bucket", 0},
		{"straddling bucket", []string{usageDay(day("2026-08-01"), 1),
			`{"starting_at":"2026-08-01T12:00:00Z","ending_at":"2026-08-02T12:00:00Z","results":[]}`}, "overlapping", 1},
		{"reversed bucket", []string{`{"starting_at":"2026-08-02T00:00:00Z","ending_at":"2026-08-01T00:00:00Z","results":[]}`}, "empty or reversed", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Body: `{"data":[` + strings.Join(tt.buckets, ",") + `],"has_more":false,"next_page":null}`})
			n, err := seqErr(api.client().Usage.MessagesRange(admin.UsageMessagesParams{StartingAt: day("2026-08-01"), EndingAt: day("2026-08-05")}).All(context.Background()))
			if err == nil || !strings.Contains(err.Error(), tt.msg) || n != tt.yielded {
				t.Errorf("yielded %d, then %v; want %d and an error saying %q", n, err, tt.yielded, tt.msg)
			}
			if len(api.requests()) != 1 {
				t.Errorf("sent %d requests, want 1", len(api.requests()))
			}
		})
	}
}

func TestRangeErrorsStopTheWalk(t *testing.T) {
	// 33 days are two windows; the first is answered, the second refused.
	start := mustTime(t, "2026-08-01T00:00:00Z")
	var days []string
	for i := range 31 {
		days = append(days, usageDay(start.AddDate(0, 0, i), i))
	}
	api := newFakeAPI(t,
		reply{Body: `{"data":[` + strings.Join(days, ",") + `],"has_more":false,"next_page":null}`},
		reply{Status: 403, Body: `{"type":"error","error":{"type":"permission_error","message":"no"}}`})
	n, err := seqErr(api.client().Usage.MessagesRange(admin.UsageMessagesParams{StartingAt: start, EndingAt: start.AddDate(0, 0, 33)}).All(context.Background()))
	if !errors.Is(err, admin.ErrPermission) || n != 31 {
		t.Errorf("got %d buckets, then %v; want 31 and a permission error", n, err)
	}
	if got := len(api.requests()); got != 2 {
		t.Errorf("sent %d requests, want 2", got)
	}
}

func TestRangeBadInputSendsNothing(t *testing.T) {
	api := newFakeAPI(t)
	c := api.client()
	ctx := context.Background()
	start := mustTime(t, "2026-08-01T00:00:00Z")
	end := start.AddDate(0, 0, 40)
	usage := func(p admin.UsageMessagesParams) func() error {
		return func() error { _, err := seqErr(c.Usage.MessagesRange(p).All(ctx)); return err }
	}
	cost := func(p admin.CostReportParams) func() error {
		return func() error { _, err := seqErr(c.Cost.ReportRange(p).All(ctx)); return err }
	}
	claude := func(r admin.TimeRange, limit int) func() error {
		return func() error {
			_, err := seqErr(c.Usage.ClaudeCodeRange(admin.ClaudeCodeRangeParams{StartingAt: r.Start, EndingAt: r.End, Limit: limit}).All(ctx))
			return err
		}
	}
	checkRefusals(t, api, []refusal{
		{"usage without an end", usage(admin.UsageMessagesParams{StartingAt: start})},
		{"usage without a start", usage(admin.UsageMessagesParams{EndingAt: end})},
		{"usage reversed", usage(admin.UsageMessagesParams{StartingAt: end, EndingAt: start})},
		{"usage empty", usage(admin.UsageMessagesParams{StartingAt: start, EndingAt: start})},
		{"usage with a page", usage(admin.UsageMessagesParams{PageCursor: admin.PageCursor{Page: reportPageToken}, StartingAt: start, EndingAt: end})},
		{"usage unknown width", usage(admin.UsageMessagesParams{StartingAt: start, EndingAt: end, BucketWidth: "1w"})},
		{"usage limit too large", usage(admin.UsageMessagesParams{PageCursor: admin.PageCursor{Limit: 32}, StartingAt: start, EndingAt: end})},
		{"usage six group_by", usage(admin.UsageMessagesParams{StartingAt: start, EndingAt: end,
			GroupBy: []admin.UsageGroupBy{"model", "workspace_id", "api_key_id", "service_tier", "context_window", "inference_geo"}})},
		{"cost without an end", cost(admin.CostReportParams{StartingAt: start})},
		{"cost hourly", cost(admin.CostReportParams{StartingAt: start, EndingAt: end, BucketWidth: admin.BucketWidthHour})},
		{"cost with a page", cost(admin.CostReportParams{PageCursor: admin.PageCursor{Page: reportPageToken}, StartingAt: start, EndingAt: end})},
		{"cost limit too large", cost(admin.CostReportParams{PageCursor: admin.PageCursor{Limit: 32}, StartingAt: start, EndingAt: end})},
		{"claude code empty range", claude(admin.TimeRange{Start: start, End: start}, 0)},
		{"claude code zero range", claude(admin.TimeRange{}, 0)},
		{"claude code limit too large", claude(admin.TimeRange{Start: start, End: end}, 1001)},
	})
}

func TestClaudeCodeRange(t *testing.T) {
	srv, c := newDemoFake(t)
	r := admin.TimeRange{Start: mustTime(t, "2026-11-16T10:00:00Z"), End: mustTime(t, "2026-11-18T12:00:00Z")}
	got := collectSeq(t, c.Usage.ClaudeCodeRange(admin.ClaudeCodeRangeParams{StartingAt: r.Start, EndingAt: r.End, Limit: 4}).All(context.Background()))
	var days []string
	for _, r := range srv.Requests() {
		if q := r.Query.Get("starting_at"); len(days) == 0 || days[len(days)-1] != q {
			days = append(days, q)
		}
	}
	if strings.Join(days, " ") != "2026-11-16 2026-11-17 2026-11-18" {
		t.Errorf("days asked = %v", days)
	}
	rangeRequests := len(srv.Requests())

	// The same as asking for the three days one by one, every page of each.
	var want []admin.ClaudeCodeRecord
	pages := 0
	for _, day := range days {
		recs := collect(t, c.Usage.ClaudeCode(admin.ClaudeCodeParams{PageCursor: admin.PageCursor{Limit: 4}, Day: mustTime(t, day+"T00:00:00Z")}))
		if len(recs) <= 4 {
			t.Fatalf("%d records on %s: too few to need pages", len(recs), day)
		}
		want = append(want, recs...)
		pages += (len(recs) + 3) / 4
	}
	if rangeRequests != pages {
		t.Errorf("ClaudeCodeRange sent %d requests, want %d", rangeRequests, pages)
	}
	if len(got) != len(want) {
		t.Fatalf("ClaudeCodeRange gave %d records, want %d", len(got), len(want))
	}
	for i := range want {
		jsonEqual(t, got[i].RawJSON(), want[i].RawJSON())
	}
}

// Both ways the fake can treat the running bucket, end to end: the range
// methods end a range at now either with the running bucket or just before
// it, never with an error.
func TestRangeToNowOnTheFake(t *testing.T) {
	day := mustTime(t, "2026-11-20T00:00:00Z") // fakeNow is 15:30:00 that day
	tests := []struct {
		name       string
		cost       bool
		width      admin.BucketWidth
		start, end time.Time
	}{
		{"cost, the last 40 days", true, admin.BucketWidthDay, day.AddDate(0, 0, -40), fakeNow},
		{"cost, today only", true, admin.BucketWidthDay, day, fakeNow},
		{"usage by the hour", false, admin.BucketWidthHour, day.Add(-30 * time.Hour), fakeNow},
		{"usage by the minute, this minute only", false, admin.BucketWidthMinute, fakeNow, fakeNow.Add(20 * time.Second)},
	}
	for _, running := range []bool{true, false} {
		opts := []admintest.Option{admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return fakeNow })}
		if !running {
			opts = append(opts, admintest.WithoutRunningBuckets())
		}
		srv := admintest.NewServer(opts...)
		t.Cleanup(srv.Close)
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/running buckets %v", tt.name, running), func(t *testing.T) {
				srv.ResetRequests()
				got, err := rangeOf(srv.Client(), tt.cost, tt.width, tt.start, tt.end)
				if err != nil {
					t.Fatal(err)
				}
				// The data runs to the end of the running bucket, or to its
				// start when the fake does not give it.
				size := map[admin.BucketWidth]time.Duration{admin.BucketWidthDay: 24 * time.Hour, admin.BucketWidthHour: time.Hour, admin.BucketWidthMinute: time.Minute}[tt.width]
				first, runTo := tt.start.Truncate(size), tt.end.Truncate(size)
				if running {
					runTo = runTo.Add(size)
				}
				checkContiguous(t, got, first, runTo, size)
				for _, r := range srv.Requests() {
					if r.Status != http.StatusOK && (running || r.Status != http.StatusBadRequest) {
						t.Errorf("request %v: status %d", r.Query, r.Status)
					}
				}
			})
		}
	}
}

// TestRangesAreLazyHandles checks the one shape of lists and ranges: making
// a range sends nothing, its context comes with All or Collect, and each
// call walks the range again from its start.
func TestRangesAreLazyHandles(t *testing.T) {
	end := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	start := end.AddDate(0, 0, -40) // two cost windows
	tests := []struct {
		name string
		walk func(c *admin.Client) (all func(context.Context) (int, error), collect func(context.Context) (int, error))
	}{
		{"messages", func(c *admin.Client) (func(context.Context) (int, error), func(context.Context) (int, error)) {
			r := c.Usage.MessagesRange(admin.UsageMessagesParams{StartingAt: start, EndingAt: end})
			return func(ctx context.Context) (int, error) { return seqErr(r.All(ctx)) },
				func(ctx context.Context) (int, error) { got, err := r.Collect(ctx); return len(got), err }
		}},
		{"cost", func(c *admin.Client) (func(context.Context) (int, error), func(context.Context) (int, error)) {
			r := c.Cost.ReportRange(admin.CostReportParams{StartingAt: start, EndingAt: end})
			return func(ctx context.Context) (int, error) { return seqErr(r.All(ctx)) },
				func(ctx context.Context) (int, error) { got, err := r.Collect(ctx); return len(got), err }
		}},
		{"claude code", func(c *admin.Client) (func(context.Context) (int, error), func(context.Context) (int, error)) {
			r := c.Usage.ClaudeCodeRange(admin.ClaudeCodeRangeParams{StartingAt: end.AddDate(0, 0, -2), EndingAt: end, Limit: 1000})
			return func(ctx context.Context) (int, error) { return seqErr(r.All(ctx)) },
				func(ctx context.Context) (int, error) { got, err := r.Collect(ctx); return len(got), err }
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := newDemoFake(t)
			all, collect := tt.walk(c)
			if n := len(srv.Requests()); n != 0 {
				t.Fatalf("making the range sent %d requests", n)
			}
			n1, err := all(context.Background())
			if err != nil || n1 == 0 {
				t.Fatalf("All: %d items, %v", n1, err)
			}
			sent := len(srv.Requests())
			n2, err := collect(context.Background())
			if err != nil || n2 != n1 || len(srv.Requests()) != 2*sent {
				t.Errorf("Collect: %d items, %v, %d requests; want %d items again in %d more requests", n2, err, len(srv.Requests())-sent, n1, sent)
			}
			// The context is the call's: a cancelled one ends the walk with its error.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if _, err := all(ctx); !errors.Is(err, context.Canceled) {
				t.Errorf("All with a cancelled context: %v", err)
			}
		})
	}
}
