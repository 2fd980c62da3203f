//! The series themselves: plain atomics that the exposition reads directly. No series owns a
//! label string or a copy of its family's description; a partition's series live inline in one
//! block (`scope.rs`), so a bound handle's update is one load and one atomic instruction.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};

/// An integer counter. Same methods as `prometheus::IntCounter`.
#[derive(Debug, Default)]
pub struct IntCounter(AtomicU64);

impl IntCounter {
    pub const fn new() -> Self {
        IntCounter(AtomicU64::new(0))
    }

    #[inline]
    pub fn inc(&self) {
        self.0.fetch_add(1, Relaxed);
    }

    #[inline]
    pub fn inc_by(&self, v: u64) {
        self.0.fetch_add(v, Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Relaxed)
    }
}

/// A float counter. Same methods as `prometheus::Counter`; a negative or NaN increment is
/// ignored (prometheus panics on it; a metrics call never does).
#[derive(Debug, Default)]
pub struct Counter(AtomicF64);

impl Counter {
    pub const fn new() -> Self {
        Counter(AtomicF64::zero())
    }

    #[inline]
    pub fn inc(&self) {
        self.0.add(1.0);
    }

    #[inline]
    pub fn inc_by(&self, v: f64) {
        if v >= 0.0 {
            self.0.add(v);
        }
    }

    pub fn get(&self) -> f64 {
        self.0.get()
    }
}

/// An integer gauge. Same methods as `prometheus::IntGauge`.
#[derive(Debug, Default)]
pub struct IntGauge(AtomicI64);

impl IntGauge {
    pub const fn new() -> Self {
        IntGauge(AtomicI64::new(0))
    }

    #[inline]
    pub fn set(&self, v: i64) {
        self.0.store(v, Relaxed);
    }

    #[inline]
    pub fn inc(&self) {
        self.0.fetch_add(1, Relaxed);
    }

    #[inline]
    pub fn dec(&self) {
        self.0.fetch_sub(1, Relaxed);
    }

    #[inline]
    pub fn add(&self, v: i64) {
        self.0.fetch_add(v, Relaxed);
    }

    #[inline]
    pub fn sub(&self, v: i64) {
        self.0.fetch_sub(v, Relaxed);
    }

    pub fn get(&self) -> i64 {
        self.0.load(Relaxed)
    }
}

/// A float gauge. Same methods as `prometheus::Gauge`.
#[derive(Debug, Default)]
pub struct Gauge(AtomicF64);

impl Gauge {
    pub const fn new() -> Self {
        Gauge(AtomicF64::zero())
    }

    #[inline]
    pub fn set(&self, v: f64) {
        self.0.set(v);
    }

    #[inline]
    pub fn inc(&self) {
        self.0.add(1.0);
    }

    #[inline]
    pub fn dec(&self) {
        self.0.add(-1.0);
    }

    #[inline]
    pub fn add(&self, v: f64) {
        self.0.add(v);
    }

    #[inline]
    pub fn sub(&self, v: f64) {
        self.0.add(-v);
    }

    pub fn get(&self) -> f64 {
        self.0.get()
    }
}

/// An `f64` in an `AtomicU64`.
#[derive(Debug, Default)]
struct AtomicF64(AtomicU64);

impl AtomicF64 {
    const fn zero() -> Self {
        // 0.0f64 has all bits clear.
        AtomicF64(AtomicU64::new(0))
    }

    #[inline]
    fn get(&self) -> f64 {
        f64::from_bits(self.0.load(Relaxed))
    }

    #[inline]
    fn set(&self, v: f64) {
        self.0.store(v.to_bits(), Relaxed);
    }

    #[inline]
    fn add(&self, v: f64) {
        let mut old = self.0.load(Relaxed);
        loop {
            let new = (f64::from_bits(old) + v).to_bits();
            match self.0.compare_exchange_weak(old, new, Relaxed, Relaxed) {
                Ok(_) => return,
                Err(now) => old = now,
            }
        }
    }
}

/// A histogram's cells: the upper bounds (shared, `'static`), the sum, and one count per
/// bucket plus `+Inf`. `C` is `[AtomicU64; N]` where the series is stored (inline in a
/// partition's block) and `[AtomicU64]` where it is used ([`Histogram`]), so every histogram
/// has the same type whatever its bucket count.
#[derive(Debug)]
pub struct HistogramCells<C: ?Sized> {
    bounds: &'static [f64],
    sum: AtomicF64,
    /// Not cumulative; `counts[bounds.len()]` is `+Inf`. The count is their total, so `_count`
    /// always equals the `+Inf` bucket.
    counts: C,
}

/// A histogram series. Same methods as `prometheus::Histogram` (`observe`, sample count and sum).
pub type Histogram = HistogramCells<[AtomicU64]>;

/// A histogram series with `N` counts (its buckets and `+Inf`), as stored.
pub type HistogramN<const N: usize> = HistogramCells<[AtomicU64; N]>;

impl<const N: usize> HistogramN<N> {
    /// `bounds` are the upper bounds, ascending; `N` is `bounds.len() + 1` (extra bounds are
    /// ignored, missing ones fold into `+Inf`).
    pub fn new(bounds: &'static [f64]) -> Self {
        HistogramCells {
            bounds: &bounds[..bounds.len().min(N.saturating_sub(1))],
            sum: AtomicF64::zero(),
            counts: std::array::from_fn(|_| AtomicU64::new(0)),
        }
    }
}

impl Histogram {
    #[inline]
    pub fn observe(&self, v: f64) {
        let i = self
            .bounds
            .iter()
            .position(|b| v <= *b)
            .unwrap_or(self.bounds.len());
        if let Some(c) = self.counts.get(i) {
            c.fetch_add(1, Relaxed);
        }
        self.sum.add(v);
    }

    /// Observations so far.
    pub fn get_sample_count(&self) -> u64 {
        self.counts.iter().map(|c| c.load(Relaxed)).sum()
    }

    pub fn get_sample_sum(&self) -> f64 {
        self.sum.get()
    }

    /// The upper bounds (without `+Inf`).
    pub fn bounds(&self) -> &'static [f64] {
        self.bounds
    }

    /// A copy of the counts, per bucket and `+Inf` (not cumulative).
    pub fn counts(&self) -> Vec<u64> {
        self.counts.iter().map(|c| c.load(Relaxed)).collect()
    }

    fn read_into(&self, out: &mut Vec<u64>) -> f64 {
        out.clear();
        out.extend(self.counts.iter().map(|c| c.load(Relaxed)));
        self.sum.get()
    }

    /// A histogram to add observations to locally (plain integers, not shared) and publish
    /// into this or another histogram with the same bounds with [`LocalHistogram::flush_into`].
    pub fn local(&self) -> LocalHistogram {
        LocalHistogram {
            bounds: self.bounds,
            counts: vec![0; self.counts.len()],
            sum: 0.0,
        }
    }
}

/// Observations kept by one owner (a connection, a task) and published now and then: no
/// shared cache line is touched per observation.
#[derive(Clone, Debug)]
pub struct LocalHistogram {
    bounds: &'static [f64],
    counts: Vec<u64>,
    sum: f64,
}

impl LocalHistogram {
    #[inline]
    pub fn observe(&mut self, v: f64) {
        let i = self
            .bounds
            .iter()
            .position(|b| v <= *b)
            .unwrap_or(self.bounds.len());
        if let Some(c) = self.counts.get_mut(i) {
            *c += 1;
        }
        self.sum += v;
    }

    /// Add what was observed since the last flush to `target` and start again from zero.
    pub fn flush_into(&mut self, target: &Histogram) {
        let mut any = false;
        for (c, t) in self.counts.iter_mut().zip(target.counts.iter()) {
            if *c > 0 {
                t.fetch_add(std::mem::take(c), Relaxed);
                any = true;
            }
        }
        if any {
            target.sum.add(std::mem::take(&mut self.sum));
        }
    }
}

/// A histogram as read for the exposition.
pub struct HistogramSample<'a> {
    pub bounds: &'static [f64],
    /// Per bucket and `+Inf`, not cumulative.
    pub counts: &'a [u64],
    pub sum: f64,
}

/// One series' value as the exposition reads it.
pub enum Sample<'a> {
    Counter(u64),
    FloatCounter(f64),
    Gauge(i64),
    FloatGauge(f64),
    Histogram(HistogramSample<'a>),
}

impl Sample<'_> {
    /// The value as a number (a histogram's count).
    pub fn number(&self) -> f64 {
        match self {
            Sample::Counter(v) => *v as f64,
            Sample::FloatCounter(v) | Sample::FloatGauge(v) => *v,
            Sample::Gauge(v) => *v as f64,
            Sample::Histogram(h) => h.counts.iter().sum::<u64>() as f64,
        }
    }
}

/// A series the exposition can read. `scratch` holds a histogram's counts while it is read.
pub trait Read {
    fn read<'s>(&self, scratch: &'s mut Vec<u64>) -> Sample<'s>;
}

impl Read for IntCounter {
    #[inline]
    fn read<'s>(&self, _: &'s mut Vec<u64>) -> Sample<'s> {
        Sample::Counter(self.get())
    }
}

impl Read for Counter {
    #[inline]
    fn read<'s>(&self, _: &'s mut Vec<u64>) -> Sample<'s> {
        Sample::FloatCounter(self.get())
    }
}

impl Read for IntGauge {
    #[inline]
    fn read<'s>(&self, _: &'s mut Vec<u64>) -> Sample<'s> {
        Sample::Gauge(self.get())
    }
}

impl Read for Gauge {
    #[inline]
    fn read<'s>(&self, _: &'s mut Vec<u64>) -> Sample<'s> {
        Sample::FloatGauge(self.get())
    }
}

impl Read for Histogram {
    fn read<'s>(&self, scratch: &'s mut Vec<u64>) -> Sample<'s> {
        let sum = self.read_into(scratch);
        Sample::Histogram(HistogramSample {
            bounds: self.bounds,
            counts: scratch,
            sum,
        })
    }
}

impl<const N: usize> Read for HistogramN<N> {
    fn read<'s>(&self, scratch: &'s mut Vec<u64>) -> Sample<'s> {
        let h: &Histogram = self;
        h.read(scratch)
    }
}

impl<T: Read + ?Sized> Read for std::sync::Arc<T> {
    #[inline]
    fn read<'s>(&self, scratch: &'s mut Vec<u64>) -> Sample<'s> {
        (**self).read(scratch)
    }
}

/// A series' current value as a number, for the summary level's derived counts.
pub fn num<T: Read + ?Sized>(series: &T) -> f64 {
    series.read(&mut Vec::new()).number()
}

#[cfg(test)]
mod tests {
    use super::*;

    static BOUNDS: [f64; 3] = [0.1, 1.0, 10.0];

    #[test]
    fn histogram_counts_buckets_sum_and_inf() {
        let h: HistogramN<4> = HistogramN::new(&BOUNDS);
        let h: &Histogram = &h;
        for v in [0.05, 0.1, 0.5, 20.0, f64::INFINITY] {
            h.observe(v);
        }
        assert_eq!(h.counts(), [2, 1, 0, 2]);
        assert_eq!(h.get_sample_count(), 5);
        assert_eq!(h.get_sample_sum(), f64::INFINITY);
        // A NaN lands in +Inf and never panics.
        h.observe(f64::NAN);
        assert_eq!(h.counts()[3], 3);
    }

    #[test]
    fn a_short_array_folds_extra_observations_into_inf() {
        let h: HistogramN<2> = HistogramN::new(&BOUNDS);
        let h: &Histogram = &h;
        assert_eq!(h.bounds(), &[0.1]);
        h.observe(5.0);
        assert_eq!(h.counts(), [0, 1]);
    }

    #[test]
    fn local_histogram_publishes_its_difference_once() {
        let h: HistogramN<4> = HistogramN::new(&BOUNDS);
        let h: &Histogram = &h;
        let mut l = h.local();
        l.observe(0.5);
        l.observe(0.5);
        l.flush_into(h);
        l.flush_into(h);
        assert_eq!(h.counts(), [0, 2, 0, 0]);
        assert_eq!(h.get_sample_sum(), 1.0);
    }

    #[test]
    fn float_values_add_and_counters_refuse_to_go_down() {
        let g = Gauge::new();
        g.add(1.5);
        g.sub(0.5);
        g.inc();
        assert_eq!(g.get(), 2.0);
        let c = Counter::new();
        c.inc_by(2.5);
        c.inc_by(-1.0);
        c.inc_by(f64::NAN);
        assert_eq!(c.get(), 2.5);
        let i = IntGauge::new();
        i.add(5);
        i.dec();
        assert_eq!(i.get(), 4);
        assert_eq!(num(&i), 4.0);
    }
}
