#!/usr/bin/env python3
"""Check what `crowdmine analyze` / `crowdmine demo` wrote, with readers that are not crowdmine's.

Command line (run from the repo root, after `crowdmine demo --out DIR` or `crowdmine analyze ...
--out DIR`):

    bench/.venv/bin/python tools/report_check.py DIR [--crowdmine target/release/crowdmine]

Needs networkx (bench/.venv has it; .ci/run installs networkx==3.6.1 in its own virtualenv).

Checks:

* `DIR/graph.gexf` is read by NetworkX (`nx.read_gexf`) and by crowdmine's own reader
  (`crowdmine graph convert DIR/graph.gexf OUT --to tables`, node and edge CSV tables); both give
  the same node ids, the same directed edges with the same weights, and the same node attributes
  (handle, community, pagerank, kcore, sentiment where present). The GEXF root declares version
  1.3.
* `DIR/report.html` parses with Python's `html.parser` with every opened element closed in order
  (void elements aside) and has a section per entry of `manifest.json`'s "sections".
* every table `manifest.json` lists exists and is CSV with a header.

Exit status 0 when everything agrees; 1 with the differences listed otherwise.
"""

import argparse
import csv
import json
import math
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx

VOID = {"meta", "br", "img", "hr", "input", "link", "col", "area", "base", "embed", "source", "wbr"}


class Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
        self.errors = []
        self.sections = []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.sections.append(dict(attrs).get("id"))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()


def number(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return x


def same(a, b):
    a, b = number(a), number(b)
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return str(a) == str(b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--crowdmine", default=str(Path(__file__).resolve().parent.parent / "target/release/crowdmine"))
    a = ap.parse_args()
    out = Path(a.dir)
    problems = []

    gexf = out / "graph.gexf"
    head = gexf.read_text(encoding="utf-8")[:400]
    if 'version="1.3"' not in head:
        problems.append("graph.gexf does not declare GEXF 1.3")
    g = nx.read_gexf(gexf)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "g.csv"
        subprocess.run([a.crowdmine, "graph", "convert", str(gexf), str(base), "--to", "tables"], check=True,
                       capture_output=True)
        nodes_csv = next(Path(tmp).glob("*nodes*.csv"))
        edges_csv = next(Path(tmp).glob("*edges*.csv"))
        ours_nodes = {r["id"]: r for r in csv.DictReader(nodes_csv.open(encoding="utf-8"))}
        ours_edges = {}
        for r in csv.DictReader(edges_csv.open(encoding="utf-8")):
            ours_edges[(r["source"], r["target"])] = r.get("weight")
    if set(g.nodes) != set(ours_nodes):
        problems.append(f"nodes differ: {len(g.nodes)} (NetworkX) vs {len(ours_nodes)} (crowdmine)")
    for u, d in g.nodes(data=True):
        mine = ours_nodes.get(u, {})
        for key in ("handle", "community", "pagerank", "kcore", "sentiment"):
            if key in d or mine.get(key, "") != "":
                if not same(d.get(key), mine.get(key)):
                    problems.append(f"node {u} {key}: {d.get(key)!r} (NetworkX) vs {mine.get(key)!r} (crowdmine)")
    nx_edges = {(u, v): w for u, v, w in g.edges(data="weight")}
    if not g.is_directed():
        problems.append("graph.gexf is not directed")
    if set(nx_edges) != set(ours_edges):
        problems.append(f"edges differ: {len(nx_edges)} (NetworkX) vs {len(ours_edges)} (crowdmine)")
    for e, w in nx_edges.items():
        if e in ours_edges and not same(w, ours_edges[e]):
            problems.append(f"edge {e} weight {w} (NetworkX) vs {ours_edges[e]} (crowdmine)")

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    parser = Balance()
    parser.feed((out / "report.html").read_text(encoding="utf-8"))
    parser.close()
    problems += [f"report.html: {e}" for e in parser.errors[:10]]
    if parser.stack:
        problems.append(f"report.html: unclosed {parser.stack}")
    wanted = [s["id"] for s in manifest["sections"]]
    if parser.sections != wanted:
        problems.append(f"report.html sections {parser.sections} vs manifest {wanted}")
    for t in manifest["tables"]:
        p = out / t
        if not p.is_file() or not p.read_text(encoding="utf-8").strip():
            problems.append(f"table {t} missing or empty")

    print(f"{out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, "
          f"{len(wanted)} sections, {len(manifest['tables'])} tables")
    for p in problems[:40]:
        print("  DIFF", p)
    if problems:
        print(f"{len(problems)} difference(s)")
        return 1
    print("ok: NetworkX and crowdmine read the same network; the report and tables are whole")
    return 0


if __name__ == "__main__":
    sys.exit(main())
