//! Weights summed by community over one node's arcs, in a table sized to the node.
//!
//! A node's arcs reach a few communities out of up to n. An n-long array of sums (one per thread)
//! is written at random and on a million-node level spills the cache the optimisers' shared state
//! needs; this open-addressing table, twice the node's degree, stays in L1 for all but the hubs.

const EMPTY: u32 = u32::MAX;

#[derive(Default)]
pub(crate) struct Tally {
    keys: Vec<u32>,
    sums: Vec<f64>,
    /// Slots filled, in the order their keys came first (the order callers break ties in).
    filled: Vec<u32>,
    mask: usize,
    shift: u32,
}

impl Tally {
    /// Empties the table and makes room for `distinct` keys.
    pub fn clear(&mut self, distinct: usize) {
        for &s in &self.filled {
            self.keys[s as usize] = EMPTY;
        }
        self.filled.clear();
        let size = (2 * distinct).next_power_of_two().max(16);
        if size > self.keys.len() {
            self.keys = vec![EMPTY; size];
            self.sums = vec![0.0; size];
        }
        self.mask = size - 1;
        self.shift = 32 - size.trailing_zeros();
    }

    fn slot(&self, key: u32) -> usize {
        // Fibonacci hashing: consecutive community numbers land far apart.
        (key.wrapping_mul(0x9E37_79B9) >> self.shift) as usize
    }

    pub fn add(&mut self, key: u32, w: f64) {
        let mut s = self.slot(key);
        loop {
            let k = self.keys[s];
            if k == key {
                self.sums[s] += w;
                return;
            }
            if k == EMPTY {
                self.keys[s] = key;
                self.sums[s] = w;
                self.filled.push(s as u32);
                return;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// The sum for `key` (0 if it never came).
    pub fn get(&self, key: u32) -> f64 {
        let mut s = self.slot(key);
        loop {
            let k = self.keys[s];
            if k == key {
                return self.sums[s];
            }
            if k == EMPTY {
                return 0.0;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// (key, sum) in the order the keys first came.
    pub fn iter(&self) -> impl Iterator<Item = (u32, f64)> + '_ {
        self.filled
            .iter()
            .map(|&s| (self.keys[s as usize], self.sums[s as usize]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_by_key_in_first_seen_order_and_empties() {
        let mut t = Tally::default();
        t.clear(3);
        for (k, w) in [(7, 1.0), (1 << 20, 2.0), (7, 0.5), (0, 4.0), (1 << 20, 1.0)] {
            t.add(k, w);
        }
        assert_eq!(
            t.iter().collect::<Vec<_>>(),
            vec![(7, 1.5), (1 << 20, 3.0), (0, 4.0)]
        );
        assert_eq!((t.get(0), t.get(5)), (4.0, 0.0));
        t.clear(100);
        assert_eq!(t.iter().count(), 0);
        assert_eq!(t.get(7), 0.0);
        // Many keys colliding in a small table still sum right.
        t.clear(40);
        for k in 0..40u32 {
            t.add(k * 64, 1.0);
            t.add(k * 64, 1.0);
        }
        assert!(t.iter().all(|(_, s)| s == 2.0));
        assert_eq!(t.iter().count(), 40);
    }
}
