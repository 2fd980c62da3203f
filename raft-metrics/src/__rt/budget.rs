//! Run-time budgets of open labels: past its budget a value folds into `__overflow__`.

use std::collections::HashMap;
use std::sync::Arc;

use super::sync::Mutex;
use super::value::IntCounter;

/// The value an open label takes once its budget is spent.
pub const OVERFLOW: &str = "__overflow__";

/// The run-time budget of one open label: at most `max` distinct values live at once across
/// every family and handle; further values fold into [`OVERFLOW`], and each fold is counted.
/// An open label's position in a label set and its budget.
pub type Budget = (usize, Arc<LabelBudget>);

pub struct LabelBudget {
    max: usize,
    /// Live values, with how many series maps and scope instances use each.
    live: Mutex<HashMap<Box<str>, usize>>,
    /// Values folded so far: the schema's `overflow_metric` series for this label.
    folded: Arc<IntCounter>,
}

impl LabelBudget {
    pub fn new(max: u64) -> Self {
        LabelBudget {
            max: usize::try_from(max).unwrap_or(usize::MAX),
            live: Mutex::default(),
            folded: Arc::new(IntCounter::new()),
        }
    }

    /// The count of folded values (exposed as the overflow metric's series for this label).
    pub fn folds(&self) -> Arc<IntCounter> {
        Arc::clone(&self.folded)
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
        self.folded.inc();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_past_the_budget_fold_and_released_values_make_room() {
        let b = LabelBudget::new(2);
        assert!(b.acquire("a"));
        assert!(b.acquire("a"), "a live value is admitted again");
        assert!(b.acquire("b"));
        assert!(!b.acquire("c"), "the third distinct value folds");
        assert!(!b.acquire(OVERFLOW), "the overflow value is never admitted");
        b.release("a");
        assert!(!b.acquire("c"), "`a` still has one use");
        b.release("a");
        assert!(b.acquire("c"));
    }

    #[test]
    fn admit_folds_only_refused_positions_and_release_skips_them() {
        let topics = Arc::new(LabelBudget::new(1));
        let peers = Arc::new(LabelBudget::new(8));
        let budgets = vec![(0, Arc::clone(&topics)), (2, Arc::clone(&peers))];
        assert_eq!(
            admit(&budgets, &["t1", "x", "3"]),
            (vec!["t1", "x", "3"], false)
        );
        assert_eq!(
            admit(&budgets, &["t2", "x", "3"]),
            (vec![OVERFLOW, "x", "3"], true)
        );
        release(&budgets, &[OVERFLOW, "x", "3"]);
        release(&budgets, &["t1", "x", "3"]);
        assert!(topics.acquire("t2"), "t1 was given back");
    }
}
