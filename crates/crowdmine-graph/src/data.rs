//! A graph as files hold it: nodes with external ids and attributes, edges with optional weights
//! and attributes, in file order. Every format reads into and writes from [`GraphData`]; the
//! engine builds its CSR [`crate::Graph`] from it (and back, with measures as node attributes).

use std::collections::BTreeMap;

/// A node or edge attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(String),
}

impl AttrValue {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            AttrValue::Int(i) => Some(*i as f64),
            AttrValue::Float(f) => Some(*f),
            AttrValue::Bool(b) => Some(f64::from(u8::from(*b))),
            AttrValue::Text(t) => t.trim().parse().ok(),
        }
    }

    /// The value as text (labels, categories).
    pub fn to_text(&self) -> String {
        match self {
            AttrValue::Int(i) => i.to_string(),
            AttrValue::Float(f) => f.to_string(),
            AttrValue::Bool(b) => b.to_string(),
            AttrValue::Text(t) => t.clone(),
        }
    }
}

/// Attributes by name, in a stable order.
pub type Attrs = BTreeMap<String, AttrValue>;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NodeData {
    /// The node's id in the file (GML `id`, GraphML/GEXF `id`, an edge list's token).
    pub id: String,
    pub attrs: Attrs,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct EdgeData {
    /// Index into [`GraphData::nodes`].
    pub source: usize,
    pub target: usize,
    pub weight: Option<f64>,
    pub attrs: Attrs,
}

/// A graph as read from, or to be written to, a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GraphData {
    pub directed: bool,
    pub nodes: Vec<NodeData>,
    pub edges: Vec<EdgeData>,
    /// Graph-level attributes (GML `graph [...]` keys other than node/edge, GEXF meta).
    pub attrs: Attrs,
}

impl GraphData {
    /// The index of the node with external id `id`, adding it when new.
    pub fn node_index(
        &mut self,
        id: &str,
        index: &mut rustc_hash::FxHashMap<String, usize>,
    ) -> usize {
        if let Some(i) = index.get(id) {
            return *i;
        }
        let i = self.nodes.len();
        self.nodes.push(NodeData {
            id: id.to_string(),
            attrs: Attrs::new(),
        });
        index.insert(id.to_string(), i);
        i
    }
}
