package admin_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestWithResponse: a call reports its last attempt's status and headers,
// on success and on an API error, after retries too.
func TestWithResponse(t *testing.T) {
	ok := func(rid string) reply {
		return reply{Body: orgJSON, Header: map[string]string{"request-id": rid, "anthropic-ratelimit-requests-remaining": "41"}}
	}
	tests := []struct {
		name      string
		replies   []reply
		wantErr   error // nil: success
		status    int
		requestID string
		attempts  int
	}{
		{"success", []reply{ok("req_ok")}, nil, 200, "req_ok", 1},
		{"an API error", []reply{{Status: 404, Header: map[string]string{"request-id": "req_404"}, Body: `{"type":"error","error":{"type":"not_found_error","message":"gone"}}`}},
			admin.ErrNotFound, 404, "req_404", 1},
		{"success after a retry", []reply{{Status: 503, Header: map[string]string{"request-id": "req_503"}}, ok("req_retry")}, nil, 200, "req_retry", 2},
		{"an error after retries", []reply{{Status: 503, Header: map[string]string{"request-id": "req_a"}}, {Status: 503, Header: map[string]string{"request-id": "req_b"}},
			{Status: 429, Header: map[string]string{"request-id": "req_last"}}}, admin.ErrRateLimited, 429, "req_last", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.replies...)
			resp := admin.Response{StatusCode: -1, RequestID: "stale"}
			_, err := api.client().Organization.Get(context.Background(), admin.WithResponse(&resp))
			if (tt.wantErr == nil) != (err == nil) || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if resp.StatusCode != tt.status || resp.RequestID != tt.requestID || resp.Attempts != tt.attempts ||
				resp.Header.Get("request-id") != tt.requestID {
				t.Errorf("Response = %+v, want status %d, request id %s, %d attempts", resp, tt.status, tt.requestID, tt.attempts)
			}
			if tt.status == 200 && resp.Header.Get("anthropic-ratelimit-requests-remaining") != "41" {
				t.Errorf("rate-limit header = %q", resp.Header.Get("anthropic-ratelimit-requests-remaining"))
			}
		})
	}
}

// A list fills the Response for each page; it ends with the last one's.
func TestWithResponseOnAList(t *testing.T) {
	api := newFakeAPI(t,
		reply{Header: map[string]string{"request-id": "req_page1"}, Body: `{"data":[{"id":"user_1"}],"has_more":true,"first_id":"user_1","last_id":"user_1"}`},
		reply{Header: map[string]string{"request-id": "req_page2"}, Body: `{"data":[{"id":"user_2"}],"has_more":false,"first_id":"user_2","last_id":"user_2"}`})
	var resp admin.Response
	users, err := api.client().Users.List(admin.UserListParams{}, admin.WithResponse(&resp)).Collect(context.Background())
	if err != nil || len(users) != 2 {
		t.Fatalf("users = %v, err = %v", users, err)
	}
	if resp.RequestID != "req_page2" || resp.StatusCode != 200 || resp.Attempts != 1 {
		t.Errorf("Response = %+v, want the second page's", resp)
	}
}

// A transport that gives no answer leaves only the attempt count: nothing
// of an earlier attempt's answer stays behind.
func TestWithResponseWithoutAnAnswer(t *testing.T) {
	api := newFakeAPI(t, reply{Status: 503, Header: map[string]string{"request-id": "req_first"}})
	calls := 0
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if calls++; calls == 1 {
			return http.DefaultTransport.RoundTrip(r)
		}
		return nil, errors.New("connection reset")
	})}
	resp := admin.Response{}
	_, err := api.client(admin.WithHTTPClient(hc), admin.WithMaxRetries(1)).Organization.Get(context.Background(), admin.WithResponse(&resp))
	var te *admin.TransportError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a TransportError", err)
	}
	if resp.StatusCode != 0 || resp.Header != nil || resp.RequestID != "" || resp.Attempts != 2 {
		t.Errorf("Response = %+v, want only Attempts 2", resp)
	}
}

// An echoed credential is hidden in the headers handed out.
func TestWithResponseHidesTheKey(t *testing.T) {
	api := newFakeAPI(t, reply{Body: orgJSON, Header: map[string]string{"request-id": "req_" + testKey, "x-echo": "key=" + testKey}})
	var resp admin.Response
	if _, err := api.client().Organization.Get(context.Background(), admin.WithResponse(&resp)); err != nil {
		t.Fatal(err)
	}
	for k, vs := range resp.Header {
		for _, v := range vs {
			if strings.Contains(v, testKey) {
				t.Errorf("header %s holds the key: %q", k, v)
			}
		}
	}
	if resp.Header.Get("x-echo") != "key=[redacted]" || strings.Contains(resp.RequestID, testKey) {
		t.Errorf("Response = %+v", resp)
	}
}

// WithResponse describes one call: NewClient refuses it, and a nil target.
func TestWithResponseIsPerCall(t *testing.T) {
	var resp admin.Response
	_, err := admin.NewClient(admin.WithAPIKey(testKey), admin.WithResponse(&resp))
	var pe *admin.ParamError
	if !errors.As(err, &pe) || pe.Param != "WithResponse" || !strings.Contains(pe.Reason, "not to NewClient") {
		t.Errorf("NewClient(WithResponse) err = %v, want a ParamError for WithResponse", err)
	}
	api := newFakeAPI(t)
	if _, err := api.client().Organization.Get(context.Background(), admin.WithResponse(nil)); !errors.As(err, &pe) || pe.Param != "WithResponse" {
		t.Errorf("WithResponse(nil) err = %v", err)
	}
	if n := len(api.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
