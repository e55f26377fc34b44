//! Bad input gets a clear message with file and line, is counted in the ledger, and the rest is
//! ingested; the exit status says whether a file could not be read at all.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TWEET: &str = r#"{"data":[{"id":"100","text":"hello #world","author_id":"1","created_at":"2021-06-26T19:22:00.000Z","entities":{"hashtags":[{"start":6,"end":12,"tag":"world"}]}}],"includes":{"users":[{"id":"1","username":"ada","name":"Ada"}]}}"#;

fn crowdmine(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crowdmine"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run crowdmine")
}

fn write(path: &Path, bytes: &[u8]) -> PathBuf {
    std::fs::write(path, bytes).expect("write");
    path.to_path_buf()
}

fn sql(db: &Path, q: &str) -> String {
    let out = crowdmine(db, &["sql", q, "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n")
}

fn ingest(db: &Path, files: &[&Path], extra: &[&str]) -> Output {
    let mut args: Vec<&str> = vec!["ingest", "-q"];
    args.extend(extra);
    let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(files.iter().map(String::as_str));
    crowdmine(db, &args)
}

#[test]
fn malformed_records_are_counted_with_their_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let second = TWEET.replace("\"100\"", "\"101\"");
    let mut bad_utf8 = TWEET
        .replace("\"100\"", "\"102\"")
        .replace("hello", "hel\u{1}lo")
        .into_bytes();
    let at = bad_utf8.iter().position(|b| *b == 1).expect("marker");
    bad_utf8[at] = 0xff;
    let mut body = format!("{TWEET}\n{{\"data\": [\n\n{second}\n").into_bytes();
    body.extend_from_slice(&bad_utf8);
    body.extend_from_slice(b"\n");
    let file = write(&tmp.path().join("mixed.jsonl"), &body);
    let out = ingest(&db, &[&file], &[]);
    assert!(out.status.success(), "rejects alone do not fail the run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("mixed.jsonl:2: rejected: malformed JSON"),
        "{err}"
    );
    assert!(err.contains("mixed.jsonl:5: rejected"), "{err}");
    assert_eq!(sql(&db, "SELECT line FROM rejects ORDER BY line"), "2\n5");
    assert_eq!(
        sql(&db, "SELECT native_id FROM posts ORDER BY 1"),
        "100\n101"
    );
    assert_eq!(
        sql(&db, "SELECT accepted, rejected, status FROM files"),
        "2,2,done"
    );
    let strict = ingest(&tmp.path().join("s.db"), &[&file], &["--strict"]);
    assert_eq!(strict.status.code(), Some(3));
}

#[test]
fn truncated_compressed_files_keep_what_was_read() {
    let tmp = tempfile::tempdir().expect("tmp");
    let lines: String = (0..2000)
        .map(|i| TWEET.replace("\"100\"", &format!("\"{}\"", 1000 + i)) + "\n")
        .collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(lines.as_bytes()).expect("gz");
    let gz = gz.finish().expect("gz");
    let zst = zstd::bulk::compress(lines.as_bytes(), 3).expect("zst");
    for (name, bytes) in [("t.jsonl.gz", &gz), ("t.jsonl.zst", &zst)] {
        let file = write(&tmp.path().join(name), &bytes[..bytes.len() / 2]);
        let db = tmp.path().join(format!("{name}.db"));
        let out = ingest(&db, &[&file], &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {err}");
        assert!(
            err.contains("rejected: read error at line"),
            "{name}: {err}"
        );
        let n: i64 = sql(&db, "SELECT COUNT(*) FROM posts")
            .parse()
            .expect("count");
        assert!(n > 100 && n < 2000, "{name}: {n} posts kept");
        assert_eq!(sql(&db, "SELECT rejected FROM files"), "1");
    }
}

#[test]
fn unreadable_files_fail_the_run_but_not_the_others() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let good = write(&tmp.path().join("good.jsonl"), TWEET.as_bytes());
    let empty = write(&tmp.path().join("empty.jsonl"), b"");
    let unknown = write(&tmp.path().join("unknown.csv"), b"id,text\n1,hello\n");
    let missing = tmp.path().join("missing.jsonl");
    let dir = tmp.path().join("adir");
    std::fs::create_dir(&dir).expect("dir");
    let out = ingest(&db, &[&good, &empty, &unknown, &missing, &dir], &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.jsonl: no such file"), "{err}");
    assert!(err.contains("adir: is a directory"), "{err}");
    assert!(
        err.contains("unknown.csv: unrecognised CSV (columns: id, text)"),
        "{err}"
    );
    assert!(err.contains("empty.jsonl: empty file"), "{err}");
    assert_eq!(sql(&db, "SELECT COUNT(*) FROM posts"), "1");
    assert_eq!(
        sql(
            &db,
            "SELECT status, COUNT(*) FROM files GROUP BY 1 ORDER BY 1"
        ),
        "done,1\nempty,1\nfailed,3"
    );
    // Empty files are not failures.
    assert!(ingest(&tmp.path().join("e.db"), &[&empty], &[])
        .status
        .success());
}

#[test]
fn overlong_lines_are_rejected_without_holding_them() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let mut body = Vec::new();
    body.extend_from_slice(TWEET.as_bytes());
    body.push(b'\n');
    body.extend_from_slice(b"{\"data\":\"");
    body.resize(body.len() + (17 << 20), b'x');
    body.extend_from_slice(b"\"}\n");
    body.extend_from_slice(TWEET.replace("\"100\"", "\"101\"").as_bytes());
    let file = write(&tmp.path().join("long.jsonl"), &body);
    let out = ingest(&db, &[&file], &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("long.jsonl:2: rejected: line of"), "{err}");
    assert_eq!(sql(&db, "SELECT COUNT(*) FROM posts"), "2");
    assert_eq!(sql(&db, "SELECT length(head) FROM rejects"), "200");
}

#[test]
fn a_second_writer_is_told_the_corpus_is_in_use() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let file = write(&tmp.path().join("t.jsonl"), TWEET.as_bytes());
    // Hold the first ingest at a fault point, with the corpus open for writing.
    let mut first = Command::new(env!("CARGO_BIN_EXE_crowdmine"))
        .arg("--db")
        .arg(&db)
        .args(["ingest", "-q"])
        .arg(&file)
        .env("CROWDMINE_FAULT", "parse:1")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stderr = first.stderr.take().expect("stderr");
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    while !String::from_utf8_lossy(&seen).contains("fault point") {
        let n = std::io::Read::read(&mut stderr, &mut buf).expect("read");
        assert!(n > 0, "the first ingest ended early");
        seen.extend_from_slice(&buf[..n]);
    }
    let second = ingest(&db, &[&file], &[]);
    let err = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(2));
    assert!(
        err.contains("is in use by another crowdmine process"),
        "{err}"
    );
    let reader = crowdmine(&db, &["stats"]);
    assert!(reader.status.success());
    assert!(String::from_utf8_lossy(&reader.stderr).contains("in use by an ingest"));
    first.kill().expect("kill");
    first.wait().expect("wait");
}

#[test]
fn sql_is_read_only() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let file = write(&tmp.path().join("t.jsonl"), TWEET.as_bytes());
    assert!(ingest(&db, &[&file], &[]).status.success());
    let json = crowdmine(
        &db,
        &[
            "sql",
            "SELECT native_id, like_count FROM posts",
            "--format",
            "json",
        ],
    );
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json output");
    assert_eq!(
        rows,
        serde_json::json!([{"native_id": "100", "like_count": null}])
    );
    let out = crowdmine(&db, &["sql", "DELETE FROM posts"]);
    assert!(!out.status.success());
    assert_eq!(sql(&db, "SELECT COUNT(*) FROM posts"), "1");
    let missing = crowdmine(&tmp.path().join("none.db"), &["stats"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no corpus at"));
}

#[test]
fn malformed_records_of_other_platforms_are_counted_with_their_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let comment = r#"{"id":"c1","subreddit":"s","created_utc":1706745600,"body":"fine","author":"ann","parent_id":"t3_x","link_id":"t3_x"}"#;
    let reddit = write(
        &tmp.path().join("RC_sample.ndjson"),
        format!(
            "{comment}\n{{\"id\":\"c2\",\"subreddit\":\"s\",\"created_utc\":1,\"body\":\"trunc\n{{\"unrelated\":true}}\n{}\n",
            comment.replace("c1", "c3")
        )
        .as_bytes(),
    );
    let status = r#"{"id":"1","uri":"https://a.example/s/1","created_at":"2023-05-28T10:00:00.000Z","visibility":"public","content":"<p>hi</p>","account":{"id":"1","acct":"a","username":"a","url":"https://a.example/@a"}}"#;
    let mastodon = write(
        &tmp.path().join("statuses.jsonl"),
        format!("{status}\n[1, 2\n{{\"content\": 3}}\n").as_bytes(),
    );
    let event = r#"{"did":"did:plc:a","time_us":1740819660201000,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"k1","record":{"text":"hi","createdAt":"2025-03-01T09:00:59Z"}}}"#;
    let bluesky = write(
        &tmp.path().join("jetstream.jsonl"),
        format!(
            "{event}\n{{\"did\":\"did:plc:a\",\"time_us\":1,\"kind\":\"commit\",\"commit\":{{\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"k2\"}}}}\n"
        )
        .as_bytes(),
    );
    let csv = write(
        &tmp.path().join("posts.csv"),
        b"id,author,text\n1,ann,ok\n2,bob\n",
    );
    let out = ingest(
        &db,
        &[&reddit, &mastodon, &bluesky, &csv],
        &[
            "--platform",
            "reddit",
            "--map",
            "id=id,author=author,text=text",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("RC_sample.ndjson:2: rejected: malformed JSON"),
        "{err}"
    );
    assert!(
        err.contains("RC_sample.ndjson:3: rejected: not a Reddit record"),
        "{err}"
    );
    assert!(err.contains("statuses.jsonl:2: rejected"), "{err}");
    assert!(
        err.contains("statuses.jsonl:3: rejected: not a Mastodon record"),
        "{err}"
    );
    assert!(
        err.contains("jetstream.jsonl:2: rejected: a Bluesky create or update without a record"),
        "{err}"
    );
    assert!(
        err.contains("posts.csv:3: rejected: unreadable CSV row"),
        "{err}"
    );
    assert_eq!(
        sql(
            &db,
            "SELECT f.format, f.accepted, f.rejected FROM files f ORDER BY f.path"
        ),
        "reddit,2,2\nbluesky,1,1\ncsv,1,1\nmastodon,1,2"
    );
    assert_eq!(
        sql(
            &db,
            "SELECT platform, COUNT(*) FROM posts GROUP BY 1 ORDER BY 1"
        ),
        "bluesky,1\nmastodon,1\nreddit,3"
    );
}
