//! Emoticons: western faces read left to right (`:-)`, `;D`, `:'(`, `>:(`, `=]`, `:)))`) and right
//! to left (`(:`, `/:`), hearts (`<3`, `</3`), eastern faces (`^_^`, `-_-`, `o.O`, `T_T`) and the
//! shrug. A face that ends or starts with a letter (`:D`, `:p`, `XD`) must not touch another letter
//! or digit, so ":Disney" and "XDR" stay words. "D:" is left out: "Plan D: …" is far more common.

/// Faces matched as written. Longest first where one is a prefix of another.
const FIXED: &[&str] = &[
    "¯\\_(ツ)_/¯",
    "¯\\(ツ)/¯",
    "</3",
    "<\\3",
    "<3",
    "^_^",
    "^.^",
    "^-^",
    "^^",
    "-_-",
    "-.-",
    "o_O",
    "O_o",
    "o_o",
    "O_O",
    "o.O",
    "O.o",
    "T_T",
    ";_;",
    ">_<",
    ">.<",
    "xD",
    "XD",
];

const EYES: &[u8] = b":;=8";
const NOSES: &[u8] = b"-'o^*";
const MOUTHS: &[u8] = b")(][DPpOo/\\|*3$@}{><Xx#";
const REVERSE_MOUTHS: &[u8] = b")(][/\\|";

/// Whether an emoticon can start with `c` (a cheap test before [`len`]).
pub(crate) fn may_start(c: char) -> bool {
    matches!(
        c,
        ':' | ';'
            | '='
            | '8'
            | '>'
            | '<'
            | '('
            | ')'
            | '['
            | ']'
            | '/'
            | '\\'
            | '|'
            | '^'
            | '-'
            | 'o'
            | 'O'
            | 'T'
            | 'x'
            | 'X'
            | '¯'
    )
}

/// Byte length of the emoticon at the start of `s`, or 0. `prev` is the character before it.
pub(crate) fn len(s: &str, prev: Option<char>) -> usize {
    let after_alnum = prev.is_some_and(char::is_alphanumeric);
    let n = fixed(s).max(western(s)).max(reverse(s));
    if n == 0 {
        return 0;
    }
    let face = &s[..n];
    let next_alnum = s[n..].chars().next().is_some_and(char::is_alphanumeric);
    let starts_letter = face.starts_with(|c: char| c.is_alphanumeric());
    let ends_letter = face.ends_with(|c: char| c.is_alphanumeric());
    if (starts_letter && after_alnum) || (ends_letter && next_alnum) {
        return 0;
    }
    // A digit eye ("8)") only with a plain mouth, and never right after a digit or letter.
    // "(8)" is a number in brackets; "x=3" an equation (":3" is the cat face).
    if face.starts_with('8')
        && (after_alnum
            || prev == Some('(')
            || !matches!(face.as_bytes().last(), Some(b')' | b'(' | b'D')))
    {
        return 0;
    }
    if face.ends_with('3')
        && !face.starts_with(':')
        && !face.starts_with(">:")
        && !face.contains('<')
    {
        return 0;
    }
    n
}

fn fixed(s: &str) -> usize {
    FIXED
        .iter()
        .find(|f| s.starts_with(**f))
        .map_or(0, |f| f.len())
}

/// `>`? eyes nose? mouth+ (a repeated mouth such as ":)))" stays one face).
fn western(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'>'));
    if !b.get(i).is_some_and(|c| EYES.contains(c)) {
        return 0;
    }
    i += 1;
    if b.get(i).is_some_and(|c| NOSES.contains(c))
        && b.get(i + 1).is_some_and(|c| MOUTHS.contains(c))
    {
        i += 1;
    }
    let Some(&mouth) = b.get(i).filter(|c| MOUTHS.contains(c)) else {
        return 0;
    };
    i += 1;
    if matches!(mouth, b')' | b'(' | b']' | b'[') {
        while b.get(i) == Some(&mouth) {
            i += 1;
        }
    }
    i
}

/// mouth nose? eyes, as in "(:" or "/:".
fn reverse(s: &str) -> usize {
    let b = s.as_bytes();
    if !b.first().is_some_and(|c| REVERSE_MOUTHS.contains(c)) {
        return 0;
    }
    let mut i = 1;
    if b.get(i).is_some_and(|c| matches!(c, b'-' | b'\'')) {
        i += 1;
    }
    if !b.get(i).is_some_and(|c| matches!(c, b':' | b';' | b'=')) {
        return 0;
    }
    i + 1
}

#[cfg(test)]
mod tests {
    use super::len;

    fn face(s: &str) -> &str {
        &s[..len(s, None)]
    }

    #[test]
    fn faces() {
        for (s, want) in [
            (":)", ":)"),
            (":-)", ":-)"),
            (":'(", ":'("),
            (";D", ";D"),
            (":)))", ":)))"),
            (">:(", ">:("),
            ("=]", "=]"),
            ("(:", "(:"),
            ("<3", "<3"),
            ("</3", "</3"),
            ("^_^", "^_^"),
            ("-_-", "-_-"),
            ("XD", "XD"),
            (":p", ":p"),
            ("8)", "8)"),
            ("¯\\_(ツ)_/¯", "¯\\_(ツ)_/¯"),
        ] {
            assert_eq!(face(s), want, "{s:?}");
        }
        for s in [":Disney", "XDR", ":", "8/10", "(see", "8-"] {
            assert_eq!(face(s), "", "{s:?}");
        }
        assert_eq!(len("XD", Some('a')), 0);
        assert_eq!(len("8)", Some('1')), 0);
    }
}
