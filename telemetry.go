package admin

import (
	"context"
	"net"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// TelemetryDestinationsService manages the organization's OpenTelemetry
// destinations: OTLP/HTTP endpoints that receive the spans of the
// workspaces each one covers, with the request headers (a collector's
// credential, typically) sent on every delivery. Header values are never
// read back: a destination shows only their names.
type TelemetryDestinationsService struct {
	client *Client
	// Workspaces edits a destination's workspace list one entry at a time.
	Workspaces *TelemetryWorkspacesService
}

// TelemetryWorkspacesService lists, adds and removes the workspaces on a
// destination's list.
type TelemetryWorkspacesService struct{ client *Client }

// BetaTelemetryDestinations is the beta value every telemetry destination
// call needs; the client sends it itself.
const BetaTelemetryDestinations = "telemetry-destinations-2026-08-11"

// TelemetryStateType says whether a destination receives deliveries.
type TelemetryStateType string

const (
	TelemetryEnabled  TelemetryStateType = "enabled"
	TelemetryDisabled TelemetryStateType = "disabled"
)

// TelemetryDisabledReasonType says who or what disabled a destination.
type TelemetryDisabledReasonType string

const (
	// TelemetryDisabledByCaller: an update set the state to disabled.
	TelemetryDisabledByCaller TelemetryDisabledReasonType = "caller"
	// TelemetryDisabledSustainedFailure: deliveries failed for too long.
	TelemetryDisabledSustainedFailure TelemetryDisabledReasonType = "sustained_failure"
	// TelemetryDisabledInvalidAddress: as sustained_failure, the last
	// failure being an address that cannot be reached.
	TelemetryDisabledInvalidAddress TelemetryDisabledReasonType = "invalid_address"
	// TelemetryDisabledRedirect: the endpoint answered with a 3xx.
	TelemetryDisabledRedirect TelemetryDisabledReasonType = "redirect"
)

// TelemetryState is a destination's state: enabled, or disabled with a
// Reason. An unknown type or reason decodes as it is.
type TelemetryState struct {
	Type TelemetryStateType `json:"type"`
	// Reason is set when Type is disabled.
	Reason *TelemetryDisabledReason `json:"reason,omitempty"`
}

// TelemetryDisabledReason is why a destination is disabled.
type TelemetryDisabledReason struct {
	Type TelemetryDisabledReasonType `json:"type"`
}

// TelemetryContentMode is what the exported spans contain.
type TelemetryContentMode string

const (
	TelemetryMetadataOnly TelemetryContentMode = "metadata_only"
	TelemetryContent      TelemetryContentMode = "content"
)

// TelemetryTraces is a destination's settings for the traces it receives.
type TelemetryTraces struct {
	ContentMode TelemetryContentMode `json:"content_mode"`
	Enabled     bool                 `json:"enabled"`
	// EndpointURL is the full URL traces are posted to, when it is not
	// the destination's URL and /v1/traces; nil otherwise.
	EndpointURL *string `json:"endpoint_url"`
	// MaxContentBytes bounds the content of one span; nil when only the
	// API's own maximum applies.
	MaxContentBytes *int64 `json:"max_content_bytes"`
}

// TelemetryScopeType is how a destination picks its workspaces.
type TelemetryScopeType string

const (
	// TelemetryAllWorkspaces covers every workspace, later ones included.
	TelemetryAllWorkspaces TelemetryScopeType = "all"
	// TelemetryIncludeWorkspaces covers the workspaces on the list only.
	TelemetryIncludeWorkspaces TelemetryScopeType = "include"
	// TelemetryExcludeWorkspaces covers every workspace but those on the list.
	TelemetryExcludeWorkspaces TelemetryScopeType = "exclude"
)

// TelemetryWorkspaces is which workspaces a destination covers. The list
// of an include or exclude scope is read with Workspaces.List.
type TelemetryWorkspaces struct {
	Type TelemetryScopeType `json:"type"`
}

// TelemetryDeliveryHealth is the latest delivery results of a destination.
type TelemetryDeliveryHealth struct {
	// LastError describes the latest failed delivery; nil if none failed.
	LastError   *string    `json:"last_error"`
	LastErrorAt *time.Time `json:"last_error_at"`
	// LastSuccessAt is the latest successful delivery; nil if none was.
	LastSuccessAt *time.Time `json:"last_success_at"`
}

// TelemetryDestination is an OpenTelemetry destination.
type TelemetryDestination struct {
	ID          string `json:"id"`
	Type        string `json:"type"` // "telemetry_destination"
	DisplayName string `json:"display_name"`
	// EndpointURL is the OTLP/HTTP base URL as registered.
	EndpointURL string `json:"endpoint_url"`
	// HeaderNames are the names of the headers sent with every delivery;
	// their values are never shown.
	HeaderNames    []string                `json:"header_names"`
	State          TelemetryState          `json:"state"`
	Traces         TelemetryTraces         `json:"traces"`
	Workspaces     TelemetryWorkspaces     `json:"workspaces"`
	DeliveryHealth TelemetryDeliveryHealth `json:"delivery_health"`
	CreatedAt      time.Time               `json:"created_at"`
	UpdatedAt      time.Time               `json:"updated_at"`
	raw
}

func (d *TelemetryDestination) UnmarshalJSON(data []byte) error {
	type plain TelemetryDestination
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// TelemetryDestinationDeleted is the answer to Delete.
type TelemetryDestinationDeleted struct {
	ID   string `json:"id"`
	Type string `json:"type"` // "telemetry_destination_deleted"
	raw
}

func (d *TelemetryDestinationDeleted) UnmarshalJSON(data []byte) error {
	type plain TelemetryDestinationDeleted
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// TelemetryTestResultType is how a test span went.
type TelemetryTestResultType string

const (
	TelemetryTestSuccess TelemetryTestResultType = "success"
	TelemetryTestFailure TelemetryTestResultType = "failure"
)

// TelemetryTestResult is the outcome of a test span: success, when the
// destination answered 2xx, or failure with Error saying why.
type TelemetryTestResult struct {
	Type  TelemetryTestResultType `json:"type"`
	Error string                  `json:"error,omitempty"`
}

// TelemetryTest is the answer to Test.
type TelemetryTest struct {
	Type   string              `json:"type"` // "telemetry_destination_test"
	Result TelemetryTestResult `json:"result"`
	raw
}

func (t *TelemetryTest) UnmarshalJSON(data []byte) error {
	type plain TelemetryTest
	return decodeKeepingRaw(data, (*plain)(t), &t.raw)
}

// TelemetryWorkspace is a workspace on a destination's list.
type TelemetryWorkspace struct {
	Type                   string    `json:"type"` // "telemetry_destination_workspace"
	TelemetryDestinationID string    `json:"telemetry_destination_id"`
	WorkspaceID            string    `json:"workspace_id"`
	CreatedAt              time.Time `json:"created_at"`
	raw
}

func (w *TelemetryWorkspace) UnmarshalJSON(data []byte) error {
	type plain TelemetryWorkspace
	return decodeKeepingRaw(data, (*plain)(w), &w.raw)
}

// TelemetryWorkspaceRemoved is the answer to Workspaces.Remove.
type TelemetryWorkspaceRemoved struct {
	Type                   string `json:"type"` // "telemetry_destination_workspace_deleted"
	TelemetryDestinationID string `json:"telemetry_destination_id"`
	WorkspaceID            string `json:"workspace_id"`
	raw
}

func (w *TelemetryWorkspaceRemoved) UnmarshalJSON(data []byte) error {
	type plain TelemetryWorkspaceRemoved
	return decodeKeepingRaw(data, (*plain)(w), &w.raw)
}

// Limits the API documents for destinations.
const (
	maxTelemetryPage       = 1000
	maxTelemetryIDs        = 100
	maxTelemetryURL        = 2048
	maxTelemetryName       = 255
	maxTelemetryHeaders    = 20
	maxTelemetryHeaderName = 128
	maxTelemetryHeaderVal  = 4096
	maxTelemetryHeaderSum  = 16384
)

// TelemetryListParams filters the destinations: Limit 1 to 1000 (0 for 20).
type TelemetryListParams struct {
	PageCursor
	// WorkspaceIDs keeps the destinations that cover at least one of these
	// workspaces; at most 100.
	WorkspaceIDs []string
}

// List returns the destinations, newest first (GET
// /v1/organizations/telemetry_destinations).
func (s *TelemetryDestinationsService) List(params TelemetryListParams, opts ...Option) *List[TelemetryDestination] {
	q, err := params.PageCursor.query(maxTelemetryPage)
	if err == nil {
		err = checkIDs("workspace_ids", params.WorkspaceIDs)
	}
	if err != nil {
		return failedList[TelemetryDestination](err)
	}
	list(q, "workspace_ids", params.WorkspaceIDs)
	return tokenList[TelemetryDestination](s.client, "/v1/organizations/telemetry_destinations", q, opts)
}

// checkIDs refuses more than 100 IDs, or one that cannot be an ID.
func checkIDs(param string, ids []string) error {
	if len(ids) > maxTelemetryIDs {
		return paramErr(param, "at most %d IDs per request, not %d", maxTelemetryIDs, len(ids))
	}
	for _, id := range ids {
		if err := checkID(param, id); err != nil {
			return err
		}
	}
	return nil
}

// TelemetryScope is which workspaces a destination covers, as a create or
// update sets it: all of them, or those on WorkspaceIDs (include), or all
// but those (exclude). At most 100 IDs; an archived workspace cannot be
// added.
type TelemetryScope struct {
	Type         TelemetryScopeType `json:"type"`
	WorkspaceIDs []string           `json:"workspace_ids,omitempty"`
}

func (sc TelemetryScope) check() error {
	switch sc.Type {
	case TelemetryAllWorkspaces:
		if len(sc.WorkspaceIDs) > 0 {
			return paramErr("workspaces.workspace_ids", "an all scope takes no list")
		}
	case TelemetryIncludeWorkspaces, TelemetryExcludeWorkspaces:
	case "":
		return paramErr("workspaces.type", "is required: all, include or exclude")
	}
	return checkIDs("workspaces.workspace_ids", sc.WorkspaceIDs)
}

// TelemetryTracesParams sets traces settings. Each field is Optional; on
// an update the zero value keeps what is stored.
type TelemetryTracesParams struct {
	// Enabled cannot be cleared; true unless set on create.
	Enabled Optional[bool] `json:"enabled,omitzero"`
	// ContentMode is metadata_only unless set on create.
	ContentMode Optional[TelemetryContentMode] `json:"content_mode,omitzero"`
	// EndpointURL is a collector's full traces URL, with the scheme, host
	// and port of the destination's URL; Clear removes it.
	EndpointURL Optional[string] `json:"endpoint_url,omitzero"`
	// MaxContentBytes bounds a span's content, at least 1; Clear leaves
	// only the API's maximum.
	MaxContentBytes Optional[int64] `json:"max_content_bytes,omitzero"`
}

func (t *TelemetryTracesParams) check() error {
	if t == nil {
		return nil
	}
	if err := noClear("traces.enabled", t.Enabled, "a destination receives traces or not"); err != nil {
		return err
	}
	if err := noClear("traces.content_mode", t.ContentMode, "Set(metadata_only) for the default"); err != nil {
		return err
	}
	if n, ok := t.MaxContentBytes.Get(); ok && n < 1 {
		return paramErr("traces.max_content_bytes", "must be at least 1, not %d", n)
	}
	if u, ok := t.EndpointURL.Get(); ok && len(u) > maxTelemetryURL {
		return paramErr("traces.endpoint_url", "at most %d characters", maxTelemetryURL)
	}
	return nil
}

// TelemetryCreateParams describes a new destination.
type TelemetryCreateParams struct {
	// EndpointURL is the collector's OTLP/HTTP base URL: https, a host
	// name (not an IP address), port 443 if any, no query, fragment or
	// user; a path prefix is allowed. Required.
	EndpointURL string `json:"endpoint_url"`
	// Workspaces is which workspaces it covers. Required.
	Workspaces TelemetryScope `json:"workspaces"`
	// DisplayName is 1 to 255 characters, or "" for none.
	DisplayName string `json:"display_name,omitempty"`
	// Headers go with every delivery (a collector's authorization header,
	// say): at most 20, names up to 128 characters and distinct ignoring
	// case, values printable ASCII up to 4,096 characters without a space
	// at either end, 16,384 bytes in all.
	Headers map[string]string      `json:"headers,omitempty"`
	Traces  *TelemetryTracesParams `json:"traces,omitempty"`
}

// Create registers a destination (POST
// /v1/organizations/telemetry_destinations).
func (s *TelemetryDestinationsService) Create(ctx context.Context, params TelemetryCreateParams, opts ...Option) (*TelemetryDestination, error) {
	if err := checkOTLPURL("endpoint_url", params.EndpointURL); err != nil {
		return nil, err
	}
	if err := params.Workspaces.check(); err != nil {
		return nil, err
	}
	if params.DisplayName != "" {
		if err := checkDisplayName(params.DisplayName); err != nil {
			return nil, err
		}
	}
	headers := map[string]Optional[string]{}
	for k, v := range params.Headers {
		headers[k] = Set(v)
	}
	if err := checkTelemetryHeaders(headers); err != nil {
		return nil, err
	}
	if err := params.Traces.check(); err != nil {
		return nil, err
	}
	return call[TelemetryDestination](ctx, s.client, "POST", "/v1/organizations/telemetry_destinations", nil, params, opts)
}

// checkOTLPURL applies the API's rules for a destination's URL.
func checkOTLPURL(param, v string) error {
	if strings.TrimSpace(v) == "" {
		return paramErr(param, "is required")
	}
	if len(v) > maxTelemetryURL {
		return paramErr(param, "at most %d characters, not %d", maxTelemetryURL, len(v))
	}
	u, err := url.Parse(v)
	switch {
	case err != nil:
		return paramErr(param, "%q is not a URL", v)
	case u.Scheme != "https" || u.Host == "":
		return paramErr(param, "%q must be an https URL", v)
	case net.ParseIP(u.Hostname()) != nil:
		return paramErr(param, "must name a host, not an IP address")
	case u.Port() != "" && u.Port() != "443":
		return paramErr(param, "port %s: only 443 is allowed", u.Port())
	case u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return paramErr(param, "must not hold a user, a query or a fragment")
	}
	return nil
}

func checkDisplayName(name string) error {
	if n := utf8.RuneCountInString(name); n < 1 || n > maxTelemetryName {
		return paramErr("display_name", "must be 1 to %d characters, not %d", maxTelemetryName, n)
	}
	return nil
}

// checkTelemetryHeaders applies the API's limits to the headers a request
// sets (a Clear removes one and counts for nothing).
func checkTelemetryHeaders(headers map[string]Optional[string]) error {
	if len(headers) > maxTelemetryHeaders {
		return paramErr("headers", "at most %d headers, not %d", maxTelemetryHeaders, len(headers))
	}
	seen, total := map[string]bool{}, 0
	for name, o := range headers {
		lower := strings.ToLower(name)
		switch {
		case name == "" || len(name) > maxTelemetryHeaderName || !validHeaderName(name):
			return paramErr("headers", "%q is not a header name of at most %d characters", name, maxTelemetryHeaderName)
		case seen[lower]:
			return paramErr("headers", "two names differ only in case: %q", name)
		case o.IsZero():
			return paramErr("headers", "%s: Set a value or Clear to remove the header", name)
		}
		seen[lower] = true
		v, ok := o.Get()
		if !ok {
			continue
		}
		// The value is a credential: say what is wrong, not what it is.
		switch {
		case len(v) > maxTelemetryHeaderVal:
			return paramErr("headers", "%s: a value is at most %d characters", name, maxTelemetryHeaderVal)
		case v != strings.TrimSpace(v):
			return paramErr("headers", "%s: a value cannot begin or end with a space", name)
		case !printableASCII(v):
			return paramErr("headers", "%s: a value is printable ASCII only", name)
		}
		total += len(name) + len(v)
	}
	if total > maxTelemetryHeaderSum {
		return paramErr("headers", "names and values come to %d bytes; at most %d", total, maxTelemetryHeaderSum)
	}
	return nil
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// Get returns one destination (GET
// /v1/organizations/telemetry_destinations/{id}).
func (s *TelemetryDestinationsService) Get(ctx context.Context, destinationID string, opts ...Option) (*TelemetryDestination, error) {
	return call[TelemetryDestination](ctx, s.client, "GET", "/v1/organizations/telemetry_destinations/{destination_id}", []string{destinationID}, nil, opts)
}

// TelemetryUpdateParams changes a destination; each field's zero value
// leaves it.
type TelemetryUpdateParams struct {
	DisplayName Optional[string] `json:"display_name,omitzero"`
	// EndpointURL moves the destination. When it has a traces URL, a new
	// host or port must come with Traces.EndpointURL set to match, or
	// cleared.
	EndpointURL Optional[string] `json:"endpoint_url,omitzero"`
	// Headers sets (Set) or removes (Clear) headers by name; others stay.
	// Setting a value needs EndpointURL set too (the current one will do).
	Headers map[string]Optional[string] `json:"headers,omitempty"`
	// State enables or disables deliveries.
	State Optional[TelemetryStateType] `json:"-"`
	// Traces changes the settings it sets; the others stay.
	Traces *TelemetryTracesParams `json:"traces,omitempty"`
	// Workspaces replaces the scope.
	Workspaces *TelemetryScope `json:"workspaces,omitempty"`
}

type telemetryUpdateBody struct {
	TelemetryUpdateParams
	State *TelemetryState `json:"state,omitempty"`
}

// Update changes a destination's settings, state or workspaces (POST
// /v1/organizations/telemetry_destinations/{id}).
func (s *TelemetryDestinationsService) Update(ctx context.Context, destinationID string, params TelemetryUpdateParams, opts ...Option) (*TelemetryDestination, error) {
	for _, err := range []error{
		noClear("display_name", params.DisplayName, "Set a new name"),
		noClear("endpoint_url", params.EndpointURL, "a destination needs a URL"),
		noClear("state", params.State, "a destination is enabled or disabled"),
	} {
		if err != nil {
			return nil, err
		}
	}
	if name, ok := params.DisplayName.Get(); ok {
		if err := checkDisplayName(name); err != nil {
			return nil, err
		}
	}
	if u, ok := params.EndpointURL.Get(); ok {
		if err := checkOTLPURL("endpoint_url", u); err != nil {
			return nil, err
		}
	}
	if err := checkTelemetryHeaders(params.Headers); err != nil {
		return nil, err
	}
	for name, v := range params.Headers {
		if v.IsSet() && !params.EndpointURL.IsSet() {
			return nil, paramErr("headers", "setting %s needs EndpointURL set too (the current URL will do)", name)
		}
	}
	if err := params.Traces.check(); err != nil {
		return nil, err
	}
	if params.Workspaces != nil {
		if err := params.Workspaces.check(); err != nil {
			return nil, err
		}
	}
	body := telemetryUpdateBody{TelemetryUpdateParams: params}
	if st, ok := params.State.Get(); ok {
		body.State = &TelemetryState{Type: st}
	}
	return call[TelemetryDestination](ctx, s.client, "POST", "/v1/organizations/telemetry_destinations/{destination_id}", []string{destinationID}, body, opts)
}

// Delete removes a destination and its workspace list (DELETE
// /v1/organizations/telemetry_destinations/{id}).
func (s *TelemetryDestinationsService) Delete(ctx context.Context, destinationID string, opts ...Option) (*TelemetryDestinationDeleted, error) {
	return call[TelemetryDestinationDeleted](ctx, s.client, "DELETE", "/v1/organizations/telemetry_destinations/{destination_id}", []string{destinationID}, nil, opts)
}

// Test sends one test span (anthropic.test) to the destination, once and
// without retries, and returns how the destination answered (POST
// /v1/organizations/telemetry_destinations/{id}/test). A destination that
// refused the span is a TelemetryTestFailure result, not an error.
func (s *TelemetryDestinationsService) Test(ctx context.Context, destinationID string, opts ...Option) (*TelemetryTest, error) {
	return call[TelemetryTest](ctx, s.client, "POST", "/v1/organizations/telemetry_destinations/{destination_id}/test", []string{destinationID}, nil, opts)
}

// TelemetryWorkspaceListParams pages a destination's list: Limit 1 to
// 1000 (0 for 20).
type TelemetryWorkspaceListParams struct {
	PageCursor
}

// List returns the workspaces on a destination's list, newest entry first
// (GET /v1/organizations/telemetry_destinations/{id}/workspaces).
func (s *TelemetryWorkspacesService) List(destinationID string, params TelemetryWorkspaceListParams, opts ...Option) *List[TelemetryWorkspace] {
	const pattern = "/v1/organizations/telemetry_destinations/{destination_id}/workspaces"
	q, err := params.PageCursor.query(maxTelemetryPage)
	if err != nil {
		return failedList[TelemetryWorkspace](err)
	}
	path, err := pathOf(pattern, destinationID)
	if err != nil {
		return failedList[TelemetryWorkspace](err)
	}
	ep := registered("GET", pattern)
	return newList[TelemetryWorkspace](s.client, path, url.Values(q), pageToken, withBetas(opts, ep.Betas...))
}

// TelemetryWorkspaceRef names a workspace on a destination's list.
type TelemetryWorkspaceRef struct {
	DestinationID string
	WorkspaceID   string
}

const telemetryWorkspacePath = "/v1/organizations/telemetry_destinations/{destination_id}/workspaces/{workspace_id}"

// Add puts a workspace on the destination's list (POST
// /v1/organizations/telemetry_destinations/{id}/workspaces/{workspace_id}).
func (s *TelemetryWorkspacesService) Add(ctx context.Context, ref TelemetryWorkspaceRef, opts ...Option) (*TelemetryWorkspace, error) {
	return call[TelemetryWorkspace](ctx, s.client, "POST", telemetryWorkspacePath, []string{ref.DestinationID, ref.WorkspaceID}, nil, opts)
}

// Remove takes a workspace off the destination's list (DELETE, same path).
func (s *TelemetryWorkspacesService) Remove(ctx context.Context, ref TelemetryWorkspaceRef, opts ...Option) (*TelemetryWorkspaceRemoved, error) {
	return call[TelemetryWorkspaceRemoved](ctx, s.client, "DELETE", telemetryWorkspacePath, []string{ref.DestinationID, ref.WorkspaceID}, nil, opts)
}
