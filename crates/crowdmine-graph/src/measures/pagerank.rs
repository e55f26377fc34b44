//! PageRank (Brin & Page 1998), pull iteration on the in-adjacency, O(m) per iteration, parallel
//! over nodes (each node's sum is sequential, so results do not depend on the thread count).
//!
//! As NetworkX `pagerank`: an undirected edge is a link both ways (a self-loop one link); a link's
//! share is its weight over its source's total out-weight; the rank of dangling nodes (no out-links)
//! is spread like the teleport vector (uniform, or the personalisation). Stops when the L1 change
//! falls below `n * tol` (NetworkX's rule) or after `max_iter` iterations; with `fixed_iterations`
//! it runs exactly that many, for benchmarks that compare equal work.

use crate::Graph;
use rayon::prelude::*;

#[derive(Debug, Clone)]
pub struct PageRankParams {
    pub alpha: f64,
    pub tol: f64,
    pub max_iter: usize,
    /// Run exactly this many iterations, ignoring `tol` and `max_iter`.
    pub fixed_iterations: Option<usize>,
    /// Teleport distribution by node (normalised to sum 1); `None` is uniform.
    pub personalization: Option<Vec<f64>>,
    /// Use edge weights (when the graph has them).
    pub weighted: bool,
}

impl Default for PageRankParams {
    /// NetworkX's defaults.
    fn default() -> Self {
        PageRankParams {
            alpha: 0.85,
            tol: 1e-6,
            max_iter: 100,
            fixed_iterations: None,
            personalization: None,
            weighted: true,
        }
    }
}

/// Scores and how they were reached.
#[derive(Debug, Clone)]
pub struct Ranking {
    pub scores: Vec<f64>,
    pub iterations: usize,
    /// False when `max_iter` was reached before the tolerance.
    pub converged: bool,
}

pub fn pagerank(g: &Graph, p: &PageRankParams) -> Ranking {
    let n = g.node_count();
    if n == 0 {
        return Ranking {
            scores: Vec::new(),
            iterations: 0,
            converged: true,
        };
    }
    let weighted = p.weighted && g.is_weighted();
    let out_weight: Vec<f64> = (0..n as u32)
        .into_par_iter()
        .map(|u| match g.out_weights(u).filter(|_| weighted) {
            Some(w) => w.iter().sum(),
            None => g.out(u).len() as f64,
        })
        .collect();
    let teleport: Vec<f64> = match &p.personalization {
        Some(v) => {
            let s: f64 = v.iter().sum();
            v.iter()
                .map(|x| if s > 0.0 { x / s } else { 0.0 })
                .collect()
        }
        None => vec![1.0 / n as f64; n],
    };
    let dangling: Vec<u32> = (0..n as u32)
        .filter(|&u| out_weight[u as usize] == 0.0)
        .collect();
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    let (limit, check) = match p.fixed_iterations {
        Some(k) => (k, false),
        None => (p.max_iter, true),
    };
    for it in 1..=limit {
        let dangling_sum: f64 = dangling.iter().map(|&u| x[u as usize]).sum();
        // Each source's rank per unit of out-weight.
        let share: Vec<f64> = x
            .par_iter()
            .zip(&out_weight)
            .map(|(xi, w)| if *w > 0.0 { xi / w } else { 0.0 })
            .collect();
        next.par_iter_mut().enumerate().for_each(|(v, slot)| {
            let v32 = v as u32;
            let inn = g.inn(v32);
            let s: f64 = match g.in_weights(v32).filter(|_| weighted) {
                Some(w) => inn.iter().zip(w).map(|(&u, w)| share[u as usize] * w).sum(),
                None => inn.iter().map(|&u| share[u as usize]).sum(),
            };
            *slot = p.alpha * (s + dangling_sum * teleport[v]) + (1.0 - p.alpha) * teleport[v];
        });
        std::mem::swap(&mut x, &mut next);
        if check {
            let err: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
            if err < n as f64 * p.tol {
                return Ranking {
                    scores: x,
                    iterations: it,
                    converged: true,
                };
            }
        }
    }
    Ranking {
        scores: x,
        iterations: limit,
        converged: !check,
    }
}
