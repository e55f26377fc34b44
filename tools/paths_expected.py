#!/usr/bin/env python3
"""Reference values for the crowdmine-graph path-based measures (shortest paths,
betweenness, closeness, harmonic, eccentricity), computed with NetworkX and
cross-checked with python-igraph.

Command line used to produce the committed fixtures (run from the repo root):

    bench/.venv/bin/python tools/paths_expected.py

Options: `--jobs N` worker processes, one graph each (default min(4, CPUs);
the files do not depend on it), and optional graph names to recompute only
those (e.g. `... tools/paths_expected.py karate lesmis`). Run time is dominated
by the three NetworkX betweenness calls: about 6 min of CPU in total (ba ~2 min,
email and email_noloops ~1.5 min each, polblogs ~1 min, the four small graphs
~1 s), i.e. about 3-5 min wall with 2 jobs on a 2-core machine.

`bench/.venv` is the git-ignored virtualenv; it was prepared with

    bench/.venv/bin/pip install networkx python-igraph scipy numpy

Library versions used for the committed fixtures (Python 3.11.7):

    networkx 3.6.1, python-igraph 1.0.0 (igraph C core in `meta.versions`),
    numpy 2.4.6, scipy 1.17.1

The exact versions of each run are written into every JSON file under
`meta.versions`. All measures here are exact combinatorial computations (BFS /
Dijkstra with integer weights), so other versions should only change the last
bits of float sums, if anything.

The data folder comes from the environment variable CROWDMINE_DATA and
defaults to `<repo root>/../shared/data` (resolved by tools/graph_expected.py).
Outputs, all under `crates/crowdmine-graph/tests/fixtures/`:

    paths_<name>.json for karate, lesmis, football, polbooks, polblogs, email,
        email_noloops, ba

Nothing else is written: ba_2000_3.edges is only READ (never regenerated) and
no README is touched. This script shares no code with crowdmine; it imports
the loaders and small helpers of tools/graph_expected.py (same folder), whose
`main()` is not run. Paths in the outputs are relative (to the data folder or
to the repo root); no absolute path is written.

Graphs
======

Loaded exactly as tools/graph_expected.py loads them (see its docstring):
GML via `load_gml` (parsed as multigraph with label='id', collapsed to a simple
nx.Graph / nx.DiGraph, self-loops kept), email via `load_edgelist` (simple
DiGraph, self-loops kept), email_noloops = email with all self-loops removed
(nodes kept), ba = nx.Graph with nodes 0..1999 added explicitly, then the edges
of crates/crowdmine-graph/tests/fixtures/ba_2000_3.edges ("u v" per line).
Node ids are the integer ids of the files; the script asserts that n, m, the
number of self-loops and the degree of every node equal those in the committed
<name>.json of graph_expected.py.

    name           directed  n     m      self-loops  (strongly) connected
    karate         no        34    78     0           yes
    lesmis         no        77    254    0           yes
    football       no        115   613    0           yes
    polbooks       no        105   441    0           yes
    polblogs       yes       1490  19015  3           no (LSCC 792)
    email          yes       1005  25571  642         no (LSCC 803)
    email_noloops  yes       1005  24929  0           no (LSCC 803)
    ba             no        2000  5994   0           yes

Self-loops never change a shortest path, so they do not affect any value here
except through n and m in "meta".

JSON conventions
================

Every node-keyed value is a JSON object keyed by the node id as a decimal
string, with float values (full repr precision; eccentricity values are
integers, see below). Keys appear only where stated. Unweighted unless the key
says "weighted". Notation: d(u, v) = length of a shortest path from u to v
(following edge directions in a digraph), n = number of nodes.

* "meta" = {"graph", "directed", "n", "m" (simple graph, a self-loop counts
  1, u->v and v->u count 2), "self_loops", "source", "generator", "command",
  "node_ids", "versions"}; "weight_attribute" for karate ("weight") and lesmis
  ("value").

* "betweenness" = `nx.betweenness_centrality(G, normalized=True,
  endpoints=False)`: sum over ordered pairs (s, t), s != v != t, of
  sigma_st(v)/sigma_st, divided by (n-1)(n-2) -- for undirected graphs this is
  the same as the unordered-pair sum divided by (n-1)(n-2)/2.
* "betweenness_raw" = `nx.betweenness_centrality(G, normalized=False)`:
  directed: the ordered-pair sum; undirected: the UNORDERED-pair sum (NetworkX
  halves its ordered-pair accumulation).
* "betweenness_igraph" = igraph `g.betweenness(directed=G.is_directed())`
  (vertex i = i-th smallest node id). igraph counts ordered pairs in digraphs
  and unordered pairs in undirected graphs, i.e. exactly "betweenness_raw";
  the script asserts equality within 1e-9 relative for every node (self-loops
  included: neither library lets them change anything).
* "betweenness_endpoints" = `nx.betweenness_centrality(G, normalized=True,
  endpoints=True)`: the endpoints s and t are counted as lying on their own
  paths (each reachable ordered pair (s, t) adds 1 to s and 1 to t), and the
  ordered-pair sum is divided by n(n-1).
* "betweenness_weighted" (karate: `weight`, lesmis: `value`) =
  `nx.betweenness_centrality(G, weight=attr, normalized=True)`; the attribute
  is used AS A DISTANCE (edge length, not inverted). Weights are integers, so
  Dijkstra ties are exact. Cross-checked (not written) against igraph
  `betweenness(weights=...)` * 2/((n-1)(n-2)).
* "edge_betweenness" (graphs with m <= 2500: karate, lesmis, football,
  polbooks) = `nx.edge_betweenness_centrality(G, normalized=True)` as a list
  of [source_id, target_id, value] (ids as strings), orientation as NetworkX
  yields the edge (for these undirected graphs treat the pair as unordered),
  list sorted by (int(source), int(target)). Normalisation: ordered-pair sum
  divided by n(n-1), i.e. unordered-pair sum divided by n(n-1)/2. Cross-checked
  (not written) against igraph `edge_betweenness(directed=False)` * 2/(n(n-1)).
* "closeness" = `nx.closeness_centrality(G)` (wf_improved=True): with R(u)
  the set of nodes v != u that can REACH u (d(v, u) finite) and r = |R(u)|,
  closeness(u) = (r / (n-1)) * (r / sum_{v in R(u)} d(v, u)), 0 if r = 0.
  For digraphs this is INCOMING distance (NetworkX convention); for undirected
  graphs in = out.
* "closeness_out" (directed only) = `nx.closeness_centrality(G.reverse())`,
  the same with outgoing distances d(u, v).
* "closeness_weighted" (karate, lesmis) = `nx.closeness_centrality(G,
  distance=attr)`, attribute as edge length.
* "harmonic" = `nx.harmonic_centrality(G)` = sum_{v != u} 1/d(v, u) (1/inf = 0),
  NOT normalised by n-1. For digraphs NetworkX uses INCOMING distances d(v, u)
  (from the other nodes to u), the same direction as "closeness"; the script
  checks this against its own BFS on G.reverse().
* "lcc" = true iff the graph is not connected (undirected) / not strongly
  connected (directed), in which case the "_lcc" variants below are written
  instead of the plain keys. In the committed files: false for karate, lesmis,
  football, polbooks, ba; true for polblogs, email, email_noloops.
* "eccentricity" (int values), "diameter", "radius" (ints): undirected graphs
  only, `nx.eccentricity(G)`, `nx.diameter(G)`, `nx.radius(G)` when the graph
  is connected; otherwise (not the case in the committed files)
  "eccentricity_lcc" (LCC nodes only), "diameter_lcc", "radius_lcc" on the
  largest connected component. Never written for directed graphs.
* "average_shortest_path_length" = `nx.average_shortest_path_length(G)` when
  G is (strongly) connected: sum of d(u, v) over ordered pairs u != v divided
  by n(n-1). Otherwise "average_shortest_path_length_lcc" = the same on
  `G.subgraph(largest (strongly) connected component)` (self-loops inside are
  kept and irrelevant) and "lcc_size" = its number of nodes.
* "average_path_length_reachable" = crowdmine's convention for disconnected
  graphs: mean of d(u, v) over all ordered pairs u != v with v reachable from u
  (directed: following edge directions), from
  `nx.single_source_shortest_path_length(G, u)` for every u; computed as an
  exact integer sum divided by the integer pair count (one correctly rounded
  division). "reachable_pairs" = that pair count (ordered pairs; for undirected
  graphs each unordered pair counts twice). For (strongly) connected graphs it
  equals "average_shortest_path_length" (asserted to 1e-12 relative).

Checks (printed, and asserted where stated): loaded graph == graph_expected's
(n, m, loops, degrees); igraph betweenness == "betweenness_raw" (1e-9 rel);
"betweenness" == raw * (2 undirected / 1 directed) / ((n-1)(n-2)) exactly;
weighted and edge betweenness against igraph (1e-12 abs); "closeness",
"closeness_out" and "harmonic" against the script's own BFS with the stated
direction (digraphs and graphs with n <= 200; for digraphs the outgoing
harmonic sum is printed too and differs); email and email_noloops give
identical values for every key except "meta".

Determinism: OMP/BLAS threads are pinned to 1 by graph_expected on import;
every computation here is deterministic, so two runs (with --jobs 1 or 2)
gave byte-identical files.

JSON: `json.dumps(obj, sort_keys=True, indent=1, allow_nan=False)` plus a
trailing newline; floats are Python floats (repr, round-trip exact).
"""

import sys

sys.dont_write_bytecode = True  # importing graph_expected must not leave a __pycache__

import argparse
import json
import math
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graph_expected as ge  # noqa: E402  (pins OMP/BLAS threads before numpy/igraph load)

import networkx as nx  # noqa: E402

OUT_DIR = ge.OUT_DIR
BA_EDGES = ge.BA_EDGES
COMMAND = "bench/.venv/bin/python tools/paths_expected.py"
EDGE_BETWEENNESS_MAX_M = 2500
REL = 1e-9
OWN_CHECK_MAX_N = 200  # own-BFS closeness/harmonic checks: digraphs and small graphs


# ----------------------------------------------------------------- loading --

def load_ba():
    """Read the committed BA edge list exactly like graph_expected.make_ba (no regeneration)."""
    G = nx.Graph()
    G.add_nodes_from(range(2000))
    lines = 0
    with open(BA_EDGES) as fh:
        for line in fh:
            u, v = line.split()
            G.add_edge(int(u), int(v))
            lines += 1
    assert G.number_of_edges() == lines
    return G


def load(name):
    for gname, loader, args, weight, _node_attr in ge.GRAPHS:
        if gname != name:
            continue
        if name == "ba":
            G = load_ba()
            source = "crates/crowdmine-graph/tests/fixtures/ba_2000_3.edges (relative to the repo root)"
        else:
            G, _info = loader(*args)
            source = args[0] + " (relative to the data folder)"
        if name == "email_noloops":
            G.remove_edges_from(list(nx.selfloop_edges(G)))
        return G, weight, source
    raise KeyError(name)


def check_against_graph_fixture(name, G):
    """The graph must be the one graph_expected.py used (n, m, loops, degrees)."""
    path = OUT_DIR / (name + ".json")
    if not path.exists():
        print("    (no %s to compare the loaded graph with)" % path.name)
        return
    ref = json.loads(path.read_text())
    assert ref["directed"] == G.is_directed(), name
    assert ref["n"] == G.number_of_nodes(), name
    assert ref["m"] == G.number_of_edges(), name
    assert ref["self_loops"] == nx.number_of_selfloops(G), name
    assert ref["degree"] == ge.keyed(dict(G.degree())), name


# ------------------------------------------------------------- utilities --

def close(a, b, rel=REL, abs_tol=1e-12):
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_tol)


def largest(comps, what):
    comps = sorted(comps, key=len, reverse=True)
    assert len(comps) == 1 or len(comps[0]) > len(comps[1]), "largest %s not unique" % what
    return comps[0]


def reachable_mean(G):
    total = 0
    pairs = 0
    for u in G.nodes():
        dist = nx.single_source_shortest_path_length(G, u)
        total += sum(dist.values())  # d(u, u) = 0 contributes nothing
        pairs += len(dist) - 1
    return (total / pairs if pairs else None), pairs


def own_harmonic_in(G):
    """sum_{v != u} 1/d(v, u) by BFS from u on the reversed graph."""
    R = G.reverse(copy=False) if G.is_directed() else G
    return {u: sum(1.0 / d for v, d in nx.single_source_shortest_path_length(R, u).items() if v != u)
            for u in G.nodes()}


def own_closeness_in(G):
    n = G.number_of_nodes()
    R = G.reverse(copy=False) if G.is_directed() else G
    out = {}
    for u in G.nodes():
        dist = nx.single_source_shortest_path_length(R, u)
        r = len(dist) - 1
        s = sum(dist.values())
        out[u] = (r / (n - 1)) * (r / s) if s > 0 else 0.0
    return out


def maxrel(a, b):
    return max(abs(a[k] - b[k]) / max(abs(a[k]), abs(b[k]), 1e-300) if a[k] != b[k] else 0.0 for k in a)


# ---------------------------------------------------------------- measures --

def measures(name, G, weight, source):
    directed = G.is_directed()
    nodes = sorted(G.nodes())
    n = len(nodes)
    m = G.number_of_edges()
    checks = {}
    out = {
        "meta": {
            "graph": name,
            "directed": directed,
            "n": n,
            "m": m,
            "self_loops": nx.number_of_selfloops(G),
            "source": source,
            "generator": "tools/paths_expected.py",
            "command": COMMAND,
            "node_ids": "keys are node ids as decimal strings",
            "versions": ge.versions(),
        },
    }
    if weight is not None:
        out["meta"]["weight_attribute"] = weight

    # --- betweenness
    bc = nx.betweenness_centrality(G, normalized=True, endpoints=False)
    bc_raw = nx.betweenness_centrality(G, normalized=False)
    bc_end = nx.betweenness_centrality(G, normalized=True, endpoints=True)
    out["betweenness"] = ge.keyed_float(bc)
    out["betweenness_raw"] = ge.keyed_float(bc_raw)
    out["betweenness_endpoints"] = ge.keyed_float(bc_end)

    g = ge.to_igraph(G, nodes, weight)
    bi = ge.by_node([float(x) for x in g.betweenness(directed=directed)], nodes)
    out["betweenness_igraph"] = bi
    bad = [k for k in bi if not close(bi[k], out["betweenness_raw"][k])]
    assert not bad, "%s: igraph betweenness != nx raw at %s" % (name, bad[:5])
    checks["betweenness igraph vs nx raw, max rel"] = maxrel(bi, out["betweenness_raw"])
    # normalisation as documented: normalized = raw * (2 if undirected) / ((n-1)(n-2))
    f = (1 if directed else 2) / ((n - 1) * (n - 2))
    checks["betweenness == raw*%s/((n-1)(n-2)), max abs" % (1 if directed else 2)] = max(
        abs(bc[u] - bc_raw[u] * f) for u in nodes)

    if weight is not None:
        assert all(float(d[weight]).is_integer() and d[weight] > 0 for _, _, d in G.edges(data=True)), name
        bw = nx.betweenness_centrality(G, weight=weight, normalized=True)
        out["betweenness_weighted"] = ge.keyed_float(bw)
        biw = g.betweenness(directed=directed, weights="weight")
        fw = (1 if directed else 2) / ((n - 1) * (n - 2))
        checks["betweenness_weighted vs igraph, max abs"] = max(
            abs(bw[u] - biw[i] * fw) for i, u in enumerate(nodes))
        assert checks["betweenness_weighted vs igraph, max abs"] < 1e-12, name

    if m <= EDGE_BETWEENNESS_MAX_M:
        eb = nx.edge_betweenness_centrality(G, normalized=True)
        out["edge_betweenness"] = sorted(([str(u), str(v), float(x)] for (u, v), x in eb.items()),
                                         key=lambda t: (int(t[0]), int(t[1])))
        ebi = g.edge_betweenness(directed=directed)
        fe = (1 if directed else 2) / (n * (n - 1))
        diffs = [abs(eb[e] - ebi[i] * fe) for i, e in enumerate(G.edges())]
        checks["edge_betweenness vs igraph*%d/(n(n-1)), max abs" % (1 if directed else 2)] = max(diffs)
        assert max(diffs) < 1e-12, name

    # --- closeness / harmonic
    cl = nx.closeness_centrality(G)
    out["closeness"] = ge.keyed_float(cl)
    if directed or n <= OWN_CHECK_MAX_N:
        own = own_closeness_in(G)
        checks["closeness vs own BFS (incoming), max abs"] = max(abs(cl[u] - own[u]) for u in nodes)
        assert checks["closeness vs own BFS (incoming), max abs"] < 1e-12, name
    if directed:
        clo = nx.closeness_centrality(G.reverse())
        out["closeness_out"] = ge.keyed_float(clo)
        own_out = own_closeness_in(G.reverse())
        checks["closeness_out vs own BFS (outgoing), max abs"] = max(abs(clo[u] - own_out[u]) for u in nodes)
        assert checks["closeness_out vs own BFS (outgoing), max abs"] < 1e-12, name
        checks["closeness in != out somewhere"] = any(cl[u] != clo[u] for u in nodes)
    if weight is not None:
        out["closeness_weighted"] = ge.keyed_float(nx.closeness_centrality(G, distance=weight))

    hc = nx.harmonic_centrality(G)
    out["harmonic"] = ge.keyed_float(hc)
    if directed or n <= OWN_CHECK_MAX_N:
        own = own_harmonic_in(G)
        checks["harmonic vs own BFS (incoming), max abs"] = max(abs(hc[u] - own[u]) for u in nodes)
        assert checks["harmonic vs own BFS (incoming), max abs"] < 1e-9, name
    if directed:
        own_out = own_harmonic_in(G.reverse())
        checks["harmonic vs own BFS (outgoing), max abs"] = max(abs(hc[u] - own_out[u]) for u in nodes)

    # --- connectivity, eccentricity, average path lengths
    if directed:
        connected = nx.is_strongly_connected(G)
        comp = None if connected else largest(nx.strongly_connected_components(G), "SCC")
    else:
        connected = nx.is_connected(G)
        comp = None if connected else largest(nx.connected_components(G), "CC")
    out["lcc"] = not connected
    H = G if connected else G.subgraph(comp)
    suffix = "" if connected else "_lcc"
    if not connected:
        out["lcc_size"] = H.number_of_nodes()
    if not directed:
        ecc = nx.eccentricity(H)
        out["eccentricity" + suffix] = ge.keyed(ecc)
        out["diameter" + suffix] = nx.diameter(H, e=ecc)
        out["radius" + suffix] = nx.radius(H, e=ecc)
        assert out["diameter" + suffix] == max(ecc.values()) and out["radius" + suffix] == min(ecc.values())
    out["average_shortest_path_length" + suffix] = nx.average_shortest_path_length(H)

    mean, pairs = reachable_mean(G)
    out["average_path_length_reachable"] = mean
    out["reachable_pairs"] = pairs
    if connected:
        assert pairs == n * (n - 1), name
        assert close(mean, out["average_shortest_path_length"], rel=1e-12), name
    checks["average_shortest_path_length%s - reachable" % suffix] = (
        out["average_shortest_path_length" + suffix] - mean)
    return ge.clean(out), checks


NAMES = ["karate", "lesmis", "football", "polbooks", "polblogs", "email", "email_noloops", "ba"]


def run(name):
    """Compute and write paths_<name>.json; runs in a worker process."""
    t0 = time.time()
    G, weight, source = load(name)
    check_against_graph_fixture(name, G)
    ge.NAN_COUNT[0] = 0
    data, checks = measures(name, G, weight, source)
    assert ge.NAN_COUNT[0] == 0, name
    path = OUT_DIR / ("paths_" + name + ".json")
    path.write_text(json.dumps(data, sort_keys=True, indent=1, allow_nan=False) + "\n", newline="\n")
    return data, checks, time.time() - t0, str(path.relative_to(ge.REPO_ROOT))


def main():
    ap = argparse.ArgumentParser(description="Write crates/crowdmine-graph/tests/fixtures/paths_<name>.json.")
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                    help="worker processes, one graph each (default: min(4, CPUs)); results do not depend on it")
    ap.add_argument("names", nargs="*", default=NAMES, help="graphs to compute (default: all)")
    args = ap.parse_args()
    assert [row[0] for row in ge.GRAPHS] == NAMES
    assert set(args.names) <= set(NAMES), args.names
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    # biggest first so that the pool finishes as early as possible
    order = sorted(args.names, key=lambda nm: -COST.get(nm, 0))
    results = {}
    if args.jobs > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            for name, res in zip(order, pool.map(run, order)):
                results[name] = res
    else:
        for name in order:
            results[name] = run(name)
    for name in [nm for nm in NAMES if nm in results]:
        data, checks, secs, rel = results[name]
        print("%-14s n=%d m=%d lcc=%s  %.1fs  -> %s" % (
            name, data["meta"]["n"], data["meta"]["m"], data["lcc"], secs, rel))
        for k, v in checks.items():
            print("    %-55s %r" % (k, v if isinstance(v, bool) else float(v)))
        for k in ("diameter", "radius", "average_shortest_path_length", "average_shortest_path_length_lcc",
                  "lcc_size", "average_path_length_reachable", "reachable_pairs"):
            if k in data:
                print("    %-55s %r" % (k, data[k]))
        print("    keys: " + ", ".join(k for k in sorted(data) if k != "meta"))
    if "email" in results and "email_noloops" in results:
        a, b = results["email"][0], results["email_noloops"][0]
        same = {k: a[k] == b[k] for k in a if k != "meta"}
        print("email vs email_noloops: identical values (self-loops irrelevant) for all keys but meta: %s"
              % all(same.values()))
        assert all(same.values()), [k for k, v in same.items() if not v]
    print("total %.1fs wall, %d job(s)" % (time.time() - t0, args.jobs))


# rough relative cost, to schedule the biggest graphs first
COST = {"ba": 135, "email": 87, "email_noloops": 79, "polblogs": 71}


if __name__ == "__main__":
    main()
