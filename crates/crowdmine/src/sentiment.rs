//! Sentiment of the corpus's posts by VADER. Each post's scores are stored with the scorer's name
//! and version and a hash of the text scored, so a re-run scores only new and edited posts (and
//! every post again under another scorer version). Posts in a language other than English are
//! marked, not scored, unless asked: the platform's tag decides, and where it gave none (or X's
//! "undetermined" tags) the language is identified from the text ([`crowdmine_text::lang`]).

use crate::{Corpus, StoreError};
use crowdmine_store::{PostText, SentimentGroup, SentimentRow};
use crowdmine_text::vader::{Vader, SCORER};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Posts read, scored and written per page: memory stays flat on any corpus.
const PAGE: usize = 20_000;

/// What a scoring run did. `other_language` and `empty` count every post in that state after the
/// run, `scored` the posts scored by this run and `unchanged` those whose stored score stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ScoreReport {
    pub posts: u64,
    pub scored: u64,
    pub unchanged: u64,
    pub other_language: u64,
    pub empty: u64,
}

/// X's tags for posts without a language (undetermined, no linguistic content, media, mentions,
/// cashtags, hashtags only, too short).
const UNDETERMINED: &[&str] = &["und", "zxx", "qme", "qam", "qct", "qht", "qst"];

/// The platform's language tag, lower-cased, unless it names no language (missing, empty, or
/// one of X's "undetermined" tags).
pub fn language_tag(lang: Option<&str>) -> Option<String> {
    let tag = lang?.trim().to_ascii_lowercase();
    (!tag.is_empty() && !UNDETERMINED.contains(&tag.as_str())).then_some(tag)
}

/// Whether a post is in a language other than English: by the platform's tag when it gave one,
/// else as identified from the text.
pub fn other_language(lang: Option<&str>, text: &str) -> bool {
    match language_tag(lang) {
        Some(tag) => !(tag == "en" || tag.starts_with("en-") || tag.starts_with("en_")),
        None => crowdmine_text::lang::detect(text).is_some_and(|l| l != "en"),
    }
}

/// Scores every post that needs it; `progress(done, total)` after each page.
pub fn score_posts(
    corpus: &Corpus,
    any_language: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ScoreReport, StoreError> {
    let vader = Vader::new();
    let mut total = 0u64;
    corpus.sql_each("SELECT count(*) FROM posts", &mut |_, r| {
        if let crate::Cell::Int(n) = r[0] {
            total = n as u64;
        }
        Ok(())
    })?;
    let mut report = ScoreReport::default();
    let mut after = 0;
    loop {
        let page = corpus.post_texts(after, PAGE)?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let decided: Vec<(&'static str, Option<SentimentRow>)> = page
            .par_iter()
            .map(|p| decide(&vader, p, any_language))
            .collect();
        let mut rows = Vec::new();
        for (status, row) in decided {
            match status {
                "language" => report.other_language += 1,
                "empty" => report.empty += 1,
                _ => {}
            }
            match row {
                Some(row) => {
                    report.scored += u64::from(row.status == "scored");
                    rows.push(row);
                }
                None => report.unchanged += 1,
            }
        }
        report.posts += page.len() as u64;
        corpus.save_sentiment(&rows)?;
        progress(report.posts, total);
    }
    Ok(report)
}

/// Scores grouped by the community of each post's author, from a partition of accounts
/// (`node,community` as `crowdmine communities --out` writes it for a corpus network); posts of
/// authors outside the partition form the group "(none)". Groups by number of posts.
pub fn groups_by_community(
    corpus: &Corpus,
    partition: &FxHashMap<String, String>,
    include_reposts: bool,
) -> Result<Vec<SentimentGroup>, StoreError> {
    // community → (posts, Σ compound, positive, negative)
    let mut acc: FxHashMap<&str, (u64, f64, u64, u64)> = FxHashMap::default();
    let scores = corpus.sentiment_by_author(SCORER, include_reposts)?;
    for (author, c) in &scores {
        let key = partition.get(author).map_or("(none)", String::as_str);
        let e = acc.entry(key).or_default();
        e.0 += 1;
        e.1 += c;
        e.2 += u64::from(*c >= 0.05);
        e.3 += u64::from(*c <= -0.05);
    }
    let mut groups: Vec<SentimentGroup> = acc
        .into_iter()
        .map(|(key, (n, sum, pos, neg))| {
            let (positive, negative) = (pos as f64 / n as f64, neg as f64 / n as f64);
            SentimentGroup {
                key: key.to_owned(),
                posts: n,
                mean_compound: sum / n as f64,
                positive,
                negative,
                neutral: 1.0 - positive - negative,
                net: positive - negative,
            }
        })
        .collect();
    groups.sort_by(|a, b| b.posts.cmp(&a.posts).then_with(|| a.key.cmp(&b.key)));
    Ok(groups)
}

/// The post's status, and the row to store unless what is stored stands.
fn decide(vader: &Vader, p: &PostText, any_language: bool) -> (&'static str, Option<SentimentRow>) {
    let text = p.text.as_deref().unwrap_or("");
    let text_hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes()) as i64;
    let status = if text.trim().is_empty() {
        "empty"
    } else if !any_language && other_language(p.lang.as_deref(), text) {
        "language"
    } else {
        "scored"
    };
    if let Some(s) = &p.stored {
        // A score made earlier on request (--any-language) stands until the text changes.
        if s.scorer == SCORER
            && s.text_hash == text_hash
            && (s.status == status || s.status == "scored")
        {
            return (
                if s.status == "scored" {
                    "scored"
                } else {
                    status
                },
                None,
            );
        }
    }
    let scores = (status == "scored").then(|| {
        let s = vader.polarity_scores(text);
        [s.neg, s.neu, s.pos, s.compound]
    });
    let row = SentimentRow {
        post: p.id,
        scorer: SCORER.to_owned(),
        text_hash,
        status,
        scores,
    };
    (status, Some(row))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edited_texts_are_scored_again() {
        let vader = Vader::new();
        let post = |text: &str, stored: Option<(&str, &str)>| PostText {
            id: 1,
            text: Some(text.to_owned()),
            lang: Some("de".to_owned()),
            stored: stored.map(|(t, status)| crowdmine_store::StoredScore {
                scorer: SCORER.to_owned(),
                text_hash: xxhash_rust::xxh3::xxh3_64(t.as_bytes()) as i64,
                status: status.to_owned(),
            }),
        };
        // Nothing stored: a row. The same text stored: nothing. An edit: a row again.
        assert!(decide(&vader, &post("gut", None), false).1.is_some());
        assert!(
            decide(&vader, &post("gut", Some(("gut", "language"))), false)
                .1
                .is_none()
        );
        assert!(
            decide(&vader, &post("sehr gut", Some(("gut", "language"))), false)
                .1
                .is_some()
        );
        // Asked to score every language: the marked post is scored, and stays scored after.
        let forced = decide(&vader, &post("gut", Some(("gut", "language"))), true);
        assert_eq!(forced.1.map(|r| r.status), Some("scored"));
        let kept = decide(&vader, &post("gut", Some(("gut", "scored"))), false);
        assert_eq!((kept.0, kept.1.is_none()), ("scored", true));
    }

    #[test]
    fn language_tags_then_identification() {
        let (en, de) = (
            "what a lovely day at the park",
            "was für ein schöner Tag im Park",
        );
        assert!(!other_language(Some("en"), de));
        assert!(!other_language(Some("en-GB"), de));
        assert!(other_language(Some("de"), en));
        assert!(other_language(Some("pt-BR"), en));
        // No tag, or X's "undetermined": the text decides.
        assert!(!other_language(None, en));
        assert!(other_language(None, de));
        assert!(other_language(Some("und"), de));
        assert!(!other_language(Some("qme"), "https://t.co/x"));
    }
}
