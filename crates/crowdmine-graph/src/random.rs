//! Seeded random numbers for the generators: xoshiro256++ (Blackman & Vigna 2018), seeded through
//! SplitMix64 (Steele, Lea & Flood 2014). Parallel work takes one stream per fixed block of work
//! ([`Rng::stream`]), never per thread, so a seed gives the same graph on any thread count.

/// A xoshiro256++ generator.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

/// One SplitMix64 step: a well-mixed 64-bit value from a counter.
fn splitmix(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut x = seed;
        Rng {
            s: [
                splitmix(&mut x),
                splitmix(&mut x),
                splitmix(&mut x),
                splitmix(&mut x),
            ],
        }
    }

    /// The generator of block `index` of a run seeded with `seed`.
    pub fn stream(seed: u64, index: u64) -> Rng {
        let mut x = index ^ 0x5851_f42d_4c95_7f2d;
        let mixed = splitmix(&mut x);
        Rng::new(seed ^ mixed)
    }

    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let out = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        out
    }

    /// Uniform in [0, 1), 53 random bits.
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in (0, 1]: safe under a logarithm.
    pub fn open01(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (Lemire 2019: multiply and reject, no division on the fast path).
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = u128::from(self.next_u64()) * u128::from(n);
            }
        }
        (m >> 64) as u64
    }

    /// Index in 0..n as usize.
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// True with probability p.
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// Failures before the first success of a Bernoulli(p) sequence, given ln(1 − p) (geometric
    /// skipping, Batagelj & Brandes 2005). Saturates at u64::MAX.
    pub fn skip(&mut self, ln_q: f64) -> u64 {
        let k = (self.open01().ln() / ln_q).floor();
        if k >= u64::MAX as f64 {
            u64::MAX
        } else {
            k as u64
        }
    }

    /// Poisson(λ): inversion by sequential search for small λ, else the PTRS transformed rejection
    /// of Hörmann 1993.
    pub fn poisson(&mut self, lambda: f64) -> u64 {
        if lambda <= 0.0 {
            return 0;
        }
        if lambda < 30.0 {
            let mut p = (-lambda).exp();
            let mut k = 0u64;
            let mut f = p;
            let u = self.f64();
            while u > f && k < 10_000 {
                k += 1;
                p *= lambda / k as f64;
                f += p;
            }
            return k;
        }
        let slam = lambda.sqrt();
        let loglam = lambda.ln();
        let b = 0.931 + 2.53 * slam;
        let a = -0.059 + 0.02483 * b;
        let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
        let v_r = 0.9277 - 3.6224 / (b - 2.0);
        loop {
            let u = self.f64() - 0.5;
            let v = self.f64();
            let us = 0.5 - u.abs();
            let k = ((2.0 * a / us + b) * u + lambda + 0.43).floor();
            if us >= 0.07 && v <= v_r {
                return k as u64;
            }
            if k < 0.0 || (us < 0.013 && v > us) {
                continue;
            }
            let lhs = (v * inv_alpha / (a / (us * us) + b)).ln();
            let rhs = -lambda + k * loglam - ln_factorial(k);
            if lhs <= rhs {
                return k as u64;
            }
        }
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

/// Draws an index with probability proportional to its weight in O(1) (Walker's alias method in
/// Vose's 1991 construction).
#[derive(Debug, Clone)]
pub struct Alias {
    prob: Vec<f64>,
    alias: Vec<u32>,
}

impl Alias {
    /// `None` when no weight is positive.
    pub fn new(weights: &[f64]) -> Option<Alias> {
        let n = weights.len();
        let sum: f64 = weights.iter().filter(|w| **w > 0.0).sum();
        if n == 0 || sum <= 0.0 {
            return None;
        }
        let mut prob: Vec<f64> = weights
            .iter()
            .map(|&w| w.max(0.0) * n as f64 / sum)
            .collect();
        let mut alias = vec![0u32; n];
        let (mut small, mut large): (Vec<u32>, Vec<u32>) =
            (0..n as u32).partition(|&i| prob[i as usize] < 1.0);
        while let (Some(s), Some(&l)) = (small.pop(), large.last()) {
            alias[s as usize] = l;
            prob[l as usize] -= 1.0 - prob[s as usize];
            if prob[l as usize] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        // Leftovers are 1 up to rounding.
        for i in large.into_iter().chain(small) {
            prob[i as usize] = 1.0;
        }
        Some(Alias { prob, alias })
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let i = rng.index(self.prob.len());
        if rng.f64() < self.prob[i] {
            i
        } else {
            self.alias[i] as usize
        }
    }
}

/// ln(k!) by Stirling's series (exact table for small k).
fn ln_factorial(k: f64) -> f64 {
    if k < 10.0 {
        let mut f = 1.0f64;
        let mut i = 2.0;
        while i <= k {
            f *= i;
            i += 1.0;
        }
        return f.ln();
    }
    let x = k + 1.0;
    (x - 0.5) * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI).ln() + 1.0 / (12.0 * x)
        - 1.0 / (360.0 * x * x * x)
}

/// An integer from a discrete power law P(k) ∝ k^−τ on [lo, hi], by inverting the continuous CDF
/// on [lo, hi + 1) and flooring (the sampler of the LFR reference, Lancichinetti et al. 2008).
pub fn power_law(rng: &mut Rng, tau: f64, lo: f64, hi: f64) -> f64 {
    let u = rng.f64();
    let (a, b) = (lo, hi + 1.0);
    let x = if (tau - 1.0).abs() < 1e-12 {
        a * (b / a).powf(u)
    } else {
        let e = 1.0 - tau;
        (a.powf(e) + u * (b.powf(e) - a.powf(e))).powf(1.0 / e)
    };
    x.floor().clamp(lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::new(7).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(Rng::stream(7, 0).next_u64(), Rng::stream(7, 1).next_u64());
        assert_ne!(Rng::new(1).next_u64(), Rng::new(2).next_u64());
    }

    #[test]
    fn moments_of_the_samplers() {
        let mut r = Rng::new(42);
        let n = 200_000;
        let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len() as f64;
        let u: Vec<f64> = (0..n).map(|_| r.f64()).collect();
        assert!((mean(&u) - 0.5).abs() < 0.005);
        let b: Vec<f64> = (0..n).map(|_| r.below(10) as f64).collect();
        assert!((mean(&b) - 4.5).abs() < 0.05);
        assert!(b.iter().all(|&x| x < 10.0));
        for lambda in [0.5, 4.0, 80.0] {
            let p: Vec<f64> = (0..n).map(|_| r.poisson(lambda) as f64).collect();
            let m = mean(&p);
            let var = p.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n as f64;
            // Within 5 standard errors of the mean and 5% of the variance.
            assert!(
                (m - lambda).abs() < 5.0 * (lambda / n as f64).sqrt(),
                "{lambda}: {m}"
            );
            assert!((var / lambda - 1.0).abs() < 0.05, "{lambda}: var {var}");
        }
        let alias = Alias::new(&[1.0, 0.0, 3.0]).expect("weights");
        let mut counts = [0usize; 3];
        for _ in 0..n {
            counts[alias.sample(&mut r)] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!((counts[2] as f64 / n as f64 - 0.75).abs() < 0.01);
        let q = 0.1f64;
        let g: Vec<f64> = (0..n).map(|_| r.skip((1.0 - q).ln()) as f64).collect();
        assert!((mean(&g) - (1.0 - q) / q).abs() < 0.15);
    }
}
