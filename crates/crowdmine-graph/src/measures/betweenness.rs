//! Betweenness centrality (Brandes 2001): for every source, shortest paths with their counts
//! ([`Search`]), then dependencies accumulated in reverse order of distance. O(nm) unweighted,
//! O(nm + n² log n) weighted; sources run in parallel, each thread summing into its own vector.
//! The sum over threads is in floating point, so the last bits may differ between thread counts.
//!
//! As NetworkX `betweenness_centrality` / `edge_betweenness_centrality`: endpoints excluded unless
//! asked (then a source gains its reached nodes and every target 1); normalised by
//! 1/((n − 1)(n − 2)) (with endpoints 1/(n(n − 1))) for nodes and 1/(n(n − 1)) for edges, in
//! directed and undirected graphs alike; unnormalised undirected values halved (each pair is seen
//! from both ends). Weights, when used, are lengths. Self-loops never lie on a shortest path.

use super::shortest_paths::{Direction, Search};
use crate::Graph;
use rayon::prelude::*;

/// Options of [`betweenness`] and [`edge_betweenness`] (NetworkX's defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BetweennessParams {
    pub normalized: bool,
    pub endpoints: bool,
    /// Edge weights as lengths (when the graph has them).
    pub weighted: bool,
}

impl Default for BetweennessParams {
    fn default() -> Self {
        BetweennessParams {
            normalized: true,
            endpoints: false,
            weighted: false,
        }
    }
}

/// Runs `visit(search, delta, acc)` after each source's search, on per-thread buffers, and sums
/// the accumulators of length `len`.
fn per_source(
    g: &Graph,
    sources: &[u32],
    weighted: bool,
    len: usize,
    visit: impl Fn(&Search, u32, &mut [f64], &mut [f64]) + Sync,
) -> Vec<f64> {
    let n = g.node_count();
    sources
        .par_iter()
        .fold(
            || (Search::new(n), vec![0.0; n], vec![0.0; len]),
            |(mut search, mut delta, mut acc), &s| {
                search.run(g, s, Direction::Out, weighted);
                visit(&search, s, &mut delta, &mut acc);
                for &v in &search.order {
                    delta[v as usize] = 0.0;
                }
                (search, delta, acc)
            },
        )
        .map(|(_, _, acc)| acc)
        .reduce(
            || vec![0.0; len],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        )
}

/// Calls `f(i, w, c)` for each successor w (the i-th neighbour of v) on a shortest path, with
/// c = σ_v / σ_w · (1 + δ_w), the share of w's dependency that flows through the step v → w.
fn successors(
    g: &Graph,
    search: &Search,
    delta: &[f64],
    v: u32,
    weighted: bool,
    mut f: impl FnMut(usize, f64),
) {
    let (dv, sv) = (search.dist[v as usize], search.sigma[v as usize]);
    let lengths = g.out_weights(v).filter(|_| weighted);
    for (i, &w) in g.out(v).iter().enumerate() {
        let len = lengths.map_or(1.0, |l| l[i]);
        if search.dist[w as usize] == dv + len && w != v {
            f(i, sv / search.sigma[w as usize] * (1.0 + delta[w as usize]));
        }
    }
}

/// Betweenness of every node.
pub fn betweenness(g: &Graph, p: &BetweennessParams) -> Vec<f64> {
    let n = g.node_count();
    let weighted = p.weighted && g.is_weighted();
    let sources: Vec<u32> = (0..n as u32).collect();
    let mut bc = per_source(g, &sources, weighted, n, |search, s, delta, acc| {
        for &v in search.order.iter().rev() {
            let mut d = 0.0;
            successors(g, search, delta, v, weighted, |_, c| d += c);
            delta[v as usize] = d;
            if v != s {
                acc[v as usize] += d + if p.endpoints { 1.0 } else { 0.0 };
            }
        }
        if p.endpoints {
            acc[s as usize] += (search.order.len() - 1) as f64;
        }
    });
    let nf = n as f64;
    let scale = if p.normalized {
        if p.endpoints {
            (n >= 2).then(|| 1.0 / (nf * (nf - 1.0)))
        } else {
            (n > 2).then(|| 1.0 / ((nf - 1.0) * (nf - 2.0)))
        }
    } else {
        (!g.is_directed()).then_some(0.5)
    };
    if let Some(scale) = scale {
        bc.iter_mut().for_each(|x| *x *= scale);
    }
    bc
}

/// Betweenness of every edge, as (source, target, value) in [`Graph::edges`] order (an
/// undirected edge once, source ≤ target). `p.endpoints` does not apply to edges.
pub fn edge_betweenness(g: &Graph, p: &BetweennessParams) -> Vec<(u32, u32, f64)> {
    let n = g.node_count();
    let weighted = p.weighted && g.is_weighted();
    let sources: Vec<u32> = (0..n as u32).collect();
    let entries = g.adjacency_len();
    let per_entry = per_source(g, &sources, weighted, entries, |search, _, delta, acc| {
        for &v in search.order.iter().rev() {
            let start = g.out_start(v);
            let mut d = 0.0;
            successors(g, search, delta, v, weighted, |i, c| {
                acc[start + i] += c;
                d += c;
            });
            delta[v as usize] = d;
        }
    });
    let nf = n as f64;
    let scale = if p.normalized {
        if n > 1 {
            1.0 / (nf * (nf - 1.0))
        } else {
            1.0
        }
    } else if g.is_directed() {
        1.0
    } else {
        0.5
    };
    let mut out = Vec::with_capacity(g.edge_count());
    for u in 0..n as u32 {
        let start = g.out_start(u);
        for (i, &v) in g.out(u).iter().enumerate() {
            if g.is_directed() {
                out.push((u, v, per_entry[start + i] * scale));
            } else if u <= v {
                // Both stored directions of the edge carry flow.
                let back = if u == v {
                    0.0
                } else {
                    let j = g.out(v).binary_search(&u).map_or(0, |j| j);
                    per_entry[g.out_start(v) + j]
                };
                let here = if u == v { 0.0 } else { per_entry[start + i] };
                out.push((u, v, (here + back) * scale));
            }
        }
    }
    out
}
