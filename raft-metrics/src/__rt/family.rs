//! A family's series by open label values (a node-wide family such as `rpc_calls_total`, or a
//! partition's series by peer): found by hashing the typed key under a shared lock, with no
//! allocation, and returned owned.

use std::sync::Arc;

use super::budget::Budget;
use super::key::{LabelKey, OwnedKey};
use super::owned::Series;
use super::series::SeriesMap;

pub struct Family<O: OwnedKey, T> {
    series: SeriesMap<O, Arc<T>>,
    make: fn() -> T,
}

impl<O: OwnedKey, T: Send + Sync + 'static> Family<O, T> {
    /// `make` builds a fresh series; `budgets` are (label position, budget) of each open label.
    pub fn new(make: fn() -> T, budgets: Vec<Budget>) -> Self {
        Family {
            series: SeriesMap::new(Arc::new(make()), budgets),
            make,
        }
    }

    /// The series for `key`, created on first use.
    #[inline]
    pub fn get<K: LabelKey<Owned = O>>(&self, key: K) -> Series<T> {
        Series::from_arc(self.series.get(key, |_| Arc::new((self.make)())))
    }

    /// Forget every series; label sets asked for afterwards get a stand-in that is never
    /// exposed (the family belongs to a removed partition).
    pub fn close(&self) {
        self.series.close(|_| {});
    }

    /// Calls `f` with each series' exposed label values and the series, in label order.
    pub fn each(&self, mut f: impl FnMut(&[&str], &T)) {
        self.series
            .for_each_sorted(|values, series| f(values, series));
    }

    /// Number of label sets held.
    pub fn len(&self) -> usize {
        self.series.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__rt::value::IntCounter;
    use crate::__rt::{LabelBudget, OVERFLOW};

    fn family(max: u64) -> Family<(Box<str>, u32), IntCounter> {
        Family::new(IntCounter::new, vec![(0, Arc::new(LabelBudget::new(max)))])
    }

    fn exposed(f: &Family<(Box<str>, u32), IntCounter>) -> Vec<(String, u64)> {
        let mut out = Vec::new();
        f.each(|v, c| out.push((v.join("/"), c.get())));
        out
    }

    #[test]
    fn the_same_key_is_the_same_series_in_label_order() {
        let f = family(8);
        f.get(("orders", 10u32)).inc();
        f.get(("orders", 10u32)).inc_by(2);
        f.get(("orders", 2u32)).inc();
        assert_eq!(
            exposed(&f),
            [("orders/2".into(), 1), ("orders/10".into(), 3)]
        );
    }

    #[test]
    fn over_budget_values_fold_and_a_closed_family_exposes_nothing() {
        let f = family(1);
        f.get(("a", 1u32)).inc();
        f.get(("b", 1u32)).inc();
        f.get(("c", 1u32)).inc();
        assert_eq!(
            exposed(&f),
            [("a/1".into(), 1), (format!("{OVERFLOW}/1"), 2)]
        );
        f.close();
        f.get(("a", 1u32)).inc();
        assert!(exposed(&f).is_empty());
    }
}
