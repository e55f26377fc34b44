//! Read queries: corpus statistics, read-only SQL, exports and the canonical dump.

use crate::table::{csv_field, Cell, JsonRow, Table};
use crate::{Corpus, Result, StoreError};
use rusqlite::types::Value as SqlValue;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

#[derive(Debug, Clone, Serialize)]
pub struct TopItem {
    pub name: String,
    pub count: u64,
}

/// One platform's share of the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct PlatformCount {
    pub platform: String,
    pub posts: u64,
    pub collected: u64,
    pub referenced: u64,
    pub accounts: u64,
    pub interactions: u64,
    pub ties: u64,
    pub first_post: Option<String>,
    pub last_post: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindCount {
    pub platform: String,
    pub kind: String,
    pub collected: u64,
    pub referenced: u64,
}

/// What `crowdmine stats` reports. Volumes, time range and top lists count collected posts only;
/// posts that are only referenced (e.g. in `includes`) are counted apart.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub posts: u64,
    pub collected: u64,
    pub referenced: u64,
    pub accounts: u64,
    pub accounts_with_object: u64,
    pub interactions: u64,
    /// Follows and likes.
    pub ties: u64,
    pub entities: u64,
    pub by_platform: Vec<PlatformCount>,
    pub by_kind: Vec<KindCount>,
    /// First and last collected post (RFC 3339, UTC).
    pub first_post: Option<String>,
    pub last_post: Option<String>,
    pub files: u64,
    pub records_rejected: u64,
    pub records_skipped: u64,
    /// Posts, accounts and ties removed by compliance deletions and delete events.
    pub removed: u64,
    pub top_hashtags: Vec<TopItem>,
    pub top_accounts_by_posts: Vec<TopItem>,
    pub top_accounts_by_reposts_received: Vec<TopItem>,
    pub top_domains: Vec<TopItem>,
    pub languages: Vec<TopItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Posts,
    Accounts,
    Interactions,
    Entities,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Jsonl,
}

/// Receives the rows of a query: the column names and one row's cells.
pub type RowSink<'a> = dyn FnMut(&[String], &[Cell]) -> std::io::Result<()> + 'a;

const ISO: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', {}, 'unixepoch')";

fn iso(col: &str) -> String {
    ISO.replace("{}", col)
}

impl Corpus {
    fn count(&self, sql: &str) -> Result<u64> {
        Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
    }

    fn top(&self, sql: &str, limit: usize) -> Result<Vec<TopItem>> {
        let mut st = self.conn.prepare(sql)?;
        let rows = st.query_map([limit as i64], |r| {
            Ok(TopItem {
                name: r
                    .get::<_, Option<String>>(0)?
                    .unwrap_or_else(|| "(unknown)".into()),
                count: r.get::<_, i64>(1)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn stats(&self, limit: usize) -> Result<Stats> {
        let mut st = self.conn.prepare(
            "SELECT platform, kind, SUM(collected), SUM(1 - collected) FROM posts GROUP BY 1, 2 ORDER BY 1, 3 DESC",
        )?;
        let by_kind = st
            .query_map([], |r| {
                Ok(KindCount {
                    platform: r.get(0)?,
                    kind: r.get(1)?,
                    collected: r.get::<_, i64>(2)? as u64,
                    referenced: r.get::<_, i64>(3)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let (first, last): (Option<String>, Option<String>) = self.conn.query_row(
            &format!(
                "SELECT {}, {} FROM posts WHERE collected = 1",
                iso("MIN(created_at)"),
                iso("MAX(created_at)")
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut st = self.conn.prepare(&format!(
            "WITH p AS (SELECT platform, COUNT(*) AS posts, SUM(collected) AS collected, \
             MIN(CASE WHEN collected = 1 THEN created_at END) AS first, MAX(CASE WHEN collected = 1 THEN created_at END) AS last \
             FROM posts GROUP BY platform), \
             a AS (SELECT platform, COUNT(*) AS accounts FROM accounts GROUP BY platform), \
             i AS (SELECT s.platform, COUNT(*) AS n FROM interactions x JOIN accounts s ON s.id = x.src GROUP BY 1), \
             t AS (SELECT s.platform, COUNT(*) AS n FROM ties x JOIN accounts s ON s.id = x.src GROUP BY 1), \
             names AS (SELECT platform FROM p UNION SELECT platform FROM a) \
             SELECT names.platform, COALESCE(p.posts, 0), COALESCE(p.collected, 0), COALESCE(a.accounts, 0), \
             COALESCE(i.n, 0), COALESCE(t.n, 0), {}, {} FROM names LEFT JOIN p USING (platform) \
             LEFT JOIN a USING (platform) LEFT JOIN i USING (platform) LEFT JOIN t USING (platform) ORDER BY 1",
            iso("p.first"),
            iso("p.last")
        ))?;
        let by_platform = st
            .query_map([], |r| {
                let posts = r.get::<_, i64>(1)? as u64;
                let collected = r.get::<_, i64>(2)? as u64;
                Ok(PlatformCount {
                    platform: r.get(0)?,
                    posts,
                    collected,
                    referenced: posts - collected,
                    accounts: r.get::<_, i64>(3)? as u64,
                    interactions: r.get::<_, i64>(4)? as u64,
                    ties: r.get::<_, i64>(5)? as u64,
                    first_post: r.get(6)?,
                    last_post: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let account_name = "COALESCE('@' || a.handle, a.native_id)";
        Ok(Stats {
            posts: self.count("SELECT COUNT(*) FROM posts")?,
            collected: self.count("SELECT COUNT(*) FROM posts WHERE collected = 1")?,
            referenced: self.count("SELECT COUNT(*) FROM posts WHERE collected = 0")?,
            accounts: self.count("SELECT COUNT(*) FROM accounts")?,
            accounts_with_object: self.count("SELECT COUNT(*) FROM accounts WHERE has_object = 1")?,
            interactions: self.count("SELECT COUNT(*) FROM interactions")?,
            ties: self.count("SELECT COUNT(*) FROM ties")?,
            entities: self.count("SELECT COUNT(*) FROM entities")?,
            by_platform,
            by_kind,
            first_post: first,
            last_post: last,
            files: self.count("SELECT COUNT(*) FROM files")?,
            records_rejected: self.count("SELECT COALESCE(SUM(rejected), 0) FROM files")?,
            records_skipped: self.count("SELECT COALESCE(SUM(skipped), 0) FROM files")?,
            removed: self.count(
                "SELECT COALESCE(SUM(removed_posts + removed_accounts + removed_ties), 0) FROM files",
            )?,
            top_hashtags: self.top(
                "SELECT '#' || lower(e.value), COUNT(*) FROM entities e JOIN posts p ON p.id = e.post \
                 WHERE e.kind = 'hashtag' AND p.collected = 1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?1",
                limit,
            )?,
            top_accounts_by_posts: self.top(
                &format!(
                    "SELECT {account_name}, COUNT(*) FROM posts p JOIN accounts a ON a.id = p.author \
                     WHERE p.collected = 1 GROUP BY p.author ORDER BY 2 DESC, 1 LIMIT ?1"
                ),
                limit,
            )?,
            top_accounts_by_reposts_received: self.top(
                &format!(
                    "SELECT {account_name}, COUNT(*) FROM interactions i JOIN posts p ON p.id = i.post \
                     JOIN accounts a ON a.id = i.dst WHERE i.kind = 'repost' AND p.collected = 1 \
                     GROUP BY i.dst ORDER BY 2 DESC, 1 LIMIT ?1"
                ),
                limit,
            )?,
            top_domains: self.top(
                "SELECT e.detail, COUNT(*) FROM entities e JOIN posts p ON p.id = e.post \
                 WHERE e.kind = 'url' AND e.detail IS NOT NULL AND p.collected = 1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?1",
                limit,
            )?,
            languages: self.top(
                "SELECT COALESCE(lang, '(none)'), COUNT(*) FROM posts WHERE collected = 1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?1",
                limit,
            )?,
        })
    }

    /// Runs one read-only SQL statement and collects its result (for small results; see
    /// [`Corpus::sql_each`] to stream large ones).
    pub fn sql(&self, query: &str) -> Result<Table> {
        let mut table = Table::default();
        self.sql_each(query, &mut |columns, row| {
            if table.columns.is_empty() {
                table.columns = columns.to_vec();
            }
            table.rows.push(row.to_vec());
            Ok(())
        })
        .map(|columns| {
            table.columns = columns;
            table
        })
    }

    /// Runs one read-only SQL statement, handing each row to `on_row` as it is read (memory
    /// stays flat whatever the result size); returns the column names.
    pub fn sql_each(&self, query: &str, on_row: &mut RowSink<'_>) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(query)?;
        if !st.readonly() {
            return Err(StoreError::Invalid(
                "only read-only statements are allowed (SELECT, WITH, read-only PRAGMA); the corpus is changed by `crowdmine ingest`".into(),
            ));
        }
        let columns: Vec<String> = st.column_names().iter().map(|s| s.to_string()).collect();
        let n = columns.len();
        let mut rows = st.query([])?;
        let mut cells = Vec::with_capacity(n);
        while let Some(r) = rows.next()? {
            cells.clear();
            for i in 0..n {
                cells.push(Cell::from_sql(r.get_ref(i)?));
            }
            on_row(&columns, &cells).map_err(|source| StoreError::Io {
                context: "cannot write the result".into(),
                source,
            })?;
        }
        Ok(columns)
    }

    /// The query of an export; `time` renders a Unix-seconds column (as text for CSV and JSON
    /// lines, as is for Parquet, which has a timestamp type).
    pub(crate) fn export_query(kind: ExportKind, time: fn(&str) -> String) -> String {
        let window = "(?1 IS NULL OR p.created_at >= ?1) AND (?2 IS NULL OR p.created_at < ?2)";
        match kind {
            ExportKind::Posts => format!(
                "SELECT p.id, p.platform, p.native_id, p.author, a.native_id AS author_native_id, a.handle AS author_handle, \
                 {} AS created_at, p.kind, p.text, p.lang, p.reply_to, p.root, p.repost_of, p.quote_of, \
                 p.like_count, p.repost_count, p.reply_count, p.quote_count, p.lat, p.lon, p.place, p.sensitive, \
                 p.source_app, p.collected, p.community, p.removed, p.visibility \
                 FROM posts p LEFT JOIN accounts a ON a.id = p.author WHERE {window} ORDER BY p.id",
                time("p.created_at")
            ),
            ExportKind::Accounts => format!(
                "SELECT a.id, a.platform, a.native_id, a.handle, a.name, {} AS created_at, a.followers, a.following, \
                 a.post_count, a.verified, a.protected, a.bio, a.location, a.url, a.lang, a.has_object FROM accounts a \
                 WHERE (?1 IS NULL AND ?2 IS NULL) OR EXISTS (SELECT 1 FROM posts p WHERE p.author = a.id AND {window}) ORDER BY a.id",
                time("a.created_at")
            ),
            // Post-borne interactions, then ties (follows, likes: no post; a like names the
            // liked post's native id).
            ExportKind::Interactions => format!(
                "SELECT * FROM (SELECT i.src, i.dst, i.kind, i.post, {} AS created_at, s.platform, s.native_id AS src_native_id, \
                 s.handle AS src_handle, d.native_id AS dst_native_id, d.handle AS dst_handle, p.native_id AS post_native_id, \
                 p.collected FROM interactions i JOIN posts p ON p.id = i.post JOIN accounts s ON s.id = i.src \
                 JOIN accounts d ON d.id = i.dst WHERE {window} \
                 UNION ALL SELECT t.src, t.dst, t.kind, NULL, {}, s.platform, s.native_id, s.handle, \
                 d.native_id, d.handle, NULLIF(t.subject, ''), NULL FROM ties t JOIN accounts s ON s.id = t.src \
                 JOIN accounts d ON d.id = t.dst WHERE (?1 IS NULL OR t.created_at >= ?1) AND (?2 IS NULL OR t.created_at < ?2)) \
                 ORDER BY post IS NULL, post, kind, dst, src, post_native_id",
                time("i.created_at"),
                time("t.created_at")
            ),
            ExportKind::Entities => format!(
                "SELECT e.post, p.native_id AS post_native_id, e.kind, e.value, e.detail, {} AS created_at, p.collected \
                 FROM entities e JOIN posts p ON p.id = e.post WHERE {window} ORDER BY e.post, e.kind, e.value",
                time("p.created_at")
            ),
        }
    }

    /// Streams a table to `out` as CSV (with header) or JSON lines; returns the rows written.
    /// `since` and `until` (Unix seconds, until exclusive) select by post time.
    pub fn export(
        &self,
        kind: ExportKind,
        format: ExportFormat,
        since: Option<i64>,
        until: Option<i64>,
        out: &mut dyn Write,
    ) -> Result<u64> {
        let io = |source| StoreError::Io {
            context: "cannot write the export".into(),
            source,
        };
        let mut st = self.conn.prepare(&Self::export_query(kind, iso))?;
        let columns: Vec<String> = st.column_names().iter().map(|s| s.to_string()).collect();
        if format == ExportFormat::Csv {
            writeln!(out, "{}", columns.join(",")).map_err(io)?;
        }
        let mut rows = st.query(rusqlite::params![since, until])?;
        let mut n = 0;
        let mut cells = Vec::with_capacity(columns.len());
        while let Some(r) = rows.next()? {
            cells.clear();
            for i in 0..columns.len() {
                cells.push(Cell::from_sql(r.get_ref(i)?));
            }
            match format {
                ExportFormat::Csv => {
                    let line: Vec<String> = cells.iter().map(|c| csv_field(&c.display())).collect();
                    writeln!(out, "{}", line.join(",")).map_err(io)?;
                }
                ExportFormat::Jsonl => {
                    serde_json::to_writer(&mut *out, &JsonRow(&columns, &cells))
                        .map_err(|e| io(std::io::Error::other(e)))?;
                    writeln!(out).map_err(io)?;
                }
            }
            n += 1;
        }
        Ok(n)
    }

    /// A dump of the corpus that two equivalent ingests share: rows sorted by native ids, without
    /// dense ids, file paths or the times of the run. `with_ledger` adds the ledger counts.
    pub fn canonical_dump(&self, with_ledger: bool) -> Result<String> {
        let acc = |t: &str, c: &str| {
            format!("(SELECT COALESCE(native_id, '@' || lower(handle)) FROM accounts {t} WHERE {t}.id = {c})")
        };
        let mut queries = vec![
            format!(
                "SELECT 'post', platform, native_id, {}, created_at, kind, text, lang, reply_to, root, repost_of, quote_of, \
                 like_count, repost_count, reply_count, quote_count, lat, lon, place, visibility, sensitive, source_app, \
                 collected, source_line, retrieved_at, version, rank, community, removed \
                 FROM posts ORDER BY platform, native_id",
                acc("a", "posts.author")
            ),
            "SELECT 'account', platform, native_id, handle, name, created_at, followers, following, post_count, verified, \
             protected, bio, location, url, lang, has_object, source_line, retrieved_at, rank \
             FROM accounts ORDER BY platform, native_id, lower(handle)"
                .to_string(),
            "SELECT 'version', v.platform, v.native_id, p.native_id FROM post_versions v JOIN posts p ON p.id = v.post ORDER BY 2, 3".to_string(),
            format!(
                "SELECT 'interaction', p.platform, p.native_id, i.kind, {}, {}, i.created_at FROM interactions i \
                 JOIN posts p ON p.id = i.post ORDER BY 2, 3, 4, 5",
                acc("d", "i.dst"),
                acc("s", "i.src")
            ),
            "SELECT 'entity', p.platform, p.native_id, e.kind, e.value, e.detail FROM entities e JOIN posts p ON p.id = e.post \
             ORDER BY 2, 3, 4, 5"
                .to_string(),
            "SELECT 'compliance', platform, object, native_id, action, reason, created_at, redacted_at, line FROM compliance \
             ORDER BY 2, 3, 4, 5, 7"
                .to_string(),
            format!(
                "SELECT 'tie', s.platform, t.kind, {}, {}, t.subject, t.native_id, t.created_at FROM ties t \
                 JOIN accounts s ON s.id = t.src ORDER BY 2, 3, 4, 5, 6",
                acc("x", "t.src"),
                acc("y", "t.dst")
            ),
            format!(
                "SELECT 'attribute', a.platform, {}, x.name, typeof(x.value), x.value, t.kind FROM account_attributes x \
                 JOIN accounts a ON a.id = x.account LEFT JOIN attributes t ON t.name = x.name ORDER BY 2, 3, 4",
                acc("z", "x.account")
            ),
        ];
        if with_ledger {
            queries.push(
                "SELECT 'file', path, format, status, records_done, accepted, duplicate, skipped, rejected, posts_new, \
                 posts_updated, accounts_new, accounts_updated, api_errors, ties, removed_posts, removed_accounts, \
                 removed_ties, checksum FROM files ORDER BY path"
                    .to_string(),
            );
            queries.push(
                "SELECT 'reject', f.path, r.ordinal, r.line, r.reason, hex(r.head) FROM rejects r JOIN files f ON f.id = r.file ORDER BY 2, 3"
                    .to_string(),
            );
            queries.push(
                "SELECT 'skip', f.path, s.ordinal, s.line, s.resource FROM skips s JOIN files f ON f.id = s.file ORDER BY 2, 3".to_string(),
            );
        }
        let mut out = String::new();
        for q in queries {
            let mut st = self.conn.prepare(&q)?;
            let n = st.column_count();
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let cells: Vec<String> = (0..n)
                    .map(|i| {
                        r.get::<_, SqlValue>(i).map(|v| match v {
                            SqlValue::Null => "∅".to_string(),
                            SqlValue::Integer(i) => i.to_string(),
                            SqlValue::Real(f) => f.to_string(),
                            SqlValue::Text(t) => t.escape_debug().to_string(),
                            SqlValue::Blob(b) => format!("<{}>", b.len()),
                        })
                    })
                    .collect::<rusqlite::Result<_>>()?;
                out.push_str(&cells.join("\t"));
                out.push('\n');
            }
        }
        self.dump_raw(&mut out)?;
        Ok(out)
    }

    /// Raw JSON in the dump: its decompressed length and FNV-1a hash, independent of how it was
    /// compressed.
    fn dump_raw(&self, out: &mut String) -> Result<()> {
        let mut dicts = HashMap::new();
        for (what, sql) in [
            ("raw_post", "SELECT p.platform, p.native_id, r.dict, r.json FROM raw_posts r JOIN posts p ON p.id = r.post ORDER BY 1, 2"),
            ("raw_account", "SELECT a.platform, COALESCE(a.native_id, '@' || lower(a.handle)), r.dict, r.json \
              FROM raw_accounts r JOIN accounts a ON a.id = r.account ORDER BY 1, 2"),
        ] {
            let mut st = self.conn.prepare(sql)?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let (platform, native): (String, String) = (r.get(0)?, r.get(1)?);
                let json = self.decompress(&mut dicts, r.get(2)?, &r.get::<_, Vec<u8>>(3)?)?;
                let hash = json.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3));
                out.push_str(&format!("{what}\t{platform}\t{native}\t{}\t{hash:016x}\n", json.len()));
            }
        }
        Ok(())
    }
}
