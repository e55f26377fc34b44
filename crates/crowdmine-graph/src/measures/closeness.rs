//! Closeness (Bavelas 1950; for disconnected graphs the Wasserman & Faust 1994 correction) and
//! harmonic centrality (Marchiori & Latora 2000), one shortest-path search per node, in parallel.
//!
//! As NetworkX `closeness_centrality` (wf_improved) and `harmonic_centrality`: in a directed graph
//! both use the distances *to* a node ([`Direction::In`], NetworkX's convention); igraph's
//! default is the distances *from* it ([`Direction::Out`]). Closeness of u with r other nodes
//! reachable at total distance D is (r / D) · (r / (n − 1)), 0 when nothing is reachable; harmonic
//! centrality is Σ 1/d over the other nodes. Weights, when used, are lengths.

use super::shortest_paths::{Direction, Search};
use crate::Graph;
use rayon::prelude::*;

/// Runs `f` on each node's distance profile — (distance, how many other nodes lie at it) — and
/// collects the results. Hop counts take a plain level-by-level BFS (a visit stamp per node, no
/// path counts); weighted lengths take Dijkstra.
fn per_node(
    g: &Graph,
    dir: Direction,
    weighted: bool,
    f: impl Fn(&mut dyn Iterator<Item = (f64, f64)>) -> f64 + Sync,
) -> Vec<f64> {
    let n = g.node_count();
    if weighted {
        return (0..n as u32)
            .into_par_iter()
            .map_init(
                || Search::new(n),
                |search, u| {
                    search.run(g, u, dir, true);
                    f(&mut search.order[1..]
                        .iter()
                        .map(|&v| (search.dist[v as usize], 1.0)))
                },
            )
            .collect();
    }
    (0..n as u32)
        .into_par_iter()
        .map_init(
            || (vec![u32::MAX; n], Vec::with_capacity(n), Vec::new()),
            |(seen, queue, levels): &mut (Vec<u32>, Vec<u32>, Vec<u64>), u| {
                queue.clear();
                levels.clear();
                queue.push(u);
                seen[u as usize] = u;
                let (mut start, mut end) = (0, 1);
                while start < end {
                    for i in start..end {
                        let x = queue[i];
                        for &y in dir.next(g, x).0 {
                            if seen[y as usize] != u {
                                seen[y as usize] = u;
                                queue.push(y);
                            }
                        }
                    }
                    (start, end) = (end, queue.len());
                    if end > start {
                        levels.push((end - start) as u64);
                    }
                }
                f(&mut levels
                    .iter()
                    .enumerate()
                    .map(|(d, &c)| ((d + 1) as f64, c as f64)))
            },
        )
        .collect()
}

/// Closeness of every node, Wasserman–Faust corrected (NetworkX's `wf_improved=True`).
pub fn closeness(g: &Graph, dir: Direction, weighted: bool) -> Vec<f64> {
    let n = g.node_count();
    per_node(g, dir, weighted && g.is_weighted(), |profile| {
        let (reached, total) = profile.fold((0.0, 0.0), |(r, t), (d, c)| (r + c, t + d * c));
        if total > 0.0 && n > 1 {
            (reached / total) * (reached / (n - 1) as f64)
        } else {
            0.0
        }
    })
}

/// Harmonic centrality of every node.
pub fn harmonic(g: &Graph, dir: Direction, weighted: bool) -> Vec<f64> {
    per_node(g, dir, weighted && g.is_weighted(), |profile| {
        profile.filter(|&(d, _)| d > 0.0).map(|(d, c)| c / d).sum()
    })
}

/// Closeness and harmonic centrality estimated from `samples` random sources (Eppstein & Wang
/// 2004), for graphs too large for a search from every node.
#[derive(Debug, Clone)]
pub struct SampledCloseness {
    pub closeness: Vec<f64>,
    /// Harmonic centrality divided by n − 1, so within [0, 1].
    pub harmonic: Vec<f64>,
    pub samples: usize,
    /// With probability 1 − δ every normalised harmonic value is within this of the exact one
    /// (Hoeffding's bound with a union bound over the nodes).
    pub harmonic_error: f64,
}

/// Sources are drawn without replacement (seeded). A node's estimates use the sampled sources
/// other than itself: its reach r̂ = (n − 1)·(share reaching it), its distance total
/// D̂ = (n − 1)·(mean distance over those, unreached counted 0), closeness (r̂/D̂)(r̂/(n − 1)) as
/// [`closeness`], and harmonic Σ 1/d scaled the same way. `dir` is the direction of the
/// *measure*: [`Direction::In`] (distances to the node, NetworkX) searches from the sources
/// along edges.
pub fn sampled_closeness(
    g: &Graph,
    dir: Direction,
    samples: usize,
    delta: f64,
    seed: u64,
) -> SampledCloseness {
    let n = g.node_count();
    let k = samples.min(n);
    let mut all: Vec<u32> = (0..n as u32).collect();
    let mut rng = crate::random::Rng::new(seed);
    for i in 0..k {
        let j = i + rng.index(n - i);
        all.swap(i, j);
    }
    let sources = &all[..k];
    // Searching from a source along edges gives distances *to* every other node.
    let search_dir = match dir {
        Direction::In => Direction::Out,
        Direction::Out => Direction::In,
    };
    // Per node: (sources reaching it, distance total, Σ 1/d).
    let (reach, total, inverse) = sources
        .par_iter()
        .fold(
            || {
                (
                    Search::new(n),
                    vec![0u32; n],
                    vec![0u64; n],
                    vec![0.0f64; n],
                )
            },
            |(mut s, mut r, mut t, mut h), &src| {
                s.run(g, src, search_dir, false);
                for &v in &s.order[1..] {
                    let d = s.dist[v as usize];
                    r[v as usize] += 1;
                    t[v as usize] += d as u64;
                    h[v as usize] += 1.0 / d;
                }
                (s, r, t, h)
            },
        )
        .map(|(_, r, t, h)| (r, t, h))
        .reduce(
            || (vec![0; n], vec![0; n], vec![0.0; n]),
            |(mut r, mut t, mut h), (r2, t2, h2)| {
                r.iter_mut().zip(r2).for_each(|(a, b)| *a += b);
                t.iter_mut().zip(t2).for_each(|(a, b)| *a += b);
                h.iter_mut().zip(h2).for_each(|(a, b)| *a += b);
                (r, t, h)
            },
        );
    let sampled_set: std::collections::HashSet<u32> = sources.iter().copied().collect();
    let nf = (n.max(2) - 1) as f64;
    let mut closeness = vec![0.0; n];
    let mut harmonic = vec![0.0; n];
    for v in 0..n {
        // Sources other than v itself.
        let others = (k - usize::from(sampled_set.contains(&(v as u32)))) as f64;
        if others == 0.0 {
            continue;
        }
        let r = nf * f64::from(reach[v]) / others;
        let d = nf * total[v] as f64 / others;
        if d > 0.0 {
            closeness[v] = (r / d) * (r / nf);
        }
        harmonic[v] = inverse[v] / others;
    }
    let harmonic_error = if k == 0 {
        1.0
    } else {
        ((2.0 * n as f64 / delta).ln() / (2.0 * k as f64)).sqrt()
    };
    SampledCloseness {
        closeness,
        harmonic,
        samples: k,
        harmonic_error,
    }
}
