#!/usr/bin/env bash
# Graph kernels: `crowdmine graph bench` against NetworKit, igraph (and networkx on the smaller
# graph), on the same generated edge lists, in one run on this machine.
#
#   bench/graph_kernels.sh
#
# Graphs (bench/make_graphs.py, fixed seeds, kept once generated): a Barabasi-Albert graph of
# 1,000,000 nodes and ~8,000,000 edges (undirected) and a directed power-law graph of 200,000 nodes
# and 2,000,000 arcs. Per graph: crowdmine with RAYON_NUM_THREADS=1 and 2, NetworKit with 1 and 2
# threads, igraph (one thread); networkx on the power-law graph only, for correctness: each of its
# kernels stops after NX_TIMEOUT seconds (default 120). Writes bench/out/graph_kernels.jsonl (one
# JSON line per run) and bench/out/graph_kernels.md (the tables). Needs python3 for the venv.
# SKIP_BUILD=1 uses the crowdmine binary already built (e.g. while others rebuild the tree).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/data bench/out
[ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release -q
bin=${CARGO_TARGET_DIR:-target}/release/crowdmine
py=bench/.venv/bin/python
if ! "$py" -c "import networkit, igraph, networkx, scipy" 2> /dev/null; then
  [ -x "$py" ] || python3 -m venv bench/.venv
  # networkx's pagerank needs scipy.
  bench/.venv/bin/pip install -q networkit python-igraph networkx scipy
fi
"$py" bench/make_graphs.py
nx_timeout=${NX_TIMEOUT:-120}
jsonl=bench/out/graph_kernels.jsonl
: > "$jsonl"

tag() { # tool, graph: adds both fields to crowdmine's JSON line
  "$py" -c 'import json,sys; r=json.loads(sys.stdin.read()); r["tool"]=sys.argv[1]; r["graph"]=sys.argv[2]; print(json.dumps(r))' "$1" "$2"
}

echo "== $(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" -c 'import networkit, igraph, networkx; print(f"NetworKit {networkit.__version__}, igraph {igraph.__version__}, networkx {networkx.__version__}")' >&2
for spec in "ba_1m_8m.edges --undirected" "plaw_200k_2m.edges --directed"; do
  set -- $spec
  file=bench/data/$1 dir=$2
  cmdir=()
  [ "$dir" = --directed ] && cmdir=(--directed)
  for t in 1 2; do
    echo "crowdmine on $1, $t thread(s)" >&2
    RAYON_NUM_THREADS=$t "$bin" graph bench --graph "$file" "${cmdir[@]}" --pagerank-iterations 20 \
      | tag crowdmine "$1" | tee -a "$jsonl"
  done
  # The values crowdmine computes (components, clustering, assortativity), untimed, to check them.
  "$bin" graph summary --graph "$file" "${cmdir[@]}" --output json | tag crowdmine-summary "$1" >> "$jsonl"
  for t in 1 2; do
    OMP_NUM_THREADS=$t "$py" bench/graph_peers.py "$file" "$dir" --threads "$t" --tool networkit | tee -a "$jsonl"
  done
  OMP_NUM_THREADS=1 "$py" bench/graph_peers.py "$file" "$dir" --threads 1 --tool igraph | tee -a "$jsonl"
  if [ "$1" = plaw_200k_2m.edges ]; then
    OMP_NUM_THREADS=1 "$py" bench/graph_peers.py "$file" "$dir" --threads 1 --tool networkx \
      --timeout "$nx_timeout" | tee -a "$jsonl"
  fi
done
echo "== done $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" bench/graph_table.py "$jsonl" | tee bench/out/graph_kernels.md
