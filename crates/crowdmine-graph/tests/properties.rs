//! Invariants of the graph builder and the measures on random graphs.

use crowdmine_graph::measures::*;
use crowdmine_graph::{BuildOptions, Duplicates, Graph, GraphBuilder};
use proptest::prelude::*;
use std::collections::BTreeMap;

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
    /// The CSR equals adjacency built the slow way: every edge in a map from source to targets,
    /// both directions when undirected (a loop once), weights summed in input order or kept.
    #[test]
    fn builder_matches_a_map(
        (directed, n, edges) in arb(),
        weights in prop::collection::vec((0.25f64..4.0, any::<bool>()), 150),
        keep in any::<bool>(),
        loops in any::<bool>(),
        signed in any::<bool>(),
    ) {
        let mut b = GraphBuilder::new(BuildOptions {
            directed,
            duplicates: if keep { Duplicates::Keep } else { Duplicates::Sum },
            self_loops: loops,
            weighted: true,
            signed,
        });
        b.nodes(n);
        let edges: Vec<(u32, u32, f64)> =
            edges.iter().zip(&weights).map(|(&(u, v), &(w, neg))| {
                (u % n, v % n, if neg && signed { -w } else { w })
            }).collect();
        b.extend(edges.iter().copied());
        let g = b.build();
        let mut out: BTreeMap<u32, Vec<(u32, f64)>> = BTreeMap::new();
        let mut inn: BTreeMap<u32, Vec<(u32, f64)>> = BTreeMap::new();
        for &(u, v, w) in edges.iter().filter(|e| loops || e.0 != e.1) {
            out.entry(u).or_default().push((v, w));
            inn.entry(v).or_default().push((u, w));
            if !directed && u != v {
                out.entry(v).or_default().push((u, w));
            }
        }
        let settle = |lists: &mut BTreeMap<u32, Vec<(u32, f64)>>| {
            for list in lists.values_mut() {
                list.sort_by_key(|e| e.0);
                if !keep {
                    list.dedup_by(|next, kept| {
                        let same = next.0 == kept.0;
                        if same {
                            kept.1 += next.1;
                        }
                        same
                    });
                }
            }
        };
        settle(&mut out);
        settle(&mut inn);
        for u in 0..n {
            let got = |a: &[u32], w: Option<&[f64]>| -> Vec<(u32, f64)> {
                a.iter().zip(w.unwrap_or(&[])).map(|(&v, &w)| (v, w)).collect()
            };
            let want = out.get(&u).cloned().unwrap_or_default();
            prop_assert_eq!(got(g.out(u), g.out_weights(u)), want.clone());
            if signed {
                let signs: Vec<i8> = want.iter().map(|e| if e.1 > 0.0 { 1 } else if e.1 < 0.0 { -1 } else { 0 }).collect();
                prop_assert_eq!(g.out_signs(u).map(<[i8]>::to_vec), Some(signs));
            } else {
                prop_assert!(g.out_signs(u).is_none());
            }
            if directed {
                prop_assert_eq!(got(g.inn(u), g.in_weights(u)), inn.get(&u).cloned().unwrap_or_default());
            }
        }
    }

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
