package orgcode

import (
	"context"
	"sync"
	"testing"
	"time"
)

// When the API asks one worker to wait, the others wait as long before
// their next request; a shorter wait asked later does not cut it short.
func TestGateIsShared(t *testing.T) {
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	var mu sync.Mutex
	var slept []time.Duration
	g := &gate{now: func() time.Time { return now }, sleep: func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		slept = append(slept, d)
		return nil
	}}
	if err := g.wait(context.Background()); err != nil || len(slept) != 0 {
		t.Fatalf("an open gate waited: %v %v", slept, err)
	}
	g.hold(7 * time.Second) // worker A met a 429 asking for 7s
	g.hold(2 * time.Second) // worker C met one asking for 2s
	var wg sync.WaitGroup
	for range 3 { // workers B, C and D, before their next request
		wg.Add(1)
		go func() { defer wg.Done(); g.wait(context.Background()) }()
	}
	wg.Wait()
	if len(slept) != 3 || slept[0] != 7*time.Second || slept[1] != 7*time.Second || slept[2] != 7*time.Second {
		t.Errorf("waits %v; want three of 7s", slept)
	}
	now = now.Add(8 * time.Second)
	if g.wait(context.Background()); len(slept) != 3 {
		t.Errorf("the gate is still closed after its time: %v", slept)
	}
}
