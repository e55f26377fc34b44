//! GraphML: `<key>` declarations give each `<data key>` a name and a type; the one edge key
//! named `weight` is [`crate::EdgeData::weight`]. `<default>` values fill in missing data.
//! Only the first `<graph>` is read; hyperedges, ports and nested graphs are ignored, and so is
//! `<data>` holding markup rather than text (yEd's graphics).

use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use crate::{AttrValue, Attrs, EdgeData, GraphData, GraphError, NodeData, Result};

use super::attr_schema::{columns, Column, Kind};
use super::xml::{self, escape_attr, escape_text, required, Element};
use super::{numbers, parse_error};

/// A declared `<key>`.
struct Key<'a> {
    name: &'a str,
    kind: Kind,
    domain: &'a str,
    default: Option<AttrValue>,
}

pub(crate) fn read(text: &str, path: &str) -> Result<GraphData> {
    let root = xml::parse(text).map_err(|e| parse_error(path, e.line, e.message))?;
    if root.local_name() != "graphml" {
        return Err(parse_error(
            path,
            root.line,
            format!("not GraphML: the root element is <{}>", root.name),
        ));
    }
    let keys = read_keys(&root, path)?;
    let graph = root
        .child("graph")
        .ok_or_else(|| parse_error(path, root.line, "no <graph> element"))?;
    let mut data = GraphData {
        directed: graph.attr("edgedefault") == Some("directed"),
        ..GraphData::default()
    };
    for el in graph.children_named("data") {
        if let Some((name, value)) = read_data(el, &keys, path)? {
            data.attrs.insert(name.to_string(), value);
        }
    }
    fill_defaults(&mut data.attrs, &keys, "graph");

    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    for el in graph.children_named("node") {
        let id = required(el, "id", path)?;
        if index.insert(id, data.nodes.len()).is_some() {
            return Err(parse_error(
                path,
                el.line,
                format!("node id {id} is used twice"),
            ));
        }
        let mut attrs = Attrs::new();
        for d in el.children_named("data") {
            if let Some((name, value)) = read_data(d, &keys, path)? {
                attrs.insert(name.to_string(), value);
            }
        }
        fill_defaults(&mut attrs, &keys, "node");
        data.nodes.push(NodeData {
            id: id.to_string(),
            attrs,
        });
    }
    for el in graph.children_named("edge") {
        let mut end = |name: &str| -> Result<usize> {
            let id = required(el, name, path)?;
            // Edges may name nodes never declared; networkx and igraph add them, so do we.
            Ok(*index.entry(id).or_insert_with(|| {
                let mut attrs = Attrs::new();
                fill_defaults(&mut attrs, &keys, "node");
                data.nodes.push(NodeData {
                    id: id.to_string(),
                    attrs,
                });
                data.nodes.len() - 1
            }))
        };
        let (source, target) = (end("source")?, end("target")?);
        let mut attrs = Attrs::new();
        for d in el.children_named("data") {
            if let Some((name, value)) = read_data(d, &keys, path)? {
                attrs.insert(name.to_string(), value);
            }
        }
        fill_defaults(&mut attrs, &keys, "edge");
        let weight = match attrs.get("weight") {
            Some(AttrValue::Int(i)) => Some(*i as f64),
            Some(AttrValue::Float(f)) => Some(*f),
            _ => None,
        };
        if weight.is_some() {
            attrs.remove("weight");
        }
        data.edges.push(EdgeData {
            source,
            target,
            weight,
            attrs,
        });
    }
    Ok(data)
}

fn read_keys<'a>(root: &'a Element<'a>, path: &str) -> Result<FxHashMap<&'a str, Key<'a>>> {
    let mut keys = FxHashMap::default();
    for el in root.children_named("key") {
        let id = required(el, "id", path)?;
        let kind = el
            .attr("attr.type")
            .map_or(Kind::Text, Kind::from_type_name);
        let name = el.attr("attr.name").unwrap_or(id);
        let default = match el.child("default") {
            Some(d) => Some(kind.parse(&d.text).ok_or_else(|| {
                parse_error(
                    path,
                    d.line,
                    format!(
                        "default `{}` of key {name} is not a {}",
                        d.text,
                        kind.type_name()
                    ),
                )
            })?),
            None => None,
        };
        let key = Key {
            name,
            kind,
            domain: el.attr("for").unwrap_or("all"),
            default,
        };
        keys.insert(id, key);
    }
    Ok(keys)
}

/// A `<data>` element as a named value; `None` for markup-only data.
fn read_data<'k>(
    el: &Element<'_>,
    keys: &'k FxHashMap<&str, Key<'k>>,
    path: &str,
) -> Result<Option<(&'k str, AttrValue)>> {
    let key_id = required(el, "key", path)?;
    if !el.children.is_empty() && el.text.trim().is_empty() {
        return Ok(None);
    }
    let Some(key) = keys.get(key_id) else {
        return Err(parse_error(
            path,
            el.line,
            format!("<data key=\"{key_id}\"> has no <key> declaration"),
        ));
    };
    let value = key.kind.parse(&el.text).ok_or_else(|| {
        parse_error(
            path,
            el.line,
            format!(
                "`{}` is not a {} (key {})",
                el.text,
                key.kind.type_name(),
                key.name
            ),
        )
    })?;
    Ok(Some((key.name, value)))
}

fn fill_defaults(attrs: &mut Attrs, keys: &FxHashMap<&str, Key<'_>>, domain: &str) {
    for key in keys.values() {
        if let Some(default) = &key.default {
            if key.domain == domain || key.domain == "all" {
                attrs
                    .entry(key.name.to_string())
                    .or_insert_with(|| default.clone());
            }
        }
    }
}

/// Writes GraphML with one typed `<key>` per attribute name (see [`columns`] for how mixed
/// value types are declared) and the weights under a `weight` key of type double.
pub(crate) fn write(data: &GraphData) -> Result<String> {
    write_graphml(data).map_err(|_| GraphError::Invalid("formatting GraphML failed".into()))
}

fn write_graphml(data: &GraphData) -> std::result::Result<String, std::fmt::Error> {
    let weighted = data.edges.iter().any(|e| e.weight.is_some());
    let graph_cols = columns(std::iter::once(&data.attrs), |_| false);
    let node_cols = columns(data.nodes.iter().map(|n| &n.attrs), |_| false);
    let edge_cols = columns(data.edges.iter().map(|e| &e.attrs), |name| {
        weighted && name == "weight"
    });
    let mut out = String::with_capacity(256 + data.nodes.len() * 64 + data.edges.len() * 64);
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ",
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
    ));
    for (prefix, domain, cols) in [
        ("g", "graph", &graph_cols),
        ("n", "node", &node_cols),
        ("e", "edge", &edge_cols),
    ] {
        for (i, col) in cols.iter().enumerate() {
            writeln!(
                out,
                "  <key id=\"{prefix}{i}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{}\"/>",
                escape_attr(col.name),
                col.kind.type_name()
            )?;
        }
    }
    if weighted {
        out.push_str(
            "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n",
        );
    }
    let edgedefault = if data.directed {
        "directed"
    } else {
        "undirected"
    };
    writeln!(out, "  <graph id=\"G\" edgedefault=\"{edgedefault}\">")?;
    write_data(&mut out, "    ", "g", &graph_cols, &data.attrs)?;
    for node in &data.nodes {
        write!(out, "    <node id=\"{}\"", escape_attr(&node.id))?;
        if node.attrs.is_empty() {
            out.push_str("/>\n");
        } else {
            out.push_str(">\n");
            write_data(&mut out, "      ", "n", &node_cols, &node.attrs)?;
            out.push_str("    </node>\n");
        }
    }
    for edge in &data.edges {
        write!(
            out,
            "    <edge source=\"{}\" target=\"{}\"",
            escape_attr(&data.nodes[edge.source].id),
            escape_attr(&data.nodes[edge.target].id)
        )?;
        let has_data =
            edge.weight.is_some() || edge_cols.iter().any(|c| edge.attrs.contains_key(c.name));
        if !has_data {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        if let Some(w) = edge.weight {
            writeln!(
                out,
                "      <data key=\"weight\">{}</data>",
                numbers::plain(w)
            )?;
        }
        write_data(&mut out, "      ", "e", &edge_cols, &edge.attrs)?;
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    Ok(out)
}

fn write_data(
    out: &mut String,
    indent: &str,
    prefix: &str,
    cols: &[Column<'_>],
    attrs: &Attrs,
) -> std::fmt::Result {
    for (i, col) in cols.iter().enumerate() {
        if let Some(value) = attrs.get(col.name) {
            writeln!(
                out,
                "{indent}<data key=\"{prefix}{i}\">{}</data>",
                escape_text(&col.kind.format(value))
            )?;
        }
    }
    Ok(())
}
