//! Node similarity on the undirected simple view of the graph (directions dropped, self-loops
//! and repeats ignored), as NetworkX's link-prediction functions define it; N(u) is u's
//! neighbour set and d(u) its size.
//!
//! | measure | value |
//! |---|---|
//! | common neighbours | \|N(u) ∩ N(v)\| |
//! | Jaccard | \|N(u) ∩ N(v)\| / \|N(u) ∪ N(v)\| (0 when both are empty) |
//! | cosine (Salton) | \|N(u) ∩ N(v)\| / √(d(u) d(v)) (0 when a degree is 0) |
//! | Adamic–Adar (2003) | Σ over common neighbours w of 1 / ln d(w) |
//! | resource allocation (Zhou, Lü & Zhang 2009) | Σ over common neighbours w of 1 / d(w) |
//! | preferential attachment | d(u) · d(v) |
//! | structural equivalence | Pearson correlation of the adjacency rows of u and v (n columns, no self-loops); NaN when a row is constant |
//!
//! and SimRank (Jeh & Widom 2002), regular equivalence: s(u, v) = C / (d(u) d(v)) Σ s(a, b) over
//! a ∈ N(u), b ∈ N(v), s(u, u) = 1, iterated on dense matrices from the identity, stopping as
//! NetworkX does (every entry within `tolerance` + 10⁻⁵ relative of the previous iteration).
//! Common-neighbour counts come from a sorted-list merge; the top-k of one node looks only at its
//! two-step neighbourhood for the measures that vanish outside it.

use crate::transform::simple_undirected;
use crate::{Graph, GraphError, Result};
use rayon::prelude::*;

/// A similarity measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Similarity {
    CommonNeighbours,
    Jaccard,
    Cosine,
    AdamicAdar,
    ResourceAllocation,
    PreferentialAttachment,
    StructuralEquivalence,
}

/// The graph prepared for similarity queries: the undirected simple view.
#[derive(Debug, Clone)]
pub struct Neighbourhoods {
    g: Graph,
}

impl Neighbourhoods {
    pub fn new(g: &Graph) -> Neighbourhoods {
        Neighbourhoods {
            g: simple_undirected(g),
        }
    }

    pub fn graph(&self) -> &Graph {
        &self.g
    }

    fn degree(&self, u: u32) -> f64 {
        self.g.out(u).len() as f64
    }

    /// Calls `f(w)` for every common neighbour of u and v.
    fn common(&self, u: u32, v: u32, mut f: impl FnMut(u32)) {
        let (a, b) = (self.g.out(u), self.g.out(v));
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    f(a[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
    }

    /// The similarity of u and v.
    pub fn similarity(&self, u: u32, v: u32, kind: Similarity) -> f64 {
        let (du, dv) = (self.degree(u), self.degree(v));
        let mut c = 0.0;
        let mut weighted = 0.0;
        match kind {
            Similarity::AdamicAdar => self.common(u, v, |w| weighted += 1.0 / self.degree(w).ln()),
            Similarity::ResourceAllocation => {
                self.common(u, v, |w| weighted += 1.0 / self.degree(w))
            }
            Similarity::PreferentialAttachment => {}
            _ => self.common(u, v, |_| c += 1.0),
        }
        self.value(kind, du, dv, c, weighted)
    }

    /// The measure from the pair's degrees, common count `c` and degree-weighted sum.
    fn value(&self, kind: Similarity, du: f64, dv: f64, c: f64, weighted: f64) -> f64 {
        let n = self.g.node_count() as f64;
        match kind {
            Similarity::CommonNeighbours => c,
            Similarity::Jaccard => {
                let union = du + dv - c;
                if union > 0.0 {
                    c / union
                } else {
                    0.0
                }
            }
            Similarity::Cosine => {
                if du > 0.0 && dv > 0.0 {
                    c / (du * dv).sqrt()
                } else {
                    0.0
                }
            }
            Similarity::AdamicAdar | Similarity::ResourceAllocation => weighted,
            Similarity::PreferentialAttachment => du * dv,
            Similarity::StructuralEquivalence => {
                let var = |d: f64| n * d - d * d;
                (n * c - du * dv) / (var(du) * var(dv)).sqrt()
            }
        }
    }

    /// The `k` nodes most similar to u (u itself excluded), best first, ties by node id. Nodes
    /// outside u's two-step neighbourhood are considered only where the measure can be non-zero
    /// there (preferential attachment, structural equivalence).
    pub fn most_similar(&self, u: u32, kind: Similarity, k: usize) -> Vec<(u32, f64)> {
        let n = self.g.node_count();
        let mut scored: Vec<(u32, f64)> = match kind {
            Similarity::PreferentialAttachment | Similarity::StructuralEquivalence => (0..n as u32)
                .filter(|&v| v != u)
                .map(|v| (v, self.similarity(u, v, kind)))
                .filter(|(_, s)| !s.is_nan())
                .collect(),
            _ => {
                let mut candidates: Vec<u32> = self
                    .g
                    .out(u)
                    .iter()
                    .flat_map(|&w| self.g.out(w).iter().copied())
                    .filter(|&v| v != u)
                    .collect();
                candidates.sort_unstable();
                candidates.dedup();
                candidates
                    .into_iter()
                    .map(|v| (v, self.similarity(u, v, kind)))
                    .filter(|&(_, s)| s != 0.0)
                    .collect()
            }
        };
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(k);
        scored
    }

    /// Every pair u < v with a non-zero (and, for structural equivalence, defined) similarity,
    /// in order of u, then v. O(n² + Σ d²): for graphs of up to some tens of thousands of nodes.
    pub fn all_pairs(&self, kind: Similarity) -> Vec<(u32, u32, f64)> {
        let n = self.g.node_count() as u32;
        (0..n)
            .into_par_iter()
            .flat_map_iter(|u| {
                (u + 1..n).filter_map(move |v| {
                    let s = self.similarity(u, v, kind);
                    (s != 0.0 && !s.is_nan()).then_some((u, v, s))
                })
            })
            .collect()
    }
}

/// Parameters of [`simrank`] (NetworkX's `simrank_similarity` defaults).
#[derive(Debug, Clone, Copy)]
pub struct SimRankParams {
    /// The decay C.
    pub importance: f64,
    pub max_iterations: usize,
    pub tolerance: f64,
}

impl Default for SimRankParams {
    fn default() -> Self {
        SimRankParams {
            importance: 0.9,
            max_iterations: 1000,
            tolerance: 1e-4,
        }
    }
}

/// Graphs above this many nodes are refused by [`simrank`] (dense n × n matrices).
pub const SIMRANK_MAX_NODES: usize = 5000;

/// All-pairs SimRank as a dense row-major n × n matrix, with the iterations it took. A directed
/// graph uses in-neighbours, as NetworkX.
pub fn simrank(g: &Graph, p: &SimRankParams) -> Result<(Vec<f64>, usize)> {
    let n = g.node_count();
    if n > SIMRANK_MAX_NODES {
        return Err(GraphError::Invalid(format!(
            "SimRank keeps n × n similarities: {n} nodes is above the limit of \
             {SIMRANK_MAX_NODES}; use a local measure (jaccard, adamic-adar, …) or a subgraph"
        )));
    }
    // W: the adjacency with each column divided by its sum (a node's in-neighbours share 1).
    let mut w = vec![0.0f64; n * n];
    for (u, v, x) in g.edges() {
        let (u, v) = (u as usize, v as usize);
        let x = if g.is_weighted() { x } else { 1.0 };
        w[u * n + v] += x;
        if !g.is_directed() && u != v {
            w[v * n + u] += x;
        }
    }
    for col in 0..n {
        let s: f64 = (0..n).map(|r| w[r * n + col]).sum();
        if s != 0.0 {
            (0..n).for_each(|r| w[r * n + col] /= s);
        }
    }
    let mut sim = vec![0.0f64; n * n];
    (0..n).for_each(|i| sim[i * n + i] = 1.0);
    let mut iterations = 0;
    for _ in 0..p.max_iterations {
        iterations += 1;
        // next = C · Wᵀ · S · W, then the diagonal set to 1.
        let ws = mat_tn(&w, &sim, n);
        let mut next = mat_nn(&ws, &w, n);
        next.iter_mut().for_each(|x| *x *= p.importance);
        (0..n).for_each(|i| next[i * n + i] = 1.0);
        let done = sim
            .iter()
            .zip(&next)
            .all(|(a, b)| (a - b).abs() <= p.tolerance + 1e-5 * b.abs());
        sim = next;
        if done {
            break;
        }
    }
    Ok((sim, iterations))
}

/// Aᵀ B for square row-major matrices.
fn mat_tn(a: &[f64], b: &[f64], n: usize) -> Vec<f64> {
    let mut out = vec![0.0; n * n];
    out.par_chunks_mut(n).enumerate().for_each(|(i, row)| {
        for k in 0..n {
            let x = a[k * n + i];
            if x != 0.0 {
                for (o, &y) in row.iter_mut().zip(&b[k * n..(k + 1) * n]) {
                    *o += x * y;
                }
            }
        }
    });
    out
}

/// A B for square row-major matrices.
fn mat_nn(a: &[f64], b: &[f64], n: usize) -> Vec<f64> {
    let mut out = vec![0.0; n * n];
    out.par_chunks_mut(n).enumerate().for_each(|(i, row)| {
        for k in 0..n {
            let x = a[i * n + k];
            if x != 0.0 {
                for (o, &y) in row.iter_mut().zip(&b[k * n..(k + 1) * n]) {
                    *o += x * y;
                }
            }
        }
    });
    out
}
