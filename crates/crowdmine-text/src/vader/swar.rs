//! ASCII bytes examined eight at a time in a `u64` (SIMD within a register): which bytes are
//! Python whitespace, letters of either case, or a given character, without a branch per byte.
//! Every function here assumes bytes below 0x80, so adding to one byte never carries into the
//! next.

pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES * 0x80;

/// The high bit of each byte that is at least `c`.
#[inline]
fn at_least(x: u64, c: u8) -> u64 {
    x.wrapping_add(ONES * u64::from(0x80 - c)) & HIGH
}

/// The high bit of each byte in `lo..=hi`.
#[inline]
fn within(x: u64, lo: u8, hi: u8) -> u64 {
    at_least(x, lo) & !at_least(x, hi + 1)
}

/// The high bit of each byte equal to `c`.
#[inline]
pub(super) fn equal(x: u64, c: u8) -> u64 {
    !(x ^ (ONES * u64::from(c))).wrapping_add(ONES * 0x7f) & HIGH
}

/// Upper-case letters.
#[inline]
pub(super) fn upper(x: u64) -> u64 {
    within(x, b'A', b'Z')
}

/// Lower-case letters.
#[inline]
pub(super) fn lower(x: u64) -> u64 {
    within(x, b'a', b'z')
}

/// The eight bytes with their upper-case letters made lower case.
#[inline]
pub(super) fn to_lower(x: u64) -> u64 {
    x | (upper(x) >> 2)
}

/// Python's ASCII whitespace (`str.split()`): tab to carriage return, 0x1c to 0x1f, space.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
pub(super) fn space(x: u64) -> u64 {
    within(x, 0x09, 0x0d) | within(x, 0x1c, 0x20)
}

/// Bytes outside ASCII (their high bit set): none of the functions above applies to them.
#[inline]
pub(super) fn non_ascii(x: u64) -> u64 {
    x & HIGH
}

/// The high bit of each byte that starts a character of two bytes or more (0b11xxxxxx): unlike
/// the functions above, for any bytes.
#[inline]
pub(super) fn leads(x: u64) -> u64 {
    x & (x << 1) & HIGH
}

/// `x` with the high bit of every byte cleared, so that the functions above apply (no byte
/// carries into the next); the results for bytes outside ASCII are to be dropped.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
pub(super) fn clear_high(x: u64) -> u64 {
    x & !HIGH
}

/// The high bit of each byte that can start a whitespace character outside ASCII (U+0085 to
/// U+3000: 0xc2, 0xe1, 0xe2, 0xe3) or an emoji of the lexicon (0xc2, 0xe2, 0xe3, 0xf0); tests
/// check every one. For any bytes.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
pub(super) fn space_or_emoji_leads(x: u64) -> u64 {
    let y = clear_high(x);
    (equal(y, 0x42) | within(y, 0x61, 0x63) | equal(y, 0x70)) & non_ascii(x)
}

/// One bit per byte, bit k for byte k, from the high bits of a mask.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
pub(super) fn gather(m: u64) -> u64 {
    (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The eight bytes at `at`, little-endian (zeros past the end of `bytes`).
#[inline]
pub(super) fn load(bytes: &[u8], at: usize, n: usize) -> u64 {
    let x = match bytes.get(at..at + 8) {
        Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        None => {
            let mut x = [0u8; 8];
            let tail = &bytes[at.min(bytes.len())..];
            x[..tail.len().min(8)].copy_from_slice(&tail[..tail.len().min(8)]);
            u64::from_le_bytes(x)
        }
    };
    keep(x, n)
}

/// The eight bytes at `at`, little-endian; `bytes` must hold them.
#[inline]
pub(super) fn chunk(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default())
}

/// The first `n` bytes of `x` (all eight for `n` of 8 or more), the others zero; `n` is at
/// least 1 (every caller keeps part of a token or key, never empty).
#[inline]
pub(super) fn keep(x: u64, n: usize) -> u64 {
    debug_assert!(n >= 1);
    x & (u64::MAX >> (64 - 8 * n.min(8)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_as_byte_by_byte() {
        for base in (0u8..128).step_by(8) {
            let bytes: Vec<u8> = (base..base + 8).collect();
            let x = load(&bytes, 0, 8);
            let bit = |m: u64, k: usize| gather(m) >> k & 1 == 1;
            for (k, &b) in bytes.iter().enumerate() {
                assert_eq!(bit(upper(x), k), b.is_ascii_uppercase(), "{b}");
                assert_eq!(bit(lower(x), k), b.is_ascii_lowercase(), "{b}");
                assert_eq!(
                    bit(space(x), k),
                    crate::python::ASCII_SPACE[b as usize],
                    "{b}"
                );
                assert_eq!(bit(equal(x, b'\''), k), b == b'\'', "{b}");
                assert_eq!(to_lower(x).to_le_bytes()[k], b.to_ascii_lowercase());
            }
        }
        assert_eq!(non_ascii(load("aé".as_bytes(), 0, 3)), 0x80_8000);
    }

    #[test]
    fn bytes_outside_ascii_as_byte_by_byte() {
        // Every byte value in every lane, next to bytes on both sides of 0x80.
        for base in 0..=255u8 {
            let bytes: Vec<u8> = (0..8).map(|k| base.wrapping_add(k * 37)).collect();
            let x = load(&bytes, 0, 8);
            let y = clear_high(x);
            let bit = |m: u64, k: usize| gather(m) >> k & 1 == 1;
            for (k, &b) in bytes.iter().enumerate() {
                let ascii = b < 0x80;
                let white = ascii && crate::python::ASCII_SPACE[usize::from(b)];
                assert_eq!(bit(space(y) & !non_ascii(x), k), white, "{b}");
                assert_eq!(bit(equal(y, b'!') & !non_ascii(x), k), b == b'!', "{b}");
                assert_eq!(bit(leads(x), k), b >= 0xc0, "{b}");
                let lead = matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xf0);
                assert_eq!(bit(space_or_emoji_leads(x), k), lead, "{b}");
            }
        }
    }

    #[test]
    fn loads_keep_the_first_n_bytes() {
        let b = b"abcdefghij";
        assert_eq!(load(b, 0, 3), u64::from_le_bytes(*b"abc\0\0\0\0\0"));
        assert_eq!(load(b, 2, 8), u64::from_le_bytes(*b"cdefghij"));
        assert_eq!(load(b, 8, 8), u64::from_le_bytes(*b"ij\0\0\0\0\0\0"));
    }
}
