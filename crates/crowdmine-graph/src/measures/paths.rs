//! Average shortest-path length by breadth-first search, over the pairs of nodes that reach each
//! other (directions followed in a directed graph; weights ignored). Exact from every source when
//! the graph is small, otherwise from `samples` sources drawn uniformly without replacement: each
//! source's mean distance is one observation, so the estimate carries a standard error (the
//! sources are a simple random sample; finite-population corrected). Sources run in parallel;
//! a seed gives the same estimate on any thread count. O(samples · (n + m)).

use crate::random::Rng;
use crate::Graph;
use rayon::prelude::*;

/// The estimate and how it was made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathLength {
    pub mean: f64,
    /// 0 when exact.
    pub standard_error: f64,
    pub sources: usize,
    pub exact: bool,
}

/// Distances from `s` (u32::MAX where unreachable).
pub fn bfs(g: &Graph, s: u32) -> Vec<u32> {
    let mut dist = vec![u32::MAX; g.node_count()];
    let mut frontier = vec![s];
    dist[s as usize] = 0;
    let mut d = 0;
    while !frontier.is_empty() {
        d += 1;
        let mut next = Vec::new();
        for &u in &frontier {
            for &v in g.out(u) {
                if dist[v as usize] == u32::MAX {
                    dist[v as usize] = d;
                    next.push(v);
                }
            }
        }
        frontier = next;
    }
    dist
}

/// Mean distance over reachable pairs; exact when n ≤ `samples`.
pub fn average_path_length(g: &Graph, samples: usize, seed: u64) -> PathLength {
    let n = g.node_count();
    let exact = n <= samples;
    let sources: Vec<u32> = if exact {
        (0..n as u32).collect()
    } else {
        let mut all: Vec<u32> = (0..n as u32).collect();
        let mut rng = Rng::new(seed);
        // A partial Fisher–Yates shuffle: the first `samples` are a uniform sample.
        for i in 0..samples {
            let j = i + rng.index(n - i);
            all.swap(i, j);
        }
        all.truncate(samples);
        all
    };
    // Per source: (sum of distances, reachable others).
    let per: Vec<(u64, u64)> = sources
        .par_iter()
        .map(|&s| {
            bfs(g, s)
                .iter()
                .filter(|&&d| d != u32::MAX && d > 0)
                .fold((0u64, 0u64), |(t, c), &d| (t + u64::from(d), c + 1))
        })
        .collect();
    let (total, pairs) = per
        .iter()
        .fold((0u64, 0u64), |(t, c), &(a, b)| (t + a, c + b));
    let mean = if pairs == 0 {
        0.0
    } else {
        total as f64 / pairs as f64
    };
    let standard_error = if exact || per.len() < 2 {
        0.0
    } else {
        // Ratio estimator's standard error (each source weighted by its reachable count).
        let k = per.len() as f64;
        let avg_c = pairs as f64 / k;
        let var = per
            .iter()
            .map(|&(t, c)| {
                let r = t as f64 - mean * c as f64;
                r * r
            })
            .sum::<f64>()
            / (k - 1.0);
        let fpc = 1.0 - k / n as f64;
        (var * fpc / k).sqrt() / avg_c
    };
    PathLength {
        mean,
        standard_error,
        sources: sources.len(),
        exact,
    }
}
