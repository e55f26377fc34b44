//! Synthetic social media with planted ground truth: `crowdmine synth`.
//!
//! A run builds a social graph with planted communities ([`world`]), invents each community's
//! vocabulary and sentiment ([`text`]), generates posts over time with cascades, an event burst
//! and inauthentic behaviour ([`timeline`]), and writes them in one platform's own export format
//! ([`formats`]) together with `truth.json` ([`truth`]), which records everything that was
//! planted. The same seed gives the same files; memory depends on the accounts, not the posts.

pub mod formats;
pub mod text;
pub mod timeline;
pub mod truth;
pub mod words;
pub mod world;

use std::path::Path;

/// Errors with messages a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("{0}")]
    Invalid(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
}

pub type Result<T, E = SynthError> = std::result::Result<T, E>;

pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> SynthError {
    let context = context.into();
    move |source| SynthError::Io { context, source }
}

/// The export format a run writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Platform {
    /// X API v2 search pages with `includes` and `errors`, as twarc2 writes them.
    #[serde(rename = "x-v2")]
    XV2,
    /// X API v1.1 statuses, one per line.
    #[serde(rename = "x-v1")]
    XV1,
    /// Pushshift NDJSON: submissions and comments.
    #[serde(rename = "reddit")]
    Reddit,
    /// Mastodon statuses as JSON lines, fetched from one instance.
    #[serde(rename = "mastodon")]
    Mastodon,
    /// Bluesky Jetstream events.
    #[serde(rename = "bluesky")]
    Bluesky,
}

impl Platform {
    pub const ALL: [Platform; 5] = [
        Platform::XV2,
        Platform::XV1,
        Platform::Reddit,
        Platform::Mastodon,
        Platform::Bluesky,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Platform::XV2 => "x-v2",
            Platform::XV1 => "x-v1",
            Platform::Reddit => "reddit",
            Platform::Mastodon => "mastodon",
            Platform::Bluesky => "bluesky",
        }
    }

    /// The corpus platform its ids belong to (`crowdmine ingest --platform`).
    pub fn corpus_platform(self) -> &'static str {
        match self {
            Platform::XV2 | Platform::XV1 => "x",
            Platform::Reddit => "reddit",
            Platform::Mastodon => "mastodon",
            Platform::Bluesky => "bluesky",
        }
    }

    pub fn parse(s: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.name() == s)
    }
}

/// How reposts spread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Regime {
    /// Influence: followers of a poster or reposter react (independent cascade).
    Contagion,
    /// Homophily without influence: adopters share the item's leaning, edges play no part.
    Homophily,
}

/// Everything a run depends on; recorded in `truth.json`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Params {
    pub accounts: u32,
    pub days: u32,
    /// Organic posts per day (reactions, events, spam and bots come on top).
    pub posts_per_day: f64,
    pub platform: Platform,
    /// Share of ties between communities.
    pub mixing: f64,
    pub seed: u64,
    pub zst: bool,
    /// Unix seconds of the first day's midnight UTC.
    pub start: i64,
    /// The time zone of the daily rhythm, as seconds east of UTC.
    pub utc_offset: i64,
    /// None: about √accounts / 4.
    pub communities: Option<u32>,
    pub avg_degree: f64,
    pub reciprocity: f64,
    /// Mean reactions a reposter triggers (< 1 keeps cascades finite).
    pub virality: f64,
    pub regime: Regime,
    pub events: u32,
    pub targets: u32,
    pub coordinated: u32,
    pub rounds_per_day: f64,
    pub spammers: u32,
    pub spam_per_day: f64,
    pub bots: u32,
    pub suspended: u32,
    pub deleted_share: f64,
    pub edited_share: f64,
    pub malformed: u32,
}

impl Params {
    /// Defaults for a run of `accounts` accounts over `days` days.
    pub fn new(accounts: u32, days: u32) -> Params {
        let scaled = |div: u32, lo: u32, hi: u32| (accounts / div).clamp(lo, hi);
        Params {
            accounts,
            days,
            posts_per_day: f64::from(accounts),
            platform: Platform::XV2,
            mixing: 0.3,
            seed: 1,
            zst: false,
            // Monday 2024-03-04.
            start: 1_709_510_400,
            utc_offset: 0,
            communities: None,
            avg_degree: 16.0,
            reciprocity: 0.3,
            virality: 0.6,
            regime: Regime::Contagion,
            events: 1,
            targets: 3,
            coordinated: scaled(100, 5, 50),
            rounds_per_day: 4.0,
            spammers: scaled(200, 3, 50),
            spam_per_day: 40.0,
            bots: scaled(200, 3, 50),
            suspended: 2,
            deleted_share: 0.01,
            edited_share: 0.01,
            malformed: 3,
        }
    }

    fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(SynthError::Invalid(m));
        if self.days == 0 || self.days > 3650 {
            return bad(format!("--days {} must be between 1 and 3650", self.days));
        }
        if !(0.0..=1.0).contains(&self.mixing) {
            return bad(format!("--mixing {} must be between 0 and 1", self.mixing));
        }
        if !(self.posts_per_day.is_finite() && self.posts_per_day >= 0.0) {
            return bad(format!(
                "--posts-per-day {} must be ≥ 0",
                self.posts_per_day
            ));
        }
        if !(0.0..1.0).contains(&self.virality) {
            return bad(format!(
                "virality {} must be in [0, 1): at 1 or more cascades never end",
                self.virality
            ));
        }
        if self.utc_offset.abs() > 14 * 3600 {
            return bad("a UTC offset must be within ±14:00".into());
        }
        let special = self.coordinated + self.spammers + self.bots + self.suspended;
        if u64::from(special) * 4 > u64::from(self.accounts) {
            return bad(format!(
                "{special} coordinated, spam, bot and suspended accounts are too many for {} accounts (at most a quarter)",
                self.accounts
            ));
        }
        Ok(())
    }
}

/// What a run wrote, for the terminal.
#[derive(Debug, Clone)]
pub struct Summary {
    pub files: Vec<String>,
    pub accounts: u32,
    pub follows: u64,
    pub posts: u64,
    pub malformed: u32,
    pub communities: u32,
    pub realised_mixing: f64,
}

/// Generates a run into `out` (created if missing; existing files of a run are replaced).
pub fn generate(params: &Params, out: &Path, progress: &mut dyn FnMut(f64)) -> Result<Summary> {
    params.validate()?;
    std::fs::create_dir_all(out).map_err(io(format!("cannot create {}", out.display())))?;
    let world = world::build(params)?;
    let mut rng = crowdmine_graph::random::Rng::stream(params.seed, 2);
    let vocab = text::Vocabulary::new(
        world.communities,
        params.targets as usize,
        params.events as usize,
        &mut rng,
    );
    let ids = formats::Ids::new(params, &world);
    formats::write_follows(out, &world, &ids)?;
    formats::write_attributes(out, &world, &ids)?;
    let mut writer = formats::writer(params, &world, &vocab, &ids, out)?;
    let parents_path = out.join("repost_parents.csv");
    let mut parents = std::io::BufWriter::new(
        std::fs::File::create(&parents_path)
            .map_err(io(format!("cannot create {}", parents_path.display())))?,
    );
    std::io::Write::write_all(&mut parents, b"repost,parent,root\n")
        .map_err(io("cannot write repost_parents.csv"))?;
    let mut timeline = timeline::Timeline::new(&world, &vocab, params, &ids, Box::new(parents));
    timeline
        .run(writer.as_mut(), progress)
        .map_err(io("cannot write the posts"))?;
    let written = writer
        .finish()
        .map_err(io("cannot finish the posts file"))?;
    let truth = truth::Truth::new(params, &world, &vocab, &ids, &timeline.stats, &written);
    truth.write(out)?;
    formats::write_targets(out, &vocab)?;
    truth::write_readme(out, params, &truth)?;
    Ok(Summary {
        files: written.files.clone(),
        accounts: params.accounts,
        follows: world.follows.edge_count() as u64,
        posts: truth.counts.posts,
        malformed: written.malformed.len() as u32,
        communities: world.communities,
        realised_mixing: world.realised_mixing,
    })
}
