//! CSV ingest (twarc-csv and 4CAT presets, column mappings), follow graphs (edge lists and
//! follower pages) and account attributes.

use crowdmine::attributes::{import_attributes, AttributeKind, AttributeOptions};
use crowdmine::ingest::{ingest, IngestOptions, IngestReport};
use crowdmine::model::Platform;
use crowdmine::testing::data_dir;
use crowdmine::{Cell, Corpus, Format, Mapping, Relation};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

fn ingest_with(db: &Path, files: &[PathBuf], opts: &IngestOptions) -> IngestReport {
    let mut corpus = Corpus::open_writer(db).expect("open corpus");
    ingest(&mut corpus, files, opts, &()).expect("ingest")
}

fn rows(c: &Corpus, sql: &str) -> BTreeSet<Vec<String>> {
    c.sql(sql)
        .expect(sql)
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Cell::Null => "∅".to_string(),
                    other => other.display(),
                })
                .collect()
        })
        .collect()
}

fn count(c: &Corpus, sql: &str) -> i64 {
    match c.sql(sql).expect(sql).rows[0][0] {
        Cell::Int(n) => n,
        ref other => panic!("{sql}: {other:?}"),
    }
}

fn corpus_of(files: &[PathBuf], opts: &IngestOptions) -> (tempfile::TempDir, Corpus, IngestReport) {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let report = ingest_with(&db, files, opts);
    (tmp, Corpus::open_reader(&db).expect("reader"), report)
}

#[test]
fn twarc_csv_export_gives_the_posts_of_its_json() {
    // The CSV is twarc-csv's own conversion of the JSON (tools/make_csv_examples.py).
    let (_a, csv, report) = corpus_of(
        &[example("x-v2-sample.twarc.csv")],
        &IngestOptions::default(),
    );
    assert_eq!(report.files[0].format.as_deref(), Some("twarc-csv"));
    assert_eq!(report.files[0].ledger.rejected, 0);
    let (_b, json, _) = corpus_of(&[example("x-v2-sample.jsonl")], &IngestOptions::default());
    let posts = "SELECT p.native_id, a.native_id, a.handle, p.created_at, p.reply_to, p.repost_of, p.quote_of, p.root, p.lang \
                 FROM posts p LEFT JOIN accounts a ON a.id = p.author WHERE p.collected = 1";
    let from_csv = rows(&csv, posts);
    assert_eq!(from_csv.len(), 400);
    assert_eq!(from_csv, rows(&json, posts));
    // twarc-csv gives a retweet the original's text and entities; others keep their own.
    let tags = "SELECT p.native_id, e.value FROM entities e JOIN posts p ON p.id = e.post \
                WHERE e.kind = 'hashtag' AND p.collected = 1 AND p.repost_of IS NULL";
    assert_eq!(rows(&csv, tags), rows(&json, tags));
    let links = "SELECT i.kind, s.native_id, d.native_id FROM interactions i JOIN accounts s ON s.id = i.src \
                 JOIN accounts d ON d.id = i.dst JOIN posts p ON p.id = i.post WHERE p.collected = 1 AND i.kind != 'mention'";
    assert_eq!(rows(&csv, links), rows(&json, links));
    let texts = "SELECT native_id, text FROM posts WHERE collected = 1 AND repost_of IS NULL";
    assert_eq!(rows(&csv, texts), rows(&json, texts));
}

#[test]
fn fourcat_export_with_a_platform() {
    let opts = IngestOptions {
        platform: Some(Platform::Reddit),
        ..IngestOptions::default()
    };
    let (_t, c, report) = corpus_of(&[example("4cat-reddit-sample.csv")], &opts);
    assert_eq!(report.files[0].format.as_deref(), Some("4cat"));
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM posts WHERE platform = 'reddit'"),
        6
    );
    assert_eq!(
        rows(&c, "SELECT native_id, root, community, removed, created_at FROM posts WHERE native_id IN ('t1_pe004', 't3_pe005')"),
        BTreeSet::from([
            vec!["t1_pe004".into(), "t3_pe001".into(), "PortEllery".into(), "deleted".into(), "1665739800".into()],
            vec!["t3_pe005".into(), "t3_pe005".into(), "running".into(), "∅".into(), "1665859510".into()],
        ])
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM posts WHERE author IS NULL"),
        1
    );
    assert_eq!(count(&c, "SELECT COUNT(*) FROM accounts"), 3);
    let title = rows(&c, "SELECT text FROM posts WHERE native_id = 't3_pe001'");
    assert_eq!(
        title.into_iter().next().expect("row")[0],
        "Race weekend thread\n\nBib pickup is at the harbour tent until 6pm."
    );
    // Without --platform the rows are rejected, each with its line.
    let (_t, c, report) = corpus_of(
        &[example("4cat-reddit-sample.csv")],
        &IngestOptions::default(),
    );
    assert_eq!(report.files[0].ledger.rejected, 6);
    assert_eq!(count(&c, "SELECT MIN(line) FROM rejects"), 2);
}

#[test]
fn a_csv_of_posts_with_a_mapping() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("posts.tsv");
    std::fs::write(
        &file,
        "post\tuser\twhen\tmessage\tparent\n\
         a1\tann@home.example\t26/06/2021 19:22\thello #world see https://example.org/x\t\n\
         a2\tbob@home.example\t26/06/2021 19:30\t\"hi ann,\nwelcome\"\ta1\n\
         a3\tann@home.example\tyesterday\tbad time\t\n\
         \tbob@home.example\t26/06/2021 19:40\tno id\t\n",
    )
    .expect("write");
    let opts = IngestOptions {
        platform: Some(Platform::Mastodon),
        mapping: Some(
            Mapping::parse("id=post, author=user, time=when, time_format=%d/%m/%Y %H:%M, text=message, reply_to=parent")
                .expect("mapping"),
        ),
        ..IngestOptions::default()
    };
    let (_t, c, report) = corpus_of(&[file], &opts);
    let f = &report.files[0];
    assert_eq!(f.format.as_deref(), Some("csv"));
    assert_eq!((f.ledger.accepted, f.ledger.rejected), (2, 2));
    assert_eq!(
        f.rejects.iter().map(|r| r.0).collect::<Vec<_>>(),
        vec![5, 6],
        "{:?}",
        f.rejects
    );
    assert!(f.rejects[0].1.contains("does not parse"));
    assert_eq!(
        rows(
            &c,
            "SELECT native_id, created_at, text FROM posts WHERE native_id = 'a2'"
        ),
        BTreeSet::from([vec![
            "a2".into(),
            "1624735800".into(),
            "hi ann,\nwelcome".into()
        ]])
    );
    // The reply to a known parent becomes an interaction between the two authors.
    assert_eq!(
        rows(&c, "SELECT s.native_id, d.native_id FROM interactions i JOIN accounts s ON s.id = i.src JOIN accounts d ON d.id = i.dst WHERE i.kind = 'reply'"),
        BTreeSet::from([vec!["bob@home.example".into(), "ann@home.example".into()]])
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM entities WHERE kind = 'url'"),
        0
    );
}

#[test]
fn follow_edge_lists() {
    let tmp = tempfile::tempdir().expect("tmp");
    let list = tmp.path().join("follows.txt");
    std::fs::write(&list, "# follower followed\n1 2\n2 1\n3 1\n3 1\nlonely\n").expect("write");
    let csv = tmp.path().join("follows.csv");
    std::fs::write(&csv, "follower,followed\n4,1\n").expect("write");
    // A header says which column is which, in any order.
    let reversed = tmp.path().join("reversed.txt");
    std::fs::write(
        &reversed,
        "# exported\nfollowed\tfollower\tcreated_at\n1\t5\t2021-06-26T19:22:00Z\n",
    )
    .expect("write");
    let opts = IngestOptions {
        format: Some(Format::Follows),
        platform: Some(Platform::X),
        ..IngestOptions::default()
    };
    let db = tmp.path().join("c.db");
    let report = ingest_with(&db, &[list, reversed], &opts);
    assert_eq!(report.files[0].ledger.rejected, 1);
    assert_eq!(report.files[0].rejects[0].0, 6);
    assert_eq!(report.files[1].ledger.rejected, 0);
    // A CSV with a follower,followed header is recognised.
    let opts = IngestOptions {
        platform: Some(Platform::X),
        ..IngestOptions::default()
    };
    let report = ingest_with(&db, &[csv], &opts);
    assert_eq!(report.files[0].format.as_deref(), Some("follows"));
    let c = Corpus::open_reader(&db).expect("reader");
    assert_eq!(
        rows(&c, "SELECT s.native_id, d.native_id FROM ties t JOIN accounts s ON s.id = t.src JOIN accounts d ON d.id = t.dst WHERE t.kind = 'follow'"),
        BTreeSet::from([
            vec!["1".into(), "2".into()],
            vec!["2".into(), "1".into()],
            vec!["3".into(), "1".into()],
            vec!["4".into(), "1".into()],
            vec!["5".into(), "1".into()],
        ])
    );
    assert_eq!(
        count(
            &c,
            "SELECT t.created_at FROM ties t JOIN accounts s ON s.id = t.src WHERE s.native_id = '5'"
        ),
        1624735320
    );
    let mut out = Vec::new();
    c.export(
        crowdmine::ExportKind::Interactions,
        crowdmine::ExportFormat::Csv,
        None,
        None,
        &mut out,
    )
    .expect("export");
    let text = String::from_utf8(out).expect("utf8");
    assert_eq!(
        text.lines().filter(|l| l.contains(",follow,")).count(),
        5,
        "{text}"
    );
}

#[test]
fn follower_pages_with_the_account_they_belong_to() {
    let Some(data) = data_dir("follower_pages_with_the_account_they_belong_to") else {
        return;
    };
    let tweepy = data.join("social-posts/twitter-v2/tweepy");
    let followers = IngestOptions {
        follows_of: Some(("783214".into(), Relation::Followers)),
        ..IngestOptions::default()
    };
    let (_t, c, _) = corpus_of(
        &[tweepy.join("users_followers_783214_page.json")],
        &followers,
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM ties WHERE kind = 'follow'"),
        100
    );
    assert_eq!(
        count(&c, "SELECT COUNT(DISTINCT t.dst) FROM ties t JOIN accounts d ON d.id = t.dst WHERE d.native_id = '783214'"),
        1
    );
    let following = IngestOptions {
        follows_of: Some(("2244994945".into(), Relation::Following)),
        ..IngestOptions::default()
    };
    let (_t, c, _) = corpus_of(
        &[tweepy.join("users_following_2244994945_page.json")],
        &following,
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM ties t JOIN accounts s ON s.id = t.src WHERE s.native_id = '2244994945'"),
        100
    );
    // v1.1 followers/list pages too.
    let v1 = IngestOptions {
        follows_of: Some(("1072250532645998596".into(), Relation::Followers)),
        ..IngestOptions::default()
    };
    let (_t, c, _) = corpus_of(
        &[data.join("social-posts/twitter-v1.1/tweepy/followers_list_TweepyDev.json")],
        &v1,
    );
    assert_eq!(count(&c, "SELECT COUNT(*) FROM ties"), 2);
}

#[test]
fn account_attributes_are_typed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    ingest_with(
        &db,
        &[example("x-v2-sample.jsonl")],
        &IngestOptions::default(),
    );
    let attrs = tmp.path().join("attrs.csv");
    std::fs::write(
        &attrs,
        "user_id,leaning,bot,activity\n\
         173726915,left,no,3.5\n\
         1318066663601459239,right,yes,12\n\
         999,centre,0,\n\
         ,left,1,2\n",
    )
    .expect("write");
    let mut corpus = Corpus::open_writer(&db).expect("writer");
    let opts = AttributeOptions {
        platform: Platform::X,
        id_column: None,
        kinds: Vec::new(),
    };
    let report = import_attributes(&mut corpus, &attrs, &opts).expect("import");
    drop(corpus);
    assert_eq!(report.id_column, "user_id");
    assert_eq!(
        report.columns,
        vec![
            ("leaning".to_string(), AttributeKind::Categorical),
            ("bot".to_string(), AttributeKind::Boolean),
            ("activity".to_string(), AttributeKind::Numeric),
        ]
    );
    assert_eq!((report.rows, report.accounts), (3, 3));
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].0, 5);
    let c = Corpus::open_reader(&db).expect("reader");
    assert_eq!(
        rows(&c, "SELECT a.handle, x.name, typeof(x.value), x.value FROM account_attributes x JOIN accounts a ON a.id = x.account WHERE a.native_id = '173726915'"),
        BTreeSet::from([
            vec!["pe_marathon".into(), "activity".into(), "real".into(), "3.5".into()],
            vec!["pe_marathon".into(), "bot".into(), "integer".into(), "0".into()],
            vec!["pe_marathon".into(), "leaning".into(), "text".into(), "left".into()],
        ])
    );
    // An account not in the corpus yet is created with its id.
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM accounts WHERE native_id = '999'"),
        1
    );
    drop(c);
    // A kind given by the user is checked.
    let mut corpus = Corpus::open_writer(&db).expect("writer");
    let opts = AttributeOptions {
        platform: Platform::X,
        id_column: Some("user_id".into()),
        kinds: vec![("leaning".into(), AttributeKind::Numeric)],
    };
    let report = import_attributes(&mut corpus, &attrs, &opts).expect("import");
    assert_eq!(report.rows, 0);
    assert!(
        report.rejected[0].1.contains("is not numeric"),
        "{:?}",
        report.rejected
    );
}
