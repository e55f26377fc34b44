//! Stratified k-fold cross-validation: every fold holds each class in the same proportion as the
//! whole (each class's texts are shuffled by the seed and dealt to the folds in turn, continuing
//! where the previous class stopped, so fold sizes differ by at most one). Features are fitted on
//! each fold's training part only. Scores: accuracy, per-class and macro-averaged F1 (a class
//! never predicted nor present scores 0, as scikit-learn's `zero_division=0`), confusion matrix.

use serde::Serialize;

use super::features::{Sparse, Vectorizer};
use super::{argmax, fit, FeatureOptions, Method};
use crate::random::SplitMix64;

/// The fold (0..k) of each text.
pub fn stratified_folds(labels: &[usize], k: usize, seed: u64) -> Vec<usize> {
    let k = k.max(1);
    let classes = labels.iter().copied().max().map_or(0, |m| m + 1);
    let mut rng = SplitMix64(seed);
    let mut folds = vec![0; labels.len()];
    let mut next = 0;
    for c in 0..classes {
        let mut members: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == c).collect();
        for i in (1..members.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            members.swap(i, j);
        }
        for i in members {
            folds[i] = next % k;
            next += 1;
        }
    }
    folds
}

/// Scores of predictions against the truth.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Scores {
    pub accuracy: f64,
    pub macro_f1: f64,
    pub f1: Vec<f64>,
    /// Rows: true class; columns: predicted class.
    pub confusion: Vec<Vec<u64>>,
}

impl Scores {
    pub fn of(truth: &[usize], predicted: &[usize], classes: usize) -> Scores {
        let mut confusion = vec![vec![0u64; classes]; classes];
        for (&t, &p) in truth.iter().zip(predicted) {
            confusion[t][p] += 1;
        }
        let correct: u64 = (0..classes).map(|c| confusion[c][c]).sum();
        let f1: Vec<f64> = (0..classes)
            .map(|c| {
                let tp = confusion[c][c] as f64;
                let actual: u64 = confusion[c].iter().sum();
                let called: u64 = confusion.iter().map(|r| r[c]).sum();
                let denominator = (actual + called) as f64;
                if denominator == 0.0 {
                    0.0
                } else {
                    2.0 * tp / denominator
                }
            })
            .collect();
        Scores {
            accuracy: correct as f64 / truth.len().max(1) as f64,
            macro_f1: f1.iter().sum::<f64>() / classes.max(1) as f64,
            f1,
            confusion,
        }
    }
}

/// Cross-validated results of one method.
#[derive(Clone, Debug, Serialize)]
pub struct Evaluation {
    pub method: Method,
    pub folds: Vec<Scores>,
    /// Means over the folds.
    pub accuracy: f64,
    pub macro_f1: f64,
    /// Standard deviation of the folds' macro-F1.
    pub macro_f1_sd: f64,
    /// Out-of-fold predictions, pooled.
    pub pooled: Scores,
    /// The out-of-fold predicted class of each text.
    pub predictions: Vec<usize>,
    /// Folds whose fit stopped at the iteration limit before converging.
    pub unconverged_folds: usize,
}

/// A fold's training and test feature matrices, for `export`.
pub struct FoldMatrices<'a> {
    pub fold: usize,
    pub train: &'a Sparse,
    pub test: &'a Sparse,
}

/// Cross-validates each of `methods` on the same folds and features. `export` sees each fold's
/// matrices (rows in text order) as they are made.
pub fn cross_validate<S: AsRef<str> + Sync>(
    texts: &[S],
    labels: &[usize],
    classes: usize,
    folds: &[usize],
    methods: &[Method],
    features: FeatureOptions,
    mut export: impl FnMut(FoldMatrices<'_>) -> std::io::Result<()>,
) -> std::io::Result<Vec<Evaluation>> {
    let k = folds.iter().copied().max().map_or(0, |m| m + 1);
    let mut predictions = vec![vec![0usize; texts.len()]; methods.len()];
    let mut per_fold: Vec<Vec<Scores>> = vec![Vec::new(); methods.len()];
    let mut unconverged = vec![0usize; methods.len()];
    for fold in 0..k {
        let (train, test): (Vec<usize>, Vec<usize>) =
            (0..texts.len()).partition(|&i| folds[i] != fold);
        let train_texts: Vec<&str> = train.iter().map(|&i| texts[i].as_ref()).collect();
        let test_texts: Vec<&str> = test.iter().map(|&i| texts[i].as_ref()).collect();
        let train_labels: Vec<usize> = train.iter().map(|&i| labels[i]).collect();
        let test_labels: Vec<usize> = test.iter().map(|&i| labels[i]).collect();
        let vectorizer = Vectorizer::fit(&train_texts, features.ngrams, features.min_df);
        let x_train = vectorizer.transform(&train_texts);
        let x_test = vectorizer.transform(&test_texts);
        export(FoldMatrices {
            fold,
            train: &x_train,
            test: &x_test,
        })?;
        for (m, method) in methods.iter().enumerate() {
            let model = fit(&x_train, &train_labels, classes, *method);
            unconverged[m] += usize::from(!model.converged());
            let predicted: Vec<usize> = (0..x_test.rows())
                .map(|r| argmax(&model.scores(&x_test, r)))
                .collect();
            for (&i, &p) in test.iter().zip(&predicted) {
                predictions[m][i] = p;
            }
            per_fold[m].push(Scores::of(&test_labels, &predicted, classes));
        }
    }
    Ok(methods
        .iter()
        .zip(per_fold)
        .zip(predictions)
        .zip(unconverged)
        .map(|(((method, folds), predictions), unconverged_folds)| {
            let n = folds.len().max(1) as f64;
            let macro_f1 = folds.iter().map(|s| s.macro_f1).sum::<f64>() / n;
            let sd = (folds
                .iter()
                .map(|s| (s.macro_f1 - macro_f1).powi(2))
                .sum::<f64>()
                / n)
                .sqrt();
            Evaluation {
                method: *method,
                accuracy: folds.iter().map(|s| s.accuracy).sum::<f64>() / n,
                macro_f1,
                macro_f1_sd: sd,
                pooled: Scores::of(labels, &predictions, classes),
                folds,
                predictions,
                unconverged_folds,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_stratified_and_seeded() {
        let labels: Vec<usize> = (0..103).map(|i| usize::from(i % 4 == 0)).collect();
        let folds = stratified_folds(&labels, 10, 7);
        assert_eq!(folds, stratified_folds(&labels, 10, 7));
        assert_ne!(folds, stratified_folds(&labels, 10, 8));
        for f in 0..10 {
            let size = folds.iter().filter(|&&x| x == f).count();
            let ones = (0..103)
                .filter(|&i| folds[i] == f && labels[i] == 1)
                .count();
            assert!((10..=11).contains(&size), "{size}");
            assert!((2..=3).contains(&ones), "{ones}");
        }
    }

    #[test]
    fn scores_by_hand() {
        // truth 0 0 1 1 2, predicted 0 1 1 1 0: F1 class 0 = 2·1/(2+2) = 0.5, class 1 =
        // 2·2/(2+3) = 0.8, class 2 = 0; macro = 1.3 / 3.
        let s = Scores::of(&[0, 0, 1, 1, 2], &[0, 1, 1, 1, 0], 3);
        assert_eq!(
            s.confusion,
            vec![vec![1, 1, 0], vec![0, 2, 0], vec![1, 0, 0]]
        );
        assert!((s.accuracy - 0.6).abs() < 1e-15);
        assert!((s.macro_f1 - 1.3 / 3.0).abs() < 1e-15);
    }
}
