//! Pushshift / Arctic Shift NDJSON: one submission or comment per line. Originals are
//! submissions in their community's subreddit (a link post when the text has a link, else a
//! self post); replies are comments under the thread's submission; reposts and quotes are
//! crossposts (`crosspost_parent`, with the parent in `crosspost_parent_list`), which the corpus
//! records as quotes. Deleted posts keep their line with `[deleted]` author and text, as dumps
//! show them; an edit is a later line of the same id with `edited` set.

use super::render::{render, Style};
use super::{base36, Ids, Lines, Writer, Written};
use crate::text::Vocabulary;
use crate::timeline::{conversation_root, Kind, Post, Recent, Sink};
use crate::world::World;
use serde_json::{json, Value};

pub struct Reddit<'a> {
    lines: Lines,
    world: &'a World,
    vocab: &'a Vocabulary,
    ids: &'a Ids,
    collected: u64,
}

impl<'a> Reddit<'a> {
    pub fn new(lines: Lines, world: &'a World, vocab: &'a Vocabulary, ids: &'a Ids) -> Reddit<'a> {
        Reddit {
            lines,
            world,
            vocab,
            ids,
            collected: 0,
        }
    }

    fn subreddit(&self, u: u32) -> (String, String) {
        let c = self.world.accounts[u as usize].community as usize;
        let name = crate::words::capitalise(&self.vocab.topics[c][0]);
        (name, format!("t5_{}", base36(100_000 + c as u64)))
    }

    /// The text of a post, and the first link in it.
    fn text(&self, p: &Post, recent: &Recent) -> (String, Option<String>) {
        let t = match p.kind {
            Kind::Repost { of, .. } => recent.get(of).and_then(|r| r.text.as_ref()),
            _ => p.text.as_ref(),
        };
        let Some(t) = t else {
            return (String::new(), None);
        };
        let (text, spans) = render(&t.pieces, Style::Reddit, self.world, "");
        let link = spans.iter().find_map(|s| match &s.kind {
            super::SpanKind::Url { full, .. } => Some(full.clone()),
            _ => None,
        });
        (text, link)
    }

    fn record(&self, p: &Post, recent: &Recent) -> Value {
        let id = self.ids.post(p, recent);
        let short = id[3..].to_string();
        let (sub, sub_id) = match p.kind {
            Kind::Reply { .. } => {
                let root = recent
                    .get(conversation_root(p, recent))
                    .map_or(p.author, |r| r.author);
                self.subreddit(root)
            }
            _ => self.subreddit(p.author),
        };
        let a = &self.world.accounts[p.author as usize];
        let (author, fullname) = if p.deleted {
            (Value::from("[deleted]"), Value::Null)
        } else {
            (
                json!(a.handle),
                json!(format!("t2_{}", base36(1_000_000 + u64::from(p.author)))),
            )
        };
        let created = p.time.div_euclid(1000);
        let e = recent.engagement(p.seq);
        let edited = match p.edit_of {
            Some(_) => json!(created),
            None => json!(false),
        };
        let (text, link) = self.text(p, recent);
        let body = if p.deleted {
            "[deleted]".to_string()
        } else {
            text
        };
        let mut v = json!({
            "id": short,
            "name": id,
            "author": author,
            "created_utc": created,
            "subreddit": sub,
            "subreddit_id": sub_id,
            "subreddit_name_prefixed": format!("r/{sub}"),
            "subreddit_type": "public",
            "score": 1 + e.reposts * 3 + e.replies,
            "ups": 1 + e.reposts * 3 + e.replies,
            "edited": edited,
            "stickied": false,
            "locked": false,
            "retrieved_on": created + 86_400,
        });
        if !fullname.is_null() {
            v["author_fullname"] = fullname;
        }
        // The created time of an edit is the original's.
        if let Some(o) = p.edit_of.and_then(|o| recent.get(o)) {
            v["created_utc"] = json!(o.time.div_euclid(1000));
        }
        match p.kind {
            Kind::Reply { to } => {
                let link_id = recent
                    .get(conversation_root(p, recent))
                    .map(|r| self.ids.post(r, recent))
                    .unwrap_or_default();
                let parent = recent
                    .get(to)
                    .map(|r| self.ids.post(r, recent))
                    .unwrap_or_default();
                v["body"] = json!(body);
                v["link_id"] = json!(link_id);
                v["parent_id"] = json!(parent);
                v["permalink"] = json!(format!(
                    "/r/{sub}/comments/{}/_/{short}/",
                    link_id.trim_start_matches("t3_")
                ));
                v["controversiality"] = json!(0);
                v["is_submitter"] = json!(false);
            }
            _ => {
                let mut words = body.split(' ');
                let title: Vec<&str> = words.by_ref().take(8).collect();
                let rest: Vec<&str> = words.collect();
                let permalink = format!("/r/{sub}/comments/{short}/");
                v["title"] = json!(title.join(" "));
                v["selftext"] = json!(rest.join(" "));
                v["permalink"] = json!(permalink);
                v["num_comments"] = json!(e.replies);
                v["num_crossposts"] = json!(e.reposts + e.quotes);
                v["over_18"] = json!(false);
                v["spoiler"] = json!(false);
                match &link {
                    Some(l) if !p.deleted => {
                        v["url"] = json!(l);
                        v["domain"] = json!(l
                            .trim_start_matches("https://")
                            .split('/')
                            .next()
                            .unwrap_or_default());
                        v["is_self"] = json!(false);
                    }
                    _ => {
                        v["url"] = json!(format!("https://www.reddit.com{permalink}"));
                        v["domain"] = json!(format!("self.{sub}"));
                        v["is_self"] = json!(true);
                    }
                }
                let parent = match p.kind {
                    Kind::Repost { of, .. } | Kind::Quote { of } => recent.get(of),
                    _ => None,
                };
                if let Some(r) = parent {
                    let pid = self.ids.post(r, recent);
                    let (psub, psub_id) = self.subreddit(r.author);
                    let pa = if r.deleted {
                        "[deleted]".to_string()
                    } else {
                        self.world.accounts[r.author as usize].handle.clone()
                    };
                    v["crosspost_parent"] = json!(pid);
                    v["crosspost_parent_list"] = json!([{
                        "id": pid[3..],
                        "name": pid,
                        "author": pa,
                        "created_utc": r.time.div_euclid(1000),
                        "subreddit": psub,
                        "subreddit_id": psub_id,
                        "title": self.text(r, recent).0.split(' ').take(8).collect::<Vec<_>>().join(" "),
                    }]);
                    if matches!(p.kind, Kind::Repost { .. }) {
                        // A crosspost keeps the parent's title.
                    } else {
                        v["title"] = json!(self.text(p, recent).0);
                        v["selftext"] = json!("");
                    }
                }
            }
        }
        v
    }
}

impl Sink for Reddit<'_> {
    fn post(&mut self, p: &Post, _world: &World, recent: &Recent) -> std::io::Result<()> {
        let v = self.record(p, recent);
        if p.edit_of.is_none() {
            self.collected += 1;
        }
        self.lines.record(&v.to_string())
    }
}

impl Writer for Reddit<'_> {
    fn finish(&mut self) -> std::io::Result<Written> {
        let lines = self.lines.finish()?;
        Ok(Written {
            collected_posts: self.collected,
            ..lines
        })
    }
}
