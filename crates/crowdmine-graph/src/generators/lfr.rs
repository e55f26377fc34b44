//! The LFR benchmark (Lancichinetti, Fortunato & Radicchi 2008): an undirected graph with
//! power-law degrees and community sizes and a planted partition whose mixing μ (the share of a
//! node's edges that leave its community) is set.
//!
//! 1. Degrees from a discrete power law P(k) ∝ k^−τ1 on [k_min, k_max], with k_min (real, the
//!    continuous law floored) found by bisection so that the expected degree is k̄.
//! 2. Community sizes from a power law with exponent τ2 on [c_min, c_max], drawn until they cover
//!    n, the last one trimmed (or dropped and the rest topped up) to sum to n exactly.
//! 3. A node's internal degree is (1 − μ)k, rounded at random (up with the fractional part's
//!    probability), so the expected mixing is μ exactly. Nodes join communities large enough for
//!    their internal degree, chosen with probability proportional to size; a node entering a full
//!    community evicts a random member, who looks again (the reference's procedure).
//! 4. Each community's internal graph is a configuration model on the internal degrees, and the
//!    graph between communities one on the external degrees. Self-loops, repeated edges and
//!    external edges that fall inside a community are repaired by random edge swaps (degree
//!    preserving); the few that no swap repairs are dropped, so the realised mixing is reported.
//!
//! Communities are built in parallel, each from its own random stream; the rest is sequential, so
//! the graph depends only on the seed. O(m) expected.

use super::build;
use crate::random::{power_law, Rng};
use crate::{Graph, GraphError, Result};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Parameters of [`lfr`] (NetworKit's and the reference's names in brackets).
#[derive(Debug, Clone)]
pub struct LfrParams {
    pub n: u32,
    /// Average degree k̄.
    pub avg_degree: f64,
    /// Largest degree k_max.
    pub max_degree: u32,
    /// Degree exponent τ1 (minus sign implied).
    pub tau1: f64,
    /// Community size exponent τ2.
    pub tau2: f64,
    /// Mixing μ.
    pub mu: f64,
    /// Smallest and largest community (c_min, c_max).
    pub min_community: u32,
    pub max_community: u32,
}

impl Default for LfrParams {
    /// The parameters of the LFR paper's Figure 3 benchmark at n = 1000.
    fn default() -> Self {
        LfrParams {
            n: 1000,
            avg_degree: 20.0,
            max_degree: 50,
            tau1: 2.0,
            tau2: 1.0,
            mu: 0.3,
            min_community: 20,
            max_community: 100,
        }
    }
}

/// A generated LFR graph with its planted communities.
#[derive(Debug, Clone)]
pub struct Lfr {
    pub graph: Graph,
    /// Each node's community, 0-based.
    pub communities: Vec<u32>,
    /// The share of edges whose ends lie in different communities.
    pub realised_mixing: f64,
    /// Edges dropped because no swap could repair them.
    pub dropped_edges: usize,
}

/// The LFR benchmark graph.
pub fn lfr(p: &LfrParams, seed: u64) -> Result<Lfr> {
    validate(p)?;
    let mut rng = Rng::new(seed);
    let n = p.n as usize;
    let k_min = min_degree(p.avg_degree, f64::from(p.max_degree), p.tau1)?;
    let mut degree: Vec<u32> = (0..n)
        .map(|_| power_law(&mut rng, p.tau1, k_min, f64::from(p.max_degree)) as u32)
        .collect();
    // Randomised rounding of (1 − μ)k: the expected internal share is 1 − μ exactly.
    let mut internal: Vec<u32> = degree
        .iter()
        .map(|&k| {
            let x = (1.0 - p.mu) * f64::from(k);
            (x.floor() + if rng.chance(x.fract()) { 1.0 } else { 0.0 }) as u32
        })
        .collect();
    let sizes = community_sizes(&mut rng, p)?;
    let community = assign(&mut rng, &sizes, &internal)?;
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); sizes.len()];
    for (u, &c) in community.iter().enumerate() {
        members[c as usize].push(u as u32);
    }
    // Even stub counts: inside each community, then overall.
    for m in &members {
        let odd = m.iter().map(|&u| internal[u as usize]).sum::<u32>() % 2 == 1;
        if odd {
            fix_parity(&mut rng, m, &mut internal, &degree, m.len() as u32);
        }
    }
    if degree.iter().map(|&k| u64::from(k)).sum::<u64>() % 2 == 1 {
        // One more external stub on a node that can take it.
        let all: Vec<u32> = (0..n as u32).collect();
        let u = all
            .iter()
            .copied()
            .find(|&u| degree[u as usize] < p.max_degree)
            .unwrap_or(0);
        degree[u as usize] += 1;
    }
    let stream_base = rng.next_u64();
    let inside: Vec<(Vec<(u32, u32)>, usize)> = members
        .par_iter()
        .enumerate()
        .map(|(c, m)| {
            let mut r = Rng::stream(stream_base, c as u64);
            let stubs: Vec<u32> = m
                .iter()
                .flat_map(|&u| std::iter::repeat_n(u, internal[u as usize] as usize))
                .collect();
            wire(&mut r, stubs, |_, _| true)
        })
        .collect();
    let external_stubs: Vec<u32> = (0..n as u32)
        .flat_map(|u| {
            let ext = degree[u as usize].saturating_sub(internal[u as usize]);
            std::iter::repeat_n(u, ext as usize)
        })
        .collect();
    let mut r = Rng::stream(stream_base, u64::MAX);
    let (between, dropped_between) = wire(&mut r, external_stubs, |a, b| {
        community[a as usize] != community[b as usize]
    });
    let mut dropped = dropped_between;
    let mut edges: Vec<(u32, u32)> = Vec::new();
    for (e, d) in inside {
        edges.extend(e);
        dropped += d;
    }
    let m_between = between.len();
    edges.extend(between);
    let m = edges.len();
    Ok(Lfr {
        graph: build(p.n, false, edges, false),
        communities: community,
        realised_mixing: if m == 0 {
            0.0
        } else {
            m_between as f64 / m as f64
        },
        dropped_edges: dropped,
    })
}

/// n degrees from the power law of LFR's step 1 (exponent τ, mean k̄, at most k_max), as numbers
/// (expected degrees for [`super::dcsbm`] and [`super::chung_lu`]).
pub fn power_law_degrees(
    n: usize,
    avg_degree: f64,
    max_degree: u32,
    tau: f64,
    seed: u64,
) -> Result<Vec<f64>> {
    if tau <= 1.0 || avg_degree < 1.0 || avg_degree > f64::from(max_degree) {
        return Err(GraphError::Invalid(format!(
            "power-law degrees need τ > 1 and 1 ≤ k̄ ≤ k_max (τ = {tau}, k̄ = {avg_degree}, \
             k_max = {max_degree})"
        )));
    }
    let k_min = min_degree(avg_degree, f64::from(max_degree), tau)?;
    let mut rng = Rng::stream(seed, 0x6465_6772_6565);
    Ok((0..n)
        .map(|_| power_law(&mut rng, tau, k_min, f64::from(max_degree)))
        .collect())
}

fn validate(p: &LfrParams) -> Result<()> {
    let bad = |msg: String| Err(GraphError::Invalid(msg));
    if p.n < 2 {
        return bad("LFR needs n ≥ 2".into());
    }
    if !(0.0..=1.0).contains(&p.mu) {
        return bad(format!("μ = {} is not a share", p.mu));
    }
    if p.avg_degree < 1.0 || p.avg_degree > f64::from(p.max_degree) {
        return bad(format!(
            "the average degree {} must lie in [1, k_max = {}]",
            p.avg_degree, p.max_degree
        ));
    }
    if p.max_degree >= p.n {
        return bad(format!(
            "k_max = {} must be below n = {}",
            p.max_degree, p.n
        ));
    }
    if p.min_community < 1 || p.min_community > p.max_community || p.max_community > p.n {
        return bad(format!(
            "community sizes need 1 ≤ c_min ≤ c_max ≤ n (c_min = {}, c_max = {}, n = {})",
            p.min_community, p.max_community, p.n
        ));
    }
    let need = ((1.0 - p.mu) * f64::from(p.max_degree)).ceil() as u32 + 1;
    if p.max_community < need {
        return bad(format!(
            "c_max = {} cannot hold a node of degree k_max = {} with μ = {}: raise c_max to at \
             least {need} or lower k_max",
            p.max_community, p.max_degree, p.mu
        ));
    }
    if p.tau1 <= 1.0 || p.tau2 <= 0.0 {
        return bad(format!(
            "exponents need τ1 > 1 and τ2 > 0 (τ1 = {}, τ2 = {})",
            p.tau1, p.tau2
        ));
    }
    Ok(())
}

/// The real k_min for which the floored power law on [k_min, k_max] has mean `mean`.
fn min_degree(mean: f64, k_max: f64, tau: f64) -> Result<f64> {
    // E[⌊X⌋] for X ~ k^−τ on [a, k_max + 1): Σ_k k·P(k ≤ X < k + 1) from the CDF.
    let expected = |a: f64| -> f64 {
        let b = k_max + 1.0;
        let antider = |x: f64| {
            if (tau - 1.0).abs() < 1e-12 {
                x.ln()
            } else {
                x.powf(1.0 - tau) / (1.0 - tau)
            }
        };
        let total = antider(b) - antider(a);
        let mut sum = 0.0;
        let mut k = a.floor();
        while k <= k_max {
            let lo = k.max(a);
            let hi = (k + 1.0).min(b);
            if hi > lo {
                sum += k * (antider(hi) - antider(lo)) / total;
            }
            k += 1.0;
        }
        sum
    };
    let (mut lo, mut hi) = (1.0f64, k_max);
    if expected(lo) > mean || expected(hi) < mean {
        return Err(GraphError::Invalid(format!(
            "no power law with exponent {tau} up to k_max = {k_max} has mean degree {mean}: \
             adjust k̄, k_max or τ1"
        )));
    }
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if expected(mid) < mean {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(0.5 * (lo + hi))
}

/// Community sizes that sum to n.
fn community_sizes(rng: &mut Rng, p: &LfrParams) -> Result<Vec<u32>> {
    let (lo, hi) = (f64::from(p.min_community), f64::from(p.max_community));
    let mut sizes: Vec<u32> = Vec::new();
    let mut sum = 0u64;
    while sum < u64::from(p.n) {
        let s = power_law(rng, p.tau2, lo, hi) as u32;
        sizes.push(s);
        sum += u64::from(s);
    }
    let excess = (sum - u64::from(p.n)) as u32;
    let last = sizes.len() - 1;
    if sizes[last] - excess >= p.min_community {
        sizes[last] -= excess;
        return Ok(sizes);
    }
    // Drop the last community and spread its remaining nodes over the others.
    let mut left = sizes[last] - excess;
    sizes.pop();
    let mut tries = 0u64;
    while left > 0 {
        let c = rng.index(sizes.len().max(1));
        if sizes.is_empty() || tries > 100 * u64::from(p.n) {
            return Err(GraphError::Invalid(format!(
                "community sizes in [{}, {}] cannot add up to n = {}",
                p.min_community, p.max_community, p.n
            )));
        }
        if sizes[c] < p.max_community {
            sizes[c] += 1;
            left -= 1;
        }
        tries += 1;
    }
    Ok(sizes)
}

/// Each node's community: one whose size exceeds the node's internal degree, drawn with
/// probability proportional to size; full communities evict a random member.
fn assign(rng: &mut Rng, sizes: &[u32], internal: &[u32]) -> Result<Vec<u32>> {
    let n = internal.len();
    let mut by_size: Vec<u32> = (0..sizes.len() as u32).collect();
    by_size.sort_by(|&a, &b| sizes[b as usize].cmp(&sizes[a as usize]).then(a.cmp(&b)));
    // cumulative[i] = total size of the i + 1 largest communities.
    let cumulative: Vec<u64> = by_size
        .iter()
        .scan(0u64, |acc, &c| {
            *acc += u64::from(sizes[c as usize]);
            Some(*acc)
        })
        .collect();
    let mut members: Vec<Vec<u32>> = sizes
        .iter()
        .map(|&s| Vec::with_capacity(s as usize))
        .collect();
    let mut community = vec![u32::MAX; n];
    let mut queue: Vec<u32> = (0..n as u32).collect();
    rng.shuffle(&mut queue);
    let mut steps = 0u64;
    while let Some(u) = queue.pop() {
        steps += 1;
        if steps > 200 * n as u64 + 1000 {
            return Err(GraphError::Invalid(
                "could not place every node in a community large enough for its internal \
                 degree: raise c_max or μ, or lower k_max"
                    .into(),
            ));
        }
        let need = internal[u as usize];
        // Communities of size > need are a prefix of `by_size`.
        let fits = by_size.partition_point(|&c| sizes[c as usize] > need);
        if fits == 0 {
            return Err(GraphError::Invalid(format!(
                "no community is larger than internal degree {need}: raise c_max"
            )));
        }
        let r = rng.below(cumulative[fits - 1]);
        let c = by_size[cumulative.partition_point(|&x| x <= r)] as usize;
        if members[c].len() < sizes[c] as usize {
            members[c].push(u);
        } else {
            let i = rng.index(members[c].len());
            let evicted = std::mem::replace(&mut members[c][i], u);
            community[evicted as usize] = u32::MAX;
            queue.push(evicted);
        }
        community[u as usize] = c as u32;
    }
    Ok(community)
}

/// Makes a community's internal stub count even: one more stub on a member with room (internal
/// degree below both its degree and the community size − 1), else one fewer.
fn fix_parity(rng: &mut Rng, members: &[u32], internal: &mut [u32], degree: &[u32], size: u32) {
    let start = rng.index(members.len());
    let order = members[start..].iter().chain(&members[..start]);
    for &u in order.clone() {
        let (i, k) = (internal[u as usize], degree[u as usize]);
        if i < k && i + 1 < size {
            internal[u as usize] += 1;
            return;
        }
    }
    if let Some(&u) = order.clone().find(|&&u| internal[u as usize] > 0) {
        internal[u as usize] -= 1;
    }
}

fn key(a: u32, b: u32) -> u64 {
    (u64::from(a.min(b)) << 32) | u64::from(a.max(b))
}

/// Joins shuffled stubs in pairs, then repairs bad edges — self-loops, repeats, and those that
/// `allowed` refuses — by swapping ends with random edges (Maslov & Sneppen 2002), which keeps
/// every degree. Returns the edges and how many could not be repaired (dropped).
fn wire(
    rng: &mut Rng,
    mut stubs: Vec<u32>,
    allowed: impl Fn(u32, u32) -> bool,
) -> (Vec<(u32, u32)>, usize) {
    if stubs.len() % 2 == 1 {
        stubs.pop();
    }
    rng.shuffle(&mut stubs);
    let mut edges: Vec<(u32, u32)> = stubs.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    let mut count: FxHashMap<u64, u32> = FxHashMap::default();
    for &(a, b) in &edges {
        *count.entry(key(a, b)).or_insert(0) += 1;
    }
    let ok = |a: u32, b: u32, count: &FxHashMap<u64, u32>| {
        a != b && allowed(a, b) && count.get(&key(a, b)).copied().unwrap_or(0) == 0
    };
    let is_bad = |i: usize, edges: &[(u32, u32)], count: &FxHashMap<u64, u32>| {
        let (a, b) = edges[i];
        a == b || !allowed(a, b) || count.get(&key(a, b)).copied().unwrap_or(0) > 1
    };
    let bad: Vec<usize> = (0..edges.len())
        .filter(|&i| is_bad(i, &edges, &count))
        .collect();
    let mut dropped = vec![false; edges.len()];
    let mut left = 0;
    for i in bad {
        if !is_bad(i, &edges, &count) {
            continue; // repaired by an earlier swap
        }
        let mut fixed = false;
        for _ in 0..100 {
            let j = rng.index(edges.len());
            if j == i || dropped[j] {
                continue;
            }
            let ((a, b), (c, d)) = (edges[i], edges[j]);
            // Take one edge out of the counts while testing, so repeats of it can be used.
            let (new1, new2) = if rng.chance(0.5) {
                ((a, c), (b, d))
            } else {
                ((a, d), (b, c))
            };
            for k in [key(a, b), key(c, d)] {
                if let Some(v) = count.get_mut(&k) {
                    *v -= 1;
                }
            }
            let good = ok(new1.0, new1.1, &count)
                && ok(new2.0, new2.1, &count)
                && key(new1.0, new1.1) != key(new2.0, new2.1)
                && !is_bad_now(j, &edges, &allowed, &count);
            if good {
                *count.entry(key(new1.0, new1.1)).or_insert(0) += 1;
                *count.entry(key(new2.0, new2.1)).or_insert(0) += 1;
                edges[i] = new1;
                edges[j] = new2;
                fixed = true;
                break;
            }
            for k in [key(a, b), key(c, d)] {
                *count.entry(k).or_insert(0) += 1;
            }
        }
        if !fixed {
            dropped[i] = true;
            if let Some(v) = count.get_mut(&key(edges[i].0, edges[i].1)) {
                *v -= 1;
            }
            left += 1;
        }
    }
    let kept = edges
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(e, _)| e)
        .collect();
    (kept, left)
}

/// Whether edge j, good before the swap, was itself bad (then swapping with it gains nothing
/// certain; it is skipped). Counts exclude j and i while this is asked.
fn is_bad_now(
    j: usize,
    edges: &[(u32, u32)],
    allowed: &impl Fn(u32, u32) -> bool,
    count: &FxHashMap<u64, u32>,
) -> bool {
    let (c, d) = edges[j];
    c == d || !allowed(c, d) || count.get(&key(c, d)).copied().unwrap_or(0) > 0
}
