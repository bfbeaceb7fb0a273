package admin

import (
	"context"
	"time"
)

// ProvidersService holds the settings of cloud providers that serve Claude
// for the organization. Google is the one the API has.
type ProvidersService struct {
	Google *GoogleProviderService
}

// GoogleProviderService manages the data controls of Google Cloud projects
// that use Claude on Google Cloud's Agent Platform: per region, the
// customer-managed encryption key (CMEK) and the customer-owned storage
// bucket. A beta the client asks for itself.
type GoogleProviderService struct{ client *Client }

// BetaGoogleDataControls is the beta value the Google data controls need;
// the client sends it itself.
const BetaGoogleDataControls = "google-managed-data-controls-2026-09-01"

// ControlState is whether a data control is on. The API may add states;
// unknown values decode as they are.
type ControlState string

const (
	ControlEnabled  ControlState = "enabled"
	ControlDisabled ControlState = "disabled"
)

// RegionStatusType is where a region stands with its key or bucket. The
// API may add statuses; unknown values decode as they are.
type RegionStatusType string

const (
	RegionNotConfigured RegionStatusType = "not_configured" // nothing set for the region
	RegionPending       RegionStatusType = "pending"        // being validated, or not applied yet
	RegionActive        RegionStatusType = "active"         // validated and applied
	RegionFailed        RegionStatusType = "failed"         // validation stopped before it passed
	RegionSuspended     RegionStatusType = "suspended"      // Anthropic withdrew or paused its approval
)

// RetiredKey is a key a region stopped using, kept until ExpiresAt.
type RetiredKey struct {
	ExternalKeyID string    `json:"external_key_id"`
	Region        string    `json:"region"`
	ExpiresAt     time.Time `json:"expires_at"`
}

// CMEKRegionStatus is a region's status with its key: a union on Type in
// one flat struct; the fields say which statuses carry them.
type CMEKRegionStatus struct {
	Type RegionStatusType `json:"type"`
	// EffectiveExternalKeyID is the key the region applies now; nil for
	// none (every status).
	EffectiveExternalKeyID *string `json:"effective_external_key_id"`
	// Error says why the latest validation (pending, failed) or use of the
	// key (active) failed; nil when nothing did.
	Error *string `json:"error,omitempty"`
	// LastCheckedAt (active) is the latest successful answer from Cloud
	// KMS; ValidatedAt (active) is when the status last became active.
	LastCheckedAt *time.Time `json:"last_checked_at,omitempty"`
	ValidatedAt   *time.Time `json:"validated_at,omitempty"`
}

// CMEKControl is the customer-managed encryption key control.
type CMEKControl struct {
	Type ControlState `json:"type"`
	// ExternalKeyIDs is the key (ekey_...) set for each region, by region
	// code; Status is each region's status. Both are empty when disabled.
	ExternalKeyIDs map[string]string           `json:"external_key_ids,omitempty"`
	Status         map[string]CMEKRegionStatus `json:"status,omitempty"`
	// RetiredKeys are keys regions retired, earliest ExpiresAt first.
	RetiredKeys []RetiredKey `json:"retired_keys"`
}

// GoogleBucketRef names a Cloud Storage bucket by its project's number and
// its own name.
type GoogleBucketRef struct {
	ProjectNumber string `json:"project_number"`
	BucketName    string `json:"bucket_name"`
}

// GoogleStorageBucket is the bucket configured for a region, with what
// Cloud Storage reports of it (nil when not known).
type GoogleStorageBucket struct {
	GoogleBucketRef
	ProjectID  *string `json:"project_id"`
	Location   *string `json:"location"`
	KMSKeyName *string `json:"kms_key_name"`
}

// StorageCheck is a verification check of a bucket. The API may add
// checks; unknown values decode as they are.
type StorageCheck string

const (
	StorageCheckBucketSettings     StorageCheck = "bucket_settings"
	StorageCheckDeletionPolicy     StorageCheck = "deletion_policy"
	StorageCheckEncryption         StorageCheck = "encryption"
	StorageCheckGrantMismatch      StorageCheck = "grant_mismatch"
	StorageCheckKMSKeyRefused      StorageCheck = "kms_key_refused"
	StorageCheckLabelMismatch      StorageCheck = "label_mismatch"
	StorageCheckLifecycleRules     StorageCheck = "lifecycle_rules"
	StorageCheckLocationMismatch   StorageCheck = "location_mismatch"
	StorageCheckProbeFailed        StorageCheck = "probe_failed"
	StorageCheckProjectNotVerified StorageCheck = "project_not_verified"
	StorageCheckVersioning         StorageCheck = "versioning"
)

// StorageFailedCheck is one check a verification failed.
type StorageFailedCheck struct {
	Check   StorageCheck `json:"check"`
	Message string       `json:"message"`
	// Role is the kind of access of the Anthropic account the check was
	// about (ingest, maintenance, media_erasure, read, verify); nil when the
	// check is not about one.
	Role *string `json:"role"`
}

// StorageRegionStatus is a region's status with its bucket: a union on
// Type in one flat struct.
type StorageRegionStatus struct {
	Type RegionStatusType `json:"type"`
	// EffectiveBucket is the bucket the region applies now; nil for none.
	EffectiveBucket *GoogleBucketRef `json:"effective_bucket"`
	// FailedChecks (pending, active, failed) are the checks the latest
	// verification failed.
	FailedChecks []StorageFailedCheck `json:"failed_checks,omitempty"`
	ValidatedAt  *time.Time           `json:"validated_at,omitempty"` // active
}

// RetiredBucket is a bucket a region stopped using, kept until ExpiresAt.
type RetiredBucket struct {
	GoogleBucketRef
	Region    string    `json:"region"`
	ExpiresAt time.Time `json:"expires_at"`
}

// StorageControl is the customer-owned storage control.
type StorageControl struct {
	Type ControlState `json:"type"`
	// Buckets is the bucket set for each region, by region code; Status is
	// each region's status. Both are empty when disabled.
	Buckets map[string]GoogleStorageBucket `json:"buckets,omitempty"`
	Status  map[string]StorageRegionStatus `json:"status,omitempty"`
	// RetiredBuckets are buckets regions retired, earliest ExpiresAt first.
	RetiredBuckets []RetiredBucket `json:"retired_buckets"`
}

// GoogleDataControls are a Google Cloud project's data controls.
type GoogleDataControls struct {
	Type          string         `json:"type"` // "google_managed_project_data_controls"
	ProjectNumber string         `json:"project_number"`
	CMEK          CMEKControl    `json:"cmek"`
	Storage       StorageControl `json:"storage"`
	// UpdatedAt is when an update last changed a control or a region's
	// status last changed.
	UpdatedAt time.Time `json:"updated_at"`
	raw
}

func (d *GoogleDataControls) UnmarshalJSON(data []byte) error {
	type plain GoogleDataControls
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// CMEKControlParams changes the key control. Type disabled turns it off
// and removes every region's key. Type enabled turns it on or changes
// keys: per region code, Set(ekey_...) sets the region's key, Clear
// removes it, and a region left out keeps its key; while on, at least one
// region must have a key.
type CMEKControlParams struct {
	Type           ControlState                `json:"type"`
	ExternalKeyIDs map[string]Optional[string] `json:"external_key_ids,omitempty"`
}

// StorageControlParams changes the storage control like CMEKControlParams
// the key control, with a bucket per region. A bucket serves one region.
type StorageControlParams struct {
	Type    ControlState                         `json:"type"`
	Buckets map[string]Optional[GoogleBucketRef] `json:"buckets,omitempty"`
}

// GoogleDataControlsUpdateParams changes one control or both; a nil control
// stays as it is.
type GoogleDataControlsUpdateParams struct {
	CMEK    *CMEKControlParams    `json:"cmek,omitempty"`
	Storage *StorageControlParams `json:"storage,omitempty"`
}

func (p GoogleDataControlsUpdateParams) check() error {
	if p.CMEK == nil && p.Storage == nil {
		return invalidParam("give cmek, storage or both")
	}
	if p.CMEK != nil {
		if err := checkControl("cmek", p.CMEK.Type, p.CMEK.ExternalKeyIDs, "external_key_ids", func(id string) error {
			return checkID("cmek.external_key_ids", id)
		}); err != nil {
			return err
		}
	}
	if p.Storage != nil {
		return checkControl("storage", p.Storage.Type, p.Storage.Buckets, "buckets", func(b GoogleBucketRef) error {
			if !decimalDigits.MatchString(b.ProjectNumber) {
				return paramErr("storage.buckets", "project number %q is not decimal digits", b.ProjectNumber)
			}
			return checkID("storage.buckets", b.BucketName)
		})
	}
	return nil
}

// checkControl checks one control's params: a known state, regions only
// when enabled, and each region set (by check) or cleared.
func checkControl[T any](name string, state ControlState, regions map[string]Optional[T], field string, check func(T) error) error {
	switch state {
	case ControlDisabled:
		if len(regions) > 0 {
			return paramErr(name+"."+field, "a disabled control takes no regions")
		}
	case ControlEnabled:
		for region, v := range regions {
			if err := checkID(name+"."+field+" region", region); err != nil {
				return err
			}
			if v.IsZero() {
				return paramErr(name+"."+field+"."+region, "neither sets nor removes: give Set or Clear")
			}
			if x, ok := v.Get(); ok {
				if err := check(x); err != nil {
					return err
				}
			}
		}
	default:
		return paramErr(name+".type", "must be enabled or disabled, not %q", state)
	}
	return nil
}

// DataControls returns a project's data controls, with each region's
// status. projectNumber is the project's number in decimal.
func (s *GoogleProviderService) DataControls(ctx context.Context, projectNumber string, opts ...Option) (*GoogleDataControls, error) {
	if err := checkProjectNumber(projectNumber); err != nil {
		return nil, err
	}
	return call[GoogleDataControls](ctx, s.client, "GET", "/v1/organizations/providers/google/projects/{project_number}/data_controls", []string{projectNumber}, nil, opts)
}

// UpdateDataControls turns a control on or off, or changes its key or
// bucket for a region.
func (s *GoogleProviderService) UpdateDataControls(ctx context.Context, projectNumber string, params GoogleDataControlsUpdateParams, opts ...Option) (*GoogleDataControls, error) {
	if err := checkProjectNumber(projectNumber); err != nil {
		return nil, err
	}
	if err := params.check(); err != nil {
		return nil, err
	}
	return call[GoogleDataControls](ctx, s.client, "POST", "/v1/organizations/providers/google/projects/{project_number}/data_controls", []string{projectNumber}, params, opts)
}

func checkProjectNumber(n string) error {
	if !decimalDigits.MatchString(n) {
		return paramErr("project_number", "%q is not a project number (decimal digits, not the project ID)", n)
	}
	return nil
}
