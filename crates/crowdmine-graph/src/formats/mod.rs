//! Graph file formats, read into and written from [`crate::GraphData`].
//!
//! Each format lives in its own module with a `read(text, path, opts)` and a `write(data)`;
//! this module picks the format (by name or file extension) and does the file I/O, so the
//! parsers stay pure functions over text that tests can call directly.

mod attr_schema;
mod edgelist;
mod gexf;
mod gml;
mod graphml;
mod numbers;
mod pajek;
pub mod tables;
mod xml;

use std::fmt;
use std::path::Path;

use crate::{GraphData, GraphError, Result};

/// A graph file format crowdmine reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GraphFormat {
    /// One edge per line: `source target [weight]`, space, tab or comma separated.
    EdgeList,
    /// Graph Modelling Language (networkx, igraph, Newman's data sets).
    Gml,
    /// GraphML, the XML format of yEd, igraph and networkx.
    GraphMl,
    /// GEXF 1.3, Gephi's XML format.
    Gexf,
    /// Pajek `.net`.
    Pajek,
    /// Node and edge tables: `BASE.nodes.csv` and `BASE.edges.csv` (see [`tables`]).
    Tables,
}

impl GraphFormat {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [GraphFormat; 6] = [
        GraphFormat::EdgeList,
        GraphFormat::Gml,
        GraphFormat::GraphMl,
        GraphFormat::Gexf,
        GraphFormat::Pajek,
        GraphFormat::Tables,
    ];

    /// The format a file name's extension (any case) implies.
    pub fn from_path(path: &Path) -> Option<GraphFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".nodes.csv") || name.ends_with(".edges.csv") {
            return Some(GraphFormat::Tables);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "edges" | "edgelist" | "csv" | "tsv" => Some(GraphFormat::EdgeList),
            "gml" => Some(GraphFormat::Gml),
            "graphml" => Some(GraphFormat::GraphMl),
            "gexf" => Some(GraphFormat::Gexf),
            "net" | "pajek" => Some(GraphFormat::Pajek),
            _ => None,
        }
    }

    /// The format called `name` (any case): `edgelist`, `gml`, `graphml`, `gexf` or `pajek`.
    pub fn parse(name: &str) -> Option<GraphFormat> {
        let name = name.trim();
        GraphFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The name [`GraphFormat::parse`] accepts.
    pub fn name(self) -> &'static str {
        match self {
            GraphFormat::EdgeList => "edgelist",
            GraphFormat::Gml => "gml",
            GraphFormat::GraphMl => "graphml",
            GraphFormat::Gexf => "gexf",
            GraphFormat::Pajek => "pajek",
            GraphFormat::Tables => "tables",
        }
    }
}

impl fmt::Display for GraphFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How to read a file whose format leaves things open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Whether edges are directed. Edge lists cannot say, so `None` means undirected there;
    /// for the other formats `None` keeps what the file declares and `Some` overrides it.
    pub directed: Option<bool>,
    /// Edge lists only: the third column is the edge weight.
    pub weighted: bool,
}

/// Reads the graph in `path`, in `format` or else the one its extension implies.
pub fn read(path: &Path, format: Option<GraphFormat>, opts: &ReadOptions) -> Result<GraphData> {
    let format = resolve(path, format)?;
    if format == GraphFormat::Tables {
        return tables::read(path, opts.directed.unwrap_or(false));
    }
    let bytes = std::fs::read(path).map_err(|source| GraphError::Io {
        context: format!("reading {}", path.display()),
        source,
    })?;
    // Old data sets are sometimes Latin-1; a replacement character beats refusing the file.
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    read_named(&text, &path.display().to_string(), format, opts)
}

/// Reads a graph from `text` in `format`; errors name the source `<input>`.
pub fn read_str(text: &str, format: GraphFormat, opts: &ReadOptions) -> Result<GraphData> {
    read_named(text, "<input>", format, opts)
}

fn read_named(
    text: &str,
    path: &str,
    format: GraphFormat,
    opts: &ReadOptions,
) -> Result<GraphData> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut data = match format {
        GraphFormat::EdgeList => edgelist::read(text, path, opts)?,
        GraphFormat::Gml => gml::read(text, path)?,
        GraphFormat::GraphMl => graphml::read(text, path)?,
        GraphFormat::Gexf => gexf::read(text, path)?,
        GraphFormat::Pajek => pajek::read(text, path)?,
        GraphFormat::Tables => {
            return Err(GraphError::Invalid(
                "node and edge tables are two files: read them from a path".into(),
            ))
        }
    };
    if let Some(directed) = opts.directed {
        data.directed = directed;
    }
    Ok(data)
}

/// Writes `data` to `path`, in `format` or else the one its extension implies.
pub fn write(data: &GraphData, path: &Path, format: Option<GraphFormat>) -> Result<()> {
    let format = resolve(path, format)?;
    if format == GraphFormat::Tables {
        check_graph(data)?;
        return tables::write(data, path);
    }
    let text = write_string(data, format)?;
    std::fs::write(path, text).map_err(|source| GraphError::Io {
        context: format!("writing {}", path.display()),
        source,
    })
}

/// `data` as the text of a `format` file.
pub fn write_string(data: &GraphData, format: GraphFormat) -> Result<String> {
    check_graph(data)?;
    match format {
        GraphFormat::EdgeList => edgelist::write(data),
        GraphFormat::Gml => gml::write(data),
        GraphFormat::GraphMl => graphml::write(data),
        GraphFormat::Gexf => gexf::write(data),
        GraphFormat::Pajek => pajek::write(data),
        GraphFormat::Tables => Err(GraphError::Invalid(
            "node and edge tables are two files: write them to a path".into(),
        )),
    }
}

fn resolve(path: &Path, format: Option<GraphFormat>) -> Result<GraphFormat> {
    format
        .or_else(|| GraphFormat::from_path(path))
        .ok_or_else(|| {
            GraphError::Invalid(format!(
            "cannot tell the graph format of {} from its extension; name one of: edgelist, gml, \
             graphml, gexf, pajek",
            path.display()
        ))
        })
}

/// What every writer relies on: edge ends index `nodes` (a bad one is a caller bug, better
/// reported than a panic) and ids are unique (every format names nodes by id).
fn check_graph(data: &GraphData) -> Result<()> {
    let n = data.nodes.len();
    if let Some(i) = data
        .edges
        .iter()
        .position(|e| e.source >= n || e.target >= n)
    {
        return Err(GraphError::Invalid(format!(
            "edge {i} refers to a node index past the {n} nodes"
        )));
    }
    let mut ids = rustc_hash::FxHashSet::with_capacity_and_hasher(n, Default::default());
    match data.nodes.iter().find(|node| !ids.insert(node.id.as_str())) {
        Some(node) => Err(GraphError::Invalid(format!(
            "node id {:?} is used by two nodes",
            node.id
        ))),
        None => Ok(()),
    }
}

fn parse_error(path: &str, line: u64, message: impl Into<String>) -> GraphError {
    GraphError::Parse {
        path: path.to_string(),
        line,
        message: message.into(),
    }
}
