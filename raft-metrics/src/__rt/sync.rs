//! The locks the runtime uses: `parking_lot` normally, `loom`'s under `--cfg loom`, so the
//! model check in `tests/loom.rs` explores every interleaving of the real code.
//! Guards are only ever held inside one runtime call, never returned.

use std::ops::{Deref, DerefMut};

#[cfg(not(loom))]
use parking_lot as imp;

#[cfg(loom)]
use loom::sync as imp;

pub struct RwLock<T>(imp::RwLock<T>);
pub struct Mutex<T>(imp::Mutex<T>);

impl<T> RwLock<T> {
    pub fn new(value: T) -> Self {
        RwLock(imp::RwLock::new(value))
    }

    #[inline]
    pub fn read(&self) -> impl Deref<Target = T> + '_ {
        #[cfg(not(loom))]
        return self.0.read();
        #[cfg(loom)]
        return self.0.read().unwrap_or_else(|e| e.into_inner());
    }

    #[inline]
    pub fn write(&self) -> impl DerefMut<Target = T> + '_ {
        #[cfg(not(loom))]
        return self.0.write();
        #[cfg(loom)]
        return self.0.write().unwrap_or_else(|e| e.into_inner());
    }
}

impl<T> Mutex<T> {
    pub fn new(value: T) -> Self {
        Mutex(imp::Mutex::new(value))
    }

    #[inline]
    pub fn lock(&self) -> impl DerefMut<Target = T> + '_ {
        #[cfg(not(loom))]
        return self.0.lock();
        #[cfg(loom)]
        return self.0.lock().unwrap_or_else(|e| e.into_inner());
    }
}

impl<T: Default> Default for Mutex<T> {
    fn default() -> Self {
        Mutex::new(T::default())
    }
}
