//! A family's series keyed by their exact label values. prometheus' `MetricVec` keys its
//! children by one hash of the label values' bytes run together, so `("topic-2", "50")` and
//! `("topic-25", "0")` share one series: at 3,200 partitions 216 of them silently merged. The
//! vector here only describes the family and builds each series; this store owns them, keyed
//! by the values themselves, and is what the registry collects.

use std::collections::HashMap;
use std::sync::Arc;

use prometheus::core::{Collector, Desc, Metric, MetricVec, MetricVecBuilder};
use prometheus::proto::MetricFamily;

use super::sync::RwLock;

type Values = Box<[Box<str>]>;

pub struct Children<P: MetricVecBuilder> {
    inner: Arc<Inner<P>>,
}

struct Inner<P: MetricVecBuilder> {
    /// Describes the family and builds series; its own child table stays empty.
    vec: MetricVec<P>,
    series: RwLock<HashMap<Values, P::M>>,
}

impl<P: MetricVecBuilder> Clone for Children<P> {
    fn clone(&self) -> Self {
        Children {
            inner: Arc::clone(&self.inner),
        }
    }
}

fn key(values: &[&str]) -> Values {
    values.iter().map(|v| Box::<str>::from(*v)).collect()
}

impl<P: MetricVecBuilder> Children<P>
where
    P::M: Clone,
{
    pub fn new(vec: MetricVec<P>) -> Self {
        Children {
            inner: Arc::new(Inner {
                vec,
                series: RwLock::new(HashMap::new()),
            }),
        }
    }

    /// The series with exactly these label values, created on first use.
    pub fn child(&self, values: &[&str]) -> prometheus::Result<P::M> {
        if let Some(m) = self.inner.series.read().get(&key(values)) {
            return Ok(m.clone());
        }
        let mut series = self.inner.series.write();
        if let Some(m) = series.get(&key(values)) {
            return Ok(m.clone());
        }
        // Built by the vector and taken out of it at once, under the write lock: the vector
        // never holds a child another label set could collide with.
        let m = self.inner.vec.get_metric_with_label_values(values)?;
        let _ = self.inner.vec.remove_label_values(values);
        series.insert(key(values), m.clone());
        Ok(m)
    }

    /// Stop exposing the series with exactly these label values.
    pub fn remove(&self, values: &[&str]) {
        self.inner.series.write().remove(&key(values));
    }

    pub fn len(&self) -> usize {
        self.inner.series.read().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<P: MetricVecBuilder> Collector for Children<P>
where
    P::M: Clone,
{
    fn desc(&self) -> Vec<&Desc> {
        self.inner.vec.desc()
    }

    fn collect(&self) -> Vec<MetricFamily> {
        let series = self.inner.series.read();
        if series.is_empty() {
            return Vec::new();
        }
        // The vector's own (empty) family gives name, help and type.
        let mut families = self.inner.vec.collect();
        if let Some(f) = families.first_mut() {
            f.set_metric(series.values().map(Metric::metric).collect());
        }
        families
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use prometheus::{IntGaugeVec, Opts};

    #[test]
    fn label_values_that_run_together_alike_are_different_series() {
        let vec = IntGaugeVec::new(Opts::new("g", "h"), &["topic", "partition"]).unwrap();
        let c = Children::new(vec);
        c.child(&["topic-2", "50"]).unwrap().set(1);
        c.child(&["topic-25", "0"]).unwrap().set(2);
        assert_eq!(c.len(), 2);
        assert_eq!(c.child(&["topic-2", "50"]).unwrap().get(), 1);
        let families = c.collect();
        assert_eq!(families.len(), 1);
        assert_eq!(families[0].get_metric().len(), 2);
        c.remove(&["topic-2", "50"]);
        assert_eq!(c.collect()[0].get_metric().len(), 1);
        assert!(
            c.child(&["topic-2", "50", "x"]).is_err(),
            "a wrong label count is refused"
        );
    }
}
