//! Reddit adapter: API Listings of `t3` submissions and `t1` comments, comment trees with nested
//! `replies`, `/api/morechildren` responses, single things, and Pushshift / Arctic Shift dump
//! lines (bare submission or comment objects).
//!
//! Conventions:
//! - Posts are keyed by fullname (`t3_…`, `t1_…`), shared by the API and the dumps, so a comment
//!   fetched by `morechildren` joins the tree its `parent_id` names, whatever file it came in.
//! - A comment's `reply_to` is its `parent_id` and its `root` the submission (`link_id`); reply
//!   interactions are derived once the parent is in the corpus (the parent's author is not in
//!   the comment).
//! - Accounts are keyed by username: Reddit usernames never change, and old dumps carry no
//!   `author_fullname`. Placeholder authors (`[deleted]`, `[removed]`) are no account at all, so
//!   they are never merged into one.
//! - A body of `[deleted]` or `[removed]` is no text: `text` is NULL and `removed` says which.
//!   A submission's text is its title, then its self text.
//! - The subreddit is the post's `community`; `score` is stored as `like_count` and
//!   `num_comments` as `reply_count`; a crosspost quotes its parent.
//! - `more` stubs are placeholders for comments not yet fetched and produce nothing.

use crate::loose::{Num, Text};
use crate::{plain, AdapterOptions, Outcome, WithRaw};
use crowdmine_model::url::{canonicalize, domain};
use crowdmine_model::{Account, Entity, EntityKind, Platform, Post};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

const PLATFORM: Platform = Platform::Reddit;

/// The fields of any Reddit object this adapter reads, at either level of a `{kind, data}`
/// thing, or of a bare dump line. Typed and borrowed (the other hundred-odd fields of a dump
/// line are skipped unparsed); leniently typed, as dumps are not consistent.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Fields<'a> {
    #[serde(borrow)]
    kind: Text<'a>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
    #[serde(borrow)]
    json: Option<&'a RawValue>,
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    author: Text<'a>,
    #[serde(borrow)]
    subreddit: Text<'a>,
    created_utc: Option<Num>,
    author_created_utc: Num,
    score: Num,
    over_18: Num,
    num_comments: Num,
    is_self: Num,
    verified: Num,
    /// When a dump retrieved the object (Pushshift `retrieved_on`, Arctic Shift `retrieved_utc`).
    retrieved_on: Option<Num>,
    retrieved_utc: Option<Num>,
    #[serde(borrow)]
    body: Option<Text<'a>>,
    #[serde(borrow)]
    title: Option<Text<'a>>,
    #[serde(borrow)]
    selftext: Text<'a>,
    #[serde(borrow)]
    parent_id: Text<'a>,
    #[serde(borrow)]
    link_id: Text<'a>,
    #[serde(borrow)]
    url: Text<'a>,
    #[serde(borrow)]
    url_overridden_by_dest: Text<'a>,
    #[serde(borrow)]
    crosspost_parent: Text<'a>,
    #[serde(borrow)]
    crosspost_parent_list: Option<Vec<Author<'a>>>,
    #[serde(borrow)]
    removed_by_category: Text<'a>,
    #[serde(borrow)]
    replies: Option<&'a RawValue>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Author<'a> {
    #[serde(borrow)]
    author: Text<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Children<'a> {
    #[serde(borrow)]
    children: Vec<&'a RawValue>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MoreChildren<'a> {
    #[serde(borrow)]
    data: Option<Things<'a>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Things<'a> {
    #[serde(borrow)]
    things: Vec<&'a RawValue>,
}

impl Fields<'_> {
    /// A bare dump object: a submission or a comment without its `{kind, data}` wrapper.
    fn is_dump(&self) -> bool {
        self.id.as_str().is_some()
            && self.subreddit.as_str().is_some()
            && self.created_utc.is_some()
            && (self.body.is_some() || self.title.is_some())
    }

    fn is_thing(&self) -> bool {
        matches!(
            self.kind.as_str(),
            Some("Listing" | "t1" | "t2" | "t3" | "t4" | "t5" | "more")
        )
    }
}

/// Is this record Reddit's?
pub fn detect(bytes: &[u8]) -> Option<crate::Format> {
    let first = match elements(bytes) {
        Some(items) => items.first()?.get().as_bytes(),
        None => bytes,
    };
    let f: Fields = serde_json::from_slice(first).ok()?;
    (f.is_thing() || f.json.is_some_and(|j| j.get().contains("\"things\"")) || f.is_dump())
        .then_some(crate::Format::Reddit)
}

/// The elements of a top-level array.
fn elements(bytes: &[u8]) -> Option<Vec<&RawValue>> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    (*first == b'[')
        .then(|| serde_json::from_slice::<Vec<&RawValue>>(bytes).ok())
        .flatten()
}

#[derive(Default)]
struct Out {
    posts: Vec<WithRaw<Post>>,
    accounts: Vec<WithRaw<Account>>,
    keep_raw: bool,
    /// Things that are neither posts nor placeholders (messages, subreddits).
    other: Option<&'static str>,
    /// The dump's retrieval time, which orders two copies of one object.
    retrieved_at: Option<i64>,
}

fn malformed(e: serde_json::Error) -> String {
    format!("malformed JSON: {e}")
}

/// Parses one record of a Reddit file.
pub fn parse(bytes: &[u8], opts: &AdapterOptions) -> Outcome {
    let mut out = Out {
        keep_raw: opts.keep_raw,
        ..Out::default()
    };
    let result = match elements(bytes) {
        Some(items) => items
            .iter()
            .try_for_each(|i| record(i.get().as_bytes(), &mut out)),
        None => record(bytes, &mut out),
    };
    if let Err(reason) = result {
        return Outcome::rejected(reason);
    }
    if out.posts.iter().any(|p| p.value.native_id.len() <= 3) {
        return Outcome::rejected("a Reddit post without an id");
    }
    if out.posts.is_empty() && out.accounts.is_empty() {
        return Outcome::Skipped {
            platform: PLATFORM,
            resource: out
                .other
                .unwrap_or("reddit listing without posts (more stubs)"),
            compliance: Vec::new(),
        };
    }
    Outcome::Objects {
        platform: PLATFORM,
        posts: out.posts,
        accounts: out.accounts,
        ties: Vec::new(),
        retrieved_at: out.retrieved_at,
        api_errors: 0,
    }
}

/// One object: a thing or Listing, a `morechildren` response, or a dump line.
fn record(bytes: &[u8], out: &mut Out) -> Result<(), String> {
    let f: Fields = serde_json::from_slice(bytes).map_err(malformed)?;
    if f.is_thing() {
        thing(&f, out)
    } else if let Some(json) = f.json {
        let more: MoreChildren = serde_json::from_str(json.get()).map_err(malformed)?;
        for t in more.data.map(|d| d.things).unwrap_or_default() {
            record(t.get().as_bytes(), out)?;
        }
        Ok(())
    } else if f.is_dump() {
        let kind = if f.body.is_some() { "t1" } else { "t3" };
        let retrieved = f.retrieved_utc.or(f.retrieved_on).and_then(|n| n.int());
        out.retrieved_at = out.retrieved_at.max(retrieved);
        post(kind, &f, bytes, out)
    } else {
        Err("not a Reddit record: no kind, things or dump fields".into())
    }
}

/// A `{kind, data}` thing: a Listing's children, a post, an account, or something skipped.
fn thing(f: &Fields, out: &mut Out) -> Result<(), String> {
    let Some(data) = f.data else {
        return Ok(());
    };
    match f.kind.as_str() {
        Some("Listing") => {
            let listing: Children = serde_json::from_str(data.get()).map_err(malformed)?;
            for child in listing.children {
                record(child.get().as_bytes(), out)?;
            }
            Ok(())
        }
        Some(kind @ ("t1" | "t3")) => {
            let fields: Fields = serde_json::from_str(data.get()).map_err(malformed)?;
            post(kind, &fields, data.get().as_bytes(), out)
        }
        Some("t2") => {
            let fields: Fields = serde_json::from_str(data.get()).map_err(malformed)?;
            account(&fields, data.get().as_bytes(), out);
            Ok(())
        }
        Some("t4") => {
            out.other = Some("reddit private message");
            Ok(())
        }
        Some("t5") => {
            out.other = Some("reddit subreddit");
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The author's username, or `None` for a placeholder.
fn author(t: &Text) -> Option<String> {
    t.as_str()
        .filter(|a| !a.is_empty() && !matches!(*a, "[deleted]" | "[removed]"))
        .map(str::to_string)
}

/// Reddit escapes `&`, `<` and `>` in bodies and titles.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Text of a body, or why there is none.
fn body(s: Option<&str>) -> (Option<String>, Option<String>) {
    match s {
        Some("[deleted]") => (None, Some("deleted".into())),
        Some("[removed]") => (None, Some("removed".into())),
        Some("") | None => (None, None),
        Some(t) => (Some(unescape(t)), None),
    }
}

/// `u/name` and `/u/name` mentions of a body.
fn mentions(text: &str) -> Vec<(Option<String>, String)> {
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find("u/").map(|i| i + from) {
        from = at + 2;
        let before = if at > 0 { bytes[at - 1] } else { b' ' };
        let start_ok = before == b'/' && (at < 2 || !bytes[at - 2].is_ascii_alphanumeric())
            || !(before.is_ascii_alphanumeric() || before == b'_' || before == b'/');
        if !start_ok {
            continue;
        }
        let name: String = text[at + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        // By handle (matched without case, as Reddit matches usernames), not as an id: `u/name`
        // may differ in case from the account's own spelling.
        if (3..=20).contains(&name.len()) && !out.iter().any(|m| m.1.eq_ignore_ascii_case(&name)) {
            out.push((None, name));
        }
    }
    out
}

fn fullname(prefix: &str, f: &Fields) -> String {
    match f.name.as_str().filter(|n| n.starts_with(prefix)) {
        Some(n) => n.to_string(),
        None => format!("{prefix}_{}", f.id.as_str().unwrap_or_default()),
    }
}

fn post(kind: &str, f: &Fields, bytes: &[u8], out: &mut Out) -> Result<(), String> {
    let author_name = author(&f.author);
    let mut p = Post {
        native_id: fullname(kind, f),
        author: author_name.clone(),
        created_at: f
            .created_utc
            .and_then(|n| n.float())
            .map(|t| t.floor() as i64),
        community: f.subreddit.owned(),
        like_count: f.score.int(),
        sensitive: f.over_18.boolean(),
        collected: true,
        ..Post::default()
    };
    if kind == "t1" {
        (p.text, p.removed) = body(f.body.as_ref().and_then(Text::as_str));
        p.reply_to = f.parent_id.owned();
        p.root = f.link_id.owned();
    } else {
        let title = f.title.as_ref().and_then(Text::as_str).map(unescape);
        let (text, removed) = body(f.selftext.as_str());
        p.removed = removed.or_else(|| {
            // A removed link post keeps its title; Reddit says why in `removed_by_category`.
            f.removed_by_category
                .as_str()
                .map(|c| if c == "deleted" { "deleted" } else { "removed" }.to_string())
        });
        p.text = match (title, text) {
            (Some(t), Some(s)) => Some(format!("{t}\n\n{s}")),
            (t, s) => t.or(s),
        };
        p.reply_count = f.num_comments.int();
        if f.is_self.boolean() == Some(false) {
            let url = f.url_overridden_by_dest.as_str().or(f.url.as_str());
            if let Some(url) = url.filter(|u| u.starts_with("http")) {
                let value = canonicalize(url);
                p.entities.push(Entity {
                    kind: EntityKind::Url,
                    detail: domain(PLATFORM, &value),
                    value,
                });
            }
        }
        if let Some(parent) = f.crosspost_parent.owned() {
            p.quote_of = Some(parent);
            p.quote_of_author = f
                .crosspost_parent_list
                .as_ref()
                .and_then(|l| l.first())
                .and_then(|a| author(&a.author));
        }
    }
    if let Some(text) = &p.text {
        for e in plain::links(PLATFORM, text) {
            if !p.entities.contains(&e) {
                p.entities.push(e);
            }
        }
        p.entities.extend(plain::tags(text));
        p.mentions = mentions(text);
    }
    if let Some(name) = &author_name {
        let a = Account {
            native_id: Some(name.clone()),
            handle: Some(name.clone()),
            created_at: f.author_created_utc.int(),
            ..Account::default()
        };
        out.accounts.push(WithRaw {
            value: a,
            raw: None,
        });
    }
    // Nested replies of a comment tree are posts of their own, so the raw JSON leaves them out.
    let nested = f.replies.filter(|r| r.get().starts_with('{'));
    let raw = match nested {
        _ if !out.keep_raw => None,
        Some(_) => Some(without_replies(bytes)),
        None => Some(bytes.to_vec()),
    };
    out.posts.push(WithRaw { value: p, raw });
    if let Some(replies) = nested {
        record(replies.get().as_bytes(), out)?;
    }
    Ok(())
}

/// The JSON of a thing without its nested `replies`.
fn without_replies(bytes: &[u8]) -> Vec<u8> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(mut v) => {
            if let Some(o) = v.as_object_mut() {
                o.remove("replies");
            }
            serde_json::to_vec(&v).unwrap_or_default()
        }
        Err(_) => bytes.to_vec(),
    }
}

/// A `t2` account object (`/user/NAME/about`).
fn account(f: &Fields, bytes: &[u8], out: &mut Out) {
    let Some(name) = f.name.owned() else {
        return;
    };
    let a = Account {
        native_id: Some(name.clone()),
        handle: Some(name),
        created_at: f.created_utc.and_then(|n| n.int()),
        verified: f.verified.boolean(),
        has_object: true,
        ..Account::default()
    };
    let raw = out.keep_raw.then(|| bytes.to_vec());
    out.accounts.push(WithRaw { value: a, raw });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posts(json: &str) -> Vec<Post> {
        match parse(json.as_bytes(), &AdapterOptions::default()) {
            Outcome::Objects { posts, .. } => posts.into_iter().map(|p| p.value).collect(),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn created_utc_of_any_type() {
        for t in [
            "1706745600",
            "1706745600.0",
            "\"1706745600\"",
            "\"1706745600.0\"",
        ] {
            let line = format!(
                r#"{{"id":"a","subreddit":"s","created_utc":{t},"body":"hi","author":"x","parent_id":"t3_b","link_id":"t3_b"}}"#
            );
            let p = &posts(&line)[0];
            assert_eq!(p.created_at, Some(1706745600));
            assert_eq!(p.native_id, "t1_a");
            assert_eq!(p.reply_to.as_deref(), Some("t3_b"));
        }
    }

    #[test]
    fn placeholders_are_no_account_and_no_text() {
        let line = r#"{"id":"a","subreddit":"s","created_utc":1,"body":"[removed]","author":"[deleted]","parent_id":"t3_b","link_id":"t3_b"}"#;
        let p = &posts(line)[0];
        assert_eq!(p.author, None);
        assert_eq!(p.text, None);
        assert_eq!(p.removed.as_deref(), Some("removed"));
    }

    #[test]
    fn nested_tree_and_mentions() {
        let tree = r#"{"kind":"Listing","data":{"children":[
          {"kind":"t1","data":{"name":"t1_a","id":"a","author":"x","body":"hi u/someone &amp; /u/other","parent_id":"t3_s","link_id":"t3_s","created_utc":1,"subreddit":"r",
            "replies":{"kind":"Listing","data":{"children":[
              {"kind":"t1","data":{"name":"t1_b","id":"b","author":"y","body":"re","parent_id":"t1_a","link_id":"t3_s","created_utc":2,"subreddit":"r","replies":""}},
              {"kind":"more","data":{"children":["c"],"parent_id":"t1_a","count":1}}]}}}}]}}"#;
        let ps = posts(tree);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].text.as_deref(), Some("hi u/someone & /u/other"));
        let names: Vec<_> = ps[0].mentions.iter().map(|m| m.1.as_str()).collect();
        assert!(ps[0].mentions.iter().all(|m| m.0.is_none()));
        assert_eq!(names, ["someone", "other"]);
        assert_eq!(ps[1].reply_to.as_deref(), Some("t1_a"));
        assert_eq!(ps[1].root.as_deref(), Some("t3_s"));
    }

    #[test]
    fn morechildren_response() {
        let r = r#"{"json":{"errors":[],"data":{"things":[{"kind":"t1","data":{"name":"t1_c","id":"c","author":"z","body":"x","parent_id":"t1_a","link_id":"t3_s","created_utc":3,"subreddit":"r"}}]}}}"#;
        assert_eq!(posts(r)[0].native_id, "t1_c");
    }
}
