#!/usr/bin/env python3
"""NMI of leidenalg and the infomap package on LFR benchmark graphs, for the crowdmine
community-detection tests (`crates/crowdmine-graph/tests/communities_reference.rs`).

Command (from the repo root, after `cargo build --release -p crowdmine-cli`):

    bench/.venv/bin/python tools/lfr_communities_expected.py

The graphs come from crowdmine's own LFR generator (the network-models issue), so that the Rust
test can rebuild the identical graph from the same parameters and seed; the file records each
graph's edge count and an order-independent checksum to prove it. Parameters: n = 10,000,
average degree 20, maximum degree 50, tau1 2, tau2 1, communities of 20 to 100 nodes, seed 1,
mixing mu = 0.1, 0.2, ..., 0.7. For each mu:

* leidenalg: `find_partition(g, ModularityVertexPartition, n_iterations=-1, seed=s)` for
  s = 0..4; "nmi_best_modularity" is the NMI (scikit-learn, arithmetic) to the planted
  communities of the run with the highest modularity, "nmi_best" the best NMI of the five;
* infomap: `Infomap("--two-level --num-trials 5 --seed 123 --silent")`, undirected: NMI and
  codelength.

Writes crates/crowdmine-graph/tests/fixtures/communities_lfr.json. The binary is
`$CARGO_TARGET_DIR/release/crowdmine` (default `target/release/crowdmine`).
"""
import json
import os
import platform
import subprocess
import tempfile
import time
from pathlib import Path

import igraph as ig
import infomap
import leidenalg
from sklearn.metrics import normalized_mutual_info_score

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "crowdmine"
OUT = ROOT / "crates/crowdmine-graph/tests/fixtures/communities_lfr.json"
PARAMS = dict(n=10000, avg_degree=20, max_degree=50, tau1=2.0, tau2=1.0, min_community=20,
              max_community=100, seed=1)
MUS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]


def checksum(edges):
    """Order-independent: the sum over edges (u < v) of (u * 1_000_003 + v) modulo 2^61 - 1."""
    total = 0
    for u, v in edges:
        a, b = min(u, v), max(u, v)
        total = (total + a * 1_000_003 + b) % ((1 << 61) - 1)
    return total


def generate(mu, folder):
    path = Path(folder) / f"lfr_{mu}.edges"
    p = PARAMS
    subprocess.run(
        [str(BIN), "generate", "lfr", "--n", str(p["n"]), "--avg-degree", str(p["avg_degree"]),
         "--max-degree", str(p["max_degree"]), "--tau1", str(p["tau1"]), "--tau2", str(p["tau2"]),
         "--mu", str(mu), "--min-community", str(p["min_community"]),
         "--max-community", str(p["max_community"]), "--seed", str(p["seed"]), "--out", str(path)],
        check=True, capture_output=True)
    edges = []
    for line in path.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        tokens = line.split()
        if len(tokens) >= 2:  # a single token is a node written for the node order
            edges.append((int(tokens[0]), int(tokens[1])))
    truth = {}
    for line in (Path(folder) / f"lfr_{mu}.communities.csv").read_text().splitlines()[1:]:
        node, community = line.split(",")
        truth[int(node)] = int(community)
    return edges, [truth[u] for u in range(p["n"])]


def main():
    result = {"params": PARAMS, "mu": {}, "meta": {
        "generator": "tools/lfr_communities_expected.py",
        "command": "bench/.venv/bin/python tools/lfr_communities_expected.py",
        "versions": {"python": platform.python_version(), "igraph": ig.__version__,
                     "leidenalg": leidenalg.__version__, "infomap": infomap.__version__},
        "leidenalg_call": "leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, n_iterations=-1, seed=s), s = 0..4",
        "infomap_call": "infomap.Infomap('--two-level --num-trials 5 --seed 123 --silent')",
        "nmi": "sklearn.metrics.normalized_mutual_info_score(planted, found) (arithmetic)",
        "checksum": checksum.__doc__,
    }}
    with tempfile.TemporaryDirectory() as folder:
        for mu in MUS:
            edges, truth = generate(mu, folder)
            g = ig.Graph(n=PARAMS["n"], edges=edges)
            runs = []
            for s in range(5):
                t0 = time.perf_counter()
                part = leidenalg.find_partition(g, leidenalg.ModularityVertexPartition,
                                                n_iterations=-1, seed=s)
                runs.append(dict(seed=s, modularity=g.modularity(part.membership),
                                 communities=len(part),
                                 nmi=normalized_mutual_info_score(truth, part.membership),
                                 seconds=round(time.perf_counter() - t0, 3)))
            best = max(runs, key=lambda r: r["modularity"])
            im = infomap.Infomap("--two-level --num-trials 5 --seed 123 --silent")
            for u in range(PARAMS["n"]):
                im.add_node(u)
            for u, v in edges:
                im.add_link(u, v)
            t0 = time.perf_counter()
            run = im.run()
            seconds = time.perf_counter() - t0
            modules = dict(run.modules())
            membership = [modules[u] for u in range(PARAMS["n"])]
            entry = dict(
                edges=len(edges), checksum=checksum(edges), planted=len(set(truth)),
                leidenalg=dict(runs=runs, nmi_best_modularity=best["nmi"],
                               best_modularity=best["modularity"],
                               nmi_best=max(r["nmi"] for r in runs)),
                infomap=dict(nmi=normalized_mutual_info_score(truth, membership),
                             codelength=run.codelength, modules=run.num_top_modules,
                             seconds=round(seconds, 3)))
            result["mu"][str(mu)] = entry
            print(f"mu {mu}: m {len(edges)}, leidenalg NMI {best['nmi']:.4f} (Q {best['modularity']:.4f}), "
                  f"infomap NMI {entry['infomap']['nmi']:.4f} ({run.num_top_modules} modules)")
    OUT.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
