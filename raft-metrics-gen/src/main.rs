//! `raft-metrics-gen`: generate the dashboard, alert rules and metrics reference from the schema,
//! check that the committed files are fresh and every query is valid, and lint external files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
};
mod lint_cmd;

use lint_cmd::LintFormat;
use raft_metrics_schema::base::Base;
use raft_metrics_schema::lint::{self, dashboard_file, rules_file, Located};
use raft_metrics_schema::model::{Level, Metric};
use raft_metrics_schema::rule_plan::RulePlan;
use raft_metrics_schema::{dashboard, docs, paths, rules, slo_tests, Report, Schema};

#[derive(Parser)]
#[command(
    name = "raft-metrics-gen",
    version,
    about = "Generate and check Raft dashboards, alert rules and docs from metrics-schema.toml"
)]
struct Cli {
    /// The schema file.
    #[arg(long, global = true, default_value = "metrics-schema.toml")]
    schema: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the dashboards, alert and recording rules, and docs/METRICS.md.
    Generate {
        /// Directory to write into (the workspace root).
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Fail with a diff when a committed file is stale, or when any generated query is invalid.
    Check {
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Check hand-written rule files and dashboards against the schema. Everything goes to
    /// stdout. Exits 0 without errors (warnings allowed), 1 with errors, 2 on unusable input.
    Lint {
        /// Prometheus rule files (YAML), or PrometheusRule resources.
        #[arg(long, num_args = 1..)]
        rules: Vec<PathBuf>,
        /// Grafana dashboards (JSON).
        #[arg(long, num_args = 1..)]
        dashboard: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: LintFormat,
    },
    /// Every change between two schema versions, classified breaking or compatible, with the
    /// panels and alerts each breaking change breaks. Exits 1 on a breaking change.
    Diff {
        /// The old schema (omit with --against).
        old: Option<PathBuf>,
        /// The new schema [default: the --schema file].
        new: Option<PathBuf>,
        /// Read the old schema from this git revision (the --schema file as it was there).
        #[arg(long, conflicts_with = "old")]
        against: Option<String>,
        /// The base schema the old one extended: the `raft-metrics-base.toml` that `generate`
        /// wrote before an upgrade [default: this version's base].
        #[arg(long)]
        old_base: Option<PathBuf>,
        /// Also report which alerts of these rule files a breaking change breaks.
        #[arg(long, num_args = 1..)]
        rules: Vec<PathBuf>,
        /// Also report which panels of these dashboards a breaking change breaks.
        #[arg(long, num_args = 1..)]
        dashboard: Vec<PathBuf>,
        /// Exit 0 even when a change is breaking.
        #[arg(long)]
        allow_breaking: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Worst-case series count of every metric and of the schema at both levels, against
    /// `max_series`.
    Stats,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Every generated file: (path relative to the root, contents). In the raft-metrics
/// repository itself (`out` holds the `raft-metrics` crate) also the default schema's types.
/// The rule plan and the panel plans, made once for every output and check.
struct Plans {
    rules: RulePlan,
    dashboards: Vec<raft_metrics_schema::plan::Dashboard>,
}

impl Plans {
    fn of(schema: &Schema) -> Self {
        let rules = RulePlan::of(schema);
        let dashboards = raft_metrics_schema::plan::dashboards_for(schema, &rules);
        Plans { rules, dashboards }
    }

    /// Every finding of the checks over the generated artefacts.
    fn lint(&self, schema: &Schema) -> Vec<Located> {
        lint::lint_generated_for(schema, &self.rules, &self.dashboards)
    }
}

fn outputs(
    schema: &Schema,
    p: &Plans,
    out: &std::path::Path,
) -> Result<Vec<(String, String)>, String> {
    let (rules, plans) = (&p.rules, &p.dashboards);
    let rendered: Vec<(String, serde_json::Value)> = plans
        .iter()
        .map(|d| (d.file.clone(), dashboard::render(schema, d)))
        .collect();
    let mut v: Vec<(String, String)> = rendered
        .iter()
        .map(|(file, json)| {
            (
                file.clone(),
                serde_json::to_string_pretty(json).unwrap_or_default() + "\n",
            )
        })
        .collect();
    v.extend(raft_metrics_schema::kubernetes::objects(
        schema, rules, &rendered,
    ));
    v.push((paths::ALERT_RULES.into(), rules::to_yaml(schema)));
    v.push((
        paths::RECORDING_RULES.into(),
        rules::recording_yaml(schema, rules),
    ));
    if !schema.slos.is_empty() {
        v.push((paths::SLO_RULES.into(), rules::slo_yaml(schema, rules)));
        v.push((paths::SLO_TESTS.into(), slo_tests::to_yaml(schema, rules)));
    }
    v.push((
        paths::REFERENCE.into(),
        docs::markdown_for(schema, rules, plans),
    ));
    if let Some(copy) = raft_metrics_schema::base::vendored(schema) {
        v.push((paths::BASE_SCHEMA.into(), copy));
    }
    if out.join("raft-metrics/Cargo.toml").is_file() {
        let code = raft_metrics_schema::rust::default_types(schema)
            .map_err(|e| format!("the default types do not parse: {e}"))?;
        v.push((paths::DEFAULT_TYPES.into(), code));
    }
    Ok(v)
}

/// [`outputs`], or `None` with the reason printed.
fn outputs_or_report(
    schema: &Schema,
    p: &Plans,
    out: &std::path::Path,
) -> Option<Vec<(String, String)>> {
    outputs(schema, p, out)
        .map_err(|e| eprintln!("error: {e}"))
        .ok()
}

/// Colour only on a terminal, and never with `NO_COLOR` set or `TERM=dumb` (termcolor's `Auto`
/// alone colours pipes and files).
fn stderr_colour() -> ColorChoice {
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    }
}

/// Each diagnostic with its source lines, in the team's file or in the base schema it extends.
fn render(report: &Report) {
    let mut files = SimpleFiles::new();
    let own = files.add(report.file_name.clone(), report.source.clone());
    let base = report
        .base
        .as_ref()
        .map(|b| files.add(b.file_name.clone(), b.text.clone()));
    let writer = StandardStream::stderr(stderr_colour());
    let config = term::Config::default();
    for d in &report.diagnostics {
        let sev = match d.severity {
            raft_metrics_schema::Severity::Error => Severity::Error,
            raft_metrics_schema::Severity::Warning => Severity::Warning,
        };
        let at = report.locate(d.span.start);
        let file = if at.in_base { base.unwrap_or(own) } else { own };
        let start = at.offset;
        let end = start + d.span.len().min(at.source.len().saturating_sub(start));
        let message = if at.in_base {
            format!("in the base schema: {}", d.message)
        } else {
            d.message.clone()
        };
        let mut diag = Diagnostic::new(sev)
            .with_message(message)
            .with_labels(vec![Label::primary(file, start..end)]);
        if let Some(h) = &d.help {
            diag = diag.with_notes(vec![format!("help: {h}")]);
        }
        let (line, col) = report.line_col(d.span.start);
        eprintln!("{}:{line}:{col}:", at.file_name);
        let _ = term::emit_to_write_style(&mut writer.lock(), &config, &files, &diag);
    }
}

fn load(path: &Path) -> Option<Schema> {
    let name = path.display().to_string();
    if !path.is_file() {
        eprintln!(
            "error: no schema file at {name}: run in the directory that holds metrics-schema.toml, or pass --schema PATH"
        );
        return None;
    }
    match raft_metrics_schema::load(path, &name) {
        Ok((schema, warnings)) => {
            render(&warnings);
            Some(schema)
        }
        Err(report) => rejected(&name, &report),
    }
}

/// Render a rejected schema's errors; always `None`.
fn rejected(name: &str, report: &Report) -> Option<Schema> {
    render(report);
    eprintln!("error: {name} has {} error(s)", report.errors().count());
    None
}

fn print_findings(found: &[Located]) -> (usize, usize) {
    let mut errors = 0;
    let mut warnings = 0;
    for f in found {
        if f.finding.error {
            errors += 1;
        } else {
            warnings += 1;
        }
        eprintln!("{}\n  {}\n  expr: {}\n", f.location, f.finding, f.expr);
    }
    (errors, warnings)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Diff {
        old,
        new,
        against,
        old_base,
        rules,
        dashboard,
        allow_breaking,
        format,
    } = &cli.command
    {
        return run_diff(
            &cli.schema,
            old.as_deref(),
            new.as_deref(),
            against.as_deref(),
            old_base.as_deref(),
            rules,
            dashboard,
            *allow_breaking,
            *format,
        );
    }
    let Some(schema) = load(&cli.schema) else {
        return ExitCode::from(2);
    };
    match cli.command {
        Command::Diff { .. } => unreachable!("handled above"),
        Command::Stats => {
            print_stats(&schema);
            ExitCode::SUCCESS
        }
        Command::Generate { out } => {
            let plans = Plans::of(&schema);
            let Some(files) = outputs_or_report(&schema, &plans, &out) else {
                return ExitCode::FAILURE;
            };
            for (rel, text) in files {
                let path = out.join(&rel);
                if let Some(dir) = path.parent() {
                    if let Err(e) = std::fs::create_dir_all(dir) {
                        eprintln!("error: cannot create {}: {e}", dir.display());
                        return ExitCode::FAILURE;
                    }
                }
                if let Err(e) = std::fs::write(&path, text) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
                println!("wrote {}", path.display());
            }
            let found = plans.lint(&schema);
            let (errors, _) = print_findings(&found);
            if errors > 0 {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Command::Check { out } => {
            let plans = Plans::of(&schema);
            let Some(files) = outputs_or_report(&schema, &plans, &out) else {
                return ExitCode::FAILURE;
            };
            let mut stale = 0;
            for (rel, text) in files {
                let path = out.join(&rel);
                let Ok(current) = std::fs::read_to_string(&path) else {
                    stale += 1;
                    eprintln!("{rel} is missing ({} cannot be read)", path.display());
                    continue;
                };
                if current != text && rel == paths::BASE_SCHEMA {
                    // An upgrade changed the base: say how to see what it changed.
                    stale += 1;
                    eprintln!(
                        "{rel} is stale: the base schema changed (an upgrade of raft-metrics). \
                         `raft-metrics-gen --schema {s} diff --old-base {p} {s}` says what changed; \
                         `generate` then rewrites it.",
                        s = cli.schema.display(),
                        p = path.display()
                    );
                } else if current != text {
                    stale += 1;
                    eprintln!("{rel} is stale:");
                    let diff = similar::TextDiff::from_lines(&current, &text);
                    eprint!(
                        "{}",
                        diff.unified_diff()
                            .context_radius(2)
                            .header(&format!("{rel} (committed)"), &format!("{rel} (generated)"))
                    );
                }
            }
            let found = plans.lint(&schema);
            let (errors, warnings) = print_findings(&found);
            let queries: usize = plans.dashboards.iter().map(|d| d.queries().len()).sum();
            println!(
                "checked {} metrics, {} alerts, {} dashboard queries: {errors} errors, {warnings} warnings, {stale} stale or missing files",
                schema.metrics.len(),
                schema.alerts.len(),
                queries
            );
            if stale > 0 {
                eprintln!("run `cargo run -p raft-metrics-gen -- generate` and commit the result");
            }
            if stale > 0 || errors > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Lint {
            rules,
            dashboard,
            format,
        } => {
            if rules.is_empty() && dashboard.is_empty() {
                eprintln!("error: give --rules FILE... and/or --dashboard FILE...");
                return ExitCode::from(2);
            }
            let outcome = lint_cmd::run(&schema, &rules, &dashboard);
            lint_cmd::print(&outcome, format);
            outcome.exit_code()
        }
    }
}

fn print_stats(schema: &Schema) {
    let width = schema
        .metrics
        .iter()
        .map(|m| m.exposed.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let count = |m: &Metric, level: Level| {
        schema
            .worst_case_at(m, level)
            .map_or_else(|| "unbounded".to_string(), |n| n.to_string())
    };
    println!(
        "{:<width$}  {:<9}  {:>10}  {:>8}  summary form; labels (budget)",
        "metric", "type", "detailed", "summary"
    );
    for m in &schema.metrics {
        let labels: Vec<String> = m
            .labels
            .iter()
            .map(|l| match schema.label(l).and_then(|x| x.budget()) {
                Some(b) => format!("{l} ({b})"),
                None => format!("{l} (unbounded)"),
            })
            .collect();
        println!(
            "{:<width$}  {:<9}  {:>10}  {:>8}  {}; {}",
            m.exposed,
            m.kind.as_str(),
            count(m, Level::Detailed),
            count(m, Level::Summary),
            m.summary_text(),
            labels.join(", ")
        );
    }
    let total = |level| {
        schema
            .worst_case_total_at(level)
            .map_or_else(|| "unbounded".to_string(), |t| t.to_string())
    };
    let budget = schema
        .max_series
        .map_or_else(|| "none".to_string(), |b| b.to_string());
    println!(
        "total worst-case series: {} (max_series: {budget})",
        total(Level::Detailed)
    );
    // Named exceptions grow with what is unhealthy, not with the partitions: shown apart.
    let named: u64 = schema
        .metrics
        .iter()
        .filter(|m| m.exceptions.is_some())
        .filter_map(|m| schema.worst_case_at(m, Level::Summary))
        .sum();
    let share = match (
        schema.worst_case_total_at(Level::Summary),
        schema.worst_case_total_at(Level::Detailed),
    ) {
        (Some(s), Some(d)) if d > 0 && named > 0 => format!(
            " ({:.1}% of the detailed level; {} series, {:.2}%, besides the {named} of named exceptions)",
            s as f64 * 100.0 / d as f64,
            s - named,
            (s - named) as f64 * 100.0 / d as f64
        ),
        (Some(s), Some(d)) if d > 0 => format!(
            " ({:.1}% of the detailed level)",
            s as f64 * 100.0 / d as f64
        ),
        _ => String::new(),
    };
    println!(
        "summary level worst-case series: {}{share}",
        total(Level::Summary)
    );
    for d in raft_metrics_schema::plan::dashboards(schema) {
        println!(
            "{}: {} panels in {} rows; {} queries on load (expanded rows), {} in all",
            d.file,
            d.panels().count(),
            d.rows.len(),
            d.queries_on_load(),
            d.queries().len()
        );
    }
}

/// Read the schema file as it was at a git revision.
fn schema_at(rev: &str, path: &Path) -> Result<(String, String), String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file", path.display()))?;
    let spec = format!("{rev}:./{}", file.to_string_lossy());
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &spec])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git show {spec}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8(out.stdout).map_err(|e| format!("{spec}: {e}"))?;
    Ok((spec, text))
}

fn load_old(name: &str, text: &str, base: &Base<'_>) -> Option<Schema> {
    match raft_metrics_schema::from_str_old(text, name, base) {
        Ok((schema, _)) => Some(schema),
        Err(report) => rejected(name, &report),
    }
}

/// (location, expr) of every rule and panel query in external files.
fn external_exprs(
    rules: &[PathBuf],
    dashboards: &[PathBuf],
) -> Result<Vec<(String, String)>, String> {
    let bytes = |f: &PathBuf| std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()));
    let mut v = Vec::new();
    for f in rules {
        let file =
            rules_file::read(&f.display().to_string(), &bytes(f)?).map_err(|e| e.to_string())?;
        v.extend(
            file.rules
                .iter()
                .map(|r| (format!("{}: {}", file.file, r.what()), r.expr.clone())),
        );
    }
    for f in dashboards {
        let d = dashboard_file::read(&f.display().to_string(), &bytes(f)?)
            .map_err(|e| e.to_string())?;
        v.extend(
            d.queries
                .iter()
                .map(|q| (format!("{}: {}", d.file, q.what()), q.expr.clone())),
        );
    }
    Ok(v)
}

#[allow(clippy::too_many_arguments)]
fn run_diff(
    schema_path: &Path,
    old: Option<&Path>,
    new: Option<&Path>,
    against: Option<&str>,
    old_base: Option<&Path>,
    rules: &[PathBuf],
    dashboards: &[PathBuf],
    allow_breaking: bool,
    format: Format,
) -> ExitCode {
    let base_text = match old_base.map(std::fs::read_to_string).transpose() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: --old-base: {e}");
            return ExitCode::from(2);
        }
    };
    let base_name = old_base.map(|p| p.display().to_string());
    let base = match (&base_text, &base_name) {
        (Some(text), Some(file_name)) => Base {
            id: raft_metrics_schema::base::ID,
            file_name,
            text,
        },
        _ => raft_metrics_schema::base::DEFAULT,
    };
    let new_path = new.unwrap_or(schema_path);
    let old_src = match (old, against) {
        (_, Some(rev)) => schema_at(rev, new_path),
        (Some(p), None) => std::fs::read_to_string(p)
            .map(|t| (p.display().to_string(), t))
            .map_err(|e| format!("{}: {e}", p.display())),
        (None, None) => Err("give OLD NEW, or --against REV".to_string()),
    };
    let (old_name, old_text) = match old_src {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (Some(old), Some(new)) = (load_old(&old_name, &old_text, &base), load(new_path)) else {
        return ExitCode::from(2);
    };
    let mut exprs = raft_metrics_schema::diff::generated_exprs(&old);
    match external_exprs(rules, dashboards) {
        Ok(v) => exprs.extend(v),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let mut changes = raft_metrics_schema::diff::diff(&old, &new);
    raft_metrics_schema::diff::find_breakage(&mut changes, &exprs);
    let breaking = changes
        .iter()
        .filter(|c| c.class == raft_metrics_schema::diff::Class::Breaking)
        .count();
    match format {
        Format::Json => {
            let doc = serde_json::json!({
                "old": old_name,
                "new": new_path.display().to_string(),
                "breaking": breaking,
                "compatible": changes.len() - breaking,
                "changes": changes,
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Text => {
            for c in &changes {
                let class = match c.class {
                    raft_metrics_schema::diff::Class::Breaking => "breaking",
                    raft_metrics_schema::diff::Class::Compatible => "compatible",
                };
                println!("{class:<10} {:<34} {}", c.kind, c.message);
                for b in &c.breaks {
                    println!("{:<45} breaks {b}", "");
                }
            }
            println!(
                "{breaking} breaking, {} compatible change(s) from {old_name} to {}",
                changes.len() - breaking,
                new_path.display()
            );
        }
    }
    if breaking > 0 && !allow_breaking {
        eprintln!("error: {breaking} breaking change(s); pass --allow-breaking to accept them");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
