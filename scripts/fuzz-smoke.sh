#!/usr/bin/env bash
# Runs every fuzz target for a few thousand inputs each (FUZZTIME, default
# 5000x): a smoke test for CI, about a minute in all. An input that fails is
# written to testdata/fuzz/<Target>/ and fails the run; commit it once fixed,
# so that it stays in the seed corpus. The budget is a count, not a
# duration: with a duration, Go 1.26's fuzzing coordinator can report
# "context deadline exceeded" as a failure when its deadline passes while a
# worker is busy, finding nothing (go.dev/issue/75804, fixed in Go 1.27); a
# count has no deadline to race. Fuzz longer by hand with
#   go test -run='^$' -fuzz='^FuzzResponseDecoders$' -fuzztime=30s .
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-5000x}

# Packages whose tests define fuzz targets.
mapfile -t pkgs < <(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u)
for pkg in "${pkgs[@]}"; do
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$pkg"/*_test.go | cut -c6- | sort); do
		echo "== $pkg $target"
		go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" "$pkg"
	done
done
