//! Bluesky adapter: Jetstream events (`commit` creates, updates and deletes of posts, reposts,
//! likes, follows and profiles; `identity` events) and the `app.bsky.feed.getAuthorFeed` /
//! `searchPosts` responses (post views with their embedded quotes, reply parents and roots, and
//! reposts by the feed's author).
//!
//! Identity: a post is its `at://DID/app.bsky.feed.post/RKEY` URI and an account its DID; a
//! repost is a post of its own (`…/app.bsky.feed.repost/RKEY`) whose `repost_of` is the subject.
//! The author of a post named by URI is the DID inside the URI, so replies, quotes, reposts and
//! likes reach their target's author without a second lookup.
//!
//! Conventions: `langs[0]` is the post's language; facets give mentions (DIDs, with the handle as
//! written in the text's byte range), links and tags; `embed.record` and `recordWithMedia` are
//! quotes. A Jetstream event's time (`time_us`) is the retrieval time, so a later `update` of a
//! record wins. A `delete` is applied to the post, repost, like or follow it names.

use crate::json::{array, int, str_of, string};
use crate::{AdapterOptions, Outcome, WithRaw};
use crowdmine_model::time::parse_rfc3339;
use crowdmine_model::url::{canonicalize, domain};
use crowdmine_model::{
    Account, ComplianceEvent, Entity, EntityKind, InteractionKind, Platform, Post, Tie,
};
use serde_json::Value;

const PLATFORM: Platform = Platform::Bluesky;

enum Shape {
    Event,
    Feed,
    Search,
    PostView,
}

fn shape(v: &Value) -> Option<Shape> {
    let did = str_of(v, "did").is_some_and(|d| d.starts_with("did:"));
    if did && str_of(v, "kind").is_some() && v.get("time_us").is_some() {
        Some(Shape::Event)
    } else if v.get("feed").is_some_and(Value::is_array) {
        Some(Shape::Feed)
    } else if v.get("posts").is_some_and(Value::is_array) {
        Some(Shape::Search)
    } else if is_post_view(v) {
        Some(Shape::PostView)
    } else {
        None
    }
}

fn is_post_view(v: &Value) -> bool {
    str_of(v, "uri").is_some_and(|u| u.starts_with("at://")) && v.get("record").is_some()
}

/// Is this record Bluesky's?
pub fn detect(bytes: &[u8]) -> Option<crate::Format> {
    let v: Value = serde_json::from_slice(bytes).ok()?;
    shape(&v).map(|_| crate::Format::Bluesky)
}

/// The DID of the repository an `at://` URI points into.
fn did_of(uri: &str) -> Option<String> {
    let rest = uri.strip_prefix("at://")?;
    let did = rest.split('/').next()?;
    did.starts_with("did:").then(|| did.to_string())
}

#[derive(Default)]
struct Out {
    posts: Vec<WithRaw<Post>>,
    accounts: Vec<WithRaw<Account>>,
    ties: Vec<Tie>,
    keep_raw: bool,
}

impl Out {
    fn raw(&self, v: &Value) -> Option<Vec<u8>> {
        self.keep_raw
            .then(|| serde_json::to_vec(v).unwrap_or_default())
    }

    /// A profile view (`did`, `handle`, `displayName`).
    fn profile(&mut self, v: &Value) -> Option<String> {
        let did = string(v, "did")?;
        let a = Account {
            native_id: Some(did.clone()),
            handle: string(v, "handle"),
            name: string(v, "displayName").filter(|n| !n.is_empty()),
            bio: string(v, "description").filter(|n| !n.is_empty()),
            created_at: str_of(v, "createdAt").and_then(parse_rfc3339),
            followers: int(v, "followersCount"),
            following: int(v, "followsCount"),
            post_count: int(v, "postsCount"),
            has_object: true,
            ..Account::default()
        };
        let raw = self.raw(v);
        self.accounts.push(WithRaw { value: a, raw });
        Some(did)
    }

    /// A post view with its embedded views; returns its uri.
    fn post_view(&mut self, v: &Value, collected: bool) -> Option<String> {
        let uri = string(v, "uri")?;
        let author = v.get("author").and_then(|a| self.profile(a));
        let record = v.get("record").or_else(|| v.get("value"))?;
        let mut p = post_record(&uri, author, record);
        p.like_count = int(v, "likeCount");
        p.repost_count = int(v, "repostCount");
        p.reply_count = int(v, "replyCount");
        p.quote_count = int(v, "quoteCount");
        p.collected = collected;
        // The quoted post, when the view embeds it.
        let quoted = match v.get("embed") {
            Some(e) => e
                .pointer("/record/record")
                .filter(|r| r.get("value").is_some())
                .or_else(|| e.get("record").filter(|r| r.get("value").is_some())),
            None => None,
        };
        if let Some(q) = quoted {
            self.post_view(q, false);
        }
        let raw = self.raw(v);
        self.posts.push(WithRaw { value: p, raw });
        Some(uri)
    }

    /// A feed item: the post, its reply context and the repost that brought it.
    fn feed_item(&mut self, item: &Value) {
        let Some(post) = item.get("post") else {
            return;
        };
        let by_repost = item
            .get("reason")
            .filter(|r| str_of(r, "$type").is_some_and(|t| t.ends_with("reasonRepost")));
        // A reposted post is only referenced by the feed; the repost is what was collected.
        let Some(uri) = self.post_view(post, by_repost.is_none()) else {
            return;
        };
        for key in ["root", "parent"] {
            if let Some(view) = item
                .get("reply")
                .and_then(|r| r.get(key))
                .filter(|v| is_post_view(v))
            {
                self.post_view(view, false);
            }
        }
        if let Some(reason) = by_repost {
            let Some(by) = reason.get("by").and_then(|b| self.profile(b)) else {
                return;
            };
            let native_id = string(reason, "uri").unwrap_or_else(|| format!("{by}#repost#{uri}"));
            let p = Post {
                native_id,
                author: Some(by),
                created_at: str_of(reason, "indexedAt").and_then(parse_rfc3339),
                repost_of_author: did_of(&uri),
                repost_of: Some(uri),
                collected: true,
                ..Post::default()
            };
            let raw = self.raw(reason);
            self.posts.push(WithRaw { value: p, raw });
        }
    }
}

/// The uri of a post record's `reply.parent` or `reply.root` strong reference.
fn reply_ref(record: &Value, which: &str) -> Option<String> {
    string(record.get("reply")?.get(which)?, "uri")
}

/// A post record (`app.bsky.feed.post`) as a canonical post.
fn post_record(uri: &str, author: Option<String>, r: &Value) -> Post {
    let text = str_of(r, "text").unwrap_or("");
    let mut p = Post {
        native_id: uri.to_string(),
        author: author.or_else(|| did_of(uri)),
        created_at: str_of(r, "createdAt").and_then(parse_rfc3339),
        text: Some(text.to_string()),
        lang: array(r, "langs")
            .first()
            .and_then(Value::as_str)
            .map(str::to_string),
        reply_to: reply_ref(r, "parent"),
        root: reply_ref(r, "root"),
        collected: true,
        ..Post::default()
    };
    p.reply_to_author = p.reply_to.as_deref().and_then(did_of);
    if let Some(embed) = r.get("embed") {
        let quoted = embed
            .pointer("/record/record/uri")
            .or_else(|| embed.pointer("/record/uri"))
            .and_then(Value::as_str);
        if let Some(q) = quoted {
            p.quote_of = Some(q.to_string());
            p.quote_of_author = did_of(q);
        }
        if let Some(ext) = embed.pointer("/external/uri").and_then(Value::as_str) {
            push(&mut p.entities, url_entity(ext));
        }
        let images = embed
            .get("images")
            .or_else(|| embed.pointer("/media/images"))
            .and_then(Value::as_array);
        for img in images.into_iter().flatten() {
            if let Some(cid) = img.pointer("/image/ref/$link").and_then(Value::as_str) {
                push(
                    &mut p.entities,
                    Entity {
                        kind: EntityKind::Media,
                        value: cid.to_string(),
                        detail: Some("image".into()),
                    },
                );
            }
        }
    }
    for facet in array(r, "facets") {
        let start = facet.pointer("/index/byteStart").and_then(Value::as_u64);
        let end = facet.pointer("/index/byteEnd").and_then(Value::as_u64);
        // Byte offsets into UTF-8; a range that splits a character is ignored.
        let covered = match (start, end) {
            (Some(s), Some(e)) => text.get(s as usize..e as usize),
            _ => None,
        };
        for feature in array(facet, "features") {
            let kind = str_of(feature, "$type").unwrap_or("");
            if kind.ends_with("#mention") {
                if let Some(did) = string(feature, "did") {
                    let handle = covered
                        .map(|c| c.trim_start_matches('@').to_string())
                        .unwrap_or_else(|| did.clone());
                    push(
                        &mut p.entities,
                        Entity {
                            kind: EntityKind::Mention,
                            value: did.clone(),
                            detail: Some(handle.clone()),
                        },
                    );
                    p.mentions.push((Some(did), handle));
                }
            } else if kind.ends_with("#link") {
                if let Some(uri) = str_of(feature, "uri") {
                    push(&mut p.entities, url_entity(uri));
                }
            } else if kind.ends_with("#tag") {
                if let Some(tag) = string(feature, "tag") {
                    push(
                        &mut p.entities,
                        Entity {
                            kind: EntityKind::Hashtag,
                            value: tag,
                            detail: None,
                        },
                    );
                }
            }
        }
    }
    p
}

fn url_entity(url: &str) -> Entity {
    let value = canonicalize(url);
    Entity {
        kind: EntityKind::Url,
        detail: domain(PLATFORM, &value),
        value,
    }
}

fn push(entities: &mut Vec<Entity>, e: Entity) {
    if !entities
        .iter()
        .any(|x| x.kind == e.kind && x.value == e.value)
    {
        entities.push(e);
    }
}

/// Parses one record of a Bluesky file.
pub fn parse(bytes: &[u8], opts: &AdapterOptions) -> Outcome {
    let v: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Outcome::rejected(format!("malformed JSON: {e}")),
    };
    let mut out = Out {
        keep_raw: opts.keep_raw,
        ..Out::default()
    };
    let mut retrieved_at = None;
    match shape(&v) {
        Some(Shape::Event) => {
            retrieved_at = int(&v, "time_us").map(|t| t.div_euclid(1_000_000));
            if let Some(skipped) = event(&v, &mut out) {
                return skipped;
            }
        }
        Some(Shape::Feed) => {
            for item in array(&v, "feed") {
                out.feed_item(item);
            }
        }
        Some(Shape::Search) => {
            for post in array(&v, "posts") {
                out.post_view(post, true);
            }
        }
        Some(Shape::PostView) => {
            out.post_view(&v, true);
        }
        None => return Outcome::rejected("not a Bluesky record: unrecognised object"),
    }
    if out.posts.is_empty() && out.accounts.is_empty() && out.ties.is_empty() {
        return Outcome::Skipped {
            platform: PLATFORM,
            resource: "bluesky response without posts",
            compliance: Vec::new(),
        };
    }
    Outcome::Objects {
        platform: PLATFORM,
        posts: out.posts,
        accounts: out.accounts,
        ties: out.ties,
        retrieved_at,
        api_errors: 0,
    }
}

fn skipped(resource: &'static str, compliance: Vec<ComplianceEvent>) -> Option<Outcome> {
    Some(Outcome::Skipped {
        platform: PLATFORM,
        resource,
        compliance,
    })
}

/// A Jetstream event; `Some` when it is skipped (deletes are skipped and applied).
fn event(v: &Value, out: &mut Out) -> Option<Outcome> {
    let did = string(v, "did")?;
    let time = int(v, "time_us").map(|t| t.div_euclid(1_000_000));
    match str_of(v, "kind") {
        Some("commit") => {}
        Some("identity") => {
            let handle = v.pointer("/identity/handle").and_then(Value::as_str);
            let Some(handle) = handle else {
                return skipped("bluesky identity event without a handle", Vec::new());
            };
            let a = Account {
                native_id: Some(did),
                handle: Some(handle.to_string()),
                ..Account::default()
            };
            out.accounts.push(WithRaw {
                value: a,
                raw: None,
            });
            return None;
        }
        Some("account") => {
            // A deleted account goes with everything it posted; other statuses (deactivated,
            // suspended, taken down) may be reversed and are only skipped.
            if v.pointer("/account/status").and_then(Value::as_str) == Some("deleted") {
                let event = ComplianceEvent {
                    object: "account".to_string(),
                    native_id: did,
                    action: "delete".to_string(),
                    reason: Some("account deleted".to_string()),
                    created_at: time,
                    redacted_at: None,
                };
                return skipped("bluesky account deletion (applied)", vec![event]);
            }
            return skipped("bluesky account status event", Vec::new());
        }
        _ => return skipped("bluesky event of another kind", Vec::new()),
    }
    let commit = v.get("commit")?;
    let collection = str_of(commit, "collection").unwrap_or("");
    let rkey = str_of(commit, "rkey").unwrap_or("");
    let uri = format!("at://{did}/{collection}/{rkey}");
    let record = commit.get("record").filter(|r| r.is_object());
    let object = match collection {
        "app.bsky.feed.post" | "app.bsky.feed.repost" => "post",
        "app.bsky.feed.like" | "app.bsky.graph.follow" => "tie",
        "app.bsky.actor.profile" => "account",
        _ => return skipped("bluesky record of another collection", Vec::new()),
    };
    if str_of(commit, "operation") == Some("delete") {
        if object == "account" {
            return skipped("bluesky profile deletion", Vec::new());
        }
        let event = ComplianceEvent {
            object: object.to_string(),
            native_id: uri,
            action: "delete".to_string(),
            reason: Some("deleted by its author".to_string()),
            created_at: time,
            redacted_at: None,
        };
        return skipped("bluesky delete event (applied)", vec![event]);
    }
    let Some(record) = record else {
        return Some(Outcome::rejected(
            "a Bluesky create or update without a record",
        ));
    };
    let raw = out.raw(v);
    let created = str_of(record, "createdAt").and_then(parse_rfc3339);
    let subject_uri = record
        .pointer("/subject/uri")
        .and_then(Value::as_str)
        .map(str::to_string);
    match collection {
        "app.bsky.feed.post" => {
            let p = post_record(&uri, Some(did), record);
            out.posts.push(WithRaw { value: p, raw });
        }
        "app.bsky.feed.repost" => {
            let p = Post {
                native_id: uri,
                author: Some(did),
                created_at: created,
                repost_of_author: subject_uri.as_deref().and_then(did_of),
                repost_of: subject_uri,
                collected: true,
                ..Post::default()
            };
            out.posts.push(WithRaw { value: p, raw });
        }
        "app.bsky.feed.like" => {
            let dst = subject_uri.as_deref().and_then(did_of)?;
            out.ties.push(Tie {
                kind: InteractionKind::Like,
                src: did,
                dst,
                subject: subject_uri,
                native_id: Some(uri),
                created_at: created,
            });
        }
        "app.bsky.graph.follow" => {
            let dst = string(record, "subject")?;
            out.ties.push(Tie {
                kind: InteractionKind::Follow,
                src: did,
                dst,
                subject: None,
                native_id: Some(uri),
                created_at: created,
            });
        }
        _ => {
            let a = Account {
                native_id: Some(did),
                name: string(record, "displayName").filter(|n| !n.is_empty()),
                bio: string(record, "description").filter(|n| !n.is_empty()),
                has_object: true,
                ..Account::default()
            };
            out.accounts.push(WithRaw { value: a, raw });
        }
    }
    None
}
