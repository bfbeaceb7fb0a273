package admin_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// userPage is a page of the users list holding the given IDs.
func userPage(hasMore bool, ids ...string) string {
	var items []string
	for i, id := range ids {
		items = append(items, fmt.Sprintf(`{"id":%q,"type":"user","email":"%s@example.com","name":"User %d","role":"developer","added_at":"2025-0%d-01T00:00:00Z"}`, id, id, i, i+1))
	}
	first, last := "null", "null"
	if len(ids) > 0 {
		first, last = fmt.Sprintf("%q", ids[0]), fmt.Sprintf("%q", ids[len(ids)-1])
	}
	return fmt.Sprintf(`{"data":[%s],"has_more":%t,"first_id":%s,"last_id":%s}`, strings.Join(items, ","), hasMore, first, last)
}

// pagedAPI answers the users list by cursor: key is the after_id or
// before_id the request carried ("" for none).
func pagedAPI(t *testing.T, pages map[string]string) *fakeAPI {
	api := newFakeAPI(t)
	api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
		q := r.URL.Query()
		body, ok := pages[q.Get("after_id")+q.Get("before_id")]
		if !ok {
			t.Errorf("no page for %s", r.URL.RawQuery)
			w.WriteHeader(404)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(body))
	}
	return api
}

func ids(users []admin.User) []string {
	var out []string
	for _, u := range users {
		out = append(out, u.ID)
	}
	return out
}

func queries(api *fakeAPI) []url.Values {
	var out []url.Values
	for _, r := range api.requests() {
		if r.Method != "GET" || r.Path != "/v1/organizations/users" {
			panic("unexpected request " + r.Method + " " + r.Path)
		}
		out = append(out, r.Query)
	}
	return out
}

func TestListWalksForward(t *testing.T) {
	api := pagedAPI(t, map[string]string{
		"":       userPage(true, "user_1", "user_2"),
		"user_2": userPage(true, "user_3", "user_4"),
		"user_4": userPage(false, "user_5"),
	})
	params := admin.UserListParams{Cursor: admin.Cursor{Limit: 2}, Roles: []admin.OrgRole{admin.OrgRoleDeveloper}}
	users, err := api.client().Users.List(params).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(users); !reflect.DeepEqual(got, []string{"user_1", "user_2", "user_3", "user_4", "user_5"}) {
		t.Errorf("users = %v", got)
	}
	// Filters ride along on every page.
	wantQ := []url.Values{
		{"limit": {"2"}, "roles[]": {"developer"}},
		{"limit": {"2"}, "roles[]": {"developer"}, "after_id": {"user_2"}},
		{"limit": {"2"}, "roles[]": {"developer"}, "after_id": {"user_4"}},
	}
	if got := queries(api); !reflect.DeepEqual(got, wantQ) {
		t.Errorf("queries = %v\nwant %v", got, wantQ)
	}
	if users[2].Email != "user_3@example.com" || string(users[2].RawJSON()) == "" {
		t.Errorf("third user = %+v", users[2])
	}
}

func TestListWalksBackward(t *testing.T) {
	api := pagedAPI(t, map[string]string{
		"user_9": userPage(true, "user_7", "user_8"),
		"user_7": userPage(false, "user_5", "user_6"),
	})
	users, err := api.client().Users.List(admin.UserListParams{Cursor: admin.Cursor{BeforeID: "user_9"}}).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(users); !reflect.DeepEqual(got, []string{"user_7", "user_8", "user_5", "user_6"}) {
		t.Errorf("users = %v", got)
	}
	wantQ := []url.Values{{"before_id": {"user_9"}}, {"before_id": {"user_7"}}}
	if got := queries(api); !reflect.DeepEqual(got, wantQ) {
		t.Errorf("queries = %v, want %v", got, wantQ)
	}
}

func TestListStops(t *testing.T) {
	tests := []struct {
		name     string
		params   admin.UserListParams
		pages    map[string]string
		replies  []reply // instead of pages: answers in order
		wantIDs  []string
		wantSent int
		wantErr  string
	}{
		{
			name:     "has_more false stops even with a last_id",
			pages:    map[string]string{"": userPage(false, "user_1", "user_2")},
			wantIDs:  []string{"user_1", "user_2"},
			wantSent: 1,
		},
		{
			name:     "an empty page stops even with has_more",
			pages:    map[string]string{"": userPage(true, "user_1"), "user_1": `{"data":[],"has_more":true,"first_id":"user_9","last_id":"user_9"}`},
			wantIDs:  []string{"user_1"},
			wantSent: 2,
		},
		{
			name:     "has_more without a last_id stops",
			pages:    map[string]string{"": `{"data":[{"id":"user_1"}],"has_more":true,"first_id":null,"last_id":null}`},
			wantIDs:  []string{"user_1"},
			wantSent: 1,
		},
		{
			name:     "a repeated cursor is an error, not a loop",
			pages:    map[string]string{"": userPage(true, "user_1", "user_2"), "user_2": userPage(true, "user_3", "user_2")},
			wantIDs:  []string{"user_1", "user_2", "user_3", "user_2"},
			wantSent: 2,
			wantErr:  `cursor "user_2" twice`,
		},
		{
			name:     "the caller's own cursor coming back is an error too",
			params:   admin.UserListParams{Cursor: admin.Cursor{AfterID: "user_0"}},
			pages:    map[string]string{"user_0": userPage(true, "user_0")},
			wantIDs:  []string{"user_0"},
			wantSent: 1,
			wantErr:  "twice",
		},
		{
			name:     "an error on a later page ends the walk",
			replies:  []reply{{Body: userPage(true, "user_1")}, {Status: 404, Body: `{"type":"error","error":{"type":"not_found_error","message":"cursor expired"}}`}},
			wantIDs:  []string{"user_1"},
			wantSent: 2,
			wantErr:  "404",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var api *fakeAPI
			if tt.replies != nil {
				api = newFakeAPI(t, tt.replies...)
			} else {
				api = pagedAPI(t, tt.pages)
			}
			users, err := api.client().Users.List(tt.params).Collect(context.Background())
			if got := ids(users); !reflect.DeepEqual(got, tt.wantIDs) {
				t.Errorf("users = %v, want %v", got, tt.wantIDs)
			}
			if n := len(api.requests()); n != tt.wantSent {
				t.Errorf("sent %d requests, want %d", n, tt.wantSent)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("err = %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("err = %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func TestListAllYieldsErrorOnce(t *testing.T) {
	api := newFakeAPI(t, reply{Body: userPage(true, "user_1")}, reply{Status: 403, Body: `{"type":"error","error":{"type":"permission_error","message":"no"}}`})
	var got []string
	var errs []error
	for u, err := range api.client().Users.List(admin.UserListParams{}).All(context.Background()) {
		if err != nil {
			errs = append(errs, err)
			continue // All must end by itself after an error
		}
		got = append(got, u.ID)
	}
	if !reflect.DeepEqual(got, []string{"user_1"}) || len(errs) != 1 || !errors.Is(errs[0], admin.ErrPermission) {
		t.Errorf("users %v, errors %v", got, errs)
	}
}

func TestListBreakStopsFetching(t *testing.T) {
	pages := map[string]string{
		"":       userPage(true, "user_1", "user_2"),
		"user_2": userPage(true, "user_3", "user_4"),
		"user_4": userPage(false, "user_5"),
	}
	for _, stopAfter := range []int{1, 2, 3, 5} {
		t.Run(fmt.Sprint(stopAfter), func(t *testing.T) {
			api := pagedAPI(t, pages)
			n := 0
			for _, err := range api.client().Users.List(admin.UserListParams{}).All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				if n++; n == stopAfter {
					break
				}
			}
			// Items 1-2 are on page 1, 3-4 on page 2, 5 on page 3.
			if got, want := len(api.requests()), (stopAfter+1)/2; got != want {
				t.Errorf("stopping after %d items sent %d requests, want %d", stopAfter, got, want)
			}
		})
	}
}

func TestListPage(t *testing.T) {
	api := pagedAPI(t, map[string]string{"": userPage(true, "user_1", "user_2"), "user_2": userPage(false, "user_3")})
	l := api.client().Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 2}})
	page, err := l.Page(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !page.HasMore || page.FirstID != "user_1" || page.LastID != "user_2" || page.NextPage != "" || len(page.Data) != 2 {
		t.Errorf("page = %+v", page)
	}
	if n := len(api.requests()); n != 1 {
		t.Errorf("Page sent %d requests, want 1", n)
	}
	// The next page, by hand, the way a UI pages.
	next, err := api.client().Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 2, AfterID: page.LastID}}).Page(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if next.HasMore || ids(next.Data)[0] != "user_3" {
		t.Errorf("next page = %+v", next)
	}
}

func TestListPagesAndReuse(t *testing.T) {
	api := pagedAPI(t, map[string]string{"": userPage(true, "user_1", "user_2"), "user_2": userPage(false, "user_3")})
	l := api.client().Users.List(admin.UserListParams{})
	for range 2 { // a List starts from the first page every time
		var sizes []int
		for page, err := range l.Pages(context.Background()) {
			if err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, len(page.Data))
		}
		if !reflect.DeepEqual(sizes, []int{2, 1}) {
			t.Errorf("page sizes = %v", sizes)
		}
	}
	wantQ := []url.Values{{}, {"after_id": {"user_2"}}, {}, {"after_id": {"user_2"}}}
	if got := queries(api); !reflect.DeepEqual(got, wantQ) {
		t.Errorf("queries = %v, want %v", got, wantQ)
	}
}

func TestListDoesNotMutateParams(t *testing.T) {
	api := pagedAPI(t, map[string]string{"user_0": userPage(true, "user_1"), "user_1": userPage(false, "user_2")})
	roles := []admin.OrgRole{admin.OrgRoleUser, admin.OrgRoleDeveloper}
	params := admin.UserListParams{Cursor: admin.Cursor{AfterID: "user_0", Limit: 1}, Email: "a@example.com", Roles: roles}
	before := params
	if _, err := api.client().Users.List(params).Collect(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(params, before) || !reflect.DeepEqual(roles, []admin.OrgRole{admin.OrgRoleUser, admin.OrgRoleDeveloper}) {
		t.Errorf("params changed: %+v", params)
	}
}

func TestListBadParamsSendNothing(t *testing.T) {
	api := newFakeAPI(t)
	ctx := context.Background()
	bad := api.client().Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 5000}})
	var errs []error
	for _, err := range bad.All(ctx) {
		errs = append(errs, err)
	}
	for _, err := range bad.Pages(ctx) {
		errs = append(errs, err)
	}
	_, err := bad.Page(ctx)
	errs = append(errs, err)
	_, err = bad.Collect(ctx)
	errs = append(errs, err)
	if len(errs) != 4 {
		t.Fatalf("got %d results, want one error from each of All, Pages, Page, Collect", len(errs))
	}
	for _, err := range errs {
		if !errors.Is(err, admin.ErrInvalidParam) || !strings.Contains(err.Error(), "5000") {
			t.Errorf("err = %v, want ErrInvalidParam about 5000", err)
		}
	}
	if n := len(api.requests()); n != 0 {
		t.Errorf("bad params sent %d requests", n)
	}
}
