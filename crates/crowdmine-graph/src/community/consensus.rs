//! Stability of a detection across seeds: a consensus partition (Lancichinetti & Fortunato 2012,
//! one round) and a resolution sweep.
//!
//! Consensus: the graph is partitioned with every seed; each edge is weighted by the share of
//! runs that put its ends together, edges below `threshold` are dropped, and the weighted graph is
//! partitioned again with every seed, until all runs agree (at most 10 rounds; then the first
//! seed's partition of the last round). A node's stability is the mean co-classification share,
//! in the first round, of its edges inside its consensus community (1 for a node without such
//! edges); the first round's agreement is the runs' mean pairwise NMI.

use super::evaluate::{nmi, Normalisation};
use super::{leiden, modularity, LeidenParams, Partition, Quality};
use crate::{BuildOptions, Graph, GraphBuilder};
use rayon::prelude::*;

/// A consensus partition and how stable it is.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Consensus {
    pub partition: Partition,
    /// Per node: mean share of runs agreeing on its edges inside its community.
    pub stability: Vec<f64>,
    /// Mean NMI (arithmetic) over pairs of runs.
    pub mean_pairwise_nmi: f64,
    pub runs: usize,
}

/// The consensus of Leiden runs with `seeds` (at least 2).
pub fn consensus(g: &Graph, params: &LeidenParams, seeds: &[u64], threshold: f64) -> Consensus {
    if seeds.is_empty() {
        let partition = leiden(g, params).partition;
        let n = g.node_count();
        return Consensus {
            partition,
            stability: vec![1.0; n],
            mean_pairwise_nmi: 1.0,
            runs: 1,
        };
    }
    let runs: Vec<Partition> = seeds
        .par_iter()
        .map(|&seed| leiden(g, &LeidenParams { seed, ..*params }).partition)
        .collect();
    let pairs: Vec<(usize, usize)> = (0..runs.len())
        .flat_map(|i| (i + 1..runs.len()).map(move |j| (i, j)))
        .collect();
    let mean_pairwise_nmi = if pairs.is_empty() {
        1.0
    } else {
        pairs
            .par_iter()
            .map(|&(i, j)| nmi(&runs[i], &runs[j], Normalisation::Arithmetic))
            .sum::<f64>()
            / pairs.len() as f64
    };
    let share = |runs: &[Partition], u: u32, v: u32| {
        runs.iter()
            .filter(|p| p.labels[u as usize] == p.labels[v as usize])
            .count() as f64
            / runs.len().max(1) as f64
    };
    let pairs_of = |runs: &[Partition]| -> Vec<(u32, u32, f64)> {
        g.edges()
            .filter(|&(u, v, _)| u != v)
            .map(|(u, v, _)| (u, v, share(runs, u, v)))
            .collect()
    };
    let edges = pairs_of(&runs);
    let mut current = edges.clone();
    let mut partition = runs[0].clone();
    for _ in 0..10 {
        let mut b = GraphBuilder::new(BuildOptions {
            directed: false,
            weighted: true,
            self_loops: false,
            ..BuildOptions::default()
        });
        b.nodes(g.node_count() as u32);
        // Edges below the threshold go, except each node's heaviest when it would lose all
        // (Lancichinetti & Fortunato: no node is cut off by the threshold).
        let keep = |e: &(u32, u32, f64)| e.2 >= threshold && e.2 > 0.0;
        let mut heaviest: Vec<Option<(f64, usize)>> = vec![None; g.node_count()];
        let mut kept = vec![false; g.node_count()];
        for (i, e) in current.iter().enumerate() {
            for x in [e.0, e.1] {
                kept[x as usize] |= keep(e);
                if e.2 > 0.0 && heaviest[x as usize].is_none_or(|(w, _)| e.2 > w) {
                    heaviest[x as usize] = Some((e.2, i));
                }
            }
        }
        let mut rescued: Vec<usize> = (0..g.node_count())
            .filter(|&x| !kept[x])
            .filter_map(|x| heaviest[x].map(|(_, i)| i))
            .collect();
        rescued.sort_unstable();
        rescued.dedup();
        b.extend(current.iter().copied().filter(keep));
        b.extend(rescued.iter().map(|&i| current[i]).filter(|e| !keep(e)));
        let weighted = b.build();
        let round: Vec<Partition> = seeds
            .par_iter()
            .map(|&seed| leiden(&weighted, &LeidenParams { seed, ..*params }).partition)
            .collect();
        partition = round[0].clone();
        if round.iter().all(|p| *p == round[0]) {
            break;
        }
        current = pairs_of(&round);
    }
    let (mut sum, mut count) = (vec![0.0f64; g.node_count()], vec![0usize; g.node_count()]);
    for &(u, v, share) in &edges {
        if partition.labels[u as usize] == partition.labels[v as usize] {
            for x in [u, v] {
                sum[x as usize] += share;
                count[x as usize] += 1;
            }
        }
    }
    let stability = sum
        .iter()
        .zip(&count)
        .map(|(&s, &c)| if c == 0 { 1.0 } else { s / c as f64 })
        .collect();
    Consensus {
        partition,
        stability,
        mean_pairwise_nmi,
        runs: runs.len(),
    }
}

/// One resolution of a sweep.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SweepPoint {
    pub resolution: f64,
    /// Communities of the best run (by quality).
    pub communities: usize,
    /// Modularity at γ = 1 of the best run.
    pub modularity: f64,
    /// The optimised quality of the best run.
    pub quality: f64,
    /// Mean pairwise NMI of the runs: 1 when every seed finds the same partition.
    pub agreement: f64,
    #[serde(skip)]
    pub partition: Partition,
}

/// Leiden at each resolution with every seed (modularity, or CPM when `cpm`).
pub fn resolution_sweep(
    g: &Graph,
    resolutions: &[f64],
    seeds: &[u64],
    cpm: bool,
) -> Vec<SweepPoint> {
    resolutions
        .iter()
        .map(|&resolution| {
            let quality = if cpm {
                Quality::Cpm { resolution }
            } else {
                Quality::Modularity { resolution }
            };
            let params = LeidenParams {
                quality,
                ..LeidenParams::default()
            };
            let runs: Vec<_> = seeds
                .par_iter()
                .map(|&seed| leiden(g, &LeidenParams { seed, ..params }))
                .collect();
            let pairs: Vec<f64> = (0..runs.len())
                .flat_map(|i| (i + 1..runs.len()).map(move |j| (i, j)))
                .map(|(i, j)| {
                    nmi(
                        &runs[i].partition,
                        &runs[j].partition,
                        Normalisation::Arithmetic,
                    )
                })
                .collect();
            let best = runs
                .iter()
                .max_by(|a, b| a.quality.total_cmp(&b.quality))
                .map(|d| d.partition.clone())
                .unwrap_or_else(|| Partition::singletons(g.node_count()));
            let quality_value = runs.iter().map(|d| d.quality).fold(f64::MIN, f64::max);
            SweepPoint {
                resolution,
                communities: best.count,
                modularity: modularity(g, &best, 1.0),
                quality: quality_value,
                agreement: if pairs.is_empty() {
                    1.0
                } else {
                    pairs.iter().sum::<f64>() / pairs.len() as f64
                },
                partition: best,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(k: u32) -> Graph {
        let mut b = GraphBuilder::new(BuildOptions {
            directed: false,
            ..BuildOptions::default()
        });
        for c in 0..k {
            for i in 0..5 {
                for j in i + 1..5 {
                    b.edge(5 * c + i, 5 * c + j, 1.0);
                }
            }
            b.edge(5 * c + 4, 5 * ((c + 1) % k), 1.0);
        }
        b.build()
    }

    #[test]
    fn consensus_of_clear_communities_is_stable() {
        let g = ring(6);
        let c = consensus(
            &g,
            &LeidenParams {
                quality: Quality::Modularity { resolution: 2.0 },
                ..Default::default()
            },
            &[1, 2, 3, 4],
            0.5,
        );
        assert_eq!(c.partition.count, 6);
        assert_eq!(c.mean_pairwise_nmi, 1.0);
        assert!(c.stability.iter().all(|&s| s == 1.0));
    }

    #[test]
    fn sweep_counts_grow_with_resolution() {
        let g = ring(12);
        let points = resolution_sweep(&g, &[0.1, 1.0, 4.0], &[1, 2], false);
        assert!(points[0].communities < points[2].communities);
        assert_eq!(points[2].communities, 12);
    }
}
