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
use super::quality::{One, Quality, Two, Vector};
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

/// A node's vector and the scale of the penalty (see [`Vector`]) on one level's network.
struct Model<V> {
    node: Vec<V>,
    scale: f64,
}

impl<V: Vector> Model<V> {
    fn new(quality: &Quality, net: &Network) -> Model<V> {
        let (node, scale) = V::model(quality, net);
        Model { node, scale }
    }

    fn penalty(&self, a: V, b: V) -> f64 {
        self.scale * a.cross(b)
    }
}

/// Fast local moving (Leiden's queue). `part` is renumbered; returns the number of communities.
fn move_nodes<V: Vector>(
    net: &Network,
    model: &Model<V>,
    part: &mut [u32],
    rng: &mut Rng,
) -> usize {
    let n = net.len();
    let mut totals = vec![V::default(); n];
    let mut members = vec![0u32; n];
    for u in 0..n {
        totals[part[u] as usize] += model.node[u];
        members[part[u] as usize] += 1;
    }
    let mut empty: Vec<u32> = (0..n as u32)
        .filter(|&c| members[c as usize] == 0)
        .collect();
    let mut order: Vec<u32> = (0..n as u32).collect();
    rng.shuffle(&mut order);
    let mut queue: VecDeque<u32> = order.into();
    let mut queued = vec![true; n];
    let mut acc = vec![0.0f64; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut around: Vec<u32> = Vec::new();
    let eps = 1e-12 * net.total.max(1e-300);
    while let Some(v) = queue.pop_front() {
        let v = v as usize;
        queued[v] = false;
        let c = part[v] as usize;
        let r = net.offsets[v]..net.offsets[v + 1];
        // The neighbours' communities first: independent loads the processor overlaps (on large
        // graphs each is a cache miss). Then the weight to each community, each listed once in
        // `touched`, without a branch per neighbour.
        around.clear();
        around.extend(net.targets[r.clone()].iter().map(|&u| part[u as usize]));
        touched.resize(around.len(), 0);
        let mut len = 0;
        for (&d, &w) in around.iter().zip(&net.weights[r]) {
            let a = acc[d as usize];
            touched[len] = d;
            len += usize::from(a == 0.0);
            acc[d as usize] = a + w;
        }
        touched.truncate(len);
        let xv = model.node[v];
        totals[c] -= xv;
        members[c] -= 1;
        let (mut best, mut best_gain) = (c, acc[c] - model.penalty(xv, totals[c]));
        for &d in &touched {
            let d = d as usize;
            let g = acc[d] - model.penalty(xv, totals[d]);
            if g > best_gain + eps {
                (best, best_gain) = (d, g);
            }
        }
        // An empty community scores 0.
        if best_gain < -eps && members[c] > 0 {
            if let Some(e) = empty.pop() {
                best = e as usize;
            }
        }
        totals[best] += xv;
        members[best] += 1;
        if members[c] == 0 && best != c {
            empty.push(c as u32);
        }
        if best != c {
            part[v] = best as u32;
            for (u, _) in net.neighbours(v) {
                if !queued[u] && part[u] as usize != best {
                    queued[u] = true;
                    queue.push_back(u as u32);
                }
            }
        }
        for &d in &touched {
            acc[d as usize] = 0.0;
        }
    }
    renumber(part)
}

/// Leiden's refinement of `part` (numbered 0..count): labels of the refined partition.
fn refine<V: Vector>(
    net: &Network,
    model: &Model<V>,
    part: &[u32],
    count: usize,
    rng: &mut Rng,
) -> Vec<u32> {
    let n = net.len();
    let mut community = vec![V::default(); count];
    for (u, &c) in part.iter().enumerate() {
        community[c as usize] += model.node[u];
    }
    let mut refined: Vec<u32> = (0..n as u32).collect();
    let mut totals: Vec<V> = model.node.clone();
    let mut members = vec![1u32; n];
    // W between a refined part and the rest of its community.
    let mut external: Vec<f64> = (0..n)
        .map(|u| {
            net.neighbours(u)
                .filter(|&(v, _)| part[v] == part[u])
                .map(|(_, w)| w)
                .sum()
        })
        .collect();
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
        let xv = model.node[v];
        if external[v] < model.penalty(xv, community[c] - xv) {
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
            let well_connected = external[s] >= model.penalty(totals[s], community[c] - totals[s]);
            let g = acc[s] - model.penalty(xv, totals[s]);
            if well_connected && g > best_gain {
                (best, best_gain) = (s, g);
            }
        }
        if best != own {
            external[best] += external[v] - 2.0 * acc[best];
            totals[best] += xv;
            totals[own] -= xv;
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
fn optimise<V: Vector>(
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
        let model = Model::<V>::new(quality, net);
        let count = move_nodes(net, &model, &mut part, rng);
        if count == net.len() {
            break;
        }
        let mut agg_labels = if refine_levels {
            refine(net, &model, &part, count, rng)
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
        let next = if params.quality.symmetric(&net) {
            optimise::<One>(&net, &labels, &params.quality, refine_levels, &mut rng)
        } else {
            optimise::<Two>(&net, &labels, &params.quality, refine_levels, &mut rng)
        };
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
