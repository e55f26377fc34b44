//! Bluesky Jetstream events, one per line: `identity` events with each account's handle before
//! its first post, `commit` creates of posts (text, `langs`, facets for mentions, links and tags
//! with byte offsets, `reply` root and parent, quote `embed`s) and reposts, `update`s for
//! edits, and `delete`s for posts deleted a few minutes after they were made.

use super::render::{render, SpanKind, Style};
use super::{iso_ms, tid, Ids, Lines, Writer, Written};
use crate::timeline::{conversation_root, Kind, Post, Recent, Sink};
use crate::world::World;
use serde_json::{json, Value};

pub struct Bluesky<'a> {
    lines: Lines,
    world: &'a World,
    ids: &'a Ids,
    introduced: Vec<bool>,
    /// Deletes waiting for their time: (Unix ms, event).
    deletes: Vec<(i64, Value)>,
    identity_seq: u64,
    collected: u64,
}

/// A content id of the right shape, from the record's URI.
fn cid(uri: &str) -> String {
    const B32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out = String::from("bafyrei");
    for round in 0..4u64 {
        for b in uri.bytes() {
            h = (h ^ u64::from(b) ^ round).wrapping_mul(0x100_0000_01b3);
        }
        for i in 0..13 {
            out.push(B32[((h >> (i * 5)) & 31) as usize] as char);
        }
    }
    out.truncate(59);
    out
}

impl<'a> Bluesky<'a> {
    pub fn new(lines: Lines, world: &'a World, ids: &'a Ids) -> Bluesky<'a> {
        Bluesky {
            lines,
            world,
            ids,
            introduced: vec![false; world.accounts.len()],
            deletes: Vec::new(),
            identity_seq: 0,
            collected: 0,
        }
    }

    fn strong_ref(&self, p: &Post, recent: &Recent) -> Value {
        let uri = self.ids.post(p, recent);
        json!({"uri": uri, "cid": cid(&uri)})
    }

    fn event(&self, p: &Post, recent: &Recent, operation: &str) -> Value {
        let uri = self.ids.post(p, recent);
        let rkey = uri.rsplit('/').next().unwrap_or_default().to_string();
        let did = self.ids.account(p.author);
        let created = p
            .edit_of
            .and_then(|o| recent.get(o))
            .map_or(p.time, |o| o.time);
        let (collection, record) = match p.kind {
            Kind::Repost { of, .. } => (
                "app.bsky.feed.repost",
                json!({
                    "$type": "app.bsky.feed.repost",
                    "subject": recent.get(of).map(|r| self.strong_ref(r, recent)),
                    "createdAt": iso_ms(p.time),
                }),
            ),
            _ => {
                let t = p.text.as_ref();
                let pieces = t.map(|t| t.pieces.as_slice()).unwrap_or(&[]);
                let (text, spans) = render(pieces, Style::Bluesky, self.world, "");
                let facets: Vec<Value> = spans
                    .iter()
                    .map(|s| {
                        let feature = match &s.kind {
                            SpanKind::Mention(u) => json!({"$type": "app.bsky.richtext.facet#mention", "did": self.ids.account(*u)}),
                            SpanKind::Url { full, .. } => json!({"$type": "app.bsky.richtext.facet#link", "uri": full}),
                            SpanKind::Hashtag(h) => json!({"$type": "app.bsky.richtext.facet#tag", "tag": h}),
                        };
                        json!({"index": {"byteStart": s.byte_start, "byteEnd": s.byte_end}, "features": [feature]})
                    })
                    .collect();
                let mut r = json!({
                    "$type": "app.bsky.feed.post",
                    "createdAt": iso_ms(created),
                    "text": text,
                    "langs": [t.map_or("en", |t| t.lang)],
                });
                if !facets.is_empty() {
                    r["facets"] = Value::Array(facets);
                }
                match p.kind {
                    Kind::Reply { to } => {
                        if let Some(parent) = recent.get(to) {
                            let root = recent
                                .get(conversation_root(parent, recent))
                                .unwrap_or(parent);
                            r["reply"] = json!({"root": self.strong_ref(root, recent), "parent": self.strong_ref(parent, recent)});
                        }
                    }
                    Kind::Quote { of } => {
                        if let Some(q) = recent.get(of) {
                            r["embed"] = json!({"$type": "app.bsky.embed.record", "record": self.strong_ref(q, recent)});
                        }
                    }
                    _ => {}
                }
                ("app.bsky.feed.post", r)
            }
        };
        json!({
            "did": did,
            "time_us": p.time * 1000 + (p.seq % 1000) as i64,
            "kind": "commit",
            "commit": {
                "rev": tid(p.time, p.seq + 1),
                "operation": operation,
                "collection": collection,
                "rkey": rkey,
                "record": record,
                "cid": cid(&format!("{uri}#{}", p.seq)),
            },
        })
    }

    fn flush_deletes(&mut self, until: i64) -> std::io::Result<()> {
        let (due, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.deletes)
            .into_iter()
            .partition(|(t, _)| *t <= until);
        self.deletes = rest;
        for (_, e) in due {
            self.lines.record(&e.to_string())?;
        }
        Ok(())
    }
}

impl Sink for Bluesky<'_> {
    fn post(&mut self, p: &Post, _world: &World, recent: &Recent) -> std::io::Result<()> {
        self.flush_deletes(p.time)?;
        let u = p.author as usize;
        if !self.introduced[u] {
            self.introduced[u] = true;
            self.identity_seq += 1;
            let did = self.ids.account(p.author);
            let e = json!({
                "did": did,
                "time_us": p.time * 1000 - 1,
                "kind": "identity",
                "identity": {
                    "did": did,
                    "handle": format!("{}.bsky.social", self.world.accounts[u].handle.to_lowercase()),
                    "seq": 1_000_000 + self.identity_seq,
                    "time": iso_ms(p.time - 1),
                },
            });
            self.lines.record(&e.to_string())?;
        }
        let op = if p.edit_of.is_some() {
            "update"
        } else {
            "create"
        };
        let e = self.event(p, recent, op);
        self.lines.record(&e.to_string())?;
        if p.edit_of.is_none() && !p.deleted {
            self.collected += 1;
        }
        if p.deleted {
            let at = p.time + 5 * 60_000;
            let uri = self.ids.post(p, recent);
            let d = json!({
                "did": self.ids.account(p.author),
                "time_us": at * 1000,
                "kind": "commit",
                "commit": {
                    "rev": tid(at, p.seq + 2),
                    "operation": "delete",
                    "collection": "app.bsky.feed.post",
                    "rkey": uri.rsplit('/').next().unwrap_or_default(),
                },
            });
            self.deletes.push((at, d));
        }
        Ok(())
    }
}

impl Writer for Bluesky<'_> {
    fn finish(&mut self) -> std::io::Result<Written> {
        self.flush_deletes(i64::MAX)?;
        let lines = self.lines.finish()?;
        Ok(Written {
            collected_posts: self.collected,
            ..lines
        })
    }
}
