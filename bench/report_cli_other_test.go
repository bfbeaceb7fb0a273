//go:build !linux

package bench

import (
	"fmt"
	"os"
)

// cliRunEnv and runCLIChild serve BenchmarkReportCLI, which runs on Linux
// only (report_cli_test.go).
const cliRunEnv = "BENCH_CLI_RSS_FILE"

func runCLIChild(string, []string) int {
	fmt.Fprintln(os.Stderr, "bench: the report CLI benchmark runs on Linux only")
	return 1
}
