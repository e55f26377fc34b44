#!/usr/bin/env python3
"""Markdown tables from bench/out/graph_kernels.jsonl (written by bench/graph_kernels.sh).

  python3 bench/graph_table.py bench/out/graph_kernels.jsonl

Per graph: seconds per kernel for crowdmine (1 and 2 threads), NetworKit (1 and 2 threads),
igraph and networkx (where run), then two ratios, > 1 meaning crowdmine is faster:
the faster single-thread peer (NetworKit 1t or igraph) over crowdmine 1t, and NetworKit 2t over
crowdmine 2t. Then the values each tool computed, to check that they agree.
"""
import json
import sys

KERNELS = ["load", "pagerank", "weak_components", "strong_components", "core_numbers",
           "triangles", "local_clustering", "average_clustering", "transitivity",
           "degree_assortativity"]


def fmt(s):
    if s is None:
        return "–"
    return f"{s:.3f}" if s < 10 else f"{s:.1f}"


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    graphs = []
    for r in rows:
        if r["graph"] not in graphs:
            graphs.append(r["graph"])
    for graph in graphs:
        runs = {}
        for r in rows:
            if r["graph"] == graph:
                runs[(r["tool"], r.get("threads", 1))] = r
        cm1, cm2 = runs.get(("crowdmine", 1)), runs.get(("crowdmine", 2))
        nk1, nk2 = runs.get(("networkit", 1)), runs.get(("networkit", 2))
        ig1, nx1 = runs.get(("igraph", 1)), runs.get(("networkx", 1))
        any_run = cm1 or cm2 or nk1
        print(f"### {graph}: {any_run['nodes']:,} nodes, {any_run['edges']:,} edges, "
              f"{'directed' if any_run['directed'] else 'undirected'}\n")
        cols = [("crowdmine 1t", cm1), ("crowdmine 2t", cm2), ("NetworKit 1t", nk1),
                ("NetworKit 2t", nk2), ("igraph", ig1)]
        if nx1:
            cols.append(("networkx", nx1))
        head = ["kernel"] + [c for c, _ in cols] + ["faster peer 1t ÷ crowdmine 1t",
                                                    "NetworKit 2t ÷ crowdmine 2t"]
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))

        def sec(run, k):
            if not run:
                return None
            if k in run.get("skipped", {}):
                return "skip"
            return run["seconds"].get(k)

        for k in KERNELS:
            cells = [sec(run, k) for _, run in cols]
            if all(c is None for c in cells):
                continue
            out = [k] + [("> timeout" if c == "skip" else fmt(c)) for c in cells]
            c1 = sec(cm1, k)
            peers = [(sec(nk1, k), "NetworKit"), (sec(ig1, k), "igraph")]
            peers = [(s, n) for s, n in peers if isinstance(s, float)]
            if isinstance(c1, float) and peers:
                s, n = min(peers)
                out.append(f"{s / c1:.2f} ({n})")
            else:
                out.append("–")
            c2, n2 = sec(cm2, k), sec(nk2, k)
            out.append(f"{n2 / c2:.2f}" if isinstance(c2, float) and isinstance(n2, float) else "–")
            print("| " + " | ".join(out) + " |")
        print()

        # Values, to check that the tools computed the same thing.
        summ = runs.get(("crowdmine-summary", 1), {})
        vcols = [("crowdmine (`graph summary`)", summ), ("NetworKit", (nk1 or nk2 or {}).get("values", {})),
                 ("igraph", (ig1 or {}).get("values", {}))]
        if nx1:
            vcols.append(("networkx", nx1.get("values", {})))

        def val(v, k):
            x = v.get(k)
            if x is None:
                return "–"
            if isinstance(x, dict):
                x = x.get("total", x.get("max"))
            return f"{x:.6g}" if isinstance(x, float) else str(x)

        print("| value | " + " | ".join(c for c, _ in vcols) + " |")
        print("|" + "---|" * (len(vcols) + 1))
        items = [("weak components", "weak_components"), ("strong components", "strong_components"),
                 ("largest core number", "core_numbers"), ("triangles", "triangles"),
                 ("average clustering", "average_clustering"), ("transitivity", "transitivity"),
                 ("degree assortativity", "degree_assortativity")]
        for label, k in items:
            cells = [val(v, k) for _, v in vcols]
            if all(c == "–" for c in cells):
                continue
            print(f"| {label} | " + " | ".join(cells) + " |")
        print()
        notes = []
        for (tool, t), r in sorted(runs.items()):
            for n in r.get("notes", []):
                if f"{tool}: {n}" not in notes:
                    notes.append(f"{tool}: {n}")
            for k, why in r.get("skipped", {}).items():
                notes.append(f"{tool}: {k} {why}")
        for n in notes:
            print(f"- {n}")
        print()


if __name__ == "__main__":
    main()
