//! The discrete power-law fit of Clauset, Shalizi & Newman (2009, §3): for every candidate x_min
//! the maximum-likelihood α of p(x) = x^−α / ζ(α, x_min) on the tail x ≥ x_min, and the
//! Kolmogorov–Smirnov distance between the tail and the fitted law; x_min minimises the distance.
//!
//! Conventions as the `powerlaw` package 2.0 (`Fit(data, discrete=True, estimate_discrete=False)`,
//! see tools/POWERLAW_NOTES.md): the candidates are the distinct values except the two largest; α
//! lies in (1, α_max] with α_max = 3, and a fit within 0.01 of α_max is not valid (its x_min is not
//! chosen unless no fit is valid); the distance compares P(X < x) of the law and of the tail at the
//! distinct tail values; σ = (α − 1)/√n_tail (CSN eq. 3.2). α is the exact maximiser (Brent's
//! method; the package's Nelder–Mead stops within ~1e-4 of it). Cost O(u·(u + log)) for u distinct
//! values; candidates run in parallel.

use super::optimize::brent;
use super::special::hurwitz_zeta;
use rayon::prelude::*;

/// Positive integer observations as distinct values (ascending) and their counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub values: Vec<u64>,
    pub counts: Vec<u64>,
    /// Zeros in the input, left out (a power law has no mass at 0).
    pub zeros: u64,
}

impl Histogram {
    /// The histogram of `values`, zeros left out.
    pub fn new(values: impl IntoIterator<Item = u64>) -> Histogram {
        let mut all: Vec<u64> = values.into_iter().collect();
        all.sort_unstable();
        let mut h = Histogram {
            values: Vec::new(),
            counts: Vec::new(),
            zeros: 0,
        };
        for v in all {
            if v == 0 {
                h.zeros += 1;
            } else if h.values.last() == Some(&v) {
                if let Some(c) = h.counts.last_mut() {
                    *c += 1;
                }
            } else {
                h.values.push(v);
                h.counts.push(1);
            }
        }
        h
    }

    /// The number of (non-zero) observations.
    pub fn len(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The index of the first distinct value ≥ x.
    pub fn tail_start(&self, x: u64) -> usize {
        self.values.partition_point(|&v| v < x)
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// Parameters of the fit. The defaults are those of `powerlaw` 2.0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PowerLawParams {
    /// The largest α considered.
    pub alpha_max: f64,
    /// A fit with α above alpha_max − boundary is flagged not valid.
    pub boundary: f64,
    /// Fix x_min instead of choosing it.
    pub xmin: Option<u64>,
}

impl Default for PowerLawParams {
    fn default() -> Self {
        PowerLawParams {
            alpha_max: 3.0,
            boundary: 0.01,
            xmin: None,
        }
    }
}

/// The fit for one x_min.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Candidate {
    pub xmin: u64,
    pub alpha: f64,
    /// Kolmogorov–Smirnov distance between the tail and the fitted law.
    pub d: f64,
    pub n_tail: u64,
    /// Standard error of α, (α − 1)/√n_tail.
    pub sigma: f64,
    /// α is not within the boundary margin of α_max.
    pub valid: bool,
}

/// The power-law fit of a sample.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PowerLawFit {
    /// Observations (zeros left out).
    pub n: u64,
    pub zeros: u64,
    pub xmin: u64,
    pub alpha: f64,
    pub sigma: f64,
    pub d: f64,
    pub n_tail: u64,
    /// False when no candidate was valid and x_min is the best invalid one (`noise_flag`).
    pub valid: bool,
    /// Log-likelihood of the tail under the fitted law.
    pub log_likelihood: f64,
    /// Every candidate, ascending x_min.
    pub candidates: Vec<Candidate>,
}

/// Why a sample cannot be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error(
        "a power-law fit needs at least 4 distinct positive values (x_min candidates exclude the two \
         largest); this sample has {0}"
    )]
    TooFewValues(usize),
    #[error("x_min {xmin} leaves fewer than 2 distinct values in the tail (largest value {max})")]
    XminTooLarge { xmin: u64, max: u64 },
}

/// Per-tail sums the likelihood needs, from the top of the histogram down.
struct Tails {
    /// n_tail and Σ ln x over values ≥ values[i].
    n: Vec<u64>,
    sum_ln: Vec<f64>,
}

impl Tails {
    fn new(h: &Histogram) -> Tails {
        let u = h.values.len();
        let (mut n, mut sum_ln) = (vec![0u64; u + 1], vec![0.0f64; u + 1]);
        for i in (0..u).rev() {
            n[i] = n[i + 1] + h.counts[i];
            sum_ln[i] = sum_ln[i + 1] + h.counts[i] as f64 * (h.values[i] as f64).ln();
        }
        Tails { n, sum_ln }
    }
}

/// The power-law log-likelihood of a tail: −α Σ ln x − n ln ζ(α, x_min).
pub(super) fn log_likelihood(alpha: f64, xmin: f64, n: u64, sum_ln: f64) -> f64 {
    -alpha * sum_ln - n as f64 * hurwitz_zeta(alpha, xmin).ln()
}

/// The fit with x_min = `xmin` on the tail from distinct value `i` (the first value ≥ xmin).
fn candidate(
    h: &Histogram,
    tails: &Tails,
    i: usize,
    xmin: u64,
    params: &PowerLawParams,
) -> Candidate {
    let (n, sum_ln) = (tails.n[i], tails.sum_ln[i]);
    let (alpha, _) = brent(
        |a| -log_likelihood(a, xmin as f64, n, sum_ln),
        1.0 + 1e-9,
        params.alpha_max,
    );
    Candidate {
        xmin,
        alpha,
        d: ks_distance(h, i, xmin, n, alpha),
        n_tail: n,
        sigma: (alpha - 1.0) / (n as f64).sqrt(),
        valid: alpha <= params.alpha_max - params.boundary,
    }
}

/// max |P_law(X < x) − P_tail(X < x)| over the distinct tail values x. P_law(X < x) is
/// 1 − ζ(α, x)/ζ(α, x_min); ζ at the next value comes from the previous one minus the terms in
/// between (absolute error ~1e-16·ζ(α, x_min), all the distance needs) unless the gap is wide.
pub(super) fn ks_distance(h: &Histogram, from: usize, xmin: u64, n_tail: u64, alpha: f64) -> f64 {
    let z_min = hurwitz_zeta(alpha, xmin as f64);
    let mut z = if h.values[from] == xmin {
        z_min
    } else {
        hurwitz_zeta(alpha, h.values[from] as f64)
    };
    let mut below = 0u64;
    let mut d = 0.0f64;
    for j in from..h.values.len() {
        if j > from {
            let (prev, next) = (h.values[j - 1], h.values[j]);
            z = if next - prev <= 32 {
                z - (prev..next).map(|k| (k as f64).powf(-alpha)).sum::<f64>()
            } else {
                hurwitz_zeta(alpha, next as f64)
            };
        }
        let law = 1.0 - z / z_min;
        let empirical = below as f64 / n_tail as f64;
        d = d.max((law - empirical).abs());
        below += h.counts[j];
    }
    d
}

/// The CSN fit: every candidate x_min, then the first valid one of least distance.
pub fn fit_power_law(h: &Histogram, params: &PowerLawParams) -> Result<PowerLawFit, FitError> {
    let u = h.values.len();
    let tails = Tails::new(h);
    let candidates: Vec<Candidate> = match params.xmin {
        Some(x) => {
            let i = h.tail_start(x);
            if u < i + 2 {
                return Err(FitError::XminTooLarge {
                    xmin: x,
                    max: h.values.last().copied().unwrap_or(0),
                });
            }
            vec![candidate(h, &tails, i, x, params)]
        }
        None => {
            if u < 4 {
                return Err(FitError::TooFewValues(u));
            }
            (0..u - 2)
                .into_par_iter()
                .map(|i| candidate(h, &tails, i, h.values[i], params))
                .collect()
        }
    };
    let argmin = |valid_only: bool| {
        candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.valid || !valid_only)
            .min_by(|a, b| a.1.d.total_cmp(&b.1.d).then(a.0.cmp(&b.0)))
            .map(|(i, _)| i)
    };
    let (best, valid) = match argmin(true) {
        Some(i) => (i, true),
        None => (argmin(false).unwrap_or(0), false),
    };
    let c = candidates[best];
    let i = h.tail_start(c.xmin);
    Ok(PowerLawFit {
        n: h.len(),
        zeros: h.zeros,
        xmin: c.xmin,
        alpha: c.alpha,
        sigma: c.sigma,
        d: c.d,
        n_tail: c.n_tail,
        valid,
        log_likelihood: log_likelihood(c.alpha, c.xmin as f64, tails.n[i], tails.sum_ln[i]),
        candidates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_counts_and_drops_zeros() {
        let h = Histogram::new([3, 0, 1, 3, 2, 0, 3]);
        assert_eq!(h.values, [1, 2, 3]);
        assert_eq!(h.counts, [1, 1, 3]);
        assert_eq!((h.zeros, h.len()), (2, 5));
    }

    #[test]
    fn hand_checked_distance() {
        // Tail {1, 2, 2, 5} with α = 2: P_law(X < 2) = 1/ζ(2) = 0.6079…, P_tail(X < 2) = 1/4;
        // P_law(X < 5) = (1 + 1/4 + 1/9 + 1/16)/ζ(2) = 0.8654…, P_tail(X < 5) = 3/4.
        let h = Histogram::new([1, 2, 2, 5]);
        let z2 = std::f64::consts::PI.powi(2) / 6.0;
        let want = (1.0 / z2 - 0.25).max((1.0 + 0.25 + 1.0 / 9.0 + 1.0 / 16.0) / z2 - 0.75);
        assert!((ks_distance(&h, 0, 1, 4, 2.0) - want).abs() < 1e-15);
        // A gap wider than 32 takes the direct ζ.
        let h = Histogram::new([1, 100]);
        let want = 1.0 - hurwitz_zeta(2.0, 100.0) / z2 - 0.5;
        assert!((ks_distance(&h, 0, 1, 2, 2.0) - want.abs()).abs() < 1e-15);
    }

    #[test]
    fn too_few_values_is_an_error() {
        let h = Histogram::new([1, 2, 3, 3]);
        assert_eq!(
            fit_power_law(&h, &PowerLawParams::default()),
            Err(FitError::TooFewValues(3))
        );
    }
}
