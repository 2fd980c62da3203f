//! A scope instance as the exposition reads it: its label values, rendered once, and its
//! series; the instances of one exposition. The scope map makes them, the sinks read them,
//! and neither imports the other.

use std::cmp::Ordering;
use std::sync::Arc;

use super::budget::OVERFLOW;
use super::escape::push_label;
use super::window::{Window, Windows};

/// A scope instance's exposed label values (scope order) and their text (`topic="orders",
/// partition="3"`, escaped).
pub struct EntryLabels {
    values: Box<[Box<str>]>,
    text: Box<str>,
}

impl EntryLabels {
    pub(crate) fn new(names: &[&str], values: &[&str]) -> Self {
        let mut text = String::new();
        for (n, v) in names.iter().zip(values) {
            push_label(&mut text, n, v);
        }
        EntryLabels {
            values: values.iter().map(|v| Box::from(*v)).collect(),
            text: text.into(),
        }
    }

    pub fn values(&self) -> &[Box<str>] {
        &self.values
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Label values in the order the exposition lists them: integers (formatted without leading
/// zeros) in numeric order, before other values; `__overflow__` last.
pub(crate) fn value_order(a: &str, b: &str) -> Ordering {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    match (a == OVERFLOW, b == OVERFLOW) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    match (digits(a), digits(b)) {
        (true, true) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

pub struct Entry<C> {
    labels: EntryLabels,
    cells: C,
    /// What windowed conditions remember between scrapes.
    windows: Windows,
}

impl<C> Entry<C> {
    pub(crate) fn new(labels: EntryLabels, cells: C) -> Self {
        Entry {
            labels,
            cells,
            windows: Windows::new(std::time::Instant::now()),
        }
    }

    /// The instance's windows as one exposition at `now` reads them.
    pub fn window(&self, now: std::time::Instant) -> Window<'_> {
        Window {
            windows: &self.windows,
            now,
        }
    }

    #[inline]
    pub fn cells(&self) -> &C {
        &self.cells
    }

    pub fn labels(&self) -> &EntryLabels {
        &self.labels
    }
}

/// A scope's instances at the time of one exposition, in label order.
pub struct Scoped<C> {
    pub names: &'static [&'static str],
    pub entries: Vec<Arc<Entry<C>>>,
}
