//! Infomap (Rosvall & Bergstrom 2008): the two-level map equation, minimised.
//!
//! The codelength of a partition M of a random walk's flow is
//! L(M) = plogp(Σ_i q_i↶) − Σ_i plogp(q_i↶) − Σ_i plogp(q_i↷) − Σ_α plogp(p_α) + Σ_i plogp(q_i↷ + p_i)
//! (bits; plogp(x) = x log₂ x), with p_α the flow through node α, p_i that of module i, and
//! q_i↶, q_i↷ the flow entering and leaving module i.
//!
//! Flow, as the `infomap` package 2.x: undirected, p_α is α's share of the total strength and each
//! edge carries its weight's share in each direction; directed, PageRank with teleportation
//! probability 0.15 to nodes in proportion to their out-weight (dangling nodes teleport), then,
//! as teleportation is not recorded, one step without teleportation gives the node and link flows.
//!
//! Search: nodes move to the neighbouring (or an empty) module that lowers L most, in random
//! order until no move helps; modules become nodes and the search repeats on them; then the
//! partition is re-optimised from the original nodes until L stops falling. Each trial has its own
//! random stream; the best trial wins. Self-loops carry no flow here.

use super::{renumber, Partition};
use crate::random::Rng;
use crate::Graph;
use rayon::prelude::*;

/// Parameters of [`infomap`]; defaults as the `infomap` package (`--two-level`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InfomapParams {
    pub trials: usize,
    pub seed: u64,
    /// Teleportation probability of the directed flow.
    pub teleportation: f64,
}

impl Default for InfomapParams {
    fn default() -> Self {
        InfomapParams {
            trials: 1,
            seed: 123,
            teleportation: 0.15,
        }
    }
}

/// The best partition found and its codelength in bits (index + module codebooks).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MapPartition {
    pub partition: Partition,
    pub codelength: f64,
    pub index_codelength: f64,
    pub module_codelength: f64,
    /// The codelength with every node in one module (the entropy of the node flow).
    pub one_level_codelength: f64,
}

fn plogp(x: f64) -> f64 {
    if x > 0.0 {
        x * x.log2()
    } else {
        0.0
    }
}

/// Sorts a neighbour list and sums the flows of repeated neighbours.
fn merge_repeats(list: &mut Vec<(u32, f64, f64)>) {
    list.sort_by_key(|e| e.0);
    let mut merged: Vec<(u32, f64, f64)> = Vec::with_capacity(list.len());
    for &(v, a, b) in list.iter() {
        match merged.last_mut() {
            Some(last) if last.0 == v => {
                last.1 += a;
                last.2 += b;
            }
            _ => merged.push((v, a, b)),
        }
    }
    *list = merged;
}

/// Node flows and, per node, its neighbours with the flow to and from each.
#[derive(Debug, Clone)]
struct FlowNet {
    offsets: Vec<usize>,
    neighbour: Vec<u32>,
    to: Vec<f64>,
    from: Vec<f64>,
    flow: Vec<f64>,
    /// Σ of flow leaving / entering each node over links to other nodes.
    out: Vec<f64>,
    inn: Vec<f64>,
}

impl FlowNet {
    fn len(&self) -> usize {
        self.flow.len()
    }

    fn links(&self, u: usize) -> impl Iterator<Item = (usize, f64, f64)> + '_ {
        (self.offsets[u]..self.offsets[u + 1])
            .map(move |i| (self.neighbour[i] as usize, self.to[i], self.from[i]))
    }

    /// From per-node lists of (neighbour, flow to it, flow from it), sorted by neighbour.
    fn from_lists(flow: Vec<f64>, lists: Vec<Vec<(u32, f64, f64)>>) -> FlowNet {
        let mut offsets = vec![0];
        let (mut neighbour, mut to, mut from) = (Vec::new(), Vec::new(), Vec::new());
        let (mut out, mut inn) = (vec![0.0; flow.len()], vec![0.0; flow.len()]);
        for (u, list) in lists.into_iter().enumerate() {
            for (v, a, b) in list {
                neighbour.push(v);
                to.push(a);
                from.push(b);
                out[u] += a;
                inn[u] += b;
            }
            offsets.push(neighbour.len());
        }
        FlowNet {
            offsets,
            neighbour,
            to,
            from,
            flow,
            out,
            inn,
        }
    }

    fn from_graph(g: &Graph, teleportation: f64) -> FlowNet {
        let n = g.node_count();
        let weight = |w: Option<&[f64]>, i: usize| w.map_or(1.0, |w| w[i]);
        // Arc weights without self-loops, and out-strengths.
        let arcs: Vec<Vec<(u32, f64)>> = (0..n as u32)
            .map(|u| {
                let w = g.out_weights(u);
                g.out(u)
                    .iter()
                    .enumerate()
                    .filter(|&(_, &v)| v != u)
                    .map(|(i, &v)| (v, weight(w, i)))
                    .collect()
            })
            .collect();
        let strength: Vec<f64> = arcs.iter().map(|a| a.iter().map(|x| x.1).sum()).collect();
        let total: f64 = strength.iter().sum();
        let mut link_flow: Vec<Vec<(u32, f64)>>;
        let node_flow: Vec<f64>;
        if !g.is_directed() {
            node_flow = strength
                .iter()
                .map(|s| s / total.max(f64::MIN_POSITIVE))
                .collect();
            link_flow = arcs
                .iter()
                .map(|a| a.iter().map(|&(v, w)| (v, w / total)).collect())
                .collect();
        } else {
            // PageRank with teleportation to nodes by out-weight; dangling nodes teleport.
            let tele: Vec<f64> = strength
                .iter()
                .map(|s| s / total.max(f64::MIN_POSITIVE))
                .collect();
            let (alpha, beta) = (teleportation, 1.0 - teleportation);
            let mut rank = vec![1.0 / n as f64; n];
            let mut next = vec![0.0; n];
            let mut dangling = 0.0;
            for iteration in 0..200 {
                dangling = (0..n)
                    .filter(|&u| strength[u] == 0.0)
                    .map(|u| rank[u])
                    .sum();
                let base = alpha + beta * dangling;
                for (x, t) in next.iter_mut().zip(&tele) {
                    *x = base * t;
                }
                for (u, a) in arcs.iter().enumerate() {
                    for &(v, w) in a {
                        next[v as usize] += beta * w / strength[u] * rank[u];
                    }
                }
                let sum: f64 = next.iter().sum();
                let mut diff = 0.0;
                for (r, x) in rank.iter_mut().zip(&next) {
                    let x = x / sum;
                    diff += (x - *r).abs();
                    *r = x;
                }
                if diff < 1e-15 && iteration >= 50 {
                    break;
                }
            }
            // One step without teleportation: the flow teleportation does not record.
            let _ = dangling;
            let moving: f64 = (0..n).filter(|&u| strength[u] > 0.0).map(|u| rank[u]).sum();
            link_flow = arcs
                .iter()
                .enumerate()
                .map(|(u, a)| {
                    a.iter()
                        .map(|&(v, w)| (v, w / strength[u] * rank[u] / moving))
                        .collect()
                })
                .collect();
            let mut f = vec![0.0; n];
            for a in &link_flow {
                for &(v, x) in a {
                    f[v as usize] += x;
                }
            }
            node_flow = f;
        }
        // Per node: (neighbour, flow to, flow from), merging both directions.
        let mut lists: Vec<Vec<(u32, f64, f64)>> = vec![Vec::new(); n];
        for (u, a) in link_flow.iter_mut().enumerate() {
            for &(v, x) in a.iter() {
                lists[u].push((v, x, 0.0));
                lists[v as usize].push((u as u32, 0.0, x));
            }
        }
        lists.iter_mut().for_each(merge_repeats);
        FlowNet::from_lists(node_flow, lists)
    }

    /// The network of the modules of `labels` (0..count).
    fn aggregate(&self, labels: &[u32], count: usize) -> FlowNet {
        let mut flow = vec![0.0; count];
        let mut lists: Vec<Vec<(u32, f64, f64)>> = vec![Vec::new(); count];
        for u in 0..self.len() {
            let c = labels[u] as usize;
            flow[c] += self.flow[u];
            for (v, a, b) in self.links(u) {
                let d = labels[v];
                if d as usize != c {
                    lists[c].push((d, a, b));
                }
            }
        }
        lists.iter_mut().for_each(merge_repeats);
        FlowNet::from_lists(flow, lists)
    }
}

/// Module flows and the running sums of the codelength.
struct Modules {
    enter: Vec<f64>,
    exit: Vec<f64>,
    flow: Vec<f64>,
    members: Vec<usize>,
    enter_sum: f64,
    plogp_enter: f64,
    plogp_exit: f64,
    plogp_exit_flow: f64,
}

impl Modules {
    fn new(net: &FlowNet, labels: &[u32]) -> Modules {
        let n = net.len();
        let mut m = Modules {
            enter: vec![0.0; n],
            exit: vec![0.0; n],
            flow: vec![0.0; n],
            members: vec![0; n],
            enter_sum: 0.0,
            plogp_enter: 0.0,
            plogp_exit: 0.0,
            plogp_exit_flow: 0.0,
        };
        for u in 0..n {
            let c = labels[u] as usize;
            m.flow[c] += net.flow[u];
            m.members[c] += 1;
            for (v, a, b) in net.links(u) {
                if labels[v] as usize != c {
                    m.exit[c] += a;
                    m.enter[c] += b;
                }
            }
        }
        for c in 0..n {
            m.add_terms(c, 1.0);
        }
        m
    }

    fn add_terms(&mut self, c: usize, sign: f64) {
        self.enter_sum += sign * self.enter[c];
        self.plogp_enter += sign * plogp(self.enter[c]);
        self.plogp_exit += sign * plogp(self.exit[c]);
        self.plogp_exit_flow += sign * plogp(self.exit[c] + self.flow[c]);
    }

    /// L without the constant node-entropy term.
    fn partial(&self) -> f64 {
        plogp(self.enter_sum) - self.plogp_enter - self.plogp_exit + self.plogp_exit_flow
    }
}

/// Local moves until none lowers the codelength (at most `sweeps` rounds). `labels` index
/// modules < net.len(). Returns whether anything moved.
fn move_nodes(net: &FlowNet, labels: &mut [u32], rng: &mut Rng, sweeps: usize) -> bool {
    let n = net.len();
    let mut m = Modules::new(net, labels);
    let mut empty: Vec<usize> = (0..n).filter(|&c| m.members[c] == 0).collect();
    let mut to = vec![0.0f64; n];
    let mut from = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut order: Vec<usize> = (0..n).collect();
    let mut moved_any = false;
    for _ in 0..sweeps {
        rng.shuffle(&mut order);
        let mut moved = 0usize;
        let before = m.partial();
        for &u in &order {
            let i = labels[u] as usize;
            for (v, a, b) in net.links(u) {
                let d = labels[v] as usize;
                if to[d] == 0.0 && from[d] == 0.0 {
                    touched.push(d);
                }
                to[d] += a;
                from[d] += b;
            }
            let (p, out, inn) = (net.flow[u], net.out[u], net.inn[u]);
            // Module i without u.
            let exit_i = m.exit[i] - out + to[i] + from[i];
            let enter_i = m.enter[i] - inn + from[i] + to[i];
            let flow_i = m.flow[i] - p;
            let current = m.partial();
            // Codelength (partial) after moving u from i to j, given j's values with u.
            let after = |j: usize, exit_j: f64, enter_j: f64, flow_j: f64, m: &Modules| -> f64 {
                let enter_sum = m.enter_sum - m.enter[i] + enter_i - m.enter[j] + enter_j;
                let pe = m.plogp_enter - plogp(m.enter[i]) + plogp(enter_i) - plogp(m.enter[j])
                    + plogp(enter_j);
                let px = m.plogp_exit - plogp(m.exit[i]) + plogp(exit_i) - plogp(m.exit[j])
                    + plogp(exit_j);
                let pf = m.plogp_exit_flow - plogp(m.exit[i] + m.flow[i]) + plogp(exit_i + flow_i)
                    - plogp(m.exit[j] + m.flow[j])
                    + plogp(exit_j + flow_j);
                plogp(enter_sum) - pe - px + pf
            };
            let mut best = (i, current);
            for &j in &touched {
                if j == i {
                    continue;
                }
                let exit_j = m.exit[j] + out - to[j] - from[j];
                let enter_j = m.enter[j] + inn - from[j] - to[j];
                let l = after(j, exit_j, enter_j, m.flow[j] + p, &m);
                if l < best.1 - 1e-14 {
                    best = (j, l);
                }
            }
            if m.members[i] > 1 {
                if let Some(&e) = empty.last() {
                    let l = after(e, out, inn, p, &m);
                    if l < best.1 - 1e-14 {
                        best = (e, l);
                    }
                }
            }
            let j = best.0;
            if j != i {
                if empty.last() == Some(&j) {
                    empty.pop();
                }
                let (exit_j, enter_j) = (
                    m.exit[j] + out - to[j] - from[j],
                    m.enter[j] + inn - from[j] - to[j],
                );
                m.add_terms(i, -1.0);
                m.add_terms(j, -1.0);
                m.exit[i] = exit_i;
                m.enter[i] = enter_i;
                m.flow[i] = flow_i;
                m.exit[j] = exit_j;
                m.enter[j] = enter_j;
                m.flow[j] += p;
                m.add_terms(i, 1.0);
                m.add_terms(j, 1.0);
                m.members[i] -= 1;
                m.members[j] += 1;
                if m.members[i] == 0 {
                    empty.push(i);
                }
                labels[u] = j as u32;
                moved += 1;
            }
            for &d in &touched {
                to[d] = 0.0;
                from[d] = 0.0;
            }
            touched.clear();
        }
        if moved == 0 {
            break;
        }
        moved_any = true;
        if before - m.partial() < 1e-10 {
            break;
        }
    }
    moved_any
}

/// Levels of moving and aggregation from `start` on `net0`; returns labels of net0's nodes.
fn optimise(net0: &FlowNet, start: &[u32], rng: &mut Rng) -> Vec<u32> {
    let mut labels = start.to_vec();
    renumber(&mut labels);
    // First, move original nodes within the current modules' context.
    move_nodes(net0, &mut labels, rng, 10);
    let mut count = renumber(&mut labels);
    let mut membership: Vec<u32> = labels.clone();
    let mut net = net0.aggregate(&labels, count);
    loop {
        let mut level: Vec<u32> = (0..count as u32).collect();
        if !move_nodes(&net, &mut level, rng, 10) {
            break;
        }
        let next = renumber(&mut level);
        if next == count {
            break;
        }
        for m in membership.iter_mut() {
            *m = level[*m as usize];
        }
        net = net.aggregate(&level, next);
        count = next;
    }
    membership
}

/// The codelength terms of a partition of `net`.
fn codelength(net: &FlowNet, labels: &[u32]) -> (f64, f64) {
    let m = Modules::new(net, labels);
    let node_entropy: f64 = net.flow.iter().map(|&p| plogp(p)).sum();
    let index = plogp(m.enter_sum) - m.plogp_enter;
    let module = -m.plogp_exit - node_entropy + m.plogp_exit_flow;
    (index, module)
}

/// The two-level Infomap partition of `g` (directed flow for a directed graph).
pub fn infomap(g: &Graph, params: &InfomapParams) -> MapPartition {
    let net = FlowNet::from_graph(g, params.teleportation);
    let n = net.len();
    let one_level = -net.flow.iter().map(|&p| plogp(p)).sum::<f64>();
    let trials: Vec<(Vec<u32>, f64)> = (0..params.trials.max(1) as u64)
        .into_par_iter()
        .map(|t| {
            let mut rng = Rng::stream(params.seed, t);
            let mut labels: Vec<u32> = (0..n as u32).collect();
            let mut best = f64::INFINITY;
            for _ in 0..20 {
                let next = optimise(&net, &labels, &mut rng);
                let (i, m) = codelength(&net, &next);
                if i + m < best - 1e-10 {
                    best = i + m;
                    labels = next;
                } else {
                    break;
                }
            }
            (labels, best)
        })
        .collect();
    let (mut labels, _) = trials
        .into_iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or_else(|| ((0..n as u32).collect(), one_level));
    renumber(&mut labels);
    // One module is the answer when splitting does not pay.
    let (mut index, mut module) = codelength(&net, &labels);
    if index + module > one_level {
        labels = vec![0; n];
        (index, module) = (0.0, one_level);
    }
    MapPartition {
        partition: Partition::from_labels(labels),
        codelength: index + module,
        index_codelength: index,
        module_codelength: module,
        one_level_codelength: one_level,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BuildOptions, GraphBuilder};

    #[test]
    fn two_cliques_and_their_codelength() {
        let mut b = GraphBuilder::new(BuildOptions {
            directed: false,
            ..BuildOptions::default()
        });
        for c in 0..2u32 {
            for i in 0..5 {
                for j in i + 1..5 {
                    b.edge(5 * c + i, 5 * c + j, 1.0);
                }
            }
        }
        b.edge(4, 5, 1.0);
        let g = b.build();
        let r = infomap(&g, &InfomapParams::default());
        assert_eq!(r.partition.count, 2);
        // By hand: 42 units of strength; nodes 4 and 5 have flow 5/42, the others 4/42; each
        // module exits and enters with 1/42 and holds 21/42.
        let h: f64 = -(8.0 * plogp(4.0 / 42.0) + 2.0 * plogp(5.0 / 42.0));
        assert!((r.one_level_codelength - h).abs() < 1e-12);
        let q = 1.0 / 42.0;
        let want = plogp(2.0 * q) - 2.0 * plogp(q) - 2.0 * plogp(q) - (-h) + 2.0 * plogp(q + 0.5);
        assert!(
            (r.codelength - want).abs() < 1e-12,
            "{} vs {want}",
            r.codelength
        );
    }
}
