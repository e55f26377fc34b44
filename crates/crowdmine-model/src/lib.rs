//! The canonical model of crowdmine: what every platform adapter produces and every analysis reads.
//!
//! Identity rules (see `ARCHITECTURE.md`): a post or account is identified by its platform and its
//! native id on that platform; X/Twitter v1.1 and v2 share ids (platform `x`), Reddit's API and
//! dumps share fullnames (`reddit`), Mastodon statuses are keyed by `uri` and accounts by
//! `acct@domain` (`mastodon`), Bluesky posts by `at://` URI and accounts by DID (`bluesky`).
//! Fields are optional wherever a platform or an API call omits them.

mod record;
pub mod time;
pub mod url;

pub use record::{
    Account, ComplianceEvent, Entity, EntityKind, Geo, InteractionKind, ObjectKind, Platform, Post,
    PostKind, Rank, Tie,
};
