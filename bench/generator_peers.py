"""Times the peers' graph generators on the models `generators.sh` compares, one JSON line per run.

Usage: generator_peers.py --tool networkit|igraph --threads T
Each line: {"tool", "threads", "model", "seconds", "nodes", "edges", ...realised statistics}.
"""
import argparse
import json
import time

N = 1_000_000
BA_M = 8
ER_P = 16 / (N - 1)  # mean degree 16, as the BA graph
LFR = dict(n=N, avg_degree=20, max_degree=50, tau1=2.0, tau2=1.0, mu=0.3, c_min=20, c_max=100)


def emit(tool, threads, model, seconds, n, m, **extra):
    print(json.dumps(dict(tool=tool, threads=threads, model=model, seconds=round(seconds, 4),
                          nodes=n, edges=m, **extra)), flush=True)


def networkit(threads):
    import networkit as nk
    nk.setNumberOfThreads(threads)
    nk.engineering.setSeed(1, True)
    t = time.perf_counter()
    g = nk.generators.BarabasiAlbertGenerator(BA_M, N, 0).generate()
    emit("networkit", threads, "ba", time.perf_counter() - t, g.numberOfNodes(), g.numberOfEdges())
    t = time.perf_counter()
    g = nk.generators.ErdosRenyiGenerator(N, ER_P).generate()
    emit("networkit", threads, "er", time.perf_counter() - t, g.numberOfNodes(), g.numberOfEdges())
    t = time.perf_counter()
    gen = nk.generators.LFRGenerator(LFR["n"])
    gen.generatePowerlawDegreeSequence(LFR["avg_degree"], LFR["max_degree"], -LFR["tau1"])
    gen.generatePowerlawCommunitySizeSequence(LFR["c_min"], LFR["c_max"], -LFR["tau2"])
    gen.setMu(LFR["mu"])
    g = gen.generate()
    seconds = time.perf_counter() - t
    part = gen.getPartition()
    between = sum(1 for u, v in g.iterEdges() if part[u] != part[v])
    emit("networkit", threads, "lfr", seconds, g.numberOfNodes(), g.numberOfEdges(),
         mixing=round(between / g.numberOfEdges(), 4), communities=part.numberOfSubsets())


def igraph(threads):
    import igraph as ig
    import random
    random.seed(1)
    t = time.perf_counter()
    g = ig.Graph.Barabasi(N, BA_M)
    emit("igraph", threads, "ba", time.perf_counter() - t, g.vcount(), g.ecount())
    t = time.perf_counter()
    g = ig.Graph.Erdos_Renyi(N, ER_P)
    emit("igraph", threads, "er", time.perf_counter() - t, g.vcount(), g.ecount())


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True, choices=["networkit", "igraph"])
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    {"networkit": networkit, "igraph": igraph}[a.tool](a.threads)
