//! `raft-metrics-gen`: generate the dashboard, alert rules and metrics reference from the schema,
//! check that the committed files are fresh and every query is valid, and lint external files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
};
use raft_metrics_schema::lint::{self, Located};
use raft_metrics_schema::{dashboard, docs, rules, Report, Schema};

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
    /// Write dashboards/raft.json, alerts/raft-alerts.yml and docs/METRICS.md.
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
    /// Check hand-written rule files and dashboards against the schema.
    Lint {
        /// Prometheus rule files (YAML).
        #[arg(long, num_args = 1..)]
        rules: Vec<PathBuf>,
        /// Grafana dashboards (JSON).
        #[arg(long, num_args = 1..)]
        dashboard: Vec<PathBuf>,
    },
}

/// Every generated file: (path relative to the root, contents).
fn outputs(schema: &Schema, dashboard: &serde_json::Value) -> Vec<(&'static str, String)> {
    let dash = serde_json::to_string_pretty(dashboard).unwrap_or_default() + "\n";
    vec![
        ("dashboards/raft.json", dash),
        ("alerts/raft-alerts.yml", rules::to_yaml(schema)),
        ("docs/METRICS.md", docs::markdown(schema)),
    ]
}

fn render(report: &Report) {
    let file = SimpleFile::new(report.file_name.clone(), report.source.clone());
    let writer = StandardStream::stderr(ColorChoice::Auto);
    let config = term::Config::default();
    for d in &report.diagnostics {
        let sev = match d.severity {
            raft_metrics_schema::Severity::Error => Severity::Error,
            raft_metrics_schema::Severity::Warning => Severity::Warning,
        };
        let mut diag = Diagnostic::new(sev)
            .with_message(&d.message)
            .with_labels(vec![Label::primary((), d.span.clone())]);
        if let Some(h) = &d.help {
            diag = diag.with_notes(vec![format!("help: {h}")]);
        }
        let (line, col) = report.line_col(d.span.start);
        eprintln!("{}:{line}:{col}:", report.file_name);
        let _ = term::emit_to_write_style(&mut writer.lock(), &config, &file, &diag);
    }
}

fn load(path: &Path) -> Option<Schema> {
    let name = path.display().to_string();
    match raft_metrics_schema::load(path, &name) {
        Ok((schema, warnings)) => {
            render(&warnings);
            Some(schema)
        }
        Err(report) => {
            render(&report);
            eprintln!("error: {} has {} error(s)", name, report.errors().count());
            None
        }
    }
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
    let Some(schema) = load(&cli.schema) else {
        return ExitCode::FAILURE;
    };
    match cli.command {
        Command::Generate { out } => {
            let dash = dashboard::dashboard(&schema);
            for (rel, text) in outputs(&schema, &dash) {
                let path = out.join(rel);
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
            let found = lint::lint_generated(&schema, &dash);
            let (errors, _) = print_findings(&found);
            if errors > 0 {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Command::Check { out } => {
            let dash = dashboard::dashboard(&schema);
            let mut stale = 0;
            for (rel, text) in outputs(&schema, &dash) {
                let path = out.join(rel);
                let current = std::fs::read_to_string(&path).unwrap_or_default();
                if current != text {
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
            let found = lint::lint_generated(&schema, &dash);
            let (errors, warnings) = print_findings(&found);
            let queries = dashboard::panel_queries(&dash).len();
            println!(
                "checked {} metrics, {} alerts, {} dashboard queries: {errors} errors, {warnings} warnings, {stale} stale files",
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
        Command::Lint { rules, dashboard } => {
            if rules.is_empty() && dashboard.is_empty() {
                eprintln!("error: give --rules FILE... and/or --dashboard FILE...");
                return ExitCode::from(2);
            }
            let mut found = Vec::new();
            let mut failed = false;
            for f in &rules {
                match std::fs::read_to_string(f) {
                    Ok(text) => match lint::lint_rules(&schema, &f.display().to_string(), &text) {
                        Ok(v) => found.extend(v),
                        Err(e) => {
                            eprintln!("error: {e}");
                            failed = true;
                        }
                    },
                    Err(e) => {
                        eprintln!("error: cannot read {}: {e}", f.display());
                        failed = true;
                    }
                }
            }
            for f in &dashboard {
                let parsed = std::fs::read_to_string(f)
                    .map_err(|e| e.to_string())
                    .and_then(|t| {
                        serde_json::from_str::<serde_json::Value>(&t).map_err(|e| e.to_string())
                    });
                match parsed {
                    Ok(v) => {
                        found.extend(lint::lint_dashboard(&schema, &f.display().to_string(), &v))
                    }
                    Err(e) => {
                        eprintln!("error: {}: {e}", f.display());
                        failed = true;
                    }
                }
            }
            let (errors, warnings) = print_findings(&found);
            println!("{errors} errors, {warnings} warnings");
            if failed || errors > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
