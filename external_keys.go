package admin

import (
	"context"
	"strings"
	"time"
)

// ExternalKeysService manages the organization's external key configs:
// customer-managed keys (CMEK) in the organization's own KMS on AWS, Google
// Cloud or Azure, which workspaces can encrypt their data under.
type ExternalKeysService struct{ client *Client }

// KMSProvider is the cloud whose KMS holds a key. The API may add
// providers; unknown values decode as they are.
type KMSProvider string

const (
	KMSProviderAWS   KMSProvider = "aws"
	KMSProviderGCP   KMSProvider = "gcp"
	KMSProviderAzure KMSProvider = "azure"
)

// ExternalKeyGeo is a key's data residency geo. "us" is the one the API
// documents; others decode as they are.
type ExternalKeyGeo string

const ExternalKeyGeoUS ExternalKeyGeo = "us"

// ExternalKeyProviderConfig is where a key lives and how Anthropic reaches
// it: a union on Type, held in one flat struct whose other fields belong to
// the providers noted. It is both what the API answers and what Create and
// Update send; they send only Type's fields.
type ExternalKeyProviderConfig struct {
	Type KMSProvider `json:"type"`
	// aws: the key's full ARN (required), its region (derived from the ARN
	// when nil) and, on the beta surface, the role Anthropic assumes.
	KMSARN  string  `json:"kms_arn,omitempty"`
	Region  *string `json:"region,omitempty"`
	RoleARN string  `json:"role_arn,omitempty"`
	// gcp: the Cloud KMS key's full resource name. azure: the key's name
	// in the vault. Required for both.
	KeyName string `json:"key_name,omitempty"`
	// azure: the Azure AD tenant and the vault's data-plane URI (both
	// required), and the application (client) ID, nil for Anthropic's
	// multitenant app.
	TenantID string  `json:"tenant_id,omitempty"`
	VaultURI string  `json:"vault_uri,omitempty"`
	ClientID *string `json:"client_id,omitempty"`
}

// check refuses a config that misses a field its provider requires, and
// returns the config with only that provider's fields.
func (p ExternalKeyProviderConfig) check(param string) (ExternalKeyProviderConfig, error) {
	need := func(field, v string) error {
		if strings.TrimSpace(v) == "" {
			return paramErr(param+"."+field, "is required for a %s key", p.Type)
		}
		return nil
	}
	var err error
	out := ExternalKeyProviderConfig{Type: p.Type}
	switch p.Type {
	case KMSProviderAWS:
		err = need("kms_arn", p.KMSARN)
		out.KMSARN, out.Region, out.RoleARN = p.KMSARN, p.Region, p.RoleARN
	case KMSProviderGCP:
		err = need("key_name", p.KeyName)
		out.KeyName = p.KeyName
	case KMSProviderAzure:
		for _, f := range [][2]string{{"key_name", p.KeyName}, {"tenant_id", p.TenantID}, {"vault_uri", p.VaultURI}} {
			if err == nil {
				err = need(f[0], f[1])
			}
		}
		out.KeyName, out.TenantID, out.VaultURI, out.ClientID = p.KeyName, p.TenantID, p.VaultURI, p.ClientID
	default:
		err = paramErr(param+".type", "must be aws, gcp or azure, not %q", p.Type)
	}
	return out, err
}

// ExternalKeyAttachment says whether any live or archived workspace
// encrypts its data under the key: Type "attached" or "unattached".
type ExternalKeyAttachment struct {
	Type string `json:"type"`
}

// Attached reports whether a workspace uses the key.
func (a ExternalKeyAttachment) Attached() bool { return a.Type == "attached" }

// ExternalKey is an external key config.
type ExternalKey struct {
	// ID is ekey_..., or on Claude Platform on AWS the KMS key's ARN.
	ID             string                    `json:"id"`
	Type           string                    `json:"type"` // "external_key"
	DisplayName    string                    `json:"display_name"`
	Geo            ExternalKeyGeo            `json:"geo"`
	ProviderConfig ExternalKeyProviderConfig `json:"provider_config"`
	Attachment     ExternalKeyAttachment     `json:"attachment"`
	// UserProfileID is the user profile the key is bound to; nil for none.
	UserProfileID *string   `json:"user_profile_id"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	raw
}

func (k *ExternalKey) UnmarshalJSON(data []byte) error {
	type plain ExternalKey
	return decodeKeepingRaw(data, (*plain)(k), &k.raw)
}

// ExternalKeyDeleted is the answer to a delete.
type ExternalKeyDeleted struct {
	ID   string `json:"id"`
	Type string `json:"type"` // "external_key_deleted"
	raw
}

func (d *ExternalKeyDeleted) UnmarshalJSON(data []byte) error {
	type plain ExternalKeyDeleted
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// ExternalKeyValidationStatus is how a validation round trip went.
type ExternalKeyValidationStatus string

const (
	ExternalKeyValid   ExternalKeyValidationStatus = "success"
	ExternalKeyInvalid ExternalKeyValidationStatus = "failure"
)

// ExternalKeyValidation is the result of an encrypt/decrypt round trip
// against the key in the organization's KMS.
type ExternalKeyValidation struct {
	Type   string                      `json:"type"` // "external_key_validation"
	Status ExternalKeyValidationStatus `json:"status"`
	// Error says what failed; nil on success.
	Error *string `json:"error"`
	raw
}

func (v *ExternalKeyValidation) UnmarshalJSON(data []byte) error {
	type plain ExternalKeyValidation
	return decodeKeepingRaw(data, (*plain)(v), &v.raw)
}

// ExternalKeyListParams pages the list; the API documents no largest page.
type ExternalKeyListParams struct {
	PageCursor
}

// List returns the organization's external key configs.
func (s *ExternalKeysService) List(params ExternalKeyListParams, opts ...Option) *List[ExternalKey] {
	l, _ := tokenListOf[ExternalKey](s.client, "/v1/organizations/external_keys", nil, params.PageCursor, noLimit, opts)
	return l
}

// ExternalKeyCreateParams describes a new key config.
type ExternalKeyCreateParams struct {
	ProviderConfig ExternalKeyProviderConfig `json:"provider_config"` // required
	DisplayName    string                    `json:"display_name,omitempty"`
	Geo            ExternalKeyGeo            `json:"geo,omitempty"`
	// UserProfileID binds the key to a user profile for good: it can then
	// be attached only to workspaces with that profile. Leave it empty only
	// for the organization's own key, never a customer's.
	UserProfileID string `json:"user_profile_id,omitempty"`
}

// Create registers a key config.
func (s *ExternalKeysService) Create(ctx context.Context, params ExternalKeyCreateParams, opts ...Option) (*ExternalKey, error) {
	pc, err := params.ProviderConfig.check("provider_config")
	if err != nil {
		return nil, err
	}
	params.ProviderConfig = pc
	return call[ExternalKey](ctx, s.client, "POST", "/v1/organizations/external_keys", nil, params, opts)
}

// Get returns one key config.
func (s *ExternalKeysService) Get(ctx context.Context, keyID string, opts ...Option) (*ExternalKey, error) {
	return call[ExternalKey](ctx, s.client, "GET", "/v1/organizations/external_keys/{external_key_id}", []string{keyID}, nil, opts)
}

// ExternalKeyUpdateParams changes a key config; none of its fields can be
// cleared.
type ExternalKeyUpdateParams struct {
	DisplayName    Optional[string]                    `json:"display_name,omitzero"`
	Geo            Optional[ExternalKeyGeo]            `json:"geo,omitzero"`
	ProviderConfig Optional[ExternalKeyProviderConfig] `json:"provider_config,omitzero"`
}

// Update changes a key config. The API refuses to reconfigure a key the
// organization's workspace policy lists (external_key_in_workspace_policy).
func (s *ExternalKeysService) Update(ctx context.Context, keyID string, params ExternalKeyUpdateParams, opts ...Option) (*ExternalKey, error) {
	for _, err := range []error{
		noClear("display_name", params.DisplayName, "a key config always has a display name"),
		noClear("geo", params.Geo, "a key config always has a geo"),
		noClear("provider_config", params.ProviderConfig, "a key config always has a provider"),
	} {
		if err != nil {
			return nil, err
		}
	}
	if pc, ok := params.ProviderConfig.Get(); ok {
		pc, err := pc.check("provider_config")
		if err != nil {
			return nil, err
		}
		params.ProviderConfig = Set(pc)
	}
	return call[ExternalKey](ctx, s.client, "POST", "/v1/organizations/external_keys/{external_key_id}", []string{keyID}, params, opts)
}

// Delete removes a key config.
func (s *ExternalKeysService) Delete(ctx context.Context, keyID string, opts ...Option) (*ExternalKeyDeleted, error) {
	return call[ExternalKeyDeleted](ctx, s.client, "DELETE", "/v1/organizations/external_keys/{external_key_id}", []string{keyID}, nil, opts)
}

// Validate has Anthropic encrypt and decrypt with the key in the
// organization's KMS. A key that fails is not an error: the answer's Status
// is failure and Error says why.
func (s *ExternalKeysService) Validate(ctx context.Context, keyID string, opts ...Option) (*ExternalKeyValidation, error) {
	return call[ExternalKeyValidation](ctx, s.client, "POST", "/v1/organizations/external_keys/{external_key_id}/validate", []string{keyID}, nil, opts)
}
