//! The word table VADER consults for every token: about 7,650 entries (lexicon words, boosters,
//! negations, the words of phrases and the words the rules name). Nine tokens in ten are not in
//! it, so a miss must be cheap: a Bloom filter of 2^16 bits (8 KiB, two bits per key) answers
//! most misses from the first level of cache; the rest probe an open-addressing table of 2^14
//! four-byte slots, each with a 12-bit fingerprint of the hash and the entry number, and compare
//! the key once. ASCII tokens are lower-cased eight bytes at a time while they are hashed, never
//! copied.

use super::Word;

const BITS: u32 = 14;
const ENTRY_BITS: u32 = 20;
const BLOOM_BITS: u32 = 16;
const ONES: u64 = 0x0101_0101_0101_0101;

#[derive(Clone)]
pub(super) struct Lexicon {
    bloom: Vec<u64>,
    slots: Vec<u32>,
    arena: String,
    /// Per entry: its key's range in `arena`, and what it is.
    /// Entry 0 is the empty word that stands for every word not in the table.
    keys: Vec<(u32, u32)>,
    words: Vec<Word>,
    /// Per entry, what it is in one byte (`super::VALENCE`, …): the rules test these without
    /// touching the larger word records.
    flags: Vec<u8>,
}

#[inline]
fn step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

#[inline]
fn load(bytes: &[u8]) -> u64 {
    let mut x = [0u8; 8];
    x[..bytes.len()].copy_from_slice(bytes);
    u64::from_le_bytes(x)
}

/// ASCII upper-case letters of eight bytes (all below 0x80) made lower case.
#[inline]
fn lower8(x: u64) -> u64 {
    let at_least_a = x.wrapping_add(ONES * (0x80 - u64::from(b'A')));
    let beyond_z = x.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1));
    x | ((at_least_a & !beyond_z & (ONES * 0x80)) >> 2)
}

/// A key's hash (FxHash's step over eight-byte chunks, zero-padded), after `map` on each chunk.
#[inline]
fn hash_with(s: &[u8], map: impl Fn(u64) -> u64) -> u64 {
    let mut h = s.len() as u64;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        h = step(h, map(load(c)));
    }
    step(h, map(load(chunks.remainder())))
}

pub(super) fn hash(s: &str) -> u64 {
    hash_with(s.as_bytes(), |x| x)
}

fn tag(h: u64) -> u32 {
    // Low bits for the fingerprint, high bits for the slot, middle bits for the filter.
    ((h as u32) & 0xfff) | 1
}

fn bloom_bits(h: u64) -> [usize; 2] {
    let mask = (1 << BLOOM_BITS) - 1;
    [((h >> 12) & mask) as usize, ((h >> 28) & mask) as usize]
}

impl Lexicon {
    /// The table of `entries`, numbered from 1 in their order.
    pub(super) fn new(entries: impl IntoIterator<Item = (String, Word)>) -> Lexicon {
        let mut lex = Lexicon {
            bloom: vec![0; 1 << (BLOOM_BITS - 6)],
            slots: vec![0; 1 << BITS],
            arena: String::new(),
            keys: vec![(0, 0)],
            words: vec![Word::default()],
            flags: vec![0],
        };
        for (key, word) in entries {
            let h = hash(&key);
            let start = lex.arena.len() as u32;
            lex.arena.push_str(&key);
            lex.keys.push((start, lex.arena.len() as u32));
            let entry = lex.words.len() as u32; // from 1: 0 marks an empty slot
            assert!(
                entry < (1 << ENTRY_BITS) && entry * 2 < (1 << BITS),
                "VADER word table too full"
            );
            lex.flags.push(
                (u8::from(word.valence.is_some()) * super::VALENCE)
                    | (u8::from(word.booster.is_some()) * super::BOOSTER)
                    | (u8::from(word.negation) * super::NEGATION)
                    | (u8::from(word.phrase_start) * super::PHRASE_START),
            );
            lex.words.push(word);
            for b in bloom_bits(h) {
                lex.bloom[b / 64] |= 1 << (b % 64);
            }
            let mut i = (h >> (64 - BITS)) as usize;
            while lex.slots[i] != 0 {
                i = (i + 1) & ((1 << BITS) - 1);
            }
            lex.slots[i] = (tag(h) << ENTRY_BITS) | entry;
        }
        lex
    }

    /// The number of the entry whose key has hash `h` and satisfies `same`, or 0.
    #[inline]
    fn find(&self, h: u64, same: impl Fn(&[u8]) -> bool) -> u32 {
        if bloom_bits(h)
            .iter()
            .any(|&b| self.bloom[b / 64] & (1 << (b % 64)) == 0)
        {
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
                let (a, b) = self.keys[e as usize];
                if same(&self.arena.as_bytes()[a as usize..b as usize]) {
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

    /// What entry `id` is (the empty word for 0).
    #[inline]
    pub(super) fn word(&self, id: u32) -> &Word {
        &self.words[id as usize]
    }

    /// The number of an already lower-cased key (0: not in the table).
    pub(super) fn get(&self, lower: &str) -> u32 {
        self.find(hash(lower), |key| key == lower.as_bytes())
    }

    /// The number of an ASCII token's lower-case form (0: not in the table), without building it.
    #[inline]
    pub(super) fn get_ascii(&self, token: &str) -> u32 {
        let t = token.as_bytes();
        self.find(hash_with(t, lower8), |key| {
            key.len() == t.len() && key.iter().zip(t).all(|(k, c)| *k == c.to_ascii_lowercase())
        })
    }

    pub(super) fn values(&self) -> impl Iterator<Item = &Word> {
        self.words[1..].iter()
    }
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lexicon({} entries)", self.words.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_lower_cased() {
        let s = b"AZaz@[`{09 Hi!";
        for chunk in s.chunks(8) {
            let want: Vec<u8> = chunk.iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(lower8(load(chunk)), load(&want));
        }
    }

    #[test]
    fn ascii_lookup_is_case_insensitive_on_the_token_only() {
        let lex = Lexicon::new([
            ("good".to_string(), Word::default()),
            (":D".to_string(), Word::default()),
        ]);
        assert_eq!(lex.get_ascii("GoOd"), 1);
        assert_eq!(lex.get("good"), 1);
        // Keys are compared with the lower-cased token, as the reference: ":D" is never found.
        assert_eq!(lex.get_ascii(":D"), 0);
        assert_eq!(lex.get_ascii("goods"), 0);
    }
}
