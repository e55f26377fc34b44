//! The standard analysis of a corpus: the stages `crowdmine analyze` runs after ingest, each
//! adding a section to the [`Report`], and the interaction network with its measures for the
//! exports. A new analysis joins by adding a stage to [`STAGES`], in a module of its own.
//!
//! The network is the interaction network (replies, reposts, quotes and mentions between
//! accounts; directed, weighted by the number of interactions) of the selected time window.

mod communities;
mod network;
mod overview;
mod sentiment;

use crate::networks::Selection;
use crate::report::plot;
use crate::report::{Report, Section};
use crate::{Corpus, IngestReport, StoreError};
use crowdmine_graph::community::Partition;
use crowdmine_graph::{AttrValue, BuildOptions, Graph, GraphData};
use crowdmine_model::time::{civil_from_unix, format_rfc3339};
use rustc_hash::FxHashMap;
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
    ("overview", overview::overview),
    ("volume", overview::volume),
    ("top", overview::top_lists),
    ("sentiment scoring", sentiment::score),
    ("network", network::network),
    ("centrality", network::centrality),
    ("communities", communities::communities),
    ("sentiment", sentiment::sentiment),
    ("opinion", sentiment::opinion),
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
    let (gexf, gexf_note) = network::export_network(&ctx);
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

fn group(x: u64) -> String {
    crate::report::group_digits(x as i64)
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

/// The label shown for a node: its handle when known.
fn handle(data: &GraphData, u: usize) -> String {
    match data.nodes[u].attrs.get("label") {
        Some(AttrValue::Text(t)) => t.clone(),
        _ => data.nodes[u].id.clone(),
    }
}
