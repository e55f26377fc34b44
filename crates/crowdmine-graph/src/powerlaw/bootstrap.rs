//! The goodness-of-fit test of Clauset, Shalizi & Newman (2009, §4.1): the share of synthetic
//! samples, drawn from the fitted model, whose own fit is at least as far (KS distance) from them
//! as the observed fit is from the data. A synthetic sample has the size of the data; each value is,
//! with the observed share of values below x_min, one of those values drawn uniformly, otherwise a
//! draw from the fitted discrete power law; the whole fit (x_min included) is repeated on it.
//!
//! Power-law draws invert the exact survival function S(x) = ζ(α, x)/ζ(α, x_min), from a table
//! for the first 2^17 values and by doubling and bisection beyond. Replicate b draws from its own
//! stream of the seed, so the p-value does not depend on the number of threads. A synthetic sample
//! that cannot be fitted counts as farther than the observed one.

use super::fit::{fit_power_law, Histogram, PowerLawFit, PowerLawParams};
use super::special::hurwitz_zeta;
use crate::random::Rng;
use rayon::prelude::*;

/// The bootstrap p-value of a power-law fit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GoodnessOfFit {
    pub replicates: usize,
    /// The share of synthetic fits at least as far from their sample as the observed fit.
    pub p: f64,
    /// The number of those synthetic fits.
    pub at_least_as_far: usize,
    /// Monte-Carlo standard error of p, √(p(1 − p)/replicates).
    pub standard_error: f64,
    pub d_observed: f64,
    /// Synthetic samples too small to fit (counted as farther).
    pub not_fitted: usize,
    pub seed: u64,
}

/// Draws from the discrete power law with exponent α on x ≥ x_min.
struct PowerLawSampler {
    alpha: f64,
    xmin: u64,
    z_min: f64,
    /// S(x_min + i), falling from 1.
    survival: Vec<f64>,
}

impl PowerLawSampler {
    fn new(alpha: f64, xmin: u64) -> PowerLawSampler {
        let z_min = hurwitz_zeta(alpha, xmin as f64);
        let mut survival = Vec::with_capacity(1 << 17);
        let mut s = 1.0;
        let mut x = xmin;
        while survival.len() < 1 << 17 && s > 1e-17 {
            survival.push(s);
            s -= (x as f64).powf(-alpha) / z_min;
            x += 1;
        }
        PowerLawSampler {
            alpha,
            xmin,
            z_min,
            survival,
        }
    }

    fn survival_at(&self, x: u64) -> f64 {
        hurwitz_zeta(self.alpha, x as f64) / self.z_min
    }

    /// The largest x ≥ x_min with S(x) ≥ u, for u in (0, 1].
    fn draw(&self, u: f64) -> u64 {
        let j = self.survival.partition_point(|&s| s >= u);
        if j < self.survival.len() {
            return self.xmin + j.saturating_sub(1) as u64;
        }
        // Beyond the table: S(lo) ≥ u; double hi until S(hi) < u, then bisect.
        let mut lo = self.xmin + self.survival.len() as u64 - 1;
        let mut hi = lo.saturating_mul(2);
        while self.survival_at(hi) >= u {
            if hi == u64::MAX {
                return hi;
            }
            lo = hi;
            hi = hi.saturating_mul(2);
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.survival_at(mid) >= u {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// The CSN bootstrap p-value of `fit` (the fit of `h` with `params`) from `replicates` synthetic
/// samples. `progress` is called once per finished replicate.
pub fn goodness_of_fit(
    h: &Histogram,
    fit: &PowerLawFit,
    params: &PowerLawParams,
    replicates: usize,
    seed: u64,
    progress: &(dyn Fn() + Sync),
) -> GoodnessOfFit {
    let sampler = PowerLawSampler::new(fit.alpha, fit.xmin);
    // The observations below x_min, as cumulative counts for a uniform draw.
    let below = h.tail_start(fit.xmin);
    let cumulative: Vec<u64> = h.counts[..below]
        .iter()
        .scan(0, |acc, &c| {
            *acc += c;
            Some(*acc)
        })
        .collect();
    let n_below = cumulative.last().copied().unwrap_or(0);
    let share_below = n_below as f64 / fit.n as f64;
    let n = fit.n as usize;
    let distances: Vec<Option<f64>> = (0..replicates)
        .into_par_iter()
        .map(|b| {
            let mut rng = Rng::stream(seed, b as u64);
            let sample = (0..n).map(|_| {
                if rng.f64() < share_below {
                    let k = rng.below(n_below);
                    h.values[cumulative.partition_point(|&c| c <= k)]
                } else {
                    sampler.draw(rng.open01())
                }
            });
            let synthetic = Histogram::new(sample.collect::<Vec<u64>>());
            let d = fit_power_law(&synthetic, params).ok().map(|f| f.d);
            progress();
            d
        })
        .collect();
    let not_fitted = distances.iter().filter(|d| d.is_none()).count();
    let at_least_as_far = distances
        .iter()
        .filter(|d| d.is_none_or(|d| d >= fit.d))
        .count();
    let p = if replicates == 0 {
        f64::NAN
    } else {
        at_least_as_far as f64 / replicates as f64
    };
    GoodnessOfFit {
        replicates,
        p,
        at_least_as_far,
        standard_error: (p * (1.0 - p) / replicates as f64).sqrt(),
        d_observed: fit.d,
        not_fitted,
        seed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sampler_inverts_the_survival_function() {
        let s = PowerLawSampler::new(2.5, 3);
        assert_eq!(s.draw(1.0), 3);
        // P(X ≥ 4) = ζ(2.5, 4)/ζ(2.5, 3): u just below it gives 4, just above gives 3.
        let s4 = hurwitz_zeta(2.5, 4.0) / hurwitz_zeta(2.5, 3.0);
        assert_eq!(s.draw(s4 * (1.0 - 1e-9)), 4);
        assert_eq!(s.draw(s4 * (1.0 + 1e-9)), 3);
        // Far beyond the table.
        let x = 1u64 << 20;
        let sx = s.survival_at(x);
        assert_eq!(s.draw(sx * (1.0 - 1e-12)), x);
        // Frequencies of the first values match the law.
        let mut rng = Rng::new(7);
        let draws: Vec<u64> = (0..200_000).map(|_| s.draw(rng.open01())).collect();
        for x in 3..6u64 {
            let want = s.survival_at(x) - s.survival_at(x + 1);
            let got = draws.iter().filter(|&&d| d == x).count() as f64 / draws.len() as f64;
            assert!(
                (got - want).abs() < 4.0 * (want * (1.0 - want) / 2e5).sqrt(),
                "{x}"
            );
        }
    }
}
