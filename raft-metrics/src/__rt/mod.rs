//! Runtime support for the generated code. Generated code is the only intended caller; the
//! types are public so that it can name them.
//!
//! - [`value`]: the series (counters, gauges, histograms): plain atomics;
//! - [`owned`]: [`Series`], an owned pointer to a series inside a shared block;
//! - [`key`]: label values and sets, borrowed (typed) and owned, hashing alike;
//! - [`keymap`]: a table of owned label sets looked up by borrowed ones;
//! - [`budget`]: open labels' budgets and folding into `__overflow__`;
//! - [`series`]: series created on first use behind a lock no caller holds;
//! - [`family`]: a family's series by open label values;
//! - [`instance`]: a scope instance as the exposition reads it (labels rendered once, series);
//! - [`escape`]: label values and help text escaped for the text format;
//! - [`window`]: counters' past values per instance, for windowed derived conditions;
//! - [`scope`]: a scope's instances (partitions), each one block of series, and bound handles;
//! - [`enums`]: all-enum families found by index;
//! - [`expose`]: the exposition at two levels, detailed and summary;
//! - [`bridge`]: the families as collectors of a `prometheus::Registry` (0.14 or 0.13);
//! - [`sync`]: the locks (loom's under `--cfg loom`).

pub mod bridge;
pub mod budget;
pub mod enums;
pub mod escape;
pub mod expose;
pub mod family;
pub mod instance;
pub mod key;
pub mod keymap;
pub mod owned;
pub mod scope;
pub mod series;
pub mod sync;
pub mod value;
pub mod window;

pub use {itoa, parking_lot};

pub use bridge::RegisterError;
pub use budget::{Budget, LabelBudget, OVERFLOW};
pub use enums::{flat_index, EnumArray, UnknownLabelValue};
pub use expose::text::encode;
pub use expose::{
    Constant, Encode, Expose, FamilyDesc, Fold, Kind, Level, Listed, Op, Scoped, Sink, Slot,
};
pub use family::Family;
pub use instance::{Entry, EntryLabels};
pub use key::{LabelKey, LabelPart, OwnedKey, OwnedPart};
pub use keymap::KeyMap;
pub use owned::Series;
pub use scope::{Cells, Handle, ScopeMap};
pub use series::SeriesMap;
pub use value::{
    num, Counter, Gauge, Histogram, HistogramCells, HistogramN, IntCounter, IntGauge,
    LocalHistogram, Read, Sample,
};
pub use window::Window;
