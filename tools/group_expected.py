#!/usr/bin/env python3
"""Reference values for crowdmine-graph GROUP centralities (group degree,
closeness, betweenness) and NetworkX's prominent_group, computed with NetworkX
and checked against the script's own brute-force definitions.

Command line used to produce the committed fixtures (run from the repo root):

    bench/.venv/bin/python tools/group_expected.py

Options: `--jobs N` worker processes, one graph each (default min(4, CPUs);
the files do not depend on it), and optional graph names to recompute only
those (e.g. `... tools/group_expected.py karate lesmis`). Run time with 2 jobs
on a 2-core machine: 5-6 min wall (two runs: 353 s, 316 s). polblogs ~5-6 min
(three nx.group_betweenness_centrality pairs of calls, 33-100 s each because
every call redoes n BFS + an O(c^2 n) Python preprocessing, plus the replica
check); football ~2-3 min, polbooks ~1.5-2 min, lesmis ~25-55 s, karate
~6-10 s, dominated by nx.prominent_group, whose times in the two runs (2 jobs
sharing 2 cores) were, for (k=2) / (k=3) / (k=3 greedy): karate 1.8-2.1 /
2.3-3.9 / 1.7-3.8 s, lesmis 9-11 / 7.5-21 / 6.5-20 s, polbooks 21-25 /
47-57 / 15-28 s, football 24-40 / 37-65 / 28-59 s. prominent_group is NOT
run on polblogs (see "prominent_group_skipped" below).

`bench/.venv` is the git-ignored virtualenv (see tools/paths_expected.py);
nx.prominent_group additionally needs pandas. Versions used for the committed
fixtures (Python 3.11.7):

    networkx 3.6.1, pandas 2.3.3, numpy 2.4.6, scipy 1.17.1,
    python-igraph 1.0.0 (imported by graph_expected, unused here)

The versions of each run are written into every file under `meta.versions`.
THE NETWORKX VALUES OF group_betweenness_centrality ARE VERSION-SPECIFIC:
3.6.1 has known bugs (networkx issues #8559, #8827; fixes in PRs #8879,
#8880, #8881, #8882, after 3.6.1), see "Surprises" below. The "_exact" keys
are the definition and do not depend on the NetworkX version.

Data folder: environment variable CROWDMINE_DATA, default
`<repo root>/../shared/data` (resolved by tools/graph_expected.py). Outputs,
all under `crates/crowdmine-graph/tests/fixtures/`:

    group_<name>.json for karate, lesmis, football, polbooks (undirected)
        and polblogs (directed)

Nothing else is written. The script shares no code with crowdmine; it imports
tools/graph_expected.py and tools/paths_expected.py (same folder) for their
loaders, whose `main()` is not run. Paths in the outputs are relative; no
absolute path is written.

Graphs
======

Loaded with `paths_expected.load(name)`, i.e. exactly as graph_expected.py /
paths_expected.py load them (GML parsed as multigraph with label='id',
collapsed to a simple nx.Graph / nx.DiGraph, self-loops kept; node ids are the
GML integer ids), and checked against the committed <name>.json (n, m, loops,
every degree) with `paths_expected.check_against_graph_fixture`. Nodes are
INTEGERS inside the script (this matters for prominent_group's tie-breaking
and for Python's set order, below) and written as decimal strings.

    name      directed  n     m      self-loops  (strongly) connected
    karate    no        34    78     0           yes   (ids 0..33)
    lesmis    no        77    254    0           yes
    football  no        115   613    0           yes
    polbooks  no        105   441    0           yes
    polblogs  yes       1490  19015  3           no    (ids 1..1490)

Groups (deterministic, integer ids)
===================================

    G1 = the 3 nodes with the largest G.degree() (digraph: in + out; a
         self-loop adds 2), ties broken by the smaller integer id; listed in
         that order (degree descending).
    G2 = the 5 smallest ids, ascending.
    G3 = sorted_ids[0::7] (the smallest id, then every 7th: positions 0, 7,
         14, ...), ascending. Sizes: karate 5, lesmis 11, football 17,
         polbooks 15, polblogs 213.

JSON conventions
================

n = number of nodes, c = |group|, S or C = the group, d(u, v) = BFS distance
from u to v following edge directions. All values unweighted.

* "meta" = {"graph", "directed", "n", "m", "self_loops", "connected"
  (connected / strongly connected), "source", "generator", "command",
  "node_ids", "versions"}.
* "groups" = {"G1", "G2", "G3"}, each an object with
  - "rule" (text), "nodes" (ids as strings, order as stated above), "size";
  - "networkx_set_order": `list(set(nodes))` with integer ids, i.e. the order
    in which nx.group_betweenness_centrality processes the members (Python set
    iteration order; NOT sorted, e.g. polblogs G1 = 1051, 155, 855). Needed
    only to reproduce NetworkX's order-dependent wrong values (below).
  - "group_degree" = `nx.group_degree_centrality(G, S)` =
    |N(S) - S| / (n - c) with N(S) = union of `G.neighbors(u)`, u in S; for a
    digraph G.neighbors = successors, so it equals "group_out_degree".
    Directed only: "group_in_degree" = `nx.group_in_degree_centrality` (same
    on G.reverse(): predecessors) and "group_out_degree" =
    `nx.group_out_degree_centrality` (successors). Self-loops are irrelevant
    (S is removed from the union).
  - "group_closeness" = `nx.group_closeness_centrality(G, S)` (weight=None):
    d(v, S) = min_{u in S} d(v, u), closeness = (n - c) / sum_{v not in S,
    d(v, S) finite} d(v, S), and 0 if that sum is 0. DIRECTION: NetworkX
    replaces a DiGraph by G.reverse() and runs multi-source BFS from S, so it
    uses distances FROM each non-member TO the group (incoming, like
    nx.closeness_centrality). UNREACHABLE nodes add 0 to the sum but still
    count in n - c, so on a not strongly connected digraph the value can
    exceed 1 (polblogs: G1 1.0319, G3 1.1770). Checked against own BFS.
  - "group_betweenness" = `nx.group_betweenness_centrality(G, S,
    normalized=True, endpoints=False)`, "group_betweenness_raw" = the same
    with normalized=False (NetworkX 3.6.1 values, WITH its bugs; null plus
    "group_betweenness_error" when NetworkX raised: polblogs G3, KeyError 512).
  - "group_betweenness_exact" / "group_betweenness_raw_exact": the
    DEFINITION, by the script's own brute force (independent of NetworkX):
        B(C) = sum over ORDERED pairs (s, t), s != t, s not in C, t not in C,
               t reachable from s, of sigma_st(C) / sigma_st,
    sigma_st = number of shortest s->t paths, sigma_st(C) = number of those
    with at least one INTERIOR node in C (pairs with an endpoint in C are
    excluded, not counted). "_exact" = B(C) / ((n - c)(n - c - 1)) for
    directed AND undirected graphs; "_raw_exact" = B(C) for digraphs and
    B(C) / 2 (unordered pairs) for undirected graphs. This is what NetworkX
    3.6.1 intends, with the same normalisation.
* "prominent_group" = {"2": [score, [ids]], "3": [score, [ids]]} from
  `nx.prominent_group(G, k, normalized=True, endpoints=False, greedy=False)`;
  "prominent_group_greedy" = {"3": [...]} with greedy=True. The id list is in
  NetworkX's order of insertion into the group; the score is ROUNDED BY
  NETWORKX TO 2 DECIMALS (`float(f"{x:.2f}")`).
  "prominent_group_exact" = {"2", "3", "greedy_3"}: the unrounded
  "group_betweenness_exact" of the returned group (the script asserts that it
  rounds to the returned score).
  "prominent_group_optimum" = {"2", "3"}: {"value": the maximum of
  "group_betweenness_exact" over ALL k-subsets, "groups": every subset within
  1e-9 relative of it (ids ascending, list sorted), "evaluated": how many
  subsets were evaluated exactly (k=3: only those not excluded by the union
  bound B(abc) <= B(ab) + B(c), with NetworkX's own result as lower bound)}.
  Computed from all-pairs distance/path-count matrices by inclusion-exclusion
  (independent of NetworkX and of the brute force).
  polblogs has none of these but "prominent_group_skipped" (a reason): the
  preprocessing alone is an n^3 pure-Python loop measured at ~3 s per node,
  i.e. ~75 min, and its update would hit the same missing reachability guard.

NetworkX 3.6.1 algorithms (networkx/algorithms/centrality/group.py)
===================================================================

Preprocessing `_group_preprocessing(G, X, weight=None)`, shared by both: for
every source s (G order) a BFS (`_single_source_shortest_path_basic`) gives
D[s][t] (only for reachable t), sigma[s][t] (floats, 0.0 when unreachable,
sigma[s][s] = 1) and the Brandes dependencies of `_accumulate_endpoints`,
delta[s][v] = sum_{t != s} sigma_st(v)/sigma_st; then delta[s][t] += 1 for
t != s (t counted as its own target), delta[s][s] = (#reachable from s) - 1.
For x, y in X with y reachable from x (else PB[x][y] = 0):
    PB[x][y] = sum over s with x, y reachable from s and
               D[s][y] == D[s][x] + D[x][y] of
               delta[s][y] * sigma[s][x] * sigma[x][y] / sigma[s][y],
the ordered-pair sum of the fraction of shortest s->t paths that visit x and
later y, ENDPOINTS INCLUDED (s = x and/or t = y count). So PB[v][v] = raw
ordered betweenness of v + #(nodes reaching v) + #(nodes v reaches).

group_betweenness_centrality(G, C, normalized, endpoints) [Puzis, Elovici,
Dolev 2007, successive GBC]: X = C; GBC = 0; sigma_m = copy(sigma), PB_m =
copy(PB); for v in set(C) (Python set order): GBC += PB_m[v][v]; then for
every x in set(C), y in set(C), with one shared guard "sigma_m[x][y],
sigma_m[x][v], sigma_m[v][y] all != 0" (else all three terms are 0):
    dxyv = sigma_m[x][y]*sigma_m[y][v]/sigma_m[x][v] if D[x][v] == D[x][y]+D[y][v]
    dxvy = sigma_m[x][v]*sigma_m[v][y]/sigma_m[x][y] if D[x][y] == D[x][v]+D[v][y]
    dvxy = sigma_m[v][x]*sigma[x][y]/sigma[v][y]     if D[v][y] == D[v][x]+D[x][y]
           (ORIGINAL sigma in two places: the bug fixed by PR #8879)
    sigma_m'[x][y] = sigma_m[x][y] * (1 - dxvy)
    PB_m'[x][y] = PB_m[x][y]*(1 - dxvy) - [y != v] PB_m[x][v]*dxyv
                                       - [x != v] PB_m[v][y]*dvxy
(D is never updated; D[y][v], D[v][x] are read without checking
reachability -> KeyError on digraphs). The sum GBC then counts every reachable
ordered pair with an endpoint in C as 1. endpoints=False subtracts
    c(2n - c - 1)                       if G is connected / strongly connected
    sum_{g in C} sum_{u reachable from g, u != g} (1 if u in C else 2)  otherwise
(the second is right for undirected graphs; for digraphs it counts g's
out-reach twice instead of out-reach + in-reach). endpoints=True subtracts
nothing. Then normalized=True multiplies by 1/((n - c)(n - c - 1)) for
directed and undirected graphs alike (the internal sum is over ordered
pairs, so undirected = unordered sum / C(n-c, 2)); normalized=False divides
by 2 for undirected graphs only. The script re-implements exactly this
(nx_gbc_replica) and asserts bit-identical results in NetworkX's set order.

prominent_group(G, k, normalized, endpoints, greedy) [Puzis et al. 2007,
depth-first branch and bound]: nodes = list(G) (graph order); PB for X = all
nodes (a pandas DataFrame); cont[u] = PB[u][u]; CL = nodes sorted by
(cont, node) DESCENDING (ties: larger id first). Root: GM = [], GBC = 0,
heu = sum of cont over CL[:k]. _dfbnb(node): if |GM| == k and GBC > best ->
new best (strict: ties keep the earlier one); else PRUNE if |GM| == k, or
len(CL) <= k - |GM| (<=, so a node with exactly enough candidates is pruned),
or GBC + heu <= best. Otherwise expand on a = CL[0]: "plus" child: GM + [a],
GBC += cont[a], sigma and PB updated for ALL x, y in nodes by the same
formulas but with the parent's sigma in all three ratios (no sigma mix-up;
same shared guard); CL = all nodes not in GM re-sorted by the new diagonal
(nodes dropped by earlier minus branches come back); cont = new diagonal;
heu = sum of cont over CL[:k - |GM|]. "minus" child (greedy=False only):
parent with a removed from CL and cont, GBC unchanged, heu recomputed the
same way. The child with the larger GBC + heu is searched first (ties: minus
first); greedy=True only follows plus children (repeatedly adds the node of
largest current marginal contribution). The search maximises the
endpoint-inclusive raw sum; then the endpoint count of the final group
(formula above with c = k) is subtracted, the result normalised as above,
and rounded to 2 decimals. All its results here are the true optimum.

Surprises (all checked, printed by the script)
==============================================

* nx.group_betweenness_centrality 3.6.1 is WRONG for several groups of
  3+ nodes even on connected undirected graphs, by the dvxy sigma bug, and
  then depends on the processing order: karate G3, lesmis G3, football G3,
  polbooks G2, G3 (up to +0.0020 normalised, polbooks G2); all G1 and the
  other G2 values are exact (to ~1e-15). With sigma_m in all three ratios the
  replica matches the brute force to 1e-11 on every undirected group.
* polblogs: NetworkX's endpoint subtraction for G1 and G2 is 5736 where the
  true count of reachable ordered pairs with an endpoint in the group is 5934,
  so "group_betweenness_raw" is 198 too large (plus ~7e-8 from the shared
  guard in G1); G3 raises KeyError.
* prominent_group's score is rounded to 2 decimals.

Determinism: no randomness; two runs give byte-identical files.

JSON: `json.dumps(obj, sort_keys=True, indent=1, allow_nan=False)` plus a
trailing newline; floats are Python floats (repr, round-trip exact).
"""

import sys

sys.dont_write_bytecode = True  # importing graph_expected must not leave a __pycache__

import argparse
import itertools
import json
import math
import os
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from copy import deepcopy
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graph_expected as ge  # noqa: E402  (pins OMP/BLAS threads before numpy loads)
import paths_expected as pe  # noqa: E402  (same loaders / graph check as paths_<name>.json)

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402  (nx.prominent_group needs pandas)
from networkx.algorithms.centrality.group import _group_preprocessing  # noqa: E402

OUT_DIR = ge.OUT_DIR
COMMAND = "bench/.venv/bin/python tools/group_expected.py"
NAMES = ["karate", "lesmis", "football", "polbooks", "polblogs"]
PROMINENT_SKIP = {
    "polblogs": "skipped: nx.prominent_group first runs _group_preprocessing with ALL 1490 nodes as "
                "the group, a pure-Python triple loop over (x, y reachable from x, s) measured at "
                "~3 s per x, i.e. ~75 min for the preprocessing alone, before a branch-and-bound whose "
                "every expansion writes n^2 = 2.2e6 pandas cells one .loc at a time; in addition its "
                "update reads D[y][v] / D[v][x] without a reachability guard, which raises KeyError "
                "on this not strongly connected digraph in group_betweenness_centrality (group G3)",
}
REL = 1e-9


def versions():
    v = ge.versions()
    v["pandas"] = pd.__version__
    return v


# ------------------------------------------------------------------ groups --

def choose_groups(G):
    nodes = sorted(G.nodes())  # integer ids
    by_degree = sorted(nodes, key=lambda u: (-G.degree(u), u))
    return {
        "G1": ("the 3 nodes of highest G.degree() (directed: in + out; a self-loop adds 2), ties by "
               "smaller integer id; listed in that order", by_degree[:3]),
        "G2": ("the 5 smallest integer ids, ascending", nodes[:5]),
        "G3": ("every 7th node in ascending integer id order starting with the smallest: "
               "sorted_ids[0::7], ascending", nodes[::7]),
    }


def sid(nodes):
    return [str(u) for u in nodes]


# ------------------------------------------------------ own references --

def bfs_dag(G, s):
    """BFS from s following edge directions: (order, dist, sigma, preds)."""
    dist = {s: 0}
    order = [s]
    q = deque([s])
    while q:
        v = q.popleft()
        for w in G[v]:
            if w not in dist:
                dist[w] = dist[v] + 1
                q.append(w)
                order.append(w)
    sigma = dict.fromkeys(order, 0)
    sigma[s] = 1
    preds = {v: [] for v in order}
    for v in order:
        for w in G[v]:
            if dist[w] == dist[v] + 1:
                sigma[w] += sigma[v]
                preds[w].append(v)
    return order, dist, sigma, preds


def own_group_betweenness(G, C):
    """Exact definition by brute force: sum over ORDERED pairs (s, t), s != t, s, t not in C,
    t reachable from s, of 1 - sigma_st(avoiding C) / sigma_st (integer path counts)."""
    C = set(C)
    total = 0.0
    for s in G:
        if s in C:
            continue
        order, _dist, sigma, preds = bfs_dag(G, s)
        avoid = {s: 1}
        for v in order[1:]:
            avoid[v] = sum(avoid[p] for p in preds[v] if p not in C)
        for t in order[1:]:
            if t not in C:
                total += (sigma[t] - avoid[t]) / sigma[t]
    return total


def own_group_closeness(G, S):
    """|V-S| / sum_{v not in S, v reaches S} min_{u in S} d(v, u)  (BFS on the reverse graph)."""
    R = G.reverse(copy=False) if G.is_directed() else G
    S = set(S)
    dist = dict.fromkeys(S, 0)
    q = deque(S)
    while q:
        v = q.popleft()
        for w in R[v]:
            if w not in dist:
                dist[w] = dist[v] + 1
                q.append(w)
    tot = sum(d for v, d in dist.items() if v not in S)
    return (len(G) - len(S)) / tot if tot else 0.0


def own_group_degree(G, S, mode):
    S = set(S)
    if mode == "out":
        nb = set().union(*(set(G.successors(u)) if G.is_directed() else set(G[u]) for u in S))
    else:
        nb = set().union(*(set(G.predecessors(u)) for u in S))
    return len(nb - S) / (len(G) - len(S))


def endpoint_scales(G, C, D):
    """(NetworkX's endpoint subtraction, the true number of reachable ordered pairs with an endpoint in C)."""
    n, c = len(G), len(C)
    connected = nx.is_strongly_connected(G) if G.is_directed() else nx.is_connected(G)
    if connected:
        nx_scale = c * (2 * n - c - 1)
    else:
        nx_scale = sum((1 if v in C else 2) for g in C for v in D[g] if v != g)
    true_scale = 0
    for s in G:
        for t in D[s]:
            if t != s and (s in C or t in C):
                true_scale += 1
    return nx_scale, true_scale


def nx_gbc_replica(G, order, sigma_fix=False):
    """Replica of the successive (Puzis et al.) update in nx 3.6.1 group_betweenness_centrality,
    processing the group in `order`; returns the raw ordered-pair sum INCLUDING endpoint pairs.
    sigma_fix=True uses sigma_m in all three ratios (the upstream fix, networkx PR #8879)."""
    PB, sigma, D = _group_preprocessing(G, set(order), None)
    gbc = 0
    sigma_m = deepcopy(sigma)
    PB_m = deepcopy(PB)
    sigma_m_v = deepcopy(sigma_m)
    PB_m_v = deepcopy(PB_m)
    for v in order:
        gbc += PB_m[v][v]
        for x in order:
            for y in order:
                dxvy = dxyv = dvxy = 0
                if not (sigma_m[x][y] == 0 or sigma_m[x][v] == 0 or sigma_m[v][y] == 0):
                    if D[x][v] == D[x][y] + D[y][v]:
                        dxyv = sigma_m[x][y] * sigma_m[y][v] / sigma_m[x][v]
                    if D[x][y] == D[x][v] + D[v][y]:
                        dxvy = sigma_m[x][v] * sigma_m[v][y] / sigma_m[x][y]
                    if D[v][y] == D[v][x] + D[x][y]:
                        s = sigma_m if sigma_fix else sigma
                        dvxy = sigma_m[v][x] * s[x][y] / s[v][y]
                sigma_m_v[x][y] = sigma_m[x][y] * (1 - dxvy)
                PB_m_v[x][y] = PB_m[x][y] - PB_m[x][y] * dxvy
                if y != v:
                    PB_m_v[x][y] -= PB_m[x][v] * dxyv
                if x != v:
                    PB_m_v[x][y] -= PB_m[v][y] * dvxy
        sigma_m, sigma_m_v = sigma_m_v, sigma_m
        PB_m, PB_m_v = PB_m_v, PB_m
    return gbc, D


# ------------------------------------------ exhaustive optimum (k = 2, 3) --

class Exact:
    """Exact normalised group betweenness of small groups from all-pairs matrices
    (connected undirected graphs): inclusion-exclusion over the group members."""

    def __init__(self, G):
        self.nodes = sorted(G.nodes())
        idx = {u: i for i, u in enumerate(self.nodes)}
        n = self.n = len(self.nodes)
        d = np.zeros((n, n), dtype=np.int64)
        sg = np.zeros((n, n))
        for s in self.nodes:
            order, dist, sigma, _ = bfs_dag(G, s)
            assert len(order) == n
            for t in order:
                d[idx[s], idx[t]] = dist[t]
                sg[idx[s], idx[t]] = sigma[t]
        self.d, self.sg = d, sg
        self.inv = 1.0 / sg
        # T[a][s, t] = sigma_sa sigma_at [d_sa + d_at == d_st]
        self.T = np.stack([np.where(d[:, [a]] + d[[a], :] == d, np.outer(sg[:, a], sg[a, :]), 0.0)
                           for a in range(n)])

    def P(self, a, b):
        """paths through both a and b (either order)."""
        d, sg = self.d, self.sg
        out = np.where(d[:, [a]] + d[a, b] + d[[b], :] == d, np.outer(sg[:, a], sg[b, :]) * sg[a, b], 0.0)
        out += np.where(d[:, [b]] + d[b, a] + d[[a], :] == d, np.outer(sg[:, b], sg[a, :]) * sg[b, a], 0.0)
        return out

    def Q(self, a, b, c):
        d, sg = self.d, self.sg
        out = np.zeros((self.n, self.n))
        for p, q, r in itertools.permutations((a, b, c)):
            if d[p, q] + d[q, r] == d[p, r]:
                out += np.where(d[:, [p]] + d[p, r] + d[[r], :] == d,
                                np.outer(sg[:, p], sg[r, :]) * (sg[p, q] * sg[q, r]), 0.0)
        return out

    def score(self, group, union):
        keep = np.ones(self.n)
        keep[list(group)] = 0.0
        frac = union * self.inv
        np.fill_diagonal(frac, 0.0)
        k = len(group)
        return float(keep @ frac @ keep) / ((self.n - k) * (self.n - k - 1))

    def value(self, group):
        g = list(group)
        u = sum(self.T[a] for a in g)
        for a, b in itertools.combinations(g, 2):
            u = u - self.P(a, b)
        if len(g) == 3:
            u = u + self.Q(*g)
        assert len(g) <= 3
        return self.score(g, u)

    def best(self, k, lower):
        """All k-groups whose exact value is >= max - REL*max; `lower` = a known achievable value."""
        n = self.n
        single = [self.score([a], self.T[a]) * ((n - 1) * (n - 2)) for a in range(n)]  # unnormalised
        pair = {}
        for a, b in itertools.combinations(range(n), 2):
            pair[a, b] = self.score([a, b], self.T[a] + self.T[b] - self.P(a, b)) * ((n - 2) * (n - 3))
        if k == 2:
            cand = {g: v / ((n - 2) * (n - 3)) for g, v in pair.items()}
            evaluated = len(cand)
        else:
            cand = {}
            evaluated = 0
            thr = lower * (1 - 1e-6) * ((n - 3) * (n - 4))
            for (a, b), pv in pair.items():
                for c in range(b + 1, n):
                    # union bound: GBC(abc) <= GBC(ab) + GBC(c) (all terms are non-negative)
                    if min(pv + single[c], pair[a, c] + single[b], pair[b, c] + single[a]) < thr:
                        continue
                    cand[a, b, c] = self.value((a, b, c))
                    evaluated += 1
        top = max(cand.values())
        winners = sorted(g for g, v in cand.items() if v >= top - REL * top)
        return top, [[str(self.nodes[i]) for i in g] for g in winners], evaluated


# ---------------------------------------------------------------- measures --

def group_record(G, rule, S, checks, timings, label):
    directed = G.is_directed()
    n = len(G)
    rec = {"rule": rule, "nodes": sid(S), "size": len(S)}
    rec["networkx_set_order"] = sid(list(set(S)))
    rec["group_degree"] = nx.group_degree_centrality(G, S)
    assert close(rec["group_degree"], own_group_degree(G, S, "out")), label
    if directed:
        rec["group_in_degree"] = nx.group_in_degree_centrality(G, S)
        rec["group_out_degree"] = nx.group_out_degree_centrality(G, S)
        assert close(rec["group_in_degree"], own_group_degree(G, S, "in")), label
        assert rec["group_out_degree"] == rec["group_degree"], label
    rec["group_closeness"] = nx.group_closeness_centrality(G, S)
    assert close(rec["group_closeness"], own_group_closeness(G, S)), label
    if directed:
        out = own_group_closeness(G.reverse(copy=False), S)
        checks[label + " closeness outgoing (not written, differs)"] = out

    c = len(S)
    norm = 1.0 / ((n - c) * (n - c - 1))
    exact_ordered = own_group_betweenness(G, S)
    rec["group_betweenness_exact"] = exact_ordered * norm
    rec["group_betweenness_raw_exact"] = exact_ordered if directed else exact_ordered / 2
    t0 = time.time()
    try:
        rec["group_betweenness"] = nx.group_betweenness_centrality(G, S, normalized=True, endpoints=False)
        rec["group_betweenness_raw"] = nx.group_betweenness_centrality(G, S, normalized=False, endpoints=False)
    except KeyError as e:
        rec["group_betweenness"] = None
        rec["group_betweenness_raw"] = None
        rec["group_betweenness_error"] = "KeyError: %r" % (e.args[0],)
        checks[label + " nx.group_betweenness_centrality"] = rec["group_betweenness_error"]
        timings[label + " nx.group_betweenness_centrality (both calls)"] = time.time() - t0
        return rec
    timings[label + " nx.group_betweenness_centrality (both calls)"] = time.time() - t0

    # replica of NetworkX's algorithm, in NetworkX's processing order: must be bit-identical
    order = list(set(S))
    gbc_end, D = nx_gbc_replica(G, order)
    nx_scale, true_scale = endpoint_scales(G, set(S), D)
    replica = gbc_end - nx_scale
    assert replica * norm == rec["group_betweenness"], (label, replica * norm, rec["group_betweenness"])
    assert (replica if directed else replica / 2) == rec["group_betweenness_raw"], label
    checks[label + " nx - exact (normalised)"] = rec["group_betweenness"] - rec["group_betweenness_exact"]
    if nx_scale != true_scale:
        checks[label + " endpoint subtraction nx / true"] = "%d / %d" % (nx_scale, true_scale)
    # with sigma_m everywhere (PR #8879) and the true endpoint count the result is exact here
    fixed, _ = nx_gbc_replica(G, order, sigma_fix=True)
    checks[label + " fixed replica - exact (raw ordered)"] = (fixed - true_scale) - exact_ordered
    return rec


def close(a, b, rel=REL, abs_tol=1e-12):
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_tol)


def measures(name, G, source):
    directed = G.is_directed()
    n = G.number_of_nodes()
    checks = {}
    timings = {}
    out = {
        "meta": {
            "graph": name,
            "directed": directed,
            "n": n,
            "m": G.number_of_edges(),
            "self_loops": nx.number_of_selfloops(G),
            "connected": nx.is_strongly_connected(G) if directed else nx.is_connected(G),
            "source": source,
            "generator": "tools/group_expected.py",
            "command": COMMAND,
            "node_ids": "node ids are decimal strings; group member lists keep the order stated per key",
            "versions": versions(),
        },
        "groups": {},
    }
    for label, (rule, S) in choose_groups(G).items():
        out["groups"][label] = group_record(G, rule, S, checks, timings, label)

    if name in PROMINENT_SKIP:
        out["prominent_group_skipped"] = PROMINENT_SKIP[name]
        return ge.clean(out), checks, timings
    assert not directed and out["meta"]["connected"], name

    ex = Exact(G)
    pg, pge, pgx, opt = {}, {}, {}, {}
    for k, greedy in ((2, False), (3, False), (3, True)):
        t0 = time.time()
        score, grp = nx.prominent_group(G, k, normalized=True, endpoints=False, greedy=greedy)
        timings["prominent_group k=%d greedy=%s" % (k, greedy)] = time.time() - t0
        entry = [score, sid(grp)]
        exact = ex.value([ex.nodes.index(u) for u in grp])
        assert round(exact, 2) == score, (name, k, greedy, exact, score)
        nxv = nx.group_betweenness_centrality(G, grp)
        checks["prominent k=%d greedy=%s: nx gbc of group - exact" % (k, greedy)] = nxv - exact
        if greedy:
            out["prominent_group_greedy"] = {str(k): entry}
            pgx["greedy_%d" % k] = exact
        else:
            pg[str(k)] = entry
            pgx[str(k)] = exact
    out["prominent_group"] = pg
    out["prominent_group_exact"] = pgx
    for k in (2, 3):
        t0 = time.time()
        top, winners, evaluated = ex.best(k, pgx[str(k)])
        timings["exhaustive optimum k=%d" % k] = time.time() - t0
        opt[str(k)] = {"value": top, "groups": winners, "evaluated": evaluated}
        checks["exhaustive k=%d: nx group is optimal" % k] = (
            sorted(pg[str(k)][1], key=int) in winners)
        checks["exhaustive k=%d: optimum - nx exact" % k] = top - pgx[str(k)]
    out["prominent_group_optimum"] = opt
    return ge.clean(out), checks, timings


def run(name):
    t0 = time.time()
    G, _weight, source = pe.load(name)
    pe.check_against_graph_fixture(name, G)
    ge.NAN_COUNT[0] = 0
    data, checks, timings = measures(name, G, source)
    assert ge.NAN_COUNT[0] == 0, name
    path = OUT_DIR / ("group_" + name + ".json")
    path.write_text(json.dumps(data, sort_keys=True, indent=1, allow_nan=False) + "\n", newline="\n")
    return data, checks, timings, time.time() - t0, str(path.relative_to(ge.REPO_ROOT))


COST = {"polblogs": 200, "football": 120, "polbooks": 110, "lesmis": 30, "karate": 5}


def main():
    ap = argparse.ArgumentParser(description="Write crates/crowdmine-graph/tests/fixtures/group_<name>.json.")
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                    help="worker processes, one graph each (default: min(4, CPUs)); results do not depend on it")
    ap.add_argument("names", nargs="*", default=NAMES, help="graphs to compute (default: all)")
    args = ap.parse_args()
    assert set(args.names) <= set(NAMES), args.names
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
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
        data, checks, timings, secs, rel = results[name]
        print("%-9s n=%d m=%d connected=%s  %.1fs  -> %s" % (
            name, data["meta"]["n"], data["meta"]["m"], data["meta"]["connected"], secs, rel))
        for label, g in data["groups"].items():
            print("    %s %s: deg %.6g clo %.6g gbc %s exact %.12g" % (
                label, g["nodes"] if len(g["nodes"]) <= 5 else "(%d nodes)" % len(g["nodes"]),
                g["group_degree"], g["group_closeness"], g["group_betweenness"], g["group_betweenness_exact"]))
        for key in ("prominent_group", "prominent_group_greedy", "prominent_group_exact", "prominent_group_optimum"):
            if key in data:
                print("    %s: %s" % (key, json.dumps(data[key])))
        for k, v in checks.items():
            print("    check %-55s %r" % (k, v))
        for k, v in timings.items():
            print("    time  %-55s %.1fs" % (k, v))
    print("total %.1fs wall, %d job(s)" % (time.time() - t0, args.jobs))


if __name__ == "__main__":
    main()
