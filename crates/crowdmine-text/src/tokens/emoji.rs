//! Emoji sequences as Unicode Technical Standard #51 defines them (section 1.4.9, "possible emoji"):
//! a base emoji with an optional presentation selector, skin-tone modifier or tag sequence (the
//! flags of England, Scotland, Wales), joined to further elements by U+200D (ZWJ); a pair of
//! regional indicators (a flag); a keycap (`0-9#*`, optional U+FE0F, U+20E3). One sequence is one
//! token, so "👩🏽‍💻" and "🏳️‍🌈" stay whole.

use unicode_properties::UnicodeEmoji;

const ZWJ: char = '\u{200D}';
const KEYCAP: char = '\u{20E3}';
const CANCEL_TAG: char = '\u{E007F}';

fn is_selector(c: char) -> bool {
    matches!(c, '\u{FE0E}' | '\u{FE0F}')
}

pub(crate) fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

fn is_regional(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn is_tag(c: char) -> bool {
    ('\u{E0020}'..='\u{E007E}').contains(&c)
}

/// An emoji character that can start a sequence on its own. ASCII characters with the Emoji
/// property (digits, `#`, `*`) count only in keycaps.
pub(crate) fn is_base(c: char) -> bool {
    !c.is_ascii() && c.is_emoji_char()
}

/// Byte length of the emoji sequence at the start of `s`, or 0 when `s` does not start with one.
pub(crate) fn sequence_len(s: &str) -> usize {
    let mut end = element_len(s);
    if end == 0 {
        return 0;
    }
    // Further elements after each ZWJ.
    while s[end..].starts_with(ZWJ) {
        let next = element_len(&s[end + ZWJ.len_utf8()..]);
        if next == 0 {
            break;
        }
        end += ZWJ.len_utf8() + next;
    }
    end
}

fn element_len(s: &str) -> usize {
    let Some(first) = s.chars().next() else {
        return 0;
    };
    let mut c = Cursor {
        s,
        at: first.len_utf8(),
    };
    if first.is_ascii_digit() || first == '#' || first == '*' {
        c.eat(is_selector);
        return if c.eat(|x| x == KEYCAP) { c.at } else { 0 };
    }
    if is_regional(first) {
        c.eat(is_regional);
        return c.at;
    }
    if !is_base(first) {
        return 0;
    }
    c.eat(is_selector);
    // A skin tone modifies the emoji before it, not another skin tone.
    if !is_skin_tone(first) && c.eat(is_skin_tone) {
        c.eat(is_selector);
    }
    // A tag sequence counts only when CANCEL TAG closes it.
    let untagged = c.at;
    let mut tagged = false;
    while c.eat(is_tag) {
        tagged = true;
    }
    if tagged && !c.eat(|x| x == CANCEL_TAG) {
        c.at = untagged;
    }
    c.at
}

struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

impl Cursor<'_> {
    /// Steps over the next character when `pred` accepts it.
    fn eat(&mut self, pred: impl Fn(char) -> bool) -> bool {
        match self.s[self.at..].chars().next() {
            Some(c) if pred(c) => {
                self.at += c.len_utf8();
                true
            }
            _ => false,
        }
    }
}

/// The sequence without presentation selectors and skin tones: "👍🏽" and "👍" fold together. A
/// skin tone that stands alone stays (never an empty form).
pub(crate) fn fold(s: &str) -> String {
    let folded: String = s
        .chars()
        .filter(|&c| !is_selector(c) && !is_skin_tone(c))
        .collect();
    if folded.is_empty() {
        s.to_string()
    } else {
        folded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences() {
        for (s, n) in [
            ("👍", "👍"),
            ("👍🏽!", "👍🏽"),
            ("👩🏽\u{200D}💻x", "👩🏽\u{200D}💻"),
            ("🏳\u{FE0F}\u{200D}🌈", "🏳\u{FE0F}\u{200D}🌈"),
            ("🇫🇷🇩🇪", "🇫🇷"),
            ("1\u{FE0F}\u{20E3}", "1\u{FE0F}\u{20E3}"),
            ("#\u{20E3}", "#\u{20E3}"),
            (
                "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
                "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
            ),
            ("❤\u{FE0F}", "❤\u{FE0F}"),
            ("👍\u{200D}", "👍"),
        ] {
            assert_eq!(&s[..sequence_len(s)], n, "{s:?}");
        }
        for s in ["1", "#", "a", "\u{200D}", "", " 👍"] {
            assert_eq!(sequence_len(s), 0, "{s:?}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("👍🏽"), "👍");
        assert_eq!(fold("❤\u{FE0F}"), "❤");
        assert_eq!(fold("🏽"), "🏽");
    }
}
