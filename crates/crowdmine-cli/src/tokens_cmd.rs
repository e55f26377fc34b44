//! `crowdmine tokens --text FILE`: the social tokenizer on one text per line — tokens with their
//! kind and folded form, sentences, or n-grams.

use anyhow::{bail, Result};
use clap::builder::TypedValueParser;
use clap::{Args, ValueEnum};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use crowdmine::text::tokens::{self, Kind, Token, STOP_WORD_LANGUAGES};
use serde_json::json;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum TokensFormat {
    Tsv,
    /// JSON lines: one object per input line.
    Json,
}

/// `--kinds` values: the names of the tokenizer's kinds.
fn kind_parser() -> impl TypedValueParser<Value = Kind> {
    clap::builder::PossibleValuesParser::new(Kind::ALL.map(Kind::name)).map(|name| {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .unwrap_or(Kind::Word)
    })
}

#[derive(Args, Debug)]
pub struct TokensArgs {
    /// The texts, one per line (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    text: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TokensFormat::Tsv)]
    format: TokensFormat,
    /// Keep only tokens of these kinds (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = kind_parser())]
    kinds: Vec<Kind>,
    /// Drop the stop words of this language (ISO 639-1: ar de en es fr hi it ja ko nl pt ru sv tr
    /// vi zh; stopwords-iso lists, compared with the folded form).
    #[arg(long, value_name = "LANG")]
    stop_words: Option<String>,
    /// Write the sentences of each line instead of its tokens.
    #[arg(long, conflicts_with_all = ["ngrams", "kinds", "stop_words"])]
    sentences: bool,
    /// Print only a summary: lines, bytes, tokens of each kind and the tokenizer's speed.
    #[arg(long, conflicts_with_all = ["sentences", "ngrams", "format"])]
    summary: bool,
    /// Write the n-grams of each line's folded tokens instead (punctuation left out).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=10))]
    ngrams: Option<u16>,
}

pub fn run(args: &TokensArgs) -> Result<()> {
    let stop = match &args.stop_words {
        Some(lang) => match tokens::stop_words(lang) {
            Some(set) => Some(set),
            None => bail!(
                "no stop-word list for {lang:?}; lists exist for {}",
                STOP_WORD_LANGUAGES.join(", ")
            ),
        },
        None => None,
    };
    let keep = |t: &Token<'_>| {
        (args.kinds.is_empty() || args.kinds.contains(&t.kind))
            && (args.ngrams.is_none() || t.kind != Kind::Punct)
            && stop.is_none_or(|s| !s.contains(t.folded().as_ref()))
    };
    if args.summary {
        return summary(args, keep);
    }
    let mut out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    let tsv = args.format == TokensFormat::Tsv;
    if tsv {
        let header = if args.sentences {
            "line\tsentence\ttext"
        } else if args.ngrams.is_some() {
            "line\tngram"
        } else {
            "line\tstart\tkind\ttext\tfolded"
        };
        writeln!(out, "{header}")?;
    }
    crate::lines::each_line(&args.text, |line, text| {
        if args.sentences {
            let found = tokens::sentences(text);
            if tsv {
                for (i, s) in found.iter().enumerate() {
                    writeln!(out, "{line}\t{}\t{}", i + 1, s.replace('\t', " "))?;
                }
            } else {
                writeln!(out, "{}", json!({"line": line, "sentences": found}))?;
            }
            return Ok(());
        }
        let toks: Vec<Token<'_>> = tokens::Tokens::new(text).filter(|t| keep(t)).collect();
        if let Some(n) = args.ngrams {
            let folded: Vec<String> = toks.iter().map(|t| t.folded().into_owned()).collect();
            let grams: Vec<String> = tokens::ngrams(&folded, n.into()).collect();
            if tsv {
                for g in &grams {
                    writeln!(out, "{line}\t{g}")?;
                }
            } else {
                writeln!(out, "{}", json!({"line": line, "ngrams": grams}))?;
            }
            return Ok(());
        }
        if tsv {
            for t in &toks {
                writeln!(
                    out,
                    "{line}\t{}\t{}\t{}\t{}",
                    t.start,
                    t.kind.name(),
                    t.text,
                    t.folded()
                )?;
            }
        } else {
            let list: Vec<_> = toks
                .iter()
                .map(|t| json!({"start": t.start, "kind": t.kind, "text": t.text, "folded": t.folded()}))
                .collect();
            writeln!(out, "{}", json!({"line": line, "tokens": list}))?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}

/// Counts by kind, and the tokenizer's throughput on the text alone (reading excluded).
fn summary(args: &TokensArgs, keep: impl Fn(&Token<'_>) -> bool) -> Result<()> {
    let mut counts = [0u64; Kind::ALL.len()];
    let (mut lines, mut bytes, mut busy) = (0u64, 0u64, Duration::ZERO);
    crate::lines::each_line(&args.text, |_, text| {
        let clock = Instant::now();
        for t in tokens::Tokens::new(text).filter(|t| keep(t)) {
            counts[t.kind as usize] += 1;
        }
        busy += clock.elapsed();
        lines += 1;
        bytes += text.len() as u64;
        Ok(())
    })?;
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_header(["kind", "tokens"]);
    for kind in Kind::ALL.into_iter().filter(|&k| counts[k as usize] > 0) {
        table.add_row([kind.name().to_string(), counts[kind as usize].to_string()]);
    }
    table.add_row(["all".to_string(), counts.iter().sum::<u64>().to_string()]);
    println!("{table}");
    let secs = busy.as_secs_f64().max(1e-9);
    println!(
        "{lines} lines, {bytes} bytes; tokenized in {secs:.3} s ({:.1} MB/s, one thread)",
        bytes as f64 / secs / 1e6
    );
    Ok(())
}
