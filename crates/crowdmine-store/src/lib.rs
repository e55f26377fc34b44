//! The crowdmine corpus: one embedded SQLite file (WAL mode) holding accounts, posts,
//! interactions, entities, the raw records and the ingest ledger.
//!
//! Tables are narrow and integer-keyed so scans into in-memory views stay fast; the raw JSON lives
//! in its own tables, zstd-compressed. Dense ids (`posts.id`, `accounts.id`) are assigned at
//! ingest. One writer at a time: a second writer gets [`StoreError::InUse`].

mod corpus;
pub mod fault;
mod ids;
#[cfg(feature = "parquet")]
mod parquet;
mod queries;
mod raw;
mod rows;
mod schema;
mod sentiment;
mod table;
mod writer;

pub use corpus::Corpus;
pub use queries::{ExportFormat, ExportKind, PlatformCount, Stats, TopItem};
pub use raw::RawKind;
pub use sentiment::{PostText, SentimentBy, SentimentGroup, SentimentRow, StoredScore};
pub use table::{csv_field, Cell, Table};
pub use writer::{FileState, FileStatus, Ledger, RecordOutcome, RecordSource, Writer};

/// Errors of the corpus, with messages a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("corpus {path} is in use by another crowdmine process that is writing to it; wait for it to finish, or choose another corpus with --db")]
    InUse { path: String },
    #[error("no corpus at {path}; create one with `crowdmine ingest FILES… --db {path}`")]
    NotFound { path: String },
    #[error("corpus {path} has schema version {found}, newer than this crowdmine understands ({supported}); upgrade crowdmine")]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("{0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
