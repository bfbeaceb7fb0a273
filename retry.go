package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	backoffInitial = 500 * time.Millisecond
	backoffMax     = 8 * time.Second
)

// shouldRetry decides whether a failed attempt may be sent again. resp is nil
// when no response arrived; wrote tells whether any of the request reached the
// connection. A create is retried only when the server cannot have acted on
// it: a 429, or a request that never left.
func shouldRetry(resp *http.Response, wrote, create bool) bool {
	if resp == nil {
		return !create || !wrote
	}
	// x-should-retry decides, except that it cannot make a create unsafe.
	hint := resp.Header.Get("x-should-retry")
	if hint == "false" {
		return false
	}
	if create {
		return resp.StatusCode == http.StatusTooManyRequests
	}
	if hint == "true" {
		return true
	}
	switch code := resp.StatusCode; {
	case code == http.StatusRequestTimeout, code == http.StatusConflict, code == http.StatusTooManyRequests:
		return true
	case code == http.StatusNotImplemented:
		return false
	default:
		return code >= 500
	}
}

// serverDelay reads the wait the server asked for: retry-after-ms, then
// retry-after in seconds or as an HTTP date. ok is false when it asked none.
func serverDelay(h http.Header, now time.Time) (d time.Duration, ok bool) {
	if v := strings.TrimSpace(h.Get("retry-after-ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil {
			return max(0, time.Duration(ms*float64(time.Millisecond))), true
		}
	}
	v := strings.TrimSpace(h.Get("retry-after"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		return max(0, time.Duration(s*float64(time.Second))), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}

// backoff is the wait before retry n (0-based) when the server asked none:
// 0.5s·2ⁿ capped at 8s, less up to a quarter of it at random. jitter is in
// [0, 1).
func backoff(n int, jitter float64) time.Duration {
	d := backoffMax
	if n < 5 {
		d = min(backoffInitial<<n, backoffMax)
	}
	return d - time.Duration(float64(d)*0.25*jitter)
}
