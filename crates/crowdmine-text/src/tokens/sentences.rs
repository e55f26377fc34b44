//! Sentence splitting for social text. A sentence ends after a run of `.`, `!`, `?` or `…` and at
//! every line break (posts use line breaks as sentence breaks far more than they use full stops).
//! A full stop after a known abbreviation ("Dr.", "vs.") or a single initial ("J. Smith") does not
//! end one; dotted initials ("U.S.") are one word token already. Closing quotes and brackets, emoji
//! and emoticons that follow the end on the same line belong to the sentence they close
//! ("Great game! 🎉").

use super::{Kind, Token, Tokens};

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "jr", "sr", "inc", "ltd", "co", "corp",
    "fig", "approx", "dept", "est", "gen", "gov", "lt", "mt", "sgt", "rev", "col", "capt", "sen",
    "rep", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The sentences of `text`, as trimmed slices of it, in order.
pub fn sentences(text: &str) -> Vec<&str> {
    let tokens: Vec<Token<'_>> = Tokens::new(text).collect();
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let first = *start.get_or_insert(t.start);
        let mut end = t.end();
        let mut stop = ends_sentence(&tokens, i);
        if stop {
            // Attach what closes the sentence on the same line.
            while let Some(n) = tokens.get(i + 1) {
                if line_break(text, end, n.start) || !closes(n) {
                    break;
                }
                i += 1;
                end = n.end();
            }
        }
        stop |= tokens
            .get(i + 1)
            .is_none_or(|n| line_break(text, end, n.start));
        if stop {
            out.push(&text[first..end]);
            start = None;
        }
        i += 1;
    }
    out
}

fn ends_sentence(tokens: &[Token<'_>], i: usize) -> bool {
    let t = tokens[i];
    if t.kind != Kind::Punct || !t.text.chars().all(|c| matches!(c, '.' | '!' | '?' | '…')) {
        return false;
    }
    if t.text != "." || i == 0 {
        return true;
    }
    let before = tokens[i - 1];
    let glued = before.end() == t.start;
    let word = before.text.to_lowercase();
    !(glued
        && before.kind == Kind::Word
        && (ABBREVIATIONS.contains(&word.as_str()) || is_initial(before.text)))
}

/// A single capital other than "I" ("J. Smith"; "So do I." ends a sentence).
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(|x| x.is_uppercase() && x != 'I') && c.next().is_none()
}

fn closes(t: &Token<'_>) -> bool {
    match t.kind {
        Kind::Emoji | Kind::Emoticon => true,
        Kind::Punct => matches!(t.text, ")" | "]" | "\"" | "'" | "”" | "’" | "»"),
        _ => false,
    }
}

fn line_break(text: &str, from: usize, to: usize) -> bool {
    text[from..to].contains(['\n', '\r', '\u{2028}', '\u{2029}'])
}
