//! Clique percolation (Palla, Derényi, Farkas & Vicsek 2005): a k-clique community is the union
//! of k-cliques reachable from one another through k-cliques sharing k − 1 nodes; communities
//! overlap. As NetworkX `k_clique_communities`: maximal cliques of at least k nodes (Bron–Kerbosch
//! with pivoting, in degeneracy order: Eppstein, Löffler & Strash 2010) are joined when they share
//! at least k − 1 nodes. On the undirected simple view; loops ignored.

use crate::Graph;
use rustc_hash::FxHashMap;

/// The undirected simple adjacency: sorted neighbour lists without loops.
fn adjacency(g: &Graph) -> Vec<Vec<u32>> {
    (0..g.node_count() as u32)
        .map(|u| {
            let mut a: Vec<u32> = g
                .out(u)
                .iter()
                .chain(g.inn(u))
                .copied()
                .filter(|&v| v != u)
                .collect();
            a.sort_unstable();
            a.dedup();
            a
        })
        .collect()
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Bron–Kerbosch with a pivot of most candidates; reports cliques of at least `min` nodes.
fn expand(
    adj: &[Vec<u32>],
    r: &mut Vec<u32>,
    p: Vec<u32>,
    mut x: Vec<u32>,
    min: usize,
    out: &mut Vec<Vec<u32>>,
) {
    if p.is_empty() {
        if x.is_empty() && r.len() >= min {
            let mut c = r.clone();
            c.sort_unstable();
            out.push(c);
        }
        return;
    }
    if r.len() + p.len() < min {
        return;
    }
    let pivot = p
        .iter()
        .chain(&x)
        .copied()
        .max_by_key(|&u| intersect(&adj[u as usize], &p).len())
        .unwrap_or(p[0]);
    let candidates: Vec<u32> = p
        .iter()
        .copied()
        .filter(|v| adj[pivot as usize].binary_search(v).is_err())
        .collect();
    let mut p = p;
    for v in candidates {
        let nv = &adj[v as usize];
        r.push(v);
        expand(adj, r, intersect(&p, nv), intersect(&x, nv), min, out);
        r.pop();
        p.retain(|&u| u != v);
        let at = x.partition_point(|&u| u < v);
        x.insert(at, v);
    }
}

/// Every maximal clique with at least `min` nodes, each sorted.
pub fn maximal_cliques(g: &Graph, min: usize) -> Vec<Vec<u32>> {
    let adj = adjacency(g);
    let n = adj.len();
    // Degeneracy order: repeatedly remove a node of least remaining degree.
    let mut degree: Vec<usize> = adj.iter().map(Vec::len).collect();
    let max_degree = degree.iter().copied().max().unwrap_or(0);
    let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); max_degree + 1];
    for (u, &d) in degree.iter().enumerate() {
        buckets[d].push(u as u32);
    }
    let mut position = vec![usize::MAX; n];
    let mut order = Vec::with_capacity(n);
    let mut d = 0;
    while order.len() < n {
        d = d.min(max_degree);
        while buckets[d].is_empty() {
            d += 1;
        }
        let Some(u) = buckets[d].pop() else { break };
        if position[u as usize] != usize::MAX || degree[u as usize] != d {
            continue; // a stale entry
        }
        position[u as usize] = order.len();
        order.push(u);
        for &v in &adj[u as usize] {
            if position[v as usize] == usize::MAX {
                degree[v as usize] -= 1;
                buckets[degree[v as usize]].push(v);
            }
        }
        d = d.saturating_sub(1);
    }
    let mut out = Vec::new();
    for &v in &order {
        let (later, earlier): (Vec<u32>, Vec<u32>) = adj[v as usize]
            .iter()
            .partition(|&&u| position[u as usize] > position[v as usize]);
        expand(&adj, &mut vec![v], later, earlier, min.max(1), &mut out);
    }
    out
}

/// The k-clique communities (k ≥ 2), each sorted, in order of their smallest node.
pub fn k_clique_communities(g: &Graph, k: usize) -> Vec<Vec<u32>> {
    let k = k.max(2);
    let cliques = maximal_cliques(g, k);
    // Cliques sharing at least k − 1 nodes join (union–find over cliques).
    let mut parent: Vec<usize> = (0..cliques.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut containing: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (i, c) in cliques.iter().enumerate() {
        for &u in c {
            containing.entry(u).or_default().push(i);
        }
    }
    let mut shared: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, c) in cliques.iter().enumerate() {
        shared.clear();
        for u in c {
            for &j in &containing[u] {
                if j > i {
                    *shared.entry(j).or_insert(0) += 1;
                }
            }
        }
        for (&j, &s) in &shared {
            if s + 1 >= k {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: FxHashMap<usize, Vec<u32>> = FxHashMap::default();
    for (i, c) in cliques.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().extend(c);
    }
    let mut communities: Vec<Vec<u32>> = groups
        .into_values()
        .map(|mut c| {
            c.sort_unstable();
            c.dedup();
            c
        })
        .collect();
    communities.sort();
    communities
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BuildOptions, GraphBuilder};

    #[test]
    fn two_triangles_sharing_a_node() {
        // Triangles {0,1,2} and {2,3,4} share one node: two 3-clique communities, overlapping at 2.
        // With a chord 1–3, {1,2,3} is a triangle sharing an edge with both: one community.
        let build = |e: &[(u32, u32)]| {
            let mut b = GraphBuilder::new(BuildOptions {
                directed: false,
                ..BuildOptions::default()
            });
            b.extend(e.iter().map(|&(u, v)| (u, v, 1.0)));
            b.build()
        };
        let g = build(&[(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (2, 4)]);
        assert_eq!(
            k_clique_communities(&g, 3),
            vec![vec![0, 1, 2], vec![2, 3, 4]]
        );
        let g = build(&[(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (2, 4), (1, 3)]);
        assert_eq!(k_clique_communities(&g, 3), vec![vec![0, 1, 2, 3, 4]]);
        assert_eq!(k_clique_communities(&g, 4), Vec::<Vec<u32>>::new());
        let mut cliques = maximal_cliques(&g, 1);
        cliques.sort();
        assert_eq!(cliques, vec![vec![0, 1, 2], vec![1, 2, 3], vec![2, 3, 4]]);
    }
}
