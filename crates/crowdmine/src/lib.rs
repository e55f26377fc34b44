//! Crowdmine, the library: from platform exports to a corpus, and from the corpus to results.
//!
//! - [`ingest`] streams files through the platform adapters into the corpus, in parallel, with a
//!   ledger that makes an interrupted ingest resume to the same corpus.
//! - The corpus itself ([`Corpus`]) answers statistics, read-only SQL and exports.

pub mod analyze;
pub mod attributes;
#[cfg(feature = "parquet")]
pub mod graph_parquet;
pub mod ingest;
pub mod networks;
pub mod opinion;
pub mod report;
pub mod sentiment;

pub use crowdmine_graph as graph;
pub use crowdmine_ingest::{csv::Mapping, Format, Relation};
pub use crowdmine_model as model;
pub use crowdmine_store::{
    csv_field, Cell, Corpus, ExportFormat, ExportKind, FileStatus, Ledger, PlatformCount, Stats,
    StoreError, Table, TopItem,
};
pub use crowdmine_synth as synth;
pub use crowdmine_text as text;
pub use ingest::{ingest, FileReport, IngestOptions, IngestReport, Progress};

#[doc(hidden)]
pub mod testing;
