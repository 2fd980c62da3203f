//! Structured alerts → PromQL text. The text is then parsed and checked by `promql` like any
//! hand-written expression, so a mistake here cannot reach a rule file.

use crate::model::*;

/// The PromQL of an alert: structured alerts are expanded, raw ones pass through.
pub fn render(schema: &Schema, expr: &AlertExpr) -> String {
    match expr {
        AlertExpr::Raw(e) => e.clone(),
        AlertExpr::Structured(s) => render_structured(schema, s),
    }
}

fn selector(name: &str, matchers: &[(String, String)]) -> String {
    if matchers.is_empty() {
        return name.to_string();
    }
    let m: Vec<String> = matchers
        .iter()
        .map(|(k, v)| format!("{k}={}", quote(v)))
        .collect();
    format!("{name}{{{}}}", m.join(", "))
}

/// A PromQL double-quoted string literal.
pub fn quote(v: &str) -> String {
    let mut s = String::with_capacity(v.len() + 2);
    s.push('"');
    for c in v.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\n' => s.push_str("\\n"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

fn agg(op: &str, by: &Option<Vec<String>>, inner: String) -> String {
    match by {
        None => inner,
        Some(b) if b.is_empty() => format!("{op}({inner})"),
        Some(b) => format!("{op} by ({}) ({inner})", b.join(", ")),
    }
}

/// Shortest decimal that round-trips, as PromQL accepts it.
pub fn number(v: f64) -> String {
    format!("{v}")
}

fn render_structured(schema: &Schema, s: &StructuredAlert) -> String {
    let Some(m) = schema.metric(&s.metric) else {
        return String::new();
    };
    let over = s.over.clone().unwrap_or_else(|| "5m".into());
    let cmp = |lhs: String| format!("{lhs} {} {}", s.op.as_str(), number(s.threshold));
    match &s.condition {
        Condition::Gauge => {
            let op = match s.op {
                CompareOp::Lt | CompareOp::Le => "min",
                _ => "max",
            };
            cmp(agg(op, &s.by, selector(&m.exposed, &s.matchers)))
        }
        Condition::Rate | Condition::Increase => {
            let f = if s.condition == Condition::Rate {
                "rate"
            } else {
                "increase"
            };
            let inner = format!("{f}({}[{over}])", selector(&m.exposed, &s.matchers));
            cmp(agg("sum", &s.by, inner))
        }
        Condition::Quantile { quantile } => {
            let bucket = m
                .series_name(SeriesKind::Bucket)
                .unwrap_or_else(|| m.exposed.clone());
            let mut by = vec!["le".to_string()];
            by.extend(s.by.clone().unwrap_or_default());
            let inner = format!(
                "sum by ({}) (rate({}[{over}]))",
                by.join(", "),
                selector(&bucket, &s.matchers)
            );
            cmp(format!(
                "histogram_quantile({}, {inner})",
                number(*quantile)
            ))
        }
        Condition::Ratio { denominator } => {
            let den = schema
                .metric(denominator)
                .map_or_else(|| denominator.clone(), |d| d.exposed.clone());
            let by = Some(s.by.clone().unwrap_or_default());
            let num = agg(
                "sum",
                &by,
                format!("rate({}[{over}])", selector(&m.exposed, &s.matchers)),
            );
            let den = agg("sum", &by, format!("rate({den}[{over}])"));
            cmp(format!("{num} / {den}"))
        }
        Condition::Absent => format!("absent({})", selector(&m.exposed, &s.matchers)),
    }
}
