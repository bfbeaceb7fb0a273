package admintest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// Webhook endpoints are stored with their signing secrets. Events the fake
// causes are queued as deliveries, one per enabled endpoint that asked for
// the event's type, and posted signed the Standard Webhooks way
// (webhook-id, webhook-timestamp, webhook-signature) by DeliverWebhooks:
// the first attempt at once, a failed one again after each delay of
// webhookRetrySchedule, counted on the fake's clock, so a test moves the
// clock (WithClock) and calls DeliverWebhooks again rather than sleeping.
//
// What causes events: EmitWebhookEvent, for a test, and state.emitEvent for
// the fake's own handlers. The spec's event types are about external keys,
// external storage and user profiles; when the fake holds external keys,
// their failed and recovered transitions call
//
//	c.st.emitEvent(c.now, "external_key.failed", map[string]any{"external_key_id": id, ...})
//
// from the handler that changes them, and the delivery follows as the
// request ends (Fake.handle runs the due deliveries after unlocking).

type webhookEndpoint struct {
	ID             string   `json:"id"`
	CreatedAt      stamp    `json:"created_at"`
	Description    string   `json:"description"`
	DisabledReason string   `json:"disabled_reason"`
	EnabledEvents  []string `json:"enabled_events"`
	Name           string   `json:"name"`
	State          string   `json:"state"`
	UpdatedAt      stamp    `json:"updated_at"`
	URL            string   `json:"url"`

	secret string
	// previous is the secret before the last regeneration, also signed
	// with until previousUntil, so a receiver can switch over.
	previous      string
	previousUntil time.Time
}

// newWebhookEndpoint is the create answer: the endpoint and its secret.
type newWebhookEndpoint struct {
	*webhookEndpoint
	SigningSecret string `json:"signing_secret"`
}

// webhookEventTypes are the event types an endpoint can ask for.
var webhookEventTypes = func() []string {
	var out []string
	for _, t := range admin.WebhookEventTypes() {
		out = append(out, string(t))
	}
	return out
}()

// webhookRetrySchedule is the wait before each retry of a failed delivery
// (the example schedule of the Standard Webhooks spec). After the last the
// delivery is given up and the endpoint disabled.
var webhookRetrySchedule = []time.Duration{5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour,
	5 * time.Hour, 10 * time.Hour, 14 * time.Hour, 20 * time.Hour, 24 * time.Hour}

// secretRotation is how long deliveries are signed with the old secret too
// after a regeneration.
const secretRotation = 24 * time.Hour

const maxWebhookPage = 100

// newSecret makes a signing secret: whsec_ and the base64 of 32 bytes,
// the same for the same seed and order of creation.
func newSecret(g *ids) string {
	sum := sha256.Sum256([]byte(g.next("whsec")))
	return "whsec_" + base64.StdEncoding.EncodeToString(sum[:])
}

func listWebhooks(c *call) (any, *apiError) {
	if _, err := limitParam(c.q, 20, maxWebhookPage); err != nil {
		return nil, err
	}
	items := slices.Clone(c.st.webhooks) // oldest first
	switch c.q.Get("order") {
	case "", "desc":
		slices.Reverse(items)
	case "asc":
	default:
		return nil, errInvalid("order: %q is not one of asc, desc", c.q.Get("order"))
	}
	return idPage(items, func(w *webhookEndpoint) string { return w.ID }, c.q)
}

func (c *call) webhookFromPath() (*webhookEndpoint, *apiError) {
	return byPathID(c, "webhook_endpoint_id", "webhook endpoint", c.st.webhooks, func(w *webhookEndpoint) string { return w.ID })
}

// byPathID finds the object the path's ID names, or answers 404.
func byPathID[T any](c *call, param, what string, items []*T, idOf func(*T) string) (*T, *apiError) {
	id := c.path(param)
	if v := find(items, func(v *T) bool { return idOf(v) == id }); v != nil {
		return v, nil
	}
	return nil, errNotFound("%s %s not found", what, id)
}

func getWebhook(c *call) (any, *apiError) { return c.webhookFromPath() }

// checkDeliveryURL takes an https URL, or, so that tests can receive
// deliveries, an http URL on a loopback address (a fake-only allowance).
func checkDeliveryURL(v string) *apiError {
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || u.User != nil {
		return errInvalid("url: %q is not an absolute URL", v)
	}
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopbackHost(u.Hostname()):
		return nil
	}
	return errInvalid("url: must use https (the fake also takes http on a loopback address)")
}

func isLoopbackHost(h string) bool {
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func checkEventTypes(types []string) *apiError {
	if len(types) == 0 {
		return errInvalid("enabled_events: must list at least one event type")
	}
	for _, t := range types {
		if !slices.Contains(webhookEventTypes, t) {
			return errInvalid("enabled_events: %q is not one of %s", t, strings.Join(webhookEventTypes, ", "))
		}
	}
	return nil
}

func createWebhook(c *call) (any, *apiError) {
	var body struct {
		URL           *string  `json:"url"`
		EnabledEvents []string `json:"enabled_events"`
		Name          string   `json:"name"`
		Description   string   `json:"description"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.URL == nil {
		return nil, errInvalid("url: Field required")
	}
	if err := checkDeliveryURL(*body.URL); err != nil {
		return nil, err
	}
	if err := checkEventTypes(body.EnabledEvents); err != nil {
		return nil, err
	}
	w := c.st.addWebhook(c.now, body.Name, body.Description, *body.URL, body.EnabledEvents)
	return newWebhookEndpoint{webhookEndpoint: w, SigningSecret: w.secret}, nil
}

func (st *state) addWebhook(now time.Time, name, description, u string, events []string) *webhookEndpoint {
	w := &webhookEndpoint{ID: st.ids.next("whep_"), CreatedAt: stamp(now), UpdatedAt: stamp(now), Name: name, Description: description,
		URL: u, EnabledEvents: slices.Clone(events), State: "enabled", secret: newSecret(&st.ids)}
	st.webhooks = append(st.webhooks, w)
	return w
}

func updateWebhook(c *call) (any, *apiError) {
	w, err := c.webhookFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		Name          *string  `json:"name"`
		Description   *string  `json:"description"`
		URL           *string  `json:"url"`
		EnabledEvents []string `json:"enabled_events"`
		State         *string  `json:"state"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.URL != nil {
		if err := checkDeliveryURL(*body.URL); err != nil {
			return nil, err
		}
	}
	if body.EnabledEvents != nil {
		if err := checkEventTypes(body.EnabledEvents); err != nil {
			return nil, err
		}
	}
	if body.State != nil && *body.State != "enabled" && *body.State != "disabled" {
		return nil, errInvalid("state: %q is not one of enabled, disabled", *body.State)
	}
	if body.Name != nil {
		w.Name = *body.Name
	}
	if body.Description != nil {
		w.Description = *body.Description
	}
	if body.URL != nil {
		w.URL = *body.URL
	}
	if body.EnabledEvents != nil {
		w.EnabledEvents = slices.Clone(body.EnabledEvents)
	}
	if body.State != nil {
		w.State = *body.State
		if w.State == "enabled" {
			w.DisabledReason = ""
		}
	}
	w.UpdatedAt = stamp(c.now)
	return w, nil
}

func deleteWebhook(c *call) (any, *apiError) {
	w, err := c.webhookFromPath()
	if err != nil {
		return nil, err
	}
	c.st.webhooks = slices.DeleteFunc(c.st.webhooks, func(x *webhookEndpoint) bool { return x == w })
	c.st.deliveries = slices.DeleteFunc(c.st.deliveries, func(d *delivery) bool { return d.endpointID == w.ID && !d.inFlight })
	return map[string]any{"id": w.ID, "type": "webhook_endpoint_deleted"}, nil
}

func regenerateWebhookSecret(c *call) (any, *apiError) {
	w, err := c.webhookFromPath()
	if err != nil {
		return nil, err
	}
	w.previous, w.previousUntil = w.secret, c.now.Add(secretRotation)
	w.secret = newSecret(&c.st.ids)
	w.UpdatedAt = stamp(c.now)
	return map[string]any{"signing_secret": w.secret}, nil
}

// delivery is one event on its way to one endpoint.
type delivery struct {
	id         string // webhook-id: the same for every attempt
	endpointID string
	eventType  string
	body       []byte
	attempts   int
	next       time.Time // when the next attempt is due
	inFlight   bool
	delivered  bool
	gaveUp     bool
	lastStatus int
	lastError  string
}

// emitEvent queues the event for every enabled endpoint that asked for
// its type and returns the event's ID. The first attempt is due at once.
func (st *state) emitEvent(now time.Time, eventType string, data any) string {
	body, err := json.Marshal(map[string]any{"type": eventType, "timestamp": stamp(now), "data": data})
	if err != nil {
		panic("admintest: event data does not encode: " + err.Error())
	}
	id := st.ids.next("msg_")
	for _, w := range st.webhooks {
		if w.State == "enabled" && slices.Contains(w.EnabledEvents, eventType) {
			st.deliveries = append(st.deliveries, &delivery{id: id, endpointID: w.ID, eventType: eventType, body: body, next: now})
		}
	}
	return id
}

// EmitWebhookEvent causes an event of eventType with data (any value that
// encodes as JSON), queues it for every enabled endpoint that asked for
// that type, makes the first attempts, and returns the event's ID (the
// webhook-id of its deliveries). Use it to test a receiver: register the
// receiver's URL (an http URL on loopback will do), emit, and check what
// arrived.
func (f *Fake) EmitWebhookEvent(eventType string, data any) string {
	f.mu.Lock()
	id := f.st.emitEvent(f.now(), eventType, data)
	f.mu.Unlock()
	f.DeliverWebhooks(context.Background())
	return id
}

// WithWebhookClient sets the HTTP client the fake posts webhook deliveries
// with. By default the fake posts only to loopback addresses (a delivery
// to any other host fails without leaving the machine, so the demo's
// endpoints never reach the network), follows no redirects (a 3xx is a
// failure, as the Standard Webhooks spec says) and gives up on an attempt
// after 10 seconds.
func WithWebhookClient(hc *http.Client) Option { return func(f *Fake) { f.webhookClient = hc } }

// loopbackOnly is the default client's transport.
type loopbackOnly struct{}

func (loopbackOnly) RoundTrip(r *http.Request) (*http.Response, error) {
	if !isLoopbackHost(r.URL.Hostname()) {
		return nil, fmt.Errorf("admintest delivers only to loopback addresses, not %s (WithWebhookClient sends elsewhere)", r.URL.Host)
	}
	return http.DefaultTransport.RoundTrip(r)
}

func defaultWebhookClient() *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: loopbackOnly{},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// attempt is one delivery attempt, prepared under the lock and sent
// without it.
type attempt struct {
	d       *delivery
	url     string
	secrets []string
}

// DeliverWebhooks makes every delivery attempt that is due by the fake's
// clock, each once, and returns how many it made. A 2xx answer delivers;
// anything else (or no answer) schedules the next attempt after the next
// delay of the retry schedule, until the last, after which the delivery is
// given up and the endpoint disabled with a reason. A 410 Gone disables
// the endpoint at once. Attempts go out one after another, in the order
// the events happened.
func (f *Fake) DeliverWebhooks(ctx context.Context) int {
	f.mu.Lock()
	now := f.now()
	var due []attempt
	for _, d := range f.st.deliveries {
		if d.delivered || d.gaveUp || d.inFlight || d.next.After(now) {
			continue
		}
		w := find(f.st.webhooks, func(w *webhookEndpoint) bool { return w.ID == d.endpointID })
		if w == nil || w.State != "enabled" {
			continue
		}
		secrets := []string{w.secret}
		if w.previous != "" && now.Before(w.previousUntil) {
			secrets = append(secrets, w.previous)
		}
		d.inFlight = true
		due = append(due, attempt{d: d, url: w.URL, secrets: secrets})
	}
	hc := f.webhookClient
	f.mu.Unlock()

	for _, a := range due {
		status, err := f.post(ctx, hc, a, now)
		f.mu.Lock()
		f.st.settle(a.d, status, err, f.now())
		f.mu.Unlock()
	}
	return len(due)
}

// post sends one attempt, signed with each secret, and returns the status.
func (f *Fake) post(ctx context.Context, hc *http.Client, a attempt, now time.Time) (int, error) {
	var sigs []string
	for _, s := range a.secrets {
		secret, err := admin.ParseWebhookSecret(s)
		if err != nil {
			return 0, err
		}
		sig, err := secret.Sign(a.d.id, now, a.d.body)
		if err != nil {
			return 0, err
		}
		sigs = append(sigs, sig)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.url, bytes.NewReader(a.d.body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "admintest-webhooks")
	req.Header.Set(admin.WebhookIDHeader, a.d.id)
	req.Header.Set(admin.WebhookTimestampHeader, fmt.Sprint(now.Unix()))
	req.Header.Set(admin.WebhookSignatureHeader, strings.Join(sigs, " "))
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// settle records an attempt's outcome and schedules what follows.
func (st *state) settle(d *delivery, status int, err error, now time.Time) {
	d.inFlight = false
	d.attempts++
	d.lastStatus, d.lastError = status, ""
	if err != nil {
		d.lastError = err.Error()
	}
	if err == nil && status >= 200 && status < 300 {
		d.delivered = true
		return
	}
	w := find(st.webhooks, func(w *webhookEndpoint) bool { return w.ID == d.endpointID })
	switch {
	case status == http.StatusGone:
		d.gaveUp = true
		if w != nil {
			w.State, w.DisabledReason, w.UpdatedAt = "disabled", "The endpoint answered 410 Gone", stamp(now)
		}
	case d.attempts > len(webhookRetrySchedule):
		d.gaveUp = true
		if w != nil {
			w.State, w.DisabledReason, w.UpdatedAt = "disabled", fmt.Sprintf("Deliveries failed %d times in a row", d.attempts), stamp(now)
		}
	default:
		d.next = now.Add(webhookRetrySchedule[d.attempts-1])
	}
}

// WebhookDelivery is what the fake knows about one event's delivery to one
// endpoint.
type WebhookDelivery struct {
	// ID is the event's webhook-id, the same for every attempt.
	ID         string
	EndpointID string
	EventType  string
	Body       []byte
	Attempts   int
	Delivered  bool
	// GaveUp is true once the retries are spent (or the endpoint answered
	// 410 Gone).
	GaveUp bool
	// NextAttempt is when the next attempt is due, if there is one.
	NextAttempt time.Time
	// LastStatus is the status of the latest answer (0 for none) and
	// LastError what went wrong when there was no answer.
	LastStatus int
	LastError  string
}

// WebhookDeliveries returns every delivery the fake has queued, oldest
// first.
func (f *Fake) WebhookDeliveries() []WebhookDelivery {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []WebhookDelivery
	for _, d := range f.st.deliveries {
		wd := WebhookDelivery{ID: d.id, EndpointID: d.endpointID, EventType: d.eventType, Body: bytes.Clone(d.body), Attempts: d.attempts,
			Delivered: d.delivered, GaveUp: d.gaveUp, LastStatus: d.lastStatus, LastError: d.lastError}
		if !d.delivered && !d.gaveUp {
			wd.NextAttempt = d.next
		}
		out = append(out, wd)
	}
	return out
}

// hasDue reports whether a delivery attempt is due by now.
func (st *state) hasDue(now time.Time) bool {
	return slices.ContainsFunc(st.deliveries, func(d *delivery) bool {
		return !d.delivered && !d.gaveUp && !d.inFlight && !d.next.After(now)
	})
}

// demoWebhooks gives the demo organization two endpoints: one for
// external key alerts, one disabled after its deliveries kept failing.
func (b *builder) demoWebhooks(g *ids) {
	st := b.st
	keys := &webhookEndpoint{ID: g.next("whep_"), CreatedAt: stamp(b.ago(40)), UpdatedAt: stamp(b.ago(12)), Name: "key-alerts",
		Description: "Pages the platform on-call rotation", URL: "https://hooks.acme-robotics.example/anthropic/keys",
		EnabledEvents: []string{"external_key.failed", "external_key.recovered"}, State: "enabled"}
	storage := &webhookEndpoint{ID: g.next("whep_"), CreatedAt: stamp(b.ago(55)), UpdatedAt: stamp(b.ago(9)), Name: "storage-alerts",
		URL: "https://ops.acme-robotics.example/webhooks/storage", EnabledEvents: []string{"external_storage.failed", "external_storage.recovered"},
		State: "disabled", DisabledReason: "Deliveries failed 10 times in a row"}
	for _, w := range []*webhookEndpoint{storage, keys} { // oldest first
		w.secret = newSecret(g)
		st.webhooks = append(st.webhooks, w)
	}
}
