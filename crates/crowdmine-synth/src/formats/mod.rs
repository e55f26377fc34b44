//! The platforms' own export formats, and what every format shares: native ids, the follow edge
//! list, the account attributes, the targets file and a posts file with planted malformed lines.
//!
//! Each writer renders the timeline's posts with only the JSON keys that real exports of the
//! platform contain (`tools/synth_check.py` checks this against the shared samples).

mod bluesky;
mod mastodon;
mod reddit;
mod render;
mod x_v1;
mod x_v2;

pub use render::{render, Span, SpanKind, Style};

use crate::text::{Piece, Text, Vocabulary};
use crate::timeline::{Kind, Post, Recent, Sink};
use crate::world::{World, LEANINGS};
use crate::{io, Params, Platform, Result};
use crowdmine_model::time::civil_from_unix;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// X's epoch of snowflake ids (2010-11-04), in Unix milliseconds.
const TWITTER_EPOCH_MS: i64 = 1_288_834_974_657;

/// Native ids of accounts and posts.
pub struct Ids {
    platform: Platform,
    accounts: Vec<String>,
    /// Mastodon: the instance of each account; the first instance is the one fetched from.
    pub instances: Vec<String>,
    account_instance: Vec<u32>,
}

impl Ids {
    pub fn new(params: &Params, world: &World) -> Ids {
        let mut rng = crowdmine_graph::random::Rng::stream(params.seed, 4);
        let instances: Vec<String> = ["social", "mastodon", "toot"]
            .iter()
            .map(|w| format!("{w}.{}.example", crate::words::pseudo_word(&mut rng, 2)))
            .collect();
        let mut account_instance = Vec::with_capacity(world.accounts.len());
        let accounts = world
            .accounts
            .iter()
            .enumerate()
            .map(|(u, a)| {
                // Most accounts live on the instance the export was fetched from.
                let inst = if rng.chance(0.7) {
                    0
                } else {
                    1 + rng.index(2) as u32
                };
                account_instance.push(inst);
                match params.platform {
                    Platform::XV2 | Platform::XV1 => {
                        // Spread like real user ids, distinct by construction.
                        (100_000_000u64 + u as u64 * 7_919 + rng.below(7_919)).to_string()
                    }
                    Platform::Reddit => a.handle.clone(),
                    Platform::Mastodon => format!("{}@{}", a.handle, instances[inst as usize]),
                    Platform::Bluesky => {
                        let mut did = String::from("did:plc:");
                        let mut x =
                            crowdmine_graph::random::Rng::stream(params.seed ^ 0xd1d, u as u64);
                        for _ in 0..24 {
                            did.push(BASE32[x.index(32)] as char);
                        }
                        did
                    }
                }
            })
            .collect();
        Ids {
            platform: params.platform,
            accounts,
            instances,
            account_instance,
        }
    }

    pub fn account(&self, u: u32) -> &str {
        &self.accounts[u as usize]
    }

    /// Mastodon: the instance of an account.
    pub fn instance(&self, u: u32) -> &str {
        &self.instances[self.account_instance[u as usize] as usize]
    }

    /// Mastodon: whether the account is local to the instance the export was fetched from.
    pub fn is_local(&self, u: u32) -> bool {
        self.account_instance[u as usize] == 0
    }

    /// The native id of a post (its `uri` on Mastodon, its `at://` URI on Bluesky). A later
    /// version of a post keeps the post's id, except on X, where an edit gets an id of its own.
    pub fn post(&self, p: &Post, recent: &Recent) -> String {
        if let (Some(of), false) = (p.edit_of, self.platform == Platform::XV2) {
            if let Some(o) = recent.get(of) {
                return self.post(o, recent);
            }
        }
        match self.platform {
            Platform::XV2 | Platform::XV1 => {
                (((p.time - TWITTER_EPOCH_MS) << 22) | (p.seq as i64 & 0x3f_ffff)).to_string()
            }
            Platform::Reddit => {
                let prefix = if matches!(p.kind, Kind::Reply { .. }) {
                    "t1_"
                } else {
                    "t3_"
                };
                format!("{prefix}{}", self.reddit_base36(p))
            }
            Platform::Mastodon => format!(
                "https://{}/users/{}/statuses/{}",
                self.instance(p.author),
                self.handle_of(p.author),
                self.mastodon_id(p)
            ),
            Platform::Bluesky => format!(
                "at://{}/{}/{}",
                self.account(p.author),
                if matches!(p.kind, Kind::Repost { .. }) {
                    "app.bsky.feed.repost"
                } else {
                    "app.bsky.feed.post"
                },
                tid(p.time, p.seq)
            ),
        }
    }

    fn handle_of(&self, u: u32) -> &str {
        self.accounts[u as usize]
            .split('@')
            .next()
            .unwrap_or_default()
    }

    /// Reddit: the base-36 id without its kind prefix.
    pub fn reddit_base36(&self, p: &Post) -> String {
        base36(1_000_000_000 + p.seq)
    }

    /// Mastodon: the status id on the instance it was fetched from (time-ordered, as Mastodon's).
    pub fn mastodon_id(&self, p: &Post) -> String {
        ((p.time << 16) | (p.seq as i64 & 0xffff)).to_string()
    }
}

const BASE32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// An AT protocol TID: microseconds and a clock id in sortable base 32, 13 characters.
pub fn tid(ms: i64, seq: u64) -> String {
    const S32: &[u8; 32] = b"234567abcdefghijklmnopqrstuvwxyz";
    let v = ((ms as u64 * 1000 + seq % 1000) << 10) | (seq & 0x3ff);
    (0..13)
        .rev()
        .map(|i| S32[((v >> (i * 5)) & 31) as usize] as char)
        .collect()
}

pub fn base36(mut x: u64) -> String {
    const D: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut s = Vec::new();
    while x > 0 {
        s.push(D[(x % 36) as usize]);
        x /= 36;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// `2024-03-04T10:00:00.000Z`.
pub fn iso_ms(ms: i64) -> String {
    let (y, mo, d, h, mi, s) = civil_from_unix(ms.div_euclid(1000));
    format!(
        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z",
        ms.rem_euclid(1000)
    )
}

/// X v1.1: `Mon Mar 04 10:00:00 +0000 2024`.
pub fn twitter_v1_time(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, mo, d, h, mi, s) = civil_from_unix(secs);
    format!(
        "{} {} {d:02} {h:02}:{mi:02}:{s:02} +0000 {y}",
        DAYS[secs.div_euclid(86_400).rem_euclid(7) as usize],
        MONTHS[(mo - 1) as usize]
    )
}

/// A planted malformed line: where it is.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Malformed {
    pub file: String,
    pub line: u64,
}

/// What a writer wrote.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Written {
    pub files: Vec<String>,
    pub records: u64,
    pub malformed: Vec<Malformed>,
    /// Posts in the export as primary records (on X v2 the `data` tweets).
    pub collected_posts: u64,
    /// Posts present only inside other records (`includes`, embedded originals).
    pub referenced_only_posts: u64,
    /// API errors on X v2 pages (deleted tweets, suspended users).
    pub api_errors: u64,
}

pub trait Writer: Sink {
    fn finish(&mut self) -> std::io::Result<Written>;
}

enum Out {
    Plain(BufWriter<File>),
    Zst(zstd::Encoder<'static, BufWriter<File>>),
}

/// A JSON-lines file that plants malformed lines: before the records numbered in the plan, a
/// copy of the record cut in half (the record itself follows intact, so nothing is lost).
pub struct Lines {
    out: Option<Out>,
    name: String,
    line: u64,
    records: u64,
    plan: Vec<u64>,
    pub malformed: Vec<Malformed>,
}

impl Lines {
    pub fn create(dir: &Path, stem: &str, params: &Params, expected_records: u64) -> Result<Lines> {
        let name = if params.zst {
            format!("{stem}.zst")
        } else {
            stem.to_string()
        };
        let path = dir.join(&name);
        let file = File::create(&path).map_err(io(format!("cannot create {}", path.display())))?;
        let w = BufWriter::with_capacity(1 << 20, file);
        let out = if params.zst {
            Out::Zst(
                zstd::Encoder::new(w, 3)
                    .map_err(io(format!("cannot compress {}", path.display())))?,
            )
        } else {
            Out::Plain(w)
        };
        let m = u64::from(params.malformed);
        let gap = (expected_records / (m + 1)).max(1);
        let mut plan: Vec<u64> = (1..=m).map(|i| i * gap).collect();
        plan.reverse();
        Ok(Lines {
            out: Some(out),
            name,
            line: 0,
            records: 0,
            plan,
            malformed: Vec::new(),
        })
    }

    fn write_line(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let w: &mut dyn Write = match self.out.as_mut() {
            Some(Out::Plain(w)) => w,
            Some(Out::Zst(w)) => w,
            None => return Err(std::io::Error::other("file already finished")),
        };
        w.write_all(bytes)?;
        w.write_all(b"\n")?;
        self.line += 1;
        Ok(())
    }

    pub fn record(&mut self, json: &str) -> std::io::Result<()> {
        self.records += 1;
        if self.plan.last() == Some(&self.records) {
            self.plan.pop();
            let mut cut = json.len() / 2;
            while !json.is_char_boundary(cut) {
                cut -= 1;
            }
            self.write_line(&json.as_bytes()[..cut])?;
            self.malformed.push(Malformed {
                file: self.name.clone(),
                line: self.line,
            });
        }
        self.write_line(json.as_bytes())
    }

    pub fn finish(&mut self) -> std::io::Result<Written> {
        match self.out.take() {
            Some(Out::Plain(mut w)) => w.flush()?,
            Some(Out::Zst(w)) => w.finish()?.flush()?,
            None => {}
        }
        Ok(Written {
            files: vec![self.name.clone()],
            records: self.records,
            malformed: self.malformed.clone(),
            ..Written::default()
        })
    }
}

/// Records a writer expects, to spread the malformed lines over the file.
fn expected_posts(params: &Params) -> u64 {
    let organic = params.posts_per_day * f64::from(params.days) * 1.4;
    let special = f64::from(params.days)
        * (f64::from(params.spammers) * params.spam_per_day + f64::from(params.bots) * 48.0);
    (organic + special) as u64
}

pub fn writer<'a>(
    params: &'a Params,
    world: &'a World,
    vocab: &'a Vocabulary,
    ids: &'a Ids,
    dir: &Path,
) -> Result<Box<dyn Writer + 'a>> {
    let expected = expected_posts(params);
    Ok(match params.platform {
        Platform::XV2 => Box::new(x_v2::XV2::new(
            Lines::create(dir, "posts.jsonl", params, expected / x_v2::PAGE as u64)?,
            params,
            world,
            vocab,
            ids,
        )),
        Platform::XV1 => Box::new(x_v1::XV1::new(
            Lines::create(dir, "posts.jsonl", params, expected)?,
            params.seed,
            world,
            vocab,
            ids,
        )),
        Platform::Reddit => Box::new(reddit::Reddit::new(
            Lines::create(dir, "posts.jsonl", params, expected)?,
            world,
            vocab,
            ids,
        )),
        Platform::Mastodon => Box::new(mastodon::Mastodon::new(
            Lines::create(dir, "posts.jsonl", params, expected)?,
            params.seed,
            world,
            vocab,
            ids,
        )),
        Platform::Bluesky => Box::new(bluesky::Bluesky::new(
            Lines::create(dir, "posts.jsonl", params, expected * 11 / 10)?,
            world,
            ids,
        )),
    })
}

fn create(dir: &Path, name: &str) -> Result<BufWriter<File>> {
    let path = dir.join(name);
    File::create(&path)
        .map(BufWriter::new)
        .map_err(io(format!("cannot create {}", path.display())))
}

/// `follows.csv`: `follower,followed` by native account id.
pub fn write_follows(dir: &Path, world: &World, ids: &Ids) -> Result<()> {
    let mut w = create(dir, "follows.csv")?;
    let mut go = || -> std::io::Result<()> {
        writeln!(w, "follower,followed")?;
        for (u, v, _) in world.follows.edges() {
            writeln!(w, "{},{}", ids.account(u), ids.account(v))?;
        }
        w.flush()
    };
    go().map_err(io("cannot write follows.csv"))
}

/// `accounts.csv`: the attributes `crowdmine attributes` imports (`leaning`, `activity`).
pub fn write_attributes(dir: &Path, world: &World, ids: &Ids) -> Result<()> {
    let mut w = create(dir, "accounts.csv")?;
    let mut go = || -> std::io::Result<()> {
        writeln!(w, "id,leaning,activity")?;
        for (u, a) in world.accounts.iter().enumerate() {
            writeln!(
                w,
                "{},{},{:.4}",
                ids.account(u as u32),
                LEANINGS[a.leaning as usize],
                a.activity
            )?;
        }
        w.flush()
    };
    go().map_err(io("cannot write accounts.csv"))
}

/// `targets.toml`: the run's targets, for `crowdmine opinion --targets`.
pub fn write_targets(dir: &Path, vocab: &Vocabulary) -> Result<()> {
    let mut w = create(dir, "targets.toml")?;
    let mut go = || -> std::io::Result<()> {
        writeln!(
            w,
            "# The targets planted by crowdmine synth: crowdmine opinion --targets targets.toml"
        )?;
        for t in &vocab.targets {
            writeln!(w, "\n[[target]]\nname = \"{}\"", t.name)?;
            writeln!(
                w,
                "keywords = [\"{}\"]\nhashtags = [\"#{}\"]",
                t.keyword, t.hashtag
            )?;
        }
        w.flush()
    };
    go().map_err(io("cannot write targets.toml"))
}

/// A profile text from the account's community's topic words.
pub fn bio(vocab: &Vocabulary, world: &World, u: u32, seed: u64) -> String {
    let mut rng = crowdmine_graph::random::Rng::stream(seed ^ 0xb10, u64::from(u));
    let c = world.accounts[u as usize].community as usize;
    let t = &vocab.topics[c];
    format!(
        "{} and {}. {} fan. Views my own.",
        crate::words::capitalise(&t[rng.index(t.len())]),
        t[rng.index(t.len())],
        crate::words::capitalise(&t[rng.index(t.len())])
    )
}

/// A profile's post count: its activity over its account age.
pub fn post_count_estimate(a: &crate::world::Account) -> u64 {
    let days = ((1_709_510_400 - a.created_at).max(86_400) / 86_400) as f64;
    (a.activity * days * 0.5) as u64
}

/// A post's pieces as platforms write them: a reply starts with its parent's mention, a quote
/// ends with `quote_link` of the quoted post. Also returns the parent and the quoted post.
pub(crate) fn with_context<'r>(
    p: &Post,
    t: &Text,
    recent: &'r Recent,
    quote_link: impl Fn(&Post) -> String,
) -> (Vec<Piece>, Option<&'r Post>, Option<&'r Post>) {
    let mut pieces = Vec::with_capacity(t.pieces.len() + 2);
    let parent = match p.kind {
        Kind::Reply { to } => recent.get(to),
        _ => None,
    };
    if let Some(parent) = parent {
        pieces.push(Piece::Mention(parent.author));
    }
    pieces.extend(t.pieces.iter().cloned());
    let quoted = match p.kind {
        Kind::Quote { of } => recent.get(of),
        _ => None,
    };
    if let Some(q) = quoted {
        pieces.push(Piece::Url(quote_link(q)));
    }
    (pieces, parent, quoted)
}

/// X's link to a tweet.
pub(crate) fn x_status_url(world: &World, ids: &Ids, q: &Post, recent: &Recent) -> String {
    format!(
        "https://twitter.com/{}/status/{}",
        world.accounts[q.author as usize].handle,
        ids.post(q, recent)
    )
}

/// What a writer of statuses collected: its posts (edits are versions, not posts), and the
/// deleted originals its reposts embed (in the corpus only as referenced posts).
#[derive(Default)]
pub(crate) struct Collected {
    posts: u64,
    embedded_deleted: std::collections::HashSet<u64>,
}

impl Collected {
    pub fn note(&mut self, p: &Post, recent: &Recent) {
        if let Kind::Repost { of, .. } = p.kind {
            if recent.get(of).is_some_and(|r| r.deleted) {
                self.embedded_deleted.insert(of);
            }
        }
        if p.edit_of.is_none() {
            self.posts += 1;
        }
    }

    pub fn written(&self, lines: Written) -> Written {
        Written {
            collected_posts: self.posts,
            referenced_only_posts: self.embedded_deleted.len() as u64,
            ..lines
        }
    }
}
