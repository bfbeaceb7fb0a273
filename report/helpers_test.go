package report_test

import (
	"encoding/json"
	"iter"
	"math/big"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// fakeNow is when the demo fake's clock stands: the demo seed's epoch.
var fakeNow = time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)

// newDemoFake is a client on the fake with the demo organization, its
// clock stopped at fakeNow.
func newDemoFake(t *testing.T) *admin.Client {
	t.Helper()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return fakeNow }))
	t.Cleanup(srv.Close)
	return srv.Client()
}

// collectSeq runs a range iterator to its end, failing the test on an
// error.
func collectSeq[T any](t *testing.T, seq iter.Seq2[T, error]) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func ratOf(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("bad rational %q", s)
	}
	return r
}

// resultJSON returns the JSON of each of a bucket's results as the server
// sent it, read from the bucket's RawJSON: results keep none of their own.
func resultJSON[R any](t *testing.T, b admin.ReportBucket[R]) []json.RawMessage {
	t.Helper()
	var wire struct {
		Results []json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(b.RawJSON(), &wire); err != nil {
		t.Fatalf("bucket RawJSON %s: %v", b.RawJSON(), err)
	}
	if len(wire.Results) != len(b.Results) {
		t.Fatalf("bucket RawJSON has %d results, the bucket %d", len(wire.Results), len(b.Results))
	}
	return wire.Results
}
