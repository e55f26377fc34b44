//! Mastodon statuses as JSON lines, as fetched from one instance's federated timeline: HTML
//! `content` with Mastodon's markup for mentions, hashtags and links; `account` objects with
//! `acct` (no domain for the instance's own accounts); reblogs embed the original in `reblog`;
//! replies name the parent by the instance's local id (`in_reply_to_id`). Mastodon before 4.4
//! has no quote posts: a quote is a status that links the quoted one. Deleted statuses are not
//! written, though a reblog collected earlier still embeds one; an edit is the same status again
//! with `edited_at`.

use super::render::{render, SpanKind, Style};
use super::{iso_ms, with_context, Collected, Ids, Lines, Writer, Written};
use crate::text::Vocabulary;
use crate::timeline::{Kind, Post, Recent, Sink};
use crate::world::{Role, World};
use serde_json::{json, Value};

pub struct Mastodon<'a> {
    lines: Lines,
    world: &'a World,
    vocab: &'a Vocabulary,
    ids: &'a Ids,
    seed: u64,
    collected: Collected,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

impl<'a> Mastodon<'a> {
    pub fn new(
        lines: Lines,
        seed: u64,
        world: &'a World,
        vocab: &'a Vocabulary,
        ids: &'a Ids,
    ) -> Mastodon<'a> {
        Mastodon {
            lines,
            world,
            vocab,
            ids,
            seed,
            collected: Collected::default(),
        }
    }

    fn local_account_id(u: u32) -> String {
        (109_000_000_000_000_000u64 + u64::from(u) * 1_009).to_string()
    }

    fn acct(&self, u: u32) -> String {
        let h = &self.world.accounts[u as usize].handle;
        if self.ids.is_local(u) {
            h.clone()
        } else {
            format!("{h}@{}", self.ids.instance(u))
        }
    }

    fn profile_url(&self, u: u32) -> String {
        format!(
            "https://{}/@{}",
            self.ids.instance(u),
            self.world.accounts[u as usize].handle
        )
    }

    fn account(&self, u: u32) -> Value {
        let a = &self.world.accounts[u as usize];
        let f = &self.world.follows;
        let day = a.created_at - a.created_at.rem_euclid(86_400);
        json!({
            "id": Self::local_account_id(u),
            "username": a.handle,
            "acct": self.acct(u),
            "display_name": a.name,
            "locked": false,
            "bot": a.role == Role::Bot,
            "discoverable": true,
            "group": false,
            "created_at": iso_ms(day * 1000),
            "note": format!("<p>{}</p>", escape(&super::bio(self.vocab, self.world, u, self.seed))),
            "url": self.profile_url(u),
            "uri": format!("https://{}/users/{}", self.ids.instance(u), a.handle),
            "followers_count": f.in_degree(u),
            "following_count": f.out_degree(u),
            "statuses_count": super::post_count_estimate(a),
            "emojis": [],
            "fields": [],
        })
    }

    fn status(&self, p: &Post, recent: &Recent, collected: bool) -> Value {
        let uri = self.ids.post(p, recent);
        let local_id = match p.edit_of.and_then(|o| recent.get(o)) {
            Some(o) => self.ids.mastodon_id(o),
            None => self.ids.mastodon_id(p),
        };
        let url = format!("{}/{}", self.profile_url(p.author), local_id);
        let e = if collected {
            Default::default()
        } else {
            recent.engagement(p.seq)
        };
        let mut reblog = Value::Null;
        let mut reply_to: Option<&Post> = None;
        let mut content = String::new();
        let (mut mentions, mut tags) = (Vec::new(), Vec::new());
        let mut lang = Value::Null;
        match p.kind {
            Kind::Repost { of, .. } => {
                if let Some(r) = recent.get(of) {
                    reblog = self.status(r, recent, false);
                }
            }
            _ => {
                if let Some(t) = p.text.as_ref() {
                    let (pieces, parent, _) = with_context(p, t, recent, |q| {
                        format!("{}/{}", self.profile_url(q.author), self.ids.mastodon_id(q))
                    });
                    reply_to = parent;
                    let (text, spans) = render(&pieces, Style::Mastodon, self.world, "");
                    content = self.html(&text, &spans);
                    lang = json!(t.lang);
                    for s in &spans {
                        match &s.kind {
                            SpanKind::Mention(u) => mentions.push(json!({
                                "id": Self::local_account_id(*u),
                                "username": self.world.accounts[*u as usize].handle,
                                "url": self.profile_url(*u),
                                "acct": self.acct(*u),
                            })),
                            SpanKind::Hashtag(h) => tags.push(json!({
                                "name": h.to_lowercase(),
                                "url": format!("https://{}/tags/{}", self.ids.instances[0], h.to_lowercase()),
                            })),
                            SpanKind::Url { .. } => {}
                        }
                    }
                }
            }
        }
        let created = match p.edit_of.and_then(|o| recent.get(o)) {
            Some(o) => o.time,
            None => p.time,
        };
        json!({
            "id": local_id,
            "created_at": iso_ms(created),
            "in_reply_to_id": reply_to.map(|r| self.ids.mastodon_id(r)),
            "in_reply_to_account_id": reply_to.map(|r| Self::local_account_id(r.author)),
            "sensitive": false,
            "spoiler_text": "",
            "visibility": "public",
            "language": lang,
            "uri": uri,
            "url": if reblog.is_null() { json!(url) } else { Value::Null },
            "replies_count": e.replies,
            "reblogs_count": e.reposts,
            "favourites_count": e.reposts * 3 + e.replies,
            "edited_at": p.edit_of.map(|_| iso_ms(p.time)),
            "content": content,
            "reblog": reblog,
            "account": self.account(p.author),
            "media_attachments": [],
            "mentions": mentions,
            "tags": tags,
            "emojis": [],
            "card": null,
            "poll": null,
        })
    }

    /// Mastodon's HTML for a text and its entities.
    fn html(&self, text: &str, spans: &[super::Span]) -> String {
        let mut out = String::from("<p>");
        let mut at = 0;
        for s in spans {
            out.push_str(&escape(&text[at..s.byte_start]));
            match &s.kind {
                SpanKind::Mention(u) => out.push_str(&format!(
                    "<span class=\"h-card\" translate=\"no\"><a href=\"{}\" class=\"u-url mention\">@<span>{}</span></a></span>",
                    self.profile_url(*u),
                    escape(&self.world.accounts[*u as usize].handle)
                )),
                SpanKind::Hashtag(h) => out.push_str(&format!(
                    "<a href=\"https://{}/tags/{}\" class=\"mention hashtag\" rel=\"tag\">#<span>{}</span></a>",
                    self.ids.instances[0],
                    escape(&h.to_lowercase()),
                    escape(h)
                )),
                SpanKind::Url { full, .. } => {
                    let rest = full.trim_start_matches("https://");
                    out.push_str(&format!(
                        "<a href=\"{}\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\"><span class=\"invisible\">https://</span><span class=\"\">{}</span><span class=\"invisible\"></span></a>",
                        escape(full),
                        escape(rest)
                    ));
                }
            }
            at = s.byte_end;
        }
        out.push_str(&escape(&text[at..]));
        out.push_str("</p>");
        out
    }
}

impl Sink for Mastodon<'_> {
    fn post(&mut self, p: &Post, _world: &World, recent: &Recent) -> std::io::Result<()> {
        if p.deleted {
            return Ok(());
        }
        self.collected.note(p, recent);
        let st = self.status(p, recent, true);
        self.lines.record(&st.to_string())
    }
}

impl Writer for Mastodon<'_> {
    fn finish(&mut self) -> std::io::Result<Written> {
        Ok(self.collected.written(self.lines.finish()?))
    }
}
