//! X API v1.1 statuses, one per line, as tweepy and twarc1 write them: the author's `user`
//! object in each status, retweets with the original in `retweeted_status`, quotes with
//! `quoted_status_id_str` and the quoted tweet's link. Deleted tweets are not written, but a
//! retweet collected before the deletion still embeds the original.

use super::render::{display_url, render, retweet_text, SpanKind, Style};
use super::{twitter_v1_time, with_context, x_status_url, Collected, Ids, Lines, Writer, Written};
use crate::text::Vocabulary;
use crate::timeline::{Kind, Post, Recent, Sink};
use crate::world::World;
use serde_json::{json, Value};

pub struct XV1<'a> {
    lines: Lines,
    world: &'a World,
    vocab: &'a Vocabulary,
    ids: &'a Ids,
    seed: u64,
    collected: Collected,
}

impl<'a> XV1<'a> {
    pub fn new(
        lines: Lines,
        seed: u64,
        world: &'a World,
        vocab: &'a Vocabulary,
        ids: &'a Ids,
    ) -> XV1<'a> {
        XV1 {
            lines,
            world,
            vocab,
            ids,
            seed,
            collected: Collected::default(),
        }
    }

    fn user(&self, u: u32) -> Value {
        let a = &self.world.accounts[u as usize];
        let f = &self.world.follows;
        json!({
            "id": self.ids.account(u).parse::<u64>().unwrap_or_default(),
            "id_str": self.ids.account(u),
            "name": a.name,
            "screen_name": a.handle,
            "location": "",
            "description": super::bio(self.vocab, self.world, u, self.seed),
            "url": null,
            "protected": false,
            "followers_count": f.in_degree(u),
            "friends_count": f.out_degree(u),
            "listed_count": f.in_degree(u) / 50,
            "created_at": twitter_v1_time(a.created_at),
            "favourites_count": 0,
            "verified": false,
            "statuses_count": super::post_count_estimate(a),
            "lang": null,
        })
    }

    fn status(&self, p: &Post, recent: &Recent, collected: bool) -> Value {
        let id = self.ids.post(p, recent);
        let mut reply_to: Option<&Post> = None;
        let mut quoted: Option<&Post> = None;
        let mut retweeted = Value::Null;
        let (text, spans, lang) = match p.kind {
            Kind::Repost { of, .. } => match recent.get(of) {
                Some(r) => {
                    retweeted = self.status(r, recent, false);
                    retweet_text(r, self.world)
                }
                None => (String::from("RT"), Vec::new(), "und"),
            },
            _ => {
                let Some(t) = p.text.as_ref() else {
                    return Value::Null;
                };
                let (pieces, parent, q) = with_context(p, t, recent, |q| {
                    x_status_url(self.world, self.ids, q, recent)
                });
                (reply_to, quoted) = (parent, q);
                let (text, spans) = render(&pieces, Style::X, self.world, "");
                (text, spans, t.lang)
            }
        };
        let (mut tags, mut mentions, mut urls) = (Vec::new(), Vec::new(), Vec::new());
        for s in &spans {
            let indices = [s.start, s.end];
            match &s.kind {
                SpanKind::Hashtag(h) => tags.push(json!({"text": h, "indices": indices})),
                SpanKind::Mention(u) => mentions.push(json!({
                    "screen_name": self.world.accounts[*u as usize].handle,
                    "name": self.world.accounts[*u as usize].name,
                    "id": self.ids.account(*u).parse::<u64>().unwrap_or_default(),
                    "id_str": self.ids.account(*u),
                    "indices": indices,
                })),
                SpanKind::Url { full, shown } => urls.push(json!({
                    "url": shown,
                    "expanded_url": full,
                    "display_url": display_url(full),
                    "indices": indices,
                })),
            }
        }
        let e = if collected {
            Default::default()
        } else {
            recent.engagement(p.seq)
        };
        let mut st = json!({
            "created_at": twitter_v1_time(p.time.div_euclid(1000)),
            "id": id.parse::<u64>().unwrap_or_default(),
            "id_str": id,
            "text": text,
            "truncated": false,
            "entities": {"hashtags": tags, "symbols": [], "user_mentions": mentions, "urls": urls},
            "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
            "in_reply_to_status_id": reply_to.map(|r| self.ids.post(r, recent).parse::<u64>().unwrap_or_default()),
            "in_reply_to_status_id_str": reply_to.map(|r| self.ids.post(r, recent)),
            "in_reply_to_user_id": reply_to.map(|r| self.ids.account(r.author).parse::<u64>().unwrap_or_default()),
            "in_reply_to_user_id_str": reply_to.map(|r| self.ids.account(r.author)),
            "in_reply_to_screen_name": reply_to.map(|r| self.world.accounts[r.author as usize].handle.clone()),
            "user": self.user(p.author),
            "geo": null,
            "coordinates": null,
            "place": null,
            "contributors": null,
            "is_quote_status": quoted.is_some(),
            "retweet_count": e.reposts,
            "favorite_count": e.reposts * 3 + e.replies,
            "favorited": false,
            "retweeted": false,
            "lang": lang,
        });
        if let Some(q) = quoted {
            let qid = self.ids.post(q, recent);
            st["quoted_status_id"] = json!(qid.parse::<u64>().unwrap_or_default());
            st["quoted_status_id_str"] = json!(qid);
        }
        if !retweeted.is_null() {
            st["retweeted_status"] = retweeted;
        }
        st
    }
}

impl Sink for XV1<'_> {
    fn post(&mut self, p: &Post, _world: &World, recent: &Recent) -> std::io::Result<()> {
        // v1.1 has no edit history: a later version is not written.
        if p.deleted || p.edit_of.is_some() {
            return Ok(());
        }
        self.collected.note(p, recent);
        let st = self.status(p, recent, true);
        self.lines.record(&st.to_string())
    }
}

impl Writer for XV1<'_> {
    fn finish(&mut self) -> std::io::Result<Written> {
        Ok(self.collected.written(self.lines.finish()?))
    }
}
