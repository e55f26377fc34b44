//! Opinion mining on targets over the corpus: the posts (reposts left out unless asked) with
//! their stored VADER scores ([`crate::sentiment::score_posts`] first), grouped by day, week,
//! platform or the author's community, through [`crowdmine_text::opinion::analyse`].

use crate::{Cell, Corpus, StoreError};
use crowdmine_text::opinion::{analyse, Matcher, Post, Report, Settings};
use crowdmine_text::vader::SCORER;
use rustc_hash::FxHashMap;

/// How posts are grouped for the series.
#[derive(Clone, Debug)]
pub enum OpinionBy {
    All,
    /// UTC calendar day.
    Day,
    /// ISO week, UTC.
    Week,
    Platform,
    /// The author's community, from a `node,community` partition of accounts.
    Community(FxHashMap<String, String>),
}

/// Finds the posts that speak of each target and aggregates their sentiment.
pub fn opinion(
    corpus: &Corpus,
    matcher: &Matcher,
    by: &OpinionBy,
    include_reposts: bool,
    settings: Settings,
) -> Result<Report, StoreError> {
    let group = match by {
        OpinionBy::All => "'all'",
        OpinionBy::Day => "strftime('%Y-%m-%d', p.created_at, 'unixepoch')",
        OpinionBy::Week => "strftime('%G-W%V', p.created_at, 'unixepoch')",
        OpinionBy::Platform => "p.platform",
        // The author's node id as the corpus networks name accounts.
        OpinionBy::Community(_) => {
            "CASE WHEN a.native_id IS NULL OR a.native_id = '' THEN a.platform || ':@' || a.handle \
             ELSE a.platform || ':' || a.native_id END"
        }
    };
    let reposts = if include_reposts {
        ""
    } else {
        "AND p.kind <> 'repost'"
    };
    let sql = format!(
        "SELECT p.platform || ':' || p.native_id, COALESCE('@' || a.handle, a.native_id, ''), p.text, \
         {group}, s.compound, COALESCE(p.like_count, 0) + COALESCE(p.repost_count, 0) + \
         COALESCE(p.reply_count, 0) + COALESCE(p.quote_count, 0) \
         FROM posts p LEFT JOIN accounts a ON a.id = p.author \
         LEFT JOIN sentiment s ON s.post = p.id AND s.scorer = '{SCORER}' AND s.status = 'scored' \
         WHERE p.text IS NOT NULL {reposts} ORDER BY p.created_at, p.id"
    );
    let text = |c: &Cell| match c {
        Cell::Text(t) => t.clone(),
        Cell::Int(i) => i.to_string(),
        _ => String::new(),
    };
    // Only posts that name a target are kept: memory follows the matches, not the corpus.
    let mut posts = Vec::new();
    let mut read = 0u64;
    corpus.sql_each(&sql, &mut |_, r| {
        read += 1;
        let body = text(&r[2]);
        if matcher.matches(&body).is_empty() {
            return Ok(());
        }
        let key = text(&r[3]);
        let group = match by {
            OpinionBy::Community(partition) => partition
                .get(&key)
                .cloned()
                .unwrap_or_else(|| "(none)".into()),
            _ if key.is_empty() => "(no time)".into(),
            _ => key,
        };
        posts.push(Post {
            id: text(&r[0]),
            author: text(&r[1]),
            text: body,
            group,
            compound: match r[4] {
                Cell::Real(c) => Some(c),
                Cell::Int(c) => Some(c as f64),
                _ => None,
            },
            engagement: match r[5] {
                Cell::Int(n) => n.max(0) as u64,
                _ => 0,
            },
        });
        Ok(())
    })?;
    let mut report = analyse(matcher, posts, settings);
    report.posts = read;
    Ok(report)
}
