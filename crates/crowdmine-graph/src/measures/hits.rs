//! HITS hubs and authorities (Kleinberg 1999): the principal singular vectors of the adjacency
//! matrix, by alternating power iteration (a = Aᵀh, h = Aa), each normalised to sum 1 as NetworkX
//! `hits`. An undirected graph has hubs equal to authorities.

use super::eigenvector::pull;
use crate::Graph;
use rayon::prelude::*;

#[derive(Debug, Clone)]
pub struct Hits {
    pub hubs: Vec<f64>,
    pub authorities: Vec<f64>,
    pub iterations: usize,
    pub converged: bool,
}

/// y = A x (scores flow back along edges to their sources).
fn push(g: &Graph, x: &[f64], weighted: bool, y: &mut [f64]) {
    y.par_iter_mut().enumerate().for_each(|(u, slot)| {
        let u32_ = u as u32;
        let out = g.out(u32_);
        *slot = match g.out_weights(u32_).filter(|_| weighted) {
            Some(w) => out.iter().zip(w).map(|(&v, w)| x[v as usize] * w).sum(),
            None => out.iter().map(|&v| x[v as usize]).sum(),
        };
    });
}

fn normalise(x: &mut [f64]) {
    let s: f64 = x.iter().sum();
    if s > 0.0 {
        x.iter_mut().for_each(|a| *a /= s);
    }
}

pub fn hits(g: &Graph, weighted: bool, tol: f64, max_iter: usize) -> Hits {
    let n = g.node_count();
    let weighted = weighted && g.is_weighted();
    let mut h = vec![1.0 / n.max(1) as f64; n];
    let mut a = vec![0.0; n];
    let mut next = vec![0.0; n];
    let (mut iterations, mut converged) = (0, false);
    while iterations < max_iter {
        iterations += 1;
        pull(g, &h, weighted, &mut a);
        normalise(&mut a);
        push(g, &a, weighted, &mut next);
        normalise(&mut next);
        let err: f64 = h.iter().zip(&next).map(|(x, y)| (x - y).abs()).sum();
        std::mem::swap(&mut h, &mut next);
        if err < tol {
            converged = true;
            break;
        }
    }
    Hits {
        hubs: h,
        authorities: a,
        iterations,
        converged,
    }
}
