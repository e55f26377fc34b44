//! The classifiers against scikit-learn on the Sanders corpus: the same TF-IDF matrices and folds
//! (exported by `crowdmine classify evaluate --export`) given to `MultinomialNB` and
//! `LogisticRegression` by `tools/classify_expected.py`, whose results are the fixture.

mod common;

use common::{data_dir, fixture};
use crowdmine_text::classify::{cross_validate, stratified_folds, FeatureOptions, Method};

#[test]
fn sanders_macro_f1_as_scikit_learn() {
    let Some(data) = data_dir() else { return };
    let mut reader = csv::Reader::from_path(data.join("sentiment/sanders/full-corpus.csv"))
        .expect("Sanders corpus");
    let classes = ["negative", "neutral", "positive"];
    let (mut texts, mut labels) = (Vec::new(), Vec::new());
    for row in reader.records() {
        let row = row.expect("row");
        if let Some(c) = classes.iter().position(|c| *c == &row[1]) {
            texts.push(row[4].to_string());
            labels.push(c);
        }
    }
    assert_eq!(texts.len(), 3424);
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("classify_sanders.json")).expect("fixture"),
    )
    .expect("JSON");
    let folds = stratified_folds(&labels, 10, 1);
    let want_folds: Vec<usize> = expected["meta"]["folds"]
        .as_array()
        .expect("folds")
        .iter()
        .map(|v| v.as_u64().expect("fold") as usize)
        .collect();
    assert_eq!(
        folds, want_folds,
        "fold assignment changed: re-export and re-run the tools script"
    );
    let methods = [
        Method::NaiveBayes { alpha: 1.0 },
        Method::Logistic {
            c: 1.0,
            tol: 1e-6,
            max_iter: 1000,
        },
    ];
    let got = cross_validate(
        &texts,
        &labels,
        3,
        &folds,
        &methods,
        FeatureOptions {
            ngrams: 2,
            min_df: 2,
        },
        |_| Ok(()),
    )
    .expect("cross-validation");
    for (e, name) in got.iter().zip(["nb", "lr"]) {
        let reference = &expected[name];
        let f1 = reference["macro_f1"].as_f64().expect("macro_f1");
        let predictions: Vec<usize> = reference["predictions"]
            .as_array()
            .expect("predictions")
            .iter()
            .map(|v| v.as_u64().expect("class") as usize)
            .collect();
        let agree = e
            .predictions
            .iter()
            .zip(&predictions)
            .filter(|(a, b)| a == b)
            .count();
        eprintln!(
            "{name}: macro-F1 ours {:.6}, scikit-learn {f1:.6}; {agree} of 3424 predictions agree",
            e.macro_f1
        );
        assert!(
            (e.macro_f1 - f1).abs() <= 0.01,
            "{name}: {} vs {f1}",
            e.macro_f1
        );
        // Naive Bayes has a closed form: the same predictions. Logistic regression's optimum is
        // unique but both optimisers stop within a tolerance of it: a handful may differ.
        let allowed = if name == "nb" { 0 } else { 10 };
        assert!(
            3424 - agree <= allowed,
            "{name}: {} predictions differ",
            3424 - agree
        );
    }
}
