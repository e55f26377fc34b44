//! X/Twitter API v1.1: statuses (with nested retweeted and quoted statuses, `extended_tweet`),
//! search responses, user objects and cursored user lists.

use super::link_entity;
use super::Out;
use crate::json::{array, boolean, has, id, int, str_of, string};
use crowdmine_model::time::parse_twitter_v1;
use crowdmine_model::{Account, Entity, EntityKind, Geo, Post};
use serde_json::Value;

fn user(u: &Value) -> Account {
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
pub(super) fn user_with_status(u: &Value, out: &mut Out) {
    let account = user(u);
    let author = account.native_id.clone();
    out.account(account, u);
    if let Some(st) = u.get("status").filter(|s| has(s, "id_str")) {
        let mut p = post(st, false);
        p.author = author;
        out.post(p, st);
        nested(st, out);
    }
}

/// The text of a v1.1 `source` field without its HTML anchor.
fn strip_anchor(s: &str) -> String {
    match (s.find('>'), s.rfind("</")) {
        (Some(a), Some(b)) if a < b => s[a + 1..b].to_string(),
        _ => s.to_string(),
    }
}

fn post(st: &Value, collected: bool) -> Post {
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
        let unwound =
            str_of(u, "unwound_url").or_else(|| u.pointer("/unwound/url").and_then(Value::as_str));
        p.entities.extend(link_entity(&[
            unwound,
            str_of(u, "expanded_url"),
            str_of(u, "url"),
        ]));
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
pub(super) fn status(st: &Value, collected: bool, out: &mut Out) {
    out.post(post(st, collected), st);
    if let Some(u) = st.get("user").filter(|u| u.is_object()) {
        out.account(user(u), u);
    }
    nested(st, out);
}

/// The retweeted and quoted statuses a v1.1 status embeds, as referenced posts.
fn nested(st: &Value, out: &mut Out) {
    for key in ["retweeted_status", "quoted_status"] {
        if let Some(inner) = st.get(key).filter(|v| has(v, "id_str")) {
            status(inner, false, out);
        }
    }
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
