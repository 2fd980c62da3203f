//! Proposals this node made as leader, until their entry commits: commit latency, and
//! failures when another leader's entry commits at their index.

use std::collections::VecDeque;
use std::time::Instant;

/// At most this many proposals are followed; older ones count as failed (a leader that never
/// commits must not grow memory).
pub(crate) const MAX_PENDING: usize = 100_000;

#[derive(Clone, Copy, Debug)]
struct Pending {
    index: u64,
    term: u64,
    at: Instant,
}

#[derive(Default, Debug)]
pub(crate) struct Proposals {
    pending: VecDeque<Pending>,
}

impl Proposals {
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    /// A proposal appended at `index` in `term`; returns how many old ones were dropped.
    pub fn add(&mut self, index: u64, term: u64, at: Instant) -> u64 {
        self.pending.push_back(Pending { index, term, at });
        let mut dropped = 0;
        while self.pending.len() > MAX_PENDING {
            self.pending.pop_front();
            dropped += 1;
        }
        dropped
    }

    /// Whether a batch of entries up to `last` commits or fails any proposal followed.
    pub fn due(&self, last: u64) -> bool {
        self.pending.front().is_some_and(|p| p.index <= last)
    }

    /// Entries `(index, term)` committed, ascending: `latency` gets the seconds from proposal
    /// to commit of each proposal committed as proposed; returns how many failed (their index
    /// committed with another leader's entry, or was skipped by a snapshot).
    pub fn commit(
        &mut self,
        entries: impl IntoIterator<Item = (u64, u64)>,
        now: Instant,
        mut latency: impl FnMut(f64),
    ) -> u64 {
        let mut failed = 0;
        for (index, term) in entries {
            while let Some(p) = self.pending.front().copied() {
                if p.index > index {
                    break;
                }
                self.pending.pop_front();
                if p.index == index && p.term == term {
                    latency(now.duration_since(p.at).as_secs_f64());
                } else {
                    failed += 1;
                }
            }
        }
        failed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn committed_as_proposed_gives_latency_and_overwritten_fails() {
        let t0 = Instant::now();
        let mut p = Proposals::default();
        p.add(5, 2, t0);
        p.add(6, 2, t0);
        p.add(7, 2, t0);
        let later = t0 + Duration::from_millis(30);
        // 5 commits as proposed; 6 was overwritten by a term-3 leader's entry.
        let mut latencies = Vec::new();
        let failed = p.commit([(5, 2), (6, 3)], later, |s| latencies.push(s));
        assert_eq!(latencies.len(), 1);
        assert!((latencies[0] - 0.030).abs() < 1e-9);
        assert_eq!(failed, 1);
        assert_eq!(p.len(), 1);
        assert!(!p.due(6) && p.due(7));
        // An index skipped by a gap (a snapshot) also fails.
        assert_eq!(p.commit([(9, 3)], later, |_| {}), 1);
        assert_eq!(p.len(), 0);
    }

    #[test]
    fn memory_is_bounded() {
        let mut p = Proposals::default();
        let t = Instant::now();
        let mut dropped = 0;
        for i in 0..(MAX_PENDING as u64 + 10) {
            dropped += p.add(i, 1, t);
        }
        assert_eq!(dropped, 10);
        assert_eq!(p.len(), MAX_PENDING);
    }
}
