//! The size of each log entry an adapter saw appended, by index, so a compaction or a
//! truncation subtracts what left the log (`log_size_bytes`) without reading the entries back.

use std::collections::VecDeque;

/// Entries' sizes, ascending by index. Entries the wrapper never saw appended (in the store
/// before it was wrapped) are not in it, and were never added to `log_size_bytes` either.
#[derive(Debug, Default)]
pub struct LogLedger {
    sizes: VecDeque<(u64, u64)>,
}

impl LogLedger {
    /// An entry at `index` of `bytes` was appended; entries at and after `index` are replaced.
    /// Returns the bytes replaced.
    #[inline]
    pub fn append(&mut self, index: u64, bytes: u64) -> u64 {
        // The common case, right after the last entry, has nothing to replace.
        let replaced = if self.sizes.back().is_some_and(|(last, _)| *last >= index) {
            self.truncate(index)
        } else {
            0
        };
        self.sizes.push_back((index, bytes));
        replaced
    }

    /// Entries from `index` on leave the log; returns their bytes.
    #[cold]
    pub fn truncate(&mut self, index: u64) -> u64 {
        let mut gone = 0;
        while let Some((i, b)) = self.sizes.back() {
            if *i < index {
                break;
            }
            gone += b;
            self.sizes.pop_back();
        }
        gone
    }

    /// The index after the last entry, if any is known.
    pub fn next_index(&self) -> Option<u64> {
        self.sizes.back().map(|(i, _)| i + 1)
    }

    /// Entries up to and including `index` leave the log; returns their bytes.
    pub fn purge(&mut self, index: u64) -> u64 {
        let mut gone = 0;
        while let Some((i, b)) = self.sizes.front() {
            if *i > index {
                break;
            }
            gone += b;
            self.sizes.pop_front();
        }
        gone
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_truncations_and_purges_balance() {
        let mut l = LogLedger::default();
        for i in 1..=5 {
            assert_eq!(l.append(i, 10), 0);
        }
        // A new leader's entry at 4 replaces 4 and 5.
        assert_eq!(l.append(4, 3), 20);
        assert_eq!(l.truncate(9), 0);
        assert_eq!(l.purge(2), 20);
        assert_eq!(l.purge(2), 0, "already gone");
        assert_eq!(l.truncate(3), 13);
        assert_eq!(l.purge(100), 0);
    }
}
