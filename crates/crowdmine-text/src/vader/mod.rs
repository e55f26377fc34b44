//! VADER sentiment (Hutto & Gilbert, ICWSM 2014), score for score identical to the reference
//! Python package `vaderSentiment` 3.3.2 under Python 3.11, quirks included.
//!
//! A text's emoji are replaced by their descriptions, the text is split on whitespace and each
//! token loses its surrounding ASCII punctuation unless that leaves two characters or fewer (so
//! ":)" survives). Each token in the lexicon gets its valence, modified by the three tokens before
//! it (boosters and dampeners, negations, capitals among non-capitals, "no", "least", special
//! phrases), then "but" halves what comes before it and raises what follows by half, and the sum,
//! with "!" and "?" emphasis, is normalised to the compound score x / √(x² + 15).
//!
//! Quirks of the reference kept on purpose (they change scores, and users compare scores with the
//! published tool): emoji are matched one code point at a time, so sequences (flags, skin tones,
//! ZWJ) are only partly described, and a description is glued to the character after it; the
//! "but" rule looks each value up by equality, so of equal values only the first is scaled, once
//! per occurrence; capitals on a word of valence 0 subtract 0.733; a "so" or "this" right before a
//! word scales it by 1.25 when the word three back is not in the lexicon; the sum is a plain
//! left-to-right sum (Python 3.12's compensated `sum` would differ in the last bits).
//!
//! The lexicons are the package's `vader_lexicon.txt` and `emoji_utf8_lexicon.txt` (MIT, see
//! NOTICE), embedded.

pub(crate) mod classes;
mod lexicon;
mod rules;
mod swar;

use crate::python;
use rules::{BOOSTERS, C_INCR, NEGATE, N_SCALAR, SPECIAL_CASES};
use rustc_hash::FxHashMap;

/// The scorer's name and version, stored with every score.
pub const SCORER: &str = "vader-3.3.2";

/// VADER's four scores: the proportions of negative, neutral and positive tokens (rounded to 3
/// decimals) and the normalised compound score in [−1, 1] (rounded to 4), as the reference
/// rounds them.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Scores {
    pub neg: f64,
    pub neu: f64,
    pub pos: f64,
    pub compound: f64,
}

/// What the rules need to know of a (lower-case) word: looked up once per token.
#[derive(Debug, Clone, Copy, Default)]
struct Word {
    /// Its valence, for words of the lexicon.
    valence: Option<f64>,
    /// Its booster (or dampener) increment.
    booster: Option<f64>,
    /// A negation word (words with "n't" are found by their spelling).
    negation: bool,
    /// The first word of a special phrase or a booster phrase ("the bomb", "kind of").
    phrase_start: bool,
    /// The second word of one ("bomb", "of").
    phrase_next: bool,
    /// A word the rules name ("no", "least", "so", …).
    named: bool,
    /// "but", whose positions are collected with the lexicon words'.
    but: bool,
}

/// The analyser: lexicons and word lists, built once (a few milliseconds) and shared freely.
#[derive(Debug, Clone)]
pub struct Vader {
    words: lexicon::Lexicon,
    emoji: FxHashMap<char, String>,
    /// The keys of `emoji`, for a test cheaper than the map's.
    emoji_keys: CodePoints,
    /// Special phrases and booster phrases, as word numbers.
    special_phrases: Vec<(Vec<u32>, f64)>,
    booster_phrases: Vec<(Vec<u32>, f64)>,
    ids: Ids,
}

/// The words the rules name.
const NAMED: [&str; 13] = [
    "no", "or", "nor", "kind", "of", "least", "at", "very", "so", "this", "never", "without",
    "doubt",
];

/// The numbers of the words the rules name, in the order of [`NAMED`].
#[derive(Debug, Clone, Copy)]
struct Ids {
    no: u32,
    or: u32,
    nor: u32,
    kind: u32,
    of: u32,
    least: u32,
    at: u32,
    very: u32,
    so: u32,
    this: u32,
    never: u32,
    without: u32,
    doubt: u32,
}

impl Default for Vader {
    fn default() -> Self {
        Vader::new()
    }
}

/// The lines of an embedded lexicon as the reference reads them: `text.rstrip('\n').split('\n')`,
/// each stripped and cut at tabs.
fn lines(text: &str) -> impl Iterator<Item = std::str::Split<'_, char>> {
    text.trim_end_matches('\n')
        .split('\n')
        .map(|line| python::strip(line).split('\t'))
}

/// Every word the rules look up, with what they need to know of it: the lexicon's words, the
/// boosters, the negations, the words of phrases and the words the rules name.
fn word_table() -> FxHashMap<String, Word> {
    let mut words: FxHashMap<String, Word> = FxHashMap::default();
    for mut fields in lines(include_str!("../../data/vader_lexicon.txt")) {
        if let (Some(word), Some(Ok(v))) = (fields.next(), fields.next().map(str::parse)) {
            if !word.is_empty() {
                words.entry(word.to_owned()).or_default().valence = Some(v);
            }
        }
    }
    for &(b, v) in BOOSTERS {
        words.entry(b.to_owned()).or_default().booster = Some(v);
    }
    for &n in NEGATE {
        words.entry(n.to_owned()).or_default().negation = true;
    }
    for &(p, _) in SPECIAL_CASES.iter().chain(BOOSTERS) {
        if let Some((first, rest)) = p.split_once(' ') {
            words.entry(first.to_owned()).or_default().phrase_start = true;
            let second = rest.split_once(' ').map_or(rest, |(second, _)| second);
            words.entry(second.to_owned()).or_default().phrase_next = true;
        }
        // Every word of a phrase gets a number, so phrases compare by numbers.
        for w in p.split(' ') {
            words.entry(w.to_owned()).or_default();
        }
    }
    for w in NAMED {
        words.entry(w.to_owned()).or_default().named = true;
    }
    words.entry("but".to_owned()).or_default().but = true;
    words
}

impl Vader {
    pub fn new() -> Vader {
        let words = lexicon::Lexicon::new(word_table());
        let id = |w: &str| words.get(w);
        let ids = Ids {
            no: id("no"),
            or: id("or"),
            nor: id("nor"),
            kind: id("kind"),
            of: id("of"),
            least: id("least"),
            at: id("at"),
            very: id("very"),
            so: id("so"),
            this: id("this"),
            never: id("never"),
            without: id("without"),
            doubt: id("doubt"),
        };
        let phrases = |list: &[(&str, f64)]| -> Vec<(Vec<u32>, f64)> {
            list.iter()
                .map(|&(p, v)| (p.split(' ').map(id).collect(), v))
                .collect()
        };
        let special_phrases = phrases(SPECIAL_CASES);
        // Single words are found through `words`; only phrases need comparing here.
        let booster_phrases = phrases(BOOSTERS)
            .into_iter()
            .filter(|(p, _)| p.len() > 1)
            .collect();
        // Only single code points can match: the reference compares one character at a time.
        let mut emoji = FxHashMap::default();
        for mut fields in lines(include_str!("../../data/emoji_utf8_lexicon.txt")) {
            if let (Some(key), Some(description)) = (fields.next(), fields.next()) {
                let mut chars = key.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    emoji.insert(c, description.to_owned());
                }
            }
        }
        let emoji_keys = CodePoints::new(emoji.keys().copied());
        Vader {
            words,
            emoji,
            emoji_keys,
            special_phrases,
            booster_phrases,
            ids,
        }
    }

    /// The number of lexicon entries (7,506 distinct words).
    pub fn lexicon_len(&self) -> usize {
        self.words.valence_count()
    }

    /// The scores of one text.
    pub fn polarity_scores(&self, text: &str) -> Scores {
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => self.scores_with(text, &mut scratch),
            // Only if scoring ever re-entered itself: a fresh scratch.
            Err(_) => self.scores_with(text, &mut Scratch::default()),
        })
    }

    /// The scores, with buffers kept from text to text: no allocation once they have grown.
    fn scores_with(&self, text: &str, scratch: &mut Scratch) -> Scores {
        let (caps, marks, found) = self.tokenize(text, scratch);
        let Scratch {
            toks,
            sentiments,
            lexical,
            ..
        } = scratch;
        let n = toks.len();
        // Only words of the lexicon can have a valence: their positions, and those of "but" (for
        // the "but" rule), collected by the tokenizer.
        let lexical = &lexical[..found];
        // No word with a valence (nor "but"): every token is neutral (the scores' rounding gives
        // exactly these).
        if n > 0 && found == 0 {
            return Scores {
                neg: 0.0,
                neu: 1.0,
                pos: 0.0,
                compound: 0.0,
            };
        }
        let s = Sentence {
            lex: &self.words,
            toks,
            cap_differential: caps > 0 && caps < n,
        };
        let ids = &self.ids;
        sentiments.clear();
        let mut first_but = None;
        for &i in lexical {
            let flags = toks[i].flags;
            // Not a lexicon word: "but" (which is not one, as a test checks).
            if flags & VALENCE == 0 {
                first_but.get_or_insert(i);
                continue;
            }
            // Boosters and the "kind" of "kind of" count for nothing themselves.
            let kind_of = flags & NAMED_WORD != 0
                && toks[i].id == ids.kind
                && toks.get(i + 1).is_some_and(|t| t.id == ids.of);
            if flags & BOOSTER == 0 && !kind_of {
                let v = self.valence(&s, i);
                if v != 0.0 {
                    sentiments.push((i, v));
                }
            }
        }
        but_check(first_but, sentiments);
        score(sentiments, n, marks)
    }

    /// A text's tokens into `scratch.toks` and the positions of the [`COLLECTED`] ones at the
    /// start of `scratch.lexical`; returns how many tokens are in capitals, the text's "!" and
    /// "?", and how many positions were collected.
    fn tokenize(&self, text: &str, scratch: &mut Scratch) -> (usize, Marks, usize) {
        let Scratch {
            described,
            toks,
            padded,
            edges,
            lexical,
            ..
        } = scratch;
        toks.clear();
        // Most texts have no emoji: the classification stops at the first it meets, and only
        // then is the text described and classified again. Every emoji key is outside ASCII
        // (checked by a test): ASCII texts get a tokenizer compiled without the checks for
        // other characters.
        let (marks, ascii) = match self.edges(text, padded, edges, true) {
            Some(found) => found,
            None => {
                let described = self.describe_emoji(text, described);
                // Descriptions have no emoji (a test checks): this pass does not stop.
                let found = self.edges(described, padded, edges, false);
                let (caps, collected) =
                    self.tokens::<false>(described, toks, lexical, padded, edges);
                let marks = found.map_or_else(Marks::default, |(marks, _)| marks);
                return (caps, marks, collected);
            }
        };
        let (caps, collected) = if ascii {
            self.tokens::<true>(text, toks, lexical, padded, edges)
        } else {
            self.tokens::<false>(text, toks, lexical, padded, edges)
        };
        (caps, marks, collected)
    }

    /// The tokens of any text, the reference's way (the tests compare the fast paths with it):
    /// split on Python's whitespace, stripped of punctuation unless that leaves two characters
    /// or fewer, looked up lower-cased; returns how many are in capitals.
    #[cfg(test)]
    fn general_tokens(&self, text: &str, toks: &mut Vec<Tok>) -> usize {
        let mut caps = 0;
        for raw in python::split(text) {
            let t = strip_punctuation_if_word(raw);
            let upper = python::is_upper(t);
            caps += usize::from(upper);
            let id = if t.is_ascii() {
                self.words.get_ascii_token(t.as_bytes())
            } else {
                self.words.get(&t.to_lowercase())
            };
            toks.push(Tok {
                id,
                flags: self.words.flags(id),
                upper,
                nt: has_nt(t.as_bytes()),
            });
        }
        caps
    }

    /// The text copied into `padded`, padded to whole words of 64 bytes, and `edges`: one bit
    /// per byte, set where whitespace ends or starts (the first byte of each token, then the
    /// byte after it). Returns its "!" and "?" and whether it is all ASCII; nothing if
    /// `stop_at_emoji` and the text has an emoji of the lexicon, whose description is then
    /// needed. Whitespace, "!", "?" and bytes outside ASCII are found a word at a time
    /// ([`classes`]); of the characters outside ASCII, only those that could be whitespace or an
    /// emoji are decoded. Tokens start where whitespace ends and end where it starts: both come
    /// from shifting the whitespace bits. Surrounding whitespace never makes a token, so the
    /// reference's strip changes nothing.
    fn edges(
        &self,
        text: &str,
        padded: &mut Vec<u8>,
        edges: &mut Vec<u64>,
        stop_at_emoji: bool,
    ) -> Option<(Marks, bool)> {
        let len = text.len();
        // A word more than the text needs when its length is a multiple of 64: every token ends
        // on a whitespace bit.
        let words = len / 64 + 1;
        // Whole words, spaces after the text, and eight bytes more for the tokens' loads (the
        // buffer only grows; copy and fill are single calls, not loops over bytes).
        let padded_len = words * 64 + 8;
        if padded.len() < padded_len {
            padded.resize(padded_len, b' ');
        }
        padded[..len].copy_from_slice(text.as_bytes());
        padded[len..padded_len].fill(b' ');
        edges.clear();
        // The byte before the text counts as whitespace.
        let (mut exclamations, mut questions, mut carry) = (0, 0, 1);
        let mut non_ascii = 0;
        // Whitespace bits of a character that runs into the next word.
        let mut spill = 0;
        for (w, block) in padded[..words * 64].as_chunks::<64>().0.iter().enumerate() {
            let c = classes::classify(block);
            let mut space = c.space | spill;
            spill = 0;
            if c.exclamation | c.question != 0 {
                exclamations += c.exclamation.count_ones() as usize;
                questions += c.question.count_ones() as usize;
            }
            non_ascii |= c.non_ascii;
            if c.non_ascii != 0 {
                // Of the characters outside ASCII, only those that can be whitespace or an
                // emoji are decoded.
                let mut leads = classes::leads(block);
                while leads != 0 {
                    let i = leads.trailing_zeros() as usize;
                    leads &= leads - 1;
                    let ch = text.get(w * 64 + i..).and_then(|t| t.chars().next());
                    if stop_at_emoji && ch.is_some_and(|ch| self.emoji_keys.contains(ch)) {
                        return None;
                    }
                    if let Some(ch) = ch.filter(|&ch| python::is_space(ch)) {
                        for p in i..i + ch.len_utf8() {
                            if p < 64 {
                                space |= 1 << p;
                            } else {
                                spill |= 1 << (p - 64);
                            }
                        }
                    }
                }
            }
            let before = (space << 1) | carry;
            carry = space >> 63;
            edges.push(space ^ before);
        }
        let marks = Marks {
            exclamations,
            questions,
        };
        Some((marks, non_ascii == 0))
    }

    /// The tokens of a text whose edges are found ([`Vader::edges`]; `b` is the padded text),
    /// into `toks`, and the positions of the [`COLLECTED`] ones at the start of `lexical`
    /// (which only grows: every position read is written first); returns how many tokens are in
    /// capitals and how many positions were collected. A position is written for every token,
    /// to the next free place, which moves on if the token is collected: no branch. A token's
    /// stripped form is the token unless a table says its first or last byte is punctuation.
    /// Each ASCII token is then lower-cased, hashed and checked for capitals and apostrophes a
    /// chunk at a time; a token with other characters goes through Python's string functions
    /// (`ASCII`: the text has none). The same tokens as the reference's way (tests check). Not
    /// inlined: alone, its loop keeps more of its state in registers.
    #[inline(never)]
    fn tokens<const ASCII: bool>(
        &self,
        text: &str,
        toks: &mut Vec<Tok>,
        lexical: &mut Vec<usize>,
        b: &[u8],
        edges: &[u64],
    ) -> (usize, usize) {
        // Tokens are separated by whitespace: at most one per two bytes, and one more.
        let most = text.len() / 2 + 1;
        if lexical.len() < most {
            lexical.resize(most, 0);
        }
        let mut found = 0;
        let punct = |i: usize| PUNCTUATION[usize::from(b[i])];
        let mut caps = 0;
        // Starts and ends alternate; whitespace follows the text, so every start has its end.
        let mut at = Positions::new(edges);
        while let (Some(start), Some(end)) = (at.next(), at.next()) {
            // `s.strip(string.punctuation)` unless that leaves two characters or fewer.
            let (mut first, mut last) = (start, end);
            if punct(start) || punct(end - 1) {
                (first, last) = stripped(b, start, end);
            }
            let tok = match self.ascii_token::<ASCII>(b, first, last - first) {
                Some(tok) => tok,
                None => self.other_token(&text[start..end]),
            };
            caps += usize::from(tok.upper);
            lexical[found] = toks.len();
            found += usize::from(tok.flags & COLLECTED != 0);
            toks.push(tok);
        }
        (caps, found)
    }

    /// A token with characters outside ASCII, as the reference treats it. The table's keys have
    /// no character outside ASCII that a lower-case form has, and only the Kelvin sign lower-cases
    /// to ASCII (tests check both): a token with another character outside ASCII is not in the
    /// table, and is not lower-cased.
    #[cold]
    fn other_token(&self, raw: &str) -> Tok {
        let t = strip_punctuation_if_word(raw);
        let id = if t.chars().all(|c| c.is_ascii() || c == KELVIN) {
            self.words.get(&t.to_lowercase())
        } else {
            0
        };
        Tok {
            id,
            flags: self.words.flags(id),
            upper: python::is_upper(t),
            // Most tokens have no apostrophe: a search for one is cheaper than for "n't".
            nt: t.contains('\'') && has_nt(t.as_bytes()),
        }
    }

    /// The token `b[first..first + n]` (stripped already) if it is ASCII: lower-cased, hashed
    /// and checked for capitals and apostrophes a chunk at a time. `b` holds eight bytes past
    /// the token.
    /// (`ASCII`: known to be.)
    #[inline(always)]
    fn ascii_token<const ASCII: bool>(&self, b: &[u8], first: usize, n: usize) -> Option<Tok> {
        let x = swar::keep(swar::chunk(b, first), n);
        let mut outside = swar::non_ascii(x);
        let lowered = swar::to_lower(x);
        let mut h = lexicon::step(n as u64, lowered);
        let (mut up, mut low, mut apostrophe) =
            (swar::upper(x), swar::lower(x), swar::equal(x, b'\''));
        let mut k = 8;
        while k < n {
            let x = swar::keep(swar::chunk(b, first + k), n - k);
            outside |= swar::non_ascii(x);
            up |= swar::upper(x);
            low |= swar::lower(x);
            apostrophe |= swar::equal(x, b'\'');
            h = lexicon::step(h, swar::to_lower(x));
            k += 8;
        }
        // Outside ASCII, the eight-byte arithmetic above does not hold.
        if !ASCII && outside != 0 {
            return None;
        }
        let id = self.words.get_ascii(h, lowered, b, first, n);
        Some(Tok {
            id,
            flags: self.words.flags(id),
            // Punctuation is not cased: the stripped token's capitals are the token's.
            upper: up != 0 && low == 0,
            nt: apostrophe != 0 && has_nt(&b[first..first + n]),
        })
    }

    /// Every character that is an emoji of the lexicon replaced by its description, preceded by a
    /// space unless a space is before it (none is added after it). A text without emoji is
    /// returned as it is.
    fn describe_emoji<'t>(&self, text: &'t str, out: &'t mut String) -> &'t str {
        let Some(mut found) = self.next_emoji(text, 0) else {
            return text;
        };
        out.clear();
        let mut copied = 0;
        loop {
            let (i, len, description) = found;
            out.push_str(&text[copied..i]);
            // The reference's "previous character was a space": an emoji before is not one.
            if i > 0 && text.as_bytes()[i - 1] != b' ' {
                out.push(' ');
            }
            out.push_str(description);
            copied = i + len;
            match self.next_emoji(text, copied) {
                Some(next) => found = next,
                None => break,
            }
        }
        out.push_str(&text[copied..]);
        out
    }

    /// The first emoji of the lexicon in `text` from byte `from` on: its position, its length
    /// and its description. Every emoji key is outside ASCII (a test checks): ASCII is skipped
    /// eight bytes at a time, and only the characters that start with the first byte of a key
    /// are decoded, then looked up in a bit set before the map is hashed.
    fn next_emoji(&self, text: &str, mut from: usize) -> Option<(usize, usize, &str)> {
        let b = text.as_bytes();
        while from < b.len() {
            let mut leads = swar::leads(swar::load(b, from, 8));
            while leads != 0 {
                let i = from + leads.trailing_zeros() as usize / 8;
                leads &= leads - 1;
                if !self.emoji_keys.may_start(b[i]) {
                    continue;
                }
                let c = text.get(i..).and_then(|t| t.chars().next());
                if let Some(c) = c.filter(|&c| self.emoji_keys.contains(c)) {
                    if let Some(description) = self.emoji.get(&c) {
                        return Some((i, c.len_utf8(), description));
                    }
                }
            }
            from += 8;
        }
        None
    }

    /// The valence of word `i`, a lexicon word, in its context.
    fn valence(&self, s: &Sentence, i: usize) -> f64 {
        let (t, ids) = (s.toks, &self.ids);
        let id = |k: usize| t[k].id;
        let base = s.lex.valence(t[i].id);
        // Most words have no rule to apply: nothing around them is a booster, a negation, a
        // phrase or a word the rules name. Their valence is their own (with the capitals rule).
        const CONTEXT: u8 = BOOSTER | NEGATION | PHRASE_START | NAMED_WORD;
        let plain = t[i].flags & (PHRASE_START | NAMED_WORD) == 0
            && t[i.saturating_sub(3)..i]
                .iter()
                .all(|w| w.flags & CONTEXT == 0 && !w.nt);
        if plain {
            if t[i].upper && s.cap_differential {
                return base + if base > 0.0 { C_INCR } else { -C_INCR };
            }
            return base;
        }
        let mut valence = base;
        // "no" before another lexicon word negates it instead of counting itself.
        if id(i) == ids.no && i + 1 < t.len() && t[i + 1].flags & VALENCE != 0 {
            valence = 0.0;
        }
        if (i > 0 && id(i - 1) == ids.no)
            || (i > 1 && id(i - 2) == ids.no)
            || (i > 2 && id(i - 3) == ids.no && (id(i - 1) == ids.or || id(i - 1) == ids.nor))
        {
            valence = base * N_SCALAR;
        }
        if t[i].upper && s.cap_differential {
            valence += if valence > 0.0 { C_INCR } else { -C_INCR };
        }
        for distance in 1..=3 {
            if i < distance || t[i - distance].flags & VALENCE != 0 {
                continue;
            }
            let mut scalar = scalar(s, i - distance, valence);
            if scalar != 0.0 {
                scalar *= [1.0, 0.95, 0.9][distance - 1];
            }
            valence += scalar;
            valence = self.negation(valence, s, distance, i);
            if distance == 3 {
                valence = self.idioms(valence, s, i);
            }
        }
        self.least(valence, s, i)
    }

    /// Special phrases around word `i` (i ≥ 3) replace its valence; booster phrases of two or
    /// three words before it add theirs. The reference joins words with spaces and looks the
    /// phrase up; tokens hold no spaces, so comparing word by word is the same, and every word of
    /// a phrase has a number in the word table.
    fn idioms(&self, mut valence: f64, s: &Sentence, i: usize) -> f64 {
        let t = s.toks;
        // Every phrase compared below starts at word i - 3, i - 2, i - 1 or i, and has a second
        // word: most often none of them is a phrase's first word followed by a phrase's second
        // ("the" is common, "the bomb" is not). Tested for all four without a branch on the words.
        let next = |k: usize| t.get(k + 1).map_or(0, |w| w.flags);
        let may_start = |k: usize| (t[k].flags & PHRASE_START != 0) & (next(k) & PHRASE_NEXT != 0);
        if !(i - 3..=i).fold(false, |any, k| any | may_start(k)) {
            return valence;
        }
        let same = |p: &[u32], r: &std::ops::Range<usize>| {
            p.len() == r.len() && p.iter().zip(&t[r.clone()]).all(|(a, w)| *a == w.id)
        };
        // Most sequences start with a word that starts no phrase: no comparison needed.
        let starts = |r: &std::ops::Range<usize>| may_start(r.start);
        let special = |r: &std::ops::Range<usize>| {
            self.special_phrases
                .iter()
                .find(|(p, _)| same(p, r))
                .map(|&(_, v)| v)
        };
        // i-1..=i, i-2..=i, i-2..i, i-3..i, i-3..i-1, in the reference's order.
        let before = [i - 1..i + 1, i - 2..i + 1, i - 2..i, i - 3..i, i - 3..i - 1];
        if let Some(v) = before.iter().filter(|r| starts(r)).find_map(special) {
            valence = v;
        }
        for r in [i..i + 2, i..i + 3]
            .iter()
            .filter(|r| r.end <= t.len() && starts(r))
        {
            if let Some(v) = special(r) {
                valence = v;
            }
        }
        for r in [i - 3..i, i - 3..i - 1, i - 2..i]
            .iter()
            .filter(|r| starts(r))
        {
            if let Some(&(_, b)) = self.booster_phrases.iter().find(|(p, _)| same(p, r)) {
                valence += b;
            }
        }
        valence
    }

    /// The negation rules for the word `distance` before word `i`.
    fn negation(&self, valence: f64, s: &Sentence, distance: usize, i: usize) -> f64 {
        let ids = &self.ids;
        let w = |k: usize| s.toks[i - k].id;
        let so_this = |k: usize| w(k) == ids.so || w(k) == ids.this;
        match distance {
            1 if negated(s, i - 1) => valence * N_SCALAR,
            2 if w(2) == ids.never && so_this(1) => valence * 1.25,
            2 if w(2) == ids.without && w(1) == ids.doubt => valence,
            2 if negated(s, i - 2) => valence * N_SCALAR,
            // The reference's `a and (b or c) or (d or e)`: "so"/"this" just before the word
            // counts without "never".
            3 if (w(3) == ids.never && so_this(2)) || so_this(1) => valence * 1.25,
            3 if w(3) == ids.without && (w(2) == ids.doubt || w(1) == ids.doubt) => valence,
            3 if negated(s, i - 3) => valence * N_SCALAR,
            _ => valence,
        }
    }

    /// "least" before a word negates it, except in "at least" and "very least" ("least" is not in
    /// the lexicon, which the reference also checks).
    fn least(&self, valence: f64, s: &Sentence, i: usize) -> f64 {
        let (t, ids) = (s.toks, &self.ids);
        if i > 0 && t[i - 1].id == ids.least && t[i - 1].flags & VALENCE == 0 {
            if i > 1 {
                if t[i - 2].id != ids.at && t[i - 2].id != ids.very {
                    return valence * N_SCALAR;
                }
                return valence;
            }
            return valence * N_SCALAR;
        }
        valence
    }
}

/// A booster's or dampener's contribution (word `j`) to a word of valence `valence`.
fn scalar(s: &Sentence, j: usize, valence: f64) -> f64 {
    if s.toks[j].flags & BOOSTER == 0 {
        return 0.0;
    }
    let b = s.lex.booster(s.toks[j].id);
    let mut scalar = if valence < 0.0 { -b } else { b };
    if s.toks[j].upper && s.cap_differential {
        scalar += if valence > 0.0 { C_INCR } else { -C_INCR };
    }
    scalar
}

/// A word whose position the scorer collects: a lexicon word or "but".
const COLLECTED: u8 = 1;
/// A booster or dampener.
const BOOSTER: u8 = 2;
const NEGATION: u8 = 4;
/// The first word of a special or booster phrase.
const PHRASE_START: u8 = 8;
/// A word the rules name.
const NAMED_WORD: u8 = 16;
/// A lexicon word (it has a valence).
const VALENCE: u8 = 32;
/// The second word of a special or booster phrase.
const PHRASE_NEXT: u8 = 64;

/// KELVIN SIGN, the one character outside ASCII whose lower-case form ("k") is ASCII.
const KELVIN: char = '\u{212a}';

/// Whether a token's lower-case form contains "n't" (no other character lower-cases to `n`, `'`
/// or `t`, so the ASCII comparison is exact).
#[inline]
fn has_nt(t: &[u8]) -> bool {
    t.windows(3).any(|x| x.eq_ignore_ascii_case(b"n't"))
}

/// Whether word `j` negates: a negation word, or any word with "n't".
fn negated(s: &Sentence, j: usize) -> bool {
    s.toks[j].flags & NEGATION != 0 || s.toks[j].nt
}

/// One token as the rules see it: its word, whether it is in capitals (`str.isupper()`), and
/// whether its lower-case form contains "n't".
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Tok {
    /// The word's number in the word table, 0 for a word not in it: the rules compare words by
    /// number.
    id: u32,
    /// What the word is ([`VALENCE`], [`BOOSTER`], …), from the table.
    flags: u8,
    upper: bool,
    nt: bool,
}

/// Buffers of one thread's scoring, reused from text to text.
#[derive(Default)]
struct Scratch {
    described: String,
    toks: Vec<Tok>,
    /// The tokens' valences that are not zero, by position (most tokens have none).
    sentiments: Vec<(usize, f64)>,
    /// The positions of the tokens that are lexicon words or "but", at its start (it only grows).
    lexical: Vec<usize>,
    /// The text, padded with spaces to whole chunks and eight bytes more.
    padded: Vec<u8>,
    /// One bit per byte of the text, in words of 64, set where whitespace ends or starts: the
    /// first byte of each token, then the byte after it.
    edges: Vec<u64>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// One text's tokens, and whether some but not all are in capitals.
struct Sentence<'a> {
    lex: &'a lexicon::Lexicon,
    toks: &'a [Tok],
    cap_differential: bool,
}

/// A token without its surrounding punctuation, unless that leaves 2 characters or fewer.
#[inline]
fn strip_punctuation_if_word(token: &str) -> &str {
    let stripped = python::strip_punctuation(token);
    let short = match stripped.len() {
        0..=2 => true,
        9.. => false, // more than two characters of at most 4 bytes
        _ if stripped.is_ascii() => false,
        _ => stripped.chars().count() <= 2,
    };
    if short {
        token
    } else {
        stripped
    }
}

/// "but" (`first_but`, the position of the first): values before it halved, after it raised by
/// half. As the reference, each value is looked up by equality (`list.index`), so of equal values
/// only the first is changed, once per occurrence. The reference scans every token's value; zeros
/// stay zeros under the scaling, so only the values that are not zero (`sentiments`, by position)
/// take part, with the same result.
fn but_check(first_but: Option<usize>, sentiments: &mut [(usize, f64)]) {
    let Some(bi) = first_but else {
        return;
    };
    for k in 0..sentiments.len() {
        let s = sentiments[k].1;
        let first = sentiments.iter().position(|&(_, x)| x == s).unwrap_or(k);
        let (si, _) = sentiments[first];
        if si < bi {
            sentiments[first].1 = s * 0.5;
        } else if si > bi {
            sentiments[first].1 = s * 1.5;
        }
    }
}

/// The ends of the ASCII token `b[start..end]` stripped of its surrounding punctuation, unless
/// that leaves two characters or fewer: the token's own ends then.
#[cold]
fn stripped(b: &[u8], start: usize, end: usize) -> (usize, usize) {
    let (mut first, mut last) = (start, end);
    while first < last && PUNCTUATION[usize::from(b[first])] {
        first += 1;
    }
    while last > first && PUNCTUATION[usize::from(b[last - 1])] {
        last -= 1;
    }
    if last - first > 2 {
        (first, last)
    } else {
        (start, end)
    }
}

/// Python's `string.punctuation`, by byte.
const PUNCTUATION: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_punctuation();
        c += 1;
    }
    t
};

/// A set of characters outside ASCII, a bit each in blocks of 64 code points; the blocks without
/// a member share one word of zeros.
#[derive(Debug, Clone)]
struct CodePoints {
    /// By block (code point / 64), the place of its bits in `bits`.
    blocks: Vec<u8>,
    bits: Vec<u64>,
    /// The first bytes of the members' UTF-8 forms (0xc2 to 0xf4), a bit each (the byte's low
    /// six bits).
    first_bytes: u64,
}

impl CodePoints {
    fn new(members: impl Iterator<Item = char> + Clone) -> CodePoints {
        let end = members
            .clone()
            .map(|c| c as usize / 64 + 1)
            .max()
            .unwrap_or(0);
        let (mut blocks, mut bits, mut first_bytes) = (vec![0u8; end], vec![0], 0);
        for c in members {
            assert!(!c.is_ascii(), "{c:?} in a set of characters outside ASCII");
            first_bytes |= 1 << (c.encode_utf8(&mut [0; 4]).as_bytes()[0] & 63);
            let block = &mut blocks[c as usize / 64];
            if *block == 0 {
                *block = u8::try_from(bits.len()).expect("at most 255 blocks of code points");
                bits.push(0);
            }
            bits[usize::from(*block)] |= 1 << (c as usize % 64);
        }
        CodePoints {
            blocks,
            bits,
            first_bytes,
        }
    }

    /// Whether a member can start with `byte`, the first byte of a character outside ASCII.
    #[inline]
    fn may_start(&self, byte: u8) -> bool {
        self.first_bytes >> (byte & 63) & 1 == 1
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        let (block, bit) = (c as usize / 64, c as usize % 64);
        self.blocks
            .get(block)
            .is_some_and(|&b| self.bits[usize::from(b)] >> bit & 1 == 1)
    }
}

/// The positions of the set bits of a bit set, in order.
struct Positions<'a> {
    words: &'a [u64],
    word: usize,
    bits: u64,
}

impl<'a> Positions<'a> {
    fn new(words: &'a [u64]) -> Positions<'a> {
        Positions {
            words,
            word: 0,
            bits: words.first().copied().unwrap_or(0),
        }
    }

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.bits == 0 {
            self.word += 1;
            self.bits = *self.words.get(self.word)?;
        }
        let at = self.word * 64 + self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(at)
    }
}

/// How many "!" and "?" a text has.
#[derive(Debug, Clone, Copy, Default)]
struct Marks {
    exclamations: usize,
    questions: usize,
}

/// Emphasis from "!" (0.292 each, up to 4) and "?" (0.18 each for 2 or 3, 0.96 for more).
fn punctuation_emphasis(marks: Marks) -> f64 {
    let exclamations = marks.exclamations.min(4);
    let questions = marks.questions;
    let qm = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f64 * 0.18,
        _ => 0.96,
    };
    exclamations as f64 * 0.292 + qm
}

/// The four scores from the tokens' valences.
/// The four scores from the valences that are not zero (`sentiments`, in the order of their
/// tokens) of `n` tokens. Zeros add nothing to the sums, so leaving them out changes no bit.
fn score(sentiments: &[(usize, f64)], n: usize, marks: Marks) -> Scores {
    if n == 0 {
        return Scores {
            neg: 0.0,
            neu: 0.0,
            pos: 0.0,
            compound: 0.0,
        };
    }
    let mut sum: f64 = sentiments.iter().fold(0.0, |a, &(_, s)| a + s);
    let emphasis = punctuation_emphasis(marks);
    if sum > 0.0 {
        sum += emphasis;
    } else if sum < 0.0 {
        sum -= emphasis;
    }
    let compound = (sum / (sum * sum + 15.0).sqrt()).clamp(-1.0, 1.0);
    let (mut pos_sum, mut neg_sum) = (0.0, 0.0);
    // Each value goes to one of the sums, the other gets a zero, which changes no bit of it
    // (no sum is -0.0): no branch on the sign.
    for &(_, s) in sentiments {
        let positive = s > 0.0;
        pos_sum += if positive { s + 1.0 } else { 0.0 };
        neg_sum += if positive { 0.0 } else { s - 1.0 };
    }
    let neu_count = (n - sentiments.len()) as u32;
    if pos_sum > neg_sum.abs() {
        pos_sum += emphasis;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= emphasis;
    }
    let total = pos_sum + neg_sum.abs() + f64::from(neu_count);
    Scores {
        neg: python::round((neg_sum / total).abs(), 3),
        neu: python::round((f64::from(neu_count) / total).abs(), 3),
        pos: python::round((pos_sum / total).abs(), 3),
        compound: python::round(compound, 4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load() {
        // The reference: len(lexicon) 7,506 (7,520 lines, later duplicates win); of its 3,570
        // emoji keys 1,212 are one code point, the only ones its per-character loop can match.
        let v = Vader::new();
        assert_eq!(v.lexicon_len(), 7_506);
        assert_eq!(v.emoji.len(), 1_212);
        // The scorer tells "but" from the lexicon words it collects with them by the valence.
        assert_eq!(v.words.flags(v.words.get("but")), COLLECTED);
        // describe_emoji's ASCII fast path relies on this.
        assert!(v.emoji.keys().all(|c| !c.is_ascii()));
    }

    #[test]
    fn every_phrase_starts_with_its_flagged_first_and_second_words() {
        // The idioms' quick test: a phrase can only start where both flags are.
        let v = Vader::new();
        let flags = |w: &str| v.words.flags(v.words.get(w));
        for (p, _) in SPECIAL_CASES.iter().chain(BOOSTERS) {
            let words: Vec<&str> = p.split(' ').collect();
            if let [first, second, ..] = words[..] {
                assert_ne!(flags(first) & PHRASE_START, 0, "{p}");
                assert_ne!(flags(second) & PHRASE_NEXT, 0, "{p}");
            }
        }
        assert_eq!(flags("good") & (PHRASE_START | PHRASE_NEXT), 0);
    }

    #[test]
    fn only_tokens_outside_ascii_with_the_kelvin_sign_can_be_in_the_table() {
        // Every character that lower-casing can produce ("Σ" at the end of a word gives "ς",
        // which is its own lower case).
        let lowered: std::collections::HashSet<char> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .flat_map(char::to_lowercase)
            .collect();
        for key in word_table().keys() {
            for c in key.chars().filter(|c| !c.is_ascii()) {
                assert!(!lowered.contains(&c), "{key:?}");
            }
        }
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(c.to_lowercase().all(|l| l.is_ascii()), c == KELVIN, "{c:?}");
        }
        let v = vader();
        assert_eq!(
            v.polarity_scores("\u{212a}ISS").compound,
            v.polarity_scores("kiss").compound
        );
    }

    #[test]
    fn readme_examples() {
        // vaderSentiment 3.3.2, Python 3.11: the README's first sentences.
        let v = Vader::new();
        let cases = [
            (
                "VADER is smart, handsome, and funny.",
                (0.0, 0.254, 0.746, 0.8316),
            ),
            (
                "VADER is smart, handsome, and funny!",
                (0.0, 0.248, 0.752, 0.8439),
            ),
            (
                "VADER is very smart, handsome, and funny.",
                (0.0, 0.299, 0.701, 0.8545),
            ),
            (
                "VADER is VERY SMART, handsome, and FUNNY.",
                (0.0, 0.246, 0.754, 0.9227),
            ),
            ("The book was good.", (0.0, 0.508, 0.492, 0.4404)),
            (
                "At least it isn't a horrible book.",
                (0.0, 0.678, 0.322, 0.431),
            ),
            ("Today SUX!", (0.779, 0.221, 0.0, -0.5461)),
            ("Not bad at all", (0.0, 0.513, 0.487, 0.431)),
        ];
        for (text, (neg, neu, pos, compound)) in cases {
            let s = v.polarity_scores(text);
            assert_eq!(
                (s.neg, s.neu, s.pos, s.compound),
                (neg, neu, pos, compound),
                "{text}"
            );
        }
    }

    use proptest::strategy::Strategy;

    /// The fast paths' tokens, capitals, collected positions and marks against the reference's
    /// way on the text with its emoji described.
    fn same_as_the_general_path(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let v = vader();
        // A scratch used before, as in scoring: nothing of the last text may leak.
        let mut scratch = Scratch::default();
        v.tokenize(
            "Some OTHER text that is longer than most, with 😀 and ’!!",
            &mut scratch,
        );
        let (caps, marks, found) = v.tokenize(text, &mut scratch);
        let mut described = String::new();
        let described = v.describe_emoji(text, &mut described);
        // The reference's loop, a character at a time.
        let (mut expected, mut previous_space) = (String::new(), true);
        for c in text.chars() {
            if let Some(description) = v.emoji.get(&c) {
                if !previous_space {
                    expected.push(' ');
                }
                expected.push_str(description);
                previous_space = false;
            } else {
                expected.push(c);
                previous_space = c == ' ';
            }
        }
        proptest::prop_assert_eq!(described, &expected);
        let reference = python::strip(described);
        let mut toks = Vec::new();
        let reference_caps = v.general_tokens(reference, &mut toks);
        proptest::prop_assert_eq!(&scratch.toks, &toks, "{:?}", text);
        proptest::prop_assert_eq!(caps, reference_caps, "{:?}", text);
        let collected: Vec<usize> = (0..toks.len())
            .filter(|&i| toks[i].flags & COLLECTED != 0)
            .collect();
        proptest::prop_assert_eq!(&scratch.lexical[..found], &collected[..], "{:?}", text);
        proptest::prop_assert_eq!(marks.exclamations, reference.matches('!').count());
        proptest::prop_assert_eq!(marks.questions, reference.matches('?').count());
        Ok(())
    }

    proptest::proptest! {
        /// The tokenizer finds the same tokens as the reference's way in ASCII texts…
        #[test]
        fn ascii_tokens_as_the_general_path(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[ -~]{0,6}",
                    "[ \t\n\x0b\x0c\r\x1c-\x1f]{1,2}",
                    proptest::sample::select(vec![
                        "good", "GOOD", "Good", "don't", "DON'T", "n't", "no", "but", "kind", "of",
                        ":)", ":D", "(:", "!!", "'ok'", "...", "'a'", "ab.", "at", "least", "sux",
                        "?!", "GOOD!!!", "'DON'T'", "outstandingly", "un-freaking-believable",
                    ]).prop_map(String::from),
                ],
                0..12,
            )
        ) {
            same_as_the_general_path(&parts.concat())?;
        }

        /// …and in texts with other characters (whitespace, letters, quotes, emoji).
        #[test]
        fn mixed_tokens_as_the_general_path(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[ -~]{0,6}",
                    "[ \t\u{a0}\u{85}\u{2003}\u{3000}\u{1c}]{1,2}",
                    "[a-zA-Zéàñü’…“”\u{200b}\u{200d}]{1,5}",
                    proptest::sample::select(vec![
                        "good", "GOOD", "don’t", "don't", "DON'T", "no", "but", "kind", "of",
                        "Élan", "ÉTÉ", "ǅx", "İstanbul", "straße", "ΣΑΣ", "(é)", "'é'", "é.",
                        "😀", "❤", "❤️", "👍🏽", "👨‍👩‍👧", "🇫🇷", "good😀", "😀!", ":)", "!!", "?",
                    ]).prop_map(String::from),
                ],
                0..12,
            )
        ) {
            same_as_the_general_path(&parts.concat())?;
        }
    }

    fn vader() -> &'static Vader {
        static V: std::sync::OnceLock<Vader> = std::sync::OnceLock::new();
        V.get_or_init(Vader::new)
    }

    #[test]
    fn emoji_keys_as_the_map() {
        let v = vader();
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(v.emoji_keys.contains(c), v.emoji.contains_key(&c), "{c:?}");
        }
        for &c in v.emoji.keys() {
            let first = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
            assert!(v.emoji_keys.may_start(first), "{c:?}");
            // The bytes the tokenizer decodes, to stop at emoji.
            assert!(matches!(first, 0xc2 | 0xe2 | 0xe3 | 0xf0), "{c:?}");
        }
        // The tokenizer, after describing emoji, relies on this.
        for description in v.emoji.values() {
            assert!(
                !description.chars().any(|c| v.emoji.contains_key(&c)),
                "{description}"
            );
        }
    }

    #[test]
    fn whitespace_outside_ascii_starts_with_the_bytes_the_tokenizer_decodes() {
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            if python::is_space(c) {
                let mut b = [0; 4];
                let first = c.encode_utf8(&mut b).as_bytes()[0];
                assert!(matches!(first, 0xc2 | 0xe1 | 0xe2 | 0xe3), "{c:?}");
            }
        }
    }

    #[test]
    fn empty_and_punctuation_only() {
        let v = Vader::new();
        let zero = Scores {
            neg: 0.0,
            neu: 0.0,
            pos: 0.0,
            compound: 0.0,
        };
        assert_eq!(v.polarity_scores(""), zero);
        assert_eq!(v.polarity_scores("   "), zero);
        // One neutral token: neu 1.0.
        assert_eq!(v.polarity_scores("!!!").neu, 1.0);
    }
}
