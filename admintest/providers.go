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

// control is one data control: whether it is on, each region's entry (a
// key or a bucket), and the entries regions retired.
type control[S any] struct {
	on      bool
	regions map[string]*S
	retired []retired
}

// clone copies c, so that a refused update can leave the original as it was.
func (c control[S]) clone() control[S] {
	out := control[S]{on: c.on, regions: make(map[string]*S, len(c.regions)), retired: slices.Clone(c.retired)}
	for k, v := range c.regions {
		x := *v
		out.regions[k] = &x
	}
	return out
}

type dataControls struct {
	project   string
	cmek      control[regionKey]
	storage   control[regionBucket]
	updatedAt time.Time
}

func (a *access) controls(project string, since time.Time) *dataControls {
	if d := a.projects[project]; d != nil {
		return d
	}
	return &dataControls{project: project, cmek: control[regionKey]{regions: map[string]*regionKey{}},
		storage: control[regionBucket]{regions: map[string]*regionBucket{}}, updatedAt: since}
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
	for _, r := range d.cmek.retired {
		retiredKeys = append(retiredKeys, map[string]any{"external_key_id": r.key, "region": r.region, "expires_at": stamp(r.expiresAt)})
	}
	cmek := map[string]any{"type": "disabled", "retired_keys": retiredKeys}
	if d.cmek.on {
		ids, status := map[string]string{}, map[string]any{}
		for region, k := range d.cmek.regions {
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
	for _, r := range d.storage.retired {
		retiredBuckets = append(retiredBuckets, map[string]any{"project_number": r.bucket.ProjectNumber, "bucket_name": r.bucket.BucketName,
			"region": r.region, "expires_at": stamp(r.expiresAt)})
	}
	storage := map[string]any{"type": "disabled", "retired_buckets": retiredBuckets}
	if d.storage.on {
		buckets, status := map[string]any{}, map[string]any{}
		for region, b := range d.storage.regions {
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
	next := dataControls{project: d.project, cmek: d.cmek.clone(), storage: d.storage.clone(), updatedAt: d.updatedAt}
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

// updateControl applies an update of one control. Disabled retires every
// region's entry. Enabled sets, removes (null) or keeps each region's,
// and must leave one: set makes a region's entry from the value given, or
// nil when the region already has it.
func updateControl[V, S any](c *control[S], name, field, typ string, given map[string]*V, now time.Time,
	set func(region string, v V, old *S) (*S, *apiError), retiredOf func(region string, s *S) retired) *apiError {
	if err := checkRegions(name, typ, given); err != nil {
		return err
	}
	retire := func(region string) {
		if s := c.regions[region]; s != nil {
			r := retiredOf(region, s)
			r.region, r.expiresAt = region, now.Add(retentionOfRetired)
			c.retired = append(c.retired, r)
			delete(c.regions, region)
		}
	}
	if typ == "disabled" {
		for _, r := range dataRegions {
			retire(r)
		}
		c.on = false
		return nil
	}
	for _, region := range dataRegions {
		v, ok := given[region]
		switch {
		case !ok:
		case v == nil:
			retire(region)
		default:
			s, err := set(region, *v, c.regions[region])
			if err != nil {
				return err
			}
			if s != nil {
				retire(region)
				c.regions[region] = s
			}
		}
	}
	if len(c.regions) == 0 {
		return errInvalid("%s.%s: while the control is on, at least one region must have one", name, field)
	}
	c.on = true
	sortRetired(c.retired)
	return nil
}

// setKeys updates the CMEK control: a key must be a Google Cloud key the
// organization has; the region validates it at once.
func (d *dataControls) setKeys(a *access, typ string, ids map[string]*string, now time.Time) *apiError {
	return updateControl(&d.cmek, "cmek", "external_key_ids", typ, ids, now, func(region, id string, old *regionKey) (*regionKey, *apiError) {
		k := a.key(id)
		switch {
		case k == nil:
			return nil, errCode(400, "external_key_not_found", "cmek.external_key_ids.%s: external key %q not found", region, id)
		case k.Provider.Type != "gcp":
			return nil, errCode(400, "external_key_provider_mismatch", "cmek.external_key_ids.%s: %s is a %s key; Google Cloud needs a gcp key", region, k.ID, k.Provider.Type)
		case old != nil && old.key == k.ID:
			return nil, nil
		}
		rk := &regionKey{key: k.ID, err: k.failure}
		if old != nil {
			rk.effective = old.effective
		}
		if k.failure == "" {
			rk.effective, rk.validatedAt, rk.checkedAt = k.ID, now, now
		}
		return rk, nil
	}, func(_ string, k *regionKey) retired { return retired{key: k.key} })
}

// setBuckets updates the storage control: a bucket serves one region; the
// region verifies it at once.
func (d *dataControls) setBuckets(typ string, buckets map[string]*bucketRef, now time.Time) *apiError {
	return updateControl(&d.storage, "storage", "buckets", typ, buckets, now, func(region string, b bucketRef, old *regionBucket) (*regionBucket, *apiError) {
		if !digits.MatchString(b.ProjectNumber) || !storageBucket.MatchString(b.BucketName) {
			return nil, errInvalid("storage.buckets.%s: a project number and a bucket name are required", region)
		}
		for other, ob := range d.storage.regions {
			if other != region && ob.bucket == b {
				return nil, errInvalid("storage.buckets.%s: bucket %s already serves region %s; a bucket serves one region", region, b.BucketName, other)
			}
		}
		if old != nil && old.bucket == b {
			return nil, nil
		}
		return &regionBucket{bucket: b, validatedAt: now}, nil
	}, func(_ string, b *regionBucket) retired { return retired{bucket: b.bucket} })
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
		if !d.cmek.on {
			continue
		}
		changed := false
		for _, rk := range d.cmek.regions {
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
