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

#[derive(Args, Debug)]
struct DetectArgs {
    #[command(flatten)]
    source: Source,
    #[arg(long, value_enum, default_value_t = Method::Leiden)]
    method: Method,
    /// What Leiden and Louvain optimise.
    #[arg(long, value_enum, default_value_t = QualityArg::Modularity)]
    quality: QualityArg,
    /// Resolution γ: above 1, more and smaller communities (for CPM: the density threshold).
    #[arg(long, default_value_t = 1.0)]
    resolution: f64,
    /// Random seed (node orders, ties): the same seed gives the same partition.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Leiden iterations (default: until an iteration no longer improves the quality).
    #[arg(long)]
    iterations: Option<usize>,
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
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    output: OutFormat,
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
        None => detect(&args.detect, db),
    }
}

fn detect(a: &DetectArgs, db: &Path) -> Result<()> {
    let mut source = a.source.clone();
    if a.truth_attribute.is_some() {
        source.attribute = a.truth_attribute.clone();
    }
    let (g, labels, attribute) = graph_cmd::load_with_attribute(&source, db)?;
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
    };
    let start = Instant::now();
    let (partition, rounds) = match a.method {
        Method::Leiden => {
            let d = cm::leiden(&g, &params);
            (d.partition, d.iterations)
        }
        Method::Louvain => {
            let d = cm::louvain(&g, &params);
            (d.partition, d.iterations)
        }
        Method::Lpa | Method::LpaSync => cm::label_propagation(
            &g,
            &LpaParams {
                synchronous: a.method == Method::LpaSync,
                seed: a.seed,
                ..LpaParams::default()
            },
        ),
    };
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
            "method": format!("{:?}", a.method).to_lowercase(),
            "quality": format!("{:?}", a.quality).to_lowercase(),
            "resolution": a.resolution,
            "seed": a.seed,
            "iterations": rounds,
            "seconds": seconds,
            "nodes": g.node_count(),
            "communities": partition.count,
            "modularity": modularity,
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
    let method = match a.method {
        Method::Leiden | Method::Louvain => format!(
            "{:?}, {:?} at γ = {}, seed {}, {} iteration(s)",
            a.method, a.quality, a.resolution, a.seed, rounds
        ),
        _ => format!("{:?}, seed {}, {} round(s)", a.method, a.seed, rounds),
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
    // The largest communities with their best-connected members.
    let degree = crowdmine::graph::measures::degrees(&g);
    let mut members = partition.communities();
    for m in &mut members {
        m.sort_by_key(|&u| (std::cmp::Reverse(degree[u as usize]), u));
    }
    let mut order: Vec<usize> = (0..partition.count).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(members[c].len()), c));
    let mut t = table(&[
        "community",
        "size",
        "conductance",
        "top members (by degree)",
    ]);
    for &c in order.iter().take(a.top) {
        let top: Vec<String> = members[c]
            .iter()
            .take(5)
            .map(|&u| name(u as usize))
            .collect();
        t.add_row(vec![
            c.to_string(),
            members[c].len().to_string(),
            format!("{:.3}", conductance[c]),
            top.join(", "),
        ]);
    }
    writeln!(out, "{t}")?;
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
