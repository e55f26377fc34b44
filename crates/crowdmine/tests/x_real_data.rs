//! Ingest of the real X/Twitter exports in the shared data folder, checked against counts that
//! `tools/x_expected.py` computed from the JSON with Python alone.

use crowdmine::ingest::{ingest, IngestOptions};
use crowdmine::testing::data_dir;
use crowdmine::{Cell, Corpus};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn count(c: &Corpus, sql: &str) -> i64 {
    match c.sql(sql).expect(sql).rows[0][0] {
        Cell::Int(n) => n,
        ref other => panic!("{sql}: {other:?}"),
    }
}

/// The same measures as the fixture, read from a corpus.
fn measures(c: &Corpus) -> Value {
    let n = |sql: &str| count(c, sql);
    let by_kind = |table: &str, kinds: &[&str]| {
        let mut m = serde_json::Map::new();
        for k in kinds {
            m.insert(
                k.to_string(),
                n(&format!("SELECT COUNT(*) FROM {table} WHERE kind = '{k}'")).into(),
            );
        }
        Value::Object(m)
    };
    let rejected_lines: Vec<i64> = c
        .sql("SELECT line FROM rejects ORDER BY line")
        .expect("rejects")
        .rows
        .iter()
        .map(|r| match r[0] {
            Cell::Int(i) => i,
            _ => -1,
        })
        .collect();
    json!({
        "posts": n("SELECT COUNT(*) FROM posts"),
        "collected": n("SELECT COUNT(*) FROM posts WHERE collected = 1"),
        "referenced": n("SELECT COUNT(*) FROM posts WHERE collected = 0"),
        "kinds": {
            "repost": n("SELECT COUNT(*) FROM posts WHERE collected = 1 AND repost_of IS NOT NULL"),
            "reply": n("SELECT COUNT(*) FROM posts WHERE collected = 1 AND reply_to IS NOT NULL"),
            "quote": n("SELECT COUNT(*) FROM posts WHERE collected = 1 AND quote_of IS NOT NULL"),
            "original": n("SELECT COUNT(*) FROM posts WHERE collected = 1 AND repost_of IS NULL AND reply_to IS NULL AND quote_of IS NULL"),
        },
        "accounts": n("SELECT COUNT(*) FROM accounts"),
        "accounts_with_object": n("SELECT COUNT(*) FROM accounts WHERE has_object = 1"),
        "accounts_id_only": n("SELECT COUNT(*) FROM accounts WHERE has_object = 0 AND handle IS NULL"),
        "accounts_mention_only": n("SELECT COUNT(*) FROM accounts WHERE has_object = 0 AND handle IS NOT NULL"),
        "interactions": by_kind("interactions", &["reply", "repost", "quote", "mention"]),
        "entities": by_kind("entities", &["hashtag", "cashtag", "mention", "url"]),
        "edited_posts": n("SELECT COUNT(DISTINCT post) FROM post_versions"),
        "records": {
            "accepted": n("SELECT COALESCE(SUM(accepted + duplicate), 0) FROM files"),
            "skipped": n("SELECT COALESCE(SUM(skipped), 0) FROM files"),
            "rejected": n("SELECT COALESCE(SUM(rejected), 0) FROM files"),
            "rejected_lines": rejected_lines,
        },
    })
}

fn ingest_into(db: &Path, files: &[PathBuf]) -> crowdmine::ingest::IngestReport {
    let mut corpus = Corpus::open_writer(db).expect("open corpus");
    ingest(&mut corpus, files, &IngestOptions::default(), &()).expect("ingest")
}

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/x_expected.json")).expect("fixture")
}

/// The leaves where two JSON values differ, as `path: got X, expected Y`.
fn differences(path: &str, want: &Value, got: &Value) -> Vec<String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w
            .iter()
            .flat_map(|(k, wv)| {
                differences(&format!("{path}/{k}"), wv, g.get(k).unwrap_or(&Value::Null))
            })
            .collect(),
        _ if want == got => Vec::new(),
        _ => vec![format!("{path}: got {got}, expected {want}")],
    }
}

/// The first line where two dumps differ, for readable failures.
fn first_difference(a: &str, b: &str) -> Option<String> {
    let (mut la, mut lb) = (a.lines(), b.lines());
    for i in 1.. {
        match (la.next(), lb.next()) {
            (None, None) => return None,
            (x, y) if x == y => continue,
            (x, y) => return Some(format!("line {i}:\n  left  {x:?}\n  right {y:?}")),
        }
    }
    None
}

/// Keeps only the keys the fixture has, so extra fixture fields (format, skip reasons) are compared
/// where the corpus has them.
fn project(expected: &Value, got: &Value) -> Value {
    match (expected, got) {
        (Value::Object(e), Value::Object(g)) => Value::Object(
            e.keys()
                .filter_map(|k| g.get(k).map(|gv| (k.clone(), project(&e[k], gv))))
                .collect(),
        ),
        (_, g) => g.clone(),
    }
}

/// The committed samples (`examples/…`, from the workspace root) and the shared real data.
fn fixture_path(rel: &str, data: Option<&Path>) -> Option<PathBuf> {
    if rel.starts_with("examples/") {
        Some(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .join(rel),
        )
    } else {
        data.map(|d| d.join(rel))
    }
}

#[test]
fn every_x_file_matches_independent_counts() {
    let data = data_dir("every_x_file_matches_independent_counts");
    let fx = fixture();
    let mut failures = Vec::new();
    for (rel, expected) in fx.as_object().expect("object") {
        let Some(path) = fixture_path(rel, data.as_deref()) else {
            continue;
        };
        let tmp = tempfile::tempdir().expect("tmp");
        let db = tmp.path().join("c.db");
        let report = ingest_into(&db, &[path]);
        let file = &report.files[0];
        assert!(!file.failed, "{rel}: {:?}", file.message);
        if let Some(f) = expected.get("format").and_then(Value::as_str) {
            let got = file.format.as_deref().unwrap_or("");
            // The fixture names flattened and compliance files apart; both are v2 resources.
            let want = if f.starts_with("x-v2") || f == "x-compliance" {
                "x-v2"
            } else {
                f
            };
            if got != want {
                failures.push(format!("{rel}: format {got}, expected {want}"));
            }
        }
        let corpus = Corpus::open_reader(&db).expect("reader");
        let got = project(expected, &measures(&corpus));
        let mut want = expected.clone();
        if let Some(o) = want.as_object_mut() {
            o.remove("format");
            o.remove("skip_reason");
        }
        for diff in differences("", &want, &got) {
            failures.push(format!("{rel}: {diff}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} file(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn acceptance_numbers_of_the_issue() {
    let Some(data) = data_dir("acceptance_numbers_of_the_issue") else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    ingest_into(
        &db,
        &[data.join("cascades-temporal/twarc-network_blacklivesmatter_search.jsonl")],
    );
    let c = Corpus::open_reader(&db).expect("reader");
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM posts WHERE collected = 1"),
        500
    );
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM posts WHERE collected = 1 AND kind = 'repost'"
        ),
        367
    );
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM posts WHERE collected = 1 AND kind = 'original'"
        ),
        81
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM posts WHERE native_id = '1408876788839763968' AND reply_to IS NOT NULL AND quote_of IS NOT NULL"),
        1
    );
    assert_eq!(count(&c, "SELECT COUNT(*) FROM posts"), 676);
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM accounts WHERE has_object = 1"),
        691
    );
    assert_eq!(count(&c, "SELECT COUNT(*) FROM accounts"), 751);

    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let report = ingest_into(
        &db,
        &[data.join("social-posts/twitter-v2/twarc-csv/streaming_output_with_error.jsonl")],
    );
    let f = &report.files[0];
    assert_eq!((f.ledger.accepted, f.ledger.rejected), (7, 1));
    assert_eq!(
        f.rejects[0].0, 8,
        "the truncated line is reported with its number"
    );
    let c = Corpus::open_reader(&db).expect("reader");
    assert_eq!(count(&c, "SELECT COUNT(*) FROM posts"), 11);
    assert_eq!(count(&c, "SELECT COUNT(*) FROM accounts"), 11);
}

/// Every X file, then everything again (unchanged files are recognised), then copies at other
/// paths (dedupe): nothing is added.
#[test]
fn reingest_adds_nothing() {
    let Some(data) = data_dir("reingest_adds_nothing") else {
        return;
    };
    let files: Vec<PathBuf> = fixture()
        .as_object()
        .expect("object")
        .keys()
        .filter_map(|k| fixture_path(k, Some(&data)))
        .collect();
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    ingest_into(&db, &files);
    let dump = |db: &Path| {
        Corpus::open_reader(db)
            .expect("reader")
            .canonical_dump(false)
            .expect("dump")
    };
    let first = dump(&db);
    let again = ingest_into(&db, &files);
    assert!(again.files.iter().all(|f| f.unchanged));
    assert_eq!(first_difference(&dump(&db), &first), None);
    let copies = tempfile::tempdir().expect("tmp");
    let copied: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let to = copies.path().join(format!(
                "{i}-{}",
                f.file_name().expect("name").to_string_lossy()
            ));
            std::fs::copy(f, &to).expect("copy");
            to
        })
        .collect();
    let report = ingest_into(&db, &copied);
    for f in &report.files {
        assert_eq!(
            (f.ledger.posts_new, f.ledger.accounts_new),
            (0, 0),
            "{}",
            f.path.display()
        );
    }
    let c = Corpus::open_reader(&db).expect("reader");
    let before = first
        .lines()
        .filter(|l| !l.starts_with("post\t") && !l.starts_with("account\t"))
        .count();
    let after = dump(&db);
    assert_eq!(
        before,
        after
            .lines()
            .filter(|l| !l.starts_with("post\t") && !l.starts_with("account\t"))
            .count()
    );
    assert_eq!(
        first.lines().filter(|l| l.starts_with("post\t")).count(),
        count(&c, "SELECT COUNT(*) FROM posts") as usize
    );
}

/// Writes `src` compressed with zstd, streaming, with a 2^31 window declared in the frame.
fn zstd_copy(src: &Path, to: &Path) {
    let input = std::fs::read(src).expect("read");
    let out = std::fs::File::create(to).expect("create");
    let mut enc = zstd::stream::Encoder::new(out, 3).expect("encoder");
    enc.window_log(31).expect("window");
    enc.long_distance_matching(true).expect("ldm");
    std::io::copy(&mut &input[..], &mut enc).expect("compress");
    enc.finish().expect("finish");
    let bytes = std::fs::read(to).expect("read back");
    // Frame header: magic, descriptor, then the window descriptor (no single-segment flag).
    assert_eq!(
        bytes[4] & 0x20,
        0,
        "streaming frames are not single-segment"
    );
    assert_eq!((bytes[5] >> 3) + 10, 31, "the frame declares a 2^31 window");
}

fn gzip_copy(src: &Path, to: &Path) {
    let input = std::fs::read(src).expect("read");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(to).expect("create"),
        flate2::Compression::default(),
    );
    std::io::copy(&mut &input[..], &mut enc).expect("compress");
    enc.finish().expect("finish");
}

#[test]
fn compressed_copies_give_the_same_corpus() {
    let Some(data) = data_dir("compressed_copies_give_the_same_corpus") else {
        return;
    };
    let fx = fixture();
    let keys: Vec<&String> = fx.as_object().expect("object").keys().collect();
    let files: Vec<PathBuf> = keys
        .iter()
        .filter_map(|k| fixture_path(k, Some(&data)))
        .collect();
    let tmp = tempfile::tempdir().expect("tmp");
    let mut zst = Vec::new();
    let mut gz = Vec::new();
    for (rel, f) in keys.iter().zip(&files) {
        // The same relative paths as the originals (plus the compression suffix, which the
        // dedupe order ignores), so ties between files break alike.
        for (set, dir, ext) in [(&mut zst, "zst", "zst"), (&mut gz, "gz", "gz")] {
            let to = tmp.path().join(dir).join(format!("{rel}.{ext}"));
            std::fs::create_dir_all(to.parent().expect("parent")).expect("dir");
            if ext == "zst" {
                zstd_copy(f, &to);
            } else {
                gzip_copy(f, &to);
            }
            set.push(to);
        }
    }
    let dumps: Vec<String> = [files, zst, gz]
        .iter()
        .enumerate()
        .map(|(i, set)| {
            let db = tmp.path().join(format!("{i}.db"));
            let report = ingest_into(&db, set);
            assert!(!report.failed());
            Corpus::open_reader(&db)
                .expect("reader")
                .canonical_dump(false)
                .expect("dump")
        })
        .collect();
    assert!(!dumps[0].is_empty());
    assert_eq!(
        first_difference(&dumps[0], &dumps[1]),
        None,
        "zstd copies differ from the plain files"
    );
    assert_eq!(
        first_difference(&dumps[0], &dumps[2]),
        None,
        "gzip copies differ from the plain files"
    );
}
