package admin_test

// The soak test: many goroutines share one client and one fake while about
// one request in five meets an injected fault. Afterwards the fake's state
// must be exactly what the calls that succeeded imply, plus at most one
// copy of each call whose outcome the client could not know.

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

const (
	soakWorkers   = 16
	soakOpsEach   = 40
	soakFaultRate = 0.2
	soakSeed      = 20261120
)

// soakFaults are the faults the soak injects. A create that meets
// DropAfterHandling or Truncate is made on the server while its caller gets
// an error; it must not be retried.
var soakFaults = []admintest.Fault{
	{Status: 429, RetryAfterMs: "0"},
	{Status: 500},
	{Status: 502, HTML: true},
	{Status: 529},
	{Drop: true},
	{DropAfterHandling: true},
	{Truncate: true},
	{Delay: time.Millisecond},
}

// verdict is what a caller can conclude from a call's result.
type verdict int

const (
	done    verdict = iota // it succeeded
	notDone                // the server answered with an error: nothing happened
	unknown                // no answer: it may or may not have happened
)

// soakLog is one worker's record of what it did and what it was told.
type soakLog struct {
	workspaces map[string]verdict // by name
	created    map[string]string  // name → ID, for workspaces known to exist
	members    map[string]verdict // by "workspace/user"
	keyID      string
	keyFinal   []admin.APIKeyStatus // statuses the key may end with
	reports    [2]int               // walks that succeeded, failed
	problems   []string             // results no fault explains
}

// judge turns a call's error into a verdict. Only an injected fault may
// fail a call: anything else is a problem. For a create, an error answer
// means nothing was made (admintest answers a status fault instead of
// running the endpoint, and a create is retried only on 429); for an
// update, an error may follow an earlier attempt that was carried out.
func (l *soakLog) judge(what string, err error, create bool) verdict {
	var ae *admin.APIError
	var te *admin.TransportError
	switch {
	case err == nil:
		return done
	case errors.As(err, &ae):
		switch ae.StatusCode {
		case 429, 500, 502, 529:
			if create {
				return notDone
			}
			return unknown
		}
	case errors.As(err, &te):
		return unknown
	}
	l.problems = append(l.problems, fmt.Sprintf("%s: %v", what, err))
	return unknown
}

type soakWorker struct {
	id      int
	client  *admin.Client
	srv     *admintest.Server
	rng     *rand.Rand
	users   []string // members of the organization only this worker adds
	report  string   // the cost report as an unfaulted walk returns it
	log     soakLog
	lastWS  string // the newest workspace this worker knows it made
	nextUsr int
}

// maybeFault queues, one time in five, a fault for the request the next
// operation sends (another worker may meet it first: either is a fault).
func (w *soakWorker) maybeFault(method, path string) {
	if w.rng.Float64() >= soakFaultRate {
		return
	}
	f := soakFaults[w.rng.IntN(len(soakFaults))]
	f.Method, f.Path, f.Times = method, path, 1+w.rng.IntN(3)
	w.srv.Inject(f)
}

func (w *soakWorker) run(ctx context.Context) {
	for i := range soakOpsEach {
		switch n := w.rng.IntN(100); {
		case n < 30 || (n < 60 && w.lastWS == ""):
			w.createWorkspace(ctx, fmt.Sprintf("soak-%02d-%02d", w.id, i))
		case n < 60:
			w.addMember(ctx)
		case n < 85:
			w.rotateKey(ctx, i)
		default:
			w.walkReport(ctx)
		}
	}
}

func (w *soakWorker) createWorkspace(ctx context.Context, name string) {
	w.maybeFault("POST", "/v1/organizations/workspaces")
	ws, err := w.client.Workspaces.Create(ctx, admin.WorkspaceCreateParams{Name: name})
	w.log.workspaces[name] = w.log.judge("create "+name, err, true)
	if err == nil {
		w.log.created[name] = ws.ID
		w.lastWS = ws.ID
	}
}

func (w *soakWorker) addMember(ctx context.Context) {
	user := w.users[w.nextUsr]
	w.nextUsr++
	w.maybeFault("POST", "/v1/organizations/workspaces/"+w.lastWS+"/members")
	_, err := w.client.Workspaces.Members.Add(ctx, w.lastWS, admin.WorkspaceMemberAddParams{UserID: user, WorkspaceRole: admin.WorkspaceRoleDeveloper})
	key := w.lastWS + "/" + user
	w.log.members[key] = w.log.judge("add member "+key, err, true)
}

func (w *soakWorker) rotateKey(ctx context.Context, i int) {
	status := []admin.APIKeyStatus{admin.APIKeyStatusInactive, admin.APIKeyStatusActive}[i%2]
	w.maybeFault("POST", "/v1/organizations/api_keys/"+w.log.keyID)
	_, err := w.client.APIKeys.Update(ctx, w.log.keyID, admin.APIKeyUpdateParams{Status: admin.Set(status)})
	if w.log.judge("set key status "+string(status), err, false) == done {
		w.log.keyFinal = []admin.APIKeyStatus{status}
	} else {
		w.log.keyFinal = append(w.log.keyFinal, status)
	}
}

func (w *soakWorker) walkReport(ctx context.Context) {
	w.maybeFault("GET", "/v1/organizations/cost_report")
	buckets, err := w.client.Cost.Report(costReport()).Collect(ctx)
	if w.log.judge("cost report", err, false) != done {
		w.log.reports[1]++
		return
	}
	w.log.reports[0]++
	if got := summarizeCost(buckets); got != w.report {
		w.log.problems = append(w.log.problems, fmt.Sprintf("cost report = %s, want %s", got, w.report))
	}
}

func TestSoak(t *testing.T) {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return fakeNow }))
	defer srv.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: soakWorkers}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	client := srv.Client(admin.WithHTTPClient(hc))
	clean := srv.Client(admin.WithHTTPClient(hc))

	ws := firstOf(t, clean.Workspaces.List(admin.WorkspaceListParams{}))
	owner := firstOf(t, clean.Users.List(admin.UserListParams{Roles: []admin.OrgRole{admin.OrgRoleDeveloper}}))
	report := summarizeCost(collect(t, clean.Cost.Report(costReport())))
	workers := make([]*soakWorker, soakWorkers)
	for i := range workers {
		w := &soakWorker{id: i, client: client, srv: srv, report: report,
			rng: rand.New(rand.NewPCG(soakSeed, uint64(i))),
			log: soakLog{workspaces: map[string]verdict{}, created: map[string]string{}, members: map[string]verdict{},
				keyID: srv.AddAPIKey(fmt.Sprintf("soak-key-%02d", i), ws.ID, owner.ID), keyFinal: []admin.APIKeyStatus{admin.APIKeyStatusActive}}}
		for j := range soakOpsEach {
			w.users = append(w.users, srv.AddUser(fmt.Sprintf("soak-%02d-%02d@example.com", i, j), fmt.Sprintf("Soak %d %d", i, j), "developer"))
		}
		workers[i] = w
	}
	srv.ResetRequests()

	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Go(func() { w.run(ctx) })
	}
	wg.Wait()
	elapsed := time.Since(start)
	srv.ClearFaults()

	faulted, sent := 0, 0
	for _, r := range srv.Requests() {
		sent++
		if r.Status == 0 || r.Status >= 400 {
			faulted++
		}
	}
	checkSoakState(t, clean, workers)
	var counts [3]int
	reports := [2]int{}
	for _, w := range workers {
		for _, p := range w.log.problems {
			t.Errorf("worker %d: %s", w.id, p)
		}
		for _, v := range w.log.workspaces {
			counts[v]++
		}
		for _, v := range w.log.members {
			counts[v]++
		}
		reports[0] += w.log.reports[0]
		reports[1] += w.log.reports[1]
	}
	t.Logf("%d ops, %d requests (%d failed) in %v; creates done/not done/unknown: %v; report walks ok/failed: %v",
		soakWorkers*soakOpsEach, sent, faulted, elapsed, counts, reports)
	if faulted == 0 || counts[done] == 0 || reports[0] == 0 {
		t.Errorf("the soak did not exercise both faults and successes")
	}
}

// checkSoakState compares the fake's final state with the workers' logs.
func checkSoakState(t *testing.T, c *admin.Client, workers []*soakWorker) {
	t.Helper()
	ctx := context.Background()
	found := map[string][]string{} // soak workspace name → IDs
	for _, w := range collect(t, c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1000}, IncludeArchived: true})) {
		if strings.HasPrefix(w.Name, "soak-") {
			found[w.Name] = append(found[w.Name], w.ID)
		}
	}
	members := map[string]bool{}
	for name, ids := range found {
		if len(ids) > 1 {
			t.Errorf("workspace %s exists %d times", name, len(ids))
		}
		for _, m := range collect(t, c.Workspaces.Members.List(ids[0], admin.WorkspaceMemberListParams{Cursor: admin.Cursor{Limit: 1000}})) {
			members[m.WorkspaceID+"/"+m.UserID] = true
		}
	}
	known := map[string]bool{}
	for _, w := range workers {
		for name, v := range w.log.workspaces {
			known[name] = true
			switch ids := found[name]; {
			case v == done && (len(ids) != 1 || ids[0] != w.log.created[name]):
				t.Errorf("workspace %s was created as %s, the fake has %v", name, w.log.created[name], ids)
			case v == notDone && len(ids) != 0:
				t.Errorf("workspace %s failed with an error answer, yet the fake has it", name)
			}
		}
		for m, v := range w.log.members {
			switch {
			case v == done && !members[m]:
				t.Errorf("member %s was added, the fake does not have it", m)
			case v == notDone && members[m]:
				t.Errorf("member %s failed with an error answer, yet the fake has it", m)
			}
			delete(members, m)
		}
		k, err := c.APIKeys.Get(ctx, w.log.keyID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(w.log.keyFinal, k.Status) {
			t.Errorf("key %s ended %s, want one of %v", w.log.keyID, k.Status, w.log.keyFinal)
		}
	}
	for name := range found {
		if !known[name] {
			t.Errorf("workspace %s exists but no worker asked for it", name)
		}
	}
	for m := range members {
		t.Errorf("member %s exists but no worker asked for it", m)
	}
}
