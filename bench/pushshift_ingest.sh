#!/usr/bin/env bash
# Reddit ingest benchmark: crowdmine on a Pushshift/Arctic-Shift-style NDJSON dump (zstd with a
# 2^31 window, and plain), and the PushshiftDumps way (python zstandard + json + csv, see
# bench/pushshift_peer.py) converting the same .zst to CSV, in one run on this machine.
#
#   bench/pushshift_ingest.sh [SIZE_MB]        # default 1024
#
# Prints a Markdown table (also written to bench/out/pushshift_ingest.md). Throughput is given per
# compressed and per uncompressed MiB; memory is the peak RSS from `/usr/bin/time -v` (Debian
# package `time`; without it only wall-clock time is measured). Needs python3 (zstandard is
# installed into bench/.venv) and cargo; the zstd command is used when present.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
mkdir -p bench/data bench/out
py=bench/.venv/bin/python
[ -x "$py" ] || python3 -m venv bench/.venv
"$py" -c 'import zstandard' 2> /dev/null || bench/.venv/bin/pip install -q zstandard

plain=bench/data/pushshift_$size.ndjson
zst=$plain.zst
if [ ! -s "$plain" ] || [ ! -s "$zst" ]; then
  "$py" bench/make_big_pushshift.py "$size"
fi
cargo build --release -q
bin=${CARGO_TARGET_DIR:-target}/release/crowdmine
db=bench/out/ps.db
csv=bench/out/ps.csv
report=bench/out/pushshift_ingest.md
timings=bench/out/ps_time.txt

if [ -x /usr/bin/time ]; then
  have_time=1
else
  have_time=0
  echo "note: /usr/bin/time not found (Debian package 'time'): wall-clock time only, no peak RSS" >&2
fi

secs= rss=
measure() { # command... ; sets secs and rss (MiB, empty without /usr/bin/time)
  if [ "$have_time" = 1 ]; then
    /usr/bin/time -v "$@" > /dev/null 2> "$timings"
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$timings")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$timings")
  else
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2> "$timings"
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
    rss=
  fi
}

mib() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1048576}'; }
rate() { # MiB, seconds
  awk -v m="$1" -v s="$2" 'BEGIN {if (m == "" || m == "–" || s <= 0) print "–"; else printf "%.1f", m / s}'
}

zst_mib=$(mib "$(stat -c %s "$zst")")
plain_mib=$(mib "$(stat -c %s "$plain")")
objects=$(wc -l < "$plain")
rows=()
row() { # run name, compressed MiB or –, seconds, rss
  rows+=("| $1 | $2 | $plain_mib | $3 | $(rate "$2" "$3") | $(rate "$plain_mib" "$3") | ${4:-–} |")
}

fresh_db() { rm -f "$db" "$db-wal" "$db-shm" "$db-journal"; }

fresh_db
measure "$bin" --db "$db" ingest -q "$zst"
row "crowdmine, zstd 2^31 window" "$zst_mib" "$secs" "$rss"
cm_zst_secs=$secs

fresh_db
measure "$bin" --db "$db" ingest -q "$plain"
row "crowdmine, plain" "–" "$secs" "$rss"

rm -f "$csv"
measure "$py" bench/pushshift_peer.py "$zst" "$csv"
row "PushshiftDumps-style python to CSV, zstd" "$zst_mib" "$secs" "$rss"
py_secs=$secs

{
  echo "Pushshift-style dump, $objects objects; $(date -u +%FT%TZ), $(nproc) cores"
  echo
  echo "| run | compressed MiB | uncompressed MiB | seconds | MiB/s compressed | MiB/s uncompressed | peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  awk -v c="$cm_zst_secs" -v p="$py_secs" \
    'BEGIN {if (c > 0) printf "crowdmine (zstd) / python: %.1f× the throughput (%.2f s vs %.2f s)\n", p / c, c, p}'
} | tee "$report"
echo "see $report"
