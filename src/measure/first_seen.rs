//! "Which earlier item had this key?", the question behind every duplicate rule.
//!
//! The map hashes with foldhash: several times faster than the standard SipHash on a million
//! tag keys, and randomly seeded per process, so a crafted input cannot aim for collisions.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, Hash};

use foldhash::fast::RandomState;

/// Past this many keys, a hash map beats a linear scan.
const LINEAR_UP_TO: usize = 16;

/// Remembers the first value seen under each key: a linear scan while there are few keys (a
/// request has a dozen members and at most ten tags), a hash map when an input has thousands.
#[derive(Debug)]
pub struct FirstSeen<K, V> {
    few: Vec<(K, V)>,
    /// Every key once there are more than a few (`few` is then empty).
    many: HashMap<K, V, RandomState>,
    /// How many keys are coming, when known: the map is made that large at once, rather than
    /// grown (and rehashed) a dozen times on the way to a million tags.
    expected: usize,
}

impl<K: Eq + Hash, V: Copy> Default for FirstSeen<K, V> {
    fn default() -> Self {
        FirstSeen::expecting(0)
    }
}

impl<K: Eq + Hash, V: Copy> FirstSeen<K, V> {
    /// An empty set that will be asked about at most `keys` keys.
    pub fn expecting(keys: usize) -> Self {
        FirstSeen { few: Vec::new(), many: HashMap::default(), expected: keys }
    }

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
            self.many.reserve(self.expected.max(2 * LINEAR_UP_TO));
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

/// [`FirstSeen`] for items numbered 0, 1, 2…, whose keys are costly to keep (a tag key's
/// fold, 32 bytes): past a few, it keeps a 64-bit digest of each key with the number of the
/// first item that had it, and makes that item's key again (`key_of`) to confirm a match. On a
/// million tags the map is a third of the size. Different keys whose digests collide (as
/// rare as two random 64-bit numbers meeting) are kept whole in a list.
#[derive(Debug)]
pub struct FirstIndex<K> {
    few: Vec<(K, u32)>,
    digests: HashMap<u64, u32, RandomState>,
    collided: Vec<(K, u32)>,
    state: RandomState,
    expected: usize,
}

impl<K: Eq + Hash> FirstIndex<K> {
    /// An empty set that will be asked about at most `keys` keys.
    pub fn expecting(keys: usize) -> Self {
        let (digests, state) = (HashMap::default(), RandomState::default());
        FirstIndex { few: Vec::new(), digests, collided: Vec::new(), state, expected: keys }
    }

    /// The number of the first item whose key is `key`; or, when `key` is new, notes that item
    /// `index` has it and returns `None`. `key_of` makes the key of an earlier item again.
    pub fn first_or_insert(&mut self, key: K, index: u32, key_of: impl Fn(u32) -> Option<K>) -> Option<u32> {
        if self.digests.is_empty() {
            if let Some((_, first)) = self.few.iter().find(|(k, _)| *k == key) {
                return Some(*first);
            }
            if self.few.len() < LINEAR_UP_TO {
                self.few.push((key, index));
                return None;
            }
            self.digests.reserve(self.expected.max(2 * LINEAR_UP_TO));
            // The few keys are all different: each is new to the map.
            for (k, i) in std::mem::take(&mut self.few) {
                self.by_digest(k, i, &|_| None);
            }
        }
        self.by_digest(key, index, &key_of)
    }

    fn by_digest(&mut self, key: K, index: u32, key_of: &dyn Fn(u32) -> Option<K>) -> Option<u32> {
        match self.digests.entry(self.state.hash_one(&key)) {
            Entry::Vacant(slot) => {
                slot.insert(index);
                None
            }
            Entry::Occupied(first) if key_of(*first.get()).is_some_and(|k| k == key) => Some(*first.get()),
            Entry::Occupied(_) => match self.collided.iter().find(|(k, _)| *k == key) {
                Some((_, first)) => Some(*first),
                None => {
                    self.collided.push((key, index));
                    None
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::{FirstIndex, FirstSeen};

    #[test]
    fn first_index_finds_the_first_item_few_or_many_and_on_colliding_digests() {
        let keys: Vec<String> = (0..40).map(|i| format!("k{}", i % 25)).collect();
        let mut seen = FirstIndex::expecting(keys.len());
        let key_of = |i: u32| keys.get(i as usize).map(String::as_str);
        let firsts: Vec<Option<u32>> =
            keys.iter().enumerate().map(|(i, k)| seen.first_or_insert(k.as_str(), i as u32, key_of)).collect();
        assert!(firsts[..25].iter().all(Option::is_none));
        assert_eq!(firsts[25..], (0..15).map(Some).collect::<Vec<_>>()[..]);
        // A digest already taken by another key: the key is new, then found in the list.
        let digest = seen.state.hash_one("k3");
        seen.digests.insert(digest, 3);
        let lying = |_| Some("other");
        assert_eq!(seen.first_or_insert("k3", 99, lying), None);
        assert_eq!(seen.first_or_insert("k3", 100, lying), Some(99));
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
