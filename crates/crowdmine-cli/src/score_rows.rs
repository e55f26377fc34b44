//! The rows of `crowdmine sentiment --text`: a line number and four scores, each float written as
//! Python's `repr` writes it. A row is assembled on the stack with fixed-size copies and appended
//! to the output at once, without the formatting machinery.

use crate::sentiment_cmd::TextFormat;
use crowdmine::text::Scores;

/// The fields after the line number, in order.
const NAMES: [&str; 4] = ["neg", "neu", "pos", "compound"];

/// One row of `format` (`sep` between TSV or CSV fields) for line `line`.
pub fn push_row(out: &mut Vec<u8>, format: TextFormat, sep: u8, line: &LineNumber, s: &Scores) {
    let xs = [s.neg, s.neu, s.pos, s.compound];
    // The four scores' ten-thousandths, checked together (one branch, the divisions side by
    // side): VADER's scores are within [-1, 1] with at most four decimals.
    let parts = xs.map(ten_thousandths);
    let exact = parts.iter().fold(true, |ok, &(_, exact)| ok & exact);
    let mut row = Row::default();
    if format == TextFormat::Json {
        row.push(b"{\"line\":");
    }
    row.push_number(line);
    for (i, name) in NAMES.iter().enumerate() {
        if format == TextFormat::Json {
            row.push(b",\"");
            row.push(name.as_bytes());
            row.push(b"\":");
        } else {
            row.push(&[sep]);
        }
        if exact {
            let (word, len) = decimal(parts[i].0 as usize, xs[i].is_sign_negative());
            row.push_word(word, len);
        } else {
            row.push(repr(xs[i]).as_bytes());
        }
    }
    row.push(if format == TextFormat::Json {
        b"}\n"
    } else {
        b"\n"
    });
    out.extend_from_slice(row.bytes());
}

/// `x` as Python's repr writes it ("0.0", "0.254", "-0.5461"). A score is within [-1, 1] with at
/// most four decimals, so its shortest decimal is its four-decimal form without trailing zeros;
/// anything else falls back to Rust's shortest form, which is the same digits.
pub fn repr(x: f64) -> String {
    match ten_thousandths(x) {
        (k, true) => {
            let (word, len) = decimal(k as usize, x.is_sign_negative());
            String::from_utf8_lossy(&word.to_le_bytes()[..len]).into_owned()
        }
        _ => format!("{x:?}"),
    }
}

/// `|x|` in ten-thousandths, and whether that is exact: `|x|` is the double nearest to k / 10^4
/// for a k of at most 10,000. Without a branch (rows check four at once).
#[inline]
fn ten_thousandths(x: f64) -> (u32, bool) {
    let a = x.abs();
    // The nearest integer by truncation (no call into libm); NaN becomes 0 and fails the check.
    let k = (a * 1e4 + 0.5) as u32;
    (k, (k <= 10_000) & (f64::from(k) / 1e4 == a))
}

/// `k` ten-thousandths (at most 10,000), negative if `negative`, as Python's repr writes the
/// double nearest to it: at most seven characters ("-0.0005") in one register (little-endian,
/// the first character in the low byte), and its length. The thousandths come from
/// [`THOUSANDTHS`]; a fourth decimal that is not zero is appended to their untrimmed digits
/// (nothing then to trim), without a branch.
#[inline]
fn decimal(k: usize, negative: bool) -> (u64, usize) {
    let k = k.min(10_000);
    let (entry, last) = (THOUSANDTHS[k / 10], (k % 10) as u64);
    let fourth = u64::from(last != 0);
    // "d.ddd" and the fourth digit, or the trimmed thousandths.
    let untrimmed = (entry & DIGITS) | ((u64::from(b'0') + last) << 40);
    let unsigned = [entry & DIGITS, untrimmed][fourth as usize];
    let len = [(entry >> 56) as usize, 6][fourth as usize];
    let sign = usize::from(negative);
    let word = (unsigned << (8 * sign)) | (u64::from(b'-') * sign as u64);
    (word, sign + len)
}

/// The five characters of a [`THOUSANDTHS`] entry; its top byte holds the trimmed length.
const DIGITS: u64 = (1 << 40) - 1;

/// 0 to 1,000 thousandths as "d.ddd" (all three decimals), the length of Python's repr of it
/// ("0.0", "0.25", "1.0": trailing zeros go, but the first decimal stays) in the top byte: a
/// table of 8 KB, built at compile time, that stays in the first level of cache.
static THOUSANDTHS: [u64; 1_001] = {
    let mut t = [0u64; 1_001];
    let mut j = 0;
    while j <= 1_000 {
        let fraction = j % 1_000;
        let digits = [
            b'0' + (j / 1_000) as u8,
            b'.',
            b'0' + (fraction / 100) as u8,
            b'0' + (fraction / 10 % 10) as u8,
            b'0' + (fraction % 10) as u8,
        ];
        let mut len = 5;
        while len > 3 && digits[len - 1] == b'0' {
            len -= 1;
        }
        let mut word = (len as u64) << 56;
        let mut i = 0;
        while i < 5 {
            word |= (digits[i] as u64) << (8 * i);
            i += 1;
        }
        t[j] = word;
        j += 1;
    }
    t
};

/// The longest row: a line number of 20 digits and four JSON fields, each a name of at most 13
/// bytes with its quotes and colon and a value of at most 24 (Rust's shortest form of a double),
/// then the brace and the newline.
const ROW_MAX: usize = 8 + 20 + 4 * (13 + 24) + 2;

/// A row being assembled, with room for fixed-size copies past its end.
struct Row {
    bytes: [u8; ROW_MAX + 24],
    len: usize,
}

impl Default for Row {
    fn default() -> Row {
        Row {
            bytes: [0; ROW_MAX + 24],
            len: 0,
        }
    }
}

impl Row {
    #[inline]
    fn push(&mut self, b: &[u8]) {
        self.bytes[self.len..self.len + b.len()].copy_from_slice(b);
        self.len += b.len();
    }

    /// The first `len` bytes of `word` (written as eight).
    #[inline]
    fn push_word(&mut self, word: u64, len: usize) {
        self.bytes[self.len..self.len + 8].copy_from_slice(&word.to_le_bytes());
        self.len += len;
    }

    /// A line number's digits (written as twenty).
    #[inline]
    fn push_number(&mut self, n: &LineNumber) {
        self.bytes[self.len..self.len + 20].copy_from_slice(&n.digits[n.start..n.start + 20]);
        self.len += LineNumber::END - n.start;
    }

    fn bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// A line number in decimal, kept from row to row: the next line's is one increment of the
/// last digits (the formatting machinery is not run for every row).
pub struct LineNumber {
    /// The number is `digits[start..END]`; twenty bytes more follow, so that it can be copied
    /// as twenty bytes from any start.
    digits: [u8; LineNumber::END + 20],
    start: usize,
    value: u64,
}

impl Default for LineNumber {
    fn default() -> LineNumber {
        LineNumber {
            digits: [b'0'; LineNumber::END + 20],
            start: LineNumber::END - 1,
            value: 0,
        }
    }
}

impl LineNumber {
    /// Room for the 20 digits of `u64::MAX`.
    const END: usize = 20;

    /// Becomes `n`.
    pub fn set(&mut self, n: u64) {
        if n == self.value.wrapping_add(1) && self.value != u64::MAX {
            self.value = n;
            let mut i = Self::END;
            // Trailing nines become zeros, and the digit before them goes up by one.
            while i > 0 {
                i -= 1;
                if self.digits[i] == b'9' {
                    self.digits[i] = b'0';
                } else {
                    self.digits[i] += 1;
                    break;
                }
            }
            self.start = self.start.min(i);
            return;
        }
        self.value = n;
        self.digits[..Self::END].fill(b'0');
        let mut rest = n;
        let mut i = Self::END;
        loop {
            i -= 1;
            self.digits[i] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        self.start = i;
    }

    #[cfg(test)]
    fn digits(&self) -> &[u8] {
        &self.digits[self.start..Self::END]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_in_decimal() {
        let mut number = LineNumber::default();
        // Jumps (a skipped line) and runs of increments, across every carry.
        for n in [0, 7, 10, 99, 100, 1_234_567, u64::MAX - 2, 5]
            .into_iter()
            .flat_map(|n| (0..1_200u64).map(move |k| n.saturating_add(k)))
        {
            number.set(n);
            assert_eq!(String::from_utf8_lossy(number.digits()), n.to_string());
        }
    }

    fn row(format: TextFormat, line: u64, scores: Scores) -> String {
        let mut number = LineNumber::default();
        number.set(line);
        let mut out = Vec::new();
        push_row(&mut out, format, b'\t', &number, &scores);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn rows_as_python_writes_them() {
        let exact = Scores {
            neg: 0.0,
            neu: 0.5,
            pos: -0.0,
            compound: -0.1234,
        };
        assert_eq!(
            row(TextFormat::Tsv, 7, exact),
            "7\t0.0\t0.5\t-0.0\t-0.1234\n"
        );
        assert_eq!(
            row(TextFormat::Json, 7, exact),
            "{\"line\":7,\"neg\":0.0,\"neu\":0.5,\"pos\":-0.0,\"compound\":-0.1234}\n"
        );
        // One field that is not a four-decimal score: each field is then written on its own.
        let mixed = Scores {
            neg: 0.1 + 0.2,
            neu: 1.0,
            pos: 0.125,
            compound: 2.5,
        };
        assert_eq!(
            row(TextFormat::Tsv, 7, mixed),
            "7\t0.30000000000000004\t1.0\t0.125\t2.5\n"
        );
    }

    #[test]
    fn the_longest_rows_fit() {
        // Twenty digits and four values of the longest shortest form.
        let long = -2.2250738585072014e-308;
        let scores = Scores {
            neg: long,
            neu: long,
            pos: long,
            compound: long,
        };
        let value = format!("{long:?}");
        assert_eq!(value.len(), 24);
        assert_eq!(
            row(TextFormat::Json, u64::MAX, scores),
            format!(
                "{{\"line\":{},\"neg\":{value},\"neu\":{value},\"pos\":{value},\"compound\":{value}}}\n",
                u64::MAX
            )
        );
    }

    #[test]
    fn every_score_as_python_repr() {
        // Every four-decimal score, against the standard library's shortest form (the same digits
        // as Python's repr for these), and a few that are not scores.
        for k in -10_000i32..=10_000 {
            let x = f64::from(k) / 1e4;
            assert_eq!(repr(x), format!("{x:?}"), "{k}");
        }
        for (x, want) in [
            (-0.0, "-0.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (2.5, "2.5"),
            (0.254, "0.254"),
            (-0.5461, "-0.5461"),
            (0.0005, "0.0005"),
            (0.05, "0.05"),
            (0.0101, "0.0101"),
            (-1.0, "-1.0"),
        ] {
            assert_eq!(repr(x), want);
        }
    }
}
