//! Buffered multi-row inserts: rows gathered while a record is applied are written with
//! statements of [`BATCH_ROWS`] rows, which costs several times less than one statement per row.

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params_from_iter, Connection};

const BATCH_ROWS: usize = 32;

/// `head` followed by `rows` groups of `cols` placeholders.
fn multi_row_sql(head: &str, cols: usize, rows: usize) -> String {
    let group = format!("({})", vec!["?"; cols].join(", "));
    format!("{head}{}", vec![group; rows].join(", "))
}

pub struct Rows {
    cols: usize,
    full: String,
    one: String,
    values: Vec<Cell>,
}

/// A value to bind: owned, or a static string (kinds, platforms) that costs no allocation.
pub type Cell = ToSqlOutput<'static>;

/// An owned value to bind.
pub fn cell(v: impl Into<Value>) -> Cell {
    ToSqlOutput::Owned(v.into())
}

/// A static string to bind.
pub fn name(s: &'static str) -> Cell {
    ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
}

impl Rows {
    /// `head` is the statement up to `VALUES ` (e.g. `INSERT INTO t (a, b) VALUES `).
    pub fn new(head: &str, cols: usize) -> Rows {
        Rows::with_tail(head, cols, "")
    }

    /// Like [`Rows::new`], with `tail` after the values (an `ON CONFLICT` clause).
    pub fn with_tail(head: &str, cols: usize, tail: &str) -> Rows {
        Rows {
            cols,
            full: multi_row_sql(head, cols, BATCH_ROWS) + tail,
            one: multi_row_sql(head, cols, 1) + tail,
            values: Vec::new(),
        }
    }

    pub fn push<const N: usize>(&mut self, row: [Cell; N]) {
        debug_assert_eq!(N, self.cols);
        self.values.extend(row);
    }

    /// Rows waiting.
    pub fn len(&self) -> usize {
        self.values.len() / self.cols
    }

    /// Writes the buffered rows, in order (so a later row for the same key wins, as it would
    /// one statement at a time).
    pub fn flush(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let mut chunks = self.values.chunks_exact(self.cols * BATCH_ROWS);
        for chunk in chunks.by_ref() {
            conn.prepare_cached(&self.full)?
                .execute(params_from_iter(chunk))?;
        }
        for row in chunks.remainder().chunks(self.cols) {
            conn.prepare_cached(&self.one)?
                .execute(params_from_iter(row))?;
        }
        self.values.clear();
        Ok(())
    }
}
