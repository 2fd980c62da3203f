//! Run the PromQL checks over whole artefacts: generated or hand-written dashboards and rule
//! files. Front ends read each file with positions (`rules_file`, `dashboard_file`); this module
//! learns the recorded series of every rule file, then checks every expression. Every finding
//! names the file, line and column, and the alert, rule, panel or variable it belongs to.

pub mod dashboard_file;
pub mod rules_file;
mod text;

use std::collections::BTreeMap;
use std::fmt;

use crate::model::Schema;
use crate::promql::{check_with, missing_label_help, shape, Context, DashVar, Finding, Known};

pub use dashboard_file::{DashboardFile, PanelQuery, Probe, Variable};
pub use rules_file::{Rule, RuleFile, RuleKind};
pub use text::InputError;

/// Where a finding is: a position in a file, and what sits there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// e.g. `alert RaftNoLeader`, `panel 3 "Commit latency" (A)`, `variable $topic`.
    pub what: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.what
        )
    }
}

/// A finding at its place.
#[derive(Clone, Debug)]
pub struct Located {
    pub location: Location,
    pub expr: String,
    pub finding: Finding,
}

/// Check rule files and dashboards together: a series recorded in any rule file is known in
/// all of them and in the dashboards.
pub fn lint(schema: &Schema, rules: &[RuleFile], dashboards: &[DashboardFile]) -> Vec<Located> {
    // The schema's SLO series are known whether or not their rule file is given.
    let records: Vec<Vec<crate::records::Record>> = schema
        .slos
        .iter()
        .map(|s| crate::slo::records(schema, s))
        .collect();
    let mut recorded = crate::slo::recorded(schema, records.iter().map(Vec::as_slice));
    recorded.extend(recorded_series(schema, rules));
    let known = Known {
        recorded,
        variables: None,
        level: None,
    };
    let mut out = Vec::new();
    for file in rules {
        out.extend(lint_rules(schema, file, &known));
    }
    for d in dashboards {
        out.extend(lint_dashboard(schema, d, &known));
    }
    out
}

/// The series every `record:` rule records, with the labels its expression keeps. Rules may use
/// series recorded further down or in another file, so this repeats until nothing changes.
pub fn recorded_series(
    schema: &Schema,
    files: &[RuleFile],
) -> BTreeMap<String, crate::promql::Recorded> {
    let records: Vec<&Rule> = files
        .iter()
        .flat_map(|f| &f.rules)
        .filter(|r| r.kind == RuleKind::Record)
        .collect();
    let mut known = Known::default();
    for _ in 0..=records.len().min(16) {
        let mut next = Known::default();
        for r in &records {
            if let Some(s) = shape(schema, &r.expr, Context::Rule, &known) {
                next.recorded.insert(r.name.clone(), s);
            }
        }
        if next.recorded == known.recorded {
            break;
        }
        known = next;
    }
    known.recorded
}

fn lint_rules(schema: &Schema, file: &RuleFile, known: &Known) -> Vec<Located> {
    let mut out: Vec<Located> = file
        .problems
        .iter()
        .map(|p| Located {
            location: Location {
                file: file.file.clone(),
                line: p.line,
                column: p.column,
                what: p.what.clone(),
            },
            expr: String::new(),
            finding: p.finding.clone(),
        })
        .collect();
    for rule in &file.rules {
        let mut findings = check_with(schema, &rule.expr, Context::Rule, known);
        findings.extend(cluster_kept(schema, known, &rule.expr));
        for finding in findings {
            out.push(Located {
                location: Location {
                    file: file.file.clone(),
                    line: rule.line,
                    column: rule.column,
                    what: rule.what(),
                },
                expr: rule.expr.clone(),
                finding,
            });
        }
    }
    out
}

fn lint_dashboard(schema: &Schema, d: &DashboardFile, known: &Known) -> Vec<Located> {
    let known = Known {
        level: known.level,
        recorded: known.recorded.clone(),
        variables: Some(
            d.variables
                .iter()
                .map(|v| (v.name.clone(), DashVar { multi: v.multi }))
                .collect(),
        ),
    };
    let mut out = Vec::new();
    for q in &d.queries {
        let mut findings = check_with(schema, &q.expr, Context::Dashboard, &known);
        let text = crate::grafana::substitute(&q.expr).text;
        findings.extend(cluster_kept(schema, &known, &text));
        for finding in findings {
            out.push(Located {
                location: Location {
                    file: d.file.clone(),
                    line: q.line,
                    column: q.column,
                    what: q.what(),
                },
                expr: q.expr.clone(),
                finding,
            });
        }
    }
    for v in &d.variables {
        let findings = match v.probe() {
            None => continue,
            Some(Probe::Expr(e)) => check_with(schema, &e, Context::Dashboard, &known),
            Some(Probe::LabelOf { selector, label }) => label_of(schema, &known, &selector, &label),
            Some(Probe::Label(l)) => label_exists(schema, &known, &l).into_iter().collect(),
        };
        for finding in findings {
            out.push(Located {
                location: Location {
                    file: d.file.clone(),
                    line: v.line,
                    column: v.column,
                    what: format!("variable ${}", v.name),
                },
                expr: v.query.clone(),
                finding,
            });
        }
    }
    out
}

/// An expression over the schema's series (raw or recorded) keeps the cluster label in every
/// aggregation and match, as the schema's own must; one over other series is left alone.
fn cluster_kept(schema: &Schema, known: &Known, expr: &str) -> Vec<Finding> {
    let Some(refs) = crate::promql::references(expr) else {
        return Vec::new();
    };
    let ours = refs
        .series
        .iter()
        .any(|n| schema.resolve_series(n).is_some() || known.recorded.contains_key(n));
    if !ours {
        return Vec::new();
    }
    crate::keep_cluster::check_unless_pinned(schema, expr)
}

/// `label_values(selector, label)`: the selector is valid and its series have the label.
fn label_of(schema: &Schema, known: &Known, selector: &str, label: &str) -> Vec<Finding> {
    let mut out = check_with(schema, selector, Context::Dashboard, known);
    let labels = shape(schema, selector, Context::Dashboard, known).and_then(|s| s.labels);
    if let Some(there) = labels.filter(|l| !l.contains(label)) {
        out.push(Finding {
            error: true,
            message: format!("`{}` has no label `{label}`", selector.trim()),
            help: missing_label_help(schema, label, &there),
        });
    }
    out
}

/// `label_values(label)`: some metric or recorded series must carry the label.
fn label_exists(schema: &Schema, known: &Known, label: &str) -> Option<Finding> {
    let everywhere = schema.ambient_labels();
    let exists = label == "le"
        || everywhere.iter().any(|l| l == label)
        || schema
            .metrics
            .iter()
            .any(|m| m.labels.iter().any(|l| l == label))
        || known
            .recorded
            .values()
            .any(|r| r.labels.as_ref().is_some_and(|ls| ls.contains(label)));
    if exists {
        return None;
    }
    let help = match schema.label_renamed_from(label) {
        Some(new) => format!("`{label}` is the old name of `{}`: replace it", new.name),
        None => format!("see {} for the labels that exist", crate::paths::REFERENCE),
    };
    Some(Finding {
        error: true,
        message: format!("no series has a label `{label}`"),
        help,
    })
}

/// The generated SLO rules: valid against the schema, every aggregation keeping the cluster
/// label.
fn slo_rules(schema: &Schema, rules: &crate::rule_plan::RulePlan) -> Vec<Located> {
    let known = Known::at(rules.known.recorded.clone(), crate::model::Level::Summary);
    let mut out = Vec::new();
    for (what, expr) in rules.slo_exprs() {
        let mut findings = check_with(schema, &expr, Context::Rule, &known);
        findings.extend(crate::keep_cluster::check(schema, &expr));
        let file = crate::paths::SLO_RULES;
        let what = what.strip_prefix(file).unwrap_or(&what).trim_start();
        out.extend(findings.into_iter().map(|finding| Located {
            location: Location {
                file: file.to_string(),
                line: 1,
                column: 1,
                what: what.to_string(),
            },
            expr: expr.clone(),
            finding,
        }));
    }
    out
}

/// Check the generated dashboards' queries and variables from the panel plan, knowing the
/// generated recorded series, and that every aggregation keeps the cluster label. Alert
/// expressions are checked when the schema is loaded, where their errors can point at the
/// schema line.
pub fn lint_generated(schema: &Schema) -> Vec<Located> {
    let rules = crate::rule_plan::RulePlan::of(schema);
    lint_generated_for(schema, &rules, &crate::plan::dashboards_for(schema, &rules))
}

/// [`lint_generated`] over a rule plan and dashboards made already.
pub fn lint_generated_for(
    schema: &Schema,
    rules: &crate::rule_plan::RulePlan,
    dashboards: &[crate::plan::Dashboard],
) -> Vec<Located> {
    let recorded = rules.known.recorded.clone();
    let mut out = slo_rules(schema, rules);
    for d in dashboards {
        let file = DashboardFile {
            file: d.file.clone(),
            queries: Vec::new(),
            variables: d
                .variables
                .iter()
                .map(|v| Variable {
                    name: v.name.clone(),
                    multi: v.multi.is_some(),
                    query: v.query.clone(),
                    line: 1,
                    column: 1,
                })
                .collect(),
        };
        let known = Known::at(recorded.clone(), d.level);
        out.extend(lint_dashboard(schema, &file, &known));
        let known = Known {
            level: Some(d.level),
            recorded: recorded.clone(),
            variables: Some(
                file.variables
                    .iter()
                    .map(|v| (v.name.clone(), DashVar { multi: v.multi }))
                    .collect(),
            ),
        };
        for (what, expr) in d.queries() {
            let mut findings = check_with(schema, &expr, Context::Dashboard, &known);
            findings.extend(crate::keep_cluster::check(
                schema,
                &crate::grafana::substitute(&expr).text,
            ));
            out.extend(findings.into_iter().map(|finding| {
                Located {
                    location: Location {
                        file: d.file.clone(),
                        line: 1,
                        column: 1,
                        what: what
                            .trim_start_matches(&format!("{}: ", d.file))
                            .to_string(),
                    },
                    expr: expr.clone(),
                    finding,
                }
            }));
        }
    }
    out
}
