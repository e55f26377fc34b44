//! Assortativity (Newman 2002, 2003): the Pearson correlation, over edges, of a property of the
//! source and of the target. As NetworkX: an undirected edge counts in both directions (a
//! self-loop once); a directed edge u → v pairs a degree of u with a degree of v, in any of the
//! four (out|in, out|in) variants; nominal attributes use the mixing-matrix form
//! (Σ e_ii − Σ a_i b_i) / (1 − Σ a_i b_i).

use crate::Graph;
use std::collections::HashMap;

/// Which degree of an edge's endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Out,
    In,
}

fn edge_pairs(g: &Graph) -> impl Iterator<Item = (u32, u32)> + '_ {
    (0..g.node_count() as u32).flat_map(move |u| g.out(u).iter().map(move |&v| (u, v)))
}

fn pearson(pairs: impl Iterator<Item = (f64, f64)>) -> f64 {
    let (mut n, mut sx, mut sy) = (0.0, 0.0, 0.0);
    let mut xy: Vec<(f64, f64)> = Vec::new();
    for (x, y) in pairs {
        n += 1.0;
        sx += x;
        sy += y;
        xy.push((x, y));
    }
    if n == 0.0 {
        return f64::NAN;
    }
    let (mx, my) = (sx / n, sy / n);
    let (mut cov, mut vx, mut vy) = (0.0, 0.0, 0.0);
    for (x, y) in xy {
        cov += (x - mx) * (y - my);
        vx += (x - mx) * (x - mx);
        vy += (y - my) * (y - my);
    }
    cov / (vx * vy).sqrt()
}

/// Degree assortativity; `x` and `y` choose the source's and target's degree in a directed graph
/// (NetworkX's defaults are out, in); ignored for an undirected graph.
pub fn degree_assortativity(g: &Graph, x: Side, y: Side) -> f64 {
    let deg = |u: u32, s: Side| {
        if !g.is_directed() {
            g.degree(u) as f64
        } else if s == Side::Out {
            g.out_degree(u) as f64
        } else {
            g.in_degree(u) as f64
        }
    };
    pearson(edge_pairs(g).map(|(u, v)| (deg(u, x), deg(v, y))))
}

/// Numeric attribute assortativity (`values` by node).
pub fn numeric_assortativity(g: &Graph, values: &[f64]) -> f64 {
    pearson(edge_pairs(g).map(|(u, v)| (values[u as usize], values[v as usize])))
}

/// Nominal attribute assortativity (`classes` by node; any hashable label).
pub fn attribute_assortativity<T: std::hash::Hash + Eq>(g: &Graph, classes: &[T]) -> f64 {
    let mut index: HashMap<&T, usize> = HashMap::new();
    for c in classes {
        let k = index.len();
        index.entry(c).or_insert(k);
    }
    let k = index.len();
    let mut e = vec![0.0f64; k * k];
    let mut total = 0.0;
    for (u, v) in edge_pairs(g) {
        let (a, b) = (index[&classes[u as usize]], index[&classes[v as usize]]);
        e[a * k + b] += 1.0;
        total += 1.0;
    }
    if total == 0.0 {
        return f64::NAN;
    }
    let trace: f64 = (0..k).map(|i| e[i * k + i]).sum::<f64>() / total;
    let ab: f64 = (0..k)
        .map(|i| {
            let a: f64 = (0..k).map(|j| e[i * k + j]).sum::<f64>() / total;
            let b: f64 = (0..k).map(|j| e[j * k + i]).sum::<f64>() / total;
            a * b
        })
        .sum();
    (trace - ab) / (1.0 - ab)
}
