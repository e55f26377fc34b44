//! Leiden (Traag, Waltman & van Eck 2019) and Louvain (Blondel, Guillaume, Lambiotte & Lefebvre
//! 2008) on the network of [`super::network`], for any [`Quality`].
//!
//! Leiden, one iteration: (1) fast local moving: nodes in a queue, each moved to the neighbouring
//! community of largest gain (or an empty one), and its neighbours outside that community queued
//! again; (2) refinement: inside each community, starting from singletons, each node still alone
//! and well connected to its community joins the well-connected sub-community of largest
//! non-negative gain (the θ → 0 limit of the paper's randomised choice, as leidenalg's greedy
//! merge); (3) aggregation by the refined partition, the aggregate starting from the unrefined
//! one. Levels repeat until local moving changes nothing; iterations repeat (from the last
//! partition) until one no longer improves the quality, or `iterations` times. Louvain: local
//! moving and aggregation by the moved partition, one pass of levels. Node orders are shuffled by
//! the seed. Cost per level O(m) for local moving up to the queue's re-visits.

use super::network::Network;
use super::quality::Quality;
use super::{renumber, Partition};
use crate::random::Rng;
use crate::Graph;
use std::collections::VecDeque;

/// Parameters of [`leiden`] and [`louvain`]. Defaults: modularity at resolution 1, seed 1, Leiden
/// iterated until an iteration improves the quality by less than 1e-3 of its value (on graphs
/// with clear communities that is leidenalg's `n_iterations=-1`, until stable; on graphs without,
/// such as Barabási–Albert graphs, hundreds of iterations would each gain almost nothing).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeidenParams {
    pub quality: Quality,
    pub seed: u64,
    /// A fixed number of Leiden iterations; `None`: until the gain falls below `tolerance`.
    pub iterations: Option<usize>,
    /// Relative quality gain below which iterating stops (0: until an iteration gains nothing).
    pub tolerance: f64,
}

impl Default for LeidenParams {
    fn default() -> Self {
        LeidenParams {
            quality: Quality::default(),
            seed: 1,
            iterations: None,
            tolerance: 1e-3,
        }
    }
}

/// A detected partition with its quality and the iterations it took.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Detected {
    pub partition: Partition,
    pub quality: f64,
    pub iterations: usize,
}

/// Totals of a set of nodes: out-strength, in-strength, size.
type Totals = (f64, f64, f64);

fn add(t: &mut [Totals], c: usize, x: Totals, sign: f64) {
    t[c].0 += sign * x.0;
    t[c].1 += sign * x.1;
    t[c].2 += sign * x.2;
}

fn node_totals(net: &Network, u: usize) -> Totals {
    (net.k_out[u], net.k_in[u], net.size[u])
}

/// Fast local moving (Leiden's queue). Returns whether any node moved; `part` is renumbered.
fn move_nodes(net: &Network, part: &mut [u32], quality: &Quality, rng: &mut Rng) -> (bool, usize) {
    let n = net.len();
    let mut totals = vec![(0.0, 0.0, 0.0); n];
    let mut members = vec![0usize; n];
    for u in 0..n {
        add(&mut totals, part[u] as usize, node_totals(net, u), 1.0);
        members[part[u] as usize] += 1;
    }
    let mut empty: Vec<usize> = (0..n).filter(|&c| members[c] == 0).collect();
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut queue: VecDeque<usize> = order.into_iter().collect();
    let mut queued = vec![true; n];
    let mut acc = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    let eps = 1e-12 * net.total.max(1e-300);
    let mut moved = false;
    while let Some(v) = queue.pop_front() {
        queued[v] = false;
        let c = part[v] as usize;
        for (u, w) in net.neighbours(v) {
            let d = part[u] as usize;
            if acc[d] == 0.0 {
                touched.push(d);
            }
            acc[d] += w;
        }
        let tv = node_totals(net, v);
        add(&mut totals, c, tv, -1.0);
        members[c] -= 1;
        let gain =
            |d: usize, acc: &[f64], totals: &[Totals]| acc[d] - quality.penalty(net, tv, totals[d]);
        let (mut best, mut best_gain) = (c, gain(c, &acc, &totals));
        for &d in &touched {
            if d != c {
                let g = gain(d, &acc, &totals);
                if g > best_gain + eps {
                    (best, best_gain) = (d, g);
                }
            }
        }
        // An empty community scores 0.
        if best_gain < -eps && members[c] > 0 {
            if let Some(e) = empty.pop() {
                best = e;
            }
        }
        add(&mut totals, best, tv, 1.0);
        members[best] += 1;
        if members[c] == 0 && best != c {
            empty.push(c);
        }
        if best != c {
            moved = true;
            part[v] = best as u32;
            for (u, _) in net.neighbours(v) {
                if !queued[u] && part[u] as usize != best {
                    queued[u] = true;
                    queue.push_back(u);
                }
            }
        }
        for &d in &touched {
            acc[d] = 0.0;
        }
        touched.clear();
    }
    (moved, renumber(part))
}

/// Leiden's refinement of `part` (numbered 0..count): labels of the refined partition.
fn refine(net: &Network, part: &[u32], count: usize, quality: &Quality, rng: &mut Rng) -> Vec<u32> {
    let n = net.len();
    let mut community = vec![(0.0, 0.0, 0.0); count];
    for (u, &c) in part.iter().enumerate() {
        add(&mut community, c as usize, node_totals(net, u), 1.0);
    }
    let mut refined: Vec<u32> = (0..n as u32).collect();
    let mut totals: Vec<Totals> = (0..n).map(|u| node_totals(net, u)).collect();
    let mut members = vec![1usize; n];
    // W between a refined part and the rest of its community.
    let mut external: Vec<f64> = (0..n)
        .map(|u| {
            net.neighbours(u)
                .filter(|&(v, _)| part[v] == part[u])
                .map(|(_, w)| w)
                .sum()
        })
        .collect();
    let minus = |a: Totals, b: Totals| (a.0 - b.0, a.1 - b.1, a.2 - b.2);
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut acc = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    for v in order {
        let own = refined[v] as usize;
        if members[own] != 1 {
            continue; // v was merged into by another node
        }
        let c = part[v] as usize;
        let tv = node_totals(net, v);
        if external[v] < quality.penalty(net, tv, minus(community[c], tv)) {
            continue; // not well connected to its community
        }
        for (u, w) in net.neighbours(v) {
            if part[u] as usize == c {
                let s = refined[u] as usize;
                if acc[s] == 0.0 {
                    touched.push(s);
                }
                acc[s] += w;
            }
        }
        let (mut best, mut best_gain) = (own, 0.0);
        for &s in &touched {
            if s == own {
                continue;
            }
            let well_connected =
                external[s] >= quality.penalty(net, totals[s], minus(community[c], totals[s]));
            let g = acc[s] - quality.penalty(net, tv, totals[s]);
            if well_connected && g > best_gain {
                (best, best_gain) = (s, g);
            }
        }
        if best != own {
            external[best] += external[v] - 2.0 * acc[best];
            add(&mut totals, best, tv, 1.0);
            add(&mut totals, own, tv, -1.0);
            members[best] += 1;
            members[own] = 0;
            refined[v] = best as u32;
        }
        for &s in &touched {
            acc[s] = 0.0;
        }
        touched.clear();
    }
    refined
}

/// One pass of levels from `start` (labels of the original network's nodes).
fn optimise(
    net0: &Network,
    start: &[u32],
    quality: &Quality,
    refine_levels: bool,
    rng: &mut Rng,
) -> Vec<u32> {
    let mut owned: Option<Network> = None;
    let mut part: Vec<u32> = start.to_vec();
    renumber(&mut part);
    // Which level node each original node is in.
    let mut membership: Vec<u32> = (0..net0.len() as u32).collect();
    loop {
        let net = owned.as_ref().unwrap_or(net0);
        let (_, count) = move_nodes(net, &mut part, quality, rng);
        if count == net.len() {
            break;
        }
        let mut agg_labels = if refine_levels {
            refine(net, &part, count, quality, rng)
        } else {
            part.clone()
        };
        let agg_count = renumber(&mut agg_labels);
        if agg_count == net.len() {
            break; // refinement merged nothing: aggregating would change nothing
        }
        // An aggregate node starts in the community of its members (refinement stays inside
        // communities; without it, each aggregate node is a community of its own).
        let mut next_part = vec![0u32; agg_count];
        for (u, &a) in agg_labels.iter().enumerate() {
            next_part[a as usize] = part[u];
        }
        for m in membership.iter_mut() {
            *m = agg_labels[*m as usize];
        }
        let aggregated = net.aggregate(&agg_labels, agg_count);
        owned = Some(aggregated);
        part = next_part;
    }
    membership.iter().map(|&m| part[m as usize]).collect()
}

fn run(
    g: &Graph,
    params: &LeidenParams,
    refine_levels: bool,
    start: Option<&Partition>,
) -> Detected {
    let net = Network::from_graph(g);
    let n = net.len();
    let mut rng = Rng::new(params.seed);
    let mut labels: Vec<u32> = match start {
        Some(p) => p.labels.clone(),
        None => (0..n as u32).collect(),
    };
    let score = |labels: &[u32]| {
        let mut l = labels.to_vec();
        let count = renumber(&mut l);
        params.quality.value(&net, &l, count)
    };
    if net.total == 0.0 && matches!(params.quality, Quality::Modularity { .. }) {
        let partition = Partition::from_labels(labels);
        return Detected {
            partition,
            quality: 0.0,
            iterations: 0,
        };
    }
    let mut quality = score(&labels);
    let mut iterations = 0;
    let limit = if refine_levels {
        params.iterations.unwrap_or(usize::MAX)
    } else {
        1
    };
    while iterations < limit {
        let next = optimise(&net, &labels, &params.quality, refine_levels, &mut rng);
        iterations += 1;
        let q = score(&next);
        let gain = params.tolerance.max(1e-12) * quality.abs().max(1e-300);
        let improved = q > quality + gain;
        if q >= quality {
            labels = next;
            quality = q;
        }
        if !improved && params.iterations.is_none() {
            break;
        }
    }
    Detected {
        partition: Partition::from_labels(labels),
        quality,
        iterations,
    }
}

/// Communities by the Leiden algorithm, from singletons.
pub fn leiden(g: &Graph, params: &LeidenParams) -> Detected {
    run(g, params, true, None)
}

/// Communities by the Louvain algorithm (one pass of levels), from singletons.
pub fn louvain(g: &Graph, params: &LeidenParams) -> Detected {
    run(g, params, false, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BuildOptions, GraphBuilder};

    pub(crate) fn graph(edges: &[(u32, u32)]) -> Graph {
        let mut b = GraphBuilder::new(BuildOptions {
            directed: false,
            ..BuildOptions::default()
        });
        b.extend(edges.iter().map(|&(u, v)| (u, v, 1.0)));
        b.build()
    }

    fn cliques(k: u32, size: u32, ring: bool) -> Graph {
        let mut e = Vec::new();
        for c in 0..k {
            for i in 0..size {
                for j in i + 1..size {
                    e.push((c * size + i, c * size + j));
                }
            }
            if ring || c + 1 < k {
                e.push((c * size + size - 1, ((c + 1) % k) * size));
            }
        }
        graph(&e)
    }

    #[test]
    fn two_cliques_split() {
        let g = cliques(2, 5, false);
        for seed in 0..5 {
            for d in [
                leiden(
                    &g,
                    &LeidenParams {
                        seed,
                        ..Default::default()
                    },
                ),
                louvain(
                    &g,
                    &LeidenParams {
                        seed,
                        ..Default::default()
                    },
                ),
            ] {
                assert_eq!(d.partition.count, 2, "seed {seed}");
                assert_eq!(d.partition.labels[..5], [0; 5]);
                assert_eq!(d.partition.labels[5..], [1; 5]);
                // Q = 2·(10/21 − (21/42)²): each clique has 10 of the 21 edges and degree sum 21 of 42.
                let want = 2.0 * (10.0 / 21.0 - 0.25);
                assert!((d.quality - want).abs() < 1e-12, "{}", d.quality);
            }
        }
    }

    #[test]
    fn ring_of_cliques_shows_the_resolution_limit() {
        // 30 cliques of 5 in a ring: at γ = 1 modularity merges cliques (Fortunato & Barthélemy
        // 2007); at γ = 2 each clique on its own wins.
        let g = cliques(30, 5, true);
        let d = leiden(&g, &LeidenParams::default());
        // Whole cliques only, and fewer communities than cliques: Q(singles) = 30·(10/330 −
        // (22/660)²) = 0.875758 is beaten (15 pairs: 0.887879; a local optimum mixing pairs and
        // singles lies between).
        assert!(d.partition.count < 30, "{:?}", d.partition.sizes());
        assert!(d.partition.sizes().iter().all(|&s| s % 5 == 0));
        assert!(d.quality > 0.875_758, "{}", d.quality);
        let d = leiden(
            &g,
            &LeidenParams {
                quality: Quality::Modularity { resolution: 2.0 },
                ..Default::default()
            },
        );
        assert_eq!(d.partition.count, 30);
        assert!(d.partition.sizes().iter().all(|&s| s == 5));
    }
}
