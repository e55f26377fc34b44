//! Node and edge tables as Parquet (cargo feature `parquet`): `BASE.nodes.parquet` (`id`, then one
//! typed column per node attribute) and `BASE.edges.parquet` (`source`, `target`, `weight`, then
//! the edge attributes), zstd-compressed, for DuckDB, pandas, polars and Spark. A column's type is
//! its values' (integer, float, boolean, text); a column mixing types is text, and integers mixed
//! with floats are floats.

use crate::graph::{AttrValue, Attrs, GraphData};
use crate::StoreError;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("Parquet: {e}"))
}

/// The two files of a table pair: `x.parquet`, `x.nodes.parquet` or `x.edges.parquet` name base x.
pub fn paths(path: &Path) -> (PathBuf, PathBuf) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let base = [".nodes.parquet", ".edges.parquet", ".parquet"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(&name)
        .to_string();
    (
        path.with_file_name(format!("{base}.nodes.parquet")),
        path.with_file_name(format!("{base}.edges.parquet")),
    )
}

/// One column from optional values, typed by what they hold.
fn column(values: &[Option<&AttrValue>]) -> (DataType, ArrayRef) {
    let kinds: BTreeSet<u8> = values
        .iter()
        .flatten()
        .map(|v| match v {
            AttrValue::Int(_) => 0,
            AttrValue::Float(_) => 1,
            AttrValue::Bool(_) => 2,
            AttrValue::Text(_) => 3,
        })
        .collect();
    let all = |k: &[u8]| kinds.iter().all(|x| k.contains(x));
    if !kinds.is_empty() && all(&[0]) {
        let a: Int64Array = values
            .iter()
            .map(|v| match v {
                Some(AttrValue::Int(i)) => Some(*i),
                _ => None,
            })
            .collect();
        (DataType::Int64, Arc::new(a))
    } else if !kinds.is_empty() && all(&[0, 1]) {
        let a: Float64Array = values
            .iter()
            .map(|v| v.and_then(AttrValue::as_f64))
            .collect();
        (DataType::Float64, Arc::new(a))
    } else if !kinds.is_empty() && all(&[2]) {
        let a: BooleanArray = values
            .iter()
            .map(|v| match v {
                Some(AttrValue::Bool(b)) => Some(*b),
                _ => None,
            })
            .collect();
        (DataType::Boolean, Arc::new(a))
    } else {
        let a: StringArray = values.iter().map(|v| v.map(AttrValue::to_text)).collect();
        (DataType::Utf8, Arc::new(a))
    }
}

fn write_batch(path: &Path, fields: Vec<Field>, arrays: Vec<ArrayRef>) -> Result<(), StoreError> {
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(err)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).map_err(err)?))
        .build();
    let file = std::fs::File::create(path).map_err(|source| StoreError::Io {
        context: format!("cannot create {}", path.display()),
        source,
    })?;
    let mut w = ArrowWriter::try_new(file, schema, Some(props)).map_err(err)?;
    w.write(&batch).map_err(err)?;
    w.close().map_err(err)?;
    Ok(())
}

/// Writes the node and edge tables of `data` next to `path`.
pub fn write_tables(data: &GraphData, path: &Path) -> Result<(PathBuf, PathBuf), StoreError> {
    let (nodes_path, edges_path) = paths(path);
    let node_cols: BTreeSet<&String> = data.nodes.iter().flat_map(|n| n.attrs.keys()).collect();
    let mut fields = vec![Field::new("id", DataType::Utf8, false)];
    let ids: StringArray = data.nodes.iter().map(|n| Some(n.id.as_str())).collect();
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(ids)];
    for c in &node_cols {
        let values: Vec<Option<&AttrValue>> = data.nodes.iter().map(|n| n.attrs.get(*c)).collect();
        let (t, a) = column(&values);
        fields.push(Field::new(c.as_str(), t, true));
        arrays.push(a);
    }
    write_batch(&nodes_path, fields, arrays)?;
    let edge_cols: BTreeSet<&String> = data.edges.iter().flat_map(|e| e.attrs.keys()).collect();
    let src: StringArray = data
        .edges
        .iter()
        .map(|e| Some(data.nodes[e.source].id.as_str()))
        .collect();
    let dst: StringArray = data
        .edges
        .iter()
        .map(|e| Some(data.nodes[e.target].id.as_str()))
        .collect();
    let weight: Float64Array = data.edges.iter().map(|e| e.weight).collect();
    let mut fields = vec![
        Field::new("source", DataType::Utf8, false),
        Field::new("target", DataType::Utf8, false),
        Field::new("weight", DataType::Float64, true),
    ];
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(src), Arc::new(dst), Arc::new(weight)];
    for c in &edge_cols {
        let values: Vec<Option<&AttrValue>> = data.edges.iter().map(|e| e.attrs.get(*c)).collect();
        let (t, a) = column(&values);
        fields.push(Field::new(c.as_str(), t, true));
        arrays.push(a);
    }
    write_batch(&edges_path, fields, arrays)?;
    Ok((nodes_path, edges_path))
}

fn read_batches(path: &Path) -> Result<Vec<RecordBatch>, StoreError> {
    let file = std::fs::File::open(path).map_err(|source| StoreError::Io {
        context: format!("cannot open {}", path.display()),
        source,
    })?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(err)?
        .build()
        .map_err(err)?;
    reader.collect::<Result<Vec<_>, _>>().map_err(err)
}

/// The value of row `i` of a column, if set.
fn value(col: &dyn Array, i: usize) -> Option<AttrValue> {
    if col.is_null(i) {
        return None;
    }
    let any = col.as_any();
    if let Some(a) = any.downcast_ref::<Int64Array>() {
        Some(AttrValue::Int(a.value(i)))
    } else if let Some(a) = any.downcast_ref::<Float64Array>() {
        Some(AttrValue::Float(a.value(i)))
    } else if let Some(a) = any.downcast_ref::<BooleanArray>() {
        Some(AttrValue::Bool(a.value(i)))
    } else {
        any.downcast_ref::<StringArray>()
            .map(|a| AttrValue::Text(a.value(i).to_string()))
    }
}

/// Reads node and edge tables written by [`write_tables`] (or alike); undirected unless told.
pub fn read_tables(path: &Path, directed: bool) -> Result<GraphData, StoreError> {
    let (nodes_path, edges_path) = paths(path);
    let mut data = GraphData {
        directed,
        ..GraphData::default()
    };
    let mut index = rustc_hash::FxHashMap::default();
    let text = |v: Option<AttrValue>| v.map(|v| v.to_text()).unwrap_or_default();
    if nodes_path.is_file() {
        for batch in read_batches(&nodes_path)? {
            let schema = batch.schema();
            for i in 0..batch.num_rows() {
                let id = text(value(batch.column(0).as_ref(), i));
                let k = data.node_index(&id, &mut index);
                let mut attrs = Attrs::new();
                for (c, field) in schema.fields().iter().enumerate().skip(1) {
                    if let Some(v) = value(batch.column(c).as_ref(), i) {
                        attrs.insert(field.name().clone(), v);
                    }
                }
                data.nodes[k].attrs = attrs;
            }
        }
    }
    for batch in read_batches(&edges_path)? {
        let schema = batch.schema();
        let weight_col = schema.index_of("weight").ok();
        for i in 0..batch.num_rows() {
            let s = text(value(batch.column(0).as_ref(), i));
            let t = text(value(batch.column(1).as_ref(), i));
            let source = data.node_index(&s, &mut index);
            let target = data.node_index(&t, &mut index);
            let weight = weight_col
                .and_then(|c| value(batch.column(c).as_ref(), i))
                .and_then(|v| v.as_f64());
            let mut attrs = Attrs::new();
            for (c, field) in schema.fields().iter().enumerate().skip(2) {
                if Some(c) != weight_col {
                    if let Some(v) = value(batch.column(c).as_ref(), i) {
                        attrs.insert(field.name().clone(), v);
                    }
                }
            }
            data.edges.push(crate::graph::EdgeData {
                source,
                target,
                weight,
                attrs,
            });
        }
    }
    Ok(data)
}
