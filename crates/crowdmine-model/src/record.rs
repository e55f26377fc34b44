//! Canonical records: posts, accounts, entities and the interactions derived from them.

use serde::Serialize;
use std::fmt;

/// A social network. One platform per network, whatever the API version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// X/Twitter, API v1.1 and v2 (they share ids).
    X,
    /// Reddit, API and Pushshift/Arctic Shift dumps (they share fullnames `t3_…`, `t1_…`).
    Reddit,
    /// Mastodon and the fediverse: statuses keyed by `uri`, accounts by `acct@domain`.
    Mastodon,
    /// Bluesky: posts keyed by `at://` URI, accounts by DID.
    Bluesky,
}

impl Platform {
    pub const ALL: [Platform; 4] = [
        Platform::X,
        Platform::Reddit,
        Platform::Mastodon,
        Platform::Bluesky,
    ];
}

impl Platform {
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Reddit => "reddit",
            Platform::Mastodon => "mastodon",
            Platform::Bluesky => "bluesky",
        }
    }

    pub fn parse(s: &str) -> Option<Platform> {
        match s {
            "x" | "twitter" => Some(Platform::X),
            "reddit" => Some(Platform::Reddit),
            "mastodon" => Some(Platform::Mastodon),
            "bluesky" => Some(Platform::Bluesky),
            _ => None,
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a post does, derived from its links. A reply that quotes is both; `kind` names the most
/// specific for tables (repost, then quote, then reply), the links keep everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PostKind {
    Original,
    Reply,
    Repost,
    Quote,
}

impl PostKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::Original => "original",
            PostKind::Reply => "reply",
            PostKind::Repost => "repost",
            PostKind::Quote => "quote",
        }
    }
}

/// A point location given by the platform (WGS84 degrees).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Geo {
    pub lat: f64,
    pub lon: f64,
}

/// The total order that decides which of two records of the same object wins when both are
/// ingested: more non-null fields, then a later retrieval time, then a later source (file, line).
/// A newer edit of a post beats an older one before all of these. The order depends only on the
/// records, so the corpus does not depend on thread count, file order or interruptions.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Rank {
    /// Position of this version in the post's edit history (0 for accounts and unedited posts).
    pub version: u32,
    pub non_null: u32,
    /// Unix seconds when the record was retrieved (twarc's `retrieved_at`), if known.
    pub retrieved_at: Option<i64>,
    pub file: String,
    pub line: u64,
}

/// A post: tweet, status, submission or comment.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Post {
    pub native_id: String,
    /// Native id of the author's account.
    pub author: Option<String>,
    /// Unix seconds, UTC.
    pub created_at: Option<i64>,
    pub text: Option<String>,
    pub lang: Option<String>,
    pub reply_to: Option<String>,
    /// Native id of the author replied to, when the platform gives it.
    pub reply_to_author: Option<String>,
    /// Root of the conversation (X `conversation_id`).
    pub root: Option<String>,
    pub repost_of: Option<String>,
    pub repost_of_author: Option<String>,
    pub quote_of: Option<String>,
    pub quote_of_author: Option<String>,
    pub like_count: Option<i64>,
    pub repost_count: Option<i64>,
    pub reply_count: Option<i64>,
    pub quote_count: Option<i64>,
    pub geo: Option<Geo>,
    /// Platform place id (X places).
    pub place: Option<String>,
    pub visibility: Option<String>,
    pub sensitive: Option<bool>,
    /// Client the post was made with (X `source`).
    pub source_app: Option<String>,
    /// All ids of this post's edit history, oldest first (empty when never edited or unknown).
    pub versions: Vec<String>,
    /// Other ids the post is known by (a Mastodon status's instance-local id, as
    /// `instance#id`); links such as `reply_to` may use them.
    pub aliases: Vec<String>,
    /// The community the post was made in (a subreddit).
    pub community: Option<String>,
    /// Why the text is missing: `deleted` (by its author) or `removed` (by moderators).
    pub removed: Option<String>,
    pub entities: Vec<Entity>,
    /// Accounts mentioned, as (native id if known, handle).
    pub mentions: Vec<(Option<String>, String)>,
    /// A primary record of the export, not only referenced by one.
    pub collected: bool,
}

impl Post {
    pub fn kind(&self) -> PostKind {
        if self.repost_of.is_some() {
            PostKind::Repost
        } else if self.quote_of.is_some() {
            PostKind::Quote
        } else if self.reply_to.is_some() {
            PostKind::Reply
        } else {
            PostKind::Original
        }
    }

    /// Number of non-null scalar fields, the first criterion of the dedupe order.
    pub fn non_null(&self) -> u32 {
        let opts = [
            self.author.is_some(),
            self.created_at.is_some(),
            self.text.is_some(),
            self.lang.is_some(),
            self.reply_to.is_some(),
            self.reply_to_author.is_some(),
            self.root.is_some(),
            self.repost_of.is_some(),
            self.repost_of_author.is_some(),
            self.quote_of.is_some(),
            self.quote_of_author.is_some(),
            self.like_count.is_some(),
            self.repost_count.is_some(),
            self.reply_count.is_some(),
            self.quote_count.is_some(),
            self.geo.is_some(),
            self.place.is_some(),
            self.visibility.is_some(),
            self.sensitive.is_some(),
            self.source_app.is_some(),
            self.community.is_some(),
            self.removed.is_some(),
        ];
        opts.iter().filter(|b| **b).count() as u32
    }

    /// Position of this record's own id in its edit history: a later edit wins over an earlier one.
    pub fn version_index(&self) -> u32 {
        self.versions
            .iter()
            .position(|v| *v == self.native_id)
            .unwrap_or(0) as u32
    }
}

/// An account. An account known only as a mention target carries its handle alone.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Account {
    /// Native id; `None` for an account known only by its handle.
    pub native_id: Option<String>,
    pub handle: Option<String>,
    pub name: Option<String>,
    pub created_at: Option<i64>,
    pub followers: Option<i64>,
    pub following: Option<i64>,
    pub post_count: Option<i64>,
    pub verified: Option<bool>,
    pub protected: Option<bool>,
    pub bio: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    /// True when the export holds the account's own object (not only an id or a mention).
    pub has_object: bool,
}

impl Account {
    pub fn non_null(&self) -> u32 {
        let opts = [
            self.native_id.is_some(),
            self.handle.is_some(),
            self.name.is_some(),
            self.created_at.is_some(),
            self.followers.is_some(),
            self.following.is_some(),
            self.post_count.is_some(),
            self.verified.is_some(),
            self.protected.is_some(),
            self.bio.is_some(),
            self.location.is_some(),
            self.url.is_some(),
            self.lang.is_some(),
        ];
        opts.iter().filter(|b| **b).count() as u32 + u32::from(self.has_object) * 100
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Hashtag,
    Cashtag,
    Mention,
    Url,
    Media,
    Place,
    Poll,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Hashtag => "hashtag",
            EntityKind::Cashtag => "cashtag",
            EntityKind::Mention => "mention",
            EntityKind::Url => "url",
            EntityKind::Media => "media",
            EntityKind::Place => "place",
            EntityKind::Poll => "poll",
        }
    }
}

/// An entity of a post. `value` is the tag as written, the lowercased handle, the canonical URL,
/// the media key, the place id or the poll id; `detail` is the URL's domain (`None` for the
/// platform's own links), the media type, the place's full name or the poll's options.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Entity {
    pub kind: EntityKind,
    pub value: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InteractionKind {
    Reply,
    Repost,
    Quote,
    Mention,
    /// An account follows another (a tie, not borne by a post).
    Follow,
    /// An account likes a post of another (a tie).
    Like,
}

impl InteractionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InteractionKind::Reply => "reply",
            InteractionKind::Repost => "repost",
            InteractionKind::Quote => "quote",
            InteractionKind::Mention => "mention",
            InteractionKind::Follow => "follow",
            InteractionKind::Like => "like",
        }
    }
}

/// A platform's compliance record (deletion, protection, suspension of a post or account),
/// kept so that erasure can apply it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplianceEvent {
    /// `post`, `account` or `tie` (see [`ObjectKind`]).
    pub object: String,
    pub native_id: String,
    pub action: String,
    pub reason: Option<String>,
    pub created_at: Option<i64>,
    pub redacted_at: Option<i64>,
}

/// A tie between two accounts that no post carries: a follow, or a like of a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tie {
    /// `Follow` or `Like`.
    pub kind: InteractionKind,
    /// Native id of the account that follows or likes.
    pub src: String,
    /// Native id of the account followed, or the author of the post liked.
    pub dst: String,
    /// The post liked (native id); `None` for a follow.
    pub subject: Option<String>,
    /// The tie's own record id where the platform has one (a Bluesky `at://` URI), so that a
    /// later delete can find it.
    pub native_id: Option<String>,
    /// Unix seconds, UTC.
    pub created_at: Option<i64>,
}

/// What a deletion names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectKind {
    Post,
    Account,
    Tie,
}

impl ObjectKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Post => "post",
            ObjectKind::Account => "account",
            ObjectKind::Tie => "tie",
        }
    }

    pub fn parse(s: &str) -> Option<ObjectKind> {
        match s {
            "post" => Some(ObjectKind::Post),
            "account" => Some(ObjectKind::Account),
            "tie" => Some(ObjectKind::Tie),
            _ => None,
        }
    }
}
