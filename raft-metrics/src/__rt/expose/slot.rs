//! A family's series in one place (the node, or one scope instance): one series, an array over
//! enum values, or a map by open label values.

use std::sync::Arc;

use super::super::enums::EnumArray;
use super::super::family::Family;
use super::super::key::OwnedKey;
use super::super::value::{
    Counter, Gauge, Histogram, HistogramN, IntCounter, IntGauge, Read, Sample,
};
use super::FamilyDesc;

pub trait Slot {
    /// Calls `f` with each series' own label values (in `desc.labels` order) and its value;
    /// `scratch` holds a histogram's counts while it is read.
    fn each(
        &self,
        desc: &FamilyDesc,
        scratch: &mut Vec<u64>,
        f: &mut dyn FnMut(&[&str], &Sample<'_>),
    );
}

/// One series, without labels of its own.
macro_rules! single {
    ($([$($g:tt)*] $t:ty),*) => {$(
        impl<$($g)*> Slot for $t {
            #[inline]
            fn each(&self, _: &FamilyDesc, scratch: &mut Vec<u64>, f: &mut dyn FnMut(&[&str], &Sample<'_>)) {
                f(&[], &self.read(scratch));
            }
        }
    )*};
}
single!(
    [] IntCounter,
    [] Counter,
    [] IntGauge,
    [] Gauge,
    [] Histogram,
    [const N: usize] HistogramN<N>,
    [T: Read + ?Sized] Arc<T>
);

impl<M: Read, const N: usize> Slot for EnumArray<M, N> {
    fn each(
        &self,
        desc: &FamilyDesc,
        scratch: &mut Vec<u64>,
        f: &mut dyn FnMut(&[&str], &Sample<'_>),
    ) {
        for (i, labels) in desc.combos.iter().enumerate().take(N) {
            f(labels, &self.at(i).read(scratch));
        }
    }
}

impl<O: OwnedKey, T: Read + Send + Sync + 'static> Slot for Family<O, T> {
    fn each(
        &self,
        _: &FamilyDesc,
        scratch: &mut Vec<u64>,
        f: &mut dyn FnMut(&[&str], &Sample<'_>),
    ) {
        Family::each(self, |values, series| f(values, &series.read(scratch)));
    }
}
