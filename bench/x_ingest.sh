#!/usr/bin/env bash
# Ingest benchmark: crowdmine on a >= 1 GB X v2 JSONL (plain and zstd), and twarc-csv converting
# a 100 MB slice of the same file to CSV, in one run on this machine.
#
#   bench/x_ingest.sh [SIZE_MB]        # default 1024
#
# MiB/s are of uncompressed input. Memory per distinct post: compare the peak RSS of the 1 GB and
# the 100 MB runs (the difference over the difference in posts is what the id maps cost).
# Writes bench/out/x_ingest.txt. Needs python3 (twarc-csv is installed into bench/.venv) and zstd.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
mkdir -p bench/data bench/out
big=bench/data/x-v2-big.jsonl
slice=bench/data/x-v2-100mb.jsonl
if [ ! -s "$big" ] || [ "$(( $(stat -c %s "$big") >> 20 ))" -lt "$size" ]; then
  python3 bench/make_big_x.py --size-mb "$size" --out "$big"
fi
# Two zstd copies: the default window, and a 2^31 window as Pushshift and Arctic Shift dumps use
# (the decoder must then hold a window as large as the frame declares, up to 2 GiB).
[ -s "$big.zst" ] || zstd -q -T0 -3 -f "$big" -o "$big.zst"
[ -s "$big.long.zst" ] || zstd -q -T0 --long=31 -3 -f "$big" -o "$big.long.zst"
[ -s "$slice" ] || head -c $((100 << 20)) "$big" | head -n -1 > "$slice"
cargo build --release -q
bin=target/release/crowdmine
report=bench/out/x_ingest.txt
: > "$report"

run() { # name, db, uncompressed bytes, files...
  local name=$1 db=$2 bytes=$3; shift 3
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -v "$bin" --db "$db" ingest -q "$@" > /dev/null 2> bench/out/time.txt
  local secs rss
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' bench/out/time.txt)
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' bench/out/time.txt)
  local posts
  posts=$("$bin" --db "$db" sql "SELECT COUNT(*) FROM posts" --format csv | tail -1)
  printf '%-28s %8.1f MiB %7.1f s %8.1f MiB/s  peak RSS %6.0f MiB  posts %9d  RSS/post %5.0f B  corpus %6.0f MiB\n' \
    "$name" "$(echo "$bytes / 1048576" | bc -l)" "$secs" "$(echo "$bytes / 1048576 / $secs" | bc -l)" \
    "$(echo "$rss / 1024" | bc -l)" "$posts" "$(echo "$rss * 1024 / $posts" | bc -l)" \
    "$(echo "$(stat -c %s "$db") / 1048576" | bc -l)" | tee -a "$report"
}

echo "== $(date -u +%FT%TZ) on $(nproc) cores" | tee -a "$report"
big_bytes=$(stat -c %s "$big")
run "crowdmine plain" bench/out/plain.db "$big_bytes" "$big"
run "crowdmine zstd" bench/out/zstd.db "$big_bytes" "$big.zst"
run "crowdmine zstd, 2^31 window" bench/out/zstd-long.db "$big_bytes" "$big.long.zst"
run "crowdmine plain --no-raw" bench/out/noraw.db "$big_bytes" "$big" --no-raw
run "crowdmine 100 MB slice" bench/out/slice.db "$(stat -c %s "$slice")" "$slice"

# twarc-csv, the DocNow converter most twarc users run, on the same 100 MB slice.
if [ ! -x bench/.venv/bin/twarc2 ]; then
  python3 -m venv bench/.venv
  # twarc-csv calls DataFrame.applymap, which pandas 3 removed.
  bench/.venv/bin/pip install -q twarc-csv "pandas<3"
fi
# Its defaults (dedupe, retweets merged with their originals, entities processed); the bearer
# token only keeps twarc2 from asking for credentials, nothing goes on the network.
start=$(date +%s.%N)
bench/.venv/bin/twarc2 --log bench/out/twarc2.log --bearer-token none csv "$slice" bench/out/slice.csv > /dev/null 2> bench/out/twarc.log
end=$(date +%s.%N)
tw=$(echo "$end - $start" | bc -l)
printf '%-28s %8.1f MiB %7.1f s %8.1f MiB/s\n' "twarc-csv 100 MB slice" \
  "$(echo "$(stat -c %s "$slice") / 1048576" | bc -l)" "$tw" "$(echo "$(stat -c %s "$slice") / 1048576 / $tw" | bc -l)" | tee -a "$report"
echo "see $report"
