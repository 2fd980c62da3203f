//! Windows a scope instance keeps for the conditions of derived counts that read a counter's
//! increase (`increase(elections_total[1h]) > 5`): the counter's value at a few past scrapes,
//! so the summary level can say "more than 5 in the last hour" per partition without exposing
//! a series per partition. Only the exposition reads and writes them: never the hot path.
//!
//! A counter starts at 0 when its instance is created, so the window starts there. A sample is
//! kept when the value changed, at most every sixteenth of the window: the increase covers the
//! window and at most a sixteenth more. A counter still at 0 keeps nothing (most partitions
//! never elect twice). An instance nobody scrapes for longer than its window counts from its
//! oldest sample.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::sync::Mutex;

/// Samples kept per window: one every sixteenth of it, and the one just before it.
const STEPS: u32 = 16;

/// One counter's values at past scrapes, oldest first.
struct Ring {
    window: Duration,
    samples: VecDeque<(Instant, f64)>,
}

impl Ring {
    fn new(window: Duration, born: Instant) -> Self {
        Ring {
            window,
            samples: VecDeque::from([(born, 0.0)]),
        }
    }

    /// Records `value` at `now` and returns its increase over the window.
    fn increase(&mut self, now: Instant, value: f64) -> f64 {
        let step = self.window / STEPS;
        // An unchanged value needs no sample: the last one still holds it.
        if self
            .samples
            .back()
            .is_none_or(|(t, v)| *v != value && now.saturating_duration_since(*t) >= step)
        {
            self.samples.push_back((now, value));
        }
        // Keep one sample at or before the window's start: the base of the increase.
        let start = now.checked_sub(self.window);
        while let (Some(start), Some((t, _))) = (start, self.samples.get(1)) {
            if *t > start {
                break;
            }
            self.samples.pop_front();
        }
        let base = self.samples.front().map_or(0.0, |(_, v)| *v);
        (value - base).max(0.0)
    }
}

/// An instance's windows, one per windowed operand of the schema (`slot`).
pub struct Windows {
    born: Instant,
    rings: Mutex<Vec<Option<Ring>>>,
}

impl Windows {
    pub fn new(born: Instant) -> Self {
        Windows {
            born,
            rings: Mutex::new(Vec::new()),
        }
    }

    fn increase(&self, slot: usize, window: Duration, now: Instant, value: f64) -> f64 {
        if value == 0.0 {
            // Never counted: nothing to keep (a ring starts at the instance's birth, at 0).
            return 0.0;
        }
        let mut rings = self.rings.lock();
        if rings.len() <= slot {
            rings.resize_with(slot + 1, || None);
        }
        rings[slot]
            .get_or_insert_with(|| Ring::new(window, self.born))
            .increase(now, value)
    }
}

/// What a derived condition reads besides the instance's series: its windows, at the time of
/// one exposition.
#[derive(Clone, Copy)]
pub struct Window<'a> {
    pub windows: &'a Windows,
    pub now: Instant,
}

impl Window<'_> {
    /// The increase of a counter (its current `value`) over the last `seconds`.
    pub fn increase(&self, slot: usize, seconds: u64, value: f64) -> f64 {
        self.windows
            .increase(slot, Duration::from_secs(seconds), self.now, value)
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    fn at(born: Instant, secs: u64) -> Instant {
        born + Duration::from_secs(secs)
    }

    #[test]
    fn counts_from_birth_then_over_the_window() {
        let born = Instant::now();
        let w = Windows::new(born);
        let hour = 3600;
        // Six events within the first half hour: all in the window.
        assert_eq!(
            w.increase(0, Duration::from_secs(hour), at(born, 1800), 6.0),
            6.0
        );
        // Scraped every minute with nothing new: still six until they age out.
        for m in 31..=89 {
            let seen = w.increase(0, Duration::from_secs(hour), at(born, m * 60), 6.0);
            assert!(seen == 6.0 || m > 60, "minute {m}: {seen}");
        }
        // Two hours in, the six are older than the window (give or take a sixteenth).
        assert_eq!(
            w.increase(0, Duration::from_secs(hour), at(born, 7200), 6.0),
            0.0
        );
        // One more now.
        assert_eq!(
            w.increase(0, Duration::from_secs(hour), at(born, 7260), 7.0),
            1.0
        );
    }

    #[test]
    fn slots_are_independent_and_keep_few_samples() {
        let born = Instant::now();
        let w = Windows::new(born);
        for s in 0..10_000u64 {
            w.increase(1, Duration::from_secs(900), at(born, s), s as f64);
        }
        assert_eq!(
            w.increase(0, Duration::from_secs(900), at(born, 10_000), 3.0),
            3.0
        );
        let rings = w.rings.lock();
        let kept = rings[1].as_ref().map_or(0, |r| r.samples.len());
        assert!(kept <= STEPS as usize + 2, "{kept} samples kept");
    }

    #[test]
    fn a_counter_that_never_moves_keeps_nothing() {
        let born = Instant::now();
        let w = Windows::new(born);
        for s in 0..100 {
            assert_eq!(
                w.increase(0, Duration::from_secs(900), at(born, s * 60), 0.0),
                0.0
            );
        }
        assert!(w.rings.lock().is_empty());
        // A steady value after its rise keeps one sample once the rise is older than the
        // window: the rise itself, the window's base.
        w.increase(0, Duration::from_secs(900), at(born, 7000), 2.0);
        for s in 0..100 {
            w.increase(0, Duration::from_secs(900), at(born, 7060 + s * 60), 2.0);
        }
        let rings = w.rings.lock();
        assert_eq!(rings[0].as_ref().map(|r| r.samples.len()), Some(1));
    }
}
