//! Preferential attachment.
//!
//! Barabási & Albert 1999, as NetworkX `barabasi_albert_graph`: a star of m + 1 nodes, then each
//! new node joins m distinct earlier nodes drawn with probability proportional to their degree.
//! Degree-proportional draws are uniform draws from the list of edge endpoints (Batagelj &
//! Brandes 2005), so the whole graph costs O(n m); repeats among one node's m targets are drawn
//! again. m(n − m) edges, degree exponent 3.
//!
//! Directed preferential attachment (Price 1965 in the form of Dorogovtsev, Mendes & Samukhin
//! 2000): each new node cites m distinct earlier nodes (fewer while fewer exist), each drawn with
//! probability proportional to its in-degree + a; in-degree exponent 2 + a/m.

use super::build;
use crate::random::Rng;
use crate::{Graph, GraphError, Result};

/// Barabási–Albert: n nodes, m edges per new node.
pub fn barabasi_albert(n: u32, m: u32, seed: u64) -> Result<Graph> {
    if m < 1 || m >= n {
        return Err(GraphError::Invalid(format!(
            "Barabási–Albert needs 1 ≤ m < n (m = {m}, n = {n})"
        )));
    }
    let mut rng = Rng::new(seed);
    let mut edges: Vec<(u32, u32)> = Vec::with_capacity(m as usize * (n - m) as usize);
    // Every edge's two ends: a node appears once per unit of degree.
    let mut ends: Vec<u32> = Vec::with_capacity(2 * m as usize * (n - m) as usize);
    for v in 1..=m {
        edges.push((0, v));
        ends.extend([0, v]);
    }
    let mut targets: Vec<u32> = Vec::with_capacity(m as usize);
    for u in m + 1..n {
        targets.clear();
        while targets.len() < m as usize {
            let t = ends[rng.index(ends.len())];
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
        for &t in &targets {
            edges.push((u, t));
            ends.extend([u, t]);
        }
    }
    Ok(build(n, false, edges, false))
}

/// Directed preferential attachment: n nodes, m citations per new node, attractiveness a > 0.
pub fn price(n: u32, m: u32, a: f64, seed: u64) -> Result<Graph> {
    if m < 1 || a <= 0.0 {
        return Err(GraphError::Invalid(format!(
            "directed preferential attachment needs m ≥ 1 and a > 0 (m = {m}, a = {a})"
        )));
    }
    let mut rng = Rng::new(seed);
    let mut edges: Vec<(u32, u32)> = Vec::with_capacity(m as usize * n as usize);
    // The target of every edge so far: a node appears once per unit of in-degree.
    let mut cited: Vec<u32> = Vec::with_capacity(m as usize * n as usize);
    let mut targets: Vec<u32> = Vec::with_capacity(m as usize);
    for u in 1..n {
        targets.clear();
        let want = m.min(u) as usize;
        let total = cited.len() as f64 + a * f64::from(u);
        while targets.len() < want {
            let r = rng.f64() * total;
            let t = if r < cited.len() as f64 {
                cited[(r as usize).min(cited.len() - 1)]
            } else {
                rng.below(u64::from(u)) as u32
            };
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
        for &t in &targets {
            edges.push((u, t));
            cited.push(t);
        }
    }
    Ok(build(n, true, edges, false))
}
