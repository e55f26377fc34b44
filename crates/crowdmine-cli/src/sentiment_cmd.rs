//! `crowdmine sentiment --text FILE`: VADER scores of one text per line.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use crowdmine::text::{Scores, Vader};
use rayon::prelude::*;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum TextFormat {
    Tsv,
    Csv,
    /// JSON lines: one object per input line.
    Json,
}

#[derive(Args, Debug)]
pub struct SentimentArgs {
    /// Texts to score, one per line (`-` for standard input); a trailing "\r" is dropped.
    #[arg(long, value_name = "FILE")]
    text: PathBuf,
    #[arg(long, value_enum, default_value_t = TextFormat::Tsv)]
    format: TextFormat,
    /// Write the scores here instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Lines scored per parallel batch: large enough to keep every core busy, small enough to stream.
const BATCH: usize = 8192;

pub fn run(args: &SentimentArgs) -> Result<()> {
    let name = args.text.display().to_string();
    let input: Box<dyn Read> = if name == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(File::open(&args.text).with_context(|| format!("cannot open {name}"))?)
    };
    let out: Box<dyn Write> = match &args.out {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let vader = Vader::new();
    let sep = if args.format == TextFormat::Csv {
        ","
    } else {
        "\t"
    };
    if args.format != TextFormat::Json {
        writeln!(out, "line{sep}neg{sep}neu{sep}pos{sep}compound")?;
    }
    let mut reader = BufReader::new(input);
    let (mut line_no, mut scored, mut rejected) = (0u64, 0u64, 0u64);
    let mut batch: Vec<(u64, String)> = Vec::with_capacity(BATCH);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let eof = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("{name}: read error after line {line_no}"))?
            == 0;
        if !eof {
            line_no += 1;
            if buf.last() == Some(&b'\n') {
                buf.pop();
            }
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            match String::from_utf8(std::mem::take(&mut buf)) {
                Ok(text) => batch.push((line_no, text)),
                Err(_) => {
                    rejected += 1;
                    eprintln!("{name}:{line_no}: not valid UTF-8; line skipped");
                }
            }
        }
        if batch.len() == BATCH || (eof && !batch.is_empty()) {
            let scores: Vec<Scores> = batch
                .par_iter()
                .map(|(_, text)| vader.polarity_scores(text))
                .collect();
            for ((line, _), s) in batch.iter().zip(&scores) {
                write_row(&mut out, args.format, sep, *line, s)?;
            }
            scored += batch.len() as u64;
            batch.clear();
        }
        if eof {
            break;
        }
    }
    out.flush()?;
    if rejected > 0 {
        eprintln!("{scored} lines scored, {rejected} skipped (not valid UTF-8; listed above)");
    }
    Ok(())
}

fn write_row(
    out: &mut impl Write,
    format: TextFormat,
    sep: &str,
    line: u64,
    s: &Scores,
) -> Result<()> {
    // `{:?}` writes floats as Python's repr does ("0.0", "0.254"), so rows compare as text too.
    if format == TextFormat::Json {
        writeln!(
            out,
            "{{\"line\":{line},\"neg\":{:?},\"neu\":{:?},\"pos\":{:?},\"compound\":{:?}}}",
            s.neg, s.neu, s.pos, s.compound
        )?;
    } else {
        writeln!(
            out,
            "{line}{sep}{:?}{sep}{:?}{sep}{:?}{sep}{:?}",
            s.neg, s.neu, s.pos, s.compound
        )?;
    }
    Ok(())
}
