#!/usr/bin/env bash
# Renders the manager's report as a person sees it: builds rota, solves the bundled 400-person
# region, writes `rota report`'s page, and has Debian's headless Chromium take a screenshot (PNG)
# and print it to PDF. Look at the PNG: the access table, the bar chart, the people left short and
# the suggestions must all be there. Installs Chromium when it is missing (a test-only tool; the
# product itself stays Foundation-only).
#   scripts/check-report.sh [OUT_DIR]    (default /tmp/rota-report)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-/tmp/rota-report}")
mkdir -p "$out"
if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
swift build -c release
.build/release/rota solve Fixtures/region-400.json --time-limit 5 --quiet --out "$out/rota.json"
.build/release/rota report Fixtures/region-400.json "$out/rota.json" --html "$out/report.html" --suggestions 5 --time-limit 10
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,2400 \
  --screenshot="$out/report.png" "file://$out/report.html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$out/report.pdf" "file://$out/report.html" 2>/dev/null
ls -l "$out/report.png" "$out/report.pdf"
