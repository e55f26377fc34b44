#!/usr/bin/env python3
"""Check that graph files WRITTEN by crowdmine are read back by NetworkX unchanged.

Command line (run from the repo root):

    bench/.venv/bin/python tools/graph_roundtrip.py [--crowdmine target/release/crowdmine]

`bench/.venv` is the git-ignored virtualenv (it has networkx; see
tools/graph_expected.py for how it was prepared). The crowdmine binary is
used as it is; this script never builds it. A relative `--crowdmine` path is
taken from the current directory; the default is
`<repo root>/target/release/crowdmine`.

The data folder comes from the environment variable CROWDMINE_DATA and
defaults to `<repo root>/../shared/data`. Every `*.gml` in
`<data>/networks-with-ground-truth/` is checked (karate_club, football,
polblogs, polbooks, dolphins, dolphins_with_groups, lesmis).

For each input file:

* the reference is `nx.read_gml(path, label='id')` (polblogs is directed);
* in a temporary directory, `crowdmine graph convert IN OUT` is run for OUT
  in `.gexf`, `.graphml`, `.gml` and `.net` (Pajek);
* each output is read back with `nx.read_gexf`, `nx.read_graphml`,
  `nx.read_gml(label='id')` and `nx.read_pajek`, node ids are turned into
  strings, multigraphs are collapsed to simple graphs (parallel edges are
  still reported as a difference, because no reference has any), and the
  result is compared with the reference:
    - directedness, node set and edge set (an undirected edge is an
      unordered pair, a directed one an ordered pair);
    - the edge weight: in GML, `weight`, else a numeric `value` (this is
      how crowdmine's GML reader picks the weight); in GEXF and GraphML,
      `weight`. No weight and no numeric `value` means "unweighted"; an
      explicit weight 1 read back for an unweighted reference edge is
      reported as a difference;
    - the other edge attributes (e.g. lesmis `value`), except the edge `id`
      that every GEXF edge carries and NetworkX reads as an attribute;
    - node attributes, including `label` (e.g. karate `club`,
      football/polblogs/polbooks `value`, polblogs `source`,
      dolphins_with_groups `group`). `nx.read_gexf` gives every node a
      `label` key, `None` when the file has none; that `None` counts as
      "no label".
  Pajek keeps only vertex labels and edge weights, so only those are
  compared: NetworkX names Pajek vertices by their label, the reference
  nodes are renamed to their GML `label` (or id when they have none), and
  edges and weights are compared through those names. When the names do
  not match, the cell also says whether the Pajek labels are the GML ids
  (and whether edges and weights match under that naming).

Types. Values are compared with their Python types (int, float, str). A
difference in type alone (4 vs 4.0, or 4 vs "4") is tolerated, and listed
under "Tolerated type changes", only where the format cannot keep the type:
  - edge weights in every format: crowdmine holds weights as 64-bit floats,
    the GEXF `weight` attribute is a float by the GEXF schema, and
    nx.read_pajek always makes weights floats;
  - GEXF and GraphML attributes whose reference values mix types across
    nodes (or edges): both formats declare a single type per attribute key.
Anywhere else (GML keeps int / float / string; GEXF and GraphML declare
each key's type) a type change is a difference.

Output: a table file x format with OK, OK* (only tolerated type changes) or
FAIL, then the first differences of every failing cell and the tolerated type
changes. The exit status is 1 when any cell fails, 0 otherwise.

This script shares no code with crowdmine and writes nothing outside its
temporary directory.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CROWDMINE_DATA", REPO_ROOT.parent / "shared" / "data"))
NETWORKS_DIR = DATA_DIR / "networks-with-ground-truth"

FORMATS = ["gexf", "graphml", "gml", "net"]
MAX_SHOWN = 5  # differences shown per cell


def read_back(fmt: str, path: Path) -> nx.Graph:
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gml":
        return nx.read_gml(path, label="id")
    if fmt == "net":
        return nx.read_pajek(path)
    raise ValueError(fmt)


def is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def gml_weight(d: dict):
    """crowdmine's GML rule: `weight`, else a numeric `value`, else None."""
    if "weight" in d:
        return d["weight"]
    if is_number(d.get("value")):
        return d["value"]
    return None


def tname(x) -> str:
    return type(x).__name__


def compare_values(a, b):
    """'same', 'type' (equal apart from the type) or 'diff'."""
    if type(a) is type(b) and a == b:
        return "same"
    if is_number(a) and is_number(b) and a == b:
        return "type"
    if a is not None and b is not None and str(a) == str(b):
        return "type"
    if is_number(a) and isinstance(b, str):
        try:
            if float(b) == a:
                return "type"
        except ValueError:
            pass
    if is_number(b) and isinstance(a, str):
        try:
            if float(a) == b:
                return "type"
        except ValueError:
            pass
    return "diff"


def fmt_val(x) -> str:
    if x is None:
        return "(none)"
    return f"{x!r}:{tname(x)}"


class Graphs:
    """A graph as plain dicts: node -> attrs, edge key -> (weight, other attrs)."""

    def __init__(self, directed: bool):
        self.directed = directed
        self.nodes: dict[str, dict] = {}
        self.edges: dict[tuple, tuple] = {}
        self.parallel = 0  # extra copies of an edge (collapsed)
        self.edge_reprs: dict[tuple, str] = {}

    def key(self, u: str, v: str) -> tuple:
        if self.directed:
            return (u, v)
        return tuple(sorted((u, v)))


def canonical(g: nx.Graph, fmt: str, rename=None) -> Graphs:
    """Normalise node ids to strings and collapse multigraphs.

    fmt is the format the graph was read from ("ref" for the reference GML).
    rename maps a string node id to another name (used for Pajek labels).
    """
    out = Graphs(g.is_directed())
    name = (lambda n: rename[str(n)]) if rename else (lambda n: str(n))
    for n, d in g.nodes(data=True):
        attrs = dict(d)
        if fmt == "gexf" and attrs.get("label") is None:
            attrs.pop("label", None)
        out.nodes[name(n)] = attrs
    for u, v, d in g.edges(data=True):
        d = dict(d)
        if fmt in ("ref", "gml"):
            w = gml_weight(d)
            d.pop("weight", None)
        else:
            w = d.pop("weight", None)
        if fmt == "gexf":
            d.pop("id", None)
        k = out.key(name(u), name(v))
        if k in out.edges:
            out.parallel += 1
            continue
        out.edges[k] = (w, d)
        out.edge_reprs[k] = f"{k[0]}{'->' if out.directed else '--'}{k[1]}"
    return out


def mixed_type_keys(items) -> set:
    """Attribute keys whose values have more than one type across the items."""
    types = defaultdict(set)
    for d in items:
        for k, v in d.items():
            types[k].add(tname(v))
    return {k for k, ts in types.items() if len(ts) > 1}


def compare(ref: Graphs, got: Graphs, fmt: str):
    """Return (differences, tolerated type changes) as lists of strings."""
    diffs: list[str] = []
    tolerated: Counter = Counter()

    if ref.directed != got.directed:
        diffs.append(f"directed: reference {ref.directed}, read back {got.directed}")
    if got.parallel:
        diffs.append(f"{got.parallel} parallel edge(s) in the output (collapsed for the comparison)")

    rn, gn = set(ref.nodes), set(got.nodes)
    if rn != gn:
        miss, extra = sorted(rn - gn), sorted(gn - rn)
        diffs.append(
            f"nodes: {len(rn)} vs {len(gn)}; missing {len(miss)} {miss[:MAX_SHOWN]}, "
            f"extra {len(extra)} {extra[:MAX_SHOWN]}"
        )

    # When directedness differs, compare edges as unordered pairs so that the
    # other differences still show.
    def ekeys(g: Graphs):
        if ref.directed == got.directed:
            return {k: k for k in g.edges}
        return {tuple(sorted(k)): k for k in g.edges}

    rk, gk = ekeys(ref), ekeys(got)
    if set(rk) != set(gk):
        miss = sorted(set(rk) - set(gk))
        extra = sorted(set(gk) - set(rk))
        diffs.append(
            f"edges: {len(rk)} vs {len(gk)}; missing {len(miss)} "
            f"{[ref.edge_reprs[rk[k]] for k in miss[:MAX_SHOWN]]}, extra {len(extra)} "
            f"{[got.edge_reprs[gk[k]] for k in extra[:MAX_SHOWN]]}"
        )

    pajek = fmt == "net"
    mixed_nodes = mixed_type_keys(ref.nodes.values())
    mixed_edges = mixed_type_keys(d for _, d in ref.edges.values())

    def attr_diff(where, key, a, b, mixed):
        c = compare_values(a, b)
        if c == "same":
            return
        if c == "type" and fmt in ("gexf", "graphml") and key in mixed:
            tolerated[f"{key} ({where}): {tname(a)} -> {tname(b)}, mixed types in the reference"] += 1
            return
        what = "type changed" if c == "type" else "value differs"
        diffs.append(f"{where}: `{key}` {what}: {fmt_val(a)} -> {fmt_val(b)}")

    # Node attributes (not for Pajek: the label is the node name there).
    if not pajek:
        for n in sorted(rn & gn, key=_natural):
            a, b = ref.nodes[n], got.nodes[n]
            for key in sorted(set(a) | set(b)):
                attr_diff(f"node {n}", key, a.get(key), b.get(key), mixed_nodes)

    # Edge weights, and the other edge attributes (not for Pajek).
    for k in sorted(set(rk) & set(gk), key=lambda k: tuple(map(_natural, k))):
        (wa, da), (wb, db) = ref.edges[rk[k]], got.edges[gk[k]]
        where = f"edge {ref.edge_reprs[rk[k]]}"
        c = compare_values(wa, wb) if (wa is not None and wb is not None) else (
            "same" if wa is wb else "diff")
        if c == "type":
            if is_number(wa) and is_number(wb):
                tolerated[f"weight: {tname(wa)} -> {tname(wb)} (crowdmine weights are f64)"] += 1
            else:
                diffs.append(f"{where}: weight type changed: {fmt_val(wa)} -> {fmt_val(wb)}")
        elif c == "diff":
            note = ""
            if is_number(wa) and is_number(wb) and math.isclose(wa, wb, rel_tol=1e-9):
                note = " (rounding)"
            diffs.append(f"{where}: weight {fmt_val(wa)} -> {fmt_val(wb)}{note}")
        if not pajek:
            for key in sorted(set(da) | set(db)):
                attr_diff(where, key, da.get(key), db.get(key), mixed_edges)

    return diffs, tolerated


def _natural(s: str):
    return (0, int(s), "") if s.lstrip("-").isdigit() else (1, 0, s)


def pajek_names(ref_graph: nx.Graph):
    """Reference node (as string) -> its label, or None if labels are not unique."""
    names = {str(n): str(d.get("label", n)) for n, d in ref_graph.nodes(data=True)}
    counts = Counter(names.values())
    dup = sorted(l for l, c in counts.items() if c > 1)
    return names, dup


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--crowdmine", default=str(REPO_ROOT / "target" / "release" / "crowdmine"),
                    help="the crowdmine binary (default: <repo root>/target/release/crowdmine)")
    args = ap.parse_args()
    exe = Path(args.crowdmine).resolve()
    if not exe.is_file():
        print(f"crowdmine binary not found: {args.crowdmine}", file=sys.stderr)
        return 2
    inputs = sorted(NETWORKS_DIR.glob("*.gml"))
    if not inputs:
        print(f"no .gml files in {NETWORKS_DIR}", file=sys.stderr)
        return 2

    print(f"networkx {nx.__version__}, python {sys.version.split()[0]}")
    print(f"crowdmine: {args.crowdmine}")
    print(f"data: {'$CROWDMINE_DATA' if 'CROWDMINE_DATA' in os.environ else '<repo root>/../shared/data'}"
          f"/networks-with-ground-truth ({len(inputs)} .gml files)")
    print()

    results: dict[tuple[str, str], tuple[str, list, Counter]] = {}
    with tempfile.TemporaryDirectory(prefix="crowdmine-roundtrip-") as tmp:
        tmp = Path(tmp)
        for src in inputs:
            name = src.stem
            ref_graph = nx.read_gml(src, label="id")
            ref = canonical(ref_graph, "ref")
            for fmt in FORMATS:
                out = tmp / f"{name}.{fmt}"
                proc = subprocess.run([str(exe), "graph", "convert", str(src), str(out)],
                                      capture_output=True, text=True)
                if proc.returncode != 0:
                    msg = (proc.stderr or proc.stdout).strip().replace(str(tmp), "<tmp>")
                    results[name, fmt] = ("FAIL", [f"crowdmine exited {proc.returncode}: {msg}"], Counter())
                    continue
                try:
                    got_graph = read_back(fmt, out)
                except Exception as e:  # report any reader error as a failure
                    results[name, fmt] = ("FAIL", [f"NetworkX could not read it: {type(e).__name__}: {e}"],
                                          Counter())
                    continue
                if fmt == "net":
                    names, dup = pajek_names(ref_graph)
                    pre = []
                    if dup:
                        pre.append(f"reference labels not unique ({dup[:MAX_SHOWN]}): "
                                   "Pajek read back by NetworkX merges those vertices")
                    r = canonical(ref_graph, "ref", rename=names)
                    g = canonical(got_graph, "net")
                    diffs, tol = compare(r, g, fmt)
                    if set(r.nodes) != set(g.nodes) and any(names[n] != n for n in names):
                        # Say whether the vertex labels are the GML ids instead,
                        # and whether edges and weights match that way.
                        by_id, _ = compare(canonical(ref_graph, "ref"), g, fmt)
                        pre.append("vertex labels are not the GML `label`s; naming the reference "
                                   "nodes by GML id instead: " +
                                   ("nodes, edges and weights all match" if not by_id
                                    else "; ".join(by_id[:2])))
                    diffs = pre + diffs
                else:
                    g = canonical(got_graph, fmt)
                    diffs, tol = compare(ref, g, fmt)
                status = "FAIL" if diffs else ("OK*" if tol else "OK")
                results[name, fmt] = (status, diffs, tol)

    names = [p.stem for p in inputs]
    w0 = max(len("file"), *(len(n) for n in names))
    cols = {"gexf": "GEXF", "graphml": "GraphML", "gml": "GML", "net": "Pajek"}
    cw = 14
    print(f"{'file':<{w0}}  " + "  ".join(f"{cols[f]:<{cw}}" for f in FORMATS))
    print(f"{'-' * w0}  " + "  ".join("-" * cw for _ in FORMATS))
    for n in names:
        cells = []
        for f in FORMATS:
            st, diffs, _ = results[n, f]
            cells.append(f"FAIL ({len(diffs)})" if st == "FAIL" else st)
        print(f"{n:<{w0}}  " + "  ".join(f"{c:<{cw}}" for c in cells))
    print("(OK* = identical apart from tolerated type changes, listed below)")

    failed = [(k, v) for k, v in results.items() if v[0] == "FAIL"]
    if failed:
        print("\nDifferences (first {} per cell):".format(MAX_SHOWN))
        for (n, f), (_, diffs, _) in failed:
            print(f"\n  {n} -> {cols[f]}: {len(diffs)} difference(s)")
            for d in diffs[:MAX_SHOWN]:
                print(f"    - {d}")
            if len(diffs) > MAX_SHOWN:
                print(f"    ... and {len(diffs) - MAX_SHOWN} more")

    tol_lines = [(k, t) for k, (_, _, t) in results.items() if t]
    if tol_lines:
        print("\nTolerated type changes (count of values):")
        for (n, f), t in tol_lines:
            for what, c in sorted(t.items()):
                print(f"  {n} -> {cols[f]}: {what} x{c}")

    print(f"\n{len(results) - len(failed)}/{len(results)} cells OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
