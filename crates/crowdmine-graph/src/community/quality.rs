//! The quality functions the optimisers maximise, and modularity of any partition.

use super::network::Network;
use super::Partition;
use crate::Graph;

/// What a partition is scored by. Modularity: Σ_c [L_c/m − γ K_c^out K_c^in / m²] (for an
/// undirected graph K^out = K^in = the degree sum and m counts each edge twice, which gives
/// Newman's Σ_c [L_c/m − γ (K_c/2m)²]). The constant Potts model (Traag, Van Dooren & Nesterov
/// 2011): Σ_c [e_c − γ n_c(n_c − 1)/2] with e_c the internal edge weight and n_c the size; its
/// resolution is an edge density.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quality {
    Modularity { resolution: f64 },
    Cpm { resolution: f64 },
}

impl Default for Quality {
    fn default() -> Self {
        Quality::Modularity { resolution: 1.0 }
    }
}

impl Quality {
    /// The penalty of joining a part with totals (out, in, size) to a part with totals
    /// (out', in', size'), on the same scale as W (the arc weight between them both ways).
    pub(crate) fn penalty(&self, net: &Network, a: (f64, f64, f64), b: (f64, f64, f64)) -> f64 {
        match *self {
            Quality::Modularity { resolution } => resolution * (a.0 * b.1 + a.1 * b.0) / net.total,
            Quality::Cpm { resolution } => resolution * 2.0 * a.2 * b.2,
        }
    }

    /// The quality of a partition of `net`.
    pub(crate) fn value(&self, net: &Network, labels: &[u32], count: usize) -> f64 {
        let mut internal = vec![0.0; count];
        let (mut k_out, mut k_in, mut size) =
            (vec![0.0; count], vec![0.0; count], vec![0.0; count]);
        for u in 0..net.len() {
            let c = labels[u] as usize;
            internal[c] += net.self_weight[u];
            k_out[c] += net.k_out[u];
            k_in[c] += net.k_in[u];
            size[c] += net.size[u];
            for (v, w) in net.neighbours(u) {
                if labels[v] as usize == c {
                    internal[c] += 0.5 * w;
                }
            }
        }
        match *self {
            Quality::Modularity { resolution } => {
                let m = net.total;
                (0..count)
                    .map(|c| internal[c] / m - resolution * k_out[c] * k_in[c] / (m * m))
                    .sum()
            }
            Quality::Cpm { resolution } => {
                // internal counts an undirected edge twice (A_uv + A_vu).
                let directed_scale = 0.5;
                (0..count)
                    .map(|c| {
                        directed_scale * internal[c] - resolution * size[c] * (size[c] - 1.0) / 2.0
                    })
                    .sum()
            }
        }
    }
}

/// The modularity of `p` on `g` at resolution γ (NetworkX `community.modularity`; directed as
/// Leicht & Newman for a directed graph). 0 for a graph without edges.
pub fn modularity(g: &Graph, p: &Partition, resolution: f64) -> f64 {
    let net = Network::from_graph(g);
    if net.total == 0.0 {
        return 0.0;
    }
    Quality::Modularity { resolution }.value(&net, &p.labels, p.count)
}
