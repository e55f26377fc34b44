//! Signed networks: structural balance (Heider 1946; Cartwright & Harary 1956) and signed degrees.
//!
//! Balance is measured on the undirected signed view: an edge wherever either direction exists,
//! signed by the sum of all its records' signs (so opposite signs cancel to 0, "ambivalent";
//! such edges and self-loops take no part). A triangle is balanced when it has an even number of
//! negative edges (+++ or +−−). The share of balanced triangles is set against a null model that
//! shuffles the signs over the edges (same edges, same number of negatives), by a z-score.
//!
//! Frustration: the fewest edges whose removal (equivalently, sign flip) makes the graph
//! balanced, i.e. the fewest negative edges inside, plus positive edges across, a split of the
//! nodes in two. Finding it is NP-hard; [`frustration`] gives an upper bound by local search
//! (every node moved to the side with fewer frustrated edges until no move helps, from several
//! seeded random splits; Doreian & Mrvar 1996 use the same criterion), and the partial balance
//! index 1 − 2F/m (Aref & Wilson 2018), which is 1 for a balanced graph.
//!
//! Status theory is in [`super::status`].

use crate::random::Rng;
use crate::Graph;
use rayon::prelude::*;

/// Balance of the triangles of the undirected signed view.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Triads {
    /// Triangles by number of negative edges: +++, ++−, +−−, −−−.
    pub by_negatives: [u64; 4],
    pub triangles: u64,
    pub balanced_share: f64,
    /// Edges that take part (non-zero sign, no loops), and of them negative.
    pub edges: u64,
    pub negative_edges: u64,
    /// Edges whose records' signs cancelled.
    pub ambivalent_edges: u64,
}

/// Undirected signed adjacency: sorted neighbours with signs ±1, zero-sign edges and loops left
/// out.
struct SignedView {
    adj: Vec<Vec<(u32, i8)>>,
    ambivalent: u64,
}

fn view(g: &Graph) -> SignedView {
    let u = if g.is_directed() {
        std::borrow::Cow::Owned(g.to_undirected())
    } else {
        std::borrow::Cow::Borrowed(g)
    };
    let mut ambivalent = 0;
    let adj = (0..u.node_count() as u32)
        .map(|x| {
            let signs = u.out_signs(x);
            u.out(x)
                .iter()
                .enumerate()
                .filter(|&(_, &y)| y != x)
                .filter_map(|(i, &y)| {
                    let s = signs.map_or(1, |s| s[i]);
                    if s == 0 && x < y {
                        ambivalent += 1;
                    }
                    (s != 0).then_some((y, s))
                })
                .collect()
        })
        .collect();
    SignedView { adj, ambivalent }
}

/// Counts triangles by their number of negative edges; each is found once, from its smallest
/// node.
fn census(adj: &[Vec<(u32, i8)>]) -> [u64; 4] {
    (0..adj.len())
        .into_par_iter()
        .map(|u| {
            let mut out = [0u64; 4];
            let nu = &adj[u];
            for (i, &(v, s_uv)) in nu.iter().enumerate() {
                if (v as usize) < u {
                    continue;
                }
                let nv = &adj[v as usize];
                // Common neighbours w > v.
                let (mut a, mut b) = (i + 1, nv.partition_point(|e| e.0 <= v));
                while a < nu.len() && b < nv.len() {
                    match nu[a].0.cmp(&nv[b].0) {
                        std::cmp::Ordering::Less => a += 1,
                        std::cmp::Ordering::Greater => b += 1,
                        std::cmp::Ordering::Equal => {
                            let neg = [s_uv, nu[a].1, nv[b].1].iter().filter(|&&s| s < 0).count();
                            out[neg] += 1;
                            a += 1;
                            b += 1;
                        }
                    }
                }
            }
            out
        })
        .reduce(
            || [0; 4],
            |a, b| [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]],
        )
}

fn share(t: &[u64; 4]) -> f64 {
    let total: u64 = t.iter().sum();
    if total == 0 {
        f64::NAN
    } else {
        (t[0] + t[2]) as f64 / total as f64
    }
}

/// The signed triad census and balanced share. An unsigned graph counts every edge positive.
pub fn triads(g: &Graph) -> Triads {
    let v = view(g);
    let t = census(&v.adj);
    let edges = v.adj.iter().map(|l| l.len() as u64).sum::<u64>() / 2;
    let negative_edges = v
        .adj
        .iter()
        .map(|l| l.iter().filter(|e| e.1 < 0).count() as u64)
        .sum::<u64>()
        / 2;
    Triads {
        by_negatives: t,
        triangles: t.iter().sum(),
        balanced_share: share(&t),
        edges,
        negative_edges,
        ambivalent_edges: v.ambivalent,
    }
}

/// The balanced share against sign-shuffled copies of the graph.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct BalanceNull {
    pub observed: f64,
    pub null_mean: f64,
    pub null_std: f64,
    /// (observed − mean) / std.
    pub z: f64,
    pub samples: usize,
}

/// Shuffles the signs over the edges `samples` times (seeded; each sample its own stream).
pub fn balance_null(g: &Graph, samples: usize, seed: u64) -> BalanceNull {
    let v = view(g);
    let observed = share(&census(&v.adj));
    // Edge list (u < w) with positions of both directions, to re-sign symmetrically.
    let mut edges: Vec<(u32, usize, u32, usize)> = Vec::new();
    for (u, list) in v.adj.iter().enumerate() {
        for (i, &(w, _)) in list.iter().enumerate() {
            if (u as u32) < w {
                let j = v.adj[w as usize].partition_point(|e| e.0 < u as u32);
                edges.push((u as u32, i, w, j));
            }
        }
    }
    let signs: Vec<i8> = edges
        .iter()
        .map(|&(u, i, _, _)| v.adj[u as usize][i].1)
        .collect();
    let shares: Vec<f64> = (0..samples)
        .into_par_iter()
        .map(|k| {
            let mut rng = Rng::stream(seed, k as u64);
            let mut s = signs.clone();
            rng.shuffle(&mut s);
            let mut adj = v.adj.clone();
            for (&(u, i, w, j), &x) in edges.iter().zip(&s) {
                adj[u as usize][i].1 = x;
                adj[w as usize][j].1 = x;
            }
            share(&census(&adj))
        })
        .collect();
    let k = shares.len() as f64;
    let mean = shares.iter().sum::<f64>() / k;
    let std = (shares.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (k - 1.0)).sqrt();
    BalanceNull {
        observed,
        null_mean: mean,
        null_std: std,
        z: (observed - mean) / std,
        samples,
    }
}

/// An upper bound on the frustration index, with the split that reaches it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Frustration {
    /// Frustrated edges of the best split found.
    pub frustrated: u64,
    pub edges: u64,
    /// 1 − 2F/m.
    pub partial_balance: f64,
    /// Each node's side (0 or 1).
    #[serde(skip)]
    pub side: Vec<u8>,
    pub restarts: usize,
}

/// Local search for the split with the fewest frustrated edges, from `restarts` random splits.
pub fn frustration(g: &Graph, restarts: usize, seed: u64) -> Frustration {
    let v = view(g);
    let n = v.adj.len();
    let edges = v.adj.iter().map(|l| l.len() as u64).sum::<u64>() / 2;
    let frustrated_at = |side: &[u8], u: usize, s: u8| -> u64 {
        v.adj[u]
            .iter()
            .filter(|&&(w, sign)| (side[w as usize] == s) != (sign > 0))
            .count() as u64
    };
    let best = (0..restarts.max(1))
        .into_par_iter()
        .map(|r| {
            let mut rng = Rng::stream(seed, r as u64);
            let mut side: Vec<u8> = (0..n).map(|_| rng.below(2) as u8).collect();
            loop {
                let mut moved = false;
                for u in 0..n {
                    let here = frustrated_at(&side, u, side[u]);
                    let there = frustrated_at(&side, u, 1 - side[u]);
                    if there < here {
                        side[u] = 1 - side[u];
                        moved = true;
                    }
                }
                if !moved {
                    break;
                }
            }
            let f: u64 = (0..n)
                .map(|u| frustrated_at(&side, u, side[u]))
                .sum::<u64>()
                / 2;
            (f, r, side)
        })
        .min_by_key(|(f, r, _)| (*f, *r))
        .unwrap_or((0, 0, vec![0; n]));
    Frustration {
        frustrated: best.0,
        edges,
        partial_balance: if edges == 0 {
            1.0
        } else {
            1.0 - 2.0 * best.0 as f64 / edges as f64
        },
        side: best.2,
        restarts: restarts.max(1),
    }
}

/// Positive and negative degrees of every node over its non-zero, non-loop edges (an undirected
/// graph's edges count as out- and as in-edges).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct SignedDegrees {
    pub out_positive: Vec<u32>,
    pub out_negative: Vec<u32>,
    pub in_positive: Vec<u32>,
    pub in_negative: Vec<u32>,
}

impl SignedDegrees {
    /// Positive minus negative edges received: the node's net standing.
    pub fn net(&self, u: usize) -> i64 {
        i64::from(self.in_positive[u]) - i64::from(self.in_negative[u])
    }

    /// Leskovec, Huttenlocher & Kleinberg's (2010) status heuristic σ(u): positive edges received
    /// and negative edges given raise status, the opposites lower it.
    pub fn status(&self, u: usize) -> i64 {
        self.net(u) + i64::from(self.out_negative[u]) - i64::from(self.out_positive[u])
    }
}

/// The signed degrees of every node.
pub fn signed_degrees(g: &Graph) -> SignedDegrees {
    let n = g.node_count();
    let count = |u: u32, adj: &[u32], signs: Option<&[i8]>| -> (u32, u32) {
        let mut c = (0, 0);
        for (i, &v) in adj.iter().enumerate() {
            match signs.map_or(1, |s| s[i]) {
                x if v == u || x == 0 => {}
                x if x > 0 => c.0 += 1,
                _ => c.1 += 1,
            }
        }
        c
    };
    let out: Vec<(u32, u32)> = (0..n as u32)
        .into_par_iter()
        .map(|u| count(u, g.out(u), g.out_signs(u)))
        .collect();
    let inn: Vec<(u32, u32)> = if g.is_directed() {
        (0..n as u32)
            .into_par_iter()
            .map(|u| count(u, g.inn(u), g.in_signs(u)))
            .collect()
    } else {
        out.clone()
    };
    SignedDegrees {
        out_positive: out.iter().map(|c| c.0).collect(),
        out_negative: out.iter().map(|c| c.1).collect(),
        in_positive: inn.iter().map(|c| c.0).collect(),
        in_negative: inn.iter().map(|c| c.1).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BuildOptions, GraphBuilder};

    fn signed(directed: bool, edges: &[(u32, u32, f64)]) -> Graph {
        let mut b = GraphBuilder::new(BuildOptions {
            directed,
            signed: true,
            ..BuildOptions::default()
        });
        b.extend(edges.iter().copied());
        b.build()
    }

    #[test]
    fn hand_checked_degrees() {
        // 0→1 +, 0→2 −, 2→1 +, 1→1 + (a loop, left out), 2→0 + and 2→0 − (cancel to 0).
        let g = signed(
            true,
            &[
                (0, 1, 1.0),
                (0, 2, -1.0),
                (2, 1, 1.0),
                (1, 1, 1.0),
                (2, 0, 1.0),
                (2, 0, -1.0),
            ],
        );
        let d = signed_degrees(&g);
        assert_eq!((d.out_positive[0], d.out_negative[0]), (1, 1));
        assert_eq!((d.in_positive[1], d.in_negative[1]), (2, 0));
        assert_eq!((d.in_positive[2], d.in_negative[2]), (0, 1));
        assert_eq!((d.net(1), d.status(1)), (2, 2));
        assert_eq!(d.status(0), 0); // no net standing, one positive and one negative given
        assert_eq!(d.status(2), -1 - 1);
    }

    #[test]
    fn hand_checked_balance() {
        // Two camps {0, 1} and {2, 3}: friends inside, enemies across — balanced.
        let camps = signed(
            false,
            &[
                (0, 1, 1.0),
                (2, 3, 1.0),
                (0, 2, -1.0),
                (0, 3, -1.0),
                (1, 2, -1.0),
                (1, 3, -1.0),
            ],
        );
        let t = triads(&camps);
        assert_eq!(t.by_negatives, [0, 0, 4, 0]);
        assert_eq!(t.balanced_share, 1.0);
        let f = frustration(&camps, 4, 1);
        assert_eq!((f.frustrated, f.partial_balance), (0, 1.0));
        assert_ne!(f.side[0], f.side[2]);
        // One triangle + + −: unbalanced, one frustrated edge.
        let odd = signed(false, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, -1.0)]);
        assert_eq!(triads(&odd).by_negatives, [0, 1, 0, 0]);
        assert_eq!(frustration(&odd, 4, 1).frustrated, 1);
        // Opposite records cancel: 0→1 +, 1→0 − is ambivalent and leaves no triangle.
        let amb = signed(true, &[(0, 1, 1.0), (1, 0, -1.0), (1, 2, 1.0), (0, 2, 1.0)]);
        let t = triads(&amb);
        assert_eq!((t.triangles, t.ambivalent_edges), (0, 1));
    }
}
