#!/usr/bin/env bash
# Renders the printable sheets as a person sees them: builds rota, solves the bundled 400-person
# region, writes `rota sheets`' page, and has Debian's headless Chromium print it to PDF (A4, as a
# supervisor would) and screenshot the first pages. Look at them: a page per placement with its
# sessions and a sign-in table, then a week card per person. Installs Chromium (and poppler's
# pdftoppm for a PNG of each printed page) when missing: test-only tools, not the product.
#   scripts/check-sheets.sh [OUT_DIR]    (default /tmp/rota-sheets)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-/tmp/rota-sheets}")
mkdir -p "$out"
if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null
fi
swift build -c release
.build/release/rota solve Fixtures/region-400.json --time-limit 3 --quiet --out "$out/rota.json"
.build/release/rota sheets Fixtures/region-400.json "$out/rota.json" --html "$out/sheets.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$out/sheets.pdf" "file://$out/sheets.html" 2>/dev/null
# The first printed pages (a placement's sign-in sheet) and the last (a week card).
pdftoppm -png -r 60 -f 1 -l 2 "$out/sheets.pdf" "$out/page"
pages=$(pdfinfo "$out/sheets.pdf" | awk '/^Pages:/ {print $2}')
pdftoppm -png -r 60 -f "$pages" -l "$pages" "$out/sheets.pdf" "$out/last"
ls -l "$out"/sheets.pdf "$out"/page*.png "$out"/last*.png
echo "pages printed: $pages"
