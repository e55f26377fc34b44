//! `crowdmine opinion --targets FILE`: share of voice and sentiment of each target (candidates,
//! parties, brands, topics), overall and as a series by day, week, platform or community.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use crowdmine::opinion::{opinion, OpinionBy};
use crowdmine::text::opinion::{Driver, Matcher, Report, Settings, Stance, Target};
use crowdmine::{csv_field, Corpus};
use serde::Deserialize;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum OpinionByArg {
    All,
    /// UTC calendar day.
    Day,
    /// ISO week, UTC.
    Week,
    Platform,
    /// The author's community, from --communities.
    Community,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum OpinionFormat {
    /// Terminal tables.
    Table,
    /// The series as CSV.
    Csv,
    /// Everything as JSON.
    Json,
}

#[derive(Args, Debug)]
pub struct OpinionArgs {
    /// The targets (TOML): one [[target]] per target with a name and any of keywords, hashtags
    /// and handles.
    #[arg(long, value_name = "FILE")]
    targets: PathBuf,
    /// Groups of the series (--out, --format csv).
    #[arg(long, value_enum, default_value_t = OpinionByArg::Day)]
    by: OpinionByArg,
    /// Accounts' communities for --by community: `node,community` as `crowdmine communities
    /// --kind … --out FILE` writes them.
    #[arg(long, value_name = "FILE")]
    communities: Option<PathBuf>,
    /// Write the series (one row per group and target) as CSV here.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = OpinionFormat::Table)]
    format: OpinionFormat,
    /// Posts shown per list (most positive, most negative, most engaged).
    #[arg(long, default_value_t = 3)]
    top: usize,
    /// Bootstrap resamples for the 95% interval of the mean compound.
    #[arg(long, default_value_t = 1000)]
    resamples: usize,
    /// Seed of the bootstrap.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Count reposts (they repeat another post's words).
    #[arg(long)]
    include_reposts: bool,
    /// Also score posts the platform tagged with a language other than English.
    #[arg(long)]
    any_language: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetsFile {
    target: Vec<Target>,
}

pub(crate) fn read_targets(path: &Path) -> Result<Matcher> {
    let body =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let file: TargetsFile = toml::from_str(&body).map_err(|e| {
        anyhow::anyhow!(
            "{}: {e}\nA targets file holds one [[target]] table per target, e.g.\n\n[[target]]\nname = \"Labour\"\n\
             keywords = [\"labour\", \"keir starmer\", \"starmer*\"]\nhashtags = [\"#labour\"]\nhandles = [\"@UKLabour\"]",
            path.display()
        )
    })?;
    Matcher::new(&file.target).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

pub fn run(args: &OpinionArgs, db: &Path) -> Result<()> {
    // Mistakes in the inputs first: they should not wait for the scoring.
    let matcher = read_targets(&args.targets)?;
    let by = match (args.by, &args.communities) {
        (OpinionByArg::Community, Some(p)) => {
            OpinionBy::Community(crate::sentiment_cmd::read_partition(p)?)
        }
        (OpinionByArg::Community, None) => {
            bail!("--by community needs --communities FILE (node,community), e.g. from `crowdmine communities --kind mention --out FILE`")
        }
        (OpinionByArg::All, _) => OpinionBy::All,
        (OpinionByArg::Day, _) => OpinionBy::Day,
        (OpinionByArg::Week, _) => OpinionBy::Week,
        (OpinionByArg::Platform, _) => OpinionBy::Platform,
    };
    let corpus = Corpus::open_writer(db)?;
    crate::sentiment_cmd::score_corpus(&corpus, args.any_language, args.quiet)?;
    let settings = Settings {
        resamples: args.resamples,
        level: 0.95,
        seed: args.seed,
        top: args.top,
    };
    let mut report = opinion(&corpus, &matcher, &by, args.include_reposts, settings)?;
    if matches!(args.by, OpinionByArg::Platform | OpinionByArg::Community) {
        // Largest groups first; days and weeks stay in time order.
        report.groups.sort_by_key(|(key, s)| {
            (
                std::cmp::Reverse(s.iter().map(|x| x.posts).sum::<u64>()),
                key.clone(),
            )
        });
    }
    if let Some(path) = &args.out {
        let f = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        write_series(&mut BufWriter::new(f), &report)?;
    }
    let stdout = &mut std::io::stdout().lock();
    match args.format {
        OpinionFormat::Csv => write_series(stdout, &report)?,
        OpinionFormat::Json => writeln!(stdout, "{}", serde_json::to_string_pretty(&report)?)?,
        OpinionFormat::Table => print_tables(stdout, &report, args)?,
    }
    Ok(())
}

fn fmt_opt(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| format!("{v:.4}"))
}

const SERIES_HEADER: [&str; 11] = [
    "group",
    "target",
    "posts",
    "share_of_voice",
    "scored",
    "mean_compound",
    "ci_low",
    "ci_high",
    "positive",
    "negative",
    "net",
];

fn series_row(group: &str, target: &str, s: &Stance) -> Vec<String> {
    vec![
        group.to_string(),
        target.to_string(),
        s.posts.to_string(),
        format!("{:.4}", s.share_of_voice),
        s.scored.to_string(),
        fmt_opt(s.mean_compound),
        fmt_opt(s.ci_low),
        fmt_opt(s.ci_high),
        format!("{:.4}", s.positive),
        format!("{:.4}", s.negative),
        format!("{:.4}", s.net),
    ]
}

fn write_series(out: &mut impl Write, r: &Report) -> Result<()> {
    writeln!(out, "{}", SERIES_HEADER.join(","))?;
    for (group, stances) in &r.groups {
        for (target, s) in r.targets.iter().zip(stances) {
            let row: Vec<String> = series_row(group, target, s)
                .iter()
                .map(|c| csv_field(c))
                .collect();
            writeln!(out, "{}", row.join(","))?;
        }
    }
    out.flush()?;
    Ok(())
}

fn snippet(d: &Driver) -> String {
    let one_line: String = d.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = one_line.chars().take(90).collect();
    if cut.len() < one_line.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

fn print_tables(out: &mut impl Write, r: &Report, args: &OpinionArgs) -> Result<()> {
    writeln!(
        out,
        "{} posts read, {} speak of at least one target",
        r.posts, r.matched
    )?;
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header([
        "target",
        "posts",
        "share of voice",
        "scored",
        "mean compound [95% CI]",
        "positive",
        "negative",
        "net",
    ]);
    for (name, s) in r.targets.iter().zip(&r.overall) {
        let mean = match (s.mean_compound, s.ci_low, s.ci_high) {
            (Some(m), Some(lo), Some(hi)) => format!("{m:+.3} [{lo:+.3}, {hi:+.3}]"),
            _ => "—".into(),
        };
        t.add_row([
            name.clone(),
            s.posts.to_string(),
            format!("{:.1}%", 100.0 * s.share_of_voice),
            s.scored.to_string(),
            mean,
            format!("{:.3}", s.positive),
            format!("{:.3}", s.negative),
            format!("{:+.3}", s.net),
        ]);
    }
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "VADER compound; positive >= 0.05, negative <= -0.05, net = positive - negative; interval: \
         percentile bootstrap, {} resamples, seed {}",
        args.resamples, args.seed
    )?;
    for (name, d) in r.targets.iter().zip(&r.drivers) {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED).set_header([
            "",
            "post",
            "author",
            "compound",
            "engagement",
            "text",
        ]);
        for (label, list) in [
            ("most positive", &d.most_positive),
            ("most negative", &d.most_negative),
            ("most engaged", &d.most_engaged),
        ] {
            for p in list {
                t.add_row([
                    label.to_string(),
                    p.id.clone(),
                    p.author.clone(),
                    fmt_opt(p.compound),
                    p.engagement.to_string(),
                    snippet(p),
                ]);
            }
        }
        if !t.is_empty() {
            writeln!(out, "\n{name}: the posts driving it\n{t}")?;
        }
    }
    if r.groups.len() > 1 {
        writeln!(
            out,
            "\n{} groups by {:?}: --out FILE or --format csv writes the series",
            r.groups.len(),
            args.by
        )?;
    }
    Ok(())
}
