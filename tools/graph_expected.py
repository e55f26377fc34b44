#!/usr/bin/env python3
"""Reference values for the crowdmine-graph measures, computed with NetworkX and python-igraph.

Command line used to produce the committed fixtures (run from the repo root):

    bench/.venv/bin/python tools/graph_expected.py

`bench/.venv` is the git-ignored virtualenv; it was prepared with

    bench/.venv/bin/pip install networkx python-igraph scipy numpy

Library versions used for the committed fixtures (Python 3.11.7):

    networkx 3.6.1, python-igraph 1.0.0 (igraph C core in `meta.versions`),
    numpy 2.4.6, scipy 1.17.1

The exact versions of each run are also written into every JSON file under
`meta.versions` and into the fixtures README. Other versions may change the
last digits of iterative results and, for igraph, the random BA graph.

The data folder comes from the environment variable CROWDMINE_DATA and
defaults to `<repo root>/../shared/data` (see `shared/data/PROVENANCE.md`,
section 3). Outputs, all under `crates/crowdmine-graph/tests/fixtures/`:

    <name>.json for karate, lesmis, football, polbooks, polblogs, email,
        email_noloops, ba
    ba_2000_3.edges   (regenerated on every run, see "ba" below)
    README.md         (command, versions and the table of conventions)

This script shares no code with crowdmine. Paths in the outputs are relative
(to the data folder or to the repo root); no absolute path is written.

Graphs
======

GML files are parsed with `nx.parse_gml(text, label='id')` after `multigraph 1`
is declared in the graph header, so that parallel edges are *counted* instead of
being rejected; the multigraph is then collapsed to a simple `nx.Graph` /
`nx.DiGraph` (directedness from the file's `directed` key), KEEPING self-loops.
When nothing was collapsed this is identical to `nx.read_gml(path, label='id')`
(the script asserts that). "multi_edges_collapsed" = multigraph edges - simple
edges. Node ids are the GML `id` integers.

  karate    networks-with-ground-truth/karate_club.gml, undirected, edge weight
            attribute `weight`.
  lesmis    networks-with-ground-truth/lesmis.gml, undirected, edge weight
            attribute `value`.
  football  networks-with-ground-truth/football.gml, undirected, node `value` =
            conference.
  polbooks  networks-with-ground-truth/polbooks.gml, undirected, node `value`
            n/c/l.
  polblogs  networks-with-ground-truth/polblogs.gml, directed, node `value` 0/1;
            isolated nodes and self-loops are kept.
  email     networks-with-ground-truth/email-Eu-core.txt, directed "src dst",
            0-based; nodes are the ids that occur in the file; simple DiGraph
            keeping self-loops.
  email_noloops  the same with all self-loops removed (nodes are kept, so a node
            whose only edge was a self-loop would become isolated).
  ba        `random.seed(42); ig.set_random_number_generator(random);
            ig.Graph.Barabasi(2000, 3)` (igraph defaults: undirected, psumtree,
            power 1, zero_appeal 1, no multi-edges). Its edge list is written in
            igraph's edge order to ba_2000_3.edges, one "u v" per line (0-based,
            space separated, "\\n" endings); the NetworkX graph is then read back
            from that file with nodes 0..1999 added explicitly.

igraph graphs are built from the same simple edge list: vertex index i is the
i-th node id in ascending order. Every per-node value is a JSON object keyed by
the node id as a decimal string.

Conventions (see the table in the fixtures README, generated from MEASURES below)
===========

* m counts edges of the simple graph, a self-loop counting as one edge; in a
  directed graph u->v and v->u are two edges.
* Degrees are NetworkX degrees: a self-loop adds 2 to "degree" (1 to in and 1 to
  out). "strength" = `G.degree(weight=attr)`.
* "density" = `nx.density(G)`: 2m/(n(n-1)) undirected, m/(n(n-1)) directed,
  self-loops counted in m.
* "reciprocity_nx" = `nx.reciprocity(G)` = 2*(m - m_undirected)/m, so a
  self-loop is in the denominator but never reciprocated;
  "reciprocity_igraph" = `g.reciprocity(ignore_loops=True)` (loops dropped from
  both numerator and denominator, mode "default").
* "degree_assortativity" = `nx.degree_assortativity_coefficient(G)` (for
  directed graphs this is the NetworkX default x='out', y='in');
  directed graphs also get "assortativity_<x>_<y>" for x, y in {out, in} =
  `nx.degree_assortativity_coefficient(G, x=x, y=y)`. Self-loops are kept.
* "attribute_assortativity" = `nx.attribute_assortativity_coefficient(G,
  'value')` (nominal) for football, polbooks, polblogs;
  "numeric_assortativity" = `nx.numeric_assortativity_coefficient(G, 'value')`
  for polblogs.
* "pagerank" = `nx.pagerank(G, alpha=0.85, tol=1e-12, max_iter=10000,
  weight=None)`; "pagerank_weighted" the same with weight=attr; undirected edges
  count in both directions; uniform teleport and uniform dangling redistribution;
  self-loops kept. NetworkX stops when the L1 change < n*tol.
  "pagerank_igraph" / "pagerank_weighted_igraph" = `g.pagerank(damping=0.85,
  directed=G.is_directed(), weights=None|'weight', implementation='prpack')`.
* "pagerank_iter20" (and "pagerank_weighted_iter20"): own numpy reference,
  exactly 20 power iterations, no convergence test:
      x_0 = 1/n (uniform);
      x_{k+1} = alpha * (P^T x_k + dangling_sum(x_k)/n) + (1-alpha)/n,
  alpha = 0.85, P[i,j] = w(i->j) / sum_j w(i->j) (w = 1, or the edge weight;
  undirected edges in both directions; a self-loop is one i->i entry), and
  dangling_sum(x) = sum of x_i over nodes with no out-edge. The result is x_20
  (not renormalised; it sums to 1 up to rounding).
* "eigenvector" = `nx.eigenvector_centrality_numpy(G)` (unweighted, Euclidean
  norm 1, positive) for undirected graphs. Directed graphs: "eigenvector_lscc"
  = the same on `G.subgraph(largest strongly connected component)` (NetworkX
  uses in-edges, i.e. the left eigenvector; self-loops inside the component
  kept); "lscc_size" gives its size; nodes outside are absent.
* "katz" = `nx.katz_centrality_numpy(G, alpha=katz_alpha, beta=1.0,
  normalized=True, weight=None)` with katz_alpha = 0.9/lambda_max, lambda_max =
  spectral radius of the unweighted adjacency matrix (self-loops as 1 on the
  diagonal) from dense numpy (`eigvalsh` undirected, max |eigvals| directed);
  "lambda_max" is stored. Directed: Katz on in-edges (NetworkX convention).
  Euclidean norm 1.
* "hits_hubs", "hits_authorities" (directed only) = `nx.hits(G, max_iter=10000,
  tol=1e-12)` (NetworkX 3.x: top singular vectors via scipy svds), normalised to
  sum 1. The script checks them against a dense numpy SVD.
* Triangles/clustering on the "undirected simple version": for undirected
  graphs G itself; for directed graphs `G.to_undirected()` with self-loops
  removed (u-v present if u->v or v->u). "triangles" = `nx.triangles`,
  "clustering" = `nx.clustering`, "average_clustering" = `nx.average_clustering`
  (zeros counted), "transitivity" = `nx.transitivity`, all on that version.
  "clustering_igraph" = `transitivity_local_undirected(mode="zero")`,
  "average_clustering_igraph" = `transitivity_avglocal_undirected(mode="zero")`,
  "transitivity_igraph" = `transitivity_undirected()` on the same version.
  Directed graphs also get "clustering_directed" = `nx.clustering(G)` on the
  DiGraph (Fagiolo 2007 directed clustering; NetworkX ignores self-loops there)
  and "average_clustering_directed" = `nx.average_clustering(G)`.
* "clustering_weighted" (karate, lesmis) = `nx.clustering(G, weight=attr)`
  (Onnela: geometric mean of weights normalised by the maximum weight);
  "clustering_barrat" = igraph `transitivity_local_undirected(mode="zero",
  weights='weight')` (Barrat et al.).
* "weak_components" = {"count", "sizes" (descending)} of weakly connected
  components (connected components for undirected graphs);
  "strong_components" the same for strongly connected components (directed).
* "core_number" = `nx.core_number` on the simple graph with self-loops removed
  (NetworkX refuses self-loops; directed: degree = in + out);
  "core_number_igraph" = igraph `coreness(mode="all")` on the same graph.
* "degree_histogram" = `nx.degree_histogram(G)` (index = degree, self-loop
  counting 2).

Determinism: the script sets OMP_NUM_THREADS/OPENBLAS_NUM_THREADS/
MKL_NUM_THREADS=1 before importing igraph and numpy (multi-threaded PRPACK
changed igraph's PageRank in the last bits from run to run) and gives scipy's
ARPACK calls inside nx.eigenvector_centrality_numpy and nx.hits a seeded start
vector (`rng=np.random.default_rng(20240601)`, see seeded_arpack); otherwise
those differ by ~1e-15 between runs. With this, two runs give identical files.

JSON: `json.dumps(obj, sort_keys=True, indent=1)` plus a trailing newline;
floats are Python floats (repr, round-trip exact); a NaN would be written as
null (none occurs in the committed files).
"""

import os

# Determinism: PRPACK (igraph PageRank) and BLAS use OpenMP/threads whose
# reductions vary in the last bits between runs; pin them to one thread before
# the libraries are loaded.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import contextlib
import functools
import json
import math
import random
import re
import sys
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import scipy

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CROWDMINE_DATA", REPO_ROOT.parent / "shared" / "data"))
OUT_DIR = REPO_ROOT / "crates" / "crowdmine-graph" / "tests" / "fixtures"
BA_EDGES = OUT_DIR / "ba_2000_3.edges"
COMMAND = "bench/.venv/bin/python tools/graph_expected.py"

ALPHA = 0.85
PR_TOL = 1e-12
PR_MAX_ITER = 10000
HITS_TOL = 1e-12
HITS_MAX_ITER = 10000
ITER20 = 20
KATZ_FACTOR = 0.9


@contextlib.contextmanager
def seeded_arpack(seed=20240601):
    """Give scipy's ARPACK wrappers (eigs, svds) a seeded start vector.

    nx.eigenvector_centrality_numpy and nx.hits call scipy.sparse.linalg.eigs /
    svds without `rng`, so ARPACK starts from an unseeded random vector and the
    last bits of the result change from run to run. NetworkX looks the functions
    up on the module at call time, so patching them here is enough.
    """
    import scipy.sparse.linalg as spla

    saved = spla.eigs, spla.svds

    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            if kwargs.get("rng") is None and kwargs.get("v0") is None:
                kwargs["rng"] = np.random.default_rng(seed)
            return fn(*args, **kwargs)
        return inner

    spla.eigs, spla.svds = wrap(saved[0]), wrap(saved[1])
    try:
        yield
    finally:
        spla.eigs, spla.svds = saved


def versions():
    return {
        "python": "%d.%d.%d" % sys.version_info[:3],
        "networkx": nx.__version__,
        "python-igraph": ig.__version__,
        "igraph-c-core": ig._igraph.__igraph_version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
    }


# ----------------------------------------------------------------- loading --

def load_gml(rel):
    """Parse a GML file as a multigraph (label='id'), collapse to simple, keep loops."""
    path = DATA_DIR / rel
    text = path.read_text(encoding="utf-8")
    text_multi, k = re.subn(r"graph\s*\[", "graph [\n  multigraph 1", text, count=1)
    assert k == 1, rel
    M = nx.parse_gml(text_multi, label="id")
    G = nx.DiGraph() if M.is_directed() else nx.Graph()
    G.add_nodes_from(M.nodes(data=True))
    for u, v, d in M.edges(data=True):
        if G.has_edge(u, v):
            continue  # first occurrence wins (only matters if something is collapsed)
        G.add_edge(u, v, **d)
    collapsed = M.number_of_edges() - G.number_of_edges()
    if collapsed == 0:
        R = nx.read_gml(path, label="id")
        assert type(R) is type(G) and dict(R.nodes(data=True)) == dict(G.nodes(data=True)), rel
        assert {(u, v): d for u, v, d in R.edges(data=True)} == {(u, v): d for u, v, d in G.edges(data=True)}, rel
    return G, {"edges_in_file": M.number_of_edges(), "multi_edges_collapsed": collapsed}


def load_edgelist(rel, directed):
    path = DATA_DIR / rel
    G = nx.DiGraph() if directed else nx.Graph()
    lines = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                continue
            lines += 1
            G.add_edge(int(parts[0]), int(parts[1]))
    return G, {"edges_in_file": lines, "multi_edges_collapsed": lines - G.number_of_edges()}


def make_ba():
    random.seed(42)
    ig.set_random_number_generator(random)
    g = ig.Graph.Barabasi(2000, 3)
    edges = g.get_edgelist()
    text = "".join("%d %d\n" % e for e in edges)
    old = BA_EDGES.read_text() if BA_EDGES.exists() else None
    BA_EDGES.write_text(text, newline="\n")
    if old is not None and old != text:
        print("WARNING: ba_2000_3.edges changed on regeneration (igraph version?)")
    G = nx.Graph()
    G.add_nodes_from(range(2000))
    with open(BA_EDGES) as fh:
        for line in fh:
            u, v = line.split()
            G.add_edge(int(u), int(v))
    assert G.number_of_edges() == len(edges)
    return G, {"edges_in_file": len(edges), "multi_edges_collapsed": 0}


# ------------------------------------------------------------- utilities --

def keyed(d):
    return {str(k): clean(v) for k, v in sorted(d.items())}


NAN_COUNT = [0]


def clean(x):
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x) or math.isinf(x):
            NAN_COUNT[0] += 1
            return None
        return x
    if isinstance(x, dict):
        return {str(k): clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    return x


def to_igraph(G, nodes, weight=None):
    index = {u: i for i, u in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in G.edges()]
    g = ig.Graph(n=len(nodes), edges=edges, directed=G.is_directed())
    if weight is not None:
        g.es["weight"] = [float(d[weight]) for _, _, d in G.edges(data=True)]
    return g


def keyed_float(d):
    """Like keyed, but as floats (nx.clustering returns the int 0 for degree < 2)."""
    return {k: float(v) for k, v in keyed(d).items()}


def by_node(values, nodes):
    return {str(u): clean(v) for u, v in zip(nodes, values)}


def components(comps):
    sizes = sorted((len(c) for c in comps), reverse=True)
    return {"count": len(sizes), "sizes": sizes}


def pagerank_iter20(G, nodes, weight=None, iters=ITER20, alpha=ALPHA):
    """x_{k+1} = alpha (P^T x_k + dangling_sum(x_k)/n) + (1-alpha)/n, x_0 = 1/n."""
    n = len(nodes)
    A = nx.to_numpy_array(G, nodelist=nodes, weight=weight, dtype=float)
    out = A.sum(axis=1)
    dangling = out == 0
    P = np.zeros_like(A)
    P[~dangling] = A[~dangling] / out[~dangling, None]
    x = np.full(n, 1.0 / n)
    for _ in range(iters):
        x = alpha * (P.T @ x + x[dangling].sum() / n) + (1.0 - alpha) / n
    return x


def lambda_max(G, nodes):
    A = nx.to_numpy_array(G, nodelist=nodes, weight=None, dtype=float)
    if G.is_directed():
        return float(np.max(np.abs(np.linalg.eigvals(A))))
    return float(np.max(np.linalg.eigvalsh(A)))


def maxdiff(a, b, keys):
    return max(abs(a[k] - b[k]) for k in keys)


# ---------------------------------------------------------------- measures --

def measures(name, G, load_info, source, weight=None, node_attr=None):
    directed = G.is_directed()
    nodes = sorted(G.nodes())
    n = len(nodes)
    checks = {}
    out = {
        "meta": {
            "generator": "tools/graph_expected.py",
            "command": COMMAND,
            "source": source,
            "versions": versions(),
            "node_ids": "keys are node ids as decimal strings",
        },
        "directed": directed,
        "n": n,
        "m": G.number_of_edges(),
        "self_loops": nx.number_of_selfloops(G),
        "isolated": nx.number_of_isolates(G),
        "density": nx.density(G),
        "degree": keyed(dict(G.degree())),
        "degree_histogram": nx.degree_histogram(G),
    }
    out.update(load_info)
    if weight is not None:
        out["weight_attribute"] = weight
        out["strength"] = keyed(dict(G.degree(weight=weight)))

    G_noloops = G.copy()
    G_noloops.remove_edges_from(list(nx.selfloop_edges(G_noloops)))
    if directed:
        U = G.to_undirected()
        U.remove_edges_from(list(nx.selfloop_edges(U)))
        out["m_undirected_simple"] = U.number_of_edges()
    else:
        U = G_noloops

    g = to_igraph(G, nodes, weight)
    gU = to_igraph(U, nodes)
    g_noloops = to_igraph(G_noloops, nodes)

    # --- directed-only basics
    if directed:
        out["in_degree"] = keyed(dict(G.in_degree()))
        out["out_degree"] = keyed(dict(G.out_degree()))
        out["reciprocity_nx"] = nx.reciprocity(G)
        out["reciprocity_igraph"] = g.reciprocity(ignore_loops=True)

    # --- assortativity
    out["degree_assortativity"] = nx.degree_assortativity_coefficient(G)
    if directed:
        for x in ("out", "in"):
            for y in ("out", "in"):
                out["assortativity_%s_%s" % (x, y)] = nx.degree_assortativity_coefficient(G, x=x, y=y)
    if node_attr is not None:
        out["attribute_assortativity"] = nx.attribute_assortativity_coefficient(G, node_attr)
        out["attribute"] = node_attr
        if name == "polblogs":
            out["numeric_assortativity"] = nx.numeric_assortativity_coefficient(G, node_attr)

    # --- PageRank
    pr = nx.pagerank(G, alpha=ALPHA, tol=PR_TOL, max_iter=PR_MAX_ITER, weight=None)
    out["pagerank"] = keyed(pr)
    out["pagerank_igraph"] = by_node(
        g.pagerank(damping=ALPHA, directed=directed, weights=None, implementation="prpack"), nodes)
    x20 = pagerank_iter20(G, nodes)
    out["pagerank_iter20"] = by_node(x20, nodes)
    xconv = pagerank_iter20(G, nodes, iters=3000)
    checks["pagerank nx vs igraph"] = maxdiff(out["pagerank"], out["pagerank_igraph"], out["pagerank"])
    checks["pagerank nx vs own recurrence x3000"] = max(abs(pr[u] - xconv[i]) for i, u in enumerate(nodes))
    checks["pagerank_iter20 vs converged"] = max(abs(pr[u] - x20[i]) for i, u in enumerate(nodes))
    checks["pagerank sum"] = sum(pr.values())
    if weight is not None:
        prw = nx.pagerank(G, alpha=ALPHA, tol=PR_TOL, max_iter=PR_MAX_ITER, weight=weight)
        out["pagerank_weighted"] = keyed(prw)
        out["pagerank_weighted_igraph"] = by_node(
            g.pagerank(damping=ALPHA, directed=directed, weights="weight", implementation="prpack"), nodes)
        out["pagerank_weighted_iter20"] = by_node(pagerank_iter20(G, nodes, weight=weight), nodes)
        checks["pagerank_weighted nx vs igraph"] = maxdiff(
            out["pagerank_weighted"], out["pagerank_weighted_igraph"], out["pagerank_weighted"])

    # --- eigenvector / Katz
    if directed:
        sccs = sorted(nx.strongly_connected_components(G), key=len, reverse=True)
        assert len(sccs) == 1 or len(sccs[0]) > len(sccs[1]), "largest SCC not unique"
        L = G.subgraph(sccs[0])
        out["lscc_size"] = L.number_of_nodes()
        with seeded_arpack():
            out["eigenvector_lscc"] = keyed(nx.eigenvector_centrality_numpy(L))
    else:
        assert nx.is_connected(G), name
        with seeded_arpack():
            out["eigenvector"] = keyed(nx.eigenvector_centrality_numpy(G))
    # cross-check the eigenvector against a dense numpy eigen-decomposition (in-edges: A^T)
    ev_key = "eigenvector_lscc" if directed else "eigenvector"
    ev_graph = L if directed else G
    ev_nodes = sorted(ev_graph.nodes())
    A = nx.to_numpy_array(ev_graph, nodelist=ev_nodes, weight=None, dtype=float)
    w, V = np.linalg.eig(A.T)
    v = np.abs(np.real(V[:, np.argmax(np.real(w))]))
    v /= np.linalg.norm(v)
    checks["eigenvector vs dense eig"] = max(abs(out[ev_key][str(u)] - v[i]) for i, u in enumerate(ev_nodes))
    checks["eigenvector all > 0"] = min(out[ev_key].values()) > 0
    lam = lambda_max(G, nodes)
    out["lambda_max"] = lam
    out["katz_alpha"] = KATZ_FACTOR / lam
    out["katz"] = keyed(nx.katz_centrality_numpy(G, alpha=KATZ_FACTOR / lam, beta=1.0,
                                                 normalized=True, weight=None))

    # --- HITS
    if directed:
        with seeded_arpack():
            hubs, auths = nx.hits(G, max_iter=HITS_MAX_ITER, tol=HITS_TOL)
        out["hits_hubs"] = keyed(hubs)
        out["hits_authorities"] = keyed(auths)
        A = nx.to_numpy_array(G, nodelist=nodes, weight=None, dtype=float)
        U_, s, Vt = np.linalg.svd(A)
        a = np.abs(Vt[0]); a /= a.sum()
        h = np.abs(U_[:, 0]); h /= h.sum()
        checks["hits top singular gap s1-s2"] = float(s[0] - s[1])
        checks["hits auth vs dense svd"] = max(abs(auths[u] - a[i]) for i, u in enumerate(nodes))
        checks["hits hubs vs dense svd"] = max(abs(hubs[u] - h[i]) for i, u in enumerate(nodes))

    # --- triangles / clustering (undirected simple version)
    out["triangles"] = keyed(nx.triangles(U))
    out["clustering"] = keyed_float(nx.clustering(U))
    out["average_clustering"] = nx.average_clustering(U)
    out["transitivity"] = nx.transitivity(U)
    out["clustering_igraph"] = by_node(gU.transitivity_local_undirected(mode="zero"), nodes)
    out["average_clustering_igraph"] = gU.transitivity_avglocal_undirected(mode="zero")
    out["transitivity_igraph"] = gU.transitivity_undirected()
    checks["clustering nx vs igraph"] = maxdiff(out["clustering"], out["clustering_igraph"], out["clustering"])
    if directed:
        cd = nx.clustering(G)
        assert cd == nx.clustering(G_noloops), "directed clustering depends on self-loops"
        out["clustering_directed"] = keyed_float(cd)
        out["average_clustering_directed"] = nx.average_clustering(G)
    if weight is not None:
        out["clustering_weighted"] = keyed_float(nx.clustering(G, weight=weight))
        out["clustering_barrat"] = by_node(
            g.transitivity_local_undirected(mode="zero", weights="weight"), nodes)

    # --- components, cores
    if directed:
        out["weak_components"] = components(nx.weakly_connected_components(G))
        out["strong_components"] = components(nx.strongly_connected_components(G))
    else:
        out["weak_components"] = components(nx.connected_components(G))
    out["core_number"] = keyed(nx.core_number(G_noloops))
    out["core_number_igraph"] = by_node(g_noloops.coreness(mode="all"), nodes)
    checks["core nx == igraph"] = out["core_number"] == out["core_number_igraph"]
    return clean(out), checks


GRAPHS = [
    # name, loader, args, weight attr, node attr
    ("karate", load_gml, ("networks-with-ground-truth/karate_club.gml",), "weight", None),
    ("lesmis", load_gml, ("networks-with-ground-truth/lesmis.gml",), "value", None),
    ("football", load_gml, ("networks-with-ground-truth/football.gml",), None, "value"),
    ("polbooks", load_gml, ("networks-with-ground-truth/polbooks.gml",), None, "value"),
    ("polblogs", load_gml, ("networks-with-ground-truth/polblogs.gml",), None, "value"),
    ("email", load_edgelist, ("networks-with-ground-truth/email-Eu-core.txt", True), None, None),
    ("email_noloops", load_edgelist, ("networks-with-ground-truth/email-Eu-core.txt", True), None, None),
    ("ba", None, (), None, None),
]


# ------------------------------------------------------------------ README --

MEASURES = [
    ("n, m, self_loops, isolated", "`G.number_of_nodes()`, `G.number_of_edges()`, `nx.number_of_selfloops`, `nx.number_of_isolates`",
     "simple graph (parallel edges collapsed, `multi_edges_collapsed` reports how many), self-loops kept and counted once in m"),
    ("density", "`nx.density(G)`", "2m/(n(n-1)) undirected, m/(n(n-1)) directed; self-loops counted in m"),
    ("reciprocity_nx", "`nx.reciprocity(G)`", "directed; 2(m - m_undirected)/m: a self-loop is in the denominator, never reciprocated"),
    ("reciprocity_igraph", "`g.reciprocity(ignore_loops=True)`", "directed; self-loops dropped from numerator and denominator"),
    ("degree, in_degree, out_degree", "`G.degree()`, `G.in_degree()`, `G.out_degree()`", "a self-loop adds 2 to degree, 1 to in and 1 to out"),
    ("strength", "`G.degree(weight=attr)`", "karate (`weight`), lesmis (`value`)"),
    ("degree_histogram", "`nx.degree_histogram(G)`", "index = total degree"),
    ("degree_assortativity", "`nx.degree_assortativity_coefficient(G)`", "directed: NetworkX default x='out', y='in'; self-loops kept"),
    ("assortativity_{out,in}_{out,in}", "`nx.degree_assortativity_coefficient(G, x=.., y=..)`", "directed only; self-loops kept"),
    ("attribute_assortativity", "`nx.attribute_assortativity_coefficient(G, 'value')`", "nominal; football, polbooks, polblogs (directed, self-loops kept)"),
    ("numeric_assortativity", "`nx.numeric_assortativity_coefficient(G, 'value')`", "polblogs only"),
    ("pagerank", "`nx.pagerank(G, alpha=0.85, tol=1e-12, max_iter=10000, weight=None)`", "uniform teleport, dangling mass spread uniformly, undirected edge = both directions; stop when L1 change < n*tol"),
    ("pagerank_weighted", "same with `weight=attr`", "karate, lesmis"),
    ("pagerank_igraph, pagerank_weighted_igraph", "`g.pagerank(damping=0.85, directed=.., weights=None or 'weight', implementation='prpack')`", "cross-check"),
    ("pagerank_iter20, pagerank_weighted_iter20", "own numpy recurrence", "x_0 = 1/n; x_{k+1} = 0.85 (P^T x_k + dangling_sum(x_k)/n) + 0.15/n; exactly 20 steps, no convergence test, no renormalisation; P row-stochastic over out-edges (weights for the weighted variant)"),
    ("eigenvector", "`nx.eigenvector_centrality_numpy(G)`", "undirected; unweighted; Euclidean norm 1, positive"),
    ("eigenvector_lscc, lscc_size", "`nx.eigenvector_centrality_numpy(G.subgraph(largest SCC))`", "directed; in-edges (left eigenvector); self-loops in the SCC kept; other nodes absent"),
    ("katz, katz_alpha, lambda_max", "`nx.katz_centrality_numpy(G, alpha=0.9/lambda_max, beta=1.0, normalized=True, weight=None)`", "lambda_max = spectral radius of the unweighted adjacency (dense numpy; self-loop = 1 on the diagonal); directed: in-edges; Euclidean norm 1"),
    ("hits_hubs, hits_authorities", "`nx.hits(G, max_iter=10000, tol=1e-12)`", "directed only; scipy svds; each sums to 1; checked against a dense SVD"),
    ("triangles", "`nx.triangles(U)`", "U = G for undirected graphs; directed: `G.to_undirected()` without self-loops"),
    ("clustering, average_clustering, transitivity", "`nx.clustering(U)`, `nx.average_clustering(U)`, `nx.transitivity(U)`", "same U; average counts zeros"),
    ("clustering_igraph, average_clustering_igraph, transitivity_igraph", "`transitivity_local_undirected(mode='zero')`, `transitivity_avglocal_undirected(mode='zero')`, `transitivity_undirected()`", "igraph on the same U; cross-check"),
    ("clustering_directed, average_clustering_directed", "`nx.clustering(G)`, `nx.average_clustering(G)` on the DiGraph", "directed only; Fagiolo (2007); NetworkX ignores self-loops"),
    ("clustering_weighted", "`nx.clustering(G, weight=attr)`", "karate, lesmis; Onnela: geometric mean of weights / max weight"),
    ("clustering_barrat", "igraph `transitivity_local_undirected(mode='zero', weights='weight')`", "karate, lesmis; Barrat et al."),
    ("weak_components", "`nx.connected_components` / `nx.weakly_connected_components`", "{count, sizes descending}"),
    ("strong_components", "`nx.strongly_connected_components`", "directed only; {count, sizes descending}"),
    ("core_number", "`nx.core_number(G without self-loops)`", "NetworkX refuses self-loops; directed: degree = in + out"),
    ("core_number_igraph", "igraph `coreness(mode='all')` on the same graph", "cross-check"),
]


def write_readme(summary):
    v = versions()
    lines = [
        "# Reference values for crowdmine-graph",
        "",
        "Generated by `tools/graph_expected.py` with NetworkX and python-igraph; no crowdmine code is involved.",
        "Regenerate from the repo root with:",
        "",
        "    " + COMMAND,
        "",
        "(`bench/.venv` is the git-ignored virtualenv: `bench/.venv/bin/pip install networkx python-igraph scipy numpy`.)",
        "The data folder is `$CROWDMINE_DATA`, defaulting to `<repo root>/../shared/data`; see `shared/data/PROVENANCE.md` section 3.",
        "",
        "Versions: " + ", ".join("%s %s" % kv for kv in v.items()) + ".",
        "",
        "## Files",
        "",
        "| file | graph | directed | n | m | self-loops | isolated |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, src, d in summary:
        lines.append("| %s.json | %s | %s | %d | %d | %d | %d |" % (
            name, src, "yes" if d["directed"] else "no", d["n"], d["m"], d["self_loops"], d["isolated"]))
    lines += [
        "| ba_2000_3.edges | edge list of `ba` (\"u v\", 0-based, igraph edge order) | | | | | |",
        "",
        "Loading: GML is parsed with `nx.parse_gml(label='id')` after declaring `multigraph 1`, then collapsed to a simple "
        "`nx.Graph`/`nx.DiGraph` keeping self-loops (`multi_edges_collapsed` counts what was merged); node ids are the GML `id` "
        "integers. `email` is the SNAP edge list as a simple DiGraph with self-loops; `email_noloops` drops them (nodes kept). "
        "`ba` is `random.seed(42); ig.set_random_number_generator(random); ig.Graph.Barabasi(2000, 3)`, written to "
        "`ba_2000_3.edges` and read back. igraph graphs are built from the same edge list with vertex i = i-th smallest node id. "
        "Per-node values are objects keyed by the node id as a string. Keys appear only where the measure is defined.",
        "",
        "Determinism: the script pins OpenMP/BLAS to one thread (multi-threaded PRPACK varied in the last bits) and seeds the "
        "ARPACK start vector used by `nx.eigenvector_centrality_numpy` and `nx.hits`, so regenerating gives identical files "
        "with the same library versions. Compare with tolerances anyway: e.g. `pagerank` (NetworkX, stopped at L1 change < n*1e-12) "
        "differs from `pagerank_igraph` by up to ~1e-9 on polblogs/email.",
        "",
        "## Conventions",
        "",
        "| measure (JSON key) | reference call | convention |",
        "|---|---|---|",
    ]
    for key, call, conv in MEASURES:
        lines.append("| %s | %s | %s |" % (key, call, conv.replace("|", "\\|")))
    lines.append("")
    (OUT_DIR / "README.md").write_text("\n".join(lines), newline="\n")


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    summary = []
    for name, loader, args, weight, node_attr in GRAPHS:
        if name == "ba":
            G, info = make_ba()
            source = "crates/crowdmine-graph/tests/fixtures/ba_2000_3.edges (generated by this script)"
        else:
            G, info = loader(*args)
            source = args[0] + " (relative to the data folder)"
        if name == "email_noloops":
            G.remove_edges_from(list(nx.selfloop_edges(G)))
            info["self_loops_removed"] = info["edges_in_file"] - info["multi_edges_collapsed"] - G.number_of_edges()
        NAN_COUNT[0] = 0
        data, checks = measures(name, G, info, source, weight=weight, node_attr=node_attr)
        path = OUT_DIR / (name + ".json")
        path.write_text(json.dumps(data, sort_keys=True, indent=1, allow_nan=False) + "\n", newline="\n")
        summary.append((name, source.split(" (")[0], data))
        print("%-14s n=%d m=%d loops=%d isolated=%d collapsed=%d NaN->null=%d" % (
            name, data["n"], data["m"], data["self_loops"], data["isolated"], data["multi_edges_collapsed"], NAN_COUNT[0]))
        for k, v in checks.items():
            print("    %-40s %r" % (k, v if isinstance(v, bool) else float(v)))
        for k in ("reciprocity_nx", "reciprocity_igraph", "degree_assortativity", "attribute_assortativity",
                  "numeric_assortativity", "transitivity", "average_clustering", "katz_alpha", "lscc_size"):
            if k in data:
                print("    %-40s %r" % (k, data[k]))
    write_readme(summary)


if __name__ == "__main__":
    main()
