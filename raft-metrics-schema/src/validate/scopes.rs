//! `[[scope]]`: the label sets a bound handle fixes (`metrics.partition(topic, p)`).

use std::collections::HashSet;

use super::names::{is_rust_keyword, is_snake_case, RESERVED_METHODS};
use super::{did_you_mean_name, Validator};
use crate::model::{Label, Scope};
use crate::parse::{RawSchema, Spanned};

impl Validator<'_> {
    pub(super) fn scopes(&mut self, raw: &RawSchema, labels: &[Label]) -> Vec<Scope> {
        let mut out: Vec<Scope> = Vec::new();
        for s in &raw.scopes {
            let name = self.required(&s.name, &s.span, "[[scope]]", "name", "\"partition\"");
            let ls = self.required(
                &s.labels,
                &s.span,
                "[[scope]]",
                "labels",
                "[\"topic\", \"partition\"]",
            );
            let help = self.help(&s.help, &s.span, "[[scope]]");
            let (Some(name), Some(ls)) = (name, ls) else {
                continue;
            };
            let mut ok = true;
            if !is_snake_case(&name.value)
                || is_rust_keyword(&name.value)
                || RESERVED_METHODS.contains(&name.value.as_str())
            {
                self.sink.error(
                    name.span.clone(),
                    format!(
                        "scope name `{}` is not a usable snake_case method name",
                        name.value
                    ),
                    "use a snake_case noun such as \"partition\"",
                );
                ok = false;
            }
            if out.iter().any(|o| o.name == name.value) {
                self.sink.error(
                    name.span.clone(),
                    format!("scope `{}` is defined twice", name.value),
                    "remove or rename one of them",
                );
                ok = false;
            }
            if ls.value.is_empty() {
                self.sink.error(
                    ls.span.clone(),
                    "a scope needs at least one label",
                    "list the labels that identify the scope, e.g. [\"topic\", \"partition\"]",
                );
                ok = false;
            }
            let mut seen = HashSet::new();
            for l in &ls.value {
                if !seen.insert(l.value.as_str()) {
                    self.sink.error(
                        l.span.clone(),
                        format!("scope lists label `{}` twice", l.value),
                        "remove the duplicate",
                    );
                    ok = false;
                }
                ok &= self.scope_label(&name.value, l, labels);
            }
            if ok {
                out.push(Scope {
                    name: name.value.clone(),
                    labels: ls.value.iter().map(|l| l.value.clone()).collect(),
                    help: help.unwrap_or_default(),
                    span: s.span.clone(),
                });
            }
        }
        out
    }

    /// A scope label must be defined, open and not constant.
    fn scope_label(&mut self, scope: &str, l: &Spanned<String>, labels: &[Label]) -> bool {
        match labels.iter().find(|d| d.name == l.value) {
            None => {
                self.sink.error(
                    l.span.clone(),
                    format!("scope `{scope}` names unknown label `{}`", l.value),
                    format!(
                        "{}define it with [[label]] name = \"{}\"",
                        did_you_mean_name(&l.value, labels.iter().map(|d| d.name.as_str())),
                        l.value
                    ),
                );
                false
            }
            Some(d) if d.constant => {
                self.sink.error(
                    l.span.clone(),
                    format!(
                        "label `{}` is constant (set at registration); it cannot scope a handle",
                        l.value
                    ),
                    "remove it from the scope",
                );
                false
            }
            Some(d) if d.enum_values().is_some() => {
                self.sink.error(l.span.clone(), format!("scope label `{}` is an enum; enum-labelled series are already resolved at registration", l.value), "scope by open labels (string, u32, u64) such as topic and partition");
                false
            }
            Some(_) => true,
        }
    }
}
