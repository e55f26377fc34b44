//! X API v2 search pages as twarc2 writes them: one line per page of up to 100 tweets (`data`),
//! with the authors, mentioned users and referenced tweets in `includes`, deleted tweets and
//! suspended users in `errors`, `meta`, and twarc's `__twarc` envelope. Edits get ids of their
//! own with `edit_history_tweet_ids`; retweets read `RT @handle: …` and reference the root.

use super::render::{display_url, render, retweet_text, SpanKind, Style};
use super::{iso_ms, with_context, x_status_url, Ids, Lines, Writer, Written};
use crate::text::Vocabulary;
use crate::timeline::{conversation_root, Kind, Post, Recent, Sink};
use crate::world::{Role, World};
use crate::Params;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashSet};

pub const PAGE: usize = 100;

pub struct XV2<'a> {
    lines: Lines,
    world: &'a World,
    vocab: &'a Vocabulary,
    ids: &'a Ids,
    seed: u64,
    data: Vec<Value>,
    data_ids: Vec<String>,
    users: BTreeMap<u32, Value>,
    tweets: BTreeMap<u64, Value>,
    errors: Vec<Value>,
    error_keys: HashSet<String>,
    pages: u64,
    last_time: Option<i64>,
    written: Written,
}

impl<'a> XV2<'a> {
    pub fn new(
        lines: Lines,
        params: &Params,
        world: &'a World,
        vocab: &'a Vocabulary,
        ids: &'a Ids,
    ) -> XV2<'a> {
        XV2 {
            lines,
            world,
            vocab,
            ids,
            seed: params.seed,
            data: Vec::new(),
            data_ids: Vec::new(),
            users: BTreeMap::new(),
            tweets: BTreeMap::new(),
            errors: Vec::new(),
            error_keys: HashSet::new(),
            pages: 0,
            last_time: None,
            written: Written::default(),
        }
    }

    /// A user for `includes`, or an error when the account is suspended.
    fn user(&mut self, u: u32, parameter: &str) {
        let a = &self.world.accounts[u as usize];
        if a.role == Role::Suspended {
            let key = format!("user:{u}");
            if self.error_keys.insert(key) {
                self.errors.push(json!({
                    "parameter": parameter,
                    "resource_id": a.handle,
                    "value": a.handle,
                    "detail": format!("User has been suspended: [{}].", a.handle),
                    "title": "Forbidden",
                    "resource_type": "user",
                    "type": "https://api.twitter.com/2/problems/resource-not-found",
                }));
            }
            return;
        }
        if self.users.contains_key(&u) {
            return;
        }
        let f = &self.world.follows;
        let user = json!({
            "id": self.ids.account(u),
            "username": a.handle,
            "name": a.name,
            "created_at": iso_ms(a.created_at * 1000),
            "description": super::bio(self.vocab, self.world, u, self.seed),
            "protected": false,
            "verified": false,
            "public_metrics": {
                "followers_count": f.in_degree(u),
                "following_count": f.out_degree(u),
                "tweet_count": super::post_count_estimate(a),
                "listed_count": f.in_degree(u) / 50,
            },
        });
        self.users.insert(u, user);
    }

    fn tweet(&mut self, p: &Post, recent: &Recent, collected: bool) -> Value {
        let id = self.ids.post(p, recent);
        let mut referenced = Vec::new();
        let mut in_reply_to = None;
        let (text, spans, lang) = match p.kind {
            Kind::Repost { of, .. } => {
                let root = recent.get(of);
                referenced.push(
                    json!({"type": "retweeted", "id": root.map(|r| self.ids.post(r, recent))}),
                );
                match root {
                    Some(r) => retweet_text(r, self.world),
                    None => (String::from("RT"), Vec::new(), "und"),
                }
            }
            _ => {
                let Some(t) = p.text.as_ref() else {
                    return Value::Null;
                };
                let (pieces, parent, quoted) = with_context(p, t, recent, |q| {
                    x_status_url(self.world, self.ids, q, recent)
                });
                if let Some(parent) = parent {
                    in_reply_to = Some(parent.author);
                    referenced
                        .push(json!({"type": "replied_to", "id": self.ids.post(parent, recent)}));
                }
                if let Some(q) = quoted {
                    referenced.push(json!({"type": "quoted", "id": self.ids.post(q, recent)}));
                }
                let (text, spans) = render(&pieces, Style::X, self.world, "");
                (text, spans, t.lang)
            }
        };
        let mut entities = Map::new();
        let (mut tags, mut mentions, mut urls) = (Vec::new(), Vec::new(), Vec::new());
        for s in &spans {
            match &s.kind {
                SpanKind::Hashtag(h) => {
                    tags.push(json!({"start": s.start, "end": s.end, "tag": h}))
                }
                SpanKind::Mention(u) => {
                    mentions.push(json!({
                        "start": s.start,
                        "end": s.end,
                        "username": self.world.accounts[*u as usize].handle,
                        "id": self.ids.account(*u),
                    }));
                }
                SpanKind::Url { full, shown } => urls.push(json!({
                    "start": s.start,
                    "end": s.end,
                    "url": shown,
                    "expanded_url": full,
                    "display_url": display_url(full),
                })),
            }
        }
        for (k, v) in [("hashtags", tags), ("mentions", mentions), ("urls", urls)] {
            if !v.is_empty() {
                entities.insert(k.into(), Value::Array(v));
            }
        }
        let e = if collected {
            // Collected as it was posted: nothing gathered yet.
            Default::default()
        } else {
            recent.engagement(p.seq)
        };
        let conversation = match p.kind {
            Kind::Reply { to } => recent
                .get(to)
                .map(|r| conversation_root(r, recent))
                .unwrap_or(p.seq),
            _ => p.seq,
        };
        let conversation_id = recent
            .get(conversation)
            .map(|c| self.ids.post(c, recent))
            .unwrap_or_else(|| id.clone());
        let history = match p.edit_of.and_then(|o| recent.get(o)) {
            Some(o) => vec![self.ids.post(o, recent), id.clone()],
            None => vec![id.clone()],
        };
        let mut t = json!({
            "id": id,
            "text": text,
            "author_id": self.ids.account(p.author),
            "created_at": iso_ms(p.time),
            "conversation_id": conversation_id,
            "lang": lang,
            "possibly_sensitive": false,
            "reply_settings": "everyone",
            "edit_history_tweet_ids": history,
            "public_metrics": {
                "retweet_count": e.reposts,
                "reply_count": e.replies,
                "like_count": e.reposts * 3 + e.replies,
                "quote_count": e.quotes,
            },
        });
        if !entities.is_empty() {
            t["entities"] = Value::Object(entities);
        }
        if !referenced.is_empty() {
            t["referenced_tweets"] = Value::Array(referenced);
        }
        if let Some(u) = in_reply_to {
            t["in_reply_to_user_id"] = json!(self.ids.account(u));
        }
        // Everyone the tweet names goes into includes.
        self.user(p.author, "author_id");
        if let Some(u) = in_reply_to {
            self.user(u, "in_reply_to_user_id");
        }
        for s in &spans {
            if let SpanKind::Mention(u) = s.kind {
                self.user(u, "entities.mentions.username");
            }
        }
        t
    }

    /// A referenced tweet into includes, or an error when it was deleted.
    fn include(&mut self, seq: u64, recent: &Recent) {
        let Some(r) = recent.get(seq) else { return };
        if r.deleted {
            let id = self.ids.post(r, recent);
            if self.error_keys.insert(format!("tweet:{seq}")) {
                self.errors.push(json!({
                    "value": id,
                    "detail": format!("Could not find tweet with referenced_tweets.id: [{id}]."),
                    "title": "Not Found Error",
                    "resource_type": "tweet",
                    "parameter": "referenced_tweets.id",
                    "resource_id": id,
                    "type": "https://api.twitter.com/2/problems/resource-not-found",
                }));
            }
            return;
        }
        if !self.tweets.contains_key(&seq) {
            let r = r.clone();
            let t = self.tweet(&r, recent, false);
            self.tweets.insert(seq, t);
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.data.is_empty() {
            return Ok(());
        }
        self.pages += 1;
        let mut data = std::mem::take(&mut self.data);
        // Search returns the newest first.
        data.reverse();
        let newest = self.data_ids.last().cloned().unwrap_or_default();
        let oldest = self.data_ids.first().cloned().unwrap_or_default();
        let count = data.len();
        let mut includes = Map::new();
        includes.insert(
            "users".into(),
            Value::Array(std::mem::take(&mut self.users).into_values().collect()),
        );
        let tweets: Vec<Value> = std::mem::take(&mut self.tweets).into_values().collect();
        if !tweets.is_empty() {
            includes.insert("tweets".into(), Value::Array(tweets));
        }
        let mut page = json!({
            "data": data,
            "includes": includes,
            "meta": {
                "newest_id": newest,
                "oldest_id": oldest,
                "result_count": count,
                "next_token": format!("{:x}", self.pages * 0x9e37_79b9 + self.seed),
            },
            "__twarc": {
                "url": "https://api.twitter.com/2/tweets/search/all?expansions=author_id%2Cin_reply_to_user_id%2Creferenced_tweets.id%2Creferenced_tweets.id.author_id%2Centities.mentions.username&max_results=100",
                "version": "2.14.0",
                "retrieved_at": self.retrieved_at(),
            },
        });
        if !self.errors.is_empty() {
            self.written.api_errors += self.errors.len() as u64;
            page["errors"] = Value::Array(std::mem::take(&mut self.errors));
        }
        self.error_keys.clear();
        self.data_ids.clear();
        self.lines.record(&page.to_string())
    }

    fn retrieved_at(&self) -> String {
        // Collected the day after the last tweet of the page.
        let t = self.last_time.unwrap_or_default() / 1000 + 86_400;
        let (y, mo, d, h, mi, s) = crowdmine_model::time::civil_from_unix(t);
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+00:00")
    }
}

impl Sink for XV2<'_> {
    fn post(&mut self, p: &Post, _world: &World, recent: &Recent) -> std::io::Result<()> {
        if p.deleted {
            // Deleted before collection: never in data; references to it get an error.
            return Ok(());
        }
        let t = self.tweet(p, recent, true);
        match p.kind {
            Kind::Repost { of, .. } | Kind::Quote { of } => self.include(of, recent),
            Kind::Reply { to } => self.include(to, recent),
            Kind::Original => {}
        }
        self.data_ids.push(self.ids.post(p, recent));
        self.data.push(t);
        if p.edit_of.is_none() {
            self.written.collected_posts += 1;
        }
        self.last_time = Some(p.time);
        if self.data.len() == PAGE {
            self.flush()?;
        }
        Ok(())
    }
}

impl Writer for XV2<'_> {
    fn finish(&mut self) -> std::io::Result<Written> {
        self.flush()?;
        let lines = self.lines.finish()?;
        Ok(Written {
            collected_posts: self.written.collected_posts,
            api_errors: self.written.api_errors,
            ..lines
        })
    }
}
