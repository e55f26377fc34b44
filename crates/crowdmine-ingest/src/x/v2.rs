//! X/Twitter API v2: search and timeline pages, filtered-stream lines, lookups, user pages and
//! twarc2 flattened tweets, parsed into borrowed typed structs. Objects keep their raw bytes as
//! they were in the input (slices of the record), so raw JSON costs no re-serialisation.

use super::{link_entity, Out, Shape};
use crate::loose::{List, Num, Text};
use crowdmine_model::time::parse_rfc3339;
use crowdmine_model::{Account, Entity, EntityKind, Geo, Post};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;

/// The top level of any X v2 record, with everything below left raw.
#[derive(Deserialize, Default)]
pub(super) struct Top<'a> {
    #[serde(borrow, default)]
    pub data: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub includes: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub errors: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "__twarc")]
    pub twarc: Option<Twarc<'a>>,
    // Enough of a flattened tweet or a v1.1 object to recognise them.
    #[serde(borrow, default)]
    pub id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub text: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub author: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub author_id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub edit_history_tweet_ids: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub id_str: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub user: Option<&'a RawValue>,
}

impl Top<'_> {
    pub fn is_page(&self) -> bool {
        self.data.is_some() || self.includes.is_some()
    }
    /// A twarc2 flattened tweet (not a v1.1 status, which has `id_str` and `user`).
    pub fn is_flat_tweet(&self) -> bool {
        self.id.is_some()
            && self.text.is_some()
            && self.id_str.is_none()
            && self.user.is_none()
            && (self.author.is_some()
                || self.author_id.is_some()
                || self.edit_history_tweet_ids.is_some())
    }
}

#[derive(Deserialize, Default)]
pub(super) struct Twarc<'a> {
    #[serde(borrow, default)]
    pub retrieved_at: Text<'a>,
}

#[derive(Deserialize, Default)]
struct Includes<'a> {
    #[serde(borrow, default)]
    users: List<&'a RawValue>,
    #[serde(borrow, default)]
    tweets: List<&'a RawValue>,
    #[serde(borrow, default)]
    media: List<Media<'a>>,
    #[serde(borrow, default)]
    places: List<Place<'a>>,
    #[serde(borrow, default)]
    polls: List<Poll<'a>>,
}

#[derive(Deserialize, Default)]
struct Media<'a> {
    #[serde(borrow, default)]
    media_key: Text<'a>,
    #[serde(borrow, default, rename = "type")]
    kind: Text<'a>,
}

#[derive(Deserialize, Default)]
struct Place<'a> {
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow, default)]
    full_name: Text<'a>,
}

#[derive(Deserialize, Default)]
struct Poll<'a> {
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow, default)]
    options: List<PollOption<'a>>,
}

#[derive(Deserialize, Default)]
struct PollOption<'a> {
    #[serde(borrow, default)]
    label: Text<'a>,
}

/// What the first data item of a page is, to tell tweets, users and other resources apart.
#[derive(Deserialize, Default)]
struct Probe<'a> {
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(borrow, default)]
    username: Option<&'a RawValue>,
    #[serde(borrow, default)]
    tweet_count: Option<&'a RawValue>,
    #[serde(borrow, default)]
    member_count: Option<&'a RawValue>,
    #[serde(borrow, default)]
    owner_id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    place_type: Option<&'a RawValue>,
}

#[derive(Deserialize, Default)]
struct Tweet<'a> {
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow, default)]
    text: Text<'a>,
    #[serde(borrow, default)]
    author_id: Text<'a>,
    #[serde(borrow, default)]
    created_at: Text<'a>,
    #[serde(borrow, default)]
    lang: Text<'a>,
    #[serde(borrow, default)]
    conversation_id: Text<'a>,
    #[serde(borrow, default)]
    in_reply_to_user_id: Text<'a>,
    #[serde(borrow, default)]
    source: Text<'a>,
    #[serde(default)]
    possibly_sensitive: Num,
    #[serde(default)]
    public_metrics: Option<TweetMetrics>,
    #[serde(borrow, default)]
    note_tweet: Option<NoteTweet<'a>>,
    #[serde(borrow, default)]
    entities: Option<Entities<'a>>,
    #[serde(borrow, default)]
    referenced_tweets: List<&'a RawValue>,
    #[serde(borrow, default)]
    geo: Option<TweetGeo<'a>>,
    #[serde(borrow, default)]
    attachments: Option<Attachments<'a>>,
    #[serde(borrow, default)]
    edit_history_tweet_ids: List<Text<'a>>,
    // Flattened output inlines these objects; a referenced entry carries its `type`.
    #[serde(borrow, default)]
    author: Option<&'a RawValue>,
    #[serde(borrow, default)]
    in_reply_to_user: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "type")]
    ref_type: Text<'a>,
}

#[derive(Deserialize, Default)]
struct TweetMetrics {
    #[serde(default)]
    retweet_count: Num,
    #[serde(default)]
    reply_count: Num,
    #[serde(default)]
    like_count: Num,
    #[serde(default)]
    quote_count: Num,
}

#[derive(Deserialize, Default)]
struct NoteTweet<'a> {
    #[serde(borrow, default)]
    text: Text<'a>,
    #[serde(borrow, default)]
    entities: Option<Entities<'a>>,
}

#[derive(Deserialize, Default)]
struct Entities<'a> {
    #[serde(borrow, default)]
    hashtags: List<Tag<'a>>,
    #[serde(borrow, default)]
    cashtags: List<Tag<'a>>,
    #[serde(borrow, default)]
    urls: List<UrlEntity<'a>>,
    #[serde(borrow, default)]
    mentions: List<&'a RawValue>,
}

#[derive(Deserialize, Default)]
struct Tag<'a> {
    #[serde(borrow, default)]
    tag: Text<'a>,
}

#[derive(Deserialize, Default)]
struct UrlEntity<'a> {
    #[serde(borrow, default)]
    url: Text<'a>,
    #[serde(borrow, default)]
    expanded_url: Text<'a>,
    #[serde(borrow, default)]
    unwound_url: Text<'a>,
    #[serde(borrow, default)]
    unwound: Option<Unwound<'a>>,
}

#[derive(Deserialize, Default)]
struct Unwound<'a> {
    #[serde(borrow, default)]
    url: Text<'a>,
}

impl UrlEntity<'_> {
    fn entity(&self) -> Option<Entity> {
        let unwound = self
            .unwound_url
            .as_str()
            .or_else(|| self.unwound.as_ref().and_then(|u| u.url.as_str()));
        link_entity(&[unwound, self.expanded_url.as_str(), self.url.as_str()])
    }
}

/// A mention; in flattened output it is the whole user object with `start` and `end`.
#[derive(Deserialize, Default)]
struct Mention<'a> {
    #[serde(borrow, default)]
    username: Text<'a>,
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow, default)]
    name: Option<&'a RawValue>,
    #[serde(borrow, default)]
    created_at: Option<&'a RawValue>,
    #[serde(borrow, default)]
    public_metrics: Option<&'a RawValue>,
}

impl Mention<'_> {
    /// Is this a whole user object, or only a handle and an id?
    fn is_user_object(&self) -> bool {
        self.id.as_str().is_some()
            && self.username.as_str().is_some()
            && (self.name.is_some() || self.created_at.is_some() || self.public_metrics.is_some())
    }
}

#[derive(Deserialize, Default)]
struct TweetGeo<'a> {
    #[serde(borrow, default)]
    place_id: Text<'a>,
    #[serde(default)]
    coordinates: Option<Point>,
}

#[derive(Deserialize, Default)]
struct Point {
    #[serde(default)]
    coordinates: List<Num>,
}

#[derive(Deserialize, Default)]
struct Attachments<'a> {
    #[serde(borrow, default)]
    media_keys: List<Text<'a>>,
    #[serde(borrow, default)]
    poll_ids: List<Text<'a>>,
}

#[derive(Deserialize, Default)]
struct User<'a> {
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow, default)]
    username: Text<'a>,
    #[serde(borrow, default)]
    name: Text<'a>,
    #[serde(borrow, default)]
    created_at: Text<'a>,
    #[serde(borrow, default)]
    description: Text<'a>,
    #[serde(borrow, default)]
    location: Text<'a>,
    #[serde(borrow, default)]
    url: Text<'a>,
    #[serde(default)]
    verified: Num,
    #[serde(default)]
    protected: Num,
    #[serde(default)]
    public_metrics: Option<UserMetrics>,
    #[serde(borrow, default)]
    entities: Option<UserEntities<'a>>,
}

#[derive(Deserialize, Default)]
struct UserMetrics {
    #[serde(default)]
    followers_count: Num,
    #[serde(default)]
    following_count: Num,
    #[serde(default)]
    tweet_count: Num,
}

#[derive(Deserialize, Default)]
struct UserEntities<'a> {
    #[serde(borrow, default)]
    url: Option<UserUrl<'a>>,
}

#[derive(Deserialize, Default)]
struct UserUrl<'a> {
    #[serde(borrow, default)]
    urls: List<UrlEntity<'a>>,
}

type Result<T> = std::result::Result<T, String>;

fn parse<'a, T: Deserialize<'a>>(raw: &'a RawValue, what: &str) -> Result<T> {
    serde_json::from_str(raw.get()).map_err(|e| format!("invalid {what}: {e}"))
}

/// Data of a page: a list, or one object (lookups and stream lines).
fn items(data: Option<&RawValue>) -> Result<Vec<&RawValue>> {
    match data {
        None => Ok(Vec::new()),
        Some(d) if d.get().starts_with('[') => parse::<List<&RawValue>>(d, "data").map(|l| l.0),
        Some(d) if d.get().starts_with('{') => Ok(vec![d]),
        Some(_) => Ok(Vec::new()),
    }
}

/// Lookups within one page: who wrote each tweet, handles to ids, media, places and polls.
#[derive(Default)]
struct Lookups<'a> {
    tweet_author: HashMap<&'a str, &'a str>,
    handle_id: HashMap<String, &'a str>,
    media_type: HashMap<&'a str, &'a str>,
    place_name: HashMap<&'a str, &'a str>,
    poll_options: HashMap<&'a str, String>,
}

/// The kind of a page, from its first data item.
pub(super) fn page_shape(top: &Top) -> Result<Shape> {
    let first = items(top.data)?.into_iter().next();
    let Some(first) = first else {
        return Ok(if top.includes.is_some() {
            Shape::V2Tweets
        } else if top.errors.is_some() {
            Shape::Skip("error-only page", crate::Format::XV2)
        } else {
            Shape::Skip("empty page", crate::Format::XV2)
        });
    };
    let p: Probe = parse(first, "data item")?;
    use crate::Format::XV2;
    Ok(if p.text.is_some() {
        Shape::V2Tweets
    } else if p.username.is_some() {
        Shape::V2Users
    } else if p.tweet_count.is_some() {
        Shape::Skip("tweet counts", XV2)
    } else if p.member_count.is_some() || p.owner_id.is_some() {
        Shape::Skip("lists", XV2)
    } else if p.place_type.is_some() {
        Shape::Skip("places", XV2)
    } else {
        Shape::Skip("unrecognised v2 resource", XV2)
    })
}

/// A page of tweets or users with its includes.
pub(super) fn page(top: &Top, users_page: bool, out: &mut Out) -> Result<u32> {
    let data = items(top.data)?;
    let includes: Includes = match top.includes {
        Some(i) => parse(i, "includes")?,
        None => Includes::default(),
    };
    let data_tweets: Vec<(&RawValue, Tweet)> = if users_page {
        Vec::new()
    } else {
        data.iter()
            .map(|r| Ok((*r, parse(r, "tweet")?)))
            .collect::<Result<_>>()?
    };
    let data_users: Vec<(&RawValue, User)> = if users_page {
        data.iter()
            .map(|r| Ok((*r, parse(r, "user")?)))
            .collect::<Result<_>>()?
    } else {
        Vec::new()
    };
    let inc_tweets: Vec<(&RawValue, Tweet)> = includes
        .tweets
        .iter()
        .map(|r| Ok((*r, parse(r, "tweet")?)))
        .collect::<Result<_>>()?;
    let inc_users: Vec<(&RawValue, User)> = includes
        .users
        .iter()
        .map(|r| Ok((*r, parse(r, "user")?)))
        .collect::<Result<_>>()?;

    let mut look = Lookups::default();
    for (_, t) in data_tweets.iter().chain(&inc_tweets) {
        if let (Some(i), Some(a)) = (t.id.as_str(), t.author_id.as_str()) {
            look.tweet_author.insert(i, a);
        }
    }
    for (_, u) in data_users.iter().chain(&inc_users) {
        if let (Some(i), Some(h)) = (u.id.as_str(), u.username.as_str()) {
            look.handle_id.insert(h.to_lowercase(), i);
        }
    }
    for m in includes.media.iter() {
        if let (Some(k), Some(t)) = (m.media_key.as_str(), m.kind.as_str()) {
            look.media_type.insert(k, t);
        }
    }
    for p in includes.places.iter() {
        if let (Some(i), Some(n)) = (p.id.as_str(), p.full_name.as_str()) {
            look.place_name.insert(i, n);
        }
    }
    for p in includes.polls.iter() {
        if let Some(i) = p.id.as_str() {
            let labels: Vec<&str> = p.options.iter().filter_map(|o| o.label.as_str()).collect();
            look.poll_options.insert(i, labels.join(" | "));
        }
    }

    for (raw, u) in data_users.iter().chain(&inc_users) {
        out.account(account(u), *raw);
    }
    for (raw, t) in &data_tweets {
        out.post(post(t, true, &look)?, *raw);
    }
    for (raw, t) in &inc_tweets {
        out.post(post(t, false, &look)?, *raw);
    }
    Ok(match top.errors {
        Some(e) => parse::<List<&RawValue>>(e, "errors")?.0.len() as u32,
        None => 0,
    })
}

/// A twarc2 flattened tweet: author, replied-to user, mentioned users and referenced tweets are
/// inlined in the tweet itself.
pub(super) fn flat(raw: &RawValue, collected: bool, out: &mut Out) -> Result<()> {
    let t: Tweet = parse(raw, "tweet")?;
    let look = Lookups::default();
    out.post(post(&t, collected, &look)?, raw);
    for u in [t.author, t.in_reply_to_user].into_iter().flatten() {
        let m: Mention = parse(u, "user")?;
        if m.is_user_object() {
            out.account(account(&parse(u, "user")?), u);
        }
    }
    if let Some(e) = &t.entities {
        for m in e.mentions.iter() {
            if parse::<Mention>(m, "mention")?.is_user_object() {
                out.account(account(&parse(m, "user")?), *m);
            }
        }
    }
    for r in t.referenced_tweets.iter() {
        let probe: Probe = parse(r, "referenced tweet")?;
        if probe.text.is_some() {
            flat(r, false, out)?;
        }
    }
    Ok(())
}

fn account(u: &User) -> Account {
    let m = u.public_metrics.as_ref();
    let url = u
        .entities
        .as_ref()
        .and_then(|e| e.url.as_ref())
        .and_then(|e| e.urls.0.first())
        .and_then(|x| x.expanded_url.owned())
        .or_else(|| u.url.owned().filter(|s| !s.is_empty()));
    Account {
        native_id: u.id.owned(),
        handle: u.username.owned(),
        name: u.name.owned(),
        created_at: u.created_at.as_str().and_then(parse_rfc3339),
        followers: m.and_then(|m| m.followers_count.int()),
        following: m.and_then(|m| m.following_count.int()),
        post_count: m.and_then(|m| m.tweet_count.int()),
        verified: u.verified.boolean(),
        protected: u.protected.boolean(),
        bio: u.description.owned(),
        location: u.location.owned(),
        url,
        lang: None,
        has_object: true,
    }
}

fn post(t: &Tweet, collected: bool, look: &Lookups) -> Result<Post> {
    let m = t.public_metrics.as_ref();
    let long = t.note_tweet.as_ref();
    let text = long.and_then(|n| n.text.owned()).or_else(|| t.text.owned());
    let ents = long
        .and_then(|n| n.entities.as_ref())
        .or(t.entities.as_ref());
    let mut p = Post {
        native_id: t.id.owned().unwrap_or_default(),
        author: t.author_id.owned(),
        created_at: t.created_at.as_str().and_then(parse_rfc3339),
        text,
        lang: t.lang.owned(),
        root: t.conversation_id.owned(),
        reply_to_author: t.in_reply_to_user_id.owned(),
        like_count: m.and_then(|m| m.like_count.int()),
        repost_count: m.and_then(|m| m.retweet_count.int()),
        reply_count: m.and_then(|m| m.reply_count.int()),
        quote_count: m.and_then(|m| m.quote_count.int()),
        sensitive: t.possibly_sensitive.boolean(),
        source_app: t.source.owned(),
        collected,
        ..Post::default()
    };
    p.versions = t
        .edit_history_tweet_ids
        .iter()
        .filter_map(Text::owned)
        .collect();
    if p.versions.len() == 1 && p.versions[0] == p.native_id {
        p.versions.clear();
    }
    for r in t.referenced_tweets.iter() {
        let r: Tweet = parse(r, "referenced tweet")?;
        let (Some(kind), Some(rid)) = (r.ref_type.as_str(), r.id.owned()) else {
            continue;
        };
        // The author comes from the inlined tweet (flattened output) or the page's includes.
        let author = r
            .author_id
            .owned()
            .or_else(|| look.tweet_author.get(rid.as_str()).map(|a| a.to_string()));
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
    if let Some(g) = &t.geo {
        if let Some(c) = &g.coordinates {
            // GeoJSON order: [lon, lat].
            if let (Some(lon), Some(lat)) = (
                c.coordinates.0.first().and_then(Num::float),
                c.coordinates.0.get(1).and_then(Num::float),
            ) {
                p.geo = Some(Geo { lat, lon });
            }
        }
        p.place = g.place_id.owned();
    }
    if let Some(e) = ents {
        for (list, kind) in [
            (&e.hashtags, EntityKind::Hashtag),
            (&e.cashtags, EntityKind::Cashtag),
        ] {
            for h in list.iter() {
                if let Some(tag) = h.tag.owned() {
                    p.entities.push(Entity {
                        kind,
                        value: tag,
                        detail: None,
                    });
                }
            }
        }
        for u in e.urls.iter() {
            p.entities.extend(u.entity());
        }
        for m in e.mentions.iter() {
            let m: Mention = parse(m, "mention")?;
            let Some(handle) = m.username.as_str() else {
                continue;
            };
            let lower = handle.to_lowercase();
            let mid =
                m.id.owned()
                    .or_else(|| look.handle_id.get(&lower).map(|s| s.to_string()));
            p.entities.push(Entity {
                kind: EntityKind::Mention,
                value: lower,
                detail: None,
            });
            p.mentions.push((mid, handle.to_string()));
        }
    }
    if let Some(a) = &t.attachments {
        for k in a.media_keys.iter().filter_map(Text::as_str) {
            p.entities.push(Entity {
                kind: EntityKind::Media,
                value: k.to_string(),
                detail: look.media_type.get(k).map(|s| s.to_string()),
            });
        }
        for k in a.poll_ids.iter().filter_map(Text::as_str) {
            p.entities.push(Entity {
                kind: EntityKind::Poll,
                value: k.to_string(),
                detail: look.poll_options.get(k).cloned(),
            });
        }
    }
    if let Some(pl) = &p.place {
        let detail = look.place_name.get(pl.as_str()).map(|s| s.to_string());
        p.entities.push(Entity {
            kind: EntityKind::Place,
            value: pl.clone(),
            detail,
        });
    }
    Ok(p)
}
