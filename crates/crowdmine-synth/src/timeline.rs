//! Posts over time, generated in time order with bounded memory.
//!
//! Every hour draws its organic posts (Poisson, with a diurnal and weekly rhythm in the run's
//! time zone), event posts, spam, bot ticks and coordinated rounds into a queue of future
//! actions; reactions to a post (reposts, quotes, replies) join the queue with a log-normal
//! delay. Only the posts of the last [`HORIZON_MS`] are remembered, for replies and cascades, so
//! memory depends on the accounts and the rate, not on the number of posts.
//!
//! Cascades are independent cascades (Kempe, Kleinberg & Tardos 2003) along follow edges: each
//! follower of a poster or reposter reacts with probability p, set so that the mean number of
//! reactions a reposter triggers is `virality` (< 1: subcritical, heavy-tailed sizes because of
//! the heavy-tailed follower counts). Under the homophily regime the same numbers of adopters are
//! drawn, but among accounts of the item's leaning, whether they follow anyone who adopted or
//! not: adoption correlates along edges (the graph is homophilous) without influence.

use crate::formats::Ids;
use crate::text::{Text, Vocabulary};
use crate::world::{normal, Role, World, LEANINGS};
use crate::{Params, Regime};
use crowdmine_graph::random::Rng;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};
use std::io::Write;
use std::rc::Rc;

/// How long a post can be replied to, reposted or quoted.
pub const HORIZON_MS: i64 = 3 * 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// Relative posting rate by local hour (mean 1 after normalisation): a night trough near 4 am,
/// a lunchtime shoulder and an evening peak near 8 pm.
const DIURNAL: [f64; 24] = [
    0.45, 0.3, 0.2, 0.15, 0.14, 0.2, 0.35, 0.6, 0.85, 1.0, 1.05, 1.1, 1.2, 1.15, 1.05, 1.05, 1.1,
    1.2, 1.35, 1.5, 1.6, 1.5, 1.15, 0.75,
];
/// Relative rate by local weekday, Monday first.
const WEEKLY: [f64; 7] = [1.05, 1.05, 1.05, 1.05, 1.0, 0.9, 0.85];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Original,
    Reply {
        to: u64,
    },
    /// A repost credits the root; `parent` is the post the reposter saw (truth only).
    Repost {
        of: u64,
        parent: Option<u64>,
    },
    Quote {
        of: u64,
    },
}

#[derive(Debug, Clone)]
pub struct Post {
    pub seq: u64,
    pub author: u32,
    /// Unix milliseconds.
    pub time: i64,
    pub kind: Kind,
    /// None for reposts, which carry the original's text.
    pub text: Option<Text>,
    /// Deleted before collection: the platform shows it missing (or as deleted).
    pub deleted: bool,
    /// This is a later version of that post.
    pub edit_of: Option<u64>,
    /// Planted event, if the post belongs to one.
    pub event: Option<u16>,
}

/// Counts a post has gathered so far (reposts, replies, quotes), for engagement fields.
#[derive(Debug, Clone, Default)]
pub struct Engagement {
    pub reposts: u32,
    pub replies: u32,
    pub quotes: u32,
}

pub struct Recent {
    posts: HashMap<u64, (Rc<Post>, Engagement)>,
    order: VecDeque<(i64, u64)>,
}

impl Recent {
    pub fn get(&self, seq: u64) -> Option<&Post> {
        self.posts.get(&seq).map(|(p, _)| p.as_ref())
    }
    pub fn engagement(&self, seq: u64) -> Engagement {
        self.posts
            .get(&seq)
            .map(|(_, e)| e.clone())
            .unwrap_or_default()
    }
    /// Forgets the posts older than the horizon; returns them.
    fn evict(&mut self, now: i64) -> Vec<Rc<Post>> {
        let mut gone = Vec::new();
        while let Some(&(t, s)) = self.order.front() {
            if t + HORIZON_MS >= now {
                break;
            }
            self.order.pop_front();
            if let Some((p, _)) = self.posts.remove(&s) {
                gone.push(p);
            }
        }
        gone
    }
}

#[derive(Debug, Clone)]
enum Action {
    Organic {
        author: u32,
    },
    Event {
        event: u16,
        author: u32,
    },
    React {
        author: u32,
        root: u64,
        parent: u64,
        kind: u8,
    },
    Spam {
        author: u32,
    },
    Bot {
        author: u32,
    },
    Edit {
        of: u64,
    },
    Round {
        round: u32,
    },
    CoordRepost {
        author: u32,
        of: u64,
        round: u32,
    },
    CoordText {
        author: u32,
        round: u32,
    },
}

const REPOST: u8 = 0;
const QUOTE: u8 = 1;
const REPLY: u8 = 2;

/// A planted event as the truth reports it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlantedEvent {
    pub hashtag: String,
    pub terms: Vec<String>,
    /// Unix seconds.
    pub start: i64,
    pub peak_rate_per_hour: f64,
    pub decay_hours: f64,
    pub end: i64,
    pub seed_community: u32,
    /// Communities in the order they join, with the second each joins.
    pub joins: Vec<(u32, i64)>,
}

/// A coordinated round as the truth reports it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Round {
    pub time: i64,
    pub kind: &'static str,
    pub posts: Vec<String>,
}

/// What the writer of a platform receives, in time order.
pub trait Sink {
    fn post(&mut self, post: &Post, world: &World, recent: &Recent) -> std::io::Result<()>;
}

pub struct Stats {
    /// Originals, replies, reposts, quotes (edits are versions, not posts).
    pub by_kind: [u64; 4],
    pub deleted: Vec<String>,
    /// (post, its later version).
    pub edited: Vec<(String, String)>,
    pub events: Vec<PlantedEvent>,
    pub rounds: Vec<Round>,
    pub posted: Vec<bool>,
    /// Reposts per root with at least one: size → number of cascades.
    pub cascade_sizes: std::collections::BTreeMap<u32, u64>,
    /// The largest cascades: (reposts, root id).
    pub largest: Vec<(u32, String)>,
    pub activation_probability: f64,
    /// Posts per local hour of day and per planted event per hour since the start.
    pub by_hour: [u64; 24],
}

pub struct Timeline<'a> {
    world: &'a World,
    vocab: &'a Vocabulary,
    params: &'a Params,
    ids: &'a Ids,
    /// `repost_parents.csv`: each repost with the post its author saw, and the root.
    parents: Box<dyn std::io::Write + 'a>,
    rng: Rng,
    cascades: HashMap<u64, u32>,
    /// The time of the action being handled (Unix ms).
    now: i64,
    queue: BinaryHeap<Reverse<(i64, u64)>>,
    actions: HashMap<u64, Action>,
    order: u64,
    next_seq: u64,
    recent: Recent,
    adopters: HashMap<u64, HashSet<u32>>,
    last_post: Vec<Option<(u64, i64)>>,
    by_leaning: Vec<Vec<u32>>,
    spam_codes: HashMap<u32, u64>,
    templates: HashMap<u32, Text>,
    activation: f64,
    pub stats: Stats,
}

impl<'a> Timeline<'a> {
    pub fn new(
        world: &'a World,
        vocab: &'a Vocabulary,
        params: &'a Params,
        ids: &'a Ids,
        parents: Box<dyn std::io::Write + 'a>,
    ) -> Timeline<'a> {
        let n = world.accounts.len();
        // p such that a reposter, reached through one of its followings, triggers `virality`
        // reactions on average: p · Σ out(u)·in(u) / Σ out(u).
        let (mut num, mut den) = (0.0, 0.0);
        for u in 0..n as u32 {
            let out = world.follows.out_degree(u) as f64;
            num += out * world.follows.in_degree(u) as f64;
            den += out;
        }
        let activation = if num > 0.0 {
            (params.virality * den / num).min(1.0)
        } else {
            0.0
        };
        let mut by_leaning = vec![Vec::new(); LEANINGS.len()];
        for (u, a) in world.accounts.iter().enumerate() {
            if matches!(a.role, Role::Regular) {
                by_leaning[a.leaning as usize].push(u as u32);
            }
        }
        Timeline {
            world,
            vocab,
            params,
            ids,
            parents,
            rng: Rng::stream(params.seed, 3),
            cascades: HashMap::new(),
            now: 0,
            queue: BinaryHeap::new(),
            actions: HashMap::new(),
            order: 0,
            next_seq: 0,
            recent: Recent {
                posts: HashMap::new(),
                order: VecDeque::new(),
            },
            adopters: HashMap::new(),
            last_post: vec![None; n],
            by_leaning,
            spam_codes: HashMap::new(),
            templates: HashMap::new(),
            activation,
            stats: Stats {
                by_kind: [0; 4],
                deleted: Vec::new(),
                edited: Vec::new(),
                events: Vec::new(),
                rounds: Vec::new(),
                posted: vec![false; n],
                cascade_sizes: Default::default(),
                largest: Vec::new(),
                activation_probability: activation,
                by_hour: [0; 24],
            },
        }
    }

    fn push(&mut self, time: i64, action: Action) {
        self.order += 1;
        self.queue.push(Reverse((time, self.order)));
        self.actions.insert(self.order, action);
    }

    /// Runs the whole period, handing every post to `sink` in time order; `progress` gets the
    /// share of the period done.
    pub fn run(
        &mut self,
        sink: &mut dyn Sink,
        progress: &mut dyn FnMut(f64),
    ) -> std::io::Result<()> {
        let p = self.params;
        let start = p.start * 1000;
        let hours = i64::from(p.days) * 24;
        let end = start + hours * HOUR_MS;
        self.plan_events(start, end);
        let bot_interval: Vec<(u32, i64, i64)> = (0..self.world.accounts.len() as u32)
            .filter(|&u| self.world.accounts[u as usize].role == Role::Bot)
            .map(|u| {
                let every = [15, 30, 60][self.rng.index(3)] * 60_000;
                (u, every, start + self.rng.below(every as u64) as i64)
            })
            .collect();
        let spammers: Vec<u32> = (0..self.world.accounts.len() as u32)
            .filter(|&u| self.world.accounts[u as usize].role == Role::Spam)
            .collect();
        let mean_diurnal = DIURNAL.iter().sum::<f64>() / 24.0;
        let mean_weekly = WEEKLY.iter().sum::<f64>() / 7.0;
        for h in 0..hours {
            let t0 = start + h * HOUR_MS;
            let local = t0 / 1000 + p.utc_offset;
            let hour = (local.rem_euclid(86_400) / 3600) as usize;
            // 1970-01-01 was a Thursday: weekday 3 with Monday as 0.
            let weekday = ((local.div_euclid(86_400) + 3).rem_euclid(7)) as usize;
            let rate = p.posts_per_day / 24.0 * DIURNAL[hour] / mean_diurnal * WEEKLY[weekday]
                / mean_weekly;
            for _ in 0..self.rng.poisson(rate) {
                let t = t0 + self.rng.below(HOUR_MS as u64) as i64;
                let author = self.world.draw_author(&mut self.rng);
                self.push(t, Action::Organic { author });
            }
            self.plan_event_posts(t0);
            for &u in &spammers {
                for _ in 0..self.rng.poisson(p.spam_per_day / 24.0) {
                    let t = t0 + self.rng.below(HOUR_MS as u64) as i64;
                    self.push(t, Action::Spam { author: u });
                }
            }
            for &(u, every, phase) in &bot_interval {
                let mut k = (t0 - phase + every - 1).div_euclid(every);
                while phase + k * every < t0 + HOUR_MS {
                    // Regular to within a few seconds.
                    let jitter = self.rng.below(6_000) as i64 - 3_000;
                    let t = (phase + k * every + jitter).max(t0);
                    self.push(t, Action::Bot { author: u });
                    k += 1;
                }
            }
            if p.coordinated > 0 && self.rng.chance(p.rounds_per_day / 24.0) {
                let round = self.stats.rounds.len() as u32;
                let t = t0 + self.rng.below(HOUR_MS as u64) as i64;
                self.stats.rounds.push(Round {
                    time: t / 1000,
                    kind: if round.is_multiple_of(2) {
                        "repost"
                    } else {
                        "copypasta"
                    },
                    posts: Vec::new(),
                });
                self.push(t, Action::Round { round });
            }
            while let Some(&Reverse((t, o))) = self.queue.peek() {
                if t >= t0 + HOUR_MS {
                    break;
                }
                self.queue.pop();
                if let Some(a) = self.actions.remove(&o) {
                    self.evict(t);
                    self.act(t, a, sink)?;
                }
            }
            progress((h + 1) as f64 / hours as f64);
        }
        self.evict(i64::MAX);
        self.stats.largest.sort_by(|a, b| b.cmp(a));
        self.parents.flush()
    }

    /// Forgets old posts and closes their cascades.
    fn evict(&mut self, now: i64) {
        for p in self.recent.evict(now.saturating_sub(0)) {
            self.adopters.remove(&p.seq);
            if let Some(size) = self.cascades.remove(&p.seq) {
                *self.stats.cascade_sizes.entry(size).or_insert(0) += 1;
                let largest = &mut self.stats.largest;
                if largest.len() < 20 || largest.iter().any(|l| l.0 < size) {
                    largest.push((size, self.ids.post(&p, &self.recent)));
                    largest.sort_by(|a, b| b.cmp(a));
                    largest.truncate(20);
                }
            }
        }
    }

    fn plan_events(&mut self, start: i64, end: i64) {
        let p = self.params;
        let k = self.world.communities;
        let mean_hourly = p.posts_per_day / 24.0;
        for (e, words) in self.vocab.events.iter().enumerate() {
            let span = (end - start) as f64;
            let at = start
                + (span
                    * (0.3 + 0.4 * (e as f64 + self.rng.f64()) / self.vocab.events.len() as f64))
                    as i64;
            let mut order: Vec<u32> = (0..k).collect();
            self.rng.shuffle(&mut order);
            // The seed community first, then one more every two hours.
            let joins: Vec<(u32, i64)> = order
                .iter()
                .enumerate()
                .map(|(i, &c)| (c, at / 1000 + i as i64 * 7200))
                .collect();
            let decay_hours = 6.0;
            let last = joins.last().map_or(at / 1000, |j| j.1);
            self.stats.events.push(PlantedEvent {
                hashtag: words.hashtag.clone(),
                terms: words.terms.clone(),
                start: at / 1000,
                peak_rate_per_hour: (2.0 * mean_hourly).max(3.0),
                decay_hours,
                end: last + (4.0 * decay_hours * 3600.0) as i64,
                seed_community: order[0],
                joins,
            });
        }
    }

    fn plan_event_posts(&mut self, t0: i64) {
        for e in 0..self.stats.events.len() {
            let ev = &self.stats.events[e];
            let tau = ev.decay_hours * 3600.0;
            let n_joined = ev.joins.len() as f64;
            let mut planned = Vec::new();
            for &(c, join) in &ev.joins {
                let dt = (t0 / 1000 - join) as f64;
                if dt < -3600.0 || dt > 4.0 * tau {
                    continue;
                }
                // Rate decays from the join; the hour of the join gets its covered part.
                let from = (join * 1000).max(t0);
                let covered = (t0 + HOUR_MS - from) as f64 / HOUR_MS as f64;
                if covered <= 0.0 {
                    continue;
                }
                let mid = ((from - join * 1000) as f64 / 1000.0).max(0.0);
                let rate = ev.peak_rate_per_hour / n_joined.sqrt() * (-mid / tau).exp() * covered;
                planned.push((c, from, rate));
            }
            for (c, from, rate) in planned {
                for _ in 0..self.rng.poisson(rate) {
                    let t = from + self.rng.below((t0 + HOUR_MS - from) as u64) as i64;
                    if let Some(author) = self.world.draw_author_in(c, &mut self.rng) {
                        self.push(
                            t,
                            Action::Event {
                                event: e as u16,
                                author,
                            },
                        );
                    }
                }
            }
        }
    }

    fn act(&mut self, t: i64, a: Action, sink: &mut dyn Sink) -> std::io::Result<()> {
        self.now = t;
        match a {
            Action::Organic { author } => {
                // A fifth of organic posts answer a recent post of someone the author follows.
                if self.rng.chance(0.2) {
                    let following = self.world.following(author);
                    if !following.is_empty() {
                        let f = following[self.rng.index(following.len())];
                        if let Some((s, _)) = self.last_post[f as usize] {
                            if self.recent.get(s).is_some() {
                                let text = self.vocab.comment(self.world, author, &mut self.rng);
                                return self.emit(
                                    author,
                                    Kind::Reply { to: s },
                                    Some(text),
                                    None,
                                    None,
                                    sink,
                                );
                            }
                        }
                    }
                }
                let text = self.vocab.post(self.world, author, &mut self.rng, None);
                self.emit(author, Kind::Original, Some(text), None, None, sink)
            }
            Action::Event { event, author } => {
                let text = self
                    .vocab
                    .post(self.world, author, &mut self.rng, Some(event as usize));
                self.emit(author, Kind::Original, Some(text), Some(event), None, sink)
            }
            Action::React {
                author,
                root,
                parent,
                kind,
            } => {
                let Some(r) = self.recent.get(root) else {
                    return Ok(());
                };
                let event = r.event;
                match kind {
                    REPOST => {
                        let parent = (self.params.regime == Regime::Contagion).then_some(parent);
                        self.emit(
                            author,
                            Kind::Repost { of: root, parent },
                            None,
                            event,
                            None,
                            sink,
                        )
                    }
                    QUOTE => {
                        let text = self.vocab.comment(self.world, author, &mut self.rng);
                        self.emit(
                            author,
                            Kind::Quote { of: root },
                            Some(text),
                            None,
                            None,
                            sink,
                        )
                    }
                    _ => {
                        let text = self.vocab.comment(self.world, author, &mut self.rng);
                        self.emit(
                            author,
                            Kind::Reply { to: root },
                            Some(text),
                            None,
                            None,
                            sink,
                        )
                    }
                }
            }
            Action::Spam { author } => {
                let dup = if self.rng.chance(0.5) {
                    self.spam_codes.get(&author).copied()
                } else {
                    None
                };
                let code = dup.unwrap_or_else(|| self.rng.below(1_000_000));
                self.spam_codes.insert(author, code);
                let text = self.vocab.spam(&mut self.rng, Some(code));
                self.emit(author, Kind::Original, Some(text), None, None, sink)
            }
            Action::Bot { author } => {
                let text = self.vocab.bot(self.world, author, &mut self.rng);
                self.emit(author, Kind::Original, Some(text), None, None, sink)
            }
            Action::Edit { of } => {
                let Some(orig) = self.recent.get(of) else {
                    return Ok(());
                };
                let (author, event) = (orig.author, orig.event);
                let mut text = orig.text.clone();
                if let Some(text) = text.as_mut() {
                    text.pieces
                        .push(crate::text::Piece::Word("(edited)".into()));
                }
                let seq = self.next_seq;
                self.emit(author, Kind::Original, text, event, Some(of), sink)?;
                if let (Some(o), Some(e)) = (self.recent.get(of), self.recent.get(seq)) {
                    let pair = (
                        self.ids.post(o, &self.recent),
                        self.ids.post(e, &self.recent),
                    );
                    self.stats.edited.push(pair);
                }
                Ok(())
            }
            Action::Round { round } => {
                let members: Vec<u32> = (0..self.world.accounts.len() as u32)
                    .filter(|&u| self.world.accounts[u as usize].role == Role::Coordinated)
                    .collect();
                let Some(&leader) = members.first() else {
                    return Ok(());
                };
                if round.is_multiple_of(2) {
                    // The leader posts; the others repost within seconds.
                    let text = self.vocab.post(self.world, leader, &mut self.rng, None);
                    let seq = self.next_seq;
                    self.emit(leader, Kind::Original, Some(text), None, None, sink)?;
                    for &m in &members[1..] {
                        let dt = 1_000 + self.rng.below(19_000) as i64;
                        self.push(
                            t + dt,
                            Action::CoordRepost {
                                author: m,
                                of: seq,
                                round,
                            },
                        );
                    }
                } else {
                    for &m in &members {
                        let dt = self.rng.below(90_000) as i64;
                        self.push(t + dt, Action::CoordText { author: m, round });
                    }
                    let template = self.vocab.copypasta(self.world, leader, &mut self.rng);
                    self.templates.insert(round, template);
                }
                Ok(())
            }
            Action::CoordRepost { author, of, round } => {
                let seq = self.next_seq;
                if self.recent.get(of).is_none() {
                    return Ok(());
                }
                self.emit(
                    author,
                    Kind::Repost { of, parent: None },
                    None,
                    None,
                    None,
                    sink,
                )?;
                self.round_post(round, seq);
                Ok(())
            }
            Action::CoordText { author, round } => {
                let Some(template) = self.templates.get(&round) else {
                    return Ok(());
                };
                let text = self.vocab.vary(template, &mut self.rng);
                let seq = self.next_seq;
                self.emit(author, Kind::Original, Some(text), None, None, sink)?;
                self.round_post(round, seq);
                Ok(())
            }
        }
    }

    fn emit(
        &mut self,
        author: u32,
        kind: Kind,
        text: Option<Text>,
        event: Option<u16>,
        edit_of: Option<u64>,
        sink: &mut dyn Sink,
    ) -> std::io::Result<()> {
        let t = self.now;
        let seq = self.next_seq;
        self.next_seq += 1;
        let role = self.world.accounts[author as usize].role;
        let organic_original = kind == Kind::Original && role == Role::Regular && edit_of.is_none();
        let deleted = organic_original && self.rng.chance(self.params.deleted_share);
        let post = Rc::new(Post {
            seq,
            author,
            time: t,
            kind,
            text,
            deleted,
            edit_of,
            event,
        });
        sink.post(&post, self.world, &self.recent)?;
        if edit_of.is_some() {
            // A later version of a post already counted: remembered for its id only.
            self.recent.order.push_back((t, seq));
            self.recent.posts.insert(seq, (post, Engagement::default()));
            return Ok(());
        }
        let local_hour = (t / 1000 + self.params.utc_offset).rem_euclid(86_400) / 3600;
        self.stats.by_hour[local_hour as usize] += 1;
        self.stats.by_kind[match kind {
            Kind::Original => 0,
            Kind::Reply { .. } => 1,
            Kind::Repost { .. } => 2,
            Kind::Quote { .. } => 3,
        }] += 1;
        self.stats.posted[author as usize] = true;
        if deleted {
            self.stats.deleted.push(self.ids.post(&post, &self.recent));
        }
        match kind {
            Kind::Reply { to } => self.engage(to, |e| e.replies += 1),
            Kind::Quote { of } => self.engage(of, |e| e.quotes += 1),
            Kind::Repost { of, .. } => {
                self.engage(of, |e| e.reposts += 1);
                *self.cascades.entry(of).or_insert(0) += 1;
                if let Kind::Repost { parent, .. } = kind {
                    self.log_parent(&post, of, parent)?;
                }
            }
            Kind::Original => {}
        }
        if !matches!(kind, Kind::Repost { .. }) {
            self.last_post[author as usize] = Some((seq, t));
        }
        self.recent.order.push_back((t, seq));
        self.recent
            .posts
            .insert(seq, (post.clone(), Engagement::default()));
        if organic_original && !deleted && self.rng.chance(self.params.edited_share) {
            let dt = 60_000 + self.rng.below(20 * 60_000) as i64;
            self.push(t + dt, Action::Edit { of: seq });
        }
        if matches!(role, Role::Regular | Role::Coordinated) {
            self.spread(&post);
        }
        Ok(())
    }

    fn log_parent(&mut self, post: &Post, root: u64, parent: Option<u64>) -> std::io::Result<()> {
        let id = |s: u64| {
            self.recent
                .get(s)
                .map(|p| self.ids.post(p, &self.recent))
                .unwrap_or_default()
        };
        let parent = parent.map(id).unwrap_or_default();
        writeln!(
            self.parents,
            "{},{},{}",
            self.ids.post(post, &self.recent),
            parent,
            id(root)
        )
    }

    fn round_post(&mut self, round: u32, seq: u64) {
        if let Some(p) = self.recent.get(seq) {
            let id = self.ids.post(p, &self.recent);
            self.stats.rounds[round as usize].posts.push(id);
        }
    }

    fn engage(&mut self, seq: u64, f: impl FnOnce(&mut Engagement)) {
        if let Some((_, e)) = self.recent.posts.get_mut(&seq) {
            f(e);
        }
    }

    /// Schedules the reactions a post triggers.
    fn spread(&mut self, post: &Post) {
        let root = match post.kind {
            Kind::Original | Kind::Quote { .. } => post.seq,
            Kind::Repost { of, .. } => of,
            Kind::Reply { .. } => return,
        };
        let Some(root_author) = self.recent.get(root).map(|p| p.author) else {
            return;
        };
        let p = self.activation;
        if p <= 0.0 {
            return;
        }
        let followers = self.world.followers(post.author);
        let chosen: Vec<u32> = match self.params.regime {
            Regime::Contagion => {
                let mut out = Vec::new();
                let ln_q = (1.0 - p).ln();
                let mut i = if p >= 1.0 { 0 } else { self.rng.skip(ln_q) };
                while (i as usize) < followers.len() {
                    out.push(followers[i as usize]);
                    i = if p >= 1.0 {
                        i + 1
                    } else {
                        i.saturating_add(1 + self.rng.skip(ln_q))
                    };
                }
                out
            }
            Regime::Homophily => {
                // As many adopters as contagion would give, drawn by leaning, not by edges.
                let count = (0..followers.len()).filter(|_| self.rng.chance(p)).count();
                let leaning = self.world.accounts[root_author as usize].leaning as usize;
                let pool = &self.by_leaning[leaning];
                (0..count)
                    .filter(|_| !pool.is_empty())
                    .map(|_| pool[self.rng.index(pool.len())])
                    .collect()
            }
        };
        for f in chosen {
            if f == root_author || self.world.accounts[f as usize].role != Role::Regular {
                continue;
            }
            if !self.adopters.entry(root).or_default().insert(f) {
                continue;
            }
            // Log-normal delay: median 20 minutes, capped at two days.
            let delay =
                (20.0 * 60_000.0 * (1.2 * normal(&mut self.rng)).exp()).min(48.0 * HOUR_MS as f64);
            let u = self.rng.f64();
            let kind = if u < 0.72 {
                REPOST
            } else if u < 0.84 {
                QUOTE
            } else {
                REPLY
            };
            self.push(
                post.time + delay as i64,
                Action::React {
                    author: f,
                    root,
                    parent: post.seq,
                    kind,
                },
            );
        }
    }
}

/// The first post of the thread a post belongs to (as far as the recent posts reach).
pub fn conversation_root(p: &Post, recent: &Recent) -> u64 {
    let mut cur = p;
    while let Kind::Reply { to } = cur.kind {
        match recent.get(to) {
            Some(parent) => cur = parent,
            None => break,
        }
    }
    cur.seq
}
