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

/// The exceptions metric that names the partitions of an alert's count, if it watches a listed
/// count.
pub fn listing<'s>(schema: &'s Schema, a: &Alert) -> Option<&'s Metric> {
    let AlertExpr::Structured(s) = &a.expr else {
        return None;
    };
    let count = schema.metric(&s.metric)?.count.as_ref()?;
    count.listed_as.as_ref()?;
    schema.metrics.iter().find(|m| {
        m.exceptions
            .as_ref()
            .is_some_and(|e| e.scope == count.scope)
    })
}

/// The `partitions` annotation of an alert, if it watches a listed count.
pub fn partitions_annotation(schema: &Schema, a: &Alert) -> Option<String> {
    let list = listing(schema, a)?;
    let AlertExpr::Structured(s) = &a.expr else {
        return None;
    };
    let count_metric = schema.metric(&s.metric)?;
    let count = count_metric.count.as_ref()?;
    let value = count.listed_as.as_ref()?;
    let e = list.exceptions.as_ref()?;
    let scope = &schema.scope(&e.scope)?.labels;
    // The alert's labels that pin the series: the cluster and those of its `by` the count has.
    let by = s.by.clone().unwrap_or_else(|| count_metric.labels.clone());
    let mut pinned: Vec<String> = schema.cluster_label.iter().cloned().collect();
    pinned.extend(by.into_iter().filter(|l| count_metric.has_label(l)));
    let pin = |sel: Selector| {
        pinned
            .iter()
            .fold(sel, |sel, l| sel.eq(l, &format!("{SLOT}{l}")))
    };
    let named = scope.iter().fold(
        pin(Selector::new(&list.exposed).eq(&e.label, value)),
        |sel, l| sel.ne(l, OVERFLOW),
    );
    let b = Builder::new(schema);
    let rows = b.agg("group", scope, named.q());
    let all = b.agg(
        "sum",
        &[],
        b.agg(
            count.across_nodes.as_str(),
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
