//! Networks built from a corpus, checked on a hand-made corpus (a CSV with a mapping) whose
//! networks can be written down by hand.

use crowdmine::graph::GraphData;
use crowdmine::ingest::{ingest, IngestOptions};
use crowdmine::model::Platform;
use crowdmine::networks::{build_network, NetworkKind, Selection};
use crowdmine::{Corpus, Mapping};
use std::collections::BTreeSet;

/// Posts of four Mastodon accounts: a replies to b twice, c replies to a; hashtags and links.
const POSTS: &str = "id,author,time,text,reply_to,tags,urls
1,a@x.example,2021-01-01T00:00:00Z,one,,#rust #graphs,https://example.org/1
2,b@x.example,2021-01-02T00:00:00Z,two,1,#rust,https://news.example/a
3,a@x.example,2021-01-03T00:00:00Z,three,2,#graphs #rust,
4,a@x.example,2021-01-04T00:00:00Z,four,2,#graphs,https://news.example/b
5,c@x.example,2021-01-05T00:00:00Z,five,4,#rust #python,https://example.org/2
";

fn corpus() -> (tempfile::TempDir, Corpus) {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("posts.csv");
    std::fs::write(&file, POSTS).expect("write");
    let db = tmp.path().join("c.db");
    let mut c = Corpus::open_writer(&db).expect("corpus");
    let opts = IngestOptions {
        platform: Some(Platform::Mastodon),
        mapping: Some(
            Mapping::parse(
                "id=id,author=author,time=time,text=text,reply_to=reply_to,hashtags=tags,urls=urls",
            )
            .expect("mapping"),
        ),
        ..IngestOptions::default()
    };
    ingest(&mut c, &[file], &opts, &()).expect("ingest");
    drop(c);
    let reader = Corpus::open_reader(&db).expect("reader");
    (tmp, reader)
}

/// Edges as (source id, target id, weight).
fn edges(d: &GraphData) -> BTreeSet<(String, String, i64)> {
    d.edges
        .iter()
        .map(|e| {
            (
                d.nodes[e.source].id.clone(),
                d.nodes[e.target].id.clone(),
                e.weight.unwrap_or(1.0) as i64,
            )
        })
        .collect()
}

fn set(items: &[(&str, &str, i64)]) -> BTreeSet<(String, String, i64)> {
    items
        .iter()
        .map(|(a, b, w)| (a.to_string(), b.to_string(), *w))
        .collect()
}

#[test]
fn networks_from_a_corpus() {
    let (_t, c) = corpus();
    let sel = Selection::default();
    let reply = build_network(&c, NetworkKind::Reply, &sel).expect("reply");
    assert!(reply.directed);
    assert_eq!(
        edges(&reply),
        set(&[
            ("mastodon:b@x.example", "mastodon:a@x.example", 1),
            ("mastodon:a@x.example", "mastodon:b@x.example", 2),
            ("mastodon:c@x.example", "mastodon:a@x.example", 1),
        ])
    );
    let label = reply.nodes[0].attrs.get("label").map(|v| v.to_text());
    assert!(label.is_some_and(|l| l.starts_with('@')));
    // Minimum weight and time window.
    let heavy = build_network(
        &c,
        NetworkKind::Reply,
        &Selection {
            min_weight: 2.0,
            ..Selection::default()
        },
    )
    .expect("reply");
    assert_eq!(
        edges(&heavy),
        set(&[("mastodon:a@x.example", "mastodon:b@x.example", 2)])
    );
    let early = Selection {
        until: Some(1_609_632_000),
        ..Selection::default()
    }; // before 2021-01-03
    assert_eq!(
        build_network(&c, NetworkKind::Reply, &early)
            .expect("reply")
            .edges
            .len(),
        1
    );
    // Hashtags together in a post: rust+graphs in posts 1 and 3, rust+python in 5.
    let co = build_network(&c, NetworkKind::CoHashtag, &sel).expect("co");
    assert!(!co.directed);
    assert_eq!(
        edges(&co),
        set(&[("#graphs", "#rust", 2), ("#python", "#rust", 1)])
    );
    let domains = build_network(&c, NetworkKind::CoDomain, &sel).expect("co-domain");
    assert!(domains.edges.is_empty());
    // Who used which hashtag, in how many posts.
    let bi = build_network(&c, NetworkKind::AccountHashtag, &sel).expect("bipartite");
    assert_eq!(
        edges(&bi),
        set(&[
            ("mastodon:a@x.example", "#graphs", 3),
            ("mastodon:a@x.example", "#rust", 2),
            ("mastodon:b@x.example", "#rust", 1),
            ("mastodon:c@x.example", "#rust", 1),
            ("mastodon:c@x.example", "#python", 1),
        ])
    );
    // Accounts sharing hashtags: each pair shares #rust only.
    let proj = build_network(&c, NetworkKind::AccountsByHashtag, &sel).expect("projection");
    assert_eq!(proj.edges.len(), 3);
    assert!(proj.edges.iter().all(|e| e.weight == Some(1.0)));
    let by_domain = build_network(&c, NetworkKind::AccountsByDomain, &sel).expect("projection");
    assert_eq!(
        edges(&by_domain),
        set(&[
            ("mastodon:a@x.example", "mastodon:b@x.example", 1),
            ("mastodon:a@x.example", "mastodon:c@x.example", 1),
        ])
    );
}
