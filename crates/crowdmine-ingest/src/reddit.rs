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

use crate::json::{boolean, has, int, str_of, string, unix_seconds};
use crate::{plain, AdapterOptions, Outcome, WithRaw};
use crowdmine_model::url::{canonicalize, domain};
use crowdmine_model::{Account, Entity, EntityKind, Platform, Post};
use serde_json::Value;

const PLATFORM: Platform = Platform::Reddit;

/// What a Reddit record is.
enum Shape {
    /// A `{kind, data}` thing or Listing.
    Thing,
    /// A `/api/morechildren` response.
    MoreChildren,
    /// A bare dump object (Pushshift / Arctic Shift).
    Dump,
}

fn shape(v: &Value) -> Option<Shape> {
    if let Some(kind) = str_of(v, "kind") {
        return matches!(kind, "Listing" | "t1" | "t2" | "t3" | "t4" | "t5" | "more")
            .then_some(Shape::Thing);
    }
    if v.pointer("/json/data/things").is_some() {
        return Some(Shape::MoreChildren);
    }
    let dump = has(v, "id")
        && has(v, "subreddit")
        && v.get("created_utc").is_some()
        && (v.get("body").is_some() || v.get("title").is_some());
    dump.then_some(Shape::Dump)
}

/// Is this record Reddit's?
pub fn detect(bytes: &[u8]) -> Option<crate::Format> {
    let v: Value = serde_json::from_slice(bytes).ok()?;
    let first = match &v {
        Value::Array(items) => items.first()?,
        v => v,
    };
    shape(first).map(|_| crate::Format::Reddit)
}

#[derive(Default)]
struct Out {
    posts: Vec<WithRaw<Post>>,
    accounts: Vec<WithRaw<Account>>,
    keep_raw: bool,
    /// Things that are neither posts nor placeholders (messages, subreddits).
    other: Option<&'static str>,
}

/// Parses one record of a Reddit file.
pub fn parse(bytes: &[u8], opts: &AdapterOptions) -> Outcome {
    let v: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Outcome::rejected(format!("malformed JSON: {e}")),
    };
    let mut out = Out {
        keep_raw: opts.keep_raw,
        ..Out::default()
    };
    let items = match &v {
        Value::Array(items) => items.as_slice(),
        v => std::slice::from_ref(v),
    };
    for item in items {
        match shape(item) {
            Some(Shape::Thing) => thing(item, &mut out),
            Some(Shape::MoreChildren) => {
                for t in crate::json::array(&v["json"]["data"], "things") {
                    thing(t, &mut out);
                }
            }
            Some(Shape::Dump) => {
                let kind = if item.get("body").is_some() {
                    "t1"
                } else {
                    "t3"
                };
                post(kind, item, true, &mut out);
            }
            None => {
                return Outcome::rejected("not a Reddit record: no kind, things or dump fields")
            }
        }
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
        retrieved_at: None,
        api_errors: 0,
    }
}

/// A `{kind, data}` thing: a Listing's children, a post, or something skipped.
fn thing(v: &Value, out: &mut Out) {
    let data = &v["data"];
    match str_of(v, "kind") {
        Some("Listing") => {
            for child in crate::json::array(data, "children") {
                thing(child, out);
            }
        }
        Some(kind @ ("t1" | "t3")) => post(kind, data, true, out),
        Some("t2") => account(data, out),
        Some("t4") => out.other = Some("reddit private message"),
        Some("t5") => out.other = Some("reddit subreddit"),
        _ => {}
    }
}

/// The author's username, or `None` for a placeholder.
fn author(v: &Value) -> Option<&str> {
    str_of(v, "author").filter(|a| !a.is_empty() && !matches!(*a, "[deleted]" | "[removed]"))
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
        if (3..=20).contains(&name.len()) && !out.iter().any(|m| m.1 == name) {
            out.push((Some(name.clone()), name));
        }
    }
    out
}

fn fullname(prefix: &str, v: &Value) -> String {
    match string(v, "name").filter(|n| n.starts_with(prefix)) {
        Some(n) => n,
        None => format!("{prefix}_{}", string(v, "id").unwrap_or_default()),
    }
}

fn post(kind: &str, v: &Value, collected: bool, out: &mut Out) {
    let author_name = author(v).map(str::to_string);
    let mut p = Post {
        native_id: fullname(kind, v),
        author: author_name.clone(),
        created_at: unix_seconds(v, "created_utc"),
        community: string(v, "subreddit"),
        like_count: int(v, "score"),
        sensitive: boolean(v, "over_18"),
        collected,
        ..Post::default()
    };
    if kind == "t1" {
        (p.text, p.removed) = body(str_of(v, "body"));
        p.reply_to = string(v, "parent_id");
        p.root = string(v, "link_id");
    } else {
        let title = str_of(v, "title").map(unescape);
        let (text, removed) = body(str_of(v, "selftext"));
        p.removed = removed.or_else(|| {
            // A removed link post keeps its title; Reddit says why in `removed_by_category`.
            str_of(v, "removed_by_category")
                .map(|c| if c == "deleted" { "deleted" } else { "removed" }.to_string())
        });
        p.text = match (title, text) {
            (Some(t), Some(s)) => Some(format!("{t}\n\n{s}")),
            (t, s) => t.or(s),
        };
        p.reply_count = int(v, "num_comments");
        if boolean(v, "is_self") == Some(false) {
            if let Some(url) = str_of(v, "url_overridden_by_dest").or_else(|| str_of(v, "url")) {
                if url.starts_with("http") {
                    let value = canonicalize(url);
                    p.entities.push(Entity {
                        kind: EntityKind::Url,
                        detail: domain(PLATFORM, &value),
                        value,
                    });
                }
            }
        }
        if let Some(parent) = string(v, "crosspost_parent") {
            p.quote_of = Some(parent);
            p.quote_of_author = v
                .pointer("/crosspost_parent_list/0")
                .and_then(author)
                .map(str::to_string);
        }
        p.visibility = boolean(v, "hidden")
            .filter(|h| *h)
            .map(|_| "hidden".to_string());
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
            created_at: unix_seconds(v, "author_created_utc"),
            ..Account::default()
        };
        out.accounts.push(WithRaw {
            value: a,
            raw: None,
        });
    }
    let raw = out.keep_raw.then(|| raw_without_replies(v));
    out.posts.push(WithRaw { value: p, raw });
    // Nested replies of a comment tree.
    if let Some(replies) = v.get("replies").filter(|r| r.is_object()) {
        thing(replies, out);
    }
}

/// The raw JSON of a thing without its nested replies (they are stored with their own posts).
fn raw_without_replies(v: &Value) -> Vec<u8> {
    match v.get("replies") {
        Some(r) if r.is_object() => {
            let mut copy = v.clone();
            if let Some(o) = copy.as_object_mut() {
                o.remove("replies");
            }
            serde_json::to_vec(&copy).unwrap_or_default()
        }
        _ => serde_json::to_vec(v).unwrap_or_default(),
    }
}

/// A `t2` account object (`/user/NAME/about`).
fn account(v: &Value, out: &mut Out) {
    let Some(name) = string(v, "name") else {
        return;
    };
    let a = Account {
        native_id: Some(name.clone()),
        handle: Some(name),
        created_at: unix_seconds(v, "created_utc"),
        verified: boolean(v, "verified"),
        post_count: int(v, "link_karma"),
        has_object: true,
        ..Account::default()
    };
    let raw = out
        .keep_raw
        .then(|| serde_json::to_vec(v).unwrap_or_default());
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
