//! Label propagation (Raghavan, Albert & Kumara 2007): every node starts with its own label and
//! repeatedly takes the label of largest total edge weight among its neighbours (ties broken at
//! random), until every node has a label of largest weight among its neighbours.
//!
//! Asynchronous (the default, as NetworkX `asyn_lpa_communities`): nodes update one at a time in
//! a fresh random order each round, seeing their neighbours' latest labels. Synchronous: all nodes
//! update at once from the previous round's labels, which can oscillate on bipartite structures,
//! so it stops after `max_rounds`. Cost O(m) per round.

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

/// The labels of largest weight among `v`'s neighbours under `labels`, into `best`.
fn best_labels(
    net: &Network,
    v: usize,
    labels: &[u32],
    acc: &mut [f64],
    touched: &mut Vec<usize>,
    best: &mut Vec<u32>,
) {
    for (u, w) in net.neighbours(v) {
        let l = labels[u] as usize;
        if acc[l] == 0.0 {
            touched.push(l);
        }
        acc[l] += w;
    }
    let top = touched.iter().map(|&l| acc[l]).fold(0.0, f64::max);
    best.clear();
    for &l in touched.iter() {
        if acc[l] >= top * (1.0 - 1e-12) {
            best.push(l as u32);
        }
        acc[l] = 0.0;
    }
    touched.clear();
    best.sort_unstable();
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
    let mut order: Vec<usize> = (0..n).collect();
    let mut rounds = 0;
    while rounds < params.max_rounds {
        rounds += 1;
        let mut changed = false;
        if params.synchronous {
            let previous = labels.clone();
            for v in 0..n {
                best_labels(&net, v, &previous, &mut acc, &mut touched, &mut best);
                if !best.is_empty() && best.binary_search(&previous[v]).is_err() {
                    labels[v] = best[rng.index(best.len())];
                    changed = true;
                }
            }
        } else {
            rng.shuffle(&mut order);
            for &v in &order {
                best_labels(&net, v, &labels, &mut acc, &mut touched, &mut best);
                if !best.is_empty() && best.binary_search(&labels[v]).is_err() {
                    labels[v] = best[rng.index(best.len())];
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
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
