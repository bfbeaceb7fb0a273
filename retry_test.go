package admin_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// sleeps records the waits the client asks for instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) option() admin.Option {
	return admin.WithRetrySleep(func(ctx context.Context, d time.Duration) error {
		s.mu.Lock()
		s.d = append(s.d, d)
		s.mu.Unlock()
		return ctx.Err()
	})
}

func (s *sleeps) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

func apiError(t *testing.T, err error) *admin.APIError {
	t.Helper()
	var e *admin.APIError
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *admin.APIError", err, err)
	}
	return e
}

func TestRetryStatuses(t *testing.T) {
	const rateLimited = `{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}`
	const serverError = `{"type":"error","error":{"type":"api_error","message":"Internal server error"}}`
	tests := []struct {
		name       string
		replies    []reply
		opts       []admin.Option
		wantSent   int
		wantSleeps []time.Duration // exact; nil with sleepRange set
		sleepRange [][2]time.Duration
		wantStatus int // 0: success
	}{
		{
			name:       "429 with retry-after-ms, then 200",
			replies:    []reply{{Status: 429, Header: map[string]string{"retry-after-ms": "1200"}, Body: rateLimited}, {Body: orgJSON}},
			wantSent:   2,
			wantSleeps: []time.Duration{1200 * time.Millisecond},
		},
		{
			name:       "429 with retry-after seconds",
			replies:    []reply{{Status: 429, Header: map[string]string{"retry-after": "3"}, Body: rateLimited}, {Body: orgJSON}},
			wantSent:   2,
			wantSleeps: []time.Duration{3 * time.Second},
		},
		{
			name:       "x-should-retry false stops a 500",
			replies:    []reply{{Status: 500, Header: map[string]string{"x-should-retry": "false"}, Body: serverError}, {Body: orgJSON}},
			wantSent:   1,
			wantStatus: 500,
		},
		{
			name:       "x-should-retry true retries a 400",
			replies:    []reply{{Status: 400, Header: map[string]string{"x-should-retry": "true", "retry-after": "0"}, Body: `{}`}, {Body: orgJSON}},
			wantSent:   2,
			wantSleeps: []time.Duration{0},
		},
		{
			name:       "501 is not retried",
			replies:    []reply{{Status: 501, Body: serverError}, {Body: orgJSON}},
			wantSent:   1,
			wantStatus: 501,
		},
		{
			name:       "404 is not retried",
			replies:    []reply{{Status: 404, Body: `{"type":"error","error":{"type":"not_found_error","message":"no such org"}}`}, {Body: orgJSON}},
			wantSent:   1,
			wantStatus: 404,
		},
		{
			name:       "408, 409 and 529 are retried",
			replies:    []reply{{Status: 408, Body: `{}`}, {Status: 409, Body: `{}`}, {Status: 529, Body: `{}`}, {Body: orgJSON}},
			opts:       []admin.Option{admin.WithMaxRetries(3)},
			wantSent:   4,
			sleepRange: [][2]time.Duration{{375 * time.Millisecond, 500 * time.Millisecond}, {750 * time.Millisecond, time.Second}, {1500 * time.Millisecond, 2 * time.Second}},
		},
		{
			name:       "500 until retries run out",
			replies:    []reply{{Status: 500, Body: serverError}},
			wantSent:   3,
			sleepRange: [][2]time.Duration{{375 * time.Millisecond, 500 * time.Millisecond}, {750 * time.Millisecond, time.Second}},
			wantStatus: 500,
		},
		{
			name:       "WithMaxRetries(0) sends once",
			replies:    []reply{{Status: 503, Body: serverError}},
			opts:       []admin.Option{admin.WithMaxRetries(0)},
			wantSent:   1,
			wantStatus: 503,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.replies...)
			var s sleeps
			org, err := api.client(append([]admin.Option{s.option()}, tt.opts...)...).Organization.Get(context.Background())
			if n := len(api.requests()); n != tt.wantSent {
				t.Errorf("sent %d requests, want %d", n, tt.wantSent)
			}
			for _, r := range api.requests() {
				want{Method: "GET", Path: "/v1/organizations/me"}.check(t, r)
			}
			got := s.got()
			switch {
			case tt.sleepRange != nil:
				if len(got) != len(tt.sleepRange) {
					t.Fatalf("sleeps = %v, want %d", got, len(tt.sleepRange))
				}
				for i, r := range tt.sleepRange {
					if got[i] < r[0] || got[i] > r[1] {
						t.Errorf("sleep %d = %v, want within [%v, %v]", i, got[i], r[0], r[1])
					}
				}
			case len(got) != len(tt.wantSleeps):
				t.Errorf("sleeps = %v, want %v", got, tt.wantSleeps)
			default:
				for i := range got {
					if got[i] != tt.wantSleeps[i] {
						t.Errorf("sleeps = %v, want %v", got, tt.wantSleeps)
					}
				}
			}
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if org.Name != "Example Org" {
					t.Errorf("org = %+v", org)
				}
				return
			}
			e := apiError(t, err)
			if e.StatusCode != tt.wantStatus || e.Attempts != tt.wantSent {
				t.Errorf("APIError status %d after %d attempts, want %d after %d", e.StatusCode, e.Attempts, tt.wantStatus, tt.wantSent)
			}
		})
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	at := time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)
	api := newFakeAPI(t, reply{Status: 503, Header: map[string]string{"retry-after": at}, Body: `{}`}, reply{Body: orgJSON})
	var s sleeps
	if _, err := api.client(s.option()).Organization.Get(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := s.got()
	// The date has whole seconds, so the wait is a little under 30s.
	if len(got) != 1 || got[0] < 28*time.Second || got[0] > 30*time.Second {
		t.Errorf("sleeps = %v, want one of about 30s", got)
	}
}

func TestServerDelayAboveMaxReturnsAtOnce(t *testing.T) {
	tests := []struct {
		name   string
		header map[string]string
		opts   []admin.Option
		want   time.Duration
	}{
		{"above the default 60s", map[string]string{"retry-after": "120"}, nil, 120 * time.Second},
		{"above WithMaxRetryDelay", map[string]string{"retry-after-ms": "5000"}, []admin.Option{admin.WithMaxRetryDelay(2 * time.Second)}, 5 * time.Second},
		// Before the fix this overflowed to 0 and retried at once.
		{"too large for a Duration", map[string]string{"retry-after": "99999999999999"}, nil, time.Duration(1<<63 - 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, reply{Status: 429, Header: tt.header, Body: `{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}`}, reply{Body: orgJSON})
			var s sleeps
			_, err := api.client(append([]admin.Option{s.option()}, tt.opts...)...).Organization.Get(context.Background())
			e := apiError(t, err)
			if e.RetryAfter != tt.want || e.Attempts != 1 || !errors.Is(err, admin.ErrRateLimited) {
				t.Errorf("APIError = %+v, want RetryAfter %v after 1 attempt", e, tt.want)
			}
			if !strings.Contains(e.Error(), "retry after") {
				t.Errorf("error %q does not say when to retry", e)
			}
			if got := s.got(); len(got) != 0 {
				t.Errorf("slept %v", got)
			}
			if n := len(api.requests()); n != 1 {
				t.Errorf("sent %d requests, want 1", n)
			}
		})
	}
}

func TestDeadlineShorterThanDelayReturnsPromptly(t *testing.T) {
	api := newFakeAPI(t, reply{Status: 429, Header: map[string]string{"retry-after": "45"}, Body: `{}`}, reply{Body: orgJSON})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	// WithRetrySleep(nil) puts the real sleep back: the test would take 45s
	// if the client slept.
	_, err := api.client().Organization.Get(ctx, admin.WithRetrySleep(nil))
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %v; the client slept past its deadline", time.Since(start))
	}
	if e := apiError(t, err); e.StatusCode != 429 || e.Attempts != 1 {
		t.Errorf("APIError = %+v", e)
	}
	if n := len(api.requests()); n != 1 {
		t.Errorf("sent %d requests, want 1", n)
	}
}

func TestCancelDuringSleep(t *testing.T) {
	api := newFakeAPI(t, reply{Status: 503, Body: `{}`}, reply{Body: orgJSON})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sleeping := make(chan struct{})
	sleep := admin.WithRetrySleep(func(ctx context.Context, d time.Duration) error {
		close(sleeping)
		<-ctx.Done()
		return ctx.Err()
	})
	go func() {
		<-sleeping
		cancel()
	}()
	_, err := api.client(sleep).Organization.Get(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	var te *admin.TransportError
	if !errors.As(err, &te) || te.Attempts != 1 || te.Method != "GET" || te.Path != "/v1/organizations/me" {
		t.Errorf("err = %#v", err)
	}
	if n := len(api.requests()); n != 1 {
		t.Errorf("sent %d requests, want 1", n)
	}
}

func TestPerAttemptTimeout(t *testing.T) {
	// The first attempt hangs until the client gives up on it; the second
	// answers.
	api := newFakeAPI(t)
	var calls atomic.Int32
	api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
		if calls.Add(1) == 1 {
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(orgJSON))
	}
	var s sleeps
	// Generous enough that the answering attempt never runs out on a busy
	// machine; the hanging one costs this much real time.
	org, err := api.client(s.option(), admin.WithRequestTimeout(300*time.Millisecond)).Organization.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if org.Name != "Example Org" || len(api.requests()) != 2 || len(s.got()) != 1 {
		t.Errorf("org %+v after %d requests and sleeps %v", org, len(api.requests()), s.got())
	}
}

func TestPerAttemptTimeoutEveryTime(t *testing.T) {
	api := newFakeAPI(t)
	api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) { <-r.Context().Done() }
	_, err := api.client(admin.WithRequestTimeout(20 * time.Millisecond)).Organization.Get(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	var te *admin.TransportError
	if !errors.As(err, &te) || te.Attempts != 3 {
		t.Errorf("err = %#v, want a TransportError after 3 attempts", err)
	}
	if !strings.Contains(err.Error(), "after 3 attempts") {
		t.Errorf("error %q does not count the attempts", err)
	}
}

func TestCreateRetries(t *testing.T) {
	const body = `{"name":"Research"}`
	tests := []struct {
		name     string
		replies  []reply
		wantSent int
		wantErr  int // status; 0 for success
	}{
		{"500 is sent exactly once", []reply{{Status: 500, Body: `{}`}, {Body: `{}`}}, 1, 500},
		{"503 is sent exactly once", []reply{{Status: 503, Body: `{}`}, {Body: `{}`}}, 1, 503},
		{"409 is sent exactly once", []reply{{Status: 409, Body: `{}`}, {Body: `{}`}}, 1, 409},
		{"429 is retried", []reply{{Status: 429, Header: map[string]string{"retry-after": "1"}, Body: `{}`}, {Body: `{"id":"wrkspc_01"}`}}, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.replies...)
			var out struct{ ID string }
			err := api.client().Do(context.Background(), "POST", "/v1/organizations/workspaces", nil, map[string]string{"name": "Research"}, &out)
			reqs := api.requests()
			if len(reqs) != tt.wantSent {
				t.Fatalf("sent %d requests, want %d", len(reqs), tt.wantSent)
			}
			for _, r := range reqs {
				want{Method: "POST", Path: "/v1/organizations/workspaces", Body: body}.check(t, r)
			}
			if tt.wantErr == 0 {
				if err != nil || out.ID != "wrkspc_01" {
					t.Errorf("err %v, out %+v", err, out)
				}
				return
			}
			if e := apiError(t, err); e.StatusCode != tt.wantErr || e.Attempts != 1 {
				t.Errorf("APIError = %+v", e)
			}
		})
	}
}

// refuseFirstDial returns an HTTP client whose first connection is refused
// before any byte is written, then connects normally. The refusal is real (a
// listener that was closed) when the port is still free, and the same error
// made up otherwise, so the test never depends on port reuse.
func refuseFirstDial(t *testing.T) (*http.Client, *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	var dials atomic.Int32
	var d net.Dialer
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			conn, err := d.DialContext(ctx, network, closed)
			if err == nil {
				conn.Close()
				err = &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
			}
			return nil, err
		}
		return d.DialContext(ctx, network, addr)
	}}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}, &dials
}

func TestCreateRetriedWhenConnectionRefused(t *testing.T) {
	api := newFakeAPI(t, reply{Body: `{"id":"wrkspc_01"}`})
	hc, dials := refuseFirstDial(t)
	var s sleeps
	var out struct{ ID string }
	err := api.client(admin.WithHTTPClient(hc), s.option()).Do(context.Background(), "POST", "/v1/organizations/workspaces", nil, map[string]string{"name": "Research"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	want{Method: "POST", Path: "/v1/organizations/workspaces", Body: `{"name":"Research"}`}.check(t, api.only())
	if out.ID != "wrkspc_01" || dials.Load() != 2 || len(s.got()) != 1 {
		t.Errorf("out %+v after %d dials and sleeps %v", out, dials.Load(), s.got())
	}
}

func TestCreateNotRetriedWhenConnectionDropsAfterSending(t *testing.T) {
	api := newFakeAPI(t)
	api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
		// The server got the whole request, then the connection died: it
		// may have created the workspace, so the client must not send again.
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.Close()
	}
	err := api.client().Do(context.Background(), "POST", "/v1/organizations/workspaces", nil, map[string]string{"name": "Research"}, nil)
	var te *admin.TransportError
	if !errors.As(err, &te) || te.Attempts != 1 {
		t.Fatalf("err = %v, want a TransportError after 1 attempt", err)
	}
	want{Method: "POST", Path: "/v1/organizations/workspaces", Body: `{"name":"Research"}`}.check(t, api.only())

	// The same drop on a read is retried.
	_, err = api.client().Organization.Get(context.Background())
	if !errors.As(err, &te) || te.Attempts != 3 {
		t.Errorf("GET: err = %v, want a TransportError after 3 attempts", err)
	}
	if n := len(api.requests()); n != 4 {
		t.Errorf("sent %d requests in all, want 4", n)
	}
}

func TestStreamBodyIsNotRetried(t *testing.T) {
	api := newFakeAPI(t, reply{Status: 500, Body: `{}`}, reply{Body: `{}`})
	err := api.client().Do(context.Background(), "PUT", "/v1/organizations/things/1", nil, strings.NewReader(`{"a":1}`), nil)
	if e := apiError(t, err); e.Attempts != 1 {
		t.Errorf("Attempts = %d, want 1", e.Attempts)
	}
	got := api.only()
	if string(got.Body) != `{"a":1}` {
		t.Errorf("body = %q", got.Body)
	}
}

func TestUnbuildableRequestIsNotRetried(t *testing.T) {
	api := newFakeAPI(t)
	var s sleeps
	err := api.client(s.option()).Do(context.Background(), "BAD METHOD", "/v1/organizations/me", nil, nil, nil)
	var te *admin.TransportError
	if !errors.As(err, &te) || te.Attempts != 1 {
		t.Errorf("err = %v, want a TransportError after 1 attempt", err)
	}
	if len(s.got()) != 0 || len(api.requests()) != 0 {
		t.Errorf("slept %v and sent %d requests for a request that cannot be built", s.got(), len(api.requests()))
	}
}
