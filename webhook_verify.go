package admin

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// WebhookSecret is an endpoint's signing secret: "whsec_" and the base64 of
// the HMAC key. Printing it with any fmt verb, String, slog or encoding/json
// shows "whsec_[redacted]"; only Reveal gives the secret itself, so that it
// cannot reach a log or an error by accident.
type WebhookSecret struct{ s string }

// webhookSecretPrefix starts every signing secret of the Standard Webhooks
// scheme.
const webhookSecretPrefix = "whsec_"

const redactedSecret = webhookSecretPrefix + "[redacted]"

// ParseWebhookSecret reads a signing secret as the API shows it
// ("whsec_..."), or its base64 part alone, and checks that it decodes.
func ParseWebhookSecret(s string) (WebhookSecret, error) {
	s = strings.TrimSpace(s)
	if _, err := webhookKey(s); err != nil {
		return WebhookSecret{}, err
	}
	return WebhookSecret{s: s}, nil
}

// webhookKey is the HMAC key of a secret.
func webhookKey(s string) ([]byte, error) {
	b64 := strings.TrimPrefix(s, webhookSecretPrefix)
	if b64 == "" {
		return nil, paramErr("secret", "is empty: give the endpoint's signing secret (whsec_...)")
	}
	key, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		// Say where, never what: the text is a secret.
		return nil, paramErr("secret", "is not whsec_ followed by base64 (%d characters)", len(s))
	}
	return key, nil
}

// Reveal returns the secret itself, for storing it where the receiver of
// the endpoint's deliveries reads it.
func (s WebhookSecret) Reveal() string { return s.s }

// IsZero reports whether s holds no secret.
func (s WebhookSecret) IsZero() bool { return s.s == "" }

// String shows the secret redacted.
func (s WebhookSecret) String() string {
	if s.s == "" {
		return ""
	}
	return redactedSecret
}

// GoString shows the secret redacted for %#v.
func (s WebhookSecret) GoString() string { return strconv.Quote(s.String()) }

// Format shows the secret redacted whatever the verb.
func (s WebhookSecret) Format(f fmt.State, _ rune) { fmt.Fprint(f, s.String()) }

// LogValue shows the secret redacted in slog.
func (s WebhookSecret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON writes the secret redacted: a value holding a secret can be
// logged as JSON safely. Reveal gives the secret; RawJSON of the answer
// that brought it holds it as sent.
func (s WebhookSecret) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads the secret as the API sends it.
func (s *WebhookSecret) UnmarshalJSON(data []byte) error {
	var v *string
	if err := json.Unmarshal(data, &v); err != nil {
		return errors.New("admin: signing_secret is not a string")
	}
	s.s = deref(v)
	return nil
}

// Sign returns the Standard Webhooks signature of a delivery: "v1," and
// the base64 HMAC-SHA256 of "id.timestamp.body" under the secret.
func (s WebhookSecret) Sign(id string, timestamp time.Time, body []byte) (string, error) {
	key, err := webhookKey(s.s)
	if err != nil {
		return "", err
	}
	return "v1," + base64.StdEncoding.EncodeToString(webhookMAC(key, id, strconv.FormatInt(timestamp.Unix(), 10), body)), nil
}

func webhookMAC(key []byte, id, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// The Standard Webhooks headers of a delivery.
const (
	WebhookIDHeader        = "webhook-id"
	WebhookTimestampHeader = "webhook-timestamp"
	WebhookSignatureHeader = "webhook-signature"
)

// DefaultWebhookTolerance is how far a delivery's timestamp may be from the
// receiver's clock, either way, before VerifyWebhook refuses it as a replay.
const DefaultWebhookTolerance = 5 * time.Minute

// ErrWebhookVerification matches (errors.Is) every refusal of a delivery by
// a WebhookVerifier: missing headers, a stale timestamp, no signature that
// matches. The message says which, never the secret.
var ErrWebhookVerification = errors.New("admin: webhook verification failed")

func webhookErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrWebhookVerification, fmt.Sprintf(format, args...))
}

// WebhookVerifier checks deliveries to one endpoint. Its zero value is not
// usable: make one with NewWebhookVerifier.
type WebhookVerifier struct {
	keys [][]byte
	// Tolerance is how far the webhook-timestamp may be from Now, either
	// way; DefaultWebhookTolerance unless set. A negative Tolerance skips
	// the check (for replaying saved deliveries).
	Tolerance time.Duration
	// Now is the receiver's clock; time.Now unless set.
	Now func() time.Time
}

// NewWebhookVerifier returns a verifier that accepts deliveries signed with
// secret, or with any of more: while a secret is being replaced, give both
// the new one and the old one.
func NewWebhookVerifier(secret string, more ...string) (*WebhookVerifier, error) {
	v := &WebhookVerifier{Tolerance: DefaultWebhookTolerance, Now: time.Now}
	for _, s := range append([]string{secret}, more...) {
		key, err := webhookKey(strings.TrimSpace(s))
		if err != nil {
			return nil, err
		}
		v.keys = append(v.keys, key)
	}
	return v, nil
}

// WebhookEvent is a verified delivery: the event, as the payload of the
// Standard Webhooks scheme (type, timestamp, data), and the headers' ID and
// time. An event type this version does not know decodes as it is, with
// its Data.
type WebhookEvent struct {
	// ID is the webhook-id header: the same for every attempt at one
	// event, so a receiver can drop repeats.
	ID string `json:"-"`
	// SentAt is the webhook-timestamp header: when this attempt was sent.
	SentAt time.Time `json:"-"`
	// Type is the event type.
	Type WebhookEventType `json:"type"`
	// Timestamp is when the event happened.
	Timestamp time.Time `json:"timestamp"`
	// Data is the event's own fields, as sent; decode them with DataAs.
	Data json.RawMessage `json:"data"`
	raw
}

func (e *WebhookEvent) UnmarshalJSON(data []byte) error {
	type plain WebhookEvent
	return decodeKeepingRaw(data, (*plain)(e), &e.raw)
}

// DataAs decodes the event's data into v.
func (e *WebhookEvent) DataAs(v any) error {
	if len(e.Data) == 0 {
		return fmt.Errorf("admin: webhook event %s has no data", e.Type)
	}
	return json.Unmarshal(e.Data, v)
}

// Verify checks a delivery's headers and body, exactly as received, and
// decodes its event. The body must be the bytes that came, not JSON
// encoded again: the signature covers those bytes.
func (v *WebhookVerifier) Verify(header http.Header, body []byte) (*WebhookEvent, error) {
	if v == nil || len(v.keys) == 0 {
		return nil, webhookErr("no signing secret: make the verifier with NewWebhookVerifier")
	}
	id, ts, sigs := header.Get(WebhookIDHeader), header.Get(WebhookTimestampHeader), header.Get(WebhookSignatureHeader)
	switch {
	case id == "":
		return nil, webhookErr("the %s header is missing", WebhookIDHeader)
	case ts == "":
		return nil, webhookErr("the %s header is missing", WebhookTimestampHeader)
	case sigs == "":
		return nil, webhookErr("the %s header is missing", WebhookSignatureHeader)
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, webhookErr("%s %q is not a Unix time in seconds", WebhookTimestampHeader, ts)
	}
	sent := time.Unix(secs, 0)
	if v.Tolerance >= 0 {
		now, tol := time.Now, v.Tolerance
		if v.Now != nil {
			now = v.Now
		}
		if tol == 0 {
			tol = DefaultWebhookTolerance
		}
		if d := now().Sub(sent); d > tol || d < -tol {
			return nil, webhookErr("%s %s is more than %s from now (%s): a replay, or a clock that is wrong",
				WebhookTimestampHeader, sent.UTC().Format(time.RFC3339), tol, now().UTC().Format(time.RFC3339))
		}
	}
	if !v.signed(id, ts, body, sigs) {
		return nil, webhookErr("no v1 signature in %s matches the body under the signing secret", WebhookSignatureHeader)
	}
	var ev WebhookEvent
	if err := unmarshal(body, &ev); err != nil {
		return nil, fmt.Errorf("admin: webhook %s: the signed body is not an event: %w", id, err)
	}
	ev.ID, ev.SentAt = id, sent
	return &ev, nil
}

// signed reports whether any v1 signature of the space-separated list
// matches under any key, comparing in constant time.
func (v *WebhookVerifier) signed(id, ts string, body []byte, list string) bool {
	for _, key := range v.keys {
		want := webhookMAC(key, id, ts, body)
		for _, sig := range strings.Fields(list) {
			version, b64, ok := strings.Cut(sig, ",")
			if !ok || version != "v1" {
				continue // v1a (asymmetric) or another scheme: not ours
			}
			got, err := base64.StdEncoding.DecodeString(b64)
			if err == nil && hmac.Equal(got, want) {
				return true
			}
		}
	}
	return false
}

// VerifyWebhook checks a delivery against an endpoint's signing secret
// with the default tolerance and the system clock, and decodes its event.
// For another clock, a wider tolerance or several secrets during a
// rotation, use a WebhookVerifier.
func VerifyWebhook(secret string, header http.Header, body []byte) (*WebhookEvent, error) {
	v, err := NewWebhookVerifier(secret)
	if err != nil {
		return nil, err
	}
	return v.Verify(header, body)
}
