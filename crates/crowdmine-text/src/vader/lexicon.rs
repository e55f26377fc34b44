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
    /// Entry 0 is the empty word that stands for every word not in the table.
    entries: Vec<Entry>,
    /// The keys' chunks after their first, eight-byte little-endian, the last padded with zeros.
    chunks: Vec<u64>,
}

/// What a lookup and the rules need of one word, in one record (32 bytes: two to a cache line),
/// so that a word found costs one cache line beside its slot.
#[derive(Clone, Copy, Default)]
struct Entry {
    /// The key's first eight bytes, zero-padded.
    first: u64,
    /// Its valence and booster increment (0 where it has none: the flags say which).
    valence: f64,
    booster: f64,
    /// Where the key's further chunks start in `chunks`.
    rest: u32,
    len: u16,
    /// What it is (`super::VALENCE`, …).
    flags: u8,
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
            entries: vec![Entry::default()],
            chunks: Vec::new(),
        };
        for (key, word) in entries {
            let h = hash(key.as_bytes());
            let mut chunks = key.as_bytes().chunks(8).map(|c| swar::load(c, 0, c.len()));
            let first = chunks.next().unwrap_or(0);
            let rest = lex.chunks.len() as u32;
            lex.chunks.extend(chunks);
            let entry = lex.entries.len() as u32; // from 1: 0 marks an empty slot
            assert!(
                entry < (1 << ENTRY_BITS) && entry * 2 < (1 << BITS) && key.len() < 1 << 16,
                "VADER word table too full"
            );
            lex.entries.push(Entry {
                first,
                valence: word.valence.unwrap_or(0.0),
                booster: word.booster.unwrap_or(0.0),
                rest,
                len: key.len() as u16,
                flags: (u8::from(word.valence.is_some()) * super::VALENCE)
                    | (u8::from(word.booster.is_some()) * super::BOOSTER)
                    | (u8::from(word.negation) * super::NEGATION)
                    | (u8::from(word.phrase_start) * super::PHRASE_START)
                    | (u8::from(word.named) * super::NAMED_WORD),
            });
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

    /// The number of the entry whose key has hash `h`, `len` bytes, `first` for its first eight
    /// and further chunks that satisfy `rest`, or 0. Inlined into each lookup, where most calls
    /// end at the Bloom filter.
    #[inline(always)]
    fn find(&self, h: u64, len: usize, first: u64, rest: impl Fn(&[u64]) -> bool) -> u32 {
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
                let entry = &self.entries[e as usize];
                if usize::from(entry.len) == len
                    && entry.first == first
                    && (len <= 8 || {
                        let r = entry.rest as usize;
                        rest(&self.chunks[r..r + (len - 1) / 8])
                    })
                {
                    return e;
                }
            }
            i = (i + 1) & ((1 << BITS) - 1);
        }
    }

    /// The flags of entry `id` (0 for a word not in the table).
    #[inline]
    pub(super) fn flags(&self, id: u32) -> u8 {
        self.entries[id as usize].flags
    }

    /// The valence of entry `id` (0 unless its flags have `VALENCE`).
    #[inline]
    pub(super) fn valence(&self, id: u32) -> f64 {
        self.entries[id as usize].valence
    }

    /// The booster increment of entry `id` (0 unless its flags have `BOOSTER`).
    #[inline]
    pub(super) fn booster(&self, id: u32) -> f64 {
        self.entries[id as usize].booster
    }

    /// The number of an already lower-cased key (0: not in the table).
    pub(super) fn get(&self, lower: &str) -> u32 {
        let b = lower.as_bytes();
        let mut chunks = b.chunks(8).map(|c| swar::load(c, 0, c.len()));
        let first = chunks.next().unwrap_or(0);
        self.find(hash(b), b.len(), first, |key| {
            key.iter().copied().eq(chunks.clone())
        })
    }

    /// The number of the lower-case form of the ASCII token `bytes[at..at + len]` whose hash (of
    /// the lower-case form) is `h` and whose first eight lower-cased bytes are `first`, or 0.
    #[inline(always)]
    pub(super) fn get_ascii(&self, h: u64, first: u64, bytes: &[u8], at: usize, len: usize) -> u32 {
        self.find(h, len, first, |key| {
            key.iter().enumerate().all(|(k, c)| {
                let k = 8 * (k + 1);
                *c == swar::to_lower(swar::load(bytes, at + k, len - k))
            })
        })
    }

    /// The number of an ASCII token's lower-case form (0: not in the table), without building it.
    #[cfg(test)]
    pub(super) fn get_ascii_token(&self, t: &[u8]) -> u32 {
        let h = t.chunks(8).fold(t.len() as u64, |h, c| {
            step(h, swar::to_lower(swar::load(c, 0, c.len())))
        });
        self.get_ascii(h, swar::to_lower(swar::load(t, 0, t.len())), t, 0, t.len())
    }

    /// How many entries have a valence.
    pub(super) fn valence_count(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.flags & super::VALENCE != 0)
            .count()
    }
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lexicon({} entries)", self.entries.len() - 1)
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
            lex.get_ascii(hash(&lowered), swar::load(&lowered, 0, 8), b, 0, b.len())
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
