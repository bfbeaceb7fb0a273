#!/usr/bin/env bash
# Runs every fuzz target for a few seconds each (FUZZTIME, default 3s): a
# smoke test for CI, well under a minute in all. An input that fails is
# written to testdata/fuzz/<Target>/ and fails the run; commit it once fixed,
# so that it stays in the seed corpus. Fuzz longer by hand with
#   go test -run='^$' -fuzz='^FuzzResponseDecoders$' -fuzztime=30s .
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-3s}

# Packages whose tests define fuzz targets.
mapfile -t pkgs < <(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u)
for pkg in "${pkgs[@]}"; do
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$pkg"/*_test.go | cut -c6- | sort); do
		echo "== $pkg $target"
		go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" "$pkg"
	done
done
