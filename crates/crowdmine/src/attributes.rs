//! Account attributes from CSV: one row per account, keyed by its platform id, with typed
//! columns (categorical, numeric, boolean) — a political leaning, a bot label, a follower
//! estimate — stored with the accounts for assortativity, homophily and evaluation.
//!
//! Kinds are inferred per column unless given: boolean when every value is one of
//! true/false/yes/no/t/f/1/0, numeric when every value is a number, categorical otherwise.
//! Empty cells are missing values. An account the corpus does not know yet is created with its
//! id alone (a later ingest fills it in). A row without an id, or with a value that does not fit
//! a kind given by the user, is rejected with its line. The import is one transaction, recorded
//! in the ledger like an ingested file; importing a file again sets its values again, with fresh
//! counts (values of rows it no longer has stay).

use crowdmine_ingest::delimited::CsvRows;
use crowdmine_ingest::records::Item;
use crowdmine_ingest::source;
use crowdmine_model::Platform;
use crowdmine_store::{Cell as SqlValue, Corpus, FileStatus, RecordSource, StoreError};
use serde_json::Value;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributeKind {
    Categorical,
    Numeric,
    Boolean,
}

impl AttributeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeKind::Categorical => "categorical",
            AttributeKind::Numeric => "numeric",
            AttributeKind::Boolean => "boolean",
        }
    }

    pub fn parse(s: &str) -> Option<AttributeKind> {
        match s {
            "categorical" | "category" | "text" => Some(AttributeKind::Categorical),
            "numeric" | "number" => Some(AttributeKind::Numeric),
            "boolean" | "bool" => Some(AttributeKind::Boolean),
            _ => None,
        }
    }

    /// The stored value of a cell of this kind, or `None` when it does not fit.
    fn value(self, s: &str) -> Option<SqlValue> {
        match self {
            AttributeKind::Categorical => Some(SqlValue::Text(s.to_string())),
            AttributeKind::Numeric => s
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(SqlValue::Real),
            AttributeKind::Boolean => match s.to_ascii_lowercase().as_str() {
                "true" | "yes" | "t" | "y" | "1" => Some(SqlValue::Int(1)),
                "false" | "no" | "f" | "n" | "0" => Some(SqlValue::Int(0)),
                _ => None,
            },
        }
    }
}

#[derive(Debug, Clone)]
pub struct AttributeOptions {
    pub platform: Platform,
    /// The column holding the account id (default: the first of id, account_id, user_id,
    /// author_id, native_id, or else the first column).
    pub id_column: Option<String>,
    /// Kinds given by the user, by column; other columns are inferred.
    pub kinds: Vec<(String, AttributeKind)>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct AttributeReport {
    pub id_column: String,
    pub columns: Vec<(String, AttributeKind)>,
    pub rows: u64,
    pub accounts: u64,
    /// Rejected rows: (line, reason).
    pub rejected: Vec<(u64, String)>,
}

const ID_COLUMNS: &[&str] = &["id", "account_id", "user_id", "author_id", "native_id"];

fn invalid(msg: String) -> StoreError {
    StoreError::Invalid(msg)
}

/// Imports the account attributes of a CSV (or TSV; plain, .gz or .zst) into the corpus.
pub fn import_attributes(
    corpus: &mut Corpus,
    path: &Path,
    opts: &AttributeOptions,
) -> Result<AttributeReport, StoreError> {
    let opened = source::open(path).map_err(|e| invalid(e.to_string()))?;
    let (size, mtime) = (opened.size, opened.mtime);
    let rows =
        CsvRows::new(opened.reader).map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    let header = rows.header().to_vec();
    let id_column = match &opts.id_column {
        Some(c) if header.contains(c) => c.clone(),
        Some(c) => {
            return Err(invalid(format!(
                "{}: no column {c}; its columns are: {}",
                path.display(),
                header.join(", ")
            )))
        }
        None => ID_COLUMNS
            .iter()
            .find(|c| header.iter().any(|h| h == *c))
            .map(|c| c.to_string())
            .or_else(|| header.first().cloned())
            .ok_or_else(|| invalid(format!("{}: no columns", path.display())))?,
    };
    for (c, _) in &opts.kinds {
        if !header.contains(c) {
            return Err(invalid(format!(
                "--type {c}: no such column; the columns are: {}",
                header.join(", ")
            )));
        }
    }
    let mut report = AttributeReport {
        id_column: id_column.clone(),
        ..AttributeReport::default()
    };
    // Attribute files hold one row per account: small enough to read whole, which lets the
    // kinds be inferred before anything is written.
    let mut good: Vec<(u64, u64, serde_json::Map<String, Value>)> = Vec::new();
    let mut bad: Vec<(u64, u64, String, Vec<u8>)> = Vec::new();
    for item in rows {
        match item {
            Item::Record {
                ordinal,
                line,
                bytes,
            } => match serde_json::from_slice::<Value>(&bytes) {
                Ok(Value::Object(map)) => good.push((ordinal, line, map)),
                _ => bad.push((ordinal, line, "malformed row".into(), bytes)),
            },
            Item::Bad {
                ordinal,
                line,
                reason,
                head,
            } => bad.push((ordinal, line, reason, head)),
        }
    }
    let cell = |row: &serde_json::Map<String, Value>, c: &str| {
        row.get(c)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    for c in header.iter().filter(|c| **c != id_column) {
        let kind = match opts.kinds.iter().find(|(k, _)| k == c) {
            Some((_, kind)) => *kind,
            None => {
                let values: Vec<String> = good.iter().filter_map(|(_, _, r)| cell(r, c)).collect();
                let all = |k: AttributeKind| values.iter().all(|v| k.value(v).is_some());
                if values.is_empty() {
                    AttributeKind::Categorical
                } else if all(AttributeKind::Boolean) {
                    AttributeKind::Boolean
                } else if all(AttributeKind::Numeric) {
                    AttributeKind::Numeric
                } else {
                    AttributeKind::Categorical
                }
            }
        };
        report.columns.push((c.clone(), kind));
    }
    let key = std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string();
    let mut writer = corpus.writer(false, None)?;
    let state = writer.begin_file(&key, size, mtime)?;
    if state.records_done > 0 {
        // Imported before (perhaps with other kinds): import again, with fresh counts.
        writer.restart_file(state.id, size, mtime)?;
    }
    for (name, kind) in &report.columns {
        writer.declare_attribute(name, kind.as_str(), &key)?;
    }
    let mut accounts = std::collections::HashSet::new();
    let mut records = 0;
    for (ordinal, line, row) in good {
        records = records.max(ordinal + 1);
        let src = RecordSource {
            platform: opts.platform,
            file: state.id,
            line,
            retrieved_at: None,
        };
        let Some(id) = cell(&row, &id_column) else {
            let reason = format!("a row without an account id (column {id_column})");
            writer.reject(state.id, ordinal, line, &reason, &[])?;
            report.rejected.push((line, reason));
            continue;
        };
        let mut values = Vec::new();
        let mut misfit = None;
        for (name, kind) in &report.columns {
            if let Some(s) = cell(&row, name) {
                match kind.value(&s) {
                    Some(v) => values.push((name, v)),
                    None => {
                        misfit = Some(format!("'{s}' in column {name} is not {}", kind.as_str()))
                    }
                }
            }
        }
        if let Some(reason) = misfit {
            writer.reject(state.id, ordinal, line, &reason, &[])?;
            report.rejected.push((line, reason));
            continue;
        }
        let mut set = false;
        for (name, v) in values {
            set |= writer.set_attribute(src, &id, name, v)?;
        }
        if set {
            accounts.insert(id);
        }
        writer.count_accepted();
        report.rows += 1;
    }
    for (ordinal, line, reason, head) in bad {
        records = records.max(ordinal + 1);
        writer.reject(state.id, ordinal, line, &reason, &head)?;
        report.rejected.push((line, reason));
    }
    report.accounts = accounts.len() as u64;
    writer.finish_file(
        state.id,
        records,
        FileStatus::Done,
        Some("attributes"),
        opened_compression(path),
        "",
        None,
    )?;
    Ok(report)
}

fn opened_compression(path: &Path) -> &'static str {
    let name = path.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".gz") {
        "gzip"
    } else if name.ends_with(".zst") {
        "zstd"
    } else {
        "none"
    }
}
