//! `crowdmine demo` and `crowdmine analyze`: the report, tables, network export and manifest,
//! checked against the generator's truth and against counts of a real file made outside crowdmine.

mod common;

use common::run;
use std::collections::HashMap;
use std::path::Path;

/// A two-column table written by the report (`measure,value`) as a map.
fn pairs(path: &Path) -> HashMap<String, String> {
    let mut r = csv::Reader::from_path(path).expect("table");
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            (rec[0].to_string(), rec[1].to_string())
        })
        .collect()
}

fn kind_sums(path: &Path) -> (u64, u64) {
    let mut r = csv::Reader::from_path(path).expect("table");
    r.records().fold((0, 0), |(c, f), rec| {
        let rec = rec.expect("row");
        let n = |i: usize| rec[i].parse::<u64>().expect("count");
        (c + n(2), f + n(3))
    })
}

#[test]
fn demo_reports_what_the_generator_planted() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("demo");
    let (ok, stdout, err) = run(&[
        "demo",
        "--size",
        "small",
        "-q",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(ok, "{err}");
    assert!(stdout.contains("planted vs recovered"), "{stdout}");

    let html = std::fs::read_to_string(out.join("report.html")).expect("report");
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert_eq!(
        html.matches("<section ").count(),
        html.matches("</section>").count()
    );
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
    for id in [
        "overview",
        "volume",
        "top",
        "network",
        "centrality",
        "communities",
        "sentiment",
        "opinion",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{id}\">")),
            "section {id}"
        );
    }
    assert!(
        !html.contains("http://")
            || html.matches("http://").count()
                == html.matches("xmlns=\"http://").count()
                    + html.matches("xmlns:xlink=\"http://").count(),
        "the report fetches nothing"
    );

    // The overview against the generator's truth.
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/truth.json")).expect("truth"))
            .expect("json");
    let counts = &truth["counts"];
    let n = |k: &str| counts[k].as_u64().expect(k);
    let overview = pairs(&out.join("tables/overview.csv"));
    assert_eq!(
        overview["collected posts"],
        n("collected_posts").to_string()
    );
    assert_eq!(
        overview["referenced only"],
        n("referenced_only_posts").to_string()
    );
    assert_eq!(
        overview["posts in all"],
        (n("collected_posts") + n("referenced_only_posts")).to_string()
    );
    assert_eq!(overview["follow ties"], n("follows").to_string());
    assert_eq!(overview["records rejected"], n("malformed").to_string());
    let (collected, referenced) = kind_sums(&out.join("tables/posts_by_kind.csv"));
    assert_eq!(
        (collected, referenced),
        (n("collected_posts"), n("referenced_only_posts"))
    );

    // The network export reads back, with the measures on every node.
    let gexf = crowdmine::graph::formats::read(&out.join("graph.gexf"), None, &Default::default())
        .expect("gexf");
    assert!(gexf.nodes.len() > 10);
    for node in &gexf.nodes {
        for attr in ["community", "pagerank", "kcore"] {
            assert!(node.attrs.contains_key(attr), "{} lacks {attr}", node.id);
        }
    }
    assert!(gexf
        .edges
        .iter()
        .all(|e| e.weight.is_some_and(|w| w >= 1.0)));

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    let stages: Vec<&str> = manifest["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .filter_map(|s| s["stage"].as_str())
        .collect();
    for stage in [
        "ingest",
        "overview",
        "volume",
        "top",
        "sentiment scoring",
        "network",
        "centrality",
        "communities",
        "sentiment",
        "opinion",
        "export",
    ] {
        assert!(
            stages.contains(&stage),
            "manifest lacks stage {stage}: {stages:?}"
        );
    }
    for t in manifest["tables"].as_array().expect("tables") {
        assert!(out.join(t.as_str().expect("path")).is_file(), "{t}");
    }
}

#[test]
fn analyze_counts_a_real_search_like_an_independent_reader() {
    let Some(data) = crowdmine::testing::data_dir("analyze_counts_a_real_search") else {
        return;
    };
    let file = data.join("cascades-temporal/twarc-network_blacklivesmatter_search.jsonl");
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("r");
    let (ok, _, err) = run(&[
        "analyze",
        "-q",
        file.to_str().expect("path"),
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(ok, "{err}");
    // Expected from the issue's independent count of the file.
    let overview = pairs(&out.join("tables/overview.csv"));
    assert_eq!(overview["collected posts"], "500");
    assert_eq!(overview["posts in all"], "676");
    assert_eq!(overview["accounts"], "751");
    assert_eq!(
        overview["first collected post (UTC)"],
        "2021-06-26T19:22:22Z"
    );
    assert_eq!(
        overview["last collected post (UTC)"],
        "2021-06-26T19:56:26Z"
    );
    assert!(out.join("report.html").is_file() && out.join("graph.gexf").is_file());
}

#[test]
fn analyze_reads_every_export_of_the_mixed_platform_samples() {
    let Some(data) = crowdmine::testing::data_dir("analyze_reads_every_mixed_export") else {
        return;
    };
    let mut files = Vec::new();
    let mut dirs = vec![data.join("social-posts")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path.to_str().expect("path").to_string());
            }
        }
    }
    files.sort();
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("r");
    let mut args = vec!["analyze", "-q", "--out", out.to_str().expect("path")];
    args.extend(files.iter().map(String::as_str));
    let (ok, _, err) = run(&args);
    assert!(ok, "{err}");
    // Every file is in the ledger and was read (pages that are not posts count as skipped).
    let mut ledger = csv::Reader::from_path(out.join("tables/ingest_ledger.csv")).expect("ledger");
    let statuses: Vec<String> = ledger
        .records()
        .map(|r| r.expect("row")[2].to_string())
        .collect();
    assert_eq!(statuses.len(), files.len());
    assert!(statuses.iter().all(|s| s == "done"), "{statuses:?}");
    let mut kinds = csv::Reader::from_path(out.join("tables/posts_by_kind.csv")).expect("kinds");
    let mut platforms: Vec<String> = kinds
        .records()
        .map(|r| r.expect("row")[0].to_string())
        .collect();
    platforms.dedup();
    assert_eq!(platforms, ["mastodon", "reddit", "x"]);
    let html = std::fs::read_to_string(out.join("report.html")).expect("report");
    for h in [
        "Overview",
        "Volume over time",
        "Interaction network",
        "Centrality leaders",
        "Communities",
        "Sentiment",
    ] {
        assert!(html.contains(&format!(">{h}<")), "section {h}");
    }
}

#[test]
fn analyze_exits_with_an_error_when_an_input_cannot_be_read() {
    let tmp = tempfile::tempdir().expect("tmp");
    let bad = tmp.path().join("notes.txt");
    std::fs::write(&bad, "not an export\n").expect("write");
    let out = tmp.path().join("r");
    let (ok, _, err) = run(&[
        "analyze",
        "-q",
        bad.to_str().expect("path"),
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(!ok);
    assert!(err.contains("could not be read"), "{err}");
    // The report is still written, with the file in its ledger.
    let ledger = std::fs::read_to_string(out.join("tables/ingest_ledger.csv")).expect("ledger");
    assert!(ledger.contains("notes.txt"), "{ledger}");
}
