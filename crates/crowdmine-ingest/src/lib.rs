//! Platform exports to canonical records.
//!
//! A file is opened by [`source::open`] (plain, gzip or zstd, recognised by magic bytes), split into
//! records by [`records::RecordReader`] (JSON lines, one pretty-printed document, or a top-level
//! array), and each record is turned into canonical posts, accounts and compliance events by the
//! platform adapter chosen for the file by [`detect`]. Adapters are pure functions of one record, so
//! records parse in parallel and in any order.

pub mod records;
pub mod source;
mod splitter;
pub mod x;

mod json;
mod loose;

use crowdmine_model::{Account, ComplianceEvent, Post};
use std::fmt;

/// A file format crowdmine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// X/Twitter API v2 pages, stream lines, lookups, twarc2 flattened tweets.
    XV2,
    /// X/Twitter API v1.1 statuses, search responses and user objects.
    XV1,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::XV2 => "x-v2",
            Format::XV1 => "x-v1",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "x-v2" => Some(Format::XV2),
            "x-v1" => Some(Format::XV1),
            _ => None,
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
    /// Posts and accounts. `api_errors` counts the partial errors a page reported.
    Objects {
        posts: Vec<WithRaw<Post>>,
        accounts: Vec<WithRaw<Account>>,
        retrieved_at: Option<i64>,
        api_errors: u32,
    },
    /// A recognised resource that holds no posts or accounts (kept when useful, e.g. compliance).
    Skipped {
        resource: &'static str,
        compliance: Vec<ComplianceEvent>,
    },
    /// Not a record of the file's format, or not JSON.
    Rejected { reason: String },
}

/// Options that change what adapters keep.
#[derive(Debug, Clone, Copy, Default)]
pub struct AdapterOptions {
    /// Keep the raw JSON of each post and account.
    pub keep_raw: bool,
    /// The file looks like a user-compliance export (compliance rows are about accounts).
    pub account_compliance: bool,
}

/// Recognises the format of a record, or `None` when it belongs to no known format.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    x::detect(bytes)
}

/// Turns one record into canonical objects with the adapter of `format`.
pub fn parse_record(format: Format, bytes: &[u8], opts: AdapterOptions) -> Outcome {
    match format {
        Format::XV1 | Format::XV2 => x::parse(format, bytes, opts),
    }
}
