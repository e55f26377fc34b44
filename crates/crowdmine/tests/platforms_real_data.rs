//! Ingest of the real Reddit, Pushshift and Mastodon exports of the shared data folder, checked
//! against counts that `tools/platforms_expected.py` computed with Python alone; the Bluesky
//! fixtures (written by us from the public lexicons) against rows computed by hand; compliance
//! deletions; and a corpus holding several platforms at once.

use crowdmine::ingest::{ingest, IngestOptions, IngestReport};
use crowdmine::testing::data_dir;
use crowdmine::{Cell, Corpus};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/platforms_expected.json")).expect("fixture")
}

fn bluesky_expected() -> Value {
    serde_json::from_str(include_str!("fixtures/bluesky/expected.json")).expect("fixture")
}

fn bluesky(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bluesky")
        .join(name)
}

fn ingest_into(db: &Path, files: &[PathBuf]) -> IngestReport {
    let mut corpus = Corpus::open_writer(db).expect("open corpus");
    let report = ingest(&mut corpus, files, &IngestOptions::default(), &()).expect("ingest");
    for f in &report.files {
        assert!(!f.failed, "{}: {:?}", f.path.display(), f.message);
    }
    report
}

fn text(c: &Cell) -> String {
    match c {
        Cell::Null => "∅".into(),
        other => other.display(),
    }
}

fn rows(c: &Corpus, sql: &str) -> Vec<Vec<String>> {
    c.sql(sql)
        .expect(sql)
        .rows
        .iter()
        .map(|r| r.iter().map(text).collect())
        .collect()
}

fn count(c: &Corpus, sql: &str) -> i64 {
    match c.sql(sql).expect(sql).rows[0][0] {
        Cell::Int(n) => n,
        ref other => panic!("{sql}: {other:?}"),
    }
}

fn fresh(files: &[PathBuf]) -> (tempfile::TempDir, Corpus) {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    ingest_into(&db, files);
    let c = Corpus::open_reader(&db).expect("reader");
    (tmp, c)
}

#[test]
fn reddit_comment_tree_with_morechildren_merged() {
    let Some(data) = data_dir("reddit_comment_tree_with_morechildren_merged") else {
        return;
    };
    let fx = &fixture()["reddit_praw"];
    let dir = data.join("social-posts/reddit/praw");
    let (_tmp, c) = fresh(&[
        dir.join("submission_3hahrw_with_comments.json"),
        dir.join("morechildren_3hahrw.jsonl"),
    ]);
    let sub = fx["submission"].as_str().expect("id");
    let comments = count(
        &c,
        &format!("SELECT COUNT(*) FROM posts WHERE native_id LIKE 't1_%' AND root = '{sub}'"),
    );
    assert_eq!(comments, fx["comments"].as_i64().expect("n"));
    assert_eq!(comments, 533);
    // Every comment reaches the submission through its parents; the deepest chain is 10.
    let tree = rows(
        &c,
        &format!(
            "WITH RECURSIVE t(native_id, depth) AS (SELECT native_id, 0 FROM posts WHERE native_id = '{sub}' \
             UNION ALL SELECT p.native_id, t.depth + 1 FROM posts p JOIN t ON p.platform = 'reddit' AND p.reply_to = t.native_id) \
             SELECT COUNT(*) - 1, MAX(depth) FROM t"
        ),
    );
    assert_eq!(tree[0][0], comments.to_string());
    assert_eq!(tree[0][1], fx["max_depth"].to_string());
    let orphans = count(
        &c,
        &format!(
            "SELECT COUNT(*) FROM posts c WHERE c.root = '{sub}' AND NOT EXISTS \
             (SELECT 1 FROM posts p WHERE p.platform = 'reddit' AND p.native_id = c.reply_to)"
        ),
    );
    assert_eq!(orphans, fx["orphans"].as_i64().expect("n"));
    let top = count(
        &c,
        &format!("SELECT COUNT(*) FROM posts WHERE reply_to = '{sub}'"),
    );
    assert_eq!(top, fx["top_level"].as_i64().expect("n"));
    // Replies between known authors become interactions once parents are known, whatever the
    // file order: the same corpus from the files the other way round.
    let (_tmp2, c2) = fresh(&[
        dir.join("morechildren_3hahrw.jsonl"),
        dir.join("submission_3hahrw_with_comments.json"),
    ]);
    let replies = "SELECT COUNT(*) FROM interactions WHERE kind = 'reply'";
    assert!(count(&c, replies) > 400);
    assert_eq!(count(&c, replies), count(&c2, replies));
    let want = count(
        &c,
        "SELECT COUNT(*) FROM posts c JOIN posts p ON p.native_id = c.reply_to \
         WHERE c.author IS NOT NULL AND p.author IS NOT NULL",
    );
    assert_eq!(count(&c, replies), want);
}

#[test]
fn reddit_files_match_independent_counts() {
    let Some(data) = data_dir("reddit_files_match_independent_counts") else {
        return;
    };
    let fx = &fixture()["reddit_praw"]["files"];
    for (rel, want) in fx.as_object().expect("files") {
        let (_tmp, c) = fresh(&[data.join(rel)]);
        let n = |kind: &str| {
            count(
                &c,
                &format!(
                    "SELECT COUNT(*) FROM posts WHERE native_id LIKE '{kind}_%' AND collected = 1"
                ),
            )
        };
        assert_eq!(n("t3"), want["t3"].as_i64().expect("t3"), "{rel}: t3");
        assert_eq!(n("t1"), want["t1"].as_i64().expect("t1"), "{rel}: t1");
        // Placeholder authors are no account, never one merged "[deleted]".
        assert_eq!(
            count(&c, "SELECT COUNT(*) FROM posts WHERE author IS NULL"),
            want["deleted_authors"].as_i64().expect("n"),
            "{rel}: deleted authors"
        );
        assert_eq!(
            count(
                &c,
                "SELECT COUNT(*) FROM accounts WHERE handle IN ('[deleted]', '[removed]')"
            ),
            0
        );
        assert_eq!(
            count(&c, "SELECT COUNT(*) FROM posts WHERE removed IS NOT NULL AND (native_id LIKE 't1_%' OR text IS NULL OR instr(text, char(10)) = 0)"),
            want["removed_bodies"].as_i64().expect("n"),
            "{rel}: removed bodies"
        );
    }
}

/// A compressed copy of `src` in `dir`: zstd with a 2^31 window (as the dumps), or gzip.
fn compressed(src: &Path, dir: &Path, zst: bool) -> PathBuf {
    let bytes = std::fs::read(src).expect("read");
    let name = src.file_name().expect("name").to_string_lossy().to_string();
    if zst {
        let out = dir.join(format!("{name}.zst"));
        let mut enc = zstd::stream::Encoder::new(std::fs::File::create(&out).expect("create"), 3)
            .expect("encoder");
        enc.window_log(31).expect("window");
        enc.long_distance_matching(true).expect("ldm");
        enc.write_all(&bytes).expect("write");
        enc.finish().expect("finish");
        out
    } else {
        let out = dir.join(format!("{name}.gz"));
        let mut enc = flate2::write::GzEncoder::new(
            std::fs::File::create(&out).expect("create"),
            flate2::Compression::default(),
        );
        enc.write_all(&bytes).expect("write");
        enc.finish().expect("finish");
        out
    }
}

#[test]
fn pushshift_lines_from_plain_zst_and_gz() {
    let Some(data) = data_dir("pushshift_lines_from_plain_zst_and_gz") else {
        return;
    };
    let fx = &fixture()["pushshift"];
    let dir = data.join("social-posts/reddit/pushshift-dump-sample");
    let plain = vec![
        dir.join("test_submissions.ndjson"),
        dir.join("test_comments.ndjson"),
    ];
    let copies = tempfile::tempdir().expect("tmp");
    let zst: Vec<PathBuf> = plain
        .iter()
        .map(|p| compressed(p, copies.path(), true))
        .collect();
    let gz: Vec<PathBuf> = plain
        .iter()
        .map(|p| compressed(p, copies.path(), false))
        .collect();
    let mut dumps = Vec::new();
    for files in [&plain, &zst, &gz] {
        let (_tmp, c) = fresh(files);
        assert_eq!(
            count(&c, "SELECT COUNT(*) FROM posts WHERE native_id LIKE 't3_%'"),
            fx["submissions"].as_i64().expect("n")
        );
        assert_eq!(
            count(&c, "SELECT COUNT(*) FROM posts WHERE native_id LIKE 't1_%'"),
            fx["comments"].as_i64().expect("n")
        );
        for r in rows(
            &c,
            "SELECT native_id, created_at, community, reply_to FROM posts",
        ) {
            assert_eq!(
                r[1],
                fx["created"][&r[0]].to_string(),
                "{}: created_at",
                r[0]
            );
            assert_eq!(
                r[2],
                fx["subreddits"][&r[0]].as_str().expect("subreddit"),
                "{}",
                r[0]
            );
            if r[0].starts_with("t1_") {
                assert_eq!(r[3], fx["comment_parents"][&r[0]].as_str().expect("parent"));
            }
        }
        assert_eq!(
            count(&c, "SELECT COUNT(*) FROM posts WHERE author IS NULL"),
            fx["deleted_authors"].as_i64().expect("n")
        );
        assert_eq!(
            count(&c, "SELECT COUNT(DISTINCT author) FROM posts"),
            fx["distinct_authors"].as_i64().expect("n")
        );
        dumps.push(c.canonical_dump(false).expect("dump"));
    }
    assert_eq!(dumps[0], dumps[1], "plain and .zst corpora differ");
    assert_eq!(dumps[0], dumps[2], "plain and .gz corpora differ");
}

#[test]
fn mastodon_statuses_keep_instances_apart() {
    let Some(data) = data_dir("mastodon_statuses_keep_instances_apart") else {
        return;
    };
    let fx = &fixture()["mastodon"];
    let mut all = Vec::new();
    for (rel, want) in fx.as_object().expect("files") {
        if rel == "all_files" {
            continue;
        }
        let path = data.join(rel);
        all.push(path.clone());
        let (_tmp, c) = fresh(&[path]);
        let collected = count(&c, "SELECT COUNT(*) FROM posts WHERE collected = 1");
        assert_eq!(
            collected,
            want["statuses"].as_i64().expect("n") - want["direct"].as_i64().expect("n"),
            "{rel}: collected statuses"
        );
        assert_eq!(
            count(&c, "SELECT COUNT(*) FROM posts"),
            want["all_statuses"].as_i64().expect("n"),
            "{rel}: statuses with reblogged and quoted ones"
        );
        assert_eq!(
            count(&c, "SELECT COUNT(*) FROM accounts WHERE has_object = 1"),
            want["accounts"].as_i64().expect("n"),
            "{rel}: accounts"
        );
        if want["statuses"] == 0 && want["accounts"] == 0 {
            // Other resources are recognised and skipped with a reason, never rejected.
            assert!(
                count(&c, "SELECT COUNT(*) FROM skips") >= 1,
                "{rel}: not skipped"
            );
            assert_eq!(
                count(&c, "SELECT COUNT(*) FROM rejects"),
                0,
                "{rel}: rejected"
            );
        }
    }
    let (_tmp, c) = fresh(&all);
    let total = &fx["all_files"];
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM posts"),
        total["statuses"].as_i64().expect("n")
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM accounts WHERE has_object = 1"),
        total["accounts"].as_i64().expect("n")
    );
    // Identity is the uri: the local test instance's statuses stay apart from mastodon.social's.
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM posts WHERE native_id LIKE 'http://localhost:3000/%'"
        ),
        20
    );
    assert_eq!(
        count(&c, "SELECT COUNT(DISTINCT native_id) FROM posts"),
        count(&c, "SELECT COUNT(*) FROM posts")
    );
    assert!(
        count(
            &c,
            "SELECT COUNT(*) FROM accounts WHERE native_id NOT LIKE '%@%'"
        ) == 0
    );
    let reasons = rows(
        &c,
        "SELECT f.path, s.resource FROM skips s JOIN files f ON f.id = s.file",
    );
    let conversation = reasons
        .iter()
        .find(|r| r[0].ends_with("conversations_page.json"))
        .expect("conversations skipped");
    assert!(
        conversation[1].contains("direct messages"),
        "{conversation:?}"
    );
    // The context links its descendant to the focal status and both to the thread's root.
    let ctx = rows(
        &c,
        "SELECT reply_to, root FROM posts WHERE native_id = 'https://mastodon.social/users/halcy/statuses/110446984249325790'",
    );
    assert_eq!(ctx[0][0], "mastodon.social#110446983926957470");
    assert_eq!(
        ctx[0][1],
        "https://mastodon.social/users/halcy/statuses/110446983178245440"
    );
    // A reply fetched from mastodon.social names its parent by that instance's id, and finds it.
    let reply = rows(
        &c,
        "SELECT p.native_id FROM posts c JOIN post_versions v ON v.native_id = c.reply_to JOIN posts p ON p.id = v.post \
         WHERE c.native_id = 'https://icosahedron.website/users/halcy/statuses/110447012380248325'",
    );
    assert_eq!(
        reply[0][0],
        "https://mastodon.social/users/halcy/statuses/110447003454258227"
    );
}

/// Post rows as the Bluesky fixture writes them.
fn bluesky_rows(c: &Corpus) -> BTreeSet<Vec<String>> {
    let ents = |kind: &str| {
        format!(
            "(SELECT COALESCE(group_concat(value, ' '), '') FROM (SELECT value FROM entities e WHERE e.post = p.id AND e.kind = '{kind}' ORDER BY value))"
        )
    };
    rows(
        c,
        &format!(
            "SELECT native_id, (SELECT native_id FROM accounts a WHERE a.id = p.author), strftime('%Y-%m-%dT%H:%M:%SZ', created_at, 'unixepoch'), \
             text, lang, reply_to, root, quote_of, repost_of, {}, {}, {}, collected FROM posts p",
            ents("hashtag"),
            ents("mention"),
            ents("url")
        ),
    )
    .into_iter()
    .collect()
}

fn expected_rows(posts: &Value) -> BTreeSet<Vec<String>> {
    let s = |v: &Value| v.as_str().map_or("∅".to_string(), str::to_string);
    let list = |v: &Value| {
        let mut items: Vec<String> = v
            .as_array()
            .map(|a| a.iter().map(s).collect())
            .unwrap_or_default();
        items.sort();
        items.join(" ")
    };
    posts
        .as_array()
        .expect("posts")
        .iter()
        .map(|p| {
            vec![
                s(&p["uri"]),
                s(&p["author"]),
                s(&p["created_at"]),
                s(&p["text"]),
                s(&p["lang"]),
                s(&p["reply_to"]),
                s(&p["root"]),
                s(&p["quote_of"]),
                s(&p["repost_of"]),
                list(&p["hashtags"]),
                list(&p["mentions"]),
                list(&p["urls"]),
                if p["collected"] == Value::Bool(false) {
                    "0"
                } else {
                    "1"
                }
                .to_string(),
            ]
        })
        .collect()
}

#[test]
fn bluesky_jetstream_round_trips() {
    let want = &bluesky_expected()["jetstream.jsonl"];
    let (_tmp, c) = fresh(&[bluesky("jetstream.jsonl")]);
    let got = bluesky_rows(&c);
    let expected = expected_rows(&want["posts"]);
    assert_eq!(
        got.symmetric_difference(&expected).collect::<Vec<_>>(),
        Vec::<&Vec<String>>::new()
    );
    let ties = |kind: &str| -> BTreeSet<Vec<String>> {
        rows(
            &c,
            &format!(
                "SELECT (SELECT native_id FROM accounts a WHERE a.id = t.src), \
                 CASE WHEN t.kind = 'like' THEN t.subject ELSE (SELECT native_id FROM accounts a WHERE a.id = t.dst) END \
                 FROM ties t WHERE kind = '{kind}'"
            ),
        )
        .into_iter()
        .collect()
    };
    let pairs = |v: &Value| -> BTreeSet<Vec<String>> {
        v.as_array()
            .expect("pairs")
            .iter()
            .map(|p| {
                p.as_array()
                    .expect("pair")
                    .iter()
                    .map(|x| x.as_str().expect("id").to_string())
                    .collect()
            })
            .collect()
    };
    assert_eq!(ties("follow"), pairs(&want["follows"]));
    assert_eq!(ties("like"), pairs(&want["likes"]));
    for uri in want["deleted_posts"].as_array().expect("deleted") {
        let uri = uri.as_str().expect("uri");
        assert_eq!(
            count(
                &c,
                &format!("SELECT COUNT(*) FROM posts WHERE native_id = '{uri}'")
            ),
            0
        );
        assert_eq!(
            count(&c, &format!("SELECT COUNT(*) FROM compliance WHERE native_id = '{uri}' AND action = 'delete'")),
            1
        );
    }
    // Deletes are counted in the ledger: two posts (a post and a repost), a follow and a like.
    let ledger = rows(&c, "SELECT removed_posts, removed_ties FROM files");
    assert_eq!(ledger[0], vec!["2", "2"]);
    // Likes and reposts reach the author of their subject (its DID is in the URI).
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM interactions WHERE kind = 'repost'"
        ),
        2
    );
}

#[test]
fn bluesky_deletions_do_not_depend_on_order() {
    let carol = "did:plc:carol2222222222222222222";
    let post = format!("at://{carol}/app.bsky.feed.post/3ljckta7c7k2e");
    let tmp = tempfile::tempdir().expect("tmp");
    // The post's delete comes first, then a like of it and the whole stream.
    let early = tmp.path().join("early_delete.jsonl");
    std::fs::write(
        &early,
        format!(
            r#"{{"did":"{carol}","time_us":1,"kind":"commit","commit":{{"operation":"delete","collection":"app.bsky.feed.post","rkey":"3ljckta7c7k2e"}}}}
{{"did":"did:plc:zed22222222222222222222","time_us":2,"kind":"commit","commit":{{"operation":"create","collection":"app.bsky.feed.like","rkey":"l1","record":{{"subject":{{"uri":"{post}","cid":"x"}},"createdAt":"2025-03-01T09:00:00Z"}}}}}}
"#
        ),
    )
    .expect("write");
    let (_t, c) = fresh(&[early, bluesky("jetstream.jsonl")]);
    assert_eq!(
        count(
            &c,
            &format!("SELECT COUNT(*) FROM posts WHERE native_id = '{post}'")
        ),
        0
    );
    assert_eq!(
        count(
            &c,
            &format!("SELECT COUNT(*) FROM ties WHERE subject = '{post}'")
        ),
        0
    );
    // A deleted account goes with its posts and ties.
    let gone = tmp.path().join("account_deleted.jsonl");
    std::fs::write(
        &gone,
        format!(r#"{{"did":"{carol}","time_us":9,"kind":"account","account":{{"active":false,"did":"{carol}","seq":1,"status":"deleted","time":"2025-03-02T00:00:00Z"}}}}"#),
    )
    .expect("write");
    let (_t, c) = fresh(&[bluesky("jetstream.jsonl"), gone]);
    assert_eq!(
        count(
            &c,
            &format!("SELECT COUNT(*) FROM accounts WHERE native_id = '{carol}'")
        ),
        0
    );
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM posts WHERE native_id LIKE 'at://did:plc:carol%'"
        ),
        0
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM ties WHERE src NOT IN (SELECT id FROM accounts) OR dst NOT IN (SELECT id FROM accounts)"),
        0
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM interactions WHERE src NOT IN (SELECT id FROM accounts) OR dst NOT IN (SELECT id FROM accounts)"),
        0
    );
}

#[test]
fn bluesky_feeds_and_search_dedupe() {
    let want = bluesky_expected();
    let (_tmp, feed) = fresh(&[bluesky("author_feed.json")]);
    assert_eq!(
        bluesky_rows(&feed)
            .into_iter()
            .filter(|r| r[0].contains("app.bsky.feed.post"))
            .collect::<BTreeSet<_>>(),
        expected_rows(&want["author_feed.json"]["posts"])
    );
    let reposts = rows(
        &feed,
        "SELECT (SELECT native_id FROM accounts a WHERE a.id = p.author), repost_of FROM posts p WHERE repost_of IS NOT NULL",
    );
    let expected: Vec<Vec<String>> = want["author_feed.json"]["reposts"]
        .as_array()
        .expect("reposts")
        .iter()
        .map(|p| {
            p.as_array()
                .expect("pair")
                .iter()
                .map(|x| x.as_str().expect("id").to_string())
                .collect()
        })
        .collect();
    assert_eq!(reposts, expected);
    let (_tmp, search) = fresh(&[bluesky("search_posts.json")]);
    assert_eq!(
        bluesky_rows(&search),
        expected_rows(&want["search_posts.json"]["posts"])
    );
    // A post in both responses is one post.
    let (_tmp, both) = fresh(&[bluesky("author_feed.json"), bluesky("search_posts.json")]);
    assert_eq!(
        count(&both, "SELECT COUNT(*) FROM posts"),
        count(&both, "SELECT COUNT(DISTINCT native_id) FROM posts")
    );
    assert!(
        count(&both, "SELECT COUNT(*) FROM posts")
            < count(&feed, "SELECT COUNT(*) FROM posts")
                + count(&search, "SELECT COUNT(*) FROM posts")
    );
}

#[test]
fn one_corpus_for_x_reddit_and_mastodon() {
    let Some(data) = data_dir("one_corpus_for_x_reddit_and_mastodon") else {
        return;
    };
    let posts = data.join("social-posts");
    let (_tmp, c) = fresh(&[
        posts.join("twitter-v2/twarc-csv/brexit.jsonl"),
        posts.join("reddit/pushshift-dump-sample/test_comments.ndjson"),
        posts.join("mastodon/mastodon-py/statuses_mastodon_social.jsonl"),
        bluesky("jetstream.jsonl"),
    ]);
    let s = c.stats(5).expect("stats");
    let platforms: Vec<&str> = s.by_platform.iter().map(|p| p.platform.as_str()).collect();
    assert_eq!(platforms, ["bluesky", "mastodon", "reddit", "x"]);
    let sum = |f: fn(&crowdmine::PlatformCount) -> u64| s.by_platform.iter().map(f).sum::<u64>();
    assert_eq!(sum(|p| p.posts), s.posts);
    assert_eq!(sum(|p| p.collected), s.collected);
    assert_eq!(sum(|p| p.accounts), s.accounts);
    assert_eq!(sum(|p| p.interactions), s.interactions);
    assert_eq!(sum(|p| p.ties), s.ties);
    let reddit = s
        .by_platform
        .iter()
        .find(|p| p.platform == "reddit")
        .expect("reddit");
    assert_eq!(reddit.posts, 27);
    // No interaction crosses platforms.
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM interactions i JOIN accounts s ON s.id = i.src JOIN accounts d ON d.id = i.dst \
             JOIN posts p ON p.id = i.post WHERE s.platform != d.platform OR s.platform != p.platform"
        ),
        0
    );
}

/// A v2 page naming the posts of the real tweets_compliance.jsonl (fictional content).
const COMPLIANCE_POSTS: &str = r#"{"data":[{"id":"1170025343920402432","text":"first #gone","author_id":"77","created_at":"2019-09-06T17:00:00.000Z"},{"id":"1170147183095664640","text":"second","author_id":"77","created_at":"2019-09-07T01:00:00.000Z","referenced_tweets":[{"type":"replied_to","id":"1170025343920402432"}],"in_reply_to_user_id":"77"},{"id":"5","text":"stays","author_id":"78"}],"includes":{"users":[{"id":"77","username":"someone","name":"S"},{"id":"78","username":"other","name":"O"}]}}"#;

#[test]
fn compliance_deletions_remove_posts_accounts_and_raw_json() {
    let Some(data) = data_dir("compliance_deletions_remove_posts_accounts_and_raw_json") else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let page = tmp.path().join("page.jsonl");
    std::fs::write(&page, COMPLIANCE_POSTS).expect("write");
    let twarc = data.join("social-posts/twitter-v2/twarc-csv");
    ingest_into(&db, &[page.clone(), twarc.join("users.jsonl")]);
    let before = Corpus::open_reader(&db).expect("reader");
    assert_eq!(count(&before, "SELECT COUNT(*) FROM posts WHERE native_id IN ('1170025343920402432', '1170147183095664640')"), 2);
    assert_eq!(
        count(
            &before,
            "SELECT COUNT(*) FROM accounts WHERE native_id = '1482680858'"
        ),
        1
    );
    let pinned = count(
        &before,
        "SELECT COUNT(*) FROM posts p JOIN accounts a ON a.id = p.author WHERE a.native_id = '1482680858'",
    );
    drop(before);
    // Sentiment scores are derived rows too: scored now, they must go with their posts.
    {
        let writer = Corpus::open_writer(&db).expect("writer");
        let scored =
            crowdmine::sentiment::score_posts(&writer, false, &mut |_, _| {}).expect("score");
        assert!(scored.scored >= 3, "{scored:?}");
    }
    let report = ingest_into(
        &db,
        &[
            twarc.join("tweets_compliance.jsonl"),
            twarc.join("users_compliance.jsonl"),
        ],
    );
    assert_eq!(report.files[0].ledger.removed_posts, 2);
    assert_eq!(report.files[1].ledger.removed_accounts, 1);
    assert_eq!(report.files[1].ledger.removed_posts as i64, pinned);
    let c = Corpus::open_reader(&db).expect("reader");
    assert_eq!(count(&c, "SELECT COUNT(*) FROM posts WHERE native_id IN ('1170025343920402432', '1170147183095664640')"), 0);
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM posts WHERE native_id = '5'"),
        1
    );
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM raw_posts WHERE post NOT IN (SELECT id FROM posts)"
        ),
        0
    );
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM entities WHERE post NOT IN (SELECT id FROM posts)"
        ),
        0
    );
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM interactions WHERE post NOT IN (SELECT id FROM posts)"
        ),
        0
    );
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM sentiment WHERE post NOT IN (SELECT id FROM posts)"
        ),
        0
    );
    assert!(count(&c, "SELECT COUNT(*) FROM sentiment") > 0);
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM accounts WHERE native_id = '1482680858'"
        ),
        0
    );
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM raw_accounts WHERE account NOT IN (SELECT id FROM accounts)"
        ),
        0
    );
    drop(c);
    // Ingesting the posts again does not bring them back.
    std::fs::write(&page, format!("{COMPLIANCE_POSTS}\n")).expect("rewrite");
    ingest_into(&db, &[page]);
    let c = Corpus::open_reader(&db).expect("reader");
    assert_eq!(count(&c, "SELECT COUNT(*) FROM posts WHERE native_id IN ('1170025343920402432', '1170147183095664640')"), 0);
}
