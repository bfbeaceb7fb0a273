package orgcode_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/orgcode"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testNow is the fake's clock: the demo as its documentation shows it.
var testNow = time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)

func newServer(t *testing.T, seed admintest.Seed) (*admintest.Server, *admin.Client) {
	t.Helper()
	srv := admintest.NewServer(admintest.WithSeed(seed), admintest.WithClock(func() time.Time { return testNow }))
	t.Cleanup(srv.Close)
	return srv, srv.Client(admin.WithRetrySleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
}

// noSleep is a wait that takes no time.
func noSleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }

// oauth is the fake's OAuth token, for service accounts and federation.
var oauth = []admin.Option{admin.WithAuthToken(admintest.DefaultOAuthToken)}

func read(t *testing.T, c *admin.Client) *orgcode.State {
	t.Helper()
	st, err := orgcode.Read(context.Background(), c, oauth...)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// exported is the state's export as a file, written and read back.
func exported(t *testing.T, st *orgcode.State) *orgcode.File {
	t.Helper()
	return parse(t, marshal(t, orgcode.Export(st))).File
}

func marshal(t *testing.T, f *orgcode.File) []byte {
	t.Helper()
	b, err := orgcode.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parse(t *testing.T, b []byte) *orgcode.Source {
	t.Helper()
	src, err := orgcode.Parse("org.yaml", b)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	return src
}

// planOf plans f (written out and read back, as a person's file would be)
// against st.
func planOf(t *testing.T, f *orgcode.File, st *orgcode.State) *orgcode.Plan {
	t.Helper()
	p, err := orgcode.MakePlan(parse(t, marshal(t, f)), st)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func planText(t *testing.T, p *orgcode.Plan) string {
	t.Helper()
	var b strings.Builder
	if err := p.WriteText(&b, false); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./orgcode -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func writes(srv *admintest.Server) []admintest.LoggedRequest {
	var out []admintest.LoggedRequest
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			out = append(out, r)
		}
	}
	return out
}

// item returns a pointer to the first element of items that match accepts.
func item[T any](t *testing.T, items []T, match func(T) bool) *T {
	t.Helper()
	for i := range items {
		if match(items[i]) {
			return &items[i]
		}
	}
	t.Fatal("no such item in the export")
	return nil
}

// demoState is the demo organization as read.
func demoState(t *testing.T) *orgcode.State {
	t.Helper()
	_, c := newServer(t, admintest.Demo())
	return read(t, c)
}

// idByName is the ID of the item of that name; of gives an item's name
// and ID.
func idByName[T any](t *testing.T, items []T, name string, of func(T) (string, string)) string {
	t.Helper()
	for _, it := range items {
		if n, id := of(it); n == name {
			return id
		}
	}
	t.Fatalf("no %q in the demo", name)
	return ""
}
