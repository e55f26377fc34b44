//! Terminal tables, CSV and JSON for command results.

use crate::OutFormat;
use anyhow::Result;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell as TCell, CellAlignment, Table as TTable};
use crowdmine::ingest::IngestReport;
use crowdmine::{Cell, Corpus, Stats, Table, TopItem};
use std::io::Write;
use std::path::Path;

fn new_table(header: &[&str]) -> TTable {
    let mut t = TTable::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(header.to_vec());
    t
}

fn num(n: u64) -> TCell {
    TCell::new(n).set_alignment(CellAlignment::Right)
}

pub fn ingest_summary(report: &IngestReport, db: &Path) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let mut t = new_table(&[
        "file",
        "format",
        "status",
        "accepted",
        "duplicate",
        "skipped",
        "rejected",
        "posts new",
        "accounts new",
        "ties",
        "removed",
    ]);
    for f in &report.files {
        let name = f.path.display().to_string();
        t.add_row(vec![
            TCell::new(name),
            TCell::new(f.format.clone().unwrap_or_default()),
            TCell::new(if f.unchanged {
                "unchanged".to_string()
            } else {
                f.status.clone()
            }),
            num(f.ledger.accepted),
            num(f.ledger.duplicate),
            num(f.ledger.skipped),
            num(f.ledger.rejected),
            num(f.ledger.posts_new),
            num(f.ledger.accounts_new),
            num(f.ledger.ties),
            num(f.ledger.removed_posts + f.ledger.removed_accounts + f.ledger.removed_ties),
        ]);
    }
    writeln!(out, "{t}")?;
    for f in &report.files {
        if let Some(m) = &f.message {
            let shown = f.path.display().to_string();
            if !f.unchanged {
                // Open errors already name the file.
                if m.starts_with(&shown) {
                    eprintln!("{m}");
                } else {
                    eprintln!("{shown}: {m}");
                }
            }
        }
        for (line, reason) in f.rejects.iter().take(5) {
            eprintln!("{}:{line}: rejected: {reason}", f.path.display());
        }
        if f.ledger.rejected > 5 {
            eprintln!(
                "{}: … {} rejected in all",
                f.path.display(),
                f.ledger.rejected
            );
        }
    }
    if report.rejected() > 0 {
        eprintln!(
            "all rejects: crowdmine --db {} sql \"SELECT f.path, r.line, r.reason FROM rejects r JOIN files f ON f.id = r.file\"",
            db.display()
        );
    }
    Ok(())
}

fn top_table(out: &mut dyn Write, title: &str, items: &[TopItem]) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let mut t = new_table(&[title, "count"]);
    for i in items {
        t.add_row(vec![TCell::new(&i.name), num(i.count)]);
    }
    writeln!(out, "{t}")?;
    Ok(())
}

pub fn stats(s: &Stats) -> Result<()> {
    let stdout = std::io::stdout();
    let out = &mut stdout.lock();
    let mut t = new_table(&["corpus", "count"]);
    for (k, v) in [
        ("posts", s.posts),
        ("  collected", s.collected),
        ("  referenced only", s.referenced),
        ("accounts", s.accounts),
        ("  with their own object", s.accounts_with_object),
        ("interactions", s.interactions),
        ("ties (follows, likes)", s.ties),
        ("entities", s.entities),
        ("files ingested", s.files),
        ("records rejected", s.records_rejected),
        ("records skipped (not posts)", s.records_skipped),
        ("removed by deletions", s.removed),
    ] {
        t.add_row(vec![TCell::new(k), num(v)]);
    }
    writeln!(out, "{t}")?;
    if let (Some(a), Some(b)) = (&s.first_post, &s.last_post) {
        writeln!(out, "collected posts from {a} to {b}")?;
    }
    if s.by_platform.len() > 1 {
        let mut t = new_table(&[
            "platform",
            "posts",
            "collected",
            "referenced",
            "accounts",
            "interactions",
            "ties",
            "first post",
            "last post",
        ]);
        for p in &s.by_platform {
            t.add_row(vec![
                TCell::new(&p.platform),
                num(p.posts),
                num(p.collected),
                num(p.referenced),
                num(p.accounts),
                num(p.interactions),
                num(p.ties),
                TCell::new(p.first_post.clone().unwrap_or_default()),
                TCell::new(p.last_post.clone().unwrap_or_default()),
            ]);
        }
        writeln!(out, "{t}")?;
    }
    let mut t = new_table(&["platform", "kind", "collected", "referenced"]);
    for k in &s.by_kind {
        t.add_row(vec![
            TCell::new(&k.platform),
            TCell::new(&k.kind),
            num(k.collected),
            num(k.referenced),
        ]);
    }
    writeln!(out, "{t}")?;
    top_table(out, "top hashtags", &s.top_hashtags)?;
    top_table(out, "top accounts by posts", &s.top_accounts_by_posts)?;
    top_table(
        out,
        "top accounts by reposts received",
        &s.top_accounts_by_reposts_received,
    )?;
    top_table(out, "top domains", &s.top_domains)?;
    top_table(out, "languages", &s.languages)?;
    Ok(())
}

/// A query result as a terminal table.
pub fn table(t: &Table) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut tt = new_table(&t.columns.iter().map(String::as_str).collect::<Vec<_>>());
    for r in &t.rows {
        tt.add_row(r.iter().map(|c| match c {
            Cell::Int(_) | Cell::Real(_) => {
                TCell::new(c.display()).set_alignment(CellAlignment::Right)
            }
            _ => TCell::new(c.display()),
        }));
    }
    writeln!(out, "{tt}")?;
    writeln!(out, "{} row(s)", t.rows.len())?;
    out.flush()?;
    Ok(())
}

/// A query result streamed as CSV (with a header) or as a JSON array of objects.
pub fn stream(corpus: &Corpus, query: &str, format: OutFormat) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut first = true;
    let json = format == OutFormat::Json;
    if json {
        write!(out, "[")?;
    }
    let columns = corpus.sql_each(query, &mut |columns, row| {
        if json {
            let object: serde_json::Map<String, serde_json::Value> = columns
                .iter()
                .cloned()
                .zip(row.iter().map(Cell::to_json))
                .collect();
            write!(out, "{}\n  ", if first { "" } else { "," })?;
            serde_json::to_writer(&mut out, &object)?;
        } else {
            if first {
                let header: Vec<String> = columns.iter().map(|c| csv(c)).collect();
                writeln!(out, "{}", header.join(","))?;
            }
            let line: Vec<String> = row.iter().map(|c| csv(&c.display())).collect();
            writeln!(out, "{}", line.join(","))?;
        }
        first = false;
        Ok(())
    })?;
    if json {
        writeln!(out, "]")?;
    } else if first {
        // No rows: the header alone.
        let header: Vec<String> = columns.iter().map(|c| csv(c)).collect();
        writeln!(out, "{}", header.join(","))?;
    }
    out.flush()?;
    Ok(())
}

fn csv(s: &str) -> String {
    crowdmine::csv_field(s)
}

pub fn attributes_summary(r: &crowdmine::attributes::AttributeReport, path: &Path) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let mut t = new_table(&["attribute", "kind"]);
    for (name, kind) in &r.columns {
        t.add_row(vec![TCell::new(name), TCell::new(kind.as_str())]);
    }
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "{}: {} row(s) keyed by column {}, {} account(s) set, {} rejected",
        path.display(),
        r.rows,
        r.id_column,
        r.accounts,
        r.rejected.len()
    )?;
    for (line, reason) in r.rejected.iter().take(5) {
        eprintln!("{}:{line}: rejected: {reason}", path.display());
    }
    Ok(())
}
