//! The classes the tokenizer needs of 64 bytes at a time, a bit per byte: Python whitespace,
//! "!", "?", bytes outside ASCII, and (for the words that have such bytes) the first bytes of
//! the characters outside ASCII that can be whitespace or an emoji. On x86-64 with SSE2 (part of
//! its baseline, so on every x86-64 processor), sixteen bytes per instruction; elsewhere eight
//! bytes at a time in a `u64`.

/// Bit k of each mask stands for byte k of the 64.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Classes {
    /// Python's ASCII whitespace (`str.split()`): tab to carriage return, 0x1c to 0x1f, space.
    pub(super) space: u64,
    pub(super) exclamation: u64,
    pub(super) question: u64,
    /// Bytes outside ASCII.
    pub(super) non_ascii: u64,
}

/// The classes of `b`'s 64 bytes.
#[inline]
pub(super) fn classify(b: &[u8; 64]) -> Classes {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: the function only needs SSE2, which every x86-64 processor has (it is part of
        // the architecture's baseline, enabled in every build for it).
        unsafe { sse2::classify(b) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        swar_classify(b)
    }
}

/// The bytes of `b` equal to `c`, a bit each.
#[inline]
pub(crate) fn equal(b: &[u8; 64], c: u8) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: as for `classify`.
        unsafe { sse2::equal_bits(b, c) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        swar_equal(b, c)
    }
}

/// The bytes of `b` that can start a whitespace character outside ASCII (U+0085 to U+3000:
/// 0xc2, 0xe1, 0xe2, 0xe3) or an emoji of the lexicon (0xc2, 0xe2, 0xe3, 0xf0), a bit each.
#[inline]
pub(super) fn leads(b: &[u8; 64]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: as for `classify`.
        unsafe { sse2::leads(b) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        swar_leads(b)
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use super::Classes;
    use core::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_set_epi64x, _mm_sub_epi8,
    };

    /// Bytes equal to `c`.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn equal(x: __m128i, c: u8) -> __m128i {
        _mm_cmpeq_epi8(x, _mm_set1_epi8(c as i8))
    }

    /// Bytes in `lo..=hi`: `x - lo <= hi - lo`, unsigned (SSE2 compares bytes as signed only,
    /// but has an unsigned minimum).
    #[target_feature(enable = "sse2")]
    #[inline]
    fn within(x: __m128i, lo: u8, hi: u8) -> __m128i {
        let d = _mm_sub_epi8(x, _mm_set1_epi8(lo as i8));
        _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((hi - lo) as i8)), d)
    }

    /// The 16 bytes' high bits, bit k for byte k, placed at bit `16 * k` of a mask of 64.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn bits(x: __m128i, k: usize) -> u64 {
        u64::from(_mm_movemask_epi8(x) as u16) << (16 * k)
    }

    /// Sixteen bytes of `b` at a time, as a vector.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn sixteens(b: &[u8; 64]) -> impl Iterator<Item = __m128i> + '_ {
        b.chunks_exact(16).map(|sixteen| {
            let half = |at: usize| {
                let mut q = [0; 8];
                q.copy_from_slice(&sixteen[at..at + 8]);
                i64::from_le_bytes(q)
            };
            _mm_set_epi64x(half(8), half(0))
        })
    }

    #[target_feature(enable = "sse2")]
    #[inline]
    pub(super) fn classify(b: &[u8; 64]) -> Classes {
        let mut c = Classes::default();
        for (k, x) in sixteens(b).enumerate() {
            c.space |= bits(
                _mm_or_si128(within(x, 0x09, 0x0d), within(x, 0x1c, 0x20)),
                k,
            );
            c.exclamation |= bits(equal(x, b'!'), k);
            c.question |= bits(equal(x, b'?'), k);
            c.non_ascii |= bits(x, k);
        }
        c
    }

    #[target_feature(enable = "sse2")]
    #[inline]
    pub(super) fn equal_bits(b: &[u8; 64], c: u8) -> u64 {
        sixteens(b)
            .enumerate()
            .fold(0, |found, (k, x)| found | bits(equal(x, c), k))
    }

    #[target_feature(enable = "sse2")]
    #[inline]
    pub(super) fn leads(b: &[u8; 64]) -> u64 {
        let mut leads = 0;
        for (k, x) in sixteens(b).enumerate() {
            let lead = _mm_or_si128(
                _mm_or_si128(equal(x, 0xc2), equal(x, 0xf0)),
                within(x, 0xe1, 0xe3),
            );
            leads |= bits(lead, k);
        }
        leads
    }
}

/// [`classify`], eight bytes at a time in a `u64`.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn swar_classify(b: &[u8; 64]) -> Classes {
    use super::swar;
    let mut c = Classes::default();
    for (j, chunk) in b.chunks_exact(8).enumerate() {
        let x = swar::chunk(chunk, 0);
        let other = swar::non_ascii(x);
        // The classes of ASCII bytes hold for `y`; those of the others are dropped.
        let y = swar::clear_high(x);
        let bits = |m: u64| swar::gather(m & !other) << (8 * j);
        c.space |= bits(swar::space(y));
        c.exclamation |= bits(swar::equal(y, b'!'));
        c.question |= bits(swar::equal(y, b'?'));
        c.non_ascii |= swar::gather(other) << (8 * j);
    }
    c
}

/// [`equal`], eight bytes at a time in a `u64`.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn swar_equal(b: &[u8; 64], c: u8) -> u64 {
    use super::swar;
    b.chunks_exact(8).enumerate().fold(0, |found, (j, chunk)| {
        let x = swar::chunk(chunk, 0);
        let other = swar::non_ascii(x);
        // Equality with an ASCII `c` holds for the ASCII bytes of `y`; with another, for the
        // other bytes with their high bit cleared.
        let y = swar::clear_high(x);
        let same = swar::equal(y, c & 0x7f) & if c < 0x80 { !other } else { other };
        found | swar::gather(same) << (8 * j)
    })
}

/// [`leads`], eight bytes at a time in a `u64`.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn swar_leads(b: &[u8; 64]) -> u64 {
    use super::swar;
    b.chunks_exact(8).enumerate().fold(0, |leads, (j, chunk)| {
        let x = swar::chunk(chunk, 0);
        leads | swar::gather(swar::space_or_emoji_leads(x)) << (8 * j)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte by byte, from the definitions: the classes and the leads.
    fn reference(b: &[u8; 64]) -> (Classes, u64) {
        let (mut c, mut leads) = (Classes::default(), 0);
        for (k, &byte) in b.iter().enumerate() {
            let bit = |yes: bool| u64::from(yes) << k;
            c.space |= bit(byte < 0x80 && crate::python::ASCII_SPACE[usize::from(byte)]);
            c.exclamation |= bit(byte == b'!');
            c.question |= bit(byte == b'?');
            c.non_ascii |= bit(byte >= 0x80);
            leads |= bit(matches!(byte, 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xf0));
        }
        (c, leads)
    }

    #[test]
    fn every_byte_in_every_place() {
        // Each byte value at each of the 64 places, among bytes that vary from block to block.
        for value in 0..=255u8 {
            for place in 0..64 {
                let mut b = [0u8; 64];
                for (k, x) in b.iter_mut().enumerate() {
                    *x = (k as u8)
                        .wrapping_mul(97)
                        .wrapping_add(value.wrapping_mul(31));
                }
                b[place] = value;
                let (classes, lead_bytes) = reference(&b);
                assert_eq!(classify(&b), classes, "{value:#x} at {place}");
                assert_eq!(swar_classify(&b), classes, "{value:#x} at {place}");
                assert_eq!(leads(&b), lead_bytes, "{value:#x} at {place}");
                assert_eq!(swar_leads(&b), lead_bytes, "{value:#x} at {place}");
                for c in [b'\n', value, value ^ 0x80] {
                    let same = b
                        .iter()
                        .enumerate()
                        .fold(0, |m, (k, &x)| m | u64::from(x == c) << k);
                    assert_eq!(equal(&b, c), same, "{c:#x} in {value:#x} at {place}");
                    assert_eq!(swar_equal(&b, c), same, "{c:#x} in {value:#x} at {place}");
                }
            }
        }
    }
}
