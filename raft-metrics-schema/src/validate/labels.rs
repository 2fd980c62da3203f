//! `[[label]]`: names, kinds, enum values, budgets and old names.

use std::ops::Range;

use heck::ToUpperCamelCase;

use super::names::{is_ident, is_rust_keyword, is_snake_case, PRELUDE_TYPES};
use super::Validator;
use crate::model::{EnumValue, Label, LabelKind, LabelType};
use crate::parse::{RawLabel, RawSchema, Spanned};

impl Validator<'_> {
    pub(super) fn labels(&mut self, raw: &RawSchema) -> Vec<Label> {
        let mut out: Vec<Label> = Vec::new();
        for l in &raw.labels {
            let name = self.required(&l.name, &l.span, "[[label]]", "name", "\"topic\"");
            let kind = self.required(&l.kind, &l.span, "[[label]]", "kind", "\"string\"");
            let help = self.help(&l.help, &l.span, "[[label]]");
            let Some(name) = name else { continue };
            let mut ok = self.label_name(name);
            if out.iter().any(|o| o.name == name.value) {
                self.sink.error(
                    name.span.clone(),
                    format!("label `{}` is defined twice", name.value),
                    "labels are shared by metrics: define each once and list it in every metric that uses it",
                );
                ok = false;
            }
            let Some(label_type) =
                kind.and_then(|k| self.word::<LabelType>(k, "label kind", "kind"))
            else {
                continue;
            };
            let kind = match label_type {
                LabelType::Enum => self.enum_kind(l, name),
                open => self.open_kind(l, name, open),
            };
            let (Some(kind), true) = (kind, ok) else {
                continue;
            };
            if let Some(m) = l.max_values.as_ref().filter(|m| m.value == 0) {
                self.sink.error(
                    m.span.clone(),
                    "max_values must be at least 1",
                    "set the most distinct values you expect",
                );
            }
            let fold = l.fold.as_ref().is_some_and(|f| f.value);
            if let (Some(f), true) = (
                &l.fold,
                fold && l.constant.as_ref().is_some_and(|c| c.value),
            ) {
                self.sink.error(
                    f.span.clone(),
                    format!("label `{}` is constant: it is on every series at both levels, and never folds", name.value),
                    "remove `fold`",
                );
            }
            out.push(Label {
                name: name.value.clone(),
                kind,
                help: help.unwrap_or_default(),
                max_values: l.max_values.as_ref().map(|m| m.value),
                constant: l.constant.as_ref().is_some_and(|c| c.value),
                old_names: self.old_label_names(l),
                fold,
                span: l.span.clone(),
            });
        }
        self.check_old_label_names(raw, &out);
        out
    }

    /// An enum label: its Rust type name and values; its budget is its number of values.
    fn enum_kind(&mut self, l: &RawLabel, name: &Spanned<String>) -> Option<LabelKind> {
        let mut ok = true;
        let type_name = match &l.type_name {
            Some(t) => {
                if t.value.to_upper_camel_case() != t.value || !is_ident(&t.value) {
                    self.sink.error(
                        t.span.clone(),
                        format!("type_name `{}` is not a CamelCase Rust identifier", t.value),
                        "write it like \"RpcKind\"",
                    );
                    ok = false;
                }
                t.value.clone()
            }
            None => {
                let t = name.value.to_upper_camel_case();
                if PRELUDE_TYPES.contains(&t.as_str()) {
                    self.sink.error(
                        name.span.clone(),
                        format!("enum label `{}` would become the Rust type `{t}`, which shadows a standard type", name.value),
                        format!("add `type_name = \"{t}Label\"` (or another name) to this label"),
                    );
                    ok = false;
                }
                t
            }
        };
        let values = self.enum_values(l.values.as_ref(), &l.span, &name.value);
        if let Some(m) = &l.max_values {
            self.sink.error(
                m.span.clone(),
                "max_values is for open labels; an enum's budget is its number of values",
                "remove `max_values` from this enum label",
            );
        }
        let values = values?;
        ok.then_some(LabelKind::Enum { type_name, values })
    }

    /// An open label (string or integer): it needs a budget unless it is constant.
    fn open_kind(
        &mut self,
        l: &RawLabel,
        name: &Spanned<String>,
        kind: LabelType,
    ) -> Option<LabelKind> {
        let mut ok = true;
        if let Some(v) = &l.values {
            self.sink.error(
                v.span.clone(),
                format!("`values` is only for enum labels, not {kind}"),
                "remove `values`, or set `kind = \"enum\"`",
            );
            ok = false;
        }
        if let Some(t) = &l.type_name {
            self.sink.error(
                t.span.clone(),
                "`type_name` is only for enum labels",
                "remove `type_name`",
            );
            ok = false;
        }
        let constant = l.constant.as_ref().is_some_and(|c| c.value);
        if l.max_values.is_none() && !constant {
            self.sink.error(
                name.span.clone(),
                format!("open label `{}` has no cardinality budget", name.value),
                "add `max_values = N`: the most distinct values you expect (excess values fold into one overflow value)",
            );
            ok = false;
        }
        let kind = match kind {
            LabelType::Str => LabelKind::Str,
            LabelType::U32 => LabelKind::U32,
            _ => LabelKind::U64,
        };
        ok.then_some(kind)
    }

    fn old_label_names(&mut self, l: &RawLabel) -> Vec<String> {
        let Some(list) = &l.old_names else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for o in &list.value {
            if self.label_name(o) {
                out.push(o.value.clone());
            }
        }
        out
    }

    /// An old name must not be a current label's name, nor the old name of two labels.
    fn check_old_label_names(&mut self, raw: &RawSchema, labels: &[Label]) {
        let mut seen: Vec<&str> = Vec::new();
        for o in raw
            .labels
            .iter()
            .filter_map(|l| l.old_names.as_ref())
            .flat_map(|l| &l.value)
        {
            if labels.iter().any(|l| l.name == o.value) {
                self.sink.error(
                    o.span.clone(),
                    format!("old name `{}` is the name of a current label", o.value),
                    "an old name records a rename: remove it, or rename the current label",
                );
            } else if seen.contains(&o.value.as_str()) {
                self.sink.error(
                    o.span.clone(),
                    format!("old name `{}` is listed by two labels", o.value),
                    "list each old name under the one label that replaced it",
                );
            }
            seen.push(&o.value);
        }
    }

    /// A label name Prometheus accepts, that clashes with nothing Prometheus adds, and that is
    /// a Rust parameter name.
    fn label_name(&mut self, name: &Spanned<String>) -> bool {
        let n = name.value.as_str();
        let problem = if n.starts_with("__") {
            Some((
                format!("label `{n}` starts with `__`, which Prometheus reserves for internal use"),
                "drop the leading underscores",
            ))
        } else if n == "le" || n == "quantile" {
            Some((
                format!("label `{n}` is reserved: Prometheus uses it for histogram buckets and summary quantiles"),
                "rename it, e.g. \"limit\" or \"percentile\"",
            ))
        } else if n == "job" || n == "instance" {
            Some((
                format!("label `{n}` clashes with the target label Prometheus adds at scrape time"),
                "rename it, e.g. \"node\"",
            ))
        } else if !is_snake_case(n) {
            Some((
                format!("label `{n}` is not snake_case"),
                "use lowercase letters, digits and single underscores",
            ))
        } else if !is_ident(n) || is_rust_keyword(n) {
            Some((
                format!("label `{n}` is not usable as a Rust parameter name"),
                "pick another name (not a Rust keyword)",
            ))
        } else {
            None
        };
        match problem {
            Some((message, help)) => {
                self.sink.error(name.span.clone(), message, help);
                false
            }
            None => true,
        }
    }

    fn enum_values(
        &mut self,
        values: Option<&Spanned<Vec<Spanned<String>>>>,
        span: &Range<usize>,
        label: &str,
    ) -> Option<Vec<EnumValue>> {
        let Some(values) = values else {
            self.sink.error(
                span.start..span.start,
                format!("enum label `{label}` has no `values`"),
                "add `values = [\"a\", \"b\"]` listing every value the label can take",
            );
            return None;
        };
        if values.value.is_empty() {
            self.sink.error(
                values.span.clone(),
                format!("enum label `{label}` has no values"),
                "list at least one value, e.g. values = [\"success\", \"failure\"]",
            );
            return None;
        }
        let mut out: Vec<EnumValue> = Vec::new();
        let mut ok = true;
        for v in &values.value {
            match self.enum_value(v, label, &out) {
                Some(e) => out.push(e),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// One enum value: unique, snake_case, and a distinct Rust variant.
    fn enum_value(
        &mut self,
        v: &Spanned<String>,
        label: &str,
        seen: &[EnumValue],
    ) -> Option<EnumValue> {
        let variant = v.value.to_upper_camel_case();
        let problem = if seen.iter().any(|o| o.value == v.value) {
            Some((
                format!("enum label `{label}` lists `{}` twice", v.value),
                "remove the duplicate value".to_string(),
            ))
        } else if !is_ident(&variant) || !v.value.starts_with(|c: char| c.is_ascii_alphabetic()) {
            Some((
                format!("enum value `{}` of label `{label}` does not make a Rust identifier (it becomes `{variant}`)", v.value),
                "values must start with a letter, e.g. \"leader\" instead of \"1\"".to_string(),
            ))
        } else if !is_snake_case(&v.value) {
            Some((
                format!(
                    "enum value `{}` of label `{label}` is not snake_case",
                    v.value
                ),
                format!(
                    "write it as \"{}\"",
                    heck::ToSnakeCase::to_snake_case(v.value.as_str())
                ),
            ))
        } else if seen.iter().any(|o| o.variant == variant) {
            Some((
                format!("enum value `{}` of label `{label}` gives the same Rust variant `{variant}` as another value", v.value),
                "make the values differ by more than case or underscores".to_string(),
            ))
        } else {
            None
        };
        match problem {
            Some((message, help)) => {
                self.sink.error(v.span.clone(), message, help);
                None
            }
            None => Some(EnumValue {
                value: v.value.clone(),
                variant,
            }),
        }
    }
}
