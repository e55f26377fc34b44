//! The graph commands end to end: measure, summary, build, convert.

mod common;

use common::{crowdmine, ingested};

#[test]
fn networks_from_the_corpus_and_files() {
    let (tmp, db) = ingested();
    // The most reposted account leads PageRank on the repost network, shown by handle.
    let (ok, out, err) = crowdmine(
        &db,
        &["measure", "pagerank", "--kind", "repost", "--top", "3"],
    );
    assert!(ok, "{err}");
    assert!(out.contains("@pe_marathon"), "{out}");
    // A GEXF for Gephi, read back with the same size.
    let gexf = tmp.path().join("reposts.gexf");
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "graph",
            "build",
            "--kind",
            "repost",
            "--out",
            gexf.to_str().expect("path"),
        ],
    );
    assert!(ok, "{err}");
    let (ok, json, err) = crowdmine(
        &db,
        &[
            "graph",
            "summary",
            "--graph",
            gexf.to_str().expect("path"),
            "--output",
            "json",
        ],
    );
    assert!(ok, "{err}");
    let from_file: serde_json::Value = serde_json::from_str(&json).expect("json");
    let (_, json, _) = crowdmine(
        &db,
        &["graph", "summary", "--kind", "repost", "--output", "json"],
    );
    let from_corpus: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(from_file["nodes"], from_corpus["nodes"]);
    assert_eq!(from_file["edges"], from_corpus["edges"]);
    assert_eq!(from_file["directed"], true);
    // Convert to Pajek and an edge list; every value per node to CSV.
    let net = tmp.path().join("reposts.net");
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "graph",
            "convert",
            gexf.to_str().expect("path"),
            net.to_str().expect("path"),
        ],
    );
    assert!(ok, "{err}");
    let csv = tmp.path().join("core.csv");
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "measure",
            "core",
            "--graph",
            net.to_str().expect("path"),
            "--out",
            csv.to_str().expect("path"),
        ],
    );
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert_eq!(text.lines().next(), Some("node,value"));
    assert_eq!(
        text.lines().count() as u64,
        from_file["nodes"].as_u64().expect("n") + 1
    );
    // Imported account attributes reach the network's nodes: assortativity of a leaning.
    let attrs = tmp.path().join("leaning.csv");
    std::fs::write(
        &attrs,
        "id,leaning\n173726915,a\n165543145,b\n2612217688,a\n",
    )
    .expect("write");
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "attributes",
            "--platform",
            "x",
            attrs.to_str().expect("path"),
        ],
    );
    assert!(ok, "{err}");
    let (ok, json, err) = crowdmine(
        &db,
        &[
            "graph",
            "summary",
            "--kind",
            "repost",
            "--attribute",
            "leaning",
            "--output",
            "json",
        ],
    );
    assert!(ok, "{err}");
    let s: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(s["attribute_assortativity"].is_number(), "{s}");
    // A clear error for an unknown kind.
    let (ok, _, err) = crowdmine(&db, &["measure", "degree", "--kind", "retweets"]);
    assert!(!ok);
    assert!(err.contains("--kind retweets: expected one of"), "{err}");
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_node_and_edge_tables() {
    let (tmp, db) = ingested();
    let out = tmp.path().join("reposts.parquet");
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "graph",
            "build",
            "--kind",
            "repost",
            "--out",
            out.to_str().expect("path"),
        ],
    );
    assert!(ok, "{err}");
    let edges = tmp.path().join("reposts.edges.parquet");
    assert!(edges.is_file() && tmp.path().join("reposts.nodes.parquet").is_file());
    let (ok, json, err) = crowdmine(
        &db,
        &[
            "graph",
            "summary",
            "--graph",
            edges.to_str().expect("path"),
            "--directed",
            "--output",
            "json",
        ],
    );
    assert!(ok, "{err}");
    let from_file: serde_json::Value = serde_json::from_str(&json).expect("json");
    let (_, json, _) = crowdmine(
        &db,
        &["graph", "summary", "--kind", "repost", "--output", "json"],
    );
    let from_corpus: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(from_file["nodes"], from_corpus["nodes"]);
    assert_eq!(from_file["edges"], from_corpus["edges"]);
}

/// `generate` writes the graph and its planted communities; the same seed writes the same file;
/// `models compare` reads it back and reports every model.
#[test]
fn generate_and_compare_models() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("unused.db");
    let path = |name: &str| tmp.path().join(name).to_str().expect("path").to_string();
    let lfr = |out: &str| {
        crowdmine(
            &db,
            &[
                "generate",
                "lfr",
                "--n",
                "600",
                "--avg-degree",
                "10",
                "--max-degree",
                "30",
                "--min-community",
                "30",
                "--max-community",
                "80",
                "--mu",
                "0.2",
                "--seed",
                "9",
                "--out",
                out,
            ],
        )
    };
    let (ok, _, err) = lfr(&path("a.gml"));
    assert!(ok, "{err}");
    assert!(err.contains("realised mixing"), "{err}");
    let (ok, _, err) = lfr(&path("b.gml"));
    assert!(ok, "{err}");
    let read = |name: &str| std::fs::read_to_string(tmp.path().join(name)).expect("written");
    assert_eq!(read("a.gml"), read("b.gml"), "same seed, same graph");
    assert!(read("a.gml").contains("community"));
    assert_eq!(read("a.communities.csv").lines().count(), 601);
    let (ok, json, err) = crowdmine(
        &db,
        &[
            "models",
            "compare",
            "--graph",
            &path("a.gml"),
            "--seeds",
            "3",
            "--output",
            "json",
        ],
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["observed"][0], 600.0);
    assert_eq!(v["models"].as_array().expect("models").len(), 5);
    // Parameters are checked with a message, not a panic.
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "generate",
            "ws",
            "--n",
            "10",
            "--k",
            "12",
            "--p",
            "0.1",
            "--out",
            &path("w.edges"),
        ],
    );
    assert!(!ok && err.contains("smaller than n"), "{err}");
}

/// Path measures from the command line: betweenness ranks the karate club's two leaders first,
/// `distance` finds a path by node id and reports the exact diameter.
#[test]
fn path_measures_and_distances() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("unused.db");
    let file = tmp.path().join("path.edges");
    // A path 1–2–3–4 with a triangle 4–5–6.
    std::fs::write(&file, "1 2\n2 3\n3 4\n4 5\n5 6\n6 4\n").expect("write");
    let f = file.to_str().expect("path");
    let (ok, out, err) = crowdmine(&db, &["measure", "betweenness", "--graph", f, "--top", "2"]);
    assert!(ok, "{err}");
    // Nodes 3 and 4 each lie on 6 of the 10 paths between other pairs: {1, 2} × {4, 5, 6} and
    // {1, 2, 3} × {5, 6}.
    assert_eq!(out.matches("0.600000").count(), 2, "{out}");
    assert!(out.contains("┆ 3 ") && out.contains("┆ 4 "), "{out}");
    let (ok, out, err) = crowdmine(&db, &["distance", "--graph", f, "--from", "1", "--to", "6"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("1 → 2 → 3 → 4 → 6") && out.contains("length 4"),
        "{out}"
    );
    let (ok, out, err) = crowdmine(&db, &["distance", "--graph", f]);
    assert!(ok, "{err}");
    assert!(
        out.lines()
            .any(|l| l.contains("diameter") && l.contains(" 4 ")),
        "{out}"
    );
    let (ok, _, err) = crowdmine(&db, &["distance", "--graph", f, "--from", "1", "--to", "9"]);
    assert!(!ok && err.contains("no node is named"), "{err}");
}

/// Signed balance and status, and similarity, from the command line.
#[test]
fn signed_and_similar_commands() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("unused.db");
    let file = tmp.path().join("trust.csv");
    // Two camps {a, b} and {c, d}, hostile across; e trusts a and distrusts c.
    std::fs::write(
        &file,
        "source,target,sign\na,b,1\nc,d,1\na,c,-1\nb,d,-1\na,d,-1\nb,c,-1\ne,a,1\ne,c,-1\n",
    )
    .expect("write");
    let f = file.to_str().expect("path");
    let (ok, json, err) = crowdmine(
        &db,
        &[
            "signed", "balance", "--graph", f, "--null", "20", "--output", "json",
        ],
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["triads"]["balanced_share"], 1.0);
    assert_eq!(v["frustration"]["frustrated"], 0);
    // The null model is in the JSON (a `null` there once hid it).
    assert!(v["null"]["z"].is_number(), "{json}");
    let (ok, out, err) = crowdmine(&db, &["signed", "status", "--graph", f, "--directed"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("status consistent") && out.contains("generative surprise"),
        "{out}"
    );
    let (ok, out, err) = crowdmine(&db, &["signed", "degrees", "--graph", f, "--directed"]);
    assert!(ok, "{err}");
    // b: received + from a, gave − to c and d: σ = 1 − 0 + 2 − 0 = 3, the highest.
    let first = out.lines().nth(3).unwrap_or("");
    assert!(
        first.starts_with("│ b ") && first.trim_end().ends_with("┆ 3        │"),
        "{out}"
    );

    // One graph per period: balanced in 1990, one unbalanced triangle in 2000.
    let periods = tmp.path().join("periods.csv");
    std::fs::write(
        &periods,
        "period,source,target,sign\n1990,a,b,1\n1990,b,c,-1\n1990,a,c,-1\n\
         2000,a,b,1\n2000,b,c,1\n2000,a,c,-1\n",
    )
    .expect("write");
    let p = periods.to_str().expect("path");
    let (ok, json, err) = crowdmine(
        &db,
        &[
            "signed", "balance", "--graph", p, "--by", "period", "--output", "json",
        ],
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v[0]["period"], "1990");
    assert_eq!(v[0]["triads"]["balanced_share"], 1.0);
    assert_eq!(v[1]["triads"]["balanced_share"], 0.0);
    assert_eq!(v[1]["frustration"]["frustrated"], 1);
    let (ok, _, err) = crowdmine(&db, &["signed", "balance", "--graph", p, "--by", "year"]);
    assert!(!ok && err.contains("\"year\""), "{err}");
    let (ok, _, err) = crowdmine(&db, &["signed", "status", "--graph", f]);
    assert!(!ok && err.contains("--directed"), "{err}");
    let (ok, out, err) = crowdmine(&db, &["similar", "a", "--graph", f, "--method", "jaccard"]);
    assert!(ok, "{err}");
    // N(a) = {b, c, d, e}, N(c) = {a, b, d, e}: 3 shared of 5, the most; b shares 2 of 5.
    assert!(
        out.contains("c    ┆ 0.600000") && out.contains("b    ┆ 0.400000"),
        "{out}"
    );
}

/// `crowdmine powerlaw` on a column of counts: the fit, and errors that name the line.
#[test]
fn powerlaw_command() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("unused.db");
    // Zachary's karate club degrees (34 nodes): powerlaw 2.0 chooses x_min 2, α 2.1615.
    let degrees = [
        16, 9, 10, 6, 3, 4, 4, 4, 5, 2, 3, 1, 2, 5, 2, 2, 2, 2, 2, 3, 2, 2, 2, 5, 3, 3, 2, 4, 3, 4,
        4, 6, 12, 17,
    ];
    let file = tmp.path().join("degrees.csv");
    let text: String = degrees.iter().map(|d| format!("x,{d}\n")).collect();
    std::fs::write(&file, format!("name,degree\n{text}")).expect("write");
    let f = file.to_str().expect("path");
    let args = [
        "powerlaw",
        "--values",
        f,
        "--column",
        "degree",
        "--bootstrap",
        "200",
    ];
    let (ok, json, err) = crowdmine(&db, &[&args[..], &["--output", "json", "-q"]].concat());
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!((v["xmin"].as_u64(), v["n"].as_u64()), (Some(2), Some(34)));
    assert!(
        (v["alpha"].as_f64().unwrap_or(0.0) - 2.1615).abs() < 1e-3,
        "{json}"
    );
    let p = v["goodness_of_fit"]["p"].as_f64().unwrap_or(-1.0);
    assert!((0.05..0.3).contains(&p), "{json}");
    assert_eq!(v["alternatives"].as_array().map(Vec::len), Some(4));
    let (ok, out, err) = crowdmine(&db, &args);
    assert!(ok, "{err}");
    assert!(
        out.contains("x_min") && out.contains("truncated power law"),
        "{out}"
    );
    // A value that is not a count names its line.
    std::fs::write(&file, "3\n4\n2.5\n").expect("write");
    let (ok, _, err) = crowdmine(&db, &["powerlaw", "--values", f]);
    assert!(
        !ok && err.contains(":3:") && err.contains("not a non-negative integer"),
        "{err}"
    );
    std::fs::write(&file, "1\n2\n2\n").expect("write");
    let (ok, _, err) = crowdmine(&db, &["powerlaw", "--values", f]);
    assert!(!ok && err.contains("at least 4 distinct"), "{err}");
}

/// `crowdmine communities`: detection with a reference, the partition file, and `evaluate`.
#[test]
fn communities_command() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("unused.db");
    // Two 4-cliques joined by one edge.
    let file = tmp.path().join("g.edges");
    let mut text = String::new();
    for c in 0..2 {
        for i in 0..4 {
            for j in i + 1..4 {
                text.push_str(&format!("n{} n{}\n", 4 * c + i, 4 * c + j));
            }
        }
    }
    text.push_str("n3 n4\n");
    std::fs::write(&file, text).expect("write");
    let truth = tmp.path().join("truth.csv");
    let rows: String = (0..8)
        .map(|u| format!("n{u},{}\n", if u < 4 { "left" } else { "right" }))
        .collect();
    std::fs::write(&truth, format!("node,community\n{rows}")).expect("write");
    let out = tmp.path().join("found.csv");
    let (f, t, o) = (
        file.to_str().expect("path"),
        truth.to_str().expect("path"),
        out.to_str().expect("path"),
    );
    for method in ["leiden", "louvain", "lpa", "infomap"] {
        let (ok, json, err) = crowdmine(
            &db,
            &[
                "communities",
                "--graph",
                f,
                "--method",
                method,
                "--truth",
                t,
                "--out",
                o,
                "--output",
                "json",
            ],
        );
        assert!(ok, "{err}");
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(v["communities"], 2, "{method}: {json}");
        assert_eq!(v["agreement"]["adjusted Rand index"], 1.0, "{method}");
        // Q = 2·(6/13 − (13/26)²).
        let q = v["modularity"].as_f64().unwrap_or(0.0);
        assert!(
            (q - 2.0 * (6.0 / 13.0 - 0.25)).abs() < 1e-12,
            "{method}: {q}"
        );
    }
    let (ok, json, err) = crowdmine(
        &db,
        &[
            "communities",
            "--graph",
            f,
            "--method",
            "girvan-newman",
            "--output",
            "json",
        ],
    );
    assert!(ok, "{err}");
    assert!(json.contains("\"communities\": 2"), "{json}");
    let (ok, text, err) = crowdmine(&db, &["communities", "cliques", "--graph", f, "--k", "4"]);
    assert!(ok, "{err}");
    assert!(
        text.starts_with("2 4-clique communities; 8 of 8 nodes"),
        "{text}"
    );
    let (ok, json, err) = crowdmine(
        &db,
        &[
            "communities",
            "sweep",
            "--graph",
            f,
            "--steps",
            "3",
            "--truth",
            t,
            "--output",
            "json",
        ],
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(3));
    assert_eq!(v[1]["resolution"], 1.0);
    assert_eq!(v[1]["nmi_truth"], 1.0);
    let (ok, text, err) = crowdmine(
        &db,
        &["communities", "consensus", "--graph", f, "--seeds", "4"],
    );
    assert!(ok, "{err}");
    assert!(
        text.contains("consensus communities") && text.contains("1.0000"),
        "{text}"
    );
    let written = std::fs::read_to_string(&out).expect("partition");
    assert!(written.starts_with("node,community\nn0,0\n"), "{written}");
    let (ok, text, err) = crowdmine(
        &db,
        &[
            "communities",
            "evaluate",
            "--partition",
            o,
            "--truth",
            t,
            "--graph",
            f,
        ],
    );
    assert!(ok, "{err}");
    assert!(
        text.contains("adjusted Rand index") && text.contains("1.0000"),
        "{text}"
    );
    std::fs::write(&truth, "node,community\nx,1\ny,2\n").expect("write");
    let (ok, _, err) = crowdmine(&db, &["communities", "--graph", f, "--truth", t]);
    assert!(!ok && err.contains("names none"), "{err}");
}

/// `communities evolve` over daily windows of the example corpus.
#[test]
fn communities_evolve_over_windows() {
    let (_tmp, db) = ingested();
    let (ok, json, err) = crowdmine(
        &db,
        &[
            "communities",
            "evolve",
            "--kind",
            "interaction",
            "--window",
            "1d",
            "--min-size",
            "2",
            "--output",
            "json",
        ],
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let windows = v["windows"].as_array().expect("windows");
    assert!(windows.len() >= 2, "{json}");
    // Every community of the first window is born; every event names a known kind.
    let first = windows[0]["communities"].as_u64().unwrap_or(0);
    let births = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["window"] == 0 && e["kind"] == "birth")
        .count() as u64;
    assert_eq!(births, first);
    // Detection on the corpus network names each community's hashtags and domains.
    let matrix = db.with_file_name("matrix.csv");
    let (ok, text, err) = crowdmine(
        &db,
        &[
            "communities",
            "--kind",
            "interaction",
            "--rank-by",
            "pagerank",
            "--matrix",
            matrix.to_str().expect("path"),
        ],
    );
    assert!(ok, "{err}");
    assert!(
        text.contains("top hashtags") && text.contains("#") && text.contains("edges from"),
        "{text}"
    );
    let rows = std::fs::read_to_string(&matrix).expect("matrix");
    assert!(
        rows.starts_with("from,to,edges,weight\n") && rows.lines().count() > 2,
        "{rows}"
    );
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "communities",
            "evolve",
            "--kind",
            "interaction",
            "--window",
            "1x",
        ],
    );
    assert!(!ok && err.contains("unknown unit"), "{err}");
}
