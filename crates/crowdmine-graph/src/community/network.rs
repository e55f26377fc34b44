//! The weighted network the optimisers work on, and its aggregation by a partition.
//!
//! Every graph is held as a directed arc-weight matrix A (an undirected edge of weight w as A_uv =
//! A_vu = w, an undirected self-loop as A_uu = 2w, so that degrees and modularity are NetworkX's).
//! Adjacency lists store W_uv = A_uv + A_vu for u ≠ v, once per neighbour; A_uu is kept apart. A
//! node carries its out- and in-strength and its size (the number of original nodes in it).

use super::tally::Tally;
use crate::Graph;
use rayon::prelude::*;

#[derive(Debug, Clone)]
pub(crate) struct Network {
    pub offsets: Vec<usize>,
    pub targets: Vec<u32>,
    pub weights: Vec<f64>,
    pub self_weight: Vec<f64>,
    pub k_out: Vec<f64>,
    pub k_in: Vec<f64>,
    pub size: Vec<f64>,
    /// Σ A_uv.
    pub total: f64,
}

impl Network {
    pub fn len(&self) -> usize {
        self.self_weight.len()
    }

    pub fn neighbours(&self, u: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[u]..self.offsets[u + 1];
        self.targets[r.clone()]
            .iter()
            .zip(&self.weights[r])
            .map(|(&v, &w)| (v as usize, w))
    }

    pub fn from_graph(g: &Graph) -> Network {
        let n = g.node_count();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets =
            Vec::with_capacity(g.adjacency_len() * if g.is_directed() { 2 } else { 1 });
        let mut weights = Vec::with_capacity(targets.capacity());
        let mut self_weight = vec![0.0; n];
        let (mut k_out, mut k_in) = (vec![0.0; n], vec![0.0; n]);
        offsets.push(0);
        let weight = |w: Option<&[f64]>, i: usize| w.map_or(1.0, |w| w[i]);
        for u in 0..n as u32 {
            let (out, w_out) = (g.out(u), g.out_weights(u));
            if g.is_directed() {
                // Merge the sorted out- and in-lists: W_uv = A_uv + A_vu.
                let (inn, w_in) = (g.inn(u), g.in_weights(u));
                let (mut i, mut j) = (0, 0);
                while i < out.len() || j < inn.len() {
                    let a = out.get(i).copied().unwrap_or(u32::MAX);
                    let b = inn.get(j).copied().unwrap_or(u32::MAX);
                    let v = a.min(b);
                    let mut w = 0.0;
                    if a == v {
                        let x = weight(w_out, i);
                        k_out[u as usize] += x;
                        if v == u {
                            self_weight[u as usize] += x;
                        }
                        w += x;
                        i += 1;
                    }
                    if b == v {
                        let x = weight(w_in, j);
                        k_in[u as usize] += x;
                        w += x;
                        j += 1;
                    }
                    if v != u {
                        targets.push(v);
                        weights.push(w);
                    }
                }
            } else {
                for (i, &v) in out.iter().enumerate() {
                    let w = weight(w_out, i);
                    if v == u {
                        self_weight[u as usize] += 2.0 * w;
                        k_out[u as usize] += 2.0 * w;
                    } else {
                        targets.push(v);
                        weights.push(2.0 * w);
                        k_out[u as usize] += w;
                    }
                }
                k_in[u as usize] = k_out[u as usize];
            }
            offsets.push(targets.len());
        }
        let total = k_out.iter().sum();
        Network {
            offsets,
            targets,
            weights,
            self_weight,
            k_out,
            k_in,
            size: vec![1.0; n],
            total,
        }
    }

    /// The network of the communities of `labels` (numbered 0..count). Large networks are
    /// aggregated on all threads, in ranges of communities with about equal numbers of arcs,
    /// joined in order: the result does not depend on the number of threads.
    pub fn aggregate(&self, labels: &[u32], count: usize) -> Network {
        // The nodes grouped by community (a counting sort), and each community's arcs.
        let mut start = vec![0usize; count + 1];
        let mut arcs = vec![0usize; count];
        for (u, &c) in labels.iter().enumerate() {
            start[c as usize + 1] += 1;
            arcs[c as usize] += self.offsets[u + 1] - self.offsets[u];
        }
        for c in 0..count {
            start[c + 1] += start[c];
        }
        let mut fill = start.clone();
        let mut grouped = vec![0u32; labels.len()];
        for (u, &c) in labels.iter().enumerate() {
            grouped[fill[c as usize]] = u as u32;
            fill[c as usize] += 1;
        }
        let pieces = if self.targets.len() >= 1 << 21 {
            4 * rayon::current_num_threads()
        } else {
            1
        };
        let share = self.targets.len().div_ceil(pieces).max(1);
        let mut ranges = Vec::with_capacity(pieces);
        let (mut from, mut sum) = (0, 0);
        for (c, &a) in arcs.iter().enumerate() {
            sum += a;
            if sum >= share {
                ranges.push((from..c + 1, sum));
                (from, sum) = (c + 1, 0);
            }
        }
        ranges.push((from..count, sum));
        let group = |c: usize| &grouped[start[c]..start[c + 1]];
        let parts: Vec<Network> = ranges
            .into_par_iter()
            .map(|(r, arcs)| self.aggregate_range(r, arcs, &group, labels))
            .collect();
        // The rows joined in order; the arcs, most of the bytes, copied on all threads.
        let arcs = parts.iter().map(|p| p.targets.len()).sum();
        let (mut targets, mut weights) = (vec![0u32; arcs], vec![0.0f64; arcs]);
        let mut jobs = Vec::with_capacity(parts.len());
        let (mut t_rest, mut w_rest) = (&mut targets[..], &mut weights[..]);
        for p in &parts {
            let (t, t_next) = t_rest.split_at_mut(p.targets.len());
            let (w, w_next) = w_rest.split_at_mut(p.targets.len());
            jobs.push((t, w, p));
            (t_rest, w_rest) = (t_next, w_next);
        }
        jobs.into_par_iter().for_each(|(t, w, p)| {
            t.copy_from_slice(&p.targets);
            w.copy_from_slice(&p.weights);
        });
        let mut whole = Network {
            offsets: Vec::with_capacity(count + 1),
            targets,
            weights,
            self_weight: Vec::with_capacity(count),
            k_out: Vec::with_capacity(count),
            k_in: Vec::with_capacity(count),
            size: Vec::with_capacity(count),
            total: self.total,
        };
        whole.offsets.push(0);
        let mut base = 0;
        for p in parts {
            whole
                .offsets
                .extend(p.offsets[1..].iter().map(|&o| base + o));
            base += p.targets.len();
            whole.self_weight.extend(p.self_weight);
            whole.k_out.extend(p.k_out);
            whole.k_in.extend(p.k_in);
            whole.size.extend(p.size);
        }
        whole
    }

    /// The aggregate nodes of the communities in `range` (whose members have `arcs` arcs), as a
    /// network of their own rows.
    fn aggregate_range<'a>(
        &self,
        range: std::ops::Range<usize>,
        arcs: usize,
        group: &(impl Fn(usize) -> &'a [u32] + Sync),
        labels: &[u32],
    ) -> Network {
        let len = range.len();
        let mut part = Network {
            offsets: Vec::with_capacity(len + 1),
            // At most one row entry per arc of the members: no growing by copies.
            targets: Vec::with_capacity(arcs),
            weights: Vec::with_capacity(arcs),
            self_weight: vec![0.0; len],
            k_out: vec![0.0; len],
            k_in: vec![0.0; len],
            size: vec![0.0; len],
            total: 0.0,
        };
        let (mut around, mut arc_weights, mut row) = (Vec::new(), Vec::new(), Vec::new());
        let mut tally = Tally::default();
        part.offsets.push(0);
        for (i, c) in range.enumerate() {
            // The communities at the end of all the members' arcs first (independent loads the
            // processor overlaps), then the weight to each.
            around.clear();
            arc_weights.clear();
            for &u in group(c) {
                let u = u as usize;
                part.self_weight[i] += self.self_weight[u];
                part.k_out[i] += self.k_out[u];
                part.k_in[i] += self.k_in[u];
                part.size[i] += self.size[u];
                let r = self.offsets[u]..self.offsets[u + 1];
                around.extend(self.targets[r.clone()].iter().map(|&v| labels[v as usize]));
                arc_weights.extend_from_slice(&self.weights[r]);
            }
            tally.clear(around.len().min(self.len()));
            for (&d, &w) in around.iter().zip(&arc_weights) {
                tally.add(d, w);
            }
            // W counts an internal pair from both ends: each end adds half of A_uv + A_vu.
            part.self_weight[i] += 0.5 * tally.get(c as u32);
            // Sorted neighbour lists: the next level reads its neighbours' states in address order.
            row.clear();
            row.extend(tally.iter().filter(|&(d, _)| d as usize != c));
            row.sort_unstable_by_key(|&(d, _)| d);
            part.targets.extend(row.iter().map(|&(d, _)| d));
            part.weights.extend(row.iter().map(|&(_, w)| w));
            part.offsets.push(part.targets.len());
        }
        part
    }
}
