//! X/Twitter adapters: API v2 (pages, filtered-stream lines, lookups, user pages, twarc2 flattened
//! tweets; typed, see [`v2`]) and API v1.1 (statuses, search responses, nested retweets and
//! quotes, user objects; see [`v1`]).
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

mod v1;
mod v2;

use crate::json::{has, id, str_of, string};
use crate::{AdapterOptions, Format, Outcome, WithRaw};
use crowdmine_model::time::parse_rfc3339;
use crowdmine_model::url::{canonicalize, domain};
use crowdmine_model::{Account, ComplianceEvent, Entity, EntityKind, Platform, Post};
use serde_json::value::RawValue;
use serde_json::Value;

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
    /// A resource that holds no posts or accounts, with the API version that serves it.
    Skip(&'static str, Format),
}

impl Shape {
    fn format(self) -> Format {
        match self {
            Shape::V2Tweets | Shape::V2Users | Shape::V2Flat => Format::XV2,
            Shape::V1Status | Shape::V1Search | Shape::V1User | Shape::V1Users => Format::XV1,
            Shape::Skip(_, f) => f,
        }
    }
}

/// The shape of a record that is not a v2 page or flattened tweet.
fn other_shape(v: &Value) -> Option<Shape> {
    let obj = v.as_object()?;
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

/// Reads the top level of a record and recognises its shape.
fn recognise(bytes: &[u8]) -> Result<(v2::Top<'_>, Option<Shape>), String> {
    let top: v2::Top = serde_json::from_slice(bytes).map_err(|e| format!("malformed JSON: {e}"))?;
    let shape = if top.is_page() {
        Some(v2::page_shape(&top)?)
    } else if top.is_flat_tweet() {
        Some(Shape::V2Flat)
    } else {
        let v: Value = serde_json::from_slice(bytes).map_err(|e| format!("malformed JSON: {e}"))?;
        other_shape(&v)
    };
    Ok((top, shape))
}

/// Each element of a top-level array is a record of its own.
fn elements(bytes: &[u8]) -> Option<Vec<&RawValue>> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    (*first == b'[')
        .then(|| serde_json::from_slice::<Vec<&RawValue>>(bytes).ok())
        .flatten()
}

/// The X format of a record (for resources: the API version that serves them).
pub fn detect(bytes: &[u8]) -> Option<Format> {
    match elements(bytes) {
        Some(items) => items.first().and_then(|i| detect(i.get().as_bytes())),
        None => recognise(bytes).ok()?.1.map(Shape::format),
    }
}

/// Raw bytes of an object: a slice of the input when typed parsing kept one.
trait AsRaw {
    fn raw_bytes(&self) -> Vec<u8>;
}

impl AsRaw for &RawValue {
    fn raw_bytes(&self) -> Vec<u8> {
        self.get().as_bytes().to_vec()
    }
}

impl AsRaw for &Value {
    fn raw_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// Accumulates the objects of one record.
#[derive(Default)]
struct Out {
    posts: Vec<WithRaw<Post>>,
    accounts: Vec<WithRaw<Account>>,
    keep_raw: bool,
}

impl Out {
    fn post(&mut self, p: Post, raw: impl AsRaw) {
        let raw = self.keep_raw.then(|| raw.raw_bytes());
        self.posts.push(WithRaw { value: p, raw });
    }
    fn account(&mut self, a: Account, raw: impl AsRaw) {
        let raw = self.keep_raw.then(|| raw.raw_bytes());
        self.accounts.push(WithRaw { value: a, raw });
    }
}

/// The link a user meant: the first of (unwound, expanded, short) that is present, canonicalised.
fn link_entity(candidates: &[Option<&str>]) -> Option<Entity> {
    let target = candidates.iter().flatten().next()?;
    let value = canonicalize(target);
    Some(Entity {
        kind: EntityKind::Url,
        detail: domain(Platform::X, &value),
        value,
    })
}

/// Parses one record (a line, or a document) of an X file.
pub fn parse(format: Format, bytes: &[u8], opts: &AdapterOptions) -> Outcome {
    match elements(bytes) {
        Some(items) => crate::merge(
            Platform::X,
            items
                .iter()
                .map(|i| parse_object(format, i.get().as_bytes(), opts)),
        ),
        None => parse_object(format, bytes, opts),
    }
}

fn parse_object(format: Format, bytes: &[u8], opts: &AdapterOptions) -> Outcome {
    let rejected = |reason| Outcome::Rejected { reason };
    let (top, shape) = match recognise(bytes) {
        Ok(x) => x,
        Err(reason) => return rejected(reason),
    };
    let Some(shape) = shape else {
        return rejected(format!("not a record of {format}: unrecognised object"));
    };
    if let Shape::Skip(resource, _) = shape {
        let mut compliance = Vec::new();
        if resource == "compliance results" {
            if let Ok(v) = serde_json::from_slice::<Value>(bytes) {
                compliance.push(compliance_event(&v, opts.account_compliance));
            }
        }
        return Outcome::Skipped {
            platform: Platform::X,
            resource,
            compliance,
        };
    }
    if shape.format() != format {
        return rejected(format!(
            "an {} record in a file read as {format}",
            shape.format()
        ));
    }
    let mut out = Out {
        keep_raw: opts.keep_raw,
        ..Out::default()
    };
    let retrieved_at = top
        .twarc
        .as_ref()
        .and_then(|t| t.retrieved_at.as_str())
        .and_then(parse_rfc3339);
    let result = match shape {
        Shape::V2Tweets | Shape::V2Users => v2::page(&top, shape == Shape::V2Users, &mut out),
        Shape::V2Flat => serde_json::from_slice::<&RawValue>(bytes)
            .map_err(|e| format!("malformed JSON: {e}"))
            .and_then(|raw| v2::flat(raw, true, &mut out))
            .map(|()| 0),
        _ => {
            let v: Value = match serde_json::from_slice(bytes) {
                Ok(v) => v,
                Err(e) => return rejected(format!("malformed JSON: {e}")),
            };
            match shape {
                Shape::V1Status => v1::status(&v, true, &mut out),
                Shape::V1Search => {
                    for st in crate::json::array(&v, "statuses") {
                        v1::status(st, true, &mut out);
                    }
                }
                Shape::V1User => v1::user_with_status(&v, &mut out),
                _ => {
                    for u in crate::json::array(&v, "users") {
                        v1::user_with_status(u, &mut out);
                    }
                }
            }
            Ok(0)
        }
    };
    // An object without identity cannot be deduplicated: the record is rejected rather than
    // merged into a nameless post or counted as a new account each time.
    let result = result.and_then(|errors| {
        if out.posts.iter().any(|p| p.value.native_id.is_empty()) {
            Err("a post without an id".to_string())
        } else if out.accounts.iter().any(|a| {
            a.value.native_id.as_deref().unwrap_or("").is_empty() && a.value.handle.is_none()
        }) {
            Err("an account without an id or a handle".to_string())
        } else {
            Ok(errors)
        }
    });
    // A page of followers or followings, with the account it was asked for: each account
    // listed is a follow tie too.
    let mut ties = Vec::new();
    if let (Some((of, relation)), Shape::V2Users | Shape::V1User | Shape::V1Users) =
        (&opts.follows_of, shape)
    {
        for a in out.accounts.iter().filter(|a| a.value.has_object) {
            if let Some(listed) = &a.value.native_id {
                ties.push(crate::follow_tie(of, listed, *relation));
            }
        }
    }
    match result {
        Ok(api_errors) => Outcome::Objects {
            platform: Platform::X,
            posts: out.posts,
            accounts: out.accounts,
            ties,
            retrieved_at,
            api_errors,
        },
        Err(reason) => rejected(reason),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn objects(format: Format, json: &str) -> (Vec<Post>, Vec<Account>) {
        parse(format, json.as_bytes(), &AdapterOptions::default()).into_objects()
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
    fn objects_without_identity_reject_the_record() {
        let page = br#"{"data":[{"text":"no id","author_id":"1"}]}"#;
        assert!(matches!(
            parse(Format::XV2, page, &AdapterOptions::default()),
            Outcome::Rejected { .. }
        ));
        let page = br#"{"data":[{"id":"","text":"empty id"}]}"#;
        assert!(matches!(
            parse(Format::XV2, page, &AdapterOptions::default()),
            Outcome::Rejected { .. }
        ));
        let status = br#"{"id_str":"5","text":"t","user":{"name":"nobody"}}"#;
        assert!(matches!(
            parse(Format::XV1, status, &AdapterOptions::default()),
            Outcome::Rejected { .. }
        ));
    }

    #[test]
    fn odd_time_stamps_do_not_panic() {
        let page = r#"{"data":[{"id":"1","text":"t","created_at":"2021-06-2é-01T00:00:00Z"}],"__twarc":{"retrieved_at":"2021-é"}}"#;
        assert!(matches!(
            parse(Format::XV2, page.as_bytes(), &AdapterOptions::default()),
            Outcome::Objects { .. }
        ));
    }

    #[test]
    fn skips_resources() {
        let v = br#"{"ids":[1,2],"next_cursor":0}"#;
        assert!(matches!(
            parse(Format::XV1, v, &AdapterOptions::default()),
            Outcome::Skipped { .. }
        ));
        let v = br#"{"id":"1","action":"delete","reason":"protected"}"#;
        assert!(matches!(parse(Format::XV2, v, &AdapterOptions::default()),
            Outcome::Skipped { ref compliance, .. } if compliance.len() == 1));
    }
}
