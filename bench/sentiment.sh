#!/usr/bin/env bash
# VADER sentiment scoring: `crowdmine sentiment` against the Python package vaderSentiment 3.3.2
# (which it ports), on the same texts, in one run on this machine.
#
#   bench/sentiment.sh             # SKIP_BUILD=1 to time the binary already built
#                                  # PEER_TEXTS=100000: texts vaderSentiment really scores
#                                  # TEXTS=FILE: another input, one text per line (default
#                                  #   bench/data/texts_1m.txt, written if missing)
#
# Input: bench/data/texts_1m.txt (git-ignored: real users' texts), from
# `bench/sentiment_peer.py texts`: the distinct texts of the VADER ground-truth sets (tweets,
# movie reviews, Amazon reviews, NYT editorials), the Sanders Twitter corpus and the X API v2
# tweets of the shared data folder ($CROWDMINE_DATA, default ../shared/data), shuffled once
# (random.Random(1)) and cycled to 1,000,000 lines.
#
# crowdmine: whole `crowdmine sentiment --text FILE --format tsv --out OUT` commands (spawn to
# exit) with RAYON_NUM_THREADS=1 and 2, all texts, 5 runs each (the median compared: this host's
# speed drifts from second to second); its start-up (the same command on an empty file,
# where the embedded lexicons are parsed) is reported beside. Its scorer alone, one thread: the
# vader_speed example of crowdmine-text (texts split and scorer built before the clock; median of
# 5 passes). vaderSentiment (pure Python, one thread): SentimentIntensityAnalyzer() built and the
# texts read before the clock, then polarity_scores(text) per text; reading the lines and writing
# the rows as crowdmine does are timed apart, for the Python counterpart of the whole command. It
# is slow, so it scores only the first PEER_TEXTS texts; the texts/s are compared, and its time
# for all texts is EXTRAPOLATED (labelled so in the table).
#
# In turns (`paired`): this host's speed drifts by up to 1.6x over seconds, so the measurements
# above, taken one after the other, compare different machines. Eleven rounds each run the whole
# command (one thread), one pass of the scorer alone, and vaderSentiment on an eleventh of its
# texts (reading, scoring and writing, each timed); the ratios of texts per second within each
# round are compared, and their medians reported.
#
# Agreement, outside the clocks: vaderSentiment's four scores of its texts against crowdmine's
# rows for the same lines, exact float equality; the mismatches are counted and the first 10
# printed by line number (never the text). The 2-thread TSV must equal the 1-thread one.
#
# Writes bench/out/sentiment.jsonl (one JSON line per run) and bench/out/sentiment.md (the table).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/data bench/out
peer_texts=${PEER_TEXTS:-100000}
texts=${TEXTS:-bench/data/texts_1m.txt}
bin=${CARGO_TARGET_DIR:-target}/release/crowdmine
py=bench/.venv/bin/python

scorer=${CARGO_TARGET_DIR:-target}/release/examples/vader_speed

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  cargo build --release -q -p crowdmine-cli
  cargo build --release -q -p crowdmine-text --example vader_speed
fi
for b in "$bin" "$scorer"; do
  if [ ! -x "$b" ]; then
    echo "error: $b not found (build it, or run with SKIP_BUILD=0)" >&2
    exit 1
  fi
done
if ! help=$("$bin" sentiment --help 2>&1); then
  echo "error: $bin has no 'sentiment' subcommand ('$bin sentiment --help' failed):" >&2
  echo "$help" | head -5 >&2
  exit 1
fi
for flag in --text --format --out; do
  if ! grep -q -- "$flag" <<< "$help"; then
    echo "error: '$bin sentiment' has no $flag option; this benchmark needs" \
      "'crowdmine sentiment --text FILE --format tsv --out OUT'" >&2
    exit 1
  fi
done

# The exact version: crowdmine reproduces 3.3.2's scores, quirks included.
if ! "$py" -c "from importlib.metadata import version
assert version('vaderSentiment') == '3.3.2'" 2> /dev/null; then
  [ -x "$py" ] || python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q vaderSentiment==3.3.2
fi

if [ -z "${TEXTS:-}" ]; then
  "$py" bench/sentiment_peer.py texts --out "$texts"
elif [ ! -f "$texts" ]; then
  echo "error: TEXTS=$texts not found" >&2
  exit 1
fi

# crowdmine's TSVs (scores only, no text) live here until the agreement check has read them.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

jsonl=bench/out/sentiment.jsonl
: > "$jsonl"
echo "== $(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" -c 'import sys; from importlib.metadata import version
v = version("vaderSentiment")
print(f"vaderSentiment {v}, Python {sys.version.split()[0]}")' >&2
"$bin" --version >&2

for t in 1 2; do
  same=()
  [ "$t" = 1 ] || same=(--same-as "$tmp/crowdmine_1t.tsv")
  "$py" bench/sentiment_peer.py crowdmine "$texts" --bin "$bin" --threads "$t" \
    --scores "$tmp/crowdmine_${t}t.tsv" "${same[@]}" | tee -a "$jsonl"
done
"$py" bench/sentiment_peer.py scorer "$texts" --bin "$scorer" | tee -a "$jsonl"
"$py" bench/sentiment_peer.py vader "$texts" --n "$peer_texts" \
  --check "$tmp/crowdmine_1t.tsv" | tee -a "$jsonl"
# Both sides in turns, one thread, so that both meet the host at the same speed.
"$py" bench/sentiment_peer.py paired "$texts" --bin "$bin" --scorer "$scorer" \
  --n "$peer_texts" | tee -a "$jsonl"
echo "== done $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" bench/sentiment_peer.py table "$jsonl" | tee bench/out/sentiment.md
