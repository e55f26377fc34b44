//! Entities found in plain text, for platforms that do not list them (Reddit bodies, CSV text):
//! web links, `#hashtags` and `$cashtags`.

use crowdmine_model::url::{canonicalize, domain};
use crowdmine_model::{Entity, EntityKind, Platform};

/// Characters that end a link in running text (Markdown `[label](url)` included).
fn ends_link(c: char) -> bool {
    c.is_whitespace() || matches!(c, ')' | ']' | '>' | '<' | '"' | '\'' | '|')
}

/// The `http(s)://` links of a text, canonicalised, without trailing punctuation.
pub fn links(platform: Platform, text: &str) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("http") {
        let tail = &rest[at..];
        let is_link = tail.starts_with("https://") || tail.starts_with("http://");
        let boundary = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !(is_link && boundary) {
            rest = &rest[at + 4..];
            continue;
        }
        let end = tail.find(ends_link).unwrap_or(tail.len());
        let link = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '*']);
        if link.len() > "https://".len() {
            let value = canonicalize(link);
            if !out.iter().any(|e| e.value == value) {
                out.push(Entity {
                    kind: EntityKind::Url,
                    detail: domain(platform, &value),
                    value,
                });
            }
        }
        rest = &tail[end.max(4)..];
    }
    out
}

/// `#tag` and `$TAG` words of a text (a tag starts after a non-word character and holds letters,
/// digits and `_`, not only digits).
pub fn tags(text: &str) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if (c == '#' || c == '$') && !prev.is_alphanumeric() && prev != '&' && prev != '/' {
            let body = &text[i + 1..];
            let end = body
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                .unwrap_or(body.len());
            let word = &body[..end];
            let kind = if c == '#' {
                EntityKind::Hashtag
            } else {
                EntityKind::Cashtag
            };
            let valid = !word.is_empty()
                && !word.chars().all(|ch| ch.is_ascii_digit())
                && (kind == EntityKind::Hashtag || word.chars().all(|ch| ch.is_ascii_alphabetic()));
            if valid && !out.iter().any(|e| e.kind == kind && e.value == word) {
                out.push(Entity {
                    kind,
                    value: word.to_string(),
                    detail: None,
                });
            }
        }
        prev = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_in_markdown_and_prose() {
        let e = links(
            Platform::Reddit,
            "see [this](https://Example.com/a?utm_source=x). and http://b.org/x, or https://redd.it/z",
        );
        let v: Vec<_> = e
            .iter()
            .map(|e| (e.value.as_str(), e.detail.as_deref()))
            .collect();
        assert_eq!(
            v,
            vec![
                ("https://example.com/a", Some("example.com")),
                ("http://b.org/x", Some("b.org")),
                ("https://redd.it/z", None)
            ]
        );
        assert!(links(Platform::X, "nothttps://x.org and https://").is_empty());
    }

    #[test]
    fn finds_tags() {
        let e = tags("#one two#no #2020 $AAPL $5 #été, &#39; x/#frag");
        let v: Vec<_> = e.iter().map(|e| (e.kind, e.value.as_str())).collect();
        assert_eq!(
            v,
            vec![
                (EntityKind::Hashtag, "one"),
                (EntityKind::Cashtag, "AAPL"),
                (EntityKind::Hashtag, "été")
            ]
        );
    }
}
