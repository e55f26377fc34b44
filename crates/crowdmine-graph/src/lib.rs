//! Crowdmine's graph engine: immutable CSR graphs with `u32` node ids, graph file formats, and the
//! network measures of social media mining. Pure: no database, no CLI.

pub mod community;
pub mod data;
pub mod formats;
pub mod generators;
mod graph;
pub mod load;
pub mod measures;
pub mod powerlaw;
pub mod random;
pub mod transform;

pub use data::{AttrValue, Attrs, EdgeData, GraphData, NodeData};
pub use graph::{BuildOptions, Duplicates, Graph, GraphBuilder};

/// Errors of the graph engine, with messages a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    #[error("{path}:{line}: {message}")]
    Parse {
        path: String,
        line: u64,
        message: String,
    },
    #[error("{0}")]
    Invalid(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
}

pub type Result<T, E = GraphError> = std::result::Result<T, E>;
