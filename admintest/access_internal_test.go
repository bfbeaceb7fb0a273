package admintest

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// The webhook hook point hears each change of a key's health once, with
// the fake's clock, and not a repeat of the same health.
func TestExternalKeyStatusHook(t *testing.T) {
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	f := New(WithSeed(Demo()), WithClock(func() time.Time { return now }))
	var got []externalKeyEvent
	f.st.access.onKeyStatus = func(e externalKeyEvent) { got = append(got, e) }
	id := f.st.access.keys[1].ID
	f.FailExternalKey(id, "denied")
	f.FailExternalKey(id, "denied again") // still failed: no event, the reason updated
	f.RecoverExternalKey(id)
	f.RecoverExternalKey(id)
	want := []externalKeyEvent{{KeyID: id, Failed: true, Error: "denied", At: now}, {KeyID: id, At: now}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("events = %+v, want %+v", got, want)
	}
	// A region whose key failed when it was set fails, and becomes active
	// once the key works.
	d := f.st.access.projects["482915067341"]
	f.FailExternalKey(id, "denied")
	f.mu.Lock()
	if err := d.setKeys(f.st.access, "enabled", map[string]*string{"eu": &id}, now); err != nil {
		t.Fatal(err)
	}
	f.mu.Unlock()
	if eu := d.cmek.regions["eu"]; !eu.validatedAt.IsZero() || eu.err != "denied" {
		t.Fatalf("eu = %+v, want failed", eu)
	}
	f.RecoverExternalKey(id)
	if eu := d.cmek.regions["eu"]; eu.validatedAt.IsZero() || eu.effective != id || eu.err != "" {
		t.Errorf("eu after recovery = %+v, want active", eu)
	}
}

// Active storage is not erased; draining storage is erased by a second
// delete, the first starting its removal and refused.
func TestExternalStorageInUse(t *testing.T) {
	f := New(WithSeed(Demo()))
	s := f.st.access.storage[0]
	del := func() *apiError {
		_, err := deleteExternalStorage(&call{st: f.st, now: time.Now(), r: pathRequest("external_storage_id", s.ID)})
		return err
	}
	if err := del(); err == nil || err.code != "external_storage_in_use" {
		t.Fatalf("deleting active storage: %v", err)
	}
	healthy := true
	s.Status = storageStatus{Type: "draining", Healthy: &healthy, LastCheckedAt: stampOf(time.Now())}
	if err := del(); err == nil || err.code != "external_storage_in_use" || s.Status.RemovalStarted == nil || !*s.Status.RemovalStarted {
		t.Fatalf("first delete of draining storage: %v, status %+v", err, s.Status)
	}
	if err := del(); err != nil || len(f.st.access.storage) != 1 {
		t.Fatalf("second delete: %v, %d left", err, len(f.st.access.storage))
	}
}

// pathRequest is a request whose path holds one named value.
func pathRequest(name, value string) *http.Request {
	r := httptest.NewRequest("DELETE", "/", nil)
	r.SetPathValue(name, value)
	return r
}
