package admintest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Telemetry destinations are stored with their header values, which no
// answer shows. The fake sends no spans: a test span (the test endpoint)
// succeeds unless SetTelemetryAnswer made the destination answer with an
// error status, and either way the destination's delivery health records
// it.

type tdHealth struct {
	LastError     *string `json:"last_error"`
	LastErrorAt   *stamp  `json:"last_error_at"`
	LastSuccessAt *stamp  `json:"last_success_at"`
}

type tdKind struct {
	Type string `json:"type"`
}

type tdState struct {
	Type   string  `json:"type"`
	Reason *tdKind `json:"reason,omitempty"`
}

type tdTraces struct {
	ContentMode     string  `json:"content_mode"`
	Enabled         bool    `json:"enabled"`
	EndpointURL     *string `json:"endpoint_url"`
	MaxContentBytes *int64  `json:"max_content_bytes"`
}

type telemetryDestination struct {
	ID             string   `json:"id"`
	Type           string   `json:"type"`
	CreatedAt      stamp    `json:"created_at"`
	DeliveryHealth tdHealth `json:"delivery_health"`
	DisplayName    string   `json:"display_name"`
	EndpointURL    string   `json:"endpoint_url"`
	HeaderNames    []string `json:"header_names"`
	State          tdState  `json:"state"`
	Traces         tdTraces `json:"traces"`
	UpdatedAt      stamp    `json:"updated_at"`
	Workspaces     tdKind   `json:"workspaces"`

	headers map[string]string
	list    []*tdWorkspace // newest entry first
	answer  int            // SetTelemetryAnswer: the status a span gets; 0 for 200
}

type tdWorkspace struct {
	CreatedAt              stamp  `json:"created_at"`
	TelemetryDestinationID string `json:"telemetry_destination_id"`
	Type                   string `json:"type"`
	WorkspaceID            string `json:"workspace_id"`
}

// maxContentBytes is the most content a span may carry: the API's maximum,
// which its error states.
const maxContentBytes = 1 << 20

// covers reports whether the destination covers workspace wsID.
func (d *telemetryDestination) covers(wsID string) bool {
	on := slices.ContainsFunc(d.list, func(e *tdWorkspace) bool { return e.WorkspaceID == wsID })
	switch d.Workspaces.Type {
	case "all":
		return true
	case "exclude":
		return !on
	}
	return on
}

func listTelemetryDestinations(c *call) (any, *apiError) {
	ws := c.q["workspace_ids[]"]
	if len(ws) > 100 {
		return nil, errInvalid("workspace_ids: at most 100 IDs, not %d", len(ws))
	}
	var out []*telemetryDestination
	for i := len(c.st.telemetry) - 1; i >= 0; i-- { // newest first
		d := c.st.telemetry[i]
		if len(ws) == 0 || slices.ContainsFunc(ws, d.covers) {
			out = append(out, d)
		}
	}
	return filteredPage(c, out, "workspace_ids[]")
}

func (c *call) destinationFromPath() (*telemetryDestination, *apiError) {
	return byPathID(c, "destination_id", "telemetry destination", c.st.telemetry, func(d *telemetryDestination) string { return d.ID })
}

func getTelemetryDestination(c *call) (any, *apiError) { return c.destinationFromPath() }

// checkOTLPURL applies the API's rules to a destination's URL; any path is
// allowed, a traces URL must also share the scheme, host and port of base.
func checkOTLPURL(field, v, base string) *apiError {
	if len(v) > 2048 {
		return errInvalid("%s: at most 2048 characters", field)
	}
	u, err := url.Parse(v)
	switch {
	case err != nil || u.Host == "":
		return errInvalid("%s: %q is not an absolute URL", field, v)
	case u.Scheme != "https":
		return errInvalid("%s: url must use https scheme", field)
	case net.ParseIP(u.Hostname()) != nil:
		return errInvalid("%s: url must use a hostname, not an IP address", field)
	case u.Port() != "" && u.Port() != "443":
		return errInvalid("%s: the port, if given, must be 443", field)
	case u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return errInvalid("%s: url must not contain a query string, a fragment, or a username and password", field)
	}
	if base != "" {
		b, _ := url.Parse(base)
		if b == nil || b.Scheme != u.Scheme || b.Hostname() != u.Hostname() || b.Port() != u.Port() {
			return errInvalid("%s: must have the same scheme, host, and port as endpoint_url", field)
		}
	}
	return nil
}

type tdScopeBody struct {
	Type         *string  `json:"type"`
	WorkspaceIDs []string `json:"workspace_ids"`
}

type tdTracesBody struct {
	EndpointURL     json.RawMessage `json:"endpoint_url"`
	MaxContentBytes json.RawMessage `json:"max_content_bytes"`
	Enabled         json.RawMessage `json:"enabled"`
	ContentMode     json.RawMessage `json:"content_mode"`
}

// scope checks a workspaces value and returns its type and list.
func (c *call) scope(s *tdScopeBody, kind string) (string, []string, *apiError) {
	typ := kind // include and exclude may leave out their type
	if s.Type != nil {
		typ = *s.Type
	}
	switch typ {
	case "all":
		if len(s.WorkspaceIDs) > 0 {
			return "", nil, errInvalid("workspaces.workspace_ids: an all scope takes no workspace list")
		}
	case "include", "exclude":
	case "":
		return "", nil, errInvalid("workspaces.type: Field required")
	default:
		return "", nil, errInvalid("workspaces.type: %q is not one of all, include, exclude", typ)
	}
	if len(s.WorkspaceIDs) > 100 {
		return "", nil, errInvalid("workspaces.workspace_ids: at most 100 per request")
	}
	for _, id := range s.WorkspaceIDs {
		if err := c.listableWorkspace(id); err != nil {
			return "", nil, err
		}
	}
	return typ, s.WorkspaceIDs, nil
}

// listableWorkspace refuses a workspace that cannot go on a list.
func (c *call) listableWorkspace(id string) *apiError {
	w := c.st.workspace(id)
	switch {
	case w == nil:
		return errNotFound("workspace %s not found", id)
	case w.ArchivedAt != nil:
		return errInvalid("workspace_ids: workspace %s is archived and can't be added to a list", id)
	}
	return nil
}

// applyTraces checks a traces value and applies it to t, whose URL base is
// the destination's endpoint.
func applyTraces(b *tdTracesBody, t *tdTraces, base string) *apiError {
	null := func(r json.RawMessage) bool { return string(r) == "null" }
	if b.Enabled != nil {
		if null(b.Enabled) || json.Unmarshal(b.Enabled, &t.Enabled) != nil {
			return errInvalid("traces.enabled: a boolean, not null")
		}
	}
	if b.ContentMode != nil {
		var m string
		if null(b.ContentMode) {
			m = "metadata_only"
		} else if json.Unmarshal(b.ContentMode, &m) != nil || (m != "metadata_only" && m != "content") {
			return errInvalid("traces.content_mode: must be one of metadata_only, content")
		}
		t.ContentMode = m
	}
	if b.MaxContentBytes != nil {
		if null(b.MaxContentBytes) {
			t.MaxContentBytes = nil
		} else {
			var n int64
			if json.Unmarshal(b.MaxContentBytes, &n) != nil || n < 1 || n > maxContentBytes {
				return errInvalid("traces.max_content_bytes: must be an integer from 1 to %d, the maximum", maxContentBytes)
			}
			t.MaxContentBytes = &n
		}
	}
	if b.EndpointURL != nil {
		if null(b.EndpointURL) {
			t.EndpointURL = nil
		} else {
			var u string
			if json.Unmarshal(b.EndpointURL, &u) != nil {
				return errInvalid("traces.endpoint_url: a string or null")
			}
			if err := checkOTLPURL("traces.endpoint_url", u, base); err != nil {
				return err
			}
			t.EndpointURL = &u
		}
	}
	return nil
}

// checkHeaders applies the limits of the API to the headers a destination
// ends up with; unseen counts each stored value the request does not set
// at 4,096 bytes, as the API does since it cannot show their length.
func checkHeaders(headers map[string]string, unseen map[string]bool) *apiError {
	if len(headers) > 20 {
		return errInvalid("headers: at most 20 headers")
	}
	lower, total := map[string]bool{}, 0
	for k, v := range headers {
		l := strings.ToLower(k)
		switch {
		case k == "" || len(k) > 128:
			return errInvalid("headers: names are 1 to 128 characters")
		case lower[l]:
			return errInvalid("headers: two names can't differ only in case (%s)", k)
		case len(v) > 4096 || v != strings.TrimSpace(v) || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r > 0x7e }):
			return errInvalid("headers: the value of %s must be printable ASCII, at most 4,096 characters, without a space at either end", k)
		}
		lower[l] = true
		if unseen[k] {
			total += len(k) + 4096
		} else {
			total += len(k) + len(v)
		}
	}
	if total > 16384 {
		return errInvalid("headers: names and values together are at most 16,384 bytes")
	}
	return nil
}

func headerNames(h map[string]string) []string {
	names := []string{}
	for k := range h {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

func createTelemetryDestination(c *call) (any, *apiError) {
	var body struct {
		EndpointURL *string           `json:"endpoint_url"`
		Workspaces  *tdScopeBody      `json:"workspaces"`
		DisplayName *string           `json:"display_name"`
		Headers     map[string]string `json:"headers"`
		Traces      *tdTracesBody     `json:"traces"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	switch {
	case body.EndpointURL == nil:
		return nil, errInvalid("endpoint_url: Field required")
	case body.Workspaces == nil:
		return nil, errInvalid("workspaces: Field required")
	}
	if err := checkOTLPURL("endpoint_url", *body.EndpointURL, ""); err != nil {
		return nil, err
	}
	typ, list, err := c.scope(body.Workspaces, "include")
	if err != nil {
		return nil, err
	}
	name, _ := strings.CutPrefix(*body.EndpointURL, "https://")
	if body.DisplayName != nil {
		if n := utf8.RuneCountInString(*body.DisplayName); n < 1 || n > 255 {
			return nil, errInvalid("display_name: 1 to 255 characters")
		}
		name = *body.DisplayName
	}
	if err := checkHeaders(body.Headers, nil); err != nil {
		return nil, err
	}
	d := &telemetryDestination{ID: c.st.ids.next("tdst_"), Type: "telemetry_destination", CreatedAt: stamp(c.now), UpdatedAt: stamp(c.now),
		DisplayName: name, EndpointURL: *body.EndpointURL, State: tdState{Type: "enabled"}, Workspaces: tdKind{Type: typ},
		Traces: tdTraces{ContentMode: "metadata_only", Enabled: true}, headers: map[string]string{}}
	for k, v := range body.Headers {
		d.headers[k] = v
	}
	d.HeaderNames = headerNames(d.headers)
	if body.Traces != nil {
		if err := applyTraces(body.Traces, &d.Traces, d.EndpointURL); err != nil {
			return nil, err
		}
	}
	c.st.setList(d, list, c.now)
	c.st.telemetry = append(c.st.telemetry, d)
	return d, nil
}

// setList replaces a destination's workspace list.
func (st *state) setList(d *telemetryDestination, ids []string, now time.Time) {
	d.list = nil
	for _, id := range ids {
		st.addToList(d, id, now)
	}
}

// addToList puts a workspace on the list once and returns its entry.
func (st *state) addToList(d *telemetryDestination, wsID string, now time.Time) *tdWorkspace {
	if e := find(d.list, func(e *tdWorkspace) bool { return e.WorkspaceID == wsID }); e != nil {
		return e
	}
	e := &tdWorkspace{CreatedAt: stamp(now), TelemetryDestinationID: d.ID, Type: "telemetry_destination_workspace", WorkspaceID: wsID}
	d.list = append([]*tdWorkspace{e}, d.list...)
	return e
}

func updateTelemetryDestination(c *call) (any, *apiError) {
	d, err := c.destinationFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		DisplayName json.RawMessage    `json:"display_name"`
		EndpointURL json.RawMessage    `json:"endpoint_url"`
		Headers     map[string]*string `json:"headers"`
		State       json.RawMessage    `json:"state"`
		Traces      *tdTracesBody      `json:"traces"`
		Workspaces  json.RawMessage    `json:"workspaces"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	next := *d
	next.headers = map[string]string{}
	for k, v := range d.headers {
		next.headers[k] = v
	}
	str := func(field string, raw json.RawMessage) (string, *apiError) {
		var s *string
		if json.Unmarshal(raw, &s) != nil || s == nil {
			return "", errInvalid("%s: a string, not null", field)
		}
		return *s, nil
	}
	if body.DisplayName != nil {
		name, err := str("display_name", body.DisplayName)
		if err != nil {
			return nil, err
		}
		if n := utf8.RuneCountInString(name); n < 1 || n > 255 {
			return nil, errInvalid("display_name: 1 to 255 characters")
		}
		next.DisplayName = name
	}
	if body.EndpointURL != nil {
		u, err := str("endpoint_url", body.EndpointURL)
		if err != nil {
			return nil, err
		}
		if err := checkOTLPURL("endpoint_url", u, ""); err != nil {
			return nil, err
		}
		next.EndpointURL = u
	}
	if body.Headers != nil {
		unseen := map[string]bool{}
		for k := range d.headers {
			unseen[k] = true
		}
		for k, v := range body.Headers {
			if v == nil {
				delete(next.headers, k)
				continue
			}
			if body.EndpointURL == nil {
				return nil, errInvalid("headers: a request that sets a header value must also include endpoint_url")
			}
			next.headers[k] = *v
			delete(unseen, k)
		}
		if err := checkHeaders(next.headers, unseen); err != nil {
			return nil, err
		}
		next.HeaderNames = headerNames(next.headers)
	}
	if body.State != nil {
		var st *tdKind
		if json.Unmarshal(body.State, &st) != nil || st == nil || (st.Type != "enabled" && st.Type != "disabled") {
			return nil, errInvalid("state: {\"type\": \"enabled\"} or {\"type\": \"disabled\"}, not null")
		}
		next.State = tdState{Type: st.Type}
		if st.Type == "disabled" {
			next.State.Reason = &tdKind{Type: "caller"}
		}
	}
	if body.Traces != nil {
		if err := applyTraces(body.Traces, &next.Traces, next.EndpointURL); err != nil {
			return nil, err
		}
	}
	if t := next.Traces.EndpointURL; t != nil && next.EndpointURL != d.EndpointURL {
		if err := checkOTLPURL("traces.endpoint_url", *t, next.EndpointURL); err != nil {
			return nil, errInvalid("traces.endpoint_url: the new endpoint_url has another host or port, so set traces.endpoint_url to match it, or to null")
		}
	}
	var list []string
	if body.Workspaces != nil {
		var s *tdScopeBody
		if json.Unmarshal(body.Workspaces, &s) != nil || s == nil {
			return nil, errInvalid("workspaces: an object, not null")
		}
		typ, ids, err := c.scope(s, d.Workspaces.Type)
		if err != nil {
			return nil, err
		}
		next.Workspaces, list = tdKind{Type: typ}, ids
	}
	next.UpdatedAt = stamp(c.now)
	*d = next
	if body.Workspaces != nil {
		c.st.setList(d, list, c.now)
	}
	return d, nil
}

func deleteTelemetryDestination(c *call) (any, *apiError) {
	d, err := c.destinationFromPath()
	if err != nil {
		return nil, err
	}
	c.st.telemetry = slices.DeleteFunc(c.st.telemetry, func(x *telemetryDestination) bool { return x == d })
	return map[string]any{"id": d.ID, "type": "telemetry_destination_deleted"}, nil
}

// testTelemetryDestination "sends" the test span: once, without retries,
// answered as SetTelemetryAnswer says (200 unless set).
func testTelemetryDestination(c *call) (any, *apiError) {
	d, err := c.destinationFromPath()
	if err != nil {
		return nil, err
	}
	result := map[string]any{"type": "success"}
	if status := cmp.Or(d.answer, http.StatusOK); status/100 != 2 {
		msg := fmt.Sprintf("the destination answered %d %s", status, http.StatusText(status))
		result = map[string]any{"type": "failure", "error": msg}
		d.DeliveryHealth.LastError, d.DeliveryHealth.LastErrorAt = &msg, stampOf(c.now)
	} else {
		d.DeliveryHealth.LastSuccessAt = stampOf(c.now)
	}
	return map[string]any{"result": result, "type": "telemetry_destination_test"}, nil
}

// SetTelemetryAnswer makes destination id answer spans, the test span
// included, with status (200 again with 0). It panics if there is no such
// destination.
func (f *Fake) SetTelemetryAnswer(id string, status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := find(f.st.telemetry, func(d *telemetryDestination) bool { return d.ID == id })
	if d == nil {
		panic("admintest: SetTelemetryAnswer: no destination " + id)
	}
	d.answer = status
}

func listTelemetryWorkspaces(c *call) (any, *apiError) {
	d, err := c.destinationFromPath()
	if err != nil {
		return nil, err
	}
	return filteredPage(c, d.list)
}

func addTelemetryWorkspace(c *call) (any, *apiError) {
	d, err := c.destinationFromPath()
	if err != nil {
		return nil, err
	}
	if d.Workspaces.Type == "all" {
		return nil, errInvalid("destination %s covers all workspaces, so it has no workspace list", d.ID)
	}
	id := c.path("workspace_id")
	if err := c.listableWorkspace(id); err != nil {
		return nil, err
	}
	return c.st.addToList(d, id, c.now), nil
}

func removeTelemetryWorkspace(c *call) (any, *apiError) {
	d, err := c.destinationFromPath()
	if err != nil {
		return nil, err
	}
	id := c.path("workspace_id")
	if !slices.ContainsFunc(d.list, func(e *tdWorkspace) bool { return e.WorkspaceID == id }) {
		return nil, errNotFound("workspace %s is not on destination %s's list", id, d.ID)
	}
	d.list = slices.DeleteFunc(d.list, func(e *tdWorkspace) bool { return e.WorkspaceID == id })
	return map[string]any{"telemetry_destination_id": d.ID, "type": "telemetry_destination_workspace_deleted", "workspace_id": id}, nil
}

// demoTelemetry gives the demo organization a destination for Production
// and Staging that delivers, and one for everything but Research that was
// disabled after its collector kept failing.
func (b *builder) demoTelemetry(g *ids) {
	st := b.st
	byName := func(name string) string {
		return find(st.workspaces, func(w *workspace) bool { return w.Name == name }).ID
	}
	honey := &telemetryDestination{ID: g.next("tdst_"), Type: "telemetry_destination", CreatedAt: stamp(b.ago(80)), UpdatedAt: stamp(b.ago(50)),
		DisplayName: "Honeycomb production", EndpointURL: "https://api.honeycomb.example", State: tdState{Type: "enabled"},
		Traces: tdTraces{ContentMode: "metadata_only", Enabled: true}, Workspaces: tdKind{Type: "include"},
		DeliveryHealth: tdHealth{LastSuccessAt: stampOf(b.now.Add(-19 * time.Second))}, headers: map[string]string{"x-honeycomb-team": "demo-team-key"}}
	failing := "the collector answered 503 Service Unavailable"
	self := &telemetryDestination{ID: g.next("tdst_"), Type: "telemetry_destination", CreatedAt: stamp(b.ago(100)), UpdatedAt: stamp(b.ago(3)),
		DisplayName: "Self-hosted collector", EndpointURL: "https://otel.acme-robotics.example/otlp",
		State:  tdState{Type: "disabled", Reason: &tdKind{Type: "sustained_failure"}},
		Traces: tdTraces{ContentMode: "content", Enabled: true, MaxContentBytes: ptrTo(int64(65536))}, Workspaces: tdKind{Type: "exclude"},
		DeliveryHealth: tdHealth{LastError: &failing, LastErrorAt: stampOf(b.ago(3)), LastSuccessAt: stampOf(b.ago(6))},
		headers:        map[string]string{"authorization": "Bearer demo-collector-token", "x-scope-orgid": "acme"}, answer: http.StatusServiceUnavailable}
	for _, d := range []*telemetryDestination{self, honey} { // oldest first
		d.HeaderNames = headerNames(d.headers)
		st.telemetry = append(st.telemetry, d)
	}
	st.addToList(self, byName("Research"), b.ago(100))
	st.addToList(honey, byName("Staging"), b.ago(80))
	st.addToList(honey, byName("Production"), b.ago(80))
}

func ptrTo[T any](v T) *T { return &v }
