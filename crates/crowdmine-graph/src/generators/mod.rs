//! Random graph models, seeded: the same seed gives the same graph on any thread count.
//!
//! | model | function | cost | notes |
//! |---|---|---|---|
//! | Erdős–Rényi G(n, p), G(n, m) | [`gnp`], [`gnm`] | O(n + m) | no self-loops |
//! | Watts–Strogatz, Newman–Watts | [`watts_strogatz`], [`newman_watts`] | O(n k) | as NetworkX |
//! | Barabási–Albert; directed preferential attachment | [`barabasi_albert`], [`price`] | O(n m) | simple graphs |
//! | configuration model | [`configuration`], [`configuration_directed`] | O(m) | multigraph, or erased |
//! | Chung–Lu | [`chung_lu`] | O(n + m) | as NetworkX `expected_degree_graph` |
//! | stochastic block model, degree-corrected | [`sbm`], [`dcsbm`] | O(n + m) | planted blocks |
//! | LFR benchmark | [`lfr`] | O(m) | planted communities |
//!
//! [`compare::compare`] fits the models to an observed graph and sets their statistics side by side.

pub mod compare;
mod configuration;
mod erdos_renyi;
mod lfr;
mod preferential;
mod sbm;
mod small_world;

pub use configuration::{chung_lu, configuration, configuration_directed, Multi};
pub use erdos_renyi::{gnm, gnp};
pub use lfr::{lfr, power_law_degrees, Lfr, LfrParams};
pub use preferential::{barabasi_albert, price};
pub use sbm::{dcsbm, sbm, DcsbmParams};
pub use small_world::{newman_watts, watts_strogatz};

use crate::{BuildOptions, Duplicates, Graph, GraphBuilder};

/// A graph of nodes 0..n from generated edges; `multi` keeps repeated edges and self-loops.
pub(crate) fn build(n: u32, directed: bool, edges: Vec<(u32, u32)>, multi: bool) -> Graph {
    let mut b = GraphBuilder::new(BuildOptions {
        directed,
        duplicates: if multi {
            Duplicates::Keep
        } else {
            Duplicates::Sum
        },
        self_loops: multi,
        weighted: false,
        signed: false,
    });
    b.nodes(n);
    b.edges = edges.into_iter().map(|(u, v)| (u, v, 1.0)).collect();
    b.build()
}

/// The node pairs of a graph without self-loops, numbered 0..count: unordered pairs (v, w) with
/// w < v at v(v − 1)/2 + w; ordered pairs (u, v), v ≠ u, at u(n − 1) + (v or v − 1).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pairs {
    n: u64,
    directed: bool,
}

impl Pairs {
    pub(crate) fn all(n: u32, directed: bool) -> Pairs {
        Pairs {
            n: u64::from(n),
            directed,
        }
    }

    pub(crate) fn count(self) -> u64 {
        if self.directed {
            self.n * self.n.saturating_sub(1)
        } else {
            self.n * self.n.saturating_sub(1) / 2
        }
    }

    pub(crate) fn pair(self, i: u64) -> (u32, u32) {
        if self.directed {
            let u = i / (self.n - 1);
            let j = i % (self.n - 1);
            (u as u32, if j >= u { j + 1 } else { j } as u32)
        } else {
            // v = ⌊(1 + √(1 + 8i)) / 2⌋, corrected for rounding.
            let mut v = ((1.0 + (1.0 + 8.0 * i as f64).sqrt()) / 2.0) as u64;
            while v * (v.saturating_sub(1)) / 2 > i {
                v -= 1;
            }
            while (v + 1) * v / 2 <= i {
                v += 1;
            }
            (v as u32, (i - v * (v - 1) / 2) as u32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_numbered_one_to_one() {
        for directed in [false, true] {
            let p = Pairs::all(7, directed);
            let all: std::collections::BTreeSet<(u32, u32)> =
                (0..p.count()).map(|i| p.pair(i)).collect();
            assert_eq!(all.len() as u64, p.count());
            assert!(all.iter().all(|&(u, v)| u != v && u < 7 && v < 7));
            assert!(directed || all.iter().all(|&(u, v)| v < u));
        }
    }
}
