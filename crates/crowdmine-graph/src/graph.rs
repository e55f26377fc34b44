//! Immutable CSR graphs with `u32` node ids.
//!
//! Memory: a node costs 8 bytes of out-offsets (and 8 of in-offsets in a directed graph), so at
//! most 16 bytes; a stored adjacency entry costs 4 bytes (plus 8 for its weight when the graph is
//! weighted, and 1 for its sign when it is signed). A directed graph stores each edge twice (out- and in-adjacency); an undirected graph
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
    /// Signed graphs: −1, 0 (opposite signs merged to nothing) or +1 per adjacency entry.
    out_signs: Option<Vec<i8>>,
    in_signs: Option<Vec<i8>>,
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
    /// Keep edge signs: an edge's sign is the sign of its value (of the summed values when
    /// duplicates are merged, so +1 and −1 merge to 0). Trust/distrust, like/dislike.
    pub signed: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            directed: true,
            duplicates: Duplicates::Sum,
            self_loops: true,
            weighted: false,
            signed: false,
        }
    }
}

/// Collects edges, then builds the CSR (counting scatter, lists sorted and merged in parallel).
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
        if labels.len() < n as usize {
            let start = labels.len();
            labels.extend((start..n as usize).map(|i| i.to_string()));
        }
        let merge = opts.duplicates == Duplicates::Sum;
        // Signs come from the (merged) values, so a signed graph is built with its values.
        let valued = opts.weighted || opts.signed;
        let (out_offsets, out_targets, out_values) = csr(n, &edges, !opts.directed, valued, merge);
        drop(edges);
        let (in_offsets, in_sources, in_values) = if opts.directed {
            transpose(n, &out_offsets, &out_targets, out_values.as_deref())
        } else {
            (Vec::new(), Vec::new(), None)
        };
        let signs = |values: &Option<Vec<f64>>| {
            values
                .as_ref()
                .filter(|_| opts.signed)
                .map(|v| v.iter().map(|&x| sign(x)).collect())
        };
        let (out_signs, in_signs) = (signs(&out_values), signs(&in_values));
        let keep = |values: Option<Vec<f64>>| values.filter(|_| opts.weighted);
        Graph {
            directed: opts.directed,
            out_offsets,
            out_targets,
            out_weights: keep(out_values),
            in_offsets,
            in_sources,
            in_weights: keep(in_values),
            out_signs,
            in_signs,
            labels,
        }
    }
}

/// −1, 0 or +1.
fn sign(x: f64) -> i8 {
    if x > 0.0 {
        1
    } else if x < 0.0 {
        -1
    } else {
        0
    }
}

type Csr = (Vec<u64>, Vec<u32>, Option<Vec<f64>>);

/// CSR by source of `edges` (in both directions when `both`, a self-loop once): one counting
/// scatter in input order, then every list sorted by target in parallel — lists are short, so
/// this beats sorting all edges — and, with `merge`, repeated targets merged by summing weights.
/// The sort is stable, so merged weights are summed in input order on every thread count.
fn csr(n: u32, edges: &[(u32, u32, f64)], both: bool, weighted: bool, merge: bool) -> Csr {
    let mut offsets = vec![0u64; n as usize + 1];
    for &(u, v, _) in edges {
        offsets[u as usize + 1] += 1;
        if both && u != v {
            offsets[v as usize + 1] += 1;
        }
    }
    for i in 0..n as usize {
        offsets[i + 1] += offsets[i];
    }
    let total = offsets[n as usize] as usize;
    if weighted {
        let mut adj = vec![(0u32, 0f64); total];
        scatter(edges, both, &offsets, &mut adj, |v, w| (v, w));
        let offsets = sort_lists(&mut adj, offsets, |list| {
            list.sort_by_key(|e| e.0);
            if merge {
                dedup(list, |a, b| a.0 == b.0, |kept, next| kept.1 += next.1)
            } else {
                list.len()
            }
        });
        let (targets, weights) = adj.into_iter().unzip();
        (offsets, targets, Some(weights))
    } else {
        let mut adj = vec![0u32; total];
        scatter(edges, both, &offsets, &mut adj, |v, _| v);
        let offsets = sort_lists(&mut adj, offsets, |list| {
            list.sort_unstable();
            if merge {
                dedup(list, |a, b| a == b, |_, _| {})
            } else {
                list.len()
            }
        });
        (offsets, adj, None)
    }
}

/// Places every edge's target (and, when `both`, its source) in its source's list, in input order.
fn scatter<T>(
    edges: &[(u32, u32, f64)],
    both: bool,
    offsets: &[u64],
    adj: &mut [T],
    entry: impl Fn(u32, f64) -> T,
) {
    let mut next: Vec<u64> = offsets[..offsets.len() - 1].to_vec();
    for &(u, v, w) in edges {
        adj[next[u as usize] as usize] = entry(v, w);
        next[u as usize] += 1;
        if both && u != v {
            adj[next[v as usize] as usize] = entry(u, w);
            next[v as usize] += 1;
        }
    }
}

/// Runs `fix` on every list of a CSR in parallel; `fix` returns how many of its elements to keep
/// (at the front). Kept elements are moved together and the offsets returned for them.
fn sort_lists<T: Copy + Send>(
    adj: &mut Vec<T>,
    offsets: Vec<u64>,
    fix: impl Fn(&mut [T]) -> usize + Sync,
) -> Vec<u64> {
    let mut lists = Vec::with_capacity(offsets.len().saturating_sub(1));
    let mut rest: &mut [T] = adj;
    for w in offsets.windows(2) {
        let (head, tail) = rest.split_at_mut((w[1] - w[0]) as usize);
        lists.push(head);
        rest = tail;
    }
    let kept: Vec<usize> = lists.into_par_iter().map(&fix).collect();
    if kept
        .iter()
        .zip(offsets.windows(2))
        .all(|(&k, w)| k as u64 == w[1] - w[0])
    {
        return offsets;
    }
    let mut compact = Vec::with_capacity(offsets.len());
    compact.push(0u64);
    let mut end = 0usize;
    for (k, w) in kept.iter().zip(offsets.windows(2)) {
        adj.copy_within(w[0] as usize..w[0] as usize + k, end);
        end += k;
        compact.push(end as u64);
    }
    adj.truncate(end);
    compact
}

/// Merges runs of equal neighbours of a sorted list into their first element; the new length.
fn dedup<T: Copy>(
    list: &mut [T],
    same: impl Fn(&T, &T) -> bool,
    mut add: impl FnMut(&mut T, &T),
) -> usize {
    if list.is_empty() {
        return 0;
    }
    let mut k = 0;
    for i in 1..list.len() {
        let next = list[i];
        if same(&list[k], &next) {
            add(&mut list[k], &next);
        } else {
            k += 1;
            list[k] = next;
        }
    }
    k + 1
}

/// The in-adjacency of a directed CSR. Sources are visited in ascending order, so every in-list
/// comes out sorted.
fn transpose(n: u32, offsets: &[u64], targets: &[u32], weights: Option<&[f64]>) -> Csr {
    let mut in_offsets = vec![0u64; n as usize + 1];
    for &v in targets {
        in_offsets[v as usize + 1] += 1;
    }
    for i in 0..n as usize {
        in_offsets[i + 1] += in_offsets[i];
    }
    let mut next: Vec<u64> = in_offsets[..n as usize].to_vec();
    let mut sources = vec![0u32; targets.len()];
    let mut in_weights = weights.map(|_| vec![0f64; targets.len()]);
    for u in 0..n as usize {
        for i in offsets[u] as usize..offsets[u + 1] as usize {
            let v = targets[i] as usize;
            let slot = next[v] as usize;
            next[v] += 1;
            sources[slot] = u as u32;
            if let (Some(iw), Some(w)) = (in_weights.as_mut(), weights) {
                iw[slot] = w[i];
            }
        }
    }
    (in_offsets, sources, in_weights)
}

impl Graph {
    /// Builds a graph from file data: nodes in file order, edges with their weights. A signed
    /// graph takes each edge's sign from its `sign` attribute, else from its weight's sign.
    pub fn from_data(data: &GraphData, opts: BuildOptions) -> Result<Graph> {
        if data.nodes.len() > u32::MAX as usize - 1 {
            return Err(GraphError::Invalid("more than 2^32 - 1 nodes".into()));
        }
        // Weights in the data are kept, unless they only carry the signs of a signed graph.
        let has_weights = data.edges.iter().any(|e| e.weight.is_some());
        let has_signs = data.edges.iter().any(|e| e.attrs.contains_key("sign"));
        let mut b = GraphBuilder::new(BuildOptions {
            weighted: opts.weighted || (has_weights && (!opts.signed || has_signs)),
            ..opts
        });
        let sign_of = |e: &crate::EdgeData| -> Result<f64> {
            let attr = e.attrs.get("sign").map(|a| a.as_f64().ok_or(a));
            match (attr, e.weight) {
                (Some(Ok(s)), Some(w)) => Ok(sign(s) as f64 * w.abs()),
                (Some(Ok(s)), None) => Ok(s),
                (None, Some(w)) => Ok(w),
                (Some(Err(a)), _) => Err(GraphError::Invalid(format!(
                    "edge sign {} is not a number",
                    a.to_text()
                ))),
                (None, None) => Err(GraphError::Invalid(
                    "a signed graph needs a sign (a `sign` attribute or column) or a signed \
                     weight on every edge"
                        .into(),
                )),
            }
        };
        b.labels(data.nodes.iter().map(|n| n.id.clone()).collect());
        for e in &data.edges {
            if e.source >= data.nodes.len() || e.target >= data.nodes.len() {
                return Err(GraphError::Invalid(
                    "an edge names a node that does not exist".into(),
                ));
            }
            let value = if opts.signed {
                sign_of(e)?
            } else {
                e.weight.unwrap_or(1.0)
            };
            b.edge(e.source as u32, e.target as u32, value);
        }
        Ok(b.build())
    }

    pub fn is_directed(&self) -> bool {
        self.directed
    }

    pub fn is_weighted(&self) -> bool {
        self.out_weights.is_some()
    }

    pub fn is_signed(&self) -> bool {
        self.out_signs.is_some()
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

    /// Where `u`'s out-list starts among all stored adjacency entries (for per-entry arrays).
    pub fn out_start(&self, u: u32) -> usize {
        self.out_offsets[u as usize] as usize
    }

    /// Stored out-adjacency entries (an undirected edge twice, a self-loop once).
    pub fn adjacency_len(&self) -> usize {
        self.out_targets.len()
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

    /// Signs of [`Graph::out`] (`None` when the graph is not signed).
    pub fn out_signs(&self, u: u32) -> Option<&[i8]> {
        let r = Self::range(&self.out_offsets, u);
        self.out_signs.as_ref().map(|s| &s[r])
    }

    pub fn in_signs(&self, u: u32) -> Option<&[i8]> {
        if self.directed {
            let r = Self::range(&self.in_offsets, u);
            self.in_signs.as_ref().map(|s| &s[r])
        } else {
            self.out_signs(u)
        }
    }

    /// Edges as (source, target, value), each undirected edge once with source ≤ target. The
    /// value is the weight (signed in a signed graph), else the sign, else 1.
    pub fn edges(&self) -> impl Iterator<Item = (u32, u32, f64)> + '_ {
        (0..self.node_count() as u32).flat_map(move |u| {
            let (w, s) = (self.out_weights(u), self.out_signs(u));
            self.out(u)
                .iter()
                .enumerate()
                .filter(move |(_, &v)| self.directed || u <= v)
                .map(move |(i, &v)| {
                    let value = match (w, s) {
                        (Some(w), _) => w[i],
                        (None, Some(s)) => f64::from(s[i]),
                        (None, None) => 1.0,
                    };
                    (u, v, value)
                })
        })
    }

    /// The graph as file data: nodes labelled, edges with their weights (and a `sign` attribute
    /// when signed), ready for any format's writer.
    pub fn to_data(&self) -> GraphData {
        let nodes = (0..self.node_count() as u32)
            .map(|u| crate::NodeData {
                id: self.label(u).to_string(),
                attrs: crate::Attrs::new(),
            })
            .collect();
        let edges = (0..self.node_count() as u32)
            .flat_map(|u| {
                let (w, s) = (self.out_weights(u), self.out_signs(u));
                self.out(u)
                    .iter()
                    .enumerate()
                    .filter(move |(_, &v)| self.directed || u <= v)
                    .map(move |(i, &v)| {
                        let mut attrs = crate::Attrs::new();
                        if let Some(s) = s {
                            attrs.insert("sign".into(), crate::AttrValue::Int(i64::from(s[i])));
                        }
                        crate::EdgeData {
                            source: u as usize,
                            target: v as usize,
                            weight: w.map(|w| w[i]),
                            attrs,
                        }
                    })
            })
            .collect();
        GraphData {
            directed: self.directed,
            nodes,
            edges,
            attrs: crate::Attrs::new(),
        }
    }

    /// Build options that keep this graph's kind: direction, weights and signs.
    pub(crate) fn same_kind(&self, directed: bool, duplicates: Duplicates) -> BuildOptions {
        BuildOptions {
            directed,
            duplicates,
            self_loops: true,
            weighted: self.is_weighted(),
            signed: self.is_signed(),
        }
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
            out_signs: self.in_signs.clone(),
            in_signs: self.out_signs.clone(),
            labels: self.labels.clone(),
        }
    }

    /// The undirected graph with an edge wherever either direction exists; weights of the two
    /// directions are summed (as NetworkX's `to_undirected` would keep one; summing is stated),
    /// and so are signs: +1 and −1 give 0.
    pub fn to_undirected(&self) -> Graph {
        let mut b = GraphBuilder::new(self.same_kind(false, Duplicates::Sum));
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
        let mut b = GraphBuilder::new(self.same_kind(self.directed, Duplicates::Keep));
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
    fn signs_merge_by_sum_and_survive_transforms() {
        let mut b = GraphBuilder::new(BuildOptions {
            directed: true,
            signed: true,
            ..BuildOptions::default()
        });
        // 0→1 trusted twice and distrusted once (+1); 1→0 distrust; 1→2 trust then distrust (0).
        b.extend([
            (0, 1, 1.0),
            (0, 1, 1.0),
            (0, 1, -1.0),
            (1, 0, -1.0),
            (1, 2, 1.0),
            (1, 2, -1.0),
        ]);
        let g = b.build();
        assert!(g.is_signed() && !g.is_weighted());
        assert_eq!(g.out_signs(0), Some(&[1][..]));
        assert_eq!(g.out_signs(1), Some(&[-1, 0][..]));
        assert_eq!(g.in_signs(0), Some(&[-1][..]));
        assert_eq!(g.reverse().out_signs(0), Some(&[-1][..]));
        // Both directions of 0–1 summed: +1 − 1 = 0.
        let u = g.to_undirected();
        assert_eq!(u.out_signs(0), Some(&[0][..]));
        let s = g.induced(&[1, 2]);
        assert_eq!(s.out_signs(0), Some(&[0][..]));
        let e: Vec<_> = g.edges().collect();
        assert_eq!(e, vec![(0, 1, 1.0), (1, 0, -1.0), (1, 2, 0.0)]);
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
