#!/usr/bin/env bash
# Power-law fit of degree sequences (Clauset, Shalizi & Newman 2009) with a 1,000-replicate
# goodness-of-fit bootstrap: `crowdmine powerlaw` against the Python `powerlaw` package (2.0.0), in
# one run on this machine.
#
#   bench/powerlaw.sh               # SKIP_BUILD=1 to time the binary already built
#                                   # PEER_REPLICATES=5: bootstrap replicates powerlaw really runs
#                                   # PEER_ONLY=1: only the powerlaw side (no crowdmine needed)
#                                   # INPUTS="ba_20k_4": a subset of the inputs below
#
# Inputs: the degree sequences (total degree, zeros dropped; bench/powerlaw_peer.py `degrees`, a
# numpy bincount over both columns of the edge list) of ba_20k_4.edges (igraph Barabasi-Albert,
# 20,000 nodes, m = 4) and plaw_200k_2m.edges (igraph static power-law model, 199,916 nodes,
# 2,000,000 arcs, exponents 2.2; in + out degree), both from bench/make_graphs.py (fixed seeds),
# written to bench/data/<graph>.degrees, one integer per line.
#
# powerlaw (one process, one thread: OMP/BLAS pinned to 1): "fit" is powerlaw.Fit(data,
# discrete=True, estimate_discrete=False) plus the four distribution_compare('power_law', X,
# normalized_ratio=True) (lognormal, exponential, stretched exponential, truncated power law),
# values read before the clock. powerlaw has no bootstrap (tools/POWERLAW_NOTES.md section 8), so
# its "bootstrap" is the CSN section 4.1 semi-parametric bootstrap written around it: per replicate
# a synthetic data set (values below x_min resampled from the data, the tail from the exact
# discrete power law; tools/powerlaw_expected.py's sampler) and a powerlaw.Fit of it (its own
# x_min scan, no compares). Only PEER_REPLICATES of them run; the time for 1,000 is EXTRAPOLATED
# linearly from them and labelled so in the table.
#
# crowdmine: whole commands (spawn to exit, process start and reading the file included) with
# RAYON_NUM_THREADS=1 and 2: `crowdmine powerlaw --values FILE --output json --bootstrap 0` (fit + the same four
# comparisons) and `crowdmine powerlaw --values FILE --output json --bootstrap 1000 --seed 1`; its
# bootstrap time is the second minus the first. Its x_min and alpha are checked against powerlaw's
# (identical x_min, |alpha difference| <= 1e-3) in the table's check column.
#
# Writes bench/out/powerlaw.jsonl (one JSON line per run) and bench/out/powerlaw.md (the table).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/data bench/out
replicates=${PEER_REPLICATES:-5}
peer_only=${PEER_ONLY:-0}
bin=${CARGO_TARGET_DIR:-target}/release/crowdmine
py=bench/.venv/bin/python

if [ "$peer_only" != 1 ]; then
  [ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release -q -p crowdmine-cli
  if [ ! -x "$bin" ]; then
    echo "error: $bin not found (build it, or run with SKIP_BUILD=0)" >&2
    exit 1
  fi
  if ! help=$("$bin" powerlaw --help 2>&1); then
    echo "error: $bin has no 'powerlaw' subcommand ('$bin powerlaw --help' failed):" >&2
    echo "$help" | head -5 >&2
    exit 1
  fi
  for flag in --values --bootstrap --seed --output; do
    if ! grep -q -- "$flag" <<< "$help"; then
      echo "error: '$bin powerlaw' has no $flag option; this benchmark needs" \
        "'crowdmine powerlaw --values FILE --output json [--bootstrap B] [--seed S]'" >&2
      exit 1
    fi
  done
fi

if ! "$py" -c "import powerlaw, numpy, scipy, igraph" 2> /dev/null; then
  [ -x "$py" ] || python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q powerlaw==2.0.0 numpy scipy python-igraph
fi
"$py" bench/make_graphs.py
read -r -a inputs <<< "${INPUTS:-ba_20k_4 plaw_200k_2m}"
for g in "${inputs[@]}"; do
  "$py" bench/powerlaw_peer.py degrees "bench/data/$g.edges" "bench/data/$g.degrees"
done

jsonl=bench/out/powerlaw.jsonl
: > "$jsonl"
echo "== $(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" -c 'import warnings; warnings.simplefilter("ignore"); import powerlaw, numpy, scipy
print(f"powerlaw {powerlaw.__version__}, numpy {numpy.__version__}, scipy {scipy.__version__}")' >&2
[ "$peer_only" = 1 ] || "$bin" --version >&2

for g in "${inputs[@]}"; do
  values=bench/data/$g.degrees
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    "$py" bench/powerlaw_peer.py powerlaw "$values" --replicates "$replicates" --target 1000 \
    --seed 1 | tee -a "$jsonl"
  [ "$peer_only" = 1 ] && continue
  for t in 1 2; do
    "$py" bench/powerlaw_peer.py crowdmine "$values" --bin "$bin" --threads "$t" \
      --bootstrap 1000 --seed 1 | tee -a "$jsonl"
  done
done
echo "== done $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" bench/powerlaw_peer.py table "$jsonl" | tee bench/out/powerlaw.md
