//! Features for text classifiers: the folded forms of the social tokenizer's tokens (punctuation
//! left out), as uni- and bigrams, weighted by TF-IDF as scikit-learn's `TfidfVectorizer` does by
//! default: raw counts × smoothed idf (`ln((1 + n) / (1 + df)) + 1`), each row scaled to unit
//! Euclidean length. Terms in fewer than `min_df` training documents are dropped.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::tokens::{Kind, Tokens};

/// A sparse matrix in compressed rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sparse {
    pub indptr: Vec<usize>,
    pub indices: Vec<u32>,
    pub values: Vec<f64>,
    pub cols: usize,
}

impl Sparse {
    pub fn rows(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    /// Row `i` as (column, value) pairs in column order.
    pub fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.indptr[i]..self.indptr[i + 1];
        self.indices[r.clone()]
            .iter()
            .map(|&j| j as usize)
            .zip(self.values[r].iter().copied())
    }

    /// Matrix Market coordinate format (1-based), which SciPy's `mmread` reads.
    pub fn to_matrix_market(&self) -> String {
        let mut s = format!(
            "%%MatrixMarket matrix coordinate real general\n{} {} {}\n",
            self.rows(),
            self.cols,
            self.values.len()
        );
        for i in 0..self.rows() {
            for (j, v) in self.row(i) {
                s.push_str(&format!("{} {} {:e}\n", i + 1, j + 1, v));
            }
        }
        s
    }
}

/// The terms of a text: folded unigrams and, up to `ngrams`, the n-grams of consecutive ones.
pub fn terms(text: &str, ngrams: usize, mut f: impl FnMut(&str)) {
    let words: Vec<String> = Tokens::new(text)
        .filter(|t| t.kind != Kind::Punct)
        .map(|t| t.folded().into_owned())
        .collect();
    let mut gram = String::new();
    for n in 1..=ngrams.max(1) {
        for w in words.windows(n) {
            gram.clear();
            for (i, x) in w.iter().enumerate() {
                if i > 0 {
                    gram.push(' ');
                }
                gram.push_str(x);
            }
            f(&gram);
        }
    }
}

/// Vocabulary and idf weights, fitted on training texts.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Vectorizer {
    /// Largest n of the n-grams (1: words only).
    pub ngrams: usize,
    pub min_df: usize,
    /// Terms in column order (sorted).
    pub terms: Vec<String>,
    pub idf: Vec<f64>,
    #[serde(skip)]
    index: FxHashMap<String, u32>,
}

impl Vectorizer {
    pub fn fit<S: AsRef<str>>(texts: &[S], ngrams: usize, min_df: usize) -> Self {
        let mut df: FxHashMap<String, usize> = FxHashMap::default();
        let mut seen: FxHashMap<String, ()> = FxHashMap::default();
        for text in texts {
            seen.clear();
            terms(text.as_ref(), ngrams, |t| {
                if !seen.contains_key(t) {
                    seen.insert(t.to_string(), ());
                    *df.entry(t.to_string()).or_default() += 1;
                }
            });
        }
        let mut kept: Vec<(String, usize)> = df
            .into_iter()
            .filter(|&(_, d)| d >= min_df.max(1))
            .collect();
        kept.sort_unstable();
        let n = texts.len() as f64;
        let idf = kept
            .iter()
            .map(|&(_, d)| ((1.0 + n) / (1.0 + d as f64)).ln() + 1.0)
            .collect();
        let terms = kept.into_iter().map(|(t, _)| t).collect();
        let mut v = Vectorizer {
            ngrams,
            min_df,
            terms,
            idf,
            index: FxHashMap::default(),
        };
        v.build_index();
        v
    }

    /// Rebuilds the term → column map (after loading a model).
    pub(crate) fn build_index(&mut self) {
        self.index = self
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
    }

    /// The TF-IDF rows of `texts`; terms outside the vocabulary are ignored.
    pub fn transform<S: AsRef<str>>(&self, texts: &[S]) -> Sparse {
        let mut m = Sparse {
            indptr: vec![0],
            cols: self.terms.len(),
            ..Sparse::default()
        };
        let mut counts: FxHashMap<u32, f64> = FxHashMap::default();
        let mut row: Vec<(u32, f64)> = Vec::new();
        for text in texts {
            counts.clear();
            terms(text.as_ref(), self.ngrams, |t| {
                if let Some(&j) = self.index.get(t) {
                    *counts.entry(j).or_default() += 1.0;
                }
            });
            row.clear();
            row.extend(counts.iter().map(|(&j, &c)| (j, c * self.idf[j as usize])));
            row.sort_unstable_by_key(|&(j, _)| j);
            let norm = row.iter().map(|&(_, v)| v * v).sum::<f64>().sqrt();
            for &(j, v) in &row {
                m.indices.push(j);
                m.values.push(if norm > 0.0 { v / norm } else { v });
            }
            m.indptr.push(m.indices.len());
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tfidf_as_scikit_learn() {
        // TfidfVectorizer(ngram_range=(1, 2)) on the same three texts, by hand: n = 3; "good"
        // and "bad" are in 2 texts (idf ln(4/3) + 1), the bigrams in 1 (idf ln(4/2) + 1).
        let texts = ["Good good", "good bad!", "bad"];
        let v = Vectorizer::fit(&texts, 2, 1);
        assert_eq!(v.terms, ["bad", "good", "good bad", "good good"]);
        let idf2 = (4.0f64 / 3.0).ln() + 1.0;
        let idf1 = 2.0f64.ln() + 1.0;
        let expected = [idf2, idf2, idf1, idf1];
        assert!(v
            .idf
            .iter()
            .zip(expected)
            .all(|(a, b)| (a - b).abs() < 1e-15));
        let m = v.transform(&texts);
        let row0: Vec<(usize, f64)> = m.row(0).collect();
        // "Good good": good counted twice, "good good" once.
        let (a, b) = (2.0 * idf2, idf1);
        let norm = (a * a + b * b).sqrt();
        assert_eq!(row0.len(), 2);
        assert!((row0[0].1 - a / norm).abs() < 1e-15 && (row0[1].1 - b / norm).abs() < 1e-15);
        let pruned = Vectorizer::fit(&texts, 2, 2);
        assert_eq!(pruned.terms, ["bad", "good"]);
    }
}
