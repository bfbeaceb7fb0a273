//go:build linux

package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

// BenchmarkReportCLI runs report commands of the CLI on its built-in demo
// (--fake, so the fake serves in the same process and its memory counts)
// as a child process, as a user would, and reports the child's peak
// resident memory (peak-rss-MB, from its rusage) and the size of what it
// printed (out-MB); ns/op is the wall time of one run. Every case is the
// usage report grouped by workspace and model in one-minute buckets, over
// a day and over 30 days:
//
//   - table: the table of totals, whose cost should not grow with the range;
//   - json: every bucket's rows (313 MB over 30 days), which should grow in
//     time but not in memory;
//   - start is the floor: the same process start and demo seed, and one
//     small listing (workspaces), against which the table's time is put.
//
// The CLI's clock is the real one, so the figures are for the demo's data
// around the time of the run. Linux only: Maxrss is in kilobytes there.
func BenchmarkReportCLI(b *testing.B) {
	bin := buildCLI(b)
	usage := []string{"--fake", "usage", "messages", "--bucket", "1m", "--by", "workspace", "--by", "model"}
	cases := []struct {
		name string
		args []string
	}{
		{"start", []string{"--fake", "workspaces", "list", "-o", "json"}},
		{"table-1m-1d", append(usage, "--since", "1d", "-o", "table")},
		{"table-1m-30d", append(usage, "--since", "30d", "-o", "table")},
		{"json-1m-1d", append(usage, "--since", "1d", "-o", "json")},
		{"json-1m-30d", append(usage, "--since", "30d", "-o", "json")},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs() // this process's: the child's are not counted
			var peak, out int64
			runs := 0
			for b.Loop() {
				var n countingWriter
				cmd := exec.Command(bin, c.args...)
				cmd.Stdout, cmd.Stderr = &n, os.Stderr
				cmd.Env = append(os.Environ(), "NO_COLOR=1")
				if err := cmd.Run(); err != nil {
					b.Fatalf("%v: %v", c.args, err)
				}
				if n == 0 {
					b.Fatalf("%v printed nothing", c.args)
				}
				peak = max(peak, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss*1024)
				out += int64(n)
				runs++
			}
			b.ReportMetric(float64(peak)/1e6, "peak-rss-MB")
			b.ReportMetric(float64(out)/float64(runs)/1e6, "out-MB")
		})
	}
}

// countingWriter counts what is written to it and keeps none of it.
type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}

var cliBuild struct {
	once sync.Once
	path string
	err  error
}

// buildCLI builds the CLI of this checkout once per process.
func buildCLI(b *testing.B) string {
	cliBuild.once.Do(func() {
		dir, err := os.MkdirTemp("", "bench-cli")
		if err != nil {
			cliBuild.err = err
			return
		}
		cliBuild.path = filepath.Join(dir, "anthropic-admin")
		cmd := exec.Command("go", "build", "-o", cliBuild.path, "./cmd/anthropic-admin")
		cmd.Dir = ".." // the library's module, which holds the CLI
		cmd.Stderr = os.Stderr
		cliBuild.err = cmd.Run()
	})
	if cliBuild.err != nil {
		b.Fatalf("building the CLI: %v", cliBuild.err)
	}
	return cliBuild.path
}
