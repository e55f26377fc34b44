//! Text classifiers for users' own labels (sentiment, stance, relevance, spam): multinomial naive
//! Bayes and logistic regression on TF-IDF weighted uni- and bigrams of the social tokenizer's
//! folded tokens ([`features`]), cross-validated by stratified k-fold ([`evaluate`]), saved and
//! loaded as JSON model files. Both match scikit-learn's `MultinomialNB` and
//! `LogisticRegression` on the same features (checked by `tools/classify_expected.py`).

pub mod evaluate;
pub mod features;
pub mod logistic;
pub mod naive_bayes;

use serde::{Deserialize, Serialize};

pub use evaluate::{cross_validate, stratified_folds, Evaluation, Scores};
pub use features::{Sparse, Vectorizer};
pub use logistic::{Fit, Logistic};
pub use naive_bayes::NaiveBayes;

/// The learning method.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Multinomial naive Bayes with additive smoothing `alpha`.
    NaiveBayes { alpha: f64 },
    /// Multinomial logistic regression, L2 penalty with inverse strength `c`.
    Logistic { c: f64, tol: f64, max_iter: usize },
}

impl Method {
    pub fn name(&self) -> &'static str {
        match self {
            Method::NaiveBayes { .. } => "naive Bayes",
            Method::Logistic { .. } => "logistic regression",
        }
    }
}

/// Feature settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FeatureOptions {
    /// Largest n of the word n-grams (2: uni- and bigrams).
    pub ngrams: usize,
    /// Terms in fewer training texts are dropped.
    pub min_df: usize,
}

impl Default for FeatureOptions {
    fn default() -> Self {
        FeatureOptions {
            ngrams: 2,
            min_df: 2,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Trained {
    NaiveBayes(NaiveBayes),
    Logistic(Logistic),
}

/// A trained classifier: its features, classes and parameters. Saved as JSON.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Model {
    /// Always "crowdmine-classifier"; checked on load.
    pub format: String,
    pub version: u32,
    pub classes: Vec<String>,
    pub vectorizer: Vectorizer,
    trained: Trained,
}

const FORMAT: &str = "crowdmine-classifier";

impl Model {
    /// Trains on `texts` with class indices `labels` (into `classes`).
    pub fn train<S: AsRef<str>>(
        texts: &[S],
        labels: &[usize],
        classes: Vec<String>,
        method: Method,
        features: FeatureOptions,
    ) -> Model {
        let vectorizer = Vectorizer::fit(texts, features.ngrams, features.min_df);
        let x = vectorizer.transform(texts);
        let trained = fit(&x, labels, classes.len(), method);
        Model {
            format: FORMAT.to_string(),
            version: 1,
            classes,
            vectorizer,
            trained,
        }
    }

    /// False when logistic regression stopped at its iteration limit before converging.
    pub fn converged(&self) -> bool {
        self.trained.converged()
    }

    pub fn method(&self) -> &'static str {
        match self.trained {
            Trained::NaiveBayes(_) => "naive Bayes",
            Trained::Logistic(_) => "logistic regression",
        }
    }

    /// Class probabilities of each text (naive Bayes: normalised joint likelihoods).
    pub fn probabilities<S: AsRef<str>>(&self, texts: &[S]) -> Vec<Vec<f64>> {
        let x = self.vectorizer.transform(texts);
        (0..x.rows())
            .map(|i| logistic::softmax(&self.trained.scores(&x, i)))
            .collect()
    }

    /// The most likely class index of each text.
    pub fn predict<S: AsRef<str>>(&self, texts: &[S]) -> Vec<usize> {
        let x = self.vectorizer.transform(texts);
        (0..x.rows())
            .map(|i| argmax(&self.trained.scores(&x, i)))
            .collect()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(s: &str) -> Result<Model, String> {
        let mut m: Model =
            serde_json::from_str(s).map_err(|e| format!("not a crowdmine model file: {e}"))?;
        if m.format != FORMAT || m.version != 1 {
            return Err(format!(
                "not a crowdmine classifier (format {:?}, version {})",
                m.format, m.version
            ));
        }
        let (rows, cols) = match &m.trained {
            Trained::NaiveBayes(nb) => (
                nb.feature_log_prob.len(),
                nb.feature_log_prob.iter().map(Vec::len).max(),
            ),
            Trained::Logistic(lr) => (lr.weights.len(), lr.weights.iter().map(Vec::len).max()),
        };
        let terms = m.vectorizer.terms.len();
        if rows != m.classes.len()
            || cols.unwrap_or(terms) != terms
            || m.vectorizer.idf.len() != terms
        {
            return Err(
                "damaged model file: parameter sizes do not match the classes and terms".into(),
            );
        }
        m.vectorizer.build_index();
        Ok(m)
    }
}

impl Trained {
    fn converged(&self) -> bool {
        match self {
            Trained::NaiveBayes(_) => true,
            Trained::Logistic(m) => m.converged,
        }
    }

    fn scores(&self, x: &Sparse, i: usize) -> Vec<f64> {
        match self {
            Trained::NaiveBayes(m) => m.scores(x, i),
            Trained::Logistic(m) => m.scores(x, i),
        }
    }
}

fn fit(x: &Sparse, y: &[usize], classes: usize, method: Method) -> Trained {
    match method {
        Method::NaiveBayes { alpha } => Trained::NaiveBayes(NaiveBayes::fit(x, y, classes, alpha)),
        Method::Logistic { c, tol, max_iter } => {
            Trained::Logistic(Logistic::fit(x, y, classes, Fit { c, tol, max_iter }))
        }
    }
}

/// Index of the largest value; ties go to the first (as NumPy's argmax).
pub(crate) fn argmax(v: &[f64]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[best] {
            best = i;
        }
    }
    best
}
