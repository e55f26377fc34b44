//! Label propagation (Raghavan, Albert & Kumara 2007): every node starts with its own label and
//! repeatedly takes the label of largest total edge weight among its neighbours (ties broken at
//! random), until every node has a label of largest weight among its neighbours.
//!
//! Asynchronous (the default, as NetworkX `asyn_lpa_communities`): nodes update one at a time in
//! a fresh random order each round, seeing their neighbours' latest labels. Synchronous: all nodes
//! update at once from the previous round's labels, which can oscillate on bipartite structures,
//! so it stops after `max_rounds`. Only nodes with a neighbour that changed are looked at again
//! (a node whose neighbourhood is unchanged keeps a label of largest weight), and only those whose
//! neighbour took a label other than their own (one that joins a node's label only strengthens it),
//! so later rounds cost far less than the first's O(m).

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

/// Scratch space of [`best_labels`], reused from node to node.
#[derive(Default)]
struct Scratch {
    /// Weight per label, zero outside a call.
    acc: Vec<f64>,
    /// The neighbours' labels, then each distinct label once.
    labels: Vec<u32>,
    touched: Vec<u32>,
    /// The labels of largest weight.
    best: Vec<u32>,
}

/// The labels of largest weight among `v`'s neighbours under `labels`, into `s.best`; returns
/// whether `current` is one of them.
fn best_labels(net: &Network, v: usize, labels: &[u32], current: u32, s: &mut Scratch) -> bool {
    let r = net.offsets[v]..net.offsets[v + 1];
    // The neighbours' labels first (independent loads the processor overlaps), then the weight of
    // each label, each listed once, without a branch per neighbour.
    s.labels.clear();
    s.labels
        .extend(net.targets[r.clone()].iter().map(|&u| labels[u as usize]));
    s.touched.resize(s.labels.len(), 0);
    let mut len = 0;
    for (&l, &w) in s.labels.iter().zip(&net.weights[r]) {
        let a = s.acc[l as usize];
        s.touched[len] = l;
        len += usize::from(a == 0.0);
        s.acc[l as usize] = a + w;
    }
    s.touched.truncate(len);
    let top = s
        .touched
        .iter()
        .map(|&l| s.acc[l as usize])
        .fold(0.0, f64::max);
    let floor = top * (1.0 - 1e-12);
    let keeps = s.acc[current as usize] >= floor && s.acc[current as usize] > 0.0;
    s.best.clear();
    for &l in &s.touched {
        if s.acc[l as usize] >= floor {
            s.best.push(l);
        }
        s.acc[l as usize] = 0.0;
    }
    keeps || s.best.is_empty()
}

/// Communities by label propagation; returns the partition and the number of rounds.
pub fn label_propagation(g: &Graph, params: &LpaParams) -> (Partition, usize) {
    let net = Network::from_graph(g);
    let n = net.len();
    let mut rng = Rng::new(params.seed);
    let mut labels: Vec<u32> = (0..n as u32).collect();
    let mut s = Scratch {
        acc: vec![0.0; n],
        ..Scratch::default()
    };
    // Only nodes with a neighbour that changed, to another label than theirs, since they were last
    // looked at can change: they are the active ones (all at first).
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
                if !best_labels(&net, v, &previous, previous[v], &mut s) {
                    labels[v] = s.best[rng.index(s.best.len())];
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
                if !best_labels(&net, v, &labels, labels[v], &mut s) {
                    labels[v] = s.best[rng.index(s.best.len())];
                    changed.push(v);
                    for (u, _) in net.neighbours(v) {
                        active[u] |= labels[u] != labels[v];
                    }
                }
            }
        }
        if params.synchronous {
            for &v in &changed {
                for (u, _) in net.neighbours(v) {
                    active[u] |= labels[u] != labels[v];
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
