package admin

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// ExternalStorageService manages External Storage: buckets in the
// organization's own cloud account (Amazon S3 or Google Cloud Storage) that
// workspaces can keep their data in. A beta the client asks for itself.
type ExternalStorageService struct{ client *Client }

// BetaExternalStorage is the beta value every External Storage endpoint
// needs; the client sends it itself.
const BetaExternalStorage = "efs-2026-10-01"

// StorageProvider is the cloud a bucket is in. The API may add providers;
// unknown values decode as they are.
type StorageProvider string

const (
	StorageProviderAWS StorageProvider = "aws"
	StorageProviderGCP StorageProvider = "gcp"
)

// StorageProviderConfig names a bucket: a union on Type, held in one flat
// struct whose other fields belong to the providers noted. Create sends
// only Type's fields.
type StorageProviderConfig struct {
	Type       StorageProvider `json:"type"`
	BucketName string          `json:"bucket_name"` // without s3:// or gs://
	Region     string          `json:"region"`
	// aws: the 12-digit ID of the AWS account that owns the bucket.
	AccountID string `json:"account_id,omitempty"`
	// gcp: the number (not the ID) of the project that holds the bucket.
	ProjectNumber string `json:"project_number,omitempty"`
}

var (
	bucketName    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)
	awsAccountID  = regexp.MustCompile(`^[0-9]{12}$`)
	decimalDigits = regexp.MustCompile(`^[0-9]+$`)
)

// check refuses a bucket the API would refuse by its name alone, and
// returns the config with only its provider's fields.
func (p StorageProviderConfig) check() (StorageProviderConfig, error) {
	const param = "provider_config"
	if !bucketName.MatchString(p.BucketName) {
		return p, paramErr(param+".bucket_name", "%q is not 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit", p.BucketName)
	}
	if strings.TrimSpace(p.Region) == "" {
		return p, paramErr(param+".region", "is required")
	}
	out := StorageProviderConfig{Type: p.Type, BucketName: p.BucketName, Region: p.Region}
	switch p.Type {
	case StorageProviderAWS:
		if !awsAccountID.MatchString(p.AccountID) {
			return p, paramErr(param+".account_id", "%q is not a 12-digit AWS account ID", p.AccountID)
		}
		out.AccountID = p.AccountID
	case StorageProviderGCP:
		if strings.HasPrefix(p.BucketName, "goog") || strings.Contains(p.BucketName, "google") {
			return p, paramErr(param+".bucket_name", "%q: a Cloud Storage bucket name cannot start with goog or contain google", p.BucketName)
		}
		if !decimalDigits.MatchString(p.ProjectNumber) {
			return p, paramErr(param+".project_number", "%q is not a project number (decimal digits, not the project ID)", p.ProjectNumber)
		}
		out.ProjectNumber = p.ProjectNumber
	default:
		return p, paramErr(param+".type", "must be aws or gcp, not %q", p.Type)
	}
	return out, nil
}

// StorageStatusType is where External Storage stands. The API may add
// statuses; unknown values decode as they are.
type StorageStatusType string

const (
	// StoragePendingConfiguration: not verified yet; Activate verifies it.
	StoragePendingConfiguration StorageStatusType = "pending_configuration"
	// StorageAvailable: verified, attached to no workspace, unused.
	StorageAvailable StorageStatusType = "available"
	// StorageActive: at least one workspace has it attached.
	StorageActive StorageStatusType = "active"
	// StorageDraining: no workspace has it attached any more.
	StorageDraining StorageStatusType = "draining"
)

// StorageStatus is a union on Type in one flat struct: the health fields
// are set for every status but pending_configuration.
type StorageStatus struct {
	Type StorageStatusType `json:"type"`
	// Healthy is whether the bucket passed its latest check, run at
	// LastCheckedAt.
	Healthy       bool       `json:"healthy"`
	LastCheckedAt *time.Time `json:"last_checked_at,omitempty"`
	// RemovalStarted (draining): a delete has started removing the storage,
	// which cannot be undone; another delete finishes it.
	RemovalStarted bool `json:"removal_started"`
}

// ExternalStorage is a bucket registered with the organization.
type ExternalStorage struct {
	ID             string                `json:"id"`   // estrg_...
	Type           string                `json:"type"` // "external_storage"
	DisplayName    string                `json:"display_name"`
	ProviderConfig StorageProviderConfig `json:"provider_config"`
	Status         StorageStatus         `json:"status"`
	// SetupTemplateVersion is the version of Anthropic's setup template
	// whose IAM role names the bucket was found to use at activation.
	SetupTemplateVersion string `json:"setup_template_version"`
	// UserProfileID is the user profile the storage is bound to; nil for
	// none.
	UserProfileID *string   `json:"user_profile_id"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	raw
}

func (s *ExternalStorage) UnmarshalJSON(data []byte) error {
	type plain ExternalStorage
	return decodeKeepingRaw(data, (*plain)(s), &s.raw)
}

// ExternalStorageDeleted is the answer to a delete that erased the storage.
type ExternalStorageDeleted struct {
	ID   string `json:"id"`
	Type string `json:"type"` // "external_storage_deleted"
	raw
}

func (d *ExternalStorageDeleted) UnmarshalJSON(data []byte) error {
	type plain ExternalStorageDeleted
	return decodeKeepingRaw(data, (*plain)(d), &d.raw)
}

// ExternalStorageListParams filters and pages the list; the API documents
// no largest page.
type ExternalStorageListParams struct {
	PageCursor
	// UserProfileIDs keeps storage bound to one of these profiles
	// (uprof_...); at most 10.
	UserProfileIDs []string
}

// List returns the organization's External Storage, newest first.
func (s *ExternalStorageService) List(params ExternalStorageListParams, opts ...Option) *List[ExternalStorage] {
	if len(params.UserProfileIDs) > 10 {
		return failedList[ExternalStorage](paramErr("user_profile_ids", "holds %d IDs; at most 10", len(params.UserProfileIDs)))
	}
	for _, id := range params.UserProfileIDs {
		if err := checkID("user_profile_ids", id); err != nil {
			return failedList[ExternalStorage](err)
		}
	}
	l, q := tokenListOf[ExternalStorage](s.client, "/v1/organizations/external_storage", nil, params.PageCursor, noLimit, opts)
	if q != nil {
		list(q, "user_profile_ids", params.UserProfileIDs)
	}
	return l
}

// ExternalStorageCreateParams registers a bucket.
type ExternalStorageCreateParams struct {
	ProviderConfig StorageProviderConfig `json:"provider_config"` // required
	DisplayName    string                `json:"display_name,omitempty"`
	// UserProfileID binds the storage to a user profile for good; the
	// bucket's setup must name the same ID.
	UserProfileID string `json:"user_profile_id,omitempty"`
}

// Create registers a bucket; it starts pending_configuration until
// Activate verifies it.
func (s *ExternalStorageService) Create(ctx context.Context, params ExternalStorageCreateParams, opts ...Option) (*ExternalStorage, error) {
	pc, err := params.ProviderConfig.check()
	if err != nil {
		return nil, err
	}
	params.ProviderConfig = pc
	return call[ExternalStorage](ctx, s.client, "POST", "/v1/organizations/external_storage", nil, params, opts)
}

// Get returns one External Storage.
func (s *ExternalStorageService) Get(ctx context.Context, storageID string, opts ...Option) (*ExternalStorage, error) {
	return call[ExternalStorage](ctx, s.client, "GET", "/v1/organizations/external_storage/{external_storage_id}", []string{storageID}, nil, opts)
}

// ExternalStorageUpdateParams renames storage: DisplayName is required,
// Set to rename or Clear to remove the name.
type ExternalStorageUpdateParams struct {
	DisplayName Optional[string] `json:"display_name"`
}

// Update renames External Storage or clears its name, in any status.
func (s *ExternalStorageService) Update(ctx context.Context, storageID string, params ExternalStorageUpdateParams, opts ...Option) (*ExternalStorage, error) {
	if params.DisplayName.IsZero() {
		return nil, paramErr("display_name", "is required: Set(name), or Clear to remove the name")
	}
	return call[ExternalStorage](ctx, s.client, "POST", "/v1/organizations/external_storage/{external_storage_id}", []string{storageID}, params, opts)
}

// Delete erases External Storage that no workspace uses. Active storage is
// refused with external_storage_in_use. Draining storage is refused the
// same way the first time, a delete that starts its removal for good
// (Status.RemovalStarted); the next delete erases it.
func (s *ExternalStorageService) Delete(ctx context.Context, storageID string, opts ...Option) (*ExternalStorageDeleted, error) {
	return call[ExternalStorageDeleted](ctx, s.client, "DELETE", "/v1/organizations/external_storage/{external_storage_id}", []string{storageID}, nil, opts)
}

// Activate verifies pending storage and makes it available; a bucket that
// fails verification is refused with storage_verification_failed.
func (s *ExternalStorageService) Activate(ctx context.Context, storageID string, opts ...Option) (*ExternalStorage, error) {
	return call[ExternalStorage](ctx, s.client, "POST", "/v1/organizations/external_storage/{external_storage_id}/activate", []string{storageID}, nil, opts)
}
