#!/usr/bin/env bash
# report-screenshot.sh renders the sample HTML report (the fixed data of the
# internal/cli tests) in headless Chromium, takes a screenshot and fails
# unless the screenshot shows a page (scripts/pngcheck).
#
# Usage: scripts/report-screenshot.sh [out.png]
#   out.png  where to keep the screenshot (default: a temporary file)
# Installs the Debian package chromium when it is missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${1:-$work/report.png}

go test ./internal/cli -run '^TestHTMLReport$' -count=1 -report-out "$work/report.html" >"$work/test.log" 2>&1 ||
	{ cat "$work/test.log" >&2; exit 1; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "report-screenshot: chromium is missing; install it (apt-get install chromium) or run as root" >&2
		exit 1
	fi
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
	browser=$(command -v chromium)
fi

# No network: the page is self-contained, and the browser must not phone home.
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--hide-scrollbars --user-data-dir="$(mktemp -d -p "$work")" \
	--window-size=1200,1600 --screenshot="$out" "file://$work/report.html" 2>"$work/chromium.log" ||
	{ cat "$work/chromium.log" >&2; exit 1; }
[ -s "$out" ] || { echo "report-screenshot: no screenshot written" >&2; cat "$work/chromium.log" >&2; exit 1; }

go run ./scripts/pngcheck "$out"
