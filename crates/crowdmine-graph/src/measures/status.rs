//! Status theory on directed signed graphs (Leskovec, Huttenlocher & Kleinberg, "Signed networks
//! in social media", CHI 2010): a positive arc A→B reads "B has higher status than A", a negative
//! one "lower".
//!
//! [`status_census`]: each ordered triple (A, B, C) of distinct nodes with arcs A→B, B→C and A→C
//! is a transitive triad. Two arcs of the same sign predict A→C with that sign (mixed signs predict
//! nothing); balance predicts the product of the two signs. The census counts the eight sign
//! patterns and how often each theory's prediction holds.
//!
//! [`status_surprise`]: the paper's contextualized links. For an arc A→B and a node X joined to
//! both, the pair of edges A–X and B–X (each of either direction and sign) is one of 16 types; a
//! reciprocated pair counts once per arc. Against each creator's generative baseline p_g(A) (its
//! share of positive arcs given) and each recipient's receptive baseline p_r(B) (share received),
//! the surprise of a type is (positives − Σ p) / √(Σ p(1 − p)) over its instances: how many
//! standard deviations more positive the A→B arcs are than their creators (or recipients)
//! usually are. Predictions, +1 or −1 for the sign of the surprise:
//! - balance: the product of the signs of A–X and B–X, direction ignored;
//! - status, generative (from A's side, what matters is B's standing, read from the B–X edge):
//!   B→X + or X→B − put B low (−1), B→X − or X→B + put B high (+1);
//! - status, receptive (from B's side, A's standing, read from the A–X edge): A→X + or X→A −
//!   put A low, so A evaluates upwards (+1); A→X − or X→A + put A high (−1).
//!
//! Arcs are signed by the sum of their records; ambivalent (0) arcs and self-loops take no part.
//! Cost: one sorted merge of the two neighbourhoods per arc, parallel over nodes.

use crate::Graph;
use rayon::prelude::*;

/// The status and balance census of transitive triads of a directed signed graph.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct StatusCensus {
    /// Counts by (sign A→B, sign B→C, sign A→C), index 4·[A→B < 0] + 2·[B→C < 0] + [A→C < 0].
    pub patterns: [u64; 8],
    pub triads: u64,
    pub status_predicted: u64,
    pub status_consistent: u64,
    pub balance_consistent: u64,
}

/// The census over every ordered triple with arcs A→B, B→C, A→C (non-zero signs).
pub fn status_census(g: &Graph) -> StatusCensus {
    let n = g.node_count() as u32;
    let arcs = |u: u32| -> Vec<(u32, i8)> {
        let s = g.out_signs(u);
        g.out(u)
            .iter()
            .enumerate()
            .filter(|&(_, &v)| v != u)
            .map(|(i, &v)| (v, s.map_or(1, |s| s[i])))
            .filter(|e| e.1 != 0)
            .collect()
    };
    let out: Vec<Vec<(u32, i8)>> = (0..n).into_par_iter().map(arcs).collect();
    let patterns = (0..n as usize)
        .into_par_iter()
        .map(|a| {
            let mut p = [0u64; 8];
            let na = &out[a];
            for &(b, s_ab) in na {
                // C among B's targets and A's targets (C ≠ A; C ≠ B as loops are gone).
                let nb = &out[b as usize];
                let (mut i, mut j) = (0, 0);
                while i < na.len() && j < nb.len() {
                    match na[i].0.cmp(&nb[j].0) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            let c = na[i].0;
                            if c as usize != a && c != b {
                                let idx = 4 * usize::from(s_ab < 0)
                                    + 2 * usize::from(nb[j].1 < 0)
                                    + usize::from(na[i].1 < 0);
                                p[idx] += 1;
                            }
                            i += 1;
                            j += 1;
                        }
                    }
                }
            }
            p
        })
        .reduce(
            || [0; 8],
            |mut x, y| {
                x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
                x
            },
        );
    let mut c = StatusCensus {
        patterns,
        ..StatusCensus::default()
    };
    for (idx, &count) in patterns.iter().enumerate() {
        let (ab_neg, bc_neg, ac_neg) = (idx & 4 != 0, idx & 2 != 0, idx & 1 != 0);
        c.triads += count;
        if ab_neg == bc_neg {
            c.status_predicted += count;
            if ac_neg == ab_neg {
                c.status_consistent += count;
            }
        }
        // Balance: A→C negative exactly when one of the two is negative.
        if ac_neg == (ab_neg != bc_neg) {
            c.balance_consistent += count;
        }
    }
    c
}

/// The labels of the A–X and B–X edges, by code 2·direction + negative.
const A_X: [&str; 4] = ["A→X +", "A→X −", "X→A +", "X→A −"];
const B_X: [&str; 4] = ["B→X +", "B→X −", "X→B +", "X→B −"];

/// One of the 16 types of contextualized link.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct SurpriseType {
    /// 4·(A–X code) + (B–X code), codes as in [`SurpriseType::a_x`] and [`SurpriseType::b_x`].
    pub index: usize,
    pub a_x: &'static str,
    pub b_x: &'static str,
    /// Instances (arc A→B with a node X of this type).
    pub count: u64,
    /// Instances with A→B positive.
    pub positive: u64,
    /// Surprise against the creators' baselines; None without variance.
    pub generative: Option<f64>,
    /// Surprise against the recipients' baselines.
    pub receptive: Option<f64>,
    /// Predicted sign of the surprise, +1 or −1.
    pub balance: i8,
    pub status_generative: i8,
    pub status_receptive: i8,
}

/// The contextualized-link table and how often each theory predicts the sign of the surprise.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StatusSurprise {
    pub types: Vec<SurpriseType>,
    pub instances: u64,
    /// Types with a defined generative surprise (the denominators of the counts below).
    pub types_with_surprise: usize,
    pub balance_consistent_generative: usize,
    pub balance_consistent_receptive: usize,
    pub status_consistent_generative: usize,
    pub status_consistent_receptive: usize,
}

#[derive(Clone, Copy, Default)]
struct Accumulator {
    count: u64,
    positive: u64,
    pg: f64,
    pg_var: f64,
    pr: f64,
    pr_var: f64,
}

/// A node's neighbours with the sign of the arc to each (0: none) and from each.
type Neighbours = Vec<(u32, i8, i8)>;

fn neighbours(g: &Graph, u: u32) -> Neighbours {
    let signed = |adj: &[u32], signs: Option<&[i8]>| -> Vec<(u32, i8)> {
        adj.iter()
            .enumerate()
            .map(|(i, &v)| (v, signs.map_or(1, |s| s[i])))
            .filter(|&(v, s)| v != u && s != 0)
            .collect()
    };
    let (out, inn) = (
        signed(g.out(u), g.out_signs(u)),
        signed(g.inn(u), g.in_signs(u)),
    );
    let mut merged = Vec::with_capacity(out.len() + inn.len());
    let (mut i, mut j) = (0, 0);
    while i < out.len() || j < inn.len() {
        match (out.get(i), inn.get(j)) {
            (Some(&(a, sa)), Some(&(b, sb))) if a == b => {
                merged.push((a, sa, sb));
                i += 1;
                j += 1;
            }
            (Some(&(a, sa)), Some(&(b, _))) if a < b => {
                merged.push((a, sa, 0));
                i += 1;
            }
            (Some(&(a, sa)), None) => {
                merged.push((a, sa, 0));
                i += 1;
            }
            (_, Some(&(b, sb))) => {
                merged.push((b, 0, sb));
                j += 1;
            }
            (None, None) => break,
        }
    }
    merged
}

/// The edge codes (2·direction + negative) of a neighbour entry: the arc to it, then from it.
fn codes(out_sign: i8, in_sign: i8) -> impl Iterator<Item = usize> {
    let out = (out_sign != 0).then_some(usize::from(out_sign < 0));
    let inn = (in_sign != 0).then_some(2 + usize::from(in_sign < 0));
    out.into_iter().chain(inn)
}

/// The 16-type surprise table of a directed signed graph.
pub fn status_surprise(g: &Graph) -> StatusSurprise {
    let n = g.node_count() as u32;
    let lists: Vec<Neighbours> = (0..n).into_par_iter().map(|u| neighbours(g, u)).collect();
    let share = |num: Vec<u32>, den: Vec<u32>| -> Vec<f64> {
        num.iter()
            .zip(den)
            .map(|(&p, d)| {
                if d == 0 {
                    0.0
                } else {
                    f64::from(p) / f64::from(d)
                }
            })
            .collect()
    };
    let d = super::signed::signed_degrees(g);
    let total = |a: &[u32], b: &[u32]| a.iter().zip(b).map(|(x, y)| x + y).collect::<Vec<_>>();
    let p_g = share(
        d.out_positive.clone(),
        total(&d.out_positive, &d.out_negative),
    );
    let p_r = share(d.in_positive.clone(), total(&d.in_positive, &d.in_negative));
    let acc = (0..n as usize)
        .into_par_iter()
        .map(|a| {
            let mut acc = [Accumulator::default(); 16];
            let la = &lists[a];
            for &(b, s_ab, _) in la.iter().filter(|e| e.1 != 0) {
                let lb = &lists[b as usize];
                let (pg, pr) = (p_g[a], p_r[b as usize]);
                let (mut i, mut j) = (0, 0);
                while i < la.len() && j < lb.len() {
                    let (x, xb) = (la[i].0, lb[j].0);
                    if x < xb {
                        i += 1;
                    } else if x > xb {
                        j += 1;
                    } else {
                        if x != b && x as usize != a {
                            for c1 in codes(la[i].1, la[i].2) {
                                for c2 in codes(lb[j].1, lb[j].2) {
                                    let t = &mut acc[4 * c1 + c2];
                                    t.count += 1;
                                    t.positive += u64::from(s_ab > 0);
                                    t.pg += pg;
                                    t.pg_var += pg * (1.0 - pg);
                                    t.pr += pr;
                                    t.pr_var += pr * (1.0 - pr);
                                }
                            }
                        }
                        i += 1;
                        j += 1;
                    }
                }
            }
            acc
        })
        .reduce(
            || [Accumulator::default(); 16],
            |mut x, y| {
                for (a, b) in x.iter_mut().zip(y) {
                    a.count += b.count;
                    a.positive += b.positive;
                    a.pg += b.pg;
                    a.pg_var += b.pg_var;
                    a.pr += b.pr;
                    a.pr_var += b.pr_var;
                }
                x
            },
        );
    let surprise = |k: u64, sum: f64, var: f64| (var > 0.0).then(|| (k as f64 - sum) / var.sqrt());
    let sign = |negative: bool| if negative { -1i8 } else { 1 };
    let types: Vec<SurpriseType> = acc
        .iter()
        .enumerate()
        .map(|(index, t)| {
            let (c1, c2) = (index / 4, index % 4);
            // Codes: bit 0 negative, bit 1 the arc points at A (or B) from X.
            let (neg1, from_x1) = (c1 & 1 == 1, c1 & 2 == 2);
            let (neg2, from_x2) = (c2 & 1 == 1, c2 & 2 == 2);
            SurpriseType {
                index,
                a_x: A_X[c1],
                b_x: B_X[c2],
                count: t.count,
                positive: t.positive,
                generative: surprise(t.positive, t.pg, t.pg_var),
                receptive: surprise(t.positive, t.pr, t.pr_var),
                balance: sign(neg1 != neg2),
                // B→X + (B looks up to X) puts B low; X→B + puts B high; negatives the reverse.
                status_generative: sign(neg2 == from_x2),
                // A→X + puts A low, so A evaluates upwards: +; X→A + puts A high: −.
                status_receptive: sign(neg1 != from_x1),
            }
        })
        .collect();
    let agree = |pred: fn(&SurpriseType) -> i8, s: fn(&SurpriseType) -> Option<f64>| {
        types
            .iter()
            .filter(|t| s(t).is_some_and(|v| v != 0.0 && (v > 0.0) == (pred(t) > 0)))
            .count()
    };
    StatusSurprise {
        instances: types.iter().map(|t| t.count).sum(),
        types_with_surprise: types.iter().filter(|t| t.generative.is_some()).count(),
        balance_consistent_generative: agree(|t| t.balance, |t| t.generative),
        balance_consistent_receptive: agree(|t| t.balance, |t| t.receptive),
        status_consistent_generative: agree(|t| t.status_generative, |t| t.generative),
        status_consistent_receptive: agree(|t| t.status_receptive, |t| t.receptive),
        types,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BuildOptions, GraphBuilder};

    fn signed(edges: &[(u32, u32, f64)]) -> Graph {
        let mut b = GraphBuilder::new(BuildOptions {
            directed: true,
            signed: true,
            ..BuildOptions::default()
        });
        b.extend(edges.iter().copied());
        b.build()
    }

    #[test]
    fn hand_checked_status() {
        // A→B +, B→C +, A→C +: status and balance both hold.
        // D→E −, E→F −, D→F −: status holds (predicts −), balance fails (predicts +).
        // G→H +, H→I −, G→I +: status predicts nothing; balance predicts − and fails.
        let g = signed(&[
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, 1.0),
            (3, 4, -1.0),
            (4, 5, -1.0),
            (3, 5, -1.0),
            (6, 7, 1.0),
            (7, 8, -1.0),
            (6, 8, 1.0),
        ]);
        let c = status_census(&g);
        assert_eq!(c.triads, 3);
        assert_eq!(c.patterns[0], 1); // + + +
        assert_eq!(c.patterns[7], 1); // − − −
        assert_eq!(c.patterns[2], 1); // + − +
        assert_eq!((c.status_predicted, c.status_consistent), (2, 2));
        assert_eq!(c.balance_consistent, 1);
    }

    #[test]
    fn hand_checked_surprise_types() {
        // A=0, B=1, X=2. A→B +, A→X +, X→B +: one instance of type (A→X +, X→B +) = 4·0 + 2.
        let g = signed(&[(0, 1, 1.0), (0, 2, 1.0), (2, 1, 1.0)]);
        let s = status_surprise(&g);
        // The other arcs have contexts too: A→X with B as the third node, X→B with A.
        let t = &s.types[2];
        assert_eq!(
            (t.a_x, t.b_x, t.count, t.positive),
            ("A→X +", "X→B +", 1, 1)
        );
        // A→X +: A low, evaluates up (+); X→B +: B high (+); balance + · + = +.
        assert_eq!(
            (t.balance, t.status_generative, t.status_receptive),
            (1, 1, 1)
        );
        assert_eq!(s.instances, 3);
        // Adding X→A − makes a second context of A→B: (X→A −, X→B +) = 4·3 + 2.
        let g = signed(&[(0, 1, 1.0), (0, 2, 1.0), (2, 1, 1.0), (2, 0, -1.0)]);
        let s = status_surprise(&g);
        let t = &s.types[14];
        assert_eq!((t.a_x, t.b_x, t.count), ("X→A −", "X→B +", 1));
        assert_eq!(
            (t.balance, t.status_generative, t.status_receptive),
            (-1, 1, 1)
        );
        assert_eq!(s.types[2].count, 1);
    }

    #[test]
    fn hand_checked_surprise_values() {
        // Node 0 gives A→B arcs to 1..=4 in the context X = 5 (0→5 +, k→5 +), with 0's other
        // arcs setting its baseline. Arcs 0→1 +, 0→2 +, 0→3 −, 0→4 −, 0→5 +, 0→6 −, 0→7 −:
        // p_g(0) = 3/7. Type (A→X +, B→X +) = 0 holds exactly the four arcs 0→k, two positive
        // (the contexts of the arcs into 5 have X→B or X→A edges: other types).
        let mut edges = vec![(0, 1, 1.0), (0, 2, 1.0), (0, 3, -1.0), (0, 4, -1.0)];
        edges.extend([(0, 5, 1.0), (0, 6, -1.0), (0, 7, -1.0)]);
        edges.extend((1..=4).map(|k| (k, 5, 1.0)));
        let s = status_surprise(&signed(&edges));
        let t = &s.types[0];
        assert_eq!((t.count, t.positive), (4, 2));
        let p: f64 = 3.0 / 7.0;
        let want = (2.0 - 4.0 * p) / (4.0 * p * (1.0 - p)).sqrt();
        assert!((t.generative.unwrap_or(f64::NAN) - want).abs() < 1e-12);
        // Receptive baselines: 1 and 2 receive only positives (p_r = 1), 3 and 4 only negatives
        // (0): no variance, no receptive surprise.
        assert_eq!(t.receptive, None);
        // B→X + puts B low: status predicts a negative generative surprise, balance a positive.
        assert_eq!((t.status_generative, t.balance), (-1, 1));
    }
}
