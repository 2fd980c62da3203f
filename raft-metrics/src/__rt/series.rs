//! Series created on first use and kept behind a lock that no caller ever holds: every method
//! finishes its work under the lock and returns owned values (a series is one `Arc`), so
//! holding a series while asking for another can never wait on this lock.

use std::collections::HashMap;

use super::budget::{admit, release, strs, Budget};
use super::key::{LabelKey, OwnedKey};
use super::keymap::KeyMap;
use super::sync::RwLock;

/// The series of one family (or of one bound handle's family), by label set. Label sets with
/// a folded value live in `overflow`, keyed by exposed values, so refused values never grow
/// `map`.
struct Entries<O: OwnedKey, M> {
    map: KeyMap<O, M>,
    overflow: HashMap<Box<[Box<str>]>, M>,
    budgets: Vec<Budget>,
    /// Set by [`SeriesMap::close`]: new label sets get the detached stand-in from then on.
    closed: bool,
}

impl<O: OwnedKey, M> Entries<O, M> {
    fn remove_where(&mut self, selector: &[(usize, &str)], mut unregister: impl FnMut(&[&str])) {
        let budgets = &self.budgets;
        self.map.retain(|k, _| {
            let hit = selector.iter().all(|(p, v)| k.matches(*p, v));
            if hit {
                k.with_labels(|values| {
                    unregister(values);
                    release(budgets, values);
                });
            }
            !hit
        });
        self.overflow.retain(|values, _| {
            let hit = selector
                .iter()
                .all(|(p, v)| values.get(*p).is_some_and(|x| &**x == *v));
            if hit {
                let values = strs(values);
                unregister(&values);
                release(budgets, &values);
            }
            !hit
        });
    }
}

impl<O: OwnedKey, M> Drop for Entries<O, M> {
    fn drop(&mut self) {
        let budgets = &self.budgets;
        for k in self.map.keys() {
            k.with_labels(|values| release(budgets, values));
        }
        for values in self.overflow.keys() {
            release(budgets, &strs(values));
        }
    }
}

/// Series by label set, created on first use. `M` is a prometheus metric (a cheap clone).
pub struct SeriesMap<O: OwnedKey, M> {
    lock: RwLock<Entries<O, M>>,
    /// Never registered: what label sets asked for after [`SeriesMap::close`] record into.
    detached: M,
}

impl<O: OwnedKey, M: Clone> SeriesMap<O, M> {
    /// `budgets`: (position in the label set, budget) of each open label.
    pub fn new(detached: M, budgets: Vec<Budget>) -> Self {
        SeriesMap {
            lock: RwLock::new(Entries {
                map: KeyMap::default(),
                overflow: HashMap::new(),
                budgets,
                closed: false,
            }),
            detached,
        }
    }

    pub fn detached(&self) -> &M {
        &self.detached
    }

    /// The series for `key`; `make` creates it from the exposed values (folded where over
    /// budget) on first use.
    #[inline]
    pub fn get<K: LabelKey<Owned = O>>(&self, key: K, make: impl FnOnce(&[&str]) -> M) -> M {
        if let Some(m) = self.lock.read().map.get(&key) {
            return m.clone();
        }
        self.insert(key, make)
    }

    #[cold]
    fn insert<K: LabelKey<Owned = O>>(&self, key: K, make: impl FnOnce(&[&str]) -> M) -> M {
        let mut guard = self.lock.write();
        let e = &mut *guard;
        if e.closed {
            return self.detached.clone();
        }
        if let Some(m) = e.map.get(&key) {
            return m.clone();
        }
        key.with_labels(|values| {
            let (values, folded) = admit(&e.budgets, values);
            if !folded {
                return e.map.get_or_insert_with(key, || make(&values)).clone();
            }
            let owned: Box<[Box<str>]> = values.iter().map(|v| Box::from(*v)).collect();
            if let Some(m) = e.overflow.get(&owned) {
                // The folded series exists and holds its admissions already.
                release(&e.budgets, &values);
                return m.clone();
            }
            let m = make(&values);
            e.overflow.insert(owned, m.clone());
            m
        })
    }

    /// Forget the series whose labels at the given positions have the given values, calling
    /// `unregister` with each one's exposed values.
    pub fn remove_where(&self, selector: &[(usize, &str)], unregister: impl FnMut(&[&str])) {
        self.lock.write().remove_where(selector, unregister);
    }

    /// Forget every series, calling `unregister` with each one's exposed values; label sets
    /// asked for afterwards record into the detached stand-in and are never exposed.
    pub fn close(&self, unregister: impl FnMut(&[&str])) {
        let mut e = self.lock.write();
        e.closed = true;
        e.remove_where(&[], unregister);
    }

    /// Move this map's series into `to` (a newer handle of the same scope). Series `to` has
    /// already are the same registered series and are only forgotten here; if `to` is closed,
    /// ours are unregistered.
    pub fn hand_over(&self, to: &Self, mut unregister: impl FnMut(&[&str])) {
        let mut from = self.lock.write();
        let mut to = to.lock.write();
        let from = &mut *from;
        let to = &mut *to;
        let budgets = &from.budgets;
        for (k, m) in from.map.drain() {
            if to.closed {
                k.with_labels(|values| unregister(values));
            }
            if to.closed || to.map.get_owned(&k).is_some() {
                k.with_labels(|values| release(budgets, values));
            } else {
                to.map.insert_owned(k, m);
            }
        }
        for (values, m) in from.overflow.drain() {
            if to.closed {
                unregister(&strs(&values));
            }
            if to.closed || to.overflow.contains_key(&values) {
                release(budgets, &strs(&values));
            } else {
                to.overflow.insert(values, m);
            }
        }
    }

    /// Calls `f` with the exposed values of every label set held.
    pub fn for_each_key(&self, mut f: impl FnMut(&[&str])) {
        let e = self.lock.read();
        for k in e.map.keys() {
            k.with_labels(&mut f);
        }
        for values in e.overflow.keys() {
            f(&strs(values));
        }
    }

    /// Number of label sets held.
    pub fn len(&self) -> usize {
        let e = self.lock.read();
        e.map.len() + e.overflow.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::sync::Arc;

    use super::*;
    use crate::__rt::{LabelBudget, OVERFLOW};

    type Map = SeriesMap<(Box<str>, u64), Option<String>>;

    fn map(budget: u64) -> (Map, Arc<LabelBudget>) {
        let b = Arc::new(LabelBudget::new(budget));
        (SeriesMap::new(None, vec![(0, Arc::clone(&b))]), b)
    }

    fn make(values: &[&str]) -> Option<String> {
        Some(values.join("/"))
    }

    #[test]
    fn a_series_is_made_once_and_found_again() {
        let (m, _) = map(8);
        let made = RefCell::new(0);
        let mk = |v: &[&str]| {
            *made.borrow_mut() += 1;
            make(v)
        };
        assert_eq!(m.get(("t", 1u64), mk), Some("t/1".into()));
        assert_eq!(m.get(("t", 1u64), mk), Some("t/1".into()));
        assert_eq!(*made.borrow(), 1);
        assert_eq!(m.len(), 1);
    }

    #[test]
    fn over_budget_values_share_one_folded_series() {
        let (m, _) = map(1);
        m.get(("a", 1u64), make);
        assert_eq!(m.get(("b", 1u64), make), Some(format!("{OVERFLOW}/1")));
        assert_eq!(m.get(("c", 1u64), make), Some(format!("{OVERFLOW}/1")));
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn remove_where_and_close_unregister_and_give_the_budget_back() {
        let (m, budget) = map(2);
        m.get(("a", 1u64), make);
        m.get(("a", 2u64), make);
        m.get(("b", 1u64), make);
        let mut gone = Vec::new();
        m.remove_where(&[(1, "1")], |v| gone.push(v.join("/")));
        gone.sort();
        assert_eq!(gone, ["a/1", "b/1"]);
        assert_eq!(m.len(), 1);
        m.close(|v| gone.push(v.join("/")));
        assert_eq!(gone.last().map(String::as_str), Some("a/2"));
        assert!(m.is_empty());
        // Closed: new label sets get the detached stand-in and take no budget.
        assert_eq!(m.get(("c", 1u64), make), None);
        assert!(budget.acquire("x") && budget.acquire("y"));
    }

    #[test]
    fn hand_over_moves_series_the_newer_map_lacks() {
        let (old, budget) = map(8);
        let new: Map = SeriesMap::new(None, vec![(0, Arc::clone(&budget))]);
        old.get(("a", 1u64), make);
        old.get(("a", 2u64), make);
        new.get(("a", 2u64), make);
        let mut gone = Vec::new();
        old.hand_over(&new, |v| gone.push(v.join("/")));
        assert!(gone.is_empty() && old.is_empty());
        assert_eq!(new.len(), 2);
        let mut keys = Vec::new();
        new.for_each_key(|v| keys.push(v.join("/")));
        keys.sort();
        assert_eq!(keys, ["a/1", "a/2"]);
    }
}
