//! Single-source shortest paths with path counts, the common first phase of betweenness,
//! closeness and harmonic centrality: breadth-first search on unit lengths, Dijkstra's algorithm
//! (a binary heap) on positive weights. Nodes come out in order of distance, with the number of
//! shortest paths to each (Brandes 2001).

use crate::Graph;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Which adjacency a search follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Along edges (out-neighbours).
    #[default]
    Out,
    /// Against edges (in-neighbours): distances *to* the source.
    In,
}

impl Direction {
    pub(crate) fn next(self, g: &Graph, u: u32) -> (&[u32], Option<&[f64]>) {
        match self {
            Direction::Out => (g.out(u), g.out_weights(u)),
            Direction::In => (g.inn(u), g.in_weights(u)),
        }
    }
}

/// Reusable buffers of one search (one per thread).
#[derive(Debug, Clone)]
pub struct Search {
    /// Distance from the source; `f64::INFINITY` when unreached.
    pub dist: Vec<f64>,
    /// Number of shortest paths from the source (as f64: counts overflow integers).
    pub sigma: Vec<f64>,
    /// Reached nodes in order of distance (the source first).
    pub order: Vec<u32>,
    heap: BinaryHeap<Item>,
    settled: Vec<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Item(f64, u32);

impl Eq for Item {}

impl PartialOrd for Item {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Item {
    /// A min-heap on distance, then node id.
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}

impl Search {
    pub fn new(n: usize) -> Search {
        Search {
            dist: vec![f64::INFINITY; n],
            sigma: vec![0.0; n],
            order: Vec::with_capacity(n),
            heap: BinaryHeap::new(),
            settled: vec![false; n],
        }
    }

    /// Shortest paths from `s`: by hops when `weighted` is false or the graph has no weights.
    pub fn run(&mut self, g: &Graph, s: u32, dir: Direction, weighted: bool) {
        for &u in &self.order {
            self.dist[u as usize] = f64::INFINITY;
            self.sigma[u as usize] = 0.0;
            self.settled[u as usize] = false;
        }
        self.order.clear();
        self.dist[s as usize] = 0.0;
        self.sigma[s as usize] = 1.0;
        if weighted && g.is_weighted() {
            self.dijkstra(g, s, dir);
        } else {
            self.bfs(g, s, dir);
        }
    }

    fn bfs(&mut self, g: &Graph, s: u32, dir: Direction) {
        self.order.push(s);
        let mut head = 0;
        while head < self.order.len() {
            let v = self.order[head];
            head += 1;
            let (dv, sv) = (self.dist[v as usize], self.sigma[v as usize]);
            for &w in dir.next(g, v).0 {
                let dw = &mut self.dist[w as usize];
                if *dw == f64::INFINITY {
                    *dw = dv + 1.0;
                    self.order.push(w);
                }
                if *dw == dv + 1.0 {
                    self.sigma[w as usize] += sv;
                }
            }
        }
    }

    /// Dijkstra; a node's path count is final when it is settled. Equal lengths are detected by
    /// exact comparison of the same sums, as NetworkX does.
    fn dijkstra(&mut self, g: &Graph, s: u32, dir: Direction) {
        self.heap.clear();
        self.heap.push(Item(0.0, s));
        let settled = &mut self.settled;
        while let Some(Item(d, v)) = self.heap.pop() {
            if settled[v as usize] || d > self.dist[v as usize] {
                continue;
            }
            settled[v as usize] = true;
            self.order.push(v);
            let sv = self.sigma[v as usize];
            let (adj, ws) = dir.next(g, v);
            for (i, &w) in adj.iter().enumerate() {
                let len = ws.map_or(1.0, |ws| ws[i]);
                let alt = d + len;
                let dw = self.dist[w as usize];
                if settled[w as usize] {
                    continue;
                }
                if alt < dw {
                    self.dist[w as usize] = alt;
                    self.sigma[w as usize] = sv;
                    self.heap.push(Item(alt, w));
                } else if alt == dw {
                    self.sigma[w as usize] += sv;
                }
            }
        }
    }
}
