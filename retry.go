package admin

import (
	"math"
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
	// x-should-retry decides, except that it cannot make a create unsafe.
	var hint string
	if resp != nil {
		hint = resp.Header.Get("x-should-retry")
	}
	switch {
	case hint == "false":
		return false
	case create:
		return notActedOn(resp, wrote)
	case resp == nil:
		return true
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

// notActedOn reports whether the server cannot have acted on an attempt
// that failed: it answered 429, or the request never reached the
// connection. Any other failure may have been acted on.
func notActedOn(resp *http.Response, wrote bool) bool {
	if resp == nil {
		return !wrote
	}
	return resp.StatusCode == http.StatusTooManyRequests
}

// serverDelay reads the wait the server asked for: retry-after-ms, then
// retry-after in seconds or as an HTTP date. ok is false when it asked none
// or sent a value that is not a wait (negative, NaN, garbage); a wait too long
// for a Duration saturates rather than wrapping to a negative one.
func serverDelay(h http.Header, now time.Time) (d time.Duration, ok bool) {
	if d, ok := parseWait(h.Get("retry-after-ms"), time.Millisecond); ok {
		return d, true
	}
	v := strings.TrimSpace(h.Get("retry-after"))
	if d, ok := parseWait(v, time.Second); ok {
		return d, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}

// parseWait reads a non-negative number of units.
func parseWait(v string, unit time.Duration) (time.Duration, bool) {
	n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(n) || n < 0 {
		return 0, false
	}
	if f := n * float64(unit); f < math.MaxInt64 {
		return time.Duration(f), true
	}
	return math.MaxInt64, true
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
