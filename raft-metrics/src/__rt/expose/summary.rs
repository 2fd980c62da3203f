//! The summary level: each family folded as the schema says, at scrape time, from the same
//! atomics as the detailed level; and the derived counts of scope instances in a condition.

use std::collections::HashMap;
use std::time::Instant;

use super::super::budget::OVERFLOW;
use super::super::instance::value_order;
use super::super::value::{HistogramSample, Sample};
use super::super::window::Window;
use super::out::{Labels, Out};
use super::{FamilyDesc, Fold, Kind, Listed, Op, Scoped, Sink, Slot};

pub struct Summary<'o, O: Out> {
    out: &'o mut O,
    only: Option<usize>,
    scratch: Vec<u64>,
    groups: Groups,
    /// When this exposition reads the instances' windows.
    now: Instant,
}

impl<'o, O: Out> Summary<'o, O> {
    pub fn new(out: &'o mut O, only: Option<usize>) -> Self {
        Summary {
            out,
            only,
            scratch: Vec::new(),
            groups: Groups::default(),
            now: Instant::now(),
        }
    }

    fn wants(&self, desc: &FamilyDesc) -> bool {
        self.only.is_none_or(|i| i == desc.index)
    }

    /// Write the folded series of `desc` in label order, and start afresh.
    fn flush(&mut self, desc: &FamilyDesc, names: &[&str], op: Op) {
        let mut groups = std::mem::take(&mut self.groups.list);
        self.groups.index.clear();
        groups.sort_by(|a, b| {
            a.values
                .iter()
                .zip(&b.values)
                .map(|(x, y)| value_order(x, y))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        for g in &groups {
            let values: Vec<&str> = g.values.iter().map(String::as_str).collect();
            let sample = g.acc.sample(desc.kind, op);
            self.out
                .series(desc, &Labels::own(names, &values), &sample.as_sample());
        }
    }
}

/// The kept labels' names: the scope's and the family's own, each as its mask says.
fn kept_names(scope: &[&'static str], keep_scope: &[bool], desc: &FamilyDesc) -> Vec<&'static str> {
    let scope = scope.iter().zip(keep_scope).filter(|(_, k)| **k);
    let own = desc.labels.iter().zip(fold_mask(desc)).filter(|(_, k)| **k);
    scope.chain(own).map(|(n, _)| *n).collect()
}

fn fold_mask(desc: &FamilyDesc) -> &'static [bool] {
    match desc.summary {
        Fold::Fold { keep, .. } => keep,
        _ => &[],
    }
}

impl<O: Out> Sink for Summary<'_, O> {
    fn node<S: Slot + ?Sized>(&mut self, desc: &FamilyDesc, slot: &S) {
        if !self.wants(desc) {
            return;
        }
        match desc.summary {
            Fold::Absent => {}
            Fold::Same => super::detailed::Detailed::new(&mut *self.out, None).node(desc, slot),
            Fold::Fold { keep, op, .. } => {
                let groups = &mut self.groups;
                slot.each(desc, &mut self.scratch, &mut |values, sample| {
                    let kept = values
                        .iter()
                        .zip(keep)
                        .filter(|(_, k)| **k)
                        .map(|(v, _)| *v);
                    groups.add(kept, sample, op);
                });
                let names = kept_names(&[], &[], desc);
                self.flush(desc, &names, op);
            }
        }
    }

    fn scoped<C, S: Slot + ?Sized>(
        &mut self,
        desc: &FamilyDesc,
        scope: &Scoped<C>,
        project: impl Fn(&C) -> &S,
    ) {
        if !self.wants(desc) {
            return;
        }
        match desc.summary {
            Fold::Absent => {}
            Fold::Same => {
                super::detailed::Detailed::new(&mut *self.out, None).scoped(desc, scope, project)
            }
            Fold::Fold {
                keep_scope,
                keep,
                op,
            } => {
                let groups = &mut self.groups;
                for e in &scope.entries {
                    let scoped = e.labels().values();
                    let kept_scope: Vec<&str> = scoped
                        .iter()
                        .zip(keep_scope)
                        .filter(|(_, k)| **k)
                        .map(|(v, _)| &**v)
                        .collect();
                    project(e.cells()).each(desc, &mut self.scratch, &mut |values, sample| {
                        let own = values
                            .iter()
                            .zip(keep)
                            .filter(|(_, k)| **k)
                            .map(|(v, _)| *v);
                        groups.add(kept_scope.iter().copied().chain(own), sample, op);
                    });
                }
                let names = kept_names(scope.names, keep_scope, desc);
                self.flush(desc, &names, op);
            }
        }
    }

    fn derived<C>(
        &mut self,
        desc: &FamilyDesc,
        scope: &Scoped<C>,
        when: impl Fn(&C, &Window<'_>) -> bool,
    ) {
        if !self.wants(desc) {
            return;
        }
        let Fold::Fold { keep_scope, .. } = desc.summary else {
            return;
        };
        for e in &scope.entries {
            let kept = e
                .labels()
                .values()
                .iter()
                .zip(keep_scope)
                .filter(|(_, k)| **k)
                .map(|(v, _)| &**v);
            let n = u64::from(when(e.cells(), &e.window(self.now)));
            self.groups.add(kept, &Sample::Counter(n), Op::Sum);
        }
        let names = kept_names(scope.names, keep_scope, desc);
        self.flush(desc, &names, Op::Sum);
    }

    fn exceptions<C>(
        &mut self,
        desc: &FamilyDesc,
        scope: &Scoped<C>,
        max: usize,
        listed: &[Listed<'_, C>],
    ) {
        if !self.wants(desc) {
            return;
        }
        let mut unlisted = vec![0u64; listed.len()];
        let mut written = 0;
        for e in &scope.entries {
            for (i, l) in listed.iter().enumerate() {
                if !(l.when)(e.cells(), &e.window(self.now)) {
                    continue;
                }
                if written == max {
                    unlisted[i] += 1;
                    continue;
                }
                written += 1;
                let labels = Labels {
                    scope: Some((scope.names, e.labels())),
                    names: desc.labels,
                    values: &[l.value],
                };
                self.out.series(desc, &labels, &Sample::Gauge(1));
            }
        }
        let mut names: Vec<&str> = scope.names.to_vec();
        names.extend(desc.labels);
        for (l, n) in listed.iter().zip(unlisted).filter(|(_, n)| *n > 0) {
            let mut values = vec![OVERFLOW; scope.names.len()];
            values.push(l.value);
            let n = i64::try_from(n).unwrap_or(i64::MAX);
            self.out
                .series(desc, &Labels::own(&names, &values), &Sample::Gauge(n));
        }
    }
}

/// Folded series by their kept label values, in first-seen order.
#[derive(Default)]
struct Groups {
    /// Kept values, length-prefixed and run together (values may hold any byte), to index.
    index: HashMap<Vec<u8>, usize>,
    list: Vec<Group>,
    key: Vec<u8>,
}

struct Group {
    values: Vec<String>,
    acc: Acc,
}

impl Groups {
    fn add<'v>(
        &mut self,
        kept: impl Iterator<Item = &'v str> + Clone,
        sample: &Sample<'_>,
        op: Op,
    ) {
        self.key.clear();
        for v in kept.clone() {
            self.key.extend_from_slice(&(v.len() as u64).to_le_bytes());
            self.key.extend_from_slice(v.as_bytes());
        }
        let i = match self.index.get(&self.key) {
            Some(i) => *i,
            None => {
                self.list.push(Group {
                    values: kept.map(str::to_string).collect(),
                    acc: Acc::Empty,
                });
                self.index.insert(self.key.clone(), self.list.len() - 1);
                self.list.len() - 1
            }
        };
        self.list[i].acc.add(sample, op);
    }
}

/// One folded series' value so far.
enum Acc {
    Empty,
    Int {
        v: i128,
        n: u64,
    },
    Float {
        v: f64,
        n: u64,
    },
    Hist {
        bounds: &'static [f64],
        counts: Vec<u64>,
        sum: f64,
    },
}

fn combine<T: PartialOrd + std::ops::Add<Output = T>>(op: Op, a: T, b: T) -> T {
    match op {
        Op::Sum | Op::Avg => a + b,
        Op::Max if b > a => b,
        Op::Min if b < a => b,
        Op::Max | Op::Min => a,
    }
}

impl Acc {
    fn add(&mut self, s: &Sample<'_>, op: Op) {
        match (&mut *self, s) {
            (Acc::Empty, Sample::Counter(v)) => {
                *self = Acc::Int {
                    v: i128::from(*v),
                    n: 1,
                }
            }
            (Acc::Empty, Sample::Gauge(v)) => {
                *self = Acc::Int {
                    v: i128::from(*v),
                    n: 1,
                }
            }
            (Acc::Empty, Sample::FloatCounter(v) | Sample::FloatGauge(v)) => {
                *self = Acc::Float { v: *v, n: 1 }
            }
            (Acc::Empty, Sample::Histogram(h)) => {
                *self = Acc::Hist {
                    bounds: h.bounds,
                    counts: h.counts.to_vec(),
                    sum: h.sum,
                }
            }
            (Acc::Int { v, n }, Sample::Counter(x)) => {
                *v = combine(op, *v, i128::from(*x));
                *n += 1;
            }
            (Acc::Int { v, n }, Sample::Gauge(x)) => {
                *v = combine(op, *v, i128::from(*x));
                *n += 1;
            }
            (Acc::Float { v, n }, Sample::FloatCounter(x) | Sample::FloatGauge(x)) => {
                *v = combine(op, *v, *x);
                *n += 1;
            }
            (Acc::Hist { counts, sum, .. }, Sample::Histogram(h)) => {
                for (c, x) in counts.iter_mut().zip(h.counts) {
                    *c += x;
                }
                *sum += h.sum;
            }
            // A family's series all have its one type.
            _ => {}
        }
    }

    fn sample(&self, kind: Kind, op: Op) -> Owned {
        let avg = |v: f64, n: u64| if n == 0 { 0.0 } else { v / n as f64 };
        match (self, kind) {
            (Acc::Int { v, .. }, Kind::Counter) => {
                Owned::Counter(u64::try_from(*v).unwrap_or(u64::MAX))
            }
            (Acc::Int { v, n }, _) if op == Op::Avg => Owned::FloatGauge(avg(*v as f64, *n)),
            (Acc::Int { v, .. }, _) => {
                Owned::Gauge(i64::try_from(*v).unwrap_or(if *v < 0 { i64::MIN } else { i64::MAX }))
            }
            (Acc::Float { v, .. }, Kind::Counter) => Owned::FloatCounter(*v),
            (Acc::Float { v, n }, _) if op == Op::Avg => Owned::FloatGauge(avg(*v, *n)),
            (Acc::Float { v, .. }, _) => Owned::FloatGauge(*v),
            (
                Acc::Hist {
                    bounds,
                    counts,
                    sum,
                },
                _,
            ) => Owned::Histogram(bounds, counts.clone(), *sum),
            (Acc::Empty, _) => Owned::Gauge(0),
        }
    }
}

/// A folded value, owned until written.
enum Owned {
    Counter(u64),
    FloatCounter(f64),
    Gauge(i64),
    FloatGauge(f64),
    Histogram(&'static [f64], Vec<u64>, f64),
}

impl Owned {
    fn as_sample(&self) -> Sample<'_> {
        match self {
            Owned::Counter(v) => Sample::Counter(*v),
            Owned::FloatCounter(v) => Sample::FloatCounter(*v),
            Owned::Gauge(v) => Sample::Gauge(*v),
            Owned::FloatGauge(v) => Sample::FloatGauge(*v),
            Owned::Histogram(bounds, counts, sum) => Sample::Histogram(HistogramSample {
                bounds,
                counts,
                sum: *sum,
            }),
        }
    }
}
