//! Community detection and evaluation.
//!
//! - [`leiden`] (Traag, Waltman & van Eck 2019) and [`louvain`] (Blondel et al. 2008) optimise
//!   modularity (Newman & Girvan 2004; directed: Leicht & Newman 2008) or the constant Potts model
//!   (CPM), weighted and directed, seeded;
//! - [`label_propagation`] (Raghavan, Albert & Kumara 2007), asynchronous or synchronous;
//! - [`infomap`] (Rosvall & Bergstrom 2008), the two-level map equation, undirected and directed;
//! - [`k_clique_communities`] (clique percolation, overlapping) and [`girvan_newman`];
//! - stability: [`consensus`] over seeds and [`resolution_sweep`]; evolution over time windows
//!   ([`track`]);
//! - [`evaluate`]: partition quality (modularity, coverage, performance, conductance) and
//!   agreement with a reference (NMI with four normalisations, adjusted Rand index, purity,
//!   best-match F1).
//!
//! Conventions as NetworkX: an undirected edge of weight w adds w to each end's degree and a
//! self-loop adds 2w; modularity is Σ_c [L_c/m − γ (K_c/2m)²] (undirected) and
//! Σ_c [L_c/m − γ K_c^out K_c^in/m²] (directed).

mod cliques;
mod consensus;
pub mod evaluate;
mod evolution;
mod girvan_newman;
mod infomap;
mod leiden;
mod lpa;
mod network;
mod quality;
mod tally;

pub use cliques::{k_clique_communities, maximal_cliques};
pub use consensus::{consensus, resolution_sweep, Consensus, SweepPoint};
pub use evolution::{track, Event, EventKind, Evolution};
pub use girvan_newman::{girvan_newman, Dendrogram, GirvanNewmanParams};
pub use infomap::{infomap, InfomapParams, MapPartition};
pub use leiden::{leiden, louvain, Detected, LeidenParams};
pub use lpa::{label_propagation, LpaParams};
pub use quality::{modularity, Quality};

/// Renumbers labels 0.. by first appearance; returns the count.
pub(crate) fn renumber(labels: &mut [u32]) -> usize {
    let mut map = vec![u32::MAX; labels.len()];
    let mut next = 0u32;
    for l in labels.iter_mut() {
        let m = &mut map[*l as usize];
        if *m == u32::MAX {
            *m = next;
            next += 1;
        }
        *l = *m;
    }
    next as usize
}

/// A partition of the nodes: `labels[u]` is u's community, numbered 0.. in order of first
/// appearance over the nodes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Partition {
    pub labels: Vec<u32>,
    pub count: usize,
}

impl Partition {
    /// The partition of arbitrary labels, renumbered by first appearance.
    pub fn from_labels<T: std::hash::Hash + Eq>(labels: impl IntoIterator<Item = T>) -> Partition {
        let mut ids = rustc_hash::FxHashMap::default();
        let labels: Vec<u32> = labels
            .into_iter()
            .map(|l| {
                let next = ids.len() as u32;
                *ids.entry(l).or_insert(next)
            })
            .collect();
        Partition {
            count: ids.len(),
            labels,
        }
    }

    /// Every node alone.
    pub fn singletons(n: usize) -> Partition {
        Partition {
            labels: (0..n as u32).collect(),
            count: n,
        }
    }

    /// The members of each community.
    pub fn communities(&self) -> Vec<Vec<u32>> {
        let mut c = vec![Vec::new(); self.count];
        for (u, &l) in self.labels.iter().enumerate() {
            c[l as usize].push(u as u32);
        }
        c
    }

    /// Community sizes.
    pub fn sizes(&self) -> Vec<usize> {
        let mut s = vec![0; self.count];
        for &l in &self.labels {
            s[l as usize] += 1;
        }
        s
    }
}
