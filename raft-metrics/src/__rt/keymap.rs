//! A hash table keyed by owned label sets and looked up by borrowed ones.

use std::hash::BuildHasher;

use hashbrown::HashTable;

use super::key::{LabelKey, OwnedKey};

/// A hash table keyed by owned label sets, looked up by borrowed ones.
pub struct KeyMap<O, V> {
    table: HashTable<(u64, O, V)>,
    state: foldhash::fast::RandomState,
}

impl<O, V> Default for KeyMap<O, V> {
    fn default() -> Self {
        KeyMap {
            table: HashTable::new(),
            state: foldhash::fast::RandomState::default(),
        }
    }
}

impl<O: OwnedKey, V> KeyMap<O, V> {
    #[inline]
    fn hash<K: LabelKey<Owned = O>>(&self, key: &K) -> u64 {
        self.state.hash_one(key)
    }

    #[inline]
    pub fn get<K: LabelKey<Owned = O>>(&self, key: &K) -> Option<&V> {
        let hash = self.hash(key);
        self.table.find(hash, |e| key.eq_owned(&e.1)).map(|e| &e.2)
    }

    pub fn get_or_insert_with<K: LabelKey<Owned = O>>(
        &mut self,
        key: K,
        make: impl FnOnce() -> V,
    ) -> &mut V {
        let hash = self.hash(&key);
        let entry = self
            .table
            .entry(hash, |e| key.eq_owned(&e.1), |e| e.0)
            .or_insert_with(|| (hash, key.to_owned_key(), make()));
        &mut entry.into_mut().2
    }

    /// Insert a stored label set (moved from another map); `Hash` of owned and borrowed keys
    /// agree, so it is found by borrowed keys afterwards.
    pub fn insert_owned(&mut self, key: O, value: V) {
        let hash = self.state.hash_one(&key);
        self.table.insert_unique(hash, (hash, key, value), |e| e.0);
    }

    /// Take every entry out.
    pub fn drain(&mut self) -> impl Iterator<Item = (O, V)> + '_ {
        self.table.drain().map(|(_, k, v)| (k, v))
    }

    pub fn get_owned(&self, key: &O) -> Option<&V> {
        let hash = self.state.hash_one(key);
        self.table.find(hash, |e| &e.1 == key).map(|e| &e.2)
    }

    pub fn get_owned_mut(&mut self, key: &O) -> Option<&mut V> {
        let hash = self.state.hash_one(key);
        self.table.find_mut(hash, |e| &e.1 == key).map(|e| &mut e.2)
    }

    pub fn remove_owned(&mut self, key: &O) -> Option<V> {
        let hash = self.state.hash_one(key);
        self.table
            .find_entry(hash, |e| &e.1 == key)
            .ok()
            .map(|e| e.remove().0 .2)
    }

    pub fn remove<K: LabelKey<Owned = O>>(&mut self, key: &K) -> Option<V> {
        let hash = self.hash(key);
        self.table
            .find_entry(hash, |e| key.eq_owned(&e.1))
            .ok()
            .map(|e| e.remove().0 .2)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&O, &mut V) -> bool) {
        self.table.retain(|e| keep(&e.1, &mut e.2));
    }

    pub fn keys(&self) -> impl Iterator<Item = &O> {
        self.table.iter().map(|e| &e.1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&O, &V)> {
        self.table.iter().map(|e| (&e.1, &e.2))
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::KeyMap;

    #[test]
    fn borrowed_keys_find_owned_entries_however_they_were_inserted() {
        let mut m: KeyMap<(Box<str>, u32), i32> = KeyMap::default();
        *m.get_or_insert_with(("orders", 1u32), || 0) += 5;
        m.insert_owned(("payments".into(), 2), 7);
        assert_eq!(m.get(&("orders", 1u32)), Some(&5));
        assert_eq!(m.get(&("payments", 2u32)), Some(&7));
        assert_eq!(m.get_owned(&("payments".into(), 2)), Some(&7));
        assert_eq!(m.get(&("orders", 2u32)), None);
        assert_eq!(m.remove(&("orders", 1u32)), Some(5));
        assert_eq!(m.len(), 1);
        let drained: Vec<_> = m.drain().collect();
        assert_eq!(drained, [(("payments".into(), 2), 7)]);
        assert!(m.is_empty());
    }
}
