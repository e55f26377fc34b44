//! Edge lists: one `source target [weight]` per line, the lingua franca of SNAP, KONECT and
//! CSV exports.
//!
//! Reading rules, kept simple so they are easy to predict:
//! - tokens are separated by any run of spaces, tabs and commas; a token may be wrapped in
//!   double quotes (no escapes inside), which is how ids with separators or a leading `#` are
//!   written;
//! - blank lines and lines whose first character is `#` or `%` are comments;
//! - the first non-comment line is a header, and skipped, when its first two tokens are common
//!   column names (`source target`, `src dst`, `from to`, `u v`, …) or, when reading weights,
//!   when its third token is not a number;
//! - ids are kept as written, so `007` and `7` are different nodes; a line with a single token
//!   adds an isolated node; columns past the ones asked for are ignored.

use rustc_hash::FxHashMap;

use crate::{EdgeData, GraphData, GraphError, NodeData, Result};

use super::{numbers, parse_error, ReadOptions};

/// Column names that mark a header line when they are its first two tokens.
const HEADER_NAMES: &[&str] = &[
    "source",
    "target",
    "src",
    "dst",
    "from",
    "to",
    "u",
    "v",
    "node1",
    "node2",
    "id1",
    "id2",
    "source_id",
    "target_id",
    "sender",
    "receiver",
    "head",
    "tail",
];

pub(crate) fn read(text: &str, path: &str, opts: &ReadOptions) -> Result<GraphData> {
    // One pass to size the edge vector saves the copies of repeated doubling on big files.
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut edges: Vec<EdgeData> = Vec::with_capacity(lines);
    let mut nodes: Vec<NodeData> = Vec::new();
    // Ids borrow from `text`: one allocation per node, none per token.
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut seen_data = false;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.trim_matches(|c| c == ' ' || c == '\t' || c == '\r');
        if line.is_empty() || line.starts_with('#') || line.starts_with('%') {
            continue;
        }
        let line_no = i as u64 + 1;
        let mut rest = line;
        let first = next_token(&mut rest, path, line_no)?;
        let second = next_token(&mut rest, path, line_no)?;
        let third = next_token(&mut rest, path, line_no)?;
        if !seen_data {
            seen_data = true;
            if is_header(first, second, third, opts.weighted) {
                continue;
            }
        }
        let Some((source, _)) = first else {
            continue; // only separators on the line
        };
        let source = intern(source, &mut index, &mut nodes);
        let Some((target, _)) = second else {
            continue; // an isolated node
        };
        let target = intern(target, &mut index, &mut nodes);
        let weight = match third {
            Some((w, _)) if opts.weighted => Some(numbers::parse_f64(w).ok_or_else(|| {
                parse_error(path, line_no, format!("weight `{w}` is not a number"))
            })?),
            _ => None,
        };
        edges.push(EdgeData {
            source,
            target,
            weight,
            attrs: Default::default(),
        });
    }
    edges.shrink_to_fit();
    Ok(GraphData {
        directed: opts.directed.unwrap_or(false),
        nodes,
        edges,
        attrs: Default::default(),
    })
}

/// The index of node `id`, added when new.
fn intern<'a>(id: &'a str, index: &mut FxHashMap<&'a str, usize>, nodes: &mut Vec<NodeData>) -> usize {
    *index.entry(id).or_insert_with(|| {
        nodes.push(NodeData {
            id: id.to_string(),
            attrs: Default::default(),
        });
        nodes.len() - 1
    })
}

fn is_separator(c: char) -> bool {
    c == ' ' || c == '\t' || c == ','
}

/// The next token of `rest` and whether it was quoted, advancing `rest` past it.
fn next_token<'a>(rest: &mut &'a str, path: &str, line: u64) -> Result<Option<(&'a str, bool)>> {
    let s = rest.trim_start_matches(is_separator);
    if s.is_empty() {
        *rest = s;
        return Ok(None);
    }
    if let Some(quoted) = s.strip_prefix('"') {
        let end = quoted
            .find('"')
            .ok_or_else(|| parse_error(path, line, "unterminated quoted id"))?;
        *rest = &quoted[end + 1..];
        return Ok(Some((&quoted[..end], true)));
    }
    let end = s.find(is_separator).unwrap_or(s.len());
    *rest = &s[end..];
    Ok(Some((&s[..end], false)))
}

type Token<'a> = Option<(&'a str, bool)>;

/// Quoted tokens are ids, never column names: that is how the writer escapes an id `source`.
fn is_header(first: Token, second: Token, third: Token, weighted: bool) -> bool {
    let named = |t: Token| t.is_some_and(|(t, quoted)| !quoted && is_column_name(t));
    (named(first) && named(second))
        || (weighted && third.is_some_and(|(w, _)| numbers::parse_f64(w).is_none()))
}

fn is_column_name(token: &str) -> bool {
    HEADER_NAMES.iter().any(|n| n.eq_ignore_ascii_case(token))
}

/// Writes `source target [weight]` lines, with a `#` comment naming the columns.
///
/// Weights are written for every edge when any edge has one (a missing weight as `1`). A
/// node that would otherwise be met out of order, or never (isolated), gets a line of its
/// own just in time, so reading the file back gives the same node order.
pub(crate) fn write(data: &GraphData) -> Result<String> {
    let weighted = data.edges.iter().any(|e| e.weight.is_some());
    let ids = data
        .nodes
        .iter()
        .map(|n| quote_id(&n.id))
        .collect::<Result<Vec<_>>>()?;
    let mut out = String::with_capacity(data.edges.len() * 16 + 32);
    out.push_str(if weighted {
        "# source target weight\n"
    } else {
        "# source target\n"
    });
    let mut seen = vec![false; ids.len()];
    let mut next = 0; // every node before `next` has been written
    let mut introduce = |u: usize, out: &mut String, seen: &mut Vec<bool>| {
        if seen[u] {
            return;
        }
        while next < u {
            if !seen[next] {
                seen[next] = true;
                out.push_str(&ids[next]);
                out.push('\n');
            }
            next += 1;
        }
        seen[u] = true;
    };
    for e in &data.edges {
        introduce(e.source, &mut out, &mut seen);
        introduce(e.target, &mut out, &mut seen);
        out.push_str(&ids[e.source]);
        out.push(' ');
        out.push_str(&ids[e.target]);
        if weighted {
            out.push(' ');
            out.push_str(&numbers::plain(e.weight.unwrap_or(1.0)));
        }
        out.push('\n');
    }
    for (id, seen) in ids.iter().zip(&seen) {
        if !seen {
            out.push_str(id);
            out.push('\n');
        }
    }
    Ok(out)
}

/// The id as a token: bare when that reads back the same (and cannot pass for a header), else
/// in double quotes.
fn quote_id(id: &str) -> Result<std::borrow::Cow<'_, str>> {
    let breaks = id.contains(['\n', '\r']);
    if !id.is_empty() && !breaks && !id.contains(is_separator) && !id.starts_with(['#', '%', '"'])
        && !is_column_name(id)
    {
        Ok(id.into())
    } else if !breaks && !id.contains('"') {
        Ok(format!("\"{id}\"").into())
    } else {
        Err(GraphError::Invalid(format!(
            "node id {id:?} cannot be written in an edge list: it needs quotes but holds a quote \
             or a line break"
        )))
    }
}
