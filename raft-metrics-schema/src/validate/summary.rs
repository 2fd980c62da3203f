//! `summary`: how a metric appears at the summary level. Without it a metric folds the labels
//! marked `fold = true` (counters and histograms by sum, gauges by max); a fold that makes no
//! sense is an error at its line.

use std::ops::Range;

use super::{one_of, Validator};
use crate::model::*;
use crate::parse::{RawMetric, RawSummary, Spanned};

/// What the summary of one metric is checked against.
pub(super) struct SummaryOf<'a> {
    pub name: &'a str,
    pub kind: MetricType,
    pub unit: Unit,
    pub labels: &'a [String],
    pub defined: &'a [Label],
}

impl SummaryOf<'_> {
    /// The labels folded when the metric does not list them: those marked `fold = true`.
    fn default_fold(&self) -> Vec<String> {
        self.labels
            .iter()
            .filter(|l| self.defined.iter().any(|d| &d.name == *l && d.fold))
            .cloned()
            .collect()
    }

    fn default_op(&self) -> FoldOp {
        match self.kind {
            MetricType::Gauge => FoldOp::Max,
            _ => FoldOp::Sum,
        }
    }
}

impl Validator<'_> {
    pub(super) fn summary(&mut self, m: &RawMetric, of: &SummaryOf<'_>) -> Option<Summary> {
        let Some(s) = &m.summary else {
            return Some(Summary::Fold {
                fold: of.default_fold(),
                op: of.default_op(),
            });
        };
        match &s.value {
            RawSummary::Word(w) if w.value == "none" => Some(Summary::Absent),
            RawSummary::Word(w) => {
                let op = self.fold_op(w)?;
                let fold = of.default_fold();
                self.op_fits(op, &w.span, of)?;
                self.something_folds(&fold, &w.span, of.name)?;
                Some(Summary::Fold { fold, op })
            }
            RawSummary::Table { fold, op } => {
                let folded = match fold {
                    Some(list) => self.fold_list(list, of)?,
                    None => of.default_fold(),
                };
                let op = match op {
                    Some(w) => {
                        let op = self.fold_op(w)?;
                        self.op_fits(op, &w.span, of)?;
                        self.something_folds(&folded, &w.span, of.name)?;
                        op
                    }
                    None => of.default_op(),
                };
                Some(Summary::Fold { fold: folded, op })
            }
        }
    }

    fn fold_op(&mut self, w: &Spanned<String>) -> Option<FoldOp> {
        match w.value.parse::<FoldOp>() {
            Ok(op) => Some(op),
            Err(mut e) => {
                e.expected.push("none");
                self.sink.error(
                    w.span.clone(),
                    format!("unknown summary `{}`", w.value),
                    one_of(&e, "summary"),
                );
                None
            }
        }
    }

    /// The folded labels: the metric's own, each once.
    fn fold_list(
        &mut self,
        list: &Spanned<Vec<Spanned<String>>>,
        of: &SummaryOf<'_>,
    ) -> Option<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        let mut ok = true;
        for l in &list.value {
            if out.contains(&l.value) {
                self.sink.error(
                    l.span.clone(),
                    format!("`{}` is folded twice", l.value),
                    "remove the duplicate",
                );
                ok = false;
            } else if !of.labels.contains(&l.value) {
                self.sink.error(
                    l.span.clone(),
                    format!("metric `{}` has no label `{}` to fold", of.name, l.value),
                    format!("fold some of its labels: {}", of.labels.join(", ")),
                );
                ok = false;
            } else {
                out.push(l.value.clone());
            }
        }
        ok.then_some(out)
    }

    /// A combination only makes sense for some types and units.
    fn op_fits(&mut self, op: FoldOp, at: &Range<usize>, of: &SummaryOf<'_>) -> Option<()> {
        let timestamp = of.name.ends_with(TIMESTAMP_SUFFIX);
        let wrong = match (of.kind, op) {
            (MetricType::Counter | MetricType::Histogram, FoldOp::Sum) => None,
            (MetricType::Counter | MetricType::Histogram, FoldOp::Avg) => Some((
                format!(
                    "an average of {}s is not a {}: their rates would no longer add up",
                    of.kind, of.kind
                ),
                "counters and histograms fold by \"sum\"",
            )),
            (MetricType::Counter | MetricType::Histogram, _) => Some((
                format!(
                    "the {op} of {}s is not a {}: it can go down when a series resets",
                    of.kind, of.kind
                ),
                "counters and histograms fold by \"sum\"",
            )),
            (_, FoldOp::Sum) if of.unit == Unit::Ratio => Some((
                "a sum of ratios is not a ratio".to_string(),
                "fold a ratio by \"avg\", \"max\" or \"min\"",
            )),
            (_, FoldOp::Sum | FoldOp::Avg) if timestamp => Some((
                format!("the {op} of Unix times is not a time"),
                "fold timestamps by \"max\" (the latest) or \"min\" (the oldest)",
            )),
            _ => None,
        };
        match wrong {
            None => Some(()),
            Some((message, help)) => {
                self.sink
                    .error(at.clone(), format!("`{}`: {message}", of.name), help);
                None
            }
        }
    }

    /// An op with nothing folded combines nothing: say so rather than ignore it.
    fn something_folds(&mut self, fold: &[String], at: &Range<usize>, name: &str) -> Option<()> {
        if !fold.is_empty() {
            return Some(());
        }
        self.sink.error(
            at.clone(),
            format!("`{name}` folds no label at the summary level, so its op combines nothing"),
            "list the labels to fold (`summary = { fold = [\"partition\"], op = \"max\" }`), or drop the op to keep the metric as it is",
        );
        None
    }
}
