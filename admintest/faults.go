package admintest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Fault makes matching requests fail. Zero fields match anything and change
// nothing; a Fault with no Status and no connection behaviour answers 500.
type Fault struct {
	Method string // match this method only
	Path   string // match this path only; a trailing "*" matches a prefix
	Times  int    // how many matching requests fail; 0 means 1

	Status       int    // status to answer (default 500)
	RetryAfter   string // retry-after header
	RetryAfterMs string // retry-after-ms header
	ShouldRetry  string // x-should-retry header
	Body         string // body to send instead of an API error
	HTML         bool   // answer a proxy's HTML error page

	// Delay waits before answering, or before the request goes on when the
	// Fault has no Status (a slow server rather than a failing one).
	Delay time.Duration
	// Drop closes the connection without answering, before the request is
	// handled: nothing changes on the server.
	Drop bool
	// DropAfterHandling handles the request (state changes) and then closes
	// the connection without answering: the client cannot know it worked.
	DropAfterHandling bool
	// Truncate handles the request and sends only half of the response body.
	Truncate bool
}

// Inject queues faults; each matching request takes the first fault that
// matches it and still has uses left.
func (f *Fake) Inject(faults ...Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, ft := range faults {
		if ft.Times <= 0 {
			ft.Times = 1
		}
		f.faults = append(f.faults, &ft)
	}
}

// ClearFaults drops every queued fault.
func (f *Fake) ClearFaults() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = nil
}

func (f *Fake) takeFault(r *http.Request) *Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, ft := range f.faults {
		if !ft.matches(r) {
			continue
		}
		ft.Times--
		if ft.Times == 0 {
			f.faults = append(f.faults[:i], f.faults[i+1:]...)
		}
		return ft
	}
	return nil
}

func (ft *Fault) matches(r *http.Request) bool {
	if ft.Method != "" && !strings.EqualFold(ft.Method, r.Method) {
		return false
	}
	if prefix, ok := strings.CutSuffix(ft.Path, "*"); ok {
		return strings.HasPrefix(r.URL.Path, prefix)
	}
	return ft.Path == "" || ft.Path == r.URL.Path
}

// apply carries the fault out. It returns false when the request should go on
// to be served normally (a pure delay).
func (ft *Fault) apply(w http.ResponseWriter, r *http.Request, rid string, serve func(http.ResponseWriter)) bool {
	if ft.Delay > 0 {
		t := time.NewTimer(ft.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			panic(http.ErrAbortHandler)
		}
		if ft.Status == 0 && !ft.Drop && !ft.DropAfterHandling && !ft.Truncate && ft.Body == "" && !ft.HTML {
			return false
		}
	}
	switch {
	case ft.Drop:
		panic(http.ErrAbortHandler) // net/http closes the connection without a response
	case ft.DropAfterHandling:
		serve(httptest.NewRecorder()) // the handler's effects happen; its answer is lost
		panic(http.ErrAbortHandler)
	case ft.Truncate:
		rec := httptest.NewRecorder()
		serve(rec)
		body := rec.Body.Bytes()
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.Code)
		w.Write(body[:len(body)/2])
		http.NewResponseController(w).Flush() // the half must reach the client before the connection closes
		panic(http.ErrAbortHandler)
	}
	status := ft.Status
	if status == 0 {
		status = http.StatusInternalServerError
	}
	for k, v := range map[string]string{"retry-after": ft.RetryAfter, "retry-after-ms": ft.RetryAfterMs, "x-should-retry": ft.ShouldRetry} {
		if v != "" {
			w.Header().Set(k, v)
		}
	}
	switch {
	case ft.HTML:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<html><head><title>%d %s</title></head><body><center><h1>%d %s</h1></center><hr><center>nginx</center></body></html>\n",
			status, http.StatusText(status), status, http.StatusText(status))
	case ft.Body != "":
		w.WriteHeader(status)
		io.WriteString(w, ft.Body)
	default:
		writeError(w, rid, &apiError{status: status, typ: errorTypeFor(status), msg: fmt.Sprintf("injected fault: %d %s", status, http.StatusText(status))})
	}
	return true
}

func errorTypeFor(status int) string {
	switch status {
	case 400:
		return "invalid_request_error"
	case 401:
		return "authentication_error"
	case 403:
		return "permission_error"
	case 404:
		return "not_found_error"
	case 408, 504:
		return "timeout_error"
	case 409:
		return "conflict_error"
	case 413:
		return "request_too_large"
	case 429:
		return "rate_limit_error"
	case 529:
		return "overloaded_error"
	}
	return "api_error"
}

// LoggedRequest is one request as the fake received it, credentials redacted.
type LoggedRequest struct {
	Method    string
	Path      string
	Query     url.Values
	Header    http.Header // x-api-key and Authorization show "[redacted]"
	Body      []byte
	Status    int // 0 when the connection was dropped without an answer
	RequestID string
}

// maxLogged bounds the request log; past it the oldest half is forgotten.
const maxLogged = 20000

// Requests returns the requests received so far, oldest first: all of them,
// or at least the latest 10,000 on a fake that has served more than 20,000.
func (f *Fake) Requests() []LoggedRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]LoggedRequest(nil), f.log...)
}

// ResetRequests empties the request log.
func (f *Fake) ResetRequests() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log = nil
}

func (f *Fake) record(r *http.Request, rid string) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	// The log keeps the first 8 MB; the handler reads it all (an upload
	// may be longer).
	r.Body = readCloser{io.MultiReader(bytes.NewReader(body), r.Body), r.Body}
	h := r.Header.Clone()
	for _, k := range []string{"X-Api-Key", "Authorization"} {
		if h.Get(k) != "" {
			h.Set(k, "[redacted]")
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.log) >= maxLogged {
		// Forget the older half at once, so a long-running fake keeps bounded
		// memory at an amortized constant cost per request.
		f.log = append(f.log[:0], f.log[maxLogged/2:]...)
	}
	f.log = append(f.log, LoggedRequest{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: h, Body: body, RequestID: rid})
}

type readCloser struct {
	io.Reader
	io.Closer
}

// finishRecord notes the status a logged request got.
func (f *Fake) finishRecord(rid string, status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.log) - 1; i >= 0; i-- {
		if f.log[i].RequestID == rid {
			f.log[i].Status = status
			return
		}
	}
}
