//! Assortativity (Newman 2002, 2003): the Pearson correlation, over edges, of a property of the
//! source and of the target. As NetworkX: an undirected edge counts in both directions (a
//! self-loop once); a directed edge u → v pairs a degree of u with a degree of v, in any of the
//! four (out|in, out|in) variants; nominal attributes use the mixing-matrix form
//! (Σ e_ii − Σ a_i b_i) / (1 − Σ a_i b_i).

use crate::Graph;
use rayon::prelude::*;
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
/// (NetworkX's defaults are out, in); ignored for an undirected graph. Degrees are integers, so
/// the moments are exact (128-bit) and the result does not depend on summation order or threads.
/// Only Σxy needs the edges; the other moments follow from each node's degree and list length.
pub fn degree_assortativity(g: &Graph, x: Side, y: Side) -> f64 {
    let n = g.node_count() as u32;
    let degree = |s: Side| -> Vec<u32> {
        (0..n)
            .into_par_iter()
            .map(|u| {
                let d = if !g.is_directed() {
                    g.degree(u)
                } else if s == Side::Out {
                    g.out_degree(u)
                } else {
                    g.in_degree(u)
                };
                u32::try_from(d).unwrap_or(u32::MAX)
            })
            .collect()
    };
    let (dx, dy) = (degree(x), degree(y));
    // Per node: [pairs, Σx, Σx², Σy, Σy², Σxy] where u is the source (x) and the target (y).
    let sums = (0..n)
        .into_par_iter()
        .map(|u| {
            let (a, b) = (u128::from(dx[u as usize]), u128::from(dy[u as usize]));
            let (out, inn) = (g.out(u).len() as u128, g.inn(u).len() as u128);
            let targets: u64 = g.out(u).iter().map(|&v| u64::from(dy[v as usize])).sum();
            [
                out,
                a * out,
                a * a * out,
                b * inn,
                b * b * inn,
                a * u128::from(targets),
            ]
        })
        .reduce(
            || [0u128; 6],
            |mut p, q| {
                for i in 0..6 {
                    p[i] += q[i];
                }
                p
            },
        );
    let [k, sx, sxx, sy, syy, sxy] = sums.map(|v| i128::try_from(v).unwrap_or(i128::MAX));
    if k == 0 {
        return f64::NAN;
    }
    // Pearson from exact integer moments: (kΣxy − ΣxΣy) / √((kΣx² − (Σx)²)(kΣy² − (Σy)²)).
    let cov = (k * sxy - sx * sy) as f64;
    let vx = (k * sxx - sx * sx) as f64;
    let vy = (k * syy - sy * sy) as f64;
    cov / (vx * vy).sqrt()
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
