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
    // Most big edge lists (SNAP, KONECT) use small integer ids: an array indexed by the id
    // beats hashing it by several times. The first other id switches to hashing, from the top.
    let dense = DenseIds {
        slots: Vec::new(),
        limit: (lines * 4).max(1 << 20),
    };
    match read_with(text, path, opts, lines, dense)? {
        Some(data) => Ok(data),
        None => read_with(text, path, opts, lines, HashedIds::default())?
            .ok_or_else(|| parse_error(path, 1, "cannot index node ids")),
    }
}

/// Node ids to indices, adding nodes as they come.
trait Interner<'a> {
    /// The index of `id`, or `None` when this interner cannot hold it.
    fn intern(&mut self, id: &'a str, nodes: &mut Vec<NodeData>) -> Option<usize>;
}

/// Canonical decimal ids (no sign, no leading zero) below `limit`, in an array.
struct DenseIds {
    /// `slots[id]` is the node index plus one; zero for ids not seen yet.
    slots: Vec<u32>,
    limit: usize,
}

impl<'a> Interner<'a> for DenseIds {
    fn intern(&mut self, id: &'a str, nodes: &mut Vec<NodeData>) -> Option<usize> {
        let bytes = id.as_bytes();
        if bytes.is_empty() || bytes.len() > 12 || (bytes[0] == b'0' && bytes.len() > 1) {
            return None;
        }
        let mut value = 0usize;
        for &b in bytes {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + usize::from(b - b'0');
        }
        if value >= self.limit {
            return None;
        }
        if value >= self.slots.len() {
            let grown = (value + 1).max(self.slots.len() * 2).min(self.limit);
            self.slots.resize(grown, 0);
        }
        match self.slots[value] {
            0 => {
                let index = nodes.len();
                self.slots[value] = u32::try_from(index + 1).ok()?;
                nodes.push(NodeData {
                    id: id.to_string(),
                    attrs: Default::default(),
                });
                Some(index)
            }
            slot => Some(slot as usize - 1),
        }
    }
}

/// Any ids, in a hash map borrowing them from the text: one allocation per node, none per token.
#[derive(Default)]
struct HashedIds<'a>(FxHashMap<&'a str, usize>);

impl<'a> Interner<'a> for HashedIds<'a> {
    fn intern(&mut self, id: &'a str, nodes: &mut Vec<NodeData>) -> Option<usize> {
        Some(*self.0.entry(id).or_insert_with(|| {
            nodes.push(NodeData {
                id: id.to_string(),
                attrs: Default::default(),
            });
            nodes.len() - 1
        }))
    }
}

/// Reads the edge list with `ids`; `Ok(None)` when `ids` cannot hold an id of the file.
fn read_with<'a>(
    text: &'a str,
    path: &str,
    opts: &ReadOptions,
    lines: usize,
    mut ids: impl Interner<'a>,
) -> Result<Option<GraphData>> {
    let mut edges: Vec<EdgeData> = Vec::with_capacity(lines);
    let mut nodes: Vec<NodeData> = Vec::new();
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
        let Some(source) = ids.intern(source, &mut nodes) else {
            return Ok(None);
        };
        let Some((target, _)) = second else {
            continue; // an isolated node
        };
        let Some(target) = ids.intern(target, &mut nodes) else {
            return Ok(None);
        };
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
    Ok(Some(GraphData {
        directed: opts.directed.unwrap_or(false),
        nodes,
        edges,
        attrs: Default::default(),
    }))
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
/// Weights are written for every edge when any edge has one (a missing weight as `1`). Nodes
/// that the edges would introduce out of order, or never (isolated), get lines of their own
/// just in time, so reading the file back gives the same nodes in the same order.
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
    // Reading numbers nodes in order of first appearance; `known` nodes have appeared so far.
    let mut known = 0;
    for e in &data.edges {
        let mut next = known;
        if in_order(e.source, &mut next) && in_order(e.target, &mut next) {
            known = next;
        } else {
            // This line would number its new nodes wrongly: give them lines of their own first.
            let last = e.source.max(e.target);
            for id in &ids[known..=last] {
                out.push_str(id);
                out.push('\n');
            }
            known = last + 1;
        }
        out.push_str(&ids[e.source]);
        out.push(' ');
        out.push_str(&ids[e.target]);
        if weighted {
            out.push(' ');
            out.push_str(&numbers::plain(e.weight.unwrap_or(1.0)));
        }
        out.push('\n');
    }
    for id in &ids[known..] {
        out.push_str(id);
        out.push('\n');
    }
    Ok(out)
}

/// Whether meeting node `u` now keeps the numbering: it has appeared, or is the `next` new one.
fn in_order(u: usize, next: &mut usize) -> bool {
    if u == *next {
        *next += 1;
    }
    u < *next
}

/// The id as a token: bare when that reads back the same (and cannot pass for a header), else
/// in double quotes.
fn quote_id(id: &str) -> Result<std::borrow::Cow<'_, str>> {
    let breaks = id.contains(['\n', '\r']);
    if !id.is_empty()
        && !breaks
        && !id.contains(is_separator)
        && !id.starts_with(['#', '%', '"'])
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
