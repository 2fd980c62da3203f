//! Label values and label sets as callers pass them (borrowed, typed) and as the runtime stores
//! them (owned), hashing alike so a lookup never allocates.

use std::hash::Hash;

/// One label value as the caller passes it (`&str`, `u32`, `u64` or a generated enum).
pub trait LabelPart: Copy + Hash {
    /// What the cache stores. Its `Hash` must equal the borrowed value's `Hash`.
    type Owned: Hash + Eq + Ord + Clone + Send + Sync + 'static;
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

/// A stored label set; ordered so the exposition lists series in label order.
pub trait OwnedKey: Hash + Eq + Ord + Clone + Send + Sync + 'static {
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
        impl<$($T: OwnedPart + Hash + Eq + Ord + Clone + Send + Sync + 'static),+> OwnedKey for ($($T,)+) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, BuildHasherDefault};

    fn hash<T: Hash + ?Sized>(v: &T) -> u64 {
        BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(v)
    }

    #[test]
    fn borrowed_and_owned_keys_hash_and_compare_alike() {
        let key = ("orders", 7u32, 9u64);
        let owned = key.to_owned_key();
        assert_eq!(
            hash(&key.0),
            hash(&owned.0),
            "&str and Box<str> must hash alike"
        );
        assert!(key.eq_owned(&owned));
        assert!(!("orders", 8u32, 9u64).eq_owned(&owned));
    }

    #[test]
    fn labels_are_formatted_without_losing_digits() {
        let key = ("t", 0u32, u64::MAX);
        let out = key.with_labels(|v| v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(out, ["t", "0", "18446744073709551615"]);
        let owned = key.to_owned_key();
        assert_eq!(
            owned.with_labels(|v| v.join(",")),
            "t,0,18446744073709551615"
        );
    }

    #[test]
    fn owned_keys_match_exposed_values_by_position() {
        let owned = ("orders", 7u32).to_owned_key();
        assert!(owned.matches(0, "orders") && owned.matches(1, "7"));
        assert!(!owned.matches(1, "07") && !owned.matches(2, "orders"));
    }
}
