//! Mastodon adapter: statuses (timelines, single statuses, reblogs, quotes), `context`
//! responses, `search` results and accounts. Other resources are recognised and skipped with a
//! reason: conversations (direct-message threads), notifications, suggestions, trends, status
//! edit histories and instance information.
//!
//! Identity: a status is its `uri` (its `id` is local to the instance it was fetched from) and an
//! account is `acct@domain` (a local account's `acct` has no domain: it is the host of its `url`).
//! So statuses and accounts from different instances never collide.
//!
//! Links: `in_reply_to_id` is an id of the instance the status was fetched from. That instance is
//! the host of any local account of the record (an `acct` without a domain: the author, a
//! mention); each status then gets the alias `instance#id` and its reply link names the parent
//! by the same form, which the corpus resolves to the parent when it holds it. Without a local
//! account in the record the instance is unknown and the reply link is not kept. In a `context`
//! response the parent is named by its `uri` and the first ancestor is every status's root.
//!
//! Text: the HTML `content` becomes plain text (see [`crate::html`]), after the content warning
//! (`spoiler_text`) when there is one. Direct messages (`visibility: direct`) are skipped unless
//! [`AdapterOptions::include_direct`] is set.

use crate::json::{array, boolean, has, int, str_of, string};
use crate::{html, AdapterOptions, Outcome, WithRaw};
use crowdmine_model::time::parse_rfc3339;
use crowdmine_model::url::{canonicalize, domain, host};
use crowdmine_model::{Account, Entity, EntityKind, Platform, Post};
use serde_json::Value;
use std::collections::HashMap;

const PLATFORM: Platform = Platform::Mastodon;

enum Shape {
    Status,
    Context,
    Search,
    Account,
    Skip(&'static str),
}

fn is_status(v: &Value) -> bool {
    has(v, "uri") && has(v, "account") && v.get("content").is_some() && has(v, "visibility")
}

fn shape(v: &Value) -> Option<Shape> {
    if !v.is_object() {
        return None;
    }
    if is_status(v) {
        return Some(Shape::Status);
    }
    if v.get("ancestors").is_some() && v.get("descendants").is_some() {
        return Some(Shape::Context);
    }
    if v.get("accounts").is_some() && v.get("statuses").is_some() && v.get("hashtags").is_some() {
        return Some(Shape::Search);
    }
    if has(v, "acct") && has(v, "username") && has(v, "url") {
        return Some(Shape::Account);
    }
    let skip = if has(v, "last_status") || (has(v, "accounts") && has(v, "unread")) {
        "mastodon conversation (direct messages)"
    } else if has(v, "notification_groups") {
        "mastodon grouped notifications"
    } else if has(v, "type") && has(v, "account") && has(v, "created_at") {
        "mastodon notification"
    } else if has(v, "account") && (has(v, "source") || has(v, "sources")) {
        "mastodon follow suggestion"
    } else if has(v, "history") && has(v, "name") && has(v, "url") {
        "mastodon trending tag"
    } else if has(v, "history") && has(v, "url") && has(v, "title") {
        "mastodon trending link"
    } else if v.get("content").is_some() && has(v, "account") && !has(v, "uri") {
        "mastodon status edit history"
    } else if has(v, "version") && (has(v, "domain") || has(v, "uri")) && has(v, "title") {
        "mastodon instance information"
    } else {
        return None;
    };
    Some(Shape::Skip(skip))
}

/// Is this record Mastodon's?
pub fn detect(bytes: &[u8]) -> Option<crate::Format> {
    let v: Value = serde_json::from_slice(bytes).ok()?;
    let first = match &v {
        Value::Array(items) => items.first()?,
        v => v,
    };
    shape(first).map(|_| crate::Format::Mastodon)
}

/// The fully qualified `user@domain` of an account or mention object.
fn qualified(acct: &str, url: Option<&str>) -> Option<String> {
    if acct.contains('@') {
        return Some(acct.trim_start_matches('@').to_string());
    }
    let domain = host(url?)?;
    Some(format!("{acct}@{domain}"))
}

fn account_key(v: &Value) -> Option<String> {
    qualified(str_of(v, "acct")?, str_of(v, "url"))
}

/// The instance a record was fetched from: the host of any local account in it.
fn fetch_instance(v: &Value) -> Option<String> {
    match v {
        Value::Object(o) => {
            if let (Some(acct), Some(url)) = (str_of(v, "acct"), str_of(v, "url")) {
                if !acct.contains('@') {
                    return host(url);
                }
            }
            o.values().find_map(fetch_instance)
        }
        Value::Array(items) => items.iter().find_map(fetch_instance),
        _ => None,
    }
}

struct Ctx<'a> {
    opts: &'a AdapterOptions,
    instance: Option<String>,
    /// Local id → uri of the statuses of this record.
    uris: HashMap<String, String>,
    /// The conversation root when known (the first ancestor of a context).
    root: Option<String>,
    posts: Vec<WithRaw<Post>>,
    accounts: Vec<WithRaw<Account>>,
    /// Direct messages left out.
    direct: usize,
}

impl Ctx<'_> {
    fn raw(&self, v: &Value) -> Option<Vec<u8>> {
        self.opts
            .keep_raw
            .then(|| serde_json::to_vec(v).unwrap_or_default())
    }

    fn account(&mut self, v: &Value) -> Option<String> {
        let key = account_key(v)?;
        let note = str_of(v, "note").map(|n| html::to_text(n).text);
        let a = Account {
            native_id: Some(key.clone()),
            handle: Some(key.clone()),
            name: string(v, "display_name").filter(|n| !n.is_empty()),
            created_at: str_of(v, "created_at").and_then(parse_rfc3339),
            followers: int(v, "followers_count"),
            following: int(v, "following_count"),
            post_count: int(v, "statuses_count"),
            protected: boolean(v, "locked"),
            bio: note.filter(|n| !n.is_empty()),
            url: string(v, "url"),
            has_object: true,
            ..Account::default()
        };
        let raw = self.raw(v);
        self.accounts.push(WithRaw { value: a, raw });
        Some(key)
    }

    /// Adds a status (and the statuses it reblogs or quotes); returns its uri.
    fn status(&mut self, v: &Value, collected: bool) -> Option<String> {
        let uri = string(v, "uri")?;
        if str_of(v, "visibility") == Some("direct") && !self.opts.include_direct {
            self.direct += 1;
            return None;
        }
        let author = v.get("account").and_then(|a| self.account(a));
        let mut p = Post {
            native_id: uri.clone(),
            author,
            created_at: str_of(v, "created_at").and_then(parse_rfc3339),
            lang: string(v, "language"),
            like_count: int(v, "favourites_count"),
            repost_count: int(v, "reblogs_count"),
            reply_count: int(v, "replies_count"),
            quote_count: int(v, "quotes_count"),
            visibility: string(v, "visibility"),
            sensitive: boolean(v, "sensitive"),
            source_app: v
                .pointer("/application/name")
                .and_then(Value::as_str)
                .map(str::to_string),
            root: self.root.clone().filter(|r| *r != uri),
            collected,
            ..Post::default()
        };
        if let (Some(instance), Some(id)) = (&self.instance, crate::json::id(v, "id")) {
            p.aliases.push(format!("{instance}#{id}"));
        }
        if let Some(parent) = crate::json::id(v, "in_reply_to_id") {
            p.reply_to = match (self.uris.get(&parent), &self.instance) {
                (Some(uri), _) => Some(uri.clone()),
                (None, Some(instance)) => Some(format!("{instance}#{parent}")),
                (None, None) => None,
            };
        }
        // Statuses nested in this one (reblogged, quoted) are not part of the thread.
        let root = self.root.take();
        if let Some(reblog) = v.get("reblog").filter(|r| r.is_object()) {
            p.repost_of_author = reblog.get("account").and_then(account_key);
            p.repost_of = self.status(reblog, false);
        }
        let quoted = match v.get("quote") {
            Some(q) if q.get("quoted_status").is_some_and(Value::is_object) => {
                q.get("quoted_status")
            }
            Some(q) if is_status(q) => Some(q),
            _ => None,
        };
        if let Some(q) = quoted {
            p.quote_of_author = q.get("account").and_then(account_key);
            p.quote_of = self.status(q, false);
        }
        self.root = root;
        let converted = html::to_text(str_of(v, "content").unwrap_or(""));
        let spoiler = str_of(v, "spoiler_text").filter(|s| !s.is_empty());
        p.text = match spoiler {
            Some(s) if converted.text.is_empty() => Some(s.to_string()),
            Some(s) => Some(format!("{s}\n\n{}", converted.text)),
            None => Some(converted.text).filter(|t| !t.is_empty() || p.repost_of.is_none()),
        };
        for link in converted.links {
            let value = canonicalize(&link);
            push(
                &mut p.entities,
                EntityKind::Url,
                value.clone(),
                domain(PLATFORM, &value),
            );
        }
        if let Some(url) = v.pointer("/card/url").and_then(Value::as_str) {
            let value = canonicalize(url);
            push(
                &mut p.entities,
                EntityKind::Url,
                value.clone(),
                domain(PLATFORM, &value),
            );
        }
        for t in array(v, "tags") {
            if let Some(name) = str_of(t, "name") {
                push(&mut p.entities, EntityKind::Hashtag, name.to_string(), None);
            }
        }
        for m in array(v, "mentions") {
            if let Some(key) = str_of(m, "acct").and_then(|a| qualified(a, str_of(m, "url"))) {
                push(
                    &mut p.entities,
                    EntityKind::Mention,
                    key.to_lowercase(),
                    None,
                );
                p.mentions.push((Some(key.clone()), key));
            }
        }
        for m in array(v, "media_attachments") {
            if let Some(url) = str_of(m, "remote_url").or_else(|| str_of(m, "url")) {
                push(
                    &mut p.entities,
                    EntityKind::Media,
                    url.to_string(),
                    string(m, "type"),
                );
            }
        }
        if let Some(poll) = v.get("poll").filter(|p| p.is_object()) {
            let options: Vec<&str> = array(poll, "options")
                .iter()
                .filter_map(|o| str_of(o, "title"))
                .collect();
            let id = crate::json::id(poll, "id").unwrap_or_default();
            push(
                &mut p.entities,
                EntityKind::Poll,
                format!("{uri}#poll{id}"),
                Some(options.join("|")),
            );
        }
        let raw = self.raw(v);
        self.posts.push(WithRaw { value: p, raw });
        Some(uri)
    }
}

fn push(entities: &mut Vec<Entity>, kind: EntityKind, value: String, detail: Option<String>) {
    if !entities.iter().any(|e| e.kind == kind && e.value == value) {
        entities.push(Entity {
            kind,
            value,
            detail,
        });
    }
}

/// Parses one record of a Mastodon file.
pub fn parse(bytes: &[u8], opts: &AdapterOptions) -> Outcome {
    let v: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Outcome::rejected(format!("malformed JSON: {e}")),
    };
    let items = match &v {
        Value::Array(items) => items.as_slice(),
        v => std::slice::from_ref(v),
    };
    let mut ctx = Ctx {
        opts,
        instance: fetch_instance(&v),
        uris: HashMap::new(),
        root: None,
        posts: Vec::new(),
        accounts: Vec::new(),
        direct: 0,
    };
    let mut skipped = None;
    for item in items {
        match shape(item) {
            Some(Shape::Status) => {
                ctx.status(item, true);
            }
            Some(Shape::Context) => {
                let statuses: Vec<&Value> = array(item, "ancestors")
                    .iter()
                    .chain(array(item, "descendants"))
                    .collect();
                for s in &statuses {
                    if let (Some(id), Some(uri)) = (crate::json::id(s, "id"), string(s, "uri")) {
                        ctx.uris.insert(id, uri);
                    }
                }
                ctx.root = array(item, "ancestors")
                    .first()
                    .and_then(|a| string(a, "uri"));
                for s in statuses {
                    ctx.status(s, true);
                }
                ctx.root = None;
            }
            Some(Shape::Search) => {
                for a in array(item, "accounts") {
                    ctx.account(a);
                }
                for s in array(item, "statuses") {
                    ctx.status(s, true);
                }
            }
            Some(Shape::Account) => {
                ctx.account(item);
            }
            Some(Shape::Skip(resource)) => skipped = Some(resource),
            None => return Outcome::rejected("not a Mastodon record: unrecognised object"),
        }
    }
    if ctx.posts.is_empty() && ctx.accounts.is_empty() {
        let resource = match skipped {
            Some(r) => r,
            None if ctx.direct > 0 => "mastodon direct message (pass --include-direct to keep it)",
            None => "mastodon response without statuses or accounts",
        };
        return Outcome::Skipped {
            platform: PLATFORM,
            resource,
            compliance: Vec::new(),
        };
    }
    Outcome::Objects {
        platform: PLATFORM,
        posts: ctx.posts,
        accounts: ctx.accounts,
        ties: Vec::new(),
        retrieved_at: None,
        api_errors: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(id: &str, uri: &str, acct: &str, url: &str, extra: &str) -> String {
        format!(
            r#"{{"id":"{id}","uri":"{uri}","created_at":"2023-05-28T10:00:00.000Z","visibility":"public","content":"<p>hi</p>","account":{{"id":"1","acct":"{acct}","username":"u","url":"{url}"}}{extra}}}"#
        )
    }

    fn objects(json: &str, opts: &AdapterOptions) -> (Vec<Post>, Vec<Account>) {
        parse(json.as_bytes(), opts).into_objects()
    }

    #[test]
    fn identity_is_uri_and_qualified_acct() {
        let s = status(
            "5",
            "https://remote.example/users/a/statuses/9",
            "a@remote.example",
            "https://remote.example/@a",
            r#","in_reply_to_id":"4","mentions":[{"acct":"me","url":"https://home.example/@me"}]"#,
        );
        let (posts, accounts) = objects(&s, &AdapterOptions::default());
        assert_eq!(
            posts[0].native_id,
            "https://remote.example/users/a/statuses/9"
        );
        assert_eq!(posts[0].author.as_deref(), Some("a@remote.example"));
        // The local mention names the instance the ids belong to.
        assert_eq!(posts[0].aliases, ["home.example#5"]);
        assert_eq!(posts[0].reply_to.as_deref(), Some("home.example#4"));
        assert_eq!(posts[0].mentions[0].1, "me@home.example");
        assert_eq!(accounts[0].native_id.as_deref(), Some("a@remote.example"));
    }

    #[test]
    fn reblog_is_a_repost_and_direct_is_skipped() {
        let inner = status(
            "7",
            "https://b.example/s/7",
            "b@b.example",
            "https://b.example/@b",
            "",
        );
        let s = status(
            "8",
            "https://a.example/s/8",
            "a",
            "https://a.example/@a",
            &format!(r#","reblog":{inner}"#),
        );
        let (posts, _) = objects(&s, &AdapterOptions::default());
        assert_eq!(posts.len(), 2);
        let repost = posts
            .iter()
            .find(|p| p.native_id.ends_with("/8"))
            .expect("repost");
        assert_eq!(repost.repost_of.as_deref(), Some("https://b.example/s/7"));
        assert_eq!(repost.repost_of_author.as_deref(), Some("b@b.example"));
        let dm = status(
            "9",
            "https://a.example/s/9",
            "a",
            "https://a.example/@a",
            "",
        )
        .replace("public", "direct");
        assert!(matches!(
            parse(dm.as_bytes(), &AdapterOptions::default()),
            Outcome::Skipped { .. }
        ));
        let keep = AdapterOptions {
            include_direct: true,
            ..AdapterOptions::default()
        };
        assert_eq!(objects(&dm, &keep).0.len(), 1);
    }
}
