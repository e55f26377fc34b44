#!/usr/bin/env python3
"""Reference values for the crowdmine-graph signed-network measures (sign
counts, balance triad census, status-theory census), computed by brute force in
plain Python (standard library only; no graph library is used for any value).

Command line used to produce the committed fixtures (run from the repo root):

    bench/.venv/bin/python tools/signed_expected.py

Any Python 3 works (only the standard library is needed); the committed files
were produced with Python 3.11.7 from `bench/.venv`. If NetworkX happens to be
importable, the total triangle count of each undirected signed graph is
cross-checked against `nx.triangles` (printed only, never written). The Python
version is written into every JSON file under `meta.versions`. All values are
exact integer counts except "balanced_share" (one division).

The data folder comes from the environment variable CROWDMINE_DATA and
defaults to `<repo root>/../shared/data` (the same rule as
tools/graph_expected.py; see `shared/data/PROVENANCE.md`, section 4). Outputs,
all under `crates/crowdmine-graph/tests/fixtures/`:

    signed_highland_tribes.json   from signed/highland_tribes_signnet.csv
    signed_bitcoinalpha.json      from signed/soc-sign-bitcoinalpha.csv
    signed_bitcoinotc.json        from signed/soc-sign-bitcoinotc.csv

Nothing else is written. This script shares no code with crowdmine. Paths in
the outputs are relative to the data folder; no absolute path is written.

Input files (one record per line, comma separated)
==================================================

  highland_tribes  header `source,target,sign`; tribe names; sign +1/-1;
                   UNDIRECTED (58 records, 16 tribes).
  bitcoinalpha     header `source,target,weight,timestamp`; integer user ids;
                   weight -10..+10; DIRECTED (24,186 records, 3,783 users).
  bitcoinotc       NO header, `source,target,rating,time`; integer user ids;
                   rating -10..+10; DIRECTED (35,592 records, 5,881 users).

The header (or its absence) is asserted. The value column is parsed as an int
(float if it is not an integer literal); the record's sign is sign(value) in
{-1, 0, +1}. Node ids are kept as the strings of the file (they are only used
for identity; no per-node value is written).

Definitions
===========

Record-level counts:
  "records"           data lines in the file.
  "nodes"             distinct ids occurring as source or target in any record
                      (including records that are later dropped).
  "self_loops"        records with source == target; they are DROPPED from
                      everything below.
  "zero_value_records" records whose value is 0 (sign 0); they are kept but add
                      0 to the sums below.
  "duplicate_records" records (self-loops excluded) whose pair was already seen
                      earlier in the file: the ordered pair (source, target)
                      for directed files, the unordered pair for undirected
                      files. Duplicates are NOT dropped: their signs are summed.
(In the committed data all three of the last counts are 0.)

Undirected signed simple graph U (all three files):
  For every unordered pair {u, v}, u != v, with at least one record between u
  and v (in either direction, for directed files), s(u, v) = sign of the SUM of
  the signs of ALL those records (both directions, repeated records included).
  If that sum is 0 the pair is "ambivalent": it is counted in
  "zero_sign_edges" and is NOT an edge of U (excluded from edges and triads).
  "edges" = number of pairs with s = +1 or -1 = "positive" + "negative".
  For directed files, "reciprocal_pairs" = unordered pairs with a record in
  both directions and "reciprocal_sign_conflicts" = those whose two directed
  summed signs (see D below) are +1 and -1 (such a pair gets sum 0, i.e. it is
  ambivalent, when each direction has a single record).

Balance triad census on U:
  Every triangle {a, b, c} of U (three edges of U, each counted once as an
  unordered node triple) is classified by its number of negative edges:
  "+++" (0), "++-" (1), "+--" (2), "---" (3). "triangles" = their sum.
  "balanced_share" = ("+++" + "+--") / "triangles" (structural balance: an even
  number of negative edges; null if there are no triangles).
  Enumeration: nodes are numbered by first appearance in the file; for each
  edge (u, v) with u < v the triangles are the w > v in N(u) & N(v). Checked by
  a second enumeration (for every node, every pair of higher-numbered
  neighbours).

Directed signed simple graph D (directed files only):
  For every ordered pair (a, b), a != b, with at least one record a -> b,
  s(a -> b) = sign of the SUM of the signs of all records a -> b (repeated
  records included). Pairs with sum 0 are counted in "zero_sign_arcs" and are
  NOT arcs of D. "arcs" = "arcs_positive" + "arcs_negative".

Status / balance census on D ("contextualised links", simplified from
Leskovec, Huttenlocher & Kleinberg 2010, "Signed networks in social media"):
  Every ordered triple (A, B, C) of distinct nodes such that A -> B, B -> C
  and A -> C are all arcs of D is counted exactly once (so the same three
  nodes can give several triples when arcs are reciprocated). Key
  "ab{x}_bc{y}_ac{z}" (x, y, z in {+, -}; 8 keys) counts the triples with
  s(A->B) = x, s(B->C) = y, s(A->C) = z. "status_triads" = sum of the 8.
  Status theory (a positive link X -> Y means Y has higher status than X):
  ab+ bc+ predicts ac+; ab- bc- predicts ac-; mixed signs predict nothing.
  "status_predicted" = triples with ab = bc; "status_consistent" = those among
  them with ac = ab; "status_share" = consistent / predicted (null if 0).
  Balance theory predicts s(A->C) = s(A->B) * s(B->C): "balance_total" = all
  triples (= "status_triads"); "balance_consistent" = triples with
  ac = ab * bc; "balance_share" = consistent / total (null if 0).
  Enumeration: for every arc A -> B, every C in out(B) & out(A) (C != A holds
  because D has no self-loops). Checked by a second enumeration (for every arc
  A -> C, every B in out(A) & in(C)).

"meta" = {"graph", "directed" (of the input data), "source" (relative to the
data folder), "format", "generator", "command", "versions", "definitions"
(one string per key)}.

JSON: `json.dumps(obj, sort_keys=True, indent=1, allow_nan=False)` plus a
trailing newline. Determinism: everything is exact counting; two runs give
identical files.
"""

import csv
import json
import os
import sys
import time
from itertools import combinations
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CROWDMINE_DATA", REPO_ROOT.parent / "shared" / "data"))
OUT_DIR = REPO_ROOT / "crates" / "crowdmine-graph" / "tests" / "fixtures"
COMMAND = "bench/.venv/bin/python tools/signed_expected.py"

GRAPHS = [
    # name, file relative to the data folder, directed, header (None = headerless), format string
    ("highland_tribes", "signed/highland_tribes_signnet.csv", False, ["source", "target", "sign"],
     "CSV with header source,target,sign; tribe names; sign +1/-1; undirected"),
    ("bitcoinalpha", "signed/soc-sign-bitcoinalpha.csv", True, ["source", "target", "weight", "timestamp"],
     "CSV with header source,target,weight,timestamp; integer ids; weight -10..+10; directed source -> target"),
    ("bitcoinotc", "signed/soc-sign-bitcoinotc.csv", True, None,
     "headerless CSV source,target,rating,time; integer ids; rating -10..+10; directed source -> target"),
]

TRIAD_KEYS = ["+++", "++-", "+--", "---"]  # index = number of negative edges
STATUS_KEYS = ["ab%s_bc%s_ac%s" % (x, y, z) for x in "+-" for y in "+-" for z in "+-"]

DEFINITIONS = {
    "records": "data lines in the file",
    "nodes": "distinct ids occurring in any record (source or target)",
    "self_loops": "records with source == target; dropped from everything else",
    "zero_value_records": "records whose value is 0 (sign 0); kept, they add 0 to the sign sums",
    "duplicate_records": ("records whose pair (ordered for directed files, unordered for undirected files) "
                          "occurred earlier; not dropped, their signs are summed"),
    "undirected graph U": ("edge {u,v} iff some record u->v or v->u; sign = sign(sum of the signs of all records "
                           "between u and v, both directions, duplicates included); sum 0 = ambivalent, counted in "
                           "zero_sign_edges and excluded from edges and triads"),
    "edges, positive, negative": "edges of U with sign +1 or -1; edges = positive + negative",
    "zero_sign_edges": "unordered pairs whose summed sign is 0 (excluded from U)",
    "reciprocal_pairs": "directed files: unordered pairs with records in both directions",
    "reciprocal_sign_conflicts": "directed files: reciprocal pairs whose two summed directed signs are +1 and -1",
    "+++, ++-, +--, ---": "triangles of U by number of negative edges (0, 1, 2, 3); each node triple once",
    "triangles": "number of triangles of U",
    "balanced_share": "(+++ plus +--) / triangles: share with an even number of negative edges",
    "directed graph D": ("arc a->b iff some record a->b; sign = sign(sum of the signs of all records a->b, "
                         "duplicates included); sum 0 counted in zero_sign_arcs and excluded"),
    "arcs, arcs_positive, arcs_negative": "arcs of D with sign +1 / -1; arcs = arcs_positive + arcs_negative",
    "ab{x}_bc{y}_ac{z}": ("number of ordered triples (A,B,C) of distinct nodes with arcs A->B, B->C, A->C in D "
                          "and signs x, y, z; each ordered triple counted once"),
    "status_triads": "sum of the 8 ab_bc_ac counts",
    "status_predicted": ("triples where status theory predicts: ab = bc (ab+ bc+ predicts ac+, "
                         "ab- bc- predicts ac-; a positive X->Y means Y has higher status)"),
    "status_consistent": "predicted triples with ac = ab",
    "status_share": "status_consistent / status_predicted",
    "balance_total": "all triples (= status_triads)",
    "balance_consistent": "triples with ac = ab * bc",
    "balance_share": "balance_consistent / balance_total",
}


def sign(x):
    return (x > 0) - (x < 0)


def parse_value(text):
    try:
        return int(text)
    except ValueError:
        return float(text)


def read_records(rel, header):
    with open(DATA_DIR / rel, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh) if r]
    if header is not None:
        assert rows[0] == header, (rel, rows[0])
        rows = rows[1:]
    else:
        # headerless: the first line must already be data
        parse_value(rows[0][2])
    assert all(len(r) == (len(header) if header else 4) for r in rows), rel
    return [(r[0].strip(), r[1].strip(), parse_value(r[2].strip())) for r in rows]


def build(records, directed):
    nodes = {}  # id -> number by first appearance
    self_loops = zero_value = duplicates = 0
    und = {}  # (i, j), i < j -> summed sign
    arc = {}  # (i, j) -> summed sign (directed only)
    seen = set()
    for s, t, val in records:
        for x in (s, t):
            if x not in nodes:
                nodes[x] = len(nodes)
        if s == t:
            self_loops += 1
            continue
        sg = sign(val)
        if sg == 0:
            zero_value += 1
        a, b = nodes[s], nodes[t]
        key = (a, b) if directed else (min(a, b), max(a, b))
        if key in seen:
            duplicates += 1
        seen.add(key)
        u = (min(a, b), max(a, b))
        und[u] = und.get(u, 0) + sg
        if directed:
            arc[(a, b)] = arc.get((a, b), 0) + sg
    return nodes, self_loops, zero_value, duplicates, und, arc


def triad_census(n, edges):
    """edges: {(i, j), i < j: +1/-1}. Returns counts indexed by number of negative edges."""
    adj = [set() for _ in range(n)]
    for i, j in edges:
        adj[i].add(j)
        adj[j].add(i)
    counts = [0, 0, 0, 0]
    for (u, v), suv in edges.items():
        for w in adj[u] & adj[v]:
            if w > v:
                neg = (suv < 0) + (edges[(u, w)] < 0) + (edges[(v, w)] < 0)
                counts[neg] += 1
    # second enumeration: every node, every pair of higher-numbered neighbours
    check = [0, 0, 0, 0]
    for u in range(n):
        higher = sorted(x for x in adj[u] if x > u)
        for v, w in combinations(higher, 2):
            if w in adj[v]:
                neg = (edges[(u, v)] < 0) + (edges[(u, w)] < 0) + (edges[(v, w)] < 0)
                check[neg] += 1
    assert check == counts, (check, counts)
    return counts, adj


def status_census(n, arcs):
    """arcs: {(a, b): +1/-1}. Returns {key: count} over ordered triples (A, B, C)."""
    out_adj = [set() for _ in range(n)]
    in_adj = [set() for _ in range(n)]
    for a, b in arcs:
        out_adj[a].add(b)
        in_adj[b].add(a)
    counts = dict.fromkeys(STATUS_KEYS, 0)
    ch = "+-"

    def key(ab, bc, ac):
        return "ab%s_bc%s_ac%s" % (ch[ab < 0], ch[bc < 0], ch[ac < 0])

    for (a, b), sab in arcs.items():
        for c in out_adj[b] & out_adj[a]:
            assert c != a and c != b
            counts[key(sab, arcs[(b, c)], arcs[(a, c)])] += 1
    check = dict.fromkeys(STATUS_KEYS, 0)
    for (a, c), sac in arcs.items():
        for b in out_adj[a] & in_adj[c]:
            check[key(arcs[(a, b)], arcs[(b, c)], sac)] += 1
    assert check == counts, (check, counts)
    return counts


def share(num, den):
    return num / den if den else None


def compute(name, rel, directed, header, fmt):
    records = read_records(rel, header)
    nodes, self_loops, zero_value, duplicates, und, arc = build(records, directed)
    n = len(nodes)
    edges = {p: sign(s) for p, s in und.items() if sign(s) != 0}
    out = {
        "meta": {
            "graph": name,
            "directed": directed,
            "source": rel + " (relative to the data folder)",
            "format": fmt,
            "generator": "tools/signed_expected.py",
            "command": COMMAND,
            "versions": {"python": "%d.%d.%d" % sys.version_info[:3]},
            "definitions": DEFINITIONS,
        },
        "records": len(records),
        "nodes": n,
        "self_loops": self_loops,
        "zero_value_records": zero_value,
        "duplicate_records": duplicates,
        "zero_sign_edges": sum(1 for s in und.values() if sign(s) == 0),
        "edges": len(edges),
        "positive": sum(1 for s in edges.values() if s > 0),
        "negative": sum(1 for s in edges.values() if s < 0),
    }
    counts, adj = triad_census(n, edges)
    for k, c in zip(TRIAD_KEYS, counts):
        out[k] = c
    out["triangles"] = sum(counts)
    out["balanced_share"] = share(counts[0] + counts[2], out["triangles"])

    checks = {}
    try:
        import networkx as nx
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(edges)
        checks["triangles == sum(nx.triangles)/3"] = sum(nx.triangles(G).values()) // 3 == out["triangles"]
        assert checks["triangles == sum(nx.triangles)/3"], name
    except ImportError:
        checks["networkx cross-check"] = "skipped (networkx not importable)"

    if directed:
        arcs = {p: sign(s) for p, s in arc.items() if sign(s) != 0}
        out["zero_sign_arcs"] = sum(1 for s in arc.values() if sign(s) == 0)
        out["arcs"] = len(arcs)
        out["arcs_positive"] = sum(1 for s in arcs.values() if s > 0)
        out["arcs_negative"] = sum(1 for s in arcs.values() if s < 0)
        recip = [(a, b) for (a, b) in arc if a < b and (b, a) in arc]
        out["reciprocal_pairs"] = len(recip)
        out["reciprocal_sign_conflicts"] = sum(
            1 for a, b in recip if sign(arc[(a, b)]) * sign(arc[(b, a)]) == -1)
        sc = status_census(n, arcs)
        out.update(sc)
        total = sum(sc.values())
        out["status_triads"] = total
        out["status_predicted"] = sum(c for k, c in sc.items() if k[2] == k[6])
        out["status_consistent"] = sc["ab+_bc+_ac+"] + sc["ab-_bc-_ac-"]
        out["status_share"] = share(out["status_consistent"], out["status_predicted"])
        out["balance_total"] = total
        out["balance_consistent"] = sum(
            c for k, c in sc.items() if (k[2] == k[6]) == (k[10] == "+"))
        out["balance_share"] = share(out["balance_consistent"], total)
        checks["zero_sign_edges involve only reciprocal conflicts/duplicates"] = (
            out["zero_sign_edges"] <= out["reciprocal_pairs"] + duplicates + zero_value)
    return out, checks


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, rel, directed, header, fmt in GRAPHS:
        t0 = time.time()
        data, checks = compute(name, rel, directed, header, fmt)
        path = OUT_DIR / ("signed_%s.json" % name)
        path.write_text(json.dumps(data, sort_keys=True, indent=1, allow_nan=False) + "\n", newline="\n")
        print("%-16s %.1fs -> %s" % (name, time.time() - t0, path.relative_to(REPO_ROOT)))
        for k in sorted(data):
            if k != "meta":
                print("    %-28s %r" % (k, data[k]))
        for k, v in checks.items():
            print("    check: %-50s %r" % (k, v))


if __name__ == "__main__":
    main()
