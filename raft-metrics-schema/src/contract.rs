//! The contract between a schema and the adapters: the adapters feed the default schema's
//! metrics through traits generated from it (`include_schema!(…, contract)` in `raft-metrics`).
//! Another schema implements those traits (`include_schema!(…, implements = raft_metrics)`)
//! when it has every label, scope and metric of the contract, with the same types; it may
//! add its own, change the namespace, help texts, buckets, groups and alerts.

use crate::diag::Diagnostic;
use crate::model::*;

/// Every way `schema` falls short of `contract`, located in `schema`'s file.
pub fn check(contract: &Schema, schema: &Schema) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for want in &contract.labels {
        if let Some(d) = label(want, schema) {
            out.push(d);
        }
    }
    for want in &contract.scopes {
        match schema.scopes.iter().find(|s| s.name == want.name) {
            None => out.push(missing(
                format!("scope `{}` ({})", want.name, want.labels.join(", ")),
                "[[scope]]",
            )),
            Some(s) if s.labels != want.labels => out.push(mismatch(
                s.span.clone(),
                format!("scope `{}`", s.name),
                format!("labels = [{}]", quoted(&want.labels)),
            )),
            Some(_) => {}
        }
    }
    // Derived counts are computed, not fed: they are no part of the contract.
    for want in contract.metrics.iter().filter(|m| !m.is_derived()) {
        if let Some(d) = metric(want, schema) {
            out.push(d);
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

fn label(want: &Label, schema: &Schema) -> Option<Diagnostic> {
    let Some(l) = schema.label(&want.name) else {
        return Some(missing(
            format!("label `{}` ({})", want.name, want.kind_name()),
            "[[label]]",
        ));
    };
    let same = match (&want.kind, &l.kind) {
        (
            LabelKind::Enum {
                type_name: wt,
                values: wv,
            },
            LabelKind::Enum {
                type_name: t,
                values: v,
            },
        ) => wt == t && wv == v,
        (w, k) => w == k && want.constant == l.constant,
    };
    if same {
        return None;
    }
    let expected = match &want.kind {
        LabelKind::Enum { type_name, values } => {
            let v: Vec<String> = values.iter().map(|v| v.value.clone()).collect();
            format!(
                "kind = \"enum\", type_name = \"{type_name}\", values = [{}]",
                quoted(&v)
            )
        }
        _ => format!(
            "kind = \"{}\"{}",
            want.kind_name(),
            if want.constant {
                ", constant = true"
            } else {
                ""
            }
        ),
    };
    Some(mismatch(
        l.span.clone(),
        format!("label `{}`", l.name),
        expected,
    ))
}

fn metric(want: &Metric, schema: &Schema) -> Option<Diagnostic> {
    let shape = format!(
        "{} {}, labels [{}]",
        want.value.as_str(),
        want.kind,
        want.labels.join(", ")
    );
    let Some(m) = schema.metric(&want.name) else {
        return Some(missing(
            format!("metric `{}` ({shape})", want.name),
            "[[metric]]",
        ));
    };
    let same =
        m.kind == want.kind && m.value == want.value && m.labels == want.labels && !m.is_derived();
    (!same).then(|| {
        mismatch(
            m.span.clone(),
            format!("metric `{}`", m.name),
            format!(
                "type = \"{}\", value = \"{}\", labels = [{}]",
                want.kind,
                want.value.as_str(),
                quoted(&want.labels)
            ),
        )
    })
}

fn quoted(v: &[String]) -> String {
    v.iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn missing(what: String, table: &str) -> Diagnostic {
    Diagnostic::error(
        0..0,
        format!("this schema has no {what}, which the raft-metrics adapters feed"),
    )
    .help(format!(
        "copy its {table} from raft-metrics' metrics-schema.toml, or drop `implements` from include_schema!"
    ))
}

fn mismatch(span: std::ops::Range<usize>, what: String, expected: String) -> Diagnostic {
    Diagnostic::error(
        span,
        format!("{what} differs from the one the raft-metrics adapters feed"),
    )
    .help(format!(
        "declare it as in raft-metrics' metrics-schema.toml: {expected}"
    ))
}
