//! Run-time budgets of open labels: past its budget a value folds into `__overflow__`.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use super::sync::Mutex;

/// The value an open label takes once its budget is spent.
pub const OVERFLOW: &str = "__overflow__";

/// The run-time budget of one open label: at most `max` distinct values live at once across
/// every family and handle; further values fold into [`OVERFLOW`], and each fold is counted.
/// An open label's position in a label set and its budget.
pub type Budget = (usize, Arc<LabelBudget>);

pub struct LabelBudget {
    max: usize,
    /// Live values, with how many cache entries and handles use each.
    live: Mutex<HashMap<Box<str>, usize>>,
    folded: OnceLock<prometheus::IntCounter>,
}

impl LabelBudget {
    pub fn new(max: u64) -> Self {
        LabelBudget {
            max: usize::try_from(max).unwrap_or(usize::MAX),
            live: Mutex::default(),
            folded: OnceLock::new(),
        }
    }

    /// Where folds are counted (the schema's `overflow_metric` child for this label).
    pub fn count_folds_in(&self, counter: prometheus::IntCounter) {
        let _ = self.folded.set(counter);
    }

    /// Take one use of `value`; `false` (and a counted fold) when it is new and the budget is
    /// full. [`OVERFLOW`] itself is never admitted, so it always means "folded".
    pub fn acquire(&self, value: &str) -> bool {
        if value != OVERFLOW {
            let mut live = self.live.lock();
            if let Some(n) = live.get_mut(value) {
                *n += 1;
                return true;
            }
            if live.len() < self.max {
                live.insert(value.into(), 1);
                return true;
            }
        }
        if let Some(c) = self.folded.get() {
            c.inc();
        }
        false
    }

    /// Give back one use of an admitted `value`.
    pub fn release(&self, value: &str) {
        let mut live = self.live.lock();
        if let Some(n) = live.get_mut(value) {
            *n -= 1;
            if *n == 0 {
                live.remove(value);
            }
        }
    }
}

/// Admit the open values of a label set, folding the refused ones. Returns the final values
/// and whether any was folded; on a fold, only the admissions of the result are kept.
pub(super) fn admit<'v>(budgets: &[Budget], values: &[&'v str]) -> (Vec<&'v str>, bool) {
    let mut out = values.to_vec();
    let mut folded = false;
    for (pos, b) in budgets {
        if let Some(v) = out.get_mut(*pos) {
            if !b.acquire(v) {
                *v = OVERFLOW;
                folded = true;
            }
        }
    }
    (out, folded)
}

/// The label values of an overflow entry, as the `&[&str]` prometheus takes.
pub(super) fn strs(values: &[Box<str>]) -> Vec<&str> {
    values.iter().map(|v| &**v).collect()
}

/// Give back the admissions of a stored label set (folded positions hold none).
pub(super) fn release(budgets: &[Budget], values: &[&str]) {
    for (pos, b) in budgets {
        if let Some(v) = values.get(*pos).filter(|v| **v != OVERFLOW) {
            b.release(v);
        }
    }
}
