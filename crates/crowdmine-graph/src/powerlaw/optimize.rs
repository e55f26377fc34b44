//! Derivative-free minimisers for the maximum-likelihood fits: Brent's method on an interval (for
//! the concave one-parameter likelihoods) and Nelder–Mead (Nelder & Mead 1965, with the
//! Lagarias et al. 1998 tie rules) restarted until it stops improving, for two parameters.

/// The minimiser of `f` on [lo, hi] by Brent's method (golden section with parabolic steps), to
/// an absolute tolerance of about 1e-12 in x. Returns (x, f(x)).
pub fn brent(f: impl Fn(f64) -> f64, lo: f64, hi: f64) -> (f64, f64) {
    const GOLD: f64 = 0.381_966_011_250_105_1;
    let (mut a, mut b) = (lo, hi);
    let mut x = a + GOLD * (b - a);
    let (mut w, mut v) = (x, x);
    let mut fx = f(x);
    let (mut fw, mut fv) = (fx, fx);
    let (mut d, mut e) = (0.0f64, 0.0f64);
    for _ in 0..200 {
        let m = 0.5 * (a + b);
        let tol = 1e-12 + 1e-14 * x.abs();
        if (x - m).abs() <= 2.0 * tol - 0.5 * (b - a) {
            break;
        }
        let mut golden = true;
        if e.abs() > tol {
            // A parabola through x, w, v.
            let r = (x - w) * (fx - fv);
            let mut q = (x - v) * (fx - fw);
            let mut p = (x - v) * q - (x - w) * r;
            q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            }
            q = q.abs();
            if p.abs() < (0.5 * q * e).abs() && p > q * (a - x) && p < q * (b - x) {
                e = d;
                d = p / q;
                let u = x + d;
                if u - a < 2.0 * tol || b - u < 2.0 * tol {
                    d = if x < m { tol } else { -tol };
                }
                golden = false;
            }
        }
        if golden {
            e = if x < m { b - x } else { a - x };
            d = GOLD * e;
        }
        let u = if d.abs() >= tol {
            x + d
        } else {
            x + tol.copysign(d)
        };
        let fu = f(u);
        if fu <= fx {
            if u < x {
                b = x;
            } else {
                a = x;
            }
            (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                (v, fv, w, fw) = (w, fw, u, fu);
            } else if fu <= fv || v == x || v == w {
                (v, fv) = (u, fu);
            }
        }
    }
    // The ends are candidates too: a likelihood maximised on the boundary.
    for end in [lo, hi] {
        let fe = f(end);
        if fe < fx {
            (x, fx) = (end, fe);
        }
    }
    (x, fx)
}

/// The minimiser of `f` from `x0` by Nelder–Mead, restarted from its result until a restart
/// improves f by less than 1e-12 relative. Returns (x, f(x)).
pub fn nelder_mead<const N: usize>(f: impl Fn(&[f64; N]) -> f64, x0: [f64; N]) -> ([f64; N], f64) {
    let mut best = (x0, f(&x0));
    for _ in 0..8 {
        let next = nelder_mead_once(&f, best.0);
        let improved = best.1 - next.1 > 1e-12 * (1.0 + best.1.abs());
        if next.1 <= best.1 {
            best = next;
        }
        if !improved {
            break;
        }
    }
    best
}

fn nelder_mead_once<const N: usize>(
    f: &impl Fn(&[f64; N]) -> f64,
    x0: [f64; N],
) -> ([f64; N], f64) {
    let mut sim: Vec<([f64; N], f64)> = Vec::with_capacity(N + 1);
    sim.push((x0, f(&x0)));
    for k in 0..N {
        let mut x = x0;
        x[k] = if x[k] == 0.0 { 0.00025 } else { 1.05 * x[k] };
        sim.push((x, f(&x)));
    }
    let along = |from: &[f64; N], to: &[f64; N], t: f64| -> [f64; N] {
        std::array::from_fn(|i| from[i] + t * (to[i] - from[i]))
    };
    for _ in 0..2000 * N {
        sim.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (lo, hi) = (sim[0].1, sim[N].1);
        let size = sim[1..]
            .iter()
            .flat_map(|(x, _)| x.iter().zip(&sim[0].0).map(|(a, b)| (a - b).abs()))
            .fold(0.0, f64::max);
        if (hi - lo).abs() <= 1e-13 * (1.0 + lo.abs()) && size <= 1e-10 {
            break;
        }
        let centroid: [f64; N] =
            std::array::from_fn(|i| sim[..N].iter().map(|(x, _)| x[i]).sum::<f64>() / N as f64);
        let worst = sim[N].0;
        let reflected = along(&centroid, &worst, -1.0);
        let fr = f(&reflected);
        if fr < sim[0].1 {
            let expanded = along(&centroid, &worst, -2.0);
            let fe = f(&expanded);
            sim[N] = if fe < fr {
                (expanded, fe)
            } else {
                (reflected, fr)
            };
            continue;
        }
        if fr < sim[N - 1].1 {
            sim[N] = (reflected, fr);
            continue;
        }
        let (contracted, fc) = if fr < sim[N].1 {
            let c = along(&centroid, &worst, -0.5);
            (c, f(&c))
        } else {
            let c = along(&centroid, &worst, 0.5);
            (c, f(&c))
        };
        if fc < fr.min(sim[N].1) {
            sim[N] = (contracted, fc);
            continue;
        }
        // Shrink towards the best vertex.
        let best = sim[0].0;
        for vertex in sim.iter_mut().skip(1) {
            let x = along(&best, &vertex.0, 0.5);
            *vertex = (x, f(&x));
        }
    }
    sim.sort_by(|a, b| a.1.total_cmp(&b.1));
    sim[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brent_finds_interior_and_boundary_minima() {
        let (x, _) = brent(|x| (x - 1.234_567).powi(2), 0.0, 3.0);
        assert!((x - 1.234_567).abs() < 1e-9);
        let (x, _) = brent(|x| -x, 1.0, 3.0);
        assert_eq!(x, 3.0);
    }

    #[test]
    fn nelder_mead_minimises_rosenbrock() {
        let rosen = |p: &[f64; 2]| (1.0 - p[0]).powi(2) + 100.0 * (p[1] - p[0] * p[0]).powi(2);
        let (x, fx) = nelder_mead(rosen, [-1.2, 1.0]);
        assert!(
            (x[0] - 1.0).abs() < 1e-6 && (x[1] - 1.0).abs() < 1e-6,
            "{x:?}"
        );
        assert!(fx < 1e-12);
    }
}
