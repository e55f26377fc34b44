//! Degrees, strengths, density, reciprocity and the degree histogram.
//!
//! Conventions (as NetworkX): an undirected self-loop adds 2 to its node's degree; density is
//! m / (n(n-1)) for a directed graph and 2m / (n(n-1)) for an undirected one, self-loops counted
//! in m. Reciprocity has two conventions: NetworkX counts self-loops among the edges (a loop is
//! never reciprocated: `reciprocity(g, Loops::Count)`), igraph ignores them (`Loops::Ignore`);
//! on email-Eu-core they give 0.6934 and 0.7112.

use crate::Graph;

/// Total degree of every node (in + out for a directed graph).
pub fn degrees(g: &Graph) -> Vec<usize> {
    (0..g.node_count() as u32).map(|u| g.degree(u)).collect()
}

pub fn in_degrees(g: &Graph) -> Vec<usize> {
    (0..g.node_count() as u32).map(|u| g.in_degree(u)).collect()
}

pub fn out_degrees(g: &Graph) -> Vec<usize> {
    (0..g.node_count() as u32)
        .map(|u| g.out_degree(u))
        .collect()
}

/// Weighted degree (sum of edge weights; an undirected self-loop counts twice, as NetworkX).
pub fn strengths(g: &Graph) -> Vec<f64> {
    (0..g.node_count() as u32)
        .map(|u| {
            let out = weight_sum(g.out(u), g.out_weights(u), u, !g.is_directed());
            if g.is_directed() {
                out + weight_sum(g.inn(u), g.in_weights(u), u, false)
            } else {
                out
            }
        })
        .collect()
}

fn weight_sum(adj: &[u32], w: Option<&[f64]>, u: u32, loop_twice: bool) -> f64 {
    adj.iter()
        .enumerate()
        .map(|(i, &v)| {
            let x = w.map_or(1.0, |w| w[i]);
            if loop_twice && v == u {
                2.0 * x
            } else {
                x
            }
        })
        .sum()
}

pub fn density(g: &Graph) -> f64 {
    let n = g.node_count() as f64;
    if n <= 1.0 {
        return 0.0;
    }
    let m = g.edge_count() as f64;
    if g.is_directed() {
        m / (n * (n - 1.0))
    } else {
        2.0 * m / (n * (n - 1.0))
    }
}

/// How self-loops enter reciprocity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loops {
    /// Counted among the edges, never reciprocated (NetworkX `reciprocity`).
    Count,
    /// Left out (igraph `reciprocity(ignore_loops=True)`).
    Ignore,
}

/// The share of directed edges whose reverse edge exists; 1 for an undirected graph.
pub fn reciprocity(g: &Graph, loops: Loops) -> f64 {
    if !g.is_directed() {
        return 1.0;
    }
    let (mut mutual, mut self_loops) = (0usize, 0usize);
    for u in 0..g.node_count() as u32 {
        for &v in g.out(u) {
            if v == u {
                self_loops += 1;
            } else if g.out(v).binary_search(&u).is_ok() {
                mutual += 1;
            }
        }
    }
    let m = g.edge_count()
        - if loops == Loops::Ignore {
            self_loops
        } else {
            0
        };
    if m == 0 {
        0.0
    } else {
        mutual as f64 / m as f64
    }
}

/// Number of nodes of each total degree, from 0 to the maximum (NetworkX `degree_histogram`).
pub fn degree_histogram(g: &Graph) -> Vec<usize> {
    let d = degrees(g);
    let mut h = vec![0usize; d.iter().copied().max().map_or(0, |m| m + 1)];
    for x in d {
        h[x] += 1;
    }
    h
}
