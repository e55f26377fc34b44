"""Realised statistics of NetworKit's LFRGenerator, the reference for crowdmine's LFR generator.

The issue asks to compare realised statistics, not graphs: for each mixing μ in {0.1, 0.3, 0.5}
at n = 5000 with the LFR paper's parameters (k̄ 20, k_max 50, τ1 2, τ2 1, communities 20–100),
five NetworKit seeds give the mean over seeds of: mean degree, max degree, realised mixing (edges
between communities / all edges), number of communities, smallest and largest community.

Run: bench/.venv/bin/python tools/lfr_reference.py
Writes crates/crowdmine-graph/tests/fixtures/lfr_networkit.json.
"""
import json
import pathlib
import statistics

import networkit as nk

PARAMS = dict(n=5000, avg_degree=20, max_degree=50, tau1=2.0, tau2=1.0, c_min=20, c_max=100)
SEEDS = [1, 2, 3, 4, 5]


def run(mu, seed):
    nk.engineering.setSeed(seed, True)
    gen = nk.generators.LFRGenerator(PARAMS["n"])
    gen.generatePowerlawDegreeSequence(PARAMS["avg_degree"], PARAMS["max_degree"], -PARAMS["tau1"])
    gen.generatePowerlawCommunitySizeSequence(PARAMS["c_min"], PARAMS["c_max"], -PARAMS["tau2"])
    gen.setMu(mu)
    g = gen.generate()
    part = gen.getPartition()
    between = sum(1 for u, v in g.iterEdges() if part[u] != part[v])
    sizes = [len(part.getMembers(c)) for c in part.getSubsetIds()]
    degrees = [g.degree(u) for u in g.iterNodes()]
    return dict(
        mean_degree=2 * g.numberOfEdges() / g.numberOfNodes(),
        max_degree=max(degrees),
        mixing=between / g.numberOfEdges(),
        communities=len(sizes),
        min_community=min(sizes),
        max_community=max(sizes),
    )


def main():
    out = {"networkit": nk.__version__, "params": PARAMS, "seeds": SEEDS, "by_mu": {}}
    for mu in (0.1, 0.3, 0.5):
        runs = [run(mu, s) for s in SEEDS]
        out["by_mu"][str(mu)] = {k: statistics.mean(r[k] for r in runs) for k in runs[0]}
        print(mu, out["by_mu"][str(mu)])
    path = pathlib.Path(__file__).resolve().parent.parent / "crates/crowdmine-graph/tests/fixtures/lfr_networkit.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
