//! Eigenvector centrality (Bonacich 1972): the principal eigenvector of the adjacency matrix,
//! found by power iteration on A + I (the shift keeps bipartite graphs from oscillating), L2
//! normalised with a positive sum, as NetworkX `eigenvector_centrality_numpy`. In a directed graph
//! a node's score comes from its in-neighbours (the left eigenvector), and the references define
//! it on a strongly connected graph: pass the largest strongly connected component. Also gives the
//! largest eigenvalue, which Katz centrality needs.

use crate::Graph;
use rayon::prelude::*;

#[derive(Debug, Clone)]
pub struct Eigen {
    pub scores: Vec<f64>,
    /// The largest eigenvalue of A (of the weighted A when weighted).
    pub value: f64,
    pub iterations: usize,
    pub converged: bool,
}

/// One product y = Aᵀx (scores flow along edges to their targets).
pub(crate) fn pull(g: &Graph, x: &[f64], weighted: bool, y: &mut [f64]) {
    y.par_iter_mut().enumerate().for_each(|(v, slot)| {
        let v32 = v as u32;
        let inn = g.inn(v32);
        *slot = match g.in_weights(v32).filter(|_| weighted) {
            Some(w) => inn.iter().zip(w).map(|(&u, w)| x[u as usize] * w).sum(),
            None => inn.iter().map(|&u| x[u as usize]).sum(),
        };
    });
}

fn norm2(x: &[f64]) -> f64 {
    x.iter().map(|a| a * a).sum::<f64>().sqrt()
}

pub fn eigenvector_centrality(g: &Graph, weighted: bool, tol: f64, max_iter: usize) -> Eigen {
    let n = g.node_count();
    let weighted = weighted && g.is_weighted();
    let mut x = vec![1.0 / (n.max(1) as f64).sqrt(); n];
    let mut y = vec![0.0; n];
    let mut iterations = 0;
    let mut converged = false;
    while iterations < max_iter {
        iterations += 1;
        pull(g, &x, weighted, &mut y);
        for (yi, xi) in y.iter_mut().zip(&x) {
            *yi += xi;
        }
        let norm = norm2(&y);
        if norm == 0.0 {
            break;
        }
        for yi in y.iter_mut() {
            *yi /= norm;
        }
        let err: f64 = x.iter().zip(&y).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut y);
        if err < n as f64 * tol {
            converged = true;
            break;
        }
    }
    // The eigenvalue of A by the Rayleigh quotient of the converged vector.
    pull(g, &x, weighted, &mut y);
    let value =
        x.iter().zip(&y).map(|(a, b)| a * b).sum::<f64>() / x.iter().map(|a| a * a).sum::<f64>();
    if x.iter().sum::<f64>() < 0.0 {
        x.iter_mut().for_each(|a| *a = -*a);
    }
    Eigen {
        scores: x,
        value,
        iterations,
        converged,
    }
}
