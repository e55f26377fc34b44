//! Label propagation (Raghavan, Albert & Kumara 2007): every node starts with its own label and
//! repeatedly takes the label of largest total edge weight among its neighbours (ties broken at
//! random), until every node has a label of largest weight among its neighbours.
//!
//! Asynchronous (the default, as NetworkX `asyn_lpa_communities`): nodes update in a fresh random
//! order each round, seeing their neighbours' latest labels — here in blocks of that order (n/256
//! nodes, at least 1 and at most [`BLOCK`]): the nodes of a block decide in parallel from the
//! labels as they were when the block began, then take their new labels together. A block is a
//! small share of the graph, so a node rarely waits on a neighbour in its own block (a small graph
//! updates one node at a time, exactly as the sequential algorithm), and every decision depends only
//! on the labels and the node's own random stream: the result is the same on any number of
//! threads. Synchronous: the whole round is one block (all nodes update from the previous round's
//! labels), which can oscillate on bipartite structures, so it stops after `max_rounds`.
//!
//! Only nodes with a neighbour that changed are looked at again (a node whose neighbourhood is
//! unchanged keeps a label of largest weight), and only those whose neighbour took a label other
//! than their own (one that joins a node's label only strengthens it), so later rounds cost far
//! less than the first's O(m). On large graphs a node tallies its neighbours' labels by sorting
//! them, which reads nothing but its own adjacency and the labels (a table indexed by label would
//! be one more cache miss per neighbour); graphs under 65,536 nodes use such a table, which stays
//! in cache, and decide on one thread (their blocks are too small to share).

use super::network::Network;
use super::Partition;
use crate::random::Rng;
use crate::Graph;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

/// The most nodes per block of the asynchronous order.
pub const BLOCK: usize = 2048;
/// The smallest block decided by several threads.
const PARALLEL_BLOCK: usize = 256;
/// Networks with fewer labels than this tally them in a table (at most 512 KiB of weights,
/// cache-resident) rather than by sorting; they are also too small to be shared among threads,
/// so the way of tallying depends on the network alone.
const TABLE_BELOW: usize = 256 * PARALLEL_BLOCK;

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

/// A node's tally of its neighbours' labels: (label, weight), one entry per label.
#[derive(Default)]
struct Tally {
    pairs: Vec<(u32, f64)>,
    labels: Vec<u32>,
    /// Weight per label, zero outside a call: used when the network is small enough for the
    /// table to stay in cache; larger ones sort instead.
    acc: Vec<f64>,
    best: Vec<u32>,
}

impl Tally {
    /// A tally with a table of `n` labels when that is small.
    fn for_network(n: usize) -> Tally {
        Tally {
            acc: if n < TABLE_BELOW {
                vec![0.0; n]
            } else {
                Vec::new()
            },
            ..Tally::default()
        }
    }

    /// Sums the weight of each label among `v`'s neighbours: in the table, or by sorting (with
    /// uniform weights the labels alone, half the data).
    fn count(&mut self, net: &Network, v: usize, labels: &[u32], uniform: bool) {
        let r = net.offsets[v]..net.offsets[v + 1];
        self.pairs.clear();
        if !self.acc.is_empty() {
            for (&u, &w) in net.targets[r.clone()].iter().zip(&net.weights[r]) {
                let l = labels[u as usize];
                let a = self.acc[l as usize];
                if a == 0.0 {
                    self.pairs.push((l, 0.0));
                }
                self.acc[l as usize] = a + w;
            }
            for p in self.pairs.iter_mut() {
                p.1 = self.acc[p.0 as usize];
                self.acc[p.0 as usize] = 0.0;
            }
        } else if uniform {
            self.labels.clear();
            self.labels
                .extend(net.targets[r].iter().map(|&u| labels[u as usize]));
            self.labels.sort_unstable();
            for &l in &self.labels {
                match self.pairs.last_mut() {
                    Some(last) if last.0 == l => last.1 += 1.0,
                    _ => self.pairs.push((l, 1.0)),
                }
            }
        } else {
            self.pairs.extend(
                net.targets[r.clone()]
                    .iter()
                    .zip(&net.weights[r])
                    .map(|(&u, &w)| (labels[u as usize], w)),
            );
            self.pairs.sort_unstable_by_key(|t| t.0);
            let mut len = 0;
            for i in 0..self.pairs.len() {
                if len > 0 && self.pairs[len - 1].0 == self.pairs[i].0 {
                    self.pairs[len - 1].1 += self.pairs[i].1;
                } else {
                    self.pairs[len] = self.pairs[i];
                    len += 1;
                }
            }
            self.pairs.truncate(len);
        }
    }
}

/// The new label of `v` under `labels`, or `None` when its label is already one of largest weight
/// (or it has no neighbours). Ties go to a label drawn from the node's stream for the round.
fn decide(
    net: &Network,
    v: usize,
    labels: &[u32],
    uniform: bool,
    stream: u64,
    tally: &mut Tally,
) -> Option<u32> {
    tally.count(net, v, labels, uniform);
    let t = &tally.pairs;
    let top = t.iter().map(|t| t.1).fold(0.0, f64::max);
    if top <= 0.0 {
        return None;
    }
    let floor = top * (1.0 - 1e-12);
    let current = labels[v];
    if t.iter().any(|t| t.0 == current && t.1 >= floor) {
        return None;
    }
    // The labels of largest weight in label order, whichever way they were tallied.
    tally.best.clear();
    tally
        .best
        .extend(tally.pairs.iter().filter(|t| t.1 >= floor).map(|t| t.0));
    if tally.best.len() == 1 {
        return Some(tally.best[0]);
    }
    tally.best.sort_unstable();
    let pick = Rng::stream(stream, v as u64).index(tally.best.len());
    Some(tally.best[pick])
}

/// Communities by label propagation; returns the partition and the number of rounds.
pub fn label_propagation(g: &Graph, params: &LpaParams) -> (Partition, usize) {
    let net = Network::from_graph(g);
    let n = net.len();
    let uniform = net
        .weights
        .first()
        .is_none_or(|&w0| net.weights.iter().all(|&w| w == w0));
    let mut rng = Rng::new(params.seed);
    let mut labels: Vec<u32> = (0..n as u32).collect();
    // Only nodes with a neighbour that changed, to another label than theirs, since they were last
    // looked at can change: they are the active ones (all at first).
    let active: Vec<AtomicBool> = (0..n).map(|_| AtomicBool::new(true)).collect();
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut decisions: Vec<Option<u32>> = Vec::new();
    let mut tally = Tally::for_network(n);
    // Blocks of a few hundred nodes and more are worth sharing among threads.
    let parallel = rayon::current_num_threads() > 1 && n >= 256 * PARALLEL_BLOCK;
    let mut changed: Vec<u32> = Vec::new();
    let mut rounds = 0;
    while rounds < params.max_rounds && !order.is_empty() {
        rounds += 1;
        let block = if params.synchronous {
            order.len()
        } else {
            rng.shuffle(&mut order);
            (n / 256).clamp(1, BLOCK)
        };
        let stream = rng.next_u64();
        let mut any = false;
        for chunk in order.chunks(block) {
            // Settled earlier in this round and not disturbed since: nothing to do.
            let one = |tally: &mut Tally, &v: &u32| {
                if active[v as usize].swap(false, Relaxed) {
                    decide(&net, v as usize, &labels, uniform, stream, tally)
                } else {
                    None
                }
            };
            if parallel {
                chunk
                    .par_iter()
                    .map_init(Tally::default, one)
                    .collect_into_vec(&mut decisions);
            } else {
                // The same decisions, without the cost of handing small blocks to other threads.
                decisions.clear();
                decisions.extend(chunk.iter().map(|v| one(&mut tally, v)));
            }
            changed.clear();
            for (&v, d) in chunk.iter().zip(&decisions) {
                if let Some(l) = *d {
                    labels[v as usize] = l;
                    changed.push(v);
                }
            }
            any |= !changed.is_empty();
            let labels = &labels;
            let wake = |&v: &u32| {
                let l = labels[v as usize];
                for (u, _) in net.neighbours(v as usize) {
                    if labels[u] != l {
                        active[u].store(true, Relaxed);
                    }
                }
            };
            if parallel {
                changed.par_iter().for_each(wake);
            } else {
                changed.iter().for_each(wake);
            }
        }
        if !any {
            break;
        }
        let awake = |&u: &u32| active[u as usize].load(Relaxed);
        order = if parallel {
            (0..n as u32).into_par_iter().filter(awake).collect()
        } else {
            (0..n as u32).filter(awake).collect()
        };
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

    #[test]
    fn the_partition_does_not_depend_on_the_thread_count() {
        // Large enough for blocks of many nodes decided in parallel.
        let (g, _) = crate::generators::sbm(
            &[5000, 5000, 5000, 5000],
            &[
                vec![0.002, 0.0002, 0.0002, 0.0002],
                vec![0.0002, 0.002, 0.0002, 0.0002],
                vec![0.0002, 0.0002, 0.002, 0.0002],
                vec![0.0002, 0.0002, 0.0002, 0.002],
            ],
            false,
            3,
        )
        .expect("sbm");
        for synchronous in [false, true] {
            let run = |threads: usize| {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .expect("pool");
                pool.install(|| {
                    label_propagation(
                        &g,
                        &LpaParams {
                            synchronous,
                            seed: 9,
                            ..Default::default()
                        },
                    )
                })
            };
            let (a, ra) = run(1);
            let (b, rb) = run(2);
            assert_eq!(a.labels, b.labels, "synchronous: {synchronous}");
            assert_eq!(ra, rb);
            assert!(a.count < 20_000, "labels spread: {}", a.count);
        }
    }
}
