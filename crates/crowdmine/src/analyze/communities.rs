//! Communities of the interaction network: sizes, members, what they post and feel, and the
//! interactions between them.

use super::{group, handle, Context, COMMUNITIES_SHOWN};
use crate::networks::top_items_by_group;
use crate::report::{Block, Section, Table, Value};
use crate::StoreError;
use crowdmine_graph::community::{self as cm, LeidenParams};
use std::collections::HashMap;

pub(super) fn communities(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let g = &ctx.g;
    let params = LeidenParams {
        seed: ctx.opts.seed,
        ..LeidenParams::default()
    };
    let d = cm::leiden(g, &params);
    ctx.partition = d.partition.clone();
    let p = &ctx.partition;
    // Communities by size, largest first.
    let members = p.communities();
    let mut by_size: Vec<usize> = (0..members.len()).collect();
    by_size.sort_by(|&a, &b| members[b].len().cmp(&members[a].len()).then(a.cmp(&b)));
    let shown: Vec<usize> = by_size.iter().copied().take(COMMUNITIES_SHOWN).collect();
    let rank: HashMap<usize, usize> = shown.iter().enumerate().map(|(i, &c)| (c, i)).collect();
    let member_map: HashMap<String, usize> = (0..g.node_count())
        .filter_map(|u| {
            rank.get(&(p.labels[u] as usize))
                .map(|&i| (ctx.data.nodes[u].id.clone(), i))
        })
        .collect();
    let items = top_items_by_group(ctx.corpus, &ctx.sel, &member_map, shown.len(), 3)?;
    let (coverage, _performance) = cm::evaluate::coverage_and_performance(g, p);
    let mut t = Table::new(
        "communities",
        "The largest communities",
        &[
            "community",
            "accounts",
            "top accounts (PageRank)",
            "top hashtags",
            "top domains",
            "mean compound",
        ],
    );
    for (i, &c) in shown.iter().enumerate() {
        let mut top: Vec<u32> = members[c].clone();
        top.sort_by(|&a, &b| {
            ctx.pagerank[b as usize]
                .total_cmp(&ctx.pagerank[a as usize])
                .then(a.cmp(&b))
        });
        let names: Vec<String> = top
            .iter()
            .take(3)
            .map(|&u| handle(&ctx.data, u as usize))
            .collect();
        let scored: Vec<f64> = members[c]
            .iter()
            .filter_map(|&u| ctx.sentiment.get(&ctx.data.nodes[u as usize].id).copied())
            .collect();
        let mean = if scored.is_empty() {
            f64::NAN
        } else {
            scored.iter().sum::<f64>() / scored.len() as f64
        };
        let join = |v: &[(String, u64)]| {
            v.iter()
                .map(|(s, _)| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (tags, doms) = items.get(i).map_or((String::new(), String::new()), |it| {
            (join(&it.hashtags), join(&it.domains))
        });
        t.rows.push(vec![
            (i as u64 + 1).into(),
            members[c].len().into(),
            names.join(", ").into(),
            tags.into(),
            doms.into(),
            mean.into(),
        ]);
    }
    // Interactions between the shown communities (edge weights summed), the rest as "other".
    let k = shown.len();
    let mut matrix = vec![vec![0.0f64; k + 1]; k + 1];
    let slot = |u: u32| {
        rank.get(&(p.labels[u as usize] as usize))
            .copied()
            .unwrap_or(k)
    };
    for u in 0..g.node_count() as u32 {
        let weights = g.out_weights(u);
        for (i, &v) in g.out(u).iter().enumerate() {
            matrix[slot(u)][slot(v)] += weights.map_or(1.0, |w| w[i]);
        }
    }
    let mut cols: Vec<String> = vec!["from \\ to".into()];
    cols.extend((1..=k).map(|i| i.to_string()));
    cols.push("other".into());
    let cols_ref: Vec<&str> = cols.iter().map(String::as_str).collect();
    let mut heat = Table::new(
        "community_interactions",
        "Interactions between communities (rows: from, columns: to)",
        &cols_ref,
    );
    for (i, row) in matrix.iter().enumerate() {
        let name = if i < k {
            (i + 1).to_string()
        } else {
            "other".into()
        };
        let mut cells: Vec<Value> = vec![name.into()];
        cells.extend(row.iter().map(|&x| Value::Int(x as i64)));
        heat.rows.push(cells);
    }
    Ok(Some(Section {
        id: "communities".into(),
        title: "Communities".into(),
        method: format!(
            "Leiden (Traag, Waltman & van Eck 2019) maximising directed modularity (Leicht & \
             Newman) at resolution 1 on the interaction network, iterated until an iteration \
             gains less than 1e-3 of the modularity; seed {}. Top hashtags and domains from the \
             members' own posts; mean compound over the members' scored posts (VADER).",
            ctx.opts.seed
        ),
        blocks: vec![
            Block::Facts(vec![
                ("communities".into(), group(p.count as u64)),
                ("modularity".into(), format!("{:.4}", d.quality)),
                (
                    "coverage (share of edge weight inside communities)".into(),
                    format!("{coverage:.4}"),
                ),
                ("Leiden iterations".into(), d.iterations.to_string()),
            ]),
            Block::Table(t),
            Block::HeatMap(heat),
        ],
    }))
}
