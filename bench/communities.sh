#!/usr/bin/env bash
# Community detection: `crowdmine communities` (Leiden, Louvain, label propagation) against igraph,
# leidenalg and NetworKit, in one run on this machine.
#
#   bench/communities.sh                  # SKIP_BUILD=1 to time the binary already built
#   INPUTS=lfr_10k bench/communities.sh   # inputs, space- or comma-separated (default: both)
#   LEIDENALG_BIG=1                       # leidenalg on ba_1m_8m too (~20x igraph's time there)
#   IGRAPH_BIG=1                          # igraph on ba_1m_8m too (its multilevel ran > 10 minutes)
#   SEEDS=1,2,3                           # the seeds of every algorithm (default 1,2,3)
#
# Inputs, undirected and unweighted:
# - lfr_10k: bench/data/lfr_10k.edges, an LFR graph written by `crowdmine generate lfr --n 10000
#   --avg-degree 20 --max-degree 50 --mu 0.3 --tau1 2 --tau2 1 --min-community 20
#   --max-community 100 --seed 1` (kept once generated), with its planted communities in
#   bench/data/lfr_10k.communities.csv (node,community) for the NMI.
# - ba_1m_8m: bench/data/ba_1m_8m.edges from bench/make_graphs.py (igraph Barabasi-Albert,
#   1,000,000 nodes, m = 8, seed 42); no ground truth.
#
# Runs, each algorithm once per seed:
# - crowdmine leiden, louvain, lpa with RAYON_NUM_THREADS=1 and 2; leiden on ba_1m_8m with
#   --iterations 3, NetworKit ParallelLeiden's default (on a graph without communities every
#   iteration gains a little, and crowdmine's default stopping rule runs about ten there);
# - igraph community_leiden(objective_function="modularity", n_iterations=-1) and
#   community_multilevel(), one thread, lfr_10k only unless IGRAPH_BIG=1;
# - leidenalg find_partition(ModularityVertexPartition, n_iterations=-1), one thread, lfr_10k only
#   unless LEIDENALG_BIG=1;
# - NetworKit ParallelLeiden(G) (its default of 3 iterations), PLM(G, refine=False) and PLP(G)
#   with 1 and 2 threads.
#
# crowdmine's time is the algorithm time its JSON reports ("seconds", measured inside the
# command); its whole command minus a whole `crowdmine measure degree` command on the same file
# (its load) is recorded beside it. The peers' times are the computation only, with the graph read
# and built before the clock (bench/community_peers.py). Every partition is scored the same way,
# outside the clocks: igraph modularity (gamma 1) on the same graph, and NMI against the planted
# communities (scikit-learn) on lfr_10k. Writes bench/out/communities.jsonl (one JSON line per
# tool, thread count and input; lines of inputs not run this time are kept) and
# bench/out/communities.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/data bench/out
[ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release -q -p crowdmine-cli
bin=${CARGO_TARGET_DIR:-target}/release/crowdmine
py=bench/.venv/bin/python
if ! "$py" -c "import networkit, igraph, leidenalg, sklearn, pandas, numpy" 2> /dev/null; then
  [ -x "$py" ] || python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q networkit python-igraph leidenalg scikit-learn pandas numpy
fi
inputs=${INPUTS:-lfr_10k ba_1m_8m}
inputs=${inputs//,/ }
seeds=${SEEDS:-1,2,3}
jsonl=bench/out/communities.jsonl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for input in $inputs; do
  case $input in
    lfr_10k | ba_1m_8m) ;;
    *) echo "unknown input $input (lfr_10k, ba_1m_8m)" >&2; exit 2 ;;
  esac
done
names=()
for input in $inputs; do names+=("$input.edges"); done
"$py" bench/community_peers.py --drop "$jsonl" "${names[@]}"

echo "== $(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" -c 'import networkit, igraph, leidenalg, sklearn
print(f"NetworKit {networkit.__version__}, igraph {igraph.__version__}, "
      f"leidenalg {leidenalg.__version__}, scikit-learn {sklearn.__version__}")' >&2
"$bin" --version >&2

for input in $inputs; do
  graph=bench/data/$input.edges
  truth=()
  case $input in
    lfr_10k)
      if [ ! -f "$graph" ] || [ ! -f bench/data/lfr_10k.communities.csv ]; then
        # Written to a temporary directory and moved, so a stopped run leaves no half file.
        "$bin" generate lfr --n 10000 --avg-degree 20 --max-degree 50 --mu 0.3 --tau1 2 \
          --tau2 1 --min-community 20 --max-community 100 --seed 1 --out "$tmp/lfr_10k.edges" >&2
        mv "$tmp/lfr_10k.communities.csv" bench/data/lfr_10k.communities.csv
        mv "$tmp/lfr_10k.edges" "$graph"
      fi
      truth=(--truth bench/data/lfr_10k.communities.csv)
      leidenalg=1
      igraph=1
      iterations=()
      ;;
    ba_1m_8m)
      "$py" bench/make_graphs.py
      leidenalg=${LEIDENALG_BIG:-0}
      igraph=${IGRAPH_BIG:-0}
      iterations=(--leiden-iterations 3)
      ;;
  esac
  run=(--seeds "$seeds" "${truth[@]}")
  for t in 1 2; do
    RAYON_NUM_THREADS=$t "$py" bench/community_peers.py "$graph" --tool crowdmine --threads $t \
      --bin "$bin" --work-dir "$tmp" "${iterations[@]}" "${run[@]}" | tee -a "$jsonl"
  done
  if [ "$igraph" = 1 ]; then
    OMP_NUM_THREADS=1 "$py" bench/community_peers.py "$graph" --tool igraph --threads 1 \
      --algorithms leiden,louvain "${run[@]}" | tee -a "$jsonl"
  fi
  if [ "$leidenalg" = 1 ]; then
    OMP_NUM_THREADS=1 "$py" bench/community_peers.py "$graph" --tool leidenalg --threads 1 \
      --algorithms leiden "${run[@]}" | tee -a "$jsonl"
  fi
  for t in 1 2; do
    OMP_NUM_THREADS=$t "$py" bench/community_peers.py "$graph" --tool networkit --threads $t \
      "${run[@]}" | tee -a "$jsonl"
  done
done
echo "== done $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" bench/community_peers.py --table "$jsonl" | tee bench/out/communities.md
