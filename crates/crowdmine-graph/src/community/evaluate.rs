//! How good a partition is, on its own and against a reference.
//!
//! Agreement ([`nmi`], [`adjusted_rand`]) follows scikit-learn (`normalized_mutual_info_score`,
//! natural logarithms, the same special cases; `adjusted_rand_score` from pair counts). Purity is
//! Σ_c max_t |c ∩ t| / n; best-match F1 averages, over the communities of the first partition,
//! the best F1 = 2|c ∩ t|/(|c| + |t|) against any community of the second. Coverage and
//! performance are NetworkX's `partition_quality` and conductance its `conductance` (edges
//! counted without weights; a directed graph counts arcs and out-degrees).

use super::Partition;
use crate::Graph;
use rustc_hash::FxHashMap;

/// How mutual information is normalised (scikit-learn's `average_method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Normalisation {
    #[default]
    Arithmetic,
    Geometric,
    Min,
    Max,
}

/// The contingency table of two labelings of the same nodes, and their class sizes.
struct Contingency {
    cells: FxHashMap<(u32, u32), u64>,
    a: Vec<u64>,
    b: Vec<u64>,
    n: u64,
}

fn contingency(a: &Partition, b: &Partition) -> Contingency {
    assert_eq!(
        a.labels.len(),
        b.labels.len(),
        "partitions of different node sets"
    );
    let mut cells = FxHashMap::default();
    for (&x, &y) in a.labels.iter().zip(&b.labels) {
        *cells.entry((x, y)).or_insert(0) += 1;
    }
    let size = |p: &Partition| p.sizes().into_iter().map(|s| s as u64).collect();
    Contingency {
        cells,
        a: size(a),
        b: size(b),
        n: a.labels.len() as u64,
    }
}

fn entropy(sizes: &[u64], n: f64) -> f64 {
    sizes
        .iter()
        .filter(|&&s| s > 0)
        .map(|&s| {
            let p = s as f64 / n;
            -p * p.ln()
        })
        .sum()
}

/// Normalised mutual information between two partitions of the same nodes.
pub fn nmi(a: &Partition, b: &Partition, normalisation: Normalisation) -> f64 {
    let t = contingency(a, b);
    if (t.a.len() == 1 && t.b.len() == 1) || t.n == 0 {
        return 1.0;
    }
    let n = t.n as f64;
    let mi: f64 = t
        .cells
        .iter()
        .map(|(&(x, y), &c)| {
            let c = c as f64;
            c / n * (n * c / (t.a[x as usize] as f64 * t.b[y as usize] as f64)).ln()
        })
        .sum::<f64>()
        .max(0.0);
    if mi == 0.0 {
        return 0.0;
    }
    let (ha, hb) = (entropy(&t.a, n), entropy(&t.b, n));
    let norm = match normalisation {
        Normalisation::Arithmetic => (ha + hb) / 2.0,
        Normalisation::Geometric => (ha * hb).sqrt(),
        Normalisation::Min => ha.min(hb),
        Normalisation::Max => ha.max(hb),
    };
    mi / norm.max(f64::EPSILON)
}

/// The adjusted Rand index (Hubert & Arabie 1985).
pub fn adjusted_rand(a: &Partition, b: &Partition) -> f64 {
    let t = contingency(a, b);
    let pairs = |x: u64| x as f64 * (x as f64 - 1.0) / 2.0;
    let n2 = pairs(t.n);
    let same_both: f64 = t.cells.values().map(|&c| pairs(c)).sum();
    let same_a: f64 = t.a.iter().map(|&c| pairs(c)).sum();
    let same_b: f64 = t.b.iter().map(|&c| pairs(c)).sum();
    // Pair confusion counts, as scikit-learn.
    let tp = same_both;
    let fp = same_b - same_both;
    let fn_ = same_a - same_both;
    let tn = n2 - tp - fp - fn_;
    if fn_ == 0.0 && fp == 0.0 {
        return 1.0;
    }
    2.0 * (tp * tn - fn_ * fp) / ((tp + fn_) * (fn_ + tn) + (tp + fp) * (fp + tn))
}

/// Purity of `a` against the reference `b`.
pub fn purity(a: &Partition, b: &Partition) -> f64 {
    let t = contingency(a, b);
    let mut best = vec![0u64; t.a.len()];
    for (&(x, _), &c) in &t.cells {
        best[x as usize] = best[x as usize].max(c);
    }
    best.iter().sum::<u64>() as f64 / t.n.max(1) as f64
}

/// Mean over `a`'s communities of the best F1 against any community of `b`.
pub fn best_match_f1(a: &Partition, b: &Partition) -> f64 {
    let t = contingency(a, b);
    let mut best = vec![0.0f64; t.a.len()];
    for (&(x, y), &c) in &t.cells {
        let f1 = 2.0 * c as f64 / (t.a[x as usize] + t.b[y as usize]) as f64;
        best[x as usize] = best[x as usize].max(f1);
    }
    best.iter().sum::<f64>() / best.len().max(1) as f64
}

/// Coverage (share of edges inside communities) and performance (share of node pairs correctly
/// inside or across communities), as NetworkX `community.partition_quality`.
pub fn coverage_and_performance(g: &Graph, p: &Partition) -> (f64, f64) {
    let n = g.node_count() as f64;
    let (mut m, mut intra) = (0u64, 0u64);
    for (u, v, _) in g.edges() {
        m += 1;
        intra += u64::from(p.labels[u as usize] == p.labels[v as usize]);
    }
    let directed = if g.is_directed() { 2.0 } else { 1.0 };
    let total_pairs = directed * n * (n - 1.0) / 2.0;
    let same_pairs: f64 = p
        .sizes()
        .iter()
        .map(|&s| directed * s as f64 * (s as f64 - 1.0) / 2.0)
        .sum();
    let inter = (m - intra) as f64;
    let coverage = if m == 0 { 0.0 } else { intra as f64 / m as f64 };
    let performance = if total_pairs == 0.0 {
        0.0
    } else {
        (intra as f64 + (total_pairs - same_pairs) - inter) / total_pairs
    };
    (coverage, performance)
}

/// Conductance of every community: edges leaving it over the smaller of its volume and the
/// rest's (0 when either volume is 0).
pub fn conductance(g: &Graph, p: &Partition) -> Vec<f64> {
    let degree = crate::measures::degrees(g);
    let k = p.count;
    let (mut cut, mut volume) = (vec![0.0f64; k], vec![0.0f64; k]);
    for u in 0..g.node_count() as u32 {
        let c = p.labels[u as usize] as usize;
        volume[c] += if g.is_directed() {
            g.out_degree(u) as f64
        } else {
            degree[u as usize] as f64
        };
        for &v in g.out(u) {
            if p.labels[v as usize] as usize != c {
                cut[c] += 1.0;
            }
        }
    }
    let total: f64 = volume.iter().sum();
    (0..k)
        .map(|c| {
            let smaller = volume[c].min(total - volume[c]);
            if smaller == 0.0 {
                0.0
            } else {
                cut[c] / smaller
            }
        })
        .collect()
}

/// Overlapping NMI of two covers of n nodes (McDaid, Greene & Hurley 2011, the "max"
/// normalisation): each community is a binary variable over the nodes; H(X_k|Y) is the least
/// H(X_k|Y_l) over the communities Y_l that pass Lancichinetti et al.'s (2009) test
/// h(both) + h(neither) ≥ h(X only) + h(Y only), else H(X_k); H(X|Y) sums them, and
/// I = ½[H(X) − H(X|Y) + H(Y) − H(Y|X)] over max(H(X), H(Y)). Communities are sets of node
/// indices below n.
pub fn overlapping_nmi(a: &[Vec<u32>], b: &[Vec<u32>], n: usize) -> f64 {
    let n = n as f64;
    let h = |w: f64| if w > 0.0 { -w * (w / n).log2() } else { 0.0 };
    let entropy = |size: f64| h(size) + h(n - size);
    let sets = |c: &[Vec<u32>]| -> Vec<rustc_hash::FxHashSet<u32>> {
        c.iter().map(|x| x.iter().copied().collect()).collect()
    };
    let (sa, sb) = (sets(a), sets(b));
    // H(X|Y) summed over X's communities.
    let conditional = |x: &[rustc_hash::FxHashSet<u32>], y: &[rustc_hash::FxHashSet<u32>]| -> f64 {
        x.iter()
            .map(|xk| {
                let size_x = xk.len() as f64;
                let best = y
                    .iter()
                    .filter_map(|yl| {
                        let d = xk.iter().filter(|u| yl.contains(u)).count() as f64;
                        let size_y = yl.len() as f64;
                        let (c, b_only) = (size_x - d, size_y - d);
                        let none = n - size_x - size_y + d;
                        (h(d) + h(none) >= h(c) + h(b_only))
                            .then(|| h(none) + h(b_only) + h(c) + h(d) - entropy(size_y))
                    })
                    .fold(f64::INFINITY, f64::min);
                if best.is_finite() {
                    best
                } else {
                    entropy(size_x)
                }
            })
            .sum()
    };
    let hx: f64 = sa.iter().map(|x| entropy(x.len() as f64)).sum();
    let hy: f64 = sb.iter().map(|y| entropy(y.len() as f64)).sum();
    let mutual = 0.5 * (hx - conditional(&sa, &sb) + hy - conditional(&sb, &sa));
    let norm = hx.max(hy);
    if norm == 0.0 {
        1.0
    } else {
        mutual / norm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_checked_agreement() {
        let a = Partition::from_labels([0, 0, 0, 1, 1, 1]);
        let b = Partition::from_labels([0, 0, 1, 1, 2, 2]);
        // scikit-learn: normalized_mutual_info_score = 0.5158037429793889,
        // adjusted_rand_score = 0.24242424242424243.
        assert!((nmi(&a, &b, Normalisation::Arithmetic) - 0.515_803_742_979_388_9).abs() < 1e-12);
        assert!((adjusted_rand(&a, &b) - 0.242_424_242_424_242_43).abs() < 1e-12);
        assert_eq!(nmi(&a, &a, Normalisation::Max), 1.0);
        assert_eq!(adjusted_rand(&a, &a), 1.0);
        // Purity: {0,1,2} best overlap 2 with class 0; {3,4,5} 2 with class 2: 4/6.
        assert!((purity(&a, &b) - 4.0 / 6.0).abs() < 1e-15);
        // F1: {0,1,2} vs {0,1}: 2·2/5; {3,4,5} vs {4,5}: 0.8.
        assert!((best_match_f1(&a, &b) - 0.8).abs() < 1e-15);
        let one = Partition::from_labels([0; 6]);
        assert_eq!(nmi(&one, &b, Normalisation::Arithmetic), 0.0);
    }
}
