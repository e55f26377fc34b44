//! The social graph of a run: accounts in planted communities, their attributes, and who follows
//! whom.
//!
//! Communities and degrees come from the degree-corrected stochastic block model of the
//! network-models issue ([`dcsbm`]: power-law expected degrees, mixing μ = the share of edge ends
//! that leave their community). Each undirected tie becomes a follow: both ways with probability
//! `reciprocity`, else one way, towards the more popular end with probability k_v / (k_u + k_v) —
//! preferential attachment of followers, which makes the highest-degree accounts influencers.
//! Attributes are homophilous: each community has a dominant leaning that 85 % of its members
//! share, and a community-level mean of the log activity.

use crate::words;
use crate::{Params, Result, SynthError};
use crowdmine_graph::generators::{dcsbm, power_law_degrees, DcsbmParams, Multi};
use crowdmine_graph::random::{power_law, Alias, Rng};
use crowdmine_graph::{BuildOptions, Duplicates, Graph, GraphBuilder};
use std::collections::HashSet;

pub const LEANINGS: &[&str] = &["left", "centre", "right"];

/// What an account does besides ordinary posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Regular,
    /// Member of the coordinated group.
    Coordinated,
    Spam,
    Bot,
    /// Suspended before collection: it posts nothing, and X reports it in page `errors`.
    Suspended,
}

#[derive(Debug, Clone)]
pub struct Account {
    pub community: u32,
    pub leaning: u8,
    /// Relative posting rate (log-normal).
    pub activity: f64,
    /// Unix seconds.
    pub created_at: i64,
    pub handle: String,
    pub name: String,
    pub role: Role,
}

pub struct World {
    pub accounts: Vec<Account>,
    /// Directed: u → v when u follows v; `inn(v)` are v's followers.
    pub follows: Graph,
    pub communities: u32,
    /// The share of undirected ties between communities.
    pub realised_mixing: f64,
    /// The most followed 1 % (at least three), most followed first.
    pub influencers: Vec<u32>,
    /// Per community: its dominant leaning.
    pub community_leaning: Vec<u8>,
    /// Posting authors drawn by activity, over accounts that post organically.
    pub authors: Alias,
    pub author_ids: Vec<u32>,
    /// The same per community.
    pub community_authors: Vec<(Vec<u32>, Option<Alias>)>,
}

impl World {
    pub fn followers(&self, u: u32) -> &[u32] {
        self.follows.inn(u)
    }
    pub fn following(&self, u: u32) -> &[u32] {
        self.follows.out(u)
    }
    pub fn draw_author(&self, rng: &mut Rng) -> u32 {
        self.author_ids[self.authors.sample(rng)]
    }
    pub fn draw_author_in(&self, community: u32, rng: &mut Rng) -> Option<u32> {
        let (ids, alias) = &self.community_authors[community as usize];
        alias.as_ref().map(|a| ids[a.sample(rng)])
    }
}

/// Community count used when the user gives none: about √n / 4, between 2 and 500.
pub fn default_communities(accounts: u32) -> u32 {
    ((f64::from(accounts).sqrt() / 4.0).round() as u32).clamp(2, 500)
}

pub fn build(p: &Params) -> Result<World> {
    let n = p.accounts as usize;
    let k = p
        .communities
        .unwrap_or_else(|| default_communities(p.accounts));
    if n < 20 || (k as usize) * 5 > n {
        return Err(SynthError::Invalid(format!(
            "{n} accounts are too few for {k} communities: give at least 20 accounts and 5 per community"
        )));
    }
    let mut rng = Rng::stream(p.seed, 1);

    // Community sizes: power law (exponent 2) of weights, at least 5 members each.
    let weights: Vec<f64> = (0..k).map(|_| power_law(&mut rng, 2.0, 1.0, 8.0)).collect();
    let total: f64 = weights.iter().sum();
    let mut sizes: Vec<usize> = weights
        .iter()
        .map(|w| ((w / total) * n as f64).floor().max(5.0) as usize)
        .collect();
    while sizes.iter().sum::<usize>() > n {
        let i = (0..sizes.len()).max_by_key(|&i| sizes[i]).unwrap_or(0);
        sizes[i] -= 1;
    }
    let mut i = 0;
    while sizes.iter().sum::<usize>() < n {
        let len = sizes.len();
        sizes[i % len] += 1;
        i += 1;
    }
    let mut blocks: Vec<u32> = sizes
        .iter()
        .enumerate()
        .flat_map(|(c, &s)| std::iter::repeat_n(c as u32, s))
        .collect();
    rng.shuffle(&mut blocks);

    let avg = p.avg_degree.min((n as f64 - 1.0) / 3.0);
    let max_degree = ((n as f64).powf(0.75).max(4.0 * avg) as u32).min(n as u32 - 1);
    let degrees = power_law_degrees(n, avg, max_degree, 2.3, p.seed ^ 0xde6)
        .map_err(|e| SynthError::Invalid(e.to_string()))?;
    // Erasing repeated ties thins the dense insides of communities more than the sparse space
    // between them, which raises the realised mixing; one corrected draw brings it back to μ.
    let mut undirected = block_model(&blocks, &degrees, p.mixing, p.seed)?;
    let realised = mixing(&undirected, &blocks);
    if realised > 0.0 && (realised - p.mixing).abs() > 0.005 {
        let corrected = (p.mixing * p.mixing / realised).clamp(0.0, 1.0);
        undirected = block_model(&blocks, &degrees, corrected, p.seed)?;
    }

    let mut edges = Vec::with_capacity(undirected.edge_count() * 2);
    for (u, v, _) in undirected.edges() {
        if u >= v {
            continue;
        }
        if rng.chance(p.reciprocity) {
            edges.push((u, v, 1.0));
            edges.push((v, u, 1.0));
        } else {
            let (ku, kv) = (degrees[u as usize], degrees[v as usize]);
            if rng.chance(kv / (ku + kv)) {
                edges.push((u, v, 1.0));
            } else {
                edges.push((v, u, 1.0));
            }
        }
    }
    let mut b = GraphBuilder::new(BuildOptions {
        directed: true,
        duplicates: Duplicates::Sum,
        self_loops: false,
        weighted: false,
        signed: false,
    });
    b.nodes(n as u32);
    b.extend(edges);
    let follows = b.build();

    let community_leaning: Vec<u8> = (0..k)
        .map(|c| (c as usize % LEANINGS.len()) as u8)
        .collect();
    let community_activity: Vec<f64> = (0..k).map(|_| 0.3 * normal(&mut rng)).collect();
    let mut handles = HashSet::new();
    let start = p.start;
    let mut accounts: Vec<Account> = (0..n)
        .map(|u| {
            let c = blocks[u];
            let leaning = if rng.chance(0.85) {
                community_leaning[c as usize]
            } else {
                rng.index(LEANINGS.len()) as u8
            };
            let handle = loop {
                let h = words::handle(&mut rng);
                if h.len() >= 4 && handles.insert(h.to_lowercase()) {
                    break h;
                }
            };
            Account {
                community: c,
                leaning,
                activity: (community_activity[c as usize] + normal(&mut rng)).exp(),
                // Between ten years and a month before the first day.
                created_at: start - 30 * 86_400 - rng.below(9 * 365 * 86_400) as i64,
                handle,
                name: words::display_name(&mut rng),
                role: Role::Regular,
            }
        })
        .collect();

    let mut by_followers: Vec<u32> = (0..n as u32).collect();
    by_followers.sort_by_key(|&u| (std::cmp::Reverse(follows.in_degree(u)), u));
    let influencers: Vec<u32> = by_followers[..(n / 100).max(3)].to_vec();

    // Special roles among the accounts that are not influencers, in a seeded order.
    let mut pool: Vec<u32> = by_followers[influencers.len()..].to_vec();
    rng.shuffle(&mut pool);
    let mut take = |count: usize, role: Role, accounts: &mut Vec<Account>, rng: &mut Rng| {
        for _ in 0..count {
            if let Some(u) = pool.pop() {
                let a = &mut accounts[u as usize];
                a.role = role;
                if role != Role::Suspended {
                    // New accounts: created in the two months before the first day.
                    a.created_at = start - 86_400 - rng.below(60 * 86_400) as i64;
                }
            }
        }
    };
    take(
        p.coordinated as usize,
        Role::Coordinated,
        &mut accounts,
        &mut rng,
    );
    take(p.spammers as usize, Role::Spam, &mut accounts, &mut rng);
    take(p.bots as usize, Role::Bot, &mut accounts, &mut rng);
    take(
        p.suspended as usize,
        Role::Suspended,
        &mut accounts,
        &mut rng,
    );

    let organic = |a: &Account| matches!(a.role, Role::Regular | Role::Coordinated);
    let author_ids: Vec<u32> = (0..n as u32)
        .filter(|&u| organic(&accounts[u as usize]))
        .collect();
    let authors = Alias::new(
        &author_ids
            .iter()
            .map(|&u| accounts[u as usize].activity)
            .collect::<Vec<_>>(),
    )
    .ok_or_else(|| SynthError::Invalid("no account posts".into()))?;
    let community_authors = (0..k)
        .map(|c| {
            let ids: Vec<u32> = author_ids
                .iter()
                .copied()
                .filter(|&u| accounts[u as usize].community == c)
                .collect();
            let alias = Alias::new(
                &ids.iter()
                    .map(|&u| accounts[u as usize].activity)
                    .collect::<Vec<_>>(),
            );
            (ids, alias)
        })
        .collect();

    Ok(World {
        accounts,
        follows,
        communities: k,
        realised_mixing: mixing(&undirected, &blocks),
        influencers,
        community_leaning,
        authors,
        author_ids,
        community_authors,
    })
}

/// Standard normal (Box–Muller).
pub fn normal(rng: &mut Rng) -> f64 {
    (-2.0 * rng.open01().ln()).sqrt() * (std::f64::consts::TAU * rng.f64()).cos()
}

fn block_model(blocks: &[u32], degrees: &[f64], mixing: f64, seed: u64) -> Result<Graph> {
    dcsbm(
        &DcsbmParams {
            blocks: blocks.to_vec(),
            degrees: degrees.to_vec(),
            mixing,
            multi: Multi::Erase,
        },
        seed ^ 0x5b3,
    )
    .map_err(|e| SynthError::Invalid(e.to_string()))
}

/// The share of undirected ties between blocks.
fn mixing(g: &Graph, blocks: &[u32]) -> f64 {
    let (mut cross, mut ties) = (0usize, 0usize);
    for (u, v, _) in g.edges() {
        if u < v {
            ties += 1;
            cross += usize::from(blocks[u as usize] != blocks[v as usize]);
        }
    }
    if ties == 0 {
        0.0
    } else {
        cross as f64 / ties as f64
    }
}
