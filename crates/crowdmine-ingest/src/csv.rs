//! CSV of posts with a column mapping, the `twarc-csv` and 4CAT presets, and follow edge lists.
//!
//! A [`Mapping`] names the column of each canonical field. It is written as `key=column` pairs
//! separated by commas, or one per line (a mapping file; `#` starts a comment). Keys: `id` (required), `author_id`, `author` (handle), `author_name`, `time`,
//! `time_format`, `text`, `title`, `lang`, `reply_to`, `reply_to_author`, `root`, `repost_of`,
//! `repost_of_author`, `quote_of`, `quote_of_author`, `platform`, `community`, `hashtags`,
//! `mentions`, `urls`, `like_count`, `repost_count`, `reply_count`, `quote_count`.
//!
//! - `time_format` is `auto` (RFC 3339, X v1.1, `YYYY-MM-DD HH:MM:SS`, Unix seconds), `unix`,
//!   `unix_ms`, or a pattern such as `%d/%m/%Y %H:%M` (see
//!   [`crowdmine_model::time::parse_pattern`]).
//! - List columns (`hashtags`, `mentions`, `urls`) hold a JSON list or items separated by commas
//!   or spaces; a leading `#`, `$` or `@` is dropped.
//! - On Reddit and Mastodon a handle is the account's id, so `author` alone names the author; on
//!   X and Bluesky the author needs `author_id`.
//! - An empty cell is a missing value. A row without an id, or with a time that does not parse,
//!   is rejected with the column named.

use crate::json::str_of;
use crate::{AdapterOptions, Format, Outcome, WithRaw};
use crowdmine_model::time::{parse_any, parse_pattern};
use crowdmine_model::url::{canonicalize, domain};
use crowdmine_model::{Account, Entity, EntityKind, Platform, Post};
use serde_json::Value;

/// The fields a mapping can name, in the order of the docs.
pub const KEYS: &[&str] = &[
    "id",
    "author_id",
    "author",
    "author_name",
    "time",
    "time_format",
    "text",
    "title",
    "lang",
    "reply_to",
    "reply_to_author",
    "root",
    "repost_of",
    "repost_of_author",
    "quote_of",
    "quote_of_author",
    "platform",
    "community",
    "hashtags",
    "mentions",
    "urls",
    "like_count",
    "repost_count",
    "reply_count",
    "quote_count",
];

/// Which column holds each field (`key → column`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapping {
    pairs: Vec<(String, String)>,
    /// `twarc-csv` writes newlines inside text as `\n`.
    unescape_newlines: bool,
}

impl Mapping {
    /// Parses `key=column` pairs separated by commas or newlines.
    pub fn parse(spec: &str) -> Result<Mapping, String> {
        let mut pairs = Vec::new();
        // A mapping file has one pair per line (a time pattern may hold commas there).
        let separator = if spec.contains('\n') { '\n' } else { ',' };
        for part in spec.split(separator) {
            let part = part.split('#').next().unwrap_or("").trim();
            if part.is_empty() {
                continue;
            }
            let (key, column) = part
                .split_once('=')
                .ok_or_else(|| format!("'{part}' is not key=column"))?;
            let key = key.trim();
            if !KEYS.contains(&key) {
                return Err(format!(
                    "unknown mapping key '{key}'; keys are: {}",
                    KEYS.join(", ")
                ));
            }
            pairs.push((key.to_string(), column.trim().to_string()));
        }
        let m = Mapping {
            pairs,
            unescape_newlines: false,
        };
        if m.get("id").is_none() {
            return Err("the mapping must name the id column (id=COLUMN)".into());
        }
        Ok(m)
    }

    /// The preset of a CSV format, given the file's header (4CAT's columns vary by data source).
    pub fn preset(format: Format, header: &[String]) -> Option<Mapping> {
        let has = |c: &str| header.iter().any(|h| h == c);
        let pairs: Vec<(&str, &str)> = match format {
            // Column names of twarc-csv's DataFrameConverter (DEFAULT_TWEET_COLUMNS).
            Format::TwarcCsv => vec![
                ("id", "id"),
                ("author_id", "author_id"),
                ("author", "author.username"),
                ("author_name", "author.name"),
                ("time", "created_at"),
                ("text", "text"),
                ("lang", "lang"),
                ("root", "conversation_id"),
                ("reply_to", "referenced_tweets.replied_to.id"),
                ("reply_to_author", "in_reply_to_user_id"),
                ("repost_of", "referenced_tweets.retweeted.id"),
                ("repost_of_author", "retweeted_user_id"),
                ("quote_of", "referenced_tweets.quoted.id"),
                ("quote_of_author", "quoted_user_id"),
                ("hashtags", "entities.hashtags"),
                ("mentions", "entities.mentions"),
                ("urls", "entities.urls"),
                ("like_count", "public_metrics.like_count"),
                ("repost_count", "public_metrics.retweet_count"),
                ("reply_count", "public_metrics.reply_count"),
                ("quote_count", "public_metrics.quote_count"),
            ],
            // 4CAT's mapped items: id, thread_id, timestamp (UTC), body, author, subject, and
            // per data source columns where present.
            Format::FourCat => {
                let mut p = vec![("id", "id"), ("text", "body"), ("root", "thread_id")];
                p.push(if has("unix_timestamp") {
                    ("time", "unix_timestamp")
                } else {
                    ("time", "timestamp")
                });
                for (key, column) in [
                    ("author", "author"),
                    ("title", "subject"),
                    ("author_id", "author_id"),
                    ("lang", "language_guess"),
                    ("community", "subreddit"),
                    ("community", "board"),
                    ("hashtags", "hashtags"),
                    ("mentions", "mentions"),
                    ("urls", "urls"),
                    ("like_count", "like_count"),
                    ("repost_count", "retweet_count"),
                    ("reply_count", "reply_count"),
                    ("quote_count", "quote_count"),
                ] {
                    if has(column) {
                        p.push((key, column));
                    }
                }
                p
            }
            _ => return None,
        };
        Some(Mapping {
            pairs: pairs
                .into_iter()
                .map(|(k, c)| (k.to_string(), c.to_string()))
                .collect(),
            unescape_newlines: format == Format::TwarcCsv,
        })
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, c)| c.as_str())
    }

    /// Columns the mapping names that the header lacks (`time_format` names no column).
    pub fn missing(&self, header: &[String]) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, c)| k != "time_format" && !header.contains(c))
            .map(|(_, c)| c.clone())
            .collect()
    }

    /// Recognises a preset from a CSV header.
    pub fn recognise(header: &[String]) -> Option<Format> {
        let has = |c: &str| header.iter().any(|h| h == c);
        if has("id") && has("referenced_tweets.replied_to.id") && has("author_id") {
            Some(Format::TwarcCsv)
        } else if has("id") && has("thread_id") && has("body") && has("timestamp") {
            Some(Format::FourCat)
        } else if header
            .iter()
            .all(|h| crate::delimited::EDGE_HEADERS.contains(&h.to_ascii_lowercase().as_str()))
            && FOLLOW_COLUMNS.iter().any(|(a, b)| {
                let named = |c: &str| header.iter().any(|h| h.eq_ignore_ascii_case(c));
                named(a) && named(b)
            })
        {
            Some(Format::Follows)
        } else {
            None
        }
    }
}

/// A cell of the row, `None` when the mapping does not name it or the cell is empty.
fn cell<'a>(row: &'a Value, m: &Mapping, key: &str) -> Option<&'a str> {
    let column = m.get(key)?;
    str_of(row, column).map(str::trim).filter(|s| !s.is_empty())
}

/// A cell of a number or id column, where pandas-style writers put `nan` or `None` for missing.
fn value<'a>(row: &'a Value, m: &Mapping, key: &str) -> Option<&'a str> {
    cell(row, m, key).filter(|s| !matches!(*s, "null" | "None" | "nan" | "NaN"))
}

/// An id column; on Reddit a bare base36 id gets the fullname prefix of its kind.
fn id_cell(
    row: &Value,
    m: &Mapping,
    key: &str,
    platform: Platform,
    prefix: &str,
) -> Option<String> {
    let id = value(row, m, key)?;
    Some(if platform == Platform::Reddit && !id.contains('_') {
        format!("{prefix}_{id}")
    } else {
        id.to_string()
    })
}

/// An account id or handle column; on Mastodon `@user@domain` is written `user@domain`.
fn account_cell(row: &Value, m: &Mapping, key: &str, platform: Platform) -> Option<String> {
    let a = value(row, m, key)?;
    Some(if platform == Platform::Mastodon {
        a.trim_start_matches('@').to_string()
    } else {
        a.to_string()
    })
}

fn owned(row: &Value, m: &Mapping, key: &str) -> Option<String> {
    cell(row, m, key).map(str::to_string)
}

/// Integers written as `12`, `12.0` or `1,234`.
fn count(row: &Value, m: &Mapping, key: &str) -> Option<i64> {
    let s = value(row, m, key)?.replace(',', "");
    s.parse::<i64>()
        .ok()
        .or_else(|| s.parse::<f64>().ok().map(|f| f as i64))
}

/// Items of a list cell: a JSON list, or words separated by commas or spaces.
fn list(row: &Value, m: &Mapping, key: &str) -> Vec<String> {
    let Some(s) = cell(row, m, key) else {
        return Vec::new();
    };
    let items: Vec<String> = match serde_json::from_str::<Vec<Value>>(s) {
        Ok(v) => v
            .into_iter()
            .filter_map(|x| match x {
                Value::String(s) => Some(s),
                Value::Object(o) => o
                    .get("tag")
                    .or_else(|| o.get("username"))
                    .or_else(|| o.get("expanded_url"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                _ => None,
            })
            .collect(),
        Err(_) => s.split([',', ' ']).map(str::to_string).collect(),
    };
    items
        .into_iter()
        .map(|i| i.trim().trim_start_matches(['#', '$', '@']).to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

fn time(s: &str, format: Option<&str>) -> Option<i64> {
    match format.unwrap_or("auto") {
        "auto" => parse_any(s).or_else(|| parse_pattern(s, "%Y-%m-%d %H:%M:%S")),
        "unix" => s
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(|f| f.floor() as i64),
        "unix_ms" => s
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(|f| (f / 1000.0).floor() as i64),
        pattern => parse_pattern(s, pattern),
    }
}

/// Parses one row (a JSON object keyed by column) of a CSV of posts.
pub fn parse(format: Format, bytes: &[u8], opts: &AdapterOptions) -> Outcome {
    let Some(m) = opts.csv.as_deref() else {
        return Outcome::rejected(format!("no column mapping for {format}"));
    };
    let row: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Outcome::rejected(format!("malformed row: {e}")),
    };
    let platform = match cell(&row, m, "platform") {
        Some(name) => match Platform::parse(&name.to_ascii_lowercase()) {
            Some(p) => p,
            None => return Outcome::rejected(format!("unknown platform '{name}'")),
        },
        None => match format.platform().or(opts.platform) {
            Some(p) => p,
            None => {
                return Outcome::rejected("no platform: map a platform column or pass --platform")
            }
        },
    };
    // On Reddit, a row whose id is its thread's is the submission.
    let thread = value(&row, m, "root");
    let kind = if thread.is_none() || thread == value(&row, m, "id") {
        "t3"
    } else {
        "t1"
    };
    let Some(id) = id_cell(&row, m, "id", platform, kind) else {
        return Outcome::rejected(format!(
            "a row without an id (column '{}')",
            m.get("id").unwrap_or("id")
        ));
    };
    let created_at = match value(&row, m, "time") {
        Some(t) => match time(t, m.get("time_format")) {
            Some(t) => Some(t),
            None => {
                return Outcome::rejected(format!(
                    "time '{t}' in column '{}' does not parse (set time_format in the mapping)",
                    m.get("time").unwrap_or("")
                ))
            }
        },
        None => None,
    };
    // Placeholder authors (Reddit's `[deleted]`) are no account, never one merged account.
    let handle = account_cell(&row, m, "author", platform)
        .filter(|h| !matches!(h.as_str(), "[deleted]" | "[removed]"));
    let handle_is_id = matches!(platform, Platform::Reddit | Platform::Mastodon);
    let author = account_cell(&row, m, "author_id", platform)
        .or_else(|| handle.clone().filter(|_| handle_is_id));
    let unescape = |s: String| {
        if m.unescape_newlines {
            s.replace("\\n", "\n")
        } else {
            s
        }
    };
    let body = owned(&row, m, "text");
    let removed = match body.as_deref() {
        Some("[deleted]") => Some("deleted".to_string()),
        Some("[removed]") => Some("removed".to_string()),
        _ => None,
    };
    let body = body.filter(|_| removed.is_none());
    let text = match (owned(&row, m, "title"), body) {
        (Some(t), Some(b)) => Some(format!("{t}\n\n{b}")),
        (t, b) => t.or(b),
    }
    .map(unescape);
    let mut p = Post {
        native_id: id.clone(),
        author: author.clone(),
        created_at,
        lang: value(&row, m, "lang").map(str::to_string),
        // A bare Reddit parent id is the submission when it is the thread's id.
        reply_to: id_cell(
            &row,
            m,
            "reply_to",
            platform,
            if value(&row, m, "reply_to") == thread {
                "t3"
            } else {
                "t1"
            },
        ),
        reply_to_author: account_cell(&row, m, "reply_to_author", platform),
        root: id_cell(&row, m, "root", platform, "t3"),
        repost_of: id_cell(&row, m, "repost_of", platform, "t3"),
        repost_of_author: account_cell(&row, m, "repost_of_author", platform),
        quote_of: id_cell(&row, m, "quote_of", platform, "t3"),
        quote_of_author: account_cell(&row, m, "quote_of_author", platform),
        community: owned(&row, m, "community"),
        like_count: count(&row, m, "like_count"),
        repost_count: count(&row, m, "repost_count"),
        reply_count: count(&row, m, "reply_count"),
        quote_count: count(&row, m, "quote_count"),
        collected: true,
        ..Post::default()
    };
    for tag in list(&row, m, "hashtags") {
        p.entities.push(Entity {
            kind: EntityKind::Hashtag,
            value: tag,
            detail: None,
        });
    }
    for url in list(&row, m, "urls") {
        let value = canonicalize(&url);
        p.entities.push(Entity {
            kind: EntityKind::Url,
            detail: domain(platform, &value),
            value,
        });
    }
    for handle in list(&row, m, "mentions") {
        let id = handle_is_id.then(|| handle.clone());
        p.mentions.push((id, handle));
    }
    p.entities.sort();
    p.entities
        .dedup_by(|a, b| a.kind == b.kind && a.value == b.value);
    p.text = text;
    p.removed = removed;
    let mut accounts = Vec::new();
    if author.is_some() || handle.is_some() {
        let a = Account {
            native_id: author,
            handle,
            name: owned(&row, m, "author_name"),
            ..Account::default()
        };
        accounts.push(WithRaw {
            value: a,
            raw: None,
        });
    }
    let raw = opts.keep_raw.then(|| bytes.to_vec());
    Outcome::Objects {
        platform,
        posts: vec![WithRaw { value: p, raw }],
        accounts,
        ties: Vec::new(),
        retrieved_at: None,
        api_errors: 0,
    }
}

/// Column pairs (follower, followed) of a follow edge list with a header.
const FOLLOW_COLUMNS: &[(&str, &str)] = &[
    ("follower", "followed"),
    ("follower", "followee"),
    ("follower_id", "followed_id"),
    ("follower_id", "followee_id"),
    ("source", "target"),
    ("src", "dst"),
    ("from", "to"),
    ("user", "friend"),
];

/// Parses one follow edge: a line of an edge list (`follower followed`, positional) or a row
/// keyed by its header (`follower,followed`, `source,target`, …, and optionally `created_at`).
pub fn parse_follow(bytes: &[u8], opts: &AdapterOptions) -> Outcome {
    let Some(platform) = opts.platform else {
        return Outcome::rejected("follow edges need --platform");
    };
    let (pair, time) = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Array(fields)) => match fields.as_slice() {
            [a, b, ..] => (
                a.as_str()
                    .zip(b.as_str())
                    .map(|(a, b)| (a.to_string(), b.to_string())),
                None,
            ),
            _ => (None, None),
        },
        Ok(row @ Value::Object(_)) => {
            let get = |k: &str| {
                row.as_object()?
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(k))
                    .and_then(|(_, v)| v.as_str())
                    .map(|s| s.trim().to_string())
            };
            let pair = FOLLOW_COLUMNS.iter().find_map(|(a, b)| get(a).zip(get(b)));
            if pair.is_none() {
                return Outcome::rejected(format!(
                    "the header names no follower and followed columns; use one of: {}",
                    FOLLOW_COLUMNS
                        .iter()
                        .map(|(a, b)| format!("{a},{b}"))
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
            let time = ["created_at", "time", "timestamp"]
                .iter()
                .find_map(|k| get(k))
                .filter(|t| !t.is_empty());
            (pair, time)
        }
        Ok(_) => (None, None),
        Err(e) => return Outcome::rejected(format!("malformed row: {e}")),
    };
    let created_at = match time {
        Some(t) => match parse_any(&t).or_else(|| parse_pattern(&t, "%Y-%m-%d %H:%M:%S")) {
            Some(t) => Some(t),
            None => return Outcome::rejected(format!("time '{t}' does not parse")),
        },
        None => None,
    };
    match pair {
        Some((src, dst)) if !src.is_empty() && !dst.is_empty() => {
            let mut tie = crate::follow_tie(&dst, &src, crate::Relation::Followers);
            tie.created_at = created_at;
            Outcome::Objects {
                platform,
                posts: Vec::new(),
                accounts: Vec::new(),
                ties: vec![tie],
                retrieved_at: None,
                api_errors: 0,
            }
        }
        _ => Outcome::rejected("a follow edge needs two ids: follower, followed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn opts(m: Mapping, platform: Option<Platform>) -> AdapterOptions {
        AdapterOptions {
            csv: Some(Arc::new(m)),
            platform,
            ..AdapterOptions::default()
        }
    }

    #[test]
    fn mapping_rows_to_posts() {
        let m = Mapping::parse("id=tid, author_id=uid, author=user, time=when, time_format=%d/%m/%Y %H:%M, text=body, reply_to=parent, hashtags=tags").expect("valid");
        let row = br##"{"tid":"9","uid":"1","user":"ann","when":"26/06/2021 19:22","body":"hi #a","parent":"","tags":"#a #b"}"##;
        let Outcome::Objects {
            posts, accounts, ..
        } = parse(Format::Csv, row, &opts(m.clone(), Some(Platform::X)))
        else {
            panic!()
        };
        let p = &posts[0].value;
        assert_eq!(p.native_id, "9");
        assert_eq!(p.author.as_deref(), Some("1"));
        assert_eq!(p.created_at, Some(1624735320));
        assert_eq!(p.reply_to, None);
        assert_eq!(p.entities.len(), 2);
        assert_eq!(accounts[0].value.handle.as_deref(), Some("ann"));
        let bad = br#"{"tid":"9","when":"yesterday"}"#;
        assert!(matches!(
            parse(Format::Csv, bad, &opts(m.clone(), Some(Platform::X))),
            Outcome::Rejected { .. }
        ));
        let no_id = br#"{"tid":"","when":""}"#;
        assert!(matches!(
            parse(Format::Csv, no_id, &opts(m, Some(Platform::X))),
            Outcome::Rejected { .. }
        ));
    }

    #[test]
    fn bad_mappings_say_why() {
        assert!(Mapping::parse("text=body")
            .expect_err("an error")
            .contains("id"));
        assert!(Mapping::parse("id=a, colour=b")
            .expect_err("an error")
            .contains("unknown"));
        assert!(Mapping::parse("id").is_err());
    }

    #[test]
    fn follow_edges() {
        let o = parse_follow(
            br#"["1","2"]"#,
            &AdapterOptions {
                platform: Some(Platform::X),
                ..AdapterOptions::default()
            },
        );
        let Outcome::Objects { ties, .. } = o else {
            panic!()
        };
        assert_eq!((ties[0].src.as_str(), ties[0].dst.as_str()), ("1", "2"));
        let o = parse_follow(
            br#"{"Followed":"5","follower":"4"}"#,
            &AdapterOptions {
                platform: Some(Platform::X),
                ..AdapterOptions::default()
            },
        );
        let Outcome::Objects { ties, .. } = o else {
            panic!()
        };
        assert_eq!((ties[0].src.as_str(), ties[0].dst.as_str()), ("4", "5"));
    }
}
