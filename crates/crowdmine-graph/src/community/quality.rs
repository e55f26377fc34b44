//! The quality functions the optimisers maximise, and modularity of any partition.

use super::network::Network;
use super::Partition;
use crate::Graph;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

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

/// What a node or a part brings to the penalty of a join: joining parts with vectors a and b
/// costs `scale · a.cross(b)` on the scale of W. Undirected modularity needs one number per part
/// (its degree sum), CPM one (its size), directed modularity two (out- and in-strength); the hot
/// loops of the optimisers read a community's vector at random, so it is kept as small as the
/// quality allows.
pub(crate) trait Vector:
    Copy
    + Default
    + Send
    + Sync
    + std::ops::AddAssign
    + std::ops::SubAssign
    + std::ops::Sub<Output = Self>
{
    /// The vector in cells that several threads add to at once (local moving).
    type Shared: Sync + Send;

    fn cross(self, other: Self) -> f64;
    /// Every node's vector and the scale, for `quality` on `net`.
    fn model(quality: &Quality, net: &Network) -> (Vec<Self>, f64);
    fn share(self) -> Self::Shared;
    fn load(cell: &Self::Shared) -> Self;
    fn add(cell: &Self::Shared, x: Self);
}

/// An `f64` that threads add to without a lock (compare-and-swap on its bits).
pub(crate) struct AtomicF64(AtomicU64);

impl AtomicF64 {
    pub fn new(x: f64) -> AtomicF64 {
        AtomicF64(AtomicU64::new(x.to_bits()))
    }

    pub fn load(&self) -> f64 {
        f64::from_bits(self.0.load(Relaxed))
    }

    pub fn add(&self, x: f64) {
        let mut old = self.0.load(Relaxed);
        while let Err(now) =
            self.0
                .compare_exchange_weak(old, (f64::from_bits(old) + x).to_bits(), Relaxed, Relaxed)
        {
            old = now;
        }
    }
}

/// One number per part: a × b.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct One(pub f64);

/// Out and in per part: a.out × b.in + a.in × b.out.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Two(pub f64, pub f64);

impl std::ops::AddAssign for One {
    fn add_assign(&mut self, o: One) {
        self.0 += o.0;
    }
}
impl std::ops::SubAssign for One {
    fn sub_assign(&mut self, o: One) {
        self.0 -= o.0;
    }
}
impl std::ops::Sub for One {
    type Output = One;
    fn sub(self, o: One) -> One {
        One(self.0 - o.0)
    }
}
impl std::ops::AddAssign for Two {
    fn add_assign(&mut self, o: Two) {
        self.0 += o.0;
        self.1 += o.1;
    }
}
impl std::ops::SubAssign for Two {
    fn sub_assign(&mut self, o: Two) {
        self.0 -= o.0;
        self.1 -= o.1;
    }
}
impl std::ops::Sub for Two {
    type Output = Two;
    fn sub(self, o: Two) -> Two {
        Two(self.0 - o.0, self.1 - o.1)
    }
}

impl Vector for One {
    type Shared = AtomicF64;

    fn cross(self, o: One) -> f64 {
        self.0 * o.0
    }

    fn share(self) -> AtomicF64 {
        AtomicF64::new(self.0)
    }

    fn load(cell: &AtomicF64) -> One {
        One(cell.load())
    }

    fn add(cell: &AtomicF64, x: One) {
        cell.add(x.0)
    }

    /// Modularity: γ (a.out b.in + a.in b.out) / m with out = in = degree is 2γ/m · a b. CPM:
    /// 2γ · a b in sizes (W counts an edge from both ends).
    fn model(quality: &Quality, net: &Network) -> (Vec<One>, f64) {
        match *quality {
            Quality::Modularity { resolution } => (
                net.k_out.iter().map(|&k| One(k)).collect(),
                2.0 * resolution / net.total,
            ),
            Quality::Cpm { resolution } => {
                (net.size.iter().map(|&s| One(s)).collect(), 2.0 * resolution)
            }
        }
    }
}

impl Vector for Two {
    type Shared = (AtomicF64, AtomicF64);

    fn cross(self, o: Two) -> f64 {
        self.0 * o.1 + self.1 * o.0
    }

    fn share(self) -> Self::Shared {
        (AtomicF64::new(self.0), AtomicF64::new(self.1))
    }

    fn load(cell: &Self::Shared) -> Two {
        Two(cell.0.load(), cell.1.load())
    }

    fn add(cell: &Self::Shared, x: Two) {
        cell.0.add(x.0);
        cell.1.add(x.1);
    }

    fn model(quality: &Quality, net: &Network) -> (Vec<Two>, f64) {
        match *quality {
            Quality::Modularity { resolution } => (
                net.k_out
                    .iter()
                    .zip(&net.k_in)
                    .map(|(&o, &i)| Two(o, i))
                    .collect(),
                resolution / net.total,
            ),
            Quality::Cpm { resolution } => {
                (net.size.iter().map(|&s| Two(s, s)).collect(), resolution)
            }
        }
    }
}

impl Quality {
    /// Whether one number per part carries the penalty ([`One`]): CPM, or modularity on a
    /// network where every node's out-strength is its in-strength (every undirected graph).
    pub(crate) fn symmetric(&self, net: &Network) -> bool {
        matches!(self, Quality::Cpm { .. }) || net.k_out == net.k_in
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
