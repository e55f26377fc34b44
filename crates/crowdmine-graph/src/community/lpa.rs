//! Label propagation (Raghavan, Albert & Kumara 2007): every node starts with its own label and
//! repeatedly takes the label of largest total edge weight among its neighbours (ties broken at
//! random), until every node has a label of largest weight among its neighbours.
//!
//! Asynchronous (the default, as NetworkX `asyn_lpa_communities`): nodes update one at a time in
//! a fresh random order each round, seeing their neighbours' latest labels. Synchronous: all nodes
//! update at once from the previous round's labels, which can oscillate on bipartite structures,
//! so it stops after `max_rounds`. Only nodes with a neighbour that changed are looked at again
//! (a node whose neighbourhood is unchanged keeps a label of largest weight), so later rounds cost
//! far less than the first's O(m).

use super::network::Network;
use super::Partition;
use crate::random::Rng;
use crate::Graph;

/// Parameters of [`label_propagation`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LpaParams {
    pub synchronous: bool,
    pub seed: u64,
    pub max_rounds: usize,
}

impl Default for LpaParams {
    fn default() -> Self {
        LpaParams {
            synchronous: false,
            seed: 1,
            max_rounds: 100,
        }
    }
}

/// The labels of largest weight among `v`'s neighbours under `labels`, into `best`; returns
/// whether `current` is one of them.
fn best_labels(
    net: &Network,
    v: usize,
    labels: &[u32],
    current: u32,
    acc: &mut [f64],
    touched: &mut Vec<usize>,
    best: &mut Vec<u32>,
) -> bool {
    for (u, w) in net.neighbours(v) {
        let l = labels[u] as usize;
        if acc[l] == 0.0 {
            touched.push(l);
        }
        acc[l] += w;
    }
    let top = touched.iter().map(|&l| acc[l]).fold(0.0, f64::max);
    let floor = top * (1.0 - 1e-12);
    let keeps = acc[current as usize] >= floor && acc[current as usize] > 0.0;
    best.clear();
    for &l in touched.iter() {
        if acc[l] >= floor {
            best.push(l as u32);
        }
        acc[l] = 0.0;
    }
    touched.clear();
    keeps || best.is_empty()
}

/// Communities by label propagation; returns the partition and the number of rounds.
pub fn label_propagation(g: &Graph, params: &LpaParams) -> (Partition, usize) {
    let net = Network::from_graph(g);
    let n = net.len();
    let mut rng = Rng::new(params.seed);
    let mut labels: Vec<u32> = (0..n as u32).collect();
    let mut acc = vec![0.0f64; n];
    let mut touched = Vec::new();
    let mut best = Vec::new();
    // Only nodes with a neighbour that changed since they were last looked at can change: they
    // are the active ones (all at first).
    let mut active = vec![true; n];
    let mut order: Vec<usize> = (0..n).collect();
    let mut rounds = 0;
    while rounds < params.max_rounds && !order.is_empty() {
        rounds += 1;
        let mut changed: Vec<usize> = Vec::new();
        if params.synchronous {
            let previous = labels.clone();
            for &v in &order {
                active[v] = false;
                if !best_labels(
                    &net,
                    v,
                    &previous,
                    previous[v],
                    &mut acc,
                    &mut touched,
                    &mut best,
                ) {
                    labels[v] = best[rng.index(best.len())];
                    changed.push(v);
                }
            }
        } else {
            rng.shuffle(&mut order);
            for &v in &order {
                if !active[v] {
                    continue; // settled earlier in this round and not disturbed since
                }
                active[v] = false;
                if !best_labels(
                    &net,
                    v,
                    &labels,
                    labels[v],
                    &mut acc,
                    &mut touched,
                    &mut best,
                ) {
                    labels[v] = best[rng.index(best.len())];
                    changed.push(v);
                    for (u, _) in net.neighbours(v) {
                        active[u] = true;
                    }
                }
            }
        }
        if params.synchronous {
            for &v in &changed {
                for (u, _) in net.neighbours(v) {
                    active[u] = true;
                }
            }
        }
        if changed.is_empty() {
            break;
        }
        order = (0..n).filter(|&u| active[u]).collect();
    }
    (Partition::from_labels(labels), rounds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BuildOptions, GraphBuilder};

    #[test]
    fn two_cliques_get_two_labels() {
        let mut e = Vec::new();
        for c in 0..2u32 {
            for i in 0..6 {
                for j in i + 1..6 {
                    e.push((c * 6 + i, c * 6 + j, 1.0));
                }
            }
        }
        e.push((5, 6, 1.0));
        let mut b = GraphBuilder::new(BuildOptions {
            directed: false,
            ..BuildOptions::default()
        });
        b.extend(e);
        let g = b.build();
        for seed in 0..10 {
            let (p, _) = label_propagation(
                &g,
                &LpaParams {
                    seed,
                    ..Default::default()
                },
            );
            assert_eq!(p.count, 2, "seed {seed}: {:?}", p.labels);
        }
    }
}
