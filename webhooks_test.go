package admin_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// The published Standard Webhooks test vector (spec repository,
// libraries/go/webhook_test.go: TestWebhookSign), as data.
const (
	vectorSecret    = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vectorID        = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vectorTimestamp = 1614265330
	vectorBody      = `{"test": 2432232314}`
	vectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
	// A well-formed signature of nothing here, from the same suite.
	otherSignature = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="
)

func TestWebhookSignMatchesTheVector(t *testing.T) {
	for _, secret := range []string{vectorSecret, strings.TrimPrefix(vectorSecret, "whsec_")} {
		s, err := admin.ParseWebhookSecret(secret)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := s.Sign(vectorID, time.Unix(vectorTimestamp, 0), []byte(vectorBody))
		if err != nil || sig != vectorSignature {
			t.Errorf("Sign with %s... = %q, %v; want %q", secret[:8], sig, err, vectorSignature)
		}
	}
}

// vectorHeaders are the headers of the vector's delivery.
func vectorHeaders(sig string) http.Header {
	h := http.Header{}
	h.Set("webhook-id", vectorID)
	h.Set("webhook-timestamp", strconv.Itoa(vectorTimestamp))
	h.Set("webhook-signature", sig)
	return h
}

// TestVerifyWebhook runs the Standard Webhooks suite's cases, and more,
// against the vector, on a clock set to the vector's time plus skew.
func TestVerifyWebhook(t *testing.T) {
	sent := time.Unix(vectorTimestamp, 0)
	cases := []struct {
		name    string
		header  func(h http.Header)
		body    string
		skew    time.Duration
		secrets []string
		noClock bool // Tolerance < 0
		wantErr string
	}{
		{name: "valid"},
		{name: "valid among others during rotation", header: func(h http.Header) {
			h.Set("webhook-signature", strings.Join([]string{otherSignature, "v2," + vectorSignature[3:], vectorSignature, "v1a,AAAA"}, " "))
		}},
		{name: "old and new secret", secrets: []string{"whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", vectorSecret}},
		{name: "missing id", header: func(h http.Header) { h.Del("webhook-id") }, wantErr: "webhook-id header is missing"},
		{name: "missing timestamp", header: func(h http.Header) { h.Del("webhook-timestamp") }, wantErr: "webhook-timestamp header is missing"},
		{name: "missing signature", header: func(h http.Header) { h.Del("webhook-signature") }, wantErr: "webhook-signature header is missing"},
		{name: "another signature", header: func(h http.Header) { h.Set("webhook-signature", otherSignature) }, wantErr: "no v1 signature"},
		{name: "partial signature", header: func(h http.Header) { h.Set("webhook-signature", "v1,") }, wantErr: "no v1 signature"},
		{name: "signature of another version", header: func(h http.Header) { h.Set("webhook-signature", "v2,"+vectorSignature[3:]) }, wantErr: "no v1 signature"},
		{name: "body changed", body: `{"test": 2432232315}`, wantErr: "no v1 signature"},
		{name: "id changed", header: func(h http.Header) { h.Set("webhook-id", "msg_other") }, wantErr: "no v1 signature"},
		{name: "wrong secret", secrets: []string{"whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo="}, wantErr: "no v1 signature"},
		{name: "timestamp not a number", header: func(h http.Header) { h.Set("webhook-timestamp", "yesterday") }, wantErr: "not a Unix time"},
		{name: "just inside the tolerance", skew: 5 * time.Minute},
		{name: "old", skew: 5*time.Minute + time.Second, wantErr: "more than 5m0s from now"},
		{name: "from the future", skew: -(5*time.Minute + time.Second), wantErr: "more than 5m0s from now"},
		{name: "old, tolerance off", skew: 48 * time.Hour, noClock: true},
		{name: "tolerance off still checks the signature", skew: 48 * time.Hour, noClock: true, body: `{}`, wantErr: "no v1 signature"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := vectorHeaders(vectorSignature)
			if tc.header != nil {
				tc.header(h)
			}
			body := vectorBody
			if tc.body != "" {
				body = tc.body
			}
			secrets := tc.secrets
			if secrets == nil {
				secrets = []string{vectorSecret}
			}
			v, err := admin.NewWebhookVerifier(secrets[0], secrets[1:]...)
			if err != nil {
				t.Fatal(err)
			}
			v.Now = func() time.Time { return sent.Add(tc.skew) }
			if tc.noClock {
				v.Tolerance = -1
			}
			ev, err := v.Verify(h, []byte(body))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				if ev.ID != vectorID || !ev.SentAt.Equal(sent) || string(ev.RawJSON()) != body {
					t.Errorf("event = %+v %s", ev, ev.RawJSON())
				}
				return
			}
			if !errors.Is(err, admin.ErrWebhookVerification) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want ErrWebhookVerification saying %q", err, tc.wantErr)
			}
			for _, s := range secrets {
				if strings.Contains(err.Error(), strings.TrimPrefix(s, "whsec_")) {
					t.Errorf("the error shows a secret: %v", err)
				}
			}
		})
	}
}

func TestVerifyWebhookRefusesBadSecrets(t *testing.T) {
	for _, s := range []string{"", "whsec_", "whsec_not base64!"} {
		_, err := admin.VerifyWebhook(s, vectorHeaders(vectorSignature), []byte(vectorBody))
		if !errors.Is(err, admin.ErrInvalidParam) || strings.Contains(err.Error(), "base64!") {
			t.Errorf("secret %q: err = %v, want ErrInvalidParam without the secret", s, err)
		}
	}
}

// The event decodes with its type kept whether this version knows it or
// not, and with its data.
func TestWebhookEventDecodes(t *testing.T) {
	secret, _ := admin.ParseWebhookSecret(vectorSecret)
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	for _, typ := range []string{"external_key.failed", "workspace.teleported"} {
		body := []byte(fmt.Sprintf(`{"type":%q,"timestamp":"2026-11-20T15:29:58Z","data":{"external_key_id":"ekey_01","reason":"disabled"},"extra":1}`, typ))
		sig, _ := secret.Sign("msg_1", now, body)
		h := http.Header{}
		h.Set("webhook-id", "msg_1")
		h.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
		h.Set("webhook-signature", sig)
		v, _ := admin.NewWebhookVerifier(vectorSecret)
		v.Now = func() time.Time { return now }
		ev, err := v.Verify(h, body)
		if err != nil {
			t.Fatal(err)
		}
		var data struct {
			ExternalKeyID string `json:"external_key_id"`
		}
		if ev.Type != admin.WebhookEventType(typ) || ev.Timestamp.IsZero() || ev.DataAs(&data) != nil || data.ExternalKeyID != "ekey_01" ||
			!bytes.Contains(ev.RawJSON(), []byte(`"extra":1`)) {
			t.Errorf("event = %+v", ev)
		}
	}
}

// A signing secret shows itself only through Reveal: not with any fmt
// verb, not in JSON, not in slog, not inside a struct.
func TestWebhookSecretIsRedacted(t *testing.T) {
	var created admin.NewWebhookEndpoint
	if err := json.Unmarshal([]byte(`{"id":"whep_1","signing_secret":"`+vectorSecret+`"}`), &created); err != nil {
		t.Fatal(err)
	}
	if created.SigningSecret.Reveal() != vectorSecret {
		t.Fatalf("Reveal = %q", created.SigningSecret.Reveal())
	}
	encoded, _ := json.Marshal(created)
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("created", "endpoint", created, "secret", created.SigningSecret)
	slog.New(slog.NewTextHandler(&logged, nil)).Info("created", "endpoint", created, "secret", created.SigningSecret)
	shown := []string{
		fmt.Sprint(created.SigningSecret), fmt.Sprintf("%v %+v %#v %s %q %x", created.SigningSecret, created.SigningSecret, created.SigningSecret,
			created.SigningSecret, created.SigningSecret, created.SigningSecret),
		fmt.Sprintf("%v %+v %#v", created, created, &created), created.SigningSecret.String(), string(encoded), logged.String(),
	}
	for _, s := range shown {
		if strings.Contains(s, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") {
			t.Errorf("the secret shows: %s", s)
		}
		if !strings.Contains(s, "whsec_[redacted]") {
			t.Errorf("no redaction marker in %s", s)
		}
	}
}

func TestWebhookParamsRefused(t *testing.T) {
	api := newFakeAPI(t)
	c, ctx := api.client(), t.Context()
	ok := []admin.WebhookEventType{admin.WebhookExternalKeyFailed}
	checkRefusals(t, api, []refusal{
		{"create without url", func() error {
			_, err := c.Webhooks.Create(ctx, admin.WebhookCreateParams{EnabledEvents: ok})
			return err
		}},
		{"create with a relative url", func() error {
			_, err := c.Webhooks.Create(ctx, admin.WebhookCreateParams{URL: "/hooks", EnabledEvents: ok})
			return err
		}},
		{"create with a password in the url", func() error {
			_, err := c.Webhooks.Create(ctx, admin.WebhookCreateParams{URL: "https://u:p@hooks.example/", EnabledEvents: ok})
			return err
		}},
		{"create without events", func() error {
			_, err := c.Webhooks.Create(ctx, admin.WebhookCreateParams{URL: "https://hooks.example/"})
			return err
		}},
		{"update clearing the url", func() error {
			_, err := c.Webhooks.Update(ctx, "whep_1", admin.WebhookUpdateParams{URL: admin.Clear[string]()})
			return err
		}},
		{"update to no events", func() error {
			_, err := c.Webhooks.Update(ctx, "whep_1", admin.WebhookUpdateParams{EnabledEvents: admin.Set([]admin.WebhookEventType{})})
			return err
		}},
		{"get with a slash", func() error { _, err := c.Webhooks.Get(ctx, "whep/1"); return err }},
		{"regenerate empty ID", func() error { _, err := c.Webhooks.RegenerateSigningSecret(ctx, ""); return err }},
		{"a page of 101", func() error {
			_, err := c.Webhooks.List(admin.WebhookListParams{Cursor: admin.Cursor{Limit: 101}}).Page(ctx)
			return err
		}},
	})
}

// receiver is a webhook receiver for tests: it answers with the statuses
// queued, then 204, and keeps what arrived.
type receiver struct {
	mu       sync.Mutex
	statuses []int
	got      []http.Header
	bodies   [][]byte
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var body bytes.Buffer
	body.ReadFrom(r.Body)
	rc.got, rc.bodies = append(rc.got, r.Header.Clone()), append(rc.bodies, body.Bytes())
	status := http.StatusNoContent
	if len(rc.statuses) > 0 {
		status, rc.statuses = rc.statuses[0], rc.statuses[1:]
	}
	w.WriteHeader(status)
}

// The round trip a receiver sees: an endpoint made through the library,
// an event the fake causes, delivered signed, refused twice and retried on
// the fake's clock after the schedule's delays, verified with the secret
// the create returned and again after a regeneration, when both secrets
// sign for a day.
func TestWebhookDeliveriesReachAReceiver(t *testing.T) {
	rc := &receiver{statuses: []int{500, 503}}
	hook := httptest.NewServer(rc)
	defer hook.Close()
	var mu sync.Mutex
	now := fakeNow
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	srv := admintest.NewServer(admintest.WithClock(clock)) // no endpoints but the test's
	defer srv.Close()
	c, ctx := srv.Client(), t.Context()

	created, err := c.Webhooks.Create(ctx, admin.WebhookCreateParams{URL: hook.URL + "/anthropic", Name: "test receiver",
		EnabledEvents: []admin.WebhookEventType{admin.WebhookExternalKeyFailed}})
	if err != nil {
		t.Fatal(err)
	}
	secret := created.SigningSecret.Reveal()
	if !strings.HasPrefix(secret, "whsec_") || created.State != admin.WebhookEnabled {
		t.Fatalf("created = %s", created.RawJSON())
	}
	srv.EmitWebhookEvent("external_storage.failed", map[string]any{"external_storage_id": "es_1"}) // not asked for
	id := srv.EmitWebhookEvent("external_key.failed", map[string]any{"external_key_id": "ekey_01"})

	attempts := func() int { rc.mu.Lock(); defer rc.mu.Unlock(); return len(rc.got) }
	if attempts() != 1 {
		t.Fatalf("%d attempts after the event, want 1 at once", attempts())
	}
	if n := srv.DeliverWebhooks(ctx); n != 0 {
		t.Errorf("%d attempts before the first delay passed", n)
	}
	advance(5 * time.Second)
	if n := srv.DeliverWebhooks(ctx); n != 1 {
		t.Errorf("%d attempts after 5s, want the first retry", n)
	}
	advance(4 * time.Minute)
	if n := srv.DeliverWebhooks(ctx); n != 0 {
		t.Errorf("%d attempts 4 minutes into a 5-minute delay", n)
	}
	advance(time.Minute)
	if n := srv.DeliverWebhooks(ctx); n != 1 {
		t.Errorf("%d attempts after 5 minutes, want the second retry", n)
	}
	ds := srv.WebhookDeliveries()
	if len(ds) != 1 || !ds[0].Delivered || ds[0].Attempts != 3 || ds[0].ID != id || ds[0].LastStatus != 204 {
		t.Fatalf("deliveries = %+v", ds)
	}

	v, _ := admin.NewWebhookVerifier(secret)
	v.Now = clock
	rc.mu.Lock()
	for i, h := range rc.got {
		v.Tolerance = 10 * time.Minute // the first attempts were sent minutes ago
		ev, err := v.Verify(h, rc.bodies[i])
		if err != nil || ev.ID != id || ev.Type != admin.WebhookExternalKeyFailed || !strings.Contains(string(ev.Data), "ekey_01") {
			t.Errorf("attempt %d: %v, %+v", i, err, ev)
		}
	}
	rc.mu.Unlock()

	regenerated, err := c.Webhooks.RegenerateSigningSecret(ctx, created.ID)
	if err != nil || regenerated.SigningSecret.Reveal() == secret {
		t.Fatalf("regenerate = %v, %v", regenerated, err)
	}
	srv.EmitWebhookEvent("external_key.failed", map[string]any{"external_key_id": "ekey_02"})
	rc.mu.Lock()
	last, lastBody := rc.got[len(rc.got)-1], rc.bodies[len(rc.bodies)-1]
	rc.mu.Unlock()
	if n := len(strings.Fields(last.Get("webhook-signature"))); n != 2 {
		t.Errorf("%d signatures during the rotation, want the new secret's and the old one's", n)
	}
	for _, s := range []string{secret, regenerated.SigningSecret.Reveal()} {
		v, _ := admin.NewWebhookVerifier(s)
		v.Now = clock
		if _, err := v.Verify(last, lastBody); err != nil {
			t.Errorf("during the rotation: %v", err)
		}
	}
}

// Whatever arrives, Verify never panics, and it accepts a delivery only
// when the signature header holds the body's true signature.
func FuzzVerifyWebhook(f *testing.F) {
	f.Add(vectorID, strconv.Itoa(vectorTimestamp), vectorSignature, []byte(vectorBody))
	f.Add(vectorID, strconv.Itoa(vectorTimestamp), otherSignature+" "+vectorSignature, []byte(vectorBody))
	f.Add("", "x", "v1,", []byte{})
	f.Add(vectorID, "-1", "v1,"+strings.Repeat("A", 44)+" v1a,zz ,", []byte(vectorBody))
	secret, _ := admin.ParseWebhookSecret(vectorSecret)
	f.Fuzz(func(t *testing.T, id, ts, sig string, body []byte) {
		h := http.Header{}
		h.Set("webhook-id", id)
		h.Set("webhook-timestamp", ts)
		h.Set("webhook-signature", sig)
		v, err := admin.NewWebhookVerifier(vectorSecret)
		if err != nil {
			t.Fatal(err)
		}
		v.Tolerance = -1
		if _, err := v.Verify(h, body); err != nil {
			return
		}
		secs, perr := strconv.ParseInt(ts, 10, 64)
		if perr != nil || strconv.FormatInt(secs, 10) != ts {
			return // a timestamp in another spelling signs its own text
		}
		want, _ := secret.Sign(id, time.Unix(secs, 0), body)
		if !slices.Contains(strings.Fields(sig), want) {
			t.Fatalf("accepted id %q ts %q sig %q without the true signature %s", id, ts, sig, want)
		}
	})
}
