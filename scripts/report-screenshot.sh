#!/usr/bin/env bash
# report-screenshot.sh makes the HTML spend report with the real command on
# the built-in demo organization (anthropic-admin --fake cost --since 30d
# --html FILE), renders it in headless Chromium, takes a screenshot and fails
# unless the screenshot shows a page (scripts/pngcheck).
#
# Usage: scripts/report-screenshot.sh [out.png]
#   out.png  where to keep the screenshot (default: a temporary file);
#            scripts/report-screenshot.sh docs/report.png refreshes the README's
# Installs the Debian package chromium when it is missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${1:-$work/report.png}

go build -o "$work/anthropic-admin" ./cmd/anthropic-admin
"$work/anthropic-admin" --fake cost --since 30d --html "$work/report.html" 2>"$work/cost.log" ||
	{ cat "$work/cost.log" >&2; exit 1; }
if grep -qi '<script' "$work/report.html"; then
	echo "report-screenshot: the report has a script; it must be self-contained and script-free" >&2
	exit 1
fi

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
