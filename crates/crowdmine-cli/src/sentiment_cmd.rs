//! `crowdmine sentiment`: VADER scores of the corpus's posts, grouped by day, week, account,
//! hashtag or platform; with `--text FILE`, of one text per line.

use crate::score_rows::{push_row, LineNumber};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use crowdmine::sentiment::{groups_by_community, score_posts, ScoreReport};
use crowdmine::text::lines::newlines;
use crowdmine::text::vader::SCORER;
use crowdmine::text::Vader;
use crowdmine::{csv_field, Corpus};
use crowdmine_store::{SentimentBy, SentimentGroup};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum TextFormat {
    Tsv,
    Csv,
    /// JSON lines: one object per input line.
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ByArg {
    All,
    /// UTC calendar day.
    Day,
    /// ISO week, UTC.
    Week,
    Account,
    Hashtag,
    Platform,
    /// The community of the post's author, from --communities.
    Community,
}

#[derive(Args, Debug)]
pub struct SentimentArgs {
    /// Score these texts instead of the corpus: one per line (`-` for standard input); a
    /// trailing "\r" is dropped.
    #[arg(long, value_name = "FILE")]
    text: Option<PathBuf>,
    /// Output format: with --text tsv (the default), csv or json (JSON lines); for the corpus a
    /// terminal table unless given.
    #[arg(long, value_enum)]
    format: Option<TextFormat>,
    /// Write the scores (--text) or every group (the corpus, CSV) here.
    #[arg(long)]
    out: Option<PathBuf>,
    /// How the corpus's scores are grouped.
    #[arg(long, value_enum, default_value_t = ByArg::Day, conflicts_with = "text")]
    by: ByArg,
    /// Accounts' communities for --by community: `node,community` as `crowdmine communities
    /// --kind … --out FILE` writes them.
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    communities: Option<PathBuf>,
    /// Also score posts the platform tagged with a language other than English.
    #[arg(long, conflicts_with = "text")]
    any_language: bool,
    /// Count reposts (they repeat another post's words) in the groups.
    #[arg(long, conflicts_with = "text")]
    include_reposts: bool,
    /// Groups shown in the terminal for --by account and hashtag (--out writes all).
    #[arg(long, default_value_t = 20, conflicts_with = "text")]
    top: usize,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

/// Bytes read and scored per block with several threads: large enough to keep every core busy,
/// small enough to stream.
const BLOCK: usize = 4 << 20;
/// Bytes per block with one thread: small enough to stay in a core's second-level cache (512 KiB
/// on the benchmark's machine) from the read to the scoring (6 % faster than `BLOCK` there).
const SERIAL_BLOCK: usize = 256 << 10;
/// Lines per parallel task within a block.
const CHUNK: usize = 512;

pub fn run(args: &SentimentArgs, db: &Path) -> Result<()> {
    match &args.text {
        Some(path) => run_text(args, path),
        None => run_corpus(args, db),
    }
}

fn run_corpus(args: &SentimentArgs, db: &Path) -> Result<()> {
    // The partition first: a mistake in it should not wait for the scoring.
    let partition = match (args.by, &args.communities) {
        (ByArg::Community, Some(path)) => Some(read_partition(path)?),
        (ByArg::Community, None) => bail!(
            "--by community needs --communities FILE (node,community), e.g. from `crowdmine \
             communities --kind mention --out FILE`"
        ),
        _ => None,
    };
    let corpus = Corpus::open_writer(db)?;
    let report = score_corpus(&corpus, args.any_language, args.quiet)?;
    let by = match args.by {
        ByArg::All => SentimentBy::All,
        ByArg::Day => SentimentBy::Day,
        ByArg::Week => SentimentBy::Week,
        ByArg::Account | ByArg::Community => SentimentBy::Account,
        ByArg::Hashtag => SentimentBy::Hashtag,
        ByArg::Platform => SentimentBy::Platform,
    };
    let groups = match &partition {
        Some(partition) => groups_by_community(&corpus, partition, args.include_reposts)?,
        None => corpus.sentiment_groups(by, SCORER, args.include_reposts)?,
    };
    if let Some(path) = &args.out {
        let file =
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        write_groups(&mut BufWriter::new(file), &groups, b',')?;
    }
    let stdout = &mut std::io::stdout().lock();
    match args.format {
        None => {
            let shown = match by {
                SentimentBy::Account | SentimentBy::Hashtag => args.top,
                _ => usize::MAX,
            };
            let mut t = Table::new();
            t.load_preset(UTF8_FULL_CONDENSED);
            t.set_header([
                "group",
                "posts",
                "mean compound",
                "positive",
                "negative",
                "neutral",
                "net",
            ]);
            for g in groups.iter().take(shown) {
                t.add_row([
                    g.key.clone(),
                    g.posts.to_string(),
                    format!("{:.4}", g.mean_compound),
                    format!("{:.3}", g.positive),
                    format!("{:.3}", g.negative),
                    format!("{:.3}", g.neutral),
                    format!("{:+.3}", g.net),
                ]);
            }
            writeln!(stdout, "{t}")?;
            if groups.len() > shown {
                writeln!(
                    stdout,
                    "{} more groups (--top, or --out FILE for all)",
                    groups.len() - shown
                )?;
            }
            writeln!(
                stdout,
                "positive: compound >= 0.05, negative: <= -0.05 (VADER's thresholds); net = positive - negative"
            )?;
        }
        Some(TextFormat::Json) => {
            let json = serde_json::json!({"scorer": SCORER, "report": report, "groups": groups});
            writeln!(stdout, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        Some(TextFormat::Csv) => write_groups(stdout, &groups, b',')?,
        Some(TextFormat::Tsv) => write_groups(stdout, &groups, b'\t')?,
    }
    Ok(())
}

/// Scores the posts that need it (a progress bar unless `quiet`) and says what was done.
pub(crate) fn score_corpus(
    corpus: &Corpus,
    any_language: bool,
    quiet: bool,
) -> Result<ScoreReport> {
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr_with_hz(4))
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} posts · ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let report = score_posts(corpus, any_language, &mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    eprintln!(
        "{} posts: {} scored by {SCORER} now, {} unchanged; not scored: {} in another language \
         (--any-language scores them), {} without text",
        report.posts, report.scored, report.unchanged, report.other_language, report.empty
    );
    Ok(report)
}

/// `node,community` rows (a header first; other columns ignored).
pub(crate) fn read_partition(path: &Path) -> Result<FxHashMap<String, String>> {
    let shown = path.display();
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("cannot open {shown}"))?;
    let headers = reader
        .headers()
        .with_context(|| format!("{shown}: no header"))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(node), Some(community)) = (column("node"), column("community")) else {
        bail!("{shown}: needs the columns node and community (as `crowdmine communities --out` writes them)");
    };
    let mut partition = FxHashMap::default();
    for (i, row) in reader.records().enumerate() {
        let row = row.with_context(|| format!("{shown}:{}: not a CSV row", i + 2))?;
        match (row.get(node), row.get(community)) {
            (Some(n), Some(c)) => {
                partition.insert(n.to_owned(), c.to_owned());
            }
            _ => bail!("{shown}:{}: missing node or community", i + 2),
        }
    }
    Ok(partition)
}

fn write_groups(out: &mut impl Write, groups: &[SentimentGroup], sep: u8) -> Result<()> {
    let s = char::from(sep);
    writeln!(
        out,
        "group{s}posts{s}mean_compound{s}positive{s}negative{s}neutral{s}net"
    )?;
    for g in groups {
        let key = if sep == b',' {
            csv_field(&g.key)
        } else {
            g.key.replace('\t', " ")
        };
        writeln!(
            out,
            "{key}{s}{}{s}{}{s}{}{s}{}{s}{}{s}{}",
            g.posts, g.mean_compound, g.positive, g.negative, g.neutral, g.net
        )?;
    }
    out.flush()?;
    Ok(())
}

/// Reads into `buf` until it is full or the input ends: fewer bytes than `buf` holds only at the
/// end of the input.
fn fill(input: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn run_text(args: &SentimentArgs, path: &Path) -> Result<()> {
    let name = path.display().to_string();
    let mut input = crate::lines::open(path)?;
    // Unbuffered: each block's rows are written at once, and a buffer would only copy them.
    let mut out: Box<dyn Write> = match &args.out {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let vader = Vader::new();
    let format = args.format.unwrap_or(TextFormat::Tsv);
    let sep = if format == TextFormat::Csv {
        b','
    } else {
        b'\t'
    };
    if format != TextFormat::Json {
        let s = char::from(sep);
        out.write_all(format!("line{s}neg{s}neu{s}pos{s}compound\n").as_bytes())?;
    }
    let (mut line_no, mut scored, mut rejected) = (0u64, 0u64, 0u64);
    let serial = rayon::current_num_threads() == 1;
    let block_len = if serial { SERIAL_BLOCK } else { BLOCK };
    // A block of whole lines (the bytes after its last newline wait for the next read), and each
    // line's number and range.
    let mut data = vec![0u8; block_len];
    // The bytes of `data` read and not yet scored.
    let mut filled = 0;
    let mut lines: Vec<(u64, std::ops::Range<usize>)> = Vec::with_capacity(block_len / 32);
    // Each parallel task's rows, kept from block to block (no allocation once they have grown),
    // and the block's rows together: one write per block.
    let mut rows: Vec<Vec<u8>> = Vec::new();
    let mut written: Vec<u8> = Vec::new();
    let mut eof = false;
    while !eof {
        // Fill the block (or read to the end of the input), a whole block per call where the
        // input allows. A line longer than a block doubles it.
        if filled == data.len() {
            data.resize(2 * data.len(), 0);
        }
        let want = data.len() - filled;
        let n = fill(&mut input, &mut data[filled..])
            .with_context(|| format!("{name}: read error after line {line_no}"))?;
        filled += n;
        eof = n < want;
        // Whole lines only, unless the input ended (a last line without newline).
        let end = if eof {
            filled
        } else {
            match memchr::memrchr(b'\n', &data[..filled]) {
                Some(i) => i + 1,
                // One line longer than the block: read on.
                None => continue,
            }
        };
        // One UTF-8 check for the whole block; line by line only to name a bad line.
        let block = std::str::from_utf8(&data[..end]).ok();
        lines.clear();
        let mut start = 0;
        // Every newline ends a line; the end of the block ends the last one, if any is left.
        for stop in newlines(&data[..end]).chain([end]) {
            if start == end {
                break;
            }
            line_no += 1;
            let mut e = stop;
            if e > start && data[e - 1] == b'\r' {
                e -= 1;
            }
            if block.is_some() || std::str::from_utf8(&data[start..e]).is_ok() {
                lines.push((line_no, start..e));
            } else {
                rejected += 1;
                eprintln!("{name}:{line_no}: not valid UTF-8; line skipped");
            }
            start = stop + 1;
        }
        let score = |(chunk, out): (&[(u64, std::ops::Range<usize>)], &mut Vec<u8>)| {
            out.clear();
            let mut number = LineNumber::default();
            for (line, range) in chunk {
                // Checked above: the whole block at once, or this line alone.
                let text = match block {
                    Some(b) => &b[range.clone()],
                    None => std::str::from_utf8(&data[range.clone()]).unwrap_or_default(),
                };
                number.set(*line);
                push_row(out, format, sep, &number, &vader.polarity_scores(text));
            }
        };
        if serial {
            // With one thread, this thread scores, into the block's rows: the whole command
            // measured 4–12 % faster than with each block handed to the pool's one worker.
            score((&lines, &mut written));
        } else {
            // Grown, never shrunk: a row buffer dropped here would be allocated again next block.
            let chunks = lines.len().div_ceil(CHUNK);
            if rows.len() < chunks {
                rows.resize_with(chunks, Vec::new);
            }
            lines
                .par_chunks(CHUNK)
                .zip(rows.par_iter_mut())
                .for_each(score);
            written.clear();
            for r in &rows[..chunks] {
                written.extend_from_slice(r);
            }
        }
        out.write_all(&written)?;
        scored += lines.len() as u64;
        data.copy_within(end..filled, 0);
        filled -= end;
        // Back to its size after a line longer than a block, once the rest fits.
        if data.len() > block_len && filled < block_len {
            data.truncate(block_len);
        }
    }
    out.flush()?;
    if rejected > 0 {
        eprintln!("{scored} lines scored, {rejected} skipped (not valid UTF-8; listed above)");
    }
    Ok(())
}
