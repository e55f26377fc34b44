//! X/Twitter adapters: API v2 (pages, filtered-stream lines, lookups, user pages, twarc2 flattened
//! tweets) and API v1.1 (statuses, search responses, nested retweets and quotes, user objects).
//!
//! Conventions:
//! - Tweets in a page's `data` are *collected*; tweets only in `includes.tweets`, nested
//!   `retweeted_status`/`quoted_status`, or inlined in a flattened tweet's `referenced_tweets` are
//!   *referenced*.
//! - The author of a retweeted or quoted tweet is taken from the same record (includes, nested or
//!   inlined objects), so interactions never need a second pass.
//! - A mention without an id is resolved against the record's own `includes.users` by handle.
//! - `edit_history_tweet_ids` lists every version of a post; all are kept so the corpus stores
//!   one post per latest version.
//! - Non-post resources (tweet counts, lists, compliance results, geo look-ups, id lists) are
//!   recognised and skipped with their name; compliance results are kept.

use crate::json::{array, boolean, has, id, int, str_of, string};
use crate::{AdapterOptions, Format, Outcome, WithRaw};
use crowdmine_model::time::{parse_rfc3339, parse_twitter_v1};
use crowdmine_model::url::{canonicalize, domain};
use crowdmine_model::{Account, ComplianceEvent, Entity, EntityKind, Geo, Post};
use serde_json::Value;
use std::collections::HashMap;

/// What a single X record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    V2Tweets,
    V2Users,
    V2Flat,
    V1Status,
    V1Search,
    V1User,
    V1Users,
    /// A resource that holds no posts or accounts, with the API version that has it.
    Skip(&'static str, Format),
}

fn shape(v: &Value) -> Option<Shape> {
    let obj = v.as_object()?;
    if obj.contains_key("data") || obj.contains_key("includes") {
        let first = match v.get("data") {
            Some(Value::Array(a)) => a.first(),
            Some(d @ Value::Object(_)) => Some(d),
            _ => None,
        };
        return Some(match first {
            Some(d) if has(d, "text") => Shape::V2Tweets,
            Some(d) if has(d, "username") => Shape::V2Users,
            Some(d) if has(d, "tweet_count") => Shape::Skip("tweet counts", Format::XV2),
            Some(d) if has(d, "member_count") || has(d, "owner_id") => {
                Shape::Skip("lists", Format::XV2)
            }
            Some(d) if has(d, "place_type") => Shape::Skip("places", Format::XV2),
            Some(_) => Shape::Skip("unrecognised v2 resource", Format::XV2),
            None if v.get("includes").is_some() => Shape::V2Tweets,
            None if obj.contains_key("errors") => Shape::Skip("error-only page", Format::XV2),
            None => Shape::Skip("empty page", Format::XV2),
        });
    }
    if obj.contains_key("statuses") && obj.contains_key("search_metadata") {
        return Some(Shape::V1Search);
    }
    if has(v, "id_str") && has(v, "user") && (has(v, "text") || has(v, "full_text")) {
        return Some(Shape::V1Status);
    }
    if has(v, "id_str") && has(v, "screen_name") {
        return Some(Shape::V1User);
    }
    if v.get("users").is_some_and(Value::is_array) {
        return Some(Shape::V1Users);
    }
    if has(v, "id")
        && has(v, "text")
        && (has(v, "author") || has(v, "author_id") || has(v, "edit_history_tweet_ids"))
    {
        return Some(Shape::V2Flat);
    }
    if has(v, "id") && has(v, "action") && !has(v, "text") {
        return Some(Shape::Skip("compliance results", Format::XV2));
    }
    if v.get("ids").is_some_and(Value::is_array) {
        return Some(Shape::Skip(
            "id list (retweeters, followers or friends)",
            Format::XV1,
        ));
    }
    if v.pointer("/result/places").is_some() {
        return Some(Shape::Skip("geo look-up", Format::XV1));
    }
    if has(v, "tweet_count") && has(v, "start") {
        return Some(Shape::Skip("tweet counts", Format::XV2));
    }
    None
}

fn format_of(s: Shape) -> Option<Format> {
    match s {
        Shape::V2Tweets | Shape::V2Users | Shape::V2Flat => Some(Format::XV2),
        Shape::V1Status | Shape::V1Search | Shape::V1User | Shape::V1Users => Some(Format::XV1),
        Shape::Skip(..) => None,
    }
}

/// The X format of a record (for resources: the API version that serves them).
pub fn detect(v: &Value) -> Option<Format> {
    let v = match v {
        Value::Array(a) => a.first()?,
        v => v,
    };
    shape(v).map(|s| match s {
        Shape::Skip(_, f) => f,
        s => format_of(s).unwrap_or(Format::XV2),
    })
}

/// Accumulates the objects of one record.
#[derive(Default)]
struct Out {
    posts: Vec<WithRaw<Post>>,
    accounts: Vec<WithRaw<Account>>,
    keep_raw: bool,
}

impl Out {
    fn raw(&self, v: &Value) -> Option<Vec<u8>> {
        self.keep_raw
            .then(|| serde_json::to_vec(v).unwrap_or_default())
    }
    fn post(&mut self, p: Post, v: &Value) {
        let raw = self.raw(v);
        self.posts.push(WithRaw { value: p, raw });
    }
    fn account(&mut self, a: Account, v: &Value) {
        let raw = self.raw(v);
        self.accounts.push(WithRaw { value: a, raw });
    }
}

pub fn parse(format: Format, v: &Value, opts: AdapterOptions) -> Outcome {
    let mut out = Out {
        keep_raw: opts.keep_raw,
        ..Out::default()
    };
    let mut api_errors = 0;
    let mut retrieved_at = None;
    let mut skipped = None;
    let mut compliance = Vec::new();
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        v => vec![v],
    };
    for item in items {
        let Some(s) = shape(item) else {
            return Outcome::Rejected {
                reason: format!("not a record of {format}: unrecognised object"),
            };
        };
        if let Some(f) = format_of(s) {
            if f != format {
                return Outcome::Rejected {
                    reason: format!("an {f} record in a file read as {format}"),
                };
            }
        }
        if let Some(t) = item
            .pointer("/__twarc/retrieved_at")
            .and_then(Value::as_str)
        {
            retrieved_at = parse_rfc3339(t);
        }
        match s {
            Shape::V2Tweets | Shape::V2Users => {
                api_errors += array(item, "errors").len() as u32;
                v2_page(item, s == Shape::V2Users, &mut out);
            }
            Shape::V2Flat => v2_flat(item, true, &mut out),
            Shape::V1Status => v1_status(item, true, &mut out),
            Shape::V1Search => {
                for st in array(item, "statuses") {
                    v1_status(st, true, &mut out);
                }
            }
            Shape::V1User => v1_user_with_status(item, &mut out),
            Shape::V1Users => {
                for u in array(item, "users") {
                    v1_user_with_status(u, &mut out);
                }
            }
            Shape::Skip(what, _) => {
                if what == "compliance results" {
                    compliance.push(compliance_event(item, opts.account_compliance));
                }
                skipped = Some(what);
            }
        }
    }
    match skipped {
        Some(resource) if out.posts.is_empty() && out.accounts.is_empty() => Outcome::Skipped {
            resource,
            compliance,
        },
        _ => Outcome::Objects {
            posts: out.posts,
            accounts: out.accounts,
            retrieved_at,
            api_errors,
        },
    }
}

fn compliance_event(v: &Value, account: bool) -> ComplianceEvent {
    ComplianceEvent {
        object: if account { "account" } else { "post" }.to_string(),
        native_id: id(v, "id").unwrap_or_default(),
        action: string(v, "action").unwrap_or_default(),
        reason: string(v, "reason"),
        created_at: str_of(v, "created_at").and_then(parse_rfc3339),
        redacted_at: str_of(v, "redacted_at").and_then(parse_rfc3339),
    }
}

// ---------------------------------------------------------------------------------------------
// API v2

/// Lookups within one v2 page: who wrote each tweet, handles to ids, media and places.
struct Includes<'a> {
    tweet_author: HashMap<&'a str, &'a str>,
    handle_id: HashMap<String, &'a str>,
    media_type: HashMap<&'a str, &'a str>,
    place_name: HashMap<&'a str, &'a str>,
    poll_options: HashMap<&'a str, String>,
}

impl<'a> Includes<'a> {
    fn of(page: &'a Value) -> Includes<'a> {
        let inc = page.get("includes").unwrap_or(&Value::Null);
        let data: Vec<&Value> = match page.get("data") {
            Some(Value::Array(a)) => a.iter().collect(),
            Some(d @ Value::Object(_)) => vec![d],
            _ => vec![],
        };
        let mut s = Includes {
            tweet_author: HashMap::new(),
            handle_id: HashMap::new(),
            media_type: HashMap::new(),
            place_name: HashMap::new(),
            poll_options: HashMap::new(),
        };
        for t in data.iter().copied().chain(array(inc, "tweets")) {
            if let (Some(i), Some(a)) = (str_of(t, "id"), str_of(t, "author_id")) {
                s.tweet_author.insert(i, a);
            }
        }
        for u in data.iter().copied().chain(array(inc, "users")) {
            if let (Some(i), Some(h)) = (str_of(u, "id"), str_of(u, "username")) {
                s.handle_id.insert(h.to_lowercase(), i);
            }
        }
        for m in array(inc, "media") {
            if let (Some(k), Some(t)) = (str_of(m, "media_key"), str_of(m, "type")) {
                s.media_type.insert(k, t);
            }
        }
        for p in array(inc, "places") {
            if let (Some(i), Some(n)) = (str_of(p, "id"), str_of(p, "full_name")) {
                s.place_name.insert(i, n);
            }
        }
        for p in array(inc, "polls") {
            if let Some(i) = str_of(p, "id") {
                let labels: Vec<&str> = array(p, "options")
                    .iter()
                    .filter_map(|o| str_of(o, "label"))
                    .collect();
                s.poll_options.insert(i, labels.join(" | "));
            }
        }
        s
    }
}

fn v2_page(page: &Value, users_page: bool, out: &mut Out) {
    let inc = Includes::of(page);
    let includes = page.get("includes").unwrap_or(&Value::Null);
    let data: Vec<&Value> = match page.get("data") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(d @ Value::Object(_)) => vec![d],
        _ => vec![],
    };
    for d in &data {
        if users_page {
            out.account(v2_user(d), d);
        } else {
            out.post(v2_tweet(d, true, Some(&inc)), d);
        }
    }
    for u in array(includes, "users") {
        out.account(v2_user(u), u);
    }
    for t in array(includes, "tweets") {
        out.post(v2_tweet(t, false, Some(&inc)), t);
    }
}

fn v2_user(u: &Value) -> Account {
    let m = u.get("public_metrics").unwrap_or(&Value::Null);
    let url = u
        .pointer("/entities/url/urls/0/expanded_url")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| string(u, "url").filter(|s| !s.is_empty()));
    Account {
        native_id: id(u, "id"),
        handle: string(u, "username"),
        name: string(u, "name"),
        created_at: str_of(u, "created_at").and_then(parse_rfc3339),
        followers: int(m, "followers_count"),
        following: int(m, "following_count"),
        post_count: int(m, "tweet_count"),
        verified: boolean(u, "verified"),
        protected: boolean(u, "protected"),
        bio: string(u, "description"),
        location: string(u, "location"),
        url,
        lang: None,
        has_object: true,
    }
}

fn url_entity(u: &Value) -> Option<Entity> {
    let target = str_of(u, "unwound_url")
        .or_else(|| u.pointer("/unwound/url").and_then(Value::as_str))
        .or_else(|| str_of(u, "expanded_url"))
        .or_else(|| str_of(u, "url"))?;
    let value = canonicalize(target);
    Some(Entity {
        kind: EntityKind::Url,
        detail: domain(&value),
        value,
    })
}

fn tag_entities(list: &[Value], key: &str, kind: EntityKind, into: &mut Vec<Entity>) {
    for h in list {
        if let Some(t) = str_of(h, key) {
            into.push(Entity {
                kind,
                value: t.to_string(),
                detail: None,
            });
        }
    }
}

fn v2_tweet(t: &Value, collected: bool, inc: Option<&Includes>) -> Post {
    let m = t.get("public_metrics").unwrap_or(&Value::Null);
    let long = t.get("note_tweet");
    let text = long
        .and_then(|n| string(n, "text"))
        .or_else(|| string(t, "text"));
    let ents = long
        .and_then(|n| n.get("entities"))
        .or_else(|| t.get("entities"))
        .unwrap_or(&Value::Null);
    let mut p = Post {
        native_id: id(t, "id").unwrap_or_default(),
        author: id(t, "author_id"),
        created_at: str_of(t, "created_at").and_then(parse_rfc3339),
        text,
        lang: string(t, "lang"),
        root: id(t, "conversation_id"),
        reply_to_author: id(t, "in_reply_to_user_id"),
        like_count: int(m, "like_count"),
        repost_count: int(m, "retweet_count"),
        reply_count: int(m, "reply_count"),
        quote_count: int(m, "quote_count"),
        sensitive: boolean(t, "possibly_sensitive"),
        source_app: string(t, "source"),
        collected,
        ..Post::default()
    };
    p.versions = array(t, "edit_history_tweet_ids")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    if p.versions.len() == 1 && p.versions[0] == p.native_id {
        p.versions.clear();
    }
    for r in array(t, "referenced_tweets") {
        let (Some(kind), Some(rid)) = (str_of(r, "type"), id(r, "id")) else {
            continue;
        };
        // The author comes from the inlined tweet (flattened output) or the page's includes.
        let author = id(r, "author_id")
            .or_else(|| inc.and_then(|i| i.tweet_author.get(rid.as_str()).map(|a| a.to_string())));
        match kind {
            "retweeted" => {
                p.repost_of = Some(rid);
                p.repost_of_author = author;
            }
            "quoted" => {
                p.quote_of = Some(rid);
                p.quote_of_author = author;
            }
            "replied_to" => p.reply_to = Some(rid),
            _ => {}
        }
    }
    if let Some(c) = t
        .pointer("/geo/coordinates/coordinates")
        .and_then(Value::as_array)
    {
        if let (Some(lon), Some(lat)) = (
            c.first().and_then(Value::as_f64),
            c.get(1).and_then(Value::as_f64),
        ) {
            p.geo = Some(Geo { lat, lon });
        }
    }
    p.place = t
        .pointer("/geo/place_id")
        .and_then(Value::as_str)
        .map(str::to_string);
    tag_entities(
        array(ents, "hashtags"),
        "tag",
        EntityKind::Hashtag,
        &mut p.entities,
    );
    tag_entities(
        array(ents, "cashtags"),
        "tag",
        EntityKind::Cashtag,
        &mut p.entities,
    );
    for u in array(ents, "urls") {
        p.entities.extend(url_entity(u));
    }
    for mention in array(ents, "mentions") {
        let Some(handle) = str_of(mention, "username") else {
            continue;
        };
        let mid = id(mention, "id").or_else(|| {
            inc.and_then(|i| {
                i.handle_id
                    .get(&handle.to_lowercase())
                    .map(|s| s.to_string())
            })
        });
        p.entities.push(Entity {
            kind: EntityKind::Mention,
            value: handle.to_lowercase(),
            detail: None,
        });
        p.mentions.push((mid, handle.to_string()));
    }
    let attachments = t.get("attachments").unwrap_or(&Value::Null);
    for k in array(attachments, "media_keys") {
        if let Some(k) = k.as_str() {
            let detail = inc.and_then(|i| i.media_type.get(k).map(|s| s.to_string()));
            p.entities.push(Entity {
                kind: EntityKind::Media,
                value: k.to_string(),
                detail,
            });
        }
    }
    for k in array(attachments, "poll_ids") {
        if let Some(k) = k.as_str() {
            let detail = inc.and_then(|i| i.poll_options.get(k).cloned());
            p.entities.push(Entity {
                kind: EntityKind::Poll,
                value: k.to_string(),
                detail,
            });
        }
    }
    if let Some(pl) = &p.place {
        let detail = inc.and_then(|i| i.place_name.get(pl.as_str()).map(|s| s.to_string()));
        p.entities.push(Entity {
            kind: EntityKind::Place,
            value: pl.clone(),
            detail,
        });
    }
    p
}

/// Is this inlined user a whole object, or only a mention's handle and id?
fn is_user_object(u: &Value) -> bool {
    has(u, "id")
        && has(u, "username")
        && (has(u, "name") || has(u, "created_at") || has(u, "public_metrics"))
}

/// A twarc2 flattened tweet: author, replied-to user, mentioned users and referenced tweets are
/// inlined in the tweet itself.
fn v2_flat(t: &Value, collected: bool, out: &mut Out) {
    out.post(v2_tweet(t, collected, None), t);
    for key in ["author", "in_reply_to_user"] {
        if let Some(u) = t.get(key).filter(|u| is_user_object(u)) {
            out.account(v2_user(u), u);
        }
    }
    for m in t
        .pointer("/entities/mentions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if is_user_object(m) {
            out.account(v2_user(m), m);
        }
    }
    for r in array(t, "referenced_tweets") {
        if has(r, "text") {
            v2_flat(r, false, out);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// API v1.1

fn v1_user(u: &Value) -> Account {
    let url = u
        .pointer("/entities/url/urls/0/expanded_url")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| string(u, "url"));
    Account {
        native_id: id(u, "id_str").or_else(|| id(u, "id")),
        handle: string(u, "screen_name"),
        name: string(u, "name"),
        created_at: str_of(u, "created_at").and_then(parse_twitter_v1),
        followers: int(u, "followers_count"),
        following: int(u, "friends_count"),
        post_count: int(u, "statuses_count"),
        verified: boolean(u, "verified"),
        protected: boolean(u, "protected"),
        bio: string(u, "description"),
        location: string(u, "location").filter(|s| !s.is_empty()),
        url,
        lang: string(u, "lang"),
        has_object: true,
    }
}

/// A v1.1 user object; its embedded latest `status` is a referenced post by that user.
fn v1_user_with_status(u: &Value, out: &mut Out) {
    let account = v1_user(u);
    let author = account.native_id.clone();
    out.account(account, u);
    if let Some(st) = u.get("status").filter(|s| has(s, "id_str")) {
        let mut p = v1_post(st, false);
        p.author = author;
        out.post(p, st);
        v1_nested(st, out);
    }
}

/// The text of a v1.1 `source` field without its HTML anchor.
fn strip_anchor(s: &str) -> String {
    match (s.find('>'), s.rfind("</")) {
        (Some(a), Some(b)) if a < b => s[a + 1..b].to_string(),
        _ => s.to_string(),
    }
}

fn v1_post(st: &Value, collected: bool) -> Post {
    let ext = st.get("extended_tweet");
    let text = ext
        .and_then(|e| string(e, "full_text"))
        .or_else(|| string(st, "full_text"))
        .or_else(|| string(st, "text"));
    let ents = ext
        .and_then(|e| e.get("entities"))
        .or_else(|| st.get("entities"))
        .unwrap_or(&Value::Null);
    let ext_ents = ext
        .and_then(|e| e.get("extended_entities"))
        .or_else(|| st.get("extended_entities"))
        .unwrap_or(ents);
    let mut p = Post {
        native_id: id(st, "id_str")
            .or_else(|| id(st, "id"))
            .unwrap_or_default(),
        author: st
            .get("user")
            .and_then(|u| id(u, "id_str").or_else(|| id(u, "id"))),
        created_at: str_of(st, "created_at").and_then(parse_twitter_v1),
        text,
        lang: string(st, "lang"),
        reply_to: id(st, "in_reply_to_status_id_str"),
        reply_to_author: id(st, "in_reply_to_user_id_str"),
        like_count: int(st, "favorite_count"),
        repost_count: int(st, "retweet_count"),
        reply_count: int(st, "reply_count"),
        quote_count: int(st, "quote_count"),
        sensitive: boolean(st, "possibly_sensitive"),
        source_app: str_of(st, "source").map(strip_anchor),
        collected,
        ..Post::default()
    };
    if let Some(rt) = st.get("retweeted_status").filter(|v| v.is_object()) {
        p.repost_of = id(rt, "id_str");
        p.repost_of_author = rt.get("user").and_then(|u| id(u, "id_str"));
    }
    if let Some(q) = st.get("quoted_status").filter(|v| v.is_object()) {
        p.quote_of = id(q, "id_str");
        p.quote_of_author = q.get("user").and_then(|u| id(u, "id_str"));
    } else if boolean(st, "is_quote_status") == Some(true) {
        p.quote_of = id(st, "quoted_status_id_str");
    }
    // GeoJSON order: [lon, lat].
    if let Some(c) = st
        .pointer("/coordinates/coordinates")
        .and_then(Value::as_array)
    {
        if let (Some(lon), Some(lat)) = (
            c.first().and_then(Value::as_f64),
            c.get(1).and_then(Value::as_f64),
        ) {
            p.geo = Some(Geo { lat, lon });
        }
    }
    if let Some(place) = st.get("place").filter(|v| v.is_object()) {
        p.place = id(place, "id");
        if let Some(pid) = &p.place {
            p.entities.push(Entity {
                kind: EntityKind::Place,
                value: pid.clone(),
                detail: string(place, "full_name"),
            });
        }
    }
    tag_entities(
        array(ents, "hashtags"),
        "text",
        EntityKind::Hashtag,
        &mut p.entities,
    );
    tag_entities(
        array(ents, "symbols"),
        "text",
        EntityKind::Cashtag,
        &mut p.entities,
    );
    for u in array(ents, "urls") {
        p.entities.extend(url_entity(u));
    }
    for m in array(ents, "user_mentions") {
        if let Some(h) = str_of(m, "screen_name") {
            p.entities.push(Entity {
                kind: EntityKind::Mention,
                value: h.to_lowercase(),
                detail: None,
            });
            p.mentions
                .push((id(m, "id_str").or_else(|| id(m, "id")), h.to_string()));
        }
    }
    for m in array(ext_ents, "media") {
        if let Some(mid) = id(m, "id_str") {
            p.entities.push(Entity {
                kind: EntityKind::Media,
                value: mid,
                detail: string(m, "type"),
            });
        }
    }
    p
}

/// A v1.1 status with its author and, recursively, the retweeted and quoted statuses it embeds.
fn v1_status(st: &Value, collected: bool, out: &mut Out) {
    out.post(v1_post(st, collected), st);
    if let Some(u) = st.get("user").filter(|u| u.is_object()) {
        out.account(v1_user(u), u);
    }
    v1_nested(st, out);
}

/// The retweeted and quoted statuses a v1.1 status embeds, as referenced posts.
fn v1_nested(st: &Value, out: &mut Out) {
    for key in ["retweeted_status", "quoted_status"] {
        if let Some(inner) = st.get(key).filter(|v| has(v, "id_str")) {
            v1_status(inner, false, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objects(format: Format, json: &str) -> (Vec<Post>, Vec<Account>) {
        let v: Value = serde_json::from_str(json).expect("test JSON");
        match parse(format, &v, AdapterOptions::default()) {
            Outcome::Objects {
                posts, accounts, ..
            } => (
                posts.into_iter().map(|p| p.value).collect(),
                accounts.into_iter().map(|a| a.value).collect(),
            ),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn v2_reply_and_quote_keep_both_links() {
        let page = r#"{"data":[{"id":"3","text":"hi @b","author_id":"10","in_reply_to_user_id":"11",
          "referenced_tweets":[{"type":"quoted","id":"2"},{"type":"replied_to","id":"1"}],
          "entities":{"mentions":[{"start":3,"end":5,"username":"B"}]}}],
          "includes":{"users":[{"id":"10","username":"a"},{"id":"11","username":"b"}],
          "tweets":[{"id":"2","text":"q","author_id":"12"}]}}"#;
        let (posts, accounts) = objects(Format::XV2, page);
        assert_eq!(posts.len(), 2);
        let p = &posts[0];
        assert!(p.collected && !posts[1].collected);
        assert_eq!(p.reply_to.as_deref(), Some("1"));
        assert_eq!(p.quote_of.as_deref(), Some("2"));
        assert_eq!(p.quote_of_author.as_deref(), Some("12"));
        assert_eq!(p.mentions, vec![(Some("11".to_string()), "B".to_string())]);
        assert_eq!(accounts.len(), 2);
    }

    #[test]
    fn v1_extended_tweet_full_text() {
        // Shape from the public v1.1 documentation of extended tweets (no real sample has it).
        let st = r#"{"id_str":"5","created_at":"Sat Jun 26 19:22:00 +0000 2021","text":"short…",
          "truncated":true,"user":{"id_str":"1","screen_name":"u"},
          "extended_tweet":{"full_text":"the whole long text #tag","entities":{"hashtags":[{"text":"tag"}],
          "urls":[],"user_mentions":[],"symbols":[]}},"entities":{"hashtags":[],"urls":[],"user_mentions":[]}}"#;
        let (posts, _) = objects(Format::XV1, st);
        assert_eq!(posts[0].text.as_deref(), Some("the whole long text #tag"));
        assert_eq!(posts[0].entities[0].value, "tag");
        assert_eq!(posts[0].created_at, Some(1624735320));
    }

    #[test]
    fn skips_resources() {
        let v: Value = serde_json::from_str(r#"{"ids":[1,2],"next_cursor":0}"#).expect("json");
        assert!(matches!(
            parse(Format::XV1, &v, AdapterOptions::default()),
            Outcome::Skipped { .. }
        ));
        let v: Value = serde_json::from_str(r#"{"id":"1","action":"delete","reason":"protected"}"#)
            .expect("json");
        assert!(matches!(parse(Format::XV2, &v, AdapterOptions::default()),
            Outcome::Skipped { ref compliance, .. } if compliance.len() == 1));
    }
}
