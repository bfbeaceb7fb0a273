package admin

import (
	"context"
	"errors"
	"math"
	"net/http"
	"testing"
	"time"
)

func TestShouldRetry(t *testing.T) {
	tests := []struct {
		name   string
		status int    // 0: no response at all
		hint   string // x-should-retry
		create bool
		wrote  bool
		want   bool
	}{
		// No response: a read is always safe to repeat; a create only when
		// nothing reached the connection.
		{name: "no response, read, nothing written", want: true},
		{name: "no response, read, written", wrote: true, want: true},
		{name: "no response, create, nothing written", create: true, want: true},
		{name: "no response, create, written", create: true, wrote: true, want: false},

		{name: "408", status: 408, want: true},
		{name: "409", status: 409, want: true},
		{name: "429", status: 429, want: true},
		{name: "500", status: 500, want: true},
		{name: "502", status: 502, want: true},
		{name: "503", status: 503, want: true},
		{name: "529", status: 529, want: true},
		{name: "501 is final", status: 501, want: false},
		{name: "400", status: 400, want: false},
		{name: "401", status: 401, want: false},
		{name: "403", status: 403, want: false},
		{name: "404", status: 404, want: false},
		{name: "422", status: 422, want: false},

		{name: "hint true on 400", status: 400, hint: "true", want: true},
		{name: "hint true on 501", status: 501, hint: "true", want: true},
		{name: "hint false on 500", status: 500, hint: "false", want: false},
		{name: "hint false on 429", status: 429, hint: "false", want: false},
		{name: "unknown hint ignored", status: 500, hint: "maybe", want: true},

		{name: "create 429", status: 429, create: true, wrote: true, want: true},
		{name: "create 500", status: 500, create: true, wrote: true, want: false},
		{name: "create 503", status: 503, create: true, wrote: true, want: false},
		{name: "create 409", status: 409, create: true, wrote: true, want: false},
		{name: "create 408", status: 408, create: true, wrote: true, want: false},
		{name: "create hint true cannot make 500 safe", status: 500, hint: "true", create: true, wrote: true, want: false},
		{name: "create hint false on 429", status: 429, hint: "false", create: true, wrote: true, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp *http.Response
			if tt.status != 0 {
				resp = &http.Response{StatusCode: tt.status, Header: http.Header{}}
				if tt.hint != "" {
					resp.Header.Set("x-should-retry", tt.hint)
				}
			}
			if got := shouldRetry(resp, tt.wrote, tt.create); got != tt.want {
				t.Errorf("shouldRetry = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestServerDelay(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header map[string]string
		want   time.Duration
		wantOK bool
	}{
		{name: "none", header: nil, want: 0, wantOK: false},
		{name: "retry-after-ms", header: map[string]string{"retry-after-ms": "1500"}, want: 1500 * time.Millisecond, wantOK: true},
		{name: "retry-after-ms fractional", header: map[string]string{"retry-after-ms": "2.5"}, want: 2500 * time.Microsecond, wantOK: true},
		{name: "retry-after-ms wins over retry-after", header: map[string]string{"retry-after-ms": "200", "retry-after": "30"}, want: 200 * time.Millisecond, wantOK: true},
		{name: "garbage ms falls back to seconds", header: map[string]string{"retry-after-ms": "soon", "retry-after": "3"}, want: 3 * time.Second, wantOK: true},
		{name: "negative ms falls back to seconds", header: map[string]string{"retry-after-ms": "-100", "retry-after": "2"}, want: 2 * time.Second, wantOK: true},
		{name: "seconds", header: map[string]string{"retry-after": "20"}, want: 20 * time.Second, wantOK: true},
		{name: "seconds with spaces", header: map[string]string{"retry-after": " 7 "}, want: 7 * time.Second, wantOK: true},
		{name: "zero", header: map[string]string{"retry-after": "0"}, want: 0, wantOK: true},
		{name: "HTTP date", header: map[string]string{"retry-after": "Fri, 27 Nov 2026 12:00:45 GMT"}, want: 45 * time.Second, wantOK: true},
		{name: "HTTP date in the past", header: map[string]string{"retry-after": "Fri, 27 Nov 2026 11:59:00 GMT"}, want: 0, wantOK: true},
		{name: "negative seconds is not a wait", header: map[string]string{"retry-after": "-5"}, want: 0, wantOK: false},
		{name: "NaN is not a wait", header: map[string]string{"retry-after": "NaN"}, want: 0, wantOK: false},
		{name: "garbage", header: map[string]string{"retry-after": "later please"}, want: 0, wantOK: false},
		{name: "empty", header: map[string]string{"retry-after": ""}, want: 0, wantOK: false},
		// Before the fix these wrapped to a negative Duration, clamped to 0:
		// an immediate retry instead of "too long, give up".
		{name: "huge seconds saturate", header: map[string]string{"retry-after": "99999999999999"}, want: math.MaxInt64, wantOK: true},
		{name: "huge ms saturate", header: map[string]string{"retry-after-ms": "1e300"}, want: math.MaxInt64, wantOK: true},
		{name: "infinity saturates", header: map[string]string{"retry-after": "+Inf"}, want: math.MaxInt64, wantOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.header {
				h.Set(k, v)
			}
			got, ok := serverDelay(h, now)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("serverDelay = %v, %v; want %v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		n      int
		jitter float64
		want   time.Duration
	}{
		{0, 0, 500 * time.Millisecond},
		{1, 0, 1 * time.Second},
		{2, 0, 2 * time.Second},
		{3, 0, 4 * time.Second},
		{4, 0, 8 * time.Second},
		{5, 0, 8 * time.Second},
		{40, 0, 8 * time.Second},
		{70, 0, 8 * time.Second}, // a shift this wide would overflow
		{0, 0.5, 437500 * time.Microsecond},
		{3, 0.5, 3500 * time.Millisecond},
		{6, 0.5, 7 * time.Second},
	}
	for _, tt := range tests {
		if got := backoff(tt.n, tt.jitter); got != tt.want {
			t.Errorf("backoff(%d, %v) = %v, want %v", tt.n, tt.jitter, got, tt.want)
		}
	}
	// Jitter takes at most a quarter, whatever it draws.
	for n := range 8 {
		full := backoff(n, 0)
		for _, j := range []float64{0, 0.1, 0.5, 0.9, math.Nextafter(1, 0)} {
			got := backoff(n, j)
			if got > full || got < full*3/4 {
				t.Errorf("backoff(%d, %v) = %v, outside [%v, %v]", n, j, got, full*3/4, full)
			}
		}
	}
}

func TestSleepContext(t *testing.T) {
	if err := sleepContext(context.Background(), 0); err != nil {
		t.Errorf("sleepContext(0) = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleepContext on a cancelled context = %v, want context.Canceled", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Error("sleepContext did not return when its context was cancelled")
	}
}
