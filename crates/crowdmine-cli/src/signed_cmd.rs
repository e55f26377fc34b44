//! `crowdmine signed balance|status` and `crowdmine similar`.

use crate::graph_cmd::{self, Source};
use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use crowdmine::graph::measures::{self as m, Similarity};
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
        let v = serde_json::json!({ "triads": t, "null": null, "frustration": f });
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

/// Status theory against balance on the transitive triads of a directed signed graph.
pub fn status(src: &Source, db: &Path, json: bool) -> Result<()> {
    let g = signed_graph(src, db)?;
    if !g.is_directed() {
        bail!("status needs a directed graph: add --directed");
    }
    let c = m::status_census(&g);
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &c)?;
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
