#!/usr/bin/env bash
# Path-based centralities: `crowdmine measure` against NetworKit and igraph, in one run on this
# machine.
#
#   bench/paths.sh              # SKIP_BUILD=1 to time the binary already built
#
# Graphs (bench/make_graphs.py, fixed seeds, kept once generated): ba_20k_4.edges, a Barabasi-Albert
# graph of 20,000 nodes (m = 4), for exact betweenness, closeness and harmonic centrality; and
# ba_1m_8m.edges (1,000,000 nodes, ~8,000,000 edges) for approximate betweenness (epsilon 0.01,
# delta 0.1). Both undirected. crowdmine with RAYON_NUM_THREADS=1 and 2, NetworKit with 1 and 2
# threads, igraph one thread (exact measures only: it has no approximate betweenness).
#
# crowdmine's times are whole commands (perf_counter around the process) minus a whole
# `crowdmine measure degree` command on the same file with the same options, which is reported as
# its load; the peers' are the computation only, with the graph read before the clock (see
# bench/path_peers.py). The RAYON_NUM_THREADS=2 run writes crowdmine's exact values as CSV (the 1t
# run writes them to /dev/null); NetworKit (1t) and igraph compare theirs with them (limit 1e-9
# relative). Writes bench/out/paths.jsonl (one JSON line per run) and bench/out/paths.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/data bench/out
[ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release -q -p crowdmine-cli
bin=${CARGO_TARGET_DIR:-target}/release/crowdmine
py=bench/.venv/bin/python
if ! "$py" -c "import networkit, igraph, numpy" 2> /dev/null; then
  [ -x "$py" ] || python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q networkit python-igraph numpy
fi
"$py" bench/make_graphs.py
jsonl=bench/out/paths.jsonl
: > "$jsonl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== $(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" -c 'import networkit, igraph; print(f"NetworKit {networkit.__version__}, igraph {igraph.__version__}")' >&2

# Exact measures on 20,000 nodes.
small=bench/data/ba_20k_4.edges
exact=betweenness,closeness,harmonic
RAYON_NUM_THREADS=1 "$py" bench/path_peers.py "$small" --tool crowdmine --threads 1 --bin "$bin" \
  --measures "$exact" | tee -a "$jsonl"
RAYON_NUM_THREADS=2 "$py" bench/path_peers.py "$small" --tool crowdmine --threads 2 --bin "$bin" \
  --measures "$exact" --csv-dir "$tmp" | tee -a "$jsonl"
OMP_NUM_THREADS=1 "$py" bench/path_peers.py "$small" --tool networkit --threads 1 \
  --measures "$exact" --check-dir "$tmp" | tee -a "$jsonl"
OMP_NUM_THREADS=2 "$py" bench/path_peers.py "$small" --tool networkit --threads 2 \
  --measures "$exact" | tee -a "$jsonl"
OMP_NUM_THREADS=1 "$py" bench/path_peers.py "$small" --tool igraph --threads 1 \
  --measures "$exact" --check-dir "$tmp" | tee -a "$jsonl"

# Approximate betweenness on 1,000,000 nodes (crowdmine: Riondato-Kornaropoulos sampling with
# bidirectional BFS; NetworKit: KADABRA).
big=bench/data/ba_1m_8m.edges
approx=(--measures betweenness-approx --epsilon 0.01 --delta 0.1 --seed 1)
for t in 1 2; do
  RAYON_NUM_THREADS=$t "$py" bench/path_peers.py "$big" --tool crowdmine --threads $t --bin "$bin" \
    "${approx[@]}" | tee -a "$jsonl"
done
for t in 1 2; do
  OMP_NUM_THREADS=$t "$py" bench/path_peers.py "$big" --tool networkit --threads $t \
    "${approx[@]}" | tee -a "$jsonl"
done
echo "== done $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" bench/path_peers.py --table "$jsonl" | tee bench/out/paths.md
