#!/usr/bin/env python3
"""Generate the synthetic graphs of bench/graph_kernels.sh as "u v" edge lists, with fixed seeds.

  bench/.venv/bin/python bench/make_graphs.py [--data-dir bench/data]

- ba_1m_8m.edges: undirected Barabasi-Albert graph, 1,000,000 nodes, m = 8 edges per new node
  (~8,000,000 edges, no self-loops or multi-edges): igraph Graph.Barabasi(1_000_000, 8) (the
  psumtree generator), seeded through Python's `random` as igraph's RNG.
- plaw_200k_2m.edges: directed power-law graph, 200,000 nodes, 2,000,000 arcs, out- and in-degree
  exponent 2.2, no loops, no multi-arcs: igraph Graph.Static_Power_Law(..., allowed_edge_types="simple")
  (the static model of Goh et al., with its finite-size correction).
- ba_20k_4.edges (bench/paths.sh, exact path centralities): undirected Barabasi-Albert graph,
  20,000 nodes, m = 4: igraph Graph.Barabasi(20_000, 4), seed 44.

Nodes left without any edge are dropped and the rest renumbered 0..n-1 (keeping their order), so
every tool (those that read the node count from the largest id, and crowdmine, which only sees the
nodes named in the edge list) works on the same node set. Existing files are kept.
"""
import argparse
import os
import random
import sys
import time

import igraph as ig


def write(g: "ig.Graph", path: str) -> None:
    isolated = [v for v, d in enumerate(g.degree()) if d == 0]
    if isolated:
        g.delete_vertices(isolated)
    tmp = path + ".tmp"
    g.write_edgelist(tmp)  # igraph's C writer: "u v" per line, ids 0..n-1
    os.replace(tmp, path)
    print(f"{path}: {g.vcount()} nodes, {g.ecount()} edges, directed={g.is_directed()}, "
          f"{len(isolated)} isolated nodes dropped", file=sys.stderr)


def ba_20k(data_dir: str, rng: random.Random) -> None:
    """ba_20k_4.edges, unless it exists; rng is igraph's random number generator."""
    path = os.path.join(data_dir, "ba_20k_4.edges")
    if not os.path.exists(path):
        rng.seed(44)
        write(ig.Graph.Barabasi(20_000, 4), path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", default=os.path.join(os.path.dirname(__file__), "data"))
    args = ap.parse_args()
    os.makedirs(args.data_dir, exist_ok=True)
    rng = random.Random()
    ig.set_random_number_generator(rng)

    ba = os.path.join(args.data_dir, "ba_1m_8m.edges")
    if not os.path.exists(ba):
        rng.seed(42)
        t = time.perf_counter()
        g = ig.Graph.Barabasi(1_000_000, 8)
        print(f"igraph Barabasi: {time.perf_counter() - t:.1f} s", file=sys.stderr)
        write(g, ba)

    plaw = os.path.join(args.data_dir, "plaw_200k_2m.edges")
    if not os.path.exists(plaw):
        rng.seed(43)
        t = time.perf_counter()
        g = ig.Graph.Static_Power_Law(200_000, 2_000_000, exponent_out=2.2, exponent_in=2.2,
                                      allowed_edge_types="simple")
        print(f"igraph Static_Power_Law: {time.perf_counter() - t:.1f} s", file=sys.stderr)
        write(g, plaw)

    ba_20k(args.data_dir, rng)


if __name__ == "__main__":
    main()
