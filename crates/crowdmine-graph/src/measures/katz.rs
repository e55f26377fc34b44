//! Katz centrality (Katz 1953): x = α Aᵀ x + β, solved by fixed-point iteration (converges for
//! α < 1/λ_max), then L2 normalised as NetworkX `katz_centrality_numpy(normalized=True)`. The
//! default α is 0.9/λ_max: NetworkX's default 0.1 diverges on graphs such as political blogs.

use super::eigenvector::{eigenvector_centrality, pull};
use crate::Graph;

#[derive(Debug, Clone)]
pub struct KatzParams {
    /// `None`: 0.9 / λ_max.
    pub alpha: Option<f64>,
    pub beta: f64,
    pub tol: f64,
    pub max_iter: usize,
    pub weighted: bool,
}

impl Default for KatzParams {
    fn default() -> Self {
        KatzParams {
            alpha: None,
            beta: 1.0,
            tol: 1e-12,
            max_iter: 100_000,
            weighted: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Katz {
    pub scores: Vec<f64>,
    pub alpha: f64,
    pub iterations: usize,
    pub converged: bool,
}

pub fn katz_centrality(g: &Graph, p: &KatzParams) -> Katz {
    let n = g.node_count();
    let weighted = p.weighted && g.is_weighted();
    let alpha = p.alpha.unwrap_or_else(|| {
        let lambda = eigenvector_centrality(g, weighted, 1e-14, 100_000).value;
        if lambda > 0.0 {
            0.9 / lambda
        } else {
            0.1
        }
    });
    let mut x = vec![0.0; n];
    let mut y = vec![0.0; n];
    let (mut iterations, mut converged) = (0, false);
    while iterations < p.max_iter {
        iterations += 1;
        pull(g, &x, weighted, &mut y);
        for yi in y.iter_mut() {
            *yi = alpha * *yi + p.beta;
        }
        let scale = y
            .iter()
            .map(|a| a.abs())
            .sum::<f64>()
            .max(f64::MIN_POSITIVE);
        let err: f64 = x.iter().zip(&y).map(|(a, b)| (a - b).abs()).sum::<f64>() / scale;
        std::mem::swap(&mut x, &mut y);
        if err < p.tol {
            converged = true;
            break;
        }
    }
    let norm = x.iter().map(|a| a * a).sum::<f64>().sqrt();
    if norm > 0.0 {
        x.iter_mut().for_each(|a| *a /= norm);
    }
    Katz {
        scores: x,
        alpha,
        iterations,
        converged,
    }
}
