package admin_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/anthropic-admin-go/admin"
)

// exampleServer stands in for the Admin API so the examples run offline: it
// answers each known path with canned JSON and everything else with the
// API's 404 error.
func exampleServer() *httptest.Server {
	routes := map[string]string{
		"/v1/organizations/me": `{"id":"12345678-1234-5678-1234-567812345678","type":"organization","name":"Example Org"}`,
		"/v1/organizations/users": `{"data":[
			{"id":"user_01","type":"user","email":"ada@example.com","name":"Ada","role":"admin","added_at":"2024-10-30T23:58:27Z"},
			{"id":"user_02","type":"user","email":"grace@example.com","name":"Grace","role":"developer","added_at":"2025-02-11T09:00:00Z"}
		],"has_more":false,"first_id":"user_01","last_id":"user_02"}`,
		"/v1/organizations/users/user_01": `{"id":"user_01","type":"user","email":"ada@example.com","name":"Ada","role":"admin","added_at":"2024-10-30T23:58:27Z"}`,
		"/v1/organizations/workspaces":    `{"data":[{"id":"wrkspc_01","type":"workspace","name":"Research","display_color":"#6C5BB9"}],"has_more":false,"first_id":"wrkspc_01","last_id":"wrkspc_01"}`,
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "req_example")
		body, ok := routes[r.URL.Path]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			body = `{"type":"error","error":{"type":"not_found_error","message":"User not found"}}`
		}
		fmt.Fprint(w, body)
	}))
}

// exampleKey is obviously not a real key.
const exampleKey = "sk-ant-admin01-EXAMPLE-not-a-real-key"

func ExampleNewClient() {
	srv := exampleServer()
	defer srv.Close()

	// With no options, NewClient reads ANTHROPIC_ADMIN_KEY and friends from
	// the environment; here everything is given explicitly.
	client, err := admin.NewClient(admin.WithAPIKey(exampleKey), admin.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	for user, err := range client.Users.List(admin.UserListParams{}).All(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(user.Email, user.Role)
	}
	// Output:
	// ada@example.com admin
	// grace@example.com developer
}

func ExampleUsersService_Get() {
	srv := exampleServer()
	defer srv.Close()
	client, err := admin.NewClient(admin.WithAPIKey(exampleKey), admin.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	user, err := client.Users.Get(ctx, "user_01")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(user.Name, "joined", user.AddedAt.Format("2006-01-02"))

	_, err = client.Users.Get(ctx, "user_gone")
	if errors.Is(err, admin.ErrNotFound) {
		var apiErr *admin.APIError
		errors.As(err, &apiErr)
		fmt.Println("not found:", apiErr.Message, "request", apiErr.RequestID)
	}
	// Output:
	// Ada joined 2024-10-30
	// not found: User not found request req_example
}

func ExampleOrganizationService_Get() {
	srv := exampleServer()
	defer srv.Close()
	client, err := admin.NewClient(admin.WithAPIKey(exampleKey), admin.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	org, err := client.Organization.Get(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(org.Name, org.ID)
	// Output: Example Org 12345678-1234-5678-1234-567812345678
}

func ExampleClient_Do() {
	srv := exampleServer()
	defer srv.Close()
	client, err := admin.NewClient(admin.WithAPIKey(exampleKey), admin.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	// Do reaches any endpoint with the client's credential, retries and
	// errors, decoding into whatever shape the caller needs.
	var page struct {
		Data []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"data"`
	}
	err = client.Do(context.Background(), http.MethodGet, "/v1/organizations/workspaces", url.Values{"limit": {"10"}}, nil, &page)
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range page.Data {
		fmt.Println(w.ID, w.Name)
	}
	// Output: wrkspc_01 Research
}

func ExampleClient_List() {
	srv := exampleServer()
	defer srv.Close()
	client, err := admin.NewClient(admin.WithAPIKey(exampleKey), admin.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	// List pages through any list endpoint, by ID or by token as each
	// reply says, and gives each item as its JSON.
	for raw, err := range client.List("/v1/organizations/workspaces", url.Values{"limit": {"10"}}).All(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		var w struct{ ID, Name string }
		if err := json.Unmarshal(raw, &w); err != nil {
			log.Fatal(err)
		}
		fmt.Println(w.ID, w.Name)
	}
	// Output: wrkspc_01 Research
}

func ExampleOptional() {
	// Each optional field of an update is left alone (its zero value), Set
	// or Clear; tags are set or removed one by one.
	params := admin.WorkspaceUpdateParams{
		Name: admin.Set("Payments API"),
		Tags: map[string]admin.Optional[string]{"env": admin.Set("prod"), "owner": admin.Clear[string]()},
	}
	body, err := json.Marshal(params)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(body))
	fmt.Println(params.Name.IsSet(), params.DisplayColor.IsZero(), params.Tags["owner"].IsClear())
	// Output:
	// {"name":"Payments API","tags":{"env":"prod","owner":null}}
	// true true true
}
