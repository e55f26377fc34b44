//! Random graphs with a given degree sequence.
//!
//! Configuration model (Bender & Canfield 1978; Molloy & Reed 1995): every node gets as many
//! stubs as its degree, the stubs are shuffled and joined in pairs, O(m). Kept as a multigraph
//! ([`Multi::Keep`], as NetworkX `configuration_model`) it reproduces the degree sequence exactly,
//! a self-loop counting 2; [`Multi::Erase`] merges repeated edges and drops self-loops (as
//! `nx.Graph(G)` with self-loops removed), which lowers some degrees, the hubs' most.
//!
//! Chung–Lu (Chung & Lu 2002), as NetworkX `expected_degree_graph` (Miller & Hagberg 2011):
//! nodes u, v join with probability min(1, w_u w_v / Σw), each pair once; self-loops with
//! probability w_u² / Σw when asked. Expected degrees are w (plus w_u²/Σw from a loop). Nodes are
//! visited in decreasing weight, so a geometric skip jumps over the pairs that fail; O(n + m).
//! One random stream per node keeps the graph independent of the thread count.

use super::build;
use crate::random::Rng;
use crate::{Graph, GraphError, Result};
use rayon::prelude::*;

/// What becomes of repeated edges and self-loops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Multi {
    /// A multigraph: the degree sequence exactly.
    #[default]
    Keep,
    /// A simple graph: repeats merged, self-loops dropped.
    Erase,
}

fn stubs(degrees: &[u32]) -> Vec<u32> {
    let mut s = Vec::with_capacity(degrees.iter().map(|&d| d as usize).sum());
    for (u, &d) in degrees.iter().enumerate() {
        s.extend(std::iter::repeat_n(u as u32, d as usize));
    }
    s
}

/// Undirected configuration model.
pub fn configuration(degrees: &[u32], multi: Multi, seed: u64) -> Result<Graph> {
    let total: u64 = degrees.iter().map(|&d| u64::from(d)).sum();
    if total % 2 == 1 {
        return Err(GraphError::Invalid(format!(
            "the degrees sum to {total}, an odd number: no graph has them"
        )));
    }
    let mut rng = Rng::new(seed);
    let mut s = stubs(degrees);
    rng.shuffle(&mut s);
    let edges = s.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    Ok(build(
        degrees.len() as u32,
        false,
        edges,
        multi == Multi::Keep,
    ))
}

/// Directed configuration model: out-stubs joined to shuffled in-stubs.
pub fn configuration_directed(
    out_degrees: &[u32],
    in_degrees: &[u32],
    multi: Multi,
    seed: u64,
) -> Result<Graph> {
    let (so, si): (u64, u64) = (
        out_degrees.iter().map(|&d| u64::from(d)).sum(),
        in_degrees.iter().map(|&d| u64::from(d)).sum(),
    );
    if so != si || out_degrees.len() != in_degrees.len() {
        return Err(GraphError::Invalid(format!(
            "out-degrees sum to {so} and in-degrees to {si} (over {} and {} nodes): they must match",
            out_degrees.len(),
            in_degrees.len()
        )));
    }
    let mut rng = Rng::new(seed);
    let mut heads = stubs(in_degrees);
    rng.shuffle(&mut heads);
    let edges = stubs(out_degrees).into_iter().zip(heads).collect();
    Ok(build(
        out_degrees.len() as u32,
        true,
        edges,
        multi == Multi::Keep,
    ))
}

/// Chung–Lu with expected degrees `weights`.
pub fn chung_lu(weights: &[f64], self_loops: bool, seed: u64) -> Result<Graph> {
    if weights.iter().any(|w| !w.is_finite() || *w < 0.0) {
        return Err(GraphError::Invalid(
            "expected degrees must be finite and non-negative".into(),
        ));
    }
    let n = weights.len();
    let sum: f64 = weights.iter().sum();
    if sum == 0.0 {
        return Ok(build(n as u32, false, Vec::new(), false));
    }
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| {
        weights[b as usize]
            .total_cmp(&weights[a as usize])
            .then(a.cmp(&b))
    });
    let w: Vec<f64> = order.iter().map(|&u| weights[u as usize]).collect();
    let edges: Vec<(u32, u32)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            let mut rng = Rng::stream(seed, i as u64);
            let factor = w[i] / sum;
            let mut out = Vec::new();
            let mut j = if self_loops { i } else { i + 1 };
            let mut p = if j < n { (w[j] * factor).min(1.0) } else { 0.0 };
            while j < n && p > 0.0 {
                if p < 1.0 {
                    j = j.saturating_add(rng.skip((1.0 - p).ln()) as usize);
                }
                if j >= n {
                    break;
                }
                let q = (w[j] * factor).min(1.0);
                // Accept with q / p: the skip used p, an upper bound for the lighter nodes ahead.
                if rng.f64() < q / p {
                    out.push((order[i], order[j]));
                }
                j += 1;
                p = q;
            }
            out
        })
        .collect();
    let mut b = crate::GraphBuilder::new(crate::BuildOptions {
        directed: false,
        duplicates: crate::Duplicates::Keep,
        self_loops,
        weighted: false,
        signed: false,
    });
    b.nodes(n as u32);
    b.edges = edges.into_iter().map(|(u, v)| (u, v, 1.0)).collect();
    Ok(b.build())
}
