//! The `crowdmine` command: a thin shell over the crowdmine library.

mod progress;
mod render;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use crowdmine::ingest::{ingest, IngestOptions};
use crowdmine::{Corpus, ExportFormat, ExportKind, Format};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

// Ingest allocates many small JSON values across threads; mimalloc handles that far better.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "crowdmine",
    version,
    about = "Social media mining: ingest platform exports into a corpus, then measure and mine it",
    long_about = "Social media mining: ingest platform exports into a corpus, then measure and mine it.\n\n\
        A corpus is one SQLite file (crowdmine.db in the working directory unless --db is given).\n\
        Typical first steps:\n\
        \n  crowdmine ingest tweets.jsonl more/*.jsonl.zst\
        \n  crowdmine stats\
        \n  crowdmine sql \"SELECT lang, COUNT(*) FROM posts GROUP BY lang\"\
        \n  crowdmine export posts --format csv --out posts.csv\n\n\
        Set RUST_LOG=debug for a detailed log on stderr."
)]
struct Cli {
    /// The corpus file.
    #[arg(
        long,
        global = true,
        default_value = "crowdmine.db",
        env = "CROWDMINE_DB"
    )]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read platform exports into the corpus (deduplicated, resumable, safe to re-run).
    #[command(long_about = "Read platform exports into the corpus.\n\n\
        Files may be plain, .gz or .zst (recognised by content), JSON lines, one pretty-printed document \
        or a top-level array. The format is recognised per file from its content: X/Twitter API v2 pages, \
        stream lines, lookups and twarc2 flattened tweets (x-v2); API v1.1 statuses, search responses and \
        user objects (x-v1).\n\n\
        Posts and accounts are deduplicated on (platform, native id); when the same object arrives twice \
        the later edit of a post, then the record with more fields, then the later retrieval, then the later \
        file path (ignoring a .gz/.zst suffix) and line wins. Re-running the same command adds nothing; an \
        interrupted ingest resumes where it stopped.\n\n\
        Malformed records are counted and listed with file and line (see them with \
        `crowdmine sql \"SELECT * FROM rejects\"`); resources that are not posts or accounts (tweet counts, \
        lists, compliance results) are skipped with a reason.\n\n\
        Exit status: 0 on success; 1 when a file could not be read at all (missing, a directory, unknown \
        format); 2 for other errors (e.g. the corpus is in use); 3 with --strict when any record was \
        rejected.")]
    Ingest {
        /// Files to ingest.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Format of the files; `auto` recognises it per file from the content.
        #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
        format: FormatArg,
        /// Fail (exit status 3) when any record is rejected.
        #[arg(long)]
        strict: bool,
        /// Do not keep the raw JSON of posts and accounts (smaller corpus).
        #[arg(long)]
        no_raw: bool,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// Commit after this many records (crash tests use small values).
        #[arg(long, hide = true, default_value_t = IngestOptions::default().commit_every)]
        commit_every: u64,
    },
    /// Summarise the corpus: volumes by platform and kind, time range, top hashtags, accounts,
    /// domains and languages.
    Stats {
        #[arg(long, value_enum, default_value_t = OutFormat::Table)]
        format: OutFormat,
        /// Length of the top lists.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Run one read-only SQL query on the corpus (tables: posts, accounts, interactions, entities,
    /// post_versions, files, rejects, skips, compliance; times are Unix seconds, UTC).
    #[command(
        long_about = "Run one read-only SQL query (SQLite dialect) on the corpus.\n\n\
        Tables: posts, accounts, interactions (post, kind, src, dst, created_at), entities (post, kind, value, \
        detail), post_versions, files (the ingest ledger), rejects, skips, compliance, raw_posts, raw_accounts.\n\
        Times are Unix seconds (UTC): use datetime(created_at, 'unixepoch') to read them.\n\n\
        Example: crowdmine sql \"SELECT kind, COUNT(*) FROM posts WHERE collected GROUP BY kind\""
    )]
    Sql {
        query: String,
        #[arg(long, value_enum, default_value_t = OutFormat::Table)]
        format: OutFormat,
    },
    /// Export a table of the corpus as CSV, JSON lines or Parquet.
    Export {
        #[arg(value_enum)]
        what: ExportArg,
        #[arg(long, value_enum, default_value_t = ExportFormatArg::Csv)]
        format: ExportFormatArg,
        /// Only posts created at or after this time (RFC 3339 or YYYY-MM-DD, UTC).
        #[arg(long)]
        since: Option<String>,
        /// Only posts created before this time (RFC 3339 or YYYY-MM-DD, UTC).
        #[arg(long)]
        until: Option<String>,
        /// Output file (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Auto,
    #[value(name = "x-v2")]
    XV2,
    #[value(name = "x-v1")]
    XV1,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum OutFormat {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportArg {
    Posts,
    Accounts,
    Interactions,
    Entities,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportFormatArg {
    Csv,
    Jsonl,
    /// Typed columns, `created_at` as a UTC timestamp (needs a build with `--features parquet`).
    Parquet,
}

fn time_arg(s: &Option<String>, name: &str) -> Result<Option<i64>> {
    match s {
        None => Ok(None),
        Some(s) => crowdmine::model::time::parse_rfc3339(s)
            .map(Some)
            .with_context(|| format!("--{name} {s:?}: expected a date (2021-06-26) or an RFC 3339 time (2021-06-26T19:22:00Z)")),
    }
}

#[cfg(feature = "parquet")]
fn export_parquet(
    corpus: &Corpus,
    kind: ExportKind,
    since: Option<i64>,
    until: Option<i64>,
    out: Option<&std::path::Path>,
) -> Result<u64> {
    Ok(match out {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            corpus.export_parquet(kind, since, until, std::io::BufWriter::new(file))?
        }
        None => corpus.export_parquet(
            kind,
            since,
            until,
            std::io::BufWriter::new(std::io::stdout()),
        )?,
    })
}

#[cfg(not(feature = "parquet"))]
fn export_parquet(
    _: &Corpus,
    _: ExportKind,
    _: Option<i64>,
    _: Option<i64>,
    _: Option<&std::path::Path>,
) -> Result<u64> {
    bail!(
        "this crowdmine was built without Parquet support (it adds minutes to the build); \
         rebuild with `cargo build --release --features parquet`, or export CSV or JSON lines"
    )
}

fn open_reader(db: &std::path::Path) -> Result<Corpus> {
    let corpus = Corpus::open_reader(db)?;
    if corpus.in_use {
        eprintln!(
            "note: corpus {} is in use by an ingest; showing its last committed state",
            db.display()
        );
    }
    Ok(corpus)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest {
            files,
            format,
            strict,
            no_raw,
            quiet,
            commit_every,
        } => {
            let mut corpus = Corpus::open_writer(&cli.db)?;
            let opts = IngestOptions {
                format: match format {
                    FormatArg::Auto => None,
                    FormatArg::XV2 => Some(Format::XV2),
                    FormatArg::XV1 => Some(Format::XV1),
                },
                keep_raw: !no_raw,
                commit_every: commit_every.max(1),
            };
            let bar = progress::Bar::new(&files, quiet);
            let report = ingest(&mut corpus, &files, &opts, &bar)?;
            bar.finish();
            render::ingest_summary(&report, &cli.db)?;
            if report.failed() {
                return Ok(ExitCode::from(1));
            }
            if strict && report.rejected() > 0 {
                eprintln!("error: --strict: {} record(s) rejected", report.rejected());
                return Ok(ExitCode::from(3));
            }
        }
        Command::Stats { format, top } => {
            let corpus = open_reader(&cli.db)?;
            let stats = corpus.stats(top)?;
            match format {
                OutFormat::Json => {
                    let mut out = std::io::stdout().lock();
                    serde_json::to_writer_pretty(&mut out, &stats)?;
                    writeln!(out)?;
                }
                OutFormat::Table => render::stats(&stats)?,
                OutFormat::Csv => bail!("stats has no CSV form; use --format table or json"),
            }
        }
        Command::Sql { query, format } => {
            let corpus = open_reader(&cli.db)?;
            if format == OutFormat::Table {
                render::table(&corpus.sql(&query)?)?;
            } else {
                render::stream(&corpus, &query, format)?;
            }
        }
        Command::Export {
            what,
            format,
            since,
            until,
            out,
        } => {
            let corpus = open_reader(&cli.db)?;
            let kind = match what {
                ExportArg::Posts => ExportKind::Posts,
                ExportArg::Accounts => ExportKind::Accounts,
                ExportArg::Interactions => ExportKind::Interactions,
                ExportArg::Entities => ExportKind::Entities,
            };
            let (since, until) = (time_arg(&since, "since")?, time_arg(&until, "until")?);
            let n = if format == ExportFormatArg::Parquet {
                export_parquet(&corpus, kind, since, until, out.as_deref())?
            } else {
                let format = if format == ExportFormatArg::Csv {
                    ExportFormat::Csv
                } else {
                    ExportFormat::Jsonl
                };
                let mut w: Box<dyn Write> = match &out {
                    Some(path) => Box::new(std::io::BufWriter::new(
                        std::fs::File::create(path)
                            .with_context(|| format!("cannot create {}", path.display()))?,
                    )),
                    None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
                };
                let n = corpus.export(kind, format, since, until, &mut w)?;
                w.flush()?;
                n
            };
            if let Some(path) = out {
                eprintln!("wrote {n} rows to {}", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // `crowdmine stats | head` is not an error.
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) || e.to_string().contains("Broken pipe");
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
