//! Mastodon's status HTML to plain text. Paragraphs become blank lines and `<br>` a newline;
//! the text of every element is kept (Mastodon hides parts of long links in `invisible` spans,
//! so the full link is the text); entities are decoded. The targets of ordinary links (not
//! mentions or hashtags, which the status lists itself) are returned for the URL entities.

/// Plain text and the `href`s of ordinary links.
pub struct Converted {
    pub text: String,
    pub links: Vec<String>,
}

pub fn to_text(html: &str) -> Converted {
    let mut text = String::with_capacity(html.len());
    let mut links = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        decode_into(&rest[..lt], &mut text);
        let Some(gt) = rest[lt..].find('>') else {
            // An unclosed `<` is text.
            decode_into(&rest[lt..], &mut text);
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        match name.as_str() {
            "br" => text.push('\n'),
            "p" if !closing && !text.is_empty() => {
                while text.ends_with('\n') {
                    text.pop();
                }
                text.push_str("\n\n");
            }
            "a" if !closing => {
                let class = attribute(tag, "class").unwrap_or_default();
                let is_entity = class
                    .split_whitespace()
                    .any(|c| c == "mention" || c == "hashtag");
                if let Some(href) = attribute(tag, "href").filter(|_| !is_entity) {
                    links.push(href);
                }
            }
            _ => {}
        }
        rest = &rest[lt + gt + 1..];
    }
    decode_into(rest, &mut text);
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    Converted { text, links }
}

/// The decoded value of `name="…"` in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace);
        let after = rest[at + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let quote = v.chars().next()?;
                let value = if quote == '"' || quote == '\'' {
                    let end = v[1..].find(quote)?;
                    &v[1..1 + end]
                } else {
                    v.split(char::is_whitespace).next()?
                };
                let mut out = String::new();
                decode_into(value, &mut out);
                return Some(out);
            }
        }
        rest = &rest[at + name.len()..];
    }
    None
}

/// Appends `s` with its character references decoded.
fn decode_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let end = tail.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| entity(&tail[1..e]));
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_links_and_entities() {
        let html = r#"<p>Hi <span class="h-card"><a href="https://a.example/@bob" class="u-url mention">@<span>bob</span></a></span> &amp; <a href="https://a.example/tags/rust" class="mention hashtag" rel="tag">#<span>rust</span></a></p><p>see <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow"><span class="invisible">https://</span><span class="ellipsis">example.com/a</span><span class="invisible">?b=1&amp;c=2</span></a><br>bye &#127881; &#x41;</p>"#;
        let c = to_text(html);
        assert_eq!(
            c.text,
            "Hi @bob & #rust\n\nsee https://example.com/a?b=1&c=2\nbye 🎉 A"
        );
        assert_eq!(c.links, vec!["https://example.com/a?b=1&c=2".to_string()]);
    }

    #[test]
    fn odd_markup_does_not_panic() {
        for s in [
            "<",
            "a < b",
            "&",
            "&#xZZ;",
            "<a href=",
            "<a href='x",
            "<p><p>",
            "&#99999999;",
        ] {
            let _ = to_text(s);
        }
        assert_eq!(to_text("a < b &unknown; c").text, "a < b &unknown; c");
    }
}
