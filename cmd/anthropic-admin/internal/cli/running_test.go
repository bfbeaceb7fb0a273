package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/admintest"
)

// The report commands against both things a server may do with the bucket
// still running at testNow (15:30:00 on Nov 20): give it, or not. Without
// it the footnote says how far the data runs; with it nothing is said.
func TestReportsWithoutTheRunningBucket(t *testing.T) {
	noRunning := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return testNow }),
		admintest.WithoutRunningBuckets())
	t.Cleanup(noRunning.Close)
	running := demoServer(t)
	const short = "the end of the last whole"
	tests := []struct {
		name string
		args []string
		// What the output says without the running bucket; "" when the
		// range ends on a bucket boundary, so nothing is missing.
		note string
	}{
		{"cost, the last 30 days and today", []string{"cost"},
			"* The data runs up to Nov 20 00:00 UTC, the end of the last whole bucket: the API does not give the bucket still running yet."},
		{"cost, month to date", []string{"cost", "--month-to-date", "--by", "model"}, "runs up to Nov 20 00:00 UTC"},
		{"usage by the hour", []string{"usage", "messages", "--since", "6h", "--bucket", "1h"}, "runs up to Nov 20 15:00 UTC"},
		{"cost, inside today only", []string{"cost", "--from", "2026-11-20T10:00:00Z"},
			"* No data yet: no bucket of this range has ended, and the API does not give the one still running."},
		{"usage by the minute, ending on a minute", []string{"usage", "messages", "--since", "90m", "--bucket", "1m"}, ""},
		{"budget", []string{"budget", "--monthly", "100000"},
			"* Spent so far runs up to Nov 20 00:00 UTC, the end of the last whole day: the API does not give today's spend yet, so the projection counts all of today at the daily average."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			without := runCLI(t, noRunning, term{tty: true}, tt.args...)
			with := runCLI(t, running, term{tty: true}, tt.args...)
			for _, r := range []result{without, with} {
				if r.code != ExitOK && r.code != ExitOverBudget {
					t.Fatalf("exit %d: %s", r.code, r.stderr)
				}
			}
			if tt.note != "" && !strings.Contains(oneLine(without.stdout), tt.note) {
				t.Errorf("without the running bucket, the output lacks %q:\n%s", tt.note, without.stdout)
			}
			if tt.note == "" && strings.Contains(without.stdout, short) {
				t.Errorf("a range ending on a boundary says the data is short:\n%s", without.stdout)
			}
			if strings.Contains(with.stdout, short) || strings.Contains(with.stdout, "No data yet") {
				t.Errorf("with the running bucket, the output says the data is short:\n%s", with.stdout)
			}
		})
	}
	// The budget's figures are as of midnight: the header and the days left
	// say so too.
	if r := runCLI(t, noRunning, term{tty: true}, "budget", "--monthly", "100000"); !strings.Contains(r.stdout, "as of Nov 20 00:00 UTC") ||
		!strings.Contains(r.stdout, "11.00  all of today, and 10 more days") {
		t.Errorf("budget header:\n%s", r.stdout)
	}
}

// oneLine is s with every run of white space, line ends included, as one
// space: footnotes wrap to the terminal's width.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
