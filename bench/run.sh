#!/usr/bin/env bash
# Runs the benchmarks of this module in ROUNDS interleaved rounds (default 6),
# summarizes them with benchstat and rewrites README.md from the results.
# Takes about 5 to 10 minutes. The raw output is kept in $OUT (default a
# temporary directory) for a closer look.
#
#   ./run.sh                 # everything
#   ROUNDS=2 ./run.sh        # quicker, noisier
#   BENCH=GetUser ./run.sh   # one benchmark (README then shows only it)
set -euo pipefail
cd "$(dirname "$0")"

rounds=${ROUNDS:-6}
benchtime=${BENCHTIME:-2s}
bench=${BENCH:-.}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"

go vet ./...
go test -c -o "$out/bench.test" .

machine="$(go env GOOS)/$(go env GOARCH), $(go env GOVERSION), GOMAXPROCS $(nproc) (nproc)
CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
memory: $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)
run on $(date -u '+%Y-%m-%d %H:%M UTC')"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

: >"$out/results.txt"
for i in $(seq "$rounds"); do
	echo "round $i of $rounds" >&2
	# One round: every benchmark once, each client right after the other.
	# BENCH_ROUND rotates the order of the clients (see compare in bench_test.go).
	BENCH_ROUND=$((i - 1)) "$out/bench.test" -test.run '^$' -test.bench "$bench" -test.benchmem -test.benchtime "$benchtime" -test.count 1 | tee -a "$out/results.txt" >&2
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

go run golang.org/x/perf/cmd/benchstat@latest "$out/results.txt" >"$out/benchstat.txt"

command="cd bench && ./run.sh
# which, for each of $rounds rounds (i = 0, 1, ...), runs:
go test -c -o bench.test . && BENCH_ROUND=i ./bench.test -test.run '^\$' -test.bench '$bench' -test.benchmem -test.benchtime $benchtime -test.count 1
# then: go run golang.org/x/perf/cmd/benchstat@latest results.txt"

go run ./internal/benchreport -results "$out/results.txt" -benchstat "$out/benchstat.txt" \
	-command "$command" -machine "$machine" -load "$load_before → $load_after" >README.md.new
mv README.md.new README.md
echo "README.md rewritten; raw results in $out" >&2
