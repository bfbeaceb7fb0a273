//go:build linux

package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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
// a day and over 30 days, and the analytics cost by API key and model over
// a day and over 31 days:
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
	costByKey := []string{"--fake", "cost", "--by", "api-key", "--by", "model", "-o", "table"}
	cases := []struct {
		name string
		args []string
	}{
		{"start", []string{"--fake", "workspaces", "list", "-o", "json"}},
		{"table-1m-1d", append(usage, "--since", "1d", "-o", "table")},
		{"table-1m-30d", append(usage, "--since", "30d", "-o", "table")},
		{"json-1m-1d", append(usage, "--since", "1d", "-o", "json")},
		{"json-1m-30d", append(usage, "--since", "30d", "-o", "json")},
		// Who spent it: the analytics cost by API key and model, a row per
		// key and model, over a day and over 31 days.
		{"cost-key-model-1d", append(costByKey, "--since", "1d")},
		{"cost-key-model-31d", append(costByKey, "--since", "31d")},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs() // this process's: the child's are not counted
			var peak, out int64
			runs := 0
			rssFile := filepath.Join(b.TempDir(), "rss")
			for b.Loop() {
				var n countingWriter
				// Through a fresh copy of this binary: a child's peak RSS
				// counts what its parent held when it was forked, and this
				// process holds the other benchmarks' data.
				cmd := exec.Command(os.Args[0], append([]string{bin}, c.args...)...)
				cmd.Stdout, cmd.Stderr = &n, os.Stderr
				cmd.Env = append(os.Environ(), "NO_COLOR=1", cliRunEnv+"="+rssFile)
				if err := cmd.Run(); err != nil {
					b.Fatalf("%v: %v", c.args, err)
				}
				if n == 0 {
					b.Fatalf("%v printed nothing", c.args)
				}
				rss, err := os.ReadFile(rssFile)
				if err != nil {
					b.Fatal(err)
				}
				kb, err := strconv.ParseInt(string(rss), 10, 64)
				if err != nil {
					b.Fatal(err)
				}
				peak = max(peak, kb*1024)
				out += int64(n)
				runs++
			}
			b.ReportMetric(float64(peak)/1e6, "peak-rss-MB")
			b.ReportMetric(float64(out)/float64(runs)/1e6, "out-MB")
		})
	}
}

// cliRunEnv set makes the test binary run the command in its arguments, as
// a child, and write the child's peak RSS in kilobytes to the file it
// names (see TestMain).
const cliRunEnv = "BENCH_CLI_RSS_FILE"

// runCLIChild runs args as a child with this process's stdin, stdout and
// stderr, writes its peak RSS in kilobytes to rssFile, and returns its exit
// code. This process is small (it has run no benchmark), so what the child
// inherits from it at fork is small next to what the child uses.
func runCLIChild(rssFile string, args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	kb := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
	if err := os.WriteFile(rssFile, []byte(strconv.FormatInt(kb, 10)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	return cmd.ProcessState.ExitCode()
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
