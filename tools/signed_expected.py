#!/usr/bin/env python3
"""Reference values for the crowdmine-graph signed-network measures (sign
counts, balance triad census, status-theory census, signed degrees, status
"surprise" of contextualised links), computed by brute force in plain Python
(standard library only; no graph library is used for any value).

Command line used to produce the committed fixtures (run from the repo root):

    bench/.venv/bin/python tools/signed_expected.py

Any Python 3 works (only the standard library is needed); the committed files
were produced with Python 3.11.7 from `bench/.venv`. If NetworkX happens to be
importable, the total triangle count of each undirected signed graph is
cross-checked against `nx.triangles` (printed only, never written). The Python
version is written into every JSON file under `meta.versions`. All values are
exact integer counts except "balanced_share", "status_share", "balance_share"
(one division each) and the float sums and surprises in "status_surprise".
Before anything is read, `self_test()` checks the contextualised-link type
index, the surprise sums and the signed-degree summary on hand-built graphs
(assertions only; nothing of it is written).

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
{-1, 0, +1}. Node ids are kept as the strings of the file; they are written
only in "signed_degrees" (the argmax/argmin nodes), where ties are broken by
the smallest id read as an integer (all ids of the directed files are
integers).

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

Signed degrees on D (directed files only), key "signed_degrees":
  For every node x: out_pos(x) / out_neg(x) = arcs x -> y of D with sign +1 /
  -1; in_pos(x) / in_neg(x) = arcs y -> x of D with sign +1 / -1 (ambivalent
  pairs, which are not arcs of D, count nowhere). Only a summary is written:
    "nodes_with_arcs"  nodes with at least one arc of D (in or out).
    "sum_out_pos", "sum_out_neg", "sum_in_pos", "sum_in_neg"  sums over all
                       nodes (= arcs_positive, arcs_negative, arcs_positive,
                       arcs_negative; asserted).
    "max_in_pos", "max_in_neg"  [id, value] of the node with the largest
                       in_pos / in_neg.
    "max_net", "min_net"  [id, value] of the node with the largest / smallest
                       net(x) = in_pos(x) - in_neg(x).
    "status_score_top" the 5 nodes with the largest Leskovec status heuristic
                       sigma(x) = in_pos - in_neg + out_neg - out_pos, as
                       [[id, value], ...] in decreasing order of value.
  Ties everywhere: smallest id read as an integer. Candidates are the nodes
  with at least one arc of D; the script asserts that taking every node of the
  file instead gives the same answers.

Status "surprise" of contextualised links on D (directed files only), key
"status_surprise" (Leskovec, Huttenlocher & Kleinberg, CHI 2010, "Signed
networks in social media", sections on status theory and surprise):
  Baselines: generative p_g(u) = (positive out-arcs of u) / (out-arcs of u);
  receptive p_r(v) = (positive in-arcs of v) / (in-arcs of v), both over D.
  Instances: for every arc A -> B of D with sign s, every node X not in
  {A, B} joined to A (by an arc A->X or X->A of D) and to B (by B->X or X->B),
  every arc e1 of D between A and X (A->X and/or X->A) and every arc e2 of D
  between B and X (B->X and/or X->B): one instance of type (e1, e2). A
  reciprocated pair A<->X (or B<->X) therefore gives one instance per arc, and
  every arc of a triangle is in turn the link A -> B (a triangle of three
  non-reciprocated arcs gives three instances, one per arc).
  Type index = 4*c1 + c2 (0..15), c1 = 2*d1 + n1, c2 = 2*d2 + n2, with d1 = 0
  for A->X and 1 for X->A, d2 = 0 for B->X and 1 for X->B, n = 0 if that arc
  is positive and 1 if negative. Example: A->B +, A->X +, X->B + is one
  instance (for the link A->B) of index 4*0 + 2 = 2; adding X->A - adds a
  second one of index 4*3 + 2 = 14.
  "types": list of the 16 types in index order, each an object with
    "index", "a_x" (label of e1: "A->X +", "A->X -", "X->A +", "X->A -" for
    c1 = 0..3), "b_x" (label of e2: "B->X +", "B->X -", "X->B +", "X->B -"
    for c2 = 0..3), "count" (instances), "positive" (instances whose A -> B
    arc is positive), "sum_pg" = sum over instances of p_g(A), "sum_pg_var" =
    sum of p_g(A)(1 - p_g(A)), "sum_pr" = sum of p_r(B), "sum_pr_var" = sum of
    p_r(B)(1 - p_r(B)) (plain float sums),
    "generative_surprise" = (positive - sum_pg) / sqrt(sum_pg_var),
    "receptive_surprise" = (positive - sum_pr) / sqrt(sum_pr_var), each null
    when count is 0 or its variance sum is 0;
    predictions as +1/-1 integers: "balance" = sign(e1) * sign(e2);
    "status_generative" from e2 only: B->X + gives -1, B->X - gives +1,
    X->B + gives +1, X->B - gives -1; "status_receptive" from e1 only:
    A->X + gives +1, A->X - gives -1, X->A + gives -1, X->A - gives +1.
  Summary: "instances" = sum of the 16 counts; "types_with_surprise" = types
  with a non-null generative surprise; "balance_consistent_generative" /
  "status_consistent_generative" = types with a non-null generative surprise
  whose sign equals the balance / status_generative prediction;
  "balance_consistent_receptive" / "status_consistent_receptive" = likewise
  with the receptive surprise and the balance / status_receptive prediction.
  A surprise of exactly 0 has sign 0 and matches no prediction.
  Enumeration: for every arc A -> B (file order), every X (increasing node
  number) in (out(A) | in(A)) & (out(B) | in(B)) minus {A, B}. Checked by a
  second enumeration (for every node X, every A joined to X, every B in
  out(A) joined to X): counts and "positive" must be equal, the four sums
  equal to 1e-9 relative.

"meta" = {"graph", "directed" (of the input data), "source" (relative to the
data folder), "format", "generator", "command", "versions", "definitions"
(one string per key)}.

JSON: `json.dumps(obj, sort_keys=True, indent=1, allow_nan=False)` plus a
trailing newline. Determinism: everything except the "status_surprise" float
sums is exact counting; those sums are accumulated in a fixed order (arcs in
order of first appearance of the ordered pair in the file, X by increasing
node number, e1 = A->X before X->A, e2 = B->X before X->B), so two runs give
identical files; a reimplementation summing in another order should agree to
about 1e-12 relative.
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
    "signed_degrees": ("directed files: per node out_pos, out_neg, in_pos, in_neg = numbers of arcs of D by "
                       "direction and sign; summary only: nodes_with_arcs (nodes with at least one arc of D), "
                       "sum_out_pos, sum_out_neg, sum_in_pos, sum_in_neg, max_in_pos, max_in_neg, max_net, min_net "
                       "as [id, value] with net = in_pos - in_neg (ties: smallest id read as an integer), and "
                       "status_score_top = the 5 largest sigma = in_pos - in_neg + out_neg - out_pos as "
                       "[[id, value], ...] (ties: smallest id read as an integer)"),
    "status_surprise": ("directed files: the 16 contextualised-link types of Leskovec, Huttenlocher & Kleinberg "
                        "2010; an instance = arc A->B of D, node X not A or B, one arc e1 of D between A and X and "
                        "one arc e2 of D between B and X (a reciprocated pair gives one instance per arc); "
                        "index = 4*(2*d1+n1) + (2*d2+n2), d1 = 0 for A->X / 1 for X->A, d2 = 0 for B->X / 1 for "
                        "X->B, n = 0 positive / 1 negative; per type count, positive (A->B positive), sum_pg, "
                        "sum_pg_var, sum_pr, sum_pr_var over instances of p_g(A) = positive share of A's out-arcs "
                        "and p_r(B) = positive share of B's in-arcs (var = p(1-p)); generative_surprise = "
                        "(positive - sum_pg)/sqrt(sum_pg_var), receptive_surprise = (positive - sum_pr)/"
                        "sqrt(sum_pr_var), null if the count or the variance sum is 0; predictions balance = "
                        "sign(e1)*sign(e2), status_generative = -sign(e2) for B->X and +sign(e2) for X->B, "
                        "status_receptive = +sign(e1) for A->X and -sign(e1) for X->A; summary instances, "
                        "types_with_surprise (non-null generative surprise) and the numbers of types with a "
                        "non-null surprise whose sign (0 matches nothing) equals the prediction: "
                        "balance_consistent_generative, balance_consistent_receptive, "
                        "status_consistent_generative, status_consistent_receptive"),
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


def signed_degrees(n, arcs, ids):
    """arcs: {(a, b): +1/-1}; ids: node number -> id string. Returns the "signed_degrees" summary."""
    out_pos, out_neg, in_pos, in_neg = [0] * n, [0] * n, [0] * n, [0] * n
    for (a, b), s in arcs.items():
        if s > 0:
            out_pos[a] += 1
            in_pos[b] += 1
        else:
            out_neg[a] += 1
            in_neg[b] += 1
    with_arcs = [x for x in range(n) if out_pos[x] + out_neg[x] + in_pos[x] + in_neg[x] > 0]
    net = [in_pos[x] - in_neg[x] for x in range(n)]
    sigma = [in_pos[x] - in_neg[x] + out_neg[x] - out_pos[x] for x in range(n)]

    def extreme(values, largest, pool):
        # largest (or smallest) value; ties: smallest id read as an integer
        best = min(pool, key=lambda x: ((-values[x] if largest else values[x]), int(ids[x])))
        return [ids[best], values[best]]

    res = {
        "nodes_with_arcs": len(with_arcs),
        "sum_out_pos": sum(out_pos),
        "sum_out_neg": sum(out_neg),
        "sum_in_pos": sum(in_pos),
        "sum_in_neg": sum(in_neg),
        "max_in_pos": extreme(in_pos, True, with_arcs),
        "max_in_neg": extreme(in_neg, True, with_arcs),
        "max_net": extreme(net, True, with_arcs),
        "min_net": extreme(net, False, with_arcs),
        "status_score_top": [[ids[x], sigma[x]] for x in
                             sorted(with_arcs, key=lambda x: (-sigma[x], int(ids[x])))[:5]],
    }
    # the pool (nodes with at least one arc vs. every node of the file) must not matter
    everyone = range(n)
    assert res["max_in_pos"] == extreme(in_pos, True, everyone)
    assert res["max_in_neg"] == extreme(in_neg, True, everyone)
    assert res["max_net"] == extreme(net, True, everyone)
    assert res["min_net"] == extreme(net, False, everyone)
    assert res["status_score_top"] == [[ids[x], sigma[x]] for x in
                                       sorted(everyone, key=lambda x: (-sigma[x], int(ids[x])))[:5]]
    return res


A_X_LABELS = ["A->X +", "A->X -", "X->A +", "X->A -"]  # c1 = 2*d1 + n1
B_X_LABELS = ["B->X +", "B->X -", "X->B +", "X->B -"]  # c2 = 2*d2 + n2


def surprise_instances(arcs):
    """arcs: {(a, b): +1/-1}. Yields (a, b, s_ab, x, index) for every contextualised-link instance:
    arc A->B, node X joined to both A and B, one arc e1 between A and X, one arc e2 between B and X."""
    nbr = {}
    for a, b in arcs:
        nbr.setdefault(a, set()).add(b)
        nbr.setdefault(b, set()).add(a)
    for (a, b), sab in arcs.items():
        for x in sorted(nbr[a] & nbr[b]):
            if x == a or x == b:
                continue
            e1 = [(0, arcs[p]) for p in [(a, x)] if p in arcs] + [(1, arcs[p]) for p in [(x, a)] if p in arcs]
            e2 = [(0, arcs[p]) for p in [(b, x)] if p in arcs] + [(1, arcs[p]) for p in [(x, b)] if p in arcs]
            for d1, s1 in e1:
                for d2, s2 in e2:
                    yield a, b, sab, x, 4 * (2 * d1 + (s1 < 0)) + (2 * d2 + (s2 < 0))


def status_surprise(arcs):
    """arcs: {(a, b): +1/-1}. Returns the "status_surprise" object (16 types plus summary counts)."""
    out_tot, out_p, in_tot, in_p = {}, {}, {}, {}
    for (a, b), s in arcs.items():
        out_tot[a] = out_tot.get(a, 0) + 1
        in_tot[b] = in_tot.get(b, 0) + 1
        out_p[a] = out_p.get(a, 0) + (s > 0)
        in_p[b] = in_p.get(b, 0) + (s > 0)
    pg = {a: out_p[a] / out_tot[a] for a in out_tot}  # generative baseline of A
    pr = {b: in_p[b] / in_tot[b] for b in in_tot}  # receptive baseline of B
    count, positive = [0] * 16, [0] * 16
    sum_pg, sum_pg_var, sum_pr, sum_pr_var = [0.0] * 16, [0.0] * 16, [0.0] * 16, [0.0] * 16
    for a, b, sab, _x, t in surprise_instances(arcs):
        count[t] += 1
        positive[t] += sab > 0
        g, r = pg[a], pr[b]
        sum_pg[t] += g
        sum_pg_var[t] += g * (1.0 - g)
        sum_pr[t] += r
        sum_pr_var[t] += r * (1.0 - r)

    # second enumeration (counts exact, sums to 1e-9 relative): for every node X, every arc A->B between two
    # of its neighbours
    nbr = {}
    for a, b in arcs:
        nbr.setdefault(a, set()).add(b)
        nbr.setdefault(b, set()).add(a)
    out_adj = {}
    for a, b in arcs:
        out_adj.setdefault(a, set()).add(b)
    chk_count, chk_pos = [0] * 16, [0] * 16
    chk_sums = [[0.0] * 16 for _ in range(4)]  # pg, pg_var, pr, pr_var
    for x, nbr_x in nbr.items():
        for a in nbr_x:
            for b in out_adj.get(a, set()) & nbr_x:
                for d1, p1 in ((0, (a, x)), (1, (x, a))):
                    if p1 not in arcs:
                        continue
                    for d2, p2 in ((0, (b, x)), (1, (x, b))):
                        if p2 not in arcs:
                            continue
                        t = 4 * (2 * d1 + (arcs[p1] < 0)) + (2 * d2 + (arcs[p2] < 0))
                        chk_count[t] += 1
                        chk_pos[t] += arcs[(a, b)] > 0
                        g, r = pg[a], pr[b]
                        for k, v in enumerate((g, g * (1.0 - g), r, r * (1.0 - r))):
                            chk_sums[k][t] += v
    assert chk_count == count and chk_pos == positive, (chk_count, count, chk_pos, positive)
    for mine, other in zip((sum_pg, sum_pg_var, sum_pr, sum_pr_var), chk_sums):
        assert all(abs(u - v) <= 1e-9 * max(1.0, abs(u)) for u, v in zip(mine, other)), (mine, other)

    def surprise(pos, mean, var, cnt):
        return (pos - mean) / var ** 0.5 if cnt and var > 0 else None

    types = []
    for t in range(16):
        c1, c2 = divmod(t, 4)
        d1, n1 = divmod(c1, 2)
        d2, n2 = divmod(c2, 2)
        s1, s2 = 1 - 2 * n1, 1 - 2 * n2
        types.append({
            "index": t,
            "a_x": A_X_LABELS[c1],
            "b_x": B_X_LABELS[c2],
            "count": count[t],
            "positive": positive[t],
            "sum_pg": sum_pg[t],
            "sum_pg_var": sum_pg_var[t],
            "sum_pr": sum_pr[t],
            "sum_pr_var": sum_pr_var[t],
            "generative_surprise": surprise(positive[t], sum_pg[t], sum_pg_var[t], count[t]),
            "receptive_surprise": surprise(positive[t], sum_pr[t], sum_pr_var[t], count[t]),
            "balance": s1 * s2,
            # B->X + : -1, B->X - : +1, X->B + : +1, X->B - : -1
            "status_generative": (1 if d2 else -1) * s2,
            # A->X + : +1, A->X - : -1, X->A + : -1, X->A - : +1
            "status_receptive": (-1 if d1 else 1) * s1,
        })

    def consistent(field, pred):
        return sum(1 for ty in types if ty[field] is not None and sign(ty[field]) == ty[pred])

    return {
        "types": types,
        "instances": sum(count),
        "balance_consistent_generative": consistent("generative_surprise", "balance"),
        "balance_consistent_receptive": consistent("receptive_surprise", "balance"),
        "status_consistent_generative": consistent("generative_surprise", "status_generative"),
        "status_consistent_receptive": consistent("receptive_surprise", "status_receptive"),
        "types_with_surprise": sum(1 for ty in types if ty["generative_surprise"] is not None),
    }


def self_test():
    """Hand-built graphs checking the type-index convention and the sums (nothing is written)."""
    # graph 1: A=0, B=1, X=2 with A->B +, A->X +, X->B +.
    g1 = {(0, 1): 1, (0, 2): 1, (2, 1): 1}
    inst = sorted((a, b, x, t) for a, b, _s, x, t in surprise_instances(g1))
    # arc 0->1 (X=2): A->X + (c1=0), X->B + (c2=2) -> 2
    # arc 0->2 (A=0, B=2, X=1): A->X = 0->1 + (c1=0), B->X = 2->1 + (c2=0) -> 0
    # arc 2->1 (A=2, B=1, X=0): X->A = 0->2 + (c1=2), X->B = 0->1 + (c2=2) -> 10
    assert inst == [(0, 1, 2, 2), (0, 2, 1, 0), (2, 1, 0, 10)], inst
    # graph 2: graph 1 plus X->A - (2->0 -).
    g2 = dict(g1)
    g2[(2, 0)] = -1
    inst = sorted((a, b, x, t) for a, b, _s, x, t in surprise_instances(g2))
    # arc 0->1: e1 in {A->X + (0), X->A - (3)}, e2 = X->B + (2) -> 2 and 4*3+2 = 14
    # arc 0->2 (X=1): A->X 0->1 + (0), B->X 2->1 + (0) -> 0
    # arc 2->1 (X=0): e1 in {A->X = 2->0 - (1), X->A = 0->2 + (2)}, e2 = X->B 0->1 + (2) -> 6, 10
    # arc 2->0 - (A=2, B=0, X=1): A->X 2->1 + (0), B->X 0->1 + (0) -> 0
    assert inst == [(0, 1, 2, 2), (0, 1, 2, 14), (0, 2, 1, 0), (2, 0, 1, 0), (2, 1, 0, 6), (2, 1, 0, 10)], inst
    ss = status_surprise(g2)
    assert ss["instances"] == 6
    assert [ty["count"] for ty in ss["types"]] == [2, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0]
    # p_g: node 0 -> 1.0 (2 of 2), node 2 -> 0.5 (1 of 2); p_r: node 0 -> 0.0, node 1 -> 1.0, node 2 -> 1.0
    t0 = ss["types"][0]  # instances: arc 0->2 + (pg 1, pr 1) and arc 2->0 - (pg 0.5, pr 0)
    assert (t0["a_x"], t0["b_x"], t0["positive"]) == ("A->X +", "B->X +", 1)
    assert (t0["sum_pg"], t0["sum_pg_var"], t0["sum_pr"], t0["sum_pr_var"]) == (1.5, 0.25, 1.0, 0.0)
    assert t0["generative_surprise"] == -1.0 and t0["receptive_surprise"] is None
    assert (t0["balance"], t0["status_generative"], t0["status_receptive"]) == (1, -1, 1)
    t14 = ss["types"][14]  # the single instance: arc 0->1 + (pg 1, pr 1): variance 0, no surprise
    assert (t14["a_x"], t14["b_x"], t14["count"], t14["positive"]) == ("X->A -", "X->B +", 1, 1)
    assert t14["generative_surprise"] is None and t14["receptive_surprise"] is None
    assert (t14["balance"], t14["status_generative"], t14["status_receptive"]) == (-1, 1, 1)
    assert ss["types"][1]["generative_surprise"] is None  # count 0
    # types 6 (A->X -, X->B +) and 10 (X->A +, X->B +): the single instance arc 2->1 + with p_g(2) = 0.5,
    # p_r(1) = 1: generative surprise (1 - 0.5)/sqrt(0.25) = +1, receptive null
    for t, bal, sg, sr in ((6, -1, 1, -1), (10, 1, 1, -1)):
        ty = ss["types"][t]
        assert (ty["count"], ty["positive"], ty["sum_pg"], ty["sum_pg_var"]) == (1, 1, 0.5, 0.25), ty
        assert ty["generative_surprise"] == 1.0 and ty["receptive_surprise"] is None, ty
        assert (ty["balance"], ty["status_generative"], ty["status_receptive"]) == (bal, sg, sr), ty
    # surprises: type 0 -1 (balance +1, status_gen -1), 6 +1 (balance -1, status_gen +1), 10 +1 (+1, +1)
    assert ss["types_with_surprise"] == 3
    assert ss["balance_consistent_generative"] == 1 and ss["status_consistent_generative"] == 3
    assert ss["balance_consistent_receptive"] == 0 and ss["status_consistent_receptive"] == 0
    # graph 3: A=0 -> B=1 negative; X=2 joined to A only by X->A -, to B by B->X - and X->B +;
    # node 3 is joined to A only (A->3 +) and is no X for the arc A->B.
    g3 = {(0, 1): -1, (2, 0): -1, (1, 2): -1, (2, 1): 1, (0, 3): 1}
    inst = sorted((a, b, x, t) for a, b, _s, x, t in surprise_instances(g3) if (a, b) == (0, 1))
    assert inst == [(0, 1, 2, 13), (0, 1, 2, 14)], inst  # c1 = 3 (X->A -), c2 in {1 (B->X -), 2 (X->B +)}
    # signed degrees on graph 2 with ids "5", "3", "9" for nodes 0, 1, 2
    sd = signed_degrees(3, g2, ["5", "3", "9"])
    # out_pos 2,0,1; out_neg 0,0,1; in_pos 0,2,1; in_neg 1,0,0; net -1,2,1; sigma -3,2,1
    assert sd == {"nodes_with_arcs": 3, "sum_out_pos": 3, "sum_out_neg": 1, "sum_in_pos": 3, "sum_in_neg": 1,
                  "max_in_pos": ["3", 2], "max_in_neg": ["5", 1], "max_net": ["3", 2], "min_net": ["5", -1],
                  "status_score_top": [["3", 2], ["9", 1], ["5", -3]]}, sd
    # ties: smallest id read as an integer (9 before 10, although "10" < "9" as strings)
    sd = signed_degrees(4, {(0, 1): 1, (2, 3): 1}, ["1", "10", "2", "9"])
    assert sd["max_in_pos"] == ["9", 1] and sd["status_score_top"][:2] == [["9", 1], ["10", 1]], sd


def share(num, den):
    return num / den if den else None


def compute(name, rel, directed, header, fmt):
    records = read_records(rel, header)
    nodes, self_loops, zero_value, duplicates, und, arc = build(records, directed)
    n = len(nodes)
    ids = [None] * n  # node number -> id string of the file
    for x, i in nodes.items():
        ids[i] = x
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
        sd = signed_degrees(n, arcs, ids)
        assert (sd["sum_out_pos"], sd["sum_out_neg"]) == (out["arcs_positive"], out["arcs_negative"]), name
        assert (sd["sum_in_pos"], sd["sum_in_neg"]) == (out["arcs_positive"], out["arcs_negative"]), name
        out["signed_degrees"] = sd
        out["status_surprise"] = status_surprise(arcs)
        checks["zero_sign_edges involve only reciprocal conflicts/duplicates"] = (
            out["zero_sign_edges"] <= out["reciprocal_pairs"] + duplicates + zero_value)
    return out, checks


def main():
    self_test()
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
