package admintest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Google data controls: per Google Cloud project, the CMEK key and the
// storage bucket of each region. The fake validates a key or bucket as it
// is set, so a region goes straight to active (or failed, for a key its
// KMS refuses: FailExternalKey).

// dataRegions are the region codes the controls take.
var dataRegions = []string{"us", "eu"}

// retentionOfRetired is how long a retired key or bucket stays listed.
const retentionOfRetired = 30 * 24 * time.Hour

type bucketRef struct {
	ProjectNumber string `json:"project_number"`
	BucketName    string `json:"bucket_name"`
}

type regionKey struct {
	key         string // configured
	effective   string // applied now; "" for none
	err         string
	validatedAt time.Time
	checkedAt   time.Time
}

type regionBucket struct {
	bucket      bucketRef
	validatedAt time.Time
}

type retired struct {
	region    string
	key       string    // CMEK
	bucket    bucketRef // storage
	expiresAt time.Time
}

type dataControls struct {
	project        string
	cmekOn         bool
	keys           map[string]*regionKey
	retiredKeys    []retired
	storageOn      bool
	buckets        map[string]*regionBucket
	retiredBuckets []retired
	updatedAt      time.Time
}

func (a *access) controls(project string, since time.Time) *dataControls {
	if d := a.projects[project]; d != nil {
		return d
	}
	return &dataControls{project: project, keys: map[string]*regionKey{}, buckets: map[string]*regionBucket{}, updatedAt: since}
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// MarshalJSON writes the controls as the API does.
func (d *dataControls) MarshalJSON() ([]byte, error) {
	retiredKeys := []map[string]any{}
	for _, r := range d.retiredKeys {
		retiredKeys = append(retiredKeys, map[string]any{"external_key_id": r.key, "region": r.region, "expires_at": stamp(r.expiresAt)})
	}
	cmek := map[string]any{"type": "disabled", "retired_keys": retiredKeys}
	if d.cmekOn {
		ids, status := map[string]string{}, map[string]any{}
		for region, k := range d.keys {
			ids[region] = k.key
			s := map[string]any{"type": "active", "effective_external_key_id": nullable(k.effective), "error": nullable(k.err)}
			if k.validatedAt.IsZero() {
				s["type"] = "failed"
			} else {
				s["validated_at"], s["last_checked_at"] = stamp(k.validatedAt), stampOf(k.checkedAt)
			}
			status[region] = s
		}
		cmek["type"], cmek["external_key_ids"], cmek["status"] = "enabled", ids, status
	}
	retiredBuckets := []map[string]any{}
	for _, r := range d.retiredBuckets {
		retiredBuckets = append(retiredBuckets, map[string]any{"project_number": r.bucket.ProjectNumber, "bucket_name": r.bucket.BucketName,
			"region": r.region, "expires_at": stamp(r.expiresAt)})
	}
	storage := map[string]any{"type": "disabled", "retired_buckets": retiredBuckets}
	if d.storageOn {
		buckets, status := map[string]any{}, map[string]any{}
		for region, b := range d.buckets {
			buckets[region] = map[string]any{"project_number": b.bucket.ProjectNumber, "bucket_name": b.bucket.BucketName,
				"project_id": nil, "location": strings.ToUpper(region), "kms_key_name": nil}
			status[region] = map[string]any{"type": "active", "effective_bucket": b.bucket, "failed_checks": []any{}, "validated_at": stamp(b.validatedAt)}
		}
		storage["type"], storage["buckets"], storage["status"] = "enabled", buckets, status
	}
	return json.Marshal(map[string]any{"type": "google_managed_project_data_controls", "project_number": d.project,
		"cmek": cmek, "storage": storage, "updated_at": stamp(d.updatedAt)})
}

func (c *call) projectNumber() (string, *apiError) {
	p := c.path("project_number")
	if !digits.MatchString(p) {
		return "", errInvalid("project_number: %q is not a project number", p)
	}
	return p, nil
}

func getDataControls(c *call) (any, *apiError) {
	p, err := c.projectNumber()
	if err != nil {
		return nil, err
	}
	return c.st.access.controls(p, time.Time(c.st.workspaces[0].CreatedAt)), nil
}

func errCode(status int, code, format string, args ...any) *apiError {
	typ := "invalid_request_error"
	if status == http.StatusConflict {
		typ = "conflict_error"
	}
	return &apiError{status: status, typ: typ, code: code, msg: fmt.Sprintf(format, args...)}
}

func updateDataControls(c *call) (any, *apiError) {
	p, err := c.projectNumber()
	if err != nil {
		return nil, err
	}
	var body struct {
		CMEK *struct {
			Type           string             `json:"type"`
			ExternalKeyIDs map[string]*string `json:"external_key_ids"`
		} `json:"cmek"`
		Storage *struct {
			Type    string                `json:"type"`
			Buckets map[string]*bucketRef `json:"buckets"`
		} `json:"storage"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	a := c.st.access
	if _, verified := a.projects[p]; !verified {
		return nil, errCode(400, "gcp_project_not_verified", "Google Cloud project %s is not verified for this organization", p)
	}
	d := a.projects[p]
	// Work on a copy, so that a refused request changes nothing.
	next := *d
	next.keys, next.buckets = clonePtrs(d.keys), clonePtrs(d.buckets)
	next.retiredKeys, next.retiredBuckets = slices.Clone(d.retiredKeys), slices.Clone(d.retiredBuckets)
	if b := body.CMEK; b != nil {
		if err := next.setKeys(a, b.Type, b.ExternalKeyIDs, c.now); err != nil {
			return nil, err
		}
	}
	if b := body.Storage; b != nil {
		if err := next.setBuckets(b.Type, b.Buckets, c.now); err != nil {
			return nil, err
		}
	}
	next.updatedAt = c.now
	*d = next
	return d, nil
}

func clonePtrs[T any](m map[string]*T) map[string]*T {
	out := make(map[string]*T, len(m))
	for k, v := range m {
		x := *v
		out[k] = &x
	}
	return out
}

// checkRegions refuses an unknown control type, regions given to a
// disabled control, and region codes the controls do not take.
func checkRegions[T any](control, typ string, regions map[string]T) *apiError {
	switch typ {
	case "disabled":
		if len(regions) > 0 {
			return errInvalid("%s: a disabled control takes no regions", control)
		}
	case "enabled":
		for r := range regions {
			if !slices.Contains(dataRegions, r) {
				return errCode(400, "region_not_supported", "%s: region %q is not one of %s", control, r, strings.Join(dataRegions, ", "))
			}
		}
	default:
		return errInvalid("%s.type: %q is not one of enabled, disabled", control, typ)
	}
	return nil
}

func (d *dataControls) setKeys(a *access, typ string, ids map[string]*string, now time.Time) *apiError {
	if err := checkRegions("cmek", typ, ids); err != nil {
		return err
	}
	retire := func(region string) {
		if k := d.keys[region]; k != nil {
			d.retiredKeys = append(d.retiredKeys, retired{region: region, key: k.key, expiresAt: now.Add(retentionOfRetired)})
			delete(d.keys, region)
		}
	}
	if typ == "disabled" {
		for _, r := range dataRegions {
			retire(r)
		}
		d.cmekOn = false
		return nil
	}
	for _, region := range dataRegions {
		id, given := ids[region]
		switch {
		case !given:
		case id == nil:
			retire(region)
		default:
			k := a.key(*id)
			if k == nil {
				return errCode(400, "external_key_not_found", "cmek.external_key_ids.%s: external key %q not found", region, *id)
			}
			if k.Provider.Type != "gcp" {
				return errCode(400, "external_key_provider_mismatch", "cmek.external_key_ids.%s: %s is a %s key; Google Cloud needs a gcp key", region, k.ID, k.Provider.Type)
			}
			if old := d.keys[region]; old != nil && old.key == k.ID {
				continue
			}
			effective := ""
			if old := d.keys[region]; old != nil {
				effective = old.effective
			}
			retire(region)
			rk := &regionKey{key: k.ID, effective: effective, err: k.failure}
			if k.failure == "" {
				rk.effective, rk.validatedAt, rk.checkedAt = k.ID, now, now
			}
			d.keys[region] = rk
		}
	}
	if len(d.keys) == 0 {
		return errInvalid("cmek.external_key_ids: while the control is on, at least one region must have a key")
	}
	d.cmekOn = true
	sortRetired(d.retiredKeys)
	return nil
}

func (d *dataControls) setBuckets(typ string, buckets map[string]*bucketRef, now time.Time) *apiError {
	if err := checkRegions("storage", typ, buckets); err != nil {
		return err
	}
	retire := func(region string) {
		if b := d.buckets[region]; b != nil {
			d.retiredBuckets = append(d.retiredBuckets, retired{region: region, bucket: b.bucket, expiresAt: now.Add(retentionOfRetired)})
			delete(d.buckets, region)
		}
	}
	if typ == "disabled" {
		for _, r := range dataRegions {
			retire(r)
		}
		d.storageOn = false
		return nil
	}
	for _, region := range dataRegions {
		b, given := buckets[region]
		switch {
		case !given:
		case b == nil:
			retire(region)
		case !digits.MatchString(b.ProjectNumber) || !storageBucket.MatchString(b.BucketName):
			return errInvalid("storage.buckets.%s: a project number and a bucket name are required", region)
		default:
			for other, ob := range d.buckets {
				if other != region && ob.bucket == *b {
					return errInvalid("storage.buckets.%s: bucket %s already serves region %s; a bucket serves one region", region, b.BucketName, other)
				}
			}
			if old := d.buckets[region]; old != nil && old.bucket == *b {
				continue
			}
			retire(region)
			d.buckets[region] = &regionBucket{bucket: *b, validatedAt: now}
		}
	}
	if len(d.buckets) == 0 {
		return errInvalid("storage.buckets: while the control is on, at least one region must have a bucket")
	}
	d.storageOn = true
	sortRetired(d.retiredBuckets)
	return nil
}

// sortRetired orders retired entries earliest expiry first.
func sortRetired(rs []retired) {
	slices.SortStableFunc(rs, func(a, b retired) int { return a.expiresAt.Compare(b.expiresAt) })
}

// keyHealthChanged carries a key's new health to the regions that use it:
// a region whose key fails keeps applying it and reports the refusal; a
// region that failed to validate the key becomes active once it works.
func (st *state) keyHealthChanged(k *externalKey, now time.Time) {
	for _, d := range st.access.projects {
		if !d.cmekOn {
			continue
		}
		changed := false
		for _, rk := range d.keys {
			if rk.key != k.ID {
				continue
			}
			rk.err = k.failure
			if k.failure == "" {
				rk.checkedAt = now
				if rk.validatedAt.IsZero() {
					rk.effective, rk.validatedAt, changed = k.ID, now, true
				}
			}
		}
		if changed {
			d.updatedAt = now
		}
	}
}
