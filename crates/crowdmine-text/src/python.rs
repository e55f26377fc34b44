//! The few string and number operations of Python 3.11 that a faithful port of a Python reference
//! has to reproduce: what `str.split()` and `str.strip()` call whitespace, `str.isupper()`,
//! `str.lower()` and `round(x, n)`.
//!
//! Case properties come from Rust's Unicode tables, which may be a newer Unicode version than
//! Python 3.11's (14.0): letters added since can differ.

/// Whether `str.split()` / `str.strip()` treat `c` as whitespace: Unicode White_Space plus the
/// ASCII information separators U+001C–U+001F, which Python counts and Rust does not.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Whether the character starting at byte `i` of `s` (a char boundary) is whitespace, and its
/// length in bytes. ASCII without decoding.
#[cfg(test)]
fn space_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (matches!(b, b'\t'..=b'\r' | 0x1c..=0x1f | b' '), 1);
    }
    s[i..]
        .chars()
        .next()
        .map_or((false, 1), |c| (is_space(c), c.len_utf8()))
}

/// `s.split()`: the runs of non-whitespace (the reference tokenizer of the tests).
#[cfg(test)]
pub fn split(s: &str) -> impl Iterator<Item = &str> {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < s.len() {
            let (space, len) = space_at(s, i);
            if !space {
                break;
            }
            i += len;
        }
        if i >= s.len() {
            return None;
        }
        let start = i;
        while i < s.len() {
            let (space, len) = space_at(s, i);
            if space {
                break;
            }
            i += len;
        }
        Some(&s[start..i])
    })
}

/// ASCII bytes that `str.split()` treats as whitespace.
#[cfg(test)]
pub const ASCII_SPACE: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = matches!(b as u8, b'\t'..=b'\r' | 0x1c..=0x1f | b' ');
        b += 1;
    }
    t
};

/// `s.strip()`.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// `s.strip(string.punctuation)`: ASCII punctuation removed from both ends. Punctuation is
/// ASCII, so the cuts fall on character boundaries.
#[inline]
pub fn strip_punctuation(s: &str) -> &str {
    let b = s.as_bytes();
    let start = b
        .iter()
        .position(|c| !c.is_ascii_punctuation())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_punctuation())
        .map_or(start, |e| e + 1);
    &s[start..end.max(start)]
}

/// Titlecase letters (general category Lt), which `str.isupper()` rejects like lower case.
fn is_titlecase(c: char) -> bool {
    matches!(c,
        '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}'
        | '\u{1f88}'..='\u{1f8f}'
        | '\u{1f98}'..='\u{1f9f}'
        | '\u{1fa8}'..='\u{1faf}'
        | '\u{1fbc}' | '\u{1fcc}' | '\u{1ffc}')
}

/// `s.isupper()`: at least one cased character, and no lower- or titlecase one.
pub fn is_upper(s: &str) -> bool {
    if s.is_ascii() {
        let b = s.as_bytes();
        return !b.iter().any(u8::is_ascii_lowercase) && b.iter().any(u8::is_ascii_uppercase);
    }
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// `s.lower()`: full Unicode lower-case mapping, final sigma included (as Rust's).
#[cfg(test)]
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// The integer nearest `y`, ties to even, for |y| below 2^51: `y` plus 1.5 × 2^52 lies in
/// [2^52, 2^53), where the doubles are the integers, so the addition rounds, in the processor's
/// default mode, ties to even (1.5 × 2^52 is even); subtracting it back is exact. The sign is
/// `y`'s, even for a zero (Python's `round(-0.0001, 3)` is `-0.0`). The same as
/// `f64::round_ties_even`, which without SSE4.1 is a call into libm.
#[inline]
fn nearest_integer(y: f64) -> f64 {
    const ONE_AND_A_HALF_TIMES_2_52: f64 = 6_755_399_441_055_744.0;
    ((y + ONE_AND_A_HALF_TIMES_2_52) - ONE_AND_A_HALF_TIMES_2_52).copysign(y)
}

/// `round(x, digits)`: the double nearest to the decimal that `x`'s exact binary value rounds to,
/// ties to even. Inlined: VADER rounds four values per text, nearly always on the fast path.
#[inline]
pub fn round(x: f64, digits: i32) -> f64 {
    // VADER's two precisions without a call to `powi`.
    let scale = match digits {
        3 => 1e3,
        4 => 1e4,
        _ => 10f64.powi(digits),
    };
    let y = x * scale;
    // Below 2^32 (never NaN or infinite), y is within half an ulp, under 2^-21, of the exact
    // product: away from a half-way point, k is the exact value's nearest integer, and k / scale
    // (one correctly rounded division of exact operands) is the double nearest the decimal.
    if y.abs() < 4_294_967_296.0 {
        let k = nearest_integer(y);
        if (y - k).abs() < 0.5 - 1e-6 {
            return k / scale;
        }
    }
    round_exact(x, digits)
}

/// `round(x, digits)` near a half-way point (or for large values), decided on the exact value:
/// Rust's fixed-precision formatting rounds it half to even, as Python does.
#[cold]
#[inline(never)]
fn round_exact(x: f64, digits: i32) -> f64 {
    format!("{x:.prec$}", prec = digits.max(0) as usize)
        .parse()
        .unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_as_python() {
        let s = "\u{1c}a\u{a0}b\u{85}c\u{200b}d\u{3000}";
        assert_eq!(split(s).collect::<Vec<_>>(), ["a", "b", "c\u{200b}d"]);
        assert_eq!(strip("\u{1f} x \u{2003}"), "x");
        assert_eq!(split(" é\u{2003}b  ").collect::<Vec<_>>(), ["é", "b"]);
        assert_eq!(split("").count(), 0);
        assert_eq!(strip_punctuation("'(é)!'"), "é");
        assert_eq!(strip_punctuation("!!!"), "");
        assert_eq!(strip_punctuation(":)x"), "x");
    }

    #[test]
    fn isupper_as_python() {
        // Python: "ABC".isupper() True, "AB1".isupper() True, "123".isupper() False,
        // "ǅA".isupper() False (titlecase), ":D".isupper() True, "".isupper() False.
        assert!(is_upper("ABC"));
        assert!(is_upper("AB1"));
        assert!(!is_upper("123"));
        assert!(!is_upper("\u{1c5}A"));
        assert!(is_upper(":D"));
        assert!(!is_upper(""));
        assert!(!is_upper("ABc"));
    }

    #[test]
    fn nearest_integer_as_round_ties_even() {
        for y in [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            -0.3,
            0.49999999999999994,
            -0.49999999999999994,
            1234.5,
            -1234.5,
            4_294_967_295.5,
            -4_294_967_296.5,
            1_125_899_906_842_623.5,
            2_251_799_813_685_247.5,
            -2_251_799_813_685_247.5,
            2_251_799_813_685_246.5,
        ] {
            let (a, b) = (nearest_integer(y), y.round_ties_even());
            assert_eq!(a.to_bits(), b.to_bits(), "{y}");
        }
    }

    #[test]
    fn round_half_even_on_the_exact_value() {
        // Python: round(0.125, 2) 0.12, round(0.375, 2) 0.38, round(2.675, 2) 2.67 (2.67499…),
        // round(0.0005, 3) 0.001 (0.000500000000000000010…), round(2.5, 0) 2.0.
        assert_eq!(round(0.125, 2), 0.12);
        assert_eq!(round(0.375, 2), 0.38);
        assert_eq!(round(2.675, 2), 2.67);
        assert_eq!(round(0.0005, 3), 0.001);
        assert_eq!(round(2.5, 0), 2.0);
        // round(-0.0001, 3) -0.0; round(4294967297.5, 0) 4294967298.0 (past the fast path).
        assert_eq!(round(-0.0001, 3).to_bits(), (-0.0f64).to_bits());
        assert_eq!(round(4_294_967_297.5, 0), 4_294_967_298.0);
        assert_eq!(round(-4_294_967_295.5, 0), -4_294_967_296.0);
    }

    #[test]
    fn fast_round_equals_exact_decimal_rounding() {
        let exact = |x: f64, d: usize| -> f64 { format!("{x:.d$}").parse().unwrap_or(f64::NAN) };
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let d = if next() % 2 == 0 { 3 } else { 4 };
            // Values near half-way points as well as anywhere in [-1, 1].
            let half = ((next() % 20_001) as f64 - 10_000.0 + 0.5) / 10f64.powi(d);
            let nudge = f64::from_bits(half.to_bits().wrapping_add(next() % 5)) - half;
            let any = (next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
            for x in [half, half + nudge, half - nudge, any] {
                assert_eq!(
                    round(x, d).to_bits(),
                    exact(x, d as usize).to_bits(),
                    "{x:e} {d}"
                );
            }
        }
    }

    #[test]
    fn lower_as_python() {
        assert_eq!(lower("ΣΑΣ"), "σας");
        assert_eq!(lower("İ").chars().count(), 2);
        assert_eq!(lower("GooD"), "good");
    }
}
