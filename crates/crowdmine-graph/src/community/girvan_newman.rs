//! Girvan & Newman (2002): remove the edge of highest betweenness, recompute, repeat; each time
//! the graph falls into more components, that is a level of the dendrogram. The level of highest
//! modularity (on the original graph) is the answer. As NetworkX `girvan_newman` with its default
//! edge choice (unweighted edge betweenness; among equal values this takes the edge with the
//! smallest endpoints, NetworkX the first in its edge order). O(m²n), so graphs above
//! [`GirvanNewmanParams::max_edges`] are refused.

use super::{modularity, Partition};
use crate::measures::{edge_betweenness, weak_components, BetweennessParams};
use crate::transform::simple_undirected;
use crate::{BuildOptions, Graph, GraphBuilder, GraphError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GirvanNewmanParams {
    /// Refuse larger graphs (edges of the undirected simple view).
    pub max_edges: usize,
}

impl Default for GirvanNewmanParams {
    fn default() -> Self {
        GirvanNewmanParams { max_edges: 5_000 }
    }
}

/// The dendrogram levels (each a partition with its modularity) and the index of the best.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Dendrogram {
    pub levels: Vec<(Partition, f64)>,
    pub best: usize,
}

fn build(n: usize, edges: &[(u32, u32)]) -> Graph {
    let mut b = GraphBuilder::new(BuildOptions {
        directed: false,
        ..BuildOptions::default()
    });
    b.nodes(n as u32);
    b.extend(edges.iter().map(|&(u, v)| (u, v, 1.0)));
    b.build()
}

/// The Girvan–Newman dendrogram of the undirected simple view of `g`, down to single nodes.
pub fn girvan_newman(g: &Graph, params: &GirvanNewmanParams) -> Result<Dendrogram> {
    let simple = simple_undirected(g);
    let m = simple.edge_count();
    if m > params.max_edges {
        return Err(GraphError::Invalid(format!(
            "Girvan–Newman costs O(m²n): {m} edges is above the limit of {}; use Leiden or \
             Louvain, or raise the limit",
            params.max_edges
        )));
    }
    let n = simple.node_count();
    let mut edges: Vec<(u32, u32)> = simple.edges().map(|(u, v, _)| (u, v)).collect();
    let raw = BetweennessParams {
        normalized: false,
        ..BetweennessParams::default()
    };
    let mut levels = Vec::new();
    let mut components = weak_components(&simple).count();
    let first = Partition::from_labels(weak_components(&simple).of);
    let q = modularity(&simple, &first, 1.0);
    levels.push((first, q));
    while !edges.is_empty() {
        let current = build(n, &edges);
        // The first edge (in edge order) of largest betweenness.
        let scores = edge_betweenness(&current, &raw);
        let mut best = (f64::MIN, (0, 0));
        for (u, v, b) in scores {
            let e = (u.min(v), u.max(v));
            if b > best.0 + 1e-9 * best.0.abs().max(1.0)
                || (b >= best.0 - 1e-9 * best.0.abs().max(1.0) && e < best.1)
            {
                best = (b, e);
            }
        }
        edges.retain(|&e| e != best.1);
        let after = build(n, &edges);
        let c = weak_components(&after);
        if c.count() > components {
            components = c.count();
            let p = Partition::from_labels(c.of);
            let q = modularity(&simple, &p, 1.0);
            levels.push((p, q));
        }
    }
    let best = levels
        .iter()
        .enumerate()
        .max_by(|a, b| a.1 .1.total_cmp(&b.1 .1).then(b.0.cmp(&a.0)))
        .map_or(0, |(i, _)| i);
    Ok(Dendrogram { levels, best })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_cliques_split_first_at_the_bridge() {
        let mut e = Vec::new();
        for c in 0..2u32 {
            for i in 0..5 {
                for j in i + 1..5 {
                    e.push((5 * c + i, 5 * c + j));
                }
            }
        }
        e.push((4, 5));
        let g = build(10, &e);
        let d = girvan_newman(&g, &GirvanNewmanParams::default()).expect("small");
        assert_eq!(d.levels[0].0.count, 1);
        assert_eq!(d.levels[1].0.labels, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
        assert_eq!(d.best, 1);
        assert!((d.levels[1].1 - 19.0 / 42.0).abs() < 1e-12);
        assert_eq!(d.levels.last().map(|l| l.0.count), Some(10));
        let refused = girvan_newman(&g, &GirvanNewmanParams { max_edges: 10 });
        assert!(refused.is_err());
    }
}
