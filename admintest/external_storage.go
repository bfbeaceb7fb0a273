package admintest

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

type storageProvider struct {
	Type          string `json:"type"`
	AccountID     string `json:"account_id,omitempty"`
	BucketName    string `json:"bucket_name"`
	ProjectNumber string `json:"project_number,omitempty"`
	Region        string `json:"region"`
}

type storageStatus struct {
	Type           string `json:"type"`
	Healthy        *bool  `json:"healthy,omitempty"`
	LastCheckedAt  *stamp `json:"last_checked_at,omitempty"`
	RemovalStarted *bool  `json:"removal_started,omitempty"`
}

type externalStorage struct {
	ID                   string          `json:"id"`
	Type                 string          `json:"type"`
	DisplayName          string          `json:"display_name"`
	ProviderConfig       storageProvider `json:"provider_config"`
	Status               storageStatus   `json:"status"`
	SetupTemplateVersion string          `json:"setup_template_version"`
	UserProfileID        *string         `json:"user_profile_id"`
	CreatedAt            stamp           `json:"created_at"`
	UpdatedAt            stamp           `json:"updated_at"`
}

// setupTemplateVersion is the version of the setup template the fake's
// buckets are found to use when activated.
const setupTemplateVersion = "2026-10-01"

var (
	storageBucket = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)
	awsAccount    = regexp.MustCompile(`^[0-9]{12}$`)
	digits        = regexp.MustCompile(`^[0-9]+$`)
	// storageRegions are where External Storage is available.
	storageRegions = map[string][]string{
		"aws": {"us-east-1", "us-east-2", "us-west-2"},
		"gcp": {"us-east5", "us-central1", "europe-west1"},
	}
)

// checked is how a status reads after a check at t.
func checked(typ string, healthy bool, t time.Time) storageStatus {
	return storageStatus{Type: typ, Healthy: &healthy, LastCheckedAt: stampOf(t)}
}

func listExternalStorage(c *call) (any, *apiError) {
	profiles := c.q["user_profile_ids[]"]
	if len(profiles) > 10 {
		return nil, errInvalid("user_profile_ids: at most 10 entries, not %d", len(profiles))
	}
	var out []*externalStorage
	for _, s := range slices.Backward(c.st.access.storage) { // newest first
		if len(profiles) == 0 || s.UserProfileID != nil && slices.Contains(profiles, *s.UserProfileID) {
			out = append(out, s)
		}
	}
	return filteredPage(c, out, "user_profile_ids[]")
}

func (c *call) storageFromPath() (*externalStorage, *apiError) {
	id := c.path("external_storage_id")
	if s := find(c.st.access.storage, func(s *externalStorage) bool { return s.ID == id }); s != nil {
		return s, nil
	}
	return nil, errNotFound("External Storage %s not found", id)
}

func getExternalStorage(c *call) (any, *apiError) { return c.storageFromPath() }

func createExternalStorage(c *call) (any, *apiError) {
	var body struct {
		ProviderConfig *storageProvider `json:"provider_config"`
		DisplayName    *string          `json:"display_name"`
		UserProfileID  *string          `json:"user_profile_id"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	p := body.ProviderConfig
	if p == nil {
		return nil, errInvalid("provider_config: Field required")
	}
	switch {
	case p.Type != "aws" && p.Type != "gcp":
		return nil, errInvalid("provider_config.type: %q is not one of aws, gcp", p.Type)
	case !storageBucket.MatchString(p.BucketName):
		return nil, errInvalid("provider_config.bucket_name: %q is not 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit", p.BucketName)
	case p.Type == "aws" && (!awsAccount.MatchString(p.AccountID) || p.ProjectNumber != ""):
		return nil, errInvalid("provider_config.account_id: a 12-digit AWS account ID is required (and no project_number)")
	case p.Type == "gcp" && (!digits.MatchString(p.ProjectNumber) || p.AccountID != ""):
		return nil, errInvalid("provider_config.project_number: the project's number is required (and no account_id)")
	case p.Type == "gcp" && (strings.HasPrefix(p.BucketName, "goog") || strings.Contains(p.BucketName, "google")):
		return nil, errInvalid("provider_config.bucket_name: %q: a bucket name cannot start with goog or contain google", p.BucketName)
	case !slices.Contains(storageRegions[p.Type], p.Region):
		return nil, &apiError{status: http.StatusBadRequest, typ: "invalid_request_error", code: "unsupported_region",
			msg: fmt.Sprintf("provider_config.region: External Storage is not available in %q", p.Region)}
	}
	if body.UserProfileID != nil {
		return nil, errNoProfile(*body.UserProfileID)
	}
	a := c.st.access
	if old := find(a.storage, func(s *externalStorage) bool {
		return s.ProviderConfig.Type == p.Type && s.ProviderConfig.BucketName == p.BucketName
	}); old != nil {
		return nil, &apiError{status: http.StatusConflict, typ: "conflict_error", code: "storage_already_registered",
			msg: fmt.Sprintf("the bucket %s is already registered as %s", p.BucketName, old.ID)}
	}
	s := &externalStorage{ID: a.ids.next("estrg_"), Type: "external_storage", DisplayName: cmpOr(body.DisplayName, ""),
		ProviderConfig: *p, Status: storageStatus{Type: "pending_configuration"}, CreatedAt: stamp(c.now), UpdatedAt: stamp(c.now)}
	a.storage = append(a.storage, s)
	return s, nil
}

func updateExternalStorage(c *call) (any, *apiError) {
	s, err := c.storageFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		DisplayName sent[string] `json:"display_name"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if !body.DisplayName.given {
		return nil, errInvalid("display_name: Field required")
	}
	s.DisplayName, s.UpdatedAt = body.DisplayName.v, stamp(c.now) // null clears it
	return s, nil
}

// deleteExternalStorage erases storage no workspace uses. Active storage
// is refused; draining storage starts its removal on the first delete,
// which is refused too, and goes on the next.
func deleteExternalStorage(c *call) (any, *apiError) {
	s, err := c.storageFromPath()
	if err != nil {
		return nil, err
	}
	inUse := func(why string) *apiError {
		return &apiError{status: http.StatusBadRequest, typ: "invalid_request_error", code: "external_storage_in_use",
			msg: fmt.Sprintf("External Storage %s is %s, so it was not erased%s", s.ID, s.Status.Type, why)}
	}
	switch s.Status.Type {
	case "active":
		return nil, inUse("; detach it from every workspace first")
	case "draining":
		if s.Status.RemovalStarted == nil || !*s.Status.RemovalStarted {
			started := true
			s.Status.RemovalStarted, s.UpdatedAt = &started, stamp(c.now)
			return nil, inUse(": its removal has started and cannot be undone; delete it again to finish")
		}
	}
	c.st.access.storage = slices.DeleteFunc(c.st.access.storage, func(x *externalStorage) bool { return x == s })
	return map[string]any{"id": s.ID, "type": "external_storage_deleted"}, nil
}

// activateExternalStorage verifies pending storage: the fake's buckets
// always pass, so it becomes available and healthy.
func activateExternalStorage(c *call) (any, *apiError) {
	s, err := c.storageFromPath()
	if err != nil {
		return nil, err
	}
	if s.Status.Type != "pending_configuration" {
		return nil, errInvalid("External Storage %s is %s; only pending_configuration storage is activated", s.ID, s.Status.Type)
	}
	s.Status, s.SetupTemplateVersion, s.UpdatedAt = checked("available", true, c.now), setupTemplateVersion, stamp(c.now)
	return s, nil
}
