package admin_test

// Cancellation: a caller that gives up mid-request gets control back at once,
// and the client leaves no goroutine running and no response body open.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// promptly is how soon a cancelled call must return. Generous: the point
// is that it does not wait out a delay measured in tens of seconds.
const promptly = 2 * time.Second

// bodyCounter is a RoundTripper that counts the response bodies it hands
// out and how many of them were closed.
type bodyCounter struct {
	next           http.RoundTripper
	opened, closed atomic.Int32
}

func (b *bodyCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := b.next.RoundTrip(r)
	if resp != nil && resp.Body != nil {
		b.opened.Add(1)
		resp.Body = &countedBody{ReadCloser: resp.Body, closed: &b.closed}
	}
	return resp, err
}

type countedBody struct {
	io.ReadCloser
	once   sync.Once
	closed *atomic.Int32
}

func (c *countedBody) Close() error {
	c.once.Do(func() { c.closed.Add(1) })
	return c.ReadCloser.Close()
}

// waitUntil polls cond for up to five seconds. It may run on any goroutine.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Errorf("timed out waiting for %s", what)
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// checkNoLeakedGoroutines waits for the goroutine count to come back down to
// what it was before the test started its servers and clients.
func checkNoLeakedGoroutines(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines left, %d before:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCancellation(t *testing.T) {
	tests := []struct {
		name string
		// run starts a call with ctx and, from another goroutine, calls
		// cancel once the call is at the point under test. It returns the
		// call's error.
		run func(t *testing.T, hc *http.Client, bodies *bodyCounter, ctx context.Context, cancel func()) error
		// bodies is how many response bodies the call must have opened
		// (and closed).
		bodies int32
	}{
		{
			name: "waiting for the second page",
			run: func(t *testing.T, hc *http.Client, _ *bodyCounter, ctx context.Context, cancel func()) error {
				srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return fakeNow }))
				defer srv.Close()
				var err error
				for _, err = range srv.Client(admin.WithHTTPClient(hc)).Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 5}}).Pages(ctx) {
					if err != nil {
						break
					}
					if len(srv.Requests()) == 1 {
						srv.Inject(admintest.Fault{Delay: time.Minute})
						go func() {
							waitUntil(t, "the second page's request", func() bool { return len(srv.Requests()) == 2 })
							cancel()
						}()
					}
				}
				return err
			},
			bodies: 1,
		},
		{
			name: "in the real sleep before a retry",
			run: func(t *testing.T, hc *http.Client, bodies *bodyCounter, ctx context.Context, cancel func()) error {
				srv := admintest.NewServer()
				defer srv.Close()
				srv.Inject(admintest.Fault{Status: 429, RetryAfter: "30"})
				// A real 30-second wait on a timer, which says when it
				// starts: a cancel before then would meet the 429's answer
				// instead, which is the call's outcome (TestCancelAfterTheAnswer).
				waiting := make(chan struct{})
				wait := func(ctx context.Context, d time.Duration) error {
					close(waiting)
					timer := time.NewTimer(d)
					defer timer.Stop()
					select {
					case <-timer.C:
						return nil
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				go func() {
					<-waiting
					cancel()
				}()
				_, err := srv.Client(admin.WithHTTPClient(hc), admin.WithRetrySleep(wait)).Organization.Get(ctx)
				if n := len(srv.Requests()); n != 1 {
					t.Errorf("sent %d requests, want 1", n)
				}
				return err
			},
			bodies: 1,
		},
		{
			name: "halfway through the body",
			run: func(t *testing.T, hc *http.Client, bodies *bodyCounter, ctx context.Context, cancel func()) error {
				release := make(chan struct{})
				hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "application/json")
					w.Header().Set("Content-Length", "1000")
					io.WriteString(w, `{"id":"org_1","type":"organization","name":"`+strings.Repeat("x", 400))
					http.NewResponseController(w).Flush()
					select {
					case <-r.Context().Done():
					case <-release:
					}
				}))
				defer hs.Close()
				defer close(release) // runs first: frees the handler if the client did not hang up
				c, err := admin.NewClient(admin.WithAPIKey(testKey), admin.WithBaseURL(hs.URL), admin.WithHTTPClient(hc))
				if err != nil {
					t.Fatal(err)
				}
				go func() {
					waitUntil(t, "the response headers", func() bool { return bodies.opened.Load() == 1 })
					cancel()
				}()
				_, err = c.Organization.Get(ctx)
				return err
			},
			bodies: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			tr := &http.Transport{}
			bodies := &bodyCounter{next: tr}
			ctx, cancel := context.WithCancel(context.Background())
			var cancelled atomic.Int64 // when cancel was called, in UnixNano
			err := tt.run(t, &http.Client{Transport: bodies}, bodies, ctx, func() {
				cancelled.Store(time.Now().UnixNano())
				cancel()
			})
			returned := time.Now()
			cancel()

			if at := cancelled.Load(); at == 0 {
				t.Fatalf("the call ended before it was cancelled: %v", err)
			} else if took := returned.Sub(time.Unix(0, at)); took > promptly {
				t.Errorf("returned %v after the cancel, want under %v", took, promptly)
			}
			var te *admin.TransportError
			if !errors.Is(err, context.Canceled) || !errors.As(err, &te) || te.Attempts != 1 {
				t.Errorf("err = %v, want a TransportError for context.Canceled after 1 attempt", err)
			}
			if o, c := bodies.opened.Load(), bodies.closed.Load(); o != tt.bodies || c != o {
				t.Errorf("%d response bodies opened and %d closed, want %d and %d", o, c, tt.bodies, tt.bodies)
			}
			tr.CloseIdleConnections()
			checkNoLeakedGoroutines(t, before)
		})
	}
}

// cancelOnClose cancels the call's context as the client closes the first
// response body: after the whole answer arrived, before anything else.
type cancelOnClose struct {
	next   http.RoundTripper
	cancel func()
}

func (c cancelOnClose) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(r)
	if resp != nil {
		resp.Body = &closeHook{ReadCloser: resp.Body, hook: c.cancel}
	}
	return resp, err
}

type closeHook struct {
	io.ReadCloser
	hook func()
}

func (c *closeHook) Close() error {
	c.hook()
	return c.ReadCloser.Close()
}

// TestCancelAfterTheAnswer: a context that ends once the answer is in does
// not hide the answer: the caller gets the API error it carried, whether
// or not it would have been retried, and no retry is sent.
func TestCancelAfterTheAnswer(t *testing.T) {
	tests := []struct {
		status   int
		sentinel error
	}{
		{404, admin.ErrNotFound},
		{500, nil},
		{429, admin.ErrRateLimited},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			api := newFakeAPI(t, reply{Status: tt.status, Body: `{"type":"error","error":{"type":"api_error","message":"answered"}}`})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			hc := &http.Client{Transport: cancelOnClose{next: http.DefaultTransport, cancel: cancel}}
			_, err := api.client(admin.WithHTTPClient(hc)).Organization.Get(ctx)
			var ae *admin.APIError
			if !errors.As(err, &ae) || ae.StatusCode != tt.status || ae.Message != "answered" || ae.Attempts != 1 {
				t.Fatalf("err = %v (%T), want the %d APIError after 1 attempt", err, err, tt.status)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.sentinel)
			}
			if errors.Is(err, context.Canceled) {
				t.Errorf("err %v matches context.Canceled: the answer came first", err)
			}
			api.only()
		})
	}
}
