//! `crowdmine analyze`: raw files → corpus → report, exports and manifest; `crowdmine demo`:
//! synthetic data with planted truth through the same path, and what was recovered.

use crate::progress;
use anyhow::{bail, Context as _, Result};
use clap::{Args, ValueEnum};
use crowdmine::analyze::{analyze, Analysis, Options};
use crowdmine::graph::community::{evaluate, leiden, LeidenParams, Partition};
use crowdmine::graph::formats::{self, GraphFormat};
use crowdmine::graph::{AttrValue, BuildOptions, Graph};
use crowdmine::model::time::parse_rfc3339;
use crowdmine::networks::{build_network, NetworkKind, Selection};
use crowdmine::synth::{self, Params};
use crowdmine::{ingest, Corpus, Format, IngestOptions, IngestReport};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Input files: platform exports in any format crowdmine reads (detected per file; .gz and
    /// .zst are read as they are). Files already in the corpus are skipped.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output directory: report.html, graph.gexf, tables/*.csv, manifest.json (and the corpus,
    /// corpus.db, unless --db names one).
    #[arg(long, default_value = "crowdmine-report")]
    pub out: PathBuf,
    /// Only posts from this time on (RFC 3339 or YYYY-MM-DD, UTC).
    #[arg(long)]
    pub since: Option<String>,
    /// Only posts before this time (RFC 3339 or YYYY-MM-DD, UTC).
    #[arg(long)]
    pub until: Option<String>,
    /// Targets for opinion mining (TOML: [[target]] with name, keywords, hashtags, handles).
    #[arg(long)]
    pub targets: Option<PathBuf>,
    /// Time zone of the hours and days, as a UTC offset: `+02:00`, `-05:00`, `UTC`.
    #[arg(long, default_value = "UTC")]
    pub tz: String,
    /// Random seed of every randomised step (communities, sampled betweenness, bootstraps).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum DemoSize {
    /// 400 accounts over 7 days (about 5,000 posts): under a minute.
    Small,
    /// 5,000 accounts over 14 days (about 130,000 posts).
    Medium,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Output directory (the synthetic data go to DIR/data).
    #[arg(long, default_value = "crowdmine-demo")]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value_t = DemoSize::Small)]
    pub size: DemoSize,
    /// Seed of the generator and of the analysis.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
}

fn time(s: &Option<String>, what: &str) -> Result<Option<i64>> {
    s.as_deref()
        .map(|t| {
            parse_rfc3339(t).with_context(|| {
                format!("{what} {t:?}: give a time as RFC 3339 (2024-03-04T12:00:00Z) or a date")
            })
        })
        .transpose()
}

/// What a run wrote, for the summary and for `demo`.
pub struct Written {
    pub analysis: Analysis,
    pub report: PathBuf,
    pub db: PathBuf,
    /// Input files that could not be read at all (the report covers the others).
    pub failed_files: usize,
}

pub fn run(a: &AnalyzeArgs, db: Option<&Path>) -> Result<Written> {
    let utc_offset = crate::synth_cmd::parse_offset(&a.tz).with_context(|| {
        format!(
            "--tz {:?}: give a UTC offset such as +02:00, -05:00 or UTC",
            a.tz
        )
    })?;
    let targets = a
        .targets
        .as_deref()
        .map(crate::opinion_cmd::read_targets)
        .transpose()?;
    let opts = Options {
        since: time(&a.since, "--since")?,
        until: time(&a.until, "--until")?,
        utc_offset,
        zone: if utc_offset == 0 {
            "UTC".into()
        } else {
            format!("UTC{}", a.tz)
        },
        seed: a.seed,
        targets,
    };
    for f in &a.files {
        if !f.is_file() {
            bail!(
                "{}: no such file (give the export files to analyse)",
                f.display()
            );
        }
    }
    std::fs::create_dir_all(&a.out)
        .with_context(|| format!("cannot create the output directory {}", a.out.display()))?;
    let db = db.map_or_else(|| a.out.join("corpus.db"), Path::to_path_buf);
    let started = Instant::now();
    let mut corpus = Corpus::open_writer(&db)?;
    let bar = progress::Bar::new(&a.files, a.quiet);
    let report = ingest(&mut corpus, &a.files, &IngestOptions::default(), &bar)?;
    bar.finish();
    let ingest_seconds = started.elapsed().as_secs_f64();
    if !a.quiet {
        crate::render::ingest_summary(&report, &db)?;
    }
    write_analysis(&corpus, &report, &opts, a, &db, ingest_seconds)
}

fn write_analysis(
    corpus: &Corpus,
    report: &IngestReport,
    opts: &Options,
    a: &AnalyzeArgs,
    db: &Path,
    ingest_seconds: f64,
) -> Result<Written> {
    let quiet = a.quiet;
    let mut analysis = analyze(corpus, report, opts, &mut |stage| {
        if !quiet {
            eprintln!("· {stage}");
        }
    })?;
    analysis.stages.insert(
        0,
        crowdmine::analyze::StageTime {
            stage: "ingest".into(),
            seconds: ingest_seconds,
            peak_rss_mb: crowdmine::analyze::peak_rss_mb(),
        },
    );
    let out = &a.out;
    let html = out.join("report.html");
    std::fs::write(&html, analysis.report.to_html())
        .with_context(|| format!("cannot write {}", html.display()))?;
    let tables = out.join("tables");
    std::fs::create_dir_all(&tables)?;
    for t in analysis.report.tables() {
        std::fs::write(tables.join(format!("{}.csv", t.name)), t.to_csv())?;
    }
    formats::write(
        &analysis.gexf,
        &out.join("graph.gexf"),
        Some(GraphFormat::Gexf),
    )?;
    write_parquet(&analysis, out)?;
    write_manifest(&analysis, report, opts, a, db)?;
    if !quiet {
        let mut o = std::io::stdout().lock();
        writeln!(
            o,
            "report: {}\nalso: graph.gexf ({}), tables/*.csv ({} tables), manifest.json, corpus {}",
            html.display(),
            analysis.gexf_note,
            analysis.report.tables().count(),
            db.display()
        )?;
    }
    Ok(Written {
        analysis,
        report: html,
        db: db.to_path_buf(),
        failed_files: report.files.iter().filter(|f| f.failed).count(),
    })
}

#[cfg(feature = "parquet")]
fn write_parquet(analysis: &Analysis, out: &Path) -> Result<()> {
    crowdmine::graph_parquet::write_tables(&analysis.gexf, &out.join("graph"))?;
    for (from, to) in [
        ("graph.nodes.parquet", "nodes.parquet"),
        ("graph.edges.parquet", "edges.parquet"),
    ] {
        std::fs::rename(out.join(from), out.join(to))?;
    }
    Ok(())
}

/// Without the `parquet` feature the Parquet copies of the network are left out.
#[cfg(not(feature = "parquet"))]
fn write_parquet(_: &Analysis, _: &Path) -> Result<()> {
    Ok(())
}

/// xxh3-64 of a file's bytes, streamed.
fn checksum(path: &Path) -> Result<(u64, String)> {
    let mut f = std::fs::File::open(path)?;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut bytes = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        h.update(&buf[..n]);
    }
    Ok((bytes, format!("{:016x}", h.digest())))
}

fn write_manifest(
    analysis: &Analysis,
    report: &IngestReport,
    opts: &Options,
    a: &AnalyzeArgs,
    db: &Path,
) -> Result<()> {
    let mut inputs = Vec::new();
    for (path, f) in a.files.iter().zip(&report.files) {
        let (bytes, xxh3) = checksum(path)?;
        inputs.push(serde_json::json!({
            "path": path.display().to_string(),
            "bytes": bytes,
            "xxh3_64": xxh3,
            "format": f.format,
            "status": f.status,
            "ledger": f.ledger,
        }));
    }
    let manifest = serde_json::json!({
        "crowdmine": env!("CARGO_PKG_VERSION"),
        "commit": option_env!("CROWDMINE_COMMIT").unwrap_or("unknown"),
        "command": std::env::args().collect::<Vec<_>>(),
        "inputs": inputs,
        "corpus": db.display().to_string(),
        "parameters": {
            "since": opts.since, "until": opts.until, "tz": opts.zone,
            "utc_offset_seconds": opts.utc_offset, "seed": opts.seed,
            "targets": a.targets.as_ref().map(|p| p.display().to_string()),
            "exact_betweenness_up_to_nodes": crowdmine::analyze::EXACT_BETWEENNESS_NODES,
            "model_comparison_up_to_nodes": crowdmine::analyze::MODEL_COMPARISON_NODES,
            "gexf_up_to_nodes": crowdmine::analyze::GEXF_NODES,
        },
        "sections": analysis.report.sections.iter().map(|s| serde_json::json!({
            "id": s.id, "title": s.title, "method": s.method,
        })).collect::<Vec<_>>(),
        "stages": analysis.stages,
        "graph_gexf": analysis.gexf_note,
        "tables": analysis.report.tables().map(|t| format!("tables/{}.csv", t.name)).collect::<Vec<_>>(),
    });
    let path = a.out.join("manifest.json");
    std::fs::write(&path, serde_json::to_string_pretty(&manifest)? + "\n")
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// `crowdmine demo`: synth → analyze → planted vs recovered.
pub fn demo(d: &DemoArgs) -> Result<()> {
    let (accounts, days) = match d.size {
        DemoSize::Small => (400, 7),
        DemoSize::Medium => (5_000, 14),
    };
    let data = d.out.join("data");
    let mut p = Params::new(accounts, days);
    p.seed = d.seed;
    if !d.quiet {
        eprintln!(
            "· synth: {accounts} accounts over {days} days → {}",
            data.display()
        );
    }
    let summary = synth::generate(&p, &data, &mut |_| {})?;
    let files: Vec<PathBuf> = summary.files.iter().map(|f| data.join(f)).collect();
    let db = d.out.join("corpus.db");
    // A fresh corpus each time: the demo's figures are those of this run alone.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let args = AnalyzeArgs {
        files,
        out: d.out.clone(),
        since: None,
        until: None,
        targets: Some(data.join("targets.toml")),
        tz: "UTC".into(),
        seed: d.seed,
        quiet: d.quiet,
    };
    // The follow ties go in first, as a second ingest of their own format.
    {
        let mut corpus = Corpus::open_writer(&db)?;
        let opts = IngestOptions {
            format: Some(Format::Follows),
            platform: crowdmine::model::Platform::parse(p.platform.corpus_platform()),
            ..IngestOptions::default()
        };
        ingest(&mut corpus, &[data.join("follows.csv")], &opts, &())?;
    }
    let written = run(&args, Some(&db))?;
    let truth: serde_json::Value = serde_json::from_slice(
        &std::fs::read(data.join("truth.json")).context("reading the planted truth")?,
    )?;
    let recovered = planted_vs_recovered(&truth, &written, d.seed)?;
    let mut o = std::io::stdout().lock();
    writeln!(o, "\nplanted vs recovered")?;
    for (what, planted, found) in recovered {
        writeln!(o, "  {what:<34} {planted:<28} {found}")?;
    }
    writeln!(o, "\nopen {}", written.report.display())?;
    Ok(())
}

/// (what, planted, recovered) rows: communities, sentiment ordering, influencers.
fn planted_vs_recovered(
    truth: &serde_json::Value,
    w: &Written,
    seed: u64,
) -> Result<Vec<(String, String, String)>> {
    let platform = truth["corpus_platform"].as_str().unwrap_or("x");
    let accounts = truth["accounts"]
        .as_array()
        .context("truth.json: accounts")?;
    let planted: std::collections::HashMap<String, u64> = accounts
        .iter()
        .filter_map(|a| {
            Some((
                format!("{platform}:{}", a["id"].as_str()?),
                a["community"].as_u64()?,
            ))
        })
        .collect();
    // Detected communities of the exported nodes (the largest component).
    let nodes = &w.analysis.gexf.nodes;
    let (mut a, mut b, mut pr) = (Vec::new(), Vec::new(), Vec::new());
    for n in nodes {
        if let (Some(&c), Some(AttrValue::Int(d))) = (planted.get(&n.id), n.attrs.get("community"))
        {
            a.push(c);
            b.push(*d);
        }
        if let Some(AttrValue::Float(x)) = n.attrs.get("pagerank") {
            pr.push((*x, n.id.clone()));
        }
    }
    let nmi = evaluate::nmi(
        &Partition::from_labels(a.iter().copied()),
        &Partition::from_labels(b.iter().copied()),
        Default::default(),
    );
    let mut rows = vec![(
        "communities, interactions (NMI)".to_string(),
        format!("{} planted", truth["communities"]["count"]),
        format!(
            "NMI {nmi:.3}: the report's communities, {} accounts of the largest component",
            a.len()
        ),
    )];
    // The planted communities live in the follow graph; interactions add hubs that cut across.
    let corpus = Corpus::open_reader(&w.db)?;
    let follows = build_network(&corpus, NetworkKind::Follow, &Selection::default())?;
    let g = Graph::from_data(&follows, BuildOptions::default())?;
    let found = leiden(
        &g,
        &LeidenParams {
            seed,
            ..LeidenParams::default()
        },
    );
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (u, node) in follows.nodes.iter().enumerate() {
        if let Some(&c) = planted.get(&node.id) {
            a.push(c);
            b.push(found.partition.labels[u]);
        }
    }
    let nmi = evaluate::nmi(
        &Partition::from_labels(a.iter().copied()),
        &Partition::from_labels(b.iter().copied()),
        Default::default(),
    );
    rows.push((
        "communities, follows (NMI)".to_string(),
        format!(
            "mixing {:.2}",
            truth["communities"]["mixing_realised"]
                .as_f64()
                .unwrap_or(f64::NAN)
        ),
        format!(
            "NMI {nmi:.3}: Leiden on the follow network, {} accounts ({} communities)",
            a.len(),
            found.partition.count
        ),
    ));
    // Sentiment: mean compound of each planted community's members against the planted bias.
    let by_author: std::collections::HashMap<String, f64> = corpus
        .sentiment_by_author(crowdmine::text::vader::SCORER, false)?
        .into_iter()
        .collect();
    let bias: Vec<f64> = truth["communities"]["sentiment_bias"]
        .as_array()
        .map(|v| v.iter().filter_map(|x| x.as_f64()).collect())
        .unwrap_or_default();
    let mut sums = vec![(0.0, 0u64); bias.len()];
    for (id, &c) in &planted {
        if let (Some(s), Some(slot)) = (by_author.get(id), sums.get_mut(c as usize)) {
            slot.0 += s;
            slot.1 += 1;
        }
    }
    let means: Vec<f64> = sums
        .iter()
        .map(|&(s, n)| if n > 0 { s / n as f64 } else { 0.0 })
        .collect();
    rows.push((
        "sentiment ordering (Spearman ρ)".into(),
        format!("bias of {} communities", bias.len()),
        format!(
            "ρ {:.3} between planted bias and members' mean compound",
            spearman(&bias, &means)
        ),
    ));
    // Influencers: the planted ones among the top accounts by PageRank.
    let influencers: std::collections::HashSet<String> = truth["influencers"]
        .as_array()
        .map(|v| {
            v.iter()
                .filter_map(|x| x.as_str().map(|s| format!("{platform}:{s}")))
                .collect()
        })
        .unwrap_or_default();
    pr.sort_by(|x, y| y.0.total_cmp(&x.0));
    let k = influencers.len().max(1);
    let hits = pr
        .iter()
        .take(k)
        .filter(|(_, id)| influencers.contains(id))
        .count();
    rows.push((
        "top influencers (overlap)".into(),
        format!("{} influencers", influencers.len()),
        format!("{hits} of them among the top {k} by PageRank"),
    ));
    Ok(rows)
}

/// Spearman's rank correlation (average ranks for ties).
fn spearman(x: &[f64], y: &[f64]) -> f64 {
    fn ranks(v: &[f64]) -> Vec<f64> {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
        let mut r = vec![0.0; v.len()];
        let mut i = 0;
        while i < idx.len() {
            let mut j = i;
            while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
                j += 1;
            }
            for &k in &idx[i..=j] {
                r[k] = (i + j) as f64 / 2.0;
            }
            i = j + 1;
        }
        r
    }
    let (rx, ry) = (ranks(x), ranks(y));
    let n = x.len() as f64;
    if n < 2.0 {
        return f64::NAN;
    }
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = rx.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = ry.iter().map(|b| (b - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}
