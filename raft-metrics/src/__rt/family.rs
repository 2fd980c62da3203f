//! A labelled family with open labels: its series by exact label values (what the registry
//! collects) and by typed key, so a lookup hashes the key once under a shared lock, with no
//! allocation.

use prometheus::core::MetricVecBuilder;

use super::budget::Budget;
use super::children::Children;
use super::key::{LabelKey, OwnedKey};
use super::series::SeriesMap;

pub struct Family<O: OwnedKey, P: MetricVecBuilder> {
    children: Children<P>,
    series: SeriesMap<O, P::M>,
}

impl<O: OwnedKey, P: MetricVecBuilder> Family<O, P>
where
    P::M: Clone,
{
    /// `detached` stands in if prometheus ever refuses a label set; it is never registered.
    /// `budgets`: (label position, budget) of each open label.
    pub fn new(children: Children<P>, detached: P::M, budgets: Vec<Budget>) -> Self {
        Family {
            children,
            series: SeriesMap::new(detached, budgets),
        }
    }

    pub fn detached(&self) -> &P::M {
        self.series.detached()
    }

    pub fn children(&self) -> &Children<P> {
        &self.children
    }

    /// The series for `key`, created on first use.
    #[inline]
    pub fn get<K: LabelKey<Owned = O>>(&self, key: K) -> P::M {
        self.series.get(key, |values| self.child_by_values(values))
    }

    /// A series by exposed values in label order.
    pub fn child_by_values(&self, values: &[&str]) -> P::M {
        self.children
            .child(values)
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
        self.children.remove(values);
    }

    /// Number of series created through [`Family::get`] (for tests and budgets).
    pub fn cached(&self) -> usize {
        self.series.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__rt::register::BuilderOf;
    use prometheus::core::Collector;
    use prometheus::{IntCounter, IntCounterVec, Opts};

    type Counters = Family<(Box<str>, u32), BuilderOf<IntCounterVec>>;

    fn family() -> Counters {
        let vec = IntCounterVec::new(Opts::new("x_total", "x"), &["topic", "partition"]).unwrap();
        let detached = IntCounter::new("x_total", "x").unwrap();
        Family::new(Children::new(vec), detached, Vec::new())
    }

    fn exposed(f: &Counters) -> Vec<(String, u64)> {
        let mut out: Vec<(String, u64)> = f
            .children()
            .collect()
            .iter()
            .flat_map(|mf| mf.get_metric().to_vec())
            .map(|m| {
                // Prometheus sorts labels by name: partition, topic.
                let labels: Vec<&str> = m.get_label().iter().map(|l| l.value()).collect();
                (labels.join("/"), m.get_counter().get_value() as u64)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_same_key_is_the_same_series() {
        let f = family();
        f.get(("orders", 1u32)).inc();
        f.get(("orders", 1u32)).inc_by(2);
        f.get(("orders", 2u32)).inc();
        assert_eq!(
            exposed(&f),
            [("1/orders".into(), 3), ("2/orders".into(), 1)]
        );
        assert_eq!(f.cached(), 2);
    }

    #[test]
    fn remove_where_removes_the_matching_series_only() {
        let f = family();
        f.get(("orders", 1u32)).inc();
        f.get(("orders", 2u32)).inc();
        f.get(("users", 1u32)).inc();
        f.remove_where(&[(0, "orders")]);
        assert_eq!(exposed(&f), [("1/users".into(), 1)]);
        // A series asked for again is a fresh one.
        f.get(("orders", 1u32)).inc();
        assert_eq!(exposed(&f), [("1/orders".into(), 1), ("1/users".into(), 1)]);
    }
}
