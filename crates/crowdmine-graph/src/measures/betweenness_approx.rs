//! Approximate betweenness with a guarantee (Riondato & Kornaropoulos 2016): r shortest paths
//! are drawn uniformly — a uniform pair (s, t), then one of the s–t shortest paths uniformly —
//! and each node's estimate is the share of drawn paths through it. With
//! r = ⌈(c / ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉, c = 0.5 and VD an upper bound on the number of
//! nodes on a shortest path, every estimate is within ε of the betweenness normalised by
//! n(n − 1) with probability at least 1 − δ. Results are returned on NetworkX's scale
//! (normalised by (n − 1)(n − 2)), where the bound becomes ε·n/(n − 2).
//!
//! A path is drawn with a balanced bidirectional BFS (as KADABRA, Borassi & Natale 2016): the
//! side whose frontier has fewer edges grows by one level until the two meet, so a draw touches
//! a small part of a small-world graph. VD: 2·ecc(u) + 1 from one BFS in an undirected graph;
//! n in a directed one (no cheap bound is safe there). Draws come in fixed blocks with their own
//! random streams and are counted in integers, so a seed gives the same result on any thread
//! count. Unweighted.

use super::paths::bfs;
use crate::random::Rng;
use crate::Graph;
use rayon::prelude::*;

/// Parameters of [`approximate_betweenness`].
#[derive(Debug, Clone, Copy)]
pub struct ApproxParams {
    /// The largest error allowed (on the n(n − 1) scale).
    pub epsilon: f64,
    /// The probability that some node's error exceeds ε.
    pub delta: f64,
    pub seed: u64,
}

impl Default for ApproxParams {
    fn default() -> Self {
        ApproxParams {
            epsilon: 0.01,
            delta: 0.1,
            seed: 1,
        }
    }
}

/// Estimates and how they were made.
#[derive(Debug, Clone)]
pub struct ApproxBetweenness {
    /// On NetworkX's normalised scale.
    pub scores: Vec<f64>,
    pub samples: u64,
    pub vertex_diameter_bound: u64,
    /// The guarantee on NetworkX's scale: ε·n/(n − 2).
    pub error_bound: f64,
}

/// Draws per random stream.
const BLOCK: u64 = 1024;

pub fn approximate_betweenness(g: &Graph, p: &ApproxParams) -> ApproxBetweenness {
    let n = g.node_count();
    if n < 3 {
        return ApproxBetweenness {
            scores: vec![0.0; n],
            samples: 0,
            vertex_diameter_bound: n as u64,
            error_bound: 0.0,
        };
    }
    let vd = if g.is_directed() {
        n as u64
    } else {
        // Any shortest path has at most 2·ecc(u) edges within u's component; take the largest
        // over one BFS per component start (the highest-degree node of the graph covers the
        // giant component; other components are smaller than their node count).
        let start = (0..n as u32).max_by_key(|&u| g.out(u).len()).unwrap_or(0);
        let d = bfs(g, start);
        let ecc = d
            .iter()
            .filter(|&&x| x != u32::MAX)
            .max()
            .copied()
            .unwrap_or(0);
        let other = n - d.iter().filter(|&&x| x != u32::MAX).count();
        (2 * u64::from(ecc) + 1).max(other as u64).max(3)
    };
    let log = ((vd.saturating_sub(2)).max(1) as f64).log2().floor();
    let r = ((0.5 / (p.epsilon * p.epsilon)) * (log + 1.0 + (1.0 / p.delta).ln())).ceil() as u64;
    let counts: Vec<u64> = (0..r.div_ceil(BLOCK))
        .into_par_iter()
        .fold(
            || (vec![0u64; n], Sampler::new(n)),
            |(mut counts, mut sampler), b| {
                let mut rng = Rng::stream(p.seed, b);
                for _ in b * BLOCK..((b + 1) * BLOCK).min(r) {
                    let s = rng.below(n as u64) as u32;
                    let mut t = rng.below(n as u64 - 1) as u32;
                    if t >= s {
                        t += 1;
                    }
                    sampler.path(g, s, t, &mut rng, |v| counts[v as usize] += 1);
                }
                (counts, sampler)
            },
        )
        .map(|(c, _)| c)
        .reduce(
            || vec![0u64; n],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        );
    let nf = n as f64;
    let scale = nf / (nf - 2.0) / r as f64;
    ApproxBetweenness {
        scores: counts.iter().map(|&c| c as f64 * scale).collect(),
        samples: r,
        vertex_diameter_bound: vd,
        error_bound: p.epsilon * nf / (nf - 2.0),
    }
}

/// Buffers of the bidirectional search: per side, distance and path count, with the nodes
/// touched (to reset them).
struct Sampler {
    dist: [Vec<u32>; 2],
    sigma: [Vec<f64>; 2],
    touched: [Vec<u32>; 2],
}

impl Sampler {
    fn new(n: usize) -> Sampler {
        Sampler {
            dist: [vec![u32::MAX; n], vec![u32::MAX; n]],
            sigma: [vec![0.0; n], vec![0.0; n]],
            touched: [Vec::new(), Vec::new()],
        }
    }

    /// Side 0 searches from s along out-edges, side 1 from t along in-edges.
    fn next(g: &Graph, side: usize, u: u32) -> &[u32] {
        if side == 0 {
            g.out(u)
        } else {
            g.inn(u)
        }
    }

    /// Draws one s–t shortest path uniformly and calls `inner` on its inner nodes; nothing when
    /// t is unreachable.
    fn path(&mut self, g: &Graph, s: u32, t: u32, rng: &mut Rng, mut inner: impl FnMut(u32)) {
        for side in 0..2 {
            for &u in &self.touched[side] {
                self.dist[side][u as usize] = u32::MAX;
                self.sigma[side][u as usize] = 0.0;
            }
            self.touched[side].clear();
        }
        let mut frontier = [vec![s], vec![t]];
        for (side, &x) in [s, t].iter().enumerate() {
            self.dist[side][x as usize] = 0;
            self.sigma[side][x as usize] = 1.0;
            self.touched[side].push(x);
        }
        let mut depth = [0u32; 2];
        let meet: Vec<u32> = loop {
            if frontier[0].is_empty() || frontier[1].is_empty() {
                return;
            }
            let cost = |side: usize, f: &[u32]| -> usize {
                f.iter().map(|&u| Self::next(g, side, u).len()).sum()
            };
            let side = usize::from(cost(1, &frontier[1]) < cost(0, &frontier[0]));
            let d = depth[side] + 1;
            let mut next = Vec::new();
            let mut meet = Vec::new();
            for &x in &frontier[side] {
                let sx = self.sigma[side][x as usize];
                for &y in Self::next(g, side, x) {
                    let dy = &mut self.dist[side][y as usize];
                    if *dy == u32::MAX {
                        *dy = d;
                        self.touched[side].push(y);
                        next.push(y);
                        if self.dist[1 - side][y as usize] != u32::MAX {
                            meet.push(y);
                        }
                    }
                    if self.dist[side][y as usize] == d {
                        self.sigma[side][y as usize] += sx;
                    }
                }
            }
            depth[side] = d;
            frontier[side] = next;
            if !meet.is_empty() {
                break meet;
            }
        };
        // The middle node, with probability proportional to the paths through it.
        let weight = |y: u32| self.sigma[0][y as usize] * self.sigma[1][y as usize];
        let total: f64 = meet.iter().map(|&y| weight(y)).sum();
        let mut r = rng.f64() * total;
        let mut mid = meet[meet.len() - 1];
        for &y in &meet {
            r -= weight(y);
            if r < 0.0 {
                mid = y;
                break;
            }
        }
        if mid != s && mid != t {
            inner(mid);
        }
        // Walk from the middle back to each end, each step chosen in proportion to path counts.
        for side in 0..2 {
            let mut y = mid;
            while self.dist[side][y as usize] > 1 {
                // Predecessors on this side are neighbours against its search direction.
                let back = Self::next(g, 1 - side, y);
                let dy = self.dist[side][y as usize];
                let sy = self.sigma[side][y as usize];
                let mut r = rng.f64() * sy;
                let mut chosen = u32::MAX;
                for &x in back {
                    if self.dist[side][x as usize] == dy - 1 {
                        chosen = x;
                        r -= self.sigma[side][x as usize];
                        if r < 0.0 {
                            break;
                        }
                    }
                }
                if chosen == u32::MAX {
                    break;
                }
                inner(chosen);
                y = chosen;
            }
        }
    }
}
