//! The interaction network, its measures and centrality leaders, and its export for Gephi.

use super::{
    graph_error, group, handle, plot_error, Context, EXACT_BETWEENNESS_NODES, GEXF_NODES,
    MODEL_COMPARISON_NODES,
};
use crate::networks::{build_network, NetworkKind};
use crate::report::plot;
use crate::report::{Block, Section, Table, Value};
use crate::StoreError;
use crowdmine_graph::generators::compare::{compare, CompareOptions};
use crowdmine_graph::measures as ms;
use crowdmine_graph::powerlaw::{fit_power_law, Histogram, PowerLawParams};
use crowdmine_graph::{AttrValue, BuildOptions, Graph, GraphData};
use rustc_hash::FxHashMap;

pub(super) fn network(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    ctx.data = build_network(ctx.corpus, NetworkKind::Interaction, &ctx.sel)?;
    ctx.g = Graph::from_data(
        &ctx.data,
        BuildOptions {
            directed: true,
            weighted: true,
            ..BuildOptions::default()
        },
    )
    .map_err(graph_error)?;
    let g = &ctx.g;
    let (n, m) = (g.node_count(), g.edge_count());
    let comps = ms::weak_components(g);
    ctx.largest = comps.largest();
    let largest = ctx.largest.len();
    let und = g.to_undirected();
    let mut facts = vec![
        ("accounts (nodes)".into(), group(n as u64)),
        (
            "account pairs that interact (edges)".into(),
            group(m as u64),
        ),
        (
            "weakly connected components".into(),
            group(comps.count() as u64),
        ),
        (
            "largest component".into(),
            format!(
                "{} nodes ({:.1} %)",
                group(largest as u64),
                100.0 * largest as f64 / n.max(1) as f64
            ),
        ),
        (
            "reciprocity".into(),
            format!("{:.4}", ms::reciprocity(g, ms::Loops::Ignore)),
        ),
        (
            "average clustering (undirected)".into(),
            format!("{:.4}", ms::average_clustering(&und, ms::Weighting::None)),
        ),
        (
            "transitivity (undirected)".into(),
            format!("{:.4}", ms::transitivity(&und)),
        ),
        (
            "degree assortativity (out → in)".into(),
            format!(
                "{:.4}",
                ms::degree_assortativity(g, ms::Side::Out, ms::Side::In)
            ),
        ),
    ];
    let mut blocks = Vec::new();
    // The degree distribution (total degree on the undirected view) as a CCDF with its fit.
    let degrees: Vec<u64> = ms::degrees(&und).into_iter().map(|d| d as u64).collect();
    let mut hist: std::collections::BTreeMap<u64, u64> = Default::default();
    for &d in degrees.iter().filter(|&&d| d > 0) {
        *hist.entry(d).or_default() += 1;
    }
    let total = hist.values().sum::<u64>() as f64;
    let mut above = total;
    let mut ccdf = Vec::new();
    for (&d, &c) in &hist {
        ccdf.push((d as f64, above / total));
        above -= c as f64;
    }
    let fit = fit_power_law(
        &Histogram::new(degrees.iter().copied()),
        &PowerLawParams::default(),
    )
    .ok();
    let line = fit.as_ref().map(|f| {
        let share = f.n_tail as f64 / total.max(1.0);
        let xmax = hist.keys().next_back().copied().unwrap_or(1) as f64;
        let pts = (0..=40)
            .map(|i| {
                let x = f.xmin as f64 * (xmax / f.xmin as f64).powf(i as f64 / 40.0);
                (x, share * (x / f.xmin as f64).powf(1.0 - f.alpha))
            })
            .collect();
        (
            format!("power law, α = {:.2} from {}", f.alpha, f.xmin),
            pts,
        )
    });
    if let Some(f) = &fit {
        facts.push((
            "power-law fit of the degrees".into(),
            format!(
                "α = {:.3} ± {:.3} from x_min = {} ({} nodes in the tail, KS D = {:.4})",
                f.alpha, f.sigma, f.xmin, f.n_tail, f.d
            ),
        ));
    }
    blocks.push(Block::Facts(facts));
    if !ccdf.is_empty() {
        let svg = plot::log_log(
            &ccdf,
            line,
            "degree k (undirected)",
            "share of nodes with degree ≥ k",
        )
        .map_err(plot_error)?;
        blocks.push(Block::Plot {
            svg,
            caption: "Degree distribution (complementary cumulative), log–log, with the \
                      maximum-likelihood power-law fit."
                .into(),
        });
    }
    if (10..=MODEL_COMPARISON_NODES).contains(&n) {
        let opts = CompareOptions {
            seeds: 3,
            seed: ctx.opts.seed,
            ..CompareOptions::default()
        };
        if let Ok(c) = compare(&und, &opts) {
            let mut cols: Vec<String> = vec!["statistic".into(), "observed".into()];
            cols.extend(c.models.iter().map(|m| m.model.clone()));
            let cols_ref: Vec<&str> = cols.iter().map(String::as_str).collect();
            let mut t = Table::new(
                "model_comparison",
                "The network beside random-graph models of the same size (means of 3 draws)",
                &cols_ref,
            );
            for (i, stat) in c.statistics.iter().enumerate() {
                let mut row: Vec<Value> = vec![stat.clone().into(), c.observed[i].into()];
                row.extend(c.models.iter().map(|m| Value::Real(m.mean[i])));
                t.rows.push(row);
            }
            blocks.push(Block::Table(t));
        }
    } else if n > MODEL_COMPARISON_NODES {
        blocks.push(Block::Text(format!(
            "The model comparison runs up to {} nodes (`crowdmine models compare` runs it on any \
             network).",
            group(MODEL_COMPARISON_NODES as u64)
        )));
    }
    Ok(Some(Section {
        id: "network".into(),
        title: "Interaction network".into(),
        method: "Accounts joined by replies, reposts, quotes and mentions among the posts of the \
                 window (directed, weighted by the number of interactions); clustering and the \
                 degree distribution on its undirected view; power law by maximum likelihood \
                 (Clauset, Shalizi & Newman 2009) with x_min minimising the KS distance."
            .into(),
        blocks,
    }))
}

pub(super) fn centrality(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let g = &ctx.g;
    let n = g.node_count();
    ctx.pagerank = ms::pagerank(g, &ms::PageRankParams::default()).scores;
    ctx.cores = ms::core_numbers(&g.to_undirected());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| ctx.pagerank[b].total_cmp(&ctx.pagerank[a]).then(a.cmp(&b)));
    let mut pr = Table::new(
        "pagerank",
        "Accounts by PageRank",
        &["account", "pagerank", "core number"],
    );
    for &u in order.iter().take(20) {
        pr.rows.push(vec![
            handle(&ctx.data, u).into(),
            ctx.pagerank[u].into(),
            (ctx.cores[u] as u64).into(),
        ]);
    }
    // Betweenness on the largest weak component, undirected, unweighted.
    let keep = &ctx.largest;
    let lcc = g.induced(keep).to_undirected();
    let (scores, how) = if lcc.node_count() <= EXACT_BETWEENNESS_NODES {
        (
            ms::betweenness(
                &lcc,
                &ms::BetweennessParams {
                    weighted: false,
                    ..Default::default()
                },
            ),
            "exact (Brandes 2001)".to_string(),
        )
    } else {
        let a = ms::approximate_betweenness(
            &lcc,
            &ms::ApproxParams {
                epsilon: 0.01,
                delta: 0.1,
                seed: ctx.opts.seed,
            },
        );
        (
            a.scores,
            format!(
                "sampled (Riondato & Kornaropoulos 2016; ε 0.01, δ 0.1, {} samples)",
                a.samples
            ),
        )
    };
    let mut border: Vec<usize> = (0..scores.len()).collect();
    border.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut bt = Table::new(
        "betweenness",
        "Brokers: accounts by betweenness on the largest component",
        &["account", "betweenness"],
    );
    for &i in border.iter().take(20) {
        let u = keep[i] as usize;
        bt.rows
            .push(vec![handle(&ctx.data, u).into(), scores[i].into()]);
    }
    let kmax = ctx.cores.iter().copied().max().unwrap_or(0);
    let inner = ctx.cores.iter().filter(|&&c| c == kmax).count();
    Ok(Some(Section {
        id: "centrality".into(),
        title: "Centrality leaders".into(),
        method: format!(
            "PageRank (α 0.85, weighted, NetworkX's defaults) on the directed network; core \
             numbers on its undirected view; betweenness (normalised) on the largest weakly \
             connected component ({} nodes), undirected and unweighted, {how} (exact up to {} \
             nodes); seed {}.",
            group(lcc.node_count() as u64),
            group(EXACT_BETWEENNESS_NODES as u64),
            ctx.opts.seed
        ),
        blocks: vec![
            Block::Facts(vec![(
                "innermost k-core".into(),
                format!("k = {kmax}, {} accounts", group(inner as u64)),
            )]),
            Block::Table(pr),
            Block::Table(bt),
        ],
    }))
}

/// The network for Gephi: the largest weak component, or its densest k-core that fits in
/// [`GEXF_NODES`], with the measures as node attributes.
pub(super) fn export_network(ctx: &Context) -> (GraphData, String) {
    let g = &ctx.g;
    if g.node_count() == 0 {
        return (GraphData::default(), "the network is empty".into());
    }
    let mut keep = ctx.largest.clone();
    let mut note = format!(
        "the largest weakly connected component ({} nodes)",
        keep.len()
    );
    if keep.len() > GEXF_NODES {
        let mut k = 1;
        while keep.len() > GEXF_NODES {
            k += 1;
            keep.retain(|&u| ctx.cores[u as usize] >= k);
        }
        note = format!(
            "the {k}-core of the largest component ({} nodes; the component has more than {})",
            keep.len(),
            group(GEXF_NODES as u64)
        );
    }
    let index: FxHashMap<u32, usize> = keep.iter().enumerate().map(|(i, &u)| (u, i)).collect();
    let mut data = GraphData {
        directed: true,
        ..GraphData::default()
    };
    for &u in &keep {
        let u = u as usize;
        let mut node = ctx.data.nodes[u].clone();
        let attrs = &mut node.attrs;
        attrs.insert(
            "community".into(),
            AttrValue::Int(ctx.partition.labels.get(u).map_or(-1, |&c| c as i64)),
        );
        attrs.insert("pagerank".into(), AttrValue::Float(ctx.pagerank[u]));
        attrs.insert("kcore".into(), AttrValue::Int(ctx.cores[u] as i64));
        if let Some(&s) = ctx.sentiment.get(&node.id) {
            attrs.insert("sentiment".into(), AttrValue::Float(s));
        }
        data.nodes.push(node);
    }
    for e in &ctx.data.edges {
        if let (Some(&s), Some(&t)) = (index.get(&(e.source as u32)), index.get(&(e.target as u32)))
        {
            let mut e = e.clone();
            e.source = s;
            e.target = t;
            data.edges.push(e);
        }
    }
    (data, note)
}
