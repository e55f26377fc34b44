//! Multinomial logistic regression with an L2 penalty, minimising the same objective as
//! scikit-learn's `LogisticRegression(C)` (lbfgs, softmax over all classes, unpenalised
//! intercepts): `(1/n) Σ_i [log Σ_c exp z_ic − z_{i,y_i}] + ‖W‖² / (2·C·n)`, with `z = W·x + b`.
//! The optimiser is limited-memory BFGS (Nocedal 1980; 10 correction pairs) with a backtracking
//! Armijo line search, stopped when the largest gradient entry is at most `tol`, when the objective
//! stops falling (relative change below 1e-14, as SciPy's `ftol`), or after `max_iter` iterations.
//! The objective is strictly convex, so any of these optimisers lands on the same minimum.
//! Cost per iteration: one pass over the training weights per class.

use serde::{Deserialize, Serialize};

use super::features::Sparse;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Logistic {
    pub c: f64,
    /// Per class, the weight of each term.
    pub weights: Vec<Vec<f64>>,
    pub intercepts: Vec<f64>,
    /// L-BFGS iterations the fit took.
    pub iterations: usize,
    /// Whether it stopped by a convergence test rather than at the iteration limit.
    pub converged: bool,
}

/// Stopping rules of the fit.
#[derive(Clone, Copy, Debug)]
pub struct Fit {
    pub c: f64,
    pub tol: f64,
    pub max_iter: usize,
}

impl Default for Fit {
    fn default() -> Self {
        Fit {
            c: 1.0,
            tol: 1e-6,
            max_iter: 1000,
        }
    }
}

impl Logistic {
    pub fn fit(x: &Sparse, y: &[usize], classes: usize, fit: Fit) -> Self {
        let (k, d) = (classes, x.cols);
        let objective = Objective {
            x,
            y,
            k,
            d,
            c: fit.c,
        };
        let mut theta = vec![0.0; k * d + k];
        let (iterations, converged) = lbfgs(&objective, &mut theta, fit.tol, fit.max_iter);
        let intercepts = theta.split_off(k * d);
        // One row per class, empty when there are no terms (the intercepts then decide).
        let weights = (0..k).map(|c| theta[c * d..(c + 1) * d].to_vec()).collect();
        Logistic {
            c: fit.c,
            weights,
            intercepts,
            iterations,
            converged,
        }
    }

    /// The linear scores z of row `i` of `x`, one per class.
    pub fn scores(&self, x: &Sparse, i: usize) -> Vec<f64> {
        self.weights
            .iter()
            .zip(&self.intercepts)
            .map(|(w, b)| b + x.row(i).map(|(j, v)| v * w[j]).sum::<f64>())
            .collect()
    }
}

/// Class probabilities from linear scores (softmax, computed stably).
pub fn softmax(z: &[f64]) -> Vec<f64> {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.into_iter().map(|v| v / s).collect()
}

struct Objective<'a> {
    x: &'a Sparse,
    y: &'a [usize],
    k: usize,
    d: usize,
    c: f64,
}

impl Objective<'_> {
    /// The objective at `theta` (weights by class, then intercepts), its gradient into `g`.
    fn eval(&self, theta: &[f64], g: &mut [f64]) -> f64 {
        let (k, d) = (self.k, self.d);
        let n = self.y.len().max(1) as f64;
        g.fill(0.0);
        let (w, b) = theta.split_at(k * d);
        let mut f = 0.0;
        let mut z = vec![0.0; k];
        for (i, &yi) in self.y.iter().enumerate() {
            for (c, zc) in z.iter_mut().enumerate() {
                let wc = &w[c * d..(c + 1) * d];
                *zc = b[c] + self.x.row(i).map(|(j, v)| v * wc[j]).sum::<f64>();
            }
            let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let lse = m + z.iter().map(|v| (v - m).exp()).sum::<f64>().ln();
            f += lse - z[yi];
            for (c, &zc) in z.iter().enumerate() {
                let p = (zc - lse).exp() - if c == yi { 1.0 } else { 0.0 };
                g[k * d + c] += p;
                let gc = &mut g[c * d..(c + 1) * d];
                for (j, v) in self.x.row(i) {
                    gc[j] += p * v;
                }
            }
        }
        let penalty = 1.0 / (self.c * n);
        let mut sq = 0.0;
        for (gj, wj) in g[..k * d].iter_mut().zip(w) {
            *gj = *gj / n + penalty * wj;
            sq += wj * wj;
        }
        for gj in &mut g[k * d..] {
            *gj /= n;
        }
        f / n + 0.5 * penalty * sq
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises the objective from `x` in place; returns the number of iterations and whether a
/// convergence test (not the iteration limit) stopped it.
fn lbfgs(obj: &Objective<'_>, x: &mut [f64], tol: f64, max_iter: usize) -> (usize, bool) {
    const MEMORY: usize = 10;
    let n = x.len();
    let mut g = vec![0.0; n];
    let mut f = obj.eval(x, &mut g);
    let mut history: std::collections::VecDeque<(Vec<f64>, Vec<f64>, f64)> = Default::default();
    let (mut x_new, mut g_new, mut d) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    for iter in 0..max_iter {
        if g.iter().all(|v| v.abs() <= tol) {
            return (iter, true);
        }
        // Two-loop recursion: d = −H·g.
        d.copy_from_slice(&g);
        let mut alphas = Vec::with_capacity(history.len());
        for (s, y, rho) in history.iter().rev() {
            let a = rho * dot(s, &d);
            d.iter_mut().zip(y).for_each(|(di, yi)| *di -= a * yi);
            alphas.push(a);
        }
        let gamma = history
            .back()
            .map_or(1.0 / dot(&g, &g).sqrt().max(1.0), |(s, y, _)| {
                dot(s, y) / dot(y, y)
            });
        d.iter_mut().for_each(|v| *v *= gamma);
        for ((s, y, rho), a) in history.iter().zip(alphas.iter().rev()) {
            let beta = rho * dot(y, &d);
            d.iter_mut()
                .zip(s)
                .for_each(|(di, si)| *di += (a - beta) * si);
        }
        d.iter_mut().for_each(|v| *v = -*v);
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            // Not a descent direction (rounding): restart from the gradient.
            history.clear();
            d.iter_mut().zip(&g).for_each(|(di, gi)| *di = -gi);
            slope = -dot(&g, &g);
        }
        // Backtracking until the Armijo condition holds.
        let mut step = 1.0;
        let mut f_new;
        let mut tries = 0;
        loop {
            x_new
                .iter_mut()
                .zip(x.iter().zip(&d))
                .for_each(|(xn, (xi, di))| *xn = xi + step * di);
            f_new = obj.eval(&x_new, &mut g_new);
            if f_new <= f + 1e-4 * step * slope || tries == 60 {
                break;
            }
            step *= 0.5;
            tries += 1;
        }
        if f_new > f {
            return (iter, true);
        }
        let s: Vec<f64> = x_new.iter().zip(x.iter()).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 * dot(&y, &y).sqrt() * dot(&s, &s).sqrt() {
            if history.len() == MEMORY {
                history.pop_front();
            }
            history.push_back((s, y, 1.0 / sy));
        }
        let decrease = (f - f_new) / f.abs().max(f_new.abs()).max(1.0);
        x.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        f = f_new;
        if decrease <= 1e-14 {
            return (iter + 1, true);
        }
    }
    (max_iter, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: &[&[(u32, f64)]], cols: usize) -> Sparse {
        let mut m = Sparse {
            indptr: vec![0],
            cols,
            ..Sparse::default()
        };
        for r in rows {
            for &(j, v) in *r {
                m.indices.push(j);
                m.values.push(v);
            }
            m.indptr.push(m.indices.len());
        }
        m
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let x = matrix(
            &[
                &[(0, 1.0), (2, 0.5)],
                &[(1, 2.0)],
                &[(0, 0.3), (1, 0.7)],
                &[(2, 1.0)],
            ],
            3,
        );
        let y = [0, 1, 2, 1];
        let obj = Objective {
            x: &x,
            y: &y,
            k: 3,
            d: 3,
            c: 0.7,
        };
        let theta: Vec<f64> = (0..12).map(|i| ((i * 7 % 5) as f64 - 2.0) * 0.3).collect();
        let mut g = vec![0.0; 12];
        obj.eval(&theta, &mut g);
        let mut scratch = vec![0.0; 12];
        for i in 0..12 {
            let (mut a, mut b) = (theta.clone(), theta.clone());
            a[i] += 1e-6;
            b[i] -= 1e-6;
            let numeric = (obj.eval(&a, &mut scratch) - obj.eval(&b, &mut scratch)) / 2e-6;
            assert!((numeric - g[i]).abs() < 1e-7, "{i}: {numeric} vs {}", g[i]);
        }
    }

    #[test]
    fn fit_reaches_a_stationary_point() {
        let x = matrix(
            &[
                &[(0, 1.0)],
                &[(0, 0.9), (1, 0.1)],
                &[(1, 1.0)],
                &[(1, 0.8), (2, 0.2)],
                &[(2, 1.0)],
            ],
            3,
        );
        let y = [0, 0, 1, 1, 2];
        let m = Logistic::fit(
            &x,
            &y,
            3,
            Fit {
                c: 1.0,
                tol: 1e-9,
                max_iter: 1000,
            },
        );
        let mut theta: Vec<f64> = m.weights.concat();
        theta.extend(&m.intercepts);
        let mut g = vec![0.0; theta.len()];
        Objective {
            x: &x,
            y: &y,
            k: 3,
            d: 3,
            c: 1.0,
        }
        .eval(&theta, &mut g);
        assert!(g.iter().all(|v| v.abs() <= 1e-8), "{g:?}");
        let predicted: Vec<usize> = (0..5)
            .map(|i| super::super::argmax(&m.scores(&x, i)))
            .collect();
        assert_eq!(predicted, y);
    }
}
