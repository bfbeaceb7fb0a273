// Command benchreport turns the output of the bench benchmarks (several
// rounds of `go test -bench`) and of benchstat into bench/README.md: the
// medians, the ratios against the targets, the memory of the 100k walk and
// an account of every target missed. run.sh calls it; see there.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
)

// Targets, as ratios of medians measured in the same run.
const (
	maxCPUvsBaseline  = 1.2
	maxCPUvsSDK       = 0.7
	maxAllocsVsSDK    = 0.5
	memoryBenchPrefix = "AutoPage100k/"

	// The report commands of the CLI (BenchmarkReportCLI).
	reportBenchPrefix = "ReportCLI/"
	maxReportRSSMB    = 150 // peak RSS of the 30-day cases
	maxTableSeconds   = 3   // wall time of the 30-day table
)

func main() {
	var in, stat, command, machine, load string
	flag.StringVar(&in, "results", "", "file with the raw `go test -bench` output of every round")
	flag.StringVar(&stat, "benchstat", "", "file with benchstat's summary of the same results")
	flag.StringVar(&command, "command", "", "the command that produced the results, as it should be shown")
	flag.StringVar(&machine, "machine", "", "a description of the machine, one fact per line")
	flag.StringVar(&load, "load", "", "the load average before and after the run")
	flag.Parse()
	f, err := os.Open(in)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	res, err := parse(f)
	if err != nil {
		log.Fatal(err)
	}
	summary, err := os.ReadFile(stat)
	if err != nil {
		log.Fatal(err)
	}
	r := build(res)
	r.Command, r.Machine, r.Load, r.Benchstat = command, strings.Split(strings.TrimSpace(machine), "\n"), load, strings.TrimSpace(string(summary))
	if err := page.Execute(os.Stdout, r); err != nil {
		log.Fatal(err)
	}
}

// results holds every sample of every metric, by benchmark name (without
// the Benchmark prefix and the -GOMAXPROCS suffix), in order of first
// appearance.
type results struct {
	names   []string
	samples map[string]map[string][]float64 // name → unit → values
}

var procSuffix = regexp.MustCompile(`-\d+$`)

func parse(r io.Reader) (*results, error) {
	res := &results{samples: map[string]map[string][]float64{}}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") || len(fields)%2 != 0 {
			continue
		}
		name := procSuffix.ReplaceAllString(strings.TrimPrefix(fields[0], "Benchmark"), "")
		if res.samples[name] == nil {
			res.samples[name] = map[string][]float64{}
			res.names = append(res.names, name)
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %w", sc.Text(), err)
			}
			res.samples[name][fields[i+1]] = append(res.samples[name][fields[i+1]], v)
		}
	}
	return res, sc.Err()
}

// median of one metric of one benchmark; ok is false without samples.
func (r *results) median(name, unit string) (float64, bool) {
	v := r.samples[name][unit]
	if len(v) == 0 {
		return 0, false
	}
	return median(v), true
}

func median(v []float64) float64 {
	v = slices.Sorted(slices.Values(v))
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// ratio compares benchmark a with b on one metric: the median of the
// ratios round by round (the i-th samples of both come from the same round,
// taken moments apart, so each ratio is little disturbed by changes in the
// machine's load), and the lowest and highest of those ratios.
func (r *results) ratio(a, b, unit string) (x, lo, hi float64, ok bool) {
	num, den := r.samples[a][unit], r.samples[b][unit]
	if len(num) == 0 || len(num) != len(den) || slices.Contains(den, 0) {
		return 0, 0, 0, false
	}
	ratios := make([]float64, len(num))
	for i := range num {
		ratios[i] = num[i] / den[i]
	}
	return median(ratios), slices.Min(ratios), slices.Max(ratios), true
}

// report is what the README template shows.
type report struct {
	Command, Load, Benchstat string
	Machine                  []string
	Rows                     []row
	Ratios                   []ratio
	Memory                   []memRow
	Reports                  []reportRow
	ReportRatios             []string
	Misses                   []string
	Rounds                   int
}

type row struct{ Case, Client, Wall, CPU, Bytes, Allocs string }

type ratio struct {
	Case                                             string
	CPUvsBaseline, CPUvsSDK, AllocsVsSDK, FloorVsSDK string
}

type memRow struct{ Walk, PeakHeap, PeakLive, Bytes, Allocs string }

type reportRow struct{ Case, Wall, PeakRSS, Out string }

func build(res *results) report {
	var r report
	var cases []string
	for _, name := range res.names {
		if c, ok := strings.CutPrefix(name, reportBenchPrefix); ok {
			r.Reports = append(r.Reports, reportRow{c, scaled(res, name, "ns/op", durations), mb(res, name, "peak-rss-MB"), megabytes(res, name, "out-MB")})
			continue
		}
		if walk, ok := strings.CutPrefix(name, memoryBenchPrefix); ok {
			r.Memory = append(r.Memory, memRow{walk, mb(res, name, "peak-heap-MB"), mb(res, name, "peak-live-MB"),
				scaled(res, name, "B/op", sizes), count(res, name, "allocs/op")})
			continue
		}
		i := strings.LastIndexByte(name, '/')
		if i < 0 {
			continue
		}
		c, client := name[:i], name[i+1:]
		if !slices.Contains(cases, c) {
			cases = append(cases, c)
		}
		r.Rows = append(r.Rows, row{c, client, scaled(res, name, "ns/op", durations), scaled(res, name, "cpu-ns/op", durations),
			scaled(res, name, "B/op", sizes), count(res, name, "allocs/op")})
		r.Rounds = max(r.Rounds, len(res.samples[name]["ns/op"]))
	}
	for _, c := range cases {
		q := ratio{Case: c}
		var miss []string
		check := func(num, den, unit string, limit float64, what string) string {
			x, lo, hi, ok := res.ratio(c+"/"+num, c+"/"+den, unit)
			if !ok {
				return "—"
			}
			spread := ""
			if hi-lo >= 0.01 {
				spread = fmt.Sprintf(" (%.2f–%.2f)", lo, hi)
			}
			if x > limit {
				miss = append(miss, fmt.Sprintf("%s %.2f× (target ≤ %.1f×)", what, x, limit))
				return fmt.Sprintf("**%.2f× ✗**%s", x, spread)
			}
			return fmt.Sprintf("%.2f× ✓%s", x, spread)
		}
		q.CPUvsBaseline = check("ours", "baseline", "cpu-ns/op", maxCPUvsBaseline, "CPU vs baseline")
		q.CPUvsSDK = check("ours", "sdk", "cpu-ns/op", maxCPUvsSDK, "CPU vs SDK")
		q.AllocsVsSDK = check("ours", "sdk", "allocs/op", maxAllocsVsSDK, "allocations vs SDK")
		q.FloorVsSDK = "—"
		if x, _, _, ok := res.ratio(c+"/baseline", c+"/sdk", "cpu-ns/op"); ok {
			q.FloorVsSDK = fmt.Sprintf("%.2f×", x)
		}
		r.Ratios = append(r.Ratios, q)
		if len(miss) > 0 {
			r.Misses = append(r.Misses, fmt.Sprintf("%s: %s; the baseline itself is at %s the SDK's CPU time.", c, strings.Join(miss, ", "), q.FloorVsSDK))
		}
	}
	r.ReportRatios, r.Misses = reportChecks(res, r.Misses)
	return r
}

// reportChecks are the figures of the report commands against their
// targets: memory that does not grow with the range, under 150 MB, and a
// table of a month of minutes that costs about what a day of them does.
func reportChecks(res *results, misses []string) (lines, missed []string) {
	name := func(c string) string { return reportBenchPrefix + c }
	if _, ok := res.median(name("table-1m-30d"), "ns/op"); !ok {
		return nil, misses
	}
	ratio := func(a, b, unit string) string {
		x, lo, hi, ok := res.ratio(name(a), name(b), unit)
		if !ok {
			return "—"
		}
		if hi-lo >= 0.01 {
			return fmt.Sprintf("%.2f× (%.2f–%.2f)", x, lo, hi)
		}
		return fmt.Sprintf("%.2f×", x)
	}
	for _, c := range []struct{ long, short string }{{"table-1m-30d", "table-1m-1d"}, {"json-1m-30d", "json-1m-1d"}, {"cost-key-model-31d", "cost-key-model-1d"}} {
		rss, ok := res.median(name(c.long), "peak-rss-MB")
		if !ok {
			continue
		}
		mark := "✓"
		if rss > maxReportRSSMB {
			mark = "✗"
			misses = append(misses, fmt.Sprintf("%s: peak RSS %.1f MB (target ≤ %d MB).", c.long, rss, maxReportRSSMB))
		}
		lines = append(lines, fmt.Sprintf("%s peak RSS: %.1f MB %s (target ≤ %d MB); %s that of the same over one day",
			c.long, rss, mark, maxReportRSSMB, ratio(c.long, c.short, "peak-rss-MB")))
	}
	wall, _ := res.median(name("table-1m-30d"), "ns/op")
	mark := "✓"
	if wall > maxTableSeconds*1e9 {
		mark = "✗"
		misses = append(misses, fmt.Sprintf("table-1m-30d: %.2f s (target ≤ %d s).", wall/1e9, maxTableSeconds))
	}
	lines = append(lines, fmt.Sprintf("table-1m-30d wall time: %s the same table over one day, %s the start case; %.2f s %s (target ≤ %d s on this machine)",
		ratio("table-1m-30d", "table-1m-1d", "ns/op"), ratio("table-1m-30d", "start", "ns/op"), wall/1e9, mark, maxTableSeconds))
	lines = append(lines, fmt.Sprintf("json-1m-30d wall time: %s the same over one day, for %s its output",
		ratio("json-1m-30d", "json-1m-1d", "ns/op"), ratio("json-1m-30d", "json-1m-1d", "out-MB")))
	return lines, misses
}

// step is a unit a value is shown in once it reaches size.
type step struct {
	size   float64
	format string
}

var (
	durations = []step{{1e9, "%.2f s"}, {1e6, "%.2f ms"}, {1e3, "%.1f µs"}, {0, "%.0f ns"}}
	sizes     = []step{{1e6, "%.2f MB"}, {1e3, "%.1f kB"}, {0, "%.0f B"}}
)

// scaled shows the median of a metric in the largest unit it reaches.
func scaled(res *results, name, unit string, steps []step) string {
	v, ok := res.median(name, unit)
	if !ok {
		return "—"
	}
	for _, s := range steps {
		if v >= s.size {
			return fmt.Sprintf(s.format, v/max(s.size, 1))
		}
	}
	return fmt.Sprint(v)
}

func count(res *results, name, unit string) string {
	v, ok := res.median(name, unit)
	if !ok {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// megabytes shows a metric in MB in the largest unit it reaches.
func megabytes(res *results, name, unit string) string {
	v, ok := res.median(name, unit)
	if !ok {
		return "—"
	}
	for _, s := range sizes {
		if v*1e6 >= s.size {
			return fmt.Sprintf(s.format, v*1e6/max(s.size, 1))
		}
	}
	return "0 B"
}

func mb(res *results, name, unit string) string {
	v, ok := res.median(name, unit)
	if !ok {
		return "—"
	}
	return fmt.Sprintf("%.1f MB", v)
}

var page = template.Must(template.New("readme").Parse(readme))
