#!/usr/bin/env bash
# Prints the sheet of every shipped routine, and of every scenario's own routine (`check
# --print`), with headless Chromium and checks each is exactly one page with nothing running off
# it, on A4 and on the smaller Letter page.
#
#   bash tests/e2e/print-sheet.sh            # check
#   UPDATE_REFERENCE=1 bash tests/e2e/print-sheet.sh   # also refresh the reference PNG
#
# Needs the Debian packages chromium-headless-shell and poppler-utils (pdfinfo, pdftoppm); a
# missing tool is a failure, never a skip, so CI cannot pass without having looked.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
  echo "print-sheet: FAIL: $*" >&2
  exit 1
}

chrome=""
for candidate in chromium-headless-shell /usr/lib/chromium-headless-shell/chromium-headless-shell \
  /usr/lib/chromium/chromium-headless-shell; do
  if command -v "$candidate" >/dev/null 2>&1; then
    chrome=$(command -v "$candidate")
    break
  fi
done
[ -n "$chrome" ] || fail "chromium-headless-shell is not installed (apt-get install chromium-headless-shell)"
command -v pdfinfo >/dev/null 2>&1 || fail "pdfinfo is not installed (apt-get install poppler-utils)"
command -v pdftoppm >/dev/null 2>&1 || fail "pdftoppm is not installed (apt-get install poppler-utils)"
command -v python3 >/dev/null 2>&1 || fail "python3 is not installed (it reads the scenarios' answers)"

cargo build --quiet --release
backcare=target/release/backcare
work=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$work" "$profile"' EXIT

chromium() {
  "$chrome" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" "$@" 2>/dev/null
}

# Letter is the smaller page: 279.4 mm less two 12 mm margins. A4 is 186 mm wide inside its
# margins, Letter 191.9 mm, so the width limit is A4's.
max_height_mm=255.4
max_width_mm=186.5
# Measures the laid-out sheet in the page's own units (CSS px are 1/96 in) and writes the result
# into the DOM, which --dump-dom prints after the script ran. The sheet itself has no script.
measure='<script>
  const mm = px => (px * 25.4 / 96).toFixed(1);
  let right = 0, bottom = 0;
  for (const e of document.querySelectorAll("main *")) {
    const r = e.getBoundingClientRect();
    right = Math.max(right, r.right); bottom = Math.max(bottom, r.bottom);
  }
  const sheet = document.querySelector("main").getBoundingClientRect();
  document.body.setAttribute("data-measured", mm(Math.max(bottom, sheet.bottom)) + " " + mm(Math.max(right, sheet.right)));
</script>'

# Checks one sheet: self-contained, one PDF page, and its laid-out content inside the page.
check_sheet() {
  local name=$1 html=$2
  if grep -Eq '(src|href)=|url\(|@import|<script' "$html"; then
    fail "$name: the sheet refers to something outside itself or carries a script"
  fi
  chromium --no-pdf-header-footer --print-to-pdf="$work/$name.pdf" "file://$html"
  [ -s "$work/$name.pdf" ] || fail "$name: Chromium wrote no PDF"
  local pages
  pages=$(pdfinfo "$work/$name.pdf" | awk '/^Pages:/ {print $2}')
  [ "$pages" = 1 ] || fail "$name: the sheet prints on $pages pages, not 1"
  sed "s#</body>#${measure//$'\n'/ }</body>#" "$html" >"$work/$name.measure.html"
  local measured height width
  measured=$(chromium --dump-dom "file://$work/$name.measure.html" | sed -n 's/.*data-measured="\([0-9.]*\) \([0-9.]*\)".*/\1 \2/p')
  [ -n "$measured" ] || fail "$name: could not measure the sheet"
  read -r height width <<<"$measured"
  awk -v h="$height" -v w="$width" -v mh="$max_height_mm" -v mw="$max_width_mm" \
    'BEGIN { exit !(h <= mh && w <= mw) }' ||
    fail "$name: content is ${height} x ${width} mm; a page holds ${max_height_mm} x ${max_width_mm} mm"
  echo "ok $name: 1 page, content ${height} mm high, ${width} mm wide"
}

# Every routine as written (`routine print`).
ids=$("$backcare" routine list --format json | sed -n 's/^ *"id": "\([a-z0-9_]*\)",$/\1/p')
[ -n "$ids" ] || fail "no routine ids from backcare routine list"
count=0
for id in $ids; do
  "$backcare" routine print "$id" >"$work/$id.html"
  check_sheet "$id" "$work/$id.html"
  count=$((count + 1))
done

# Every scenario's own routine (`check --print`): alternatives swapped in, and a note per change.
for scenario in tests/scenarios/*.json; do
  name=scenario-$(basename "$scenario" .json)
  python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))["answers"]))' \
    "$scenario" >"$work/$name.answers.json"
  "$backcare" check --answers "$work/$name.answers.json" --print "$work/$name.html" \
    >/dev/null 2>&1 || true
  [ -f "$work/$name.html" ] || continue # no routine for these answers: nothing to print
  check_sheet "$name" "$work/$name.html"
  count=$((count + 1))
done

# The reference image: one routine's page, reviewed by eye and committed.
reference=tests/e2e/sheet-sciatica_relief.png
pdftoppm -r 60 -png -singlefile "$work/sciatica_relief.pdf" "$work/reference"
[ -s "$work/reference.png" ] || fail "pdftoppm made no PNG"
if [ "${UPDATE_REFERENCE:-0}" = 1 ]; then
  cp "$work/reference.png" "$reference"
  echo "updated $reference"
fi
[ -s "$reference" ] || fail "$reference is missing; run with UPDATE_REFERENCE=1 and look at it"
echo "print-sheet: $count sheets, each one page"
