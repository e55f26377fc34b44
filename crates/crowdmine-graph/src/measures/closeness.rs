//! Closeness (Bavelas 1950; for disconnected graphs the Wasserman & Faust 1994 correction) and
//! harmonic centrality (Marchiori & Latora 2000), one shortest-path search per node, in parallel.
//!
//! As NetworkX `closeness_centrality` (wf_improved) and `harmonic_centrality`: in a directed graph
//! both use the distances *to* a node ([`Direction::In`], NetworkX's convention); igraph's
//! default is the distances *from* it ([`Direction::Out`]). Closeness of u with r other nodes
//! reachable at total distance D is (r / D) · (r / (n − 1)), 0 when nothing is reachable; harmonic
//! centrality is Σ 1/d over the other nodes. Weights, when used, are lengths.

use super::shortest_paths::{Direction, Search};
use crate::Graph;
use rayon::prelude::*;

fn per_node(
    g: &Graph,
    dir: Direction,
    weighted: bool,
    f: impl Fn(&Search) -> f64 + Sync,
) -> Vec<f64> {
    let n = g.node_count();
    (0..n as u32)
        .into_par_iter()
        .map_init(
            || Search::new(n),
            |search, u| {
                search.run(g, u, dir, weighted);
                f(search)
            },
        )
        .collect()
}

/// Closeness of every node, Wasserman–Faust corrected (NetworkX's `wf_improved=True`).
pub fn closeness(g: &Graph, dir: Direction, weighted: bool) -> Vec<f64> {
    let n = g.node_count();
    per_node(g, dir, weighted && g.is_weighted(), |s| {
        let reached = (s.order.len() - 1) as f64;
        let total: f64 = s.order.iter().map(|&v| s.dist[v as usize]).sum();
        if total > 0.0 && n > 1 {
            (reached / total) * (reached / (n - 1) as f64)
        } else {
            0.0
        }
    })
}

/// Harmonic centrality of every node.
pub fn harmonic(g: &Graph, dir: Direction, weighted: bool) -> Vec<f64> {
    per_node(g, dir, weighted && g.is_weighted(), |s| {
        s.order
            .iter()
            .map(|&v| s.dist[v as usize])
            .filter(|&d| d > 0.0)
            .map(|d| 1.0 / d)
            .sum()
    })
}
