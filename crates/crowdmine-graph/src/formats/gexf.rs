//! GEXF 1.3, Gephi's format: typed `<attributes>` declarations, nodes with `id` and `label`,
//! `<attvalues>`, edges with `source target weight`. Also reads GEXF 1.1 and 1.2 files, which
//! differ in ways this reader does not look at.
//!
//! A node's `label` is its `label` attribute; a label equal to the id carries nothing and is
//! not kept. An edge's `weight` is [`crate::EdgeData::weight`] (absent stays `None`, although
//! GEXF readers default it to 1). The `<meta>` fields `creator`, `description` and `keywords`
//! are graph attributes; other graph attributes cannot be written. Visualisation elements
//! (`viz:*`), dynamics (`start`/`end`, spells) and edge ids are ignored.

use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use crate::{AttrValue, Attrs, EdgeData, GraphData, GraphError, NodeData, Result};

use super::attr_schema::{columns, Column, Kind};
use super::xml::{self, escape_attr, escape_text, required, Element};
use super::{numbers, parse_error};

/// Graph attributes that live in `<meta>`.
const META: [&str; 3] = ["creator", "description", "keywords"];

/// A declared `<attribute>`.
struct Declared<'a> {
    title: &'a str,
    kind: Kind,
    default: Option<AttrValue>,
}

type Declarations<'a> = FxHashMap<&'a str, Declared<'a>>;

pub(crate) fn read(text: &str, path: &str) -> Result<GraphData> {
    let root = xml::parse(text).map_err(|e| parse_error(path, e.line, e.message))?;
    if root.local_name() != "gexf" {
        return Err(parse_error(
            path,
            root.line,
            format!("not GEXF: the root element is <{}>", root.name),
        ));
    }
    let graph = root
        .child("graph")
        .ok_or_else(|| parse_error(path, root.line, "no <graph> element"))?;
    let mut data = GraphData {
        directed: graph.attr("defaultedgetype") == Some("directed"),
        ..GraphData::default()
    };
    if let Some(meta) = root.child("meta") {
        for el in &meta.children {
            if META.contains(&el.local_name()) {
                data.attrs.insert(
                    el.local_name().to_string(),
                    AttrValue::Text(el.text.to_string()),
                );
            }
        }
    }
    let node_decls = declarations(graph, "node", path)?;
    let edge_decls = declarations(graph, "edge", path)?;

    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let nodes = graph
        .children_named("nodes")
        .flat_map(|n| n.children_named("node"));
    for el in nodes {
        let id = required(el, "id", path)?;
        if index.insert(id, data.nodes.len()).is_some() {
            return Err(parse_error(
                path,
                el.line,
                format!("node id {id} is used twice"),
            ));
        }
        let mut attrs = attvalues(el, &node_decls, path)?;
        if let Some(label) = el.attr("label").filter(|l| *l != id) {
            attrs
                .entry("label".to_string())
                .or_insert_with(|| AttrValue::Text(label.to_string()));
        }
        data.nodes.push(NodeData {
            id: id.to_string(),
            attrs,
        });
    }
    let edges = graph
        .children_named("edges")
        .flat_map(|e| e.children_named("edge"));
    for el in edges {
        let mut end = |name: &str| -> Result<usize> {
            let id = required(el, name, path)?;
            // Edges may name nodes never declared; add them rather than fail.
            Ok(*index.entry(id).or_insert_with(|| {
                data.nodes.push(NodeData {
                    id: id.to_string(),
                    attrs: defaults(&node_decls),
                });
                data.nodes.len() - 1
            }))
        };
        let (source, target) = (end("source")?, end("target")?);
        let weight = match el.attr("weight") {
            Some(w) => Some(numbers::parse_f64(w).ok_or_else(|| {
                parse_error(path, el.line, format!("edge weight `{w}` is not a number"))
            })?),
            None => None,
        };
        let mut attrs = attvalues(el, &edge_decls, path)?;
        if let Some(label) = el.attr("label") {
            attrs
                .entry("label".to_string())
                .or_insert_with(|| AttrValue::Text(label.to_string()));
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

/// The `<attribute>`s of `<attributes class="{class}">`, by id.
fn declarations<'a>(graph: &'a Element<'a>, class: &str, path: &str) -> Result<Declarations<'a>> {
    let mut decls = Declarations::default();
    let blocks = graph
        .children_named("attributes")
        .filter(|a| a.attr("class") == Some(class));
    for el in blocks.flat_map(|a| a.children_named("attribute")) {
        let id = required(el, "id", path)?;
        let kind = el.attr("type").map_or(Kind::Text, Kind::from_type_name);
        let title = el.attr("title").unwrap_or(id);
        let default = match el.child("default") {
            Some(d) => Some(kind.parse(&d.text).ok_or_else(|| {
                parse_error(
                    path,
                    d.line,
                    format!(
                        "default `{}` of {title} is not a {}",
                        d.text,
                        kind.type_name()
                    ),
                )
            })?),
            None => None,
        };
        decls.insert(
            id,
            Declared {
                title,
                kind,
                default,
            },
        );
    }
    Ok(decls)
}

fn defaults(decls: &Declarations<'_>) -> Attrs {
    decls
        .values()
        .filter_map(|d| Some((d.title.to_string(), d.default.clone()?)))
        .collect()
}

/// An element's `<attvalues>`, typed by the declarations, defaults filled in.
fn attvalues(el: &Element<'_>, decls: &Declarations<'_>, path: &str) -> Result<Attrs> {
    let mut attrs = Attrs::new();
    let values = el
        .children_named("attvalues")
        .flat_map(|a| a.children_named("attvalue"));
    for av in values {
        // GEXF 1.1 names the attribute with `id`, later versions with `for`.
        let Some(key) = av.attr("for").or_else(|| av.attr("id")) else {
            return Err(parse_error(path, av.line, "<attvalue> without `for`"));
        };
        let value = required(av, "value", path)?;
        let Some(decl) = decls.get(key) else {
            return Err(parse_error(
                path,
                av.line,
                format!("<attvalue for=\"{key}\"> has no <attribute> declaration"),
            ));
        };
        let typed = decl.kind.parse(value).ok_or_else(|| {
            parse_error(
                path,
                av.line,
                format!(
                    "`{value}` is not a {} ({})",
                    decl.kind.type_name(),
                    decl.title
                ),
            )
        })?;
        attrs.insert(decl.title.to_string(), typed);
    }
    for (name, value) in defaults(decls) {
        attrs.entry(name).or_insert(value);
    }
    Ok(attrs)
}

/// Writes GEXF 1.3: node `label` from the `label` attribute (else the id), edge ids as their
/// positions, other attributes in typed columns (see [`columns`] for mixed value types).
pub(crate) fn write(data: &GraphData) -> Result<String> {
    write_gexf(data).map_err(|_| GraphError::Invalid("formatting GEXF failed".into()))
}

fn write_gexf(data: &GraphData) -> std::result::Result<String, std::fmt::Error> {
    let weighted = data.edges.iter().any(|e| e.weight.is_some());
    let node_cols = columns(data.nodes.iter().map(|n| &n.attrs), |name| name == "label");
    let edge_cols = columns(data.edges.iter().map(|e| &e.attrs), |name| {
        name == "label" || (weighted && name == "weight")
    });
    let mut out = String::with_capacity(512 + data.nodes.len() * 96 + data.edges.len() * 64);
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<gexf xmlns=\"http://gexf.net/1.3\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" ",
        "version=\"1.3\">\n"
    ));
    let meta: Vec<_> = META
        .iter()
        .filter_map(|m| Some((*m, data.attrs.get(*m)?)))
        .collect();
    if !meta.is_empty() {
        out.push_str("  <meta>\n");
        for (name, value) in meta {
            writeln!(
                out,
                "    <{name}>{}</{name}>",
                escape_text(&value.to_text())
            )?;
        }
        out.push_str("  </meta>\n");
    }
    let edge_type = if data.directed {
        "directed"
    } else {
        "undirected"
    };
    writeln!(
        out,
        "  <graph mode=\"static\" defaultedgetype=\"{edge_type}\">"
    )?;
    for (class, cols) in [("node", &node_cols), ("edge", &edge_cols)] {
        if cols.is_empty() {
            continue;
        }
        writeln!(out, "    <attributes class=\"{class}\">")?;
        for (i, col) in cols.iter().enumerate() {
            writeln!(
                out,
                "      <attribute id=\"{i}\" title=\"{}\" type=\"{}\"/>",
                escape_attr(col.name),
                col.kind.type_name()
            )?;
        }
        out.push_str("    </attributes>\n");
    }
    out.push_str("    <nodes>\n");
    for node in &data.nodes {
        let label = node.attrs.get("label").map(AttrValue::to_text);
        write!(
            out,
            "      <node id=\"{}\" label=\"{}\"",
            escape_attr(&node.id),
            escape_attr(label.as_deref().unwrap_or(&node.id))
        )?;
        write_attvalues(&mut out, "      ", &node_cols, &node.attrs, "node")?;
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, edge) in data.edges.iter().enumerate() {
        write!(
            out,
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\"",
            escape_attr(&data.nodes[edge.source].id),
            escape_attr(&data.nodes[edge.target].id)
        )?;
        if let Some(w) = edge.weight {
            write!(out, " weight=\"{}\"", numbers::plain(w))?;
        }
        if let Some(label) = edge.attrs.get("label") {
            write!(out, " label=\"{}\"", escape_attr(&label.to_text()))?;
        }
        write_attvalues(&mut out, "      ", &edge_cols, &edge.attrs, "edge")?;
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    Ok(out)
}

/// Closes the open start tag of `element`, with `<attvalues>` inside when there are any.
fn write_attvalues(
    out: &mut String,
    indent: &str,
    cols: &[Column<'_>],
    attrs: &Attrs,
    element: &str,
) -> std::fmt::Result {
    let values: Vec<_> = cols
        .iter()
        .enumerate()
        .filter_map(|(i, col)| Some((i, col, attrs.get(col.name)?)))
        .collect();
    if values.is_empty() {
        out.push_str("/>\n");
        return Ok(());
    }
    writeln!(out, ">\n{indent}  <attvalues>")?;
    for (i, col, value) in values {
        writeln!(
            out,
            "{indent}    <attvalue for=\"{i}\" value=\"{}\"/>",
            escape_attr(&col.kind.format(value))
        )?;
    }
    writeln!(out, "{indent}  </attvalues>\n{indent}</{element}>")
}
