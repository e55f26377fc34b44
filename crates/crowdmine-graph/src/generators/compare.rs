//! Fitting network models to an observed graph (textbook chapter 4): random graphs matched to it —
//! Erdős–Rényi G(n, m), the configuration model (its degree sequence, repeats and loops erased),
//! Chung–Lu (its degrees as expected degrees), Barabási–Albert (m/n edges per node) and
//! Watts–Strogatz (mean degree k, rewiring p) — over several seeds, with the statistics of each
//! beside the observed ones, and the analytic expectations where they exist:
//!
//! - Erdős–Rényi: clustering and transitivity p = 2m / (n(n − 1)); giant component share S with
//!   S = 1 − e^(−k̄S); path length (ln n − γ) / ln k̄ + 1/2 (Fronczak, Fronczak & Hołyst 2004);
//!   assortativity 0.
//! - Configuration model: transitivity (⟨k²⟩ − ⟨k⟩)² / (n⟨k⟩³) (Newman 2003, eq. 3.3); giant
//!   component 1 − G0(u) with u = G1(u) (Newman, Strogatz & Watts 2001); path length
//!   ln(n / z1) / ln(z2 / z1) + 1 with z1 = ⟨k⟩, z2 = ⟨k²⟩ − ⟨k⟩ (ibid.); assortativity 0.
//!
//! Every graph is compared as an undirected simple graph (directions dropped, loops and repeats
//! removed). Path lengths are over reachable pairs, exact up to `path_samples` nodes, else
//! sampled (see [`crate::measures::paths`]).

use super::{barabasi_albert, chung_lu, configuration, gnm, watts_strogatz, Multi};
use crate::measures::{
    average_clustering, average_path_length, degree_assortativity, degrees, transitivity,
    weak_components, Side, Weighting,
};
use crate::transform::simple_undirected as simple;
use crate::{Graph, Result};

/// The statistics compared, in table order.
pub const STATISTICS: [&str; 10] = [
    "nodes",
    "edges",
    "mean degree",
    "degree std",
    "max degree",
    "average clustering",
    "transitivity",
    "average path length",
    "degree assortativity",
    "largest component share",
];

/// One model's column: the mean and standard error over seeds of each statistic, and the
/// analytic expectation where the model has one.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Column {
    pub model: String,
    /// How the model was matched to the observed graph.
    pub parameters: String,
    pub mean: Vec<f64>,
    pub standard_error: Vec<f64>,
    pub analytic: Vec<Option<f64>>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Comparison {
    pub statistics: Vec<String>,
    pub observed: Vec<f64>,
    pub models: Vec<Column>,
    pub seeds: u64,
    pub path_samples: usize,
}

/// Options of [`compare`].
#[derive(Debug, Clone)]
pub struct CompareOptions {
    pub seeds: u64,
    pub seed: u64,
    /// Watts–Strogatz rewiring probability.
    pub ws_p: f64,
    /// Path-length sources (exact at or below this many nodes).
    pub path_samples: usize,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            seeds: 5,
            seed: 1,
            ws_p: 0.1,
            path_samples: 500,
        }
    }
}

/// The statistics of a simple undirected graph, in [`STATISTICS`] order.
pub fn statistics(g: &Graph, path_samples: usize, seed: u64) -> Vec<f64> {
    let n = g.node_count();
    let d: Vec<f64> = degrees(g).into_iter().map(|x| x as f64).collect();
    let mean = d.iter().sum::<f64>() / n.max(1) as f64;
    let var = d.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n.max(1) as f64;
    let lcc = weak_components(g).largest();
    let share = lcc.len() as f64 / n.max(1) as f64;
    let apl = average_path_length(&g.induced(&lcc), path_samples, seed).mean;
    vec![
        n as f64,
        g.edge_count() as f64,
        mean,
        var.sqrt(),
        d.iter().copied().fold(0.0, f64::max),
        average_clustering(g, Weighting::None),
        transitivity(g),
        apl,
        degree_assortativity(g, Side::Out, Side::In),
        share,
    ]
}

/// Compares `observed` with the five models.
pub fn compare(observed: &Graph, opts: &CompareOptions) -> Result<Comparison> {
    let g = simple(observed);
    let n = g.node_count() as u32;
    let m = g.edge_count() as u64;
    let deg: Vec<u32> = degrees(&g).into_iter().map(|x| x as u32).collect();
    let obs = statistics(&g, opts.path_samples, opts.seed);
    let k_mean = obs[2];
    let ba_m =
        ((m as f64 / f64::from(n.max(1))).round() as u32).clamp(1, n.saturating_sub(1).max(1));
    let ws_k = (((k_mean / 2.0).round() as u32) * 2).clamp(2, n.saturating_sub(1).max(2));
    type Make<'a> = Box<dyn Fn(u64) -> Result<Graph> + 'a>;
    let weights: Vec<f64> = deg.iter().map(|&k| f64::from(k)).collect();
    let models: Vec<(&str, String, Make, Vec<Option<f64>>)> = vec![
        (
            "Erdős–Rényi",
            format!("G(n, m), n = {n}, m = {m}"),
            Box::new(move |s| gnm(n, m, false, s)),
            er_analytic(f64::from(n), m as f64),
        ),
        (
            "configuration",
            "the observed degrees, repeats and loops erased".into(),
            Box::new(|s| configuration(&deg, Multi::Erase, s)),
            configuration_analytic(&deg),
        ),
        (
            "Chung–Lu",
            "the observed degrees as expected degrees".into(),
            Box::new(|s| chung_lu(&weights, false, s)),
            vec![None; STATISTICS.len()],
        ),
        (
            "Barabási–Albert",
            format!("n = {n}, m = {ba_m} per node"),
            Box::new(move |s| barabasi_albert(n, ba_m, s)),
            vec![None; STATISTICS.len()],
        ),
        (
            "Watts–Strogatz",
            format!("n = {n}, k = {ws_k}, p = {}", opts.ws_p),
            Box::new(move |s| watts_strogatz(n, ws_k, opts.ws_p, s)),
            vec![None; STATISTICS.len()],
        ),
    ];
    let mut columns = Vec::new();
    for (i, (name, parameters, make, analytic)) in models.into_iter().enumerate() {
        if n < 3 {
            break;
        }
        let mut runs: Vec<Vec<f64>> = Vec::new();
        for s in 0..opts.seeds {
            let seed = opts.seed.wrapping_add(1000 * i as u64 + s);
            let h = simple(&make(seed)?);
            runs.push(statistics(&h, opts.path_samples, seed));
        }
        let k = runs.len() as f64;
        let mean: Vec<f64> = (0..STATISTICS.len())
            .map(|j| runs.iter().map(|r| r[j]).sum::<f64>() / k)
            .collect();
        let standard_error = (0..STATISTICS.len())
            .map(|j| {
                if runs.len() < 2 {
                    return f64::NAN;
                }
                let v = runs.iter().map(|r| (r[j] - mean[j]).powi(2)).sum::<f64>() / (k - 1.0);
                (v / k).sqrt()
            })
            .collect();
        columns.push(Column {
            model: name.to_string(),
            parameters,
            mean,
            standard_error,
            analytic,
        });
    }
    Ok(Comparison {
        statistics: STATISTICS.iter().map(|s| s.to_string()).collect(),
        observed: obs,
        models: columns,
        seeds: opts.seeds,
        path_samples: opts.path_samples,
    })
}

/// Share S of the giant component solving S = 1 − G0(u), u = G1(u), for the degree distribution
/// `p_k`, by fixed-point iteration from u = 0 (the smallest root).
fn giant_share(p: &[f64]) -> f64 {
    let mean: f64 = p.iter().enumerate().map(|(k, x)| k as f64 * x).sum();
    if mean == 0.0 {
        return 0.0;
    }
    let g0 = |u: f64| {
        p.iter()
            .enumerate()
            .map(|(k, x)| x * u.powi(k as i32))
            .sum::<f64>()
    };
    let g1 = |u: f64| {
        p.iter()
            .enumerate()
            .skip(1)
            .map(|(k, x)| k as f64 * x * u.powi(k as i32 - 1))
            .sum::<f64>()
            / mean
    };
    let mut u = 0.0;
    for _ in 0..10_000 {
        let next = g1(u);
        if (next - u).abs() < 1e-15 {
            u = next;
            break;
        }
        u = next;
    }
    1.0 - g0(u)
}

fn er_analytic(n: f64, m: f64) -> Vec<Option<f64>> {
    let p = 2.0 * m / (n * (n - 1.0));
    let k = 2.0 * m / n;
    // S = 1 − e^(−kS), by iteration from S = 1.
    let mut s = 1.0f64;
    for _ in 0..10_000 {
        s = 1.0 - (-k * s).exp();
    }
    vec![
        Some(n),
        Some(m),
        Some(k),
        Some((k * (1.0 - p)).sqrt()),
        None,
        Some(p),
        Some(p),
        // Euler–Mascheroni γ.
        (k > 1.0).then(|| (n.ln() - 0.577_215_664_901_532_9) / k.ln() + 0.5),
        Some(0.0),
        Some(s),
    ]
}

fn configuration_analytic(deg: &[u32]) -> Vec<Option<f64>> {
    let n = deg.len() as f64;
    let k1 = deg.iter().map(|&k| f64::from(k)).sum::<f64>() / n;
    let k2 = deg.iter().map(|&k| f64::from(k).powi(2)).sum::<f64>() / n;
    let max = deg.iter().copied().max().unwrap_or(0) as usize;
    let mut p = vec![0.0; max + 1];
    for &k in deg {
        p[k as usize] += 1.0 / n;
    }
    let c = (k2 - k1).powi(2) / (n * k1.powi(3));
    let (z1, z2) = (k1, k2 - k1);
    vec![
        None,
        None,
        None,
        None,
        None,
        None,
        Some(c),
        (z2 > z1 && z1 > 0.0).then(|| (n / z1).ln() / (z2 / z1).ln() + 1.0),
        Some(0.0),
        Some(giant_share(&p)),
    ]
}
