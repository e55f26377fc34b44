//! Connected components: weak (union-find with path halving and union by size, O(m α(n))) and
//! strong (iterative Tarjan 1972, O(n + m), no recursion so deep graphs cannot overflow the stack).
//! Components are numbered by their smallest node, in increasing order.

use crate::Graph;

/// A partition of the nodes into components.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Components {
    /// Component of each node.
    pub of: Vec<u32>,
    /// Size of each component.
    pub sizes: Vec<usize>,
}

impl Components {
    pub fn count(&self) -> usize {
        self.sizes.len()
    }

    /// Nodes of the largest component (the one with the smallest number among equals).
    pub fn largest(&self) -> Vec<u32> {
        let best = (0..self.sizes.len())
            .max_by(|&a, &b| self.sizes[a].cmp(&self.sizes[b]).then(b.cmp(&a)))
            .unwrap_or(0) as u32;
        (0..self.of.len() as u32)
            .filter(|&u| self.of[u as usize] == best)
            .collect()
    }

    /// Renumbers arbitrary labels so that components are numbered by their smallest node.
    fn from_labels(labels: &[u32]) -> Components {
        let mut map = vec![u32::MAX; labels.len()];
        let mut of = vec![0u32; labels.len()];
        let mut sizes = Vec::new();
        for (u, &l) in labels.iter().enumerate() {
            if map[l as usize] == u32::MAX {
                map[l as usize] = sizes.len() as u32;
                sizes.push(0);
            }
            of[u] = map[l as usize];
            sizes[of[u] as usize] += 1;
        }
        Components { of, sizes }
    }
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let p = parent[x as usize];
        parent[x as usize] = parent[p as usize];
        x = parent[x as usize];
    }
    x
}

/// Weakly connected components (connected components of an undirected graph).
pub fn weak_components(g: &Graph) -> Components {
    let n = g.node_count();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut size = vec![1u32; n];
    for u in 0..n as u32 {
        for &v in g.out(u) {
            let (a, b) = (find(&mut parent, u), find(&mut parent, v));
            if a != b {
                let (big, small) = if size[a as usize] >= size[b as usize] {
                    (a, b)
                } else {
                    (b, a)
                };
                parent[small as usize] = big;
                size[big as usize] += size[small as usize];
            }
        }
    }
    let roots: Vec<u32> = (0..n as u32).map(|u| find(&mut parent, u)).collect();
    Components::from_labels(&roots)
}

/// Strongly connected components of a directed graph (weak ones of an undirected graph).
pub fn strong_components(g: &Graph) -> Components {
    if !g.is_directed() {
        return weak_components(g);
    }
    let n = g.node_count();
    const NONE: u32 = u32::MAX;
    let mut index = vec![NONE; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut comp = vec![NONE; n];
    let mut next_index = 0u32;
    let mut ncomp = 0u32;
    // Explicit DFS stack of (node, position in its out-list).
    let mut dfs: Vec<(u32, usize)> = Vec::new();
    for root in 0..n as u32 {
        if index[root as usize] != NONE {
            continue;
        }
        dfs.push((root, 0));
        index[root as usize] = next_index;
        low[root as usize] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root as usize] = true;
        while let Some(&mut (u, ref mut pos)) = dfs.last_mut() {
            let adj = g.out(u);
            if *pos < adj.len() {
                let v = adj[*pos];
                *pos += 1;
                if index[v as usize] == NONE {
                    index[v as usize] = next_index;
                    low[v as usize] = next_index;
                    next_index += 1;
                    stack.push(v);
                    on_stack[v as usize] = true;
                    dfs.push((v, 0));
                } else if on_stack[v as usize] {
                    low[u as usize] = low[u as usize].min(index[v as usize]);
                }
            } else {
                dfs.pop();
                if let Some(&(p, _)) = dfs.last() {
                    low[p as usize] = low[p as usize].min(low[u as usize]);
                }
                if low[u as usize] == index[u as usize] {
                    while let Some(w) = stack.pop() {
                        on_stack[w as usize] = false;
                        comp[w as usize] = ncomp;
                        if w == u {
                            break;
                        }
                    }
                    ncomp += 1;
                }
            }
        }
    }
    Components::from_labels(&comp)
}
