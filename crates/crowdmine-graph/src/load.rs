//! The fast path for big edge lists of integer ids: the file straight to a CSR graph, parsed in
//! parallel chunks, without the per-edge `GraphData` records of the general reader.
//!
//! For the files it accepts it gives exactly the graph `Graph::from_data(&formats::read(…))`
//! gives: nodes in order of first appearance, labelled with their ids as written. It declines
//! (returns `None`, and the caller takes the general reader) on anything else: quoted tokens,
//! headers, single-token lines, ids that are not canonical integers, weights that do not parse.

use crate::{BuildOptions, Duplicates, Graph, GraphBuilder, GraphError, Result};
use rayon::prelude::*;
use std::path::Path;

/// An edge-list file of integer ids as a graph, or `None` when the general reader must decide.
/// A signed graph takes its signs from the third column (as the weights).
pub fn edge_list_graph(
    path: &Path,
    directed: bool,
    weighted: bool,
    signed: bool,
) -> Result<Option<Graph>> {
    let bytes = std::fs::read(path).map_err(|source| GraphError::Io {
        context: format!("reading {}", path.display()),
        source,
    })?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let chunks = split_lines(bytes, rayon::current_num_threads() * 8);
    let parsed: Vec<Option<Vec<(u64, u64, f64)>>> = chunks
        .par_iter()
        .map(|chunk| parse_chunk(chunk, weighted || signed))
        .collect();
    let mut edges_raw = Vec::with_capacity(parsed.iter().flatten().map(Vec::len).sum());
    for p in parsed {
        match p {
            Some(e) => edges_raw.extend(e),
            None => return Ok(None),
        }
    }
    // Node indices in order of first appearance (source, then target), as the general reader.
    let max_id = edges_raw.iter().map(|e| e.0.max(e.1)).max().unwrap_or(0);
    let limit = (edges_raw.len() as u64 * 8).max(1 << 20);
    let mut labels: Vec<String> = Vec::new();
    let mut edges: Vec<(u32, u32, f64)> = Vec::with_capacity(edges_raw.len());
    if max_id < limit {
        let mut slot = vec![u32::MAX; max_id as usize + 1];
        let mut index = |id: u64, labels: &mut Vec<String>| {
            let s = &mut slot[id as usize];
            if *s == u32::MAX {
                *s = labels.len() as u32;
                labels.push(id.to_string());
            }
            *s
        };
        for (u, v, w) in edges_raw {
            let a = index(u, &mut labels);
            let b = index(v, &mut labels);
            edges.push((a, b, w));
        }
    } else {
        let mut map: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
        let mut index = |id: u64, labels: &mut Vec<String>| {
            *map.entry(id).or_insert_with(|| {
                labels.push(id.to_string());
                labels.len() as u32 - 1
            })
        };
        for (u, v, w) in edges_raw {
            let a = index(u, &mut labels);
            let b = index(v, &mut labels);
            edges.push((a, b, w));
        }
    }
    if labels.len() >= u32::MAX as usize {
        return Ok(None);
    }
    let mut b = GraphBuilder::new(BuildOptions {
        directed,
        duplicates: Duplicates::Sum,
        self_loops: true,
        weighted,
        signed,
    });
    b.labels(labels);
    b.edges = edges;
    Ok(Some(b.build()))
}

/// About `parts` ranges of whole lines.
fn split_lines(bytes: &[u8], parts: usize) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(parts);
    let step = (bytes.len() / parts.max(1)).max(1 << 16);
    let mut start = 0;
    while start < bytes.len() {
        let mut end = (start + step).min(bytes.len());
        while end < bytes.len() && bytes[end - 1] != b'\n' {
            end += 1;
        }
        out.push(&bytes[start..end]);
        start = end;
    }
    out
}

/// A canonical non-negative integer (no sign, no leading zero), as the general reader's fast ids.
fn id(token: &[u8]) -> Option<u64> {
    if token.is_empty() || token.len() > 19 || (token.len() > 1 && token[0] == b'0') {
        return None;
    }
    let mut v = 0u64;
    for &c in token {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(c - b'0');
    }
    Some(v)
}

fn parse_chunk(chunk: &[u8], weighted: bool) -> Option<Vec<(u64, u64, f64)>> {
    let mut edges = Vec::with_capacity(chunk.len() / 12);
    for line in chunk.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let first = line.iter().position(|b| !matches!(b, b' ' | b'\t' | b','));
        let Some(first) = first else { continue };
        if matches!(line[first], b'#' | b'%') {
            continue;
        }
        if line.contains(&b'"') {
            return None;
        }
        let mut tokens = line
            .split(|b| matches!(b, b' ' | b'\t' | b','))
            .filter(|t| !t.is_empty());
        let u = id(tokens.next()?)?;
        let v = id(tokens.next()?)?;
        let w = if weighted {
            std::str::from_utf8(tokens.next()?)
                .ok()?
                .parse::<f64>()
                .ok()?
        } else {
            1.0
        };
        edges.push((u, v, w));
    }
    Some(edges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{read, ReadOptions};

    fn same_as_general(text: &str, directed: bool, weighted: bool) -> Option<bool> {
        let tmp = tempfile::tempdir().expect("tmp");
        let path = tmp.path().join("g.txt");
        std::fs::write(&path, text).expect("write");
        let fast = edge_list_graph(&path, directed, weighted, false).expect("fast")?;
        let data = read(
            &path,
            None,
            &ReadOptions {
                directed: Some(directed),
                weighted,
            },
        )
        .expect("read");
        let general = Graph::from_data(
            &data,
            BuildOptions {
                directed,
                ..BuildOptions::default()
            },
        )
        .expect("graph");
        Some(fast == general)
    }

    #[test]
    fn equals_the_general_reader_or_declines() {
        let text = "# comment\n5 3\n3 5\n\n5\t9\n9,9\n100 5 extra\r\n";
        assert_eq!(same_as_general(text, true, false), Some(true));
        assert_eq!(same_as_general(text, false, false), Some(true));
        assert_eq!(
            same_as_general("1 2 0.5\n2 3 2\n1 2 1\n", false, true),
            Some(true)
        );
        // Declined: a header, a quoted id, a leading zero, a single token.
        assert_eq!(same_as_general("source target\n1 2\n", false, false), None);
        assert_eq!(same_as_general("\"a b\" 2\n", false, false), None);
        assert_eq!(same_as_general("01 2\n", false, false), None);
        assert_eq!(same_as_general("1 2\n3\n", false, false), None);
    }
}
