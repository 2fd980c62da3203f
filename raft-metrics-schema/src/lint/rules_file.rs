//! The rule-file front end: a Prometheus rule file (or a PrometheusRule resource) read with the
//! position of every expression.

use marked_yaml::loader::{parse_yaml_with_options, LoaderOptions};
use marked_yaml::types::{MarkedMappingNode, Node};
use marked_yaml::LoadError;

use super::text::{clamp, decode, InputError};
use crate::promql::Finding;

/// The keys Prometheus accepts in a rule; any other makes it reject the file.
const RULE_KEYS: &[&str] = &[
    "record",
    "alert",
    "expr",
    "for",
    "keep_firing_for",
    "labels",
    "annotations",
];

#[derive(Clone, Debug)]
pub struct RuleFile {
    pub file: String,
    pub rules: Vec<Rule>,
    /// What Prometheus would reject in the file's rules, found while reading it.
    pub problems: Vec<Problem>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind {
    Alert,
    Record,
}

/// One rule, with the position of its expression.
#[derive(Clone, Debug)]
pub struct Rule {
    pub kind: RuleKind,
    pub name: String,
    pub expr: String,
    pub line: usize,
    pub column: usize,
}

impl Rule {
    pub fn what(&self) -> String {
        match self.kind {
            RuleKind::Alert => format!("alert {}", self.name),
            RuleKind::Record => format!("recording rule {}", self.name),
        }
    }
}

/// A finding about a file's structure, at a position.
#[derive(Clone, Debug)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub what: String,
    pub finding: Finding,
}

fn pos(node: &Node) -> (usize, usize) {
    node.span()
        .start()
        .map_or((1, 1), |m| (m.line(), m.column()))
}

fn load_error(file: &str, text: &str, e: &LoadError) -> InputError {
    let (marker, message) = match e {
        LoadError::TopLevelMustBeMapping(m) => (
            Some(m),
            "not a Prometheus rule file: the top level must be a mapping with `groups:`"
                .to_string(),
        ),
        LoadError::ScanError(m, s) => (Some(m), format!("not valid YAML: {}", s.info())),
        LoadError::DuplicateKey(d) => (
            d.key.span().start(),
            format!(
                "duplicate key `{}`, which Prometheus rejects",
                d.key.as_str()
            ),
        ),
        LoadError::UnexpectedAnchor(m) => {
            (Some(m), "YAML anchors are not supported by lint".into())
        }
        LoadError::UnexpectedTag(m) => (Some(m), "YAML tags are not supported by lint".into()),
        LoadError::MappingKeyMustBeScalar(m) => (Some(m), "a mapping key is not a scalar".into()),
        other => (None, other.to_string()),
    };
    let at = marker.map_or((1, 1), |m| (m.line(), m.column()));
    InputError::at(file, clamp(text, at), message)
}

/// Read a rule file. A file Prometheus could not load at all is an `InputError`; a rule it
/// would reject is a `Problem`.
pub fn read(file: &str, bytes: &[u8]) -> Result<RuleFile, InputError> {
    let text = decode(file, bytes)?;
    let mut out = RuleFile {
        file: file.to_string(),
        rules: Vec::new(),
        problems: Vec::new(),
    };
    let is_blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim() == "---");
    if is_blank {
        // Prometheus loads an empty rule file.
        return Ok(out);
    }
    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    let root = parse_yaml_with_options(0, text, options).map_err(|e| load_error(file, text, &e))?;
    let top = root.as_mapping().ok_or_else(|| {
        InputError::at(
            file,
            pos(&root),
            "not a Prometheus rule file: the top level is not a mapping",
        )
    })?;
    // A PrometheusRule resource (prometheus-operator) holds the groups under `spec:`.
    let groups = top
        .get_node("groups")
        .or_else(|| top.get_mapping("spec").and_then(|s| s.get_node("groups")))
        .ok_or_else(|| {
            InputError::at(
                file,
                (1, 1),
                "not a Prometheus rule file: no top-level `groups:` list",
            )
        })?;
    let groups = groups
        .as_sequence()
        .ok_or_else(|| InputError::at(file, pos(groups), "`groups:` is not a list"))?;
    for g in groups.iter() {
        let group = g
            .as_mapping()
            .ok_or_else(|| InputError::at(file, pos(g), "a group is not a mapping"))?;
        let Some(rules) = group.get_node("rules") else {
            continue;
        };
        let rules = rules
            .as_sequence()
            .ok_or_else(|| InputError::at(file, pos(rules), "`rules:` is not a list"))?;
        for r in rules.iter() {
            let rule = r
                .as_mapping()
                .ok_or_else(|| InputError::at(file, pos(r), "a rule is not a mapping"))?;
            read_rule(&mut out, rule, pos(r));
        }
    }
    Ok(out)
}

fn read_rule(out: &mut RuleFile, rule: &MarkedMappingNode, at: (usize, usize)) {
    let (kind, name) = match (rule.get_scalar("alert"), rule.get_scalar("record")) {
        (Some(a), None) => (RuleKind::Alert, a.as_str().to_string()),
        (None, Some(r)) => (RuleKind::Record, r.as_str().to_string()),
        (a, _) => {
            let message = if a.is_some() {
                "a rule has both `alert:` and `record:`"
            } else {
                "a rule has neither `alert:` nor `record:`"
            };
            problem(out, at, "rule", message, "give it one of them");
            return;
        }
    };
    let what = match kind {
        RuleKind::Alert => format!("alert {name}"),
        RuleKind::Record => format!("recording rule {name}"),
    };
    for (key, _) in rule.iter() {
        let k = key.as_str();
        if RULE_KEYS.contains(&k) {
            continue;
        }
        let kp = key.span().start().map_or(at, |m| (m.line(), m.column()));
        if k == "severity" {
            problem(
                out,
                kp,
                &what,
                "`severity` sits outside `labels:`, so Prometheus rejects the rule",
                "move it under `labels:`",
            );
        } else {
            problem(
                out,
                kp,
                &what,
                &format!("unknown key `{k}` in a rule, which Prometheus rejects"),
                "a rule has record or alert, expr, for, keep_firing_for, labels and annotations",
            );
        }
    }
    let Some(expr) = rule.get_node("expr") else {
        problem(
            out,
            at,
            &what,
            "the rule has no `expr:`",
            "add the PromQL expression",
        );
        return;
    };
    let (line, column) = pos(expr);
    out.rules.push(Rule {
        kind,
        name,
        expr: expr
            .as_scalar()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        line,
        column,
    });
}

fn problem(
    out: &mut RuleFile,
    (line, column): (usize, usize),
    what: &str,
    message: &str,
    help: &str,
) {
    out.problems.push(Problem {
        line,
        column,
        what: what.to_string(),
        finding: Finding {
            error: true,
            message: message.to_string(),
            help: help.to_string(),
        },
    });
}
