//! Erdős–Rényi random graphs (Erdős & Rényi 1959; Gilbert 1959).
//!
//! G(n, p): every pair is an edge with probability p, drawn by geometric skipping over the pair
//! index (Batagelj & Brandes 2005), O(n + m): the gap to the next edge is geometric, so only the
//! edges cost time. The pair space is cut into fixed blocks, each with its own random stream, so
//! the graph depends on the seed alone, not on the thread count. G(n, m): m distinct pairs drawn
//! uniformly (repeats rejected; when m is more than half the pairs, the pairs left out are drawn
//! instead), O(m). No self-loops; directed graphs draw ordered pairs.

use super::{build, Pairs};
use crate::random::Rng;
use crate::{Graph, GraphError, Result};
use rayon::prelude::*;

/// G(n, p).
pub fn gnp(n: u32, p: f64, directed: bool, seed: u64) -> Result<Graph> {
    if !(0.0..=1.0).contains(&p) {
        return Err(GraphError::Invalid(format!("p = {p} is not a probability")));
    }
    let pairs = Pairs::all(n, directed);
    let edges = bernoulli(pairs.count(), p, |chunk| Rng::stream(seed, chunk))
        .into_iter()
        .map(|i| pairs.pair(i))
        .collect();
    Ok(build(n, directed, edges, false))
}

/// G(n, m).
pub fn gnm(n: u32, m: u64, directed: bool, seed: u64) -> Result<Graph> {
    let pairs = Pairs::all(n, directed);
    let total = pairs.count();
    if m > total {
        return Err(GraphError::Invalid(format!(
            "{m} edges do not fit in {n} nodes (at most {total})"
        )));
    }
    let mut rng = Rng::new(seed);
    let chosen: Vec<u64> = if m <= total / 2 {
        distinct(&mut rng, total, m)
    } else {
        let mut out = distinct(&mut rng, total, total - m);
        out.sort_unstable();
        let mut left = out.into_iter().peekable();
        (0..total)
            .filter(|&i| {
                if left.peek() == Some(&i) {
                    left.next();
                    false
                } else {
                    true
                }
            })
            .collect()
    };
    let edges = chosen.into_iter().map(|i| pairs.pair(i)).collect();
    Ok(build(n, directed, edges, false))
}

/// `k` distinct values of 0..total, in the order drawn.
fn distinct(rng: &mut Rng, total: u64, k: u64) -> Vec<u64> {
    let mut seen = rustc_hash::FxHashSet::default();
    seen.reserve(k as usize);
    let mut out = Vec::with_capacity(k as usize);
    while (out.len() as u64) < k {
        let i = rng.below(total);
        if seen.insert(i) {
            out.push(i);
        }
    }
    out
}

/// Pairs per random stream in [`bernoulli`].
const BLOCK: u64 = 1 << 22;

/// The indices in 0..total kept by independent Bernoulli(p) trials, ascending; block b of
/// [`BLOCK`] indices draws from `stream(b)`.
pub(crate) fn bernoulli(total: u64, p: f64, stream: impl Fn(u64) -> Rng + Sync) -> Vec<u64> {
    if p <= 0.0 || total == 0 {
        return Vec::new();
    }
    if p >= 1.0 {
        return (0..total).collect();
    }
    let ln_q = (1.0 - p).ln();
    let blocks: Vec<Vec<u64>> = (0..total.div_ceil(BLOCK))
        .into_par_iter()
        .map(|b| {
            let (lo, hi) = (b * BLOCK, ((b + 1) * BLOCK).min(total));
            let mut rng = stream(b);
            let mut out = Vec::with_capacity(((hi - lo) as f64 * p * 1.1) as usize + 8);
            let mut i = lo;
            loop {
                i = i.saturating_add(rng.skip(ln_q));
                if i >= hi {
                    break;
                }
                out.push(i);
                i += 1;
            }
            out
        })
        .collect();
    blocks.concat()
}
