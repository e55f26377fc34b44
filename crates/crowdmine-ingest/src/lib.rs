//! Platform exports to canonical records.
//!
//! A file is opened by [`source::open`] (plain, gzip or zstd, recognised by magic bytes), split into
//! records by [`records::RecordReader`] (JSON lines, one pretty-printed document, or a top-level
//! array), and each record is turned into canonical posts, accounts and compliance events by the
//! platform adapter chosen for the file by [`detect`]. Adapters are pure functions of one record, so
//! records parse in parallel and in any order.

pub mod bluesky;
pub mod csv;
pub mod delimited;
mod html;
pub mod mastodon;
mod plain;
pub mod records;
pub mod reddit;
pub mod source;
mod splitter;
pub mod x;

mod json;
mod loose;

use crowdmine_model::{Account, ComplianceEvent, InteractionKind, Platform, Post, Tie};
use std::fmt;
use std::sync::Arc;

/// A file format crowdmine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// X/Twitter API v2 pages, stream lines, lookups, twarc2 flattened tweets.
    XV2,
    /// X/Twitter API v1.1 statuses, search responses and user objects.
    XV1,
    /// Reddit API Listings, comment trees, `morechildren` responses, Pushshift/Arctic Shift lines.
    Reddit,
    /// Mastodon API statuses, contexts, search results, accounts and timelines.
    Mastodon,
    /// Bluesky Jetstream events and `getAuthorFeed` / `searchPosts` responses.
    Bluesky,
    /// CSV of posts with a column mapping ([`csv::Mapping`]).
    Csv,
    /// CSV written by `twarc-csv` (X API v2).
    TwarcCsv,
    /// CSV exported by 4CAT.
    FourCat,
    /// Follow edges `follower,followed` (CSV, TSV or space-separated; header optional).
    Follows,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Format::XV2,
        Format::XV1,
        Format::Reddit,
        Format::Mastodon,
        Format::Bluesky,
        Format::Csv,
        Format::TwarcCsv,
        Format::FourCat,
        Format::Follows,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::XV2 => "x-v2",
            Format::XV1 => "x-v1",
            Format::Reddit => "reddit",
            Format::Mastodon => "mastodon",
            Format::Bluesky => "bluesky",
            Format::Csv => "csv",
            Format::TwarcCsv => "twarc-csv",
            Format::FourCat => "4cat",
            Format::Follows => "follows",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Read as delimited text rather than JSON.
    pub fn is_delimited(self) -> bool {
        matches!(
            self,
            Format::Csv | Format::TwarcCsv | Format::FourCat | Format::Follows
        )
    }

    /// The platform of the format's records, when the format fixes it.
    pub fn platform(self) -> Option<Platform> {
        match self {
            Format::XV2 | Format::XV1 | Format::TwarcCsv => Some(Platform::X),
            Format::Reddit => Some(Platform::Reddit),
            Format::Mastodon => Some(Platform::Mastodon),
            Format::Bluesky => Some(Platform::Bluesky),
            Format::Csv | Format::FourCat | Format::Follows => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A post or account with the raw JSON of the object it came from.
#[derive(Debug, Clone)]
pub struct WithRaw<T> {
    pub value: T,
    pub raw: Option<Vec<u8>>,
}

/// What one record (a line, or a document) turned into.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Posts, accounts and ties. `api_errors` counts the partial errors a page reported.
    Objects {
        platform: Platform,
        posts: Vec<WithRaw<Post>>,
        accounts: Vec<WithRaw<Account>>,
        ties: Vec<Tie>,
        retrieved_at: Option<i64>,
        api_errors: u32,
    },
    /// A recognised resource that holds no posts or accounts. Compliance results and delete
    /// events are kept and applied (action `delete` removes what it names).
    Skipped {
        platform: Platform,
        resource: &'static str,
        compliance: Vec<ComplianceEvent>,
    },
    /// Not a record of the file's format, or not JSON.
    Rejected { reason: String },
}

impl Outcome {
    /// Objects of one platform, with nothing else.
    pub fn objects(platform: Platform) -> Outcome {
        Outcome::Objects {
            platform,
            posts: Vec::new(),
            accounts: Vec::new(),
            ties: Vec::new(),
            retrieved_at: None,
            api_errors: 0,
        }
    }

    pub fn rejected(reason: impl Into<String>) -> Outcome {
        Outcome::Rejected {
            reason: reason.into(),
        }
    }
}

#[cfg(test)]
impl Outcome {
    /// The posts and accounts of an outcome (tests).
    pub(crate) fn into_objects(self) -> (Vec<Post>, Vec<Account>) {
        match self {
            Outcome::Objects {
                posts, accounts, ..
            } => (
                posts.into_iter().map(|p| p.value).collect(),
                accounts.into_iter().map(|a| a.value).collect(),
            ),
            other => panic!("unexpected {other:?}"),
        }
    }
}

/// Which follow relation a page of accounts lists, relative to the account it was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The accounts listed follow the account.
    Followers,
    /// The account follows the accounts listed.
    Following,
}

/// Options that change what adapters keep.
#[derive(Debug, Clone, Default)]
pub struct AdapterOptions {
    /// Keep the raw JSON of each post and account.
    pub keep_raw: bool,
    /// The file looks like a user-compliance export (compliance rows are about accounts).
    pub account_compliance: bool,
    /// Keep Mastodon direct messages (skipped by default).
    pub include_direct: bool,
    /// Pages of accounts are the followers or followings of this account (native id): each
    /// account listed becomes a follow tie too.
    pub follows_of: Option<(String, Relation)>,
    /// The platform of CSV records whose mapping does not name one.
    pub platform: Option<Platform>,
    /// Column mapping of CSV posts.
    pub csv: Option<Arc<csv::Mapping>>,
}

/// Recognises the format of a record, or `None` when it belongs to no known format.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    // Reddit first: a Listing has a `data` member, as an X v2 page does.
    reddit::detect(bytes)
        .or_else(|| x::detect(bytes))
        .or_else(|| mastodon::detect(bytes))
        .or_else(|| bluesky::detect(bytes))
}

/// Turns one record into canonical objects with the adapter of `format`.
pub fn parse_record(format: Format, bytes: &[u8], opts: &AdapterOptions) -> Outcome {
    match format {
        Format::XV1 | Format::XV2 => x::parse(format, bytes, opts),
        Format::Reddit => reddit::parse(bytes, opts),
        Format::Mastodon => mastodon::parse(bytes, opts),
        Format::Bluesky => bluesky::parse(bytes, opts),
        Format::Csv | Format::TwarcCsv | Format::FourCat => csv::parse(format, bytes, opts),
        Format::Follows => csv::parse_follow(bytes, opts),
    }
}

/// A follow tie between `of` and an account listed on a page of its followers or followings.
pub(crate) fn follow_tie(of: &str, listed: &str, relation: Relation) -> Tie {
    let (src, dst) = match relation {
        Relation::Followers => (listed, of),
        Relation::Following => (of, listed),
    };
    Tie {
        kind: InteractionKind::Follow,
        src: src.to_string(),
        dst: dst.to_string(),
        subject: None,
        native_id: None,
        created_at: None,
    }
}

/// The outcome of an array of records: its objects together; rejected if any element is.
pub(crate) fn merge(platform: Platform, outcomes: impl Iterator<Item = Outcome>) -> Outcome {
    let (mut posts, mut accounts, mut ties, mut compliance) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut retrieved, mut errors, mut skipped) = (None, 0, None);
    for o in outcomes {
        match o {
            Outcome::Rejected { .. } => return o,
            Outcome::Skipped {
                resource,
                compliance: c,
                ..
            } => {
                skipped = Some(resource);
                compliance.extend(c);
            }
            Outcome::Objects {
                posts: p,
                accounts: a,
                ties: t,
                retrieved_at,
                api_errors,
                ..
            } => {
                posts.extend(p);
                accounts.extend(a);
                ties.extend(t);
                retrieved = retrieved.or(retrieved_at);
                errors += api_errors;
            }
        }
    }
    match skipped {
        Some(resource) if posts.is_empty() && accounts.is_empty() && ties.is_empty() => {
            Outcome::Skipped {
                platform,
                resource,
                compliance,
            }
        }
        _ => Outcome::Objects {
            platform,
            posts,
            accounts,
            ties,
            retrieved_at: retrieved,
            api_errors: errors,
        },
    }
}
