//! Diagnostics: every problem found in a schema, with its byte span, so that callers can
//! render `FILE:LINE:COL` (the proc-macro, as text) or a full report (the CLI).

use std::fmt;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Byte range in the source; empty ranges point at a position.
    pub span: Range<usize>,
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(span, message)
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A set of diagnostics about one source file (and the base schema it extends, if any).
#[derive(Clone, Debug)]
pub struct Report {
    pub file_name: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The base schema laid under `source`: spans from `offset` on are in its text.
    pub base: Option<Box<BaseSource>>,
}

/// The text of the base schema a file extends; its spans start at `offset`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseSource {
    pub file_name: String,
    pub text: String,
    pub offset: usize,
}

/// Where a span starts: the file, its text, the offset inside it, whether it is the base.
#[derive(Clone, Copy, Debug)]
pub struct Location<'a> {
    pub file_name: &'a str,
    pub source: &'a str,
    pub offset: usize,
    pub in_base: bool,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The file a byte offset is in, and the offset inside it.
    pub fn locate(&self, offset: usize) -> Location<'_> {
        match &self.base {
            Some(b) if offset >= b.offset => Location {
                file_name: &b.file_name,
                source: &b.text,
                offset: offset - b.offset,
                in_base: true,
            },
            _ => Location {
                file_name: &self.file_name,
                source: &self.source,
                offset,
                in_base: false,
            },
        }
    }

    /// 1-based line and column (in characters) of a byte offset, in the file it is in.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let at = self.locate(offset);
        line_col(at.source, at.offset)
    }

    /// One diagnostic as `file:line:col: error: message` plus an indented help line.
    pub fn render_one(&self, d: &Diagnostic) -> String {
        let kind = match d.severity {
            Severity::Error => "error: ",
            Severity::Warning => "warning: ",
        };
        self.render(d, kind)
    }

    /// As [`Report::render_one`] without the severity word (rustc's `error:` already says it).
    pub fn render_compact(&self, d: &Diagnostic) -> String {
        self.render(d, "")
    }

    fn render(&self, d: &Diagnostic, kind: &str) -> String {
        let at = self.locate(d.span.start);
        let (line, col) = line_col(at.source, at.offset);
        let base = if at.in_base {
            "in the base schema: "
        } else {
            ""
        };
        let mut s = format!("{}:{line}:{col}: {kind}{base}{}", at.file_name, d.message);
        if let Some(help) = &d.help {
            s.push_str("\n  help: ");
            s.push_str(help);
        }
        s
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            f.write_str(&self.render_one(d))?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    // Offsets from the TOML parser are char boundaries; clamp defensively anyway.
    let mut end = offset;
    while end > 0 && !source.is_char_boundary(end) {
        end -= 1;
    }
    let before = &source[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Collects diagnostics while a pass walks the schema.
#[derive(Default, Debug)]
pub struct Sink {
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let help = help.into();
        let d = Diagnostic::error(span, message);
        self.push(if help.is_empty() { d } else { d.help(help) });
    }

    pub fn warning(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let help = help.into();
        let d = Diagnostic::warning(span, message);
        self.push(if help.is_empty() { d } else { d.help(help) });
    }
}

/// The closest candidate, for "did you mean" hints.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_chars() {
        let src = "a = 1\nbé = 2\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        // 'é' is two bytes but one column.
        assert_eq!(line_col(src, 9), (2, 3));
        assert_eq!(line_col(src, 999), (3, 1));
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(suggest("bukets", ["buckets", "labels"]), Some("buckets"));
        assert_eq!(suggest("zzz", ["buckets", "labels"]), None);
    }
}
