//! `truth.json`: everything a run planted, for tests and for judging mining methods. The schema
//! is documented in `docs/synth.md`; ids are the platform's native ids, as in the posts file.

use crate::formats::{Ids, Malformed, Written};
use crate::text::{Target, Vocabulary};
use crate::timeline::{PlantedEvent, Round, Stats};
use crate::world::{Role, World, LEANINGS};
use crate::{io, Params, Result};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

pub const SCHEMA: &str = "crowdmine-synth-truth/1";

#[derive(Serialize)]
pub struct Truth {
    pub schema: &'static str,
    pub generator: String,
    pub platform: &'static str,
    pub corpus_platform: &'static str,
    pub params: Params,
    pub files: Files,
    pub counts: Counts,
    pub communities: Communities,
    pub accounts: Vec<AccountTruth>,
    pub influencers: Vec<String>,
    pub cascades: Cascades,
    pub events: Vec<PlantedEvent>,
    pub targets: Vec<Target>,
    pub coordinated: Coordinated,
    pub spam: Vec<String>,
    pub spam_domain: String,
    pub bots: Vec<String>,
    pub suspended: Vec<String>,
    pub deleted_posts: Vec<String>,
    pub edited_posts: Vec<EditTruth>,
    pub malformed: Vec<Malformed>,
    /// Posts per local hour of day (in the run's time zone).
    pub posts_by_local_hour: [u64; 24],
}

#[derive(Serialize)]
pub struct Files {
    pub posts: Vec<String>,
    pub follows: &'static str,
    pub attributes: &'static str,
    pub targets: &'static str,
    pub repost_parents: &'static str,
}

#[derive(Serialize)]
pub struct Counts {
    pub accounts: u64,
    pub accounts_posting: u64,
    pub follows: u64,
    /// Every post generated (a later version of an edited post is not another post).
    pub posts: u64,
    pub originals: u64,
    pub replies: u64,
    pub reposts: u64,
    pub quotes: u64,
    /// Posts written as primary records of the export.
    pub collected_posts: u64,
    /// Posts written only inside other records.
    pub referenced_only_posts: u64,
    pub deleted_posts: u64,
    pub edited_posts: u64,
    /// Lines of the posts file that are records (without the malformed lines).
    pub records: u64,
    pub malformed: u64,
    pub api_errors: u64,
}

#[derive(Serialize)]
pub struct Communities {
    pub count: u32,
    pub mixing_planted: f64,
    /// Share of undirected ties between communities, as generated.
    pub mixing_realised: f64,
    pub sizes: Vec<u64>,
    /// Each community's dominant leaning.
    pub leaning: Vec<&'static str>,
    /// Planted sentiment bias in [−1, 1]: the share of positive posts is 0.3 + 0.3·bias, of
    /// negative posts 0.3 − 0.3·bias.
    pub sentiment_bias: Vec<f64>,
    pub topic_words: Vec<Vec<String>>,
    pub hashtags: Vec<Vec<String>>,
    pub domains: Vec<Vec<String>>,
}

#[derive(Serialize)]
pub struct AccountTruth {
    pub id: String,
    pub handle: String,
    pub community: u32,
    pub leaning: &'static str,
    pub activity: f64,
    pub role: Role,
    pub followers: u64,
    pub following: u64,
}

#[derive(Serialize)]
pub struct Cascades {
    pub regime: crate::Regime,
    pub activation_probability: f64,
    /// Reposts per root, for roots with at least one: [size, number of cascades].
    pub size_distribution: Vec<(u32, u64)>,
    /// The 20 largest: [reposts, root id].
    pub largest: Vec<(u32, String)>,
}

#[derive(Serialize)]
pub struct Coordinated {
    pub accounts: Vec<String>,
    pub rounds: Vec<Round>,
}

#[derive(Serialize)]
pub struct EditTruth {
    pub post: String,
    pub edit: String,
}

impl Truth {
    pub fn new(
        params: &Params,
        world: &World,
        vocab: &Vocabulary,
        ids: &Ids,
        stats: &Stats,
        written: &Written,
    ) -> Truth {
        let with_role = |r: Role| -> Vec<String> {
            (0..world.accounts.len() as u32)
                .filter(|&u| world.accounts[u as usize].role == r)
                .map(|u| ids.account(u).to_string())
                .collect()
        };
        let mut sizes = vec![0u64; world.communities as usize];
        for a in &world.accounts {
            sizes[a.community as usize] += 1;
        }
        let [originals, replies, reposts, quotes] = stats.by_kind;
        Truth {
            schema: SCHEMA,
            generator: format!("crowdmine synth {}", env!("CARGO_PKG_VERSION")),
            platform: params.platform.name(),
            corpus_platform: params.platform.corpus_platform(),
            params: params.clone(),
            files: Files {
                posts: written.files.clone(),
                follows: "follows.csv",
                attributes: "accounts.csv",
                targets: "targets.toml",
                repost_parents: "repost_parents.csv",
            },
            counts: Counts {
                accounts: world.accounts.len() as u64,
                accounts_posting: stats.posted.iter().filter(|&&p| p).count() as u64,
                follows: world.follows.edge_count() as u64,
                posts: originals + replies + reposts + quotes,
                originals,
                replies,
                reposts,
                quotes,
                collected_posts: written.collected_posts,
                referenced_only_posts: written.referenced_only_posts,
                deleted_posts: stats.deleted.len() as u64,
                edited_posts: stats.edited.len() as u64,
                records: written.records,
                malformed: written.malformed.len() as u64,
                api_errors: written.api_errors,
            },
            communities: Communities {
                count: world.communities,
                mixing_planted: params.mixing,
                mixing_realised: world.realised_mixing,
                sizes,
                leaning: world
                    .community_leaning
                    .iter()
                    .map(|&l| LEANINGS[l as usize])
                    .collect(),
                sentiment_bias: vocab.bias.clone(),
                topic_words: vocab.topics.clone(),
                hashtags: vocab.hashtags.clone(),
                domains: vocab.domains.clone(),
            },
            accounts: world
                .accounts
                .iter()
                .enumerate()
                .map(|(u, a)| AccountTruth {
                    id: ids.account(u as u32).to_string(),
                    handle: a.handle.clone(),
                    community: a.community,
                    leaning: LEANINGS[a.leaning as usize],
                    activity: a.activity,
                    role: a.role,
                    followers: world.follows.in_degree(u as u32) as u64,
                    following: world.follows.out_degree(u as u32) as u64,
                })
                .collect(),
            influencers: world
                .influencers
                .iter()
                .map(|&u| ids.account(u).to_string())
                .collect(),
            cascades: Cascades {
                regime: params.regime,
                activation_probability: stats.activation_probability,
                size_distribution: stats.cascade_sizes.iter().map(|(&s, &c)| (s, c)).collect(),
                largest: stats.largest.clone(),
            },
            events: stats.events.clone(),
            targets: vocab.targets.clone(),
            coordinated: Coordinated {
                accounts: with_role(Role::Coordinated),
                rounds: stats.rounds.clone(),
            },
            spam: with_role(Role::Spam),
            spam_domain: vocab.spam_domain.clone(),
            bots: with_role(Role::Bot),
            suspended: with_role(Role::Suspended),
            deleted_posts: stats.deleted.clone(),
            edited_posts: stats
                .edited
                .iter()
                .map(|(p, e)| EditTruth {
                    post: p.clone(),
                    edit: e.clone(),
                })
                .collect(),
            malformed: written.malformed.clone(),
            posts_by_local_hour: stats.by_hour,
        }
    }

    pub fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join("truth.json");
        let file = std::fs::File::create(&path)
            .map_err(io(format!("cannot create {}", path.display())))?;
        let mut w = std::io::BufWriter::new(file);
        serde_json::to_writer_pretty(&mut w, self)
            .map_err(std::io::Error::other)
            .and_then(|_| w.flush())
            .map_err(io(format!("cannot write {}", path.display())))
    }
}

/// `README.md` of the run: what the files are and what was planted, in short.
pub fn write_readme(dir: &Path, params: &Params, truth: &Truth) -> Result<()> {
    let c = &truth.counts;
    let text = format!(
        "# Synthetic social media (crowdmine synth)\n\n\
         Generated by `{gen}` with seed {seed}: {accounts} fictional accounts over {days} days from \
         {start}, written as **{platform}**. Nothing here is real: accounts, words, links and \
         domains are invented.\n\n\
         | file | what |\n|---|---|\n\
         | `{posts}` | the posts in the platform's own format ({records} records, {malformed} deliberately malformed lines) |\n\
         | `follows.csv` | who follows whom (`follower,followed`, {follows} edges) |\n\
         | `accounts.csv` | account attributes: `leaning` (categorical), `activity` (numeric) |\n\
         | `targets.toml` | the planted opinion targets, for `crowdmine opinion --targets` |\n\
         | `repost_parents.csv` | each repost's true parent (platforms credit only the root) |\n\
         | `truth.json` | everything planted (schema `{schema}`, documented in crowdmine's `docs/synth.md`) |\n\n\
         Planted: {k} communities (mixing μ = {mu}, realised {mur:.3}), {posts_n} posts \
         ({orig} originals, {rep} replies, {rt} reposts, {q} quotes), cascades by {regime:?}, \
         {events} event(s), a coordinated group of {coord} accounts, {spam} spam and {bots} bot \
         accounts, {del} deleted and {ed} edited posts.\n\n\
         Load it into a corpus:\n\n```sh\n\
         crowdmine --db synth.db ingest {posts}\n\
         crowdmine --db synth.db ingest --format follows --platform {cp} follows.csv\n\
         crowdmine --db synth.db attributes --platform {cp} accounts.csv\n```\n",
        gen = truth.generator,
        seed = params.seed,
        accounts = params.accounts,
        days = params.days,
        start = crate::formats::iso_ms(params.start * 1000),
        platform = params.platform.name(),
        posts = truth.files.posts.join(", "),
        records = c.records,
        malformed = c.malformed,
        follows = c.follows,
        schema = SCHEMA,
        k = truth.communities.count,
        mu = params.mixing,
        mur = truth.communities.mixing_realised,
        posts_n = c.posts,
        orig = c.originals,
        rep = c.replies,
        rt = c.reposts,
        q = c.quotes,
        regime = params.regime,
        events = truth.events.len(),
        coord = truth.coordinated.accounts.len(),
        spam = truth.spam.len(),
        bots = truth.bots.len(),
        del = c.deleted_posts,
        ed = c.edited_posts,
        cp = params.platform.corpus_platform(),
    );
    let path = dir.join("README.md");
    std::fs::write(&path, text).map_err(io(format!("cannot write {}", path.display())))
}
