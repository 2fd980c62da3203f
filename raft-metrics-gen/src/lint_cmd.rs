//! `lint`: read rule files and dashboards, check them against the schema, and print every
//! finding on stdout as text, JSON or GitHub Actions workflow commands.
//! Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 unusable input.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use codespan_reporting::term::termcolor::{
    Color, ColorChoice, ColorSpec, StandardStream, WriteColor,
};
use raft_metrics_schema::lint::{self, dashboard_file, rules_file, InputError, Located};
use raft_metrics_schema::Schema;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    /// `FILE:LINE:COL: error: ...`, coloured on a terminal unless NO_COLOR is set.
    Text,
    /// One JSON document: findings, unusable inputs and counts.
    Json,
    /// GitHub Actions workflow commands (`::error file=...,line=...::...`).
    Github,
}

/// Everything one lint run found.
pub struct Outcome {
    pub findings: Vec<Located>,
    pub unusable: Vec<InputError>,
}

impl Outcome {
    fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.finding.error).count()
    }

    fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    pub fn exit_code(&self) -> ExitCode {
        if !self.unusable.is_empty() {
            ExitCode::from(2)
        } else if self.errors() > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

fn read_bytes(path: &PathBuf) -> Result<Vec<u8>, InputError> {
    std::fs::read(path).map_err(|e| {
        InputError::at(
            &path.display().to_string(),
            (1, 1),
            format!("cannot read: {e}"),
        )
    })
}

/// Read every file (each failure is one unusable input) and lint what could be read.
pub fn run(schema: &Schema, rules: &[PathBuf], dashboards: &[PathBuf]) -> Outcome {
    let mut unusable = Vec::new();
    let mut rule_files = Vec::new();
    for f in rules {
        match read_bytes(f).and_then(|b| rules_file::read(&f.display().to_string(), &b)) {
            Ok(r) => rule_files.push(r),
            Err(e) => unusable.push(e),
        }
    }
    let mut dash_files = Vec::new();
    for f in dashboards {
        match read_bytes(f).and_then(|b| dashboard_file::read(&f.display().to_string(), &b)) {
            Ok(d) => dash_files.push(d),
            Err(e) => unusable.push(e),
        }
    }
    Outcome {
        findings: lint::lint(schema, &rule_files, &dash_files),
        unusable,
    }
}

/// Print an outcome on stdout in the chosen format.
pub fn print(outcome: &Outcome, format: LintFormat) {
    let stdout = std::io::stdout();
    let text = match format {
        LintFormat::Json => json(outcome),
        LintFormat::Github => github(outcome),
        LintFormat::Text => {
            let colour = if std::io::IsTerminal::is_terminal(&stdout) {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            };
            let mut out = StandardStream::stdout(colour);
            let _ = text(&mut out, outcome);
            return;
        }
    };
    let _ = writeln!(stdout.lock(), "{text}");
}

fn text(out: &mut StandardStream, o: &Outcome) -> std::io::Result<()> {
    let severity = |out: &mut StandardStream, error: bool| -> std::io::Result<()> {
        let (colour, word) = if error {
            (Color::Red, "error")
        } else {
            (Color::Yellow, "warning")
        };
        out.set_color(ColorSpec::new().set_fg(Some(colour)).set_bold(true))?;
        write!(out, "{word}")?;
        out.reset()
    };
    for e in &o.unusable {
        write!(out, "{}:{}:{}: ", e.file, e.line, e.column)?;
        severity(out, true)?;
        writeln!(out, ": {}\n", e.message)?;
    }
    for f in &o.findings {
        let l = &f.location;
        write!(out, "{}:{}:{}: ", l.file, l.line, l.column)?;
        severity(out, f.finding.error)?;
        writeln!(out, ": {}", f.finding.message)?;
        writeln!(out, "  in: {}", l.what)?;
        if !f.expr.is_empty() {
            writeln!(out, "  expr: {}", f.expr.trim())?;
        }
        if !f.finding.help.is_empty() {
            writeln!(out, "  help: {}", f.finding.help)?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} errors, {} warnings, {} unusable files",
        o.errors(),
        o.warnings(),
        o.unusable.len()
    )
}

fn json(o: &Outcome) -> String {
    let findings: Vec<serde_json::Value> = o
        .findings
        .iter()
        .map(|f| {
            serde_json::json!({
                "file": f.location.file,
                "line": f.location.line,
                "column": f.location.column,
                "in": f.location.what,
                "severity": if f.finding.error { "error" } else { "warning" },
                "message": f.finding.message,
                "help": f.finding.help,
                "expr": f.expr,
            })
        })
        .collect();
    let unusable: Vec<serde_json::Value> = o
        .unusable
        .iter()
        .map(|e| serde_json::json!({"file": e.file, "line": e.line, "column": e.column, "message": e.message}))
        .collect();
    let doc = serde_json::json!({
        "errors": o.errors(),
        "warnings": o.warnings(),
        "findings": findings,
        "unusable": unusable,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// Workflow-command escaping: data escapes `%`, CR and LF; properties also `:` and `,`.
fn escape(s: &str, property: bool) -> String {
    let mut out = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

fn github(o: &Outcome) -> String {
    let mut lines = Vec::new();
    let command = |kind: &str, file: &str, line: usize, col: usize, title: &str, message: &str| {
        format!(
            "::{kind} file={},line={line},col={col},title={}::{}",
            escape(file, true),
            escape(title, true),
            escape(message, false)
        )
    };
    for e in &o.unusable {
        lines.push(command(
            "error",
            &e.file,
            e.line,
            e.column,
            "unusable input",
            &e.message,
        ));
    }
    for f in &o.findings {
        let l = &f.location;
        let kind = if f.finding.error { "error" } else { "warning" };
        let message = if f.finding.help.is_empty() {
            f.finding.message.clone()
        } else {
            format!("{}\nhelp: {}", f.finding.message, f.finding.help)
        };
        lines.push(command(kind, &l.file, l.line, l.column, &l.what, &message));
    }
    lines.push(format!(
        "{} errors, {} warnings, {} unusable files",
        o.errors(),
        o.warnings(),
        o.unusable.len()
    ));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_what_would_end_them() {
        assert_eq!(escape("a:b,c%\nd", true), "a%3Ab%2Cc%25%0Ad");
        assert_eq!(escape("a:b,c%\nd", false), "a:b,c%25%0Ad");
    }
}
