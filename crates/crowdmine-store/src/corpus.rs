//! Opening a corpus for writing (exclusive) or reading (a snapshot, even during an ingest).

use crate::{schema, Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

pub struct Corpus {
    // Dropped before `lock`: SQLite's own locks must go before the writer lock is released.
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    _lock: Option<File>,
    /// Another process was writing when this reader opened the corpus.
    pub in_use: bool,
}

fn tune(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.pragma_update(None, "temp_store", "memory")?;
    Ok(())
}

impl Corpus {
    /// Opens (creating if needed) a corpus for writing. Only one writer at a time: the file is
    /// locked (`flock`) for the life of the value.
    pub fn open_writer(path: &Path) -> Result<Corpus> {
        let shown = path.display().to_string();
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|source| StoreError::Io {
                context: format!("cannot create corpus {shown}"),
                source,
            })?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(StoreError::InUse { path: shown }),
            Err(TryLockError::Error(source)) => {
                return Err(StoreError::Io {
                    context: format!("cannot lock corpus {shown}"),
                    source,
                })
            }
        }
        let mut conn = Connection::open(path)?;
        // Larger pages mean fewer B-tree splits for bulk appends; only takes effect on a new file.
        conn.pragma_update(None, "page_size", 16384)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // Checkpoint every 1000 pages (16 MB of WAL): measured fastest for bulk ingest here.
        conn.pragma_update(None, "wal_autocheckpoint", 1000)?;
        conn.set_prepared_statement_cache_capacity(64);
        // NORMAL in WAL mode survives a killed process; only a power cut can lose the last commit.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        tune(&conn)?;
        if let Err(found) = schema::migrate(&mut conn)? {
            return Err(StoreError::TooNew {
                path: shown,
                found,
                supported: schema::VERSION,
            });
        }
        Ok(Corpus {
            conn,
            path: path.to_path_buf(),
            _lock: Some(lock),
            in_use: false,
        })
    }

    /// Opens a corpus read-only. Readers never block the writer: while an ingest runs they see the
    /// last committed batch, and `in_use` tells the caller so.
    pub fn open_reader(path: &Path) -> Result<Corpus> {
        let shown = path.display().to_string();
        if !path.is_file() {
            return Err(StoreError::NotFound { path: shown });
        }
        let in_use = matches!(
            File::open(path).map(|f| f.try_lock_shared()),
            Ok(Err(TryLockError::WouldBlock))
        );
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        tune(&conn)?;
        conn.pragma_update(None, "query_only", true)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > schema::VERSION {
            return Err(StoreError::TooNew {
                path: shown,
                found: version,
                supported: schema::VERSION,
            });
        }
        if version == 0 {
            return Err(StoreError::NotFound { path: shown });
        }
        Ok(Corpus {
            conn,
            path: path.to_path_buf(),
            _lock: None,
            in_use,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for read queries by the library.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
