package admintest_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/admintest"
)

// fuzzCredentials are the ways FuzzServeHTTP authenticates, by the auth
// byte: the right key and token are accepted, the rest must get 401.
var fuzzCredentials = []struct {
	header, value string
	ok            bool
}{
	{"x-api-key", admintest.DefaultAdminKey, true},
	{"Authorization", "Bearer " + admintest.DefaultAdminKey, true},
	{"", "", false},
	{"x-api-key", "sk-ant-admin01-wrong", false},
	{"Authorization", "Bearer sk-ant-admin01-wrong", false},
	{"Authorization", admintest.DefaultAdminKey, false}, // no Bearer
}

// FuzzServeHTTP sends the fake arbitrary requests, parsed from the wire as a
// real server would. Whatever comes in, the fake must not panic, must answer
// JSON with a request-id, must answer errors in the API's error shape, and
// must refuse every route without the right credential.
func FuzzServeHTTP(f *testing.F) {
	for _, s := range []struct {
		method, target, body string
		auth                 uint8
	}{
		{"GET", "/v1/organizations/me", "", 0},
		{"GET", "/v1/organizations/users?limit=2&after_id=user_x", "", 1},
		{"POST", "/v1/organizations/workspaces", `{"name":"Fuzz","tags":{"a":"b"}}`, 0},
		{"POST", "/v1/organizations/workspaces", `{"name":`, 0},
		{"POST", "/v1/organizations/invites", `{"email":"a@b.co","role":"developer","x":1}`, 0},
		{"DELETE", "/v1/organizations/users/user_nope", "", 3},
		{"GET", "/v1/organizations/cost_report?starting_at=2026-11-01T00:00:00Z&group_by[]=description&limit=31", "", 0},
		{"GET", "/v1/organizations/usage_report/messages?starting_at=bad&bucket_width=1m", "", 0},
		{"GET", "/v1/organizations/usage_report/claude_code?starting_at=2026-11-19&page=%zz", "", 2},
		{"GET", "/v1/organizations//me", "", 0},
		{"GET", "/v1/organizations/me/.", "", 0},
		{"GET", "/v1/organizations/users/..", "", 0},
		{"PATCH", "/v1/organizations/workspaces/wrkspc_x/rate_limits/x", "[]", 0},
		{"POST", "/v1/organizations/workspaces/wrkspc_x/members", `{"user_id":null}`, 5},
		{"GET", "/nothing", "", 4},
		{"OPTIONS", "*", "", 0},
	} {
		f.Add(s.method, s.target, []byte(s.body), s.auth)
	}
	f.Fuzz(func(t *testing.T, method, target string, body []byte, auth uint8) {
		cred := fuzzCredentials[int(auth)%len(fuzzCredentials)]
		var raw bytes.Buffer
		fmt.Fprintf(&raw, "%s %s HTTP/1.1\r\nHost: api.test\r\nanthropic-version: 2023-06-01\r\nContent-Type: application/json\r\nContent-Length: %d\r\n", method, target, len(body))
		if cred.header != "" {
			fmt.Fprintf(&raw, "%s: %s\r\n", cred.header, cred.value)
		}
		raw.WriteString("\r\n")
		raw.Write(body)
		req, err := http.ReadRequest(bufio.NewReader(&raw))
		if err != nil || req.Method != method || req.RequestURI != target {
			return // not a request a server would hand to a handler
		}
		fake := admintest.New(admintest.WithSeed(admintest.Empty()), admintest.WithClock(func() time.Time { return fixedNow }))
		rec := httptest.NewRecorder()
		fake.ServeHTTP(rec, req)

		res := rec.Result()
		rid := res.Header.Get("request-id")
		if rid == "" {
			t.Errorf("%s %s: no request-id", method, target)
		}
		if ct := res.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("%s %s: status %d, Content-Type %q: %s", method, target, res.StatusCode, ct, rec.Body)
		}
		var answer map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
			t.Fatalf("%s %s: status %d, body is not a JSON object: %v: %q", method, target, res.StatusCode, err, rec.Body)
		}
		if !cred.ok && res.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s %s with %s %q: status %d, want 401", method, target, cred.header, cred.value, res.StatusCode)
		}
		switch {
		case res.StatusCode >= 200 && res.StatusCode < 300:
			if answer["type"] == "error" {
				t.Errorf("%s %s: status %d with an error body: %s", method, target, res.StatusCode, rec.Body)
			}
		case res.StatusCode >= 400:
			e, _ := answer["error"].(map[string]any)
			typ, _ := e["type"].(string)
			msg, _ := e["message"].(string)
			if answer["type"] != "error" || typ == "" || msg == "" || answer["request_id"] != rid {
				t.Errorf("%s %s: status %d, not an API error: %s", method, target, res.StatusCode, rec.Body)
			}
			if strings.Contains(msg, admintest.DefaultAdminKey) {
				t.Errorf("the error message shows the admin key: %s", msg)
			}
		default:
			t.Errorf("%s %s: status %d: %s", method, target, res.StatusCode, rec.Body)
		}
	})
}
