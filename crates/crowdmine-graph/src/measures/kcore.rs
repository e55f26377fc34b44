//! k-core decomposition by level-synchronous peeling (ParK: Dasari, Desh & Zubair 2014, as
//! NetworKit does), O(n · levels + m), parallel. Level k removes every node whose remaining degree
//! is at most k, and then, in rounds, the neighbours that this brings down to k. Unlike bucket
//! peeling (Batagelj & Zaversnik 2003) it touches only a degree array at random, which is what
//! makes it fast on big graphs; empty levels are skipped, and each level scans only the nodes
//! still present.
//! Core numbers do not depend on the order of peeling, so they are the same on any thread count.
//!
//! As NetworkX `core_number`: self-loops are ignored (NetworkX refuses them; we drop them), and in
//! a directed graph a node's degree is in + out, so a reciprocated pair counts twice.

use crate::Graph;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

/// The core number of every node.
pub fn core_numbers(g: &Graph) -> Vec<u32> {
    let n = g.node_count() as u32;
    let lists = |u: u32| -> [&[u32]; 2] {
        if g.is_directed() {
            [g.out(u), g.inn(u)]
        } else {
            [g.out(u), &[]]
        }
    };
    let deg: Vec<AtomicU32> = (0..n)
        .into_par_iter()
        .map(|u| {
            let d: usize = lists(u)
                .iter()
                .map(|l| l.len() - l.iter().filter(|&&v| v == u).count())
                .sum();
            AtomicU32::new(u32::try_from(d).unwrap_or(u32::MAX))
        })
        .collect();
    let mut remaining: Vec<u32> = (0..n).collect();
    let mut k = 0u32;
    while !remaining.is_empty() {
        let current: Vec<u32> = remaining
            .par_iter()
            .copied()
            .filter(|&u| deg[u as usize].load(Relaxed) <= k)
            .collect();
        if current.is_empty() {
            k = remaining
                .par_iter()
                .map(|&u| deg[u as usize].load(Relaxed))
                .min()
                .unwrap_or(k);
            continue;
        }
        // A node brought down to k is peeled at once by the thread that did it (no rounds).
        current.par_iter().for_each_init(Vec::new, |stack, &start| {
            stack.push(start);
            while let Some(v) = stack.pop() {
                for list in lists(v) {
                    for &u in list {
                        let d = &deg[u as usize];
                        if u != v && d.load(Relaxed) > k {
                            // Another thread may decrement u at the same time: whoever brings
                            // it to k peels it, and an overshoot is undone.
                            let old = d.fetch_sub(1, Relaxed);
                            if old == k + 1 {
                                stack.push(u);
                            } else if old <= k {
                                d.fetch_add(1, Relaxed);
                            }
                        }
                    }
                }
            }
        });
        remaining.retain(|&u| deg[u as usize].load(Relaxed) > k);
        k += 1;
    }
    deg.into_iter().map(AtomicU32::into_inner).collect()
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
