#!/usr/bin/env bash
# Renders the report of a synthetic run to PNG with headless Chromium, for a person to look at:
# bench/out/report.png (git-ignored; never render reports of real users' posts into the repo).
#
#   bench/report_png.sh            # needs Debian's `chromium` (apt-get install chromium)
#   SIZE=medium bench/report_png.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/crowdmine}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
  echo "no chromium found: apt-get install chromium (or set CHROMIUM=/path/to/chrome)" >&2
  exit 2
fi
[ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release -q
mkdir -p bench/out
"$BIN" demo -q --size "${SIZE:-small}" --out bench/out/demo > /dev/null
"$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,9000 \
  --screenshot="$PWD/bench/out/report.png" "file://$PWD/bench/out/demo/report.html"
echo "bench/out/report.png"
