//! Multinomial naive Bayes on non-negative feature weights, as scikit-learn's `MultinomialNB`:
//! `log P(term | class) = ln(N_cj + α) − ln(Σ_j N_cj + α·V)` where `N_cj` sums the weights of term
//! `j` over the class's training rows, and the class prior is the class's share of the rows.
//! Cost: one pass over the training weights; a prediction costs classes × row length.

use serde::{Deserialize, Serialize};

use super::features::Sparse;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct NaiveBayes {
    pub alpha: f64,
    /// Per class, the log probability of each term.
    pub feature_log_prob: Vec<Vec<f64>>,
    pub class_log_prior: Vec<f64>,
}

impl NaiveBayes {
    pub fn fit(x: &Sparse, y: &[usize], classes: usize, alpha: f64) -> Self {
        let mut counts = vec![vec![0.0; x.cols]; classes];
        let mut rows = vec![0usize; classes];
        for (i, &c) in y.iter().enumerate() {
            rows[c] += 1;
            for (j, v) in x.row(i) {
                counts[c][j] += v;
            }
        }
        let feature_log_prob = counts
            .into_iter()
            .map(|row| {
                let total = (row.iter().sum::<f64>() + alpha * x.cols as f64).ln();
                row.into_iter().map(|n| (n + alpha).ln() - total).collect()
            })
            .collect();
        let n = y.len() as f64;
        let class_log_prior = rows.iter().map(|&r| (r as f64).ln() - n.ln()).collect();
        NaiveBayes {
            alpha,
            feature_log_prob,
            class_log_prior,
        }
    }

    /// Joint log likelihood of each class for row `i` of `x`.
    pub fn scores(&self, x: &Sparse, i: usize) -> Vec<f64> {
        self.class_log_prior
            .iter()
            .zip(&self.feature_log_prob)
            .map(|(prior, flp)| prior + x.row(i).map(|(j, v)| v * flp[j]).sum::<f64>())
            .collect()
    }
}
