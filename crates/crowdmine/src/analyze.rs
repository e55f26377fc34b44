//! The standard analysis of a corpus: the stages `crowdmine analyze` runs after ingest, each
//! adding a section to the [`Report`], and the interaction network with its measures for the
//! exports. A new analysis joins by adding a stage to [`STAGES`].
//!
//! The network is the interaction network (replies, reposts, quotes and mentions between
//! accounts; directed, weighted by the number of interactions) of the selected time window.

use crate::networks::{build_network, top_items_by_group, NetworkKind, Selection};
use crate::report::plot::{self, Series};
use crate::report::{Block, Report, Section, Table, Value};
use crate::{Corpus, IngestReport, StoreError};
use crowdmine_graph::community::{self as cm, LeidenParams, Partition};
use crowdmine_graph::generators::compare::{compare, CompareOptions};
use crowdmine_graph::measures as ms;
use crowdmine_graph::powerlaw::{fit_power_law, Histogram, PowerLawParams};
use crowdmine_graph::{AttrValue, BuildOptions, Graph, GraphData};
use crowdmine_model::time::{civil_from_unix, format_rfc3339};
use crowdmine_text::vader::SCORER;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::time::Instant;

/// Betweenness is exact on a largest component up to this many nodes, sampled above.
pub const EXACT_BETWEENNESS_NODES: usize = 5_000;
/// The model comparison (random-graph models fitted to the network) runs up to this many nodes.
pub const MODEL_COMPARISON_NODES: usize = 20_000;
/// Communities shown one by one (the rest are summed in the tables' last row).
pub const COMMUNITIES_SHOWN: usize = 10;
/// The GEXF export holds the largest component up to this many nodes, else its densest k-core
/// that fits.
pub const GEXF_NODES: usize = 100_000;

/// What to analyse and how.
pub struct Options {
    /// Posts from this Unix time on (inclusive), and before `until` (exclusive).
    pub since: Option<i64>,
    pub until: Option<i64>,
    /// The UTC offset of the hours and days of the time series, in seconds, and its name.
    pub utc_offset: i64,
    pub zone: String,
    pub seed: u64,
    /// Targets for opinion mining.
    pub targets: Option<crowdmine_text::opinion::Matcher>,
}

/// A stage's timing, for the manifest.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StageTime {
    pub stage: String,
    pub seconds: f64,
    /// The process's peak resident memory after the stage (Linux; 0 elsewhere).
    pub peak_rss_mb: f64,
}

/// Everything the analysis produced.
pub struct Analysis {
    pub report: Report,
    pub stages: Vec<StageTime>,
    /// The exported network: the largest component (or a k-core of it), with handle,
    /// community, PageRank, core number and mean sentiment per node.
    pub gexf: GraphData,
    /// How the exported network was chosen.
    pub gexf_note: String,
}

/// What the stages share.
struct Context<'a> {
    corpus: &'a Corpus,
    ingest: &'a IngestReport,
    opts: &'a Options,
    sel: Selection,
    data: GraphData,
    g: Graph,
    pagerank: Vec<f64>,
    cores: Vec<u32>,
    partition: Partition,
    sentiment: FxHashMap<String, f64>,
    /// The corpus statistics (counts and top lists), read once.
    stats: Option<crate::Stats>,
    /// The nodes of the network's largest weakly connected component.
    largest: Vec<u32>,
}

type Stage = fn(&mut Context) -> Result<Option<Section>, StoreError>;

/// The stages in report order (`network` builds what the later ones read).
const STAGES: &[(&str, Stage)] = &[
    ("overview", overview),
    ("volume", volume),
    ("top", top_lists),
    ("sentiment scoring", score),
    ("network", network),
    ("centrality", centrality),
    ("communities", communities),
    ("sentiment", sentiment),
    ("opinion", opinion),
];

/// Runs every stage on `corpus` (already ingested; `ingest` is the ledger to report), calling
/// `progress` with each stage's name as it starts.
pub fn analyze(
    corpus: &Corpus,
    ingest: &IngestReport,
    opts: &Options,
    progress: &mut dyn FnMut(&str),
) -> Result<Analysis, StoreError> {
    let mut ctx = Context {
        corpus,
        ingest,
        opts,
        sel: Selection {
            since: opts.since,
            until: opts.until,
            ..Selection::default()
        },
        data: GraphData::default(),
        g: Graph::from_data(&GraphData::default(), BuildOptions::default()).map_err(graph_error)?,
        pagerank: Vec::new(),
        cores: Vec::new(),
        partition: Partition::from_labels(Vec::<u32>::new()),
        sentiment: FxHashMap::default(),
        stats: None,
        largest: Vec::new(),
    };
    let mut report = Report {
        title: "crowdmine analysis".into(),
        subtitle: String::new(),
        sections: Vec::new(),
    };
    let mut stages = Vec::new();
    for (name, stage) in STAGES {
        progress(name);
        let t = Instant::now();
        if let Some(section) = stage(&mut ctx)? {
            report.sections.push(section);
        }
        stages.push(StageTime {
            stage: name.to_string(),
            seconds: t.elapsed().as_secs_f64(),
            peak_rss_mb: peak_rss_mb(),
        });
    }
    progress("export");
    let t = Instant::now();
    let (gexf, gexf_note) = export_network(&ctx);
    stages.push(StageTime {
        stage: "export".into(),
        seconds: t.elapsed().as_secs_f64(),
        peak_rss_mb: peak_rss_mb(),
    });
    report.subtitle = subtitle(&ctx);
    Ok(Analysis {
        report,
        stages,
        gexf,
        gexf_note,
    })
}

fn graph_error(e: crowdmine_graph::GraphError) -> StoreError {
    StoreError::Invalid(e.to_string())
}

fn plot_error(e: plot::PlotError) -> StoreError {
    StoreError::Invalid(e.to_string())
}

/// Mean compound per day (UTC), one line per series.
fn compound_plot(series: &[Series], caption: &str) -> Result<Block, StoreError> {
    let svg = plot::time_lines(
        series,
        &|x| local_label(x as i64, false),
        "day (UTC)",
        "mean compound",
    )
    .map_err(plot_error)?;
    Ok(Block::Plot {
        svg,
        caption: caption.into(),
    })
}

fn subtitle(ctx: &Context) -> String {
    let window = match (ctx.opts.since, ctx.opts.until) {
        (None, None) => "all posts".to_string(),
        (s, u) => format!(
            "posts from {} to {}",
            s.map_or("the first".into(), format_rfc3339),
            u.map_or("the last".into(), format_rfc3339)
        ),
    };
    format!(
        "{} input file(s), {window}; times in {}; seed {}",
        ctx.ingest.files.len(),
        ctx.opts.zone,
        ctx.opts.seed
    )
}

/// Peak resident set size so far, in MB (from /proc/self/status on Linux).
pub fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The corpus statistics, read on first use.
fn stats<'c>(ctx: &'c mut Context) -> Result<&'c crate::Stats, StoreError> {
    if ctx.stats.is_none() {
        ctx.stats = Some(ctx.corpus.stats(20)?);
    }
    ctx.stats
        .as_ref()
        .ok_or_else(|| StoreError::Invalid("no statistics".into()))
}

fn overview(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let s = stats(ctx)?.clone();
    let ledger = ctx.ingest.files.iter().fold([0u64; 4], |mut a, f| {
        a[0] += f.ledger.accepted;
        a[1] += f.ledger.duplicate;
        a[2] += f.ledger.skipped;
        a[3] += f.ledger.rejected;
        a
    });
    let mut counts = Table::new("overview", "The corpus", &["measure", "value"]);
    let rows: [(&str, Value); 12] = [
        ("posts in all", s.posts.into()),
        ("collected posts", s.collected.into()),
        ("referenced only", s.referenced.into()),
        ("accounts", s.accounts.into()),
        ("interactions", s.interactions.into()),
        ("follow ties", s.ties.into()),
        (
            "first collected post (UTC)",
            s.first_post.clone().unwrap_or_default().into(),
        ),
        (
            "last collected post (UTC)",
            s.last_post.clone().unwrap_or_default().into(),
        ),
        ("records accepted", ledger[0].into()),
        ("records duplicate", ledger[1].into()),
        ("records skipped", ledger[2].into()),
        ("records rejected", ledger[3].into()),
    ];
    for (k, v) in rows {
        counts.rows.push(vec![k.into(), v]);
    }
    let mut kinds = Table::new(
        "posts_by_kind",
        "Posts by platform and kind",
        &["platform", "kind", "collected", "referenced"],
    );
    for k in &s.by_kind {
        kinds.rows.push(vec![
            k.platform.clone().into(),
            k.kind.clone().into(),
            k.collected.into(),
            k.referenced.into(),
        ]);
    }
    let mut files = Table::new(
        "ingest_ledger",
        "Ingest ledger per input file",
        &[
            "file",
            "format",
            "status",
            "accepted",
            "duplicate",
            "skipped",
            "rejected",
        ],
    );
    for f in &ctx.ingest.files {
        let name = f.path.file_name().map_or_else(
            || f.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        files.rows.push(vec![
            name.into(),
            f.format.clone().unwrap_or_default().into(),
            f.status.clone().into(),
            f.ledger.accepted.into(),
            f.ledger.duplicate.into(),
            f.ledger.skipped.into(),
            f.ledger.rejected.into(),
        ]);
    }
    let mut langs = Table::new("languages", "Languages of posts", &["language", "posts"]);
    for t in &s.languages {
        langs.rows.push(vec![t.name.clone().into(), t.count.into()]);
    }
    Ok(Some(Section {
        id: "overview".into(),
        title: "Overview".into(),
        method: "Counted in the whole corpus after ingest (whatever --since and --until): a post \
                 is collected when it is a primary record of an input file and referenced when \
                 only another record names or embeds it; the ledger counts every input record."
            .into(),
        blocks: vec![
            Block::Table(counts),
            Block::Table(kinds),
            Block::Table(files),
            Block::Table(langs),
        ],
    }))
}

fn group(x: u64) -> String {
    crate::report::group_digits(x as i64)
}

/// Collected posts' times and kinds in the window.
fn post_times(ctx: &Context) -> Result<Vec<(i64, String)>, StoreError> {
    let mut q = "SELECT created_at, kind FROM posts WHERE collected = 1 AND created_at IS NOT NULL"
        .to_string();
    if let Some(s) = ctx.opts.since {
        q += &format!(" AND created_at >= {s}");
    }
    if let Some(u) = ctx.opts.until {
        q += &format!(" AND created_at < {u}");
    }
    let mut out = Vec::new();
    ctx.corpus.sql_each(&q, &mut |_, row| {
        if let (crate::Cell::Int(t), crate::Cell::Text(k)) = (&row[0], &row[1]) {
            out.push((*t, k.clone()));
        }
        Ok(())
    })?;
    Ok(out)
}

/// "2021-06-26 19:00" (hourly) or "2021-06-26" (daily) of a local time.
fn local_label(t: i64, hourly: bool) -> String {
    let (y, mo, d, h, mi, _) = civil_from_unix(t);
    if hourly {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02}")
    }
}

fn volume(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let posts = post_times(ctx)?;
    let off = ctx.opts.utc_offset;
    let (lo, hi) = posts.iter().fold((i64::MAX, i64::MIN), |(a, b), (t, _)| {
        (a.min(*t), b.max(*t))
    });
    // Hourly up to three days, daily beyond (plots of a few hundred points at most).
    let hourly = hi.saturating_sub(lo) <= 3 * 86_400;
    let width = if hourly { 3_600 } else { 86_400 };
    let bucket = |t: i64| (t + off).div_euclid(width) * width;
    let mut counts: std::collections::BTreeMap<i64, [u64; 4]> = Default::default();
    if !posts.is_empty() {
        let (b0, b1) = (bucket(lo), bucket(hi));
        let mut b = b0;
        while b <= b1 {
            counts.insert(b, [0; 4]);
            b += width;
        }
    }
    for (t, kind) in &posts {
        let i = match kind.as_str() {
            "repost" => 1,
            "reply" => 2,
            "quote" => 3,
            _ => 0,
        };
        if let Some(c) = counts.get_mut(&bucket(*t)) {
            c[i] += 1;
        }
    }
    let unit = if hourly { "hour" } else { "day" };
    let mut table = Table::new(
        "volume",
        &format!("Collected posts per {unit} ({})", ctx.opts.zone),
        &[unit, "all", "originals", "reposts", "replies", "quotes"],
    );
    let mut series = vec![
        Series {
            name: "all posts".into(),
            points: Vec::new(),
        },
        Series {
            name: "reposts".into(),
            points: Vec::new(),
        },
        Series {
            name: "replies".into(),
            points: Vec::new(),
        },
    ];
    for (&b, c) in &counts {
        let all: u64 = c.iter().sum();
        table.rows.push(vec![
            local_label(b, hourly).into(),
            all.into(),
            c[0].into(),
            c[1].into(),
            c[2].into(),
            c[3].into(),
        ]);
        series[0].points.push((b as f64, all as f64));
        series[1].points.push((b as f64, c[1] as f64));
        series[2].points.push((b as f64, c[2] as f64));
    }
    let svg = plot::time_lines(
        &series,
        &|x| local_label(x as i64, hourly),
        &format!("{unit} ({})", ctx.opts.zone),
        &format!("collected posts per {unit}"),
    )
    .map_err(plot_error)?;
    Ok(Some(Section {
        id: "volume".into(),
        title: "Volume over time".into(),
        method: format!(
            "Collected posts counted per {unit} of their creation time in {} (hours up to a \
             three-day span, days beyond), by kind.",
            ctx.opts.zone
        ),
        blocks: vec![
            Block::Plot {
                svg,
                caption: format!("Collected posts per {unit}: all, reposts and replies."),
            },
            Block::Table(table),
        ],
    }))
}

fn top_lists(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let s = stats(ctx)?;
    let list = |name: &str, caption: &str, what: &str, items: &[crate::TopItem]| {
        let mut t = Table::new(name, caption, &[what, "count"]);
        for i in items {
            t.rows.push(vec![i.name.clone().into(), i.count.into()]);
        }
        Block::Table(t)
    };
    Ok(Some(Section {
        id: "top".into(),
        title: "Top hashtags, domains and accounts".into(),
        method: "The 20 most frequent hashtags and link domains of all posts of the corpus (the \
                 platforms' own links left out), the accounts with most collected posts, and those \
                 whose posts were reposted most often."
            .into(),
        blocks: vec![
            list("top_hashtags", "Hashtags", "hashtag", &s.top_hashtags),
            list("top_domains", "Link domains", "domain", &s.top_domains),
            list(
                "top_accounts_posts",
                "Accounts by posts",
                "account",
                &s.top_accounts_by_posts,
            ),
            list(
                "top_accounts_reposted",
                "Accounts by reposts received",
                "account",
                &s.top_accounts_by_reposts_received,
            ),
        ],
    }))
}

fn score(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    crate::sentiment::score_posts(ctx.corpus, false, &mut |_, _| {})?;
    ctx.sentiment = ctx
        .corpus
        .sentiment_by_author(SCORER, false)?
        .into_iter()
        .collect();
    Ok(None)
}

/// The label shown for a node: its handle when known.
fn handle(data: &GraphData, u: usize) -> String {
    match data.nodes[u].attrs.get("label") {
        Some(AttrValue::Text(t)) => t.clone(),
        _ => data.nodes[u].id.clone(),
    }
}

fn network(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
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

fn centrality(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
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

fn communities(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
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

fn sentiment(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let days = ctx
        .corpus
        .sentiment_groups(crowdmine_store::SentimentBy::Day, SCORER, false)?;
    let overall = ctx
        .corpus
        .sentiment_groups(crowdmine_store::SentimentBy::All, SCORER, false)?;
    let mut t = Table::new(
        "sentiment_by_day",
        "Sentiment per day (UTC)",
        &[
            "day",
            "posts",
            "mean compound",
            "positive",
            "neutral",
            "negative",
            "net",
        ],
    );
    let mut mean = Series {
        name: "mean compound".into(),
        points: Vec::new(),
    };
    for g in &days {
        t.rows.push(vec![
            g.key.clone().into(),
            g.posts.into(),
            g.mean_compound.into(),
            g.positive.into(),
            g.neutral.into(),
            g.negative.into(),
            g.net.into(),
        ]);
        if let Some(day) = crowdmine_model::time::parse_rfc3339(&g.key) {
            mean.points.push((day as f64, g.mean_compound));
        }
    }
    let mut blocks = Vec::new();
    if let Some(o) = overall.first() {
        blocks.push(Block::Facts(vec![
            ("posts scored".into(), group(o.posts)),
            ("mean compound".into(), format!("{:.4}", o.mean_compound)),
            (
                "positive / neutral / negative".into(),
                format!(
                    "{:.1} % / {:.1} % / {:.1} %",
                    100.0 * o.positive,
                    100.0 * o.neutral,
                    100.0 * o.negative
                ),
            ),
        ]));
    }
    if mean.points.len() > 1 {
        blocks.push(compound_plot(
            &[mean],
            "Mean VADER compound of the day's scored posts.",
        )?);
    }
    blocks.push(Block::Table(t));
    Ok(Some(Section {
        id: "sentiment".into(),
        title: "Sentiment".into(),
        method: format!(
            "VADER ({SCORER}, Hutto & Gilbert 2014) on the text of each English (or untagged) \
             original, reply and quote of the corpus; reposts left out; positive ≥ 0.05 > neutral > −0.05 ≥ \
             negative compound."
        ),
        blocks,
    }))
}

fn opinion(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let Some(matcher) = &ctx.opts.targets else {
        return Ok(None);
    };
    let settings = crowdmine_text::opinion::Settings {
        seed: ctx.opts.seed,
        ..Default::default()
    };
    let r = crate::opinion::opinion(
        ctx.corpus,
        matcher,
        &crate::opinion::OpinionBy::All,
        false,
        settings,
    )?;
    let mut t = Table::new(
        "opinion",
        "Targets",
        &[
            "target",
            "posts",
            "share of voice",
            "mean compound",
            "95 % CI low",
            "95 % CI high",
            "net",
        ],
    );
    for (name, s) in r.targets.iter().zip(&r.overall) {
        t.rows.push(vec![
            name.clone().into(),
            s.posts.into(),
            s.share_of_voice.into(),
            s.mean_compound.into(),
            s.ci_low.into(),
            s.ci_high.into(),
            s.net.into(),
        ]);
    }
    // The same per day (UTC), as a table and a plot of each target's mean compound.
    let daily = crate::opinion::opinion(
        ctx.corpus,
        matcher,
        &crate::opinion::OpinionBy::Day,
        false,
        settings,
    )?;
    let mut by_day = Table::new(
        "opinion_by_day",
        "Targets per day (UTC)",
        &["day", "target", "posts", "mean compound", "net"],
    );
    let mut series: Vec<Series> = daily
        .targets
        .iter()
        .map(|name| Series {
            name: name.clone(),
            points: Vec::new(),
        })
        .collect();
    for (day, stances) in &daily.groups {
        let x = crowdmine_model::time::parse_rfc3339(day);
        for ((name, s), line) in daily.targets.iter().zip(stances).zip(series.iter_mut()) {
            by_day.rows.push(vec![
                day.clone().into(),
                name.clone().into(),
                s.posts.into(),
                s.mean_compound.into(),
                s.net.into(),
            ]);
            if let (Some(x), Some(m)) = (x, s.mean_compound) {
                line.points.push((x as f64, m));
            }
        }
    }
    let mut blocks = vec![Block::Table(t)];
    if series.iter().any(|s| s.points.len() > 1) {
        blocks.push(compound_plot(
            &series,
            "Mean VADER compound of the posts naming each target, per day.",
        )?);
    }
    blocks.push(Block::Table(by_day));
    Ok(Some(Section {
        id: "opinion".into(),
        title: "Opinion on targets".into(),
        method: format!(
            "Posts naming each target (keywords, hashtags, handles of the targets file); mean \
             VADER compound with a 95 % percentile bootstrap interval (1,000 resamples, seed \
             {}); net = share positive − share negative.",
            ctx.opts.seed
        ),
        blocks,
    }))
}

/// The network for Gephi: the largest weak component, or its densest k-core that fits in
/// [`GEXF_NODES`], with the measures as node attributes.
fn export_network(ctx: &Context) -> (GraphData, String) {
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
