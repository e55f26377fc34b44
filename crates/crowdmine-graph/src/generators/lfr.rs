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
    /// Directed arcs: in-degrees from the degree law, out-degrees the same values shuffled, and
    /// a share μ of each node's in- and out-arcs leaving its community.
    pub directed: bool,
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
            directed: false,
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
    // Undirected: degrees. Directed: in-degrees, and the same values in another order as
    // out-degrees (so both sides have the law and the same total).
    let mut degree: Vec<u32> = (0..n)
        .map(|_| power_law(&mut rng, p.tau1, k_min, f64::from(p.max_degree)) as u32)
        .collect();
    let out_degree: Option<Vec<u32>> = p.directed.then(|| {
        let mut d = degree.clone();
        rng.shuffle(&mut d);
        d
    });
    // Randomised rounding of (1 − μ)k: the expected internal share is 1 − μ exactly.
    let mut round = |k: u32| {
        let x = (1.0 - p.mu) * f64::from(k);
        (x.floor() + if rng.chance(x.fract()) { 1.0 } else { 0.0 }) as u32
    };
    let mut internal: Vec<u32> = degree.iter().map(|&k| round(k)).collect();
    let mut internal_out: Option<Vec<u32>> = out_degree
        .as_ref()
        .map(|d| d.iter().map(|&k| round(k)).collect());
    let need: Vec<u32> = match &internal_out {
        Some(o) => internal.iter().zip(o).map(|(a, b)| *a.max(b)).collect(),
        None => internal.clone(),
    };
    let sizes = community_sizes(&mut rng, p)?;
    let community = assign(&mut rng, &sizes, &need)?;
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); sizes.len()];
    for (u, &c) in community.iter().enumerate() {
        members[c as usize].push(u as u32);
    }
    match (internal_out.as_mut(), out_degree.as_ref()) {
        (Some(io), Some(od)) => {
            // As many internal heads as tails in every community.
            for m in &members {
                let sides = Sides {
                    inn: &mut internal,
                    in_degree: &degree,
                    out: &mut *io,
                    out_degree: od,
                };
                balance(&mut rng, m, sides, m.len() as u32);
            }
        }
        _ => {
            // Even stub counts: inside each community, then overall.
            for m in &members {
                let odd = m.iter().map(|&u| internal[u as usize]).sum::<u32>() % 2 == 1;
                if odd {
                    fix_parity(&mut rng, m, &mut internal, &degree, m.len() as u32);
                }
            }
            if degree.iter().map(|&k| u64::from(k)).sum::<u64>() % 2 == 1 {
                // One more external stub on a node that can take it.
                let u = (0..n).find(|&u| degree[u] < p.max_degree).unwrap_or(0);
                degree[u] += 1;
            }
        }
    }
    let stream_base = rng.next_u64();
    let internal_out = internal_out.as_deref();
    let inside: Vec<(Vec<(u32, u32)>, usize)> = members
        .par_iter()
        .enumerate()
        .map(|(c, m)| {
            let mut r = Rng::stream(stream_base, c as u64);
            let heads = |u: u32| internal[u as usize];
            let tails = internal_out.map(|o| move |u: u32| o[u as usize]);
            let arcs = pair(&mut r, m, heads, tails);
            wire(&mut r, arcs, p.directed, |_, _| true)
        })
        .collect();
    let all: Vec<u32> = (0..n as u32).collect();
    let mut r = Rng::stream(stream_base, u64::MAX);
    let ext_heads = |u: u32| degree[u as usize].saturating_sub(internal[u as usize]);
    let ext_tails = match (&out_degree, internal_out) {
        (Some(d), Some(o)) => Some(move |u: u32| d[u as usize].saturating_sub(o[u as usize])),
        _ => None,
    };
    let arcs = pair(&mut r, &all, ext_heads, ext_tails);
    let (between, dropped_between) = wire(&mut r, arcs, p.directed, |a, b| {
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
        graph: build(p.n, p.directed, edges, false),
        communities: community,
        realised_mixing: if m == 0 {
            0.0
        } else {
            m_between as f64 / m as f64
        },
        dropped_edges: dropped,
    })
}

/// Stubs joined at random: undirected, `heads(u)` stubs per node shuffled and paired; directed,
/// `tails(u)` out-stubs per node joined to shuffled `heads(u)` in-stubs.
fn pair(
    rng: &mut Rng,
    nodes: &[u32],
    heads: impl Fn(u32) -> u32,
    tails: Option<impl Fn(u32) -> u32>,
) -> Vec<(u32, u32)> {
    let stubs = |count: &dyn Fn(u32) -> u32| -> Vec<u32> {
        nodes
            .iter()
            .flat_map(|&u| std::iter::repeat_n(u, count(u) as usize))
            .collect()
    };
    let mut h = stubs(&heads);
    rng.shuffle(&mut h);
    match tails {
        Some(t) => stubs(&t).into_iter().zip(h).collect(),
        None => h.chunks_exact(2).map(|p| (p[0], p[1])).collect(),
    }
}

/// Internal in- and out-degrees of a directed LFR graph, with the degrees that bound them.
struct Sides<'a> {
    inn: &'a mut [u32],
    in_degree: &'a [u32],
    out: &'a mut [u32],
    out_degree: &'a [u32],
}

/// Makes a community's internal out-stubs as many as its in-stubs, one stub at a time: with even
/// odds the short side gains a stub on a member with room (below its degree and the community
/// size − 1) or the long side loses one, so the expected internal total, and with it the mixing,
/// stays where the rounding put it.
fn balance(rng: &mut Rng, members: &[u32], s: Sides, size: u32) {
    let sum = |v: &[u32]| {
        members
            .iter()
            .map(|&u| i64::from(v[u as usize]))
            .sum::<i64>()
    };
    let mut diff = sum(s.out) - sum(s.inn);
    let start = rng.index(members.len().max(1));
    let order: Vec<u32> = members[start..]
        .iter()
        .chain(&members[..start])
        .copied()
        .collect();
    let (inn, out) = (s.inn, s.out);
    while diff != 0 {
        let (short, short_cap, long) = if diff > 0 {
            (&mut *inn, s.in_degree, &mut *out)
        } else {
            (&mut *out, s.out_degree, &mut *inn)
        };
        let room = order.iter().find(|&&u| {
            let x = short[u as usize];
            x < short_cap[u as usize] && x + 1 < size
        });
        let lower = order.iter().find(|&&u| long[u as usize] > 0);
        match (room, lower) {
            (Some(&u), Some(_)) if rng.chance(0.5) => short[u as usize] += 1,
            (_, Some(&u)) => long[u as usize] -= 1,
            (Some(&u), None) => short[u as usize] += 1,
            (None, None) => break,
        }
        diff -= diff.signum();
    }
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

/// Repairs bad edges among randomly joined ones — self-loops, repeats, and those that `allowed`
/// refuses — by swapping ends with random edges (Maslov & Sneppen 2002; heads only when
/// directed), which keeps every degree. Returns the edges and how many could not be repaired
/// (dropped).
fn wire(
    rng: &mut Rng,
    mut edges: Vec<(u32, u32)>,
    directed: bool,
    allowed: impl Fn(u32, u32) -> bool,
) -> (Vec<(u32, u32)>, usize) {
    let key = |a: u32, b: u32| {
        if directed {
            (u64::from(a) << 32) | u64::from(b)
        } else {
            key(a, b)
        }
    };
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
            let (new1, new2) = if directed || rng.chance(0.5) {
                ((a, d), (c, b))
            } else {
                ((a, c), (b, d))
            };
            for k in [key(a, b), key(c, d)] {
                if let Some(v) = count.get_mut(&k) {
                    *v -= 1;
                }
            }
            let good = ok(new1.0, new1.1, &count)
                && ok(new2.0, new2.1, &count)
                && key(new1.0, new1.1) != key(new2.0, new2.1)
                && !is_bad_now(edges[j], &allowed, &count, key);
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

/// Whether the edge (c, d) picked for a swap is bad itself (then swapping with it gains nothing
/// certain; it is skipped). Counts exclude both swapped edges while this is asked.
fn is_bad_now(
    (c, d): (u32, u32),
    allowed: &impl Fn(u32, u32) -> bool,
    count: &FxHashMap<u64, u32>,
    key: impl Fn(u32, u32) -> u64,
) -> bool {
    c == d || !allowed(c, d) || count.get(&key(c, d)).copied().unwrap_or(0) > 0
}
