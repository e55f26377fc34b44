//! Special functions for the discrete fits: the Hurwitz zeta function, the normaliser of the
//! discrete truncated power law, and the complementary error function in log space. Our own
//! implementations (Euler–Maclaurin summation, Gauss–Legendre quadrature, the series and continued
//! fraction of the incomplete gamma function); accurate to about 1e-14 relative where the fits use
//! them.

/// B₂ⱼ / (2j)! for j = 1…8: the Euler–Maclaurin correction coefficients.
const EM: [f64; 8] = [
    1.0 / 12.0,
    -1.0 / 720.0,
    1.0 / 30_240.0,
    -1.0 / 1_209_600.0,
    1.0 / 47_900_160.0,
    -691.0 / 1_307_674_368_000.0,
    1.0 / 74_724_249_600.0,
    -3617.0 / 10_670_622_842_880_000.0,
];

/// Below this the sums add terms one by one; from here the Euler–Maclaurin tail converges to
/// double precision with the eight corrections of [`EM`].
const EM_START: f64 = 16.0;

/// The Hurwitz zeta function ζ(s, q) = Σ_{k≥0} (k + q)^−s for s > 1, q > 0; +∞ for s ≤ 1.
pub fn hurwitz_zeta(s: f64, q: f64) -> f64 {
    if s <= 1.0 {
        return f64::INFINITY;
    }
    let mut sum = 0.0;
    let mut a = q;
    while a < EM_START {
        sum += a.powf(-s);
        a += 1.0;
    }
    let a_s = a.powf(-s);
    sum += a * a_s / (s - 1.0) + 0.5 * a_s;
    // The j-th correction is EM[j]·s(s+1)…(s+2j−2)·a^(−s−2j+1).
    let inv_a2 = 1.0 / (a * a);
    let mut term = s * a_s / a;
    for (j, c) in EM.iter().enumerate() {
        sum += c * term;
        let k = 2.0 * j as f64;
        term *= (s + k + 1.0) * (s + k + 2.0) * inv_a2;
    }
    sum
}

/// Σ_{k≥m} k^−α e^{−λ(k−m)}: the normaliser of the discrete truncated power law, scaled by e^{λm}
/// so that it neither underflows nor overflows. λ > 0 and α ≥ 0 (or λ = 0 and α > 1).
pub fn truncated_power_law_sum(alpha: f64, lambda: f64, m: f64) -> f64 {
    if lambda <= 0.0 {
        return hurwitz_zeta(alpha, m);
    }
    let term = |k: f64| k.powf(-alpha) * (-lambda * (k - m)).exp();
    if lambda >= 0.05 {
        // Terms fall at least geometrically (ratio e^−λ): add them until the rest is negligible.
        let ratio = (-lambda).exp();
        let mut sum = 0.0;
        let mut k = m;
        loop {
            let t = term(k);
            sum += t;
            if t * ratio / (1.0 - ratio) <= 1e-17 * sum {
                return sum;
            }
            k += 1.0;
        }
    }
    // Small λ: direct terms up to a ≥ 20, then Euler–Maclaurin from a with the integral by
    // quadrature. The derivatives of k^−α e^{−λ(k−m)} at a come from Leibniz's rule.
    let mut sum = 0.0;
    let mut a = m;
    while a < 20.0 {
        sum += term(a);
        a += 1.0;
    }
    let fa = term(a);
    sum += integral_from(alpha, lambda, a) * (-lambda * (a - m)).exp() + 0.5 * fa;
    // f^(n)(a) = f(a)·(−1)^n·Σ_i C(n,i)·(α)_i·a^−i·λ^(n−i), (α)_i the rising factorial.
    for (j, c) in EM.iter().take(6).enumerate() {
        let n = 2 * j + 1;
        let mut s = 0.0;
        let mut binom = 1.0;
        let mut rising = 1.0;
        for i in 0..=n {
            s += binom * rising * a.powi(-(i as i32)) * lambda.powi((n - i) as i32);
            binom *= (n - i) as f64 / (i + 1) as f64;
            rising *= alpha + i as f64;
        }
        // −B₂ⱼ/(2j)!·f^(2j−1)(a), and f^(odd) = −f(a)·s.
        sum += c * fa * s;
    }
    sum
}

/// Gauss–Legendre nodes and weights on [−1, 1], 8 points.
const GL_X: [f64; 4] = [
    0.183_434_642_495_649_8,
    0.525_532_409_916_329,
    0.796_666_477_413_626_7,
    0.960_289_856_497_536_3,
];
const GL_W: [f64; 4] = [
    0.362_683_783_378_362,
    0.313_706_645_877_887_3,
    0.222_381_034_453_374_5,
    0.101_228_536_290_376_3,
];

/// ∫_a^∞ x^−α e^{−λ(x−a)} dx for λ > 0, through x = a·e^t: a^{1−α} ∫_0^∞ e^{(1−α)t − λa(e^t − 1)} dt.
/// The log-integrand is concave in t, so once it falls the rest is bounded by value / slope.
fn integral_from(alpha: f64, lambda: f64, a: f64) -> f64 {
    let c = lambda * a;
    let phi = |t: f64| ((1.0 - alpha) * t - c * t.exp_m1()).exp();
    let h = 0.25;
    let mut total = 0.0;
    let mut t0 = 0.0;
    loop {
        let mid = t0 + 0.5 * h;
        let mut panel = 0.0;
        for (x, w) in GL_X.iter().zip(GL_W) {
            panel += w * (phi(mid - 0.5 * h * x) + phi(mid + 0.5 * h * x));
        }
        total += 0.5 * h * panel;
        t0 += h;
        let slope = (1.0 - alpha) - c * t0.exp();
        if slope < 0.0 && phi(t0) / -slope <= 1e-17 * total {
            break;
        }
    }
    a.powf(1.0 - alpha) * total
}

/// ln erfc(x), accurate in the far right tail where erfc itself underflows.
pub fn ln_erfc(x: f64) -> f64 {
    if x * x < 1.5 || x < 0.0 {
        return erfc(x).ln();
    }
    // Continued fraction of Γ(½, x²): erfc(x) = e^{−x²}·x/√π·CF.
    -x * x + (x * incomplete_gamma_cf(0.5, x * x) / std::f64::consts::PI.sqrt()).ln()
}

/// The complementary error function erfc(x) = Γ(½, x²)/√π for x ≥ 0, and 2 − erfc(−x) below.
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    let z = x * x;
    let sqrt_pi = std::f64::consts::PI.sqrt();
    if z < 1.5 {
        // erf(x) = e^{−z}·z^½/Γ(½)·Σ z^n / (½(½+1)…(½+n)).
        let mut term = 1.0 / 0.5;
        let mut sum = term;
        let mut ap = 0.5;
        for _ in 0..200 {
            ap += 1.0;
            term *= z / ap;
            sum += term;
            if term < sum * 1e-17 {
                break;
            }
        }
        1.0 - sum * (-z).exp() * x / sqrt_pi
    } else {
        (-z).exp() * x * incomplete_gamma_cf(0.5, z) / sqrt_pi
    }
}

/// The continued fraction 1/(z+1−a− 1(1−a)/(z+3−a− 2(2−a)/(z+5−a−…))) of Γ(a, z)·e^z·z^−a,
/// evaluated by the modified Lentz method; converges quickly for z > a + 1.
fn incomplete_gamma_cf(a: f64, z: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut b = z + 1.0 - a;
    let mut c = 1.0 / TINY;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..500 {
        let an = -(i as f64) * (i as f64 - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < TINY {
            d = TINY;
        }
        c = b + an / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn zeta_known_values() {
        // ζ(2) = π²/6, ζ(3) (Apéry), ζ(2, 2) = π²/6 − 1, ζ(4, 1) = π⁴/90.
        let pi = std::f64::consts::PI;
        assert!(close(hurwitz_zeta(2.0, 1.0), pi * pi / 6.0, 1e-15));
        assert!(close(
            hurwitz_zeta(3.0, 1.0),
            1.202_056_903_159_594_3,
            1e-15
        ));
        assert!(close(hurwitz_zeta(2.0, 2.0), pi * pi / 6.0 - 1.0, 1e-15));
        assert!(close(hurwitz_zeta(4.0, 1.0), pi.powi(4) / 90.0, 1e-15));
        // Against a direct sum plus its integral tail, for a large and a non-integer q.
        let direct: f64 = (0..200_000)
            .map(|k| (k as f64 + 37.5).powf(-2.5))
            .sum::<f64>()
            + (200_000.0f64 + 37.5 - 0.5).powf(-1.5) / 1.5;
        assert!(close(hurwitz_zeta(2.5, 37.5), direct, 1e-10));
        assert!(hurwitz_zeta(1.0, 3.0).is_infinite());
    }

    #[test]
    fn truncated_sum_matches_direct_summation() {
        for &(alpha, lambda, m) in &[
            (2.5f64, 0.3f64, 1.0f64),
            (1.0714847135059924, 0.14549859788995798, 2.0),
            (0.5, 0.01, 3.0),
            (2.0, 1e-4, 1.0),
            (0.0, 0.001, 7.0),
            (1.5, 0.049, 100.0),
            (2.9, 0.051, 100.0),
        ] {
            let mut direct = 0.0;
            let mut k = m;
            while k < m + 200.0 / lambda {
                direct += k.powf(-alpha) * (-lambda * (k - m)).exp();
                k += 1.0;
            }
            let got = truncated_power_law_sum(alpha, lambda, m);
            assert!(
                close(got, direct, 1e-12),
                "{alpha} {lambda} {m}: {got} {direct}"
            );
        }
        assert!(close(
            truncated_power_law_sum(2.2, 0.0, 4.0),
            hurwitz_zeta(2.2, 4.0),
            0.0
        ));
    }

    #[test]
    fn erfc_known_values() {
        // Reference values of erfc (scipy.special.erfc).
        for &(x, want) in &[
            (0.0, 1.0),
            (0.5, 0.479_500_122_186_953_5),
            (1.0, 0.157_299_207_050_285_1),
            (1.2, 0.089_686_021_770_364_62),
            (1.3, 0.065_992_055_059_347_58),
            (2.0, 0.004_677_734_981_047_266),
            (5.0, 1.537_459_794_428_035e-12),
            (-1.0, 1.842_700_792_949_715),
        ] {
            assert!(close(erfc(x), want, 2e-15), "erfc({x}) = {}", erfc(x));
        }
        // ln erfc(30) from the asymptotic series e^{−x²}/(x√π)·(1 − 1/2x² + 3/4x⁴ − 15/8x⁶).
        let x2 = 900.0f64;
        let series = 1.0 - 1.0 / (2.0 * x2) + 3.0 / (4.0 * x2 * x2) - 15.0 / (8.0 * x2.powi(3));
        let want = -x2 - (30.0 * std::f64::consts::PI.sqrt()).ln() + series.ln();
        assert!(close(ln_erfc(30.0), want, 1e-13));
        assert!(close(ln_erfc(2.0), erfc(2.0).ln(), 1e-14));
    }
}
