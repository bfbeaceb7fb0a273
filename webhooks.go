package admin

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// WebhooksService manages the organization's webhook endpoints: HTTPS URLs
// that Anthropic posts signed events to (external key and storage failures
// and recoveries, user profile enforcement). Each endpoint has a signing
// secret, shown once when the endpoint is made and once more each time it
// is regenerated; VerifyWebhook checks a delivery with it.
type WebhooksService struct{ client *Client }

// BetaWebhooks is the beta value every webhook endpoint call needs; the
// client sends it itself.
const BetaWebhooks = "webhooks-2026-10-07"

// WebhookEventType is the kind of an event, full-stop delimited. The API
// may add types; unknown values decode as they are.
type WebhookEventType string

const (
	WebhookExternalKeyFailed                    WebhookEventType = "external_key.failed"
	WebhookExternalKeyRecovered                 WebhookEventType = "external_key.recovered"
	WebhookExternalStorageFailed                WebhookEventType = "external_storage.failed"
	WebhookExternalStorageRecovered             WebhookEventType = "external_storage.recovered"
	WebhookUserProfileEnforcementActionOpened   WebhookEventType = "user_profile.enforcement_action_opened"
	WebhookUserProfileEnforcementActionResolved WebhookEventType = "user_profile.enforcement_action_resolved"
	WebhookUserProfileProgramStatusUpdated      WebhookEventType = "user_profile.program_status_updated"
)

// WebhookEventTypes returns the event types this version knows, in the
// spec's order.
func WebhookEventTypes() []WebhookEventType {
	return []WebhookEventType{WebhookExternalKeyFailed, WebhookExternalKeyRecovered, WebhookExternalStorageFailed,
		WebhookExternalStorageRecovered, WebhookUserProfileEnforcementActionOpened, WebhookUserProfileEnforcementActionResolved,
		WebhookUserProfileProgramStatusUpdated}
}

// WebhookState says whether deliveries are sent to an endpoint.
type WebhookState string

const (
	WebhookEnabled  WebhookState = "enabled"
	WebhookDisabled WebhookState = "disabled"
)

// WebhookEndpoint is a webhook endpoint of the organization.
type WebhookEndpoint struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	URL         string `json:"url"`
	// EnabledEvents are the event types delivered to the endpoint.
	EnabledEvents []WebhookEventType `json:"enabled_events"`
	State         WebhookState       `json:"state"`
	// DisabledReason says why Anthropic disabled the endpoint by itself;
	// empty otherwise.
	DisabledReason string    `json:"disabled_reason"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	raw
}

func (w *WebhookEndpoint) UnmarshalJSON(data []byte) error {
	type plain WebhookEndpoint
	return decodeKeepingRaw(data, (*plain)(w), &w.raw)
}

// NewWebhookEndpoint is the answer to Create: the endpoint and its signing
// secret, which the API shows only this once. Printing it, or encoding it
// as JSON, shows the secret redacted; SigningSecret.Reveal gives it. Its
// RawJSON holds the secret as the server sent it.
type NewWebhookEndpoint struct {
	WebhookEndpoint
	SigningSecret WebhookSecret `json:"signing_secret"`
}

func (w *NewWebhookEndpoint) UnmarshalJSON(data []byte) error {
	if err := w.WebhookEndpoint.UnmarshalJSON(data); err != nil {
		return err
	}
	var s struct {
		SigningSecret WebhookSecret `json:"signing_secret"`
	}
	err := unmarshal(data, &s)
	w.SigningSecret = s.SigningSecret
	return err
}

// WebhookSigningSecret is the answer to RegenerateSigningSecret: the
// endpoint's new secret, redacted when printed (see WebhookSecret).
type WebhookSigningSecret struct {
	SigningSecret WebhookSecret `json:"signing_secret"`
	raw
}

func (s *WebhookSigningSecret) UnmarshalJSON(data []byte) error {
	type plain WebhookSigningSecret
	return decodeKeepingRaw(data, (*plain)(s), &s.raw)
}

// WebhookEndpointDeleted is the answer to Delete.
type WebhookEndpointDeleted struct {
	ID   string `json:"id"`
	Type string `json:"type"` // "webhook_endpoint_deleted"
	raw
}

func (d *WebhookEndpointDeleted) UnmarshalJSON(data []byte) error {
	type plain WebhookEndpointDeleted
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// WebhookOrder is the order of a list by creation time.
type WebhookOrder string

const (
	WebhookOrderAsc  WebhookOrder = "asc"
	WebhookOrderDesc WebhookOrder = "desc"
)

// maxWebhookPage is the largest page of webhook endpoints.
const maxWebhookPage = 100

// WebhookListParams pages the endpoints: Limit up to 100 (0 for 20).
type WebhookListParams struct {
	Cursor
	// Order is by creation time; "" for the API's default, newest first.
	Order WebhookOrder
}

// List returns the organization's webhook endpoints (GET
// /v1/organizations/webhooks).
func (s *WebhooksService) List(params WebhookListParams, opts ...Option) *List[WebhookEndpoint] {
	q, err := params.Cursor.queryUpTo(maxWebhookPage)
	if err != nil {
		return failedList[WebhookEndpoint](err)
	}
	q.str("order", string(params.Order))
	ep := registered("GET", "/v1/organizations/webhooks")
	return newList[WebhookEndpoint](s.client, ep.Path, url.Values(q), idCursor, withBetas(opts, ep.Betas...))
}

// WebhookCreateParams describes a new endpoint.
type WebhookCreateParams struct {
	// URL is the HTTPS URL deliveries go to. Required.
	URL string `json:"url"`
	// EnabledEvents are the event types to deliver; at least one.
	EnabledEvents []WebhookEventType `json:"enabled_events"`
	Name          string             `json:"name,omitempty"`
	Description   string             `json:"description,omitempty"`
}

// Create registers an endpoint (POST /v1/organizations/webhooks). The answer
// holds its signing secret, which the API never shows again.
func (s *WebhooksService) Create(ctx context.Context, params WebhookCreateParams, opts ...Option) (*NewWebhookEndpoint, error) {
	if err := checkWebhookURL("url", params.URL); err != nil {
		return nil, err
	}
	if err := checkEventTypes(params.EnabledEvents); err != nil {
		return nil, err
	}
	return call[NewWebhookEndpoint](ctx, s.client, "POST", "/v1/organizations/webhooks", nil, params, opts)
}

// checkWebhookURL refuses what cannot be a delivery URL: empty, relative,
// or with a user name and password in it.
func checkWebhookURL(param, v string) error {
	if strings.TrimSpace(v) == "" {
		return paramErr(param, "is required")
	}
	u, err := url.Parse(v)
	switch {
	case err != nil:
		return paramErr(param, "%q is not a URL", v)
	case u.Host == "" || (u.Scheme != "https" && u.Scheme != "http"):
		return paramErr(param, "%q is not an absolute https URL", v)
	case u.User != nil:
		return paramErr(param, "must not hold a user name or password")
	}
	return nil
}

func checkEventTypes(types []WebhookEventType) error {
	if len(types) == 0 {
		return paramErr("enabled_events", "must list at least one event type")
	}
	for _, t := range types {
		if strings.TrimSpace(string(t)) == "" {
			return paramErr("enabled_events", "holds an empty event type")
		}
	}
	return nil
}

// Get returns one endpoint (GET /v1/organizations/webhooks/{id}).
func (s *WebhooksService) Get(ctx context.Context, webhookID string, opts ...Option) (*WebhookEndpoint, error) {
	return call[WebhookEndpoint](ctx, s.client, "GET", "/v1/organizations/webhooks/{webhook_endpoint_id}", []string{webhookID}, nil, opts)
}

// WebhookUpdateParams changes an endpoint. Every field is Optional: the
// zero value leaves it; none of them can be cleared.
type WebhookUpdateParams struct {
	Name          Optional[string]             `json:"name,omitzero"`
	Description   Optional[string]             `json:"description,omitzero"`
	URL           Optional[string]             `json:"url,omitzero"`
	EnabledEvents Optional[[]WebhookEventType] `json:"enabled_events,omitzero"`
	// State disabled stops deliveries; enabled starts them again.
	State Optional[WebhookState] `json:"state,omitzero"`
}

// Update changes an endpoint (POST /v1/organizations/webhooks/{id}).
func (s *WebhooksService) Update(ctx context.Context, webhookID string, params WebhookUpdateParams, opts ...Option) (*WebhookEndpoint, error) {
	for _, err := range []error{
		noClear("name", params.Name, "an endpoint's name can be changed, not removed; Set(\"\") empties it"),
		noClear("description", params.Description, "Set(\"\") empties it"),
		noClear("url", params.URL, "an endpoint needs a URL"),
		noClear("enabled_events", params.EnabledEvents, "an endpoint delivers at least one event type"),
		noClear("state", params.State, "an endpoint is enabled or disabled"),
	} {
		if err != nil {
			return nil, err
		}
	}
	if u, ok := params.URL.Get(); ok {
		if err := checkWebhookURL("url", u); err != nil {
			return nil, err
		}
	}
	if types, ok := params.EnabledEvents.Get(); ok {
		if err := checkEventTypes(types); err != nil {
			return nil, err
		}
	}
	return call[WebhookEndpoint](ctx, s.client, "POST", "/v1/organizations/webhooks/{webhook_endpoint_id}", []string{webhookID}, params, opts)
}

// Delete removes an endpoint (DELETE /v1/organizations/webhooks/{id}).
func (s *WebhooksService) Delete(ctx context.Context, webhookID string, opts ...Option) (*WebhookEndpointDeleted, error) {
	return call[WebhookEndpointDeleted](ctx, s.client, "DELETE", "/v1/organizations/webhooks/{webhook_endpoint_id}", []string{webhookID}, nil, opts)
}

// RegenerateSigningSecret replaces an endpoint's signing secret and returns
// the new one, shown only this once (POST
// /v1/organizations/webhooks/{id}/regenerate_signing_secret).
func (s *WebhooksService) RegenerateSigningSecret(ctx context.Context, webhookID string, opts ...Option) (*WebhookSigningSecret, error) {
	return call[WebhookSigningSecret](ctx, s.client, "POST", "/v1/organizations/webhooks/{webhook_endpoint_id}/regenerate_signing_secret", []string{webhookID}, nil, opts)
}
