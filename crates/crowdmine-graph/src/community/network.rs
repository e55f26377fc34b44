//! The weighted network the optimisers work on, and its aggregation by a partition.
//!
//! Every graph is held as a directed arc-weight matrix A (an undirected edge of weight w as A_uv =
//! A_vu = w, an undirected self-loop as A_uu = 2w, so that degrees and modularity are NetworkX's).
//! Adjacency lists store W_uv = A_uv + A_vu for u ≠ v, once per neighbour; A_uu is kept apart. A
//! node carries its out- and in-strength and its size (the number of original nodes in it).

use crate::Graph;

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

    /// The network of the communities of `labels` (numbered 0..count).
    pub fn aggregate(&self, labels: &[u32], count: usize) -> Network {
        // The nodes grouped by community (a counting sort).
        let mut start = vec![0usize; count + 1];
        for &c in labels {
            start[c as usize + 1] += 1;
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
        let mut offsets = Vec::with_capacity(count + 1);
        let mut targets = Vec::new();
        let mut weights = Vec::new();
        let mut self_weight = vec![0.0; count];
        let (mut k_out, mut k_in, mut size) =
            (vec![0.0; count], vec![0.0; count], vec![0.0; count]);
        let mut acc = vec![0.0f64; count];
        let mut touched: Vec<u32> = Vec::new();
        offsets.push(0);
        for c in 0..count {
            for &u in &grouped[start[c]..start[c + 1]] {
                let u = u as usize;
                self_weight[c] += self.self_weight[u];
                k_out[c] += self.k_out[u];
                k_in[c] += self.k_in[u];
                size[c] += self.size[u];
                for (v, w) in self.neighbours(u) {
                    let d = labels[v] as usize;
                    if d == c {
                        // W counts the pair from both ends: each end adds half of A_uv + A_vu.
                        self_weight[c] += 0.5 * w;
                    } else {
                        if acc[d] == 0.0 {
                            touched.push(d as u32);
                        }
                        acc[d] += w;
                    }
                }
            }
            // Sorted neighbour lists: the next level reads its neighbours' states in address order.
            touched.sort_unstable();
            for &d in &touched {
                targets.push(d);
                weights.push(acc[d as usize]);
                acc[d as usize] = 0.0;
            }
            touched.clear();
            offsets.push(targets.len());
        }
        Network {
            offsets,
            targets,
            weights,
            self_weight,
            k_out,
            k_in,
            size,
            total: self.total,
        }
    }
}
