//! "Which earlier item had this key?", the question behind every duplicate rule.
//!
//! The map hashes with foldhash: several times faster than the standard SipHash on a million
//! tag keys, and randomly seeded per process, so a crafted input cannot aim for collisions.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::Hash;

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

#[cfg(test)]
mod tests {
    use super::FirstSeen;

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
