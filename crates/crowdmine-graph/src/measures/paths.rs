//! Average shortest-path length by breadth-first search, over the pairs of nodes that reach each
//! other (directions followed in a directed graph; weights ignored). Exact from every source when
//! the graph is small, otherwise from `samples` sources drawn uniformly without replacement: each
//! source's mean distance is one observation, so the estimate carries a standard error (the
//! sources are a simple random sample; finite-population corrected). Sources run in parallel;
//! a seed gives the same estimate on any thread count. O(samples · (n + m)).

use crate::random::Rng;
use crate::Graph;
use rayon::prelude::*;

/// The estimate and how it was made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathLength {
    pub mean: f64,
    /// 0 when exact.
    pub standard_error: f64,
    pub sources: usize,
    pub exact: bool,
}

/// Distances from `s` (u32::MAX where unreachable).
pub fn bfs(g: &Graph, s: u32) -> Vec<u32> {
    let mut dist = vec![u32::MAX; g.node_count()];
    let mut frontier = vec![s];
    dist[s as usize] = 0;
    let mut d = 0;
    while !frontier.is_empty() {
        d += 1;
        let mut next = Vec::new();
        for &u in &frontier {
            for &v in g.out(u) {
                if dist[v as usize] == u32::MAX {
                    dist[v as usize] = d;
                    next.push(v);
                }
            }
        }
        frontier = next;
    }
    dist
}

/// Mean distance over reachable pairs; exact when n ≤ `samples`.
pub fn average_path_length(g: &Graph, samples: usize, seed: u64) -> PathLength {
    let n = g.node_count();
    let exact = n <= samples;
    let sources: Vec<u32> = if exact {
        (0..n as u32).collect()
    } else {
        let mut all: Vec<u32> = (0..n as u32).collect();
        let mut rng = Rng::new(seed);
        // A partial Fisher–Yates shuffle: the first `samples` are a uniform sample.
        for i in 0..samples {
            let j = i + rng.index(n - i);
            all.swap(i, j);
        }
        all.truncate(samples);
        all
    };
    // Per source: (sum of distances, reachable others).
    let per: Vec<(u64, u64)> = sources
        .par_iter()
        .map(|&s| {
            bfs(g, s)
                .iter()
                .filter(|&&d| d != u32::MAX && d > 0)
                .fold((0u64, 0u64), |(t, c), &d| (t + u64::from(d), c + 1))
        })
        .collect();
    let (total, pairs) = per
        .iter()
        .fold((0u64, 0u64), |(t, c), &(a, b)| (t + a, c + b));
    let mean = if pairs == 0 {
        0.0
    } else {
        total as f64 / pairs as f64
    };
    let standard_error = if exact || per.len() < 2 {
        0.0
    } else {
        // Ratio estimator's standard error (each source weighted by its reachable count).
        let k = per.len() as f64;
        let avg_c = pairs as f64 / k;
        let var = per
            .iter()
            .map(|&(t, c)| {
                let r = t as f64 - mean * c as f64;
                r * r
            })
            .sum::<f64>()
            / (k - 1.0);
        let fpc = 1.0 - k / n as f64;
        (var * fpc / k).sqrt() / avg_c
    };
    PathLength {
        mean,
        standard_error,
        sources: sources.len(),
        exact,
    }
}

/// Eccentricity of every node: its largest distance to a node it reaches (so, in a disconnected
/// graph, within its component; NetworkX refuses disconnected graphs). One BFS per node, in
/// parallel: O(nm).
pub fn eccentricity(g: &Graph) -> Vec<u32> {
    (0..g.node_count() as u32)
        .into_par_iter()
        .map(|u| farthest(g, u).1)
        .collect()
}

/// The node farthest from `s` (the largest id among ties) and its distance.
fn farthest(g: &Graph, s: u32) -> (u32, u32) {
    let dist = bfs(g, s);
    dist.iter()
        .enumerate()
        .filter(|(_, &d)| d != u32::MAX)
        .map(|(v, &d)| (v as u32, d))
        .max_by_key(|&(v, d)| (d, v))
        .unwrap_or((s, 0))
}

/// The diameter of an undirected graph and how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Diameter {
    /// The largest eccentricity (over all components of a disconnected graph).
    pub value: u32,
    /// The double-sweep lower bound of the largest component (Magnien, Latapy & Habib 2009).
    pub lower_bound: u32,
    /// Breadth-first searches spent.
    pub searches: usize,
}

/// Exact diameter of an undirected graph by iFUB (Crescenzi, Grossi, Habib, Lanzi & Marino 2013),
/// component by component: from a start node u (the farthest node's midpoint after a double sweep
/// from the highest-degree node), eccentricities of u's BFS levels are computed from the deepest
/// down until the lower bound exceeds twice the next level — usually a few dozen searches, not n.
/// A directed graph is measured on its undirected view.
pub fn diameter(g: &Graph) -> Diameter {
    let u = if g.is_directed() {
        std::borrow::Cow::Owned(g.to_undirected())
    } else {
        std::borrow::Cow::Borrowed(g)
    };
    let g = u.as_ref();
    let comps = super::weak_components(g);
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); comps.count()];
    for (v, &c) in comps.of.iter().enumerate() {
        members[c as usize].push(v as u32);
    }
    members.sort_by_key(|m| std::cmp::Reverse(m.len()));
    let mut best = Diameter {
        value: 0,
        lower_bound: 0,
        searches: 0,
    };
    for (k, m) in members.iter().enumerate() {
        if (m.len() as u32) <= best.value || m.len() < 2 {
            continue; // a component of c nodes has diameter below c
        }
        let (d, lower, searches) = ifub(g, m);
        if k == 0 {
            best.lower_bound = lower;
        }
        best.value = best.value.max(d);
        best.searches += searches;
    }
    best
}

/// iFUB on one component; returns (diameter, double-sweep bound, searches).
fn ifub(g: &Graph, members: &[u32]) -> (u32, u32, usize) {
    let r = members
        .iter()
        .copied()
        .max_by_key(|&v| (g.out(v).len(), std::cmp::Reverse(v)))
        .unwrap_or(members[0]);
    let (a, _) = farthest(g, r);
    let from_a = bfs(g, a);
    let (b, ecc_a) = from_a
        .iter()
        .enumerate()
        .filter(|(_, &d)| d != u32::MAX)
        .map(|(v, &d)| (v as u32, d))
        .max_by_key(|&(v, d)| (d, v))
        .unwrap_or((a, 0));
    // The midpoint of a shortest a–b path: walk back from b half the way.
    let mut mid = b;
    let from_b = bfs(g, b);
    while from_b[mid as usize] < ecc_a / 2 {
        let next = g.out(mid).iter().copied().find(|&w| {
            from_a[w as usize] + 1 == from_a[mid as usize]
                && from_b[w as usize] == from_b[mid as usize] + 1
        });
        match next {
            Some(w) => mid = w,
            None => break,
        }
    }
    let dist = bfs(g, mid);
    let mut searches = 4;
    let ecc_mid = members.iter().map(|&v| dist[v as usize]).max().unwrap_or(0);
    let mut levels: Vec<Vec<u32>> = vec![Vec::new(); ecc_mid as usize + 1];
    for &v in members {
        levels[dist[v as usize] as usize].push(v);
    }
    let mut lower = ecc_a.max(ecc_mid);
    // Once every level above i is done, two unvisited nodes (levels ≤ i) are at most 2i apart.
    let mut i = ecc_mid;
    while i > 0 && lower < 2 * i {
        let level_max = levels[i as usize]
            .par_iter()
            .map(|&v| farthest(g, v).1)
            .max()
            .unwrap_or(0);
        searches += levels[i as usize].len();
        lower = lower.max(level_max);
        i -= 1;
    }
    (lower, ecc_a, searches)
}
