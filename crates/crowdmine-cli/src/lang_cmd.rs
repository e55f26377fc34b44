//! `crowdmine lang`: the languages of the corpus's posts, as the platforms tagged them and as
//! identified where they did not; with `--text FILE`, the language of each line.

use anyhow::Result;
use clap::Args;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use crowdmine::sentiment::language_tag;
use crowdmine::text::lang::detect;
use crowdmine::{Cell, Corpus};
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct LangArgs {
    /// Identify the language of each line of this file instead (`-` for standard input): writes
    /// `line<TAB>lang`, the ISO 639-1 code or nothing when the line has no words.
    #[arg(long, value_name = "FILE")]
    text: Option<PathBuf>,
}

pub fn run(args: &LangArgs, db: &Path) -> Result<()> {
    if let Some(path) = &args.text {
        return run_text(path);
    }
    let corpus = Corpus::open_reader(db)?;
    // language → (posts the platform tagged with it, untagged posts identified as it)
    let mut counts: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    corpus.sql_each("SELECT text, lang FROM posts", &mut |_, r| {
        let text = match &r[0] {
            Cell::Text(t) => t.as_str(),
            _ => "",
        };
        let tag = match &r[1] {
            Cell::Text(t) => language_tag(Some(t)),
            _ => None,
        };
        match tag {
            Some(tag) => counts.entry(tag).or_default().0 += 1,
            None => {
                let found = detect(text).unwrap_or("(none)").to_owned();
                counts.entry(found).or_default().1 += 1;
            }
        }
        Ok(())
    })?;
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| {
        (b.1 .0 + b.1 .1)
            .cmp(&(a.1 .0 + a.1 .1))
            .then(a.0.cmp(&b.0))
    });
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header([
        "language",
        "posts",
        "tagged by the platform",
        "identified (untagged)",
    ]);
    for (lang, (tagged, found)) in rows {
        t.add_row([
            lang,
            (tagged + found).to_string(),
            tagged.to_string(),
            found.to_string(),
        ]);
    }
    println!("{t}");
    println!(
        "Untagged posts (and X's \"und\" and other non-language tags) are identified by whichlang \
         (16 languages); \"(none)\": no words besides links and mentions."
    );
    Ok(())
}

fn run_text(path: &Path) -> Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    writeln!(out, "line\tlang")?;
    crate::lines::each_line(path, |line, text| {
        writeln!(out, "{line}\t{}", detect(text).unwrap_or(""))?;
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}
