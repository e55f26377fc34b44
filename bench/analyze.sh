#!/usr/bin/env bash
# `crowdmine analyze` end to end on synthetic X v2 posts (.zst): wall time and peak RSS of the
# whole command and of each stage (from the run's manifest.json), into bench/out/analyze_SIZE/.
#
#   bench/analyze.sh                 # SIZES="1m" by default; SIZES="1m 10m" for both
#   SKIP_BUILD=1 bench/analyze.sh    # time the binary already built
#
# The inputs are generated once into bench/data/synth_SIZE/ (git-ignored) by `crowdmine synth`:
# 1m: 20,000 accounts over 30 days; 10m: 100,000 accounts over 80 days (about 1.7 posts per
# account and day with the reactions at these sizes, so about 1 M and 10 M posts).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/crowdmine}
SIZES=${SIZES:-1m}
[ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release -q
mkdir -p bench/out bench/data
for size in $SIZES; do
  case $size in
    1m) accounts=20000; days=30 ;;
    10m) accounts=100000; days=80 ;;
    *) echo "unknown size $size (1m or 10m)" >&2; exit 2 ;;
  esac
  data=bench/data/synth_$size
  if [ ! -f "$data/posts.jsonl.zst" ]; then
    echo "== generating $data"
    "$BIN" synth -q --accounts $accounts --days $days --zst --out "$data"
  fi
  out=bench/out/analyze_$size
  rm -rf "$out"
  echo "== analyze $size ($(date -u +%FT%TZ), load $(cut -d' ' -f1 /proc/loadavg))"
  /usr/bin/time -f "%e s wall, %M KB peak RSS" "$BIN" analyze -q "$data/posts.jsonl.zst" --out "$out" \
    2> "$out.time"
  tail -1 "$out.time"
  python3 - "$out/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print(f"{'stage':<20} {'seconds':>9} {'peak RSS MB':>12}")
for s in m["stages"]:
    print(f"{s['stage']:<20} {s['seconds']:>9.2f} {s['peak_rss_mb']:>12.0f}")
PY
done
