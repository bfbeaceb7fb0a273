// Command quickstart shows the library end to end without a real key: it
// starts a small stand-in for the Admin API in this process, points a client
// at it, and prints the organization and its members.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"text/tabwriter"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// fakeKey is what the stand-in server expects; it is not a real key.
const fakeKey = "sk-ant-admin01-QUICKSTART-not-a-real-key"

// cannedResponses are the stand-in's answers, keyed by path and page cursor.
// The members come in two pages so the client has to follow the cursor.
var cannedResponses = map[string]string{
	"/v1/organizations/me": `{"id":"8c0b1f4e-5d2a-4f7e-9b61-3e2f0a9d7c11","type":"organization","name":"Acme Research"}`,
	"/v1/organizations/users": `{"data":[
		{"id":"user_01HZX1","type":"user","email":"ada@acme.example","name":"Ada Lovelace","role":"admin","added_at":"2024-03-04T10:15:00Z"},
		{"id":"user_01HZX2","type":"user","email":"grace@acme.example","name":"Grace Hopper","role":"developer","added_at":"2024-06-21T08:00:00Z"}
	],"has_more":true,"first_id":"user_01HZX1","last_id":"user_01HZX2"}`,
	"/v1/organizations/users?after_id=user_01HZX2": `{"data":[
		{"id":"user_01HZX3","type":"user","email":"alan@acme.example","name":"Alan Turing","role":"claude_code_user","added_at":"2025-01-09T17:30:00Z"},
		{"id":"user_01HZX4","type":"user","email":"katherine@acme.example","name":"Katherine Johnson","role":"billing","added_at":"2025-11-02T12:45:00Z"}
	],"has_more":false,"first_id":"user_01HZX3","last_id":"user_01HZX4"}`,
}

func standIn() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", fmt.Sprintf("req_quickstart_%d", time.Now().UnixNano()))
		if r.Header.Get("x-api-key") != fakeKey || r.Header.Get("anthropic-version") == "" {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`)
			return
		}
		key := r.URL.Path
		if after := r.URL.Query().Get("after_id"); after != "" {
			key += "?after_id=" + after
		}
		body, ok := cannedResponses[key]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			body = `{"type":"error","error":{"type":"not_found_error","message":"not in the quickstart's canned data"}}`
		}
		fmt.Fprint(w, body)
	}))
}

func main() {
	log.SetFlags(0)
	srv := standIn()
	defer srv.Close()

	// Against the real API this is just admin.NewClient(), which reads
	// ANTHROPIC_ADMIN_KEY from the environment.
	client, err := admin.NewClient(admin.WithAPIKey(fakeKey), admin.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	org, err := client.Organization.Get(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Organization: %s (%s)\n\n", org.Name, org.ID)

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tEMAIL\tROLE\tADDED")
	n := 0
	for user, err := range client.Users.List(admin.UserListParams{}).All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", user.Name, user.Email, user.Role, user.AddedAt.Format("2006-01-02"))
		n++
	}
	if err := tw.Flush(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\n%d members\n", n)
}
