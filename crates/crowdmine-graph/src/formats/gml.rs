//! GML, the Graph Modelling Language: nested `key value` lists with `[ ]`, as written by
//! networkx, igraph and Newman's network data sets.
//!
//! Reading keeps every node key except `id` as an attribute (`label` included), every edge key
//! except `source`/`target`, and graph keys other than `directed`, `multigraph`, `node` and
//! `edge`; keys outside `graph [ … ]` (a `Creator` line) are ignored. Nested lists are
//! flattened into dotted names (`graphics [ x 1 ]` → `graphics.x`); a key repeated in one list
//! keeps its first value, as [`crate::AttrValue`] holds no lists.
//!
//! Edge weight: a numeric `weight` key becomes [`EdgeData::weight`] (and no attribute); failing
//! that, a numeric `value` (Newman's files) is the weight and also stays an attribute.
//!
//! Strings: `&amp; &lt; &gt; &quot; &apos;` and numeric references (`&#38;`, which networkx
//! writes for `&`, `"` and non-ASCII) are decoded; other `&…;` text is kept as written.

use std::borrow::Cow;
use std::fmt::Write as _;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::{AttrValue, Attrs, EdgeData, GraphData, GraphError, NodeData, Result};

use super::{numbers, parse_error, xml};

/// Lists nested deeper than this are refused rather than risking the stack.
const MAX_DEPTH: usize = 100;

#[derive(Debug)]
enum Value<'a> {
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    List(Vec<Entry<'a>>),
}

#[derive(Debug)]
struct Entry<'a> {
    key: &'a str,
    value: Value<'a>,
    line: u64,
}

pub(crate) fn read(text: &str, path: &str) -> Result<GraphData> {
    let mut lexer = Lexer {
        src: text,
        pos: 0,
        line: 1,
        path,
    };
    let top = parse_list(&mut lexer, 0)?;
    let graph = top
        .into_iter()
        .find_map(|e| match e.value {
            Value::List(list) if e.key == "graph" => Some(list),
            _ => None,
        })
        .ok_or_else(|| parse_error(path, 1, "no `graph [ … ]` in the file"))?;

    let mut data = GraphData::default();
    let mut edge_entries = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    for entry in graph {
        match (entry.key, entry.value) {
            ("directed", value) => data.directed = truthy(&value),
            ("multigraph", _) => {}
            ("node", Value::List(list)) => {
                let node = read_node(list, entry.line, path)?;
                if index.insert(node.id.clone(), data.nodes.len()).is_some() {
                    return Err(parse_error(
                        path,
                        entry.line,
                        format!("node id {} is used twice", node.id),
                    ));
                }
                data.nodes.push(node);
            }
            ("edge", Value::List(list)) => edge_entries.push((list, entry.line)),
            (key, value) => add_attr(&mut data.attrs, key, value),
        }
    }
    data.edges = edge_entries
        .into_iter()
        .map(|(list, line)| read_edge(list, line, &index, path))
        .collect::<Result<_>>()?;
    Ok(data)
}

fn read_node(list: Vec<Entry<'_>>, line: u64, path: &str) -> Result<NodeData> {
    let mut id = None;
    let mut attrs = Attrs::new();
    for entry in list {
        if entry.key == "id" && id.is_none() {
            id = Some(id_text(&entry.value, entry.line, path)?);
        } else {
            add_attr(&mut attrs, entry.key, entry.value);
        }
    }
    let id = id.ok_or_else(|| parse_error(path, line, "node without an `id`"))?;
    Ok(NodeData { id, attrs })
}

fn read_edge(
    list: Vec<Entry<'_>>,
    line: u64,
    index: &FxHashMap<String, usize>,
    path: &str,
) -> Result<EdgeData> {
    let mut ends = [None, None];
    let mut attrs = Attrs::new();
    for entry in list {
        let end = match entry.key {
            "source" => 0,
            "target" => 1,
            _ => {
                add_attr(&mut attrs, entry.key, entry.value);
                continue;
            }
        };
        if ends[end].is_some() {
            continue;
        }
        let id = id_text(&entry.value, entry.line, path)?;
        let node = index.get(&id).ok_or_else(|| {
            parse_error(
                path,
                entry.line,
                format!("edge {} {id} is not a node", entry.key),
            )
        })?;
        ends[end] = Some(*node);
    }
    let [Some(source), Some(target)] = ends else {
        return Err(parse_error(
            path,
            line,
            "edge without `source` and `target`",
        ));
    };
    let weight = match numeric(attrs.get("weight")) {
        Some(w) => {
            attrs.remove("weight");
            Some(w)
        }
        None => numeric(attrs.get("value")),
    };
    Ok(EdgeData {
        source,
        target,
        weight,
        attrs,
    })
}

/// The value of a numeric attribute; text is never a weight, even when it looks like one.
fn numeric(value: Option<&AttrValue>) -> Option<f64> {
    match value {
        Some(AttrValue::Int(i)) => Some(*i as f64),
        Some(AttrValue::Float(f)) => Some(*f),
        _ => None,
    }
}

/// A node id, or an edge end, as text: ints canonical, strings as they are.
fn id_text(value: &Value<'_>, line: u64, path: &str) -> Result<String> {
    match value {
        Value::Int(i) => Ok(i.to_string()),
        Value::Float(f) => Ok(numbers::plain(*f)),
        Value::Str(s) => Ok(s.to_string()),
        Value::List(_) => Err(parse_error(
            path,
            line,
            "an id must be a number or a string",
        )),
    }
}

fn truthy(value: &Value<'_>) -> bool {
    match value {
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::Str(s) => matches!(s.trim(), "1" | "true" | "True" | "yes"),
        Value::List(_) => false,
    }
}

/// Adds `key value`, flattening lists into dotted names; the first value of a key wins.
fn add_attr(attrs: &mut Attrs, key: &str, value: Value<'_>) {
    let value = match value {
        Value::Int(i) => AttrValue::Int(i),
        Value::Float(f) => AttrValue::Float(f),
        Value::Str(s) => AttrValue::Text(s.into_owned()),
        Value::List(list) => {
            for entry in list {
                add_attr(attrs, &format!("{key}.{}", entry.key), entry.value);
            }
            return;
        }
    };
    attrs.entry(key.to_string()).or_insert(value);
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    line: u64,
    path: &'a str,
}

enum Token<'a> {
    Key(&'a str),
    Number(&'a str),
    Str(&'a str),
    Open,
    Close,
}

impl<'a> Lexer<'a> {
    fn error(&self, message: impl Into<String>) -> GraphError {
        parse_error(self.path, self.line, message)
    }

    fn advance(&mut self, n: usize) {
        let passed = &self.src.as_bytes()[self.pos..self.pos + n];
        self.line += passed.iter().filter(|&&b| b == b'\n').count() as u64;
        self.pos += n;
    }

    /// The next token and its line, skipping whitespace and `#` comments.
    fn next(&mut self) -> Result<Option<(Token<'a>, u64)>> {
        loop {
            let rest = &self.src[self.pos..];
            let trimmed = rest.trim_start();
            self.advance(rest.len() - trimmed.len());
            if trimmed.starts_with('#') {
                self.advance(trimmed.find('\n').unwrap_or(trimmed.len()));
                continue;
            }
            let line = self.line;
            let Some(c) = trimmed.chars().next() else {
                return Ok(None);
            };
            let token = match c {
                '[' => {
                    self.advance(1);
                    Token::Open
                }
                ']' => {
                    self.advance(1);
                    Token::Close
                }
                '"' => {
                    let end = trimmed[1..]
                        .find('"')
                        .ok_or_else(|| self.error("unterminated string"))?;
                    self.advance(end + 2);
                    Token::Str(&trimmed[1..end + 1])
                }
                _ => {
                    let end = trimmed
                        .find(|c: char| c.is_whitespace() || matches!(c, '[' | ']' | '"' | '#'))
                        .unwrap_or(trimmed.len());
                    self.advance(end);
                    let word = &trimmed[..end];
                    if c.is_ascii_alphabetic() || c == '_' {
                        Token::Key(word)
                    } else {
                        Token::Number(word)
                    }
                }
            };
            return Ok(Some((token, line)));
        }
    }
}

/// Parses `key value` pairs up to the end of input (depth 0) or the `]` closing the list.
fn parse_list<'a>(lexer: &mut Lexer<'a>, depth: usize) -> Result<Vec<Entry<'a>>> {
    if depth > MAX_DEPTH {
        return Err(lexer.error(format!("lists nested deeper than {MAX_DEPTH}")));
    }
    let mut entries = Vec::new();
    loop {
        let (key, line) = match lexer.next()? {
            None if depth == 0 => return Ok(entries),
            None => return Err(lexer.error("end of file inside a list: a `]` is missing")),
            Some((Token::Close, _)) if depth > 0 => return Ok(entries),
            Some((Token::Close, line)) => {
                return Err(parse_error(lexer.path, line, "`]` without a matching `[`"))
            }
            Some((Token::Key(key), line)) => (key, line),
            Some((_, line)) => return Err(parse_error(lexer.path, line, "expected a key")),
        };
        let value = match lexer.next()? {
            Some((Token::Number(n), line)) => number(n)
                .ok_or_else(|| parse_error(lexer.path, line, format!("`{n}` is not a number")))?,
            Some((Token::Str(s), _)) => Value::Str(xml::decode(s)),
            Some((Token::Open, _)) => Value::List(parse_list(lexer, depth + 1)?),
            // A bare word: `INF`/`NAN`, or an unquoted string some writers produce.
            Some((Token::Key(word), _)) => number(word).unwrap_or(Value::Str(Cow::Borrowed(word))),
            Some((Token::Close, _)) | None => {
                return Err(parse_error(
                    lexer.path,
                    line,
                    format!("key `{key}` has no value"),
                ))
            }
        };
        entries.push(Entry { key, value, line });
    }
}

fn number(text: &str) -> Option<Value<'static>> {
    if let Ok(i) = text.parse::<i64>() {
        return Some(Value::Int(i));
    }
    match text
        .trim_start_matches(['+', '-'])
        .to_ascii_uppercase()
        .as_str()
    {
        "INF" | "NAN" | "INFINITY" => numbers::parse_f64(text).map(Value::Float),
        _ if text.contains(|c: char| c.is_ascii_digit()) => {
            numbers::parse_f64(text).map(Value::Float)
        }
        _ => None,
    }
}

/// Writes GML that networkx's `read_gml(path, label="id")` reads back: node ids are the `id`
/// keys (integers when they are canonical integers, else strings), `directed 1` and
/// `multigraph 1` when they apply, booleans as 1/0, dotted attribute names as nested lists.
/// Attribute names are made into GML keys: characters other than ASCII letters, digits and `_`
/// become `_`, and a name not starting with a letter gets a `k` in front.
pub(crate) fn write(data: &GraphData) -> Result<String> {
    write_gml(data).map_err(|_| GraphError::Invalid("formatting GML failed".into()))
}

fn write_gml(data: &GraphData) -> std::result::Result<String, std::fmt::Error> {
    let mut out = String::with_capacity(64 + data.nodes.len() * 48 + data.edges.len() * 48);
    out.push_str("graph [\n");
    if data.directed {
        out.push_str("  directed 1\n");
    }
    if has_parallel_edges(data) {
        out.push_str("  multigraph 1\n");
    }
    let graph_attrs: Vec<_> = data
        .attrs
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "directed" | "multigraph" | "node" | "edge"))
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    write_attrs(&mut out, &graph_attrs, 1)?;
    let ids: Vec<String> = data.nodes.iter().map(|n| id_value(&n.id)).collect();
    for (node, id) in data.nodes.iter().zip(&ids) {
        writeln!(out, "  node [\n    id {id}")?;
        // `label` first, as every GML reader expects to see it there.
        let mut attrs: Vec<_> = node
            .attrs
            .get_key_value("label")
            .map(|(k, v)| (k.as_str(), v))
            .into_iter()
            .collect();
        attrs.extend(
            node.attrs
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "id" | "label"))
                .map(|(k, v)| (k.as_str(), v)),
        );
        write_attrs(&mut out, &attrs, 2)?;
        out.push_str("  ]\n");
    }
    for edge in &data.edges {
        writeln!(
            out,
            "  edge [\n    source {}\n    target {}",
            ids[edge.source], ids[edge.target]
        )?;
        // A weight the reader will find in `value` needs no `weight` key of its own.
        let weight_in_value =
            edge.weight.is_some() && edge.weight == numeric(edge.attrs.get("value"));
        if let (Some(w), false) = (edge.weight, weight_in_value) {
            writeln!(out, "    weight {}", numbers::gml_real(w))?;
        }
        let attrs: Vec<_> = edge
            .attrs
            .iter()
            .filter(|(k, _)| match k.as_str() {
                "source" | "target" => false,
                "weight" => edge.weight.is_none(),
                _ => true,
            })
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        write_attrs(&mut out, &attrs, 2)?;
        out.push_str("  ]\n");
    }
    out.push_str("]\n");
    Ok(out)
}

/// GML keys a networkx reader needs for a multigraph: any repeated node pair.
fn has_parallel_edges(data: &GraphData) -> bool {
    let mut pairs = FxHashSet::default();
    data.edges.iter().any(|e| {
        let pair = if data.directed || e.source <= e.target {
            (e.source, e.target)
        } else {
            (e.target, e.source)
        };
        !pairs.insert(pair)
    })
}

fn id_value(id: &str) -> String {
    match id.parse::<i64>() {
        Ok(i) if i.to_string() == id => id.to_string(),
        _ => quote(id),
    }
}

/// Writes sorted `(name, value)` pairs; names sharing a dotted prefix become a nested list.
fn write_attrs(out: &mut String, attrs: &[(&str, &AttrValue)], depth: usize) -> std::fmt::Result {
    let indent = "  ".repeat(depth);
    let mut i = 0;
    while i < attrs.len() {
        let (name, value) = attrs[i];
        match name.split_once('.') {
            Some((head, _)) if depth < MAX_DEPTH => {
                let group_end = attrs[i..]
                    .iter()
                    .position(|(n, _)| n.split_once('.').map(|(h, _)| h) != Some(head))
                    .map_or(attrs.len(), |p| i + p);
                let inner: Vec<_> = attrs[i..group_end]
                    .iter()
                    .filter_map(|(n, v)| n.split_once('.').map(|(_, rest)| (rest, *v)))
                    .collect();
                writeln!(out, "{indent}{} [", key(head))?;
                write_attrs(out, &inner, depth + 1)?;
                writeln!(out, "{indent}]")?;
                i = group_end;
            }
            _ => {
                writeln!(out, "{indent}{} {}", key(name), scalar(value))?;
                i += 1;
            }
        }
    }
    Ok(())
}

fn key(name: &str) -> Cow<'_, str> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        return Cow::Borrowed(name);
    }
    let mut key: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !key.starts_with(|c: char| c.is_ascii_alphabetic()) {
        key.insert(0, 'k');
    }
    Cow::Owned(key)
}

fn scalar(value: &AttrValue) -> String {
    match value {
        AttrValue::Int(i) => i.to_string(),
        AttrValue::Float(f) => numbers::gml_real(*f),
        AttrValue::Bool(b) => u8::from(*b).to_string(),
        AttrValue::Text(t) => quote(t),
    }
}

/// A GML string: `"`, `&` and anything outside printable ASCII as numeric references, which
/// is what networkx writes and decodes.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if (' '..='~').contains(&c) && c != '"' && c != '&' {
            out.push(c);
        } else {
            let _ = write!(out, "&#{};", u32::from(c));
        }
    }
    out.push('"');
    out
}
