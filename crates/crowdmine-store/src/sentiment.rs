//! Sentiment scores of posts: the posts' texts page by page with what is stored for them, the
//! scores written back, and the scores grouped by day, week, account, hashtag or platform.

use crate::{Corpus, Result};

/// What is stored for a post: the scorer, the hash of the text it scored, and the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredScore {
    pub scorer: String,
    pub text_hash: i64,
    pub status: String,
}

/// A post's text and language, with its stored score if any.
#[derive(Debug, Clone)]
pub struct PostText {
    pub id: i64,
    pub text: Option<String>,
    pub lang: Option<String>,
    pub stored: Option<StoredScore>,
}

/// A score to store: `scores` (neg, neu, pos, compound) when `status` is `scored`.
#[derive(Debug, Clone)]
pub struct SentimentRow {
    pub post: i64,
    pub scorer: String,
    pub text_hash: i64,
    pub status: &'static str,
    pub scores: Option<[f64; 4]>,
}

/// How scores are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentimentBy {
    All,
    /// UTC calendar day of the post.
    Day,
    /// ISO week (`2026-W48`), UTC.
    Week,
    Account,
    Hashtag,
    Platform,
}

/// One group's scores: the number of scored posts, the mean compound, and the shares of posts
/// with compound ≥ 0.05 (positive), ≤ −0.05 (negative) and in between.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SentimentGroup {
    pub key: String,
    pub posts: u64,
    pub mean_compound: f64,
    pub positive: f64,
    pub negative: f64,
    pub neutral: f64,
    /// Share positive − share negative.
    pub net: f64,
}

impl Corpus {
    /// Up to `limit` posts with an id above `after`, in id order.
    pub fn post_texts(&self, after: i64, limit: usize) -> Result<Vec<PostText>> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT p.id, p.text, p.lang, s.scorer, s.text_hash, s.status FROM posts p \
             LEFT JOIN sentiment s ON s.post = p.id WHERE p.id > ?1 ORDER BY p.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![after, limit as i64], |r| {
            let scorer: Option<String> = r.get(3)?;
            Ok(PostText {
                id: r.get(0)?,
                text: r.get(1)?,
                lang: r.get(2)?,
                stored: match scorer {
                    Some(scorer) => Some(StoredScore {
                        scorer,
                        text_hash: r.get(4)?,
                        status: r.get(5)?,
                    }),
                    None => None,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores scores (replacing what a post had), in one transaction.
    pub fn save_sentiment(&self, rows: &[SentimentRow]) -> Result<()> {
        let tx = self.connection().unchecked_transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO sentiment (post, scorer, text_hash, status, neg, neu, pos, \
                 compound) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for r in rows {
                let [neg, neu, pos, compound] = r.scores.map_or([None; 4], |s| s.map(Some));
                stmt.execute(rusqlite::params![
                    r.post,
                    r.scorer,
                    r.text_hash,
                    r.status,
                    neg,
                    neu,
                    pos,
                    compound
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The compound score of every scored post of `scorer` with its author's node id as the
    /// corpus networks name accounts (`platform:native_id`, or `platform:@handle` for an account
    /// known by handle only); reposts only with `include_reposts`.
    pub fn sentiment_by_author(
        &self,
        scorer: &str,
        include_reposts: bool,
    ) -> Result<Vec<(String, f64)>> {
        let reposts = if include_reposts {
            ""
        } else {
            "AND p.kind <> 'repost'"
        };
        let sql = format!(
            "SELECT CASE WHEN a.native_id IS NULL OR a.native_id = '' \
             THEN a.platform || ':@' || a.handle ELSE a.platform || ':' || a.native_id END, \
             s.compound FROM sentiment s JOIN posts p ON p.id = s.post \
             LEFT JOIN accounts a ON a.id = p.author \
             WHERE s.status = 'scored' AND s.scorer = ?1 {reposts}"
        );
        let mut stmt = self.connection().prepare(&sql)?;
        let rows = stmt.query_map([scorer], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                r.get(1)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The scored posts of `scorer` grouped by `by`; reposts count only with `include_reposts`
    /// (a repost repeats the words of another post). Days and weeks in time order, other groups
    /// by number of posts (then key).
    pub fn sentiment_groups(
        &self,
        by: SentimentBy,
        scorer: &str,
        include_reposts: bool,
    ) -> Result<Vec<SentimentGroup>> {
        let (key, join, order) = match by {
            SentimentBy::All => ("'all'", "", "1"),
            SentimentBy::Day => ("strftime('%Y-%m-%d', p.created_at, 'unixepoch')", "", "1"),
            SentimentBy::Week => ("strftime('%G-W%V', p.created_at, 'unixepoch')", "", "1"),
            SentimentBy::Account => (
                "COALESCE('@' || a.handle, a.native_id, '')",
                "LEFT JOIN accounts a ON a.id = p.author",
                "2 DESC, 1",
            ),
            SentimentBy::Hashtag => (
                "'#' || lower(e.value)",
                "JOIN entities e ON e.post = p.id AND e.kind = 'hashtag'",
                "2 DESC, 1",
            ),
            SentimentBy::Platform => ("p.platform", "", "2 DESC, 1"),
        };
        let reposts = if include_reposts {
            ""
        } else {
            "AND p.kind <> 'repost'"
        };
        // A hashtag counts once per post however often the post repeats it.
        let distinct = if by == SentimentBy::Hashtag {
            "DISTINCT"
        } else {
            ""
        };
        let sql = format!(
            "SELECT k, count(*), avg(c), avg(c >= 0.05), avg(c <= -0.05) FROM (\
             SELECT {distinct} {key} AS k, p.id, s.compound AS c FROM sentiment s \
             JOIN posts p ON p.id = s.post {join} \
             WHERE s.status = 'scored' AND s.scorer = ?1 {reposts}) \
             GROUP BY k ORDER BY {order}"
        );
        let mut stmt = self.connection().prepare(&sql)?;
        let rows = stmt.query_map([scorer], |r| {
            let key: Option<String> = r.get(0)?;
            let (positive, negative): (f64, f64) = (r.get(3)?, r.get(4)?);
            Ok(SentimentGroup {
                key: key.unwrap_or_else(|| "(no time)".into()),
                posts: r.get::<_, i64>(1)? as u64,
                mean_compound: r.get(2)?,
                positive,
                negative,
                neutral: 1.0 - positive - negative,
                net: positive - negative,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
