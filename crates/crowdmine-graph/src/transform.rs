//! Graphs derived from graphs: the largest weak or strong component (`--lcc`), a k-core, and
//! degree-order relabelling (hubs first, which packs the busiest adjacency lists together).

use crate::measures::{core_numbers, strong_components, weak_components};
use crate::{BuildOptions, Duplicates, Graph, GraphBuilder};

/// The subgraph induced by the largest component: strong for a directed graph when `strong`,
/// weak otherwise. Node order is kept.
pub fn largest_component(g: &Graph, strong: bool) -> Graph {
    let c = if strong && g.is_directed() {
        strong_components(g)
    } else {
        weak_components(g)
    };
    g.induced(&c.largest())
}

/// The subgraph induced by the nodes of core number at least `k`.
pub fn k_core_subgraph(g: &Graph, k: u32) -> Graph {
    let keep: Vec<u32> = core_numbers(g)
        .iter()
        .enumerate()
        .filter(|(_, &c)| c >= k)
        .map(|(u, _)| u as u32)
        .collect();
    g.induced(&keep)
}

/// The undirected simple graph of `g`: directions dropped, self-loops and repeats removed,
/// unweighted; labels kept.
pub fn simple_undirected(g: &Graph) -> Graph {
    let mut b = GraphBuilder::new(BuildOptions {
        directed: false,
        duplicates: Duplicates::Sum,
        self_loops: false,
        weighted: false,
        signed: false,
    });
    b.labels(g.labels().to_vec());
    b.edges = g.edges().map(|(u, v, _)| (u, v, 1.0)).collect();
    b.build()
}

/// The same graph with nodes renumbered by decreasing degree (ties by id); returns it with the
/// old id of each new node.
pub fn relabel_by_degree(g: &Graph) -> (Graph, Vec<u32>) {
    let mut order: Vec<u32> = (0..g.node_count() as u32).collect();
    order.sort_by(|&a, &b| g.degree(b).cmp(&g.degree(a)).then(a.cmp(&b)));
    let mut new_id = vec![0u32; order.len()];
    for (i, &u) in order.iter().enumerate() {
        new_id[u as usize] = i as u32;
    }
    let mut b = GraphBuilder::new(g.same_kind(g.is_directed(), Duplicates::Keep));
    b.labels(order.iter().map(|&u| g.label(u).to_string()).collect());
    b.extend(
        g.edges()
            .map(|(u, v, w)| (new_id[u as usize], new_id[v as usize], w)),
    );
    (b.build(), order)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_cores_and_relabelling() {
        let mut b = GraphBuilder::new(BuildOptions {
            directed: false,
            ..BuildOptions::default()
        });
        // A triangle with a tail, and a separate edge.
        b.extend([
            (0, 1, 1.0),
            (1, 2, 1.0),
            (2, 0, 1.0),
            (2, 3, 1.0),
            (4, 5, 1.0),
        ]);
        let g = b.build();
        let lcc = largest_component(&g, false);
        assert_eq!((lcc.node_count(), lcc.edge_count()), (4, 4));
        let core = k_core_subgraph(&g, 2);
        assert_eq!(core.labels(), &["0", "1", "2"]);
        let (r, order) = relabel_by_degree(&g);
        assert_eq!(order[0], 2);
        assert_eq!(r.label(0), "2");
        assert_eq!(r.edge_count(), g.edge_count());
        assert_eq!(r.degree(0), 3);
    }
}
