//! `crowdmine synth`: synthetic social media with planted ground truth, in a platform's own
//! export format.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use crowdmine::synth::{self, Params, Platform, Regime};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SynthPlatform {
    /// X API v2 search pages with includes and errors, as twarc2 writes them.
    #[value(name = "x-v2")]
    XV2,
    /// X API v1.1 statuses, one per line.
    #[value(name = "x-v1")]
    XV1,
    /// Pushshift NDJSON submissions and comments.
    Reddit,
    /// Mastodon statuses (JSON lines) fetched from one instance.
    Mastodon,
    /// Bluesky Jetstream events.
    Bluesky,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RegimeArg {
    /// Followers of a poster or reposter react (influence).
    Contagion,
    /// Adopters share the item's leaning; follow edges play no part (homophily, no influence).
    Homophily,
}

#[derive(Args, Debug, Clone)]
pub struct SynthArgs {
    /// Number of accounts.
    #[arg(long, default_value_t = 1000)]
    pub accounts: u32,
    /// Number of days, from --start.
    #[arg(long, default_value_t = 7)]
    pub days: u32,
    /// Organic posts per day (reactions, the event, spam and bots come on top); default: one per account.
    #[arg(long)]
    pub posts_per_day: Option<f64>,
    /// The export format to write.
    #[arg(long, value_enum, default_value_t = SynthPlatform::XV2)]
    pub platform: SynthPlatform,
    /// Share of follow ties between communities (μ).
    #[arg(long, default_value_t = 0.3)]
    pub mixing: f64,
    /// Number of planted communities; default about √accounts / 4.
    #[arg(long)]
    pub communities: Option<u32>,
    /// How reposts spread.
    #[arg(long, value_enum, default_value_t = RegimeArg::Contagion)]
    pub regime: RegimeArg,
    /// Mean reactions one reposter triggers (below 1).
    #[arg(long, default_value_t = 0.6)]
    pub virality: f64,
    /// Planted events (a new hashtag bursting and spreading across communities).
    #[arg(long, default_value_t = 1)]
    pub events: u32,
    /// First day (YYYY-MM-DD, UTC midnight).
    #[arg(long, default_value = "2024-03-04")]
    pub start: String,
    /// Time zone of the daily rhythm, as a UTC offset: `+02:00`, `-05:00`, `UTC`.
    #[arg(long, default_value = "UTC")]
    pub tz: String,
    /// Deliberately malformed lines planted in the posts file.
    #[arg(long, default_value_t = 3)]
    pub malformed: u32,
    /// Random seed: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Compress the posts file with zstd.
    #[arg(long)]
    pub zst: bool,
    /// The output folder (created; files of an earlier run are replaced).
    #[arg(long)]
    pub out: PathBuf,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `+HH:MM`, `-HH:MM`, `UTC` or `Z` as seconds east of UTC.
pub(crate) fn parse_offset(s: &str) -> Option<i64> {
    if s.eq_ignore_ascii_case("utc") || s == "Z" {
        return Some(0);
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = s[1..].split_once(':').unwrap_or((&s[1..], "0"));
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

pub fn run(a: &SynthArgs) -> Result<()> {
    let mut p = Params::new(a.accounts, a.days);
    if let Some(ppd) = a.posts_per_day {
        p.posts_per_day = ppd;
    }
    p.platform = match a.platform {
        SynthPlatform::XV2 => Platform::XV2,
        SynthPlatform::XV1 => Platform::XV1,
        SynthPlatform::Reddit => Platform::Reddit,
        SynthPlatform::Mastodon => Platform::Mastodon,
        SynthPlatform::Bluesky => Platform::Bluesky,
    };
    p.mixing = a.mixing;
    p.communities = a.communities;
    p.regime = match a.regime {
        RegimeArg::Contagion => Regime::Contagion,
        RegimeArg::Homophily => Regime::Homophily,
    };
    p.virality = a.virality;
    p.events = a.events;
    p.malformed = a.malformed;
    p.seed = a.seed;
    p.zst = a.zst;
    p.start = match crowdmine::model::time::parse_rfc3339(&a.start) {
        Some(t) if t.rem_euclid(86_400) == 0 => t,
        _ => bail!("--start {:?}: give a date as YYYY-MM-DD", a.start),
    };
    p.utc_offset = parse_offset(&a.tz).with_context(|| {
        format!(
            "--tz {:?}: give a UTC offset such as +02:00, -05:00 or UTC",
            a.tz
        )
    })?;

    let bar = if a.quiet {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::with_draw_target(Some(1000), ProgressDrawTarget::stderr_with_hz(4));
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {percent}% of the days · ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        b
    };
    let summary = synth::generate(&p, &a.out, &mut |done| {
        bar.set_position((done * 1000.0) as u64)
    })?;
    bar.finish_and_clear();
    let dir = a.out.display();
    // Written, not printed: `crowdmine synth … | head` ends quietly (see main).
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} accounts in {} communities (mixing {:.3} realised), {} follows, {} posts ({} malformed lines planted) → {dir}",
        summary.accounts,
        summary.communities,
        summary.realised_mixing,
        summary.follows,
        summary.posts,
        summary.malformed
    )?;
    writeln!(
        out,
        "files: {}, follows.csv, accounts.csv, targets.toml, repost_parents.csv, truth.json, README.md",
        summary.files.join(", ")
    )?;
    writeln!(
        out,
        "ingest: crowdmine ingest {dir}/{} && crowdmine ingest --format follows --platform {} {dir}/follows.csv",
        summary.files.join(" "),
        p.platform.corpus_platform()
    )?;
    Ok(())
}
