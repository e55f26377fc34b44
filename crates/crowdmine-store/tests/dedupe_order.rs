//! The corpus does not depend on the order records arrive in, nor on restarts between them:
//! applying the same records in any order, with the writer reopened at any point, gives the same
//! canonical dump.

use crowdmine_model::{Account, Entity, EntityKind, Platform, Post};
use crowdmine_store::{Corpus, RecordSource};
use proptest::prelude::*;

struct Record {
    line: u64,
    retrieved_at: Option<i64>,
    accounts: Vec<Account>,
    posts: Vec<Post>,
}

fn account(id: &str, handle: &str, followers: i64) -> Account {
    Account {
        native_id: Some(id.into()),
        handle: Some(handle.into()),
        followers: Some(followers),
        has_object: true,
        ..Account::default()
    }
}

fn tag(kind: EntityKind, value: &str, detail: Option<&str>) -> Entity {
    Entity {
        kind,
        value: value.into(),
        detail: detail.map(str::to_string),
    }
}

fn post(id: &str, author: &str, collected: bool) -> Post {
    Post {
        native_id: id.into(),
        author: Some(author.into()),
        created_at: Some(1_600_000_000),
        text: Some(format!("text of {id}")),
        collected,
        ..Post::default()
    }
}

/// Records that exercise every merge rule: edits arriving in both orders, a post collected in
/// one record and referenced in another with different entity details, an account renamed between
/// retrievals, a retweet whose original arrives later, mentions by id.
fn records() -> Vec<Record> {
    let mut a_old = post("100", "1", true);
    a_old.entities = vec![tag(EntityKind::Hashtag, "old", None)];
    let mut a_new = post("101", "1", false);
    a_new.versions = vec!["100".into(), "101".into()];
    a_new.text = Some("edited".into());
    a_new.entities = vec![tag(EntityKind::Hashtag, "new", None)];
    let mut a_old_in_history = post("100", "1", false);
    a_old_in_history.versions = vec!["100".into(), "101".into()];

    let mut p_data = post("200", "2", true);
    p_data.entities = vec![tag(EntityKind::Media, "m1", Some("photo"))];
    p_data.mentions = vec![(Some("1".into()), "ada".into())];
    let mut p_incl = post("200", "2", false);
    p_incl.entities = vec![
        tag(EntityKind::Media, "m1", None),
        tag(EntityKind::Url, "https://example.org/", Some("example.org")),
    ];
    let mut rt = post("300", "3", true);
    rt.repost_of = Some("200".into());
    rt.repost_of_author = Some("2".into());
    rt.mentions = vec![(Some("2".into()), "bo".into())];
    vec![
        Record {
            line: 1,
            retrieved_at: Some(10),
            accounts: vec![account("1", "ada", 5)],
            posts: vec![a_old],
        },
        Record {
            line: 2,
            retrieved_at: Some(20),
            accounts: vec![account("1", "ada_renamed", 7)],
            posts: vec![a_new, a_old_in_history],
        },
        Record {
            line: 3,
            retrieved_at: Some(15),
            accounts: vec![account("2", "bo", 1)],
            posts: vec![p_data],
        },
        Record {
            line: 4,
            retrieved_at: Some(15),
            accounts: vec![],
            posts: vec![p_incl],
        },
        Record {
            line: 5,
            retrieved_at: None,
            accounts: vec![account("3", "cy", 2)],
            posts: vec![rt],
        },
        Record {
            line: 6,
            retrieved_at: Some(30),
            accounts: vec![account("2", "bo", 9)],
            posts: vec![],
        },
    ]
}

/// Applies the records in `order`, reopening the corpus (a restart) after `restart_after` of
/// them, and returns the canonical dump.
fn ingest(order: &[usize], restart_after: usize) -> String {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let all = records();
    for (part, chunk) in [&order[..restart_after], &order[restart_after..]]
        .into_iter()
        .enumerate()
    {
        let mut corpus = Corpus::open_writer(&db).expect("corpus");
        let mut w = corpus.writer(false, None).expect("writer");
        let file = w.begin_file("/data/x.jsonl", 1, 1).expect("file").id;
        for &i in chunk {
            let r = &all[i];
            let src = RecordSource {
                platform: Platform::X,
                file,
                line: r.line,
                retrieved_at: r.retrieved_at,
            };
            let accounts = r.accounts.iter().cloned().map(|a| (a, None)).collect();
            let posts = r.posts.iter().cloned().map(|p| (p, None)).collect();
            w.apply_record(src, accounts, posts, Vec::new(), 0)
                .expect("apply");
        }
        w.checkpoint(file, part as u64, None).expect("commit");
    }
    Corpus::open_reader(&db)
        .expect("reader")
        .canonical_dump(false)
        .expect("dump")
}

#[test]
fn the_merge_rules_hold() {
    let dump = ingest(&[0, 1, 2, 3, 4, 5], 6);
    // One post for both versions, holding the edit, with both ids recorded.
    assert!(
        dump.contains("post\tx\t101\t1\t1600000000\toriginal\tedited"),
        "{dump}"
    );
    assert!(!dump.contains("post\tx\t100\t"), "{dump}");
    assert!(
        dump.contains("version\tx\t100\t101") && dump.contains("version\tx\t101\t101"),
        "{dump}"
    );
    // Only the latest version's entities.
    assert!(
        dump.contains("entity\tx\t101\thashtag\tnew") && !dump.contains("hashtag\told"),
        "{dump}"
    );
    // Collected wins; same-version records merge entities, keeping the non-null detail.
    assert!(dump.contains("entity\tx\t200\tmedia\tm1\tphoto"), "{dump}");
    assert!(
        dump.contains("entity\tx\t200\turl\thttps://example.org/\texample.org"),
        "{dump}"
    );
    // The later retrieval of an account wins.
    assert!(dump.contains("account\tx\t1\tada_renamed"), "{dump}");
    assert!(dump.contains("account\tx\t2\tbo\t∅\t∅\t9"), "{dump}");
}

proptest! {
    #[test]
    fn order_and_restarts_do_not_change_the_corpus(
        order in Just((0..6).collect::<Vec<usize>>()).prop_shuffle(),
        restart_after in 0usize..=6,
    ) {
        prop_assert_eq!(ingest(&order, restart_after), ingest(&[0, 1, 2, 3, 4, 5], 6));
    }
}
