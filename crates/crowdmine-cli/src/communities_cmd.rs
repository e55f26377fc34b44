//! `crowdmine communities`: detect communities (Leiden, Louvain, label propagation) and evaluate
//! partitions against a reference.

use crate::graph_cmd::{self, Source};
use crate::OutFormat;
use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use crowdmine::graph::community::{
    self as cm, evaluate as ev, evaluate::Normalisation, LeidenParams, LpaParams, Partition,
    Quality,
};
use crowdmine::graph::Graph;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Method {
    /// Leiden (Traag, Waltman & van Eck 2019): well-connected communities, iterated until stable.
    Leiden,
    /// Louvain (Blondel et al. 2008): one pass of local moving and aggregation.
    Louvain,
    /// Asynchronous label propagation (Raghavan et al. 2007).
    Lpa,
    /// Synchronous label propagation (all nodes update at once).
    LpaSync,
    /// Infomap (Rosvall & Bergstrom 2008): the two-level map equation of a random walk
    /// (directed flow with teleportation 0.15 on a directed graph).
    Infomap,
    /// Girvan–Newman (2002) by edge betweenness, the level of highest modularity (up to 5,000
    /// edges).
    GirvanNewman,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum QualityArg {
    /// Newman–Girvan modularity (Leicht–Newman for directed graphs).
    Modularity,
    /// The constant Potts model: the resolution is an edge density.
    Cpm,
}

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CommunitiesArgs {
    #[command(subcommand)]
    action: Option<Action>,
    #[command(flatten)]
    detect: DetectArgs,
}

#[derive(Subcommand, Debug)]
enum Action {
    /// Communities in consecutive time windows of a corpus network, matched by Jaccard overlap,
    /// with birth, death, growth, contraction, merge, split and continuation events.
    Evolve {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        algorithm: Algorithm,
        /// Window length: 30m, 12h, 1d, 1w (windows start at --since, or at the first post).
        #[arg(long, default_value = "1d")]
        window: String,
        /// Least Jaccard overlap for two communities of consecutive windows to match.
        #[arg(long, default_value_t = 0.3)]
        threshold: f64,
        /// Size change (a share) above which a continuation is growth or contraction.
        #[arg(long, default_value_t = 0.1)]
        change: f64,
        /// Communities smaller than this are left out.
        #[arg(long, default_value_t = 3)]
        min_size: usize,
        /// Write every window's partition: `window_start,node,community,dynamic_id`.
        #[arg(long, short)]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = OutFormat::Table)]
        output: OutFormat,
    },
    /// Overlapping k-clique communities (clique percolation, Palla et al. 2005).
    Cliques {
        #[command(flatten)]
        source: Source,
        /// Clique size: communities are chains of k-cliques sharing k − 1 nodes.
        #[arg(long, default_value_t = 3)]
        k: usize,
        /// Write `node,community` rows (a node in several communities has several rows).
        #[arg(long, short)]
        out: Option<PathBuf>,
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Leiden over a range of resolutions: communities, modularity and agreement across seeds at
    /// each, to choose a resolution and judge stability.
    Sweep {
        #[command(flatten)]
        source: Source,
        #[arg(long, default_value_t = 0.25)]
        from: f64,
        #[arg(long, default_value_t = 4.0)]
        to: f64,
        /// Resolutions, spaced evenly on a log scale from --from to --to.
        #[arg(long, default_value_t = 9)]
        steps: usize,
        /// Seeds per resolution (1..=N).
        #[arg(long, default_value_t = 5)]
        seeds: u64,
        #[arg(long, value_enum, default_value_t = QualityArg::Modularity)]
        quality: QualityArg,
        /// Also the NMI of each resolution's best partition to this reference (`node,community`).
        #[arg(long)]
        truth: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = OutFormat::Table)]
        output: OutFormat,
    },
    /// A consensus partition over seeds (co-classification frequency on the edges), with each
    /// node's stability.
    Consensus {
        #[command(flatten)]
        source: Source,
        /// Leiden runs (seeds 1..=N).
        #[arg(long, default_value_t = 20)]
        seeds: u64,
        /// Keep edges whose ends share a community in at least this share of runs.
        #[arg(long, default_value_t = 0.5)]
        threshold: f64,
        #[arg(long, default_value_t = 1.0)]
        resolution: f64,
        /// Write `node,community,stability`.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Agreement of two partitions (CSV files `node,community`): NMI, adjusted Rand index,
    /// purity and best-match F1; with --graph also the partition's modularity, coverage and
    /// performance.
    Evaluate {
        #[arg(long)]
        partition: PathBuf,
        #[arg(long)]
        truth: PathBuf,
        #[command(flatten)]
        source: Source,
        #[arg(long, value_enum, default_value_t = OutFormat::Table)]
        output: OutFormat,
    },
}

/// The detection method and its settings.
#[derive(Args, Debug, Clone)]
struct Algorithm {
    #[arg(long, value_enum, default_value_t = Method::Leiden)]
    method: Method,
    /// What Leiden and Louvain optimise.
    #[arg(long, value_enum, default_value_t = QualityArg::Modularity)]
    quality: QualityArg,
    /// Resolution γ: above 1, more and smaller communities (for CPM: the density threshold).
    #[arg(long, default_value_t = 1.0)]
    resolution: f64,
    /// Random seed (node orders, ties): the same seed gives the same partition. Leiden and
    /// Louvain on graphs of more than about a million edges run on every core, and their partition
    /// then varies a little from run to run; RAYON_NUM_THREADS=1 makes it follow the seed alone.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Leiden iterations (default: until an iteration improves the quality by less than 1e-3 of
    /// its value).
    #[arg(long)]
    iterations: Option<usize>,
    /// Infomap trials (the best is kept).
    #[arg(long, default_value_t = 5)]
    trials: usize,
}

#[derive(Args, Debug)]
struct DetectArgs {
    #[command(flatten)]
    source: Source,
    #[command(flatten)]
    algorithm: Algorithm,
    /// A reference partition to evaluate against: CSV `node,community` (or whitespace
    /// separated; a header line is skipped).
    #[arg(long)]
    truth: Option<PathBuf>,
    /// A node attribute holding the reference partition (e.g. a GML `value`), instead of --truth.
    #[arg(long, conflicts_with = "truth", value_name = "NAME")]
    truth_attribute: Option<String>,
    /// Write every node's community (CSV `node,community`).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// How many communities to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// How to pick each community's top members.
    #[arg(long, value_enum, default_value_t = RankBy::Degree)]
    rank_by: RankBy,
    /// Write the inter-community matrix: `from,to,edges,weight` for every pair with edges.
    #[arg(long, value_name = "FILE")]
    matrix: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    output: OutFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum RankBy {
    Degree,
    /// Weighted degree.
    Strength,
    Pagerank,
}

/// `node → community` from a two-column file.
fn read_assignment(path: &Path) -> Result<HashMap<String, String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut map = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line
            .split([',', '\t', ' '])
            .map(|f| f.trim().trim_matches('"'))
            .filter(|f| !f.is_empty());
        let (Some(node), Some(community)) = (fields.next(), fields.next()) else {
            bail!(
                "{}:{}: expected `node,community`, found {line:?}",
                path.display(),
                i + 1
            );
        };
        if i == 0 && node.eq_ignore_ascii_case("node") || node.eq_ignore_ascii_case("id") {
            continue;
        }
        map.insert(node.to_string(), community.to_string());
    }
    Ok(map)
}

/// The agreement scores of `found` against `truth` (both over the same nodes).
fn agreement(found: &Partition, truth: &Partition) -> Vec<(&'static str, f64)> {
    vec![
        (
            "NMI (arithmetic)",
            ev::nmi(found, truth, Normalisation::Arithmetic),
        ),
        (
            "NMI (geometric)",
            ev::nmi(found, truth, Normalisation::Geometric),
        ),
        ("NMI (min)", ev::nmi(found, truth, Normalisation::Min)),
        ("NMI (max)", ev::nmi(found, truth, Normalisation::Max)),
        ("adjusted Rand index", ev::adjusted_rand(found, truth)),
        ("purity", ev::purity(found, truth)),
        (
            "best-match F1 (found → truth)",
            ev::best_match_f1(found, truth),
        ),
        (
            "best-match F1 (truth → found)",
            ev::best_match_f1(truth, found),
        ),
    ]
}

/// The reference partition of the graph's nodes; nodes the file does not name are reported.
fn truth_partition(
    g: &Graph,
    map: &HashMap<String, String>,
    what: &str,
) -> Result<(Partition, usize)> {
    let mut missing = 0;
    let labels: Vec<String> = g
        .labels()
        .iter()
        .map(|id| {
            map.get(id).cloned().unwrap_or_else(|| {
                missing += 1;
                format!("\u{0}missing {id}")
            })
        })
        .collect();
    if missing == g.node_count() {
        bail!("{what} names none of the graph's nodes (a file's first column must be node ids)");
    }
    Ok((Partition::from_labels(labels), missing))
}

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(header.to_vec());
    t
}

pub fn run(args: &CommunitiesArgs, db: &Path) -> Result<()> {
    match &args.action {
        Some(Action::Evaluate {
            partition,
            truth,
            source,
            output,
        }) => evaluate(partition, truth, source, db, *output),
        Some(Action::Cliques {
            source,
            k,
            out,
            top,
        }) => cliques(source, db, *k, out.as_deref(), *top),
        Some(Action::Sweep {
            source,
            from,
            to,
            steps,
            seeds,
            quality,
            truth,
            output,
        }) => sweep(
            source,
            db,
            (*from, *to, *steps),
            *seeds,
            *quality,
            truth.as_deref(),
            *output,
        ),
        Some(Action::Consensus {
            source,
            seeds,
            threshold,
            resolution,
            out,
        }) => consensus(source, db, *seeds, *threshold, *resolution, out.as_deref()),
        Some(Action::Evolve {
            source,
            algorithm,
            window,
            threshold,
            change,
            min_size,
            out,
            output,
        }) => evolve(
            source,
            algorithm,
            db,
            window,
            (*threshold, *change, *min_size),
            out.as_deref(),
            *output,
        ),
        None => detect(&args.detect, db),
    }
}

/// Runs the chosen method: the partition, its iterations (rounds, trials or levels) and, for
/// Infomap, the codelength.
fn find(g: &Graph, a: &Algorithm) -> Result<(Partition, usize, Option<f64>)> {
    let quality = match a.quality {
        QualityArg::Modularity => Quality::Modularity {
            resolution: a.resolution,
        },
        QualityArg::Cpm => Quality::Cpm {
            resolution: a.resolution,
        },
    };
    let params = LeidenParams {
        quality,
        seed: a.seed,
        iterations: a.iterations,
        ..LeidenParams::default()
    };
    Ok(match a.method {
        Method::Leiden => {
            let d = cm::leiden(g, &params);
            (d.partition, d.iterations, None)
        }
        Method::Louvain => {
            let d = cm::louvain(g, &params);
            (d.partition, d.iterations, None)
        }
        Method::Infomap => {
            let r = cm::infomap(
                g,
                &cm::InfomapParams {
                    trials: a.trials,
                    seed: a.seed,
                    ..cm::InfomapParams::default()
                },
            );
            (r.partition, a.trials, Some(r.codelength))
        }
        Method::GirvanNewman => {
            let d = cm::girvan_newman(g, &cm::GirvanNewmanParams::default())?;
            let levels = d.levels.len();
            (d.levels[d.best].0.clone(), levels, None)
        }
        Method::Lpa | Method::LpaSync => {
            let (p, rounds) = cm::label_propagation(
                g,
                &LpaParams {
                    synchronous: a.method == Method::LpaSync,
                    seed: a.seed,
                    ..LpaParams::default()
                },
            );
            (p, rounds, None)
        }
    })
}

fn detect(a: &DetectArgs, db: &Path) -> Result<()> {
    let mut source = a.source.clone();
    if a.truth_attribute.is_some() {
        source.attribute = a.truth_attribute.clone();
    }
    let (g, labels, attribute) = graph_cmd::load_with_attribute(&source, db)?;
    let start = Instant::now();
    let (partition, rounds, codelength) = find(&g, &a.algorithm)?;
    let seconds = start.elapsed().as_secs_f64();
    let name = |u: usize| {
        let id = g.label(u as u32);
        labels.get(id).cloned().unwrap_or_else(|| id.to_string())
    };
    if let Some(path) = &a.out {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        );
        writeln!(w, "node,community")?;
        for (u, c) in partition.labels.iter().enumerate() {
            let id = g.label(u as u32);
            if id.contains([',', '"']) {
                writeln!(w, "\"{}\",{c}", id.replace('"', "\"\""))?;
            } else {
                writeln!(w, "{id},{c}")?;
            }
        }
    }
    let modularity = cm::modularity(&g, &partition, 1.0);
    let (coverage, performance) = ev::coverage_and_performance(&g, &partition);
    let conductance = ev::conductance(&g, &partition);
    let truth = match (&a.truth, &a.truth_attribute) {
        (Some(path), _) => Some(truth_partition(
            &g,
            &read_assignment(path)?,
            &path.display().to_string(),
        )?),
        (None, Some(name)) => Some(truth_partition(
            &g,
            &attribute,
            &format!("attribute {name:?}"),
        )?),
        (None, None) => None,
    };
    let scores = truth.as_ref().map(|(t, _)| agreement(&partition, t));
    let mut out = std::io::stdout().lock();
    if a.output == OutFormat::Json {
        let v = serde_json::json!({
            "method": format!("{:?}", a.algorithm.method).to_lowercase(),
            "quality": format!("{:?}", a.algorithm.quality).to_lowercase(),
            "resolution": a.algorithm.resolution,
            "seed": a.algorithm.seed,
            "iterations": rounds,
            "seconds": seconds,
            "nodes": g.node_count(),
            "communities": partition.count,
            "modularity": modularity,
            "codelength": codelength,
            "coverage": coverage,
            "performance": performance,
            "sizes": partition.sizes(),
            "conductance": conductance,
            "agreement": scores.as_ref().map(|s| s.iter().map(|(k, v)| (k.to_string(), serde_json::json!(v))).collect::<serde_json::Map<_, _>>()),
        });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    if a.output == OutFormat::Csv {
        bail!("the CSV of a partition is written with --out FILE");
    }
    let mut t = table(&["", ""]);
    let method = match a.algorithm.method {
        Method::Leiden | Method::Louvain => format!(
            "{:?}, {:?} at γ = {}, seed {}, {} iteration(s)",
            a.algorithm.method,
            a.algorithm.quality,
            a.algorithm.resolution,
            a.algorithm.seed,
            rounds
        ),
        Method::GirvanNewman => format!("Girvan–Newman, best of {rounds} dendrogram levels"),
        Method::Infomap => format!(
            "Infomap, two-level, best of {rounds} trial(s), seed {}",
            a.algorithm.seed
        ),
        _ => format!(
            "{:?}, seed {}, {} round(s)",
            a.algorithm.method, a.algorithm.seed, rounds
        ),
    };
    t.add_row(vec!["method".into(), method]);
    t.add_row(vec!["nodes".into(), g.node_count().to_string()]);
    t.add_row(vec!["communities".into(), partition.count.to_string()]);
    t.add_row(vec![
        "modularity (γ = 1)".into(),
        format!("{modularity:.6}"),
    ]);
    t.add_row(vec![
        "coverage / performance".into(),
        format!("{coverage:.4} / {performance:.4}"),
    ]);
    t.add_row(vec!["time".into(), format!("{seconds:.3} s")]);
    if let (Some(scores), Some((tp, missing))) = (&scores, &truth) {
        t.add_row(vec![
            "reference".into(),
            format!(
                "{} communities{}",
                tp.count - missing,
                if *missing > 0 {
                    format!(" ({missing} nodes not in it, each scored as alone)")
                } else {
                    String::new()
                }
            ),
        ]);
        for (k, v) in scores {
            t.add_row(vec![format!("  {k}"), format!("{v:.4}")]);
        }
    }
    writeln!(out, "{t}")?;
    // The largest communities: density, conductance, leading members and, from a corpus, what
    // they post about; then who interacts with whom.
    let score: Vec<f64> = match a.rank_by {
        RankBy::Degree => crowdmine::graph::measures::degrees(&g)
            .iter()
            .map(|&d| d as f64)
            .collect(),
        RankBy::Strength => crowdmine::graph::measures::strengths(&g),
        RankBy::Pagerank => crowdmine::graph::measures::pagerank(&g, &Default::default()).scores,
    };
    let mut members = partition.communities();
    for m in &mut members {
        m.sort_by(|&x, &y| {
            score[y as usize]
                .total_cmp(&score[x as usize])
                .then(x.cmp(&y))
        });
    }
    let mut order: Vec<usize> = (0..partition.count).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(members[c].len()), c));
    let matrix = interaction_matrix(&g, &partition);
    let items = match (&a.source.kind, a.top > 0) {
        (Some(_), true) => {
            let shown: HashMap<String, usize> = order
                .iter()
                .take(a.top)
                .enumerate()
                .flat_map(|(rank, &c)| members[c].iter().map(move |&u| (u, rank)))
                .map(|(u, rank)| (g.label(u).to_string(), rank))
                .collect();
            let corpus = crowdmine::Corpus::open_reader(db)?;
            let sel = graph_cmd::selection(&a.source)?;
            crowdmine::networks::top_items_by_group(
                &corpus,
                &sel,
                &shown,
                a.top.min(order.len()),
                3,
            )?
        }
        _ => Vec::new(),
    };
    let with_items = items
        .iter()
        .any(|i| !i.hashtags.is_empty() || !i.domains.is_empty());
    let mut header = vec!["community", "size", "density", "conductance", "top members"];
    if with_items {
        header.extend(["top hashtags", "top domains"]);
    }
    let mut t = table(&header);
    for (rank, &c) in order.iter().take(a.top).enumerate() {
        let top: Vec<String> = members[c]
            .iter()
            .take(5)
            .map(|&u| name(u as usize))
            .collect();
        let size = members[c].len() as f64;
        let pairs = if g.is_directed() {
            size * (size - 1.0)
        } else {
            size * (size - 1.0) / 2.0
        };
        let density = if pairs > 0.0 {
            matrix.edges[c][c] as f64 / pairs
        } else {
            0.0
        };
        let mut row = vec![
            c.to_string(),
            members[c].len().to_string(),
            format!("{density:.3}"),
            format!("{:.3}", conductance[c]),
            top.join(", "),
        ];
        if with_items {
            let list = |v: &[(String, u64)]| {
                v.iter()
                    .map(|(k, n)| format!("{k} ({n})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            row.push(
                items
                    .get(rank)
                    .map(|i| list(&i.hashtags))
                    .unwrap_or_default(),
            );
            row.push(
                items
                    .get(rank)
                    .map(|i| list(&i.domains))
                    .unwrap_or_default(),
            );
        }
        t.add_row(row);
    }
    writeln!(out, "{t}")?;
    let shown: Vec<usize> = order.iter().take(a.top.min(8)).copied().collect();
    if shown.len() >= 2 {
        let labels: Vec<String> = shown.iter().map(|c| c.to_string()).collect();
        let mut head = vec!["edges from ↓ to →".to_string()];
        head.extend(labels.iter().cloned());
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED);
        t.set_header(head);
        for &i in &shown {
            let mut row = vec![i.to_string()];
            row.extend(shown.iter().map(|&j| {
                let (e, w) = (matrix.edges[i][j], matrix.weight[i][j]);
                if (w - e as f64).abs() < 1e-9 {
                    e.to_string()
                } else {
                    format!("{e} ({w:.1})")
                }
            }));
            t.add_row(row);
        }
        writeln!(out, "{t}")?;
    }
    if let Some(path) = &a.matrix {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        );
        writeln!(w, "from,to,edges,weight")?;
        for i in 0..partition.count {
            for j in 0..partition.count {
                if matrix.edges[i][j] > 0 {
                    writeln!(w, "{i},{j},{},{}", matrix.edges[i][j], matrix.weight[i][j])?;
                }
            }
        }
    }
    if partition.count > a.top {
        writeln!(
            out,
            "{} more communities; --out FILE writes every node's community",
            partition.count - a.top
        )?;
    }
    Ok(())
}

fn evaluate(
    partition: &Path,
    truth: &Path,
    source: &Source,
    db: &Path,
    output: OutFormat,
) -> Result<()> {
    let (a, b) = (read_assignment(partition)?, read_assignment(truth)?);
    let mut nodes: Vec<&String> = a.keys().filter(|k| b.contains_key(*k)).collect();
    nodes.sort();
    if nodes.is_empty() {
        bail!("the two files share no node");
    }
    let pa = Partition::from_labels(nodes.iter().map(|n| &a[*n]));
    let pb = Partition::from_labels(nodes.iter().map(|n| &b[*n]));
    let scores = agreement(&pa, &pb);
    let quality = if source.graph.is_some() || source.kind.is_some() {
        let (g, _) = graph_cmd::load(source, db)?;
        let labels: Vec<String> = g
            .labels()
            .iter()
            .map(|id| a.get(id).cloned().unwrap_or_else(|| format!("\u{0}{id}")))
            .collect();
        let p = Partition::from_labels(labels);
        let (coverage, performance) = ev::coverage_and_performance(&g, &p);
        Some((cm::modularity(&g, &p, 1.0), coverage, performance))
    } else {
        None
    };
    let mut out = std::io::stdout().lock();
    if output == OutFormat::Json {
        let mut v: serde_json::Map<String, serde_json::Value> = scores
            .iter()
            .map(|(k, v)| (k.to_string(), serde_json::json!(v)))
            .collect();
        v.insert("nodes".into(), nodes.len().into());
        if let Some((q, c, p)) = quality {
            v.insert("modularity".into(), q.into());
            v.insert("coverage".into(), c.into());
            v.insert("performance".into(), p.into());
        }
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut t = table(&["", ""]);
    t.add_row(vec![
        "nodes in both files".into(),
        format!(
            "{} ({} only in the partition, {} only in the reference)",
            nodes.len(),
            a.len() - nodes.len(),
            b.len() - nodes.len()
        ),
    ]);
    t.add_row(vec![
        "communities".into(),
        format!("{} found, {} in the reference", pa.count, pb.count),
    ]);
    for (k, v) in &scores {
        t.add_row(vec![k.to_string(), format!("{v:.4}")]);
    }
    if let Some((q, c, p)) = quality {
        t.add_row(vec!["modularity (γ = 1)".into(), format!("{q:.6}")]);
        t.add_row(vec![
            "coverage / performance".into(),
            format!("{c:.4} / {p:.4}"),
        ]);
    }
    writeln!(out, "{t}")?;
    Ok(())
}

/// A node's display name: its label (a handle, a GML label) or its id.
fn namer<'a>(g: &'a Graph, labels: &'a HashMap<String, String>) -> impl Fn(u32) -> String + 'a {
    move |u| {
        let id = g.label(u);
        labels.get(id).cloned().unwrap_or_else(|| id.to_string())
    }
}

fn csv_id(id: &str) -> String {
    if id.contains([',', '"']) {
        format!("\"{}\"", id.replace('"', "\"\""))
    } else {
        id.to_string()
    }
}

fn cliques(source: &Source, db: &Path, k: usize, out: Option<&Path>, top: usize) -> Result<()> {
    if k < 2 {
        bail!("--k must be at least 2");
    }
    let (g, labels) = graph_cmd::load(source, db)?;
    let communities = cm::k_clique_communities(&g, k);
    if let Some(path) = out {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        );
        writeln!(w, "node,community")?;
        for (c, members) in communities.iter().enumerate() {
            for &u in members {
                writeln!(w, "{},{c}", csv_id(g.label(u)))?;
            }
        }
    }
    let name = namer(&g, &labels);
    let mut membership = vec![0usize; g.node_count()];
    for c in &communities {
        for &u in c {
            membership[u as usize] += 1;
        }
    }
    let covered = membership.iter().filter(|&&m| m > 0).count();
    let overlapping = membership.iter().filter(|&&m| m > 1).count();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} {k}-clique communities; {covered} of {} nodes in at least one, {overlapping} in more than one",
        communities.len(),
        g.node_count()
    )?;
    let mut order: Vec<usize> = (0..communities.len()).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(communities[c].len()), c));
    let mut t = table(&["community", "size", "members"]);
    for &c in order.iter().take(top) {
        let shown: Vec<String> = communities[c].iter().take(8).map(|&u| name(u)).collect();
        let more = communities[c].len().saturating_sub(8);
        t.add_row(vec![
            c.to_string(),
            communities[c].len().to_string(),
            if more > 0 {
                format!("{}, … ({more} more)", shown.join(", "))
            } else {
                shown.join(", ")
            },
        ]);
    }
    writeln!(out, "{t}")?;
    Ok(())
}

fn sweep(
    source: &Source,
    db: &Path,
    (from, to, steps): (f64, f64, usize),
    seeds: u64,
    quality: QualityArg,
    truth: Option<&Path>,
    output: OutFormat,
) -> Result<()> {
    if !(from > 0.0 && to >= from && steps >= 1) {
        bail!("--from must be positive and at most --to, with --steps ≥ 1");
    }
    let (g, _) = graph_cmd::load(source, db)?;
    let resolutions: Vec<f64> = (0..steps)
        .map(|i| {
            if steps == 1 {
                from
            } else {
                from * (to / from).powf(i as f64 / (steps - 1) as f64)
            }
        })
        .collect();
    let seeds: Vec<u64> = (1..=seeds.max(1)).collect();
    let points = cm::resolution_sweep(&g, &resolutions, &seeds, quality == QualityArg::Cpm);
    let reference = match truth {
        Some(path) => {
            Some(truth_partition(&g, &read_assignment(path)?, &path.display().to_string())?.0)
        }
        None => None,
    };
    let nmi_truth: Vec<Option<f64>> = points
        .iter()
        .map(|p| {
            reference
                .as_ref()
                .map(|t| ev::nmi(&p.partition, t, Normalisation::Arithmetic))
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if output == OutFormat::Json {
        let rows: Vec<serde_json::Value> = points
            .iter()
            .zip(&nmi_truth)
            .map(|(p, n)| {
                let mut v = serde_json::to_value(p).unwrap_or_default();
                if let (Some(o), Some(n)) = (v.as_object_mut(), n) {
                    o.insert("nmi_truth".into(), (*n).into());
                }
                v
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut header = vec![
        "γ",
        "communities",
        "modularity (γ = 1)",
        "quality",
        "agreement across seeds",
    ];
    if reference.is_some() {
        header.push("NMI to reference");
    }
    let mut t = table(&header);
    for (p, n) in points.iter().zip(&nmi_truth) {
        let mut row = vec![
            format!("{:.4}", p.resolution),
            p.communities.to_string(),
            format!("{:.4}", p.modularity),
            format!("{:.4}", p.quality),
            format!("{:.3}", p.agreement),
        ];
        if let Some(n) = n {
            row.push(format!("{n:.4}"));
        }
        t.add_row(row);
    }
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "Leiden with seeds 1..={} at each γ; agreement: mean NMI between the seeds' partitions (1: all \
         alike); communities, modularity and NMI of the best seed",
        seeds.len()
    )?;
    Ok(())
}

fn consensus(
    source: &Source,
    db: &Path,
    seeds: u64,
    threshold: f64,
    resolution: f64,
    out: Option<&Path>,
) -> Result<()> {
    if seeds < 2 {
        bail!("--seeds must be at least 2");
    }
    let (g, labels) = graph_cmd::load(source, db)?;
    let seeds: Vec<u64> = (1..=seeds).collect();
    let params = LeidenParams {
        quality: Quality::Modularity { resolution },
        ..LeidenParams::default()
    };
    let c = cm::consensus(&g, &params, &seeds, threshold);
    if let Some(path) = out {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        );
        writeln!(w, "node,community,stability")?;
        for (u, (&l, &s)) in c.partition.labels.iter().zip(&c.stability).enumerate() {
            writeln!(w, "{},{l},{s:.4}", csv_id(g.label(u as u32)))?;
        }
    }
    let name = namer(&g, &labels);
    let mut out = std::io::stdout().lock();
    let unstable: Vec<usize> = {
        let mut v: Vec<usize> = (0..g.node_count())
            .filter(|&u| c.stability[u] < 0.9)
            .collect();
        v.sort_by(|&a, &b| c.stability[a].total_cmp(&c.stability[b]));
        v
    };
    let mut t = table(&["", ""]);
    t.add_row(vec!["runs (Leiden, seeds 1..)".into(), c.runs.to_string()]);
    t.add_row(vec![
        "agreement (mean pairwise NMI)".into(),
        format!("{:.4}", c.mean_pairwise_nmi),
    ]);
    t.add_row(vec![
        "consensus communities".into(),
        c.partition.count.to_string(),
    ]);
    t.add_row(vec![
        "modularity (γ = 1)".into(),
        format!("{:.6}", cm::modularity(&g, &c.partition, 1.0)),
    ]);
    t.add_row(vec![
        "nodes with stability < 0.9".into(),
        unstable.len().to_string(),
    ]);
    writeln!(out, "{t}")?;
    if !unstable.is_empty() {
        let shown: Vec<String> = unstable
            .iter()
            .take(10)
            .map(|&u| format!("{} ({:.2})", name(u as u32), c.stability[u]))
            .collect();
        writeln!(out, "least stable: {}", shown.join(", "))?;
    }
    Ok(())
}

/// Seconds of a window length such as 30m, 12h, 1d or 2w.
fn window_seconds(s: &str) -> Result<i64> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let n: i64 = number.parse().ok().filter(|&n| n > 0).with_context(|| {
        format!("--window {s:?}: expected a positive number and a unit, e.g. 1d")
    })?;
    let unit = match unit {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        other => bail!("--window {s:?}: unknown unit {other:?} (use m, h, d or w)"),
    };
    Ok(n * unit)
}

fn evolve(
    source: &Source,
    algorithm: &Algorithm,
    db: &Path,
    window: &str,
    (threshold, change, min_size): (f64, f64, usize),
    out: Option<&Path>,
    output: OutFormat,
) -> Result<()> {
    use crowdmine::model::time::{format_rfc3339, parse_rfc3339};
    if source.kind.is_none() {
        bail!("evolve follows a corpus network over time: give --kind (e.g. --kind interaction)");
    }
    let step = window_seconds(window)?;
    let stats = crowdmine::Corpus::open_reader(db)?.stats(0)?;
    let bound = |given: &Option<String>, stored: &Option<String>, name: &str| -> Result<i64> {
        let text = given
            .clone()
            .or_else(|| stored.clone())
            .with_context(|| format!("the corpus has no posts; give --{name}"))?;
        parse_rfc3339(&text)
            .with_context(|| format!("--{name} {text:?}: not a date or RFC 3339 time"))
    };
    let from = bound(&source.since, &stats.first_post, "since")?;
    // The last post is included: windows run up to one second past it.
    let until = match &source.until {
        Some(_) => bound(&source.until, &None, "until")?,
        None => bound(&None, &stats.last_post, "until")? + 1,
    };
    if until <= from {
        bail!("the time range is empty");
    }
    let count = ((until - from + step - 1) / step) as usize;
    if count > 10_000 {
        bail!("{count} windows: choose a longer --window");
    }
    let mut windows: Vec<Vec<Vec<String>>> = Vec::with_capacity(count);
    let mut starts = Vec::with_capacity(count);
    let mut nodes = Vec::with_capacity(count);
    for w in 0..count {
        let (a, b) = (
            from + w as i64 * step,
            (from + (w as i64 + 1) * step).min(until),
        );
        let mut src = source.clone();
        src.since = Some(format_rfc3339(a));
        src.until = Some(format_rfc3339(b));
        let (g, _) = graph_cmd::load(&src, db)?;
        let communities: Vec<Vec<String>> = if g.edge_count() == 0 {
            Vec::new()
        } else {
            let (p, _, _) = find(&g, algorithm)?;
            p.communities()
                .into_iter()
                .filter(|c| c.len() >= min_size)
                .map(|c| c.iter().map(|&u| g.label(u).to_string()).collect())
                .collect()
        };
        starts.push(format_rfc3339(a));
        nodes.push(g.node_count());
        windows.push(communities);
    }
    let evolution = cm::track(&windows, threshold, change);
    if let Some(path) = out {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        );
        writeln!(w, "window_start,node,community,dynamic_id")?;
        for (t, communities) in windows.iter().enumerate() {
            for (c, members) in communities.iter().enumerate() {
                for node in members {
                    writeln!(
                        w,
                        "{},{},{c},{}",
                        starts[t],
                        csv_id(node),
                        evolution.dynamic_ids[t][c]
                    )?;
                }
            }
        }
    }
    let mut out = std::io::stdout().lock();
    if output == OutFormat::Json {
        let v = serde_json::json!({
            "windows": starts.iter().zip(&nodes).zip(&windows).map(|((s, n), c)| serde_json::json!({
                "start": s, "nodes": n, "communities": c.len(),
                "sizes": c.iter().map(Vec::len).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "events": evolution.events,
            "dynamic_ids": evolution.dynamic_ids,
        });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut t = table(&["window start", "nodes", "communities", "events"]);
    for (w, start) in starts.iter().enumerate() {
        let mut counts: Vec<(cm::EventKind, usize)> = Vec::new();
        for e in evolution.events.iter().filter(|e| e.window == w) {
            match counts.iter_mut().find(|c| c.0 == e.kind) {
                Some(c) => c.1 += 1,
                None => counts.push((e.kind, 1)),
            }
        }
        let summary: Vec<String> = counts
            .iter()
            .map(|(k, n)| format!("{n} {}", format!("{k:?}").to_lowercase()))
            .collect();
        t.add_row(vec![
            start.clone(),
            nodes[w].to_string(),
            windows[w].len().to_string(),
            summary.join(", "),
        ]);
    }
    writeln!(out, "{t}")?;
    let mut t = table(&["window start", "event", "from (dynamic ids)", "to (sizes)"]);
    for e in evolution
        .events
        .iter()
        .filter(|e| e.window > 0 && e.kind != cm::EventKind::Continuation)
    {
        let sizes: Vec<String> =
            e.to.iter()
                .map(|&j| windows[e.window][j].len().to_string())
                .collect();
        let from: Vec<String> = e
            .from
            .iter()
            .map(|&i| evolution.dynamic_ids[e.window - 1][i].to_string())
            .collect();
        t.add_row(vec![
            starts[e.window].clone(),
            format!("{:?}", e.kind).to_lowercase(),
            from.join(", "),
            sizes.join(", "),
        ]);
    }
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "matched when Jaccard ≥ {threshold}; communities under {min_size} members left out; growth and \
         contraction beyond ±{:.0} % of size; --out writes every window's partition",
        100.0 * change
    )?;
    Ok(())
}

/// Edges and their weights between communities (within: the diagonal). An undirected edge
/// between two communities counts in both cells; a directed one from its source's community.
struct Matrix {
    edges: Vec<Vec<u64>>,
    weight: Vec<Vec<f64>>,
}

fn interaction_matrix(g: &Graph, p: &Partition) -> Matrix {
    let k = p.count;
    let (mut edges, mut weight) = (vec![vec![0u64; k]; k], vec![vec![0.0f64; k]; k]);
    for (u, v, w) in g.edges() {
        let (a, b) = (p.labels[u as usize] as usize, p.labels[v as usize] as usize);
        let w = if g.is_weighted() { w } else { 1.0 };
        edges[a][b] += 1;
        weight[a][b] += w;
        if !g.is_directed() && a != b {
            edges[b][a] += 1;
            weight[b][a] += w;
        }
    }
    Matrix { edges, weight }
}
