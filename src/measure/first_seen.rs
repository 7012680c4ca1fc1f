//! "Which earlier item had this key?", the question behind every duplicate rule.
//!
//! Maps and digests hash with foldhash: several times faster than the standard SipHash on a million
//! tag keys, and randomly seeded per process, so a crafted input cannot aim for collisions.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, Hash};

use foldhash::fast::RandomState;

/// Past this many keys, a hash map (or sorting digests) beats a linear scan.
const LINEAR_UP_TO: usize = 16;

/// Remembers the first value seen under each key: a linear scan while there are few keys (a
/// request has a dozen members and at most ten tags), a hash map when an input has thousands.
#[derive(Debug)]
pub struct FirstSeen<K, V> {
    few: Vec<(K, V)>,
    /// Every key once there are more than a few (`few` is then empty).
    many: HashMap<K, V, RandomState>,
}

impl<K: Eq + Hash, V: Copy> Default for FirstSeen<K, V> {
    fn default() -> Self {
        FirstSeen { few: Vec::new(), many: HashMap::default() }
    }
}

impl<K: Eq + Hash, V: Copy> FirstSeen<K, V> {
    /// The value first seen under `key`; or, when `key` is new, stores `value` and returns
    /// `None`.
    pub fn first_or_insert(&mut self, key: K, value: V) -> Option<V> {
        if self.many.is_empty() {
            if let Some((_, first)) = self.few.iter().find(|(k, _)| *k == key) {
                return Some(*first);
            }
            if self.few.len() < LINEAR_UP_TO {
                self.few.push((key, value));
                return None;
            }
            self.many.reserve(2 * LINEAR_UP_TO);
            self.many.extend(self.few.drain(..));
        }
        match self.many.entry(key) {
            Entry::Occupied(first) => Some(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(value);
                None
            }
        }
    }
}

/// Every item whose key an earlier item had, as `(item, first item with that key)`, in item
/// order. Items are numbered (a tag's index); `key_of` makes an item's key again.
///
/// A few keys are compared pairwise. Past a few (a request with thousands of tags), each key
/// is kept only as a 64-bit digest beside its item's number, and the pairs are sorted: equal
/// keys have equal digests, so they end up side by side, and only those are made again with
/// `key_of` to be compared (different keys whose digests collide are told apart there). A
/// hash map does the same in one pass, but on a million tags it is larger than the caches and
/// nearly every look-up misses them; sorting reads and writes memory in order. On a 100 MB
/// request (2 million tags) the look-ups of the two tag-key rules' maps were a quarter of the
/// lint's time, the two sorts are a fourteenth.
pub fn repeats<K: Eq + Hash>(
    keys: impl IntoIterator<Item = (u32, K)>,
    key_of: impl Fn(u32) -> Option<K>,
) -> Vec<(u32, u32)> {
    let mut keys = keys.into_iter();
    let mut few: Vec<(K, u32)> = Vec::new();
    let mut repeats = Vec::new();
    for (item, key) in keys.by_ref() {
        match few.iter().find(|(k, _)| *k == key) {
            Some(&(_, first)) => repeats.push((item, first)),
            None if few.len() < LINEAR_UP_TO => few.push((key, item)),
            None => {
                let state = RandomState::default();
                // Sized once, from how many keys are left at most: collecting into a growing
                // vector could leave half of it unused.
                let mut digests = Vec::with_capacity(few.len() + 1 + keys.size_hint().1.unwrap_or(0));
                digests.extend(few.iter().map(|(k, i)| (state.hash_one(k), *i)));
                digests.push((state.hash_one(&key), item));
                digests.extend(keys.map(|(i, k)| (state.hash_one(&k), i)));
                return among_digests(&mut digests, repeats, key_of);
            }
        }
    }
    repeats
}

/// [`repeats`] for the keys' digests: `repeats` holds the items already found among the first few.
fn among_digests<K: Eq>(
    digests: &mut [(u64, u32)],
    mut repeats: Vec<(u32, u32)>,
    key_of: impl Fn(u32) -> Option<K>,
) -> Vec<(u32, u32)> {
    digests.sort_unstable();
    // The first item of each different key in a run of equal digests (nearly always one).
    let mut firsts: Vec<(K, u32)> = Vec::new();
    for run in digests.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        firsts.clear();
        for &(_, item) in run {
            let Some(key) = key_of(item) else { continue };
            match firsts.iter().find(|(k, _)| *k == key) {
                Some(&(_, first)) => repeats.push((item, first)),
                None => firsts.push((key, item)),
            }
        }
    }
    repeats.sort_unstable();
    repeats
}

#[cfg(test)]
mod tests {
    use super::{FirstSeen, among_digests, repeats};

    /// `repeats` by brute force.
    fn slow_repeats(keys: &[String]) -> Vec<(u32, u32)> {
        let first = |k: &String| keys.iter().position(|e| e == k).unwrap_or(0) as u32;
        (0..keys.len() as u32).map(|i| (i, first(&keys[i as usize]))).filter(|(i, f)| i != f).collect()
    }

    #[test]
    fn repeats_point_to_the_first_item_few_or_many() {
        for (n, distinct) in [(10, 4), (16, 16), (17, 3), (40, 25), (5000, 3000), (3000, 1)] {
            let keys: Vec<String> = (0..n).map(|i| format!("k{}", (i * 7) % distinct)).collect();
            let key_of = |i: u32| keys.get(i as usize).map(String::as_str);
            let numbered = keys.iter().enumerate().map(|(i, k)| (i as u32, k.as_str()));
            assert_eq!(repeats(numbered, key_of), slow_repeats(&keys), "{n} keys, {distinct} different");
        }
    }

    #[test]
    fn different_keys_with_the_same_digest_are_told_apart() {
        // Every key digested alike: only `key_of` can tell them apart.
        let keys: Vec<String> = (0..100).map(|i| format!("k{}", i % 30)).collect();
        let key_of = |i: u32| keys.get(i as usize).map(String::as_str);
        let mut digests: Vec<(u64, u32)> = (0..keys.len() as u32).rev().map(|i| (42, i)).collect();
        assert_eq!(among_digests(&mut digests, Vec::new(), key_of), slow_repeats(&keys));
    }

    #[test]
    fn returns_the_first_value_for_repeated_keys_few_or_many() {
        let mut seen = FirstSeen::default();
        let keys: Vec<String> = (0..40).map(|i| format!("k{}", i % 25)).collect();
        let firsts: Vec<Option<usize>> =
            keys.iter().enumerate().map(|(i, k)| seen.first_or_insert(k.as_str(), i)).collect();
        assert!(firsts[..25].iter().all(Option::is_none));
        assert_eq!(firsts[25..], (0..15).map(Some).collect::<Vec<_>>()[..]);
    }
}
