package admintest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

func TestFaults(t *testing.T) {
	tests := []struct {
		name   string
		fault  admintest.Fault
		status int
		check  func(t *testing.T, r response)
	}{
		{"429 with retry-after", admintest.Fault{Status: 429, RetryAfter: "3", RetryAfterMs: "2500"}, 429, func(t *testing.T, r response) {
			if r.Header.Get("retry-after") != "3" || r.Header.Get("retry-after-ms") != "2500" || r.errorType(t) != "rate_limit_error" {
				t.Errorf("429 = %v %s", r.Header, r.Body)
			}
		}},
		{"529 overloaded", admintest.Fault{Status: 529}, 529, func(t *testing.T, r response) {
			if r.errorType(t) != "overloaded_error" {
				t.Errorf("body %s", r.Body)
			}
		}},
		{"502 HTML page", admintest.Fault{Status: 502, HTML: true}, 502, func(t *testing.T, r response) {
			if !strings.Contains(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.Body), "<title>502 Bad Gateway</title>") {
				t.Errorf("HTML fault = %s", r.Body)
			}
		}},
		{"x-should-retry", admintest.Fault{Status: 500, ShouldRetry: "false"}, 500, func(t *testing.T, r response) {
			if r.Header.Get("x-should-retry") != "false" {
				t.Errorf("header missing")
			}
		}},
		{"custom body", admintest.Fault{Status: 503, Body: "upstream connect error"}, 503, func(t *testing.T, r response) {
			if string(r.Body) != "upstream connect error" {
				t.Errorf("body %q", r.Body)
			}
		}},
		{"pure delay still answers", admintest.Fault{Delay: time.Millisecond}, 200, nil},
		{"other path is not matched", admintest.Fault{Path: "/v1/organizations/users", Status: 500}, 200, nil},
		{"prefix match", admintest.Fault{Path: "/v1/organizations/*", Method: "get", Status: 500}, 500, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newEmpty(t)
			srv.Inject(tt.fault)
			r := send(t, srv, "GET", "/v1/organizations/me", "")
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
			if after := send(t, srv, "GET", "/v1/organizations/me", ""); after.Status != 200 {
				t.Errorf("fault outlived its Times: %d", after.Status)
			}
		})
	}
}

func TestFaultTimesAndConnectionFaults(t *testing.T) {
	srv := newEmpty(t)
	srv.Inject(admintest.Fault{Method: "GET", Path: "/v1/organizations/me", Status: 500, Times: 2})
	for i, want := range []int{500, 500, 200} {
		if r := send(t, srv, "GET", "/v1/organizations/me", ""); r.Status != want {
			t.Errorf("request %d: status %d, want %d", i, r.Status, want)
		}
	}

	get := func() error {
		req, _ := http.NewRequest("GET", srv.URL+"/v1/organizations/me", nil)
		req.Header.Set("x-api-key", srv.AdminKey())
		req.Header.Set("anthropic-version", "2023-06-01")
		// A fresh connection each time: net/http would silently resend a GET
		// whose reused connection was closed.
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, err = io.ReadAll(resp.Body)
		return err
	}
	srv.Inject(admintest.Fault{Drop: true})
	if err := get(); err == nil {
		t.Error("dropped connection gave no error")
	}
	srv.Inject(admintest.Fault{Truncate: true})
	if err := get(); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated body: err = %v, want unexpected EOF", err)
	}
}

func TestDropAfterHandlingChangesState(t *testing.T) {
	srv := newEmpty(t)
	c := srv.Client(admin.WithMaxRetries(3))
	srv.Inject(admintest.Fault{Method: "POST", Path: "/v1/organizations/workspaces", DropAfterHandling: true})
	var out map[string]any
	err := c.Do(context.Background(), "POST", "/v1/organizations/workspaces", nil, map[string]string{"name": "Once"}, &out)
	if err == nil {
		t.Fatal("the client heard an answer that was dropped")
	}
	list := ok(t, srv, "GET", "/v1/organizations/workspaces", "")
	if n := len(ids(t, list)); n != 1 {
		t.Errorf("after a dropped create there are %d workspaces, want exactly 1 (created once, never retried)", n)
	}
	posts := 0
	for _, r := range srv.Requests() {
		if r.Method == "POST" {
			posts++
			if r.Status != 0 {
				t.Errorf("dropped request logged with status %d", r.Status)
			}
		}
	}
	if posts != 1 {
		t.Errorf("create sent %d times, want 1", posts)
	}
}

func TestRequestLogRedactsCredentials(t *testing.T) {
	srv := newEmpty(t)
	send(t, srv, "POST", "/v1/organizations/workspaces?x=1", `{"name":"Logged"}`)
	send(t, srv, "GET", "/v1/organizations/me", "", "x-api-key", "", "Authorization", "Bearer "+srv.AdminKey())
	log := srv.Requests()
	if len(log) != 2 {
		t.Fatalf("log has %d entries, want 2", len(log))
	}
	first := log[0]
	if first.Method != "POST" || first.Path != "/v1/organizations/workspaces" || first.Query.Get("x") != "1" ||
		string(first.Body) != `{"name":"Logged"}` || first.Status != 200 || first.RequestID == "" {
		t.Errorf("log entry = %+v", first)
	}
	for _, r := range log {
		if dump := fmt.Sprintf("%#v", r); strings.Contains(dump, srv.AdminKey()) {
			t.Errorf("request log holds the key: %s", dump)
		}
	}
	if log[0].Header.Get("X-Api-Key") != "[redacted]" || log[1].Header.Get("Authorization") != "[redacted]" {
		t.Errorf("credential headers not marked redacted: %v / %v", log[0].Header, log[1].Header)
	}
	srv.ResetRequests()
	if len(srv.Requests()) != 0 {
		t.Error("ResetRequests left entries")
	}
}

// TestConcurrentClients hammers the fake from many goroutines: every write
// must land exactly once and the race detector must stay quiet.
func TestConcurrentClients(t *testing.T) {
	srv := newDemo(t)
	ctx := context.Background()
	const workers, each = 8, 6
	users := ids(t, ok(t, srv, "GET", "/v1/organizations/users?limit=100&roles[]=developer", ""))
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*3)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := srv.Client()
			for i := range each {
				var ws map[string]any
				if err := c.Do(ctx, "POST", "/v1/organizations/workspaces", nil, map[string]string{"name": fmt.Sprintf("w%d-%d", w, i)}, &ws); err != nil {
					errs <- err
					continue
				}
				path := "/v1/organizations/workspaces/" + ws["id"].(string) + "/members"
				body := map[string]string{"user_id": users[(w+i)%len(users)], "workspace_role": "workspace_developer"}
				if err := c.Do(ctx, "POST", path, nil, body, nil); err != nil {
					errs <- err
				}
				if err := c.Do(ctx, "GET", "/v1/organizations/users", nil, nil, nil); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	all := ok(t, srv, "GET", "/v1/organizations/workspaces?limit=1000", "")
	if n := len(ids(t, all)); n != 4+workers*each {
		t.Errorf("after %d concurrent creates there are %d workspaces, want %d", workers*each, n, 4+workers*each)
	}
	for _, id := range ids(t, all)[4:] {
		if m := ids(t, ok(t, srv, "GET", "/v1/organizations/workspaces/"+id+"/members", "")); len(m) != 1 {
			t.Errorf("workspace %s has %d members, want 1", id, len(m))
		}
	}
}
