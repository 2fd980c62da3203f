//! Runtime support for the generated code. Generated code is the only intended caller; the
//! types are public so that it can name them.
//!
//! - [`key`]: label values and sets, borrowed (typed) and owned, hashing alike;
//! - [`keymap`]: a table of owned label sets looked up by borrowed ones;
//! - [`budget`]: open labels' budgets and folding into `__overflow__`;
//! - [`series`]: series created on first use behind a lock no caller holds;
//! - [`children`]: a family's series by exact label values (what the registry collects);
//! - [`family`]: a family's series by typed key;
//! - [`enums`]: all-enum families found by index;
//! - [`register`]: registration with rollback and named errors;
//! - [`sync`]: the locks (loom's under `--cfg loom`).

pub mod budget;
pub mod children;
pub mod enums;
pub mod family;
pub mod key;
pub mod keymap;
pub mod register;
pub mod series;
pub mod sync;

pub use {itoa, parking_lot, prometheus};

pub use budget::{Budget, LabelBudget, OVERFLOW};
pub use children::Children;
pub use enums::{flat_index, EnumArray, UnknownLabelValue};
pub use family::Family;
pub use key::{LabelKey, LabelPart, OwnedKey, OwnedPart};
pub use keymap::KeyMap;
pub use register::{BuilderOf, IsVec, RegisterError, Registrar};
pub use series::SeriesMap;
