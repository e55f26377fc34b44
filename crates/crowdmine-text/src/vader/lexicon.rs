//! The word table VADER consults for every token: about 7,650 entries (lexicon words, boosters,
//! negations, the words of phrases and the words the rules name). Most tokens are not in it, so
//! a miss must be cheap: a Bloom filter of 2^16 bits (8 KiB, two bits per key, both in one word)
//! answers most misses from the first level of cache. The rest go straight to the one slot their
//! key could be in: the table is a perfect hash (hash, displace and compress, as in Belazzougui,
//! Botelho and Dietzfelbinger, 2009), each bucket of keys with the displacement that sends its
//! keys to free slots, found once when the table is built. A lookup compares the key found there
//! once, eight bytes at a time: no probing. ASCII tokens are lower-cased eight bytes at a time
//! while they are hashed, never copied.

use super::rules::{B_DECR, B_INCR};
use super::{swar, Word};

const BLOOM_BITS: u32 = 16;
/// 8,192 slots for about 7,650 words.
const SLOT_BITS: u32 = 13;
/// 2,048 buckets of about four words.
const BUCKET_BITS: u32 = 11;

#[derive(Clone)]
pub(super) struct Lexicon {
    bloom: Box<[u64; 1 << (BLOOM_BITS - 6)]>,
    /// Per bucket of hashes, the displacement that gives each of its keys a slot of its own.
    shifts: Box<[u16; 1 << BUCKET_BITS]>,
    /// By slot, which is the word's number; slot 0 stays empty and stands for every word not in
    /// the table.
    entries: Box<[Entry; 1 << SLOT_BITS]>,
    /// The keys' chunks after their first, eight-byte little-endian, the last padded with zeros.
    chunks: Vec<u64>,
}

/// What a lookup and the rules need of one word, in one record of 16 bytes (four to a cache
/// line), so that a word found costs one cache line and the table stays small (128 KiB).
#[derive(Clone, Copy, Default)]
struct Entry {
    /// The key's first eight bytes, zero-padded.
    first: u64,
    /// Where the key's further chunks start in `chunks`.
    rest: u16,
    len: u16,
    /// What it is (`super::VALENCE`, …).
    flags: u8,
    /// Its valence in tenths: every valence of the lexicon has one decimal, and tenths / 10 is
    /// the same double as the decimal (both correctly rounded; checked when the table is built).
    tenths: i8,
    /// Its booster increment's sign: the increment is `B_INCR` or `B_DECR`, the only two.
    booster: i8,
}

/// One step of a key's hash, on a chunk of eight bytes: a folded multiply (the 128-bit
/// product's halves xor-ed), which carries every input bit into every output bit. (FxHash's
/// step, used before, gave "idealised" and "idealisms" the same hash, which no displacement can
/// separate; building the table, as every test does, would fail on such a pair.)
#[inline]
pub(super) fn step(h: u64, x: u64) -> u64 {
    let m = u128::from(h ^ x) * 0x9e37_79b9_7f4a_7c15;
    (m as u64) ^ ((m >> 64) as u64)
}

/// A key's hash: its length, then a step per chunk of eight bytes (the last padded with zeros).
/// The ASCII tokenizer computes the same from its own loads.
fn hash(s: &[u8]) -> u64 {
    s.chunks(8)
        .fold(s.len() as u64, |h, c| step(h, swar::load(c, 0, c.len())))
}

/// `t / 10` for each tenths byte `t` (read as an `i8`): no division on the rules' path.
static TENTHS: [f64; 256] = {
    let mut t = [0.0; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8 as i8) as f64 / 10.0;
        b += 1;
    }
    t
};

/// The bucket of a key's hash `g` (its top bits).
#[inline]
fn bucket(g: u64) -> usize {
    (g >> (64 - BUCKET_BITS)) as usize
}

/// The slot of a key's hash `g` under displacement `d`: `h1 + d·h2`, `h2` odd.
#[inline]
fn slot(g: u64, d: u16) -> usize {
    let (h1, h2) = (g as u32, (g >> 32) as u32 | 1);
    (h1.wrapping_add(u32::from(d).wrapping_mul(h2)) & ((1 << SLOT_BITS) - 1)) as usize
}

/// The Bloom filter's word for hash `h`, and the two bits a key sets in it (one word per lookup:
/// a blocked filter).
fn bloom_bits(h: u64) -> (usize, u64) {
    let word = ((h >> 12) & ((1 << (BLOOM_BITS - 6)) - 1)) as usize;
    (word, (1 << ((h >> 28) & 63)) | (1 << ((h >> 34) & 63)))
}

impl Lexicon {
    /// The table of `entries` (distinct keys); each is numbered by its slot.
    pub(super) fn new(entries: impl IntoIterator<Item = (String, Word)>) -> Lexicon {
        let words: Vec<(String, Word)> = entries.into_iter().collect();
        assert!(
            words.len() < (1 << SLOT_BITS) * 19 / 20,
            "VADER word table too full"
        );
        // Buckets from the largest, each given the first displacement that sends all its keys
        // to free, distinct slots (slot 0 is kept free).
        let hashes: Vec<u64> = words.iter().map(|(k, _)| hash(k.as_bytes())).collect();
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); 1 << BUCKET_BITS];
        for (i, &g) in hashes.iter().enumerate() {
            buckets[bucket(g)].push(i);
        }
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(buckets[b].len()));
        let mut taken = vec![false; 1 << SLOT_BITS];
        taken[0] = true;
        let mut shifts = Box::new([0u16; 1 << BUCKET_BITS]);
        let mut placed = vec![0usize; words.len()];
        for b in order {
            let keys = &buckets[b];
            let mut slots = Vec::with_capacity(keys.len());
            let d = (0..=u16::MAX)
                .find(|&d| {
                    slots.clear();
                    keys.iter().all(|&i| {
                        let s = slot(hashes[i], d);
                        let free = !taken[s] && !slots.contains(&s);
                        slots.push(s);
                        free
                    })
                })
                .expect("a displacement for every bucket of the VADER word table");
            shifts[b] = d;
            for &i in keys {
                let s = slot(hashes[i], d);
                taken[s] = true;
                placed[i] = s;
            }
        }
        let mut lex = Lexicon {
            bloom: Box::new([0; 1 << (BLOOM_BITS - 6)]),
            shifts,
            entries: Box::new([Entry::default(); 1 << SLOT_BITS]),
            chunks: Vec::new(),
        };
        for ((key, word), s) in words.into_iter().zip(placed) {
            let h = hash(key.as_bytes());
            let mut chunks = key.as_bytes().chunks(8).map(|c| swar::load(c, 0, c.len()));
            let first = chunks.next().unwrap_or(0);
            let rest = lex.chunks.len() as u16;
            lex.chunks.extend(chunks);
            assert!(
                key.len() < 1 << 16 && lex.chunks.len() < 1 << 16,
                "VADER word table too large"
            );
            let valence = word.valence.unwrap_or(0.0);
            let tenths = (valence * 10.0).round() as i8;
            assert_eq!(
                TENTHS[usize::from(tenths as u8)],
                valence,
                "VADER valence of {key:?}"
            );
            let booster = match word.booster {
                None => 0,
                Some(b) if b == B_INCR => 1,
                Some(b) if b == B_DECR => -1,
                Some(b) => panic!("VADER booster {key:?}: {b}"),
            };
            lex.entries[s] = Entry {
                first,
                tenths,
                booster,
                rest,
                len: key.len() as u16,
                flags: (u8::from(word.valence.is_some()) * super::VALENCE)
                    | (u8::from(word.valence.is_some() || word.but) * super::COLLECTED)
                    | (u8::from(word.booster.is_some()) * super::BOOSTER)
                    | (u8::from(word.negation) * super::NEGATION)
                    | (u8::from(word.phrase_start) * super::PHRASE_START)
                    | (u8::from(word.phrase_next) * super::PHRASE_NEXT)
                    | (u8::from(word.named) * super::NAMED_WORD),
            };
            let (w, bits) = bloom_bits(h);
            lex.bloom[w] |= bits;
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
        let s = slot(h, self.shifts[bucket(h)]);
        let entry = &self.entries[s];
        // An empty slot has length 0, which no key has.
        if usize::from(entry.len) == len
            && entry.first == first
            && (len <= 8 || {
                let r = entry.rest as usize;
                rest(&self.chunks[r..r + (len - 1) / 8])
            })
        {
            s as u32
        } else {
            0
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
        TENTHS[usize::from(self.entries[id as usize].tenths as u8)]
    }

    /// The booster increment of entry `id` (0 unless its flags have `BOOSTER`).
    #[inline]
    pub(super) fn booster(&self, id: u32) -> f64 {
        match self.entries[id as usize].booster {
            1 => B_INCR,
            -1 => B_DECR,
            _ => 0.0,
        }
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
        write!(f, "Lexicon({} words with a valence)", self.valence_count())
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
        let (good, twelve) = (lex.get("good"), lex.get("twelve-bytes"));
        assert!(good != 0 && twelve != 0 && good != twelve);
        assert_eq!(ascii("GoOd"), good);
        assert_eq!(ascii("Twelve-Bytes"), twelve);
        // Keys are compared with the lower-cased token, as the reference: ":D" is never found.
        assert_eq!(ascii(":D"), 0);
        assert_eq!(ascii("goods"), 0);
        assert_eq!(ascii("twelve-bytez"), 0);
    }

    #[test]
    fn four_records_to_a_cache_line() {
        assert_eq!(std::mem::size_of::<Entry>(), 16);
    }

    #[test]
    fn every_word_has_a_slot_of_its_own() {
        let words: Vec<String> = (0..7_700).map(|i| format!("w{i}")).collect();
        let lex = Lexicon::new(words.iter().map(|w| (w.clone(), Word::default())));
        let mut ids: Vec<u32> = words.iter().map(|w| lex.get(w)).collect();
        assert!(ids.iter().all(|&id| id != 0));
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), words.len());
        assert_eq!(lex.get("w7700"), 0);
    }
}
