//! [`Series`]: an owned pointer to one series that lives inside a shared block (a partition's
//! series, a family's map entry). Accessors return it instead of a lock guard, so holding a
//! series never holds a lock; it keeps its block alive, so a series kept after its partition
//! was removed records into a block the exposition no longer reads.

use std::fmt;
use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::Arc;

/// One series, owned: derefs to the series (`IntCounter`, `Histogram`, ...). Cloning copies a
/// pointer and one reference count.
pub struct Series<T: ?Sized + 'static> {
    ptr: NonNull<T>,
    _owner: Arc<dyn Send + Sync>,
}

impl<T: ?Sized + 'static> Series<T> {
    /// The series `f` picks out of `owner`.
    pub fn project<S: Send + Sync + 'static>(owner: Arc<S>, f: impl FnOnce(&S) -> &T) -> Self {
        let ptr = NonNull::from(f(&owner));
        Series { ptr, _owner: owner }
    }
}

impl<T: ?Sized + 'static> Series<T> {
    /// The part of this series `f` picks (a stored histogram as [`Histogram`](super::Histogram)).
    pub fn map<U: ?Sized + 'static>(self, f: impl FnOnce(&T) -> &U) -> Series<U> {
        let ptr = NonNull::from(f(&self));
        Series {
            ptr,
            _owner: self._owner,
        }
    }
}

impl<T: Send + Sync + 'static> Series<T> {
    /// A series that is its own block.
    pub fn from_arc(owner: Arc<T>) -> Self {
        Series::project(owner, |s| s)
    }
}

impl<T: ?Sized + 'static> Deref for Series<T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: `ptr` was derived from a shared borrow of `_owner`'s contents, which an `Arc`
        // never moves and never hands out mutably while this clone is alive; `_owner` lives as
        // long as `self`.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: ?Sized + 'static> Clone for Series<T> {
    fn clone(&self) -> Self {
        Series {
            ptr: self.ptr,
            _owner: Arc::clone(&self._owner),
        }
    }
}

// SAFETY: a `Series` only gives out `&T`, and its owner is `Send + Sync`.
unsafe impl<T: ?Sized + Sync + 'static> Send for Series<T> {}
// SAFETY: as above.
unsafe impl<T: ?Sized + Sync + 'static> Sync for Series<T> {}

impl<T: ?Sized + fmt::Debug + 'static> fmt::Debug for Series<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__rt::value::{Histogram, HistogramN, IntGauge};

    struct Block {
        a: IntGauge,
        h: HistogramN<3>,
    }

    static BOUNDS: [f64; 2] = [1.0, 2.0];

    #[test]
    fn a_projection_keeps_its_block_alive_and_reads_the_same_cell() {
        let block = Arc::new(Block {
            a: IntGauge::new(),
            h: HistogramN::new(&BOUNDS),
        });
        let a = Series::project(Arc::clone(&block), |b| &b.a);
        let h: Series<Histogram> = Series::project(Arc::clone(&block), |b| &b.h as &Histogram);
        a.set(7);
        h.observe(1.5);
        drop(block);
        let a2 = a.clone();
        drop(a);
        assert_eq!(a2.get(), 7, "the clone still reads the block");
        assert_eq!(h.counts(), [0, 1, 0]);
        let own = Series::from_arc(Arc::new(IntGauge::new()));
        own.inc();
        assert_eq!(own.get(), 1);
    }
}
