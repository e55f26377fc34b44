#!/usr/bin/env bash
# Generators side by side at 1,000,000 nodes: Barabási–Albert (m = 8), Erdős–Rényi G(n, p) with
# mean degree 16, and LFR (k̄ 20, k_max 50, τ1 2, τ2 1, μ 0.3, communities 20–100), crowdmine against
# NetworKit (1 and 2 threads) and igraph (BA and ER; igraph has no LFR). crowdmine's time is the
# one it prints for generation, CSR build included, file writing excluded; the peers' is
# time.perf_counter() around the generator call. Writes bench/out/generators.jsonl and a table.
# SKIP_BUILD=1 times the binary already built.
set -euo pipefail
cd "$(dirname "$0")/.."
py=bench/.venv/bin/python
bin=target/release/crowdmine
[ "${SKIP_BUILD:-}" = 1 ] || cargo build --release -q -p crowdmine-cli
if ! "$py" -c "import networkit, igraph" 2> /dev/null; then
  [ -x "$py" ] || python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q networkit python-igraph
fi
mkdir -p bench/out
jsonl=bench/out/generators.jsonl
: > "$jsonl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== $(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
crowdmine() { # threads, model, args...
  local t=$1 model=$2
  shift 2
  local line
  line=$(RAYON_NUM_THREADS=$t "$bin" generate "$model" "$@" --seed 1 --out "$tmp/g.edges" 2>&1 \
    | grep '^generated')
  "$py" - "$t" "$model" "$line" <<'PY' | tee -a "$jsonl"
import json, re, sys
t, model, line = sys.argv[1:]
m = re.match(r"generated (\d+) nodes and (\d+) edges in ([0-9.]+) s", line)
out = dict(tool="crowdmine", threads=int(t), model=model, seconds=float(m[3]),
           nodes=int(m[1]), edges=int(m[2]))
mix = re.search(r"realised mixing ([0-9.]+)", line)
if mix:
    out["mixing"] = float(mix[1])
print(json.dumps(out))
PY
}
for t in 1 2; do
  crowdmine $t ba --n 1000000 --m 8
  crowdmine $t er --n 1000000 --p 0.000016000016
  crowdmine $t lfr --n 1000000 --avg-degree 20 --max-degree 50 --tau1 2 --tau2 1 --mu 0.3 \
    --min-community 20 --max-community 100
  OMP_NUM_THREADS=$t "$py" bench/generator_peers.py --tool networkit --threads $t | tee -a "$jsonl"
done
OMP_NUM_THREADS=1 "$py" bench/generator_peers.py --tool igraph --threads 1 | tee -a "$jsonl"
echo "== done $(date -u +%FT%TZ)" >&2
"$py" - "$jsonl" <<'PY' | tee bench/out/generators.md
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def sec(tool, model, t):
    for r in rows:
        if (r["tool"], r["model"], r["threads"]) == (tool, model, t):
            return r["seconds"]
    return None
print("| model | crowdmine 1t | crowdmine 2t | NetworKit 1t | NetworKit 2t | igraph | faster peer 1t ÷ crowdmine 1t | NetworKit 2t ÷ crowdmine 2t |")
print("|---|---|---|---|---|---|---|---|")
fmt = lambda x: "–" if x is None else f"{x:.3f}"
for model in ["ba", "er", "lfr"]:
    c1, c2 = sec("crowdmine", model, 1), sec("crowdmine", model, 2)
    n1, n2, ig = sec("networkit", model, 1), sec("networkit", model, 2), sec("igraph", model, 1)
    peers = [x for x in (n1, ig) if x is not None]
    best = min(peers) if peers else None
    r1 = "–" if best is None or not c1 else f"{best / c1:.2f}"
    r2 = "–" if n2 is None or not c2 else f"{n2 / c2:.2f}"
    print(f"| {model} | {fmt(c1)} | {fmt(c2)} | {fmt(n1)} | {fmt(n2)} | {fmt(ig)} | {r1} | {r2} |")
print()
for r in rows:
    extra = {k: v for k, v in r.items() if k in ("mixing", "communities")}
    print(f"- {r['tool']} {r['threads']}t {r['model']}: {r['nodes']} nodes, {r['edges']} edges {extra or ''}")
PY
