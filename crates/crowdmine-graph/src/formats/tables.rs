//! Node and edge tables as two CSV files, `BASE.nodes.csv` (`id`, then one column per node
//! attribute) and `BASE.edges.csv` (`source`, `target`, `weight` when weighted, then one column per
//! edge attribute), for spreadsheets, pandas and Gephi's spreadsheet import. Reading types each
//! cell: integer, float, `true`/`false`, else text; an empty cell is a missing attribute. The
//! graph is undirected unless told (CSV cannot say).

use crate::{AttrValue, Attrs, EdgeData, GraphData, GraphError, NodeData, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The two files of a table pair: `x.csv`, `x.nodes.csv` or `x.edges.csv` all name base `x`.
pub fn paths(path: &Path) -> (PathBuf, PathBuf) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let base = [".nodes.csv", ".edges.csv", ".csv"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(&name)
        .to_string();
    (
        path.with_file_name(format!("{base}.nodes.csv")),
        path.with_file_name(format!("{base}.edges.csv")),
    )
}

fn io(context: String) -> impl FnOnce(std::io::Error) -> GraphError {
    move |source| GraphError::Io { context, source }
}

fn cell(v: Option<&AttrValue>) -> String {
    match v {
        None => String::new(),
        Some(AttrValue::Float(f)) => format!("{f:?}"),
        Some(other) => other.to_text(),
    }
}

fn typed(s: &str) -> Option<AttrValue> {
    if s.is_empty() {
        return None;
    }
    Some(if let Ok(i) = s.parse::<i64>() {
        AttrValue::Int(i)
    } else if let Ok(f) = s.parse::<f64>() {
        AttrValue::Float(f)
    } else if s == "true" || s == "false" {
        AttrValue::Bool(s == "true")
    } else {
        AttrValue::Text(s.to_string())
    })
}

pub fn write(data: &GraphData, path: &Path) -> Result<()> {
    let (nodes_path, edges_path) = paths(path);
    let node_cols: BTreeSet<&String> = data.nodes.iter().flat_map(|n| n.attrs.keys()).collect();
    let edge_cols: BTreeSet<&String> = data.edges.iter().flat_map(|e| e.attrs.keys()).collect();
    let weighted = data.edges.iter().any(|e| e.weight.is_some());
    let csv_err = |p: &Path| {
        let shown = p.display().to_string();
        move |e: csv::Error| GraphError::Invalid(format!("writing {shown}: {e}"))
    };
    let mut w = csv::Writer::from_path(&nodes_path).map_err(csv_err(&nodes_path))?;
    let mut header = vec!["id".to_string()];
    header.extend(node_cols.iter().map(|c| c.to_string()));
    w.write_record(&header).map_err(csv_err(&nodes_path))?;
    for n in &data.nodes {
        let mut row = vec![n.id.clone()];
        row.extend(node_cols.iter().map(|c| cell(n.attrs.get(*c))));
        w.write_record(&row).map_err(csv_err(&nodes_path))?;
    }
    w.flush()
        .map_err(io(format!("writing {}", nodes_path.display())))?;
    let mut w = csv::Writer::from_path(&edges_path).map_err(csv_err(&edges_path))?;
    let mut header = vec!["source".to_string(), "target".to_string()];
    if weighted {
        header.push("weight".into());
    }
    header.extend(edge_cols.iter().map(|c| c.to_string()));
    w.write_record(&header).map_err(csv_err(&edges_path))?;
    for e in &data.edges {
        let mut row = vec![
            data.nodes[e.source].id.clone(),
            data.nodes[e.target].id.clone(),
        ];
        if weighted {
            row.push(format!("{:?}", e.weight.unwrap_or(1.0)));
        }
        row.extend(edge_cols.iter().map(|c| cell(e.attrs.get(*c))));
        w.write_record(&row).map_err(csv_err(&edges_path))?;
    }
    w.flush()
        .map_err(io(format!("writing {}", edges_path.display())))?;
    Ok(())
}

pub fn read(path: &Path, directed: bool) -> Result<GraphData> {
    let (nodes_path, edges_path) = paths(path);
    let mut data = GraphData {
        directed,
        ..GraphData::default()
    };
    let mut index = rustc_hash::FxHashMap::default();
    let parse = |p: &Path, line: u64, e: String| GraphError::Parse {
        path: p.display().to_string(),
        line,
        message: e,
    };
    if nodes_path.is_file() {
        let mut r = csv::Reader::from_path(&nodes_path)
            .map_err(|e| parse(&nodes_path, 1, e.to_string()))?;
        let header: Vec<String> = r
            .headers()
            .map_err(|e| parse(&nodes_path, 1, e.to_string()))?
            .iter()
            .map(str::to_string)
            .collect();
        for rec in r.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                parse(&nodes_path, line, e.to_string())
            })?;
            let id = rec.get(0).unwrap_or_default().to_string();
            let i = data.node_index(&id, &mut index);
            let mut attrs = Attrs::new();
            for (name, value) in header.iter().zip(rec.iter()).skip(1) {
                if let Some(v) = typed(value) {
                    attrs.insert(name.clone(), v);
                }
            }
            data.nodes[i] = NodeData { id, attrs };
        }
    }
    let mut r =
        csv::Reader::from_path(&edges_path).map_err(|e| parse(&edges_path, 1, e.to_string()))?;
    let header: Vec<String> = r
        .headers()
        .map_err(|e| parse(&edges_path, 1, e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    let weight_col = header.iter().position(|h| h == "weight");
    for rec in r.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            parse(&edges_path, line, e.to_string())
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let (Some(s), Some(t)) = (rec.get(0), rec.get(1)) else {
            return Err(parse(
                &edges_path,
                line,
                "an edge needs a source and a target".into(),
            ));
        };
        let source = data.node_index(s, &mut index);
        let target = data.node_index(t, &mut index);
        let weight =
            match weight_col
                .and_then(|c| rec.get(c))
                .filter(|w| !w.is_empty())
            {
                Some(w) => Some(w.parse::<f64>().map_err(|_| {
                    parse(&edges_path, line, format!("weight {w:?} is not a number"))
                })?),
                None => None,
            };
        let mut attrs = Attrs::new();
        for (i, (name, value)) in header.iter().zip(rec.iter()).enumerate().skip(2) {
            if Some(i) != weight_col {
                if let Some(v) = typed(value) {
                    attrs.insert(name.clone(), v);
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_round_trip() {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut d = GraphData::default();
        let mut index = rustc_hash::FxHashMap::default();
        let a = d.node_index("a", &mut index);
        let b = d.node_index("b,\"quoted\"", &mut index);
        d.node_index("lonely", &mut index);
        d.nodes[a]
            .attrs
            .insert("community".into(), AttrValue::Int(3));
        d.nodes[b]
            .attrs
            .insert("label".into(), AttrValue::Text("Bee".into()));
        d.nodes[b]
            .attrs
            .insert("pagerank".into(), AttrValue::Float(0.25));
        d.edges.push(EdgeData {
            source: a,
            target: b,
            weight: Some(2.5),
            attrs: Attrs::new(),
        });
        let path = tmp.path().join("g.csv");
        write(&d, &path).expect("write");
        assert!(tmp.path().join("g.nodes.csv").is_file());
        let back = read(&tmp.path().join("g.edges.csv"), false).expect("read");
        assert_eq!(back, d);
    }
}
