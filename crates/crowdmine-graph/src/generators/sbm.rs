//! Stochastic block models.
//!
//! [`sbm`] (Holland, Laskey & Leinhardt 1983), as NetworkX `stochastic_block_model`: nodes are
//! numbered block by block; a pair in blocks r, s is an edge with probability P[r][s]; no
//! self-loops. Each block pair is drawn by geometric skipping over its pairs, O(n + m).
//!
//! [`dcsbm`] (Karrer & Newman 2011): each node has an expected degree k_u and a block; between
//! blocks r ≠ s the number of edges is Poisson(ω_rs), inside block r Poisson(ω_rr / 2), and each
//! end is drawn with probability proportional to k within its block (an alias table). The mixing
//! μ fixes ω: ω_rs = c K_r K_s / K for r ≠ s with K_r the block's total expected degree and c set
//! so that a share μ of all edge ends leaves its block; ω_rr = K_r − Σ_{s≠r} ω_rs. Repeated edges
//! and self-loops are erased unless kept, which lowers the realised degrees slightly.
//! Both models draw every block pair from its own random streams.

use super::erdos_renyi::bernoulli;
use super::{build, Multi};
use crate::random::{Alias, Rng};
use crate::{Graph, GraphError, Result};
use rayon::prelude::*;

/// Stochastic block model: `sizes` of the blocks and the block-pair probabilities `p`
/// (symmetric when undirected). Returns the graph and each node's block.
pub fn sbm(sizes: &[u32], p: &[Vec<f64>], directed: bool, seed: u64) -> Result<(Graph, Vec<u32>)> {
    let b = sizes.len();
    if p.len() != b || p.iter().any(|row| row.len() != b) {
        return Err(GraphError::Invalid(format!(
            "the probability matrix must be {b} × {b}, one row and column per block"
        )));
    }
    for (r, row) in p.iter().enumerate() {
        for (s, &x) in row.iter().enumerate() {
            if !(0.0..=1.0).contains(&x) {
                return Err(GraphError::Invalid(format!(
                    "P[{r}][{s}] = {x} is not a probability"
                )));
            }
            if !directed && x != p[s][r] {
                return Err(GraphError::Invalid(format!(
                    "an undirected model needs a symmetric matrix: P[{r}][{s}] ≠ P[{s}][{r}]"
                )));
            }
        }
    }
    let n: u64 = sizes.iter().map(|&s| u64::from(s)).sum();
    if n > u64::from(u32::MAX) {
        return Err(GraphError::Invalid("more than 2^32 − 1 nodes".into()));
    }
    let mut start = vec![0u32; b + 1];
    for r in 0..b {
        start[r + 1] = start[r] + sizes[r];
    }
    let block_pairs: Vec<(usize, usize)> = (0..b)
        .flat_map(|r| (0..b).map(move |s| (r, s)))
        .filter(|&(r, s)| directed || r <= s)
        .collect();
    let edges: Vec<(u32, u32)> = block_pairs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(k, &(r, s))| {
            let (nr, ns) = (u64::from(sizes[r]), u64::from(sizes[s]));
            let (a, c) = (start[r], start[s]);
            let base = seed ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            let stream = move |chunk| Rng::stream(base, chunk);
            let pick = move |i: u64| -> (u32, u32) {
                if r != s {
                    (a + (i / ns) as u32, c + (i % ns) as u32)
                } else {
                    let (v, w) = super::Pairs::all(sizes[r], directed).pair(i);
                    (a + v, a + w)
                }
            };
            let total = if r != s {
                nr * ns
            } else {
                super::Pairs::all(sizes[r], directed).count()
            };
            bernoulli(total, p[r][s], stream).into_iter().map(pick)
        })
        .collect();
    let blocks = (0..b)
        .flat_map(|r| std::iter::repeat_n(r as u32, sizes[r] as usize))
        .collect();
    Ok((build(n as u32, directed, edges, false), blocks))
}

/// Parameters of [`dcsbm`].
#[derive(Debug, Clone)]
pub struct DcsbmParams {
    /// Each node's block, 0..blocks.
    pub blocks: Vec<u32>,
    /// Each node's expected degree.
    pub degrees: Vec<f64>,
    /// The share of edge ends that leave their block.
    pub mixing: f64,
    pub multi: Multi,
}

/// Degree-corrected stochastic block model (undirected).
pub fn dcsbm(params: &DcsbmParams, seed: u64) -> Result<Graph> {
    let DcsbmParams {
        blocks,
        degrees,
        mixing,
        multi,
    } = params;
    if blocks.len() != degrees.len() {
        return Err(GraphError::Invalid(
            "one block and one expected degree per node".into(),
        ));
    }
    if !(0.0..=1.0).contains(mixing) {
        return Err(GraphError::Invalid(format!(
            "mixing = {mixing} is not a share"
        )));
    }
    let n = blocks.len();
    let b = blocks.iter().map(|&r| r as usize + 1).max().unwrap_or(0);
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); b];
    for (u, &r) in blocks.iter().enumerate() {
        members[r as usize].push(u as u32);
    }
    let k_block: Vec<f64> = members
        .iter()
        .map(|m| m.iter().map(|&u| degrees[u as usize]).sum())
        .collect();
    let k: f64 = k_block.iter().sum();
    let between: f64 = k * k - k_block.iter().map(|x| x * x).sum::<f64>();
    // c K_r K_s / K summed over ordered r ≠ s is c·between/K; that must equal μK.
    let c = if between > 0.0 {
        mixing * k * k / between
    } else {
        0.0
    };
    let alias: Vec<Option<Alias>> = members
        .iter()
        .map(|m| Alias::new(&m.iter().map(|&u| degrees[u as usize]).collect::<Vec<_>>()))
        .collect();
    let pairs: Vec<(usize, usize)> = (0..b).flat_map(|r| (r..b).map(move |s| (r, s))).collect();
    let edges: Vec<(u32, u32)> = pairs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, &(r, s))| {
            let mut rng = Rng::stream(seed, i as u64);
            let expected = if r != s {
                c * k_block[r] * k_block[s] / k
            } else {
                let out: f64 = (0..b)
                    .filter(|&t| t != r)
                    .map(|t| c * k_block[r] * k_block[t] / k)
                    .sum();
                (k_block[r] - out).max(0.0) / 2.0
            };
            let count = rng.poisson(expected);
            let mut out = Vec::with_capacity(count as usize);
            if let (Some(ar), Some(as_)) = (&alias[r], &alias[s]) {
                for _ in 0..count {
                    let u = members[r][ar.sample(&mut rng)];
                    let v = members[s][as_.sample(&mut rng)];
                    out.push((u, v));
                }
            }
            out
        })
        .collect();
    Ok(build(n as u32, false, edges, *multi == Multi::Keep))
}
