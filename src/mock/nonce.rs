//! The replay guard: nonces are remembered only while their timestamp could still be accepted.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};

/// Nonces seen for one account, each with the moment after which its request would be refused
/// as stale anyway; past that moment the nonce is forgotten, so the store stays bounded by the
/// request rate times the accepted window.
///
/// A nonce is kept as a 64-bit keyed hash (the key is random per store), 24 bytes an entry
/// with its expiry: two different nonces collide with a chance of about n²/2⁶⁵, one in
/// several hundred million for a million nonces held.
#[derive(Debug, Default)]
pub struct NonceStore {
    hasher: RandomState,
    expiries: HashMap<u64, i64, BuildHasherDefault<AlreadyHashed>>,
    order: VecDeque<(i64, u64)>,
}

impl NonceStore {
    /// Record `nonce`, valid until `expires_at` (Unix seconds). Returns `false` when it was
    /// already recorded and has not expired: a replay.
    pub fn insert(&mut self, nonce: &str, expires_at: i64, now: i64) -> bool {
        self.prune(now);
        let key = self.hasher.hash_one(nonce);
        match self.expiries.entry(key) {
            Entry::Occupied(_) => return false,
            Entry::Vacant(slot) => slot.insert(expires_at),
        };
        let position = self.order.partition_point(|(t, _)| *t <= expires_at);
        self.order.insert(position, (expires_at, key));
        true
    }

    /// How many nonces are held.
    pub fn len(&self) -> usize {
        self.expiries.len()
    }

    fn prune(&mut self, now: i64) {
        while let Some((expires_at, _)) = self.order.front() {
            if *expires_at >= now {
                break;
            }
            if let Some((_, key)) = self.order.pop_front() {
                self.expiries.remove(&key);
            }
        }
    }
}

/// The map's keys are already keyed hashes of the nonces: hashing them again would only cost
/// time, so the key itself is the hash.
#[derive(Debug, Default)]
struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; anything else is folded in rather than ignored.
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_refused_while_its_timestamp_is_acceptable_then_forgotten() {
        let mut store = NonceStore::default();
        assert!(store.insert("n1", 100, 0));
        assert!(!store.insert("n1", 100, 50));
        assert!(store.insert("n2", 200, 50));
        assert!(store.insert("n1", 300, 101), "expired nonce is forgotten");
        assert_eq!(store.len(), 2);
    }

    #[test]
    fn the_store_stays_bounded_by_the_window() {
        let mut store = NonceStore::default();
        for i in 0..10_000 {
            assert!(store.insert(&format!("n{i}"), i + 10, i));
        }
        assert!(store.len() <= 11, "held {}", store.len());
    }
}
