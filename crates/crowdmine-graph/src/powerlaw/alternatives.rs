//! Likelihood-ratio tests of the fitted power law against other heavy-tailed laws on the same
//! tail (Clauset, Shalizi & Newman 2009, §5; Vuong 1989): log-normal, exponential, stretched
//! exponential and the power law with exponential cutoff.
//!
//! The discrete laws are those of the `powerlaw` package 2.0: the exponential and the truncated
//! power law are exactly discrete (normalised over the integers ≥ x_min); the log-normal and the
//! stretched exponential give each integer x the continuous law's mass on [x − ½, x + ½],
//! renormalised to [x_min − ½, ∞). Each is fitted by maximum likelihood (the exponential in closed
//! form, the others by restarted Nelder–Mead from the package's starting values), probabilities
//! are floored at 1e-307 as the package does. R is the log-likelihood ratio (> 0 favours the power
//! law), reported normalised by its standard deviation; p is Vuong's two-sided p-value, except for
//! the truncated power law, which nests the power law: p from χ²₁ on 2|R|.

use super::fit::{Histogram, PowerLawFit, PowerLawParams};
use super::optimize::nelder_mead;
use super::special::{erfc, hurwitz_zeta, ln_erfc, truncated_power_law_sum};
use std::collections::BTreeMap;

/// A law compared with the power law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlternativeKind {
    Lognormal,
    Exponential,
    StretchedExponential,
    TruncatedPowerLaw,
}

impl AlternativeKind {
    pub const ALL: [AlternativeKind; 4] = [
        AlternativeKind::Lognormal,
        AlternativeKind::Exponential,
        AlternativeKind::StretchedExponential,
        AlternativeKind::TruncatedPowerLaw,
    ];

    pub fn name(self) -> &'static str {
        match self {
            AlternativeKind::Lognormal => "log-normal",
            AlternativeKind::Exponential => "exponential",
            AlternativeKind::StretchedExponential => "stretched exponential",
            AlternativeKind::TruncatedPowerLaw => "truncated power law",
        }
    }

    /// Whether the power law is a limit of this law (then the test is nested).
    pub fn nested(self) -> bool {
        self == AlternativeKind::TruncatedPowerLaw
    }
}

/// One likelihood-ratio test.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Alternative {
    pub kind: AlternativeKind,
    /// Fitted parameters by their usual names (mu, sigma, lambda, beta, alpha).
    pub parameters: BTreeMap<&'static str, f64>,
    pub log_likelihood: f64,
    /// Log-likelihood ratio power law − alternative, over its standard deviation (√n·sd).
    pub ratio: f64,
    /// The raw log-likelihood ratio Σ (ln p_power_law − ln p_alternative).
    pub ratio_raw: f64,
    pub p: f64,
    pub nested: bool,
    /// A parameter ended within 0.01 of the end of its range (`noise_flag` in `powerlaw`): the
    /// fitted parameters are then unreliable, the test less so.
    pub at_boundary: bool,
}

impl Alternative {
    /// "power law", the alternative's name, or "neither" at significance level `level`.
    pub fn favours(&self, level: f64) -> &'static str {
        if self.p >= level || self.ratio_raw == 0.0 {
            "neither"
        } else if self.ratio_raw > 0.0 {
            "power law"
        } else {
            self.kind.name()
        }
    }
}

/// ln of the smallest probability `powerlaw` assigns (it replaces 0 by 1e-307).
fn floor_ln(lp: f64) -> f64 {
    if lp.is_nan() {
        return f64::NEG_INFINITY;
    }
    lp.max(1e-307f64.ln())
}

/// ln(erfc(a) − erfc(b)) for a < b, without cancellation in either tail.
fn ln_erfc_difference(a: f64, b: f64) -> f64 {
    if a >= 0.0 {
        let (la, lb) = (ln_erfc(a), ln_erfc(b));
        la + (-(lb - la).exp()).ln_1p()
    } else if b <= 0.0 {
        ln_erfc_difference(-b, -a)
    } else {
        (erfc(a) - erfc(b)).ln()
    }
}

/// The tail: distinct values ≥ x_min and their counts, with the sums the start values need.
struct Tail<'a> {
    values: &'a [u64],
    counts: &'a [u64],
    m: f64,
    n: f64,
}

impl Tail<'_> {
    fn sum(&self, f: impl Fn(f64) -> f64) -> f64 {
        self.values
            .iter()
            .zip(self.counts)
            .map(|(&x, &c)| c as f64 * f(x as f64))
            .sum()
    }

    fn mean(&self, f: impl Fn(f64) -> f64) -> f64 {
        self.sum(f) / self.n
    }
}

/// The per-value log-probability of `kind` with parameters `p` (in the order of `fit`).
fn ln_pmf(kind: AlternativeKind, p: &[f64; 2], m: f64) -> impl Fn(f64) -> f64 {
    let p = *p;
    // The log normaliser, once per parameter vector.
    let norm = match kind {
        AlternativeKind::Lognormal => {
            ln_erfc(((m - 0.5).ln() - p[0]) / (std::f64::consts::SQRT_2 * p[1]))
        }
        AlternativeKind::TruncatedPowerLaw => truncated_power_law_sum(p[0], p[1], m).ln(),
        _ => 0.0,
    };
    move |x: f64| -> f64 {
        let lp = match kind {
            AlternativeKind::Exponential => (-(-p[0]).exp_m1()).ln() - p[0] * (x - m),
            AlternativeKind::Lognormal => {
                let a = |y: f64| (y.ln() - p[0]) / (std::f64::consts::SQRT_2 * p[1]);
                ln_erfc_difference(a(x - 0.5), a(x + 0.5)) - norm
            }
            AlternativeKind::StretchedExponential => {
                let u = |y: f64| (p[0] * y).powf(p[1]);
                let (u0, u1, u2) = (u(m - 0.5), u(x - 0.5), u(x + 0.5));
                -(u1 - u0) + (-(-(u2 - u1)).exp_m1()).ln()
            }
            AlternativeKind::TruncatedPowerLaw => -p[0] * x.ln() - p[1] * (x - m) - norm,
        };
        floor_ln(lp)
    }
}

/// Maximum-likelihood parameters of `kind` on the tail, and whether one is at a range end.
fn fit(kind: AlternativeKind, tail: &Tail, alpha_max: f64) -> ([f64; 2], bool) {
    let m = tail.m;
    let nll = |p: &[f64; 2]| -> f64 {
        let f = ln_pmf(kind, p, m);
        let s = -tail.sum(f);
        if s.is_nan() {
            f64::INFINITY
        } else {
            s
        }
    };
    let mean = tail.mean(|x| x);
    match kind {
        AlternativeKind::Exponential => {
            // Geometric on x − x_min: e^−λ = μ/(1 + μ) with μ the mean excess.
            let excess = mean - m;
            let lambda = (1.0 / excess).ln_1p();
            ([lambda, 0.0], lambda < 0.01)
        }
        AlternativeKind::Lognormal => {
            let mu = tail.mean(f64::ln);
            let sd = tail.mean(|x| (x.ln() - mu).powi(2)).sqrt().max(1e-3);
            let (q, _) = nelder_mead(|q| nll(&[q[0], q[1].exp()]), [mu, sd.ln()]);
            let p = [q[0], q[1].exp()];
            (p, p[1] < 0.01)
        }
        AlternativeKind::StretchedExponential => {
            let (q, _) = nelder_mead(|q| nll(&[q[0].exp(), q[1].exp()]), [(1.0 / mean).ln(), 0.0]);
            let p = [q[0].exp(), q[1].exp()];
            (p, p[0] < 0.01 || p[1] < 0.01)
        }
        AlternativeKind::TruncatedPowerLaw => {
            // α in (0, α_max] by clamping, λ > 0 through its logarithm (floored at 1e-12, where
            // the law is the power law to within 1e-12·Σx of log-likelihood).
            let clamp = |q: &[f64; 2]| [q[0].clamp(1e-12, alpha_max), q[1].max(-27.6).exp()];
            let alpha0 = 1.0 + tail.n / tail.sum(|x| (x / m).ln());
            let (q, _) = nelder_mead(
                |q| nll(&clamp(q)),
                [alpha0.min(alpha_max), (1.0 / mean).ln()],
            );
            let p = clamp(&q);
            (p, p[0] < 0.01 || p[0] > alpha_max - 0.01 || p[1] < 0.01)
        }
    }
}

/// The likelihood-ratio test of the power law `fit` against every law in `kinds`.
pub fn compare_alternatives(
    h: &Histogram,
    fit_result: &PowerLawFit,
    params: &PowerLawParams,
    kinds: &[AlternativeKind],
) -> Vec<Alternative> {
    let i = h.tail_start(fit_result.xmin);
    let tail = Tail {
        values: &h.values[i..],
        counts: &h.counts[i..],
        m: fit_result.xmin as f64,
        n: h.counts[i..].iter().sum::<u64>() as f64,
    };
    let (alpha, m) = (fit_result.alpha, tail.m);
    let ln_zeta = hurwitz_zeta(alpha, m).ln();
    let power_law = |x: f64| floor_ln(-alpha * x.ln() - ln_zeta);
    kinds
        .iter()
        .map(|&kind| {
            let (p, at_boundary) = fit(kind, &tail, params.alpha_max);
            let alt = ln_pmf(kind, &p, m);
            let diffs: Vec<f64> = tail
                .values
                .iter()
                .map(|&x| power_law(x as f64) - alt(x as f64))
                .collect();
            let weights = tail.counts.iter().map(|&c| c as f64);
            let ratio_raw: f64 = diffs.iter().zip(weights.clone()).map(|(d, c)| c * d).sum();
            let mean = ratio_raw / tail.n;
            let var = diffs
                .iter()
                .zip(weights)
                .map(|(d, c)| c * (d - mean).powi(2))
                .sum::<f64>()
                / tail.n;
            let sd = (tail.n * var).sqrt();
            let p_value = if kind.nested() {
                // χ²₁ survival at 2|R| is erfc(√|R|).
                erfc(ratio_raw.abs().sqrt())
            } else if sd > 0.0 {
                erfc(ratio_raw.abs() / (std::f64::consts::SQRT_2 * sd))
            } else {
                1.0
            };
            let names: &[&'static str] = match kind {
                AlternativeKind::Lognormal => &["mu", "sigma"],
                AlternativeKind::Exponential => &["lambda"],
                AlternativeKind::StretchedExponential => &["lambda", "beta"],
                AlternativeKind::TruncatedPowerLaw => &["alpha", "lambda"],
            };
            Alternative {
                kind,
                parameters: names.iter().copied().zip(p).collect(),
                log_likelihood: tail.sum(&alt),
                ratio: if sd > 0.0 { ratio_raw / sd } else { 0.0 },
                ratio_raw,
                p: p_value,
                nested: kind.nested(),
                at_boundary,
            }
        })
        .collect()
}
