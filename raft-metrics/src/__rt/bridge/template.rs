//! The bridge to one prometheus version, instantiated per version by `bridge!(crate_name)`.

#[allow(unused_macros)] // with neither prometheus feature
macro_rules! bridge {
    ($p:ident) => {
        use std::collections::HashMap;
        use std::sync::Arc;

        use ::$p::core::{Collector, Desc};
        use ::$p::proto::{self, LabelPair, MetricFamily, MetricType};
        pub use ::$p::Registry;

        use $crate::__rt::bridge::RegisterError;
        use $crate::__rt::expose::out::{Labels, Out};
        use $crate::__rt::expose::{
            detailed::Detailed, summary::Summary, Constant, Expose, FamilyDesc, Kind, Level,
        };
        use $crate::__rt::value::Sample;

        fn error(family: &str, e: ::$p::Error) -> RegisterError {
            let already = matches!(e, ::$p::Error::AlreadyReg);
            RegisterError::new(family, already, e)
        }

        /// One family at one level, collected through the `prometheus` crate's types.
        pub struct FamilyCollector<F: Expose> {
            metrics: Arc<F>,
            family: &'static FamilyDesc,
            level: Level,
            desc: Desc,
        }

        impl<F: Expose> Clone for FamilyCollector<F> {
            fn clone(&self) -> Self {
                FamilyCollector {
                    metrics: Arc::clone(&self.metrics),
                    family: self.family,
                    level: self.level,
                    desc: self.desc.clone(),
                }
            }
        }

        impl<F: Expose> FamilyCollector<F> {
            pub fn new(
                metrics: Arc<F>,
                family: &'static FamilyDesc,
                level: Level,
            ) -> Result<Self, RegisterError> {
                let c = metrics.constant();
                let constant: HashMap<String, String> = c
                    .names
                    .iter()
                    .map(|n| n.to_string())
                    .zip(c.values.iter().cloned())
                    .collect();
                let desc = Desc::new(
                    family.name.to_string(),
                    family.help.to_string(),
                    Vec::new(),
                    constant,
                )
                .map_err(|e| error(family.name, e))?;
                Ok(FamilyCollector {
                    metrics,
                    family,
                    level,
                    desc,
                })
            }
        }

        impl<F: Expose> Collector for FamilyCollector<F> {
            fn desc(&self) -> Vec<&Desc> {
                vec![&self.desc]
            }

            fn collect(&self) -> Vec<MetricFamily> {
                let mut out = Proto::new(self.metrics.constant());
                let only = Some(self.family.index);
                match self.level {
                    Level::Detailed => self.metrics.expose(&mut Detailed::new(&mut out, only)),
                    Level::Summary => self.metrics.expose(&mut Summary::new(&mut out, only)),
                }
                out.families
            }
        }

        /// Register every family `level` holds on `registry`; on failure unregister the ones
        /// already added, so the registry is left as it was.
        pub fn register<F: Expose>(
            registry: &Registry,
            metrics: &Arc<F>,
            families: &'static [FamilyDesc],
            level: Level,
        ) -> Result<(), RegisterError> {
            let mut done: Vec<FamilyCollector<F>> = Vec::new();
            for family in families.iter().filter(|f| f.at(level)) {
                let added =
                    FamilyCollector::new(Arc::clone(metrics), family, level).and_then(|c| {
                        registry
                            .register(Box::new(c.clone()))
                            .map(|()| c)
                            .map_err(|e| error(family.name, e))
                    });
                match added {
                    Ok(c) => done.push(c),
                    Err(e) => {
                        for c in done {
                            let _ = registry.unregister(Box::new(c));
                        }
                        return Err(e);
                    }
                }
            }
            Ok(())
        }

        /// The same series as the text output, built as the crate's owned protobuf families
        /// (slower; the text path is what `/metrics` serves).
        pub struct Proto<'a> {
            constant: &'a Constant,
            last: &'static str,
            pub families: Vec<MetricFamily>,
        }

        impl<'a> Proto<'a> {
            pub fn new(constant: &'a Constant) -> Self {
                Proto {
                    constant,
                    last: "",
                    families: Vec::new(),
                }
            }

            fn family(&mut self, desc: &FamilyDesc) -> &mut MetricFamily {
                if self.families.is_empty() || self.last != desc.name {
                    let mut f = MetricFamily::default();
                    f.set_name(desc.name.to_string());
                    f.set_help(desc.help.to_string());
                    f.set_field_type(match desc.kind {
                        Kind::Counter => MetricType::COUNTER,
                        Kind::Gauge => MetricType::GAUGE,
                        Kind::Histogram => MetricType::HISTOGRAM,
                    });
                    self.families.push(f);
                    self.last = desc.name;
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

        fn histogram(h: &$crate::__rt::value::HistogramSample<'_>) -> proto::Histogram {
            let mut out = proto::Histogram::default();
            let mut total = 0;
            let buckets: Vec<proto::Bucket> = h
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
            out.set_bucket(buckets.into());
            out.set_sample_count(h.counts.iter().sum());
            out.set_sample_sum(h.sum);
            out
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
                Sample::Histogram(h) => m.set_histogram(histogram(h)),
            }
            m
        }

        impl Out for Proto<'_> {
            fn series(&mut self, desc: &FamilyDesc, labels: &Labels<'_>, sample: &Sample<'_>) {
                let constant = self.constant;
                let mut m = metric(sample);
                let pairs: Vec<LabelPair> = constant
                    .names
                    .iter()
                    .zip(&constant.values)
                    .map(|(n, v)| pair(n, v))
                    .chain(labels.pairs().map(|(n, v)| pair(n, v)))
                    .collect();
                m.set_label(pairs.into());
                self.family(desc).mut_metric().push(m);
            }
        }
    };
}
