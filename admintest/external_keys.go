package admintest

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

// externalKey is a CMEK key config. Its provider config and attachment are
// made on the way out: the attachment from the workspaces that use it.
type externalKey struct {
	ID            string
	DisplayName   string
	Geo           string
	Provider      keyProvider
	UserProfileID *string
	CreatedAt     time.Time
	UpdatedAt     time.Time

	failure string // why the KMS refuses the key; "" while it works
}

// keyProvider holds every provider's fields; Type says which are its.
type keyProvider struct {
	Type     string  `json:"type"`
	KMSARN   *string `json:"kms_arn"`
	Region   *string `json:"region"`
	RoleARN  *string `json:"role_arn"`
	KeyName  *string `json:"key_name"`
	TenantID *string `json:"tenant_id"`
	VaultURI *string `json:"vault_uri"`
	ClientID *string `json:"client_id"`
}

// wire is the provider config as the API writes it: the type's own fields,
// its nullable ones as null.
func (p keyProvider) wire() map[string]any {
	out := map[string]any{"type": p.Type}
	switch p.Type {
	case "aws":
		out["kms_arn"], out["region"] = p.KMSARN, p.Region
	case "gcp":
		out["key_name"] = p.KeyName
	case "azure":
		out["key_name"], out["tenant_id"], out["vault_uri"], out["client_id"] = p.KeyName, p.TenantID, p.VaultURI, p.ClientID
	}
	return out
}

var (
	kmsARN   = regexp.MustCompile(`^arn:aws[a-z-]*:kms:([a-z0-9-]+):[0-9]{12}:key/[0-9a-f-]{36}$`)
	gcpKey   = regexp.MustCompile(`^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$`)
	vaultURI = regexp.MustCompile(`^https://[a-z0-9-]{3,24}\.(vault\.azure\.net|managedhsm\.azure\.net)/?$`)
)

// check refuses a config the API would refuse, and fills the AWS region
// from the key's ARN.
func (p *keyProvider) check() *apiError {
	given := map[string]bool{"kms_arn": p.KMSARN != nil, "region": p.Region != nil, "role_arn": p.RoleARN != nil,
		"key_name": p.KeyName != nil, "tenant_id": p.TenantID != nil, "vault_uri": p.VaultURI != nil, "client_id": p.ClientID != nil}
	own := map[string][]string{"aws": {"kms_arn", "region", "role_arn"}, "gcp": {"key_name"}, "azure": {"key_name", "tenant_id", "vault_uri", "client_id"}}
	fields, ok := own[p.Type]
	if !ok {
		return errInvalid("provider_config.type: %q is not one of aws, gcp, azure", p.Type)
	}
	for f, g := range given {
		if g && !slices.Contains(fields, f) {
			return errInvalid("provider_config.%s: Extra inputs are not permitted for a %s key", f, p.Type)
		}
	}
	switch p.Type {
	case "aws":
		if p.KMSARN == nil {
			return errInvalid("provider_config.kms_arn: Field required")
		}
		m := kmsARN.FindStringSubmatch(*p.KMSARN)
		if m == nil {
			return errInvalid("provider_config.kms_arn: %q is not the ARN of a KMS key (alias ARNs are not accepted)", *p.KMSARN)
		}
		if p.Region == nil {
			p.Region = &m[1]
		} else if *p.Region != m[1] {
			return errInvalid("provider_config.region: %q is not the region of the key's ARN (%s)", *p.Region, m[1])
		}
	case "gcp":
		if p.KeyName == nil || !gcpKey.MatchString(*p.KeyName) {
			return errInvalid("provider_config.key_name: the full resource name of a Cloud KMS key is required (projects/…/locations/…/keyRings/…/cryptoKeys/…)")
		}
	case "azure":
		for f, v := range map[string]*string{"key_name": p.KeyName, "tenant_id": p.TenantID, "vault_uri": p.VaultURI} {
			if v == nil || strings.TrimSpace(*v) == "" {
				return errInvalid("provider_config.%s: Field required", f)
			}
		}
		if !vaultURI.MatchString(*p.VaultURI) {
			return errInvalid("provider_config.vault_uri: %q is not a Key Vault or Managed HSM URI", *p.VaultURI)
		}
	}
	return nil
}

func (st *state) keyWire(k *externalKey) map[string]any {
	attachment := "unattached"
	if slices.ContainsFunc(st.workspaces, func(w *workspace) bool { return w.ExternalKeyID != nil && *w.ExternalKeyID == k.ID }) {
		attachment = "attached"
	}
	return map[string]any{
		"id": k.ID, "type": "external_key", "display_name": k.DisplayName, "geo": k.Geo,
		"provider_config": k.Provider.wire(), "attachment": map[string]string{"type": attachment},
		"user_profile_id": k.UserProfileID, "created_at": stamp(k.CreatedAt), "updated_at": stamp(k.UpdatedAt),
	}
}

func listExternalKeys(c *call) (any, *apiError) {
	out := make([]map[string]any, 0, len(c.st.access.keys))
	for _, k := range c.st.access.keys {
		out = append(out, c.st.keyWire(k))
	}
	return filteredPage(c, out)
}

func (c *call) externalKeyFromPath() (*externalKey, *apiError) {
	id := c.path("external_key_id")
	if k := c.st.access.key(id); k != nil {
		return k, nil
	}
	return nil, errNotFound("external key %s not found", id)
}

func (a *access) key(id string) *externalKey {
	return find(a.keys, func(k *externalKey) bool { return k.ID == id })
}

func getExternalKey(c *call) (any, *apiError) {
	k, err := c.externalKeyFromPath()
	if err != nil {
		return nil, err
	}
	return c.st.keyWire(k), nil
}

// errNoProfile is the API's answer to a user profile the organization does
// not have; the fake's organizations have none (as for workspaces).
func errNoProfile(id string) *apiError {
	return &apiError{status: http.StatusBadRequest, typ: "invalid_request_error", code: "user_profile_not_found",
		msg: fmt.Sprintf("user_profile_id: %q is not an active user profile of this organization", id)}
}

func checkGeo(geo *string) *apiError {
	if geo != nil && *geo != "us" {
		return errInvalid("geo: %q is not one of us", *geo)
	}
	return nil
}

func createExternalKey(c *call) (any, *apiError) {
	var body struct {
		ProviderConfig *keyProvider `json:"provider_config"`
		DisplayName    *string      `json:"display_name"`
		Geo            *string      `json:"geo"`
		UserProfileID  *string      `json:"user_profile_id"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.ProviderConfig == nil {
		return nil, errInvalid("provider_config: Field required")
	}
	if err := body.ProviderConfig.check(); err != nil {
		return nil, err
	}
	if err := checkGeo(body.Geo); err != nil {
		return nil, err
	}
	if body.UserProfileID != nil {
		return nil, errNoProfile(*body.UserProfileID)
	}
	a := c.st.access
	k := &externalKey{ID: a.ids.next("ekey_"), Geo: "us", Provider: *body.ProviderConfig, CreatedAt: c.now, UpdatedAt: c.now}
	k.DisplayName = cmpOr(body.DisplayName, k.ID)
	if body.Geo != nil {
		k.Geo = *body.Geo
	}
	a.keys = append(a.keys, k)
	return c.st.keyWire(k), nil
}

// cmpOr is *s, or def when s is nil or empty.
func cmpOr(s *string, def string) string {
	if s == nil || *s == "" {
		return def
	}
	return *s
}

func updateExternalKey(c *call) (any, *apiError) {
	k, err := c.externalKeyFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		DisplayName    sent[string]      `json:"display_name"`
		Geo            sent[string]      `json:"geo"`
		ProviderConfig sent[keyProvider] `json:"provider_config"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	for _, err := range []*apiError{notNull("display_name", body.DisplayName), notNull("geo", body.Geo), notNull("provider_config", body.ProviderConfig)} {
		if err != nil {
			return nil, err
		}
	}
	if body.Geo.given {
		if err := checkGeo(&body.Geo.v); err != nil {
			return nil, err
		}
	}
	if body.ProviderConfig.given {
		p := body.ProviderConfig.v
		if err := p.check(); err != nil {
			return nil, err
		}
		if p.Type != k.Provider.Type {
			return nil, errInvalid("provider_config.type: a %s key cannot become a %s key; create a new key config", k.Provider.Type, p.Type)
		}
		k.Provider = p
	}
	if body.DisplayName.given {
		k.DisplayName = body.DisplayName.v
	}
	if body.Geo.given {
		k.Geo = body.Geo.v
	}
	k.UpdatedAt = c.now
	return c.st.keyWire(k), nil
}

func deleteExternalKey(c *call) (any, *apiError) {
	k, err := c.externalKeyFromPath()
	if err != nil {
		return nil, err
	}
	if c.st.keyWire(k)["attachment"].(map[string]string)["type"] == "attached" {
		return nil, errInvalid("external key %s encrypts a workspace's data and cannot be deleted", k.ID)
	}
	c.st.access.keys = slices.DeleteFunc(c.st.access.keys, func(x *externalKey) bool { return x == k })
	return map[string]any{"id": k.ID, "type": "external_key_deleted"}, nil
}

// validateExternalKey answers the round trip against the customer's KMS:
// a failure is an answer, not an error.
func validateExternalKey(c *call) (any, *apiError) {
	k, err := c.externalKeyFromPath()
	if err != nil {
		return nil, err
	}
	out := map[string]any{"type": "external_key_validation", "status": "success", "error": nil}
	if k.failure != "" {
		out["status"], out["error"] = "failure", k.failure
	}
	return out, nil
}

// externalKeyEvent is a change of an external key's health.
type externalKeyEvent struct {
	KeyID  string
	Failed bool   // true: the KMS started refusing the key; false: it works again
	Error  string // why, when Failed
	At     time.Time
}

// FailExternalKey makes the customer's KMS refuse an external key, as when
// its key policy is changed or the key is disabled: validating it answers
// failure with reason, and Google data control regions using it fail.
func (f *Fake) FailExternalKey(id, reason string) { f.setKeyHealth(id, reason) }

// RecoverExternalKey makes a failed external key work again.
func (f *Fake) RecoverExternalKey(id string) { f.setKeyHealth(id, "") }

func (f *Fake) setKeyHealth(id, failure string) {
	f.mu.Lock()
	f.setKeyHealthLocked(id, failure)
	f.mu.Unlock()
	// The event reaches the organization's webhook endpoints as the call
	// returns, as a request's events do.
	f.DeliverWebhooks(context.Background())
}

func (f *Fake) setKeyHealthLocked(id, failure string) {
	a := f.st.access
	k := a.key(id)
	if k == nil {
		panic("admintest: no external key " + id)
	}
	if failure == "" && k.failure == "" || failure != "" && k.failure != "" {
		k.failure = failure
		return // no change of health
	}
	k.failure = failure
	now := f.now().UTC()
	f.st.keyHealthChanged(k, now)
	e := externalKeyEvent{KeyID: id, Failed: failure != "", Error: failure, At: now}
	f.st.emitKeyEvent(e)
	if a.onKeyStatus != nil {
		a.onKeyStatus(e)
	}
}

// emitKeyEvent queues the webhook event of an external key's change of
// health: external_key.failed with the KMS's reason, or
// external_key.recovered.
func (st *state) emitKeyEvent(e externalKeyEvent) {
	typ, data := "external_key.recovered", map[string]any{"external_key_id": e.KeyID}
	if e.Failed {
		typ, data["error"] = "external_key.failed", e.Error
	}
	st.emitEvent(e.At, typ, data)
}
