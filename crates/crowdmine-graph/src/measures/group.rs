//! Group centrality (Everett & Borgatti 1999): how central a set of nodes C is as a whole.
//!
//! - Group degree: |N(C) \ C| / (n − |C|), the share of the other nodes adjacent to the group;
//!   in a directed graph N is the out-neighbours (NetworkX `group_degree_centrality` and
//!   `group_out_degree_centrality`) or the in-neighbours (`group_in_degree_centrality`).
//! - Group closeness: (n − |C|) / Σ_{v ∉ C} d(v, C), distances to the nearest group member
//!   (in a directed graph from v to the group, as NetworkX), unreachable nodes adding 0.
//! - Group betweenness: Σ over ordered pairs s ≠ t outside C of the share of s–t shortest paths
//!   that pass through some member of C, normalised by 1/((n − |C|)(n − |C| − 1)) (unnormalised
//!   undirected values halved). Computed from the definition: per source, shortest-path counts
//!   with and without the group (paths that avoid C are counted by a search whose counts do not
//!   pass through members), O(n·m). NetworkX's `group_betweenness_centrality` (Puzis et al. 2007
//!   path-betweenness updates) agrees on most groups but drifts from its own definition on some;
//!   the tests check this code against a brute-force count of the definition.
//! - A top-k group by greedy selection: repeatedly add the node that raises group betweenness
//!   the most (ties: smallest id). For small graphs: O(k·n²·m).

use super::shortest_paths::{Direction, Search};
use crate::Graph;
use rayon::prelude::*;

fn members(g: &Graph, group: &[u32]) -> Vec<bool> {
    let mut m = vec![false; g.node_count()];
    for &u in group {
        m[u as usize] = true;
    }
    m
}

/// Group degree over out-neighbours ([`Direction::Out`], NetworkX's default) or in-neighbours.
pub fn group_degree(g: &Graph, group: &[u32], dir: Direction) -> f64 {
    let inside = members(g, group);
    let size = inside.iter().filter(|&&x| x).count();
    let n = g.node_count();
    if n <= size {
        return 0.0;
    }
    let mut reached = vec![false; n];
    for &u in group {
        let list = match dir {
            Direction::Out => g.out(u),
            Direction::In => g.inn(u),
        };
        for &v in list {
            reached[v as usize] = true;
        }
    }
    let count = (0..n).filter(|&v| reached[v] && !inside[v]).count();
    count as f64 / (n - size) as f64
}

/// Group closeness.
pub fn group_closeness(g: &Graph, group: &[u32]) -> f64 {
    let inside = members(g, group);
    let n = g.node_count();
    // A search from all members at once, against edges: distances from each node to the group.
    let mut dist = vec![u32::MAX; n];
    let mut frontier: Vec<u32> = group.to_vec();
    for &u in group {
        dist[u as usize] = 0;
    }
    let mut d = 0;
    while !frontier.is_empty() {
        d += 1;
        let mut next = Vec::new();
        for &u in &frontier {
            for &v in g.inn(u) {
                if dist[v as usize] == u32::MAX {
                    dist[v as usize] = d;
                    next.push(v);
                }
            }
        }
        frontier = next;
    }
    let outside = (0..n).filter(|&v| !inside[v]).count();
    let total: u64 = (0..n)
        .filter(|&v| !inside[v] && dist[v] != u32::MAX)
        .map(|v| u64::from(dist[v]))
        .sum();
    if total == 0 {
        0.0
    } else {
        outside as f64 / total as f64
    }
}

/// Group betweenness (normalised as NetworkX when `normalized`).
pub fn group_betweenness(g: &Graph, group: &[u32], normalized: bool) -> f64 {
    let inside = members(g, group);
    let n = g.node_count();
    let size = inside.iter().filter(|&&x| x).count();
    let sum: f64 = (0..n as u32)
        .into_par_iter()
        .filter(|&s| !inside[s as usize])
        .map_init(
            || (Search::new(n), vec![0.0f64; n]),
            |(search, avoid), s| {
                search.run(g, s, Direction::Out, false);
                // Paths from s whose inner nodes avoid the group: counts flow only out of
                // non-members, along the same shortest-path levels.
                for &v in &search.order {
                    avoid[v as usize] = 0.0;
                }
                avoid[s as usize] = 1.0;
                let mut total = 0.0;
                for &v in &search.order {
                    let av = avoid[v as usize];
                    if v != s {
                        if !inside[v as usize] {
                            let all = search.sigma[v as usize];
                            total += (all - av) / all;
                        }
                        if inside[v as usize] {
                            continue;
                        }
                    }
                    let dv = search.dist[v as usize];
                    for &w in g.out(v) {
                        if search.dist[w as usize] == dv + 1.0 {
                            avoid[w as usize] += av;
                        }
                    }
                }
                total
            },
        )
        .sum();
    let rest = (n - size) as f64;
    if normalized {
        if rest > 1.0 {
            sum / (rest * (rest - 1.0))
        } else {
            0.0
        }
    } else if g.is_directed() {
        sum
    } else {
        sum / 2.0
    }
}

/// A group of `k` nodes chosen greedily for group betweenness, with its value.
pub fn greedy_group(g: &Graph, k: usize, normalized: bool) -> (Vec<u32>, f64) {
    let mut group: Vec<u32> = Vec::new();
    let mut value = 0.0;
    for _ in 0..k.min(g.node_count()) {
        let best = (0..g.node_count() as u32)
            .filter(|v| !group.contains(v))
            .map(|v| {
                let mut c = group.clone();
                c.push(v);
                (v, group_betweenness(g, &c, normalized))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((v, x)) => {
                group.push(v);
                value = x;
            }
            None => break,
        }
    }
    (group, value)
}
