//! Static checks of PromQL against the schema: every metric, label, enum value, function and
//! aggregation in an expression must make sense for the metrics it names. Expressions are
//! parsed with `promql-parser`; Grafana variables are substituted first.

mod references;
mod selectors;
mod walk;

pub use references::{references, References};
pub use selectors::missing_label_help;

use std::collections::{BTreeMap, BTreeSet};

use promql_parser::parser::{self, Expr};

use crate::grafana::{self, Substituted};
use crate::model::*;

/// What an expression is part of, which changes a few rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// An alert or recording rule.
    Rule,
    /// The expression of a structured alert: as `Rule`, but its threshold's scale was checked
    /// in validation, at the threshold's own line.
    Structured,
    /// A Grafana panel query: variables allowed, rate ranges must be `$__rate_interval`.
    Dashboard,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub error: bool,
    pub message: String,
    pub help: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            if self.error { "error" } else { "warning" },
            self.message
        )?;
        if !self.help.is_empty() {
            write!(f, " (help: {})", self.help)?;
        }
        Ok(())
    }
}

/// What a lint run knows beyond the schema: the series that recording rules record, and the
/// variables of the dashboard being checked.
#[derive(Clone, Debug, Default)]
pub struct Known {
    pub recorded: BTreeMap<String, Recorded>,
    /// A dashboard's variables by name; `None` when not known, and then every variable is taken
    /// to be multi-value.
    pub variables: Option<BTreeMap<String, DashVar>>,
    /// The exposition level the expression reads (the overview, alert and recording rules the
    /// summary, the drill-down the detailed); `None` for hand-written files, which may read
    /// either.
    pub level: Option<Level>,
}

impl Known {
    /// Recorded series known, read at `level`.
    pub fn at(recorded: BTreeMap<String, Recorded>, level: Level) -> Self {
        Known {
            recorded,
            variables: None,
            level: Some(level),
        }
    }
}

/// A series recorded by a `record:` rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The labels its expression keeps; `None` when they cannot be known.
    pub labels: Option<BTreeSet<String>>,
    /// It records a raw counter (aggregated, not rated), so it still needs rate().
    pub counter: bool,
}

impl Recorded {
    /// Buckets of a histogram, kept by `le`, so histogram_quantile() can read it.
    fn is_buckets(&self) -> bool {
        self.labels.as_ref().is_some_and(|l| l.contains("le"))
    }
}

/// A dashboard variable, as far as the checks need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashVar {
    /// `multi` or `includeAll`: it can stand for several values, so needs `=~`.
    pub multi: bool,
}

/// Check one expression. Returns every finding; an empty list means it is valid.
pub fn check(schema: &Schema, expr: &str, ctx: Context) -> Vec<Finding> {
    check_with(schema, expr, ctx, &Known::default())
}

/// Check one expression, knowing recorded series and the dashboard's variables.
pub fn check_with(schema: &Schema, expr: &str, ctx: Context, known: &Known) -> Vec<Finding> {
    let mut c = Checker::new(schema, ctx, known, expr);
    match c.parse(expr) {
        Ok(ast) => {
            c.walk(&ast, &Frame::default());
        }
        Err(e) => c.error(
            format!("does not parse as PromQL: {}", e.trim()),
            "fix the expression's syntax",
        ),
    }
    c.findings
}

/// What an expression's result is (what a recording rule records); `None` when it does not
/// parse.
pub fn shape(schema: &Schema, expr: &str, ctx: Context, known: &Known) -> Option<Recorded> {
    let mut c = Checker::new(schema, ctx, known, expr);
    let ast = c.parse(expr).ok()?;
    let labels = c.walk(&ast, &Frame::default());
    Some(Recorded {
        labels,
        counter: c.raw_counter(&ast),
    })
}

/// What the enclosing expressions are: the function the selector feeds, and whether a
/// `histogram_quantile` sits above with the aggregations on the way.
#[derive(Clone, Default)]
struct Frame {
    func: Option<&'static str>,
    /// Inside `histogram_quantile`; every aggregation on the way must keep `le`.
    in_quantile: bool,
    le_dropped: bool,
    /// Inside a comparison with a number.
    compared_to: Option<f64>,
}

struct Checker<'a> {
    schema: &'a Schema,
    ctx: Context,
    known: &'a Known,
    /// The expression with Grafana variables replaced (rules are taken as written).
    sub: Substituted,
    findings: Vec<Finding>,
}

/// Labels an expression's result carries; `None` for scalars and what cannot be known.
type LabelSet = Option<BTreeSet<String>>;

const RATE_FUNCS: &[&str] = &["rate", "irate", "increase"];
const COUNTER_OK_FUNCS: &[&str] = &[
    "rate",
    "irate",
    "increase",
    "resets",
    "absent",
    "absent_over_time",
    "count_over_time",
    "present_over_time",
    "timestamp",
    "changes",
];

/// Functions Prometheus 2 (Debian's 2.42 among them) knows by a name the parser does not: the
/// expression with them renamed, if it uses any. Quoted strings are left alone.
fn prometheus2_names(text: &str) -> Option<String> {
    const RENAMED: &[(&str, &str)] = &[("holt_winters", "double_exponential_smoothing")];
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    let mut changed = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let ident_start = quote.is_none()
            && !out.ends_with(|p: char| p.is_ascii_alphanumeric() || p == '_' || p == ':');
        let renamed = RENAMED.iter().find(|(old, _)| {
            ident_start && rest.starts_with(old) && rest[old.len()..].trim_start().starts_with('(')
        });
        if let Some((old, new)) = renamed {
            out.push_str(new);
            rest = &rest[old.len()..];
            changed = true;
            continue;
        }
        match (quote, c) {
            (Some(q), '\\') if q != '`' => {
                let esc: String = rest.chars().take(2).collect();
                out.push_str(&esc);
                rest = &rest[esc.len()..];
                continue;
            }
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'' | '`') => quote = Some(c),
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    changed.then_some(out)
}

impl<'a> Checker<'a> {
    fn new(schema: &'a Schema, ctx: Context, known: &'a Known, expr: &str) -> Self {
        let sub = match ctx {
            Context::Dashboard => grafana::substitute(expr),
            Context::Rule | Context::Structured => Substituted::verbatim(expr),
        };
        Checker {
            schema,
            ctx,
            known,
            sub,
            findings: Vec::new(),
        }
    }

    /// Parse the expression. A variable stands for a label, a name or a value; where a number
    /// must stand (`topk($k, ...)`), the first reading fails and numbers are tried.
    fn parse(&mut self, expr: &str) -> Result<Expr, String> {
        if let Some(renamed) = prometheus2_names(&self.sub.text) {
            self.sub.text = renamed;
        }
        let first = parser::parse(&self.sub.text);
        if first.is_err() && self.ctx == Context::Dashboard {
            let numbers = grafana::substitute_numbers(expr);
            if let Ok(ast) = parser::parse(&numbers.text) {
                self.sub = numbers;
                return Ok(ast);
            }
        }
        first
    }

    /// Messages never show a variable's stand-in.
    fn error(&mut self, message: impl Into<String>, help: impl Into<String>) {
        self.findings.push(Finding {
            error: true,
            message: grafana::restore(&message.into()),
            help: grafana::restore(&help.into()),
        });
    }

    fn warn(&mut self, message: impl Into<String>, help: impl Into<String>) {
        self.findings.push(Finding {
            error: false,
            message: grafana::restore(&message.into()),
            help: grafana::restore(&help.into()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::prometheus2_names;

    #[test]
    fn old_function_names_are_renamed_outside_strings_only() {
        assert_eq!(
            prometheus2_names(
                r#"holt_winters (x[1h], 0.5, 0.5) + f(y, "holt_winters(", 'a\'holt_winters(')"#
            )
            .as_deref(),
            Some(
                r#"double_exponential_smoothing (x[1h], 0.5, 0.5) + f(y, "holt_winters(", 'a\'holt_winters(')"#
            )
        );
        // Names that merely contain it, and the name without a call, stay.
        assert_eq!(
            prometheus2_names("my_holt_winters(x) + holt_winters_total"),
            None
        );
    }
}
