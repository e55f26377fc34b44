//! Small-world graphs: Watts & Strogatz 1998 (a ring lattice whose edges are rewired with
//! probability p) and Newman & Watts 1999 (the lattice kept, a shortcut added per edge with
//! probability p), following NetworkX's `watts_strogatz_graph` and `newman_watts_strogatz_graph`:
//! each node joins its k/2 nearest neighbours on each side (k rounded down to even); rewiring goes
//! lattice distance by distance, node by node; a new end is drawn uniformly among the nodes that
//! are neither the node itself nor already its neighbours, and a node already joined to all
//! others is left alone. O(n k), sequential (each draw depends on the edges so far).

use super::build;
use crate::random::Rng;
use crate::{Graph, GraphError, Result};
use rustc_hash::FxHashSet;

fn key(u: u32, v: u32) -> u64 {
    (u64::from(u.min(v)) << 32) | u64::from(u.max(v))
}

fn check(n: u32, k: u32, p: f64) -> Result<()> {
    if !(0.0..=1.0).contains(&p) {
        return Err(GraphError::Invalid(format!("p = {p} is not a probability")));
    }
    if k >= n {
        return Err(GraphError::Invalid(format!(
            "k = {k} must be smaller than n = {n}"
        )));
    }
    Ok(())
}

/// The ring lattice: edges (u, u + j) for j = 1..=k/2, by distance then node.
fn lattice(n: u32, k: u32) -> Vec<(u32, u32)> {
    (1..=k / 2)
        .flat_map(|j| (0..n).map(move |u| (u, (u + j) % n)))
        .collect()
}

/// A node w ≠ u not joined to u, uniformly; `None` when u is joined to everyone.
fn fresh_end(rng: &mut Rng, n: u32, u: u32, degree: u32, has: &FxHashSet<u64>) -> Option<u32> {
    if degree >= n - 1 {
        return None;
    }
    loop {
        let w = rng.below(u64::from(n)) as u32;
        if w != u && !has.contains(&key(u, w)) {
            return Some(w);
        }
    }
}

/// Watts–Strogatz.
pub fn watts_strogatz(n: u32, k: u32, p: f64, seed: u64) -> Result<Graph> {
    check(n, k, p)?;
    let mut rng = Rng::new(seed);
    let edges = lattice(n, k);
    let mut has: FxHashSet<u64> = edges.iter().map(|&(u, v)| key(u, v)).collect();
    let mut degree = vec![k / 2 * 2; n as usize];
    for &(u, v) in &edges {
        if rng.chance(p) {
            if let Some(w) = fresh_end(&mut rng, n, u, degree[u as usize], &has) {
                has.remove(&key(u, v));
                has.insert(key(u, w));
                degree[v as usize] -= 1;
                degree[w as usize] += 1;
            }
        }
    }
    let edges = has
        .into_iter()
        .map(|k| ((k >> 32) as u32, k as u32))
        .collect();
    Ok(build(n, false, edges, false))
}

/// Newman–Watts: shortcuts added, none removed.
pub fn newman_watts(n: u32, k: u32, p: f64, seed: u64) -> Result<Graph> {
    check(n, k, p)?;
    let mut rng = Rng::new(seed);
    let mut edges = lattice(n, k);
    let mut has: FxHashSet<u64> = edges.iter().map(|&(u, v)| key(u, v)).collect();
    let mut degree = vec![k / 2 * 2; n as usize];
    for i in 0..edges.len() {
        let u = edges[i].0;
        if rng.chance(p) {
            if let Some(w) = fresh_end(&mut rng, n, u, degree[u as usize], &has) {
                has.insert(key(u, w));
                edges.push((u, w));
                degree[u as usize] += 1;
                degree[w as usize] += 1;
            }
        }
    }
    Ok(build(n, false, edges, false))
}
