//! A post's pieces as one platform writes its text, with where each entity is.

use crate::text::Piece;
use crate::timeline::Post;
use crate::world::World;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `@handle`, `#tag`, links shortened to t.co.
    X,
    /// `u/handle`, links as they are.
    Reddit,
    /// `@handle`, `#tag`, links as they are (Mastodon's HTML is built from the spans).
    Mastodon,
    /// `@handle.bsky.social`, `#tag`, links as they are.
    Bluesky,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SpanKind {
    Mention(u32),
    Hashtag(String),
    /// The full link and, on X, its t.co form written in the text.
    Url {
        full: String,
        shown: String,
    },
}

/// An entity and its place in the text, in characters (X) and bytes (Bluesky facets).
#[derive(Debug, Clone)]
pub struct Span {
    pub kind: SpanKind,
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// The text of `pieces` joined by spaces after `prefix`, and its entities.
pub fn render(pieces: &[Piece], style: Style, world: &World, prefix: &str) -> (String, Vec<Span>) {
    let mut text = String::from(prefix);
    let mut chars = prefix.chars().count();
    let mut spans = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        if i > 0 || !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
            chars += 1;
        }
        let (s, kind) = match p {
            Piece::Word(w) => (w.clone(), None),
            Piece::Hashtag(h) => (format!("#{h}"), Some(SpanKind::Hashtag(h.clone()))),
            Piece::Mention(u) => {
                let h = &world.accounts[*u as usize].handle;
                let s = match style {
                    Style::Reddit => format!("u/{h}"),
                    Style::Bluesky => format!("@{}.bsky.social", h.to_lowercase()),
                    Style::X | Style::Mastodon => format!("@{h}"),
                };
                (s, Some(SpanKind::Mention(*u)))
            }
            Piece::Url(u) => {
                let shown = match style {
                    Style::X => t_co(u),
                    _ => u.clone(),
                };
                (
                    shown.clone(),
                    Some(SpanKind::Url {
                        full: u.clone(),
                        shown,
                    }),
                )
            }
        };
        let n = s.chars().count();
        if let Some(kind) = kind {
            spans.push(Span {
                kind,
                start: chars,
                end: chars + n,
                byte_start: text.len(),
                byte_end: text.len() + s.len(),
            });
        }
        text.push_str(&s);
        chars += n;
    }
    (text, spans)
}

/// A t.co short link for a URL: ten characters derived from it.
pub fn t_co(url: &str) -> String {
    const A: &[u8; 62] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in url.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    let code: String = (0..10)
        .map(|i| A[((h >> (i * 6)) % 62) as usize] as char)
        .collect();
    format!("https://t.co/{code}")
}

/// A URL without its scheme, cut as X displays it.
pub fn display_url(url: &str) -> String {
    let s = url
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    if s.chars().count() > 26 {
        let mut d: String = s.chars().take(25).collect();
        d.push('…');
        d
    } else {
        s.to_string()
    }
}

/// An X retweet's text: `RT @handle: ` and the root's text, the handle's mention first; and the
/// root's language.
pub fn retweet_text(root: &Post, world: &World) -> (String, Vec<Span>, &'static str) {
    let h = &world.accounts[root.author as usize].handle;
    let pieces = root.text.as_ref().map_or(&[][..], |t| t.pieces.as_slice());
    let (text, mut spans) = render(pieces, Style::X, world, &format!("RT @{h}: "));
    spans.insert(
        0,
        Span {
            kind: SpanKind::Mention(root.author),
            start: 3,
            end: 4 + h.chars().count(),
            byte_start: 3,
            byte_end: 4 + h.len(),
        },
    );
    (text, spans, root.text.as_ref().map_or("und", |t| t.lang))
}
