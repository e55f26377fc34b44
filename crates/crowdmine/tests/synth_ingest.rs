//! `crowdmine synth` output ingests, on every platform, with exactly the planted malformed lines
//! rejected and nothing else, and the corpus holds the posts the truth says were collected.

use crowdmine::ingest::{ingest, IngestOptions};
use crowdmine::synth::{generate, Params, Platform};
use crowdmine::{Cell, Corpus, Format};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn count(c: &Corpus, sql: &str) -> i64 {
    match c.sql(sql).expect(sql).rows[0][0] {
        Cell::Int(n) => n,
        ref other => panic!("{sql}: {other:?}"),
    }
}

fn run(platform: Platform, zst: bool, dir: &Path) -> Value {
    let mut p = Params::new(300, 3);
    p.platform = platform;
    p.seed = 11;
    p.zst = zst;
    generate(&p, dir, &mut |_| {}).expect("generate");
    let truth = std::fs::read_to_string(dir.join("truth.json")).expect("truth");
    serde_json::from_str(&truth).expect("truth is JSON")
}

fn check(platform: Platform, zst: bool) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("run");
    let truth = run(platform, zst, &dir);
    let posts = dir.join(truth["files"]["posts"][0].as_str().expect("posts file"));
    let db = tmp.path().join("c.db");
    let mut corpus = Corpus::open_writer(&db).expect("corpus");
    let report = ingest(&mut corpus, &[posts], &IngestOptions::default(), &()).expect("ingest");
    let follows = IngestOptions {
        format: Some(Format::Follows),
        platform: Some(match platform.corpus_platform() {
            "x" => crowdmine::model::Platform::X,
            "reddit" => crowdmine::model::Platform::Reddit,
            "mastodon" => crowdmine::model::Platform::Mastodon,
            _ => crowdmine::model::Platform::Bluesky,
        }),
        ..IngestOptions::default()
    };
    let ties = ingest(&mut corpus, &[dir.join("follows.csv")], &follows, &()).expect("follows");
    drop(corpus);
    let c = Corpus::open_reader(&db).expect("reader");
    let name = platform.name();

    let planted: BTreeSet<i64> = truth["malformed"]
        .as_array()
        .expect("malformed list")
        .iter()
        .map(|m| m["line"].as_i64().expect("line"))
        .collect();
    assert_eq!(planted.len(), 3, "{name}: three malformed lines planted");
    let rejected: BTreeSet<i64> = c
        .sql("SELECT line FROM rejects")
        .expect("rejects")
        .rows
        .iter()
        .map(|r| match r[0] {
            Cell::Int(n) => n,
            ref other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        rejected, planted,
        "{name}: exactly the planted lines are rejected"
    );
    assert_eq!(report.rejected(), 3, "{name}");
    assert_eq!(ties.rejected(), 0, "{name}: follows");

    let counts = &truth["counts"];
    let collected = counts["collected_posts"].as_i64().expect("collected");
    let referenced = counts["referenced_only_posts"]
        .as_i64()
        .expect("referenced");
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM posts WHERE collected"),
        collected,
        "{name}: collected posts"
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM posts WHERE NOT collected"),
        referenced,
        "{name}: posts only referenced"
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM ties WHERE kind = 'follow'"),
        counts["follows"].as_i64().expect("follows"),
        "{name}: follow ties"
    );
    // Every account that posted is in the corpus, under the truth's ids.
    let ids: BTreeSet<String> = c
        .sql("SELECT native_id FROM accounts WHERE native_id IS NOT NULL")
        .expect("accounts")
        .rows
        .iter()
        .map(|r| r[0].display())
        .collect();
    for a in truth["accounts"].as_array().expect("accounts") {
        assert!(ids.contains(a["id"].as_str().expect("id")), "{name}: {a}");
    }
    if platform == Platform::XV2 {
        assert_eq!(
            count(&c, "SELECT COUNT(*) FROM posts WHERE kind = 'repost'"),
            counts["reposts"].as_i64().expect("reposts")
        );
    }
}

#[test]
fn x_v2_pages_ingest_with_only_the_planted_rejects() {
    check(Platform::XV2, false);
}

#[test]
fn x_v1_statuses_ingest_with_only_the_planted_rejects() {
    check(Platform::XV1, true);
}

#[test]
fn pushshift_lines_ingest_with_only_the_planted_rejects() {
    check(Platform::Reddit, false);
}

#[test]
fn mastodon_statuses_ingest_with_only_the_planted_rejects() {
    check(Platform::Mastodon, false);
}

#[test]
fn jetstream_events_ingest_with_only_the_planted_rejects() {
    check(Platform::Bluesky, true);
}

#[test]
fn a_seed_gives_the_same_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    run(Platform::Bluesky, false, &a);
    run(Platform::Bluesky, false, &b);
    let mut p = Params::new(300, 3);
    p.platform = Platform::Bluesky;
    p.seed = 12;
    generate(&p, &c, &mut |_| {}).expect("generate");
    for f in [
        "posts.jsonl",
        "follows.csv",
        "accounts.csv",
        "truth.json",
        "repost_parents.csv",
    ] {
        let read = |d: &Path| std::fs::read(d.join(f)).expect("read");
        assert_eq!(read(&a), read(&b), "{f} differs between runs of one seed");
        assert_ne!(read(&a), read(&c), "{f} is the same for another seed");
    }
}
