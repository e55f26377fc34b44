//! The word table VADER consults for every token: about 7,650 entries (lexicon words, boosters,
//! negations, the words of phrases and the words the rules name). Nine tokens in ten are not in
//! it, so a miss must be cheap: a Bloom filter of 2^16 bits (8 KiB, two bits per key, both in
//! one word) answers most misses from the first level of cache; the rest probe an
//! open-addressing table of 2^14 four-byte slots, each with a 12-bit fingerprint of the hash and
//! the entry number, and compare the key once, eight bytes at a time. ASCII tokens are
//! lower-cased eight bytes at a time while they are hashed, never copied.

use super::{swar, Word};

const BITS: u32 = 14;
const ENTRY_BITS: u32 = 20;
const BLOOM_BITS: u32 = 16;

#[derive(Clone)]
pub(super) struct Lexicon {
    bloom: Box<[u64; 1 << (BLOOM_BITS - 6)]>,
    slots: Box<[u32; 1 << BITS]>,
    /// The keys, each as eight-byte little-endian chunks, the last padded with zeros.
    chunks: Vec<u64>,
    /// Per entry: its key's first chunk and length in bytes.
    /// Entry 0 is the empty word that stands for every word not in the table.
    keys: Vec<(u32, u32)>,
    /// Per entry, its valence and its booster increment (0 where it has none: the flags say
    /// which), eight bytes each so that the lexicon words of a text share few cache lines.
    valences: Vec<f64>,
    boosters: Vec<f64>,
    /// Per entry, what it is in one byte (`super::VALENCE`, …): the rules test these without
    /// touching the larger word records.
    flags: Vec<u8>,
}

/// One step of a key's hash (FxHash's, on a chunk of eight bytes).
#[inline]
pub(super) fn step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// A key's hash: its length, then a step per chunk of eight bytes (the last padded with zeros).
/// The ASCII tokenizer computes the same from its own loads.
fn hash(s: &[u8]) -> u64 {
    s.chunks(8)
        .fold(s.len() as u64, |h, c| step(h, swar::load(c, 0, c.len())))
}

fn tag(h: u64) -> u32 {
    // Low bits for the fingerprint, high bits for the slot, middle bits for the filter.
    ((h as u32) & 0xfff) | 1
}

/// The Bloom filter's word for hash `h`, and the two bits a key sets in it (one word per lookup:
/// a blocked filter).
fn bloom_bits(h: u64) -> (usize, u64) {
    let word = ((h >> 12) & ((1 << (BLOOM_BITS - 6)) - 1)) as usize;
    (word, (1 << ((h >> 28) & 63)) | (1 << ((h >> 34) & 63)))
}

impl Lexicon {
    /// The table of `entries`, numbered from 1 in their order.
    pub(super) fn new(entries: impl IntoIterator<Item = (String, Word)>) -> Lexicon {
        let mut lex = Lexicon {
            bloom: Box::new([0; 1 << (BLOOM_BITS - 6)]),
            slots: Box::new([0; 1 << BITS]),
            chunks: Vec::new(),
            keys: vec![(0, 0)],
            valences: vec![0.0],
            boosters: vec![0.0],
            flags: vec![0],
        };
        for (key, word) in entries {
            let h = hash(key.as_bytes());
            lex.keys.push((lex.chunks.len() as u32, key.len() as u32));
            lex.chunks
                .extend(key.as_bytes().chunks(8).map(|c| swar::load(c, 0, c.len())));
            let entry = lex.valences.len() as u32; // from 1: 0 marks an empty slot
            assert!(
                entry < (1 << ENTRY_BITS) && entry * 2 < (1 << BITS),
                "VADER word table too full"
            );
            lex.flags.push(
                (u8::from(word.valence.is_some()) * super::VALENCE)
                    | (u8::from(word.booster.is_some()) * super::BOOSTER)
                    | (u8::from(word.negation) * super::NEGATION)
                    | (u8::from(word.phrase_start) * super::PHRASE_START)
                    | (u8::from(word.named) * super::NAMED_WORD),
            );
            lex.valences.push(word.valence.unwrap_or(0.0));
            lex.boosters.push(word.booster.unwrap_or(0.0));
            let (w, bits) = bloom_bits(h);
            lex.bloom[w] |= bits;
            let mut i = (h >> (64 - BITS)) as usize;
            while lex.slots[i] != 0 {
                i = (i + 1) & ((1 << BITS) - 1);
            }
            lex.slots[i] = (tag(h) << ENTRY_BITS) | entry;
        }
        lex
    }

    /// The number of the entry whose key has hash `h` and `len` bytes, and whose chunks satisfy
    /// `same`, or 0. Inlined into each lookup, where most calls end at the Bloom filter.
    #[inline(always)]
    fn find(&self, h: u64, len: usize, same: impl Fn(&[u64]) -> bool) -> u32 {
        let (w, bits) = bloom_bits(h);
        if self.bloom[w] & bits != bits {
            return 0;
        }
        let want = tag(h);
        let mut i = (h >> (64 - BITS)) as usize;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return 0;
            }
            if slot >> ENTRY_BITS == want {
                let e = slot & ((1 << ENTRY_BITS) - 1);
                let (first, n) = self.keys[e as usize];
                let first = first as usize;
                if n as usize == len && same(&self.chunks[first..first + len.div_ceil(8)]) {
                    return e;
                }
            }
            i = (i + 1) & ((1 << BITS) - 1);
        }
    }

    /// The flags of entry `id` (0 for a word not in the table).
    #[inline]
    pub(super) fn flags(&self, id: u32) -> u8 {
        self.flags[id as usize]
    }

    /// The valence of entry `id` (0 unless its flags have `VALENCE`).
    #[inline]
    pub(super) fn valence(&self, id: u32) -> f64 {
        self.valences[id as usize]
    }

    /// The booster increment of entry `id` (0 unless its flags have `BOOSTER`).
    #[inline]
    pub(super) fn booster(&self, id: u32) -> f64 {
        self.boosters[id as usize]
    }

    /// The number of an already lower-cased key (0: not in the table).
    pub(super) fn get(&self, lower: &str) -> u32 {
        let b = lower.as_bytes();
        self.find(hash(b), b.len(), |key| {
            key.iter()
                .zip(b.chunks(8))
                .all(|(k, c)| *k == swar::load(c, 0, c.len()))
        })
    }

    /// The number of the lower-case form of the ASCII token `bytes[at..at + len]` whose hash (of
    /// the lower-case form) is `h`, or 0.
    #[inline(always)]
    pub(super) fn get_ascii(&self, h: u64, bytes: &[u8], at: usize, len: usize) -> u32 {
        self.find(h, len, |key| {
            key.iter()
                .enumerate()
                .all(|(k, c)| *c == swar::to_lower(swar::load(bytes, at + 8 * k, len - 8 * k)))
        })
    }

    /// The number of an ASCII token's lower-case form (0: not in the table), without building it.
    #[cfg(test)]
    pub(super) fn get_ascii_token(&self, t: &[u8]) -> u32 {
        let h = t.chunks(8).fold(t.len() as u64, |h, c| {
            step(h, swar::to_lower(swar::load(c, 0, c.len())))
        });
        self.get_ascii(h, t, 0, t.len())
    }

    /// How many entries have a valence.
    pub(super) fn valence_count(&self) -> usize {
        self.flags
            .iter()
            .filter(|&&f| f & super::VALENCE != 0)
            .count()
    }
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lexicon({} entries)", self.valences.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lookup_is_case_insensitive_on_the_token_only() {
        let lex = Lexicon::new([
            ("good".to_string(), Word::default()),
            (":D".to_string(), Word::default()),
            ("twelve-bytes".to_string(), Word::default()),
        ]);
        let ascii = |t: &str| {
            let b = t.as_bytes();
            let lowered: Vec<u8> = b.iter().map(u8::to_ascii_lowercase).collect();
            lex.get_ascii(hash(&lowered), b, 0, b.len())
        };
        assert_eq!(ascii("GoOd"), 1);
        assert_eq!(lex.get("good"), 1);
        assert_eq!(ascii("Twelve-Bytes"), 3);
        // Keys are compared with the lower-cased token, as the reference: ":D" is never found.
        assert_eq!(ascii(":D"), 0);
        assert_eq!(ascii("goods"), 0);
        assert_eq!(ascii("twelve-bytez"), 0);
    }
}
