//! The lines of a block of text: the positions of its newlines, found 64 bytes at a time (a
//! bit set per 64 bytes, then its bits in order), which costs a few instructions per line where a
//! search from each newline to the next pays its set-up every time.

use crate::vader::classes;

/// The positions of the `\n` bytes of `data`, in order.
pub fn newlines(data: &[u8]) -> Newlines<'_> {
    Newlines {
        data,
        next: 0,
        base: 0,
        bits: 0,
    }
}

/// The iterator of [`newlines`].
#[derive(Debug, Clone)]
pub struct Newlines<'a> {
    data: &'a [u8],
    /// The first byte not yet classified (a multiple of 64).
    next: usize,
    /// The first byte of the 64 whose newlines are in `bits`.
    base: usize,
    bits: u64,
}

impl Iterator for Newlines<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.bits == 0 {
            let rest = self.data.get(self.next..).filter(|r| !r.is_empty())?;
            self.bits = match rest.first_chunk::<64>() {
                Some(block) => classes::equal(block, b'\n'),
                None => {
                    // The last bytes, padded with bytes that are not newlines.
                    let mut block = [0; 64];
                    block[..rest.len()].copy_from_slice(rest);
                    classes::equal(&block, b'\n')
                }
            };
            self.base = self.next;
            self.next += 64;
        }
        let at = self.base + self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_newline_in_order() {
        for len in [0, 1, 63, 64, 65, 127, 128, 129, 1000] {
            for step in [1, 2, 7, 63, 64, 65, 200] {
                let data: Vec<u8> = (0..len)
                    .map(|i| {
                        if i % step == step - 1 {
                            b'\n'
                        } else {
                            b'a' + (i % 26) as u8
                        }
                    })
                    .collect();
                let want: Vec<usize> = (0..len).filter(|&i| data[i] == b'\n').collect();
                assert_eq!(newlines(&data).collect::<Vec<_>>(), want, "{len} {step}");
            }
        }
        assert_eq!(newlines("é\n€\n".as_bytes()).collect::<Vec<_>>(), [2, 6]);
    }
}
