//! Runtime support for the generated code: label keys that hash without allocating, lazily
//! created label sets cached for lock-shared lookup, and removal of a scope's series.
//! Generated code is the only intended caller; the types are public so that it can name them.

use std::hash::{BuildHasher, Hash};

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

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// A labelled family: the registered prometheus vector plus a cache of its children, so a
/// lookup hashes the typed key once and takes a shared lock, with no allocation.
pub struct Family<O, P: MetricVecBuilder> {
    vec: MetricVec<P>,
    cache: RwLock<Cache<O, P::M>>,
    /// Names of the variable labels, in order (for removal by name).
    names: &'static [&'static str],
    /// Stand-in returned if prometheus ever refuses a label set; never registered.
    detached: P::M,
}

impl<O: OwnedKey, P: MetricVecBuilder> Family<O, P>
where
    P::M: Clone,
{
    pub fn new(vec: MetricVec<P>, names: &'static [&'static str], detached: P::M) -> Self {
        Family {
            vec,
            cache: RwLock::new(Cache {
                map: KeyMap::default(),
                detached: detached.clone(),
            }),
            names,
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
        self.cache.get(key, || self.child(key))
    }

    /// A child outside the cache (for bound handles, which keep their own).
    pub fn child<K: LabelKey>(&self, key: K) -> P::M {
        key.with_labels(|values| self.vec.get_metric_with_label_values(values))
            .unwrap_or_else(|_| self.detached.clone())
    }

    /// A child by exposed values in label order.
    pub fn child_by_values(&self, values: &[&str]) -> P::M {
        self.vec
            .get_metric_with_label_values(values)
            .unwrap_or_else(|_| self.detached.clone())
    }

    /// Remove every series whose labels at the given positions have the given values, from
    /// the cache and from the exposition.
    pub fn remove_where(&self, selector: &[(usize, &str)]) {
        let mut cache = self.cache.write();
        cache
            .map
            .retain(|k, _| !selector.iter().all(|(p, v)| k.matches(*p, v)));
        remove_matching(&self.vec, self.names, selector);
    }

    /// Number of cached children (for tests and budgets).
    pub fn cached(&self) -> usize {
        self.cache.read().map.len()
    }
}

/// Remove from `vec` every child whose variable labels at `selector` positions match.
pub fn remove_matching<P: MetricVecBuilder>(
    vec: &MetricVec<P>,
    names: &[&str],
    selector: &[(usize, &str)],
) {
    let mut doomed: Vec<Vec<String>> = Vec::new();
    for mf in vec.collect() {
        for m in mf.get_metric() {
            let value_of = |name: &str| {
                m.get_label()
                    .iter()
                    .find(|lp| lp.name() == name)
                    .map(|lp| lp.value().to_string())
            };
            let hit = selector
                .iter()
                .all(|(p, v)| names.get(*p).and_then(|n| value_of(n)).as_deref() == Some(*v));
            if hit {
                let values: Option<Vec<String>> = names.iter().map(|n| value_of(n)).collect();
                if let Some(values) = values {
                    doomed.push(values);
                }
            }
        }
    }
    for values in doomed {
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        let _ = vec.remove_label_values(&refs);
    }
}

/// Children created on first use, behind a shared lock; `detached` stands in if a child
/// cannot be found after insertion (it always can; this keeps the path panic-free).
pub struct Cache<O, M> {
    map: KeyMap<O, M>,
    detached: M,
}

trait CacheLock<O, M> {
    fn get<K: LabelKey<Owned = O>>(&self, key: K, make: impl FnOnce() -> M) -> Ref<'_, M>;
}

impl<O: OwnedKey, M> CacheLock<O, M> for RwLock<Cache<O, M>> {
    #[inline]
    fn get<K: LabelKey<Owned = O>>(&self, key: K, make: impl FnOnce() -> M) -> Ref<'_, M> {
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
    make: impl FnOnce() -> M,
) -> Ref<'_, M> {
    let mut w = lock.write();
    w.map.get_or_insert_with(key, make);
    let r = RwLockWriteGuard::downgrade(w);
    RwLockReadGuard::map(r, |c| c.map.get(&key).unwrap_or(&c.detached))
}

/// Children of a family under a bound scope, keyed by the labels the scope leaves open.
pub struct Scoped<O, M> {
    cache: RwLock<Cache<O, M>>,
}

impl<O: OwnedKey, M> Scoped<O, M> {
    pub fn new(detached: M) -> Self {
        Scoped {
            cache: RwLock::new(Cache {
                map: KeyMap::default(),
                detached,
            }),
        }
    }

    #[inline]
    pub fn get<K: LabelKey<Owned = O>>(&self, key: K, make: impl FnOnce() -> M) -> Ref<'_, M> {
        self.cache.get(key, make)
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

/// A family whose labels are all enums: every child is created at registration and found by
/// index, with no hashing and no lock.
pub struct EnumFamily<M> {
    children: Box<[M]>,
    detached: M,
}

impl<M: Clone> EnumFamily<M> {
    pub fn new<P: MetricVecBuilder<M = M>>(
        vec: &MetricVec<P>,
        combos: &[&[&str]],
        detached: M,
    ) -> Self {
        let children = combos
            .iter()
            .map(|c| {
                vec.get_metric_with_label_values(c)
                    .unwrap_or_else(|_| detached.clone())
            })
            .collect();
        EnumFamily { children, detached }
    }

    pub fn from_children(children: Vec<M>, detached: M) -> Self {
        EnumFamily {
            children: children.into_boxed_slice(),
            detached,
        }
    }

    #[inline(always)]
    pub fn at(&self, index: usize) -> &M {
        self.children.get(index).unwrap_or(&self.detached)
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
