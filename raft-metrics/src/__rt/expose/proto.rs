//! The `prometheus` crate's families, for a user's `prometheus::Registry` (`Collector`): the
//! same series as the text output, built as owned structures (slower; the text path is what
//! the demos serve).

use prometheus::proto::{self, LabelPair, MetricFamily, MetricType};

use super::super::value::Sample;
use super::out::{Labels, Out};
use super::{Constant, FamilyDesc, Kind};

pub struct Proto<'a> {
    constant: &'a Constant,
    pub families: Vec<MetricFamily>,
}

impl<'a> Proto<'a> {
    pub fn new(constant: &'a Constant) -> Self {
        Proto {
            constant,
            families: Vec::new(),
        }
    }

    fn family(&mut self, desc: &FamilyDesc) -> &mut MetricFamily {
        let fresh = self.families.last().is_none_or(|f| f.name() != desc.name);
        if fresh {
            let mut f = MetricFamily::default();
            f.set_name(desc.name.to_string());
            f.set_help(desc.help.to_string());
            f.set_field_type(match desc.kind {
                Kind::Counter => MetricType::COUNTER,
                Kind::Gauge => MetricType::GAUGE,
                Kind::Histogram => MetricType::HISTOGRAM,
            });
            self.families.push(f);
        }
        self.families.last_mut().expect("pushed above")
    }
}

fn pair(name: &str, value: &str) -> LabelPair {
    let mut p = LabelPair::default();
    p.set_name(name.to_string());
    p.set_value(value.to_string());
    p
}

fn metric(sample: &Sample<'_>) -> proto::Metric {
    let mut m = proto::Metric::default();
    let counter = |v: f64| {
        let mut c = proto::Counter::default();
        c.set_value(v);
        c
    };
    let gauge = |v: f64| {
        let mut g = proto::Gauge::default();
        g.set_value(v);
        g
    };
    match sample {
        Sample::Counter(v) => m.set_counter(counter(*v as f64)),
        Sample::FloatCounter(v) => m.set_counter(counter(*v)),
        Sample::Gauge(v) => m.set_gauge(gauge(*v as f64)),
        Sample::FloatGauge(v) => m.set_gauge(gauge(*v)),
        Sample::Histogram(h) => {
            let mut out = proto::Histogram::default();
            let mut total = 0;
            let buckets = h
                .bounds
                .iter()
                .zip(h.counts)
                .map(|(b, c)| {
                    total += c;
                    let mut bucket = proto::Bucket::default();
                    bucket.set_upper_bound(*b);
                    bucket.set_cumulative_count(total);
                    bucket
                })
                .collect();
            out.set_bucket(buckets);
            out.set_sample_count(h.counts.iter().sum());
            out.set_sample_sum(h.sum);
            m.set_histogram(out);
        }
    }
    m
}

impl Out for Proto<'_> {
    fn series(&mut self, desc: &FamilyDesc, labels: &Labels<'_>, sample: &Sample<'_>) {
        let constant = self.constant;
        let mut m = metric(sample);
        let pairs = constant
            .names
            .iter()
            .zip(&constant.values)
            .map(|(n, v)| pair(n, v))
            .chain(labels.pairs().map(|(n, v)| pair(n, v)))
            .collect();
        m.set_label(pairs);
        self.family(desc).mut_metric().push(m);
    }
}
