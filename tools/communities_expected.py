#!/usr/bin/env python3
"""Reference values for the crowdmine-graph COMMUNITY DETECTION module: partitions and
their quality from leidenalg, python-igraph, NetworkX and Infomap on the five graphs with
ground truth, agreement measures against the ground truth (scikit-learn, cdlib and the
script's own definitions), and a few hand-checkable modularity cases.

Command line used to produce the committed fixtures (run from the repo root):

    bench/.venv/bin/python tools/communities_expected.py

Optional arguments: graph names to recompute only those (e.g. `... karate email`);
`--no-hand` skips communities_hand.json. Run time on the 2-core machine: about
17 s of computation, 22 s wall with the imports (two runs: 16.7 s, 17.5 s; karate
0.3 s, football 0.8 s, polbooks 0.5 s, polblogs 9 s, email 6 s, dominated by NetworkX
Louvain / label propagation and the repeatability re-runs; the per-run seconds are
written into the files). Single process.

`bench/.venv` is the git-ignored virtualenv (see tools/paths_expected.py); for this
script it additionally got

    bench/.venv/bin/pip install leidenalg infomap scikit-learn
    bench/.venv/bin/pip install -c <pip freeze of the venv> cdlib

(the constraint file kept every package already in the venv at its version; cdlib
installed in ~30 s). Versions used for the committed fixtures (Python 3.11.7):

    networkx 3.6.1, python-igraph 1.0.0 (igraph C core 1.0.0), leidenalg 0.12.0,
    infomap 2.16.0, scikit-learn 1.9.1, cdlib 0.4.1, numpy 2.4.6, scipy 1.17.1

The versions of each run are written into every file under `meta.versions`. cdlib is
optional: without it the "cdlib_*" keys are absent and `meta.cdlib` says so.
Heuristic partitions (Leiden, Louvain, label propagation, Infomap) may change with
other versions of the peers even for the same seed; the quality values of the "best"
runs are the robust targets (compare crowdmine's modularity with a tolerance, e.g.
"within 0.01 of best_modularity"), the deterministic values (truth_quality,
agreement given the stored membership, k_clique, hand cases) are exact.

Data folder: environment variable CROWDMINE_DATA, default `<repo root>/../shared/data`
(resolved by tools/graph_expected.py; see shared/data/PROVENANCE.md section 3).
Outputs, all under `crates/crowdmine-graph/tests/fixtures/`:

    communities_<name>.json for karate, football, polbooks, polblogs, email
    communities_hand.json   (hand-checkable modularity cases)

Nothing else is written (no README is touched). The script shares no code with
crowdmine; it imports tools/graph_expected.py and tools/paths_expected.py (same
folder) for their loaders and the graph check, whose `main()` is not run. Paths in the
outputs are relative (to the data folder); no absolute path is written.

Graphs
======

Raw graphs are loaded exactly as graph_expected.py / paths_expected.py load them
(`paths_expected.load(name)`: GML parsed as a multigraph with label='id' and collapsed
to a simple nx.Graph / nx.DiGraph; email-Eu-core.txt as a simple DiGraph; self-loops
kept at this stage) and checked against the committed <name>.json (n, m, loops, every
degree) with `paths_expected.check_against_graph_fixture`. Then:

* UNDIRECTED part (every key except the "directed" ones): the undirected simple view,
  u-v present iff u->v or v->u (or the undirected edge) is in the file; duplicate
  edges and reciprocal arcs merged into one UNWEIGHTED edge (karate's `weight` is
  ignored), self-loops removed; then restricted to the largest connected component
  (unique, asserted). For karate, football and polbooks the LCC is the whole graph;
  polblogs 1222 of 1490 nodes, email 986 of 1005 (see meta.n_file / meta.n).
* DIRECTED part (polblogs and email only; "truth_quality.directed_modularity" and
  "infomap.directed"): the nodes of that same undirected LCC, with the arcs of the
  file between them kept directed, duplicates merged (unweighted), self-loops removed.
  A pair with u->v and v->u keeps both arcs.

Node order ("nodes", and every per-node list: "truth", "membership", Infomap
"membership") is the order in which crowdmine reads the nodes, restricted to the LCC
with the relative order kept:
  - GML (karate, football, polbooks, polblogs): the order of the `node [ ... ]`
    blocks in the file (checked against a regex scan of the file);
  - email: order of first appearance over the lines of email-Eu-core.txt, source
    before target on each line (crowdmine's edge-list rule, checked against an own
    scan of the file).
"nodes" holds the node ids as decimal strings (GML `id`, email's integer id).

Ground truth ("truth": one label per node, as a string, fixture order):
  karate `club` node attribute ("Mr. Hi" / "Officer"; graph_expected.py reads no
  node attribute for karate, the club is in `club`), football, polbooks, polblogs the
  GML `value` attribute (football conference "0".."11", polbooks "n"/"c"/"l",
  polblogs "0"/"1"), email the department of
  networks-with-ground-truth/email-Eu-core-department-labels.txt ("node dept" lines,
  "0".."41"). Truth COMMUNITIES (for modularity, conductance, F1, cdlib) are listed in
  the order of first appearance of their label along the fixture node order
  ("truth_quality.labels").

Inside the script the graphs are built canonically: nx graphs get the nodes (integer
ids) added in fixture order, then the edges (arcs) sorted by (index(u), index(v)),
undirected edges with index(u) < index(v); the igraph graph is
`ig.Graph(n=n, edges=<those index pairs>, directed=False)` (vertex i = i-th fixture
node); Infomap gets `add_node(i)` for i = 0..n-1 in order, then `add_link(i, j)` for the
same sorted index pairs (each undirected edge once). All peer results are therefore
deterministic given the versions (two runs give identical files except "seconds").

Memberships: every "membership" list is CANONICAL: community labels renumbered
0, 1, 2, ... in order of first appearance along the fixture node order (the partition
is the peer's; only the label names change). "n_communities" = number of distinct
labels.

JSON keys of communities_<name>.json
====================================

* "meta": graph, generator, command, source (+ truth_source for email; relative to
  the data folder), versions, calls (the exact call of every peer, also repeated per
  key as "call"), n_file, m_file (raw simple graph as in <name>.json, loops counted),
  self_loops_file, m_undirected_view (after merging and dropping loops, before the
  LCC), components_undirected_view, n, m (undirected LCC), lcc ("whole graph" or
  "largest connected component"), m_directed (arcs in the directed LCC version,
  polblogs/email), preprocessing, node_order, membership_labels, truth_attribute,
  cdlib (available or the reason not), seeds.
* "nodes": ids as strings; "truth": labels as strings (fixture order).
* "leidenalg": "call" = `leidenalg.find_partition(g, leidenalg.ModularityVertexPartition,
  n_iterations=-1, seed=s)`; "runs" = for seeds s = 0..4: {"seed", "membership",
  "modularity" = `g.modularity(membership)` (igraph, resolution 1, unweighted),
  "quality_leidenalg" = `partition.quality()` (equals modularity for this
  partition type in leidenalg 0.12), "n_communities", "nmi_truth" =
  `sklearn.metrics.normalized_mutual_info_score(truth, membership)` (default
  average_method='arithmetic'), "seconds" (wall time of the find_partition call)};
  "best_modularity" = max over the seeds of "modularity", "best_nmi" = max over the
  seeds of "nmi_truth" (separately: they may come from different seeds),
  "best_modularity_seed", "best_nmi_seed" (first seed attaining the max).
* "igraph_leiden": the same layout; per seed `random.seed(s);
  ig.set_random_number_generator(random); g.community_leiden(
  objective_function="modularity", n_iterations=-1)` (other parameters default:
  weights None, resolution 1, beta 0.01). python-igraph draws its random numbers
  from the Python object given to ig.set_random_number_generator (the `random` module
  is also igraph's default), so seeding Python's `random` seeds igraph; the script
  sets it explicitly every time. "modularity" = `g.modularity(membership)`.
* "igraph_multilevel": the same with `random.seed(s);
  ig.set_random_number_generator(random); g.community_multilevel()` (final level;
  igraph >= 0.10 shuffles the vertex order with its RNG, so the seed matters).
* "networkx_louvain": per seed `nx.community.louvain_communities(G, seed=s)`
  (resolution 1, threshold 1e-7, weight 'weight' absent -> 1); "modularity" =
  `nx.community.modularity(G, communities)`.
* "label_propagation": {"asyn_lpa": per seed
  `nx.community.asyn_lpa_communities(G, seed=s)` (weight None, max_iter default),
  same layout with "best_*"; "semi_synchronous": one deterministic
  `nx.community.label_propagation_communities(G)` run: {"call", "membership",
  "modularity", "n_communities", "nmi_truth", "seconds"}}.
* "infomap": {"undirected": Infomap on the undirected LCC, "directed" (polblogs,
  email): on the directed version}. Call: `im = infomap.Infomap("--two-level
  --num-trials 5 --seed 123 --silent")` (+ " --directed" for the directed run), nodes
  and links added as above, `result = im.run()`. Keys: "call", "flags",
  "codelength" (= result.codelength, bits, best of the 5 trials),
  "codelengths" (per trial), "index_codelength", "module_codelength",
  "one_level_codelength", "num_top_modules" (= n_communities for --two-level),
  "membership" (canonical relabelling of `result.modules()`: top module per node),
  "nmi_truth", "modularity" (nx modularity of the Infomap partition on the undirected
  LCC, resolution 1; for the directed run "modularity_directed" = nx directed
  modularity on the directed version as well), "seconds", and "config" = the flow
  settings Infomap reports in `result.provenance()["config"]` (flow_model, directed,
  teleportation_probability, recorded_teleportation, teleport_to_nodes, two_level,
  seed, no_self_links, markov_time) plus provenance "args" and "trials".
  Infomap defaults worth knowing (2.16.0, checked, not assumed):
    - the Python API's default flow model is UNDIRECTED (provenance flow_model
      "undirected", directed False) when no --directed / flow_model is given; the
      CLI's help says the same ("-d: shorthand for --flow-model directed");
    - --directed = flow model "directed": PageRank-like power iteration with
      teleportation probability 0.15, UNRECORDED teleportation TO LINKS (teleport
      target chosen proportionally to the node's out-link weight, i.e. the source of a
      uniformly chosen link; dangling flow teleports the same way); after
      convergence one more step WITHOUT teleportation gives the node/link flows used
      in the map equation, so teleportation steps are not encoded in the codelength
      (the CLI's verbose output reports "Teleportation: unrecorded, to links");
    - self-links are INCLUDED by default in 2.16 (--no-self-links excludes them); no
      self-link exists in our inputs, so this is moot here;
    - the Python API always appends --silent (provenance args show it twice);
    - module ids of result.modules() start at 1; we relabel canonically;
    - threads: the thread budget resolves --num-threads > INFOMAP_NUM_THREADS >
      SLURM_CPUS_PER_TASK > OMP_NUM_THREADS > cpuset; graph_expected pins
      OMP_NUM_THREADS=1 before any import, so Infomap runs serially here.
* "truth_quality" on the undirected LCC with the truth communities (labels order):
  "labels", "sizes", "modularity" = `nx.community.modularity(G, comms)` (resolution
  1.0), "modularity_resolution_0.5" = `nx.community.modularity(G, comms,
  resolution=0.5)`, "coverage", "performance" = `nx.community.partition_quality(G,
  comms)`, "conductance" = [`nx.conductance(G, S)` for each truth community S in
  "labels" order] (cut(S, V-S) / min(vol S, vol V-S), unweighted), and for polblogs
  / email "directed_modularity" = `nx.community.modularity(D, comms)` on the directed
  version (Leicht-Newman: sum_c [L_c/m - resolution * k_out(c) k_in(c) / m^2], m arcs).
* "agreement": truth vs the leidenalg seed-0 membership ("detected"):
  "nmi_arithmetic", "nmi_geometric", "nmi_min", "nmi_max" =
  `normalized_mutual_info_score(truth, detected, average_method=...)`,
  "adjusted_rand" = `adjusted_rand_score(truth, detected)`,
  "purity" = (sum over detected communities C of max over truth classes T of
  |C & T|) / n (own definition),
  "f1_detected_to_truth" = mean over detected communities C of max over truth classes
  T of F1(C, T), F1(C, T) = 2|C & T| / (|C| + |T|); "f1_truth_to_detected" = the same
  with the roles swapped (mean over truth classes); both own definitions, unrounded.
  With cdlib (communities as NodeClustering covers of integer node ids, fixture order;
  overlap=True):
  "cdlib_f1" = `cdlib.evaluation.f1(detected, truth).score` and
  "cdlib_f1_truth_first" = `f1(truth, detected).score`: NOT the same as our best-match
  F1: cdlib (NF1 class) matches each community of its FIRST argument to the class(es)
  of the second with the largest OVERLAP COUNT (all tied classes are kept, each adding
  a term), computes F1 = 2PR/(P+R) with P = overlap/|C|, R = overlap/|T|, ROUNDS each
  F1 to 2 decimals, and averages over those terms (the script re-implements this and
  asserts equality);
  "cdlib_onmi_mgh" = `cdlib.evaluation.overlapping_normalized_mutual_information_MGH(
  detected, truth).score` (McDaid, Greene & Hurley 2011, normalisation "max"; log
  base 2; symmetric; note cdlib returns exactly 1 when the two lists of sets are
  equal in order).
* "k_clique" (karate, football, polbooks): {"3", "4", "5"} for
  `nx.community.k_clique_communities(G, k)`: each community as a list of node ids
  (strings) sorted NUMERICALLY by the integer id, the list of communities sorted by
  those integer lists (lexicographically); an empty list if none.

communities_hand.json
=====================

Computed with `nx.community.modularity` and checked against exact rational arithmetic
(Fraction; written as "p/q" strings next to the floats):
* "two_cliques": two 5-cliques on 0-4 and 5-9 plus the edge 4-5 (n 10, m 21):
  modularity of {0..4}, {5..9} (19/42 = 0.45238...) and of the all-in-one partition (0).
* "ring_of_cliques": 30 5-cliques, clique i on nodes 5i..5i+4, plus one edge
  5i+4 -> 5((i+1) mod 30) (n 150, m 330): modularity of one community per clique and
  of the pairing of cliques (2j, 2j+1), at resolution 1 (pairs score higher: the
  resolution limit of Fortunato & Barthelemy 2007) and at resolution 2.0 (single
  cliques score higher). "edges" = the exact edge list (sorted pairs u < v, sorted),
  "partitions" = the node lists.

Results and surprises (committed files; best over seeds 0..4)
=============================================================

    graph     n     m      leidenalg Q / NMI   igraph leiden Q   infomap L (modules)      truth Q
    karate    34    78     0.419790 / 0.5878   0.419790          4.311793 (3)             0.358235
    football  115   613    0.604570 / 0.8903   0.604570          5.464797 (11)            0.553973
    polbooks  105   441    0.527237 / 0.5737   0.527237          5.472882 (5)             0.414940
    polblogs  1222  16704  0.427087 / 0.6613   0.427087          8.680277 (37);           0.405268
                                                                 directed 7.594271 (85)   (directed 0.411113)
    email     986   16064  0.417379 / 0.5989   0.417475          8.784921 (16);           0.288013
                                                                 directed 8.550489 (22)   (directed 0.299095)

* email: label propagation collapses to ONE community (modularity 0, NMI 0) for all
  five asyn_lpa seeds and for the semi-synchronous variant (dense core, 42 small
  departments); a crowdmine label propagation may legitimately do the same.
* polblogs: the Leiden partitions have ~11 communities: two giant ones plus small
  fringe groups, so "f1_detected_to_truth" is low (0.165) while
  "f1_truth_to_detected" is 0.941 and ARI 0.78.
* cdlib's f1 is not the plain best-match F1 (rounded to 2 decimals, max-overlap
  matching, see "agreement"); its ONMI (MGH) is much lower than sklearn's NMI for
  the same partitions (karate 0.299 vs 0.588): different quantities, not a bug.
* On email igraph's Leiden finds a slightly higher modularity than leidenalg over
  the same five seeds (0.417475 vs 0.417379).
* Infomap defaults: see the "infomap" key (undirected unless --directed; directed
  = unrecorded teleportation to links, p = 0.15; self-links included by default).

Determinism: no unseeded randomness; two runs gave identical files apart from the
"seconds" values.

JSON: `json.dumps(obj, sort_keys=True, indent=1, allow_nan=False)` plus a trailing
newline; floats are Python floats (repr, round-trip exact).
"""

import sys

sys.dont_write_bytecode = True  # importing graph_expected must not leave a __pycache__

import argparse
import json
import random
import re
import time
from collections import Counter
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graph_expected as ge  # noqa: E402  (pins OMP/BLAS threads before numpy/igraph/infomap load)
import paths_expected as pe  # noqa: E402  (same loaders / graph check as paths_<name>.json)

import igraph as ig  # noqa: E402
import infomap  # noqa: E402
import leidenalg  # noqa: E402
import networkx as nx  # noqa: E402
import sklearn  # noqa: E402
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score  # noqa: E402

try:
    import cdlib  # noqa: E402
    from cdlib import NodeClustering, evaluation as cdlib_eval  # noqa: E402
    CDLIB = None
except Exception as exc:  # pragma: no cover - depends on the venv
    cdlib = None
    CDLIB = "not available: %s: %s" % (type(exc).__name__, exc)

OUT_DIR = ge.OUT_DIR
DATA_DIR = ge.DATA_DIR
COMMAND = "bench/.venv/bin/python tools/communities_expected.py"
NAMES = ["karate", "football", "polbooks", "polblogs", "email"]
DIRECTED_NAMES = {"polblogs", "email"}
KCLIQUE_NAMES = {"karate", "football", "polbooks"}
SEEDS = [0, 1, 2, 3, 4]
EMAIL_LABELS = "networks-with-ground-truth/email-Eu-core-department-labels.txt"
TRUTH_ATTR = {"karate": "club", "football": "value", "polbooks": "value", "polblogs": "value"}
INFOMAP_FLAGS = "--two-level --num-trials 5 --seed 123 --silent"
INFOMAP_CONFIG_KEYS = ("flow_model", "directed", "teleportation_probability", "recorded_teleportation",
                       "teleport_to_nodes", "two_level", "seed", "no_self_links", "markov_time")

CALLS = {
    "leidenalg": "leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, n_iterations=-1, seed=s); "
                 "modularity = g.modularity(partition.membership)",
    "igraph_leiden": "random.seed(s); ig.set_random_number_generator(random); "
                     "g.community_leiden(objective_function='modularity', n_iterations=-1); "
                     "modularity = g.modularity(membership)",
    "igraph_multilevel": "random.seed(s); ig.set_random_number_generator(random); g.community_multilevel(); "
                         "modularity = g.modularity(membership)",
    "networkx_louvain": "nx.community.louvain_communities(G, seed=s); modularity = nx.community.modularity(G, comms)",
    "asyn_lpa": "nx.community.asyn_lpa_communities(G, seed=s); modularity = nx.community.modularity(G, comms)",
    "semi_synchronous": "nx.community.label_propagation_communities(G); modularity = nx.community.modularity(G, comms)",
    "infomap_undirected": "im = infomap.Infomap(%r); im.add_node(i) for i in 0..n-1; im.add_link(i, j) per edge "
                          "(i < j, sorted); result = im.run(); result.modules()" % INFOMAP_FLAGS,
    "infomap_directed": "im = infomap.Infomap(%r); im.add_node(i) for i in 0..n-1; im.add_link(i, j) per arc "
                        "(sorted); result = im.run(); result.modules()" % (INFOMAP_FLAGS + " --directed"),
    "nmi_truth": "sklearn.metrics.normalized_mutual_info_score(truth, membership)  (average_method='arithmetic')",
    "truth_modularity": "nx.community.modularity(G, comms, resolution=r) for r in (1.0, 0.5)",
    "partition_quality": "nx.community.partition_quality(G, comms) -> (coverage, performance)",
    "conductance": "nx.conductance(G, S) for each truth community S",
    "directed_modularity": "nx.community.modularity(D, comms)  (D = nx.DiGraph, directed version)",
    "agreement_nmi": "normalized_mutual_info_score(truth, detected, average_method=m), "
                     "m in arithmetic, geometric, min, max",
    "adjusted_rand": "sklearn.metrics.adjusted_rand_score(truth, detected)",
    "cdlib_f1": "cdlib.evaluation.f1(NodeClustering(detected), NodeClustering(truth)).score",
    "cdlib_f1_truth_first": "cdlib.evaluation.f1(NodeClustering(truth), NodeClustering(detected)).score",
    "cdlib_onmi_mgh": "cdlib.evaluation.overlapping_normalized_mutual_information_MGH("
                      "NodeClustering(detected), NodeClustering(truth)).score",
    "k_clique": "nx.community.k_clique_communities(G, k) for k in 3, 4, 5",
}


def versions():
    v = ge.versions()
    v["leidenalg"] = leidenalg.__version__
    v["infomap"] = infomap.__version__
    v["scikit-learn"] = sklearn.__version__
    v["cdlib"] = cdlib.__version__ if cdlib is not None else None
    return v


# ----------------------------------------------------------------- loading --

def gml_node_order(rel):
    """Node ids in the order of the `node [ ... ]` blocks (id is the first key in our files)."""
    text = (DATA_DIR / rel).read_text(encoding="utf-8")
    return [int(x) for x in re.findall(r"\bnode\s*\[\s*id\s+(-?\d+)", text)]


def edgelist_first_appearance(rel):
    order, seen = [], set()
    with open(DATA_DIR / rel, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                continue
            for tok in parts[:2]:
                u = int(tok)
                if u not in seen:
                    seen.add(u)
                    order.append(u)
    return order


def load(name):
    """Raw graph, file node order, truth dict, info for meta."""
    G, _weight, source = pe.load(name)
    pe.check_against_graph_fixture(name, G)
    rel = source.split(" (")[0]
    info = {"source": source}
    if name == "email":
        order = edgelist_first_appearance(rel)
        assert list(G.nodes()) == order, "email node order"
        truth = {}
        with open(DATA_DIR / EMAIL_LABELS, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if parts:
                    truth[int(parts[0])] = parts[1]
        info["truth_source"] = EMAIL_LABELS + " (relative to the data folder)"
        info["truth_attribute"] = "department (second column of the labels file)"
    else:
        order = gml_node_order(rel)
        assert order == list(G.nodes()), "%s: GML node order" % name
        attr = TRUTH_ATTR[name]
        truth = {u: str(G.nodes[u][attr]) for u in G.nodes()}
        info["truth_attribute"] = "GML node attribute `%s`" % attr
    assert set(truth) >= set(order), name
    return G, order, truth, info


def prepare(name):
    G, order, truth, info = load(name)
    U = nx.Graph()
    U.add_nodes_from(order)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    comps = sorted(nx.connected_components(U), key=len, reverse=True)
    assert len(comps) == 1 or len(comps[0]) > len(comps[1]), "%s: largest CC not unique" % name
    lcc = comps[0]
    nodes = [u for u in order if u in lcc]
    idx = {u: i for i, u in enumerate(nodes)}
    pairs = sorted({(min(idx[u], idx[v]), max(idx[u], idx[v])) for u, v in U.edges() if u in lcc})
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from((nodes[i], nodes[j]) for i, j in pairs)
    assert nx.is_connected(H)
    g = ig.Graph(n=len(nodes), edges=pairs, directed=False)
    info.update({
        "n_file": G.number_of_nodes(),
        "m_file": G.number_of_edges(),
        "self_loops_file": nx.number_of_selfloops(G),
        "m_undirected_view": U.number_of_edges(),
        "components_undirected_view": len(comps),
        "n": H.number_of_nodes(),
        "m": H.number_of_edges(),
        "lcc": "whole graph" if len(comps) == 1 else "largest connected component",
    })
    D, arcs = None, None
    if name in DIRECTED_NAMES:
        assert G.is_directed()
        arcs = sorted({(idx[u], idx[v]) for u, v in G.edges() if u != v and u in lcc and v in lcc})
        D = nx.DiGraph()
        D.add_nodes_from(nodes)
        D.add_edges_from((nodes[i], nodes[j]) for i, j in arcs)
        info["m_directed"] = D.number_of_edges()
    tr = [truth[u] for u in nodes]
    return nodes, tr, H, g, pairs, D, arcs, info


# ------------------------------------------------------------- partitions --

def canon(labels):
    """Relabel 0, 1, 2, ... in order of first appearance."""
    m = {}
    return [m.setdefault(x, len(m)) for x in labels]


def membership_of(comms, nodes):
    where = {}
    for k, c in enumerate(comms):
        for u in c:
            assert u not in where
            where[u] = k
    assert len(where) == len(nodes)
    return canon([where[u] for u in nodes])


def comms_of(memb, nodes):
    """Communities as lists of node ids, in canonical label order (memb must be canonical)."""
    out = [[] for _ in range(max(memb) + 1)]
    for u, k in zip(nodes, memb):
        out[k].append(u)
    return out


def nmi(truth, memb, method="arithmetic"):
    return float(normalized_mutual_info_score(truth, memb, average_method=method))


def record(memb, nodes, H, truth, seconds, seed=None, extra=None):
    comms = comms_of(memb, nodes)
    rec = {
        "membership": memb,
        "modularity": nx.community.modularity(H, comms),
        "n_communities": len(comms),
        "nmi_truth": nmi(truth, memb),
        "seconds": seconds,
    }
    if seed is not None:
        rec["seed"] = seed
    if extra:
        rec.update(extra)
    return rec


def summarise(runs, call):
    bm = max(runs, key=lambda r: r["modularity"])
    bn = max(runs, key=lambda r: r["nmi_truth"])
    return {"call": call, "runs": runs,
            "best_modularity": bm["modularity"], "best_modularity_seed": bm["seed"],
            "best_nmi": bn["nmi_truth"], "best_nmi_seed": bn["seed"]}


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def run_leidenalg(g, s):
    return leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, n_iterations=-1, seed=s)


def run_igraph(g, s, what):
    random.seed(s)
    ig.set_random_number_generator(random)
    if what == "leiden":
        return g.community_leiden(objective_function="modularity", n_iterations=-1)
    return g.community_multilevel()


def run_infomap(n, links, directed):
    flags = INFOMAP_FLAGS + (" --directed" if directed else "")
    im = infomap.Infomap(flags)
    for i in range(n):
        im.add_node(i)
    for i, j in links:
        im.add_link(i, j)
    t0 = time.perf_counter()
    res = im.run()
    secs = time.perf_counter() - t0
    mods = res.modules()
    memb = [mods[i] for i in range(n)]
    prov = res.provenance() if callable(res.provenance) else res.provenance
    cfg = prov["config"]
    out = {
        "call": CALLS["infomap_directed" if directed else "infomap_undirected"],
        "flags": flags,
        "codelength": res.codelength,
        "codelengths": list(res.codelengths),
        "index_codelength": res.index_codelength,
        "module_codelength": res.module_codelength,
        "one_level_codelength": res.one_level_codelength,
        "num_top_modules": res.num_top_modules,
        "seconds": secs,
        "config": dict({k: cfg[k] for k in INFOMAP_CONFIG_KEYS},
                       args=prov["args"], trials=prov["trials"], version=prov["version"]),
    }
    assert cfg["flow_model"] == ("directed" if directed else "undirected"), cfg["flow_model"]
    assert cfg["directed"] == directed and cfg["two_level"] and cfg["seed"] == 123
    return memb, out


# -------------------------------------------------------------- agreement --

def own_f1_best(A, B):
    """mean over a in A of max over b in B of 2|a&b|/(|a|+|b|)."""
    Bs = [set(b) for b in B]
    vals = []
    for a in A:
        a = set(a)
        vals.append(max(2 * len(a & b) / (len(a) + len(b)) for b in Bs))
    return sum(vals) / len(vals)


def own_purity(detected, truth_comms, n):
    Ts = [set(t) for t in truth_comms]
    return sum(max(len(set(c) & t) for t in Ts) for c in detected) / n


def cdlib_f1_replica(first, second):
    """cdlib 0.4.1 NF1: max-overlap match (ties all kept), F1 rounded to 2 decimals, mean."""
    vals = []
    Ss = [set(s) for s in second]
    for c in first:
        c = set(c)
        ov = [len(c & s) for s in Ss]
        best = max(ov)
        if best == 0:
            continue
        for k, o in enumerate(ov):
            if o == best:
                p, r = o / len(c), o / len(Ss[k])
                vals.append(float("%.2f" % (2 * p * r / (p + r))))
    return sum(vals) / len(vals)


def agreement(truth, detected_memb, nodes, truth_comms, H, checks):
    det = comms_of(detected_memb, nodes)
    out = {"detected": "leidenalg seed 0 membership", "call_nmi": CALLS["agreement_nmi"],
           "call_adjusted_rand": CALLS["adjusted_rand"]}
    for m in ("arithmetic", "geometric", "min", "max"):
        out["nmi_" + m] = nmi(truth, detected_memb, m)
    out["adjusted_rand"] = float(adjusted_rand_score(truth, detected_memb))
    out["purity"] = own_purity(det, truth_comms, len(nodes))
    out["f1_detected_to_truth"] = own_f1_best(det, truth_comms)
    out["f1_truth_to_detected"] = own_f1_best(truth_comms, det)
    if cdlib is not None:
        d_nc = NodeClustering([list(c) for c in det], H, "leidenalg seed 0", overlap=True)
        t_nc = NodeClustering([list(c) for c in truth_comms], H, "truth", overlap=True)
        out["cdlib_f1"] = float(cdlib_eval.f1(d_nc, t_nc).score)
        out["cdlib_f1_truth_first"] = float(cdlib_eval.f1(t_nc, d_nc).score)
        out["cdlib_onmi_mgh"] = float(cdlib_eval.overlapping_normalized_mutual_information_MGH(d_nc, t_nc).score)
        out["call_cdlib"] = {k: CALLS[k] for k in ("cdlib_f1", "cdlib_f1_truth_first", "cdlib_onmi_mgh")}
        rep = cdlib_f1_replica(det, truth_comms)
        rep_t = cdlib_f1_replica(truth_comms, det)
        assert abs(rep - out["cdlib_f1"]) < 1e-12 and abs(rep_t - out["cdlib_f1_truth_first"]) < 1e-12, (
            rep, out["cdlib_f1"], rep_t, out["cdlib_f1_truth_first"])
        onmi_sym = float(cdlib_eval.overlapping_normalized_mutual_information_MGH(t_nc, d_nc).score)
        checks["cdlib onmi symmetric (diff)"] = onmi_sym - out["cdlib_onmi_mgh"]
    return out


# ---------------------------------------------------------------- measures --

def measures(name):
    t_start = time.perf_counter()
    nodes, truth, H, g, pairs, D, arcs, info = prepare(name)
    n = len(nodes)
    checks = {}
    meta = {
        "graph": name,
        "generator": "tools/communities_expected.py",
        "command": COMMAND,
        "versions": versions(),
        "calls": CALLS,
        "seeds": SEEDS,
        "cdlib": "available" if cdlib is not None else CDLIB,
        "preprocessing": "undirected simple view (u-v iff an edge/arc either way), duplicates and reciprocal "
                         "arcs merged, unweighted, self-loops removed, restricted to the largest connected "
                         "component" + ("; directed version: the same nodes, arcs kept directed, duplicates "
                                        "merged, self-loops removed" if name in DIRECTED_NAMES else ""),
        "node_order": ("order of first appearance in the edge list (source before target), LCC only"
                       if name == "email" else "order of the node blocks in the GML file, LCC only"),
        "membership_labels": "canonical: 0, 1, 2, ... in order of first appearance along the node order",
    }
    meta.update(info)
    out = {"meta": meta, "nodes": [str(u) for u in nodes], "truth": truth}

    # truth communities in order of first appearance of the label
    labels = list(dict.fromkeys(truth))
    truth_memb = canon(truth)
    truth_comms = comms_of(truth_memb, nodes)

    # --- leidenalg
    runs = []
    for s in SEEDS:
        part, secs = timed(lambda: run_leidenalg(g, s))
        memb = canon(part.membership)
        q_ig = g.modularity(part.membership)
        rec = record(memb, nodes, H, truth, secs, seed=s,
                     extra={"quality_leidenalg": part.quality()})
        checks["leidenalg s=%d igraph vs nx modularity" % s] = q_ig - rec["modularity"]
        rec["modularity"] = q_ig
        runs.append(rec)
    again = canon(run_leidenalg(g, 0).membership)
    checks["leidenalg seed 0 repeatable"] = again == runs[0]["membership"]
    out["leidenalg"] = summarise(runs, CALLS["leidenalg"])
    leiden0 = runs[0]["membership"]

    # --- igraph Leiden / multilevel
    for key, what in (("igraph_leiden", "leiden"), ("igraph_multilevel", "multilevel")):
        runs = []
        for s in SEEDS:
            cl, secs = timed(lambda: run_igraph(g, s, what))
            memb = canon(cl.membership)
            q_ig = g.modularity(cl.membership)
            rec = record(memb, nodes, H, truth, secs, seed=s)
            checks["%s s=%d igraph vs nx modularity" % (key, s)] = q_ig - rec["modularity"]
            rec["modularity"] = q_ig
            runs.append(rec)
        checks[key + " seed 0 repeatable"] = canon(run_igraph(g, 0, what).membership) == runs[0]["membership"]
        out[key] = summarise(runs, CALLS[key])

    # --- NetworkX Louvain
    runs = []
    for s in SEEDS:
        comms, secs = timed(lambda: nx.community.louvain_communities(H, seed=s))
        runs.append(record(membership_of(comms, nodes), nodes, H, truth, secs, seed=s))
    checks["networkx_louvain seed 0 repeatable"] = (
        membership_of(nx.community.louvain_communities(H, seed=0), nodes) == runs[0]["membership"])
    out["networkx_louvain"] = summarise(runs, CALLS["networkx_louvain"])

    # --- label propagation
    runs = []
    for s in SEEDS:
        comms, secs = timed(lambda: list(nx.community.asyn_lpa_communities(H, seed=s)))
        runs.append(record(membership_of(comms, nodes), nodes, H, truth, secs, seed=s))
    lp = {"asyn_lpa": summarise(runs, CALLS["asyn_lpa"])}
    comms, secs = timed(lambda: list(nx.community.label_propagation_communities(H)))
    lp["semi_synchronous"] = dict(record(membership_of(comms, nodes), nodes, H, truth, secs),
                                  call=CALLS["semi_synchronous"])
    out["label_propagation"] = lp

    # --- Infomap
    im = {}
    memb, rec = run_infomap(n, pairs, directed=False)
    memb = canon(memb)
    assert len(set(memb)) == rec["num_top_modules"]
    rec.update(membership=memb, nmi_truth=nmi(truth, memb),
               modularity=nx.community.modularity(H, comms_of(memb, nodes)))
    memb2, rec2 = run_infomap(n, pairs, directed=False)
    checks["infomap undirected repeatable"] = canon(memb2) == memb and rec2["codelength"] == rec["codelength"]
    im["undirected"] = rec
    if D is not None:
        memb, rec = run_infomap(n, arcs, directed=True)
        memb = canon(memb)
        assert len(set(memb)) == rec["num_top_modules"]
        comms = comms_of(memb, nodes)
        rec.update(membership=memb, nmi_truth=nmi(truth, memb),
                   modularity=nx.community.modularity(H, comms),
                   modularity_directed=nx.community.modularity(D, comms))
        memb2, rec2 = run_infomap(n, arcs, directed=True)
        checks["infomap directed repeatable"] = canon(memb2) == memb and rec2["codelength"] == rec["codelength"]
        im["directed"] = rec
    out["infomap"] = im

    # --- truth quality
    cov, perf = nx.community.partition_quality(H, truth_comms)
    tq = {
        "labels": labels,
        "sizes": [len(c) for c in truth_comms],
        "modularity": nx.community.modularity(H, truth_comms, resolution=1.0),
        "modularity_resolution_0.5": nx.community.modularity(H, truth_comms, resolution=0.5),
        "coverage": cov,
        "performance": perf,
        "conductance": [nx.conductance(H, c) for c in truth_comms],
        "calls": {k: CALLS[k] for k in ("truth_modularity", "partition_quality", "conductance")},
    }
    checks["truth modularity nx - igraph"] = tq["modularity"] - g.modularity(truth_memb)
    if D is not None:
        tq["directed_modularity"] = nx.community.modularity(D, truth_comms)
        tq["calls"]["directed_modularity"] = CALLS["directed_modularity"]
    out["truth_quality"] = tq

    # --- agreement
    out["agreement"] = agreement(truth, leiden0, nodes, truth_comms, H, checks)

    # --- k-clique communities
    if name in KCLIQUE_NAMES:
        kc = {}
        for k in (3, 4, 5):
            cs = sorted(sorted(c) for c in nx.community.k_clique_communities(H, k))
            kc[str(k)] = [[str(u) for u in c] for c in cs]
        kc["call"] = CALLS["k_clique"]
        out["k_clique"] = kc
    return ge.clean(out), checks, time.perf_counter() - t_start


# ------------------------------------------------------------- hand cases --

def exact_modularity(edges, comms, resolution=Fraction(1)):
    m = len(edges)
    deg = Counter()
    for u, v in edges:
        deg[u] += 1
        deg[v] += 1
    where = {u: k for k, c in enumerate(comms) for u in c}
    q = Fraction(0)
    for k, c in enumerate(comms):
        lc = sum(1 for u, v in edges if where[u] == k and where[v] == k)
        dc = sum(deg[u] for u in c)
        q += Fraction(lc, m) - resolution * Fraction(dc, 2 * m) ** 2
    return q


def hand_case(edges, partitions, resolutions):
    G = nx.Graph()
    G.add_nodes_from(sorted({u for e in edges for u in e}))
    G.add_edges_from(edges)
    res = {}
    for pname, comms in partitions.items():
        for r in resolutions:
            q = nx.community.modularity(G, [set(c) for c in comms], resolution=r)
            qx = exact_modularity(edges, comms, Fraction(r))
            assert abs(q - float(qx)) < 1e-14, (pname, r, q, qx)
            res["%s@%s" % (pname, r)] = {"modularity": q, "exact": "%d/%d" % (qx.numerator, qx.denominator)}
    return {"n": G.number_of_nodes(), "m": G.number_of_edges(), "edges": [list(e) for e in edges],
            "partitions": partitions, "modularity": res}


def hand():
    # (a) two 5-cliques joined by 4-5
    e = [(u, v) for base in (0, 5) for u in range(base, base + 5) for v in range(u + 1, base + 5)]
    e.append((4, 5))
    two = hand_case(sorted(e), {"two_cliques": [list(range(5)), list(range(5, 10))],
                                "all_in_one": [list(range(10))]}, [1.0])
    two["description"] = "two 5-cliques on 0-4 and 5-9 plus the edge 4-5"
    # (b) ring of 30 5-cliques
    e = []
    for i in range(30):
        b = 5 * i
        e += [(u, v) for u in range(b, b + 5) for v in range(u + 1, b + 5)]
        a, c = b + 4, 5 * ((i + 1) % 30)
        e.append((min(a, c), max(a, c)))
    e = sorted(e)
    single = [list(range(5 * i, 5 * i + 5)) for i in range(30)]
    pairs = [list(range(10 * j, 10 * j + 10)) for j in range(15)]
    ring = hand_case(e, {"one_per_clique": single, "paired_cliques": pairs}, [1.0, 2.0])
    ring["description"] = ("30 5-cliques, clique i on 5i..5i+4, joined to clique i+1 mod 30 by the edge "
                           "5i+4 - 5((i+1) mod 30) (the last one is 149 - 0, written as [0, 149]); "
                           "paired_cliques = cliques (2j, 2j+1), i.e. nodes 10j..10j+9")
    mq = ring["modularity"]
    assert mq["paired_cliques@1.0"]["modularity"] > mq["one_per_clique@1.0"]["modularity"]
    assert mq["paired_cliques@2.0"]["modularity"] < mq["one_per_clique@2.0"]["modularity"]
    return {
        "meta": {
            "generator": "tools/communities_expected.py",
            "command": COMMAND,
            "versions": versions(),
            "call": "nx.community.modularity(G, comms, resolution=r); 'exact' = the same by Fraction "
                    "arithmetic: sum_c [L_c/m - r (d_c/2m)^2]",
            "keys": "modularity['<partition>@<resolution>'] = {modularity (float), exact ('p/q')}; "
                    "edges sorted pairs u < v; partitions = lists of node lists",
        },
        "two_cliques": two,
        "ring_of_cliques": ring,
    }


# -------------------------------------------------------------------- main --

def write(path, data):
    path.write_text(json.dumps(data, sort_keys=True, indent=1, allow_nan=False) + "\n", newline="\n")


def main():
    ap = argparse.ArgumentParser(description="Write crates/crowdmine-graph/tests/fixtures/communities_<name>.json.")
    ap.add_argument("names", nargs="*", default=NAMES, help="graphs to compute (default: all)")
    ap.add_argument("--no-hand", action="store_true", help="do not write communities_hand.json")
    args = ap.parse_args()
    assert set(args.names) <= set(NAMES), args.names
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    if cdlib is None:
        print("cdlib", CDLIB)
    t0 = time.perf_counter()
    for name in [nm for nm in NAMES if nm in args.names]:
        ge.NAN_COUNT[0] = 0
        data, checks, secs = measures(name)
        assert ge.NAN_COUNT[0] == 0, name
        path = OUT_DIR / ("communities_" + name + ".json")
        write(path, data)
        mt = data["meta"]
        print("%-9s n=%d m=%d (file n=%d) %.1fs -> %s" % (
            name, mt["n"], mt["m"], mt["n_file"], secs, path.relative_to(ge.REPO_ROOT)))
        for key in ("leidenalg", "igraph_leiden", "igraph_multilevel", "networkx_louvain"):
            d = data[key]
            print("    %-18s best Q %.6f  best NMI %.4f  k=%s" % (
                key, d["best_modularity"], d["best_nmi"], [r["n_communities"] for r in d["runs"]]))
        lp = data["label_propagation"]
        print("    %-18s best Q %.6f  best NMI %.4f; semi-sync Q %.6f NMI %.4f k=%d" % (
            "label_propagation", lp["asyn_lpa"]["best_modularity"], lp["asyn_lpa"]["best_nmi"],
            lp["semi_synchronous"]["modularity"], lp["semi_synchronous"]["nmi_truth"],
            lp["semi_synchronous"]["n_communities"]))
        for kind, d in data["infomap"].items():
            print("    infomap %-10s L %.6f bits, %d modules, NMI %.4f, Q %.6f" % (
                kind, d["codelength"], d["num_top_modules"], d["nmi_truth"], d["modularity"]))
        tq = data["truth_quality"]
        print("    truth: %d classes, Q %.6f, Q(0.5) %.6f, coverage %.4f, performance %.4f%s" % (
            len(tq["labels"]), tq["modularity"], tq["modularity_resolution_0.5"], tq["coverage"],
            tq["performance"], (", directed Q %.6f" % tq["directed_modularity"]) if "directed_modularity" in tq else ""))
        ag = data["agreement"]
        print("    agreement: " + ", ".join("%s %.4f" % (k, v) for k, v in ag.items() if isinstance(v, float)))
        if "k_clique" in data:
            print("    k_clique: " + ", ".join("k=%s: %d" % (k, len(data["k_clique"][k])) for k in ("3", "4", "5")))
        for k, v in checks.items():
            if isinstance(v, bool):
                assert v, (name, k)
            else:
                assert abs(v) < 1e-12, (name, k, v)
        print("    checks ok: %d (max |diff| %.3g)" % (
            len(checks), max([abs(v) for v in checks.values() if not isinstance(v, bool)] or [0.0])))
    if not args.no_hand:
        data = hand()
        write(OUT_DIR / "communities_hand.json", data)
        for case in ("two_cliques", "ring_of_cliques"):
            print("hand %-16s %s" % (case, ", ".join("%s %.12f (%s)" % (k, v["modularity"], v["exact"])
                                                    for k, v in data[case]["modularity"].items())))
    print("total %.1fs" % (time.perf_counter() - t0))


if __name__ == "__main__":
    main()
