//! A labelled family with open labels: the registered prometheus vector and its series by
//! typed key, so a lookup hashes the key once under a shared lock, with no allocation.

use prometheus::core::{MetricVec, MetricVecBuilder};

use super::budget::Budget;
use super::key::{LabelKey, OwnedKey};
use super::series::SeriesMap;

pub struct Family<O: OwnedKey, P: MetricVecBuilder> {
    vec: MetricVec<P>,
    series: SeriesMap<O, P::M>,
}

impl<O: OwnedKey, P: MetricVecBuilder> Family<O, P>
where
    P::M: Clone,
{
    /// `detached` stands in if prometheus ever refuses a label set; it is never registered.
    /// `budgets`: (label position, budget) of each open label.
    pub fn new(vec: MetricVec<P>, detached: P::M, budgets: Vec<Budget>) -> Self {
        Family {
            vec,
            series: SeriesMap::new(detached, budgets),
        }
    }

    pub fn detached(&self) -> &P::M {
        self.series.detached()
    }

    pub fn vec(&self) -> &MetricVec<P> {
        &self.vec
    }

    /// The series for `key`, created on first use.
    #[inline]
    pub fn get<K: LabelKey<Owned = O>>(&self, key: K) -> P::M {
        self.series.get(key, |values| self.child_by_values(values))
    }

    /// A series by exposed values in label order.
    pub fn child_by_values(&self, values: &[&str]) -> P::M {
        self.vec
            .get_metric_with_label_values(values)
            .unwrap_or_else(|_| self.detached().clone())
    }

    /// Remove the series whose labels at the given positions have the given values from the
    /// exposition, each by its exact label values: a scan of this family's series created
    /// through [`Family::get`], never of all its series.
    pub fn remove_where(&self, selector: &[(usize, &str)]) {
        self.series
            .remove_where(selector, |values| self.remove_exact(values));
    }

    /// Remove one series, by its exact label values, from the exposition (if it is there).
    pub fn remove_exact(&self, values: &[&str]) {
        let _ = self.vec.remove_label_values(values);
    }

    /// Number of series created through [`Family::get`] (for tests and budgets).
    pub fn cached(&self) -> usize {
        self.series.len()
    }
}
