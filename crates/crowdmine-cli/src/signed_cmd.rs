//! `crowdmine signed balance|status` and `crowdmine similar`.

use crate::graph_cmd::{self, Source};
use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use crowdmine::graph::measures::{self as m, Similarity};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(header.to_vec());
    t
}

/// The graph with its signs (`--signed` implied).
fn signed_graph(src: &Source, db: &Path) -> Result<crowdmine::graph::Graph> {
    let mut src = src.clone();
    src.signed = true;
    let (g, _) = graph_cmd::load(&src, db)?;
    if !g.is_signed() {
        bail!("the graph has no signs: give a sign column or attribute, or signed weights");
    }
    Ok(g)
}

/// Structural balance: triad census, balanced share against a sign-shuffled null, frustration.
pub fn balance(
    src: &Source,
    db: &Path,
    samples: usize,
    restarts: usize,
    seed: u64,
    json: bool,
) -> Result<()> {
    let g = signed_graph(src, db)?;
    let t = m::triads(&g);
    let null = (samples >= 2).then(|| m::balance_null(&g, samples, seed));
    let f = m::frustration(&g, restarts, seed);
    let mut out = std::io::stdout().lock();
    if json {
        // (`null` is a keyword of json!: a bare `null` value would print as JSON null.)
        let v = serde_json::json!({ "triads": t, "null": &null, "frustration": f });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut tb = table(&["measure", "value"]);
    let pct = |x: u64| {
        if t.triangles == 0 {
            String::new()
        } else {
            format!(" ({:.1} %)", 100.0 * x as f64 / t.triangles as f64)
        }
    };
    tb.add_row(vec!["edges (non-zero sign)".into(), t.edges.to_string()]);
    tb.add_row(vec!["  negative".into(), t.negative_edges.to_string()]);
    tb.add_row(vec![
        "  ambivalent (signs cancelled)".into(),
        t.ambivalent_edges.to_string(),
    ]);
    tb.add_row(vec!["triangles".into(), t.triangles.to_string()]);
    for (i, name) in [
        "+++ (balanced)",
        "++− (unbalanced)",
        "+−− (balanced)",
        "−−− (unbalanced)",
    ]
    .iter()
    .enumerate()
    {
        tb.add_row(vec![
            format!("  {name}"),
            format!("{}{}", t.by_negatives[i], pct(t.by_negatives[i])),
        ]);
    }
    tb.add_row(vec![
        "balanced share".into(),
        format!("{:.4}", t.balanced_share),
    ]);
    if let Some(n) = null {
        tb.add_row(vec![
            format!("  sign-shuffled null ({} samples)", n.samples),
            format!("{:.4} ± {:.4}", n.null_mean, n.null_std),
        ]);
        tb.add_row(vec!["  z-score".into(), format!("{:.2}", n.z)]);
    }
    tb.add_row(vec![
        format!("frustrated edges (best of {} local searches)", f.restarts),
        f.frustrated.to_string(),
    ]);
    tb.add_row(vec![
        "partial balance 1 − 2F/m".into(),
        format!("{:.4}", f.partial_balance),
    ]);
    writeln!(out, "{tb}")?;
    writeln!(
        out,
        "undirected view: an edge's sign is the sign of its records' sum; frustration is an upper \
         bound (local search, seed {seed})"
    )?;
    Ok(())
}

/// Balance per group of edges: the rows of a CSV edge list split by the value of one column
/// (a period, a year, a platform), each group a graph of its own, in order of first appearance.
#[allow(clippy::too_many_arguments)]
pub fn balance_by(
    src: &Source,
    column: &str,
    samples: usize,
    restarts: usize,
    seed: u64,
    json: bool,
) -> Result<()> {
    let Some(path) = &src.graph else {
        bail!("--by splits a CSV edge list: give it with --graph FILE");
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    let header: Vec<String> = reader
        .headers()
        .with_context(|| format!("{}: cannot read the header", path.display()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let find = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let (Some(by), Some(from), Some(to)) = (
        find(&[column.to_lowercase().as_str()]),
        find(&["source", "from", "src"]),
        find(&["target", "to", "dst"]),
    ) else {
        bail!(
            "{}: --by needs a header with {column:?}, source and target columns (found {header:?})",
            path.display()
        );
    };
    let Some(sign) = find(&["sign", "weight", "rating", "value"]) else {
        bail!(
            "{}: no sign column (sign, weight, rating or value)",
            path.display()
        );
    };
    // Groups in order of first appearance, each with its own node ids.
    let mut groups: Vec<(String, crowdmine::graph::GraphData, HashMap<String, usize>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record =
            record.with_context(|| format!("{}:{line}: unreadable row", path.display()))?;
        let field = |k: usize| record.get(k).map(str::trim).unwrap_or("");
        let value: f64 = field(sign).parse().with_context(|| {
            format!(
                "{}:{line}: sign {:?} is not a number",
                path.display(),
                field(sign)
            )
        })?;
        let g = *index.entry(field(by).to_string()).or_insert_with(|| {
            groups.push((
                field(by).to_string(),
                crowdmine::graph::GraphData {
                    directed: src.directed,
                    ..Default::default()
                },
                HashMap::new(),
            ));
            groups.len() - 1
        });
        let (_, data, ids) = &mut groups[g];
        let mut node = |id: &str| -> usize {
            *ids.entry(id.to_string()).or_insert_with(|| {
                data.nodes.push(crowdmine::graph::NodeData {
                    id: id.to_string(),
                    attrs: Default::default(),
                });
                data.nodes.len() - 1
            })
        };
        let (source, target) = (node(field(from)), node(field(to)));
        data.edges.push(crowdmine::graph::EdgeData {
            source,
            target,
            weight: Some(value),
            attrs: Default::default(),
        });
    }
    let opts = crowdmine::graph::BuildOptions {
        directed: src.directed,
        signed: true,
        ..Default::default()
    };
    let rows: Vec<serde_json::Value> = groups
        .iter()
        .map(|(key, data, _)| -> Result<serde_json::Value> {
            let g = crowdmine::graph::Graph::from_data(data, opts)?;
            let t = m::triads(&g);
            // (`null` is a keyword of json!, hence the name.)
            let shuffled = (samples >= 2).then(|| m::balance_null(&g, samples, seed));
            let f = m::frustration(&g, restarts, seed);
            Ok(serde_json::json!({
                column: key, "nodes": g.node_count(), "triads": t, "null": shuffled, "frustration": f
            }))
        })
        .collect::<Result<_>>()?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut tb = table(&[
        column,
        "nodes",
        "edges",
        "negative",
        "triangles",
        "balanced share",
        "null",
        "z",
        "frustrated",
        "partial balance",
    ]);
    for r in &rows {
        let num = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);
        let t = &r["triads"];
        let (null, z) = match r["null"].as_object() {
            Some(n) => (
                format!("{:.3} ± {:.3}", num(&n["null_mean"]), num(&n["null_std"])),
                format!("{:.2}", num(&n["z"])),
            ),
            None => (String::new(), String::new()),
        };
        tb.add_row(vec![
            r[column].as_str().unwrap_or("").to_string(),
            r["nodes"].to_string(),
            t["edges"].to_string(),
            t["negative_edges"].to_string(),
            t["triangles"].to_string(),
            format!("{:.4}", num(&t["balanced_share"])),
            null,
            z,
            r["frustration"]["frustrated"].to_string(),
            format!("{:.4}", num(&r["frustration"]["partial_balance"])),
        ]);
    }
    writeln!(out, "{tb}")?;
    writeln!(
        out,
        "one graph per value of {column:?} (undirected view unless --directed); null: balanced \
         share of sign-shuffled copies ({samples} each); frustration: best of {restarts} local \
         searches, seed {seed}"
    )?;
    Ok(())
}

/// Positive and negative degrees, net standing and the status heuristic σ, most prominent first.
pub fn degrees(src: &Source, db: &Path, top: usize, out_path: Option<&Path>) -> Result<()> {
    let mut src = src.clone();
    src.signed = true;
    let (g, labels) = graph_cmd::load(&src, db)?;
    if !g.is_signed() {
        bail!("the graph has no signs: give a sign column or attribute, or signed weights");
    }
    let d = m::signed_degrees(&g);
    let names: Vec<String> = g
        .labels()
        .iter()
        .map(|id| labels.get(id).cloned().unwrap_or_else(|| id.to_string()))
        .collect();
    let mut order: Vec<usize> = (0..g.node_count()).collect();
    order.sort_by_key(|&u| (std::cmp::Reverse(d.status(u)), u));
    let header = [
        "node",
        "out +",
        "out −",
        "in +",
        "in −",
        "net (in + − in −)",
        "status σ",
    ];
    let row = |u: usize| -> Vec<String> {
        vec![
            names[u].clone(),
            d.out_positive[u].to_string(),
            d.out_negative[u].to_string(),
            d.in_positive[u].to_string(),
            d.in_negative[u].to_string(),
            d.net(u).to_string(),
            d.status(u).to_string(),
        ]
    };
    if let Some(path) = out_path {
        let mut w = csv::Writer::from_path(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        w.write_record([
            "node",
            "out_positive",
            "out_negative",
            "in_positive",
            "in_negative",
            "net",
            "status",
        ])?;
        for &u in &order {
            w.write_record(row(u))?;
        }
        w.flush()?;
    }
    let mut tb = table(&header);
    for &u in order.iter().take(top) {
        tb.add_row(row(u));
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{tb}")?;
    writeln!(
        out,
        "status σ = in + − in − + out − − out + (Leskovec, Huttenlocher & Kleinberg 2010); \
         loops and ambivalent edges left out{}",
        if g.is_directed() {
            ""
        } else {
            "; undirected: in = out"
        }
    )?;
    Ok(())
}

/// Status theory against balance on the transitive triads of a directed signed graph.
pub fn status(src: &Source, db: &Path, json: bool) -> Result<()> {
    let g = signed_graph(src, db)?;
    if !g.is_directed() {
        bail!("status needs a directed graph: add --directed");
    }
    let c = m::status_census(&g);
    let surprise = m::status_surprise(&g);
    let mut out = std::io::stdout().lock();
    if json {
        let v = serde_json::json!({ "transitive_triads": c, "surprise": surprise });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut tb = table(&[
        "A→B",
        "B→C",
        "A→C",
        "triads",
        "status predicts",
        "balance predicts",
    ]);
    for (idx, &count) in c.patterns.iter().enumerate() {
        let sign = |neg: bool| if neg { "−" } else { "+" };
        let (ab, bc, ac) = (idx & 4 != 0, idx & 2 != 0, idx & 1 != 0);
        tb.add_row(vec![
            sign(ab).to_string(),
            sign(bc).to_string(),
            sign(ac).to_string(),
            count.to_string(),
            if ab == bc {
                sign(ab).to_string()
            } else {
                "–".into()
            },
            sign(ab != bc).to_string(),
        ]);
    }
    writeln!(out, "{tb}")?;
    let share = |a: u64, b: u64| {
        if b == 0 {
            f64::NAN
        } else {
            a as f64 / b as f64
        }
    };
    writeln!(
        out,
        "status consistent in {} of {} predicted triads ({:.4}); balance in {} of {} ({:.4})",
        c.status_consistent,
        c.status_predicted,
        share(c.status_consistent, c.status_predicted),
        c.balance_consistent,
        c.triads,
        share(c.balance_consistent, c.triads)
    )?;
    let mut tb = table(&[
        "A–X",
        "B–X",
        "contexts",
        "P(A→B +)",
        "generative surprise",
        "receptive surprise",
        "balance",
        "status gen.",
        "status rec.",
    ]);
    let sign = |x: i8| if x > 0 { "+" } else { "−" };
    let fmt = |s: Option<f64>, pred: i8| match s {
        Some(v) => format!(
            "{v:+.1}{}",
            if v != 0.0 && (v > 0.0) == (pred > 0) {
                " ✓"
            } else {
                ""
            }
        ),
        None => "–".into(),
    };
    for t in &surprise.types {
        tb.add_row(vec![
            t.a_x.to_string(),
            t.b_x.to_string(),
            t.count.to_string(),
            if t.count == 0 {
                "–".into()
            } else {
                format!("{:.3}", t.positive as f64 / t.count as f64)
            },
            fmt(t.generative, t.status_generative),
            fmt(t.receptive, t.status_receptive),
            sign(t.balance).into(),
            sign(t.status_generative).into(),
            sign(t.status_receptive).into(),
        ]);
    }
    writeln!(
        out,
        "\ncontextualized links (Leskovec, Huttenlocher & Kleinberg 2010)\n{tb}"
    )?;
    let k = surprise.types_with_surprise;
    writeln!(
        out,
        "surprise: standard deviations more positive than the creators' (generative) or \
         recipients' (receptive) usual share; ✓ where status predicts its sign.\n\
         of {k} types: balance predicts the sign of the generative surprise in {}, the receptive in {}; \
         status in {} and {}",
        surprise.balance_consistent_generative,
        surprise.balance_consistent_receptive,
        surprise.status_consistent_generative,
        surprise.status_consistent_receptive
    )?;
    Ok(())
}

/// A similarity measure by name.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Method {
    CommonNeighbours,
    Jaccard,
    Cosine,
    AdamicAdar,
    ResourceAllocation,
    PreferentialAttachment,
    StructuralEquivalence,
    Simrank,
}

/// The nodes most similar to one node.
pub fn similar(src: &Source, db: &Path, node: &str, method: Method, top: usize) -> Result<()> {
    let (g, labels) = graph_cmd::load(src, db)?;
    let u = graph_cmd::node_named(&g, &labels, node)?;
    let show = |v: u32| {
        let id = g.label(v);
        labels.get(id).cloned().unwrap_or_else(|| id.to_string())
    };
    let kind = match method {
        Method::CommonNeighbours => Some(Similarity::CommonNeighbours),
        Method::Jaccard => Some(Similarity::Jaccard),
        Method::Cosine => Some(Similarity::Cosine),
        Method::AdamicAdar => Some(Similarity::AdamicAdar),
        Method::ResourceAllocation => Some(Similarity::ResourceAllocation),
        Method::PreferentialAttachment => Some(Similarity::PreferentialAttachment),
        Method::StructuralEquivalence => Some(Similarity::StructuralEquivalence),
        Method::Simrank => None,
    };
    let ranked: Vec<(u32, f64)> = match kind {
        Some(kind) => m::Neighbourhoods::new(&g).most_similar(u, kind, top),
        None => {
            let (sim, _) = m::simrank(&g, &m::SimRankParams::default()).context("SimRank")?;
            let n = g.node_count();
            let mut row: Vec<(u32, f64)> = (0..n as u32)
                .filter(|&v| v != u)
                .map(|v| (v, sim[u as usize * n + v as usize]))
                .filter(|&(_, s)| s > 0.0)
                .collect();
            row.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            row.truncate(top);
            row
        }
    };
    let mut tb = table(&["rank", "node", "similarity"]);
    for (i, (v, s)) in ranked.iter().enumerate() {
        tb.add_row(vec![(i + 1).to_string(), show(*v), format!("{s:.6}")]);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{tb}")?;
    writeln!(out, "most similar to {} by {:?}", show(u), method)?;
    Ok(())
}
