#!/usr/bin/env python3
"""Time the kernels of `crowdmine graph bench` in NetworKit, igraph or networkx.

  bench/.venv/bin/python bench/graph_peers.py GRAPH_FILE --directed|--undirected \
      --threads N --tool networkit|igraph|networkx [--timeout SECONDS]

GRAPH_FILE is a "u v" edge list with node ids 0..n-1 (as bench/make_graphs.py writes). Prints one
JSON line shaped like crowdmine's: {"tool", "version", "nodes", "edges", "directed", "threads",
"seconds": {kernel: s}, "values": {...}, "notes": [...]}; a kernel the tool lacks is left out of
"seconds", one stopped by --timeout goes to "skipped". "values" holds what each kernel computed
(component counts, largest core, triangle total, clustering, ...) to check that the tools agree.

Every time is time.perf_counter() around the call that computes the result, including turning it
into Python values where the API returns them (NetworKit's .scores(), igraph's lists). Kernels:

- load: the tool's own edge-list reader (NetworKit EdgeListReader(' ', 0, directed=...),
  igraph Graph.Read_Edgelist, networkx read_edgelist(nodetype=int)).
- pagerank: damping 0.85, dangling mass spread uniformly, 20 iterations where the tool allows it.
  NetworKit: PageRank(G, 0.85, tol=1e-300, distributeSinks=DistributeSinks) with maxIterations=20,
  so it runs exactly 20 (checked: numberOfIterations()). igraph: PRPACK (its default) has no
  iteration count; it solves to convergence ("converged, not fixed" in the notes). networkx:
  pagerank(max_iter=20, tol=0) runs 20 power iterations and then raises
  PowerIterationFailedConvergence, which is caught (the time is of the 20 iterations).
- weak_components, strong_components (directed only).
- core_numbers: NetworKit CoreDecomposition, igraph coreness(mode="all"), networkx core_number;
  self-loops removed first (outside the timing; the generated graphs have none). Directed: the
  degree is in + out in all three.
- triangles (per node): NetworKit TriangleEdgeScore (triangles per edge, its triangle counter)
  summed onto the endpoints with numpy (edge endpoints indexed outside the timing); igraph has no
  per-node count in its Python API: list_triangles() and a numpy count of the listed ids (listing
  builds a Python tuple per triangle, so this is not like-for-like); networkx triangles().
- local_clustering: NetworKit LocalClusteringCoefficient(turbo=True), igraph
  transitivity_local_undirected(mode="zero"), networkx clustering().
- average_clustering, over all nodes, those of degree < 2 counting 0 (crowdmine's and networkx's
  convention): NetworKit the mean of LocalClusteringCoefficient(turbo=True) (its
  ClusteringCoefficient.sequentialAvgLocal leaves nodes of degree < 2 out of the mean),
  igraph transitivity_avglocal_undirected(mode="zero"), networkx average_clustering().
- transitivity: NetworKit ClusteringCoefficient.exactGlobal, igraph transitivity_undirected,
  networkx transitivity.
- degree_assortativity (directed: source out-degree against target in-degree): igraph
  assortativity_degree(directed=...), networkx degree_assortativity_coefficient(x="out", y="in").
  NetworKit: Assortativity(G, degrees) on undirected graphs only (degrees from DegreeCentrality,
  in the timing); it correlates one value per node at both ends, so out -> in is not expressible,
  and on undirected graphs it counts each edge once in its stored orientation rather than in both,
  so its value differs from the symmetric (Newman) coefficient the others give.

For directed graphs the clustering kernels (triangles, local/average clustering, transitivity)
run on the undirected simple version of the graph, made outside the timing (crowdmine makes it
inside its kernels). networkx and igraph run on one thread; NetworKit on --threads (OpenMP).
--timeout stops a networkx kernel after that many seconds (SIGALRM; the other tools' kernels
are C/C++ calls that the alarm cannot interrupt); once one triangle-based kernel times out the
others (they count the same triangles) are skipped as well.
"""
import argparse
import json
import os
import signal
import sys
import time

import numpy as np

TRIANGLE_KERNELS = ("triangles", "local_clustering", "average_clustering", "transitivity")


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


class Runner:
    def __init__(self, timeout):
        self.seconds = {}
        self.values = {}
        self.skipped = {}
        self.notes = []
        self.timeout = timeout
        self.triangles_timed_out = False
        signal.signal(signal.SIGALRM, _alarm)

    def time(self, name, fn):
        """Times fn(); its result goes to values[name]."""
        if name in TRIANGLE_KERNELS and self.triangles_timed_out:
            self.skipped[name] = f"skipped after a triangle kernel exceeded {self.timeout} s"
            return None
        if self.timeout:
            signal.alarm(self.timeout)
        t = time.perf_counter()
        try:
            value = fn()
        except Timeout:
            self.skipped[name] = f"> {self.timeout} s"
            if name in TRIANGLE_KERNELS:
                self.triangles_timed_out = True
            return None
        finally:
            if self.timeout:
                signal.alarm(0)
        self.seconds[name] = time.perf_counter() - t
        print(f"  {name}: {self.seconds[name]:.3f} s", file=sys.stderr)
        if value is not None and name != "load":
            self.values[name] = value
        return value


def per_node_summary(arr):
    a = np.asarray(arr, dtype=float)
    return {"sum": float(a.sum()), "max": float(a.max()) if len(a) else 0.0}


def run_networkit(path, directed, threads, r):
    import networkit as nk

    nk.setNumberOfThreads(threads)
    nk.engineering.setLogLevel("ERROR")
    G = r.time("load", lambda: nk.graphio.EdgeListReader(" ", 0, directed=directed).read(path))
    if G.numberOfSelfLoops():
        G.removeSelfLoops()

    def pagerank():
        pr = nk.centrality.PageRank(G, damp=0.85, tol=1e-300,
                                    distributeSinks=nk.centrality.SinkHandling.DistributeSinks)
        pr.maxIterations = 20
        pr.run()
        s = pr.scores()
        return {"iterations": pr.numberOfIterations(), **per_node_summary(s)}

    r.time("pagerank", pagerank)

    def weak():
        c = (nk.components.WeaklyConnectedComponents(G) if directed
             else nk.components.ConnectedComponents(G))
        c.run()
        return c.numberOfComponents()

    r.time("weak_components", weak)
    if directed:
        def strong():
            c = nk.components.StronglyConnectedComponents(G)
            c.run()
            return c.numberOfComponents()

        r.time("strong_components", strong)

    def cores():
        c = nk.centrality.CoreDecomposition(G)
        c.run()
        return per_node_summary(c.scores())

    r.time("core_numbers", cores)

    if directed:
        # The file read again as undirected: reciprocal arcs become one edge. (toUndirected followed
        # by removeMultiEdges miscounts the edges in NetworKit 11.3 and then corrupts memory in
        # TriangleEdgeScore / LocalClusteringCoefficient.)
        U = nk.graphio.EdgeListReader(" ", 0, directed=False).read(path)
        U.removeSelfLoops()
    else:
        U = G
    U.indexEdges(True)
    m, n = U.upperEdgeIdBound(), U.upperNodeIdBound()
    eu = np.empty(m, dtype=np.int64)
    ev = np.empty(m, dtype=np.int64)
    for u, v in U.iterEdges():
        i = U.edgeId(u, v)
        eu[i] = u
        ev[i] = v

    def triangles():
        t = nk.sparsification.TriangleEdgeScore(U)
        t.run()
        s = np.asarray(t.scores(), dtype=np.float64)[:m]
        per_node = (np.bincount(eu, weights=s, minlength=n) + np.bincount(ev, weights=s, minlength=n)) / 2
        return {"total": float(per_node.sum() / 3), "max": float(per_node.max())}

    r.time("triangles", triangles)

    def local():
        c = nk.centrality.LocalClusteringCoefficient(U, turbo=True)
        c.run()
        return per_node_summary(c.scores())

    r.time("local_clustering", local)

    def average():
        c = nk.centrality.LocalClusteringCoefficient(U, turbo=True)
        c.run()
        return float(np.mean(c.scores()))

    r.time("average_clustering", average)
    r.time("transitivity", lambda: nk.globals.ClusteringCoefficient.exactGlobal(U))
    if directed:
        r.notes.append("degree_assortativity omitted: NetworKit's Assortativity takes one value "
                       "per node for both ends, so out-degree -> in-degree is not expressible")
    else:
        def assortativity():
            d = nk.centrality.DegreeCentrality(G)
            d.run()
            a = nk.correlation.Assortativity(G, d.scores())
            a.run()
            return a.getCoefficient()

        r.time("degree_assortativity", assortativity)
        r.notes.append("degree_assortativity: NetworKit counts each undirected edge once in its "
                       "stored orientation, not the symmetric coefficient")
    r.notes.append("pagerank: exactly 20 iterations (maxIterations=20, tol=1e-300)")
    r.notes.append("average_clustering: mean of LocalClusteringCoefficient(turbo=True)")
    r.notes.append("triangles: TriangleEdgeScore + numpy sum onto endpoints")
    return nk.__version__, G.numberOfNodes(), G.numberOfEdges()


def run_igraph(path, directed, threads, r):
    import igraph as ig

    g = r.time("load", lambda: ig.Graph.Read_Edgelist(path, directed=directed))
    if not g.is_simple():
        g.simplify(multiple=False, loops=True)

    def pagerank():
        s = g.pagerank(damping=0.85, directed=directed, implementation="prpack")
        return per_node_summary(s)

    r.time("pagerank", pagerank)
    r.notes.append("pagerank: PRPACK, converged, not fixed iterations")
    r.time("weak_components", lambda: len(g.connected_components(mode="weak")))
    if directed:
        r.time("strong_components", lambda: len(g.connected_components(mode="strong")))
    r.time("core_numbers", lambda: per_node_summary(g.coreness(mode="all")))
    U = g.as_undirected(mode="collapse") if directed else g

    def triangles():
        t = np.asarray(U.list_triangles(), dtype=np.int64).ravel()
        per_node = np.bincount(t, minlength=U.vcount())
        return {"total": float(per_node.sum() / 3), "max": float(per_node.max())}

    r.time("triangles", triangles)
    r.notes.append("triangles: list_triangles() + numpy count (no per-node count in the Python API)")
    r.time("local_clustering",
           lambda: per_node_summary(U.transitivity_local_undirected(mode="zero")))
    r.time("average_clustering", lambda: U.transitivity_avglocal_undirected(mode="zero"))
    r.time("transitivity", lambda: U.transitivity_undirected())
    r.time("degree_assortativity", lambda: g.assortativity_degree(directed=directed))
    return ig.__version__, g.vcount(), g.ecount()


def run_networkx(path, directed, threads, r):
    import networkx as nx

    G = r.time("load", lambda: nx.read_edgelist(
        path, nodetype=int, create_using=nx.DiGraph if directed else nx.Graph))
    if G is None:
        raise SystemExit("networkx: loading timed out")
    G.remove_edges_from(list(nx.selfloop_edges(G)))

    def pagerank():
        try:
            s = nx.pagerank(G, alpha=0.85, max_iter=20, tol=0)
        except nx.PowerIterationFailedConvergence:
            return {"iterations": 20}
        return per_node_summary(list(s.values()))

    r.time("pagerank", pagerank)
    r.notes.append("pagerank: max_iter=20, tol=0 (raises after the 20 iterations; caught)")
    if directed:
        r.time("weak_components", lambda: nx.number_weakly_connected_components(G))
        r.time("strong_components", lambda: nx.number_strongly_connected_components(G))
    else:
        r.time("weak_components", lambda: nx.number_connected_components(G))
    r.time("core_numbers", lambda: per_node_summary(list(nx.core_number(G).values())))
    U = G.to_undirected() if directed else G

    def triangles():
        t = nx.triangles(U)
        a = np.fromiter(t.values(), dtype=np.int64)
        return {"total": float(a.sum() / 3), "max": float(a.max())}

    r.time("triangles", triangles)
    r.time("local_clustering", lambda: per_node_summary(list(nx.clustering(U).values())))
    r.time("average_clustering", lambda: nx.average_clustering(U))
    r.time("transitivity", lambda: nx.transitivity(U))
    if directed:
        r.time("degree_assortativity", lambda: nx.degree_assortativity_coefficient(G, x="out", y="in"))
    else:
        r.time("degree_assortativity", lambda: nx.degree_assortativity_coefficient(G))
    return nx.__version__, G.number_of_nodes(), G.number_of_edges()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graph")
    d = ap.add_mutually_exclusive_group(required=True)
    d.add_argument("--directed", action="store_true")
    d.add_argument("--undirected", action="store_true")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--tool", required=True, choices=["networkit", "igraph", "networkx"])
    ap.add_argument("--timeout", type=int, default=0, help="seconds per networkx kernel (0: none)")
    args = ap.parse_args()
    if args.tool != "networkit" and args.threads != 1:
        ap.error(f"{args.tool} runs on one thread")
    r = Runner(args.timeout if args.tool == "networkx" else 0)
    print(f"{args.tool} on {os.path.basename(args.graph)}, {args.threads} thread(s)", file=sys.stderr)
    run = {"networkit": run_networkit, "igraph": run_igraph, "networkx": run_networkx}[args.tool]
    version, nodes, edges = run(args.graph, args.directed, args.threads, r)
    out = {
        "tool": args.tool,
        "version": version,
        "graph": os.path.basename(args.graph),
        "nodes": nodes,
        "edges": edges,
        "directed": args.directed,
        "threads": args.threads,
        "seconds": r.seconds,
        "values": r.values,
    }
    if r.skipped:
        out["skipped"] = r.skipped
    if r.notes:
        out["notes"] = r.notes
    print(json.dumps(out))


if __name__ == "__main__":
    main()
