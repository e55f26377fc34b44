//! Immutable CSR graphs with `u32` node ids.
//!
//! Memory: a node costs 8 bytes of out-offsets (and 8 of in-offsets in a directed graph), so at
//! most 16 bytes; a stored adjacency entry costs 4 bytes (plus 8 for its weight when the graph is
//! weighted). A directed graph stores each edge twice (out- and in-adjacency); an undirected graph
//! stores each edge in both endpoints' lists and a self-loop once. External node ids (labels) are
//! kept apart, in [`Graph::labels`]. Neighbour lists are sorted by id, which set intersections
//! (triangles) rely on.

use crate::{GraphData, GraphError, Result};
use rayon::prelude::*;

/// An immutable graph in compressed sparse row form.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    directed: bool,
    out_offsets: Vec<u64>,
    out_targets: Vec<u32>,
    out_weights: Option<Vec<f64>>,
    /// Empty for undirected graphs.
    in_offsets: Vec<u64>,
    in_sources: Vec<u32>,
    in_weights: Option<Vec<f64>>,
    labels: Vec<String>,
}

/// What happens to repeated edges when a graph is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Duplicates {
    /// One edge, weights summed (counts become weights).
    #[default]
    Sum,
    /// Every copy kept (a multigraph).
    Keep,
}

/// Options of [`GraphBuilder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildOptions {
    pub directed: bool,
    pub duplicates: Duplicates,
    pub self_loops: bool,
    /// Keep edge weights (else every edge weighs 1 and no weights are stored).
    pub weighted: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            directed: true,
            duplicates: Duplicates::Sum,
            self_loops: true,
            weighted: false,
        }
    }
}

/// Collects edges, then builds the CSR in parallel (sort, merge, prefix sums).
#[derive(Debug, Clone, Default)]
pub struct GraphBuilder {
    opts: BuildOptions,
    n: u32,
    pub(crate) edges: Vec<(u32, u32, f64)>,
    labels: Vec<String>,
}

impl GraphBuilder {
    pub fn new(opts: BuildOptions) -> GraphBuilder {
        GraphBuilder {
            opts,
            ..GraphBuilder::default()
        }
    }

    /// Ensures nodes `0..n` exist.
    pub fn nodes(&mut self, n: u32) -> &mut Self {
        self.n = self.n.max(n);
        self
    }

    /// External ids of the nodes, by index.
    pub fn labels(&mut self, labels: Vec<String>) -> &mut Self {
        self.n = self.n.max(labels.len() as u32);
        self.labels = labels;
        self
    }

    pub fn edge(&mut self, u: u32, v: u32, w: f64) -> &mut Self {
        self.n = self.n.max(u.max(v) + 1);
        self.edges.push((u, v, w));
        self
    }

    pub fn extend(&mut self, edges: impl IntoIterator<Item = (u32, u32, f64)>) -> &mut Self {
        for (u, v, w) in edges {
            self.edge(u, v, w);
        }
        self
    }

    pub fn build(self) -> Graph {
        let GraphBuilder {
            opts,
            n,
            mut edges,
            mut labels,
        } = self;
        if !opts.self_loops {
            edges.retain(|e| e.0 != e.1);
        }
        if !opts.directed {
            // Each undirected edge once, as (min, max), before merging duplicates.
            edges.par_iter_mut().for_each(|e| {
                if e.0 > e.1 {
                    std::mem::swap(&mut e.0, &mut e.1);
                }
            });
        }
        sort_edges(n, &mut edges);
        if opts.duplicates == Duplicates::Sum {
            edges.dedup_by(|next, kept| {
                if next.0 == kept.0 && next.1 == kept.1 {
                    kept.2 += next.2;
                    true
                } else {
                    false
                }
            });
        }
        if labels.len() < n as usize {
            let start = labels.len();
            labels.extend((start..n as usize).map(|i| i.to_string()));
        }
        let weighted = opts.weighted;
        if opts.directed {
            let (out_offsets, out_targets, out_weights) = csr(n, &edges, weighted, false);
            let (in_offsets, in_sources, in_weights) = csr(n, &edges, weighted, true);
            Graph {
                directed: true,
                out_offsets,
                out_targets,
                out_weights,
                in_offsets,
                in_sources,
                in_weights,
                labels,
            }
        } else {
            // Both directions; a self-loop once.
            let mut both: Vec<(u32, u32, f64)> = Vec::with_capacity(edges.len() * 2);
            for &(u, v, w) in &edges {
                both.push((u, v, w));
                if u != v {
                    both.push((v, u, w));
                }
            }
            sort_edges(n, &mut both);
            let (out_offsets, out_targets, out_weights) = csr(n, &both, weighted, false);
            Graph {
                directed: false,
                out_offsets,
                out_targets,
                out_weights,
                in_offsets: Vec::new(),
                in_sources: Vec::new(),
                in_weights: None,
                labels,
            }
        }
    }
}

/// Sorts edges by (source, target): a counting sort by source (O(m), no comparisons), then each
/// source's run sorted by target in parallel — several times faster than a comparison sort of all
/// the edges, since runs are short. Stable within equal (source, target), so merged weights are
/// summed in input order.
fn sort_edges(n: u32, edges: &mut Vec<(u32, u32, f64)>) {
    let mut start = vec![0usize; n as usize + 1];
    for e in edges.iter() {
        start[e.0 as usize + 1] += 1;
    }
    for i in 0..n as usize {
        start[i + 1] += start[i];
    }
    let mut sorted = vec![(0u32, 0u32, 0f64); edges.len()];
    for e in edges.iter() {
        let slot = &mut start[e.0 as usize];
        sorted[*slot] = *e;
        *slot += 1;
    }
    sorted
        .par_chunk_by_mut(|a, b| a.0 == b.0)
        .for_each(|run| run.sort_by_key(|e| e.1));
    *edges = sorted;
}

/// CSR arrays of `edges` (sorted by source, then target) by source, or by target when `by_target`.
fn csr(
    n: u32,
    edges: &[(u32, u32, f64)],
    weighted: bool,
    by_target: bool,
) -> (Vec<u64>, Vec<u32>, Option<Vec<f64>>) {
    let mut offsets = vec![0u64; n as usize + 1];
    for e in edges {
        let key = if by_target { e.1 } else { e.0 };
        offsets[key as usize + 1] += 1;
    }
    for i in 0..n as usize {
        offsets[i + 1] += offsets[i];
    }
    let mut adj = vec![0u32; edges.len()];
    let mut weights = if weighted {
        Some(vec![0f64; edges.len()])
    } else {
        None
    };
    if by_target {
        // Edges are sorted by source: filling in that order keeps each in-list sorted.
        let mut next: Vec<u64> = offsets[..n as usize].to_vec();
        for &(u, v, w) in edges {
            let slot = next[v as usize] as usize;
            next[v as usize] += 1;
            adj[slot] = u;
            if let Some(ws) = weights.as_mut() {
                ws[slot] = w;
            }
        }
    } else {
        for (i, &(_, v, w)) in edges.iter().enumerate() {
            adj[i] = v;
            if let Some(ws) = weights.as_mut() {
                ws[i] = w;
            }
        }
    }
    (offsets, adj, weights)
}

impl Graph {
    /// Builds a graph from file data: nodes in file order, edges with their weights.
    pub fn from_data(data: &GraphData, opts: BuildOptions) -> Result<Graph> {
        if data.nodes.len() > u32::MAX as usize - 1 {
            return Err(GraphError::Invalid("more than 2^32 - 1 nodes".into()));
        }
        let mut b = GraphBuilder::new(BuildOptions {
            weighted: opts.weighted || data.edges.iter().any(|e| e.weight.is_some()),
            ..opts
        });
        b.labels(data.nodes.iter().map(|n| n.id.clone()).collect());
        for e in &data.edges {
            if e.source >= data.nodes.len() || e.target >= data.nodes.len() {
                return Err(GraphError::Invalid(
                    "an edge names a node that does not exist".into(),
                ));
            }
            b.edge(e.source as u32, e.target as u32, e.weight.unwrap_or(1.0));
        }
        Ok(b.build())
    }

    pub fn is_directed(&self) -> bool {
        self.directed
    }

    pub fn is_weighted(&self) -> bool {
        self.out_weights.is_some()
    }

    pub fn node_count(&self) -> usize {
        self.out_offsets.len().saturating_sub(1)
    }

    /// Edges: a directed edge once; an undirected edge once (a self-loop once).
    pub fn edge_count(&self) -> usize {
        if self.directed {
            self.out_targets.len()
        } else {
            let loops = (0..self.node_count() as u32)
                .map(|u| self.out(u).iter().filter(|&&v| v == u).count())
                .sum::<usize>();
            (self.out_targets.len() - loops) / 2 + loops
        }
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn label(&self, u: u32) -> &str {
        self.labels.get(u as usize).map_or("", String::as_str)
    }

    fn range(offsets: &[u64], u: u32) -> std::ops::Range<usize> {
        offsets[u as usize] as usize..offsets[u as usize + 1] as usize
    }

    /// Out-neighbours (all neighbours in an undirected graph), sorted.
    pub fn out(&self, u: u32) -> &[u32] {
        &self.out_targets[Self::range(&self.out_offsets, u)]
    }

    /// Weights of [`Graph::out`] (`None` when unweighted: every weight is 1).
    pub fn out_weights(&self, u: u32) -> Option<&[f64]> {
        let r = Self::range(&self.out_offsets, u);
        self.out_weights.as_ref().map(|w| &w[r])
    }

    /// In-neighbours (all neighbours in an undirected graph), sorted.
    pub fn inn(&self, u: u32) -> &[u32] {
        if self.directed {
            &self.in_sources[Self::range(&self.in_offsets, u)]
        } else {
            self.out(u)
        }
    }

    pub fn in_weights(&self, u: u32) -> Option<&[f64]> {
        if self.directed {
            let r = Self::range(&self.in_offsets, u);
            self.in_weights.as_ref().map(|w| &w[r])
        } else {
            self.out_weights(u)
        }
    }

    /// Edges as (source, target, weight), each undirected edge once with source ≤ target.
    pub fn edges(&self) -> impl Iterator<Item = (u32, u32, f64)> + '_ {
        (0..self.node_count() as u32).flat_map(move |u| {
            let w = self.out_weights(u);
            self.out(u)
                .iter()
                .enumerate()
                .filter(move |(_, &v)| self.directed || u <= v)
                .map(move |(i, &v)| (u, v, w.map_or(1.0, |w| w[i])))
        })
    }

    /// The same graph with every edge reversed (an undirected graph is its own reverse).
    pub fn reverse(&self) -> Graph {
        if !self.directed {
            return self.clone();
        }
        Graph {
            directed: true,
            out_offsets: self.in_offsets.clone(),
            out_targets: self.in_sources.clone(),
            out_weights: self.in_weights.clone(),
            in_offsets: self.out_offsets.clone(),
            in_sources: self.out_targets.clone(),
            in_weights: self.out_weights.clone(),
            labels: self.labels.clone(),
        }
    }

    /// The undirected graph with an edge wherever either direction exists; weights of the two
    /// directions are summed (as NetworkX's `to_undirected` would keep one; summing is stated).
    pub fn to_undirected(&self) -> Graph {
        let mut b = GraphBuilder::new(BuildOptions {
            directed: false,
            duplicates: Duplicates::Sum,
            self_loops: true,
            weighted: self.is_weighted(),
        });
        b.labels(self.labels.clone());
        b.edges = self.edges().collect();
        b.build()
    }

    /// The subgraph induced by `keep` (node ids of this graph), renumbered in the order given.
    pub fn induced(&self, keep: &[u32]) -> Graph {
        let mut map = vec![u32::MAX; self.node_count()];
        for (i, &u) in keep.iter().enumerate() {
            map[u as usize] = i as u32;
        }
        let mut b = GraphBuilder::new(BuildOptions {
            directed: self.directed,
            duplicates: Duplicates::Keep,
            self_loops: true,
            weighted: self.is_weighted(),
        });
        b.labels(keep.iter().map(|&u| self.label(u).to_string()).collect());
        b.edges = self
            .edges()
            .filter_map(|(u, v, w)| {
                let (a, c) = (map[u as usize], map[v as usize]);
                (a != u32::MAX && c != u32::MAX).then_some((a, c, w))
            })
            .collect();
        b.build()
    }

    /// Out-degree (degree when undirected; a self-loop counts twice there, as in NetworkX).
    pub fn out_degree(&self, u: u32) -> usize {
        let adj = self.out(u);
        if self.directed {
            adj.len()
        } else {
            adj.len() + adj.binary_search(&u).map_or(0, |_| 1)
        }
    }

    pub fn in_degree(&self, u: u32) -> usize {
        if self.directed {
            self.inn(u).len()
        } else {
            self.out_degree(u)
        }
    }

    /// Total degree: in + out for a directed graph (a self-loop counts twice).
    pub fn degree(&self, u: u32) -> usize {
        if self.directed {
            self.out_degree(u) + self.in_degree(u)
        } else {
            self.out_degree(u)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(directed: bool, edges: &[(u32, u32)]) -> Graph {
        let mut b = GraphBuilder::new(BuildOptions {
            directed,
            ..BuildOptions::default()
        });
        b.extend(edges.iter().map(|&(u, v)| (u, v, 1.0)));
        b.build()
    }

    #[test]
    fn directed_csr() {
        let g = build(true, &[(0, 1), (0, 2), (2, 0), (0, 1), (3, 3)]);
        assert_eq!(g.node_count(), 4);
        assert_eq!(g.edge_count(), 4);
        assert_eq!(g.out(0), &[1, 2]);
        assert_eq!(g.inn(0), &[2]);
        assert_eq!(g.inn(3), &[3]);
        assert_eq!(g.degree(3), 2);
        assert_eq!(g.reverse().out(0), &[2]);
    }

    #[test]
    fn undirected_csr_with_a_loop() {
        let g = build(false, &[(1, 0), (0, 1), (1, 2), (2, 2)]);
        assert_eq!(g.edge_count(), 3);
        assert_eq!(g.out(1), &[0, 2]);
        assert_eq!(g.out(2), &[1, 2]);
        assert_eq!(g.degree(2), 3);
        let e: Vec<_> = g.edges().collect();
        assert_eq!(e, vec![(0, 1, 1.0), (1, 2, 1.0), (2, 2, 1.0)]);
    }

    #[test]
    fn weights_sum_and_induced() {
        let mut b = GraphBuilder::new(BuildOptions {
            directed: false,
            weighted: true,
            ..BuildOptions::default()
        });
        b.extend([(0, 1, 2.0), (1, 0, 3.0), (1, 2, 1.0)]);
        let g = b.build();
        assert_eq!(g.out_weights(0), Some(&[5.0][..]));
        let s = g.induced(&[2, 1]);
        assert_eq!(s.labels(), &["2".to_string(), "1".to_string()]);
        assert_eq!(s.out(0), &[1]);
        assert_eq!(s.out_weights(1), Some(&[1.0][..]));
    }
}
