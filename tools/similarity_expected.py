#!/usr/bin/env python3
"""Reference values for the crowdmine-graph node-pair similarity measures
(common neighbours, Jaccard, Adamic-Adar, resource allocation, preferential
attachment, cosine, structural equivalence, SimRank), computed with NetworkX
and numpy.

Command line used to produce the committed fixtures (run from the repo root):

    bench/.venv/bin/python tools/similarity_expected.py

`bench/.venv` is the git-ignored virtualenv; it was prepared with

    bench/.venv/bin/pip install networkx python-igraph scipy numpy

Library versions used for the committed fixtures (Python 3.11.7):

    networkx 3.6.1, python-igraph 1.0.0 (only imported via graph_expected),
    numpy 2.4.6, scipy 1.17.1

The exact versions of each run are written into every JSON file under
`meta.versions`. Everything except SimRank is an exact combinatorial value or
one closed-form float expression; SimRank is iterative (see below).

The data folder comes from the environment variable CROWDMINE_DATA and
defaults to `<repo root>/../shared/data` (resolved by tools/graph_expected.py).
Outputs, all under `crates/crowdmine-graph/tests/fixtures/`:

    similarity_<name>.json for karate, lesmis, football, polbooks

Nothing else is written. This script shares no code with crowdmine; it imports
the loaders and small helpers of tools/graph_expected.py (same folder), whose
`main()` is not run. Paths in the outputs are relative (to the data folder); no
absolute path is written.

Graphs
======

Loaded exactly as tools/graph_expected.py loads them (`load_gml`: GML parsed as
a multigraph with label='id', collapsed to a simple undirected nx.Graph). The
script asserts that n, m, the number of self-loops and every degree equal those
in the committed <name>.json of graph_expected.py, and that there are no
self-loops and no isolated nodes:

    name      n    m    self-loops  isolated  pairs n(n-1)/2
    karate    34   78   0           0         561
    lesmis    77   254  0           0         2926
    football  115  613  0           0         6555
    polbooks  105  441  0           0         5460

Node order is `list(G)`, which for these four files equals ascending integer
id order 0..n-1 (asserted). Node ids are written as decimal strings.

Notation: N(u) = set of neighbours of u, never containing u itself (there are
no self-loops anyway); d(u) = |N(u)|; n = number of nodes.

JSON conventions
================

* "pairs" = n(n-1)/2, the number of unordered pairs {u, v}, u != v, that were
  evaluated for every measure.
* Every measure key holds a list of [u, v, value] triples, u and v node ids as
  decimal strings with u before v in node order (i.e. int(u) < int(v)), the list
  sorted by (int(u), int(v)). ONLY pairs whose value is non-zero are listed; a
  missing pair means 0 (structural_equivalence: see its own rule). Integer
  measures have int values, the others floats (full repr precision).

* "common_neighbors" = len(list(nx.common_neighbors(G, u, v))) = |N(u) ∩ N(v)|
  (int).
* "jaccard" = nx.jaccard_coefficient(G, pairs) = |N(u) ∩ N(v)| / |N(u) ∪ N(v)|
  (0 if the union is empty; never the case here).
* "adamic_adar" = nx.adamic_adar_index(G, pairs) = sum over w in N(u) ∩ N(v) of
  1 / ln d(w) (natural log; a common neighbour has d(w) >= 2).
* "resource_allocation" = nx.resource_allocation_index(G, pairs) = sum over
  w in N(u) ∩ N(v) of 1 / d(w).
* "preferential_attachment" = nx.preferential_attachment(G, pairs) =
  d(u) * d(v) (int; non-zero for every pair since no node is isolated).
* "cosine" (Salton index), computed here with Python sets:
  |N(u) ∩ N(v)| / sqrt(d(u) * d(v)), evaluated as `c / math.sqrt(du * dv)` with
  integer c, du, dv (0 if d(u) or d(v) is 0; never the case here).
* "structural_equivalence" = Pearson correlation of rows u and v of the dense
  n x n 0/1 adjacency matrix A (A[i][j] = 1 iff i-j is an edge, diagonal 0, no
  self-loops), each row taken over ALL n columns, including columns u and v
  (so A[u][v] = A[v][u] = 1 for adjacent u, v, and A[u][u] = A[v][v] = 0).
  Values are `np.corrcoef(A)[i, j]` (numpy float64, rows = variables). In closed
  form, with c = |N(u) ∩ N(v)|,
      r(u, v) = (n c - d(u) d(v)) / sqrt(d(u) (n - d(u)) d(v) (n - d(v))),
  which the script checks against corrcoef (max abs difference is printed,
  asserted < 1e-12). The value is undefined (NaN) when a row is constant, i.e.
  d = 0 or d = n (impossible without self-loops); such pairs would be omitted,
  and none occur here ("structural_equivalence_nan_pairs" = 0 is written).
  Negative values are kept. A pair is omitted as "zero" iff the exact integer
  numerator n c - d(u) d(v) is 0 (corrcoef may then return ~1e-17 instead of
  0.0; such pairs are omitted, not written as tiny numbers);
  "structural_equivalence_zero_pairs" gives how many pairs were omitted that
  way.
* "simrank" (karate and football only) =
  nx.simrank_similarity(G, importance_factor=0.9, max_iterations=1000,
  tolerance=1e-10), all pairs u != v with non-zero value. NetworkX iterates
      S_0 = I,  S_{k+1} = 0.9 * W^T S_k W  with the diagonal reset to 1,
  W = adjacency matrix with each column divided by its sum (the degree), i.e.
  s(u, v) = 0.9 / (d(u) d(v)) * sum_{a in N(u), b in N(v)} s(a, b), s(u, u) = 1,
  and stops at the first k with np.allclose(S_k, S_{k+1}, atol=1e-10) --
  numpy's DEFAULT rtol=1e-5 also applies, so it stops when every entry changed
  by at most 1e-10 + 1e-5 |new|, well before 1e-10 accuracy. The returned matrix
  is S_{k+1}. "simrank_iterations" = k+1 (replayed by the script with the same
  loop). Because of the early stop, "simrank" is NOT the fixed point to 1e-10:
  "simrank_converged" (additional key, same pair format) is the same recurrence
  iterated by the script in numpy until the max abs change is < 1e-15 (or 5000
  iterations), and "simrank_max_abs_diff" = max |simrank - simrank_converged|
  over all pairs. Compare an implementation iterated to convergence with
  "simrank_converged"; one mimicking NetworkX's stopping rule with "simrank".

"meta" = {"graph", "directed" (false), "n", "m", "self_loops", "isolated",
"source", "generator", "command", "node_ids", "node_order", "versions",
"definitions" (one string per key)}.

Determinism: OMP/BLAS threads are pinned to 1 by graph_expected on import;
every computation is deterministic, so two runs give identical files.

JSON: the top-level object with `sort_keys`, one key per line, and every
[u, v, value] triple on its own line (compact, to keep the files small); it is
plain JSON (`json.loads` reads it); floats are Python float repr (round-trip
exact); no NaN is written (asserted).
"""

import sys

sys.dont_write_bytecode = True  # importing graph_expected must not leave a __pycache__

import json
import math
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graph_expected as ge  # noqa: E402  (pins OMP/BLAS threads before numpy/igraph load)
from paths_expected import check_against_graph_fixture  # noqa: E402  (the same graph check)

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402

OUT_DIR = ge.OUT_DIR
COMMAND = "bench/.venv/bin/python tools/similarity_expected.py"
NAMES = ["karate", "lesmis", "football", "polbooks"]
SIMRANK_GRAPHS = {"karate", "football"}
SIMRANK_C = 0.9
SIMRANK_MAX_ITER = 1000
SIMRANK_TOL = 1e-10
CONVERGED_TOL = 1e-15
CONVERGED_MAX_ITER = 5000

DEFINITIONS = {
    "pairs": "number of unordered pairs {u, v}, u != v, evaluated: n(n-1)/2",
    "common_neighbors": "len(list(nx.common_neighbors(G, u, v))) = |N(u) & N(v)|; N excludes the node itself",
    "jaccard": "nx.jaccard_coefficient: |N(u) & N(v)| / |N(u) | N(v)| (0 if the union is empty)",
    "adamic_adar": "nx.adamic_adar_index: sum over common neighbours w of 1/ln(deg w)",
    "resource_allocation": "nx.resource_allocation_index: sum over common neighbours w of 1/deg w",
    "preferential_attachment": "nx.preferential_attachment: deg(u) * deg(v)",
    "cosine": "Salton: |N(u) & N(v)| / sqrt(deg(u) * deg(v)), 0 if a degree is 0; own computation with sets",
    "structural_equivalence": (
        "Pearson correlation of rows u and v of the dense n x n 0/1 adjacency matrix (no self-loops, diagonal 0), "
        "over all n columns including u and v: np.corrcoef(A)[u, v] = (n c - du dv) / sqrt(du (n-du) dv (n-dv)), "
        "c = |N(u) & N(v)|; pairs with NaN (constant row) omitted; pairs with exact numerator n c - du dv == 0 omitted; "
        "negative values kept"),
    "simrank": (
        "nx.simrank_similarity(G, importance_factor=0.9, max_iterations=1000, tolerance=1e-10): "
        "S0 = I, S_{k+1} = 0.9 W^T S_k W with diagonal set to 1, W = column-normalised adjacency; stops when "
        "np.allclose(S_k, S_{k+1}, atol=1e-10) (default rtol=1e-5 applies too); pairs u != v with non-zero value"),
    "simrank_iterations": "number of iterations NetworkX performed (replayed with the same loop)",
    "simrank_converged": "same recurrence iterated until max abs change < 1e-15 (numpy, own loop)",
    "simrank_max_abs_diff": "max over pairs of |simrank - simrank_converged|",
    "lists": ("each measure is a list of [u, v, value], ids as strings, int(u) < int(v), sorted; "
              "only non-zero values are listed, a missing pair means 0"),
}


# ------------------------------------------------------------- utilities --

def load(name):
    for gname, loader, args, _weight, _node_attr in ge.GRAPHS:
        if gname == name:
            G, _info = loader(*args)
            return G, args[0] + " (relative to the data folder)"
    raise KeyError(name)


def as_float(x):
    x = float(x)
    assert math.isfinite(x)
    return x


def nx_replay_iterations(G):
    """Replay NetworkX's _simrank_similarity_numpy loop and return (iterations, matrix)."""
    A = nx.to_numpy_array(G)
    s = np.array(A.sum(axis=0))
    s[s == 0] = 1
    A /= s
    new = np.eye(len(G), dtype=np.float64)
    for its in range(SIMRANK_MAX_ITER):
        prev = new.copy()
        new = SIMRANK_C * ((A.T @ prev) @ A)
        np.fill_diagonal(new, 1.0)
        if np.allclose(prev, new, atol=SIMRANK_TOL):
            break
    return its + 1, new


def simrank_converged(G):
    A = nx.to_numpy_array(G)
    s = np.array(A.sum(axis=0))
    s[s == 0] = 1
    A /= s
    S = np.eye(len(G), dtype=np.float64)
    for its in range(CONVERGED_MAX_ITER):
        new = SIMRANK_C * ((A.T @ S) @ A)
        np.fill_diagonal(new, 1.0)
        delta = float(np.max(np.abs(new - S)))
        S = new
        if delta < CONVERGED_TOL:
            return S, its + 1, delta
    return S, CONVERGED_MAX_ITER, delta


def dump(obj):
    """JSON with sorted keys; dicts one key per line, lists of scalars (the triples) inline."""
    def enc(x, ind):
        pad = " " * ind
        if isinstance(x, dict):
            if not x:
                return "{}"
            items = [pad + " " + json.dumps(k) + ": " + enc(x[k], ind + 1) for k in sorted(x)]
            return "{\n" + ",\n".join(items) + "\n" + pad + "}"
        if isinstance(x, list):
            if not x:
                return "[]"
            if all(not isinstance(e, (dict, list)) for e in x):
                return json.dumps(x, allow_nan=False)
            items = [pad + " " + enc(e, ind + 1) for e in x]
            return "[\n" + ",\n".join(items) + "\n" + pad + "]"
        return json.dumps(x, allow_nan=False)
    text = enc(obj, 0) + "\n"
    assert json.loads(text) == obj
    return text


# ---------------------------------------------------------------- measures --

def measures(name, G, source):
    nodes = list(G)
    assert nodes == sorted(nodes) == list(range(len(nodes))), name
    n = len(nodes)
    idx = {u: i for i, u in enumerate(nodes)}
    loops = nx.number_of_selfloops(G)
    assert loops == 0, name
    assert not G.is_directed(), name
    N = {u: set(G.neighbors(u)) - {u} for u in nodes}
    deg = {u: len(N[u]) for u in nodes}
    isolated = sum(1 for u in nodes if deg[u] == 0)
    assert isolated == 0, name
    pairs = [(u, v) for i, u in enumerate(nodes) for v in nodes[i + 1:]]
    assert len(pairs) == n * (n - 1) // 2
    checks = {}

    def nonzero(rows):
        return [[str(u), str(v), val] for u, v, val in rows if val != 0]

    out = {
        "meta": {
            "graph": name,
            "directed": False,
            "n": n,
            "m": G.number_of_edges(),
            "self_loops": loops,
            "isolated": isolated,
            "source": source,
            "generator": "tools/similarity_expected.py",
            "command": COMMAND,
            "node_ids": "node ids as decimal strings; each triple [u, v, value] has int(u) < int(v)",
            "node_order": "list(G) = ascending integer id",
            "versions": ge.versions(),
            "definitions": DEFINITIONS,
        },
        "pairs": len(pairs),
    }

    # --- NetworkX local measures
    cn = [(u, v, len(list(nx.common_neighbors(G, u, v)))) for u, v in pairs]
    assert all(c == len(N[u] & N[v]) for u, v, c in cn)
    out["common_neighbors"] = nonzero(cn)

    def from_nx(gen, own):
        rows = [(u, v, p) for u, v, p in gen]
        assert [(u, v) for u, v, _ in rows] == pairs
        diff = max(abs(p - own(u, v)) for u, v, p in rows)
        return [(u, v, as_float(p)) for u, v, p in rows], diff

    rows, checks["jaccard vs own sets, max abs"] = from_nx(
        nx.jaccard_coefficient(G, pairs),
        lambda u, v: len(N[u] & N[v]) / len(N[u] | N[v]) if N[u] | N[v] else 0.0)
    out["jaccard"] = nonzero(rows)
    rows, checks["adamic_adar vs own sets, max abs"] = from_nx(
        nx.adamic_adar_index(G, pairs), lambda u, v: sum(1 / math.log(deg[w]) for w in N[u] & N[v]))
    out["adamic_adar"] = nonzero(rows)
    rows, checks["resource_allocation vs own sets, max abs"] = from_nx(
        nx.resource_allocation_index(G, pairs), lambda u, v: sum(1 / deg[w] for w in N[u] & N[v]))
    out["resource_allocation"] = nonzero(rows)
    pa = [(u, v, p) for u, v, p in nx.preferential_attachment(G, pairs)]
    assert [(u, v) for u, v, _ in pa] == pairs and all(p == deg[u] * deg[v] for u, v, p in pa)
    out["preferential_attachment"] = nonzero([(u, v, int(p)) for u, v, p in pa])
    for k in ("jaccard", "adamic_adar", "resource_allocation"):
        assert checks["%s vs own sets, max abs" % k] < 1e-12, (name, k)

    # --- cosine (Salton), own
    cos = [(u, v, (len(N[u] & N[v]) / math.sqrt(deg[u] * deg[v])) if deg[u] and deg[v] else 0.0)
           for u, v in pairs]
    out["cosine"] = nonzero(cos)

    # --- structural equivalence: Pearson correlation of adjacency rows (numpy)
    A = np.zeros((n, n), dtype=np.float64)
    for u, v in G.edges():
        if u != v:
            A[idx[u], idx[v]] = A[idx[v], idx[u]] = 1.0
    assert np.all(np.diag(A) == 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        R = np.corrcoef(A)
    se, nan_pairs, zero_pairs, diff = [], 0, 0, 0.0
    for u, v in pairs:
        i, j = idx[u], idx[v]
        r = float(R[i, j])
        if math.isnan(r):
            nan_pairs += 1
            continue
        c, du, dv = len(N[u] & N[v]), deg[u], deg[v]
        num = n * c - du * dv
        closed = num / math.sqrt(du * (n - du) * dv * (n - dv))
        diff = max(diff, abs(r - closed))
        if num == 0:
            zero_pairs += 1
            assert abs(r) < 1e-12
            continue
        se.append((u, v, r))
    assert diff < 1e-12, name
    checks["structural_equivalence corrcoef vs closed form, max abs"] = diff
    out["structural_equivalence"] = nonzero(se)
    assert len(out["structural_equivalence"]) == len(se)
    out["structural_equivalence_nan_pairs"] = nan_pairs
    out["structural_equivalence_zero_pairs"] = zero_pairs

    # --- SimRank
    if name in SIMRANK_GRAPHS:
        sim = nx.simrank_similarity(G, importance_factor=SIMRANK_C, max_iterations=SIMRANK_MAX_ITER,
                                    tolerance=SIMRANK_TOL)
        its, M = nx_replay_iterations(G)
        replay_diff = max(abs(sim[u][v] - M[idx[u], idx[v]]) for u, v in pairs)
        assert replay_diff == 0.0, (name, replay_diff)
        out["simrank"] = nonzero([(u, v, as_float(sim[u][v])) for u, v in pairs])
        out["simrank_iterations"] = its
        S, cits, delta = simrank_converged(G)
        assert delta < CONVERGED_TOL, (name, delta)
        out["simrank_converged"] = nonzero([(u, v, as_float(S[idx[u], idx[v]])) for u, v in pairs])
        out["simrank_max_abs_diff"] = float(max(abs(sim[u][v] - S[idx[u], idx[v]]) for u, v in pairs))
        checks["simrank: nx iterations"] = its
        checks["simrank_converged: iterations"] = cits
        checks["simrank nx vs converged, max abs"] = out["simrank_max_abs_diff"]
        checks["simrank: symmetric (max abs asym)"] = max(abs(sim[u][v] - sim[v][u]) for u, v in pairs)
    return out, checks


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        t0 = time.time()
        G, source = load(name)
        check_against_graph_fixture(name, G)
        data, checks = measures(name, G, source)
        path = OUT_DIR / ("similarity_" + name + ".json")
        path.write_text(dump(data), newline="\n")
        print("%-9s n=%d m=%d pairs=%d  %.1fs -> %s" % (
            name, data["meta"]["n"], data["meta"]["m"], data["pairs"], time.time() - t0,
            path.relative_to(ge.REPO_ROOT)))
        for k in sorted(data):
            if isinstance(data[k], list):
                print("    %-28s %d non-zero pairs" % (k, len(data[k])))
            elif k != "meta":
                print("    %-28s %r" % (k, data[k]))
        for k, v in checks.items():
            print("    %-55s %r" % (k, v))


if __name__ == "__main__":
    main()
