//! Runtime support for the generated code: label keys that hash without allocating, lazily
//! created label sets cached for lock-shared lookup, and removal of a scope's series.
//! Generated code is the only intended caller; the types are public so that it can name them.

use std::hash::{BuildHasher, Hash};
use std::sync::Arc;

use hashbrown::HashTable;
use parking_lot::{MappedRwLockReadGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use prometheus::core::{Collector, MetricVec, MetricVecBuilder};

pub use {itoa, parking_lot, prometheus};

/// A borrowed handle to a metric that lives in a shared cache; derefs to the prometheus metric.
pub type Ref<'a, M> = MappedRwLockReadGuard<'a, M>;

/// One label value as the caller passes it (`&str`, `u32`, `u64` or a generated enum).
pub trait LabelPart: Copy + Hash {
    /// What the cache stores. Its `Hash` must equal the borrowed value's `Hash`.
    type Owned: Hash + Eq + Clone + Send + Sync + 'static;
    fn to_owned_part(self) -> Self::Owned;
    fn eq_owned(self, owned: &Self::Owned) -> bool;
    /// The exposed label value; integers are formatted into `buf`, on the stack.
    fn as_label<'s>(self, buf: &'s mut itoa::Buffer) -> &'s str
    where
        Self: 's;
}

/// A stored label value that can be compared with its exposed text (for removal).
pub trait OwnedPart {
    fn eq_label(&self, value: &str) -> bool;
    /// The exposed label value; integers are formatted into `buf`.
    fn label<'s>(&'s self, buf: &'s mut itoa::Buffer) -> &'s str;
}

impl LabelPart for &str {
    type Owned = Box<str>;
    fn to_owned_part(self) -> Box<str> {
        self.into()
    }
    fn eq_owned(self, owned: &Box<str>) -> bool {
        self == &**owned
    }
    fn as_label<'s>(self, _: &'s mut itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self
    }
}

impl OwnedPart for Box<str> {
    fn eq_label(&self, value: &str) -> bool {
        &**self == value
    }
    fn label<'s>(&'s self, _: &'s mut itoa::Buffer) -> &'s str {
        self
    }
}

macro_rules! int_part {
    ($($t:ty),*) => {$(
        impl LabelPart for $t {
            type Owned = $t;
            fn to_owned_part(self) -> $t {
                self
            }
            fn eq_owned(self, owned: &$t) -> bool {
                self == *owned
            }
            fn as_label<'s>(self, buf: &'s mut itoa::Buffer) -> &'s str
            where
                Self: 's,
            {
                buf.format(self)
            }
        }
        impl OwnedPart for $t {
            fn eq_label(&self, value: &str) -> bool {
                itoa::Buffer::new().format(*self) == value
            }
            fn label<'s>(&'s self, buf: &'s mut itoa::Buffer) -> &'s str {
                buf.format(*self)
            }
        }
    )*};
}
int_part!(u32, u64);

/// A full label set in the metric's label order: a tuple of [`LabelPart`]s.
pub trait LabelKey: Copy + Hash {
    type Owned: OwnedKey;
    fn to_owned_key(self) -> Self::Owned;
    fn eq_owned(&self, owned: &Self::Owned) -> bool;
    /// Calls `f` with the exposed label values, formatted without heap allocation.
    fn with_labels<R>(self, f: impl FnOnce(&[&str]) -> R) -> R;
}

/// A stored label set.
pub trait OwnedKey: Hash + Eq + Clone + Send + Sync + 'static {
    /// Whether the label at `pos` has the exposed value `value`.
    fn matches(&self, pos: usize, value: &str) -> bool;
    /// Calls `f` with the exposed label values.
    fn with_labels<R>(&self, f: impl FnOnce(&[&str]) -> R) -> R;
}

macro_rules! tuple_key {
    ($( ($($T:ident $i:tt),+) )*) => {$(
        impl<$($T: LabelPart),+> LabelKey for ($($T,)+)
        where $($T::Owned: OwnedPart),+
        {
            type Owned = ($($T::Owned,)+);
            fn to_owned_key(self) -> Self::Owned {
                ($(self.$i.to_owned_part(),)+)
            }
            #[inline]
            fn eq_owned(&self, owned: &Self::Owned) -> bool {
                true $(&& self.$i.eq_owned(&owned.$i))+
            }
            fn with_labels<R>(self, f: impl FnOnce(&[&str]) -> R) -> R {
                let mut bufs = [$({ let _ = $i; itoa::Buffer::new() }),+];
                #[allow(non_snake_case)]
                let [$($T),+] = &mut bufs;
                f(&[$(self.$i.as_label($T)),+])
            }
        }
        impl<$($T: OwnedPart + Hash + Eq + Clone + Send + Sync + 'static),+> OwnedKey for ($($T,)+) {
            fn matches(&self, pos: usize, value: &str) -> bool {
                match pos {
                    $($i => self.$i.eq_label(value),)+
                    _ => false,
                }
            }
            fn with_labels<R>(&self, f: impl FnOnce(&[&str]) -> R) -> R {
                let mut bufs = [$({ let _ = $i; itoa::Buffer::new() }),+];
                #[allow(non_snake_case)]
                let [$($T),+] = &mut bufs;
                f(&[$(self.$i.label($T)),+])
            }
        }
    )*};
}
tuple_key! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
}

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

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// A labelled family: the registered prometheus vector plus a cache of its children, so a
/// lookup hashes the typed key once and takes a shared lock, with no allocation.
pub struct Family<O: OwnedKey, P: MetricVecBuilder> {
    vec: MetricVec<P>,
    cache: RwLock<Cache<O, P::M>>,
    /// Stand-in returned if prometheus ever refuses a label set; never registered.
    detached: P::M,
}

impl<O: OwnedKey, P: MetricVecBuilder> Family<O, P>
where
    P::M: Clone,
{
    /// `budgets`: (label position, budget) of each open label.
    pub fn new(vec: MetricVec<P>, detached: P::M, budgets: Vec<(usize, Arc<LabelBudget>)>) -> Self {
        Family {
            vec,
            cache: RwLock::new(Cache::new(detached.clone(), budgets)),
            detached,
        }
    }

    pub fn detached(&self) -> &P::M {
        &self.detached
    }

    pub fn vec(&self) -> &MetricVec<P> {
        &self.vec
    }

    /// The child for `key`, created on first use.
    #[inline]
    pub fn get<K: LabelKey<Owned = O>>(&self, key: K) -> Ref<'_, P::M> {
        self.cache.get(key, |values| self.child_by_values(values))
    }

    /// A child by exposed values in label order.
    pub fn child_by_values(&self, values: &[&str]) -> P::M {
        self.vec
            .get_metric_with_label_values(values)
            .unwrap_or_else(|_| self.detached.clone())
    }

    /// Remove the cached children whose labels at the given positions have the given values,
    /// from the cache and from the exposition. Each is removed by its exact label values: the
    /// cost is a scan of this family's cache, never of all its series.
    pub fn remove_where(&self, selector: &[(usize, &str)]) {
        let vec = &self.vec;
        let mut cache = self.cache.write();
        let cache = &mut *cache;
        let budgets = &cache.budgets;
        cache.map.retain(|k, _| {
            let hit = selector.iter().all(|(p, v)| k.matches(*p, v));
            if hit {
                k.with_labels(|values| {
                    let _ = vec.remove_label_values(values);
                    release(budgets, values);
                });
            }
            !hit
        });
        cache.overflow.retain(|values, _| {
            let hit = selector
                .iter()
                .all(|(p, v)| values.get(*p).is_some_and(|x| &**x == *v));
            if hit {
                let values = strs(values);
                let _ = vec.remove_label_values(&values);
                release(budgets, &values);
            }
            !hit
        });
    }

    /// Remove one series, by its exact label values, from the exposition (if it is there).
    pub fn remove_exact(&self, values: &[&str]) {
        let _ = self.vec.remove_label_values(values);
    }

    /// Number of cached children (for tests and budgets).
    pub fn cached(&self) -> usize {
        self.cache.read().map.len()
    }
}

/// The value an open label takes once its budget is spent.
pub const OVERFLOW: &str = "__overflow__";

/// The run-time budget of one open label: at most `max` distinct values live at once across
/// every family and handle; further values fold into [`OVERFLOW`], and each fold is counted.
pub struct LabelBudget {
    max: usize,
    /// Live values, with how many cache entries and handles use each.
    live: parking_lot::Mutex<std::collections::HashMap<Box<str>, usize>>,
    folded: std::sync::OnceLock<prometheus::IntCounter>,
}

impl LabelBudget {
    pub fn new(max: u64) -> Self {
        LabelBudget {
            max: usize::try_from(max).unwrap_or(usize::MAX),
            live: Default::default(),
            folded: std::sync::OnceLock::new(),
        }
    }

    /// Where folds are counted (the schema's `overflow_metric` child for this label).
    pub fn count_folds_in(&self, counter: prometheus::IntCounter) {
        let _ = self.folded.set(counter);
    }

    /// Take one use of `value`; `false` (and a counted fold) when it is new and the budget is
    /// full. [`OVERFLOW`] itself is never admitted, so it always means "folded".
    pub fn acquire(&self, value: &str) -> bool {
        if value != OVERFLOW {
            let mut live = self.live.lock();
            if let Some(n) = live.get_mut(value) {
                *n += 1;
                return true;
            }
            if live.len() < self.max {
                live.insert(value.into(), 1);
                return true;
            }
        }
        if let Some(c) = self.folded.get() {
            c.inc();
        }
        false
    }

    /// Give back one use of an admitted `value`.
    pub fn release(&self, value: &str) {
        let mut live = self.live.lock();
        if let Some(n) = live.get_mut(value) {
            *n -= 1;
            if *n == 0 {
                live.remove(value);
            }
        }
    }
}

/// Admit the open values of a label set, folding the refused ones. Returns the final values
/// and whether any was folded; on a fold, only the admissions of the result are kept.
fn admit<'v>(budgets: &[(usize, Arc<LabelBudget>)], values: &[&'v str]) -> (Vec<&'v str>, bool) {
    let mut out = values.to_vec();
    let mut folded = false;
    for (pos, b) in budgets {
        if let Some(v) = out.get_mut(*pos) {
            if !b.acquire(v) {
                *v = OVERFLOW;
                folded = true;
            }
        }
    }
    (out, folded)
}

/// The label values of an overflow entry, as the `&[&str]` prometheus takes.
fn strs(values: &[Box<str>]) -> Vec<&str> {
    values.iter().map(|v| &**v).collect()
}

/// Give back the admissions of a stored label set (folded positions hold none).
fn release(budgets: &[(usize, Arc<LabelBudget>)], values: &[&str]) {
    for (pos, b) in budgets {
        if let Some(v) = values.get(*pos).filter(|v| **v != OVERFLOW) {
            b.release(v);
        }
    }
}

/// Children created on first use, behind a shared lock. Label sets with a folded value live in
/// `overflow`, keyed by exposed values, so refused values never grow the cache.
pub struct Cache<O: OwnedKey, M> {
    map: KeyMap<O, M>,
    overflow: std::collections::HashMap<Box<[Box<str>]>, M>,
    budgets: Vec<(usize, Arc<LabelBudget>)>,
    /// Stands in if a child cannot be found after insertion (it always can; this keeps the
    /// path panic-free).
    detached: M,
}

impl<O: OwnedKey, M> Cache<O, M> {
    fn new(detached: M, budgets: Vec<(usize, Arc<LabelBudget>)>) -> Self {
        Cache {
            map: KeyMap::default(),
            overflow: Default::default(),
            budgets,
            detached,
        }
    }
}

impl<O: OwnedKey, M> Drop for Cache<O, M> {
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

trait CacheLock<O: OwnedKey, M> {
    fn get<K: LabelKey<Owned = O>>(&self, key: K, make: impl FnOnce(&[&str]) -> M) -> Ref<'_, M>;
}

impl<O: OwnedKey, M> CacheLock<O, M> for RwLock<Cache<O, M>> {
    #[inline]
    fn get<K: LabelKey<Owned = O>>(&self, key: K, make: impl FnOnce(&[&str]) -> M) -> Ref<'_, M> {
        let guard = self.read();
        match RwLockReadGuard::try_map(guard, |c| c.map.get(&key)) {
            Ok(m) => m,
            Err(guard) => {
                drop(guard);
                insert(self, key, make)
            }
        }
    }
}

#[cold]
fn insert<O: OwnedKey, M, K: LabelKey<Owned = O>>(
    lock: &RwLock<Cache<O, M>>,
    key: K,
    make: impl FnOnce(&[&str]) -> M,
) -> Ref<'_, M> {
    let mut w = lock.write();
    if w.map.get(&key).is_none() {
        let c = &mut *w;
        let folded = key.with_labels(|values| {
            let (values, folded) = admit(&c.budgets, values);
            if !folded {
                c.map.get_or_insert_with(key, || make(&values));
                return None;
            }
            let owned: Box<[Box<str>]> = values.iter().map(|v| Box::from(*v)).collect();
            if c.overflow.contains_key(&owned) {
                // The folded series exists and holds its admissions already.
                release(&c.budgets, &values);
            } else {
                c.overflow.insert(owned.clone(), make(&values));
            }
            Some(owned)
        });
        if let Some(owned) = folded {
            let r = RwLockWriteGuard::downgrade(w);
            return RwLockReadGuard::map(r, |c| c.overflow.get(&owned).unwrap_or(&c.detached));
        }
    }
    let r = RwLockWriteGuard::downgrade(w);
    RwLockReadGuard::map(r, |c| c.map.get(&key).unwrap_or(&c.detached))
}

/// Children of a family under a bound scope, keyed by the labels the scope leaves open.
pub struct Scoped<O: OwnedKey, M> {
    cache: RwLock<Cache<O, M>>,
}

impl<O: OwnedKey, M> Scoped<O, M> {
    /// `budgets`: (position among the open labels, budget) of each open label.
    pub fn new(detached: M, budgets: Vec<(usize, Arc<LabelBudget>)>) -> Self {
        Scoped {
            cache: RwLock::new(Cache::new(detached, budgets)),
        }
    }

    /// `make` gets the exposed values of the remaining labels (folded where over budget).
    #[inline]
    pub fn get<K: LabelKey<Owned = O>>(
        &self,
        key: K,
        make: impl FnOnce(&[&str]) -> M,
    ) -> Ref<'_, M> {
        self.cache.get(key, make)
    }

    /// Calls `f` with the exposed values of every label set created through this scope.
    pub fn for_each_key(&self, mut f: impl FnMut(&[&str])) {
        let cache = self.cache.read();
        for k in cache.map.keys() {
            k.with_labels(&mut f);
        }
        for values in cache.overflow.keys() {
            f(&strs(values));
        }
    }
}

/// The builder type of a prometheus vector type, e.g. of `IntCounterVec`.
pub trait IsVec {
    type Builder: MetricVecBuilder;
}

impl<P: MetricVecBuilder> IsVec for MetricVec<P> {
    type Builder = P;
}

pub type BuilderOf<V> = <V as IsVec>::Builder;

/// Register collectors one by one; on failure unregister the ones already added, so a failed
/// registration leaves the registry as it was.
pub struct Registrar<'r> {
    registry: &'r prometheus::Registry,
    done: Vec<Box<dyn Collector>>,
}

impl<'r> Registrar<'r> {
    pub fn new(registry: &'r prometheus::Registry) -> Self {
        Registrar {
            registry,
            done: Vec::new(),
        }
    }

    pub fn add<C: Collector + Clone + 'static>(&mut self, c: &C) -> Result<(), prometheus::Error> {
        match self.registry.register(Box::new(c.clone())) {
            Ok(()) => {
                self.done.push(Box::new(c.clone()));
                Ok(())
            }
            Err(e) => {
                for c in self.done.drain(..) {
                    let _ = self.registry.unregister(c);
                }
                Err(e)
            }
        }
    }
}

/// Index of a combination of enum discriminants in a flattened array.
#[inline(always)]
pub const fn flat_index(parts: &[(usize, usize)]) -> usize {
    let mut idx = 0;
    let mut i = 0;
    while i < parts.len() {
        idx = idx * parts[i].1 + parts[i].0;
        i += 1;
    }
    idx
}

/// The children of one all-enum family, inline: found by index with no extra pointer
/// to follow. `N` is the number of value combinations (validation rejects empty enums).
#[derive(Clone)]
pub struct EnumArray<M, const N: usize>([M; N]);

impl<M, const N: usize> EnumArray<M, N> {
    pub fn from_fn(f: impl FnMut(usize) -> M) -> Self {
        EnumArray(std::array::from_fn(f))
    }

    #[inline(always)]
    pub fn at(&self, index: usize) -> &M {
        // Generated indexes are always < N; clamping keeps the access panic-free regardless.
        &self.0[index.min(N.saturating_sub(1))]
    }
}

/// A string that names no value of an enum label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLabelValue {
    pub label: &'static str,
    pub value: String,
}

impl UnknownLabelValue {
    pub fn new(label: &'static str, value: &str) -> Self {
        UnknownLabelValue {
            label,
            value: value.to_string(),
        }
    }
}

impl std::fmt::Display for UnknownLabelValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not a value of label `{}`",
            self.value, self.label
        )
    }
}

impl std::error::Error for UnknownLabelValue {}
