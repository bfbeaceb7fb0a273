//go:build !unix

package bench

// cpuTime is not measured here; the cpu-ns/op metric is left out.
func cpuTime() int64 { return -1 }
