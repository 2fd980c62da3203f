//! The one place that knows `metrics-schema.toml`: parse (with spans) → validate into a
//! [`model::Schema`] → expand structured alerts into PromQL → emit Rust tokens (for the proc-macro) and, with the `emit` feature,
//! the Grafana dashboard, Prometheus rules and the metrics reference (for `raft-metrics-gen`).

pub mod alerts;
pub mod base;
pub mod contract;
#[cfg(feature = "emit")]
pub mod dashboard;
pub mod diag;
#[cfg(feature = "emit")]
pub mod diff;
#[cfg(feature = "emit")]
pub mod docs;
#[cfg(feature = "emit")]
mod docs_slo;
pub mod extend;
pub mod grafana;
pub mod keep_cluster;
#[cfg(feature = "emit")]
pub mod kubernetes;
#[cfg(feature = "emit")]
pub mod lint;
pub mod model;
#[cfg(feature = "emit")]
pub mod named;
pub mod parse;
pub mod paths;
#[cfg(feature = "emit")]
pub mod plan;
pub mod pql;
pub mod promql;
pub mod records;
#[cfg(feature = "emit")]
pub mod rule_plan;
#[cfg(feature = "emit")]
pub mod rules;
pub mod rust;
#[cfg(feature = "emit")]
pub mod scrape;
#[cfg(feature = "emit")]
pub mod slo;
#[cfg(feature = "emit")]
pub mod slo_tests;
pub mod validate;

pub use diag::{Diagnostic, Report, Severity};
pub use model::Schema;

use std::path::Path;

/// Parse and validate schema text. `Err` holds every error found (and any warnings);
/// `Ok` holds the schema and its warnings.
/// A schema with `[schema] extends = "raft-metrics"` is laid over this crate's base schema.
pub fn from_str(source: &str, file_name: &str) -> Result<(Schema, Report), Report> {
    read(source, file_name, &base::DEFAULT, true)
}

/// An older version of a schema, to compare with (`diff`): its alert expressions are history,
/// so checks added since then do not reject it. `base` is what it extended then.
pub fn from_str_old(
    source: &str,
    file_name: &str,
    base: &base::Base<'_>,
) -> Result<(Schema, Report), Report> {
    read(source, file_name, base, false)
}

fn read(
    source: &str,
    file_name: &str,
    base: &base::Base<'_>,
    check_exprs: bool,
) -> Result<(Schema, Report), Report> {
    let mut sink = diag::Sink::default();
    let raw = parse::parse_with(source, base, &mut sink);
    let mut schema = validate::validate(&raw, &mut sink);
    if let Some(schema) = &mut schema {
        alerts::expand(schema);
        schema.extends = raw.extended.as_ref().map(|b| b.file_name.clone());
        schema.source_name = Path::new(file_name).file_name().map_or_else(
            || file_name.to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if check_exprs {
            check_alert_exprs(schema, &mut sink);
        }
    }
    let mut diagnostics = sink.diagnostics;
    diagnostics.sort_by_key(|d| (d.span.start, d.severity));
    diagnostics.dedup();
    let report = Report {
        file_name: file_name.to_string(),
        source: source.to_string(),
        diagnostics,
        base: raw.extended.map(Box::new),
    };
    match schema {
        Some(s) if !report.has_errors() => Ok((s, report)),
        _ => Err(report),
    }
}

/// An alert whose expression fails the PromQL checks is a schema error at the expression's
/// line, for the macro and the build step alike.
fn check_alert_exprs(schema: &Schema, sink: &mut diag::Sink) {
    let known = records::alerts_known(schema);
    for a in &schema.alerts {
        let ctx = match a.expr {
            model::AlertExpr::Structured(_) => promql::Context::Structured,
            model::AlertExpr::Raw(_) => promql::Context::Rule,
        };
        let mut findings = promql::check_with(schema, &a.promql, ctx, &known);
        findings.extend(keep_cluster::check(schema, &a.promql));
        for f in findings {
            let d = if f.error {
                Diagnostic::error(
                    a.expr_span.clone(),
                    format!("alert `{}`: {}", a.name, f.message),
                )
            } else {
                Diagnostic::warning(
                    a.expr_span.clone(),
                    format!("alert `{}`: {}", a.name, f.message),
                )
            };
            sink.push(d.help(f.help));
        }
    }
}

/// Read and validate a schema file. The file name in diagnostics is `display_name`.
pub fn load(path: &Path, display_name: &str) -> Result<(Schema, Report), Report> {
    match std::fs::read_to_string(path) {
        Ok(src) => from_str(&src, display_name),
        Err(e) => Err(Report {
            file_name: display_name.to_string(),
            source: String::new(),
            diagnostics: vec![Diagnostic::error(
                0..0,
                format!("cannot read {}: {e}", path.display()),
            )
            .help("check the path")],
            base: None,
        }),
    }
}
