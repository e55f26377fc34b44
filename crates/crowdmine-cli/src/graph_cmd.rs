//! `crowdmine graph build|summary|convert` and `crowdmine measure`: networks from files or from
//! the corpus, and their measures as ranked tables.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell as TCell, CellAlignment, Table as TTable};
use crowdmine::graph::formats::{self, GraphFormat, ReadOptions};
use crowdmine::graph::measures::{self as m, Loops, Side, Weighting};
use crowdmine::graph::transform::largest_component;
use crowdmine::graph::{BuildOptions, Graph, GraphData};
use crowdmine::networks::{build_network, NetworkKind, Selection};
use crowdmine::Corpus;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a graph comes from: a file, or a network of the corpus.
#[derive(Args, Debug, Clone)]
pub struct Source {
    /// A graph file (edge list, GML, GraphML, GEXF, Pajek, or node and edge tables X.nodes.csv + X.edges.csv or X.nodes.parquet + X.edges.parquet; by extension or --graph-format).
    #[arg(long, conflicts_with = "kind")]
    pub graph: Option<PathBuf>,
    /// The format of --graph.
    #[arg(long, value_name = "FORMAT")]
    pub graph_format: Option<String>,
    /// A network of the corpus: repost, reply, quote, mention, interaction, follow, like,
    /// co-hashtag, co-domain, account-hashtag, account-domain, accounts-by-hashtag,
    /// accounts-by-domain.
    #[arg(long)]
    pub kind: Option<String>,
    /// Only this platform's posts (x, reddit, mastodon, bluesky).
    #[arg(long)]
    pub platform: Option<String>,
    /// Only posts created at or after this time (RFC 3339 or YYYY-MM-DD, UTC).
    #[arg(long)]
    pub since: Option<String>,
    /// Only posts created before this time.
    #[arg(long)]
    pub until: Option<String>,
    /// Leave out edges lighter than this.
    #[arg(long, default_value_t = 1.0)]
    pub min_weight: f64,
    /// Only collected posts (not those only referenced by others).
    #[arg(long)]
    pub collected_only: bool,
    /// Read or treat the graph as directed (edge lists are undirected unless told).
    #[arg(long, conflicts_with = "undirected")]
    pub directed: bool,
    /// Treat the graph as undirected (directions dropped, weights of both directions summed).
    #[arg(long)]
    pub undirected: bool,
    /// Edge lists: the third column is the weight.
    #[arg(long)]
    pub weighted: bool,
    /// Edges carry signs (trust and distrust, like and dislike): from a `sign` column or
    /// attribute, else the sign of the weight (an edge list's third column); repeated edges
    /// merge to the sign of their sum.
    #[arg(long)]
    pub signed: bool,
    /// Keep only the largest component (strong for a directed graph).
    #[arg(long)]
    pub lcc: bool,
    /// Summary: the assortativity of this node attribute (a GML attribute, or an account
    /// attribute imported with `crowdmine attributes`); nominal, and numeric when every value is a
    /// number.
    #[arg(long)]
    pub attribute: Option<String>,
}

fn time(s: &Option<String>, name: &str) -> Result<Option<i64>> {
    match s {
        None => Ok(None),
        Some(s) => crowdmine::model::time::parse_rfc3339(s)
            .map(Some)
            .with_context(|| {
                format!("--{name} {s:?}: expected a date (2021-06-26) or an RFC 3339 time")
            }),
    }
}

/// The graph's data as files hold it (kept for labels and for writing).
/// The corpus selection of a source (platform, time range, collected only, least weight).
pub fn selection(src: &Source) -> Result<Selection> {
    let platform =
        match &src.platform {
            Some(p) => Some(crowdmine::model::Platform::parse(p).with_context(|| {
                format!("--platform {p}: expected x, reddit, mastodon or bluesky")
            })?),
            None => None,
        };
    Ok(Selection {
        platform,
        since: time(&src.since, "since")?,
        until: time(&src.until, "until")?,
        collected_only: src.collected_only,
        min_weight: src.min_weight,
    })
}

pub fn load_data(src: &Source, db: &Path) -> Result<GraphData> {
    match (&src.graph, &src.kind) {
        (Some(path), _) => {
            if is_parquet(path, src.graph_format.as_deref()) {
                return read_parquet(path, src.directed);
            }
            let format = match &src.graph_format {
                Some(f) => Some(GraphFormat::parse(f).with_context(|| {
                    format!("--graph-format {f}: expected edgelist, gml, graphml, gexf, pajek, tables or parquet")
                })?),
                None => None,
            };
            let opts = ReadOptions {
                directed: src.directed.then_some(true),
                weighted: src.weighted || src.signed,
            };
            Ok(formats::read(path, format, &opts)?)
        }
        (None, Some(kind)) => {
            let kind = NetworkKind::parse(kind).with_context(|| {
                let names: Vec<&str> = NetworkKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("--kind {kind}: expected one of {}", names.join(", "))
            })?;
            let sel = selection(src)?;
            let corpus = Corpus::open_reader(db)?;
            Ok(build_network(&corpus, kind, &sel)?)
        }
        (None, None) => {
            bail!("name a graph: --graph FILE, or --kind KIND to build one from the corpus")
        }
    }
}

/// A text by node id (labels, attribute values).
pub type Labels = HashMap<String, String>;

/// The graph to measure, with a label for each node id.
pub fn load(src: &Source, db: &Path) -> Result<(Graph, HashMap<String, String>)> {
    let (g, labels, _) = load_with_attribute(src, db)?;
    Ok((g, labels))
}

/// The graph, its labels, and the values of `--attribute` by node id.
pub fn load_with_attribute(src: &Source, db: &Path) -> Result<(Graph, Labels, Labels)> {
    if let Some(mut g) = fast_edge_list(src)? {
        if src.undirected && g.is_directed() {
            g = g.to_undirected();
        }
        if src.lcc {
            g = largest_component(&g, true);
        }
        return Ok((g, HashMap::new(), HashMap::new()));
    }
    let data = load_data(src, db)?;
    let attribute: HashMap<String, String> = match &src.attribute {
        Some(name) => data
            .nodes
            .iter()
            .filter_map(|n| n.attrs.get(name).map(|v| (n.id.clone(), v.to_text())))
            .collect(),
        None => HashMap::new(),
    };
    let labels: HashMap<String, String> = data
        .nodes
        .iter()
        .map(|n| {
            let label = n
                .attrs
                .get("label")
                .map(|v| v.to_text())
                .unwrap_or_else(|| n.id.clone());
            (n.id.clone(), label)
        })
        .collect();
    let mut g = Graph::from_data(
        &data,
        BuildOptions {
            directed: data.directed,
            weighted: src.weighted,
            signed: src.signed,
            ..BuildOptions::default()
        },
    )?;
    if src.undirected && g.is_directed() {
        g = g.to_undirected();
    }
    if src.lcc {
        g = largest_component(&g, true);
    }
    Ok((g, labels, attribute))
}

/// A big edge list of integer ids straight to CSR (parallel parse, no per-edge records), when
/// nothing else is asked of the file; `None` sends it through the general reader.
fn fast_edge_list(src: &Source) -> Result<Option<Graph>> {
    let Some(path) = &src.graph else {
        return Ok(None);
    };
    let format = match &src.graph_format {
        Some(f) => GraphFormat::parse(f),
        None => GraphFormat::from_path(path),
    };
    if format != Some(GraphFormat::EdgeList) || src.attribute.is_some() {
        return Ok(None);
    }
    Ok(crowdmine::graph::load::edge_list_graph(
        path,
        src.directed,
        src.weighted,
        src.signed,
    )?)
}

/// Nominal (and, when every value is a number, numeric) assortativity of an attribute; nodes
/// without it form a class of their own (NetworkX's `None`).
pub fn attribute_assortativity(g: &Graph, values: &HashMap<String, String>) -> (f64, Option<f64>) {
    let classes: Vec<Option<&str>> = g
        .labels()
        .iter()
        .map(|id| values.get(id).map(String::as_str))
        .collect();
    let nominal = m::attribute_assortativity(g, &classes);
    let numbers: Option<Vec<f64>> = classes
        .iter()
        .map(|c| c.and_then(|s| s.trim().parse::<f64>().ok()))
        .collect();
    (nominal, numbers.map(|v| m::numeric_assortativity(g, &v)))
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Metric {
    Degree,
    InDegree,
    OutDegree,
    Strength,
    Pagerank,
    Eigenvector,
    Katz,
    Hubs,
    Authorities,
    Triangles,
    /// Clustering on the undirected simple view (a directed graph's directions dropped).
    Clustering,
    /// Directed clustering (Fagiolo 2007, as NetworkX on a DiGraph).
    DirectedClustering,
    /// Weighted clustering (Onnela, as NetworkX).
    WeightedClustering,
    /// k-core number.
    Core,
    /// Betweenness (Brandes; normalised as NetworkX unless --raw).
    Betweenness,
    /// Approximate betweenness within --epsilon with probability 1 − --delta (Riondato &
    /// Kornaropoulos sampling with bidirectional search; for large graphs).
    BetweennessApprox,
    /// Closeness (Wasserman–Faust for disconnected graphs; see --direction).
    Closeness,
    /// Harmonic centrality (Σ 1/distance; see --direction).
    Harmonic,
    /// Eccentricity: the largest distance to a reachable node.
    Eccentricity,
    /// Group degree, closeness and betweenness of --group A,B,C, or the --best K group chosen
    /// greedily for group betweenness.
    Group,
}

/// Which distances closeness and harmonic centrality use in a directed graph.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq, Default)]
pub enum PathDirection {
    /// Distances to the node (NetworkX).
    #[default]
    In,
    /// Distances from the node (igraph).
    Out,
}

/// Options of the path-based measures.
#[derive(Args, Debug, Clone)]
pub struct MeasureOptions {
    /// Closeness and harmonic centrality in a directed graph: distances to the node (in, as
    /// NetworkX) or from it (out, as igraph).
    #[arg(long, value_enum, default_value_t = PathDirection::In)]
    pub direction: PathDirection,
    /// Path measures: edge weights are lengths (otherwise every edge has length 1).
    #[arg(long)]
    pub lengths: bool,
    /// Betweenness: count each path's endpoints too.
    #[arg(long)]
    pub endpoints: bool,
    /// Betweenness: raw path counts (undirected pairs once), not normalised.
    #[arg(long)]
    pub raw: bool,
    /// Approximate betweenness: the largest error allowed.
    #[arg(long, default_value_t = 0.01)]
    pub epsilon: f64,
    /// Approximate betweenness: the probability of a larger error.
    #[arg(long, default_value_t = 0.1)]
    pub delta: f64,
    /// Approximate betweenness: random seed (same result on any thread count).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Closeness and harmonic centrality from this many random sources (for large graphs;
    /// harmonic is then divided by n − 1, with its error bound printed).
    #[arg(long)]
    pub samples: Option<usize>,
    /// Group: its members (ids or labels), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub group: Vec<String>,
    /// Group: choose the best group of this size greedily (small graphs).
    #[arg(long)]
    pub best: Option<usize>,
}

pub fn values(g: &Graph, metric: Metric, opts: &MeasureOptions) -> Vec<f64> {
    let dir = match opts.direction {
        PathDirection::In => m::Direction::In,
        PathDirection::Out => m::Direction::Out,
    };
    let ints = |v: Vec<usize>| v.into_iter().map(|x| x as f64).collect();
    match metric {
        Metric::Degree => ints(m::degrees(g)),
        Metric::InDegree => ints(m::in_degrees(g)),
        Metric::OutDegree => ints(m::out_degrees(g)),
        Metric::Strength => m::strengths(g),
        Metric::Pagerank => m::pagerank(g, &m::PageRankParams::default()).scores,
        Metric::Eigenvector => m::eigenvector_centrality(g, true, 1e-12, 100_000).scores,
        Metric::Katz => m::katz_centrality(g, &m::KatzParams::default()).scores,
        Metric::Hubs => m::hits(g, true, 1e-12, 100_000).hubs,
        Metric::Authorities => m::hits(g, true, 1e-12, 100_000).authorities,
        Metric::Triangles => m::triangles(g).into_iter().map(|x| x as f64).collect(),
        Metric::Clustering => m::clustering(g, Weighting::None),
        Metric::DirectedClustering => m::directed_clustering(g),
        Metric::WeightedClustering => m::clustering(g, Weighting::Onnela),
        Metric::Core => m::core_numbers(g).into_iter().map(f64::from).collect(),
        Metric::Betweenness => m::betweenness(
            g,
            &m::BetweennessParams {
                normalized: !opts.raw,
                endpoints: opts.endpoints,
                weighted: opts.lengths,
            },
        ),
        Metric::BetweennessApprox => {
            let a = m::approximate_betweenness(
                g,
                &m::ApproxParams {
                    epsilon: opts.epsilon,
                    delta: opts.delta,
                    seed: opts.seed,
                },
            );
            eprintln!(
                "{} shortest paths sampled (vertex-diameter bound {}): every value within {:.4} \
                 of the exact one with probability {}",
                a.samples,
                a.vertex_diameter_bound,
                a.error_bound,
                1.0 - opts.delta
            );
            a.scores
        }
        Metric::Closeness | Metric::Harmonic if opts.samples.is_some() => {
            let k = opts.samples.unwrap_or(0);
            let s = m::sampled_closeness(g, dir, k, opts.delta, opts.seed);
            eprintln!(
                "estimated from {} sources (hop counts); harmonic / (n − 1) within {:.4} of the \
                 exact value for every node with probability {}",
                s.samples,
                s.harmonic_error,
                1.0 - opts.delta
            );
            if metric == Metric::Closeness {
                s.closeness
            } else {
                s.harmonic
            }
        }
        Metric::Closeness => m::closeness(g, dir, opts.lengths),
        Metric::Harmonic => m::harmonic(g, dir, opts.lengths),
        Metric::Eccentricity => m::eccentricity(g).into_iter().map(f64::from).collect(),
        // Handled by `group`; a per-node value does not exist.
        Metric::Group => vec![f64::NAN; g.node_count()],
    }
}

fn table(header: &[&str]) -> TTable {
    let mut t = TTable::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(header.to_vec());
    t
}

fn num(x: f64) -> TCell {
    let s = if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x:.6}")
    };
    TCell::new(s).set_alignment(CellAlignment::Right)
}

/// `crowdmine measure`: a ranked table, and every node's value to `out` as CSV.
pub fn measure(
    src: &Source,
    db: &Path,
    metric: Metric,
    opts: &MeasureOptions,
    top: usize,
    out: Option<&Path>,
) -> Result<()> {
    let (g, labels) = load(src, db)?;
    if metric == Metric::Group {
        return group(&g, &labels, opts);
    }
    let v = values(&g, metric, opts);
    let mut order: Vec<usize> = (0..v.len()).collect();
    // Highest first; ties by node order, so the table is stable.
    order.sort_by(|&a, &b| v[b].total_cmp(&v[a]).then(a.cmp(&b)));
    let mut t = table(&["rank", "node", "label", metric_name(metric)]);
    for (rank, &u) in order.iter().take(top).enumerate() {
        let id = g.label(u as u32);
        t.add_row(vec![
            TCell::new(rank + 1).set_alignment(CellAlignment::Right),
            TCell::new(id),
            TCell::new(labels.get(id).map_or(id, String::as_str)),
            num(v[u]),
        ]);
    }
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{t}")?;
    writeln!(stdout, "{} nodes, {} edges", g.node_count(), g.edge_count())?;
    if let Some(path) = out {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        );
        writeln!(w, "node,value")?;
        for (u, x) in v.iter().enumerate() {
            writeln!(w, "{},{x}", crowdmine::csv_field(g.label(u as u32)))?;
        }
        w.flush()?;
        eprintln!("wrote {} rows to {}", v.len(), path.display());
    }
    Ok(())
}

fn metric_name(m: Metric) -> &'static str {
    match m {
        Metric::Degree => "degree",
        Metric::InDegree => "in-degree",
        Metric::OutDegree => "out-degree",
        Metric::Strength => "strength",
        Metric::Pagerank => "pagerank",
        Metric::Eigenvector => "eigenvector",
        Metric::Katz => "katz",
        Metric::Hubs => "hubs",
        Metric::Authorities => "authorities",
        Metric::Triangles => "triangles",
        Metric::Clustering => "clustering",
        Metric::DirectedClustering => "directed clustering",
        Metric::WeightedClustering => "weighted clustering",
        Metric::Core => "core",
        Metric::Betweenness => "betweenness",
        Metric::BetweennessApprox => "betweenness (approximate)",
        Metric::Closeness => "closeness",
        Metric::Harmonic => "harmonic",
        Metric::Eccentricity => "eccentricity",
        Metric::Group => "group",
    }
}

/// The figures of `crowdmine graph summary`.
#[derive(Debug, serde::Serialize)]
pub struct Summary {
    pub nodes: usize,
    pub edges: usize,
    pub directed: bool,
    pub weighted: bool,
    /// Signed graphs: edges by sign (0: opposite signs merged).
    pub positive_edges: Option<usize>,
    pub negative_edges: Option<usize>,
    pub density: f64,
    pub self_loops: usize,
    pub isolated: usize,
    pub weak_components: usize,
    pub largest_weak_component: usize,
    pub strong_components: Option<usize>,
    pub largest_strong_component: Option<usize>,
    /// NetworkX convention (self-loops counted) and igraph's (ignored).
    pub reciprocity: Option<f64>,
    pub reciprocity_ignoring_loops: Option<f64>,
    pub average_clustering: f64,
    /// Directed graphs: the mean of Fagiolo's directed clustering.
    pub average_directed_clustering: Option<f64>,
    pub transitivity: f64,
    pub degree_assortativity: f64,
    pub mean_degree: f64,
    pub median_degree: f64,
    pub max_degree: usize,
    /// With `--attribute`: its name, nominal and numeric assortativity.
    pub attribute: Option<String>,
    pub attribute_assortativity: Option<f64>,
    pub numeric_attribute_assortativity: Option<f64>,
}

pub fn summarise(g: &Graph) -> Summary {
    let deg = m::degrees(g);
    let mut sorted = deg.clone();
    sorted.sort_unstable();
    let median = match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
    };
    let weak = m::weak_components(g);
    let strong = g.is_directed().then(|| m::strong_components(g));
    Summary {
        nodes: g.node_count(),
        edges: g.edge_count(),
        directed: g.is_directed(),
        weighted: g.is_weighted(),
        positive_edges: g
            .is_signed()
            .then(|| g.edges().filter(|e| e.2 > 0.0).count()),
        negative_edges: g
            .is_signed()
            .then(|| g.edges().filter(|e| e.2 < 0.0).count()),
        density: m::density(g),
        self_loops: g.edges().filter(|e| e.0 == e.1).count(),
        isolated: deg.iter().filter(|&&d| d == 0).count(),
        weak_components: weak.count(),
        largest_weak_component: weak.sizes.iter().copied().max().unwrap_or(0),
        strong_components: strong.as_ref().map(|s| s.count()),
        largest_strong_component: strong
            .as_ref()
            .map(|s| s.sizes.iter().copied().max().unwrap_or(0)),
        reciprocity: g.is_directed().then(|| m::reciprocity(g, Loops::Count)),
        reciprocity_ignoring_loops: g.is_directed().then(|| m::reciprocity(g, Loops::Ignore)),
        average_clustering: m::average_clustering(g, Weighting::None),
        average_directed_clustering: g.is_directed().then(|| m::average_directed_clustering(g)),
        transitivity: m::transitivity(g),
        degree_assortativity: m::degree_assortativity(g, Side::Out, Side::In),
        mean_degree: if deg.is_empty() {
            0.0
        } else {
            deg.iter().sum::<usize>() as f64 / deg.len() as f64
        },
        median_degree: median,
        max_degree: sorted.last().copied().unwrap_or(0),
        attribute: None,
        attribute_assortativity: None,
        numeric_attribute_assortativity: None,
    }
}

pub fn print_summary(s: &Summary, json: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, s)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut t = table(&["measure", "value"]);
    let mut row = |k: &str, v: TCell| {
        t.add_row(vec![TCell::new(k), v]);
    };
    row("nodes", num(s.nodes as f64));
    row("edges", num(s.edges as f64));
    row("directed", TCell::new(s.directed));
    row("weighted", TCell::new(s.weighted));
    if let (Some(p), Some(n)) = (s.positive_edges, s.negative_edges) {
        row("positive edges", num(p as f64));
        row("negative edges", num(n as f64));
    }
    row("density", num(s.density));
    row("self-loops", num(s.self_loops as f64));
    row("isolated nodes", num(s.isolated as f64));
    row("weak components", num(s.weak_components as f64));
    row("  largest", num(s.largest_weak_component as f64));
    if let (Some(c), Some(l)) = (s.strong_components, s.largest_strong_component) {
        row("strong components", num(c as f64));
        row("  largest", num(l as f64));
    }
    if let (Some(r), Some(r2)) = (s.reciprocity, s.reciprocity_ignoring_loops) {
        row("reciprocity (self-loops counted)", num(r));
        row("reciprocity (self-loops ignored)", num(r2));
    }
    row("average clustering", num(s.average_clustering));
    if let Some(c) = s.average_directed_clustering {
        row("average directed clustering", num(c));
    }
    row("transitivity", num(s.transitivity));
    row("degree assortativity", num(s.degree_assortativity));
    row("mean degree", num(s.mean_degree));
    row("median degree", num(s.median_degree));
    row("max degree", num(s.max_degree as f64));
    if let (Some(name), Some(r)) = (&s.attribute, s.attribute_assortativity) {
        row(&format!("assortativity of {name}"), num(r));
        if let Some(r) = s.numeric_attribute_assortativity {
            row("  numeric", num(r));
        }
    }
    writeln!(out, "{t}")?;
    Ok(())
}

fn is_parquet(path: &Path, format: Option<&str>) -> bool {
    format.map_or_else(
        || {
            path.to_string_lossy()
                .to_ascii_lowercase()
                .ends_with(".parquet")
        },
        |f| f.eq_ignore_ascii_case("parquet"),
    )
}

#[cfg(feature = "parquet")]
fn write_parquet(data: &GraphData, path: &Path) -> Result<()> {
    let (nodes, edges) = crowdmine::graph_parquet::write_tables(data, path)?;
    eprintln!(
        "wrote {} nodes to {} and {} edges to {}",
        data.nodes.len(),
        nodes.display(),
        data.edges.len(),
        edges.display()
    );
    Ok(())
}

#[cfg(feature = "parquet")]
fn read_parquet(path: &Path, directed: bool) -> Result<GraphData> {
    Ok(crowdmine::graph_parquet::read_tables(path, directed)?)
}

#[cfg(not(feature = "parquet"))]
fn write_parquet(_: &GraphData, _: &Path) -> Result<()> {
    bail!("this crowdmine was built without Parquet support; rebuild with `cargo build --release --features parquet`, or write node and edge CSV tables (--format tables)")
}

#[cfg(not(feature = "parquet"))]
fn read_parquet(_: &Path, _: bool) -> Result<GraphData> {
    bail!("this crowdmine was built without Parquet support; rebuild with `cargo build --release --features parquet`")
}

/// Writes graph data to `path` (format by extension or `format`).
pub fn write(data: &GraphData, path: &Path, format: Option<&str>) -> Result<()> {
    if is_parquet(path, format) {
        return write_parquet(data, path);
    }
    let format = match format {
        Some(f) => Some(GraphFormat::parse(f).with_context(|| {
            format!("--format {f}: expected edgelist, gml, graphml, gexf, pajek, tables or parquet")
        })?),
        None => None,
    };
    formats::write(data, path, format)?;
    eprintln!(
        "wrote {} nodes and {} edges to {}",
        data.nodes.len(),
        data.edges.len(),
        path.display()
    );
    Ok(())
}

/// `crowdmine graph bench`: wall-clock seconds of loading a graph file and of each kernel, as
/// JSON (for the side-by-side benchmarks in `bench/`; threads follow `RAYON_NUM_THREADS`).
pub fn bench(
    src: &Source,
    db: &Path,
    pagerank_iterations: usize,
    kernels: &[String],
) -> Result<()> {
    use std::time::Instant;
    let start = Instant::now();
    let mut times: Vec<(&str, f64)> = Vec::new();
    let mut g = match fast_edge_list(src)? {
        Some(g) => {
            times.push(("load", start.elapsed().as_secs_f64()));
            g
        }
        None => {
            let data = load_data(src, db)?;
            let parsed = start.elapsed().as_secs_f64();
            let build = Instant::now();
            let g = Graph::from_data(
                &data,
                BuildOptions {
                    directed: data.directed,
                    ..BuildOptions::default()
                },
            )?;
            drop(data);
            let built = build.elapsed().as_secs_f64();
            times.extend([
                ("load", parsed + built),
                ("parse", parsed),
                ("build", built),
            ]);
            g
        }
    };
    if src.undirected && g.is_directed() {
        g = g.to_undirected();
    }
    let mut time = |name: &'static str, f: &mut dyn FnMut()| {
        if name != "to_undirected" && !kernels.is_empty() && !kernels.iter().any(|k| k == name) {
            return;
        }
        let t = Instant::now();
        f();
        times.push((name, t.elapsed().as_secs_f64()));
    };
    let mut sink = 0.0f64;
    time("pagerank", &mut || {
        let p = m::PageRankParams {
            fixed_iterations: Some(pagerank_iterations),
            ..m::PageRankParams::default()
        };
        sink += m::pagerank(&g, &p).scores[0];
    });
    time("weak_components", &mut || {
        sink += m::weak_components(&g).count() as f64
    });
    if g.is_directed() {
        time("strong_components", &mut || {
            sink += m::strong_components(&g).count() as f64
        });
    }
    time("core_numbers", &mut || {
        sink += f64::from(m::core_numbers(&g)[0])
    });
    time("degree_assortativity", &mut || {
        sink += m::degree_assortativity(&g, Side::Out, Side::In)
    });
    // Clustering kernels work on the undirected graph: a directed one is converted first, and
    // the conversion timed apart (the peers convert before their clocks start too).
    let mut undirected = None;
    if g.is_directed() {
        time("to_undirected", &mut || {
            undirected = Some(g.to_undirected())
        });
    }
    let u = undirected.as_ref().unwrap_or(&g);
    time("triangles", &mut || sink += m::triangles(u)[0] as f64);
    time("local_clustering", &mut || {
        sink += m::clustering(u, Weighting::None)[0]
    });
    time("average_clustering", &mut || {
        sink += m::average_clustering(u, Weighting::None)
    });
    time("transitivity", &mut || sink += m::transitivity(u));
    let out = serde_json::json!({
        "nodes": g.node_count(),
        "edges": g.edge_count(),
        "directed": g.is_directed(),
        "threads": rayon::current_num_threads(),
        "seconds": times.iter().map(|(k, v)| (k.to_string(), serde_json::json!(v))).collect::<serde_json::Map<_, _>>(),
        "checksum": sink,
    });
    println!("{out}");
    Ok(())
}

/// The node named `name`: its id, or else its label (a handle from the corpus, a GML label).
pub fn node_named(g: &Graph, labels: &Labels, name: &str) -> Result<u32> {
    let by_id = g.labels().iter().position(|id| id == name);
    let by_label = || {
        g.labels()
            .iter()
            .position(|id| labels.get(id).is_some_and(|l| l == name))
    };
    by_id
        .or_else(by_label)
        .map(|u| u as u32)
        .with_context(|| format!("no node is named {name:?} (by id or label)"))
}

/// `crowdmine distance`: a shortest path between two nodes, or the graph's distance summary
/// (diameter by iFUB with its double-sweep lower bound; average path length, sampled with a 95 %
/// confidence interval on large graphs).
pub fn distance(
    src: &Source,
    db: &Path,
    path: Option<(&str, &str)>,
    lengths: bool,
    samples: usize,
    seed: u64,
) -> Result<()> {
    let (g, labels) = load(src, db)?;
    let mut out = std::io::stdout().lock();
    let show = |u: u32| {
        let id = g.label(u);
        labels.get(id).map_or(id.to_string(), |l| {
            if l == id {
                id.to_string()
            } else {
                format!("{l} ({id})")
            }
        })
    };
    if let Some((from, to)) = path {
        let (s, t) = (node_named(&g, &labels, from)?, node_named(&g, &labels, to)?);
        let mut search = m::Search::new(g.node_count());
        search.run(&g, s, m::Direction::Out, lengths);
        if search.dist[t as usize].is_infinite() {
            bail!("{} does not reach {}", show(s), show(t));
        }
        // Walk back from t over steps that lie on a shortest path.
        let mut hops = vec![t];
        let mut v = t;
        while v != s {
            let (adj, ws) = (g.inn(v), g.in_weights(v));
            let prev = adj.iter().enumerate().find(|&(i, &u)| {
                let len = if lengths {
                    ws.map_or(1.0, |w| w[i])
                } else {
                    1.0
                };
                u != v && search.dist[u as usize] + len == search.dist[v as usize]
            });
            let Some((_, &u)) = prev else { break };
            hops.push(u);
            v = u;
        }
        hops.reverse();
        let names: Vec<String> = hops.iter().map(|&u| show(u)).collect();
        writeln!(out, "{}", names.join(" → "))?;
        writeln!(
            out,
            "length {} ({} hops)",
            search.dist[t as usize],
            hops.len() - 1
        )?;
        return Ok(());
    }
    let d = m::diameter(&g);
    let apl = m::average_path_length(&g, samples, seed);
    let mut t = table(&["measure", "value"]);
    t.add_row(vec![
        TCell::new("diameter (iFUB, exact)"),
        num(f64::from(d.value)),
    ]);
    t.add_row(vec![
        TCell::new("double-sweep lower bound"),
        num(f64::from(d.lower_bound)),
    ]);
    t.add_row(vec![
        TCell::new("searches for the diameter"),
        num(d.searches as f64),
    ]);
    t.add_row(vec![TCell::new("average path length"), num(apl.mean)]);
    if !apl.exact {
        let half = 1.96 * apl.standard_error;
        t.add_row(vec![
            TCell::new("  95 % confidence interval"),
            TCell::new(format!("{:.6} – {:.6}", apl.mean - half, apl.mean + half)),
        ]);
    }
    t.add_row(vec![
        TCell::new("  sources"),
        TCell::new(format!(
            "{}{}",
            apl.sources,
            if apl.exact {
                " (all: exact)"
            } else {
                " (sampled)"
            }
        )),
    ]);
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "hop counts; the diameter over all components (undirected view), path lengths over \
         reachable pairs{}",
        if g.is_directed() {
            ", following directions"
        } else {
            ""
        }
    )?;
    Ok(())
}

/// `crowdmine measure group`: the centrality of a set of nodes as a whole.
fn group(g: &Graph, labels: &Labels, opts: &MeasureOptions) -> Result<()> {
    let members: Vec<u32> = match (&opts.best, opts.group.is_empty()) {
        (Some(k), true) => m::greedy_group(g, *k, true).0,
        (None, false) => opts
            .group
            .iter()
            .map(|name| node_named(g, labels, name))
            .collect::<Result<_>>()?,
        _ => bail!("name the group with --group A,B,C, or ask for the --best K"),
    };
    let name = |u: u32| {
        let id = g.label(u);
        labels.get(id).cloned().unwrap_or_else(|| id.to_string())
    };
    let mut t = table(&["measure", "value"]);
    let names: Vec<String> = members.iter().map(|&u| name(u)).collect();
    t.add_row(vec![TCell::new("group"), TCell::new(names.join(", "))]);
    t.add_row(vec![
        TCell::new("group degree (out)"),
        num(m::group_degree(g, &members, m::Direction::Out)),
    ]);
    if g.is_directed() {
        t.add_row(vec![
            TCell::new("group degree (in)"),
            num(m::group_degree(g, &members, m::Direction::In)),
        ]);
    }
    t.add_row(vec![
        TCell::new("group closeness"),
        num(m::group_closeness(g, &members)),
    ]);
    t.add_row(vec![
        TCell::new("group betweenness"),
        num(m::group_betweenness(g, &members, true)),
    ]);
    writeln!(std::io::stdout().lock(), "{t}")?;
    Ok(())
}
