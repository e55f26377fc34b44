//! Triangles, local and average clustering, and transitivity, on the undirected simple view of the
//! graph (directions dropped, self-loops ignored), as NetworkX computes them for undirected graphs.
//!
//! Unweighted triangles are listed once each by orienting every edge towards the endpoint of
//! higher (degree, id) rank and intersecting sorted out-lists (Schank & Wagner 2005; Chiba &
//! Nishizeki 1985), O(m^1.5), in parallel, with integer counts (so exact and thread-independent).
//! Weighted clustering follows Onnela et al. 2005 as NetworkX does (geometric mean of the
//! triangle's weights, each divided by the largest weight in the graph); Barrat et al. 2004
//! (igraph's weighted local transitivity) is [`Weighting::Barrat`]. Nodes of degree below 2 have
//! clustering 0 (NetworkX; igraph's `mode="zero"`).

use crate::Graph;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// The undirected simple view in CSR form: sorted neighbour lists without self-loops, with
/// weights (the sum of both directions' weights where a directed graph has both).
pub(crate) struct Simple {
    offsets: Vec<usize>,
    adj: Vec<u32>,
    w: Option<Vec<f64>>,
}

impl Simple {
    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn nbrs(&self, u: usize) -> &[u32] {
        &self.adj[self.offsets[u]..self.offsets[u + 1]]
    }

    /// The weight of `u`'s i-th neighbour.
    fn weight(&self, u: usize, i: usize) -> f64 {
        self.w.as_ref().map_or(1.0, |w| w[self.offsets[u] + i])
    }

    fn degree(&self, u: usize) -> usize {
        self.offsets[u + 1] - self.offsets[u]
    }
}

pub(crate) fn simple(g: &Graph) -> Simple {
    let u = if g.is_directed() {
        std::borrow::Cow::Owned(g.to_undirected())
    } else {
        std::borrow::Cow::Borrowed(g)
    };
    let n = u.node_count();
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    let mut adj = Vec::with_capacity(u.edge_count() * 2);
    let mut w = u
        .is_weighted()
        .then(|| Vec::with_capacity(u.edge_count() * 2));
    for x in 0..n as u32 {
        let ws = u.out_weights(x);
        for (i, &y) in u.out(x).iter().enumerate() {
            if y != x {
                adj.push(y);
                if let (Some(w), Some(ws)) = (w.as_mut(), ws) {
                    w.push(ws[i]);
                }
            }
        }
        offsets.push(adj.len());
    }
    Simple { offsets, adj, w }
}

/// Triangles through each node.
pub fn triangles(g: &Graph) -> Vec<u64> {
    triangles_of(&simple(g))
}

fn triangles_of(s: &Simple) -> Vec<u64> {
    let n = s.len();
    // Rank nodes by (degree, id) and work in rank space: each node keeps its neighbours of
    // higher rank, so hubs have short lists, and the hubs' lists (read most often) sit together.
    let order = by_degree(s);
    let mut rank = vec![0u32; n];
    for (r, &u) in order.iter().enumerate() {
        rank[u as usize] = r as u32;
    }
    // Each node's neighbours of higher rank, as ranks, sorted; read in node order (adjacency
    // streams from memory), written to the node's place in rank order.
    let higher = |u: usize| {
        let r = rank[u];
        s.nbrs(u)
            .iter()
            .map(|&v| rank[v as usize])
            .filter(move |&q| q > r)
    };
    let counts: Vec<u32> = (0..n)
        .into_par_iter()
        .map(|u| higher(u).count() as u32)
        .collect();
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0usize);
    for &u in &order {
        offsets.push(offsets[offsets.len() - 1] + counts[u as usize] as usize);
    }
    let mut up = vec![0u32; offsets[n]];
    {
        let mut by_node: Vec<&mut [u32]> = Vec::with_capacity(n);
        by_node.resize_with(n, Default::default);
        let mut rest: &mut [u32] = &mut up;
        for &u in &order {
            let (head, tail) = rest.split_at_mut(counts[u as usize] as usize);
            by_node[u as usize] = head;
            rest = tail;
        }
        by_node.into_par_iter().enumerate().for_each(|(u, out)| {
            for (slot, q) in out.iter_mut().zip(higher(u)) {
                *slot = q;
            }
            out.sort_unstable();
        });
    }
    let up_of = |r: usize| &up[offsets[r]..offsets[r + 1]];
    let t: Vec<AtomicU64> = (0..n).map(|_| AtomicU64::new(0)).collect();
    // Oriented edges (r, q) in order, by chunks of ranks; the merge for each reads q's list at
    // random, so lists needed a few edges ahead are touched early and their misses overlap.
    const CHUNK: usize = 1 << 12;
    (0..n.div_ceil(CHUNK)).into_par_iter().for_each(|c| {
        for r in c * CHUNK..n.min((c + 1) * CHUNK) {
            let mine = up_of(r);
            let mut local = 0u64;
            for (i, &q) in mine.iter().enumerate() {
                let j = offsets[r] + i;
                if let Some(&ahead) = up.get(j + 8) {
                    std::hint::black_box(offsets[ahead as usize]);
                }
                if let Some(&ahead) = up.get(j + 4) {
                    std::hint::black_box(up.get(offsets[ahead as usize]));
                }
                // A third node w is in both lists and ranks above q: only mine[i + 1..] matters.
                for_common(&mine[i + 1..], up_of(q as usize), |w| {
                    local += 1;
                    t[q as usize].fetch_add(1, Ordering::Relaxed);
                    t[w as usize].fetch_add(1, Ordering::Relaxed);
                });
            }
            t[r].fetch_add(local, Ordering::Relaxed);
        }
    });
    // Back from rank space to node ids.
    let by_rank: Vec<u64> = t.into_iter().map(AtomicU64::into_inner).collect();
    (0..n).map(|u| by_rank[rank[u] as usize]).collect()
}

/// Nodes in (degree, id) order, by a counting sort on degree (ids ascend within a degree).
fn by_degree(s: &Simple) -> Vec<u32> {
    let n = s.len();
    let max = (0..n).map(|u| s.degree(u)).max().unwrap_or(0);
    let mut start = vec![0usize; max + 2];
    for u in 0..n {
        start[s.degree(u) + 1] += 1;
    }
    for d in 0..=max {
        start[d + 1] += start[d];
    }
    let mut order = vec![0u32; n];
    for u in 0..n {
        let slot = &mut start[s.degree(u)];
        order[*slot] = u as u32;
        *slot += 1;
    }
    order
}

/// Calls `f` on every element common to two sorted lists. The steps are branch-free (matches
/// are rare, so their branch predicts well), which is what makes the merge fast.
fn for_common(a: &[u32], b: &[u32], mut f: impl FnMut(u32)) {
    if a.is_empty() || b.is_empty() || a[a.len() - 1] < b[0] || b[b.len() - 1] < a[0] {
        return;
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x == y {
            f(x);
        }
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
}

/// How edge weights enter local clustering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weighting {
    /// Weights ignored.
    #[default]
    None,
    /// Onnela et al. 2005, as NetworkX `clustering(G, weight=…)`.
    Onnela,
    /// Barrat et al. 2004, as igraph `transitivity_local_undirected(weights=…)`.
    Barrat,
}

/// Local clustering coefficient of every node.
pub fn clustering(g: &Graph, weighting: Weighting) -> Vec<f64> {
    let s = simple(g);
    let n = s.len();
    match weighting {
        Weighting::None => {
            let t = triangles_of(&s);
            (0..n)
                .map(|u| {
                    let d = s.degree(u) as f64;
                    if d < 2.0 {
                        0.0
                    } else {
                        2.0 * t[u] as f64 / (d * (d - 1.0))
                    }
                })
                .collect()
        }
        Weighting::Onnela => {
            let max_w =
                s.w.iter()
                    .flatten()
                    .copied()
                    .fold(f64::NEG_INFINITY, f64::max)
                    .max(max_loop_weight(g));
            (0..n)
                .into_par_iter()
                .map(|u| {
                    let d = s.degree(u) as f64;
                    if d < 2.0 || max_w <= 0.0 {
                        return 0.0;
                    }
                    let sum = pairs_at(&s, u, |wuv, wuw, wvw| {
                        ((wuv / max_w) * (wuw / max_w) * (wvw / max_w)).cbrt()
                    });
                    2.0 * sum / (d * (d - 1.0))
                })
                .collect()
        }
        Weighting::Barrat => (0..n)
            .into_par_iter()
            .map(|u| {
                let d = s.degree(u) as f64;
                let strength: f64 = (0..s.degree(u)).map(|i| s.weight(u, i)).sum();
                if d < 2.0 || strength <= 0.0 {
                    return 0.0;
                }
                let sum = pairs_at(&s, u, |wuv, wuw, _| wuv + wuw);
                sum / (strength * (d - 1.0))
            })
            .collect(),
    }
}

/// The largest self-loop weight (NetworkX's maximum runs over all edges, loops included).
fn max_loop_weight(g: &Graph) -> f64 {
    (0..g.node_count() as u32)
        .flat_map(|u| {
            let w = g.out_weights(u);
            g.out(u)
                .iter()
                .enumerate()
                .filter(move |(_, &v)| v == u)
                .map(move |(i, _)| w.map_or(1.0, |w| w[i]))
        })
        .fold(f64::NEG_INFINITY, f64::max)
}

/// Sum of `f(w_uv, w_uw, w_vw)` over the adjacent pairs {v, w} (v < w) of u's neighbours.
fn pairs_at(s: &Simple, u: usize, f: impl Fn(f64, f64, f64) -> f64) -> f64 {
    let nu = s.nbrs(u);
    let mut sum = 0.0;
    for (i, &v) in nu.iter().enumerate() {
        let nv = s.nbrs(v as usize);
        // Common neighbours w > v of u and v.
        let (mut a, mut b) = (i + 1, nv.partition_point(|&x| x <= v));
        while a < nu.len() && b < nv.len() {
            match nu[a].cmp(&nv[b]) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => {
                    sum += f(s.weight(u, i), s.weight(u, a), s.weight(v as usize, b));
                    a += 1;
                    b += 1;
                }
            }
        }
    }
    sum
}

/// Directed local clustering (Fagiolo 2007), as NetworkX `clustering` on a `DiGraph`: every
/// triangle counts, whatever its edges' directions, once per directed edge it has. With
/// A(u,v) = [u→v] + [v→u] (self-loops and repeated edges ignored), node u has
/// T(u) = Σ over adjacent pairs {v, w} of its neighbours of A(u,v)·A(u,w)·A(v,w), and
/// c(u) = T(u) / (d(d − 1) − 2·d↔) with d = in + out degree and d↔ the reciprocated pairs.
/// An undirected graph gives [`clustering`].
pub fn directed_clustering(g: &Graph) -> Vec<f64> {
    if !g.is_directed() {
        return clustering(g, Weighting::None);
    }
    let s = multiplicity_view(g);
    (0..s.len())
        .into_par_iter()
        .map(|u| {
            let (mut d, mut both) = (0.0, 0.0);
            for i in 0..s.degree(u) {
                let a = s.weight(u, i);
                d += a;
                if a == 2.0 {
                    both += 1.0;
                }
            }
            // Products of small integers: every sum is exact.
            let t = pairs_at(&s, u, |a, b, c| a * b * c);
            let possible = d * (d - 1.0) - 2.0 * both;
            if t == 0.0 || possible <= 0.0 {
                0.0
            } else {
                t / possible
            }
        })
        .collect()
}

/// Mean directed clustering over all nodes (zeros included, as NetworkX `average_clustering`).
pub fn average_directed_clustering(g: &Graph) -> f64 {
    let c = directed_clustering(g);
    if c.is_empty() {
        0.0
    } else {
        c.iter().sum::<f64>() / c.len() as f64
    }
}

/// The undirected simple view of a directed graph with each neighbour's multiplicity A(u,v)
/// (1, or 2 when the edge is reciprocated) as its weight.
fn multiplicity_view(g: &Graph) -> Simple {
    let n = g.node_count();
    let lists: Vec<Vec<(u32, f64)>> = (0..n as u32)
        .into_par_iter()
        .map(|u| {
            let (out, inn) = (g.out(u), g.inn(u));
            let mut merged: Vec<(u32, f64)> = Vec::with_capacity(out.len() + inn.len());
            let (mut i, mut j) = (0, 0);
            while i < out.len() || j < inn.len() {
                let v = match (out.get(i), inn.get(j)) {
                    (Some(&a), Some(&b)) => a.min(b),
                    (Some(&a), None) => a,
                    (None, Some(&b)) => b,
                    (None, None) => break,
                };
                let a = usize::from(out.get(i) == Some(&v));
                let b = usize::from(inn.get(j) == Some(&v));
                // Skip repeats of v (a multigraph) in both lists.
                while out.get(i) == Some(&v) {
                    i += 1;
                }
                while inn.get(j) == Some(&v) {
                    j += 1;
                }
                if v != u {
                    merged.push((v, (a + b) as f64));
                }
            }
            merged
        })
        .collect();
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    for l in &lists {
        offsets.push(offsets[offsets.len() - 1] + l.len());
    }
    let adj = lists.iter().flatten().map(|e| e.0).collect();
    let w = Some(lists.iter().flatten().map(|e| e.1).collect());
    Simple { offsets, adj, w }
}

/// Mean local clustering over all nodes (zeros included, as NetworkX).
pub fn average_clustering(g: &Graph, weighting: Weighting) -> f64 {
    let c = clustering(g, weighting);
    if c.is_empty() {
        0.0
    } else {
        c.iter().sum::<f64>() / c.len() as f64
    }
}

/// Three times the triangles over the connected triples (global clustering).
pub fn transitivity(g: &Graph) -> f64 {
    let s = simple(g);
    let t = triangles_of(&s);
    let closed: f64 = t.iter().map(|&x| 2.0 * x as f64).sum();
    let triples: f64 = (0..s.len())
        .map(|u| {
            let d = s.degree(u) as f64;
            d * (d - 1.0)
        })
        .sum();
    if closed == 0.0 {
        0.0
    } else {
        closed / triples
    }
}
