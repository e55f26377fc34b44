//! Raw JSON of posts and accounts: zstd-compressed, one blob per object so that erasure can
//! reach it, with a dictionary trained on the corpus's first records (small JSON objects
//! compress several times better, and faster, with one).

use crate::{Corpus, Result, StoreError};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

/// Which object a raw blob belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawKind {
    Post,
    Account,
}

impl Corpus {
    /// The newest raw-JSON dictionary of the corpus: (id, bytes).
    pub fn raw_dictionary(&self) -> Result<Option<(u32, Vec<u8>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, dict FROM raw_dicts ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Stores a new raw-JSON dictionary and returns its id (committed at once, before any data
    /// compressed with it).
    pub fn save_raw_dictionary(&mut self, dict: &[u8]) -> Result<u32> {
        self.conn
            .execute("INSERT INTO raw_dicts (dict) VALUES (?1)", params![dict])?;
        Ok(self.conn.last_insert_rowid() as u32)
    }

    /// The raw JSON of a post or account (by dense id), decompressed.
    pub fn raw_json(&self, kind: RawKind, id: u32) -> Result<Option<Vec<u8>>> {
        let sql = match kind {
            RawKind::Post => "SELECT dict, json FROM raw_posts WHERE post = ?1",
            RawKind::Account => "SELECT dict, json FROM raw_accounts WHERE account = ?1",
        };
        let row: Option<(Option<u32>, Vec<u8>)> = self
            .conn
            .query_row(sql, [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match row {
            None => Ok(None),
            Some((dict, blob)) => {
                let mut dicts = HashMap::new();
                self.decompress(&mut dicts, dict, &blob).map(Some)
            }
        }
    }

    /// Decompresses a raw blob, loading (and caching in `dicts`) its dictionary.
    pub(crate) fn decompress(
        &self,
        dicts: &mut HashMap<u32, Vec<u8>>,
        dict: Option<u32>,
        blob: &[u8],
    ) -> Result<Vec<u8>> {
        let err =
            |e: std::io::Error| StoreError::Invalid(format!("corrupt raw JSON in the corpus: {e}"));
        let capacity = zstd::bulk::Decompressor::upper_bound(blob).unwrap_or(1 << 24);
        match dict {
            None => zstd::bulk::decompress(blob, capacity).map_err(err),
            Some(d) => {
                let bytes = match dicts.entry(d) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => e.insert(self.conn.query_row(
                        "SELECT dict FROM raw_dicts WHERE id = ?1",
                        [d],
                        |r| r.get(0),
                    )?),
                };
                zstd::bulk::Decompressor::with_dictionary(bytes)
                    .and_then(|mut z| z.decompress(blob, capacity))
                    .map_err(err)
            }
        }
    }
}
