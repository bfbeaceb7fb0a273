package orgcode_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/orgcode"
)

// bigEdit is every edit that does not drop a workspace: a plan with every
// kind of change.
func bigEdit(t *testing.T, f *orgcode.File) {
	for _, e := range edits {
		if e.name != "workspace_prune" {
			e.edit(t, f)
		}
	}
}

// A fault at any step stops apply; applying again converges to what a run
// without faults makes, and nothing is created twice.
func TestApplyConvergesAfterAFaultAtEveryStep(t *testing.T) {
	// A run without faults: the requests it sends, and where it ends.
	srv, c := newServer(t, admintest.Demo())
	st := read(t, c)
	f := exported(t, st)
	bigEdit(t, f)
	file := marshal(t, f)
	p := planOf(t, f, st)
	srv.ResetRequests()
	if _, err := (&orgcode.Applier{Client: c, OAuth: oauth, Sleep: noSleep}).Apply(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	steps := writes(srv)
	want := marshal(t, orgcode.Export(read(t, c)))
	if len(steps) != len(p.Changes) {
		t.Fatalf("%d requests for %d changes", len(steps), len(p.Changes))
	}

	faults := map[string]func(r admintest.LoggedRequest) admintest.Fault{
		"refused": func(r admintest.LoggedRequest) admintest.Fault {
			return admintest.Fault{Method: r.Method, Path: r.Path, Status: 500, ShouldRetry: "false"}
		},
		"lost answer": func(r admintest.LoggedRequest) admintest.Fault {
			return admintest.Fault{Method: r.Method, Path: r.Path, DropAfterHandling: true, Times: 3} // past the retries of an update
		},
	}
	for name, fault := range faults {
		for i, step := range steps {
			t.Run(fmt.Sprintf("%s at step %d %s %s", name, i+1, step.Method, step.Path), func(t *testing.T) {
				t.Parallel() // each has its own fake
				srv, c := newServer(t, admintest.Demo())
				srv.Inject(fault(step))
				src := parse(t, file)
				for run := 1; ; run++ {
					if run > 5 {
						t.Fatal("apply has not converged after 5 runs")
					}
					p, err := orgcode.MakePlan(src, read(t, c))
					if err != nil {
						t.Fatal(err)
					}
					if len(p.Changes) == 0 {
						break
					}
					n, err := (&orgcode.Applier{Client: c, OAuth: oauth, Parallel: 1 + i%3, Sleep: noSleep}).Apply(context.Background(), p)
					if err == nil {
						continue
					}
					var ae *orgcode.ApplyError
					if !errors.As(err, &ae) || n >= len(p.Changes) {
						t.Fatalf("apply: %d of %d: %v", n, len(p.Changes), err)
					}
				}
				if got := marshal(t, orgcode.Export(read(t, c))); !bytes.Equal(got, want) {
					t.Errorf("after the fault and a rerun the organization differs from a run without faults:\n%s", lineDiff(got, want))
				}
			})
		}
	}
}

func lineDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	var b bytes.Buffer
	for i := range max(len(g), len(w)) {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			fmt.Fprintf(&b, "line %d: got %q, want %q\n", i+1, gl, wl)
		}
	}
	return b.String()
}

// A saved plan applies only to the organization it was made from.
func TestSavedPlan(t *testing.T) {
	_, c := newServer(t, admintest.Demo())
	st := read(t, c)
	f := exported(t, st)
	bigEdit(t, f)
	p := planOf(t, f, st)
	saved, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	back, err := orgcode.ReadPlan(saved)
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Check(read(t, c)); err != nil {
		t.Fatalf("a fresh plan: %v", err)
	}
	if _, err := (&orgcode.Applier{Client: c, OAuth: oauth, Parallel: 4, Sleep: noSleep}).Apply(context.Background(), back); err != nil {
		t.Fatal(err)
	}
	if again := planOf(t, f, read(t, c)); len(again.Changes) != 0 {
		t.Errorf("after applying the saved plan, changes remain:\n%s", planText(t, again))
	}
	if err := back.Check(read(t, c)); !errors.Is(err, orgcode.ErrStalePlan) {
		t.Errorf("the plan once applied: Check = %v, want ErrStalePlan", err)
	}
	for _, bad := range []string{`{"version": 2, "fingerprint": "x"}`, `{"version": 1}`, `not json`} {
		if _, err := orgcode.ReadPlan([]byte(bad)); err == nil {
			t.Errorf("ReadPlan(%s) accepted it", bad)
		}
	}
}

// With --parallel, changes of a step run at once; a 429 pauses every
// worker, and everything still lands with one request per change (plus
// the one refused).
func TestApplyParallelSharesTheBackoff(t *testing.T) {
	srv, c := newServer(t, admintest.Large())
	st := read(t, c)
	f := exported(t, st)
	for i := range f.Members.Items[:40] {
		if m := &f.Members.Items[i]; m.Role == admin.OrgRoleDeveloper {
			m.Role = admin.OrgRoleUser
		} else if m.Role == admin.OrgRoleUser {
			m.Role = admin.OrgRoleDeveloper
		}
	}
	p := planOf(t, f, st)
	if len(p.Changes) < 10 {
		t.Fatalf("only %d changes", len(p.Changes))
	}
	srv.ResetRequests()
	srv.Inject(admintest.Fault{Method: "POST", Path: "/v1/organizations/users/*", Status: 429, RetryAfter: "7"})
	var mu sync.Mutex
	now := testNow
	var slept []time.Duration
	a := &orgcode.Applier{Client: c, OAuth: oauth, Parallel: 4,
		Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return now },
		Sleep: func(ctx context.Context, d time.Duration) error {
			mu.Lock()
			defer mu.Unlock()
			slept = append(slept, d)
			return ctx.Err()
		}}
	n, err := a.Apply(context.Background(), p)
	if err != nil || n != len(p.Changes) {
		t.Fatalf("apply: %d of %d: %v", n, len(p.Changes), err)
	}
	if got := len(writes(srv)); got != len(p.Changes)+1 {
		t.Errorf("%d requests for %d changes and one 429", got, len(p.Changes))
	}
	if !slices.Contains(slept, 7*time.Second) {
		t.Errorf("waits: %v; want the 7s the 429 asked for", slept)
	}
	if again := planOf(t, f, read(t, c)); len(again.Changes) != 0 {
		t.Errorf("changes remain:\n%s", planText(t, again))
	}
}
