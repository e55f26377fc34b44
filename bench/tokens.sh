#!/usr/bin/env bash
# The social tokenizer: `crowdmine tokens` against NLTK's TweetTokenizer (nltk 3.10.4), on the
# same texts, in one run on this machine.
#
#   bench/tokens.sh                # SKIP_BUILD=1 to time the binary already built
#                                  # PEER_TEXTS=100000: texts NLTK really tokenizes
#                                  # TEXTS=FILE: another input, one text per line (default
#                                  #   bench/data/texts_1m.txt, written if missing)
#
# Input: bench/data/texts_1m.txt (git-ignored: real users' texts), from
# `bench/sentiment_peer.py texts` (see bench/sentiment.sh): 1,000,000 lines cycling through the
# distinct texts of the VADER ground-truth sets, the Sanders corpus and the X v2 samples.
#
# crowdmine (one thread by design): `crowdmine tokens --text FILE --summary`, once on all texts
# and once on the first PEER_TEXTS lines (a temporary copy). Two times each: the tokenizer's own,
# which the command prints (reading excluded), and the whole command, spawn to exit. NLTK (pure
# Python, one thread): TweetTokenizer(preserve_case=True, reduce_len=False, strip_handles=False)
# built and the first PEER_TEXTS texts read before the clock (split as crowdmine splits lines),
# then tokenize(text) per text. Compared: tokenizer MB/s (UTF-8 bytes of the texts, newlines
# excluded); NLTK's time for all texts is EXTRAPOLATED (labelled so). Token counts of both on the
# same first PEER_TEXTS texts are reported beside.
#
# Writes bench/out/tokens.jsonl (one JSON line per run) and bench/out/tokens.md (the table).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/data bench/out
peer_texts=${PEER_TEXTS:-100000}
texts=${TEXTS:-bench/data/texts_1m.txt}
bin=${CARGO_TARGET_DIR:-target}/release/crowdmine
py=bench/.venv/bin/python

[ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release -q -p crowdmine-cli
if [ ! -x "$bin" ]; then
  echo "error: $bin not found (build it, or run with SKIP_BUILD=0)" >&2
  exit 1
fi
if ! "$bin" tokens --help 2>&1 | grep -q -- --summary; then
  echo "error: '$bin tokens' has no --summary option; this benchmark needs" \
    "'crowdmine tokens --text FILE --summary'" >&2
  exit 1
fi

if ! "$py" -c "from importlib.metadata import version
assert version('nltk') == '3.10.4'" 2> /dev/null; then
  [ -x "$py" ] || python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q nltk==3.10.4
fi

if [ -z "${TEXTS:-}" ]; then
  "$py" bench/sentiment_peer.py texts --out "$texts"
elif [ ! -f "$texts" ]; then
  echo "error: TEXTS=$texts not found" >&2
  exit 1
fi

jsonl=bench/out/tokens.jsonl
: > "$jsonl"
echo "== $(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" -c 'import sys; from importlib.metadata import version
v = version("nltk")
print(f"nltk {v}, Python {sys.version.split()[0]}")' >&2
"$bin" --version >&2

"$py" bench/tokens_peer.py crowdmine "$texts" --bin "$bin" | tee -a "$jsonl"
"$py" bench/tokens_peer.py crowdmine "$texts" --bin "$bin" --first "$peer_texts" | tee -a "$jsonl"
"$py" bench/tokens_peer.py nltk "$texts" --n "$peer_texts" | tee -a "$jsonl"
echo "== done $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" bench/tokens_peer.py table "$jsonl" | tee bench/out/tokens.md
