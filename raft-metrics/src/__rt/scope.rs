//! A scope's live instances (for the `partition` scope: one per topic-partition on the node).
//! Each instance is one [`Entry`]: its exposed label values, rendered once, and its series
//! inline (`C`, a struct the macro generates), so a partition costs one allocation and a bound
//! handle's update is one load and one atomic instruction.
//!
//! The map's lock is held only inside its own calls. Accessors get an owned `Arc<Entry>`; a
//! [`Handle`] holds one too. The exposition reads only entries that are in the map, so an
//! entry taken out of it (`remove`, or its last handle dropped) keeps recording for whoever
//! still holds it and is never exposed again.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Weak};

use super::budget::{admit, release, strs, Budget};
use super::instance::{value_order, Entry, EntryLabels, Scoped};
use super::key::{LabelKey, OwnedKey};
use super::keymap::KeyMap;
use super::sync::RwLock;

/// The series of one scope instance, generated per scope.
pub trait Cells: Send + Sync + 'static {
    /// The instance left the map: its open-labelled series are dropped and new ones are never
    /// exposed.
    fn close(&self);
}

/// How an instance is found: by its typed key, or (a value past its label's budget) by its
/// exposed values, which hold `__overflow__`.
enum Key<O> {
    Exact(O),
    Folded(Box<[Box<str>]>),
}

struct Slot<O: OwnedKey, C: Cells> {
    entry: Arc<Entry<C>>,
    /// The live handle of the instance, shared by `handle()` while any clone lives.
    handle: Weak<Life<O, C>>,
}

struct Table<O: OwnedKey, C: Cells> {
    exact: KeyMap<O, Slot<O, C>>,
    folded: HashMap<Box<[Box<str>]>, Slot<O, C>>,
}

impl<O: OwnedKey, C: Cells> Table<O, C> {
    fn slot(&self, key: &Key<O>) -> Option<&Slot<O, C>> {
        match key {
            Key::Exact(o) => self.exact.get_owned(o),
            Key::Folded(v) => self.folded.get(v),
        }
    }

    fn slot_mut(&mut self, key: &Key<O>) -> Option<&mut Slot<O, C>> {
        match key {
            Key::Exact(o) => self.exact.get_owned_mut(o),
            Key::Folded(v) => self.folded.get_mut(v),
        }
    }

    fn take(&mut self, key: &Key<O>) -> Option<Slot<O, C>> {
        match key {
            Key::Exact(o) => self.exact.remove_owned(o),
            Key::Folded(v) => self.folded.remove(v),
        }
    }
}

/// A scope's instances.
pub struct ScopeMap<O: OwnedKey, C: Cells> {
    table: RwLock<Table<O, C>>,
    /// (position, budget) of each open scope label.
    budgets: Vec<Budget>,
    names: &'static [&'static str],
    make: Box<dyn Fn() -> C + Send + Sync>,
}

impl<O: OwnedKey, C: Cells> ScopeMap<O, C> {
    /// `names`: the scope's labels; `make` builds an instance's series.
    pub fn new(
        names: &'static [&'static str],
        budgets: Vec<Budget>,
        make: Box<dyn Fn() -> C + Send + Sync>,
    ) -> Self {
        ScopeMap {
            table: RwLock::new(Table {
                exact: KeyMap::default(),
                folded: HashMap::new(),
            }),
            budgets,
            names,
            make,
        }
    }

    pub fn names(&self) -> &'static [&'static str] {
        self.names
    }

    /// The instance for `key`, created on first use (an accessor's path: no handle).
    #[inline]
    pub fn entry<K: LabelKey<Owned = O>>(&self, key: K) -> Arc<Entry<C>> {
        if let Some(s) = self.table.read().exact.get(&key) {
            return Arc::clone(&s.entry);
        }
        let mut t = self.table.write();
        let (_, slot) = self.find_or_insert(&mut t, key);
        Arc::clone(&slot.entry)
    }

    /// The bound handle of `key`: the live one if any clone of it lives, else a new one.
    pub fn handle<K: LabelKey<Owned = O>>(self: &Arc<Self>, key: K) -> Handle<O, C> {
        let mut t = self.table.write();
        let (found, slot) = self.find_or_insert(&mut t, key);
        let entry = Arc::clone(&slot.entry);
        if let Some(life) = slot.handle.upgrade() {
            return Handle { entry, life };
        }
        let life = Arc::new(Life {
            map: Arc::clone(self),
            key: found,
            entry: Arc::clone(&entry),
        });
        slot.handle = Arc::downgrade(&life);
        Handle { entry, life }
    }

    /// Take the instance with `key`'s labels out of the exposition (the folded instance when
    /// `key` spells `__overflow__` itself); handles and series still held record into it
    /// unseen. The next `entry` or `handle` starts a fresh one.
    pub fn remove<K: LabelKey<Owned = O>>(&self, key: K) {
        let taken = {
            let mut t = self.table.write();
            t.exact.remove(&key).or_else(|| {
                let values: Box<[Box<str>]> =
                    key.with_labels(|v| v.iter().map(|x| Box::from(*x)).collect());
                t.folded.remove(&values)
            })
        };
        if let Some(slot) = taken {
            self.retire(&slot.entry);
        }
    }

    /// Every instance in the map, in label order.
    pub fn snapshot(&self) -> Vec<Arc<Entry<C>>> {
        let mut out: Vec<Arc<Entry<C>>> = {
            let t = self.table.read();
            t.exact
                .iter()
                .map(|(_, s)| &s.entry)
                .chain(t.folded.values().map(|s| &s.entry))
                .cloned()
                .collect()
        };
        out.sort_unstable_by(|a, b| {
            let (a, b) = (a.labels().values(), b.labels().values());
            a.iter()
                .zip(b.iter())
                .map(|(x, y)| value_order(x, y))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
        out
    }

    /// The instances for one exposition.
    pub fn scoped(&self) -> Scoped<C> {
        Scoped {
            names: self.names,
            entries: self.snapshot(),
        }
    }

    /// Instances in the map.
    pub fn len(&self) -> usize {
        let t = self.table.read();
        t.exact.len() + t.folded.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Under the write lock: the slot of `key`, created (with its label values admitted to
    /// their budgets) when missing.
    fn find_or_insert<'t, K: LabelKey<Owned = O>>(
        &self,
        t: &'t mut Table<O, C>,
        key: K,
    ) -> (Key<O>, &'t mut Slot<O, C>) {
        if t.exact.get(&key).is_some() {
            let owned = key.to_owned_key();
            let found = Key::Exact(owned);
            let slot = t.slot_mut(&found).expect("found under the same lock");
            return (found, slot);
        }
        let (found, entry) = key.with_labels(|values| {
            let (values, folded) = admit(&self.budgets, values);
            if !folded {
                return (Key::Exact(key.to_owned_key()), self.new_entry(&values));
            }
            let owned: Box<[Box<str>]> = values.iter().map(|v| Box::from(*v)).collect();
            if t.folded.contains_key(&owned) {
                // The folded instance exists and holds its admissions already.
                release(&self.budgets, &values);
                return (Key::Folded(owned), None);
            }
            (Key::Folded(owned), self.new_entry(&values))
        });
        if let Some(entry) = entry {
            let slot = Slot {
                entry,
                handle: Weak::new(),
            };
            match &found {
                Key::Exact(o) => t.exact.insert_owned(o.clone(), slot),
                Key::Folded(v) => {
                    t.folded.insert(v.clone(), slot);
                }
            }
        }
        let slot = t.slot_mut(&found).expect("inserted under the same lock");
        (found, slot)
    }

    fn new_entry(&self, values: &[&str]) -> Option<Arc<Entry<C>>> {
        Some(Arc::new(Entry::new(
            EntryLabels::new(self.names, values),
            (self.make)(),
        )))
    }

    /// An entry left the map: give its label values back to their budgets and close it.
    fn retire(&self, entry: &Entry<C>) {
        release(&self.budgets, &strs(entry.labels().values()));
        entry.cells().close();
    }
}

/// A bound handle: the instance's series, resolved once. Clones share it; when the last clone
/// drops, the instance leaves the exposition (unless it was removed and recreated meanwhile).
pub struct Handle<O: OwnedKey, C: Cells> {
    entry: Arc<Entry<C>>,
    life: Arc<Life<O, C>>,
}

impl<O: OwnedKey, C: Cells> Handle<O, C> {
    /// The instance's series (for a generated method: `&self.h.cells().commit_index`).
    #[inline]
    pub fn cells(&self) -> &C {
        self.entry.cells()
    }

    /// The instance, to project an owned series from.
    pub fn entry(&self) -> &Arc<Entry<C>> {
        &self.entry
    }
}

impl<O: OwnedKey, C: Cells> Clone for Handle<O, C> {
    fn clone(&self) -> Self {
        Handle {
            entry: Arc::clone(&self.entry),
            life: Arc::clone(&self.life),
        }
    }
}

impl<O: OwnedKey, C: Cells> fmt::Debug for Handle<O, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("labels", &self.entry.labels().text())
            .finish_non_exhaustive()
    }
}

/// Shared by a handle's clones; its drop is the last clone's.
struct Life<O: OwnedKey, C: Cells> {
    map: Arc<ScopeMap<O, C>>,
    key: Key<O>,
    entry: Arc<Entry<C>>,
}

impl<O: OwnedKey, C: Cells> Drop for Life<O, C> {
    fn drop(&mut self) {
        let me: *const Life<O, C> = self;
        let taken = {
            let mut t = self.map.table.write();
            // Still this handle's instance, and no newer handle of it was made since.
            let mine = t.slot(&self.key).is_some_and(|s| {
                Arc::ptr_eq(&s.entry, &self.entry) && std::ptr::eq(s.handle.as_ptr(), me)
            });
            if mine {
                t.take(&self.key)
            } else {
                None
            }
        };
        if let Some(slot) = taken {
            self.map.retire(&slot.entry);
        }
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use crate::__rt::value::IntGauge;
    use crate::__rt::{LabelBudget, OVERFLOW};
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    #[derive(Default)]
    struct Cells1 {
        g: IntGauge,
        closed: AtomicUsize,
    }

    impl Cells for Cells1 {
        fn close(&self) {
            self.closed.fetch_add(1, Relaxed);
        }
    }

    type Map = ScopeMap<(Box<str>, u32), Cells1>;

    fn map(topics: u64) -> (Arc<Map>, Arc<LabelBudget>) {
        let b = Arc::new(LabelBudget::new(topics));
        let m = ScopeMap::new(
            &["topic", "partition"],
            vec![(0, Arc::clone(&b))],
            Box::new(Cells1::default),
        );
        (Arc::new(m), b)
    }

    fn texts(m: &Map) -> Vec<String> {
        m.snapshot()
            .iter()
            .map(|e| format!("{} {}", e.labels().text(), e.cells().g.get()))
            .collect()
    }

    #[test]
    fn accessors_and_handles_share_one_instance_listed_in_label_order() {
        let (m, _) = map(8);
        m.entry(("b", 10u32)).cells().g.set(1);
        let h = m.handle(("b", 10u32));
        h.cells().g.inc();
        m.entry(("b", 9u32));
        m.entry(("a\"x", 2u32));
        assert_eq!(
            texts(&m),
            [
                "topic=\"a\\\"x\",partition=\"2\" 0",
                "topic=\"b\",partition=\"9\" 0",
                "topic=\"b\",partition=\"10\" 2",
            ]
        );
    }

    #[test]
    fn the_last_handle_removes_its_instance_and_a_kept_one_records_unseen() {
        let (m, budget) = map(1);
        let h = m.handle(("t", 1u32));
        let h2 = m.handle(("t", 1u32));
        drop(h);
        assert_eq!(m.len(), 1, "a live clone keeps it");
        drop(h2);
        assert!(m.is_empty());
        assert!(budget.acquire("other"), "the topic was given back");
        budget.release("other");

        let kept = m.handle(("t", 2u32));
        m.remove(("t", 2u32));
        assert_eq!(kept.cells().closed.load(Relaxed), 1);
        kept.cells().g.set(5);
        assert!(texts(&m).is_empty());
        // A fresh instance, unaffected by the old handle's drop.
        m.entry(("t", 2u32));
        drop(kept);
        assert_eq!(texts(&m), ["topic=\"t\",partition=\"2\" 0"]);
    }

    #[test]
    fn values_past_the_budget_share_one_folded_instance() {
        let (m, _) = map(1);
        m.entry(("a", 1u32));
        let x = m.handle(("b", 1u32));
        let y = m.handle(("c", 1u32));
        x.cells().g.inc();
        y.cells().g.inc();
        assert_eq!(
            texts(&m),
            [
                "topic=\"a\",partition=\"1\" 0".to_string(),
                format!("topic=\"{OVERFLOW}\",partition=\"1\" 2"),
            ]
        );
        drop(x);
        assert_eq!(m.len(), 2, "the folded instance is shared by y");
        drop(y);
        assert_eq!(m.len(), 1);
    }
}
