//! Networks from the corpus: who reposts, replies to, quotes, mentions, follows and likes whom;
//! which hashtags and domains appear together; which accounts use which hashtags and domains.
//!
//! Account networks are directed and weighted by the number of interactions. Co-occurrence
//! networks are undirected, weighted by the number of posts holding both (reposts left out: their
//! entities are the original's). Bipartite account–hashtag / account–domain graphs are weighted by
//! the number of the account's posts with the item, with NetworkX's `bipartite` node attribute
//! (0 accounts, 1 items); their one-mode projections onto accounts are weighted by the number of
//! distinct items two accounts share (NetworkX `weighted_projected_graph`). Nodes are accounts
//! (`platform:native_id`, label `@handle`, with the account's imported attributes) or items
//! (`#tag`, a domain).

use crate::{Cell, Corpus, StoreError};
use crowdmine_graph::{AttrValue, Attrs, EdgeData, GraphData, NodeData};
use crowdmine_model::Platform;
use rustc_hash::FxHashMap as HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkKind {
    Repost,
    Reply,
    Quote,
    Mention,
    /// Reposts, replies, quotes and mentions together.
    Interaction,
    Follow,
    Like,
    CoHashtag,
    CoDomain,
    AccountHashtag,
    AccountDomain,
    /// Accounts linked by the hashtags they share.
    AccountsByHashtag,
    /// Accounts linked by the domains they share.
    AccountsByDomain,
}

impl NetworkKind {
    pub const ALL: [NetworkKind; 13] = [
        NetworkKind::Repost,
        NetworkKind::Reply,
        NetworkKind::Quote,
        NetworkKind::Mention,
        NetworkKind::Interaction,
        NetworkKind::Follow,
        NetworkKind::Like,
        NetworkKind::CoHashtag,
        NetworkKind::CoDomain,
        NetworkKind::AccountHashtag,
        NetworkKind::AccountDomain,
        NetworkKind::AccountsByHashtag,
        NetworkKind::AccountsByDomain,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NetworkKind::Repost => "repost",
            NetworkKind::Reply => "reply",
            NetworkKind::Quote => "quote",
            NetworkKind::Mention => "mention",
            NetworkKind::Interaction => "interaction",
            NetworkKind::Follow => "follow",
            NetworkKind::Like => "like",
            NetworkKind::CoHashtag => "co-hashtag",
            NetworkKind::CoDomain => "co-domain",
            NetworkKind::AccountHashtag => "account-hashtag",
            NetworkKind::AccountDomain => "account-domain",
            NetworkKind::AccountsByHashtag => "accounts-by-hashtag",
            NetworkKind::AccountsByDomain => "accounts-by-domain",
        }
    }

    pub fn parse(s: &str) -> Option<NetworkKind> {
        NetworkKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn directed(self) -> bool {
        matches!(
            self,
            NetworkKind::Repost
                | NetworkKind::Reply
                | NetworkKind::Quote
                | NetworkKind::Mention
                | NetworkKind::Interaction
                | NetworkKind::Follow
                | NetworkKind::Like
        )
    }
}

/// Which part of the corpus a network is built from.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub platform: Option<Platform>,
    /// Unix seconds; `until` exclusive.
    pub since: Option<i64>,
    pub until: Option<i64>,
    /// Only collected posts (not those only referenced by others).
    pub collected_only: bool,
    /// Edges lighter than this are left out.
    pub min_weight: f64,
}

impl Selection {
    /// SQL conditions on a post aliased `p`; only numbers and known names are inlined.
    fn posts(&self, time: &str) -> String {
        let mut c = vec!["1".to_string()];
        if let Some(p) = self.platform {
            c.push(format!("p.platform = '{}'", p.as_str()));
        }
        if let Some(t) = self.since {
            c.push(format!("{time} >= {t}"));
        }
        if let Some(t) = self.until {
            c.push(format!("{time} < {t}"));
        }
        if self.collected_only {
            c.push("p.collected = 1".into());
        }
        c.join(" AND ")
    }
}

/// The hashtags and domains a group of accounts posts most.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupItems {
    /// (`#tag`, posts) and (domain, posts), most frequent first.
    pub hashtags: Vec<(String, u64)>,
    pub domains: Vec<(String, u64)>,
}

/// For accounts in groups (network node ids such as `x:12345` or `x:@handle` → group number below
/// `groups`), the `top` hashtags and domains of their posts in the selection (reposts left out,
/// as in the co-occurrence networks).
pub fn top_items_by_group(
    corpus: &Corpus,
    sel: &Selection,
    members: &std::collections::HashMap<String, usize>,
    groups: usize,
    top: usize,
) -> Result<Vec<GroupItems>, StoreError> {
    let mut counts: Vec<[HashMap<String, u64>; 2]> =
        (0..groups).map(|_| Default::default()).collect();
    let sql = format!(
        "SELECT a.platform, a.native_id, a.handle, e.kind, \
         CASE e.kind WHEN 'hashtag' THEN '#' || lower(e.value) ELSE e.detail END \
         FROM entities e JOIN posts p ON p.id = e.post JOIN accounts a ON a.id = p.author \
         WHERE e.kind IN ('hashtag', 'url') AND p.kind != 'repost' AND {}",
        sel.posts("p.created_at")
    );
    corpus.sql_each(&sql, &mut |_, r| {
        let (platform, native, handle) = (text(&r[0]), text(&r[1]), text(&r[2]));
        let node = if native.is_empty() {
            format!("{platform}:@{handle}")
        } else {
            format!("{platform}:{native}")
        };
        let item = text(&r[4]);
        if let (Some(&g), false) = (members.get(&node), item.is_empty()) {
            let k = usize::from(text(&r[3]) != "hashtag");
            *counts[g][k].entry(item).or_insert(0) += 1;
        }
        Ok(())
    })?;
    let ranked = |m: &HashMap<String, u64>| {
        let mut v: Vec<(String, u64)> = m.iter().map(|(k, &c)| (k.clone(), c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(top);
        v
    };
    Ok(counts
        .iter()
        .map(|[h, d]| GroupItems {
            hashtags: ranked(h),
            domains: ranked(d),
        })
        .collect())
}

fn int(c: &Cell) -> i64 {
    match c {
        Cell::Int(i) => *i,
        Cell::Real(f) => *f as i64,
        _ => 0,
    }
}

fn text(c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Null => String::new(),
        other => other.display(),
    }
}

/// Builds a network of `kind` from the corpus.
pub fn build_network(
    corpus: &Corpus,
    kind: NetworkKind,
    sel: &Selection,
) -> Result<GraphData, StoreError> {
    let min = sel.min_weight.max(0.0);
    let account_edges = |sql: String| -> Result<Vec<(i64, i64, f64)>, StoreError> {
        let mut edges = Vec::new();
        corpus.sql_each(&sql, &mut |_, r| {
            edges.push((int(&r[0]), int(&r[1]), int(&r[2]) as f64));
            Ok(())
        })?;
        Ok(edges)
    };
    let interactions = |kinds: &str| {
        format!(
            "SELECT i.src, i.dst, COUNT(*) FROM interactions i JOIN posts p ON p.id = i.post \
             WHERE i.kind IN ({kinds}) AND {} GROUP BY i.src, i.dst HAVING COUNT(*) >= {min}",
            sel.posts("p.created_at")
        )
    };
    let ties = |kind: &str| {
        let mut s = sel.clone();
        s.collected_only = false;
        format!(
            "SELECT t.src, t.dst, COUNT(*) FROM ties t JOIN accounts p ON p.id = t.src \
             WHERE t.kind = '{kind}' AND {} GROUP BY t.src, t.dst HAVING COUNT(*) >= {min}",
            s.posts("t.created_at")
        )
    };
    let items = |entity: &str| match entity {
        "hashtag" => ("'hashtag'", "'#' || lower(e.value)"),
        _ => ("'url'", "e.detail"),
    };
    match kind {
        NetworkKind::Repost
        | NetworkKind::Reply
        | NetworkKind::Quote
        | NetworkKind::Mention
        | NetworkKind::Interaction => {
            let kinds = match kind {
                NetworkKind::Interaction => "'repost', 'reply', 'quote', 'mention'".to_string(),
                k => format!("'{}'", k.as_str()),
            };
            accounts_graph(corpus, account_edges(interactions(&kinds))?, true)
        }
        NetworkKind::Follow => accounts_graph(corpus, account_edges(ties("follow"))?, true),
        NetworkKind::Like => accounts_graph(corpus, account_edges(ties("like"))?, true),
        NetworkKind::CoHashtag | NetworkKind::CoDomain => {
            let (k, value) = items(if kind == NetworkKind::CoHashtag {
                "hashtag"
            } else {
                "domain"
            });
            let sql = format!(
                "WITH x AS (SELECT DISTINCT e.post, {value} AS item FROM entities e JOIN posts p ON p.id = e.post \
                 WHERE e.kind = {k} AND p.kind != 'repost' AND {value} IS NOT NULL AND {}) \
                 SELECT a.item, b.item, COUNT(*) FROM x a JOIN x b ON a.post = b.post AND a.item < b.item \
                 GROUP BY 1, 2 HAVING COUNT(*) >= {min}",
                sel.posts("p.created_at")
            );
            let mut data = GraphData::default();
            let mut index = HashMap::default();
            corpus.sql_each(&sql, &mut |_, r| {
                let a = data.node_index(&text(&r[0]), &mut index);
                let b = data.node_index(&text(&r[1]), &mut index);
                data.edges.push(EdgeData {
                    source: a,
                    target: b,
                    weight: Some(int(&r[2]) as f64),
                    attrs: Attrs::new(),
                });
                Ok(())
            })?;
            for n in &mut data.nodes {
                n.attrs
                    .insert("label".into(), AttrValue::Text(n.id.clone()));
            }
            Ok(data)
        }
        NetworkKind::AccountHashtag
        | NetworkKind::AccountDomain
        | NetworkKind::AccountsByHashtag
        | NetworkKind::AccountsByDomain => {
            let hashtags = matches!(
                kind,
                NetworkKind::AccountHashtag | NetworkKind::AccountsByHashtag
            );
            let (k, value) = items(if hashtags { "hashtag" } else { "domain" });
            let sql = format!(
                "SELECT p.author, {value}, COUNT(DISTINCT p.id) FROM entities e JOIN posts p ON p.id = e.post \
                 WHERE e.kind = {k} AND p.author IS NOT NULL AND {value} IS NOT NULL AND {} GROUP BY 1, 2 HAVING COUNT(DISTINCT p.id) >= {}",
                sel.posts("p.created_at"),
                if matches!(kind, NetworkKind::AccountHashtag | NetworkKind::AccountDomain) { min } else { 1.0 }
            );
            let mut pairs: Vec<(i64, String, f64)> = Vec::new();
            corpus.sql_each(&sql, &mut |_, r| {
                pairs.push((int(&r[0]), text(&r[1]), int(&r[2]) as f64));
                Ok(())
            })?;
            if matches!(
                kind,
                NetworkKind::AccountHashtag | NetworkKind::AccountDomain
            ) {
                bipartite(corpus, pairs)
            } else {
                accounts_graph(corpus, project(&pairs, min), false)
            }
        }
    }
}

/// Accounts sharing items: one edge per pair, weighted by the number of distinct items shared.
fn project(pairs: &[(i64, String, f64)], min: f64) -> Vec<(i64, i64, f64)> {
    let mut by_item: HashMap<&str, Vec<i64>> = HashMap::default();
    for (a, item, _) in pairs {
        by_item.entry(item.as_str()).or_default().push(*a);
    }
    let mut shared: HashMap<(i64, i64), f64> = HashMap::default();
    for accounts in by_item.values_mut() {
        accounts.sort_unstable();
        accounts.dedup();
        for (i, &a) in accounts.iter().enumerate() {
            for &b in &accounts[i + 1..] {
                *shared.entry((a, b)).or_default() += 1.0;
            }
        }
    }
    let mut edges: Vec<(i64, i64, f64)> = shared
        .into_iter()
        .filter(|(_, w)| *w >= min)
        .map(|((a, b), w)| (a, b, w))
        .collect();
    edges.sort_unstable_by_key(|e| (e.0, e.1));
    edges
}

/// Account node data (id `platform:native_id`, label `@handle`) for the dense ids in `ids`.
fn account_nodes(corpus: &Corpus, ids: &[i64]) -> Result<HashMap<i64, NodeData>, StoreError> {
    let wanted: rustc_hash::FxHashSet<i64> = ids.iter().copied().collect();
    let mut nodes = HashMap::default();
    corpus.sql_each(
        "SELECT id, platform, native_id, handle, name FROM accounts",
        &mut |_, r| {
            let id = int(&r[0]);
            if wanted.contains(&id) {
                let (platform, native, handle) = (text(&r[1]), text(&r[2]), text(&r[3]));
                let node_id = if native.is_empty() {
                    format!("{platform}:@{handle}")
                } else {
                    format!("{platform}:{native}")
                };
                let mut attrs = Attrs::new();
                let label = if handle.is_empty() {
                    native.clone()
                } else {
                    format!("@{handle}")
                };
                attrs.insert("label".into(), AttrValue::Text(label));
                attrs.insert("platform".into(), AttrValue::Text(platform));
                if !handle.is_empty() {
                    attrs.insert("handle".into(), AttrValue::Text(handle));
                }
                nodes.insert(id, NodeData { id: node_id, attrs });
            }
            Ok(())
        },
    )?;
    // Imported account attributes (leaning, bot label, …) go with the nodes.
    corpus.sql_each(
        "SELECT x.account, x.name, x.value FROM account_attributes x",
        &mut |_, r| {
            if let Some(node) = nodes.get_mut(&int(&r[0])) {
                let value = match &r[2] {
                    Cell::Int(i) => AttrValue::Int(*i),
                    Cell::Real(f) => AttrValue::Float(*f),
                    other => AttrValue::Text(text(other)),
                };
                node.attrs.insert(text(&r[1]), value);
            }
            Ok(())
        },
    )?;
    Ok(nodes)
}

fn accounts_graph(
    corpus: &Corpus,
    edges: Vec<(i64, i64, f64)>,
    directed: bool,
) -> Result<GraphData, StoreError> {
    let ids: Vec<i64> = edges.iter().flat_map(|e| [e.0, e.1]).collect();
    let mut nodes = account_nodes(corpus, &ids)?;
    let mut data = GraphData {
        directed,
        ..GraphData::default()
    };
    let mut index: HashMap<i64, usize> = HashMap::default();
    let mut at = |id: i64, data: &mut GraphData| {
        *index.entry(id).or_insert_with(|| {
            data.nodes
                .push(nodes.remove(&id).unwrap_or_else(|| NodeData {
                    id: format!("account:{id}"),
                    attrs: Attrs::new(),
                }));
            data.nodes.len() - 1
        })
    };
    for (a, b, w) in edges {
        let (s, t) = (at(a, &mut data), at(b, &mut data));
        data.edges.push(EdgeData {
            source: s,
            target: t,
            weight: Some(w),
            attrs: Attrs::new(),
        });
    }
    Ok(data)
}

fn bipartite(corpus: &Corpus, pairs: Vec<(i64, String, f64)>) -> Result<GraphData, StoreError> {
    let ids: Vec<i64> = pairs.iter().map(|p| p.0).collect();
    let mut accounts = account_nodes(corpus, &ids)?;
    let mut data = GraphData::default();
    let mut acc_index: HashMap<i64, usize> = HashMap::default();
    let mut item_index: HashMap<String, usize> = HashMap::default();
    for (a, item, w) in pairs {
        let s = *acc_index.entry(a).or_insert_with(|| {
            let mut n = accounts.remove(&a).unwrap_or_else(|| NodeData {
                id: format!("account:{a}"),
                attrs: Attrs::new(),
            });
            n.attrs.insert("bipartite".into(), AttrValue::Int(0));
            data.nodes.push(n);
            data.nodes.len() - 1
        });
        let t = *item_index.entry(item.clone()).or_insert_with(|| {
            let mut attrs = Attrs::new();
            attrs.insert("bipartite".into(), AttrValue::Int(1));
            attrs.insert("label".into(), AttrValue::Text(item.clone()));
            data.nodes.push(NodeData {
                id: item.clone(),
                attrs,
            });
            data.nodes.len() - 1
        });
        data.edges.push(EdgeData {
            source: s,
            target: t,
            weight: Some(w),
            attrs: Attrs::new(),
        });
    }
    Ok(data)
}
