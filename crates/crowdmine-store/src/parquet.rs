//! Parquet exports (cargo feature `parquet`): the export tables as typed columns — integers,
//! floats, text, and `created_at` as a UTC timestamp — in row groups of [`BATCH`] rows,
//! zstd-compressed, readable by DuckDB, pandas, polars and Spark.

use crate::queries::ExportKind;
use crate::{Corpus, Result, StoreError};
use arrow_array::{
    ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray, TimestampSecondArray,
};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use rusqlite::types::ValueRef;
use std::io::Write;
use std::sync::Arc;

const BATCH: usize = 65_536;

enum Column {
    Int(Vec<Option<i64>>),
    Real(Vec<Option<f64>>),
    Text(Vec<Option<String>>),
    Time(Vec<Option<i64>>),
}

impl Column {
    fn of(name: &str, decl: Option<&str>) -> Column {
        match (name, decl.map(str::to_ascii_uppercase).as_deref()) {
            ("created_at", _) => Column::Time(Vec::new()),
            // A compound query (interactions with ties) has no declared types.
            ("src" | "dst" | "post" | "collected", None) => Column::Int(Vec::new()),
            (_, Some("INTEGER")) => Column::Int(Vec::new()),
            (_, Some("REAL")) => Column::Real(Vec::new()),
            _ => Column::Text(Vec::new()),
        }
    }

    fn data_type(&self) -> DataType {
        match self {
            Column::Int(_) => DataType::Int64,
            Column::Real(_) => DataType::Float64,
            Column::Text(_) => DataType::Utf8,
            Column::Time(_) => DataType::Timestamp(TimeUnit::Second, Some("UTC".into())),
        }
    }

    fn push(&mut self, v: ValueRef<'_>) {
        match self {
            Column::Int(c) | Column::Time(c) => c.push(match v {
                ValueRef::Integer(i) => Some(i),
                ValueRef::Real(f) => Some(f as i64),
                _ => None,
            }),
            Column::Real(c) => c.push(match v {
                ValueRef::Real(f) => Some(f),
                ValueRef::Integer(i) => Some(i as f64),
                _ => None,
            }),
            Column::Text(c) => c.push(match v {
                ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Integer(i) => Some(i.to_string()),
                ValueRef::Real(f) => Some(f.to_string()),
                _ => None,
            }),
        }
    }

    /// The column's values as an Arrow array, leaving the column empty.
    fn take(&mut self) -> ArrayRef {
        match self {
            Column::Int(c) => Arc::new(Int64Array::from(std::mem::take(c))),
            Column::Real(c) => Arc::new(Float64Array::from(std::mem::take(c))),
            Column::Text(c) => Arc::new(StringArray::from(std::mem::take(c))),
            Column::Time(c) => {
                Arc::new(TimestampSecondArray::from(std::mem::take(c)).with_timezone("UTC"))
            }
        }
    }
}

fn parquet_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("cannot write Parquet: {e}"))
}

impl Corpus {
    /// Writes an export table as Parquet; returns the rows written. `since` and `until` (Unix
    /// seconds, until exclusive) select by post time.
    pub fn export_parquet<W: Write + Send>(
        &self,
        kind: ExportKind,
        since: Option<i64>,
        until: Option<i64>,
        out: W,
    ) -> Result<u64> {
        let mut st = self
            .conn
            .prepare(&Self::export_query(kind, str::to_string))?;
        let mut columns: Vec<Column> = st
            .columns()
            .iter()
            .map(|c| Column::of(c.name(), c.decl_type()))
            .collect();
        let fields: Vec<Field> = st
            .columns()
            .iter()
            .zip(&columns)
            .map(|(c, col)| Field::new(c.name(), col.data_type(), true))
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(
                ZstdLevel::try_new(3).map_err(parquet_error)?,
            ))
            .build();
        let mut writer =
            ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(parquet_error)?;
        let mut rows = st.query(rusqlite::params![since, until])?;
        let (mut n, mut in_batch) = (0u64, 0usize);
        let flush = |columns: &mut Vec<Column>, writer: &mut ArrowWriter<W>| -> Result<()> {
            let arrays: Vec<ArrayRef> = columns.iter_mut().map(Column::take).collect();
            let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(parquet_error)?;
            writer.write(&batch).map_err(parquet_error)
        };
        while let Some(r) = rows.next()? {
            for (i, c) in columns.iter_mut().enumerate() {
                c.push(r.get_ref(i)?);
            }
            n += 1;
            in_batch += 1;
            if in_batch == BATCH {
                flush(&mut columns, &mut writer)?;
                in_batch = 0;
            }
        }
        if in_batch > 0 {
            flush(&mut columns, &mut writer)?;
        }
        writer.close().map_err(parquet_error)?;
        Ok(n)
    }
}
