//! Pajek `.net`: `*Vertices n` with `index "label"` lines, then `*Arcs` (directed) or `*Edges`
//! (undirected) as `i j [weight]`, or their `*Arcslist`/`*Edgeslist` and `*Matrix` forms.
//!
//! A vertex label becomes the `label` attribute and the node id; unlabelled vertices, and all
//! vertices when labels repeat, take their 1-based index as id. Coordinates, colours and other
//! drawing tokens are ignored, as are sections such as `*Partition`. A file holding both arcs
//! and edges is directed, each edge becoming two arcs. `%` starts a comment line.

use std::fmt::Write as _;

use rustc_hash::FxHashSet;

use crate::{AttrValue, Attrs, EdgeData, GraphData, GraphError, NodeData, Result};

use super::{numbers, parse_error};

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Start,
    Vertices,
    Pairs { directed: bool },
    Lists { directed: bool },
    Matrix { row: usize },
    Ignored,
}

pub(crate) fn read(text: &str, path: &str) -> Result<GraphData> {
    let mut section = Section::Start;
    let mut labels: Vec<Option<String>> = Vec::new();
    // (source, target, weight, directed)
    let mut edges: Vec<(usize, usize, Option<f64>, bool)> = Vec::new();
    let mut attrs = Attrs::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u64 + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('%') {
            continue;
        }
        let mut tokens = Tokens(line);
        let err = |message: String| parse_error(path, line_no, message);
        if line.starts_with('*') {
            let head = tokens.next().unwrap_or_default().to_ascii_lowercase();
            if head != "*vertices" && section == Section::Start && head != "*network" {
                return Err(err(format!("{head} before *Vertices")));
            }
            section = match head.as_str() {
                "*network" => {
                    let name = line["*network".len()..].trim().trim_matches('"');
                    if !name.is_empty() {
                        attrs.insert("name".into(), AttrValue::Text(name.to_string()));
                    }
                    Section::Start
                }
                "*vertices" => {
                    let n = tokens
                        .next()
                        .and_then(|t| t.parse().ok())
                        .ok_or_else(|| err("*Vertices needs the number of vertices".into()))?;
                    labels = vec![None; n];
                    Section::Vertices
                }
                "*arcs" => Section::Pairs { directed: true },
                "*edges" => Section::Pairs { directed: false },
                "*arcslist" => Section::Lists { directed: true },
                "*edgeslist" => Section::Lists { directed: false },
                "*matrix" => Section::Matrix { row: 0 },
                _ => Section::Ignored,
            };
            continue;
        }
        let n = labels.len();
        let vertex = |token: Option<&str>| -> Result<usize> {
            match token.map(|t| t.parse::<usize>()) {
                Some(Ok(v)) if (1..=n).contains(&v) => Ok(v - 1),
                Some(_) => Err(err(format!(
                    "`{}` is not a vertex number between 1 and {n}",
                    token.unwrap_or_default()
                ))),
                None => Err(err("a vertex number is missing".into())),
            }
        };
        match section {
            Section::Start => return Err(err("data before *Vertices".into())),
            Section::Ignored => {}
            Section::Vertices => {
                let v = vertex(tokens.next())?;
                labels[v] = tokens.next().filter(|l| !l.is_empty()).map(str::to_string);
            }
            Section::Pairs { directed } => {
                let (s, t) = (vertex(tokens.next())?, vertex(tokens.next())?);
                // A non-numeric third token starts drawing options, not a weight.
                let weight = tokens.next().and_then(numbers::parse_f64);
                edges.push((s, t, weight, directed));
            }
            Section::Lists { directed } => {
                let s = vertex(tokens.next())?;
                for t in tokens {
                    edges.push((s, vertex(Some(t))?, None, directed));
                }
            }
            Section::Matrix { row } => {
                if row >= n {
                    return Err(err(format!("*Matrix has more than {n} rows")));
                }
                for (col, cell) in tokens.enumerate() {
                    let w = numbers::parse_f64(cell)
                        .ok_or_else(|| err(format!("matrix entry `{cell}` is not a number")))?;
                    if col >= n {
                        return Err(err(format!("*Matrix row has more than {n} entries")));
                    }
                    if w != 0.0 {
                        edges.push((row, col, Some(w), true));
                    }
                }
                section = Section::Matrix { row: row + 1 };
            }
        }
    }
    let directed = edges.iter().any(|e| e.3);
    Ok(GraphData {
        directed,
        nodes: nodes(labels),
        edges: edges
            .into_iter()
            .flat_map(|(s, t, weight, arc)| {
                let back = (directed && !arc && s != t).then_some((t, s, weight));
                std::iter::once((s, t, weight)).chain(back)
            })
            .map(|(source, target, weight)| EdgeData {
                source,
                target,
                weight,
                attrs: Attrs::new(),
            })
            .collect(),
        attrs,
    })
}

fn nodes(labels: Vec<Option<String>>) -> Vec<NodeData> {
    let mut seen = FxHashSet::default();
    let unique = labels
        .iter()
        .enumerate()
        .all(|(i, l)| seen.insert(l.clone().unwrap_or_else(|| (i + 1).to_string())));
    labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let id = match (&label, unique) {
                (Some(l), true) => l.clone(),
                _ => (i + 1).to_string(),
            };
            let attrs = label
                .map(|l| ("label".to_string(), AttrValue::Text(l)))
                .into_iter()
                .collect();
            NodeData { id, attrs }
        })
        .collect()
}

/// Whitespace-separated tokens; a token in double quotes may hold spaces.
struct Tokens<'a>(&'a str);

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = self.0.trim_start();
        if s.is_empty() {
            return None;
        }
        if let Some(quoted) = s.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            self.0 = quoted.get(end + 1..).unwrap_or("");
            return Some(&quoted[..end]);
        }
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        self.0 = &s[end..];
        Some(&s[..end])
    }
}

/// Writes each node's `label` attribute as its vertex name when the labels are unique (Pajek
/// readers, NetworkX's among them, name nodes by it), else its id (a `"` becomes `'`, Pajek has
/// no escape), and `*Arcs` or `*Edges` with weights when any edge has one (a missing weight as
/// 1). Other node attributes are not written.
pub(crate) fn write(data: &GraphData) -> Result<String> {
    write_net(data).map_err(|_| GraphError::Invalid("formatting Pajek failed".into()))
}

fn write_net(data: &GraphData) -> std::result::Result<String, std::fmt::Error> {
    let weighted = data.edges.iter().any(|e| e.weight.is_some());
    let mut out = String::with_capacity(32 + data.nodes.len() * 24 + data.edges.len() * 16);
    writeln!(out, "*Vertices {}", data.nodes.len())?;
    let labels: Vec<Option<String>> = data
        .nodes
        .iter()
        .map(|n| n.attrs.get("label").map(|l| l.to_text()))
        .collect();
    let unique = labels.iter().all(Option::is_some)
        && labels
            .iter()
            .flatten()
            .collect::<rustc_hash::FxHashSet<_>>()
            .len()
            == labels.len();
    for (i, node) in data.nodes.iter().enumerate() {
        let name = match &labels[i] {
            Some(l) if unique => l.as_str(),
            _ => node.id.as_str(),
        };
        let label = name.replace('"', "'").replace(['\n', '\r'], " ");
        writeln!(out, "{} \"{label}\"", i + 1)?;
    }
    out.push_str(if data.directed { "*Arcs\n" } else { "*Edges\n" });
    for e in &data.edges {
        write!(out, "{} {}", e.source + 1, e.target + 1)?;
        if weighted {
            write!(out, " {}", numbers::plain(e.weight.unwrap_or(1.0)))?;
        }
        out.push('\n');
    }
    Ok(out)
}
