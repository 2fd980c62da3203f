//! The exposition, at two levels, read straight from the atomics.
//!
//! The generated `expose` lists every family once, in schema order, as calls on a [`Sink`]:
//! `node` (a family held once per node), `scoped` (a family held in each scope instance) and
//! `derived` (a count of instances in a condition) and `exceptions` (the instances in listed
//! conditions, by name), both at the summary level only. The sinks:
//!
//! - [`detailed::Detailed`]: every series as it is;
//! - [`summary::Summary`]: each family folded as its [`FamilyDesc::summary`] says, computed at
//!   scrape time from the same atomics (nothing extra on the hot path);
//!
//! both writing to an [`out::Out`]: the text format ([`text::Text`]) or a `prometheus`
//! crate's protobuf families (`bridge`, for a user's `prometheus::Registry`).

pub mod detailed;
pub mod out;
pub mod slot;
pub mod summary;
pub mod text;

pub use super::instance::Scoped;
use super::window::Window;
pub use slot::Slot;

/// Which series an exposition holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// Every series: per partition, per peer. For debugging and the partition drill-down.
    Detailed,
    /// Each family as the schema's `summary` folds it, plus the derived health counts: what
    /// the overview dashboard and the alert rules read.
    Summary,
}

impl Level {
    pub const ALL: [Level; 2] = [Level::Detailed, Level::Summary];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Detailed => "detailed",
            Level::Summary => "summary",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Counter,
    Gauge,
    Histogram,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Counter => "counter",
            Kind::Gauge => "gauge",
            Kind::Histogram => "histogram",
        }
    }
}

/// How folded series combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Sum,
    Max,
    Min,
    Avg,
}

/// How a family appears at the summary level.
#[derive(Clone, Copy, Debug)]
pub enum Fold {
    /// Not at the summary level.
    Absent,
    /// As at the detailed level.
    Same,
    /// Folded: `keep_scope[i]` and `keep[i]` say which scope labels and which of the family's
    /// own labels stay; the folded series combine by `op`.
    Fold {
        keep_scope: &'static [bool],
        keep: &'static [bool],
        op: Op,
    },
}

/// A family as the generated code describes it.
#[derive(Debug)]
pub struct FamilyDesc {
    /// Position in the schema (and in the generated family list).
    pub index: usize,
    /// Exposed name, e.g. `chronik_raft_commit_latency_seconds`.
    pub name: &'static str,
    pub help: &'static str,
    pub kind: Kind,
    /// The family's own labels, in the order its slot gives their values: for a scoped family
    /// the labels after the scope's, for a node family all of them.
    pub labels: &'static [&'static str],
    /// For a slot of enum labels only: every combination of values, in index order.
    pub combos: &'static [&'static [&'static str]],
    /// A histogram's `le` values, without `+Inf`.
    pub les: &'static [&'static str],
    pub summary: Fold,
    /// A count of scope instances in a condition: at the summary level only.
    pub derived: bool,
}

impl FamilyDesc {
    /// Whether the family has series at `level`.
    pub fn at(&self, level: Level) -> bool {
        match level {
            Level::Detailed => !self.derived,
            Level::Summary => !matches!(self.summary, Fold::Absent),
        }
    }
}

/// The constant labels (`node`), set at registration and rendered once.
#[derive(Clone, Debug, Default)]
pub struct Constant {
    pub names: Vec<&'static str>,
    pub values: Vec<String>,
    /// `node="1"`, escaped.
    pub text: String,
}

impl Constant {
    pub fn new(pairs: Vec<(&'static str, String)>) -> Self {
        let mut text = String::new();
        for (n, v) in &pairs {
            super::escape::push_label(&mut text, n, v);
        }
        let (names, values) = pairs.into_iter().unzip();
        Constant {
            names,
            values,
            text,
        }
    }
}

/// What the generated `expose` feeds.
pub trait Sink {
    /// A family held once per node: plain, over enum labels, or a map by open labels.
    fn node<S: Slot + ?Sized>(&mut self, desc: &FamilyDesc, slot: &S);
    /// A family held in each instance of a scope; `project` picks it out of the instance.
    fn scoped<C, S: Slot + ?Sized>(
        &mut self,
        desc: &FamilyDesc,
        scope: &Scoped<C>,
        project: impl Fn(&C) -> &S,
    );
    /// How many instances of a scope are in a condition, by the labels the family keeps.
    fn derived<C>(
        &mut self,
        desc: &FamilyDesc,
        scope: &Scoped<C>,
        when: impl Fn(&C, &Window<'_>) -> bool,
    );
    /// The instances of a scope in each listed condition, by name: one series per instance and
    /// condition (the scope's labels, then the family's one label naming the condition), valued
    /// 1, at most `max` per node; the rest counted in one series per condition whose scope
    /// labels are `__overflow__`. At the summary level only.
    fn exceptions<C>(
        &mut self,
        desc: &FamilyDesc,
        scope: &Scoped<C>,
        max: usize,
        listed: &[Listed<'_, C>],
    );
}

/// One condition an exceptions family lists: the value naming it, and whether an instance is in it.
pub struct Listed<'a, C> {
    pub value: &'static str,
    pub when: &'a dyn Fn(&C, &Window<'_>) -> bool,
}

/// Implemented by the generated registry: its constant labels and every family, in order.
pub trait Expose: Send + Sync + 'static {
    fn constant(&self) -> &Constant;
    fn expose<W: Sink>(&self, w: &mut W);
}

/// What can write an exposition: every generated metrics type (`RaftMetrics` and the type of
/// any schema), for the HTTP endpoint (`raft_metrics::http`, feature `http`).
pub trait Encode: Send + Sync + 'static {
    /// Append the text exposition (format 0.0.4) of `level` to `out`.
    fn encode_level(&self, level: Level, out: &mut Vec<u8>);
}
