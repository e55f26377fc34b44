//! k-core decomposition by bucket peeling (Batagelj & Zaversnik 2003), O(n + m).
//!
//! As NetworkX `core_number`: self-loops are ignored (NetworkX refuses them; we drop them), and in
//! a directed graph a node's degree is in + out, so a reciprocated pair counts twice.

use crate::Graph;

/// The core number of every node.
pub fn core_numbers(g: &Graph) -> Vec<u32> {
    let n = g.node_count();
    // Neighbours with multiplicity, without self-loops, as one CSR (slices beat chained
    // iterators in the peeling loop).
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0usize);
    let mut nbrs: Vec<u32> =
        Vec::with_capacity(if g.is_directed() { 2 } else { 1 } * g.edge_count() * 2);
    for u in 0..n as u32 {
        let inn: &[u32] = if g.is_directed() { g.inn(u) } else { &[] };
        nbrs.extend(g.out(u).iter().chain(inn).copied().filter(|&v| v != u));
        offsets.push(nbrs.len());
    }
    let of = |u: usize| &nbrs[offsets[u]..offsets[u + 1]];
    let mut deg: Vec<u32> = (0..n)
        .map(|u| (offsets[u + 1] - offsets[u]) as u32)
        .collect();
    let max_deg = deg.iter().copied().max().unwrap_or(0) as usize;
    // Nodes sorted by degree (counting sort), with each degree's start in `bin`.
    let mut bin = vec![0usize; max_deg + 2];
    for &d in &deg {
        bin[d as usize + 1] += 1;
    }
    for d in 0..=max_deg {
        bin[d + 1] += bin[d];
    }
    let mut pos = vec![0usize; n];
    let mut vert = vec![0u32; n];
    let mut next = bin.clone();
    for u in 0..n {
        let d = deg[u] as usize;
        pos[u] = next[d];
        vert[pos[u]] = u as u32;
        next[d] += 1;
    }
    for i in 0..n {
        let v = vert[i] as usize;
        let dv = deg[v];
        for &u in of(v) {
            let du = deg[u as usize];
            if du > dv {
                // Move u to the front of its bucket, then shrink the bucket by one.
                let start = bin[du as usize];
                let w = vert[start];
                if w != u {
                    let pu = pos[u as usize];
                    vert.swap(start, pu);
                    pos[w as usize] = pu;
                    pos[u as usize] = start;
                }
                bin[du as usize] += 1;
                deg[u as usize] -= 1;
            }
        }
    }
    deg
}

/// The nodes whose core number is at least `k`.
pub fn k_core(g: &Graph, k: u32) -> Vec<u32> {
    core_numbers(g)
        .iter()
        .enumerate()
        .filter(|(_, &c)| c >= k)
        .map(|(u, _)| u as u32)
        .collect()
}
