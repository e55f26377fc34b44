#!/usr/bin/env python3
"""Time community detection in crowdmine, igraph, leidenalg or NetworKit; make the table of
bench/communities.sh.

  bench/.venv/bin/python bench/community_peers.py GRAPH_FILE \
      --tool crowdmine|igraph|leidenalg|networkit --threads N [--seeds 1,2,3] \
      [--algorithms leiden,louvain,lpa] [--truth FILE.communities.csv] \
      [--bin target/release/crowdmine] [--work-dir DIR]
  bench/.venv/bin/python bench/community_peers.py --table bench/out/communities.jsonl
  bench/.venv/bin/python bench/community_peers.py --drop bench/out/communities.jsonl GRAPH_NAME...

GRAPH_FILE is an undirected, unweighted edge list with integer node ids 0..n-1: "u v" lines, plus
optional "#" comment lines and one-id lines naming a node (as `crowdmine generate` writes them).
Prints one JSON line: {"tool", "version", "graph", "nodes", "edges", "threads", "seconds":
{"load": s}, "algorithms": {family: {"call", "runs": [{"seed", "seconds", "communities",
"modularity", "nmi", ...}]}}, "notes": [...]}.

One graph for every tool. The edge list is read once in Python (pandas, "#" comments, whitespace
separated) into integer arrays, and each tool's graph is built from those arrays with node i = id
i (igraph `Graph(n, edges)`, NetworKit `Graph(n)` + `addEdges`), so a membership vector means the
same nodes in every tool; crowdmine reads the file itself and its `--out` partition (CSV
node,community) is mapped back by the integer node label. For the peers that read and build is
reported as "load" and is outside the clock.

What is timed (time.perf_counter()), per algorithm and seed:

- crowdmine: `crowdmine communities --graph FILE --method M --seed S --output json --out CSV`
  (leiden with `--iterations N` when given --leiden-iterations N) under RAYON_NUM_THREADS=N (edge lists are undirected unless told). "seconds" is the algorithm
  time crowdmine measures itself and prints in its JSON. "whole" is the whole command, spawn to
  exit, and "whole_minus_load" that minus "load": the median of three whole `crowdmine measure
  degree --graph FILE --top 1 --out CSV` commands on the same file (after one untimed one, to warm
  the page cache). So whole_minus_load also holds the scores crowdmine prints besides the
  partition (coverage, performance, per-community conductance) and the difference between writing
  n communities and n degrees.
- igraph (one thread): leiden = `g.community_leiden(objective_function="modularity",
  n_iterations=-1)` (until an iteration no longer changes the partition), louvain =
  `g.community_multilevel()`; seeded with `random.seed(S)` (python-igraph draws from Python's
  `random`). igraph's label propagation is not run: lpa is compared with NetworKit's PLP.
- leidenalg (one thread): leiden = `leidenalg.find_partition(g, ModularityVertexPartition,
  n_iterations=-1, seed=S)` on the igraph graph.
- NetworKit (nk.setNumberOfThreads(N), nk.setSeed(S, True) before each run): leiden =
  `ParallelLeiden(G)` (defaults: randomize=True, iterations=3, gamma=1), louvain = `PLM(G,
  refine=False)` (other defaults: gamma 1, par "balanced", maxIter 32, turbo, recurse), lpa =
  `PLP(G)`; timed: construction, run() and getPartition().getVector().
- The peers' clocks include turning the result into a membership list.

Every result is scored outside the clock in the same way: modularity (γ = 1) by igraph
`g.modularity(membership)` on the same igraph graph, and with --truth the NMI against the planted
partition by scikit-learn `normalized_mutual_info_score(truth, found)` (arithmetic mean
normalisation). crowdmine's own modularity from its JSON is kept as "modularity_own".
"""
import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

FAMILIES = ("leiden", "louvain", "lpa")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- input

def read_edges(path):
    """(n, edges as an (m, 2) int64 array, notes) from an edge list with integer ids."""
    import pandas as pd

    df = pd.read_csv(path, sep=r"\s+", header=None, comment="#", names=["u", "v"],
                     dtype="float64")
    a = df.to_numpy()
    if np.isnan(a[:, 0]).any():
        sys.exit(f"{path}: a line without a node id")
    both = ~np.isnan(a[:, 1])
    edges = a[both].astype(np.int64)
    ids = np.concatenate([a[:, 0], a[both, 1]]).astype(np.int64)
    if ids.min() < 0 or not np.array_equal(a[both], edges):
        sys.exit(f"{path}: node ids must be integers >= 0")
    n = int(ids.max()) + 1
    notes = []
    named = np.unique(ids).size
    if named != n:
        notes.append(f"{n - named} ids in 0..{n - 1} never named in the file: isolated nodes for "
                     "the peers, absent for crowdmine")
    return n, edges, notes


def read_partition(path, n, node_col, community_col):
    """A membership array indexed by the integer node id (-1: not in the file)."""
    membership = np.full(n, -1, dtype=np.int64)
    labels = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            membership[int(row[node_col])] = labels.setdefault(row[community_col], len(labels))
    return membership


def score(g, membership, truth):
    """Modularity by igraph and NMI against the truth, outside any clock."""
    membership = np.asarray(membership, dtype=np.int64)
    out = {"communities": int(np.unique(membership).size),
           "modularity": float(g.modularity(membership.tolist()))}
    if truth is not None:
        from sklearn.metrics import normalized_mutual_info_score

        out["nmi"] = float(normalized_mutual_info_score(truth, membership))
    return out


def igraph_graph(n, edges):
    import igraph as ig

    return ig.Graph(n=n, edges=edges, directed=False)


# ---------------------------------------------------------------- crowdmine

def whole_command(cmd, threads):
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    return seconds, p.stdout


def extra_args(a, family):
    """crowdmine's options beyond its defaults: a fixed number of Leiden iterations."""
    if family == "leiden" and a.leiden_iterations:
        return ["--iterations", str(a.leiden_iterations)]
    return []


def run_crowdmine(a, n, edges, truth):
    work = a.work_dir or tempfile.mkdtemp()
    out_csv = os.path.join(work, f"crowdmine_{a.threads}t.csv")
    degree = [a.bin, "measure", "degree", "--graph", a.graph, "--top", "1", "--out", out_csv]
    whole_command(degree, a.threads)  # untimed: binary and file into the page cache
    loads = [whole_command(degree, a.threads)[0] for _ in range(3)]
    load = statistics.median(loads)
    log(f"  load (whole `measure degree`, median of 3): {load:.3f} s {[round(x, 3) for x in loads]}")
    runs = {}
    for family in a.algorithms:
        runs[family] = []
        for seed in a.seeds:
            cmd = [a.bin, "communities", "--graph", a.graph, "--method", family, "--seed",
                   str(seed), "--output", "json", "--out", out_csv] + extra_args(a, family)
            whole, stdout = whole_command(cmd, a.threads)
            res = json.loads(stdout)
            membership = read_partition(out_csv, n, "node", "community")
            runs[family].append(dict(seed=seed, seconds=res["seconds"], whole=whole,
                                     whole_minus_load=whole - load,
                                     iterations=res.get("iterations"),
                                     communities_own=res["communities"],
                                     modularity_own=res["modularity"], membership=membership))
            log(f"  {family} seed {seed}: {res['seconds']:.3f} s (own), whole {whole:.3f} s, "
                f"{res['communities']} communities, Q {res['modularity']:.6f}")
    os.remove(out_csv)
    if not a.work_dir:
        os.rmdir(work)
    # Score after all the timed commands, so the igraph graph is not in memory while they run.
    g = igraph_graph(n, edges)
    notes = []
    for family, rs in runs.items():
        for r in rs:
            membership = r.pop("membership")
            if (membership < 0).any():
                notes.append(f"{family} seed {r['seed']}: {(membership < 0).sum()} nodes missing "
                             "from the partition file (scored as one community)")
                membership = np.where(membership < 0, membership.max() + 1, membership)
            r.update(score(g, membership, truth))
            if abs(r["modularity"] - r["modularity_own"]) > 1e-9:
                notes.append(f"{family} seed {r['seed']}: crowdmine's modularity "
                             f"{r['modularity_own']:.9f} differs from igraph's "
                             f"{r['modularity']:.9f}")
    calls = {f: " ".join(["communities --method", f] + extra_args(a, f)
                         + ["--seed S --output json --out CSV"]) for f in runs}
    notes.append("seconds = the algorithm time in crowdmine's JSON; whole_minus_load = whole "
                 "`communities` command - whole `measure degree` command (median of 3) on the "
                 "same file")
    version = subprocess.run([a.bin, "--version"], capture_output=True, text=True).stdout.strip()
    return dict(version=version, nodes=n, edges=int(len(edges)), seconds={"load": load},
                algorithms={f: {"call": calls[f], "runs": rs} for f, rs in runs.items()},
                notes=notes)


# ---------------------------------------------------------------- peers

def timed_runs(a, label, run_one, g, truth, before=None):
    """run_one() -> membership list, timed per seed; before(seed) seeds outside the clock."""
    runs = []
    for seed in a.seeds:
        before(seed)
        t = time.perf_counter()
        membership = run_one(seed)
        seconds = time.perf_counter() - t
        r = dict(seed=seed, seconds=seconds, **score(g, membership, truth))
        runs.append(r)
        log(f"  {label} seed {seed}: {seconds:.3f} s, {r['communities']} communities, "
            f"Q {r['modularity']:.6f}" + (f", NMI {r['nmi']:.4f}" if "nmi" in r else ""))
    return runs


def run_igraph(a, n, edges, truth):
    import igraph as ig

    seconds = {}
    t = time.perf_counter()
    g = igraph_graph(n, edges)
    seconds["load"] = time.perf_counter() - t
    algorithms, notes = {}, []
    calls = {
        "leiden": ('community_leiden(objective_function="modularity", n_iterations=-1)',
                   lambda s: g.community_leiden(objective_function="modularity",
                                                n_iterations=-1).membership),
        "louvain": ("community_multilevel()", lambda s: g.community_multilevel().membership),
    }
    for family in a.algorithms:
        if family not in calls:
            notes.append(f"{family}: not run for igraph")
            continue
        call, fn = calls[family]
        algorithms[family] = {"call": call, "runs": timed_runs(a, family, fn, g, truth,
                                                               before=random.seed)}
    notes.append("seeded by random.seed(S): python-igraph uses Python's random module")
    return dict(version=ig.__version__, nodes=n, edges=g.ecount(), seconds=seconds,
                simple=g.is_simple(), algorithms=algorithms, notes=notes)


def run_leidenalg(a, n, edges, truth):
    import leidenalg

    seconds = {}
    t = time.perf_counter()
    g = igraph_graph(n, edges)
    seconds["load"] = time.perf_counter() - t
    algorithms, notes = {}, []
    for family in a.algorithms:
        if family != "leiden":
            notes.append(f"{family}: not run for leidenalg")
            continue
        fn = lambda s: leidenalg.find_partition(g, leidenalg.ModularityVertexPartition,
                                                n_iterations=-1, seed=s).membership
        algorithms[family] = {
            "call": "find_partition(g, ModularityVertexPartition, n_iterations=-1, seed=S)",
            "runs": timed_runs(a, family, fn, g, truth, before=lambda s: None)}
    return dict(version=leidenalg.__version__, nodes=n, edges=g.ecount(), seconds=seconds,
                algorithms=algorithms, notes=notes)


def run_networkit(a, n, edges, truth):
    import networkit as nk

    nk.setNumberOfThreads(a.threads)
    nk.engineering.setLogLevel("ERROR")
    seconds = {}
    t = time.perf_counter()
    G = nk.Graph(n)
    G.addEdges((edges[:, 0].astype(np.uint64), edges[:, 1].astype(np.uint64)))
    seconds["load"] = time.perf_counter() - t
    g = igraph_graph(n, edges)  # for scoring only
    calls = {
        "leiden": ("ParallelLeiden(G)", lambda: nk.community.ParallelLeiden(G)),
        "louvain": ("PLM(G, refine=False)", lambda: nk.community.PLM(G, refine=False)),
        "lpa": ("PLP(G)", lambda: nk.community.PLP(G)),
    }
    algorithms, notes = {}, []

    def one(make):
        algo = make()
        algo.run()
        return algo.getPartition().getVector()

    for family in a.algorithms:
        call, make = calls[family]
        algorithms[family] = {
            "call": call,
            "runs": timed_runs(a, family, lambda s: one(make), g, truth,
                               before=lambda s: nk.setSeed(s, True))}
    notes.append("nk.setSeed(S, True) and nk.setNumberOfThreads(N) before each run; "
                 "ParallelLeiden's defaults: iterations=3 (at most three Leiden rounds), "
                 "randomize=True")
    return dict(version=nk.__version__, nodes=G.numberOfNodes(), edges=G.numberOfEdges(),
                seconds=seconds, algorithms=algorithms, notes=notes)


# ---------------------------------------------------------------- table

TOOL_NAMES = {"crowdmine": "crowdmine", "igraph": "igraph", "leidenalg": "leidenalg",
              "networkit": "NetworKit"}
TOOL_ORDER = ("crowdmine", "igraph", "leidenalg", "networkit")
# Peers a crowdmine family is compared with: (tool, same thread count?). igraph is
# single-threaded, so its one-thread time stands at every thread count.
RATIO_PEERS = {"leiden": (("igraph", False), ("networkit", True)),
               "louvain": (("igraph", False), ("networkit", True)),
               "lpa": (("networkit", True),)}


def fmt(s):
    if s is None:
        return "–"
    if s < 0.1:
        return f"{s:.4f}"
    return f"{s:.3f}" if s < 10 else f"{s:.1f}"


def best_median(values):
    return (min(values), statistics.median(values)) if values else (None, None)


def table(jsonl):
    rows = [json.loads(line) for line in open(jsonl) if line.strip()]
    graphs, runs = [], {}
    for r in rows:
        if r["graph"] not in graphs:
            graphs.append(r["graph"])
        runs[(r["graph"], r["tool"], r["threads"])] = r
    head = ["input", "tool", "algorithm", "threads", "time best / median (s)",
            "crowdmine whole − load, best / median (s)", "communities", "modularity (best run)",
            "NMI (LFR)", "faster peer ÷ crowdmine, best / median"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    notes = []
    for graph in graphs:
        first = True

        def times(tool, t, family, key="seconds"):
            fam = runs.get((graph, tool, t), {}).get("algorithms", {}).get(family)
            return best_median([r[key] for r in fam["runs"]]) if fam else (None, None)

        for family in FAMILIES:
            for tool in TOOL_ORDER:
                for t in (1, 2):
                    r = runs.get((graph, tool, t))
                    if not r or family not in r.get("algorithms", {}):
                        continue
                    fam = r["algorithms"][family]
                    best, median = times(tool, t, family)
                    top = max(fam["runs"], key=lambda x: x["modularity"])
                    whole = ratio = "–"
                    if tool == "crowdmine":
                        wb, wm = times(tool, t, family, "whole_minus_load")
                        whole = f"{fmt(wb)} / {fmt(wm)}"
                        peers = []
                        for peer, same in RATIO_PEERS[family]:
                            pb, pm = times(peer, t if same else 1, family)
                            if pb is not None:
                                peers.append((pb, pm, TOOL_NAMES[peer]))
                        if peers and best > 0:
                            pb, pm, name = min(peers)
                            ratio = f"{pb / best:.2f} / {pm / median:.2f} ({name})"
                    nmi = f"{top['nmi']:.4f}" if "nmi" in top else "–"
                    label = graph.rsplit(".", 1)[0] if first else ""
                    first = False
                    name = family if tool == "crowdmine" else f"{family} ({fam['call'].split('(')[0]})"
                    print(f"| {label} | {TOOL_NAMES[tool]} | {name}"
                          f" | {t} | {fmt(best)} / {fmt(median)} | {whole} "
                          f"| {top['communities']} | {top['modularity']:.5f} | {nmi} | {ratio} |")
        for (gr, tool, t), r in sorted(runs.items()):
            if gr != graph:
                continue
            desc = f"{graph.rsplit('.', 1)[0]}, {TOOL_NAMES[tool]} {t}t"
            line = f"- {desc}: {r.get('version', '?')}, {r['nodes']:,} nodes, {r['edges']:,} " \
                   f"edges, load {fmt(r['seconds'].get('load'))} s"
            notes.append(line)
            for fam in r.get("algorithms", {}).values():
                seeds = ", ".join(f"{x['seed']}: {fmt(x['seconds'])} s Q {x['modularity']:.5f}"
                                  + (f" NMI {x['nmi']:.4f}" if "nmi" in x else "")
                                  for x in fam["runs"])
                notes.append(f"  - {fam['call']} — {seeds}")
            for note in r.get("notes", []):
                notes.append(f"  - {note}")
    print()
    print("Times: crowdmine's is the algorithm time it prints in its JSON (\"seconds\"); its whole "
          "command minus a whole `crowdmine measure degree` command on the same file is shown "
          "beside it. The peers' is the call alone, the graph built before the clock. Best and "
          "median over the seeds. Modularity: igraph `modularity()` of each partition on the same "
          "graph (γ = 1), the highest over the seeds, with its NMI (scikit-learn, arithmetic). "
          "Ratio: the faster peer's time (igraph's single-threaded time at both thread counts, "
          "NetworKit at the same thread count) ÷ crowdmine's: > 1 means crowdmine is faster.")
    print()
    print("\n".join(notes))
    print()


def drop(jsonl, graphs):
    """Remove the lines of these graphs from jsonl (before they are run again)."""
    if not os.path.exists(jsonl):
        return
    with open(jsonl) as f:
        keep = [line for line in f if line.strip() and json.loads(line)["graph"] not in graphs]
    with open(jsonl, "w") as f:
        f.writelines(keep)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--table":
        table(sys.argv[2])
        return
    if len(sys.argv) >= 3 and sys.argv[1] == "--drop":
        drop(sys.argv[2], set(sys.argv[3:]))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("graph")
    ap.add_argument("--tool", required=True, choices=list(TOOL_ORDER))
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--algorithms", default=",".join(FAMILIES),
                    help=f"comma-separated: {', '.join(FAMILIES)}")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--truth", help="planted partition, CSV node,community")
    ap.add_argument("--bin", default="target/release/crowdmine")
    ap.add_argument("--leiden-iterations", type=int,
                    help="crowdmine: Leiden with --iterations N (default: its own stopping rule)")
    ap.add_argument("--work-dir", help="crowdmine: where its partition file goes (default: a "
                                       "temporary directory)")
    a = ap.parse_args()
    a.algorithms = [f for f in a.algorithms.split(",") if f]
    for f in a.algorithms:
        if f not in FAMILIES:
            ap.error(f"unknown algorithm {f}")
    a.seeds = [int(s) for s in a.seeds.split(",") if s]
    log(f"{a.tool} on {os.path.basename(a.graph)}, {a.threads} thread(s)")
    t = time.perf_counter()
    n, edges, notes = read_edges(a.graph)
    log(f"  read {n:,} nodes, {len(edges):,} edges in {time.perf_counter() - t:.1f} s")
    truth = None
    if a.truth:
        truth = read_partition(a.truth, n, "node", "community")
        if (truth < 0).any():
            sys.exit(f"{a.truth}: {(truth < 0).sum()} nodes without a planted community")
    res = {"crowdmine": run_crowdmine, "igraph": run_igraph, "leidenalg": run_leidenalg,
           "networkit": run_networkit}[a.tool](a, n, edges, truth)
    res["notes"] = notes + res.get("notes", [])
    out = dict(tool=a.tool, graph=os.path.basename(a.graph), directed=False, threads=a.threads,
               truth=os.path.basename(a.truth) if a.truth else None)
    out.update(res)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
