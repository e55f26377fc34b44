//! The corpus schema and its migrations. `PRAGMA user_version` holds the schema version; each
//! migration moves it one step, inside a transaction.

use rusqlite::Connection;

pub const VERSION: i64 = 3;

const V1: &str = r#"
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER,
    mtime INTEGER,
    checksum TEXT,
    format TEXT,
    compression TEXT,
    status TEXT NOT NULL,            -- partial | done | empty | failed
    records_done INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    duplicate INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    posts_new INTEGER NOT NULL DEFAULT 0,
    posts_updated INTEGER NOT NULL DEFAULT 0,
    accounts_new INTEGER NOT NULL DEFAULT 0,
    accounts_updated INTEGER NOT NULL DEFAULT 0,
    api_errors INTEGER NOT NULL DEFAULT 0,
    message TEXT,
    started_at INTEGER,
    finished_at INTEGER
);
-- Keyed by the record's ordinal in its file: several records can share a line.
CREATE TABLE rejects (
    file INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    line INTEGER NOT NULL,
    reason TEXT NOT NULL,
    head BLOB,
    PRIMARY KEY (file, ordinal)
) WITHOUT ROWID;
CREATE TABLE skips (
    file INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    line INTEGER NOT NULL,
    resource TEXT NOT NULL,
    PRIMARY KEY (file, ordinal)
) WITHOUT ROWID;
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    native_id TEXT,
    handle TEXT,
    name TEXT,
    created_at INTEGER,
    followers INTEGER,
    following INTEGER,
    post_count INTEGER,
    verified INTEGER,
    protected INTEGER,
    bio TEXT,
    location TEXT,
    url TEXT,
    lang TEXT,
    has_object INTEGER NOT NULL,
    source_file INTEGER,
    source_line INTEGER,
    retrieved_at INTEGER,
    rank INTEGER NOT NULL
);
-- No index on accounts.native_id: ingest keeps the id map in memory, and analyses join on the
-- dense id; an index here (random inserts) was the costliest part of ingest.
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    native_id TEXT NOT NULL,
    author INTEGER,
    created_at INTEGER,
    kind TEXT NOT NULL,
    text TEXT,
    lang TEXT,
    reply_to TEXT,
    root TEXT,
    repost_of TEXT,
    quote_of TEXT,
    like_count INTEGER,
    repost_count INTEGER,
    reply_count INTEGER,
    quote_count INTEGER,
    lat REAL,
    lon REAL,
    place TEXT,
    visibility TEXT,
    sensitive INTEGER,
    source_app TEXT,
    collected INTEGER NOT NULL,
    source_file INTEGER,
    source_line INTEGER,
    retrieved_at INTEGER,
    version INTEGER NOT NULL,
    rank INTEGER NOT NULL
);
CREATE UNIQUE INDEX posts_native ON posts (platform, native_id);
CREATE TABLE post_versions (
    platform TEXT NOT NULL,
    native_id TEXT NOT NULL,
    post INTEGER NOT NULL,
    PRIMARY KEY (platform, native_id)
) WITHOUT ROWID;
CREATE TABLE interactions (
    post INTEGER NOT NULL,
    kind TEXT NOT NULL,
    dst INTEGER NOT NULL,
    src INTEGER NOT NULL,
    created_at INTEGER,
    PRIMARY KEY (post, kind, dst)
) WITHOUT ROWID;
CREATE TABLE entities (
    post INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    detail TEXT,
    PRIMARY KEY (post, kind, value)
) WITHOUT ROWID;
-- Raw JSON, zstd-compressed with the dictionary `dict` (NULL: none).
CREATE TABLE raw_dicts (id INTEGER PRIMARY KEY, dict BLOB NOT NULL);
CREATE TABLE raw_posts (post INTEGER PRIMARY KEY, dict INTEGER, json BLOB NOT NULL);
CREATE TABLE raw_accounts (account INTEGER PRIMARY KEY, dict INTEGER, json BLOB NOT NULL);
CREATE TABLE compliance (
    platform TEXT NOT NULL,
    object TEXT NOT NULL,
    native_id TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT,
    created_at INTEGER,
    redacted_at INTEGER,
    file INTEGER,
    line INTEGER,
    UNIQUE (platform, object, native_id, action, created_at)
);
"#;

/// Version 2: more platforms. Posts get their community (subreddit) and why their text is
/// missing; ties (follows, likes) between accounts; typed account attributes; the ledger counts
/// what compliance deletions removed.
const V2: &str = r#"
ALTER TABLE posts ADD COLUMN community TEXT;
ALTER TABLE posts ADD COLUMN removed TEXT;
ALTER TABLE files ADD COLUMN removed_posts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE files ADD COLUMN removed_accounts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE files ADD COLUMN removed_ties INTEGER NOT NULL DEFAULT 0;
ALTER TABLE files ADD COLUMN ties INTEGER NOT NULL DEFAULT 0;
-- Follows and likes: between accounts, borne by no post. `subject` is the liked post's native
-- id ('' for a follow); `native_id` the tie's own record id where the platform has one.
CREATE TABLE ties (
    kind TEXT NOT NULL,
    src INTEGER NOT NULL,
    dst INTEGER NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    native_id TEXT,
    created_at INTEGER,
    file INTEGER,
    line INTEGER,
    PRIMARY KEY (kind, src, dst, subject)
) WITHOUT ROWID;
CREATE INDEX ties_native ON ties (native_id) WHERE native_id IS NOT NULL;
-- Typed account attributes (kind: categorical | numeric | boolean), imported from CSV.
CREATE TABLE attributes (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    file TEXT
);
CREATE TABLE account_attributes (
    account INTEGER NOT NULL,
    name TEXT NOT NULL,
    value,
    PRIMARY KEY (account, name)
) WITHOUT ROWID;
"#;

/// Version 3: sentiment scores of posts, each with the scorer that made it and a hash of the text
/// it scored (a later edit of the post changes the hash, and the post is scored again). `status`:
/// `scored`, or why not: `language` (the platform said another language than English) or `empty`.
const V3: &str = r#"
CREATE TABLE sentiment (
    post INTEGER PRIMARY KEY,
    scorer TEXT NOT NULL,
    text_hash INTEGER NOT NULL,
    status TEXT NOT NULL,
    neg REAL,
    neu REAL,
    pos REAL,
    compound REAL
);
"#;

/// Brings a corpus to the current schema; refuses a corpus from a newer crowdmine.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<Result<(), i64>> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > VERSION {
        return Ok(Err(version));
    }
    if version < 1 {
        let tx = conn.transaction()?;
        tx.execute_batch(V1)?;
        tx.pragma_update(None, "user_version", 1)?;
        tx.commit()?;
    }
    if version < 2 {
        let tx = conn.transaction()?;
        tx.execute_batch(V2)?;
        tx.pragma_update(None, "user_version", 2)?;
        tx.commit()?;
    }
    if version < 3 {
        let tx = conn.transaction()?;
        tx.execute_batch(V3)?;
        tx.pragma_update(None, "user_version", 3)?;
        tx.commit()?;
    }
    Ok(Ok(()))
}
