//! Raw schema → model. Every rule of Prometheus naming and of our own format is checked here;
//! every problem is reported (with a fix), none stops the pass. Validation reads the raw
//! schema and builds the model; it never renders an output (alert PromQL is expanded later,
//! in `alerts::expand`).

mod alerts;
mod buckets;
mod budget;
mod conditions;
mod count;
mod exceptions;
mod groups;
mod header;
mod kubernetes;
mod labels;
mod metric_name;
mod metrics;
pub mod names;
mod panels;
mod scopes;
mod slo;
mod summary;

use std::ops::Range;

use crate::diag::{suggest, Sink};
use crate::model::{Schema, UnknownWord, Vocabulary};
use crate::parse::{RawSchema, Spanned};

pub use names::{is_duration, is_snake_case};

pub fn validate(raw: &RawSchema, sink: &mut Sink) -> Option<Schema> {
    if !sink.diagnostics.is_empty() && raw.header.is_none() && raw.metrics.is_empty() {
        return None;
    }
    let errors_before = sink.error_count();
    let mut v = Validator { sink };
    let mut schema = v.header(raw);
    schema.groups = v.groups(raw);
    schema.labels = v.labels(raw);
    schema.scopes = v.scopes(raw, &schema.labels);
    schema.metrics = v.metrics(
        raw,
        &schema.namespace,
        &schema.labels,
        &schema.groups,
        &schema.scopes,
    );
    schema.alerts = v.alerts(raw, &schema);
    schema.overview_rows = v.overview_rows(raw, &schema);
    schema.slos = v.slos(raw, &schema);
    schema.kubernetes = v.kubernetes(&raw.kubernetes, &schema.uid);
    v.budget(raw, &schema);
    schema.overflow_metric = v.overflow_metric(raw, &schema);
    (v.sink.error_count() == errors_before).then_some(schema)
}

/// The pass over one raw schema; its methods live in the files of this module, one concern
/// each.
struct Validator<'s> {
    sink: &'s mut Sink,
}

impl Validator<'_> {
    /// A required field, or an error at the start of its table.
    fn required<'a, T>(
        &mut self,
        field: &'a Option<Spanned<T>>,
        span: &Range<usize>,
        what: &str,
        key: &str,
        example: &str,
    ) -> Option<&'a Spanned<T>> {
        if field.is_none() {
            self.sink.error(
                span.start..span.start,
                format!("{what} is missing required field `{key}`"),
                format!("add `{key} = {example}` to this {what}"),
            );
        }
        field.as_ref()
    }

    /// A required, non-empty `help` sentence.
    fn help(
        &mut self,
        help: &Option<Spanned<String>>,
        span: &Range<usize>,
        what: &str,
    ) -> Option<String> {
        match help {
            None => {
                self.sink.error(span.start..span.start, format!("{what} is missing required field `help`"), "add `help = \"...\"`: one sentence shown in /metrics, the dashboard and the docs");
                None
            }
            Some(h) if h.value.trim().is_empty() => {
                self.sink.error(
                    h.span.clone(),
                    "help text is empty",
                    "write one sentence saying what is measured",
                );
                None
            }
            Some(h) => Some(h.value.trim().to_string()),
        }
    }

    /// A word of a vocabulary (`key = "word"`), or an error listing the words.
    fn word<T: Vocabulary>(&mut self, field: &Spanned<String>, what: &str, key: &str) -> Option<T> {
        match T::parse_word(&field.value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.sink.error(
                    field.span.clone(),
                    format!("unknown {what} `{}`", field.value),
                    one_of(&e, key),
                );
                None
            }
        }
    }
}

/// The help for a word outside its vocabulary: `did you mean "x"? key is one of "a", "b"`.
fn one_of(e: &UnknownWord, key: &str) -> String {
    let words: Vec<String> = e.expected.iter().map(|w| format!("\"{w}\"")).collect();
    format!(
        "{}{key} is one of {}",
        did_you_mean(&e.word, e.expected.iter().copied()),
        words.join(", ")
    )
}

/// `did you mean "x"? `, or nothing when no candidate is close.
fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    suggest(word, candidates)
        .map(|s| format!("did you mean \"{s}\"? "))
        .unwrap_or_default()
}

/// The same hint for a name written in backticks (labels).
fn did_you_mean_name<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    suggest(word, candidates)
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default()
}
