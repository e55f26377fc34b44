//! The ingest pipeline: files → records → canonical objects → corpus.
//!
//! Three stages run at once per file: a reader thread decompresses and splits records, a parse
//! thread turns batches of records into objects on the rayon pool, and the calling thread writes
//! them to the corpus in input order. Progress is committed with the data every
//! [`IngestOptions::commit_every`] records, so a killed ingest re-run resumes after the last commit
//! and reaches the same corpus. Memory is bounded by the channel depth times the batch size.

use crowdmine_ingest::csv::Mapping;
use crowdmine_ingest::delimited::{CsvRows, EdgeRows};
use crowdmine_ingest::records::{head, Item, Layout, RecordReader};
use crowdmine_ingest::source;
use crowdmine_ingest::{detect, parse_record, AdapterOptions, Format, Outcome, Relation, WithRaw};
use crowdmine_model::{Account, Platform, Post, Tie};
use crowdmine_store::{fault, Corpus, FileStatus, Ledger, RecordSource, StoreError, Writer};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Commit at least every this many bytes of records, so that commits stay small (and an
/// interrupted ingest loses little) when records are whole API pages.
pub const COMMIT_BYTES: usize = 32 << 20;
/// How many records the format detector may look at before it gives up.
const DETECT_WINDOW: usize = 64;
/// A batch sent from the reader to the parser: at most this many bytes of records…
const BATCH_BYTES: usize = 4 << 20;
/// …or this many records.
const BATCH_RECORDS: usize = 4096;

#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Force a format instead of recognising it from each file's content.
    pub format: Option<Format>,
    /// Keep each post's and account's raw JSON (zstd-compressed) in the corpus.
    pub keep_raw: bool,
    /// Commit (with the ledger) after this many records, or [`COMMIT_BYTES`] of input.
    pub commit_every: u64,
    /// Keep Mastodon direct messages.
    pub include_direct: bool,
    /// Pages of accounts list the followers or followings of this account (native id).
    pub follows_of: Option<(String, Relation)>,
    /// The platform of CSV rows and follow edges that do not name one.
    pub platform: Option<Platform>,
    /// Column mapping of CSV files of posts (presets are recognised without one).
    pub mapping: Option<Mapping>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            format: None,
            keep_raw: true,
            commit_every: 2000,
            include_direct: false,
            follows_of: None,
            platform: None,
            mapping: None,
        }
    }
}

/// Receives progress while files are ingested (the CLI draws a progress bar from it).
pub trait Progress: Sync {
    /// A file starts; `size` is its size on disk.
    fn file(&self, _path: &Path, _size: u64) {}
    /// Bytes of the current file read from disk so far, and records done in it.
    fn advance(&self, _bytes: u64, _records: u64) {}
}

impl Progress for () {}

/// What happened to one file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileReport {
    pub path: PathBuf,
    pub format: Option<String>,
    pub compression: Option<String>,
    pub status: String,
    pub ledger: Ledger,
    /// Why the file was skipped or failed, in words.
    pub message: Option<String>,
    /// The first rejected records: (line, reason).
    pub rejects: Vec<(u64, String)>,
    /// The file could not be read at all (missing, a directory, unknown format).
    pub failed: bool,
    /// Already ingested and unchanged: nothing was read.
    pub unchanged: bool,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct IngestReport {
    pub files: Vec<FileReport>,
    /// Reply interactions derived after the files (replies whose parent's author was not in
    /// the reply's record).
    pub replies_resolved: u64,
}

impl IngestReport {
    pub fn failed(&self) -> bool {
        self.files.iter().any(|f| f.failed)
    }
    pub fn rejected(&self) -> u64 {
        self.files.iter().map(|f| f.ledger.rejected).sum()
    }
}

/// Ingests `files` into `corpus`, one after the other. A file that cannot be read is reported and
/// the others are still ingested; only corpus errors (disk full, a broken database) stop the run.
pub fn ingest(
    corpus: &mut Corpus,
    files: &[PathBuf],
    opts: &IngestOptions,
    progress: &dyn Progress,
) -> Result<IngestReport, StoreError> {
    let dict = if opts.keep_raw {
        raw_dictionary(corpus, files, opts)?
    } else {
        None
    };
    let mut writer = corpus.writer(opts.keep_raw, dict.as_ref().map(|d| d.0))?;
    let parsers = parser_pool()?;
    let mut report = IngestReport::default();
    for path in files {
        report.files.push(ingest_file(
            &mut writer,
            path,
            opts,
            &dict,
            &parsers,
            progress,
        )?);
    }
    report.replies_resolved = writer.resolve_replies()?;
    Ok(report)
}

/// The threads that parse records: one core fewer than the machine has, since the writer keeps
/// one core busy (measured: on 2 cores, 1 parser + the writer beats 2 parsers + the writer by 10 %).
/// `RAYON_NUM_THREADS` overrides.
fn parser_pool() -> Result<rayon::ThreadPool, StoreError> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let threads = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cores.saturating_sub(1))
        .max(1);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("crowdmine-parse-{i}"))
        .build()
        .map_err(|e| StoreError::Io {
            context: "cannot start the parser threads".into(),
            source: std::io::Error::other(e),
        })
}

/// The path as the ledger knows it: canonical, so a re-run from another directory finds it.
fn ledger_path(path: &Path) -> String {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

enum Parsed {
    Objects {
        line: u64,
        platform: Platform,
        retrieved_at: Option<i64>,
        accounts: Vec<(Account, Option<Vec<u8>>)>,
        posts: Vec<(Post, Option<Vec<u8>>)>,
        ties: Vec<Tie>,
        api_errors: u32,
    },
    Skipped {
        line: u64,
        platform: Platform,
        resource: &'static str,
        compliance: Vec<crowdmine_model::ComplianceEvent>,
    },
    Rejected {
        line: u64,
        reason: String,
        head: Vec<u8>,
    },
}

/// zstd level for raw JSON: level 1 keeps compression off the critical path.
const RAW_LEVEL: i32 = 1;
/// Size of the raw-JSON dictionary, and how much raw JSON to train it on.
const DICT_BYTES: usize = 64 << 10;
const DICT_SAMPLE_BYTES: usize = 2 << 20;
/// At most this many records per file are read to gather dictionary samples.
const DICT_SAMPLE_RECORDS: usize = 20_000;

/// The dictionary raw JSON is compressed with during this ingest.
type RawDict = Option<(u32, Arc<Vec<u8>>)>;

/// A compression context with the dictionary it was made for.
type DictCompressor = (Option<Arc<Vec<u8>>>, zstd::bulk::Compressor<'static>);

thread_local! {
    // One compression context per thread and dictionary: creating one per object costs more
    // than compressing.
    // Keyed by the dictionary itself (not its id: two corpora may both have a dictionary 1).
    static RAW_COMPRESSOR: std::cell::RefCell<Option<DictCompressor>> =
        const { std::cell::RefCell::new(None) };
}

fn compress<T>(items: Vec<WithRaw<T>>, dict: &RawDict) -> Vec<(T, Option<Vec<u8>>)> {
    RAW_COMPRESSOR.with(|cell| {
        let mut cell = cell.borrow_mut();
        let want = dict.as_ref().map(|d| d.1.clone());
        let same = |have: &Option<Arc<Vec<u8>>>| match (have, &want) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if !cell.as_ref().is_some_and(|c| same(&c.0)) {
            let z = match dict {
                Some((_, bytes)) => zstd::bulk::Compressor::with_dictionary(RAW_LEVEL, bytes),
                None => zstd::bulk::Compressor::new(RAW_LEVEL),
            };
            *cell = z.ok().map(|z| (want, z));
        }
        items
            .into_iter()
            .map(|w| {
                let raw = match (w.raw, cell.as_mut()) {
                    (Some(r), Some((_, z))) => z.compress(&r).ok(),
                    _ => None,
                };
                (w.value, raw)
            })
            .collect()
    })
}

/// The corpus's raw-JSON dictionary; a corpus without one gets one trained on the first records
/// of `files` (deterministic for the same files, so a resumed ingest trains the same one).
fn raw_dictionary(
    corpus: &mut Corpus,
    files: &[PathBuf],
    opts: &IngestOptions,
) -> Result<RawDict, StoreError> {
    if let Some((id, bytes)) = corpus.raw_dictionary()? {
        return Ok(Some((id, Arc::new(bytes))));
    }
    let mut samples: Vec<Vec<u8>> = Vec::new();
    let mut total = 0;
    let adapter = AdapterOptions {
        keep_raw: true,
        ..AdapterOptions::default()
    };
    'files: for path in files {
        let Ok(opened) = source::open(path) else {
            continue;
        };
        if opts.format.is_some_and(Format::is_delimited) || is_delimited_path(path) {
            continue;
        }
        let mut records = RecordReader::new(opened.reader);
        let head_items: Vec<Item> = records.by_ref().take(DETECT_WINDOW).collect();
        let Some(format) = opts.format.or_else(|| recognise(&head_items)) else {
            continue;
        };
        for item in head_items
            .into_iter()
            .chain(records)
            .take(DICT_SAMPLE_RECORDS)
        {
            let Item::Record { bytes, .. } = item else {
                continue;
            };
            if let Outcome::Objects {
                posts, accounts, ..
            } = parse_record(format, &bytes, &adapter)
            {
                let raws = posts.into_iter().filter_map(|p| p.raw);
                for raw in raws.chain(accounts.into_iter().filter_map(|a| a.raw)) {
                    total += raw.len();
                    samples.push(raw);
                }
            }
            if total >= DICT_SAMPLE_BYTES {
                break 'files;
            }
        }
    }
    // Too few samples make a useless dictionary; compress without one.
    if samples.len() < 200 {
        return Ok(None);
    }
    let started = std::time::Instant::now();
    let trained = zstd::dict::from_samples(&samples, DICT_BYTES);
    tracing::info!(
        samples = samples.len(),
        bytes = total,
        seconds = started.elapsed().as_secs_f64(),
        "trained the raw-JSON dictionary"
    );
    match trained {
        Ok(dict) => {
            let id = corpus.save_raw_dictionary(&dict)?;
            Ok(Some((id, Arc::new(dict))))
        }
        Err(_) => Ok(None),
    }
}

fn parse_item(
    item: Item,
    format: Format,
    opts: &AdapterOptions,
    dict: &RawDict,
) -> (u64, usize, Parsed) {
    fault::point("parse");
    match item {
        Item::Bad {
            ordinal,
            line,
            reason,
            head,
        } => (ordinal, 0, Parsed::Rejected { line, reason, head }),
        Item::Record {
            ordinal,
            line,
            bytes,
        } => {
            // A panic in an adapter is a bug, but it must not lose the rest of the file: the
            // record is rejected with a reason that asks for a report.
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                parse_record(format, &bytes, opts)
            }))
            .unwrap_or_else(|_| Outcome::Rejected {
                reason: "internal error while parsing this record (please report it)".into(),
            });
            let parsed = match outcome {
                Outcome::Objects {
                    platform,
                    posts,
                    accounts,
                    ties,
                    retrieved_at,
                    api_errors,
                } => Parsed::Objects {
                    line,
                    platform,
                    retrieved_at,
                    accounts: compress(accounts, dict),
                    posts: compress(posts, dict),
                    ties,
                    api_errors,
                },
                Outcome::Skipped {
                    platform,
                    resource,
                    compliance,
                } => Parsed::Skipped {
                    line,
                    platform,
                    resource,
                    compliance,
                },
                Outcome::Rejected { reason } => Parsed::Rejected {
                    line,
                    reason,
                    head: head(&bytes),
                },
            };
            (ordinal, bytes.len(), parsed)
        }
    }
}

fn failed_report(path: &Path, message: String) -> FileReport {
    FileReport {
        path: path.to_path_buf(),
        format: None,
        compression: None,
        status: FileStatus::Failed.as_str().into(),
        ledger: Ledger::default(),
        message: Some(message),
        rejects: Vec::new(),
        failed: true,
        unchanged: false,
    }
}

/// Finds the format of a file from its first records that are JSON of a known kind.
fn recognise(head: &[Item]) -> Option<Format> {
    head.iter().find_map(|item| match item {
        Item::Record { bytes, .. } => detect(bytes),
        Item::Bad { .. } => None,
    })
}

/// The records of a file, whatever its layout.
type Records = Box<dyn Iterator<Item = Item> + Send>;

/// Files read as delimited text by their name: `.csv`, `.tsv` (before a compression suffix).
fn is_delimited_path(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = [".gz", ".zst"]
        .iter()
        .fold(name.as_str(), |n, ext| n.strip_suffix(ext).unwrap_or(n));
    name.ends_with(".csv") || name.ends_with(".tsv")
}

/// Opens a delimited file: its records, format and column mapping, or why it cannot be read.
fn open_delimited(
    reader: Box<dyn std::io::Read + Send>,
    opts: &IngestOptions,
) -> Result<(Records, Format, Option<Arc<Mapping>>), String> {
    if opts.format == Some(Format::Follows) {
        return Ok((Box::new(EdgeRows::new(reader)), Format::Follows, None));
    }
    let rows = CsvRows::new(reader).map_err(|e| format!("cannot read the CSV: {e}"))?;
    let header = rows.header().to_vec();
    let format = match (opts.format, &opts.mapping) {
        (Some(f), _) => f,
        (None, Some(_)) => Format::Csv,
        (None, None) => Mapping::recognise(&header).ok_or_else(|| {
            format!(
                "unrecognised CSV (columns: {}); name its columns with --map id=COLUMN,author=COLUMN,time=COLUMN,text=COLUMN,… \
                 or pass --format twarc-csv, 4cat or follows",
                header.join(", ")
            )
        })?,
    };
    if format == Format::Follows {
        return Ok((Box::new(rows), format, None));
    }
    if !format.is_delimited() {
        return Err(format!("{format} files are JSON, not CSV"));
    }
    let mapping = match &opts.mapping {
        Some(m) => m.clone(),
        None => Mapping::preset(format, &header).ok_or_else(|| {
            "a CSV of posts needs a column mapping: --map id=COLUMN,author=COLUMN,time=COLUMN,text=COLUMN,…".to_string()
        })?,
    };
    let missing = mapping.missing(&header);
    if !missing.is_empty() {
        return Err(format!(
            "the CSV has no column {} named by the mapping; its columns are: {}",
            missing.join(", "),
            header.join(", ")
        ));
    }
    Ok((Box::new(rows), format, Some(Arc::new(mapping))))
}

fn ingest_file(
    writer: &mut Writer<'_>,
    path: &Path,
    opts: &IngestOptions,
    dict: &RawDict,
    parsers: &rayon::ThreadPool,
    progress: &dyn Progress,
) -> Result<FileReport, StoreError> {
    let key = ledger_path(path);
    let opened = match source::open(path) {
        Ok(o) => o,
        Err(e) => {
            // Counted in the ledger too, so `stats` shows what could not be read.
            let msg = e.to_string();
            writer.note_unreadable(&key, &msg)?;
            return Ok(failed_report(path, msg));
        }
    };
    let state = writer.begin_file(&key, opened.size, opened.mtime)?;
    let compression = opened.compression.as_str();
    if state.unchanged && matches!(state.status, FileStatus::Done | FileStatus::Empty) {
        writer.checkpoint(state.id, state.records_done, None)?;
        return Ok(FileReport {
            path: path.to_path_buf(),
            format: None,
            compression: Some(compression.into()),
            status: state.status.as_str().into(),
            ledger: state.ledger,
            message: Some("already ingested and unchanged; nothing to do".into()),
            rejects: Vec::new(),
            failed: false,
            unchanged: true,
        });
    }
    progress.file(path, opened.size);
    let bytes_read = opened.bytes_read.clone();
    let checksum = opened.checksum_handle();
    // A file that cannot be read as any format: one reject says why, and the file fails.
    let fail = |writer: &mut Writer<'_>, line: u64, first: &[u8], msg: String| {
        writer.reject(state.id, 0, line, &msg, first)?;
        writer.finish_file(
            state.id,
            0,
            FileStatus::Failed,
            None,
            compression,
            &checksum.get(),
            Some(&msg),
        )?;
        let mut r = failed_report(path, msg);
        r.ledger = writer.ledger().clone();
        Ok::<_, StoreError>(r)
    };
    let (records, format, mapping): (Records, Format, Option<Arc<Mapping>>) = if opts
        .format
        .is_some_and(Format::is_delimited)
        || is_delimited_path(path)
    {
        match open_delimited(opened.reader, opts) {
            Ok(x) => x,
            Err(msg) => return fail(writer, 1, &[], msg),
        }
    } else {
        let mut records = RecordReader::new(opened.reader);
        if records.layout() == Layout::Empty {
            writer.finish_file(
                state.id,
                0,
                FileStatus::Empty,
                None,
                compression,
                &checksum.get(),
                Some("empty file: no records"),
            )?;
            let mut r = failed_report(path, "empty file: no records".into());
            r.status = FileStatus::Empty.as_str().into();
            r.failed = false;
            r.compression = Some(compression.into());
            return Ok(r);
        }
        let head_items: Vec<Item> = records.by_ref().take(DETECT_WINDOW).collect();
        let Some(format) = opts.format.or_else(|| recognise(&head_items)) else {
            let (line, first) = match head_items.first() {
                Some(Item::Record { line, bytes, .. }) => (*line, head(bytes)),
                Some(Item::Bad { line, head, .. }) => (*line, head.clone()),
                None => (1, Vec::new()),
            };
            let msg = format!(
                    "unrecognised format: the first records (from line {line}) are not X/Twitter, Reddit, \
                     Mastodon or Bluesky JSON; pass --format to force one"
                );
            return fail(writer, line, &first, msg);
        };
        (
            Box::new(head_items.into_iter().chain(records)),
            format,
            None,
        )
    };
    let adapter = AdapterOptions {
        keep_raw: opts.keep_raw,
        account_compliance: path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().to_lowercase().contains("user")),
        include_direct: opts.include_direct,
        follows_of: opts.follows_of.clone(),
        platform: opts.platform,
        csv: mapping,
    };
    let adapter = &adapter;
    let skip_before = state.records_done;
    let mut rejects = Vec::new();
    let mut records_done = skip_before;
    let mut since_commit = 0u64;
    let mut bytes_since_commit = 0usize;

    let result: Result<(), StoreError> = std::thread::scope(|scope| {
        let (raw_tx, raw_rx) = sync_channel::<Vec<Item>>(2);
        let (parsed_tx, parsed_rx) = sync_channel::<Vec<(u64, usize, Parsed)>>(2);
        scope.spawn(move || {
            let mut batch = Vec::new();
            let mut bytes = 0;
            for item in records {
                let ordinal = match &item {
                    Item::Record { ordinal, .. } | Item::Bad { ordinal, .. } => *ordinal,
                };
                if ordinal < skip_before {
                    continue;
                }
                if let Item::Record { bytes: b, .. } = &item {
                    bytes += b.len();
                }
                batch.push(item);
                if batch.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES {
                    if raw_tx.send(std::mem::take(&mut batch)).is_err() {
                        return;
                    }
                    bytes = 0;
                }
            }
            if !batch.is_empty() {
                let _ = raw_tx.send(batch);
            }
        });
        scope.spawn(move || {
            for batch in raw_rx {
                let parsed: Vec<(u64, usize, Parsed)> = parsers.install(|| {
                    batch
                        .into_par_iter()
                        .map(|item| parse_item(item, format, adapter, dict))
                        .collect()
                });
                if parsed_tx.send(parsed).is_err() {
                    return;
                }
            }
        });
        let (mut waiting, mut writing) = (Duration::ZERO, Duration::ZERO);
        let mut mark = Instant::now();
        for batch in parsed_rx {
            waiting += mark.elapsed();
            mark = Instant::now();
            for (ordinal, size, parsed) in batch {
                let src = |platform, line, retrieved_at| RecordSource {
                    platform,
                    file: state.id,
                    line,
                    retrieved_at,
                };
                match parsed {
                    Parsed::Objects {
                        line,
                        platform,
                        retrieved_at,
                        accounts,
                        posts,
                        ties,
                        api_errors,
                    } => {
                        writer.apply_record(
                            src(platform, line, retrieved_at),
                            accounts,
                            posts,
                            ties,
                            api_errors,
                        )?;
                    }
                    Parsed::Skipped {
                        line,
                        platform,
                        resource,
                        compliance,
                    } => writer.skip(src(platform, line, None), ordinal, resource, &compliance)?,
                    Parsed::Rejected { line, reason, head } => {
                        if rejects.len() < 20 {
                            rejects.push((line, reason.clone()));
                        }
                        writer.reject(state.id, ordinal, line, &reason, &head)?;
                    }
                }
                records_done = ordinal + 1;
                since_commit += 1;
                bytes_since_commit += size;
                if since_commit >= opts.commit_every || bytes_since_commit >= COMMIT_BYTES {
                    bytes_since_commit = 0;
                    writer.checkpoint(state.id, records_done, Some(format.as_str()))?;
                    since_commit = 0;
                }
            }
            progress.advance(bytes_read.load(Ordering::Relaxed), records_done);
            writing += mark.elapsed();
            mark = Instant::now();
        }
        // Which stage bounds the ingest: waiting for parsed records, or writing them.
        tracing::debug!(
            file = %path.display(),
            writing_s = writing.as_secs_f64(),
            waiting_for_parse_s = waiting.as_secs_f64(),
            "ingest stages"
        );
        Ok(())
    });
    result?;
    progress.advance(bytes_read.load(Ordering::Relaxed), records_done);
    writer.finish_file(
        state.id,
        records_done,
        FileStatus::Done,
        Some(format.as_str()),
        compression,
        &checksum.get(),
        None,
    )?;
    Ok(FileReport {
        path: path.to_path_buf(),
        format: Some(format.as_str().into()),
        compression: Some(compression.into()),
        status: FileStatus::Done.as_str().into(),
        ledger: writer.ledger().clone(),
        message: None,
        rejects,
        failed: false,
        unchanged: false,
    })
}
