//! The partitions an alert is about, by name: for an alert on a count whose condition an
//! exceptions metric lists (`listed_as`), a `partitions` annotation that names up to
//! [`NAMED_IN_ALERT`] of them, with "and K more". Prometheus fills it when the alert fires,
//! with its templates' `query` function, from the series of the alert's own cluster and labels.

use crate::model::*;
use crate::pql::{Builder, Selector, Q};

/// Partitions an annotation names at most; the rest are counted.
pub const NAMED_IN_ALERT: usize = 5;

/// Stands in for an alert label's value until the query becomes a `printf` format.
const SLOT: &str = "\u{1}slot:";

/// What names an alert's partitions: the alert, its count and the condition the count lists,
/// and the exceptions metric that names the partitions in it.
pub struct Listing<'s> {
    /// The exceptions metric.
    pub list: &'s Metric,
    /// Its `exceptions` table: scope, condition label, budget per node.
    pub exceptions: &'s Exceptions,
    alert: &'s StructuredAlert,
    count_metric: &'s Metric,
    count: &'s Count,
    /// The condition label's value the count lists (`listed_as`).
    value: &'s str,
}

/// The listing of an alert's partitions, if it watches a listed count.
pub fn listing<'s>(schema: &'s Schema, a: &'s Alert) -> Option<Listing<'s>> {
    let AlertExpr::Structured(alert) = &a.expr else {
        return None;
    };
    let count_metric = schema.metric(&alert.metric)?;
    let count = count_metric.count.as_ref()?;
    let value = count.listed_as.as_deref()?;
    let (list, exceptions) = schema.metrics.iter().find_map(|m| {
        m.exceptions
            .as_ref()
            .filter(|e| e.scope == count.scope)
            .map(|e| (m, e))
    })?;
    Some(Listing {
        list,
        exceptions,
        alert,
        count_metric,
        count,
        value,
    })
}

/// The `partitions` annotation of an alert, if it watches a listed count.
pub fn partitions_annotation(schema: &Schema, a: &Alert) -> Option<String> {
    let l = listing(schema, a)?;
    let scope = &schema.scope(&l.exceptions.scope)?.labels;
    let (rows, more) = l.queries(schema, scope);
    let names: Vec<String> = scope
        .iter()
        .map(|l| format!("{{{{ $p.Labels.{l} }}}}"))
        .collect();
    let sort_by = scope.last().map_or("partition", String::as_str);
    Some(format!(
        "{{{{ with query {} }}}}{{{{ range $i, $p := . | sortByLabel \"{sort_by}\" }}}}{{{{ if lt $i {NAMED_IN_ALERT} }}}}{{{{ if $i }}}}, {{{{ end }}}}{}{{{{ end }}}}{{{{ end }}}}{{{{ end }}}}{{{{ with query {} }}}} and {{{{ . | first | value }}}} more{{{{ end }}}}",
        printf(&rows.to_string()),
        names.join("/"),
        printf(&more.to_string()),
    ))
}

impl Listing<'_> {
    /// The named partitions (one series each) and how many are not named, both pinned to the
    /// alert's cluster and the labels of its `by` the count has.
    fn queries(&self, schema: &Schema, scope: &[String]) -> (Q, Q) {
        let (count_metric, e) = (self.count_metric, self.exceptions);
        let by = self
            .alert
            .by
            .clone()
            .unwrap_or_else(|| count_metric.labels.clone());
        let mut pinned: Vec<String> = schema.cluster_label.iter().cloned().collect();
        pinned.extend(by.into_iter().filter(|l| count_metric.has_label(l)));
        let pin = |sel: Selector| {
            pinned
                .iter()
                .fold(sel, |sel, l| sel.eq(l, &format!("{SLOT}{l}")))
        };
        let named = scope.iter().fold(
            pin(Selector::new(&self.list.exposed).eq(&e.label, self.value)),
            |sel, l| sel.ne(l, OVERFLOW),
        );
        let b = Builder::new(schema);
        let rows = b.agg("group", scope, named.q());
        let all = b.agg(
            "sum",
            &[],
            b.agg(
                self.count.across_nodes.as_str(),
                &count_metric.labels,
                pin(Selector::new(&count_metric.exposed)).q(),
            ),
        );
        let shown = Q::call(
            "clamp_max",
            vec![
                b.agg("count", &[], rows.clone())
                    .op("or", b.constant(0.0, &format!("{SLOT}cluster"))),
                Q::Num(NAMED_IN_ALERT as f64),
            ],
        );
        let more = all.op("-", shown).op(">", Q::Num(0.0));
        (rows, more)
    }
}

/// `(printf "QUERY" $labels.a ...)`: the query as a Go string literal, each slot a `%q` of
/// the alert label it stands for, in order.
fn printf(query: &str) -> String {
    let mut format = String::new();
    let mut args = Vec::new();
    let mut rest = query;
    let quoted_slot = format!("\"{SLOT}");
    while let Some(at) = rest.find(&quoted_slot) {
        format.push_str(&go_escape(&rest[..at]));
        let after = &rest[at + quoted_slot.len()..];
        let end = after.find('"').unwrap_or(after.len());
        args.push(format!("$labels.{}", &after[..end]));
        format.push_str("%q");
        rest = after.get(end + 1..).unwrap_or("");
    }
    format.push_str(&go_escape(rest));
    format!("(printf \"{format}\" {})", args.join(" "))
}

/// A Go string literal's body for a `printf` format: `%` doubled, `\` and `"` escaped.
fn go_escape(s: &str) -> String {
    s.replace('%', "%%")
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
}
