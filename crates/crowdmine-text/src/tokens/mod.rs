//! A tokenizer for social media text: one pass over the characters, no regular expressions, no
//! allocation per token. It keeps together what a social text means as one unit:
//!
//! | kind | examples | rule |
//! |---|---|---|
//! | `Url` | `https://t.co/x`, `www.a.org/b`, `bbc.co.uk/news` | scheme or `www.` or a known top-level domain; trailing `.,;:!?'"…` and unbalanced `)` left out |
//! | `Email` | `press@example.org` | local part, `@`, a dotted domain |
//! | `Mention` | `@jack`, `@alice@mastodon.social` | `@` and `[A-Za-z0-9_]`, not inside a word; a fediverse domain joins |
//! | `Hashtag` | `#BLM`, `#café`, `#2024election` | `#` and word characters with at least one that is not a digit |
//! | `Cashtag` | `$AAPL`, `$BRK.A` | `$` and 1–6 letters, optional `.`/`_` and 1–2 letters |
//! | `Emoji` | `👍🏽`, `👩‍💻`, `🇫🇷`, `🏴󠁧󠁢󠁳󠁣󠁴󠁿`, `1️⃣` | one UTS #51 sequence (ZWJ, skin tone, flag, tag, keycap) |
//! | `Emoticon` | `:-)`, `:'(`, `<3`, `^_^`, `¯\_(ツ)_/¯` | see the `emoticons` module |
//! | `Number` | `42`, `1,000.50`, `10:30`, `24/7`, `2022-10-26` | digits with `.`, `,`, `:`, `/` or `-` between digits |
//! | `Word` | `don't`, `well-known`, `covid-19`, `U.S.`, `sooooo`, `日本語` | letters, digits, marks and `_`; `'`, `’` and `-` between alphanumerics; dotted initials |
//! | `Punct` | `!!!`, `?!`, `...`, `&amp;` | runs of `.!?…`, runs of `-`, any other single symbol; an HTML entity (as X writes `&`, `<`, `>`) is one token |
//!
//! Case is preserved in [`Token::text`]; [`Token::folded`] gives the form for counting: lower case,
//! `’` as `'`, elongations cut to three letters ("sooooo" → "sooo"), emoji without skin tone or
//! presentation selector, HTML entities decoded. Differences from NLTK's `TweetTokenizer` are listed
//! in `docs/tokenizer.md`.

mod emoji;
mod emoticons;
mod sentences;
mod stopwords;

use std::borrow::Cow;

use serde::Serialize;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

pub use sentences::sentences;
pub use stopwords::{stop_words, STOP_WORD_LANGUAGES};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Word,
    Number,
    Hashtag,
    Cashtag,
    Mention,
    Url,
    Email,
    Emoji,
    Emoticon,
    Punct,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Word,
        Kind::Number,
        Kind::Hashtag,
        Kind::Cashtag,
        Kind::Mention,
        Kind::Url,
        Kind::Email,
        Kind::Emoji,
        Kind::Emoticon,
        Kind::Punct,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Word => "word",
            Kind::Number => "number",
            Kind::Hashtag => "hashtag",
            Kind::Cashtag => "cashtag",
            Kind::Mention => "mention",
            Kind::Url => "url",
            Kind::Email => "email",
            Kind::Emoji => "emoji",
            Kind::Emoticon => "emoticon",
            Kind::Punct => "punct",
        }
    }
}

/// One token: a slice of the input with its kind and byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    /// Byte offset of `text` in the input.
    pub start: usize,
}

impl<'a> Token<'a> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The form to count and compare by (see the module docs). Borrows when nothing changes.
    pub fn folded(&self) -> Cow<'a, str> {
        match self.kind {
            Kind::Word => fold_word(self.text),
            Kind::Hashtag | Kind::Mention => match self.text.strip_prefix(['＃', '＠']) {
                // Full-width marks fold to the ASCII ones: "＃Labour" counts as "#labour".
                Some(rest) => Cow::Owned(format!(
                    "{}{}",
                    if self.kind == Kind::Hashtag { '#' } else { '@' },
                    rest.to_lowercase()
                )),
                None => lower(self.text),
            },
            Kind::Cashtag | Kind::Email => lower(self.text),
            Kind::Url => fold_url(self.text),
            Kind::Emoji => Cow::Owned(match entity(self.text) {
                Some(c) => c.to_string(),
                None => emoji::fold(self.text),
            }),
            Kind::Punct => {
                entity(self.text).map_or(Cow::Borrowed(self.text), |c| Cow::Owned(c.to_string()))
            }
            Kind::Number | Kind::Emoticon => Cow::Borrowed(self.text),
        }
    }

    /// A word with one letter written three or more times in a row ("sooooo", "yesss").
    pub fn is_elongated(&self) -> bool {
        self.kind == Kind::Word && longest_run(self.text) >= 3
    }
}

/// The tokens of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    Tokens::new(text).collect()
}

/// Word n-grams of a token sequence's folded forms, joined by one space.
pub fn ngrams<S: AsRef<str>>(words: &[S], n: usize) -> impl Iterator<Item = String> + '_ {
    let n = n.max(1);
    words.windows(n).map(|w| {
        let mut s = String::with_capacity(w.iter().map(|x| x.as_ref().len() + 1).sum());
        for (i, x) in w.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(x.as_ref());
        }
        s
    })
}

/// The tokens of a text, one at a time.
pub struct Tokens<'a> {
    s: &'a str,
    at: usize,
    prev: Option<char>,
}

impl<'a> Tokens<'a> {
    pub fn new(s: &'a str) -> Self {
        Tokens {
            s,
            at: 0,
            prev: None,
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = &self.s[self.at..];
            let c = rest.chars().next()?;
            if c.is_whitespace() || is_ignorable(c) {
                self.at += c.len_utf8();
                self.prev = Some(c);
                continue;
            }
            let (kind, len) = scan(rest, c, self.prev);
            let start = self.at;
            let text = &self.s[start..start + len];
            self.at += len;
            self.prev = text.chars().next_back();
            return Some(Token { kind, text, start });
        }
    }
}

/// Stray format characters between tokens (a lone ZWJ or variation selector, a BOM).
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{FEFF}' | '\u{2060}'
    )
}

/// Kind and byte length of the token at the start of `s` (which starts with `c`).
fn scan(s: &str, c: char, prev: Option<char>) -> (Kind, usize) {
    if let Some(found) = plain_ascii_word(s, c) {
        return found;
    }
    // A mark after an emoji (U+FE0F) does not make the next character part of a word.
    let after_word = prev.is_some_and(|p| p.is_alphanumeric() || p == '_');
    if c == '&' {
        if let Some(n) = entity_len(s) {
            let kind = match entity(&s[..n]) {
                Some(d) if emoji::is_base(d) => Kind::Emoji,
                _ => Kind::Punct,
            };
            return (kind, n);
        }
    }
    // Before hashtags and numbers: keycaps ("#️⃣", "1️⃣") are emoji.
    let n = emoji::sequence_len(s);
    if n > 0 {
        return (Kind::Emoji, n);
    }
    if !after_word {
        if let Some(n) = scheme_url_len(s) {
            return (Kind::Url, n);
        }
        let found = match c {
            '@' | '＠' => mention_len(s, c).map(|n| (Kind::Mention, n)),
            '#' | '＃' => hashtag_len(s, c).map(|n| (Kind::Hashtag, n)),
            '$' => cashtag_len(s).map(|n| (Kind::Cashtag, n)),
            _ => None,
        };
        if let Some(found) = found {
            return found;
        }
    }
    if emoticons::may_start(c) {
        let face = emoticons::len(s, prev);
        if face > 0 {
            return (Kind::Emoticon, face);
        }
    }
    if is_word_char(c) {
        if !after_word && c.is_ascii_alphanumeric() && prev != Some('@') {
            if let Some(n) = email_len(s) {
                return (Kind::Email, n);
            }
            if let Some(n) = bare_url_len(s) {
                return (Kind::Url, n);
            }
        }
        return word(s);
    }
    (Kind::Punct, punct_len(s, c))
}

/// The common case first: an ASCII word or number ended by a space or a character that cannot
/// continue any longer token (so no link, email, initials, emoticon or joined word starts here).
fn plain_ascii_word(s: &str, c: char) -> Option<(Kind, usize)> {
    if !c.is_ascii_alphanumeric() {
        return None;
    }
    let b = s.as_bytes();
    let run = ascii_run(s, |b| b.is_ascii_alphanumeric());
    if run <= 3 && emoticons::may_start(c) {
        return None;
    }
    let ends = b.get(run).is_none_or(|x| {
        matches!(
            x,
            b' ' | b'\n' | b'\r' | b'\t' | b'!' | b'?' | b')' | b'"' | b';' | b'('
        )
    });
    let letters = b[..run].iter().any(|x| !x.is_ascii_digit());
    ends.then_some((if letters { Kind::Word } else { Kind::Number }, run))
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric() || c.general_category_group() == GeneralCategoryGroup::Mark
}

/// A word or a number: see the module table.
fn word(s: &str) -> (Kind, usize) {
    if let Some(n) = initials_len(s) {
        return (Kind::Word, n);
    }
    let b = s.as_bytes();
    let mut end = 0;
    let mut letters = false;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            letters |= !c.is_ascii_digit();
            end = i + c.len_utf8();
            continue;
        }
        let next = chars.peek().map(|&(_, n)| n);
        let joins = match c {
            // 1,000.50, 10:30, 24/7, 2024-25 and 2022-10-26 inside a number.
            '.' | ',' | ':' | '/' | '-' if !letters => {
                end > 0 && b[end - 1].is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())
            }
            // don't, rock'n'roll, well-known, covid-19.
            '\'' | '’' | '-' => letters && next.is_some_and(|n| n.is_alphanumeric()),
            // Zero-width joiners inside Indic and Persian words.
            '\u{200C}' | '\u{200D}' => letters && next.is_some_and(is_word_char),
            _ => false,
        };
        if !joins {
            break;
        }
    }
    (if letters { Kind::Word } else { Kind::Number }, end)
}

/// Dotted initials: "U.S.", "e.g.", "U.S.A." (single letters, each followed by a dot, at least two).
fn initials_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let mut count = 0;
    let mut end = 0;
    loop {
        match (chars.next(), chars.next()) {
            (Some((_, l)), Some((i, '.'))) if l.is_alphabetic() => {
                count += 1;
                end = i + 1;
            }
            _ => break,
        }
    }
    let next = s[end..].chars().next();
    (count >= 2 && !next.is_some_and(is_word_char)).then_some(end)
}

fn punct_len(s: &str, c: char) -> usize {
    let run: fn(char) -> bool = match c {
        '.' | '!' | '?' | '…' => |x| matches!(x, '.' | '!' | '?' | '…'),
        '-' => |x| x == '-',
        _ => return c.len_utf8(),
    };
    s.char_indices()
        .find(|&(_, x)| !run(x))
        .map_or(s.len(), |(i, _)| i)
}

fn mention_len(s: &str, at: char) -> Option<usize> {
    let start = at.len_utf8();
    let name = ascii_run(&s[start..], |b| b.is_ascii_alphanumeric() || b == b'_');
    if name == 0 {
        return None;
    }
    let mut end = start + name;
    // A fediverse handle: @alice@mastodon.social
    if s[end..].starts_with('@') {
        if let Some(d) = domain_len(&s[end + 1..]) {
            end += 1 + d;
        }
    }
    (!s[end..].chars().next().is_some_and(is_word_char)).then_some(end)
}

fn hashtag_len(s: &str, hash: char) -> Option<usize> {
    let start = hash.len_utf8();
    let mut end = start;
    let mut non_digit = false;
    let mut chars = s[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let zw = matches!(c, '\u{200C}' | '\u{200D}')
            && chars.peek().is_some_and(|&(_, n)| is_word_char(n));
        if !is_word_char(c) && !zw {
            break;
        }
        non_digit |= !c.is_ascii_digit();
        end = start + i + c.len_utf8();
    }
    (non_digit && end > start).then_some(end)
}

fn cashtag_len(s: &str) -> Option<usize> {
    let letters = ascii_run(&s[1..], |b| b.is_ascii_alphabetic());
    if !(1..=6).contains(&letters) {
        return None;
    }
    let mut end = 1 + letters;
    let b = s.as_bytes();
    if matches!(b.get(end), Some(b'.' | b'_')) {
        let class = ascii_run(&s[end + 1..], |b| b.is_ascii_alphabetic());
        if (1..=2).contains(&class) {
            end += 1 + class;
        }
    }
    (!s[end..].chars().next().is_some_and(is_word_char)).then_some(end)
}

/// Longest local part of an email address and longest domain name (RFC 5321): the scans stop
/// there, so a long run such as "ab.ab.ab." costs linear time, not quadratic.
const MAX_LOCAL: usize = 64;
const MAX_DOMAIN: usize = 255;

fn email_len(s: &str) -> Option<usize> {
    let head = &s.as_bytes()[..s.len().min(MAX_LOCAL + 1)];
    let local = head
        .iter()
        .position(|&b| {
            !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-'))
        })
        .unwrap_or(head.len());
    if local == 0 || s.as_bytes().get(local) != Some(&b'@') {
        return None;
    }
    domain_len(&s[local + 1..]).map(|d| local + 1 + d)
}

/// A dotted domain name whose last label has at least two letters: "mastodon.social".
fn domain_len(s: &str) -> Option<usize> {
    // Only ASCII is scanned, so the cut falls on a character boundary.
    let cut = s.bytes().take(MAX_DOMAIN).take_while(u8::is_ascii).count();
    let s = &s[..cut];
    let mut end = 0;
    let mut labels = 0;
    let mut last_alpha = false;
    loop {
        let label = ascii_run(&s[end..], |b| b.is_ascii_alphanumeric() || b == b'-');
        if label == 0 {
            break;
        }
        last_alpha = label >= 2
            && s.as_bytes()[end..end + label]
                .iter()
                .all(u8::is_ascii_alphabetic);
        end += label;
        labels += 1;
        if s.as_bytes().get(end) == Some(&b'.')
            && s.as_bytes()
                .get(end + 1)
                .is_some_and(u8::is_ascii_alphanumeric)
        {
            end += 1;
        } else {
            break;
        }
    }
    (labels >= 2 && last_alpha).then_some(end)
}

/// Top-level domains that make a bare "name.tld" a link. Common ones only: "end.Then" and
/// "e.g" must stay words.
const BARE_TLDS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "io", "co", "uk", "de", "fr", "es", "it", "nl", "ru", "br",
    "jp", "in", "ca", "au", "eu", "info", "ly", "me", "tv", "us", "ch", "se", "no", "be", "at",
    "pl", "news", "app", "dev", "social",
];

/// A link without scheme: "bbc.co.uk/news", "example.com".
fn bare_url_len(s: &str) -> Option<usize> {
    let d = domain_len(s)?;
    let tld = &s[s[..d].rfind('.')? + 1..d];
    if !BARE_TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld)) {
        return None;
    }
    if s[d..].starts_with('/') {
        return Some(d + link_tail_len(&s[d..]));
    }
    (!s[d..]
        .chars()
        .next()
        .is_some_and(|c| is_word_char(c) || c == '@'))
    .then_some(d)
}

fn scheme_url_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let prefix = ["https://", "http://", "www."]
        .into_iter()
        .find(|p| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes()))?;
    let tail = link_tail_len(&s[prefix.len()..]);
    // A link cut short by the platform ("https://…") is still a link.
    (tail > 0 || prefix.ends_with('/')).then_some(prefix.len() + tail)
}

/// The rest of a link up to white space or a quote, without trailing punctuation and without a
/// closing bracket it did not open (so "(see https://a.org/x)" leaves the ")" out).
fn link_tail_len(s: &str) -> usize {
    let mut end = s
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '`'))
        .map_or(s.len(), |(i, _)| i);
    // Brackets counted once, then kept up to date as the end moves back.
    let count = |b: u8| s.as_bytes()[..end].iter().filter(|&&x| x == b).count() as isize;
    let mut round = count(b'(') - count(b')');
    let mut square = count(b'[') - count(b']');
    loop {
        let Some(c) = s[..end].chars().next_back() else {
            return 0;
        };
        let trim = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | '…' | '*' => true,
            ')' if round < 0 => {
                round += 1;
                true
            }
            ']' if square < 0 => {
                square += 1;
                true
            }
            _ => false,
        };
        if !trim {
            return end;
        }
        end -= c.len_utf8();
    }
}

fn ascii_run(s: &str, pred: impl Fn(u8) -> bool) -> usize {
    s.bytes().position(|b| !pred(b)).unwrap_or(s.len())
}

/// Byte length of an HTML entity at the start of `s` ("&amp;", "&#8217;", "&#x1F600;").
fn entity_len(s: &str) -> Option<usize> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    entity(&s[..=end]).map(|_| end + 1)
}

fn entity(s: &str) -> Option<char> {
    let body = s.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = body.strip_prefix('#') {
        // Digits only (`parse` would take a sign); never a control character, which would break
        // the lines and columns of what is written.
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let c = char::from_u32(u32::from_str_radix(digits, radix).ok()?)?;
        return (!c.is_control()).then_some(c);
    }
    Some(match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        _ => return None,
    })
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn fold_word(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_uppercase() || c == '’') && longest_run(s) < 4 {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    let mut run = 0;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = if c == '’' { '\'' } else { c };
        run = if Some(c) == last { run + 1 } else { 1 };
        last = Some(c);
        if run <= 3 || !c.is_alphabetic() {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Scheme and host in lower case; the path is case-sensitive.
fn fold_url(s: &str) -> Cow<'_, str> {
    // A scheme only at the start: "?u=http://…" inside the path is path.
    let scheme = s
        .find("://")
        .filter(|&i| s[..i].bytes().all(|b| b.is_ascii_alphabetic()));
    let host_start = scheme.map_or(0, |i| i + 3);
    let host_end = s[host_start..]
        .find(['/', '?', '#'])
        .map_or(s.len(), |i| host_start + i);
    if !s[..host_end].chars().any(char::is_uppercase) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(format!(
        "{}{}",
        s[..host_end].to_lowercase(),
        &s[host_end..]
    ))
}

/// Longest run of one repeated letter (case-insensitive).
fn longest_run(s: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut last = None;
    for c in s.chars().flat_map(char::to_lowercase) {
        run = if Some(c) == last && c.is_alphabetic() {
            run + 1
        } else {
            1
        };
        last = Some(c);
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests;
