package bench

import (
	"context"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"

	"github.com/anthropic-admin-go/admin"
)

// BenchmarkAutoPage100k walks 100,000 members with All and reports how far
// the heap grew over what it held before the walk:
//
//   - peak-heap-MB: the most heap memory in objects at any moment, garbage
//     not yet collected included (what the process really needed);
//   - peak-live-MB: the most memory the garbage collector found still in
//     use at the end of a cycle (what the walk kept reachable).
//
// Streaming, both should depend on the page size and not on the 100,000;
// collect (every member kept in a slice) is there to show the difference,
// and sdk for comparison. The sampling goroutine costs CPU, so ns/op here
// is not compared with the other benchmarks.
func BenchmarkAutoPage100k(b *testing.B) {
	lib := ours(fx.ExtraURL)
	api := anthropic.NewClient(option.WithoutEnvironmentDefaults(), option.WithBaseURL(fx.ExtraURL),
		option.WithAPIKey(fx.AdminKey), option.WithHTTPClient(sharedHTTP))
	walk := func(limit int) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			n, err := countAll(ctx, lib.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: limit}}))
			return wantCount("members", n, err, generatedUsers)
		}
	}
	cases := []struct {
		name string
		walk func(ctx context.Context) error
	}{
		{"ours/limit=1000", walk(1000)},
		{"ours/limit=100", walk(100)},
		{"collect/limit=1000", func(ctx context.Context) error {
			all, err := lib.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 1000}}).Collect(ctx)
			return wantCount("members", len(all), err, generatedUsers)
		}},
		{"sdk/limit=1000", func(ctx context.Context) error {
			n, err := countPager(api.Organization.Users.ListAutoPaging(ctx, anthropic.OrganizationUserListParams{Limit: anthropic.Int(1000)}))
			return wantCount("members", n, err, generatedUsers)
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			runtime.GC()
			peaks := sampleHeap()
			for b.Loop() {
				if err := c.walk(ctx); err != nil {
					b.Fatal(err)
				}
			}
			heap, live := peaks()
			b.ReportMetric(heap/1e6, "peak-heap-MB")
			b.ReportMetric(live/1e6, "peak-live-MB")
		})
	}
}

// sampleHeap samples the heap every 100µs until the returned function is
// called, which returns the peaks in bytes above what the heap held at the
// start.
func sampleHeap() (peaks func() (heap, live float64)) {
	read := func() (heap, live int64) {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		metrics.Read(s)
		return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
	}
	baseHeap, baseLive := read()
	var maxHeap, maxLive int64
	stop, done := make(chan struct{}), make(chan struct{})
	sample := func() {
		h, l := read()
		maxHeap, maxLive = max(maxHeap, h), max(maxLive, l)
	}
	go func() {
		defer close(done)
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			sample()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return sync.OnceValues(func() (float64, float64) {
		close(stop)
		<-done
		sample()
		return float64(max(maxHeap-baseHeap, 0)), float64(max(maxLive-baseLive, 0))
	})
}
