//! Leiden (Traag, Waltman & van Eck 2019) and Louvain (Blondel, Guillaume, Lambiotte & Lefebvre
//! 2008) on the network of [`super::network`], for any [`Quality`].
//!
//! Leiden, one iteration: (1) fast local moving: nodes in a queue, each moved to the neighbouring
//! community of largest gain (or an empty one), and its neighbours outside that community queued
//! again, until a round of re-visits gains little ([`MOVE_TOLERANCE`]); (2) refinement: inside
//! each community, starting from singletons, each node still alone and well connected to its community joins the well-connected sub-community of largest
//! non-negative gain (the θ → 0 limit of the paper's randomised choice, as leidenalg's greedy
//! merge); (3) aggregation by the refined partition, the aggregate starting from the unrefined
//! one. Levels repeat until local moving changes nothing; iterations repeat (from the last
//! partition) until one no longer improves the quality, or `iterations` times. Louvain: local
//! moving and aggregation by the moved partition, one pass of levels. Node orders are shuffled by
//! the seed (on large networks in blocks of consecutive nodes, see [`visit_order`]). Cost per
//! level O(m) for local moving up to the queue's re-visits.
//!
//! On networks of more than [`PARALLEL_ARCS`] arcs, local moving and refinement run on every
//! thread, each taking nodes in chunks and moving them at once on shared atomic state (the
//! asynchronous scheme of NetworKit's ParallelLeiden and of Sahu's GVE-Leiden), and aggregation
//! splits the communities between threads. A move may then rest on a neighbour's community or a
//! community's total that another thread is changing, so the partition varies a little from run
//! to run; on one thread it follows the seed alone, and smaller networks always run on one.

use super::network::Network;
use super::quality::{AtomicF64, One, Quality, Two, Vector};
use super::tally::Tally;
use super::{renumber, Partition};
use crate::random::Rng;
use crate::Graph;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

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

/// Local moving runs on one thread below this many arcs: a small level is done before threads
/// would pay off, and a small network's partition stays the same for any number of threads.
const PARALLEL_ARCS: usize = 1 << 21;

/// Local moving stops after a round of re-visits that gained less than this share of what the
/// level has gained so far. On graphs without clear communities the queue otherwise goes on
/// re-visiting most nodes for small gains (on a Barabási–Albert graph of 1 M nodes, 36 rounds of
/// which the last 25 each gained under 1 % and together cost a sixth of the level). The first
/// round visits every node, so an iteration that moves nothing still ends at a partition no
/// single move improves. Leiden only: its later iterations take up what a level left; Louvain,
/// one pass of levels, moves until no move gains.
const MOVE_TOLERANCE: f64 = 0.1;

/// Nodes a thread takes from the round at a time.
const CHUNK: usize = 256;

/// The state local moving shares between threads. A thread reads its neighbours' communities
/// and the communities' totals as other threads leave them, so with several threads the order
/// of moves, and the partition, vary from run to run (as in NetworKit's ParallelLeiden); with
/// one, they follow the seed alone.
struct Moving<'a, V: Vector> {
    net: &'a Network,
    model: &'a Model<V>,
    part: Vec<AtomicU32>,
    totals: Vec<V::Shared>,
    members: Vec<AtomicU32>,
    queued: Vec<AtomicBool>,
    empty: Mutex<Vec<u32>>,
    eps: f64,
}

/// One thread's tally and the nodes it queued for the next round.
struct Scratch {
    tally: Tally,
    around: Vec<u32>,
    next: Vec<u32>,
}

impl<V: Vector> Moving<'_, V> {
    /// Moves `v` to the neighbouring community of largest gain (or an empty one) and queues its
    /// neighbours outside that community. Returns the gain (0 if `v` stays).
    fn visit(&self, v: usize, s: &mut Scratch) -> f64 {
        let (net, model) = (self.net, self.model);
        self.queued[v].store(false, Relaxed);
        let c = self.part[v].load(Relaxed) as usize;
        let r = net.offsets[v]..net.offsets[v + 1];
        // The neighbours' communities first: independent loads the processor overlaps (on large
        // graphs each is a cache miss). Then the weight to each community.
        s.around.clear();
        s.around.extend(
            net.targets[r.clone()]
                .iter()
                .map(|&u| self.part[u as usize].load(Relaxed)),
        );
        s.tally.clear(s.around.len());
        for (&d, &w) in s.around.iter().zip(&net.weights[r.clone()]) {
            s.tally.add(d, w);
        }
        let xv = model.node[v];
        let stay = s.tally.get(c as u32) - model.penalty(xv, V::load(&self.totals[c]) - xv);
        let (mut best, mut best_gain) = (c, stay);
        for (d, w) in s.tally.iter() {
            let d = d as usize;
            let g = w - model.penalty(xv, V::load(&self.totals[d]));
            if d != c && g > best_gain + self.eps {
                (best, best_gain) = (d, g);
            }
        }
        // An empty community scores 0.
        if best_gain < -self.eps && self.members[c].load(Relaxed) > 1 {
            if let Some(e) = lock(&self.empty).pop() {
                (best, best_gain) = (e as usize, 0.0);
            }
        }
        if best == c {
            return 0.0;
        }
        V::add(&self.totals[c], V::default() - xv);
        V::add(&self.totals[best], xv);
        self.members[best].fetch_add(1, Relaxed);
        if self.members[c].fetch_sub(1, Relaxed) == 1 {
            lock(&self.empty).push(c as u32);
        }
        self.part[v].store(best as u32, Relaxed);
        for &u in &net.targets[r] {
            let u = u as usize;
            if self.part[u].load(Relaxed) as usize != best
                && !self.queued[u].load(Relaxed)
                && !self.queued[u].swap(true, Relaxed)
            {
                s.next.push(u as u32);
            }
        }
        best_gain - stay
    }
}

/// Runs `visit` on each of `nodes`, `CHUNK` at a time, on one thread per entry of `scratch` (each
/// with its own), and sums what it returns.
fn in_chunks<S: Send>(
    nodes: &[u32],
    scratch: &mut [S],
    visit: impl Fn(usize, &mut S) -> f64 + Sync,
) -> f64 {
    let cursor = AtomicUsize::new(0);
    let work = |s: &mut S| {
        let mut sum = 0.0;
        loop {
            let i = cursor.fetch_add(CHUNK, Relaxed);
            if i >= nodes.len() {
                return sum;
            }
            for &v in &nodes[i..nodes.len().min(i + CHUNK)] {
                sum += visit(v as usize, s);
            }
        }
    };
    match scratch {
        [one] => work(one),
        _ => scratch.par_iter_mut().map(work).sum(),
    }
}

/// Shuffles `nodes` into the order they are visited in. On a `large` network, whose rows and
/// states spill the cache, the nodes are sorted and only blocks of [`CHUNK`] shuffled: the
/// visits of a block read neighbouring rows, which the processor streams, and on a Barabási–Albert
/// graph of 1 M nodes a round of local moving takes half the time (and the partition has
/// slightly higher modularity).
fn visit_order(nodes: &mut Vec<u32>, large: bool, rng: &mut Rng) {
    if !large {
        rng.shuffle(nodes);
        return;
    }
    nodes.sort_unstable();
    let mut blocks: Vec<&[u32]> = nodes.chunks(CHUNK).collect();
    rng.shuffle(&mut blocks);
    *nodes = blocks.concat();
}

/// Threads for work on `net`: one below [`PARALLEL_ARCS`].
fn threads_for(net: &Network) -> usize {
    if net.targets.len() >= PARALLEL_ARCS {
        rayon::current_num_threads()
    } else {
        1
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Fast local moving (Leiden's queue, taken in rounds: the nodes queued while a round runs make
/// the next one). `part` is renumbered; returns the number of communities.
fn move_nodes<V: Vector>(
    net: &Network,
    model: &Model<V>,
    part: &mut [u32],
    rng: &mut Rng,
    tolerance: f64,
) -> usize {
    let n = net.len();
    let mut totals = vec![V::default(); n];
    let mut members = vec![0u32; n];
    for u in 0..n {
        totals[part[u] as usize] += model.node[u];
        members[part[u] as usize] += 1;
    }
    let empty: Vec<u32> = (0..n as u32)
        .filter(|&c| members[c as usize] == 0)
        .collect();
    let moving = Moving {
        net,
        model,
        part: part.iter().map(|&c| AtomicU32::new(c)).collect(),
        totals: totals.into_iter().map(V::share).collect(),
        members: members.into_iter().map(AtomicU32::new).collect(),
        queued: (0..n).map(|_| AtomicBool::new(true)).collect(),
        empty: Mutex::new(empty),
        eps: 1e-12 * net.total.max(1e-300),
    };
    let mut scratch: Vec<Scratch> = (0..threads_for(net))
        .map(|_| Scratch {
            tally: Tally::default(),
            around: Vec::new(),
            next: Vec::new(),
        })
        .collect();
    let large = net.targets.len() >= PARALLEL_ARCS;
    let mut round: Vec<u32> = (0..n as u32).collect();
    visit_order(&mut round, large, rng);
    let mut gained = 0.0;
    let mut first = true;
    while !round.is_empty() {
        let gain = in_chunks(&round, &mut scratch, |v, s| moving.visit(v, s));
        round.clear();
        for s in &mut scratch {
            round.append(&mut s.next);
        }
        if large {
            visit_order(&mut round, large, rng);
        }
        gained += gain;
        if !first && gain < tolerance * gained {
            break;
        }
        first = false;
    }
    for (p, c) in part.iter_mut().zip(&moving.part) {
        *p = c.load(Relaxed);
    }
    renumber(part)
}

/// The state refinement shares between threads (see [`Moving`] on what several threads change).
struct Refining<'a, V: Vector> {
    net: &'a Network,
    model: &'a Model<V>,
    part: &'a [u32],
    /// Each community's vector.
    community: Vec<V>,
    refined: Vec<AtomicU32>,
    totals: Vec<V::Shared>,
    members: Vec<AtomicU32>,
    /// W between a refined part and the rest of its community.
    external: Vec<AtomicF64>,
}

impl<V: Vector> Refining<'_, V> {
    /// Merges `v`, if still alone and well connected to its community, into the well-connected
    /// sub-community of its community with the largest non-negative gain.
    fn visit(&self, v: usize, tally: &mut Tally) {
        let (net, model) = (self.net, self.model);
        let own = self.refined[v].load(Relaxed) as usize;
        if self.members[own].load(Relaxed) != 1 {
            return; // v was merged into by another node
        }
        let c = self.part[v] as usize;
        let xv = model.node[v];
        let outside = self.community[c] - xv;
        if self.external[v].load() < model.penalty(xv, outside) {
            return; // not well connected to its community
        }
        tally.clear(net.offsets[v + 1] - net.offsets[v]);
        for (u, w) in net.neighbours(v) {
            if self.part[u] as usize == c {
                tally.add(self.refined[u].load(Relaxed), w);
            }
        }
        let (mut best, mut best_gain, mut best_w) = (own, 0.0, 0.0);
        for (s, w) in tally.iter() {
            let s = s as usize;
            if s == own {
                continue;
            }
            let total = V::load(&self.totals[s]);
            let well_connected =
                self.external[s].load() >= model.penalty(total, self.community[c] - total);
            let g = w - model.penalty(xv, total);
            if well_connected && g > best_gain {
                (best, best_gain, best_w) = (s, g, w);
            }
        }
        if best != own {
            self.external[best].add(self.external[v].load() - 2.0 * best_w);
            V::add(&self.totals[best], xv);
            V::add(&self.totals[own], V::default() - xv);
            self.members[best].fetch_add(1, Relaxed);
            self.members[own].fetch_sub(1, Relaxed);
            self.refined[v].store(best as u32, Relaxed);
        }
    }
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
    let external = (0..n)
        .into_par_iter()
        .map(|u| {
            AtomicF64::new(
                net.neighbours(u)
                    .filter(|&(v, _)| part[v] == part[u])
                    .map(|(_, w)| w)
                    .sum(),
            )
        })
        .collect();
    let refining = Refining {
        net,
        model,
        part,
        community,
        refined: (0..n as u32).map(AtomicU32::new).collect(),
        totals: model.node.iter().map(|&x| x.share()).collect(),
        members: (0..n).map(|_| AtomicU32::new(1)).collect(),
        external,
    };
    let mut order: Vec<u32> = (0..n as u32).collect();
    visit_order(&mut order, net.targets.len() >= PARALLEL_ARCS, rng);
    let mut scratch: Vec<Tally> = (0..threads_for(net)).map(|_| Tally::default()).collect();
    in_chunks(&order, &mut scratch, |v, tally| {
        refining.visit(v, tally);
        0.0
    });
    refining
        .refined
        .into_iter()
        .map(AtomicU32::into_inner)
        .collect()
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
        let tolerance = if refine_levels { MOVE_TOLERANCE } else { 0.0 };
        let count = move_nodes(net, &model, &mut part, rng, tolerance);
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
    fn two_threads_find_the_planted_blocks_as_one_does() {
        // 2.4 M arcs: above PARALLEL_ARCS, so local moving, refinement and aggregation run on
        // both threads of the second pool.
        let k = 40;
        let p: Vec<Vec<f64>> = (0..k)
            .map(|i| {
                (0..k)
                    .map(|j| if i == j { 0.008 } else { 4.1e-5 })
                    .collect()
            })
            .collect();
        let (g, blocks) = crate::generators::sbm(&vec![2500; k], &p, false, 5).expect("sbm");
        let truth = Partition::from_labels(blocks);
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool")
                .install(|| leiden(&g, &LeidenParams::default()))
        };
        let (one, two) = (run(1), run(2));
        assert_eq!(one, run(1), "one thread follows the seed alone");
        for d in [&one, &two] {
            assert_eq!(d.partition.labels.len(), g.node_count());
            let nmi = crate::community::evaluate::nmi(&d.partition, &truth, Default::default());
            assert!(nmi > 0.99, "NMI {nmi}");
            let q = crate::community::modularity(&g, &d.partition, 1.0);
            assert!((q - d.quality).abs() < 1e-9, "{q} {}", d.quality);
        }
        assert!((one.quality - two.quality).abs() < 1e-3);
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
