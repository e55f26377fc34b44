#!/usr/bin/env python3
"""Time path-based centralities in crowdmine, NetworKit or igraph; make the table of bench/paths.sh.

  bench/.venv/bin/python bench/path_peers.py GRAPH_FILE --tool crowdmine|networkit|igraph \
      --threads N [--measures betweenness,closeness,harmonic | --measures betweenness-approx] \
      [--bin target/release/crowdmine] [--csv-dir DIR] [--check-dir DIR] \
      [--epsilon 0.01 --delta 0.1 --seed 1]
  bench/.venv/bin/python bench/path_peers.py --table bench/out/paths.jsonl

GRAPH_FILE is an undirected "u v" edge list with node ids 0..n-1 (bench/make_graphs.py). Prints one
JSON line: {"tool", "version", "graph", "nodes", "edges", "directed", "threads",
"seconds": {"load": s, measure: s}, "values": {...}, "check": {...}, "notes": [...]}.

What is timed (time.perf_counter()):

- crowdmine: whole commands, `crowdmine measure METRIC --graph FILE --undirected --top 1
  [--out CSV]` (exact measures with --out /dev/null, or DIR/METRIC.csv with --csv-dir; the
  approximate one without --out) under RAYON_NUM_THREADS=N, from spawn to exit. A command holds
  process start, reading and building the graph, the measure, the top-1 sort and the output.
  `crowdmine measure degree` with the same options is run first (once untimed, to warm the page
  cache, then timed): its whole time is reported as "load", and each measure's "seconds" is its
  whole time minus that of the degree run (degree itself, O(m), and the output of n values are
  left in the baseline). The whole times are kept under "whole". betweenness-approx: the number of samples crowdmine prints goes to "values".
- NetworKit, igraph: only the computation, including turning the scores into a Python list (as
  bench/graph_peers.py); the graph is read before the clock (reader time reported as "load").
  NetworKit Betweenness(G, normalized=True), Closeness(G, True, ClosenessVariant.GENERALIZED),
  HarmonicCloseness(G, normalized=False), KadabraBetweenness(G, epsilon, delta) (seed 1 with
  useThreadId, as KADABRA requires; its number of samples, getNumberOfIterations(), and the bound
  getOmega() go to "values"); threads via nk.setNumberOfThreads. igraph betweenness(),
  closeness(), harmonic_centrality(), one thread; igraph has no approximate betweenness
  (betweenness(cutoff=...) bounds the path length, a different measure), so it is not run there.

Scales (checked on a 300-node BA graph against networkx 3.6.1):
- betweenness: crowdmine and NetworKit normalized=True both give NetworkX's normalised value
  (raw over ordered pairs / ((n-1)(n-2)); NetworKit's unnormalised undirected scores already
  count ordered pairs, twice networkx's raw value). igraph's betweenness() is raw over unordered
  pairs: x 2/((n-1)(n-2)) for the check.
- closeness: NetworKit GENERALIZED and crowdmine are Wasserman-Faust (NetworkX); igraph's
  closeness() uses only reachable nodes, the same on a connected graph.
- harmonic: crowdmine and NetworKit normalized=False are sums of 1/d; igraph's
  harmonic_centrality() divides by n-1: x (n-1) for the check.
- KADABRA: the share of sampled paths (ordered pairs s != t) through v, doubled on undirected
  graphs: about 2(n-2)/n x NetworkX's value; x n/(2(n-2)) to put it on crowdmine's scale. (On
  the 300-node graph with err 0.002 its scores summed to ~1 % more than that factor predicts.)
  getNumberOfIterations() counts the samples of both its phases.

--check-dir DIR (NetworKit, igraph): compares each exact measure with crowdmine's DIR/METRIC.csv
(node,value), relative difference |a-b| / max(|a|, |b|) (0 when both are 0), limit 1e-9.
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
import time

import numpy as np

EXACT = ("betweenness", "closeness", "harmonic")
APPROX = "betweenness-approx"
TOLERANCE = 1e-9


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(name, seconds, fn):
    t = time.perf_counter()
    value = fn()
    seconds[name] = time.perf_counter() - t
    log(f"  {name}: {seconds[name]:.3f} s")
    return value


# ---------------------------------------------------------------- crowdmine

def crowdmine_run(binary, path, metric, threads, out, extra):
    cmd = [binary, "measure", metric, "--graph", path, "--undirected", "--top", "1", *extra]
    if out:
        cmd += ["--out", out]
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    top = None
    for line in p.stdout.splitlines():
        cells = [c.strip() for c in re.split(r"[│┆|]", line)]
        cells = [c for c in cells if c]
        if len(cells) == 4 and cells[0] == "1":
            top = {"node": cells[1], "value": float(cells[3])}
    size = re.search(r"^(\d+) nodes, (\d+) edges", p.stdout, re.M)
    log(f"  {metric} (whole command): {seconds:.3f} s")
    return seconds, top, (int(size[1]), int(size[2])) if size else (None, None), p.stderr


def run_crowdmine(a):
    whole, values, seconds, notes = {}, {}, {}, []
    approx = a.measures == [APPROX]
    extra = ["--epsilon", str(a.epsilon), "--delta", str(a.delta), "--seed", str(a.seed)]

    def out_for(metric):
        if approx:
            return None
        return os.path.join(a.csv_dir, f"{metric}.csv") if a.csv_dir else "/dev/null"

    # Untimed warm-up: the binary and the graph file into the page cache.
    crowdmine_run(a.bin, a.graph, "degree", a.threads, out_for("degree"), [])
    whole["degree"], _, (n, m), _ = crowdmine_run(a.bin, a.graph, "degree", a.threads,
                                                  out_for("degree"), [])
    seconds["load"] = whole["degree"]
    for metric in a.measures:
        s, top, _, err = crowdmine_run(a.bin, a.graph, metric, a.threads, out_for(metric),
                                       extra if metric == APPROX else [])
        whole[metric] = s
        seconds[metric] = s - whole["degree"]
        v = {"top": top}
        if metric == APPROX:
            got = re.search(r"(\d+) shortest paths sampled \(vertex-diameter bound (\d+)\): every "
                            r"value within ([0-9.e-]+)", err)
            if got:
                v.update(samples=int(got[1]), vertex_diameter_bound=int(got[2]),
                         error_bound=float(got[3]))
        values[metric] = v
    notes.append("seconds = whole `measure METRIC` command - whole `measure degree` command "
                 "(same file and options); load = the whole degree command")
    version = subprocess.run([a.bin, "--version"], capture_output=True, text=True).stdout.strip()
    return dict(version=version, nodes=n, edges=m, seconds=seconds, whole=whole, values=values,
                notes=notes)


# ---------------------------------------------------------------- peers

def read_crowdmine_csv(path, n):
    x = np.full(n, np.nan)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            x[int(row["node"])] = float(row["value"])
    return x


def compare(mine, theirs):
    a, b = np.asarray(mine, dtype=float), np.asarray(theirs, dtype=float)
    if a.shape != b.shape or np.isnan(a).any():
        return {"ok": False, "error": f"{np.isnan(a).sum()} nodes missing or sizes differ "
                                      f"({a.shape} against {b.shape})"}
    den = np.maximum(np.abs(a), np.abs(b))
    rel = np.where(den > 0, np.abs(a - b) / np.where(den > 0, den, 1), 0.0)
    return {"max_rel_diff": float(rel.max()), "max_abs_diff": float(np.abs(a - b).max()),
            "ok": bool(rel.max() <= TOLERANCE)}


def check(check_dir, n, results, to_crowdmine_scale):
    out = {}
    for metric, scores in results.items():
        path = os.path.join(check_dir, f"{metric}.csv")
        if metric == APPROX or not os.path.exists(path):
            continue
        c = compare(read_crowdmine_csv(path, n), to_crowdmine_scale(metric, np.asarray(scores)))
        out[metric] = c
        log(f"  check {metric} against crowdmine: max relative difference "
            f"{c.get('max_rel_diff', float('nan')):.3g} ({'ok' if c['ok'] else 'FAILED'})")
    return out


def run_networkit(a):
    import networkit as nk

    nk.setNumberOfThreads(a.threads)
    nk.engineering.setLogLevel("ERROR")
    nk.engineering.setSeed(a.seed, True)  # KADABRA needs useThreadId
    seconds, values, results, notes = {}, {}, {}, []
    G = timed("load", seconds, lambda: nk.graphio.EdgeListReader(" ", 0, directed=False).read(a.graph))
    n = G.numberOfNodes()

    def run(algo):
        algo.run()
        return algo.scores()

    for metric in a.measures:
        if metric == "betweenness":
            results[metric] = timed(metric, seconds,
                                    lambda: run(nk.centrality.Betweenness(G, normalized=True)))
        elif metric == "closeness":
            results[metric] = timed(metric, seconds, lambda: run(nk.centrality.Closeness(
                G, True, nk.centrality.ClosenessVariant.GENERALIZED)))
        elif metric == "harmonic":
            results[metric] = timed(metric, seconds, lambda: run(
                nk.centrality.HarmonicCloseness(G, normalized=False)))
        elif metric == APPROX:
            kadabra = nk.centrality.KadabraBetweenness(G, a.epsilon, a.delta)
            s = np.asarray(timed(metric, seconds, lambda: run(kadabra)))
            top = int(s.argmax())
            values[metric] = {
                "samples": kadabra.getNumberOfIterations(), "omega": kadabra.getOmega(),
                # On crowdmine's (NetworkX's) scale: KADABRA doubles the share of sampled
                # ordered pairs on undirected graphs, which is 2 (n-2)/n of NetworkX's value.
                "top": {"node": str(top), "value": float(s[top] * n / (2 * (n - 2)))}}
            notes.append(f"{APPROX}: KadabraBetweenness(G, {a.epsilon}, {a.delta}), seed "
                         f"{a.seed}; top value converted x n/(2(n-2)) to NetworkX's scale")
    for metric in EXACT:
        if metric in results:
            s = np.asarray(results[metric])
            values[metric] = {"top": {"node": str(int(s.argmax())), "value": float(s.max())}}
    if a.check_dir:
        out = check(a.check_dir, n, results, lambda metric, s: s)
    else:
        out = {}
    if results:
        notes.append("Betweenness(normalized=True) is NetworkX's scale; Closeness GENERALIZED; "
                     "HarmonicCloseness(normalized=False)")
    return dict(version=nk.__version__, nodes=n, edges=G.numberOfEdges(), seconds=seconds,
                values=values, check=out, notes=notes)


def run_igraph(a):
    import igraph as ig

    seconds, values, results, notes = {}, {}, {}, []
    g = timed("load", seconds, lambda: ig.Graph.Read_Edgelist(a.graph, directed=False))
    n = g.vcount()
    for metric in a.measures:
        if metric == "betweenness":
            results[metric] = timed(metric, seconds, lambda: g.betweenness())
        elif metric == "closeness":
            results[metric] = timed(metric, seconds, lambda: g.closeness())
        elif metric == "harmonic":
            results[metric] = timed(metric, seconds, lambda: g.harmonic_centrality())
        elif metric == APPROX:
            notes.append(f"{APPROX}: not run (igraph has no approximate betweenness; "
                         "betweenness(cutoff=...) bounds path lengths instead)")

    def scale(metric, s):
        if metric == "betweenness":
            return s * 2 / ((n - 1) * (n - 2))
        if metric == "harmonic":
            return s * (n - 1)
        return s

    for metric in EXACT:
        if metric in results:
            s = scale(metric, np.asarray(results[metric], dtype=float))
            values[metric] = {"top": {"node": str(int(s.argmax())), "value": float(s.max())}}
    out = check(a.check_dir, n, results, scale) if a.check_dir else {}
    if "closeness" in results and not g.is_connected():
        notes.append("closeness: graph not connected; igraph's closeness uses reachable nodes "
                     "only, not Wasserman-Faust")
    if results:
        notes.append("betweenness() raw (unordered pairs) x 2/((n-1)(n-2)), harmonic_centrality() "
                     "x (n-1), both outside the timing, for the values and the check")
    return dict(version=ig.__version__, nodes=n, edges=g.ecount(), seconds=seconds,
                values=values, check=out, notes=notes)


# ---------------------------------------------------------------- table

def fmt(s):
    if s is None:
        return "–"
    return f"{s:.3f}" if s < 10 else f"{s:.1f}"


def table(jsonl):
    rows = [json.loads(line) for line in open(jsonl) if line.strip()]
    graphs, runs = [], {}
    for r in rows:
        if r["graph"] not in graphs:
            graphs.append(r["graph"])
        runs[(r["graph"], r["tool"], r["threads"])] = r
    head = ["measure", "crowdmine 1t", "crowdmine 2t", "NetworKit 1t", "NetworKit 2t", "igraph",
            "faster peer 1t ÷ crowdmine 1t", "NetworKit 2t ÷ crowdmine 2t"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for graph in graphs:
        def sec(tool, t, k):
            return runs.get((graph, tool, t), {}).get("seconds", {}).get(k)

        measures = []
        for (gr, _, _), r in runs.items():
            if gr == graph:
                measures += [k for k in r["seconds"] if k not in measures]
        measures.sort(key=lambda k: (k != "load",))
        for k in measures:
            c1, c2 = sec("crowdmine", 1, k), sec("crowdmine", 2, k)
            n1, n2, i1 = sec("networkit", 1, k), sec("networkit", 2, k), sec("igraph", 1, k)
            peers = [(s, name) for s, name in ((n1, "NetworKit"), (i1, "igraph")) if s is not None]
            r1 = f"{min(peers)[0] / c1:.2f} ({min(peers)[1]})" if peers and c1 and c1 > 0 else "–"
            r2 = f"{n2 / c2:.2f}" if n2 is not None and c2 and c2 > 0 else "–"
            stem = graph.rsplit(".", 1)[0]
            print(f"| {k} ({stem}) | {fmt(c1)} | {fmt(c2)} | {fmt(n1)} | {fmt(n2)} | {fmt(i1)} "
                  f"| {r1} | {r2} |")
    print()
    print("crowdmine's seconds are whole `crowdmine measure METRIC` commands minus the whole "
          "`crowdmine measure degree` command on the same file (its load row: process start, "
          "read, build, degree, output); the peers' are the computation only, their load row "
          "their reader. Ratios > 1: crowdmine faster.")
    print()
    for graph in graphs:
        for (gr, tool, t), r in sorted(runs.items()):
            if gr != graph:
                continue
            desc = f"{graph}, {tool} {t}t ({r.get('version', '?')}, {r['nodes']:,} nodes, " \
                   f"{r['edges']:,} edges)"
            for metric, c in r.get("check", {}).items():
                if "max_rel_diff" in c:
                    print(f"- {desc}: {metric} against crowdmine: max relative difference "
                          f"{c['max_rel_diff']:.3g}, max absolute {c['max_abs_diff']:.3g} "
                          f"({'within' if c['ok'] else 'OVER'} {TOLERANCE:g})")
                else:
                    print(f"- {desc}: {metric} against crowdmine: {c.get('error')}")
            for metric, v in r.get("values", {}).items():
                if metric != APPROX:
                    continue
                bits = [f"{v[k]:,}" + f" {k.replace('_', ' ')}" for k in ("samples",) if k in v]
                if "omega" in v:
                    bits.append(f"omega (worst-case samples) {v['omega']:,.0f}")
                if "vertex_diameter_bound" in v:
                    bits.append(f"vertex-diameter bound {v['vertex_diameter_bound']}")
                if "error_bound" in v:
                    bits.append(f"error bound {v['error_bound']:g}")
                if v.get("top"):
                    bits.append(f"top node {v['top']['node']} at {v['top']['value']:.6g}")
                print(f"- {desc}: {metric}: " + ", ".join(bits))
        notes = []
        for (gr, tool, _), r in sorted(runs.items()):
            for note in r.get("notes", []) if gr == graph else []:
                if f"- {graph}, {tool}: {note}" not in notes:
                    notes.append(f"- {graph}, {tool}: {note}")
        print("\n".join(notes))
    print()


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--table":
        table(sys.argv[2])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("graph")
    ap.add_argument("--tool", required=True, choices=["crowdmine", "networkit", "igraph"])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--measures", default=",".join(EXACT),
                    help=f"comma-separated: {', '.join(EXACT)}, {APPROX}")
    ap.add_argument("--bin", default="target/release/crowdmine")
    ap.add_argument("--csv-dir", help="crowdmine: write each exact measure's CSV here")
    ap.add_argument("--check-dir", help="peers: compare with crowdmine's CSVs here")
    ap.add_argument("--epsilon", type=float, default=0.01)
    ap.add_argument("--delta", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    a.measures = [m for m in a.measures.split(",") if m]
    for m in a.measures:
        if m not in EXACT + (APPROX,):
            ap.error(f"unknown measure {m}")
    log(f"{a.tool} on {os.path.basename(a.graph)}, {a.threads} thread(s)")
    res = {"crowdmine": run_crowdmine, "networkit": run_networkit, "igraph": run_igraph}[a.tool](a)
    out = dict(tool=a.tool, graph=os.path.basename(a.graph), directed=False, threads=a.threads)
    out.update({k: v for k, v in res.items() if v or k in ("seconds",)})
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
