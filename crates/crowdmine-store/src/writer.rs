//! Appending canonical records to the corpus, deduplicated, with the ingest ledger.
//!
//! Dedupe is on (platform, native id), with every id of a post's edit history mapping to one
//! post. When an object arrives twice, the record that is greater in the total order of
//! [`crowdmine_model::Rank`] wins (newer edit, more non-null fields, later retrieval, later file
//! path and line); `collected` is the OR of all occurrences. Since the winner is a maximum over a
//! total order of the records alone, the corpus does not depend on file order, thread count or
//! interruptions. The id maps live in memory (they grow with distinct ids, never with input bytes)
//! so dedupe costs no queries. Entities and interactions are derived from the winning record and
//! replaced with it.

mod erase;

use crate::fault;
use crate::ids::IdKey;
use crate::rows::{cell, name, Cell, Rows};
use crate::{Corpus, Result};
use crowdmine_model::{Account, ComplianceEvent, InteractionKind, ObjectKind, Platform, Post, Tie};
use rusqlite::{params, Connection, OptionalExtension};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cmp::Ordering;

/// Where a file stands in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    Partial,
    Done,
    Empty,
    Failed,
}

impl FileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Partial => "partial",
            FileStatus::Done => "done",
            FileStatus::Empty => "empty",
            FileStatus::Failed => "failed",
        }
    }
    fn parse(s: &str) -> FileStatus {
        match s {
            "done" => FileStatus::Done,
            "empty" => FileStatus::Empty,
            "failed" => FileStatus::Failed,
            _ => FileStatus::Partial,
        }
    }
}

/// Per-file counts kept in the ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Ledger {
    pub accepted: u64,
    pub duplicate: u64,
    pub skipped: u64,
    pub rejected: u64,
    pub posts_new: u64,
    pub posts_updated: u64,
    pub accounts_new: u64,
    pub accounts_updated: u64,
    pub api_errors: u64,
    /// Follows and likes read.
    pub ties: u64,
    /// What compliance deletions and delete events removed.
    pub removed_posts: u64,
    pub removed_accounts: u64,
    pub removed_ties: u64,
}

/// A file's ledger row as found when an ingest starts.
#[derive(Debug, Clone)]
pub struct FileState {
    pub id: u32,
    pub status: FileStatus,
    /// Records already committed (an interrupted ingest resumes after them).
    pub records_done: u64,
    pub ledger: Ledger,
    /// Same path, size and modification time as the ledger row: the file is unchanged.
    pub unchanged: bool,
}

/// What one record changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordOutcome {
    pub new: u32,
    pub updated: u32,
    pub duplicate: u32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Rank {
    version: u32,
    non_null: u32,
    retrieved_at: i64,
    file: u32,
    line: u64,
}

#[derive(Debug, Clone, Copy, Default)]
struct PostSlot {
    rank: Rank,
    collected: bool,
}

#[derive(Debug, Clone, Copy, Default)]
struct AccountSlot {
    rank: Rank,
    /// False for an account known only by its handle.
    native: bool,
    /// [`handle_hash`] of the account's current handle (0: none).
    handle: u64,
}

/// A hash of a handle, case-folded: the key of the handle map (64 bits, so collisions are
/// negligible, and no string is kept per account).
fn handle_hash(h: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    for c in h.chars().flat_map(char::to_lowercase) {
        hasher.write_u32(c as u32);
    }
    hasher.finish().max(1)
}

type Key = (Platform, IdKey);

/// The id `upsert_account` answers for a deleted account (dense ids start at 1).
pub(crate) const NO_ACCOUNT: u32 = 0;

pub struct Writer<'c> {
    conn: &'c Connection,
    keep_raw: bool,
    /// The dictionary the raw JSON given to this writer was compressed with.
    raw_dict: Option<u32>,
    /// Dedupe order key of each file (see [`order_key`]).
    file_paths: HashMap<u32, String>,
    post_ids: HashMap<Key, u32>,
    posts: Vec<PostSlot>,
    account_ids: HashMap<Key, u32>,
    accounts: Vec<AccountSlot>,
    handles: HashMap<(Platform, u64), u32>,
    /// Objects deleted by compliance results or delete events: never added again.
    pub(crate) deleted: HashSet<(Platform, ObjectKind, IdKey)>,
    /// The indexes erasure needs exist.
    erase_ready: bool,
    in_tx: bool,
    ledger: Ledger,
    pending: Pending,
}

const POST_COLUMNS: &str = "id, platform, native_id, author, created_at, kind, text, lang, reply_to, root, \
    repost_of, quote_of, like_count, repost_count, reply_count, quote_count, lat, lon, place, visibility, \
    sensitive, source_app, collected, source_file, source_line, retrieved_at, version, rank, community, removed";
const ACCOUNT_COLUMNS: &str = "id, platform, native_id, handle, name, created_at, followers, following, \
    post_count, verified, protected, bio, location, url, lang, has_object, source_file, source_line, \
    retrieved_at, rank";

/// `UPDATE table SET c2 = ?2, c3 = ?3, … WHERE id = ?1` over `columns` (the first is `id`).
fn update_sql(table: &str, columns: &str) -> String {
    let sets: Vec<String> = columns
        .split(", ")
        .enumerate()
        .skip(1)
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", "))
}

/// Buffered rows are written once there are this many (and before updates and commits).
const FLUSH_ROWS: usize = 512;

/// The buffered inserts of new rows (see [`Rows`]); updates and deletes go straight to SQL
/// after a flush, so statements reach the database in the order they were made.
struct Pending {
    update_post: String,
    update_account: String,
    posts: Rows,
    accounts: Rows,
    raw_posts: Rows,
    raw_accounts: Rows,
    entities: Rows,
    interactions: Rows,
    versions: Rows,
    ties: Rows,
}

impl Pending {
    fn new() -> Pending {
        Pending {
            update_post: update_sql("posts", POST_COLUMNS),
            update_account: update_sql("accounts", ACCOUNT_COLUMNS),
            posts: Rows::new(&format!("INSERT INTO posts ({POST_COLUMNS}) VALUES "), 30),
            accounts: Rows::new(
                &format!("INSERT INTO accounts ({ACCOUNT_COLUMNS}) VALUES "),
                20,
            ),
            raw_posts: Rows::new(
                "INSERT OR REPLACE INTO raw_posts (post, dict, json) VALUES ",
                3,
            ),
            raw_accounts: Rows::new(
                "INSERT OR REPLACE INTO raw_accounts (account, dict, json) VALUES ",
                3,
            ),
            // Records of one version merge; of two details the non-null, then the greater wins,
            // so the merge does not depend on the order of the records.
            entities: Rows::with_tail(
                "INSERT INTO entities (post, kind, value, detail) VALUES ",
                4,
                " ON CONFLICT (post, kind, value) DO UPDATE SET detail = CASE \
                 WHEN excluded.detail IS NULL THEN entities.detail \
                 WHEN entities.detail IS NULL THEN excluded.detail \
                 ELSE max(entities.detail, excluded.detail) END",
            ),
            interactions: Rows::new(
                "INSERT OR IGNORE INTO interactions (post, kind, dst, src, created_at) VALUES ",
                5,
            ),
            versions: Rows::new(
                "INSERT OR IGNORE INTO post_versions (platform, native_id, post) VALUES ",
                3,
            ),
            // Of two records of one tie, the earliest time and the greater record id are kept,
            // whatever their order.
            ties: Rows::with_tail(
                "INSERT INTO ties (kind, src, dst, subject, native_id, created_at, file, line) VALUES ",
                8,
                " ON CONFLICT (kind, src, dst, subject) DO UPDATE SET \
                 created_at = CASE WHEN excluded.created_at IS NULL THEN ties.created_at \
                 WHEN ties.created_at IS NULL THEN excluded.created_at \
                 ELSE min(ties.created_at, excluded.created_at) END, \
                 native_id = CASE WHEN excluded.native_id IS NULL THEN ties.native_id \
                 WHEN ties.native_id IS NULL THEN excluded.native_id \
                 ELSE max(ties.native_id, excluded.native_id) END",
            ),
        }
    }

    /// Rows waiting in all tables.
    fn rows(&self) -> usize {
        [
            &self.accounts,
            &self.posts,
            &self.raw_accounts,
            &self.raw_posts,
            &self.entities,
            &self.interactions,
            &self.versions,
            &self.ties,
        ]
        .iter()
        .map(|r| r.len())
        .sum()
    }

    fn flush(&mut self, conn: &Connection) -> Result<()> {
        for rows in [
            &mut self.accounts,
            &mut self.posts,
            &mut self.raw_accounts,
            &mut self.raw_posts,
            &mut self.entities,
            &mut self.interactions,
            &mut self.versions,
            &mut self.ties,
        ] {
            rows.flush(conn)?;
        }
        Ok(())
    }
}

/// Moves a string out of a record into a row.
fn take(s: &mut Option<String>) -> Cell {
    cell(s.take())
}

fn post_row(
    id: u32,
    src: RecordSource,
    p: &mut Post,
    author: Option<u32>,
    collected: bool,
    rank: &Rank,
) -> [Cell; 30] {
    [
        cell(id),
        name(src.platform.as_str()),
        cell(p.native_id.clone()),
        cell(author),
        cell(p.created_at),
        name(p.kind().as_str()),
        take(&mut p.text),
        take(&mut p.lang),
        take(&mut p.reply_to),
        take(&mut p.root),
        cell(p.repost_of.clone()),
        take(&mut p.quote_of),
        cell(p.like_count),
        cell(p.repost_count),
        cell(p.reply_count),
        cell(p.quote_count),
        cell(p.geo.map(|g| g.lat)),
        cell(p.geo.map(|g| g.lon)),
        take(&mut p.place),
        take(&mut p.visibility),
        cell(p.sensitive),
        take(&mut p.source_app),
        cell(collected),
        cell(src.file),
        cell(src.line as i64),
        cell(src.retrieved_at),
        cell(rank.version),
        cell(rank.non_null),
        take(&mut p.community),
        take(&mut p.removed),
    ]
}

fn account_row(id: u32, src: RecordSource, a: &mut Account, rank: &Rank) -> [Cell; 20] {
    [
        cell(id),
        name(src.platform.as_str()),
        cell(a.native_id.clone()),
        cell(a.handle.clone()),
        take(&mut a.name),
        cell(a.created_at),
        cell(a.followers),
        cell(a.following),
        cell(a.post_count),
        cell(a.verified),
        cell(a.protected),
        take(&mut a.bio),
        take(&mut a.location),
        take(&mut a.url),
        take(&mut a.lang),
        cell(a.has_object),
        cell(src.file),
        cell(src.line as i64),
        cell(src.retrieved_at),
        cell(rank.non_null),
    ]
}

fn slot<T: Default + Copy>(v: &mut Vec<T>, id: u32) -> &mut T {
    let i = id as usize;
    if v.len() <= i {
        v.resize(i + 1, T::default());
    }
    &mut v[i]
}

/// The source of a record being applied.
#[derive(Debug, Clone, Copy)]
pub struct RecordSource {
    pub platform: Platform,
    pub file: u32,
    pub line: u64,
    pub retrieved_at: Option<i64>,
}

impl Corpus {
    /// Starts writing: loads the id maps of the corpus into memory. Raw JSON, when kept, comes
    /// compressed with the dictionary `raw_dict` (see [`Corpus::raw_dictionary`]).
    pub fn writer(&mut self, keep_raw: bool, raw_dict: Option<u32>) -> Result<Writer<'_>> {
        let conn = &self.conn;
        let mut w = Writer {
            conn,
            keep_raw,
            raw_dict,
            file_paths: HashMap::default(),
            post_ids: HashMap::default(),
            posts: Vec::new(),
            account_ids: HashMap::default(),
            accounts: Vec::new(),
            handles: HashMap::default(),
            deleted: HashSet::default(),
            erase_ready: false,
            in_tx: false,
            ledger: Ledger::default(),
            pending: Pending::new(),
        };
        let mut st = conn.prepare("SELECT id, path FROM files")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            w.file_paths
                .insert(r.get(0)?, order_key(&r.get::<_, String>(1)?));
        }
        let mut st = conn.prepare(
            "SELECT id, platform, native_id, version, rank, retrieved_at, source_file, source_line, collected FROM posts",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id: u32 = r.get(0)?;
            let platform = Platform::parse(&r.get::<_, String>(1)?).unwrap_or(Platform::X);
            let native: String = r.get(2)?;
            w.post_ids.insert((platform, IdKey::of(&native)), id);
            *slot(&mut w.posts, id) = PostSlot {
                rank: Rank {
                    version: r.get(3)?,
                    non_null: r.get(4)?,
                    retrieved_at: r.get::<_, Option<i64>>(5)?.unwrap_or(i64::MIN),
                    file: r.get::<_, Option<u32>>(6)?.unwrap_or(0),
                    line: r.get::<_, Option<u64>>(7)?.unwrap_or(0),
                },
                collected: r.get(8)?,
            };
        }
        let mut st = conn.prepare("SELECT platform, native_id, post FROM post_versions")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let platform = Platform::parse(&r.get::<_, String>(0)?).unwrap_or(Platform::X);
            let native: String = r.get(1)?;
            w.post_ids.insert((platform, IdKey::of(&native)), r.get(2)?);
        }
        let mut st = conn.prepare(
            "SELECT id, platform, native_id, handle, rank, retrieved_at, source_file, source_line FROM accounts",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id: u32 = r.get(0)?;
            let platform = Platform::parse(&r.get::<_, String>(1)?).unwrap_or(Platform::X);
            let native: Option<String> = r.get(2)?;
            if let Some(n) = &native {
                w.account_ids.insert((platform, IdKey::of(n)), id);
            }
            let handle = r
                .get::<_, Option<String>>(3)?
                .map_or(0, |h| handle_hash(&h));
            if handle != 0 {
                w.handles.insert((platform, handle), id);
            }
            *slot(&mut w.accounts, id) = AccountSlot {
                rank: Rank {
                    version: 0,
                    non_null: r.get(4)?,
                    retrieved_at: r.get::<_, Option<i64>>(5)?.unwrap_or(i64::MIN),
                    file: r.get::<_, Option<u32>>(6)?.unwrap_or(0),
                    line: r.get::<_, Option<u64>>(7)?.unwrap_or(0),
                },
                native: native.is_some(),
                handle,
            };
        }
        let mut st = conn.prepare(
            "SELECT DISTINCT platform, object, native_id FROM compliance WHERE action = 'delete'",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let platform = Platform::parse(&r.get::<_, String>(0)?);
            let object = ObjectKind::parse(&r.get::<_, String>(1)?);
            if let (Some(platform), Some(object)) = (platform, object) {
                w.deleted
                    .insert((platform, object, IdKey::of(&r.get::<_, String>(2)?)));
            }
        }
        Ok(w)
    }
}

impl Writer<'_> {
    fn begin(&mut self) -> Result<()> {
        if !self.in_tx {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.in_tx = true;
        }
        Ok(())
    }

    /// Registers a file in the ledger (or finds it), and loads its counts.
    pub fn begin_file(&mut self, path: &str, size: u64, mtime: i64) -> Result<FileState> {
        self.begin()?;
        let row = self
            .conn
            .query_row(
                "SELECT id, status, records_done, size, mtime, accepted, duplicate, skipped, rejected, \
                 posts_new, posts_updated, accounts_new, accounts_updated, api_errors, ties, removed_posts, \
                 removed_accounts, removed_ties FROM files WHERE path = ?1",
                [path],
                |r| {
                    Ok((
                        r.get::<_, u32>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, u64>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                        Ledger {
                            accepted: r.get(5)?,
                            duplicate: r.get(6)?,
                            skipped: r.get(7)?,
                            rejected: r.get(8)?,
                            posts_new: r.get(9)?,
                            posts_updated: r.get(10)?,
                            accounts_new: r.get(11)?,
                            accounts_updated: r.get(12)?,
                            api_errors: r.get(13)?,
                            ties: r.get(14)?,
                            removed_posts: r.get(15)?,
                            removed_accounts: r.get(16)?,
                            removed_ties: r.get(17)?,
                        },
                    ))
                },
            )
            .optional()?;
        let now = now();
        let state = match row {
            Some((id, status, done, old_size, old_mtime, ledger)) => {
                let unchanged = old_size == Some(size as i64) && old_mtime == Some(mtime);
                let status = FileStatus::parse(&status);
                // A file that failed is read again from the start, with fresh counts.
                if unchanged && status != FileStatus::Failed {
                    FileState {
                        id,
                        status,
                        records_done: done,
                        ledger,
                        unchanged,
                    }
                } else {
                    // The file changed since it was ingested (or failed): read it again from the
                    // start; dedupe keeps what was already there.
                    self.restart_file(id, size, mtime)?;
                    FileState {
                        id,
                        status: FileStatus::Partial,
                        records_done: 0,
                        ledger: Ledger::default(),
                        unchanged,
                    }
                }
            }
            None => {
                self.conn.execute(
                    "INSERT INTO files (path, size, mtime, status, started_at) VALUES (?1, ?2, ?3, 'partial', ?4)",
                    params![path, size as i64, mtime, now],
                )?;
                let id = self.conn.last_insert_rowid() as u32;
                FileState {
                    id,
                    status: FileStatus::Partial,
                    records_done: 0,
                    ledger: Ledger::default(),
                    unchanged: false,
                }
            }
        };
        self.file_paths.insert(state.id, order_key(path));
        self.ledger = state.ledger.clone();
        self.checkpoint_raw(state.id, state.records_done, None)?;
        Ok(state)
    }

    /// Starts a file known to the ledger again from its first record, with fresh counts.
    pub fn restart_file(&mut self, id: u32, size: u64, mtime: i64) -> Result<()> {
        self.begin()?;
        self.conn.execute(
            "UPDATE files SET size = ?2, mtime = ?3, status = 'partial', records_done = 0, \
             accepted = 0, duplicate = 0, skipped = 0, rejected = 0, posts_new = 0, posts_updated = 0, \
             accounts_new = 0, accounts_updated = 0, api_errors = 0, ties = 0, removed_posts = 0, \
             removed_accounts = 0, removed_ties = 0, message = NULL, started_at = ?4, finished_at = NULL \
             WHERE id = ?1",
            params![id, size as i64, mtime, now()],
        )?;
        self.conn
            .execute("DELETE FROM rejects WHERE file = ?1", [id])?;
        self.conn
            .execute("DELETE FROM skips WHERE file = ?1", [id])?;
        self.ledger = Ledger::default();
        Ok(())
    }

    /// Records that a file could not be opened. A file the ledger already knows keeps its row
    /// (a file missing today may have been ingested yesterday); a new one gets a failed row.
    pub fn note_unreadable(&mut self, path: &str, message: &str) -> Result<()> {
        self.begin()?;
        self.conn.execute(
            "INSERT INTO files (path, status, message, started_at, finished_at) VALUES (?1, 'failed', ?2, ?3, ?3) \
             ON CONFLICT (path) DO NOTHING",
            params![path, message, now()],
        )?;
        self.conn.execute_batch("COMMIT")?;
        self.in_tx = false;
        Ok(())
    }

    /// The counts of the file being written.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Counts a record applied outside [`Writer::apply_record`] (an attribute row).
    pub fn count_accepted(&mut self) {
        self.ledger.accepted += 1;
    }

    fn checkpoint_raw(&mut self, file: u32, records_done: u64, format: Option<&str>) -> Result<()> {
        let l = &self.ledger;
        self.conn.execute(
            "UPDATE files SET records_done = ?2, accepted = ?3, duplicate = ?4, skipped = ?5, rejected = ?6, \
             posts_new = ?7, posts_updated = ?8, accounts_new = ?9, accounts_updated = ?10, api_errors = ?11, \
             format = COALESCE(?12, format), ties = ?13, removed_posts = ?14, removed_accounts = ?15, \
             removed_ties = ?16 WHERE id = ?1",
            params![
                file,
                records_done as i64,
                l.accepted as i64,
                l.duplicate as i64,
                l.skipped as i64,
                l.rejected as i64,
                l.posts_new as i64,
                l.posts_updated as i64,
                l.accounts_new as i64,
                l.accounts_updated as i64,
                l.api_errors as i64,
                format,
                l.ties as i64,
                l.removed_posts as i64,
                l.removed_accounts as i64,
                l.removed_ties as i64,
            ],
        )?;
        Ok(())
    }

    /// Commits everything applied so far together with the file's progress, so that an
    /// interrupted ingest resumes exactly after `records_done` records.
    pub fn checkpoint(&mut self, file: u32, records_done: u64, format: Option<&str>) -> Result<()> {
        self.begin()?;
        self.flush()?;
        fault::point("ledger");
        self.checkpoint_raw(file, records_done, format)?;
        fault::point("commit");
        self.conn.execute_batch("COMMIT")?;
        self.in_tx = false;
        Ok(())
    }

    /// Closes a file in the ledger and commits.
    #[allow(clippy::too_many_arguments)]
    pub fn finish_file(
        &mut self,
        file: u32,
        records_done: u64,
        status: FileStatus,
        format: Option<&str>,
        compression: &str,
        checksum: &str,
        message: Option<&str>,
    ) -> Result<()> {
        self.begin()?;
        self.flush()?;
        self.checkpoint_raw(file, records_done, format)?;
        self.conn.execute(
            "UPDATE files SET status = ?2, compression = ?3, checksum = ?4, message = ?5, finished_at = ?6 WHERE id = ?1",
            params![file, status.as_str(), compression, checksum, message, now()],
        )?;
        self.conn.execute_batch("COMMIT")?;
        self.in_tx = false;
        Ok(())
    }

    pub fn reject(
        &mut self,
        file: u32,
        ordinal: u64,
        line: u64,
        reason: &str,
        head: &[u8],
    ) -> Result<()> {
        self.begin()?;
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO rejects (file, ordinal, line, reason, head) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![file, ordinal as i64, line as i64, reason, head])?;
        self.ledger.rejected += 1;
        Ok(())
    }

    pub fn skip(
        &mut self,
        src: RecordSource,
        ordinal: u64,
        resource: &str,
        compliance: &[ComplianceEvent],
    ) -> Result<()> {
        self.begin()?;
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO skips (file, ordinal, line, resource) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![src.file, ordinal as i64, src.line as i64, resource])?;
        for c in compliance {
            self.conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO compliance (platform, object, native_id, action, reason, created_at, redacted_at, file, line) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?
                .execute(params![
                    src.platform.as_str(),
                    c.object,
                    c.native_id,
                    c.action,
                    c.reason,
                    c.created_at,
                    c.redacted_at,
                    src.file,
                    src.line as i64
                ])?;
            if c.action == "delete" {
                if let Some(object) = ObjectKind::parse(&c.object) {
                    self.erase(src.platform, object, &c.native_id)?;
                }
            }
        }
        self.ledger.skipped += 1;
        Ok(())
    }

    /// Applies the objects of one record: accounts first, so authors resolve to their objects.
    /// `raw` holds zstd-compressed JSON when raw records are kept.
    pub fn apply_record(
        &mut self,
        src: RecordSource,
        accounts: Vec<(Account, Option<Vec<u8>>)>,
        posts: Vec<(Post, Option<Vec<u8>>)>,
        ties: Vec<Tie>,
        api_errors: u32,
    ) -> Result<RecordOutcome> {
        self.begin()?;
        let mut out = RecordOutcome::default();
        for (a, raw) in accounts {
            match self.upsert_account(src, a, raw)?.1 {
                Change::New => {
                    out.new += 1;
                    self.ledger.accounts_new += 1
                }
                Change::Updated => {
                    out.updated += 1;
                    self.ledger.accounts_updated += 1
                }
                Change::Same => out.duplicate += 1,
            }
        }
        let half = posts.len() / 2;
        for (i, (p, raw)) in posts.into_iter().enumerate() {
            if i == half {
                fault::point("batch");
            }
            match self.upsert_post(src, p, raw)? {
                Change::New => {
                    out.new += 1;
                    self.ledger.posts_new += 1
                }
                Change::Updated => {
                    out.updated += 1;
                    self.ledger.posts_updated += 1
                }
                Change::Same => out.duplicate += 1,
            }
        }
        for t in ties {
            if self.add_tie(src, t)? {
                out.new += 1;
            }
        }
        // Small records (one post per line) accumulate into multi-row inserts; big ones (pages)
        // are written at once, which keeps the buffers in cache.
        if self.pending.rows() >= FLUSH_ROWS {
            self.flush()?;
        }
        self.ledger.api_errors += u64::from(api_errors);
        if out.new + out.updated > 0 {
            self.ledger.accepted += 1;
        } else {
            self.ledger.duplicate += 1;
        }
        Ok(out)
    }

    /// Is `a` greater than `b` in the dedupe order?
    fn wins(&self, a: &Rank, b: &Rank) -> bool {
        let head =
            (a.version, a.non_null, a.retrieved_at).cmp(&(b.version, b.non_null, b.retrieved_at));
        let ord = head.then_with(|| {
            let pa = self
                .file_paths
                .get(&a.file)
                .map(String::as_str)
                .unwrap_or("");
            let pb = self
                .file_paths
                .get(&b.file)
                .map(String::as_str)
                .unwrap_or("");
            pa.cmp(pb).then(a.line.cmp(&b.line))
        });
        ord == Ordering::Greater
    }

    fn upsert_account(
        &mut self,
        src: RecordSource,
        mut a: Account,
        raw: Option<Vec<u8>>,
    ) -> Result<(u32, Change)> {
        let rank = Rank {
            version: 0,
            non_null: a.non_null(),
            retrieved_at: src.retrieved_at.unwrap_or(i64::MIN),
            file: src.file,
            line: src.line,
        };
        if let Some(n) = &a.native_id {
            if self.is_deleted(src.platform, ObjectKind::Account, n) {
                return Ok((NO_ACCOUNT, Change::Same));
            }
        }
        let handle_key = a.handle.as_deref().map(|h| (src.platform, handle_hash(h)));
        let existing = match &a.native_id {
            Some(n) => self
                .account_ids
                .get(&(src.platform, IdKey::of(n)))
                .copied()
                // An account first known only by its handle gets its id now.
                .or_else(|| {
                    let id = *self.handles.get(handle_key.as_ref()?)?;
                    (!self.accounts.get(id as usize)?.native).then_some(id)
                }),
            None => {
                let found = handle_key
                    .as_ref()
                    .and_then(|k| self.handles.get(k).copied());
                match found {
                    Some(id) => return Ok((id, Change::Same)),
                    None => None,
                }
            }
        };
        let (id, change) = match existing {
            Some(id) => {
                let old = self.accounts.get(id as usize).copied().unwrap_or_default();
                if !self.wins(&rank, &old.rank) {
                    return Ok((id, Change::Same));
                }
                // A renamed account no longer answers to its old handle (as after a restart).
                let old_key = (src.platform, old.handle);
                if old.handle != 0
                    && Some(old_key) != handle_key
                    && self.handles.get(&old_key) == Some(&id)
                {
                    self.handles.remove(&old_key);
                }
                (id, Change::Updated)
            }
            None => (self.accounts.len().max(1) as u32, Change::New),
        };
        let row = account_row(id, src, &mut a, &rank);
        if change == Change::New {
            self.pending.accounts.push(row);
        } else {
            self.flush()?;
            self.conn
                .prepare_cached(&self.pending.update_account)?
                .execute(rusqlite::params_from_iter(row))?;
        }
        if let Some(raw) = raw.filter(|_| self.keep_raw) {
            self.pending
                .raw_accounts
                .push([cell(id), cell(self.raw_dict), cell(raw)]);
        }
        if let Some(n) = &a.native_id {
            self.account_ids.insert((src.platform, IdKey::of(n)), id);
        }
        if let Some(k) = handle_key {
            self.handles.insert(k, id);
        }
        *slot(&mut self.accounts, id) = AccountSlot {
            rank,
            native: a.native_id.is_some(),
            handle: handle_key.map_or(0, |k| k.1),
        };
        Ok((id, change))
    }

    /// The dense id of a post's author, when the post names one (and it is not deleted).
    fn author_ref(&mut self, src: RecordSource, p: &Post) -> Result<Option<u32>> {
        match &p.author {
            Some(a) => {
                Ok(Some(self.account_ref(src, Some(a), None)?).filter(|id| *id != NO_ACCOUNT))
            }
            None => Ok(None),
        }
    }

    pub(crate) fn is_deleted(
        &self,
        platform: Platform,
        object: ObjectKind,
        native_id: &str,
    ) -> bool {
        !self.deleted.is_empty()
            && self
                .deleted
                .contains(&(platform, object, IdKey::of(native_id)))
    }

    /// Adds a follow or like; false when it names a deleted account or tie.
    fn add_tie(&mut self, src: RecordSource, t: Tie) -> Result<bool> {
        self.ledger.ties += 1;
        let deleted_tie = t
            .native_id
            .as_deref()
            .is_some_and(|n| self.is_deleted(src.platform, ObjectKind::Tie, n));
        let deleted_subject = t
            .subject
            .as_deref()
            .is_some_and(|s| self.is_deleted(src.platform, ObjectKind::Post, s));
        if deleted_tie || deleted_subject {
            return Ok(false);
        }
        let from = self.account_ref(src, Some(&t.src), None)?;
        let to = self.account_ref(src, Some(&t.dst), None)?;
        if from == NO_ACCOUNT || to == NO_ACCOUNT {
            return Ok(false);
        }
        self.pending.ties.push([
            name(t.kind.as_str()),
            cell(from),
            cell(to),
            cell(t.subject.unwrap_or_default()),
            cell(t.native_id),
            cell(t.created_at),
            cell(src.file),
            cell(src.line as i64),
        ]);
        Ok(true)
    }

    /// The dense id of an account referenced by native id (and handle), created if unknown.
    fn account_ref(
        &mut self,
        src: RecordSource,
        native_id: Option<&str>,
        handle: Option<&str>,
    ) -> Result<u32> {
        if let Some(n) = native_id {
            if let Some(id) = self.account_ids.get(&(src.platform, IdKey::of(n))) {
                let id = *id;
                let old = self.accounts.get(id as usize).copied().unwrap_or_default();
                // Only a reference that adds a handle can improve on what is there (an id and a
                // handle are two non-null fields).
                if handle.is_none() || old.rank.non_null >= 2 {
                    return Ok(id);
                }
            }
        }
        let a = Account {
            native_id: native_id.map(str::to_string),
            handle: handle.map(str::to_string),
            ..Account::default()
        };
        Ok(self.upsert_account(src, a, None)?.0)
    }

    fn upsert_post(
        &mut self,
        src: RecordSource,
        mut p: Post,
        raw: Option<Vec<u8>>,
    ) -> Result<Change> {
        let rank = Rank {
            version: p.version_index(),
            non_null: p.non_null(),
            retrieved_at: src.retrieved_at.unwrap_or(i64::MIN),
            file: src.file,
            line: src.line,
        };
        let deleted = std::iter::once(&p.native_id)
            .chain(&p.versions)
            .any(|v| self.is_deleted(src.platform, ObjectKind::Post, v))
            || p.author
                .as_deref()
                .is_some_and(|a| self.is_deleted(src.platform, ObjectKind::Account, a));
        if deleted {
            return Ok(Change::Same);
        }
        let own = (src.platform, IdKey::of(&p.native_id));
        let existing = std::iter::once(&p.native_id)
            .chain(&p.versions)
            .find_map(|v| self.post_ids.get(&(src.platform, IdKey::of(v))).copied());
        let (id, change, collected) = match existing {
            Some(id) => {
                let old = self.posts.get(id as usize).copied().unwrap_or_default();
                let collected = old.collected || p.collected;
                self.add_versions(src.platform, id, &p)?;
                if !self.wins(&rank, &old.rank) {
                    if rank.version == old.rank.version {
                        // Occurrences of one version are merged: what one record has that the
                        // winner lacks (an unwound URL, say) is not lost.
                        self.insert_derived(src, id, &mut p)?;
                    }
                    if collected != old.collected {
                        self.flush()?;
                        self.conn
                            .prepare_cached("UPDATE posts SET collected = 1 WHERE id = ?1")?
                            .execute([id])?;
                        slot(&mut self.posts, id).collected = true;
                        return Ok(Change::Updated);
                    }
                    return Ok(Change::Same);
                }
                // Another post may already hold this native id only when two edit groups merge;
                // the post then keeps its id.
                if self.post_ids.get(&own).is_some_and(|o| *o != id) {
                    return Ok(Change::Same);
                }
                if rank.version > old.rank.version {
                    // A newer edit replaces what the older version said.
                    self.flush()?;
                    self.conn
                        .prepare_cached("DELETE FROM entities WHERE post = ?1")?
                        .execute([id])?;
                    self.conn
                        .prepare_cached("DELETE FROM interactions WHERE post = ?1")?
                        .execute([id])?;
                }
                (id, Change::Updated, collected)
            }
            None => (self.posts.len().max(1) as u32, Change::New, p.collected),
        };
        let author = self.author_ref(src, &p)?;
        let row = post_row(id, src, &mut p, author, collected, &rank);
        if change == Change::New {
            self.pending.posts.push(row);
        } else {
            self.flush()?;
            self.conn
                .prepare_cached(&self.pending.update_post)?
                .execute(rusqlite::params_from_iter(row))?;
        }
        self.post_ids.insert(own, id);
        *slot(&mut self.posts, id) = PostSlot { rank, collected };
        if change == Change::New {
            self.add_versions(src.platform, id, &p)?;
        }
        if let Some(raw) = raw.filter(|_| self.keep_raw) {
            self.pending
                .raw_posts
                .push([cell(id), cell(self.raw_dict), cell(raw)]);
        }
        self.insert_derived(src, id, &mut p)?;
        Ok(change)
    }

    /// Entities and interactions of one record of a post (added to those already there).
    fn insert_derived(&mut self, src: RecordSource, id: u32, p: &mut Post) -> Result<()> {
        for e in std::mem::take(&mut p.entities) {
            self.pending.entities.push([
                cell(id),
                name(e.kind.as_str()),
                cell(e.value),
                cell(e.detail),
            ]);
        }
        let author = self.author_ref(src, p)?;
        self.derive_interactions(src, id, author, p)
    }

    /// Records every id of the post's edit history as a version of the post.
    fn add_versions(&mut self, platform: Platform, id: u32, p: &Post) -> Result<()> {
        // Every id of the history is recorded, the post's own included, so that a restart
        // rebuilds the same id map whatever order the versions arrived in.
        for v in p.versions.iter().chain(&p.aliases) {
            self.pending
                .versions
                .push([name(platform.as_str()), cell(v.clone()), cell(id)]);
            self.post_ids.entry((platform, IdKey::of(v))).or_insert(id);
        }
        Ok(())
    }

    /// Interactions of a post's author: reply, repost and quote to the other post's author, and
    /// mentions (not for reposts, whose text and mentions are the original's).
    fn derive_interactions(
        &mut self,
        src: RecordSource,
        post: u32,
        from: Option<u32>,
        p: &Post,
    ) -> Result<()> {
        let mut edges: Vec<(InteractionKind, u32)> = Vec::new();
        for (kind, target) in [
            (InteractionKind::Reply, &p.reply_to_author),
            (InteractionKind::Repost, &p.repost_of_author),
            (InteractionKind::Quote, &p.quote_of_author),
        ] {
            if let Some(t) = target {
                edges.push((kind, self.account_ref(src, Some(t), None)?));
            }
            edges.retain(|e| e.1 != NO_ACCOUNT);
        }
        // Mentioned accounts exist in the corpus in every case; a repost's mentions are the
        // original's, so they are not interactions of the reposter.
        for (mid, handle) in &p.mentions {
            let to = self.account_ref(src, mid.as_deref(), Some(handle))?;
            if p.repost_of.is_none() && to != NO_ACCOUNT {
                edges.push((InteractionKind::Mention, to));
            }
        }
        let Some(from) = from else {
            return Ok(());
        };
        for (kind, to) in edges {
            self.pending.interactions.push([
                cell(post),
                name(kind.as_str()),
                cell(to),
                cell(from),
                cell(p.created_at),
            ]);
        }
        Ok(())
    }

    /// Derives the reply interactions that records could not name: a Reddit comment or a
    /// Mastodon status names its parent but not the parent's author. Set-based over the corpus
    /// (replies without a reply interaction whose parent is now known, by id or alias), so the
    /// result does not depend on the order in which parents and replies arrived. Commits.
    pub fn resolve_replies(&mut self) -> Result<u64> {
        self.begin()?;
        self.flush()?;
        let added = self.conn.execute(
            "INSERT OR IGNORE INTO interactions (post, kind, dst, src, created_at) \
             SELECT c.id, 'reply', p.author, c.author, c.created_at FROM posts c \
             JOIN posts p ON p.platform = c.platform AND p.native_id = c.reply_to \
             WHERE c.reply_to IS NOT NULL AND c.author IS NOT NULL AND p.author IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.post = c.id AND i.kind = 'reply') \
             UNION ALL \
             SELECT c.id, 'reply', p.author, c.author, c.created_at FROM posts c \
             JOIN post_versions v ON v.platform = c.platform AND v.native_id = c.reply_to \
             JOIN posts p ON p.id = v.post \
             WHERE c.reply_to IS NOT NULL AND c.author IS NOT NULL AND p.author IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.post = c.id AND i.kind = 'reply')",
            [],
        )?;
        self.conn.execute_batch("COMMIT")?;
        self.in_tx = false;
        Ok(added as u64)
    }

    /// Declares an account attribute and its kind (`categorical`, `numeric` or `boolean`).
    pub fn declare_attribute(&mut self, name: &str, kind: &str, file: &str) -> Result<()> {
        self.begin()?;
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO attributes (name, kind, file) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![name, kind, file])?;
        Ok(())
    }

    /// Sets an attribute of the account with `native_id` (created if the corpus does not know
    /// it yet); false when the account was deleted.
    pub fn set_attribute(
        &mut self,
        src: RecordSource,
        native_id: &str,
        name: &str,
        value: crate::Cell,
    ) -> Result<bool> {
        self.begin()?;
        let id = self.account_ref(src, Some(native_id), None)?;
        if id == NO_ACCOUNT {
            return Ok(false);
        }
        self.flush()?;
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO account_attributes (account, name, value) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, name, value.to_sql_value()])?;
        Ok(true)
    }

    /// Writes the buffered new rows.
    fn flush(&mut self) -> Result<()> {
        self.pending.flush(self.conn)
    }
}

impl Drop for Writer<'_> {
    /// A writer dropped mid-transaction (after an error) rolls back to the last checkpoint, so
    /// the connection is usable again and the ledger matches the data.
    fn drop(&mut self) {
        if self.in_tx {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    New,
    Updated,
    Same,
}

/// A file's place in the dedupe order: its path without a compression suffix, so a plain file
/// and its compressed copy at the same place order alike.
fn order_key(path: &str) -> String {
    let lower = path.to_ascii_lowercase();
    let cut = [".gz", ".gzip", ".zst", ".zstd"]
        .iter()
        .find(|ext| lower.ends_with(*ext))
        .map_or(0, |ext| ext.len());
    path[..path.len() - cut].to_string()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
