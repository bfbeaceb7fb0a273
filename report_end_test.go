package admin_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// How the range methods end a range (docs-notes §10 item 19), against small
// servers that each implement one reading of the live API literally.

// dateRangeRefusal is the live API's answer to a request that holds no whole bucket.
const dateRangeRefusal = `{"type":"error","error":{"type":"invalid_request_error","message":"Invalid date range: ending date must be after starting date"}}`

// runningRule is what a server does with a bucket that has not ended by its
// clock when ending_at is at or after that bucket's end.
type runningRule int

const (
	// giveRunning follows the documented rule to the letter: every bucket
	// that ends at or before ending_at, the running one (with its usage so
	// far) included.
	giveRunning runningRule = iota
	// refuseRunning never gives a bucket that has not ended, and refuses a
	// request that then holds no ended bucket, as a server that takes
	// ending_at as at most now would.
	refuseRunning
	// omitRunning never gives a bucket that has not ended either, and
	// answers such a request with no buckets rather than the 400.
	omitRunning
)

func (r runningRule) String() string {
	return [...]string{"gives the running bucket", "refuses the running bucket", "leaves out the running bucket"}[r]
}

// ruleServer answers the usage and cost reports with the buckets of
// bucket_width from starting_at, snapped down, that end at or before
// ending_at (now when it is omitted), in one page; a request that holds no
// whole bucket gets the live API's 400. Each bucket's output_tokens is the
// number of its minutes that have passed by now. It fails the test on any
// request that does not start and end on bucket boundaries.
func ruleServer(t *testing.T, now time.Time, rule runningRule) *fakeAPI {
	api := newFakeAPI(t)
	api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
		q := r.URL.Query()
		size := map[string]time.Duration{"1d": 24 * time.Hour, "1h": time.Hour, "1m": time.Minute}[q.Get("bucket_width")]
		from, err1 := time.Parse(time.RFC3339, q.Get("starting_at"))
		to, err2 := time.Parse(time.RFC3339, q.Get("ending_at"))
		if size == 0 || err1 != nil || err2 != nil || !from.Equal(from.Truncate(size)) || !to.Equal(to.Truncate(size)) || !to.After(from) {
			t.Errorf("request %v does not hold whole buckets", q)
		}
		if rule != giveRunning && to.After(now) {
			to = now
		}
		var days []string
		for s := from.Truncate(size); !s.Add(size).After(to); s = s.Add(size) {
			elapsed := min(now.Sub(s), size) / time.Minute
			days = append(days, fmt.Sprintf(`{"starting_at":%q,"ending_at":%q,"results":[{"output_tokens":%d}]}`,
				s.Format(time.RFC3339), s.Add(size).Format(time.RFC3339), elapsed))
		}
		if len(days) == 0 && rule != omitRunning {
			w.Header().Set("x-should-retry", "false")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, dateRangeRefusal)
			return
		}
		fmt.Fprintf(w, `{"data":[%s],"has_more":false,"next_page":null}`, strings.Join(days, ","))
	}
	return api
}

// outputBucket is a bucket of ruleServer's reports: its span and its
// output_tokens, read from the bucket's JSON for either report.
type outputBucket = admin.ReportBucket[int64]

// rangeOf fetches [start, end) with the usage or the cost range method.
func rangeOf(c *admin.Client, cost bool, width admin.BucketWidth, start, end time.Time) ([]outputBucket, error) {
	var out []outputBucket
	keep := func(s, e time.Time, raw []byte) {
		var b struct {
			Results []struct {
				OutputTokens int64 `json:"output_tokens"`
			} `json:"results"`
		}
		_ = json.Unmarshal(raw, &b)
		ob := outputBucket{StartingAt: s, EndingAt: e}
		for _, r := range b.Results {
			ob.Results = append(ob.Results, r.OutputTokens)
		}
		out = append(out, ob)
	}
	ctx := context.Background()
	if cost {
		for b, err := range c.Cost.ReportRange(admin.CostReportParams{StartingAt: start, EndingAt: end}).All(ctx) {
			if err != nil {
				return out, err
			}
			keep(b.StartingAt, b.EndingAt, b.RawJSON())
		}
		return out, nil
	}
	for b, err := range c.Usage.MessagesRange(admin.UsageMessagesParams{StartingAt: start, EndingAt: end, BucketWidth: width}).All(ctx) {
		if err != nil {
			return out, err
		}
		keep(b.StartingAt, b.EndingAt, b.RawJSON())
	}
	return out, nil
}

func TestRangeEndsOnBucketBoundaries(t *testing.T) {
	at := func(s string) time.Time { return mustTime(t, s) }
	tests := []struct {
		name       string
		now        time.Time
		width      admin.BucketWidth // "" is daily
		cost       bool
		start, end time.Time
		windows    []string // "starting_at ending_at" of each request
		buckets    int      // buckets of the range, from the one holding start
		// running: the range's last bucket has not ended by now, so only a
		// server that gives the running bucket yields it.
		running bool
	}{
		{"usage, the last 7 days and today so far", at("2026-11-20T15:30:00Z"), "", false, at("2026-11-13T00:00:00Z"), at("2026-11-20T15:30:00Z"),
			[]string{"2026-11-13T00:00:00Z 2026-11-21T00:00:00Z"}, 8, true},
		{"cost, the last 7 days and today so far", at("2026-11-20T15:30:00Z"), "", true, at("2026-11-13T00:00:00Z"), at("2026-11-20T15:30:00Z"),
			[]string{"2026-11-13T00:00:00Z 2026-11-21T00:00:00Z"}, 8, true},
		{"ending on a past day's boundary", at("2026-11-20T15:30:00Z"), "", true, at("2026-11-13T00:00:00Z"), at("2026-11-20T00:00:00Z"),
			[]string{"2026-11-13T00:00:00Z 2026-11-20T00:00:00Z"}, 7, false},
		{"ending now, exactly on a boundary", at("2026-11-20T00:00:00Z"), "", false, at("2026-11-13T00:00:00Z"), at("2026-11-20T00:00:00Z"),
			[]string{"2026-11-13T00:00:00Z 2026-11-20T00:00:00Z"}, 7, false},
		{"ending inside a past day", at("2026-11-20T15:30:00Z"), "", false, at("2026-11-03T09:00:00Z"), at("2026-11-10T12:00:00Z"),
			[]string{"2026-11-03T00:00:00Z 2026-11-11T00:00:00Z"}, 8, false},
		{"last month, at the first instant of a month", at("2026-12-01T00:00:00Z"), "", true, at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"),
			[]string{"2026-11-01T00:00:00Z 2026-12-01T00:00:00Z"}, 30, false},
		{"month to date, five minutes into a month", at("2026-12-01T00:05:00Z"), "", true, at("2026-12-01T00:00:00Z"), at("2026-12-01T00:05:00Z"),
			[]string{"2026-12-01T00:00:00Z 2026-12-02T00:00:00Z"}, 1, true},
		{"hourly, the last 24 hours and this one so far", at("2026-11-20T15:30:00Z"), admin.BucketWidthHour, false, at("2026-11-19T15:00:00Z"), at("2026-11-20T15:30:00Z"),
			[]string{"2026-11-19T15:00:00Z 2026-11-20T16:00:00Z"}, 25, true},
		{"hourly, two windows", at("2026-11-20T15:30:00Z"), admin.BucketWidthHour, false, at("2026-11-13T00:00:00Z"), at("2026-11-20T15:30:00Z"),
			[]string{"2026-11-13T00:00:00Z 2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z 2026-11-20T16:00:00Z"}, 184, true},
		{"per minute, the last 90 minutes and this one so far", at("2026-11-20T15:30:20Z"), admin.BucketWidthMinute, false, at("2026-11-20T14:00:00Z"), at("2026-11-20T15:30:20Z"),
			[]string{"2026-11-20T14:00:00Z 2026-11-20T15:31:00Z"}, 91, true},
		{"31-day windows, ending inside today", at("2026-11-20T15:30:00Z"), "", true, at("2026-08-22T00:00:00Z"), at("2026-11-20T15:30:00Z"),
			[]string{"2026-08-22T00:00:00Z 2026-09-22T00:00:00Z", "2026-09-22T00:00:00Z 2026-10-23T00:00:00Z", "2026-10-23T00:00:00Z 2026-11-21T00:00:00Z"}, 91, true},
		{"the last window holds only the running bucket", at("2026-11-20T15:30:00Z"), "", false, at("2026-10-20T00:00:00Z"), at("2026-11-20T15:30:00Z"),
			[]string{"2026-10-20T00:00:00Z 2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z 2026-11-21T00:00:00Z"}, 32, true},
	}
	for _, tt := range tests {
		for _, rule := range []runningRule{giveRunning, refuseRunning, omitRunning} {
			t.Run(tt.name+"/"+rule.String(), func(t *testing.T) {
				api := ruleServer(t, tt.now, rule)
				got, err := rangeOf(api.client(), tt.cost, tt.width, tt.start, tt.end)
				if err != nil {
					t.Fatal(err)
				}
				size := map[admin.BucketWidth]time.Duration{"": 24 * time.Hour, admin.BucketWidthHour: time.Hour, admin.BucketWidthMinute: time.Minute}[tt.width]
				want := tt.buckets
				if tt.running && rule != giveRunning {
					want--
				}
				first := tt.start.Truncate(size)
				checkContiguous(t, got, first, first.Add(time.Duration(want)*size), size)
				// What a caller compares to tell that the running bucket
				// is missing.
				complete := want > 0 && !got[len(got)-1].EndingAt.Before(tt.end)
				if complete != (want == tt.buckets) {
					t.Errorf("the last bucket ends at %v, the range at %v: complete = %v, want %v", got[len(got)-1].EndingAt, tt.end, complete, !complete)
				}
				if tt.running && rule == giveRunning {
					if last := got[len(got)-1].Results[0]; last != int64(tt.now.Sub(got[len(got)-1].StartingAt)/time.Minute) {
						t.Errorf("the running bucket has %d minutes of output, want its minutes so far", last)
					}
				}
				var windows []string
				for _, r := range api.requests() {
					windows = append(windows, r.Query.Get("starting_at")+" "+r.Query.Get("ending_at"))
				}
				if strings.Join(windows, ", ") != strings.Join(tt.windows, ", ") {
					t.Errorf("windows\n %v\nwant\n %v", windows, tt.windows)
				}
			})
		}
	}
}

func TestRangeRefusalsThatAreErrors(t *testing.T) {
	at := func(s string) time.Time { return mustTime(t, s) }
	other := `{"type":"error","error":{"type":"invalid_request_error","message":"group_by[]: \"user_id\" is not one of account_id, api_key_id, model"}}`
	tests := []struct {
		name       string
		body       string
		start, end time.Time
		sent       int
	}{
		// The range ends inside a day, but the one window holds seven
		// whole days besides the running one.
		{"the date range refused on a window with whole buckets", dateRangeRefusal, at("2026-11-13T00:00:00Z"), at("2026-11-20T15:30:00Z"), 1},
		// One whole bucket that is not running, since the range ends on
		// its end.
		{"the date range refused on one whole bucket", dateRangeRefusal, at("2026-11-19T00:00:00Z"), at("2026-11-20T00:00:00Z"), 1},
		{"another 400 on the running bucket's window", other, at("2026-12-01T00:00:00Z"), at("2026-12-01T00:05:00Z"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Status: 400, Header: map[string]string{"x-should-retry": "false"}, Body: tt.body})
			for _, cost := range []bool{false, true} {
				got, err := rangeOf(api.client(), cost, "", tt.start, tt.end)
				var apiErr *admin.APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || !errors.Is(err, admin.ErrInvalidRequest) || len(got) != 0 {
					t.Errorf("cost %v: yielded %d, then %v; want the 400 as an error", cost, len(got), err)
				}
			}
			if n := len(api.requests()); n != 2*tt.sent {
				t.Errorf("sent %d requests, want %d", n, 2*tt.sent)
			}
		})
	}
}

// bucketOf is a daily bucket whose one result is written as given.
func bucketOf(day, result string) string {
	d, _ := time.Parse(time.DateOnly, day)
	return fmt.Sprintf(`{"starting_at":%q,"ending_at":%q,"results":[%s]}`, d.Format(time.RFC3339), d.AddDate(0, 0, 1).Format(time.RFC3339), result)
}

func TestRangeRepeatedBuckets(t *testing.T) {
	plain := func(day string, output int) string {
		return bucketOf(day, fmt.Sprintf(`{"output_tokens":%d,"model":"m"}`, output))
	}
	page := func(next string, buckets ...string) string {
		if next == "" {
			return `{"data":[` + strings.Join(buckets, ",") + `],"has_more":false,"next_page":null}`
		}
		return `{"data":[` + strings.Join(buckets, ",") + `],"has_more":true,"next_page":"` + next + `"}`
	}
	tests := []struct {
		name    string
		pages   []string // the answers, in order, to [Aug 1, Aug 4)
		yielded int
		err     []string // what the error names; nil for no error
	}{
		{"identical, on one page", []string{page("", plain("2026-08-01", 1), plain("2026-08-02", 2), plain("2026-08-02", 2), plain("2026-08-03", 3))}, 3, nil},
		{"identical, keys in another order and spacing", []string{page("",
			plain("2026-08-01", 1), plain("2026-08-02", 2), bucketOf("2026-08-02", `{ "model": "m",  "output_tokens": 2 }`), plain("2026-08-03", 3))}, 3, nil},
		{"identical, results in another order", []string{page("",
			plain("2026-08-01", 1),
			bucketOf("2026-08-02", `{"output_tokens":2,"model":"a"},{"output_tokens":5,"model":"b"}`),
			bucketOf("2026-08-02", `{"model":"b","output_tokens":5},{"model":"a","output_tokens":2}`),
			plain("2026-08-03", 3))}, 3, nil},
		{"identical, on the next page", []string{
			page("p2", plain("2026-08-01", 1), plain("2026-08-02", 2)),
			page("", plain("2026-08-02", 2), plain("2026-08-03", 3))}, 3, nil},
		{"different, on one page", []string{page("", plain("2026-08-01", 1), plain("2026-08-02", 2), plain("2026-08-02", 7), plain("2026-08-03", 3))}, 2,
			[]string{"2026-08-02T00:00:00Z to 2026-08-03T00:00:00Z", `"output_tokens":2`, `"output_tokens":7`}},
		{"different, on the next page", []string{
			page("p2", plain("2026-08-01", 1), plain("2026-08-02", 2)),
			page("", plain("2026-08-02", 20), plain("2026-08-03", 3))}, 2,
			[]string{"2026-08-02T00:00:00Z to 2026-08-03T00:00:00Z", `"output_tokens":2`, `"output_tokens":20`}},
		// A figure this version does not know is compared too, exactly as
		// written.
		{"an unknown field's number spelled otherwise is different", []string{page("",
			bucketOf("2026-08-01", `{"output_tokens":1,"new_tokens":1}`), bucketOf("2026-08-01", `{"output_tokens":1,"new_tokens":1.0}`))}, 1,
			[]string{"2026-08-01T00:00:00Z to 2026-08-02T00:00:00Z", `"new_tokens":1,`, `"new_tokens":1.0`}},
		{"one more result is different", []string{page("", plain("2026-08-01", 1),
			bucketOf("2026-08-01", `{"output_tokens":1,"model":"m"},{"output_tokens":0,"model":"n"}`))}, 1,
			[]string{"2026-08-01T00:00:00Z to 2026-08-02T00:00:00Z", `"model":"n"`}},
		{"a bucket that lines up with none returned", []string{page("", plain("2026-08-01", 1), plain("2026-08-02", 2),
			`{"starting_at":"2026-08-01T12:00:00Z","ending_at":"2026-08-02T12:00:00Z","results":[]}`)}, 2,
			[]string{"2026-08-01T12:00:00Z to 2026-08-02T12:00:00Z", "overlapping"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var replies []reply
			for _, p := range tt.pages {
				replies = append(replies, reply{Body: p})
			}
			api := newFakeAPI(t, replies...)
			n, err := seqErr(api.client().Usage.MessagesRange(admin.UsageMessagesParams{StartingAt: mustTime(t, "2026-08-01T00:00:00Z"), EndingAt: mustTime(t, "2026-08-04T00:00:00Z")}).All(context.Background()))
			if n != tt.yielded || (err == nil) != (tt.err == nil) {
				t.Fatalf("yielded %d, then %v; want %d and an error naming %q", n, err, tt.yielded, tt.err)
			}
			for _, s := range tt.err {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not name %s", err, s)
				}
			}
			if len(api.requests()) != len(tt.pages) {
				t.Errorf("sent %d requests, want %d", len(api.requests()), len(tt.pages))
			}
		})
	}
}

func TestRangeRepeatedAcrossWindows(t *testing.T) {
	// 33 days are two windows; the second answer starts with the first
	// window's last day again.
	start := mustTime(t, "2026-08-01T00:00:00Z")
	for _, tt := range []struct {
		name   string
		again  int // Aug 31's output_tokens in the second answer (31 the first time)
		wantN  int
		errors bool
	}{
		{"identical", 31, 33, false},
		{"different", 30, 31, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t)
			api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
				from, _ := time.Parse(time.RFC3339, r.URL.Query().Get("starting_at"))
				to, _ := time.Parse(time.RFC3339, r.URL.Query().Get("ending_at"))
				var days []string
				if from.Equal(start.AddDate(0, 0, 31)) {
					days = append(days, usageDay(from.AddDate(0, 0, -1), tt.again))
				}
				for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
					days = append(days, usageDay(d, d.Day()))
				}
				fmt.Fprintf(w, `{"data":[%s],"has_more":false,"next_page":null}`, strings.Join(days, ","))
			}
			n, err := seqErr(api.client().Usage.MessagesRange(admin.UsageMessagesParams{StartingAt: start, EndingAt: start.AddDate(0, 0, 33)}).All(context.Background()))
			if n != tt.wantN || (err != nil) != tt.errors {
				t.Fatalf("yielded %d, then %v; want %d, error %v", n, err, tt.wantN, tt.errors)
			}
			if tt.errors && !strings.Contains(err.Error(), "2026-08-31T00:00:00Z to 2026-09-01T00:00:00Z twice with different results") {
				t.Errorf("error %q does not name the bucket", err)
			}
		})
	}
}

// A range may end in the future (this month, to the first of the next). A
// server that gives no bucket that has not ended leaves the rest out or
// refuses the window after its data; either way the range ends where the
// data does, without an error, and is asked again from where a short window
// stopped.
func TestRangeEndingInTheFuture(t *testing.T) {
	at := func(s string) time.Time { return mustTime(t, s) }
	now := at("2026-11-20T15:30:00Z")
	tests := []struct {
		name       string
		start, end time.Time
		windows    []string
	}{
		{"this month, to the first of the next", at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"),
			[]string{"2026-11-01T00:00:00Z 2026-12-01T00:00:00Z", "2026-11-20T00:00:00Z 2026-12-01T00:00:00Z"}},
		{"two windows, the second short", at("2026-10-01T00:00:00Z"), at("2026-12-01T00:00:00Z"),
			[]string{"2026-10-01T00:00:00Z 2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z 2026-12-01T00:00:00Z", "2026-11-20T00:00:00Z 2026-12-01T00:00:00Z"}},
	}
	for _, tt := range tests {
		for _, rule := range []runningRule{refuseRunning, omitRunning} {
			t.Run(tt.name+"/"+rule.String(), func(t *testing.T) {
				api := ruleServer(t, now, rule)
				got, err := rangeOf(api.client(), true, "", tt.start, tt.end)
				if err != nil {
					t.Fatal(err)
				}
				checkContiguous(t, got, tt.start, at("2026-11-20T00:00:00Z"), 24*time.Hour)
				var windows []string
				for _, r := range api.requests() {
					windows = append(windows, r.Query.Get("starting_at")+" "+r.Query.Get("ending_at"))
				}
				if strings.Join(windows, ", ") != strings.Join(tt.windows, ", ") {
					t.Errorf("windows\n %v\nwant\n %v", windows, tt.windows)
				}
			})
		}
	}
}
