// Package bench holds no code, only benchmarks: they measure what this
// repository's client costs per call next to a minimal hand-written net/http
// client (the floor) and the official Anthropic Go SDK (v2), all three
// against the admintest fake over loopback.
//
// It is a module of its own so that the official SDK is never a dependency
// of the library; nothing here is imported by the library. Run it with:
//
//	cd bench && ./run.sh              # the full measurement; rewrites README.md
//	cd bench && go test -bench . ./...
//
// The fake runs in a child process (the test binary started again), so the
// allocations, CPU time and heap measured are the client's alone.
package bench
