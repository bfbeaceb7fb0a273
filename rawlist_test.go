package admin_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// TestClientList pages a path the library has no method for, by whichever
// cursor each reply carries, with the stop rules of the typed lists.
func TestClientList(t *testing.T) {
	tests := []struct {
		name  string
		query url.Values
		// pages answers by the cursor the request carried: after_id,
		// before_id or page ("" for none).
		pages     map[string]string
		wantIDs   []string
		wantQuery []url.Values
		wantErr   string
	}{
		{
			name:  "ID cursor, forward from last_id",
			query: url.Values{"limit": {"2"}},
			pages: map[string]string{
				"":  `{"data":[{"id":"a"},{"id":"b"}],"has_more":true,"first_id":"a","last_id":"b"}`,
				"b": `{"data":[{"id":"c"}],"has_more":false,"first_id":"c","last_id":"c"}`,
			},
			wantIDs:   []string{"a", "b", "c"},
			wantQuery: []url.Values{{"limit": {"2"}}, {"limit": {"2"}, "after_id": {"b"}}},
		},
		{
			name:  "ID cursor, backward from first_id when the query has before_id",
			query: url.Values{"before_id": {"z"}},
			pages: map[string]string{
				"z": `{"data":[{"id":"x"},{"id":"y"}],"has_more":true,"first_id":"x","last_id":"y"}`,
				"x": `{"data":[{"id":"w"}],"has_more":false,"first_id":"w","last_id":"w"}`,
			},
			wantIDs:   []string{"x", "y", "w"},
			wantQuery: []url.Values{{"before_id": {"z"}}, {"before_id": {"x"}}},
		},
		{
			name:  "page token, with no has_more: next_page null ends it",
			query: url.Values{"limit": {"1"}},
			pages: map[string]string{
				"":   `{"data":[{"id":"rl_1"}],"next_page":"p2"}`,
				"p2": `{"data":[{"id":"rl_2"}],"next_page":null}`,
			},
			wantIDs:   []string{"rl_1", "rl_2"},
			wantQuery: []url.Values{{"limit": {"1"}}, {"limit": {"1"}, "page": {"p2"}}},
		},
		{
			name: "a report: next_page followed while has_more",
			pages: map[string]string{
				"":   `{"data":[{"id":"d1"}],"has_more":true,"next_page":"p2"}`,
				"p2": `{"data":[{"id":"d2"}],"has_more":false,"next_page":null}`,
			},
			wantIDs:   []string{"d1", "d2"},
			wantQuery: []url.Values{{}, {"page": {"p2"}}},
		},
		{
			name: "a repeated page token is an error, not a loop or a quiet stop",
			pages: map[string]string{
				"":   `{"data":[{"id":"1"}],"next_page":"p2"}`,
				"p2": `{"data":[{"id":"2"}],"next_page":"p2"}`,
			},
			wantIDs:   []string{"1", "2"},
			wantQuery: []url.Values{{}, {"page": {"p2"}}},
			wantErr:   `cursor "p2" twice`,
		},
		{
			name: "a repeated ID cursor is an error",
			pages: map[string]string{
				"":  `{"data":[{"id":"a"}],"has_more":true,"first_id":"a","last_id":"a"}`,
				"a": `{"data":[{"id":"a"}],"has_more":true,"first_id":"a","last_id":"a"}`,
			},
			wantIDs:   []string{"a", "a"},
			wantQuery: []url.Values{{}, {"after_id": {"a"}}},
			wantErr:   `cursor "a" twice`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t)
			api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
				q := r.URL.Query()
				body, ok := tt.pages[q.Get("after_id")+q.Get("before_id")+q.Get("page")]
				if !ok {
					t.Errorf("no page for %s", r.URL.RawQuery)
					w.WriteHeader(404)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(body))
			}
			query := cloneValues(tt.query)
			var got []string
			var err error
			for item, e := range api.client().List("/v1/organizations/anything", query).All(context.Background()) {
				if err = e; e != nil {
					break
				}
				var v struct{ ID string }
				if e := json.Unmarshal(item, &v); e != nil {
					t.Fatalf("item %s: %v", item, e)
				}
				got = append(got, v.ID)
			}
			if !reflect.DeepEqual(got, tt.wantIDs) {
				t.Errorf("items = %v, want %v", got, tt.wantIDs)
			}
			var sent []url.Values
			for _, r := range api.requests() {
				if r.Method != "GET" || r.Path != "/v1/organizations/anything" {
					t.Errorf("request %s %s", r.Method, r.Path)
				}
				sent = append(sent, r.Query)
			}
			if !reflect.DeepEqual(sent, tt.wantQuery) {
				t.Errorf("queries = %v, want %v", sent, tt.wantQuery)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("err = %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("err = %v, want one mentioning %q", err, tt.wantErr)
			}
			if !reflect.DeepEqual(query, cloneValues(tt.query)) {
				t.Errorf("the caller's query changed to %v", query)
			}
		})
	}
}

func TestClientListRefusesARelativePath(t *testing.T) {
	api := newFakeAPI(t)
	_, err := api.client().List("v1/organizations/users", nil).Page(context.Background())
	if !errors.Is(err, admin.ErrInvalidParam) || len(api.requests()) != 0 {
		t.Errorf("err = %v after %d requests; want ErrInvalidParam and none", err, len(api.requests()))
	}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
