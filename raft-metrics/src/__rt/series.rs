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

    /// Forget every series, calling `unregister` with each one's exposed values and giving
    /// back their budget; label sets asked for afterwards get the detached stand-in.
    pub fn close(&self, mut unregister: impl FnMut(&[&str])) {
        let mut guard = self.lock.write();
        let e = &mut *guard;
        e.closed = true;
        let budgets = &e.budgets;
        for (k, _) in e.map.drain() {
            k.with_labels(|values| {
                unregister(values);
                release(budgets, values);
            });
        }
        for (values, _) in e.overflow.drain() {
            let values = strs(&values);
            unregister(&values);
            release(budgets, &values);
        }
    }

    /// Calls `f` with each series' exposed values and the series: label sets in key order,
    /// then the folded ones. Runs under the shared lock: `f` must not call back into the map.
    pub fn for_each_sorted(&self, mut f: impl FnMut(&[&str], &M)) {
        let e = self.lock.read();
        let mut exact: Vec<(&O, &M)> = e.map.iter().collect();
        exact.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (k, m) in exact {
            k.with_labels(|values| f(values, m));
        }
        let mut folded: Vec<(&Box<[Box<str>]>, &M)> = e.overflow.iter().collect();
        folded.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (values, m) in folded {
            f(&strs(values), m);
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
    fn close_unregisters_and_gives_the_budget_back() {
        let (m, budget) = map(2);
        m.get(("a", 1u64), make);
        m.get(("b", 1u64), make);
        let mut gone = Vec::new();
        m.close(|v| gone.push(v.join("/")));
        gone.sort();
        assert_eq!(gone, ["a/1", "b/1"]);
        assert!(m.is_empty());
        // Closed: new label sets get the detached stand-in and take no budget.
        assert_eq!(m.get(("c", 1u64), make), None);
        assert!(budget.acquire("x") && budget.acquire("y"));
    }

    #[test]
    fn for_each_sorted_walks_keys_in_order_then_folded_ones() {
        let (m, _) = map(2);
        m.get(("b", 10u64), make);
        m.get(("b", 9u64), make);
        m.get(("a", 1u64), make);
        m.get(("z", 1u64), make);
        let mut seen = Vec::new();
        m.for_each_sorted(|v, s| seen.push((v.join("/"), s.clone())));
        let keys: Vec<&str> = seen.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a/1", "b/9", "b/10", &format!("{OVERFLOW}/1")]);
        assert!(seen.iter().all(|(k, s)| s.as_deref() == Some(k.as_str())));
    }
}
