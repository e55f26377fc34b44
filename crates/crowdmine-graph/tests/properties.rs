//! Invariants of the measures on random graphs.

use crowdmine_graph::measures::*;
use crowdmine_graph::{BuildOptions, Graph, GraphBuilder};
use proptest::prelude::*;

fn graph(directed: bool, n: u32, edges: &[(u32, u32)]) -> Graph {
    let mut b = GraphBuilder::new(BuildOptions {
        directed,
        ..BuildOptions::default()
    });
    b.nodes(n);
    b.extend(edges.iter().map(|&(u, v)| (u % n, v % n, 1.0)));
    b.build()
}

fn arb() -> impl Strategy<Value = (bool, u32, Vec<(u32, u32)>)> {
    (
        any::<bool>(),
        1u32..40,
        prop::collection::vec((0u32..40, 0u32..40), 0..150),
    )
}

proptest! {
    #[test]
    fn pagerank_is_a_distribution((directed, n, edges) in arb()) {
        let g = graph(directed, n, &edges);
        let pr = pagerank(&g, &PageRankParams::default()).scores;
        prop_assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        prop_assert!(pr.iter().all(|&x| x > 0.0));
    }

    #[test]
    fn clustering_is_a_share((directed, n, edges) in arb()) {
        let g = graph(directed, n, &edges);
        for c in clustering(&g, Weighting::None) {
            prop_assert!((0.0..=1.0).contains(&c));
        }
        let t = transitivity(&g);
        prop_assert!((0.0..=1.0).contains(&t));
    }

    #[test]
    fn components_partition_the_nodes((directed, n, edges) in arb()) {
        let g = graph(directed, n, &edges);
        for c in [weak_components(&g), strong_components(&g)] {
            prop_assert_eq!(c.sizes.iter().sum::<usize>(), n as usize);
            prop_assert_eq!(c.of.len(), n as usize);
            for &x in &c.of {
                prop_assert!((x as usize) < c.count());
            }
        }
        // Every edge stays inside a weak component; strong ones refine the weak ones.
        let (weak, strong) = (weak_components(&g), strong_components(&g));
        for (u, v, _) in g.edges() {
            prop_assert_eq!(weak.of[u as usize], weak.of[v as usize]);
        }
        for u in 0..n as usize {
            for v in 0..n as usize {
                if strong.of[u] == strong.of[v] {
                    prop_assert_eq!(weak.of[u], weak.of[v]);
                }
            }
        }
    }

    #[test]
    fn core_numbers_are_consistent((directed, n, edges) in arb()) {
        let g = graph(directed, n, &edges);
        let core = core_numbers(&g);
        for u in 0..n {
            // At most the degree without self-loops, and each node of the k-core has at least
            // k neighbours (with multiplicity) inside it.
            let nbrs: Vec<u32> = g.out(u).iter().chain(if directed { g.inn(u) } else { &[] })
                .copied().filter(|&v| v != u).collect();
            prop_assert!(core[u as usize] as usize <= nbrs.len());
            let k = core[u as usize];
            let inside = nbrs.iter().filter(|&&v| core[v as usize] >= k).count();
            prop_assert!(inside >= k as usize);
        }
    }
}
