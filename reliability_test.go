package admin_test

// The fault matrix: every class of endpoint meets every kind of network and
// server failure that admintest can inject. Each cell checks three things:
// how many requests reached the server, what the caller got back, and what
// the fake's state became (nothing created twice, nothing changed that the
// call does not change).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// testBodyLimit is the response size limit while the matrix runs: small
// enough to exceed cheaply, larger than any real answer of the demo fake.
const testBodyLimit = 64 << 10

// matrixTimeout bounds each attempt of the calls that meet a hanging server.
// The retry that follows must answer within it too, so it is not tiny.
const matrixTimeout = 400 * time.Millisecond

// endpointKind is what a retry may do to an endpoint.
type endpointKind int

const (
	readKind   endpointKind = iota // GET: retried freely
	updateKind                     // idempotent write: retried freely
	createKind                     // retried only when it cannot have been acted on
	deleteKind                     // retried; a retry after a lost answer finds nothing
)

// cell is one run of the matrix: a fresh demo fake and the objects the
// endpoints act on.
type cell struct {
	srv    *admintest.Server
	clean  *admin.Client // sets up and reads state; never meets a fault
	inject func()        // queues this cell's fault for this cell's endpoint

	userID, userEmail string // an existing member
	spareUserID       string // a member in no workspace, free to add or remove
	workspaceID       string // an active workspace
	keyID             string // an active API key
	inviteID          string // a pending invite
}

// reportStart and reportEnd make a nine-day cost report: three pages at
// three daily buckets a page.
var (
	reportEnd   = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	reportStart = reportEnd.AddDate(0, 0, -9)
)

func costReport() admin.CostReportParams {
	return admin.CostReportParams{PageCursor: admin.PageCursor{Limit: 3}, StartingAt: reportStart, EndingAt: reportEnd, GroupBy: []admin.CostGroupBy{admin.CostGroupByWorkspaceID}}
}

// summarizeCost is one line per bucket: its day and its exact total.
func summarizeCost(buckets []admin.CostBucket) string {
	var b strings.Builder
	for _, bk := range buckets {
		var sum admin.Amount
		for _, r := range bk.Results {
			sum = sum.Add(r.Amount)
		}
		fmt.Fprintf(&b, "%s=%s;", bk.StartingAt.Format(time.DateOnly), sum)
	}
	return b.String()
}

func newCell(t *testing.T) *cell {
	t.Helper()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return fakeNow }))
	t.Cleanup(srv.Close)
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	e := &cell{srv: srv, clean: srv.Client(admin.WithHTTPClient(&http.Client{Transport: tr}))}
	ctx := context.Background()
	e.spareUserID = srv.AddUser("spare.member@example.com", "Spare Member", "developer")
	user := firstOf(t, e.clean.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1}, Roles: []admin.OrgRole{admin.OrgRoleDeveloper}}))
	e.userID, e.userEmail = user.ID, user.Email
	e.workspaceID = firstOf(t, e.clean.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1}})).ID
	e.keyID = firstOf(t, e.clean.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 1}, Status: admin.APIKeyStatusActive})).ID
	inv, err := e.clean.Invites.Create(ctx, admin.InviteCreateParams{Email: "leaving@example.com", Role: admin.OrgRoleUser})
	if err != nil {
		t.Fatal(err)
	}
	e.inviteID = inv.ID
	return e
}

// firstOf returns the first item of l's first page.
func firstOf[T any](t *testing.T, l *admin.List[T]) T {
	t.Helper()
	p, err := l.Page(context.Background())
	if err != nil || len(p.Data) == 0 {
		t.Fatalf("first item: %v, %v", p, err)
	}
	return p.Data[0]
}

// rawObject is what every response type has.
type rawObject interface{ RawJSON() json.RawMessage }

// addState walks l and files each item under kind and its ID.
func addState[T rawObject](t *testing.T, state map[string]string, kind string, l *admin.List[T], id func(T) string) {
	t.Helper()
	for item, err := range l.All(context.Background()) {
		if err != nil {
			t.Fatalf("reading %s state: %v", kind, err)
		}
		state[kind+" "+id(item)] = string(item.RawJSON())
	}
}

// stateOf reads everything in the fake that the matrix could change, keyed
// by kind and ID, with each object's JSON.
func stateOf(t *testing.T, c *admin.Client) map[string]string {
	t.Helper()
	state := map[string]string{}
	addState(t, state, "user", c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1000}}), func(u admin.User) string { return u.ID })
	addState(t, state, "invite", c.Invites.List(admin.InviteListParams{Cursor: admin.Cursor{Limit: 1000}}), func(i admin.Invite) string { return i.ID })
	addState(t, state, "apikey", c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 1000}}), func(k admin.APIKey) string { return k.ID })
	workspaces := c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1000}, IncludeArchived: true, IncludeDefault: true})
	addState(t, state, "workspace", workspaces, func(w admin.Workspace) string { return w.ID })
	for w, err := range workspaces.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		addState(t, state, "member", c.Workspaces.Members.List(w.ID, admin.WorkspaceMemberListParams{Cursor: admin.Cursor{Limit: 1000}}),
			func(m admin.WorkspaceMember) string { return m.WorkspaceID + "/" + m.UserID })
	}
	return state
}

// stateDiff names each object added (+kind), removed (-kind) or changed
// (~kind) between two states, sorted.
func stateDiff(before, after map[string]string) []string {
	var d []string
	kindOf := func(k string) string { kind, _, _ := strings.Cut(k, " "); return kind }
	for k, v := range after {
		if old, ok := before[k]; !ok {
			d = append(d, "+"+kindOf(k))
		} else if old != v {
			d = append(d, "~"+kindOf(k))
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			d = append(d, "-"+kindOf(k))
		}
	}
	slices.Sort(d)
	return d
}

// endpoint is one row of the matrix.
type endpoint struct {
	name   string
	kind   endpointKind
	method string
	path   func(e *cell) string
	// pagesBefore and pagesAfter are the requests to path the call sends
	// before the faulted one and, when it succeeds, after it.
	pagesBefore, pagesAfter int
	// midWalk endpoints queue the fault themselves, between pages.
	midWalk bool
	effect  []string // the state change of one successful call (stateDiff form)
	// want is what call returns when it succeeds, read before the call.
	want func(t *testing.T, e *cell) string
	call func(ctx context.Context, c *admin.Client, e *cell) (string, error)
}

func fixed(s string) func(*testing.T, *cell) string {
	return func(*testing.T, *cell) string { return s }
}

var matrixEndpoints = []endpoint{
	{
		name: "read/Users.Get", kind: readKind, method: "GET",
		path: func(e *cell) string { return "/v1/organizations/users/" + e.userID },
		want: func(_ *testing.T, e *cell) string { return e.userEmail },
		call: func(ctx context.Context, c *admin.Client, e *cell) (string, error) {
			u, err := c.Users.Get(ctx, e.userID)
			if err != nil {
				return "", err
			}
			return u.Email, nil
		},
	},
	{
		name: "read/Workspaces.List", kind: readKind, method: "GET",
		path: func(*cell) string { return "/v1/organizations/workspaces" },
		want: func(t *testing.T, e *cell) string {
			return workspaceNames(collect(t, e.clean.Workspaces.List(admin.WorkspaceListParams{})))
		},
		call: func(ctx context.Context, c *admin.Client, _ *cell) (string, error) {
			ws, err := c.Workspaces.List(admin.WorkspaceListParams{}).Collect(ctx)
			return workspaceNames(ws), err
		},
	},
	{
		name: "update/APIKeys.Update", kind: updateKind, method: "POST", effect: []string{"~apikey"},
		path: func(e *cell) string { return "/v1/organizations/api_keys/" + e.keyID },
		want: fixed("inactive"),
		call: func(ctx context.Context, c *admin.Client, e *cell) (string, error) {
			k, err := c.APIKeys.Update(ctx, e.keyID, admin.APIKeyUpdateParams{Status: admin.Set(admin.APIKeyStatusInactive)})
			if err != nil {
				return "", err
			}
			return string(k.Status), nil
		},
	},
	{
		name: "update/Workspaces.Update", kind: updateKind, method: "POST", effect: []string{"~workspace"},
		path: func(e *cell) string { return "/v1/organizations/workspaces/" + e.workspaceID },
		want: fixed("Renamed"),
		call: func(ctx context.Context, c *admin.Client, e *cell) (string, error) {
			w, err := c.Workspaces.Update(ctx, e.workspaceID, admin.WorkspaceUpdateParams{Name: admin.Set("Renamed")})
			if err != nil {
				return "", err
			}
			return w.Name, nil
		},
	},
	{
		name: "create/Workspaces.Create", kind: createKind, method: "POST", effect: []string{"+workspace"},
		path: func(*cell) string { return "/v1/organizations/workspaces" },
		want: fixed("Matrix"),
		call: func(ctx context.Context, c *admin.Client, _ *cell) (string, error) {
			w, err := c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{Name: "Matrix"})
			if err != nil {
				return "", err
			}
			return w.Name, nil
		},
	},
	{
		name: "create/Invites.Create", kind: createKind, method: "POST", effect: []string{"+invite"},
		path: func(*cell) string { return "/v1/organizations/invites" },
		want: fixed("new.hire@example.com"),
		call: func(ctx context.Context, c *admin.Client, _ *cell) (string, error) {
			inv, err := c.Invites.Create(ctx, admin.InviteCreateParams{Email: "new.hire@example.com", Role: admin.OrgRoleDeveloper})
			if err != nil {
				return "", err
			}
			return inv.Email, nil
		},
	},
	{
		name: "create/Workspaces.Members.Add", kind: createKind, method: "POST", effect: []string{"+member"},
		path: func(e *cell) string { return "/v1/organizations/workspaces/" + e.workspaceID + "/members" },
		want: func(_ *testing.T, e *cell) string { return e.spareUserID },
		call: func(ctx context.Context, c *admin.Client, e *cell) (string, error) {
			m, err := c.Workspaces.Members.Add(ctx, e.workspaceID, admin.WorkspaceMemberAddParams{UserID: e.spareUserID, WorkspaceRole: admin.WorkspaceRoleDeveloper})
			if err != nil {
				return "", err
			}
			return m.UserID, nil
		},
	},
	{
		name: "delete/Invites.Delete", kind: deleteKind, method: "DELETE", effect: []string{"-invite"},
		path: func(e *cell) string { return "/v1/organizations/invites/" + e.inviteID },
		want: func(_ *testing.T, e *cell) string { return e.inviteID },
		call: func(ctx context.Context, c *admin.Client, e *cell) (string, error) {
			d, err := c.Invites.Delete(ctx, e.inviteID)
			if err != nil {
				return "", err
			}
			return d.ID, nil
		},
	},
	{
		name: "delete/Users.Remove", kind: deleteKind, method: "DELETE", effect: []string{"-user"},
		path: func(e *cell) string { return "/v1/organizations/users/" + e.spareUserID },
		want: func(_ *testing.T, e *cell) string { return e.spareUserID },
		call: func(ctx context.Context, c *admin.Client, e *cell) (string, error) {
			d, err := c.Users.Remove(ctx, e.spareUserID)
			if err != nil {
				return "", err
			}
			return d.ID, nil
		},
	},
	{
		// The fault hits the second of three pages, after the walk began.
		name: "report/Cost.Report page 2", kind: readKind, method: "GET", pagesBefore: 1, pagesAfter: 1, midWalk: true,
		path: func(*cell) string { return "/v1/organizations/cost_report" },
		want: func(t *testing.T, e *cell) string {
			return summarizeCost(collect(t, e.clean.Cost.Report(costReport())))
		},
		call: func(ctx context.Context, c *admin.Client, e *cell) (string, error) {
			var buckets []admin.CostBucket
			pages := 0
			for page, err := range c.Cost.Report(costReport()).Pages(ctx) {
				if err != nil {
					return "", err
				}
				buckets = append(buckets, page.Data...)
				if pages++; pages == 1 {
					e.inject()
				}
			}
			return summarizeCost(buckets), nil
		},
	},
}

func workspaceNames(ws []admin.Workspace) string {
	var names []string
	for _, w := range ws {
		names = append(names, w.Name)
	}
	return strings.Join(names, ",")
}

// errWant recognizes the error a cell must end with.
type errWant struct {
	desc      string
	match     func(error) bool
	sentinels []error // errors.Is must match these
}

func statusErr(code int, text string, sentinels ...error) *errWant {
	return &errWant{desc: fmt.Sprintf("APIError %d %q %v", code, text, sentinels), sentinels: sentinels, match: func(err error) bool {
		var e *admin.APIError
		if !errors.As(err, &e) || e.StatusCode != code || !strings.Contains(e.Error(), text) {
			return false
		}
		for _, s := range sentinels {
			if !errors.Is(err, s) {
				return false
			}
		}
		return true
	}}
}

func transportErr(cause error, text string) *errWant {
	return &errWant{desc: fmt.Sprintf("TransportError(%v) %q", cause, text), match: func(err error) bool {
		var e *admin.TransportError
		return errors.As(err, &e) && (cause == nil || errors.Is(err, cause)) && strings.Contains(e.Error(), text)
	}}
}

// outcome is what one cell must come to.
type outcome struct {
	attempts int      // requests sent for the faulted call, retries included
	err      *errWant // nil: the call succeeded
	applied  bool     // the endpoint's effect is in the state, exactly once
}

func ok(attempts int) outcome { return outcome{attempts: attempts, applied: true} }

func fails(attempts int, applied bool, err *errWant) outcome {
	return outcome{attempts: attempts, err: err, applied: applied}
}

// attemptsIn reads the attempt count the error reports.
func attemptsIn(err error) int {
	var ae *admin.APIError
	if errors.As(err, &ae) {
		return ae.Attempts
	}
	var te *admin.TransportError
	if errors.As(err, &te) {
		return te.Attempts
	}
	return -1
}

type faultCase struct {
	name  string
	fault admintest.Fault
	opts  []admin.Option
	// by endpoint kind: read, update, create, delete
	read, update, create, remove outcome
}

func (f faultCase) outcome(k endpointKind) outcome {
	return [...]outcome{readKind: f.read, updateKind: f.update, createKind: f.create, deleteKind: f.remove}[k]
}

func matrixFaults() []faultCase {
	oversized := `{"id":"` + strings.Repeat("x", testBodyLimit) + `"}`
	// A retried delete that finds nothing, its first attempt having been
	// acted on, says so.
	notFoundOnRetry := statusErr(404, "an earlier attempt probably removed it", admin.ErrNotFound, admin.ErrNotFoundOnRetry)
	return []faultCase{
		{name: "429 retry-after", fault: admintest.Fault{Status: 429, RetryAfter: "2"},
			read: ok(2), update: ok(2), create: ok(2), remove: ok(2)},
		{name: "429 retry-after-ms", fault: admintest.Fault{Status: 429, RetryAfterMs: "1500"},
			read: ok(2), update: ok(2), create: ok(2), remove: ok(2)},
		{name: "500 once", fault: admintest.Fault{Status: 500},
			read: ok(2), update: ok(2), create: fails(1, false, statusErr(500, "injected fault")), remove: ok(2)},
		{name: "500 every attempt", fault: admintest.Fault{Status: 500, Times: 3},
			read:   fails(3, false, statusErr(500, "after 3 attempts")),
			update: fails(3, false, statusErr(500, "after 3 attempts")),
			create: fails(1, false, statusErr(500, "")),
			remove: fails(3, false, statusErr(500, "after 3 attempts"))},
		{name: "502 HTML page", fault: admintest.Fault{Status: 502, HTML: true},
			read: ok(2), update: ok(2), create: fails(1, false, statusErr(502, `HTML page: "502 Bad Gateway"`)), remove: ok(2)},
		{name: "529 overloaded", fault: admintest.Fault{Status: 529},
			read: ok(2), update: ok(2), create: fails(1, false, statusErr(529, "", admin.ErrOverloaded)), remove: ok(2)},
		// The server never saw the request: a create may not know that, so
		// it is not retried, and nothing was made.
		{name: "reset before handling", fault: admintest.Fault{Drop: true},
			read: ok(2), update: ok(2), create: fails(1, false, transportErr(nil, "")), remove: ok(2)},
		// The server acted and the answer was lost. A retried delete then
		// finds nothing: the caller sees a 404 that ErrNotFoundOnRetry
		// tells from one for an object that never was.
		{name: "reset after handling", fault: admintest.Fault{DropAfterHandling: true},
			read: ok(2), update: ok(2), create: fails(1, true, transportErr(nil, "")), remove: fails(2, true, notFoundOnRetry)},
		{name: "timeout", fault: admintest.Fault{Delay: 10 * time.Second}, opts: []admin.Option{admin.WithRequestTimeout(matrixTimeout)},
			read: ok(2), update: ok(2), create: fails(1, false, transportErr(context.DeadlineExceeded, "")), remove: ok(2)},
		{name: "truncated JSON", fault: admintest.Fault{Truncate: true},
			read: ok(2), update: ok(2), create: fails(1, true, transportErr(io.ErrUnexpectedEOF, "")), remove: fails(2, true, notFoundOnRetry)},
		// The fault answers in place of the server, so nothing was made.
		{name: "body over the limit", fault: admintest.Fault{Status: 200, Body: oversized},
			read: ok(2), update: ok(2), create: fails(1, false, transportErr(nil, "larger than")), remove: ok(2)},
	}
}

func TestFaultMatrix(t *testing.T) {
	t.Cleanup(admin.SetMaxResponseBody(testBodyLimit))
	for _, ep := range matrixEndpoints {
		for _, fc := range matrixFaults() {
			t.Run(ep.name+"/"+fc.name, func(t *testing.T) {
				t.Parallel()
				runCell(t, ep, fc)
			})
		}
	}
}

func runCell(t *testing.T, ep endpoint, fc faultCase) {
	e := newCell(t)
	// No keep-alive: net/http itself resends a GET whose reused connection
	// was reset, which would blur the count of attempts.
	tr := &http.Transport{DisableKeepAlives: true}
	faulted := e.srv.Client(append([]admin.Option{admin.WithHTTPClient(&http.Client{Transport: tr})}, fc.opts...)...)
	path := ep.path(e)
	e.inject = func() {
		f := fc.fault
		f.Method, f.Path = ep.method, path
		e.srv.Inject(f)
	}
	want := ep.want(t, e)
	before := stateOf(t, e.clean)
	e.srv.ResetRequests()
	if !ep.midWalk {
		e.inject()
	}

	got, err := ep.call(context.Background(), faulted, e)

	sent := 0
	for _, r := range e.srv.Requests() {
		if r.Method == ep.method && r.Path == path {
			sent++
		}
	}
	e.srv.ClearFaults() // a persistent fault a create did not use up
	exp := fc.outcome(ep.kind)
	wantSent := ep.pagesBefore + exp.attempts
	if exp.err == nil {
		wantSent += ep.pagesAfter
	}
	if sent != wantSent {
		t.Errorf("the server got %d requests for %s %s, want %d", sent, ep.method, path, wantSent)
	}
	switch {
	case exp.err == nil && err != nil:
		t.Errorf("err = %v, want success after %d attempts", err, exp.attempts)
	case exp.err == nil && got != want:
		t.Errorf("result = %q, want %q", got, want)
	case exp.err != nil && err == nil:
		t.Errorf("succeeded with %q, want %s", got, exp.err.desc)
	case exp.err != nil && !exp.err.match(err):
		t.Errorf("err = %v (%T), want %s", err, err, exp.err.desc)
	case exp.err != nil && attemptsIn(err) != exp.attempts:
		t.Errorf("error reports %d attempts, want %d: %v", attemptsIn(err), exp.attempts, err)
	}
	if onRetry := exp.err != nil && slices.Contains(exp.err.sentinels, admin.ErrNotFoundOnRetry); errors.Is(err, admin.ErrNotFoundOnRetry) != onRetry {
		t.Errorf("errors.Is(%v, ErrNotFoundOnRetry) = %v, want %v", err, !onRetry, onRetry)
	}
	var wantDiff []string
	if exp.applied {
		wantDiff = ep.effect
	}
	if d := stateDiff(before, stateOf(t, e.clean)); !slices.Equal(d, wantDiff) {
		t.Errorf("state changed by %v, want %v", d, wantDiff)
	}
}
